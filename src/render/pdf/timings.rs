//! Where the PDF writer's time goes: a breakdown of one [`super::write_pdf_timed`] call
//! into its parts, for `banmian build --timings` and `cargo bench --bench pdf`.
//!
//! The stage runs in three steps: collect (serial), prepare (the expensive parts on
//! all worker threads: fonts, content streams, images, profiles) and write (serial:
//! numbering and writing the objects, copying placed graphics, metadata, hashing). The parts of the prepare step
//! are each the sum of their threads' times, so they may add up to more than its wall
//! time, `prepare`.

use serde::Serialize;
use std::time::{Duration, Instant};

/// The PDF stage, part by part.
#[derive(Clone, Debug, Default, Serialize)]
pub struct PdfTimings {
    /// Collecting the glyphs and images the pages use.
    pub collect: Duration,
    /// The prepare step, wall time (the parts below, in parallel).
    pub prepare: Duration,
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
    /// Placed graphics: each distinct PDF page copied once (hayro-write) and the outer
    /// forms that place it.
    pub graphics: Duration,
    /// Numbering and writing the objects: page and font dictionaries, copying the
    /// prepared streams into the file.
    pub writing: Duration,
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
    /// Wall time outside the named steps (the cross-reference table, the final copy).
    pub fn rest(&self) -> Duration {
        let named = self.collect
            + self.prepare
            + self.graphics
            + self.writing
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
                "prepare {:.2} ms (wall; the parts below are per thread)",
                ms(self.prepare)
            ),
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
        out.push(format!("placed graphics {:.2} ms", ms(self.graphics)));
        out.push(format!("writing objects {:.2} ms", ms(self.writing)));
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
