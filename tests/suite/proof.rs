//! PNG proofs: the size follows the dpi, and overlays show where warnings are.

use banmian::render::proof::{Overlays, ProofOptions};
use std::path::Path;

fn png_size(png: &[u8]) -> (u32, u32) {
    // IHDR: width and height right after the 8-byte signature and the chunk header.
    let be = |i: usize| u32::from_be_bytes(png[i..i + 4].try_into().unwrap());
    assert_eq!(&png[..8], b"\x89PNG\r\n\x1a\n");
    (be(16), be(20))
}

#[test]
fn a_proof_is_the_page_size_at_its_dpi() {
    let opts = ProofOptions {
        dpi: 20.0,
        overlays: Overlays::default(),
        ..Default::default()
    };
    let (laid, _, png) = banmian::build_proof(
        Path::new("tests/editions/three-small-pages/a03.toml"),
        &opts,
    )
    .unwrap();
    let media = laid.composed.doc.pages[0].media;
    let px = |pt: f64| (pt * 20.0 / 72.0).round() as u32;
    assert_eq!(png_size(&png), (px(media.w.0), px(media.h.0)));
    // 273 × 393 mm trim plus 3 mm bleed each side, at 20 dpi.
    assert_eq!(png_size(&png), (220, 314));
}

#[test]
fn the_warning_overlay_draws_red_where_the_warning_is() {
    let spec = Path::new("tests/specs/missing-glyph.toml");
    let plain = ProofOptions {
        dpi: 24.0,
        overlays: Overlays::default(),
        ..Default::default()
    };
    let marked = ProofOptions {
        dpi: 24.0,
        overlays: "warnings".parse().unwrap(),
        ..Default::default()
    };
    let (_, _, a) = banmian::build_proof(spec, &plain).unwrap();
    let (_, _, b) = banmian::build_proof(spec, &marked).unwrap();
    let red = |png: &[u8]| {
        let img = image::load_from_memory(png).unwrap().to_rgb8();
        img.pixels()
            .filter(|p| p[0] > 180 && p[1] < 60 && p[2] < 60)
            .count()
    };
    assert_eq!(red(&a), 0);
    assert!(red(&b) > 20, "the numbered warning box is red");
}
