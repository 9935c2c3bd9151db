//! Text boxes: a frame on the grid and, inside it less the padding, groups of lines
//! each in its own face, size, colour and alignment, with tab stops (a separator such
//! as ｜ at a left stop, leaders to a right stop), aligned top, centre, bottom or
//! justified in the box. Text never prints outside the frame: lines that do not fit
//! are left out and reported (`layout.textbox-overflow`), boxed on the proof.

use super::frames::{box_rect, draw_box};
use super::rules::thickness;
use super::text::{emit_line, set_lines};
use super::{Ctx, Occupied, Out};
use crate::diag::{Code, Diagnostic};
use crate::display::{Item, Rect, RectItem};
use crate::fonts::IDEOGRAPHIC_ASCENT;
use crate::linebreak::{Align, Line, Options};
use crate::resolve::{Tab, TextGroup, Textbox, VAlignBox};
use crate::units::Pt;

/// The least space between a tab's field and what comes before it, in ems.
const TAB_GAP_EM: f64 = 0.5;
/// Air between a leader and the fields on either side, in ems.
const LEADER_AIR_EM: f64 = 0.25;

/// One printed line of a box: its pieces (a set line at an x from the text's left
/// edge) and its height (the group's leading).
struct BoxLine {
    pieces: Vec<(Line, Pt)>,
    height: Pt,
    size: Pt,
}

/// Draws every text box and returns the grid blocks they take.
pub(super) fn draw_all(cx: &Ctx, out: &mut Out) -> Vec<Occupied> {
    let mut taken = Vec::new();
    for t in &cx.model.textboxes {
        draw(cx, t, out);
        let p = t.place;
        taken.extend(Occupied::block(
            "a text box",
            p.column,
            p.span,
            p.top,
            p.height,
        ));
    }
    taken
}

fn draw(cx: &Ctx, t: &Textbox, out: &mut Out) {
    let rect = box_rect(cx, &t.place);
    draw_box(&mut out.items, rect, &t.frame);
    let edge = t.frame.stroke.as_ref().map_or(Pt::ZERO, thickness);
    let inside = rect.inset(edge);
    let inner = inside.inset(t.padding);
    // The page's text settings (strictness, punctuation, region, Han–Latin space) hold
    // in a box as in the body.
    let opts = super::text::line_options(&cx.model.text);
    let groups: Vec<Vec<BoxLine>> = t
        .groups
        .iter()
        .map(|g| set_group(cx, g, inner.w, &opts))
        .collect();
    let height = |i: usize| -> Pt {
        let above = if i == 0 {
            Pt::ZERO
        } else {
            t.groups[i].space_above
        };
        above + groups[i].iter().fold(Pt::ZERO, |h, l| h + l.height)
    };
    let total = (0..groups.len()).fold(Pt::ZERO, |h, i| h + height(i));
    let spare = inner.h - total;
    let (mut y, gap) = if spare.0 < 0.0 {
        (inner.y, Pt::ZERO)
    } else {
        match t.valign {
            VAlignBox::Top => (inner.y, Pt::ZERO),
            VAlignBox::Center => (inner.y + spare / 2.0, Pt::ZERO),
            VAlignBox::Bottom => (inner.y + spare, Pt::ZERO),
            VAlignBox::Justify if groups.len() > 1 => (inner.y, spare / (groups.len() - 1) as f64),
            VAlignBox::Justify => (inner.y + spare / 2.0, Pt::ZERO),
        }
    };
    let mut left_out = 0;
    let start = out.items.len();
    for (i, (group, lines)) in t.groups.iter().zip(&groups).enumerate() {
        if i > 0 {
            y += group.space_above + gap;
        }
        let band_top = y;
        let band_at = out.items.len();
        for l in lines {
            if (y + l.height).0 > inner.bottom().0 + 0.01 {
                left_out += 1;
                continue;
            }
            let baseline = y + (l.height - l.size) / 2.0 + l.size * IDEOGRAPHIC_ASCENT;
            for (line, dx) in &l.pieces {
                emit_line(&mut out.items, line, inner.x + *dx, baseline, group.color);
            }
            y += l.height;
        }
        if let Some(band) = group.band {
            let r = Rect::new(
                inside.x,
                band_top,
                inside.w,
                (y - band_top).min(inside.bottom() - band_top),
            );
            let item = Item::Rect(RectItem {
                rect: r,
                fill: Some(band),
                stroke: None,
            });
            out.items.insert(band_at, item);
        }
    }
    super::checks::missing_in(
        &out.items[start..],
        t.loc.clone(),
        &format!("text box `{}`", t.id),
        rect,
        &mut out.warnings,
    );
    if left_out > 0 {
        out.warnings.push(
            Diagnostic::new(
                Code::LayoutTextboxOverflow,
                format!(
                    "the text of text box `{}` is {:.1} mm taller than the box: {left_out} line(s) are left out",
                    t.id,
                    (-spare).to_mm()
                ),
            )
            .at(t.loc.clone())
            .hint("give the box more grid lines, or less or smaller text")
            .on_page(rect),
        );
    }
}

/// Sets a group's paragraphs at the box's inner width.
fn set_group(cx: &Ctx, g: &TextGroup, width: Pt, opts: &Options) -> Vec<BoxLine> {
    let mut out = Vec::new();
    for p in &g.paragraphs {
        let lines = if p.contains('\t') && !g.tabs.is_empty() {
            tabbed(cx, g, p, width, opts)
        } else {
            let text = p.replace('\t', "\u{3000}");
            set_lines(cx.fonts, &text, g.font, g.size, width, g.align, opts)
                .into_iter()
                .map(|l| vec![(l, Pt::ZERO)])
                .collect()
        };
        out.extend(lines.into_iter().map(|pieces| BoxLine {
            pieces,
            height: g.size * g.leading,
            size: g.size,
        }));
    }
    out
}

/// A paragraph with tabs: each field after a tab goes to its stop; the last field
/// wraps under its own start (a 导读 entry's teaser under the teaser, not under A03).
fn tabbed(cx: &Ctx, g: &TextGroup, text: &str, width: Pt, opts: &Options) -> Vec<Vec<(Line, Pt)>> {
    let one = |s: &str, w: Pt, align: Align| set_lines(cx.fonts, s, g.font, g.size, w, align, opts);
    let natural = |s: &str| {
        one(s, Pt(1e6), Align::Start)
            .first()
            .map_or(Pt::ZERO, |l| l.width)
    };
    let fields: Vec<&str> = text.split('\t').collect();
    let mut first: Vec<(Line, Pt)> = Vec::new();
    let mut rest: Vec<Vec<(Line, Pt)>> = Vec::new();
    let mut x = Pt::ZERO;
    for (i, field) in fields.iter().enumerate() {
        let field = field.trim();
        let last = i + 1 == fields.len();
        let tab = if i == 0 {
            None
        } else {
            g.tabs.get(i - 1).cloned().or(Some(Tab {
                at: None,
                right: false,
                leader: None,
                separator: None,
            }))
        };
        let mut start = x;
        if let Some(tab) = &tab {
            let gap = g.size * TAB_GAP_EM;
            if tab.right {
                let end = tab.at.unwrap_or(width).min(width);
                start = (end - natural(field)).max(x + gap);
            } else {
                start = tab
                    .at
                    .unwrap_or(x + gap)
                    .max(if x > Pt::ZERO { x + gap } else { x });
            }
            if let Some(leader) = &tab.leader {
                if let Some(l) = leaders(cx, g, leader, x, start, opts) {
                    first.push(l);
                }
            }
            if let (Some(sep), false) = (&tab.separator, tab.right) {
                if let Some(l) = one(sep, Pt(1e6), Align::Start).into_iter().next() {
                    let w = l.width;
                    first.push((l, start));
                    start += w;
                }
            }
        }
        if last {
            let lines = one(field, (width - start).max(g.size), g.align);
            let mut lines = lines.into_iter();
            if let Some(l) = lines.next() {
                first.push((l, start));
            }
            rest.extend(lines.map(|l| vec![(l, start)]));
        } else if let Some(l) = one(field, Pt(1e6), Align::Start).into_iter().next() {
            x = start + l.width;
            first.push((l, start));
            continue;
        }
        x = start;
    }
    let mut out = vec![first];
    out.extend(rest);
    out
}

/// Leader characters from `from` to `to` (x from the text's left edge), on positions
/// that are multiples of the leader's width so the leaders of several lines line up.
fn leaders(
    cx: &Ctx,
    g: &TextGroup,
    leader: &str,
    from: Pt,
    to: Pt,
    opts: &Options,
) -> Option<(Line, Pt)> {
    let unit = set_lines(
        cx.fonts,
        leader,
        g.font,
        g.size,
        Pt(1e6),
        Align::Start,
        opts,
    )
    .into_iter()
    .next()?
    .width;
    if unit.0 <= 0.0 {
        return None;
    }
    let air = g.size * LEADER_AIR_EM;
    let start = Pt(((from + air).0 / unit.0).ceil() * unit.0);
    let n = ((to - air - start).0 / unit.0).floor();
    if n < 1.0 {
        return None;
    }
    let text = leader.repeat(n as usize);
    let line = set_lines(cx.fonts, &text, g.font, g.size, Pt(1e6), Align::Start, opts)
        .into_iter()
        .next()?;
    Some((line, start))
}
