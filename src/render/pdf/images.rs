//! Image XObjects.
//!
//! In: the images the display list places. Out: one XObject per distinct image (the same
//! `Arc<ImageData>` placed twice is embedded once), numbered in order of first use.
//! - JPEG: the file's bytes, unchanged, as `/DCTDecode`; the colour space follows the
//!   component count; Adobe's inverted CMYK gets `/Decode [1 0 1 0 1 0 1 0]`.
//! - Raw samples: Flate-compressed, with the alpha plane as a `/SMask`.

use super::{encode, PdfOptions, Refs};
use crate::diag::Diagnostic;
use crate::display::{Document, ImageData, ImagePixels, Item};
use pdf_writer::{Chunk, Filter, Finish, Name, Ref};
use std::sync::Arc;

/// Largest side accepted, in pixels: larger than any press photo, small enough that
/// `width * height * components` cannot overflow and PDF readers accept it.
const MAX_SIDE: u32 = 60_000;

/// The distinct images of a document, in order of first use.
pub struct ImageSet {
    images: Vec<Arc<ImageData>>,
}

impl ImageSet {
    pub fn collect(doc: &Document) -> Result<ImageSet, Diagnostic> {
        let mut images: Vec<Arc<ImageData>> = Vec::new();
        for (pi, page) in doc.pages.iter().enumerate() {
            for item in &page.items {
                let Item::Image(img) = item else { continue };
                if images.iter().any(|i| Arc::ptr_eq(i, &img.image)) {
                    continue;
                }
                check(&img.image).map_err(|e| e.context(format!("page {}", pi + 1)))?;
                images.push(Arc::clone(&img.image));
            }
        }
        Ok(ImageSet { images })
    }

    pub fn images(&self) -> impl Iterator<Item = &ImageData> {
        self.images.iter().map(|i| &**i)
    }

    pub fn index_of(&self, image: &Arc<ImageData>) -> Option<usize> {
        self.images.iter().position(|i| Arc::ptr_eq(i, image))
    }
}

/// Rejects what would make a broken PDF: no pixels, an unknown colour model, or sample
/// data that does not fill the stated size.
fn check(img: &ImageData) -> Result<(), Diagnostic> {
    let bad = |why: String| Diagnostic::error("pdf.bad-image", why);
    if img.width == 0 || img.height == 0 || img.width > MAX_SIDE || img.height > MAX_SIDE {
        return Err(bad(format!(
            "an image is {}×{} pixels, which cannot be embedded",
            img.width, img.height
        )));
    }
    let pixels = u64::from(img.width) * u64::from(img.height);
    match &img.pixels {
        ImagePixels::Jpeg {
            bytes, components, ..
        } => {
            if !matches!(components, 1 | 3 | 4) {
                return Err(bad(format!(
                    "a JPEG has {components} colour components (1, 3 or 4 expected)"
                )));
            }
            // The bytes go in unchanged, so the dictionary must say what the file says.
            let Some(frame) = jpeg_frame(bytes) else {
                return Err(bad(
                    "an image said to be a JPEG has no readable JPEG frame header".to_string(),
                ));
            };
            if frame != (img.width, img.height, *components) {
                return Err(bad(format!(
                    "a JPEG is {}×{} pixels with {} components, but is placed as {}×{} with {}",
                    frame.0, frame.1, frame.2, img.width, img.height, components
                )));
            }
        }
        ImagePixels::Raw {
            samples,
            components,
            alpha,
        } => {
            if !matches!(components, 1 | 3 | 4) {
                return Err(bad(format!(
                    "an image has {components} colour components (1, 3 or 4 expected)"
                )));
            }
            if samples.len() as u64 != pixels * u64::from(*components) {
                return Err(bad(format!(
                    "an image of {}×{} pixels has {} bytes of samples, {} expected",
                    img.width,
                    img.height,
                    samples.len(),
                    pixels * u64::from(*components)
                )));
            }
            if alpha.as_ref().is_some_and(|a| a.len() as u64 != pixels) {
                return Err(bad(
                    "an image's alpha plane does not match its size".to_string()
                ));
            }
        }
    }
    Ok(())
}

/// Width, height and component count from a JPEG's start-of-frame marker (any SOFn:
/// baseline, progressive, lossless), walking the marker segments from SOI.
fn jpeg_frame(bytes: &[u8]) -> Option<(u32, u32, u8)> {
    if bytes.get(..2)? != [0xFF, 0xD8] {
        return None;
    }
    let mut i = 2;
    loop {
        // Markers may be padded with any number of 0xFF bytes.
        while *bytes.get(i)? == 0xFF && *bytes.get(i + 1)? == 0xFF {
            i += 1;
        }
        if *bytes.get(i)? != 0xFF {
            return None;
        }
        let marker = *bytes.get(i + 1)?;
        let len = usize::from(u16::from_be_bytes([*bytes.get(i + 2)?, *bytes.get(i + 3)?]));
        let is_sof = matches!(marker, 0xC0..=0xCF) && !matches!(marker, 0xC4 | 0xC8 | 0xCC);
        if is_sof {
            let seg = bytes.get(i + 4..i + 2 + len)?;
            let h = u32::from(u16::from_be_bytes([*seg.get(1)?, *seg.get(2)?]));
            let w = u32::from(u16::from_be_bytes([*seg.get(3)?, *seg.get(4)?]));
            return Some((w, h, *seg.get(5)?));
        }
        if marker == 0xD9 || marker == 0xDA || len < 2 {
            // End of image, or scan data before any frame header.
            return None;
        }
        i += 2 + len;
    }
}

fn device_space(components: u8) -> Name<'static> {
    match components {
        1 => Name(b"DeviceGray"),
        4 => Name(b"DeviceCMYK"),
        _ => Name(b"DeviceRGB"),
    }
}

/// Writes one image XObject at `id` (and its soft mask, if any). The image was checked
/// by [`ImageSet::collect`].
pub fn write_image(
    chunk: &mut Chunk,
    refs: &mut Refs,
    img: &ImageData,
    id: Ref,
    opts: &PdfOptions,
) {
    // Checked to be at most MAX_SIDE.
    let (w, h) = (img.width as i32, img.height as i32);
    match &img.pixels {
        ImagePixels::Jpeg {
            bytes,
            components,
            adobe_inverted,
        } => {
            let mut x = chunk.image_xobject(id, bytes);
            x.width(w)
                .height(h)
                .color_space_name(device_space(*components))
                .bits_per_component(8);
            x.filter(Filter::DctDecode);
            if *adobe_inverted && *components == 4 {
                x.decode([1.0, 0.0, 1.0, 0.0, 1.0, 0.0, 1.0, 0.0]);
            }
            x.finish();
        }
        ImagePixels::Raw {
            samples,
            components,
            alpha,
        } => {
            let mask = alpha.as_ref().map(|a| {
                let mask_ref = refs.next();
                let enc = encode(a, opts);
                let mut x = chunk.image_xobject(mask_ref, &enc.data);
                if let Some(f) = enc.filter {
                    x.filter(f);
                }
                x.width(w)
                    .height(h)
                    .color_space_name(Name(b"DeviceGray"))
                    .bits_per_component(8);
                x.finish();
                mask_ref
            });
            let enc = encode(samples, opts);
            let mut x = chunk.image_xobject(id, &enc.data);
            if let Some(f) = enc.filter {
                x.filter(f);
            }
            x.width(w)
                .height(h)
                .color_space_name(device_space(*components))
                .bits_per_component(8);
            if let Some(m) = mask {
                x.s_mask(m);
            }
            x.finish();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn jpeg_frame_header_is_found_past_other_segments() {
        // SOI, an APP0 of 4 bytes, SOF0: precision 8, height 3, width 5, 1 component.
        let jpeg = [
            0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x04, 0xAA, 0xBB, 0xFF, 0xC0, 0x00, 0x0B, 0x08, 0x00,
            0x03, 0x00, 0x05, 0x01, 0x01, 0x11, 0x00,
        ];
        assert_eq!(jpeg_frame(&jpeg), Some((5, 3, 1)));
        assert_eq!(jpeg_frame(&jpeg[..12]), None);
        assert_eq!(jpeg_frame(b"not a jpeg"), None);
        assert_eq!(jpeg_frame(&[0xFF, 0xD8, 0xFF, 0xD9]), None);
    }
}
