//! `banmian diff`: what changed between two builds, page by page.
//!
//! In: two PDFs, two layout dumps (`banmian layout --json`) or two edition output
//! folders (their `layout/LABEL.json` dumps and `LABEL.pdf` files). Out: a
//! [`DiffReport`] naming each changed page and how it changed (text changed, lines
//! moved, items added or removed — from the dumps; changed regions — from the pixels,
//! when only PDFs are there), and optionally a PNG per changed page with the changed
//! regions highlighted (red: where things are now; blue: where they were).

mod layout;
mod picture;
mod pixels;

use crate::diag::Code;
use crate::diag::Diagnostic;
use crate::dump::{LayoutDump, PageDump};
use serde::Serialize;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// Resolution of the pixel comparison and of the highlight PNGs.
pub const DIFF_DPI: f64 = 50.0;
/// The most pixels a page is compared at (the proof limit).
pub const DIFF_PIXELS: u64 = crate::files::Limits::DEFAULT.proof_pixels;

/// What kind of change a [`Change`] is; `diff --json` writes it kebab-case
/// (`page-added`, `text-changed`, …). All but `Pixels` come from the layout dumps.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum ChangeKind {
    /// The page's label is only in the second build (`before` and `after` are `None`).
    PageAdded,
    /// The page's label is only in the first build (`before` and `after` are `None`).
    PageRemoved,
    /// The media or trim box changed; `before`/`after` are the two media boxes.
    PageSize,
    /// A body line in the same article, column and grid line, or a text run starting
    /// at the same point, now reads differently.
    TextChanged,
    /// A body line of the same article with the same text sits elsewhere (another
    /// column or grid line, or moved on the page).
    LineMoved,
    /// A body line in the second build that matches none in the first (`after` only).
    LineAdded,
    /// A body line in the first build that matches none in the second (`before` only).
    LineRemoved,
    /// A display item in the second build that matches none in the first (`after` only).
    ItemAdded,
    /// A display item in the first build that matches none in the second (`before` only).
    ItemRemoved,
    /// The page's warnings differ in code, message or context (not in spec path);
    /// no area.
    Warnings,
    /// The rendered pages differ here (all a PDF-only comparison can say).
    Pixels,
}

/// One change: what, in words, and where (`[x, y, w, h]` points, media-box origin,
/// y down) before and after.
#[derive(Clone, Debug, Serialize)]
pub struct Change {
    /// What kind of change.
    pub kind: ChangeKind,
    /// The change in plain words for the terminal, e.g. `text changed: “…” → “…”`.
    pub detail: String,
    /// Where it was in the first build; `None` for things only in the second build
    /// and for whole-page or warning changes.
    pub before: Option<[f64; 4]>,
    /// Where it is in the second build; `None` for things only in the first build
    /// and for whole-page or warning changes.
    pub after: Option<[f64; 4]>,
}

/// The changes on one page that differs between the two builds.
#[derive(Clone, Debug, Serialize)]
pub struct PageDiff {
    /// The page's label (edition or dump label), or its 1-based page number for a bare
    /// PDF, a dump whose labels repeat, or two sides that share no label.
    pub label: String,
    /// Never empty: pages without changes are not listed. Layout changes when both
    /// sides have dumps that differ, else pixel changes.
    pub changes: Vec<Change>,
    /// The highlight PNG, when one was written.
    pub png: Option<PathBuf>,
}

/// The result of [`diff`]: what `banmian diff` prints (or writes with `--json`).
#[derive(Clone, Debug, Serialize)]
pub struct DiffReport {
    /// No page changed (`changed` is empty); `banmian diff` then exits 0, else 1.
    pub identical: bool,
    /// How many page labels were compared: those of either side, counted once.
    pub pages_compared: usize,
    /// The changed pages only, in page order.
    pub changed: Vec<PageDiff>,
}

/// One page of one side: its layout dump and/or its PDF (bytes and page index).
#[derive(Clone, Default)]
struct SidePage {
    dump: Option<PageDump>,
    pdf: Option<(Arc<Vec<u8>>, usize)>,
}

/// Compares `a` with `b`; writes highlight PNGs into `png_dir` when given.
pub fn diff(a: &Path, b: &Path, png_dir: Option<&Path>) -> Result<DiffReport, Diagnostic> {
    let (mut sa, mut sb) = (read_side(a)?, read_side(b)?);
    if !sa.keys().any(|k| sb.contains_key(k)) {
        // No label in common (two single-page dumps of differently named specs, say):
        // compare the pages in order instead.
        (sa, sb) = (by_position(sa), by_position(sb));
    }
    let mut labels: Vec<&String> = sa.keys().collect();
    labels.extend(sb.keys().filter(|l| !sa.contains_key(*l)));
    labels.sort_by_key(|l| page_order(l));
    let mut changed = Vec::new();
    for label in &labels {
        let (pa, pb) = (sa.get(*label), sb.get(*label));
        let changes = compare(pa, pb)?;
        if changes.is_empty() {
            continue;
        }
        let png = match png_dir {
            Some(dir) => Some(picture::write(dir, label, pa, pb, &changes)?),
            None => None,
        };
        changed.push(PageDiff {
            label: (*label).clone(),
            changes,
            png,
        });
    }
    Ok(DiffReport {
        identical: changed.is_empty(),
        pages_compared: labels.len(),
        changed,
    })
}

/// The same pages keyed 1, 2, 3… in page order.
fn by_position(side: BTreeMap<String, SidePage>) -> BTreeMap<String, SidePage> {
    let mut pages: Vec<(String, SidePage)> = side.into_iter().collect();
    pages.sort_by_key(|(l, _)| page_order(l));
    pages
        .into_iter()
        .enumerate()
        .map(|(i, (_, p))| ((i + 1).to_string(), p))
        .collect()
}

/// Page labels sort as numbers when they are numbers (PDF page indexes), else as text.
fn page_order(label: &str) -> (u8, usize, String) {
    match label.parse::<usize>() {
        Ok(n) => (0, n, String::new()),
        Err(_) => (1, 0, label.to_string()),
    }
}

fn compare(a: Option<&SidePage>, b: Option<&SidePage>) -> Result<Vec<Change>, Diagnostic> {
    let (a, b) = match (a, b) {
        (Some(a), Some(b)) => (a, b),
        (a, _) => {
            let kind = if a.is_some() {
                ChangeKind::PageRemoved
            } else {
                ChangeKind::PageAdded
            };
            let detail = if a.is_some() {
                "page removed"
            } else {
                "page added"
            };
            return Ok(vec![Change {
                kind,
                detail: detail.into(),
                before: None,
                after: None,
            }]);
        }
    };
    if let (Some(da), Some(db)) = (&a.dump, &b.dump) {
        let changes = layout::compare(da, db);
        if !changes.is_empty() {
            return Ok(changes);
        }
    }
    match (&a.pdf, &b.pdf) {
        (Some(pa), Some(pb)) => pixels::compare(pa, pb),
        _ => Ok(Vec::new()),
    }
}

fn read_error(path: &Path, why: impl std::fmt::Display) -> Diagnostic {
    cannot_compare(path, Diagnostic::new(Code::DiffRead, why.to_string()))
}

/// A parser's `diff.read` diagnostic about the side at `path`, with what to give.
fn cannot_compare(path: &Path, d: Diagnostic) -> Diagnostic {
    d.about(format_args!("cannot compare {}", path.display()))
        .hint(
            "give two PDFs, two layout dumps (banmian layout --json) or two edition output folders",
        )
}

/// A file to compare, read as every input is: only a regular file (a pipe given by
/// mistake is not waited on), at most [`crate::files::Limits::output_bytes`].
fn read_file(path: &Path) -> Result<Vec<u8>, Diagnostic> {
    use crate::files::{FileKind, Source};
    let kind = FileKind::Output;
    crate::files::Disk::unconfined()
        .read(path, crate::files::Limits::DEFAULT.bytes(kind))
        .map_err(|e| {
            let d = crate::files::read_error(path, kind, e);
            read_error(path, d.message)
        })
}

/// The pages of one side, by label.
fn read_side(path: &Path) -> Result<BTreeMap<String, SidePage>, Diagnostic> {
    if path.is_dir() {
        return read_folder(path);
    }
    let bytes = read_file(path)?;
    if bytes.starts_with(b"%PDF-") {
        return pdf_pages(Arc::new(bytes), path);
    }
    let text = String::from_utf8(bytes)
        .map_err(|_| read_error(path, "neither a PDF nor a layout dump"))?;
    let dump = LayoutDump::parse(&text).map_err(|e| cannot_compare(path, e.diagnostic()))?;
    // Pages are matched by their labels when every page has its own, else by number.
    let labels: std::collections::BTreeSet<&str> =
        dump.pages.iter().map(|p| p.label.as_str()).collect();
    let by_label = labels.len() == dump.pages.len();
    Ok(dump
        .pages
        .into_iter()
        .enumerate()
        .map(|(i, p)| {
            let key = if by_label {
                p.label.clone()
            } else {
                (i + 1).to_string()
            };
            let page = SidePage {
                dump: Some(p),
                pdf: None,
            };
            (key, page)
        })
        .collect())
}

fn pdf_pages(bytes: Arc<Vec<u8>>, path: &Path) -> Result<BTreeMap<String, SidePage>, Diagnostic> {
    let n = pixels::page_count(&bytes).map_err(|e| cannot_compare(path, e.diagnostic()))?;
    Ok((0..n)
        .map(|i| {
            let page = SidePage {
                dump: None,
                pdf: Some((Arc::clone(&bytes), i)),
            };
            ((i + 1).to_string(), page)
        })
        .collect())
}

/// An edition output folder: `LABEL.pdf` and `layout/LABEL.json` per page.
fn read_folder(dir: &Path) -> Result<BTreeMap<String, SidePage>, Diagnostic> {
    let mut pages: BTreeMap<String, SidePage> = BTreeMap::new();
    let entries = std::fs::read_dir(dir).map_err(|e| read_error(dir, e))?;
    for entry in entries.flatten() {
        let path = entry.path();
        let Some(label) = path.file_stem().and_then(|s| s.to_str()) else {
            continue;
        };
        if path.extension().is_some_and(|e| e == "pdf")
            && path.file_name() != Some(crate::edition::COMBINED_NAME.as_ref())
        {
            let bytes = read_file(&path)?;
            pages.entry(label.to_string()).or_default().pdf = Some((Arc::new(bytes), 0));
        }
    }
    let layouts = dir.join(crate::edition::LAYOUT_DIR);
    for entry in std::fs::read_dir(&layouts).into_iter().flatten().flatten() {
        let path = entry.path();
        let Some(label) = path.file_stem().and_then(|s| s.to_str()) else {
            continue;
        };
        let Some(text) = read_file(&path)
            .ok()
            .and_then(|b| String::from_utf8(b).ok())
        else {
            continue;
        };
        let dump = LayoutDump::parse(&text).map_err(|e| cannot_compare(&path, e.diagnostic()))?;
        if let Some(first) = dump.pages.into_iter().next() {
            pages.entry(label.to_string()).or_default().dump = Some(first);
        }
    }
    if pages.is_empty() {
        return Err(read_error(
            dir,
            "the folder holds no page PDFs or layout dumps",
        ));
    }
    Ok(pages)
}
