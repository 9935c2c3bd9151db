//! Page composition: the resolved model in, a display list out.
//!
//! Everything sits on one grid: the type area is `columns` columns by `lines` grid lines,
//! and every body line's baseline is a grid baseline. Items that are not body text
//! (banner, heads, captions, boxes) take whole grid lines, so the body around and below
//! them stays on the grid. The order: furniture (banner, folio, credits), photos and
//! boxes (they reserve their rectangles), then each article (heads, then the body flowed
//! through the free grid lines of its columns).

mod article;
mod body;
mod checks;
mod decor;
mod flow;
mod frames;
mod furniture;
mod graphics;
mod heads;
pub mod jumps;
mod loose;
pub(crate) mod marks;
mod masthead;
mod photos;
mod rules;
mod shape;
mod table;
mod text;
mod textbox;
pub mod vertical;

use crate::diag::Code;
use crate::diag::Diagnostics;
use crate::display::{Document, Item, Page, Rect};
use crate::fonts::FontBook;
use crate::resolve::{Grid, Model};
use crate::units::Pt;
use serde::Serialize;

pub use article::{ArticleReport, LineReport};
pub use graphics::{graphic_item, land, GraphicReport, Landing};
pub use table::{CellReport, TableReport};

/// Everything composition produces.
#[derive(Debug)]
pub struct Composed {
    /// The display list: the pages' items, for the PDF and proof renderers.
    pub doc: Document,
    /// Layout facts for `check --json`, the layout dump and the tests.
    pub report: LayoutReport,
    /// Warnings found while composing (overset, underfill, missing glyphs, …); errors
    /// never land here.
    pub warnings: Diagnostics,
    /// Text that continues on other pages of the edition (see [`jumps`]).
    pub jumps: Vec<jumps::Jump>,
}

/// Layout facts for `banmian check` and the tests.
#[derive(Clone, Debug, Default, Serialize)]
pub struct LayoutReport {
    /// The page's grid as resolved.
    pub grid: GridReport,
    /// One per article, in spec order.
    pub articles: Vec<ArticleReport>,
    /// Tables, in spec order (left out of the JSON when the page has none).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub tables: Vec<TableReport>,
    /// Every placed graphic: file, box, size, scale and preflight.
    pub graphics: Vec<GraphicReport>,
}

/// The page grid as `check --json` reports it.
#[derive(Clone, Debug, Default, Serialize)]
pub struct GridReport {
    /// Columns across the type area.
    pub columns: usize,
    /// Grid lines down the type area (each one line of body text).
    pub lines: usize,
    /// Width of one column, in points (gutters not included).
    pub column_width: Pt,
    /// Column width in body ems: how many body characters fit across a column (not
    /// rounded).
    pub column_chars: f64,
    /// Distance from one grid line to the next, in points.
    pub line_pitch: Pt,
    /// The body type size, in points.
    pub body_size: Pt,
}

/// Where things go on the page, in page coordinates (origin at the media box's top-left).
#[derive(Clone, Debug)]
pub(crate) struct Frame {
    pub grid: Grid,
    /// Offset of the trim box's corner in the media box.
    pub origin: (Pt, Pt),
}

impl Frame {
    pub fn x(&self, column: usize) -> Pt {
        self.origin.0 + self.grid.column_x(column)
    }
    pub fn y(&self, line: usize) -> Pt {
        self.origin.1 + self.grid.line_y(line)
    }
    pub fn baseline(&self, line: usize) -> Pt {
        self.origin.1 + self.grid.baseline(line)
    }
    /// The rectangle of columns `column..column+span`, lines `top..top+height`.
    pub fn rect(&self, column: usize, span: usize, top: usize, height: usize) -> Rect {
        Rect::new(
            self.x(column),
            self.y(top),
            self.grid.span_width(span),
            self.grid.line_pitch * height as f64,
        )
    }
}

/// What every composer reads: the page's model, its fonts and where the grid sits on
/// the sheet.
#[derive(Clone, Copy)]
pub(crate) struct Ctx<'a> {
    pub model: &'a Model,
    pub fonts: &'a FontBook,
    pub frame: &'a Frame,
}

/// What every composer writes: the page's display items and the warnings it finds.
#[derive(Default)]
pub(crate) struct Out {
    pub items: Vec<Item>,
    pub warnings: Diagnostics,
}

/// Lays out the page.
pub fn compose(model: &Model, fonts: &FontBook) -> Composed {
    let g = &model.grid;
    // The sheet reaches past the bleed only when there are proof marks to hold.
    let margin = if model.output.marks {
        marks::margin(g.bleed)
    } else {
        g.bleed
    };
    let trim = Rect::new(margin, margin, g.width, g.height);
    let frame = Frame {
        grid: g.clone(),
        origin: (trim.x, trim.y),
    };
    let cx = Ctx {
        model,
        fonts,
        frame: &frame,
    };
    let mut out = Out {
        items: Vec::new(),
        warnings: model.warnings.clone(),
    };
    let mut occupied = furniture::draw(&cx, &mut out);
    occupied.extend(masthead::draw(&cx, &mut out));
    let boxed = frames::draw_article_frames(&cx, &mut out);
    occupied.extend(textbox::draw_all(&cx, &mut out));
    occupied.extend(rules::draw_free(&cx, &mut out));
    let (separators, kept) = rules::separators(&cx);
    occupied.extend(kept);
    rules::draw_separators(&cx, &separators, &mut out);
    occupied.extend(photos::draw(&cx, &mut out));
    let (taken, graphic_reports) = graphics::draw(&cx, &mut out);
    occupied.extend(taken);
    let (taken, tables) = table::draw_all(&cx, &mut out);
    occupied.extend(taken);
    let mut articles = Vec::new();
    let mut jumped = Vec::new();
    for (i, a) in model.articles.iter().enumerate() {
        // Every boxed story but this one is a block this story's text runs around.
        let mut around = occupied.clone();
        for (j, blocks) in &boxed {
            if *j != i {
                around.extend(blocks.iter().copied());
            }
        }
        articles.push(article::draw(&cx, a, &around, &mut out, &mut jumped));
    }
    if model.output.marks {
        marks::draw(model, fonts, trim, model.spots.len(), &mut out.items);
    }
    let Out {
        items,
        mut warnings,
    } = out;
    let page = Page {
        media: trim.outset(margin),
        trim,
        bleed: trim.outset(g.bleed),
        items,
    };
    if let Some(m) = crate::linebreak::grid_warning(g.column_width, g.body_size) {
        warnings.push(
            crate::diag::Diagnostic::new(Code::LayoutGrid, m)
                .hint("set `column_chars` in the layout, or adjust the margins or gutter"),
        );
    }
    checks::overlaps(model, &frame, &table::places(model, &tables), &mut warnings);
    let reported = articles
        .iter()
        .flat_map(|a| a.missing.iter().copied())
        .collect();
    checks::missing_glyphs(&page.items, &reported, &mut warnings);
    let report = LayoutReport {
        grid: GridReport {
            columns: g.columns,
            lines: g.lines,
            column_width: g.column_width,
            column_chars: g.column_width / g.body_size,
            line_pitch: g.line_pitch,
            body_size: g.body_size,
        },
        articles,
        tables,
        graphics: graphic_reports,
    };
    let doc = Document {
        title: model.name.clone(),
        created: model.created,
        spots: model.spots.clone(),
        pages: vec![page],
    };
    Composed {
        doc,
        report,
        warnings,
        jumps: jumped,
    }
}

/// A block of grid lines in one column that something else already uses.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Occupied {
    /// What takes the place, in words for diagnostics ("photo `a.jpg`").
    pub what: &'static str,
    pub column: usize,
    pub top: usize,
    /// One past the last line.
    pub bottom: usize,
}

impl Occupied {
    pub fn block(
        what: &'static str,
        column: usize,
        span: usize,
        top: usize,
        height: usize,
    ) -> Vec<Occupied> {
        (column..column + span)
            .map(|c| Occupied {
                what,
                column: c,
                top,
                bottom: top + height,
            })
            .collect()
    }
    pub fn contains(&self, column: usize, line: usize) -> bool {
        self.column == column && (self.top..self.bottom).contains(&line)
    }
}
