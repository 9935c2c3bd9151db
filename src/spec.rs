//! The page spec as written: TOML parsed with serde into plain structs that keep the
//! source position of every value a later stage may need to complain about.
//!
//! In: a spec file's path. Out: [`SpecFile`] (the text, the path and the parsed [`Spec`])
//! or a diagnostic naming file, line and column. Nothing here interprets units or reads
//! other files: that is `resolve`'s job. Every key is documented in docs/spec.md.

use crate::diag::Code;
use crate::diag::{Diagnostic, SourceLoc};
use crate::files::{FileKind, Files};
use schemars::{JsonSchema, Schema, SchemaGenerator};
use serde::Deserialize;
use std::path::{Path, PathBuf};
use toml::Spanned;

pub mod front;
pub mod table;
pub use front::{
    ArticleFrameSpec, BoxFrameSpec, EarSpec, HorizontalSpec, MastheadSpec, RuleLookSpec, RuleSpec,
    SeparatorsSpec, TabSpec, TextboxLinesSpec, TextboxSpec, VerticalSpec,
};
pub use table::TableSpec;

/// A value with the byte range of the file it came from, so later stages can point at
/// it (file:line:col). Transparent to serde and to the JSON Schema: in TOML it is just
/// the value.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Deserialize)]
#[serde(transparent)]
pub struct S<T>(Spanned<T>);

impl<T> S<T> {
    /// A value with its byte range.
    pub fn new(span: std::ops::Range<usize>, value: T) -> S<T> {
        S(Spanned::new(span, value))
    }
    /// The value.
    pub fn get_ref(&self) -> &T {
        self.0.get_ref()
    }
    /// The byte range in the file.
    pub fn span(&self) -> std::ops::Range<usize> {
        self.0.span()
    }
    /// The value, without its range.
    pub fn into_inner(self) -> T {
        self.0.into_inner()
    }
}

impl<T: JsonSchema> JsonSchema for S<T> {
    fn inline_schema() -> bool {
        T::inline_schema()
    }
    fn schema_name() -> std::borrow::Cow<'static, str> {
        T::schema_name()
    }
    fn schema_id() -> std::borrow::Cow<'static, str> {
        T::schema_id()
    }
    fn json_schema(generator: &mut SchemaGenerator) -> Schema {
        T::json_schema(generator)
    }
}

/// For the schema only: a place on the grid is a whole number of grid lines or a
/// length such as `"80mm"`.
#[derive(JsonSchema)]
#[serde(untagged)]
#[allow(
    dead_code,
    reason = "describes the TOML for the JSON Schema; never built"
)]
enum LinesOrLength {
    /// Grid lines from the top of the type area (or a height in grid lines).
    Lines(u32),
    /// A length with its unit: "80mm", "2.5cm", "36pt".
    Length(String),
}

/// For the schema only: a hanging indent is "auto" or a number of ems.
#[derive(JsonSchema)]
#[serde(untagged)]
#[allow(
    dead_code,
    reason = "describes the TOML for the JSON Schema; never built"
)]
enum HangValue {
    /// Ems of the style's size (0 to 8).
    Ems(f64),
    /// "auto": the width of the paragraph's leading number.
    Auto(String),
}

/// For the schema only: a swatch is a CMYK string or a spot ink.
#[derive(JsonSchema)]
#[serde(untagged)]
#[allow(
    dead_code,
    reason = "describes the TOML for the JSON Schema; never built"
)]
enum SwatchValue {
    /// Process CMYK in percent: "0 100 100 10".
    Process(String),
    /// A spot ink with the process mix that stands in for it.
    Spot {
        /// The ink's name on the separation, e.g. "PANTONE 485 C".
        spot: String,
        /// Its process stand-in, "c m y k" in percent.
        cmyk: String,
    },
}

/// A page spec: the whole TOML file of one page (docs/spec.md).
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Spec {
    /// `[page]`: the layout or grid, text settings, title and date (docs/spec.md §3). Required.
    pub page: PageSpec,
    /// `[folio]`: the line of small type above the type area (docs/spec.md §5).
    pub folio: Option<FolioSpec>,
    /// `[banner]`: the coloured section band from grid line 0 (版头, docs/spec.md §6).
    pub banner: Option<BannerSpec>,
    /// `[credits]`: editor, designer and proofreader, printed in the banner or the folio
    /// (docs/spec.md §7).
    pub credits: Option<CreditsSpec>,
    /// `[[article]]`: the stories, their heads and body (docs/spec.md §8).
    #[serde(default, rename = "article")]
    pub articles: Vec<ArticleSpec>,
    /// `[[photo]]`: pictures with caption and credit (docs/spec.md §10).
    #[serde(default, rename = "photo")]
    pub photos: Vec<PhotoSpec>,
    /// `[[promo]]`: boxed promos, with an optional QR code (docs/spec.md §11).
    #[serde(default, rename = "promo")]
    pub promos: Vec<PromoSpec>,
    /// Tables: standings, results, quotes, listings (docs/spec.md §11a).
    #[serde(default, rename = "table")]
    pub tables: Vec<TableSpec>,
    /// Placed PDF pages and SVG drawings: ads, logos, charts.
    #[serde(default, rename = "graphic")]
    pub graphics: Vec<GraphicSpec>,
    /// Free rules on the grid (docs/spec.md §11b).
    #[serde(default, rename = "rule")]
    pub rules: Vec<RuleSpec>,
    /// Hairlines between adjacent stories (docs/spec.md §11b).
    pub separators: Option<SeparatorsSpec>,
    /// Text boxes: 导读, weather, notices (docs/spec.md §11d).
    #[serde(default, rename = "textbox")]
    pub textboxes: Vec<TextboxSpec>,
    /// The front page's masthead (报头, docs/spec.md §11e).
    pub masthead: Option<MastheadSpec>,
    /// `[[fonts]]`: extra font files, used by name as a `font` (docs/spec.md §12).
    #[serde(default)]
    pub fonts: Vec<FontSpec>,
    /// `[output]`: press condition, proof marks, photo resolution and ink checks
    /// (docs/spec.md §13).
    pub output: Option<OutputSpec>,
    /// Named colours: `red = "0 100 100 10"` or `brand = { spot = "…", cmyk = "…" }`.
    #[schemars(with = "Option<std::collections::BTreeMap<String, SwatchValue>>")]
    pub swatches: Option<std::collections::BTreeMap<String, S<toml::Value>>>,
    /// Paragraph styles (`[styles.lead]` …), over the layout file's and the built-in ones.
    pub styles: Option<StylesSpec>,
}

/// The paragraph styles a body marks with `{lead}` …, each optional: a style not given
/// keeps the layout's settings, and those the built-in defaults (docs/spec.md §8).
#[derive(Debug, Deserialize, Default, Clone, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct StylesSpec {
    /// 导语.
    pub lead: Option<ParagraphStyleSpec>,
    /// 编者按.
    pub note: Option<ParagraphStyleSpec>,
    /// 引文: a block quotation.
    pub quote: Option<ParagraphStyleSpec>,
    /// 条目: a numbered point.
    pub point: Option<ParagraphStyleSpec>,
    /// 短讯: a brief.
    pub brief: Option<ParagraphStyleSpec>,
}

/// How the paragraphs of one style are set. Every key is optional.
#[derive(Debug, Deserialize, Default, Clone, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ParagraphStyleSpec {
    /// Face: a built-in name or a `[[fonts]]` name; "body" for the article's body face.
    pub font: Option<S<String>>,
    /// Face of `**…**` and `{bold}` in these paragraphs.
    pub strong: Option<S<String>>,
    /// Type size (号 name or a size with unit); "body" for the body size.
    pub size: Option<S<String>>,
    /// First-line indent, in ems of the style's size.
    pub indent: Option<S<f64>>,
    /// Indents of every line from the column's edges, in ems of the style's size.
    pub left: Option<S<f64>>,
    /// Indent of every line from the column's right edge, in ems of the style's size.
    pub right: Option<S<f64>>,
    /// Hanging indent of the lines after the first: ems, or "auto" (the width of the
    /// paragraph's leading number, 一、 or （1）).
    #[schemars(with = "Option<HangValue>")]
    pub hang: Option<S<toml::Value>>,
    /// Blank grid lines before and after a paragraph of the style.
    pub space_above: Option<S<i64>>,
    /// Blank grid lines after a paragraph of the style.
    pub space_below: Option<S<i64>>,
    /// Between two consecutive paragraphs of the style: "none", "rule" or an ornament
    /// (a few characters, centred on a blank grid line).
    pub separator: Option<S<String>>,
    /// A hairline under the last paragraph of a run of the style.
    pub rule_below: Option<bool>,
}

/// What the PDF is made for: the press condition (PDF/X-4 output intent), proof marks
/// and the photo resolution check.
#[derive(Debug, Deserialize, Default, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct OutputSpec {
    /// PDF/X-4 with an output intent (default true); false writes a plain PDF 1.6.
    pub pdfx: Option<bool>,
    /// A CMYK output ICC profile for the press (default: the built-in newsprint one).
    pub icc: Option<S<String>>,
    /// Its `OutputConditionIdentifier`, e.g. "IFRA26"; required with `icc`.
    pub condition: Option<S<String>>,
    /// The condition in words (`Info` of the output intent).
    pub condition_info: Option<S<String>>,
    /// Where the condition is registered (default `"http://www.color.org"`).
    pub registry: Option<S<String>>,
    /// Proof marks: crop and registration marks, colour bar, slug line.
    pub marks: Option<bool>,
    /// Photos printing under this effective resolution get a warning (default 150).
    pub min_ppi: Option<S<f64>>,
    /// Measure the total ink of placed files' CMYK images (decodes them: opt-in).
    pub check_ink: Option<bool>,
    /// The highest total area coverage allowed, in % (newsprint: 240).
    pub ink_limit: Option<S<f64>>,
}

/// The page: either `layout = "NAME"` (a file in `layouts/`) or the grid given inline;
/// inline keys override the layout's.
#[derive(Debug, Deserialize, Default, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PageSpec {
    /// The PDF's document title (default: the spec's file name without `.toml`).
    pub name: Option<String>,
    /// A layout file by name, without `.toml` (`tabloid`, `broadsheet`, or one in a
    /// `layouts/` folder); no `/` or `\`. Without it, `[page.grid]` gives the whole grid.
    pub layout: Option<S<String>>,
    /// Grid keys given here override the layout's (same keys as a layout file).
    pub grid: Option<GridSpec>,
    /// Text settings for every article (`[page.text]`); an article's `text` overrides them.
    pub text: Option<TextSpec>,
    /// Seconds since the Unix epoch for the PDF's creation date (else SOURCE_DATE_EPOCH).
    pub date_epoch: Option<S<i64>>,
}

/// The grid of a page: also the whole content of a `layouts/NAME.toml` file.
#[derive(Debug, Deserialize, Default, Clone, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct GridSpec {
    /// A free text label; ignored.
    pub description: Option<String>,
    /// Trim width: a length such as "273mm". Required.
    pub width: Option<S<String>>,
    /// Trim height: a length such as "393mm". Required.
    pub height: Option<S<String>>,
    /// Bleed on every side, a length (default "0mm").
    pub bleed: Option<S<String>>,
    /// Distances from the trim edges to the type area (all four required); in grid mode
    /// the left and right ones are minimums.
    pub margins: Option<MarginsSpec>,
    /// Number of columns, 1 to 20. Required.
    pub columns: Option<S<i64>>,
    /// Space between columns, a length such as "4.5mm". Required.
    pub gutter: Option<S<String>>,
    /// Characters of body type per column: makes the column measure a whole number of ems.
    pub column_chars: Option<S<i64>>,
    /// Size of body type: a 号 name ("小五") or a size with unit ("9pt"); at least 4 pt.
    /// Required.
    pub body_size: Option<S<String>>,
    /// Baseline to baseline of body text, a length ("13pt", not a 号 name): one grid line.
    /// At least `body_size`. Required.
    pub line_pitch: Option<S<String>>,
    /// Hairlines (0.4 pt) in the gutters between an article's columns (default false).
    pub column_rules: Option<bool>,
    /// Ad modules by name (通栏, 半通栏, 报眼, …): see docs/spec.md §17.
    pub modules: Option<std::collections::BTreeMap<String, ModuleSpec>>,
    /// The house's text settings (e.g. `latin_space = "none"`); a page's [page.text]
    /// overrides them.
    pub text: Option<TextSpec>,
    /// Paragraph styles of the layout (`[styles.lead]` … in a layout file). In a spec
    /// they go under the top-level `[styles]`, not under `[page.grid]`.
    pub styles: Option<StylesSpec>,
}

/// An ad module of a layout: a rectangle of the type area that ads are sold by.
#[derive(Debug, Deserialize, Clone, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ModuleSpec {
    /// A free text label; ignored.
    pub description: Option<String>,
    /// First column, from 1 (default 1).
    pub column: Option<S<i64>>,
    /// Columns across (default: all).
    pub span: Option<S<i64>>,
    /// A fraction of the type area's height ("1/4"), a length ("120mm") or grid lines.
    #[schemars(with = "LinesOrLength")]
    pub height: S<toml::Value>,
    /// "bottom" (the default), "top", or the grid line its top sits on.
    #[schemars(with = "Option<LinesOrLength>")]
    pub at: Option<S<toml::Value>>,
    /// The module reaches the trim edges it lies along, and its ad bleeds there.
    pub bleed: Option<bool>,
}

/// Distances from the trim edges to the type area, each a length such as "12mm".
#[derive(Debug, Deserialize, Default, Clone, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct MarginsSpec {
    /// From the top trim edge to the type area's first grid line.
    pub top: Option<S<String>>,
    /// From the bottom trim edge; what the grid lines leave over is added to it.
    pub bottom: Option<S<String>>,
    /// From the left trim edge (a minimum in grid mode: the type area is centred).
    pub left: Option<S<String>>,
    /// From the right trim edge (a minimum in grid mode: the type area is centred).
    pub right: Option<S<String>>,
}

/// Text settings for the page (articles may override).
#[derive(Debug, Deserialize, Default, Clone, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct TextSpec {
    /// Line-breaking rules (禁则): `none`, `basic`, `gb`, `strict` (default), `jis-very-strict`,
    /// `jis-strict`, `jis-loose`, `jis-very-loose`, `css-strict`, `css-normal`, `css-loose` or
    /// `uax14`.
    pub strictness: Option<S<String>>,
    /// Punctuation widths: `quanjiao` (default), `kaiming`, `banjiao`, `hangmobanjiao` or
    /// `plain`.
    pub punctuation: Option<S<String>>,
    /// First-line indent of body paragraphs, in body ems, 0 to 8 (default 2).
    pub indent: Option<S<f64>>,
    /// Let 、，。 hang past the line end (default false).
    pub hanging: Option<S<bool>>,
    /// Face of the body paragraphs: a built-in name or a `[[fonts]]` name.
    pub font: Option<S<String>>,
    /// Han–Latin spacing: `none`, `eighth`, `sixth` or `quarter` (cjk-rules.md §6.1).
    pub latin_space: Option<S<String>>,
    /// Hyphenate long English words (default true).
    pub hyphenate: Option<bool>,
    /// Quotes around a Latin phrase: `proportional` (default) or `full`.
    pub quotes: Option<S<String>>,
    /// Strict character grid: every ideograph on the column's pitch (default false).
    pub strict_grid: Option<bool>,
    /// Punctuation positions and compression: `cn` (default), `tw` or `hk`.
    pub region: Option<S<String>>,
    /// Face of `**…**` and `{bold}` in body paragraphs (黑体 unless set).
    pub strong: Option<S<String>>,
}

/// `[folio]`: the line of small type in the top margin, with a rule under it.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct FolioSpec {
    /// The paper's name, at the right (default empty).
    pub paper: Option<S<String>>,
    /// The date, at the right after `paper` (default empty).
    pub date: Option<S<String>>,
    /// The page number, e.g. "A07", at the left (default empty).
    pub page: Option<S<String>>,
    /// The section, at the left after `page` (default empty).
    pub section: Option<S<String>>,
}

/// `[banner]`: a coloured band across the type area from grid line 0, with the section
/// title in white.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct BannerSpec {
    /// The section title. Required.
    pub title: S<String>,
    /// Slogans, printed on one line beside the title (default none).
    #[serde(default)]
    pub slogans: Vec<S<String>>,
    /// Height in grid lines.
    pub lines: Option<S<i64>>,
    /// Band colour: "c m y k" in percent, a swatch, or "swatch 40%" (default
    /// "0 100 100 10").
    pub color: Option<S<String>>,
}

/// `[credits]`: who made the page. Empty roles are left out.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct CreditsSpec {
    /// Printed as `编辑 NAME`.
    pub editor: Option<S<String>>,
    /// Printed as `美编 NAME`.
    pub designer: Option<S<String>>,
    /// Printed as `校对 NAME`.
    pub proofreader: Option<S<String>>,
}

/// A rectangle on the grid. `column` is 1-based; `top` and `height` are in grid lines
/// (an integer) or a length string such as `"80mm"`.
#[derive(Debug, Deserialize, Clone, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PlaceSpec {
    /// First (leftmost) column, counted from 1.
    pub column: S<i64>,
    /// Number of columns, 1 to columns − column + 1.
    pub span: S<i64>,
    /// First grid line, from 0 at the top of the type area; or a length ("80mm") from there,
    /// rounded to the nearest line.
    #[schemars(with = "LinesOrLength")]
    pub top: S<toml::Value>,
    /// Grid lines (or a length, rounded to whole lines); default: to the bottom of the grid.
    #[schemars(with = "Option<LinesOrLength>")]
    pub height: Option<S<toml::Value>>,
}

/// A head with its own settings (docs/spec.md §8, "Heads").
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct HeadSpec {
    /// The words. A newline breaks the line there.
    pub text: S<String>,
    /// Face: a built-in name or a `[[fonts]]` name.
    pub font: Option<S<String>>,
    /// Type size (号 name or a size with unit).
    pub size: Option<S<String>>,
    /// Height in grid lines (default: as many as the type needs).
    pub lines: Option<S<i64>>,
    /// "center" (default), "left", "right", or "spread" (均排: every line's characters
    /// spread evenly across the measure).
    pub align: Option<S<String>>,
    /// Colour of the type: a swatch, "c m y k" in percent, or "swatch 60%".
    pub color: Option<S<String>>,
    /// A reverse head (反白): a bar of this colour behind the head's grid lines across
    /// its span, the type in white unless `color` says otherwise.
    pub background: Option<S<String>>,
    /// Letter-spacing between the characters, in em of the head's size (-0.2 to 1).
    pub tracking: Option<S<f64>>,
    /// Horizontal scale of the type in percent (70 to 130): under 100 a 长体, over 100 a
    /// 扁体.
    pub scale: Option<S<f64>>,
    /// What a space in the text does: "break" (default: a break point, printed as an
    /// ideographic space) or "keep" (printed as a space; lines break only where the
    /// text needs or at a newline).
    pub spaces: Option<S<String>>,
    /// A rule over the head: its weight, e.g. "1pt".
    pub rule_above: Option<S<String>>,
    /// A rule under the head: its weight, e.g. "0.5pt".
    pub rule_below: Option<S<String>>,
    /// The measure the head is set (and spread) to: a number of characters of its size,
    /// or a length ("60mm"); centred in the span unless aligned left or right.
    #[schemars(with = "Option<CharsOrLength>")]
    pub width: Option<S<toml::Value>>,
}

/// For the schema only: a head's width is a number of characters or a length.
#[derive(JsonSchema)]
#[serde(untagged)]
#[allow(
    dead_code,
    reason = "describes the TOML for the JSON Schema; never built"
)]
enum CharsOrLength {
    /// Characters of the head's size.
    Chars(f64),
    /// A length with its unit: "60mm", "180pt".
    Length(String),
}

/// Where an article's heads sit against its body (docs/spec.md §8, "Head placement").
#[derive(Debug, Deserialize, Default, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct HeadsSpec {
    /// "top" (default: over the body), "left" or "right" (a side head beside the body).
    pub position: Option<S<String>>,
    /// 竖题: the heads set top to bottom in vertical lines, at the right of the body
    /// unless `position = "left"`.
    pub vertical: Option<S<bool>>,
    /// The first (leftmost) column the heads take, counted from 1 on the page.
    pub column: Option<S<i64>>,
    /// How many columns the heads take.
    pub span: Option<S<i64>>,
    /// How many grid lines the heads' area takes (default: what the heads need; a side
    /// head takes the article's whole height).
    pub lines: Option<S<i64>>,
}

/// An article's area: one rectangle on the grid, or several whose union it is.
#[derive(Debug)]
pub enum AreaSpec {
    /// `place = { column, span, top, height }`.
    One(PlaceSpec),
    /// `place = [{ … }, { … }]`: an L shape or steps; the first rectangle is where the
    /// heads go by default.
    Union(Vec<PlaceSpec>),
}

impl AreaSpec {
    /// The rectangles, in the order given.
    pub fn rects(&self) -> &[PlaceSpec] {
        match self {
            AreaSpec::One(p) => std::slice::from_ref(p),
            AreaSpec::Union(v) => v,
        }
    }
}

impl JsonSchema for AreaSpec {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "AreaSpec".into()
    }
    fn json_schema(generator: &mut SchemaGenerator) -> Schema {
        let place = generator.subschema_for::<PlaceSpec>();
        schemars::json_schema!({
            "description": "Where the article goes: one rectangle on the grid, or a list of rectangles whose union is its area (an L shape, steps).",
            "anyOf": [place, { "type": "array", "items": place, "minItems": 1 }]
        })
    }
}

impl<'de> Deserialize<'de> for AreaSpec {
    // Hand-written for the same reason as `HeadOrText`: the spans inside must survive.
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> serde::de::Visitor<'de> for V {
            type Value = AreaSpec;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a table `{ column, span, top, height }` or a list of them")
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(self, map: A) -> Result<AreaSpec, A::Error> {
                PlaceSpec::deserialize(serde::de::value::MapAccessDeserializer::new(map))
                    .map(AreaSpec::One)
            }
            fn visit_seq<A: serde::de::SeqAccess<'de>>(
                self,
                mut seq: A,
            ) -> Result<AreaSpec, A::Error> {
                let mut out = Vec::new();
                while let Some(p) = seq.next_element::<PlaceSpec>()? {
                    out.push(p);
                }
                if out.is_empty() {
                    return Err(serde::de::Error::custom(
                        "an empty list of rectangles: give at least one `{ column, span, top, height }`",
                    ));
                }
                Ok(AreaSpec::Union(out))
            }
        }
        d.deserialize_any(V)
    }
}

/// A headline element: a plain string, or a table with its own face and size.
#[derive(Debug)]
pub enum HeadOrText {
    /// Just the words, set with the head's default face and size.
    Text(String),
    /// The words with their own face, size, lines, alignment, colour ….
    Head(Box<HeadSpec>),
}

impl JsonSchema for HeadOrText {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "HeadOrText".into()
    }
    fn json_schema(generator: &mut SchemaGenerator) -> Schema {
        let head = generator.subschema_for::<HeadSpec>();
        schemars::json_schema!({
            "description": "A head: its text, or a table with the text and its own face, size, lines and alignment.",
            "anyOf": [{ "type": "string" }, head]
        })
    }
}

impl<'de> Deserialize<'de> for HeadOrText {
    // Hand-written instead of `#[serde(untagged)]`: untagged buffers the value and loses
    // the source spans that `Spanned` fields inside `HeadSpec` need for error locations.
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> serde::de::Visitor<'de> for V {
            type Value = HeadOrText;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a string, or a table with `text` and optional `font`, `size`, `lines`, `align`, `color`, …")
            }
            fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<HeadOrText, E> {
                Ok(HeadOrText::Text(v.to_string()))
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(
                self,
                map: A,
            ) -> Result<HeadOrText, A::Error> {
                HeadSpec::deserialize(serde::de::value::MapAccessDeserializer::new(map))
                    .map(|h| HeadOrText::Head(Box::new(h)))
            }
        }
        d.deserialize_any(V)
    }
}

/// `[[article]]`: a story's heads and its body, flowed down the columns of its place.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ArticleSpec {
    /// Name used in messages and in the `check` report (default "article N", N from 1 in
    /// file order); a `continued_from` names it.
    pub id: Option<S<String>>,
    /// 引题, above the headline: a string or a head table.
    pub kicker: Option<S<HeadOrText>>,
    /// 主题, the headline: a string or a head table.
    pub headline: Option<S<HeadOrText>>,
    /// 副题, below the headline: a string or a head table.
    pub subtitle: Option<S<HeadOrText>>,
    /// The reporter line.
    pub byline: Option<S<String>>,
    /// Where the byline goes: "head" (default: under the heads) or "end" (after the last
    /// paragraph, flush right).
    pub byline_position: Option<S<String>>,
    /// The text itself (paragraphs, subheads, inline markup: docs/spec.md §8).
    pub body: Option<S<String>>,
    /// A UTF-8 text file with the body, relative to the spec; give `body` or `body_file`,
    /// not both.
    pub body_file: Option<S<String>>,
    /// Where the article goes: one rectangle, or a list of rectangles whose union is its
    /// area (an L shape, steps).
    pub place: AreaSpec,
    /// Where the heads sit: over the body (default), beside it, or vertical (竖题).
    pub heads: Option<HeadsSpec>,
    /// Text settings for this article: the `[page.text]` keys, each overriding the page's.
    pub text: Option<TextSpec>,
    /// Tighter tracking allowed when the body is overset: `{ tracking = -0.05 }`.
    pub copyfit: Option<CopyfitSpec>,
    /// A jump (转版): the label of the edition page where the text that does not fit
    /// here continues. The article ends with （转…版） at the foot of its last column.
    pub jump_to: Option<S<String>>,
    /// This article continues another page's: its body is the text that did not fit
    /// there, and it starts with （上接…版）. Only with `banmian edition`.
    pub continued_from: Option<ContinuedSpec>,
    /// Hairlines either side of each subhead (小标题 ornament).
    pub subhead_rules: Option<bool>,
    /// A frame around the story: a boxed story, or a sidebar inside another story's
    /// columns (docs/spec.md §11c).
    pub frame: Option<ArticleFrameSpec>,
    /// Separators along this story's edges: false keeps them off, true draws them
    /// even when `[separators]` is not given.
    pub separators: Option<bool>,
}

/// Where a continued article's text comes from.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ContinuedSpec {
    /// The page's label in the edition (e.g. "A01").
    pub page: S<String>,
    /// The article's `id` on that page.
    pub article: S<String>,
}

/// What the engine may change to make an overset article fit (never the grid).
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct CopyfitSpec {
    /// The tightest tracking allowed, in em (e.g. -0.05).
    pub tracking: S<f64>,
}

/// `[[photo]]`: a picture with its caption and credit in its place on the grid.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PhotoSpec {
    /// The image: a JPEG or PNG file, relative to the spec. Required.
    pub file: S<String>,
    /// The whole block: picture, caption and the standoff line. Required.
    pub place: PlaceSpec,
    /// "fill" (default: cover the frame, cropped around `focus`), "fit" (the whole image) or
    /// "crop" (as fill).
    pub fit: Option<S<String>>,
    /// Focal point for `fill`/`crop`, as fractions of the image (0..1, 0..1).
    pub focus: Option<S<[f64; 2]>>,
    /// Caption text, set in 楷体 under (or beside: `caption_position`) the picture.
    pub caption: Option<S<String>>,
    /// Photo credit, after the caption; never split across lines.
    pub credit: Option<S<String>>,
    /// The caption's alignment: justify (default), left or center.
    pub caption_align: Option<S<String>>,
    /// Where the caption goes: below (default), left or right of the picture.
    pub caption_position: Option<S<String>>,
    /// Columns of the place a caption beside the picture takes (default 1).
    pub caption_span: Option<S<i64>>,
}

/// A placed PDF page or SVG drawing (an ad, a logo, a chart).
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct GraphicSpec {
    /// A PDF or an SVG file.
    pub file: S<String>,
    /// The PDF's page, from 1 (default 1).
    pub page: Option<S<i64>>,
    /// Which box of the page is placed: trim (default), crop, bleed, media or art.
    #[serde(rename = "box")]
    pub area: Option<S<String>>,
    /// An ad module of the layout, by name (instead of `place`).
    pub module: Option<S<String>>,
    /// With `module`: the column the module starts in, instead of the layout's.
    pub column: Option<S<i64>>,
    /// Grid cells, as for a photo (instead of `module`); a caption takes the last lines.
    pub place: Option<PlaceSpec>,
    /// none (100 %, the default), fit or fill.
    pub fit: Option<S<String>>,
    /// Caption text, with `place` only (as for a photo).
    pub caption: Option<S<String>>,
    /// Credit, after the caption, with `place` only (as for a photo).
    pub credit: Option<S<String>>,
}

/// `[[promo]]`: a framed box of centred lines, with an optional QR code above them.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PromoSpec {
    /// The box's text; each line of the string starts a new line. Required.
    pub text: S<String>,
    /// A URL, printed as a QR code at the top of the box.
    pub url: Option<S<String>>,
    /// Where the box goes (or `slot`).
    pub place: Option<PlaceSpec>,
    /// A slot instead of `place`: "ear" (the masthead's 报眼).
    pub slot: Option<S<String>>,
    /// A tint behind the box (a colour: "c m y k", a swatch, or "swatch 20%").
    pub fill: Option<S<String>>,
    /// The frame's colour (default black).
    pub stroke: Option<S<String>>,
}

/// An extra font file: `name` is what `font = "..."` refers to.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct FontSpec {
    /// The name a `font` key uses; not a built-in one (song, song-bold, hei, hei-bold, kai,
    /// ming). Required.
    pub name: S<String>,
    /// An OpenType file (.otf, .ttf, .ttc), relative to the spec. Required.
    pub file: S<String>,
    /// Face index inside a collection (.ttc), from 0 (default 0).
    pub index: Option<u32>,
}

/// A parsed spec file with what is needed to point into it.
#[derive(Debug)]
pub struct SpecFile {
    /// The spec file's path.
    pub path: PathBuf,
    /// The file's text, to locate diagnostics.
    pub source: String,
    /// The parsed spec.
    pub spec: Spec,
}

impl SpecFile {
    /// The source location of a byte range in this file.
    pub fn loc(&self, span: std::ops::Range<usize>) -> Option<SourceLoc> {
        Some(SourceLoc::from_offset(&self.path, &self.source, span.start))
    }
    /// The directory relative paths in the spec are resolved against.
    pub fn dir(&self) -> &Path {
        self.path.parent().unwrap_or(Path::new("."))
    }
}

/// Reads and parses a spec file.
pub fn load(files: &Files, path: &Path) -> Result<SpecFile, Diagnostic> {
    let source = files
        .read_text(path, FileKind::Spec)
        .map_err(|d| locate_at_start(d, path))?;
    let spec = parse_toml(path, &source)?;
    Ok(SpecFile {
        path: path.to_path_buf(),
        source,
        spec,
    })
}

/// A refusal of a whole file that is there (too large) is located at the file's start,
/// as a file that is not UTF-8 is; a file that cannot be found has no place to point at.
pub fn locate_at_start(d: Diagnostic, path: &Path) -> Diagnostic {
    if d.loc.is_none() && d.code == Code::IoTooLarge {
        d.at(Some(SourceLoc::from_offset(path, "", 0)))
    } else {
        d
    }
}

/// Parses TOML into `T`, turning serde's message into a located diagnostic with a hint.
pub fn parse_toml<T: serde::de::DeserializeOwned>(
    path: &Path,
    source: &str,
) -> Result<T, Diagnostic> {
    toml::from_str(source).map_err(|e| {
        let loc = e
            .span()
            .map(|s| SourceLoc::from_offset(path, source, s.start));
        let mut message = e.message().trim().to_string();
        let mut hint = hint_for(&message);
        if message == "duplicate key" {
            // toml points at the key but does not name it.
            let key = e.span().and_then(|s| source.get(s)).map(str::trim);
            if let Some(key) = key.filter(|k| !k.is_empty()) {
                message = format!("duplicate key `{key}`");
            }
            hint = Some("a key may be given once in a table: keep one of them".to_string());
        }
        let mut d = Diagnostic::new(Code::SpecToml, shorten_quoted(&message)).at(loc);
        if let Some(h) = hint {
            d = d.hint(h);
        }
        d
    })
}

/// Quoted text (between backticks) longer than this is cut in messages.
const MAX_QUOTED_CHARS: usize = 60;

/// A message with every `quoted` part longer than [`MAX_QUOTED_CHARS`] cut, saying how
/// long it was: a hostile key of a megabyte is not echoed in full.
fn shorten_quoted(message: &str) -> String {
    let mut out = String::with_capacity(message.len().min(1024));
    let mut cut = None;
    for (i, part) in message.split('`').enumerate() {
        if i > 0 {
            out.push('`');
        }
        if let Some(n) = cut.take() {
            out.push_str(&format!(" ({n} characters)"));
        }
        let n = part.chars().count();
        if i % 2 == 1 && n > MAX_QUOTED_CHARS {
            out.extend(part.chars().take(MAX_QUOTED_CHARS / 2));
            out.push('…');
            cut = Some(n);
        } else {
            out.push_str(part);
        }
    }
    out
}

/// A hint for serde's messages: for an unknown key, the nearest known one.
fn hint_for(message: &str) -> Option<String> {
    let rest = message.strip_prefix("unknown field `")?;
    let (got, rest) = rest.split_once('`')?;
    let expected: Vec<&str> = rest.split('`').skip(1).step_by(2).collect();
    if got == "edition" && expected.contains(&"page") {
        return Some(
            "this is an edition file (a list of pages): build it with `banmian edition FILE -o DIR`"
                .to_string(),
        );
    }
    if got.chars().count() > MAX_QUOTED_CHARS {
        return Some("see docs/spec.md for the keys this table takes".to_string());
    }
    let best = expected.iter().min_by_key(|k| edit_distance(got, k))?;
    if edit_distance(got, best) <= 3 {
        Some(format!(
            "did you mean `{best}`? (see docs/spec.md for every key)"
        ))
    } else {
        Some("see docs/spec.md for the keys this table takes".to_string())
    }
}

/// Levenshtein distance in characters, for "did you mean" hints.
pub(crate) fn edit_distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.iter().enumerate() {
        let mut cur = vec![i + 1];
        for (j, cb) in b.iter().enumerate() {
            let sub = prev[j] + usize::from(ca != cb);
            cur.push(sub.min(prev[j + 1] + 1).min(cur[j] + 1));
        }
        prev = cur;
    }
    prev[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_duplicate_key_is_named_and_a_huge_key_is_not_echoed() {
        let e = parse_toml::<toml::Table>(Path::new("p.toml"), "[page]\nlayout = 1\nlayout = 2\n")
            .unwrap_err();
        assert_eq!(e.message, "duplicate key `layout`");
        assert_eq!(e.loc.as_ref().map(|l| (l.line, l.column)), Some((3, 1)));
        let long = format!("[page]\n{} = 1\n", "x".repeat(1_000_000));
        let e = parse_toml::<Spec>(Path::new("p.toml"), &long).unwrap_err();
        assert!(
            e.message.len() < 400,
            "{}",
            &e.message[..400.min(e.message.len())]
        );
        assert!(
            e.message.starts_with(&format!(
                "unknown field `{}…` (1000000 characters), expected",
                "x".repeat(30)
            )),
            "{}",
            e.message
        );
    }

    #[test]
    fn a_spec_over_its_limit_is_located_at_its_start() {
        let big = crate::files::Memory::new().with("page.toml", vec![b'#'; (4 << 20) + 1]);
        let files = Files::new(&big);
        let e = load(&files, Path::new("page.toml")).err().unwrap();
        assert_eq!(e.code, Code::IoTooLarge);
        assert_eq!(e.loc.map(|l| (l.line, l.column)), Some((1, 1)));
    }

    #[test]
    fn misspelt_key_names_line_column_and_suggests() {
        let src = "[page]\nlayout = \"tabloid\"\n\n[[article]]\nheadlin = \"x\"\nplace = { column = 1, span = 2, top = 0 }\n";
        let e = parse_toml::<Spec>(Path::new("p.toml"), src).unwrap_err();
        let loc = e.loc.clone().unwrap();
        assert_eq!((loc.line, loc.column), (5, 1), "{e}");
        assert!(e.message.contains("headlin"), "{e}");
        assert!(e.hint.as_deref().unwrap_or("").contains("headline"), "{e}");
    }

    #[test]
    fn an_edition_file_given_as_a_page_says_what_it_is() {
        let src = "[edition]\npaper = \"鲁中晨报\"\n";
        let e = parse_toml::<Spec>(Path::new("edition.toml"), src).unwrap_err();
        assert!(
            e.hint
                .as_deref()
                .unwrap_or("")
                .contains("banmian edition FILE -o DIR"),
            "{e}"
        );
    }
}
