//! Edition builds as the nightly scheduler sees them: exit codes, a broken page that
//! does not stop the others nor destroy its last good PDF, and incremental rebuilds.

use std::path::{Path, PathBuf};

use crate::common;
use common::banmian;

fn scratch_in(name: &str) -> PathBuf {
    common::scratch("edition", name)
}

fn report(dir: &Path) -> serde_json::Value {
    serde_json::from_slice(&std::fs::read(dir.join("report.json")).unwrap()).unwrap()
}

fn statuses(r: &serde_json::Value) -> Vec<String> {
    r["pages"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| {
            format!(
                "{} {}",
                p["label"].as_str().unwrap(),
                p["status"].as_str().unwrap()
            )
        })
        .collect()
}

/// Copies the three-small-pages edition so a test may change it.
fn copy_edition(to: &Path) -> PathBuf {
    let from = Path::new("tests/editions/three-small-pages");
    for f in ["edition.toml", "a01.toml", "a02.toml", "a03.toml"] {
        std::fs::copy(from.join(f), to.join(f)).unwrap();
    }
    to.join("edition.toml")
}

#[test]
fn a_broken_page_fails_alone_and_keeps_its_previous_pdf() {
    let out = scratch_in("broken");
    std::fs::write(out.join("A02.pdf"), b"%PDF- last night's A02").unwrap();
    let o = out.to_str().unwrap();
    let r = banmian(&[
        "edition",
        "tests/editions/one-broken-page/edition.toml",
        "--root",
        "tests/editions",
        "-o",
        o,
        "-j",
        "2",
    ]);
    let stderr = String::from_utf8_lossy(&r.stderr);
    assert_eq!(r.status.code(), Some(2), "{stderr}");
    assert!(
        stderr.contains("a02-broken.toml:8:1: error: unknown field `headlin`"),
        "{stderr}"
    );
    assert_eq!(
        std::fs::read(out.join("A02.pdf")).unwrap(),
        b"%PDF- last night's A02"
    );
    for page in ["A01.pdf", "A03.pdf"] {
        assert!(
            std::fs::read(out.join(page)).unwrap().starts_with(b"%PDF-"),
            "{page}"
        );
    }
    assert!(
        !out.join("edition.pdf").exists(),
        "no combined PDF with a page missing"
    );
    let rep = report(&out);
    assert_eq!(statuses(&rep), ["A01 built", "A02 failed", "A03 built"]);
    let err = &rep["pages"][1]["errors"][0];
    assert_eq!(err["loc"]["line"], 8);
    assert_eq!(err["number"], 1);
    assert_eq!(rep["ok"], false);
}

#[test]
fn an_unchanged_page_is_reused_and_a_changed_one_rebuilt() {
    let dir = scratch_in("incremental");
    let ed = copy_edition(&dir);
    let out = dir.join("out");
    let (e, o) = (ed.to_str().unwrap(), out.to_str().unwrap());
    let r = banmian(&["edition", e, "-o", o]);
    assert_eq!(
        r.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&r.stderr)
    );
    assert_eq!(
        statuses(&report(&out)),
        ["A01 built", "A02 built", "A03 built"]
    );
    let combined = std::fs::read(out.join("edition.pdf")).unwrap();

    let r = banmian(&["edition", e, "-o", o]);
    assert_eq!(r.status.code(), Some(0));
    assert_eq!(
        statuses(&report(&out)),
        ["A01 reused", "A02 reused", "A03 reused"]
    );
    assert_eq!(std::fs::read(out.join("edition.pdf")).unwrap(), combined);

    let a02 = dir.join("a02.toml");
    let text = std::fs::read_to_string(&a02)
        .unwrap()
        .replace("十二个", "十三个");
    std::fs::write(&a02, text).unwrap();
    let r = banmian(&["edition", e, "-o", o]);
    assert_eq!(r.status.code(), Some(0));
    let rep = report(&out);
    assert_eq!(statuses(&rep), ["A01 reused", "A02 built", "A03 reused"]);
    assert_eq!(rep["pages"][0]["reused"], true);
    assert_ne!(std::fs::read(out.join("edition.pdf")).unwrap(), combined);

    let r = banmian(&["edition", e, "-o", o, "--force"]);
    assert_eq!(r.status.code(), Some(0));
    assert_eq!(
        statuses(&report(&out)),
        ["A01 built", "A02 built", "A03 built"]
    );
}

#[test]
fn the_combined_pdf_has_every_page_and_each_font_once() {
    let out = scratch_in("combined");
    let o = out.to_str().unwrap();
    let r = banmian(&[
        "edition",
        "tests/editions/three-small-pages/edition.toml",
        "-o",
        o,
    ]);
    assert_eq!(
        r.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&r.stderr)
    );
    let doc = lopdf::Document::load(out.join("edition.pdf")).unwrap();
    assert_eq!(doc.get_pages().len(), 3);
    let mut font_files = 0;
    let mut base_fonts = Vec::new();
    for (_, obj) in doc.objects.iter() {
        let Ok(dict) = obj.as_dict().or_else(|_| obj.as_stream().map(|s| &s.dict)) else {
            continue;
        };
        if dict.has(b"FontFile3") || dict.has(b"FontFile2") {
            font_files += 1;
        }
        if dict.get(b"Subtype").and_then(|s| s.as_name()).ok() == Some(b"Type0".as_slice()) {
            base_fonts.push(dict.get(b"BaseFont").unwrap().as_name().unwrap().to_vec());
        }
    }
    let distinct: std::collections::BTreeSet<_> = base_fonts.iter().collect();
    assert_eq!(distinct.len(), base_fonts.len(), "a font is embedded twice");
    assert_eq!(font_files, base_fonts.len());
    let rep = report(&out);
    let sha = rep["combined"]["sha256"].as_str().unwrap();
    assert_eq!(sha.len(), 64);
}

#[test]
fn every_pdf_is_the_same_at_any_number_of_jobs() {
    // Fonts, content streams and images are prepared on the worker threads there are,
    // and font subsets are cached between the pages: none of it may change a byte.
    let mut outputs = Vec::new();
    for jobs in ["1", "2", "4"] {
        let out = scratch_in(&format!("jobs-{jobs}"));
        let o = out.to_str().unwrap();
        let r = banmian(&[
            "edition",
            "tests/editions/three-small-pages/edition.toml",
            "-o",
            o,
            "-j",
            jobs,
            "--force",
        ]);
        assert_eq!(
            r.status.code(),
            Some(0),
            "{}",
            String::from_utf8_lossy(&r.stderr)
        );
        let files: Vec<Vec<u8>> = ["A01.pdf", "A02.pdf", "A03.pdf", "edition.pdf"]
            .iter()
            .map(|f| std::fs::read(out.join(f)).unwrap())
            .collect();
        outputs.push(files);
    }
    assert!(outputs[0] == outputs[1], "-j 1 and -j 2 differ");
    assert!(outputs[0] == outputs[2], "-j 1 and -j 4 differ");
}

/// The BaseFont names of the Type0 fonts in a PDF.
fn type0_fonts(pdf: &Path) -> Vec<String> {
    let doc = lopdf::Document::load(pdf).unwrap();
    doc.objects
        .values()
        .filter_map(|o| o.as_dict().ok())
        .filter(|d| d.get(b"Subtype").and_then(|s| s.as_name()).ok() == Some(b"Type0".as_slice()))
        .map(|d| {
            String::from_utf8_lossy(d.get(b"BaseFont").unwrap().as_name().unwrap()).into_owned()
        })
        .collect()
}

#[test]
fn a_font_file_declared_by_two_pages_is_embedded_once() {
    let out = scratch_in("own-fonts");
    let o = out.to_str().unwrap();
    let r = banmian(&[
        "edition",
        "tests/editions/own-fonts/edition.toml",
        "--root",
        ".",
        "-o",
        o,
    ]);
    assert_eq!(
        r.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&r.stderr)
    );
    let fonts = type0_fonts(&out.join("edition.pdf"));
    let kai = fonts.iter().filter(|f| f.contains("Kai")).count();
    assert_eq!(kai, 1, "{fonts:?}");
}

#[test]
fn deny_warnings_exits_1_and_leaves_the_warning_page_unwritten() {
    let out = scratch_in("deny");
    let o = out.to_str().unwrap();
    let r = banmian(&[
        "edition",
        "tests/editions/own-fonts/edition.toml",
        "--root",
        ".",
        "-o",
        o,
        "--deny-warnings",
    ]);
    assert_eq!(
        r.status.code(),
        Some(1),
        "{}",
        String::from_utf8_lossy(&r.stderr)
    );
    assert!(out.join("A01.pdf").is_file());
    assert!(!out.join("A03.pdf").exists());
    assert!(!out.join("edition.pdf").exists());
    let rep = report(&out);
    assert_eq!(statuses(&rep)[2], "A03 warnings-denied");
    let w = &rep["pages"][2]["warnings"][0];
    assert_eq!(
        (w["number"].as_u64(), w["loc"]["line"].as_u64()),
        (Some(1), Some(12))
    );
}

#[test]
fn a_page_built_with_warnings_is_not_reused_under_deny_warnings() {
    // Last night's build allowed warnings, so A03 (which has one) was written. Tonight's
    // build denies them: A03 must be built again and refused, not taken from the cache
    // into edition.pdf.
    let out = scratch_in("deny-after-allow");
    let o = out.to_str().unwrap();
    let args = [
        "edition",
        "tests/editions/own-fonts/edition.toml",
        "--root",
        ".",
        "-o",
        o,
    ];
    let r = banmian(&args);
    assert_eq!(
        r.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&r.stderr)
    );
    assert_eq!(statuses(&report(&out))[2], "A03 built");
    let mut denied = args.to_vec();
    denied.push("--deny-warnings");
    let r = banmian(&denied);
    assert_eq!(
        r.status.code(),
        Some(1),
        "{}",
        String::from_utf8_lossy(&r.stderr)
    );
    let rep = report(&out);
    assert_eq!(statuses(&rep)[0], "A01 reused");
    assert_eq!(statuses(&rep)[2], "A03 warnings-denied");
    assert_eq!(rep["ok"], false);
    // Last night's edition.pdf stays as it was; tonight's is not written.
    assert!(rep["combined"].is_null(), "{rep}");
    assert!(
        rep["combined_note"].as_str().unwrap().contains("A03"),
        "{rep}"
    );
}

#[test]
fn pages_made_for_different_presses_are_an_edition_warning() {
    let dir = scratch_in("press");
    let ed = copy_edition(&dir);
    let a03 = dir.join("a03.toml");
    let text = std::fs::read_to_string(&a03).unwrap() + "\n[output]\npdfx = false\n";
    std::fs::write(&a03, text).unwrap();
    let out = dir.join("out");
    let (e, o) = (ed.to_str().unwrap(), out.to_str().unwrap());
    for round in ["built", "reused"] {
        let r = banmian(&["edition", e, "-o", o]);
        let stderr = String::from_utf8_lossy(&r.stderr);
        assert_eq!(r.status.code(), Some(0), "{round}: {stderr}");
        let rep = report(&out);
        let w = &rep["warnings"][0];
        assert_eq!(w["code"], "edition.press-condition", "{round}: {rep}");
        let text = w["text"].as_str().unwrap();
        assert!(
            text.contains("A01 is PDF/X-4 for CGATS TR 002")
                && text.contains("A03 (plain PDF, no press condition)")
                && !text.contains("A02 ("),
            "{round}: {text}"
        );
        assert!(stderr.contains("edition: #1 "), "{round}: {stderr}");
    }
    let r = banmian(&["edition", e, "-o", o, "--deny-warnings"]);
    assert_eq!(r.status.code(), Some(1));
}
