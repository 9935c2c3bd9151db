//! One test per composition rule (cjk-rules.md §3–§5), through the public API, in
//! 10-pt Noto Serif CJK SC so that 1 em = 10 pt.

use banmian::fonts::{Builtin, FontBook};
use banmian::linebreak::{
    self, Adjacent, Align, Line, Options, Paragraph, PunctStyle, Span, Strictness, Style,
};
use banmian::units::Pt;
use std::sync::OnceLock;

const EM: f64 = 10.0;
const EPS: f64 = 1e-6;

fn fonts() -> &'static FontBook {
    static BOOK: OnceLock<FontBook> = OnceLock::new();
    BOOK.get_or_init(FontBook::builtin)
}

fn style() -> Style {
    Style::new(Builtin::Song.id(), Pt(EM))
}

fn par(text: &str, indent_em: f64, align: Align) -> Paragraph {
    Paragraph {
        spans: vec![Span {
            text: text.into(),
            style: style(),
        }],
        indent: Pt(indent_em * EM),
        align,
    }
}

fn set_with(text: &str, measure_em: f64, indent_em: f64, opts: &Options) -> Vec<Line> {
    let p = linebreak::prepare(&par(text, indent_em, Align::Justify), fonts(), opts);
    p.break_lines(&|_| Pt(measure_em * EM))
}

fn set(text: &str, measure_em: f64) -> Vec<Line> {
    set_with(text, measure_em, 0.0, &Options::default())
}

fn texts(lines: &[Line]) -> Vec<String> {
    lines.iter().map(Line::text).collect()
}

fn glyph<'a>(line: &'a Line, text: &str) -> &'a banmian::linebreak::PlacedGlyph {
    line.glyphs
        .iter()
        .find(|g| g.text == text)
        .expect("glyph on line")
}

fn assert_within_measure(lines: &[Line]) {
    for l in lines {
        for g in &l.glyphs {
            assert!(
                (g.x + g.advance).0 <= l.measure.0 + EPS,
                "{:?} past the measure in {:?}",
                g.text,
                l.text()
            );
        }
    }
}

#[test]
fn comma_never_starts_line() {
    // 10 ideographs fill the 10-em line; the comma must not start line 2, so push-in
    // is impossible (no mark to squeeze) and one character is pushed out.
    let lines = set("一二三四五六七八九十，十一十二十三", 10.0);
    assert!(!lines[1].text().starts_with('，'), "{:?}", texts(&lines));
    assert!(lines[0].text().ends_with('九'));
}

#[test]
fn push_in_before_push_out() {
    // 4 + 1 + 5 = 10 em into 9.5 em: the comma gives up its ½ em, nothing is pushed out.
    let lines = set("一二三四，五六七八九十一二三四五", 9.5);
    assert_eq!(lines[0].text(), "一二三四，五六七八九");
    assert!((glyph(&lines[0], "，").advance.0 - 0.5 * EM).abs() < EPS);
    assert!(lines[0].expansion.0.abs() < EPS);
}

#[test]
fn line_end_mark_is_set_half_width() {
    // GB/T 15834 §5.1.10: 9 ideographs + comma at the end = 9.5 em in a 9.5-em line.
    let lines = set("一二三四五六七八九，十一二三四五六七", 9.5);
    assert_eq!(lines[0].text(), "一二三四五六七八九，");
    let comma = glyph(&lines[0], "，");
    assert!((comma.advance.0 - 0.5 * EM).abs() < EPS);
    assert!((comma.x.0 + comma.advance.0 - 9.5 * EM).abs() < EPS);
    assert!(lines[0].expansion.0.abs() < EPS);
}

#[test]
fn opening_bracket_at_line_start_loses_half_em() {
    let lines = set("一二三四五六七八九十“十一十二”十三", 10.0);
    let quote = &lines[1].glyphs[0];
    assert_eq!(quote.text, "“");
    assert!(
        (quote.x.0 + 0.5 * EM).abs() < EPS,
        "origin ½ em before the edge: {}",
        quote.x.0
    );
    assert!(quote.frame_x.0.abs() < EPS);
    assert!(
        (quote.x.0 + quote.advance.0 - 0.5 * EM).abs() < EPS,
        "frame is ½ em"
    );
}

#[test]
fn opening_bracket_after_indent_loses_half_em() {
    let lines = set_with("“好。”", 10.0, 2.0, &Options::default());
    let quote = &lines[0].glyphs[0];
    assert!((quote.x.0 - 1.5 * EM).abs() < EPS, "{}", quote.x.0);
    assert!((quote.frame_x.0 - 2.0 * EM).abs() < EPS);
}

#[test]
fn opening_bracket_after_indent_keeps_its_blank_rather_than_expanding() {
    // 2-em indent + “ + 7 ideographs in 10 em: trimming would leave ½ em to spread
    // between ideographs; the bracket keeps its blank instead (indent reads 2.5 em).
    let text = "“一二三四五六七八九十一二三四五六七八九十”";
    let lines = set_with(text, 10.0, 2.0, &Options::default());
    assert_eq!(lines[0].text(), "“一二三四五六七");
    assert!(lines[0].expansion.0.abs() < EPS);
    let strict = Options {
        strict_indent_trim: true,
        ..Options::default()
    };
    let lines = set_with(text, 10.0, 2.0, &strict);
    assert!((lines[0].glyphs[0].x.0 - 1.5 * EM).abs() < EPS);
    assert!(lines[0].expansion.0 > 0.0);
}

#[test]
fn adjacent_marks_are_compressed_to_one_and_a_half_em() {
    let lines = set("他说：“好。”然后走了。", 20.0);
    let s = linebreak::stats(&lines, &Options::default());
    assert_eq!(s.adjacent_pairs, 2); // ：“  。”
    assert_eq!(s.adjacent_compressed, 2);
    let colon = glyph(&lines[0], "：");
    assert!((colon.advance.0 - 0.5 * EM).abs() < EPS);
}

#[test]
fn adjacent_marks_to_one_em_when_asked() {
    let opts = Options {
        adjacent: Adjacent::One,
        ..Options::default()
    };
    let lines = set_with("好。”然后", 20.0, 0.0, &opts);
    let (a, b) = (glyph(&lines[0], "。"), glyph(&lines[0], "”"));
    assert!((b.x.0 + b.advance.0 - a.frame_x.0 - EM).abs() < EPS);
}

#[test]
fn dash_pair_never_splits() {
    // The break falls either before —— (not at the strict level) or after it.
    for measure in [6.0, 7.0, 8.0, 9.0] {
        let lines = set("一二三四五六七——八九十一二三四五", measure);
        for l in &lines {
            assert!(
                !l.text().ends_with("一—") && !l.text().starts_with('—'),
                "{:?}",
                texts(&lines)
            );
        }
    }
}

#[test]
fn expansion_is_even_between_ideographs_and_never_inside_numbers_or_dashes() {
    // The comma cannot start a line and the line before has nothing to push in: push
    // out, then expand that line evenly. Find a measure where that happens to line 1.
    let text = "一二三2020年——四五六，七八九十一二三四五六七八九";
    let lines = (16..30)
        .map(|m| set(text, f64::from(m) / 2.0))
        .find(|ls| ls[0].expansion.0 > 0.0 && ls[0].text().contains("——"))
        .expect("a measure where line 1 is expanded");
    let l = &lines[0];
    let gap = |a: usize| (l.glyphs[a + 1].frame_x - (l.glyphs[a].x + l.glyphs[a].advance)).0;
    let texts: Vec<&str> = l.glyphs.iter().map(|g| g.text.as_str()).collect();
    let ideo_gaps: Vec<f64> = (0..l.glyphs.len() - 1)
        .filter(|&i| {
            let ideo = |t: &str| !t.is_empty() && t.chars().all(|c| c > '\u{4DFF}');
            ideo(texts[i]) && ideo(texts[i + 1])
        })
        .map(gap)
        .collect();
    for g in &ideo_gaps {
        assert!((g - ideo_gaps[0]).abs() < EPS, "{ideo_gaps:?}");
    }
    let digit = texts.iter().position(|t| *t == "2").expect("digit");
    for i in digit..digit + 3 {
        assert!(gap(i).abs() < EPS, "no expansion inside 2020");
    }
    // The 2-em dash is one stroke of exactly 2 em, whatever the line's expansion.
    let dash = &l.glyphs[texts.iter().position(|t| *t == "—").expect("dash")];
    assert!(((dash.x + dash.advance - dash.frame_x).0 - 2.0 * EM).abs() < EPS);
}

#[test]
fn han_latin_space_is_dropped_at_line_edges() {
    let lines = set("一二三四五六七八九十APP扫描", 10.0);
    assert_eq!(lines[1].text(), "APP扫描");
    assert!(lines[1].glyphs[0].x.0.abs() < EPS);
    let lines = set("扫描APP二维码", 20.0);
    let (p, er) = (glyph(&lines[0], "P"), glyph(&lines[0], "二"));
    let gap = er.frame_x.0 - (lines[0].glyphs[4].x + lines[0].glyphs[4].advance).0;
    assert!((gap - 0.25 * EM).abs() < EPS, "{gap} after {:?}", p.text);
}

#[test]
fn no_line_is_wider_than_its_measure_even_for_an_unbreakable_word() {
    let lines = set("一二三supercalifragilisticexpialidocious四五六", 6.0);
    assert_within_measure(&lines);
    assert_eq!(
        texts(&lines).concat(),
        "一二三supercalifragilisticexpialidocious四五六"
    );
}

#[test]
fn hanging_punctuation_only_when_enabled() {
    let text = "一二三四五六七八九十，十一十二十三十四十五";
    let off = set(text, 10.0);
    assert_within_measure(&off);
    assert!(!off.iter().any(|l| l.hung));
    let opts = Options {
        hanging: true,
        ..Options::default()
    };
    let on = set_with(text, 10.0, 0.0, &opts);
    assert!(on[0].hung, "{:?}", texts(&on));
    assert_eq!(on[0].text(), "一二三四五六七八九十，");
    let comma = glyph(&on[0], "，");
    assert!((comma.x.0 - 10.0 * EM).abs() < EPS);
    assert!((on[0].width.0 - 10.0 * EM).abs() < EPS);
}

#[test]
fn hanging_never_applies_to_dashes_or_consecutive_marks() {
    let opts = Options {
        hanging: true,
        ..Options::default()
    };
    for text in [
        "一二三四五六七八九十。”十一十二",
        "一二三四五六七八九——十一十二",
    ] {
        let lines = set_with(text, 10.0, 0.0, &opts);
        assert!(!lines.iter().any(|l| l.hung), "{:?}", texts(&lines));
        assert_within_measure(&lines);
    }
}

#[test]
fn last_line_is_never_a_lone_character() {
    // 2-em indent: 8 + 10 + 1 ideographs and a full stop. Filling lines greedily leaves
    // "九。" alone on the last line (孤字); the breaker pulls a character down instead.
    let text = "一二三四五六七八九十一二三四五六七八九。";
    let lines = set_with(text, 10.0, 2.0, &Options::default());
    let s = linebreak::stats(&lines, &Options::default());
    assert_eq!(s.orphans, 0, "{:?}", texts(&lines));
    assert!(
        lines
            .last()
            .unwrap()
            .text()
            .chars()
            .filter(|c| *c != '。')
            .count()
            >= 2
    );
    let allowed = Options {
        allow_orphans: true,
        ..Options::default()
    };
    let lines = set_with(text, 10.0, 2.0, &allowed);
    assert_eq!(
        linebreak::stats(&lines, &allowed).orphans,
        1,
        "{:?}",
        texts(&lines)
    );
}

#[test]
fn lone_character_is_cured_even_by_a_very_loose_line() {
    // Found by the property test on CI. Plain punctuation (nothing to push in), the
    // first two lines 8.68 em, then 10 em. The only lines that avoid "党”。”。" alone at
    // the end need more than 1 em between characters, which the normal pass never
    // measures; cjk-rules.md §5.2 says to pull the character down and spread the line.
    let opts = Options {
        strictness: Strictness::Basic,
        punct: PunctStyle::Plain,
        ..Options::default()
    };
    let text = "党党党党“2020年党党党党党”。”。";
    let p = linebreak::prepare(&par(text, 0.0, Align::Justify), fonts(), &opts);
    let lines = p.break_lines(&|i| Pt(if i < 2 { 8.68 } else { 10.0 } * EM));
    let s = linebreak::stats(&lines, &opts);
    assert_eq!(s.orphans, 0, "{:?}", texts(&lines));
    assert_eq!(s.kinsoku_violations, 0, "{:?}", texts(&lines));
    assert_eq!(s.flush_lines, s.justified_lines, "{:?}", texts(&lines));
    assert_within_measure(&lines);
    assert_eq!(texts(&lines).concat(), text);
}

#[test]
fn justified_lines_end_exactly_at_the_measure_and_last_line_is_solid() {
    let text = "聚焦短板弱项，助力转型升级。党建引领下的高质量发展，2020年高新区工委全面贯彻落实新时代党的建设总要求。";
    let lines = set_with(text, 11.5, 2.0, &Options::default());
    for l in &lines[..lines.len() - 1] {
        assert!(l.justified);
        assert!((l.width.0 - 11.5 * EM).abs() < 1e-9, "{:?}", l.text());
    }
    let last = lines.last().unwrap();
    assert!(last.last && !last.justified);
    assert!(last.expansion.0.abs() < EPS);
}

#[test]
fn line_widths_may_differ_line_by_line() {
    let text = "农村基层党组织是党直接联系群众的纽带。高新区工委全面贯彻落实新时代党的建设总要求，坚持问题导向。";
    let p = linebreak::prepare(
        &par(text, 0.0, Align::Justify),
        fonts(),
        &Options::default(),
    );
    let widths = [6.0, 8.0, 12.0];
    let lines = p.break_lines(&|i| Pt(widths.get(i).copied().unwrap_or(14.0) * EM));
    for (i, l) in lines.iter().enumerate() {
        let want = widths.get(i).copied().unwrap_or(14.0) * EM;
        assert!((l.measure.0 - want).abs() < EPS);
        if !l.last {
            assert!((l.width.0 - want).abs() < 1e-9, "line {i} {:?}", l.text());
        }
    }
    assert_within_measure(&lines);
}

#[test]
fn breaking_resumes_in_the_next_region_without_indent() {
    let text = "农村基层党组织是党直接联系群众的纽带。高新区工委全面贯彻落实新时代党的建设总要求，坚持问题导向。";
    let p = linebreak::prepare(
        &par(text, 2.0, Align::Justify),
        fonts(),
        &Options::default(),
    );
    let first = p.break_lines(&|_| Pt(10.0 * EM));
    let rest = p.break_lines_from(first[2].start, &|_| Pt(8.0 * EM));
    let joined: String = first[..2].iter().chain(&rest).map(Line::text).collect();
    assert_eq!(joined, text);
    assert!(
        rest[0].glyphs[0].frame_x.0.abs() < EPS,
        "no indent after resuming"
    );
}

#[test]
fn presets_set_marks_at_their_widths() {
    let text = "一，二。三";
    let width = |preset: PunctStyle, mark: &str| {
        let opts = Options {
            punct: preset,
            ..Options::default()
        };
        let lines = set_with(text, 20.0, 0.0, &opts);
        glyph(&lines[0], mark).advance.0 / EM
    };
    assert_eq!(width(PunctStyle::Quanjiao, "，"), 1.0);
    assert_eq!(width(PunctStyle::Kaiming, "，"), 0.5);
    assert_eq!(width(PunctStyle::Kaiming, "。"), 1.0);
    assert_eq!(width(PunctStyle::Banjiao, "。"), 0.5);
    assert_eq!(width(PunctStyle::Hangmobanjiao, "，"), 1.0);
    assert_eq!(width(PunctStyle::Plain, "，"), 1.0);
    // At a line end: halved in every preset but plain.
    let end = |preset: PunctStyle| {
        let opts = Options {
            punct: preset,
            ..Options::default()
        };
        let lines = set_with("一二三四，五六七八九", 4.5, 0.0, &opts);
        glyph(&lines[0], "，").advance.0 / EM
    };
    assert_eq!(end(PunctStyle::Hangmobanjiao), 0.5);
    assert_eq!(end(PunctStyle::Quanjiao), 0.5);
}

#[test]
fn plain_preset_never_compresses() {
    let opts = Options {
        punct: PunctStyle::Plain,
        ..Options::default()
    };
    let lines = set_with("好。”然后", 20.0, 0.0, &opts);
    assert_eq!(glyph(&lines[0], "。").advance.0, EM);
}

#[test]
fn centred_and_end_alignment_leave_the_slack_outside() {
    for (align, lead) in [(Align::Center, 3.0), (Align::End, 6.0), (Align::Start, 0.0)] {
        let p = linebreak::prepare(&par("一二三四", 0.0, align), fonts(), &Options::default());
        let lines = p.break_lines(&|_| Pt(10.0 * EM));
        assert!(
            (lines[0].glyphs[0].x.0 - lead * EM).abs() < EPS,
            "{align:?}"
        );
    }
}

#[test]
fn hard_line_break_ends_a_ragged_line() {
    let lines = set("一二三\n四五六七八", 10.0);
    assert_eq!(texts(&lines), ["一二三\n", "四五六七八"]);
    assert!(!lines[0].justified && !lines[0].last);
}

#[test]
fn empty_paragraph_has_no_lines() {
    assert!(set("", 10.0).is_empty());
}

#[test]
fn missing_glyphs_are_reported_and_text_kept() {
    let p = linebreak::prepare(
        &par("一\u{1F600}二", 0.0, Align::Justify),
        fonts(),
        &Options::default(),
    );
    assert_eq!(p.missing.len(), 1);
    assert_eq!(p.missing[0].offset, "一".len());
    let lines = p.break_lines(&|_| Pt(10.0 * EM));
    assert_eq!(texts(&lines).concat(), "一\u{1F600}二");
}

#[test]
fn stats_report_kinsoku_violations_at_the_level() {
    // Set at level `none` a comma may start a line; judged at `strict` that is one
    // violation.
    let none = Options {
        strictness: Strictness::Unrestricted,
        ..Options::default()
    };
    let lines = set_with("一二三四五六七八九十，十一", 10.0, 0.0, &none);
    assert_eq!(linebreak::stats(&lines, &none).kinsoku_violations, 0);
    assert!(lines[1].text().starts_with('，'), "{:?}", texts(&lines));
    let strict = linebreak::stats(&lines, &Options::default());
    assert_eq!(strict.kinsoku_violations, 1);
    assert_eq!(strict.violations, ["七八九十|，十一"]);
}

#[test]
fn strictness_and_preset_names_for_the_spec() {
    assert_eq!(Strictness::from_name("strict"), Some(Strictness::Strict));
    assert_eq!(
        Strictness::from_name("none"),
        Some(Strictness::Unrestricted)
    );
    assert_eq!(
        Strictness::from_name("jis-strict"),
        Some(Strictness::JisStrict)
    );
    assert_eq!(
        PunctStyle::from_name("hangmobanjiao"),
        Some(PunctStyle::Hangmobanjiao)
    );
    assert!(linebreak::grid_warning(Pt(14.0 * 9.0), Pt(9.0)).is_none());
}

#[test]
fn degenerate_input_never_panics_and_keeps_the_text() {
    let texts_in = [
        "",
        " ",
        "   ",
        "\n",
        "\n\n一",
        "，，，",
        "“",
        "e\u{301}\u{301}",
        "一\u{200B}二",
        "\u{3000}\u{3000}一二",
    ];
    for text in texts_in {
        for measure in [0.0, 0.5, 1.0, 3.0, f64::NAN, 1e9] {
            let p = linebreak::prepare(
                &par(text, 2.0, Align::Justify),
                fonts(),
                &Options::default(),
            );
            let lines = p.break_lines(&|_| Pt(measure * EM));
            assert_eq!(texts(&lines).concat(), text, "{text:?} at {measure}");
        }
    }
}

#[test]
fn mixed_sizes_and_fonts_in_one_paragraph() {
    let big = Style::new(Builtin::HeiBold.id(), Pt(14.0));
    let p = Paragraph {
        spans: vec![
            Span {
                text: "高新区".into(),
                style: big,
            },
            Span {
                text: "个私协会党支部成立大会，“党建引领”高质量发展。".into(),
                style: style(),
            },
        ],
        indent: Pt::ZERO,
        align: Align::Justify,
    };
    let lines = linebreak::prepare(&p, fonts(), &Options::default()).break_lines(&|_| Pt(8.0 * EM));
    assert_within_measure(&lines);
    assert!((lines[0].size.0 - 14.0).abs() < EPS);
    for l in &lines[..lines.len() - 1] {
        assert!((l.width.0 - l.measure.0).abs() < 1e-9);
    }
}

// ---- issue #13: Chinese with Latin, addresses, ranges, dashes, quotes ----------------

fn quarter_or_none(space: f64) -> Options {
    Options {
        latin_space_em: space,
        ..Options::default()
    }
}

#[test]
fn han_latin_space_none_sets_digits_solid_and_quarter_spaces_them() {
    let text = "比赛于19时35分开始";
    let solid = &set_with(text, 30.0, 0.0, &quarter_or_none(0.0))[0];
    let spaced = &set_with(text, 30.0, 0.0, &quarter_or_none(0.25))[0];
    let gap = |l: &Line| {
        let (a, b) = (glyph(l, "于"), glyph(l, "1"));
        (b.frame_x - (a.x + a.advance)).0 / EM
    };
    assert!(gap(solid).abs() < EPS, "{}", gap(solid));
    assert!((gap(spaced) - 0.25).abs() < EPS, "{}", gap(spaced));
}

#[test]
fn stretch_is_spread_over_all_gaps_not_piled_at_digits() {
    // `比赛于19时35分开始，` cannot take the comma's line-mate: the line stretches.
    let text = "比赛于19时35分开始，上半场双方战平";
    for space in [0.0, 0.25] {
        for m in 10..16 {
            for l in set_with(text, f64::from(m), 0.0, &quarter_or_none(space)) {
                let e = l.expansion.0 / EM;
                for w in l.glyphs.windows(2) {
                    let digit = |g: &banmian::linebreak::PlacedGlyph| {
                        g.text.chars().all(|c| c.is_ascii_digit())
                    };
                    if digit(&w[0]) != digit(&w[1]) {
                        let gap = (w[1].frame_x - (w[0].x + w[0].advance)).0 / EM;
                        assert!(gap <= 0.25 + e + EPS, "{gap} > ¼ + {e} in {:?}", l.text());
                    }
                }
            }
        }
    }
}

#[test]
fn an_address_breaks_only_after_its_break_characters_and_shows_no_hyphen() {
    let text = "报名网址为https://jobs.zbgx.gov.cn/apply/2020-skills?lang=zh&src=paper，请登录。";
    for m in 6..14 {
        let lines = set(text, f64::from(m));
        assert_eq!(texts(&lines).concat(), text);
        for l in &lines[..lines.len() - 1] {
            let t = l.text();
            let last = t.chars().last().unwrap();
            if t.contains("://") || t.ends_with(|c: char| c.is_ascii_alphanumeric()) {
                assert!(!l.hyphenated, "no hyphen in an address: {t:?}");
            }
            assert_ne!(last, '-', "never after a hyphen: {t:?}");
            // Inside the address: only after / . ? & = _ (or the address ends there).
            if last.is_ascii() && !"，。".contains(last) {
                assert!(
                    "/.?&=_".contains(last) || t.ends_with("为"),
                    "{t:?} at {m} em"
                );
            }
        }
        // No letter-spacing: every gap inside the address is kerning only.
        for l in &lines {
            for w in l.glyphs.windows(2) {
                let latin = |g: &banmian::linebreak::PlacedGlyph| {
                    g.text.chars().all(|c| c.is_ascii_graphic())
                };
                if latin(&w[0]) && latin(&w[1]) && !w[1].text.is_empty() {
                    let gap = (w[1].frame_x - (w[0].x + w[0].advance)).0 / EM;
                    assert!(
                        gap < 0.02,
                        "{gap} between {:?} and {:?}",
                        w[0].text,
                        w[1].text
                    );
                }
            }
        }
    }
}

#[test]
fn a_number_range_is_never_split_at_its_connector() {
    let text =
        "全市工业增加值增长明显。1—11月累计增长8.6%，2020—2021年度气温3～5℃，开放时间9:00—17:00。";
    for m in 5..18 {
        let lines = set(text, f64::from(m));
        for pair in lines.windows(2) {
            let (a, b) = (pair[0].text(), pair[1].text());
            let split_before =
                a.ends_with(|c: char| c.is_ascii_digit()) && b.starts_with(['—', '～']);
            let split_after =
                a.ends_with(['—', '～']) && b.starts_with(|c: char| c.is_ascii_digit());
            assert!(!split_before && !split_after, "{a:?} | {b:?} at {m} em");
        }
    }
}

#[test]
fn two_and_three_em_dashes_are_exact_and_one_stroke() {
    for (text, dash, em) in [
        ("甲——乙", "—", 2.0),
        ("甲⸺乙", "⸺", 2.0),
        ("甲⸻乙", "⸻", 3.0),
    ] {
        let l = &set(text, 20.0)[0];
        let first = glyph(l, dash);
        let next = glyph(l, "乙");
        assert!(
            ((next.frame_x - first.frame_x).0 / EM - em).abs() < EPS,
            "{text}"
        );
        // The copies overlap: each starts before the previous one's ink ends.
        let copies: Vec<_> = l.glyphs.iter().filter(|g| g.gid == first.gid).collect();
        assert!(copies.len() >= 2, "{text}");
        for w in copies.windows(2) {
            assert!(w[1].x.0 < w[0].x.0 + 1.5 * EM, "{text}");
        }
    }
}

#[test]
fn a_line_ending_in_a_two_em_dash_ends_at_the_measure() {
    // 8 ideographs and —— fill 10 em exactly; the dash is the last thing on the line.
    let lines = set("一二三四五六七八——九十", 10.0);
    let l = &lines[0];
    assert!(l.text().ends_with("——"), "{:?}", texts(&lines));
    let last = l.glyphs.last().unwrap();
    assert!(((last.x + last.advance).0 - 10.0 * EM).abs() < EPS);
}

#[test]
fn apostrophes_and_quotes_of_latin_text_are_proportional_unless_forced() {
    let text = "剧中T’Pol说“Live long”。";
    let prop = &set(text, 40.0)[0];
    let full = &set_with(
        text,
        40.0,
        0.0,
        &Options {
            latin_quotes: banmian::linebreak::LatinQuotes::Full,
            ..Options::default()
        },
    )[0];
    let width = |l: &Line, t: &str| glyph(l, t).advance.0 / EM;
    assert!(width(prop, "’") < 0.4, "{}", width(prop, "’"));
    assert!(width(prop, "“") < 0.6, "{}", width(prop, "“"));
    // The apostrophe stays Latin; only the quotes are forced to full width.
    assert!(width(full, "’") < 0.4);
    assert!(
        width(full, "“") > 0.45,
        "a full-width quote keeps at least half its frame"
    );
}

#[test]
fn a_hyphenated_line_shows_a_hyphen_that_is_not_in_the_text() {
    let text = "这家公司研发的internationalization工具包已被广泛采用。";
    let found = (8..16)
        .map(|m| set(text, f64::from(m)))
        .find(|ls| ls.iter().any(|l| l.hyphenated));
    let lines = found.expect("a measure where the word is hyphenated");
    assert_eq!(texts(&lines).concat(), text);
    let l = lines.iter().find(|l| l.hyphenated).unwrap();
    let last = l.glyphs.last().unwrap();
    assert!(
        last.text.is_empty() && last.gid != 0,
        "the hyphen glyph carries no text"
    );
    if l.justified {
        assert!(
            ((last.x + last.advance).0 - l.measure.0).abs() < 0.01,
            "flush"
        );
    }
    let off = &set_with(
        text,
        12.0,
        0.0,
        &Options {
            hyphenate: false,
            ..Options::default()
        },
    );
    assert!(off.iter().all(|l| !l.hyphenated));
}
