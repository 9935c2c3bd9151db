//! Tables: the cells (from [`super::table_data`]) with their spans, the header rows,
//! the styles table-wide, per column and per row, every size, colour and face resolved
//! and every column or row a style names checked against the data.
//!
//! In: a `[[table]]` spec. Out: a [`Table`] that composition can trust.

use super::table_data::RawRows;
use super::*;
use crate::spec::table::{ColumnSpec, RowSpec, RulesChoice, RulesSpec, TableSpec};

/// What a cell holding only this joins: the cell to its left (a column span).
pub const JOIN_LEFT: &str = "<";
/// What a cell holding only this joins: the cell above (a row span).
pub const JOIN_UP: &str = "^";

/// Marks that may stand in a cell of figures besides the digits: signs, separators,
/// the colon of a score (∶ U+2236), percent and per-mille, degrees, a range's tilde.
const FIGURE_MARKS: &str =
    ".,+-\u{2212}\u{2236}:/%\u{2030}()\u{2103}\u{b0}~\u{ff5e}\u{d7} \u{2007}";

/// Whether a cell's text is a figure (a number, a score, a change with its sign):
/// digits with only the marks numbers carry. Figures are set on one line, never
/// broken, with equal-width digits.
pub fn is_figures(text: &str) -> bool {
    text.chars().any(|c| c.is_ascii_digit())
        && text
            .chars()
            .all(|c| c.is_ascii_digit() || FIGURE_MARKS.contains(c))
}

/// Default rule weights: the three-line table (三线表) of Chinese print.
const THICK_RULE: Pt = Pt(1.0);
const HEADER_RULE: Pt = Pt(0.5);
const HAIRLINE: Pt = Pt(0.25);
/// Default space at each side of a cell's text, in em of the table's size.
const DEFAULT_PADDING_EM: f64 = 0.3;
/// Row pitches allowed, in grid lines: tighter than half a line is unreadable, and a
/// row of more than four lines is not a row.
const PITCH_RANGE: std::ops::RangeInclusive<f64> = 0.5..=4.0;

/// A table, resolved.
#[derive(Clone, Debug)]
pub struct Table {
    /// Name in messages and the report.
    pub id: String,
    /// Its place; `height` is the most it may take (see [`Table::height_given`]).
    pub place: Place,
    /// The spec gave a height: the table keeps to it. Without one the table takes the
    /// grid lines it needs, and what follows it on the page starts below.
    pub height_given: bool,
    /// Columns each part of the table takes (the place's span: one part).
    pub part_span: usize,
    /// Parts end on the same line when the rows allow.
    pub balance: bool,
    /// The 表题, set over the whole place.
    pub title: Option<Head>,
    /// The source or notes line, under the last part.
    pub source: Option<String>,
    /// How many of the first rows are header rows (repeated at the top of every part).
    pub header_rows: usize,
    /// Rows of cells, header rows first; every row has one cell per column.
    pub cells: Vec<Vec<Cell>>,
    /// Where each row was written (the data file's line or the spec's row).
    pub row_locs: Vec<Option<SourceLoc>>,
    /// One per column.
    pub columns: Vec<Column>,
    /// One per body row (rows after the header rows).
    pub row_styles: Vec<RowStyle>,
    /// Table-wide style.
    pub style: TableStyle,
    /// Where the table is given in the spec.
    pub loc: Option<SourceLoc>,
    /// Warnings found while resolving (a row style that matches no row), given out with
    /// the page's layout warnings.
    pub warnings: Vec<Diagnostic>,
}

/// One cell of the grid of cells.
#[derive(Clone, Debug, PartialEq)]
pub struct Cell {
    /// The cell's text, trimmed (empty for a covered cell).
    pub text: String,
    /// Columns and rows the cell covers (1 and 1 for most).
    pub colspan: usize,
    /// Rows the cell covers, its own and those below it whose cells hold `^` (1 for
    /// most; a covered cell keeps 1). The owner is the top-left cell of the span.
    pub rowspan: usize,
    /// Part of another cell's span: nothing is set here.
    pub covered: bool,
}

/// How a cell's text sits in its column.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CellAlign {
    /// Flush left (ragged right).
    Left,
    /// Centred.
    Center,
    /// Flush right.
    Right,
    /// On a character: the decimal point, or the colon of a score (120∶108).
    On(char),
}

/// A column's width as given.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum ColumnWidth {
    /// From the content.
    Auto,
    /// A length.
    Fixed(Pt),
    /// Em of the table's type size (shrinks with it).
    Em(f64),
    /// A share of the table's width (0..1).
    Share(f64),
}

/// The style of one column.
#[derive(Clone, Debug)]
pub struct Column {
    /// Alignment of the body cells.
    pub align: CellAlign,
    /// Alignment of the header cells.
    pub header_align: CellAlign,
    /// The width as given (or `Auto`).
    pub width: ColumnWidth,
    /// Face of the body cells (the table's unless given).
    pub font: Option<FontId>,
    /// Text colour of the body cells (black unless given).
    pub color: Option<Color>,
    /// Colour the body cells by the sign of this column's value (rise red, fall green).
    pub rise_fall: Option<usize>,
}

/// The style of one body row.
#[derive(Clone, Debug, Default)]
pub struct RowStyle {
    /// A tint behind the row.
    pub fill: Option<Color>,
    /// Face of the row's cells.
    pub font: Option<FontId>,
    /// Text colour of the row's cells.
    pub color: Option<Color>,
    /// A rule under the row.
    pub rule_below: Option<Pt>,
}

/// Rule weights; `None` draws no rule.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Rules {
    /// Above the table (each part).
    pub top: Option<Pt>,
    /// Under the header rows.
    pub header: Option<Pt>,
    /// Between body rows.
    pub rows: Option<Pt>,
    /// Between columns.
    pub columns: Option<Pt>,
    /// Under the table (each part).
    pub bottom: Option<Pt>,
}

impl Rules {
    /// A named set of rules.
    pub fn preset(name: &str) -> Option<Rules> {
        let three = Rules {
            top: Some(THICK_RULE),
            header: Some(HEADER_RULE),
            rows: None,
            columns: None,
            bottom: Some(THICK_RULE),
        };
        Some(match name {
            "three-line" => three,
            "ruled" => Rules {
                rows: Some(HAIRLINE),
                ..three
            },
            "grid" => Rules {
                rows: Some(HAIRLINE),
                columns: Some(HAIRLINE),
                ..three
            },
            "none" => Rules {
                top: None,
                header: None,
                rows: None,
                columns: None,
                bottom: None,
            },
            _ => return None,
        })
    }
}

/// Vertical alignment of a cell shorter than its row.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum VAlign {
    /// On the row's first line.
    Top,
    /// Centred in the row.
    Middle,
    /// On the row's last line.
    Bottom,
}

/// Horizontal space at each side of a cell's text.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Padding {
    /// Em of the type size in use (shrinks with it).
    Em(f64),
    /// A length.
    Fixed(Pt),
}

/// The table-wide style.
#[derive(Clone, Debug)]
pub struct TableStyle {
    /// Face of the body cells.
    pub font: FontId,
    /// Face of the header rows.
    pub header_font: FontId,
    /// Type size of the cells.
    pub size: Pt,
    /// The smallest size the type may shrink to when the table is too wide.
    pub min_size: Pt,
    /// Row pitch.
    pub pitch: Pt,
    /// Space at each side of a cell's text.
    pub padding: Padding,
    /// Where a cell shorter than its row stands.
    pub valign: VAlign,
    /// Figures of equal width.
    pub tabular: bool,
    /// A hyphen-minus before a figure becomes −.
    pub minus: bool,
    /// Colour of rises in `rise_fall` columns.
    pub rise: Color,
    /// Colour of falls in `rise_fall` columns.
    pub fall: Color,
    /// The rules drawn.
    pub rules: Rules,
    /// A tint on every other body row.
    pub zebra: Option<Color>,
    /// A tint behind the header rows.
    pub header_fill: Option<Color>,
}

/// Chinese market convention: rises red, falls green.
const RISE_RED: Color = Color::Process(Cmyk::new(0.0, 1.0, 1.0, 0.0));
const FALL_GREEN: Color = Color::Process(Cmyk::new(0.9, 0.0, 1.0, 0.2));

impl Cx<'_> {
    pub(super) fn tables(&mut self, grid: &Grid, page_text: &TextSettings) -> Vec<Table> {
        let mut out = Vec::new();
        for (i, t) in self.file.spec.tables.iter().enumerate() {
            let id =
                t.id.as_ref()
                    .map_or_else(|| format!("table {}", i + 1), |s| s.get_ref().clone());
            if let Some(table) = self.table(t, &id, grid, page_text) {
                out.push(table);
            }
        }
        out
    }

    fn table(
        &mut self,
        t: &TableSpec,
        id: &str,
        grid: &Grid,
        page_text: &TextSettings,
    ) -> Option<Table> {
        let what = format!("table `{id}`");
        let place = self.place(&t.place, grid, &what);
        let style = self.table_style(t, grid, page_text);
        let part_span = self.part_span(t, place.as_ref());
        let title = t
            .title
            .as_ref()
            .and_then(|h| self.head(h, None, HeadRole::TableTitle));
        let raw = self.table_rows(t, &what);
        let header_rows = match &t.header_rows {
            None => 1,
            Some(h) if (0..=8).contains(h.get_ref()) => *h.get_ref() as usize,
            Some(h) => self.error(
                h.span(),
                format!("{what}: {} header rows", h.get_ref()),
                "0 to 8 header rows",
            )?,
        };
        let raw = raw?;
        let cells = self.spans(&raw, &what, &t.data)?;
        let names = column_names(&cells, header_rows);
        let body = &cells[header_rows.min(cells.len())..];
        let columns = self.columns(t, &names, body, &what);
        let (row_styles, warnings) = self.row_styles(t, body, &what);
        let loc =
            t.id.as_ref()
                .and_then(|s| self.loc(s.span()))
                .or_else(|| self.loc(t.place.column.span()));
        Some(Table {
            id: id.to_string(),
            place: place?,
            height_given: t.place.height.is_some(),
            part_span: part_span?,
            balance: t.balance.unwrap_or(true),
            title,
            source: t.source.as_ref().map(|s| s.get_ref().trim().to_string()),
            header_rows: header_rows.min(cells.len()),
            cells,
            row_locs: raw.locs,
            columns: columns?,
            row_styles: row_styles?,
            style: style?,
            loc,
            warnings,
        })
    }

    fn part_span(&mut self, t: &TableSpec, place: Option<&Place>) -> Option<usize> {
        let span = place.map_or(1, |p| p.span);
        let Some(p) = &t.part_span else {
            return Some(span);
        };
        let n = *p.get_ref();
        if n >= 1 && (n as usize) <= span && span.is_multiple_of(n as usize) {
            Some(n as usize)
        } else {
            self.error(
                p.span(),
                format!("a part span of {n} in a place {span} columns wide"),
                "the place's span must be a whole number of parts: e.g. part_span = 1 or 2 in a span of 4",
            )
        }
    }

    fn table_style(
        &mut self,
        t: &TableSpec,
        grid: &Grid,
        page_text: &TextSettings,
    ) -> Option<TableStyle> {
        let font = match &t.font {
            Some(f) => self.font(f),
            None => Some(page_text.font),
        };
        let header_font = match &t.header_font {
            Some(f) => self.font(f),
            None => Some(Builtin::Hei.id()),
        };
        let size = self.type_size(t.size.as_ref(), grid.body_size);
        let min_size = size.and_then(|s| {
            let m = self.type_size(t.min_size.as_ref(), s)?;
            if m.0 > s.0 + 1e-9 {
                let span = t.min_size.as_ref().map_or(0..0, |m| m.span());
                return self.error(
                    span,
                    format!("a min_size of {m} over the size {s}"),
                    "min_size is the smallest the type may shrink to: at most `size`",
                );
            }
            Some(m)
        });
        let pitch = size.and_then(|s| self.pitch(t.pitch.as_ref(), grid, s));
        let padding = self.padding(t.padding.as_ref());
        let valign = match t.valign.as_ref().map(|v| (v, v.get_ref().as_str())) {
            None | Some((_, "top")) => Some(VAlign::Top),
            Some((_, "middle" | "center" | "centre")) => Some(VAlign::Middle),
            Some((_, "bottom")) => Some(VAlign::Bottom),
            Some((v, other)) => self.error(
                v.span(),
                format!("unknown vertical alignment `{other}`"),
                "top, middle or bottom",
            ),
        };
        let tabular = match t.figures.as_ref().map(|v| (v, v.get_ref().as_str())) {
            None | Some((_, "tabular")) => Some(true),
            Some((_, "proportional")) => Some(false),
            Some((v, other)) => self.error(
                v.span(),
                format!("unknown figures `{other}`"),
                "tabular (equal widths, for columns of numbers) or proportional",
            ),
        };
        let rise = self.optional_color(t.rise.as_ref(), RISE_RED);
        let fall = self.optional_color(t.fall.as_ref(), FALL_GREEN);
        let rules = self.rules(t.rules.as_ref());
        let zebra = t.zebra.as_ref().map(|c| self.color(c));
        let header_fill = t.header_fill.as_ref().map(|c| self.color(c));
        Some(TableStyle {
            font: font?,
            header_font: header_font?,
            size: size?,
            min_size: min_size?,
            pitch: pitch?,
            padding: padding?,
            valign: valign?,
            tabular: tabular?,
            minus: t.minus.unwrap_or(true),
            rise: rise?,
            fall: fall?,
            rules: rules?,
            zebra: zebra.map_or(Some(None), |c| c.map(Some))?,
            header_fill: header_fill.map_or(Some(None), |c| c.map(Some))?,
        })
    }

    fn optional_color(&mut self, c: Option<&S<String>>, default: Color) -> Option<Color> {
        c.map_or(Some(default), |c| self.color(c))
    }

    /// A type size between 4 and 72 pt, or `default`.
    fn type_size(&mut self, v: Option<&S<String>>, default: Pt) -> Option<Pt> {
        let Some(v) = v else { return Some(default) };
        match parse_length(v.get_ref(), LengthKind::TypeSize) {
            Ok(p) if (4.0..=72.0).contains(&p.0) => Some(p),
            Ok(p) => self.error(
                v.span(),
                format!("a table type size of {p}"),
                "table sizes run from 4 pt to 72 pt (六号 is 7.5 pt, 小五 9 pt)",
            ),
            Err(e) => self.refuse(
                v.span(),
                e.diagnostic()
                    .hint("e.g. size = \"小五\" or size = \"8pt\""),
            ),
        }
    }

    /// The row pitch: grid lines (a number or a fraction "2/3") or a length; at least
    /// the type size, so that lines of a cell do not touch.
    fn pitch(&mut self, v: Option<&S<toml::Value>>, grid: &Grid, size: Pt) -> Option<Pt> {
        let Some(v) = v else {
            return Some(grid.line_pitch);
        };
        let lines = match v.get_ref() {
            toml::Value::Integer(n) => Some(*n as f64),
            toml::Value::Float(f) => Some(*f),
            toml::Value::String(s) => match s.split_once('/') {
                Some((a, b)) => match (a.trim().parse::<f64>(), b.trim().parse::<f64>()) {
                    (Ok(a), Ok(b)) if b > 0.0 => Some(a / b),
                    _ => None,
                },
                None => match parse_length(s, LengthKind::Distance) {
                    Ok(p) => Some(p.0 / grid.line_pitch.0),
                    Err(e) => {
                        let d = e
                            .diagnostic()
                            .hint("or a fraction of the grid pitch: pitch = \"2/3\"");
                        return self.refuse(v.span(), d);
                    }
                },
            },
            _ => None,
        };
        let Some(lines) = lines.filter(|l| l.is_finite()) else {
            return self.error(
                v.span(),
                "a table pitch must be grid lines (1, \"2/3\") or a length (\"9pt\")",
                "e.g. pitch = \"2/3\" for a 小五 table on a finer grid",
            );
        };
        if !PITCH_RANGE.contains(&lines) {
            return self.error(
                v.span(),
                format!("a table pitch of {lines:.2} grid lines"),
                "from half a grid line to 4 lines",
            );
        }
        let pitch = grid.line_pitch * lines;
        if pitch.0 < size.0 - 1e-9 {
            return self.error(v.span(), format!("a table pitch of {pitch} is less than its type size ({size}): the lines of a cell would overlap"), "use a larger pitch or a smaller `size`");
        }
        Some(pitch)
    }

    fn padding(&mut self, v: Option<&S<String>>) -> Option<Padding> {
        let Some(v) = v else {
            return Some(Padding::Em(DEFAULT_PADDING_EM));
        };
        if let Some(em) = v.get_ref().trim().strip_suffix("em") {
            if let Ok(e) = em.trim().parse::<f64>() {
                if (0.0..=3.0).contains(&e) {
                    return Some(Padding::Em(e));
                }
            }
        } else if let Ok(p) = parse_length(v.get_ref(), LengthKind::Distance) {
            if (0.0..=36.0).contains(&p.0) {
                return Some(Padding::Fixed(p));
            }
        }
        self.error(
            v.span(),
            format!("`{}` is not a cell padding", v.get_ref()),
            "0 to 3 em (\"0.3em\") or a length up to 36 pt (\"1mm\")",
        )
    }

    fn rules(&mut self, v: Option<&S<RulesChoice>>) -> Option<Rules> {
        let default = Rules::preset("three-line");
        let Some(v) = v else { return default };
        match v.get_ref() {
            RulesChoice::Preset(name) => Rules::preset(name)
                .or_else(|| self.error(v.span(), format!("unknown rules `{name}`"), PRESETS_HINT)),
            RulesChoice::Custom(c) => self.custom_rules(c),
        }
    }

    fn custom_rules(&mut self, c: &RulesSpec) -> Option<Rules> {
        let mut r = match &c.preset {
            None => Rules::preset("three-line")?,
            Some(p) => match Rules::preset(p.get_ref()) {
                Some(r) => r,
                None => {
                    return self.error(
                        p.span(),
                        format!("unknown rules `{}`", p.get_ref()),
                        PRESETS_HINT,
                    )
                }
            },
        };
        let mut ok = true;
        for (v, slot) in [
            (&c.top, &mut r.top),
            (&c.header, &mut r.header),
            (&c.rows, &mut r.rows),
            (&c.columns, &mut r.columns),
            (&c.bottom, &mut r.bottom),
        ] {
            if let Some(v) = v {
                match self.rule_weight(v) {
                    Some(w) => *slot = w,
                    None => ok = false,
                }
            }
        }
        ok.then_some(r)
    }

    /// A rule weight: a length up to 6 pt, or "none" (no rule).
    pub(super) fn rule_weight(&mut self, v: &S<String>) -> Option<Option<Pt>> {
        if matches!(v.get_ref().trim(), "none" | "0" | "") {
            return Some(None);
        }
        match parse_length(v.get_ref(), LengthKind::Distance) {
            Ok(p) if p.0 > 0.0 && p.0 <= 6.0 => Some(Some(p)),
            Ok(p) => self.error(
                v.span(),
                format!("a rule of {p}"),
                "rules run from a hairline (0.25pt) to 6 pt; \"none\" for no rule",
            ),
            Err(e) => self.refuse(v.span(), e.diagnostic().hint("e.g. \"0.5pt\", or \"none\"")),
        }
    }

    /// Cells with their spans: a cell holding only `<` joins its left neighbour, one
    /// holding only `^` the cell above.
    fn spans(
        &mut self,
        raw: &RawRows,
        what: &str,
        at: &S<crate::spec::table::TableData>,
    ) -> Option<Vec<Vec<Cell>>> {
        let mut cells: Vec<Vec<Cell>> = raw
            .rows
            .iter()
            .map(|r| {
                r.iter()
                    .map(|t| Cell {
                        text: t.clone(),
                        colspan: 1,
                        rowspan: 1,
                        covered: false,
                    })
                    .collect()
            })
            .collect();
        // The cell each cell belongs to.
        let mut owner: Vec<Vec<(usize, usize)>> = Vec::with_capacity(cells.len());
        for r in 0..cells.len() {
            let mut row = Vec::with_capacity(cells[r].len());
            for c in 0..cells[r].len() {
                let text = cells[r][c].text.as_str();
                let o = if text == JOIN_LEFT {
                    if c == 0 {
                        return self.span_error(
                            raw,
                            r,
                            what,
                            at,
                            "`<` (join the cell to the left) in the first column",
                        );
                    }
                    let o: (usize, usize) = row[c - 1];
                    if o.0 != r {
                        return self.span_error(
                            raw,
                            r,
                            what,
                            at,
                            "`<` next to a cell that spans rows",
                        );
                    }
                    o
                } else if text == JOIN_UP {
                    if r == 0 {
                        return self.span_error(
                            raw,
                            r,
                            what,
                            at,
                            "`^` (join the cell above) in the first row",
                        );
                    }
                    let o: (usize, usize) = owner[r - 1][c];
                    if o.1 != c && cells[o.0][o.1].colspan <= c - o.1 {
                        return self.span_error(
                            raw,
                            r,
                            what,
                            at,
                            "`^` under a cell it cannot join",
                        );
                    }
                    o
                } else {
                    (r, c)
                };
                if o != (r, c) {
                    let owner_cell = &mut cells[o.0][o.1];
                    owner_cell.colspan = owner_cell.colspan.max(c - o.1 + 1);
                    owner_cell.rowspan = owner_cell.rowspan.max(r - o.0 + 1);
                    cells[r][c].covered = true;
                    cells[r][c].text.clear();
                }
                row.push(o);
            }
            owner.push(row);
        }
        Some(cells)
    }

    fn span_error<T>(
        &mut self,
        raw: &RawRows,
        r: usize,
        what: &str,
        at: &S<crate::spec::table::TableData>,
        msg: &str,
    ) -> Option<T> {
        let loc = raw
            .locs
            .get(r)
            .cloned()
            .flatten()
            .or_else(|| self.loc(at.span()));
        self.errors.push(
            Diagnostic::new(Code::TableData, format!("{what}, row {}: {msg}", r + 1))
                .at(loc)
                .hint("a cell of only `<` joins the cell to its left, one of only `^` the cell above; a group header spans with `<`"),
        );
        None
    }

    fn columns(
        &mut self,
        t: &TableSpec,
        names: &[String],
        body: &[Vec<Cell>],
        what: &str,
    ) -> Option<Vec<Column>> {
        let mut cols: Vec<Column> = (0..names.len())
            .map(|c| Column {
                align: default_align(body, c),
                header_align: CellAlign::Center,
                width: ColumnWidth::Auto,
                font: None,
                color: None,
                rise_fall: None,
            })
            .collect();
        let Some(specs) = &t.columns else {
            return Some(cols);
        };
        let mut ok = true;
        for (key, spec) in specs {
            let Some(i) = self.column_index(key, names, what) else {
                ok = false;
                continue;
            };
            match self.column(spec, i, cols[i].align, names, what) {
                Some(c) => cols[i] = c,
                None => ok = false,
            }
        }
        ok.then_some(cols)
    }

    /// The column a style's key names: a header text, else a column number.
    fn column_index(&mut self, key: &S<String>, names: &[String], what: &str) -> Option<usize> {
        let k = key.get_ref().trim();
        if let Some(i) = names.iter().position(|n| n == k) {
            return Some(i);
        }
        if let Ok(n) = k.parse::<usize>() {
            if (1..=names.len()).contains(&n) {
                return Some(n - 1);
            }
        }
        let listed = names
            .iter()
            .enumerate()
            .map(|(i, n)| {
                if n.is_empty() {
                    format!("{}", i + 1)
                } else {
                    n.clone()
                }
            })
            .collect::<Vec<_>>()
            .join(", ");
        let near = names
            .iter()
            .filter(|n| !n.is_empty())
            .min_by_key(|n| crate::spec::edit_distance(k, n))
            .filter(|n| crate::spec::edit_distance(k, n) <= 1 + k.chars().count() / 3);
        let hint = match near {
            Some(n) => format!(
                "did you mean `{n}`? The columns are: {listed} (or a number from 1 to {})",
                names.len()
            ),
            None => format!(
                "the columns are: {listed} (or a number from 1 to {})",
                names.len()
            ),
        };
        self.error(key.span(), format!("{what} has no column `{k}`"), &hint)
    }

    fn column(
        &mut self,
        s: &ColumnSpec,
        index: usize,
        default: CellAlign,
        names: &[String],
        what: &str,
    ) -> Option<Column> {
        let align = s
            .align
            .as_ref()
            .map_or(Some(default), |a| self.cell_align(a));
        let header_align = s
            .header_align
            .as_ref()
            .map_or(Some(CellAlign::Center), |a| self.cell_align(a));
        let width = s
            .width
            .as_ref()
            .map_or(Some(ColumnWidth::Auto), |w| self.column_width(w));
        let font = s.font.as_ref().map(|f| self.font(f));
        let color = s.color.as_ref().map(|c| self.color(c));
        let rise_fall = s.rise_fall.as_ref().map(|v| match v.get_ref() {
            toml::Value::Boolean(false) => Some(None),
            toml::Value::Boolean(true) => Some(Some(index)),
            toml::Value::String(name) => {
                let key = S::new(v.span(), name.clone());
                self.column_index(&key, names, what).map(Some)
            }
            _ => self.error(
                v.span(),
                "rise_fall must be true, false or a column's name",
                "true colours a cell by its own sign; a column name by that column's sign",
            ),
        });
        Some(Column {
            align: align?,
            header_align: header_align?,
            width: width?,
            font: font.map_or(Some(None), |f| f.map(Some))?,
            color: color.map_or(Some(None), |c| c.map(Some))?,
            rise_fall: rise_fall.unwrap_or(Some(None))?,
        })
    }

    fn cell_align(&mut self, a: &S<String>) -> Option<CellAlign> {
        let s = a.get_ref().as_str();
        match s {
            "left" | "start" => Some(CellAlign::Left),
            "center" | "centre" => Some(CellAlign::Center),
            "right" | "end" => Some(CellAlign::Right),
            "decimal" => Some(CellAlign::On('.')),
            _ => {
                let mut chars = s.chars();
                match (chars.next(), chars.next()) {
                    (Some(c), None) if !c.is_whitespace() => Some(CellAlign::On(c)),
                    _ => self.error(a.span(), format!("unknown alignment `{s}`"), "left, center, right, decimal, or one character to align on: \".\" for decimals, \"∶\" for scores"),
                }
            }
        }
    }

    fn column_width(&mut self, w: &S<String>) -> Option<ColumnWidth> {
        let s = w.get_ref().trim();
        if s == "auto" {
            return Some(ColumnWidth::Auto);
        }
        if let Some(p) = s
            .strip_suffix('%')
            .and_then(|p| p.trim().parse::<f64>().ok())
        {
            if p > 0.0 && p <= 100.0 {
                return Some(ColumnWidth::Share(p / 100.0));
            }
        } else if let Some(e) = s
            .strip_suffix("em")
            .and_then(|e| e.trim().parse::<f64>().ok())
        {
            if e > 0.0 && e <= 100.0 {
                return Some(ColumnWidth::Em(e));
            }
        } else if let Ok(p) = parse_length(s, LengthKind::Distance) {
            if p.0 > 0.0 {
                return Some(ColumnWidth::Fixed(p));
            }
        }
        self.error(w.span(), format!("`{s}` is not a column width"), "auto, em of the table's size (\"4em\"), a length (\"12mm\") or a share of the table (\"25%\")")
    }

    /// Styles of the body rows, and a warning for a `match` that finds no row.
    fn row_styles(
        &mut self,
        t: &TableSpec,
        body: &[Vec<Cell>],
        what: &str,
    ) -> (Option<Vec<RowStyle>>, Vec<Diagnostic>) {
        let mut styles = vec![RowStyle::default(); body.len()];
        let mut warnings = Vec::new();
        let mut ok = true;
        for spec in &t.rows {
            let Some(style) = self.row_style(spec) else {
                ok = false;
                continue;
            };
            let Some(chosen) = self.chosen_rows(spec, body, what, &mut warnings) else {
                ok = false;
                continue;
            };
            for r in chosen {
                let s = &mut styles[r];
                s.fill = style.fill.or(s.fill);
                s.font = style.font.or(s.font);
                s.color = style.color.or(s.color);
                s.rule_below = style.rule_below.or(s.rule_below);
            }
        }
        (ok.then_some(styles), warnings)
    }

    fn row_style(&mut self, s: &RowSpec) -> Option<RowStyle> {
        let fill = s.fill.as_ref().map(|c| self.color(c));
        let font = s.font.as_ref().map(|f| self.font(f));
        let color = s.color.as_ref().map(|c| self.color(c));
        let rule = s.rule_below.as_ref().map(|r| self.rule_weight(r));
        Some(RowStyle {
            fill: fill.map_or(Some(None), |c| c.map(Some))?,
            font: font.map_or(Some(None), |f| f.map(Some))?,
            color: color.map_or(Some(None), |c| c.map(Some))?,
            rule_below: rule.map_or(Some(None), |r| r)?,
        })
    }

    fn chosen_rows(
        &mut self,
        s: &RowSpec,
        body: &[Vec<Cell>],
        what: &str,
        warnings: &mut Vec<Diagnostic>,
    ) -> Option<Vec<usize>> {
        match (&s.row, &s.matches) {
            (Some(r), None) => {
                let numbers: Vec<i64> = match r.get_ref() {
                    toml::Value::Integer(n) => vec![*n],
                    toml::Value::Array(a) => {
                        a.iter().map(|v| v.as_integer().unwrap_or(0)).collect()
                    }
                    _ => vec![0],
                };
                if numbers.iter().any(|&n| n < 1 || n as usize > body.len()) {
                    return self.error(r.span(), format!("{what} has body rows 1 to {}", body.len()), "give a body row number (counted from 1 after the header rows), or an array of them");
                }
                Some(numbers.iter().map(|&n| n as usize - 1).collect())
            }
            (None, Some(m)) => {
                let text = m.get_ref().trim();
                let rows: Vec<usize> = body
                    .iter()
                    .enumerate()
                    .filter(|(_, row)| row.iter().any(|c| c.text == text))
                    .map(|(i, _)| i)
                    .collect();
                if rows.is_empty() {
                    warnings.push(
                        Diagnostic::new(
                            Code::TableNoMatch,
                            format!("{what}: no row has a cell `{text}`"),
                        )
                        .at(self.loc(m.span()))
                        .hint("the style is not used: check the spelling against the data"),
                    );
                }
                Some(rows)
            }
            (Some(r), Some(_)) => self.error(
                r.span(),
                format!("{what}: a row style with both `row` and `match`"),
                "choose the rows by number or by a cell's text, not both",
            ),
            (None, None) => {
                let span = s
                    .fill
                    .as_ref()
                    .or(s.font.as_ref())
                    .or(s.color.as_ref())
                    .or(s.rule_below.as_ref())
                    .map_or(0..0, |v| v.span());
                self.error(
                    span,
                    format!("{what}: a row style without `row` or `match`"),
                    "say which rows: row = 3, row = [1, 2], or match = \"山东泰山\"",
                )
            }
        }
    }
}

/// A column of figures (every body cell that is not empty) is aligned on the decimal
/// point: whole numbers stand flush right, in a block centred under the header. Any
/// other column is set flush left.
fn default_align(body: &[Vec<Cell>], c: usize) -> CellAlign {
    let mut texts = body
        .iter()
        .map(|row| &row[c])
        .filter(|cell| !cell.covered && !cell.text.is_empty())
        .peekable();
    if texts.peek().is_some() && texts.all(|cell| is_figures(&cell.text)) {
        CellAlign::On('.')
    } else {
        CellAlign::Left
    }
}

const PRESETS_HINT: &str = "three-line (top, header and bottom rules), ruled (and hairlines between rows), grid (and between columns) or none";

/// The name of each column: its text in the last header row (a joined cell takes the
/// text of the cell it joins), or empty when there are no header rows.
fn column_names(cells: &[Vec<Cell>], header_rows: usize) -> Vec<String> {
    let width = cells.first().map_or(0, Vec::len);
    if header_rows == 0 || cells.is_empty() {
        return vec![String::new(); width];
    }
    let last = header_rows.min(cells.len()) - 1;
    (0..width)
        .map(|c| {
            let owner = (0..=last)
                .flat_map(|r| (0..=c).map(move |k| (r, k)))
                .find(|&(r, k)| {
                    let cell = &cells[r][k];
                    !cell.covered && r + cell.rowspan > last && k + cell.colspan > c
                });
            owner.map_or_else(String::new, |(r, k)| cells[r][k].text.clone())
        })
        .collect()
}
