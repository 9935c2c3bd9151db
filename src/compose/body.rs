//! An article's body set block by block: each paragraph in its style (face, size,
//! indents, hanging indent) with its inline runs as composer spans, each subhead, and
//! the closing byline, broken into lines at their measures.
//!
//! In: the article's blocks and the page's paragraph styles. Out: one [`Set`] per block,
//! its lines and where they start in the column; flowing them is [`super::flow`]'s job.
//! The composer sees a paragraph as one text of several runs, so kinsoku, punctuation
//! compression, Han–Latin space and justification work across face changes as within
//! one face.

use super::flow::{Piece, PieceKind};
use super::text::{head_lines, set_lines};
use super::Ctx;
use crate::diag::{Code, Diagnostic, Diagnostics};
use crate::fonts::{Builtin, FontBook, FontId};
use crate::linebreak::{self, Align, Line, Options, Paragraph, Span, Style};
use crate::resolve::{Article, Block, BlockKind, Face, Hang, Inline, ParStyle};
use crate::units::Pt;

/// A superscript's size, in ems of its paragraph's size.
pub const SUP_SCALE: f64 = 0.6;
/// How far a superscript's baseline is raised, in ems of its paragraph's size: its
/// figures then reach about the top of the ideographs beside them.
pub const SUP_RISE: f64 = 0.36;

/// A piece of the body with its set lines.
pub(super) struct Set {
    pub piece: Piece,
    pub block: usize,
    pub lines: Vec<Line>,
    /// Where the first line starts, from the column's left edge (its first-line indent
    /// is inside the line).
    pub first_x: Pt,
    /// Where the lines after the first start (a hanging indent).
    pub rest_x: Pt,
    /// The paragraph's style (separators between briefs, the rule under a note).
    pub style: Option<ParStyle>,
}

/// The first report of each missing character of a paragraph (a paragraph of 10,000
/// unknown characters is one warning per character, not 10,000).
fn first_of_each(missing: &[linebreak::MissingGlyph]) -> Vec<&linebreak::MissingGlyph> {
    let mut seen = std::collections::BTreeSet::new();
    missing.iter().filter(|m| seen.insert(m.ch)).collect()
}

impl Set {
    fn plain(kind: PieceKind, block: usize, lines: Vec<Line>) -> Set {
        Set {
            piece: Piece::new(kind, lines.len()),
            block,
            lines,
            first_x: Pt::ZERO,
            rest_x: Pt::ZERO,
            style: None,
        }
    }

    /// Where line `i` of the set starts, from the column's left edge.
    pub fn x(&self, i: usize) -> Pt {
        if i == 0 {
            self.first_x
        } else {
            self.rest_x
        }
    }
}

/// Times a hanging indent is corrected to where the first line's text really starts.
const HANG_STEPS: usize = 3;

/// A body paragraph's settings with its style applied.
#[derive(Clone, Copy, Debug)]
struct Setting {
    font: FontId,
    strong: FontId,
    size: Pt,
    indent: Pt,
    left: Pt,
    right: Pt,
    hang: Hang,
}

/// Lines set past an article's free grid lines before the rest is left unset: enough
/// for the flow to see where the text oversets (space around subheads and styled
/// paragraphs included).
const SET_PAST_SLOTS: usize = 8;

/// Breaks the blocks (and the closing byline) into lines, warning about missing
/// glyphs, until `slots` lines (the free grid lines of the article's area) are more
/// than used: what lies beyond cannot be placed, so it is not set (a 4 MiB body costs
/// a page's worth of work). The blocks not set are those after the last [`Set`]; a
/// paragraph set only in part ends before its text does (see [`Set::rest`]).
pub(super) fn set_body(
    cx: &Ctx,
    a: &Article,
    opts: &Options,
    measure: Pt,
    slots: usize,
    warnings: &mut Diagnostics,
) -> Vec<Set> {
    let Ctx { fonts, frame, .. } = *cx;
    let g = &frame.grid;
    let budget = slots + SET_PAST_SLOTS;
    let mut used = 0;
    let mut sets: Vec<Set> = Vec::new();
    for (bi, block) in a.blocks.iter().enumerate() {
        if used > budget {
            return sets;
        }
        let set = match block.kind {
            BlockKind::Subhead => {
                let lines = head_lines(
                    fonts,
                    &block.text,
                    Builtin::HeiBold.id(),
                    g.body_size,
                    measure,
                    Align::Center,
                    opts,
                );
                Set::plain(PieceKind::Subhead, bi, lines)
            }
            BlockKind::Paragraph => {
                let (set, missing) = set_paragraph(cx, a, bi, measure, opts, budget + 1 - used);
                for m in first_of_each(&missing) {
                    warnings.push(
                        Diagnostic::new(
                            Code::TextMissingGlyph,
                            format!(
                                "the character {} (U+{:04X}) is not in the face it is set in",
                                m.ch,
                                u32::from(m.ch)
                            ),
                        )
                        .at(block.loc.clone())
                        .context(format!("article `{}`, paragraph {}", a.id, bi + 1))
                        .hint(super::checks::MISSING_GLYPH_HINT),
                    );
                }
                set
            }
        };
        used += set.lines.len() + set.piece.space_above + set.piece.space_below;
        sets.push(set);
    }
    if used > budget {
        return sets;
    }
    if let (Some(by), true) = (&a.byline, a.byline_at_end) {
        // The byline closes the article, flush right, on as many lines as it needs.
        let lines = set_lines(
            fonts,
            by,
            Builtin::Hei.id(),
            g.body_size,
            measure,
            Align::End,
            opts,
        );
        sets.push(Set::plain(PieceKind::Byline, a.blocks.len(), lines));
    }
    sets
}

/// Sets paragraph `bi` in its style: its first line at the full measure less the side
/// indents, the others less the hanging indent too.
fn set_paragraph(
    cx: &Ctx,
    a: &Article,
    bi: usize,
    column: Pt,
    opts: &Options,
    max_lines: usize,
) -> (Set, Vec<linebreak::MissingGlyph>) {
    let block = &a.blocks[bi];
    let s = setting(cx, a, block);
    let par = Paragraph {
        spans: spans(block, &s),
        indent: s.indent,
        align: Align::Justify,
    };
    let full = column - s.left - s.right;
    // A paragraph continued from another page starts with a turnover line.
    let first_hangs = block.continued;
    let first = hang_width(cx.fonts, &par, &s, opts);
    // Only as much of the paragraph is set as `max_lines` lines could hold; when that
    // is not all of it, a line more than they hold comes back, so the flow sees the
    // overset, and the last line ends before the text does.
    let mut chars = (max_lines + 2) * chars_per_line(full, s.size);
    let (lines, hang, missing) = loop {
        let (part, whole) = leading_part(&par, chars);
        let prepared = linebreak::prepare(&part, cx.fonts, opts);
        let break_at = |hang: Pt| {
            prepared.break_lines(&|i: usize| {
                if i == 0 && !first_hangs {
                    full
                } else {
                    full - hang
                }
            })
        };
        let (mut lines, hang) = settle_hang(&break_at, first, auto_hang(&block.text, &s));
        if whole || lines.len() > max_lines + 1 {
            if !whole {
                lines.truncate(max_lines + 1);
                if let Some(l) = lines.last_mut() {
                    l.last = false;
                }
            }
            break (lines, hang, prepared.missing);
        }
        chars *= 2;
    };
    let style = block.style.map(|st| cx.model.styles.get(st));
    let set = Set {
        piece: Piece {
            space_above: style.map_or(0, |p| p.space_above),
            space_below: style.map_or(0, |p| p.space_below),
            ..Piece::new(PieceKind::Paragraph, lines.len())
        },
        block: bi,
        lines,
        first_x: if first_hangs { s.left + hang } else { s.left },
        rest_x: s.left + hang,
        style: block.style,
    };
    (set, missing)
}

/// The most characters a line of `width` at `size` could hold, generously: a
/// quarter-em each (the narrowest Latin letters and compressed marks).
fn chars_per_line(width: Pt, size: Pt) -> usize {
    const NARROWEST_EM: f64 = 0.25;
    (width.0 / (size.0 * NARROWEST_EM).max(0.1)).ceil().max(1.0) as usize
}

/// The first `chars` characters of a paragraph (all of it when it is shorter), and
/// whether that is all of it.
fn leading_part(par: &Paragraph, chars: usize) -> (std::borrow::Cow<'_, Paragraph>, bool) {
    let total: usize = par.spans.iter().map(|s| s.text.len()).sum();
    if total <= chars {
        return (std::borrow::Cow::Borrowed(par), true); // bytes ≥ characters
    }
    let mut left = chars;
    let mut spans = Vec::new();
    for span in &par.spans {
        let n = span.text.chars().count();
        if n > left {
            let end = span
                .text
                .char_indices()
                .nth(left)
                .map_or(span.text.len(), |(i, _)| i);
            spans.push(Span {
                text: span.text[..end].to_string(),
                style: span.style,
            });
            return (
                std::borrow::Cow::Owned(Paragraph {
                    spans,
                    ..par.clone()
                }),
                false,
            );
        }
        left -= n;
        spans.push(span.clone());
    }
    (std::borrow::Cow::Borrowed(par), true)
}

/// Breaks at the hanging indent `hang`; for an `auto` hang (`after`: where the text
/// after the number starts) corrects it to where that text starts on the first line
/// as set (justification may have pushed its marks in) and breaks again, which settles
/// in a step or two (突排: the turnover lines start exactly under that text).
fn settle_hang(
    break_at: &dyn Fn(Pt) -> Vec<Line>,
    mut hang: Pt,
    after: Option<usize>,
) -> (Vec<Line>, Pt) {
    let mut lines = break_at(hang);
    let Some(after) = after else {
        return (lines, hang);
    };
    for _ in 0..HANG_STEPS {
        match text_start(&lines, after).filter(|x| (*x - hang).abs().0 > 1e-6) {
            Some(x) => {
                hang = x;
                lines = break_at(hang);
            }
            None => break,
        }
    }
    (lines, hang)
}

/// The article's body settings with the block's paragraph style over them.
fn setting(cx: &Ctx, a: &Article, block: &Block) -> Setting {
    let body = cx.frame.grid.body_size;
    let st = block.style.map(|s| cx.model.styles.get(s));
    let size = st.and_then(|p| p.size).unwrap_or(body);
    let indent_em = st.and_then(|p| p.indent_em).unwrap_or(a.text.indent_em);
    Setting {
        font: st.and_then(|p| p.font).unwrap_or(a.text.font),
        strong: st.and_then(|p| p.strong).unwrap_or(a.text.strong),
        size,
        indent: if block.continued {
            Pt::ZERO
        } else {
            size * indent_em
        },
        left: size * st.map_or(0.0, |p| p.left_em),
        right: size * st.map_or(0.0, |p| p.right_em),
        hang: st.map_or(Hang::None, |p| p.hang),
    }
}

/// The block's text as composer spans: its runs in their faces, the rest plain.
fn spans(block: &Block, s: &Setting) -> Vec<Span> {
    let mut out = Vec::new();
    let mut pos = 0;
    let mut push = |from: usize, to: usize, inline: Inline| {
        if to > from {
            out.push(Span {
                text: block.text[from..to].to_string(),
                style: style_of(inline, s),
            });
        }
    };
    for r in &block.runs {
        push(pos, r.start, Inline::default());
        push(r.start, r.end, r.inline);
        pos = r.end;
    }
    push(pos, block.text.len(), Inline::default());
    out
}

/// The composer style of an inline run in a paragraph set with `s`.
fn style_of(inline: Inline, s: &Setting) -> Style {
    let font = match inline.face {
        Face::Body => s.font,
        Face::Strong => s.strong,
        Face::Font(f) => f,
    };
    if inline.sup {
        Style {
            rise: s.size * SUP_RISE,
            ..Style::new(font, s.size * SUP_SCALE)
        }
    } else {
        Style::new(font, s.size)
    }
}

/// How far the lines after the first are indented beyond the left indent. `auto`: to
/// where the text after the leading number starts on the first line (突排,
/// cjk-rules.md §5 "hanging indent"), measured by setting the number with the character
/// after it, so its punctuation has the width it has in the paragraph.
fn hang_width(fonts: &FontBook, par: &Paragraph, s: &Setting, opts: &Options) -> Pt {
    match s.hang {
        Hang::None => Pt::ZERO,
        Hang::Em(e) => s.size * e,
        Hang::Auto => {
            let text: String = par.spans.iter().map(|sp| sp.text.as_str()).collect();
            let Some(n) = leading_number(&text) else {
                return Pt::ZERO;
            };
            let next = text[n..].chars().next().map_or(n, |c| n + c.len_utf8());
            let probe = Paragraph {
                spans: clip(&par.spans, next),
                indent: par.indent,
                align: Align::Start,
            };
            let lines = linebreak::prepare(&probe, fonts, opts).break_lines(&|_| Pt(1e6));
            lines
                .first()
                .and_then(|l| l.glyphs.last())
                .map_or(Pt::ZERO, |g| g.frame_x)
        }
    }
}

/// For an `auto` hanging indent: the byte offset where the text after the paragraph's
/// leading number starts.
fn auto_hang(text: &str, s: &Setting) -> Option<usize> {
    (s.hang == Hang::Auto)
        .then(|| leading_number(text))
        .flatten()
}

/// Where the glyph at byte `offset` of the paragraph starts on its first line.
fn text_start(lines: &[Line], offset: usize) -> Option<Pt> {
    let first = lines.first()?;
    let mut at = first.start;
    first.glyphs.iter().find_map(|g| {
        let here = at;
        at += g.text.len();
        (here == offset).then_some(g.frame_x)
    })
}

/// The spans cut to the first `len` bytes of their text.
fn clip(spans: &[Span], len: usize) -> Vec<Span> {
    let mut out = Vec::new();
    let mut pos = 0;
    for sp in spans {
        if pos >= len {
            break;
        }
        let take = (len - pos).min(sp.text.len());
        out.push(Span {
            text: sp.text[..take].to_string(),
            style: sp.style,
        });
        pos += sp.text.len();
    }
    out
}

/// The byte length of a paragraph's leading number: 一、 十二、 （1） （一） (1) 1. 1、
/// 1． or one of ① ⑴ ⒈ ㈠. `None` when the paragraph does not start with one.
pub(super) fn leading_number(text: &str) -> Option<usize> {
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let at = |i: usize| chars.get(i).map(|&(_, c)| c);
    let end = |i: usize| chars.get(i).map_or(text.len(), |&(b, _)| b);
    let han_digit = |c: char| "一二三四五六七八九十百零〇两".contains(c);
    let digit = |c: char| c.is_ascii_digit() || ('０'..='９').contains(&c);
    let first = at(0)?;
    if matches!(u32::from(first), 0x2460..=0x249B | 0x3220..=0x3229) {
        return Some(end(1));
    }
    if matches!(first, '（' | '(') {
        let close = if first == '（' { '）' } else { ')' };
        let k = (1..).take_while(|&i| at(i).is_some_and(|c| han_digit(c) || digit(c)));
        let n = k.count();
        return (n > 0 && at(1 + n) == Some(close)).then(|| end(2 + n));
    }
    let n = (0..)
        .take_while(|&i| at(i).is_some_and(|c| han_digit(c) || digit(c)))
        .count();
    let sep = at(n)?;
    let han = (0..n).all(|i| at(i).is_some_and(han_digit));
    let ok = n > 0 && (sep == '、' || (!han && matches!(sep, '.' | '．')));
    ok.then(|| end(n + 1))
}

#[cfg(test)]
mod tests {
    use super::leading_number;

    #[test]
    fn leading_numbers_of_points() {
        fn n(s: &str) -> Option<&str> {
            leading_number(s).map(|b| &s[..b])
        }
        assert_eq!(n("一、坚持"), Some("一、"));
        assert_eq!(n("十二、坚持"), Some("十二、"));
        assert_eq!(n("（1）坚持"), Some("（1）"));
        assert_eq!(n("（十）坚持"), Some("（十）"));
        assert_eq!(n("(2)坚持"), Some("(2)"));
        assert_eq!(n("3.坚持"), Some("3."));
        assert_eq!(n("12、坚持"), Some("12、"));
        assert_eq!(n("①坚持"), Some("①"));
        assert_eq!(n("㈠坚持"), Some("㈠"));
        assert_eq!(n("一是坚持"), None);
        assert_eq!(n("2020年"), None);
        assert_eq!(n("（记者）"), None);
        assert_eq!(n("三.五"), None, "a Chinese numeral takes 、 only");
    }
}
