//! Text hygiene for untrusted input (issue #15): every text file is put in Unicode
//! normalisation form C when it is read ([`nfc`]), and characters that cannot be
//! printed as the writer meant are found where they stand ([`suspicious`]) so that
//! resolve reports them at file:line:col instead of setting garbage or nothing:
//!
//! - control characters (C0, DEL, C1), other than a tab: they have no glyph and are
//!   dropped from the page;
//! - bidirectional controls (U+202A–U+202E, U+2066–U+2069): they reorder what a
//!   reader sees in an editor ("Trojan source"), and the page ignores them;
//! - private-use characters (U+E000–U+F8FF and planes 15–16): their meaning is a
//!   private agreement; only a font made for it has the glyph;
//! - unassigned code points and noncharacters: no font has them.

use unicode_normalization::{is_nfc_quick, IsNormalized, UnicodeNormalization};
use unicode_properties::{GeneralCategory, UnicodeGeneralCategory};

/// `text` in normalisation form C; text that already is (nearly all) is returned as
/// it is, without a copy.
pub fn nfc(text: String) -> String {
    if is_nfc_quick(text.chars()) == IsNormalized::Yes {
        text
    } else {
        text.nfc().collect()
    }
}

/// What is wrong with a character that a page cannot print as meant.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Suspicious {
    /// A control character (not a tab, not a line end).
    Control,
    /// A bidirectional embedding, override or isolate control.
    Bidi,
    /// A private-use character.
    PrivateUse,
    /// An unassigned code point or a noncharacter.
    Unassigned,
}

impl Suspicious {
    /// Plain words for messages.
    pub fn words(self) -> &'static str {
        match self {
            Suspicious::Control => "a control character",
            Suspicious::Bidi => "a bidirectional control character",
            Suspicious::PrivateUse => "a private-use character",
            Suspicious::Unassigned => "not an assigned Unicode character",
        }
    }

    /// What happens to it on the page, and what to do.
    pub fn hint(self) -> &'static str {
        match self {
            Suspicious::Control | Suspicious::Bidi => {
                "it is not printed; remove it (it often comes from copying out of another program)"
            }
            Suspicious::PrivateUse => {
                "it prints only if a [[fonts]] face made for it has it; replace it with a standard character"
            }
            Suspicious::Unassigned => "no font has it; remove it or replace it",
        }
    }
}

/// Whether `c` is a character a page cannot print as meant (a tab and a line end are
/// fine).
pub fn suspicious(c: char) -> Option<Suspicious> {
    let u = u32::from(c);
    if matches!(c, '\t' | '\n') {
        return None;
    }
    if matches!(u, 0x202A..=0x202E | 0x2066..=0x2069) {
        return Some(Suspicious::Bidi);
    }
    // Noncharacters: U+FDD0–U+FDEF and the last two code points of every plane.
    if matches!(u, 0xFDD0..=0xFDEF) || u & 0xFFFE == 0xFFFE {
        return Some(Suspicious::Unassigned);
    }
    match c.general_category() {
        GeneralCategory::Control => Some(Suspicious::Control),
        GeneralCategory::PrivateUse => Some(Suspicious::PrivateUse),
        GeneralCategory::Unassigned | GeneralCategory::Surrogate => Some(Suspicious::Unassigned),
        _ => None,
    }
}

/// The characters of a spec's TOML source that a page cannot print as meant, with
/// their byte offsets: raw ones, and escapes (`\u0007`, `\U0010FFFF`, `\e`, `\x1b`)
/// that decode to one (TOML itself refuses raw control characters). Comment lines are
/// skipped.
pub fn in_toml_source(source: &str) -> Vec<(usize, char, Suspicious)> {
    let mut found = Vec::new();
    let mut line_start = 0;
    for line in source.split_inclusive('\n') {
        if !line.trim_start().starts_with('#') {
            let mut chars = line.char_indices().peekable();
            while let Some((i, c)) = chars.next() {
                let at = line_start + i;
                if c == '\\' {
                    let Some(&(_, e)) = chars.peek() else {
                        continue;
                    };
                    let digits = match e {
                        'u' => 4,
                        'U' => 8,
                        'x' => 2,
                        'e' => {
                            chars.next();
                            found.push((at, '\u{1b}', Suspicious::Control));
                            continue;
                        }
                        _ => {
                            chars.next(); // `\\` and the like: skip the escaped char
                            continue;
                        }
                    };
                    let hex = line.get(i + 2..i + 2 + digits).unwrap_or("");
                    if let Some(d) = u32::from_str_radix(hex, 16).ok().and_then(char::from_u32) {
                        if let Some(s) = suspicious(d) {
                            found.push((at, d, s));
                        }
                    }
                    continue;
                }
                if let Some(s) = suspicious(c).filter(|_| c != '\r') {
                    found.push((at, c, s));
                }
            }
        }
        line_start += line.len();
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decomposed_text_is_composed_and_composed_text_is_not_copied() {
        assert_eq!(nfc("pi\u{0304}n yi\u{0304}n".into()), "pīn yīn");
        let s = String::from("第一段正文。ABC");
        let p = s.as_ptr();
        let out = nfc(s);
        assert_eq!(out.as_ptr(), p);
    }

    #[test]
    fn characters_a_page_cannot_print_are_named() {
        assert_eq!(suspicious('\u{7}'), Some(Suspicious::Control));
        assert_eq!(suspicious('\u{9b}'), Some(Suspicious::Control));
        assert_eq!(suspicious('\u{202e}'), Some(Suspicious::Bidi));
        assert_eq!(suspicious('\u{e000}'), Some(Suspicious::PrivateUse));
        assert_eq!(suspicious('\u{10fffd}'), Some(Suspicious::PrivateUse));
        assert_eq!(suspicious('\u{378}'), Some(Suspicious::Unassigned));
        assert_eq!(suspicious('\u{fffe}'), Some(Suspicious::Unassigned));
        assert_eq!(suspicious('\u{fdd0}'), Some(Suspicious::Unassigned));
        for fine in ['中', 'a', '\t', '\n', '—', '…', '\u{3000}', '\u{200b}', 'ā'] {
            assert_eq!(suspicious(fine), None, "{fine:?}");
        }
    }

    #[test]
    fn escapes_in_a_toml_source_are_found_at_their_offset() {
        let src = "# \\u0007 in a comment\nheadline = \"a\\u0007b\\e[2J\"\ncredit = \"\u{e000}\"\n";
        let found = in_toml_source(src);
        let at = |needle: &str| src.find(needle).unwrap();
        assert_eq!(
            found,
            vec![
                (at("\\u0007b"), '\u{7}', Suspicious::Control),
                (at("\\e"), '\u{1b}', Suspicious::Control),
                (at("\u{e000}"), '\u{e000}', Suspicious::PrivateUse),
            ]
        );
    }
}
