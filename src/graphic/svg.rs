//! SVG drawings as vector PDF: usvg resolves the SVG into a small typed tree, svg2pdf
//! writes that tree as a one-page PDF, and from there an SVG is placed like any PDF
//! page (docs/decisions.md §15).
//!
//! - **Colour**: svg2pdf tags every vector colour with an sRGB ICC profile, so the
//!   output intent converts it to the press's CMYK exactly as it does an RGB photo.
//! - **Text** stays text (selectable, searchable in the page's PDF), set in the page's
//!   own faces: `font-family` names a built-in face (`song`, `hei`, `kai`, …) or a
//!   `[[fonts]]` name, or a family name those faces carry ("Noto Serif CJK SC"); the
//!   generic `serif` is 宋体, `sans-serif` 黑体, `cursive`/`fantasy` 楷体. Any other
//!   family is set in 宋体 with a warning. No system font is ever looked up: the page
//!   must come out the same on every machine.
//! - **Nothing outside the file is fetched**: `file:`/`http:` links and external
//!   images are left out with a warning; images inside the file (`data:` URLs) are
//!   kept.
//! - **Bounded**: nested XML entities (the "billion laughs") are refused before
//!   parsing, the XML node count is limited, and a drawing larger than PDF's page
//!   limit is an error.

use super::{open::OpenError, Finding, GraphicLimits};
use crate::diag::Code;
use crate::fonts::Builtin;
use std::sync::{Arc, Mutex};
use svg2pdf::usvg;
use usvg::fontdb;

/// CSS pixels per inch: SVG lengths in px (and unitless) convert at this rate, so a
/// drawing given in mm comes out in mm.
const CSS_DPI: f32 = 96.0;

/// Faces an SVG's text may be set in: the built-ins and the spec's `[[fonts]]`.
#[derive(Clone, Default)]
pub struct SvgFonts<'a> {
    /// Declared faces: the spec's name, the file's bytes and the face index.
    pub declared: Vec<(&'a str, Arc<[u8]>, u32)>,
}

/// An SVG converted to PDF, with what was found on the way.
pub struct Converted {
    /// A one-page PDF whose media box is the drawing.
    pub pdf: Vec<u8>,
    /// Warnings: references left out, fonts substituted.
    pub findings: Vec<Finding>,
}

/// Converts an SVG file's bytes to a one-page vector PDF.
pub fn convert(
    bytes: &[u8],
    fonts: &SvgFonts<'_>,
    limits: &GraphicLimits,
) -> Result<Converted, OpenError> {
    let text = std::str::from_utf8(bytes).map_err(|_| {
        err(
            Code::GraphicUnreadable,
            "is not a UTF-8 SVG file",
            "save the SVG as UTF-8 (compressed .svgz is not accepted)",
        )
    })?;
    refuse_nested_entities(text)?;
    let doc = roxmltree::Document::parse_with_options(
        text,
        roxmltree::ParsingOptions {
            allow_dtd: true,
            nodes_limit: u32::try_from(limits.svg_nodes).unwrap_or(u32::MAX),
        },
    )
    .map_err(|e| {
        err(
            Code::GraphicUnreadable,
            format!("is not a readable SVG ({e})"),
            "check the file in a drawing program and save it again",
        )
    })?;
    let mut findings = external_references(&doc);
    let has_text = doc.descendants().any(|n| n.has_tag_name("text"));
    drop(doc);

    let substituted = Arc::new(Mutex::new(Vec::<String>::new()));
    let mut options = usvg::Options {
        dpi: CSS_DPI,
        font_family: Builtin::Song.name().into(),
        ..usvg::Options::default()
    };
    options.image_href_resolver.resolve_string = Box::new(|_, _| None);
    // An embedded image is measured from its header before svg2pdf decodes it.
    let oversized = Arc::new(Mutex::new(None::<(u32, u32)>));
    {
        let oversized = oversized.clone();
        let max_pixels = limits.image_pixels;
        let default = usvg::ImageHrefResolver::default_data_resolver();
        options.image_href_resolver.resolve_data = Box::new(move |mime, data, opts| {
            let size = image::ImageReader::new(std::io::Cursor::new(&data[..]))
                .with_guessed_format()
                .ok()
                .and_then(|r| r.into_dimensions().ok());
            if let Some((w, h)) = size.filter(|(w, h)| u64::from(*w) * u64::from(*h) > max_pixels) {
                *oversized.lock().unwrap_or_else(|e| e.into_inner()) = Some((w, h));
                return None;
            }
            default(mime, data, opts)
        });
    }
    if has_text {
        let (db, names) = font_database(fonts);
        options.fontdb = Arc::new(db);
        options.font_resolver.select_font = select_font(names, substituted.clone());
    }
    let tree = usvg::Tree::from_str(text, &options).map_err(|e| {
        err(
            Code::GraphicUnreadable,
            format!("is not a readable SVG ({e})"),
            "check the file in a drawing program and save it again",
        )
    })?;
    if let Some((w, h)) = *oversized.lock().unwrap_or_else(|e| e.into_inner()) {
        return Err(err(
            Code::GraphicLimit,
            format!(
                "embeds an image of {w} × {h} pixels, more than the {} pixels accepted for one image",
                limits.image_pixels
            ),
            "scale the embedded image down or place it as a photo (a trusted desk may raise the limit with --limit image-pixels=N)",
        ));
    }
    let size = tree.size();
    let side = f64::from(size.width().max(size.height())) * 72.0 / f64::from(CSS_DPI);
    if side > f64::from(limits.svg_side) {
        return Err(err(
            Code::GraphicLimit,
            format!(
                "is a drawing {:.0} × {:.0} mm, larger than a PDF page may be ({:.0} mm)",
                f64::from(size.width()) * 25.4 / f64::from(CSS_DPI),
                f64::from(size.height()) * 25.4 / f64::from(CSS_DPI),
                f64::from(limits.svg_side) * 25.4 / 72.0
            ),
            "give the SVG its real size (width and height in mm or px)",
        ));
    }
    let names = std::mem::take(&mut *substituted.lock().unwrap_or_else(|e| e.into_inner()));
    if !names.is_empty() {
        findings.push(Finding::new(
            Code::GraphicSvgFont,
            format!(
                "has text in fonts the page does not have ({}); it is set in 宋体 (song)",
                names.join(", ")
            ),
            "use font-family=\"song\", \"hei\", \"kai\" (or their bold forms) or a [[fonts]] name, or convert the text to outlines",
        ));
    }
    let pdf = svg2pdf::to_pdf(
        &tree,
        svg2pdf::ConversionOptions {
            compress: true,
            embed_text: true,
            ..Default::default()
        },
        svg2pdf::PageOptions { dpi: CSS_DPI },
    )
    .map_err(|e| {
        err(
            Code::GraphicUnreadable,
            format!("cannot be converted to PDF ({e})"),
            "simplify the drawing or export it as PDF",
        )
    })?;
    Ok(Converted { pdf, findings })
}

fn err(code: Code, message: impl Into<String>, hint: impl Into<String>) -> OpenError {
    OpenError(Finding::new(code, message, hint))
}

/// Entities whose values refer to other entities are how an XML bomb multiplies a
/// few bytes into gigabytes; drawing programs never write them (Illustrator's
/// entities are plain namespace strings), so they are refused outright.
fn refuse_nested_entities(text: &str) -> Result<(), OpenError> {
    let Some(start) = text.find("<!DOCTYPE") else {
        return Ok(());
    };
    let end = text[start..].find("]>").map_or(text.len(), |e| start + e);
    let subset = &text[start..end];
    let nested = subset
        .split("<!ENTITY")
        .skip(1)
        .any(|decl| decl.split('>').next().unwrap_or("").contains('&'));
    if nested {
        return Err(err(
            Code::GraphicLimit,
            "declares XML entities built from other entities (an \"XML bomb\" that would expand to gigabytes)",
            "save the SVG again from a drawing program, without a DOCTYPE",
        ));
    }
    Ok(())
}

/// Links to anything outside the file: never fetched, each reported.
fn external_references(doc: &roxmltree::Document<'_>) -> Vec<Finding> {
    let mut outside = std::collections::BTreeSet::new();
    for node in doc.descendants().filter(|n| n.is_element()) {
        for a in node.attributes() {
            let v = a.value().trim();
            let external = match a.name() {
                "href" => !v.starts_with('#') && !v.starts_with("data:"),
                "style" => v.contains("url(") && has_external_url(v),
                _ => v.starts_with("url(") && has_external_url(v),
            };
            if external && outside.len() < 5 {
                outside.insert(v.chars().take(80).collect::<String>());
            }
        }
        if node.has_tag_name("style")
            && node
                .text()
                .is_some_and(|t| t.contains("@import") || has_external_url(t))
        {
            outside.insert("a style sheet's @import or url()".into());
        }
    }
    if outside.is_empty() {
        return Vec::new();
    }
    let list: Vec<String> = outside.into_iter().collect();
    vec![Finding::new(
        Code::GraphicExternal,
        format!(
            "refers to things outside the file, which are never fetched and do not print: {}",
            list.join(", ")
        ),
        "embed images in the SVG (data: URLs) or place them as photos",
    )]
}

/// A CSS `url(…)` that points outside the document (not `#id`, not `data:`).
fn has_external_url(s: &str) -> bool {
    s.split("url(").skip(1).any(|rest| {
        let inner = rest.trim_start_matches(['\'', '"', ' ']);
        !inner.starts_with('#') && !inner.starts_with("data:")
    })
}

/// The page's faces in a font database, and the names that select them (lower case).
fn font_database(fonts: &SvgFonts<'_>) -> (fontdb::Database, Vec<(String, fontdb::ID)>) {
    let mut db = fontdb::Database::new();
    let mut names = Vec::new();
    for b in Builtin::ALL {
        let ids = db.load_font_source(fontdb::Source::Binary(Arc::new(b.data())));
        if let Some(&id) = ids.first() {
            names.push((b.name().to_string(), id));
        }
    }
    for (name, bytes, index) in &fonts.declared {
        let ids = db.load_font_source(fontdb::Source::Binary(Arc::new(bytes.clone())));
        if let Some(&id) = ids.get(*index as usize).or(ids.first()) {
            names.push((name.to_lowercase(), id));
        }
    }
    (db, names)
}

/// usvg's font choice: the page's faces by our names, by generic family, or by the
/// family name the face carries; anything else is 宋体 and recorded.
fn select_font(
    names: Vec<(String, fontdb::ID)>,
    substituted: Arc<Mutex<Vec<String>>>,
) -> usvg::FontSelectionFn<'static> {
    Box::new(move |font, db| {
        let by_name = |n: &str| names.iter().find(|(k, _)| k == n).map(|(_, id)| *id);
        let bold = font.weight() >= 600;
        let builtin = |regular: Builtin, heavy: Builtin| {
            by_name(if bold { heavy.name() } else { regular.name() })
        };
        for family in font.families() {
            let found = match family {
                usvg::FontFamily::Serif => builtin(Builtin::Song, Builtin::SongBold),
                usvg::FontFamily::SansSerif | usvg::FontFamily::Monospace => {
                    builtin(Builtin::Hei, Builtin::HeiBold)
                }
                usvg::FontFamily::Cursive | usvg::FontFamily::Fantasy => by_name("kai"),
                usvg::FontFamily::Named(n) => {
                    let lower = n.to_lowercase();
                    let plain = match lower.as_str() {
                        "song" if bold => by_name("song-bold"),
                        "hei" if bold => by_name("hei-bold"),
                        _ => by_name(&lower),
                    };
                    plain.or_else(|| {
                        db.query(&fontdb::Query {
                            families: &[fontdb::Family::Name(n)],
                            weight: fontdb::Weight(font.weight()),
                            ..Default::default()
                        })
                    })
                }
            };
            if found.is_some() {
                return found;
            }
        }
        if let Ok(mut s) = substituted.lock() {
            let asked = font
                .families()
                .iter()
                .map(|f| f.to_string())
                .collect::<Vec<_>>()
                .join(", ");
            if !s.contains(&asked) {
                s.push(asked);
            }
        }
        builtin(Builtin::Song, Builtin::SongBold)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nested_entities_are_refused_plain_ones_kept() {
        let bomb =
            r#"<?xml version="1.0"?><!DOCTYPE svg [<!ENTITY a "lol"><!ENTITY b "&a;&a;">]><svg/>"#;
        assert!(refuse_nested_entities(bomb).is_err());
        let plain = r#"<!DOCTYPE svg [<!ENTITY ns_svg "http://www.w3.org/2000/svg">]><svg/>"#;
        assert!(refuse_nested_entities(plain).is_ok());
    }

    #[test]
    fn only_outside_urls_count() {
        assert!(has_external_url("fill:url(http://x/y.svg#g)"));
        assert!(!has_external_url("fill:url(#grad)"));
        assert!(!has_external_url("url('data:image/png;base64,AA')"));
    }
}
