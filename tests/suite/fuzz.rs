//! A fuzz target on stable Rust: a mutation runner over a seed corpus of every spec in
//! `tests/` and `samples/`, taking spec text plus a small body, photo, table, placed PDF and SVG and layout
//! (mutated too) through the whole pipeline: parse, resolve, compose, PDF, and now and
//! then a proof at low resolution.
//!
//! Every case must end in a page or in diagnostics: no panic, every error located
//! (file:line:col) unless it is about the page as a whole, every PDF readable back, and
//! no case slower than [`CASE_LIMIT`]. The run stops after `BANMIAN_FUZZ_CASES` cases or
//! `BANMIAN_FUZZ_SECONDS` seconds, whichever comes first; by default it is a smoke run
//! of a few seconds, the one CI does. A long run (docs/spec.md §18):
//!
//! ```text
//! BANMIAN_FUZZ_SECONDS=3600 BANMIAN_FUZZ_CASES=100000000 \
//!   cargo test --release --test suite fuzz -- --nocapture
//! ```
//!
//! `BANMIAN_FUZZ_SEED` picks another sequence of cases; `BANMIAN_FUZZ_OUT` names a
//! folder where the case being run (so a case that kills the process is not lost), the
//! slowest case and any failing case are written.

use banmian::diag::{Diagnostics, Severity};
use banmian::files::{ReadError, Source};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

/// No case may take longer (a release build's budget per run is 15 s in all).
const CASE_LIMIT: Duration = Duration::from_secs(15);

/// The smoke run's default length.
const SMOKE_SECONDS: u64 = 4;
const SMOKE_CASES: u64 = 400;

/// A small, fast random number generator (SplitMix64): the runner needs no crate, and a
/// seed reproduces a run exactly.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
    fn chance(&mut self, one_in: usize) -> bool {
        self.below(one_in) == 0
    }
    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
}

/// Values that have broken parsers and layout engines before.
const NUMBERS: &[&str] = &[
    "0",
    "-1",
    "1",
    "2",
    "7",
    "65535",
    "4294967296",
    "9223372036854775807",
    "-9223372036854775808",
    "1e308",
    "-1e308",
    "1e-308",
    "nan",
    "inf",
    "-inf",
    "0.0001",
    "99999",
    "253402300800",
    "-62167219201",
];
const LENGTHS: &[&str] = &[
    "\"0mm\"",
    "\"-5mm\"",
    "\"1e9mm\"",
    "\"7500mm\"",
    "\"5080mm\"",
    "\"0.001pt\"",
    "\"400pt\"",
    "\"1e400mm\"",
    "\"NaNmm\"",
    "\"初号\"",
    "\"八号\"",
    "\"12 mm\"",
    "\"\"",
];
const STRINGS: &[&str] = &[
    "\"\"",
    "\"\\u0000\"",
    "\"\\u001b[2J\\u001b[Hwrote page.pdf\"",
    "\"a\\u0301\\u0301\\u0301\\u0301\\u0301\\u0301\\u0301\\u0301\\u0301\\u0301\"",
    "\"pi\\u0304n yi\\u0304n\"",
    "\"../../../../etc/passwd\"",
    "\"/dev/zero\"",
    "\"layouts/tabloid.toml\"",
    "\"——————————————————————————\"",
    "\"……………………………………………………\"",
    "\"“““““““““““““““””\"",
    "\"\\ud7ff\\ue000\\uffff\"",
    "\"0 100 100 10\"",
    "\"brand 60%\"",
    "\"https://example.com/\"",
    "\"edition\"",
    "\"{lead}\"",
    "\"**粗体**\"",
];
const HEADERS: &[&str] = &[
    "[page]",
    "[page.grid]",
    "[page.text]",
    "[folio]",
    "[banner]",
    "[credits]",
    "[[article]]",
    "[[photo]]",
    "[[promo]]",
    "[[table]]",
    "[[graphic]]",
    "[[rule]]",
    "[separators]",
    "[[textbox]]",
    "[masthead]",
    "[[fonts]]",
    "[output]",
    "[swatches]",
    "[edition]",
    "[[page]]",
];
const LINES: &[&str] = &[
    "layout = \"tabloid\"",
    "layout = \"broadsheet\"",
    "date_epoch = 1607011200",
    "body_file = \"body.txt\"",
    "file = \"photo.jpg\"",
    "file = \"photo.png\"",
    "file = \"data.csv\"",
    "file = \"ad.pdf\"",
    "file = \"chart.svg\"",
    "module = \"通栏\"",
    "module = \"报眼\"",
    "fit = \"fill\"",
    "box = \"bleed\"",
    "page = 2",
    "icc = \"press.icc\"",
    "condition = \"IFRA26\"",
    "place = { column = 1, span = 2, top = 0, height = 10 }",
    "place = { column = 1, span = 5, top = 0 }",
    "url = \"https://example.com/a/very/long/path\"",
    "slogans = [\"★一\", \"★二\", \"★三\"]",
    "title = \"标题\"",
    "text = \"推广\"",
    "headline = \"标题 标题\"",
    "body = \"正文。\"",
    "brand = { spot = \"PANTONE 485 C\", cmyk = \"0 95 100 0\" }",
    "marks = true",
    "pdfx = false",
    "copyfit = { tracking = -0.05 }",
    "jump_to = \"A02\"",
];

/// A few bytes of text to splice in.
const SNIPPETS: &[&str] = &[
    "\n", "=", "[", "]", "{", "}", "\"", "'''", "\"\"\"", ",", "#", ".", "\\u", "\u{feff}", "\r",
    "中", "\u{0301}", "\u{200b}", "——", "……",
];

/// One case: a spec and the files it may read, each possibly mutated.
#[derive(Clone)]
struct Case {
    seed_name: String,
    spec: Vec<u8>,
    body: Vec<u8>,
    jpeg: Vec<u8>,
    png: Vec<u8>,
    csv: Vec<u8>,
    pdf: Vec<u8>,
    svg: Vec<u8>,
    layout: Option<Vec<u8>>,
    dpi: Option<f64>,
}

/// The files of a case, answered by the name's extension (every `body_file` is the
/// body, every `.jpg` the JPEG, …), so that mutated paths still find something.
struct CaseFiles(Case);

impl Source for CaseFiles {
    fn read(&self, path: &Path, limit: u64) -> Result<Vec<u8>, ReadError> {
        let name = path.to_string_lossy();
        let c = &self.0;
        let bytes = if path == Path::new("page.toml") {
            c.spec.clone()
        } else if name.ends_with(".jpg") || name.ends_with(".jpeg") {
            c.jpeg.clone()
        } else if name.ends_with(".png") {
            c.png.clone()
        } else if name.ends_with(".csv") || name.ends_with(".tsv") {
            c.csv.clone()
        } else if name.ends_with(".pdf") {
            c.pdf.clone()
        } else if name.ends_with(".svg") {
            c.svg.clone()
        } else if name.ends_with(".toml") {
            c.layout.clone().ok_or(ReadError::NotFound)?
        } else if name.ends_with(".txt") {
            c.body.clone()
        } else {
            return Err(ReadError::NotFound);
        };
        if bytes.len() as u64 > limit {
            return Err(ReadError::TooLarge { limit });
        }
        Ok(bytes)
    }

    fn exists(&self, path: &Path) -> bool {
        let name = path.to_string_lossy();
        !name.ends_with(".toml") || self.0.layout.is_some()
    }
}

/// The seed corpus: every spec (and edition file) under `tests/` and `samples/`, with
/// the sample's body, photos and a table.
struct Corpus {
    specs: Vec<(String, Vec<u8>)>,
    bodies: Vec<Vec<u8>>,
    jpegs: Vec<Vec<u8>>,
    pngs: Vec<Vec<u8>>,
    csvs: Vec<Vec<u8>>,
    pdfs: Vec<Vec<u8>>,
    svgs: Vec<Vec<u8>>,
    layouts: Vec<Vec<u8>>,
}

fn tomls(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    let mut entries: Vec<PathBuf> = entries.flatten().map(|e| e.path()).collect();
    entries.sort();
    for p in entries {
        if p.is_dir() {
            tomls(&p, out);
        } else if p.extension().is_some_and(|e| e == "toml") {
            out.push(p);
        }
    }
}

impl Corpus {
    fn load() -> Corpus {
        let root = Path::new(env!("CARGO_MANIFEST_DIR"));
        let mut paths = Vec::new();
        tomls(&root.join("tests"), &mut paths);
        tomls(&root.join("samples"), &mut paths);
        let read = |p: &str| std::fs::read(root.join(p)).unwrap();
        let small_body =
            "### 小标题\n第一段正文，“引号”——破折号……省略号。ABC 123。\n\n第二段**粗体**正文。\n";
        let sample_body = read("samples/zibo-gaoxin/body.txt");
        let layouts: Vec<Vec<u8>> = ["layouts/tabloid.toml", "layouts/broadsheet.toml"]
            .iter()
            .map(|p| read(p))
            .collect();
        Corpus {
            specs: paths
                .iter()
                .map(|p| {
                    let name = p.strip_prefix(root).unwrap_or(p).display().to_string();
                    (name, std::fs::read(p).unwrap())
                })
                .collect(),
            bodies: vec![small_body.as_bytes().to_vec(), sample_body],
            jpegs: vec![
                read("tests/fixtures/rgb-8x8.jpg"),
                read("tests/fixtures/cmyk-adobe-8x8.jpg"),
                read("samples/zibo-gaoxin/photos/board.jpg"),
            ],
            pngs: vec![read("samples/zibo-gaoxin/photos/mark.png"), tiny_png()],
            csvs: vec![
                read("samples/sports-page/standings.csv"),
                b"a,b\n1,2\n".to_vec(),
            ],
            pdfs: vec![
                read("tests/fixtures/graphics/tonglan.pdf"),
                read("tests/fixtures/graphics/gs-ad.pdf"),
            ],
            svgs: vec![read("tests/fixtures/graphics/chart.svg")],
            layouts,
        }
    }
}

/// A 3×2 RGB PNG.
fn tiny_png() -> Vec<u8> {
    let img = image::RgbImage::from_fn(3, 2, |x, y| image::Rgb([x as u8 * 80, y as u8 * 120, 7]));
    let mut out = std::io::Cursor::new(Vec::new());
    img.write_to(&mut out, image::ImageFormat::Png).unwrap();
    out.into_inner()
}

/// Mutates text-like bytes: line, token and byte edits, a few at a time.
fn mutate_text(rng: &mut Rng, bytes: &mut Vec<u8>, donors: &[(String, Vec<u8>)]) {
    let edits = if rng.chance(3) { 1 + rng.below(6) } else { 1 };
    for _ in 0..edits {
        match rng.below(14) {
            12 => replace_value(rng, bytes, NUMBERS),
            13 => replace_value(rng, bytes, STRINGS),
            0 => replace_value(rng, bytes, NUMBERS),
            1 => replace_value(rng, bytes, LENGTHS),
            2 => replace_value(rng, bytes, STRINGS),
            3 => {
                let line = rng.pick(HEADERS).as_bytes().to_vec();
                insert_line(rng, bytes, line);
            }
            4 => {
                let line = rng.pick(LINES).as_bytes().to_vec();
                insert_line(rng, bytes, line);
            }
            5 => {
                // A line from another seed.
                let (_, donor) = rng.pick(donors);
                let lines: Vec<&[u8]> = donor.split(|&b| b == b'\n').collect();
                let line = rng.pick(&lines).to_vec();
                insert_line(rng, bytes, line);
            }
            6 => duplicate_line(rng, bytes),
            7 => delete_line(rng, bytes),
            8 => {
                let s = rng.pick(SNIPPETS).as_bytes().to_vec();
                let at = rng.below(bytes.len() + 1);
                bytes.splice(at..at, s);
            }
            9 => {
                // A flipped bit, kept within ASCII (a byte that is not UTF-8 only
                // tests the decoder, once).
                if !bytes.is_empty() {
                    let at = rng.below(bytes.len());
                    if bytes[at] < 0x80 {
                        bytes[at] ^= 1 << rng.below(7);
                    }
                }
            }
            10 => {
                if !bytes.is_empty() {
                    let at = rng.below(bytes.len());
                    let len = rng.below(64).min(bytes.len() - at);
                    bytes.drain(at..at + len);
                }
            }
            _ => {
                // A long run of one snippet, inside a string where there is one: the
                // shapes that went quadratic before.
                let s = rng.pick(SNIPPETS).as_bytes().repeat(1 + rng.below(3000));
                let quotes: Vec<usize> = bytes
                    .windows(3)
                    .enumerate()
                    .filter(|(_, w)| *w == b"= \"")
                    .map(|(i, _)| i + 3)
                    .collect();
                let at = if quotes.is_empty() {
                    rng.below(bytes.len() + 1)
                } else {
                    *rng.pick(&quotes)
                };
                bytes.splice(at..at, s);
            }
        }
    }
}

/// Byte offsets of the starts of lines.
fn line_starts(bytes: &[u8]) -> Vec<usize> {
    std::iter::once(0)
        .chain(
            bytes
                .iter()
                .enumerate()
                .filter(|(_, &b)| b == b'\n')
                .map(|(i, _)| i + 1),
        )
        .collect()
}

fn line_range(rng: &mut Rng, bytes: &[u8]) -> std::ops::Range<usize> {
    let starts = line_starts(bytes);
    let k = rng.below(starts.len());
    let start = starts[k];
    let end = starts.get(k + 1).copied().unwrap_or(bytes.len());
    start..end
}

fn insert_line(rng: &mut Rng, bytes: &mut Vec<u8>, mut line: Vec<u8>) {
    line.push(b'\n');
    let starts = line_starts(bytes);
    let at = *rng.pick(&starts);
    bytes.splice(at..at, line);
}

fn duplicate_line(rng: &mut Rng, bytes: &mut Vec<u8>) {
    let r = line_range(rng, bytes);
    let line = bytes[r.clone()].to_vec();
    let times = if rng.chance(8) {
        1 + rng.below(2000)
    } else {
        1
    };
    bytes.splice(r.end..r.end, line.repeat(times));
}

fn delete_line(rng: &mut Rng, bytes: &mut Vec<u8>) {
    let r = line_range(rng, bytes);
    bytes.drain(r);
}

/// Replaces the value after some `=` with one of `values`.
fn replace_value(rng: &mut Rng, bytes: &mut Vec<u8>, values: &[&str]) {
    let eqs: Vec<usize> = bytes
        .iter()
        .enumerate()
        .filter(|(_, &b)| b == b'=')
        .map(|(i, _)| i)
        .collect();
    if eqs.is_empty() {
        return;
    }
    let at = *rng.pick(&eqs) + 1;
    let end = bytes[at..]
        .iter()
        .position(|&b| b == b'\n' || b == b',' || b == b'}')
        .map_or(bytes.len(), |p| at + p);
    let v = format!(" {}", rng.pick(values));
    bytes.splice(at..end, v.into_bytes());
}

/// Mutates binary bytes (a photo): flips, cuts, and the odd truncation.
fn mutate_binary(rng: &mut Rng, bytes: &mut Vec<u8>) {
    for _ in 0..1 + rng.below(4) {
        if bytes.is_empty() {
            return;
        }
        match rng.below(4) {
            0 => {
                let at = rng.below(bytes.len());
                bytes[at] = rng.next() as u8;
            }
            1 => bytes.truncate(rng.below(bytes.len())),
            2 => {
                let at = rng.below(bytes.len());
                let len = rng.below(32).min(bytes.len() - at);
                bytes.drain(at..at + len);
            }
            _ => {
                let at = rng.below(bytes.len());
                bytes[at] = 0xFF;
            }
        }
    }
}

fn make_case(rng: &mut Rng, corpus: &Corpus) -> Case {
    let (seed_name, spec) = rng.pick(&corpus.specs).clone();
    let mut case = Case {
        seed_name,
        spec,
        body: rng.pick(&corpus.bodies).clone(),
        jpeg: rng.pick(&corpus.jpegs).clone(),
        png: rng.pick(&corpus.pngs).clone(),
        csv: rng.pick(&corpus.csvs).clone(),
        pdf: rng.pick(&corpus.pdfs).clone(),
        svg: rng.pick(&corpus.svgs).clone(),
        layout: rng.chance(8).then(|| rng.pick(&corpus.layouts).clone()),
        dpi: rng.chance(24).then(|| 5.0 + rng.below(20) as f64),
    };
    if !rng.chance(10) {
        mutate_text(rng, &mut case.spec, &corpus.specs);
    }
    if rng.chance(4) {
        mutate_text(rng, &mut case.body, &corpus.specs);
    }
    if rng.chance(6) {
        mutate_binary(rng, &mut case.jpeg);
    }
    if rng.chance(6) {
        mutate_binary(rng, &mut case.png);
    }
    if rng.chance(6) {
        mutate_text(rng, &mut case.csv, &corpus.specs);
    }
    if rng.chance(6) {
        mutate_binary(rng, &mut case.pdf);
    }
    if rng.chance(6) {
        mutate_text(rng, &mut case.svg, &corpus.specs);
    }
    if let Some(l) = case.layout.as_mut() {
        mutate_text(rng, l, &corpus.specs);
    }
    case
}

/// What one case came to.
enum Outcome {
    Built,
    /// Refused with located errors; the code of the first.
    Refused(&'static str),
    /// A property failed (a panic, an unlocated error, an unreadable PDF).
    Failed(String),
}

/// Errors that concern the page as a whole and have no place in a file.
fn may_be_unlocated(d: &banmian::diag::Diagnostic) -> bool {
    use banmian::diag::Code::*;
    matches!(
        d.code,
        PdfNoPages | PdfTooManyPages | ProofNoPage | ProofRender | ProofPng
    )
}

fn first_code(d: &Diagnostics) -> &'static str {
    if std::env::var_os("BANMIAN_FUZZ_VERBOSE").is_some() {
        eprintln!("{d}");
    }
    d.iter().next().map_or("-", |d| d.code.as_str())
}

fn unlocated(d: &Diagnostics) -> Option<String> {
    d.iter()
        .find(|d| d.severity == Severity::Error && d.loc.is_none() && !may_be_unlocated(d))
        .map(|d| format!("an error without a location: {d}"))
}

fn run_case(case: &Case) -> Outcome {
    let files = CaseFiles(case.clone());
    let laid = match banmian::lay_out_from("page.toml".as_ref(), &files, &Default::default()) {
        Ok(l) => l,
        Err(d) => {
            return match unlocated(&d) {
                Some(m) => Outcome::Failed(m),
                None => Outcome::Refused(first_code(&d)),
            }
        }
    };
    let pdf = match banmian::write_pdf(&laid) {
        Ok(p) => p,
        Err(d) => {
            return match unlocated(&d) {
                Some(m) => Outcome::Failed(format!("writing the PDF: {m}")),
                None => Outcome::Refused(first_code(&d)),
            }
        }
    };
    if let Err(e) = lopdf::Document::load_mem(&pdf) {
        return Outcome::Failed(format!("the PDF does not read back: {e}"));
    }
    if let Some(dpi) = case.dpi {
        let opts = banmian::render::proof::ProofOptions {
            dpi,
            overlays: "all".parse().unwrap_or_default(),
            ..Default::default()
        };
        if let Err(d) = banmian::proof_png(&laid, &pdf, &opts) {
            if d.severity == Severity::Error && d.loc.is_none() && !may_be_unlocated(&d) {
                return Outcome::Failed(format!("the proof: {d}"));
            }
        }
    }
    Outcome::Built
}

fn env_u64(name: &str) -> Option<u64> {
    std::env::var(name).ok().and_then(|v| v.trim().parse().ok())
}

/// Writes a case's files into `dir` (the spec as page.toml beside body.txt, photo.jpg,
/// photo.png, data.csv, ad.pdf, chart.svg and layouts/…), so `banmian build dir/page.toml` replays it.
fn save(case: &Case, dir: &Path) {
    let _ = std::fs::create_dir_all(dir.join("layouts"));
    let _ = std::fs::write(dir.join("page.toml"), &case.spec);
    let _ = std::fs::write(dir.join("body.txt"), &case.body);
    let _ = std::fs::write(dir.join("photo.jpg"), &case.jpeg);
    let _ = std::fs::write(dir.join("photo.png"), &case.png);
    let _ = std::fs::write(dir.join("data.csv"), &case.csv);
    let _ = std::fs::write(dir.join("ad.pdf"), &case.pdf);
    let _ = std::fs::write(dir.join("chart.svg"), &case.svg);
    if let Some(l) = &case.layout {
        let _ = std::fs::write(dir.join("layouts/tabloid.toml"), l);
    }
    let _ = std::fs::write(dir.join("seed.txt"), &case.seed_name);
}

/// The peak resident memory of this process since the last reset, in MiB (Linux only).
fn peak_mib() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kb: u64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb / 1024)
}

fn reset_peak() {
    let _ = std::fs::write("/proc/self/clear_refs", "5");
}

/// A case saved by [`save`], read back (`BANMIAN_FUZZ_REPLAY=DIR`); the proof's dpi is
/// not saved, so a case is replayed without a proof and with one at 10 dpi.
fn load_case(dir: &Path) -> Case {
    let read = |name: &str| std::fs::read(dir.join(name)).unwrap_or_default();
    Case {
        seed_name: String::from_utf8_lossy(&read("seed.txt")).into_owned(),
        spec: read("page.toml"),
        body: read("body.txt"),
        jpeg: read("photo.jpg"),
        png: read("photo.png"),
        csv: read("data.csv"),
        pdf: read("ad.pdf"),
        svg: read("chart.svg"),
        layout: std::fs::read(dir.join("layouts/tabloid.toml")).ok(),
        dpi: None,
    }
}

fn describe(outcome: &Outcome) -> String {
    match outcome {
        Outcome::Built => "built".into(),
        Outcome::Refused(code) => format!("refused ({code})"),
        Outcome::Failed(why) => format!("FAILED: {why}"),
    }
}

#[test]
fn mutated_specs_build_or_fail_with_located_errors() {
    if let Some(dir) = std::env::var_os("BANMIAN_FUZZ_REPLAY") {
        let mut case = load_case(Path::new(&dir));
        let mut failed = Vec::new();
        for dpi in [None, Some(10.0)] {
            case.dpi = dpi;
            let t = Instant::now();
            let outcome = run_case(&case);
            eprintln!(
                "fuzz replay (dpi {dpi:?}): {} in {:?}",
                describe(&outcome),
                t.elapsed()
            );
            if let Outcome::Failed(why) = outcome {
                failed.push(why);
            }
        }
        assert!(failed.is_empty(), "{failed:?}");
        return;
    }
    let cases = env_u64("BANMIAN_FUZZ_CASES").unwrap_or(SMOKE_CASES);
    let seconds = env_u64("BANMIAN_FUZZ_SECONDS").unwrap_or(SMOKE_SECONDS);
    let seed = env_u64("BANMIAN_FUZZ_SEED").unwrap_or(0x6261_6e6d_6961_6e21);
    let out = std::env::var_os("BANMIAN_FUZZ_OUT").map(PathBuf::from);
    let corpus = Corpus::load();
    let mut rng = Rng(seed);
    let start = Instant::now();
    let deadline = Duration::from_secs(seconds);
    // A case that hangs is caught by a watchdog, which saves it and stops the run.
    let current = Arc::new(AtomicU64::new(u64::MAX));
    let started_ms = Arc::new(AtomicU64::new(0));
    {
        let (current, started_ms, out) = (current.clone(), started_ms.clone(), out.clone());
        std::thread::spawn(move || loop {
            std::thread::sleep(Duration::from_secs(1));
            let i = current.load(Ordering::SeqCst);
            let since = start.elapsed().as_millis() as u64 - started_ms.load(Ordering::SeqCst);
            if i != u64::MAX && since > 2 * CASE_LIMIT.as_millis() as u64 {
                eprintln!(
                    "fuzz: case {i} has run for {since} ms; its files are in {:?}/current",
                    out
                );
                std::process::abort();
            }
        });
    }
    let (mut built, mut refused, mut run) = (0u64, 0u64, 0u64);
    let mut failures: Vec<String> = Vec::new();
    let mut slowest = (Duration::ZERO, None::<Case>);
    let mut peak = (0u64, String::new());
    let mut codes = std::collections::BTreeMap::new();
    while run < cases && start.elapsed() < deadline {
        let case = make_case(&mut rng, &corpus);
        if let Some(dir) = &out {
            save(&case, &dir.join("current"));
        }
        reset_peak();
        current.store(run, Ordering::SeqCst);
        started_ms.store(start.elapsed().as_millis() as u64, Ordering::SeqCst);
        let t = Instant::now();
        let outcome = std::panic::catch_unwind(|| run_case(&case))
            .unwrap_or_else(|_| Outcome::Failed("a panic".to_string()));
        let took = t.elapsed();
        current.store(u64::MAX, Ordering::SeqCst);
        if let Some(mib) = peak_mib() {
            if mib > peak.0 {
                peak = (mib, case.seed_name.clone());
            }
        }
        let outcome = match outcome {
            Outcome::Built | Outcome::Refused(_) if took > CASE_LIMIT => {
                Outcome::Failed(format!("took {took:?}"))
            }
            o => o,
        };
        match outcome {
            Outcome::Built => built += 1,
            Outcome::Refused(code) => {
                refused += 1;
                *codes.entry(code).or_insert(0u64) += 1;
            }
            Outcome::Failed(why) => {
                if let Some(dir) = &out {
                    save(&case, &dir.join(format!("failed-{run}")));
                }
                failures.push(format!("case {run} (from {}): {why}", case.seed_name));
            }
        }
        if took > slowest.0 {
            slowest = (took, Some(case));
        }
        run += 1;
    }
    if let (Some(dir), Some(case)) = (&out, &slowest.1) {
        save(case, &dir.join("slowest"));
    }
    eprintln!(
        "fuzz: seed {seed:#x}: {run} cases in {:.1} s: {built} built, {refused} refused with located errors, {} failed; slowest {:?} (from {}); peak memory {} MiB (from {})",
        start.elapsed().as_secs_f64(),
        failures.len(),
        slowest.0,
        slowest.1.as_ref().map_or("-", |c| c.seed_name.as_str()),
        peak.0,
        peak.1,
    );
    eprintln!("fuzz: refusals by first code: {codes:?}");
    assert!(run > 0, "no case ran");
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
