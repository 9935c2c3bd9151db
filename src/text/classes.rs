//! Character classes for Chinese line composition, from code points only (never from
//! font metrics). The classes follow the clreq punctuation tables and the jlreq
//! character classes; cjk-rules.md §1.2 lists them with the UAX #14 class of each.

/// What a character does on a line: its kinsoku behaviour and its width model.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum CharClass {
    /// Han, kana, Bopomofo, Hangul and other ideographic (UAX #14 ID) characters:
    /// cl-15/16/19. One character frame each.
    Ideograph,
    /// Opening quotes, brackets, book-title marks (开引号、开括号、开书名号; cl-01).
    Opening,
    /// Closing quotes, brackets, book-title marks (闭引号、闭括号、闭书名号; cl-02).
    Closing,
    /// 、，and the ASCII comma (顿号、逗号; cl-07).
    Comma,
    /// 。．and the ASCII full stop (句号; cl-06).
    FullStop,
    /// ：；and ASCII `:` `;` (冒号、分号; part of cl-05).
    ColonLike,
    /// ！？‼⁇⁈⁉ and ASCII `!` `?` (叹号、问号; cl-04).
    Exclamation,
    /// — U+2014, ⸺ U+2E3A, ⸻ U+2E3B. Two U+2014 make the 2-em dash (破折号); a single
    /// one is the long connector (连接号). Inseparable (cl-08).
    Dash,
    /// … U+2026, ⋯ U+22EF, ‥ U+2025: two make the ellipsis (省略号). Inseparable (cl-08).
    Ellipsis,
    /// Connectors and hyphens (连接号; cl-03): ～ U+FF5E, 〜 U+301C, – U+2013, ‐ U+2010,
    /// ゠ U+30A0 and the ASCII hyphen.
    Connector,
    /// Interpuncts (间隔号; cl-05 middle dots): · U+00B7, ・ U+30FB, ‧ U+2027, ･ U+FF65.
    Interpunct,
    /// Solidi (分隔号): ／ U+FF0F and the ASCII `/`.
    Solidus,
    /// Numeric prefixes (cl-12, UAX #14 PR): ￥ ¥ $ ＄ € £ ￡ № ±.
    Prefix,
    /// Numeric postfixes (cl-13, UAX #14 PO): % ％ ‰ ° ℃ ℉ ′ ″ ‵ ￠ ﹪.
    Postfix,
    /// Small kana (cl-11) — UAX #14 CJ.
    SmallKana,
    /// The prolonged sound mark ー (cl-10) — UAX #14 CJ.
    ProlongedSound,
    /// Iteration marks 々 〻 ゝ ゞ ヽ ヾ (cl-09).
    Iteration,
    /// U+3000 ideographic space (cl-14).
    IdeographicSpace,
    /// Western word space (cl-26): U+0020 and other breaking spaces.
    Space,
    /// European digits (cl-24), ASCII or full-width.
    Digit,
    /// Western letters (cl-27): Latin, Greek, Cyrillic, full-width Latin.
    Letter,
    /// Hard line breaks and other controls (UAX #14 BK, CR, LF, NL, CM controls).
    Control,
    /// Anything else (symbols such as ★, ASCII quotes, math operators).
    Other,
}

use CharClass::*;

impl CharClass {
    /// A punctuation mark drawn in a character frame with an adjustable blank
    /// (cjk-rules.md §3.2): brackets, quotes and pause/stop marks.
    pub fn has_blank(self) -> bool {
        matches!(
            self,
            Opening | Closing | Comma | FullStop | ColonLike | Exclamation
        )
    }

    /// Pause and stop marks (点号, clreq): 、，。：；！？.
    pub fn is_pause(self) -> bool {
        matches!(self, Comma | FullStop | ColonLike | Exclamation)
    }

    /// Any punctuation mark (点号 or 标号), for 孤字 counting and autospace.
    pub fn is_mark(self) -> bool {
        self.has_blank()
            || matches!(
                self,
                Dash | Ellipsis | Connector | Interpunct | Solidus | Other
            )
    }

    /// Characters that count as text, not punctuation, when judging a last line (孤字).
    pub fn is_letter_like(self) -> bool {
        matches!(
            self,
            Ideograph | SmallKana | ProlongedSound | Iteration | Digit | Letter | Prefix | Postfix
        )
    }

    /// Western letters and digits: these get the Han–Latin space (cjk-rules.md §6.1).
    pub fn is_western(self) -> bool {
        matches!(self, Digit | Letter)
    }

    /// Characters that occupy one CJK frame in text: ideographs and kana.
    pub fn is_ideographic(self) -> bool {
        matches!(self, Ideograph | SmallKana | ProlongedSound | Iteration)
    }
}

/// The class of a character. Quotes “ ‘ are always [`Opening`] and ” ’ always
/// [`Closing`] (their direction is in the code point; cjk-rules.md §2.6).
pub fn class_of(c: char) -> CharClass {
    let u = c as u32;
    match c {
        '“' | '‘' | '（' | '《' | '〈' | '【' | '〖' | '〔' | '［' | '｛' | '「' | '『' | '｟'
        | '〘' | '〚' | '«' | '〝' | '(' | '[' | '{' | '﹙' | '﹛' | '﹝' => Opening,
        '”' | '’' | '）' | '》' | '〉' | '】' | '〗' | '〕' | '］' | '｝' | '」' | '』' | '｠'
        | '〙' | '〛' | '»' | '〞' | '〟' | ')' | ']' | '}' | '﹚' | '﹜' | '﹞' => Closing,
        '、' | '，' | ',' | '﹐' | '﹑' | '､' => Comma,
        '。' | '．' | '.' | '｡' | '﹒' => FullStop,
        '：' | '；' | ':' | ';' | '﹔' | '﹕' => ColonLike,
        '！' | '？' | '!' | '?' | '‼' | '⁇' | '⁈' | '⁉' | '﹖' | '﹗' => Exclamation,
        '—' | '⸺' | '⸻' => Dash,
        '…' | '⋯' | '‥' | '︙' => Ellipsis,
        '～' | '〜' | '–' | '‐' | '゠' | '-' | '‑' => Connector,
        '·' | '・' | '‧' | '･' => Interpunct,
        '／' | '/' => Solidus,
        '￥' | '¥' | '$' | '＄' | '€' | '£' | '￡' | '№' | '±' | '¤' | '﹩' | '￦' => {
            Prefix
        }
        '%' | '％' | '‰' | '°' | '℃' | '℉' | '′' | '″' | '‵' | '￠' | '﹪' | '¢' => {
            Postfix
        }
        'ー' => ProlongedSound,
        '々' | '〻' | 'ゝ' | 'ゞ' | 'ヽ' | 'ヾ' => Iteration,
        '\u{3000}' => IdeographicSpace,
        ' ' | '\u{1680}' | '\u{2000}'..='\u{2006}' | '\u{2008}'..='\u{200A}' | '\u{205F}' => Space,
        _ if is_small_kana(u) => SmallKana,
        _ if c.is_control() || matches!(u, 0x2028 | 0x2029) => Control,
        _ if c.is_ascii_digit() || ('０'..='９').contains(&c) => Digit,
        _ if is_ideograph_cp(u) => Ideograph,
        _ if c.is_alphanumeric() => {
            if c.is_numeric() && !c.is_alphabetic() {
                Digit
            } else {
                Letter
            }
        }
        _ => Other,
    }
}

/// Small kana (UAX #14 CJ, jlreq cl-11).
fn is_small_kana(u: u32) -> bool {
    matches!(
        u,
        0x3041 | 0x3043 | 0x3045 | 0x3047 | 0x3049 | 0x3063 | 0x3083 | 0x3085 | 0x3087
            | 0x308E | 0x3095 | 0x3096 | 0x30A1 | 0x30A3 | 0x30A5 | 0x30A7 | 0x30A9 | 0x30C3
            | 0x30E3 | 0x30E5 | 0x30E7 | 0x30EE | 0x30F5 | 0x30F6 | 0x31F0..=0x31FF
            | 0xFF67..=0xFF6F | 0xFF70
    )
}

/// Code points of the ideographic blocks (Han, kana, Bopomofo, Hangul, CJK symbols
/// that are UAX #14 ID).
fn is_ideograph_cp(u: u32) -> bool {
    matches!(
        u,
        0x2E80..=0x2FDF // radicals
            | 0x3005..=0x3007
            | 0x3021..=0x3029
            | 0x3031..=0x3035
            | 0x3038..=0x303C
            | 0x3040..=0x30FF // kana
            | 0x3100..=0x31EF // Bopomofo, kanbun, strokes
            | 0x3200..=0x33FF // enclosed CJK, compatibility
            | 0x3400..=0x4DBF
            | 0x4E00..=0x9FFF
            | 0xA000..=0xA4CF // Yi
            | 0xAC00..=0xD7AF // Hangul syllables
            | 0xF900..=0xFAFF
            | 0xFE30..=0xFE4F
            | 0xFF66..=0xFF9F // half-width katakana
            | 0x1B000..=0x1B16F
            | 0x20000..=0x3FFFD
    )
}

/// Full-width and wide characters: a CJK character unit for the break tables.
/// Quotes, dashes, ellipses and the interpunct count when their neighbours are CJK
/// (see [`in_cjk_context`]), because their East-Asian width is Ambiguous.
pub fn is_wide(c: char) -> bool {
    let u = c as u32;
    is_ideograph_cp(u)
        || matches!(u, 0x3000..=0x303F | 0xFF01..=0xFF60 | 0xFFE0..=0xFFE6 | 0xFE10..=0xFE1F)
}

/// Whether the ambiguous-width character at `i` of `chars` stands in Chinese text:
/// the nearest neighbour on either side that is not itself punctuation is wide
/// (cjk-rules.md §1.3: “ ” ‘ ’ · — … take their width from context).
///
/// For one question; a paragraph asks through [`Context`], which answers every
/// character in one pass.
pub fn in_cjk_context(chars: &[char], i: usize) -> bool {
    Context::new(chars).in_cjk(i)
}

/// Whether the quotation mark at `i` belongs to Latin text and takes the font's
/// proportional glyph (cjk-rules.md §6.3): ’ or ' between two Latin letters (the
/// apostrophe of `T’Pol`, `don’t`), or a quote pair whose content is wholly Latin
/// (letters, digits, spaces, Western punctuation: `“New York Times”`).
///
/// For one question; a paragraph asks through [`Context`].
pub fn latin_quote(chars: &[char], i: usize) -> bool {
    Context::new(chars).latin_quote(i)
}

/// What the neighbours of each character of a paragraph say about it: whether an
/// ambiguous-width mark stands in Chinese text ([`in_cjk_context`]) and whether a quote
/// encloses Latin text ([`latin_quote`]). Built in a few linear passes, so a run of
/// 10,000 dashes or quotes with no other character near costs 10,000 steps, not
/// 10,000 scans of the run (inputs are untrusted: docs/spec.md §18).
pub struct Context {
    cjk: Vec<bool>,
    latin: Vec<bool>,
}

impl Context {
    /// Answers for every character of `chars`.
    pub fn new(chars: &[char]) -> Context {
        Context {
            cjk: cjk_context(chars),
            latin: latin_quotes(chars),
        }
    }

    /// See [`in_cjk_context`].
    pub fn in_cjk(&self, i: usize) -> bool {
        self.cjk.get(i).copied().unwrap_or(false)
    }

    /// See [`latin_quote`].
    pub fn latin_quote(&self, i: usize) -> bool {
        self.latin.get(i).copied().unwrap_or(false)
    }
}

/// For each character: is the nearest character on either side that is not
/// punctuation wide? Two passes, one from each end.
fn cjk_context(chars: &[char]) -> Vec<bool> {
    let cjk = |c: char| is_wide(c) && !matches!(class_of(c), Space | IdeographicSpace);
    let skip = |c: char| {
        let k = class_of(c);
        matches!(k, Opening | Closing | Dash | Ellipsis | Interpunct) && !is_wide(c)
    };
    let n = chars.len();
    let mut out = vec![false; n];
    let mut before: Option<char> = None;
    for (i, &c) in chars.iter().enumerate() {
        out[i] = before.is_some_and(cjk);
        if !skip(c) {
            before = Some(c);
        }
    }
    let mut after: Option<char> = None;
    for (i, &c) in chars.iter().enumerate().rev() {
        out[i] |= after.is_some_and(cjk);
        if !skip(c) {
            after = Some(c);
        }
    }
    out
}

/// For each character: is it a quote of Latin text (see [`latin_quote`])? The partner
/// of each quote is found in one pass per direction, and what lies between is judged
/// from prefix counts.
fn latin_quotes(chars: &[char]) -> Vec<bool> {
    let n = chars.len();
    // Prefix counts of letters, and of what a Latin quote may not hold.
    let mut letters = vec![0u32; n + 1];
    let mut foreign = vec![0u32; n + 1];
    for (i, &c) in chars.iter().enumerate() {
        letters[i + 1] = letters[i] + u32::from(c.is_alphabetic());
        foreign[i + 1] = foreign[i] + u32::from(is_wide(c) || matches!(c, '“' | '”' | '‘'));
    }
    let latin_between = |s: usize, e: usize| letters[e] > letters[s] && foreign[e] == foreign[s];
    // The next closing quote of each kind after i (an apostrophe does not close).
    let mut next_close: Vec<[Option<usize>; 2]> = vec![[None; 2]; n];
    let mut next = [None; 2];
    for j in (0..n).rev() {
        next_close[j] = next;
        match chars[j] {
            '”' => next[0] = Some(j),
            '’' if !latin_apostrophe(chars, j) => next[1] = Some(j),
            _ => {}
        }
    }
    let mut out = vec![false; n];
    let mut last_open: [Option<usize>; 2] = [None; 2];
    for (i, &c) in chars.iter().enumerate() {
        let letter = |j: Option<usize>| {
            j.and_then(|j| chars.get(j))
                .is_some_and(|c| c.is_alphabetic() && !is_wide(*c))
        };
        out[i] = match c {
            '’' | '\'' if letter(i.checked_sub(1)) && letter(Some(i + 1)) => true,
            '“' => next_close[i][0].is_some_and(|e| latin_between(i + 1, e)),
            '‘' => next_close[i][1].is_some_and(|e| latin_between(i + 1, e)),
            '”' => last_open[0].is_some_and(|s| latin_between(s + 1, i)),
            '’' => last_open[1].is_some_and(|s| latin_between(s + 1, i)),
            _ => false,
        };
        match c {
            '“' => last_open[0] = Some(i),
            '‘' => last_open[1] = Some(i),
            _ => {}
        }
    }
    out
}

/// ’ between two Latin letters.
fn latin_apostrophe(chars: &[char], j: usize) -> bool {
    let letter = |c: Option<&char>| c.is_some_and(|c| c.is_alphabetic() && !is_wide(*c));
    chars[j] == '’' && j > 0 && letter(chars.get(j - 1)) && letter(chars.get(j + 1))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clreq_punctuation_table_classes() {
        // cjk-rules.md §1.2, row by row.
        for c in "“‘（《〈【〖〔［｛「『".chars() {
            assert_eq!(class_of(c), Opening, "{c}");
        }
        for c in "”’）》〉】〗〕］｝」』".chars() {
            assert_eq!(class_of(c), Closing, "{c}");
        }
        for (c, k) in [
            ('、', Comma),
            ('，', Comma),
            ('。', FullStop),
            ('．', FullStop),
        ] {
            assert_eq!(class_of(c), k);
        }
        for c in "：；".chars() {
            assert_eq!(class_of(c), ColonLike);
        }
        for c in "！？‼⁇⁈⁉".chars() {
            assert_eq!(class_of(c), Exclamation);
        }
        assert_eq!(class_of('—'), Dash);
        assert_eq!(class_of('⸺'), Dash);
        assert_eq!(class_of('…'), Ellipsis);
        assert_eq!(class_of('⋯'), Ellipsis);
        for c in "～–-".chars() {
            assert_eq!(class_of(c), Connector, "{c}");
        }
        for c in "·・‧".chars() {
            assert_eq!(class_of(c), Interpunct, "{c}");
        }
        assert_eq!(class_of('／'), Solidus);
        assert_eq!(class_of('/'), Solidus);
    }

    #[test]
    fn numeric_affixes_letters_and_ideographs() {
        for c in "￥¥$＄€№".chars() {
            assert_eq!(class_of(c), Prefix, "{c}");
        }
        for c in "%％‰°℃′″".chars() {
            assert_eq!(class_of(c), Postfix, "{c}");
        }
        for c in "淄博あア한".chars() {
            assert_eq!(class_of(c), Ideograph, "{c}");
        }
        assert_eq!(class_of('ぁ'), SmallKana);
        assert_eq!(class_of('ー'), ProlongedSound);
        assert_eq!(class_of('々'), Iteration);
        assert_eq!(class_of('7'), Digit);
        assert_eq!(class_of('８'), Digit);
        assert_eq!(class_of('G'), Letter);
        assert_eq!(class_of(' '), Space);
        assert_eq!(class_of('\u{3000}'), IdeographicSpace);
        assert_eq!(class_of('\n'), Control);
    }

    #[test]
    fn quotes_around_latin_phrases_and_apostrophes_are_latin() {
        let s: Vec<char> = "他说“New York Times”的T’Pol和“好”".chars().collect();
        let at = |c: char, n: usize| {
            s.iter()
                .enumerate()
                .filter(|(_, &x)| x == c)
                .nth(n)
                .unwrap()
                .0
        };
        assert!(latin_quote(&s, at('“', 0)));
        assert!(latin_quote(&s, at('”', 0)));
        assert!(latin_quote(&s, at('’', 0)));
        assert!(!latin_quote(&s, at('“', 1)));
        assert!(!latin_quote(&s, at('”', 1)));
        let s: Vec<char> = "“don’t”".chars().collect();
        assert!(latin_quote(&s, 0) && latin_quote(&s, 4) && latin_quote(&s, 6));
    }

    /// The definitions of cjk-rules.md §1.3 and §6.3 read literally: a scan from each
    /// character (quadratic on long runs, so only for checking [`Context`]).
    fn naive(chars: &[char], i: usize) -> (bool, bool) {
        let cjk = |c: char| is_wide(c) && !matches!(class_of(c), Space | IdeographicSpace);
        let skip = |c: char| {
            let k = class_of(c);
            matches!(k, Opening | Closing | Dash | Ellipsis | Interpunct) && !is_wide(c)
        };
        let before = chars[..i].iter().rev().find(|&&c| !skip(c)).copied();
        let after = chars[i + 1..].iter().find(|&&c| !skip(c)).copied();
        let in_cjk = before.is_some_and(cjk) || after.is_some_and(cjk);
        let c = chars[i];
        let letter = |j: Option<usize>| {
            j.and_then(|j| chars.get(j))
                .is_some_and(|c| c.is_alphabetic() && !is_wide(*c))
        };
        let (open, close) = match c {
            '“' | '”' => ('“', '”'),
            '‘' | '’' => ('‘', '’'),
            _ => ('\0', '\0'),
        };
        let latin = if matches!(c, '’' | '\'') && letter(i.checked_sub(1)) && letter(Some(i + 1))
        {
            true
        } else if open == '\0' {
            false
        } else {
            let inner = if c == open {
                let end = (i + 1..chars.len())
                    .find(|&j| chars[j] == close && !latin_apostrophe(chars, j));
                end.map(|e| &chars[i + 1..e])
            } else {
                let start = (0..i).rev().find(|&j| chars[j] == open);
                start.map(|s| &chars[s + 1..i])
            };
            inner.is_some_and(|t| {
                t.iter().any(|c| c.is_alphabetic())
                    && t.iter()
                        .all(|&c| !is_wide(c) && !matches!(c, '“' | '”' | '‘'))
            })
        };
        (in_cjk, latin)
    }

    #[test]
    fn context_in_one_pass_answers_as_the_definitions() {
        let alphabet: Vec<char> = "中a “”‘’'—…·（）。b".chars().collect();
        let mut seed = 0x2545_f491_4f6c_dd1d_u64;
        for _ in 0..2000 {
            let len = (seed % 24) as usize;
            let chars: Vec<char> = (0..len)
                .map(|_| {
                    seed ^= seed << 13;
                    seed ^= seed >> 7;
                    seed ^= seed << 17;
                    alphabet[(seed % alphabet.len() as u64) as usize]
                })
                .collect();
            let cx = Context::new(&chars);
            for i in 0..chars.len() {
                let s: String = chars.iter().collect();
                assert_eq!(
                    (cx.in_cjk(i), cx.latin_quote(i)),
                    naive(&chars, i),
                    "{s:?} at {i}"
                );
            }
        }
    }

    #[test]
    fn quotes_take_context_from_neighbours() {
        let s: Vec<char> = "他说“好”".chars().collect();
        assert!(in_cjk_context(&s, 2));
        assert!(in_cjk_context(&s, 4));
        let s: Vec<char> = "the “Great” Wall".chars().collect();
        assert!(!in_cjk_context(&s, 4));
        let s: Vec<char> = "克里斯蒂娜·罗塞蒂".chars().collect();
        assert!(in_cjk_context(&s, 5));
    }
}
