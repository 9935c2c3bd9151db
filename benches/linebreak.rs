//! Benchmark of the line composer: the body of the zibo-gaoxin article (about 2,600
//! characters in 27 blocks, tests/data/zibo-gaoxin-body.txt) at a 14-em measure of 9-pt
//! Noto Serif CJK SC — paragraphs with the 2-em indent, subheads centred.
//!
//! Plain `std::time`, no harness: `cargo bench --bench linebreak` prints the median of
//! N runs of `prepare` (segmentation, glyphs, punctuation model) and of `break_lines`
//! (the optimal breaker and the placing of glyphs), separately and together. The issue's
//! target is breaking in under 2 ms. `BENCH_RUNS` sets N (default 200).

mod common;
use common::median;

use banmian::fonts::{Builtin, FontBook};
use banmian::linebreak::{self, Align, Options, Paragraph, Prepared, Span, Style};
use banmian::units::Pt;
use std::hint::black_box;
use std::time::{Duration, Instant};

const BODY: &str = include_str!("../tests/data/zibo-gaoxin-body.txt");

fn paragraphs(style: Style) -> Vec<Paragraph> {
    BODY.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .map(|l| match l.strip_prefix("###") {
            Some(head) => Paragraph {
                spans: vec![Span {
                    text: head.trim().to_string(),
                    style,
                }],
                indent: Pt::ZERO,
                align: Align::Center,
            },
            None => Paragraph::body(l, style),
        })
        .collect()
}

fn main() {
    let runs = common::runs_from_env(200);
    let fonts = FontBook::builtin();
    let style = Style::new(Builtin::Song.id(), Pt(9.0));
    let opts = Options::default();
    let pars = paragraphs(style);
    let chars: usize = pars
        .iter()
        .flat_map(|p| &p.spans)
        .map(|s| s.text.chars().count())
        .sum();
    let measure = Pt(9.0 * 14.0);
    let width = |_: usize| measure;

    let (mut t_prepare, mut t_break) = (Vec::with_capacity(runs), Vec::with_capacity(runs));
    let mut lines = 0;
    for _ in 0..runs {
        let t = Instant::now();
        let prepared: Vec<Prepared> = pars
            .iter()
            .map(|p| linebreak::prepare(p, &fonts, &opts))
            .collect();
        t_prepare.push(t.elapsed());
        let t = Instant::now();
        lines = 0;
        for p in &prepared {
            lines += black_box(p.break_lines(&width)).len();
        }
        t_break.push(t.elapsed());
    }
    let total: Vec<Duration> = t_prepare
        .iter()
        .zip(&t_break)
        .map(|(a, b)| *a + *b)
        .collect();
    println!(
        "linebreak: {chars} characters, {} blocks, {lines} lines at 14 em × 9 pt, {runs} runs",
        pars.len()
    );
    println!(
        "  prepare      median {:>8.3} ms",
        median(t_prepare).as_secs_f64() * 1e3
    );
    println!(
        "  break_lines  median {:>8.3} ms   (target < 2 ms)",
        median(t_break).as_secs_f64() * 1e3
    );
    println!(
        "  both         median {:>8.3} ms",
        median(total).as_secs_f64() * 1e3
    );
}
