//! Placed graphics: PDF pages and SVG drawings that go onto the page as vector art
//! (ads, logos, charts), opened, measured and preflighted once, then shared by every
//! element and page that places them.
//!
//! In: a file's bytes (read by resolve through [`crate::files::Files`]), the page of a
//! PDF wanted and the box that defines its area. Out: a [`Graphic`], which holds
//! - the PDF to copy from (an SVG is converted to a one-page PDF first, see [`svg`]),
//!   parsed once;
//! - the placed area (the chosen box, in the source page's own coordinates) and the
//!   page's `/Rotate`, so the PDF writer can copy the page as a Form XObject whose
//!   `/BBox` is that box;
//! - what preflight found ([`inspect`]): fonts, colour spaces, spot inks, images with
//!   their resolution, the file's output intent, and findings.
//!
//! Nothing here knows about the page it goes on: resolve compares the file's output
//! intent with the page's, compose knows the placed size (and so the images' effective
//! resolution), and the PDF writer copies the objects.

pub mod inspect;
mod open;
pub mod svg;

pub use inspect::{FontUse, ImageUse, Inspection};
pub use open::{open, sniff, OpenError, Request};

use crate::diag::Code;
use std::path::PathBuf;
use std::sync::Arc;

/// Limits on one placed file (inputs are untrusted: an ad arrives from outside the
/// newsroom). The file's size is bounded by [`crate::files::Limits::graphic_bytes`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct GraphicLimits {
    /// Content-stream operators read by preflight, over all streams of the page: a
    /// real ad has tens of thousands; a hostile file (a form drawing itself a
    /// million times over) stops here with an error instead of running for hours.
    pub operators: u64,
    /// Form XObjects inside form XObjects.
    pub form_depth: usize,
    /// Pages of a placed PDF's page tree (hayro reads at most this many).
    pub pages: usize,
    /// Side of an SVG drawing, in points (PDF's own page-size limit is 14 400 pt).
    pub svg_side: u32,
    /// XML nodes of an SVG.
    pub svg_nodes: usize,
    /// Bytes the streams of a placed PDF other than images (page contents, forms,
    /// profiles, fonts) may inflate to, all together: checked before any is decoded,
    /// so a deflate bomb (a 2 MB stream that inflates to gigabytes) is refused.
    pub decoded_bytes: u64,
    /// Pixels of an image embedded in an SVG (a `data:` URL), read from its header
    /// before it is decoded; also the images whose ink preflight measures.
    pub image_pixels: u64,
}

impl GraphicLimits {
    /// The limits of a normal build.
    pub const DEFAULT: GraphicLimits = GraphicLimits {
        operators: 5_000_000,
        form_depth: 24,
        pages: 100_000,
        svg_side: 14_400,
        svg_nodes: 1_000_000,
        decoded_bytes: 256 << 20,
        image_pixels: 120_000_000,
    };
}

/// Which box of the placed page defines its area (`box = "…"`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum BoxKind {
    /// The finished size (the norm for ads).
    Trim,
    /// What a viewer shows.
    Crop,
    /// The trim plus the bleed.
    Bleed,
    /// The whole sheet.
    Media,
    /// The meaningful content, as the maker marked it.
    Art,
}

impl BoxKind {
    /// Every box, in the order docs/spec.md lists them.
    pub const ALL: [BoxKind; 5] = [
        BoxKind::Trim,
        BoxKind::Crop,
        BoxKind::Bleed,
        BoxKind::Media,
        BoxKind::Art,
    ];

    /// The spec's word for the box.
    pub fn name(self) -> &'static str {
        match self {
            BoxKind::Trim => "trim",
            BoxKind::Crop => "crop",
            BoxKind::Bleed => "bleed",
            BoxKind::Media => "media",
            BoxKind::Art => "art",
        }
    }

    /// The box a spec word names.
    pub fn from_name(name: &str) -> Option<BoxKind> {
        BoxKind::ALL.into_iter().find(|b| b.name() == name)
    }

    /// The PDF key of the box.
    pub fn key(self) -> &'static [u8] {
        match self {
            BoxKind::Trim => b"TrimBox",
            BoxKind::Crop => b"CropBox",
            BoxKind::Bleed => b"BleedBox",
            BoxKind::Media => b"MediaBox",
            BoxKind::Art => b"ArtBox",
        }
    }
}

/// What a placed file is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Format {
    /// A PDF page.
    Pdf,
    /// An SVG drawing (converted to a one-page PDF).
    Svg,
}

/// A rectangle in a PDF page's own coordinates (origin bottom-left, y up), in points.
#[derive(Clone, Copy, Debug, PartialEq, serde::Serialize)]
pub struct PdfRect {
    /// Left.
    pub x0: f64,
    /// Bottom.
    pub y0: f64,
    /// Right.
    pub x1: f64,
    /// Top.
    pub y1: f64,
}

impl PdfRect {
    /// Width in points.
    pub fn width(&self) -> f64 {
        self.x1 - self.x0
    }
    /// Height in points.
    pub fn height(&self) -> f64 {
        self.y1 - self.y0
    }
    /// The part of `self` inside `other` (empty, at `self`'s corner, when none is).
    pub fn intersect(&self, other: &PdfRect) -> PdfRect {
        let x0 = self.x0.max(other.x0);
        let y0 = self.y0.max(other.y0);
        PdfRect {
            x0,
            y0,
            x1: self.x1.min(other.x1).max(x0),
            y1: self.y1.min(other.y1).max(y0),
        }
    }
    /// The smallest rectangle holding both.
    pub fn union(&self, other: &PdfRect) -> PdfRect {
        PdfRect {
            x0: self.x0.min(other.x0),
            y0: self.y0.min(other.y0),
            x1: self.x1.max(other.x1),
            y1: self.y1.max(other.y1),
        }
    }
    /// Whether `self` reaches past `other` on any side by more than `tol` points.
    pub fn exceeds(&self, other: &PdfRect, tol: f64) -> bool {
        self.x0 < other.x0 - tol
            || self.y0 < other.y0 - tol
            || self.x1 > other.x1 + tol
            || self.y1 > other.y1 + tol
    }
}

/// A placed file, opened and inspected: shared (`Arc`) by every element and page
/// that places it, so the PDF writer copies it once.
pub struct Graphic {
    /// The file as the spec names it (joined to the spec's folder), for messages.
    pub path: PathBuf,
    /// PDF or SVG.
    pub format: Format,
    /// The bytes of the file as read: a changed file is a changed graphic.
    pub file_bytes: Arc<[u8]>,
    /// The PDF the page is copied from (the file itself, or the SVG converted).
    pub pdf: Arc<hayro_write::hayro_syntax::Pdf>,
    /// 0-based page of `pdf`.
    pub page: usize,
    /// Pages in the file.
    pub pages: usize,
    /// The box asked for.
    pub box_kind: BoxKind,
    /// The placed area: the chosen box in the page's coordinates, within its media
    /// box and crop box (what lies outside the crop box is never shown).
    pub area: PdfRect,
    /// The page's bleed box within its crop box (the area when it has none): what
    /// shows where an ad's module reaches the trim edge.
    pub bleed_area: PdfRect,
    /// The page's `/Rotate`, normalised to 0, 90, 180 or 270 (clockwise).
    pub rotate: u16,
    /// Preflight: what the page uses and what is wrong with it.
    pub inspection: Inspection,
}

impl std::fmt::Debug for Graphic {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Graphic")
            .field("path", &self.path)
            .field("format", &self.format)
            .field("page", &self.page)
            .field("box", &self.box_kind)
            .field("area", &self.area)
            .field("rotate", &self.rotate)
            .finish()
    }
}

impl Graphic {
    /// The placed area's size as it shows (width and height swap for a page turned
    /// by 90° or 270°), in points.
    pub fn size(&self) -> (f64, f64) {
        let (w, h) = (self.area.width(), self.area.height());
        if self.rotate % 180 == 90 {
            (h, w)
        } else {
            (w, h)
        }
    }

    /// How far `outer` (a box around the area, e.g. the bleed box) reaches past the
    /// area on each side as the page shows (after `/Rotate`): left, top, right,
    /// bottom, in points.
    pub fn margins(&self, outer: &PdfRect) -> [f64; 4] {
        let m = rotation(&self.area, self.rotate);
        let corners = [(outer.x0, outer.y0), (outer.x1, outer.y1)]
            .map(|(x, y)| (m[0] * x + m[2] * y + m[4], m[1] * x + m[3] * y + m[5]));
        let (w, h) = self.size();
        let (x0, x1) = (
            corners[0].0.min(corners[1].0),
            corners[0].0.max(corners[1].0),
        );
        let (y0, y1) = (
            corners[0].1.min(corners[1].1),
            corners[0].1.max(corners[1].1),
        );
        [-x0, y1 - h, x1 - w, -y0].map(|v| v.max(0.0))
    }

    /// Whether two graphics are the same placed art (same file bytes, page and
    /// box): an edition embeds such a graphic once.
    pub fn same_as(&self, other: &Graphic) -> bool {
        self.page == other.page
            && self.box_kind == other.box_kind
            && self.file_bytes == other.file_bytes
    }

    /// The first 16 hex digits of the SHA-256 of the file's bytes.
    pub fn digest(&self) -> String {
        use sha2::Digest;
        let d = sha2::Sha256::digest(&self.file_bytes);
        d.iter().take(8).map(|b| format!("{b:02x}")).collect()
    }

    /// "ads/bank.pdf page 2" or "logo.svg": the file (and page) in messages.
    pub fn describe(&self) -> String {
        match self.format {
            Format::Pdf if self.pages > 1 => {
                format!("{} page {}", self.path.display(), self.page + 1)
            }
            _ => self.path.display().to_string(),
        }
    }
}

/// The transform that turns a page's `area` as `/Rotate` says (clockwise) and moves
/// it to the origin: `area` lands on `(0, 0)–(w, h)` with `w`, `h` as displayed.
/// PDF's order `[a b c d e f]`.
pub fn rotation(area: &PdfRect, rotate: u16) -> [f64; 6] {
    let PdfRect { x0, y0, x1, y1 } = *area;
    match rotate {
        90 => [0.0, -1.0, 1.0, 0.0, -y0, x1],
        180 => [-1.0, 0.0, 0.0, -1.0, x1, y1],
        270 => [0.0, 1.0, -1.0, 0.0, y1, -x0],
        _ => [1.0, 0.0, 0.0, 1.0, -x0, -y0],
    }
}

/// A problem preflight found in a placed file, before it is located at the spec key.
#[derive(Clone, Debug, PartialEq, serde::Serialize)]
pub struct Finding {
    /// What kind of problem (its severity comes with it).
    pub code: Code,
    /// In plain words, without the file's name (the caller adds it).
    pub message: String,
    /// What to do about it.
    pub hint: String,
}

impl Finding {
    /// A finding of a kind.
    pub fn new(code: Code, message: impl Into<String>, hint: impl Into<String>) -> Finding {
        Finding {
            code,
            message: message.into(),
            hint: hint.into(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn apply(m: &[f64; 6], (x, y): (f64, f64)) -> (f64, f64) {
        (m[0] * x + m[2] * y + m[4], m[1] * x + m[3] * y + m[5])
    }

    #[test]
    fn rotation_moves_the_area_to_the_origin_turned_clockwise() {
        let area = PdfRect {
            x0: 10.0,
            y0: 20.0,
            x1: 110.0,
            y1: 70.0,
        };
        // Unturned: the bottom-left corner goes to the origin.
        assert_eq!(apply(&rotation(&area, 0), (10.0, 20.0)), (0.0, 0.0));
        // Turned 90° clockwise, the top-left corner shows at the top right.
        assert_eq!(apply(&rotation(&area, 90), (10.0, 70.0)), (50.0, 100.0));
        assert_eq!(apply(&rotation(&area, 180), (110.0, 70.0)), (0.0, 0.0));
        // Turned 270°, the top-left corner shows at the bottom left.
        assert_eq!(apply(&rotation(&area, 270), (10.0, 70.0)), (0.0, 0.0));
    }
}
