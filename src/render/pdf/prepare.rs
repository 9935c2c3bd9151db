//! The expensive half of writing a PDF, done in parallel before any object is written.
//!
//! In: the document, its collected fonts and images, the cache and the options. Out:
//! every stream as it goes into the file: each font subset and compressed, each page's
//! content stream built and compressed, the raw images and the ICC profiles compressed.
//! None of these depends on another, so they run on the worker threads there are (the
//! edition's `-j`, or one per core for a single page); the writer then numbers and
//! writes the objects in one fixed order, so the bytes do not depend on the threads.

use super::cache::PdfCache;
use super::content::{self, PageContent};
use super::deflate::StreamKind;
use super::fonts::{self, Embedded, FontSet, UsedFont};
use super::graphics::GraphicSet;
use super::images::{self, ImageSet, RawStreams};
use super::timings::timed;
use super::{check_boxes, Encoded, PdfOptions, PdfTimings};
use crate::diag::{Code, Diagnostic};
use crate::display::Document;
use rayon::prelude::*;
use std::sync::OnceLock;
use std::time::{Duration, Instant};

/// Every stream of a document, ready to be written.
pub struct Prepared<'a> {
    /// In the font set's order.
    pub fonts: Vec<Embedded>,
    /// In page order.
    pub pages: Vec<PreparedPage>,
    /// The images' ICC profiles, in the image set's order.
    pub profiles: Vec<Encoded<'a>>,
    /// The images' compressed samples (`None` for a JPEG), in the image set's order.
    pub images: Vec<Option<RawStreams>>,
    /// The output intent's profile, for PDF/X.
    pub output_profile: Option<Encoded<'a>>,
}

/// A page's operators, compressed, and the resources they use.
pub struct PreparedPage {
    pub content: PageContent,
    pub stream: Encoded<'static>,
}

/// What the parallel work measured, added to the document's timings afterwards.
#[derive(Default)]
struct PagesTime {
    content: Duration,
    compress: Duration,
}

/// Runs the expensive work in parallel. Errors are reported as a serial writer would
/// meet them: pages first, in page order, then fonts in font order.
///
/// The largest font (by glyphs: on a page, the body face, whose subsetting is most of
/// the work) is embedded on the calling thread, and everything else is one job for a
/// worker. The largest job then never waits for a worker to wake, and its many small
/// allocations reuse what layout freed in the calling thread's heap instead of growing
/// a worker's.
pub fn prepare<'a>(
    doc: &Document,
    (fonts, images, graphics): (&FontSet<'_>, &'a ImageSet, &GraphicSet),
    cache: &PdfCache,
    opts: &'a PdfOptions,
    tm: &mut PdfTimings,
) -> Result<Prepared<'a>, Diagnostic> {
    let all: Vec<&UsedFont<'_>> = fonts.fonts().collect();
    let largest = (0..all.len()).max_by_key(|&i| (all[i].glyph_count(), std::cmp::Reverse(i)));
    let embedded: Vec<OnceLock<Result<Embedded, Diagnostic>>> =
        all.iter().map(|_| OnceLock::new()).collect();
    let pages = OnceLock::new();
    let media = OnceLock::new();
    rayon::in_place_scope(|s| {
        // One job for everything but the largest font: content streams (in parallel
        // among themselves when there are many pages), images, profiles, the smaller
        // fonts. One worker then does it all, so a single page grows one worker's heap,
        // not one per job.
        s.spawn(|_| {
            let _ = pages.set(prepare_pages(doc, (fonts, images, graphics), opts));
            let _ = media.set(encode_media(images, cache, opts));
            for (i, (font, slot)) in all.iter().zip(&embedded).enumerate() {
                if Some(i) != largest {
                    let _ = slot.set(fonts::embed(font, cache, opts));
                }
            }
        });
        if let Some(i) = largest {
            let _ = embedded[i].set(fonts::embed(all[i], cache, opts));
        }
    });
    let (pages, pages_time) = pages.into_inner().ok_or_else(unfinished)?;
    let pages = pages?;
    let embedded = embedded
        .into_iter()
        .map(|slot| slot.into_inner().ok_or_else(unfinished)?)
        .collect::<Result<Vec<_>, _>>()?;
    tm.content += pages_time.content;
    tm.content_compress += pages_time.compress;
    tm.fonts.extend(embedded.iter().map(|e| e.timings.clone()));
    let (media, (images_time, icc_time)) = media.into_inner().ok_or_else(unfinished)?;
    tm.images += images_time;
    tm.icc += icc_time;
    Ok(Prepared {
        fonts: embedded,
        pages,
        profiles: media.profiles,
        images: media.images,
        output_profile: media.output_profile,
    })
}

/// A job of the scope left no result: cannot happen (the scope waits for every job,
/// and a job that panics takes the scope with it), but is an error, not a panic.
fn unfinished() -> Diagnostic {
    Diagnostic::new(
        Code::PdfInternal,
        "a part of the PDF was not prepared".to_string(),
    )
}

/// Each page's content stream, built and compressed.
fn prepare_pages(
    doc: &Document,
    (fonts, images, graphics): (&FontSet<'_>, &ImageSet, &GraphicSet),
    opts: &PdfOptions,
) -> (Result<Vec<PreparedPage>, Diagnostic>, PagesTime) {
    let done: Vec<(Result<PreparedPage, Diagnostic>, PagesTime)> = doc
        .pages
        .par_iter()
        .enumerate()
        .map(|(index, page)| {
            let mut time = PagesTime::default();
            let content = timed(&mut time.content, || {
                check_boxes(page)
                    .and_then(|()| content::page_content(page, fonts, (images, graphics)))
            })
            .map_err(|e| e.context(format!("page {}", index + 1)));
            let prepared = content.map(|content| {
                let stream = timed(&mut time.compress, || {
                    Encoded::of(&content.bytes, StreamKind::Content, opts).into_owned()
                });
                PreparedPage { content, stream }
            });
            (prepared, time)
        })
        .collect();
    let mut total = PagesTime::default();
    for (_, t) in &done {
        total.content += t.content;
        total.compress += t.compress;
    }
    (done.into_iter().map(|(p, _)| p).collect(), total)
}

/// The images' streams and the ICC profiles.
struct Media<'a> {
    profiles: Vec<Encoded<'a>>,
    images: Vec<Option<RawStreams>>,
    output_profile: Option<Encoded<'a>>,
}

/// Compresses the raw images and the profiles; returns them with the time the images
/// and the profiles took.
fn encode_media<'a>(
    set: &'a ImageSet,
    cache: &PdfCache,
    opts: &'a PdfOptions,
) -> (Media<'a>, (Duration, Duration)) {
    let t = Instant::now();
    let images = set
        .images()
        .map(|img| images::encode_image(img, cache, opts))
        .collect();
    let images_time = t.elapsed();
    let t = Instant::now();
    let profiles = set
        .profiles()
        .iter()
        .map(|p| images::encode_profile(set.bytes(&p.source), cache, opts))
        .collect();
    let output_profile = opts
        .pdfx
        .as_ref()
        .map(|intent| images::encode_profile(&intent.icc, cache, opts));
    let media = Media {
        profiles,
        images,
        output_profile,
    };
    (media, (images_time, t.elapsed()))
}
