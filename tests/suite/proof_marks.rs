//! Proof marks: present only when asked for (`[output] marks` or `--proof`), all outside
//! the trim and the bleed and inside the grown media box, in the registration colour
//! (`/Separation /All`) except the colour bar, and a slug line that names the page.

use banmian::display::{Color, Item, Page, Rect};
use banmian::units::Pt;
use banmian::BuildOptions;
use lopdf::Document as PdfDoc;
use std::path::Path;

const SPEC: &str = "tests/specs/proof-marks.toml";

fn page(marks: bool) -> (Page, Vec<u8>) {
    let opts = BuildOptions {
        marks: Some(marks),
        ..Default::default()
    };
    let (laid, pdf) =
        banmian::build_pdf_with(Path::new(SPEC), &opts).unwrap_or_else(|d| panic!("{SPEC}:\n{d}"));
    (laid.composed.doc.pages[0].clone(), pdf)
}

/// The area an item covers (a glyph counts as the 6 pt square above its baseline).
fn bounds(item: &Item) -> Rect {
    let from_points = |pts: &[(Pt, Pt)]| {
        let x0 = pts.iter().map(|p| p.0 .0).fold(f64::INFINITY, f64::min);
        let x1 = pts.iter().map(|p| p.0 .0).fold(f64::NEG_INFINITY, f64::max);
        let y0 = pts.iter().map(|p| p.1 .0).fold(f64::INFINITY, f64::min);
        let y1 = pts.iter().map(|p| p.1 .0).fold(f64::NEG_INFINITY, f64::max);
        Rect::new(Pt(x0), Pt(y0), Pt(x1 - x0), Pt(y1 - y0))
    };
    match item {
        Item::Text(run) => {
            let pts: Vec<_> = run
                .glyphs
                .iter()
                .flat_map(|g| [(g.x, g.y - run.size), (g.x + run.size, g.y)])
                .collect();
            from_points(&pts)
        }
        Item::Line(l) => from_points(&[l.from, l.to]),
        Item::Rect(r) => r.rect,
        Item::Circle(c) => Rect::new(
            c.center.0 - c.radius,
            c.center.1 - c.radius,
            c.radius * 2.0,
            c.radius * 2.0,
        ),
        Item::Image(i) => i.frame,
        Item::Graphic(g) => g.clip,
        // Reading spans draw nothing (none on these pages).
        Item::Span(_) | Item::EndSpan => Rect::default(),
    }
}

fn inside(a: &Rect, b: &Rect) -> bool {
    a.x.0 >= b.x.0 - 1e-6
        && a.y.0 >= b.y.0 - 1e-6
        && a.right().0 <= b.right().0 + 1e-6
        && a.bottom().0 <= b.bottom().0 + 1e-6
}

#[test]
fn press_output_has_no_marks_and_no_room_for_them() {
    let (page, pdf) = page(false);
    assert_eq!(page.media, page.bleed, "the sheet is the bleed box");
    assert!(page
        .items
        .iter()
        .all(|i| !matches!(i, Item::Circle(_)) && !uses_registration(i)));
    let text = String::from_utf8_lossy(&pdf);
    assert!(!text.contains("/Separation /All"));
}

fn uses_registration(item: &Item) -> bool {
    match item {
        Item::Text(r) => r.color == Color::Registration,
        Item::Line(l) => l.stroke.color == Color::Registration,
        Item::Circle(c) => c.stroke.is_some_and(|s| s.color == Color::Registration),
        _ => false,
    }
}

#[test]
fn a_proof_has_marks_outside_the_trim_and_bleed_inside_the_media() {
    let (press, _) = page(false);
    let (proof, _) = page(true);
    assert_eq!((proof.trim.w, proof.trim.h), (press.trim.w, press.trim.h));
    assert!(proof.media.w > proof.bleed.w && proof.media.h > proof.bleed.h);
    // Marks are drawn last: everything past the press page's items.
    let marks = &proof.items[press.items.len()..];
    let lines = marks.iter().filter(|i| matches!(i, Item::Line(_))).count();
    let circles = marks
        .iter()
        .filter(|i| matches!(i, Item::Circle(_)))
        .count();
    let patches: Vec<_> = marks
        .iter()
        .filter_map(|i| match i {
            Item::Rect(r) => r.fill,
            _ => None,
        })
        .collect();
    assert_eq!(
        lines,
        8 + 4 * 2,
        "8 crop marks, a cross in each of 4 targets"
    );
    assert_eq!(circles, 4);
    assert!(
        patches.len() >= 18,
        "16 process patches and the spot ink twice"
    );
    assert!(patches.contains(&Color::Spot { spot: 0, tint: 1.0 }));
    for m in marks {
        let b = bounds(m);
        assert!(!b.overlaps(&proof.bleed), "{m:?} reaches into the bleed");
        assert!(inside(&b, &proof.media), "{m:?} is off the sheet");
        let patch = matches!(m, Item::Rect(_));
        assert!(patch || uses_registration(m), "{m:?} prints on every plate");
    }
}

#[test]
fn the_pdf_of_a_proof_has_the_registration_colour_and_the_slug() {
    let (_, bytes) = page(true);
    let pdf = PdfDoc::load_mem(&bytes).unwrap();
    let all = pdf
        .objects
        .values()
        .filter_map(|o| o.as_array().ok())
        .find(|a| {
            a.first().and_then(|o| o.as_name().ok()) == Some(b"Separation".as_slice())
                && a.get(1).and_then(|o| o.as_name().ok()) == Some(b"All".as_slice())
        });
    assert!(all.is_some(), "a /Separation /All colour space");
    let text: String = pdf
        .extract_text(&[1])
        .unwrap()
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect();
    assert!(
        text.contains("proof-test|A01|page1of1|2020-12-0316:00UTC|banmian"),
        "{text}"
    );
}

#[test]
fn the_spec_can_ask_for_marks_without_the_flag() {
    let laid = banmian::lay_out(Path::new(SPEC)).unwrap();
    let page = &laid.composed.doc.pages[0];
    assert!(page.media.w > page.bleed.w);
}
