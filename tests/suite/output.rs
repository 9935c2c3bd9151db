//! The spec's `[output]` table: the press profile and its condition, plain PDF, and the
//! photo resolution limit. Specs are in tests/specs/, each saying what a reviewer should see.

use crate::common;
use banmian::diag::Code;
use lopdf::{Dictionary, Document as PdfDoc};
use std::path::{Path, PathBuf};

fn spec(name: &str) -> PathBuf {
    Path::new("tests/specs").join(name)
}

fn build(name: &str) -> PdfDoc {
    let (_, bytes) = banmian::build_pdf_with(&spec(name), &common::in_repo())
        .unwrap_or_else(|d| panic!("{name}:\n{d}"));
    PdfDoc::load_mem(&bytes).unwrap()
}

fn errors(name: &str) -> String {
    match banmian::lay_out_with(&spec(name), &common::in_repo()) {
        Ok(_) => panic!("{name} should not lay out"),
        Err(d) => d.to_string(),
    }
}

fn intent(pdf: &PdfDoc) -> Option<&Dictionary> {
    let intents = pdf.catalog().unwrap().get(b"OutputIntents").ok()?;
    let first = &intents.as_array().unwrap()[0];
    Some(pdf.dereference(first).unwrap().1.as_dict().unwrap())
}

#[test]
fn the_specs_profile_and_condition_become_the_output_intent() {
    let pdf = build("output-profile.toml");
    let intent = intent(&pdf).expect("an output intent");
    let text = |k: &[u8]| intent.get(k).unwrap().as_str().unwrap().to_vec();
    assert_eq!(text(b"OutputConditionIdentifier"), b"IFRA26");
    assert_eq!(
        text(b"Info"),
        b"ISO 12647-3:2004 coldset newsprint (test stand-in profile)"
    );
    assert_eq!(text(b"RegistryName"), b"http://www.color.org");
}

#[test]
fn pdfx_false_writes_a_plain_pdf() {
    let pdf = build("plain-pdf.toml");
    assert!(intent(&pdf).is_none());
    let info = pdf
        .dereference(pdf.trailer.get(b"Info").unwrap())
        .unwrap()
        .1
        .as_dict()
        .unwrap();
    assert!(!info.has(b"GTS_PDFXVersion"));
    assert!(!info.has(b"CreationDate"), "no date was given");
}

#[test]
fn an_rgb_profile_cannot_be_the_press_profile() {
    let e = errors("output-rgb-profile.toml");
    assert!(
        e.starts_with("tests/specs/output-rgb-profile.toml:7:7: error: output profile"),
        "{e}"
    );
    assert!(e.contains("a RGB profile of class `mntr`"), "{e}");
    assert!(e.contains("CMYK output (`prtr`) profile"), "{e}");
}

#[test]
fn a_profile_needs_its_condition_and_min_ppi_a_sane_value() {
    let e = errors("output-no-condition.toml");
    assert!(
        e.contains("output-no-condition.toml:7:7: error: an output profile needs the name of its printing condition"),
        "{e}"
    );
    assert!(e.contains("IFRA26"), "the hint names a condition: {e}");
    assert!(
        e.contains("output-no-condition.toml:8:11: error: a minimum of 0 ppi"),
        "{e}"
    );
}

fn low_res_warnings(name: &str) -> Vec<String> {
    let laid = banmian::lay_out_with(&spec(name), &common::in_repo())
        .unwrap_or_else(|d| panic!("{name}:\n{d}"));
    laid.composed
        .warnings
        .iter()
        .filter(|d| d.code == Code::PhotoLowResolution)
        .map(|d| d.to_string())
        .collect()
}

#[test]
fn a_low_resolution_photo_is_named_with_its_ppi() {
    let w = low_res_warnings("low-resolution.toml");
    assert_eq!(w.len(), 1, "{w:?}");
    assert!(
        w[0].contains("photo tests/specs/../fixtures/rgb-8x8.jpg prints at 2 ppi (under 150)"),
        "{}",
        w[0]
    );
    assert!(
        w[0].contains("low-resolution.toml:8:8"),
        "located: {}",
        w[0]
    );
    assert!(low_res_warnings("low-resolution-allowed.toml").is_empty());
}

#[test]
fn a_low_resolution_photo_is_boxed_on_the_proof_where_it_is() {
    use banmian::display::Item;
    let laid = banmian::lay_out_with(&spec("low-resolution.toml"), &common::in_repo()).unwrap();
    let w = laid
        .composed
        .warnings
        .iter()
        .find(|d| d.code == Code::PhotoLowResolution)
        .unwrap();
    let frame = laid.composed.doc.pages[0]
        .items
        .iter()
        .find_map(|i| match i {
            Item::Image(im) => Some(im.frame),
            _ => None,
        })
        .unwrap();
    assert_eq!(w.area, Some(frame));
    assert_eq!(
        banmian::render::proof::warning_area(w, &laid.composed.report),
        Some(frame)
    );
}
