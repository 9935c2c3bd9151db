//! Merging laid-out pages into one document: one font book (each face once) and one
//! list of spot inks (each ink once, by name). Every page's font ids and spot numbers
//! are renumbered into the combined ones; equal placed graphics are pointed at one
//! copy. Equal images need nothing here: the PDF writer embeds each distinct image
//! once, by content.

use crate::diag::Code;
use crate::diag::{Diagnostic, Diagnostics};
use crate::display::{Color, Document, Item, Page, SpotColor, Stroke};
use crate::fonts::{FontBook, FontId};
use crate::graphic::Graphic;
use crate::render::pdf::PdfOptions;
use crate::LaidOut;
use std::sync::Arc;

/// The combined document as it grows, page by page.
pub struct Combined {
    doc: Document,
    book: FontBook,
    /// Distinct placed graphics so far (the same ad on A03 and A07 is embedded once).
    graphics: Vec<Arc<Graphic>>,
    /// The PDF settings of the first page's `[output]` (PDF/X and press condition).
    pdf: Option<PdfOptions>,
}

impl Combined {
    pub fn new(title: String) -> Combined {
        Combined {
            doc: Document {
                title,
                created: None,
                spots: Vec::new(),
                pages: Vec::new(),
            },
            book: FontBook::builtin(),
            graphics: Vec::new(),
            pdf: None,
        }
    }

    pub fn add(&mut self, laid: LaidOut) -> Result<(), Diagnostics> {
        let LaidOut {
            model,
            fonts,
            composed,
            ..
        } = laid;
        self.pdf
            .get_or_insert_with(|| crate::pdf_options(&model.output));
        self.doc.created = self.doc.created.or(composed.doc.created);
        let fonts = self.book.merge(fonts).map_err(|m| {
            Diagnostic::new(Code::EditionFonts, format!("cannot combine fonts: {m}"))
        })?;
        let spots = merge_spots(&mut self.doc.spots, &composed.doc.spots);
        for mut page in composed.doc.pages {
            renumber(&mut page, &fonts, &spots);
            share_graphics(&mut page, &mut self.graphics);
            self.doc.pages.push(page);
        }
        Ok(())
    }

    pub fn finish(self) -> (Document, FontBook, PdfOptions) {
        (self.doc, self.book, self.pdf.unwrap_or_default())
    }
}

/// Adds a page's spot inks that the document lacks (same name, same ink: the first
/// page's alternate colour wins); returns, for each of the page's spots, its number.
fn merge_spots(all: &mut Vec<SpotColor>, page: &[SpotColor]) -> Vec<u16> {
    page.iter()
        .map(|s| {
            let i = all
                .iter()
                .position(|a| a.name == s.name)
                .unwrap_or_else(|| {
                    all.push(s.clone());
                    all.len() - 1
                });
            u16::try_from(i).unwrap_or(u16::MAX)
        })
        .collect()
}

/// Points a page's glyph runs at their faces in the combined book and its colours at
/// the combined spot inks.
fn renumber(page: &mut Page, fonts: &[FontId], spots: &[u16]) {
    let color = |c: &mut Color| {
        if let Color::Spot { spot, .. } = c {
            if let Some(&n) = spots.get(usize::from(*spot)) {
                *spot = n;
            }
        }
    };
    let stroke = |s: &mut Option<Stroke>| s.iter_mut().for_each(|s| color(&mut s.color));
    for item in &mut page.items {
        match item {
            Item::Text(run) => {
                if let Some(&id) = fonts.get(usize::from(run.font.0)) {
                    run.font = id;
                }
                color(&mut run.color);
            }
            Item::Rect(r) => {
                r.fill.iter_mut().for_each(color);
                stroke(&mut r.stroke);
            }
            Item::Line(l) => color(&mut l.stroke.color),
            Item::Circle(c) => {
                c.fill.iter_mut().for_each(color);
                stroke(&mut c.stroke);
            }
            Item::Image(_) | Item::Graphic(_) | Item::Span(_) | Item::EndSpan => {}
        }
    }
}

/// Points graphics equal to one already seen (same file bytes, page and box) at that
/// one, so the writer copies its objects once.
fn share_graphics(page: &mut Page, seen: &mut Vec<Arc<Graphic>>) {
    for item in &mut page.items {
        let Item::Graphic(g) = item else { continue };
        match seen
            .iter()
            .find(|s| Arc::ptr_eq(s, &g.graphic) || s.same_as(&g.graphic))
        {
            Some(s) => g.graphic = Arc::clone(s),
            None => seen.push(Arc::clone(&g.graphic)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spot_inks_merge_by_name_and_pages_are_renumbered() {
        let ink = |name: &str| SpotColor {
            name: name.into(),
            alternate: crate::display::Cmyk::new(0.0, 1.0, 1.0, 0.0),
        };
        let mut all = vec![ink("PANTONE 485 C")];
        let map = merge_spots(&mut all, &[ink("PANTONE 286 C"), ink("PANTONE 485 C")]);
        assert_eq!(map, [1, 0]);
        assert_eq!(all.len(), 2);
        let mut page = Page {
            media: Default::default(),
            trim: Default::default(),
            bleed: Default::default(),
            items: vec![Item::Line(crate::display::LineItem {
                from: Default::default(),
                to: Default::default(),
                stroke: Stroke {
                    color: Color::Spot { spot: 0, tint: 1.0 },
                    width: crate::units::Pt(1.0),
                },
                dash: None,
            })],
        };
        renumber(&mut page, &[], &map);
        let Item::Line(l) = &page.items[0] else {
            unreachable!()
        };
        assert!(matches!(l.stroke.color, Color::Spot { spot: 1, .. }));
    }
}
