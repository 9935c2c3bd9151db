//! The CSS `line-break` expectations for zh content from the W3C i18n / WPT tests
//! (`css/css-text/i18n/zh/css-text-line-break-zh-<cat>-<level>.html`), as extracted in
//! cjk-rules.md §2.3, asserted directly: for each code point X the tests lay out
//! `文文文文文文` X `字字` and expect either a break before X ("X may start a line") or
//! none; for numeric prefixes, a break after X.
//!
//! Readings we chose where the sources disagree (docs/decisions.md §7):
//! - hyphens at `normal`: the i18n files (older) allow a break before all four; current
//!   CSS Text 3 allows it before 〜 U+301C and ゠ U+30A0 only, and before ‐ U+2010 and
//!   – U+2013 only at `loose` after an ideograph (Florian Rivoal's
//!   `line-break-{normal,loose}-hyphens-00N` tests). We follow CSS Text 3.
//! - inseparables at `loose`: we follow the i18n files (a break before a single `…`
//!   after 文 is allowed), not ICU4X's port which allows one only between two.
//! - cj (small kana, ー) exists only for ja in the stored copies; our levels do not
//!   depend on the content language, so it is asserted too.

use banmian::text::{analyze, Strictness};

#[derive(Clone, Copy, Debug, PartialEq)]
enum Expect {
    No,
    Yes,
}
use Expect::*;

/// (category, code points, [strict, normal, loose], break after X instead of before)
const TABLE: &[(&str, &[u32], [Expect; 3], bool)] = &[
    (
        "cj",
        &[
            0x3041, 0x3043, 0x3045, 0x3047, 0x3049, 0x3063, 0x3083, 0x3085, 0x3087, 0x308E, 0x3095,
            0x3096, 0x30A1, 0x30A3, 0x30A5, 0x30A7, 0x30A9, 0x30C3, 0x30E3, 0x30E5, 0x30E7, 0x30EE,
            0x30F5, 0x30F6, 0x30FC, 0x31F0, 0x31F1, 0x31F2, 0x31F3, 0x31F4, 0x31F5, 0x31F6, 0x31F7,
            0x31F8, 0x31F9, 0x31FA, 0x31FB, 0x31FC, 0x31FD, 0x31FE, 0x31FF, 0xFF67, 0xFF68, 0xFF69,
            0xFF6A, 0xFF6B, 0xFF6C, 0xFF6D, 0xFF6E, 0xFF6F, 0xFF70,
        ],
        [No, Yes, Yes],
        false,
    ),
    (
        "cpm",
        &[
            0x30FB, 0xFF1A, 0xFF1B, 0xFF65, 0x203C, 0x2047, 0x2048, 0x2049, 0xFF01, 0xFF1F,
        ],
        [No, No, Yes],
        false,
    ),
    (
        "hyphens (wave, double hyphen)",
        &[0x301C, 0x30A0],
        [No, Yes, Yes],
        false,
    ),
    // i18n files: [No, Yes, Yes]; CSS Text 3 today: [No, No, Yes] (see the module doc).
    (
        "hyphens (hyphen, en dash)",
        &[0x2010, 0x2013],
        [No, No, Yes],
        false,
    ),
    (
        "in",
        &[0x2024, 0x2025, 0x2026, 0x22EF, 0xFE19, 0x10AF6],
        [No, No, Yes],
        false,
    ),
    (
        "iteration",
        &[0x3005, 0x303B, 0x309D, 0x309E, 0x30FD, 0x30FE],
        [No, No, Yes],
        false,
    ),
    (
        "po",
        &[
            0x00B0, 0x2030, 0x2032, 0x2033, 0x2035, 0x2103, 0x2109, 0xFE6A, 0xFF05, 0xFFE0,
        ],
        [No, No, Yes],
        false,
    ),
    (
        "pr",
        &[0x00B1, 0x20AC, 0x2116, 0xFF04, 0xFFE1, 0xFFE5],
        [No, No, Yes],
        true,
    ),
];

const LEVELS: [Strictness; 3] = [
    Strictness::CssStrict,
    Strictness::CssNormal,
    Strictness::CssLoose,
];

fn break_at(text: &str, pos: usize, level: Strictness) -> Expect {
    let b = analyze(text, level)
        .into_iter()
        .find(|b| b.pos == pos)
        .expect("a boundary at pos");
    if b.allowed {
        Yes
    } else {
        No
    }
}

#[test]
fn wpt_css_line_break_zh_table() {
    let mut failures = Vec::new();
    let mut checked = 0;
    for &(cat, cps, expect, after) in TABLE {
        for &cp in cps {
            let x = char::from_u32(cp).expect("scalar value");
            let text = format!("文文文文文文{x}字字");
            let pos = "文文文文文文".len() + if after { x.len_utf8() } else { 0 };
            for (level, want) in LEVELS.into_iter().zip(expect) {
                checked += 1;
                let got = break_at(&text, pos, level);
                if got != want {
                    failures.push(format!(
                        "{cat} U+{cp:04X} {x} at {}: got {got:?}, want {want:?}",
                        level.name()
                    ));
                }
            }
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {checked} failed:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

/// The clreq levels are not CSS levels: for Chinese the pause marks, inseparables and
/// numeric affixes stay put even where CSS `loose` lets them go (cjk-rules.md §2.3).
#[test]
fn clreq_levels_are_stricter_than_css_loose_for_chinese() {
    for level in [Strictness::Basic, Strictness::Gb, Strictness::Strict] {
        for x in ['：', '；', '！', '？', '％', '℃'] {
            let text = format!("文文文文文文{x}字字");
            assert_eq!(
                break_at(&text, "文文文文文文".len(), level),
                No,
                "{x} {level:?}"
            );
        }
        let text = "文文文文文文￥300字";
        assert_eq!(break_at(text, "文文文文文文￥".len(), level), No, "￥|300");
    }
}
