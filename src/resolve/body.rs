//! Article text as written → blocks: a blank line ends a paragraph, a line starting
//! `### ` is a subhead (小标题). Lines inside a paragraph are joined: a source newline
//! between two CJK characters becomes nothing, elsewhere one space (CSS Text segment
//! break rules; cjk-rules.md §6.5).

use super::markup::{self, ParStyle, Run, SourceLine, Tag};
use crate::diag::{Code, Diagnostic, Diagnostics, SourceLoc};
use std::path::{Path, PathBuf};

/// What a block of article text is, which decides how the body composer sets it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BlockKind {
    /// Body text: source lines up to a blank line or a subhead, joined; justified with
    /// a first-line indent, in the article's (or its paragraph style's) face and size.
    Paragraph,
    /// 小标题: one source line starting `### `, set centred in 黑体 bold at body size;
    /// its inline markup is reported and dropped.
    Subhead,
}

/// One paragraph or subhead of an article's body, as read from `body` or `body_file`
/// (or as a jump carried it over from another page).
#[derive(Clone, Debug, PartialEq)]
pub struct Block {
    /// Paragraph or subhead.
    pub kind: BlockKind,
    /// The paragraph style the text gives it (`{lead}` …); `None` for plain body text.
    pub style: Option<ParStyle>,
    /// The text as printed (markup removed).
    pub text: String,
    /// Inline styling of stretches of `text`, in order (empty: all plain).
    pub runs: Vec<Run>,
    /// Where the block starts in its file.
    pub loc: Option<SourceLoc>,
    /// The rest of a paragraph that began on another page (a jump): set without the
    /// first-line indent, since it is not a new paragraph.
    pub continued: bool,
}

impl Block {
    /// A block of plain text (no styles).
    pub fn plain(kind: BlockKind, text: String, loc: Option<SourceLoc>) -> Block {
        Block {
            kind,
            style: None,
            text,
            runs: Vec::new(),
            loc,
            continued: false,
        }
    }

    /// The block from byte `from` of its text on (a paragraph cut by a jump), with its
    /// styling; marked as continued.
    pub fn tail(&self, from: usize) -> Block {
        let from = from.min(self.text.len());
        let runs = self
            .runs
            .iter()
            .filter(|r| r.end > from)
            .map(|r| Run {
                start: r.start.max(from) - from,
                end: r.end - from,
                inline: r.inline,
            })
            .collect();
        Block {
            text: self.text[from..].to_string(),
            runs,
            continued: true,
            ..self.clone()
        }
    }

    /// Puts plain `lead` in front of the text (（上接…版）), keeping the styling where it was.
    pub fn prepend(&mut self, lead: &str) {
        self.text.insert_str(0, lead);
        for r in &mut self.runs {
            r.start += lead.len();
            r.end += lead.len();
        }
    }
}

/// The blocks of a body, and the markup that could not be applied (warnings).
#[derive(Debug, Default)]
pub struct Split {
    /// The paragraphs and subheads, in order.
    pub blocks: Vec<Block>,
    /// Markup printed as text (`text.markup`), located.
    pub warnings: Diagnostics,
}

/// At most this many `text.character` warnings for one text; the rest are counted.
const MAX_CHARACTER_WARNINGS: usize = 20;

/// The characters of a body file that a page cannot print as meant (control,
/// bidirectional-control, private-use, unassigned), each at its line and column.
pub fn character_warnings(text: &str, path: &Path) -> Diagnostics {
    let mut out = Diagnostics::default();
    let mut more = 0usize;
    for (i, line) in text.lines().enumerate() {
        for (col, c) in line.chars().enumerate() {
            let Some(kind) = crate::text::hygiene::suspicious(c) else {
                continue;
            };
            if out.0.len() == MAX_CHARACTER_WARNINGS {
                more += 1;
                continue;
            }
            out.push(
                Diagnostic::new(
                    Code::TextCharacter,
                    format!("U+{:04X} in the text is {}", u32::from(c), kind.words()),
                )
                .at(Some(SourceLoc {
                    file: path.to_path_buf(),
                    line: i + 1,
                    column: col + 1,
                }))
                .hint(kind.hint()),
            );
        }
    }
    if more > 0 {
        out.push(
            Diagnostic::new(
                Code::TextCharacter,
                format!("{more} more such characters in {}", path.display()),
            )
            .at(Some(SourceLoc::from_offset(path, "", 0)))
            .hint("clean the file: it may not be text meant for print"),
        );
    }
    out
}

/// Splits text into blocks and reads their markup. `origin` is the file and the line
/// number of the text's first line, for diagnostics; `lookup` says what a name between
/// braces means on this page.
pub fn split(
    text: &str,
    origin: Option<(PathBuf, usize)>,
    lookup: &dyn Fn(&str) -> Option<Tag>,
) -> Split {
    let first = origin.as_ref().map_or(1, |o| o.1);
    let file = origin.map(|o| o.0);
    let mut out = Split::default();
    let mut para: Vec<SourceLine> = Vec::new();
    let end_paragraph = |para: &mut Vec<SourceLine>, out: &mut Split| {
        if !para.is_empty() {
            let parsed = markup::parse(para, lookup);
            out.finish(BlockKind::Paragraph, parsed, para[0].line, &file);
            para.clear();
        }
    };
    for (i, raw) in text.lines().enumerate() {
        let line = raw.trim();
        let column = raw.chars().count() - raw.trim_start().chars().count() + 1;
        let number = first + i;
        if line.is_empty() {
            end_paragraph(&mut para, &mut out);
        } else if let Some(head) = line.strip_prefix("### ") {
            end_paragraph(&mut para, &mut out);
            let head_trim = head.trim_start();
            let src = SourceLine {
                raw: head_trim.trim_end(),
                line: number,
                column: column + 4 + (head.chars().count() - head_trim.chars().count()),
            };
            let parsed = markup::parse(&[src], lookup);
            out.finish(BlockKind::Subhead, parsed, number, &file);
        } else {
            para.push(SourceLine {
                raw: line,
                line: number,
                column,
            });
        }
    }
    end_paragraph(&mut para, &mut out);
    out
}

impl Split {
    /// Adds a parsed block and its markup problems.
    fn finish(
        &mut self,
        kind: BlockKind,
        parsed: markup::Parsed,
        line: usize,
        file: &Option<PathBuf>,
    ) {
        let loc = |line: usize, column: usize| {
            file.as_ref().map(|f| SourceLoc {
                file: f.clone(),
                line,
                column,
            })
        };
        for p in &parsed.problems {
            self.warnings.push(
                Diagnostic::new(Code::TextMarkup, p.message.clone())
                    .at(loc(p.line, p.column))
                    .hint(p.hint),
            );
        }
        let mut block = Block::plain(kind, parsed.text, loc(line, 1));
        if kind == BlockKind::Subhead {
            if !parsed.runs.is_empty() || parsed.style.is_some() {
                self.warnings.push(
                    Diagnostic::new(
                        Code::TextMarkup,
                        "a subhead is set in its own face: its styles are not applied",
                    )
                    .at(loc(line, 1))
                    .hint("remove the markup from the `### ` line; escapes (\\*, \\{) still work"),
                );
            }
        } else {
            block.style = parsed.style;
            block.runs = parsed.runs;
        }
        self.blocks.push(block);
    }
}

/// What joins two source lines of a paragraph: nothing between two CJK characters,
/// one space otherwise (CSS Text segment break rules; cjk-rules.md §6, last point).
pub(super) fn join_gap(prev: Option<char>, next: Option<char>) -> Option<&'static str> {
    let wide = |c: Option<char>| c.is_some_and(is_wide);
    if wide(prev) && wide(next) {
        None
    } else {
        Some(" ")
    }
}

/// CJK characters and full-width punctuation: no space is implied between them.
fn is_wide(c: char) -> bool {
    matches!(u32::from(c), 0x2E80..=0x9FFF | 0xF900..=0xFAFF | 0xFE30..=0xFE4F | 0xFF00..=0xFFEF | 0x20000..=0x3FFFF)
        || matches!(c, '“' | '”' | '‘' | '’' | '…' | '—' | '·')
}

#[cfg(test)]
mod tests {
    use super::*;

    fn blocks(text: &str) -> Vec<Block> {
        split(text, None, &|_| None).blocks
    }

    #[test]
    fn blank_line_separates_paragraphs_and_hashes_make_subheads() {
        let b = blocks("### 小标题\n第一段\n接着。\n\n第二段 with\nLatin");
        assert_eq!(b.len(), 3);
        assert_eq!(b[0].kind, BlockKind::Subhead);
        assert_eq!(b[1].text, "第一段接着。");
        assert_eq!(b[2].text, "第二段 with Latin");
    }

    #[test]
    fn blocks_remember_their_source_line() {
        let b = split("\n\n段落", Some((PathBuf::from("a.txt"), 1)), &|_| None).blocks;
        assert_eq!(b[0].loc.as_ref().unwrap().line, 3);
    }

    fn lookup(name: &str) -> Option<Tag> {
        match name {
            "kai" => Some(Tag::Face(markup::Face::Font(
                crate::fonts::Builtin::Kai.id(),
            ))),
            "lead" => Some(Tag::Paragraph(ParStyle::Lead)),
            _ => None,
        }
    }

    #[test]
    fn a_cut_paragraph_and_a_lead_keep_their_styling_in_place() {
        let b = &split("{lead}甲乙{kai}丙丁{/}戊", None, &lookup).blocks[0];
        assert_eq!(b.style, Some(ParStyle::Lead));
        let t = b.tail("甲乙丙".len());
        assert_eq!(t.text, "丁戊");
        assert!(t.continued);
        assert_eq!((t.runs[0].start, t.runs[0].end), (0, "丁".len()));
        let mut p = b.clone();
        p.prepend("（上接A1版）");
        let r = p.runs[0];
        assert_eq!(&p.text[r.start..r.end], "丙丁");
    }

    #[test]
    fn markup_in_a_subhead_is_reported_and_its_text_kept() {
        let s = split(
            "### 小{kai}标题{/}\n正文",
            Some((PathBuf::from("a.txt"), 1)),
            &lookup,
        );
        assert_eq!(s.blocks[0].text, "小标题");
        assert!(s.blocks[0].runs.is_empty());
        assert_eq!(s.warnings.0.len(), 1);
        assert_eq!(s.warnings.0[0].code, Code::TextMarkup);
    }
}
