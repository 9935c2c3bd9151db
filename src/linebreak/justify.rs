//! Justification (cjk-rules.md §4): how a line's difference from its measure is taken
//! up, and the placing of its glyphs. Push in before pushing out (先挤进，后推出):
//! a line that is too long first reduces blanks in clreq's priority order; a line that
//! is too short first widens word spaces and Han–Latin spaces to ½ em, then spreads
//! the rest evenly over the gaps where inter-character expansion is allowed.

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
    /// Expansion of word spaces and of Han–Latin spaces.
    pub space: f64,
    pub latin: f64,
    /// Expansion per expandable gap.
    pub expand: f64,
    /// Letter-spacing per gap when a line has no legal expansion point (last resort).
    pub emergency: f64,
    /// Excess that no push-in can absorb: the line does not fit.
    pub overfull: f64,
    /// Slack that could not be placed anywhere (a one-glyph justified line).
    pub underfull: f64,
}

/// Distributes `delta` (measure minus natural width). `stretch`: the line is
/// justified; otherwise only push-in is used (a last line is set solid, §4).
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
            if m.expand_n > 0 {
                a.expand = need / f64::from(m.expand_n);
            } else if m.gaps_n > 0 {
                a.emergency = need / f64::from(m.gaps_n);
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
            + self.expand * f64::from(m.expand_n)
            + self.emergency * f64::from(m.gaps_n)
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
    /// opening bracket loses its ½-em blank (cjk-rules.md §3.4, §5), but the blank may
    /// come back before any inter-character expansion: the indent then reads 2.5 em
    /// instead of 2 (jlreq's "1.5-em" house pattern) and the ideographs stay solid.
    /// `Options::strict_indent_trim` turns this off.
    #[inline]
    pub(crate) fn metrics(&self, a: usize, b: usize, hang: bool) -> LineMetrics {
        let mut m = self.sums.line(&self.units, a, b, hang);
        if a == 0 && self.indent > 0.0 && !self.opts.strict_indent_trim {
            m.edge_stretch = self.units[0].start_cut;
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
        let justified = self.align == Align::Justify && !last && !forced;
        let avail = measure - indent;
        let alloc = allocate(&m, avail - m.natural, justified);
        let content = m.natural + alloc.total(&m);
        let slack = (avail - content).max(0.0);
        let lead = match self.align {
            Align::Center => slack / 2.0,
            Align::End => slack,
            _ => 0.0,
        };
        let mut walk = Walk {
            x: indent + lead,
            glyphs: Vec::with_capacity(b - a),
        };
        for i in a..b {
            self.place_unit(i, &m, &alloc, a, &mut walk);
            if i + 1 < m.content_end {
                walk.x += self.gap_width(i + 1, &m, &alloc);
            }
        }
        let width = self.content_width(&walk, &m, a);
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
        let grow = if u.stretch > 0.0 {
            u.stretch * ratio(alloc.space, m.space_stretch)
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
        w + alloc.emergency
    }
}

/// Knuth–Plass-style adjustment ratio: fraction of push-in capacity used (negative),
/// or expansion relative to ¼ em per expandable gap plus the finite stretch (positive).
fn adjustment_ratio(m: &LineMetrics, alloc: &Allocation, delta: f64, em: f64) -> f64 {
    if delta < 0.0 {
        let cap: f64 = m.shrink.iter().sum();
        if cap > 0.0 {
            -(alloc.shrink.iter().sum::<f64>() / cap)
        } else {
            0.0
        }
    } else {
        let nominal = m.space_stretch + m.latin_stretch + f64::from(m.expand_n) * 0.25 * em;
        if nominal > 0.0 {
            delta / nominal
        } else {
            0.0
        }
    }
}
