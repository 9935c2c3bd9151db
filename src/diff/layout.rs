//! Comparing two laid-out pages (layout dumps): which lines' text changed, which lines
//! moved, which items were added or removed.
//!
//! Set lines are matched in three passes, each over what the previous left: the same
//! line (article, text, position) is unchanged; the same text in the same article
//! elsewhere has moved; the same grid slot (article, column, line) with other text has
//! changed. What is left was added or removed. Items other than set lines (heads,
//! captions, rules, photos) are matched whole; text runs that belong to a set line are
//! left to the line passes so a change is not reported twice.

use super::{Change, ChangeKind};
use crate::dump::{GridDump, ItemDump, LineDump, PageDump};

/// A set line with the article it belongs to.
#[derive(Clone, Copy)]
struct Line<'a> {
    article: &'a str,
    line: &'a LineDump,
}

pub fn compare(a: &PageDump, b: &PageDump) -> Vec<Change> {
    let mut changes = Vec::new();
    if a.media != b.media || a.trim != b.trim {
        changes.push(Change {
            kind: ChangeKind::PageSize,
            detail: format!("page size {:?} → {:?}", &a.media[2..], &b.media[2..]),
            before: Some(a.media),
            after: Some(b.media),
        });
    }
    compare_lines(a, b, &mut changes);
    compare_items(a, b, &mut changes);
    // Warnings compare by what they say, not by the path the spec was reached by.
    let said = |p: &PageDump| -> Vec<(String, String, Option<String>)> {
        p.warnings
            .iter()
            .map(|w| (w.code.clone(), w.message.clone(), w.context.clone()))
            .collect()
    };
    if said(a) != said(b) {
        changes.push(Change {
            kind: ChangeKind::Warnings,
            detail: format!("warnings: {} → {}", a.warnings.len(), b.warnings.len()),
            before: None,
            after: None,
        });
    }
    changes
}

fn lines(p: &PageDump) -> Vec<Line<'_>> {
    p.articles
        .iter()
        .flat_map(|a| {
            a.lines.iter().map(move |line| Line {
                article: &a.id,
                line,
            })
        })
        .collect()
}

/// Removes from `a` and `b` the pairs `same` accepts (first match in order) and returns them.
fn take_pairs<'a>(
    a: &mut Vec<Line<'a>>,
    b: &mut Vec<Line<'a>>,
    same: impl Fn(&Line<'_>, &Line<'_>) -> bool,
) -> Vec<(Line<'a>, Line<'a>)> {
    let mut pairs = Vec::new();
    let mut i = 0;
    while i < a.len() {
        match b.iter().position(|y| same(&a[i], y)) {
            Some(j) => pairs.push((a.remove(i), b.remove(j))),
            None => i += 1,
        }
    }
    pairs
}

fn compare_lines(pa: &PageDump, pb: &PageDump, out: &mut Vec<Change>) {
    let (mut a, mut b) = (lines(pa), lines(pb));
    let slot = |x: &Line<'_>, y: &Line<'_>| {
        x.article == y.article && x.line.column == y.line.column && x.line.line == y.line.line
    };
    take_pairs(&mut a, &mut b, |x, y| {
        x.article == y.article && x.line == y.line
    });
    let moved = take_pairs(&mut a, &mut b, |x, y| {
        x.article == y.article && x.line.text == y.line.text
    });
    let changed = take_pairs(&mut a, &mut b, slot);
    for (x, y) in changed {
        out.push(line_change(ChangeKind::TextChanged, &x, Some(&y), pa, pb));
    }
    for (x, y) in moved {
        out.push(line_change(ChangeKind::LineMoved, &x, Some(&y), pa, pb));
    }
    for x in a {
        out.push(line_change(ChangeKind::LineRemoved, &x, None, pa, pb));
    }
    for y in b {
        let mut c = line_change(ChangeKind::LineAdded, &y, None, pb, pb);
        c.after = c.before.take();
        out.push(c);
    }
}

fn line_change(
    kind: ChangeKind,
    x: &Line<'_>,
    y: Option<&Line<'_>>,
    pa: &PageDump,
    pb: &PageDump,
) -> Change {
    // As the spec counts: columns from 1, grid lines from 0.
    let at = |l: &LineDump| format!("column {} line {}", l.column + 1, l.line);
    let detail = match (kind, y) {
        (ChangeKind::TextChanged, Some(y)) => format!(
            "article `{}`, {}: text changed: “{}” → “{}”",
            x.article,
            at(x.line),
            x.line.text,
            y.line.text
        ),
        (ChangeKind::LineMoved, Some(y)) => format!(
            "article `{}`: line “{}” moved from {} to {}",
            x.article,
            short(&x.line.text),
            at(x.line),
            at(y.line)
        ),
        (ChangeKind::LineRemoved, _) => format!(
            "article `{}`, {}: line removed: “{}”",
            x.article,
            at(x.line),
            x.line.text
        ),
        _ => format!(
            "article `{}`, {}: line added: “{}”",
            x.article,
            at(x.line),
            x.line.text
        ),
    };
    Change {
        kind,
        detail,
        before: Some(x.line.bounds(&pa.grid)),
        after: y.map(|y| y.line.bounds(&pb.grid)),
    }
}

fn short(s: &str) -> String {
    let head: String = s.chars().take(12).collect();
    if head.len() < s.len() {
        format!("{head}…")
    } else {
        head
    }
}

/// True for a text run that is (part of) one of the page's set lines.
fn on_a_set_line(item: &ItemDump, page: &PageDump) -> bool {
    let ItemDump::Text { x, y, .. } = item else {
        return false;
    };
    page.articles
        .iter()
        .flat_map(|a| &a.lines)
        .any(|l| (l.baseline - y).abs() < 0.01 && *x >= l.x - 0.01 && *x <= l.x + l.measure + 0.01)
}

fn compare_items(pa: &PageDump, pb: &PageDump, out: &mut Vec<Change>) {
    let own = |p: &'_ PageDump| -> Vec<ItemDump> {
        p.items
            .iter()
            .filter(|i| !on_a_set_line(i, p))
            .cloned()
            .collect()
    };
    let (mut a, mut b) = (own(pa), own(pb));
    a.retain(|x| match b.iter().position(|y| y == x) {
        Some(j) => {
            b.remove(j);
            false
        }
        None => true,
    });
    // A text replaced in place (a head, a caption) is one change, not two.
    a.retain(|x| {
        let Some(j) = b.iter().position(|y| same_place(x, y)) else {
            return true;
        };
        let y = b.remove(j);
        out.push(text_replaced(x, &y));
        false
    });
    for x in a {
        out.push(item_change(ChangeKind::ItemRemoved, &x, &pa.grid));
    }
    for y in b {
        let mut c = item_change(ChangeKind::ItemAdded, &y, &pb.grid);
        c.after = c.before.take();
        out.push(c);
    }
}

/// Two text runs starting at the same point.
fn same_place(a: &ItemDump, b: &ItemDump) -> bool {
    match (a, b) {
        (ItemDump::Text { x, y, .. }, ItemDump::Text { x: x2, y: y2, .. }) => {
            (x - x2).abs() < 0.01 && (y - y2).abs() < 0.01
        }
        _ => false,
    }
}

fn text_replaced(a: &ItemDump, b: &ItemDump) -> Change {
    let text = |i: &ItemDump| match i {
        ItemDump::Text { text, .. } => text.clone(),
        _ => String::new(),
    };
    Change {
        kind: ChangeKind::TextChanged,
        detail: format!("text changed: “{}” → “{}”", text(a), text(b)),
        before: Some(a.bounds()),
        after: Some(b.bounds()),
    }
}

fn item_change(kind: ChangeKind, item: &ItemDump, _grid: &GridDump) -> Change {
    let what = match item {
        ItemDump::Text { text, .. } => format!("text “{text}”"),
        ItemDump::Rect { rect, .. } => format!("rectangle at {:?}", &rect[..2]),
        ItemDump::Line { from, .. } => format!("rule from {from:?}"),
        ItemDump::Circle { center, .. } => format!("circle at {center:?}"),
        ItemDump::Image { pixels, .. } => format!("image {}×{} px", pixels[0], pixels[1]),
        ItemDump::Graphic { file, .. } => format!("graphic {file}"),
        ItemDump::Span { text } => format!("reading span “{text}”"),
        ItemDump::End => "end of a reading span".to_string(),
    };
    let verb = if kind == ChangeKind::ItemAdded {
        "added"
    } else {
        "removed"
    };
    Change {
        kind,
        detail: format!("{what} {verb}"),
        before: Some(item.bounds()),
        after: None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dump::ArticleDump;

    fn page(lines: &[(usize, &str)]) -> PageDump {
        let line = |&(n, text): &(usize, &str)| LineDump {
            column: 0,
            line: n,
            kind: "body".into(),
            x: 10.0,
            baseline: 20.0 + 13.0 * n as f64,
            measure: 126.0,
            text: text.into(),
        };
        PageDump {
            label: "A01".into(),
            media: [0.0, 0.0, 100.0, 100.0],
            trim: [0.0, 0.0, 100.0, 100.0],
            grid: GridDump {
                columns: 1,
                lines: 10,
                column_width: 126.0,
                line_pitch: 13.0,
                body_size: 9.0,
            },
            items: Vec::new(),
            articles: vec![ArticleDump {
                id: "a".into(),
                slots: 10,
                slots_used: lines.len(),
                overset_chars: 0,
                lines: lines.iter().map(line).collect(),
            }],
            warnings: Vec::new(),
        }
    }

    fn kinds(a: &PageDump, b: &PageDump) -> Vec<ChangeKind> {
        compare(a, b).into_iter().map(|c| c.kind).collect()
    }

    #[test]
    fn a_line_pushed_down_has_moved_and_the_new_one_is_added() {
        let a = page(&[(0, "甲"), (1, "乙")]);
        let b = page(&[(0, "新"), (1, "甲"), (2, "乙")]);
        let k = kinds(&a, &b);
        assert_eq!(
            k,
            [
                ChangeKind::LineMoved,
                ChangeKind::LineMoved,
                ChangeKind::LineAdded
            ]
        );
    }

    #[test]
    fn same_slot_other_text_is_a_text_change() {
        let a = page(&[(0, "十二个")]);
        let b = page(&[(0, "十三个")]);
        assert_eq!(kinds(&a, &b), [ChangeKind::TextChanged]);
        assert!(compare(&a, &a).is_empty());
    }
}
