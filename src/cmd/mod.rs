//! The subcommands, one file per kind of work; shared printing and exit codes here.
//!
//! Exit codes (for schedulers): 0 done, 1 warnings under `--deny-warnings` (or, for
//! `diff`, "different"), 2 something could not be built or read.

/// `println!` to standard output that does not panic when the reader has gone
/// (`banmian layout page.toml | head`): see [`out`].
macro_rules! outln {
    ($($t:tt)*) => {
        $crate::cmd::out(format_args!("{}\n", format_args!($($t)*)))
    };
}

pub mod diff;
pub mod edition;
pub mod page;
pub mod proof;
pub mod watch;

use banmian::diag::{Diagnostics, Severity};
use std::process::ExitCode;

pub const EXIT_WARNINGS: u8 = 1;

/// Writes to standard output. A reader that has gone (a closed pipe) ends the output
/// quietly instead of a panic; any other failure is said on standard error.
pub fn out(args: std::fmt::Arguments<'_>) {
    use std::io::Write;
    if let Err(e) = std::io::stdout().lock().write_fmt(args) {
        if e.kind() != std::io::ErrorKind::BrokenPipe {
            eprintln!("error: cannot write to standard output: {e}");
        }
    }
}
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
