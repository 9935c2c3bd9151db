//! Rules: a rule's look turned into strokes (solid, double, 文武线, dashed, dotted), the
//! free rules of `[[rule]]`, the separators between adjacent stories and the column
//! rules (栏线) beside an article's columns that hold text.
//!
//! A horizontal rule sits in a grid line of its own (the blank line between two
//! stories), so the text above and below it keeps its baselines; a vertical rule sits
//! in the middle of a gutter. Separators stop at the gutters: a horizontal one runs
//! across its columns only, and a vertical one stops short of the blank lines where a
//! horizontal one runs.

use super::{Ctx, Occupied, Out};
use crate::display::{Color, Dash, Item, LineItem, Stroke};
use crate::resolve::{Article, LineAt, Place, RuleLook, RulePlace, RuleStyle};
use crate::units::Pt;

/// A column rule: a little lighter than the hairlines between stories.
const COLUMN_RULE: RuleLook = RuleLook {
    weight: Pt(0.4),
    style: RuleStyle::Solid,
    color: Color::BLACK,
};

/// The hairline of a 文武线 beside its thick stroke.
const THIN: Pt = Pt(0.5);
/// The smallest gap between the strokes of a double rule or a 文武线.
const MIN_GAP: Pt = Pt(1.0);
/// How far a column rule or a vertical separator stops short of a line's edge.
const SHORT: f64 = 0.25;

/// The whole thickness of a rule's strokes and gaps.
pub(super) fn thickness(look: &RuleLook) -> Pt {
    let w = look.weight;
    match look.style {
        RuleStyle::Solid | RuleStyle::Dashed | RuleStyle::Dotted => w,
        RuleStyle::Double => w * 2.0 + gap(w),
        RuleStyle::ThickThin | RuleStyle::ThinThick => w + gap(w) + thin(w),
    }
}

fn gap(w: Pt) -> Pt {
    (w * 0.75).max(MIN_GAP)
}

fn thin(w: Pt) -> Pt {
    THIN.min(w * 0.5)
}

/// Strokes a rule from `from` to `to` (horizontal or vertical), its strokes centred on
/// that line: a 文武线's thick stroke above (or left of) its hairline.
pub(super) fn stroke(items: &mut Vec<Item>, from: (Pt, Pt), to: (Pt, Pt), look: &RuleLook) {
    let w = look.weight;
    let total = thickness(look);
    // Each stroke: its offset from the centre line (down or right) and its weight.
    let strokes: Vec<(Pt, Pt)> = match look.style {
        RuleStyle::Solid | RuleStyle::Dashed | RuleStyle::Dotted => vec![(Pt::ZERO, w)],
        RuleStyle::Double => vec![(-(total - w) / 2.0, w), ((total - w) / 2.0, w)],
        RuleStyle::ThickThin => vec![(-(total - w) / 2.0, w), ((total - thin(w)) / 2.0, thin(w))],
        RuleStyle::ThinThick => vec![(-(total - thin(w)) / 2.0, thin(w)), ((total - w) / 2.0, w)],
    };
    let dash = match look.style {
        RuleStyle::Dashed => Some(Dash {
            on: (w * 4.0).max(Pt(3.0)),
            off: (w * 2.5).max(Pt(2.0)),
            round: false,
        }),
        RuleStyle::Dotted => Some(Dash {
            on: Pt::ZERO,
            off: (w * 2.5).max(Pt(1.5)),
            round: true,
        }),
        _ => None,
    };
    let horizontal = (from.1 - to.1).abs() < (from.0 - to.0).abs();
    for (offset, weight) in strokes {
        let (dx, dy) = if horizontal {
            (Pt::ZERO, offset)
        } else {
            (offset, Pt::ZERO)
        };
        items.push(Item::Line(LineItem {
            from: (from.0 + dx, from.1 + dy),
            to: (to.0 + dx, to.1 + dy),
            stroke: Stroke {
                color: look.color,
                width: weight,
            },
            dash,
        }));
    }
}

/// The free rules of `[[rule]]`; a horizontal one takes its grid line in its columns.
pub(super) fn draw_free(cx: &Ctx, out: &mut Out) -> Vec<Occupied> {
    let Ctx { model, frame, .. } = *cx;
    let g = &frame.grid;
    let mut taken = Vec::new();
    for r in &model.rules {
        match r.place {
            RulePlace::Horizontal {
                column,
                span,
                line,
                at,
            } => {
                let half = thickness(&r.look) / 2.0;
                let y = match at {
                    LineAt::Top => frame.y(line) + half,
                    LineAt::Middle => frame.y(line) + g.line_pitch / 2.0,
                    LineAt::Bottom => frame.y(line + 1) - half,
                };
                let x0 = frame.x(column);
                stroke(
                    &mut out.items,
                    (x0, y),
                    (x0 + g.span_width(span), y),
                    &r.look,
                );
                taken.extend(Occupied::block("a rule", column, span, line, 1));
            }
            RulePlace::Vertical {
                gutter,
                top,
                height,
            } => {
                let x = gutter_x(cx, gutter);
                stroke(
                    &mut out.items,
                    (x, frame.y(top)),
                    (x, frame.y(top + height)),
                    &r.look,
                );
            }
        }
    }
    taken
}

/// The middle of gutter `gutter` (between column `gutter` and the next, counted from
/// 1); 0 and the column count are the type area's edges.
fn gutter_x(cx: &Ctx, gutter: usize) -> Pt {
    let f = cx.frame;
    let g = &f.grid;
    if gutter == 0 {
        f.x(0)
    } else {
        f.x(gutter - 1)
            + g.column_width
            + if gutter < g.columns {
                g.gutter / 2.0
            } else {
                Pt::ZERO
            }
    }
}

/// Whether a separator runs along `a`'s edges: off for a boxed story (its frame is the
/// separation) and where either story says `separators = false`.
fn wants(page: bool, a: &Article, b: &Article) -> bool {
    if a.frame.is_some() || b.frame.is_some() {
        return false;
    }
    let asked = page || a.separators == Some(true) || b.separators == Some(true);
    asked && a.separators != Some(false) && b.separators != Some(false)
}

/// A separator between two stories, found from their places.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Separator {
    /// In grid line `line` across `column..column+span`.
    Across {
        column: usize,
        span: usize,
        line: usize,
    },
    /// In the gutter right of column `column`, lines `top..bottom`.
    Down {
        column: usize,
        top: usize,
        bottom: usize,
    },
}

/// The separators between the page's adjacent stories. Two stories one above the
/// other with one blank line between them get a rule in that line; when they touch,
/// the upper story's last line over the shared columns is kept blank for the rule
/// (returned as taken). Two stories side by side get a rule down the gutter between
/// them over the lines they share.
pub(super) fn separators(cx: &Ctx) -> (Vec<Separator>, Vec<Occupied>) {
    let model = cx.model;
    let page = model.separators.is_some();
    let mut found = Vec::new();
    let mut taken = Vec::new();
    for a in &model.articles {
        for b in &model.articles {
            if std::ptr::eq(a, b) || !wants(page, a, b) {
                continue;
            }
            // Rectangle by rectangle: a story shape (an L, steps) meets its neighbours
            // along the edges of its rectangles, not of its bounding box.
            let mut pair = Vec::new();
            for pa in &a.shape.rects {
                for pb in &b.shape.rects {
                    between(pa, pb, &mut pair, &mut taken);
                }
            }
            found.extend(joined(pair));
        }
    }
    (found, taken)
}

/// The separators between two stories with the pieces that continue one another made
/// one: across, in one line, side by side (two rectangles of a shape over one story
/// below them: the rule runs on over the gutter between them); down, in one gutter,
/// one under the other. Duplicates go.
fn joined(mut pieces: Vec<Separator>) -> Vec<Separator> {
    let key = |s: &Separator| match *s {
        Separator::Across { column, line, .. } => (0, line, column),
        Separator::Down { column, top, .. } => (1, column, top),
    };
    pieces.sort_by_key(key);
    pieces.dedup();
    let mut out: Vec<Separator> = Vec::new();
    for s in pieces {
        match (out.last_mut(), s) {
            (
                Some(Separator::Across { column, span, line }),
                Separator::Across {
                    column: c,
                    span: n,
                    line: l,
                },
            ) if *line == l && c <= *column + *span => {
                *span = (*span).max(c + n - *column);
            }
            (
                Some(Separator::Down { column, bottom, .. }),
                Separator::Down {
                    column: c,
                    top: t,
                    bottom: b,
                },
            ) if *column == c && t <= *bottom => {
                *bottom = (*bottom).max(b);
            }
            (_, s) => out.push(s),
        }
    }
    out
}

/// The separator between rectangle `pa` of one story and `pb` of another: across
/// when `pb` starts under `pa` (in the blank line between them, or in `pa`'s last
/// line, then taken from it, when they touch), down the gutter when `pb` starts in
/// the column right of `pa`.
fn between(pa: &Place, pb: &Place, found: &mut Vec<Separator>, taken: &mut Vec<Occupied>) {
    let (c0, c1) = (pa.column.max(pb.column), end_col(pa).min(end_col(pb)));
    let a_bottom = pa.top + pa.height;
    if c0 < c1 && pb.top >= a_bottom && pb.top - a_bottom <= 1 {
        let line = if pb.top == a_bottom {
            a_bottom - 1
        } else {
            a_bottom
        };
        if pb.top == a_bottom {
            taken.extend(Occupied::block("a separator", c0, c1 - c0, line, 1));
        }
        found.push(Separator::Across {
            column: c0,
            span: c1 - c0,
            line,
        });
    }
    let (t0, t1) = (
        pa.top.max(pb.top),
        (pa.top + pa.height).min(pb.top + pb.height),
    );
    if pb.column == end_col(pa) && t0 < t1 {
        found.push(Separator::Down {
            column: end_col(pa) - 1,
            top: t0,
            bottom: t1,
        });
    }
}

fn end_col(p: &Place) -> usize {
    p.column + p.span
}

/// Draws the separators: a vertical one stops a quarter line short of a blank line
/// that holds a horizontal one.
pub(super) fn draw_separators(cx: &Ctx, found: &[Separator], out: &mut Out) {
    let f = cx.frame;
    let g = &f.grid;
    let look = cx.model.separators.unwrap_or(RuleLook::HAIRLINE);
    let across_at = |col: usize, line: usize| {
        found.iter().any(|s| {
            matches!(*s, Separator::Across { column, span, line: l }
                if l == line && (column..column + span).contains(&col))
        })
    };
    for s in found {
        match *s {
            Separator::Across { column, span, line } => {
                let y = f.y(line) + g.line_pitch / 2.0;
                let x0 = f.x(column);
                stroke(&mut out.items, (x0, y), (x0 + g.span_width(span), y), &look);
            }
            Separator::Down {
                column,
                top,
                bottom,
            } => {
                let x = f.x(column) + g.column_width + g.gutter / 2.0;
                let near = |l: usize| across_at(column, l) || across_at(column + 1, l);
                let y0 = if top > 0 && near(top - 1) {
                    f.y(top) + g.line_pitch * SHORT
                } else {
                    f.y(top)
                };
                let y1 = if near(bottom) {
                    f.y(bottom) + g.line_pitch * (0.5 - SHORT)
                } else {
                    f.y(bottom)
                };
                stroke(&mut out.items, (x, y0), (x, y1), &look);
            }
        }
    }
}

/// An article's columns as its column rules see them.
pub(super) struct Columns<'a> {
    /// Left edge of each column, page coordinates.
    pub xs: &'a [Pt],
    /// Every column's measure.
    pub measure: Pt,
    /// The grid column of `xs[0]`.
    pub first: usize,
    /// Whether a grid cell (column, line) belongs to the article's body: in its shape
    /// and not under its heads. A rule stands only where both columns have the line.
    pub body: &'a dyn Fn(usize, usize) -> bool,
}

/// Column rules (栏线) in the gutters between an article's columns, only beside
/// columns that hold text: a rule runs down the lines where the column on either side
/// has a line set, only when both columns hold text and both belong to the body at
/// that line (not in a cut-out of a story shape), and breaks where a photo or box
/// spans the gutter.
pub(super) fn column_rules(
    cx: &Ctx,
    cols: &Columns,
    set: &[(usize, usize)],
    occupied: &[Occupied],
    out: &mut Out,
) {
    let Columns {
        xs,
        measure,
        first: first_column,
        body,
    } = *cols;
    let f = cx.frame;
    let g = &f.grid;
    let has = |c: usize, l: usize| set.iter().any(|&(sc, sl)| sc == c && sl == l);
    let holds = |c: usize| set.iter().any(|&(sc, _)| sc == c);
    let taken = |c: usize, l: usize| occupied.iter().any(|o| o.contains(c, l));
    let (Some(top), Some(bottom)) = (
        set.iter().map(|&(_, l)| l).min(),
        set.iter().map(|&(_, l)| l + 1).max(),
    ) else {
        return;
    };
    for (i, pair) in xs.windows(2).enumerate() {
        let c = first_column + i;
        if !holds(c) || !holds(c + 1) {
            continue;
        }
        let x = (pair[0] + measure + pair[1]) / 2.0;
        let on = |l: usize| {
            (has(c, l) || has(c + 1, l))
                && body(c, l)
                && body(c + 1, l)
                && !(taken(c, l) && taken(c + 1, l))
        };
        let mut l = top;
        while l < bottom {
            if !on(l) {
                l += 1;
                continue;
            }
            let start = l;
            while l < bottom && on(l) {
                l += 1;
            }
            // A quarter line short at both ends, clear of heads and pictures.
            let (y0, y1) = (
                f.y(start) + g.line_pitch * SHORT,
                f.y(l) - g.line_pitch * SHORT,
            );
            stroke(&mut out.items, (x, y0), (x, y1), &COLUMN_RULE);
        }
    }
}
