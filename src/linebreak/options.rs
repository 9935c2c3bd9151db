//! Settings of the line composer. `Options::default()` is clreq strict, quanjiao, GB
//! corner positions, adjacent marks in 1.5 em, ¼-em Han–Latin space, no hanging.

pub use crate::text::Strictness;
use crate::units::Pt;

/// Punctuation width presets (cjk-rules.md §3.5; the ctex/xeCJK names).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum PunctStyle {
    /// 全角: every mark 1 em; adjacent marks 1.5 em; line-end marks ½ em.
    #[default]
    Quanjiao,
    /// 开明: 。？！ keep 1 em, the other marks ½ em.
    Kaiming,
    /// 半角: every mark ½ em.
    Banjiao,
    /// 行末半角: marks 1 em, only a line-end mark ½ em.
    Hangmobanjiao,
    /// No adjustment at all: marks 1 em everywhere, no compression.
    Plain,
}

impl PunctStyle {
    /// Every preset, in spec-name order (the order an unknown name's message lists them).
    pub const ALL: [PunctStyle; 5] = [
        PunctStyle::Quanjiao,
        PunctStyle::Kaiming,
        PunctStyle::Banjiao,
        PunctStyle::Hangmobanjiao,
        PunctStyle::Plain,
    ];

    /// The name a spec uses (`punctuation = "…"`), lowercase; [`PunctStyle::from_name`]
    /// reads it back.
    pub fn name(self) -> &'static str {
        match self {
            PunctStyle::Quanjiao => "quanjiao",
            PunctStyle::Kaiming => "kaiming",
            PunctStyle::Banjiao => "banjiao",
            PunctStyle::Hangmobanjiao => "hangmobanjiao",
            PunctStyle::Plain => "plain",
        }
    }

    /// Parses `quanjiao`, `kaiming`, `banjiao`, `hangmobanjiao`, `plain` (case-insensitive).
    pub fn from_name(name: &str) -> Option<PunctStyle> {
        let n = name.trim().to_ascii_lowercase();
        PunctStyle::ALL.into_iter().find(|p| p.name() == n)
    }

    /// Marks may be squeezed below their natural width to justify a line (push-in).
    pub(crate) fn squeezes(self) -> bool {
        !matches!(self, PunctStyle::Plain | PunctStyle::Banjiao)
    }

    /// Line-edge and adjacent-mark adjustments apply at all.
    pub(crate) fn adjusts(self) -> bool {
        self != PunctStyle::Plain
    }
}

/// Where punctuation sits in its frame and how it is compressed (cjk-rules.md §3.1,
/// §3.2). The spec's `region = "cn" | "tw" | "hk"`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, serde::Serialize)]
pub enum Region {
    /// Mainland (GB/T 15834): pause marks in the lower-left corner of the frame, the
    /// blank on the right; interpunct in a ½-em frame.
    #[default]
    Gb,
    /// Taiwan: pause marks centred in the frame, ¼ em of blank each side; interpunct
    /// 1 em.
    Tw,
    /// Hong Kong: centred pause marks as in Taiwan.
    Hk,
    /// Japan: jlreq half-width + aki model (corner positions, like GB).
    Jp,
}

impl Region {
    /// Every region, in spec-name order.
    pub const ALL: [Region; 4] = [Region::Gb, Region::Tw, Region::Hk, Region::Jp];

    /// The name a spec uses.
    pub fn name(self) -> &'static str {
        match self {
            Region::Gb => "cn",
            Region::Tw => "tw",
            Region::Hk => "hk",
            Region::Jp => "jp",
        }
    }

    /// Parses `cn` (also `gb`), `tw`, `hk`, `jp` (case-insensitive).
    pub fn from_name(name: &str) -> Option<Region> {
        let n = name.trim().to_ascii_lowercase();
        if n == "gb" {
            return Some(Region::Gb);
        }
        Region::ALL.into_iter().find(|r| r.name() == n)
    }

    /// Pause and stop marks sit in the centre of the frame (cjk-rules.md §3.1).
    pub fn centred(self) -> bool {
        matches!(self, Region::Tw | Region::Hk)
    }
}

/// The house space between Han characters and Latin letters or European digits
/// (cjk-rules.md §6.1). Mainland dailies set `12月5日` and `2024赛季` solid (`None`).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, serde::Serialize)]
pub enum LatinSpace {
    /// No space: the Latin run is set solid against the Han characters.
    None,
    /// ⅛ em (CSS `text-autospace`).
    Eighth,
    /// ⅙ em, a thin space.
    Sixth,
    /// ¼ em (clreq's and jlreq's figure).
    #[default]
    Quarter,
}

impl LatinSpace {
    /// Every setting, in spec-name order.
    pub const ALL: [LatinSpace; 4] = [
        LatinSpace::None,
        LatinSpace::Eighth,
        LatinSpace::Sixth,
        LatinSpace::Quarter,
    ];

    /// The name a spec uses.
    pub fn name(self) -> &'static str {
        match self {
            LatinSpace::None => "none",
            LatinSpace::Eighth => "eighth",
            LatinSpace::Sixth => "sixth",
            LatinSpace::Quarter => "quarter",
        }
    }

    /// Parses `none`, `eighth`, `sixth`, `quarter` (also `1/8`, `1/6`, `1/4`, `0`).
    pub fn from_name(name: &str) -> Option<LatinSpace> {
        let n = name.trim().to_ascii_lowercase();
        let n = match n.as_str() {
            "0" | "off" => "none",
            "1/8" => "eighth",
            "1/6" => "sixth",
            "1/4" => "quarter",
            other => other,
        };
        LatinSpace::ALL.into_iter().find(|s| s.name() == n)
    }

    /// The space in em.
    pub fn em(self) -> f64 {
        match self {
            LatinSpace::None => 0.0,
            LatinSpace::Eighth => 0.125,
            LatinSpace::Sixth => 1.0 / 6.0,
            LatinSpace::Quarter => 0.25,
        }
    }
}

/// How quotation marks around a wholly Latin phrase, and ’ between Latin letters, are
/// set (cjk-rules.md §6.3).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, serde::Serialize)]
pub enum LatinQuotes {
    /// Proportional glyphs from the font's Latin forms (clreq).
    #[default]
    Proportional,
    /// Full width like every quote in Chinese text (a house that wants one look).
    Full,
}

/// What two adjacent marks are set in (cjk-rules.md §3.3).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, serde::Serialize)]
pub enum Adjacent {
    /// 2 em → 1.5 em (the default in clreq and GB/T 15834 practice).
    #[default]
    OneAndHalf,
    /// 2 em → 1 em.
    One,
}

impl Adjacent {
    /// The most two adjacent marks may take together, in em of the larger one's size.
    pub fn em(self) -> f64 {
        match self {
            Adjacent::OneAndHalf => 1.5,
            Adjacent::One => 1.0,
        }
    }
}

/// Settings of the line composer. The spec's `[page.text]` keys (and an article's or a
/// layout's `[text]`) map onto them in `compose::text::line_options`: `strictness`,
/// `punctuation` (as `punct`), `hanging`, `latin_space`, `hyphenate`, `latin_quotes`,
/// `strict_grid`, `region`.
#[derive(Clone, Debug)]
pub struct Options {
    /// Kinsoku level (default clreq strict).
    pub strictness: Strictness,
    /// Punctuation width preset (default quanjiao).
    pub punct: PunctStyle,
    /// Adjacent-mark compression target (default 1.5 em).
    pub adjacent: Adjacent,
    /// Hang 、，。 into the margin at line end (cjk-rules.md §3.6; off by default).
    pub hanging: bool,
    /// Space between Han characters and Western letters or digits (cjk-rules.md §6.1),
    /// in em of the larger neighbour: ¼ by default; 0 turns it off. When a line must
    /// stretch, these gaps take the same share as every other legal gap, no more.
    pub latin_space_em: f64,
    /// What push-in may reduce it to (⅛ em, clreq priority 6; never more than the
    /// natural space).
    pub latin_space_min_em: f64,
    /// Hyphenate long English words (en-US patterns, cjk-rules.md §6.2) when that
    /// gives better lines. On by default.
    pub hyphenate: bool,
    /// Quotes around a wholly Latin phrase and ’ inside a Latin word: proportional
    /// (default) or forced full width.
    pub latin_quotes: LatinQuotes,
    /// Strict character grid (clreq's two-axis grid, cjk-rules.md §7.2): every ideograph
    /// on the column's character pitch; runs of punctuation and Latin are padded to
    /// whole frames. Off by default.
    pub strict_grid: bool,
    /// Regional punctuation positions (default GB).
    pub region: Region,
    /// Keep the ½-em blank of an opening bracket at a line start (default: trim it,
    /// cjk-rules.md §3.4 and §5.1, also right after the first-line indent).
    pub keep_line_start_blank: bool,
    /// An opening bracket right after the first-line indent always loses its ½ em, even
    /// when the first line then has to be expanded. Default: it may keep the blank
    /// instead of expanding (see `Prepared::metrics`).
    pub strict_indent_trim: bool,
    /// Allow a paragraph to end with a lone character (孤字); off by default.
    pub allow_orphans: bool,
    /// Tracking: extra advance (negative: less) for every ideograph, in em. Copyfit
    /// uses small values (±0.05 em) to make a text fit its area; 0 by default.
    pub tracking_em: f64,
    /// Set the lines top to bottom (竖排, cjk-rules.md §8): vertical glyph forms,
    /// vertical advances, Latin turned sideways or combined upright. Off by default.
    pub vertical: bool,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            strictness: Strictness::default(),
            punct: PunctStyle::default(),
            adjacent: Adjacent::default(),
            hanging: false,
            latin_space_em: LatinSpace::Quarter.em(),
            latin_space_min_em: 0.125,
            hyphenate: true,
            latin_quotes: LatinQuotes::Proportional,
            strict_grid: false,
            region: Region::default(),
            keep_line_start_blank: false,
            strict_indent_trim: false,
            allow_orphans: false,
            tracking_em: 0.0,
            vertical: false,
        }
    }
}

impl Options {
    /// 、，。 may hang past the line end: when asked (`hanging`), and always on the
    /// strict grid, where clreq recommends hanging a line-end mark as the way to keep
    /// the characters on the pitch (cjk-rules.md §7.2).
    pub fn hangs(&self) -> bool {
        self.hanging || self.strict_grid
    }
}

/// Grid mode (cjk-rules.md §7.1): a column measure should be a whole number of body
/// ems. Returns a warning when it is not (more than 0.01 em off).
pub fn grid_warning(measure: Pt, body_size: Pt) -> Option<String> {
    if body_size.0 <= 0.0 {
        return None;
    }
    let chars = measure.0 / body_size.0;
    let off = (chars - chars.round()).abs();
    (off > 0.01).then(|| {
        format!(
            "measure {measure} is {chars:.2} characters of {body_size}; a grid column should hold a whole number ({})",
            chars.round()
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn preset_names_round_trip() {
        for p in PunctStyle::ALL {
            assert_eq!(PunctStyle::from_name(p.name()), Some(p));
        }
        assert_eq!(PunctStyle::from_name("KaiMing"), Some(PunctStyle::Kaiming));
        assert_eq!(PunctStyle::from_name("cct"), None);
    }

    #[test]
    fn defaults_are_clreq_strict_quanjiao() {
        let o = Options::default();
        assert_eq!(o.strictness, Strictness::Strict);
        assert_eq!(o.punct, PunctStyle::Quanjiao);
        assert_eq!(o.adjacent.em(), 1.5);
        assert!(!o.hanging);
        assert_eq!(o.latin_space_em, 0.25);
        assert_eq!(o.region, Region::Gb);
    }

    #[test]
    fn grid_mode_warns_on_fractional_measure() {
        assert!(grid_warning(Pt(126.0), Pt(9.0)).is_none());
        assert!(grid_warning(Pt(130.0), Pt(9.0)).is_some());
    }
}
