//! Inline markup of the body format: a paragraph's source lines in, its plain text with
//! styled runs (and its paragraph style) out, plus a located problem for every piece of
//! markup that is unbalanced or unknown. Markup that cannot be applied is kept as text:
//! nothing the desk typed is ever dropped.
//!
//! The markup (docs/spec.md §8, "Inline markup"):
//! - `**…**` strong (the paragraph style's `strong` face, 黑体 unless set);
//! - `{name}…{/}` (or `{/name}`): a face (`kai`, `hei`, a `[[fonts]]` name…), `bold`,
//!   `dots` (着重号), `sup` (superscript); spans nest;
//! - `{lead}` and the other paragraph styles, at the very start of a paragraph;
//! - `\*`, `\{`, `\}`, `\\`: the character itself.
//!
//! Two passes: the lines are read into tokens (text, tags, line joins), then openers
//! are paired with closers on a stack; an opener left without its closer (or a closer
//! without an opener) becomes text again and is reported.

use super::body::join_gap;
use crate::fonts::FontId;

/// Longest name between braces that is read as markup; longer is plain text.
const MAX_TAG_CHARS: usize = 24;

/// A paragraph style a paragraph can be marked with (`{lead}` …).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum ParStyle {
    /// 导语: the lead paragraph.
    Lead,
    /// 编者按: the editor's note.
    Note,
    /// 引文: a block quotation, indented both sides.
    Quote,
    /// 条目: a numbered point with a hanging indent after its number.
    Point,
    /// 短讯: a brief whose first words are a run-in head.
    Brief,
}

impl ParStyle {
    /// Every style, in the order of docs/spec.md's table.
    pub const ALL: [ParStyle; 5] = [
        ParStyle::Lead,
        ParStyle::Note,
        ParStyle::Quote,
        ParStyle::Point,
        ParStyle::Brief,
    ];

    /// The name used in the spec (`[styles.lead]`) and in the text (`{lead}`).
    pub fn name(self) -> &'static str {
        match self {
            ParStyle::Lead => "lead",
            ParStyle::Note => "note",
            ParStyle::Quote => "quote",
            ParStyle::Point => "point",
            ParStyle::Brief => "brief",
        }
    }

    /// The Chinese name a desk may type instead (`{导语}` …).
    pub fn chinese(self) -> &'static str {
        match self {
            ParStyle::Lead => "导语",
            ParStyle::Note => "编者按",
            ParStyle::Quote => "引文",
            ParStyle::Point => "条目",
            ParStyle::Brief => "短讯",
        }
    }

    /// The style of a tag name, English or Chinese.
    pub fn from_tag(name: &str) -> Option<ParStyle> {
        ParStyle::ALL
            .into_iter()
            .find(|s| s.name() == name || s.chinese() == name)
    }
}

/// The face of an inline run.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Face {
    /// The paragraph's own face.
    #[default]
    Body,
    /// The paragraph style's strong face (`**…**`, `{bold}`).
    Strong,
    /// A face named in the markup (`{kai}`).
    Font(FontId),
}

/// Inline styling of a stretch of body text.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Inline {
    /// The face the stretch is set in.
    pub face: Face,
    /// Emphasis dots (着重号) under its ideographs.
    pub dots: bool,
    /// Set as a superscript.
    pub sup: bool,
}

/// A styled stretch of a paragraph: bytes `start..end` of its plain text. Text outside
/// every run is plain (the paragraph's face, no dots, on the baseline).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Run {
    /// First byte of the stretch in the paragraph's text.
    pub start: usize,
    /// One past its last byte.
    pub end: usize,
    /// How it is set.
    pub inline: Inline,
}

/// What a name between braces means.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Tag {
    /// An inline face (`{kai}`, `{bold}`).
    Face(Face),
    /// Emphasis dots.
    Dots,
    /// Superscript.
    Sup,
    /// A paragraph style (only at a paragraph's start).
    Paragraph(ParStyle),
}

/// One source line of a paragraph: its text as written and where it starts.
#[derive(Clone, Copy, Debug)]
pub struct SourceLine<'a> {
    /// The line's text, trimmed.
    pub raw: &'a str,
    /// Its number in the file (1-based).
    pub line: usize,
    /// The column (in characters, 1-based) of `raw`'s first character in the file.
    pub column: usize,
}

/// A piece of markup that could not be applied, where it is and what to do.
#[derive(Clone, Debug, PartialEq)]
pub struct Problem {
    /// Line number in the file (1-based).
    pub line: usize,
    /// Column in characters (1-based).
    pub column: usize,
    /// What is wrong.
    pub message: String,
    /// What to do about it.
    pub hint: &'static str,
}

/// A paragraph read from its markup.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Parsed {
    /// The paragraph style given by a tag at its start.
    pub style: Option<ParStyle>,
    /// The text without markup (escapes resolved, source lines joined).
    pub text: String,
    /// Styled stretches, in order, not overlapping.
    pub runs: Vec<Run>,
    /// Markup left as text, with the reason.
    pub problems: Vec<Problem>,
}

/// Where a token came from (for messages).
#[derive(Clone, Copy, Debug)]
struct At {
    line: usize,
    column: usize,
}

#[derive(Clone, Debug)]
enum Token {
    /// Characters as they are printed.
    Text(String),
    /// `**`.
    Star(At),
    /// `{name}` with what it means.
    Open(Tag, String, At),
    /// `{/}` or `{/name}`.
    Close(Option<Tag>, String, At),
    /// The end of a source line inside the paragraph.
    Join,
}

/// Reads a paragraph's lines. `lookup` tells what a name between braces means (faces
/// depend on the page's fonts); `None` for an unknown name.
pub fn parse(lines: &[SourceLine], lookup: &dyn Fn(&str) -> Option<Tag>) -> Parsed {
    let mut problems = Vec::new();
    let mut tokens = Vec::new();
    for (i, l) in lines.iter().enumerate() {
        if i > 0 {
            tokens.push(Token::Join);
        }
        lex(l, lookup, &mut tokens, &mut problems);
    }
    let (style, literal) = pair(&tokens, &mut problems);
    let (text, runs) = assemble(&tokens, &literal);
    problems.sort_by_key(|p| (p.line, p.column));
    Parsed {
        style,
        text,
        runs,
        problems,
    }
}

/// Splits one line into tokens. Unknown names in braces are reported and kept as text.
fn lex(
    l: &SourceLine,
    lookup: &dyn Fn(&str) -> Option<Tag>,
    out: &mut Vec<Token>,
    problems: &mut Vec<Problem>,
) {
    let chars: Vec<char> = l.raw.chars().collect();
    let mut text = String::new();
    let mut i = 0;
    let at = |i: usize| At {
        line: l.line,
        column: l.column + i,
    };
    let flush = |text: &mut String, out: &mut Vec<Token>| {
        if !text.is_empty() {
            out.push(Token::Text(std::mem::take(text)));
        }
    };
    while i < chars.len() {
        let c = chars[i];
        match (c, chars.get(i + 1).copied()) {
            ('\\', Some(n @ ('\\' | '*' | '{' | '}'))) => {
                text.push(n);
                i += 2;
            }
            ('*', Some('*')) => {
                flush(&mut text, out);
                out.push(Token::Star(at(i)));
                i += 2;
            }
            ('{', _) => match tag_at(&chars, i) {
                Some((name, end)) => {
                    let raw: String = chars[i..end].iter().collect();
                    match read_tag(&name, lookup) {
                        Ok(tok) => {
                            flush(&mut text, out);
                            out.push(match tok {
                                TagRead::Open(t) => Token::Open(t, raw, at(i)),
                                TagRead::Close(t) => Token::Close(t, raw, at(i)),
                            });
                        }
                        Err(()) => {
                            problems.push(unknown(&raw, at(i)));
                            text.push_str(&raw);
                        }
                    }
                    i = end;
                }
                None => {
                    text.push(c);
                    i += 1;
                }
            },
            _ => {
                text.push(c);
                i += 1;
            }
        }
    }
    flush(&mut text, out);
}

/// A `{…}` at `i` that looks like markup: its name and the index after `}`. Braces
/// around spaces, other braces or a long text are plain text, not markup.
fn tag_at(chars: &[char], i: usize) -> Option<(String, usize)> {
    let close = chars[i + 1..]
        .iter()
        .take(MAX_TAG_CHARS + 1)
        .position(|&c| c == '}')?;
    let name: String = chars[i + 1..i + 1 + close].iter().collect();
    let shaped = !name.is_empty() && !name.chars().any(|c| c.is_whitespace() || c == '{');
    shaped.then_some((name, i + close + 2))
}

enum TagRead {
    Open(Tag),
    Close(Option<Tag>),
}

fn read_tag(name: &str, lookup: &dyn Fn(&str) -> Option<Tag>) -> Result<TagRead, ()> {
    match name.strip_prefix('/') {
        Some("") => Ok(TagRead::Close(None)),
        Some(n) => lookup(n).map(|t| TagRead::Close(Some(t))).ok_or(()),
        None => lookup(name).map(TagRead::Open).ok_or(()),
    }
}

fn unknown(raw: &str, at: At) -> Problem {
    Problem {
        line: at.line,
        column: at.column,
        message: format!("unknown markup `{raw}`: printed as it is"),
        hint: "names: bold, kai, hei, song, song-bold, hei-bold or a [[fonts]] name, dots, sup; paragraph styles lead, note, quote, point, brief; write \\{ for a literal brace",
    }
}

/// What an opener on the stack is.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Opener {
    Star,
    Tag(Tag),
}

/// Pairs openers with closers. Returns the paragraph style and, per token, whether it
/// is printed as text (unbalanced or misplaced markup).
fn pair(tokens: &[Token], problems: &mut Vec<Problem>) -> (Option<ParStyle>, Vec<bool>) {
    let mut literal = vec![false; tokens.len()];
    let mut stack: Vec<(usize, Opener)> = Vec::new();
    let mut style = None;
    let mut at_start = true;
    for (k, t) in tokens.iter().enumerate() {
        match t {
            Token::Text(s) => at_start &= s.trim().is_empty(),
            Token::Join => {}
            Token::Open(Tag::Paragraph(p), raw, at) => {
                if at_start && style.is_none() {
                    style = Some(*p);
                } else {
                    literal[k] = true;
                    problems.push(Problem {
                        line: at.line,
                        column: at.column,
                        message: format!("paragraph style `{raw}` in the middle of a paragraph: printed as it is"),
                        hint: "put the paragraph style first on the paragraph's first line, once",
                    });
                }
            }
            Token::Open(tag, ..) => {
                at_start = false;
                stack.push((k, Opener::Tag(*tag)));
            }
            Token::Star(_) => {
                at_start = false;
                match stack.last() {
                    Some((_, Opener::Star)) => {
                        stack.pop();
                    }
                    _ => stack.push((k, Opener::Star)),
                }
            }
            Token::Close(name, raw, at) => {
                at_start = false;
                let fits = match (stack.last(), name) {
                    (Some((_, Opener::Tag(_))), None) => true,
                    (Some((_, Opener::Tag(open))), Some(n)) => open == n,
                    _ => false,
                };
                if fits {
                    stack.pop();
                } else {
                    literal[k] = true;
                    problems.push(stray_closer(raw, *at, stack.last().map(|s| &tokens[s.0])));
                }
            }
        }
    }
    for (k, _) in stack {
        literal[k] = true;
        problems.push(unclosed(&tokens[k]));
    }
    (style, literal)
}

fn stray_closer(raw: &str, at: At, open: Option<&Token>) -> Problem {
    let message = match open {
        None => format!("`{raw}` closes nothing: printed as it is"),
        Some(Token::Star(_)) => format!("`{raw}` inside `**…**`: printed as it is"),
        Some(Token::Open(_, o, _)) => format!("`{raw}` does not close `{o}`: printed as it is"),
        Some(_) => format!("`{raw}` is out of place: printed as it is"),
    };
    Problem {
        line: at.line,
        column: at.column,
        message,
        hint: "close spans in the reverse order they were opened ({kai}…{/}); write \\{ for a literal brace",
    }
}

fn unclosed(t: &Token) -> Problem {
    let (raw, at) = match t {
        Token::Star(at) => ("**", *at),
        Token::Open(_, raw, at) => (raw.as_str(), *at),
        _ => ("", At { line: 0, column: 0 }),
    };
    let hint = if raw == "**" {
        "close it with ** in the same paragraph, or write \\* for a literal asterisk"
    } else {
        "close it with {/} in the same paragraph, or write \\{ for a literal brace"
    };
    Problem {
        line: at.line,
        column: at.column,
        message: format!(
            "`{raw}` is not closed in its paragraph: printed as it is, the text after it unstyled"
        ),
        hint,
    }
}

/// The text and runs from tokens, with unbalanced markup printed as text and source
/// lines joined as plain text is (body.rs: no space between two CJK characters).
fn assemble(tokens: &[Token], literal: &[bool]) -> (String, Vec<Run>) {
    let mut text = String::new();
    let mut runs: Vec<Run> = Vec::new();
    let mut stack: Vec<Opener> = Vec::new();
    let mut push = |text: &mut String, s: &str, inline: Inline| {
        let start = text.len();
        text.push_str(s);
        if inline == Inline::default() || s.is_empty() {
            return;
        }
        match runs.last_mut() {
            Some(r) if r.end == start && r.inline == inline => r.end = text.len(),
            _ => runs.push(Run {
                start,
                end: text.len(),
                inline,
            }),
        }
    };
    for (k, t) in tokens.iter().enumerate() {
        let inline = inline_of(&stack);
        match t {
            _ if literal[k] => push(&mut text, raw_of(t), inline),
            Token::Text(s) => push(&mut text, s, inline),
            Token::Join => {
                let next = next_char(&tokens[k + 1..], &literal[k + 1..]);
                if let Some(gap) = join_gap(text.chars().last(), next) {
                    push(&mut text, gap, inline);
                }
            }
            Token::Open(Tag::Paragraph(_), ..) => {}
            Token::Open(tag, ..) => stack.push(Opener::Tag(*tag)),
            Token::Star(_) => {
                if stack.last() == Some(&Opener::Star) {
                    stack.pop();
                } else {
                    stack.push(Opener::Star);
                }
            }
            Token::Close(..) => {
                stack.pop();
            }
        }
    }
    (text, runs)
}

fn raw_of(t: &Token) -> &str {
    match t {
        Token::Text(s) | Token::Open(_, s, _) | Token::Close(_, s, _) => s,
        Token::Star(_) => "**",
        Token::Join => "",
    }
}

/// The first character printed after a line join.
fn next_char(tokens: &[Token], literal: &[bool]) -> Option<char> {
    tokens.iter().zip(literal).find_map(|(t, &lit)| match t {
        Token::Text(s) => s.chars().next(),
        _ if lit => raw_of(t).chars().next(),
        Token::Join => Some('\n'),
        _ => None,
    })
}

/// The styling in force under the open spans: the innermost face, dots and
/// superscript from any level.
fn inline_of(stack: &[Opener]) -> Inline {
    let mut inline = Inline::default();
    for o in stack {
        match o {
            Opener::Star => inline.face = Face::Strong,
            Opener::Tag(Tag::Face(f)) => inline.face = *f,
            Opener::Tag(Tag::Dots) => inline.dots = true,
            Opener::Tag(Tag::Sup) => inline.sup = true,
            Opener::Tag(Tag::Paragraph(_)) => {}
        }
    }
    inline
}

#[cfg(test)]
mod tests;
