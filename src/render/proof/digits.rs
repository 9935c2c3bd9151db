//! Labels on the proof (warning numbers, overset counts), drawn as glyph outlines of the
//! built-in bold sans face so the proof needs no font of the system's.

use crate::fonts::Builtin;
use crate::fonts::{FontBytes, FontFace};
use hayro::kurbo::{Affine, BezPath};
use hayro::vello_cpu::RenderContext;
use skrifa::instance::{LocationRef, Size};
use skrifa::outline::{DrawSettings, OutlinePen};
use skrifa::{GlyphId, MetadataProvider};
use std::sync::OnceLock;

/// Fills `text` with its baseline's left end at `(x, y)`, `size` points tall, in the
/// current paint; returns the width drawn. Characters the face lacks are skipped.
pub fn draw_label(
    ctx: &mut RenderContext,
    base: Affine,
    text: &str,
    x: f64,
    y: f64,
    size: f64,
) -> f64 {
    static FACE: OnceLock<Option<FontFace>> = OnceLock::new();
    let Some(face) = FACE
        .get_or_init(|| {
            FontFace::parse(FontBytes::Static(Builtin::HeiBold.data()), 0, "hei-bold").ok()
        })
        .as_ref()
    else {
        return 0.0;
    };
    let outlines = face.font().outline_glyphs();
    let scale = size / face.units_per_em;
    let mut pen = x;
    for c in text.chars() {
        let Some(gid) = face.glyph(c) else {
            continue;
        };
        let mut path = Path(BezPath::new());
        let settings = DrawSettings::unhinted(Size::unscaled(), LocationRef::default());
        let drawn = outlines
            .get(GlyphId::new(u32::from(gid)))
            .is_some_and(|g| g.draw(settings, &mut path).is_ok());
        if drawn {
            // Font units are y up; the page is y down.
            let place = Affine::translate((pen, y)) * Affine::scale_non_uniform(scale, -scale);
            ctx.set_transform(base * place);
            ctx.fill_path(&path.0);
        }
        pen += face.advance_units(gid) * scale;
    }
    ctx.set_transform(base);
    pen - x
}

struct Path(BezPath);

impl OutlinePen for Path {
    fn move_to(&mut self, x: f32, y: f32) {
        self.0.move_to((f64::from(x), f64::from(y)));
    }
    fn line_to(&mut self, x: f32, y: f32) {
        self.0.line_to((f64::from(x), f64::from(y)));
    }
    fn quad_to(&mut self, x1: f32, y1: f32, x: f32, y: f32) {
        self.0
            .quad_to((f64::from(x1), f64::from(y1)), (f64::from(x), f64::from(y)));
    }
    fn curve_to(&mut self, x1: f32, y1: f32, x2: f32, y2: f32, x: f32, y: f32) {
        self.0.curve_to(
            (f64::from(x1), f64::from(y1)),
            (f64::from(x2), f64::from(y2)),
            (f64::from(x), f64::from(y)),
        );
    }
    fn close(&mut self) {
        self.0.close_path();
    }
}
