//! Reading photos: enough to place and embed them. JPEG is kept byte for byte (the PDF
//! passes it through); PNG is decoded to 8-bit samples with its alpha kept apart.

use crate::display::{ImageData, ImagePixels};
use image::ImageDecoder;
use std::io::Cursor;
use std::path::Path;

/// Refuse images that would take unreasonable memory (inputs are untrusted).
const MAX_PIXELS: u64 = 120_000_000;

pub fn load_image(path: &Path) -> Result<ImageData, String> {
    let bytes = std::fs::read(path).map_err(|e| format!("cannot read the file ({e})"))?;
    if bytes.starts_with(&[0xFF, 0xD8]) {
        jpeg(bytes)
    } else if bytes.starts_with(b"\x89PNG") {
        png(&bytes)
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
    let dec = image::codecs::jpeg::JpegDecoder::new(Cursor::new(&bytes))
        .map_err(|e| format!("not a readable JPEG ({e})"))?;
    let (width, height) = dec.dimensions();
    check_size(width, height)?;
    let components = match dec.original_color_type() {
        image::ExtendedColorType::L8 => 1,
        image::ExtendedColorType::Rgb8 => 3,
        image::ExtendedColorType::Cmyk8 => 4,
        other => return Err(format!("JPEG colour type {other:?} is not supported")),
    };
    // Photoshop writes CMYK JPEGs with inverted samples and says so in an APP14 "Adobe"
    // segment; the PDF must then carry an inverting Decode array.
    let adobe_inverted = components == 4 && has_adobe_marker(&bytes);
    Ok(ImageData {
        width,
        height,
        pixels: ImagePixels::Jpeg {
            bytes,
            components,
            adobe_inverted,
        },
    })
}

/// Looks for an APP14 segment starting with "Adobe" among the markers before the scan.
fn has_adobe_marker(b: &[u8]) -> bool {
    let mut i = 2;
    while i + 4 <= b.len() && b[i] == 0xFF {
        let marker = b[i + 1];
        let len = usize::from(u16::from_be_bytes([b[i + 2], b[i + 3]]));
        if marker == 0xDA {
            break;
        }
        if marker == 0xEE && b.get(i + 4..i + 9) == Some(b"Adobe") {
            return true;
        }
        i += 2 + len;
    }
    false
}

fn png(bytes: &[u8]) -> Result<ImageData, String> {
    let img = image::load_from_memory_with_format(bytes, image::ImageFormat::Png)
        .map_err(|e| format!("not a readable PNG ({e})"))?;
    let (width, height) = (img.width(), img.height());
    check_size(width, height)?;
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
        pixels: ImagePixels::Raw {
            samples,
            components,
            alpha,
        },
    })
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
