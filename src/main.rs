//! The `banmian` command: build a page to PDF, or check it without writing anything.
//!
//! Exit codes (for schedulers): 0 built (warnings printed), 1 warnings under
//! `--deny-warnings`, 2 the page could not be built (bad spec, missing file, …).

use banmian::diag::{Diagnostics, Severity};
use clap::{Parser, Subcommand};
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Parser)]
#[command(
    name = "banmian",
    version,
    about = "版面 — newspaper page layout: TOML page spec in, print-ready PDF out"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Lay out a page and write its PDF.
    Build {
        /// The page spec (TOML).
        spec: PathBuf,
        /// Where to write the PDF (default: the spec's path with `.pdf`).
        #[arg(short, long)]
        output: Option<PathBuf>,
        /// Fail (exit 1, no PDF written) when there are warnings.
        #[arg(long)]
        deny_warnings: bool,
        /// Print how long each stage took.
        #[arg(long)]
        timings: bool,
        /// A proof: crop and registration marks, colour bar and slug line outside the
        /// trim (the media box grows to hold them). Without it the spec's
        /// `[output] marks` decides; press output has none.
        #[arg(long)]
        proof: bool,
    },
    /// Lay out a page and report diagnostics and layout statistics; writes nothing.
    Check {
        spec: PathBuf,
        /// Print the report as JSON.
        #[arg(long)]
        json: bool,
        #[arg(long)]
        deny_warnings: bool,
    },
}

const EXIT_WARNINGS: u8 = 1;
const EXIT_FAILED: u8 = 2;

fn main() -> ExitCode {
    match Cli::parse().command {
        Command::Build {
            spec,
            output,
            deny_warnings,
            timings,
            proof,
        } => {
            let opts = banmian::BuildOptions {
                marks: proof.then_some(true),
            };
            build(spec, output, &opts, (deny_warnings, timings))
        }
        Command::Check {
            spec,
            json,
            deny_warnings,
        } => check(spec, json, deny_warnings),
    }
}

fn print_diagnostics(d: &Diagnostics) {
    for d in d.iter() {
        eprintln!("{d}");
    }
}

fn fail(d: &Diagnostics) -> ExitCode {
    print_diagnostics(d);
    let n = d.iter().filter(|d| d.severity == Severity::Error).count();
    eprintln!("banmian: {n} error(s); nothing was written");
    ExitCode::from(EXIT_FAILED)
}

fn build(
    spec: PathBuf,
    output: Option<PathBuf>,
    opts: &banmian::BuildOptions,
    (deny_warnings, timings): (bool, bool),
) -> ExitCode {
    let (laid, pdf) = match banmian::build_pdf_with(&spec, opts) {
        Ok(x) => x,
        Err(d) => return fail(&d),
    };
    let warnings = &laid.composed.warnings;
    print_diagnostics(warnings);
    if deny_warnings && !warnings.is_empty() {
        eprintln!(
            "banmian: {} warning(s) and --deny-warnings; the PDF was not written",
            warnings.0.len()
        );
        return ExitCode::from(EXIT_WARNINGS);
    }
    let out = output.unwrap_or_else(|| spec.with_extension("pdf"));
    if let Err(e) = banmian::write_atomically(&out, &pdf) {
        eprintln!("error: cannot write {}: {e}", out.display());
        return ExitCode::from(EXIT_FAILED);
    }
    if timings {
        let t = &laid.timings;
        let ms = |d: std::time::Duration| d.as_secs_f64() * 1000.0;
        eprintln!(
            "timings: parse {:.2} ms, resolve {:.2} ms, fonts {:.2} ms, layout {:.2} ms, pdf {:.2} ms",
            ms(t.parse), ms(t.resolve), ms(t.fonts), ms(t.layout), ms(t.pdf)
        );
    }
    eprintln!("wrote {} ({} bytes)", out.display(), pdf.len());
    ExitCode::SUCCESS
}

fn check(spec: PathBuf, json: bool, deny_warnings: bool) -> ExitCode {
    let laid = match banmian::lay_out(&spec) {
        Ok(l) => l,
        Err(d) => {
            if json {
                println!("{}", serde_json::json!({ "ok": false, "diagnostics": d }));
            }
            return fail(&d);
        }
    };
    let warnings = &laid.composed.warnings;
    if json {
        let report = serde_json::json!({
            "ok": true,
            "diagnostics": warnings,
            "layout": laid.composed.report,
            "timings": laid.timings,
        });
        println!(
            "{}",
            serde_json::to_string_pretty(&report).unwrap_or_default()
        );
    } else {
        print_diagnostics(warnings);
        for a in laid
            .composed
            .report
            .articles
            .iter()
            .filter(|a| a.tracking_em != 0.0)
        {
            println!(
                "article `{}`: copyfit set the body with {:+.3} em tracking",
                a.id, a.tracking_em
            );
        }
        for a in &laid.composed.report.articles {
            println!(
                "article `{}`: {} paragraphs, {} of {} grid lines used, {} characters overset",
                a.id, a.paragraphs, a.slots_used, a.slots, a.overset_chars
            );
        }
    }
    if deny_warnings && !warnings.is_empty() {
        return ExitCode::from(EXIT_WARNINGS);
    }
    ExitCode::SUCCESS
}
