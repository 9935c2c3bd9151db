//! Image XObjects.
//!
//! In: the images the display list places. Out: one XObject per distinct image, numbered
//! in order of first use. Images are told apart by content, not by where they were
//! read: one photo placed a thousand times, from one file or from a thousand copies, is
//! embedded once. (Images are compared byte for byte, and only those of the same size
//! and kind, so a page of different photos costs no comparison and no hashing.)
//! - JPEG: the file's bytes, unchanged, as `/DCTDecode`; Adobe's inverted CMYK gets
//!   `/Decode [1 0 1 0 1 0 1 0]`.
//! - Raw samples: Flate-compressed, with the alpha plane as a `/SMask`.
//!
//! Colour spaces: RGB is `/ICCBased` with the profile the file carries, else sRGB (PDF/X
//! forbids untagged RGB under a CMYK output intent); grey is `/ICCBased` when tagged,
//! else `DeviceGray`; CMYK is `DeviceCMYK`, taken as separated for the press the output
//! intent describes. Each distinct profile is embedded once.

use super::cache::PdfCache;
use super::deflate::StreamKind;
use super::{Encoded, PdfOptions, Refs, StreamData};
use crate::diag::Code;
use crate::diag::Diagnostic;
use crate::display::{Document, ImageData, ImagePixels, Item};
use pdf_writer::writers::ImageXObject;
use pdf_writer::{Chunk, Filter, Finish, Name, Ref};
use std::collections::HashMap;
use std::sync::Arc;

/// Largest side accepted, in pixels: larger than any press photo, small enough that
/// `width * height * components` cannot overflow and PDF readers accept it.
const MAX_SIDE: u32 = 60_000;

/// sRGB (see profiles/README.md): the profile of untagged RGB.
const SRGB: &[u8] = super::profiles::SRGB;

/// The distinct images of a document, in order of first use, and the distinct ICC
/// profiles they are tagged with.
pub struct ImageSet {
    images: Vec<Arc<ImageData>>,
    /// Each placed image, by its address (the document borrowed while the set lives
    /// keeps it fixed), to its index in `images`.
    placed: HashMap<usize, usize>,
    /// For each image, its profile's index in `profiles` (`None`: a device space).
    profile_of: Vec<Option<usize>>,
    profiles: Vec<Profile>,
}

/// An ICC profile to embed: its bytes and component count.
pub struct Profile {
    pub source: ProfileSource,
    pub components: u8,
}

pub enum ProfileSource {
    Srgb,
    /// The profile carried by the image with this index.
    Image(usize),
}

impl ImageSet {
    pub fn collect(doc: &Document) -> Result<ImageSet, Diagnostic> {
        let mut images: Vec<Arc<ImageData>> = Vec::new();
        let mut placed = HashMap::new();
        let mut by_shape: HashMap<Shape, Vec<usize>> = HashMap::new();
        for (pi, page) in doc.pages.iter().enumerate() {
            for item in &page.items {
                let Item::Image(img) = item else { continue };
                if placed.contains_key(&address(&img.image)) {
                    continue;
                }
                check(&img.image).map_err(|e| e.context(format!("page {}", pi + 1)))?;
                let alike = by_shape.entry(Shape::of(&img.image)).or_default();
                let index = match alike.iter().find(|&&i| same_image(&images[i], &img.image)) {
                    Some(&i) => i,
                    None => {
                        images.push(Arc::clone(&img.image));
                        alike.push(images.len() - 1);
                        images.len() - 1
                    }
                };
                placed.insert(address(&img.image), index);
            }
        }
        let mut set = ImageSet {
            images,
            placed,
            profile_of: Vec::new(),
            profiles: Vec::new(),
        };
        set.profile_of = (0..set.images.len()).map(|i| set.tag(i)).collect();
        Ok(set)
    }

    /// Picks image `i`'s profile, adding it to the set unless an equal one is there.
    fn tag(&mut self, i: usize) -> Option<usize> {
        let img = &self.images[i];
        let components = img.pixels.components();
        let source = match (&img.icc, components) {
            (_, 4) => return None,
            (Some(_), _) => ProfileSource::Image(i),
            (None, 3) => ProfileSource::Srgb,
            (None, _) => return None,
        };
        let bytes = self.bytes(&source);
        if let Some(k) = self
            .profiles
            .iter()
            .position(|p| self.bytes(&p.source) == bytes)
        {
            return Some(k);
        }
        self.profiles.push(Profile { source, components });
        Some(self.profiles.len() - 1)
    }

    pub fn bytes(&self, source: &ProfileSource) -> &[u8] {
        match source {
            ProfileSource::Srgb => SRGB,
            ProfileSource::Image(i) => self.images[*i].icc.as_deref().unwrap_or_default(),
        }
    }

    pub fn images(&self) -> impl Iterator<Item = &ImageData> {
        self.images.iter().map(|i| &**i)
    }

    pub fn profiles(&self) -> &[Profile] {
        &self.profiles
    }

    /// The profile index of the image at `index` in [`ImageSet::images`].
    pub fn profile_of(&self, index: usize) -> Option<usize> {
        self.profile_of.get(index).copied().flatten()
    }

    pub fn index_of(&self, image: &Arc<ImageData>) -> Option<usize> {
        self.placed.get(&address(image)).copied()
    }
}

fn address(image: &Arc<ImageData>) -> usize {
    Arc::as_ptr(image) as usize
}

/// What two equal images must share, cheap to compare: images are compared byte for
/// byte only within one shape.
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
struct Shape {
    width: u32,
    height: u32,
    jpeg: bool,
    components: u8,
    /// Bytes of the JPEG file or of the samples.
    len: usize,
}

impl Shape {
    fn of(img: &ImageData) -> Shape {
        let (jpeg, len) = match &img.pixels {
            ImagePixels::Jpeg { bytes, .. } => (true, bytes.len()),
            ImagePixels::Raw { samples, .. } => (false, samples.len()),
        };
        Shape {
            width: img.width,
            height: img.height,
            jpeg,
            components: img.pixels.components(),
            len,
        }
    }
}

/// Whether two images make the same XObject: everything it is made of is equal.
fn same_image(a: &ImageData, b: &ImageData) -> bool {
    use ImagePixels::{Jpeg, Raw};
    if std::ptr::eq(a, b) {
        return true;
    }
    let pixels = match (&a.pixels, &b.pixels) {
        (
            Jpeg {
                bytes,
                components,
                adobe_inverted,
            },
            Jpeg {
                bytes: b2,
                components: c2,
                adobe_inverted: i2,
            },
        ) => components == c2 && adobe_inverted == i2 && bytes == b2,
        (
            Raw {
                samples,
                components,
                alpha,
            },
            Raw {
                samples: s2,
                components: c2,
                alpha: a2,
            },
        ) => components == c2 && samples == s2 && alpha == a2,
        _ => false,
    };
    pixels && a.width == b.width && a.height == b.height && a.icc == b.icc
}

/// Rejects what would make a broken PDF: no pixels, an unknown colour model, or sample
/// data that does not fill the stated size.
fn check(img: &ImageData) -> Result<(), Diagnostic> {
    let bad = |why: String| Diagnostic::new(Code::PdfBadImage, why);
    if img.width == 0 || img.height == 0 || img.width > MAX_SIDE || img.height > MAX_SIDE {
        return Err(bad(format!(
            "an image is {}×{} pixels, which cannot be embedded",
            img.width, img.height
        )));
    }
    if let Some(icc) = &img.icc {
        let h = crate::icc::parse_header(icc).map_err(|m| bad(format!("an image's {m}")))?;
        if h.components() != Some(img.pixels.components()) {
            return Err(bad(format!(
                "an image with {} colour components carries a {} profile",
                img.pixels.components(),
                crate::icc::signature_name(&h.space)
            )));
        }
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
            let Some(frame) = crate::jpeg::frame(bytes) else {
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

fn device_space(components: u8) -> Name<'static> {
    match components {
        1 => Name(b"DeviceGray"),
        4 => Name(b"DeviceCMYK"),
        _ => Name(b"DeviceRGB"),
    }
}

/// An ICC profile as it goes into the PDF: a built-in one as stored, another
/// compressed once per process (see `cache.rs`).
pub fn encode_profile<'a>(bytes: &'a [u8], cache: &PdfCache, o: &PdfOptions) -> Encoded<'a> {
    if !o.compress {
        return Encoded::plain(bytes);
    }
    let data = match super::profiles::precompressed(bytes) {
        Some(packed) => StreamData::Borrowed(packed),
        None => StreamData::Shared(cache.compressed(bytes, StreamKind::Icc)),
    };
    Encoded {
        data,
        filter: Some(Filter::FlateDecode),
    }
}

/// Writes an ICC profile stream (`/N`, the matching device space as `/Alternate`).
pub fn write_profile(chunk: &mut Chunk, id: Ref, enc: &Encoded<'_>, components: u8) {
    let mut s = chunk.icc_profile(id, enc.bytes());
    // Checked: profiles enter the set only with 1, 3 or 4 components.
    s.n(i32::from(components));
    s.alternate_name(device_space(components));
    if let Some(f) = enc.filter {
        s.filter(f);
    }
    s.finish();
}

/// Sets an image's colour space: its ICC profile stream, or a device space.
fn color_space(x: &mut ImageXObject<'_>, components: u8, profile: Option<Ref>) {
    match profile {
        Some(icc) => x.color_space().icc_based(icc),
        None => {
            x.color_space_name(device_space(components));
        }
    }
}

/// The streams of a raw image, compressed (once per process for equal samples).
pub struct RawStreams {
    samples: Encoded<'static>,
    alpha: Option<Encoded<'static>>,
}

/// Compresses a raw image's samples and alpha; `None` for a JPEG (passed through).
pub fn encode_image(img: &ImageData, cache: &PdfCache, o: &PdfOptions) -> Option<RawStreams> {
    let ImagePixels::Raw { samples, alpha, .. } = &img.pixels else {
        return None;
    };
    let enc = |data: &[u8]| {
        if o.compress {
            Encoded {
                data: StreamData::Shared(cache.compressed(data, StreamKind::Image)),
                filter: Some(Filter::FlateDecode),
            }
        } else {
            Encoded {
                data: StreamData::Owned(data.to_vec()),
                filter: None,
            }
        }
    };
    Some(RawStreams {
        samples: enc(samples),
        alpha: alpha.as_deref().map(enc),
    })
}

/// Writes one image XObject at `id` (and its soft mask, if any). The image was checked
/// by [`ImageSet::collect`]; `raw` is [`encode_image`]'s result for it.
pub fn write_image(
    chunk: &mut Chunk,
    refs: &mut Refs,
    img: &ImageData,
    raw: Option<&RawStreams>,
    (id, profile): (Ref, Option<Ref>),
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
            x.width(w).height(h).bits_per_component(8);
            color_space(&mut x, *components, profile);
            x.filter(Filter::DctDecode);
            if *adobe_inverted && *components == 4 {
                x.decode([1.0, 0.0, 1.0, 0.0, 1.0, 0.0, 1.0, 0.0]);
            }
            x.finish();
        }
        ImagePixels::Raw { components, .. } => {
            let Some(raw) = raw else { return };
            let mask = raw.alpha.as_ref().map(|enc| {
                let mask_ref = refs.next();
                let mut x = chunk.image_xobject(mask_ref, enc.bytes());
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
            let enc = &raw.samples;
            let mut x = chunk.image_xobject(id, enc.bytes());
            if let Some(f) = enc.filter {
                x.filter(f);
            }
            x.width(w).height(h).bits_per_component(8);
            color_space(&mut x, *components, profile);
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

    fn jpeg(bytes: &[u8], icc: Option<Vec<u8>>, adobe_inverted: bool) -> ImageData {
        ImageData {
            width: 2,
            height: 2,
            icc,
            pixels: ImagePixels::Jpeg {
                bytes: bytes.to_vec(),
                components: 3,
                adobe_inverted,
            },
        }
    }

    #[test]
    fn images_are_the_same_only_when_everything_in_the_xobject_is() {
        let a = jpeg(b"same", None, false);
        assert!(same_image(&a, &jpeg(b"same", None, false)));
        assert!(!same_image(&a, &jpeg(b"sane", None, false)));
        assert!(!same_image(&a, &jpeg(b"same", Some(vec![1]), false)));
        assert!(!same_image(&a, &jpeg(b"same", None, true)));
        let raw = ImageData {
            width: 2,
            height: 2,
            icc: None,
            pixels: ImagePixels::Raw {
                samples: b"same".to_vec(),
                components: 1,
                alpha: None,
            },
        };
        assert!(!same_image(&a, &raw));
        assert!(Shape::of(&a) != Shape::of(&raw));
    }
}
