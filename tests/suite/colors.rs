//! Colour on the page: swatches and tints, spot inks as `/Separation` colour spaces, and
//! pure black text and rules overprinting on the reference page while everything else
//! (colours, white type, filled areas) knocks out.

use banmian::display::{Cmyk, Color, Item};
use lopdf::content::Content;
use lopdf::{Dictionary, Document as PdfDoc, Object};
use std::path::Path;

fn build(spec: &str) -> (banmian::LaidOut, PdfDoc) {
    let (laid, bytes) =
        banmian::build_pdf(Path::new(spec)).unwrap_or_else(|d| panic!("{spec}:\n{d}"));
    (laid, PdfDoc::load_mem(&bytes).unwrap())
}

fn page_resources(pdf: &PdfDoc) -> &Dictionary {
    let page = pdf.get_pages()[&1];
    let page = pdf.get_dictionary(page).unwrap();
    let r = page.get(b"Resources").unwrap();
    pdf.dereference(r).unwrap().1.as_dict().unwrap()
}

fn operations(pdf: &PdfDoc) -> Vec<lopdf::content::Operation> {
    let page = pdf.get_pages()[&1];
    Content::decode(&pdf.get_page_content(page))
        .unwrap()
        .operations
}

#[test]
fn a_spot_swatch_becomes_a_separation_with_its_cmyk_stand_in() {
    let (laid, pdf) = build("tests/specs/swatches.toml");
    assert_eq!(laid.composed.doc.spots.len(), 1);
    let spaces = page_resources(&pdf).get(b"ColorSpace").unwrap();
    let spaces = pdf.dereference(spaces).unwrap().1.as_dict().unwrap();
    let (res_name, space) = spaces.iter().next().expect("one colour space");
    let space = pdf.dereference(space).unwrap().1.as_array().unwrap();
    assert_eq!(space[0].as_name().unwrap(), b"Separation");
    assert_eq!(space[1].as_name().unwrap(), b"PANTONE 485 C");
    assert_eq!(space[2].as_name().unwrap(), b"DeviceCMYK");
    let tint = pdf.dereference(&space[3]).unwrap().1.as_dict().unwrap();
    let c1: Vec<f32> = tint
        .get(b"C1")
        .unwrap()
        .as_array()
        .unwrap()
        .iter()
        .map(|o| o.as_float().unwrap())
        .collect();
    assert_eq!(c1, [0.0, 0.95, 1.0, 0.0]);

    // The banner is filled in the ink at 100 %, the promo frame stroked at 60 %.
    let ops = operations(&pdf);
    let uses: Vec<(String, Vec<Object>)> = ops
        .iter()
        .filter(|o| ["cs", "CS", "scn", "SCN"].contains(&o.operator.as_str()))
        .map(|o| (o.operator.clone(), o.operands.clone()))
        .collect();
    let name = Object::Name(res_name.clone());
    assert!(
        uses.contains(&("cs".into(), vec![name.clone()])),
        "{uses:?}"
    );
    assert!(uses.contains(&("CS".into(), vec![name])), "{uses:?}");
    assert!(
        uses.contains(&("scn".into(), vec![Object::Integer(1)])),
        "{uses:?}"
    );
    assert!(
        uses.contains(&("SCN".into(), vec![Object::Real(0.6)])),
        "{uses:?}"
    );
}

#[test]
fn a_tint_of_a_process_swatch_scales_its_inks() {
    let (laid, _) = build("tests/specs/swatches.toml");
    let fills: Vec<Color> = laid.composed.doc.pages[0]
        .items
        .iter()
        .filter_map(|i| match i {
            Item::Rect(r) => r.fill,
            _ => None,
        })
        .collect();
    let want = Color::Process(Cmyk::new(0.0, 0.2, 0.2, 0.02));
    assert!(
        fills.iter().any(|f| match (f, want) {
            (Color::Process(a), Color::Process(b)) => [a.c - b.c, a.m - b.m, a.y - b.y, a.k - b.k]
                .iter()
                .all(|d| d.abs() < 1e-9),
            _ => false,
        }),
        "{fills:?}"
    );
}

#[test]
fn bad_swatches_are_located_errors() {
    let e = match banmian::lay_out(Path::new("tests/specs/bad-swatches.toml")) {
        Ok(_) => panic!("bad swatches lay out"),
        Err(d) => d.to_string(),
    };
    assert!(
        e.contains("bad-swatches.toml:9:8: error: a spot swatch is a table of `spot`"),
        "{e}"
    );
    assert!(
        e.contains("bad-swatches.toml:13:9: error: no swatch named `crimson`"),
        "{e}"
    );
    assert!(e.contains("hint: swatches defined: red"), "{e}");
    assert!(
        e.contains("bad-swatches.toml:18:8: error: `120%` is not a tint"),
        "{e}"
    );
}

/// Each text-showing or painting operator with the fill colour and the graphics state
/// in force.
fn paint_states(pdf: &PdfDoc) -> Vec<(String, Vec<f32>, Option<Vec<u8>>)> {
    let (mut fill, mut stroke, mut gs) = (Vec::new(), Vec::new(), None);
    let mut out = Vec::new();
    for op in operations(pdf) {
        let nums = || -> Vec<f32> {
            op.operands
                .iter()
                .map(|o| o.as_float().unwrap_or(0.0))
                .collect()
        };
        match op.operator.as_str() {
            "k" => fill = nums(),
            "K" => stroke = nums(),
            "gs" => gs = Some(op.operands[0].as_name().unwrap().to_vec()),
            "TJ" | "Tj" | "f" => out.push((op.operator.clone(), fill.clone(), gs.clone())),
            "S" => out.push((op.operator.clone(), stroke.clone(), gs.clone())),
            _ => {}
        }
    }
    out
}

#[test]
fn on_the_sample_black_overprints_and_everything_else_knocks_out() {
    let (_, pdf) = build("samples/zibo-gaoxin/page.toml");
    let states = paint_states(&pdf);
    let black = [0.0, 0.0, 0.0, 1.0];
    let (mut black_text, mut other) = (0, 0);
    for (op, color, gs) in &states {
        let overprints = gs.as_deref() == Some(b"GOP".as_slice());
        if op == "f" && color.as_slice() == black {
            // Filled areas knock out even in black (the QR code's squares): overprint
            // is for type and rules, where misregistration would show.
            assert!(!overprints, "a black fill knocks out");
        } else if color.as_slice() == black {
            assert!(overprints, "{op} in 100 % K must overprint");
            black_text += usize::from(op.starts_with('T'));
        } else {
            assert!(!overprints, "{op} in {color:?} must knock out");
            other += 1;
        }
    }
    assert!(black_text > 100, "body text is black: {black_text} runs");
    assert!(other > 0, "the red banner and white type on it knock out");
}
