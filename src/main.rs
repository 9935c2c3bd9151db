//! The `banmian` command: build a page to PDF, or check it without writing anything.
//!
//! Exit codes (for schedulers): 0 built (warnings printed), 1 warnings under
//! `--deny-warnings`, 2 the page could not be built (bad spec, missing file, …).

use clap::{Parser, Subcommand};
use std::path::PathBuf;
use std::process::ExitCode;

mod cmd;

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
    /// Lay out a page and print what went where: every item and set line with its
    /// position (`--json`: the stable dump that snapshot tests and `diff` read).
    Layout {
        spec: PathBuf,
        /// Print the layout dump as JSON.
        #[arg(long)]
        json: bool,
        /// Write to this file instead of standard output.
        #[arg(short, long)]
        output: Option<PathBuf>,
    },
    /// Build every page of an edition in parallel: each page's PDF, the combined
    /// edition PDF and report.json. Unchanged pages are reused.
    Edition {
        /// The edition file (TOML: [edition] and [[page]] label + spec).
        edition: PathBuf,
        /// The output folder.
        #[arg(short, long)]
        output: PathBuf,
        /// Pages built at once (default: one per core).
        #[arg(short, long)]
        jobs: Option<usize>,
        /// Rebuild every page even when its inputs have not changed.
        #[arg(long)]
        force: bool,
        /// Exit 1 and write no page that has warnings.
        #[arg(long)]
        deny_warnings: bool,
    },
    /// Render PNG proofs of a page (or of every page of an edition) from its PDF, with
    /// optional overlays: grid, overset, warnings (numbered as in report.json).
    Proof {
        /// A page spec or an edition file.
        input: PathBuf,
        /// The output folder (one PNG per page, named by the spec or the page label).
        #[arg(short, long)]
        output: PathBuf,
        /// Resolution: the PNG is the page's media box at this many pixels per inch.
        #[arg(long, default_value_t = banmian::render::proof::DEFAULT_DPI)]
        dpi: f64,
        /// Overlays, comma-separated: grid, overset, warnings (or all).
        #[arg(long, default_value = "")]
        overlay: banmian::render::proof::Overlays,
    },
    /// Compare two PDFs, two layout dumps or two edition output folders: which pages
    /// changed and how. Exit 0 identical, 1 different.
    Diff {
        a: PathBuf,
        b: PathBuf,
        /// Write a PNG per changed page, changed regions highlighted, into this folder.
        #[arg(short, long)]
        output: Option<PathBuf>,
        /// Print the comparison as JSON.
        #[arg(long)]
        json: bool,
    },
    /// Rebuild a page's PDF whenever its spec or any file it reads changes.
    Watch {
        spec: PathBuf,
        /// Where to write the PDF (default: the spec's path with `.pdf`).
        #[arg(short, long)]
        output: Option<PathBuf>,
        /// Also write a PNG proof beside the PDF on each rebuild.
        #[arg(long)]
        proof: bool,
        #[arg(long, default_value_t = banmian::render::proof::DEFAULT_DPI)]
        dpi: f64,
        /// Stop after this many rebuilds (for scripts).
        #[arg(long, hide = true)]
        max_rebuilds: Option<usize>,
    },
}

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
                ..Default::default()
            };
            cmd::page::build(spec, output, &opts, (deny_warnings, timings))
        }
        Command::Check {
            spec,
            json,
            deny_warnings,
        } => cmd::page::check(spec, json, deny_warnings),
        Command::Layout { spec, json, output } => cmd::page::layout(spec, json, output),
        Command::Proof {
            input,
            output,
            dpi,
            overlay,
        } => cmd::proof::run(
            input,
            output,
            banmian::render::proof::ProofOptions {
                dpi,
                overlays: overlay,
            },
        ),
        Command::Diff { a, b, output, json } => cmd::diff::run(a, b, output, json),
        Command::Watch {
            spec,
            output,
            proof,
            dpi,
            max_rebuilds,
        } => cmd::watch::run(cmd::watch::WatchArgs {
            spec,
            output,
            proof: proof.then(|| banmian::render::proof::ProofOptions {
                dpi,
                overlays: Default::default(),
            }),
            max_rebuilds,
        }),
        Command::Edition {
            edition,
            output,
            jobs,
            force,
            deny_warnings,
        } => cmd::edition::run(cmd::edition::EditionArgs {
            edition,
            output,
            jobs,
            force,
            deny_warnings,
        }),
    }
}
