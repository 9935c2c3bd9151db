//! The strict character grid (clreq's two-axis grid, cjk-rules.md §7.2): every
//! ideograph starts on the column's character pitch, so characters line up down the
//! column as well as along the line.
//!
//! In: units and gaps after the punctuation model has set their natural widths. Out:
//! the same, changed so that any line is a whole number of frames:
//! - each run of non-ideographs between two ideographs (punctuation, a Latin word, a
//!   number) is padded to a whole number of frames. Compression still happens inside
//!   the run — adjacent marks keep their inks close, `。”` takes 1.5 em of ink — and the
//!   space it frees is given back at the end of the run (after the last mark, before
//!   the next ideograph): a run of marks never moves the ideographs after it off the
//!   grid. A pair set in 1 em (`adjacent = 1`) frees a whole frame, which the line keeps;
//! - a Latin run's padding is split evenly before and after it, in place of the
//!   Han–Latin space (clreq: the space is flexible so the run fills whole frames);
//!   in a run of marks it goes between the closing marks and the opening ones, so an
//!   opening quote still hugs the text it opens;
//! - there is no push-in and no line-edge trim: both would leave half a frame. A line
//!   end mark keeps its frame; a line start opening mark keeps its blank;
//! - instead, as clreq recommends for the strict grid, a line may hang one 、，。 past
//!   its end (never after another mark): `…字，` fills the line and the comma sits
//!   outside the measure, so the line before a prohibited break need not expand.
//!
//! Lines that still do not fill the measure (a prohibited break leaves a frame empty)
//! are expanded as usual and leave the grid: that is the exception clreq allows.

use super::model::{Gap, Unit};
use crate::text::CharClass;

/// How far a width may fall short of a whole frame and still count as one.
const EPS: f64 = 1e-6;

/// Pads runs of non-ideographs to whole frames and turns off push-in and edge trims.
pub(crate) fn align(units: &mut [Unit], gaps: &mut [Gap]) {
    for u in units.iter_mut() {
        u.squeeze_l = 0.0;
        u.squeeze_r = 0.0;
        u.start_cut = 0.0;
        u.end_cut = 0.0;
    }
    for g in gaps.iter_mut() {
        g.shrink = 0.0;
        g.stretch = 0.0;
    }
    let ideographs: Vec<usize> = (0..units.len())
        .filter(|&i| units[i].class == CharClass::Ideograph)
        .collect();
    let mut prev: Option<usize> = None;
    for &j in &ideographs {
        let first = prev.map_or(0, |i| i + 1);
        if first < j {
            pad_run(units, gaps, first, j, units[j].size, prev.is_some());
        }
        prev = Some(j);
    }
}

/// Pads units `[a, b)` (followed by the ideograph `b`) to whole frames of `cell`.
/// `after`: the run follows an ideograph (its first gap is inside the line).
fn pad_run(units: &mut [Unit], gaps: &mut [Gap], a: usize, b: usize, cell: f64, after: bool) {
    // The run's own width (kerning and word spaces inside it); its boundary gaps — the
    // Han–Latin space — become part of the padding, so they cannot be lost at a line
    // edge.
    let inner: f64 = units[a..b].iter().map(Unit::natural).sum();
    let gaps_w: f64 = (a + 1..b).map(|k| gaps[k].natural).sum();
    if after {
        gaps[a].natural = 0.0;
    }
    gaps[b].natural = 0.0;
    let width = inner + gaps_w;
    if width <= EPS {
        return;
    }
    let frames = (width / cell - EPS).ceil().max(1.0);
    let pad = frames * cell - width;
    if pad <= EPS {
        return;
    }
    let western = |u: &Unit| u.class.is_western() || (!u.cjk && !u.space_like && u.adv > 0.0);
    let first_w = (a..b).find(|&k| western(&units[k]));
    let last_w = (a..b).rev().find(|&k| western(&units[k]));
    if let (Some(f), Some(l)) = (first_w, last_w) {
        // A Latin run: half the padding before it, half after (the Han–Latin space).
        units[f].cut_l -= pad / 2.0;
        units[l].cut_r -= pad / 2.0;
        return;
    }
    // Marks only: the padding goes where the closing marks end and the opening marks
    // begin, so each mark stays against the text it belongs to (`：“`: after the colon,
    // before the quote).
    let open = (a..b)
        .rev()
        .take_while(|&k| units[k].class == CharClass::Opening)
        .last();
    match open {
        Some(k) if k > a => units[k - 1].cut_r -= pad,
        Some(k) => units[k].cut_l -= pad,
        None => units[b - 1].cut_r -= pad,
    }
}
