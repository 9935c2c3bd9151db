//! Column flow: which grid line of which column each set line goes to.
//!
//! In: the article's pieces (paragraphs, subheads, the byline), each already broken into
//! lines, and the free grid-line slots of its columns in reading order (top to bottom,
//! left to right). Out: a slot for every line, or where the text ran out of room.
//! Pure bookkeeping, no fonts: the lines are broken once and only placed here, so the
//! balancing search below costs microseconds.
//!
//! Rules: a subhead and one line of space take consecutive slots in one column and keep
//! at least [`SUBHEAD_KEEP`] body lines after them; a paragraph's first line is not left
//! alone at the foot of a column (orphan) and its last line not alone at the head of the
//! next (widow) when a spare slot can avoid it; columns are balanced when the text is
//! shorter than the area. Between two pieces, the larger of the first's space below and
//! the second's space above is left blank (paragraph styles), except at a column's top
//! or foot, where space is never set.

/// Body lines a subhead needs after it in the same column (keep with next).
pub const SUBHEAD_KEEP: usize = 2;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Slot {
    pub column: usize,
    pub line: usize,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PieceKind {
    Paragraph,
    /// Its lines plus one line of space; kept with what follows.
    Subhead,
    /// Kept on consecutive lines of one column.
    Byline,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Piece {
    pub kind: PieceKind,
    pub lines: usize,
    /// Blank grid lines wanted before the piece and after it.
    pub space_above: usize,
    pub space_below: usize,
}

impl Piece {
    /// A piece of `lines` lines with no space of its own around it.
    pub fn new(kind: PieceKind, lines: usize) -> Piece {
        Piece {
            kind,
            lines,
            space_above: 0,
            space_below: 0,
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Placement {
    pub piece: usize,
    pub line: usize,
    pub slot: Slot,
}

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Flowed {
    pub placements: Vec<Placement>,
    /// The first piece and line that found no slot.
    pub overset: Option<(usize, usize)>,
    /// Slots left empty to avoid a widow or an orphan.
    pub spared: usize,
    /// Widows and orphans that could not be avoided.
    pub widows: usize,
    /// The lowest grid line the columns were allowed to reach (when balanced).
    pub limit: Option<usize>,
}

/// Flows the pieces through the slots, balancing the columns when everything fits.
pub fn flow(pieces: &[Piece], slots: &[Slot]) -> Flowed {
    let strict = place(pieces, slots, true);
    if strict.overset.is_some() {
        // Widow and orphan control must not push text off the page.
        let loose = place(pieces, slots, false);
        return if loose.overset.is_none() {
            loose
        } else {
            strict
        };
    }
    // Balance: the smallest bottom line that still takes everything.
    let (Some(lo), Some(hi)) = (
        slots.iter().map(|s| s.line).min(),
        slots.iter().map(|s| s.line + 1).max(),
    ) else {
        return strict;
    };
    let fits = |limit: usize| {
        let allowed: Vec<Slot> = slots.iter().copied().filter(|s| s.line < limit).collect();
        let f = place(pieces, &allowed, true);
        f.overset.is_none().then_some(Flowed {
            limit: Some(limit),
            ..f
        })
    };
    let top = hi;
    let (mut lo, mut hi) = (lo + 1, hi);
    let mut best = fits(hi).unwrap_or(strict);
    while lo < hi {
        let mid = (lo + hi) / 2;
        match fits(mid) {
            Some(f) => {
                best = f;
                hi = mid;
            }
            None => lo = mid + 1,
        }
    }
    // A lower bottom leaves a run under a picture with one or two lines and sends the
    // reader across the picture for them: move the bottom down until every such run
    // gets at least MIN_FRAGMENT lines (the short columns are filled first).
    let mut limit = best.limit.unwrap_or(top);
    while fragment(&best, slots) && limit < top {
        limit += 1;
        if let Some(f) = fits(limit) {
            best = f;
        }
    }
    best
}

/// The fewest lines balancing may leave in a run of a column below a picture or a box.
pub const MIN_FRAGMENT: usize = 3;

/// True when a run of slots that starts below something in its column (a picture, a
/// box) holds one or two lines of text though it has room for more.
fn fragment(f: &Flowed, slots: &[Slot]) -> bool {
    let mut start = 0;
    while start < slots.len() {
        let mut end = start;
        while !run_ends(slots, end) {
            end += 1;
        }
        let column = slots[start].column;
        let later = slots[..start].iter().any(|s| s.column == column);
        if later {
            let run = &slots[start..=end];
            let used = f
                .placements
                .iter()
                .filter(|p| run.contains(&p.slot))
                .count();
            if used > 0 && used < MIN_FRAGMENT && used < run.len() {
                return true;
            }
        }
        start = end + 1;
    }
    false
}

/// True when slot `i` is the last of its run of consecutive lines in one column.
fn run_ends(slots: &[Slot], i: usize) -> bool {
    match slots.get(i + 1) {
        Some(n) => n.column != slots[i].column || n.line != slots[i].line + 1,
        None => true,
    }
}

/// Index of the first of `n` consecutive slots in one column at or after `from`.
fn straight_run(slots: &[Slot], from: usize, n: usize) -> Option<usize> {
    (from..slots.len())
        .find(|&i| i + n <= slots.len() && (i..i + n - 1).all(|k| !run_ends(slots, k)))
}

fn place(pieces: &[Piece], slots: &[Slot], keep_rules: bool) -> Flowed {
    let mut out = Flowed::default();
    let mut next = 0;
    for (pi, piece) in pieces.iter().enumerate() {
        if let Some(prev) = pi.checked_sub(1).map(|p| &pieces[p]) {
            skip_space(slots, &mut next, prev.space_below.max(piece.space_above));
        }
        let result = match piece.kind {
            PieceKind::Subhead => place_subhead(pi, piece, slots, &mut next, &mut out),
            PieceKind::Byline => place_straight(pi, piece.lines, slots, &mut next, &mut out),
            PieceKind::Paragraph => {
                place_paragraph(pi, piece.lines, slots, &mut next, &mut out, keep_rules)
            }
        };
        if let Err(line) = result {
            out.overset = Some((pi, line));
            break;
        }
    }
    out
}

/// Leaves up to `n` slots blank, stopping at the top of a column: space is not carried
/// over a column break, nor set at a column's top.
fn skip_space(slots: &[Slot], next: &mut usize, n: usize) {
    for _ in 0..n {
        let at_top = *next == 0 || run_ends(slots, *next - 1);
        if *next >= slots.len() || at_top {
            return;
        }
        *next += 1;
    }
}

fn place_subhead(
    pi: usize,
    piece: &Piece,
    slots: &[Slot],
    next: &mut usize,
    out: &mut Flowed,
) -> Result<(), usize> {
    let Some(start) = straight_run(slots, *next, piece.lines + 1 + SUBHEAD_KEEP) else {
        *next = slots.len();
        return Err(0);
    };
    for line in 0..piece.lines {
        out.placements.push(Placement {
            piece: pi,
            line,
            slot: slots[start + line],
        });
    }
    *next = start + piece.lines + 1;
    Ok(())
}

fn place_straight(
    pi: usize,
    n: usize,
    slots: &[Slot],
    next: &mut usize,
    out: &mut Flowed,
) -> Result<(), usize> {
    let Some(start) = straight_run(slots, *next, n) else {
        return Err(0);
    };
    for line in 0..n {
        out.placements.push(Placement {
            piece: pi,
            line,
            slot: slots[start + line],
        });
    }
    *next = start + n;
    Ok(())
}

fn place_paragraph(
    pi: usize,
    n: usize,
    slots: &[Slot],
    next: &mut usize,
    out: &mut Flowed,
    keep_rules: bool,
) -> Result<(), usize> {
    for line in 0..n {
        if *next >= slots.len() {
            return Err(line);
        }
        let at_foot = run_ends(slots, *next);
        // Orphan: the first line alone at a column's foot. Widow: the last line alone at
        // the head of the next column (move the line before it along with it).
        let orphan = line == 0 && n >= 2 && at_foot;
        let widow = line + 2 == n && n >= 3 && at_foot;
        if orphan || widow {
            if keep_rules && *next + 1 < slots.len() {
                *next += 1;
                out.spared += 1;
            } else {
                out.widows += 1;
            }
        }
        out.placements.push(Placement {
            piece: pi,
            line,
            slot: slots[*next],
        });
        *next += 1;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn grid(columns: usize, lines: usize) -> Vec<Slot> {
        (0..columns)
            .flat_map(|c| (0..lines).map(move |l| Slot { column: c, line: l }))
            .collect()
    }

    fn para(lines: usize) -> Piece {
        Piece::new(PieceKind::Paragraph, lines)
    }

    fn spaced(lines: usize, above: usize, below: usize) -> Piece {
        Piece {
            space_above: above,
            space_below: below,
            ..para(lines)
        }
    }

    #[test]
    fn short_text_is_balanced_across_columns() {
        let f = flow(&[para(9)], &grid(3, 10));
        assert_eq!(f.overset, None);
        assert_eq!(f.limit, Some(3), "9 lines in 3 columns end on line 3");
        assert!(f.placements.iter().all(|p| p.slot.line < 3));
    }

    #[test]
    fn first_line_is_not_left_alone_at_a_column_foot() {
        let f = place(&[para(4), para(4)], &grid(2, 5), true);
        let second: Vec<_> = f.placements.iter().filter(|p| p.piece == 1).collect();
        assert_eq!(
            second[0].slot,
            Slot { column: 1, line: 0 },
            "orphan moved to the next column"
        );
        assert_eq!(f.spared, 1);
    }

    #[test]
    fn last_line_is_not_left_alone_at_a_column_head() {
        let f = place(&[para(6)], &grid(2, 5), true);
        let cols: Vec<usize> = f.placements.iter().map(|p| p.slot.column).collect();
        assert_eq!(cols, [0, 0, 0, 0, 1, 1], "two lines carried over, not one");
    }

    #[test]
    fn keep_rules_give_way_rather_than_overset() {
        let f = flow(&[para(4), para(6)], &grid(2, 5));
        assert_eq!(f.overset, None);
        assert_eq!(f.placements.len(), 10);
    }

    #[test]
    fn subhead_keeps_with_the_next_lines_in_one_column() {
        let pieces = [para(3), Piece::new(PieceKind::Subhead, 1), para(4)];
        let f = place(&pieces, &grid(2, 6), true);
        let head = f.placements.iter().find(|p| p.piece == 1).unwrap();
        assert_eq!(
            head.slot,
            Slot { column: 1, line: 0 },
            "no room for head + space + 2 lines in column 0"
        );
    }

    #[test]
    fn space_between_pieces_is_the_larger_of_below_and_above() {
        let f = place(
            &[spaced(2, 0, 1), spaced(2, 2, 0), para(2)],
            &grid(1, 20),
            true,
        );
        let lines: Vec<usize> = f.placements.iter().map(|p| p.slot.line).collect();
        assert_eq!(lines, [0, 1, 4, 5, 6, 7]);
    }

    #[test]
    fn no_space_at_a_column_top_or_carried_over_a_column_break() {
        // The first piece ends at the foot of column 0: its space below is not set at
        // the top of column 1.
        let f = place(&[spaced(4, 0, 2), para(2)], &grid(2, 4), true);
        let second: Vec<Slot> = f
            .placements
            .iter()
            .filter(|p| p.piece == 1)
            .map(|p| p.slot)
            .collect();
        assert_eq!(second[0], Slot { column: 1, line: 0 });
        // One line of column 0 left: one blank line is set there, the other dropped.
        let f = place(&[spaced(3, 0, 2), para(2)], &grid(2, 4), true);
        let second = f.placements.iter().find(|p| p.piece == 1).unwrap();
        assert_eq!(second.slot, Slot { column: 1, line: 0 });
    }

    /// A 4-column story with a picture over the lower half of its first two columns:
    /// balancing would leave two lines under the picture; the bottom moves down so the
    /// run under it gets at least three.
    #[test]
    fn no_one_or_two_line_fragment_under_a_picture() {
        let slots: Vec<Slot> = grid(4, 30)
            .into_iter()
            .filter(|s| !(s.column < 2 && (12..24).contains(&s.line)))
            .collect();
        let f = flow(&[para(80)], &slots);
        assert_eq!(f.overset, None);
        for column in 0..2 {
            let under = f
                .placements
                .iter()
                .filter(|p| p.slot.column == column && p.slot.line >= 24)
                .count();
            assert!(
                under == 0 || under >= MIN_FRAGMENT,
                "column {column}: {under} lines under the picture"
            );
        }
        assert!(!fragment(&f, &slots));
    }

    #[test]
    fn overset_names_the_piece_and_line() {
        let f = flow(&[para(3), para(5)], &grid(1, 6));
        assert_eq!(f.overset, Some((1, 3)));
    }
}
