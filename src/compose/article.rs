//! One article: its headline stack over its columns, then its body flowed through the
//! free grid lines of those columns (a column chain: top to bottom, left to right),
//! subheads kept with the text that follows, the byline, and overset reported.

use super::text::{emit_line, head_lines, line_options, paragraph};
use super::{Frame, Occupied};
use crate::diag::{Diagnostic, Diagnostics};
use crate::display::{Cmyk, Item, RectItem};
use crate::fonts::{Builtin, FontBook};
use crate::linebreak::{self, Align, Line, Options};
use crate::resolve::{Article, BlockKind, Head};
use crate::units::Pt;
use serde::Serialize;

/// Body lines a subhead needs after it in the same column (keep with next).
const SUBHEAD_KEEP: usize = 2;
/// Overset marker colour: process red, visible on any proof.
const OVERSET_RED: Cmyk = Cmyk::new(0.0, 1.0, 1.0, 0.0);

#[derive(Clone, Debug, Default, Serialize)]
pub struct ArticleReport {
    pub id: String,
    /// Grid-line slots the body could use, and how many it used.
    pub slots: usize,
    pub slots_used: usize,
    pub paragraphs: usize,
    pub overset_chars: usize,
    pub lines: Vec<LineReport>,
}

/// One set line of body text (or subhead), where it went and what it says.
#[derive(Clone, Debug, Serialize)]
pub struct LineReport {
    pub column: usize,
    pub line: usize,
    pub kind: &'static str,
    pub x: Pt,
    pub baseline: Pt,
    pub measure: Pt,
    pub width: Pt,
    /// Paragraph index in the article's blocks, and whether it is the paragraph's last line.
    pub block: usize,
    pub last: bool,
    pub text: String,
}

/// A grid line in a column that the body may use.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Slot {
    column: usize,
    line: usize,
}

struct Flow<'a> {
    frame: &'a Frame,
    slots: Vec<Slot>,
    next: usize,
    items: &'a mut Vec<Item>,
    report: ArticleReport,
}

pub fn draw(a: &Article, fonts: &FontBook, frame: &Frame, occupied: &[Occupied], items: &mut Vec<Item>, warnings: &mut Diagnostics) -> ArticleReport {
    let g = &frame.grid;
    let opts = line_options(&a.text);
    let p = a.place;
    let mut line = p.top;
    for head in [&a.kicker, &a.headline, &a.subtitle].into_iter().flatten() {
        line = draw_head(head, fonts, frame, p.column, p.span, line, &opts, items);
    }
    if let (Some(by), false) = (&a.byline, a.byline_at_end) {
        line = draw_byline(by, fonts, frame, p.column, p.span, line, Align::Center, &opts, items);
    }
    if line > p.top {
        line += 1; // one grid line of space under the stack
    }
    let bottom = p.top + p.height;
    let slots = (p.column..p.column + p.span)
        .flat_map(|c| (line..bottom).map(move |l| Slot { column: c, line: l }))
        .filter(|s| !occupied.iter().any(|o| o.contains(s.column, s.line)))
        .collect::<Vec<_>>();
    let report = ArticleReport { id: a.id.clone(), slots: slots.len(), ..Default::default() };
    let mut flow = Flow { frame, slots, next: 0, items, report };
    let mut overset_from = None;
    for (bi, block) in a.blocks.iter().enumerate() {
        let ok = match block.kind {
            BlockKind::Subhead => flow.subhead(&block.text, bi, fonts, &opts),
            BlockKind::Paragraph => {
                flow.report.paragraphs += 1;
                let par = paragraph(&block.text, Builtin::Song.id(), g.body_size, g.body_size * a.text.indent_em, Align::Justify);
                let prepared = linebreak::prepare(&par, fonts, &opts);
                for m in &prepared.missing {
                    warnings.push(
                        Diagnostic::warning("text.missing-glyph", format!("no font has the character {} (U+{:04X})", m.ch, u32::from(m.ch)))
                            .at(block.loc.clone())
                            .context(format!("article `{}`, paragraph {}", a.id, bi + 1))
                            .hint("declare a font that covers it under [[fonts]] or replace the character"),
                    );
                }
                let lines = prepared.break_lines(&|_| g.column_width);
                flow.body(&lines, bi)
            }
        };
        if let Err(set) = ok {
            overset_from = Some((bi, set));
            break;
        }
    }
    if let (Some(by), true, None) = (&a.byline, a.byline_at_end, overset_from) {
        if let Some(s) = flow.take(1) {
            let s = s[0];
            let lines = head_lines(fonts, by, Builtin::Hei.id(), g.body_size, g.column_width, Align::End, &opts);
            if let Some(l) = lines.first() {
                emit_line(flow.items, l, frame.x(s.column), frame.baseline(s.line), Cmyk::BLACK);
            }
        } else {
            overset_from = Some((a.blocks.len(), 0));
        }
    }
    if let Some((bi, set_chars)) = overset_from {
        flow.overset(a, bi, set_chars, warnings);
    }
    flow.report
}

impl Flow<'_> {
    /// Takes `n` slots, consecutive in one column; skips to the next column if needed.
    fn take(&mut self, n: usize) -> Option<Vec<Slot>> {
        while self.next + n <= self.slots.len() {
            let run = &self.slots[self.next..self.next + n];
            let straight = run.windows(2).all(|w| w[1].column == w[0].column && w[1].line == w[0].line + 1);
            if straight {
                self.next += n;
                return Some(run.to_vec());
            }
            self.next += 1;
        }
        self.next = self.slots.len();
        None
    }

    fn body(&mut self, lines: &[Line], block: usize) -> Result<(), usize> {
        let mut chars = 0;
        for l in lines {
            let Some(&s) = self.slots.get(self.next) else { return Err(chars) };
            self.next += 1;
            self.place(l, s, "body", block);
            chars += l.text().chars().count();
        }
        Ok(())
    }

    fn place(&mut self, l: &Line, s: Slot, kind: &'static str, block: usize) {
        let (x, baseline) = (self.frame.x(s.column), self.frame.baseline(s.line));
        emit_line(self.items, l, x, baseline, Cmyk::BLACK);
        self.report.slots_used += 1;
        self.report.lines.push(LineReport { column: s.column, line: s.line, kind, x, baseline, measure: l.measure, width: l.width, block, last: l.last, text: l.text() });
    }

    /// A subhead: its lines plus one grid line of space, centred in the column, kept with
    /// at least [`SUBHEAD_KEEP`] lines of the text that follows.
    fn subhead(&mut self, text: &str, block: usize, fonts: &FontBook, opts: &Options) -> Result<(), usize> {
        let g = &self.frame.grid;
        let lines = head_lines(fonts, text, Builtin::HeiBold.id(), g.body_size, g.column_width, Align::Center, opts);
        let n = lines.len() + 1;
        let Some(run) = self.take(n + SUBHEAD_KEEP) else { return Err(0) };
        self.next -= SUBHEAD_KEEP;
        // Centre the text lines in the block: half a line of space above and below.
        let half = g.line_pitch / 2.0;
        for (i, l) in lines.iter().enumerate() {
            let s = run[i];
            let (x, baseline) = (self.frame.x(s.column), self.frame.baseline(s.line) + half);
            emit_line(self.items, l, x, baseline, Cmyk::BLACK);
            self.report.lines.push(LineReport { column: s.column, line: s.line, kind: "subhead", x, baseline, measure: l.measure, width: l.width, block, last: i + 1 == lines.len(), text: l.text() });
        }
        self.report.slots_used += n;
        Ok(())
    }

    /// Reports text that did not fit and marks the spot on the page in red.
    fn overset(&mut self, a: &Article, from_block: usize, set_chars: usize, warnings: &mut Diagnostics) {
        let total: usize = a.blocks.iter().skip(from_block).map(|b| b.text.chars().count()).sum();
        let left = total.saturating_sub(set_chars);
        self.report.overset_chars = left;
        let g = &self.frame.grid;
        if let Some(last) = self.report.lines.last() {
            let size = g.body_size * 0.8;
            let x = last.x + last.measure - size;
            let y = last.baseline + g.body_size * 0.2;
            self.items.push(Item::Rect(RectItem { rect: crate::display::Rect::new(x, y, size, size * 0.5), fill: Some(OVERSET_RED), stroke: None }));
        }
        warnings.push(
            Diagnostic::warning("text.overset", format!("article `{}` is overset: {left} characters do not fit", a.id))
                .at(a.blocks.get(from_block).and_then(|b| b.loc.clone()).or_else(|| a.loc.clone()))
                .context(format!("article `{}`, from paragraph {}", a.id, from_block + 1))
                .hint("cut the text, give the article more lines or columns, or make its photos smaller"),
        );
    }
}

/// Sets a head over `span` columns from grid line `line`; returns the next free line.
#[allow(clippy::too_many_arguments)]
fn draw_head(head: &Head, fonts: &FontBook, frame: &Frame, column: usize, span: usize, line: usize, opts: &Options, items: &mut Vec<Item>) -> usize {
    let g = &frame.grid;
    let width = g.span_width(span);
    let lines = head_lines(fonts, &head.text, head.font, head.size, width, head.align, opts);
    let lead = head.size * 1.25;
    let needed = ((lead * lines.len() as f64).0 / g.line_pitch.0).ceil() as usize;
    let n = head.lines.unwrap_or(needed).max(1);
    // Centre the head's lines in its block of whole grid lines.
    let block_top = frame.y(line);
    let text_h = lead * lines.len() as f64;
    let top = block_top + (g.line_pitch * n as f64 - text_h) / 2.0;
    for (i, l) in lines.iter().enumerate() {
        let baseline = top + lead * i as f64 + (lead - head.size) / 2.0 + head.size * 0.88;
        emit_line(items, l, frame.x(column), baseline, Cmyk::BLACK);
    }
    line + n
}

#[allow(clippy::too_many_arguments)]
fn draw_byline(text: &str, fonts: &FontBook, frame: &Frame, column: usize, span: usize, line: usize, align: Align, opts: &Options, items: &mut Vec<Item>) -> usize {
    let g = &frame.grid;
    let lines = head_lines(fonts, text, Builtin::Hei.id(), g.body_size, g.span_width(span), align, opts);
    for (i, l) in lines.iter().enumerate() {
        emit_line(items, l, frame.x(column), frame.baseline(line + i), Cmyk::BLACK);
    }
    line + lines.len()
}
