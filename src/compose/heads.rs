//! Heads: the kicker, headline and subtitle stack of an article (or a table's title)
//! on whole grid lines over its columns, and a byline under the stack.

use super::text::{emit_line, head_lines, set_lines};
use super::{Ctx, Out};
use crate::diag::{Code, Diagnostic};
use crate::display::{Color, Rect};
use crate::fonts::{Builtin, IDEOGRAPHIC_ASCENT};
use crate::linebreak::{Align, Options};
use crate::resolve::Head;
use crate::units::Pt;

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

/// Sets a head across `(x, width)` (page coordinates: an article's columns, or the
/// inside of a boxed story's frame) from grid line `line`; returns the next free line.
pub(super) fn draw_head_at(
    cx: &Ctx,
    head: &Head,
    (x, width): (Pt, Pt),
    line: usize,
    opts: &Options,
    out: &mut Out,
) -> usize {
    let Ctx { fonts, frame, .. } = *cx;
    let Out { items, warnings } = out;
    let g = &frame.grid;
    let lines = head_lines(
        fonts, &head.text, head.font, head.size, width, head.align, opts,
    );
    let lead = head.size * 1.25;
    let needed = ((lead * lines.len() as f64).0 / g.line_pitch.0).ceil() as usize;
    let n = head.lines.unwrap_or(needed).max(1);
    if n < needed {
        warnings.push(
            Diagnostic::new(
                Code::LayoutHeadTooTall,
                format!(
                    "the head “{}” needs {needed} grid lines but is given {n}",
                    head.text
                ),
            )
            .hint("raise its `lines`, shorten it or make it smaller")
            .on_page(Rect::new(
                x,
                frame.y(line),
                width,
                g.line_pitch * needed as f64,
            )),
        );
    }
    // Centre the head's lines in its block of whole grid lines.
    let text_h = lead * lines.len() as f64;
    let top = frame.y(line) + (g.line_pitch * n as f64 - text_h) / 2.0;
    for (i, l) in lines.iter().enumerate() {
        let baseline =
            top + lead * i as f64 + (lead - head.size) / 2.0 + head.size * IDEOGRAPHIC_ASCENT;
        emit_line(items, l, x, baseline, Color::BLACK);
    }
    line + n
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
