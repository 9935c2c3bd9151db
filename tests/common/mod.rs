//! Helpers shared by the integration tests that run the `banmian` binary.
#![allow(dead_code, reason = "each test file uses the helpers it needs")]

use std::path::PathBuf;
use std::process::{Command, Output};

/// Runs the `banmian` binary built for this test run.
pub fn banmian(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_banmian"))
        .args(args)
        .output()
        .expect("banmian runs")
}

/// A fresh, empty scratch folder for one test (`suite` and `name` keep tests apart).
pub fn scratch(suite: &str, name: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("banmian-{suite}-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).unwrap();
    d
}
