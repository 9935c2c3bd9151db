//! Snapshots of the sample page, for reviewing a change by what it does to the page:
//! the layout dump (every item and line, with its text and position) as an insta
//! snapshot, and the page as a PNG proof compared with a reference image within a
//! small tolerance (another machine's floating point may move an anti-aliased edge by
//! a shade; a one-character change in the text is far outside it).
//!
//! After an intended layout change: `cargo insta review` (or `INSTA_UPDATE=always`)
//! for the dump, and `BANMIAN_BLESS=1 cargo test --test suite sample_snapshots` to rewrite
//! the reference PNG. Look at both before committing them.

use banmian::render::proof::{Overlays, ProofOptions};
use std::path::Path;

const SAMPLE: &str = "samples/zibo-gaoxin/page.toml";
const REFERENCE: &str = "tests/suite/snapshots/zibo-gaoxin-30dpi.png";

/// A pixel differs when some channel moved by more than this (of 255)...
const THRESHOLD: u8 = 16;
/// ...and the page differs when more pixels than this do. The proof of the same PDF by
/// the same rasteriser is identical; this leaves room for floating-point differences
/// between machines. Removing one character from the first paragraph changes 277
/// pixels at 30 dpi (see the last test).
const ALLOWED: usize = 20;

fn differing(a: &image::RgbImage, b: &image::RgbImage) -> usize {
    a.pixels()
        .zip(b.pixels())
        .filter(|(p, q)| p.0.iter().zip(q.0).any(|(x, y)| x.abs_diff(y) > THRESHOLD))
        .count()
}

#[test]
fn sample_page_layout_dump() {
    let laid = banmian::lay_out(Path::new(SAMPLE)).unwrap();
    let dump = banmian::dump::to_text(&banmian::dump_layout("zibo-gaoxin", &laid));
    insta::assert_snapshot!(dump);
}

#[test]
fn sample_page_proof_matches_the_reference_image() {
    let opts = ProofOptions {
        dpi: 30.0,
        overlays: Overlays::default(),
        ..Default::default()
    };
    let (_, _, png) = banmian::build_proof(Path::new(SAMPLE), &opts).unwrap();
    if std::env::var_os("BANMIAN_BLESS").is_some() {
        std::fs::write(REFERENCE, &png).unwrap();
    }
    let want = image::load_from_memory(&std::fs::read(REFERENCE).unwrap_or_else(|e| {
        panic!("{REFERENCE}: {e}; create it with BANMIAN_BLESS=1 and look at it")
    }))
    .unwrap()
    .to_rgb8();
    let got = image::load_from_memory(&png).unwrap().to_rgb8();
    assert_eq!(got.dimensions(), want.dimensions());
    let differing = differing(&got, &want);
    if differing > ALLOWED {
        let keep = std::env::temp_dir().join("zibo-gaoxin-30dpi.actual.png");
        std::fs::write(&keep, &png).unwrap();
        panic!(
            "{differing} pixels differ from {REFERENCE} (at most {ALLOWED} may); \
             this build's proof is {}",
            keep.display()
        );
    }
}

#[test]
fn the_image_comparison_sees_a_changed_page() {
    // The same comparison on the page with one character taken out of its first
    // paragraph must see the change: the test above does not pass on anything.
    let opts = ProofOptions {
        dpi: 30.0,
        overlays: Overlays::default(),
        ..Default::default()
    };
    let dir = std::env::temp_dir().join(format!("banmian-snap-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let src = Path::new("samples/zibo-gaoxin");
    for folder in ["", "photos"] {
        std::fs::create_dir_all(dir.join(folder)).unwrap();
        for entry in std::fs::read_dir(src.join(folder)).unwrap() {
            let p = entry.unwrap().path();
            if p.is_file() {
                std::fs::copy(&p, dir.join(folder).join(p.file_name().unwrap())).unwrap();
            }
        }
    }
    let body = std::fs::read_to_string(dir.join("body.txt")).unwrap();
    std::fs::write(dir.join("body.txt"), body.replacen("江西道村", "江西道", 1)).unwrap();
    let (_, _, png) = banmian::build_proof(&dir.join("page.toml"), &opts).unwrap();
    let got = image::load_from_memory(&png).unwrap().to_rgb8();
    let want = image::load_from_memory(&std::fs::read(REFERENCE).unwrap())
        .unwrap()
        .to_rgb8();
    let _ = std::fs::remove_dir_all(&dir);
    let differing = differing(&got, &want);
    assert!(differing > ALLOWED, "only {differing} pixels differ");
}
