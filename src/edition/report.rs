//! `report.json`: what happened to each page of an edition build, for the scheduler
//! and the night editor. Warnings are numbered per page from 1 in report order; the
//! proof's red boxes carry the same numbers.

use crate::diag::{Diagnostic, Diagnostics};
use crate::Timings;
use serde::{Deserialize, Serialize};

/// The whole of `report.json`: written by [`super::build`] after every build (also
/// one where pages failed) and returned to the caller, which picks the exit code.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct EditionReport {
    /// The edition file's paper, date and number, as given there.
    pub edition: super::Meta,
    /// True when every page was built (or reused) and the combined PDF written.
    pub ok: bool,
    /// Pages built at once: `--jobs`, or one per core when that is 0.
    pub jobs: usize,
    /// Problems of the edition as a whole (a jump that leads nowhere), numbered.
    pub warnings: Vec<ReportDiagnostic>,
    /// One report per page, in the edition file's order.
    pub pages: Vec<PageReport>,
    /// The combined PDF, when it could be made.
    pub combined: Option<OutputFile>,
    /// Why the combined PDF was not (re)written, when it was not.
    pub combined_note: Option<String>,
    /// Wall-clock milliseconds of the build's phases.
    pub timings_ms: EditionTimings,
}

/// Wall-clock time of an edition build's phases, in milliseconds (rounded to µs).
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
pub struct EditionTimings {
    /// Building (or checking) every page, in parallel.
    pub pages: f64,
    /// Laying out reused pages again for the combined PDF, and writing it.
    pub combine: f64,
    /// The whole build, up to writing `report.json`.
    pub total: f64,
}

/// What became of one page (`built`, `reused`, `warnings-denied` or `failed` in the
/// JSON). Any `failed` page makes `banmian edition` exit with a failure.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Status {
    /// Laid out and written.
    Built,
    /// Its inputs had not changed: the previous PDF was kept as it is.
    Reused,
    /// It had warnings and `--deny-warnings` was given: not written.
    WarningsDenied,
    /// It could not be built: not written, the previous PDF left as it was.
    Failed,
}

/// One page's entry in `report.json`; the manifest keeps the last good one, so a
/// reused page reports it again.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct PageReport {
    /// The page's label (A01, B04, …), also the name of its PDF (`A01.pdf`).
    pub label: String,
    /// The page's spec file: the edition's `spec`, joined to the edition file's folder.
    pub spec: String,
    /// What became of the page in this build.
    pub status: Status,
    /// True exactly when `status` is `reused`.
    pub reused: bool,
    /// Warnings, each with `loc` (file, line, column) where the source has one.
    pub warnings: Vec<ReportDiagnostic>,
    /// Errors of a failed page.
    pub errors: Vec<ReportDiagnostic>,
    /// Characters (spaces not counted) of article text that did not fit, summed over
    /// the page's articles; text that jumped to another page is not overset. 0 for a
    /// failed page.
    pub overset_chars: usize,
    /// Milliseconds per stage of this build (zero for a reused page).
    pub timings_ms: StageTimings,
    /// The page's PDF (as it is on disk after this build), when there is one.
    pub output: Option<OutputFile>,
    /// Articles whose text continues on another page (转版).
    #[serde(default)]
    pub jumps: Vec<super::jumps::JumpReport>,
    /// What the page's PDF is made for: PDF/X-4 and its press condition (with the ICC
    /// profile's hash), or a plain PDF. The pages of one edition.pdf should agree.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub press: Option<String>,
}

/// A warning or error as `report.json` lists it.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct ReportDiagnostic {
    /// 1-based, per page: the number of the warning's box on the proof.
    pub number: usize,
    /// The diagnostic's own fields (severity, code, message, loc, context, hint,
    /// area), inlined into this object. Held as JSON because the manifest reads the
    /// report back and [`Diagnostic`] only serialises.
    #[serde(flatten)]
    pub diagnostic: serde_json::Value,
    /// The diagnostic as the terminal shows it (file:line:col: warning: …).
    pub text: String,
}

/// Wall-clock time of one page's pipeline stages ([`Timings`]), in milliseconds
/// rounded to µs.
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
pub struct StageTimings {
    /// Reading and parsing the spec.
    pub parse: f64,
    /// Resolving it into the model (files read), and taking in jumped text.
    pub resolve: f64,
    /// Loading the fonts: the built-in faces and the `[[fonts]]` files.
    pub fonts: f64,
    /// Composing the page (display list and warnings).
    pub layout: f64,
    /// Writing the PDF in memory (not to disk).
    pub pdf: f64,
}

/// A file the build wrote, or found in the output folder.
#[derive(Clone, Debug, Serialize, Deserialize, PartialEq)]
pub struct OutputFile {
    /// Relative to the output folder.
    pub path: String,
    /// SHA-256 of its bytes, lowercase hex: a reused page or edition is checked
    /// against it, so a PDF changed on disk is built again.
    pub sha256: String,
    /// Its size in bytes.
    pub bytes: u64,
}

impl PageReport {
    /// An empty report for page `label` built from `spec`: no diagnostics, no output,
    /// zero timings; `reused` follows `status`.
    pub fn new(label: &str, spec: &std::path::Path, status: Status) -> PageReport {
        PageReport {
            label: label.to_string(),
            spec: spec.display().to_string(),
            status,
            reused: status == Status::Reused,
            warnings: Vec::new(),
            errors: Vec::new(),
            overset_chars: 0,
            timings_ms: StageTimings::default(),
            output: None,
            jumps: Vec::new(),
            press: None,
        }
    }
}

/// Diagnostics as the report lists them, numbered from 1.
pub fn numbered(d: &Diagnostics) -> Vec<ReportDiagnostic> {
    d.iter()
        .enumerate()
        .map(|(i, d)| ReportDiagnostic {
            number: i + 1,
            diagnostic: to_value(d),
            text: d.to_string(),
        })
        .collect()
}

fn to_value(d: &Diagnostic) -> serde_json::Value {
    serde_json::to_value(d).unwrap_or(serde_json::Value::Null)
}

impl From<&Timings> for StageTimings {
    fn from(t: &Timings) -> StageTimings {
        let ms = |d: std::time::Duration| (d.as_secs_f64() * 1e6).round() / 1e3;
        StageTimings {
            parse: ms(t.parse),
            resolve: ms(t.resolve),
            fonts: ms(t.fonts),
            layout: ms(t.layout),
            pdf: ms(t.pdf),
        }
    }
}
