//! An article's area as the body's flow sees it: the free grid-line slots of its
//! shape in reading order — column by column from the left, each from the top down —
//! leaving out what photos, boxes, tables and the article's own heads take. A column
//! whose slots stop and start again (under a photo, below a step of the shape) is read
//! down to the stop and on from the restart, the way [`super::flow`] treats any gap.

use super::flow::Slot;
use super::Occupied;
use crate::resolve::Shape;

/// The body's slots in `shape`, in reading order, within grid lines `lines.0..lines.1`
/// (a boxed story's text keeps its frame's inset), without the cells `occupied` (placed
/// before the article) or `heads` (its own heads) take.
pub(super) fn slots(
    shape: &Shape,
    lines: (usize, usize),
    occupied: &[Occupied],
    heads: &[Occupied],
) -> Vec<Slot> {
    shape
        .cells()
        .into_iter()
        .filter(|&(_, l)| (lines.0..lines.1).contains(&l))
        .filter(|&(c, l)| !occupied.iter().chain(heads).any(|o| o.contains(c, l)))
        .map(|(column, line)| Slot { column, line })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::resolve::Place;

    #[test]
    fn the_cut_out_of_an_l_has_no_slot_and_columns_read_in_order() {
        // Columns 0–2 over lines 0–4; column 0 alone down to line 11.
        let shape = Shape {
            rects: vec![
                Place {
                    column: 0,
                    span: 3,
                    top: 0,
                    height: 5,
                },
                Place {
                    column: 0,
                    span: 1,
                    top: 5,
                    height: 7,
                },
            ],
        };
        let heads = [Occupied {
            what: "the heads",
            column: 1,
            top: 0,
            bottom: 2,
        }];
        let s = slots(&shape, (0, usize::MAX), &[], &heads);
        assert!(s.iter().all(|s| shape.contains(s.column, s.line)));
        assert!(
            !s.iter().any(|s| s.column > 0 && s.line >= 5),
            "nothing in the cut-out"
        );
        assert!(
            !s.iter().any(|s| s.column == 1 && s.line < 2),
            "nothing under the heads"
        );
        let columns: Vec<usize> = s.iter().map(|s| s.column).collect();
        assert!(columns.windows(2).all(|w| w[0] <= w[1]), "column by column");
        assert_eq!(s.len(), 12 + 3 + 5);
    }
}
