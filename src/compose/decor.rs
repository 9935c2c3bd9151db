//! What the body's styles add around the glyphs: emphasis dots (着重号) under the
//! characters of a dotted run, the separator between two briefs and the rule under an
//! editor's note. All of it sits in the grid's spare space (below a line's em box, or
//! on the blank grid lines a style leaves), so nothing moves the text off the grid.

use super::body::Set;
use super::flow::{Flowed, PieceKind, Placement};
use super::text::{emit_line, set_lines};
use super::{Ctx, Out};
use crate::display::{CircleItem, Color, Item, LineItem, Stroke};
use crate::fonts::{FontBook, IDEOGRAPHIC_ASCENT};
use crate::linebreak::{Align, Line, Options};
use crate::resolve::{Article, Run, Separator};
use crate::text::class_of;
use crate::units::Pt;

/// Largest emphasis dot, in ems of the text it marks (clreq's dots are small and round).
const DOT_EM: f64 = 0.17;
/// Share of the space between the em box and the grid cell's foot a dot may fill.
const DOT_FILL: f64 = 0.7;
/// Where the dot's centre sits in that space, from the em box down: a little nearer
/// the cell's foot, so the dot clears the ink of the character above it.
const DOT_DEPTH: f64 = 0.6;
/// Hairline between briefs and under a note.
const SEPARATOR_RULE: Pt = Pt(0.3);

/// Emphasis dots under the characters of `line` that a dotted run covers: one filled
/// dot centred under each Chinese character (never under punctuation, spaces, Latin
/// letters, figures or a superscript), in the space between the em box's foot and
/// `cell_bottom`, the foot of the line's grid cell.
pub(super) fn emphasis_dots(
    fonts: &FontBook,
    line: &Line,
    runs: &[Run],
    origin: (Pt, Pt),
    cell_bottom: Pt,
    items: &mut Vec<Item>,
) {
    let (x, baseline) = origin;
    let mut offset = line.start;
    for g in &line.glyphs {
        let at = offset;
        offset += g.text.len();
        let dotted = runs
            .iter()
            .any(|r| r.inline.dots && (r.start..r.end).contains(&at));
        let c = g.text.chars().next().unwrap_or(' ');
        if !dotted || g.rise != Pt::ZERO || !class_of(c).is_ideographic() {
            continue;
        }
        let em_bottom = baseline + g.size * (1.0 - IDEOGRAPHIC_ASCENT);
        let space = cell_bottom - em_bottom;
        if space.0 <= 0.0 {
            continue;
        }
        let diameter = (g.size * DOT_EM).min(space * DOT_FILL);
        let advance = g.size * fonts.face(g.font).advance(g.gid);
        items.push(Item::Circle(CircleItem {
            center: (x + g.x + advance / 2.0, em_bottom + space * DOT_DEPTH),
            radius: diameter / 2.0,
            fill: Some(Color::BLACK),
            stroke: None,
        }));
    }
}

/// The separators a style puts between two of its paragraphs (a rule or an ornament)
/// and the rule under the last paragraph of a run of a style with `rule_below`.
pub(super) fn separators(
    cx: &Ctx,
    a: &Article,
    sets: &[Set],
    flowed: &Flowed,
    opts: &Options,
    out: &mut Out,
) {
    let ends = |k: usize| {
        let mut p = flowed.placements.iter().filter(|p| p.piece == k);
        let first = p.next().copied();
        (first, p.next_back().copied().or(first))
    };
    for (k, set) in sets.iter().enumerate() {
        let Some(name) = set.style.filter(|_| set.piece.kind == PieceKind::Paragraph) else {
            continue;
        };
        let style = cx.model.styles.get(name);
        let (_, Some(last)) = ends(k) else { continue };
        let next = sets.get(k + 1);
        let same = next.is_some_and(|n| n.style == Some(name));
        let following = ends(k + 1).0;
        if same {
            let Some(first) = following else { continue };
            if first.slot.column == last.slot.column && first.slot.line > last.slot.line {
                let gap = Gap::new(cx, sets, last, first);
                match &style.separator {
                    Separator::None => {}
                    Separator::Rule => rule(cx, &gap, out),
                    Separator::Ornament(s) => ornament(cx, s, gap, opts, out),
                }
            }
        } else if style.rule_below {
            let blank = match following {
                Some(f) if f.slot.column == last.slot.column && f.slot.line > last.slot.line => {
                    f.slot.line - last.slot.line - 1
                }
                _ => style.space_below,
            };
            let below = last.slot.line + blank + 1;
            if below <= a.place.top + a.place.height && below <= cx.frame.grid.lines {
                let size = set.lines[last.line].size;
                let gap = Gap::between(cx, last.slot.column, (last.slot.line, size), (below, size));
                rule(cx, &gap, out);
            }
        }
    }
}

/// The blank between two lines of one column: from the foot of the upper line's em box
/// to the top of the lower's.
#[derive(Clone, Debug)]
struct Gap {
    column: usize,
    top: Pt,
    bottom: Pt,
    /// Grid lines strictly between the two lines.
    lines: std::ops::Range<usize>,
}

impl Gap {
    fn new(cx: &Ctx, sets: &[Set], upper: Placement, lower: Placement) -> Gap {
        let size = |p: Placement| sets[p.piece].lines[p.line].size;
        Gap::between(
            cx,
            upper.slot.column,
            (upper.slot.line, size(upper)),
            (lower.slot.line, size(lower)),
        )
    }

    fn between(cx: &Ctx, column: usize, upper: (usize, Pt), lower: (usize, Pt)) -> Gap {
        let f = cx.frame;
        Gap {
            column,
            top: f.baseline(upper.0) + upper.1 * (1.0 - IDEOGRAPHIC_ASCENT),
            bottom: f.baseline(lower.0) - lower.1 * IDEOGRAPHIC_ASCENT,
            lines: upper.0 + 1..lower.0,
        }
    }
}

/// A hairline across the column, halfway down the gap.
fn rule(cx: &Ctx, gap: &Gap, out: &mut Out) {
    let x = cx.frame.x(gap.column);
    let y = (gap.top + gap.bottom) / 2.0;
    out.items.push(Item::Line(LineItem {
        from: (x, y),
        to: (x + cx.frame.grid.column_width, y),
        stroke: Stroke {
            color: Color::BLACK,
            width: SEPARATOR_RULE,
        },
        dash: None,
    }));
}

/// An ornament centred on the middle blank grid line of the gap (none when the two
/// paragraphs have no blank line between them).
fn ornament(cx: &Ctx, text: &str, gap: Gap, opts: &Options, out: &mut Out) {
    if gap.lines.is_empty() {
        return;
    }
    let line = (gap.lines.start + gap.lines.end - 1) / 2;
    let g = &cx.frame.grid;
    let lines = set_lines(
        cx.fonts,
        text,
        cx.model.text.font,
        g.body_size,
        g.column_width,
        Align::Center,
        opts,
    );
    if let Some(l) = lines.first() {
        emit_line(
            &mut out.items,
            l,
            cx.frame.x(gap.column),
            cx.frame.baseline(line),
            Color::BLACK,
        );
    }
}
