//! The edition file: which paper, which day, and its pages in order.
//!
//! ```toml
//! [edition]
//! paper = "鲁中晨报"
//! date = "2020-12-04"
//! number = 7215
//!
//! [[page]]
//! label = "A01"
//! spec = "a01/page.toml"   # relative to this file's folder
//! ```
//!
//! In: the file's path. Out: an [`Edition`] with every page's spec path resolved, or
//! diagnostics with file:line:col (unknown key, duplicate or unusable label, no pages).

use crate::diag::Code;
use crate::diag::{Diagnostic, Diagnostics, SourceLoc};
use crate::files::{FileKind, Files};
use crate::spec::{parse_toml, S};
use serde::Deserialize;
use std::path::{Path, PathBuf};

#[derive(Debug, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct EditionFile {
    /// The paper, the date and the issue number.
    edition: Meta,
    /// The pages in order, each `label` (A01…) and `spec` (relative to this file).
    #[serde(default, rename = "page")]
    pages: Vec<PageEntry>,
}

/// What the edition is: printed in the combined PDF's title and the report.
#[derive(Clone, Debug, Default, Deserialize, serde::Serialize, PartialEq, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Meta {
    /// The paper's name, e.g. "鲁中晨报" (optional).
    #[serde(default)]
    pub paper: String,
    /// The edition's date as printed, e.g. "2020-12-04" (optional).
    #[serde(default)]
    pub date: String,
    /// The issue number (期号), e.g. 7215 (optional); issue numbers count from 1.
    #[serde(default, deserialize_with = "issue_number")]
    pub number: Option<std::num::NonZeroU32>,
}

/// An issue number: 1 or more (a 第0期 or 第-1期 is a typing error), said in words at
/// the value rather than as serde's "expected a nonzero u32".
fn issue_number<'de, D: serde::Deserializer<'de>>(
    d: D,
) -> Result<Option<std::num::NonZeroU32>, D::Error> {
    let n = i64::deserialize(d)?;
    u32::try_from(n)
        .ok()
        .and_then(std::num::NonZeroU32::new)
        .map(Some)
        .ok_or_else(|| {
            serde::de::Error::custom(format!(
                "an issue number of {n}: issue numbers count from 1 (to {})",
                u32::MAX
            ))
        })
}

#[derive(Debug, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
struct PageEntry {
    /// The page's label (A01, B04…): also its file name in the output folder.
    label: S<String>,
    /// The page spec, relative to the edition file.
    spec: S<String>,
}

/// An edition, resolved.
#[derive(Clone, Debug)]
pub struct Edition {
    /// The edition file's path.
    pub path: PathBuf,
    /// Paper, date and issue number from `[edition]`.
    pub meta: Meta,
    /// The pages, in the order the edition file lists them.
    pub pages: Vec<EditionPage>,
    /// Which files the pages may read: by default everything inside the edition
    /// file's folder.
    pub access: crate::Access,
    /// The budgets of each page's build.
    pub limits: crate::files::Limits,
}

/// One page of an edition.
#[derive(Clone, Debug)]
pub struct EditionPage {
    /// Page label (A01, B04, …): also the page's file name in the output folder.
    pub label: String,
    /// The page spec's path (the edition file's `spec`, joined to its folder).
    pub spec: PathBuf,
    /// Which files the page may read (the edition's [`Edition::access`]).
    pub access: crate::Access,
    /// The budgets of the page's build (the edition's [`Edition::limits`]).
    pub limits: crate::files::Limits,
}

impl Edition {
    /// The title of the combined PDF.
    pub fn title(&self) -> String {
        let mut parts = vec![self.meta.paper.clone(), self.meta.date.clone()];
        if let Some(n) = self.meta.number {
            parts.push(format!("第{n}期"));
        }
        parts.retain(|p| !p.is_empty());
        parts.join(" ")
    }
}

/// Reads and checks an edition file. `access` is what the command line allows; the
/// default confines the edition and its pages to the edition file's folder.
pub fn load(path: &Path, access: &crate::Access) -> Result<Edition, Diagnostics> {
    load_with(path, access, &crate::files::Limits::DEFAULT)
}

/// [`load`] within `limits` (the edition file's size, its number of pages, and each
/// page's budgets).
pub fn load_with(
    path: &Path,
    access: &crate::Access,
    limits: &crate::files::Limits,
) -> Result<Edition, Diagnostics> {
    let access = match access {
        crate::Access::SpecFolder => {
            crate::Access::Root(path.parent().unwrap_or(Path::new(".")).to_path_buf())
        }
        other => other.clone(),
    };
    let disk = access.disk(path)?;
    let source = Files::with_limits(&disk, *limits)
        .read_text(path, FileKind::Spec)
        .map_err(|d| crate::spec::locate_at_start(d, path))?;
    let file: EditionFile = parse_toml(path, &source)?;
    let dir = path.parent().unwrap_or(Path::new(""));
    let loc = |offset: usize| Some(SourceLoc::from_offset(path, &source, offset));
    let mut errors = Diagnostics::default();
    let mut pages: Vec<EditionPage> = Vec::new();
    if file.pages.is_empty() {
        errors.push(
            Diagnostic::new(Code::EditionNoPages, "the edition lists no pages")
                .at(loc(0))
                .hint("add a [[page]] table with `label` and `spec` for each page"),
        );
    }
    let most = usize::try_from(limits.edition_pages).unwrap_or(usize::MAX);
    if let Some(over) = file.pages.get(most) {
        errors.push(
            Diagnostic::new(
                Code::EditionTooManyPages,
                format!(
                    "the edition lists {} pages; the limit is {most}",
                    file.pages.len()
                ),
            )
            .at(loc(over.label.span().start))
            .hint("split the edition into several files (a trusted desk may raise the limit with --limit edition-pages=N)"),
        );
        return Err(errors);
    }
    for p in &file.pages {
        let label = p.label.get_ref();
        if let Some(why) = label_problem(label) {
            errors.push(
                Diagnostic::new(Code::EditionBadLabel, format!("page label `{label}` {why}"))
                    .at(loc(p.label.span().start))
                    .hint("use letters, digits, `-` and `_`, e.g. A01"),
            );
        } else if pages.iter().any(|q| q.label == *label) {
            errors.push(
                Diagnostic::new(
                    Code::EditionDuplicateLabel,
                    format!("page `{label}` is listed twice"),
                )
                .at(loc(p.label.span().start))
                .hint("each page of an edition needs its own label"),
            );
        }
        pages.push(EditionPage {
            label: label.clone(),
            spec: dir.join(p.spec.get_ref()),
            access: access.clone(),
            limits: *limits,
        });
    }
    if errors.is_empty() {
        Ok(Edition {
            path: path.to_path_buf(),
            meta: file.edition,
            pages,
            access,
            limits: *limits,
        })
    } else {
        Err(errors)
    }
}

/// Labels name output files, so they must be plain and short.
fn label_problem(label: &str) -> Option<&'static str> {
    if label.is_empty() {
        Some("is empty")
    } else if label.eq_ignore_ascii_case("edition") {
        Some("is reserved: `edition.pdf` is the combined PDF of the edition")
    } else if label.len() > 32 {
        Some("is longer than 32 characters")
    } else if !label
        .chars()
        .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
    {
        Some("may hold only ASCII letters, digits, `-` and `_`")
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_must_be_file_name_safe() {
        assert!(label_problem("A01").is_none());
        assert!(label_problem("../x").is_some());
        assert!(label_problem("").is_some());
        assert!(label_problem("edition").is_some());
        assert!(label_problem("Edition").is_some());
        assert!(label_problem("版1").is_some());
    }

    #[test]
    fn an_issue_number_below_one_is_an_error_at_its_value() {
        let file = |n: &str| {
            format!("[edition]\npaper = \"鲁中晨报\"\nnumber = {n}\n\n[[page]]\nlabel = \"A01\"\nspec = \"a.toml\"\n")
        };
        for bad in ["0", "-1", "4294967296"] {
            let e = parse_toml::<EditionFile>(Path::new("e.toml"), &file(bad)).unwrap_err();
            assert_eq!(e.code, Code::SpecToml);
            assert!(
                e.message.contains("issue numbers count from 1"),
                "{}",
                e.message
            );
            let loc = e.loc.expect("located");
            assert_eq!((loc.line, loc.column), (3, 10), "{bad}");
        }
        let ok = parse_toml::<EditionFile>(Path::new("e.toml"), &file("7215")).unwrap();
        assert_eq!(ok.edition.number.map(|n| n.get()), Some(7215));
        let none = parse_toml::<EditionFile>(
            Path::new("e.toml"),
            "[edition]\npaper = \"x\"\n\n[[page]]\nlabel = \"A01\"\nspec = \"a.toml\"\n",
        )
        .unwrap();
        assert_eq!(none.edition.number, None);
    }
}
