//! Reading photos: enough to place and embed them, within the build's budgets
//! ([`Limits`]). JPEG is kept byte for byte (the PDF passes it through) after a walk
//! of the whole file that catches one cut short; PNG is decoded to 8-bit samples with
//! its alpha kept apart, once its header has shown that the decoded pixels fit the
//! budget. An ICC profile embedded in either (JPEG APP2 `ICC_PROFILE`, PNG `iCCP`) is
//! kept when it fits the image's colour model, so the PDF can tag the image with it;
//! a PNG's profile is inflated only as far as the profile limit (a 2 MB file whose
//! profile inflates to 2 GiB is refused after 16 MiB, in milliseconds).

use crate::diag::{Code, Diagnostic};
use crate::display::{ImageData, ImagePixels};
use crate::files::{bytes_in_words, Limits};
use image::ImageDecoder;
use std::io::Cursor;

/// Why a photo cannot be used, with what to do about it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ImageRefusal {
    /// What is wrong, in words ("the JPEG is cut short …").
    pub message: String,
    /// What to do (a limit to raise, a file to fix).
    pub hint: String,
}

impl ImageRefusal {
    fn file(message: impl Into<String>) -> ImageRefusal {
        ImageRefusal {
            message: message.into(),
            hint: "give a whole JPEG or PNG file".into(),
        }
    }

    fn limit(message: String, name: &str) -> ImageRefusal {
        ImageRefusal {
            message,
            hint: format!(
                "use a smaller image (a press photo needs about 300 ppi at its printed size); a trusted desk with the memory may raise the limit with --limit {name}=N"
            ),
        }
    }

    /// The refusal as an unlocated `photo.unusable` diagnostic with its hint; the
    /// caller names the file (`about`) and locates it (`at`).
    pub fn diagnostic(&self) -> Diagnostic {
        Diagnostic::new(Code::PhotoUnusable, self.message.clone()).hint(self.hint.clone())
    }
}

/// The message alone (the hint is the diagnostic's).
impl std::fmt::Display for ImageRefusal {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for ImageRefusal {}

/// Decodes a photo file's bytes within the default limits.
pub fn load_image(bytes: &[u8]) -> Result<ImageData, ImageRefusal> {
    let limits = Limits::DEFAULT;
    load_image_within(bytes, &limits, limits.page_image_bytes)
}

/// Decodes a photo file's bytes (read within [`Limits::image_bytes`]) if it has at
/// most [`Limits::image_pixels`] pixels and takes at most `room` bytes of memory while
/// decoded (what is left of the page's [`Limits::page_image_bytes`]).
pub fn load_image_within(
    bytes: &[u8],
    limits: &Limits,
    room: u64,
) -> Result<ImageData, ImageRefusal> {
    if bytes.starts_with(&[0xFF, 0xD8]) {
        jpeg(bytes, limits, room)
    } else if bytes.starts_with(b"\x89PNG\r\n\x1a\n") {
        png(bytes, limits, room)
    } else {
        Err(ImageRefusal::file("not a JPEG or PNG file"))
    }
}

/// What a decoded photo keeps in memory: the JPEG file, or the samples and alpha.
pub fn image_memory(img: &ImageData) -> u64 {
    match &img.pixels {
        ImagePixels::Jpeg { bytes, .. } => bytes.len() as u64,
        ImagePixels::Raw { samples, alpha, .. } => {
            samples.len() as u64 + alpha.as_ref().map_or(0, |a| a.len() as u64)
        }
    }
}

fn check_size(w: u32, h: u32, limits: &Limits) -> Result<(), ImageRefusal> {
    if w == 0 || h == 0 {
        return Err(ImageRefusal::file(format!(
            "an image of {w}×{h} pixels is empty"
        )));
    }
    let pixels = u64::from(w) * u64::from(h);
    if pixels > limits.image_pixels {
        return Err(ImageRefusal::limit(
            format!(
                "an image of {w}×{h} pixels ({} million) is larger than the {} million pixels accepted for one photo",
                pixels / 1_000_000,
                limits.image_pixels / 1_000_000
            ),
            "image-pixels",
        ));
    }
    Ok(())
}

fn check_room(need: u64, room: u64, limits: &Limits, what: &str) -> Result<(), ImageRefusal> {
    if need > room {
        return Err(ImageRefusal::limit(
            format!(
                "{what} takes {} in memory, and the page's photos may take {} in all ({} of it left)",
                bytes_in_words(need),
                bytes_in_words(limits.page_image_bytes),
                bytes_in_words(room)
            ),
            "page-image-bytes",
        ));
    }
    Ok(())
}

fn jpeg(bytes: &[u8], limits: &Limits, room: u64) -> Result<ImageData, ImageRefusal> {
    // Size and components from the frame header itself: the bytes go into the PDF as
    // they are, and the decoder reports CMYK files as RGB (it would convert them).
    let (width, height, components) = crate::jpeg::frame(bytes)
        .ok_or_else(|| ImageRefusal::file("a JPEG without a readable frame header"))?;
    check_size(width, height, limits)?;
    if !matches!(components, 1 | 3 | 4) {
        return Err(ImageRefusal::file(format!(
            "a JPEG with {components} colour components is not supported"
        )));
    }
    check_room(bytes.len() as u64, room, limits, "the JPEG")?;
    crate::jpeg::check(bytes).map_err(|e| ImageRefusal::file(e.to_string()))?;
    let mut dec = image::codecs::jpeg::JpegDecoder::new(Cursor::new(bytes))
        .map_err(|e| ImageRefusal::file(format!("not a readable JPEG ({e})")))?;
    let adobe_inverted = components == 4 && crate::jpeg::has_adobe_marker(bytes);
    let icc = embedded_profile(dec.icc_profile().ok().flatten(), components);
    Ok(ImageData {
        width,
        height,
        icc,
        pixels: ImagePixels::Jpeg {
            bytes: bytes.to_vec(),
            components,
            adobe_inverted,
        },
    })
}

/// A PNG chunk: its type and where its data is in the file.
type Chunk = ([u8; 4], std::ops::Range<usize>);

/// The chunks of a PNG file: type and data, in order (CRCs are the decoder's business).
fn png_chunks(bytes: &[u8]) -> Result<Vec<Chunk>, ImageRefusal> {
    let mut out = Vec::new();
    let mut i = 8;
    while i < bytes.len() {
        let head = bytes.get(i..i + 8).ok_or_else(|| {
            ImageRefusal::file("not a readable PNG (it is cut short in a chunk header)")
        })?;
        let len = u32::from_be_bytes([head[0], head[1], head[2], head[3]]) as usize;
        let kind = [head[4], head[5], head[6], head[7]];
        let data = i + 8..i + 8 + len;
        if data.end + 4 > bytes.len() {
            return Err(ImageRefusal::file(
                "not a readable PNG (it is cut short in a chunk)",
            ));
        }
        out.push((kind, data));
        i += 12 + len;
        if &kind == b"IEND" {
            break;
        }
    }
    Ok(out)
}

/// A PNG's `iCCP` profile, inflated no further than the ICC limit.
fn png_profile(chunk: &[u8], limits: &Limits) -> Result<Vec<u8>, ImageRefusal> {
    let name_end = chunk
        .iter()
        .take(80)
        .position(|&b| b == 0)
        .ok_or_else(|| ImageRefusal::file("a damaged colour profile (iCCP) in the PNG"))?;
    let compressed = chunk.get(name_end + 2..).unwrap_or_default();
    let most = usize::try_from(limits.icc_bytes).unwrap_or(usize::MAX);
    miniz_oxide::inflate::decompress_to_vec_zlib_with_limit(compressed, most).map_err(|e| {
        if e.status == miniz_oxide::inflate::TINFLStatus::HasMoreOutput {
            ImageRefusal::limit(
                format!(
                    "the PNG's colour profile (iCCP) inflates to more than the {} accepted for an ICC profile",
                    bytes_in_words(limits.icc_bytes)
                ),
                "icc-bytes",
            )
        } else {
            ImageRefusal::file("a damaged colour profile (iCCP) in the PNG")
        }
    })
}

fn png(bytes: &[u8], limits: &Limits, room: u64) -> Result<ImageData, ImageRefusal> {
    let chunks = png_chunks(bytes)?;
    let ihdr = chunks
        .first()
        .filter(|(k, r)| k == b"IHDR" && r.len() >= 13)
        .map(|(_, r)| &bytes[r.clone()])
        .ok_or_else(|| ImageRefusal::file("a PNG without its header (IHDR)"))?;
    let width = u32::from_be_bytes([ihdr[0], ihdr[1], ihdr[2], ihdr[3]]);
    let height = u32::from_be_bytes([ihdr[4], ihdr[5], ihdr[6], ihdr[7]]);
    // Checked before anything is inflated or decoded, so a hostile header cannot make
    // us allocate gigabytes.
    check_size(width, height, limits)?;
    let (depth, colour) = (ihdr[8], ihdr[9]);
    let channels: u64 = match colour {
        0 => 1,
        2 => 3,
        3 => 4, // a palette expands to RGB(A)
        4 => 2,
        6 => 4,
        _ => return Err(ImageRefusal::file(format!("a PNG of colour type {colour}"))),
    };
    let sample_bytes = if depth == 16 { 2 } else { 1 };
    // While decoding: the decoder's image, then its 8-bit copy split into samples and
    // alpha.
    let pixels = u64::from(width) * u64::from(height);
    let peak = pixels * channels * (sample_bytes + 1);
    check_room(
        peak,
        room,
        limits,
        &format!("decoding this {width}×{height} PNG"),
    )?;
    let mut profile = None;
    let mut stripped = None;
    if let Some((_, r)) = chunks.iter().find(|(k, _)| k == b"iCCP") {
        profile = Some(png_profile(&bytes[r.clone()], limits)?);
        // The decoder is given the file without it: it would inflate it again.
        stripped = Some(without_chunk(bytes, &chunks, b"iCCP"));
    }
    let input = stripped.as_deref().unwrap_or(bytes);
    let bad = |e: image::ImageError| ImageRefusal::file(format!("not a readable PNG ({e})"));
    let mut dec = image::codecs::png::PngDecoder::new(Cursor::new(input)).map_err(bad)?;
    let mut decode_limits = image::Limits::default();
    decode_limits.max_alloc = Some(peak.max(1 << 20));
    dec.set_limits(decode_limits).map_err(bad)?;
    let img = image::DynamicImage::from_decoder(dec).map_err(bad)?;
    let has_alpha = img.color().has_alpha();
    let grey = !img.color().has_color();
    let (samples, components, alpha) = match (grey, has_alpha) {
        (true, false) => (img.into_luma8().into_raw(), 1, None),
        (false, false) => (img.into_rgb8().into_raw(), 3, None),
        (true, true) => split_alpha(img.into_luma_alpha8().into_raw(), 1),
        (false, true) => split_alpha(img.into_rgba8().into_raw(), 3),
    };
    Ok(ImageData {
        width,
        height,
        icc: embedded_profile(profile, components),
        pixels: ImagePixels::Raw {
            samples,
            components,
            alpha,
        },
    })
}

/// The PNG without the chunks of one type.
fn without_chunk(bytes: &[u8], chunks: &[Chunk], kind: &[u8; 4]) -> Vec<u8> {
    let mut out = bytes[..8].to_vec();
    for (k, r) in chunks {
        if k != kind {
            out.extend_from_slice(&bytes[r.start - 8..r.end + 4]);
        }
    }
    out
}

/// An embedded ICC profile, if it is one and describes the image's colour model (a
/// grey profile on an RGB image, say, is dropped: the PDF would be invalid). Bytes past
/// the size the profile's header gives are padding some writers leave; they go.
fn embedded_profile(profile: Option<Vec<u8>>, components: u8) -> Option<Vec<u8>> {
    let mut p = profile?;
    let declared = u32::from_be_bytes(p.get(..4)?.try_into().ok()?) as usize;
    if declared < p.len() {
        p.truncate(declared);
    }
    let header = crate::icc::parse_header(&p).ok()?;
    (header.components() == Some(components)).then_some(p)
}

fn split_alpha(raw: Vec<u8>, components: u8) -> (Vec<u8>, u8, Option<Vec<u8>>) {
    let n = usize::from(components) + 1;
    let mut samples = Vec::with_capacity(raw.len() / n * (n - 1));
    let mut alpha = Vec::with_capacity(raw.len() / n);
    for px in raw.chunks_exact(n) {
        samples.extend_from_slice(&px[..n - 1]);
        alpha.push(px[n - 1]);
    }
    (samples, components, Some(alpha))
}
