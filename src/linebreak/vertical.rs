//! Vertical lines (竖排, cjk-rules.md §8): the same paragraph model as a horizontal
//! line, measured along the line from top to bottom instead of from left to right.
//!
//! A vertical line is composed exactly like a horizontal one (cjk-rules.md §8.1–§8.4) — the break opportunities
//! and kinsoku (§2), the punctuation blanks and adjacent-mark compression (§3), push-in
//! and justification (§4) do not depend on the direction — once every unit has its
//! vertical glyph and its extent *along the line*:
//!
//! - **Upright** (ideographs, full-width marks, CJK symbols): the glyph's vertical form
//!   from the face's GSUB `vert`/`vrt2` (，。、 move to the top right of the frame;
//!   “” 《》 （） —— …… turn), its vertical advance (`vmtx`), and for marks the blanks
//!   found from the vertical glyph's ink above and below it. ：；！？ keep their
//!   whole frame (clreq: not adjusted in vertical text).
//! - **Combined** (縦中横, tate-chu-yoko): a run of one or two Latin letters or digits
//!   (`12`, `5G`) shares one upright frame, one em along the line; the composer sets
//!   its glyphs side by side across the line. A single letter or digit takes the
//!   face's full-width form.
//! - **Sideways**: longer Latin words and numbers, and Western punctuation, turn 90°
//!   clockwise and keep their horizontal advances and kerning.
//!
//! Glyph positions of a vertical [`super::Line`] are offsets from the line's top:
//! the top of an upright glyph's frame, the origin of a sideways glyph, the start of a
//! combined glyph's share of its frame.

use super::model::DashInk;
use super::Orientation;
use crate::fonts::FontFace;
use crate::text::{class_of, CharClass};

/// Longest run of Latin letters or digits set upright in one frame (縦中横): `12`,
/// `5G`. Longer runs turn sideways (clreq gives 2–3 digit figures; two keeps every
/// combined frame legible at head sizes).
pub const COMBINE_MAX: usize = 2;

/// How the character at `i` of `chars` stands in a vertical line. `cjk`: the unit is a
/// full-width CJK unit (wide, or ambiguous-width in Chinese text, §1.3).
pub(crate) fn orientation(chars: &[char], i: usize, cjk: bool) -> Orientation {
    let c = chars[i];
    if cjk || upright_by_nature(c) {
        return Orientation::Upright;
    }
    match combined_run(chars, i) {
        Some(_) => Orientation::Combined,
        None => Orientation::Sideways,
    }
}

/// The length of the run of ASCII letters and digits around `i`, when it is short
/// enough to be set in one upright frame.
pub(crate) fn combined_run(chars: &[char], i: usize) -> Option<usize> {
    let word = |c: &char| c.is_ascii_alphanumeric();
    if !word(&chars[i]) {
        return None;
    }
    let before = chars[..i].iter().rev().take_while(|c| word(c)).count();
    let after = chars[i + 1..].iter().take_while(|c| word(c)).count();
    let n = before + 1 + after;
    (n <= COMBINE_MAX).then_some(n)
}

/// Symbols that stand upright in vertical text (UAX #50 `U`) although they are not
/// wide: circled and parenthesised numbers, Roman numerals, letter-like symbols (℃ №),
/// geometric shapes and dingbats (★ ●), and the section and copyright signs.
fn upright_by_nature(c: char) -> bool {
    matches!(
        c as u32,
        0x00A7 | 0x00A9 | 0x00AE | 0x00B1 | 0x00BC..=0x00BE | 0x00D7 | 0x00F7
            | 0x2100..=0x214F
            | 0x2160..=0x2189
            | 0x2460..=0x24FF
            | 0x25A0..=0x27BF
            | 0x2E80..=0x2FFF
            | 0xFE10..=0xFE1F
            | 0xFE30..=0xFE4F
    ) || class_of(c) == CharClass::Ideograph
}

/// The ink of a glyph along a vertical line, in em: the blank above it and below it
/// inside its vertical frame (the frame starts at the vertical origin and is
/// `v_advance` long).
pub(crate) fn ink_bearings(face: &FontFace, gid: u16) -> Option<(f64, f64)> {
    let (y_min, y_max) = face.ink_y(gid)?;
    let upem = face.units_per_em;
    let top = face.v_origin(gid) - y_max / upem;
    let bottom = face.v_advance(gid) - (face.v_origin(gid) - y_min / upem);
    Some((top, bottom))
}

/// The glyph a unit is drawn with upright in a vertical line: its vertical form if the
/// face has one.
pub(crate) fn upright_glyph(face: &FontFace, gid: u16) -> u16 {
    if gid == 0 {
        return 0;
    }
    face.vertical_form(gid).unwrap_or(gid)
}

/// The glyph a one-character combined frame uses: the full-width form (`fwid`) of a
/// letter or digit, so it fills its frame as an ideograph does (clreq: single letters
/// upright in full-width form).
pub(crate) fn combined_glyph(face: &FontFace, gid: u16) -> u16 {
    face.fullwidth(gid).unwrap_or(gid)
}

/// Marks whose blank is not adjusted in vertical text: ：；！？ keep a whole frame
/// (clreq; cjk-rules.md §8.3).
pub(crate) fn keeps_frame(class: CharClass) -> bool {
    matches!(class, CharClass::ColonLike | CharClass::Exclamation)
}

/// The dash rule of a vertical line: the vertical form of the face's 2-em dash (else of
/// its full-width —), with its ink's extent along the line.
pub(crate) fn dash_ink(face: &FontFace, horizontal: Option<DashInk>, size: f64) -> Option<DashInk> {
    let h = horizontal?;
    let gid = face.vertical_form(h.gid)?;
    let (top, bottom) = ink_bearings(face, gid)?;
    Some(DashInk {
        gid,
        adv: face.v_advance(gid) * size,
        left: top * size,
        right: bottom * size,
    })
}
