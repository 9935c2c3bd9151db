//! The display items of one part of a table: tints first (header, zebra, highlighted
//! rows), then the cells' text row by row (the reading order a PDF's text keeps), then
//! the rules over the tints. A cell's lines sit on the rows of the table's pitch with
//! the em box centred in the row, as body text sits on the grid.

use super::layout::Laid;
use super::{CellReport, TableReport};
use crate::compose::text::emit_line;
use crate::compose::Out;
use crate::display::{Color, Item, LineItem, Rect, RectItem, Stroke};
use crate::fonts::IDEOGRAPHIC_ASCENT;
use crate::linebreak::Line;
use crate::resolve::{Table, VAlign};
use crate::units::Pt;
use std::ops::Range;

/// The weight of the short rule under a group header (a spanner rule).
const SPANNER_RULE: Pt = Pt(0.25);

/// Where the parts are.
pub(super) struct Geometry {
    /// The top of every part (a grid line).
    pub top: Pt,
    /// The left edge of the first part, and from one part to the next.
    pub x0: Pt,
    pub part_step: f64,
    /// A part's width.
    pub width: f64,
    /// The row pitch.
    pub pitch: f64,
}

impl Geometry {
    fn x(&self, part: usize) -> Pt {
        self.x0 + Pt(self.part_step * part as f64)
    }
    fn y(&self, rows: usize) -> Pt {
        self.top + Pt(self.pitch * rows as f64)
    }
    /// The baseline of a line of `size` type in row slot `rows`.
    fn baseline(&self, rows: f64, size: Pt) -> Pt {
        self.top + Pt(self.pitch * rows) + (Pt(self.pitch) - size) / 2.0 + size * IDEOGRAPHIC_ASCENT
    }
}

/// Draws part `k`: the header rows, then `rows` (data rows, header rows counted).
/// Returns the part's height in rows of pitch.
#[allow(
    clippy::too_many_arguments,
    reason = "a part is drawn from the table, its laid-out cells, the geometry and the rows it shows: bundling them would only rename them"
)]
pub(super) fn part(
    t: &Table,
    laid: &Laid,
    geo: &Geometry,
    k: usize,
    rows: Range<usize>,
    out: &mut Out,
    report: &mut TableReport,
) -> usize {
    // The slot (in rows of pitch from the part's top) of every row shown.
    let mut slot = vec![None; t.cells.len()];
    let mut at = 0;
    for r in (0..t.header_rows).chain(rows.clone()) {
        slot[r] = Some(at);
        at += laid.row_lines[r];
    }
    let height = at;
    let header = laid.row_lines[..t.header_rows].iter().sum::<usize>();
    tints(t, laid, geo, k, &slot, rows.clone(), header, out);
    for (p, lines) in &laid.cells {
        let Some(s) = slot[p.row] else { continue };
        let x = geo.x(k) + Pt(laid.widths[..p.column].iter().sum::<f64>() + laid.padding);
        let span_rows =
            (p.row..p.row + p.rowspan).filter(|r| slot.get(*r).is_some_and(|s| s.is_some()));
        let row_h: usize = span_rows.map(|r| laid.row_lines[r]).sum();
        let spare = row_h.saturating_sub(lines.len()) as f64;
        // A header cell spanning rows stands in the middle of them, the way group
        // headers are set; other cells follow the table's `valign`.
        let valign = if p.header && p.rowspan > 1 {
            VAlign::Middle
        } else {
            t.style.valign
        };
        let v = match valign {
            VAlign::Top => 0.0,
            VAlign::Middle => spare / 2.0,
            VAlign::Bottom => spare,
        };
        let mut baselines = Vec::with_capacity(lines.len());
        for (j, l) in lines.iter().enumerate() {
            let b = geo.baseline(s as f64 + v + j as f64, laid.size);
            emit_line(&mut out.items, l, x, b, p.color);
            baselines.push(b);
        }
        report.cells.push(CellReport {
            row: p.row,
            column: p.column,
            part: k,
            header: p.header,
            x,
            width: Pt(laid.widths[p.column..p.column + p.colspan]
                .iter()
                .sum::<f64>()
                - 2.0 * laid.padding),
            baselines,
            text: lines.iter().map(Line::text).collect(),
        });
    }
    rules(t, laid, geo, k, &slot, rows, header, height, out);
    height
}

/// The header's tint, the zebra tint on every other body row and the rows' own fills.
#[allow(
    clippy::too_many_arguments,
    reason = "a part is drawn from the table, its laid-out cells, the geometry and the rows it shows: bundling them would only rename them"
)]
fn tints(
    t: &Table,
    laid: &Laid,
    geo: &Geometry,
    k: usize,
    slot: &[Option<usize>],
    rows: Range<usize>,
    header: usize,
    out: &mut Out,
) {
    let band = |from: usize, n: usize, fill: Color| {
        Item::Rect(RectItem {
            rect: Rect::new(
                geo.x(k),
                geo.y(from),
                Pt(geo.width),
                Pt(geo.pitch * n as f64),
            ),
            fill: Some(fill),
            stroke: None,
        })
    };
    if let (Some(fill), true) = (t.style.header_fill, header > 0) {
        out.items.push(band(0, header, fill));
    }
    for r in rows {
        let body = r - t.header_rows;
        let zebra = t.style.zebra.filter(|_| body % 2 == 1);
        if let (Some(fill), Some(s)) = (t.row_styles[body].fill.or(zebra), slot[r]) {
            out.items.push(band(s, laid.row_lines[r], fill));
        }
    }
}

fn hline(items: &mut Vec<Item>, x0: Pt, x1: Pt, y: Pt, width: Pt) {
    items.push(Item::Line(LineItem {
        from: (x0, y),
        to: (x1, y),
        stroke: Stroke {
            color: Color::BLACK,
            width,
        },
        dash: None,
    }));
}

/// Top, header, row, spanner, column and bottom rules of a part.
#[allow(
    clippy::too_many_arguments,
    reason = "a part is drawn from the table, its laid-out cells, the geometry and the rows it shows: bundling them would only rename them"
)]
fn rules(
    t: &Table,
    laid: &Laid,
    geo: &Geometry,
    k: usize,
    slot: &[Option<usize>],
    rows: Range<usize>,
    header: usize,
    height: usize,
    out: &mut Out,
) {
    let r = t.style.rules;
    let (x0, x1) = (geo.x(k), geo.x(k) + Pt(geo.width));
    let items = &mut out.items;
    if let Some(w) = r.columns {
        column_rules(t, laid, geo, k, slot, w, items);
    }
    if let Some(w) = r.rows {
        for row in rows.clone().skip(1) {
            if let Some(s) = slot[row] {
                hline(items, x0, x1, geo.y(s), w);
            }
        }
    }
    for row in rows.clone() {
        let body = row - t.header_rows;
        if let (Some(w), Some(s)) = (t.row_styles[body].rule_below, slot[row]) {
            if row + 1 < rows.end {
                hline(items, x0, x1, geo.y(s + laid.row_lines[row]), w);
            }
        }
    }
    // A group header (a cell spanning columns above the last header row) gets a short
    // rule under it, clear of its neighbours by the padding.
    let spanners = laid.cells.iter().filter(|(p, _)| p.header && p.colspan > 1);
    for (p, _) in spanners.filter(|_| r.header.is_some()) {
        if p.row + p.rowspan >= t.header_rows {
            continue;
        }
        let Some(s) = slot[p.row] else { continue };
        let left: f64 = laid.widths[..p.column].iter().sum();
        let w: f64 = laid.widths[p.column..p.column + p.colspan].iter().sum();
        let y = geo
            .y(s + (p.row..p.row + p.rowspan)
                .map(|r| laid.row_lines[r])
                .sum::<usize>());
        hline(
            items,
            x0 + Pt(left + laid.padding),
            x0 + Pt(left + w - laid.padding),
            y,
            SPANNER_RULE,
        );
    }
    if let (Some(w), true) = (r.header, header > 0) {
        hline(items, x0, x1, geo.y(header), w);
    }
    if let Some(w) = r.top {
        hline(items, x0, x1, geo.y(0), w);
    }
    if let Some(w) = r.bottom {
        hline(items, x0, x1, geo.y(height), w);
    }
}

/// Rules between columns, broken where a cell spans the boundary.
fn column_rules(
    t: &Table,
    laid: &Laid,
    geo: &Geometry,
    k: usize,
    slot: &[Option<usize>],
    width: Pt,
    items: &mut Vec<Item>,
) {
    let shown: Vec<usize> = (0..t.cells.len()).filter(|&r| slot[r].is_some()).collect();
    let mut x = geo.x(k);
    for b in 1..t.columns.len() {
        x += Pt(laid.widths[b - 1]);
        let mut run: Option<(Pt, Pt)> = None;
        for &r in &shown {
            let top = geo.y(slot[r].unwrap_or(0));
            let bottom = top + Pt(geo.pitch * laid.row_lines[r] as f64);
            // Covered from the left: the cell here belongs to a span across the rule.
            let crossed = t.cells[r][b].covered && is_joined_left(t, r, b);
            match (&mut run, crossed) {
                (Some((_, end)), false) => *end = bottom,
                (None, false) => run = Some((top, bottom)),
                (Some(_), true) => {
                    if let Some((a, e)) = run.take() {
                        vline(items, x, a, e, width);
                    }
                }
                (None, true) => {}
            }
        }
        if let Some((a, e)) = run {
            vline(items, x, a, e, width);
        }
    }
}

/// True when cell (r, c) is covered by a cell to its left in the same span.
fn is_joined_left(t: &Table, r: usize, c: usize) -> bool {
    (0..=r).rev().any(|r0| {
        (0..c).any(|c0| {
            let o = &t.cells[r0][c0];
            !o.covered && r0 + o.rowspan > r && c0 + o.colspan > c
        })
    })
}

fn vline(items: &mut Vec<Item>, x: Pt, y0: Pt, y1: Pt, width: Pt) {
    items.push(Item::Line(LineItem {
        from: (x, y0),
        to: (x, y1),
        stroke: Stroke {
            color: Color::BLACK,
            width,
        },
        dash: None,
    }));
}

/// The source line(s) under part `k`, which is `rows` rows of pitch tall.
pub(super) fn source(
    lines: &[Line],
    geo: &Geometry,
    k: usize,
    rows: usize,
    size: Pt,
    out: &mut Out,
) {
    for (j, l) in lines.iter().enumerate() {
        let b = geo.baseline((rows + j) as f64, size);
        emit_line(&mut out.items, l, geo.x(k), b, Color::BLACK);
    }
}
