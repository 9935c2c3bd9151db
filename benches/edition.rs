//! Edition throughput: a 48-page edition made from variations of the sample page
//! (paragraphs rotated, photos swapped between columns, folio and banner per page),
//! built with `-j 1` and `-j 2`, every page rebuilt (`--force`). Prints the median
//! wall time of several runs and pages per second.
//! `cargo bench --bench edition` (add `-- 9` for more runs).

use banmian::edition::{self, BuildOptions};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

const PAGES: usize = 48;

fn main() {
    let runs: usize = std::env::args()
        .skip(1)
        .find_map(|a| a.parse().ok())
        .unwrap_or(5);
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let dir = root.join("target/bench-edition");
    let ed_path = generate(root, &dir);
    // The pages share the sample's photos: the whole repository is the root.
    let ed = edition::load(&ed_path, &banmian::Access::Root(root.to_path_buf()))
        .expect("generated edition loads");
    println!("{PAGES}-page edition, {runs} runs each, every page rebuilt:");
    for jobs in [1, 2] {
        let results: Vec<(Duration, f64)> = (0..runs).map(|_| build(&ed, &dir, jobs)).collect();
        let combine = median(
            results
                .iter()
                .map(|r| Duration::from_secs_f64(r.1 / 1e3))
                .collect(),
        );
        let median = median(results.into_iter().map(|r| r.0).collect());
        println!(
            "  -j {jobs}: median {:>7.1} ms, {:>6.1} pages/s (of which the combined PDF {:.1} ms)",
            median.as_secs_f64() * 1e3,
            PAGES as f64 / median.as_secs_f64(),
            combine.as_secs_f64() * 1e3
        );
    }
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

/// Wall time of a full build, and the part spent on the combined PDF (ms).
fn build(ed: &edition::Edition, dir: &Path, jobs: usize) -> (Duration, f64) {
    let opts = BuildOptions {
        out_dir: out_dir(dir),
        jobs,
        force: true,
        deny_warnings: false,
    };
    let t = Instant::now();
    let report = edition::build(ed, &opts, &|_| {}).expect("edition builds");
    let elapsed = t.elapsed();
    assert!(report.ok, "every page builds");
    (elapsed, report.timings_ms.combine)
}

/// The output folder: `BANMIAN_BENCH_OUT` if set (e.g. a tmpfs, to leave out the disk's
/// fsync), else beside the generated edition.
fn out_dir(dir: &Path) -> PathBuf {
    std::env::var_os("BANMIAN_BENCH_OUT").map_or_else(|| dir.join("out"), PathBuf::from)
}

fn median(mut v: Vec<Duration>) -> Duration {
    v.sort();
    v[v.len() / 2]
}

/// Writes the edition: one spec and one body text per page, sharing the photos.
fn generate(root: &Path, dir: &Path) -> PathBuf {
    let sample = root.join("samples/zibo-gaoxin");
    let spec = std::fs::read_to_string(sample.join("page.toml")).expect("sample spec");
    let body = std::fs::read_to_string(sample.join("body.txt")).expect("sample body");
    let paragraphs: Vec<&str> = body.split("\n\n").collect();
    std::fs::create_dir_all(dir).expect("bench folder");
    let mut edition = String::from("[edition]\npaper = \"鲁中晨报\"\ndate = \"2020-12-04\"\n");
    for i in 0..PAGES {
        let label = format!("{}{:02}", ["A", "B", "C"][i / 16], i % 16 + 1);
        let mut rotated = paragraphs.clone();
        rotated.rotate_left(i % paragraphs.len().max(1));
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
        // Swap the photos' columns.
        s = s
            .replace(
                "column = 1, span = 2, top = 14",
                "column = 4, span = 2, top = 14",
            )
            .replace(
                "column = 4, span = 2, top = 38",
                "column = 1, span = 2, top = 38",
            );
    }
    if i % 3 == 2 {
        s = s.replace("淄博高新区升级之路", "淄博高新区发展纪实");
    }
    s
}
