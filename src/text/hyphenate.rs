//! Hyphenation of long English words in Chinese text (cjk-rules.md §6.2): Knuth–Liang
//! with the en-US TeX patterns, embedded in the binary by the `hyphenation` crate (no
//! file is read at run time). In: a paragraph's text. Out: byte offsets where a word
//! may be broken with a hyphen added at the line end.

use hyphenation::{Hyphenator, Language, Load, Standard};
use std::sync::OnceLock;

/// Words shorter than this are never hyphenated: a hyphen in a short word saves
/// little and reads badly in a narrow column.
const MIN_WORD: usize = 7;
/// Letters kept before and after a hyphen (TeX's English \lefthyphenmin and
/// \righthyphenmin are 2 and 3; newspapers keep 3 on the left too).
const MIN_LEFT: usize = 3;
const MIN_RIGHT: usize = 3;

fn dictionary() -> Option<&'static Standard> {
    static DICT: OnceLock<Option<Standard>> = OnceLock::new();
    DICT.get_or_init(|| Standard::from_embedded(Language::EnglishUS).ok())
        .as_ref()
}

/// Byte offsets in `text` where an English word may be hyphenated: inside runs of
/// ASCII letters of at least `MIN_WORD` (7) letters that are not all capitals
/// (acronyms) and not part of a web or e-mail address (`skip`: character ranges).
pub fn hyphenation_points(text: &str, skip: &[(usize, usize)]) -> Vec<usize> {
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        if !chars[i].1.is_ascii_alphabetic() {
            i += 1;
            continue;
        }
        let start = i;
        while i < chars.len() && chars[i].1.is_ascii_alphabetic() {
            i += 1;
        }
        // A word glued to digits or an apostrophe (`COVID19`, `don’t`) is left whole.
        let glued = |j: Option<&(usize, char)>| {
            j.is_some_and(|&(_, c)| c.is_ascii_digit() || matches!(c, '’' | '\'' | '-'))
        };
        if i - start < MIN_WORD
            || glued(start.checked_sub(1).and_then(|s| chars.get(s)))
            || glued(chars.get(i))
            || skip.iter().any(|&(a, b)| start < b && i > a)
        {
            continue;
        }
        let word = &text[chars[start].0..chars.get(i).map_or(text.len(), |c| c.0)];
        if word.chars().all(|c| c.is_ascii_uppercase()) {
            continue;
        }
        // The patterns are loaded at the first word that needs them: most Chinese
        // pages have none, and loading them took 0.7 MiB of the sample page's peak memory.
        let Some(dict) = dictionary() else {
            return Vec::new();
        };
        let base = chars[start].0;
        for b in dict.hyphenate(word).breaks {
            let left = word[..b].chars().count();
            let right = word[b..].chars().count();
            if left >= MIN_LEFT && right >= MIN_RIGHT {
                out.push(base + b);
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn show(text: &str) -> String {
        let points = hyphenation_points(text, &[]);
        let mut s = String::new();
        for (i, c) in text.char_indices() {
            if points.contains(&i) {
                s.push('-');
            }
            s.push(c);
        }
        s
    }

    #[test]
    fn long_english_words_get_dictionary_hyphens() {
        assert_eq!(
            show("据《International Business》报道"),
            "据《Inter-na-tional Busi-ness》报道"
        );
        assert_eq!(show("typesetting"), "type-set-ting");
    }

    #[test]
    fn short_words_acronyms_and_glued_words_stay_whole() {
        assert_eq!(show("the GDP data"), "the GDP data");
        assert_eq!(show("UNESCO和NASDAQ"), "UNESCO和NASDAQ");
        assert_eq!(show("COVID19"), "COVID19");
    }
}
