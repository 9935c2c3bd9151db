//! The PDF stage of a page, part by part: font subsetting (per font), the fonts' maps
//! and compression, content streams and their compression, images, ICC profiles,
//! placed graphics (copying a PDF ad's objects), writing the objects, XMP and the other
//! dictionaries, hashing. Medians of several runs of the writer over one laid-out page
//! (layout is done once, outside).
//!
//! Pages: the sample (samples/zibo-gaoxin), the front page (samples/front-page: a
//! placed PDF ad and a masthead), the graphics test page (tests/specs/
//! graphics-ad-module.toml: a Ghostscript ad and an SVG chart) and, when
//! `cargo bench --bench graphics` has written it, its page with four 1 MB ads
//! (target/bench-graphics/page.toml).
//!
//! Two cases: a cold cache (a new [`PdfCache`] each run: what one `banmian build`
//! process does) and a warm one (the cache kept: what `watch` and the pages of an
//! edition meet when a font's glyph set has been seen before).
//! `cargo bench --bench pdf` (add `-- 51` for more runs; `RAYON_NUM_THREADS=1` for one
//! thread).

mod common;
use common::median_ms;

use banmian::render::pdf::{self, PdfCache, PdfTimings};
use std::path::Path;
use std::time::Duration;

/// Reads one part out of a run's timings.
type Part<'a> = dyn Fn(&PdfTimings) -> Duration + 'a;

fn main() {
    let runs = common::runs_from_args(31);
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let pages = [
        ("sample page", "samples/zibo-gaoxin/page.toml"),
        ("front page", "samples/front-page/page.toml"),
        ("graphics test page", "tests/specs/graphics-ad-module.toml"),
        ("page with four 1 MB ads", "target/bench-graphics/page.toml"),
    ];
    for (name, path) in pages {
        let spec = root.join(path);
        if !spec.exists() {
            println!("{name}: {path} not found (run `cargo bench --bench graphics` first)");
            continue;
        }
        let opts = banmian::BuildOptions {
            access: banmian::Access::Root(root.to_path_buf()),
            ..Default::default()
        };
        let laid = banmian::lay_out_with(&spec, &opts).expect("page lays out");
        bench_page(name, &laid, runs);
    }
}

fn bench_page(name: &str, laid: &banmian::LaidOut, runs: usize) {
    let opts = banmian::pdf_options(&laid.model.output);
    let warm = PdfCache::new();
    for (case, shared) in [("cold cache", None), ("warm cache", Some(&warm))] {
        let mut all: Vec<PdfTimings> = Vec::with_capacity(runs);
        let mut size = 0;
        for _ in 0..runs {
            let fresh = PdfCache::new();
            let cache = shared.unwrap_or(&fresh);
            let (bytes, t) = pdf::write_pdf_cached(&laid.composed.doc, &laid.fonts, &opts, cache)
                .expect("page writes");
            size = bytes.len();
            all.push(t);
        }
        report(&format!("{name} PDF ({size} bytes), {case}"), &all);
    }
}

fn report(title: &str, all: &[PdfTimings]) {
    let part = |f: &Part<'_>| median_ms(all.iter().map(f).collect());
    println!("{title}, {} runs, median ms:", all.len());
    let rows: [(&str, &Part<'static>); 14] = [
        ("collect", &|t| t.collect),
        ("prepare (wall)", &|t| t.prepare),
        ("  content streams", &|t| t.content),
        ("    compression", &|t| t.content_compress),
        ("  fonts (all)", &|t| t.fonts_total()),
        ("  images", &|t| t.images),
        ("  ICC profiles", &|t| t.icc),
        ("placed graphics", &|t| t.graphics),
        ("writing objects", &|t| t.writing),
        ("XMP, info, catalog", &|t| t.metadata),
        ("hashing", &|t| t.hashing),
        ("rest", &|t| t.rest()),
        ("total (wall)", &|t| t.total),
        ("sum of parts", &|t| {
            t.collect
                + t.content
                + t.content_compress
                + t.fonts_total()
                + t.images
                + t.icc
                + t.graphics
                + t.writing
                + t.metadata
                + t.hashing
                + t.rest()
        }),
    ];
    for (name, f) in rows {
        println!("  {name:<22} {:>8.3}", part(f));
    }
    for (i, f) in all[0].fonts.iter().enumerate() {
        let subset = part(&|t| t.fonts[i].subset);
        let maps = part(&|t| t.fonts[i].maps);
        let compress = part(&|t| t.fonts[i].compress);
        println!(
            "  font {:<26} {:>4} glyphs {:>7} bytes: subset {subset:>6.3}, maps {maps:>6.3}, compression {compress:>6.3}",
            f.name, f.glyphs, f.bytes
        );
    }
}
