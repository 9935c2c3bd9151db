//! Photos from file to PDF, through a spec: JPEGs pass through byte for byte in grey, RGB
//! and (Adobe-inverted) CMYK; RGB is tagged `/ICCBased` with the file's own profile or
//! sRGB; PNG alpha becomes a soft mask; a cut-short JPEG, a garbage PNG and a missing
//! file are errors that name the file. Test images are made here with the `image` crate.

use image::{ExtendedColorType, ImageEncoder};
use lopdf::{Document as PdfDoc, Stream};
use std::path::{Path, PathBuf};

const SRGB: &[u8] = include_bytes!("../../src/render/pdf/profiles/sRGB-v2.icc");
const NEWSPRINT: &[u8] = include_bytes!("../../src/render/pdf/profiles/newsprint-tr002.icc");

/// An RGB profile that is not sRGB: sRGB with one byte of its tag data changed (the
/// header, which is all banmian reads, stays valid).
fn other_rgb_profile() -> Vec<u8> {
    let mut p = SRGB.to_vec();
    let last = p.len() - 1;
    p[last] ^= 0x5A;
    p
}

fn temp_dir(test: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("banmian-images-{}-{test}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// A 16×16 gradient in `color`, with `icc` embedded when given.
fn pixels(color: ExtendedColorType) -> Vec<u8> {
    let n = match color {
        ExtendedColorType::L8 => 1,
        ExtendedColorType::Rgba8 => 4,
        _ => 3,
    };
    (0..16 * 16 * n).map(|i| (i * 7 % 251) as u8).collect()
}

fn jpeg(color: ExtendedColorType, icc: Option<&[u8]>) -> Vec<u8> {
    let mut out = Vec::new();
    let mut enc = image::codecs::jpeg::JpegEncoder::new_with_quality(&mut out, 90);
    if let Some(p) = icc {
        enc.set_icc_profile(p.to_vec()).unwrap();
    }
    enc.write_image(&pixels(color), 16, 16, color).unwrap();
    out
}

fn png(color: ExtendedColorType, icc: Option<&[u8]>) -> Vec<u8> {
    let mut out = Vec::new();
    let mut enc = image::codecs::png::PngEncoder::new(&mut out);
    if let Some(p) = icc {
        enc.set_icc_profile(p.to_vec()).unwrap();
    }
    enc.write_image(&pixels(color), 16, 16, color).unwrap();
    out
}

/// A spec in its own folder placing `bytes` as `name`; returns the spec's path.
fn page_with(test: &str, name: &str, bytes: &[u8]) -> PathBuf {
    let dir = temp_dir(test);
    std::fs::write(dir.join(name), bytes).unwrap();
    let spec = format!(
        "[page]\nlayout = \"tabloid\"\n\n[output]\nmin_ppi = 1\n\n[[photo]]\nfile = \"{name}\"\nplace = {{ column = 1, span = 1, top = 0, height = 10 }}\n"
    );
    let path = dir.join("page.toml");
    std::fs::write(&path, spec).unwrap();
    path
}

/// The one image XObject of the built page (from the page's resources, so a soft mask
/// is never taken for it).
fn built_image(spec: &Path) -> (PdfDoc, Stream) {
    let (_, bytes) = banmian::build_pdf(spec).unwrap_or_else(|d| panic!("builds:\n{d}"));
    let pdf = PdfDoc::load_mem(&bytes).unwrap();
    let page = pdf.get_dictionary(pdf.get_pages()[&1]).unwrap();
    let resources = pdf
        .dereference(page.get(b"Resources").unwrap())
        .unwrap()
        .1
        .as_dict()
        .unwrap();
    let xobjects = resources.get(b"XObject").unwrap().as_dict().unwrap();
    assert_eq!(xobjects.len(), 1);
    let (_, image) = xobjects.iter().next().unwrap();
    let image = pdf
        .dereference(image)
        .unwrap()
        .1
        .as_stream()
        .unwrap()
        .clone();
    (pdf, image)
}

/// The decompressed profile of an `/ICCBased` image, or the device space's name.
fn space(pdf: &PdfDoc, image: &Stream) -> Result<Vec<u8>, Vec<u8>> {
    let cs = image.dict.get(b"ColorSpace").unwrap();
    if let Ok(name) = cs.as_name() {
        return Err(name.to_vec());
    }
    let arr = cs.as_array().unwrap();
    assert_eq!(arr[0].as_name().unwrap(), b"ICCBased");
    let stream = pdf.dereference(&arr[1]).unwrap().1.as_stream().unwrap();
    Ok(stream.decompressed_content().unwrap())
}

#[test]
fn a_tagged_rgb_jpeg_keeps_its_profile_and_its_bytes() {
    let profile = other_rgb_profile();
    let file = jpeg(ExtendedColorType::Rgb8, Some(&profile));
    let (pdf, image) = built_image(&page_with("tagged-jpeg", "photo.jpg", &file));
    assert!(
        image.content == file,
        "the JPEG passes through byte for byte"
    );
    assert_eq!(space(&pdf, &image).unwrap(), profile);
}

#[test]
fn an_untagged_rgb_jpeg_is_srgb() {
    let file = jpeg(ExtendedColorType::Rgb8, None);
    let (pdf, image) = built_image(&page_with("untagged-jpeg", "photo.jpg", &file));
    assert!(image.content == file);
    assert_eq!(space(&pdf, &image).unwrap(), SRGB);
}

#[test]
fn a_profile_that_does_not_fit_the_image_is_dropped_for_srgb() {
    // A CMYK profile on an RGB image would make the PDF invalid.
    let file = jpeg(ExtendedColorType::Rgb8, Some(NEWSPRINT));
    let (pdf, image) = built_image(&page_with("misfit-profile", "photo.jpg", &file));
    assert_eq!(space(&pdf, &image).unwrap(), SRGB);
}

#[test]
fn a_grey_jpeg_is_device_gray_and_untouched() {
    let file = jpeg(ExtendedColorType::L8, None);
    let (pdf, image) = built_image(&page_with("grey-jpeg", "photo.jpg", &file));
    assert!(image.content == file);
    assert_eq!(space(&pdf, &image).unwrap_err(), b"DeviceGray");
}

#[test]
fn an_adobe_cmyk_jpeg_is_device_cmyk_with_an_inverting_decode() {
    let file = std::fs::read("tests/fixtures/cmyk-adobe-8x8.jpg").unwrap();
    let (pdf, image) = built_image(&page_with("cmyk-jpeg", "photo.jpg", &file));
    assert!(image.content == file);
    assert_eq!(space(&pdf, &image).unwrap_err(), b"DeviceCMYK");
    let decode = image.dict.get(b"Decode").unwrap().as_array().unwrap();
    assert_eq!(decode.len(), 8);
}

#[test]
fn a_png_keeps_its_iccp_profile_and_its_alpha_as_a_soft_mask() {
    let profile = other_rgb_profile();
    let file = png(ExtendedColorType::Rgba8, Some(&profile));
    let (pdf, image) = built_image(&page_with("tagged-png", "mark.png", &file));
    assert_eq!(space(&pdf, &image).unwrap(), profile);
    let mask = pdf
        .dereference(image.dict.get(b"SMask").expect("an SMask"))
        .unwrap()
        .1
        .as_stream()
        .unwrap();
    let alpha: Vec<u8> = pixels(ExtendedColorType::Rgba8)
        .chunks(4)
        .map(|p| p[3])
        .collect();
    assert_eq!(mask.decompressed_content().unwrap(), alpha);
}

fn error_for(test: &str, name: &str, bytes: Option<&[u8]>) -> String {
    let spec = page_with(test, name, b"");
    let file = spec.parent().unwrap().join(name);
    match bytes {
        Some(b) => std::fs::write(&file, b).unwrap(),
        None => std::fs::remove_file(&file).unwrap(),
    }
    match banmian::build_pdf(&spec) {
        Ok(_) => panic!("{name} should not build"),
        Err(d) => d.to_string(),
    }
}

#[test]
fn a_cut_short_jpeg_a_garbage_png_and_a_missing_file_are_errors_naming_the_file() {
    let whole = jpeg(ExtendedColorType::Rgb8, None);
    let e = error_for("cut-jpeg", "cut.jpg", Some(&whole[..whole.len() * 2 / 3]));
    assert!(e.contains("page.toml:8:8: error: photo "), "{e}");
    assert!(e.contains("cut.jpg: the JPEG is cut short"), "{e}");

    let mut garbage = b"\x89PNG\r\n\x1a\n".to_vec();
    garbage.extend((0..200u32).map(|i| (i * 37 % 256) as u8));
    let e = error_for("garbage-png", "junk.png", Some(&garbage));
    assert!(e.contains("junk.png: not a readable PNG"), "{e}");

    let e = error_for("missing", "gone.jpg", None);
    assert!(e.contains("gone.jpg: there is no such file"), "{e}");

    let e = error_for("not-an-image", "notes.jpg", Some(b"hello"));
    assert!(e.contains("notes.jpg: not a JPEG or PNG file"), "{e}");
}
