//! Checks over the whole page, after composition: elements that overlap on the grid (free
//! rules included) and characters set outside the body in a face that lacks them (the
//! body reports its own, with the paragraph). Both are warnings: the proof still builds
//! and shows the problem.

use super::Frame;
use crate::diag::Code;
use crate::diag::{Diagnostic, Diagnostics, SourceLoc};
use crate::display::{Item, Rect};
use crate::fonts::IDEOGRAPHIC_ASCENT;
use crate::resolve::{Model, Place, RulePlace, Shape};
use std::collections::BTreeSet;

/// Placed elements whose grid rectangles overlap where they should not. Photos, graphics
/// and promo boxes inside an article are fine (the body runs around them); two articles,
/// two photos, a photo and an ad, or anything under the banner are not.
pub fn overlaps(
    model: &Model,
    frame: &Frame,
    tables: &[(String, Place)],
    warnings: &mut Diagnostics,
) {
    let mut boxes: Vec<(String, Shape, bool, Option<SourceLoc>)> = Vec::new();
    for a in &model.articles {
        boxes.push((
            format!("article `{}`", a.id),
            a.shape.clone(),
            true,
            a.loc.clone(),
        ));
    }
    for p in &model.photos {
        boxes.push((
            format!("photo {}", p.path.display()),
            Shape::rect(p.place),
            false,
            p.loc.clone(),
        ));
    }
    // Placed graphics (ads, charts), by `place` or by an ad module.
    for g in &model.graphics {
        boxes.push((
            format!("graphic {}", g.graphic.path.display()),
            Shape::rect(g.cells(&model.grid)),
            false,
            g.loc.clone(),
        ));
    }
    for (i, p) in model.promos.iter().enumerate() {
        boxes.push((
            format!("promo box {}", i + 1),
            Shape::rect(p.place),
            false,
            p.loc.clone(),
        ));
    }
    for ((name, place), t) in tables.iter().zip(&model.tables) {
        boxes.push((name.clone(), Shape::rect(*place), false, t.loc.clone()));
    }
    for t in &model.textboxes {
        boxes.push((
            format!("text box `{}`", t.id),
            Shape::rect(t.place),
            false,
            t.loc.clone(),
        ));
    }
    if let Some(m) = &model.masthead {
        // The masthead is page furniture: nothing else may share its lines but what
        // goes in its ear.
        boxes.push((
            "the masthead".to_string(),
            Shape::rect(m.nameplate),
            true,
            m.loc.clone(),
        ));
    }
    rule_clashes(model, frame, &boxes[model.articles.len()..], warnings);
    // A boxed story wholly inside another story's area is a sidebar: the other's text
    // runs around it.
    let sidebar = |a: &Shape, b: &Shape| {
        let inside = |i: &Shape, o: &Shape| i.cells().iter().all(|&(c, l)| o.contains(c, l));
        let framed = |p: &Shape| {
            model
                .articles
                .iter()
                .any(|x| x.frame.is_some() && x.shape == *p)
        };
        (framed(a) && inside(a, b)) || (framed(b) && inside(b, a))
    };
    let banner = model.banner.as_ref().map_or(0, |b| b.lines);
    for (name, shape, _, loc) in &boxes {
        for place in &shape.rects {
            banner_clash(frame, name, place, loc, banner, warnings);
        }
    }
    for (i, (a, pa, art_a, _)) in boxes.iter().enumerate() {
        for (b, pb, art_b, loc_b) in &boxes[i + 1..] {
            // An article holds photos and boxes; only like with like is a clash.
            if art_a != art_b {
                continue;
            }
            let Some(shared) = pa.overlap(pb).first().copied() else {
                continue;
            };
            if *art_a && sidebar(pa, pb) {
                continue;
            }
            warnings.push(
                Diagnostic::new(
                    Code::LayoutOverlap,
                    format!("{a} and {b} overlap on the grid"),
                )
                .at(loc_b.clone())
                .hint(
                    "change their columns, spans, tops or heights so they do not share grid lines",
                )
                .on_page(area(frame, &shared)),
            );
        }
    }
}

/// Free rules drawn across a photo, a graphic, a promo, a table, a text box or the
/// masthead (`others`: every placed box but the articles, whose text runs around a
/// rule): the element covers the rule or the rule cuts through it, which no desk
/// prints. Said at the rule's key, with the shared cells boxed on the proof.
fn rule_clashes(
    model: &Model,
    frame: &Frame,
    others: &[(String, Shape, bool, Option<SourceLoc>)],
    warnings: &mut Diagnostics,
) {
    for rule in &model.rules {
        for (name, shape, _, _) in others {
            let shared = match rule.place {
                RulePlace::Horizontal {
                    column, span, line, ..
                } => shape
                    .overlap(&Shape::rect(Place {
                        column,
                        span,
                        top: line,
                        height: 1,
                    }))
                    .first()
                    .copied(),
                // Gutter g (1 to columns − 1) runs between 0-based columns g − 1 and g;
                // it cuts a rectangle that has columns on both sides of it.
                RulePlace::Vertical {
                    gutter,
                    top,
                    height,
                } => shape.rects.iter().find_map(|r| {
                    let inside = r.column < gutter && gutter < r.column + r.span;
                    let from = top.max(r.top);
                    let to = (top + height).min(r.top + r.height);
                    (inside && from < to).then(|| Place {
                        column: gutter - 1,
                        span: 2,
                        top: from,
                        height: to - from,
                    })
                }),
            };
            let Some(shared) = shared else { continue };
            warnings.push(
                Diagnostic::new(
                    Code::LayoutOverlap,
                    format!("a rule runs across {name}"),
                )
                .at(rule.loc.clone())
                .hint("move the rule (its column, span and line, or its gutter, top and height) off the element")
                .on_page(area(frame, &shared)),
            );
        }
    }
}

/// A rectangle of an element that reaches up into the banner.
fn banner_clash(
    frame: &Frame,
    name: &str,
    place: &Place,
    loc: &Option<SourceLoc>,
    banner: usize,
    warnings: &mut Diagnostics,
) {
    if place.top >= banner {
        return;
    }
    let under = Place {
        height: banner.min(place.top + place.height) - place.top,
        ..*place
    };
    warnings.push(
        Diagnostic::new(
            Code::LayoutOverlap,
            format!(
                "{name} starts at grid line {}, inside the banner (lines 0 to {})",
                place.top,
                banner - 1
            ),
        )
        .at(loc.clone())
        .hint(format!("start it at line {banner} or lower"))
        .on_page(area(frame, &under)),
    );
}

/// The page rectangle of a grid place.
fn area(frame: &Frame, p: &Place) -> crate::display::Rect {
    frame.rect(p.column, p.span, p.top, p.height)
}

/// Glyphs set as .notdef (no font had the character) outside the body and outside the
/// elements that report their own ([`missing_in`]): each is boxed on the proof where
/// it prints. The body's own (`reported`) already have a warning naming their
/// paragraph.
pub fn missing_glyphs(items: &[Item], reported: &BTreeSet<char>, warnings: &mut Diagnostics) {
    let mut seen = BTreeSet::new();
    for item in items {
        let Item::Text(run) = item else { continue };
        for g in run.glyphs.iter().filter(|g| g.id == 0) {
            let Some(c) = g.text.chars().next().filter(|c| !c.is_whitespace()) else {
                continue;
            };
            if reported.contains(&c) || already(warnings, c) || !seen.insert(c) {
                continue;
            }
            let at = Rect::new(g.x, g.y - run.size * IDEOGRAPHIC_ASCENT, run.size, run.size);
            warnings.push(
                Diagnostic::new(Code::TextMissingGlyph, format!("the character {c} (U+{:04X}) is not in the face it is set in", u32::from(c)))
                    .context(format!("in a head, caption or box at {:.0} mm, {:.0} mm from the page's top-left corner", g.x.to_mm(), g.y.to_mm()))
                    .hint(MISSING_GLYPH_HINT)
                    .on_page(at),
            );
        }
    }
}

/// What to do about a character the face does not have. A run is set in one face:
/// there is no fallback to another, so declaring a font is not enough.
pub const MISSING_GLYPH_HINT: &str = "set the text in a face that has it (a [[fonts]] face, through a paragraph style or the element's `font`), or replace the character";

/// True when a missing-glyph warning for `c` has been given already.
fn already(warnings: &Diagnostics, c: char) -> bool {
    let tag = format!("(U+{:04X})", u32::from(c));
    warnings
        .iter()
        .any(|w| w.code == Code::TextMissingGlyph && w.message.ends_with(&tag))
}

/// Characters set as .notdef in `items` (one element's: a text box, a promo, a
/// caption, the masthead): one warning per character at the element's key, with the
/// element's rectangle boxed on the proof.
pub fn missing_in(
    items: &[Item],
    loc: Option<SourceLoc>,
    what: &str,
    rect: Rect,
    warnings: &mut Diagnostics,
) {
    let mut seen = BTreeSet::new();
    for item in items {
        let Item::Text(run) = item else { continue };
        for g in run.glyphs.iter().filter(|g| g.id == 0) {
            let Some(c) = g.text.chars().next().filter(|c| !c.is_whitespace()) else {
                continue;
            };
            if !seen.insert(c) || already(warnings, c) {
                continue;
            }
            warnings.push(
                Diagnostic::new(
                    Code::TextMissingGlyph,
                    format!(
                        "the character {c} (U+{:04X}) is not in the face it is set in",
                        u32::from(c)
                    ),
                )
                .at(loc.clone())
                .context(what.to_string())
                .hint(MISSING_GLYPH_HINT)
                .on_page(rect),
            );
        }
    }
}
