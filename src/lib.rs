//! banmian (版面): a newspaper print-layout engine.
//!
//! The pipeline, one module per stage:
//! spec (parse TOML) → resolve (units, defaults, files → typed model) → fonts →
//! text (character classes, break opportunities) → linebreak (line composition) →
//! compose (grid, columns, articles, photos → display list) → render (PDF).

#![allow(
    clippy::result_large_err,
    reason = "a Diagnostic is returned only when a build fails: the cold path, once per page"
)]

/// The README's examples, compiled and run as doctests.
#[doc = include_str!("../README.md")]
#[cfg(doctest)]
pub struct ReadmeDoctests;

pub mod compose;
pub mod date;
pub mod diag;
pub mod diff;
pub mod display;
pub mod dump;
pub mod edition;
pub mod files;
pub mod fonts;
pub mod graphic;
pub mod icc;
pub mod jpeg;
pub mod linebreak;
pub mod render;
pub mod resolve;
pub mod schema;
pub mod spec;
pub mod text;
pub mod units;

use crate::diag::Code;
use diag::Diagnostics;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

/// Wall-clock time of each pipeline stage.
#[derive(Clone, Debug, Default, serde::Serialize)]
pub struct Timings {
    /// Reading and parsing the TOML spec.
    pub parse: Duration,
    /// Resolving the spec into the model (reading text and image files included) and
    /// taking in text continued from other pages.
    pub resolve: Duration,
    /// Loading the built-in and declared font files.
    pub fonts: Duration,
    /// Composition: line breaking, column flow and the display list.
    pub layout: Duration,
    /// Writing the PDF; zero when no PDF was written (a `check`, a layout only).
    pub pdf: Duration,
    /// The PDF stage part by part (empty until the PDF is written; printed by
    /// `build --timings`, not part of `check --json`).
    #[serde(skip)]
    pub pdf_parts: render::pdf::PdfTimings,
}

/// A page laid out: the model, the fonts, the display list and what was found on the way.
pub struct LaidOut {
    /// The resolved page (with `--marks` applied and continued text taken in).
    pub model: resolve::Model,
    /// The parsed faces, indexed by the model's `FontId`s.
    pub fonts: fonts::FontBook,
    /// The display list, layout report and warnings (errors never: they come back as
    /// `Err`).
    pub composed: compose::Composed,
    /// Time per stage; `pdf` stays zero until the PDF is written.
    pub timings: Timings,
}

/// What the command line may change about a build after the spec has had its say.
#[derive(Clone, Debug, Default)]
pub struct BuildOptions {
    /// `Some(true)`: proof marks on (`banmian build --proof`), whatever the spec says.
    pub marks: Option<bool>,
    /// Within an edition: the text that jumped from other pages, for the articles that
    /// continue them (see [`compose::jumps`]). `None` outside an edition.
    pub continued: Option<std::sync::Arc<compose::jumps::Continuations>>,
    /// Which files on disk the build may read (see [`files`]).
    pub access: Access,
    /// The build's budgets: bytes read, pixels, memory, counts (see
    /// [`files::Limits`]).
    pub limits: files::Limits,
}

/// Which files on disk a build may read.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub enum Access {
    /// Only files inside the spec's folder (the default).
    #[default]
    SpecFolder,
    /// Only files inside this folder (`--root DIR`).
    Root(PathBuf),
    /// Any file the process may read (`--allow-outside-root`, for trusted desks).
    Anywhere,
}

impl Access {
    /// The disk source for a spec (or edition file) at `path`.
    pub fn disk(&self, path: &Path) -> Result<files::Disk, Diagnostics> {
        let root = match self {
            Access::Anywhere => return Ok(files::Disk::unconfined()),
            Access::Root(r) => r.as_path(),
            Access::SpecFolder => path.parent().unwrap_or(Path::new(".")),
        };
        files::Disk::confined_to(root).map_err(|e| {
            diag::Diagnostic::new(
                diag::Code::IoRead,
                format!(
                    "cannot use {} as the folder to read from ({e})",
                    root.display()
                ),
            )
            .hint("give an existing folder with --root, or check the spec's path")
            .into()
        })
    }
}

/// Runs the pipeline up to the display list: spec → model → fonts → layout, reading
/// the spec's files from disk (inside the spec's folder).
pub fn lay_out(spec_path: &Path) -> Result<LaidOut, Diagnostics> {
    lay_out_with(spec_path, &BuildOptions::default())
}

/// [`lay_out`] with the command line's overrides.
pub fn lay_out_with(spec_path: &Path, opts: &BuildOptions) -> Result<LaidOut, Diagnostics> {
    let disk = opts.access.disk(spec_path)?;
    lay_out_from(spec_path, &disk, opts)
}

/// Lays out a page whose spec and files come from `source` (files on disk, in memory,
/// or anywhere a [`files::Source`] can reach): `spec_path` names the spec in it, and
/// relative paths in the spec are taken from its folder.
///
/// ```
/// use banmian::files::Memory;
/// let spec = r#"
/// [page]
/// layout = "tabloid"
///
/// [[article]]
/// headline = "高新区举办专题培训"
/// body_file = "body.txt"
/// place = { column = 1, span = 2, top = 0, height = 20 }
/// "#;
/// let files = Memory::new()
///     .with("page.toml", spec.as_bytes().to_vec())
///     .with("body.txt", "第一段正文。".as_bytes().to_vec());
/// let page = banmian::lay_out_from("page.toml".as_ref(), &files, &Default::default())?;
/// let pdf = banmian::write_pdf(&page)?;
/// assert!(pdf.starts_with(b"%PDF-"));
/// # Ok::<(), banmian::diag::Diagnostics>(())
/// ```
pub fn lay_out_from(
    spec_path: &Path,
    source: &dyn files::Source,
    opts: &BuildOptions,
) -> Result<LaidOut, Diagnostics> {
    let files = files::Files::with_limits(source, opts.limits);
    let mut timings = Timings::default();
    let t = Instant::now();
    let file = spec::load(&files, spec_path)?;
    timings.parse = t.elapsed();

    let t = Instant::now();
    let mut model = resolve::resolve(&file, &files)?;
    if let Some(marks) = opts.marks {
        model.output.marks = marks;
    }
    let taken_in = compose::jumps::take_in(&mut model, opts.continued.as_deref());
    timings.resolve = t.elapsed();

    let t = Instant::now();
    let fonts = load_fonts(&model)?;
    timings.fonts = t.elapsed();

    let t = Instant::now();
    let mut composed = compose::compose(&model, &fonts);
    composed.warnings.0.splice(0..0, taken_in.0);
    // Composition finds a few things that stop the build (a head with no room): those
    // are what the user must fix first, so they come back alone.
    if composed.warnings.has_errors() {
        let errors = composed
            .warnings
            .iter()
            .filter(|d| d.severity == diag::Severity::Error)
            .cloned()
            .collect();
        return Err(diag::Diagnostics(errors));
    }
    timings.layout = t.elapsed();
    Ok(LaidOut {
        model,
        fonts,
        composed,
        timings,
    })
}

/// The built-in faces plus the font files the spec declares, at their catalog ids.
fn load_fonts(model: &resolve::Model) -> Result<fonts::FontBook, Diagnostics> {
    fonts::FontBook::load(&model.fonts).map_err(|(f, e)| {
        e.diagnostic()
            .about(format_args!("font {}", f.path.display()))
            .at(f.loc.clone())
            .into()
    })
}

/// Serialises a laid-out page as PDF (the spec's `[output]` decides PDF/X).
pub fn write_pdf(laid: &LaidOut) -> Result<Vec<u8>, Diagnostics> {
    write_pdf_timed(laid).map(|(pdf, _)| pdf)
}

/// [`write_pdf`], also saying where the PDF stage's time went.
pub fn write_pdf_timed(laid: &LaidOut) -> Result<(Vec<u8>, render::pdf::PdfTimings), Diagnostics> {
    Ok(render::pdf::write_pdf_timed(
        &laid.composed.doc,
        &laid.fonts,
        &pdf_options(&laid.model.output),
    )?)
}

/// Lays out a page and serialises it as PDF.
pub fn build_pdf(spec_path: &Path) -> Result<(LaidOut, Vec<u8>), Diagnostics> {
    build_pdf_with(spec_path, &BuildOptions::default())
}

/// [`build_pdf`] with the command line's overrides.
pub fn build_pdf_with(
    spec_path: &Path,
    opts: &BuildOptions,
) -> Result<(LaidOut, Vec<u8>), Diagnostics> {
    let mut laid = lay_out_with(spec_path, opts)?;
    let t = Instant::now();
    let (pdf, parts) = write_pdf_timed(&laid)?;
    laid.timings.pdf = t.elapsed();
    laid.timings.pdf_parts = parts;
    Ok((laid, pdf))
}

/// The PDF writer's settings for the spec's `[output]`: PDF/X-4 for its press profile
/// (or the built-in newsprint one), or a plain PDF.
pub fn pdf_options(output: &resolve::Output) -> render::pdf::PdfOptions {
    use render::pdf::{OutputIntent, PdfOptions};
    let intent = match &output.profile {
        None => OutputIntent::newsprint(),
        Some(p) => OutputIntent {
            icc: p.icc.clone().into(),
            condition: p.condition.clone(),
            info: p.info.clone(),
            registry: p.registry.clone(),
        },
    };
    PdfOptions {
        pdfx: output.pdfx.then_some(intent),
        ..PdfOptions::default()
    }
}

/// Lays out a page, writes its PDF in memory and rasterises that to a PNG proof with
/// the overlays asked for. Returns the laid-out page, the PDF and the PNG.
pub fn build_proof(
    spec_path: &Path,
    opts: &render::proof::ProofOptions,
) -> Result<(LaidOut, Vec<u8>, Vec<u8>), Diagnostics> {
    let (laid, pdf) = build_pdf(spec_path)?;
    let png = proof_png(&laid, &pdf, opts)?;
    Ok((laid, pdf, png))
}

/// The PNG proof of a laid-out page from its PDF.
pub fn proof_png(
    laid: &LaidOut,
    pdf: &[u8],
    opts: &render::proof::ProofOptions,
) -> Result<Vec<u8>, diag::Diagnostic> {
    let page =
        laid.composed.doc.pages.first().ok_or_else(|| {
            diag::Diagnostic::new(Code::ProofNoPage, "the layout produced no page")
        })?;
    let layout = render::proof::ProofPage {
        page,
        grid: &laid.model.grid,
        report: &laid.composed.report,
        warnings: &laid.composed.warnings,
    };
    // Checked here too, before rendering, so the refusal points at the page's size.
    let media = (page.media.w.0, page.media.h.0);
    render::proof::check_pixels(media, opts.dpi, opts.max_pixels)
        .map_err(|d| d.at(laid.model.size_loc.clone()))?;
    render::proof::render_page(pdf, 0, Some(&layout), opts)
}

/// The layout dump of a laid-out page, labelled `label` (see [`dump`]).
pub fn dump_layout(label: &str, laid: &LaidOut) -> dump::LayoutDump {
    dump::LayoutDump::new(dump::page(label, &laid.composed, &laid.fonts))
}

/// The input of a page that writing to `out` would overwrite (`-o page.toml`), if any:
/// paths are compared after symbolic links are resolved.
pub fn output_overwrites_input(out: &Path, model: &resolve::Model) -> Option<PathBuf> {
    let real = |p: &Path| -> Option<PathBuf> {
        p.canonicalize().ok().or_else(|| {
            let dir = p.parent().filter(|d| !d.as_os_str().is_empty());
            Some(
                dir.unwrap_or(Path::new("."))
                    .canonicalize()
                    .ok()?
                    .join(p.file_name()?),
            )
        })
    };
    let target = real(out)?;
    model
        .inputs
        .iter()
        .find(|p| real(p).is_some_and(|r| r == target))
        .cloned()
}

/// The diagnostic for an output path that is one of the build's inputs.
pub fn output_is_input(out: &Path, input: &Path) -> diag::Diagnostic {
    diag::Diagnostic::new(
        Code::IoWrite,
        format!(
            "refusing to write the output to {}: it is {}, an input of the page",
            out.display(),
            input.display()
        ),
    )
    .hint("give another output path with -o (the PDF is usually the spec's name with .pdf)")
}

/// Writes `bytes` to `path` through a temporary file in the same folder and a rename, so
/// a reader never sees half a file and a failed build never destroys the previous one.
pub fn write_atomically(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    write_via_temp(path, bytes, true)
}

/// [`write_atomically`] without waiting for the disk (no fsync): for files that are
/// derived and checked on reading (layout dumps, the incremental-build manifest), where
/// a power cut may cost a rebuild but never a wrong output. An fsync costs about as
/// much as laying out a page.
pub fn write_atomically_unsynced(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    write_via_temp(path, bytes, false)
}

/// The end of a temporary file's name: `.NAME.PID.RANDOM.banmian-tmp`.
pub const TEMP_SUFFIX: &str = ".banmian-tmp";

/// A temporary file left by a process that is gone, or older than this, is removed by
/// the next write of the same name.
const STALE_TEMP: Duration = Duration::from_secs(24 * 3600);

/// The temporary file is created exclusively (`O_EXCL`: a file or symbolic link planted
/// at its name is never followed or overwritten) under a name with a random part, in
/// the target's folder (so the rename cannot cross file systems). It is removed when
/// anything fails; stale ones of the same target (a killed build's) are removed first.
fn write_via_temp(path: &Path, bytes: &[u8], sync: bool) -> std::io::Result<()> {
    use std::io::Write;
    let dir = path
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    std::fs::create_dir_all(dir)?;
    let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("out");
    remove_stale_temps(dir, name);
    let prefix = format!(".{name}.{}.", std::process::id());
    let mut builder = tempfile::Builder::new();
    builder.prefix(&prefix).suffix(TEMP_SUFFIX);
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        // Readable as an ordinary output file (the umask still applies).
        builder.permissions(std::fs::Permissions::from_mode(0o666));
    }
    let mut tmp = builder.tempfile_in(dir)?;
    tmp.write_all(bytes)?;
    if sync {
        tmp.as_file().sync_all()?;
    }
    // On failure the temporary file is dropped, which removes it.
    tmp.persist(path).map_err(|e| e.error)?;
    Ok(())
}

/// Removes temporary files of `name` in `dir` left by a process that no longer runs
/// (or, where that cannot be told, older than a day), including the older pattern
/// `.NAME.PID.tmp`.
fn remove_stale_temps(dir: &Path, name: &str) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    let prefix = format!(".{name}.");
    for entry in entries.flatten() {
        let file = entry.file_name();
        let Some(rest) = file.to_str().and_then(|f| f.strip_prefix(&prefix)) else {
            continue;
        };
        let Some(pid) = rest
            .strip_suffix(TEMP_SUFFIX)
            .and_then(|r| r.split_once('.'))
            .map(|(pid, _)| pid)
            .or_else(|| rest.strip_suffix(".tmp"))
            .and_then(|pid| pid.parse::<u32>().ok())
        else {
            continue;
        };
        let Ok(meta) = entry.path().symlink_metadata() else {
            continue;
        };
        let old = meta
            .modified()
            .ok()
            .and_then(|m| m.elapsed().ok())
            .is_some_and(|age| age > STALE_TEMP);
        let proc = Path::new("/proc");
        let gone = pid != std::process::id()
            && proc.join("self").exists()
            && !proc.join(pid.to_string()).exists();
        if gone || old {
            let _ = std::fs::remove_file(entry.path());
        }
    }
}
