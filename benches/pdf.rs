//! The PDF stage of the sample page, part by part: font subsetting (per font), the
//! fonts' maps and compression, content streams and their compression, images, ICC
//! profiles, XMP and the other dictionaries, hashing. Medians of several runs of
//! `write_pdf_timed` over one laid-out page (layout is done once, outside the timing).
//! `cargo bench --bench pdf` (add `-- 51` for more runs).

use banmian::render::pdf::{self, PdfTimings};
use std::path::Path;
use std::time::Duration;

/// Reads one part out of a run's timings.
type Part<'a> = dyn Fn(&PdfTimings) -> Duration + 'a;

fn median(mut v: Vec<Duration>) -> f64 {
    v.sort();
    v[v.len() / 2].as_secs_f64() * 1000.0
}

fn main() {
    let runs: usize = std::env::args()
        .skip(1)
        .find_map(|a| a.parse().ok())
        .unwrap_or(31);
    let spec = Path::new(env!("CARGO_MANIFEST_DIR")).join("samples/zibo-gaoxin/page.toml");
    let laid = banmian::lay_out(&spec).expect("sample lays out");
    let opts = banmian::pdf_options(&laid.model.output);
    let mut all: Vec<PdfTimings> = Vec::with_capacity(runs);
    let mut size = 0;
    for _ in 0..runs {
        let (bytes, t) =
            pdf::write_pdf_timed(&laid.composed.doc, &laid.fonts, &opts).expect("sample writes");
        size = bytes.len();
        all.push(t);
    }
    let part = |f: &Part<'_>| median(all.iter().map(f).collect());
    println!("sample page PDF ({size} bytes), {runs} runs, median ms:");
    let rows: [(&str, &Part<'static>); 10] = [
        ("collect", &|t| t.collect),
        ("content streams", &|t| t.content),
        ("  compression", &|t| t.content_compress),
        ("fonts (all)", &|t| t.fonts_total()),
        ("images", &|t| t.images),
        ("ICC profiles", &|t| t.icc),
        ("XMP, info, catalog", &|t| t.metadata),
        ("hashing", &|t| t.hashing),
        ("rest", &|t| t.rest()),
        ("total (wall)", &|t| t.total),
    ];
    for (name, f) in rows {
        println!("  {name:<22} {:>8.3}", part(f));
    }
    let fonts = all[0].fonts.len();
    for i in 0..fonts {
        let f = &all[0].fonts[i];
        let subset = part(&|t| t.fonts[i].subset);
        let maps = part(&|t| t.fonts[i].maps);
        let compress = part(&|t| t.fonts[i].compress);
        println!(
            "  font {:<28} {:>5} glyphs {:>7} bytes: subset {subset:>7.3}, maps {maps:>6.3}, compression {compress:>6.3}",
            f.name, f.glyphs, f.bytes
        );
    }
}
