//! Text analysis: character classes and break opportunities for Chinese text
//! (cjk-rules.md §1–§2). In: a paragraph's plain text and a strictness level. Out:
//! per-character classes ([`class_of`]) and, for every boundary, whether a line may
//! break there ([`analyze`], [`opportunities`]).
//!
//! Three stages, one file each: `classes` (code point → class), `levels` (what each
//! clreq/jlreq/CSS level keeps off line starts and ends), `breaks` (UAX #14 base from
//! ICU4X with the Unicode 17 rules, then the level's tailoring).

mod breaks;
mod classes;
pub mod hygiene;
mod hyphenate;
mod levels;
mod spans;

pub use breaks::{analyze, opportunities, Boundary, Tailoring};
pub use classes::{class_of, in_cjk_context, is_wide, latin_quote, CharClass, Context};
pub use hyphenate::hyphenation_points;
pub use levels::Strictness;
pub use spans::address_spans;

/// Marks that never start a line at the default level (clreq strict, cjk-rules.md §2.1).
/// Kept from the pipeline seam; [`analyze`] is the full rule set.
pub fn never_starts_line(c: char) -> bool {
    use CharClass::*;
    matches!(
        class_of(c),
        Closing | Comma | FullStop | ColonLike | Exclamation | Connector | Interpunct | Solidus
    )
}

/// Marks that never end a line (opening quotes and brackets, cjk-rules.md §2.1).
pub fn never_ends_line(c: char) -> bool {
    class_of(c) == CharClass::Opening
}

/// Characters that are part of a Latin word or a number and must not be split.
pub fn is_word_char(c: char) -> bool {
    matches!(class_of(c), CharClass::Letter | CharClass::Digit)
}

/// A break may be taken between `a` and `b` at the default level.
pub fn may_break_between(a: char, b: char) -> bool {
    let s: String = [a, b].iter().collect();
    analyze(&s, Strictness::Strict)
        .first()
        .is_some_and(|b| b.allowed)
}
