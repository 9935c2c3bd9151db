//! The `banmian` command: build a page to PDF, or check it without writing anything.
//!
//! Exit codes (for schedulers): 0 built (warnings printed), 1 warnings under
//! `--deny-warnings`, 2 the page could not be built (bad spec, missing file, …).

use clap::{Args, Parser, Subcommand};
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

/// Which files a build may read (docs/spec.md, "Running banmian as a service").
#[derive(Args, Clone, Debug)]
struct AccessArgs {
    /// Read only files inside this folder (default: the spec's or edition file's
    /// folder). Paths that leave it, also through links, are refused.
    #[arg(long, value_name = "DIR")]
    root: Option<PathBuf>,
    /// Read any file the spec names, wherever it is. For a trusted desk only: a spec
    /// could then print any file the process can read.
    #[arg(long, conflicts_with = "root")]
    allow_outside_root: bool,
    /// Change one of the build's limits, e.g. `--limit image-pixels=200M` (see
    /// docs/spec.md §18 for the names and defaults). Repeatable.
    #[arg(long = "limit", value_name = "NAME=VALUE", value_parser = parse_limit)]
    limits: Vec<String>,
}

/// Checks a `--limit` setting when the command line is read.
fn parse_limit(s: &str) -> Result<String, banmian::files::LimitError> {
    let mut limits = banmian::files::Limits::DEFAULT;
    limits.set(s).map(|()| s.to_string())
}

impl AccessArgs {
    fn access(&self) -> banmian::Access {
        match (&self.root, self.allow_outside_root) {
            (_, true) => banmian::Access::Anywhere,
            (Some(r), false) => banmian::Access::Root(r.clone()),
            (None, false) => banmian::Access::SpecFolder,
        }
    }

    /// The limits with the `--limit` settings applied (each checked by clap).
    fn limits(&self) -> banmian::files::Limits {
        let mut l = banmian::files::Limits::DEFAULT;
        for s in &self.limits {
            let _ = l.set(s);
        }
        l
    }

    /// Build options with these settings.
    fn build_options(&self) -> banmian::BuildOptions {
        banmian::BuildOptions {
            access: self.access(),
            limits: self.limits(),
            ..Default::default()
        }
    }
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
        #[command(flatten)]
        access: AccessArgs,
    },
    /// Lay out a page and report diagnostics and layout statistics; writes nothing.
    Check {
        spec: PathBuf,
        /// Print the report as JSON.
        #[arg(long)]
        json: bool,
        #[arg(long)]
        deny_warnings: bool,
        #[command(flatten)]
        access: AccessArgs,
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
        #[command(flatten)]
        access: AccessArgs,
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
        #[command(flatten)]
        access: AccessArgs,
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
        #[command(flatten)]
        access: AccessArgs,
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
    /// Print the JSON Schema of a page spec, a layout file or an edition file (for
    /// editors: completion, hover docs and validation as you type).
    Schema {
        /// page, layout or edition.
        #[arg(default_value = "page")]
        kind: String,
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
        #[command(flatten)]
        access: AccessArgs,
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
            access,
        } => {
            let opts = banmian::BuildOptions {
                marks: proof.then_some(true),
                ..access.build_options()
            };
            cmd::page::build(spec, output, &opts, (deny_warnings, timings))
        }
        Command::Check {
            spec,
            json,
            deny_warnings,
            access,
        } => cmd::page::check(spec, json, deny_warnings, &access.build_options()),
        Command::Layout {
            spec,
            json,
            output,
            access,
        } => cmd::page::layout(spec, json, output, &access.build_options()),
        Command::Proof {
            input,
            output,
            dpi,
            overlay,
            access,
        } => cmd::proof::run(
            input,
            output,
            banmian::render::proof::ProofOptions {
                dpi,
                overlays: overlay,
                max_pixels: access.limits().proof_pixels,
            },
            &access.build_options(),
        ),
        Command::Diff { a, b, output, json } => cmd::diff::run(a, b, output, json),
        Command::Schema { kind } => match banmian::schema::SchemaKind::from_name(&kind) {
            Some(k) => {
                cmd::out(format_args!("{}", banmian::schema::schema_json(k)));
                ExitCode::SUCCESS
            }
            None => {
                eprintln!("error: no schema named `{kind}`\n  hint: page, layout or edition");
                ExitCode::from(cmd::EXIT_FAILED)
            }
        },
        Command::Watch {
            spec,
            output,
            proof,
            dpi,
            max_rebuilds,
            access,
        } => cmd::watch::run(cmd::watch::WatchArgs {
            spec,
            build: access.build_options(),
            output,
            proof: proof.then(|| banmian::render::proof::ProofOptions {
                dpi,
                overlays: Default::default(),
                max_pixels: access.limits().proof_pixels,
            }),
            max_rebuilds,
        }),
        Command::Edition {
            edition,
            output,
            jobs,
            force,
            deny_warnings,
            access,
        } => cmd::edition::run(cmd::edition::EditionArgs {
            edition,
            build: access.build_options(),
            output,
            jobs,
            force,
            deny_warnings,
        }),
    }
}
