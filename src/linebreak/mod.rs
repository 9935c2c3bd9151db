//! Line composition: a paragraph of styled text and a sequence of line widths in,
//! positioned lines out. The page composer calls [`prepare`] once per paragraph, then
//! [`Prepared::break_lines`] with the widths of the lines the paragraph will occupy
//! (they may differ line by line: column chains, runaround).
//!
//! This is the placeholder seam from the pipeline issue: greedy filling, justification by
//! even inter-character spacing, and the minimal kinsoku of [`crate::text`]. The
//! line-composition issue replaces the insides; the types here are the contract.

use crate::fonts::{FontBook, FontId};
use crate::text;
use crate::units::Pt;
use unicode_segmentation::UnicodeSegmentation;

/// The face and size of a stretch of text.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Style {
    pub font: FontId,
    pub size: Pt,
}

/// A run of text in one style.
#[derive(Clone, Debug)]
pub struct Span {
    pub text: String,
    pub style: Style,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum Align {
    /// Flush both edges; the last line flush to the start.
    #[default]
    Justify,
    Start,
    Center,
    End,
}

#[derive(Clone, Debug)]
pub struct Paragraph {
    pub spans: Vec<Span>,
    /// First-line indent (2 em of the body size for Chinese body text; none for heads).
    pub indent: Pt,
    pub align: Align,
}

/// Settings of the line composer.
#[derive(Clone, Debug, Default)]
pub struct Options {}

/// One glyph placed on a line.
#[derive(Clone, Debug, PartialEq)]
pub struct PlacedGlyph {
    pub font: FontId,
    pub size: Pt,
    pub gid: u16,
    /// Offset of the glyph origin from the line's start edge.
    pub x: Pt,
    /// The advance the glyph occupies on the line (after compression or expansion of
    /// its own blank, before inter-character expansion).
    pub advance: Pt,
    /// The source text (one grapheme cluster).
    pub text: String,
}

/// A composed line.
#[derive(Clone, Debug, PartialEq)]
pub struct Line {
    pub glyphs: Vec<PlacedGlyph>,
    /// The measure the line was set to.
    pub measure: Pt,
    /// Where the last glyph ends (equal to `measure` for a justified line).
    pub width: Pt,
    /// Largest type size on the line.
    pub size: Pt,
    /// The paragraph's last line.
    pub last: bool,
}

impl Line {
    pub fn text(&self) -> String {
        self.glyphs.iter().map(|g| g.text.as_str()).collect()
    }
}

/// A character no configured font covers, with its byte offset in the paragraph text.
#[derive(Clone, Debug, PartialEq)]
pub struct MissingGlyph {
    pub ch: char,
    pub offset: usize,
}

#[derive(Clone, Debug)]
struct Cluster {
    text: String,
    style: Style,
    gid: u16,
    advance: Pt,
}

/// A paragraph measured and ready to break.
#[derive(Clone, Debug)]
pub struct Prepared {
    clusters: Vec<Cluster>,
    indent: Pt,
    align: Align,
    pub missing: Vec<MissingGlyph>,
}

/// Measures a paragraph: grapheme clusters, glyphs, advances.
pub fn prepare(par: &Paragraph, fonts: &FontBook, _opts: &Options) -> Prepared {
    let mut clusters = Vec::new();
    let mut missing = Vec::new();
    let mut offset = 0;
    for span in &par.spans {
        let face = fonts.face(span.style.font);
        for (i, g) in span.text.grapheme_indices(true) {
            let c = g.chars().next().unwrap_or(' ');
            let gid = face.glyph(c).unwrap_or_else(|| {
                missing.push(MissingGlyph {
                    ch: c,
                    offset: offset + i,
                });
                0
            });
            let advance = span.style.size * face.advance(gid);
            clusters.push(Cluster {
                text: g.to_string(),
                style: span.style,
                gid,
                advance,
            });
        }
        offset += span.text.len();
    }
    Prepared {
        clusters,
        indent: par.indent,
        align: par.align,
        missing,
    }
}

impl Prepared {
    /// Breaks the paragraph into lines; `width(i)` is the measure of its `i`-th line.
    pub fn break_lines(&self, width: &dyn Fn(usize) -> Pt) -> Vec<Line> {
        let mut lines = Vec::new();
        let mut start = 0;
        while start < self.clusters.len() {
            let measure = width(lines.len());
            let indent = if lines.is_empty() {
                self.indent
            } else {
                Pt::ZERO
            };
            let end = self.fit(start, measure - indent);
            let last = end == self.clusters.len();
            lines.push(self.set_line(start, end, measure, indent, last));
            start = end;
        }
        lines
    }

    /// The end of the longest legal line from `start` that fits `avail`.
    fn fit(&self, start: usize, avail: Pt) -> usize {
        let mut used = Pt::ZERO;
        let mut end = start;
        while end < self.clusters.len() && used + self.clusters[end].advance <= avail + Pt(1e-6) {
            used += self.clusters[end].advance;
            end += 1;
        }
        if end == self.clusters.len() {
            return end;
        }
        let ch = |i: usize| self.clusters[i].text.chars().next().unwrap_or(' ');
        let mut e = end;
        while e > start + 1 && !text::may_break_between(ch(e - 1), ch(e)) {
            e -= 1;
        }
        if e > start + 1 {
            e
        } else {
            end.max(start + 1)
        }
    }

    fn set_line(&self, start: usize, end: usize, measure: Pt, indent: Pt, last: bool) -> Line {
        let cl = &self.clusters[start..end];
        let natural: Pt = cl.iter().fold(Pt::ZERO, |a, c| a + c.advance);
        let slack = measure - indent - natural;
        let gaps = cl.len().saturating_sub(1) as f64;
        let (lead, gap) = match self.align {
            Align::Justify if !last && gaps > 0.0 => (Pt::ZERO, slack / gaps),
            Align::Center => (slack / 2.0, Pt::ZERO),
            Align::End => (slack, Pt::ZERO),
            _ => (Pt::ZERO, Pt::ZERO),
        };
        let mut x = indent + lead;
        let mut glyphs = Vec::with_capacity(cl.len());
        for c in cl {
            glyphs.push(PlacedGlyph {
                font: c.style.font,
                size: c.style.size,
                gid: c.gid,
                x,
                advance: c.advance,
                text: c.text.clone(),
            });
            x = x + c.advance + gap;
        }
        let width = glyphs.last().map_or(indent, |g| g.x + g.advance);
        let size = cl.iter().fold(Pt::ZERO, |a, c| a.max(c.style.size));
        Line {
            glyphs,
            measure,
            width,
            size,
            last,
        }
    }
}
