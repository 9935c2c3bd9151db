//! Frames: the box of a boxed story or sidebar (and of a text box) on the grid, and
//! where an article's text goes inside it.
//!
//! A box covers its place except the last grid line, which is the standoff to what
//! follows (as under a photo or a promo); a box that reaches the foot of the type area
//! keeps that line. Inside a boxed story the text keeps whole grid lines: its heads
//! start `inset_lines` lines below the frame's top and its body ends `inset_lines`
//! above the frame's foot, so every baseline stays on the page's grid. Across, the
//! story's columns share the frame's width less the inset on both sides, each a whole
//! number of body characters, with the page's gutter between them; what is left over
//! widens the inset evenly.

use super::rules::{stroke, thickness};
use super::{Ctx, Occupied, Out};
use crate::display::{Item, Rect, RectItem, Stroke};
use crate::resolve::{Article, FrameLook, Place, RuleStyle};
use crate::units::Pt;

/// Where an article's text goes: the left edge of each of its columns, their common
/// measure, and the grid lines it may use (its heads span its columns: see
/// `heads::place_heads`).
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct Area {
    /// The first grid column (0-based).
    pub first: usize,
    /// Left edge of each column, page coordinates.
    pub xs: Vec<Pt>,
    /// Every column's measure.
    pub measure: Pt,
    /// First grid line of the heads and text; one past the last line the text may use.
    pub top: usize,
    pub bottom: usize,
}

impl Area {
    /// Left edge of the article's column `column` (a grid column, 0-based).
    pub fn column_x(&self, column: usize) -> Pt {
        self.xs[column - self.first]
    }
}

/// The grid lines a box covers: its place less the standoff line, unless it reaches
/// the foot of the type area.
pub(crate) fn box_lines(cx: &Ctx, p: &Place) -> usize {
    if p.top + p.height >= cx.frame.grid.lines || p.height < 2 {
        p.height
    } else {
        p.height - 1
    }
}

/// The rectangle of a box in its place.
pub(crate) fn box_rect(cx: &Ctx, p: &Place) -> Rect {
    cx.frame.rect(p.column, p.span, p.top, box_lines(cx, p))
}

/// Where an article's heads and text go: its columns, or inside its frame.
pub(crate) fn area(cx: &Ctx, a: &Article) -> Area {
    let f = cx.frame;
    let g = &f.grid;
    let p = a.place;
    let Some(frame) = &a.frame else {
        return Area {
            first: p.column,
            xs: (p.column..p.column + p.span).map(|c| f.x(c)).collect(),
            measure: g.column_width,
            top: p.top,
            bottom: p.top + p.height,
        };
    };
    let n = p.span as f64;
    let outer = g.span_width(p.span);
    let inner = outer - g.body_size * (2.0 * frame.inset_em);
    let room = (inner - g.gutter * (n - 1.0)) / n;
    // Whole body characters per column, the way the page's own columns are set.
    let chars = (room.0 / g.body_size.0 + 1e-6).floor().max(1.0);
    let measure = g.body_size * chars;
    let used = measure * n + g.gutter * (n - 1.0);
    let x = f.x(p.column) + (outer - used) / 2.0;
    let lines = box_lines(cx, &p);
    let inset = frame.inset_lines.min(lines.saturating_sub(1) / 2);
    Area {
        first: p.column,
        xs: (0..p.span)
            .map(|i| x + (measure + g.gutter) * i as f64)
            .collect(),
        measure,
        top: p.top + inset,
        bottom: p.top + lines - inset,
    }
}

/// Draws a frame's fill and stroke on `rect`: the stroke inside the rectangle, so the
/// frame's outer edge is the rectangle's edge.
pub(crate) fn draw_box(items: &mut Vec<Item>, rect: Rect, look: &FrameLook) {
    if let Some(fill) = look.fill {
        items.push(Item::Rect(RectItem {
            rect,
            fill: Some(fill),
            stroke: None,
        }));
    }
    let Some(rule) = &look.stroke else { return };
    let t = thickness(rule);
    let r = rect.inset(t / 2.0);
    if rule.style == RuleStyle::Solid {
        items.push(Item::Rect(RectItem {
            rect: r,
            fill: None,
            stroke: Some(Stroke {
                color: rule.color,
                width: rule.weight,
            }),
        }));
        return;
    }
    // Other styles edge by edge; the horizontal edges run over the corners.
    let half = t / 2.0;
    let (x0, x1, y0, y1) = (r.x, r.right(), r.y, r.bottom());
    stroke(items, (x0 - half, y0), (x1 + half, y0), rule);
    stroke(items, (x0 - half, y1), (x1 + half, y1), rule);
    stroke(items, (x0, y0 + half), (x0, y1 - half), rule);
    stroke(items, (x1, y0 + half), (x1, y1 - half), rule);
}

/// Draws the frames of the boxed stories (before photos and text, so a tint is under
/// them) and returns the grid blocks each boxed story takes from the stories around
/// it, by article index: a sidebar inside another story's columns pushes that
/// story's text around it.
pub(crate) fn draw_article_frames(cx: &Ctx, out: &mut Out) -> Vec<(usize, Vec<Occupied>)> {
    let mut taken = Vec::new();
    for (i, a) in cx.model.articles.iter().enumerate() {
        let Some(frame) = &a.frame else { continue };
        draw_box(&mut out.items, box_rect(cx, &a.place), &frame.look);
        let p = a.place;
        taken.push((
            i,
            Occupied::block("a boxed story", p.column, p.span, p.top, p.height),
        ));
    }
    taken
}
