//! `banmian watch`: rebuild a page's PDF (and, if asked, its proof) whenever the spec
//! or any file it reads changes, printing diagnostics and the rebuild time.
//!
//! The folders of the inputs are watched (not the files: editors save by writing a new
//! file and renaming it over the old one), and events are filtered to the inputs. A
//! file the page looked for in vain (a `layouts/NAME.toml` that would shadow a built-in
//! layout) is an input too: its nearest existing folder is watched, so adding it (or
//! the folder it goes in) rebuilds the page.
//! Events that arrive together are taken as one change ([`SETTLE`]).

use super::print_diagnostics;
use banmian::render::proof::ProofOptions;
use notify::{RecursiveMode, Watcher};
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::mpsc;
use std::time::{Duration, Instant};

/// How long to wait for more events after the first of a change (an editor's save is
/// often several events).
const SETTLE: Duration = Duration::from_millis(30);

pub struct WatchArgs {
    pub spec: PathBuf,
    /// Which files may be read, and the limits.
    pub build: banmian::BuildOptions,
    pub output: Option<PathBuf>,
    pub proof: Option<ProofOptions>,
    /// Stop after this many rebuilds (for scripts and tests).
    pub max_rebuilds: Option<usize>,
}

pub fn run(args: WatchArgs) -> ExitCode {
    let (tx, rx) = mpsc::channel();
    let mut watcher = match notify::recommended_watcher(tx) {
        Ok(w) => w,
        Err(e) => {
            eprintln!("error: cannot watch files: {e}");
            return ExitCode::from(super::EXIT_FAILED);
        }
    };
    let mut watched: BTreeSet<PathBuf> = BTreeSet::new();
    let mut inputs = rebuild(&args);
    let mut rebuilds = 0;
    loop {
        watch_folders(&mut watcher, &mut watched, &inputs);
        eprintln!("watching {} file(s); Ctrl-C to stop", inputs.len());
        if args.max_rebuilds.is_some_and(|m| rebuilds >= m) {
            return ExitCode::SUCCESS;
        }
        if !wait_for_change(&rx, &inputs) {
            return ExitCode::SUCCESS;
        }
        inputs = rebuild(&args);
        rebuilds += 1;
    }
}

/// Builds once; returns the files to watch (the spec at least).
fn rebuild(args: &WatchArgs) -> BTreeSet<PathBuf> {
    let t = Instant::now();
    let mut inputs = BTreeSet::from([absolute(&args.spec)]);
    let (laid, pdf) = match banmian::build_pdf_with(&args.spec, &args.build) {
        Ok(x) => x,
        Err(d) => {
            print_diagnostics(&d);
            eprintln!("build failed; the previous PDF is kept");
            return inputs;
        }
    };
    inputs.extend(laid.model.inputs.iter().map(|p| absolute(p)));
    inputs.extend(laid.model.absent.iter().map(|p| absolute(p)));
    print_diagnostics(&laid.composed.warnings);
    let out = args
        .output
        .clone()
        .unwrap_or_else(|| args.spec.with_extension("pdf"));
    if let Some(input) = banmian::output_overwrites_input(&out, &laid.model) {
        eprintln!("{}", banmian::output_is_input(&out, &input));
        return inputs;
    }
    if let Err(e) = banmian::write_atomically(&out, &pdf) {
        eprintln!("error: cannot write {}: {e}", out.display());
        return inputs;
    }
    let built = t.elapsed();
    let mut line = format!(
        "rebuilt {} in {:.1} ms",
        out.display(),
        built.as_secs_f64() * 1e3
    );
    if let Some(opts) = &args.proof {
        match banmian::proof_png(&laid, &pdf, opts) {
            Ok(png) => {
                let path = out.with_extension("png");
                if banmian::write_atomically(&path, &png).is_ok() {
                    line += &format!(
                        " (+ proof {} in {:.1} ms)",
                        path.display(),
                        (t.elapsed() - built).as_secs_f64() * 1e3
                    );
                }
            }
            Err(d) => eprintln!("{d}"),
        }
    }
    eprintln!("{line}");
    inputs
}

fn absolute(p: &Path) -> PathBuf {
    std::path::absolute(p).unwrap_or_else(|_| p.to_path_buf())
}

fn watch_folders(
    watcher: &mut impl Watcher,
    watched: &mut BTreeSet<PathBuf>,
    inputs: &BTreeSet<PathBuf>,
) {
    for input in inputs {
        // A file not there yet may be in a folder not there yet: watch the nearest
        // folder that is.
        let Some(dir) = input.ancestors().skip(1).find(|d| d.is_dir()) else {
            continue;
        };
        if watched.contains(dir) {
            continue;
        }
        match watcher.watch(dir, RecursiveMode::NonRecursive) {
            Ok(()) => {
                watched.insert(dir.to_path_buf());
            }
            Err(e) => eprintln!("warning: cannot watch {}: {e}", dir.display()),
        }
    }
}

/// Blocks until an input changes; false when the watcher has stopped.
fn wait_for_change(
    rx: &mpsc::Receiver<notify::Result<notify::Event>>,
    inputs: &BTreeSet<PathBuf>,
) -> bool {
    let touches = |e: &notify::Result<notify::Event>| {
        e.as_ref().is_ok_and(|e| {
            !e.kind.is_access()
                && e.paths.iter().map(|p| absolute(p)).any(|p| {
                    inputs.contains(&p) || inputs.iter().any(|i| i != &p && i.starts_with(&p))
                })
        })
    };
    loop {
        match rx.recv() {
            Ok(e) if touches(&e) => break,
            Ok(_) => continue,
            Err(_) => return false,
        }
    }
    while rx.recv_timeout(SETTLE).is_ok() {}
    true
}
