//! UAX #14 conformance: Unicode's `LineBreakTest-17.0.0.txt` (tests/data/, Unicode
//! licence in tests/data/LICENSE-Unicode.txt), run through `banmian::text::analyze`.
//!
//! 1. At level `uax14` (no tailoring) every one of the 19,338 cases must match exactly.
//! 2. At the default level (clreq `strict`) the same cases are run again; every boundary
//!    that differs from the file must carry the tailoring rule that changed it, the rule
//!    must be one of the documented ones (docs/decisions.md §7) and the characters
//!    around the boundary must be the ones that rule is about. The number of deviations
//!    per rule is pinned, so a change in the tailoring shows up here.

use banmian::text::{analyze, class_of, is_wide, CharClass, Strictness, Tailoring};
use std::collections::BTreeMap;
use unicode_segmentation::UnicodeSegmentation;

const DATA: &str = include_str!("../data/LineBreakTest-17.0.0.txt");

struct Case {
    text: String,
    /// Byte offsets after the first character where the file says ÷.
    breaks: Vec<usize>,
    line: usize,
}

fn cases() -> Vec<Case> {
    let mut out = Vec::new();
    for (line, raw) in DATA.lines().enumerate() {
        let body = raw.split('#').next().unwrap_or("").trim();
        if body.is_empty() {
            continue;
        }
        let mut text = String::new();
        let mut breaks = Vec::new();
        for tok in body.split_whitespace() {
            match tok {
                "÷" if !text.is_empty() => breaks.push(text.len()),
                "÷" | "×" => {}
                hex => {
                    let cp = u32::from_str_radix(hex, 16).expect("hex code point");
                    text.push(resolve_sa(char::from_u32(cp).expect("scalar value")));
                }
            }
        }
        out.push(Case {
            text,
            breaks,
            line: line + 1,
        });
    }
    out
}

/// LB1: SA (South-East Asian) characters resolve to CM when they are Mn/Mc and to AL
/// otherwise. The test file assumes that resolution; our segmenter (ICU4X without the
/// Thai/Myanmar dictionaries, which we do not ship) does not apply it, so the harness
/// does, as ICU4X's own spec test does — for the only three SA code points in the file,
/// with stand-ins of the same UTF-8 length so the offsets do not move.
fn resolve_sa(c: char) -> char {
    match c {
        '\u{0E31}' | '\u{102C}' => '\u{081C}', // Mn / Mc → a CM of 3 bytes
        '\u{0E01}' => '\u{0800}',              // Lo → an AL of 3 bytes
        other => other,
    }
}

#[test]
fn uax14_level_conforms_to_line_break_test_17() {
    let cases = cases();
    assert_eq!(cases.len(), 19_338, "the file says `# Lines: 19338`");
    let mut failures = Vec::new();
    for case in &cases {
        let got: Vec<usize> = analyze(&case.text, Strictness::Uax14)
            .into_iter()
            .filter(|b| b.allowed)
            .map(|b| b.pos)
            .collect();
        if got != case.breaks {
            failures.push(format!(
                "line {}: {:?} got {got:?} want {:?}",
                case.line, case.text, case.breaks
            ));
        }
    }
    assert!(
        failures.is_empty(),
        "{} failures, first: {:#?}",
        failures.len(),
        &failures[..failures.len().min(5)]
    );
}

/// Checks that a deviation is the one its rule describes; returns a message if not.
fn check_deviation(text: &str, pos: usize, allowed: bool, rule: Tailoring) -> Option<String> {
    let before = text[..pos]
        .chars()
        .next_back()
        .expect("boundary after a character");
    let after = text[pos..]
        .chars()
        .next()
        .expect("boundary before a character");
    let (p, n) = (class_of(before), class_of(after));
    use CharClass::*;
    let ok = match rule {
        // Both sides are CJK character units: ideographs, kana, or full-width (or
        // ambiguous-width, in Chinese context) punctuation.
        Tailoring::CjkPair => allowed && is_cjk_side(before, p) && is_cjk_side(after, n),
        Tailoring::QuoteInCjk => {
            allowed && (matches!(before, '”' | '’') || matches!(after, '“' | '‘'))
        }
        Tailoring::NotAtStart => {
            !allowed
                && matches!(
                    n,
                    Closing
                        | Comma
                        | FullStop
                        | ColonLike
                        | Exclamation
                        | Connector
                        | Interpunct
                        | Solidus
                        | SmallKana
                        | ProlongedSound
                        | Iteration
                        | Dash
                        | Ellipsis
                )
        }
        Tailoring::NotAtEnd => !allowed && matches!(p, Opening | Solidus),
        Tailoring::Inseparable => !allowed && p == n && matches!(p, Dash | Ellipsis),
        Tailoring::Grapheme => !allowed && !text.grapheme_indices(true).any(|(i, _)| i == pos),
        Tailoring::Loosened => false, // not used at the strict level
        // Inside a web or e-mail address: only after / . ? & = _ or before @.
        Tailoring::Address => {
            allowed
                == (after == '@' || ("/.?&=_".contains(before) && !"/.?&=_)]}'".contains(after)))
        }
        // Beside the connector of a number range.
        Tailoring::NumberRange => {
            !allowed
                && (matches!(n, Connector | Dash) && (before.is_ascii_digit() || p == Postfix)
                    || matches!(p, Connector | Dash) && (after.is_ascii_digit() || n == Prefix))
        }
    };
    (!ok).then(|| format!("{rule:?} at {pos} in {text:?} ({before:?}|{after:?})"))
}

fn is_cjk_side(c: char, k: CharClass) -> bool {
    use CharClass::*;
    matches!(k, Ideograph | SmallKana | ProlongedSound | Iteration)
        || (k.is_mark()
            && k != Other
            && (is_wide(c) || matches!(c, '“' | '”' | '‘' | '’' | '·' | '—' | '…' | '⋯')))
}

#[test]
fn strict_level_deviates_only_by_documented_tailoring() {
    let mut counts: BTreeMap<Tailoring, usize> = BTreeMap::new();
    let mut bad = Vec::new();
    for case in cases() {
        for b in analyze(&case.text, Strictness::Strict) {
            let expected = case.breaks.contains(&b.pos);
            assert_eq!(
                b.base, expected,
                "line {}: base must be plain UAX #14",
                case.line
            );
            if b.allowed == expected {
                continue;
            }
            let Some(rule) = b.rule else {
                bad.push(format!(
                    "line {}: untailored deviation at {}",
                    case.line, b.pos
                ));
                continue;
            };
            *counts.entry(rule).or_default() += 1;
            if let Some(msg) = check_deviation(&case.text, b.pos, b.allowed, rule) {
                bad.push(format!("line {}: {msg}", case.line));
            }
        }
    }
    assert!(
        bad.is_empty(),
        "{} unexplained deviations: {:#?}",
        bad.len(),
        &bad[..bad.len().min(10)]
    );
    let got: Vec<(Tailoring, usize)> = counts.into_iter().collect();
    // Pinned deviation counts (see docs/decisions.md §7 for each rule).
    let want = EXPECTED_DEVIATIONS.to_vec();
    assert_eq!(got, want, "deviation counts changed");
}

/// Deviations of the strict level from the 17.0 file, by rule:
/// - CjkPair 3: `的¦“Best`, `人¦‘`, `Strategy”¦奖` — quotes in Chinese text are
///   opening/closing marks, whatever is inside them (LB19a looks only at width).
/// - QuoteInCjk 1: `Z-1¦“莱贝雷希特` — break before an opening quote after a number.
/// - NotAtStart 534: after a space (LB18 `SP ÷`) or mid-text, characters clreq keeps off
///   line starts: ‼ (128), 々 (128), ぁ (129, small kana), ︙ (134), » (5), — as a
///   single connector in Chinese context (7), `.` (2), `·` (1).
/// - NotAtEnd 2: a solidus in Chinese context at the GB and strict levels.
/// - Grapheme 1521: UAX #14 boundaries inside a grapheme cluster (e.g. `SP ÷ CM`,
///   emoji modifier sequences): never broken.
/// - Address 1: `(http://)xn--¦a` is an address: inside it a line breaks only after
///   / . ? & = _ or before @, never after a hyphen (cjk-rules.md §6.4).
const EXPECTED_DEVIATIONS: &[(Tailoring, usize)] = &[
    (Tailoring::CjkPair, 3),
    (Tailoring::QuoteInCjk, 1),
    (Tailoring::NotAtStart, 534),
    (Tailoring::NotAtEnd, 2),
    (Tailoring::Grapheme, 1521),
    (Tailoring::Address, 1),
];

fn show(text: &str, level: Strictness) -> String {
    let allowed: Vec<usize> = analyze(text, level)
        .into_iter()
        .filter(|b| b.allowed)
        .map(|b| b.pos)
        .collect();
    let mut out = String::new();
    for (i, c) in text.char_indices() {
        if i > 0 && allowed.contains(&i) {
            out.push('¦');
        }
        out.push(c);
    }
    out
}

/// The Chinese sentences at the end of the 17.0 file, plain and tailored.
#[test]
fn chinese_sentences_of_the_test_file() {
    let lunyu = "子贡曰：“贫而无谄，富而无骄，何如？”子曰：“可也。未若贫而乐，富而好礼者也”。";
    let years = "毕士悌（1901年—1936年），朝鲜籍红军将领";
    let title = "2000年获得了《IGN》的“Best Game Boy Strategy”奖。";
    // The 17.0 rules already break Chinese quotations right (LB19a); clreq agrees.
    let broken = "子¦贡¦曰：¦“贫¦而¦无¦谄，¦富¦而¦无¦骄，¦何¦如？”¦子¦曰：¦“可¦也。¦未¦若¦贫¦而¦乐，¦富¦而¦好¦礼¦者¦也”。";
    assert_eq!(show(lunyu, Strictness::Uax14), broken);
    assert_eq!(show(lunyu, Strictness::Strict), broken);
    // A single em dash is a connector (连接号): it never starts a line (cjk-rules.md §2.1).
    assert_eq!(
        show(years, Strictness::Uax14),
        "毕¦士¦悌¦（1901¦年¦—¦1936¦年），¦朝¦鲜¦籍¦红¦军¦将¦领"
    );
    assert_eq!(
        show(years, Strictness::Strict),
        "毕¦士¦悌¦（1901¦年—¦1936¦年），¦朝¦鲜¦籍¦红¦军¦将¦领"
    );
    // Quotes around Latin text inside Chinese: opening and closing marks (CjkPair).
    assert_eq!(
        show(title, Strictness::Uax14),
        "2000¦年¦获¦得¦了¦《IGN》¦的“Best ¦Game ¦Boy ¦Strategy”奖。"
    );
    assert_eq!(
        show(title, Strictness::Strict),
        "2000¦年¦获¦得¦了¦《IGN》¦的¦“Best ¦Game ¦Boy ¦Strategy”¦奖。"
    );
}

#[test]
#[ignore]
fn deviation_histogram() {
    let mut h: BTreeMap<(String, String), usize> = BTreeMap::new();
    for case in cases() {
        for b in analyze(&case.text, Strictness::Strict) {
            let expected = case.breaks.contains(&b.pos);
            if b.allowed != expected {
                let before = case.text[..b.pos].chars().next_back().unwrap();
                let after = case.text[b.pos..].chars().next().unwrap();
                let key = match b.rule {
                    Some(Tailoring::NotAtStart) => format!("{after:?} U+{:04X}", after as u32),
                    Some(Tailoring::NotAtEnd) => format!("{before:?}"),
                    _ => format!("{before:?}|{after:?}"),
                };
                *h.entry((format!("{:?}", b.rule), key)).or_default() += 1;
            }
        }
    }
    for ((r, k), n) in h {
        if !r.contains("Grapheme") {
            println!("{r} {k} {n}");
        }
    }
}
