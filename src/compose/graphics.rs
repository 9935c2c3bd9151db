//! Placed graphics (ads, logos, charts): the graphic in its frame (an ad module, or
//! grid cells like a photo, with an optional caption under it), sized as `fit` says,
//! and what preflight found, now that the printed size is known (image resolution)
//! and the frame is (a size that does not match the module).
//!
//! Reusable by other composers: [`graphic_item`] turns a graphic and a frame into the
//! display item (the front page's masthead places its logo with it).

use super::text::{emit_line, line_options};
use super::{Ctx, Occupied, Out};
use crate::diag::{Code, Diagnostic, Severity};
use crate::display::{Color, GraphicItem, Item, Rect};
use crate::fonts::Builtin;
use crate::graphic::Graphic;
use crate::linebreak::Align;
use crate::resolve::{Edges, GraphicFit, PlacedGraphic, Placement};
use crate::units::Pt;
use std::sync::Arc;

/// A graphic may differ from its module by this much either way before a warning
/// (what a platesetter's rounding and an ad maker's mm-to-pt rounding leave).
const SIZE_TOLERANCE_MM: f64 = 0.5;

/// What `check --json` says about a placed graphic.
#[derive(Clone, Debug, serde::Serialize)]
pub struct GraphicReport {
    /// The file's path: the spec's `file` joined to the spec's folder.
    pub file: String,
    /// `pdf` or `svg`, as sniffed from the file's bytes (not its name).
    pub format: crate::graphic::Format,
    /// The page placed, counted from 1 (the spec's `page`, default 1).
    pub page: usize,
    /// Pages in the file (1 for an SVG, which becomes a one-page PDF).
    pub pages: usize,
    /// The box of the page that is placed (the spec's `box`, default `trim`);
    /// `size_mm` is its size.
    #[serde(rename = "box")]
    pub box_kind: crate::graphic::BoxKind,
    /// The box's size as it shows (after `/Rotate`), in mm.
    pub size_mm: [f64; 2],
    /// The page's `/Rotate`.
    pub rotate: u16,
    /// The ad module, when placed by one.
    pub module: Option<String>,
    /// Where the chosen box lands on the page (points, top-left origin), centred in
    /// its frame.
    pub placed: Rect,
    /// The scale it is placed at (1 at 100 %): always 1 unless the spec gives
    /// `fit = "fit"` or `"fill"`; the images' effective ppi follows from it.
    pub scale: f64,
    /// What preflight found in the file.
    pub inspection: crate::graphic::Inspection,
    /// Every finding of this placement, errors and warnings, as `code: message`.
    pub findings: Vec<String>,
}

pub fn draw(cx: &Ctx, out: &mut Out) -> (Vec<Occupied>, Vec<GraphicReport>) {
    let mut occupied = Vec::new();
    let mut reports = Vec::new();
    for g in &cx.model.graphics {
        let cells = g.cells(&cx.frame.grid);
        let before = out.warnings.iter().count();
        let landing = draw_graphic(cx, g, out);
        let findings = out
            .warnings
            .iter()
            .skip(before)
            .map(|d| format!("{}: {}", d.code, d.message))
            .collect();
        let (w, h) = g.graphic.size();
        reports.push(GraphicReport {
            file: g.graphic.path.display().to_string(),
            format: g.graphic.format,
            page: g.graphic.page + 1,
            pages: g.graphic.pages,
            box_kind: g.graphic.box_kind,
            size_mm: [round2(w * 25.4 / 72.0), round2(h * 25.4 / 72.0)],
            rotate: g.graphic.rotate,
            module: match &g.placement {
                Placement::Module { module, .. } => Some(module.name.clone()),
                Placement::Place(_) => None,
            },
            placed: landing.placed,
            scale: landing.scale,
            inspection: g.graphic.inspection.clone(),
            findings,
        });
        occupied.extend(Occupied::block(
            "a graphic",
            cells.column,
            cells.span,
            cells.top,
            cells.height,
        ));
    }
    (occupied, reports)
}

fn round2(v: f64) -> f64 {
    (v * 100.0).round() / 100.0
}

/// How a graphic lands in a frame.
#[derive(Clone, Copy, Debug)]
pub struct Landing {
    /// Where the graphic's chosen box lands.
    pub placed: Rect,
    /// The scale used (1 at 100 %).
    pub scale: f64,
}

/// Sizes a graphic into `frame` as `fit` says, centred.
pub fn land(graphic: &Graphic, frame: Rect, fit: GraphicFit) -> Landing {
    let (gw, gh) = graphic.size();
    let (sx, sy) = (frame.w.0 / gw, frame.h.0 / gh);
    let scale = match fit {
        GraphicFit::None => 1.0,
        GraphicFit::Fit => sx.min(sy),
        GraphicFit::Fill => sx.max(sy),
    };
    let (w, h) = (Pt(gw * scale), Pt(gh * scale));
    let placed = Rect::new(
        frame.x + (frame.w - w) / 2.0,
        frame.y + (frame.h - h) / 2.0,
        w,
        h,
    );
    Landing { placed, scale }
}

/// The display item of a graphic landed in `frame`. Where the frame reaches a trim
/// edge (`bleeds`: left, top, right, bottom) the graphic's bleed box shows past the
/// frame by up to `bleed`; elsewhere it is clipped to the frame.
pub fn graphic_item(
    graphic: &Arc<Graphic>,
    frame: Rect,
    landing: &Landing,
    bleeds: Edges,
    bleed: Pt,
) -> Item {
    let bleeding = bleeds.iter().any(|&b| b);
    let area = if bleeding {
        graphic.bleed_area
    } else {
        graphic.area
    };
    let [l, t, r, b] = graphic.margins(&area).map(|m| m * landing.scale);
    let p = landing.placed;
    let placed = Rect::new(p.x - Pt(l), p.y - Pt(t), p.w + Pt(l + r), p.h + Pt(t + b));
    let out = |on: bool| if on { bleed } else { Pt::ZERO };
    let clip = Rect::new(
        frame.x - out(bleeds[0]),
        frame.y - out(bleeds[1]),
        frame.w + out(bleeds[0]) + out(bleeds[2]),
        frame.h + out(bleeds[1]) + out(bleeds[3]),
    );
    Item::Graphic(GraphicItem {
        clip,
        placed,
        area,
        graphic: graphic.clone(),
    })
}

fn draw_graphic(cx: &Ctx, g: &PlacedGraphic, out: &mut Out) -> Landing {
    let frame = cx.frame;
    let grid = &frame.grid;
    let (rect, bleeds) = match &g.placement {
        Placement::Module { module, column } => {
            let (r, edges) = module.rect(grid, *column);
            let r = Rect::new(r.x + frame.origin.0, r.y + frame.origin.1, r.w, r.h);
            (r, edges)
        }
        Placement::Place(p) => {
            let lines = caption(cx, g, grid.span_width(p.span));
            if !lines.is_empty() && lines.len() + 2 > p.height {
                out.warnings.push(
                    Diagnostic::new(
                        Code::LayoutCaptionTooLong,
                        format!(
                            "graphic {}: its caption needs {} grid lines and its place has {}",
                            g.graphic.describe(),
                            lines.len(),
                            p.height
                        ),
                    )
                    .at(g.loc.clone())
                    .hint("give the graphic more grid lines or shorten the caption")
                    .on_page(frame.rect(p.column, p.span, p.top, p.height)),
                );
            }
            let art_lines = if lines.is_empty() {
                p.height
            } else {
                p.height.saturating_sub(lines.len() + 1).max(1)
            };
            let mut r = frame.rect(p.column, p.span, p.top, art_lines);
            if !lines.is_empty() {
                // As under a photo: a quarter line between the art and the caption.
                r.h -= grid.line_pitch * 0.25;
            }
            for (i, line) in lines.iter().enumerate() {
                let l = p.top + art_lines + i;
                emit_line(&mut out.items, line, r.x, frame.baseline(l), Color::BLACK);
            }
            (r, [false; 4])
        }
    };
    let landing = land(&g.graphic, rect, g.fit);
    out.items
        .push(graphic_item(&g.graphic, rect, &landing, bleeds, grid.bleed));
    report(cx, g, rect, &landing, out);
    landing
}

/// The caption and credit set in 楷体 across the frame's width, as under a photo.
fn caption(cx: &Ctx, g: &PlacedGraphic, width: Pt) -> Vec<crate::linebreak::Line> {
    let text = match (&g.caption, &g.credit) {
        (Some(c), Some(cr)) => format!("{c}　{cr}"),
        (Some(c), None) => c.clone(),
        (None, Some(cr)) => cr.clone(),
        (None, None) => return Vec::new(),
    };
    let grid = &cx.frame.grid;
    let par = super::text::paragraph(
        &text,
        Builtin::Kai.id(),
        grid.body_size,
        Pt::ZERO,
        Align::Justify,
    );
    let opts = line_options(&cx.model.text);
    crate::linebreak::prepare(&par, cx.fonts, &opts).break_lines(&|_| width)
}

/// The graphic's findings as warnings at its spec key and boxed on the proof.
fn report(cx: &Ctx, g: &PlacedGraphic, frame: Rect, landing: &Landing, out: &mut Out) {
    let what = g.graphic.describe();
    let warn = |code: Code, msg: String, hint: &str| {
        Diagnostic::new(code, format!("graphic {what} {msg}"))
            .at(g.loc.clone())
            .hint(hint)
            .on_page(frame)
    };
    let found = g.graphic.inspection.findings.iter().chain(&g.findings);
    for f in found.filter(|f| f.code.severity() == Severity::Warning) {
        out.warnings.push(warn(f.code, f.message.clone(), &f.hint));
    }
    if let Some(d) = size_mismatch(g, frame, landing) {
        out.warnings.push(warn(
            Code::GraphicSizeMismatch,
            d,
            "ask for the ad made to the module's size (ads are placed at 100 %)",
        ));
    }
    let min_ppi = cx.model.output.min_ppi;
    let lowest = g
        .graphic
        .inspection
        .images
        .iter()
        .map(|i| i.ppi(landing.scale))
        .fold(f64::INFINITY, f64::min);
    if lowest < min_ppi {
        out.warnings.push(warn(
            Code::GraphicLowResolution,
            format!("has an image that prints at {lowest:.0} ppi (under {min_ppi:.0})"),
            "ask for the ad with higher-resolution images, or place it smaller",
        ));
    }
    let limit = cx.model.output.ink_limit;
    if let Some(max) = g.graphic.inspection.max_ink.filter(|m| *m > limit + 0.5) {
        out.warnings.push(warn(
            Code::GraphicInk,
            format!("has images with up to {max:.0} % total ink (the press takes {limit:.0} %)"),
            "ask for the ad separated for newsprint (GCR, total ink within the limit)",
        ));
    }
}

/// A module's (or a 100 % frame's) size against the graphic's, when they differ by
/// more than [`SIZE_TOLERANCE_MM`].
fn size_mismatch(g: &PlacedGraphic, frame: Rect, landing: &Landing) -> Option<String> {
    let module = match &g.placement {
        Placement::Module { module, .. } => Some(module.name.as_str()),
        Placement::Place(_) if g.fit_given => return None,
        Placement::Place(_) => None,
    };
    let (gw, gh) = g.graphic.size();
    let mm = |v: f64| v * 25.4 / 72.0;
    let (dw, dh) = (mm(gw - frame.w.0).abs(), mm(gh - frame.h.0).abs());
    if dw <= SIZE_TOLERANCE_MM && dh <= SIZE_TOLERANCE_MM {
        return None;
    }
    let target = match module {
        Some(m) => format!("its module `{m}`"),
        None => "its frame".to_string(),
    };
    let mut msg = format!(
        "is {:.1} × {:.1} mm ({} box); {target} is {:.1} × {:.1} mm",
        mm(gw),
        mm(gh),
        g.graphic.box_kind.name(),
        mm(frame.w.0),
        mm(frame.h.0)
    );
    if g.fit_given {
        msg.push_str(&format!(
            "; placed with fit = \"{}\" at {:.1} %",
            g.fit.name(),
            landing.scale * 100.0
        ));
    } else {
        msg.push_str("; placed at 100 %, centred");
    }
    Some(msg)
}
