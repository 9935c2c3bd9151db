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
        ImagePixels::Jpeg { components, .. } => {
            if !matches!(components, 1 | 3 | 4) {
                return Err(bad(format!(
                    "a JPEG has {components} colour components (1, 3 or 4 expected)"
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
