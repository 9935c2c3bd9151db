//! Setting a cell's text. Figures (a number, a score, a change with its sign) are set
//! here, on one line that never breaks (cjk-rules.md §2.5: numbers are unbreakable),
//! each digit in a box as wide as the face's widest digit so that columns of figures
//! line up (tabular figures by equal advances: the built-in faces have no `tnum`).
//! Everything else goes through the body's line composer ([`crate::linebreak`]):
//! kinsoku, punctuation compression, no 孤字 where avoidable.
//!
//! In: a cell's text and style. Out: [`Measure`] (its narrowest and widest setting, for
//! the column widths) and then its [`Line`]s at the column's width, glyphs positioned
//! from the left edge of the cell's text box.

use crate::fonts::{FontBook, FontId};
use crate::linebreak::{self, Align, Line, Options, PlacedGlyph, Prepared};
use crate::units::Pt;
use std::borrow::Cow;
use std::collections::HashMap;

pub use crate::resolve::is_figures;

/// The minus sign (U+2212), what a hyphen-minus before a figure becomes.
pub const MINUS: char = '\u{2212}';
/// The shortest line a cell's text is broken into, in em of its size.
const MIN_LINE_EM: f64 = 4.0;
/// Width given to a line that must not break when it is measured.
const UNBOUNDED: f64 = 1.0e6;

/// The two widths a cell's text can be set in.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Measure {
    /// The widest unbreakable piece (min-content).
    pub min: f64,
    /// The whole text on one line (max-content).
    pub max: f64,
}

/// How a cell is set.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct CellStyle {
    /// The face.
    pub font: FontId,
    /// The type size.
    pub size: Pt,
    /// Digits of equal width.
    pub tabular: bool,
}

/// A cell's text ready to set: figures by hand, words by the composer.
pub enum Setter {
    /// A number or score: one line, never broken.
    Figures(Line),
    /// Text: measured once, broken at the column's width.
    Words(Box<Words>),
}

/// Text for the composer, with its setting on one line (its widest).
pub struct Words {
    prepared: Prepared,
    size: Pt,
    /// The text at an unbounded measure: one line (more after a hard line break).
    unbounded: Vec<Line>,
}

/// A hyphen-minus that is a sign (at the start, or after a space, bracket, slash or
/// tilde, and before a figure) becomes the minus sign −; a hyphen between figures
/// (5-3, 2024-05-01) stays.
pub fn real_minus(text: &str) -> Cow<'_, str> {
    if !text.contains('-') {
        return Cow::Borrowed(text);
    }
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len() + 2);
    for (i, &c) in chars.iter().enumerate() {
        let before_ok = i == 0
            || matches!(
                chars[i - 1],
                ' ' | '(' | '（' | '/' | '~' | '～' | '\u{2007}'
            );
        let after_ok = chars
            .get(i + 1)
            .is_some_and(|n| n.is_ascii_digit() || *n == '.');
        if c == '-' && before_ok && after_ok {
            out.push(MINUS);
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// The sign of a figure: `Some(1)` a rise (a leading +, or a positive value), `Some(-1)`
/// a fall, `Some(0)` or `None` neither.
pub fn sign(text: &str) -> Option<i8> {
    let t = text.trim();
    let first = t.chars().next()?;
    if first == '+' {
        return Some(1);
    }
    if first == '-' || first == MINUS {
        return t[first.len_utf8()..]
            .chars()
            .any(|c| c.is_ascii_digit() && c != '0')
            .then_some(-1);
    }
    let number: String = t
        .chars()
        .take_while(|c| c.is_ascii_digit() || *c == '.' || *c == ',')
        .filter(|c| *c != ',')
        .collect();
    let v: f64 = number.parse().ok()?;
    Some(if v > 0.0 { 1 } else { 0 })
}

/// Glyph look-ups for cells of figures, done once per face and character: the widest
/// digit of each face (in em), and each character's glyph and advance (in em).
#[derive(Default)]
pub struct FigureWidths {
    em: HashMap<FontId, f64>,
    glyphs: HashMap<(FontId, char), (u16, f64)>,
}

impl FigureWidths {
    fn em(&mut self, fonts: &FontBook, font: FontId) -> f64 {
        *self
            .em
            .entry(font)
            .or_insert_with(|| figure_em(fonts, font))
    }

    fn glyph(&mut self, fonts: &FontBook, font: FontId, c: char) -> (u16, f64) {
        *self.glyphs.entry((font, c)).or_insert_with(|| {
            let face = fonts.face(font);
            let gid = face.glyph(c).unwrap_or(0);
            (gid, face.advance(gid))
        })
    }
}

impl Setter {
    /// Prepares a cell's text in a style. Lines are set solid, ragged (a cell's measure
    /// is not a whole number of characters: justified, its lines would be spaced out),
    /// and aligned in the cell afterwards.
    pub fn new(
        fonts: &FontBook,
        text: &str,
        style: CellStyle,
        opts: &Options,
        figs: &mut FigureWidths,
    ) -> Setter {
        if is_figures(text) {
            return Setter::Figures(figures(fonts, text, style, figs));
        }
        let par =
            crate::compose::text::paragraph(text, style.font, style.size, Pt::ZERO, Align::Start);
        let prepared = linebreak::prepare(&par, fonts, opts);
        let unbounded = prepared.break_lines(&|_| Pt(UNBOUNDED));
        Setter::Words(Box::new(Words {
            prepared,
            size: style.size,
            unbounded,
        }))
    }

    /// The widest setting (the whole text on one line); the narrowest is worked out
    /// only when the table needs it ([`Setter::narrowest`]).
    pub fn measure(&self) -> Measure {
        let max = match self {
            Setter::Figures(l) => l.width.0,
            Setter::Words(w) => widest(&w.unbounded),
        };
        Measure { min: max, max }
    }

    /// The narrowest setting: broken at every opportunity each line is one unbreakable
    /// piece; but a cell is not broken into lines shorter than a few characters (a
    /// team's or a company's name stays on one line): short of room the table shrinks.
    pub fn narrowest(&self) -> f64 {
        match self {
            Setter::Figures(l) => l.width.0,
            Setter::Words(w) => {
                let max = widest(&w.unbounded);
                let pieces = widest(&w.prepared.break_lines(&|_| Pt::ZERO));
                pieces.max(w.size.0 * MIN_LINE_EM).min(max)
            }
        }
    }

    /// Where the text set on one line aligns on `ch`, and that line's width.
    pub fn anchor(&self, ch: char) -> Option<(f64, f64)> {
        let line = match self {
            Setter::Figures(l) => l,
            Setter::Words(w) => w.unbounded.first()?,
        };
        anchor(line, ch).map(|a| (a, line.width.0))
    }

    /// The lines at a width, from the start edge: figures on their one line, words as
    /// the composer breaks them (on one line when they fit, or when `one_line`: a cell
    /// aligned on a character).
    pub fn into_lines(self, width: f64, one_line: bool) -> Vec<Line> {
        match self {
            Setter::Figures(l) => vec![l],
            Setter::Words(w) => {
                let fits = w.unbounded.len() == 1 && widest(&w.unbounded) <= width + 1e-6;
                if one_line || fits {
                    w.unbounded
                } else {
                    w.prepared.break_lines(&|_| Pt(width.max(0.0)))
                }
            }
        }
    }
}

/// The widest of some lines.
fn widest(lines: &[Line]) -> f64 {
    lines.iter().fold(0.0_f64, |m, l| m.max(l.width.0))
}

/// Where a line aligns on `ch`: the start of its first `ch`; for the decimal point in a
/// number without one, the end of its last digit (so 12 stands over 12.5's 12). `None`
/// when the line has neither.
pub fn anchor(line: &Line, ch: char) -> Option<f64> {
    if let Some(g) = line.glyphs.iter().find(|g| g.text.starts_with(ch)) {
        return Some(g.frame_x.0);
    }
    if ch == '.' {
        return line
            .glyphs
            .iter()
            .rev()
            .find(|g| g.text.chars().next().is_some_and(|c| c.is_ascii_digit()))
            .map(|g| (g.x + g.advance).0);
    }
    None
}

/// Widths of the widest digit of each face, in em, computed once per face.
fn figure_em(fonts: &FontBook, font: FontId) -> f64 {
    let face = fonts.face(font);
    ('0'..='9')
        .filter_map(|c| face.glyph(c))
        .map(|g| face.advance(g))
        .fold(0.0, f64::max)
}

/// Sets figures on one line. With tabular figures every digit, sign and figure space
/// takes the widest digit's advance, its glyph centred in it.
fn figures(fonts: &FontBook, text: &str, style: CellStyle, figs: &mut FigureWidths) -> Line {
    let size = style.size;
    let fig = size * figs.em(fonts, style.font);
    let mut x = Pt::ZERO;
    let mut glyphs = Vec::with_capacity(text.len());
    for (i, c) in text.char_indices() {
        let (gid, adv_em) = figs.glyph(fonts, style.font, c);
        let adv = size * adv_em;
        let boxed = style.tabular && (c.is_ascii_digit() || matches!(c, '+' | MINUS | '\u{2007}'));
        let frame = if boxed { fig } else { adv };
        let inset = if boxed { (fig - adv) / 2.0 } else { Pt::ZERO };
        glyphs.push(PlacedGlyph {
            font: style.font,
            size,
            gid,
            x: x + inset,
            advance: frame - inset,
            text: text[i..i + c.len_utf8()].to_string(),
            frame_x: x,
            rise: Pt::ZERO,
            orientation: crate::linebreak::Orientation::Upright,
        });
        x += frame;
    }
    // Spaces at either end take no room.
    let width = x;
    Line {
        glyphs,
        measure: width,
        width,
        size,
        last: true,
        justified: false,
        hung: false,
        hyphenated: false,
        adjustment: Pt::ZERO,
        ratio: 0.0,
        expansion: Pt::ZERO,
        start: 0,
        end: text.len(),
    }
}

/// Moves a line's glyphs by `dx` (aligning it in its cell).
pub fn shift(line: &mut Line, dx: f64) {
    for g in &mut line.glyphs {
        g.x += Pt(dx);
        g.frame_x += Pt(dx);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fonts::Builtin;

    #[test]
    fn a_sign_before_a_figure_becomes_a_minus_and_a_dash_between_figures_stays() {
        assert_eq!(real_minus("-0.87"), "\u{2212}0.87");
        assert_eq!(real_minus("(-3)"), "(\u{2212}3)");
        assert_eq!(real_minus("5-3"), "5-3");
        assert_eq!(real_minus("-"), "-");
        assert_eq!(real_minus("-5~3℃"), "\u{2212}5~3℃");
    }

    #[test]
    fn numbers_scores_and_changes_are_figures_words_are_not() {
        for f in [
            "12.35",
            "\u{2212}0.87",
            "1,234.5",
            "120\u{2236}108",
            "45/20",
            "+2.1%",
            "-3℃",
        ] {
            assert!(is_figures(f), "{f}");
        }
        for w in ["山东泰山", "第28轮", "—", "", "%"] {
            assert!(!is_figures(w), "{w}");
        }
    }

    #[test]
    fn signs_read_rises_and_falls() {
        assert_eq!(sign("+1.2"), Some(1));
        assert_eq!(sign("\u{2212}0.87"), Some(-1));
        assert_eq!(sign("-0.00"), None);
        assert_eq!(sign("3.5%"), Some(1));
        assert_eq!(sign("0.00"), Some(0));
        assert_eq!(sign("停牌"), None);
    }

    #[test]
    fn tabular_figures_have_equal_advances() {
        let fonts = FontBook::builtin();
        let style = CellStyle {
            font: Builtin::Song.id(),
            size: Pt(10.0),
            tabular: true,
        };
        let a = figures(&fonts, "111", style, &mut FigureWidths::default());
        let b = figures(&fonts, "808", style, &mut FigureWidths::default());
        assert!(
            (a.width.0 - b.width.0).abs() < 1e-9,
            "{} vs {}",
            a.width,
            b.width
        );
        let prop = figures(
            &fonts,
            "111",
            CellStyle {
                tabular: false,
                ..style
            },
            &mut FigureWidths::default(),
        );
        assert!(prop.width.0 < a.width.0, "the song face's 1 is narrow");
        assert!(a.glyphs.iter().all(|g| g.gid != 0));
    }

    #[test]
    fn the_decimal_anchor_of_an_integer_is_after_its_last_digit() {
        let fonts = FontBook::builtin();
        let style = CellStyle {
            font: Builtin::Song.id(),
            size: Pt(10.0),
            tabular: true,
        };
        let whole = figures(&fonts, "12", style, &mut FigureWidths::default());
        let dec = figures(&fonts, "12.5", style, &mut FigureWidths::default());
        let (a, b) = (anchor(&whole, '.').unwrap(), anchor(&dec, '.').unwrap());
        assert!((a - b).abs() < 1e-9);
    }
}
