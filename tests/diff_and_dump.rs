//! Snapshot tooling: the layout dump is stable text.

use std::path::Path;
use std::process::Command;

fn banmian(args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_banmian"))
        .args(args)
        .output()
        .expect("banmian runs")
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
