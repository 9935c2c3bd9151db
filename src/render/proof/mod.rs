//! PNG proofs: the page's PDF rasterised (so the proof shows exactly what goes to
//! press), with optional overlays for the desk: the column and baseline grid, overset
//! markers, and each warning as a numbered red box (numbers as in `report.json`).
//!
//! In: the PDF bytes and, for the overlays, what layout knew ([`ProofPage`]). Out: PNG
//! bytes, `round(size_pt × dpi / 72)` pixels a side for the media box. Rasterising is
//! `hayro` (pure Rust; see docs/decisions.md §13); overlays are drawn into the same
//! `vello_cpu` scene in display-list coordinates, so they land where layout put things.

mod digits;
mod overlay;

pub use overlay::{warning_area, OverlayError, Overlays};

use crate::compose::LayoutReport;
use crate::diag::Code;
use crate::diag::{Diagnostic, Diagnostics};
use crate::display::Page;
use crate::resolve::Grid;
use hayro::hayro_interpret::InterpreterSettings;
use hayro::hayro_syntax::Pdf;
use hayro::kurbo::Affine;
use hayro::vello_cpu::{Pixmap, RasterizerSettings, RenderContext, Resources, TargetInit};
use hayro::{RenderCache, RenderSettings};
use std::sync::Arc;

/// Largest side of a proof in pixels (the renderer's canvas is at most 65 535).
pub const MAX_SIDE: f64 = 30_000.0;
/// Default resolution: enough to read 小五 body text on screen.
pub const DEFAULT_DPI: f64 = 100.0;

/// How to render a proof.
#[derive(Clone, Debug)]
pub struct ProofOptions {
    /// Pixels per inch of the media box.
    pub dpi: f64,
    /// What to draw over the page.
    pub overlays: Overlays,
    /// The most pixels a proof may have ([`crate::files::Limits::proof_pixels`]):
    /// checked before anything is rendered.
    pub max_pixels: u64,
}

impl Default for ProofOptions {
    fn default() -> Self {
        ProofOptions {
            dpi: DEFAULT_DPI,
            overlays: Overlays::default(),
            max_pixels: crate::files::Limits::DEFAULT.proof_pixels,
        }
    }
}

/// What layout knew about one page, for the overlays.
pub struct ProofPage<'a> {
    /// The page's display list: what the proof renders.
    pub page: &'a Page,
    /// The page grid, for the grid overlay.
    pub grid: &'a Grid,
    /// Articles' set lines and overset, for the overset markers and for placing
    /// warnings that have no page area.
    pub report: &'a LayoutReport,
    /// Layout's warnings, numbered and boxed on the page by the warnings overlay.
    pub warnings: &'a Diagnostics,
}

/// Pixel size of a page of `w` × `h` points at `dpi`.
pub fn pixel_size(w: f64, h: f64, dpi: f64) -> (u32, u32) {
    let px = |pt: f64| (pt * dpi / 72.0).round().max(1.0) as u32;
    (px(w), px(h))
}

/// Renders page `index` of `pdf` with the overlays of `layout`, as PNG bytes.
pub fn render_page(
    pdf: &[u8],
    index: usize,
    layout: Option<&ProofPage<'_>>,
    opts: &ProofOptions,
) -> Result<Vec<u8>, Diagnostic> {
    let pixmap = rasterise(pdf, index, (opts.dpi, opts.max_pixels), |ctx, scale| {
        if let Some(l) = layout {
            overlay::draw(ctx, scale, l, &opts.overlays);
        }
    })?;
    encode_png(pixmap)
}

/// Rasterises one page at `dpi`, if that gives at most `max_pixels` pixels, and lets
/// `extra` draw over it (in points, display-list coordinates: origin at the media
/// box's top-left, y down).
pub fn rasterise(
    pdf: &[u8],
    index: usize,
    (dpi, max_pixels): (f64, u64),
    extra: impl FnOnce(&mut RenderContext, f64),
) -> Result<Pixmap, Diagnostic> {
    let bad = |m: String| Diagnostic::new(Code::ProofRender, m);
    if !(dpi.is_finite() && dpi > 0.0) {
        return Err(bad(format!("a resolution of {dpi} dpi cannot be rendered")));
    }
    let doc =
        Pdf::new(Arc::new(pdf.to_vec())).map_err(|e| bad(format!("cannot read the PDF: {e:?}")))?;
    let pages = doc.pages();
    let page = pages
        .get(index)
        .ok_or_else(|| bad(format!("the PDF has no page {}", index + 1)))?;
    let (w, h) = page.render_dimensions();
    let (pw, ph) = pixel_size(f64::from(w), f64::from(h), dpi);
    check_pixels((f64::from(w), f64::from(h)), dpi, max_pixels)?;
    let (pw, ph) = (pw as u16, ph as u16);
    let mut ctx = RenderContext::new(pw, ph);
    let scale = f64::from(pw) / f64::from(w);
    let sy = f64::from(ph) / f64::from(h);
    let transform = Affine::scale_non_uniform(scale, sy) * to_kurbo(page.initial_transform(true));
    let cache = RenderCache::new();
    let settings = InterpreterSettings::default();
    hayro::render_into(
        page,
        &cache,
        &settings,
        &RenderSettings::default(),
        &mut ctx,
        transform,
    );
    ctx.set_transform(Affine::scale_non_uniform(scale, sy));
    extra(&mut ctx, scale);
    ctx.flush();
    let mut pixmap = Pixmap::new(pw, ph);
    // Paper white under the page, as a proof on screen is read.
    let settings = RasterizerSettings {
        target_init: TargetInit::Clear(hayro::vello_cpu::color::palette::css::WHITE),
        ..Default::default()
    };
    ctx.render_with(&mut pixmap, &mut Resources::default(), settings);
    Ok(pixmap)
}

/// Refuses a proof of a `w` × `h` pt media box at `dpi` that would have more than
/// `max_pixels` pixels, or a side past the renderer's canvas, before anything is
/// allocated; the message says the highest resolution that fits.
pub fn check_pixels((w, h): (f64, f64), dpi: f64, max_pixels: u64) -> Result<(), Diagnostic> {
    if !(dpi.is_finite() && dpi > 0.0) {
        return Err(Diagnostic::new(
            Code::ProofRender,
            format!("a resolution of {dpi} dpi cannot be rendered"),
        )
        .hint("give --dpi a positive number, e.g. 100"));
    }
    let (pw, ph) = pixel_size(w, h, dpi);
    let pixels = u64::from(pw) * u64::from(ph);
    if pixels <= max_pixels && f64::from(pw.max(ph)) <= MAX_SIDE {
        return Ok(());
    }
    // The pixel count grows with the square of the resolution.
    let by_count = dpi * (max_pixels as f64 / pixels.max(1) as f64).sqrt();
    let by_side = dpi * MAX_SIDE / f64::from(pw.max(ph)).max(1.0);
    let fits = by_count.min(by_side).floor().max(1.0);
    Err(Diagnostic::new(
        Code::ProofTooLarge,
        format!(
            "a proof of this {:.0} × {:.0} mm page at {dpi} dpi would be {pw} × {ph} pixels ({} million); the limit is {} million pixels",
            w * 25.4 / 72.0,
            h * 25.4 / 72.0,
            pixels / 1_000_000,
            max_pixels / 1_000_000
        ),
    )
    .hint(format!(
        "lower --dpi to {fits:.0} or less (a whole broadsheet page reads well at 100–150 dpi); a machine with the memory (about 8 bytes a pixel) may raise the limit with --limit proof-pixels=N"
    )))
}

fn to_kurbo(t: hayro::hayro_syntax::transform::Transform) -> Affine {
    use hayro::hayro_interpret::util::TransformExt;
    t.to_kurbo()
}

/// An opaque RGB PNG of the pixmap (deterministic: no time stamp, fixed settings).
pub fn encode_png(pixmap: Pixmap) -> Result<Vec<u8>, Diagnostic> {
    let (w, h) = (u32::from(pixmap.width()), u32::from(pixmap.height()));
    // The page is opaque (cleared to white), so premultiplied samples are the colours.
    let rgba = pixmap.take_rgba8(hayro::vello_cpu::peniko::ImageAlphaType::AlphaPremultiplied);
    let rgb: Vec<u8> = rgba
        .chunks_exact(4)
        .flat_map(|p| [p[0], p[1], p[2]])
        .collect();
    let mut out = Vec::new();
    let enc = image::codecs::png::PngEncoder::new(&mut out);
    image::ImageEncoder::write_image(enc, &rgb, w, h, image::ExtendedColorType::Rgb8)
        .map_err(|e| Diagnostic::new(Code::ProofPng, format!("cannot encode the PNG: {e}")))?;
    Ok(out)
}
