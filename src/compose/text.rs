//! Setting text for composition: paragraphs through the line composer, lines into glyph
//! runs at a baseline, and heads (short display lines) broken and balanced.

use crate::display::{Color, Glyph, GlyphRun, Item};
use crate::fonts::{FontBook, FontId};
use crate::linebreak::{self, Align, Line, Options, Paragraph, PlacedGlyph, Span, Style};
use crate::resolve::TextSettings;
use crate::units::Pt;

/// Line-composer options from the spec's text settings.
pub fn line_options(ts: &TextSettings) -> Options {
    Options {
        strictness: ts.strictness,
        punct: ts.punctuation,
        hanging: ts.hanging,
        latin_space_em: ts.latin_space.em(),
        hyphenate: ts.hyphenate,
        latin_quotes: ts.latin_quotes,
        strict_grid: ts.strict_grid,
        region: ts.region,
        // An opening mark after the paragraph indent always loses its ½ em (cjk-rules.md
        // §3.4), so every paragraph shows the same 2-em indent on the page.
        strict_indent_trim: true,
        ..Options::default()
    }
}

/// One-style paragraph.
pub fn paragraph(text: &str, font: FontId, size: Pt, indent: Pt, align: Align) -> Paragraph {
    Paragraph {
        spans: vec![Span {
            text: text.to_string(),
            style: Style::new(font, size),
        }],
        indent,
        align,
    }
}

/// Appends a composed line as glyph runs: `x` is the line's start edge, `baseline` its
/// baseline, both in page coordinates.
pub fn emit_line(items: &mut Vec<Item>, line: &Line, x: Pt, baseline: Pt, color: Color) {
    emit_line_scaled(items, line, x, baseline, color, 1.0);
}

/// [`emit_line`] for a line set at `1 / scale` of its width on the page (a horizontally
/// scaled head): positions and glyph shapes are scaled by `scale` from `x`.
pub fn emit_line_scaled(
    items: &mut Vec<Item>,
    line: &Line,
    x: Pt,
    baseline: Pt,
    color: Color,
    scale: f64,
) {
    let mut run: Option<GlyphRun> = None;
    for g in &line.glyphs {
        if is_blank(g) {
            continue;
        }
        let same = run
            .as_ref()
            .is_some_and(|r| r.font == g.font && r.size == g.size);
        if !same {
            items.extend(run.take().map(Item::Text));
            run = Some(GlyphRun {
                scale,
                ..GlyphRun::new(g.font, g.size, color)
            });
        }
        if let Some(r) = run.as_mut() {
            r.glyphs.push(Glyph {
                id: g.gid,
                x: x + g.x * scale,
                y: baseline - g.rise,
                text: g.text.clone(),
            });
        }
    }
    items.extend(run.map(Item::Text));
}

/// A space or an invisible character: nothing to draw (an ideographic space is kept,
/// so the text reads back with it).
pub(super) fn is_blank(g: &PlacedGlyph) -> bool {
    g.text.trim().is_empty() && g.text != "\u{3000}" && g.gid == 0
}

/// Sets a short text (a head, a caption line, a label) at `width`, `align`ed.
pub fn set_lines(
    fonts: &FontBook,
    text: &str,
    font: FontId,
    size: Pt,
    width: Pt,
    align: Align,
    opts: &Options,
) -> Vec<Line> {
    let par = paragraph(text, font, size, Pt::ZERO, align);
    linebreak::prepare(&par, fonts, opts).break_lines(&|_| width)
}

/// Breaks a head: on one line if it fits; otherwise at its explicit spaces into balanced
/// lines; a part still too long is broken by the line composer. Spaces inside a head
/// are set as an ideographic space (1 em), the way Chinese heads are keyed.
pub fn head_lines(
    fonts: &FontBook,
    text: &str,
    font: FontId,
    size: Pt,
    width: Pt,
    align: Align,
    opts: &Options,
) -> Vec<Line> {
    let parts: Vec<&str> = text.split_whitespace().collect();
    let joined = parts.join("\u{3000}");
    let one = balanced(fonts, &joined, font, size, width, align, opts);
    if one.len() <= 1 || parts.len() < 2 {
        return one;
    }
    parts
        .iter()
        .flat_map(|p| balanced(fonts, p, font, size, width, align, opts))
        .collect()
}

/// Sets a head part on as few lines as `width` allows, with the lines as equal as the
/// breaks permit: the measure is narrowed while the line count holds (a head is not a
/// paragraph filled to the right edge with a short last line). The lines are then put
/// back on the full measure according to `align`.
pub(super) fn balanced(
    fonts: &FontBook,
    text: &str,
    font: FontId,
    size: Pt,
    width: Pt,
    align: Align,
    opts: &Options,
) -> Vec<Line> {
    let mut best = set_lines(fonts, text, font, size, width, align, opts);
    let n = best.len();
    if n <= 1 {
        return best;
    }
    let (mut lo, mut hi) = (width.0 / n as f64, width.0);
    while hi - lo > 0.5 {
        let mid = (lo + hi) / 2.0;
        let lines = set_lines(fonts, text, font, size, Pt(mid), align, opts);
        if lines.len() == n {
            hi = mid;
            best = lines;
        } else {
            lo = mid;
        }
    }
    let narrow = Pt(hi);
    let shift = match align {
        Align::Center => (width - narrow) / 2.0,
        Align::End => width - narrow,
        Align::Start | Align::Justify | Align::Distribute => Pt::ZERO,
    };
    for l in &mut best {
        for g in &mut l.glyphs {
            g.x += shift;
        }
        l.width += shift;
        l.measure = width;
    }
    best
}

/// Natural width of a text in one style (no breaking).
pub fn measure(fonts: &FontBook, text: &str, font: FontId, size: Pt) -> Pt {
    let face = fonts.face(font);
    text.chars()
        .map(|c| size * face.glyph(c).map_or(0.0, |g| face.advance(g)))
        .fold(Pt::ZERO, |a, b| a + b)
}
