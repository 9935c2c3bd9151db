//! Article text as written → blocks: a blank line ends a paragraph, a line starting
//! `### ` is a subhead (小标题). Lines inside a paragraph are joined: a source newline
//! between two CJK characters becomes nothing, elsewhere one space (CSS Text segment
//! break rules; cjk-rules.md §6.5).

use crate::diag::SourceLoc;
use std::path::PathBuf;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BlockKind {
    Paragraph,
    Subhead,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Block {
    pub kind: BlockKind,
    pub text: String,
    /// Where the block starts in its file.
    pub loc: Option<SourceLoc>,
    /// The rest of a paragraph that began on another page (a jump): set without the
    /// first-line indent, since it is not a new paragraph.
    pub continued: bool,
}

/// Splits text into blocks. `origin` is the file and the line number of the text's
/// first line, for diagnostics.
pub fn split(text: &str, origin: Option<(PathBuf, usize)>) -> Vec<Block> {
    let mut blocks = Vec::new();
    let mut cur: Option<Block> = None;
    let loc = |i: usize| {
        origin.as_ref().map(|(f, l)| SourceLoc {
            file: f.clone(),
            line: l + i,
            column: 1,
        })
    };
    for (i, raw) in text.lines().enumerate() {
        let line = raw.trim();
        if line.is_empty() {
            blocks.extend(cur.take());
        } else if let Some(head) = line.strip_prefix("### ") {
            blocks.extend(cur.take());
            blocks.push(Block {
                kind: BlockKind::Subhead,
                text: head.trim().to_string(),
                loc: loc(i),
                continued: false,
            });
        } else if let Some(b) = cur.as_mut() {
            join_line(&mut b.text, line);
        } else {
            cur = Some(Block {
                kind: BlockKind::Paragraph,
                text: line.to_string(),
                loc: loc(i),
                continued: false,
            });
        }
    }
    blocks.extend(cur);
    blocks
}

fn join_line(text: &mut String, next: &str) {
    let prev = text.chars().last().unwrap_or(' ');
    let first = next.chars().next().unwrap_or(' ');
    if !(is_wide(prev) && is_wide(first)) {
        text.push(' ');
    }
    text.push_str(next);
}

/// CJK characters and full-width punctuation: no space is implied between them.
fn is_wide(c: char) -> bool {
    matches!(u32::from(c), 0x2E80..=0x9FFF | 0xF900..=0xFAFF | 0xFE30..=0xFE4F | 0xFF00..=0xFFEF | 0x20000..=0x3FFFF)
        || matches!(c, '“' | '”' | '‘' | '’' | '…' | '—' | '·')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blank_line_separates_paragraphs_and_hashes_make_subheads() {
        let b = split("### 小标题\n第一段\n接着。\n\n第二段 with\nLatin", None);
        assert_eq!(b.len(), 3);
        assert_eq!(b[0].kind, BlockKind::Subhead);
        assert_eq!(b[1].text, "第一段接着。");
        assert_eq!(b[2].text, "第二段 with Latin");
    }

    #[test]
    fn blocks_remember_their_source_line() {
        let b = split("\n\n段落", Some((PathBuf::from("a.txt"), 1)));
        assert_eq!(b[0].loc.as_ref().unwrap().line, 3);
    }
}
