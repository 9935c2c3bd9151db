//! The reference page, built end to end and read back from the PDF with lopdf:
//! the article's text comes back out, every font is an embedded subset, the page boxes
//! are right, and the same spec gives the same bytes.

use banmian::resolve::BlockKind;
use lopdf::{Document as PdfDoc, Object};
use std::path::Path;

const SPEC: &str = "samples/zibo-gaoxin/page.toml";

fn build() -> (banmian::LaidOut, Vec<u8>) {
    banmian::build_pdf(Path::new(SPEC)).unwrap_or_else(|d| panic!("sample builds:\n{d}"))
}

fn squeeze(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

#[test]
fn sample_builds_without_warnings() {
    let (laid, _) = build();
    assert!(
        laid.composed.warnings.is_empty(),
        "{}",
        laid.composed.warnings
    );
    let a = &laid.composed.report.articles[0];
    assert_eq!(a.overset_chars, 0);
}

#[test]
fn extracted_text_contains_the_whole_article_in_order() {
    let (laid, pdf) = build();
    let doc = PdfDoc::load_mem(&pdf).expect("lopdf reads the PDF");
    let text = squeeze(&doc.extract_text(&[1]).expect("text extracts"));
    let article = &laid.model.articles[0];
    let body: String = article.blocks.iter().map(|b| squeeze(&b.text)).collect();
    assert!(
        body.chars().count() > 2500,
        "the sample body is the whole article"
    );
    if !text.contains(&body) {
        // Show where the PDF's text and the article part ways.
        let head: String = body.chars().take(12).collect();
        let start = text.find(&head).expect("the body's start is in the PDF");
        let got: Vec<char> = text[start..].chars().collect();
        let k = body.chars().zip(&got).take_while(|(a, b)| a == *b).count();
        let want: String = body.chars().skip(k.saturating_sub(10)).take(30).collect();
        let have: String = got.iter().skip(k.saturating_sub(10)).take(30).collect();
        panic!(
            "the PDF's text departs from the article at character {k}:\n want {want}\n have {have}"
        );
    }
    for extra in [
        "淄博高新区升级之路",
        "聚焦短板弱项助力转型升级",
        "高新区个私协会党支部成立大会。",
        "江西道村的党务公开栏。",
        "大众日报淄博融媒体中心记者魏鹏高阳通讯员秦磊",
        "编辑王兴华",
    ] {
        assert!(text.contains(extra), "{extra} missing from the PDF text");
    }
    let subheads = article
        .blocks
        .iter()
        .filter(|b| b.kind == BlockKind::Subhead)
        .count();
    assert_eq!(subheads, 3);
}

fn numbers(doc: &PdfDoc, o: &Object) -> Vec<f64> {
    let o = match o {
        Object::Reference(id) => doc.get_object(*id).expect("reference resolves"),
        o => o,
    };
    o.as_array()
        .expect("an array")
        .iter()
        .map(|n| n.as_float().expect("a number") as f64)
        .collect()
}

#[test]
fn page_boxes_match_the_tabloid_trim_and_bleed() {
    let (_, pdf) = build();
    let doc = PdfDoc::load_mem(&pdf).unwrap();
    let (_, page_id) = doc.get_pages().into_iter().next().unwrap();
    let page = doc.get_dictionary(page_id).unwrap();
    let mm = |v: f64| v * 72.0 / 25.4;
    let (w, h, b) = (mm(273.0), mm(393.0), mm(3.0));
    let close = |got: Vec<f64>, want: [f64; 4]| {
        assert!(
            got.iter().zip(want).all(|(g, w)| (g - w).abs() < 0.01),
            "{got:?} != {want:?}"
        );
    };
    close(
        numbers(&doc, page.get(b"MediaBox").unwrap()),
        [0.0, 0.0, w + 2.0 * b, h + 2.0 * b],
    );
    close(
        numbers(&doc, page.get(b"BleedBox").unwrap()),
        [0.0, 0.0, w + 2.0 * b, h + 2.0 * b],
    );
    close(
        numbers(&doc, page.get(b"TrimBox").unwrap()),
        [b, b, b + w, b + h],
    );
}

#[test]
fn every_font_is_an_embedded_subset() {
    let (_, pdf) = build();
    let doc = PdfDoc::load_mem(&pdf).unwrap();
    let mut seen = 0;
    for (_, obj) in doc.objects.iter() {
        let Ok(d) = obj.as_dict() else { continue };
        if d.get(b"Type").and_then(|t| t.as_name()).ok() != Some(b"FontDescriptor".as_slice()) {
            continue;
        }
        seen += 1;
        let name =
            String::from_utf8_lossy(d.get(b"FontName").unwrap().as_name().unwrap()).to_string();
        let tag = name.split('+').next().unwrap();
        assert!(
            tag.len() == 6 && tag.chars().all(|c| c.is_ascii_uppercase()),
            "{name} has no subset tag"
        );
        let file = d
            .get(b"FontFile3")
            .or_else(|_| d.get(b"FontFile2"))
            .expect("font program embedded");
        let stream = doc
            .get_object(file.as_reference().unwrap())
            .unwrap()
            .as_stream()
            .unwrap();
        let program = stream
            .decompressed_content()
            .unwrap_or_else(|_| stream.content.clone());
        assert!(
            program.len() < 400_000,
            "{name}: {} bytes is not a subset",
            program.len()
        );
    }
    assert_eq!(
        seen, 5,
        "song, song-bold, hei, hei-bold and kai are all used on the sample"
    );
}

#[test]
fn same_spec_gives_the_same_bytes_also_on_parallel_threads() {
    let (_, first) = build();
    let handles: Vec<_> = (0..2).map(|_| std::thread::spawn(|| build().1)).collect();
    for h in handles {
        assert!(h.join().unwrap() == first, "a second build differs");
    }
    assert_eq!(build().1, first);
}

#[test]
fn body_lines_sit_on_the_grid_and_fit_their_columns() {
    let (laid, _) = build();
    let g = &laid.model.grid;
    for a in &laid.composed.report.articles {
        for l in a.lines.iter().filter(|l| l.kind == "body") {
            let want = g.baseline(l.line) + g.bleed;
            assert!(
                (l.baseline.0 - want.0).abs() < 1e-6,
                "line {} of column {} is off the grid",
                l.line,
                l.column
            );
            assert!(l.width.0 <= l.measure.0 + 1e-6, "overfull: {}", l.text);
        }
    }
}

/// The bounding box of a glyph run: from the first origin to the last origin plus an em,
/// one em tall above the baseline (enough to tell whether two things collide).
fn run_box(run: &banmian::display::GlyphRun) -> Option<banmian::display::Rect> {
    use banmian::display::Rect;
    use banmian::units::Pt;
    let first = run.glyphs.first()?;
    let (mut x0, mut x1, mut y0, mut y1) = (first.x.0, first.x.0, first.y.0, first.y.0);
    for g in &run.glyphs {
        x0 = x0.min(g.x.0);
        x1 = x1.max(g.x.0);
        y0 = y0.min(g.y.0);
        y1 = y1.max(g.y.0);
    }
    let em = run.size.0;
    Some(Rect::new(
        Pt(x0),
        Pt(y0 - em * 0.8),
        Pt(x1 - x0 + em * 0.9),
        Pt(y1 - y0 + em * 0.9),
    ))
}

#[test]
fn no_text_overlaps_a_photo_and_nothing_leaves_the_trim() {
    use banmian::display::Item;
    let (laid, _) = build();
    let page = &laid.composed.doc.pages[0];
    let photos: Vec<_> = page
        .items
        .iter()
        .filter_map(|i| {
            if let Item::Image(im) = i {
                Some(im.frame)
            } else {
                None
            }
        })
        .collect();
    assert_eq!(photos.len(), 2);
    assert!(!photos[0].overlaps(&photos[1]));
    for item in &page.items {
        if let Item::Text(run) = item {
            let b = run_box(run).unwrap();
            for p in &photos {
                assert!(
                    !b.overlaps(p),
                    "text {:?} runs into a photo",
                    run.glyphs
                        .iter()
                        .map(|g| g.text.as_str())
                        .collect::<String>()
                );
            }
            assert!(
                b.x.0 >= page.trim.x.0 && b.right().0 <= page.trim.right().0,
                "text outside the trim"
            );
        }
    }
}

#[test]
fn captions_sit_on_grid_baselines_under_their_photos() {
    use banmian::display::Item;
    let (laid, _) = build();
    let g = &laid.model.grid;
    let page = &laid.composed.doc.pages[0];
    let on_grid = |y: f64| (0..g.lines).any(|l| (g.baseline(l).0 + g.bleed.0 - y).abs() < 1e-6);
    for caption in ["高新区个私协会党支部成立大会。", "江西道村的党务公开栏。"]
    {
        let run = page
            .items
            .iter()
            .find_map(|i| match i {
                Item::Text(r)
                    if r.glyphs
                        .iter()
                        .map(|g| g.text.as_str())
                        .collect::<String>()
                        .starts_with(caption) =>
                {
                    Some(r)
                }
                _ => None,
            })
            .unwrap_or_else(|| panic!("{caption} is set as one run"));
        assert!(
            on_grid(run.glyphs[0].y.0),
            "{caption} is off the baseline grid"
        );
    }
}

#[test]
fn subhead_rules_flank_the_subheads_without_touching_them() {
    use banmian::display::Item;
    let (laid, _) = build();
    let page = &laid.composed.doc.pages[0];
    let report = &laid.composed.report.articles[0];
    let subheads: Vec<_> = report
        .lines
        .iter()
        .filter(|l| l.kind == "subhead")
        .collect();
    assert!(
        subheads.len() >= 3,
        "three subheads, each on one line or more"
    );
    for l in subheads {
        let size = laid.model.grid.body_size.0;
        let y = l.baseline.0 - size * 0.38;
        let rules: Vec<_> = page
            .items
            .iter()
            .filter_map(|i| match i {
                Item::Line(r)
                    if (r.from.1 .0 - y).abs() < 1e-6
                        && r.from.0 .0 >= l.x.0 - 1e-6
                        && r.to.0 .0 <= l.x.0 + l.measure.0 + 1e-6 =>
                {
                    Some(r)
                }
                _ => None,
            })
            .collect();
        // A centred line leaves the same room each side; a rule needs 2 pt plus its air.
        let room = l.measure.0 - l.width.0;
        if rules.is_empty() {
            assert!(
                room < size * 0.5 + 2.0 + 1e-6,
                "“{}” has room for rules but none",
                l.text
            );
        } else {
            assert_eq!(rules.len(), 2, "a rule each side of “{}”", l.text);
            assert!(rules[0].to.0 .0 < rules[1].from.0 .0);
        }
    }
}
