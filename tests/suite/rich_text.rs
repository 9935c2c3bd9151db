//! Rich body text: inline markup composed across style runs exactly as one run is,
//! emphasis dots, superscripts, the paragraph styles' geometry on the grid, located
//! warnings for markup that cannot be applied, and the plain text read back from the PDF.

use banmian::display::{CircleItem, Item, LineItem};
use banmian::files::Memory;
use banmian::fonts::{Builtin, FontBook, FontId};
use banmian::linebreak::{self, Align, Options, Paragraph, Span, Style};
use banmian::units::Pt;
use banmian::LaidOut;

const BODY: f64 = 9.0;
const PITCH: f64 = 13.0;
const COLUMN: f64 = 126.0;

/// A tabloid page with one article of `span` columns whose body is `body`; `extra` is
/// TOML put between `[page]` and the article (e.g. `[styles.lead]`).
fn lay_span(body: &str, extra: &str, span: usize) -> LaidOut {
    let spec = format!(
        "[page]\nlayout = \"tabloid\"\n\n{extra}\n\n[[article]]\nid = \"a\"\nbody_file = \"body.txt\"\nplace = {{ column = 1, span = {span}, top = 0, height = 60 }}\n"
    );
    let files = Memory::new()
        .with("page.toml", spec.into_bytes())
        .with("body.txt", body.as_bytes().to_vec());
    banmian::lay_out_from("page.toml".as_ref(), &files, &Default::default())
        .unwrap_or_else(|e| panic!("lays out: {e}"))
}

fn lay(body: &str, extra: &str) -> LaidOut {
    lay_span(body, extra, 1)
}

/// Every glyph on the page: font, size, x, baseline, text.
fn glyphs(laid: &LaidOut) -> Vec<(FontId, f64, f64, f64, String)> {
    let mut out = Vec::new();
    for item in &laid.composed.doc.pages[0].items {
        if let Item::Text(run) = item {
            for g in &run.glyphs {
                out.push((run.font, run.size.0, g.x.0, g.y.0, g.text.clone()));
            }
        }
    }
    out
}

fn glyph(laid: &LaidOut, text: &str) -> (FontId, f64, f64, f64, String) {
    glyphs(laid)
        .into_iter()
        .find(|g| g.4 == text)
        .unwrap_or_else(|| panic!("no glyph {text}"))
}

fn dots(laid: &LaidOut) -> Vec<CircleItem> {
    let items = &laid.composed.doc.pages[0].items;
    items
        .iter()
        .filter_map(|i| match i {
            Item::Circle(c) => Some(c.clone()),
            _ => None,
        })
        .collect()
}

fn rules(laid: &LaidOut) -> Vec<LineItem> {
    let items = &laid.composed.doc.pages[0].items;
    items
        .iter()
        .filter_map(|i| match i {
            Item::Line(l) => Some(l.clone()),
            _ => None,
        })
        .collect()
}

/// The left edge of the first column and the baseline of grid line `l`, on the sheet.
fn column_x(laid: &LaidOut) -> f64 {
    let g = &laid.model.grid;
    (g.bleed + g.column_x(0)).0
}

fn baseline(laid: &LaidOut, l: usize) -> f64 {
    let g = &laid.model.grid;
    (g.bleed + g.baseline(l)).0
}

fn lines(laid: &LaidOut) -> &[banmian::compose::LineReport] {
    &laid.composed.report.articles[0].lines
}

/// No warnings but underfill: these test pages are strips of one tall column, and
/// where the text ends above the strip's foot is not what they test (underfill has
/// its own tests in front_page.rs).
fn no_warnings(laid: &LaidOut) {
    let mut left = laid.composed.warnings.clone();
    left.0
        .retain(|w| w.code != banmian::diag::Code::LayoutUnderfilled);
    assert!(left.is_empty(), "{left}");
}

// ---- composition across runs -------------------------------------------------------

#[test]
fn corner_bracket_in_kai_then_full_stop_in_song_are_one_compressed_pair() {
    let laid = lay("他说{kai}「好」{/}。然后走了。", "");
    no_warnings(&laid);
    let close = glyph(&laid, "」");
    let stop = glyph(&laid, "。");
    assert_eq!(close.0, Builtin::Kai.id());
    assert_eq!(stop.0, Builtin::Song.id());
    // 」 keeps its ink, loses the ½-em blank after it: 。 follows half an em later.
    let step = (stop.2 - close.2) / BODY;
    assert!((step - 0.5).abs() < 0.01, "」。 step {step} em");
}

/// Composes `spans` at measures from 4 to 16 ems and returns every set of lines.
fn sweep(spans: &[(&str, Builtin)]) -> Vec<Vec<String>> {
    let fonts = FontBook::builtin();
    let par = Paragraph {
        spans: spans
            .iter()
            .map(|(t, f)| Span {
                text: (*t).into(),
                style: Style::new(f.id(), Pt(BODY)),
            })
            .collect(),
        indent: Pt(2.0 * BODY),
        align: Align::Justify,
    };
    let prepared = linebreak::prepare(&par, &fonts, &Options::default());
    (8..=32)
        .map(|half_ems| {
            let w = Pt(BODY * half_ems as f64 / 2.0);
            prepared
                .break_lines(&|_| w)
                .iter()
                .map(|l| l.text())
                .collect()
        })
        .collect()
}

#[test]
fn run_boundaries_change_no_break_and_no_line() {
    // The same text in one run and cut into runs of other faces exactly at the places
    // where a boundary could wrongly open a break: before ， and after “ (and 《).
    let text = "记者王五说，“今天的会议很重要”，会上通过了《条例》，明年起施行。";
    let one = sweep(&[(text, Builtin::Song)]);
    let runs = sweep(&[
        ("记者王五说", Builtin::Hei),
        ("，“", Builtin::Song),
        ("今天的会议很重要", Builtin::Kai),
        ("”，会上通过了《", Builtin::Song),
        ("条例", Builtin::Hei),
        ("》，明年起施行。", Builtin::Song),
    ]);
    assert_eq!(one, runs, "identical breaks at every measure");
    for lines in &runs {
        for l in lines {
            assert!(!l.starts_with('，') && !l.starts_with('”'), "{lines:?}");
            assert!(!l.ends_with('“') && !l.ends_with('《'), "{lines:?}");
        }
    }
}

#[test]
fn han_latin_space_is_the_same_across_a_face_change() {
    let fonts = FontBook::builtin();
    let set = |spans: &[(&str, Builtin)]| {
        let par = Paragraph {
            spans: spans
                .iter()
                .map(|(t, f)| Span {
                    text: (*t).into(),
                    style: Style::new(f.id(), Pt(BODY)),
                })
                .collect(),
            indent: Pt::ZERO,
            align: Align::Start,
        };
        let line = linebreak::prepare(&par, &fonts, &Options::default())
            .break_lines(&|_| Pt(BODY * 20.0))
            .remove(0);
        let at = |t: &str| line.glyphs.iter().rfind(|g| g.text == t).unwrap().clone();
        let (p, e) = (at("P"), at("二"));
        let before = at("A").frame_x - (at("描").x + at("描").advance);
        let after = e.frame_x - (p.x + p.advance);
        (before.0 / BODY, after.0 / BODY)
    };
    let one = set(&[("扫描APP二维码", Builtin::Song)]);
    let runs = set(&[
        ("扫描", Builtin::Song),
        ("APP", Builtin::Hei),
        ("二维码", Builtin::Kai),
    ]);
    assert!(
        (one.0 - 0.25).abs() < 1e-9 && (one.1 - 0.25).abs() < 1e-9,
        "{one:?}"
    );
    assert!(
        (runs.0 - 0.25).abs() < 1e-9 && (runs.1 - 0.25).abs() < 1e-9,
        "{runs:?}"
    );
}

#[test]
fn a_bold_run_at_the_line_start_keeps_the_indent_rules() {
    let plain = lay("本报讯（记者 王五）昨天召开会议。", "");
    let bold = lay("**本报讯**（记者 王五）昨天召开会议。", "");
    let x0 = column_x(&plain);
    let (b, p) = (glyph(&bold, "本"), glyph(&plain, "本"));
    assert_eq!(b.0, Builtin::Hei.id(), "the lead-in is 黑体");
    assert!((b.2 - x0 - 2.0 * BODY).abs() < 1e-6, "2-em indent");
    assert!((b.2 - p.2).abs() < 1e-6);
    // An opening quote after the indent loses its blank the same way in a bold run.
    let plain = lay("“本报讯”昨天召开会议。", "");
    let bold = lay("**“本报讯”**昨天召开会议。", "");
    let (b, p) = (glyph(&bold, "本"), glyph(&plain, "本"));
    assert!((b.2 - p.2).abs() < 0.02, "本 at {} vs {}", b.2, p.2);
    assert!(
        (p.2 - x0 - 2.5 * BODY).abs() < 0.02,
        "“ in ½ em after the indent"
    );
}

#[test]
fn a_superscript_is_raised_small_and_kept_with_its_base() {
    let laid = lay("按照导则{sup}[1]{/}的要求。", "");
    no_warnings(&laid);
    let base = glyph(&laid, "则");
    let one = glyph(&laid, "1");
    assert!(one.1 < BODY * 0.7, "smaller: {}", one.1);
    assert!(
        base.3 - one.3 > BODY * 0.3,
        "raised: {} above",
        base.3 - one.3
    );
    let open = glyph(&laid, "[");
    let gap = (open.2 - (base.2 + BODY)) / BODY;
    assert!(gap.abs() < 0.01, "no Han–Latin space before it: {gap} em");
    // The superscript never starts a line, whatever the measure.
    let fonts = FontBook::builtin();
    let song = Style::new(Builtin::Song.id(), Pt(BODY));
    let sup = Style {
        rise: Pt(BODY * 0.36),
        ..Style::new(Builtin::Song.id(), Pt(BODY * 0.6))
    };
    let par = Paragraph {
        spans: vec![
            Span {
                text: "一二三四五六七八九十则".into(),
                style: song,
            },
            Span {
                text: "1".into(),
                style: sup,
            },
            Span {
                text: "的要求。".into(),
                style: song,
            },
        ],
        indent: Pt::ZERO,
        align: Align::Justify,
    };
    let prepared = linebreak::prepare(&par, &fonts, &Options::default());
    for ems in 3..=14 {
        for l in prepared.break_lines(&|_| Pt(BODY * ems as f64)) {
            assert!(!l.text().starts_with('1'), "{ems} em: {}", l.text());
        }
    }
}

// ---- emphasis dots -----------------------------------------------------------------------

#[test]
fn emphasis_dots_sit_centred_under_each_character_not_under_punctuation() {
    let laid = lay("各区县把{dots}群众满意，作为第一标准{/}。", "");
    no_warnings(&laid);
    let d = dots(&laid);
    assert_eq!(
        d.len(),
        10,
        "群众满意 作为第一标准: ten characters, no dot under ，"
    );
    let grid = &laid.model.grid;
    for c in "群众满意作为第一标准".chars() {
        let g = glyph(&laid, &c.to_string());
        let centre = g.2 + BODY / 2.0;
        let dot = d
            .iter()
            .find(|d| (d.center.0 .0 - centre).abs() < 0.01)
            .unwrap_or_else(|| panic!("no dot under {c}"));
        let em_bottom = g.3 + BODY * 0.12;
        let line = ((g.3 - baseline(&laid, 0)) / PITCH).round() as usize;
        let cell_bottom = (grid.bleed + grid.line_y(line + 1)).0;
        let (top, bottom) = (
            dot.center.1 .0 - dot.radius.0,
            dot.center.1 .0 + dot.radius.0,
        );
        assert!(top > em_bottom, "{c}: dot below the em box");
        assert!(bottom < cell_bottom, "{c}: dot inside its grid line");
        assert!(dot.radius.0 * 2.0 >= BODY * 0.12, "{c}: visible");
    }
    let comma = glyph(&laid, "，");
    assert!(d
        .iter()
        .all(|d| (d.center.0 .0 - comma.2).abs() > BODY * 0.4));
}

// ---- markup: text kept, warnings located -------------------------------------------------

/// The text a reader copies from the PDF, without spaces and line ends.
fn pdf_text(laid: &LaidOut) -> String {
    let pdf = banmian::write_pdf(laid).expect("writes");
    let doc = lopdf::Document::load_mem(&pdf).expect("lopdf reads the PDF");
    let text = doc.extract_text(&[1]).expect("text extracts");
    text.chars().filter(|c| !c.is_whitespace()).collect()
}

#[test]
fn the_pdf_gives_back_the_text_in_order_without_the_markup() {
    let body = "{lead}**本报讯**（记者 王五）昨天，{kai}《条例》{/}公布，\n{dots}重点{/}在于落实{sup}[1]{/}。\n\n{brief}**简讯** 路径\\{不\\}变，5\\*3\\*\\*。";
    let laid = lay(body, "");
    no_warnings(&laid);
    let expected = "本报讯（记者王五）昨天，《条例》公布，重点在于落实[1]。简讯路径{不}变，5*3**。";
    assert_eq!(pdf_text(&laid), expected);
    let blocks: String = laid.model.articles[0]
        .blocks
        .iter()
        .map(|b| b.text.as_str())
        .collect();
    assert_eq!(
        blocks.replace(' ', ""),
        expected,
        "the model's text is the printed text"
    );
    let set: String = lines(&laid).iter().map(|l| l.text.as_str()).collect();
    assert_eq!(set.replace(' ', ""), expected);
}

#[test]
fn unbalanced_markup_is_a_located_warning_and_the_text_is_kept() {
    let (laid, _) = banmian::build_pdf(std::path::Path::new("tests/specs/markup-unbalanced.toml"))
        .expect("builds");
    insta::assert_snapshot!(laid.composed.warnings.to_string(), @r"
    tests/specs/markup-unbalanced.toml:12:3: warning: `**` is not closed in its paragraph: printed as it is, the text after it unstyled
      in: article `a`
      hint: close it with ** in the same paragraph, or write \* for a literal asterisk
    tests/specs/markup-unbalanced.toml:14:3: warning: unknown markup `{big}`: printed as it is
      in: article `a`
      hint: names: bold, kai, hei, song, song-bold, hei-bold or a [[fonts]] name, dots, sup; paragraph styles lead, note, quote, point, brief; write \{ for a literal brace
    tests/specs/markup-unbalanced.toml:14:9: warning: `{/}` closes nothing: printed as it is
      in: article `a`
      hint: close spans in the reverse order they were opened ({kai}…{/}); write \{ for a literal brace
    ");
    let text: String = lines(&laid).iter().map(|l| l.text.as_str()).collect();
    assert_eq!(text, "他说**这是重要的话。再说{big}大{/}字。");
}

// ---- paragraph styles on the grid --------------------------------------------------------

/// Lines of block `b`, in order.
fn block_lines(laid: &LaidOut, b: usize) -> Vec<&banmian::compose::LineReport> {
    lines(laid).iter().filter(|l| l.block == b).collect()
}

/// Grid line of a line report's baseline (and that it is on the grid).
fn grid_line(laid: &LaidOut, l: &banmian::compose::LineReport) -> usize {
    let k = (l.baseline.0 - baseline(laid, 0)) / PITCH;
    assert!((k - k.round()).abs() < 1e-6, "baseline on the grid: {k}");
    k.round() as usize
}

fn is_on_grid(laid: &LaidOut) {
    for l in lines(laid) {
        grid_line(laid, l);
    }
}

#[test]
fn a_lead_is_set_in_kai_with_a_blank_line_before_the_body() {
    let laid = lay("{lead}**本报讯**今年全市计划改造老旧小区一百二十六个，涉及居民两万余户。\n\n正文坚持先地下、后地上。", "");
    no_warnings(&laid);
    is_on_grid(&laid);
    assert_eq!(glyph(&laid, "今").0, Builtin::Kai.id());
    assert_eq!(glyph(&laid, "本").0, Builtin::Hei.id(), "strong is 黑体");
    assert_eq!(
        glyph(&laid, "坚").0,
        Builtin::Song.id(),
        "the body after it"
    );
    let last = block_lines(&laid, 0)
        .last()
        .map(|l| grid_line(&laid, l))
        .unwrap();
    let next = grid_line(&laid, block_lines(&laid, 1)[0]);
    assert_eq!(next, last + 2, "one blank grid line after the lead");
}

#[test]
fn an_editors_note_is_closed_by_a_hairline_on_a_blank_line() {
    let laid = lay("{note}**【编者按】**本报今起推出民生实事面对面栏目，跟踪报道各项民生工程的进展。\n\n正文第一段。", "");
    no_warnings(&laid);
    is_on_grid(&laid);
    let last = block_lines(&laid, 0)
        .last()
        .map(|l| grid_line(&laid, l))
        .unwrap();
    let next = grid_line(&laid, block_lines(&laid, 1)[0]);
    assert_eq!(next, last + 2);
    let r = rules(&laid);
    assert_eq!(r.len(), 1, "{r:?}");
    let y = r[0].from.1 .0;
    assert!(y > baseline(&laid, last) && y < baseline(&laid, next) - BODY * 0.88);
    let blank_line_middle = baseline(&laid, last + 1) - BODY * 0.38;
    assert!(
        (y - blank_line_middle).abs() < 1.0,
        "in the blank line: {y}"
    );
    assert!((r[0].from.0 .0 - column_x(&laid)).abs() < 1e-6);
    assert!((r[0].to.0 .0 - column_x(&laid) - COLUMN).abs() < 1e-6);
}

#[test]
fn a_quotation_is_indented_two_characters_from_both_edges() {
    let laid = lay_span(
        "{quote}小区改造不能一刷了之，要把群众的急难愁盼作为改造的重点，让改造成果经得起时间和群众的检验。",
        "",
        1,
    );
    no_warnings(&laid);
    is_on_grid(&laid);
    let x0 = column_x(&laid);
    let ls = block_lines(&laid, 0);
    assert!(ls.len() >= 4);
    for (i, l) in ls.iter().enumerate() {
        assert!((l.x.0 - x0 - 2.0 * BODY).abs() < 1e-6, "left indent");
        assert!((l.measure.0 - (COLUMN - 4.0 * BODY)).abs() < 1e-6);
        if !l.last {
            assert!(
                (l.width.0 - l.measure.0).abs() < 0.05 * BODY,
                "line {i} justified"
            );
        }
    }
    let first = glyph(&laid, "小");
    assert!(
        (first.2 - x0 - 4.0 * BODY).abs() < 1e-6,
        "plus the 2-em first-line indent"
    );
    assert_eq!(first.0, Builtin::Kai.id());
}

#[test]
fn a_numbered_point_hangs_its_turnover_lines_under_the_text() {
    let laid = lay(
        "{point}一、扩大改造范围，将二〇〇五年底前建成、基础设施不完善的小区全部纳入改造计划，做到应改尽改。\n\n{point}（2）健全长效管理机制，推动改造后的小区引入专业化物业服务。",
        "",
    );
    no_warnings(&laid);
    is_on_grid(&laid);
    let x0 = column_x(&laid);
    let one = block_lines(&laid, 0);
    assert!((glyph(&laid, "一").2 - x0 - 2.0 * BODY).abs() < 1e-6);
    let text_x = glyph(&laid, "扩").2;
    assert!((text_x - x0 - 4.0 * BODY).abs() < 1e-6, "一、 is 2 em");
    for l in &one[1..] {
        assert!(
            (l.x.0 - text_x).abs() < 1e-6,
            "turnover under 扩: {}",
            l.x.0 - x0
        );
        assert!(
            (l.x.0 + l.measure.0 - x0 - COLUMN).abs() < 1e-6,
            "to the right edge"
        );
    }
    let two = block_lines(&laid, 1);
    let text_x = glyph(&laid, "健").2;
    assert!(text_x - x0 > 4.0 * BODY, "（2） is wider than 一、");
    for l in &two[1..] {
        assert!((l.x.0 - text_x).abs() < 1e-6);
    }
}

#[test]
fn briefs_are_led_by_a_bold_head_and_separated_by_a_rule_on_a_blank_line() {
    let body = "{brief}**高新区开展消防演练**　本报讯 十二月三日，高新区开展高层建筑消防演练。\n\n{brief}**张店区新增停车位**　本报讯 今年以来，张店区新增停车位一千八百余个。\n\n{brief}**博山琉璃走俏**　本报讯 博山琉璃工艺品迎来销售旺季。";
    let laid = lay(body, "");
    no_warnings(&laid);
    is_on_grid(&laid);
    assert_eq!(glyph(&laid, "演").0, Builtin::Hei.id());
    assert_eq!(glyph(&laid, "报").0, Builtin::Song.id());
    let r = rules(&laid);
    assert_eq!(r.len(), 2, "between the three briefs, none after the last");
    for (k, rule) in r.iter().enumerate() {
        let last = block_lines(&laid, k)
            .last()
            .map(|l| grid_line(&laid, l))
            .unwrap();
        let next = grid_line(&laid, block_lines(&laid, k + 1)[0]);
        assert_eq!(next, last + 2, "one blank line between briefs");
        let y = rule.from.1 .0;
        assert!(y > baseline(&laid, last) + BODY * 0.12);
        assert!(y < baseline(&laid, next) - BODY * 0.88);
    }
}

#[test]
fn an_ornament_between_briefs_stands_on_the_blank_line() {
    let body = "{brief}**甲**　一条简讯。\n\n{brief}**乙**　又一条简讯。";
    let laid = lay(body, "[styles.brief]\nseparator = \"◆\"");
    no_warnings(&laid);
    assert!(rules(&laid).is_empty());
    let o = glyph(&laid, "◆");
    let x0 = column_x(&laid);
    assert!(
        (o.2 + BODY / 2.0 - x0 - COLUMN / 2.0).abs() < BODY * 0.3,
        "centred"
    );
    let first = grid_line(&laid, block_lines(&laid, 0)[0]);
    assert!(
        (o.3 - baseline(&laid, first + 1)).abs() < 1e-6,
        "on the blank line"
    );
}

#[test]
fn a_style_from_the_spec_sets_face_size_indents_and_space_on_the_grid() {
    let styles = "[styles.note]\nfont = \"hei\"\nsize = \"六号\"\nindent = 0\nleft = 1\nspace_above = 2\nspace_below = 0\nrule_below = false";
    let laid = lay("第一段正文。\n\n{编者按}编者按：本报今起推出栏目，跟踪报道各项民生工程的进展，欢迎读者提供线索。\n\n第二段。", styles);
    no_warnings(&laid);
    is_on_grid(&laid);
    let g = glyph(&laid, "跟");
    assert_eq!(g.0, Builtin::Hei.id());
    assert!((g.1 - 7.5).abs() < 1e-6, "六号 is 7.5 pt");
    let note = block_lines(&laid, 1);
    let x0 = column_x(&laid);
    for l in &note {
        assert!((l.x.0 - x0 - 7.5).abs() < 1e-6, "left 1 em of its own size");
    }
    assert!(
        (glyph(&laid, "编").2 - x0 - 7.5).abs() < 1e-6,
        "no first-line indent"
    );
    let before = grid_line(&laid, block_lines(&laid, 0)[0]);
    assert_eq!(
        grid_line(&laid, note[0]),
        before + 3,
        "two blank lines above"
    );
    let after = grid_line(&laid, block_lines(&laid, 2)[0]);
    assert_eq!(after, grid_line(&laid, note[note.len() - 1]) + 1);
    assert!(rules(&laid).is_empty());
}

#[test]
fn styles_in_a_layout_file_apply_and_the_spec_overrides_them_key_by_key() {
    let layout = format!(
        "{}\n[styles.lead]\nfont = \"hei\"\nspace_below = 0\n",
        std::fs::read_to_string("layouts/tabloid.toml").unwrap()
    );
    let spec = "[page]\nlayout = \"house\"\n\n[styles.lead]\nspace_below = 2\n\n[[article]]\nbody = \"\"\"\n{lead}导语。\n\n正文。\"\"\"\nplace = { column = 1, span = 1, top = 0, height = 20 }\n";
    let files = Memory::new()
        .with("page.toml", spec.as_bytes().to_vec())
        .with("layouts/house.toml", layout.into_bytes());
    let laid = banmian::lay_out_from("page.toml".as_ref(), &files, &Default::default())
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(
        glyph(&laid, "导").0,
        Builtin::Hei.id(),
        "face from the layout"
    );
    let lead = grid_line(&laid, block_lines(&laid, 0)[0]);
    assert_eq!(
        grid_line(&laid, block_lines(&laid, 1)[0]),
        lead + 3,
        "space from the spec"
    );
}

#[test]
fn bad_style_values_are_located_in_the_file_that_has_them() {
    let layout = format!(
        "{}\n[styles.quote]\nsize = \"一号\"\n",
        std::fs::read_to_string("layouts/tabloid.toml").unwrap()
    );
    let spec = "[page]\nlayout = \"house\"\n\n[styles.brief]\nseparator = \"◆\"\nspace_below = 0\n\n[styles.laed]\nfont = \"kai\"\n";
    let files = Memory::new()
        .with("page.toml", spec.as_bytes().to_vec())
        .with("layouts/house.toml", layout.clone().into_bytes());
    let e = banmian::lay_out_from("page.toml".as_ref(), &files, &Default::default())
        .err()
        .expect("a misspelt style is an error");
    insta::assert_snapshot!(e.to_string(), @r"
    page.toml:8:9: error: unknown field `laed`, expected one of `lead`, `note`, `quote`, `point`, `brief`
      hint: did you mean `lead`? (see docs/spec.md for every key)
    ");
    let spec = spec.replace("[styles.laed]", "[styles.lead]");
    let files = Memory::new()
        .with("page.toml", spec.into_bytes())
        .with("layouts/house.toml", layout.into_bytes());
    let e = banmian::lay_out_from("page.toml".as_ref(), &files, &Default::default())
        .err()
        .expect("bad values are errors");
    insta::assert_snapshot!(e.to_string(), @r#"
    layouts/house.toml:47:8: error: a paragraph size of 26.00pt on a 13.00pt line pitch
      hint: from 4 pt up to the line pitch: every line of a paragraph sits on one grid line
    page.toml:5:13: error: an ornament between paragraphs needs a blank grid line to stand on
      hint: set `space_below = 1` for the style, or use `separator = "rule"`
    "#);
}

// ---- line-quality figures ----------------------------------------------------------------

#[test]
fn quality_figures_count_lines_of_several_runs_like_any_other() {
    let out = crate::common::banmian(&[
        "check",
        "tests/specs/rich-text/page.toml",
        "--json",
        "--deny-warnings",
    ]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let laid = banmian::lay_out(std::path::Path::new("tests/specs/rich-text/page.toml"))
        .expect("lays out");
    for (a, art) in laid.composed.report.articles.iter().enumerate() {
        let q = &report["layout"]["articles"][a]["quality"];
        let body_lines = art.lines.iter().filter(|l| l.kind == "body").count();
        assert_eq!(q["lines"].as_u64(), Some(body_lines as u64), "{}", art.id);
        assert_eq!(q["kinsoku_violations"].as_u64(), Some(0));
        assert_eq!(q["overfull_lines"].as_u64(), Some(0));
        assert_eq!(q["orphans"].as_u64(), Some(0));
        assert_eq!(
            q["flush_lines"].as_u64(),
            q["justified_lines"].as_u64(),
            "{}",
            art.id
        );
    }
}
