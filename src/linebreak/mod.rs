//! Line composition: a paragraph of styled text and a sequence of line widths in,
//! positioned lines out. The page composer calls [`prepare`] once per paragraph, then
//! [`Prepared::break_lines`] with the widths of the lines the paragraph will occupy
//! (they may differ line by line: column chains, runaround).
//!
//! The stages, one file each:
//! - `model`: grapheme clusters → units (glyph, advance, punctuation blanks, push-in and
//!   expansion capacity) and the gaps between them (Han–Latin space, break
//!   opportunities from [`crate::text`]);
//! - `punct`: the punctuation width model — presets, adjacent-mark compression,
//!   line-edge trims (cjk-rules.md §3);
//! - `metrics`: prefix sums, so any candidate line is measured in O(1);
//! - `knuth_plass`: the optimal (total-fit) choice of breaks, 孤字 avoidance;
//! - `justify`: push-in before push-out, and the placing of glyphs (cjk-rules.md §4);
//! - `stats`: the quality report.

mod grid;
mod justify;
mod knuth_plass;
mod metrics;
mod model;
mod options;
mod punct;
mod stats;
mod vertical;

pub use options::{
    grid_warning, Adjacent, LatinQuotes, LatinSpace, Options, PunctStyle, Region, Strictness,
};
pub use punct::{blanks, expected_side, ink_bearings, Side};
pub use stats::{stats, LineReport, LineStats};
pub use vertical::COMBINE_MAX;

use crate::fonts::{FontBook, FontId};
use crate::units::Pt;
use justify::LineSpec;
use knuth_plass::{Pass, Widths};

/// The face and size of a stretch of text, and how far it is raised.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Style {
    /// The face.
    pub font: FontId,
    /// The type size.
    pub size: Pt,
    /// Baseline shift upwards (a superscript); zero for text on the line. A raised run
    /// is attached to what it follows, as a superscript is to its base (cjk-rules.md
    /// §2.5): no break before it, no Han–Latin space and no expansion on its edges.
    pub rise: Pt,
}

impl Style {
    /// Text of `font` at `size`, on the baseline.
    pub fn new(font: FontId, size: Pt) -> Style {
        Style {
            font,
            size,
            rise: Pt::ZERO,
        }
    }
}

/// A run of text in one style.
#[derive(Clone, Debug)]
pub struct Span {
    /// The text, as written (line feeds and zero-width spaces kept: they break or
    /// allow a break).
    pub text: String,
    /// Face, size and rise of every character of `text`; the face is not substituted
    /// when it lacks a character (see [`Prepared::missing`]).
    pub style: Style,
}

/// How a line's text sits in its measure (the line's start edge is the left one in a
/// horizontal line, the top one in a vertical line).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum Align {
    /// Flush both edges; the last line flush to the start.
    #[default]
    Justify,
    /// Flush to the start edge, ragged at the end.
    Start,
    /// Centred: the slack split evenly between both ends.
    Center,
    /// Flush to the end edge: all the slack before the first glyph.
    End,
    /// Even spacing (均排, clreq): every line, the last and one ended by a hard break
    /// included, spread to the measure — a list of names set to a common width.
    Distribute,
}

impl Align {
    /// Lines that are not a paragraph's last nor end at a hard break are spread to the
    /// measure.
    pub fn justifies(self) -> bool {
        matches!(self, Align::Justify | Align::Distribute)
    }
}

/// The line composer's input: styled text to set as one paragraph.
#[derive(Clone, Debug)]
pub struct Paragraph {
    /// The text in order; its concatenation is the paragraph text that byte offsets
    /// ([`Line::start`], [`MissingGlyph::offset`]) refer to.
    pub spans: Vec<Span>,
    /// First-line indent (2 em of the body size for Chinese body text; none for heads).
    pub indent: Pt,
    /// How every line sits in its measure.
    pub align: Align,
}

impl Paragraph {
    /// A paragraph in one style with the Chinese 2-em first-line indent (cjk-rules.md §5.1).
    pub fn body(text: &str, style: Style) -> Paragraph {
        Paragraph {
            spans: vec![Span {
                text: text.to_string(),
                style,
            }],
            indent: style.size * 2.0,
            align: Align::Justify,
        }
    }
}

/// How a glyph stands in its line. Every glyph of a horizontal line is upright; a
/// vertical line ([`Options::vertical`], cjk-rules.md §8) also turns Latin sideways or
/// combines a short run upright.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Orientation {
    /// As designed: all of a horizontal line; ideographs and the vertical forms of
    /// marks in a vertical line.
    #[default]
    Upright,
    /// Turned 90° clockwise: Latin words and numbers of more than
    /// [`COMBINE_MAX`] characters in a vertical line.
    Sideways,
    /// One of the glyphs of a short run of letters or digits set across the line in one
    /// upright frame (縦中横, tate-chu-yoko).
    Combined,
}

/// One glyph placed on a line.
#[derive(Clone, Debug, PartialEq)]
pub struct PlacedGlyph {
    /// The face: the glyph's span's [`Style::font`].
    pub font: FontId,
    /// Type size in points: the span's [`Style::size`].
    pub size: Pt,
    /// Glyph id in `font` (already the full-width, proportional or vertical form where
    /// one was chosen); 0 for a character the face lacks or an invisible one.
    pub gid: u16,
    /// Where the glyph is drawn: its origin's offset from the line's start edge. For an
    /// opening bracket whose blank was removed the origin lies that much before the
    /// character frame (at a line start it may be negative; the ink is inside).
    pub x: Pt,
    /// From `x` to the end of the glyph's character frame after compression or
    /// expansion of its own blank, before inter-character expansion: the next glyph's
    /// frame starts at `x + advance` plus the gap. Zero for a space dropped at a line end.
    pub advance: Pt,
    /// The source text (one grapheme cluster). gid 0 with zero advance marks an
    /// invisible character (line feed, zero-width space) kept for the text.
    pub text: String,
    /// Start of the character frame (equal to `x` unless a left blank was removed or
    /// the glyph was nudged, as the halves of a seamless `——`).
    pub frame_x: Pt,
    /// How far the glyph sits above the line's baseline (its style's `rise`).
    pub rise: Pt,
    /// How the glyph stands (upright in every horizontal line).
    pub orientation: Orientation,
}

/// A composed line.
#[derive(Clone, Debug, PartialEq)]
pub struct Line {
    /// The glyphs in text order, positions relative to the line's start edge.
    pub glyphs: Vec<PlacedGlyph>,
    /// The measure the line was set to.
    pub measure: Pt,
    /// Where the last glyph ends (equal to `measure` for a justified line); a hung mark
    /// is not counted.
    pub width: Pt,
    /// Largest type size on the line.
    pub size: Pt,
    /// The paragraph's last line.
    pub last: bool,
    /// Flush on both edges (justified, not the last line, not ended by a hard break).
    pub justified: bool,
    /// The last mark hangs past the measure (when [`Options::hangs`]: `hanging`, or
    /// the strict grid).
    pub hung: bool,
    /// The line ends inside a word at a hyphenation point and shows a hyphen (the
    /// last glyph, which carries no text).
    pub hyphenated: bool,
    /// Measure minus natural width: positive was taken up by expansion, negative by
    /// push-in (for a last line, positive is the blank at its end).
    pub adjustment: Pt,
    /// Adjustment ratio (−1…0: share of push-in capacity used; > 0: expansion
    /// relative to ¼ em per expandable gap plus the finite stretch).
    pub ratio: f64,
    /// Inter-character expansion per gap.
    pub expansion: Pt,
    /// Byte range of the line's text in the paragraph text: its start.
    pub start: usize,
    /// Its end (exclusive; the next line's `start`).
    pub end: usize,
}

impl Line {
    /// The line's source text, glyph by glyph (a hyphen added at a break adds nothing),
    /// as the layout report gives it.
    pub fn text(&self) -> String {
        self.glyphs.iter().map(|g| g.text.as_str()).collect()
    }
}

/// A character the span's own face has no glyph for (the composer does not fall back
/// to another face), with its byte offset in the paragraph text.
#[derive(Clone, Debug, PartialEq)]
pub struct MissingGlyph {
    /// The character (the first of its grapheme cluster).
    pub ch: char,
    /// Byte offset of its grapheme cluster in the paragraph text.
    pub offset: usize,
}

/// A paragraph measured and ready to break (possibly several times, at different widths).
#[derive(Clone, Debug)]
pub struct Prepared {
    text: String,
    units: Vec<model::Unit>,
    gaps: Vec<model::Gap>,
    sums: metrics::Sums,
    indent: f64,
    align: Align,
    opts: Options,
    /// Body size: the unit of the breaker's costs.
    em: f64,
    /// Largest type size in the paragraph.
    em_max: f64,
    /// Characters the span's face has no glyph for (invisible ones excepted), in text
    /// order. They are set with glyph 0 (`.notdef`); the body composer turns them into
    /// `text.missing-glyph` warnings.
    pub missing: Vec<MissingGlyph>,
}

/// Measures a paragraph: grapheme clusters, glyphs, advances, punctuation blanks,
/// break opportunities at the chosen strictness.
pub fn prepare(par: &Paragraph, fonts: &FontBook, opts: &Options) -> Prepared {
    let built = model::build(par, fonts, opts);
    let sums = metrics::Sums::new(&built.units, &built.gaps);
    let em = built.units.first().map_or(10.0, |u| u.size).max(1e-3);
    let em_max = built.units.iter().fold(em, |m, u| m.max(u.size));
    Prepared {
        text: built.text,
        units: built.units,
        gaps: built.gaps,
        sums,
        indent: par.indent.0,
        align: par.align,
        opts: opts.clone(),
        em,
        em_max,
        missing: built.missing,
    }
}

impl Prepared {
    /// The paragraph text (all spans).
    pub fn text(&self) -> &str {
        &self.text
    }

    /// Breaks the paragraph into lines; `width(i)` is the measure of its `i`-th line.
    pub fn break_lines(&self, width: &dyn Fn(usize) -> Pt) -> Vec<Line> {
        self.break_lines_from(0, width)
    }

    /// Breaks the rest of the paragraph from byte offset `from` (a line start returned
    /// by an earlier call: [`Line::start`] of the first line not used), with `width(i)`
    /// the measure of the `i`-th line from there. For a composer that fills one
    /// region, then resumes in the next with other widths. No first-line indent unless
    /// `from` is 0.
    pub fn break_lines_from(&self, from: usize, width: &dyn Fn(usize) -> Pt) -> Vec<Line> {
        let start = self.units.partition_point(|u| u.start < from);
        if start >= self.units.len() {
            return Vec::new();
        }
        let mut widths = Widths::new(width, self.probe_lines(width(0).0));
        let specs = match self.optimal(start, &mut widths, Pass::Normal) {
            Some((total, specs)) if self.ends_in_orphan(&specs) => {
                match self.optimal(start, &mut widths, Pass::Loose) {
                    Some((loose, better)) if loose < total => better,
                    _ => specs,
                }
            }
            Some((_, specs)) => specs,
            None => self
                .optimal(start, &mut widths, Pass::Emergency)
                .map(|(_, specs)| specs)
                .unwrap_or_else(|| self.one_per_line(start)),
        };
        let count = specs.len();
        specs
            .into_iter()
            .enumerate()
            .map(|(i, spec)| self.place(spec, widths.get(i), i + 1 == count))
            .collect()
    }

    /// How many line widths to ask for up front: generous for any plausible layout.
    fn probe_lines(&self, first: f64) -> usize {
        let total = self.sums.total_natural();
        let estimate = if first > 0.0 {
            (total / first).ceil() as usize
        } else {
            self.units.len()
        };
        // Saturating: a near-zero width makes the estimate huge (issue #15, fuzz).
        estimate
            .saturating_mul(4)
            .saturating_add(64)
            .min(self.units.len() + 1)
    }

    /// Last resort (never reached: the emergency pass always succeeds).
    fn one_per_line(&self, start: usize) -> Vec<LineSpec> {
        (start..self.units.len())
            .map(|i| LineSpec {
                start: i,
                end: i + 1,
                hung: false,
            })
            .collect()
    }
}
