//! Line metrics in O(1): prefix sums over units and gaps give, for any candidate line
//! `[a, b)`, its natural width, its push-in capacity per priority class and its
//! expansion capacity, with the line-edge rules applied at `a` and `b` (opening
//! bracket trimmed at the start, full-width mark halved at the end, trailing spaces
//! dropped, optional hanging mark). The breaker evaluates thousands of candidate lines;
//! this is what keeps it fast.

use super::model::{Gap, Unit};
use super::punct::{SQ_CLASSES, SQ_LATIN};

/// Prefix sums; entry `k` covers units `0..k` (gaps: `1..k`, gap 0 being unused).
#[derive(Clone, Debug, Default)]
pub(crate) struct Sums {
    natural: Vec<f64>,
    squeeze: [Vec<f64>; SQ_CLASSES],
    squeeze_n: [Vec<u32>; SQ_CLASSES],
    space_stretch: Vec<f64>,
    space_n: Vec<u32>,
    letters: Vec<u32>,
    gap_natural: Vec<f64>,
    gap_shrink: Vec<f64>,
    gap_stretch: Vec<f64>,
    latin_n: Vec<u32>,
    expand_n: Vec<u32>,
}

/// What a candidate line holds.
#[derive(Clone, Copy, Debug, Default)]
pub(crate) struct LineMetrics {
    /// Width with the edge rules applied, before any adjustment.
    pub natural: f64,
    /// Push-in capacity per class (`punct::SQ_*`) and how many items share it.
    pub shrink: [f64; SQ_CLASSES],
    pub shrink_n: [u32; SQ_CLASSES],
    /// Word-space and Han–Latin expansion capacity (to ½ em), and counts.
    pub space_stretch: f64,
    pub space_n: u32,
    pub latin_stretch: f64,
    pub latin_n: u32,
    /// Gaps where inter-character expansion may go.
    pub expand_n: u32,
    /// Blank an opening bracket right after the first-line indent may take back before
    /// any inter-character expansion (see `Prepared::metrics`).
    pub edge_stretch: f64,
    /// All gaps inside the content (emergency letter-spacing).
    pub gaps_n: u32,
    /// Units `[a, content_end)` occupy the measure; the rest are trailing spaces or
    /// the hung mark.
    pub content_end: usize,
    /// The unit that ends the line (its line-end trim applied): the last unit that is
    /// not a trailing space. Equal to `content_end` when that unit hangs.
    pub end_unit: usize,
    pub hung: bool,
    /// Letter-like units on the line (孤字 test).
    pub letters: u32,
}

fn prefix<T: Copy + std::ops::Add<Output = T>>(zero: T, items: impl Iterator<Item = T>) -> Vec<T> {
    let mut out = vec![zero];
    let mut acc = zero;
    for x in items {
        acc = acc + x;
        out.push(acc);
    }
    out
}

impl Sums {
    pub fn new(units: &[Unit], gaps: &[Gap]) -> Sums {
        let class_sum = |c: usize| {
            prefix(
                0.0,
                units.iter().map(move |u| {
                    if u.squeeze_class == c {
                        u.squeeze_l + u.squeeze_r
                    } else {
                        0.0
                    }
                }),
            )
        };
        let class_n = |c: usize| {
            prefix(
                0u32,
                units.iter().map(move |u| {
                    u32::from(u.squeeze_class == c && u.squeeze_l + u.squeeze_r > 0.0)
                }),
            )
        };
        Sums {
            natural: prefix(0.0, units.iter().map(Unit::natural)),
            squeeze: std::array::from_fn(class_sum),
            squeeze_n: std::array::from_fn(class_n),
            space_stretch: prefix(0.0, units.iter().map(|u| u.stretch)),
            space_n: prefix(0, units.iter().map(|u| u32::from(u.stretch > 0.0))),
            letters: prefix(0, units.iter().map(|u| u32::from(u.class.is_letter_like()))),
            gap_natural: prefix(0.0, gaps.iter().map(|g| g.natural)),
            gap_shrink: prefix(0.0, gaps.iter().map(|g| g.shrink)),
            gap_stretch: prefix(0.0, gaps.iter().map(|g| g.stretch)),
            latin_n: prefix(
                0,
                gaps.iter()
                    .map(|g| u32::from(g.stretch > 0.0 || g.shrink > 0.0)),
            ),
            expand_n: prefix(0, gaps.iter().map(|g| u32::from(g.expandable))),
        }
    }

    /// Natural width of the whole paragraph (units and gaps).
    pub fn total_natural(&self) -> f64 {
        self.natural.last().copied().unwrap_or(0.0)
            + self.gap_natural.last().copied().unwrap_or(0.0)
    }

    /// Metrics of the line holding units `[a, b)`; `hang` asks for the variant whose
    /// last mark hangs past the measure (the caller checks [`can_hang`]).
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
        m.natural = self.natural[ce] - self.natural[a];
        for c in 0..SQ_CLASSES {
            m.shrink[c] = self.squeeze[c][ce] - self.squeeze[c][a];
            m.shrink_n[c] = self.squeeze_n[c][ce] - self.squeeze_n[c][a];
        }
        m.space_stretch = self.space_stretch[ce] - self.space_stretch[a];
        m.space_n = self.space_n[ce] - self.space_n[a];
        m.letters = self.letters[e] - self.letters[a];
        if ce > a + 1 {
            // Internal gaps a+1 ..= ce-1, i.e. prefix entries ce and a+1.
            m.natural += self.gap_natural[ce] - self.gap_natural[a + 1];
            m.shrink[SQ_LATIN] += self.gap_shrink[ce] - self.gap_shrink[a + 1];
            m.latin_stretch = self.gap_stretch[ce] - self.gap_stretch[a + 1];
            m.latin_n = self.latin_n[ce] - self.latin_n[a + 1];
            m.expand_n = self.expand_n[ce] - self.expand_n[a + 1];
            m.gaps_n = (ce - a - 1) as u32;
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

/// Whether the line `[a, b)` may end with a hanging mark (clreq §3.6): 、，。 only,
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
