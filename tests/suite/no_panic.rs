//! Specs are untrusted input: whatever the bytes, laying out a page returns a page or
//! diagnostics, never a panic. Generated specs are stitched from pieces of real ones so
//! that most of them get past the TOML parser into resolve and compose.
//! 64 cases from a fixed seed by default; set `PROPTEST_CASES` and
//! `PROPTEST_RNG_SEED` for a wider search (see `common`).

use crate::common;

use proptest::prelude::*;

/// Choices for each key of a table; the empty string leaves the key out.
const LAYOUT: &[&str] = &[
    "layout = \"tabloid\"\n",
    "layout = \"tabloid\"\n",
    "layout = \"tabloid\"\n",
    "layout = \"broadsheet\"\n",
    "layout = \"nope\"\n",
    "",
];
const GRID: &[&str] = &[
    "",
    "",
    "",
    "",
    "[page.grid]\ncolumns = 0\n",
    "[page.grid]\ncolumns = 3\ncolumn_chars = 1\n",
    "[page.grid]\ngutter = \"-4mm\"\n",
    "[page.grid]\nline_pitch = \"1pt\"\n",
    "[page.grid]\nbody_size = \"初号\"\ncolumn_chars = 3\n",
    "[page.grid]\ncolumn_rules = true\n",
];
const TEXT: &[&str] = &[
    "",
    "[page.text]\nstrictness = \"none\"\npunctuation = \"plain\"\nindent = 8\nhanging = true\n",
    "[page.text]\nstrictness = \"jis-very-loose\"\npunctuation = \"banjiao\"\n",
];
const BANNER: &[&str] = &["", "[banner]\ntitle = \"版头\"\nlines = 2\n", "[banner]\ntitle = \"很长很长很长很长很长很长很长很长很长很长很长很长很长的版头\"\nslogans = [\"★口号\"]\nlines = 30\n"];
const BODY: &[&str] = &[
    "body_file = \"body.txt\"\n",
    "",
    "body = \"“测试”——……，。！？ABC 123 ％\\n\\n### 小标题\\n正文𪚥。\"\n",
    "body = \"字\"\n",
    "body_file = \"missing.txt\"\n",
];
const HEAD: &[&str] = &["", "headline = \"标题 标题\"\n", "headline = { text = \"长长长长长长长长长长长长长长长长长长长长长长长长长长长长\", size = \"400pt\", lines = 1 }\n"];
const PLACE: &[&str] = &[
    "place = { column = 1, span = 1, top = 0 }\n",
    "place = { column = 5, span = 1, top = 77, height = 1 }\n",
    "place = { column = 1, span = 5, top = \"0mm\", height = \"2mm\" }\n",
    "place = { column = 2, span = 9, top = 3 }\n",
    "place = { column = 1, span = 2, top = 10, height = 12 }\n",
];
const EXTRA: &[&str] = &[
    "",
    "copyfit = { tracking = -0.1 }\nsubhead_rules = true\n",
    "byline = \"记者 某某某某某某某某某某某某某某某某某某\"\nbyline_position = \"end\"\n",
];
const BOXES: &[&str] = &[
    "",
    "",
    "[[promo]]\ntext = \"扫码\"\nurl = \"https://example.com\"\nplace = { column = 5, span = 1, top = 60, height = 3 }\n",
    "[[photo]]\nfile = \"../../nothing.jpg\"\nplace = { column = 1, span = 2, top = 8, height = 10 }\n",
];

fn pick(options: &'static [&'static str]) -> impl Strategy<Value = &'static str> {
    proptest::sample::select(options)
}

fn article() -> impl Strategy<Value = String> {
    (pick(BODY), pick(HEAD), pick(PLACE), pick(EXTRA))
        .prop_map(|(b, h, p, e)| format!("[[article]]\n{b}{h}{p}{e}"))
}

fn spec() -> impl Strategy<Value = String> {
    (
        pick(LAYOUT),
        pick(GRID),
        pick(TEXT),
        pick(BANNER),
        proptest::collection::vec(article(), 0..4),
        pick(BOXES),
    )
        .prop_map(|(l, g, t, b, a, x)| format!("[page]\n{l}{g}{t}{b}{}{x}", a.concat()))
}

proptest! {
    #![proptest_config(common::proptest_config())]

    #[test]
    fn any_spec_lays_out_or_says_why(text in spec()) {
        let dir = std::env::temp_dir().join(format!("banmian-nopanic-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::copy(concat!(env!("CARGO_MANIFEST_DIR"), "/samples/zibo-gaoxin/body.txt"), dir.join("body.txt")).unwrap();
        let path = dir.join("page.toml");
        std::fs::write(&path, &text).unwrap();
        match banmian::build_pdf(&path) {
            Ok((_, pdf)) => prop_assert!(pdf.starts_with(b"%PDF-")),
            Err(d) => prop_assert!(d.has_errors(), "an Err without an error: {d}"),
        }
    }
}
