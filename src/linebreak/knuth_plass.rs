//! Optimal (total-fit) line breaking, Knuth–Plass style, with CJK glue: ideograph
//! gaps stretch, punctuation blanks shrink (cjk-rules.md §4.4). Costs are in em² of the
//! paragraph's body size, so they do not depend on the type size.
//!
//! Why these costs: the quality bar is even spacing between ideographs (gap standard
//! deviation ≤ 0.010 em) and no 孤字. So push-in is cheap (clreq does it routinely,
//! in its priority order), widening word and Han–Latin spaces is moderate, and
//! inter-character expansion is expensive — a line that needs ½ em over 13 gaps costs
//! about as much as pushing in 20 commas. A paragraph ending in one character costs
//! more than any ordinary amount of spacing.

use super::justify::{allocate, LineSpec};
use super::metrics::{can_hang, LineMetrics};
use super::model::Brk;
use super::punct::SQ_CLASSES;
use super::Prepared;
use crate::units::Pt;

/// Push-in weights in clreq priority order (word spaces, brackets, commas, Han–Latin
/// space, full stops): later classes cost more, so the optimum follows the order.
const SHRINK_WEIGHT: [f64; SQ_CLASSES] = [1.0, 1.5, 2.0, 3.0, 4.0, 6.0];
/// Giving an opening bracket after the indent its blank back (the indent looks ½ em
/// deeper; nothing on the page is uneven).
const EDGE_WEIGHT: f64 = 2.0;
/// Widening a word space toward ½ em (Latin practice: cheap next to ideograph gaps).
const SPACE_WEIGHT: f64 = 10.0;
/// Opening a Han–Latin gap toward ¼ em (it then looks like the house space of a
/// ¼-em house: cheaper than uneven ideograph gaps).
const LATIN_WEIGHT: f64 = 20.0;
/// Inter-character expansion, per gap (word spaces and Han–Latin gaps included): the
/// costly one (it shows as uneven grey).
const EXPAND_WEIGHT: f64 = 1000.0;
/// A loose line: more than this much expansion per gap, in em (cjk-rules.md §4.3).
pub(crate) const LOOSE_EM: f64 = 0.25;
/// What a loose line costs on top of its expansion: more than any ordinary spread of
/// a paragraph's lines, less than a 孤字. So the breaker takes a loose line only when
/// no legal set of breaks avoids it (pulling a character back, compressing more,
/// hyphenating a word), and then as few as it can.
const LOOSE_LINE: f64 = 2e4;
/// Per em² per gap of expansion past [`LOOSE_EM`]: the looser, the dearer.
const LOOSE_WEIGHT: f64 = 2e4;
/// A justified line with no legal expansion point but gaps outside words (around
/// punctuation beside a Latin word or an address): spaced there, as a loose line.
/// A line of one word or address that cannot be spaced at all is set flush to the
/// start (newspapers set a URL line ragged): cheaper than a loose line of Chinese,
/// whose holes run through the text, dearer than any ordinary line.
const UNDERFULL_LINE: f64 = 1e4;
/// A line holding Chinese that has nowhere to put its slack (a single character).
const UNJUSTIFIABLE: f64 = 1e9;
/// Per em² of the blank such a line leaves at its end.
const UNDERFULL_WEIGHT: f64 = 1e3;
/// Every line costs something, so the optimum does not add lines for nothing.
const LINE_COST: f64 = 5.0;
/// A last line holding one character (孤字, cjk-rules.md §5.2).
const ORPHAN: f64 = 1e5;
/// Raggedness of a non-justified line (start/centre/end alignment), per em².
const RAGGED_WEIGHT: f64 = 1.0;
/// A break at a boundary the strictness level forbids (only when nothing else fits).
const EMERGENCY: f64 = 1e7;
/// A single glyph wider than its measure: accepted only when unavoidable.
const OVERFULL: f64 = 1e12;
/// The most grapheme clusters a line may hold. A real line holds at most a few
/// hundred (a 200-character column of narrow Latin); without a bound a run of
/// zero-width or microscopic characters would keep every break before it in play, and
/// the breaker would grow quadratic with the paragraph (inputs are untrusted).
pub(crate) const MAX_LINE_UNITS: usize = 2000;

/// Line widths by line index, memoised, and the index from which they are constant
/// (nodes past it can be merged: the classic Knuth–Plass refinement).
pub(crate) struct Widths<'a> {
    f: &'a dyn Fn(usize) -> Pt,
    cache: Vec<f64>,
    stable_from: usize,
}

impl<'a> Widths<'a> {
    pub fn new(f: &'a dyn Fn(usize) -> Pt, probe: usize) -> Widths<'a> {
        let cache: Vec<f64> = (0..probe.max(1)).map(|i| f(i).0).collect();
        let last = cache[cache.len() - 1];
        let stable_from = cache
            .iter()
            .rposition(|&w| (w - last).abs() > 1e-9)
            .map_or(0, |i| i + 1);
        Widths {
            f,
            cache,
            stable_from,
        }
    }

    pub fn get(&mut self, line: usize) -> f64 {
        while self.cache.len() <= line {
            let w = (self.f)(self.cache.len()).0;
            self.cache.push(w);
            self.stable_from = self.cache.len();
        }
        self.cache[line]
    }

    fn key(&self, line: usize) -> usize {
        line.min(self.stable_from)
    }
}

#[derive(Clone, Copy, Debug)]
struct Node {
    pos: usize,
    line: usize,
    total: f64,
    prev: usize,
    hung: bool,
}

const ROOT: usize = usize::MAX;

/// Which candidate lines a run of [`Prepared::optimal`] considers.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Pass {
    /// Legal breaks; a justified line needing more than 1 em of expansion per
    /// character is not measured (it never wins against an ordinary layout).
    Normal,
    /// Legal breaks, every line measured: when the normal optimum ends in a 孤字, the
    /// cure may be a very loose line (cjk-rules.md §5.2: pull the previous line's last
    /// character down and spread that line), which the normal pass skipped.
    Loose,
    /// Every grapheme boundary is a candidate (illegal ones at a huge penalty), and a
    /// single glyph wider than the measure is accepted; this pass always succeeds.
    Emergency,
}

impl Prepared {
    /// The optimal breaks from unit `from` and their total cost. `None` when some
    /// stretch of text cannot be fitted legally (never in the emergency pass).
    pub(crate) fn optimal(
        &self,
        from: usize,
        widths: &mut Widths,
        pass: Pass,
    ) -> Option<(f64, Vec<LineSpec>)> {
        let emergency = pass == Pass::Emergency;
        let n = self.units.len();
        let mut nodes = vec![Node {
            pos: from,
            line: 0,
            total: 0.0,
            prev: ROOT,
            hung: false,
        }];
        let mut active = vec![0usize];
        let mut fresh: Vec<(usize, Node)> = Vec::with_capacity(4);
        let mut kept: Vec<usize> = Vec::with_capacity(32);
        for j in from + 1..=n {
            let brk = if j == n {
                Brk::Mandatory
            } else {
                self.gaps[j].brk
            };
            let penalty = match brk {
                Brk::Allowed(p) => p,
                Brk::Mandatory => 0.0,
                Brk::Never if emergency => EMERGENCY,
                Brk::Never => continue,
            };
            fresh.clear();
            let ragged = j == n || brk == Brk::Mandatory || !self.align.justifies();
            kept.clear();
            for &ni in &active {
                let node = nodes[ni];
                let measure = widths.get(node.line);
                // A line as long as a line may be is tried (a forced break, however it
                // fits), and its start retired.
                let full = j - node.pos >= MAX_LINE_UNITS;
                if pass == Pass::Normal
                    && !ragged
                    && !full
                    && self.hopelessly_short(node.pos, j, measure)
                {
                    kept.push(ni); // longer lines from this node may still fit
                } else if self.try_line(
                    &node, ni, j, measure, penalty, emergency, widths, &mut fresh,
                ) && !full
                {
                    kept.push(ni);
                }
            }
            std::mem::swap(&mut active, &mut kept);
            if brk == Brk::Mandatory {
                active.clear();
            }
            for &(_, node) in &fresh {
                nodes.push(node);
                active.push(nodes.len() - 1);
            }
            if active.is_empty() {
                return None;
            }
        }
        let best = fresh
            .iter()
            .min_by(|a, b| a.1.total.total_cmp(&b.1.total))?;
        Some((best.1.total, backtrack(&nodes, best.1)))
    }

    /// Whether a paragraph set as `specs` (from a resumed start `from`) ends in a 孤字
    /// that the breaker was asked to avoid.
    pub(crate) fn ends_in_orphan(&self, specs: &[LineSpec]) -> bool {
        !self.opts.allow_orphans
            && specs.last().is_some_and(|l| {
                l.start > 0 && l.end == self.units.len() && self.is_orphan(l.start)
            })
    }

    /// Evaluates the line from `node` to `j`; records the best new node per width key in
    /// `fresh`. Returns false when the node can be retired (every longer line is too long).
    #[allow(
        clippy::too_many_arguments,
        reason = "the inner loop's state, passed flat for speed"
    )]
    fn try_line(
        &self,
        node: &Node,
        ni: usize,
        j: usize,
        measure: f64,
        penalty: f64,
        emergency: bool,
        widths: &Widths,
        fresh: &mut Vec<(usize, Node)>,
    ) -> bool {
        let a = node.pos;
        let avail = measure - if a == 0 { self.indent } else { 0.0 };
        let last = j == self.units.len();
        let mandatory = !last && self.gaps[j].brk == Brk::Mandatory;
        let justified = self.align.justifies() && !last && !mandatory;
        let mut best: Option<(f64, bool)> = None;
        let mut excess = f64::INFINITY;
        for hang in [false, true] {
            if hang && !(self.opts.hangs() && can_hang(&self.units, a, j)) {
                continue;
            }
            let m = self.metrics(a, j, hang);
            let ragged = !self.align.justifies() && !last && !mandatory;
            let (cost, over) = self.line_cost(&m, avail, justified, ragged);
            excess = excess.min(over);
            if over <= 0.0 && best.is_none_or(|(c, _)| cost < c) {
                best = Some((cost, hang));
            }
        }
        if best.is_none() && emergency && j == a + 1 {
            best = Some((OVERFULL, false));
        }
        if let Some((cost, hung)) = best {
            let orphan = last && a > 0 && !self.opts.allow_orphans && self.is_orphan(a);
            let total = node.total + cost + penalty + LINE_COST + if orphan { ORPHAN } else { 0.0 };
            let key = widths.key(node.line + 1);
            let cand = Node {
                pos: j,
                line: node.line + 1,
                total,
                prev: ni,
                hung,
            };
            match fresh.iter_mut().find(|(k, _)| *k == key) {
                Some((_, old)) if old.total <= total => {}
                Some((_, old)) => *old = cand,
                None => fresh.push((key, cand)),
            }
        }
        // Retire the node once no longer line can fit: widths only grow with `j`, except
        // by a line-end trim (≤ ½ em) or a hanging mark (≤ 1 em).
        let slack = if self.opts.hangs() { 1.6 } else { 0.6 };
        excess <= slack * self.em_max
    }

    /// A justified line `[a, j)` so short that even 1 em of expansion per character
    /// would not fill it: not worth measuring in the normal pass (the loose and
    /// emergency passes measure everything).
    fn hopelessly_short(&self, a: usize, j: usize, measure: f64) -> bool {
        let avail = measure - if a == 0 { self.indent } else { 0.0 };
        self.sums.units_natural(a, j) + (j - a) as f64 * self.em_max < avail
    }

    /// Cost of a line and the excess (> 0: too long even with all push-in). `ragged`: a
    /// start/centre/end-aligned line that is not a paragraph's last (its blank costs, so
    /// lines stay even); a last line or one ended by a hard break is set solid for free.
    fn line_cost(&self, m: &LineMetrics, avail: f64, justified: bool, ragged: bool) -> (f64, f64) {
        let delta = avail - m.natural;
        let alloc = allocate(m, delta, justified);
        if alloc.overfull > 0.0 {
            return (f64::INFINITY, alloc.overfull);
        }
        let em = self.em;
        let sq = |x: f64| (x / em) * (x / em);
        let mut cost = 0.0;
        for ((used, n), w) in alloc.shrink.iter().zip(m.shrink_n).zip(SHRINK_WEIGHT) {
            if *used > 0.0 {
                cost += w * sq(*used) / f64::from(n.max(1));
            }
        }
        if justified {
            cost += EDGE_WEIGHT * sq(alloc.edge);
            cost += SPACE_WEIGHT * sq(alloc.space) / f64::from(m.space_n.max(1));
            cost += LATIN_WEIGHT * sq(alloc.latin) / f64::from(m.latin_n.max(1));
            let gaps = f64::from(m.expand_n + m.space_n);
            cost += EXPAND_WEIGHT * sq(alloc.expand) * gaps;
            let loose = alloc.expand - LOOSE_EM * em;
            if loose > 1e-9 {
                cost += LOOSE_LINE + LOOSE_WEIGHT * sq(loose) * gaps;
            }
            if alloc.emergency > 0.0 {
                let n = f64::from(m.spread_n);
                cost += LOOSE_LINE + (EXPAND_WEIGHT + LOOSE_WEIGHT) * sq(alloc.emergency) * n;
            }
            if alloc.underfull > 0.0 && m.cjk_n == 0 {
                cost += UNDERFULL_LINE + UNDERFULL_WEIGHT * sq(alloc.underfull);
            } else if alloc.underfull > 0.0 {
                // A Chinese line that cannot be justified (one character): only when
                // nothing else is possible.
                cost += UNJUSTIFIABLE * (1.0 + sq(alloc.underfull));
            }
        } else if ragged && delta > 0.0 {
            cost += RAGGED_WEIGHT * sq(delta);
        }
        (cost, 0.0)
    }

    /// The last line starting at unit `a` holds a single letter-like character and
    /// otherwise only punctuation or spaces (孤字, cjk-rules.md §5.2).
    fn is_orphan(&self, a: usize) -> bool {
        let m = self.metrics(a, self.units.len(), false);
        m.letters == 1
    }
}

fn backtrack(nodes: &[Node], last: Node) -> Vec<LineSpec> {
    let mut out = Vec::new();
    let mut node = last;
    while node.prev != ROOT {
        let prev = nodes[node.prev];
        out.push(LineSpec {
            start: prev.pos,
            end: node.pos,
            hung: node.hung,
        });
        node = prev;
    }
    out.reverse();
    out
}
