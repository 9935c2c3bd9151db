//! Ad modules: the rectangles of the page that a daily sells ads by (通栏, 半通栏, 报眼,
//! quarter and half pages), named in a layout file (or the spec's `[page.grid]`) and
//! worked out here once the grid is known. An ad placed by module gets exactly this
//! rectangle; articles flow around the grid lines it covers.

use super::grid::LayoutFile;
use super::{Cx, Grid};
use crate::display::Rect;
use crate::spec::{GridSpec, ModuleSpec, S};
use crate::units::{parse_length, LengthKind, Pt};

/// Edges within this distance of the type area's edge lie on it (rounding of mm).
const EDGE_EPS: f64 = 0.01;

/// An ad module, resolved.
#[derive(Clone, Debug, PartialEq)]
pub struct Module {
    /// Its name in the layout (e.g. "通栏").
    pub name: String,
    /// First column, 0-based (the spec's `column` counts from 1; default the first).
    pub column: usize,
    /// Columns across, at least 1 (`span`; default to the grid's right edge);
    /// `column + span` never passes the grid's last column.
    pub span: usize,
    /// Top edge in points below the trim box's top edge, from `at` (a grid line,
    /// `"top"`, or the default `"bottom"`: the module's foot on the type area's foot).
    /// Exact, not rounded to lines.
    pub top: Pt,
    /// Height in points, from `height` (whole grid lines, a fraction of the type area
    /// such as `"1/4"`, or a length). The module always ends inside the type area.
    pub height: Pt,
    /// Whether it reaches the trim edges it lies along, and its ad bleeds there.
    pub bleed: bool,
}

/// Which trim edges a rectangle reaches: left, top, right, bottom.
pub type Edges = [bool; 4];

impl Module {
    /// The module's rectangle relative to the trim box's top-left corner, starting in
    /// `column` (its own unless an ad moves it), and the trim edges it reaches.
    pub fn rect(&self, grid: &Grid, column: usize) -> (Rect, Edges) {
        let x = grid.column_x(column);
        let w = grid.span_width(self.span);
        let mut r = Rect::new(x, self.top, w, self.height);
        let mut edges = [false; 4];
        if !self.bleed {
            return (r, edges);
        }
        let type_bottom = grid.line_y(grid.lines);
        let on = |a: Pt, b: Pt| (a.0 - b.0).abs() < EDGE_EPS;
        if column == 0 {
            r = Rect::new(Pt::ZERO, r.y, r.right(), r.h);
            edges[0] = true;
        }
        if column + self.span == grid.columns {
            r.w = grid.width - r.x;
            edges[2] = true;
        }
        if on(r.y, grid.top) {
            r = Rect::new(r.x, Pt::ZERO, r.w, r.bottom());
            edges[1] = true;
        }
        if on(r.bottom(), type_bottom) {
            r.h = grid.height - r.y;
            edges[3] = true;
        }
        (r, edges)
    }

    /// The grid lines the module covers, `top..bottom` (for text flow and overlaps).
    pub fn lines(&self, grid: &Grid) -> (usize, usize) {
        let rel = |y: Pt| (y - grid.top).0 / grid.line_pitch.0;
        let top = (rel(self.top) + 1e-6).floor().max(0.0) as usize;
        let bottom = (rel(self.top + self.height) - 1e-6).ceil().max(0.0) as usize;
        (top.min(grid.lines), bottom.clamp(top, grid.lines))
    }
}

impl Cx<'_> {
    /// The modules of the layout and of `[page.grid]` (the spec's win by name).
    pub(super) fn modules(
        &mut self,
        grid: &Grid,
        lay: Option<&LayoutFile>,
        inline: &GridSpec,
    ) -> Vec<Module> {
        let mut out: Vec<Module> = Vec::new();
        let from_layout = lay.and_then(|l| l.grid.modules.as_ref());
        let sources = [(from_layout, false), (inline.modules.as_ref(), true)];
        for (map, in_spec) in sources {
            for (name, m) in map.into_iter().flatten() {
                let Some(module) = self.module(name, m, grid, in_spec, lay) else {
                    continue;
                };
                out.retain(|o| o.name != module.name);
                out.push(module);
            }
        }
        out
    }

    fn module(
        &mut self,
        name: &str,
        m: &ModuleSpec,
        grid: &Grid,
        in_spec: bool,
        lay: Option<&LayoutFile>,
    ) -> Option<Module> {
        let column = match &m.column {
            Some(c) if *c.get_ref() >= 1 && (*c.get_ref() as usize) <= grid.columns => {
                *c.get_ref() as usize - 1
            }
            Some(c) => {
                return self.located(
                    c,
                    in_spec,
                    lay,
                    format!(
                        "module `{name}` starts in column {}, but the grid has columns 1 to {}",
                        c.get_ref(),
                        grid.columns
                    ),
                    Some("columns are counted from 1 at the left"),
                );
            }
            None => 0,
        };
        let span = match &m.span {
            Some(s) if *s.get_ref() >= 1 && column + *s.get_ref() as usize <= grid.columns => {
                *s.get_ref() as usize
            }
            Some(s) => {
                return self.located(s, in_spec, lay, format!("module `{name}` spans {} columns from column {}: that runs off the {}-column grid", s.get_ref(), column + 1, grid.columns), None);
            }
            None => grid.columns - column,
        };
        let type_height = grid.line_pitch * grid.lines as f64;
        let height = self.module_height(name, &m.height, grid, type_height, in_spec, lay)?;
        let top = match m.at.as_ref().map(|a| (a, a.get_ref())) {
            None => grid.line_y(grid.lines) - height,
            Some((_, toml::Value::String(s))) if s == "bottom" => grid.line_y(grid.lines) - height,
            Some((_, toml::Value::String(s))) if s == "top" => grid.top,
            Some((_, toml::Value::Integer(l))) if *l >= 0 && (*l as usize) < grid.lines => {
                grid.line_y(*l as usize)
            }
            Some((a, _)) => {
                return self.located(a, in_spec, lay, format!("module `{name}`: `at` must be \"bottom\", \"top\" or a grid line from 0 to {}", grid.lines - 1), None);
            }
        };
        if (top + height).0 > grid.line_y(grid.lines).0 + EDGE_EPS {
            return self.located(
                &m.height,
                in_spec,
                lay,
                format!(
                    "module `{name}` ({:.1} mm high) runs past the foot of the type area",
                    height.to_mm()
                ),
                Some("make it lower or move it up"),
            );
        }
        Some(Module {
            name: name.to_string(),
            column,
            span,
            top,
            height,
            bleed: m.bleed.unwrap_or(false),
        })
    }

    fn module_height(
        &mut self,
        name: &str,
        v: &S<toml::Value>,
        grid: &Grid,
        type_height: Pt,
        in_spec: bool,
        lay: Option<&LayoutFile>,
    ) -> Option<Pt> {
        let bad = "a fraction of the type area such as \"1/4\", a length such as \"120mm\", or whole grid lines";
        let h = match v.get_ref() {
            toml::Value::Integer(n) if *n >= 1 => Some(grid.line_pitch * *n as f64),
            toml::Value::String(s) => match s.split_once('/') {
                Some((a, b)) => match (a.trim().parse::<f64>(), b.trim().parse::<f64>()) {
                    (Ok(a), Ok(b)) if a > 0.0 && b > 0.0 && a <= b => Some(type_height * (a / b)),
                    _ => None,
                },
                None => parse_length(s, LengthKind::Distance)
                    .ok()
                    .filter(|p| p.0 > 0.0),
            },
            _ => None,
        };
        match h {
            Some(h) if h.0 <= type_height.0 + EDGE_EPS => Some(h),
            Some(h) => self.located(
                v,
                in_spec,
                lay,
                format!(
                    "module `{name}` is {:.1} mm high, more than the type area ({:.1} mm)",
                    h.to_mm(),
                    type_height.to_mm()
                ),
                None,
            ),
            None => self.located(
                v,
                in_spec,
                lay,
                format!("module `{name}`: `height` must be {bad}"),
                None,
            ),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn grid() -> Grid {
        Grid {
            width: Pt(700.0),
            height: Pt(1000.0),
            bleed: Pt(8.5),
            top: Pt(50.0),
            left: Pt(40.0),
            columns: 5,
            gutter: Pt(10.0),
            column_width: Pt(116.0),
            body_size: Pt(9.0),
            line_pitch: Pt(13.0),
            lines: 70,
            column_rules: false,
            modules: Vec::new(),
        }
    }

    #[test]
    fn a_bleeding_foot_module_reaches_three_trim_edges() {
        let g = grid();
        let m = Module {
            name: "通栏".into(),
            column: 0,
            span: 5,
            top: g.line_y(70) - Pt(130.0),
            height: Pt(130.0),
            bleed: true,
        };
        let (r, edges) = m.rect(&g, 0);
        assert_eq!(edges, [true, false, true, true]);
        assert_eq!((r.x, r.right(), r.bottom()), (Pt(0.0), g.width, g.height));
        assert_eq!(m.lines(&g), (60, 70));
    }

    #[test]
    fn a_module_without_bleed_keeps_to_the_grid() {
        let g = grid();
        let m = Module {
            name: "报眼".into(),
            column: 3,
            span: 2,
            top: g.top,
            height: Pt(100.0),
            bleed: false,
        };
        let (r, edges) = m.rect(&g, 3);
        assert_eq!(edges, [false; 4]);
        assert_eq!(r.w, g.span_width(2));
        assert_eq!(m.lines(&g), (0, 8));
    }
}
