//! Heads: each head's face, size, colour, scale, tracking, spacing, rules and measure,
//! and where an article's heads sit (over the body, beside it, or vertical), all
//! checked against their ranges.

use super::*;

/// Horizontal scale of a head, in percent: 长体 down to 70, 扁体 up to 130 (the range
/// of the 字宽 settings a newspaper system offers for display type).
const SCALE_RANGE: std::ops::RangeInclusive<f64> = 70.0..=130.0;
/// Letter-spacing of a head, in em: from tight to very open (a kicker letter-spaced a
/// whole em reads as 撑开).
const TRACKING_RANGE: std::ops::RangeInclusive<f64> = -0.2..=1.0;
/// Widest measure given in characters.
const MAX_WIDTH_CHARS: f64 = 200.0;

/// The heads' placement as the spec gives it: where they sit against the body, and
/// the columns and lines they take when the spec says.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct HeadPlacement {
    /// Over the body, or beside it on one side.
    pub position: HeadPosition,
    /// 竖题: the heads set top to bottom (cjk-rules.md §8).
    pub vertical: bool,
    /// First column the heads take (0-based), when the spec says.
    pub column: Option<usize>,
    /// Columns the heads take, when the spec says.
    pub span: Option<usize>,
    /// Grid lines of the heads' area, when the spec says.
    pub lines: Option<usize>,
    /// Where `heads` is given (errors about the heads' area point here).
    pub loc: Option<SourceLoc>,
}

/// Where an article's heads sit against its body.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum HeadPosition {
    /// Over the body (the usual stack).
    #[default]
    Top,
    /// Beside the body, at its left.
    Left,
    /// Beside the body, at its right.
    Right,
}

impl Cx<'_> {
    /// A head of `role`; `span` is where it is given (a plain string's location).
    pub(super) fn head(
        &mut self,
        h: &HeadOrText,
        span: Option<std::ops::Range<usize>>,
        role: HeadRole,
    ) -> Option<Head> {
        let (font, size) = default_head_style(role);
        let mut head = Head::new(String::new(), font.id(), Pt(size));
        head.loc = span.and_then(|s| self.loc(s));
        match h {
            HeadOrText::Text(t) => head.text = t.clone(),
            HeadOrText::Head(s) => {
                head.text = s.text.get_ref().clone();
                self.head_style(s, &mut head)?;
                self.head_look(s, &mut head)?;
            }
        }
        if head.text.trim().is_empty() {
            return None;
        }
        Some(head)
    }

    /// Face, size, lines, alignment and measure.
    fn head_style(&mut self, s: &spec::HeadSpec, head: &mut Head) -> Option<()> {
        if let Some(f) = &s.font {
            head.font = self.font(f)?;
        }
        if let Some(sz) = &s.size {
            match parse_length(sz.get_ref(), LengthKind::TypeSize) {
                Ok(p) if (4.0..=400.0).contains(&p.0) => head.size = p,
                Ok(p) => {
                    return self.error(
                        sz.span(),
                        format!("a head size of {p}"),
                        "head sizes run from 4 pt to 400 pt",
                    )
                }
                Err(e) => {
                    let d = e
                        .diagnostic()
                        .hint("e.g. size = \"36pt\" or size = \"小初\"");
                    return self.refuse(sz.span(), d);
                }
            }
        }
        if let Some(l) = &s.lines {
            if !(1..=60).contains(l.get_ref()) {
                return self.error(
                    l.span(),
                    format!("a head of {} grid lines", l.get_ref()),
                    "1 to 60 lines",
                );
            }
            head.lines = Some(*l.get_ref() as usize);
        }
        if let Some(a) = &s.align {
            let (align, spread) = match a.get_ref().as_str() {
                "center" | "centre" => (Align::Center, false),
                "left" | "start" | "top" => (Align::Start, false),
                "right" | "end" | "bottom" => (Align::End, false),
                "spread" | "均排" | "撑满" => (Align::Center, true),
                _ => {
                    return self.error(
                        a.span(),
                        format!("unknown alignment `{}`", a.get_ref()),
                        "center, left, right or spread (均排: the characters spread across the measure)",
                    )
                }
            };
            head.align = Some(align);
            head.spread = spread;
        }
        if let Some(sc) = &s.scale {
            let v = *sc.get_ref();
            if !SCALE_RANGE.contains(&v) {
                return self.error(
                    sc.span(),
                    format!("a horizontal scale of {v} %"),
                    "70 to 130 (percent): under 100 a 长体, over 100 a 扁体; e.g. scale = 80",
                );
            }
            head.scale = v / 100.0;
        }
        if let Some(w) = &s.width {
            head.width = Some(self.head_width(w, head)?);
        }
        Some(())
    }

    /// Colour, reverse bar, tracking, spaces and rules.
    fn head_look(&mut self, s: &spec::HeadSpec, head: &mut Head) -> Option<()> {
        if let Some(b) = &s.background {
            head.background = Some(self.color(b)?);
            head.color = Color::WHITE;
        }
        if let Some(c) = &s.color {
            head.color = self.color(c)?;
        }
        if let Some(t) = &s.tracking {
            let v = *t.get_ref();
            if !TRACKING_RANGE.contains(&v) {
                return self.error(
                    t.span(),
                    format!("a head tracking of {v} em"),
                    "-0.2 to 1 em of the head's size (e.g. tracking = 0.1)",
                );
            }
            head.tracking_em = v;
        }
        if let Some(sp) = &s.spaces {
            head.keep_spaces = match sp.get_ref().as_str() {
                "break" => false,
                "keep" => true,
                other => {
                    return self.error(
                        sp.span(),
                        format!("unknown `spaces` value `{other}`"),
                        "\"break\" (a space is a break point, printed 1 em wide) or \"keep\" (printed as a space)",
                    )
                }
            };
        }
        // Weights as a table's rules take them: a length up to 6 pt, or "none".
        if let Some(r) = &s.rule_above {
            head.rule_above = self.rule_weight(r)?;
        }
        if let Some(r) = &s.rule_below {
            head.rule_below = self.rule_weight(r)?;
        }
        Some(())
    }

    /// A head's measure: characters of its size as set (scale included), or a length.
    fn head_width(&mut self, w: &S<toml::Value>, head: &Head) -> Option<Pt> {
        let chars = match w.get_ref() {
            toml::Value::Integer(n) => Some(*n as f64),
            toml::Value::Float(f) => Some(*f),
            _ => None,
        };
        let width = match (chars, w.get_ref()) {
            (Some(n), _) if (1.0..=MAX_WIDTH_CHARS).contains(&n) => head.size * n * head.scale,
            (Some(n), _) => {
                return self.error(
                    w.span(),
                    format!("a head {} characters wide", short_number(n)),
                    "give 1 to 200 characters, or a length such as \"60mm\"",
                )
            }
            (None, toml::Value::String(s)) => match parse_length(s, LengthKind::Distance) {
                // At least a point: a width of 1e-300 mm would ask for ~10^300 lines.
                Ok(p) if p.0 >= 1.0 => p,
                Ok(p) => {
                    return self.error(
                        w.span(),
                        format!("a head width of {} pt", short_number(p.0)),
                        "give a length such as \"60mm\"",
                    )
                }
                Err(e) => {
                    let d = e.diagnostic().hint("or a number of characters: width = 8");
                    return self.refuse(w.span(), d);
                }
            },
            _ => {
                return self.error(
                    w.span(),
                    "a head's `width` is a number of characters or a length",
                    "e.g. width = 8 or width = \"60mm\"",
                )
            }
        };
        Some(width)
    }

    /// Where an article's heads sit (`heads = { … }`), checked against the grid.
    pub(super) fn head_placement(
        &mut self,
        h: Option<&spec::HeadsSpec>,
        grid: &Grid,
    ) -> HeadPlacement {
        let Some(h) = h else {
            return HeadPlacement::default();
        };
        let mut out = HeadPlacement {
            vertical: h.vertical.as_ref().is_some_and(|v| *v.get_ref()),
            ..HeadPlacement::default()
        };
        let first = [
            h.position.as_ref().map(|v| v.span()),
            h.vertical.as_ref().map(|v| v.span()),
            h.column.as_ref().map(|v| v.span()),
            h.span.as_ref().map(|v| v.span()),
            h.lines.as_ref().map(|v| v.span()),
        ];
        out.loc = first
            .into_iter()
            .flatten()
            .min_by_key(|s| s.start)
            .and_then(|s| self.loc(s));
        out.position = match h
            .position
            .as_ref()
            .map(|p| (p.get_ref().as_str(), p.span()))
        {
            None if out.vertical => HeadPosition::Right,
            None | Some(("top", _)) => HeadPosition::Top,
            Some(("left", _)) => HeadPosition::Left,
            Some(("right", _)) => HeadPosition::Right,
            Some((other, span)) => {
                self.error::<()>(
                    span,
                    format!("unknown heads position `{other}`"),
                    "\"top\" (over the body), \"left\" or \"right\" (beside it)",
                );
                HeadPosition::Top
            }
        };
        if out.vertical && out.position == HeadPosition::Top {
            let span = h.position.as_ref().map_or(0..0, |p| p.span());
            self.error::<()>(
                span,
                "vertical heads cannot sit over the body",
                "a 竖题 stands beside the body: position = \"right\" (the usual place) or \"left\"",
            );
        }
        out.column = h.column.as_ref().and_then(|c| {
            let v = *c.get_ref();
            if (1..=grid.columns as i64).contains(&v) {
                Some(v as usize - 1)
            } else {
                self.error(
                    c.span(),
                    format!(
                        "heads in column {v}, but the grid has columns 1 to {}",
                        grid.columns
                    ),
                    "columns are counted from 1 at the left of the page",
                )
            }
        });
        out.span = h.span.as_ref().and_then(|s| {
            let v = *s.get_ref();
            if (1..=grid.columns as i64).contains(&v) {
                Some(v as usize)
            } else {
                self.error(
                    s.span(),
                    format!("heads spanning {v} columns"),
                    &format!("1 to {} columns", grid.columns),
                )
            }
        });
        out.lines = h.lines.as_ref().and_then(|l| {
            let v = *l.get_ref();
            if (1..=grid.lines as i64).contains(&v) {
                Some(v as usize)
            } else {
                self.error(
                    l.span(),
                    format!("heads {v} grid lines tall"),
                    &format!("1 to {} lines", grid.lines),
                )
            }
        });
        out
    }
}

/// Default face and size of each headline element on a tabloid page.
fn default_head_style(role: HeadRole) -> (Builtin, f64) {
    match role {
        HeadRole::Kicker => (Builtin::Hei, 16.0),
        HeadRole::Headline => (Builtin::HeiBold, 36.0),
        HeadRole::Subtitle => (Builtin::SongBold, 22.0),
        HeadRole::TableTitle => (Builtin::HeiBold, 12.0),
    }
}

/// A number for a message: plain when it is of a usual size, else in exponent form
/// (`1e-308`, not three hundred zeros).
fn short_number(n: f64) -> String {
    if n == 0.0 || (1e-3..1e6).contains(&n.abs()) {
        format!("{n}")
    } else {
        format!("{n:e}")
    }
}
