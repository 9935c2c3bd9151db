//! The subcommands, one file per kind of work; shared printing and exit codes here.
//!
//! Exit codes (for schedulers): 0 done, 1 warnings under `--deny-warnings` (or, for
//! `diff`, "different"), 2 something could not be built or read.

pub mod diff;
pub mod edition;
pub mod page;
pub mod proof;
pub mod watch;

use banmian::diag::{Diagnostics, Severity};
use std::process::ExitCode;

pub const EXIT_WARNINGS: u8 = 1;
pub const EXIT_FAILED: u8 = 2;

pub fn print_diagnostics(d: &Diagnostics) {
    for d in d.iter() {
        eprintln!("{d}");
    }
}

pub fn fail(d: &Diagnostics) -> ExitCode {
    print_diagnostics(d);
    let n = d.iter().filter(|d| d.severity == Severity::Error).count();
    eprintln!("banmian: {n} error(s); nothing was written");
    ExitCode::from(EXIT_FAILED)
}
