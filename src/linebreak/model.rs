//! The paragraph as the breaker sees it: one [`Unit`] per grapheme cluster (glyph,
//! advance, punctuation blanks, push-in and expansion capacity) and one [`Gap`] between
//! neighbours (Han–Latin space, whether inter-character expansion may go there, the
//! break opportunity). Built once by `prepare`; breaking never touches the fonts again.

use super::options::{LatinQuotes, Options, Region};
use super::punct::{self, SQ_INTERPUNCT, SQ_SPACE};
use super::vertical;
use super::{MissingGlyph, Orientation, Paragraph, Style};
use crate::fonts::{FontBook, FontFace, FontId};
use crate::text::{self, class_of, is_wide, Boundary, CharClass};
use std::collections::HashMap;
use unicode_segmentation::UnicodeSegmentation;

/// One grapheme cluster. Lengths are in points (plain `f64` for the inner loops).
#[derive(Clone, Debug)]
pub(crate) struct Unit {
    /// Byte range in the paragraph text.
    pub start: usize,
    pub end: usize,
    pub class: CharClass,
    /// A full-width CJK unit (ideograph or CJK punctuation in Chinese context).
    pub cjk: bool,
    pub font: FontId,
    pub size: f64,
    pub gid: u16,
    /// Width of the unit's frame before any adjustment (the glyph's advance; a dash's
    /// exact 1, 2 or 3 em).
    pub adv: f64,
    /// Extra shift of the glyph inside its frame (a narrow quote set against the text
    /// it encloses).
    pub ink_shift: f64,
    /// A dash of a 2-em or 3-em rule: how it is drawn (see `justify::draw_dashes`).
    pub dash: Option<DashInk>,
    /// Blank the glyph carries on each side that may be removed (cjk-rules.md §3.2).
    pub blank_l: f64,
    pub blank_r: f64,
    /// Blank removed in the natural mid-line setting (preset, adjacency). Negative
    /// values add space (a narrow interpunct centred in its ½-em frame).
    pub cut_l: f64,
    pub cut_r: f64,
    /// What push-in may still remove, and its priority class (`punct::SQ_*`).
    pub squeeze_l: f64,
    pub squeeze_r: f64,
    pub squeeze_class: usize,
    /// A word space: it first widens toward ½ em (`stretch`, clreq's expansion order),
    /// then takes the line's per-gap expansion like an inter-character gap.
    pub stretchy: bool,
    pub stretch: f64,
    /// Removed when the unit ends / starts a line.
    pub end_cut: f64,
    pub start_cut: f64,
    /// 、，。 may hang past the measure (cjk-rules.md §3.6).
    pub hangable: bool,
    /// Spaces and controls: zero width at a line end.
    pub space_like: bool,
    /// Baseline shift of a raised run (superscript), points upwards.
    pub rise: f64,
    /// How the glyph stands in its line (always upright in a horizontal line).
    pub orientation: Orientation,
}

impl Unit {
    /// Mid-line width of the unit's frame.
    pub fn natural(&self) -> f64 {
        self.adv - self.cut_l - self.cut_r
    }

    pub fn has_blank(&self) -> bool {
        self.blank_l + self.blank_r > 0.0
    }
}

/// The glyph that draws a dash rule and its ink, for laying one continuous stroke of
/// exactly the rule's length (cjk-rules.md §3.7).
#[derive(Clone, Copy, Debug)]
pub(crate) struct DashInk {
    /// The longest dash glyph the face has (the 2-em form when it has one).
    pub gid: u16,
    /// Its advance and the ink's left and right side bearings, in points.
    pub adv: f64,
    pub left: f64,
    pub right: f64,
}

/// What may happen at a unit boundary.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) enum Brk {
    Never,
    /// Allowed, with a penalty (cost units).
    Allowed(f64),
    Mandatory,
}

/// The boundary before unit `j` (gap 0 is unused).
#[derive(Clone, Debug)]
pub(crate) struct Gap {
    /// Han–Latin space (cjk-rules.md §6.1) plus pair kerning, dropped at a line edge.
    pub natural: f64,
    /// What push-in may take from the Han–Latin space (to ⅛ em).
    pub shrink: f64,
    /// What a Han–Latin gap may widen before inter-character expansion: up to ¼ em
    /// in all (none when the house space is already ¼ em), so that it never exceeds
    /// ¼ em plus its line's per-gap expansion (cjk-rules.md §6.1).
    pub stretch: f64,
    /// Inter-character expansion may go here (cjk-rules.md §4.2).
    pub expandable: bool,
    /// Emergency spacing may go here when a line has no legal expansion point: never
    /// inside a Latin word, a number or an address (cjk-rules.md §6.2).
    pub spreadable: bool,
    /// A hyphenation point: a line that ends here shows this hyphen (glyph, width).
    pub hyphen: Option<(u16, f64)>,
    pub brk: Brk,
}

/// A Han–Latin gap may open to this many em before the ideograph gaps expand.
const LATIN_STRETCH_TO: f64 = 0.25;

/// A word space may be pushed in to ¼ em (clreq) or, when the font's space is already
/// narrower than that (Noto CJK's is 0.224 em), to this share of it — the 80 % of
/// Latin composition's usual minimum word space.
const SPACE_MIN_SHARE: f64 = 0.8;

/// Penalty for breaking after a hyphen inside a Latin compound ("e-|mail").
const HYPHEN_PENALTY: f64 = 50.0;
/// Penalty for a dictionary hyphenation break (cost units: about what 0.1 em of
/// expansion over ten gaps costs), so that a word is broken only to avoid a loose line.
const HYPHENATION_PENALTY: f64 = 100.0;

/// Glyph look-ups memoised per (font, glyph): full-width form and ink extent.
#[derive(Default)]
struct GlyphCache {
    fwid: HashMap<(FontId, u16), Option<u16>>,
    pwid: HashMap<(FontId, u16), Option<u16>>,
    ink: HashMap<(FontId, u16), Option<(f64, f64)>>,
    vink: HashMap<(FontId, u16), Option<(f64, f64)>>,
    vert: HashMap<(FontId, u16), u16>,
    kern: HashMap<(FontId, u16, u16), f64>,
}

impl GlyphCache {
    fn fullwidth(&mut self, face: &FontFace, font: FontId, gid: u16) -> Option<u16> {
        *self
            .fwid
            .entry((font, gid))
            .or_insert_with(|| face.fullwidth(gid))
    }
    fn proportional(&mut self, face: &FontFace, font: FontId, gid: u16) -> Option<u16> {
        *self
            .pwid
            .entry((font, gid))
            .or_insert_with(|| face.proportional(gid))
    }
    fn kerning(&mut self, face: &FontFace, font: FontId, l: u16, r: u16) -> f64 {
        *self
            .kern
            .entry((font, l, r))
            .or_insert_with(|| face.kerning(l, r) / face.units_per_em)
    }
    fn ink(&mut self, face: &FontFace, font: FontId, gid: u16) -> Option<(f64, f64)> {
        *self
            .ink
            .entry((font, gid))
            .or_insert_with(|| punct::ink_bearings(face, gid))
    }
    /// The glyph drawn upright in a vertical line (its `vert` form, if any).
    fn upright(&mut self, face: &FontFace, font: FontId, gid: u16) -> u16 {
        *self
            .vert
            .entry((font, gid))
            .or_insert_with(|| vertical::upright_glyph(face, gid))
    }
    /// The ink's blanks above and below a glyph in a vertical line.
    fn vertical_ink(&mut self, face: &FontFace, font: FontId, gid: u16) -> Option<(f64, f64)> {
        *self
            .vink
            .entry((font, gid))
            .or_insert_with(|| vertical::ink_bearings(face, gid))
    }
}

/// Characters with ambiguous East-Asian width that take the full-width glyph (`fwid`)
/// in Chinese context (cjk-rules.md §1.3).
fn wants_fullwidth(c: char) -> bool {
    matches!(
        c,
        '“' | '”' | '‘' | '’' | '·' | '‧' | '—' | '⸺' | '⸻' | '…' | '⋯' | '‥'
    )
}

/// Default-ignorable and control characters: kept for the text, no glyph, no width.
fn is_invisible(c: char) -> bool {
    c.is_control()
        || matches!(c as u32, 0x00AD | 0x200B..=0x200F | 0x2028..=0x202E | 0x2060..=0x206F | 0xFEFF)
        || matches!(c as u32, 0xFE00..=0xFE0F | 0xE0100..=0xE01EF)
}

/// Builds units and gaps for a paragraph.
pub(crate) fn build(par: &Paragraph, fonts: &FontBook, opts: &Options) -> Built {
    let text: String = par.spans.iter().map(|s| s.text.as_str()).collect();
    let chars: Vec<char> = text.chars().collect();
    let near = text::Context::new(&chars);
    let mut units = Vec::new();
    let mut missing = Vec::new();
    let mut cache = GlyphCache::default();
    let (mut offset, mut ci) = (0, 0);
    for span in &par.spans {
        let face = fonts.face(span.style.font);
        for (i, g) in span.text.grapheme_indices(true) {
            let start = offset + i;
            let cx = UnitContext {
                chars: &chars,
                near: &near,
                ci,
                style: span.style,
                face,
                opts,
            };
            let u = make_unit(&cx, start, start + g.len(), &mut cache);
            if u.gid == 0 && !is_invisible(chars[ci]) {
                missing.push(MissingGlyph {
                    ch: chars[ci],
                    offset: start,
                });
            }
            units.push(u);
            ci += g.chars().count();
        }
        offset += span.text.len();
    }
    punct::apply_preset(&mut units, opts.punct);
    if opts.punct.adjusts() {
        punct::pair_chained_stops(&mut units);
        punct::compress_adjacent(&mut units, opts.adjacent);
    }
    punct::set_flexibility(
        &mut units,
        opts.punct,
        !opts.keep_line_start_blank,
        opts.region,
    );
    let mut gaps = make_gaps(&text, &units, fonts, &mut cache, opts);
    if opts.strict_grid {
        super::grid::align(&mut units, &mut gaps);
    }
    Built {
        text,
        units,
        gaps,
        missing,
    }
}

pub(crate) struct Built {
    pub text: String,
    pub units: Vec<Unit>,
    pub gaps: Vec<Gap>,
    pub missing: Vec<MissingGlyph>,
}

/// Where a unit is made: its place in the paragraph, its style and face, the settings.
struct UnitContext<'a> {
    chars: &'a [char],
    /// What the neighbours of each character say (context width, Latin quotes).
    near: &'a text::Context,
    ci: usize,
    style: Style,
    face: &'a FontFace,
    opts: &'a Options,
}

impl UnitContext<'_> {
    /// The character stands in Chinese text and takes a full-width form: wide by
    /// nature, or ambiguous-width in Chinese context (cjk-rules.md §1.3) — unless it is
    /// a quote of a wholly Latin phrase or an apostrophe (§6.3) and the house sets
    /// those proportionally.
    fn cjk(&self) -> bool {
        let (chars, ci) = (self.chars, self.ci);
        let c = chars[ci];
        if is_wide(c) {
            return true;
        }
        if !(wants_fullwidth(c) && self.near.in_cjk(ci)) {
            return false;
        }
        let latin = matches!(c, '“' | '”' | '‘' | '’') && self.near.latin_quote(ci);
        !(latin && self.opts.latin_quotes == LatinQuotes::Proportional)
    }
}

fn make_unit(cx: &UnitContext, start: usize, end: usize, cache: &mut GlyphCache) -> Unit {
    let (c, face, opts) = (cx.chars[cx.ci], cx.face, cx.opts);
    let class = class_of(c);
    let size = cx.style.size.0;
    let cjk = cx.cjk();
    let mut u = Unit {
        start,
        end,
        class,
        cjk,
        font: cx.style.font,
        size,
        gid: 0,
        adv: 0.0,
        ink_shift: 0.0,
        dash: None,
        blank_l: 0.0,
        blank_r: 0.0,
        cut_l: 0.0,
        cut_r: 0.0,
        squeeze_l: 0.0,
        squeeze_r: 0.0,
        squeeze_class: SQ_SPACE,
        stretchy: false,
        stretch: 0.0,
        end_cut: 0.0,
        start_cut: 0.0,
        // clreq: Taiwan and Hong Kong, whose pause marks are centred, hang them only in
        // vertical text; in horizontal text only the strict grid (which asks for it) does.
        hangable: matches!(c, '、' | '，' | '。')
            && (!cx.opts.region.centred() || cx.opts.strict_grid || cx.opts.vertical),
        space_like: matches!(class, CharClass::Space | CharClass::IdeographicSpace),
        rise: cx.style.rise.0,
        orientation: Orientation::Upright,
    };
    if is_invisible(c) {
        u.space_like = true;
        return u;
    }
    u.gid = choose_glyph(face, cx.style.font, c, cjk, cache);
    u.adv = face.advance(u.gid) * size;
    // The unit's extent along its line, in em.
    let em_adv = if opts.vertical {
        orient_vertically(cx, &mut u, cache)
    } else {
        face.advance(u.gid)
    };
    if class == CharClass::Ideograph && !opts.strict_grid {
        u.adv += opts.tracking_em * size;
    }
    match class {
        CharClass::Space => {
            // Western word space: push-in to ¼ em (clreq priority 2); widened first, to
            // ½ em, then like every other gap (cjk-rules.md §4.2).
            u.squeeze_r = (u.adv - (0.25 * size).min(SPACE_MIN_SHARE * u.adv)).max(0.0);
            u.squeeze_class = SQ_SPACE;
            u.stretchy = true;
            u.stretch = (0.5 * size - u.adv).max(0.0);
        }
        CharClass::Dash if cjk => {
            // A dash rule is exactly as long as its frames: — 1 em (two make the 2-em
            // dash), ⸺ 2 em, ⸻ 3 em (cjk-rules.md §3.7), whatever the glyph's advance.
            u.adv = dash_frames(c) * size;
            u.dash = dash_ink(face, cx.style.font, cache, size);
            if opts.vertical {
                u.dash = vertical::dash_ink(face, u.dash, size);
            }
            if let (0, Some(ink)) = (u.gid, u.dash) {
                // ⸻ is missing from many CJK faces; it is drawn with the dash glyph.
                u.gid = ink.gid;
            }
        }
        CharClass::Interpunct if cjk && !opts.region.centred() => {
            // Mainland interpunct: fixed ½-em frame, glyph centred (cjk-rules.md §3.1).
            let pad = (u.adv - 0.5 * size) / 2.0;
            u.cut_l = pad;
            u.cut_r = pad;
        }
        CharClass::Interpunct
            if cjk
                && !opts.vertical
                && opts.region == Region::Hk
                && opts.punct.squeezes()
                && em_adv >= 0.9 =>
        {
            // Hong Kong's 1-em interpunct: push-in may take ¼ em from each side, after
            // word spaces and before brackets (clreq's reduction order, cjk-rules.md §4.1).
            u.squeeze_l = 0.25 * size;
            u.squeeze_r = 0.25 * size;
            u.squeeze_class = SQ_INTERPUNCT;
        }
        CharClass::Connector | CharClass::Solidus
            if !opts.vertical && matches!(c, '–' | '/') && between_wide(cx.chars, cx.ci) =>
        {
            // The short connector and the solidus between two Chinese characters: a
            // fixed frame, glyph centred — ½ em on the mainland (GB/T 15834 §5.1.6),
            // a whole one in Taiwan and Hong Kong (clreq; cjk-rules.md §3.1).
            let frame = if opts.region.centred() { 1.0 } else { 0.5 };
            let pad = (u.adv - frame * size) / 2.0;
            u.cut_l = pad;
            u.cut_r = pad;
        }
        CharClass::Exclamation
            if !opts.vertical
                && em_adv < 0.9
                && matches!(c, '‼' | '⁇' | '⁈' | '⁉')
                && cx.near.in_cjk(cx.ci) =>
        {
            // A chained-mark character in Chinese text takes one frame like ？！ set
            // together (cjk-rules.md §3.3); the glyph keeps its corner, its blank on the
            // right, no more of it removable than the glyph leaves free.
            u.adv = size;
            u.blank_r = (1.0 - em_adv).min(0.5) * size;
        }
        CharClass::Opening | CharClass::Closing if cjk && em_adv < 0.9 && wants_fullwidth(c) => {
            frame_narrow_quote(&mut u, em_adv, class == CharClass::Opening);
        }
        _ if opts.vertical && vertical::keeps_frame(class) => {}
        _ if class.has_blank() && (cjk || em_adv >= 0.9) => {
            let ink = if opts.vertical {
                cache.vertical_ink(face, cx.style.font, u.gid)
            } else {
                cache.ink(face, cx.style.font, u.gid)
            };
            let (l, r) = punct::blanks(class, opts.region, em_adv, ink);
            u.blank_l = l * size;
            u.blank_r = r * size;
        }
        _ => {}
    }
    u
}

/// Both neighbours of the character at `i` are wide (Chinese) characters: `男/女`,
/// `成都–重庆`, not `1/2` or `2011–2012`.
fn between_wide(chars: &[char], i: usize) -> bool {
    i > 0 && is_wide(chars[i - 1]) && chars.get(i + 1).is_some_and(|&c| is_wide(c))
}

/// A unit of a vertical line (cjk-rules.md §8): its orientation, the glyph it is drawn
/// with and its advance along the line. Returns that advance in em.
fn orient_vertically(cx: &UnitContext, u: &mut Unit, cache: &mut GlyphCache) -> f64 {
    let (face, size) = (cx.face, cx.style.size.0);
    u.orientation = vertical::orientation(cx.chars, cx.ci, u.cjk);
    match u.orientation {
        Orientation::Upright => {
            u.gid = cache.upright(face, cx.style.font, u.gid);
            u.adv = face.v_advance(u.gid) * size;
        }
        Orientation::Combined => {
            // The run shares one em along the line, whatever its glyphs' widths: the
            // composer fits them across the line.
            let n = vertical::combined_run(cx.chars, cx.ci).unwrap_or(1);
            if n == 1 {
                u.gid = vertical::combined_glyph(face, u.gid);
            }
            u.adv = size / n as f64;
        }
        Orientation::Sideways => {}
    }
    u.adv / size
}

/// The glyph for `c`: the full-width form of an ambiguous-width mark in Chinese text,
/// the proportional form of a quote or apostrophe in Latin text (cjk-rules.md §6.3).
fn choose_glyph(face: &FontFace, font: FontId, c: char, cjk: bool, cache: &mut GlyphCache) -> u16 {
    let gid = face.glyph(c).unwrap_or(0);
    if gid == 0 || !wants_fullwidth(c) {
        return gid;
    }
    let adv = face.advance(gid);
    if cjk && adv < 0.95 {
        return cache.fullwidth(face, font, gid).unwrap_or(gid);
    }
    if !cjk && adv >= 0.9 && matches!(c, '“' | '”' | '‘' | '’') {
        return cache.proportional(face, font, gid).unwrap_or(gid);
    }
    gid
}

/// Frames of a dash in Chinese text: ⸺ two, ⸻ three, — one.
fn dash_frames(c: char) -> f64 {
    match c {
        '⸺' => 2.0,
        '⸻' => 3.0,
        _ => 1.0,
    }
}

/// A curly quote in Chinese text from a face that has only a proportional form (LXGW
/// WenKai's are 0.35 em, with no `fwid`): set in a 1-em frame like a full-width quote,
/// the glyph against the text it encloses and the rest of the frame its blank, of
/// which ½ em may go (jlreq's half-width glyph plus aki model; cjk-rules.md §3.1).
/// The text stays on the character grid whichever face a quotation is set in.
fn frame_narrow_quote(u: &mut Unit, em_adv: f64, opening: bool) {
    let size = u.size;
    u.adv = size;
    if opening {
        u.ink_shift = (1.0 - em_adv) * size;
        u.blank_l = 0.5 * size;
    } else {
        u.blank_r = 0.5 * size;
    }
}

/// The glyph a dash rule is drawn with: the face's 2-em dash (⸺ in its full-width form)
/// if it has one, else its full-width —.
fn dash_ink(face: &FontFace, font: FontId, cache: &mut GlyphCache, size: f64) -> Option<DashInk> {
    let pick = |c: char, cache: &mut GlyphCache| {
        let g = face.glyph(c)?;
        let g = cache.fullwidth(face, font, g).unwrap_or(g);
        let (l, r) = cache.ink(face, font, g)?;
        Some(DashInk {
            gid: g,
            adv: face.advance(g) * size,
            left: l * size,
            right: r * size,
        })
    };
    pick('⸺', cache).or_else(|| pick('—', cache))
}

/// Gaps between neighbours: Han–Latin space, kerning, expansion rules, break
/// opportunities and hyphenation points.
fn make_gaps(
    text: &str,
    units: &[Unit],
    fonts: &FontBook,
    cache: &mut GlyphCache,
    opts: &Options,
) -> Vec<Gap> {
    let analysis = text::analyze(text, opts.strictness);
    let hyphens = hyphen_points(text, opts);
    // Boundaries come in text order, as do units: walk both.
    let mut bounds = analysis.iter().peekable();
    let mut boundary_at = |pos: usize| -> Option<Boundary> {
        while bounds.next_if(|b| b.pos < pos).is_some() {}
        bounds.peek().filter(|b| b.pos == pos).map(|b| **b)
    };
    let mut gaps = Vec::with_capacity(units.len());
    gaps.push(Gap {
        natural: 0.0,
        shrink: 0.0,
        stretch: 0.0,
        expandable: false,
        spreadable: false,
        hyphen: None,
        brk: Brk::Never,
    });
    for j in 1..units.len() {
        let (p, n) = (&units[j - 1], &units[j]);
        let face = fonts.face(p.font);
        let shy = &text[p.start..p.end] == "\u{00AD}";
        let attached = raised_onto(p, n);
        let mut brk = match boundary_at(n.start) {
            Some(b) if b.mandatory => Brk::Mandatory,
            Some(b) if b.allowed && !attached => Brk::Allowed(break_penalty(text, p, n)),
            _ => Brk::Never,
        };
        let mut hyphen = None;
        if (shy && brk != Brk::Never) || hyphens.binary_search(&n.start).is_ok() {
            let g = face.glyph('-').unwrap_or(0);
            hyphen = Some((g, face.advance(g) * p.size));
            if brk == Brk::Never {
                brk = Brk::Allowed(HYPHENATION_PENALTY);
            }
        }
        let mut gap = Gap {
            natural: 0.0,
            shrink: 0.0,
            stretch: 0.0,
            expandable: expandable(p, n) && p.rise == n.rise,
            spreadable: !(word_part(p) && word_part(n)) && p.adv > 0.0 && n.adv > 0.0,
            hyphen,
            brk,
        };
        if latin_spaced(p, n) && p.rise == n.rise {
            // cjk-rules.md §6.1: the house space, reducible to ⅛ em; a line that must
            // stretch may open it to ¼ em first, then it takes what every gap takes.
            let em = p.size.max(n.size);
            let natural = opts.latin_space_em;
            gap.natural = natural * em;
            gap.shrink = (natural - opts.latin_space_min_em.min(natural)) * em;
            gap.stretch = (LATIN_STRETCH_TO - natural).max(0.0) * em;
        }
        if kernable(p, n) {
            gap.natural += cache.kerning(face, p.font, p.gid, n.gid) * p.size;
        }
        if p.orientation == Orientation::Combined || n.orientation == Orientation::Combined {
            // A combined frame is set solid against its neighbours, and its glyphs are
            // fitted across the line by the composer (cjk-rules.md §8).
            gap.natural = 0.0;
            gap.shrink = 0.0;
            gap.stretch = 0.0;
        }
        gaps.push(gap);
    }
    gaps
}

/// A raised run (superscript) starts at `n`: it stays with the character before it,
/// like a note mark with its base (cjk-rules.md §2.5, unbreakable sequences).
fn raised_onto(p: &Unit, n: &Unit) -> bool {
    n.rise > p.rise
}

fn break_penalty(text: &str, p: &Unit, n: &Unit) -> f64 {
    let hyphen = &text[p.start..p.end] == "-" && n.class == CharClass::Letter;
    if hyphen {
        HYPHEN_PENALTY
    } else {
        0.0
    }
}

/// Byte offsets of dictionary hyphenation points (none when the house turned it off).
fn hyphen_points(text: &str, opts: &Options) -> Vec<usize> {
    if !opts.hyphenate || !text.bytes().any(|b| b.is_ascii_alphabetic()) {
        return Vec::new();
    }
    let chars: Vec<char> = text.chars().collect();
    let spans = text::address_spans(&chars);
    text::hyphenation_points(text, &spans)
}

/// Two neighbouring glyphs of Latin text in one face and size: GPOS pair kerning
/// applies (cjk-rules.md §6.2).
fn kernable(p: &Unit, n: &Unit) -> bool {
    p.font == n.font
        && p.size == n.size
        && !p.cjk
        && !n.cjk
        && p.gid != 0
        && n.gid != 0
        && !p.space_like
        && !n.space_like
        && p.class != CharClass::Ideograph
        && n.class != CharClass::Ideograph
}

/// A letter, digit or narrow sign that belongs to a Western word or number.
fn word_part(u: &Unit) -> bool {
    u.class.is_western() || (!u.cjk && !u.space_like && u.class != CharClass::Ideograph)
}

/// Han–Latin space goes between an ideograph and a Western letter or digit (or a
/// narrow sign ending a number, as in `11.6%的`), never beside CJK punctuation.
fn latin_spaced(p: &Unit, n: &Unit) -> bool {
    let western = |u: &Unit| {
        u.class.is_western()
            || (matches!(u.class, CharClass::Postfix | CharClass::Prefix) && !u.cjk)
    };
    // A proportional quote belongs to its Latin phrase (cjk-rules.md §6.3).
    let latin_open = n.class == CharClass::Opening && !n.cjk;
    let latin_close = p.class == CharClass::Closing && !p.cjk;
    (p.class.is_ideographic() && (western(n) || latin_open) && n.class != CharClass::Postfix)
        || ((western(p) || latin_close) && p.class != CharClass::Prefix && n.class.is_ideographic())
}

/// Inter-character expansion (cjk-rules.md §4.2): between character units, never inside
/// `——` `……`, numbers or Latin words, never after an opening or before a closing
/// mark (nor before a pause mark), never beside connectors, solidi and interpuncts,
/// never between two adjacent marks, never at a space (the space stretches itself).
fn expandable(p: &Unit, n: &Unit) -> bool {
    use CharClass::*;
    if p.space_like || n.space_like || p.adv == 0.0 || n.adv == 0.0 {
        return false;
    }
    if p.class == Opening
        || matches!(
            n.class,
            Closing | Comma | FullStop | ColonLike | Exclamation
        )
    {
        return false;
    }
    if p.class == n.class && matches!(p.class, Dash | Ellipsis) {
        return false;
    }
    let fixed = |k: CharClass| matches!(k, Connector | Solidus | Interpunct);
    if fixed(p.class) || fixed(n.class) || (p.has_blank() && n.has_blank()) {
        return false;
    }
    let affix = |k: CharClass| matches!(k, Prefix | Postfix);
    if (affix(p.class) && word_part(n)) || (word_part(p) && affix(n.class)) {
        return false;
    }
    !(word_part(p) && word_part(n))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fonts::Builtin;
    use crate::linebreak::{Align, Span};
    use crate::units::Pt;

    fn built(text: &str, opts: &Options) -> Built {
        let fonts = FontBook::builtin();
        let style = Style::new(Builtin::Song.id(), Pt(10.0));
        let par = Paragraph {
            spans: vec![Span {
                text: text.into(),
                style,
            }],
            indent: Pt::ZERO,
            align: Align::Justify,
        };
        build(&par, &fonts, opts)
    }

    #[test]
    fn adjacent_marks_are_set_in_one_and_a_half_em() {
        let b = built("好。”他", &Options::default());
        let pair = b.units[1].natural() + b.units[2].natural();
        assert!((pair - 15.0).abs() < 1e-9, "{pair}");
        // The blank between the two inks went: 。 lost its right half.
        assert!((b.units[1].natural() - 5.0).abs() < 1e-9);
    }

    #[test]
    fn adjacent_compression_works_across_style_runs() {
        let fonts = FontBook::builtin();
        let song = Style::new(Builtin::Song.id(), Pt(10.0));
        let bold = Style::new(Builtin::SongBold.id(), Pt(10.0));
        let par = Paragraph {
            spans: vec![
                Span {
                    text: "他说：".into(),
                    style: song,
                },
                Span {
                    text: "“好”".into(),
                    style: bold,
                },
            ],
            indent: Pt::ZERO,
            align: Align::Justify,
        };
        let b = build(&par, &fonts, &Options::default());
        let pair = b.units[2].natural() + b.units[3].natural();
        assert!((pair - 15.0).abs() < 1e-9, "{pair}");
    }

    fn spans(parts: &[(&str, Style)]) -> Paragraph {
        Paragraph {
            spans: parts
                .iter()
                .map(|(t, style)| Span {
                    text: (*t).into(),
                    style: *style,
                })
                .collect(),
            indent: Pt::ZERO,
            align: Align::Justify,
        }
    }

    #[test]
    fn corner_bracket_in_kai_and_full_stop_in_song_are_one_adjacent_pair() {
        let fonts = FontBook::builtin();
        let kai = Style::new(Builtin::Kai.id(), Pt(10.0));
        let song = Style::new(Builtin::Song.id(), Pt(10.0));
        let par = spans(&[("他说「好」", kai), ("。然后", song)]);
        let b = build(&par, &fonts, &Options::default());
        assert_eq!(b.units[4].font, Builtin::Kai.id());
        assert_eq!(b.units[5].font, Builtin::Song.id());
        let pair = b.units[4].natural() + b.units[5].natural();
        assert!((pair - 15.0).abs() < 1e-9, "」。 across faces: {pair}");
    }

    #[test]
    fn narrow_quotes_of_a_face_without_full_width_forms_take_a_full_frame() {
        let fonts = FontBook::builtin();
        let kai = Style::new(Builtin::Kai.id(), Pt(10.0));
        let b = build(&spans(&[("说“好”吗", kai)]), &fonts, &Options::default());
        assert!((fonts.face(Builtin::Kai.id()).advance(b.units[1].gid) - 0.35).abs() < 0.01);
        for u in &b.units {
            assert!(
                (u.natural() - 10.0).abs() < 1e-9,
                "every unit 1 em: {}",
                u.natural()
            );
        }
        assert!((b.units[1].blank_l - 5.0).abs() < 1e-9);
        assert!(
            (b.units[1].ink_shift - 6.5).abs() < 1e-6,
            "“ drawn against 好"
        );
        assert!((b.units[3].blank_r - 5.0).abs() < 1e-9);
        assert_eq!(b.units[3].ink_shift, 0.0, "” drawn against 好");
        // In a pair with a song full stop the kai quote compresses like any other.
        let song = Style::new(Builtin::Song.id(), Pt(10.0));
        let b = build(
            &spans(&[("“好”", kai), ("。", song)]),
            &fonts,
            &Options::default(),
        );
        let pair = b.units[2].natural() + b.units[3].natural();
        assert!((pair - 15.0).abs() < 1e-9, "{pair}");
    }

    #[test]
    fn a_raised_run_stays_with_its_base_without_space() {
        let fonts = FontBook::builtin();
        let song = Style::new(Builtin::Song.id(), Pt(10.0));
        let sup = Style {
            rise: Pt(3.6),
            ..Style::new(Builtin::Song.id(), Pt(6.0))
        };
        let par = spans(&[("面积", song), ("2", sup), ("米", song)]);
        let b = build(&par, &fonts, &Options::default());
        assert_eq!(b.gaps[2].brk, Brk::Never, "no break before the superscript");
        assert_eq!(b.gaps[2].natural, 0.0, "no Han–Latin space before it");
        assert_eq!(b.gaps[3].natural, 0.0, "nor after it");
        assert!(!b.gaps[2].expandable && !b.gaps[3].expandable);
        assert!(
            matches!(b.gaps[3].brk, Brk::Allowed(_)),
            "a break after it is fine"
        );
        assert_eq!(b.units[2].rise, 3.6);
        // Without the rise the same digit gets its Han–Latin space and a break before it.
        let flat = build(
            &spans(&[
                ("面积", song),
                ("2", Style::new(Builtin::Song.id(), Pt(6.0))),
                ("米", song),
            ]),
            &fonts,
            &Options::default(),
        );
        assert!(flat.gaps[2].natural > 0.0);
        assert!(matches!(flat.gaps[2].brk, Brk::Allowed(_)));
    }

    #[test]
    fn quotes_use_full_width_glyphs_in_chinese() {
        let b = built("他说“好”", &Options::default());
        assert!((b.units[2].adv - 10.0).abs() < 1e-9);
        assert!((b.units[2].blank_l - 5.0).abs() < 1e-9);
        assert!((b.units[4].blank_r - 5.0).abs() < 1e-9);
    }

    #[test]
    fn han_latin_space_is_a_quarter_em() {
        let b = built("扫描APP二维码", &Options::default());
        assert!((b.gaps[2].natural - 2.5).abs() < 1e-9);
        assert!((b.gaps[5].natural - 2.5).abs() < 1e-9);
        assert!(b.gaps[3].natural.abs() < 0.5, "inside a word only kerning");
        let b = built("数字，1", &Options::default());
        assert_eq!(b.gaps[3].natural, 0.0, "no space beside CJK punctuation");
    }

    #[test]
    fn interpunct_has_a_half_em_frame() {
        let b = built("娜·罗", &Options::default());
        assert!(
            (b.units[1].natural() - 5.0).abs() < 1e-9,
            "{}",
            b.units[1].natural()
        );
    }

    #[test]
    fn kaiming_keeps_stops_full_and_halves_commas() {
        let opts = Options {
            punct: super::super::options::PunctStyle::Kaiming,
            ..Options::default()
        };
        let b = built("一，二。三", &opts);
        assert!((b.units[1].natural() - 5.0).abs() < 1e-9);
        assert!((b.units[3].natural() - 10.0).abs() < 1e-9);
    }

    #[test]
    fn no_expansion_inside_numbers_dashes_or_after_opening() {
        let b = built("约11.6%——“好”", &Options::default());
        assert!(!b.gaps[2].expandable); // 1|1
        assert!(!b.gaps[5].expandable); // 6|%
        assert!(!b.gaps[7].expandable); // —|—
        assert!(!b.gaps[9].expandable); // “|好
        assert!(!b.gaps[10].expandable); // 好|”
    }
}
