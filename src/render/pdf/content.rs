//! One page's content stream.
//!
//! In: a display-list [`Page`] plus the document's fonts (for the new glyph ids and the
//! widths written in `/W`) and images. Out: the uncompressed operators and the
//! resources the page uses.
//!
//! Coordinates flip here: the display list has its origin at the top-left of the media
//! box with y down; PDF user space has it at the bottom-left with y up. Positions are
//! written in thousandths of a point, computed from integers so that relative moves add
//! up exactly.
//!
//! Font, size, colour and overprint state are only written when they change. Glyph runs
//! are placed by `text.rs`; rectangles, rules and images here.

use super::colors::{push_color, SpecialSpace};
use super::fonts::FontSet;
use super::graphics::GraphicSet;
use super::images::ImageSet;
use super::text::TextLine;
use crate::diag::Code;
use crate::diag::Diagnostic;
use crate::display::{CircleItem, Color, ImageItem, Item, LineItem, Page, RectItem, Stroke};
use std::collections::BTreeSet;
use std::fmt::Write;

/// Decimal places of positions and lengths: 1/1000 pt (0.35 µm), far below anything a
/// platesetter resolves.
pub(super) const POS_DECIMALS: u32 = 3;

/// The two named graphics states a page may use.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum ExtGState {
    /// `/OP true /op true /OPM 1`: pure black text and rules.
    Overprint,
    /// `/OP false /op false /OPM 0`: back to knockout.
    Knockout,
}

impl ExtGState {
    pub fn name(self) -> &'static str {
        match self {
            ExtGState::Overprint => "GOP",
            ExtGState::Knockout => "GKO",
        }
    }
}

/// Resource names: `/F<index>` for the document's n-th font, `/Im<index>` for images.
pub fn font_name(index: usize) -> String {
    format!("F{index}")
}

pub fn image_name(index: usize) -> String {
    format!("Im{index}")
}

/// What a page's resource dictionary must list (indices into the document's sets).
#[derive(Debug, Default)]
pub struct PageResources {
    pub fonts: BTreeSet<usize>,
    pub images: BTreeSet<usize>,
    /// Outer forms of placed graphics (indices into the document's [`GraphicSet`]).
    pub graphics: BTreeSet<usize>,
    pub gstates: BTreeSet<ExtGState>,
    pub color_spaces: BTreeSet<SpecialSpace>,
}

pub struct PageContent {
    pub bytes: Vec<u8>,
    pub resources: PageResources,
}

/// Builds the content stream of one page.
pub fn page_content(
    page: &Page,
    fonts: &FontSet,
    (images, graphics): (&ImageSet, &GraphicSet),
) -> Result<PageContent, Diagnostic> {
    let mut w = Writer {
        out: String::with_capacity(64 * 1024),
        height: page.media.bottom().0,
        left: page.media.x.0,
        fonts,
        images,
        graphics,
        res: PageResources::default(),
        state: State::default(),
        text: None,
    };
    for item in &page.items {
        match item {
            Item::Text(run) => w.text_run(run)?,
            Item::Rect(r) => w.rect(r)?,
            Item::Line(l) => w.line(l)?,
            Item::Image(img) => w.image(img)?,
            Item::Circle(c) => w.circle(c)?,
            Item::Graphic(g) => w.graphic(g)?,
            Item::Span(text) => w.begin_span(text),
            Item::EndSpan => w.end_span(),
        }
    }
    w.end_text();
    Ok(PageContent {
        bytes: w.out.into_bytes(),
        resources: w.res,
    })
}

/// Graphics state already in force, so that unchanged values are not repeated.
/// `None` is "unknown / the PDF default".
#[derive(Debug, Default)]
pub(super) struct State {
    fill: Option<Color>,
    stroke: Option<Color>,
    line_width: Option<i64>,
    gstate: Option<ExtGState>,
    /// Font index and size in thousandths of a point.
    pub(super) font: Option<(usize, i64)>,
    /// Horizontal scale (`Tz`) in thousandths of a percent; `None` is the default 100 %.
    pub(super) hscale: Option<i64>,
}

pub(super) struct Writer<'a> {
    pub(super) out: String,
    /// Media box bottom and left edge in display coordinates: the flip.
    pub(super) height: f64,
    pub(super) left: f64,
    pub(super) fonts: &'a FontSet<'a>,
    images: &'a ImageSet,
    pub(super) graphics: &'a GraphicSet,
    pub(super) res: PageResources,
    pub(super) state: State,
    pub(super) text: Option<TextLine>,
}

impl Writer<'_> {
    /// Page x in thousandths of a point.
    pub(super) fn px(&self, x: f64) -> Result<i64, Diagnostic> {
        fixed(x - self.left, POS_DECIMALS)
    }

    /// Page y (flipped) in thousandths of a point.
    pub(super) fn py(&self, y: f64) -> Result<i64, Diagnostic> {
        fixed(self.height - y, POS_DECIMALS)
    }

    fn rect(&mut self, r: &RectItem) -> Result<(), Diagnostic> {
        let stroke = r.stroke.filter(visible);
        if r.fill.is_none() && stroke.is_none() {
            return Ok(());
        }
        self.end_text();
        let x = self.px(r.rect.x.0)?;
        let y = self.py(r.rect.bottom().0)?;
        let w = fixed(r.rect.w.0, POS_DECIMALS)?;
        let h = fixed(r.rect.h.0, POS_DECIMALS)?;
        // Fill and stroke are painted separately: the stroke may overprint (a black
        // frame) while the fill knocks out (a tinted box is not a rule).
        if let Some(fill) = r.fill {
            self.set_overprint(false);
            self.set_fill(fill);
            self.path_rect(x, y, w, h);
            self.out.push_str("f\n");
        }
        if let Some(stroke) = stroke {
            self.set_stroke(&stroke)?;
            self.path_rect(x, y, w, h);
            self.out.push_str("S\n");
        }
        Ok(())
    }

    /// A circle, filled then stroked like a rectangle.
    fn circle(&mut self, c: &CircleItem) -> Result<(), Diagnostic> {
        let stroke = c.stroke.filter(visible);
        if (c.fill.is_none() && stroke.is_none()) || c.radius.0 <= 0.0 {
            return Ok(());
        }
        self.end_text();
        let (x, y) = (self.px(c.center.0 .0)?, self.py(c.center.1 .0)?);
        let r = fixed(c.radius.0, POS_DECIMALS)?;
        if let Some(fill) = c.fill {
            self.set_overprint(false);
            self.set_fill(fill);
            self.path_circle(x, y, r);
            self.out.push_str("f\n");
        }
        if let Some(stroke) = stroke {
            self.set_stroke(&stroke)?;
            self.path_circle(x, y, r);
            self.out.push_str("S\n");
        }
        Ok(())
    }

    /// Four Bézier quarter arcs; the control points sit 0.5523 r out along the tangents
    /// (the usual cubic approximation, within 0.03 % of the true radius).
    fn path_circle(&mut self, x: i64, y: i64, r: i64) {
        let k = (r as f64 * 0.552_284_75).round() as i64;
        let pt = |out: &mut String, px: i64, py: i64| {
            push_fixed(out, px, POS_DECIMALS);
            out.push(' ');
            push_fixed(out, py, POS_DECIMALS);
            out.push(' ');
        };
        pt(&mut self.out, x + r, y);
        self.out.push_str("m\n");
        let arcs = [
            [(x + r, y + k), (x + k, y + r), (x, y + r)],
            [(x - k, y + r), (x - r, y + k), (x - r, y)],
            [(x - r, y - k), (x - k, y - r), (x, y - r)],
            [(x + k, y - r), (x + r, y - k), (x + r, y)],
        ];
        for arc in arcs {
            for (px, py) in arc {
                pt(&mut self.out, px, py);
            }
            self.out.push_str("c\n");
        }
        self.out.push_str("h\n");
    }

    fn path_rect(&mut self, x: i64, y: i64, w: i64, h: i64) {
        for v in [x, y, w, h] {
            push_fixed(&mut self.out, v, POS_DECIMALS);
            self.out.push(' ');
        }
        self.out.push_str("re\n");
    }

    fn line(&mut self, l: &LineItem) -> Result<(), Diagnostic> {
        if !visible(&l.stroke) {
            return Ok(());
        }
        self.end_text();
        let (x0, y0) = (self.px(l.from.0 .0)?, self.py(l.from.1 .0)?);
        let (x1, y1) = (self.px(l.to.0 .0)?, self.py(l.to.1 .0)?);
        self.set_stroke(&l.stroke)?;
        // A dash pattern and round ends hold only inside q … Q; the width and colour
        // are set before it, so the tracked state stays true after Q.
        if let Some(d) = &l.dash {
            let (on, off) = (fixed(d.on.0, POS_DECIMALS)?, fixed(d.off.0, POS_DECIMALS)?);
            self.out.push_str("q [");
            push_fixed(&mut self.out, on, POS_DECIMALS);
            self.out.push(' ');
            push_fixed(&mut self.out, off, POS_DECIMALS);
            self.out.push_str("] 0 d");
            if d.round {
                self.out.push_str(" 1 J");
            }
            self.out.push('\n');
        }
        push_fixed(&mut self.out, x0, POS_DECIMALS);
        self.out.push(' ');
        push_fixed(&mut self.out, y0, POS_DECIMALS);
        self.out.push_str(" m ");
        push_fixed(&mut self.out, x1, POS_DECIMALS);
        self.out.push(' ');
        push_fixed(&mut self.out, y1, POS_DECIMALS);
        self.out.push_str(" l S\n");
        if l.dash.is_some() {
            self.out.push_str("Q\n");
        }
        Ok(())
    }

    /// The image drawn over `placed`, clipped to `frame`, inside `q … Q` so the clip
    /// ends with it (the tracked state is untouched inside, so it stays valid).
    fn image(&mut self, item: &ImageItem) -> Result<(), Diagnostic> {
        let index = self.images.index_of(&item.image).ok_or_else(|| {
            Diagnostic::new(Code::PdfInternal, "an image was not collected".to_string())
        })?;
        self.end_text();
        self.res.images.insert(index);
        let f = &item.frame;
        let (fx, fy) = (self.px(f.x.0)?, self.py(f.bottom().0)?);
        let (fw, fh) = (fixed(f.w.0, POS_DECIMALS)?, fixed(f.h.0, POS_DECIMALS)?);
        let p = &item.placed;
        let (x, y) = (self.px(p.x.0)?, self.py(p.bottom().0)?);
        let (w, h) = (fixed(p.w.0, POS_DECIMALS)?, fixed(p.h.0, POS_DECIMALS)?);
        self.out.push_str("q\n");
        self.path_rect(fx, fy, fw, fh);
        self.out.push_str("W n\n");
        for v in [w, 0, 0, h, x, y] {
            push_fixed(&mut self.out, v, POS_DECIMALS);
            self.out.push(' ');
        }
        self.out.push_str("cm\n/");
        self.out.push_str(&image_name(index));
        self.out.push_str(" Do\nQ\n");
        Ok(())
    }

    fn set_stroke(&mut self, stroke: &Stroke) -> Result<(), Diagnostic> {
        self.set_overprint(stroke.color.is_pure_black());
        let width = fixed(stroke.width.0, POS_DECIMALS)?;
        if self.state.line_width != Some(width) {
            push_fixed(&mut self.out, width, POS_DECIMALS);
            self.out.push_str(" w\n");
            self.state.line_width = Some(width);
        }
        if self.state.stroke != Some(stroke.color) {
            let change = (stroke.color, self.state.stroke);
            push_color(&mut self.out, &mut self.res, change, true);
            self.state.stroke = Some(stroke.color);
        }
        Ok(())
    }

    pub(super) fn set_fill(&mut self, color: Color) {
        if self.state.fill != Some(color) {
            let change = (color, self.state.fill);
            push_color(&mut self.out, &mut self.res, change, false);
            self.state.fill = Some(color);
        }
    }

    /// Overprint on for pure black, off otherwise. The PDF default is off, so nothing is
    /// written until something needs it.
    pub(super) fn set_overprint(&mut self, on: bool) {
        let want = if on {
            ExtGState::Overprint
        } else {
            ExtGState::Knockout
        };
        let current = self.state.gstate.unwrap_or(ExtGState::Knockout);
        if current != want {
            self.out.push('/');
            self.out.push_str(want.name());
            self.out.push_str(" gs\n");
            self.res.gstates.insert(want);
        }
        self.state.gstate = Some(want);
    }
}

/// A stroke of no width draws nothing here: PDF would render width 0 as the thinnest
/// line the device can make, a hairline that disappears on a platesetter.
fn visible(s: &Stroke) -> bool {
    s.width.0 > 0.0
}

pub(super) fn finite(v: f64) -> Result<f64, Diagnostic> {
    if v.is_finite() {
        Ok(v)
    } else {
        Err(Diagnostic::new(
            Code::PdfBadNumber,
            format!("a position or size is not a number ({v})"),
        ))
    }
}

/// The largest magnitude accepted for any number written (points, or thousandths of the
/// size for adjustments): far beyond any page, so a larger value is a bug upstream, and it
/// keeps the fixed-point arithmetic well inside `i64`.
const MAX_VALUE: f64 = 1e8;

/// `v` as an integer count of 10^-decimals, after checking it is finite and in range.
pub(super) fn fixed(v: f64, decimals: u32) -> Result<i64, Diagnostic> {
    let v = finite(v)?;
    if v.abs() > MAX_VALUE {
        return Err(Diagnostic::new(
            Code::PdfBadNumber,
            format!("a position or size is out of range ({v})"),
        ));
    }
    Ok((v * 10f64.powi(decimals as i32)).round() as i64)
}

/// Writes an integer count of 10^-decimals as a decimal number, without trailing zeros.
pub(super) fn push_fixed(out: &mut String, v: i64, decimals: u32) {
    let scale = 10i64.pow(decimals);
    if v < 0 {
        out.push('-');
    }
    let a = v.unsigned_abs();
    let (int, mut frac) = (a / scale as u64, a % scale as u64);
    let _ = write!(out, "{int}");
    if frac != 0 {
        let mut digits = decimals as usize;
        while frac % 10 == 0 {
            frac /= 10;
            digits -= 1;
        }
        let _ = write!(out, ".{frac:0digits$}");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fmt(v: i64, d: u32) -> String {
        let mut s = String::new();
        push_fixed(&mut s, v, d);
        s
    }

    #[test]
    fn fixed_numbers_print_without_trailing_zeros() {
        assert_eq!(fmt(12_500, 3), "12.5");
        assert_eq!(fmt(-12_345, 3), "-12.345");
        assert_eq!(fmt(7, 3), "0.007");
        assert_eq!(fmt(-50, 2), "-0.5");
        assert_eq!(fmt(0, 3), "0");
        assert_eq!(fmt(3000, 3), "3");
    }

    #[test]
    fn non_finite_positions_are_errors_not_panics() {
        assert!(fixed(f64::NAN, 3).is_err());
        assert!(fixed(f64::INFINITY, 3).is_err());
        assert!(fixed(1e300, 3).is_err());
        assert_eq!(fixed(1.2345, 3).unwrap(), 1235);
    }
}
