//! Property tests of the line composer on generated Chinese text with punctuation,
//! quotes, brackets, dashes, ellipses, numbers with affixes and Latin words, at random
//! measures (line widths varying line by line), sizes, indents, strictness levels and
//! punctuation presets. For every case:
//! - the lines' texts concatenated equal the input;
//! - no glyph ends past its line's measure;
//! - every non-final justified line ends at its measure within 0.01 pt;
//! - no line break is a kinsoku violation at the chosen level;
//! - no 孤字 (in paragraphs of three lines or more);
//! - breaking twice gives the same lines.
//!
//! 64 cases from a fixed seed by default (keeps `cargo test` fast and reproducible);
//! set `PROPTEST_CASES` and `PROPTEST_RNG_SEED` for a wider search (see `common`).

use crate::common;

use banmian::fonts::{Builtin, FontBook};
use banmian::linebreak::{
    self, Align, Line, Options, Paragraph, PunctStyle, Span, Strictness, Style,
};
use banmian::units::Pt;
use proptest::prelude::*;
use std::sync::OnceLock;

fn fonts() -> &'static FontBook {
    static BOOK: OnceLock<FontBook> = OnceLock::new();
    BOOK.get_or_init(FontBook::builtin)
}

const HAN: &str = "党建引领高新区发展村民企业协会服务群众工作社区治理经济文化广场楼房知青故乡变化特别时代文明实践站好去处";

fn han_run() -> impl Strategy<Value = String> {
    prop::collection::vec(0..HAN.chars().count(), 1..9).prop_map(|ix| {
        ix.into_iter()
            .map(|i| HAN.chars().nth(i).unwrap_or('文'))
            .collect()
    })
}

/// One phrase: a run of ideographs, maybe wrapped or followed by something.
fn phrase() -> impl Strategy<Value = String> {
    let tail = prop_oneof![
        Just(""),
        Just("，"),
        Just("。"),
        Just("、"),
        Just("："),
        Just("；"),
        Just("！"),
        Just("？"),
        Just("——"),
        Just("……"),
        Just("。”"),
        Just("！”"),
        Just("），"),
    ];
    let extra = prop_oneof![
        Just(String::new()),
        Just("2020年".to_string()),
        Just("11.6%".to_string()),
        Just("￥300".to_string()),
        Just("30℃".to_string()),
        Just("APP".to_string()),
        Just("GDP增长".to_string()),
        Just("hello world".to_string()),
        Just("克里斯蒂娜·罗塞蒂".to_string()),
        Just("1～5".to_string()),
        Just("男／女".to_string()),
        Just("https://www.zb.cn/a/b?c=1".to_string()),
        Just("news@lzcb.cn".to_string()),
        Just("1—11月".to_string()),
        Just("3～5℃".to_string()),
        Just("T’Pol".to_string()),
        Just("⸺".to_string()),
        Just("“New York”".to_string()),
        Just("internationalization".to_string()),
    ];
    let wrap = prop_oneof![
        Just(("", "")),
        Just(("“", "”")),
        Just(("《", "》")),
        Just(("（", "）")),
        Just(("‘", "’"))
    ];
    (han_run(), extra, wrap, tail, han_run())
        .prop_map(|(a, x, (o, c), t, b)| format!("{a}{o}{x}{b}{c}{t}"))
}

fn text() -> impl Strategy<Value = String> {
    prop::collection::vec(phrase(), 1..14).prop_map(|v| v.concat() + "。")
}

fn level() -> impl Strategy<Value = Strictness> {
    prop_oneof![
        Just(Strictness::Basic),
        Just(Strictness::Gb),
        Just(Strictness::Strict)
    ]
}

fn preset() -> impl Strategy<Value = PunctStyle> {
    prop_oneof![
        Just(PunctStyle::Quanjiao),
        Just(PunctStyle::Kaiming),
        Just(PunctStyle::Banjiao),
        Just(PunctStyle::Hangmobanjiao),
        Just(PunctStyle::Plain),
    ]
}

struct Case {
    text: String,
    size: f64,
    /// Measures in em: the first lines may be narrower (runaround), then `base`.
    base: f64,
    narrow: (usize, f64),
    indent: bool,
    level: Strictness,
    punct: PunctStyle,
    font: Builtin,
}

fn case() -> impl Strategy<Value = Case> {
    (
        text(),
        prop_oneof![Just(9.0), Just(10.5)],
        10.0..24.0f64,
        (0usize..4, 8.0..12.0f64),
        any::<bool>(),
        level(),
        preset(),
        prop_oneof![Just(Builtin::Song), Just(Builtin::Hei), Just(Builtin::Kai)],
    )
        .prop_map(
            |(text, size, base, narrow, indent, level, punct, font)| Case {
                text,
                size,
                base: (base * 2.0).round() / 2.0,
                narrow,
                indent,
                level,
                punct,
                font,
            },
        )
}

impl std::fmt::Debug for Case {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{:?} {}pt base {}em narrow {:?} indent {} {:?} {:?} {:?}",
            self.text,
            self.size,
            self.base,
            self.narrow,
            self.indent,
            self.level,
            self.punct,
            self.font
        )
    }
}

fn set(case: &Case) -> (Vec<Line>, Options) {
    let style = Style::new(case.font.id(), Pt(case.size));
    let par = Paragraph {
        spans: vec![Span {
            text: case.text.clone(),
            style,
        }],
        indent: if case.indent {
            Pt(case.size * 2.0)
        } else {
            Pt::ZERO
        },
        align: Align::Justify,
    };
    let opts = Options {
        strictness: case.level,
        punct: case.punct,
        ..Options::default()
    };
    let prepared = linebreak::prepare(&par, fonts(), &opts);
    let (n, narrow, base, size) = (case.narrow.0, case.narrow.1, case.base, case.size);
    let width = move |i: usize| Pt(size * if i < n { narrow } else { base });
    (prepared.break_lines(&width), opts)
}

proptest! {
    #![proptest_config(common::proptest_config())]

    #[test]
    fn lines_are_legal_flush_and_faithful(case in case()) {
        let (lines, opts) = set(&case);
        let joined: String = lines.iter().map(Line::text).collect();
        prop_assert_eq!(&joined, &case.text);
        for (i, line) in lines.iter().enumerate() {
            for g in &line.glyphs {
                prop_assert!((g.x + g.advance).0 <= line.measure.0 + 1e-6,
                    "line {} glyph {:?} ends at {} > {}", i, g.text, (g.x + g.advance).0, line.measure.0);
            }
            if !line.last && !line.justified {
                // Only a line of one Latin word or address, which cannot be spaced
                // without letter-spacing, may stay ragged (cjk-rules.md §6.2).
                prop_assert!(line.text().chars().all(|c| c.is_ascii() && c != ' '),
                    "line {} {:?} not justified", i, line.text());
            }
            if !line.last && line.justified {
                prop_assert!((line.width.0 - line.measure.0).abs() <= 0.01,
                    "line {} {:?} width {} measure {}", i, line.text(), line.width.0, line.measure.0);
            }
        }
        let stats = linebreak::stats(&lines, &opts);
        prop_assert_eq!(stats.kinsoku_violations, 0, "{:?}", stats.violations);
        prop_assert_eq!(stats.overfull_lines, 0);
        // cjk-rules.md §5.2: a 孤字 is cured by pulling the previous line's last character
        // down and spreading that line, however loose it gets. Only in a two-line
        // paragraph may the cure leave a first line of one character, with no gap to
        // spread (e.g. "党“男／女党”，。" after a 2-em indent in 8 em).
        if lines.len() >= 3 {
            prop_assert_eq!(stats.orphans, 0, "{:?}", lines.last().map(Line::text));
        }
        let (again, _) = set(&case);
        prop_assert_eq!(lines, again);
    }
}
