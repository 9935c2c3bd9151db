//! The horizontal-composition examples of clreq (W3C *Requirements for Chinese Text
//! Layout*), one test each, set with banmian's line composer (10-pt Noto Serif CJK SC,
//! so 1 em = 10 pt) or, where the example is about the page, laid out on a page.
//! Each test names the clreq section (its `id` in the document) it checks; the texts
//! are our own sentences built the same way as clreq's examples. The results are
//! tabulated in docs/cjk-rules.md, "Checked against clreq's examples".

use banmian::display::{CircleItem, Item};
use banmian::files::Memory;
use banmian::fonts::{Builtin, FontBook};
use banmian::linebreak::{
    self, Adjacent, Align, Line, Options, Paragraph, PlacedGlyph, Region, Span, Strictness, Style,
};
use banmian::text::{analyze, class_of, hyphenation_points, CharClass};
use banmian::units::Pt;
use std::sync::OnceLock;

const EM: f64 = 10.0;
const EPS: f64 = 1e-6;

fn fonts() -> &'static FontBook {
    static BOOK: OnceLock<FontBook> = OnceLock::new();
    BOOK.get_or_init(FontBook::builtin)
}

fn par(text: &str, font: Builtin, indent_em: f64, align: Align) -> Paragraph {
    Paragraph {
        spans: vec![Span {
            text: text.into(),
            style: Style::new(font.id(), Pt(EM)),
        }],
        indent: Pt(indent_em * EM),
        align,
    }
}

fn set_in(text: &str, font: Builtin, measure_em: f64, indent_em: f64, opts: &Options) -> Vec<Line> {
    let p = linebreak::prepare(&par(text, font, indent_em, Align::Justify), fonts(), opts);
    p.break_lines(&|_| Pt(measure_em * EM))
}

fn set_opts(text: &str, measure_em: f64, opts: &Options) -> Vec<Line> {
    set_in(text, Builtin::Song, measure_em, 0.0, opts)
}

fn set(text: &str, measure_em: f64) -> Vec<Line> {
    set_opts(text, measure_em, &Options::default())
}

/// One line of natural width (a paragraph's last line is set solid).
fn solid(text: &str) -> Line {
    let lines = set(text, 200.0);
    assert_eq!(lines.len(), 1);
    lines.into_iter().next().expect("one line")
}

fn level(strictness: Strictness) -> Options {
    Options {
        strictness,
        ..Options::default()
    }
}

fn texts(lines: &[Line]) -> Vec<String> {
    lines.iter().map(Line::text).collect()
}

/// Index of the `n`-th glyph (from 0) whose text is `t`.
fn nth(line: &Line, t: &str, n: usize) -> usize {
    line.glyphs
        .iter()
        .enumerate()
        .filter(|(_, g)| g.text == t)
        .nth(n)
        .unwrap_or_else(|| panic!("no {t:?} #{n} in {:?}", line.text()))
        .0
}

fn at<'a>(line: &'a Line, t: &str) -> &'a PlacedGlyph {
    &line.glyphs[nth(line, t, 0)]
}

/// Where a glyph's frame ends, in em from the line start.
fn end(g: &PlacedGlyph) -> f64 {
    (g.x + g.advance).0 / EM
}

fn start(g: &PlacedGlyph) -> f64 {
    g.frame_x.0 / EM
}

/// The room glyphs `i..=j` take between the end of glyph `i - 1` and the frame of
/// glyph `j + 1`, in em (both neighbours are ideographs in these tests).
fn room(line: &Line, i: usize, j: usize) -> f64 {
    start(&line.glyphs[j + 1]) - end(&line.glyphs[i - 1])
}

/// The gap after glyph `i` (inter-character expansion, Han–Latin space), in em.
fn gap(line: &Line, i: usize) -> f64 {
    start(&line.glyphs[i + 1]) - end(&line.glyphs[i])
}

fn near(a: f64, b: f64) -> bool {
    (a - b).abs() < 1e-6
}

fn is_han(t: &str) -> bool {
    t.chars()
        .next()
        .is_some_and(|c| class_of(c) == CharClass::Ideograph)
}

fn assert_within_measure(lines: &[Line]) {
    for l in lines {
        let last = l.glyphs.last().expect("glyphs");
        if !l.hung {
            assert!(
                (last.x + last.advance).0 <= l.measure.0 + EPS,
                "past the measure: {:?}",
                l.text()
            );
        }
    }
}

/// Whether a line may break before the character at byte offset `pos` of `text`.
fn may_break_before(text: &str, pos: usize, strictness: Strictness) -> bool {
    analyze(text, strictness)
        .iter()
        .find(|b| b.pos == pos)
        .is_some_and(|b| b.allowed)
}

fn measures(from: f64, to: f64) -> impl Iterator<Item = f64> {
    (0..)
        .map(move |k| from + 0.5 * f64::from(k))
        .take_while(move |m| *m <= to)
}

// ---- Categories and usage of punctuation marks ---------------------------------------

/// clreq `h-pause-or-stop-punctuation-marks` and
/// `glyphs_sizes_and_positions_in_character_faces_of_punctuation_marks`: on the
/// mainland the pause and stop marks take a whole frame mid-line and sit in its
/// corner next to the character they follow (the blank is on the right).
#[test]
fn pause_marks_take_a_full_frame_and_sit_in_its_corner() {
    let line = solid("会上，市长、副市长先后发言；他说：要快！行吗？行。好");
    for mark in ["，", "、", "；", "：", "！", "？", "。"] {
        let i = nth(&line, mark, 0);
        assert!(
            near(room(&line, i, i), 1.0),
            "{mark} takes {} em",
            room(&line, i, i)
        );
        let g = &line.glyphs[i];
        let (lsb, right) =
            linebreak::ink_bearings(fonts().face(g.font), g.gid).expect("mark has ink");
        let adv = g.advance.0 / EM;
        assert!(
            lsb < 0.5 && adv - right <= 0.55,
            "{mark}: ink {lsb}..{}",
            adv - right
        );
    }
}

/// clreq `id90`, `id91` (unbreakable marks): the two-em dash (—— or ⸺) and the
/// ellipsis (…… or ⋯⋯) each take exactly two frames.
#[test]
fn dashes_and_ellipses_take_exactly_two_em() {
    let line = solid("她回答——不去。他停了……又走。她写⸺完了。他笑⋯⋯好");
    for (unit, first) in [("——", "—"), ("……", "…"), ("⸺", "⸺"), ("⋯⋯", "⋯")] {
        let i = nth(&line, first, 0);
        // The glyphs up to the next ideograph (a dash may be drawn in overlapping copies).
        let j = (i..line.glyphs.len())
            .find(|&k| is_han(&line.glyphs[k + 1].text))
            .expect("han");
        assert!(
            near(room(&line, i, j), 2.0),
            "{unit} takes {} em",
            room(&line, i, j)
        );
    }
}

/// clreq `id91` (GB/T 15834 §5.1.5): two ellipses used together take four frames and
/// a line of their own. A paragraph holding only them sets them in one 4-em line.
#[test]
fn a_double_ellipsis_is_four_em_on_its_own_line() {
    let lines = set("…………", 14.0);
    assert_eq!(lines.len(), 1);
    assert!(
        near(lines[0].width.0 / EM, 4.0),
        "{}",
        lines[0].width.0 / EM
    );
}

/// clreq `exclamatory_question_marks`: by GB/T 15834 a question mark and an
/// exclamation mark used together take one frame, as do two of either; three take two.
#[test]
fn chained_question_and_exclamation_marks_take_one_frame_per_pair() {
    for (text, marks, frames) in [
        ("真的会这样吗？！他问", "？！", 1.0),
        ("怎么办！？她答", "！？", 1.0),
        ("太好了！！大家喊", "！！", 1.0),
        ("为什么？？？没人答", "？？？", 2.0),
        ("好啊⁈走", "⁈", 1.0),
    ] {
        let line = solid(text);
        let first = marks.chars().next().expect("mark").to_string();
        let i = nth(&line, &first, 0);
        let j = i + marks.chars().count() - 1;
        assert!(
            near(room(&line, i, j), frames),
            "{marks} takes {} em in {text}",
            room(&line, i, j)
        );
    }
}

/// clreq `h-punctuation_adjustment_space`: the mainland interpunct, solidus and short
/// connector always take half a frame; nothing squeezes or widens them, on any line.
#[test]
fn interpunct_solidus_and_short_connector_stay_half_an_em() {
    let text = "专访诺贝尔奖得主约翰·史密斯：成都–重庆段男/女乘客比例相当，车次增加";
    let mut seen = 0;
    for m in measures(6.0, 40.0) {
        for l in set(text, m) {
            for mark in ["·", "/", "–"] {
                let Some(i) = l.glyphs.iter().position(|g| g.text == mark) else {
                    continue;
                };
                if i == 0 || i + 1 == l.glyphs.len() {
                    continue;
                }
                seen += 1;
                assert!(
                    near(room(&l, i, i), 0.5),
                    "{mark} takes {} em in {:?} at {m} em",
                    room(&l, i, i),
                    l.text()
                );
            }
        }
    }
    assert!(seen > 100);
}

/// clreq `glyphs_sizes_and_positions_in_character_faces_of_punctuation_marks`: in
/// Taiwan and Hong Kong pause marks sit in the centre of their frame, and the solidus
/// and the connector take a whole frame, centred.
#[test]
fn taiwan_marks_are_centred_and_solidus_and_connector_take_a_frame() {
    let opts = Options {
        region: Region::Tw,
        ..Options::default()
    };
    let line = set_in(
        "他說，男/女都可以，臺北–高雄",
        Builtin::Ming,
        40.0,
        0.0,
        &opts,
    )
    .remove(0);
    let i = nth(&line, "，", 0);
    let g = &line.glyphs[i];
    let (lsb, right) = linebreak::ink_bearings(fonts().face(g.font), g.gid).expect("ink");
    let ink_mid = g.x.0 / EM + (lsb + (g.advance.0 / EM - right)) / 2.0;
    assert!(near(room(&line, i, i), 1.0));
    assert!(
        (ink_mid - (start(g) + 0.5)).abs() < 0.1,
        "comma centred: {ink_mid}"
    );
    for mark in ["/", "–"] {
        let i = nth(&line, mark, 0);
        assert!(
            near(room(&line, i, i), 1.0),
            "{mark}: {}",
            room(&line, i, i)
        );
    }
}

// ---- Prohibition rules for line start and line end -----------------------------------

/// clreq `prohibition-rules-basic` (and the GB and strict levels built on it): pause
/// and stop marks, closing quotes, brackets and book-title marks, connectors,
/// interpuncts and solidi never start a line; opening ones never end a line.
#[test]
fn basic_level_keeps_closing_marks_off_line_starts_and_opening_marks_off_line_ends() {
    for strictness in [Strictness::Basic, Strictness::Gb, Strictness::Strict] {
        let opts = level(strictness);
        for mark in [
            "、", "，", "。", "：", "；", "！", "？", "”", "’", "）", "》", "〉", "】", "〕", "～",
            "·", "/",
        ] {
            // Ten ideographs fill the 10-em line; the mark would start line 2.
            let text = format!("今天上午市政府召开{mark}会议研究部署");
            let lines = set_opts(&text, 9.0, &opts);
            for l in &lines {
                assert!(
                    !l.text().starts_with(mark),
                    "{strictness:?}: {:?}",
                    texts(&lines)
                );
            }
            assert_within_measure(&lines);
        }
        for (open, close) in [
            ("“", "”"),
            ("‘", "’"),
            ("（", "）"),
            ("《", "》"),
            ("〈", "〉"),
            ("【", "】"),
            ("〔", "〕"),
        ] {
            // Nine ideographs and the opening mark fill the 10-em line.
            let text = format!("本报记者昨日从市里获{open}悉{close}全市春耕");
            let lines = set_opts(&text, 10.0, &opts);
            for l in &lines {
                assert!(
                    !l.text().ends_with(open),
                    "{strictness:?}: {:?}",
                    texts(&lines)
                );
            }
            assert_within_measure(&lines);
        }
    }
}

/// clreq `prohibition-rules-guobiao`: the GB level adds that a solidus never ends a line.
#[test]
fn gb_level_keeps_a_solidus_off_line_ends() {
    let text = "男/女";
    let after = "男/".len();
    assert!(may_break_before(text, after, Strictness::Basic));
    assert!(!may_break_before(text, after, Strictness::Gb));
    assert!(!may_break_before(text, after, Strictness::Strict));
    let text = "本次调查按照年龄段和男/女分别统计结果";
    for m in measures(4.0, 12.0) {
        let lines = set_opts(text, m, &level(Strictness::Gb));
        for l in &lines[..lines.len() - 1] {
            assert!(!l.text().ends_with('/'), "{:?}", texts(&lines));
        }
    }
}

/// clreq `prohibition-rules-strict`: the strict level adds that the two-em dash and the
/// ellipsis never start a line; the GB level lets them.
#[test]
fn strict_level_keeps_dashes_and_ellipses_off_line_starts() {
    for unit in ["——", "……"] {
        let text = format!("他说{unit}好");
        let before = "他说".len();
        assert!(may_break_before(&text, before, Strictness::Gb), "{unit}");
        assert!(
            !may_break_before(&text, before, Strictness::Strict),
            "{unit}"
        );
        let text = format!("会议开了很久{unit}大家都累了，可是问题还没解决{unit}明天再说");
        for m in measures(4.0, 14.0) {
            let lines = set(&text, m);
            for l in &lines {
                assert!(
                    !l.text().starts_with('—') && !l.text().starts_with('…'),
                    "{:?}",
                    texts(&lines)
                );
            }
        }
    }
}

/// clreq `prohibition-rules-none`: with no prohibitions a comma or a closing quote may
/// start a line (Taiwan and Hong Kong newspapers).
#[test]
fn level_none_lets_a_comma_start_a_line() {
    let opts = level(Strictness::Unrestricted);
    let lines = set_opts("今天上午市政府召开，会议研究部署", 9.0, &opts);
    assert_eq!(
        lines[1].text().chars().next(),
        Some('，'),
        "{:?}",
        texts(&lines)
    );
    let lines = set_opts("今天上午市政府召开”会议研究部署", 9.0, &opts);
    assert_eq!(
        lines[1].text().chars().next(),
        Some('”'),
        "{:?}",
        texts(&lines)
    );
}

/// clreq `prohibition_rules_for_line_start_end` (the Chinese text: 先挤进，后推出): a
/// mark that must not start a line is first squeezed onto the line before, using the
/// blanks of its marks; only if that fails is a character pushed down.
#[test]
fn a_mark_is_pushed_in_before_a_character_is_pushed_out() {
    let lines = set("全市新，岗位数量创新。今年以来", 10.0);
    assert_eq!(lines[0].text(), "全市新，岗位数量创新。");
    let l = &lines[0];
    assert!(near(at(l, "，").advance.0 / EM, 0.5));
    assert!(near(end(at(l, "。")), 10.0));
    assert!(l.expansion.0.abs() < EPS);
}

/// clreq note `n033`: three marks in a row (。’”) may locally break the rules to avoid
/// a loose line; that remedy is "not recommended". banmian keeps the rule: no mark
/// starts a line, and the line before is spread instead.
#[test]
fn three_marks_in_a_row_still_keep_off_the_line_start() {
    let text = "他回答说这件事我知道。’”大家听后都笑了起来";
    for m in measures(8.0, 14.0) {
        let lines = set(text, m);
        let s = linebreak::stats(&lines, &Options::default());
        assert_eq!(s.kinsoku_violations, 0, "{:?}", texts(&lines));
        assert_eq!(texts(&lines).concat(), text);
        assert_within_measure(&lines);
    }
}

// ---- Prohibition rules for unbreakable marks ------------------------------------------

/// clreq `h-unbreakable_marks_punctuation`: —— and …… (and ⋯⋯) are one unit and never
/// split between lines, at any level but none.
#[test]
fn dashes_and_ellipses_are_never_split() {
    for strictness in [Strictness::Basic, Strictness::Gb, Strictness::Strict] {
        for unit in ["——", "……", "⋯⋯"] {
            let text = format!("他沉默了很久{unit}然后抬起头来{unit}说出了答案");
            let half = unit.chars().next().expect("char");
            for m in measures(4.0, 14.0) {
                let lines = set_opts(&text, m, &level(strictness));
                for pair in lines.windows(2) {
                    let split = pair[0].text().ends_with(half) && pair[1].text().starts_with(half);
                    assert!(!split, "{strictness:?} {:?}", texts(&lines));
                }
            }
        }
    }
}

/// clreq `h-unbreakable_marks_punctuation`: where several such marks follow each
/// other they may be split between them, so that the line before is not spread.
#[test]
fn different_inseparable_marks_may_part_between_them() {
    let text = "他说——……好";
    let between = "他说——".len();
    assert!(may_break_before(text, between, Strictness::Gb));
    assert!(may_break_before(text, between, Strictness::Basic));
    for (text, between) in [
        ("他说————好", "他说——"),
        ("他说…………好", "他说……"),
        ("他说⸺⸺好", "他说⸺"),
    ] {
        let at = between.len();
        assert!(may_break_before(text, at, Strictness::Gb), "{text}");
        assert!(
            !may_break_before(text, at, Strictness::Strict),
            "{text}: a 2-em unit starts the line"
        );
        if !text.contains('⸺') {
            assert!(
                !may_break_before(text, at - "—".len(), Strictness::Gb),
                "{text}: inside a unit"
            );
        }
    }
}

/// clreq `h-digits_and_their_prefix_and_suffix`: a number stays with its prefix and
/// suffix signs and its separators, at every level.
#[test]
fn numbers_keep_their_signs_and_separators() {
    for strictness in [
        Strictness::Unrestricted,
        Strictness::Basic,
        Strictness::Gb,
        Strictness::Strict,
    ] {
        for number in ["￥300", "$5", "30%", "25℃", "11.6", "4,000", "5‰"] {
            let text = format!("价格为{number}左右");
            let from = "价格为".len();
            for (k, _) in number.char_indices().skip(1) {
                assert!(
                    !may_break_before(&text, from + k, strictness),
                    "{strictness:?}: {number} broken at {k}"
                );
            }
        }
    }
}

// ---- Punctuation width adjustment --------------------------------------------------

/// clreq `h-adjustment_of_adjacent_punctuation_marks`: two adjacent marks (closing +
/// pause, pause + opening, closing + opening, opening + opening, closing + closing)
/// are set in 1.5 em, each bracket tight against the text it encloses.
#[test]
fn adjacent_marks_take_one_and_a_half_em_and_hug_their_text() {
    for (text, pair) in [
        ("书名《春潮》，作者", "》，"),
        ("他说，“走吧”", "，“"),
        ("甲方（买方）（乙方）", "）（"),
        ("看“《晚报》”了", "“《"),
        ("看“《晚报》”了", "》”"),
        ("他说好。”然后", "。”"),
    ] {
        let line = solid(text);
        let mut p = pair.chars();
        let (a, b) = (
            p.next().expect("a").to_string(),
            p.next().expect("b").to_string(),
        );
        let i = (0..line.glyphs.len() - 1)
            .find(|&i| line.glyphs[i].text == a && line.glyphs[i + 1].text == b)
            .expect("pair");
        assert!(
            near(room(&line, i, i + 1), 1.5),
            "{pair} takes {} em",
            room(&line, i, i + 1)
        );
        for k in [i, i + 1] {
            let g = &line.glyphs[k];
            match class_of(g.text.chars().next().expect("c")) {
                // A closing mark's ink starts right after the text before it ...
                CharClass::Closing if is_han(&line.glyphs[k - 1].text) => {
                    assert!(near(
                        g.x.0,
                        (line.glyphs[k - 1].x + line.glyphs[k - 1].advance).0
                    ))
                }
                // ... an opening mark's full glyph ends where the text after it starts.
                CharClass::Opening if is_han(&line.glyphs[k + 1].text) => {
                    assert!(near(g.x.0 / EM + 1.0, start(&line.glyphs[k + 1])), "{pair}")
                }
                _ => {}
            }
        }
    }
}

/// clreq `h-adjustment_of_adjacent_punctuation_marks`: a style may go on to 1 em.
#[test]
fn adjacent_marks_take_one_em_in_a_tighter_style() {
    let opts = Options {
        adjacent: Adjacent::One,
        ..Options::default()
    };
    for (text, pair) in [
        ("书名《春潮》，作者", "》，"),
        ("他说，“走吧”", "，“"),
        ("他说好。”然后", "。”"),
    ] {
        let line = set_opts(text, 200.0, &opts).remove(0);
        let a = pair.chars().next().expect("a").to_string();
        let i = nth(&line, &a, 0);
        assert!(
            near(room(&line, i, i + 1), 1.0),
            "{pair}: {}",
            room(&line, i, i + 1)
        );
    }
}

/// clreq `id101`: after a first-line indent an opening bracket may lose the half em
/// before it.
#[test]
fn an_opening_bracket_after_the_indent_loses_its_half_em() {
    let lines = set_in(
        "“稳就业”是今年的首要任务。",
        Builtin::Song,
        20.0,
        2.0,
        &Options::default(),
    );
    let q = &lines[0].glyphs[0];
    assert!(near(q.frame_x.0 / EM, 2.0));
    assert!(
        near(q.x.0 / EM, 1.5),
        "ink right after the 2-em indent: {}",
        q.x.0 / EM
    );
    assert!(near(end(q), 2.5));
}

/// clreq `id102`: an opening bracket at a line start loses the half em before it.
#[test]
fn an_opening_bracket_at_a_line_start_loses_its_half_em() {
    let lines = set("今天上午市政府召开“春耕”会议", 9.0);
    assert!(lines[1].text().starts_with('“'), "{:?}", texts(&lines));
    let q = &lines[1].glyphs[0];
    assert!(near(q.x.0 / EM, -0.5) && near(end(q), 0.5));
}

/// clreq `id104` (GB/T 15834 §5.1.10): a full-width mark at the line end is set half
/// width. A 》 and a ， at the line end take 1 em together and the line ends at the
/// comma's ink, without spreading.
#[test]
fn marks_at_the_line_end_are_set_half_width() {
    let lines = set("读者来信都说《晚报》，一直很受欢迎", 10.0);
    let l = &lines[0];
    assert_eq!(l.text(), "读者来信都说《晚报》，");
    assert!(near(at(l, "》").advance.0 / EM, 0.5));
    assert!(near(at(l, "，").advance.0 / EM, 0.5));
    assert!(near(end(at(l, "，")), 10.0));
    assert!(l.expansion.0.abs() < EPS);
    // Even where it leaves half an em to spread.
    let lines = set("全市新增就业岗位多。今年以来", 10.0);
    assert_eq!(lines[0].text(), "全市新增就业岗位多。");
    assert!(near(at(&lines[0], "。").advance.0 / EM, 0.5));
    assert!(
        lines[0].expansion.0 > 0.0,
        "nine ideographs and a half-width stop, spread"
    );
}

/// clreq `punctuation_width_adjustment`: many Taiwanese publications do not adjust
/// punctuation width, mainland and Hong Kong ones do: a line-end comma keeps its frame
/// in Taiwan and gives up its outer quarter in Hong Kong.
#[test]
fn taiwan_keeps_a_line_end_comma_whole_and_hong_kong_trims_it() {
    for (region, width) in [(Region::Tw, 1.0), (Region::Hk, 0.75)] {
        let opts = Options {
            region,
            ..Options::default()
        };
        let lines = set_in(
            "今天上午市政府召開，會議研究部署",
            Builtin::Ming,
            10.0,
            0.0,
            &opts,
        );
        assert_eq!(lines[0].text(), "今天上午市政府召開，", "{region:?}");
        let comma = at(&lines[0], "，");
        assert!(
            near(comma.advance.0 / EM, width),
            "{region:?}: {}",
            comma.advance.0 / EM
        );
    }
}

/// clreq `h-punctuation_adjustment_space`: in Taiwan and Hong Kong ？ and ！ are not
/// adjustable in horizontal text and always take a whole frame, at a line end too.
#[test]
fn taiwan_and_hong_kong_question_marks_keep_their_frame() {
    for region in [Region::Tw, Region::Hk] {
        let opts = Options {
            region,
            ..Options::default()
        };
        let lines = set_in(
            "今天上午市政府召開？會議研究部署",
            Builtin::Ming,
            10.0,
            0.0,
            &opts,
        );
        assert_eq!(lines[0].text(), "今天上午市政府召開？", "{region:?}");
        let q = at(&lines[0], "？");
        assert!(
            near(q.advance.0 / EM, 1.0),
            "{region:?}: {}",
            q.advance.0 / EM
        );
    }
}

// ---- Hanging punctuation at line end --------------------------------------------------

/// clreq `hanging_punctuation_marks_at_line_end`: most publications do not hang (off
/// by default); when a house does, one 、，or 。 that would start a line hangs past
/// the end of the line before.
#[test]
fn one_pause_mark_hangs_only_when_asked() {
    let hang = Options {
        hanging: true,
        ..Options::default()
    };
    for mark in ["、", "，", "。"] {
        let text = format!("今天上午市政府召开{mark}会议研究部署");
        let off = set(&text, 9.0);
        assert!(!off.iter().any(|l| l.hung));
        let on = set_opts(&text, 9.0, &hang);
        assert!(on[0].hung, "{mark}: {:?}", texts(&on));
        assert_eq!(on[0].text(), format!("今天上午市政府召开{mark}"));
        assert!(near(at(&on[0], mark).x.0 / EM, 9.0));
        assert!(on[0].expansion.0.abs() < EPS);
    }
}

/// clreq `hanging_punctuation_marks_at_line_end`: marks in succession never hang; and
/// in general only 、，。 do (the Chinese text allows the other pause marks too in
/// Simplified Chinese, as an option banmian does not take).
#[test]
fn consecutive_marks_and_other_stops_do_not_hang() {
    let hang = Options {
        hanging: true,
        ..Options::default()
    };
    for text in [
        "今天上午市政府召开。”会议研究部署",
        "今天上午市政府召开：会议研究部署",
    ] {
        let lines = set_opts(text, 9.0, &hang);
        assert!(!lines.iter().any(|l| l.hung), "{:?}", texts(&lines));
        assert_within_measure(&lines);
        assert_eq!(linebreak::stats(&lines, &hang).kinsoku_violations, 0);
    }
}

/// clreq `hanging_punctuation_marks_at_line_end`: Traditional Chinese (Taiwan, Hong
/// Kong), whose pause marks are centred, does not hang them in horizontal text.
#[test]
fn centred_marks_do_not_hang_in_horizontal_text() {
    for region in [Region::Tw, Region::Hk] {
        let opts = Options {
            hanging: true,
            region,
            ..Options::default()
        };
        let lines = set_in(
            "今天上午市政府召開，會議研究部署",
            Builtin::Ming,
            9.0,
            0.0,
            &opts,
        );
        assert!(
            !lines.iter().any(|l| l.hung),
            "{region:?}: {:?}",
            texts(&lines)
        );
        assert_within_measure(&lines);
    }
}

// ---- Interlinear punctuation (emphasis dots) --------------------------------------------

/// A tabloid page (9-pt body, 14-em columns) with one article whose body is `body`.
fn lay(body: &str) -> banmian::LaidOut {
    let spec = "[page]\nlayout = \"tabloid\"\n\n[[article]]\nid = \"a\"\nbody_file = \"body.txt\"\nplace = { column = 1, span = 1, top = 0, height = 60 }\n";
    let files = Memory::new()
        .with("page.toml", spec.as_bytes().to_vec())
        .with("body.txt", body.as_bytes().to_vec());
    banmian::lay_out_from("page.toml".as_ref(), &files, &Default::default())
        .unwrap_or_else(|e| panic!("lays out: {e}"))
}

/// Every glyph on the page: x, baseline, text.
fn page_glyphs(laid: &banmian::LaidOut) -> Vec<(f64, f64, String)> {
    let mut out = Vec::new();
    for item in &laid.composed.doc.pages[0].items {
        if let Item::Text(run) = item {
            for g in &run.glyphs {
                out.push((g.x.0, g.y.0, g.text.clone()));
            }
        }
    }
    out
}

/// clreq `handling_interlinear_punctuation` (`interlinear-punctuation-letter-spacing`):
/// emphasis dots sit under the characters they mark, centred on each, also when the
/// line's characters are spread apart.
#[test]
fn emphasis_dots_stay_centred_under_spread_characters() {
    const BODY: f64 = 9.0;
    // Twelve characters fill the first line after the 2-em indent; the comma after
    // them pushes one down and the first line is spread.
    let laid = lay("{dots}各地各部门要切实抓好落实，把群众满意作为第一标准{/}。");
    let glyphs = page_glyphs(&laid);
    let first_baseline = glyphs[0].1;
    let line1: Vec<&(f64, f64, String)> = glyphs
        .iter()
        .filter(|g| (g.1 - first_baseline).abs() < 0.01)
        .collect();
    let spread = line1
        .windows(2)
        .any(|w| is_han(&w[0].2) && is_han(&w[1].2) && w[1].0 - w[0].0 > BODY + 0.1);
    assert!(spread, "the first line is spread");
    let dots: Vec<CircleItem> = laid.composed.doc.pages[0]
        .items
        .iter()
        .filter_map(|i| match i {
            Item::Circle(c) => Some(c.clone()),
            _ => None,
        })
        .collect();
    let han: Vec<_> = glyphs.iter().filter(|g| is_han(&g.2)).collect();
    assert_eq!(dots.len(), han.len());
    for g in han {
        let centre = g.0 + BODY / 2.0;
        assert!(
            dots.iter().any(
                |d| (d.center.0 .0 - centre).abs() < 0.01 && (d.center.1 .0 - g.1).abs() < BODY
            ),
            "no dot centred under {}",
            g.2
        );
    }
}

// ---- Mixed Chinese and Western text -------------------------------------------------------

/// clreq `mixed_text_composition_in_horizontal_writing_mode`, `id115`, `id117`: up to
/// ¼ em between a Han character and a Latin letter or a European digit, none at the
/// line start or end.
#[test]
fn han_latin_space_is_a_quarter_em_and_none_at_line_edges() {
    let line = solid("用手机扫描APP二维码，2024年");
    let p = nth(&line, "P", 1);
    assert!(near(gap(&line, p), 0.25));
    let a = nth(&line, "A", 0);
    assert!(near(gap(&line, a - 1), 0.25));
    assert!(near(gap(&line, nth(&line, "4", 0)), 0.25));
    let text = "今天上午市政府召开APP发布会议研究部署";
    for m in measures(6.0, 14.0) {
        for l in set(text, m) {
            let first = &l.glyphs[0];
            if first.text == "A" {
                assert!(near(first.x.0, 0.0), "at {m} em: {:?}", l.text());
            }
            let last = l.glyphs.last().expect("glyph");
            if last.text == "P" && l.justified {
                assert!(near(end(last), m), "at {m} em: {:?}", l.text());
            }
        }
    }
}

/// clreq `id118`: no Han–Latin space beside Chinese pause and stop marks, after an
/// opening or before a closing Chinese bracket.
#[test]
fn no_han_latin_space_beside_chinese_marks() {
    let line = solid("报告（GDP）显示，DTP。软件");
    for (a, b) in [("（", "G"), ("P", "）"), ("，", "D"), ("P", "。")] {
        let i = (0..line.glyphs.len() - 1)
            .find(|&i| line.glyphs[i].text == a && line.glyphs[i + 1].text == b)
            .expect("pair");
        assert!(near(gap(&line, i), 0.0), "{a}{b}: {}", gap(&line, i));
    }
}

/// clreq n036: a house may put an ordinary word space instead; then the space is the
/// font's, with no Han–Latin space added to it.
#[test]
fn a_typed_word_space_replaces_the_han_latin_space() {
    let line = solid("这个程序用 Rust 编写");
    let sp = nth(&line, " ", 0);
    assert!(near(gap(&line, sp - 1), 0.0) && near(gap(&line, sp), 0.0));
    let face = fonts().face(line.glyphs[sp].font);
    let font_space = face.advance(line.glyphs[sp].gid);
    assert!(near(line.glyphs[sp].advance.0 / EM, font_space));
}

/// clreq `id114`: a Western word is not broken across lines except where it may be
/// hyphenated; an acronym never.
#[test]
fn a_latin_word_breaks_only_at_a_hyphenation_point() {
    let text = "联合国教科文组织发布international合作报告，UNESCO认为";
    let points = hyphenation_points(text, &[]);
    let mut hyphenated = 0;
    for m in measures(5.0, 14.0) {
        let lines = set(text, m);
        assert_eq!(texts(&lines).concat(), text);
        for l in &lines[..lines.len() - 1] {
            let last = l.text().chars().last().expect("char");
            let next = text[l.end..].chars().next().expect("next");
            if last.is_ascii_alphabetic() && next.is_ascii_alphabetic() {
                hyphenated += 1;
                assert!(l.hyphenated, "at {m} em: {:?}", texts(&lines));
                assert!(points.contains(&l.end), "at {m} em: {:?}", texts(&lines));
                let acronym = text.find("UNESCO").expect("acronym");
                assert!(!(acronym < l.end && l.end < acronym + 6), "UNESCO split");
            }
        }
    }
    assert!(hyphenated > 0, "some measure breaks the word");
}

/// clreq `id116`: justification adds space between Han characters and between Han
/// and Western text, never between the letters of a word or the digits of a number.
#[test]
fn justification_never_spaces_letters_or_digits() {
    let text = "统计显示GDP达到2024亿元，同比增长六个百分点以上";
    let solid_line = solid(text);
    let width = |l: &Line, first: &str, last: &str| {
        end(&l.glyphs[nth(l, last, 0)]) - start(&l.glyphs[nth(l, first, 0)])
    };
    let mut checked = 0;
    for m in measures(8.0, 16.0) {
        for l in set(text, m) {
            if l.expansion.0 > 0.0 && l.text().contains("GDP") && l.text().contains("2024") {
                checked += 1;
                assert!(near(width(&l, "G", "P"), width(&solid_line, "G", "P")));
                assert!(near(width(&l, "2", "4"), width(&solid_line, "2", "4")));
                let i = nth(&l, "统", 0);
                assert!(gap(&l, i) > 0.0, "Han gaps take the stretch");
            }
        }
    }
    assert!(checked > 0, "no spread line holds both");
}

// ---- Grid alignment with mixed text -----------------------------------------------------

fn grid() -> Options {
    Options {
        strict_grid: true,
        ..Options::default()
    }
}

/// clreq `id119`: on the strict grid the Han–Latin space may grow up to ½ em so that
/// the Western run fills whole frames and the Han characters after it stay on the grid.
#[test]
fn on_the_grid_a_latin_run_fills_whole_frames() {
    let line = set_opts("第一季度GDP总量居全省前列", 30.0, &grid()).remove(0);
    let g = nth(&line, "G", 0);
    let p = nth(&line, "P", 0);
    let before = gap(&line, g - 1);
    let after = gap(&line, p);
    let zong = start(&line.glyphs[p + 1]);
    assert!(near(zong, zong.round()), "总 on the grid: {zong}");
    assert!(
        before <= 0.5 + EPS && after <= 0.5 + EPS,
        "{before} {after}"
    );
    assert!(
        near(before, after),
        "padding split evenly: {before} {after}"
    );
}

/// clreq note `n039`: with grid alignment, the first of the line-end marks hangs
/// outside the type area instead of the line being spread.
#[test]
fn on_the_grid_the_line_end_mark_hangs() {
    let lines = set_opts("今天上午市政府召开，会议研究部署", 9.0, &grid());
    assert!(lines[0].hung, "{:?}", texts(&lines));
    for l in &lines {
        for g in l.glyphs.iter().filter(|g| is_han(&g.text)) {
            assert!(
                near(start(g), start(g).round()),
                "{:?} off the grid",
                g.text
            );
        }
    }
}

// ---- Paragraph adjustment ----------------------------------------------------------------

/// clreq `first_line_indents` (`id154`, note `n046`): every paragraph, the first
/// included, starts with a 2-em indent.
#[test]
fn every_paragraph_is_indented_two_em() {
    const BODY: f64 = 9.0;
    let laid = lay("本报讯今天上午召开会议。\n\n春耕生产工作已全面展开。");
    let glyphs = page_glyphs(&laid);
    let x0 = (laid.model.grid.bleed + laid.model.grid.column_x(0)).0;
    for first in ["本", "春"] {
        let g = glyphs.iter().find(|g| g.2 == first).expect("glyph");
        assert!(
            (g.0 - x0 - 2.0 * BODY).abs() < 1e-6,
            "{first}: {}",
            g.0 - x0
        );
    }
}

/// clreq `first_line_indents` (凸排, itemization): a numbered item's turnover lines are
/// indented under its text, not under its number, and never pass the type area.
#[test]
fn a_numbered_item_hangs_its_turnover_lines() {
    let laid =
        lay("{point}（1）全面推行河长制，建立省、市、县、乡四级河长体系，做到每条河流都有人管。");
    let glyphs = page_glyphs(&laid);
    let x0 = (laid.model.grid.bleed + laid.model.grid.column_x(0)).0;
    let text_x = glyphs.iter().find(|g| g.2 == "全").expect("全").0;
    let label_x = glyphs.iter().find(|g| g.2 == "1").expect("1").0;
    assert!(label_x > x0 - 1e-6 && text_x > label_x);
    for l in &laid.composed.report.articles[0].lines[1..] {
        assert!(
            (l.x.0 - text_x).abs() < 1e-6,
            "turnover at {} not {}",
            l.x.0,
            text_x
        );
    }
    assert!(laid.composed.report.articles[0].lines.len() >= 3);
}

/// clreq `ways_of_alignments` (`id158`–`id160`): a short line centred, flush to the
/// start or flush to the end is set solid, the slack outside the text.
#[test]
fn single_lines_are_set_solid_when_centred_or_flush() {
    let text = "春耕生产";
    for align in [Align::Center, Align::Start, Align::End] {
        let p = linebreak::prepare(
            &par(text, Builtin::Song, 0.0, align),
            fonts(),
            &Options::default(),
        );
        let l = p.break_lines(&|_| Pt(10.0 * EM)).remove(0);
        for i in 0..l.glyphs.len() - 1 {
            assert!(near(gap(&l, i), 0.0), "{align:?}");
        }
        let (left, right) = (start(&l.glyphs[0]), 10.0 - end(l.glyphs.last().expect("g")));
        match align {
            Align::Center => assert!(near(left, right) && near(left, 3.0)),
            Align::Start => assert!(near(left, 0.0)),
            _ => assert!(near(right, 0.0)),
        }
    }
}

/// clreq `id161`, `id163`: even spacing (均排) spreads a line over the measure, the last
/// line and a one-line paragraph included — names in a list set to one width.
#[test]
fn even_spacing_sets_names_to_one_width() {
    let p = linebreak::prepare(
        &par(
            "张三\n李四光\n欧阳明月",
            Builtin::Song,
            0.0,
            Align::Distribute,
        ),
        fonts(),
        &Options::default(),
    );
    let lines = p.break_lines(&|_| Pt(4.0 * EM));
    assert_eq!(texts(&lines).len(), 3);
    for l in &lines {
        let han: Vec<&PlacedGlyph> = l.glyphs.iter().filter(|g| is_han(&g.text)).collect();
        assert!(near(start(han[0]), 0.0), "{:?}", l.text());
        assert!(near(end(han[han.len() - 1]), 4.0), "{:?}", l.text());
        let gaps: Vec<f64> = han.windows(2).map(|w| start(w[1]) - end(w[0])).collect();
        for g in &gaps {
            assert!(near(*g, gaps[0]), "even: {gaps:?}");
        }
    }
}

/// The same in a text box (`align = "distribute"`): the list's lines fill the box.
#[test]
fn a_text_box_sets_a_name_list_evenly() {
    let spec = "[page]\nlayout = \"tabloid\"\n\n[[textbox]]\nid = \"names\"\nplace = { column = 1, span = 1, top = 0, height = 8 }\npadding = \"9pt\"\n\n[[textbox.lines]]\ntext = \"\"\"\n张三\n欧阳明月\"\"\"\nsize = \"9pt\"\nalign = \"distribute\"\n";
    let files = Memory::new().with("page.toml", spec.as_bytes().to_vec());
    let laid = banmian::lay_out_from("page.toml".as_ref(), &files, &Default::default())
        .unwrap_or_else(|e| panic!("lays out: {e}"));
    let glyphs = page_glyphs(&laid);
    let x = |t: &str| glyphs.iter().find(|g| g.2 == t).expect("glyph").0;
    let x0 = (laid.model.grid.bleed + laid.model.grid.column_x(0)).0;
    // Both lines run from the box's left inset to its right one (padding and frame).
    let left = x("张") - x0;
    let right = x0 + laid.model.grid.column_width.0 - (x("三") + 9.0);
    assert!(left >= 9.0 && (left - right).abs() < 1e-6, "{left} {right}");
    assert!((x("欧") - x("张")).abs() < 1e-6);
    assert!((x("月") - x("三")).abs() < 1e-6);
}

/// clreq `id162`: a line left short by the prohibition rules is spread evenly (均排)
/// so that it starts and ends with the others.
#[test]
fn a_line_left_short_by_the_rules_is_spread_evenly() {
    let lines = set("今天上午市政府召开，会议研究部署春耕", 9.0);
    let l = &lines[0];
    assert_eq!(l.text(), "今天上午市政府召");
    let gaps: Vec<f64> = (0..l.glyphs.len() - 1).map(|i| gap(l, i)).collect();
    for g in &gaps {
        assert!(near(*g, 1.0 / 7.0), "{gaps:?}");
    }
    assert!(near(end(l.glyphs.last().expect("g")), 9.0));
}

/// clreq `id164`, `id165`: the last line of a paragraph must not hold a single
/// character (with or without its mark); the line before gives up its last character.
#[test]
fn the_last_line_never_holds_a_lone_character() {
    let text = "今天上午市政府召开会议。";
    let lines = set(text, 10.0);
    let last = lines.last().expect("line").text();
    assert!(
        last.chars().filter(|c| is_han(&c.to_string())).count() >= 2,
        "{:?}",
        texts(&lines)
    );
    assert_eq!(lines[0].text(), "今天上午市政府召开");
}

// ---- Line adjustment ----------------------------------------------------------------------

/// clreq `necessity_for_line_adjustment`: every line but the last is justified; the
/// last is set solid from the start.
#[test]
fn the_last_line_is_set_solid_from_the_start() {
    let lines = set("今天上午市政府召开会议研究部署春耕生产工作", 9.0);
    for l in &lines[..lines.len() - 1] {
        assert!(l.justified && near(l.width.0 / EM, 9.0));
    }
    let last = lines.last().expect("line");
    assert!(!last.justified && near(start(&last.glyphs[0]), 0.0));
    for i in 0..last.glyphs.len() - 1 {
        assert!(near(gap(last, i), 0.0));
    }
}

/// clreq `procedures_for_inter-character_spacing_reduction`: push-in takes the blanks
/// of brackets before those of commas, and those of commas before 。？！.
#[test]
fn push_in_takes_brackets_then_commas_then_full_stops() {
    // 10 frames, then a comma that must stay: ½ em to find. The brackets give it.
    let lines = set("看《报》时，笑。他说，好的走吧", 10.0);
    let l = &lines[0];
    assert_eq!(l.text(), "看《报》时，笑。他说，");
    let (open, close) = (nth(l, "《", 0), nth(l, "》", 0));
    let brackets = room(l, open, open) + room(l, close, close);
    assert!(near(brackets, 1.5), "brackets gave ½ em: {brackets}");
    assert!(near(room(l, nth(l, "，", 0), nth(l, "，", 0)), 1.0));
    assert!(near(room(l, nth(l, "。", 0), nth(l, "。", 0)), 1.0));
    // Without brackets the comma gives it, and the full stop keeps its frame.
    let lines = set("他说好，我说行。你呢，她笑着走了", 10.0);
    let l = &lines[0];
    assert_eq!(l.text(), "他说好，我说行。你呢，");
    assert!(near(room(l, nth(l, "，", 0), nth(l, "，", 0)), 0.5));
    assert!(near(room(l, nth(l, "。", 0), nth(l, "。", 0)), 1.0));
}

/// clreq `procedures_for_inter-character_spacing_reduction` (b): Western word spaces
/// give first, never below ¼ em; the brackets keep their blanks while they can.
#[test]
fn push_in_takes_word_spaces_first_and_never_below_a_quarter() {
    let prefix = "他读《New York Times》后说";
    let natural = solid(prefix).width.0 / EM;
    // The comma after it must stay on the line (½ em at the end): 0.01 em to find.
    let text = format!("{prefix}，大家都笑了起来");
    let lines = set(&text, natural + 0.5 - 0.01);
    let l = &lines[0];
    assert_eq!(l.text(), format!("{prefix}，"));
    let spaces: Vec<&PlacedGlyph> = l.glyphs.iter().filter(|g| g.text == " ").collect();
    let font_space = fonts().face(spaces[0].font).advance(spaces[0].gid);
    for s in &spaces {
        let w = s.advance.0 / EM;
        assert!(w < font_space - EPS && w >= 0.25 - EPS, "space {w} em");
    }
    let (open, close) = (nth(l, "《", 0), nth(l, "》", 0));
    assert!(near(room(l, open, open), 1.0) && near(room(l, close, close), 1.0));
}

/// clreq `procedures_for_inter-character_spacing_reduction` (c): a 1-em interpunct
/// (Hong Kong) gives up to ¼ em from each side, equally, before brackets and commas.
#[test]
fn hong_kong_interpunct_gives_its_quarters_equally() {
    let opts = Options {
        region: Region::Hk,
        ..Options::default()
    };
    // Nine ideographs and the interpunct fill 10 em; the comma needs ¾ em more.
    let lines = set_in("約翰·史密斯說明天來，好嗎", Builtin::Ming, 10.0, 0.0, &opts);
    let l = &lines[0];
    assert_eq!(l.text(), "約翰·史密斯說明天來，");
    let i = nth(l, "·", 0);
    assert!(
        near(room(l, i, i), 0.5),
        "interpunct takes {}",
        room(l, i, i)
    );
    let g = &l.glyphs[i];
    let (lsb, right) = linebreak::ink_bearings(fonts().face(g.font), g.gid).expect("ink");
    let ink_mid = g.x.0 / EM + (lsb + (1.0 - right)) / 2.0;
    assert!(
        (ink_mid - (start(g) + 0.25)).abs() < 0.02,
        "centred: {ink_mid}"
    );
    assert!(l.expansion.0.abs() < EPS);
}

/// clreq `procedures_for_inter-character_space_expansion` (b): the Han–Latin space
/// is widened (from ¼ toward ½ em) before the space between Han characters.
#[test]
#[ignore = "by design: issue #13 asks for stretch spread over all gaps, not piled on the Han–Latin space (cjk-rules.md §4.2)"]
fn expansion_widens_the_han_latin_space_first() {
    let text = "统计显示GDP达到新高，同比增长六个百分点以上";
    let mut checked = 0;
    for m in measures(8.0, 16.0) {
        for l in set(text, m) {
            if l.expansion.0 > 0.0 && l.text().contains("GDP") {
                checked += 1;
                let i = nth(&l, "G", 0);
                assert!(gap(&l, i - 1) > 0.25 + EPS);
            }
        }
    }
    assert!(checked > 0);
}

/// clreq `procedures_for_inter-character_space_expansion`, exceptions (a) and (b):
/// no space is added inside —— or ……, nor beside connectors and solidi.
#[test]
fn no_expansion_inside_unbreakables_or_beside_connectors_and_solidi() {
    let text = "气温3～5℃之间男/女均可——但是……另外，再说";
    let mut checked = 0;
    for m in measures(6.0, 24.0) {
        for l in set(text, m) {
            if l.expansion.0 <= 0.0 {
                continue;
            }
            for (k, g) in l.glyphs.iter().enumerate().take(l.glyphs.len() - 1) {
                let next = &l.glyphs[k + 1].text;
                let c = g.text.as_str();
                let beside = ["～", "/"].contains(&c) || ["～", "/"].contains(&next.as_str());
                if beside || (c == "…" && next == "…") {
                    checked += 1;
                    assert!(near(gap(&l, k), 0.0), "{c}{next} at {m} em: {:?}", l.text());
                }
                if c == "—" && next == "—" {
                    // One stroke drawn in two overlapping copies: exactly 2 em.
                    checked += 1;
                    let span = end(&l.glyphs[k + 1]) - start(g);
                    assert!(near(span, 2.0), "—— is {span} em at {m} em: {:?}", l.text());
                }
            }
        }
    }
    assert!(checked > 0);
}
