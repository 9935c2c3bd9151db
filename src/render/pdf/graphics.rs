//! Placed graphics as Form XObjects (docs/decisions.md §15).
//!
//! In: the graphics the display list places. Out: for each distinct graphic (the same
//! `Arc`, which an edition shares between pages), its page copied once with hayro-write
//! as a form with the page's own resources — fonts, images, ICC colour, spot inks,
//! transparency groups, optional content, all byte for byte, nothing rasterised — and
//! for each area of it that is placed, an outer form whose `/BBox` is that area (the
//! chosen box, in the page's own coordinates) and whose `/Matrix` turns it as the
//! page's `/Rotate` says. The page content draws the outer form clipped to the frame.
//!
//! hayro-write's form has the source page's crop box as its `/BBox` and a `/Matrix`
//! that moves (and turns) the crop box to the origin; the outer form's content undoes
//! that matrix, so inside the outer form the page's own coordinates hold.
//! Annotations and form fields are not part of a page's content and are not copied.

use super::content::{fixed, push_fixed, Writer, POS_DECIMALS};
use super::deflate::StreamKind;
use super::layers::PlacedLayers;
use super::{Encoded, PdfOptions, Refs};
use crate::diag::{Code, Diagnostic};
use crate::display::{Document, GraphicItem, Item};
use crate::graphic::{rotation, Graphic, PdfRect};
use hayro_write::{extract, ChunkSettings, ExtractionQuery};
use pdf_writer::{Chunk, Finish, Name, Rect, Ref};
use std::sync::Arc;

/// The resource name of the outer form of index `i`.
pub fn form_name(index: usize) -> String {
    format!("Gr{index}")
}

/// The distinct graphics of a document and the distinct areas of each that are drawn
/// (each area an outer form), in order of first use.
#[derive(Default)]
pub struct GraphicSet {
    graphics: Vec<Arc<Graphic>>,
    /// (graphic index, area) for each outer form.
    forms: Vec<(usize, PdfRect)>,
}

impl GraphicSet {
    pub fn collect(doc: &Document) -> GraphicSet {
        let mut set = GraphicSet::default();
        for item in doc.pages.iter().flat_map(|p| &p.items) {
            let Item::Graphic(g) = item else { continue };
            let gi = match set.graphics.iter().position(|x| Arc::ptr_eq(x, &g.graphic)) {
                Some(i) => i,
                None => {
                    set.graphics.push(g.graphic.clone());
                    set.graphics.len() - 1
                }
            };
            if !set.forms.iter().any(|&(i, a)| i == gi && a == g.area) {
                set.forms.push((gi, g.area));
            }
        }
        set
    }

    /// How many outer forms the document has.
    pub fn forms(&self) -> usize {
        self.forms.len()
    }

    /// The outer form of an item.
    pub fn index_of(&self, item: &GraphicItem) -> Option<usize> {
        let gi = self
            .graphics
            .iter()
            .position(|x| Arc::ptr_eq(x, &item.graphic))?;
        self.forms
            .iter()
            .position(|&(i, a)| i == gi && a == item.area)
    }
}

/// Copies every graphic's page and writes the outer forms at `ids` (one per form, in
/// the set's order). Returns the layers of the copies, for the catalog.
pub fn write_graphics(
    chunk: &mut Chunk,
    refs: &mut Refs,
    set: &GraphicSet,
    ids: &[Ref],
    opts: &PdfOptions,
) -> Result<Vec<PlacedLayers>, Diagnostic> {
    let mut layers = Vec::new();
    for (gi, graphic) in set.graphics.iter().enumerate() {
        let copied = {
            let mut next = || refs.next();
            extract(
                &graphic.pdf,
                Box::new(&mut next),
                ChunkSettings::default(),
                &[ExtractionQuery::new_xobject(graphic.page)],
            )
        };
        let failed = || {
            Diagnostic::new(
                Code::PdfInternal,
                format!("graphic {} cannot be copied", graphic.describe()),
            )
        };
        let copied = copied.map_err(|_| failed())?;
        let inner = copied
            .root_refs
            .first()
            .and_then(|r| r.ok())
            .ok_or_else(failed)?;
        let groups = super::layers::copied(graphic, &copied.chunk, inner);
        if !groups.is_empty() {
            layers.push(PlacedLayers {
                label: layer_label(graphic),
                groups,
            });
        }
        chunk.extend(&copied.chunk);
        let page = graphic.pdf.pages().get(graphic.page).ok_or_else(failed)?;
        let m = page.initial_transform(false).as_coeffs();
        let undo = invert([m[0], m[1], m[2], m[3], m[4], m[5]]).ok_or_else(failed)?;
        for (fi, &(_, area)) in set.forms.iter().enumerate().filter(|(_, f)| f.0 == gi) {
            write_outer(chunk, ids[fi], inner, (area, graphic.rotate), undo, opts)?;
        }
    }
    Ok(layers)
}

/// What the layer panel calls a placed page's layers: its file's name (not the path:
/// the same build gives the same bytes wherever it runs), and the page of a file of
/// several.
fn layer_label(graphic: &Graphic) -> String {
    let name = graphic.path.file_name().map_or_else(
        || graphic.path.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    );
    if graphic.pages > 1 {
        format!("{name} page {}", graphic.page + 1)
    } else {
        name
    }
}

/// The outer form: `/BBox` the area, `/Matrix` the page's turn, content the copied
/// page drawn in its own coordinates.
fn write_outer(
    chunk: &mut Chunk,
    id: Ref,
    inner: Ref,
    (area, rotate): (PdfRect, u16),
    undo: [f64; 6],
    opts: &PdfOptions,
) -> Result<(), Diagnostic> {
    let mut content = String::new();
    content.push_str("q\n");
    push_matrix(&mut content, &undo, 6)?;
    content.push_str("cm\n/P Do\nQ\n");
    let enc = Encoded::of(content.as_bytes(), StreamKind::Content, opts);
    let mut form = chunk.form_xobject(id, enc.bytes());
    if let Some(f) = enc.filter {
        form.filter(f);
    }
    form.bbox(Rect::new(
        area.x0 as f32,
        area.y0 as f32,
        area.x1 as f32,
        area.y1 as f32,
    ));
    form.matrix(rotation(&area, rotate).map(|v| v as f32));
    form.resources().x_objects().pair(Name(b"P"), inner);
    form.finish();
    Ok(())
}

/// Writes six numbers and a space each.
fn push_matrix(out: &mut String, m: &[f64; 6], decimals: u32) -> Result<(), Diagnostic> {
    for v in m {
        push_fixed(out, fixed(*v, decimals)?, decimals);
        out.push(' ');
    }
    Ok(())
}

/// The inverse of an affine transform, when it has one.
fn invert(m: [f64; 6]) -> Option<[f64; 6]> {
    let det = m[0] * m[3] - m[1] * m[2];
    if det.abs() < 1e-12 || !det.is_finite() {
        return None;
    }
    let (a, b, c, d) = (m[3] / det, -m[1] / det, -m[2] / det, m[0] / det);
    Some([a, b, c, d, -(m[4] * a + m[5] * c), -(m[4] * b + m[5] * d)])
}

impl Writer<'_> {
    /// Draws a placed graphic: knockout (an ad is never overprinted by accident), the
    /// PDF's initial graphics state restored for the copied page (it may rely on the
    /// defaults), clipped to the item's frame.
    pub(super) fn graphic(&mut self, item: &GraphicItem) -> Result<(), Diagnostic> {
        let index = self.graphics.index_of(item).ok_or_else(|| {
            Diagnostic::new(Code::PdfInternal, "a graphic was not collected".to_string())
        })?;
        self.end_text();
        self.set_overprint(false);
        self.res.graphics.insert(index);
        let c = &item.clip;
        let (cx, cy) = (self.px(c.x.0)?, self.py(c.bottom().0)?);
        let (cw, ch) = (fixed(c.w.0, POS_DECIMALS)?, fixed(c.h.0, POS_DECIMALS)?);
        let p = &item.placed;
        let (aw, ah) = displayed(item);
        let sx = p.w.0 / aw;
        let sy = p.h.0 / ah;
        let (x, y) = (p.x.0 - self.left, self.height - p.bottom().0);
        self.out.push_str("q\n");
        for v in [cx, cy, cw, ch] {
            push_fixed(&mut self.out, v, POS_DECIMALS);
            self.out.push(' ');
        }
        self.out
            .push_str("re W n\n0 g 0 G 1 w 0 J 0 j 10 M [] 0 d\n");
        push_matrix(&mut self.out, &[sx, 0.0, 0.0, sy, x, y], 6)?;
        self.out.push_str("cm\n/");
        self.out.push_str(&form_name(index));
        self.out.push_str(" Do\nQ\n");
        Ok(())
    }
}

/// The width and height of an item's area as the page shows it (after `/Rotate`).
fn displayed(item: &GraphicItem) -> (f64, f64) {
    let (w, h) = (item.area.width(), item.area.height());
    if item.graphic.rotate % 180 == 90 {
        (h, w)
    } else {
        (w, h)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn inverse_undoes_a_turn_and_a_shift() {
        let m = [0.0, -1.0, 1.0, 0.0, -20.0, 110.0];
        let inv = invert(m).unwrap();
        // (10, 70) → (50, 100) → back.
        let fwd = (
            m[0] * 10.0 + m[2] * 70.0 + m[4],
            m[1] * 10.0 + m[3] * 70.0 + m[5],
        );
        let back = (
            inv[0] * fwd.0 + inv[2] * fwd.1 + inv[4],
            inv[1] * fwd.0 + inv[3] * fwd.1 + inv[5],
        );
        assert!((back.0 - 10.0).abs() < 1e-9 && (back.1 - 70.0).abs() < 1e-9);
    }
}
