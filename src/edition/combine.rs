//! The combined edition PDF: every page's display list in one document over one font
//! book, so each face is subset and embedded once for the whole edition (the PDF
//! writer collects glyphs across all pages of a document).
//!
//! Pages laid out with only the built-in faces share their font ids as they are; a
//! page that declares its own font files gets them merged in ([`FontBook::merge`]:
//! the same file declared by two pages is embedded once) and its runs renumbered.
//! Equal images on several pages are embedded once too (the writer tells images apart
//! by content).
//! Reused pages have no display list in memory: they are laid out again (no PDF is
//! written for them), unless the whole combined PDF can be reused.

use super::manifest::{self, Manifest};
use super::merge;
use super::report::OutputFile;
use super::{output_file, Edition, PageOutcome, Status, COMBINED_NAME};
use crate::compose::jumps::Continuations;
use crate::diag::Diagnostics;
use crate::display::Document;
use crate::fonts::FontBook;
use crate::render::pdf::PdfOptions;
use rayon::prelude::*;
use std::path::Path;

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
    match assemble(ed, outcomes, continued)
        .and_then(|(doc, book, opts)| serialise(&doc, &book, &opts))
    {
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
) -> Result<(Document, FontBook, PdfOptions), Diagnostics> {
    outcomes
        .par_iter_mut()
        .zip(ed.pages.par_iter())
        .filter(|(o, _)| o.laid.is_none())
        .try_for_each(|(o, page)| -> Result<(), Diagnostics> {
            o.laid = Some(crate::lay_out_with(
                &page.spec,
                &super::jumps::options(continued, page),
            )?);
            Ok(())
        })?;
    let mut combined = merge::Combined::new(ed.title());
    for o in outcomes.iter_mut() {
        let Some(laid) = o.laid.take() else { continue };
        combined.add(laid)?;
    }
    Ok(combined.finish())
}

fn serialise(doc: &Document, book: &FontBook, opts: &PdfOptions) -> Result<Vec<u8>, Diagnostics> {
    crate::render::pdf::write_pdf(doc, book, opts).map_err(Diagnostics::from)
}
