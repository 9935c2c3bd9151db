//! Photos: the image in its frame (fit, fill or crop around a focal point), the caption
//! (楷体 by default) on whole grid lines under it, and one grid line of standoff.

use super::text::{emit_line, line_options};
use super::{Ctx, Occupied, Out};
use crate::diag::Code;
use crate::diag::Diagnostic;
use crate::display::{Color, ImageItem, Item, Rect};
use crate::fonts::Builtin;
use crate::linebreak::Align;
use crate::resolve::{Fit, Photo};
use crate::units::Pt;

pub fn draw(cx: &Ctx, out: &mut Out) -> Vec<Occupied> {
    let mut occupied = Vec::new();
    for p in &cx.model.photos {
        draw_photo(cx, p, out);
        occupied.extend(Occupied::block(
            "a photo",
            p.place.column,
            p.place.span,
            p.place.top,
            p.place.height,
        ));
    }
    occupied
}

fn draw_photo(cx: &Ctx, p: &Photo, out: &mut Out) {
    let Ctx {
        model,
        fonts,
        frame,
    } = *cx;
    let Out { items, warnings } = out;
    let g = &frame.grid;
    let width = g.span_width(p.place.span);
    let opts = line_options(&model.text);
    let caption = match (&p.caption, &p.credit) {
        (Some(c), Some(cr)) => format!("{c}　{cr}"),
        (Some(c), None) => c.clone(),
        (None, Some(cr)) => cr.clone(),
        (None, None) => String::new(),
    };
    let lines = if caption.is_empty() {
        Vec::new()
    } else {
        let par = super::text::paragraph(
            &caption,
            Builtin::Kai.id(),
            g.body_size,
            Pt::ZERO,
            Align::Justify,
        );
        crate::linebreak::prepare(&par, fonts, &opts).break_lines(&|_| width)
    };
    // Image lines: what is left of the place after the caption and one line of standoff.
    if lines.len() + 2 > p.place.height {
        warnings.push(
            Diagnostic::new(
                Code::LayoutCaptionTooLong,
                format!(
                    "photo {}: its caption needs {} grid lines and its place has {}",
                    p.path.display(),
                    lines.len(),
                    p.place.height
                ),
            )
            .at(p.loc.clone())
            .hint("give the photo more grid lines or shorten the caption")
            .on_page(frame.rect(
                p.place.column,
                p.place.span,
                p.place.top,
                p.place.height,
            )),
        );
    }
    let img_lines = p.place.height.saturating_sub(lines.len() + 1).max(1);
    let rect = frame.rect(p.place.column, p.place.span, p.place.top, img_lines);
    // The frame stops a quarter line short of the caption's grid line, so the caption's
    // ascenders do not touch the picture.
    let rect = Rect::new(rect.x, rect.y, rect.w, rect.h - g.line_pitch * 0.25);
    let placed = place_image(p, rect);
    let ppi = f64::from(p.image.width) / (placed.w.0 / 72.0);
    let min_ppi = model.output.min_ppi;
    if ppi < min_ppi {
        warnings.push(
            Diagnostic::new(
                Code::PhotoLowResolution,
                format!(
                    "photo {} prints at {ppi:.0} ppi (under {min_ppi:.0})",
                    p.path.display()
                ),
            )
            .at(p.loc.clone())
            .hint("use a larger original or a smaller frame")
            .on_page(rect),
        );
    }
    items.push(Item::Image(ImageItem {
        frame: rect,
        placed,
        image: p.image.clone(),
    }));
    for (i, line) in lines.iter().enumerate() {
        let l = p.place.top + img_lines + i;
        emit_line(items, line, rect.x, frame.baseline(l), Color::BLACK);
    }
}

/// Where the whole image lands so that the frame shows what `fit` asks for.
fn place_image(p: &Photo, frame: Rect) -> Rect {
    let (iw, ih) = (f64::from(p.image.width), f64::from(p.image.height));
    let (sx, sy) = (frame.w.0 / iw, frame.h.0 / ih);
    let scale = match p.fit {
        Fit::Fit => sx.min(sy),
        Fit::Fill | Fit::Crop => sx.max(sy),
    };
    let (w, h) = (Pt(iw * scale), Pt(ih * scale));
    let (x, y) = match p.fit {
        Fit::Fit => (frame.x + (frame.w - w) / 2.0, frame.y + (frame.h - h) / 2.0),
        Fit::Fill | Fit::Crop => {
            // Put the focal point at the frame's centre, but never show past the edge.
            let x = frame.x + frame.w / 2.0 - w * p.focus.0;
            let y = frame.y + frame.h / 2.0 - h * p.focus.1;
            (
                clamp(x, frame.right() - w, frame.x),
                clamp(y, frame.bottom() - h, frame.y),
            )
        }
    };
    Rect::new(x, y, w, h)
}

fn clamp(v: Pt, lo: Pt, hi: Pt) -> Pt {
    v.max(lo).min(hi)
}
