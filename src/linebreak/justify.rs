//! Justification (cjk-rules.md §4): how a line's difference from its measure is taken
//! up, and the placing of its glyphs. Push in before pushing out (先挤进，后推出):
//! a line that is too long first reduces blanks in clreq's priority order; a line that
//! is too short spreads the rest evenly over every legal gap — between ideographs, at
//! the Han–Latin boundaries and in word spaces alike (§4.2), so a Han–Latin gap never
//! exceeds its house space plus the line's per-gap expansion. Nothing is ever spaced
//! inside a Latin word, a number or an address (§6.2).

use super::metrics::{self, LineMetrics};
use super::punct::{SQ_CLASSES, SQ_LATIN};
use super::{Align, Line, PlacedGlyph, Prepared};
use crate::units::Pt;

/// How a line's adjustment is distributed.
#[derive(Clone, Copy, Debug, Default)]
pub(crate) struct Allocation {
    /// Push-in taken from each priority class.
    pub shrink: [f64; SQ_CLASSES],
    /// Blank given back to an opening bracket after the indent.
    pub edge: f64,
    /// Widening of word spaces toward ½ em and of Han–Latin gaps toward ¼ em (before
    /// any other expansion).
    pub space: f64,
    pub latin: f64,
    /// Expansion per expandable gap and per word space.
    pub expand: f64,
    /// Spacing per gap outside words when a line has no legal expansion point (last
    /// resort; never inside a word, a number or an address).
    pub emergency: f64,
    /// Excess that no push-in can absorb: the line does not fit.
    pub overfull: f64,
    /// Slack that could not be placed anywhere (a one-glyph justified line).
    pub underfull: f64,
}

/// Distributes `delta` (measure minus natural width). `stretch`: the line is
/// justified; otherwise only push-in is used (a last line is set solid, §4.1).
pub(crate) fn allocate(m: &LineMetrics, delta: f64, stretch: bool) -> Allocation {
    let mut a = Allocation::default();
    if delta < 0.0 {
        let mut need = -delta;
        for c in 0..SQ_CLASSES {
            let t = need.min(m.shrink[c]);
            a.shrink[c] = t;
            need -= t;
        }
        a.overfull = if need > 1e-9 { need } else { 0.0 };
    } else if stretch && delta > 0.0 {
        let mut need = delta;
        a.edge = need.min(m.edge_stretch);
        need -= a.edge;
        a.space = need.min(m.space_stretch);
        need -= a.space;
        a.latin = need.min(m.latin_stretch);
        need -= a.latin;
        if need > 1e-12 {
            let n = m.expand_n + m.space_n;
            if n > 0 {
                a.expand = need / f64::from(n);
            } else if m.spread_n > 0 {
                a.emergency = need / f64::from(m.spread_n);
            } else {
                a.underfull = need;
            }
        }
    }
    a
}

impl Allocation {
    /// Total width change (negative: push-in).
    pub fn total(&self, m: &LineMetrics) -> f64 {
        let shrink: f64 = self.shrink.iter().sum();
        self.edge
            + self.space
            + self.latin
            + self.expand * f64::from(m.expand_n + m.space_n)
            + self.emergency * f64::from(m.spread_n)
            - shrink
    }
}

fn ratio(used: f64, cap: f64) -> f64 {
    if cap > 0.0 {
        (used / cap).min(1.0)
    } else {
        0.0
    }
}

/// How the breaker decided a line should be set.
#[derive(Clone, Copy, Debug)]
pub(crate) struct LineSpec {
    pub start: usize,
    pub end: usize,
    pub hung: bool,
}

/// Placement state while walking a line.
struct Walk {
    x: f64,
    glyphs: Vec<PlacedGlyph>,
}

impl Prepared {
    /// Metrics of the line `[a, b)`. On the first line of an indented paragraph an
    /// opening bracket loses its ½-em blank (cjk-rules.md §3.4, §5.1), but the blank may
    /// come back before any inter-character expansion: the indent then reads 2.5 em
    /// instead of 2 (jlreq's "1.5-em" house pattern) and the ideographs stay solid.
    /// `Options::strict_indent_trim` turns this off.
    #[inline]
    pub(crate) fn metrics(&self, a: usize, b: usize, hang: bool) -> LineMetrics {
        let mut m = self.sums.line(&self.units, a, b, hang);
        if a == 0 && self.indent > 0.0 && !self.opts.strict_indent_trim {
            m.edge_stretch = self.units[0].start_cut;
        }
        if let Some((_, w)) = self.gaps.get(b).and_then(|g| g.hyphen) {
            if b < self.units.len() && !hang {
                m.hyphen = w;
                m.natural += w;
            }
        }
        m
    }

    /// Sets the line `spec` at `measure`.
    pub(crate) fn place(&self, spec: LineSpec, measure: f64, last: bool) -> Line {
        let (a, b) = (spec.start, spec.end);
        let m = self.metrics(a, b, spec.hung);
        let first = a == 0;
        let indent = if first { self.indent } else { 0.0 };
        let forced = b < self.units.len() && self.gaps[b].brk == super::model::Brk::Mandatory;
        let avail = measure - indent;
        let spread = match self.align {
            Align::Justify => !last && !forced,
            Align::Distribute => true,
            _ => false,
        };
        let alloc = allocate(&m, avail - m.natural, spread);
        // A line with nowhere legal to put its slack (one Latin word or address) is set
        // flush to the start rather than letter-spaced (cjk-rules.md §6.2).
        let justified = spread && alloc.underfull <= 1e-9;
        let content = m.natural + alloc.total(&m);
        let slack = (avail - content).max(0.0);
        let lead = match self.align {
            Align::Center => slack / 2.0,
            Align::End => slack,
            _ => 0.0,
        };
        let mut walk = Walk {
            x: indent + lead,
            glyphs: Vec::with_capacity(b - a + 2),
        };
        for i in a..b {
            self.place_unit(i, &m, &alloc, a, &mut walk);
            if i + 1 < m.content_end {
                walk.x += self.gap_width(i + 1, &m, &alloc);
            }
        }
        let mut width = self.content_width(&walk, &m, a);
        if m.hyphen > 0.0 {
            width = self.add_hyphen(&mut walk, &m, (a, b), width);
        }
        self.draw_dashes(&mut walk.glyphs, a, b);
        let size = self.units[a..b].iter().fold(0.0_f64, |s, u| s.max(u.size));
        let expansion = alloc.expand + alloc.emergency;
        Line {
            glyphs: walk.glyphs,
            measure: Pt(measure),
            width: Pt(width),
            size: Pt(size),
            last,
            justified,
            hung: spec.hung,
            hyphenated: m.hyphen > 0.0,
            adjustment: Pt(avail - m.natural),
            ratio: adjustment_ratio(&m, &alloc, avail - m.natural, self.em),
            expansion: Pt(expansion),
            start: self.units[a].start,
            end: self.units[b - 1].end,
        }
    }

    /// Frame end of the last unit that occupies the measure.
    fn content_width(&self, walk: &Walk, m: &LineMetrics, a: usize) -> f64 {
        let k = m.content_end.max(a + 1) - a - 1;
        walk.glyphs.get(k).map_or(0.0, |g| (g.x + g.advance).0)
    }

    /// The hyphen of a line broken inside a word (cjk-rules.md §6.2): placed after the
    /// last letter, with no text of its own (it is not in the source; a copy of the
    /// text reads the word whole). Returns the line's new content width.
    fn add_hyphen(
        &self,
        walk: &mut Walk,
        m: &LineMetrics,
        (a, b): (usize, usize),
        end: f64,
    ) -> f64 {
        let Some((gid, w)) = self.gaps[b].hyphen else {
            return end;
        };
        let u = &self.units[m.end_unit];
        let at = m.end_unit + 1 - a;
        let glyph = PlacedGlyph {
            font: u.font,
            size: Pt(u.size),
            gid,
            x: Pt(end),
            advance: Pt(w),
            text: String::new(),
            frame_x: Pt(end),
            rise: Pt(u.rise),
            orientation: u.orientation,
        };
        walk.glyphs.insert(at.min(walk.glyphs.len()), glyph);
        end + w
    }

    /// Dash rules in Chinese text (cjk-rules.md §3.7) are one continuous stroke exactly
    /// as long as their frames: `——` 2 em, ⸺ 2 em, ⸻ 3 em. The face's dash glyph has side
    /// bearings, so copies of it are laid from the run's first frame edge to its last,
    /// overlapping: the first copy's ink starts at the start edge, the last one's ends
    /// at the end edge. Each copy carries one character of the run's text in order
    /// (`——`: one each), so a reader of the PDF's ToUnicode map reads the text back;
    /// copies beyond the run's characters (a lone ⸺) carry none.
    fn draw_dashes(&self, glyphs: &mut Vec<PlacedGlyph>, a: usize, b: usize) {
        let mut i = a;
        let mut out: Vec<PlacedGlyph> = Vec::with_capacity(glyphs.len() + 2);
        let mut k = 0; // index into `glyphs` of unit `i`
        while i < b {
            let run_end = (i..b)
                .find(|&j| {
                    self.units[j].dash.is_none() || self.units[j].class != self.units[i].class
                })
                .unwrap_or(b)
                .max(i + 1);
            let frames: f64 = self.units[i..run_end].iter().map(|u| u.adv).sum();
            let u = &self.units[i];
            match u.dash {
                Some(ink) if frames > u.size * 1.5 => {
                    let run = &glyphs[k..k + (run_end - i)];
                    let x0 = run[0].frame_x.0;
                    let x1 = x0 + frames;
                    let texts: Vec<String> = run.iter().map(|g| g.text.clone()).collect();
                    out.extend(dash_copies(&run[0], ink, (x0, x1), &texts));
                }
                _ => out.extend(glyphs[k..k + (run_end - i)].iter().cloned()),
            }
            k += run_end - i;
            i = run_end;
        }
        out.extend(glyphs[k..].iter().cloned());
        *glyphs = out;
    }

    fn place_unit(&self, i: usize, m: &LineMetrics, alloc: &Allocation, a: usize, walk: &mut Walk) {
        let u = &self.units[i];
        let trailing = i > m.end_unit;
        let (mut left, mut right) = (u.cut_l, u.cut_r);
        let (mut sq_l, mut sq_r) = (u.squeeze_l, u.squeeze_r);
        if i == a {
            left += u.start_cut - alloc.edge;
            sq_l = 0.0;
        }
        if i == m.end_unit {
            right += u.end_cut;
            sq_r = 0.0;
        }
        let f = ratio(alloc.shrink[u.squeeze_class], m.shrink[u.squeeze_class]);
        left += f * sq_l;
        right += f * sq_r;
        let grow = if u.stretchy && !trailing {
            u.stretch * ratio(alloc.space, m.space_stretch) + alloc.expand
        } else {
            0.0
        };
        let frame = if trailing {
            0.0
        } else {
            u.adv - left - right + grow
        };
        let hung_start = if m.hung && i == m.end_unit {
            Some(walk.x)
        } else {
            None
        };
        let frame_x = hung_start.unwrap_or(walk.x);
        let x = if trailing {
            frame_x
        } else {
            frame_x - left + u.ink_shift
        };
        walk.glyphs.push(PlacedGlyph {
            font: u.font,
            size: Pt(u.size),
            gid: u.gid,
            x: Pt(x),
            advance: Pt(frame_x + frame - x),
            text: self.text[u.start..u.end].to_string(),
            frame_x: Pt(frame_x),
            rise: Pt(u.rise),
            orientation: u.orientation,
        });
        walk.x = frame_x + frame;
        debug_assert!(
            !m.hung
                || i != m.end_unit
                || (metrics::hung_width(&self.units, i) - frame).abs() < 1e-6
        );
    }

    fn gap_width(&self, j: usize, m: &LineMetrics, alloc: &Allocation) -> f64 {
        let g = &self.gaps[j];
        let mut w = g.natural;
        // Units never carry Han–Latin push-in: that class is all gaps.
        w -= g.shrink * ratio(alloc.shrink[SQ_LATIN], m.shrink[SQ_LATIN]);
        w += g.stretch * ratio(alloc.latin, m.latin_stretch);
        if g.expandable {
            w += alloc.expand;
        }
        if g.spreadable {
            w += alloc.emergency;
        }
        w
    }
}

/// Copies of the dash glyph `ink` covering `[x0, x1]` with their ink, overlapping; the
/// `texts` of the run's units go to the first copies, one each.
fn dash_copies(
    first: &PlacedGlyph,
    ink: super::model::DashInk,
    (x0, x1): (f64, f64),
    texts: &[String],
) -> Vec<PlacedGlyph> {
    let stroke = (ink.adv - ink.left - ink.right).max(1e-6);
    let needed = ((x1 - x0) / stroke).ceil() as usize;
    let count = needed.max(texts.len()).max(2);
    let start = x0 - ink.left;
    let last = x1 + ink.right - ink.adv;
    (0..count)
        .map(|n| {
            let t = n as f64 / (count - 1) as f64;
            let x = start + (last - start) * t;
            PlacedGlyph {
                font: first.font,
                size: first.size,
                gid: ink.gid,
                x: Pt(x),
                advance: Pt(x1 - x),
                text: texts.get(n).cloned().unwrap_or_default(),
                frame_x: Pt(if n == 0 { x0 } else { x }),
                rise: first.rise,
                orientation: first.orientation,
            }
        })
        .collect()
}

/// Knuth–Plass-style adjustment ratio: fraction of push-in capacity used (negative),
/// or expansion relative to ¼ em per expandable gap and word space (positive).
fn adjustment_ratio(m: &LineMetrics, alloc: &Allocation, delta: f64, em: f64) -> f64 {
    if delta < 0.0 {
        let cap: f64 = m.shrink.iter().sum();
        if cap > 0.0 {
            -(alloc.shrink.iter().sum::<f64>() / cap)
        } else {
            0.0
        }
    } else {
        let nominal =
            m.space_stretch + m.latin_stretch + f64::from(m.expand_n + m.space_n) * 0.25 * em;
        if nominal > 0.0 {
            delta / nominal
        } else {
            0.0
        }
    }
}
