//! Layout dump: the laid-out pages as stable, readable JSON for snapshot tests and
//! `banmian diff`.
//!
//! In: a page's display list, layout report and warnings. Out: a [`LayoutDump`]: per
//! page its boxes, its items (one glyph run is one entry with its text, its origin and
//! its width; rules, rectangles and images with their rectangles), its articles' set
//! lines with their grid slot and position, and its warnings. Numbers are rounded to
//! 0.001 pt, object keys come in a fixed order (the order of the fields below) and every
//! list keeps document order, so the same input gives the same text byte for byte.
//! [`to_text`] prints one item or line per text line, which keeps a snapshot diff
//! readable.

use crate::compose::Composed;
use crate::diag::{Code, Diagnostic, Diagnostics};
use crate::display::{Color, Item, Page, Rect};
use crate::fonts::FontBook;
use crate::fonts::IDEOGRAPHIC_ASCENT;
use crate::units::Pt;
use serde::{Deserialize, Serialize};
use serde_json::Value;

/// Names the format; bump when the shape changes so old snapshots fail loudly.
pub const FORMAT: &str = "banmian-layout/1";

/// Longest compact line [`to_text`] keeps on one line before it breaks a value open.
const LINE_WIDTH: usize = 240;

/// A whole dump, the JSON that `banmian layout --json` prints and `banmian diff` and
/// the snapshot tests read back.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct LayoutDump {
    /// Always [`FORMAT`]; [`LayoutDump::parse`] rejects any other value.
    pub format: String,
    /// One entry per laid-out page, in document order; `diff` pairs pages by `label`.
    pub pages: Vec<PageDump>,
}

/// One page: its boxes, grid, display items, articles' set lines and warnings. All
/// positions are page coordinates in points (origin at the media box's top-left, y
/// down), rounded to 0.001 pt.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PageDump {
    /// The page's label in an edition, else the spec's page name.
    pub label: String,
    /// `[x, y, w, h]` in points, origin at the media box's top-left, y down.
    pub media: [f64; 4],
    /// The finished page, `[x, y, w, h]` in the media box's coordinates; `diff` reports
    /// a page-size change when this or `media` differs.
    pub trim: [f64; 4],
    /// The page's column grid.
    pub grid: GridDump,
    /// Every display item, in display-list order.
    pub items: Vec<ItemDump>,
    /// The articles in spec order, each with the lines its body was set in.
    pub articles: Vec<ArticleDump>,
    /// The page's warnings; `diff` compares them by code, message and context, not by
    /// `at`.
    pub warnings: Vec<WarningDump>,
}

/// The page's grid: counts, and lengths in points (rounded to 0.001 pt).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct GridDump {
    /// Number of text columns across the type area.
    pub columns: usize,
    /// Number of grid lines (body-text line slots) down a column.
    pub lines: usize,
    /// Width of one column, without the gutter.
    pub column_width: f64,
    /// Distance from one grid line to the next (body size plus leading).
    pub line_pitch: f64,
    /// Type size of the body text; with `line_pitch` it places a set line's box
    /// ([`LineDump::bounds`]).
    pub body_size: f64,
}

/// One display item. In JSON an object whose `"kind"` key names the variant in
/// lowercase (`"text"`, `"rect"`, `"line"`, `"circle"`, `"image"`, `"graphic"`,
/// `"span"`, `"end"`) beside the variant's fields. Lengths in points, page coordinates.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "lowercase")]
pub enum ItemDump {
    /// A glyph run: `x`, `y` the first glyph's origin (baseline), `w` to the last
    /// glyph's advance end, `size` the type size.
    Text {
        /// The face's name in the page's font book, or `font<N>` (its font id) when the
        /// book has no such face.
        font: String,
        /// Type size in points.
        size: f64,
        /// The first glyph's origin across; 0 for a run without glyphs.
        x: f64,
        /// The first glyph's baseline; 0 for a run without glyphs.
        y: f64,
        /// From `x` to the end of the last glyph's advance, horizontal scale included.
        w: f64,
        /// The fill colour of the glyphs.
        color: ColorDump,
        /// The glyphs' source text, joined in run order.
        text: String,
        /// Horizontal scale of the glyphs (长体/扁体), when not 1.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        scale: Option<f64>,
        /// The glyphs are turned 90° clockwise (Latin in a vertical line).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        sideways: Option<bool>,
    },
    /// A rectangle (a box, a tint panel, a proof mark).
    Rect {
        /// `[x, y, w, h]` of the rectangle's path; a stroke is centred on it.
        rect: [f64; 4],
        /// The fill colour; `null` when unfilled.
        fill: Option<ColorDump>,
        /// The outline; `null` when not stroked.
        stroke: Option<StrokeDump>,
    },
    /// A straight rule.
    Line {
        /// `[x, y]` of one end.
        from: [f64; 2],
        /// `[x, y]` of the other end.
        to: [f64; 2],
        /// Colour and width of the rule.
        stroke: StrokeDump,
        /// `[on, off]` of a dashed or dotted rule (absent when solid).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        dash: Option<[f64; 2]>,
    },
    /// A circle (an emphasis dot, a bullet).
    Circle {
        /// `[x, y]` of the centre.
        center: [f64; 2],
        /// Radius in points.
        radius: f64,
        /// The fill colour; `null` when unfilled.
        fill: Option<ColorDump>,
        /// The outline; `null` when not stroked.
        stroke: Option<StrokeDump>,
    },
    /// A raster photo or image.
    Image {
        /// `[x, y, w, h]` of the visible area (the crop).
        frame: [f64; 4],
        /// `[x, y, w, h]` the whole image is stretched to; it may reach outside `frame`.
        placed: [f64; 4],
        /// The image's `[width, height]` in pixels (its resolution shows against
        /// `placed`).
        pixels: [u32; 2],
    },
    /// A placed PDF or SVG: `file` names it with a hash of its bytes, so a changed
    /// ad file shows as a change even where its size is the same.
    Graphic {
        /// `[x, y, w, h]` of the visible area.
        clip: [f64; 4],
        /// `[x, y, w, h]` the graphic's area is drawn to.
        placed: [f64; 4],
        /// The file (and page, for a PDF of several) and the first 16 hex digits of its
        /// SHA-256, as `ads/bank.pdf page 2 (sha256 0123456789abcdef)`.
        file: String,
    },
    /// The items up to the next `end` read as `text` (a vertical line).
    Span {
        /// What a PDF reader extracts for the items in the span (`/ActualText`).
        text: String,
    },
    /// Ends a span.
    End,
}

/// A colour: `[c, m, y, k]` (0..1) for process colour, `{"spot": n, "tint": t}` for a
/// tint of the document's spot ink `n`, or `"registration"` (all plates).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum ColorDump {
    /// Cyan, magenta, yellow, black, each 0..1 rounded to 0.001; a JSON array.
    Process([f64; 4]),
    /// A tint of a spot ink; a JSON object `{"spot": n, "tint": t}`.
    Spot {
        /// Which of the document's spot inks.
        spot: u16,
        /// The tint, 0..1 rounded to 0.001 (1 is solid ink).
        tint: f64,
    },
    /// Registration colour (all plates); always the string `"registration"`.
    Registration(String),
}

/// The outline of a rectangle, rule or circle.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct StrokeDump {
    /// The stroke's colour.
    pub color: ColorDump,
    /// Line width in points, centred on the path.
    pub width: f64,
}

impl ItemDump {
    /// The area the item covers, `[x, y, w, h]` (for diff highlights).
    pub fn bounds(&self) -> [f64; 4] {
        match self {
            ItemDump::Text { size, x, y, w, .. } => [*x, y - size * IDEOGRAPHIC_ASCENT, *w, *size],
            ItemDump::Rect { rect, .. } => *rect,
            ItemDump::Line {
                from, to, stroke, ..
            } => {
                let half = stroke.width / 2.0;
                let (x0, x1) = (from[0].min(to[0]), from[0].max(to[0]));
                let (y0, y1) = (from[1].min(to[1]), from[1].max(to[1]));
                [
                    x0 - half,
                    y0 - half,
                    x1 - x0 + 2.0 * half,
                    y1 - y0 + 2.0 * half,
                ]
            }
            ItemDump::Circle { center, radius, .. } => [
                center[0] - radius,
                center[1] - radius,
                2.0 * radius,
                2.0 * radius,
            ],
            ItemDump::Graphic { clip, .. } => *clip,
            ItemDump::Image { frame, .. } => *frame,
            ItemDump::Span { .. } | ItemDump::End => [0.0; 4],
        }
    }
}

/// One article's fit: how many grid-line slots it had and used, and its set lines.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ArticleDump {
    /// The article's `id` from the spec; `diff` names changed lines by it.
    pub id: String,
    /// Grid-line slots (one column by one grid line) the body could use.
    pub slots: usize,
    /// Slots that got a set line (one per entry of `lines`).
    pub slots_used: usize,
    /// Non-space characters of the body that did not fit (0 when it all fitted).
    pub overset_chars: usize,
    /// The set lines in the order they were placed.
    pub lines: Vec<LineDump>,
}

/// One set line: grid column and line, kind (body, subhead, byline), baseline origin.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct LineDump {
    /// Grid column, counted from 0 at the left of the type area (`diff` shows it from
    /// 1, as the spec counts).
    pub column: usize,
    /// Grid line, counted from 0 at the top of the type area.
    pub line: usize,
    /// `"body"`, `"subhead"`, `"byline"` or `"jump"` (a 转下版 continuation line).
    pub kind: String,
    /// Left edge of the line, in points.
    pub x: f64,
    /// The line's baseline, in points.
    pub baseline: f64,
    /// The width the line was set to, in points.
    pub measure: f64,
    /// The line's text as set.
    pub text: String,
}

impl LineDump {
    /// The line's box on the page, `[x, y, w, h]`: its measure across, one grid line down.
    pub fn bounds(&self, grid: &GridDump) -> [f64; 4] {
        let top = self.baseline
            - grid.body_size * IDEOGRAPHIC_ASCENT
            - (grid.line_pitch - grid.body_size) / 2.0;
        [self.x, top, self.measure, grid.line_pitch]
    }
}

/// One warning as `banmian check` would print it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct WarningDump {
    /// The diagnostic code, such as `layout.overset` (see docs/spec.md §14).
    pub code: String,
    /// The message in plain words.
    pub message: String,
    /// `file:line:col`, when the warning has a place in a source file.
    pub at: Option<String>,
    /// Where on the page in plain words (article, paragraph, column); `null` when
    /// unknown.
    pub context: Option<String>,
}

/// Rounds to a thousandth of a point, the precision of every dumped number.
fn r(v: f64) -> f64 {
    let v = (v * 1000.0).round() / 1000.0;
    if v == 0.0 {
        0.0 // no "-0.0" in the text
    } else {
        v
    }
}

fn rect(b: &Rect) -> [f64; 4] {
    [r(b.x.0), r(b.y.0), r(b.w.0), r(b.h.0)]
}

fn color(c: &Color) -> ColorDump {
    match c {
        Color::Process(c) => ColorDump::Process([r(c.c), r(c.m), r(c.y), r(c.k)]),
        Color::Spot { spot, tint } => ColorDump::Spot {
            spot: *spot,
            tint: r(*tint),
        },
        Color::Registration => ColorDump::Registration("registration".into()),
    }
}

fn stroke(s: &crate::display::Stroke) -> StrokeDump {
    StrokeDump {
        color: color(&s.color),
        width: r(s.width.0),
    }
}

/// Dumps one laid-out page (the first page of `composed`'s document).
pub fn page(label: &str, composed: &Composed, fonts: &FontBook) -> Vec<PageDump> {
    composed
        .doc
        .pages
        .iter()
        .map(|p| PageDump {
            label: label.to_string(),
            media: rect(&p.media),
            trim: rect(&p.trim),
            grid: grid(composed),
            items: items(p, fonts),
            articles: articles(composed),
            warnings: warnings(&composed.warnings),
        })
        .collect()
}

fn grid(composed: &Composed) -> GridDump {
    let g = &composed.report.grid;
    GridDump {
        columns: g.columns,
        lines: g.lines,
        column_width: r(g.column_width.0),
        line_pitch: r(g.line_pitch.0),
        body_size: r(g.body_size.0),
    }
}

fn items(page: &Page, fonts: &FontBook) -> Vec<ItemDump> {
    page.items.iter().map(|i| item(i, fonts)).collect()
}

fn item(item: &Item, fonts: &FontBook) -> ItemDump {
    match item {
        Item::Text(run) => {
            let face = fonts.faces().nth(usize::from(run.font.0)).map(|(_, f)| f);
            let x0 = run.glyphs.first().map_or(0.0, |g| g.x.0);
            let end = run.glyphs.last().map_or(x0, |g| {
                g.x.0 + face.map_or(1.0, |f| f.advance(g.id)) * run.size.0 * run.scale
            });
            ItemDump::Text {
                font: face.map_or_else(|| format!("font{}", run.font.0), |f| f.name.clone()),
                size: r(run.size.0),
                x: r(x0),
                y: r(run.glyphs.first().map_or(0.0, |g| g.y.0)),
                w: r(end - x0),
                color: color(&run.color),
                text: run.glyphs.iter().map(|g| g.text.as_str()).collect(),
                scale: (run.scale != 1.0).then_some(r(run.scale)),
                sideways: run.sideways.then_some(true),
            }
        }
        Item::Rect(b) => ItemDump::Rect {
            rect: rect(&b.rect),
            fill: b.fill.as_ref().map(color),
            stroke: b.stroke.as_ref().map(stroke),
        },
        Item::Line(l) => ItemDump::Line {
            from: [r(l.from.0 .0), r(l.from.1 .0)],
            to: [r(l.to.0 .0), r(l.to.1 .0)],
            stroke: stroke(&l.stroke),
            dash: l.dash.map(|d| [r(d.on.0), r(d.off.0)]),
        },
        Item::Circle(c) => ItemDump::Circle {
            center: [r(c.center.0 .0), r(c.center.1 .0)],
            radius: r(c.radius.0),
            fill: c.fill.as_ref().map(color),
            stroke: c.stroke.as_ref().map(stroke),
        },
        Item::Image(i) => ItemDump::Image {
            frame: rect(&i.frame),
            placed: rect(&i.placed),
            pixels: [i.image.width, i.image.height],
        },
        Item::Graphic(g) => ItemDump::Graphic {
            clip: rect(&g.clip),
            placed: rect(&g.placed),
            file: format!("{} (sha256 {})", g.graphic.describe(), g.graphic.digest()),
        },
        Item::Span(text) => ItemDump::Span { text: text.clone() },
        Item::EndSpan => ItemDump::End,
    }
}

fn articles(composed: &Composed) -> Vec<ArticleDump> {
    let pt = |p: Pt| r(p.0);
    composed
        .report
        .articles
        .iter()
        .map(|a| ArticleDump {
            id: a.id.clone(),
            slots: a.slots,
            slots_used: a.slots_used,
            overset_chars: a.overset_chars,
            lines: a
                .lines
                .iter()
                .map(|l| LineDump {
                    column: l.column,
                    line: l.line,
                    kind: l.kind.to_string(),
                    x: pt(l.x),
                    baseline: pt(l.baseline),
                    measure: pt(l.measure),
                    text: l.text.clone(),
                })
                .collect(),
        })
        .collect()
}

/// The warnings as the dump shows them (also used by the edition report).
pub fn warnings(d: &Diagnostics) -> Vec<WarningDump> {
    d.iter()
        .map(|w| WarningDump {
            code: w.code.to_string(),
            message: w.message.clone(),
            at: w.loc.as_ref().map(|l| l.to_string()),
            context: w.context.clone(),
        })
        .collect()
}

impl LayoutDump {
    /// A dump of `pages` stamped with the current [`FORMAT`].
    pub fn new(pages: Vec<PageDump>) -> LayoutDump {
        LayoutDump {
            format: FORMAT.to_string(),
            pages,
        }
    }

    /// Reads a dump written by [`to_text`].
    pub fn parse(text: &str) -> Result<LayoutDump, DumpError> {
        let d: LayoutDump = serde_json::from_str(text).map_err(DumpError::Json)?;
        if d.format != FORMAT {
            return Err(DumpError::Format { found: d.format });
        }
        Ok(d)
    }
}

/// Why text is not a layout dump this version reads ([`LayoutDump::parse`]).
#[derive(Debug)]
pub enum DumpError {
    /// Not JSON, or not JSON of a dump's shape.
    Json(serde_json::Error),
    /// A dump of another format than [`FORMAT`].
    Format {
        /// The format the dump names.
        found: String,
    },
}

impl DumpError {
    /// The error as a `diff.read` diagnostic (dumps are read to be compared); the
    /// caller names the file (`about`).
    pub fn diagnostic(&self) -> Diagnostic {
        Diagnostic::new(Code::DiffRead, self.to_string())
    }
}

impl std::fmt::Display for DumpError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            DumpError::Json(e) => e.fmt(f),
            DumpError::Format { found } => write!(f, "format `{found}`, expected `{FORMAT}`"),
        }
    }
}

impl std::error::Error for DumpError {}

/// The dump as JSON text: indented, but any value that fits on one line stays on one
/// line (an item, a set line), so a changed line shows as one changed text line.
pub fn to_text(dump: &LayoutDump) -> String {
    let value = serde_json::to_value(dump).unwrap_or(Value::Null);
    let mut out = String::new();
    write_value(&value, 0, &mut out);
    out.push('\n');
    out
}

fn write_value(v: &Value, indent: usize, out: &mut String) {
    let can_open = matches!(v, Value::Array(a) if !a.is_empty())
        || matches!(v, Value::Object(o) if !o.is_empty());
    // A value holding a list of objects is always opened, so it is not serialised
    // compactly first: that made every value be serialised once per level above it.
    if !can_open || !holds_a_list_of_objects(v) {
        let compact = v.to_string();
        if !can_open || indent + compact.chars().count() <= LINE_WIDTH {
            out.push_str(&compact);
            return;
        }
    }
    let pad = " ".repeat(indent + 2);
    match v {
        Value::Array(items) => {
            out.push_str("[\n");
            for (i, item) in items.iter().enumerate() {
                out.push_str(&pad);
                write_value(item, indent + 2, out);
                out.push_str(if i + 1 < items.len() { ",\n" } else { "\n" });
            }
            out.push_str(&" ".repeat(indent));
            out.push(']');
        }
        Value::Object(map) => {
            out.push_str("{\n");
            for (i, (k, item)) in map.iter().enumerate() {
                out.push_str(&pad);
                out.push_str(&Value::String(k.clone()).to_string());
                out.push_str(": ");
                write_value(item, indent + 2, out);
                out.push_str(if i + 1 < map.len() { ",\n" } else { "\n" });
            }
            out.push_str(&" ".repeat(indent));
            out.push('}');
        }
        _ => out.push_str(&v.to_string()),
    }
}

/// Lists of objects (pages, items, lines) always get one element per line.
fn holds_a_list_of_objects(v: &Value) -> bool {
    match v {
        Value::Array(a) => a
            .iter()
            .any(|x| x.is_object() || holds_a_list_of_objects(x)),
        Value::Object(o) => o.values().any(holds_a_list_of_objects),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rounding_drops_noise_and_negative_zero() {
        assert_eq!(r(1.000_000_4), 1.0);
        assert_eq!(r(-0.000_1), 0.0);
        assert_eq!(r(12.345_6).to_string(), "12.346");
    }

    #[test]
    fn a_dump_of_another_format_is_refused() {
        let other = to_text(&LayoutDump {
            format: "banmian-layout/0".into(),
            pages: Vec::new(),
        });
        let e = LayoutDump::parse(&other).unwrap_err();
        assert!(
            matches!(&e, DumpError::Format { found } if found == "banmian-layout/0"),
            "{e:?}"
        );
        assert_eq!(
            e.to_string(),
            format!("format `banmian-layout/0`, expected `{FORMAT}`")
        );
        assert_eq!(e.diagnostic().code, Code::DiffRead);
        assert!(matches!(
            LayoutDump::parse("{\"pages\": 3}"),
            Err(DumpError::Json(_))
        ));
        let ok = LayoutDump::parse(&to_text(&LayoutDump::new(Vec::new()))).unwrap();
        assert!(ok.pages.is_empty());
    }

    #[test]
    fn short_values_stay_on_one_line() {
        let v = serde_json::json!({"a": [1, 2], "b": {"c": "x"}});
        let mut s = String::new();
        write_value(&v, 0, &mut s);
        assert_eq!(s, r#"{"a":[1,2],"b":{"c":"x"}}"#);
        let list = serde_json::json!({"l": [{"x": 1}, {"x": 2}]});
        let mut s = String::new();
        write_value(&list, 0, &mut s);
        assert_eq!(s, "{\n  \"l\": [\n    {\"x\":1},\n    {\"x\":2}\n  ]\n}");
        let long = serde_json::json!({"a": "x".repeat(LINE_WIDTH), "b": 1});
        let mut s = String::new();
        write_value(&long, 0, &mut s);
        assert!(s.starts_with("{\n  \"a\": \""), "{s}");
    }
}
