//! The highlight PNG of a changed page: the page as it is now (rasterised from its PDF,
//! or drawn schematically from its layout dump when there is no PDF), with each changed
//! region filled in translucent red (after) and outlined in blue (before).

use super::{Change, SidePage, DIFF_DPI, DIFF_PIXELS};
use crate::diag::Code;
use crate::diag::Diagnostic;
use crate::dump::{ItemDump, PageDump};
use crate::render::proof::{encode_png, pixel_size, rasterise};
use hayro::kurbo::{Affine, Rect, Stroke};
use hayro::vello_cpu::color::{AlphaColor, Srgb};
use hayro::vello_cpu::{Pixmap, RasterizerSettings, RenderContext, Resources, TargetInit};
use std::path::{Path, PathBuf};

const AFTER: AlphaColor<Srgb> = AlphaColor::from_rgba8(255, 0, 0, 80);
const AFTER_EDGE: AlphaColor<Srgb> = AlphaColor::from_rgba8(220, 0, 0, 255);
const BEFORE: AlphaColor<Srgb> = AlphaColor::from_rgba8(0, 90, 255, 255);
const SCHEMATIC: AlphaColor<Srgb> = AlphaColor::from_rgba8(170, 170, 170, 255);

pub fn write(
    dir: &Path,
    label: &str,
    a: Option<&SidePage>,
    b: Option<&SidePage>,
    changes: &[Change],
) -> Result<PathBuf, Diagnostic> {
    let shown = b.or(a).cloned().unwrap_or_default();
    let highlight = |ctx: &mut RenderContext, scale: f64| draw_changes(ctx, scale, changes);
    let pixmap = match (&shown.pdf, &shown.dump) {
        (Some((bytes, index)), _) => rasterise(bytes, *index, (DIFF_DPI, DIFF_PIXELS), highlight)?,
        (None, Some(dump)) => schematic(dump, highlight),
        (None, None) => schematic(&empty_page(), highlight),
    };
    let png = encode_png(pixmap)?;
    let path = dir.join(format!("{label}.png"));
    crate::write_atomically(&path, &png).map_err(|e| {
        Diagnostic::new(
            Code::IoWrite,
            format!("cannot write {}: {e}", path.display()),
        )
    })?;
    Ok(path)
}

fn kr(r: &[f64; 4]) -> Rect {
    Rect::new(r[0], r[1], r[0] + r[2], r[1] + r[3])
}

fn draw_changes(ctx: &mut RenderContext, scale: f64, changes: &[Change]) {
    let hair = 1.0 / scale;
    for c in changes {
        if let Some(r) = &c.before {
            ctx.set_paint(BEFORE);
            ctx.set_stroke(Stroke::new(1.5 * hair));
            ctx.stroke_rect(&kr(r));
        }
        if let Some(r) = &c.after {
            ctx.set_paint(AFTER);
            ctx.fill_rect(&kr(r));
            ctx.set_paint(AFTER_EDGE);
            ctx.set_stroke(Stroke::new(2.0 * hair));
            ctx.stroke_rect(&kr(r));
        }
    }
}

/// A page drawn from its dump: grey boxes where its items are.
fn schematic(page: &PageDump, extra: impl FnOnce(&mut RenderContext, f64)) -> Pixmap {
    let (w, h) = pixel_size(page.media[2], page.media[3], DIFF_DPI);
    let (w, h) = (w.clamp(1, 10_000) as u16, h.clamp(1, 10_000) as u16);
    let scale = DIFF_DPI / 72.0;
    let mut ctx = RenderContext::new(w, h);
    ctx.set_transform(Affine::scale(scale));
    ctx.set_paint(SCHEMATIC);
    ctx.set_stroke(Stroke::new(1.0 / scale));
    for item in &page.items {
        match item {
            ItemDump::Text { .. } | ItemDump::Image { .. } => ctx.fill_rect(&kr(&item.bounds())),
            ItemDump::Span { .. } | ItemDump::End => {}
            _ => ctx.stroke_rect(&kr(&item.bounds())),
        }
    }
    extra(&mut ctx, scale);
    ctx.flush();
    let mut pixmap = Pixmap::new(w, h);
    let settings = RasterizerSettings {
        target_init: TargetInit::Clear(hayro::vello_cpu::color::palette::css::WHITE),
        ..Default::default()
    };
    ctx.render_with(&mut pixmap, &mut Resources::default(), settings);
    pixmap
}

fn empty_page() -> PageDump {
    PageDump {
        label: String::new(),
        media: [0.0, 0.0, 72.0, 72.0],
        trim: [0.0, 0.0, 72.0, 72.0],
        grid: crate::dump::GridDump {
            columns: 0,
            lines: 0,
            column_width: 0.0,
            line_pitch: 0.0,
            body_size: 0.0,
        },
        items: Vec::new(),
        articles: Vec::new(),
        warnings: Vec::new(),
    }
}
