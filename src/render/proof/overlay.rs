//! Overlays drawn over a rasterised page: the grid (columns and baselines), overset
//! markers, and numbered warning boxes.
//!
//! A warning's box is where the stage that found it said (furniture text that does not
//! fit its band), or else found from what layout reported: the article its context names
//! and, for a paragraph, that paragraph's set lines; overset text marks the article's
//! last set line (where the text stops). A warning with no place on the page (a photo
//! file, a font) gets its numbered box in a row along the top of the sheet.

use super::digits::draw_label;
use super::ProofPage;
use crate::compose::LayoutReport;
use crate::diag::Code;
use crate::diag::Diagnostic;
use crate::display::Rect;
use crate::fonts::IDEOGRAPHIC_ASCENT;
use crate::units::Pt;
use hayro::kurbo::{self, Affine, Stroke};
use hayro::vello_cpu::color::{AlphaColor, Srgb};
use hayro::vello_cpu::RenderContext;

/// Which overlays to draw.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Overlays {
    /// Each column of the type area outlined and a hairline on every body baseline,
    /// in translucent blue (`--overlay grid`).
    pub grid: bool,
    /// Each overset article's last set line boxed in magenta, labelled `+N字` with
    /// the characters that did not fit (`--overlay overset`).
    pub overset: bool,
    /// A red box, numbered from 1 in the order of the page's warnings (as in
    /// report.json), round each warning's place; warnings with no place get their
    /// number in a row along the sheet's top (`--overlay warnings`).
    pub warnings: bool,
}

/// Why an `--overlay` list does not parse ([`Overlays`]' `FromStr`). A command-line
/// argument, reported by the argument parser: it has no diagnostic code.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum OverlayError {
    /// A name that is not an overlay.
    Unknown {
        /// The name as given.
        name: String,
    },
}

impl std::fmt::Display for OverlayError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            OverlayError::Unknown { name } => write!(
                f,
                "unknown overlay `{name}`; use grid, overset, warnings, all or none"
            ),
        }
    }
}

impl std::error::Error for OverlayError {}

impl std::str::FromStr for Overlays {
    type Err = OverlayError;
    /// `grid,overset,warnings` (any of them, comma-separated; `all` or `none`).
    fn from_str(s: &str) -> Result<Overlays, OverlayError> {
        let mut o = Overlays::default();
        for part in s.split(',').map(str::trim).filter(|p| !p.is_empty()) {
            match part {
                "grid" => o.grid = true,
                "overset" => o.overset = true,
                "warnings" => o.warnings = true,
                "all" => {
                    o = Overlays {
                        grid: true,
                        overset: true,
                        warnings: true,
                    }
                }
                "none" => o = Overlays::default(),
                other => {
                    return Err(OverlayError::Unknown {
                        name: other.to_string(),
                    })
                }
            }
        }
        Ok(o)
    }
}

const GRID: AlphaColor<Srgb> = AlphaColor::from_rgba8(0, 150, 255, 110);
const OVERSET: AlphaColor<Srgb> = AlphaColor::from_rgba8(230, 0, 140, 255);
const WARNING: AlphaColor<Srgb> = AlphaColor::from_rgba8(230, 0, 0, 255);
const LABEL_BG: AlphaColor<Srgb> = AlphaColor::from_rgba8(255, 255, 255, 230);
/// Size of the numbers on warning boxes and overset markers, in points.
const LABEL_SIZE: f64 = 9.0;

pub fn draw(ctx: &mut RenderContext, scale: f64, page: &ProofPage<'_>, o: &Overlays) {
    let base = *ctx.transform();
    // Hairlines stay one device pixel wide whatever the resolution.
    let hair = 1.0 / scale;
    if o.grid {
        draw_grid(ctx, page, hair);
    }
    if o.overset {
        draw_overset(ctx, base, page, hair);
    }
    if o.warnings {
        draw_warnings(ctx, base, page, hair);
    }
}

fn kr(r: &Rect) -> kurbo::Rect {
    kurbo::Rect::new(r.x.0, r.y.0, r.right().0, r.bottom().0)
}

fn draw_grid(ctx: &mut RenderContext, page: &ProofPage<'_>, hair: f64) {
    let g = page.grid;
    let (ox, oy) = (page.page.trim.x, page.page.trim.y);
    ctx.set_paint(GRID);
    ctx.set_stroke(Stroke::new(hair));
    let type_h = g.line_pitch * g.lines as f64;
    for c in 0..g.columns {
        let col = Rect::new(ox + g.column_x(c), oy + g.top, g.column_width, type_h);
        ctx.stroke_rect(&kr(&col));
    }
    for l in 0..g.lines {
        let y = (oy + g.baseline(l)).0;
        let (x0, x1) = ((ox + g.left).0, (ox + g.left + g.type_width()).0);
        ctx.fill_rect(&kurbo::Rect::new(x0, y - hair / 2.0, x1, y + hair / 2.0));
    }
}

fn draw_overset(ctx: &mut RenderContext, base: Affine, page: &ProofPage<'_>, hair: f64) {
    for a in page.report.articles.iter().filter(|a| a.overset_chars > 0) {
        let Some(last) = a.lines.last() else { continue };
        let r = line_box(page.report, last);
        ctx.set_paint(OVERSET);
        ctx.set_stroke(Stroke::new(3.0 * hair));
        ctx.stroke_rect(&kr(&r));
        let text = format!("+{}字", a.overset_chars);
        label(
            ctx,
            base,
            &text,
            r.right().0,
            r.bottom().0 + LABEL_SIZE,
            OVERSET,
        );
    }
}

fn draw_warnings(ctx: &mut RenderContext, base: Affine, page: &ProofPage<'_>, hair: f64) {
    let mut loose_x = page.page.media.x.0 + 4.0;
    // Labels already placed at a box's corner: the next warning on the same box (a
    // banner with several problems) gets its number beside them, not on top.
    let mut corners: Vec<(f64, f64, f64)> = Vec::new();
    for (i, d) in page.warnings.iter().enumerate() {
        let number = (i + 1).to_string();
        ctx.set_paint(WARNING);
        ctx.set_stroke(Stroke::new(2.0 * hair));
        match warning_area(d, page.report) {
            Some(r) => {
                let r = r.outset(Pt(1.5));
                ctx.stroke_rect(&kr(&r));
                let taken = corners
                    .iter()
                    .filter(|(x, y, _)| (x - r.x.0).abs() < 0.5 && (y - r.y.0).abs() < 0.5)
                    .map(|(_, _, w)| w + 2.0)
                    .sum::<f64>();
                let w = label(ctx, base, &number, r.x.0 + taken, r.y.0, WARNING);
                corners.push((r.x.0, r.y.0, w));
            }
            None => {
                let y = page.page.media.y.0 + LABEL_SIZE + 4.0;
                loose_x += label(ctx, base, &number, loose_x, y, WARNING) + 4.0;
            }
        }
    }
}

/// A label on a white ground, its baseline's left end at `(x, y)`; returns its width.
fn label(
    ctx: &mut RenderContext,
    base: Affine,
    text: &str,
    x: f64,
    y: f64,
    color: AlphaColor<Srgb>,
) -> f64 {
    let w = text.chars().count() as f64 * LABEL_SIZE * 0.75 + 2.0;
    ctx.set_paint(LABEL_BG);
    ctx.fill_rect(&kurbo::Rect::new(x, y - LABEL_SIZE, x + w, y + 2.0));
    ctx.set_paint(color);
    draw_label(ctx, base, text, x + 1.0, y, LABEL_SIZE) + 2.0
}

/// The body-line box of a set line: its measure across, one grid line down.
fn line_box(report: &LayoutReport, l: &crate::compose::LineReport) -> Rect {
    let g = &report.grid;
    let top = l.baseline - g.body_size * IDEOGRAPHIC_ASCENT - (g.line_pitch - g.body_size) / 2.0;
    Rect::new(l.x, top, l.measure, g.line_pitch)
}

/// Where on the page a warning belongs, from the article and paragraph its context
/// names (see the module docs); `None` when it has no place on the page.
pub fn warning_area(d: &Diagnostic, report: &LayoutReport) -> Option<Rect> {
    if d.area.is_some() {
        return d.area;
    }
    let context = d.context.as_deref()?;
    let id = context.split('`').nth(1)?;
    let article = report.articles.iter().find(|a| a.id == id)?;
    if d.code == Code::TextOverset {
        return article.lines.last().map(|l| line_box(report, l));
    }
    let paragraph = context
        .rsplit("paragraph ")
        .next()
        .and_then(|n| n.trim().parse::<usize>().ok());
    let lines: Vec<Rect> = article
        .lines
        .iter()
        .filter(|l| paragraph.is_none_or(|p| l.block + 1 == p))
        .map(|l| line_box(report, l))
        .collect();
    lines.into_iter().reduce(union)
}

fn union(a: Rect, b: Rect) -> Rect {
    let (x0, y0) = (a.x.min(b.x), a.y.min(b.y));
    let (x1, y1) = (a.right().max(b.right()), a.bottom().max(b.bottom()));
    Rect::new(x0, y0, x1 - x0, y1 - y0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn overlay_lists_parse() {
        let o: Overlays = "grid,warnings".parse().unwrap();
        assert!(o.grid && o.warnings && !o.overset);
        assert_eq!(
            "grid, colour".parse::<Overlays>(),
            Err(OverlayError::Unknown {
                name: "colour".into()
            })
        );
        let all: Overlays = "all".parse().unwrap();
        assert!(all.grid && all.overset && all.warnings);
    }
}
