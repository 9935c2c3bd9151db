//! The display list: what composition produces and every renderer reads.
//!
//! Backend-neutral: pages with their boxes, and positioned items (glyph runs that carry
//! their source text, rectangles, rules, images). Coordinates are points with the origin
//! at the **top-left corner of the media box** and y growing **downwards** (the way layout
//! thinks); a renderer flips to its own convention. Nothing here knows about PDF.

use crate::fonts::FontId;
use crate::units::Pt;
use serde::Serialize;
use std::sync::Arc;

#[derive(Clone, Debug, Default, Serialize)]
pub struct Document {
    pub title: String,
    /// Creation time as seconds since the Unix epoch, only when the spec or
    /// `SOURCE_DATE_EPOCH` gives one (no clock is read: same input, same bytes).
    pub created: Option<i64>,
    /// The spot colours that [`Color::Spot`] refers to by index.
    pub spots: Vec<SpotColor>,
    pub pages: Vec<Page>,
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize)]
pub struct Rect {
    pub x: Pt,
    pub y: Pt,
    pub w: Pt,
    pub h: Pt,
}

impl Rect {
    pub fn new(x: Pt, y: Pt, w: Pt, h: Pt) -> Rect {
        Rect { x, y, w, h }
    }
    pub fn right(&self) -> Pt {
        self.x + self.w
    }
    pub fn bottom(&self) -> Pt {
        self.y + self.h
    }
    /// True when the two rectangles share an area (touching edges do not count).
    pub fn overlaps(&self, o: &Rect) -> bool {
        const EPS: f64 = 1e-6;
        self.x.0 < o.right().0 - EPS
            && o.x.0 < self.right().0 - EPS
            && self.y.0 < o.bottom().0 - EPS
            && o.y.0 < self.bottom().0 - EPS
    }
    pub fn inset(&self, d: Pt) -> Rect {
        Rect::new(self.x + d, self.y + d, self.w - d * 2.0, self.h - d * 2.0)
    }
    pub fn outset(&self, d: Pt) -> Rect {
        self.inset(-d)
    }
}

#[derive(Clone, Debug, Serialize)]
pub struct Page {
    /// The whole sheet: trim plus bleed plus room for proof marks when asked.
    pub media: Rect,
    /// The finished page size.
    pub trim: Rect,
    /// Trim plus bleed: where backgrounds running off the edge must reach.
    pub bleed: Rect,
    pub items: Vec<Item>,
}

/// Process colours in the 0..=1 range. Print work is CMYK from the start.
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
pub struct Cmyk {
    pub c: f64,
    pub m: f64,
    pub y: f64,
    pub k: f64,
}

impl Cmyk {
    pub const BLACK: Cmyk = Cmyk {
        c: 0.0,
        m: 0.0,
        y: 0.0,
        k: 1.0,
    };
    pub const WHITE: Cmyk = Cmyk {
        c: 0.0,
        m: 0.0,
        y: 0.0,
        k: 0.0,
    };
    pub const fn new(c: f64, m: f64, y: f64, k: f64) -> Cmyk {
        Cmyk { c, m, y, k }
    }
    /// 100 % K and nothing else: printed with overprint so it never knocks out.
    pub fn is_pure_black(&self) -> bool {
        self.c == 0.0 && self.m == 0.0 && self.y == 0.0 && self.k >= 1.0
    }
}

/// A colour as the press sees it: process CMYK, a tint of a spot ink, or the
/// registration colour that prints on every separation.
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
pub enum Color {
    Process(Cmyk),
    /// `tint` (0..=1) of the document's spot colour number `spot`.
    Spot {
        spot: u16,
        tint: f64,
    },
    /// 100 % on every plate, process and spot: crop and registration marks only.
    Registration,
}

impl Color {
    pub const BLACK: Color = Color::Process(Cmyk::BLACK);
    pub const WHITE: Color = Color::Process(Cmyk::WHITE);

    /// 100 % K and nothing else: printed with overprint so it never knocks out.
    pub fn is_pure_black(&self) -> bool {
        matches!(self, Color::Process(c) if c.is_pure_black())
    }
}

impl From<Cmyk> for Color {
    fn from(c: Cmyk) -> Color {
        Color::Process(c)
    }
}

/// A spot ink: its name on the separation and the process mix that stands in for it
/// on a proof or on a press without that ink.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct SpotColor {
    pub name: String,
    pub alternate: Cmyk,
}

#[derive(Clone, Debug, Serialize)]
pub enum Item {
    Text(GlyphRun),
    Rect(RectItem),
    Line(LineItem),
    Image(ImageItem),
    Circle(CircleItem),
    /// A placed PDF page or SVG drawing, kept as vector art.
    Graphic(GraphicItem),
    /// The items up to the matching [`Item::EndSpan`] read as this text: a PDF reader
    /// copies it instead of guessing an order from where the glyphs stand (a vertical
    /// line, its glyphs one under the other; `/ActualText` in the PDF). Spans do not
    /// nest.
    Span(String),
    /// Ends the [`Item::Span`] before it.
    EndSpan,
}

/// Glyphs of one font at one size and colour, each positioned on its own.
#[derive(Clone, Debug, Serialize)]
pub struct GlyphRun {
    pub font: FontId,
    pub size: Pt,
    pub color: Color,
    pub glyphs: Vec<Glyph>,
    /// Horizontal scale of each glyph's shape about its origin: 1 as designed, 0.8 a
    /// 长体 (condensed) head at 80 % width, 1.2 a 扁体. The positions are final; only
    /// the shapes (and their advances, for the renderer's pen) are scaled.
    pub scale: f64,
    /// The glyphs are turned 90° clockwise about their origins, baseline running down
    /// the page (Latin words in a vertical line).
    pub sideways: bool,
}

impl GlyphRun {
    /// An upright run at its design width, to be filled with glyphs.
    pub fn new(font: FontId, size: Pt, color: Color) -> GlyphRun {
        GlyphRun {
            font,
            size,
            color,
            glyphs: Vec::new(),
            scale: 1.0,
            sideways: false,
        }
    }
}

#[derive(Clone, Debug, Serialize)]
pub struct Glyph {
    /// Glyph id in the font (before subsetting).
    pub id: u16,
    /// Left edge of the glyph's origin and its baseline, page coordinates.
    pub x: Pt,
    pub y: Pt,
    /// The source text this glyph stands for (one grapheme cluster, usually one char);
    /// empty for a glyph that continues the previous one's text.
    pub text: String,
}

#[derive(Clone, Debug, Serialize)]
pub struct RectItem {
    pub rect: Rect,
    pub fill: Option<Color>,
    pub stroke: Option<Stroke>,
}

#[derive(Clone, Copy, Debug, Serialize)]
pub struct Stroke {
    pub color: Color,
    pub width: Pt,
}

#[derive(Clone, Debug, Serialize)]
pub struct LineItem {
    pub from: (Pt, Pt),
    pub to: (Pt, Pt),
    pub stroke: Stroke,
    /// Dashes or dots; `None` for a solid stroke.
    pub dash: Option<Dash>,
}

impl LineItem {
    /// A solid stroke from `from` to `to`.
    pub fn solid(from: (Pt, Pt), to: (Pt, Pt), stroke: Stroke) -> LineItem {
        LineItem {
            from,
            to,
            stroke,
            dash: None,
        }
    }
}

/// A dash pattern: `on` of stroke, `off` of gap, repeated from the line's start; with
/// `round`, the ends are round (a dotted line is dashes of length 0 with round ends).
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
pub struct Dash {
    pub on: Pt,
    pub off: Pt,
    pub round: bool,
}

/// A circle (registration targets on a proof).
#[derive(Clone, Debug, Serialize)]
pub struct CircleItem {
    pub center: (Pt, Pt),
    pub radius: Pt,
    pub fill: Option<Color>,
    pub stroke: Option<Stroke>,
}

/// A placed image: `frame` is what shows on the page; `placed` is where the whole image
/// lands (larger than the frame when filled or cropped; the frame clips it).
#[derive(Clone, Debug, Serialize)]
pub struct ImageItem {
    pub frame: Rect,
    pub placed: Rect,
    #[serde(skip)]
    pub image: Arc<ImageData>,
}

/// A placed PDF page or SVG drawing: `area` of the graphic's page (its own
/// coordinates) lands on `placed`, scaled and turned as the page's `/Rotate` says, and
/// shows only inside `clip` (its frame, plus the bleed where an ad's module reaches the
/// trim edge).
#[derive(Clone, Debug, Serialize)]
pub struct GraphicItem {
    pub clip: Rect,
    pub placed: Rect,
    pub area: crate::graphic::PdfRect,
    #[serde(skip)]
    pub graphic: Arc<crate::graphic::Graphic>,
}

/// Decoded enough to embed: JPEG is passed through as it is; everything else is raw
/// 8-bit samples (compressed by the renderer).
#[derive(Debug)]
pub struct ImageData {
    pub width: u32,
    pub height: u32,
    /// The ICC profile the image file carries, if any (checked to match its colour model).
    pub icc: Option<Vec<u8>>,
    pub pixels: ImagePixels,
}

impl ImagePixels {
    /// Colour components per pixel: 1 grey, 3 RGB, 4 CMYK.
    pub fn components(&self) -> u8 {
        match self {
            ImagePixels::Jpeg { components, .. } | ImagePixels::Raw { components, .. } => {
                *components
            }
        }
    }
}

#[derive(Debug)]
pub enum ImagePixels {
    /// The file's own bytes. `components`: 1 grey, 3 RGB/YCbCr, 4 CMYK.
    /// `adobe_inverted`: CMYK written by Photoshop with inverted values (APP14).
    Jpeg {
        bytes: Vec<u8>,
        components: u8,
        adobe_inverted: bool,
    },
    /// Interleaved 8-bit samples, `components` per pixel (1 grey, 3 RGB),
    /// and an optional 8-bit alpha plane.
    Raw {
        samples: Vec<u8>,
        components: u8,
        alpha: Option<Vec<u8>>,
    },
}
