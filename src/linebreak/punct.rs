//! The punctuation width model (cjk-rules.md §3): each full-width mark is a glyph plus a
//! blank on a known side of its 1-em frame. GB corner positions (§3.1): pause/stop marks
//! 、，。：；！？ and closing marks carry the blank on the right, opening marks on the
//! left. The preset decides the natural width, adjacent marks are compressed (§3.3),
//! and the line edges trim what is left (§3.4) — see `model.rs` for where each applies.

use super::model::Unit;
use super::options::{Adjacent, PunctStyle, Region};
use crate::fonts::FontFace;
use crate::text::CharClass;

/// Push-in priority classes (clreq's reduction order, cjk-rules.md §4.1). Index into
/// the shrink arrays; the cost weights in `knuth_plass.rs` follow the same order.
pub(crate) const SQ_SPACE: usize = 0; // (2) Western word spaces, to ≥ ¼ em
pub(crate) const SQ_INTERPUNCT: usize = 1; // (3) a 1-em interpunct (Hong Kong), both sides to ½ em
pub(crate) const SQ_BRACKET: usize = 2; // (4) before opening / after closing brackets
pub(crate) const SQ_COMMA: usize = 3; // (5) commas, enumeration commas, colons, semicolons
pub(crate) const SQ_LATIN: usize = 4; // (6) Han–Latin spacing, to ≥ ⅛ em
pub(crate) const SQ_STOP: usize = 5; // (7) 。？！ last
pub(crate) const SQ_CLASSES: usize = 6;

/// The side of the frame that holds a mark's blank.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Side {
    /// Blank before the ink: opening marks (（「《“), in every region.
    Left,
    /// Blank after the ink: closing marks everywhere, and the pause/stop marks
    /// (、，。：；！？) in the GB corner position.
    Right,
    /// Centred mark: a quarter em each side.
    Both,
}

/// The expected blank side by class and region (cjk-rules.md §3.1, §3.2). `None`:
/// the class has no adjustable blank.
pub fn expected_side(class: CharClass, region: Region) -> Option<Side> {
    use CharClass::*;
    match class {
        Opening => Some(Side::Left),
        Closing => Some(Side::Right),
        Comma | FullStop | ColonLike | Exclamation => Some(match region {
            Region::Tw | Region::Hk => Side::Both,
            _ => Side::Right,
        }),
        _ => None,
    }
}

/// The ink extent of a glyph in em: (left side bearing, right blank) inside its advance.
pub fn ink_bearings(face: &FontFace, gid: u16) -> Option<(f64, f64)> {
    let (x_min, x_max) = face.ink_x(gid)?;
    let adv = face.advance_units(gid);
    let upem = face.units_per_em;
    Some((x_min / upem, (adv - x_max) / upem))
}

/// Minimum blank, as a fraction of the advance, that confirms the expected side.
/// (LXGW WenKai's ？ leaves 0.498 em; anything near ½ is a corner-positioned mark.)
const SIDE_EVIDENCE: f64 = 0.45;

/// Removable blank (left, right) in em for a full-width mark of `class`, checked
/// against the glyph's ink: a font that centres the mark gets ¼ em each side, a
/// glyph whose ink leaves no room gets none. Proportional glyphs (< 0.9 em) have none.
pub fn blanks(
    class: CharClass,
    region: Region,
    adv_em: f64,
    ink: Option<(f64, f64)>,
) -> (f64, f64) {
    let Some(side) = expected_side(class, region) else {
        return (0.0, 0.0);
    };
    if adv_em < 0.9 {
        return (0.0, 0.0);
    }
    let half = adv_em / 2.0;
    let Some((l, r)) = ink else { return (0.0, 0.0) }; // no outline: nothing to place
    let centred = l >= adv_em * 0.2 && r >= adv_em * 0.2;
    match side {
        Side::Left if l >= adv_em * SIDE_EVIDENCE => (half, 0.0),
        Side::Right if r >= adv_em * SIDE_EVIDENCE => (0.0, half),
        _ if centred => (half / 2.0, half / 2.0),
        _ => (0.0, 0.0),
    }
}

/// Push-in class of a mark's blank.
pub(crate) fn squeeze_class(class: CharClass) -> usize {
    match class {
        CharClass::Opening | CharClass::Closing => SQ_BRACKET,
        CharClass::FullStop | CharClass::Exclamation => SQ_STOP,
        _ => SQ_COMMA,
    }
}

/// The preset sets this mark at half width even mid-line (cjk-rules.md §3.5).
fn half_by_preset(style: PunctStyle, class: CharClass) -> bool {
    match style {
        PunctStyle::Banjiao => true,
        PunctStyle::Kaiming => !matches!(class, CharClass::FullStop | CharClass::Exclamation),
        _ => false,
    }
}

/// Applies the preset's natural widths to every mark with a blank.
pub(crate) fn apply_preset(units: &mut [Unit], style: PunctStyle) {
    for u in units.iter_mut().filter(|u| u.blank_l + u.blank_r > 0.0) {
        if half_by_preset(style, u.class) {
            u.cut_l = u.blank_l;
            u.cut_r = u.blank_r;
        }
    }
}

/// Adjacent marks (cjk-rules.md §3.3): two marks that would take 2 em are set in
/// 1.5 em (or 1 em). The blanks between the two inks go first (the first mark's right,
/// then the second's left), so each bracket stays tight against the text it encloses;
/// for the 1-em target the outer blanks go too. Works across style runs: units are
/// one sequence whatever span they came from.
pub(crate) fn compress_adjacent(units: &mut [Unit], target: Adjacent) {
    for i in 1..units.len() {
        let (left, right) = units.split_at_mut(i);
        let (a, b) = (&mut left[i - 1], &mut right[0]);
        if !(a.has_blank() && b.has_blank()) {
            continue;
        }
        let limit = target.em() * a.size.max(b.size);
        let mut excess = a.natural() + b.natural() - limit;
        excess -= take(&mut a.cut_r, a.blank_r, excess);
        excess -= take(&mut b.cut_l, b.blank_l, excess);
        if target == Adjacent::One {
            excess -= take(&mut b.cut_r, b.blank_r, excess);
            take(&mut a.cut_l, a.blank_l, excess);
        }
    }
}

/// Chained question and exclamation marks (cjk-rules.md §3.3; clreq, citing GB/T
/// 15834): `？！`, `！！` share one frame, three take two. Each pair of corner-positioned
/// marks in a run loses both right blanks (two half-width inks in one frame); an odd
/// last mark keeps its own frame. Centred (Taiwan, Hong Kong) marks are left alone.
pub(crate) fn pair_chained_stops(units: &mut [Unit]) {
    let chained =
        |u: &Unit| u.class == CharClass::Exclamation && u.blank_l == 0.0 && u.blank_r > 0.0;
    let mut i = 0;
    while i < units.len() {
        let run = units[i..].iter().take_while(|u| chained(u)).count();
        for u in &mut units[i..i + run - run % 2] {
            u.cut_r = u.blank_r;
        }
        i += run.max(1);
    }
}

/// Raises `cut` toward `blank` by up to `want`; returns how much it took.
fn take(cut: &mut f64, blank: f64, want: f64) -> f64 {
    if want <= 1e-9 {
        return 0.0;
    }
    let t = (blank - *cut).clamp(0.0, want);
    *cut += t;
    t
}

/// After the preset and adjacency: what push-in may still take, what a line end and a
/// line start remove (cjk-rules.md §3.4).
///
/// Taiwan (cjk-rules.md §3.2): a centred pause mark keeps its full frame mid-line and
/// at the line end — many Taiwanese publications never adjust them; only where marks
/// meet (`，「`) is the blank between the inks compressed.
pub(crate) fn set_flexibility(
    units: &mut [Unit],
    style: PunctStyle,
    trim_start: bool,
    region: Region,
) {
    for u in units.iter_mut().filter(|u| u.has_blank()) {
        let (rest_l, rest_r) = (u.blank_l - u.cut_l, u.blank_r - u.cut_r);
        if region == Region::Tw && u.class.is_pause() {
            continue;
        }
        if region.centred() && u.class == CharClass::Exclamation {
            // clreq: Taiwan and Hong Kong ？！ always take a whole frame in horizontal
            // text (cjk-rules.md §3.2); only adjacency (§3.3) touches them.
            continue;
        }
        if style.squeezes() {
            u.squeeze_l = rest_l;
            u.squeeze_r = rest_r;
            u.squeeze_class = squeeze_class(u.class);
        }
        if style.adjusts() && u.class != CharClass::Opening {
            u.end_cut = rest_r;
        }
        if style.adjusts() && trim_start && u.class == CharClass::Opening {
            u.start_cut = rest_l;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fonts::{Builtin, FontBook};

    /// The table of blank sides agrees with the ink of every mark in the built-in
    /// Song and Hei faces (GB corner positions): no mark is assumed, each is measured.
    #[test]
    fn blank_sides_match_the_font() {
        let book = FontBook::builtin();
        for b in [
            Builtin::Song,
            Builtin::SongBold,
            Builtin::Hei,
            Builtin::HeiBold,
        ] {
            let face = book.face(b.id());
            for c in "，。、：；！？“”‘’（）《》〈〉【】〖〗〔〕［］｛｝".chars()
            {
                let class = crate::text::class_of(c);
                let mut gid = face.glyph(c).unwrap();
                if face.advance(gid) < 0.9 {
                    gid = face.fullwidth(gid).unwrap_or(gid);
                }
                let ink = ink_bearings(face, gid);
                let got = blanks(class, Region::Gb, face.advance(gid), ink);
                let want = match expected_side(class, Region::Gb).unwrap() {
                    Side::Left => (0.5, 0.0),
                    Side::Right => (0.0, 0.5),
                    Side::Both => (0.25, 0.25),
                };
                assert_eq!(got, want, "{} {c} ink {ink:?}", face.name);
            }
        }
    }

    #[test]
    fn proportional_marks_have_no_blank() {
        assert_eq!(
            blanks(CharClass::Comma, Region::Gb, 0.3, Some((0.05, 0.1))),
            (0.0, 0.0)
        );
    }

    #[test]
    fn centred_marks_get_quarter_em_each_side() {
        let b = blanks(CharClass::Exclamation, Region::Tw, 1.0, Some((0.4, 0.4)));
        assert_eq!(b, (0.25, 0.25));
    }
}
