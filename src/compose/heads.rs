//! Heads: the kicker, headline and subtitle stack of an article (or a table's title)
//! on whole grid lines, and a byline under the stack.
//!
//! In: the article's heads with their settings (colour, scale, tracking, spacing,
//! rules, reverse bar, measure) and where the spec puts them: over the body across
//! some of its columns, beside it as a side head, or vertical (竖题, see
//! [`super::vertical`]). Out: the heads' display items, and the grid cells they take
//! ([`Occupied`]), which the body's flow leaves free. A head that cannot have its area
//! — outside the article, or over a photo, a box or a table — is an error at its key.

use super::frames::Area;
use super::text::{balanced, emit_line, emit_line_scaled, head_lines, set_lines};
use super::{Ctx, Occupied, Out};
use crate::diag::{Code, Diagnostic};
use crate::display::{Color, Item, LineItem, Rect, RectItem, Stroke};
use crate::fonts::{Builtin, FontBook, IDEOGRAPHIC_ASCENT};
use crate::linebreak::{Align, Line, Options};
use crate::resolve::{Article, Head, HeadPosition, RulePlace};
use crate::text::{class_of, CharClass};
use crate::units::Pt;

/// Line spacing of a head's lines, in em of its size.
pub(super) const HEAD_LEADING: f64 = 1.25;
/// Air between a head's rule and its type, in em of the head's size.
pub(super) const RULE_GAP_EM: f64 = 0.25;
/// What the heads' area takes in grid cells, for the body's flow.
const HEADS: &str = "the heads";

/// Sets a head's text into lines at `width` (the measure on the page): newlines are
/// forced breaks; spaces are break points printed 1 em wide, or kept as spaces
/// (`keep_spaces`); every part on as few, balanced lines as it needs, with the
/// clreq line-breaking rules of `opts`. A horizontally scaled head is set at
/// `width / scale` and drawn scaled. 均排 (`spread`) then spreads each line across
/// the measure.
pub(super) fn set_head(fonts: &FontBook, head: &Head, width: Pt, opts: &Options) -> Vec<Line> {
    let opts = Options {
        tracking_em: head.tracking_em,
        ..opts.clone()
    };
    let scale = if opts.vertical { 1.0 } else { head.scale };
    let measure = width / scale;
    let default = if opts.vertical {
        Align::Start
    } else {
        Align::Center
    };
    let align = match (head.spread, head.align) {
        (true, _) => Align::Start,
        (false, a) => a.unwrap_or(default),
    };
    let mut lines = Vec::new();
    for part in head
        .text
        .split('\n')
        .map(str::trim)
        .filter(|p| !p.is_empty())
    {
        let set = if head.keep_spaces {
            balanced(fonts, part, head.font, head.size, measure, align, &opts)
        } else {
            head_lines(fonts, part, head.font, head.size, measure, align, &opts)
        };
        lines.extend(set);
    }
    if head.spread {
        for l in &mut lines {
            spread(l, measure);
        }
    }
    lines
}

/// 均排: the line's characters spread evenly across `measure` (clreq's even spacing
/// for short lines). The space goes between characters, never inside a Latin word or
/// a number, after an opening mark or before a closing or pause mark; a line of one
/// character is centred.
pub(super) fn spread(line: &mut Line, measure: Pt) {
    let extra = measure - line.width;
    if extra.0 <= 0.0 || line.glyphs.is_empty() {
        return;
    }
    let gaps: Vec<bool> = (0..line.glyphs.len())
        .map(|i| i > 0 && spreads_before(&line.glyphs[i - 1].text, &line.glyphs[i].text))
        .collect();
    let n = gaps.iter().filter(|g| **g).count();
    if n == 0 {
        for g in &mut line.glyphs {
            g.x += extra / 2.0;
            g.frame_x += extra / 2.0;
        }
        return;
    }
    let step = extra / n as f64;
    let mut shift = Pt::ZERO;
    for (g, gap) in line.glyphs.iter_mut().zip(gaps) {
        if gap {
            shift += step;
        }
        g.x += shift;
        g.frame_x += shift;
    }
    line.width = measure;
}

/// Whether 均排 may put space between a glyph of text `a` and one of text `b`.
fn spreads_before(a: &str, b: &str) -> bool {
    let (Some(pa), Some(nb)) = (a.chars().last(), b.chars().next()) else {
        return false; // a glyph continuing its cluster
    };
    let word = |c: char| c.is_ascii_alphanumeric();
    if word(pa) && word(nb) {
        return false;
    }
    let (p, n) = (class_of(pa), class_of(nb));
    !(p == CharClass::Opening
        || matches!(
            n,
            CharClass::Closing
                | CharClass::Comma
                | CharClass::FullStop
                | CharClass::ColonLike
                | CharClass::Exclamation
        )
        || (p == CharClass::Dash && n == CharClass::Dash)
        || (p == CharClass::Ellipsis && n == CharClass::Ellipsis))
}

/// The room a rule of `weight` takes with its air to the type.
fn rule_room(head: &Head, weight: Option<Pt>) -> Pt {
    weight.map_or(Pt::ZERO, |w| w + head.size * RULE_GAP_EM)
}

/// Sets a head over `span` columns from grid line `line`; returns the next free line.
pub(super) fn draw_head(
    cx: &Ctx,
    head: &Head,
    column: usize,
    span: usize,
    line: usize,
    opts: &Options,
    out: &mut Out,
) -> usize {
    let x = cx.frame.x(column);
    let width = cx.frame.grid.span_width(span);
    draw_head_at(cx, head, (x, width), line, opts, out)
}

/// Sets a head across `(x, span_w)` (page coordinates: an article's columns, or the
/// inside of a boxed story's frame) from grid line `line`; returns the next free line.
pub(super) fn draw_head_at(
    cx: &Ctx,
    head: &Head,
    (x, span_w): (Pt, Pt),
    line: usize,
    opts: &Options,
    out: &mut Out,
) -> usize {
    let Ctx { fonts, frame, .. } = *cx;
    let g = &frame.grid;
    let width = head.width.map_or(span_w, |w| w.min(span_w));
    let lines = set_head(fonts, head, width, opts);
    let lead = head.size * HEAD_LEADING;
    let text_h = lead * lines.len() as f64;
    let (above, below) = (
        rule_room(head, head.rule_above),
        rule_room(head, head.rule_below),
    );
    let content = text_h + above + below;
    let needed = ((content.0 / g.line_pitch.0) - 1e-9).ceil().max(1.0) as usize;
    let n = head.lines.unwrap_or(needed).max(1);
    let block = |lines: usize| Rect::new(x, frame.y(line), span_w, g.line_pitch * lines as f64);
    if n < needed {
        out.warnings.push(
            Diagnostic::new(
                Code::LayoutHeadTooTall,
                format!(
                    "the head “{}” needs {needed} grid lines but is given {n}",
                    head.text
                ),
            )
            .at(head.loc.clone())
            .hint("raise its `lines`, shorten it or make it smaller")
            .on_page(block(needed)),
        );
    }
    // The measure sits in the span as the head is aligned (centred unless told).
    let x0 = x + match head.align {
        Some(Align::Start) => Pt::ZERO,
        Some(Align::End) => span_w - width,
        _ => (span_w - width) / 2.0,
    };
    if let Some(bar) = head.background {
        // The bar is the head's measure (its span unless `width` narrows it) by its
        // grid lines: a narrowed reverse head is a tag (报头条, 评论 labels).
        out.items.push(Item::Rect(RectItem {
            rect: Rect::new(x0, frame.y(line), width, g.line_pitch * n as f64),
            fill: Some(bar),
            stroke: None,
        }));
    }
    // Centre the rules and the head's lines in its block of whole grid lines.
    let top = frame.y(line) + (g.line_pitch * n as f64 - content) / 2.0;
    let rule_color = head.background.unwrap_or(head.color);
    if let Some(w) = head.rule_above {
        rule(
            &mut out.items,
            (x0, x0 + width),
            top + w / 2.0,
            w,
            rule_color,
        );
    }
    let text_top = top + above;
    for (i, l) in lines.iter().enumerate() {
        let baseline =
            text_top + lead * i as f64 + (lead - head.size) / 2.0 + head.size * IDEOGRAPHIC_ASCENT;
        emit_line_scaled(&mut out.items, l, x0, baseline, head.color, head.scale);
    }
    if let Some(w) = head.rule_below {
        let y = text_top + text_h + head.size * RULE_GAP_EM + w / 2.0;
        rule(&mut out.items, (x0, x0 + width), y, w, rule_color);
    }
    line + n
}

/// A horizontal rule from `x.0` to `x.1` centred on `y`.
pub(super) fn rule(items: &mut Vec<Item>, x: (Pt, Pt), y: Pt, weight: Pt, color: Color) {
    items.push(Item::Line(LineItem {
        from: (x.0, y),
        to: (x.1, y),
        stroke: Stroke {
            color,
            width: weight,
        },
        dash: None,
    }));
}

/// A byline under the heads, centred across `(x, width)`.
pub(super) fn draw_byline_at(
    cx: &Ctx,
    text: &str,
    (x, width): (Pt, Pt),
    line: usize,
    opts: &Options,
    out: &mut Out,
) -> usize {
    let Ctx { fonts, frame, .. } = *cx;
    let Out { items, .. } = out;
    let g = &frame.grid;
    let lines = set_lines(
        fonts,
        text,
        Builtin::Hei.id(),
        g.body_size,
        width,
        Align::Center,
        opts,
    );
    for (i, l) in lines.iter().enumerate() {
        emit_line(items, l, x, frame.baseline(line + i), Color::BLACK);
    }
    line + lines.len()
}

/// The columns an article's heads take: the spec's, or by position — over the first
/// rectangle of the article's area, or one column at its left or right edge.
fn head_columns(a: &Article) -> (usize, usize) {
    let hp = &a.heads;
    let first = a.shape.rects[0];
    let b = a.shape.bounds();
    match hp.position {
        HeadPosition::Top => {
            let column = hp.column.unwrap_or(first.column);
            let span = hp
                .span
                .unwrap_or_else(|| (first.column + first.span).saturating_sub(column).max(1));
            (column, span)
        }
        HeadPosition::Left => (hp.column.unwrap_or(b.column), hp.span.unwrap_or(1)),
        HeadPosition::Right => {
            let span = hp.span.unwrap_or(1);
            let column = hp
                .column
                .unwrap_or_else(|| (b.column + b.span).saturating_sub(span));
            (column, span)
        }
    }
}

/// Where an article's heads go: their grid columns (first, span), their first grid
/// line, and their left edge and width on the page (inside a boxed story's frame, its
/// inner columns).
pub(super) struct HeadsAt {
    /// First column and span.
    pub columns: (usize, usize),
    /// The first grid line.
    pub top: usize,
    /// Left edge and width, page coordinates.
    pub across: (Pt, Pt),
}

/// The grid cells a head (or the byline) takes: columns and lines, and where it is
/// given in the spec.
pub(super) struct Taken {
    /// First column and span.
    pub columns: (usize, usize),
    /// First grid line and one past the last.
    pub lines: (usize, usize),
    /// Where the head is given, for the error when it cannot have its cells.
    pub loc: Option<crate::diag::SourceLoc>,
    /// The head in words ("the head “…”", "the byline").
    pub what: String,
}

/// Sets an article's heads and byline where the spec puts them and returns the cells
/// they take (with the blank line under them where the body continues below), for
/// the body's flow to leave free.
pub(super) fn place_heads(
    cx: &Ctx,
    a: &Article,
    area: &Area,
    occupied: &[Occupied],
    opts: &Options,
    out: &mut Out,
) -> Vec<Occupied> {
    let heads: Vec<&Head> = [&a.kicker, &a.headline, &a.subtitle]
        .into_iter()
        .flatten()
        .collect();
    let byline = a.byline.as_ref().filter(|_| !a.byline_at_end);
    if heads.is_empty() && byline.is_none() {
        return Vec::new();
    }
    let (column, span) = head_columns(a);
    let columns = column..column + span;
    let within = column >= area.first && column + span <= area.first + area.xs.len();
    let top = columns.clone().filter_map(|c| a.shape.top_in(c)).min();
    let (Some(top), true) = (top, within) else {
        out.warnings.push(outside(a, column, span));
        return Vec::new();
    };
    // Inside a boxed story's frame the heads keep its inset, like its text.
    let top = top.max(area.top);
    let x = area.column_x(column);
    let across = (x, area.column_x(column + span - 1) + area.measure - x);
    let place = HeadsAt {
        columns: (column, span),
        top,
        across,
    };
    let mut scratch = Out::default();
    let (taken, bottom) = if a.heads.vertical {
        super::vertical::place(cx, a, &heads, &place, opts, &mut scratch)
    } else {
        stack(cx, a, &heads, &place, opts, &mut scratch)
    };
    if let Some(e) = taken.iter().find_map(|t| blocked(cx, a, t, occupied)) {
        out.warnings.push(e);
    }
    out.items.extend(scratch.items);
    out.warnings.extend(scratch.warnings);
    columns
        .map(|c| {
            // A side head keeps the whole height of its columns from the body.
            let end = match (a.heads.position, a.heads.vertical, a.heads.lines) {
                (_, _, Some(n)) => (top + n).max(bottom),
                (HeadPosition::Left | HeadPosition::Right, false, None) => a
                    .shape
                    .lines_in(c)
                    .last()
                    .map_or(bottom, |l| l + 1)
                    .max(bottom),
                _ => bottom + 1, // one grid line of space under the heads
            };
            Occupied {
                what: HEADS,
                column: c,
                top,
                bottom: end,
            }
        })
        .collect()
}

/// The horizontal stack: kicker, headline, subtitle and the head byline, one under
/// the other from `top`. Returns what each takes and the line under the stack.
fn stack(
    cx: &Ctx,
    a: &Article,
    heads: &[&Head],
    at: &HeadsAt,
    opts: &Options,
    out: &mut Out,
) -> (Vec<Taken>, usize) {
    let (column, span) = at.columns;
    let mut line = at.top;
    let mut taken = Vec::new();
    for h in heads {
        let end = draw_head_at(cx, h, at.across, line, opts, out);
        taken.push(Taken {
            columns: (column, span),
            lines: (line, end),
            loc: h.loc.clone().or_else(|| a.heads.loc.clone()),
            what: format!("the head “{}”", h.text.replace('\n', " ")),
        });
        line = end;
    }
    if let (Some(by), false) = (&a.byline, a.byline_at_end) {
        let end = draw_byline_at(cx, by, at.across, line, opts, out);
        taken.push(Taken {
            columns: (column, span),
            lines: (line, end),
            loc: a.loc.clone(),
            what: "the byline".into(),
        });
        line = end;
    }
    (taken, line)
}

/// The error for a head that cannot have its cells: outside the article's area, or
/// over something placed before it (a photo, a box, a table, the banner).
fn blocked(cx: &Ctx, a: &Article, t: &Taken, occupied: &[Occupied]) -> Option<Diagnostic> {
    let (column, span) = t.columns;
    let (top, bottom) = t.lines;
    let rect = cx
        .frame
        .rect(column, span, top, bottom.saturating_sub(top).max(1));
    let cells = (column..column + span).flat_map(|c| (top..bottom).map(move |l| (c, l)));
    for (c, l) in cells {
        let lines = format!(
            "columns {}–{}, grid lines {top}–{}",
            column + 1,
            column + span,
            bottom - 1
        );
        if !a.shape.contains(c, l) {
            return Some(
                Diagnostic::new(
                    Code::LayoutHeadBlocked,
                    format!(
                        "{} of article `{}` needs {lines}, but line {l} of column {} is outside the article's area",
                        t.what, a.id, c + 1
                    ),
                )
                .at(t.loc.clone())
                .hint("give the article more lines or columns where its heads go, or make the head smaller")
                .on_page(rect),
            );
        }
        if let Some(o) = occupied.iter().find(|o| o.contains(c, l)) {
            return Some(
                Diagnostic::new(
                    Code::LayoutHeadBlocked,
                    format!(
                        "{} of article `{}` needs {lines}, but {} takes line {l} of column {}",
                        t.what, a.id, o.what, c + 1
                    ),
                )
                .at(t.loc.clone())
                .hint(format!("move {} out of the heads' area, put the heads elsewhere (`heads = {{ column, span }}`), or start the article lower", o.what))
                .on_page(rect),
            );
        }
    }
    // A free vertical rule ([[rule]]) stands in a gutter and takes no cell: it crosses
    // a head whose columns lie on both sides of its gutter.
    let crossing = cx.model.rules.iter().find_map(|r| match r.place {
        RulePlace::Vertical {
            gutter,
            top: t,
            height,
        } if column < gutter && gutter < column + span && t < bottom && top < t + height => {
            Some(gutter)
        }
        _ => None,
    });
    crossing.map(|gutter| {
        Diagnostic::new(
            Code::LayoutHeadBlocked,
            format!(
                "{} of article `{}` needs columns {}–{}, grid lines {top}–{}, but a vertical rule runs down the gutter between columns {gutter} and {}",
                t.what,
                a.id,
                column + 1,
                column + span,
                bottom - 1,
                gutter + 1
            ),
        )
        .at(t.loc.clone())
        .hint("end the rule above the heads, or keep the heads on one side of it (`heads = { column, span }`)")
        .on_page(rect)
    })
}

/// The heads' columns have no cell in the article's area.
fn outside(a: &Article, column: usize, span: usize) -> Diagnostic {
    Diagnostic::new(
        Code::LayoutHeadBlocked,
        format!(
            "the heads of article `{}` are put in columns {}–{}, which are not in its area",
            a.id,
            column + 1,
            column + span
        ),
    )
    .at(a.heads.loc.clone().or_else(|| a.loc.clone()))
    .hint("give `heads` a column and span inside the article's `place`")
}
