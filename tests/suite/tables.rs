//! Tables on the grid: figures aligned on their decimal point or score colon, right
//! edges flush, the header repeated in every part, the cells' text read back from the
//! PDF in reading order, rows on the baseline grid, and every bad input's message.

use banmian::compose::CellReport;
use banmian::display::{Color, Item};
use banmian::files::Memory;
use banmian::LaidOut;
use lopdf::Document as PdfDoc;
use std::path::Path;

fn lay_out(spec: &str) -> LaidOut {
    banmian::lay_out(Path::new(spec)).unwrap_or_else(|e| panic!("{spec}: {e}"))
}

fn from_memory(spec: &str, files: &[(&str, &[u8])]) -> Result<LaidOut, banmian::diag::Diagnostics> {
    let mut m = Memory::new().with("page.toml", spec.as_bytes().to_vec());
    for (name, bytes) in files {
        m.insert(name, bytes.to_vec());
    }
    banmian::lay_out_from("page.toml".as_ref(), &m, &Default::default())
}

/// A glyph of the page: its text, origin x, advance and colour.
struct Placed {
    text: String,
    x: f64,
    advance: f64,
    color: Color,
}

/// The glyphs set in a cell's text box on its baselines, left to right.
fn glyphs(laid: &LaidOut, cell: &CellReport) -> Vec<Placed> {
    let mut out = Vec::new();
    for item in &laid.composed.doc.pages[0].items {
        let Item::Text(run) = item else { continue };
        let face = laid.fonts.face(run.font);
        for g in &run.glyphs {
            let on_line = cell.baselines.iter().any(|b| (b.0 - g.y.0).abs() < 1e-6);
            let inside = g.x.0 >= cell.x.0 - 0.5 && g.x.0 <= cell.x.0 + cell.width.0 + 0.5;
            if on_line && inside {
                out.push(Placed {
                    text: g.text.clone(),
                    x: g.x.0,
                    advance: face.advance(g.id) * run.size.0,
                    color: run.color,
                });
            }
        }
    }
    out.sort_by(|a, b| a.x.total_cmp(&b.x));
    out
}

fn body_cells(laid: &LaidOut, table: usize, column: usize) -> Vec<CellReport> {
    laid.composed.report.tables[table]
        .cells
        .iter()
        .filter(|c| !c.header && c.column == column)
        .cloned()
        .collect()
}

fn squeeze(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

#[test]
fn decimal_points_of_a_column_share_one_x_and_digits_their_places() {
    let laid = lay_out("tests/specs/tables/quotes.toml");
    for column in [2, 3, 4, 5] {
        let cells = body_cells(&laid, 0, column);
        assert_eq!(cells.len(), 12);
        let points: Vec<f64> = cells
            .iter()
            .map(|c| {
                let g = glyphs(&laid, c);
                g.iter()
                    .find(|p| p.text == ".")
                    .map(|p| p.x)
                    .unwrap_or_else(|| panic!("no point in {}", c.text))
            })
            .collect();
        let (lo, hi) = points
            .iter()
            .fold((f64::MAX, f64::MIN), |(a, b), &x| (a.min(x), b.max(x)));
        assert!(
            hi - lo < 0.01,
            "column {column}: decimal points from {lo} to {hi}"
        );
        // The units digit (just before the point) is centred on the same x in every row.
        let units: Vec<f64> = cells
            .iter()
            .map(|c| {
                let g = glyphs(&laid, c);
                let i = g.iter().position(|p| p.text == ".").unwrap();
                g[i - 1].x + g[i - 1].advance / 2.0
            })
            .collect();
        let spread = units.iter().cloned().fold(f64::MIN, f64::max)
            - units.iter().cloned().fold(f64::MAX, f64::min);
        assert!(
            spread < 0.01,
            "column {column}: units digits spread {spread}"
        );
    }
}

#[test]
fn changes_are_set_with_a_real_minus_in_the_market_colours() {
    let laid = lay_out("tests/specs/tables/quotes.toml");
    let red = Color::Process(banmian::display::Cmyk::new(0.0, 1.0, 1.0, 0.0));
    let changes = body_cells(&laid, 0, 3);
    for c in &changes {
        let g = glyphs(&laid, c);
        let color = g[0].color;
        match c.text.chars().next() {
            Some('\u{2212}') => assert!(
                color != red && color != Color::BLACK,
                "{} is a fall",
                c.text
            ),
            _ if c.text == "0.00" => assert_eq!(color, Color::BLACK, "unchanged"),
            _ => assert_eq!(color, red, "{} is a rise", c.text),
        }
        assert!(!c.text.contains('-'), "no hyphen-minus left in {}", c.text);
    }
    // The price is coloured by its change.
    let price = &body_cells(&laid, 0, 2)[1];
    assert_eq!(glyphs(&laid, price)[0].color, red, "中国平安 rose");
}

#[test]
fn scores_align_on_the_ratio_colon_and_right_aligned_names_share_the_right_edge() {
    let laid = lay_out("tests/specs/tables/continued.toml");
    let t = &laid.composed.report.tables[0];
    assert!(t.shrunk, "the table shrinks to fit one column");
    for part in 0..2 {
        let scores: Vec<CellReport> = body_cells(&laid, 0, 1)
            .into_iter()
            .filter(|c| c.part == part)
            .collect();
        let colons: Vec<f64> = scores
            .iter()
            .map(|c| {
                glyphs(&laid, c)
                    .iter()
                    .find(|p| p.text == "\u{2236}")
                    .unwrap()
                    .x
            })
            .collect();
        let spread = colons.iter().cloned().fold(f64::MIN, f64::max)
            - colons.iter().cloned().fold(f64::MAX, f64::min);
        assert!(spread < 0.01, "part {part}: colons spread {spread}");
        for c in body_cells(&laid, 0, 0).iter().filter(|c| c.part == part) {
            let g = glyphs(&laid, c);
            let last = g.last().unwrap();
            let right = last.x + last.advance;
            assert!(
                (right - (c.x.0 + c.width.0)).abs() < 0.01,
                "{}: right edge {right} vs {}",
                c.text,
                c.x.0 + c.width.0
            );
        }
    }
}

#[test]
fn the_header_repeats_after_a_column_break() {
    let (laid, pdf) = banmian::build_pdf(Path::new("tests/specs/tables/continued.toml")).unwrap();
    let t = &laid.composed.report.tables[0];
    assert_eq!(t.parts, 2);
    assert_eq!(t.rows_set, 10);
    let header = |part: usize| -> Vec<String> {
        t.cells
            .iter()
            .filter(|c| c.header && c.part == part)
            .map(|c| c.text.clone())
            .collect()
    };
    assert_eq!(header(0), ["主队", "比分", "客队"]);
    assert_eq!(header(1), header(0));
    let first_of_part_two = t.cells.iter().find(|c| c.part == 1 && c.header).unwrap();
    let first_of_part_one = t.cells.iter().find(|c| c.part == 0 && c.header).unwrap();
    assert_eq!(
        first_of_part_one.baselines, first_of_part_two.baselines,
        "both parts start on one line"
    );
    assert!(
        first_of_part_two.x.0 > first_of_part_one.x.0 + 100.0,
        "the second part is in the next column"
    );
    let doc = PdfDoc::load_mem(&pdf).unwrap();
    let text = squeeze(&doc.extract_text(&[1]).unwrap());
    assert_eq!(text.matches("主队比分客队").count(), 2, "{text}");
}

#[test]
fn every_cell_extracts_from_the_pdf_in_reading_order() {
    let (laid, pdf) = banmian::build_pdf(Path::new("tests/specs/tables/quotes.toml")).unwrap();
    let doc = PdfDoc::load_mem(&pdf).unwrap();
    let text = squeeze(&doc.extract_text(&[1]).unwrap());
    let mut at = 0;
    for c in &laid.composed.report.tables[0].cells {
        let want = squeeze(&c.text);
        match text[at..].find(&want) {
            Some(i) => at += i + want.len(),
            None => panic!(
                "cell {want} (row {}, column {}) not found after byte {at} of {text}",
                c.row, c.column
            ),
        }
    }
    assert!(
        text.contains("\u{2212}12.30"),
        "the minus sign extracts as U+2212"
    );
}

#[test]
fn sports_page_rows_sit_on_the_baseline_grid() {
    let laid = lay_out("samples/sports-page/page.toml");
    let page = &laid.composed.doc.pages[0];
    let g = &laid.model.grid;
    let first = page.trim.y.0 + g.baseline(0).0;
    let tables = &laid.composed.report.tables;
    assert_eq!(tables.len(), 3);
    let standings = tables.iter().find(|t| t.id == "standings").unwrap();
    assert_eq!(standings.rows, 16);
    assert_eq!(standings.columns.len(), 8);
    assert!(
        laid.composed.warnings.is_empty(),
        "{}",
        laid.composed.warnings
    );
    for t in tables {
        for c in &t.cells {
            for b in &c.baselines {
                let lines = (b.0 - first) / g.line_pitch.0;
                assert!(
                    (lines - lines.round()).abs() < 1e-6,
                    "table {} cell {}: baseline {} is {lines} lines down",
                    t.id,
                    c.text,
                    b.0
                );
            }
        }
    }
}

#[test]
fn a_finer_pitch_rejoins_the_grid_under_the_table() {
    let spec = r#"
[page]
layout = "tabloid"
[[table]]
data = [["名次", "球队", "积分"], ["1", "上海海港", "65"], ["2", "上海申花", "63"], ["3", "成都蓉城", "54"], ["4", "北京国安", "53"], ["5", "山东泰山", "50"]]
size = "六号"
pitch = "2/3"
place = { column = 1, span = 2, top = 0 }
[[article]]
id = "below"
body = "表格下方的正文仍然落在版面的基线网格上。"
place = { column = 1, span = 2, top = 0 }
"#;
    let laid = from_memory(spec, &[]).unwrap();
    let t = &laid.composed.report.tables[0];
    let g = &laid.model.grid;
    // Six rows of 2/3 of a line: exactly 4 grid lines.
    assert!((t.pitch.0 - g.line_pitch.0 * 2.0 / 3.0).abs() < 1e-9);
    assert_eq!(t.lines, 4);
    let a = &laid.composed.report.articles[0];
    assert_eq!(
        a.lines[0].line, 5,
        "the text starts after the table and one line of standoff"
    );
    let first = laid.composed.doc.pages[0].trim.y.0 + g.baseline(5).0;
    assert!((a.lines[0].baseline.0 - first).abs() < 1e-9);
}

/// The diagnostics of a page that fails, or its warnings, as the CLI prints them.
fn messages(r: Result<LaidOut, banmian::diag::Diagnostics>) -> String {
    match r {
        Ok(l) => l.composed.warnings.to_string(),
        Err(d) => d.to_string(),
    }
}

const HEAD: &str = "[page]\nlayout = \"tabloid\"\n\n[[table]]\nid = \"standings\"\n";

#[test]
fn a_control_character_in_a_csv_cell_is_a_warning_at_its_line_and_column() {
    let spec = format!("{HEAD}data = \"data.csv\"\nplace = {{ column = 1, span = 2, top = 0 }}\n");
    // A BEL pasted into 上海海港 and a private-use character in 65.
    let csv = "名次,球队,积分\n1,上海\u{7}海港,6\u{E000}5\n";
    let out = messages(from_memory(&spec, &[("data.csv", csv.as_bytes())]));
    let lines: Vec<&str> = out
        .lines()
        .filter(|l| l.contains("text.character") || l.contains("U+"))
        .collect();
    assert!(
        out.contains("data.csv:2:5: warning: U+0007 in the text is"),
        "{out}"
    );
    assert!(
        out.contains("data.csv:2:10: warning: U+E000 in the text is"),
        "{out}"
    );
    assert_eq!(
        lines.iter().filter(|l| l.contains("warning: U+")).count(),
        2,
        "{out}"
    );
}

#[test]
fn a_ragged_csv_row_is_an_error_at_its_line() {
    let spec = format!("{HEAD}data = \"data.csv\"\nplace = {{ column = 1, span = 2, top = 0 }}\n");
    let csv = "名次,球队,积分\n1,上海海港,65\n2,上海申花\n";
    insta::assert_snapshot!(messages(from_memory(&spec, &[("data.csv", csv.as_bytes())])), @r#"
    data.csv:3:1: error: table `standings`: row 3 has 2 cells, the first row has 3
      hint: every row needs the same number of cells: add the missing ones (an empty cell is nothing between two commas) or quote a cell that contains a comma
    "#);
}

#[test]
fn a_style_for_a_column_that_does_not_exist_is_an_error_at_its_key() {
    let spec = format!(
        "{HEAD}data = [[\"名次\", \"球队\", \"积分\"], [\"1\", \"上海海港\", \"65\"]]\nplace = {{ column = 1, span = 2, top = 0 }}\n\n[table.columns]\n\"积份\" = {{ align = \"right\" }}\n"
    );
    insta::assert_snapshot!(messages(from_memory(&spec, &[])), @r#"
    page.toml:10:1: error: table `standings` has no column `积份`
      hint: did you mean `积分`? The columns are: 名次, 球队, 积分 (or a number from 1 to 3)
    "#);
}

#[test]
fn an_empty_table_is_a_warning() {
    let spec = format!("{HEAD}data = \"data.csv\"\nplace = {{ column = 1, span = 2, top = 0 }}\n");
    let csv = "名次,球队,积分\n";
    insta::assert_snapshot!(messages(from_memory(&spec, &[("data.csv", csv.as_bytes())])), @r#"
    page.toml:5:6: warning: table `standings` has no rows to print
      hint: check the data: only header rows (or nothing) were found
    "#);
}

#[test]
fn a_gbk_csv_says_which_encoding_to_declare_and_reads_once_declared() {
    let (gbk, _, _) = encoding_rs::GBK.encode("名次,球队,积分\n1,山东泰山,50\n");
    let spec = format!("{HEAD}data = \"data.csv\"\nplace = {{ column = 1, span = 2, top = 0 }}\n");
    insta::assert_snapshot!(messages(from_memory(&spec, &[("data.csv", &gbk)])), @r#"
    page.toml:6:8: error: table data file data.csv is not UTF-8 (line 1 has a byte that UTF-8 does not allow)
      in: table `standings`
      hint: it reads as GB18030 (GBK), the encoding of many Chinese spreadsheet exports: add encoding = "gb18030" to the table, or save the file as UTF-8
    "#);
    let declared = spec.replace(
        "data = \"data.csv\"\n",
        "data = \"data.csv\"\nencoding = \"gbk\"\n",
    );
    let laid = from_memory(&declared, &[("data.csv", &gbk)]).unwrap();
    let cells = &laid.composed.report.tables[0].cells;
    assert!(cells.iter().any(|c| c.text == "山东泰山"));
}

#[test]
fn a_ten_thousand_row_table_is_overset_from_the_first_row_that_does_not_fit() {
    let mut csv = String::from("名次,球队,积分\n");
    for i in 1..=10_000 {
        csv.push_str(&format!("{i},球队{i},{}\n", 10_000 - i));
    }
    let spec = format!(
        "{HEAD}data = \"data.csv\"\nplace = {{ column = 1, span = 2, top = 0, height = 20 }}\n"
    );
    let r = from_memory(&spec, &[("data.csv", csv.as_bytes())]);
    let laid = r.as_ref().unwrap();
    assert_eq!(laid.composed.report.tables[0].overset_row, Some(20));
    insta::assert_snapshot!(messages(r), @r#"
    data.csv:21:1: warning: table `standings` is overset: rows 20 to 10000 do not fit, from row 20 (“球队20”)
      in: table `standings`, body row 20
      hint: give the table more lines or columns (more parts with `part_span`), a finer `pitch`, or fewer rows
    "#);
}

#[test]
fn a_row_style_that_matches_no_row_is_a_warning() {
    let spec = format!(
        "{HEAD}data = [[\"名次\", \"球队\"], [\"1\", \"上海海港\"]]\nplace = {{ column = 1, span = 2, top = 0 }}\n\n[[table.row]]\nmatch = \"山东泰山\"\nfill = \"0 20 40 0\"\n"
    );
    insta::assert_snapshot!(messages(from_memory(&spec, &[])), @r#"
    page.toml:10:9: warning: table `standings`: no row has a cell `山东泰山`
      hint: the style is not used: check the spelling against the data
    "#);
}

#[test]
fn a_table_too_wide_even_at_its_smallest_size_is_a_warning() {
    let spec = format!(
        "{HEAD}data = \"data.csv\"\nmin_size = \"六号\"\nplace = {{ column = 1, span = 1, top = 0 }}\n"
    );
    let csv = "名次,球队,场次,胜,平,负,进/失球,积分\n1,上海海港,28,20,5,3,66/30,65\n";
    let r = from_memory(&spec, &[("data.csv", csv.as_bytes())]);
    let t = &r.as_ref().unwrap().composed.report.tables[0];
    assert_eq!(t.size.0, 7.5, "shrunk as far as allowed");
    insta::assert_snapshot!(messages(r), @r#"
    page.toml:5:6: warning: table `standings` is too wide for one column even at its smallest allowed size (7.50pt): its text runs over the cells
      hint: give the table more columns (`part_span`, `place.span`), allow a smaller type with `min_size`, or shorten the widest entries
    "#);
}
