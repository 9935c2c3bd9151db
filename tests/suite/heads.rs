//! Heads and story shapes (issue #12): each head option on its own spec under
//! tests/specs/heads/, head placement (part of the story, side head, clear of a box,
//! an error when blocked), vertical heads (竖题) checked on the display list and read
//! back from the PDF, and bodies flowed through L-shaped and stepped areas.

use crate::common;
use banmian::diag::Code;
use banmian::display::{Cmyk, Color, GlyphRun, Item, LineItem, RectItem};
use banmian::fonts::{Builtin, FontBook};
use banmian::linebreak::{self, Align, Options, Orientation, Paragraph, Span, Style};
use banmian::units::Pt;
use banmian::LaidOut;
use std::path::Path;

fn lay_out(spec: &str) -> LaidOut {
    banmian::lay_out_with(
        &Path::new("tests/specs/heads").join(spec),
        &common::in_repo(),
    )
    .unwrap_or_else(|d| panic!("{spec}:\n{d}"))
}

fn runs(laid: &LaidOut) -> Vec<&GlyphRun> {
    laid.composed.doc.pages[0]
        .items
        .iter()
        .filter_map(|i| match i {
            Item::Text(r) => Some(r),
            _ => None,
        })
        .collect()
}

fn text_of(r: &GlyphRun) -> String {
    r.glyphs.iter().map(|g| g.text.as_str()).collect()
}

/// The run whose text is `text`.
fn run<'a>(laid: &'a LaidOut, text: &str) -> &'a GlyphRun {
    runs(laid)
        .into_iter()
        .find(|r| text_of(r) == text)
        .unwrap_or_else(|| panic!("no run “{text}”"))
}

fn lines(laid: &LaidOut) -> Vec<&LineItem> {
    laid.composed.doc.pages[0]
        .items
        .iter()
        .filter_map(|i| match i {
            Item::Line(l) => Some(l),
            _ => None,
        })
        .collect()
}

/// Where a glyph's ink box (its em box) is: left, top, right, bottom.
fn em_box(r: &GlyphRun, i: usize, book: &FontBook) -> (f64, f64, f64, f64) {
    let g = &r.glyphs[i];
    let adv = book.face(r.font).advance(g.id) * r.size.0 * r.scale;
    (
        g.x.0,
        g.y.0 - r.size.0 * 0.88,
        g.x.0 + adv,
        g.y.0 + r.size.0 * 0.12,
    )
}

/// Left edge of column `c` (0-based) on the sheet.
fn column_x(laid: &LaidOut, c: usize) -> f64 {
    let g = &laid.model.grid;
    (g.bleed + g.column_x(c)).0
}

#[test]
fn a_red_head_is_drawn_in_its_swatch_and_a_kicker_in_its_cmyk() {
    let laid = lay_out("color.toml");
    assert_eq!(
        run(&laid, "红色主标题").color,
        Color::Process(Cmyk::new(0.0, 1.0, 1.0, 0.1))
    );
    assert_eq!(
        run(&laid, "权威发布").color,
        Color::Process(Cmyk::new(1.0, 0.8, 0.0, 0.3))
    );
}

#[test]
fn a_condensed_head_is_drawn_narrower_and_a_wide_one_wider() {
    let laid = lay_out("scale.toml");
    let book = FontBook::builtin();
    for (text, scale) in [("长体主标题八成宽", 0.8), ("扁体副题", 1.2)] {
        let r = run(&laid, text);
        assert_eq!(r.scale, scale, "{text}");
        // Successive ideographs stand one scaled em apart.
        let pitch = r.glyphs[1].x.0 - r.glyphs[0].x.0;
        assert!((pitch - r.size.0 * scale).abs() < 1e-6, "{text}: {pitch}");
        // Centred over the three columns.
        let (left, _, _, _) = em_box(r, 0, &book);
        let (_, _, right, _) = em_box(r, r.glyphs.len() - 1, &book);
        let mid = (column_x(&laid, 0) + column_x(&laid, 2) + 126.0) / 2.0;
        assert!(((left + right) / 2.0 - mid).abs() < 0.01, "{text} centred");
    }
    // The PDF draws them with Tz, and the proof (the PDF rasterised) shows it.
    let pdf = banmian::write_pdf(&laid).unwrap();
    assert!(pdf_content(&pdf).contains("80 Tz"));
    assert!(pdf_content(&pdf).contains("120 Tz"));
}

/// The first page's content stream, decompressed.
fn pdf_content(pdf: &[u8]) -> String {
    let doc = lopdf::Document::load_mem(pdf).unwrap();
    let page = *doc.get_pages().get(&1).unwrap();
    String::from_utf8_lossy(&doc.get_page_content(page)).to_string()
}

#[test]
fn tracking_opens_the_head_by_its_share_of_an_em() {
    let laid = lay_out("tracking.toml");
    let r = run(&laid, "本报特稿");
    for w in r.glyphs.windows(2) {
        let pitch = w[1].x.0 - w[0].x.0;
        assert!((pitch - r.size.0 * 1.5).abs() < 1e-6, "{pitch}");
    }
}

#[test]
fn a_kept_space_stays_a_space_on_one_line() {
    let laid = lay_out("spaces.toml");
    let r = run(&laid, "2024年11月3日 星期日");
    assert!(r.glyphs.iter().all(|g| g.y == r.glyphs[0].y), "one line");
    let space = r.glyphs.iter().position(|g| g.text == " ").unwrap();
    let book = FontBook::builtin();
    let face = book.face(r.font);
    let gap = r.glyphs[space + 1].x.0 - r.glyphs[space].x.0;
    let word = face.advance(face.glyph(' ').unwrap()) * r.size.0;
    assert!(
        (gap - word).abs() < 1e-6,
        "the font's word space, not 1 em: {gap}"
    );
}

#[test]
fn newlines_break_a_head_where_they_stand() {
    let laid = lay_out("newlines.toml");
    let heads: Vec<&GlyphRun> = runs(&laid)
        .into_iter()
        .filter(|r| r.size.0 == 22.0)
        .collect();
    let texts: Vec<String> = heads.iter().map(|r| text_of(r)).collect();
    assert_eq!(texts, ["第一行", "第二行 较长一些", "第三行"]);
    let x0 = column_x(&laid, 0);
    for r in &heads {
        assert!((r.glyphs[0].x.0 - x0).abs() < 1e-6, "flush left");
    }
    assert!(heads[0].glyphs[0].y < heads[1].glyphs[0].y);
    assert!(heads[1].glyphs[0].y < heads[2].glyphs[0].y);
}

#[test]
fn a_reverse_head_is_white_on_its_bar() {
    let laid = lay_out("reverse.toml");
    let r = run(&laid, "反白标题");
    assert_eq!(r.color, Color::WHITE);
    let bar: &RectItem = laid.composed.doc.pages[0]
        .items
        .iter()
        .find_map(|i| match i {
            Item::Rect(b) if b.fill == Some(Color::Process(Cmyk::new(1.0, 0.6, 0.0, 0.2))) => {
                Some(b)
            }
            _ => None,
        })
        .expect("a blue bar");
    let book = FontBook::builtin();
    for i in 0..r.glyphs.len() {
        let (l, t, rt, b) = em_box(r, i, &book);
        assert!(
            l >= bar.rect.x.0 && rt <= bar.rect.right().0,
            "inside the bar across"
        );
        assert!(t >= bar.rect.y.0 && b <= bar.rect.bottom().0, "and down");
    }
    // The bar spans the two columns on whole grid lines.
    let g = &laid.model.grid;
    assert!((bar.rect.w.0 - g.span_width(2).0).abs() < 1e-6);
    assert!((bar.rect.h.0 / g.line_pitch.0).fract().abs() < 1e-6);
    // A narrowed reverse head (a tag) has a bar of its measure, flush left.
    let tag = run(&laid, "评论");
    let bars: Vec<_> = laid.composed.doc.pages[0]
        .items
        .iter()
        .filter_map(|i| match i {
            Item::Rect(b) if b.fill == bar.fill => Some(b.rect),
            _ => None,
        })
        .collect();
    assert_eq!(bars.len(), 2);
    let small = bars[1];
    assert!((small.w.0 - 4.0 * tag.size.0).abs() < 1e-6, "{small:?}");
    assert!((small.x.0 - column_x(&laid, 2)).abs() < 1e-6, "{small:?}");
    for i in 0..tag.glyphs.len() {
        let (l, t, rt, b) = em_box(tag, i, &book);
        assert!(l >= small.x.0 && rt <= small.right().0 && t >= small.y.0 && b <= small.bottom().0);
    }
}

#[test]
fn rules_stand_over_and_under_the_head_clear_of_the_type() {
    let laid = lay_out("rules.toml");
    let r = run(&laid, "上粗下细");
    let book = FontBook::builtin();
    let (_, top, _, bottom) = em_box(r, 0, &book);
    let ls = lines(&laid);
    let above = ls
        .iter()
        .find(|l| l.stroke.width.0 == 3.0)
        .expect("3 pt rule");
    let below = ls
        .iter()
        .find(|l| l.stroke.width.0 == 0.5)
        .expect("0.5 pt rule");
    assert!(above.from.1 .0 + 1.5 < top, "above the type with air");
    assert!(below.from.1 .0 - 0.25 > bottom, "below the type with air");
    let g = &laid.model.grid;
    for l in [above, below] {
        assert!((l.to.0 .0 - l.from.0 .0 - g.span_width(2).0).abs() < 1e-6);
    }
}

#[test]
fn a_spread_head_fills_its_width_evenly() {
    let laid = lay_out("spread.toml");
    let r = run(&laid, "撑满十字宽");
    let book = FontBook::builtin();
    let (left, _, _, _) = em_box(r, 0, &book);
    let (_, _, right, _) = em_box(r, 4, &book);
    assert!((right - left - 220.0).abs() < 1e-6, "ten 22 pt characters");
    let gaps: Vec<f64> = r.glyphs.windows(2).map(|w| w[1].x.0 - w[0].x.0).collect();
    assert!(gaps.iter().all(|g| (g - gaps[0]).abs() < 1e-6), "{gaps:?}");
    let mid = (column_x(&laid, 0) + column_x(&laid, 2) + 126.0) / 2.0;
    assert!(((left + right) / 2.0 - mid).abs() < 1e-6, "centred");
}

/// The body lines of article `id`: (column, grid line).
fn body_cells(laid: &LaidOut, id: &str) -> Vec<(usize, usize)> {
    let a = laid
        .composed
        .report
        .articles
        .iter()
        .find(|a| a.id == id)
        .unwrap();
    a.lines.iter().map(|l| (l.column, l.line)).collect()
}

#[test]
fn heads_over_three_of_four_columns_leave_the_fourth_to_the_body() {
    let laid = lay_out("span.toml");
    let cells = body_cells(&laid, "narrow-heads");
    assert!(
        cells.contains(&(3, 0)),
        "column 4 starts at the top: {cells:?}"
    );
    let under = cells.iter().filter(|c| c.0 < 3).map(|c| c.1).min().unwrap();
    let head = run(&laid, "标题跨三栏正文四栏");
    let g = &laid.model.grid;
    assert!(
        g.bleed.0 + g.line_y(under).0 > head.glyphs[0].y.0,
        "columns 1–3 start under the heads"
    );
    let right = head.glyphs.last().unwrap().x.0;
    assert!(right < column_x(&laid, 3), "the heads stay in columns 1–3");
}

#[test]
fn a_side_head_keeps_its_column_and_the_body_runs_beside_it() {
    let laid = lay_out("side.toml");
    let cells = body_cells(&laid, "side-head");
    assert!(
        !cells.is_empty() && cells.iter().all(|c| c.0 >= 1),
        "{cells:?}"
    );
    assert!(
        cells.contains(&(1, 0)),
        "the body starts at the top beside it"
    );
    for r in runs(&laid).into_iter().filter(|r| r.size.0 > 9.0) {
        for g in &r.glyphs {
            assert!(g.x.0 < column_x(&laid, 1), "head in column 1: {}", g.text);
        }
    }
}

#[test]
fn heads_keep_clear_of_a_box_and_the_body_runs_under_it() {
    let laid = lay_out("clear-of-box.toml");
    let head = run(&laid, "标题避开方框");
    assert!(head.glyphs.iter().all(|g| g.x.0 > column_x(&laid, 1)));
    let cells = body_cells(&laid, "beside-box");
    assert!(
        cells.iter().any(|c| c.0 == 0 && c.1 >= 8),
        "column 1 under the box"
    );
    assert!(
        !cells.iter().any(|c| c.0 == 0 && c.1 < 8),
        "never in the box"
    );
}

#[test]
fn a_head_on_a_box_is_an_error_at_its_key() {
    let e = banmian::lay_out(Path::new("tests/specs/heads/blocked.toml"))
        .err()
        .expect("the build stops");
    insta::assert_snapshot!(e.to_string(), @"
    tests/specs/heads/blocked.toml:8:12: error: the head “标题压在方框上” of article `blocked` needs columns 1–3, grid lines 6–9, but a promo box takes line 8 of column 1
      hint: move a promo box out of the heads' area, put the heads elsewhere (`heads = { column, span }`), or start the article lower
    ");
}

/// The glyphs of the runs drawn at `size`, in order, with their run.
fn glyphs_at(laid: &LaidOut, size: f64) -> Vec<(&GlyphRun, usize)> {
    runs(laid)
        .into_iter()
        .filter(|r| r.size.0 == size)
        .flat_map(|r| (0..r.glyphs.len()).map(move |i| (r, i)))
        .collect()
}

#[test]
fn a_vertical_head_steps_down_one_axis_line_after_line_from_the_right() {
    let laid = lay_out("vertical.toml");
    let head = glyphs_at(&laid, 36.0);
    let text: String = head
        .iter()
        .map(|(r, i)| r.glyphs[*i].text.as_str())
        .collect();
    assert_eq!(text, "《条例》明年起施行，“智慧”城市——来了");
    let book = FontBook::builtin();
    // Group the upright glyphs by their axis: each vertical line is one x.
    let mut axes: Vec<(f64, Vec<f64>)> = Vec::new();
    for (r, i) in &head {
        let g = &r.glyphs[*i];
        let adv = book.face(r.font).advance(g.id) * r.size.0;
        let axis = g.x.0 + adv / 2.0;
        match axes.last_mut() {
            Some((x, ys)) if (*x - axis).abs() < 0.01 => ys.push(g.y.0),
            _ => axes.push((axis, vec![g.y.0])),
        }
    }
    assert_eq!(axes.len(), 2, "two vertical lines: {axes:?}");
    assert!(axes[0].0 > axes[1].0, "the first line at the right");
    for (_, ys) in &axes {
        assert!(
            ys.windows(2).all(|w| w[1] > w[0]),
            "each steps down: {ys:?}"
        );
    }
    // The kicker's line stands right of the headline's, the subtitle's left of it.
    let kicker = glyphs_at(&laid, 16.0);
    let sub = glyphs_at(&laid, 16.0)
        .into_iter()
        .filter(|(r, _)| r.font == Builtin::Kai.id())
        .count();
    assert!(sub > 0);
    let (kr, ki) = kicker[0];
    assert!(kr.glyphs[ki].x.0 > axes[0].0);
}

#[test]
fn vertical_punctuation_is_the_fonts_vertical_form() {
    let laid = lay_out("vertical.toml");
    let book = FontBook::builtin();
    let face = book.face(Builtin::HeiBold.id());
    for mark in ['，', '《', '》', '“'] {
        let (r, i) = glyphs_at(&laid, 36.0)
            .into_iter()
            .find(|(r, i)| r.glyphs[*i].text == mark.to_string())
            .unwrap_or_else(|| panic!("no {mark}"));
        let horizontal = face.glyph(mark).unwrap();
        let drawn = r.glyphs[i].id;
        assert_ne!(drawn, horizontal, "{mark} is not its horizontal glyph");
        assert_eq!(
            Some(drawn),
            face.vertical_form(horizontal),
            "{mark}: the vert form"
        );
    }
    // The vertical comma's ink sits in the top right of its frame: above the middle of
    // the frame that follows 行.
    let (r, i) = glyphs_at(&laid, 36.0)
        .into_iter()
        .find(|(r, i)| r.glyphs[*i].text == "，")
        .unwrap();
    let g = &r.glyphs[i];
    let (y_min, y_max) = face.ink_y(g.id).unwrap();
    let (x_min, _) = face.ink_x(g.id).unwrap();
    let top_of_frame = g.y.0 - face.v_origin(g.id) * 36.0;
    let ink_bottom = g.y.0 - y_min / 1000.0 * 36.0;
    let ink_top = g.y.0 - y_max / 1000.0 * 36.0;
    assert!(
        ink_top >= top_of_frame - 0.01 && ink_bottom < top_of_frame + 18.0,
        "top half"
    );
    assert!(x_min / 1000.0 > 0.5, "right half");
}

#[test]
fn short_latin_stands_upright_combined_and_long_latin_turns_sideways() {
    let laid = lay_out("vertical.toml");
    let all: Vec<&GlyphRun> = runs(&laid);
    let cba = all
        .iter()
        .find(|r| text_of(r) == "CBA")
        .expect("CBA in one run");
    assert!(cba.sideways);
    assert!(cba
        .glyphs
        .windows(2)
        .all(|w| w[0].x == w[1].x && w[1].y > w[0].y));
    // “12” in the subtitle: two glyphs side by side on one baseline, squeezed to an em.
    let twelve = all
        .iter()
        .find(|r| text_of(r) == "12" && !r.sideways)
        .expect("12 combined");
    let (a, b) = (&twelve.glyphs[0], &twelve.glyphs[1]);
    assert_eq!(a.y, b.y);
    assert!(b.x > a.x);
    let book = FontBook::builtin();
    let face = book.face(twelve.font);
    let across = (b.x.0 - a.x.0) + face.advance(b.id) * twelve.size.0 * twelve.scale;
    assert!(across <= twelve.size.0 + 1e-6, "within one em: {across}");
}

#[test]
fn vertical_lines_keep_the_kinsoku_and_compress_adjacent_marks() {
    let book = FontBook::builtin();
    let style = Style::new(Builtin::HeiBold.id(), Pt(10.0));
    let par = Paragraph {
        spans: vec![Span {
            text: "城市更新，“智慧”来了。”新的《条例》（草案）明年施行".into(),
            style,
        }],
        indent: Pt::ZERO,
        align: Align::Start,
    };
    let opts = Options {
        vertical: true,
        ..Options::default()
    };
    let prepared = linebreak::prepare(&par, &book, &opts);
    for em in 4..12 {
        let lines = prepared.break_lines(&|_| Pt(10.0 * em as f64));
        for l in &lines[1..] {
            let first = l.text().chars().next().unwrap();
            assert!(
                !"，。”》）".contains(first),
                "{em} em: a line starts with {first}"
            );
        }
        for l in &lines {
            let last = l.text().chars().last().unwrap();
            assert!(!"“《（".contains(last), "{em} em: a line ends with {last}");
            assert!(l.width.0 <= l.measure.0 + 1e-6);
        }
    }
    // 。” and 》（ meet: set in one and a half ems, as in a horizontal line.
    let lines = prepared.break_lines(&|_| Pt(1000.0));
    let g = &lines[0].glyphs;
    let at = |t: &str| g.iter().position(|x| x.text == t).unwrap();
    let (stop, close) = (at("。"), at("。") + 1);
    let pair = (g[close].frame_x.0 + g[close].advance.0) - g[stop].frame_x.0;
    assert!((pair - 15.0).abs() < 1e-6, "。” in 1.5 em: {pair}");
    assert!(g.iter().all(|x| x.orientation == Orientation::Upright));
}

#[test]
fn vertical_heads_read_back_from_the_pdf_in_order() {
    let laid = lay_out("vertical.toml");
    let pdf = banmian::write_pdf(&laid).unwrap();
    let doc = lopdf::Document::load_mem(&pdf).unwrap();
    let text: String = doc
        .extract_text(&[1])
        .unwrap()
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect();
    let heads = "深度·5G时代《条例》明年起施行，“智慧”城市——来了CBA联赛12支球队，用上5G直播。";
    assert!(text.starts_with(heads), "{text}");
    // Each vertical line is one /ActualText span, so readers that lay text out by
    // position (pdftotext, Acrobat) copy it whole, top to bottom.
    let spans: Vec<String> = pdf_content(&pdf)
        .split("/Span<</ActualText<FEFF")
        .skip(1)
        .map(|s| {
            let hex = &s[..s.find('>').unwrap()];
            let units: Vec<u16> = (0..hex.len() / 4)
                .map(|i| u16::from_str_radix(&hex[i * 4..i * 4 + 4], 16).unwrap())
                .collect();
            String::from_utf16(&units).unwrap()
        })
        .collect();
    assert_eq!(
        spans[..4],
        [
            "深度·5G时代",
            "《条例》明年起施行，",
            "“智慧”城市——来了",
            "CBA联赛12支球队，用上5G直播。"
        ]
    );
}

#[test]
fn an_l_shaped_and_a_stepped_story_set_every_line_inside_their_shapes() {
    let laid = lay_out("l-shape.toml");
    for id in ["ell", "steps"] {
        let a = laid.model.articles.iter().find(|a| a.id == id).unwrap();
        let cells = body_cells(&laid, id);
        assert!(cells.len() > 20, "{id}: {cells:?}");
        for &(c, l) in &cells {
            assert!(
                a.shape.contains(c, l),
                "{id}: line {l} of column {c} is outside"
            );
        }
        // Reading order: column by column, top to bottom in each.
        assert!(
            cells
                .windows(2)
                .all(|w| w[0].0 < w[1].0 || (w[0].0 == w[1].0 && w[0].1 < w[1].1)),
            "{id}: {cells:?}"
        );
    }
    let ell = body_cells(&laid, "ell");
    assert!(
        !ell.iter().any(|&(c, l)| c > 0 && l >= 14),
        "nothing in the L's cut-out"
    );
    assert!(
        ell.iter().any(|&(c, l)| c == 0 && l >= 30),
        "the L's leg is used"
    );
    let steps = body_cells(&laid, "steps");
    assert!(
        !steps.iter().any(|&(c, l)| c == 4 && l < 22),
        "nothing beside the photo"
    );
    // The shapes do not overlap the box or the photo, and nothing warns.
    assert!(
        laid.composed.warnings.is_empty(),
        "{}",
        laid.composed.warnings
    );
}

#[test]
fn shapes_that_interlock_do_not_overlap_but_sharing_a_cell_does() {
    let spec = |second: &str| {
        format!(
            "[page]\nlayout = \"tabloid\"\n\n[[article]]\nid = \"a\"\nbody = \"正文。\"\nplace = [{{ column = 1, span = 2, top = 0, height = 10 }}, {{ column = 1, span = 1, top = 10, height = 10 }}]\n\n[[article]]\nid = \"b\"\nbody = \"正文。\"\nplace = {second}\n"
        )
    };
    let lay = |s: String| {
        let files = banmian::files::Memory::new().with("page.toml", s.into_bytes());
        banmian::lay_out_from("page.toml".as_ref(), &files, &Default::default()).unwrap()
    };
    // b fills the L's cut-out: their bounding boxes overlap, their cells do not. (The
    // one-sentence bodies leave the stories underfilled; that is not the point here.)
    let fits = lay(spec("{ column = 2, span = 1, top = 10, height = 10 }"));
    assert!(
        fits.composed
            .warnings
            .iter()
            .all(|d| d.code == Code::LayoutUnderfilled),
        "{}",
        fits.composed.warnings
    );
    let clash = lay(spec("{ column = 2, span = 1, top = 9, height = 10 }"));
    let w: Vec<String> = clash
        .composed
        .warnings
        .iter()
        .map(|d| d.message.clone())
        .collect();
    assert!(
        w.iter()
            .any(|m| m.contains("article `a` and article `b` overlap")),
        "{w:?}"
    );
}

#[test]
fn a_vertical_head_at_the_left_has_its_bar_rules_and_alignment() {
    let laid = lay_out("vertical-left.toml");
    let book = FontBook::builtin();
    let red = Color::Process(Cmyk::new(0.0, 1.0, 1.0, 0.1));
    let items = &laid.composed.doc.pages[0].items;
    let bar = items
        .iter()
        .find_map(|i| match i {
            Item::Rect(b) if b.fill == Some(red) => Some(b.rect),
            _ => None,
        })
        .expect("a red bar");
    let head = glyphs_at(&laid, 36.0);
    for (r, i) in &head {
        assert_eq!(r.color, Color::WHITE);
        assert_eq!(r.scale, 0.85);
        let g = &r.glyphs[*i];
        let w = book.face(r.font).advance(g.id) * r.size.0 * r.scale;
        assert!(
            g.x.0 >= bar.x.0 && g.x.0 + w <= bar.right().0,
            "{} across",
            g.text
        );
        assert!(
            g.y.0 - 36.0 >= bar.y.0 - 1e-6 && g.y.0 <= bar.bottom().0,
            "{} down",
            g.text
        );
    }
    // Heads in columns 1–2, read from the right: kicker, headline, subtitle.
    let right = column_x(&laid, 1) + 126.0;
    let kicker = glyphs_at(&laid, 16.0)
        .into_iter()
        .filter(|(r, _)| r.font == Builtin::Hei.id())
        .map(|(r, i)| r.glyphs[i].x.0)
        .fold(f64::MIN, f64::max);
    let sub: Vec<(f64, f64)> = glyphs_at(&laid, 16.0)
        .into_iter()
        .filter(|(r, _)| r.font == Builtin::Kai.id())
        .map(|(r, i)| (r.glyphs[i].x.0, r.glyphs[i].y.0))
        .collect();
    assert!(kicker < right && kicker > bar.right().0);
    assert!(sub
        .iter()
        .all(|(x, _)| *x < bar.x.0 && *x > column_x(&laid, 0)));
    // The kicker's rule stands at its right, the subtitle's at its left, full length.
    let g = &laid.model.grid;
    let length = g.line_pitch.0 * 20.0;
    let vrule = |w: f64| {
        lines(&laid)
            .into_iter()
            .find(|l| l.stroke.width.0 == w && l.from.0 == l.to.0)
            .unwrap_or_else(|| panic!("a vertical {w} pt rule"))
    };
    let (above, below) = (vrule(1.0), vrule(0.5));
    assert!(above.from.0 .0 > kicker + 16.0 && above.from.0 .0 < right);
    assert!(below.from.0 .0 < sub.iter().map(|s| s.0).fold(f64::MAX, f64::min));
    for l in [above, below] {
        assert!((l.to.1 .0 - l.from.1 .0 - length).abs() < 1e-6);
    }
    // The subtitle ends at the foot of the heads' 20 lines (align = "bottom").
    let foot = g.bleed.0 + g.line_y(20).0;
    let last = sub.iter().map(|s| s.1).fold(f64::MIN, f64::max);
    assert!(last <= foot && last > foot - 16.0, "{last} vs {foot}");
    // The body: beside the heads from the top, under them after a blank line.
    let cells = body_cells(&laid, "left");
    assert!(cells.contains(&(2, 0)));
    assert!(!cells.iter().any(|&(c, l)| c < 2 && l <= 20), "{cells:?}");
}

#[test]
fn built_in_faces_keep_their_vertical_forms() {
    // fonts/build.sh keeps the `vert` and `vrt2` features and their target glyphs; a
    // rebuilt subset that lost them would set vertical heads with horizontal marks.
    let book = FontBook::builtin();
    let simplified = [
        Builtin::Song,
        Builtin::SongBold,
        Builtin::Hei,
        Builtin::HeiBold,
        Builtin::Kai,
    ];
    for b in simplified.into_iter().chain([Builtin::Ming]) {
        let face = book.face(b.id());
        let marks = if b == Builtin::Ming {
            "《》（）「」“”…"
        } else {
            "，。、《》（）「」“”…"
        };
        for c in marks.chars() {
            let g = face
                .glyph(c)
                .unwrap_or_else(|| panic!("{} lacks {c}", face.name));
            let v = face
                .vertical_form(g)
                .unwrap_or_else(|| panic!("{} has no vertical {c}", face.name));
            assert!(
                v != g && u32::from(v) < face.glyph_count,
                "{}: {c}",
                face.name
            );
        }
    }
    for b in [Builtin::Song, Builtin::HeiBold] {
        let face = book.face(b.id());
        let dash = face.fullwidth(face.glyph('—').unwrap()).unwrap();
        assert!(
            face.vertical_form(dash).is_some(),
            "{}: vertical ——",
            face.name
        );
    }
}

/// Lays out a tabloid page with an article whose headline takes columns 1–3, grid
/// lines 20–23, and `other` (more spec) beside it.
fn story_with(other: &str) -> Result<LaidOut, banmian::diag::Diagnostics> {
    let spec = format!(
        "[page]\nlayout = \"tabloid\"\n\n[[article]]\nid = \"story\"\nheadline = \"标题不压任何元素\"\nbody = \"正文。\"\nplace = {{ column = 1, span = 3, top = 20, height = 20 }}\n\n{other}"
    );
    let svg = r##"<svg xmlns="http://www.w3.org/2000/svg" width="40mm" height="20mm"><rect width="100%" height="100%" fill="#000"/></svg>"##;
    let files = banmian::files::Memory::new()
        .with("page.toml", spec.into_bytes())
        .with("chart.svg", svg.as_bytes().to_vec());
    banmian::lay_out_from("page.toml".as_ref(), &files, &Default::default())
}

/// The `layout.head-blocked` errors of [`story_with`] `other`.
fn head_beside(other: &str) -> String {
    match story_with(other) {
        Ok(laid) => panic!("built, with {}", laid.composed.warnings),
        Err(e) => e
            .iter()
            .filter(|d| d.code == Code::LayoutHeadBlocked)
            .map(|d| d.to_string())
            .collect(),
    }
}

#[test]
fn heads_never_print_over_graphics_text_boxes_rules_the_masthead_or_a_sidebar() {
    let others = [
        "[[graphic]]\nfile = \"chart.svg\"\nplace = { column = 2, span = 1, top = 22, height = 6 }\nfit = \"fit\"\n",
        "[[textbox]]\nid = \"box\"\nplace = { column = 3, span = 1, top = 16, height = 5 }\n\n[[textbox.lines]]\ntext = \"框\"\n",
        "[[rule]]\nhorizontal = { column = 1, span = 3, line = 21 }\n",
        "[[rule]]\nvertical = { gutter = 2, top = 0, height = 22 }\n",
        "[masthead]\nname = \"测试晚报\"\nplace = { column = 1, span = 5, top = 8, height = 14 }\n",
        "[[article]]\nid = \"link\"\nheadline = { text = \"相关链接\", size = \"小五\" }\nbody = \"链接。\"\nframe = { stroke = \"0 0 0 60\" }\nplace = { column = 1, span = 1, top = 20, height = 8 }\n",
    ];
    let errors: Vec<String> = others.iter().map(|o| head_beside(o)).collect();
    insta::assert_snapshot!(errors.join("\n"), @"
    page.toml:6:12: error: the head “标题不压任何元素” of article `story` needs columns 1–3, grid lines 20–23, but a graphic takes line 22 of column 2
      hint: move a graphic out of the heads' area, put the heads elsewhere (`heads = { column, span }`), or start the article lower
    page.toml:6:12: error: the head “标题不压任何元素” of article `story` needs columns 1–3, grid lines 20–23, but a text box takes line 20 of column 3
      hint: move a text box out of the heads' area, put the heads elsewhere (`heads = { column, span }`), or start the article lower
    page.toml:6:12: error: the head “标题不压任何元素” of article `story` needs columns 1–3, grid lines 20–23, but a rule takes line 21 of column 1
      hint: move a rule out of the heads' area, put the heads elsewhere (`heads = { column, span }`), or start the article lower
    page.toml:6:12: error: the head “标题不压任何元素” of article `story` needs columns 1–3, grid lines 20–23, but a vertical rule runs down the gutter between columns 2 and 3
      hint: end the rule above the heads, or keep the heads on one side of it (`heads = { column, span }`)
    page.toml:6:12: error: the head “标题不压任何元素” of article `story` needs columns 1–3, grid lines 20–23, but the masthead takes line 20 of column 1
      hint: move the masthead out of the heads' area, put the heads elsewhere (`heads = { column, span }`), or start the article lower
    page.toml:6:12: error: the head “标题不压任何元素” of article `story` needs columns 1–3, grid lines 20–23, but a boxed story takes line 20 of column 1
      hint: move a boxed story out of the heads' area, put the heads elsewhere (`heads = { column, span }`), or start the article lower
    ");
}

#[test]
fn a_vertical_rule_beside_the_heads_or_below_them_is_fine() {
    // The rule in the gutter right of the heads' columns, and one that starts under
    // the heads: both leave the heads alone.
    for rule in [
        "vertical = { gutter = 3, top = 0, height = 40 }",
        "vertical = { gutter = 1, top = 26, height = 14 }",
    ] {
        let laid =
            story_with(&format!("[[rule]]\n{rule}\n")).unwrap_or_else(|e| panic!("{rule}: {e}"));
        assert!(laid
            .composed
            .warnings
            .iter()
            .all(|d| d.code != Code::LayoutHeadBlocked));
    }
}

#[test]
fn the_front_page_lead_is_an_l_with_its_heads_beside_the_photo() {
    let laid = banmian::lay_out(Path::new("samples/front-page/page.toml")).unwrap();
    let lead = laid.model.articles.iter().find(|a| a.id == "lead").unwrap();
    assert_eq!(lead.shape.rects.len(), 2, "an L of two rectangles");
    let items = &laid.composed.doc.pages[0].items;
    let photo = items
        .iter()
        .find_map(|i| match i {
            Item::Image(p) => Some(p.frame),
            _ => None,
        })
        .expect("the lead photo");
    // The headline: red, 长体, in columns 1–3 and level with the photo in columns 4–6.
    let head = run(&laid, "58个重点项目");
    assert_eq!(head.color, Color::Process(Cmyk::new(0.0, 1.0, 1.0, 0.1)));
    assert_eq!(head.scale, 0.9);
    let book = FontBook::builtin();
    for r in [head, run(&laid, "集中开工")] {
        for i in 0..r.glyphs.len() {
            let (l, t, rt, b) = em_box(r, i, &book);
            assert!(l >= column_x(&laid, 0) && rt < column_x(&laid, 3));
            assert!(rt < photo.x.0, "left of the photo");
            assert!(t > photo.y.0 && b < photo.bottom().0, "beside the photo");
        }
    }
    // The body: inside the L, read column by column, nothing beside the photo.
    let cells = body_cells(&laid, "lead");
    assert!(cells.iter().all(|&(c, l)| lead.shape.contains(c, l)));
    assert!(cells
        .windows(2)
        .all(|w| w[0].0 < w[1].0 || (w[0].0 == w[1].0 && w[0].1 < w[1].1)));
    let g = &laid.model.grid;
    for &(c, l) in cells.iter().filter(|c| c.0 >= 3) {
        assert!(
            g.bleed.0 + g.line_y(l).0 >= photo.bottom().0,
            "line {l} of column {c} is under the photo"
        );
    }
    assert!(
        (0..6).all(|c| cells.iter().any(|x| x.0 == c)),
        "all six columns"
    );
    // The sports story's side head stays in column 6; its body in columns 7–8.
    let side = run(&laid, "我市代表团");
    assert!(side
        .glyphs
        .iter()
        .all(|gl| gl.x.0 >= column_x(&laid, 5) && gl.x.0 < column_x(&laid, 6)));
    assert!(body_cells(&laid, "games")
        .iter()
        .all(|&(c, _)| c == 6 || c == 7));
    // The 评论's kicker is white on a red bar.
    let tag = run(&laid, "本报评论");
    assert_eq!(tag.color, Color::WHITE);
    let red = Some(Color::Process(Cmyk::new(0.0, 1.0, 1.0, 0.1)));
    let on_bar = |bar: &banmian::display::Rect| {
        tag.glyphs.iter().all(|gl| {
            bar.x.0 <= gl.x.0
                && gl.x.0 < bar.right().0
                && bar.y.0 < gl.y.0
                && gl.y.0 < bar.bottom().0
        })
    };
    assert!(items
        .iter()
        .any(|i| matches!(i, Item::Rect(b) if b.fill == red && on_bar(&b.rect))));
}

#[test]
fn separators_follow_the_rectangles_of_a_stepped_story() {
    // `steps`: column 1 from the top, column 2 from line 11; `above` sits in column 2
    // over the step, one blank line (10) between them.
    let spec = "[page]\nlayout = \"tabloid\"\n\n[separators]\n\n[[article]]\nid = \"steps\"\nbody = \"正文。\"\nplace = [{ column = 1, span = 1, top = 0, height = 20 }, { column = 2, span = 1, top = 11, height = 9 }]\n\n[[article]]\nid = \"above\"\nbody = \"正文。\"\nplace = { column = 2, span = 1, top = 0, height = 10 }\n";
    let files = banmian::files::Memory::new().with("page.toml", spec.as_bytes().to_vec());
    let laid = banmian::lay_out_from("page.toml".as_ref(), &files, &Default::default()).unwrap();
    let g = &laid.model.grid;
    let rules = lines(&laid);
    let near = |a: f64, b: f64| (a - b).abs() < 0.01;
    // Across column 2 in the blank line 10.
    let y = (g.bleed + g.line_y(10) + g.line_pitch / 2.0).0;
    assert!(
        rules.iter().any(|l| near(l.from.1 .0, y)
            && near(l.to.1 .0, y)
            && near(l.from.0 .0, column_x(&laid, 1))),
        "{rules:?}"
    );
    // Down the gutter between columns 1 and 2 beside `above` (lines 0–9), not lower.
    let x = column_x(&laid, 0) + g.column_width.0 + g.gutter.0 / 2.0;
    let down: Vec<_> = rules
        .iter()
        .filter(|l| near(l.from.0 .0, x) && near(l.to.0 .0, x))
        .collect();
    assert_eq!(down.len(), 1, "{rules:?}");
    assert!(near(down[0].from.1 .0, (g.bleed + g.line_y(0)).0));
    assert!(down[0].to.1 .0 <= (g.bleed + g.line_y(11)).0);
}

/// Lays out `place` (a story shape, TOML) with `body` on a tabloid page.
fn shaped(place: &str, body: &str) -> LaidOut {
    let spec = format!(
        "[page]\nlayout = \"tabloid\"\n\n[[article]]\nid = \"shape\"\nbody = \"{body}\"\nplace = {place}\n"
    );
    let files = banmian::files::Memory::new().with("page.toml", spec.into_bytes());
    banmian::lay_out_from("page.toml".as_ref(), &files, &Default::default()).unwrap()
}

#[test]
fn an_overset_shape_marks_the_end_of_its_last_column_in_reading_order() {
    // An L: columns 1–3 over lines 0–5, column 1 alone down to line 11. Read column
    // by column, the last slot is column 3's line 5, not the foot of the leg.
    let body = "城市更新项目同步开工，涉及居民八千六百余户，将加装电梯四十六部。".repeat(20);
    let laid = shaped(
        "[{ column = 1, span = 3, top = 0, height = 6 }, { column = 1, span = 1, top = 6, height = 6 }]",
        &body,
    );
    let cells = body_cells(&laid, "shape");
    assert_eq!(cells.len(), 6 * 3 + 6, "every slot of the L is used");
    assert_eq!(cells.last(), Some(&(2, 5)));
    let w: Vec<_> = laid.composed.warnings.iter().map(|d| d.code).collect();
    assert_eq!(w, [Code::TextOverset]);
    // The red overset bar stands on that line's baseline in column 3.
    let g = &laid.model.grid;
    let bar = laid.composed.doc.pages[0]
        .items
        .iter()
        .find_map(|i| match i {
            Item::Rect(r) if r.fill == Some(Color::Process(Cmyk::new(0.0, 1.0, 1.0, 0.0))) => {
                Some(r.rect)
            }
            _ => None,
        })
        .expect("the overset bar");
    assert!(
        bar.x.0 > column_x(&laid, 2)
            && bar.right().0 <= column_x(&laid, 2) + g.column_width.0 + 1e-6
    );
    assert!(bar.y.0 > (g.bleed + g.baseline(5)).0 && bar.y.0 < (g.bleed + g.line_y(6)).0);
}

#[test]
fn an_underfilled_stepped_story_names_the_columns_with_empty_lines() {
    // Steps: column 1 over lines 0–29, column 2 from line 10. A short body ends high.
    let laid = shaped(
        "[{ column = 1, span = 1, top = 0, height = 30 }, { column = 2, span = 1, top = 10, height = 20 }]",
        &"正文一句话。".repeat(8),
    );
    let w: Vec<String> = laid
        .composed
        .warnings
        .iter()
        .map(|d| d.to_string())
        .collect();
    insta::assert_snapshot!(w.join("\n"), @"
    page.toml:5:6: warning: article `shape` ends 26 grid lines above the foot of its area: lines 4 to 29 of column 1, lines 10 to 29 of column 2 are empty
      hint: add text, or shorten the article's `height` and give the lines to another story, a photo or a box
    ");
}

#[test]
fn a_condensed_tracked_head_that_wraps_keeps_kinsoku_and_balance() {
    let spec = "[page]\nlayout = \"tabloid\"\n\n[[article]]\nid = \"wrap\"\nheadline = { text = \"全市重点项目集中开工，先进制造类项目占比过半，新能源项目加快推进（附表）\", scale = 80, tracking = 0.1 }\nbody = \"正文。\"\nplace = { column = 1, span = 2, top = 0, height = 30 }\n";
    let files = banmian::files::Memory::new().with("page.toml", spec.as_bytes().to_vec());
    let laid = banmian::lay_out_from("page.toml".as_ref(), &files, &Default::default()).unwrap();
    // The headline's glyphs (36 pt) line by line, by baseline.
    let mut rows: Vec<(f64, Vec<(f64, String)>)> = Vec::new();
    for (r, i) in glyphs_at(&laid, 36.0) {
        let g = &r.glyphs[i];
        match rows.iter_mut().find(|(y, _)| (y - g.y.0).abs() < 0.01) {
            Some((_, row)) => row.push((g.x.0, g.text.clone())),
            None => rows.push((g.y.0, vec![(g.x.0, g.text.clone())])),
        }
    }
    assert!(rows.len() >= 3, "it wraps: {rows:?}");
    let lens: Vec<usize> = rows.iter().map(|(_, r)| r.len()).collect();
    for (_, row) in &mut rows {
        row.sort_by(|a, b| a.0.total_cmp(&b.0));
        let (first, last) = (&row[0].1, &row[row.len() - 1].1);
        assert!(
            !"，。、；：！？）》」』".contains(first.as_str()),
            "line starts with {first}"
        );
        assert!(!"（《「『".contains(last.as_str()), "line ends with {last}");
    }
    // Balanced: no line more than a few characters shorter than the longest.
    let (lo, hi) = (lens.iter().min().unwrap(), lens.iter().max().unwrap());
    assert!(hi - lo <= 4, "{lens:?}");
    // And the text reads whole, in order.
    let text: String = rows
        .iter()
        .flat_map(|(_, r)| r.iter().map(|g| g.1.as_str()))
        .collect();
    assert_eq!(
        text,
        "全市重点项目集中开工，先进制造类项目占比过半，新能源项目加快推进（附表）"
    );
}

#[test]
fn column_rules_stand_only_between_columns_of_the_shape() {
    // An L (columns 1–3 over lines 0–9, column 1 down to line 29) and a story in its
    // cut-out (columns 2–3 from line 11). The L's leg has no rule at its right: the
    // column beside it is another story's.
    // The L's text runs over (it fills the leg); the inner story's fits.
    let long = "城市更新项目同步开工，涉及居民八千六百余户，将加装电梯四十六部。".repeat(20);
    let short = "城市更新项目同步开工，涉及居民八千六百余户，将加装电梯四十六部。".repeat(12);
    let spec = format!(
        "[page]\nlayout = \"tabloid\"\n\n[page.grid]\ncolumn_rules = true\n\n[[article]]\nid = \"ell\"\nbody = \"{long}\"\nplace = [{{ column = 1, span = 3, top = 0, height = 10 }}, {{ column = 1, span = 1, top = 10, height = 20 }}]\n\n[[article]]\nid = \"inner\"\nbody = \"{short}\"\nplace = {{ column = 2, span = 2, top = 11, height = 19 }}\n"
    );
    let files = banmian::files::Memory::new().with("page.toml", spec.into_bytes());
    let laid = banmian::lay_out_from("page.toml".as_ref(), &files, &Default::default()).unwrap();
    let g = &laid.model.grid;
    let gutter = |c: usize| column_x(&laid, c) + g.column_width.0 + g.gutter.0 / 2.0;
    let down = |x: f64| -> Vec<(f64, f64)> {
        lines(&laid)
            .into_iter()
            .filter(|l| (l.from.0 .0 - x).abs() < 0.01 && (l.to.0 .0 - x).abs() < 0.01)
            .map(|l| (l.from.1 .0, l.to.1 .0))
            .collect()
    };
    let foot_of_top = (g.bleed + g.line_y(10)).0;
    let first = down(gutter(0));
    assert!(!first.is_empty(), "a rule between columns 1 and 2 of the L");
    assert!(
        first.iter().all(|&(_, y1)| y1 <= foot_of_top),
        "none down the leg: {first:?}"
    );
    // Between columns 2 and 3: the L's rule above, the inner story's below.
    let second = down(gutter(1));
    assert!(second.iter().any(|&(_, y1)| y1 <= foot_of_top));
    assert!(second
        .iter()
        .any(|&(y0, _)| y0 >= (g.bleed + g.line_y(11)).0));
}

#[test]
fn a_separator_under_two_rectangles_of_a_shape_is_one_rule() {
    // `steps` ends at line 19 in columns 1–3 (two rectangles); `below` starts at line
    // 21 across them: one rule in line 20, not one per rectangle with a gap.
    let spec = "[page]\nlayout = \"tabloid\"\n\n[separators]\n\n[[article]]\nid = \"steps\"\nbody = \"正文。\"\nplace = [{ column = 1, span = 2, top = 0, height = 20 }, { column = 3, span = 1, top = 8, height = 12 }]\n\n[[article]]\nid = \"below\"\nbody = \"正文。\"\nplace = { column = 1, span = 3, top = 21, height = 10 }\n";
    let files = banmian::files::Memory::new().with("page.toml", spec.as_bytes().to_vec());
    let laid = banmian::lay_out_from("page.toml".as_ref(), &files, &Default::default()).unwrap();
    let g = &laid.model.grid;
    let y = (g.bleed + g.line_y(20) + g.line_pitch / 2.0).0;
    let across: Vec<_> = lines(&laid)
        .into_iter()
        .filter(|l| (l.from.1 .0 - y).abs() < 0.01 && (l.to.1 .0 - y).abs() < 0.01)
        .collect();
    assert_eq!(across.len(), 1, "{across:?}");
    assert!((across[0].from.0 .0 - column_x(&laid, 0)).abs() < 0.01);
    assert!((across[0].to.0 .0 - (column_x(&laid, 2) + g.column_width.0)).abs() < 0.01);
}

#[test]
fn a_box_inside_a_shape_keeps_its_runaround() {
    // A promo box in columns 2–3, lines 8–13, inside the top of an L: the body runs
    // above it, on under it, and never in it; and it is no overlap.
    let long = "城市更新项目同步开工，涉及居民八千六百余户，将加装电梯四十六部。".repeat(14);
    let place = "[{ column = 1, span = 3, top = 0, height = 20 }, { column = 1, span = 1, top = 20, height = 10 }]";
    let spec = format!(
        "[page]\nlayout = \"tabloid\"\n\n[[article]]\nid = \"shape\"\nbody = \"{long}\"\nplace = {place}\n\n[[promo]]\ntext = \"扫码\"\nplace = {{ column = 2, span = 2, top = 8, height = 6 }}\n"
    );
    let files = banmian::files::Memory::new().with("page.toml", spec.into_bytes());
    let laid = banmian::lay_out_from("page.toml".as_ref(), &files, &Default::default()).unwrap();
    let cells = body_cells(&laid, "shape");
    let in_box = |&(c, l): &(usize, usize)| (1..3).contains(&c) && (8..14).contains(&l);
    assert!(!cells.iter().any(in_box), "{cells:?}");
    assert!(cells.iter().any(|&(c, l)| c == 1 && l < 8), "above the box");
    assert!(
        cells.iter().any(|&(c, l)| c == 1 && l >= 14),
        "under the box"
    );
    assert!(laid
        .composed
        .warnings
        .iter()
        .all(|d| d.code != Code::LayoutOverlap));
}
