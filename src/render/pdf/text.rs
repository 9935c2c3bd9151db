//! Text in the content stream: glyph runs as `BT … Td … TJ … ET`.
//!
//! Consecutive runs share one `BT … ET`. Glyphs on the same baseline form one line,
//! reached with a relative `Td`; inside a line every glyph is placed by a `TJ` adjustment
//! computed from where the previous glyph's width (as written in `/W`) left the pen, so a
//! justified line costs one number per gap and no error adds up along the line.
//! A cluster whose glyphs' ToUnicode entries would not spell its text is wrapped in an
//! `/ActualText` span.

use super::content::{finite, fixed, font_name, push_fixed, Writer, POS_DECIMALS};
use super::fonts::UsedFont;
use crate::diag::Code;
use crate::diag::Diagnostic;
use crate::display::{Glyph, GlyphRun};
use std::fmt::Write;

/// Decimal places of `TJ` adjustments, in thousandths of the font size: at 10 pt one
/// unit is 0.01 pt, so two places keep each glyph within 0.0001 pt of its position.
const ADJ_DECIMALS: u32 = 2;
/// Decimal places of a `Tz` percentage.
const SCALE_DECIMALS: u32 = 3;
/// `Tz` at 100 %, in thousandths of a percent: the PDF default.
const DEFAULT_HSCALE: i64 = 100_000;
/// Type sizes below this (in points) draw nothing; their runs are skipped rather than
/// dividing by almost zero in the `TJ` adjustments.
const MIN_TEXT_SIZE: f64 = 1e-3;

/// Inside `BT … ET`: the text line matrix origin, in thousandths of a point.
#[derive(Debug, Clone, Copy)]
pub(super) struct TextLine {
    pub(super) x: i64,
    pub(super) y: i64,
}

impl Writer<'_> {
    pub(super) fn text_run(&mut self, run: &GlyphRun) -> Result<(), Diagnostic> {
        let size = finite(run.size.0)?;
        if size.abs() < MIN_TEXT_SIZE || run.glyphs.is_empty() {
            return Ok(());
        }
        let (index, font) = self.fonts.get(run.font).ok_or_else(|| {
            Diagnostic::new(
                Code::PdfInternal,
                format!("font {} was not collected", run.font.0),
            )
        })?;
        self.res.fonts.insert(index);
        self.begin_text();
        self.set_overprint(run.color.is_pure_black());
        self.set_fill(run.color);
        let size_fixed = fixed(size, POS_DECIMALS)?;
        if self.state.font != Some((index, size_fixed)) {
            self.out.push('/');
            self.out.push_str(&font_name(index));
            self.out.push(' ');
            push_fixed(&mut self.out, size_fixed, POS_DECIMALS);
            self.out.push_str(" Tf\n");
            self.state.font = Some((index, size_fixed));
        }
        // The size as the viewer reads it back, for the adjustments; a horizontal scale
        // (`Tz`) scales every width and adjustment along the baseline with it.
        let size = size_fixed as f64 / 1000.0 * self.set_horizontal_scale(run.scale)?;
        if run.sideways {
            return self.sideways_run(run, font);
        }

        let mut line = LineShow::default();
        for cluster in run.glyphs.chunk_by(|_, next| next.text.is_empty()) {
            let span = actual_text(font, cluster);
            if let Some(text) = span {
                line.flush(&mut self.out);
                push_actual_text(&mut self.out, text);
            }
            for g in cluster {
                self.place_glyph(&mut line, font, g, size)?;
            }
            if span.is_some() {
                line.flush(&mut self.out);
                self.out.push_str("EMC\n");
            }
        }
        line.close(&mut self.out);
        Ok(())
    }

    /// Adds one glyph to the line being shown, starting a new line (`Td`) when the
    /// baseline changes and adjusting the pen to the glyph's position.
    fn place_glyph(
        &mut self,
        line: &mut LineShow,
        font: &UsedFont<'_>,
        g: &Glyph,
        size: f64,
    ) -> Result<(), Diagnostic> {
        let gx = self.px(g.x.0)?;
        let gy = self.py(g.y.0)?;
        let cid = font.cid(g.id).ok_or_else(|| {
            Diagnostic::new(
                Code::PdfInternal,
                format!("glyph {} was not collected", g.id),
            )
        })?;
        let at = self.text.unwrap_or(TextLine { x: 0, y: 0 });
        if !line.open || gy != at.y {
            line.close(&mut self.out);
            self.move_line(gx, gy);
            *line = LineShow {
                open: true,
                pen: gx as f64 / 1000.0,
                ..LineShow::default()
            };
        }
        // Where the pen must be, against where the last width left it, in thousandths
        // of the size (TJ units; positive moves left).
        let target = gx as f64 / 1000.0;
        let adj = fixed((line.pen - target) * 1000.0 / size, ADJ_DECIMALS)?;
        if adj != 0 {
            line.adjust(adj);
            line.pen -= adj as f64 / 100.0 * size / 1000.0;
        }
        line.glyph(cid);
        line.pen += font.width(cid) * size / 1000.0;
        Ok(())
    }

    /// `Tz` when the run's horizontal scale differs from the one in force (text state
    /// outlives `BT … ET`). Returns the scale as written, for the pen arithmetic.
    fn set_horizontal_scale(&mut self, scale: f64) -> Result<f64, Diagnostic> {
        let percent = fixed(finite(scale)? * 100.0, SCALE_DECIMALS)?;
        if percent <= 0 {
            return Err(Diagnostic::new(
                Code::PdfBadNumber,
                format!("a horizontal scale of {scale}"),
            ));
        }
        if self.state.hscale.unwrap_or(DEFAULT_HSCALE) != percent {
            push_fixed(&mut self.out, percent, SCALE_DECIMALS);
            self.out.push_str(" Tz\n");
            self.state.hscale = Some(percent);
        }
        Ok(percent as f64 / DEFAULT_HSCALE as f64)
    }

    /// A run turned 90° clockwise (Latin in a vertical line): each glyph by its own
    /// text matrix `0 -1 1 0 x y Tm`, its baseline running down the page. The text
    /// object is closed after it, so the next run's relative `Td` starts from an
    /// unrotated matrix.
    fn sideways_run(&mut self, run: &GlyphRun, font: &UsedFont<'_>) -> Result<(), Diagnostic> {
        for g in &run.glyphs {
            let (x, y) = (self.px(g.x.0)?, self.py(g.y.0)?);
            let cid = font.cid(g.id).ok_or_else(|| {
                Diagnostic::new(
                    Code::PdfInternal,
                    format!("glyph {} was not collected", g.id),
                )
            })?;
            let span = actual_text(font, std::slice::from_ref(g));
            if let Some(text) = span {
                push_actual_text(&mut self.out, text);
            }
            self.out.push_str("0 -1 1 0 ");
            push_fixed(&mut self.out, x, POS_DECIMALS);
            self.out.push(' ');
            push_fixed(&mut self.out, y, POS_DECIMALS);
            let _ = writeln!(self.out, " Tm <{cid:04X}> Tj");
            if span.is_some() {
                self.out.push_str("EMC\n");
            }
        }
        self.end_text();
        Ok(())
    }

    /// Opens an `/ActualText` span for the items that follow, outside any text object
    /// (a marked-content sequence must close in the text object it opened in).
    pub(super) fn begin_span(&mut self, text: &str) {
        self.end_text();
        push_actual_text(&mut self.out, text);
    }

    /// Closes the span [`Self::begin_span`] opened.
    pub(super) fn end_span(&mut self) {
        self.end_text();
        self.out.push_str("EMC\n");
    }

    fn begin_text(&mut self) {
        if self.text.is_none() {
            self.out.push_str("BT\n");
            self.text = Some(TextLine { x: 0, y: 0 });
        }
    }

    pub(super) fn end_text(&mut self) {
        if self.text.take().is_some() {
            self.out.push_str("ET\n");
        }
    }

    /// `Td` to a new line origin, relative to the current one.
    fn move_line(&mut self, x: i64, y: i64) {
        let at = self.text.unwrap_or(TextLine { x: 0, y: 0 });
        push_fixed(&mut self.out, x - at.x, POS_DECIMALS);
        self.out.push(' ');
        push_fixed(&mut self.out, y - at.y, POS_DECIMALS);
        self.out.push_str(" Td\n");
        self.text = Some(TextLine { x, y });
    }
}

/// The `TJ` (or `Tj`) of one line being built.
#[derive(Default)]
struct LineShow {
    open: bool,
    /// Where the viewer's pen stands, in points from the page's left edge.
    pen: f64,
    /// Finished array elements, and the hex string being filled.
    parts: String,
    hex: String,
    adjusted: bool,
}

impl LineShow {
    fn glyph(&mut self, cid: u16) {
        let _ = write!(self.hex, "{cid:04X}");
    }

    fn adjust(&mut self, adj: i64) {
        self.flush_hex();
        if !self.parts.is_empty() && !self.parts.ends_with('>') {
            self.parts.push(' ');
        }
        push_fixed(&mut self.parts, adj, ADJ_DECIMALS);
        self.adjusted = true;
    }

    fn flush_hex(&mut self) {
        if !self.hex.is_empty() {
            self.parts.push('<');
            self.parts.push_str(&self.hex);
            self.parts.push('>');
            self.hex.clear();
        }
    }

    /// Writes what has been gathered as one `TJ` (or `Tj`); the line stays open and the
    /// next show continues where this one left the pen.
    fn flush(&mut self, out: &mut String) {
        self.flush_hex();
        if self.adjusted {
            out.push('[');
            out.push_str(&self.parts);
            out.push_str("] TJ\n");
        } else if !self.parts.is_empty() {
            out.push_str(&self.parts);
            out.push_str(" Tj\n");
        }
        self.parts.clear();
        self.adjusted = false;
    }

    fn close(&mut self, out: &mut String) {
        if self.open {
            self.flush(out);
            self.open = false;
        }
    }
}

/// The `/ActualText` a cluster needs, if its glyphs' ToUnicode entries do not spell its
/// text: a cluster of several glyphs (the later ones carry no text of their own), or a
/// glyph whose ToUnicode entry is another text (its first use). Readers that honour
/// ActualText (Acrobat, poppler, pdf.js, MuPDF) then copy exactly the source text.
fn actual_text<'g>(font: &UsedFont<'_>, cluster: &'g [Glyph]) -> Option<&'g str> {
    let first = cluster.first()?;
    let mapped = font.cid(first.id).and_then(|cid| font.text(cid));
    if cluster.len() == 1 && mapped == Some(first.text.as_str()) {
        None
    } else {
        Some(&first.text)
    }
}

/// `/Span <</ActualText …>> BDC`, the text as UTF-16BE with a byte order mark.
fn push_actual_text(out: &mut String, text: &str) {
    out.push_str("/Span<</ActualText<FEFF");
    for unit in text.encode_utf16() {
        let _ = write!(out, "{unit:04X}");
    }
    out.push_str(">>>BDC\n");
}
