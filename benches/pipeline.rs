//! Per-stage times for building the sample page, medians of several runs.
//! `cargo bench --bench pipeline` (add `-- 50` for more runs).

mod common;
use common::median_ms;
use std::path::Path;
use std::time::Duration;

fn main() {
    let runs = common::runs_from_args(21);
    let spec = Path::new(env!("CARGO_MANIFEST_DIR")).join("samples/zibo-gaoxin/page.toml");
    let mut stages: [Vec<Duration>; 6] = Default::default();
    for _ in 0..runs {
        let t = std::time::Instant::now();
        let (laid, pdf) = banmian::build_pdf(&spec).expect("sample builds");
        let total = t.elapsed();
        std::hint::black_box(pdf);
        let tm = &laid.timings;
        for (i, d) in [tm.parse, tm.resolve, tm.fonts, tm.layout, tm.pdf, total]
            .into_iter()
            .enumerate()
        {
            stages[i].push(d);
        }
    }
    println!("sample page, {runs} runs, median ms:");
    for (name, v) in ["parse", "resolve", "fonts", "layout", "pdf", "total"]
        .iter()
        .zip(stages)
    {
        println!("  {name:<8} {:>8.3}", median_ms(v));
    }
}
