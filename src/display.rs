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

/// Everything one PDF holds: one page (a page build) or an edition's pages in order.
#[derive(Clone, Debug, Default, Serialize)]
pub struct Document {
    /// The PDF's `/Title`: the spec's `[page] name`, else its file stem (an edition
    /// gives its own); may be empty. Its hash is the PDF's permanent document id.
    pub title: String,
    /// Creation time as seconds since the Unix epoch, only when the spec or
    /// `SOURCE_DATE_EPOCH` gives one (no clock is read: same input, same bytes).
    pub created: Option<i64>,
    /// The spot colours that [`Color::Spot`] refers to by index.
    pub spots: Vec<SpotColor>,
    /// The pages, in the order the PDF shows them.
    pub pages: Vec<Page>,
}

/// An axis-aligned rectangle in page coordinates (points, origin at the media box's
/// top-left, y down).
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize)]
pub struct Rect {
    /// Left edge.
    pub x: Pt,
    /// Top edge.
    pub y: Pt,
    /// Width, rightwards from `x`.
    pub w: Pt,
    /// Height, downwards from `y`.
    pub h: Pt,
}

impl Rect {
    /// The rectangle with top-left corner (`x`, `y`), `w` wide and `h` high.
    pub fn new(x: Pt, y: Pt, w: Pt, h: Pt) -> Rect {
        Rect { x, y, w, h }
    }
    /// The right edge, `x + w`.
    pub fn right(&self) -> Pt {
        self.x + self.w
    }
    /// The bottom edge, `y + h` (y grows downwards).
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
    /// The rectangle moved in by `d` on all four sides (no clamping: an inset larger
    /// than half the size gives a negative width or height).
    pub fn inset(&self, d: Pt) -> Rect {
        Rect::new(self.x + d, self.y + d, self.w - d * 2.0, self.h - d * 2.0)
    }
    /// The rectangle grown by `d` on all four sides.
    pub fn outset(&self, d: Pt) -> Rect {
        self.inset(-d)
    }
}

/// One page: its boxes (written as the PDF's MediaBox, TrimBox and BleedBox) and what
/// is drawn on it. All three boxes share the media box's coordinates.
#[derive(Clone, Debug, Serialize)]
pub struct Page {
    /// The whole sheet: trim plus bleed plus room for proof marks when asked.
    pub media: Rect,
    /// The finished page size.
    pub trim: Rect,
    /// Trim plus bleed: where backgrounds running off the edge must reach.
    pub bleed: Rect,
    /// What is drawn, in painting order: a later item covers an earlier one.
    pub items: Vec<Item>,
}

/// Process colours in the 0..=1 range. Print work is CMYK from the start.
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
pub struct Cmyk {
    /// Cyan.
    pub c: f64,
    /// Magenta.
    pub m: f64,
    /// Yellow.
    pub y: f64,
    /// Black (key).
    pub k: f64,
}

impl Cmyk {
    /// 100 % K only: body text and rules (see [`Cmyk::is_pure_black`]).
    pub const BLACK: Cmyk = Cmyk {
        c: 0.0,
        m: 0.0,
        y: 0.0,
        k: 1.0,
    };
    /// No ink at all: paper white, which knocks out what is under it.
    pub const WHITE: Cmyk = Cmyk {
        c: 0.0,
        m: 0.0,
        y: 0.0,
        k: 0.0,
    };
    /// A process colour from its four components, each 0..=1 (not checked here).
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
    /// A mix of the four process inks.
    Process(Cmyk),
    /// `tint` (0..=1) of the document's spot colour number `spot`.
    Spot {
        /// Index into [`Document::spots`] (0-based).
        spot: u16,
        /// Share of full ink, 0..=1.
        tint: f64,
    },
    /// 100 % on every plate, process and spot: crop and registration marks only.
    Registration,
}

impl Color {
    /// [`Cmyk::BLACK`] as a colour.
    pub const BLACK: Color = Color::Process(Cmyk::BLACK);
    /// [`Cmyk::WHITE`] as a colour.
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
    /// The ink's name as the separation shows it (the PDF `/Separation` colourant).
    pub name: String,
    /// The process mix a proof or a press without the ink prints instead.
    pub alternate: Cmyk,
}

/// One thing drawn on a page. Composers make them; the renderers, the layout dump and
/// the proof read them.
#[derive(Clone, Debug, Serialize)]
pub enum Item {
    /// Glyphs of one font, size and colour.
    Text(GlyphRun),
    /// A filled and/or stroked rectangle.
    Rect(RectItem),
    /// A straight stroke, solid or dashed.
    Line(LineItem),
    /// A raster image, clipped to its frame.
    Image(ImageItem),
    /// A filled and/or stroked circle.
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
    /// The face, in the [`crate::fonts::FontBook`] the document is rendered with.
    pub font: FontId,
    /// Type size in points (the em).
    pub size: Pt,
    /// Fill colour of the glyphs.
    pub color: Color,
    /// The glyphs, in reading order: the PDF writes them, and a reader extracts their
    /// text, in this order.
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

/// One glyph of a [`GlyphRun`], at its own position.
#[derive(Clone, Debug, Serialize)]
pub struct Glyph {
    /// Glyph id in the font (before subsetting).
    pub id: u16,
    /// The glyph's origin on the baseline (its left edge), page coordinates.
    pub x: Pt,
    /// The glyph's baseline (y of its origin), page coordinates, y down.
    pub y: Pt,
    /// The source text this glyph stands for (one grapheme cluster, usually one char);
    /// empty for a glyph that continues the previous one's text.
    pub text: String,
}

/// A rectangle, filled, stroked or both (neither draws nothing).
#[derive(Clone, Debug, Serialize)]
pub struct RectItem {
    /// The path; a stroke is centred on its edges.
    pub rect: Rect,
    /// Fill colour; `None` leaves the inside unpainted. A fill always knocks out.
    pub fill: Option<Color>,
    /// Outline; `None` for no outline.
    pub stroke: Option<Stroke>,
}

/// How a path is outlined.
#[derive(Clone, Copy, Debug, Serialize)]
pub struct Stroke {
    /// Ink of the stroke; pure black overprints.
    pub color: Color,
    /// Line width in points, centred on the path; 0 or less draws nothing (the PDF
    /// renderer skips it rather than print a device hairline).
    pub width: Pt,
}

/// A straight line between two points.
#[derive(Clone, Debug, Serialize)]
pub struct LineItem {
    /// Start point `(x, y)`, page coordinates.
    pub from: (Pt, Pt),
    /// End point `(x, y)`, page coordinates.
    pub to: (Pt, Pt),
    /// Colour and width (butt ends unless `dash` asks for round ones).
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
    /// Length of each dash, in points (0 with `round`: dots).
    pub on: Pt,
    /// Length of each gap, in points.
    pub off: Pt,
    /// Round line caps on every dash (they reach half the stroke width past its ends).
    pub round: bool,
}

/// A circle (registration targets on a proof).
#[derive(Clone, Debug, Serialize)]
pub struct CircleItem {
    /// Centre `(x, y)`, page coordinates.
    pub center: (Pt, Pt),
    /// Radius in points; 0 or less draws nothing.
    pub radius: Pt,
    /// Fill colour; `None` leaves the inside unpainted.
    pub fill: Option<Color>,
    /// Outline, centred on the circle; `None` for no outline.
    pub stroke: Option<Stroke>,
}

/// A placed image: `frame` is what shows on the page; `placed` is where the whole image
/// lands (larger than the frame when filled or cropped; the frame clips it).
#[derive(Clone, Debug, Serialize)]
pub struct ImageItem {
    /// The visible area, page coordinates.
    pub frame: Rect,
    /// Where the whole image is drawn (stretched to this rectangle), page coordinates.
    pub placed: Rect,
    /// The pixels; items holding the same `Arc` share one embedded image in the PDF.
    /// Not in the layout dump.
    #[serde(skip)]
    pub image: Arc<ImageData>,
}

/// A placed PDF page or SVG drawing: `area` of the graphic's page (its own
/// coordinates) lands on `placed`, scaled and turned as the page's `/Rotate` says, and
/// shows only inside `clip` (its frame, plus the bleed where an ad's module reaches the
/// trim edge).
#[derive(Clone, Debug, Serialize)]
pub struct GraphicItem {
    /// The visible area, page coordinates.
    pub clip: Rect,
    /// Where `area` lands, page coordinates.
    pub placed: Rect,
    /// The part of the graphic's page that is placed, in its own coordinates (PDF
    /// points, y up).
    pub area: crate::graphic::PdfRect,
    /// The parsed graphic; items holding the same `Arc` share one embedded copy in the
    /// PDF. Not in the layout dump.
    #[serde(skip)]
    pub graphic: Arc<crate::graphic::Graphic>,
}

/// Decoded enough to embed: JPEG is passed through as it is; everything else is raw
/// 8-bit samples (compressed by the renderer).
#[derive(Debug)]
pub struct ImageData {
    /// Width in pixels.
    pub width: u32,
    /// Height in pixels.
    pub height: u32,
    /// The ICC profile the image file carries, if any (checked to match its colour model).
    pub icc: Option<Vec<u8>>,
    /// The image data, as the PDF writer embeds it.
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

/// An image's pixels: a JPEG kept whole, or decoded samples.
#[derive(Debug)]
pub enum ImagePixels {
    /// The file's own bytes. `components`: 1 grey, 3 RGB/YCbCr, 4 CMYK.
    /// `adobe_inverted`: CMYK written by Photoshop with inverted values (APP14).
    Jpeg {
        /// The whole JPEG file, embedded with `/DCTDecode`.
        bytes: Vec<u8>,
        /// Colour components per pixel.
        components: u8,
        /// CMYK stored inverted (Adobe APP14): the PDF gets an inverting `/Decode`.
        adobe_inverted: bool,
    },
    /// Interleaved 8-bit samples, `components` per pixel (1 grey, 3 RGB),
    /// and an optional 8-bit alpha plane.
    Raw {
        /// `width × height × components` bytes, rows top to bottom.
        samples: Vec<u8>,
        /// Colour components per pixel.
        components: u8,
        /// One byte per pixel (255 opaque), written as the PDF's `/SMask`; `None`
        /// when the file has no alpha channel.
        alpha: Option<Vec<u8>>,
    },
}
