//! Paragraph styles (导语, 编者按, 引文, 条目, 短讯): the built-in defaults, then the
//! layout file's `[styles.NAME]` keys, then the spec's, key by key. Each value is
//! checked against the grid: a style's size fits the line pitch and its indents leave a
//! usable measure. Sizes and indents stay relative (`None` = the article's body face,
//! size or indent) until an article sets a paragraph.

use super::grid::LayoutFile;
use super::markup::ParStyle;
use super::{Cx, Grid};
use crate::fonts::{Builtin, FontId};
use crate::spec::{ParagraphStyleSpec, StylesSpec, S};
use crate::units::{parse_length, LengthKind, Pt};

/// Largest first-line, left, right or hanging indent, in ems.
const MAX_INDENT_EM: f64 = 8.0;
/// Most blank grid lines above or below a paragraph.
const MAX_SPACE_LINES: i64 = 4;
/// Characters a line of a style must keep after its indents.
const MIN_MEASURE_EM: f64 = 4.0;
/// Longest ornament between paragraphs, in characters.
const MAX_ORNAMENT_CHARS: usize = 8;

/// How the lines after a paragraph's first are indented beyond `left`.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Hang {
    /// Not at all.
    None,
    /// By the width of the paragraph's leading number (一、, （1）, 1.), so the text of
    /// every line starts under the first line's text (突排).
    Auto,
    /// By this many ems of the style's size.
    Em(f64),
}

/// What goes between two consecutive paragraphs of a style.
#[derive(Clone, Debug, PartialEq)]
pub enum Separator {
    /// Nothing.
    None,
    /// A hairline across the measure, centred in the space between them.
    Rule,
    /// These characters, centred on the blank grid line between them.
    Ornament(String),
}

/// How the paragraphs of one style are set. `None` means "as the article's body".
#[derive(Clone, Debug, PartialEq)]
pub struct ParagraphStyle {
    /// Face of the text.
    pub font: Option<FontId>,
    /// Face of `**…**` and `{bold}`.
    pub strong: Option<FontId>,
    /// Type size.
    pub size: Option<Pt>,
    /// First-line indent in ems of the style's size.
    pub indent_em: Option<f64>,
    /// Indent of every line from the column's left edge, in ems of the style's size.
    pub left_em: f64,
    /// Indent of every line from the column's right edge, in ems of the style's size.
    pub right_em: f64,
    /// Extra indent of the lines after the first.
    pub hang: Hang,
    /// Blank grid lines before a paragraph of the style (dropped at a column's top).
    pub space_above: usize,
    /// Blank grid lines after it (dropped at a column's foot).
    pub space_below: usize,
    /// Between two consecutive paragraphs of the style.
    pub separator: Separator,
    /// A hairline under the last paragraph of a run of the style.
    pub rule_below: bool,
}

impl ParagraphStyle {
    /// Plain body text: the article's face, size and indent.
    const BODY: ParagraphStyle = ParagraphStyle {
        font: None,
        strong: None,
        size: None,
        indent_em: None,
        left_em: 0.0,
        right_em: 0.0,
        hang: Hang::None,
        space_above: 0,
        space_below: 0,
        separator: Separator::None,
        rule_below: false,
    };

    /// The built-in style: what a Chinese daily does unless the layout says otherwise.
    pub fn builtin(style: ParStyle) -> ParagraphStyle {
        let kai = Some(Builtin::Kai.id());
        match style {
            // 导语 in 楷体, a blank line before the body.
            ParStyle::Lead => ParagraphStyle {
                font: kai,
                space_below: 1,
                ..Self::BODY
            },
            // 编者按 in 楷体, closed by a hairline on a blank line.
            ParStyle::Note => ParagraphStyle {
                font: kai,
                space_below: 1,
                rule_below: true,
                ..Self::BODY
            },
            // 引文 in 楷体, two characters in from both edges.
            ParStyle::Quote => ParagraphStyle {
                font: kai,
                left_em: 2.0,
                right_em: 2.0,
                ..Self::BODY
            },
            // 条目: turnover lines under the text after the number.
            ParStyle::Point => ParagraphStyle {
                hang: Hang::Auto,
                ..Self::BODY
            },
            // 短讯: run-in head in 黑体 (the body's strong face), a hairline on a blank
            // line between two briefs.
            ParStyle::Brief => ParagraphStyle {
                space_below: 1,
                separator: Separator::Rule,
                ..Self::BODY
            },
        }
    }
}

/// The page's paragraph styles.
#[derive(Clone, Debug, PartialEq)]
pub struct Styles(Vec<(ParStyle, ParagraphStyle)>);

impl Default for Styles {
    fn default() -> Self {
        Styles(
            ParStyle::ALL
                .into_iter()
                .map(|s| (s, ParagraphStyle::builtin(s)))
                .collect(),
        )
    }
}

impl Styles {
    /// The settings of `style`.
    pub fn get(&self, style: ParStyle) -> &ParagraphStyle {
        self.0
            .iter()
            .find(|(s, _)| *s == style)
            .map(|(_, p)| p)
            .unwrap_or(&ParagraphStyle::BODY)
    }

    fn get_mut(&mut self, style: ParStyle) -> Option<&mut ParagraphStyle> {
        self.0.iter_mut().find(|(s, _)| *s == style).map(|(_, p)| p)
    }
}

/// The tables of a `[styles]` with their names.
fn tables(s: &StylesSpec) -> [(ParStyle, Option<&ParagraphStyleSpec>); 5] {
    [
        (ParStyle::Lead, s.lead.as_ref()),
        (ParStyle::Note, s.note.as_ref()),
        (ParStyle::Quote, s.quote.as_ref()),
        (ParStyle::Point, s.point.as_ref()),
        (ParStyle::Brief, s.brief.as_ref()),
    ]
}

/// Where the keys being read are written, for error locations.
#[derive(Clone, Copy)]
struct Origin<'a> {
    layout: Option<&'a LayoutFile>,
    in_spec: bool,
}

impl Cx<'_> {
    /// The page's paragraph styles: built-in, then the layout's, then the spec's.
    pub(super) fn styles(&mut self, lay: Option<&LayoutFile>, grid: &Grid) -> Styles {
        let mut styles = Styles::default();
        if let Some(g) = &self.file.spec.page.grid {
            if g.styles.is_some() {
                let loc = self.page_loc();
                self.errors.push(
                    crate::diag::Diagnostic::new(
                        crate::diag::Code::SpecValue,
                        "paragraph styles under [page.grid]",
                    )
                    .at(loc)
                    .hint("in a spec they go under [styles] (e.g. [styles.lead]); [styles.…] inside a layout file is fine"),
                );
            }
        }
        let sources = [
            (
                lay.and_then(|l| l.grid.styles.as_ref()),
                Origin {
                    layout: lay,
                    in_spec: false,
                },
            ),
            (
                self.file.spec.styles.as_ref(),
                Origin {
                    layout: lay,
                    in_spec: true,
                },
            ),
        ];
        for (spec, from) in sources {
            for (name, table) in spec.map(tables).into_iter().flatten() {
                if let (Some(t), Some(style)) = (table, styles.get_mut(name)) {
                    self.style_keys(style, t, from, grid);
                }
            }
        }
        styles
    }

    /// Applies one `[styles.NAME]` table's keys to `style`.
    fn style_keys(
        &mut self,
        style: &mut ParagraphStyle,
        t: &ParagraphStyleSpec,
        from: Origin,
        grid: &Grid,
    ) {
        if let Some(f) = &t.font {
            style.font = self.style_font(f, from).unwrap_or(style.font);
        }
        if let Some(f) = &t.strong {
            style.strong = self.style_font(f, from).unwrap_or(style.strong);
        }
        if let Some(s) = &t.size {
            style.size = self.style_size(s, from, grid).unwrap_or(style.size);
        }
        let em = |v: &S<f64>, cx: &mut Self, what: &str| -> Option<f64> {
            let x = *v.get_ref();
            if (0.0..=MAX_INDENT_EM).contains(&x) {
                Some(x)
            } else {
                cx.bad(
                    v,
                    from,
                    format!("{what} of {x} em"),
                    "0 to 8, in ems of the style's size",
                )
            }
        };
        if let Some(v) = &t.indent {
            style.indent_em = em(v, self, "a first-line indent").or(style.indent_em);
        }
        if let Some(v) = &t.left {
            style.left_em = em(v, self, "a left indent").unwrap_or(style.left_em);
        }
        if let Some(v) = &t.right {
            style.right_em = em(v, self, "a right indent").unwrap_or(style.right_em);
        }
        if let Some(v) = &t.hang {
            style.hang = self.style_hang(v, from).unwrap_or(style.hang);
        }
        let lines = |v: &S<i64>, cx: &mut Self| -> Option<usize> {
            let n = *v.get_ref();
            if (0..=MAX_SPACE_LINES).contains(&n) {
                Some(n as usize)
            } else {
                cx.bad(
                    v,
                    from,
                    format!("{n} blank grid lines"),
                    "0 to 4 whole grid lines",
                )
            }
        };
        if let Some(v) = &t.space_above {
            style.space_above = lines(v, self).unwrap_or(style.space_above);
        }
        if let Some(v) = &t.space_below {
            style.space_below = lines(v, self).unwrap_or(style.space_below);
        }
        if let Some(v) = &t.separator {
            style.separator = self.separator(v, from).unwrap_or(style.separator.clone());
        }
        if let Some(b) = t.rule_below {
            style.rule_below = b;
        }
        self.check_style(style, t, from, grid);
    }

    /// The whole style against the grid: a measure left after the indents, and a
    /// blank line for an ornament to stand on.
    fn check_style(
        &mut self,
        style: &ParagraphStyle,
        t: &ParagraphStyleSpec,
        from: Origin,
        grid: &Grid,
    ) {
        let size = style.size.unwrap_or(grid.body_size);
        let hang = match style.hang {
            Hang::Em(e) => e,
            Hang::Auto => 2.0,
            Hang::None => 0.0,
        };
        let taken = (style.left_em + style.right_em + hang) * size.0;
        let key = t.left.as_ref().or(t.right.as_ref());
        if grid.column_width.0 - taken < MIN_MEASURE_EM * size.0 {
            if let Some(k) = key {
                self.bad::<(), _>(
                    k,
                    from,
                    format!("the indents leave less than {MIN_MEASURE_EM} characters of the {:.1} pt column", grid.column_width.0),
                    "make `left`, `right` or `hang` smaller",
                );
            }
        }
        if let (Separator::Ornament(_), Some(v)) = (&style.separator, &t.separator) {
            if style.space_above.max(style.space_below) == 0 {
                self.bad::<(), _>(
                    v,
                    from,
                    "an ornament between paragraphs needs a blank grid line to stand on".into(),
                    "set `space_below = 1` for the style, or use `separator = \"rule\"`",
                );
            }
        }
    }

    fn style_font(&mut self, name: &S<String>, from: Origin) -> Option<Option<FontId>> {
        if name.get_ref() == "body" {
            return Some(None);
        }
        match self.fonts.id(name.get_ref()) {
            Some(id) => Some(Some(id)),
            None => self.bad(
                name,
                from,
                format!("no font named `{}`", name.get_ref()),
                "body, or a built-in face (song, song-bold, hei, hei-bold, kai, ming), or a [[fonts]] name",
            ),
        }
    }

    fn style_size(&mut self, s: &S<String>, from: Origin, grid: &Grid) -> Option<Option<Pt>> {
        if s.get_ref() == "body" {
            return Some(None);
        }
        match parse_length(s.get_ref(), LengthKind::TypeSize) {
            Ok(p) if p.0 >= 4.0 && p.0 <= grid.line_pitch.0 => Some(Some(p)),
            Ok(p) => self.bad(
                s,
                from,
                format!(
                    "a paragraph size of {p} on a {} line pitch",
                    grid.line_pitch
                ),
                "from 4 pt up to the line pitch: every line of a paragraph sits on one grid line",
            ),
            Err(e) => self.refuse_located(
                s,
                from.in_spec,
                from.layout,
                e.diagnostic()
                    .hint("e.g. size = \"小五\", \"五号\" or \"9pt\", or \"body\""),
            ),
        }
    }

    fn style_hang(&mut self, v: &S<toml::Value>, from: Origin) -> Option<Hang> {
        match v.get_ref() {
            toml::Value::String(s) if s == "auto" => Some(Hang::Auto),
            toml::Value::Integer(n) if (0..=8).contains(n) => Some(match *n {
                0 => Hang::None,
                n => Hang::Em(n as f64),
            }),
            toml::Value::Float(x) if (0.0..=MAX_INDENT_EM).contains(x) => Some(Hang::Em(*x)),
            other => self.bad(
                v,
                from,
                format!("a hanging indent of {other}"),
                "\"auto\" (the width of the leading number) or 0 to 8 ems",
            ),
        }
    }

    fn separator(&mut self, v: &S<String>, from: Origin) -> Option<Separator> {
        let s = v.get_ref().trim();
        match s {
            "none" | "" => Some(Separator::None),
            "rule" => Some(Separator::Rule),
            _ if s.chars().count() <= MAX_ORNAMENT_CHARS => {
                Some(Separator::Ornament(s.to_string()))
            }
            _ => self.bad(
                v,
                from,
                format!("a separator of {} characters", s.chars().count()),
                "\"none\", \"rule\", or a short ornament such as \"◆\" or \"＊　＊　＊\"",
            ),
        }
    }

    /// A bad value, located in the spec or in the layout file it came from.
    fn bad<T, V>(&mut self, v: &S<V>, from: Origin, msg: String, hint: &str) -> Option<T> {
        self.located(v, from.in_spec, from.layout, msg, Some(hint))
    }
}
