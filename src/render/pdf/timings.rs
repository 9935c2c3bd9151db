//! Where the PDF writer's time goes: a breakdown of one [`super::write_pdf_timed`] call
//! into its parts, for `banmian build --timings` and `cargo bench --bench pdf`.
//!
//! The parts are disjoint. Parts that run on several threads at once (fonts are subset in
//! parallel) are the sum of their threads' times and may add up to more than `total`,
//! which is wall time.

use serde::Serialize;
use std::time::{Duration, Instant};

/// The PDF stage, part by part.
#[derive(Clone, Debug, Default, Serialize)]
pub struct PdfTimings {
    /// Collecting the glyphs and images the pages use.
    pub collect: Duration,
    /// Building the pages' content streams (the operators, before compression).
    pub content: Duration,
    /// Compressing the content streams.
    pub content_compress: Duration,
    /// Each embedded font: subsetting, its ToUnicode map and its compression.
    pub fonts: Vec<FontTimings>,
    /// Image XObjects (JPEG bytes copied, raw samples compressed).
    pub images: Duration,
    /// ICC profiles: the output intent's and the images' (compression included).
    pub icc: Duration,
    /// XMP packet, document information and catalog.
    pub metadata: Duration,
    /// The hashes of the written bytes (XMP instance id, file id).
    pub hashing: Duration,
    /// The whole writer, wall time.
    pub total: Duration,
}

/// One embedded font.
#[derive(Clone, Debug, Default, Serialize)]
pub struct FontTimings {
    /// The face's PostScript name.
    pub name: String,
    /// Glyphs kept in the subset (`.notdef` included).
    pub glyphs: usize,
    /// Running the subsetter.
    pub subset: Duration,
    /// Building the ToUnicode CMap and the `/W` widths.
    pub maps: Duration,
    /// Compressing the font program and the CMap.
    pub compress: Duration,
    /// Bytes of the embedded (compressed) font program.
    pub bytes: usize,
}

impl PdfTimings {
    /// Everything not in a named part: page and font dictionaries, the cross-reference
    /// table, copying streams into the file. Zero when parallel parts add up to more
    /// than the wall time.
    pub fn rest(&self) -> Duration {
        let fonts: Duration = self
            .fonts
            .iter()
            .map(|f| f.subset + f.maps + f.compress)
            .sum();
        let named = self.collect
            + self.content
            + self.content_compress
            + fonts
            + self.images
            + self.icc
            + self.metadata
            + self.hashing;
        self.total.saturating_sub(named)
    }

    /// All font work (subsetting, maps, compression), summed over fonts.
    pub fn fonts_total(&self) -> Duration {
        self.fonts
            .iter()
            .map(|f| f.subset + f.maps + f.compress)
            .sum()
    }

    /// One line per part, in milliseconds: what `--timings` prints.
    pub fn lines(&self) -> Vec<String> {
        let ms = |d: Duration| d.as_secs_f64() * 1000.0;
        let mut out = vec![
            format!("collect {:.2} ms", ms(self.collect)),
            format!(
                "content streams {:.2} ms + compression {:.2} ms",
                ms(self.content),
                ms(self.content_compress)
            ),
        ];
        for f in &self.fonts {
            out.push(format!(
                "font {} ({} glyphs, {} bytes): subset {:.2} ms, maps {:.2} ms, compression {:.2} ms",
                f.name,
                f.glyphs,
                f.bytes,
                ms(f.subset),
                ms(f.maps),
                ms(f.compress)
            ));
        }
        out.push(format!("images {:.2} ms", ms(self.images)));
        out.push(format!("ICC profiles {:.2} ms", ms(self.icc)));
        out.push(format!("XMP, info, catalog {:.2} ms", ms(self.metadata)));
        out.push(format!("hashing {:.2} ms", ms(self.hashing)));
        out.push(format!("rest {:.2} ms", ms(self.rest())));
        out
    }
}

/// Runs `f`, adding its wall time to `slot`.
pub(super) fn timed<T>(slot: &mut Duration, f: impl FnOnce() -> T) -> T {
    let t = Instant::now();
    let out = f();
    *slot += t.elapsed();
    out
}
