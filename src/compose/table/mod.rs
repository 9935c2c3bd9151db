//! Tables on the grid: the 表题 over the place, then the table in one or more parts
//! (each `part_span` columns wide, side by side), the header rows repeated at the top of
//! every part, the source line under the last.
//!
//! Rows are whole rows of the table's pitch (a grid line unless the spec sets a finer
//! one), and the block the table takes is rounded up to whole grid lines, so that the
//! page grid holds below it. The stages: [`layout`] sets the cells and sizes the columns
//! (shrinking the type within its limit when the table is too wide), [`parts`] splits
//! the rows between the parts, [`draw`] makes the display items.
//!
//! In: the model's tables. Out: display items, the grid lines each table takes (the
//! text of articles runs around them), a report per table and its warnings (an empty
//! table, a table too wide, rows that did not fit).

mod cells;
mod draw;
mod layout;
mod parts;
mod widths;

use super::heads::draw_head;
use super::text::line_options;
use super::{Ctx, Occupied, Out};
use crate::diag::{Code, Diagnostic};
use crate::display::{Item, Rect, RectItem};
use crate::fonts::Builtin;
use crate::resolve::{Place, Table};
use crate::units::Pt;
use serde::Serialize;

/// Overset marker colour (as for articles).
const OVERSET_RED: crate::display::Color =
    crate::display::Color::Process(crate::display::Cmyk::new(0.0, 1.0, 1.0, 0.0));

/// What composition found out about a table.
#[derive(Clone, Debug, Default, Serialize)]
pub struct TableReport {
    /// The table's `id`.
    pub id: String,
    /// The type size set (smaller than asked when the table was shrunk to fit).
    pub size: Pt,
    /// The type was made smaller than `size` to fit.
    pub shrunk: bool,
    /// The row pitch.
    pub pitch: Pt,
    /// Column widths, padding included.
    pub columns: Vec<Pt>,
    /// The grid lines the table takes from the top of its place.
    pub top_line: usize,
    /// Grid lines taken (title, rows and source, rounded up to whole lines).
    pub lines: usize,
    /// Parts that hold rows.
    pub parts: usize,
    /// Body rows, and how many were set.
    pub rows: usize,
    /// Body rows set on the page.
    pub rows_set: usize,
    /// The first body row (from 1) that did not fit.
    pub overset_row: Option<usize>,
    /// Every cell set, header cells once per part.
    pub cells: Vec<CellReport>,
}

/// One set cell: where its text box is and its lines' baselines.
#[derive(Clone, Debug, Serialize)]
pub struct CellReport {
    /// Row and column of the cell's data (from 0; header rows first).
    pub row: usize,
    /// Column of the cell (from 0).
    pub column: usize,
    /// The part it is drawn in (from 0).
    pub part: usize,
    /// A header cell (drawn again in every part).
    pub header: bool,
    /// The text box: left edge and width.
    pub x: Pt,
    /// Width of the text box.
    pub width: Pt,
    /// The baselines of its lines, in page coordinates.
    pub baselines: Vec<Pt>,
    /// The text as set (a hyphen-minus sign already a real minus).
    pub text: String,
}

/// Lays out every table; returns the grid lines they take and their reports.
pub fn draw_all(cx: &Ctx, out: &mut Out) -> (Vec<Occupied>, Vec<TableReport>) {
    let mut occupied = Vec::new();
    let mut reports = Vec::new();
    for t in &cx.model.tables {
        let report = draw_table(cx, t, out);
        let p = t.place;
        let lines = if t.height_given {
            p.height
        } else {
            // The block and one grid line of standoff, as a photo has.
            (report.lines + 1).min(cx.frame.grid.lines - p.top)
        };
        occupied.extend(Occupied::block("a table", p.column, p.span, p.top, lines));
        reports.push(report);
    }
    (occupied, reports)
}

/// The grid places tables take, for the overlap check.
pub fn places(model: &crate::resolve::Model, reports: &[TableReport]) -> Vec<(String, Place)> {
    model
        .tables
        .iter()
        .zip(reports)
        .map(|(t, r)| {
            let height = if t.height_given {
                t.place.height
            } else {
                r.lines.max(1)
            };
            (format!("table `{}`", t.id), Place { height, ..t.place })
        })
        .collect()
}

fn draw_table(cx: &Ctx, t: &Table, out: &mut Out) -> TableReport {
    let Ctx {
        model,
        fonts,
        frame,
    } = *cx;
    let g = &frame.grid;
    out.warnings.0.extend(t.warnings.iter().cloned());
    let p = t.place;
    let opts = line_options(&model.text);
    let mut line = p.top;
    if let Some(title) = &t.title {
        line = draw_head(cx, title, p.column, p.span, line, &opts, out);
    }
    let body_rows = t.cells.len() - t.header_rows;
    let mut report = TableReport {
        id: t.id.clone(),
        size: t.style.size,
        pitch: t.style.pitch,
        top_line: p.top,
        rows: body_rows,
        ..Default::default()
    };
    if body_rows == 0 {
        out.warnings.push(
            Diagnostic::new(
                Code::TableEmpty,
                format!("table `{}` has no rows to print", t.id),
            )
            .at(t.loc.clone())
            .hint("check the data: only header rows (or nothing) were found")
            .on_page(frame.rect(p.column, p.span, p.top, 1.max(line - p.top))),
        );
    }
    let parts_n = p.span / t.part_span;
    let width = g.span_width(t.part_span).0;
    let bottom = if t.height_given {
        p.top + p.height
    } else {
        g.lines
    };
    let room = g.line_pitch * bottom.saturating_sub(line) as f64;
    let capacity = ((room.0 + 1e-6) / t.style.pitch.0).floor() as usize;
    let laid = layout::lay_out(fonts, t, width, capacity * parts_n, &opts);
    report.size = laid.size;
    report.shrunk = laid.size.0 < t.style.size.0;
    report.columns = laid.widths.iter().map(|w| Pt(*w)).collect();
    warn_width(cx, t, &laid, line, out);
    let source = t.source.as_ref().map(|s| {
        super::text::set_lines(
            fonts,
            s,
            Builtin::Kai.id(),
            laid.size,
            Pt(width),
            crate::linebreak::Align::Justify,
            &opts,
        )
    });
    let tail = source.as_ref().map_or(0, Vec::len);
    let (groups, group_rows) = row_groups(t, &laid.row_lines);
    let header: usize = laid.row_lines[..t.header_rows].iter().sum();
    let split = parts::split(
        parts::Frame {
            header,
            rows: &groups,
            tail,
            capacity,
            parts: parts_n,
        },
        t.balance,
    );
    let top = frame.y(line);
    let geometry = draw::Geometry {
        top,
        x0: frame.x(p.column),
        part_step: (g.column_width + g.gutter).0 * t.part_span as f64,
        width,
        pitch: t.style.pitch.0,
    };
    let mut used_rows = if split.parts.is_empty() { header } else { 0 };
    for (k, range) in split.parts.iter().enumerate() {
        let rows = group_rows[range.start]..group_rows[range.end];
        let last = k + 1 == split.parts.len() && split.overset.is_none();
        let h = draw::part(t, &laid, &geometry, k, rows, out, &mut report);
        used_rows = used_rows.max(h + if last { tail } else { 0 });
        if last {
            if let Some(lines) = &source {
                draw::source(lines, &geometry, k, h, laid.size, out);
            }
        }
    }
    if split.parts.is_empty() {
        // No row to show (none, or the first does not fit): the header shows where the
        // table stands.
        draw::part(
            t,
            &laid,
            &geometry,
            0,
            t.header_rows..t.header_rows,
            out,
            &mut report,
        );
    }
    report.parts = split.parts.len();
    report.rows_set = split
        .parts
        .last()
        .map_or(t.header_rows, |r| group_rows[r.end])
        - t.header_rows;
    let used = Pt(used_rows as f64 * t.style.pitch.0);
    report.lines = (line - p.top) + ((used.0 / g.line_pitch.0) - 1e-6).ceil().max(0.0) as usize;
    if let Some(first) = split.overset {
        overset(cx, t, group_rows[first] - t.header_rows, &report, out);
        report.overset_row = Some(group_rows[first] - t.header_rows + 1);
    }
    report
}

/// Body rows joined by a cell spanning them go to a part together: the heights of such
/// groups, and the row where each group starts (plus the end).
fn row_groups(t: &Table, row_lines: &[usize]) -> (Vec<usize>, Vec<usize>) {
    let n = t.cells.len();
    let mut glued = vec![false; n];
    for (r, row) in t.cells.iter().enumerate().skip(t.header_rows) {
        for cell in row.iter().filter(|c| !c.covered && c.rowspan > 1) {
            for g in glued.iter_mut().take((r + cell.rowspan - 1).min(n)).skip(r) {
                *g = true;
            }
        }
    }
    let mut heights = Vec::new();
    let mut starts = Vec::new();
    let mut r = t.header_rows;
    while r < n {
        starts.push(r);
        let mut h = row_lines[r];
        while glued[r] && r + 1 < n {
            r += 1;
            h += row_lines[r];
        }
        heights.push(h);
        r += 1;
    }
    starts.push(n);
    (heights, starts)
}

/// Too wide: shrunk within the limit is fine; squeezed past it is a warning.
fn warn_width(cx: &Ctx, t: &Table, laid: &layout::Laid, line: usize, out: &mut Out) {
    if !laid.squeezed {
        return;
    }
    let p = t.place;
    let limit = if t.style.min_size.0 < t.style.size.0 {
        format!("even at its smallest allowed size ({})", t.style.min_size)
    } else {
        format!("at {} (no smaller size allowed)", t.style.size)
    };
    out.warnings.push(
        Diagnostic::new(
            Code::TableTooWide,
            format!(
                "table `{}` is too wide for {} {limit}: its text runs over the cells",
                t.id,
                if t.part_span == 1 {
                    "one column".to_string()
                } else {
                    format!("{} columns", t.part_span)
                }
            ),
        )
        .at(t.loc.clone())
        .hint("give the table more columns (`part_span`, `place.span`), allow a smaller type with `min_size`, or shorten the widest entries")
        .on_page(cx.frame.rect(p.column, t.part_span, line, 1)),
    );
}

/// Rows that did not fit: a warning naming the first, and a red bar under the last part.
fn overset(cx: &Ctx, t: &Table, first: usize, report: &TableReport, out: &mut Out) {
    let rows = t.cells.len() - t.header_rows;
    let r = t.header_rows + first;
    let label = t.cells[r]
        .iter()
        .map(|c| c.text.as_str())
        .find(|s| !s.is_empty() && !cells::is_figures(s))
        .or_else(|| {
            t.cells[r]
                .iter()
                .map(|c| c.text.as_str())
                .find(|s| !s.is_empty())
        })
        .unwrap_or("");
    let which = if label.is_empty() {
        String::new()
    } else {
        format!(" (“{label}”)")
    };
    let area = cx.frame.rect(
        t.place.column,
        t.place.span,
        t.place.top,
        report.lines.max(1),
    );
    if let Some(last) = report.cells.last() {
        let size = report.size * 0.8;
        out.items.push(Item::Rect(RectItem {
            rect: Rect::new(
                area.right() - size,
                last.baselines.last().copied().unwrap_or(area.y) + report.size * 0.4,
                size,
                size * 0.5,
            ),
            fill: Some(OVERSET_RED),
            stroke: None,
        }));
    }
    out.warnings.push(
        Diagnostic::new(
            Code::TableOverset,
            format!(
                "table `{}` is overset: rows {} to {rows} do not fit, from row {}{which}",
                t.id,
                first + 1,
                first + 1
            ),
        )
        .at(t.row_locs.get(r).cloned().flatten().or_else(|| t.loc.clone()))
        .context(format!("table `{}`, body row {}", t.id, first + 1))
        .hint("give the table more lines or columns (more parts with `part_span`), a finer `pitch`, or fewer rows")
        .on_page(area),
    );
}
