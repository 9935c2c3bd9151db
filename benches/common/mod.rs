//! What every benchmark binary needs: how many runs, and the median of their times.
//! Each bench includes this module (`mod common;`) and uses what it needs.
#![allow(dead_code, reason = "each bench binary uses a part of this module")]

use std::time::Duration;

/// The median of `v` (the upper one of an even count).
pub fn median(mut v: Vec<Duration>) -> Duration {
    v.sort();
    v[v.len() / 2]
}

/// The median of `v` in milliseconds.
pub fn median_ms(v: Vec<Duration>) -> f64 {
    median(v).as_secs_f64() * 1000.0
}

/// Runs per case: the first command-line argument that is a number, else `default`
/// (`cargo bench --bench NAME -- 51`).
pub fn runs_from_args(default: usize) -> usize {
    std::env::args()
        .skip(1)
        .find_map(|a| a.parse().ok())
        .unwrap_or(default)
}

/// Runs per case: `BENCH_RUNS` if set to a number, else `default`.
pub fn runs_from_env(default: usize) -> usize {
    std::env::var("BENCH_RUNS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(default)
}
