//! Issue #13's regression corpus (tests/data/corpus-hard-cases.txt, written for these
//! tests): digits and Latin inside Chinese, web and e-mail addresses, number ranges,
//! dashes and ellipses, apostrophes, quotes around English and a narrow brief, set in
//! 9-pt Noto Serif CJK SC with a 2-em indent at 9, 11 and 14 em, with the default ¼-em
//! Han–Latin space and with the newspaper layouts' `none`.
//!
//! At every measure: 0 kinsoku violations, 0 孤字, 0 overfull lines, every justified
//! line flush; no letter-spacing inside a Latin word, number or address; every
//! Han–Latin gap at most the house space plus its line's per-gap stretch; no number
//! range broken at its connector; every 2-em dash exactly 2 em. The figures that can
//! move (gap deviation, loose lines, widest Han–Latin gap) are pinned at what the
//! engine achieves; docs/decisions.md §7 has them beside Typst's.

use banmian::fonts::{Builtin, FontBook};
use banmian::linebreak::{self, Line, LineStats, Options, Paragraph, Style};
use banmian::text::{class_of, CharClass};
use banmian::units::Pt;

const CORPUS: &str = include_str!("../data/corpus-hard-cases.txt");
const SIZE: f64 = 9.0;

fn paragraphs() -> Vec<&'static str> {
    CORPUS
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .collect()
}

/// Sets every paragraph at `measure_em`; returns the lines of each.
fn set_all(measure_em: f64, opts: &Options) -> Vec<Vec<Line>> {
    let fonts = FontBook::builtin();
    let style = Style::new(Builtin::Song.id(), Pt(SIZE));
    paragraphs()
        .into_iter()
        .map(|text| {
            let par = Paragraph::body(text, style);
            let prepared = linebreak::prepare(&par, &fonts, opts);
            assert!(prepared.missing.is_empty(), "{:?}", prepared.missing);
            let lines = prepared.break_lines(&|_| Pt(SIZE * measure_em));
            let joined: String = lines.iter().map(Line::text).collect();
            assert_eq!(joined, text);
            lines
        })
        .collect()
}

fn stats_of(pars: &[Vec<Line>], opts: &Options) -> LineStats {
    let mut total = LineStats::default();
    for lines in pars {
        total.merge(&linebreak::stats(lines, opts));
    }
    total
}

/// The rules that hold at every measure and house setting.
fn assert_rules(pars: &[Vec<Line>], opts: &Options, s: &LineStats, label: &str) {
    assert_eq!(s.kinsoku_violations, 0, "{label}: {:?}", s.violations);
    assert_eq!(s.orphans, 0, "{label}: 孤字");
    assert_eq!(s.overfull_lines, 0, "{label}");
    assert_eq!(s.flush_lines, s.justified_lines, "{label}");
    // Kerning may open a Latin pair by a hair (a positive GPOS value); letter-spacing
    // would show as 0.05 em or more.
    assert!(
        s.latin_tracking_max_em < 0.02,
        "{label}: tracking {}",
        s.latin_tracking_max_em
    );
    // Issue #13: a Han–Latin gap never grows past ¼ em plus its line's per-gap stretch
    // (a `none` house may open it to ¼ em before the ideograph gaps expand).
    let cap = opts.latin_space_em.max(0.25);
    for lines in pars {
        for line in lines {
            let stretch = line.expansion.0 / SIZE;
            for w in line.glyphs.windows(2) {
                let (a, b) = (&w[0], &w[1]);
                let ca = class_of(a.text.chars().next().unwrap_or(' '));
                let cb = class_of(b.text.chars().next().unwrap_or(' '));
                let mixed = (ca.is_ideographic() && cb.is_western())
                    || (ca.is_western() && cb.is_ideographic());
                if mixed {
                    let gap = (b.frame_x - (a.x + a.advance)).0 / SIZE;
                    assert!(
                        gap <= cap + stretch + 1e-6,
                        "{label}: {:?}|{:?} gap {gap:.3} em on {:?}",
                        a.text,
                        b.text,
                        line.text()
                    );
                }
            }
            assert_range_and_dash(line, label);
        }
    }
}

/// No line ends at a range connector or starts with one; a 2-em dash run is drawn
/// from its first frame edge to its last.
fn assert_range_and_dash(line: &Line, label: &str) {
    let text = line.text();
    for conn in ['—', '～'] {
        if let Some(rest) = text.strip_suffix(conn) {
            assert!(
                !rest.ends_with(|c: char| c.is_ascii_digit()),
                "{label}: range split after {text:?}"
            );
        }
    }
    for (i, g) in line.glyphs.iter().enumerate() {
        let pair = g.text == "—" && line.glyphs.get(i + 1).is_some_and(|n| n.text == "—");
        if pair || g.text == "⸺" {
            let next = &line.glyphs[i + 1];
            let end = (g.x + g.advance).0;
            assert!(
                ((end - g.frame_x.0) / SIZE - 2.0).abs() < 1e-6,
                "{label}: dash frame"
            );
            // The second copy starts inside the first one's ink: one stroke.
            assert!(next.x.0 < end - 0.5 * SIZE, "{label}: one stroke");
        }
    }
}

fn report(label: &str, s: &LineStats) {
    eprintln!(
        "{label}: {} lines, gap std {:.4} em (justified {:.4}), loose {} (max stretch {:.3} em), \
         Han–Latin max {:.3} em over {}, tracking max {:.4}, hyphenated {}, 孤字 {}, kinsoku {}",
        s.lines,
        s.gap_std_em,
        s.justified_gap_std_em,
        s.loose_lines,
        s.max_stretch_em,
        s.han_latin_gap_max_em,
        s.han_latin_gaps,
        s.latin_tracking_max_em,
        s.hyphenated_lines,
        s.orphans,
        s.kinsoku_violations
    );
}

/// Sets the corpus at `measure` and checks the rules and the pinned figures.
fn check(measure: f64, opts: &Options, label: &str, std_max: f64, loose_max: usize) -> LineStats {
    let pars = set_all(measure, opts);
    let s = stats_of(&pars, opts);
    let label = format!("{label} {measure} em");
    report(&label, &s);
    assert_rules(&pars, opts, &s, &label);
    assert!(s.gap_std_em <= std_max, "{label}: gap std {}", s.gap_std_em);
    assert!(
        s.loose_lines <= loose_max,
        "{label}: {} loose lines",
        s.loose_lines
    );
    s
}

fn quarter() -> Options {
    Options::default()
}

fn none() -> Options {
    Options {
        latin_space_em: 0.0,
        ..Options::default()
    }
}

// Pinned figures (gap std in em, loose lines). Typst 0.15.2 on the same text and
// measures (tests/tools/typst_compare.py): gap std 0.0991 / 0.1054 / 0.0939 at 9 / 11 /
// 14 em with its ¼-em spacing, 0.1054 / 0.1098 / 0.0963 without; it sets 1, 3, 0 孤字
// and 0, 1, 0 lines starting with a prohibited mark (¼ em), and lets lines run past the
// measure. The loose lines left here are forced: a line holding only an address or an
// English phrase with few spaces, or the cure of a 孤字.

#[test]
fn corpus_at_9_em() {
    check(9.0, &quarter(), "quarter", 0.0775, 4);
    check(9.0, &none(), "none", 0.0675, 3);
}

#[test]
fn corpus_at_11_em() {
    check(11.0, &quarter(), "quarter", 0.1010, 8);
    check(11.0, &none(), "none", 0.0940, 7);
}

#[test]
fn corpus_at_14_em() {
    check(14.0, &quarter(), "quarter", 0.0450, 1);
    check(14.0, &none(), "none", 0.0410, 1);
}

#[test]
fn corpus_text_has_what_it_claims() {
    let all = paragraphs().concat();
    for needle in [
        "https://",
        "@",
        "1—11月",
        "3～5℃",
        "9:00—17:00",
        "——",
        "……",
        "T’Pol",
        "“Made in China”",
        "⸺",
        "⸻",
    ] {
        assert!(all.contains(needle), "{needle}");
    }
    assert!(
        all.chars()
            .filter(|&c| class_of(c) == CharClass::Ideograph)
            .count()
            > 700
    );
}

/// Strict character grid (cjk-rules.md §7.2): on the sample's article at 14 em, every
/// ideograph of every line that needed no expansion starts on the 1-em pitch, and
/// adjacent marks are still compressed (their inks closer than two frames apart).
#[test]
fn strict_grid_keeps_ideographs_on_the_pitch() {
    let body = include_str!("../data/zibo-gaoxin-body.txt");
    let fonts = FontBook::builtin();
    let style = Style::new(Builtin::Song.id(), Pt(SIZE));
    let opts = Options {
        strict_grid: true,
        latin_space_em: 0.0,
        ..Options::default()
    };
    let (mut on, mut off, mut lines_total, mut expanded, mut compressed) = (0, 0, 0, 0, 0);
    for text in body
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
    {
        let par = Paragraph::body(text, style);
        let set = linebreak::prepare(&par, &fonts, &opts).break_lines(&|_| Pt(SIZE * 14.0));
        let s = linebreak::stats(&set, &opts);
        assert_eq!(s.kinsoku_violations, 0);
        assert_eq!(s.orphans, 0);
        assert_eq!(s.overfull_lines, 0);
        for line in &set {
            lines_total += 1;
            if line.expansion.0 > 1e-9 {
                expanded += 1;
                continue;
            }
            for (i, g) in line.glyphs.iter().enumerate() {
                let c = g.text.chars().next().unwrap_or(' ');
                if class_of(c) == CharClass::Ideograph {
                    let cells = g.frame_x.0 / SIZE;
                    if (cells - cells.round()).abs() < 1e-6 {
                        on += 1;
                    } else {
                        off += 1;
                        eprintln!("off the grid: {:?} in {:?}", g.text, line.text());
                    }
                }
                // Two marks in a row: their frames start less than 2 em apart.
                if let Some(n) = line.glyphs.get(i + 1) {
                    let k =
                        |g: &linebreak::PlacedGlyph| class_of(g.text.chars().next().unwrap_or(' '));
                    if k(g).is_mark()
                        && k(n).is_mark()
                        && !g.text.is_empty()
                        && g.text != "—"
                        && g.text != "…"
                    {
                        assert!((n.x - g.x).0 < 1.6 * SIZE, "{:?}{:?}", g.text, n.text);
                        compressed += 1;
                    }
                }
            }
        }
    }
    eprintln!(
        "strict grid 14 em: {lines_total} lines, {expanded} expanded (off the grid), \
         {on} ideographs on the pitch, {off} off, {compressed} adjacent marks compressed"
    );
    assert_eq!(
        off, 0,
        "every ideograph of an unexpanded line is on the grid"
    );
    assert!(compressed > 10);
    assert!(expanded * 10 < lines_total, "few lines leave the grid");
}
