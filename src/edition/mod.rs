//! Editions: every page of one day's paper, built in parallel, each into its own PDF,
//! then all of them into one combined PDF (pages in order, each font embedded once),
//! with a `report.json` for the scheduler.
//!
//! In: an [`Edition`] (read from the edition file by [`load`]) and [`BuildOptions`].
//! Out, in the output folder: `LABEL.pdf` per page, `edition.pdf`, `report.json`,
//! `layout/LABEL.json` (the layout dump `banmian diff` compares) and the
//! incremental-build manifest.
//! A page that fails leaves its previous PDF as it was and does not stop the others;
//! the combined PDF is then not rewritten (a press never gets an edition with a page
//! missing). Unchanged pages are reused (see [`manifest`]).

mod combine;
pub mod jumps;
pub mod manifest;
mod merge;
pub mod report;
pub(crate) mod spec;

pub use report::{EditionReport, PageReport, Status};
pub use spec::{load, load_with, Edition, EditionPage, Meta};

use crate::compose::jumps::Continuations;
use crate::diag::Code;
use crate::diag::{Diagnostic, Diagnostics};
use crate::LaidOut;
use manifest::{Manifest, PageRecord};
use rayon::prelude::*;
use report::{numbered, OutputFile};
use std::path::{Path, PathBuf};
use std::time::Instant;

/// File name of the combined PDF in the output folder (every page, each font embedded
/// once); `diff` skips it when comparing two output folders.
pub const COMBINED_NAME: &str = "edition.pdf";
/// File name of the edition report (an [`EditionReport`] as JSON) in the output folder,
/// for the scheduler.
pub const REPORT_NAME: &str = "report.json";
/// Folder in the output folder holding each page's layout dump, `LABEL.json`: what
/// `banmian diff` compares.
pub const LAYOUT_DIR: &str = "layout";

/// How `banmian edition` builds: the command line's choices.
#[derive(Clone, Debug, Default)]
pub struct BuildOptions {
    /// The output folder: created if missing, locked while the build writes there.
    pub out_dir: PathBuf,
    /// Pages built at once; 0 means one per core.
    pub jobs: usize,
    /// Build every page even when its inputs have not changed.
    pub force: bool,
    /// A page with warnings is not written (its previous PDF stays).
    pub deny_warnings: bool,
}

/// One page's result inside a build: its report, its laid-out page when it was laid
/// out (the combined PDF needs it) and what the manifest should remember.
struct PageOutcome {
    report: PageReport,
    laid: Option<LaidOut>,
    record: Option<PageRecord>,
}

/// The lock file in an edition's output folder: held (an OS file lock, released when
/// the process ends, however it ends) while a build writes there.
pub const LOCK_NAME: &str = ".banmian.lock";

/// Takes the output folder's lock, or says that another build holds it.
fn lock_output(out: &Path) -> Result<std::fs::File, Diagnostic> {
    let path = out.join(LOCK_NAME);
    let file = std::fs::OpenOptions::new()
        .create(true)
        .truncate(false)
        .write(true)
        .open(&path)
        .map_err(|e| io_error(&path, e))?;
    match file.try_lock() {
        Ok(()) => Ok(file),
        Err(std::fs::TryLockError::WouldBlock) => Err(Diagnostic::new(
            Code::IoWrite,
            format!(
                "another edition build is writing to {} (it holds {LOCK_NAME})",
                out.display()
            ),
        )
        .hint("wait for it to finish, or build into another folder with -o")),
        Err(std::fs::TryLockError::Error(e)) => Err(io_error(&path, e)),
    }
}

/// Builds an edition. `progress` is called (from worker threads) as each page is done.
/// Fails only when the output folder cannot be used; page failures are in the report.
pub fn build(
    ed: &Edition,
    opts: &BuildOptions,
    progress: &(dyn Fn(&PageReport) + Sync),
) -> Result<EditionReport, Diagnostic> {
    let start = Instant::now();
    let out = &opts.out_dir;
    std::fs::create_dir_all(out.join(LAYOUT_DIR)).map_err(|e| io_error(out, e))?;
    // Held until the build returns: a second build into the folder is refused.
    let _lock = lock_output(out)?;
    let previous = if opts.force {
        Manifest::default()
    } else {
        Manifest::read(out)
    };
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(opts.jobs)
        .build()
        .map_err(|e| Diagnostic::new(Code::EditionThreads, format!("cannot start workers: {e}")))?;
    let jobs = pool.current_num_threads();
    let specs = jumps::scan(&ed.pages);
    let mut warnings = jumps::check(&ed.pages, &specs);
    let (mut outcomes, continued) = build_pages(ed, &specs, opts, &previous, &pool, progress);
    if let Some(d) = press_mismatch(&outcomes) {
        warnings.push(d);
    }
    let warnings = numbered(&warnings);
    let pages_ms = ms(start);
    let t = Instant::now();
    let combined = pool.install(|| combine::write(ed, &mut outcomes, &previous, out, &continued));
    let manifest = next_manifest(&previous, &outcomes, &combined);
    manifest.write(out).map_err(|e| io_error(out, e))?;
    let pages: Vec<PageReport> = outcomes.into_iter().map(|o| o.report).collect();
    let ok = pages
        .iter()
        .all(|p| matches!(p.status, Status::Built | Status::Reused))
        && combined.file.is_some();
    let report = EditionReport {
        edition: ed.meta.clone(),
        ok,
        jobs,
        warnings,
        pages,
        combined: combined.file,
        combined_note: combined.note,
        timings_ms: report::EditionTimings {
            pages: pages_ms,
            combine: ms(t),
            total: ms(start),
        },
    };
    let text = serde_json::to_vec_pretty(&report).unwrap_or_default();
    crate::write_atomically(&out.join(REPORT_NAME), &text).map_err(|e| io_error(out, e))?;
    Ok(report)
}

/// What a PDF is made for, in words, with its ICC profile's hash so that two profiles
/// under one condition name still differ.
fn press_condition(opts: &crate::render::pdf::PdfOptions) -> String {
    match &opts.pdfx {
        Some(x) => format!(
            "PDF/X-4 for {} (ICC {})",
            x.condition,
            &manifest::sha256_hex(&x.icc)[..12]
        ),
        None => "plain PDF, no press condition".to_string(),
    }
}

/// One edition.pdf has one output intent (PDF/X-4 allows no other per page): pages
/// that ask for different ones are an edition warning, and edition.pdf is made for
/// the first page's.
fn press_mismatch(outcomes: &[PageOutcome]) -> Option<Diagnostic> {
    let pages: Vec<(&str, &str)> = outcomes
        .iter()
        .filter_map(|o| Some((o.report.label.as_str(), o.report.press.as_deref()?)))
        .collect();
    let (first_label, first) = *pages.first()?;
    let others: Vec<String> = pages
        .iter()
        .filter(|(_, p)| *p != first)
        .map(|(l, p)| format!("{l} ({p})"))
        .collect();
    if others.is_empty() {
        return None;
    }
    Some(
        Diagnostic::new(
            Code::EditionPressCondition,
            format!(
                "the pages are not all made for the same press: {first_label} is {first}, but {}; {COMBINED_NAME} is made for {first_label}'s",
                others.join(", ")
            ),
        )
        .hint("give every page the same [output] settings, or send those pages' own PDFs to press"),
    )
}

/// Builds every page, wave after wave (see [`jumps`]: a page that continues another
/// is built after it), each wave in parallel. Returns the outcomes in page order and
/// the text that jumped.
fn build_pages(
    ed: &Edition,
    specs: &[Option<crate::spec::SpecFile>],
    opts: &BuildOptions,
    previous: &Manifest,
    pool: &rayon::ThreadPool,
    progress: &(dyn Fn(&PageReport) + Sync),
) -> (Vec<PageOutcome>, Continuations) {
    let from = jumps::continued_by_page(specs);
    let needed: Vec<bool> = ed
        .pages
        .iter()
        .map(|p| from.iter().flatten().any(|(l, _)| *l == p.label))
        .collect();
    let mut continued = Continuations::new();
    let mut done: Vec<Option<PageOutcome>> = ed.pages.iter().map(|_| None).collect();
    for wave in jumps::waves(&ed.pages, &from) {
        let built: Vec<(usize, PageOutcome)> = pool.install(|| {
            wave.par_iter()
                .map(|&i| {
                    let extra = jumps::key_extra(&from[i], &continued);
                    let o = build_page(&ed.pages[i], previous, opts, &continued, &extra);
                    progress(&o.report);
                    (i, o)
                })
                .collect()
        });
        for (i, mut o) in built {
            let page = &ed.pages[i];
            if let Err(d) = jumps::collect(page, &mut o, needed[i], &mut continued) {
                o = failed(page, &d, &opts.out_dir);
            }
            done[i] = Some(o);
        }
    }
    (done.into_iter().flatten().collect(), continued)
}

/// Lays out every page of an edition (nothing written), with the text that jumps from
/// page to page: for proofs. In page order.
pub fn lay_out_pages(ed: &Edition) -> Vec<Result<LaidOut, Diagnostics>> {
    let from = jumps::continued_by_page(&jumps::scan(&ed.pages));
    let mut continued = Continuations::new();
    let mut done: Vec<Option<Result<LaidOut, Diagnostics>>> =
        ed.pages.iter().map(|_| None).collect();
    for wave in jumps::waves(&ed.pages, &from) {
        let laid: Vec<(usize, Result<LaidOut, Diagnostics>)> = wave
            .par_iter()
            .map(|&i| {
                (
                    i,
                    crate::lay_out_with(
                        &ed.pages[i].spec,
                        &jumps::options(&continued, &ed.pages[i]),
                    ),
                )
            })
            .collect();
        for (i, r) in laid {
            for j in r.iter().flat_map(|l| &l.composed.jumps) {
                let key = (ed.pages[i].label.clone(), j.article.clone());
                continued.insert(key, j.blocks.clone());
            }
            done[i] = Some(r);
        }
    }
    done.into_iter().flatten().collect()
}

fn build_page(
    page: &EditionPage,
    previous: &Manifest,
    opts: &BuildOptions,
    continued: &Continuations,
    extra: &[u8],
) -> PageOutcome {
    if let Some(reused) = reuse(page, previous, &opts.out_dir, extra) {
        // A page built with warnings while they were allowed is not reused under
        // --deny-warnings: built again, it is refused and kept out of edition.pdf.
        let had_warnings = !reused.report.warnings.is_empty();
        if !(opts.deny_warnings && had_warnings) {
            return reused;
        }
    }
    match crate::build_pdf_with(&page.spec, &jumps::options(continued, page)) {
        Ok((laid, pdf)) => finish(page, laid, &pdf, opts, extra),
        Err(d) => failed(page, &d, &opts.out_dir),
    }
}

/// The previous build of the page, when none of its inputs changed (no file it looked
/// for in vain has appeared) and its PDF and layout dump are still the ones that build
/// wrote.
fn reuse(page: &EditionPage, previous: &Manifest, out: &Path, extra: &[u8]) -> Option<PageOutcome> {
    let record = previous.pages.get(&page.label)?;
    if record.inputs.first() != Some(&page.spec) {
        return None; // the edition now names another spec for this label
    }
    let key = manifest::key_on_disk(&page.label, record, extra)?;
    let output = record.report.output.as_ref()?;
    let on_disk = manifest::file_sha256(&out.join(&output.path))?;
    if key != record.key || on_disk != output.sha256 {
        return None;
    }
    let dump = out.join(LAYOUT_DIR).join(format!("{}.json", page.label));
    if manifest::file_sha256(&dump) != record.layout_sha256 {
        return None;
    }
    let mut report = record.report.clone();
    report.status = Status::Reused;
    report.reused = true;
    report.timings_ms = Default::default();
    Some(PageOutcome {
        report,
        laid: None,
        record: Some(record.clone()),
    })
}

/// A page laid out and serialised: write it (unless its warnings are denied).
fn finish(
    page: &EditionPage,
    laid: LaidOut,
    pdf: &[u8],
    opts: &BuildOptions,
    extra: &[u8],
) -> PageOutcome {
    let out = &opts.out_dir;
    let warnings = &laid.composed.warnings;
    let denied = opts.deny_warnings && !warnings.is_empty();
    let mut report = PageReport::new(&page.label, &page.spec, Status::Built);
    report.warnings = numbered(warnings);
    report.overset_chars = laid
        .composed
        .report
        .articles
        .iter()
        .map(|a| a.overset_chars)
        .sum();
    report.timings_ms = (&laid.timings).into();
    report.jumps = jumps::report(&laid);
    report.press = Some(press_condition(&crate::pdf_options(&laid.model.output)));
    let pdf_name = format!("{}.pdf", page.label);
    if denied {
        report.status = Status::WarningsDenied;
        report.output = existing(out, &pdf_name);
        return PageOutcome {
            report,
            laid: None,
            record: None,
        };
    }
    // An input kept in the output folder (an ad named `A01.pdf`) is never overwritten.
    for name in [
        out.join(&pdf_name),
        out.join(LAYOUT_DIR).join(format!("{}.json", page.label)),
    ] {
        if let Some(input) = crate::output_overwrites_input(&name, &laid.model) {
            return failed(page, &crate::output_is_input(&name, &input).into(), out);
        }
    }
    if let Err(e) = crate::write_atomically(&out.join(&pdf_name), pdf) {
        return failed(page, &io_error(&out.join(&pdf_name), e).into(), out);
    }
    let dump = crate::dump::to_text(&crate::dump_layout(&page.label, &laid));
    let dump_path = out.join(LAYOUT_DIR).join(format!("{}.json", page.label));
    if let Err(e) = crate::write_atomically_unsynced(&dump_path, dump.as_bytes()) {
        return failed(page, &io_error(&dump_path, e).into(), out);
    }
    report.output = Some(output_file(&pdf_name, pdf));
    // The key of the bytes this build used: a file edited during the build changes
    // the key the next build computes from disk, so the page is built again.
    let used: Vec<(&Path, &[u8])> = laid
        .model
        .input_bytes
        .iter()
        .map(|(p, b)| (p.as_path(), &b[..]))
        .collect();
    let record = Some(PageRecord {
        inputs: laid
            .model
            .input_bytes
            .iter()
            .map(|(p, _)| p.clone())
            .collect(),
        absent: laid.model.absent.clone(),
        key: manifest::page_key(&page.label, &used, &laid.model.absent, extra),
        layout_sha256: Some(manifest::sha256_hex(dump.as_bytes())),
        report: report.clone(),
    });
    PageOutcome {
        report,
        laid: Some(laid),
        record,
    }
}

fn failed(page: &EditionPage, d: &Diagnostics, out: &Path) -> PageOutcome {
    let mut report = PageReport::new(&page.label, &page.spec, Status::Failed);
    report.errors = numbered(d);
    report.output = existing(out, &format!("{}.pdf", page.label));
    PageOutcome {
        report,
        laid: None,
        record: None,
    }
}

/// The file already in the output folder (a failed page's last good PDF).
fn existing(out: &Path, name: &str) -> Option<OutputFile> {
    let bytes = std::fs::read(out.join(name)).ok()?;
    Some(output_file(name, &bytes))
}

fn output_file(name: &str, bytes: &[u8]) -> OutputFile {
    OutputFile {
        path: name.to_string(),
        sha256: manifest::sha256_hex(bytes),
        bytes: bytes.len() as u64,
    }
}

/// What to remember for next time: this build's records, and the previous record of
/// a page that failed now (its previous PDF is still there and still matches it).
fn next_manifest(
    previous: &Manifest,
    outcomes: &[PageOutcome],
    combined: &combine::Combined,
) -> Manifest {
    let mut m = Manifest {
        engine: manifest::engine_identity().to_string(),
        edition_key: combined.key.clone(),
        edition_sha256: combined.file.as_ref().map(|f| f.sha256.clone()),
        ..Default::default()
    };
    for o in outcomes {
        let label = &o.report.label;
        let record = o.record.as_ref().or_else(|| previous.pages.get(label));
        if let Some(r) = record {
            m.pages.insert(label.clone(), r.clone());
        }
    }
    if combined.file.is_none() {
        m.edition_key = previous.edition_key.clone();
        m.edition_sha256 = previous.edition_sha256.clone();
    }
    m
}

fn io_error(path: &Path, e: std::io::Error) -> Diagnostic {
    Diagnostic::new(
        Code::IoWrite,
        format!("cannot write {}: {e}", path.display()),
    )
    .hint("check that the output folder exists and is writable")
}

fn ms(since: Instant) -> f64 {
    (since.elapsed().as_secs_f64() * 1e6).round() / 1e3
}
