//! The combined edition PDF: every page's display list in one document over one font
//! book, so each face is subset and embedded once for the whole edition (the PDF
//! writer collects glyphs across all pages of a document).
//!
//! Pages laid out with only the built-in faces share their font ids as they are; a
//! page that declares its own font files gets them merged in ([`FontBook::merge`]:
//! the same file declared by two pages is embedded once) and its runs renumbered.
//! Equal images on several pages are embedded once too ([`share_images`]).
//! Reused pages have no display list in memory: they are laid out again (no PDF is
//! written for them), unless the whole combined PDF can be reused.

use super::manifest::{self, Manifest};
use super::report::OutputFile;
use super::{output_file, Edition, PageOutcome, Status, COMBINED_NAME};
use crate::compose::jumps::Continuations;
use crate::diag::Diagnostics;
use crate::display::{Document, ImageData, ImagePixels, Item, Page};
use crate::fonts::{FontBook, FontId};
use crate::LaidOut;
use rayon::prelude::*;
use std::path::Path;
use std::sync::Arc;

/// What became of the combined PDF.
pub struct Combined {
    pub file: Option<OutputFile>,
    pub note: Option<String>,
    /// Its key, when every page has one (see [`manifest::edition_key`]).
    pub key: Option<String>,
}

pub fn write(
    ed: &Edition,
    outcomes: &mut [PageOutcome],
    previous: &Manifest,
    out: &Path,
    continued: &Continuations,
) -> Combined {
    let not_written = |note: String| Combined {
        file: None,
        note: Some(note),
        key: None,
    };
    let bad: Vec<&str> = outcomes
        .iter()
        .filter(|o| !matches!(o.report.status, Status::Built | Status::Reused))
        .map(|o| o.report.label.as_str())
        .collect();
    if !bad.is_empty() {
        return not_written(format!(
            "not written: page(s) {} were not built; the previous {COMBINED_NAME} is left as it was",
            bad.join(", ")
        ));
    }
    let key = edition_key(ed, outcomes);
    if let Some(file) = reusable(key.as_deref(), previous, out) {
        return Combined {
            file: Some(file),
            note: Some("reused: no page changed".into()),
            key,
        };
    }
    match assemble(ed, outcomes, continued).and_then(|(doc, book)| serialise(&doc, &book)) {
        Ok(bytes) => match crate::write_atomically(&out.join(COMBINED_NAME), &bytes) {
            Ok(()) => Combined {
                file: Some(output_file(COMBINED_NAME, &bytes)),
                note: None,
                key,
            },
            Err(e) => not_written(format!("not written: {e}")),
        },
        Err(d) => not_written(format!("not written: {d}")),
    }
}

fn edition_key(ed: &Edition, outcomes: &[PageOutcome]) -> Option<String> {
    let keys = outcomes
        .iter()
        .map(|o| Some((o.report.label.clone(), o.record.as_ref()?.key.clone())))
        .collect::<Option<Vec<_>>>()?;
    Some(manifest::edition_key(&ed.meta, &keys))
}

fn reusable(key: Option<&str>, previous: &Manifest, out: &Path) -> Option<OutputFile> {
    let key = key?;
    let wanted = previous.edition_sha256.as_deref()?;
    if previous.edition_key.as_deref() != Some(key) {
        return None;
    }
    let bytes = std::fs::read(out.join(COMBINED_NAME)).ok()?;
    let file = output_file(COMBINED_NAME, &bytes);
    (file.sha256 == wanted).then_some(file)
}

/// One document and one font book from every page, in edition order.
fn assemble(
    ed: &Edition,
    outcomes: &mut [PageOutcome],
    continued: &Continuations,
) -> Result<(Document, FontBook), Diagnostics> {
    outcomes
        .par_iter_mut()
        .zip(ed.pages.par_iter())
        .filter(|(o, _)| o.laid.is_none())
        .try_for_each(|(o, page)| -> Result<(), Diagnostics> {
            o.laid = Some(crate::lay_out_with(&page.spec, Some(continued))?);
            Ok(())
        })?;
    let mut book = FontBook::builtin();
    let mut doc = Document {
        title: ed.title(),
        created: None,
        pages: Vec::with_capacity(outcomes.len()),
    };
    let mut images = Vec::new();
    for o in outcomes.iter_mut() {
        let Some(laid) = o.laid.take() else { continue };
        add_page(&mut doc, &mut book, &mut images, laid)?;
    }
    Ok((doc, book))
}

fn add_page(
    doc: &mut Document,
    book: &mut FontBook,
    images: &mut Vec<Arc<ImageData>>,
    laid: LaidOut,
) -> Result<(), Diagnostics> {
    let LaidOut {
        fonts, composed, ..
    } = laid;
    doc.created = doc.created.or(composed.doc.created);
    let map = book.merge(fonts).map_err(|m| {
        crate::diag::Diagnostic::error("edition.fonts", format!("cannot combine fonts: {m}"))
    })?;
    for mut page in composed.doc.pages {
        renumber_fonts(&mut page, &map);
        share_images(&mut page, images);
        doc.pages.push(page);
    }
    Ok(())
}

/// Points a page's glyph runs at their faces' ids in the combined book.
fn renumber_fonts(page: &mut Page, map: &[FontId]) {
    for item in &mut page.items {
        if let Item::Text(run) = item {
            if let Some(&id) = map.get(usize::from(run.font.0)) {
                run.font = id;
            }
        }
    }
}

/// Points images equal to one already seen (the same photo on two pages, each page
/// having read its own copy) at that one, so the writer embeds it once.
fn share_images(page: &mut Page, seen: &mut Vec<Arc<ImageData>>) {
    for item in &mut page.items {
        let Item::Image(img) = item else { continue };
        match seen.iter().find(|s| same_image(s, &img.image)) {
            Some(s) => img.image = Arc::clone(s),
            None => seen.push(Arc::clone(&img.image)),
        }
    }
}

fn same_image(a: &ImageData, b: &ImageData) -> bool {
    use ImagePixels::{Jpeg, Raw};
    if std::ptr::eq(a, b) {
        return true;
    }
    a.width == b.width
        && a.height == b.height
        && match (&a.pixels, &b.pixels) {
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
        }
}

fn serialise(doc: &Document, book: &FontBook) -> Result<Vec<u8>, Diagnostics> {
    crate::render::pdf::write_pdf(doc, book, &crate::render::pdf::PdfOptions::default())
        .map_err(Diagnostics::from)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn jpeg(bytes: &[u8]) -> Arc<ImageData> {
        Arc::new(ImageData {
            width: 2,
            height: 2,
            pixels: ImagePixels::Jpeg {
                bytes: bytes.to_vec(),
                components: 3,
                adobe_inverted: false,
            },
        })
    }

    #[test]
    fn the_same_photo_read_by_two_pages_is_shared() {
        let (a, b, c) = (jpeg(b"same"), jpeg(b"same"), jpeg(b"other"));
        assert!(same_image(&a, &b));
        assert!(!same_image(&a, &c));
        let mut seen = vec![Arc::clone(&a)];
        let mut page = Page {
            media: Default::default(),
            trim: Default::default(),
            bleed: Default::default(),
            items: vec![Item::Image(crate::display::ImageItem {
                frame: Default::default(),
                placed: Default::default(),
                image: b,
            })],
        };
        share_images(&mut page, &mut seen);
        let Item::Image(img) = &page.items[0] else {
            unreachable!()
        };
        assert!(Arc::ptr_eq(&img.image, &a));
    }
}
