//! Edition throughput: a 48-page edition made from variations of the sample page
//! (paragraphs rotated, photos swapped between columns, folio and banner per page),
//! built with `-j 1` and `-j 2`, every page rebuilt (`--force`). Prints the median
//! wall time of several runs, pages per second and the process's CPU time per run.
//! `cargo bench --bench edition` (add `-- 9` for more runs).
//!
//! Rotated paragraphs keep the body's glyph set, so the body face is subset once for
//! the whole edition (the PDF writer's cache). `-- distinct` leaves out two different
//! paragraphs on each page instead, so that pages do not share glyph sets, as the
//! pages of a real edition do not. The cache is emptied before each run, as in a new
//! process. Rotating or leaving out paragraphs moves where paragraphs end, so some
//! pages come out a line or two long or short (overset or underfill warnings, as a desk
//! would see on such a page); the bench builds them anyway, and no page has overlapping
//! elements.

mod common;
use common::median;

use banmian::edition::{self, BuildOptions};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

const PAGES: usize = 48;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let runs = common::runs_from_args(5);
    let distinct = args.iter().any(|a| a == "distinct");
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let dir = root.join(if distinct {
        "target/bench-edition-distinct"
    } else {
        "target/bench-edition"
    });
    let ed_path = generate(root, &dir, distinct);
    // The pages share the sample's photos: the whole repository is the root.
    let ed = edition::load(&ed_path, &banmian::Access::Root(root.to_path_buf()))
        .expect("generated edition loads");
    let kind = if distinct { "distinct" } else { "rotated" };
    println!("{PAGES}-page edition ({kind} bodies), {runs} runs each, every page rebuilt:");
    for jobs in [1, 2] {
        let results: Vec<Run> = (0..runs).map(|_| build(&ed, &dir, jobs)).collect();
        let combine = median(results.iter().map(|r| r.combine).collect());
        let cpu = median(results.iter().map(|r| r.cpu).collect());
        let median = median(results.into_iter().map(|r| r.wall).collect());
        println!(
            "  -j {jobs}: median {:>7.1} ms, {:>6.1} pages/s (of which the combined PDF {:.1} ms); CPU {:.1} ms",
            median.as_secs_f64() * 1e3,
            PAGES as f64 / median.as_secs_f64(),
            combine.as_secs_f64() * 1e3,
            cpu.as_secs_f64() * 1e3
        );
    }
    let stats = banmian::render::pdf::PdfCache::shared().stats();
    println!(
        "  PDF cache over all runs (emptied before each): {} hits, {} misses, {} KB held",
        stats.hits,
        stats.misses,
        stats.bytes / 1024
    );
    let t = Instant::now();
    let opts = BuildOptions {
        out_dir: out_dir(&dir),
        jobs: 2,
        ..Default::default()
    };
    let r = edition::build(&ed, &opts, &|_| {}).expect("edition builds");
    let reused = r.pages.iter().filter(|p| p.reused).count();
    println!(
        "  incremental, nothing changed, -j 2: {:.1} ms ({reused} pages reused)",
        t.elapsed().as_secs_f64() * 1e3
    );
}

/// One full build: wall time, the part spent on the combined PDF, CPU time.
struct Run {
    wall: Duration,
    combine: Duration,
    cpu: Duration,
}

fn build(ed: &edition::Edition, dir: &Path, jobs: usize) -> Run {
    let opts = BuildOptions {
        out_dir: out_dir(dir),
        jobs,
        force: true,
        deny_warnings: false,
    };
    banmian::render::pdf::PdfCache::shared().clear();
    let cpu = cpu_time();
    let t = Instant::now();
    let report = edition::build(ed, &opts, &|_| {}).expect("edition builds");
    let wall = t.elapsed();
    assert!(report.ok, "every page builds");
    Run {
        wall,
        combine: Duration::from_secs_f64(report.timings_ms.combine / 1e3),
        cpu: cpu_time().saturating_sub(cpu),
    }
}

/// The process's CPU time (user and system, all threads) from /proc/self/stat, in
/// clock ticks of 10 ms; zero where there is no /proc.
fn cpu_time() -> Duration {
    const TICK: Duration = Duration::from_millis(10);
    let Ok(stat) = std::fs::read_to_string("/proc/self/stat") else {
        return Duration::ZERO;
    };
    // Fields after the command name (which is in parentheses and may hold spaces):
    // utime and stime are the 12th and 13th.
    let after = stat.rsplit_once(')').map_or("", |(_, rest)| rest);
    let fields: Vec<u32> = after
        .split_whitespace()
        .skip(11)
        .take(2)
        .filter_map(|f| f.parse().ok())
        .collect();
    TICK * fields.iter().sum::<u32>()
}

/// The output folder: `BANMIAN_BENCH_OUT` if set (e.g. a tmpfs, to leave out the disk's
/// fsync), else beside the generated edition.
fn out_dir(dir: &Path) -> PathBuf {
    std::env::var_os("BANMIAN_BENCH_OUT").map_or_else(|| dir.join("out"), PathBuf::from)
}

/// Writes the edition: one spec and one body text per page, sharing the photos.
fn generate(root: &Path, dir: &Path, distinct: bool) -> PathBuf {
    let sample = root.join("samples/zibo-gaoxin");
    let spec = std::fs::read_to_string(sample.join("page.toml")).expect("sample spec");
    let body = std::fs::read_to_string(sample.join("body.txt")).expect("sample body");
    let paragraphs: Vec<&str> = body.split("\n\n").collect();
    std::fs::create_dir_all(dir).expect("bench folder");
    let mut edition = String::from("[edition]\npaper = \"鲁中晨报\"\ndate = \"2020-12-04\"\n");
    for i in 0..PAGES {
        let label = format!("{}{:02}", ["A", "B", "C"][i / 16], i % 16 + 1);
        let n = paragraphs.len().max(1);
        let mut rotated = paragraphs.clone();
        rotated.rotate_left(i % n);
        if distinct && n > 2 {
            // Two different paragraphs left out on every page: (i, j) runs through
            // distinct pairs for the first n·(n-1)/2 pages.
            let (a, b) = (i % n, (i / n + 1 + i) % n);
            rotated = paragraphs
                .iter()
                .enumerate()
                .filter(|&(k, _)| k != a && k != b)
                .map(|(_, p)| *p)
                .collect();
        }
        // Keep the first (a subhead) first, so every page opens the same way.
        let text = rotated.join("\n\n");
        std::fs::write(dir.join(format!("{label}.txt")), text).expect("body");
        let page = vary(&spec, i, &label, &sample);
        std::fs::write(dir.join(format!("{label}.toml")), page).expect("spec");
        edition += &format!("\n[[page]]\nlabel = \"{label}\"\nspec = \"{label}.toml\"\n");
    }
    let path = dir.join("edition.toml");
    std::fs::write(&path, edition).expect("edition file");
    path
}

fn vary(spec: &str, i: usize, label: &str, sample: &Path) -> String {
    let photos = sample.join("photos");
    let mut s = spec
        .replace("page = \"A07\"", &format!("page = \"{label}\""))
        .replace(
            "body_file = \"body.txt\"",
            &format!("body_file = \"{label}.txt\""),
        )
        .replace("\"photos/", &format!("\"{}/", photos.display()));
    if i % 2 == 1 {
        // Move the photos to the other side of the page (the sample's lead photo spans
        // columns 1–3 from line 14, the second photo columns 4–5 from line 38).
        let (lead, second) = (
            "column = 1, span = 3, top = 14",
            "column = 4, span = 2, top = 38",
        );
        assert!(
            s.contains(lead) && s.contains(second),
            "the sample's photos moved: update benches/edition.rs"
        );
        s = s
            .replace(lead, "column = 3, span = 3, top = 14")
            .replace(second, "column = 1, span = 2, top = 38");
    }
    if i % 3 == 2 {
        s = s.replace("淄博高新区升级之路", "淄博高新区发展纪实");
    }
    s
}
