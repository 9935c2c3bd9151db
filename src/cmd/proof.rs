//! `banmian proof`: PNG proofs of a page or of every page of an edition.

use super::{print_diagnostics, EXIT_FAILED};
use banmian::render::proof::ProofOptions;
use rayon::prelude::*;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

/// One page to proof: its name in the output folder and its spec.
struct Job {
    name: String,
    spec: PathBuf,
}

pub fn run(input: PathBuf, out: PathBuf, opts: ProofOptions) -> ExitCode {
    let jobs = match jobs(&input) {
        Ok(j) => j,
        Err(d) => return super::fail(&d),
    };
    let results: Vec<Result<(), String>> =
        jobs.par_iter().map(|j| proof_one(j, &out, &opts)).collect();
    let failed = results.iter().filter(|r| r.is_err()).count();
    for e in results.iter().filter_map(|r| r.as_ref().err()) {
        eprintln!("{e}");
    }
    if failed > 0 {
        eprintln!(
            "banmian: {failed} of {} page(s) could not be proofed",
            jobs.len()
        );
        return ExitCode::from(EXIT_FAILED);
    }
    ExitCode::SUCCESS
}

/// The pages to proof: the edition's, or the one spec.
fn jobs(input: &Path) -> Result<Vec<Job>, banmian::diag::Diagnostics> {
    if is_edition(input) {
        let ed = banmian::edition::load(input)?;
        return Ok(ed
            .pages
            .into_iter()
            .map(|p| Job {
                name: p.label,
                spec: p.spec,
            })
            .collect());
    }
    let name = input
        .file_stem()
        .and_then(|s| s.to_str())
        .unwrap_or("page")
        .to_string();
    Ok(vec![Job {
        name,
        spec: input.to_path_buf(),
    }])
}

/// An edition file has an `[edition]` table; a page spec has `[page]`.
pub fn is_edition(path: &Path) -> bool {
    std::fs::read_to_string(path)
        .ok()
        .and_then(|s| s.parse::<toml::Table>().ok())
        .is_some_and(|t| t.contains_key("edition"))
}

fn proof_one(job: &Job, out: &Path, opts: &ProofOptions) -> Result<(), String> {
    let t = Instant::now();
    let (laid, _, png) = banmian::build_proof(&job.spec, opts).map_err(|d| {
        print_diagnostics(&d);
        format!("{}: not proofed", job.name)
    })?;
    print_diagnostics(&laid.composed.warnings);
    let path = out.join(format!("{}.png", job.name));
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
