//! The command as a scheduler sees it: exit codes, and a failed build never destroying
//! the last good PDF.

use std::path::{Path, PathBuf};

use crate::common;
use common::banmian;

fn scratch_in(name: &str) -> PathBuf {
    common::scratch("cli", name)
}

#[test]
fn build_writes_the_pdf_and_exits_0() {
    let out = scratch_in("ok").join("page.pdf");
    let r = banmian(&[
        "build",
        "samples/zibo-gaoxin/page.toml",
        "-o",
        out.to_str().unwrap(),
    ]);
    assert_eq!(
        r.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&r.stderr)
    );
    assert!(std::fs::read(&out).unwrap().starts_with(b"%PDF-"));
}

#[test]
fn a_failed_build_exits_2_and_keeps_the_previous_pdf() {
    let out = scratch_in("keep").join("page.pdf");
    std::fs::write(&out, b"%PDF- the last good build").unwrap();
    let r = banmian(&[
        "build",
        "tests/specs/misspelt-key.toml",
        "-o",
        out.to_str().unwrap(),
    ]);
    assert_eq!(r.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&r.stderr);
    assert!(
        stderr.contains("tests/specs/misspelt-key.toml:9:1: error:"),
        "{stderr}"
    );
    assert_eq!(std::fs::read(&out).unwrap(), b"%PDF- the last good build");
    let leftovers = std::fs::read_dir(out.parent().unwrap()).unwrap().count();
    assert_eq!(leftovers, 1, "no temporary file is left behind");
}

#[test]
fn warnings_fail_only_under_deny_warnings() {
    let dir = scratch_in("warn");
    let out = dir.join("page.pdf");
    let spec = "tests/specs/missing-glyph.toml";
    let r = banmian(&["build", spec, "-o", out.to_str().unwrap()]);
    assert_eq!(r.status.code(), Some(0));
    let stderr = String::from_utf8_lossy(&r.stderr);
    assert!(
        stderr.contains("missing-glyph.toml:12:1: warning: the character 𪚥 (U+2A6A5) is not in the face it is set in"),
        "{stderr}"
    );
    assert!(stderr.contains("article `rare`, paragraph 2"), "{stderr}");
    std::fs::remove_file(&out).unwrap();
    let r = banmian(&[
        "build",
        spec,
        "-o",
        out.to_str().unwrap(),
        "--deny-warnings",
    ]);
    assert_eq!(r.status.code(), Some(1));
    assert!(
        !Path::new(&out).exists(),
        "nothing is written when warnings are denied"
    );
}

#[test]
fn check_json_reports_layout_and_diagnostics() {
    let r = banmian(&["check", "tests/specs/missing-glyph.toml", "--json"]);
    assert_eq!(r.status.code(), Some(0));
    let v: serde_json::Value = serde_json::from_slice(&r.stdout).expect("JSON on stdout");
    assert_eq!(v["ok"], true);
    assert_eq!(v["diagnostics"][0]["code"], "text.missing-glyph");
    assert_eq!(v["layout"]["grid"]["columns"], 5);
    assert_eq!(v["layout"]["articles"][0]["id"], "rare");
}

#[test]
fn proof_flag_grows_the_sheet_for_marks() {
    let dir = scratch_in("proof");
    let (press, proof) = (dir.join("press.pdf"), dir.join("proof.pdf"));
    let spec = "samples/zibo-gaoxin/page.toml";
    for (out, extra) in [(&press, None), (&proof, Some("--proof"))] {
        let mut args = vec!["build", spec, "-o", out.to_str().unwrap()];
        args.extend(extra);
        let r = banmian(&args);
        assert_eq!(
            r.status.code(),
            Some(0),
            "{}",
            String::from_utf8_lossy(&r.stderr)
        );
    }
    let media = |p: &Path| {
        let doc = lopdf::Document::load(p).unwrap();
        let page = doc.get_dictionary(doc.get_pages()[&1]).unwrap();
        let b = page.get(b"MediaBox").unwrap().as_array().unwrap();
        b[2].as_float().unwrap()
    };
    assert!(
        media(&proof) > media(&press) + 30.0,
        "12 mm more on each side"
    );
}
