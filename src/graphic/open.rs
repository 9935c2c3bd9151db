//! Opening a placed file: PDF or SVG by its first bytes, the PDF parsed (never
//! decrypted: an encrypted ad is refused), the page found, and its boxes read.

use super::{inspect, svg, BoxKind, Finding, Format, Graphic, GraphicLimits, PdfRect};
use crate::diag::Code;
use hayro_write::hayro_syntax::object::{Dict, Name};
use hayro_write::hayro_syntax::page::{Page, Rotation};
use hayro_write::hayro_syntax::Filter;
use hayro_write::hayro_syntax::{LoadPdfError, Pdf};
use std::path::Path;
use std::sync::Arc;

/// Why a placed file cannot be used: an error at the spec key that names it.
#[derive(Clone, Debug, PartialEq)]
pub struct OpenError(pub Finding);

impl OpenError {
    fn new(code: Code, message: impl Into<String>, hint: impl Into<String>) -> OpenError {
        OpenError(Finding::new(code, message, hint))
    }
}

/// What the spec asks of a placed file.
#[derive(Clone, Copy, Debug)]
pub struct Request {
    /// 0-based page (PDF only).
    pub page: usize,
    /// The box that defines the placed area.
    pub box_kind: BoxKind,
    /// Decode the CMYK images to measure their total ink (slow: opt-in).
    pub check_ink: bool,
}

/// Opens a placed file: a PDF, or an SVG converted to one. `fonts` are the faces an
/// SVG's text may use (see [`svg`]).
pub fn open(
    path: &Path,
    bytes: Arc<[u8]>,
    request: Request,
    fonts: &svg::SvgFonts<'_>,
    limits: &GraphicLimits,
) -> Result<Graphic, OpenError> {
    let (format, pdf_bytes, mut findings) = match sniff(&bytes) {
        Some(Format::Pdf) => (Format::Pdf, bytes.clone(), Vec::new()),
        Some(Format::Svg) => {
            if request.page != 0 {
                return Err(OpenError::new(
                    Code::GraphicPage,
                    format!(
                        "an SVG has one drawing, but page {} is asked for",
                        request.page + 1
                    ),
                    "leave out `page` for an SVG",
                ));
            }
            let converted = svg::convert(&bytes, fonts, limits)?;
            (Format::Svg, converted.pdf.into(), converted.findings)
        }
        None => {
            return Err(OpenError::new(
                Code::GraphicFormat,
                "is neither a PDF nor an SVG file",
                "place a PDF (an ad, a logo) or an SVG (a chart); photos go in [[photo]]",
            ))
        }
    };
    let pdf = parse(&pdf_bytes)?;
    check_streams(&pdf, limits).map_err(OpenError)?;
    let pages = pdf.pages().len();
    if pages == 0 {
        return Err(OpenError::new(
            Code::GraphicUnreadable,
            "has no pages that can be read",
            "export the ad again as PDF/X-4 or PDF/X-1a",
        ));
    }
    if request.page >= pages {
        let has = if pages == 1 {
            "1 page".to_string()
        } else {
            format!("{pages} pages")
        };
        return Err(OpenError::new(
            Code::GraphicPage,
            format!("has {has}; page {} is asked for", request.page + 1),
            format!("give `page` from 1 to {pages}"),
        ));
    }
    let page = &pdf.pages()[request.page];
    let (area, box_findings) = area(page, request.box_kind, format);
    findings.extend(box_findings);
    let crop = rect(page.crop_box()).intersect(&rect(page.media_box()));
    let bleed_area = box_of(page.raw(), BoxKind::Bleed)
        .map_or(area, |b| b.intersect(&crop))
        .union(&area);
    let rotate = match page.rotation() {
        Rotation::None => 0,
        Rotation::Horizontal => 90,
        Rotation::Flipped => 180,
        Rotation::FlippedHorizontal => 270,
    };
    let mut inspection = inspect::inspect(&pdf, page, limits).map_err(OpenError)?;
    if request.check_ink {
        inspect::measure_ink(page, &mut inspection);
    }
    inspection.findings.splice(0..0, findings);
    let pdf = Arc::new(pdf);
    Ok(Graphic {
        path: path.to_path_buf(),
        format,
        file_bytes: bytes,
        pdf,
        page: request.page,
        pages,
        box_kind: request.box_kind,
        area,
        bleed_area,
        rotate,
        inspection,
    })
}

/// How much one byte of a stream may grow through each filter at most, for filters
/// after the first (the first, when it is Flate, is inflated to measure it exactly).
fn worst_growth(f: &Filter) -> u64 {
    match f {
        Filter::FlateDecode => 1032,
        Filter::LzwDecode => 4096,
        Filter::RunLengthDecode => 128,
        _ => 1,
    }
}

/// Refuses a PDF whose non-image streams would inflate past
/// [`GraphicLimits::decoded_bytes`] together, before any is decoded: a Flate stream
/// is inflated into a bounded buffer (and dropped) to measure it; other filters are
/// bounded by how much they can grow at most.
fn check_streams(pdf: &Pdf, limits: &GraphicLimits) -> Result<(), Finding> {
    let mut total: u64 = 0;
    for object in pdf.objects() {
        let Some(stream) = object.into_stream() else {
            continue;
        };
        let image = stream
            .dict()
            .get::<Name<'_>>(b"Subtype")
            .is_some_and(|n| n.as_ref() == b"Image");
        if image {
            continue; // decoded only to measure ink, each within image_pixels
        }
        let room = limits.decoded_bytes.saturating_sub(total);
        let raw = stream.raw_data();
        let filters = stream.filters();
        let (mut size, rest) = match filters.first() {
            Some(Filter::FlateDecode) => (inflated_len(&raw, room), &filters[1..]),
            _ => (Some(raw.len() as u64), &filters[..]),
        };
        for f in rest {
            size = size.and_then(|s| s.checked_mul(worst_growth(f)));
        }
        match size {
            Some(s) if s <= room => total += s,
            _ => {
                return Err(Finding::new(
                    Code::GraphicLimit,
                    format!(
                        "has streams that would take more than {} once decompressed",
                        crate::files::bytes_in_words(limits.decoded_bytes)
                    ),
                    "export the file again; a real ad takes a few MB (a trusted desk may raise the limit with --limit graphic-decoded-bytes=N)",
                ))
            }
        }
    }
    Ok(())
}

/// The length of a zlib (or raw deflate) stream inflated, if it is at most `limit`;
/// damaged data counts as what inflates before the damage. Inflated through a small
/// buffer: measuring takes no memory.
fn inflated_len(data: &[u8], limit: u64) -> Option<u64> {
    use miniz_oxide::inflate::stream::{inflate, InflateState};
    use miniz_oxide::{DataFormat, MZFlush, MZStatus};
    const CHUNK: usize = 64 << 10;
    let measure = |format: DataFormat| -> Option<u64> {
        let mut state = InflateState::new_boxed(format);
        let mut out = vec![0u8; CHUNK];
        let mut input = data;
        let mut total: u64 = 0;
        loop {
            let r = inflate(&mut state, input, &mut out, MZFlush::None);
            input = &input[r.bytes_consumed..];
            total += r.bytes_written as u64;
            if total > limit {
                return None;
            }
            match r.status {
                Ok(MZStatus::StreamEnd) | Err(_) => return Some(total),
                Ok(_) if r.bytes_consumed == 0 && r.bytes_written == 0 => return Some(total),
                Ok(_) => {}
            }
        }
    };
    match measure(DataFormat::Zlib)? {
        0 => measure(DataFormat::Raw),
        n => Some(n),
    }
}

/// PDF by its header (anywhere in the first KiB, as readers accept), SVG by its root
/// element (after an XML declaration, comments or a doctype); `None` for anything else.
pub fn sniff(bytes: &[u8]) -> Option<Format> {
    let head = &bytes[..bytes.len().min(1024)];
    if head.windows(5).any(|w| w == b"%PDF-") {
        return Some(Format::Pdf);
    }
    let head = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let text = String::from_utf8_lossy(&head[..head.len().min(4096)]);
    let t = text.trim_start();
    let xmlish = t.starts_with('<');
    (xmlish && t.contains("<svg")).then_some(Format::Svg)
}

/// Parses a PDF, refusing an encrypted one (even one that opens without a password:
/// its permissions may forbid the copy, and a press workflow refuses it anyway).
fn parse(bytes: &Arc<[u8]>) -> Result<Pdf, OpenError> {
    let encrypted = || {
        OpenError::new(
            Code::GraphicEncrypted,
            "is encrypted",
            "ask for the ad without password or security settings (PDF/X forbids encryption)",
        )
    };
    let unreadable = || {
        OpenError::new(
            Code::GraphicUnreadable,
            "cannot be read as a PDF (damaged, cut short or not a PDF inside)",
            "ask for the file again, exported as PDF/X-4 or PDF/X-1a",
        )
    };
    // Opening with a password nobody uses tells an encrypted file from a plain one:
    // hayro would otherwise decrypt a file whose user password is empty, silently.
    if names_encryption(bytes) {
        if let Err(LoadPdfError::Decryption(_)) =
            Pdf::new_with_password(shared(bytes), "\u{1}banmian preflight\u{1}")
        {
            return Err(encrypted());
        }
    }
    match Pdf::new(shared(bytes)) {
        Ok(pdf) => Ok(pdf),
        Err(LoadPdfError::Decryption(_)) => Err(encrypted()),
        Err(LoadPdfError::Invalid) => Err(unreadable()),
    }
}

/// The file's bytes as hayro holds them (shared, not copied).
struct Shared(Arc<[u8]>);

impl AsRef<[u8]> for Shared {
    fn as_ref(&self) -> &[u8] {
        &self.0
    }
}

fn shared(bytes: &Arc<[u8]>) -> Arc<Shared> {
    Arc::new(Shared(bytes.clone()))
}

/// Where a PDF says it is encrypted: the `/Encrypt` key of its trailer, which sits in
/// the last part of the file (the final trailer or cross-reference stream), or near the
/// start in a linearized file (the first page's trailer). Scanning only those parts
/// keeps a large ad's check to microseconds.
const TRAILER_SPAN: usize = 64 << 10;

fn names_encryption(bytes: &[u8]) -> bool {
    let head = &bytes[..bytes.len().min(TRAILER_SPAN)];
    let tail = &bytes[bytes.len().saturating_sub(TRAILER_SPAN)..];
    memchr(head, b"/Encrypt") || memchr(tail, b"/Encrypt")
}

fn memchr(hay: &[u8], needle: &[u8]) -> bool {
    hay.windows(needle.len()).any(|w| w == needle)
}

/// The chosen box, within the media box and the crop box, and what to say when the
/// page lacks it or it reaches past what is shown.
fn area(page: &Page<'_>, kind: BoxKind, format: Format) -> (PdfRect, Vec<Finding>) {
    let media = rect(page.media_box());
    let crop = rect(page.crop_box()).intersect(&media);
    let mut findings = Vec::new();
    let given = match kind {
        BoxKind::Media => Some(media),
        BoxKind::Crop => Some(crop),
        _ => box_of(page.raw(), kind),
    };
    let chosen = match given {
        Some(r) => r,
        None => {
            // ISO 32000-1 §14.11.2: the trim, bleed and art boxes default to the crop box.
            // An SVG has one box, the drawing: nothing to warn about.
            if kind == BoxKind::Trim && format == Format::Pdf {
                findings.push(Finding::new(
                    Code::GraphicBox,
                    "has no trim box; its crop box is taken as the finished size",
                    "ads are delivered with a trim box (PDF/X requires one): ask for a PDF/X file",
                ));
            }
            crop
        }
    };
    if chosen.exceeds(&crop, 0.01) {
        findings.push(Finding::new(
            Code::GraphicBox,
            format!(
                "its {} box reaches past the part of the page a reader shows (the crop box); the rest is cut off",
                kind.name()
            ),
            "ask for the file with its crop box around everything that should print",
        ));
    }
    (chosen.intersect(&crop), findings)
}

/// A box the page dictionary gives itself (trim, bleed and art boxes are not inherited).
fn box_of(dict: &Dict<'_>, kind: BoxKind) -> Option<PdfRect> {
    let r = dict.get::<hayro_write::hayro_syntax::object::Rect>(kind.key())?;
    let r = PdfRect {
        x0: r.x0.min(r.x1),
        y0: r.y0.min(r.y1),
        x1: r.x0.max(r.x1),
        y1: r.y0.max(r.y1),
    };
    let finite = [r.x0, r.y0, r.x1, r.y1].iter().all(|v| v.is_finite());
    (finite && r.width() > 0.0 && r.height() > 0.0).then_some(r)
}

fn rect(r: hayro_write::hayro_syntax::object::Rect) -> PdfRect {
    PdfRect {
        x0: r.x0.min(r.x1),
        y0: r.y0.min(r.y1),
        x1: r.x0.max(r.x1),
        y1: r.y0.max(r.y1),
    }
}
