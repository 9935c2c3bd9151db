//! Jumps (转版) across an edition: the text is split where the first page's area runs
//! out and carries on, word for word, on the page that continues it.

use banmian::dump::LayoutDump;
use std::path::{Path, PathBuf};

use crate::common;
use common::banmian;

fn scratch_in(name: &str) -> PathBuf {
    common::scratch("jumps", name)
}

/// The set lines of the page's first article: (kind, text).
fn lines(out: &Path, label: &str) -> Vec<(String, String)> {
    let text = std::fs::read_to_string(out.join("layout").join(format!("{label}.json"))).unwrap();
    let dump = LayoutDump::parse(&text).unwrap();
    dump.pages[0].articles[0]
        .lines
        .iter()
        .map(|l| (l.kind.clone(), l.text.clone()))
        .collect()
}

fn body_text(spec: &Path) -> String {
    let spec: toml::Table = std::fs::read_to_string(spec).unwrap().parse().unwrap();
    let body = spec["article"].as_array().unwrap()[0]["body"]
        .as_str()
        .unwrap()
        .to_string();
    body.chars().filter(|c| !c.is_whitespace()).collect()
}

#[test]
fn the_text_that_does_not_fit_continues_on_the_named_page() {
    let out = scratch_in("split");
    let o = out.to_str().unwrap();
    let r = banmian(&[
        "edition",
        "tests/editions/jump/edition.toml",
        "--root",
        "tests/editions",
        "-o",
        o,
    ]);
    assert_eq!(
        r.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&r.stderr)
    );
    let first = lines(&out, "A01");
    let cont = lines(&out, "A03");
    assert_eq!(
        first.last().unwrap(),
        &("jump".to_string(), "（转A3版）".to_string())
    );
    // （上接A1版） leads the first line of the text that jumped.
    assert!(cont[0].1.starts_with("（上接A1版）"), "{:?}", cont[0]);
    assert!(cont[0].1.chars().count() > "（上接A1版）".chars().count());
    let joined: String = first[..first.len() - 1]
        .iter()
        .chain(&cont)
        .map(|l| l.1.as_str())
        .collect::<String>()
        .replacen("（上接A1版）", "", 1)
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect();
    assert_eq!(
        joined,
        body_text(Path::new("tests/editions/jump/a01-jumps.toml"))
    );
    let report: serde_json::Value =
        serde_json::from_slice(&std::fs::read(out.join("report.json")).unwrap()).unwrap();
    let jump = &report["pages"][0]["jumps"][0];
    assert_eq!(
        (jump["article"].as_str(), jump["to"].as_str()),
        (Some("main"), Some("A03"))
    );
    assert!(jump["chars"].as_u64().unwrap() > 20);
    for p in report["pages"].as_array().unwrap() {
        assert_eq!(p["warnings"].as_array().unwrap().len(), 0, "{p}");
        assert_eq!(p["overset_chars"], 0);
    }
}

#[test]
fn a_change_on_the_first_page_rebuilds_its_continuation() {
    let dir = scratch_in("incremental");
    for f in ["edition.toml", "a01-jumps.toml", "a03-continues.toml"] {
        std::fs::copy(Path::new("tests/editions/jump").join(f), dir.join(f)).unwrap();
    }
    let a02 = std::fs::read_to_string("tests/editions/three-small-pages/a02.toml").unwrap();
    std::fs::write(dir.join("a02.toml"), a02).unwrap();
    let ed = dir.join("edition.toml");
    let text = std::fs::read_to_string(&ed)
        .unwrap()
        .replace("../three-small-pages/", "");
    std::fs::write(&ed, text).unwrap();
    let out = dir.join("out");
    let (e, o) = (ed.to_str().unwrap(), out.to_str().unwrap());
    assert_eq!(banmian(&["edition", e, "-o", o]).status.code(), Some(0));
    let a01 = dir.join("a01-jumps.toml");
    let edit = |from: &str, to: &str| {
        let spec = std::fs::read_to_string(&a01).unwrap().replace(from, to);
        std::fs::write(&a01, spec).unwrap();
        let r = banmian(&["edition", e, "-o", o]);
        String::from_utf8_lossy(&r.stderr).into_owned()
    };
    // A word in the part that stays on A01: A03 receives the same text and is reused.
    let stderr = edit("特别高兴", "非常高兴");
    assert!(stderr.contains("edition: 1 built, 2 reused"), "{stderr}");
    // A word in the part that jumped: A03 is built again with it.
    let stderr = edit("村党支部书记", "村党委书记");
    assert!(stderr.contains("edition: 2 built, 1 reused"), "{stderr}");
    assert!(stderr.contains("A02 reused"), "{stderr}");
    let cont: String = lines(&out, "A03").into_iter().map(|l| l.1).collect();
    assert!(cont.contains("村党委书记"), "{cont}");
}

#[test]
fn a_continuation_built_alone_says_where_its_text_comes_from() {
    let r = banmian(&["layout", "tests/editions/jump/a03-continues.toml"]);
    assert_eq!(r.status.code(), Some(0));
    let stderr = String::from_utf8_lossy(&r.stderr);
    assert!(
        stderr.contains(
            "a03-continues.toml:7:6: warning: article `main-cont` continues `main` of page A01"
        ),
        "{stderr}"
    );
}

#[test]
fn a_jump_to_a_page_not_in_the_edition_is_an_edition_warning() {
    let out = scratch_in("nowhere");
    let o = out.to_str().unwrap();
    let ed = "tests/editions/jump-nowhere/edition.toml";
    let r = banmian(&["edition", ed, "--root", "tests/editions", "-o", o]);
    assert_eq!(
        r.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&r.stderr)
    );
    let report: serde_json::Value =
        serde_json::from_slice(&std::fs::read(out.join("report.json")).unwrap()).unwrap();
    let w = &report["warnings"][0];
    assert_eq!(w["code"], "edition.jump");
    assert_eq!(
        (w["loc"]["line"].as_u64(), w["loc"]["column"].as_u64()),
        (Some(10), Some(11))
    );
    let r = banmian(&[
        "edition",
        ed,
        "--root",
        "tests/editions",
        "-o",
        o,
        "--deny-warnings",
    ]);
    assert_eq!(r.status.code(), Some(1));
}

/// Where the glyph for `ch` on the first line of the page's body starts, from the
/// article's left edge, in em of the body size.
fn first_line_offset(blocks: Vec<banmian::resolve::Block>, ch: &str) -> f64 {
    use banmian::display::Item;
    let mut continued = banmian::compose::jumps::Continuations::new();
    continued.insert(("A01".into(), "main".into()), blocks);
    let opts = banmian::BuildOptions {
        continued: Some(std::sync::Arc::new(continued)),
        ..Default::default()
    };
    let laid =
        banmian::lay_out_with(Path::new("tests/editions/jump/a03-continues.toml"), &opts).unwrap();
    let g = &laid.model.grid;
    let left = g.bleed + g.column_x(1); // the article starts in column 2
    let first = &laid.composed.report.articles[0]
        .lines
        .iter()
        .find(|l| l.kind == "body")
        .unwrap();
    laid.composed.doc.pages[0]
        .items
        .iter()
        .filter_map(|i| match i {
            Item::Text(t) => Some(t),
            _ => None,
        })
        .flat_map(|t| t.glyphs.iter())
        .find(|gl| gl.text == ch && (gl.y - first.baseline).0.abs() < 0.01)
        .map(|gl| (gl.x - left).0 / g.body_size.0)
        .unwrap()
}

#[test]
fn a_paragraph_cut_by_the_jump_goes_on_without_an_indent() {
    use banmian::resolve::{Block, BlockKind};
    let block = |text: &str, continued| Block {
        continued,
        ..Block::plain(BlockKind::Paragraph, text.into(), None)
    };
    // Cut mid-paragraph: no indent; （ loses its ½ em at the line start, so 上 is ½ em in.
    let cut = first_line_offset(vec![block("发生了翻天覆地的变化。", true)], "上");
    assert!((cut - 0.5).abs() < 0.01, "上 at {cut} em");
    // Cut between paragraphs: the next paragraph keeps its 2-em indent.
    let whole = first_line_offset(vec![block("发生了翻天覆地的变化。", false)], "上");
    assert!((whole - 2.5).abs() < 0.01, "上 at {whole} em");
}
