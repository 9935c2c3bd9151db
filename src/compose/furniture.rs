//! Page furniture: the section banner (版头), the folio line in the top margin (paper,
//! date, page), the page credits (编辑 / 美编 / 校对) and boxed promos with a QR code.

use super::text::{emit_line, line_options, measure, set_lines};
use super::{Ctx, Occupied, Out};
use crate::diag::Code;
use crate::diag::{Diagnostic, SourceLoc};
use crate::display::{Color, Item, LineItem, Rect, RectItem, Stroke};
use crate::fonts::Builtin;
use crate::fonts::IDEOGRAPHIC_ASCENT;
use crate::linebreak::Align;
use crate::resolve::{Model, Promo};
use crate::units::Pt;

/// Hairline weight for rules and box strokes (0.5 pt is the usual newspaper hairline).
const RULE: Pt = Pt(0.5);

/// Draws the furniture and returns the grid blocks it takes from the type area.
pub fn draw(cx: &Ctx, out: &mut Out) -> Vec<Occupied> {
    let Ctx { model, frame, .. } = *cx;
    let mut occupied = Vec::new();
    folio(cx, out);
    if let Some(b) = &model.banner {
        banner(cx, b, out);
        occupied.extend(Occupied::block(
            "the banner",
            0,
            frame.grid.columns,
            0,
            b.lines,
        ));
    }
    for p in &model.promos {
        promo(cx, p, out);
        occupied.extend(Occupied::block(
            "a promo box",
            p.place.column,
            p.place.span,
            p.place.top,
            p.place.height,
        ));
    }
    occupied
}

/// 编辑 王兴华　美编 王涛　校对 张征
fn credits_line(model: &Model) -> String {
    let Some(c) = &model.credits else {
        return String::new();
    };
    let roles = [
        ("编辑", &c.editor),
        ("美编", &c.designer),
        ("校对", &c.proofreader),
    ];
    roles
        .iter()
        .filter(|(_, n)| !n.is_empty())
        .map(|(r, n)| format!("{r} {n}"))
        .collect::<Vec<_>>()
        .join("　")
}

/// The folio: a line of small type in the top margin with a rule under it: page and
/// section flush left, the credits centred (when there is no banner to carry them),
/// paper and date flush right. Parts that do not fit on the line, or that run into
/// each other, are reported with the folio's area on the page.
fn folio(cx: &Ctx, out: &mut Out) {
    let Ctx {
        model,
        fonts,
        frame,
    } = *cx;
    let Out { items, warnings } = out;
    let Some(f) = &model.folio else { return };
    let g = &frame.grid;
    let size = g.body_size;
    let x = frame.x(0);
    let width = g.type_width();
    let rule_y = frame.y(0) - Pt::mm(2.5);
    let baseline = rule_y - Pt::mm(1.5);
    let area = Rect::new(x, baseline - size, width, size * 1.3);
    let opts = line_options(&model.text);
    let left = [f.page.as_str(), f.section.as_str()].join("　");
    // Without a banner the page credits go in the middle of the folio line.
    let credits = if model.banner.is_none() {
        credits_line(model)
    } else {
        String::new()
    };
    let credits_loc = model.credits.as_ref().and_then(|c| c.loc.clone());
    let right = [f.paper.as_str(), f.date.as_str()].join("　");
    // Each part's extent on the line, for the overlap check.
    let mut spans: Vec<(Pt, Pt, &Option<SourceLoc>)> = Vec::new();
    for (text, align, loc) in [
        (left.trim(), Align::Start, &f.left_loc),
        (credits.as_str(), Align::Center, &credits_loc),
        (right.trim(), Align::End, &f.right_loc),
    ] {
        if text.is_empty() {
            continue;
        }
        let lines = set_lines(fonts, text, Builtin::Hei.id(), size, width, align, &opts);
        if lines.len() > 1 {
            warnings.push(
                Diagnostic::new(
                    Code::LayoutFolioTooLong,
                    format!(
                        "the folio text `{text}` is longer than the type area ({:.0} mm); only `{}` is printed",
                        width.to_mm(),
                        lines[0].text().trim()
                    ),
                )
                .at(loc.clone())
                .context("the folio line")
                .hint("shorten the paper name, date, page or section")
                .on_page(area),
            );
        }
        if let Some(line) = lines.first() {
            emit_line(items, line, x, baseline, Color::BLACK);
            let (start, end) = inked(line);
            spans.push((x + start, x + end, loc));
        }
    }
    // At least one em between the parts.
    for pair in spans.windows(2) {
        let ((_, a_end, _), (b_start, _, b_loc)) = (pair[0], pair[1]);
        if a_end + size > b_start {
            warnings.push(
                Diagnostic::new(
                    Code::LayoutFolioTooLong,
                    "the parts of the folio line run into each other",
                )
                .at(b_loc.clone())
                .context("the folio line")
                .hint("shorten the paper name, date, page, section or credits")
                .on_page(area),
            );
        }
    }
    items.push(Item::Line(LineItem {
        from: (x, rule_y),
        to: (x + width, rule_y),
        stroke: Stroke {
            color: Color::BLACK,
            width: RULE * 2.0,
        },
        dash: None,
    }));
}

/// The smallest banner slogans are set, as a share of the body size.
const MIN_SLOGAN_SHARE: f64 = 0.75;

/// The start of `text` that one line of `width` at `size` could show: a banner line
/// keeps only its first line, so setting more (a 20,000-character slogan) is waste.
fn first_chars(text: &str, width: Pt, size: Pt) -> &str {
    // The narrowest glyphs are about a quarter em; twice that many is always enough.
    let most = (width.0 / (size.0 * 0.25).max(0.1)).ceil() as usize * 2 + 8;
    text.char_indices()
        .nth(most)
        .map_or(text, |(i, _)| &text[..i])
}

/// A `layout.banner-too-long` warning at `loc`, boxed on the band.
fn banner_warning(message: String, loc: Option<SourceLoc>, hint: &str, band: Rect) -> Diagnostic {
    Diagnostic::new(Code::LayoutBannerTooLong, message)
        .at(loc)
        .context("the banner")
        .hint(hint)
        .on_page(band)
}

/// Where a set line's ink starts and ends, from the line's left edge.
fn inked(line: &crate::linebreak::Line) -> (Pt, Pt) {
    let visible = line.glyphs.iter().filter(|g| !g.text.trim().is_empty());
    visible.fold((Pt(f64::INFINITY), Pt::ZERO), |(s, e), g| {
        (Pt(s.0.min(g.x.0)), Pt(e.0.max((g.x + g.advance).0)))
    })
}

/// The banner band across the type area: title reversed out of a colour, slogans beside
/// it, credits in the band's lower right. A title too wide for the band is set smaller
/// to fit; slogans with no room, or squeezed below the body size, and credits too long
/// for their place are reported with the band's area on the page.
fn banner(cx: &Ctx, b: &crate::resolve::Banner, out: &mut Out) {
    let Ctx {
        model,
        fonts,
        frame,
    } = *cx;
    let Out { items, warnings } = out;
    let g = &frame.grid;
    // The band leaves its last grid line free as space above what follows.
    let band = frame.rect(0, g.columns, 0, b.lines - 1);
    items.push(Item::Rect(RectItem {
        rect: band,
        fill: Some(b.color),
        stroke: None,
    }));
    let opts = line_options(&model.text);
    let pad = g.body_size * 1.5;
    let title_font = Builtin::HeiBold.id();
    let nominal = (band.h * 0.55).min(Pt(48.0));
    let title_at_one_pt = measure(fonts, &b.title, title_font, Pt(1.0));
    let room = band.w - pad * 2.0;
    // A title is shrunk to fit, but never below the body size: below that it is no
    // longer a title, and a title of 20,000 characters would be set at 0.01 pt.
    let floor = g.body_size.min(nominal);
    let title_size = if nominal.0 * title_at_one_pt.0 > room.0 {
        let fitted = Pt(room.0 / title_at_one_pt.0.max(1e-6));
        let (size, what) = if fitted.0 >= floor.0 {
            (fitted, format!("it is set at {fitted} to fit"))
        } else {
            (
                floor,
                format!("even at {floor} it does not fit, and only what fits is printed"),
            )
        };
        let why = format!(
            "the banner title is {:.0} mm wide at {nominal}, wider than the band ({:.0} mm); {what}",
            (nominal * title_at_one_pt.0).to_mm(),
            room.to_mm()
        );
        warnings.push(banner_warning(
            why,
            b.title_loc.clone(),
            "shorten the title",
            band,
        ));
        size
    } else {
        nominal
    };
    let title_w = (title_size * title_at_one_pt.0).min(room);
    let title_base = band.y + band.h / 2.0 + title_size * 0.38;
    for line in set_lines(
        fonts,
        first_chars(&b.title, title_w, title_size),
        title_font,
        title_size,
        title_w + Pt(1.0),
        Align::Start,
        &opts,
    )
    .iter()
    .take(1)
    {
        emit_line(items, line, band.x + pad, title_base, Color::WHITE);
    }
    let slogans = b.slogans.join("　");
    let credits = credits_line(model);
    let credits_loc = model.credits.as_ref().and_then(|c| c.loc.clone());
    let right_w = band.w - title_w - pad * 3.0;
    if right_w.0 <= g.body_size.0 {
        for (what, text, loc) in [
            ("slogans", &slogans, &b.slogans_loc),
            ("credits", &credits, &credits_loc),
        ] {
            if !text.is_empty() {
                warnings.push(banner_warning(
                    format!("the banner title leaves no room for the {what}; they are left out"),
                    loc.clone(),
                    "shorten the title, or move the credits to the folio by removing the banner",
                    band,
                ));
            }
        }
        return;
    }
    let right_x = band.x + title_w + pad * 2.0;
    // Slogans on one line: as large as 1.5 body sizes, smaller if that is what fits.
    let at_one_pt = measure(fonts, &slogans, Builtin::HeiBold.id(), Pt(1.0));
    let slogan_size = (g.body_size * 1.5)
        .min(band.h / 4.0)
        .min(Pt(right_w.0 / at_one_pt.0.max(1e-6)) * 0.98);
    // Slogans smaller than this are not read: they are set at this size, as far as
    // they go, rather than shrunk to a grey line.
    let slogan_floor = g.body_size * MIN_SLOGAN_SHARE;
    let slogan_base = band.y + band.h * 0.45;
    if !slogans.is_empty() {
        if slogan_size.0 < slogan_floor.0 {
            let why = format!(
                "the banner slogans fit beside the title only at {slogan_size}; they are set at {slogan_floor} and only what fits is printed"
            );
            let hint = "shorten the slogans or the title";
            warnings.push(banner_warning(why, b.slogans_loc.clone(), hint, band));
        } else if slogan_size.0 < g.body_size.0 - 1e-9 {
            let why = format!(
                "the banner slogans fit beside the title only at {slogan_size}, smaller than the body type ({})",
                g.body_size
            );
            let hint = "shorten the slogans or the title";
            warnings.push(banner_warning(why, b.slogans_loc.clone(), hint, band));
        }
        let slogan_size = slogan_size.max(slogan_floor);
        for line in set_lines(
            fonts,
            first_chars(&slogans, right_w, slogan_size),
            Builtin::HeiBold.id(),
            slogan_size,
            right_w,
            Align::End,
            &opts,
        )
        .iter()
        .take(1)
        {
            emit_line(items, line, right_x, slogan_base, Color::WHITE);
        }
    }
    if !credits.is_empty() {
        let size = g.body_size * 0.9;
        let base = band.bottom() - size * 0.8;
        let lines = set_lines(
            fonts,
            &credits,
            Builtin::Hei.id(),
            size,
            right_w,
            Align::End,
            &opts,
        );
        if lines.len() > 1 {
            let why = format!(
                "the credits `{credits}` do not fit beside the banner title; only `{}` is printed",
                lines[0].text().trim()
            );
            let hint = "shorten the names or the title";
            warnings.push(banner_warning(why, credits_loc.clone(), hint, band));
        }
        if let Some(line) = lines.first() {
            emit_line(items, line, right_x, base, Color::WHITE);
        }
    }
}

/// A boxed promo: a QR code for the URL over a few centred lines of text.
fn promo(cx: &Ctx, p: &Promo, out: &mut Out) {
    let Ctx { fonts, frame, .. } = *cx;
    let Out { items, warnings } = out;
    let g = &frame.grid;
    let bx = frame.rect(p.place.column, p.place.span, p.place.top, p.place.height);
    // The box leaves its last grid line empty: that line is the standoff.
    let bx = Rect::new(bx.x, bx.y, bx.w, bx.h - g.line_pitch);
    items.push(Item::Rect(RectItem {
        rect: bx,
        fill: p.fill,
        stroke: Some(Stroke {
            color: p.stroke,
            width: RULE,
        }),
    }));
    let size = g.body_size;
    let pad = size;
    let opts = super::text::line_options(&cx.model.text);
    let lines: Vec<_> = p
        .text
        .lines()
        .flat_map(|l| {
            set_lines(
                fonts,
                l.trim(),
                Builtin::Hei.id(),
                size,
                bx.w - pad * 2.0,
                Align::Center,
                &opts,
            )
        })
        .collect();
    let lead = size * 1.4;
    let text_h = lead * lines.len() as f64;
    let mut y = bx.y + pad;
    // A QR code smaller than this does not scan reliably from newsprint.
    const MIN_QR: Pt = Pt(45.0);
    let side = (bx.w - pad * 2.0).min(bx.h - text_h - pad * 3.0);
    match &p.url {
        Some(url) if side.0 >= MIN_QR.0 => {
            let x = bx.x + (bx.w - side) / 2.0;
            if qr(url, x, y, side, items) {
                y += side + pad;
            } else {
                warnings.push(
                    Diagnostic::new(
                        Code::LayoutPromoQr,
                        format!(
                            "the URL ({} bytes) is too long for a QR code; the code is left out",
                            url.len()
                        ),
                    )
                    .hint("give a short link (a QR code at error correction M holds at most 2331 bytes; one that scans well from newsprint, under 100)")
                    .at(p.loc.clone())
                    .on_page(bx),
                );
            }
        }
        Some(_) => warnings.push(
            Diagnostic::new(
                Code::LayoutPromoTooSmall,
                format!(
                    "the promo box has room for a QR code of {:.0} mm; it needs {:.0} mm",
                    side.to_mm().max(0.0),
                    MIN_QR.to_mm()
                ),
            )
            .hint("give the box more grid lines or less text")
            .at(p.loc.clone())
            .on_page(bx),
        ),
        None if text_h.0 + pad.0 * 2.0 > bx.h.0 => warnings.push(
            Diagnostic::new(
                Code::LayoutPromoTooSmall,
                "the promo text is taller than its box",
            )
            .hint("give the box more grid lines or less text")
            .at(p.loc.clone())
            .on_page(bx),
        ),
        None => {}
    }
    let start = items.len();
    for line in &lines {
        emit_line(
            items,
            line,
            bx.x + pad,
            y + size * IDEOGRAPHIC_ASCENT,
            Color::BLACK,
        );
        y += lead;
    }
    super::checks::missing_in(&items[start..], p.loc.clone(), "a promo box", bx, warnings);
}

/// A QR code drawn as filled squares (vector: sharp at any press resolution), with the
/// standard four-module quiet zone taken from inside `side`; false when the URL is too
/// long for one.
fn qr(url: &str, x: Pt, y: Pt, side: Pt, items: &mut Vec<Item>) -> bool {
    let Ok(code) = qrcode::QrCode::with_error_correction_level(url.as_bytes(), qrcode::EcLevel::M)
    else {
        return false;
    };
    let n = code.width();
    let module = side / (n + 8) as f64;
    let colors = code.to_colors();
    for row in 0..n {
        // Runs of dark modules in a row become one rectangle.
        let mut col = 0;
        while col < n {
            if colors[row * n + col] == qrcode::Color::Dark {
                let start = col;
                while col < n && colors[row * n + col] == qrcode::Color::Dark {
                    col += 1;
                }
                let r = Rect::new(
                    x + module * (start + 4) as f64,
                    y + module * (row + 4) as f64,
                    module * (col - start) as f64,
                    module,
                );
                items.push(Item::Rect(RectItem {
                    rect: r,
                    fill: Some(Color::BLACK),
                    stroke: None,
                }));
            } else {
                col += 1;
            }
        }
    }
    true
}
