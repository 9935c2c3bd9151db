//! Strictness levels (禁则级别) and the character sets each level keeps away from the
//! start or the end of a line: clreq's four levels (cjk-rules.md §2.1), jlreq's four
//! (§2.2), and CSS `line-break` keywords as a compatibility mapping (§2.3).

use super::classes::CharClass::{self, *};

/// How strictly line-start and line-end prohibitions are applied.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum Strictness {
    /// Plain UAX #14 (Unicode 17 rules, CJ resolved to NS), no tailoring. For the
    /// conformance test and for comparison; not a typesetting level.
    Uax14,
    /// clreq 不处理 "none": no prohibitions between Chinese characters (common in
    /// Taiwan/Hong Kong newspapers). Latin words and numbers still stay whole.
    Unrestricted,
    /// clreq 基本处理 "basic": pause/stop marks, closing marks, connectors, interpuncts
    /// and solidi never start a line; opening marks never end one.
    Basic,
    /// clreq GB法: basic, plus a solidus never ends a line.
    Gb,
    /// clreq 严格处理 "strict": GB, plus the 2-em dash and the ellipsis never start a
    /// line. The default for newspaper body text.
    #[default]
    Strict,
    /// jlreq "very strict" (general publications).
    JisVeryStrict,
    /// jlreq "strict" (the jlreq default): small kana, ー and 々 may start a line.
    JisStrict,
    /// jlreq "loose" (magazines): also hyphens, ・, 々, split `……`, break before %.
    JisLoose,
    /// jlreq "very loose" (Japanese newspapers): also ?!, middle dots, iteration
    /// marks, split inseparables, breaks beside numeric prefixes and postfixes.
    JisVeryLoose,
    /// CSS `line-break: strict` (UAX #14 with CJ as NS).
    CssStrict,
    /// CSS `line-break: normal` for zh/ja content.
    CssNormal,
    /// CSS `line-break: loose` for zh/ja content.
    CssLoose,
}

impl Strictness {
    /// Every level, in the order the "unknown strictness" hint lists their names;
    /// [`Strictness::from_name`] searches it.
    pub const ALL: [Strictness; 12] = [
        Strictness::Uax14,
        Strictness::Unrestricted,
        Strictness::Basic,
        Strictness::Gb,
        Strictness::Strict,
        Strictness::JisVeryStrict,
        Strictness::JisStrict,
        Strictness::JisLoose,
        Strictness::JisVeryLoose,
        Strictness::CssStrict,
        Strictness::CssNormal,
        Strictness::CssLoose,
    ];

    /// The name a spec uses.
    pub fn name(self) -> &'static str {
        match self {
            Strictness::Uax14 => "uax14",
            Strictness::Unrestricted => "none",
            Strictness::Basic => "basic",
            Strictness::Gb => "gb",
            Strictness::Strict => "strict",
            Strictness::JisVeryStrict => "jis-very-strict",
            Strictness::JisStrict => "jis-strict",
            Strictness::JisLoose => "jis-loose",
            Strictness::JisVeryLoose => "jis-very-loose",
            Strictness::CssStrict => "css-strict",
            Strictness::CssNormal => "css-normal",
            Strictness::CssLoose => "css-loose",
        }
    }

    /// Parses a spec name: `none`, `basic`, `gb`, `strict`, `jis-very-strict`,
    /// `jis-strict`, `jis-loose`, `jis-very-loose` (also spelled `jlreq-…`),
    /// `css-strict`, `css-normal`, `css-loose`, `uax14`.
    pub fn from_name(name: &str) -> Option<Strictness> {
        let n = name.trim().to_ascii_lowercase().replace('_', "-");
        let n = n
            .strip_prefix("jlreq-")
            .map_or(n.clone(), |r| format!("jis-{r}"));
        let n = match n.as_str() {
            "clreq-none" | "off" => "none",
            "clreq-basic" => "basic",
            "clreq-gb" | "gb-law" => "gb",
            "clreq-strict" => "strict",
            other => other,
        };
        Strictness::ALL.into_iter().find(|s| s.name() == n)
    }

    pub(crate) fn family(self) -> Family {
        match self {
            Strictness::Uax14 => Family::Uax14,
            Strictness::CssStrict | Strictness::CssNormal | Strictness::CssLoose => Family::Css,
            _ => Family::Tables,
        }
    }
}

/// Serialised by its spec name (`"strict"`, `"none"`, `"jis-loose"`, …).
impl serde::Serialize for Strictness {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.name())
    }
}

/// How a level is computed from the UAX #14 base.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Family {
    /// The base, untouched.
    Uax14,
    /// The base plus the CSS Text 3 relaxations for zh/ja content.
    Css,
    /// Breaks between two CJK units decided by the clreq/jlreq tables, then the
    /// level's prohibitions on every boundary.
    Tables,
}

/// Where a character sits in a run of same-kind inseparables (`——`, `……`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum PairPos {
    /// Not part of a run of two or more.
    Single,
    /// The first of a run.
    First,
    /// Second or later.
    Inner,
}

/// The character after a potential break may not start a line at `level`.
///
/// `cjk`: the character is a CJK unit (full width, or ambiguous width in Chinese
/// context). Connectors, dashes, ellipses, interpuncts and solidi are kept off line
/// starts only then; in Latin text (`-5℃` after a space, `word—word`) UAX #14 decides.
pub(crate) fn not_at_start(
    level: Strictness,
    c: char,
    class: CharClass,
    pair: PairPos,
    cjk: bool,
) -> bool {
    use Strictness as S;
    if pair == PairPos::Inner {
        // The second half of `——` / `……`: handled as an inseparable pair.
        return false;
    }
    match level {
        S::Uax14 | S::Unrestricted | S::CssStrict | S::CssNormal | S::CssLoose => false,
        S::Basic | S::Gb | S::Strict => clreq_not_at_start(level, class, pair, cjk),
        S::JisVeryStrict | S::JisStrict | S::JisLoose | S::JisVeryLoose => {
            jlreq_not_at_start(level, c, class)
        }
    }
}

/// cjk-rules.md §2.1: the "always" marks, plus `——`/`……` at the strict level.
fn clreq_not_at_start(level: Strictness, class: CharClass, pair: PairPos, cjk: bool) -> bool {
    match class {
        Closing | Comma | FullStop | ColonLike | Exclamation => true,
        Connector | Interpunct | Solidus | Dash | Ellipsis if !cjk => false,
        Connector | Interpunct | Solidus => true,
        // Japanese characters in Chinese text: keep UAX #14's strict treatment (NS).
        SmallKana | ProlongedSound | Iteration => true,
        // A single em dash is the long connector (连接号), which never starts a line;
        // the 2-em dash may start one except at the strict level.
        Dash => pair == PairPos::Single || level == Strictness::Strict,
        Ellipsis => level == Strictness::Strict,
        _ => false,
    }
}

/// jlreq Appendix "Possibilities for line-breaking" (cjk-rules.md §2.2).
fn jlreq_not_at_start(level: Strictness, c: char, class: CharClass) -> bool {
    use Strictness as S;
    let rank = match level {
        S::JisVeryStrict => 0,
        S::JisStrict => 1,
        S::JisLoose => 2,
        _ => 3,
    };
    match class {
        // Common to all levels: closing brackets, full stops, commas.
        Closing | FullStop | Comma => true,
        SmallKana | ProlongedSound => rank == 0,
        Iteration if c == '々' => rank == 0,
        Iteration => rank < 3,
        Connector => rank < 2,
        Interpunct if c == '・' || c == '･' => rank < 2,
        Interpunct | ColonLike | Exclamation => rank < 3,
        _ => false,
    }
}

/// The character before a potential break may not end a line at `level` (`cjk`: it is
/// a CJK unit; the solidus rule is for Chinese text, not for `km/h` or a URL).
pub(crate) fn not_at_end(level: Strictness, class: CharClass, cjk: bool) -> bool {
    use Strictness as S;
    match level {
        S::Uax14 | S::Unrestricted | S::CssStrict | S::CssNormal | S::CssLoose => false,
        S::Basic => class == Opening,
        S::Gb | S::Strict => class == Opening || (class == Solidus && cjk),
        _ => class == Opening,
    }
}

/// `——` and `……` may be split at this level (jlreq loose and very loose; clreq none).
pub(crate) fn may_split_inseparable(level: Strictness) -> bool {
    matches!(
        level,
        Strictness::Unrestricted
            | Strictness::JisLoose
            | Strictness::JisVeryLoose
            | Strictness::CssLoose
    )
}

/// jlreq relaxations around numbers: loose allows a break before `%`, very loose
/// breaks beside any prefixed or postfixed abbreviation (cl-12/13).
pub(crate) fn jlreq_affix_break(level: Strictness, prev: CharClass, next: CharClass) -> bool {
    match level {
        Strictness::JisVeryLoose => next == Postfix || prev == Prefix,
        Strictness::JisLoose => next == Postfix,
        _ => false,
    }
}

/// CSS Text 3 `line-break` relaxations for zh/ja content (cjk-rules.md §2.3), applied
/// to a boundary UAX #14 forbids. `prev_breakable` says the character before may end
/// a line (it is not an opening mark, a prefix or glue).
pub(crate) fn css_loosened(level: Strictness, prev: char, next: char, prev_ok: bool) -> bool {
    let normal = matches!(level, Strictness::CssNormal | Strictness::CssLoose);
    let loose = level == Strictness::CssLoose;
    let (pc, nc) = (
        super::classes::class_of(prev),
        super::classes::class_of(next),
    );
    let after_id = prev_ok && matches!(pc, Ideograph | SmallKana | ProlongedSound | Iteration);
    // Before CJ (small kana, ー, half-width ｰ) and before 〜 ゠: normal and loose.
    if normal
        && prev_ok
        && (matches!(nc, SmallKana | ProlongedSound) || matches!(next, '〜' | '゠'))
    {
        return true;
    }
    if !loose {
        return false;
    }
    match next {
        // Hyphens ‐ – only after an ideographic character (Florian Rivoal's tests).
        '\u{2010}' | '\u{2013}' => after_id,
        // Iteration marks.
        '々' | '〻' | 'ゝ' | 'ゞ' | 'ヽ' | 'ヾ' => prev_ok,
        // Centred punctuation (cpm): ・：；･‼⁇⁈⁉！？
        '・' | '：' | '；' | '･' | '‼' | '⁇' | '⁈' | '⁉' | '！' | '？' => prev_ok,
        // Inseparables: before and between IN characters (the i18n-tests reading).
        '\u{2024}' | '\u{2025}' | '\u{2026}' | '\u{22EF}' | '\u{FE19}' | '\u{10AF6}' => prev_ok,
        // Postfixes with East-Asian width A/F/W (LineBreak.txt PO ∩ EAW A/F/W).
        '°' | '‰' | '′' | '″' | '‵' | '℃' | '℉' | '﹪' | '％' | '￠' => {
            prev_ok || pc == Digit
        }
        _ => {
            // After prefixes with East-Asian width A/F/W (PR ∩ EAW A/F/W).
            matches!(
                prev,
                '¤' | '±' | '€' | '№' | '﹩' | '＄' | '￡' | '￥' | '￦'
            ) && matches!(nc, Ideograph | Digit)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn level_names_round_trip() {
        for s in Strictness::ALL {
            assert_eq!(Strictness::from_name(s.name()), Some(s));
        }
        assert_eq!(Strictness::from_name("GB"), Some(Strictness::Gb));
        assert_eq!(
            Strictness::from_name("jlreq-strict"),
            Some(Strictness::JisStrict)
        );
        assert_eq!(Strictness::from_name("loosest"), None);
        assert_eq!(Strictness::default(), Strictness::Strict);
        assert_eq!(
            serde_json::to_string(&Strictness::Unrestricted).unwrap(),
            "\"none\""
        );
    }
}
