//! Loose lines (cjk-rules.md §4.3): a body line whose characters had to be spread more
//! than half an em apart is a located warning, boxed on the proof. The line breaker
//! avoids lines looser than 0.25 em per gap whenever a legal set of breaks allows; one
//! that is left means the text itself leaves no choice (a long address, an English
//! phrase with few spaces in a narrow column), and the editor should see it.

use super::article::ArticleReport;
use super::{Ctx, Out};
use crate::diag::{Code, Diagnostic};
use crate::display::Rect;
use crate::linebreak::Line;
use crate::resolve::Article;

/// Per-gap stretch above which a line is a warning, in em.
pub const WARN_EM: f64 = 0.5;

/// Inter-character expansion per gap of a justified line, in em of its size.
pub(super) fn stretch_em(l: &Line) -> f64 {
    if l.justified && l.size.0 > 0.0 {
        l.expansion.0 / l.size.0
    } else {
        0.0
    }
}

/// One warning per loose body line, at the paragraph's place in the spec and the line's
/// place on the page.
pub(super) fn warn(cx: &Ctx, a: &Article, report: &ArticleReport, out: &mut Out) {
    for l in report.lines.iter().filter(|l| l.stretch_em > WARN_EM) {
        let pitch = cx.frame.grid.line_pitch;
        let area = Rect {
            x: l.x,
            y: l.baseline - pitch * 0.8,
            w: l.measure,
            h: pitch,
        };
        out.warnings.push(
            Diagnostic::new(
                Code::TextLooseLine,
                format!(
                    "a line of article `{}` is stretched {:.2} em per gap (more than 0.5): {}",
                    a.id, l.stretch_em, l.text
                ),
            )
            .at(a.blocks.get(l.block).and_then(|b| b.loc.clone()).or_else(|| a.loc.clone()))
            .context(format!(
                "article `{}`, paragraph {}, column {} line {}",
                a.id,
                l.block + 1,
                l.column + 1,
                l.line + 1
            ))
            .on_page(area)
            .hint("nothing legal avoided it: rephrase or shorten the passage, break the address or word in the text, or widen the column"),
        );
    }
}
