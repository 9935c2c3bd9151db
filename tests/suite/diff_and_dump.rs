//! Snapshot tooling: the layout dump is stable text, and `banmian diff` finds a
//! one-character change and names the page.

use std::path::{Path, PathBuf};

use crate::common;
use common::banmian;

fn scratch_in(name: &str) -> PathBuf {
    common::scratch("diff", name)
}

#[test]
fn the_layout_dump_is_identical_across_runs() {
    let spec = "tests/editions/three-small-pages/a01.toml";
    let first = banmian(&["layout", spec, "--json"]);
    assert_eq!(
        first.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&first.stderr)
    );
    let second = banmian(&["layout", spec, "--json"]);
    assert_eq!(first.stdout, second.stdout);
    let text = String::from_utf8(first.stdout).unwrap();
    let dump = banmian::dump::LayoutDump::parse(&text).unwrap();
    let lines: Vec<&str> = dump.pages[0].articles[0]
        .lines
        .iter()
        .map(|l| l.text.as_str())
        .collect();
    assert_eq!(lines.concat(), "会议总结了今年的工作，部署了明年的任务。与会人员围绕转型升级、科技创新和营商环境展开讨论。");
    // One item per text line: a changed item is a one-line change in a snapshot diff.
    assert!(
        text.lines()
            .any(|l| l.trim_start().starts_with(r#"{"kind":"text","font":"#)),
        "{text}"
    );
}

#[test]
fn layout_dump_snapshot_of_a_one_line_brief() {
    let laid = banmian::lay_out(Path::new("tests/editions/three-small-pages/a03.toml")).unwrap();
    let dump = banmian::dump::to_text(&banmian::dump_layout("A03", &laid));
    insta::assert_snapshot!(dump);
}

/// Builds the three-small-pages edition into `out`, with `change` applied to A02's spec.
fn build_edition(dir: &Path, out: &str, change: Option<(&str, &str)>) -> PathBuf {
    let from = Path::new("tests/editions/three-small-pages");
    for f in ["edition.toml", "a01.toml", "a02.toml", "a03.toml"] {
        let mut text = std::fs::read_to_string(from.join(f)).unwrap();
        if let (Some((old, new)), "a02.toml") = (change, f) {
            text = text.replace(old, new);
        }
        std::fs::write(dir.join(f), text).unwrap();
    }
    let out = dir.join(out);
    let r = banmian(&[
        "edition",
        dir.join("edition.toml").to_str().unwrap(),
        "-o",
        out.to_str().unwrap(),
    ]);
    assert_eq!(
        r.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&r.stderr)
    );
    out
}

#[test]
fn diff_finds_a_one_character_change_and_names_the_page() {
    let dir = scratch_in("one-char");
    let before = build_edition(&dir, "before", None);
    let after = build_edition(&dir, "after", Some(("十二个", "十三个")));
    let pngs = dir.join("pngs");
    let (b, a, p) = (
        before.to_str().unwrap(),
        after.to_str().unwrap(),
        pngs.to_str().unwrap(),
    );
    let r = banmian(&["diff", b, a, "-o", p]);
    let stdout = String::from_utf8_lossy(&r.stdout);
    assert_eq!(
        r.status.code(),
        Some(1),
        "{stdout}{}",
        String::from_utf8_lossy(&r.stderr)
    );
    assert!(stdout.contains("page A02: 1 change(s)"), "{stdout}");
    assert!(stdout.contains("text changed"), "{stdout}");
    assert!(stdout.contains("十三个"), "{stdout}");
    assert!(
        !stdout.contains("page A01") && !stdout.contains("page A03"),
        "{stdout}"
    );
    assert!(pngs.join("A02.png").is_file());
    assert!(!pngs.join("A01.png").exists());

    // The same two pages as bare PDFs: only pixels to go by, still found.
    let r = banmian(&["diff", &format!("{b}/A02.pdf"), &format!("{a}/A02.pdf")]);
    let stdout = String::from_utf8_lossy(&r.stdout);
    assert_eq!(r.status.code(), Some(1), "{stdout}");
    assert!(
        stdout.contains("page 1:") && stdout.contains("rendering differs"),
        "{stdout}"
    );

    let r = banmian(&["diff", b, b]);
    assert_eq!(
        r.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&r.stdout)
    );
}
