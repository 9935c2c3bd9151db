//! One article: its headline stack over its columns, then its body flowed through the
//! free grid lines of those columns (see [`super::flow`]), the byline, and overset
//! reported with a red marker where the text stops.

use super::body::{set_body, Set};
use super::flow::{self, Flowed, Piece, PieceKind, Slot};
use super::heads::place_heads;
use super::jumps::Jump;
use super::text::{emit_line, line_options, set_lines};
use super::{Ctx, Occupied, Out};
use crate::diag::Code;
use crate::diag::{Diagnostic, Diagnostics};
use crate::display::{Cmyk, Color, Item, LineItem, Rect, RectItem, Stroke};
use crate::fonts::Builtin;
use crate::linebreak::{self, Align, Line, LineStats, Options};
use crate::resolve::{Article, BlockKind};
use crate::units::Pt;
use serde::Serialize;

/// Overset marker colour: process red, visible on any proof.
const OVERSET_RED: Color = Color::Process(Cmyk::new(0.0, 1.0, 1.0, 0.0));

/// What happened to one article: fit, overset, balancing, line quality and every set
/// line. Read by `check --json`, the layout dump (and so `diff`), the loose-line
/// warnings and the tests.
#[derive(Clone, Debug, Default, Serialize)]
pub struct ArticleReport {
    /// The article's `id` from the spec.
    pub id: String,
    /// Grid-line slots the body could use, and how many it used.
    pub slots: usize,
    /// Grid-line slots holding a set line (body, subhead, byline or jump line).
    pub slots_used: usize,
    /// Paragraph blocks in the article's body (subheads and the byline not counted).
    pub paragraphs: usize,
    /// Visible (non-space) characters that did not fit; 0 when nothing is overset.
    pub overset_chars: usize,
    /// Slots left empty to avoid widows and orphans; widows/orphans that remain.
    pub spared_slots: usize,
    /// Widows and orphans the flow could not avoid.
    pub widows: usize,
    /// The grid line the balanced columns end above, when the text is short of the area.
    pub balanced_at: Option<usize>,
    /// Tracking copyfit applied to the body, in em (0 when the text fitted as set).
    pub tracking_em: f64,
    /// Characters of the body that their face does not have (each already a located warning).
    #[serde(skip)]
    pub missing: std::collections::BTreeSet<char>,
    /// Empty grid lines at the foot of the article's area after balancing (two or more
    /// are a `layout.underfilled` warning).
    pub empty_lines: usize,
    /// Line-composition quality of the body paragraphs (kinsoku, flushness, spacing).
    pub quality: LineStats,
    /// Every set line in the order it was placed (flow order, then the jump line).
    pub lines: Vec<LineReport>,
}

/// One set line of body text, subhead or byline: where it went and what it says.
#[derive(Clone, Debug, Serialize)]
pub struct LineReport {
    /// Grid column, 0-based, counted across the page's grid (not the article's).
    pub column: usize,
    /// Grid line, 0-based from the top of the type area.
    pub line: usize,
    /// `"body"`, `"subhead"`, `"byline"` or `"jump"` (the （转…版） line saying where the
    /// article continues).
    pub kind: &'static str,
    /// Where the line starts, in points from the media box's left edge.
    pub x: Pt,
    /// The baseline, in points from the media box's top (a subhead's is half a grid
    /// line lower than the grid's baseline).
    pub baseline: Pt,
    /// The measure the line was set to, in points.
    pub measure: Pt,
    /// Where its last glyph ends, in points from `x` (equals `measure` when justified;
    /// a hung mark is not counted).
    pub width: Pt,
    /// Index of the block in the article's body (the byline counts as one past the last).
    pub block: usize,
    /// The block's last line.
    pub last: bool,
    /// The line's characters as set.
    pub text: String,
    /// Inter-character expansion per gap of a justified line, in em (cjk-rules.md §4.3:
    /// above 0.25 the line is loose, above 0.5 it is a warning).
    pub stretch_em: f64,
}

/// Empty grid lines at the foot of an article's area from which its underfill is a
/// warning (a 开天窗): one blank line reads as space, two as a hole.
const UNDERFILL_LINES: usize = 2;

pub fn draw(
    cx: &Ctx,
    a: &Article,
    occupied: &[Occupied],
    out: &mut Out,
    jumps: &mut Vec<Jump>,
) -> ArticleReport {
    let opts = line_options(&a.text);
    let area = super::frames::area(cx, a);
    let heads = place_heads(cx, a, &area, occupied, &opts, out);
    let slots = super::shape::slots(&a.shape, (area.top, area.bottom), occupied, &heads);
    let body_top = slots.iter().map(|s| s.line).min().unwrap_or(area.top);
    let (sets, mut flowed, opts) = fit_body(cx, a, opts, area.measure, &slots, out);
    // A jump takes what does not fit to another page, with （转…版） in the last slot.
    let split = flowed
        .overset
        .and_then(|_| super::jumps::split(a, &sets, &slots));
    if let Some(s) = &split {
        flowed = s.flowed.clone();
    }
    let body: Vec<Line> = sets
        .iter()
        .filter(|s| s.piece.kind == PieceKind::Paragraph)
        .flat_map(|s| s.lines.iter().cloned())
        .collect();
    let mut report = ArticleReport {
        id: a.id.clone(),
        slots: slots.len(),
        paragraphs: a
            .blocks
            .iter()
            .filter(|b| b.kind == BlockKind::Paragraph)
            .count(),
        spared_slots: flowed.spared,
        widows: flowed.widows,
        balanced_at: flowed.limit,
        quality: linebreak::stats(&body, &opts),
        tracking_em: opts.tracking_em,
        missing: unset_chars(&sets),
        ..Default::default()
    };
    emit(cx, a, &area, &sets, &flowed, out, &mut report);
    super::decor::separators(cx, a, &sets, &flowed, &opts, out);
    super::loose::warn(cx, a, &report, out);
    if cx.frame.grid.column_rules {
        let set: Vec<(usize, usize)> = report.lines.iter().map(|l| (l.column, l.line)).collect();
        // Only between two columns the article's body has at that line (not in a cut-out
        // of its shape, not beside its heads).
        let body =
            |c: usize, l: usize| a.shape.contains(c, l) && !heads.iter().any(|h| h.contains(c, l));
        let rules = super::rules::Columns {
            xs: &area.xs,
            measure: area.measure,
            first: area.first,
            body: &body,
        };
        super::rules::column_rules(cx, &rules, &set, occupied, out);
    }
    match split {
        Some(s) => {
            let block = a.blocks.len(); // after the last block, like a closing byline
            emit_jump_line(cx, &area, &s, block, &opts, out, &mut report);
            jumps.push(s.jump);
        }
        None => match flowed.overset {
            Some((piece, line)) => overset(cx, a, &sets, piece, line, out, &mut report),
            None => underfill(cx, a, body_top, &slots, &flowed, out, &mut report),
        },
    }
    report
}

/// Counts the empty grid lines at the foot of the article's area after balancing and
/// warns from [`UNDERFILL_LINES`] on, boxing the empty lines on the proof.
fn underfill(
    cx: &Ctx,
    a: &Article,
    body_top: usize,
    slots: &[Slot],
    flowed: &Flowed,
    out: &mut Out,
    report: &mut ArticleReport,
) {
    let Some(foot) = slots.iter().map(|s| s.line + 1).max() else {
        return;
    };
    let end = match (flowed.placements.is_empty(), flowed.limit) {
        (true, _) => body_top,
        (false, Some(limit)) => limit,
        (false, None) => flowed
            .placements
            .iter()
            .map(|p| p.slot.line + 1)
            .max()
            .unwrap_or(foot),
    };
    let empty = foot.saturating_sub(end);
    report.empty_lines = empty;
    if empty < UNDERFILL_LINES {
        return;
    }
    // The empty lines column by column: in a shape, not every column reaches the foot
    // or starts at the top, so columns with the same empty lines are named together.
    let mut groups: Vec<((usize, usize), (usize, usize))> = Vec::new(); // columns, lines
    let mut columns: Vec<usize> = slots.iter().map(|s| s.column).collect();
    columns.dedup();
    for c in columns {
        let unset = slots.iter().filter(|s| s.column == c && s.line >= end);
        let Some(lines) = unset.fold(None, |acc: Option<(usize, usize)>, s| {
            Some(acc.map_or((s.line, s.line), |(lo, hi)| {
                (lo.min(s.line), hi.max(s.line))
            }))
        }) else {
            continue;
        };
        match groups.last_mut() {
            Some((cols, l)) if *l == lines && cols.1 + 1 == c => cols.1 = c,
            _ => groups.push(((c, c), lines)),
        }
    }
    let Some(first) = groups.first().map(|g| g.0 .0) else {
        return;
    };
    let last = groups.last().map_or(first, |g| g.0 .1);
    let top = groups.iter().map(|g| g.1 .0).min().unwrap_or(end);
    let named: Vec<String> = groups
        .iter()
        .map(|((c0, c1), (l0, l1))| {
            let lines = match l0 == l1 {
                true => format!("line {l0}"),
                false => format!("lines {l0} to {l1}"),
            };
            match c0 == c1 {
                true => format!("{lines} of column {}", c0 + 1),
                false => format!("{lines} of columns {} to {}", c0 + 1, c1 + 1),
            }
        })
        .collect();
    out.warnings.push(
        Diagnostic::new(
            Code::LayoutUnderfilled,
            format!(
                "article `{}` ends {empty} grid lines above the foot of its area: {} are empty",
                a.id,
                named.join(", ")
            ),
        )
        .at(a.loc.clone())
        .hint("add text, or shorten the article's `height` and give the lines to another story, a photo or a box")
        .on_page(cx.frame.rect(first, last + 1 - first, top, foot - top)),
    );
}

/// The characters of what `set_body` left unset (past what the area could take): the
/// rest of a paragraph set in part, the blocks after the last set, the closing byline.
fn unset_chars_after(a: &Article, sets: &[Set], visible: impl Fn(&str) -> usize) -> usize {
    let Some(last) = sets.last() else {
        return a.blocks.iter().map(|b| visible(&b.text)).sum();
    };
    let rest_of_last = match (a.blocks.get(last.block), last.lines.last()) {
        (Some(b), Some(l)) if last.piece.kind == PieceKind::Paragraph => {
            b.text.get(l.end..).map_or(0, &visible)
        }
        _ => 0,
    };
    let later = a
        .blocks
        .iter()
        .skip(last.block + 1)
        .map(|b| visible(&b.text))
        .sum::<usize>();
    let byline = match (&a.byline, a.byline_at_end, last.piece.kind) {
        (Some(by), true, kind) if kind != PieceKind::Byline => visible(by),
        _ => 0,
    };
    rest_of_last + later + byline
}

/// Characters set as .notdef (gid 0) in the body paragraphs: those their face does not have, each
/// already warned about with its paragraph by `set_body`.
fn unset_chars(sets: &[Set]) -> std::collections::BTreeSet<char> {
    let paragraphs = sets.iter().filter(|s| s.piece.kind == PieceKind::Paragraph);
    let glyphs = paragraphs.flat_map(|s| &s.lines).flat_map(|l| &l.glyphs);
    glyphs
        .filter(|g| g.gid == 0)
        .filter_map(|g| g.text.chars().next())
        .filter(|c| !c.is_whitespace())
        .collect()
}

/// Copyfit step: tracking is tightened a two-hundredth of an em at a time.
const TRACKING_STEP: f64 = 0.005;

/// Sets and flows the body; when it is overset and the article allows copyfit, tightens
/// the tracking step by step (never past the allowed limit) until the text fits. The
/// grid is never touched: the same lines, only more characters on each.
fn fit_body(
    cx: &Ctx,
    a: &Article,
    mut opts: Options,
    measure: Pt,
    slots: &[Slot],
    out: &mut Out,
) -> (Vec<Set>, Flowed, Options) {
    let limit = a.copyfit_tracking.unwrap_or(0.0);
    loop {
        let mut found = Diagnostics::default();
        let sets = set_body(cx, a, &opts, measure, slots.len(), &mut found);
        let pieces: Vec<Piece> = sets.iter().map(|s| s.piece).collect();
        let flowed = flow::flow(&pieces, slots);
        let next = opts.tracking_em - TRACKING_STEP;
        if flowed.overset.is_none() || next < limit - 1e-9 {
            out.warnings.extend(found);
            return (sets, flowed, opts);
        }
        opts.tracking_em = next;
    }
}

fn emit(
    cx: &Ctx,
    a: &Article,
    area: &super::frames::Area,
    sets: &[Set],
    flowed: &Flowed,
    out: &mut Out,
    report: &mut ArticleReport,
) {
    let Ctx { frame, fonts, .. } = *cx;
    let Out { items, .. } = out;
    let g = &frame.grid;
    for pl in &flowed.placements {
        let set = &sets[pl.piece];
        let l = &set.lines[pl.line];
        let (kind, shift) = match set.piece.kind {
            // A subhead's lines are centred in its block: half a line lower than the grid.
            PieceKind::Subhead => ("subhead", g.line_pitch / 2.0),
            PieceKind::Paragraph => ("body", Pt::ZERO),
            PieceKind::Byline => ("byline", Pt::ZERO),
        };
        let (x, baseline) = (
            area.column_x(pl.slot.column) + set.x(pl.line),
            frame.baseline(pl.slot.line) + shift,
        );
        emit_line(items, l, x, baseline, Color::BLACK);
        if let Some(b) = a.blocks.get(set.block).filter(|_| kind == "body") {
            let cell_bottom = frame.y(pl.slot.line + 1);
            super::decor::emphasis_dots(fonts, l, &b.runs, (x, baseline), cell_bottom, items);
        }
        if a.subhead_rules && set.piece.kind == PieceKind::Subhead {
            subhead_ornament(l, x, baseline, items);
        }
        report.slots_used += 1;
        report.lines.push(LineReport {
            column: pl.slot.column,
            line: pl.slot.line,
            kind,
            x,
            baseline,
            measure: l.measure,
            width: l.width,
            block: set.block,
            last: pl.line + 1 == set.lines.len(),
            text: l.text(),
            stretch_em: super::loose::stretch_em(l),
        });
    }
}

/// Hairlines from the column edges to a subhead's text, at the height of the middle of
/// its ideographs, with an em of air (at least 2 pt of rule on each side, or none).
fn subhead_ornament(l: &Line, x: Pt, baseline: Pt, items: &mut Vec<Item>) {
    let (Some(first), Some(last)) = (l.glyphs.first(), l.glyphs.last()) else {
        return;
    };
    let gap = first.size * 0.5;
    let y = baseline - first.size * 0.38;
    let spans = [
        (x, x + first.x - gap),
        (x + last.x + last.advance + gap, x + l.measure),
    ];
    for (from, to) in spans {
        if (to - from).0 >= 2.0 {
            items.push(Item::Line(LineItem {
                from: (from, y),
                to: (to, y),
                stroke: Stroke {
                    color: Color::BLACK,
                    width: Pt(0.5),
                },
                dash: None,
            }));
        }
    }
}

/// （转…版）, flush right in the slot kept for it.
fn emit_jump_line(
    cx: &Ctx,
    area: &super::frames::Area,
    s: &super::jumps::Split,
    block: usize,
    opts: &Options,
    out: &mut Out,
    report: &mut ArticleReport,
) {
    let Ctx { fonts, frame, .. } = *cx;
    let Out { items, .. } = out;
    let g = &frame.grid;
    let text = super::jumps::jump_line(&s.jump.to);
    let lines = set_lines(
        fonts,
        &text,
        Builtin::Hei.id(),
        g.body_size,
        area.measure,
        Align::End,
        opts,
    );
    let Some(l) = lines.first() else { return };
    let (x, baseline) = (area.column_x(s.slot.column), frame.baseline(s.slot.line));
    emit_line(items, l, x, baseline, Color::BLACK);
    report.slots_used += 1;
    report.lines.push(LineReport {
        column: s.slot.column,
        line: s.slot.line,
        kind: "jump",
        x,
        baseline,
        measure: l.measure,
        width: l.width,
        block,
        last: true,
        text: l.text(),
        stretch_em: super::loose::stretch_em(l),
    });
}

/// Reports text that did not fit and marks the spot on the page in red.
fn overset(
    cx: &Ctx,
    a: &Article,
    sets: &[Set],
    piece: usize,
    line: usize,
    out: &mut Out,
    report: &mut ArticleReport,
) {
    let Ctx { frame, .. } = *cx;
    let Out { items, warnings } = out;
    let visible = |t: &str| t.chars().filter(|c| !c.is_whitespace()).count();
    let set_lines: usize = sets[piece].lines[line.min(sets[piece].lines.len())..]
        .iter()
        .chain(sets[piece + 1..].iter().flat_map(|s| &s.lines))
        .map(|l| visible(&l.text()))
        .sum();
    let left = set_lines + unset_chars_after(a, sets, visible);
    report.overset_chars = left;
    let g = &frame.grid;
    if let Some(last) = report.lines.last() {
        let size = g.body_size * 0.8;
        let rect = Rect::new(
            last.x + last.measure - size,
            last.baseline + g.body_size * 0.2,
            size,
            size * 0.5,
        );
        items.push(Item::Rect(RectItem {
            rect,
            fill: Some(OVERSET_RED),
            stroke: None,
        }));
    }
    let block = sets[piece].block;
    warnings.push(
        Diagnostic::new(
            Code::TextOverset,
            format!(
                "article `{}` is overset: {left} characters do not fit",
                a.id
            ),
        )
        .at(a
            .blocks
            .get(block)
            .and_then(|b| b.loc.clone())
            .or_else(|| a.loc.clone()))
        .context(match a.blocks.get(block) {
            Some(_) => format!("article `{}`, from paragraph {}", a.id, block + 1),
            None => format!("article `{}`, its byline", a.id),
        })
        .hint("cut the text, give the article more lines or columns, or make its photos smaller"),
    );
}
