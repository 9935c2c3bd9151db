//! `banmian proof`: PNG proofs of a page or of every page of an edition.

use super::{print_diagnostics, EXIT_FAILED};
use banmian::diag::Diagnostics;
use banmian::render::pdf::write_pdf;
use banmian::render::proof::ProofOptions;
use rayon::prelude::*;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

pub fn run(
    input: PathBuf,
    out: PathBuf,
    opts: ProofOptions,
    build: &banmian::BuildOptions,
) -> ExitCode {
    let pages = match lay_out(&input, build) {
        Ok(p) => p,
        Err(d) => return super::fail(&d),
    };
    let results: Vec<Result<(), String>> = pages
        .into_par_iter()
        .map(|(name, laid)| proof_one(&name, laid, &out, &opts))
        .collect();
    let failed = results.iter().filter(|r| r.is_err()).count();
    for e in results.iter().filter_map(|r| r.as_ref().err()) {
        eprintln!("{e}");
    }
    if failed > 0 {
        eprintln!(
            "banmian: {failed} of {} page(s) could not be proofed",
            results.len()
        );
        return ExitCode::from(EXIT_FAILED);
    }
    ExitCode::SUCCESS
}

type Laid = Result<banmian::LaidOut, Diagnostics>;

/// The pages to proof, laid out, with their names: the edition's (with the text that
/// jumps between them), or the one spec.
fn lay_out(
    input: &Path,
    build: &banmian::BuildOptions,
) -> Result<Vec<(String, Laid)>, Diagnostics> {
    if is_edition(input) {
        let ed = banmian::edition::load_with(input, &build.access, &build.limits)?;
        let laid = banmian::edition::lay_out_pages(&ed);
        return Ok(ed.pages.into_iter().map(|p| p.label).zip(laid).collect());
    }
    let name = input
        .file_stem()
        .and_then(|s| s.to_str())
        .unwrap_or("page")
        .to_string();
    Ok(vec![(name, banmian::lay_out_with(input, build))])
}

/// An edition file has an `[edition]` table; a page spec has `[page]`. Read as any
/// spec is (a regular file, within the spec limit), so a pipe is not waited on.
pub fn is_edition(path: &Path) -> bool {
    use banmian::files::{FileKind, Files};
    let disk = banmian::files::Disk::unconfined();
    Files::new(&disk)
        .read_text(path, FileKind::Spec)
        .ok()
        .and_then(|s| s.parse::<toml::Table>().ok())
        .is_some_and(|t| t.contains_key("edition"))
}

fn proof_one(name: &str, laid: Laid, out: &Path, opts: &ProofOptions) -> Result<(), String> {
    let t = Instant::now();
    let not_proofed = |d: &Diagnostics| {
        print_diagnostics(d);
        format!("{name}: not proofed")
    };
    let laid = laid.map_err(|d| not_proofed(&d))?;
    print_diagnostics(&laid.composed.warnings);
    let pdf = write_pdf(
        &laid.composed.doc,
        &laid.fonts,
        &banmian::pdf_options(&laid.model.output),
    )
    .map_err(|d| not_proofed(&d.into()))?;
    let png = banmian::proof_png(&laid, &pdf, opts).map_err(|d| not_proofed(&d.into()))?;
    let path = out.join(format!("{name}.png"));
    if let Some(input) = banmian::output_overwrites_input(&path, &laid.model) {
        return Err(not_proofed(&banmian::output_is_input(&path, &input).into()));
    }
    banmian::write_atomically(&path, &png)
        .map_err(|e| format!("cannot write {}: {e}", path.display()))?;
    eprintln!(
        "wrote {} ({:.0} ms, {} bytes)",
        path.display(),
        t.elapsed().as_secs_f64() * 1000.0,
        png.len()
    );
    Ok(())
}
