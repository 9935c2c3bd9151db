//! Text analysis: character classes and break opportunities for Chinese text
//! (cjk-rules.md §1–§2). In: a paragraph's plain text. Out: per-character classes and
//! the positions where a line may break at the chosen strictness level.
//!
//! This is the placeholder seam from the pipeline issue: a minimal rule set that never
//! starts a line with a closing mark or pause mark. The line-composition issue replaces
//! it with UAX #14 plus the clreq/jlreq tailoring.

/// Marks that never start a line at clreq level *basic* and above (cjk-rules.md §1.2,
/// §2.1): pause/stop marks, closing quotes and brackets.
pub fn never_starts_line(c: char) -> bool {
    matches!(
        c,
        '，' | '。'
            | '、'
            | '；'
            | '：'
            | '？'
            | '！'
            | '）'
            | '》'
            | '〉'
            | '】'
            | '〗'
            | '〕'
            | '］'
            | '｝'
            | '”'
            | '’'
            | '…'
            | '—'
            | '·'
            | '～'
            | '％'
            | '.'
            | ','
            | ')'
            | '%'
    )
}

/// Marks that never end a line (opening quotes and brackets, cjk-rules.md §1.2).
pub fn never_ends_line(c: char) -> bool {
    matches!(
        c,
        '（' | '《' | '〈' | '【' | '〖' | '〔' | '［' | '｛' | '“' | '‘' | '(' | '￥' | '$'
    )
}

/// Characters that are part of a Latin word or a number and must not be split.
pub fn is_word_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || matches!(c, '.' | '%' | '-' | '_' | '\'')
}

/// A break may be taken between `a` and `b` (minimal rule set).
pub fn may_break_between(a: char, b: char) -> bool {
    !(never_starts_line(b) || never_ends_line(a) || (is_word_char(a) && is_word_char(b)))
}
