//! The masthead (报头): the paper's logo (a placed image) or its name set large in a
//! chosen face with a tagline under it, the small print beside it (date with 星期 and
//! 农历, issue numbers, CN serial, 邮发代号, pages and price, website) on the grid's
//! lines, a hairline between the two, and the 报头线 across the whole masthead in its
//! last grid line. The ear (报眼) beside the nameplate is left to the promo, text box
//! or ad placed in it; an ear nothing fills is a warning.

use super::text::{emit_line, measure, set_lines};
use super::{Ctx, Occupied, Out};
use crate::diag::{Code, Diagnostic};
use crate::display::{ImageItem, Rect};
use crate::fonts::{Builtin, IDEOGRAPHIC_ASCENT};
use crate::linebreak::Align;
use crate::resolve::{GraphicFit, Logo, Masthead, Place, RuleLook};
use crate::units::Pt;

/// The name's largest share of its area's height (the rest is air above and below).
const NAME_HEIGHT: f64 = 0.8;

/// Draws the masthead and returns the grid blocks it takes (its ear stays free).
pub(super) fn draw(cx: &Ctx, out: &mut Out) -> Vec<Occupied> {
    let Some(m) = &cx.model.masthead else {
        return Vec::new();
    };
    let f = cx.frame;
    let g = &f.grid;
    let start = out.items.len();
    let p = m.place;
    let lines = p.height - 1;
    // The 报头线 in the masthead's last line, across nameplate and ear.
    let y = f.y(p.top + lines) + g.line_pitch / 2.0;
    let x0 = f.x(p.column);
    super::rules::stroke(
        &mut out.items,
        (x0, y),
        (x0 + g.span_width(p.span), y),
        &m.rule,
    );
    let np = m.nameplate;
    let info_span = if m.info.is_empty() { 0 } else { m.info_span };
    let name_span = np.span - info_span;
    small_print(cx, m, np.column + name_span, info_span, out);
    let tag_lines = usize::from(m.tagline.is_some());
    let name_area = f.rect(
        np.column,
        name_span,
        p.top,
        lines.saturating_sub(tag_lines).max(1),
    );
    match &m.logo {
        Some(Logo::Image(_, image)) => logo(image, name_area, out),
        Some(Logo::Graphic(graphic)) => {
            // Fitted into the name's area and centred, never past it.
            let landing = super::graphics::land(graphic, name_area, GraphicFit::Fit);
            out.items.push(super::graphics::graphic_item(
                graphic,
                name_area,
                &landing,
                [false; 4],
                Pt::ZERO,
            ));
        }
        None => name(cx, m, name_area, out),
    }
    if let Some(t) = &m.tagline {
        let ls = set_lines(
            cx.fonts,
            t,
            Builtin::Hei.id(),
            g.body_size,
            name_area.w,
            Align::Center,
            &super::text::line_options(&cx.model.text),
        );
        if let Some(l) = ls.first() {
            emit_line(
                &mut out.items,
                l,
                name_area.x,
                f.baseline(p.top + lines - 1),
                m.color,
            );
        }
    }
    let area = f.rect(np.column, np.span, p.top, p.height);
    super::checks::missing_in(
        &out.items[start..],
        m.loc.clone(),
        "the masthead",
        area,
        &mut out.warnings,
    );
    empty_ear(cx, m, out);
    let mut taken = Occupied::block("the masthead", np.column, np.span, p.top, lines);
    taken.extend(Occupied::block(
        "the 报头线",
        p.column,
        p.span,
        p.top + lines,
        1,
    ));
    taken
}

/// The logo image, fitted into the area and centred in it.
fn logo(image: &std::sync::Arc<crate::display::ImageData>, area: Rect, out: &mut Out) {
    let (iw, ih) = (f64::from(image.width), f64::from(image.height));
    let scale = (area.w.0 / iw).min(area.h.0 / ih);
    let (w, h) = (Pt(iw * scale), Pt(ih * scale));
    let placed = Rect::new(
        area.x + (area.w - w) / 2.0,
        area.y + (area.h - h) / 2.0,
        w,
        h,
    );
    out.items.push(crate::display::Item::Image(ImageItem {
        frame: placed,
        placed,
        image: image.clone(),
    }));
}

/// The paper's name in its face: as large as the area allows (or at `size`), on one
/// line, centred.
fn name(cx: &Ctx, m: &Masthead, area: Rect, out: &mut Out) {
    let at_one = measure(cx.fonts, &m.name, m.font, Pt(1.0));
    let fits = Pt((area.w.0 / at_one.0.max(1e-6)).min(area.h.0 * NAME_HEIGHT));
    let size = match m.size {
        Some(s) if s > fits => {
            out.warnings.push(
                Diagnostic::new(
                    Code::LayoutMasthead,
                    format!(
                        "the paper's name at {s} does not fit the nameplate; it is set at {fits}"
                    ),
                )
                .at(m.loc.clone())
                .hint("make the name smaller, or give the masthead more lines or columns")
                .on_page(area),
            );
            fits
        }
        Some(s) => s,
        None => fits,
    };
    let opts = super::text::line_options(&cx.model.text);
    let lines = set_lines(
        cx.fonts,
        &m.name,
        m.font,
        size,
        area.w,
        Align::Center,
        &opts,
    );
    if let Some(l) = lines.first() {
        let baseline = area.y + (area.h - size) / 2.0 + size * IDEOGRAPHIC_ASCENT;
        emit_line(&mut out.items, l, area.x, baseline, m.color);
    }
}

/// The small print, one grid line each, in the nameplate's last `span` columns from
/// `column`, centred down the masthead's lines, with a hairline in the gutter before it.
fn small_print(cx: &Ctx, m: &Masthead, column: usize, span: usize, out: &mut Out) {
    if span == 0 {
        return;
    }
    let f = cx.frame;
    let g = &f.grid;
    let lines = m.place.height - 1;
    let size = g.body_size;
    let width = g.span_width(span);
    let opts = super::text::line_options(&cx.model.text);
    let shown = m.info.len().min(lines);
    if shown < m.info.len() {
        out.warnings.push(
            Diagnostic::new(
                Code::LayoutMasthead,
                format!("the masthead's small print has {} lines and the masthead {lines}; the last {} are left out", m.info.len(), m.info.len() - shown),
            )
            .at(m.loc.clone())
            .hint("give the masthead more lines, or leave out some of its keys")
            .on_page(f.rect(column, span, m.place.top, lines)),
        );
    }
    let first = m.place.top + (lines - shown) / 2;
    for (i, text) in m.info.iter().take(shown).enumerate() {
        let set = set_lines(
            cx.fonts,
            text,
            Builtin::Hei.id(),
            size,
            width,
            Align::Start,
            &opts,
        );
        if set.len() > 1 {
            out.warnings.push(
                Diagnostic::new(Code::LayoutMasthead, format!("the masthead line `{text}` is wider than the small print's {span} columns; it is cut"))
                    .at(m.loc.clone())
                    .hint("give the small print more columns (`info_span`), or shorten the line")
                    .on_page(f.rect(column, span, first + i, 1)),
            );
        }
        if let Some(l) = set.first() {
            emit_line(
                &mut out.items,
                l,
                f.x(column),
                f.baseline(first + i),
                crate::display::Color::BLACK,
            );
        }
    }
    let x = f.x(column) - g.gutter / 2.0;
    let (y0, y1) = (
        f.y(first) + g.line_pitch * 0.25,
        f.y(first + shown) - g.line_pitch * 0.25,
    );
    super::rules::stroke(&mut out.items, (x, y0), (x, y1), &RuleLook::HAIRLINE);
}

/// An ear that nothing fills is a hole in the front page's most visible spot.
fn empty_ear(cx: &Ctx, m: &Masthead, out: &mut Out) {
    let Some(ear) = m.ear else { return };
    let model = cx.model;
    let within = |p: &Place| {
        p.column < ear.column + ear.span
            && ear.column < p.column + p.span
            && p.top < ear.top + ear.height
            && ear.top < p.top + p.height
    };
    let filled = model.promos.iter().any(|p| within(&p.place))
        || model.textboxes.iter().any(|t| within(&t.place))
        || model.photos.iter().any(|p| within(&p.place))
        || model.articles.iter().any(|a| within(&a.place))
        || model
            .graphics
            .iter()
            .any(|g| within(&g.cells(&cx.frame.grid)));
    if !filled {
        out.warnings.push(
            Diagnostic::new(Code::LayoutMasthead, "the masthead's ear (报眼) is empty")
                .at(m.loc.clone())
                .hint("put a promo, a text box or an ad in it (slot = \"ear\"), or take `ear` out of [masthead]")
                .on_page(cx.frame.rect(ear.column, ear.span, ear.top, ear.height)),
        );
    }
}
