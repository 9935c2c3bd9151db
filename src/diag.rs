//! One diagnostic type for the whole pipeline: severity, message, where, and a hint.
//!
//! Fatal problems come back as `Err(Diagnostics)`; warnings come back beside the output
//! (overset text, missing glyphs, low-resolution photos) and are printed by the CLI.

use crate::display::Rect;
use serde::Serialize;
use std::fmt;
use std::path::{Path, PathBuf};

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Warning,
    Error,
}

/// A place in a spec (or text) file: 1-based line and column (column counted in characters).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct SourceLoc {
    pub file: PathBuf,
    pub line: usize,
    pub column: usize,
}

impl SourceLoc {
    /// Turns a byte offset into `source` into a line and column.
    pub fn from_offset(file: &Path, source: &str, offset: usize) -> SourceLoc {
        let offset = floor_char_boundary(source, offset.min(source.len()));
        let before = &source[..offset];
        let line = before.matches('\n').count() + 1;
        let line_start = before.rfind('\n').map_or(0, |i| i + 1);
        let column = source[line_start..offset].chars().count() + 1;
        SourceLoc {
            file: file.to_path_buf(),
            line,
            column,
        }
    }
}

fn floor_char_boundary(s: &str, mut i: usize) -> usize {
    while i > 0 && !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

impl fmt::Display for SourceLoc {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}:{}", self.file.display(), self.line, self.column)
    }
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Diagnostic {
    pub severity: Severity,
    /// A short machine-readable kind, e.g. `spec.unknown-key`, `text.overset`.
    pub code: &'static str,
    pub message: String,
    /// Where in the spec or text files, when known.
    pub loc: Option<SourceLoc>,
    /// Where on the page, in plain words (article, paragraph, column), when known.
    pub context: Option<String>,
    /// What to do about it.
    pub hint: Option<String>,
    /// Where on the page it shows, in points from the media box's top left, when the
    /// stage that found it knows (the proof draws its numbered box there).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub area: Option<Rect>,
}

impl Diagnostic {
    pub fn error(code: &'static str, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Error,
            code,
            message: message.into(),
            loc: None,
            context: None,
            hint: None,
            area: None,
        }
    }
    pub fn warning(code: &'static str, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Warning,
            ..Diagnostic::error(code, message)
        }
    }
    pub fn at(mut self, loc: Option<SourceLoc>) -> Self {
        self.loc = loc;
        self
    }
    pub fn context(mut self, context: impl Into<String>) -> Self {
        self.context = Some(context.into());
        self
    }
    pub fn hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(hint.into());
        self
    }
    pub fn on_page(mut self, area: Rect) -> Self {
        self.area = Some(area);
        self
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let sev = match self.severity {
            Severity::Warning => "warning",
            Severity::Error => "error",
        };
        if let Some(loc) = &self.loc {
            write!(f, "{loc}: ")?;
        }
        write!(f, "{sev}: {}", self.message)?;
        if let Some(c) = &self.context {
            write!(f, "\n  in: {c}")?;
        }
        if let Some(h) = &self.hint {
            write!(f, "\n  hint: {h}")?;
        }
        Ok(())
    }
}

/// A list of diagnostics; the `Err` side of every fallible stage.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
#[serde(transparent)]
pub struct Diagnostics(pub Vec<Diagnostic>);

impl Diagnostics {
    pub fn push(&mut self, d: Diagnostic) {
        self.0.push(d);
    }
    pub fn has_errors(&self) -> bool {
        self.0.iter().any(|d| d.severity == Severity::Error)
    }
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
    pub fn iter(&self) -> std::slice::Iter<'_, Diagnostic> {
        self.0.iter()
    }
    pub fn extend(&mut self, other: Diagnostics) {
        self.0.extend(other.0);
    }
}

impl From<Diagnostic> for Diagnostics {
    fn from(d: Diagnostic) -> Self {
        Diagnostics(vec![d])
    }
}

impl fmt::Display for Diagnostics {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, d) in self.0.iter().enumerate() {
            if i > 0 {
                writeln!(f)?;
            }
            write!(f, "{d}")?;
        }
        Ok(())
    }
}

impl std::error::Error for Diagnostics {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn offsets_become_line_and_character_column() {
        let src = "a = 1\n标题 = 2\n";
        let off = src.find('2').unwrap();
        let loc = SourceLoc::from_offset(Path::new("p.toml"), src, off);
        assert_eq!((loc.line, loc.column), (2, 6));
    }
}
