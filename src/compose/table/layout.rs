//! A table's cells set at one type size and width: each cell's style and setter, the
//! columns' widths from what the cells ask for, then every cell broken into lines in its
//! column and aligned (left, centre, right, or on a character), and the rows' heights
//! in rows of the table's pitch.

use super::cells::{self, CellStyle, FigureWidths, Measure, Setter};
use super::widths::{self, Want};
use crate::display::Color;
use crate::fonts::FontBook;
use crate::linebreak::{Line, Options};
use crate::resolve::{CellAlign, ColumnWidth, Padding, Table};
use crate::units::Pt;

/// A cell ready to set.
pub(super) struct Prepared {
    pub row: usize,
    pub column: usize,
    pub colspan: usize,
    pub rowspan: usize,
    pub header: bool,
    pub align: CellAlign,
    pub color: Color,
    /// How the text is set (taken when the cell is broken into its lines).
    pub setter: Option<Setter>,
    pub measure: Measure,
    /// Where a one-line cell aligned on a character aligns, and its width.
    pub anchor: Option<(f64, f64)>,
}

/// The cells laid out at one size.
pub(super) struct Laid {
    pub size: Pt,
    pub padding: f64,
    /// Column widths (padding included).
    pub widths: Vec<f64>,
    /// The columns did not fit even at this size: squeezed, text may run over.
    pub squeezed: bool,
    /// Every cell that is set, row by row, with its lines placed from its text box's left.
    pub cells: Vec<(Prepared, Vec<Line>)>,
    /// Each row's height in rows of pitch.
    pub row_lines: Vec<usize>,
}

/// Prepares the cells of the header rows and of the first `rows` body rows at `size`.
pub(super) fn prepare(
    fonts: &FontBook,
    t: &Table,
    size: Pt,
    rows: usize,
    opts: &Options,
) -> Vec<Prepared> {
    let mut out = Vec::new();
    let mut figs = FigureWidths::default();
    for (r, row) in t.cells.iter().enumerate().take(t.header_rows + rows) {
        let header = r < t.header_rows;
        let row_style = (!header).then(|| &t.row_styles[r - t.header_rows]);
        for (c, cell) in row.iter().enumerate() {
            if cell.covered {
                continue;
            }
            let col = &t.columns[c];
            let font = if header {
                t.style.header_font
            } else {
                row_style
                    .and_then(|s| s.font)
                    .or(col.font)
                    .unwrap_or(t.style.font)
            };
            let align = if header { col.header_align } else { col.align };
            let text = if t.style.minus {
                cells::real_minus(&cell.text)
            } else {
                std::borrow::Cow::Borrowed(cell.text.as_str())
            };
            let style = CellStyle {
                font,
                size,
                tabular: t.style.tabular,
            };
            let setter = Setter::new(fonts, &text, style, opts, &mut figs);
            let measure = setter.measure();
            let anchor = match align {
                CellAlign::On(ch) if cell.colspan == 1 => setter.anchor(ch),
                _ => None,
            };
            let color = cell_color(t, r, c, header);
            out.push(Prepared {
                row: r,
                column: c,
                colspan: cell.colspan,
                rowspan: cell.rowspan,
                header,
                align,
                color,
                setter: Some(setter),
                measure,
                anchor,
            });
        }
    }
    out
}

/// A cell's text colour: the row's, else rise red or fall green by the sign of the
/// column `rise_fall` names, else the column's, else black.
fn cell_color(t: &Table, r: usize, c: usize, header: bool) -> Color {
    if header {
        return Color::BLACK;
    }
    let row = &t.row_styles[r - t.header_rows];
    let col = &t.columns[c];
    let by_sign = col
        .rise_fall
        .and_then(|k| match cells::sign(&t.cells[r][k].text) {
            Some(1) => Some(t.style.rise),
            Some(-1) => Some(t.style.fall),
            _ => None,
        });
    row.color.or(by_sign).or(col.color).unwrap_or(Color::BLACK)
}

/// What each column asks for at `size` (padding included); the widths of the columns
/// given in `em` and shares are worked out against `total`.
pub(super) fn wants(t: &Table, cells: &[Prepared], size: Pt, total: f64) -> Vec<Want> {
    let pad = padding(t, size);
    let mut w: Vec<Want> = t
        .columns
        .iter()
        .map(|c| Want {
            fixed: match c.width {
                ColumnWidth::Auto => None,
                ColumnWidth::Fixed(p) => Some(p.0),
                ColumnWidth::Em(e) => Some(e * size.0),
                ColumnWidth::Share(s) => Some(s * total),
            },
            min: 2.0 * pad,
            max: 2.0 * pad,
        })
        .collect();
    // Cells aligned on a character: the widest part before the point and after it.
    let mut aligned = vec![(0.0_f64, 0.0_f64); w.len()];
    for p in cells.iter().filter(|p| p.colspan == 1) {
        let (min, max) = match p.anchor {
            Some((a, width)) => {
                let s = &mut aligned[p.column];
                s.0 = s.0.max(a);
                s.1 = s.1.max(width - a);
                (0.0, 0.0)
            }
            None if matches!(p.align, CellAlign::On(_)) => (p.measure.max, p.measure.max),
            None => (p.measure.min, p.measure.max),
        };
        let c = &mut w[p.column];
        c.min = c.min.max(min + 2.0 * pad);
        c.max = c.max.max(max + 2.0 * pad);
    }
    for (c, (before, after)) in w.iter_mut().zip(aligned) {
        c.min = c.min.max(before + after + 2.0 * pad);
        c.max = c.max.max(c.min);
    }
    // A spanning cell's extra need is shared by the columns it spans.
    for p in cells.iter().filter(|p| p.colspan > 1) {
        let span = p.column..p.column + p.colspan;
        let inner = 2.0 * pad;
        for (get, need) in [(0, p.measure.min + inner), (1, p.measure.max + inner)] {
            let have: f64 = w[span.clone()]
                .iter()
                .map(|c| if get == 0 { c.min } else { c.max })
                .sum();
            if need > have {
                let each = (need - have) / p.colspan as f64;
                for c in &mut w[span.clone()] {
                    if get == 0 {
                        c.min += each;
                    } else {
                        c.max += each;
                    }
                }
            }
        }
    }
    for c in &mut w {
        c.max = c.max.max(c.min);
    }
    w
}

/// The space at each side of a cell's text at `size`.
pub(super) fn padding(t: &Table, size: Pt) -> f64 {
    match t.style.padding {
        Padding::Em(e) => e * size.0,
        Padding::Fixed(p) => p.0,
    }
}

/// Breaks every cell at its column's width and aligns it; works out the rows' heights.
pub(super) fn set(
    t: &Table,
    cells: Vec<Prepared>,
    size: Pt,
    widths: Vec<f64>,
    squeezed: bool,
) -> Laid {
    let pad = padding(t, size);
    let axes = axes(t, &cells, &widths, pad);
    let mut out = Vec::with_capacity(cells.len());
    for mut p in cells {
        let inner =
            (widths[p.column..p.column + p.colspan].iter().sum::<f64>() - 2.0 * pad).max(0.0);
        let one_line = matches!(p.align, CellAlign::On(_));
        let mut lines = p
            .setter
            .take()
            .map_or_else(Vec::new, |s| s.into_lines(inner, one_line));
        for l in &mut lines {
            let dx = match (p.align, p.anchor) {
                (CellAlign::On(_), Some((a, _))) => axes[p.column] - a,
                (CellAlign::On(_) | CellAlign::Center, _) => (inner - l.width.0) / 2.0,
                (CellAlign::Left, _) => 0.0,
                (CellAlign::Right, _) => inner - l.width.0,
            };
            cells::shift(l, dx);
            l.measure = Pt(inner);
        }
        out.push((p, lines));
    }
    let row_lines = row_heights(t, &out);
    Laid {
        size,
        padding: pad,
        widths,
        squeezed,
        cells: out,
        row_lines,
    }
}

/// For each column aligned on a character, where the character stands in the text box:
/// the aligned block (widest part before, widest after) centred in the column.
fn axes(t: &Table, cells: &[Prepared], widths: &[f64], pad: f64) -> Vec<f64> {
    let mut parts = vec![(0.0_f64, 0.0_f64); t.columns.len()];
    for p in cells {
        if let Some((a, w)) = p.anchor {
            let s = &mut parts[p.column];
            s.0 = s.0.max(a);
            s.1 = s.1.max(w - a);
        }
    }
    parts
        .iter()
        .zip(widths)
        .map(|((before, after), w)| ((w - 2.0 * pad) - (before + after)) / 2.0 + before)
        .collect()
}

/// Rows of pitch each row takes: its tallest cell; a cell spanning rows that needs
/// more than its rows have lengthens its last row.
fn row_heights(t: &Table, cells: &[(Prepared, Vec<Line>)]) -> Vec<usize> {
    let mut rows = vec![1_usize; t.cells.len()];
    for (p, lines) in cells.iter().filter(|(p, _)| p.rowspan == 1) {
        rows[p.row] = rows[p.row].max(lines.len());
    }
    for (p, lines) in cells.iter().filter(|(p, _)| p.rowspan > 1) {
        let span = p.row..(p.row + p.rowspan).min(rows.len());
        let have: usize = rows[span.clone()].iter().sum();
        if lines.len() > have {
            rows[span.end - 1] += lines.len() - have;
        }
    }
    rows
}

/// Lays the cells out at the table's size when they fit `total`; else, in the order a
/// desk would try: every entry on one line in smaller type (never below `min_size`),
/// entries broken into lines at the table's size, both; and when nothing fits, the
/// columns squeezed at the smallest size (the caller warns).
///
/// Only the first `rows` body rows are set: no more can be shown (each takes at least a
/// row of pitch), and the columns are sized for what is printed. A 10,000-row table
/// costs what the rows its place can hold cost.
pub(super) fn lay_out(
    fonts: &FontBook,
    t: &Table,
    total: f64,
    rows: usize,
    opts: &Options,
) -> Laid {
    let size = t.style.size;
    let mut cells = prepare(fonts, t, size, rows, opts);
    // Every cell at its widest first: most tables fit so, and need no narrower setting.
    let widest = wants(t, &cells, size, total);
    if let Ok(w) = widths::distribute(&widest, total) {
        return set(t, cells, size, w, false);
    }
    if let Some(s) = largest_fitting(t, &widest, size, total) {
        let cells = prepare(fonts, t, s, rows, opts);
        if let Ok(w) = widths::distribute(&wants(t, &cells, s, total), total) {
            return set(t, cells, s, w, false);
        }
    }
    narrow(&mut cells);
    let narrowest = wants(t, &cells, size, total);
    if let Ok(w) = widths::distribute(&narrowest, total) {
        return set(t, cells, size, w, false);
    }
    let s = largest_fitting(t, &narrowest, size, total).unwrap_or(t.style.min_size);
    let mut cells = prepare(fonts, t, s, rows, opts);
    narrow(&mut cells);
    let w = wants(t, &cells, s, total);
    match widths::distribute(&w, total) {
        Ok(widths) => set(t, cells, s, widths, false),
        Err(_) => {
            let widths = widths::squeeze(&w, total);
            set(t, cells, s, widths, true)
        }
    }
}

/// The largest size under `size` (down to the table's `min_size`, a tenth of a point at
/// a time) at which columns wanting `wants` at `size` fit: content and em widths scale
/// with the size, lengths do not.
fn largest_fitting(t: &Table, wants: &[Want], size: Pt, total: f64) -> Option<Pt> {
    let mut s = size.0 - SHRINK_STEP;
    while s >= t.style.min_size.0 - 1e-9 {
        let k = s / size.0;
        let scaled: Vec<Want> = wants
            .iter()
            .zip(&t.columns)
            .map(|(w, c)| scale(t, w, c.width, k, size))
            .collect();
        if widths::distribute(&scaled, total).is_ok() {
            return Some(Pt(s));
        }
        s -= SHRINK_STEP;
    }
    None
}

/// Works out every cell's narrowest setting (until now taken as its widest).
fn narrow(cells: &mut [Prepared]) {
    for p in cells {
        if let Some(s) = &p.setter {
            p.measure.min = s.narrowest();
        }
    }
}

/// Type is shrunk a tenth of a point at a time.
const SHRINK_STEP: f64 = 0.1;

/// A column's want at `k` times the size: content and em widths scale, lengths do not.
fn scale(t: &Table, w: &Want, width: ColumnWidth, k: f64, size: Pt) -> Want {
    let pad = padding(t, size);
    let pad_k = match t.style.padding {
        Padding::Em(_) => pad * k,
        Padding::Fixed(_) => pad,
    };
    let content = |v: f64| (v - 2.0 * pad) * k + 2.0 * pad_k;
    Want {
        fixed: match width {
            ColumnWidth::Em(_) => w.fixed.map(|f| f * k),
            _ => w.fixed,
        },
        min: content(w.min),
        max: content(w.max),
    }
}
