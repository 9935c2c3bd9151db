//! The front page's elements (issue #11): rules and separators, boxed stories and
//! sidebars, text boxes, the masthead, underfill, captions, and the front-page sample.

use banmian::diag::Code;
use banmian::display::Item;
use banmian::files::Memory;
use banmian::LaidOut;
use std::path::Path;

/// Lays out a broadsheet page from `spec` (and extra files) in memory.
fn page(spec: &str, files: &[(&str, &str)]) -> LaidOut {
    let mut m = Memory::new().with("page.toml", spec.as_bytes().to_vec());
    for (name, text) in files {
        m = m.with(name, text.as_bytes().to_vec());
    }
    banmian::lay_out_from(Path::new("page.toml"), &m, &Default::default()).unwrap()
}

fn codes(laid: &LaidOut) -> Vec<Code> {
    laid.composed.warnings.iter().map(|w| w.code).collect()
}

/// Text of every glyph run whose origin lies inside `r` (page coordinates).
fn text_in(laid: &LaidOut, r: banmian::display::Rect) -> String {
    let mut s = String::new();
    for item in &laid.composed.doc.pages[0].items {
        if let Item::Text(run) = item {
            for g in &run.glyphs {
                if g.x >= r.x && g.x <= r.right() && g.y >= r.y && g.y <= r.bottom() {
                    s.push_str(&g.text);
                }
            }
        }
    }
    s
}

const HEAD: &str = "[page]\nlayout = \"broadsheet\"\n";

fn paragraph(n: usize) -> String {
    "城市更新项目同步开工，涉及居民八千六百余户，将加装电梯四十六部。".repeat(n)
}

#[test]
fn an_underfilled_story_warns_with_its_empty_lines() {
    let spec = format!(
        "{HEAD}[[article]]\nid = \"short\"\nbody = \"{}\"\nplace = {{ column = 1, span = 2, top = 10, height = 30 }}\n",
        paragraph(2)
    );
    let laid = page(&spec, &[]);
    let w: Vec<_> = laid
        .composed
        .warnings
        .iter()
        .filter(|w| w.code == Code::LayoutUnderfilled)
        .collect();
    assert_eq!(w.len(), 1, "{}", laid.composed.warnings);
    let empty = laid.composed.report.articles[0].empty_lines;
    assert!(empty >= 2);
    assert!(
        w[0].message
            .contains(&format!("ends {empty} grid lines above the foot")),
        "{}",
        w[0].message
    );
    assert!(w[0].area.is_some(), "boxed on the proof");
}

#[test]
fn a_story_ending_in_its_last_line_does_not_warn() {
    // Find the height at which the text ends in the area's last line.
    let body = paragraph(3);
    let spec = |h: usize| {
        format!("{HEAD}[[article]]\nid = \"fit\"\nbody = \"{body}\"\nplace = {{ column = 1, span = 1, top = 10, height = {h} }}\n")
    };
    let lines = page(&spec(60), &[]).composed.report.articles[0].slots_used;
    let laid = page(&spec(lines), &[]);
    assert_eq!(laid.composed.report.articles[0].empty_lines, 0);
    assert!(codes(&laid).is_empty(), "{}", laid.composed.warnings);
}

#[test]
fn separators_run_in_the_blank_line_and_stop_at_the_gutters() {
    let spec = format!(
        "{HEAD}[separators]\n\n[[article]]\nid = \"a\"\nbody = \"{}\"\nplace = {{ column = 1, span = 3, top = 0, height = 20 }}\n\n[[article]]\nid = \"b\"\nbody = \"{}\"\nplace = {{ column = 2, span = 2, top = 20, height = 20 }}\n",
        paragraph(8),
        paragraph(4)
    );
    let laid = page(&spec, &[]);
    let g = &laid.model.grid;
    let origin = laid.composed.doc.pages[0].trim;
    let y = origin.y + g.line_y(19) + g.line_pitch / 2.0;
    let rules: Vec<_> = laid.composed.doc.pages[0]
        .items
        .iter()
        .filter_map(|i| match i {
            Item::Line(l) if (l.from.1 - y).abs().0 < 0.01 && (l.to.1 - y).abs().0 < 0.01 => {
                Some(l)
            }
            _ => None,
        })
        .collect();
    assert_eq!(rules.len(), 1, "one separator in line 19");
    let x0 = origin.x + g.column_x(1);
    let x1 = x0 + g.span_width(2);
    assert!((rules[0].from.0 - x0).abs().0 < 0.01 && (rules[0].to.0 - x1).abs().0 < 0.01);
    // The upper story keeps its last line over the shared columns blank for the rule.
    assert!(!laid.composed.report.articles[0]
        .lines
        .iter()
        .any(|l| l.line == 19 && l.column >= 1));
}

#[test]
fn a_dotted_rule_is_a_round_dash_pattern_and_takes_its_line() {
    let spec = format!(
        "{HEAD}[[rule]]\nhorizontal = {{ column = 1, span = 2, line = 5 }}\nstyle = \"dotted\"\nweight = \"1pt\"\n\n[[article]]\nbody = \"{}\"\nplace = {{ column = 1, span = 2, top = 0, height = 12 }}\n",
        paragraph(3)
    );
    let laid = page(&spec, &[]);
    let dotted = laid.composed.doc.pages[0]
        .items
        .iter()
        .any(|i| matches!(i, Item::Line(l) if l.dash.is_some_and(|d| d.round && d.on.0 == 0.0)));
    assert!(dotted);
    assert!(laid.composed.report.articles[0]
        .lines
        .iter()
        .all(|l| l.line != 5));
}

#[test]
fn a_boxed_story_sets_its_text_inside_the_frame_on_the_grid() {
    let spec = format!(
        "{HEAD}[[article]]\nheadline = \"开工只是起点\"\nbody = \"{}\"\ntext = {{ font = \"kai\" }}\nframe = {{ fill = \"0 0 0 5\" }}\nplace = {{ column = 1, span = 2, top = 0, height = 20 }}\n",
        paragraph(2)
    );
    let laid = page(&spec, &[]);
    let g = &laid.model.grid;
    let origin = laid.composed.doc.pages[0].trim;
    let left = origin.x + g.column_x(0) + g.body_size; // one em of inset
    let right = origin.x + g.column_x(0) + g.span_width(2) - g.body_size;
    let a = &laid.composed.report.articles[0];
    assert!(!a.lines.is_empty());
    for l in &a.lines {
        assert!(
            l.x >= left - banmian::units::Pt(0.01),
            "line starts inside the inset"
        );
        assert!(l.x + l.measure <= right + banmian::units::Pt(0.01));
        assert!(
            l.line >= 1 && l.line <= 17,
            "inside the inset lines: {}",
            l.line
        );
        let on_grid = origin.y + g.baseline(l.line);
        assert!(
            (l.baseline - on_grid).abs().0 < 0.01,
            "baseline on the grid"
        );
    }
}

#[test]
fn a_sidebar_inside_a_story_is_run_around_and_not_an_overlap() {
    let spec = format!(
        "{HEAD}[[article]]\nid = \"host\"\nbody = \"{}\"\nplace = {{ column = 1, span = 3, top = 0, height = 30 }}\n\n[[article]]\nid = \"link\"\nheadline = {{ text = \"相关链接\", size = \"小五\" }}\nbody = \"供热企业接到报修后两小时内到场。\"\nframe = {{ style = \"dashed\" }}\nplace = {{ column = 2, span = 2, top = 18, height = 12 }}\n",
        paragraph(9)
    );
    let laid = page(&spec, &[]);
    assert!(
        !codes(&laid).contains(&Code::LayoutOverlap),
        "{}",
        laid.composed.warnings
    );
    let host = &laid.composed.report.articles[0];
    assert!(host
        .lines
        .iter()
        .all(|l| !(l.column >= 1 && (18..30).contains(&l.line))));
}

#[test]
fn a_textbox_draws_nothing_outside_its_frame_and_reports_overflow() {
    let spec = format!(
        "{HEAD}[[textbox]]\nid = \"guide\"\nplace = {{ column = 1, span = 2, top = 0, height = 6 }}\n\n[[textbox.lines]]\ntext = \"今日导读\"\nsize = \"小三\"\n\n[[textbox.lines]]\ntext = \"\"\"\n{}\"\"\"\ntabs = [{{ at = \"2.2em\", separator = \"｜\" }}]\n",
        (2..14).map(|i| format!("A{i:02}\t全市供暖季今日零时启动")).collect::<Vec<_>>().join("\n")
    );
    let laid = page(&spec, &[]);
    assert!(codes(&laid).contains(&Code::LayoutTextboxOverflow));
    let g = &laid.model.grid;
    let origin = laid.composed.doc.pages[0].trim;
    let frame = banmian::display::Rect::new(
        origin.x + g.column_x(0),
        origin.y + g.line_y(0),
        g.span_width(2),
        g.line_pitch * 5.0,
    );
    for item in &laid.composed.doc.pages[0].items {
        if let Item::Text(run) = item {
            for gl in &run.glyphs {
                assert!(gl.x >= frame.x && gl.x <= frame.right());
                assert!(
                    gl.y - run.size * 0.88 >= frame.y && gl.y <= frame.bottom(),
                    "glyph outside the frame"
                );
            }
        }
    }
    let text = text_in(&laid, frame);
    assert!(
        text.starts_with("今日导读A02｜全市供暖季今日零时启动"),
        "{text}"
    );
}

#[test]
fn a_tab_entry_that_wraps_continues_under_its_text() {
    let spec = format!(
        "{HEAD}[[textbox]]\nplace = {{ column = 1, span = 1, top = 0, height = 20 }}\n\n[[textbox.lines]]\ntext = \"A03\\t58个重点项目集中开工 先进制造类项目占比过半\"\ntabs = [{{ at = \"2.2em\", separator = \"｜\" }}]\n"
    );
    let laid = page(&spec, &[]);
    let runs: Vec<_> = laid.composed.doc.pages[0]
        .items
        .iter()
        .filter_map(|i| match i {
            Item::Text(r) => Some(r),
            _ => None,
        })
        .collect();
    let sep = runs
        .iter()
        .flat_map(|r| &r.glyphs)
        .find(|g| g.text == "｜")
        .unwrap();
    let first_after = runs
        .iter()
        .flat_map(|r| &r.glyphs)
        .find(|g| g.text == "5")
        .unwrap();
    let second_line: Vec<_> = runs
        .iter()
        .flat_map(|r| &r.glyphs)
        .filter(|g| g.y > sep.y)
        .collect();
    assert!(!second_line.is_empty(), "the entry wraps");
    assert!(
        (second_line[0].x - first_after.x).abs().0 < 0.01,
        "turnover under the text, not under A03"
    );
}

#[test]
fn the_masthead_prints_the_date_with_weekday_and_lunar_date() {
    let spec = format!(
        "{HEAD}[masthead]\nname = \"鲁中晨报\"\nplace = {{ column = 1, span = 8, top = 0, height = 12 }}\near = {{ span = 2 }}\ndate = 2024-11-15\nissue = 7562\ntotal = 12630\ncn = \"CN 37-0999\"\npost_code = \"23-199\"\nprice = \"1.50元\"\n\n[[promo]]\nslot = \"ear\"\ntext = \"扫码下载客户端\"\n"
    );
    let laid = page(&spec, &[]);
    assert!(codes(&laid).is_empty(), "{}", laid.composed.warnings);
    let all = text_in(&laid, laid.composed.doc.pages[0].media);
    for want in [
        "鲁中晨报",
        "2024年11月15日",
        "星期五　农历甲辰年十月十五",
        "第7562期　总第12630期",
        "国内统一连续出版物号 CN 37-0999",
        "邮发代号 23-199",
        "零售价 1.50元",
        "扫码下载客户端",
    ] {
        assert!(all.contains(want), "{want} in {all}");
    }
    // The promo fills the ear: the masthead's last three... columns 7–8.
    let ear = laid.model.masthead.as_ref().unwrap().ear.unwrap();
    assert_eq!((ear.column, ear.span, ear.top, ear.height), (6, 2, 0, 11));
    assert_eq!(laid.model.promos[0].place, ear);
}

#[test]
fn a_vector_logo_is_placed_as_a_graphic_inside_the_name_area() {
    // The nameplate artwork as an SVG (a 4:1 red plate): placed as vector art, fitted
    // into the name's columns (all but the small print's two) and centred in them,
    // and the name is not set in a face as well.
    let svg = r##"<svg xmlns="http://www.w3.org/2000/svg" width="400" height="100" viewBox="0 0 400 100"><rect width="400" height="100" fill="#c00"/><circle cx="50" cy="50" r="30" fill="#fff"/></svg>"##;
    let spec = format!(
        "{HEAD}[masthead]\nname = \"鲁中晨报\"\nlogo = \"logo.svg\"\nplace = {{ column = 1, span = 8, top = 0, height = 12 }}\near = {{ span = 2 }}\ndate = 2024-11-15\n\n[[promo]]\nslot = \"ear\"\ntext = \"扫码下载客户端\"\n"
    );
    let laid = page(&spec, &[("logo.svg", svg)]);
    assert!(codes(&laid).is_empty(), "{}", laid.composed.warnings);
    let g = &laid.model.grid;
    let items = &laid.composed.doc.pages[0].items;
    let graphics: Vec<_> = items
        .iter()
        .filter_map(|i| match i {
            Item::Graphic(g) => Some(g),
            _ => None,
        })
        .collect();
    assert_eq!(graphics.len(), 1);
    let placed = graphics[0].placed;
    // Name area: columns 1-4 (8 - ear 2 - small print 2; column_x counts from 0),
    // from the masthead's top.
    let trim = laid.composed.doc.pages[0].trim;
    let area = banmian::display::Rect::new(
        trim.x + g.column_x(0),
        trim.y + g.line_y(0),
        g.span_width(4),
        g.line_pitch * 11.0,
    );
    let eps = banmian::units::Pt(0.01);
    assert!(
        placed.x >= area.x - eps && placed.right() <= area.right() + eps,
        "{placed:?} in {area:?}"
    );
    assert!(
        placed.y >= area.y - eps && placed.bottom() <= area.bottom() + eps,
        "{placed:?} in {area:?}"
    );
    // Fitted: it touches the area's sides, at the SVG's 4:1 shape.
    assert!((placed.w - area.w).0.abs() < 0.01, "{placed:?} {area:?}");
    assert!((placed.w.0 / placed.h.0 - 4.0).abs() < 0.01);
    // Centred vertically.
    assert!(
        ((placed.y - area.y) - (area.bottom() - placed.bottom()))
            .0
            .abs()
            < 0.01
    );
    assert!(!text_in(&laid, area).contains("鲁中晨报"));
}

#[test]
fn an_empty_ear_is_a_warning() {
    let spec = format!(
        "{HEAD}[masthead]\nname = \"鲁中晨报\"\nplace = {{ column = 1, span = 8, top = 0, height = 12 }}\near = {{ span = 2 }}\n"
    );
    let laid = page(&spec, &[]);
    assert!(codes(&laid).contains(&Code::LayoutMasthead));
}

#[test]
fn a_credit_is_never_split_across_caption_lines() {
    let spec = format!(
        "{HEAD}[[photo]]\nfile = \"p.png\"\ncaption = \"高新区先进材料产业园项目现场施工人员正在准备\"\ncredit = \"本报记者 张帆 摄\"\nplace = {{ column = 1, span = 1, top = 0, height = 12 }}\n"
    );
    let png = std::fs::read("samples/zibo-gaoxin/photos/mark.png").unwrap();
    let m = Memory::new()
        .with("page.toml", spec.into_bytes())
        .with("p.png", png);
    let laid = banmian::lay_out_from(Path::new("page.toml"), &m, &Default::default()).unwrap();
    let mut by_line: std::collections::BTreeMap<i64, String> = Default::default();
    for item in &laid.composed.doc.pages[0].items {
        if let Item::Text(run) = item {
            for g in &run.glyphs {
                by_line
                    .entry((g.y.0 * 100.0) as i64)
                    .or_default()
                    .push_str(&g.text);
            }
        }
    }
    let lines: Vec<_> = by_line.values().collect();
    assert!(
        lines.iter().any(|l| l.contains("本报记者 张帆 摄")),
        "{lines:?}"
    );
}

#[test]
fn a_photo_without_a_caption_is_not_told_its_caption_needs_lines() {
    let spec = format!(
        "{HEAD}[[photo]]\nfile = \"p.png\"\nplace = {{ column = 1, span = 1, top = 0, height = 1 }}\n"
    );
    let png = std::fs::read("samples/zibo-gaoxin/photos/mark.png").unwrap();
    let m = Memory::new()
        .with("page.toml", spec.into_bytes())
        .with("p.png", png);
    let laid = banmian::lay_out_from(Path::new("page.toml"), &m, &Default::default()).unwrap();
    let w = laid
        .composed
        .warnings
        .iter()
        .find(|w| w.code == Code::LayoutCaptionTooLong)
        .unwrap();
    assert!(!w.message.contains("caption needs"), "{}", w.message);
    assert!(w.message.contains("needs at least 2"), "{}", w.message);
}

#[test]
fn a_misspelt_table_key_suggests_table() {
    let src = "[page]\nlayout = \"broadsheet\"\n\n[[tabel]]\nid = \"x\"\n";
    let e = banmian::spec::parse_toml::<banmian::spec::Spec>(Path::new("p.toml"), src).unwrap_err();
    assert!(e.hint.as_deref().unwrap_or("").contains("`table`"), "{e}");
}

#[test]
fn the_front_page_sample_is_clean() {
    let laid = banmian::lay_out(Path::new("samples/front-page/page.toml")).unwrap();
    assert!(
        laid.composed.warnings.is_empty(),
        "{}",
        laid.composed.warnings
    );
    assert!(laid
        .composed
        .report
        .articles
        .iter()
        .all(|a| a.empty_lines < 2 && a.overset_chars == 0));
    let pdf = banmian::write_pdf(&laid).unwrap();
    assert!(pdf.starts_with(b"%PDF-"));
}

/// The x of the glyph for `ch` and of the glyph after it, in the first run holding it.
fn gap_after(laid: &LaidOut, ch: &str) -> (f64, f64) {
    for item in &laid.composed.doc.pages[0].items {
        if let Item::Text(run) = item {
            if let Some(i) = run.glyphs.iter().position(|g| g.text == ch) {
                return (run.glyphs[i].x.0, run.glyphs[i + 1].x.0);
            }
        }
    }
    panic!("no glyph {ch}");
}

#[test]
fn a_text_box_follows_the_pages_text_settings() {
    // `2024赛季` in a left-aligned box line: solid with the broadsheet's house setting
    // (latin_space = "none"), a quarter em apart when the page asks for it.
    let box_spec = "[[textbox]]\nplace = { column = 1, span = 3, top = 0, height = 4 }\n\n[[textbox.lines]]\ntext = \"2024赛季\"\nsize = \"10pt\"\nalign = \"left\"\n";
    let solid = page(&format!("{HEAD}\n{box_spec}"), &[]);
    let spaced = page(
        &format!("{HEAD}\n[page.text]\nlatin_space = \"quarter\"\n\n{box_spec}"),
        &[],
    );
    let advance = |laid: &LaidOut| {
        let (x4, x_sai) = gap_after(laid, "4");
        let (x2, x0) = gap_after(laid, "2");
        // The gap after 4 beyond a digit's own advance (that of 2, the same figure width).
        (x_sai - x4) - (x0 - x2)
    };
    assert!(advance(&solid).abs() < 0.01, "{}", advance(&solid));
    assert!(
        (advance(&spaced) - 2.5).abs() < 0.01,
        "{}",
        advance(&spaced)
    );
}

#[test]
fn an_issue_number_below_one_is_reported_at_its_own_key() {
    // `total` is on line 8 of this spec; `issue` (valid) on line 7.
    let spec = format!(
        "{HEAD}[masthead]\nname = \"鲁中晨报\"\nplace = {{ column = 1, span = 8, top = 0, height = 12 }}\ndate = 2024-11-15\nissue = 7562\ntotal = 0\n"
    );
    let m = Memory::new().with("page.toml", spec.into_bytes());
    let errs = banmian::lay_out_from(Path::new("page.toml"), &m, &Default::default())
        .err()
        .expect("total = 0 is refused");
    let e = errs.iter().next().expect("one error");
    assert_eq!(e.code, Code::SpecValue);
    assert!(e.message.contains("issue number below 1"), "{}", e.message);
    let loc = e.loc.as_ref().expect("located");
    assert_eq!(
        (loc.line, loc.column),
        (8, 9),
        "at `total`'s value, not at `issue`"
    );
}

#[test]
fn a_rule_off_the_gutters_names_the_range_that_is_accepted() {
    let spec = format!("{HEAD}[[rule]]\nvertical = {{ gutter = 9, top = 0, height = 10 }}\n");
    let m = Memory::new().with("page.toml", spec.into_bytes());
    let errs = banmian::lay_out_from(Path::new("page.toml"), &m, &Default::default())
        .err()
        .expect("gutter 9 of an 8-column grid is refused");
    let e = errs.iter().next().expect("one error");
    assert_eq!(e.code, Code::SpecValue);
    assert!(
        e.message
            .contains("gutters are 0 (the type area's left edge) to 8 (its right edge)"),
        "{}",
        e.message
    );
    // The edges themselves are accepted.
    for gutter in [0, 8] {
        let spec =
            format!("{HEAD}[[rule]]\nvertical = {{ gutter = {gutter}, top = 0, height = 10 }}\n");
        let m = Memory::new().with("page.toml", spec.into_bytes());
        assert!(banmian::lay_out_from(Path::new("page.toml"), &m, &Default::default()).is_ok());
    }
}

#[test]
fn a_rule_across_a_box_is_a_warning_at_the_rule() {
    // A text box over columns 3–4, lines 10–19.
    let bx = "[[textbox]]\nid = \"weather\"\nplace = { column = 3, span = 2, top = 10, height = 10 }\n\n[[textbox.lines]]\ntext = \"晴转多云\"\n";
    let with = |rule: &str| page(&format!("{HEAD}{bx}\n[[rule]]\n{rule}\n"), &[]);
    let clashes = |laid: &LaidOut| -> Vec<(usize, String)> {
        laid.composed
            .warnings
            .iter()
            .filter(|w| w.code == Code::LayoutOverlap)
            .map(|w| (w.loc.as_ref().map_or(0, |l| l.line), w.message.clone()))
            .collect()
    };
    // Across it (line 15, columns 1–6) and down its middle gutter (3, lines 0–30).
    for rule in [
        "horizontal = { column = 1, span = 6, line = 15 }",
        "vertical = { gutter = 3, top = 0, height = 30 }",
    ] {
        let found = clashes(&with(rule));
        assert_eq!(found.len(), 1, "{rule}: {found:?}");
        assert_eq!(found[0].0, 11, "at the rule's key (line 11): {found:?}");
        assert!(
            found[0].1.contains("a rule runs across text box `weather`"),
            "{found:?}"
        );
    }
    // Beside it: above it, along its edges, below it.
    for rule in [
        "horizontal = { column = 1, span = 6, line = 9 }",
        "vertical = { gutter = 2, top = 0, height = 30 }",
        "vertical = { gutter = 4, top = 0, height = 30 }",
        "vertical = { gutter = 3, top = 20, height = 10 }",
    ] {
        assert!(clashes(&with(rule)).is_empty(), "{rule}");
    }
}
