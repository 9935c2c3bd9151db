//! Break opportunities: UAX #14 with the Unicode 17 rules (ICU4X `icu_segmenter`, which
//! has LB19a, cjk-rules.md §2.4) as the base, then the tailoring of the chosen level
//! (cjk-rules.md §2.1–§2.5). Every boundary the tailoring changes carries the rule
//! that changed it, so the conformance test can account for each deviation.

use super::classes::{class_of, is_wide, CharClass, Context as Neighbours};
use super::levels::{self, Family, PairPos, Strictness};
use super::spans::{address_break, address_spans, in_number_range};
use icu_segmenter::options::LineBreakOptions;
use icu_segmenter::LineSegmenter;
use unicode_segmentation::UnicodeSegmentation;

/// Why a boundary differs from plain UAX #14.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize)]
pub enum Tailoring {
    /// Between two CJK character units the clreq/jlreq tables decide, not UAX #14:
    /// this is what allows `”¦“`, `说¦……` and `本¦“` where LB19/LB19a/LB22 forbid.
    CjkPair,
    /// A quotation mark in Chinese text is an opening or a closing mark (cjk-rules.md §2.6),
    /// so a break before “ ‘ or after ” ’ is allowed next to a number or a Latin word
    /// too, where LB19a (which only looks at East-Asian width) forbids it: `100%¦“一`.
    QuoteInCjk,
    /// The following character may not start a line at this level (·, ～, ／, …).
    NotAtStart,
    /// The preceding character may not end a line at this level (opening marks, and
    /// the solidus at the GB and strict levels).
    NotAtEnd,
    /// `——` and `……` are one unit (cjk-rules.md §2.5).
    Inseparable,
    /// A loose level allows a break UAX #14 forbids (CSS/jlreq loose and very loose).
    Loosened,
    /// Not a grapheme-cluster boundary (UAX #29): never broken.
    Grapheme,
    /// Inside a web or e-mail address: only after `/ . ? & = _` or before `@`
    /// (cjk-rules.md §6.4).
    Address,
    /// Beside the connector of a number range (`1—11月`, `3～5℃`; cjk-rules.md §2.7).
    NumberRange,
}

/// One boundary between two characters (or the end of the text).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Boundary {
    /// Byte offset of the character after the boundary (`text.len()` at the end).
    pub pos: usize,
    /// A line may break here at the chosen level.
    pub allowed: bool,
    /// A line must break here (after a hard line break, UAX #14 BK/CR/LF/NL).
    pub mandatory: bool,
    /// What plain UAX #14 says.
    pub base: bool,
    /// The tailoring rule that made `allowed` differ from `base`.
    pub rule: Option<Tailoring>,
}

/// Every boundary of `text` after its first character, with the decision at `level`.
pub fn analyze(text: &str, level: Strictness) -> Vec<Boundary> {
    let chars: Vec<char> = text.chars().collect();
    let offsets: Vec<usize> = text.char_indices().map(|(i, _)| i).collect();
    let n = chars.len();
    if n == 0 {
        return Vec::new();
    }
    let base = uax14_flags(text, &offsets);
    let classes: Vec<CharClass> = chars.iter().map(|&c| class_of(c)).collect();
    let neighbours = Neighbours::new(&chars);
    let cjk: Vec<bool> = (0..n)
        .map(|i| is_cjk_unit(&chars, &classes, &neighbours, i))
        .collect();
    let graphemes = grapheme_flags(text, &offsets);
    let addresses = address_spans(&chars);
    let whole_units = whole_unit_boundaries(&chars, &classes);
    let ctx = Context {
        chars: &chars,
        classes: &classes,
        cjk: &cjk,
        whole_units: &whole_units,
        level,
    };
    (1..=n)
        .map(|k| {
            let pos = offsets.get(k).copied().unwrap_or(text.len());
            let mandatory = k == n || is_hard_break(chars[k - 1], chars.get(k).copied());
            let (mut allowed, mut rule) = if mandatory {
                (true, None)
            } else {
                ctx.decide(k, base[k])
            };
            if !mandatory && level != Strictness::Uax14 {
                if let Some(why) = span_rule(&chars, &addresses, k) {
                    (allowed, rule) = why;
                }
                if allowed && !graphemes[k] {
                    allowed = false;
                    rule = Some(Tailoring::Grapheme);
                }
            }
            if allowed == base[k] || mandatory {
                rule = None;
            }
            Boundary {
                pos,
                allowed,
                mandatory,
                base: base[k] || mandatory,
                rule,
            }
        })
        .collect()
}

/// The decision inside an address or beside a range connector, which overrides the
/// level's tables: an address breaks by its own rules, a range never at its connector.
fn span_rule(
    chars: &[char],
    addresses: &[(usize, usize)],
    k: usize,
) -> Option<(bool, Option<Tailoring>)> {
    if addresses.iter().any(|&(a, b)| a < k && k < b) {
        return Some((address_break(chars, k), Some(Tailoring::Address)));
    }
    in_number_range(chars, k).then_some((false, Some(Tailoring::NumberRange)))
}

/// Byte offsets where a line may break at `level` (the end of the text included).
pub fn opportunities(text: &str, level: Strictness) -> Vec<usize> {
    analyze(text, level)
        .into_iter()
        .filter(|b| b.allowed)
        .map(|b| b.pos)
        .collect()
}

/// `base[k]`: UAX #14 allows a break before character `k` (k = n: the end).
fn uax14_flags(text: &str, offsets: &[usize]) -> Vec<bool> {
    // Unicode 17 rules: the stable constructors still implement 15.0 and so lack
    // LB19a (cjk-rules.md §2.4). Strictness defaults to Strict (CJ → NS, LB1).
    let segmenter = LineSegmenter::new_17_for_non_complex_scripts(LineBreakOptions::default());
    let mut flags = vec![false; offsets.len() + 1];
    let mut k = 0;
    for b in segmenter.segment_str(text) {
        while k < offsets.len() && offsets[k] < b {
            k += 1;
        }
        if b == text.len() {
            flags[offsets.len()] = true;
        } else if k < offsets.len() && offsets[k] == b {
            flags[k] = true;
        }
    }
    flags
}

/// `flags[k]`: a grapheme cluster starts at character `k`.
fn grapheme_flags(text: &str, offsets: &[usize]) -> Vec<bool> {
    let mut flags = vec![false; offsets.len() + 1];
    flags[offsets.len()] = true;
    let mut k = 0;
    for (b, _) in text.grapheme_indices(true) {
        while offsets[k] < b {
            k += 1;
        }
        flags[k] = true;
    }
    flags
}

fn is_hard_break(prev: char, next: Option<char>) -> bool {
    match prev {
        '\n' | '\u{0B}' | '\u{0C}' | '\u{85}' | '\u{2028}' | '\u{2029}' => true,
        '\r' => next != Some('\n'),
        _ => false,
    }
}

/// A CJK character unit for the tables: ideographs and kana, and full-width
/// punctuation (ambiguous-width quotes, dashes, ellipses and interpuncts when they
/// stand in Chinese text). Numeric affixes, digits and letters are not: numbers and
/// words keep UAX #14's rules (LB23–LB30).
fn is_cjk_unit(chars: &[char], classes: &[CharClass], near: &Neighbours, i: usize) -> bool {
    use CharClass::*;
    let c = chars[i];
    match classes[i] {
        Ideograph | SmallKana | ProlongedSound | Iteration => true,
        Opening | Closing | Comma | FullStop | ColonLike | Exclamation | Connector | Solidus
        | Dash | Ellipsis | Interpunct => {
            is_wide(c)
                || (matches!(
                    c,
                    '“' | '”'
                        | '‘'
                        | '’'
                        | '·'
                        | '‧'
                        | '—'
                        | '⸺'
                        | '⸻'
                        | '…'
                        | '⋯'
                        | '‥'
                        | '/'
                ) && near.in_cjk(i))
        }
        _ => false,
    }
}

struct Context<'a> {
    chars: &'a [char],
    classes: &'a [CharClass],
    cjk: &'a [bool],
    /// [`whole_unit_boundaries`], computed once: asking at each boundary by scanning
    /// its run made a run of 10,000 `——` quadratic (issue #15).
    whole_units: &'a [bool],
    level: Strictness,
}

/// For each boundary `k` (before character `k`), whether it falls between two whole
/// units of the run of same-class characters it lies in: an even number of halves
/// (every mark but ⸺ and ⸻, which are whole) on each side within the run. One pass per
/// run, linear in the text.
fn whole_unit_boundaries(chars: &[char], classes: &[CharClass]) -> Vec<bool> {
    let n = chars.len();
    let mut out = vec![false; n + 1];
    let mut s = 0;
    while s < n {
        let e = (s..n).find(|&i| classes[i] != classes[s]).unwrap_or(n);
        // halves[i - s]: halves in chars[s..i].
        let mut halves = Vec::with_capacity(e - s + 1);
        halves.push(0usize);
        for c in &chars[s..e] {
            let last = halves.last().copied().unwrap_or(0);
            halves.push(last + usize::from(!matches!(c, '⸺' | '⸻')));
        }
        let total = halves[e - s];
        for k in s..e {
            let before = halves[k - s];
            out[k] = before % 2 == 0 && (total - before) % 2 == 0;
        }
        s = e;
    }
    out
}

impl Context<'_> {
    /// The decision before character `k` (1 ≤ k < n) and the rule that made it differ
    /// from `base`.
    fn decide(&self, k: usize, base: bool) -> (bool, Option<Tailoring>) {
        match self.level.family() {
            Family::Uax14 => (base, None),
            Family::Css => {
                let prev_ok = !matches!(
                    self.classes[k - 1],
                    CharClass::Opening | CharClass::Prefix | CharClass::Space
                );
                if !base
                    && levels::css_loosened(self.level, self.chars[k - 1], self.chars[k], prev_ok)
                {
                    (true, Some(Tailoring::Loosened))
                } else {
                    (base, None)
                }
            }
            Family::Tables => self.decide_by_tables(k, base),
        }
    }

    fn decide_by_tables(&self, k: usize, base: bool) -> (bool, Option<Tailoring>) {
        // An explicit zero-width space (UAX #14 LB8, `ZW SP* ÷`) is the author's break.
        let before_spaces = self.chars[..k].iter().rev().find(|&&c| c != ' ');
        if before_spaces == Some(&'\u{200B}') {
            return (base, None);
        }
        let (p, n) = (self.classes[k - 1], self.classes[k]);
        let level = self.level;
        let mut r = (base, None);
        let set = |v: bool, why: Tailoring, r: &mut (bool, Option<Tailoring>)| {
            if r.0 != v {
                *r = (v, Some(why));
            }
        };
        if self.cjk[k - 1] && self.cjk[k] {
            set(true, Tailoring::CjkPair, &mut r);
        }
        if self.quote_boundary(k) {
            set(true, Tailoring::QuoteInCjk, &mut r);
        }
        let same_kind = p == n
            && matches!(p, CharClass::Dash | CharClass::Ellipsis)
            && !self.between_whole_units(k);
        if same_kind && !levels::may_split_inseparable(level) {
            set(false, Tailoring::Inseparable, &mut r);
        }
        if level == Strictness::Unrestricted {
            return r;
        }
        if levels::jlreq_affix_break(level, p, n) {
            set(true, Tailoring::Loosened, &mut r);
        }
        if r.0 && levels::not_at_start(level, self.chars[k], n, self.pair_pos(k), self.cjk[k]) {
            set(false, Tailoring::NotAtStart, &mut r);
        }
        if r.0 && levels::not_at_end(level, p, self.cjk[k - 1]) {
            set(false, Tailoring::NotAtEnd, &mut r);
        }
        r
    }

    /// Before a CJK-context opening quote or after a CJK-context closing quote, with a
    /// neighbour that does not glue (opening marks, prefixes, NBSP, WJ, ZWJ).
    fn quote_boundary(&self, k: usize) -> bool {
        let (pc, nc) = (self.chars[k - 1], self.chars[k]);
        let glue = |c: char| {
            matches!(
                c,
                '\u{00A0}' | '\u{202F}' | '\u{2007}' | '\u{2060}' | '\u{200D}' | '\u{FEFF}'
            )
        };
        if glue(pc) || glue(nc) {
            return false;
        }
        let (p, n) = (self.classes[k - 1], self.classes[k]);
        let opening = matches!(nc, '“' | '‘') && self.cjk[k];
        let closing = matches!(pc, '”' | '’') && self.cjk[k - 1];
        (opening
            && !matches!(
                p,
                CharClass::Opening | CharClass::Prefix | CharClass::Control
            ))
            || (closing
                && !matches!(
                    n,
                    CharClass::Postfix | CharClass::Control | CharClass::Space
                ))
    }

    /// Boundary `k` inside a run of dashes or of ellipses falls between two whole
    /// units (`——¦——`, `……¦……`, `⸺¦⸺`): clreq lets several such marks in a row be
    /// split there (cjk-rules.md §2.5); `——` itself (— and … come in pairs) is not.
    fn between_whole_units(&self, k: usize) -> bool {
        self.whole_units.get(k).copied().unwrap_or(false)
    }

    fn pair_pos(&self, k: usize) -> PairPos {
        let kind = self.classes[k];
        if !matches!(kind, CharClass::Dash | CharClass::Ellipsis) {
            return PairPos::Single;
        }
        if k > 0 && self.classes[k - 1] == kind && !self.between_whole_units(k) {
            PairPos::Inner
        } else if self.classes.get(k + 1) == Some(&kind) || matches!(self.chars[k], '⸺' | '⸻') {
            // ⸺ and ⸻ are whole 2-em and 3-em dashes, like the first of `——`.
            PairPos::First
        } else {
            PairPos::Single
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Renders `text` with `¦` at every allowed break (not at the end).
    pub(crate) fn show(text: &str, level: Strictness) -> String {
        let ops = opportunities(text, level);
        let mut out = String::new();
        for (i, c) in text.char_indices() {
            if i > 0 && ops.contains(&i) {
                out.push('¦');
            }
            out.push(c);
        }
        out
    }

    fn no_break_before(text: &str, needle: &str, level: Strictness) -> bool {
        let at = text.find(needle).expect("needle in text");
        !opportunities(text, level).contains(&at)
    }

    #[test]
    fn lb19a_allows_break_before_opening_quote() {
        // cjk-rules.md §2.4: Unicode 15.1+ rule LB19a.
        assert_eq!(
            show("测试文本，“测”试", Strictness::Uax14),
            "测¦试¦文¦本，¦“测”¦试"
        );
        assert_eq!(
            show("测试文本，“测”试", Strictness::Strict),
            "测¦试¦文¦本，¦“测”¦试"
        );
    }

    #[test]
    fn closing_quote_then_opening_quote_may_break() {
        // UAX #14 17.0 keeps ”“ together (” is not East Asian by width); clreq allows.
        assert_eq!(show("好。”“我", Strictness::Uax14), "好。”“我");
        assert_eq!(show("好。”“我", Strictness::Strict), "好。”¦“我");
    }

    #[test]
    fn quotes_break_like_brackets_next_to_numbers() {
        assert_eq!(
            show("农村100%“一肩挑”目标", Strictness::Uax14),
            "农¦村¦100%“一¦肩¦挑”¦目¦标"
        );
        assert_eq!(
            show("农村100%“一肩挑”目标", Strictness::Strict),
            "农¦村¦100%¦“一¦肩¦挑”¦目¦标"
        );
        assert_eq!(show("叫“好”2020年", Strictness::Strict), "叫¦“好”¦2020¦年");
    }

    #[test]
    fn comma_never_starts_line() {
        for level in [Strictness::Basic, Strictness::Gb, Strictness::Strict] {
            for mark in "，、。：；！？".chars() {
                let text = format!("文文{mark}字");
                assert!(
                    no_break_before(&text, &mark.to_string(), level),
                    "{text} {level:?}"
                );
            }
        }
    }

    #[test]
    fn colon_and_question_mark_may_start_line_only_at_level_none() {
        assert!(!no_break_before("文：字", "：", Strictness::Unrestricted));
        assert!(!no_break_before("文？字", "？", Strictness::Unrestricted));
        assert!(no_break_before("文：字", "：", Strictness::Basic));
    }

    #[test]
    fn interpunct_never_starts_line() {
        assert_eq!(
            show("克里斯蒂娜·罗塞蒂", Strictness::Uax14),
            "克¦里¦斯¦蒂¦娜¦·¦罗¦塞¦蒂"
        );
        assert_eq!(
            show("克里斯蒂娜·罗塞蒂", Strictness::Basic),
            "克¦里¦斯¦蒂¦娜·¦罗¦塞¦蒂"
        );
    }

    #[test]
    fn wave_connector_and_solidus_never_start_line() {
        assert!(no_break_before("三～五", "～", Strictness::Basic));
        assert!(no_break_before("男／女", "／", Strictness::Basic));
    }

    #[test]
    fn solidus_never_ends_line_at_gb_and_strict() {
        let after = |level| opportunities("男／女", level).contains(&"男／".len());
        assert!(after(Strictness::Basic));
        assert!(!after(Strictness::Gb));
        assert!(!after(Strictness::Strict));
    }

    #[test]
    fn dash_pair_never_splits() {
        for level in [Strictness::Basic, Strictness::Gb, Strictness::Strict] {
            assert!(no_break_before("他说——然后", "—然", level));
        }
        assert!(no_break_before("他说……然后", "…然", Strictness::Strict));
    }

    #[test]
    fn dash_and_ellipsis_start_line_only_below_strict() {
        assert!(!no_break_before("他说——然后", "——", Strictness::Gb));
        assert!(no_break_before("他说——然后", "——", Strictness::Strict));
        assert!(!no_break_before("他说……然后", "……", Strictness::Basic));
        assert!(no_break_before("他说……然后", "……", Strictness::Strict));
    }

    #[test]
    fn opening_marks_never_end_line() {
        assert_eq!(show("（《测试》）", Strictness::Strict), "（《测¦试》）");
        assert_eq!(show("他“说”", Strictness::Strict), "他¦“说”");
    }

    #[test]
    fn numbers_with_affixes_stay_together() {
        let s = "降低11.6%；2025年￥300元30℃";
        assert_eq!(
            show(s, Strictness::Strict),
            "降¦低¦11.6%；¦2025¦年¦￥300¦元¦30℃"
        );
    }

    #[test]
    fn latin_words_stay_whole() {
        assert_eq!(
            show("扫描APP二维码 hello world", Strictness::Strict),
            "扫¦描¦APP¦二¦维¦码 ¦hello ¦world"
        );
    }

    #[test]
    fn grapheme_clusters_never_split() {
        // e + combining acute; UAX #14 (LB9) also keeps it, a flag pair likewise.
        let s = "文e\u{301}文🇨🇳文";
        let ops = opportunities(s, Strictness::Strict);
        assert!(!ops.contains(&"文e".len()));
        assert!(!ops.contains(&"文e\u{301}文🇨".len()));
    }

    #[test]
    fn hard_line_breaks_are_mandatory() {
        let b = analyze("一\n二", Strictness::Strict);
        assert!(b[1].mandatory && b[1].allowed);
        assert!(!b[0].mandatory);
    }

    #[test]
    fn number_ranges_never_break_at_the_connector() {
        for level in [
            Strictness::Unrestricted,
            Strictness::Basic,
            Strictness::Strict,
        ] {
            assert_eq!(show("增长。1—11月", level).replace('¦', ""), "增长。1—11月");
            assert!(show("增长。1—11月", level).contains("1—11¦月"));
            assert!(show("2020—2021年", level).starts_with("2020—2021"));
            assert!(show("气温3～5℃", level).ends_with("3～5℃"));
            assert!(show("9:00—17:00开放", level).starts_with("9:00—17:00"));
        }
    }

    #[test]
    fn addresses_break_only_after_slash_dot_and_before_at() {
        assert_eq!(
            show("见https://data-web.zb.cn/a_b?x=1", Strictness::Strict),
            "见¦https://¦data-web.¦zb.¦cn/¦a_¦b?¦x=¦1"
        );
        assert_eq!(
            show("写信给news-desk@lzcb.cn吧", Strictness::Strict),
            "写¦信¦给¦news-desk¦@lzcb.¦cn¦吧"
        );
    }

    #[test]
    fn jlreq_strict_lets_small_kana_start_a_line() {
        assert!(no_break_before("文ぁ字", "ぁ", Strictness::JisVeryStrict));
        assert!(!no_break_before("文ぁ字", "ぁ", Strictness::JisStrict));
        assert!(no_break_before("文ぁ字", "ぁ", Strictness::Strict));
    }
}
