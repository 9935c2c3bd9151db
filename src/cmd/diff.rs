//! `banmian diff`: compare two builds; exit 0 identical, 1 different, 2 unreadable.

use super::{EXIT_FAILED, EXIT_WARNINGS};
use std::path::PathBuf;
use std::process::ExitCode;

pub fn run(a: PathBuf, b: PathBuf, output: Option<PathBuf>, json: bool) -> ExitCode {
    let report = match banmian::diff::diff(&a, &b, output.as_deref()) {
        Ok(r) => r,
        Err(d) => {
            eprintln!("{d}");
            return ExitCode::from(EXIT_FAILED);
        }
    };
    if json {
        outln!(
            "{}",
            serde_json::to_string_pretty(&report).unwrap_or_default()
        );
    } else {
        for p in &report.changed {
            outln!("page {}: {} change(s)", p.label, p.changes.len());
            for c in &p.changes {
                outln!("  {}", c.detail);
            }
            if let Some(png) = &p.png {
                outln!("  highlighted: {}", png.display());
            }
        }
        outln!(
            "{} of {} page(s) changed",
            report.changed.len(),
            report.pages_compared
        );
    }
    if report.identical {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(EXIT_WARNINGS)
    }
}
