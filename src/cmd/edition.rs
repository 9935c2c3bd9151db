//! `banmian edition`: build every page of an edition, in parallel, with a progress bar
//! on a terminal and one plain line per page otherwise (a scheduler's log).

use super::{EXIT_FAILED, EXIT_WARNINGS};
use banmian::edition::{self, BuildOptions, EditionReport, PageReport, Status};
use indicatif::{ProgressBar, ProgressStyle};
use std::io::IsTerminal;
use std::path::PathBuf;
use std::process::ExitCode;

pub struct EditionArgs {
    pub edition: PathBuf,
    /// Which files may be read, and the limits.
    pub build: banmian::BuildOptions,
    pub output: PathBuf,
    pub jobs: Option<usize>,
    pub force: bool,
    pub deny_warnings: bool,
}

pub fn run(args: EditionArgs) -> ExitCode {
    let ed = match edition::load_with(&args.edition, &args.build.access, &args.build.limits) {
        Ok(e) => e,
        Err(d) => return super::fail(&d),
    };
    let opts = BuildOptions {
        out_dir: args.output.clone(),
        jobs: args.jobs.unwrap_or(0),
        force: args.force,
        deny_warnings: args.deny_warnings,
    };
    let progress = Progress::new(ed.pages.len());
    let result = edition::build(&ed, &opts, &|p| progress.page_done(p));
    progress.finish();
    match result {
        Ok(report) => summarise(&report, &args),
        Err(d) => super::fail(&d.into()),
    }
}

/// A bar on a terminal, plain lines in a log.
struct Progress {
    bar: Option<ProgressBar>,
    total: usize,
    done: std::sync::atomic::AtomicUsize,
}

impl Progress {
    fn new(total: usize) -> Progress {
        let bar = std::io::stderr().is_terminal().then(|| {
            let bar = ProgressBar::new(total as u64);
            if let Ok(style) = ProgressStyle::with_template("{bar:40} {pos}/{len} pages {msg}") {
                bar.set_style(style);
            }
            bar
        });
        Progress {
            bar,
            total,
            done: Default::default(),
        }
    }

    fn page_done(&self, p: &PageReport) {
        let n = self.done.fetch_add(1, std::sync::atomic::Ordering::Relaxed) + 1;
        let line = page_line(p);
        match &self.bar {
            Some(bar) => {
                bar.set_message(line);
                bar.inc(1);
            }
            None => eprintln!("[{n}/{}] {line}", self.total),
        }
    }

    fn finish(&self) {
        if let Some(bar) = &self.bar {
            bar.finish_and_clear();
        }
    }
}

fn page_line(p: &PageReport) -> String {
    let t = &p.timings_ms;
    let ms = t.parse + t.resolve + t.fonts + t.layout + t.pdf;
    let status = match p.status {
        Status::Built => format!("built in {ms:.0} ms"),
        Status::Reused => "reused (unchanged)".to_string(),
        Status::WarningsDenied => "not written: warnings denied".to_string(),
        Status::Failed => "FAILED".to_string(),
    };
    let warnings = match p.warnings.len() {
        0 => String::new(),
        n => format!(", {n} warning(s)"),
    };
    format!("{} {status}{warnings}", p.label)
}

fn summarise(report: &EditionReport, args: &EditionArgs) -> ExitCode {
    for d in &report.warnings {
        eprintln!("edition: #{} {}", d.number, d.text);
    }
    for p in &report.pages {
        for d in p.errors.iter().chain(&p.warnings) {
            eprintln!("{}: #{} {}", p.label, d.number, d.text);
        }
    }
    let count = |s: Status| report.pages.iter().filter(|p| p.status == s).count();
    eprintln!(
        "edition: {} built, {} reused, {} failed, {} not written (warnings); {} in {:.0} ms with {} job(s)",
        count(Status::Built),
        count(Status::Reused),
        count(Status::Failed),
        count(Status::WarningsDenied),
        match (&report.combined, &report.combined_note) {
            (Some(f), _) => format!("{} ({} bytes)", args.output.join(&f.path).display(), f.bytes),
            (None, Some(n)) => format!("combined PDF {n}"),
            (None, None) => "no combined PDF".to_string(),
        },
        report.timings_ms.total,
        report.jobs,
    );
    if count(Status::Failed) > 0 {
        ExitCode::from(EXIT_FAILED)
    } else if args.deny_warnings
        && (!report.warnings.is_empty() || report.pages.iter().any(|p| !p.warnings.is_empty()))
    {
        ExitCode::from(EXIT_WARNINGS)
    } else if report.combined.is_none() {
        ExitCode::from(EXIT_FAILED)
    } else {
        ExitCode::SUCCESS
    }
}
