//! Proof marks, outside the trim and the bleed: crop marks at the corners, registration
//! targets at the middle of each side, a colour bar along the top and a slug line along
//! the bottom. They are display-list items like everything else, so every renderer
//! shows them; press output (`marks = false`) has none.
//!
//! Crop and registration marks and the slug line are in the registration colour, which
//! prints on every separation: on the plates they show whether the inks line up, and the
//! slug says which page, edition and build each plate belongs to.

use super::text::{emit_line, set_lines};
use crate::display::{CircleItem, Cmyk, Color, Item, LineItem, Rect, RectItem, Stroke};
use crate::fonts::{Builtin, FontBook};
use crate::linebreak::{Align, Options};
use crate::resolve::Model;
use crate::units::Pt;

/// Marks start this far outside the bleed, so trimming never leaves a mark on the page.
const GAP_BEYOND_BLEED_MM: f64 = 1.0;
/// Crop marks start at least this far from the trim, even without bleed (ISO 12647
/// presses expect 3 mm).
const MIN_OFFSET_MM: f64 = 3.0;
/// Length of a crop mark, and height of the band the marks and the colour bar take.
const MARK_LENGTH_MM: f64 = 5.0;
/// Room past the marks for the slug line's type.
const SLUG_ROOM_MM: f64 = 3.0;
/// Crop and registration marks: 0.25 pt, the usual hairline for marks.
const MARK_WEIGHT: Pt = Pt(0.25);
/// Registration target radius.
const TARGET_RADIUS_MM: f64 = 2.0;
/// Colour bar patch side (one band high), and the slug line's type size.
const PATCH_MM: f64 = 5.0;
const SLUG_SIZE: Pt = Pt(6.0);

/// How far the media box reaches beyond the trim on every side when marks are drawn.
pub fn margin(bleed: Pt) -> Pt {
    offset(bleed) + Pt::mm(MARK_LENGTH_MM + SLUG_ROOM_MM)
}

/// Distance from the trim edge to where a crop mark starts.
fn offset(bleed: Pt) -> Pt {
    (bleed + Pt::mm(GAP_BEYOND_BLEED_MM)).max(Pt::mm(MIN_OFFSET_MM))
}

/// Adds every mark around `trim`.
pub fn draw(model: &Model, fonts: &FontBook, trim: Rect, spots: usize, items: &mut Vec<Item>) {
    let off = offset(model.grid.bleed);
    crop_marks(trim, off, items);
    registration_targets(trim, off, items);
    color_bar(trim, off, spots, items);
    slug(model, fonts, trim, off, items);
}

fn hairline(from: (Pt, Pt), to: (Pt, Pt)) -> Item {
    Item::Line(LineItem {
        from,
        to,
        stroke: Stroke {
            color: Color::Registration,
            width: MARK_WEIGHT,
        },
        dash: None,
    })
}

/// Two marks at each corner, in line with the trim edges, pointing away from the page.
fn crop_marks(t: Rect, off: Pt, items: &mut Vec<Item>) {
    let len = Pt::mm(MARK_LENGTH_MM);
    for (x, dx) in [(t.x, -1.0), (t.right(), 1.0)] {
        for (y, dy) in [(t.y, -1.0), (t.bottom(), 1.0)] {
            items.push(hairline((x + off * dx, y), (x + (off + len) * dx, y)));
            items.push(hairline((x, y + off * dy), (x, y + (off + len) * dy)));
        }
    }
}

/// A circle with a cross through it at the middle of each side, centred in the band.
fn registration_targets(t: Rect, off: Pt, items: &mut Vec<Item>) {
    let band = off + Pt::mm(MARK_LENGTH_MM / 2.0);
    let (cx, cy) = (t.x + t.w / 2.0, t.y + t.h / 2.0);
    let centres = [
        (cx, t.y - band),
        (cx, t.bottom() + band),
        (t.x - band, cy),
        (t.right() + band, cy),
    ];
    let r = Pt::mm(TARGET_RADIUS_MM);
    let arm = r * 1.5;
    for (x, y) in centres {
        items.push(Item::Circle(CircleItem {
            center: (x, y),
            radius: r,
            fill: None,
            stroke: Some(Stroke {
                color: Color::Registration,
                width: MARK_WEIGHT,
            }),
        }));
        items.push(hairline((x - arm, y), (x + arm, y)));
        items.push(hairline((x, y - arm), (x, y + arm)));
    }
}

/// The patches of the colour bar: solids, 50 % and 25 % tints, two- and three-colour
/// overprints, then each spot ink at 100 % and 50 %.
fn patches(spots: usize) -> Vec<Color> {
    let mut out = Vec::new();
    for t in [1.0, 0.5, 0.25] {
        out.extend([
            Cmyk::new(t, 0.0, 0.0, 0.0),
            Cmyk::new(0.0, t, 0.0, 0.0),
            Cmyk::new(0.0, 0.0, t, 0.0),
            Cmyk::new(0.0, 0.0, 0.0, t),
        ]);
    }
    out.extend([
        Cmyk::new(1.0, 1.0, 0.0, 0.0),
        Cmyk::new(0.0, 1.0, 1.0, 0.0),
        Cmyk::new(1.0, 0.0, 1.0, 0.0),
        Cmyk::new(1.0, 1.0, 1.0, 0.0),
    ]);
    let mut colors: Vec<Color> = out.into_iter().map(Color::Process).collect();
    for spot in 0..u16::try_from(spots).unwrap_or(u16::MAX) {
        colors.push(Color::Spot { spot, tint: 1.0 });
        colors.push(Color::Spot { spot, tint: 0.5 });
    }
    colors
}

/// The colour bar along the top, from past the left crop marks to short of the top
/// registration target; patches that do not fit are left out.
fn color_bar(t: Rect, off: Pt, spots: usize, items: &mut Vec<Item>) {
    let side = Pt::mm(PATCH_MM);
    let start = t.x + Pt::mm(MARK_LENGTH_MM);
    let stop = t.x + t.w / 2.0 - Pt::mm(TARGET_RADIUS_MM * 2.0);
    let y = t.y - off - Pt::mm(MARK_LENGTH_MM);
    let fits = ((stop - start).0 / side.0).floor().max(0.0) as usize;
    for (i, color) in patches(spots).into_iter().take(fits).enumerate() {
        items.push(Item::Rect(RectItem {
            rect: Rect::new(start + side * i as f64, y, side, side),
            fill: Some(color),
            stroke: None,
        }));
    }
}

/// What the slug line says: spec name, page, build time, banmian version.
pub fn slug_text(model: &Model) -> String {
    let mut parts = vec![model.name.clone()];
    if let Some(page) = model.folio.as_ref().map(|f| f.page.trim()) {
        if !page.is_empty() {
            parts.push(page.to_string());
        }
    }
    parts.push("page 1 of 1".into());
    let when = model
        .created
        .and_then(crate::date::UtcDate::from_epoch)
        .map_or_else(|| "undated".to_string(), |d| d.human());
    parts.push(when);
    parts.push(concat!("banmian ", env!("CARGO_PKG_VERSION")).into());
    parts.join("  |  ")
}

/// The slug line under the page, between the bottom-left crop marks and the bottom
/// registration target.
fn slug(model: &Model, fonts: &FontBook, t: Rect, off: Pt, items: &mut Vec<Item>) {
    let x = t.x + Pt::mm(MARK_LENGTH_MM);
    let width = t.w / 2.0 - Pt::mm(MARK_LENGTH_MM + TARGET_RADIUS_MM * 2.0);
    if width.0 <= 0.0 {
        return;
    }
    let baseline = t.bottom() + off + Pt::mm(MARK_LENGTH_MM / 2.0) + SLUG_SIZE * 0.35;
    let font = Builtin::Hei.id();
    let lines = set_lines(
        fonts,
        &slug_text(model),
        font,
        SLUG_SIZE,
        width,
        Align::Start,
        &Options::default(),
    );
    if let Some(line) = lines.first() {
        emit_line(items, line, x, baseline, Color::Registration);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn marks_clear_the_bleed() {
        let bleed = Pt::mm(3.0);
        assert!((offset(bleed).to_mm() - 4.0).abs() < 1e-9);
        assert!((offset(Pt::ZERO).to_mm() - 3.0).abs() < 1e-9);
        assert!((margin(bleed).to_mm() - 12.0).abs() < 1e-9);
    }

    #[test]
    fn the_colour_bar_ends_with_the_spot_inks() {
        let p = patches(2);
        assert_eq!(p.len(), 16 + 4);
        assert_eq!(p[16], Color::Spot { spot: 0, tint: 1.0 });
        assert_eq!(p[0], Color::Process(Cmyk::new(1.0, 0.0, 0.0, 0.0)));
    }
}
