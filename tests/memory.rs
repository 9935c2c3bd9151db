//! Memory across rebuilds (its own process, so no other test's allocations count): 200
//! layouts and PDFs of a page that declares a 4 MB font file under `[[fonts]]` must
//! not grow the resident set by more than 10 MB. Font files used to be leaked on every
//! layout (4 MB × 200 = 800 MB here); they are now shared and freed with the page.

use std::path::Path;

const REBUILDS: usize = 200;
const ALLOWED_GROWTH_KB: u64 = 10 * 1024;

/// Resident set size of this process in KiB (Linux `/proc/self/statm`).
fn rss_kb() -> Option<u64> {
    let statm = std::fs::read_to_string("/proc/self/statm").ok()?;
    let pages: u64 = statm.split_whitespace().nth(1)?.parse().ok()?;
    Some(pages * 4)
}

fn main() {
    let spec = Path::new("tests/editions/own-fonts/kai-file-head.toml");
    let opts = banmian::BuildOptions {
        access: banmian::Access::Root(env!("CARGO_MANIFEST_DIR").into()),
        ..Default::default()
    };
    let build = || {
        let laid = banmian::lay_out_with(spec, &opts).expect("the page lays out");
        let pdf = banmian::write_pdf(&laid).expect("the PDF is written");
        assert!(pdf.starts_with(b"%PDF-"));
    };
    // Warm up: lazily built tables and the allocator's first arenas are not growth.
    for _ in 0..5 {
        build();
    }
    let Some(before) = rss_kb() else {
        println!("memory: no /proc/self/statm here; skipped");
        return;
    };
    for _ in 0..REBUILDS {
        build();
    }
    let after = rss_kb().unwrap_or(before);
    let growth = after.saturating_sub(before);
    println!(
        "memory: {REBUILDS} rebuilds with a declared font: RSS {before} KiB -> {after} KiB (+{growth} KiB)"
    );
    assert!(
        growth <= ALLOWED_GROWTH_KB,
        "RSS grew by {growth} KiB over {REBUILDS} rebuilds (allowed {ALLOWED_GROWTH_KB} KiB)"
    );
}
