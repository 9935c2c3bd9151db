//! Vertical heads (竖题): the kicker, headline and subtitle set top to bottom in
//! parallel vertical lines beside the body, read from right to left.
//!
//! The lines are real vertical lines from the line composer (`Options::vertical`,
//! cjk-rules.md §8): vertical glyph forms, kinsoku, compression of adjacent marks and
//! justification along the line, Latin turned sideways or combined upright (縦中横).
//! This module only lays them out across the heads' columns and turns each line into
//! glyph runs: upright glyphs centred on the line's axis, sideways runs with their
//! em box centred on it, combined runs fitted into one em across. The same drawing
//! serves any vertical line (a vertical body later: 副刊, Taiwan and Hong Kong pages).

use super::heads::{draw_byline_at, set_head, HeadsAt, Taken, HEAD_LEADING, RULE_GAP_EM};
use super::text::is_blank;
use super::{Ctx, Out};
use crate::diag::{Code, Diagnostic};
use crate::display::{Color, Glyph, GlyphRun, Item, LineItem, Rect, RectItem, Stroke};
use crate::fonts::{FontBook, IDEOGRAPHIC_ASCENT};
use crate::linebreak::{Line, Options, Orientation};
use crate::resolve::{Article, Head};
use crate::units::Pt;

/// How far a reverse bar reaches past a vertical head's lines on each side, in em of
/// the head's size.
const BAR_PAD_EM: f64 = 0.2;

/// Sets the vertical heads in their columns from their first grid line (`at`), and
/// the head byline under them. Returns what each takes and the line under them.
pub(super) fn place(
    cx: &Ctx,
    a: &Article,
    heads: &[&Head],
    at: &HeadsAt,
    opts: &Options,
    out: &mut Out,
) -> (Vec<Taken>, usize) {
    let Ctx { fonts, frame, .. } = *cx;
    let ((column, span), top) = (at.columns, at.top);
    let (x, span_w) = at.across;
    let g = &frame.grid;
    let opts = Options {
        vertical: true,
        ..opts.clone()
    };
    let room = free_run(a, column, span, top);
    let most = g.line_pitch * room.max(1) as f64;
    // As long as the longest head needs (within the room), or as the spec says.
    let natural = heads
        .iter()
        .flat_map(|h| set_head(fonts, h, most, &opts))
        .map(|l| l.width)
        .fold(Pt::ZERO, Pt::max);
    let need = ((natural.0 / g.line_pitch.0) - 1e-9).ceil().max(1.0) as usize;
    let n = a.heads.lines.unwrap_or(need);
    let measure = g.line_pitch * n as f64;
    let sets: Vec<(&Head, Vec<Line>)> = heads
        .iter()
        .map(|h| (*h, set_head(fonts, h, measure, &opts)))
        .collect();
    // The outermost lines need only their type, not their leading, on the outer side.
    let edge = |h: &Head| h.size * (HEAD_LEADING - 1.0) * h.scale / 2.0;
    let outer = sets.first().map_or(Pt::ZERO, |(h, _)| edge(h))
        + sets.last().map_or(Pt::ZERO, |(h, _)| edge(h));
    let across: Pt = sets
        .iter()
        .map(|(h, ls)| thickness(h, ls.len()))
        .sum::<Pt>()
        - outer;
    if across > span_w + Pt(0.01) {
        out.warnings.push(
            Diagnostic::new(
                Code::LayoutHeadTooTall,
                format!(
                    "the vertical heads of article `{}` need {across} across, but their {span} column(s) give {span_w}",
                    a.id
                ),
            )
            .at(a.heads.loc.clone().or_else(|| heads[0].loc.clone()))
            .hint("give the heads more columns (`heads = { span = 2 }`), make them smaller or break them into fewer lines")
            .on_page(frame.rect(column, span, top, n)),
        );
    }
    // The lines stand centred across the columns, the first head's first line at the
    // right (vertical lines are read from right to left).
    let mut right = x + span_w - (span_w - across) / 2.0;
    let y = frame.y(top);
    let mut taken = Vec::new();
    for (h, lines) in &sets {
        right = draw_head(fonts, h, lines, (right, y), measure, &mut out.items);
        taken.push(Taken {
            columns: (column, span),
            lines: (top, top + n),
            loc: h.loc.clone().or_else(|| a.heads.loc.clone()),
            what: format!("the vertical head “{}”", h.text.replace('\n', " ")),
        });
    }
    let mut bottom = top + n;
    if let (Some(by), false) = (&a.byline, a.byline_at_end) {
        let end = draw_byline_at(cx, by, at.across, bottom, &opts_horizontal(&opts), out);
        taken.push(Taken {
            columns: (column, span),
            lines: (bottom, end),
            loc: a.loc.clone(),
            what: "the byline".into(),
        });
        bottom = end;
    }
    (taken, bottom)
}

/// The same settings for horizontal text.
fn opts_horizontal(opts: &Options) -> Options {
    Options {
        vertical: false,
        ..opts.clone()
    }
}

/// How many grid lines from `top` every one of the columns has inside the article's
/// area without a gap: the room a vertical head can grow into.
fn free_run(a: &Article, column: usize, span: usize, top: usize) -> usize {
    (column..column + span)
        .map(|c| (top..).take_while(|&l| a.shape.contains(c, l)).count())
        .min()
        .unwrap_or(0)
}

/// What a head's vertical lines take across the page, rules included.
fn thickness(h: &Head, lines: usize) -> Pt {
    let rule = |w: Option<Pt>| w.map_or(Pt::ZERO, |w| w + h.size * RULE_GAP_EM);
    h.size * HEAD_LEADING * h.scale * lines as f64 + rule(h.rule_above) + rule(h.rule_below)
}

/// Draws one head's vertical lines leftwards from `right`, the tops of the lines at
/// `y`; its rule above stands at its right, its rule below at its left. Returns where
/// the next head's lines start.
fn draw_head(
    fonts: &FontBook,
    h: &Head,
    lines: &[Line],
    (mut right, y): (Pt, Pt),
    measure: Pt,
    items: &mut Vec<Item>,
) -> Pt {
    let lead = h.size * HEAD_LEADING * h.scale;
    let gap = h.size * RULE_GAP_EM;
    let rule_color = h.background.unwrap_or(h.color);
    if let Some(w) = h.rule_above {
        vertical_rule(items, right - w / 2.0, (y, y + measure), w, rule_color);
        right -= w + gap;
    }
    if let Some(bar) = h.background {
        let pad = h.size * BAR_PAD_EM;
        let w = lead * lines.len() as f64;
        items.push(Item::Rect(RectItem {
            rect: Rect::new(right - w, y - pad, w, measure + pad * 2.0),
            fill: Some(bar),
            stroke: None,
        }));
    }
    for l in lines {
        emit_vertical_line(items, fonts, l, (right - lead / 2.0, y), h.color, h.scale);
        right -= lead;
    }
    if let Some(w) = h.rule_below {
        right -= gap;
        vertical_rule(items, right - w / 2.0, (y, y + measure), w, rule_color);
        right -= w;
    }
    right
}

/// A vertical rule at `x` from `y.0` to `y.1`.
fn vertical_rule(items: &mut Vec<Item>, x: Pt, y: (Pt, Pt), weight: Pt, color: Color) {
    items.push(Item::Line(LineItem {
        from: (x, y.0),
        to: (x, y.1),
        stroke: Stroke {
            color,
            width: weight,
        },
        dash: None,
    }));
}

/// Appends a vertical line as glyph runs: `axis` is the line's centre across the page
/// and `top` where the line starts; `scale` narrows (or widens) the glyphs across the
/// line (a 长体 head). Upright glyphs stand centred on the axis from the top of their
/// frames (the vertical origin); sideways runs have their em box centred on the axis;
/// a combined run (縦中横) is set across the line, squeezed to one em if wider.
pub fn emit_vertical_line(
    items: &mut Vec<Item>,
    fonts: &FontBook,
    line: &Line,
    (axis, top): (Pt, Pt),
    color: Color,
    scale: f64,
) {
    // The line reads as its text, top to bottom, whatever order a reader would guess
    // from glyphs standing one under the other.
    items.push(Item::Span(line.text()));
    let mut runs = Runs {
        items,
        run: None,
        color,
    };
    let glyphs = &line.glyphs;
    let mut i = 0;
    while i < glyphs.len() {
        let g = &glyphs[i];
        let face = fonts.face(g.font);
        if is_blank(g) {
            i += 1;
            continue;
        }
        match g.orientation {
            Orientation::Upright => {
                let w = g.size * face.advance(g.gid) * scale;
                let y = top + g.x + g.size * face.v_origin(g.gid);
                runs.push(g, (scale, false), (axis - w / 2.0, y));
                i += 1;
            }
            Orientation::Sideways => {
                let centre = (face.ascender + face.descender) / 2.0;
                runs.push(g, (1.0, true), (axis - g.size * centre, top + g.x));
                i += 1;
            }
            Orientation::Combined => {
                let end = (i..glyphs.len())
                    .find(|&j| glyphs[j].orientation != Orientation::Combined)
                    .unwrap_or(glyphs.len());
                combined(&mut runs, fonts, &glyphs[i..end], (axis, top), scale);
                i = end;
            }
        }
    }
    runs.flush();
    runs.items.push(Item::EndSpan);
}

/// A combined run (縦中横): its glyphs side by side across the line in one frame,
/// squeezed horizontally to the frame's width (an em, times the head's scale) when
/// wider, on the ideographic baseline of the frame.
fn combined(
    runs: &mut Runs,
    fonts: &FontBook,
    glyphs: &[crate::linebreak::PlacedGlyph],
    (axis, top): (Pt, Pt),
    scale: f64,
) {
    let Some(first) = glyphs.first() else { return };
    let size = first.size;
    let natural: Pt = glyphs
        .iter()
        .map(|g| g.size * fonts.face(g.font).advance(g.gid))
        .sum();
    let fit = if natural.0 > 0.0 {
        (size * scale / natural).min(scale)
    } else {
        scale
    };
    let baseline = top + first.frame_x + size * IDEOGRAPHIC_ASCENT;
    let mut x = axis - natural * fit / 2.0;
    for g in glyphs {
        runs.push(g, (fit, false), (x, baseline));
        x += g.size * fonts.face(g.font).advance(g.gid) * fit;
    }
}

/// Glyph runs being gathered: a new run starts when the face, size, scale or turn
/// changes.
struct Runs<'a> {
    items: &'a mut Vec<Item>,
    run: Option<GlyphRun>,
    color: Color,
}

impl Runs<'_> {
    fn push(
        &mut self,
        g: &crate::linebreak::PlacedGlyph,
        (scale, sideways): (f64, bool),
        (x, y): (Pt, Pt),
    ) {
        let same = self.run.as_ref().is_some_and(|r| {
            r.font == g.font && r.size == g.size && r.scale == scale && r.sideways == sideways
        });
        if !same {
            self.flush();
            self.run = Some(GlyphRun {
                scale,
                sideways,
                ..GlyphRun::new(g.font, g.size, self.color)
            });
        }
        if let Some(r) = self.run.as_mut() {
            r.glyphs.push(Glyph {
                id: g.gid,
                x,
                y,
                text: g.text.clone(),
            });
        }
    }

    fn flush(&mut self) {
        if let Some(r) = self.run.take() {
            self.items.push(Item::Text(r));
        }
    }
}
