//! PDF writer over the display list (pdf-writer + subsetter; see docs/decisions.md).
//!
//! In: a [`Document`] (pages of positioned glyphs, rectangles, rules and images, in points
//! with a top-left origin) and the [`FontBook`] its glyph ids refer to. Out: the bytes of
//! a PDF 1.6 file, deterministic (same document, same bytes: no clock, no hash-map order,
//! no process-wide counters).
//!
//! Stages, one file each:
//! - `fonts.rs`: collect the glyphs each face uses, subset the face, embed it as a
//!   CID-keyed Type0 font with an exact ToUnicode map;
//! - `images.rs`: embed each distinct image once (JPEG passed through, raw pixels deflated);
//! - `content.rs` and `text.rs`: turn a page's items into a content stream;
//! - `prepare.rs`: the expensive work of the three above (subsetting, content streams,
//!   compression), in parallel, before any object is written;
//! - `deflate.rs`, `cache.rs`, `profiles.rs`: compression per kind of stream, what is
//!   kept between documents of one process, the built-in ICC profiles stored compressed;
//! - `graphics.rs`, `layers.rs`: placed PDF pages copied as forms, and their layers
//!   listed in the catalog's `/OCProperties`;
//! - `pdfx.rs`: the PDF/X-4 output intent, XMP metadata and document information;
//! - `timings.rs`: where the time went, for `--timings` and `cargo bench --bench pdf`;
//! - this file: the document skeleton (catalog, page tree, page boxes, file id).

#![allow(
    clippy::result_large_err,
    reason = "Diagnostic is the project's one error type; the writer fails at most once per document"
)]

mod cache;
mod colors;
mod content;
mod deflate;
mod fonts;
mod graphics;
mod images;
mod layers;
mod pdfx;
mod prepare;
mod profiles;
mod text;
mod timings;

pub use cache::{CacheStats, PdfCache};
pub use pdfx::{OutputIntent, UNDATED_EPOCH};
pub use timings::{FontTimings, PdfTimings};

use crate::diag::Code;
use crate::diag::Diagnostic;
use crate::display::{Document, Page, Rect as BoxRect};
use crate::fonts::FontBook;
use colors::SpecialSpace;
use content::{ExtGState, PageResources};
use deflate::StreamKind;
use fonts::FontSet;
use graphics::GraphicSet;
use images::ImageSet;
use pdf_writer::{Chunk, Filter, Finish, Name, Pdf, Rect, Ref};
use prepare::Prepared;
use std::collections::BTreeMap;
use std::sync::Arc;
use timings::timed;
use xxhash_rust::xxh3::Xxh3;

/// Settings of the PDF writer.
#[derive(Clone, Debug)]
pub struct PdfOptions {
    /// Flate-compress content streams, fonts, ToUnicode maps and raw images. Turn off
    /// only to read a PDF with a text editor (tests, debugging); JPEGs stay as they are.
    pub compress: bool,
    /// PDF/X-4 for this press condition (the default: the built-in newsprint profile),
    /// or `None` for a plain PDF 1.6 without an output intent.
    pub pdfx: Option<OutputIntent>,
}

impl Default for PdfOptions {
    fn default() -> Self {
        PdfOptions {
            compress: true,
            pdfx: Some(OutputIntent::newsprint()),
        }
    }
}

/// The PDF version written in the header. 1.6 is what PDF/X-4 builds on; nothing we
/// write needs more.
const PDF_VERSION: (u8, u8) = (1, 6);

/// Serialises a document. Same document, same bytes.
///
/// Fails (never panics) when the document refers to a font or glyph the book does not
/// have, holds a non-finite coordinate, an image whose pixel data does not match its
/// size, or when a font cannot be subset.
pub fn write_pdf(
    doc: &Document,
    fonts: &FontBook,
    opts: &PdfOptions,
) -> Result<Vec<u8>, Diagnostic> {
    write_pdf_timed(doc, fonts, opts).map(|(bytes, _)| bytes)
}

/// [`write_pdf`], also saying where the time went.
pub fn write_pdf_timed(
    doc: &Document,
    fonts: &FontBook,
    opts: &PdfOptions,
) -> Result<(Vec<u8>, PdfTimings), Diagnostic> {
    write_pdf_cached(doc, fonts, opts, PdfCache::shared())
}

/// [`write_pdf_timed`] with a cache of its own instead of the process's
/// ([`PdfCache::shared`]): for tests and benchmarks. The bytes are the same with any
/// cache.
pub fn write_pdf_cached(
    doc: &Document,
    fonts: &FontBook,
    opts: &PdfOptions,
    cache: &PdfCache,
) -> Result<(Vec<u8>, PdfTimings), Diagnostic> {
    let start = std::time::Instant::now();
    let mut tm = PdfTimings::default();
    let bytes = write_document(doc, fonts, opts, cache, &mut tm)?;
    tm.total = start.elapsed();
    Ok((bytes, tm))
}

fn write_document(
    doc: &Document,
    fonts: &FontBook,
    opts: &PdfOptions,
    cache: &PdfCache,
    tm: &mut PdfTimings,
) -> Result<Vec<u8>, Diagnostic> {
    if doc.pages.is_empty() {
        return Err(Diagnostic::new(
            Code::PdfNoPages,
            "the document has no pages to write",
        ));
    }
    colors::check(doc)?;
    let (font_set, image_set, graphic_set) = timed(&mut tm.collect, || {
        Ok::<_, Diagnostic>((
            FontSet::collect(doc, fonts)?,
            ImageSet::collect(doc)?,
            GraphicSet::collect(doc),
        ))
    })?;
    let t = std::time::Instant::now();
    let sets = (&font_set, &image_set, &graphic_set);
    let prepared = prepare::prepare(doc, sets, cache, opts, tm)?;
    tm.prepare = t.elapsed();
    let t = std::time::Instant::now();
    let mut refs = Refs::default();
    let mut shared = Shared::allocate(&mut refs, &font_set, &image_set);
    shared.graphics = (0..graphic_set.forms()).map(|_| refs.next()).collect();

    let mut pdf = Pdf::new();
    pdf.set_version(PDF_VERSION.0, PDF_VERSION.1);
    let page_refs = write_pages(&mut pdf, &mut refs, doc, &mut shared, &prepared);
    write_ext_gstates(&mut pdf, shared.overprint, shared.knockout);
    for (space, &id) in &shared.color_spaces {
        match space {
            SpecialSpace::Spot(i) => {
                let spot = &doc.spots[usize::from(*i)];
                colors::write_separation(&mut pdf, id, &spot.name, spot.alternate);
            }
            SpecialSpace::All => colors::write_registration(&mut pdf, id),
        }
    }
    for ((font, embedded), &root) in font_set.fonts().zip(&prepared.fonts).zip(&shared.fonts) {
        fonts::write_font(&mut pdf, &mut refs, font, embedded, root);
    }
    for ((profile, enc), &id) in image_set
        .profiles()
        .iter()
        .zip(&prepared.profiles)
        .zip(&shared.profiles)
    {
        images::write_profile(&mut pdf, id, enc, profile.components);
    }
    let images = image_set.images().zip(&prepared.images).zip(&shared.images);
    for (i, ((image, raw), &id)) in images.enumerate() {
        let profile = image_set.profile_of(i).map(|p| shared.profiles[p]);
        images::write_image(&mut pdf, &mut refs, image, raw.as_ref(), (id, profile));
    }
    tm.writing += t.elapsed();
    shared.layers = timed(&mut tm.graphics, || {
        graphics::write_graphics(&mut pdf, &mut refs, &graphic_set, &shared.graphics, opts)
    })?;
    let t = std::time::Instant::now();
    let count = i32::try_from(page_refs.len())
        .map_err(|_| Diagnostic::new(Code::PdfTooManyPages, "too many pages for one PDF"))?;
    pdf.pages(shared.tree).kids(page_refs).count(count);
    tm.writing += t.elapsed();

    // The XMP instance id is a hash of everything written so far; the file identifier
    // is the document's permanent id, then a hash of the whole file (it changes when
    // the content does, and only then). One pass: the hash of the first part goes on.
    // XXH3-128, not a cryptographic hash: an id needs no collision resistance against
    // an attacker, and a placed 1 MB ad must cost about what copying it does (SHA-256
    // took ten times a copy; docs/decisions.md §16).
    let mut hasher = Xxh3::new();
    let hashed = timed(&mut tm.hashing, || {
        hasher.update(pdf.as_bytes());
        pdf.as_bytes().len()
    });
    let instance_id = timed(&mut tm.hashing, || hasher.digest128());
    write_document_level(
        &mut pdf,
        &mut refs,
        doc,
        &shared,
        (opts, &prepared),
        instance_id,
        tm,
    );
    let current = timed(&mut tm.hashing, || {
        hasher.update(&pdf.as_bytes()[hashed..]);
        hasher.digest128()
    });
    let permanent = document_id(doc).to_be_bytes().to_vec();
    pdf.set_file_id((permanent, current.to_be_bytes().to_vec()));
    Ok(pdf.finish())
}

/// Catalog, output intent, XMP metadata and document information. Called after the
/// pages, fonts and images are written: the XMP instance id is a hash of them.
fn write_document_level(
    pdf: &mut Pdf,
    refs: &mut Refs,
    doc: &Document,
    shared: &Shared,
    (opts, prepared): (&PdfOptions, &Prepared<'_>),
    instance_id: u128,
    tm: &mut PdfTimings,
) {
    let t = std::time::Instant::now();
    let created = match &opts.pdfx {
        Some(_) => doc.created.or(Some(UNDATED_EPOCH)),
        None => doc.created,
    };
    let meta = pdfx::Meta {
        title: &doc.title,
        date: created.and_then(crate::date::UtcDate::from_epoch),
        pdfx: opts.pdfx.is_some(),
        document_id: document_id(doc),
        instance_id,
    };
    let xmp_ref = refs.next();
    pdfx::write_metadata(pdf, xmp_ref, &meta);
    let icc_ref = opts
        .pdfx
        .as_ref()
        .zip(prepared.output_profile.as_ref())
        .map(|(intent, enc)| {
            let r = refs.next();
            pdfx::write_output_profile(pdf, r, enc);
            (intent, r)
        });
    let mut catalog = pdf.catalog(shared.catalog);
    catalog.pages(shared.tree).metadata(xmp_ref);
    if let Some((intent, r)) = icc_ref {
        pdfx::write_intent(&mut catalog, intent, r);
    }
    if !shared.layers.is_empty() {
        let name = if doc.title.is_empty() {
            "banmian"
        } else {
            &doc.title
        };
        layers::write(&mut catalog, &shared.layers, name);
    }
    catalog.finish();
    pdfx::write_info(pdf, shared.info, &meta);
    tm.metadata += t.elapsed();
}

/// The document's permanent identifier: a hash of its title, so that rebuilds of the
/// same page keep it while the content hash changes.
fn document_id(doc: &Document) -> u128 {
    hash::fnv1a_128(format!("banmian document {}", doc.title).as_bytes())
}

/// Object numbers of what pages share, allocated before the pages are written.
struct Shared {
    catalog: Ref,
    tree: Ref,
    info: Ref,
    overprint: Ref,
    knockout: Ref,
    /// Type0 font dictionaries, in the font set's order.
    fonts: Vec<Ref>,
    /// Image XObjects, in the image set's order.
    images: Vec<Ref>,
    /// ICC profile streams of images, in the image set's order.
    profiles: Vec<Ref>,
    /// Outer forms of placed graphics, in the graphic set's order.
    graphics: Vec<Ref>,
    /// Separation colour spaces, numbered as pages first use them.
    color_spaces: BTreeMap<SpecialSpace, Ref>,
    /// Layers of the placed pages, as copied: the catalog lists them.
    layers: Vec<layers::PlacedLayers>,
}

impl Shared {
    fn allocate(refs: &mut Refs, fonts: &FontSet<'_>, images: &ImageSet) -> Shared {
        Shared {
            catalog: refs.next(),
            tree: refs.next(),
            info: refs.next(),
            overprint: refs.next(),
            knockout: refs.next(),
            fonts: fonts.fonts().map(|_| refs.next()).collect(),
            images: images.images().map(|_| refs.next()).collect(),
            profiles: images.profiles().iter().map(|_| refs.next()).collect(),
            graphics: Vec::new(),
            color_spaces: BTreeMap::new(),
            layers: Vec::new(),
        }
    }
}

/// Each page's content stream and page object; returns the page objects in order.
fn write_pages(
    pdf: &mut Pdf,
    refs: &mut Refs,
    doc: &Document,
    shared: &mut Shared,
    prepared: &Prepared<'_>,
) -> Vec<Ref> {
    let mut page_refs = Vec::with_capacity(doc.pages.len());
    for (page, done) in doc.pages.iter().zip(&prepared.pages) {
        let resources = &done.content.resources;
        for &space in &resources.color_spaces {
            shared
                .color_spaces
                .entry(space)
                .or_insert_with(|| refs.next());
        }
        let page_ref = refs.next();
        let content_ref = refs.next();
        write_stream(pdf, content_ref, &done.stream);
        write_page(pdf, page, (page_ref, content_ref), resources, shared);
        page_refs.push(page_ref);
    }
    page_refs
}

/// Hands out object numbers in order; one per document, so two documents written in the
/// same process number their objects the same way.
#[derive(Debug)]
struct Refs(i32);

impl Default for Refs {
    fn default() -> Self {
        Refs(1)
    }
}

impl Refs {
    fn next(&mut self) -> Ref {
        let r = Ref::new(self.0);
        self.0 += 1;
        r
    }
}

/// Writes one page object: boxes, resources, contents.
fn write_page(
    pdf: &mut Pdf,
    page: &Page,
    (page_ref, content_ref): (Ref, Ref),
    used: &PageResources,
    links: &Shared,
) {
    let media = page.media;
    let mut p = pdf.page(page_ref);
    p.parent(links.tree)
        .media_box(pdf_box(&media, &media))
        .trim_box(pdf_box(&page.trim, &media))
        .bleed_box(pdf_box(&page.bleed, &media))
        .contents(content_ref);
    let mut res = p.resources();
    if !used.fonts.is_empty() {
        let mut dict = res.fonts();
        for &i in &used.fonts {
            dict.pair(Name(content::font_name(i).as_bytes()), links.fonts[i]);
        }
    }
    if !used.images.is_empty() || !used.graphics.is_empty() {
        let mut dict = res.x_objects();
        for &i in &used.images {
            dict.pair(Name(content::image_name(i).as_bytes()), links.images[i]);
        }
        for &i in &used.graphics {
            dict.pair(Name(graphics::form_name(i).as_bytes()), links.graphics[i]);
        }
    }
    if !used.gstates.is_empty() {
        let mut dict = res.ext_g_states();
        for &g in &used.gstates {
            let target = match g {
                ExtGState::Overprint => links.overprint,
                ExtGState::Knockout => links.knockout,
            };
            dict.pair(Name(g.name().as_bytes()), target);
        }
    }
    if !used.color_spaces.is_empty() {
        let mut dict = res.color_spaces();
        for space in &used.color_spaces {
            if let Some(&id) = links.color_spaces.get(space) {
                dict.pair(Name(space.name().as_bytes()), id);
            }
        }
    }
}

/// The page boxes must be real rectangles: finite, and the media box not empty.
pub(super) fn check_boxes(page: &Page) -> Result<(), Diagnostic> {
    let boxes = [
        ("media", &page.media),
        ("trim", &page.trim),
        ("bleed", &page.bleed),
    ];
    for (name, r) in boxes {
        let finite = [r.x, r.y, r.w, r.h].iter().all(|v| v.0.is_finite());
        if !finite || r.w.0 < 0.0 || r.h.0 < 0.0 {
            return Err(Diagnostic::new(
                Code::PdfBadBox,
                format!("the {name} box is not a rectangle ({:?})", r),
            ));
        }
    }
    if page.media.w.0 <= 0.0 || page.media.h.0 <= 0.0 {
        return Err(Diagnostic::new(
            Code::PdfBadBox,
            "the page has no area (empty media box)",
        ));
    }
    Ok(())
}

/// A display-list rectangle (top-left origin, y down, relative to the media box) as a
/// PDF box `[x0 y0 x1 y1]` (bottom-left origin, y up).
fn pdf_box(r: &BoxRect, media: &BoxRect) -> Rect {
    let x0 = r.x.0 - media.x.0;
    let x1 = r.right().0 - media.x.0;
    let y0 = media.bottom().0 - r.bottom().0;
    let y1 = media.bottom().0 - r.y.0;
    Rect::new(x0 as f32, y0 as f32, x1 as f32, y1 as f32)
}

/// The two graphics states text and rules switch between: overprint for pure black
/// (issue #5: 100 % K never knocks out what lies beneath it), and the default back.
fn write_ext_gstates(pdf: &mut Pdf, overprint: Ref, knockout: Ref) {
    pdf.ext_graphics(overprint)
        .overprint(true)
        .overprint_fill(true)
        .overprint_mode(pdf_writer::types::OverprintMode::IgnoreZeroChannel);
    pdf.ext_graphics(knockout)
        .overprint(false)
        .overprint_fill(false)
        .overprint_mode(pdf_writer::types::OverprintMode::OverrideAllColorants);
}

/// Stream data as it goes into the file, compressed or not.
pub(super) struct Encoded<'a> {
    data: StreamData<'a>,
    filter: Option<Filter>,
}

/// Where encoded bytes live: borrowed (uncompressed input, stored profiles), made for
/// this document, or shared with the cache.
pub(super) enum StreamData<'a> {
    Borrowed(&'a [u8]),
    Owned(Vec<u8>),
    Shared(Arc<[u8]>),
}

impl<'a> Encoded<'a> {
    /// `data` compressed as a stream of `kind`, or as it is when compression is off.
    fn of(data: &'a [u8], kind: StreamKind, opts: &PdfOptions) -> Encoded<'a> {
        if opts.compress {
            Encoded {
                data: StreamData::Owned(deflate::compress(data, kind)),
                filter: Some(Filter::FlateDecode),
            }
        } else {
            Encoded::plain(data)
        }
    }

    /// `data` uncompressed.
    fn plain(data: &'a [u8]) -> Encoded<'a> {
        Encoded {
            data: StreamData::Borrowed(data),
            filter: None,
        }
    }

    /// The same stream, no longer borrowing its input.
    fn into_owned(self) -> Encoded<'static> {
        let data = match self.data {
            StreamData::Borrowed(b) => StreamData::Owned(b.to_vec()),
            StreamData::Owned(v) => StreamData::Owned(v),
            StreamData::Shared(s) => StreamData::Shared(s),
        };
        Encoded {
            data,
            filter: self.filter,
        }
    }

    fn bytes(&self) -> &[u8] {
        match &self.data {
            StreamData::Borrowed(b) => b,
            StreamData::Owned(v) => v,
            StreamData::Shared(s) => s,
        }
    }
}

/// A plain stream object holding encoded data.
fn write_stream(chunk: &mut Chunk, id: Ref, enc: &Encoded<'_>) {
    let mut s = chunk.stream(id, enc.bytes());
    if let Some(f) = enc.filter {
        s.filter(f);
    }
}

/// A PDF name or string from text that may hold anything: keeps the printable ASCII
/// characters a name may carry unescaped, drops the rest.
fn ascii_name(s: &str, max: usize) -> String {
    s.chars()
        .filter(|c| c.is_ascii_graphic() && !"()<>[]{}/%#".contains(*c))
        .take(max)
        .collect()
}

/// Stable hashes for names and ids: FNV-1a (fixed constants, unlike std's `RandomState`,
/// and stable across Rust releases, unlike `DefaultHasher`).
mod hash {
    pub fn fnv1a_64(data: &[u8]) -> u64 {
        let mut h: u64 = 0xcbf2_9ce4_8422_2325;
        for &b in data {
            h ^= u64::from(b);
            h = h.wrapping_mul(0x0000_0100_0000_01b3);
        }
        h
    }

    pub fn fnv1a_128(data: &[u8]) -> u128 {
        let mut h: u128 = 0x6c62_272e_07bb_0142_62b8_2175_6295_c58d;
        for &b in data {
            h ^= u128::from(b);
            h = h.wrapping_mul(0x0000_0000_0100_0000_0000_0000_0000_013b);
        }
        h
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::units::Pt;

    #[test]
    fn boxes_flip_to_a_bottom_left_origin() {
        let media = BoxRect::new(Pt(0.0), Pt(0.0), Pt(200.0), Pt(300.0));
        let trim = BoxRect::new(Pt(10.0), Pt(20.0), Pt(100.0), Pt(150.0));
        let b = pdf_box(&trim, &media);
        assert_eq!((b.x1, b.y1, b.x2, b.y2), (10.0, 130.0, 110.0, 280.0));
    }

    #[test]
    fn names_keep_only_plain_ascii() {
        assert_eq!(
            ascii_name("Noto Serif/CJK(sc)#1 宋", 127),
            "NotoSerifCJKsc1"
        );
        assert_eq!(ascii_name("abcdef", 3), "abc");
    }
}
