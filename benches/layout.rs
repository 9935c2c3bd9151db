//! Layout: how line breaking scales with paragraph length, and the layout stage of the
//! sample page.
//!
//! Line breaking should stay near linear in the length of a paragraph: the same body
//! text (tests/data/zibo-gaoxin-body.txt, joined into one paragraph and repeated) is
//! prepared and broken at 1, 2, 4, 8 and 16 times its length, and the time per
//! character is printed for each. A linear breaker prints about the same figure on
//! every row. `cargo bench --bench layout` (`BENCH_RUNS` sets the runs, default 15;
//! `BENCH_SCALE=8` runs that length only, e.g. to count instructions under callgrind).

mod common;
use common::median;

use banmian::fonts::{Builtin, FontBook};
use banmian::linebreak::{self, Options, Paragraph, Style};
use banmian::units::Pt;
use std::hint::black_box;
use std::path::Path;
use std::time::{Duration, Instant};

const BODY: &str = include_str!("../tests/data/zibo-gaoxin-body.txt");

fn main() {
    let runs = common::runs_from_env(15);
    scaling(runs);
    if std::env::var_os("BENCH_SCALE").is_none() {
        sample_layout(runs);
    }
}

/// Prepare and break one paragraph of growing length.
fn scaling(runs: usize) {
    let fonts = FontBook::builtin();
    let style = Style::new(Builtin::Song.id(), Pt(9.0));
    let opts = Options::default();
    let text: String = BODY
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with("###"))
        .collect();
    let measure = Pt(9.0 * 14.0);
    let width = |_: usize| measure;
    println!("one paragraph at 14 em × 9 pt, {runs} runs, median:");
    println!(
        "  {:>7} {:>6} {:>10} {:>10} {:>12}",
        "chars", "lines", "prepare", "break", "µs per char"
    );
    let only: Option<usize> = std::env::var("BENCH_SCALE")
        .ok()
        .and_then(|s| s.parse().ok());
    for times in [1usize, 2, 4, 8, 16] {
        if only.is_some_and(|o| o != times) {
            continue;
        }
        let par = Paragraph::body(&text.repeat(times), style);
        let chars = text.chars().count() * times;
        let (mut tp, mut tb) = (Vec::new(), Vec::new());
        let mut lines = 0;
        for _ in 0..runs {
            let t = Instant::now();
            let prepared = linebreak::prepare(&par, &fonts, &opts);
            tp.push(t.elapsed());
            let t = Instant::now();
            lines = black_box(prepared.break_lines(&width)).len();
            tb.push(t.elapsed());
        }
        let (p, b) = (median(tp), median(tb));
        println!(
            "  {chars:>7} {lines:>6} {:>7.3} ms {:>7.3} ms {:>12.3}",
            p.as_secs_f64() * 1e3,
            b.as_secs_f64() * 1e3,
            (p + b).as_secs_f64() * 1e6 / chars as f64
        );
    }
}

/// The parse, resolve, fonts and layout stages of the sample page (no PDF).
fn sample_layout(runs: usize) {
    let spec = Path::new(env!("CARGO_MANIFEST_DIR")).join("samples/zibo-gaoxin/page.toml");
    let mut stages: [Vec<Duration>; 4] = Default::default();
    for _ in 0..runs {
        let laid = banmian::lay_out(&spec).expect("sample lays out");
        let t = &laid.timings;
        for (i, d) in [t.parse, t.resolve, t.fonts, t.layout]
            .into_iter()
            .enumerate()
        {
            stages[i].push(d);
        }
    }
    println!("sample page, {runs} runs, median ms:");
    for (name, v) in ["parse", "resolve", "fonts", "layout"].iter().zip(stages) {
        println!("  {name:<8} {:>8.3}", median(v).as_secs_f64() * 1e3);
    }
}
