//! Comparing two rendered pages: where the pixels differ, as a few rectangles.
//!
//! Both pages are rasterised at [`DIFF_DPI`](super::DIFF_DPI) and compared in square
//! tiles; changed tiles are merged into rectangles (touching ones join), so a changed
//! line shows as one box, not as a cloud of dots.

use super::{Change, ChangeKind, DIFF_DPI, DIFF_PIXELS};
use crate::diag::{Code, Diagnostic};
use crate::render::proof::rasterise;
use std::sync::Arc;

/// Tile side in pixels at the diff resolution (about 2.5 mm at 50 dpi).
const TILE: usize = 5;

/// Why a side's PDF cannot be compared: hayro cannot load it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct UnreadablePdf(pub hayro::hayro_syntax::LoadPdfError);

impl UnreadablePdf {
    /// The error as a `diff.read` diagnostic; the caller names the file (`about`).
    pub fn diagnostic(&self) -> Diagnostic {
        Diagnostic::new(Code::DiffRead, self.to_string())
    }
}

impl std::fmt::Display for UnreadablePdf {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "not a readable PDF ({:?})", self.0)
    }
}

impl std::error::Error for UnreadablePdf {}

/// How many pages a PDF has.
pub fn page_count(pdf: &[u8]) -> Result<usize, UnreadablePdf> {
    let doc = hayro::hayro_syntax::Pdf::new(Arc::new(pdf.to_vec())).map_err(UnreadablePdf)?;
    Ok(doc.pages().len())
}

pub fn compare(
    a: &(Arc<Vec<u8>>, usize),
    b: &(Arc<Vec<u8>>, usize),
) -> Result<Vec<Change>, Diagnostic> {
    if a.1 == b.1 && a.0 == b.0 {
        return Ok(Vec::new());
    }
    let pa = rasterise(&a.0, a.1, (DIFF_DPI, DIFF_PIXELS), |_, _| {})?;
    let pb = rasterise(&b.0, b.1, (DIFF_DPI, DIFF_PIXELS), |_, _| {})?;
    let size = |p: &hayro::vello_cpu::Pixmap| (usize::from(p.width()), usize::from(p.height()));
    if size(&pa) != size(&pb) {
        return Ok(vec![Change {
            kind: ChangeKind::PageSize,
            detail: format!(
                "page size {:?} px → {:?} px at {DIFF_DPI} dpi",
                size(&pa),
                size(&pb)
            ),
            before: None,
            after: None,
        }]);
    }
    let (w, h) = size(&pa);
    let tiles = changed_tiles(pa.data_as_u8_slice(), pb.data_as_u8_slice(), w, h);
    let to_pt = 72.0 / DIFF_DPI;
    Ok(merge(tiles)
        .into_iter()
        .map(|[x0, y0, x1, y1]| {
            let r = [
                x0 as f64 * to_pt,
                y0 as f64 * to_pt,
                (x1 - x0) as f64 * to_pt,
                (y1 - y0) as f64 * to_pt,
            ];
            Change {
                kind: ChangeKind::Pixels,
                detail: format!(
                    "rendering differs in {:.0} × {:.0} pt at ({:.0}, {:.0})",
                    r[2], r[3], r[0], r[1]
                ),
                before: Some(r),
                after: Some(r),
            }
        })
        .collect())
}

/// Pixel rectangles `[x0, y0, x1, y1]` of the tiles where `a` and `b` differ.
fn changed_tiles(a: &[u8], b: &[u8], w: usize, h: usize) -> Vec<[usize; 4]> {
    let mut out = Vec::new();
    for ty in (0..h).step_by(TILE) {
        for tx in (0..w).step_by(TILE) {
            let (x1, y1) = ((tx + TILE).min(w), (ty + TILE).min(h));
            let differs = (ty..y1).any(|y| {
                let row = |p: &[u8]| {
                    p.get((y * w + tx) * 4..(y * w + x1) * 4)
                        .map(<[u8]>::to_vec)
                };
                row(a) != row(b)
            });
            if differs {
                out.push([tx, ty, x1, y1]);
            }
        }
    }
    out
}

/// Joins touching or overlapping rectangles until none touch.
fn merge(mut rects: Vec<[usize; 4]>) -> Vec<[usize; 4]> {
    let touch = |a: &[usize; 4], b: &[usize; 4]| {
        a[0] <= b[2] && b[0] <= a[2] && a[1] <= b[3] && b[1] <= a[3]
    };
    let mut merged = true;
    while merged {
        merged = false;
        let mut out: Vec<[usize; 4]> = Vec::with_capacity(rects.len());
        for r in rects {
            match out.iter_mut().find(|o| touch(o, &r)) {
                Some(o) => {
                    *o = [
                        o[0].min(r[0]),
                        o[1].min(r[1]),
                        o[2].max(r[2]),
                        o[3].max(r[3]),
                    ];
                    merged = true;
                }
                None => out.push(r),
            }
        }
        rects = out;
    }
    rects
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_file_that_is_no_pdf_has_no_page_count() {
        let e = page_count(b"%PDF-1.7\nnot really").unwrap_err();
        assert_eq!(e, UnreadablePdf(hayro::hayro_syntax::LoadPdfError::Invalid));
        assert_eq!(e.to_string(), "not a readable PDF (Invalid)");
    }

    #[test]
    fn touching_tiles_join_into_one_box() {
        let m = merge(vec![[0, 0, 5, 5], [5, 0, 10, 5], [20, 20, 25, 25]]);
        assert_eq!(m, vec![[0, 0, 10, 5], [20, 20, 25, 25]]);
    }

    #[test]
    fn one_changed_pixel_marks_its_tile() {
        let (w, h) = (10, 10);
        let a = vec![255u8; w * h * 4];
        let mut b = a.clone();
        b[(7 * w + 8) * 4] = 0;
        assert_eq!(changed_tiles(&a, &b, w, h), vec![[5, 5, 10, 10]]);
    }
}
