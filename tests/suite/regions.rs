//! Issue #13's text settings on whole pages and single paragraphs: `region` (centred
//! punctuation for Taiwan and Hong Kong, cjk-rules.md §3.1–§3.2), the Traditional
//! Chinese face, the layouts' house `latin_space`, and located errors for bad values.

use banmian::fonts::{Builtin, FontBook};
use banmian::linebreak::{self, LatinSpace, Line, Options, Paragraph, Region, Style};
use banmian::units::Pt;
use lopdf::Document as PdfDoc;
use std::path::Path;

const SIZE: f64 = 10.0;

fn set(text: &str, font: Builtin, region: Region, measure_em: f64) -> Vec<Line> {
    let fonts = FontBook::builtin();
    let style = Style::new(font.id(), Pt(SIZE));
    let mut par = Paragraph::body(text, style);
    par.indent = Pt::ZERO;
    let opts = Options {
        region,
        ..Options::default()
    };
    let p = linebreak::prepare(&par, &fonts, &opts);
    assert!(p.missing.is_empty(), "{:?}", p.missing);
    p.break_lines(&|_| Pt(SIZE * measure_em))
}

/// The ink centre of a placed glyph relative to its frame, in em (0.5: centred).
fn ink_centre(g: &linebreak::PlacedGlyph, face: &banmian::fonts::FontFace) -> f64 {
    let (l, r) = linebreak::ink_bearings(face, g.gid).expect("ink");
    let adv = face.advance(g.gid);
    let centre = g.x.0 / SIZE + l + (adv - l - r) / 2.0;
    centre - g.frame_x.0 / SIZE
}

#[test]
fn taiwan_commas_sit_centred_in_a_full_frame_and_keep_off_the_bracket() {
    let fonts = FontBook::builtin();
    let face = fonts.face(Builtin::Ming.id());
    // Set loose enough that nothing is pushed in: 他說，「好」。
    let lines = set("他說，「好」。", Builtin::Ming, Region::Tw, 20.0);
    let g = &lines[0].glyphs;
    let comma = &g[2];
    assert_eq!(comma.text, "，");
    assert!(
        (ink_centre(comma, face) - 0.5).abs() < 0.08,
        "{}",
        ink_centre(comma, face)
    );
    // The comma keeps its own ¼ em; the bracket's ½ em between the inks is compressed.
    let bracket = &g[3];
    let gap = (bracket.frame_x - comma.frame_x).0 / SIZE;
    assert!((gap - 0.75).abs() < 1e-6, "comma frame {gap} em before 「");
}

#[test]
fn taiwan_pause_marks_are_not_pushed_in_but_hong_kong_ones_are() {
    // 13 characters and four commas in 14.5 em: only push-in makes them fit one line.
    let text = "一二三，四五六，七八九，十一二，三";
    let hk = set(text, Builtin::Ming, Region::Hk, 15.5);
    let tw = set(text, Builtin::Ming, Region::Tw, 15.5);
    assert_eq!(
        hk.len(),
        1,
        "{:?}",
        hk.iter().map(Line::text).collect::<Vec<_>>()
    );
    assert!(tw.len() > 1, "Taiwan keeps its marks full width");
}

#[test]
fn mainland_comma_keeps_its_corner() {
    let fonts = FontBook::builtin();
    let face = fonts.face(Builtin::Song.id());
    let lines = set("他说，“好”。", Builtin::Song, Region::Gb, 20.0);
    let comma = &lines[0].glyphs[2];
    assert!(ink_centre(comma, face) < 0.3, "corner position");
}

#[test]
fn traditional_page_builds_with_nothing_installed() {
    let (laid, pdf) = banmian::build_pdf(Path::new("tests/specs/traditional.toml"))
        .unwrap_or_else(|d| panic!("{d}"));
    assert!(
        laid.composed.warnings.iter().next().is_none(),
        "{}",
        laid.composed.warnings
    );
    assert_eq!(laid.model.text.region, Region::Tw);
    for a in &laid.composed.report.articles {
        assert_eq!(
            a.quality.kinsoku_violations, 0,
            "{:?}",
            a.quality.violations
        );
        assert_eq!(a.quality.orphans, 0);
        assert_eq!(a.quality.overfull_lines, 0);
        assert_eq!(a.overset_chars, 0);
    }
    let doc = PdfDoc::load_mem(&pdf).expect("lopdf reads the PDF");
    let text: String = doc
        .extract_text(&[1])
        .expect("text")
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect();
    for needle in [
        "市立圖書館昨日宣布",
        "「下班後還能來借書」",
        "2019—2021年間",
        "service@library.gov.tw",
    ] {
        assert!(text.contains(needle), "{needle} not in {text}");
    }
}

#[test]
fn shipped_layouts_set_no_han_latin_space() {
    let model = banmian::lay_out(Path::new("samples/zibo-gaoxin/page.toml"))
        .expect("sample")
        .model;
    assert_eq!(model.text.latin_space, LatinSpace::None);
}

#[test]
fn bad_text_settings_are_located_in_spec_and_layout() {
    let e = match banmian::lay_out(Path::new("tests/specs/bad-text-settings.toml")) {
        Ok(_) => panic!("should not lay out"),
        Err(d) => d.to_string(),
    };
    insta::assert_snapshot!(e, @r"
    tests/specs/layouts/house-bad-text.toml:11:15: error: unknown Han–Latin spacing `half`
      hint: one of: none, eighth, sixth, quarter (mainland dailies: none)
    tests/specs/bad-text-settings.toml:7:10: error: unknown quote setting `curly`
      hint: one of: proportional (quotes around a Latin phrase follow the Latin font), full
    tests/specs/bad-text-settings.toml:6:10: error: unknown region `jp`
      hint: one of: cn (mainland, corner punctuation), tw, hk (centred punctuation)
    ");
}

#[test]
fn a_line_stretched_past_half_an_em_is_a_located_warning() {
    let laid = banmian::lay_out(Path::new("tests/specs/loose-line.toml")).expect("lays out");
    let w: Vec<_> = laid
        .composed
        .warnings
        .iter()
        .filter(|d| d.code == banmian::diag::Code::TextLooseLine)
        .collect();
    assert_eq!(w.len(), 1, "{}", laid.composed.warnings);
    let loc = w[0].loc.as_ref().expect("located");
    assert_eq!((loc.line, loc.column), (15, 1));
    assert!(w[0].area.is_some(), "boxed on the proof");
    assert!(w[0].message.contains("long and pros"), "{}", w[0].message);
    let q = &laid.composed.report.articles[0].quality;
    assert!(q.loose_lines >= 1 && q.max_stretch_em > 0.5, "{q:?}");
}

/// Lays out a page from `spec` in memory and returns its warnings' codes and where.
fn warnings_of(spec: &str) -> Vec<(banmian::diag::Code, Option<(usize, usize)>)> {
    let m = banmian::files::Memory::new()
        .with("page.toml", spec.as_bytes().to_vec())
        .with("body.txt", "他說，這是好事。".as_bytes().to_vec());
    let laid = banmian::lay_out_from(Path::new("page.toml"), &m, &Default::default())
        .expect("the page lays out");
    // The composer's warnings begin with the model's.
    laid.composed
        .warnings
        .iter()
        .map(|w| (w.code, w.loc.as_ref().map(|l| (l.line, l.column))))
        .collect()
}

#[test]
fn hanging_with_centred_marks_is_a_warning_at_the_key_that_made_it() {
    use banmian::diag::Code::TextHangingIgnored as Ignored;
    let page = |text: &str, article: &str| {
        format!(
            "[page]\nlayout = \"tabloid\"\n\n[page.text]\n{text}\n\n[[article]]\nid = \"a\"\nbody_file = \"body.txt\"\nplace = {{ column = 1, span = 2, top = 0, height = 3 }}\n{article}\n"
        )
    };
    let ignored =
        |w: Vec<(banmian::diag::Code, Option<(usize, usize)>)>| -> Vec<Option<(usize, usize)>> {
            w.into_iter()
                .filter(|(c, _)| *c == Ignored)
                .map(|(_, at)| at)
                .collect()
        };
    // Both in [page.text]: at `hanging` (line 7; `font` and `region` on 5 and 6).
    let both = page("font = \"ming\"\nregion = \"tw\"\nhanging = true", "");
    assert_eq!(ignored(warnings_of(&both)), vec![Some((7, 11))]);
    // `hanging` on the page, `region` in the article's own text table: at `region`.
    let split = page(
        "hanging = true",
        "text = { font = \"ming\", region = \"hk\" }",
    );
    let at = ignored(warnings_of(&split));
    assert_eq!(at.len(), 1);
    assert_eq!(
        at[0].map(|(line, _)| line),
        Some(11),
        "the article's `text` line"
    );
    // Where the marks do hang, nothing is said.
    for quiet in [
        page(
            "font = \"ming\"\nregion = \"tw\"\nhanging = true\nstrict_grid = true",
            "",
        ),
        page("region = \"cn\"\nhanging = true", ""),
        page("font = \"ming\"\nregion = \"tw\"", ""),
    ] {
        assert!(ignored(warnings_of(&quiet)).is_empty(), "{quiet}");
    }
}
