//! Page-composition behaviour on small specs under tests/specs/ (each says what a reviewer
//! should see when built).

use banmian::display::Item;
use std::path::Path;

fn lay_out(spec: &str) -> banmian::LaidOut {
    banmian::lay_out(&Path::new("tests/specs").join(spec))
        .unwrap_or_else(|d| panic!("{spec}:\n{d}"))
}

#[test]
fn overlapping_elements_are_reported() {
    let laid = lay_out("overlaps.toml");
    let w: Vec<String> = laid
        .composed
        .warnings
        .iter()
        .filter(|d| d.code == "layout.overlap")
        .map(|d| d.message.clone())
        .collect();
    assert!(
        w.iter()
            .any(|m| m.contains("article `left` and article `right` overlap")),
        "{w:?}"
    );
    assert!(w.iter().any(|m| m.contains("inside the banner")), "{w:?}");
    assert!(
        w.iter()
            .any(|m| m.contains("heads of article `left`") && m.contains("promo box")),
        "{w:?}"
    );
}

#[test]
fn column_rules_stand_in_the_gutters_and_skip_the_photo() {
    let laid = lay_out("column-rules.toml");
    let g = &laid.model.grid;
    let rules: Vec<_> = laid.composed.doc.pages[0]
        .items
        .iter()
        .filter_map(|i| match i {
            Item::Line(l) if l.from.0 == l.to.0 => Some(l),
            _ => None,
        })
        .collect();
    let gutter_x = |c: usize| g.bleed + g.column_x(c) + g.column_width + g.gutter / 2.0;
    let in_gutter = |c: usize| {
        rules
            .iter()
            .filter(|r| (r.from.0 - gutter_x(c)).0.abs() < 1e-6)
            .count()
    };
    assert_eq!(in_gutter(1), 1, "the second gutter has one unbroken rule");
    assert_eq!(
        in_gutter(0),
        2,
        "the first gutter's rule is broken by the photo"
    );
    let photo_top = g.bleed + g.line_y(10);
    let photo_bottom = g.bleed + g.line_y(24);
    for r in rules
        .iter()
        .filter(|r| (r.from.0 - gutter_x(0)).0.abs() < 1e-6)
    {
        assert!(
            r.to.1 <= photo_top || r.from.1 >= photo_bottom,
            "a rule crosses the photo"
        );
    }
}

#[test]
fn body_lines_never_fall_inside_a_photo() {
    let laid = lay_out("column-rules.toml");
    let photo = laid.composed.doc.pages[0]
        .items
        .iter()
        .find_map(|i| match i {
            Item::Image(im) => Some(im.frame),
            _ => None,
        })
        .unwrap();
    for item in &laid.composed.doc.pages[0].items {
        if let Item::Text(run) = item {
            for g in &run.glyphs {
                let inside =
                    g.x > photo.x && g.x < photo.right() && g.y > photo.y && g.y < photo.bottom();
                assert!(!inside, "{} set inside the photo", g.text);
            }
        }
    }
}
