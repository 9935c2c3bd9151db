//! Hostile text stays near linear (docs/spec.md §18): runs with no break opportunity,
//! runs of marks whose width depends on their neighbours, a body far longer than its
//! area and a banner of 10,000 slogans are set in well under a second in a release
//! build. The bounds asserted here are generous (a debug build on a shared CI core);
//! the quadratic code they replace took 12–180 s in release on the same inputs.

use banmian::diag::Code;
use banmian::display::Item;
use banmian::files::Memory;
use std::time::{Duration, Instant};

/// What a debug build may take for any of these pages. The quadratic versions took
/// 12 s and more in a release build, which is ten times faster.
const BOUND: Duration = Duration::from_secs(10);

/// Lays out a tabloid page with one article over the whole grid reading `body`.
fn lay_out_body(body: &str) -> (banmian::LaidOut, Duration) {
    let spec = "[page]\nlayout = \"tabloid\"\n\n[[article]]\nbody_file = \"body.txt\"\nplace = { column = 1, span = 5, top = 0 }\n";
    lay_out(spec, body)
}

fn lay_out(spec: &str, body: &str) -> (banmian::LaidOut, Duration) {
    let files = Memory::new()
        .with("page.toml", spec.as_bytes().to_vec())
        .with("body.txt", body.as_bytes().to_vec());
    let t = Instant::now();
    let laid = banmian::lay_out_from("page.toml".as_ref(), &files, &Default::default())
        .unwrap_or_else(|d| panic!("{d}"));
    (laid, t.elapsed())
}

/// The overset warning's figure.
fn overset(laid: &banmian::LaidOut) -> usize {
    laid.composed.report.articles[0].overset_chars
}

#[test]
fn runs_without_a_break_opportunity_are_set_near_linear() {
    for (what, body) in [
        ("10,000 ——", "——".repeat(10_000)),
        ("10,000 ……", "……".repeat(10_000)),
        ("20,000 “", "“".repeat(20_000)),
        ("20,000 ·", "·".repeat(20_000)),
        ("40,000 zero-width spaces", "\u{200b}".repeat(40_000) + "中"),
    ] {
        let (laid, took) = lay_out_body(&body);
        assert!(took < BOUND, "{what}: {took:?}");
        let set: usize = laid.composed.report.articles[0].slots_used;
        assert!(set > 0, "{what}: nothing set");
    }
}

#[test]
fn a_body_far_longer_than_its_area_is_set_only_as_far_as_it_fits() {
    // About 4 MiB: the text limit. One paragraph, then 120,000 short ones.
    for (what, body) in [
        ("one paragraph", "中".repeat(1_390_000)),
        ("short paragraphs", "中文中文中文中文中文\n".repeat(120_000)),
    ] {
        let (laid, took) = lay_out_body(&body);
        assert!(took < BOUND, "{what}: {took:?}");
        let total = body.chars().filter(|c| !c.is_whitespace()).count();
        let a = &laid.composed.report.articles[0];
        let placed: usize = a
            .lines
            .iter()
            .map(|l| l.text.chars().filter(|c| !c.is_whitespace()).count())
            .sum();
        assert_eq!(
            overset(&laid) + placed,
            total,
            "{what}: every character is either on the page or counted as overset"
        );
        let w = &laid.composed.warnings.0;
        assert!(w.iter().any(|d| d.code == Code::TextOverset), "{what}");
    }
}

#[test]
fn slogans_are_not_shrunk_to_nothing_and_ten_thousand_are_refused() {
    // As many slogans as a banner may have, each long: set at the floor, not at 0.01 pt.
    let slogans = vec![format!("\"★{}\"", "口号".repeat(50)); 100].join(", ");
    let spec = format!(
        "[page]\nlayout = \"tabloid\"\n\n[banner]\ntitle = \"版头\"\nslogans = [{slogans}]\n"
    );
    let (laid, took) = lay_out(&spec, "");
    assert!(took < BOUND, "{took:?}");
    let w = &laid.composed.warnings.0;
    assert!(
        w.iter().any(|d| d.code == Code::LayoutBannerTooLong
            && d.message
                .contains("they are set at 6.75pt and only what fits is printed")),
        "{w:?}"
    );
    let page = &laid.composed.doc.pages[0];
    let smallest = page
        .items
        .iter()
        .filter_map(|i| match i {
            Item::Text(t) => Some(t.size.0),
            _ => None,
        })
        .fold(f64::INFINITY, f64::min);
    assert!(smallest >= 6.75 - 1e-9, "text set at {smallest} pt");

    // 10,000: over the limit, refused at the first one too many.
    let slogans = vec!["\"★口号\""; 10_000].join(", ");
    let spec = format!(
        "[page]\nlayout = \"tabloid\"\n\n[banner]\ntitle = \"版头\"\nslogans = [{slogans}]\n"
    );
    let files = Memory::new().with("page.toml", spec.as_bytes().to_vec());
    let t = Instant::now();
    let e = banmian::lay_out_from("page.toml".as_ref(), &files, &Default::default())
        .err()
        .expect("refused");
    assert!(t.elapsed() < BOUND);
    let d = &e.0[0];
    assert_eq!(d.code, Code::LimitSlogans);
    let col = 1 + spec.lines().nth(5).unwrap().chars().count()
        - spec.lines().nth(5).unwrap()["slogans = [".len()..]
            .chars()
            .count()
        + "\"★口号\", ".chars().count() * 100;
    assert_eq!(
        d.to_string().lines().next().unwrap(),
        format!("page.toml:6:{col}: error: the banner has 10000 slogans; the limit is 100")
    );
}

#[test]
fn a_title_too_long_for_any_size_is_set_at_the_body_size() {
    let spec = format!(
        "[page]\nlayout = \"tabloid\"\n\n[banner]\ntitle = \"{}\"\n",
        "标".repeat(20_000)
    );
    let (laid, took) = lay_out(&spec, "");
    assert!(took < BOUND, "{took:?}");
    let w = &laid.composed.warnings.0;
    assert!(
        w.iter()
            .any(|d| d.message.contains("even at 9.00pt it does not fit")),
        "{w:?}"
    );
}
