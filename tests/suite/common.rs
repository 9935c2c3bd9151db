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

/// Build options for the specs under `tests/`, which share the repository's samples,
/// fixtures and fonts: they may read anything inside the repository (`--root .`).
pub fn in_repo() -> banmian::BuildOptions {
    banmian::BuildOptions {
        access: banmian::Access::Root(env!("CARGO_MANIFEST_DIR").into()),
        ..Default::default()
    }
}

/// A fresh, empty scratch folder for one test (`suite` and `name` keep tests apart).
pub fn scratch(suite: &str, name: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("banmian-{suite}-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).unwrap();
    d
}

/// The configuration of the property tests: 64 cases from a fixed seed, so `cargo test`
/// checks the same cases on every machine and a red CI run is reproducible. For a
/// wider search set `PROPTEST_CASES` and `PROPTEST_RNG_SEED` (any number); a failure
/// found that way goes into the test's `.proptest-regressions` file, which is
/// replayed first on every run.
pub fn proptest_config() -> proptest::test_runner::Config {
    use proptest::test_runner::{Config, RngSeed};
    let cases = std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(64);
    let seeded = std::env::var_os("PROPTEST_RNG_SEED").is_some();
    let base = Config::default();
    Config {
        cases,
        rng_seed: if seeded {
            base.rng_seed
        } else {
            RngSeed::Fixed(0x6261_6e6d_6961_6e00) // "banmian"
        },
        ..base
    }
}
