//! Rules and frames: free rules on the grid (`[[rule]]`), the separators between
//! stories (`[separators]`) and the look of a frame (stroke, weight, style, fill),
//! checked against the grid and turned into points and colours.

use super::*;

/// The usual newspaper hairline.
pub const HAIRLINE: Pt = Pt(0.5);
/// The heaviest rule a spec may ask for: anything thicker is a band, not a rule.
const MAX_WEIGHT: Pt = Pt(12.0);

/// How a rule is drawn.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RuleStyle {
    /// One stroke.
    Solid,
    /// Two strokes of the weight with a gap between them.
    Double,
    /// 文武线: the thick stroke above (or left), a hairline below (or right).
    ThickThin,
    /// The hairline above (or left), the thick stroke below (or right).
    ThinThick,
    /// Dashes of three weights with gaps of two.
    Dashed,
    /// Round dots, two weights apart.
    Dotted,
}

impl RuleStyle {
    /// Every style's name in the spec.
    pub const NAMES: &'static str =
        "solid, double, thick-thin (文武线), thin-thick, dashed or dotted";

    /// The style a spec names.
    pub fn from_name(name: &str) -> Option<RuleStyle> {
        Some(match name {
            "solid" => RuleStyle::Solid,
            "double" => RuleStyle::Double,
            "thick-thin" | "文武线" => RuleStyle::ThickThin,
            "thin-thick" => RuleStyle::ThinThick,
            "dashed" => RuleStyle::Dashed,
            "dotted" => RuleStyle::Dotted,
            _ => return None,
        })
    }
}

/// A rule's weight, style and colour.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct RuleLook {
    /// The stroke's weight (a 文武线's thick stroke), above 0 and at most 12 pt
    /// (`weight`; default a 0.5 pt hairline).
    pub weight: Pt,
    /// How it is drawn (`style`; default solid). Double and 文武线 rules are thicker
    /// than `weight`: compose works out the whole thickness.
    pub style: RuleStyle,
    /// The ink (`color`; default black).
    pub color: Color,
}

impl RuleLook {
    /// A black hairline.
    pub const HAIRLINE: RuleLook = RuleLook {
        weight: HAIRLINE,
        style: RuleStyle::Solid,
        color: Color::BLACK,
    };
}

/// Where a free rule goes on the grid.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RulePlace {
    /// Across columns `column..column+span` (0-based) in grid line `line`, at `at`.
    Horizontal {
        /// First column, 0-based (the spec's `column` counts from 1).
        column: usize,
        /// Columns across, at least 1 (default: to the type area's right edge).
        span: usize,
        /// The grid line, 0-based from the type area's top (`line`: a line number, or a
        /// length rounded to the nearest line); the rule takes this line in its columns.
        line: usize,
        /// Where in that line the rule sits (`at`; default the middle).
        at: LineAt,
    },
    /// Down gutter `gutter` (0 the type area's left edge, `columns` its right edge),
    /// grid lines `top..top+height`.
    Vertical {
        /// The gutter, between column `gutter` and the next counted from 1; the rule
        /// runs down its middle.
        gutter: usize,
        /// First grid line, 0-based (`top`: a line number, or a length rounded to
        /// the nearest line).
        top: usize,
        /// Grid lines down, at least 1 (default: to the type area's foot); `top + height`
        /// never passes the last line.
        height: usize,
    },
}

/// Where in its grid line a horizontal rule sits.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LineAt {
    /// The stroke's top edge on the line's top.
    Top,
    /// The stroke centred in the line (the default).
    Middle,
    /// The stroke's bottom edge on the line's foot.
    Bottom,
}

/// A free rule.
#[derive(Clone, Debug)]
pub struct Rule {
    /// Where it goes: exactly one of `horizontal` and `vertical`.
    pub place: RulePlace,
    /// `weight`, `style` and `color` over a black hairline.
    pub look: RuleLook,
    /// The spec's `column` (horizontal) or `gutter` (vertical) key.
    pub loc: Option<SourceLoc>,
}

/// A frame's stroke and fill (a boxed story's, a text box's).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct FrameLook {
    /// None: no stroke (a tint alone), from `stroke = "none"`. Otherwise `stroke` (its
    /// colour), `weight` and `style` over a black hairline; compose draws it inside
    /// the frame's edge.
    pub stroke: Option<RuleLook>,
    /// A tint behind the contents (`fill`); `None`: no fill, the paper shows.
    pub fill: Option<Color>,
}

/// The frame of a boxed story: its look and where the text sits inside it.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct ArticleFrame {
    /// The frame's stroke and fill.
    pub look: FrameLook,
    /// Left and right, in body ems (`inset`, 0 to 4; default 1). Compose widens it
    /// evenly so that each column holds whole body characters.
    pub inset_em: f64,
    /// Top and foot, in whole grid lines (`inset_lines`, 0 to 4; default 1), so the
    /// text inside keeps to the page's grid.
    pub inset_lines: usize,
}

impl Cx<'_> {
    /// A weight, a style and a colour, each optional over `base`.
    pub(super) fn rule_look(
        &mut self,
        weight: &Option<S<String>>,
        style: &Option<S<String>>,
        color: &Option<S<String>>,
        base: RuleLook,
    ) -> Option<RuleLook> {
        let mut look = base;
        if let Some(w) = weight {
            look.weight = self.weight(w)?;
        }
        if let Some(s) = style {
            match RuleStyle::from_name(s.get_ref()) {
                Some(v) => look.style = v,
                None => {
                    return self.error(
                        s.span(),
                        format!("unknown rule style `{}`", s.get_ref()),
                        &format!("one of: {}", RuleStyle::NAMES),
                    )
                }
            }
        }
        if let Some(c) = color {
            look.color = self.color(c)?;
        }
        Some(look)
    }

    fn weight(&mut self, w: &S<String>) -> Option<Pt> {
        match parse_length(w.get_ref(), LengthKind::Distance) {
            Ok(p) if p.0 > 0.0 && p <= MAX_WEIGHT => Some(p),
            Ok(p) => self.error(
                w.span(),
                format!("a rule weight of {p}"),
                "give a weight above 0 and at most 12pt, e.g. \"0.5pt\"",
            ),
            Err(e) => self.refuse(w.span(), e.diagnostic().hint("e.g. weight = \"0.5pt\"")),
        }
    }

    /// The `[[rule]]`s, checked against the grid.
    pub(super) fn free_rules(&mut self, grid: &Grid) -> Vec<Rule> {
        let mut out = Vec::new();
        for (i, r) in self.file.spec.rules.iter().enumerate() {
            let what = format!("rule {}", i + 1);
            let look = self.rule_look(&r.weight, &r.style, &r.color, RuleLook::HAIRLINE);
            let place = match (&r.horizontal, &r.vertical) {
                (Some(h), None) => self.horizontal(h, grid, &what),
                (None, Some(v)) => self.vertical(v, grid, &what),
                (Some(h), Some(_)) => self.error(
                    h.column.span(),
                    format!("{what} has both `horizontal` and `vertical`"),
                    "a rule is one or the other; give two [[rule]]s for both",
                ),
                (None, None) => {
                    let at = r
                        .weight
                        .as_ref()
                        .or(r.style.as_ref())
                        .or(r.color.as_ref())
                        .map_or(0..0, |k| k.span());
                    self.error(
                        at,
                        format!("{what} has no place"),
                        "give horizontal = { column, span, line } or vertical = { gutter, top, height }",
                    )
                }
            };
            let loc = r
                .horizontal
                .as_ref()
                .map(|h| h.column.span())
                .or(r.vertical.as_ref().map(|v| v.gutter.span()))
                .and_then(|s| self.loc(s));
            if let (Some(place), Some(look)) = (place, look) {
                out.push(Rule { place, look, loc });
            }
        }
        out
    }

    fn horizontal(
        &mut self,
        h: &spec::HorizontalSpec,
        grid: &Grid,
        what: &str,
    ) -> Option<RulePlace> {
        let column = *h.column.get_ref();
        if column < 1 || column as usize > grid.columns {
            return self.error(
                h.column.span(),
                format!(
                    "{what} starts in column {column}, but the grid has columns 1 to {}",
                    grid.columns
                ),
                "columns are counted from 1 at the left",
            );
        }
        let room = grid.columns as i64 - column + 1;
        let span = match &h.span {
            Some(s) if (1..=room).contains(s.get_ref()) => *s.get_ref(),
            Some(s) => {
                return self.error(
                    s.span(),
                    format!("{what} spans {} columns from column {column}", s.get_ref()),
                    &format!("use a span from 1 to {room}"),
                )
            }
            None => room,
        };
        let line = self.grid_lines(&h.line, grid, what, "line")?;
        if line >= grid.lines {
            return self.error(
                h.line.span(),
                format!(
                    "{what} is in line {line}, below the last grid line ({})",
                    grid.lines - 1
                ),
                "grid lines are counted from 0 at the top of the type area",
            );
        }
        let at = match h.at.as_ref().map(|a| a.get_ref().as_str()) {
            None | Some("middle") => LineAt::Middle,
            Some("top") => LineAt::Top,
            Some("bottom") => LineAt::Bottom,
            Some(other) => {
                let span = h.at.as_ref().map_or(0..0, |a| a.span());
                return self.error(
                    span,
                    format!("unknown position `{other}` in the line"),
                    "middle, top or bottom",
                );
            }
        };
        Some(RulePlace::Horizontal {
            column: column as usize - 1,
            span: span as usize,
            line,
            at,
        })
    }

    fn vertical(&mut self, v: &spec::VerticalSpec, grid: &Grid, what: &str) -> Option<RulePlace> {
        let gutter = *v.gutter.get_ref();
        if !(0..=grid.columns as i64).contains(&gutter) {
            return self.error(
                v.gutter.span(),
                format!(
                    "{what} is in gutter {gutter}, but the grid's gutters are 0 (the type area's left edge) to {} (its right edge)",
                    grid.columns
                ),
                "gutter N is between column N and N + 1; 0 and the column count are the type area's edges",
            );
        }
        let (top, height) = self.grid_extent(&v.top, v.height.as_ref(), grid, what)?;
        Some(RulePlace::Vertical {
            gutter: gutter as usize,
            top,
            height,
        })
    }

    /// `[separators]`: the look of the rules between stories, when they are on.
    pub(super) fn separators(&mut self) -> Option<RuleLook> {
        let s = self.file.spec.separators.as_ref()?;
        let look = self.rule_look(&s.weight, &s.style, &s.color, RuleLook::HAIRLINE)?;
        s.enabled.unwrap_or(true).then_some(look)
    }

    /// A frame's stroke and fill.
    pub(super) fn frame_look(
        &mut self,
        stroke: &Option<S<String>>,
        weight: &Option<S<String>>,
        style: &Option<S<String>>,
        fill: &Option<S<String>>,
    ) -> Option<FrameLook> {
        let none = stroke.as_ref().is_some_and(|s| s.get_ref() == "none");
        let color = if none { &None } else { stroke };
        let look = self.rule_look(weight, style, color, RuleLook::HAIRLINE)?;
        let fill = match fill {
            Some(f) => Some(self.color(f)?),
            None => None,
        };
        Some(FrameLook {
            stroke: (!none).then_some(look),
            fill,
        })
    }

    /// A boxed story's frame.
    pub(super) fn article_frame(&mut self, f: &spec::ArticleFrameSpec) -> Option<ArticleFrame> {
        let look = self.frame_look(&f.stroke, &f.weight, &f.style, &f.fill)?;
        let inset_em = match &f.inset {
            Some(i) if (0.0..=4.0).contains(i.get_ref()) => *i.get_ref(),
            Some(i) => {
                return self.error(
                    i.span(),
                    format!("a frame inset of {} em", i.get_ref()),
                    "the inset is in body ems, 0 to 4 (1 is usual)",
                )
            }
            None => 1.0,
        };
        let inset_lines = match &f.inset_lines {
            Some(i) if (0..=4).contains(i.get_ref()) => *i.get_ref() as usize,
            Some(i) => return self.error(
                i.span(),
                format!("a frame inset of {} grid lines", i.get_ref()),
                "whole grid lines, 0 to 4 (1 is usual): the text inside stays on the page's grid",
            ),
            None => 1,
        };
        Some(ArticleFrame {
            look,
            inset_em,
            inset_lines,
        })
    }
}
