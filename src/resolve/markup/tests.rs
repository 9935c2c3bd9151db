//! Unit tests of the body markup: runs, nesting, escapes, problems and their places.
use super::*;
use crate::fonts::Builtin;

fn lookup(name: &str) -> Option<Tag> {
    if let Some(p) = ParStyle::from_tag(name) {
        return Some(Tag::Paragraph(p));
    }
    match name {
        "bold" | "粗体" => Some(Tag::Face(Face::Strong)),
        "dots" | "着重" => Some(Tag::Dots),
        "sup" | "上标" => Some(Tag::Sup),
        "楷体" => Some(Tag::Face(Face::Font(Builtin::Kai.id()))),
        _ => Builtin::from_name(name).map(|b| Tag::Face(Face::Font(b.id()))),
    }
}

fn one(s: &str) -> Parsed {
    parse(
        &[SourceLine {
            raw: s,
            line: 1,
            column: 1,
        }],
        &lookup,
    )
}

fn styled(p: &Parsed) -> Vec<(&str, Inline)> {
    p.runs
        .iter()
        .map(|r| (&p.text[r.start..r.end], r.inline))
        .collect()
}

const STRONG: Inline = Inline {
    face: Face::Strong,
    dots: false,
    sup: false,
};

#[test]
fn strong_spans_and_faces_become_runs() {
    let p = one("**本报讯**（记者 王五）昨天，{kai}《条例》{/}公布。");
    assert_eq!(p.text, "本报讯（记者 王五）昨天，《条例》公布。");
    let kai = Inline {
        face: Face::Font(Builtin::Kai.id()),
        ..Inline::default()
    };
    assert_eq!(styled(&p), [("本报讯", STRONG), ("《条例》", kai)]);
    assert!(p.problems.is_empty());
}

#[test]
fn spans_nest_and_combine() {
    let p = one("{dots}重{kai}点{/}词{/}，面积{sup}2{/}");
    assert_eq!(p.text, "重点词，面积2");
    let dots = Inline {
        dots: true,
        ..Inline::default()
    };
    let kai_dots = Inline {
        face: Face::Font(Builtin::Kai.id()),
        dots: true,
        sup: false,
    };
    let sup = Inline {
        sup: true,
        ..Inline::default()
    };
    assert_eq!(
        styled(&p),
        [("重", dots), ("点", kai_dots), ("词", dots), ("2", sup)]
    );
}

#[test]
fn named_closers_and_chinese_names() {
    let p = one("{楷体}甲{/kai}{着重}乙{/着重}");
    assert_eq!(p.text, "甲乙");
    assert_eq!(p.runs.len(), 2);
    assert!(p.problems.is_empty(), "{:?}", p.problems);
}

#[test]
fn escapes_print_the_markup_characters() {
    let p = one(r"a\*\*b\{kai\}c\\d");
    assert_eq!(p.text, r"a**b{kai}c\d");
    assert!(p.runs.is_empty() && p.problems.is_empty());
    let p = one(r"路径 C:\dir 与 5*3");
    assert_eq!(
        p.text, r"路径 C:\dir 与 5*3",
        "other backslashes and single stars stay"
    );
}

#[test]
fn braces_that_are_not_markup_stay_text_without_a_warning() {
    let p = one("集合{ a, b }与{}和{很长很长很长很长很长很长很长很长很长很长很长很长很长}");
    assert_eq!(
        p.text,
        "集合{ a, b }与{}和{很长很长很长很长很长很长很长很长很长很长很长很长很长}"
    );
    assert!(p.problems.is_empty());
}

#[test]
fn an_unclosed_strong_is_kept_as_text_and_located() {
    let p = one("他说**重要的话。");
    assert_eq!(p.text, "他说**重要的话。");
    assert!(p.runs.is_empty());
    assert_eq!(p.problems.len(), 1);
    assert_eq!((p.problems[0].line, p.problems[0].column), (1, 3));
    assert!(p.problems[0].message.contains("not closed"));
}

#[test]
fn unknown_and_stray_markup_is_reported_and_printed() {
    let p = one("{big}大{/}字{/}");
    assert_eq!(p.text, "{big}大{/}字{/}");
    assert_eq!(p.problems.len(), 3, "{:?}", p.problems);
    assert!(p.problems[0].message.contains("unknown markup `{big}`"));
    assert_eq!(p.problems[0].column, 1);
    assert!(p.problems[1].message.contains("closes nothing"));
    // Crossed spans: the pair that closes properly wins, the other is printed.
    let p = one("{kai}甲**乙{/}丙**");
    assert_eq!(p.text, "{kai}甲乙{/}丙", "{:?}", p.problems);
    assert_eq!(styled(&p), [("乙{/}丙", STRONG)]);
    assert_eq!(p.problems.len(), 2);
}

#[test]
fn paragraph_style_only_at_the_start() {
    let p = one("{lead}导语文字。");
    assert_eq!(p.style, Some(ParStyle::Lead));
    assert_eq!(p.text, "导语文字。");
    let p = one("{短讯}**标题**　正文");
    assert_eq!(p.style, Some(ParStyle::Brief));
    assert_eq!(styled(&p), [("标题", STRONG)]);
    let p = one("正文{quote}引文");
    assert_eq!(p.style, None);
    assert_eq!(p.text, "正文{quote}引文");
    assert_eq!(p.problems.len(), 1);
}

#[test]
fn spans_cross_source_lines_and_lines_join_as_plain_text() {
    let lines = [
        SourceLine {
            raw: "第一行**加粗",
            line: 4,
            column: 1,
        },
        SourceLine {
            raw: "跨行**结束 with",
            line: 5,
            column: 1,
        },
        SourceLine {
            raw: "Latin",
            line: 6,
            column: 1,
        },
    ];
    let p = parse(&lines, &lookup);
    assert_eq!(p.text, "第一行加粗跨行结束 with Latin");
    assert_eq!(styled(&p), [("加粗跨行", STRONG)]);
}

#[test]
fn unclosed_span_across_lines_points_at_its_opener() {
    let lines = [
        SourceLine {
            raw: "甲{kai}乙",
            line: 7,
            column: 3,
        },
        SourceLine {
            raw: "丙",
            line: 8,
            column: 1,
        },
    ];
    let p = parse(&lines, &lookup);
    assert_eq!(p.text, "甲{kai}乙丙");
    assert_eq!((p.problems[0].line, p.problems[0].column), (7, 4));
}

/// Markup characters escaped read back as themselves; any input gives runs inside
/// the text, on character boundaries, in order; nothing panics.
mod props {
    use super::*;
    use proptest::prelude::*;

    fn escape(s: &str) -> String {
        s.chars()
            .flat_map(|c| match c {
                '\\' | '*' | '{' | '}' => vec!['\\', c],
                _ => vec![c],
            })
            .collect()
    }

    fn parse_one(s: &str) -> Parsed {
        parse(
            &[SourceLine {
                raw: s,
                line: 1,
                column: 1,
            }],
            &lookup,
        )
    }

    const ALPHABET: &str = "[字，“”*{}/\\\\a 1]|\\{kai\\}|\\{/\\}|\\{dots\\}|\\{lead\\}|\\*\\*";

    proptest! {
        #![proptest_config(ProptestConfig { cases: 256, rng_seed: proptest::test_runner::RngSeed::Fixed(17), ..ProptestConfig::default() })]

        #[test]
        fn escaped_text_reads_back_as_itself(s in proptest::collection::vec(ALPHABET, 0..24)) {
            let s: String = s.concat();
            let p = parse_one(&escape(&s));
            prop_assert_eq!(&p.text, &s);
            prop_assert!(p.runs.is_empty() && p.problems.is_empty());
        }

        #[test]
        fn any_markup_gives_runs_inside_the_text(s in proptest::collection::vec(ALPHABET, 0..24)) {
            let s: String = s.concat();
            let p = parse_one(&s);
            let mut end = 0;
            for r in &p.runs {
                prop_assert!(r.start >= end && r.start < r.end && r.end <= p.text.len());
                prop_assert!(p.text.is_char_boundary(r.start) && p.text.is_char_boundary(r.end));
                end = r.end;
            }
            // Nothing typed is lost: the text is the source less some markup, and
            // every character that cannot be markup is still there, in order.
            let mut source = s.chars();
            prop_assert!(p.text.chars().all(|c| source.any(|d| d == c)));
            let content = |t: &str| -> String {
                t.chars().filter(|c| !c.is_ascii_alphabetic() && !"*{}/\\".contains(*c)).collect()
            };
            prop_assert_eq!(content(&p.text), content(&s));
        }
    }
}
