//! Photos: the image in its frame (fit, fill or crop around a focal point), the caption
//! (楷体 by default) on whole grid lines under it, and one grid line of standoff.

use super::text::{emit_line, line_options};
use super::{Ctx, Occupied, Out};
use crate::diag::Code;
use crate::diag::Diagnostic;
use crate::display::{Color, ImageItem, Item, Rect};
use crate::fonts::Builtin;
use crate::linebreak::Align;
use crate::resolve::{CaptionPosition, Fit, Photo};
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
    let Ctx { model, frame, .. } = *cx;
    let g = &frame.grid;
    let beside = p.caption_position != CaptionPosition::Below;
    let cap_span = if beside { p.caption_span } else { 0 };
    let img_span = p.place.span - cap_span;
    let cap_width = g.span_width(if beside { cap_span } else { p.place.span });
    let lines = caption_lines(cx, p, cap_width);
    let place_rect = frame.rect(p.place.column, p.place.span, p.place.top, p.place.height);
    // Below: the picture, the caption and a line of standoff; beside: the picture and
    // the standoff, the caption in its own columns.
    let needs = if beside {
        2.max(lines.len() + 1)
    } else {
        lines.len() + 2
    };
    if needs > p.place.height {
        let message = if lines.is_empty() {
            format!(
                "photo {}: its place has {} grid line(s); a photo needs at least 2 (the picture and a line of standoff)",
                p.path.display(),
                p.place.height
            )
        } else {
            format!(
                "photo {}: its caption needs {} grid lines and its place has {}",
                p.path.display(),
                lines.len(),
                p.place.height
            )
        };
        out.warnings.push(
            Diagnostic::new(Code::LayoutCaptionTooLong, message)
                .at(p.loc.clone())
                .hint("give the photo more grid lines or shorten the caption")
                .on_page(place_rect),
        );
    }
    let (img_col, cap_col) = match p.caption_position {
        CaptionPosition::Left => (p.place.column + cap_span, p.place.column),
        _ => (p.place.column, p.place.column + img_span),
    };
    let img_lines = if beside {
        p.place.height.saturating_sub(1).max(1)
    } else {
        p.place.height.saturating_sub(lines.len() + 1).max(1)
    };
    let rect = frame.rect(img_col, img_span, p.place.top, img_lines);
    // Below: the frame stops a quarter line short of the caption's grid line, so the
    // caption's ascenders do not touch the picture.
    let rect = if beside {
        rect
    } else {
        Rect::new(rect.x, rect.y, rect.w, rect.h - g.line_pitch * 0.25)
    };
    let placed = place_image(p, rect);
    let ppi = f64::from(p.image.width) / (placed.w.0 / 72.0);
    let min_ppi = model.output.min_ppi;
    if ppi < min_ppi {
        out.warnings.push(
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
    out.items.push(Item::Image(ImageItem {
        frame: rect,
        placed,
        image: p.image.clone(),
    }));
    let start = out.items.len();
    // Beside the picture the caption stands on its foot: its last line on the
    // picture's last grid line.
    let first = if beside {
        p.place.top + img_lines.saturating_sub(lines.len())
    } else {
        p.place.top + img_lines
    };
    let x = if beside { frame.x(cap_col) } else { rect.x };
    for (i, line) in lines.iter().enumerate() {
        emit_line(
            &mut out.items,
            line,
            x,
            frame.baseline(first + i),
            Color::BLACK,
        );
    }
    let what = format!("the caption of photo {}", p.path.display());
    super::checks::missing_in(
        &out.items[start..],
        p.loc.clone(),
        &what,
        place_rect,
        &mut out.warnings,
    );
}

/// The caption and credit set at `width` in 楷体: the credit (张帆 摄) is never split
/// across lines; when it does not fit after the caption's last words it goes on a line
/// of its own, flush right.
fn caption_lines(cx: &Ctx, p: &Photo, width: Pt) -> Vec<crate::linebreak::Line> {
    let Ctx {
        model,
        fonts,
        frame,
    } = *cx;
    let opts = line_options(&model.text);
    let size = frame.grid.body_size;
    let set = |text: &str, align: Align| {
        let par = super::text::paragraph(text, Builtin::Kai.id(), size, Pt::ZERO, align);
        crate::linebreak::prepare(&par, fonts, &opts).break_lines(&|_| width)
    };
    let caption = p
        .caption
        .as_deref()
        .map(str::trim)
        .filter(|c| !c.is_empty());
    let credit = p.credit.as_deref().map(str::trim).filter(|c| !c.is_empty());
    match (caption, credit) {
        (None, None) => Vec::new(),
        (Some(c), None) => set(c, p.caption_align),
        (None, Some(cr)) => set(cr, Align::End),
        (Some(c), Some(cr)) => {
            let joined = format!("{c}　{cr}");
            let credit_at = joined.len() - cr.len();
            let lines = set(&joined, p.caption_align);
            let split = lines
                .iter()
                .any(|l| l.start > credit_at && l.start < joined.len());
            if !split {
                return lines;
            }
            let mut lines = set(c, p.caption_align);
            lines.extend(set(cr, Align::End));
            lines
        }
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
