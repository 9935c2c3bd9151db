//! Page-composition behaviour on small specs under tests/specs/ (each says what a reviewer
//! should see when built).

use crate::common;
use banmian::diag::Code;
use banmian::display::{Color, Item};
use std::path::Path;

fn lay_out(spec: &str) -> banmian::LaidOut {
    banmian::lay_out_with(&Path::new("tests/specs").join(spec), &common::in_repo())
        .unwrap_or_else(|d| panic!("{spec}:\n{d}"))
}

#[test]
fn overlapping_elements_are_reported() {
    let laid = lay_out("overlaps.toml");
    let w: Vec<String> = laid
        .composed
        .warnings
        .iter()
        .filter(|d| d.code == Code::LayoutOverlap)
        .map(|d| d.message.clone())
        .collect();
    assert!(
        w.iter()
            .any(|m| m.contains("article `left` and article `right` overlap")),
        "{w:?}"
    );
    assert!(w.iter().any(|m| m.contains("inside the banner")), "{w:?}");
    // Each is located in the spec and boxed on the proof where the clash is.
    let page = &laid.composed.doc.pages[0];
    for d in laid
        .composed
        .warnings
        .iter()
        .filter(|d| d.code == Code::LayoutOverlap)
    {
        assert!(d.loc.is_some(), "{d}");
        let a = d.area.unwrap_or_else(|| panic!("{d} has no area"));
        assert!(
            a.w.0 > 0.0 && a.h.0 > 0.0 && a.right().0 <= page.trim.right().0,
            "{d}"
        );
    }
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

#[test]
fn overset_text_is_reported_and_marked_in_red() {
    let laid = lay_out("overset.toml");
    let w = laid
        .composed
        .warnings
        .iter()
        .find(|d| d.code == Code::TextOverset)
        .expect("an overset warning");
    assert!(w.message.contains("article `long`"), "{}", w.message);
    let a = &laid.composed.report.articles[0];
    assert!(a.overset_chars > 0);
    assert!(w
        .message
        .contains(&format!("{} characters", a.overset_chars)));
    let red = laid.composed.doc.pages[0].items.iter().any(|i| {
        matches!(i, Item::Rect(r) if matches!(r.fill, Some(Color::Process(c)) if c.m == 1.0 && c.y == 1.0 && c.k == 0.0))
    });
    assert!(red, "no red overset marker on the page");
}

#[test]
fn copyfit_tightens_tracking_within_its_limit_and_stays_on_the_grid() {
    let laid = lay_out("copyfit.toml");
    assert!(
        laid.composed.warnings.is_empty(),
        "{}",
        laid.composed.warnings
    );
    let a = &laid.composed.report.articles[0];
    assert_eq!(a.overset_chars, 0);
    assert!(
        a.tracking_em < 0.0 && a.tracking_em >= -0.05,
        "tracking {}",
        a.tracking_em
    );
    let g = &laid.model.grid;
    for l in a.lines.iter().filter(|l| l.kind == "body") {
        assert!((l.baseline - (g.baseline(l.line) + g.bleed)).0.abs() < 1e-6);
        assert!(l.width.0 <= l.measure.0 + 1e-6, "overfull: {}", l.text);
    }
}

#[test]
fn every_paragraph_is_set_once_whole_across_columns() {
    for spec in ["copyfit.toml", "column-rules.toml"] {
        let laid = lay_out(spec);
        let article = &laid.model.articles[0];
        let report = &laid.composed.report.articles[0];
        for (bi, block) in article.blocks.iter().enumerate() {
            let set: String = report
                .lines
                .iter()
                .filter(|l| l.block == bi && l.kind == "body")
                .map(|l| l.text.as_str())
                .collect();
            if block.kind == banmian::resolve::BlockKind::Paragraph {
                assert_eq!(
                    set,
                    block.text,
                    "{spec}: paragraph {} lost or doubled text",
                    bi + 1
                );
            }
        }
    }
}

#[test]
fn a_multi_line_head_is_balanced_and_centred() {
    let laid = lay_out("balanced-head.toml");
    let head: Vec<_> = laid.composed.doc.pages[0]
        .items
        .iter()
        .filter_map(|i| match i {
            Item::Text(r) if r.size.0 == 36.0 => Some(r),
            _ => None,
        })
        .collect();
    let counts: Vec<usize> = head.iter().map(|r| r.glyphs.len()).collect();
    assert_eq!(counts.iter().sum::<usize>(), 18);
    assert_eq!(counts.len(), 3, "{counts:?}");
    assert!(
        counts.iter().max().unwrap() - counts.iter().min().unwrap() <= 1,
        "unbalanced: {counts:?}"
    );
    let g = &laid.model.grid;
    let (left, right) = (
        g.bleed + g.column_x(0),
        g.bleed + g.column_x(0) + g.span_width(2),
    );
    for r in head {
        let x0 = r.glyphs.first().unwrap().x;
        let x1 = r.glyphs.last().unwrap().x + r.size;
        assert!(
            ((x0 - left) - (right - x1)).0.abs() < 0.5,
            "line not centred"
        );
    }
}

#[test]
fn furniture_that_does_not_fit_is_reported_where_it_is() {
    let laid = lay_out("furniture-overflow.toml");
    let w: Vec<_> = laid
        .composed
        .warnings
        .iter()
        .filter(|d| matches!(d.code, Code::LayoutBannerTooLong | Code::LayoutFolioTooLong))
        .collect();
    let line_of = |d: &banmian::diag::Diagnostic| d.loc.as_ref().map(|l| l.line);
    let title = w
        .iter()
        .find(|d| d.message.contains("banner title is"))
        .unwrap_or_else(|| panic!("{w:#?}"));
    assert_eq!(line_of(title), Some(15), "points at `title =`");
    assert!(w
        .iter()
        .any(|d| d.message.contains("no room for the slogans")));
    assert!(w
        .iter()
        .any(|d| d.message.contains("no room for the credits")));
    let folio = w
        .iter()
        .find(|d| d.code == Code::LayoutFolioTooLong)
        .unwrap_or_else(|| panic!("{w:#?}"));
    assert_eq!(line_of(folio), Some(9), "points at `paper =`");
    // Every one of them has its place on the page, inside the media box.
    let page = &laid.composed.doc.pages[0];
    for d in &w {
        let a = d.area.unwrap_or_else(|| panic!("{d:?} has no area"));
        assert!(a.w.0 > 0.0 && a.h.0 > 0.0);
        assert!(a.x.0 >= page.media.x.0 && a.right().0 <= page.media.right().0);
        assert!(a.y.0 >= page.media.y.0 && a.bottom().0 <= page.media.bottom().0);
    }
    // The title is set smaller and stays inside the band.
    let band = page
        .items
        .iter()
        .find_map(|i| match i {
            Item::Rect(r) if r.fill.is_some() && r.rect.y.0 > 0.0 => Some(r.rect),
            _ => None,
        })
        .unwrap();
    for i in &page.items {
        if let Item::Text(t) = i {
            if t.color == Color::WHITE {
                for g in &t.glyphs {
                    let end = g.x + t.size; // an ideograph is one em wide
                    assert!(
                        end.0 <= band.right().0 + 0.01,
                        "banner text ends at {end} past the band"
                    );
                }
            }
        }
    }
}

#[test]
fn the_sample_page_furniture_fits() {
    let laid = banmian::lay_out(Path::new("samples/zibo-gaoxin/page.toml")).unwrap();
    let w: Vec<_> = laid
        .composed
        .warnings
        .iter()
        .filter(|d| matches!(d.code, Code::LayoutBannerTooLong | Code::LayoutFolioTooLong))
        .collect();
    assert!(w.is_empty(), "{w:#?}");
}

#[test]
fn an_article_may_set_its_body_in_another_face() {
    use banmian::fonts::Builtin;
    let laid = lay_out("body-font.toml");
    let page = &laid.composed.doc.pages[0];
    let body_fonts = |first: char| -> Vec<_> {
        page.items
            .iter()
            .filter_map(|i| match i {
                Item::Text(t) if t.size.0 == laid.model.grid.body_size.0 => Some(t),
                _ => None,
            })
            .filter(|t| t.glyphs.first().is_some_and(|g| g.text.starts_with(first)))
            .map(|t| t.font)
            .collect()
    };
    assert_eq!(body_fonts('全'), [Builtin::Song.id()], "the page default");
    assert_eq!(
        body_fonts('供'),
        [Builtin::Kai.id()],
        "text = {{ font = \"kai\" }}"
    );
    // Same grid: the first body baselines of both articles are on one grid line.
    let first_baseline = |id: &str| {
        laid.composed
            .report
            .articles
            .iter()
            .find(|a| a.id == id)
            .unwrap()
            .lines[0]
            .baseline
    };
    assert_eq!(first_baseline("news"), first_baseline("comment"));
}
