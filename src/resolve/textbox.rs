//! Text boxes (`[[textbox]]`): groups of lines in their own faces, sizes and colours,
//! tab stops with separators or leaders, vertical alignment and padding, in a frame on
//! the grid; and the slots (the masthead's ear) that boxes and promos may take instead
//! of a `place`.

use super::rules::FrameLook;
use super::*;

/// The default leading of a text box's lines, in multiples of their size.
const DEFAULT_LEADING: f64 = 1.4;

/// Vertical alignment of a text box's lines in the box.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum VAlignBox {
    /// From the top of the inside (the default). Text taller than the box always
    /// starts at the top, whatever the alignment.
    Top,
    /// The spare height split above and below (`center`, `centre` or `middle`).
    Center,
    /// The last line on the foot of the inside.
    Bottom,
    /// The spare height shared out between the groups (a single group is centred).
    Justify,
}

/// A text box.
#[derive(Clone, Debug)]
pub struct Textbox {
    /// `id`, or `textbox N` (N from 1 in spec order): how messages name the box.
    pub id: String,
    /// The grid cells it takes, from `place` or `slot = "ear"` (the masthead's ear).
    /// The frame leaves the last line free as standoff, unless the place reaches the
    /// type area's foot or is one line high.
    pub place: Place,
    /// `frame`: stroke and fill (default a black hairline, no fill).
    pub frame: FrameLook,
    /// Space between the inside of the stroke and the text, on all four sides
    /// (`padding`, 0 to 72 pt; default the body size).
    pub padding: Pt,
    /// Where the groups sit down the box (`valign`; default top).
    pub valign: VAlignBox,
    /// The `[[textbox.lines]]`, top to bottom; never empty.
    pub groups: Vec<TextGroup>,
    /// The spec's `id` key, or the first group's `text` when there is no id.
    pub loc: Option<SourceLoc>,
}

/// Lines of a text box in one style.
#[derive(Clone, Debug)]
pub struct TextGroup {
    /// Each entry a paragraph; tabs (`\t`) move to the next stop.
    /// Blank lines of `text` are dropped and trailing spaces trimmed.
    pub paragraphs: Vec<String>,
    /// `font`: a built-in name or a `[[fonts]]` name (default 黑体, `hei`).
    pub font: FontId,
    /// `size`, 4 to 200 pt (a 号 or a length; default the body size).
    pub size: Pt,
    /// Colour of the text (`color`; default black).
    pub color: Color,
    /// `align`: left (default), center, right or justify. In a paragraph with tab
    /// stops it applies to the last field only.
    pub align: Align,
    /// Baseline to baseline, in multiples of `size`.
    pub leading: f64,
    /// Extra space above the group (`space_above`; default 0); the first group of a
    /// box never gets it.
    pub space_above: Pt,
    /// `band`: a tint behind the group's lines, across the box inside its stroke
    /// (padding included); `None`: no tint.
    pub band: Option<Color>,
    /// `[[textbox.lines.tabs]]`: the Nth tab of a paragraph goes to the Nth stop; a
    /// tab past the last stop moves half an em past the text before it. A group
    /// without stops sets each tab as an ideographic space.
    pub tabs: Vec<Tab>,
    /// The group's `text` key.
    pub loc: Option<SourceLoc>,
}

/// A tab stop of a text group.
#[derive(Clone, Debug, PartialEq)]
pub struct Tab {
    /// From the text's left edge; `None` for a right stop at the right edge.
    pub at: Option<Pt>,
    /// True: the text after the tab ends at the stop.
    pub right: bool,
    /// `leader`: characters (e.g. `·` or `…`) repeated from the text before the tab to
    /// the stop, on multiples of their width so several lines' leaders line up.
    /// `None` when absent or empty.
    pub leader: Option<String>,
    /// `separator`: text set at a left stop, before the field (e.g. `｜`); a right stop
    /// ignores it. `None` when absent or empty.
    pub separator: Option<String>,
}

impl Cx<'_> {
    /// The `[[textbox]]`es; `ear` is the masthead's ear, for `slot = "ear"`.
    pub(super) fn textboxes(&mut self, grid: &Grid, ear: Option<Place>) -> Vec<Textbox> {
        let mut out = Vec::new();
        for (i, t) in self.file.spec.textboxes.iter().enumerate() {
            let id =
                t.id.as_ref()
                    .map_or_else(|| format!("textbox {}", i + 1), |s| s.get_ref().clone());
            let what = format!("text box `{id}`");
            let at =
                t.id.as_ref()
                    .map(|s| s.span())
                    .or(t.lines.first().map(|g| g.text.span()))
                    .unwrap_or(0..0);
            let place = self.slot_or_place(&t.place, &t.slot, grid, ear, &what, at);
            let frame = match &t.frame {
                Some(f) => self.frame_look(&f.stroke, &f.weight, &f.style, &f.fill),
                None => Some(FrameLook {
                    stroke: Some(RuleLook::HAIRLINE),
                    fill: None,
                }),
            };
            let padding = match &t.padding {
                Some(p) => match parse_length(p.get_ref(), LengthKind::Distance) {
                    Ok(v) if v.0 >= 0.0 && v.0 <= 72.0 => Some(v),
                    Ok(v) => self.error(
                        p.span(),
                        format!("a padding of {v}"),
                        "0 to 72pt (one inch)",
                    ),
                    Err(e) => self.refuse(p.span(), e.diagnostic().hint("e.g. padding = \"3mm\"")),
                },
                None => Some(grid.body_size),
            };
            let valign = match t.valign.as_ref().map(|v| v.get_ref().as_str()) {
                None | Some("top") => Some(VAlignBox::Top),
                Some("center") | Some("centre") | Some("middle") => Some(VAlignBox::Center),
                Some("bottom") => Some(VAlignBox::Bottom),
                Some("justify") => Some(VAlignBox::Justify),
                Some(other) => {
                    let span = t.valign.as_ref().map_or(0..0, |v| v.span());
                    self.error(
                        span,
                        format!("unknown vertical alignment `{other}`"),
                        "top, center, bottom or justify",
                    )
                }
            };
            let groups: Vec<Option<TextGroup>> =
                t.lines.iter().map(|g| self.text_group(g, grid)).collect();
            if t.lines.is_empty() {
                let span = t.id.as_ref().map_or(0..0, |s| s.span());
                self.error::<()>(
                    span,
                    format!("{what} has no text"),
                    "add [[textbox.lines]] with a `text`",
                );
            }
            let loc =
                t.id.as_ref()
                    .map(|s| s.span())
                    .or(t.lines.first().map(|g| g.text.span()))
                    .and_then(|s| self.loc(s));
            if let (Some(place), Some(frame), Some(padding), Some(valign)) =
                (place, frame, padding, valign)
            {
                if groups.iter().all(Option::is_some) {
                    out.push(Textbox {
                        id,
                        place,
                        frame,
                        padding,
                        valign,
                        groups: groups.into_iter().flatten().collect(),
                        loc,
                    });
                }
            }
        }
        out
    }

    /// `place`, or a named slot (only "ear": the masthead's ear).
    pub(super) fn slot_or_place(
        &mut self,
        place: &Option<PlaceSpec>,
        slot: &Option<S<String>>,
        grid: &Grid,
        ear: Option<Place>,
        what: &str,
        at: std::ops::Range<usize>,
    ) -> Option<Place> {
        match (place, slot) {
            (Some(p), None) => self.place(p, grid, what),
            (None, Some(s)) if s.get_ref() == "ear" || s.get_ref() == "报眼" => match ear {
                Some(e) => Some(e),
                None => self.error(
                    s.span(),
                    format!("{what} goes in the ear, but the page has no masthead with an ear"),
                    "give [masthead] an `ear = { span = N }`, or place the box with `place`",
                ),
            },
            (None, Some(s)) => self.error(
                s.span(),
                format!("unknown slot `{}`", s.get_ref()),
                "the one slot is \"ear\" (the masthead's 报眼)",
            ),
            (Some(p), Some(_)) => self.error(
                p.column.span(),
                format!("{what} has both `place` and `slot`"),
                "keep one of them",
            ),
            (None, None) => self.error(
                at,
                format!("{what} has no `place`"),
                "give place = { column, span, top, height } or slot = \"ear\"",
            ),
        }
    }

    fn text_group(&mut self, g: &spec::TextboxLinesSpec, grid: &Grid) -> Option<TextGroup> {
        let font = match &g.font {
            Some(f) => self.font(f)?,
            None => Builtin::Hei.id(),
        };
        let size = match &g.size {
            Some(s) => match parse_length(s.get_ref(), LengthKind::TypeSize) {
                Ok(p) if (4.0..=200.0).contains(&p.0) => p,
                Ok(p) => {
                    return self.error(s.span(), format!("a type size of {p}"), "4pt to 200pt")
                }
                Err(e) => {
                    let d = e.diagnostic().hint("e.g. size = \"小四\" or \"12pt\"");
                    return self.refuse(s.span(), d);
                }
            },
            None => grid.body_size,
        };
        let color = match &g.color {
            Some(c) => self.color(c)?,
            None => Color::BLACK,
        };
        let align = match g.align.as_ref().map(|a| a.get_ref().as_str()) {
            None | Some("left") | Some("start") => Align::Start,
            Some("center") | Some("centre") => Align::Center,
            Some("right") | Some("end") => Align::End,
            Some("justify") => Align::Justify,
            Some("distribute") => Align::Distribute,
            Some(other) => {
                let span = g.align.as_ref().map_or(0..0, |a| a.span());
                return self.error(
                    span,
                    format!("unknown alignment `{other}`"),
                    "left, center, right, justify or distribute",
                );
            }
        };
        let leading = match &g.leading {
            Some(l) if (0.8..=4.0).contains(l.get_ref()) => *l.get_ref(),
            Some(l) => {
                return self.error(
                    l.span(),
                    format!("a leading of {}", l.get_ref()),
                    "in multiples of the size, 0.8 to 4 (1.4 is usual)",
                )
            }
            None => DEFAULT_LEADING,
        };
        let space_above = match &g.space_above {
            Some(s) => match parse_length(s.get_ref(), LengthKind::Distance) {
                Ok(p) if p.0 >= 0.0 => p,
                Ok(_) => {
                    return self.error(
                        s.span(),
                        "a negative space",
                        "give a length such as \"2mm\"",
                    )
                }
                Err(e) => {
                    let d = e.diagnostic().hint("e.g. space_above = \"2mm\"");
                    return self.refuse(s.span(), d);
                }
            },
            None => Pt::ZERO,
        };
        let band = match &g.band {
            Some(b) => Some(self.color(b)?),
            None => None,
        };
        let mut tabs = Vec::new();
        for t in &g.tabs {
            tabs.push(self.tab(t, size)?);
        }
        let paragraphs = g
            .text
            .get_ref()
            .lines()
            .map(|l| l.trim_end().to_string())
            .filter(|l| !l.trim().is_empty())
            .collect();
        Some(TextGroup {
            paragraphs,
            font,
            size,
            color,
            align,
            leading,
            space_above,
            band,
            tabs,
            loc: self.loc(g.text.span()),
        })
    }

    fn tab(&mut self, t: &spec::TabSpec, size: Pt) -> Option<Tab> {
        let right = match t.align.as_ref().map(|a| a.get_ref().as_str()) {
            None | Some("left") => false,
            Some("right") => true,
            Some(other) => {
                let span = t.align.as_ref().map_or(0..0, |a| a.span());
                return self.error(
                    span,
                    format!("unknown tab alignment `{other}`"),
                    "left or right",
                );
            }
        };
        let at = match &t.at {
            Some(a) => {
                let text = a.get_ref().trim();
                let v = match text.strip_suffix("em") {
                    Some(n) => n.trim().parse::<f64>().map(|e| size * e).map_err(|_| {
                        Diagnostic::new(Code::SpecValue, format!("`{text}` is not a number of ems"))
                    }),
                    None => parse_length(text, LengthKind::Distance).map_err(|e| e.diagnostic()),
                };
                match v {
                    Ok(p) if p.0 >= 0.0 => Some(p),
                    Ok(_) => {
                        return self.error(
                            a.span(),
                            "a tab stop left of the text",
                            "give a stop from the text's left edge",
                        )
                    }
                    Err(d) => {
                        let d = d.hint("e.g. at = \"3em\" or at = \"12mm\"");
                        return self.refuse(a.span(), d);
                    }
                }
            }
            None if right => None,
            None => {
                let span = t
                    .align
                    .as_ref()
                    .or(t.leader.as_ref())
                    .or(t.separator.as_ref())
                    .map_or(0..0, |a| a.span());
                return self.error(span, "a left tab stop without `at`", "give at = \"3em\" (only a right stop may go without one: it is the right edge)");
            }
        };
        let short = |s: &Option<S<String>>| {
            s.as_ref()
                .map(|v| v.get_ref().clone())
                .filter(|v| !v.is_empty())
        };
        Some(Tab {
            at,
            right,
            leader: short(&t.leader),
            separator: short(&t.separator),
        })
    }
}
