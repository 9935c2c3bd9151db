//! Story shapes: an article's area as the union of grid rectangles — one rectangle,
//! an L, or steps where columns start and end on different lines (a story that wraps
//! under a photo or a box). Composition asks the shape which cells it holds; the body
//! flows through its columns in reading order (column by column, top to bottom).

use super::*;

/// The most rectangles one article's area may be made of.
const MAX_RECTS: usize = 16;

/// An article's area on the grid: the union of its rectangles (cells may be named by
/// more than one; they count once).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Shape {
    /// The rectangles as the spec gives them; the first is where the heads go by
    /// default.
    pub rects: Vec<Place>,
}

impl Shape {
    /// A shape of one rectangle.
    pub fn rect(p: Place) -> Shape {
        Shape { rects: vec![p] }
    }

    /// The cell of column `column`, grid line `line` belongs to the shape.
    pub fn contains(&self, column: usize, line: usize) -> bool {
        self.rects.iter().any(|r| {
            (r.column..r.column + r.span).contains(&column)
                && (r.top..r.top + r.height).contains(&line)
        })
    }

    /// The smallest rectangle that holds the shape.
    pub fn bounds(&self) -> Place {
        let column = self.rects.iter().map(|r| r.column).min().unwrap_or(0);
        let right = self
            .rects
            .iter()
            .map(|r| r.column + r.span)
            .max()
            .unwrap_or(column + 1);
        let top = self.rects.iter().map(|r| r.top).min().unwrap_or(0);
        let bottom = self
            .rects
            .iter()
            .map(|r| r.top + r.height)
            .max()
            .unwrap_or(top + 1);
        Place {
            column,
            span: right - column,
            top,
            height: bottom - top,
        }
    }

    /// The columns the shape has cells in, left to right.
    pub fn columns(&self) -> Vec<usize> {
        let b = self.bounds();
        (b.column..b.column + b.span)
            .filter(|&c| {
                self.rects
                    .iter()
                    .any(|r| (r.column..r.column + r.span).contains(&c))
            })
            .collect()
    }

    /// The grid lines of `column` inside the shape, top to bottom.
    pub fn lines_in(&self, column: usize) -> Vec<usize> {
        let b = self.bounds();
        (b.top..b.top + b.height)
            .filter(|&l| self.contains(column, l))
            .collect()
    }

    /// The first grid line of `column` inside the shape.
    pub fn top_in(&self, column: usize) -> Option<usize> {
        self.lines_in(column).first().copied()
    }

    /// The cells of the shape in reading order: column by column from the left, each
    /// from the top down.
    pub fn cells(&self) -> Vec<(usize, usize)> {
        self.columns()
            .into_iter()
            .flat_map(|c| self.lines_in(c).into_iter().map(move |l| (c, l)))
            .collect()
    }

    /// The number of cells.
    pub fn area(&self) -> usize {
        self.cells().len()
    }

    /// The rectangles of grid cells the shape shares with `other`, if any.
    pub fn overlap(&self, other: &Shape) -> Vec<Place> {
        let mut out: Vec<Place> = Vec::new();
        for a in &self.rects {
            for b in &other.rects {
                if let Some(i) = intersect(a, b) {
                    if !out.contains(&i) {
                        out.push(i);
                    }
                }
            }
        }
        out
    }
}

/// The cells two rectangles share.
pub fn intersect(a: &Place, b: &Place) -> Option<Place> {
    let column = a.column.max(b.column);
    let right = (a.column + a.span).min(b.column + b.span);
    let top = a.top.max(b.top);
    let bottom = (a.top + a.height).min(b.top + b.height);
    if column >= right || top >= bottom {
        return None;
    }
    Some(Place {
        column,
        span: right - column,
        top,
        height: bottom - top,
    })
}

impl Cx<'_> {
    /// An article's area: each rectangle checked like any place on the grid.
    pub(super) fn shape(
        &mut self,
        area: &spec::AreaSpec,
        grid: &Grid,
        what: &str,
    ) -> Option<Shape> {
        let rects = area.rects();
        if rects.len() > MAX_RECTS {
            let span = rects[MAX_RECTS].column.span();
            return self.error(
                span,
                format!("{what} is made of {} rectangles", rects.len()),
                &format!("an area is the union of at most {MAX_RECTS} rectangles"),
            );
        }
        let mut out = Vec::with_capacity(rects.len());
        for (i, r) in rects.iter().enumerate() {
            let name = if rects.len() > 1 {
                format!("{what} (rectangle {})", i + 1)
            } else {
                what.to_string()
            };
            out.push(self.place(r, grid, &name));
        }
        let rects: Option<Vec<Place>> = out.into_iter().collect();
        Some(Shape { rects: rects? })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(column: usize, span: usize, top: usize, height: usize) -> Place {
        Place {
            column,
            span,
            top,
            height,
        }
    }

    #[test]
    fn an_l_shape_reads_column_by_column() {
        // Three columns over lines 0–3, then the first column alone down to line 9.
        let l = Shape {
            rects: vec![p(0, 3, 0, 4), p(0, 1, 4, 6)],
        };
        assert_eq!(l.bounds(), p(0, 3, 0, 10));
        assert_eq!(l.columns(), vec![0, 1, 2]);
        assert_eq!(l.lines_in(0), (0..10).collect::<Vec<_>>());
        assert_eq!(l.lines_in(2), vec![0, 1, 2, 3]);
        assert!(!l.contains(1, 5), "the cut-out");
        assert_eq!(l.area(), 10 + 4 + 4);
        let cells = l.cells();
        assert_eq!(cells[9], (0, 9));
        assert_eq!(cells[10], (1, 0));
    }

    #[test]
    fn overlapping_rectangles_count_once_and_overlaps_are_found() {
        let s = Shape {
            rects: vec![p(0, 2, 0, 4), p(1, 2, 2, 4)],
        };
        assert_eq!(s.area(), 8 + 8 - 2);
        let other = Shape::rect(p(2, 1, 0, 3));
        assert_eq!(s.overlap(&other), vec![p(2, 1, 2, 1)]);
        assert!(Shape::rect(p(3, 1, 0, 3)).overlap(&s).is_empty());
    }
}
