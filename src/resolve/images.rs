//! Reading photos: enough to place and embed them. JPEG is kept byte for byte (the PDF
//! passes it through) after a check that the file is whole; PNG is decoded to 8-bit
//! samples with its alpha kept apart. An ICC profile embedded in either (JPEG APP2
//! `ICC_PROFILE`, PNG `iCCP`) is kept when it fits the image's colour model, so the PDF
//! can tag the image with it.

use crate::display::{ImageData, ImagePixels};
use image::ImageDecoder;
use std::io::Cursor;

/// Refuse images that would take unreasonable memory (inputs are untrusted).
const MAX_PIXELS: u64 = 120_000_000;

/// Decodes a photo file's bytes (read within [`crate::files::Limits::image_bytes`]).
pub fn load_image(bytes: &[u8]) -> Result<ImageData, String> {
    if bytes.starts_with(&[0xFF, 0xD8]) {
        jpeg(bytes.to_vec())
    } else if bytes.starts_with(b"\x89PNG") {
        png(bytes)
    } else {
        Err("not a JPEG or PNG file".into())
    }
}

fn check_size(w: u32, h: u32) -> Result<(), String> {
    if w == 0 || h == 0 || u64::from(w) * u64::from(h) > MAX_PIXELS {
        return Err(format!("an image of {w}×{h} pixels is empty or too large"));
    }
    Ok(())
}

fn jpeg(bytes: Vec<u8>) -> Result<ImageData, String> {
    if !crate::jpeg::is_complete(&bytes) {
        return Err("the JPEG is cut short (no end-of-image marker after its scan data)".into());
    }
    let mut dec = image::codecs::jpeg::JpegDecoder::new(Cursor::new(&bytes))
        .map_err(|e| format!("not a readable JPEG ({e})"))?;
    // Size and components from the frame header itself: the bytes go into the PDF as
    // they are, and the decoder reports CMYK files as RGB (it would convert them).
    let (width, height, components) =
        crate::jpeg::frame(&bytes).ok_or("a JPEG without a readable frame header")?;
    check_size(width, height)?;
    if !matches!(components, 1 | 3 | 4) {
        return Err(format!(
            "a JPEG with {components} colour components is not supported"
        ));
    }
    let adobe_inverted = components == 4 && crate::jpeg::has_adobe_marker(&bytes);
    let icc = embedded_profile(dec.icc_profile().ok().flatten(), components);
    Ok(ImageData {
        width,
        height,
        icc,
        pixels: ImagePixels::Jpeg {
            bytes,
            components,
            adobe_inverted,
        },
    })
}

fn png(bytes: &[u8]) -> Result<ImageData, String> {
    let bad = |e: image::ImageError| format!("not a readable PNG ({e})");
    let mut dec = image::codecs::png::PngDecoder::new(Cursor::new(bytes)).map_err(bad)?;
    let (width, height) = dec.dimensions();
    // Checked before decoding, so a hostile header cannot make us allocate gigabytes.
    check_size(width, height)?;
    let profile = dec.icc_profile().ok().flatten();
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
