//! Jumps across the pages of an edition: which page continues which, the order that
//! follows (a page that continues another is built after it, in a later wave), and the
//! text handed from one to the other.
//!
//! Pages are built in waves: the first holds every page that continues nothing, the
//! next the pages that continue only pages already built, and so on; each wave is
//! built in parallel. A page that continues one not in the edition (or a cycle) is
//! built in the last wave and gets a warning from layout that nothing jumped to it.

use super::{EditionPage, PageOutcome};
use crate::compose::jumps::Continuations;
use crate::diag::Code;
use crate::diag::{Diagnostic, Diagnostics, SourceLoc};
use crate::spec::SpecFile;
use serde::{Deserialize, Serialize};

/// A jump as the report lists it.
#[derive(Clone, Debug, Serialize, Deserialize, PartialEq)]
pub struct JumpReport {
    /// Id of the article on this page whose text jumps.
    pub article: String,
    /// The page label the text continues on.
    pub to: String,
    /// Visible (non-space) characters handed on to that page.
    pub chars: usize,
}

/// Each page's spec, parsed (`None` when it does not parse: its build will fail with
/// the proper error).
pub fn scan(ed: &[EditionPage]) -> Vec<Option<SpecFile>> {
    ed.iter()
        .map(|p| {
            let disk = p.access.disk(&p.spec).ok()?;
            crate::spec::load(&crate::files::Files::new(&disk), &p.spec).ok()
        })
        .collect()
}

/// For each page, the (page label, article id) pairs it continues.
pub fn continued_by_page(specs: &[Option<SpecFile>]) -> Vec<Vec<(String, String)>> {
    specs
        .iter()
        .map(|file| {
            let mut from: Vec<(String, String)> = file
                .iter()
                .flat_map(|f| &f.spec.articles)
                .filter_map(|a| a.continued_from.as_ref())
                .map(|c| {
                    (
                        c.page.get_ref().trim().to_string(),
                        c.article.get_ref().clone(),
                    )
                })
                .collect();
            from.sort();
            from
        })
        .collect()
}

/// Jumps that lead nowhere: to a page not in the edition, or to a page with no article
/// that continues them (their text would be lost). Located at the `jump_to` key.
pub fn check(ed: &[EditionPage], specs: &[Option<SpecFile>]) -> Diagnostics {
    let continued = continued_by_page(specs);
    let mut warnings = Diagnostics::default();
    for (page, file) in ed.iter().zip(specs) {
        let Some(file) = file else { continue };
        for a in &file.spec.articles {
            let Some(to) = &a.jump_to else { continue };
            let id = a.id.as_ref().map_or("", |i| i.get_ref().as_str());
            let target = ed.iter().position(|p| p.label == to.get_ref().trim());
            let taken = target.is_some_and(|t| {
                continued[t]
                    .iter()
                    .any(|(l, art)| *l == page.label && art == id)
            });
            let why = match (target, taken) {
                (None, _) => "which is not in this edition",
                (Some(_), false) => "but no article there continues it",
                _ => continue,
            };
            let loc = SourceLoc::from_offset(&file.path, &file.source, to.span().start);
            warnings.push(
                Diagnostic::new(
                    Code::EditionJump,
                    format!("article `{id}` of page {} jumps to page {}, {why}", page.label, to.get_ref()),
                )
                .at(Some(loc))
                .hint(format!(
                    "page {} needs an article with continued_from = {{ page = \"{}\", article = \"{id}\" }}",
                    to.get_ref(),
                    page.label
                )),
            );
        }
    }
    warnings
}

/// Page indexes in build order: each wave after the pages it continues.
pub fn waves(ed: &[EditionPage], continued: &[Vec<(String, String)>]) -> Vec<Vec<usize>> {
    let index = |label: &str| ed.iter().position(|p| p.label == label);
    let mut wave: Vec<Option<usize>> = continued
        .iter()
        .map(|c| c.is_empty().then_some(0))
        .collect();
    // Each pass places the pages whose sources are all placed; at most one pass per page.
    for _ in 0..ed.len() {
        let mut changed = false;
        for i in 0..ed.len() {
            if wave[i].is_some() {
                continue;
            }
            let sources: Option<Vec<usize>> = continued[i]
                .iter()
                .map(|(label, _)| index(label).and_then(|j| wave[j]))
                .collect();
            if let Some(s) = sources {
                wave[i] = Some(s.into_iter().max().unwrap_or(0) + 1);
                changed = true;
            }
        }
        if !changed {
            break;
        }
    }
    let last = wave.iter().flatten().max().map_or(0, |m| m + 1);
    let mut out: Vec<Vec<usize>> = vec![Vec::new(); last + 1];
    for (i, w) in wave.iter().enumerate() {
        out[w.unwrap_or(last)].push(i);
    }
    out.retain(|w| !w.is_empty());
    out
}

/// The layout options that hand `continued` to the pages that continue others.
pub fn options(continued: &Continuations, page: &EditionPage) -> crate::BuildOptions {
    crate::BuildOptions {
        continued: Some(std::sync::Arc::new(continued.clone())),
        access: page.access.clone(),
        limits: page.limits,
        ..Default::default()
    }
}

/// What a continued page's key must also cover: the text it receives.
pub fn key_extra(from: &[(String, String)], continued: &Continuations) -> Vec<u8> {
    let mut extra = Vec::new();
    for key in from {
        extra.extend_from_slice(format!("\0from\0{}\0{}\0", key.0, key.1).as_bytes());
        for b in continued.get(key).into_iter().flatten() {
            extra.extend_from_slice(b.text.as_bytes());
            extra.push(0);
        }
    }
    extra
}

/// Takes the text that jumped from a built page into `continued`. A reused page that
/// others continue is laid out again (no PDF) to know its text.
pub(super) fn collect(
    page: &EditionPage,
    o: &mut PageOutcome,
    needed: bool,
    continued: &mut Continuations,
) -> Result<(), Diagnostics> {
    if !needed {
        return Ok(());
    }
    if o.laid.is_none() && o.report.reused {
        o.laid = Some(crate::lay_out_with(&page.spec, &options(continued, page))?);
    }
    let Some(laid) = &o.laid else { return Ok(()) };
    for j in &laid.composed.jumps {
        continued.insert((page.label.clone(), j.article.clone()), j.blocks.clone());
    }
    Ok(())
}

/// The jumps of a laid-out page, for its report.
pub fn report(laid: &crate::LaidOut) -> Vec<JumpReport> {
    laid.composed
        .jumps
        .iter()
        .map(|j| JumpReport {
            article: j.article.clone(),
            to: j.to.clone(),
            chars: j.chars,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pages(labels: &[&str]) -> Vec<EditionPage> {
        labels
            .iter()
            .map(|l| EditionPage {
                label: l.to_string(),
                spec: Default::default(),
                access: Default::default(),
                limits: Default::default(),
            })
            .collect()
    }

    #[test]
    fn a_continuation_is_built_after_its_source() {
        let ed = pages(&["A01", "A02", "A03"]);
        let from = |l: &str| vec![(l.to_string(), "main".to_string())];
        let continued = vec![Vec::new(), from("A03"), from("A01")];
        assert_eq!(waves(&ed, &continued), vec![vec![0], vec![2], vec![1]]);
    }

    #[test]
    fn an_unknown_source_goes_last_and_a_cycle_does_not_hang() {
        let ed = pages(&["A01", "A02"]);
        let from = |l: &str| vec![(l.to_string(), "x".to_string())];
        assert_eq!(
            waves(&ed, &[Vec::new(), from("Z9")]),
            vec![vec![0], vec![1]]
        );
        assert_eq!(waves(&ed, &[from("A02"), from("A01")]), vec![vec![0, 1]]);
    }
}
