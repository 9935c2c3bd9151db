//! Jumps (转版): an article that does not fit its area continues on another page of the
//! edition.
//!
//! On the first page the text is split where the area runs out: the last slot of the
//! article (the foot of its last column) is kept for the line （转A5版）, the text is
//! flowed through the others, and what is left goes out as a [`Jump`]. The edition
//! build hands it to the page that continues the article ([`take_in`]), where it starts
//! with （上接A1版） on the first line of its text. Page names follow the labels: `A05` is printed A5, a plain number
//! `5` as 第5 (转第5版), the usual forms on a Chinese newspaper page.

use super::body::Set;
use super::flow::{self, Flowed, Piece, Slot};
use crate::diag::Code;
use crate::diag::{Diagnostic, Diagnostics};
use crate::resolve::{Article, Block, BlockKind, Model};
use std::collections::BTreeMap;

/// Text that jumped, by the page label and article id it came from.
pub type Continuations = BTreeMap<(String, String), Vec<Block>>;

/// Text that did not fit and continues on page `to`.
#[derive(Clone, Debug, PartialEq)]
pub struct Jump {
    /// Id of the article that jumped. With this page's label it is the key the
    /// continuing article names in its `continued_from`.
    pub article: String,
    /// Label of the edition page it continues on (the article's `jump_to`, trimmed,
    /// e.g. `A05`), as written: [`jump_line`] prints it.
    pub to: String,
    /// The text left over: the rest of a paragraph cut where the area ran out (its
    /// remaining lines), then every later block. [`take_in`] makes it the body of the
    /// continuing article.
    pub blocks: Vec<Block>,
    /// Characters that jumped (not counting spaces).
    pub chars: usize,
}

/// The flow with the last slot kept for the jump line, that slot, and the text left.
pub(super) struct Split {
    pub flowed: Flowed,
    pub slot: Slot,
    pub jump: Jump,
}

/// Splits an overset article that has `jump_to`; `None` when it has no jump or too few
/// slots to hold a line of text and the jump line.
pub(super) fn split(a: &Article, sets: &[Set], slots: &[Slot]) -> Option<Split> {
    let to = a.jump_to.as_ref()?;
    let (&slot, rest) = slots.split_last()?;
    if rest.is_empty() {
        return None;
    }
    let pieces: Vec<Piece> = sets.iter().map(|s| s.piece).collect();
    let flowed = flow::flow(&pieces, rest);
    let (piece, line) = flowed.overset?;
    let blocks = rest_of_text(a, sets, piece, line);
    let chars = blocks
        .iter()
        .map(|b| b.text.chars().filter(|c| !c.is_whitespace()).count())
        .sum();
    Some(Split {
        flowed,
        slot,
        jump: Jump {
            article: a.id.clone(),
            to: to.clone(),
            blocks,
            chars,
        },
    })
}

/// The blocks from line `line` of piece `piece` on: the rest of a paragraph cut in the
/// middle (its remaining lines' text), then every later block. The closing byline stays
/// with the article's settings on the page that continues it.
fn rest_of_text(a: &Article, sets: &[Set], piece: usize, line: usize) -> Vec<Block> {
    let Some(set) = sets.get(piece) else {
        return Vec::new();
    };
    let Some(block) = a.blocks.get(set.block) else {
        return Vec::new(); // only the byline was left
    };
    let mut out = Vec::new();
    match set.lines.get(line) {
        Some(l) if line > 0 => out.push(block.tail(l.start)),
        _ => out.push(block.clone()),
    }
    out.extend(a.blocks[set.block + 1..].iter().cloned());
    out
}

/// A page label as printed in a jump line: `A05` → `A5`, `5` → `第5`.
fn page_name(label: &str) -> String {
    let letters: String = label.chars().take_while(|c| !c.is_ascii_digit()).collect();
    let digits = &label[letters.len()..];
    match digits.parse::<u32>() {
        Ok(n) if letters.is_empty() => format!("第{n}"),
        Ok(n) => format!("{letters}{n}"),
        Err(_) => label.to_string(),
    }
}

/// （转A5版）: the last line of the part that does not continue here.
pub fn jump_line(to: &str) -> String {
    format!("（转{}版）", page_name(to))
}

/// （上接A1版）: the first line of a continuation.
pub fn continued_line(from: &str) -> String {
    format!("（上接{}版）", page_name(from))
}

/// Gives each continued article its text from `continued` (the edition's jumps), led
/// by （上接…版）; a paragraph cut by the jump goes on without a first-line indent. Without an edition, or when nothing jumped, the article stays empty
/// and a warning says why.
pub fn take_in(model: &mut Model, continued: Option<&Continuations>) -> Diagnostics {
    let mut warnings = Diagnostics::default();
    for a in &mut model.articles {
        let Some((page, article)) = a.continued_from.clone() else {
            continue;
        };
        let key = (page.clone(), article.clone());
        match continued.and_then(|c| c.get(&key)) {
            Some(blocks) => {
                // （上接…版） leads the first paragraph, on its first line, as the papers
                // set it; before a subhead it stands on a line of its own.
                let lead = continued_line(&page);
                let mut blocks = blocks.clone();
                match blocks.first_mut() {
                    Some(b) if b.kind == BlockKind::Paragraph => b.prepend(&lead),
                    _ => blocks.insert(
                        0,
                        Block {
                            continued: true,
                            ..Block::plain(BlockKind::Paragraph, lead, a.loc.clone())
                        },
                    ),
                }
                a.blocks = blocks;
            }
            None => {
                let why = if continued.is_some() {
                    "no text jumped from there (it fitted, or that page is not in the edition)"
                } else {
                    "its text arrives only when the page is built with its edition"
                };
                warnings.push(
                    Diagnostic::new(
                        Code::TextNoContinuation,
                        format!("article `{}` continues `{article}` of page {page}, but {why}", a.id),
                    )
                    .at(a.loc.clone())
                    .context(format!("article `{}`", a.id))
                    .hint("build the edition (banmian edition), or check the page label and article id"),
                );
            }
        }
    }
    warnings
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_print_as_newspapers_name_pages() {
        assert_eq!(jump_line("A05"), "（转A5版）");
        assert_eq!(jump_line("5"), "（转第5版）");
        assert_eq!(continued_line("A01"), "（上接A1版）");
        assert_eq!(page_name("extra"), "extra");
    }
}
