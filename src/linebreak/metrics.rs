//! Line metrics in O(1): prefix sums over units and gaps give, for any candidate line
//! `[a, b)`, its natural width, its push-in capacity per priority class and its
//! expansion capacity, with the line-edge rules applied at `a` and `b` (opening
//! bracket trimmed at the start, full-width mark halved at the end, trailing spaces
//! dropped, optional hanging mark). The breaker evaluates thousands of candidate lines;
//! this is what keeps it fast.

use super::model::{Gap, Unit};
use super::punct::{SQ_CLASSES, SQ_LATIN};

/// Prefix sums, one row per boundary: row `k` covers units `0..k` and gaps `1..k` (gap
/// 0 is unused). Rows, not one vector per quantity: a candidate line reads three rows,
/// i.e. a few cache lines, which is what makes the breaker's inner loop cheap.
#[derive(Clone, Copy, Debug, Default)]
struct Row {
    natural: f64,
    squeeze: [f64; SQ_CLASSES],
    space_stretch: f64,
    gap_natural: f64,
    gap_shrink: f64,
    gap_stretch: f64,
    latin_n: u32,
    squeeze_n: [u32; SQ_CLASSES],
    space_n: u32,
    letters: u32,
    expand_n: u32,
    spread_n: u32,
    cjk_n: u32,
}

#[derive(Clone, Debug, Default)]
pub(crate) struct Sums {
    rows: Vec<Row>,
}

/// What a candidate line holds.
#[derive(Clone, Copy, Debug, Default)]
pub(crate) struct LineMetrics {
    /// Width with the edge rules applied, before any adjustment.
    pub natural: f64,
    /// Push-in capacity per class (`punct::SQ_*`) and how many items share it.
    pub shrink: [f64; SQ_CLASSES],
    pub shrink_n: [u32; SQ_CLASSES],
    /// Word spaces on the line: what they may widen before inter-character expansion
    /// (to ½ em each), and how many there are (each then takes the per-gap expansion,
    /// cjk-rules.md §4.2).
    pub space_stretch: f64,
    pub space_n: u32,
    /// What Han–Latin gaps may widen (to ¼ em) before inter-character expansion, and
    /// how many may.
    pub latin_stretch: f64,
    pub latin_n: u32,
    /// Gaps where inter-character expansion may go (Han–Latin gaps included).
    pub expand_n: u32,
    /// Blank an opening bracket right after the first-line indent may take back before
    /// any inter-character expansion (see `Prepared::metrics`).
    pub edge_stretch: f64,
    /// Gaps outside words, numbers and addresses, for emergency spacing when a line
    /// has no legal expansion point (never letter-spacing, cjk-rules.md §6.2).
    pub spread_n: u32,
    /// Width of the hyphen a line ending at a hyphenation point shows (included in
    /// `natural`).
    pub hyphen: f64,
    /// Units `[a, content_end)` occupy the measure; the rest are trailing spaces or
    /// the hung mark.
    pub content_end: usize,
    /// The unit that ends the line (its line-end trim applied): the last unit that is
    /// not a trailing space. Equal to `content_end` when that unit hangs.
    pub end_unit: usize,
    pub hung: bool,
    /// Letter-like units on the line (孤字 test).
    pub letters: u32,
    /// CJK units on the line (a line without any is Latin: a word or an address).
    pub cjk_n: u32,
}

impl Sums {
    pub fn new(units: &[Unit], gaps: &[Gap]) -> Sums {
        let mut rows = Vec::with_capacity(units.len() + 1);
        let mut acc = Row::default();
        rows.push(acc);
        for (u, g) in units.iter().zip(gaps) {
            acc.natural += u.natural();
            let sq = u.squeeze_l + u.squeeze_r;
            acc.squeeze[u.squeeze_class] += sq;
            acc.squeeze_n[u.squeeze_class] += u32::from(sq > 0.0);
            acc.space_n += u32::from(u.stretchy);
            acc.space_stretch += u.stretch;
            acc.letters += u32::from(u.class.is_letter_like());
            acc.gap_natural += g.natural;
            acc.gap_shrink += g.shrink;
            acc.gap_stretch += g.stretch;
            acc.latin_n += u32::from(g.stretch > 0.0);
            acc.expand_n += u32::from(g.expandable);
            acc.spread_n += u32::from(g.spreadable);
            acc.cjk_n += u32::from(u.cjk);
            rows.push(acc);
        }
        Sums { rows }
    }

    /// A cheap lower bound on the width of `[a, b)`: the units' natural widths, before
    /// edge trims and gaps (which only the full [`Sums::line`] applies).
    pub fn units_natural(&self, a: usize, b: usize) -> f64 {
        self.rows[b].natural - self.rows[a].natural
    }

    /// Natural width of the whole paragraph (units and gaps).
    pub fn total_natural(&self) -> f64 {
        self.rows.last().map_or(0.0, |r| r.natural + r.gap_natural)
    }

    /// Metrics of the line holding units `[a, b)`; `hang` asks for the variant whose
    /// last mark hangs past the measure (the caller checks [`can_hang`]).
    #[inline]
    pub fn line(&self, units: &[Unit], a: usize, b: usize, hang: bool) -> LineMetrics {
        let mut e = b;
        while e > a + 1 && units[e - 1].space_like {
            e -= 1;
        }
        let end_unit = e - 1;
        let content_end = if hang { end_unit } else { e };
        let mut m = LineMetrics {
            content_end,
            end_unit,
            hung: hang,
            ..LineMetrics::default()
        };
        let ce = content_end;
        let (ra, rc) = (&self.rows[a], &self.rows[ce]);
        m.natural = rc.natural - ra.natural;
        for c in 0..SQ_CLASSES {
            m.shrink[c] = rc.squeeze[c] - ra.squeeze[c];
            m.shrink_n[c] = rc.squeeze_n[c] - ra.squeeze_n[c];
        }
        m.space_n = rc.space_n - ra.space_n;
        m.space_stretch = rc.space_stretch - ra.space_stretch;
        m.letters = self.rows[e].letters - ra.letters;
        m.cjk_n = self.rows[e].cjk_n - ra.cjk_n;
        if ce > a + 1 {
            // Internal gaps a+1 ..= ce-1, i.e. rows ce and a+1.
            let r1 = &self.rows[a + 1];
            m.natural += rc.gap_natural - r1.gap_natural;
            m.shrink[SQ_LATIN] += rc.gap_shrink - r1.gap_shrink;
            m.expand_n = rc.expand_n - r1.expand_n;
            m.latin_stretch = rc.gap_stretch - r1.gap_stretch;
            m.latin_n = rc.latin_n - r1.latin_n;
            m.spread_n = rc.spread_n - r1.spread_n;
        }
        let first = &units[a];
        if a < ce {
            m.natural -= first.start_cut;
            m.shrink[first.squeeze_class] -= first.squeeze_l;
        }
        if !hang {
            let last = &units[end_unit];
            m.natural -= last.end_cut;
            m.shrink[last.squeeze_class] -= last.squeeze_r;
        }
        for s in &mut m.shrink {
            *s = s.max(0.0);
        }
        m
    }
}

/// Whether the line `[a, b)` may end with a hanging mark (cjk-rules.md §3.6): 、，。 only,
/// never after another mark (consecutive marks do not hang), never `——`.
pub(crate) fn can_hang(units: &[Unit], a: usize, b: usize) -> bool {
    let mut e = b;
    while e > a + 1 && units[e - 1].space_like {
        e -= 1;
    }
    e >= a + 2
        && units[e - 1].hangable
        && !units[e - 2].has_blank()
        && !units[e - 2].class.is_pause()
}

/// Width of the hung mark of `[a, b)` (it is set half width, as any line-end mark).
pub(crate) fn hung_width(units: &[Unit], end_unit: usize) -> f64 {
    let u = &units[end_unit];
    u.natural() - u.end_cut
}
