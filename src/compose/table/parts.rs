//! Rows into parts: a table taller than its place continues at the top of the next part
//! (the next column or columns of its place), under its header rows repeated. The
//! parts are balanced (they end on the same row line, or as near as the rows allow)
//! when everything fits; what still does not fit starts at the first row left over.
//!
//! Pure bookkeeping in whole rows of the table's pitch, no fonts.

use std::ops::Range;

/// How the body rows go into the parts.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Split {
    /// The body rows of each part that holds any (a part of header rows only holds none).
    pub parts: Vec<Range<usize>>,
    /// The first body row that found no room.
    pub overset: Option<usize>,
    /// The most pitch rows a part may take (after balancing).
    pub limit: usize,
}

/// What is split: heights in rows of the table's pitch.
#[derive(Clone, Copy, Debug)]
pub struct Frame<'a> {
    /// The header rows, repeated at the top of every part.
    pub header: usize,
    /// Each body row.
    pub rows: &'a [usize],
    /// What follows the last row in the last part (the source line).
    pub tail: usize,
    /// Rows of pitch each part holds.
    pub capacity: usize,
    /// How many parts there are.
    pub parts: usize,
}

/// Splits the rows, balancing the parts when `balance` and everything fits.
pub fn split(f: Frame, balance: bool) -> Split {
    let full = greedy(f, f.capacity);
    if !balance || f.parts < 2 || full.overset.is_some() {
        return full;
    }
    // The smallest limit that still takes every row in the parts there are.
    let (mut lo, mut hi) = (
        f.header + f.rows.iter().copied().max().unwrap_or(0),
        f.capacity,
    );
    let mut best = full;
    while lo < hi {
        let mid = (lo + hi) / 2;
        let s = greedy(f, mid);
        if s.overset.is_none() {
            best = s;
            hi = mid;
        } else {
            lo = mid + 1;
        }
    }
    best
}

/// Fills each part in turn up to `limit` rows of pitch.
fn greedy(f: Frame, limit: usize) -> Split {
    let n = f.rows.len();
    let mut parts = Vec::new();
    let mut next = 0;
    for _ in 0..f.parts {
        if next >= n {
            break;
        }
        let start = next;
        let mut used = f.header;
        while next < n {
            let tail = if next + 1 == n { f.tail } else { 0 };
            if used + f.rows[next] + tail > limit {
                break;
            }
            used += f.rows[next];
            next += 1;
        }
        if next == start {
            // Not even one row fits an empty part: it will not fit the next either.
            break;
        }
        parts.push(start..next);
    }
    Split {
        parts,
        overset: (next < n).then_some(next),
        limit,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn frame(rows: &[usize], capacity: usize, parts: usize) -> Frame<'_> {
        Frame {
            header: 1,
            rows,
            tail: 0,
            capacity,
            parts,
        }
    }

    #[test]
    fn rows_continue_in_the_next_part_under_the_header() {
        let rows = [1; 10];
        let s = split(frame(&rows, 7, 2), false);
        assert_eq!(s.parts, vec![0..6, 6..10]);
        assert_eq!(s.overset, None);
    }

    #[test]
    fn balanced_parts_end_together() {
        let rows = [1; 10];
        let s = split(frame(&rows, 20, 2), true);
        assert_eq!(s.parts, vec![0..5, 5..10]);
        assert_eq!(s.limit, 6);
    }

    #[test]
    fn what_does_not_fit_starts_at_the_first_row_left_over() {
        let rows = [1; 10];
        let s = split(frame(&rows, 4, 2), true);
        assert_eq!(s.parts, vec![0..3, 3..6]);
        assert_eq!(s.overset, Some(6));
    }

    #[test]
    fn the_source_line_stays_with_the_last_row() {
        let rows = [1; 4];
        let s = split(
            Frame {
                tail: 1,
                ..frame(&rows, 5, 2)
            },
            false,
        );
        assert_eq!(
            s.parts,
            vec![0..3, 3..4],
            "row 4 and the source go on together"
        );
    }

    #[test]
    fn a_row_taller_than_a_part_is_overset() {
        let rows = [1, 9, 1];
        let s = split(frame(&rows, 5, 3), true);
        assert_eq!(s.overset, Some(1));
    }
}
