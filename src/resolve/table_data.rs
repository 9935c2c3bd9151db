//! A table's cells as text: read from a CSV or TSV file (through [`crate::files`], in
//! its declared encoding) or taken from rows written inline in the spec. Every row keeps
//! where it was written, so a ragged row is an error at the file's line.
//!
//! In: the `data`, `format` and `encoding` keys. Out: [`RawRows`], rectangular, cells
//! trimmed, or a located error.

use super::Cx;
use crate::diag::{Code, Diagnostic, SourceLoc};
use crate::files::FileKind;
use crate::spec::table::{TableData, TableSpec};
use crate::spec::S;
use std::path::Path;

/// The most rows a table may have: far more than any page holds (a full day's A-share
/// listing is about 5,500), few enough that measuring them all stays well under a second.
pub const MAX_ROWS: usize = 20_000;
/// The most columns a table may have.
pub const MAX_COLUMNS: usize = 64;

/// The cells of a table, row by row, each row with where it was written.
#[derive(Debug, Default)]
pub(super) struct RawRows {
    pub rows: Vec<Vec<String>>,
    pub locs: Vec<Option<SourceLoc>>,
}

/// The encodings a data file may be declared in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Encoding {
    Utf8,
    /// GB18030, which includes GBK and GB 2312 (what Chinese spreadsheet exports use).
    Gb18030,
}

impl Cx<'_> {
    /// The table's rows, from its file or inline; `None` after reporting an error.
    pub(super) fn table_rows(&mut self, t: &TableSpec, what: &str) -> Option<RawRows> {
        let raw = match t.data.get_ref() {
            TableData::File(name) => self.table_file(t, name, what)?,
            TableData::Rows(rows) => self.inline_rows(rows, what)?,
        };
        if raw.rows.len() > MAX_ROWS {
            return self.table_error(
                &t.data,
                format!("{what} has {} rows", raw.rows.len()),
                &format!("a table may have at most {MAX_ROWS} rows; a page holds a few hundred: give the table only what it prints"),
            );
        }
        Some(raw)
    }

    fn table_error<T>(&mut self, at: &S<TableData>, msg: String, hint: &str) -> Option<T> {
        let d = Diagnostic::new(Code::TableData, msg)
            .at(self.loc(at.span()))
            .hint(hint);
        self.errors.push(d);
        None
    }

    fn table_file(&mut self, t: &TableSpec, name: &str, what: &str) -> Option<RawRows> {
        let path = self.file.dir().join(name);
        let encoding = self.table_encoding(t)?;
        let delimiter = self.table_delimiter(t, name)?;
        let bytes = match self.files.read(&path, FileKind::Data) {
            Ok(b) => b,
            Err(d) => {
                self.errors
                    .push(d.at(self.loc(t.data.span())).context(what.to_string()));
                return None;
            }
        };
        let text = match decode(&path, &bytes, encoding) {
            // The same hygiene as every text a page reads (issue #15): NFC, and the
            // characters it cannot print as meant reported at their line and column.
            Ok(text) => crate::text::hygiene::nfc(text),
            Err(d) => {
                self.errors
                    .push(d.at(self.loc(t.data.span())).context(what.to_string()));
                return None;
            }
        };
        self.warnings
            .extend(super::body::character_warnings(&text, &path));
        match parse_delimited(&path, &text, delimiter, what) {
            Ok(rows) => Some(rows),
            Err(d) => {
                self.errors.push(d);
                None
            }
        }
    }

    fn table_encoding(&mut self, t: &TableSpec) -> Option<Encoding> {
        let Some(e) = &t.encoding else {
            return Some(Encoding::Utf8);
        };
        match e.get_ref().trim().to_ascii_lowercase().as_str() {
            "utf-8" | "utf8" => Some(Encoding::Utf8),
            "gbk" | "gb2312" | "gb18030" | "cp936" => Some(Encoding::Gb18030),
            other => self.error(
                e.span(),
                format!("unknown encoding `{other}`"),
                "utf-8, gbk or gb18030 (GBK and GB 2312 files read as GB18030, which includes them)",
            ),
        }
    }

    fn table_delimiter(&mut self, t: &TableSpec, name: &str) -> Option<u8> {
        let by_name = Path::new(name)
            .extension()
            .and_then(|e| e.to_str())
            .is_some_and(|e| e.eq_ignore_ascii_case("tsv") || e.eq_ignore_ascii_case("tab"));
        match t
            .format
            .as_ref()
            .map(|f| (f, f.get_ref().to_ascii_lowercase()))
        {
            None => Some(if by_name { b'\t' } else { b',' }),
            Some((_, f)) if f == "csv" => Some(b','),
            Some((_, f)) if f == "tsv" => Some(b'\t'),
            Some((f, _)) => self.error(
                f.span(),
                format!("unknown table format `{}`", f.get_ref()),
                "csv (comma-separated) or tsv (tab-separated)",
            ),
        }
    }

    fn inline_rows(&mut self, rows: &[S<Vec<S<toml::Value>>>], what: &str) -> Option<RawRows> {
        let mut out = RawRows::default();
        let mut ok = true;
        for row in rows {
            let mut cells = Vec::with_capacity(row.get_ref().len());
            for cell in row.get_ref() {
                match cell.get_ref() {
                    toml::Value::String(s) => cells.push(s.trim().to_string()),
                    toml::Value::Integer(i) => cells.push(i.to_string()),
                    toml::Value::Float(f) => cells.push(f.to_string()),
                    _ => {
                        ok = false;
                        self.error::<()>(
                            cell.span(),
                            format!("{what}: a cell must be text or a number"),
                            "write the cell as a string, e.g. \"12.30\" (a string also keeps trailing zeros)",
                        );
                    }
                }
            }
            out.rows.push(cells);
            out.locs.push(self.loc(row.span()));
        }
        if !ok {
            return None;
        }
        let width = out.rows.first().map_or(0, Vec::len);
        for (i, (row, loc)) in out.rows.iter().zip(&out.locs).enumerate() {
            if row.len() != width {
                self.errors
                    .push(ragged(what, i, row.len(), width, loc.clone()));
                return None;
            }
        }
        Some(out)
    }
}

/// The file's text: UTF-8 (a byte-order mark dropped) unless another encoding is
/// declared. A file that is not UTF-8 but reads as GB18030 says so.
fn decode(path: &Path, bytes: &[u8], encoding: Encoding) -> Result<String, Diagnostic> {
    let text = match encoding {
        Encoding::Utf8 => {
            let body = bytes.strip_prefix("\u{feff}".as_bytes()).unwrap_or(bytes);
            match std::str::from_utf8(body) {
                Ok(t) => t.to_string(),
                Err(e) => return Err(not_utf8(path, body, e.valid_up_to())),
            }
        }
        Encoding::Gb18030 => {
            let (text, _, bad) = encoding_rs::GB18030.decode(bytes);
            if bad {
                return Err(Diagnostic::new(
                    Code::TableEncoding,
                    format!(
                        "table data file {} is not valid GB18030/GBK",
                        path.display()
                    ),
                )
                .hint("check the file's encoding: remove `encoding` if it is UTF-8"));
            }
            text.into_owned()
        }
    };
    Ok(text)
}

fn not_utf8(path: &Path, bytes: &[u8], at: usize) -> Diagnostic {
    let line = bytes[..at].iter().filter(|&&b| b == b'\n').count() + 1;
    let (_, _, bad) = encoding_rs::GB18030.decode(bytes);
    let hint = if bad {
        "save the file as UTF-8, or declare its encoding: encoding = \"gbk\" or \"gb18030\""
    } else {
        "it reads as GB18030 (GBK), the encoding of many Chinese spreadsheet exports: add encoding = \"gb18030\" to the table, or save the file as UTF-8"
    };
    Diagnostic::new(
        Code::TableEncoding,
        format!(
            "table data file {} is not UTF-8 (line {line} has a byte that UTF-8 does not allow)",
            path.display()
        ),
    )
    .hint(hint)
}

/// Rows of a CSV or TSV text, cells trimmed; a ragged row is an error at its line.
fn parse_delimited(
    path: &Path,
    text: &str,
    delimiter: u8,
    what: &str,
) -> Result<RawRows, Diagnostic> {
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(delimiter)
        .quoting(delimiter == b',')
        .from_reader(text.as_bytes());
    let mut out = RawRows::default();
    let at_line = |line: u64| {
        Some(SourceLoc {
            file: path.to_path_buf(),
            line: usize::try_from(line).unwrap_or(usize::MAX),
            column: 1,
        })
    };
    for record in reader.records() {
        let record = record.map_err(|e| {
            let line = e.position().map_or(1, |p| p.line());
            Diagnostic::new(Code::TableData, format!("{what}: cannot read the data ({e})"))
                .at(at_line(line))
                .hint("check the quotes: a cell with a comma or a line break is quoted, and a quote inside it is doubled")
        })?;
        let line = record.position().map_or(1, |p| p.line());
        if out.rows.len() >= MAX_ROWS {
            // Counted on: `table_rows` reports it with the spec's location.
            out.rows.push(Vec::new());
            break;
        }
        if record.len() > MAX_COLUMNS {
            return Err(Diagnostic::new(
                Code::TableData,
                format!("{what}: a row with {} cells", record.len()),
            )
            .at(at_line(line))
            .hint(format!("a table may have at most {MAX_COLUMNS} columns")));
        }
        out.rows
            .push(record.iter().map(|c| c.trim().to_string()).collect());
        out.locs.push(at_line(line));
    }
    let width = out.rows.first().map_or(0, Vec::len);
    for (i, (row, loc)) in out.rows.iter().zip(&out.locs).enumerate() {
        if row.len() != width {
            return Err(ragged(what, i, row.len(), width, loc.clone()));
        }
    }
    Ok(out)
}

fn ragged(what: &str, i: usize, len: usize, width: usize, loc: Option<SourceLoc>) -> Diagnostic {
    Diagnostic::new(
        Code::TableData,
        format!(
            "{what}: row {} has {len} cell{}, the first row has {width}",
            i + 1,
            if len == 1 { "" } else { "s" }
        ),
    )
    .at(loc)
    .hint("every row needs the same number of cells: add the missing ones (an empty cell is nothing between two commas) or quote a cell that contains a comma")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quoted_cells_keep_their_commas_and_cells_are_trimmed() {
        let r = parse_delimited(Path::new("t.csv"), " a ,\"b,c\"\n1,2\n", b',', "t").unwrap();
        assert_eq!(r.rows, vec![vec!["a", "b,c"], vec!["1", "2"]]);
        assert_eq!(r.locs[1].as_ref().unwrap().line, 2);
    }

    #[test]
    fn a_ragged_row_is_an_error_at_its_line() {
        let e = parse_delimited(Path::new("t.csv"), "a,b\n\n1,2\n3\n", b',', "t").unwrap_err();
        assert_eq!(e.loc.unwrap().line, 4, "blank lines count");
        assert!(e.message.contains("row 3 has 1 cell,"), "{}", e.message);
    }

    #[test]
    fn gbk_bytes_are_not_utf8_and_say_which_encoding_to_declare() {
        let (gbk, _, _) = encoding_rs::GBK.encode("名次,球队\n1,山东泰山\n");
        let e = decode(Path::new("t.csv"), &gbk, Encoding::Utf8).unwrap_err();
        assert!(e.hint.unwrap().contains("encoding = \"gb18030\""));
        let t = decode(Path::new("t.csv"), &gbk, Encoding::Gb18030).unwrap();
        assert!(t.contains("山东泰山"));
    }
}
