//! The `[[table]]` element as written: where it goes, where its data comes from (a CSV
//! or TSV file, or rows given inline), and its style table-wide, per column and per row.
//! Every key is documented in docs/spec.md §11a.

use super::{HeadOrText, PlaceSpec, S};
use schemars::{JsonSchema, Schema, SchemaGenerator};
use serde::Deserialize;
use std::collections::BTreeMap;

/// For the schema only: a row pitch is grid lines (a number or a fraction "2/3") or a
/// length such as "9pt".
#[derive(JsonSchema)]
#[serde(untagged)]
#[allow(
    dead_code,
    reason = "describes the TOML for the JSON Schema; never built"
)]
enum PitchValue {
    /// Grid lines: 1, 0.75.
    Lines(f64),
    /// A fraction of the grid pitch ("2/3") or a length ("9pt").
    Text(String),
}

/// For the schema only: `rise_fall` is true/false or a column's name.
#[derive(JsonSchema)]
#[serde(untagged)]
#[allow(
    dead_code,
    reason = "describes the TOML for the JSON Schema; never built"
)]
enum RiseFallValue {
    /// By the cell's own sign.
    Own(bool),
    /// By the sign of this column in the same row.
    Column(String),
}

/// For the schema only: `row` is a body row number or an array of them.
#[derive(JsonSchema)]
#[serde(untagged)]
#[allow(
    dead_code,
    reason = "describes the TOML for the JSON Schema; never built"
)]
enum RowNumbers {
    /// One body row, from 1.
    One(u32),
    /// Several.
    Many(Vec<u32>),
}

/// A table on the grid: standings, results, quotes, listings.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct TableSpec {
    /// Name used in messages and in the `check` report.
    pub id: Option<S<String>>,
    /// Where the table goes. Without `height` the table takes the lines it needs.
    pub place: PlaceSpec,
    /// The 表题 above the table: a string or a head table (`text`, `font`, `size`, …).
    pub title: Option<HeadOrText>,
    /// The source or notes line under the table (来源：…).
    pub source: Option<S<String>>,
    /// A CSV/TSV file (a string), or the rows themselves (an array of arrays).
    pub data: S<TableData>,
    /// `csv` or `tsv` (default: from the file's extension, else csv).
    pub format: Option<S<String>>,
    /// The data file's encoding: `utf-8` (default), `gbk` or `gb18030`.
    pub encoding: Option<S<String>>,
    /// How many of the first rows are header rows (default 1).
    pub header_rows: Option<S<i64>>,
    /// Columns each part of the table takes; a table taller than its place continues in
    /// the next part (default: the place's whole span, one part).
    pub part_span: Option<S<i64>>,
    /// Parts of a continued table end on the same line when the rows allow (default true).
    pub balance: Option<bool>,
    /// Face of the cells (default `song`).
    pub font: Option<S<String>>,
    /// Face of the header rows (default `hei`, 黑体).
    pub header_font: Option<S<String>>,
    /// Type size of the cells (default the body size).
    pub size: Option<S<String>>,
    /// The smallest size the type may shrink to when the table is too wide.
    pub min_size: Option<S<String>>,
    /// Row pitch: grid lines (1, or a fraction such as "2/3") or a length ("9pt").
    #[schemars(with = "Option<PitchValue>")]
    pub pitch: Option<S<toml::Value>>,
    /// Space at each side of a cell's text: em of the table's size ("0.3em") or a length.
    pub padding: Option<S<String>>,
    /// Vertical alignment of a cell shorter than its row: `top` (default), `middle`, `bottom`.
    pub valign: Option<S<String>>,
    /// `tabular` (default: every figure as wide as the widest) or `proportional`.
    pub figures: Option<S<String>>,
    /// A hyphen-minus before a figure is set as a real minus sign − (default true).
    pub minus: Option<bool>,
    /// Colour of rises in `rise_fall` columns (default red, the Chinese convention).
    pub rise: Option<S<String>>,
    /// Colour of falls in `rise_fall` columns (default green).
    pub fall: Option<S<String>>,
    /// The rules: a preset (`three-line`, `ruled`, `grid`, `none`) or a table of weights.
    pub rules: Option<S<RulesChoice>>,
    /// A tint on every other body row (from the second).
    pub zebra: Option<S<String>>,
    /// A tint behind the header rows.
    pub header_fill: Option<S<String>>,
    /// Styles per column, by header text (the last header row's) or column number.
    #[schemars(with = "Option<BTreeMap<String, ColumnSpec>>")]
    pub columns: Option<BTreeMap<S<String>, ColumnSpec>>,
    /// Styles per body row, chosen by number or by a cell's text.
    #[serde(default, rename = "row")]
    pub rows: Vec<RowSpec>,
}

/// Where a table's cells come from.
#[derive(Debug)]
pub enum TableData {
    /// A CSV or TSV file, relative to the spec.
    File(String),
    /// Rows given inline: strings, integers or floats, each row located in the spec.
    Rows(Vec<S<Vec<S<toml::Value>>>>),
}

impl JsonSchema for TableData {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "TableData".into()
    }
    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        schemars::json_schema!({
            "description": "A CSV or TSV file (relative to the spec), or the rows themselves: an array of rows, each an array of cells (strings or numbers).",
            "anyOf": [
                { "type": "string" },
                { "type": "array", "items": { "type": "array", "items": { "type": ["string", "number"] } } }
            ]
        })
    }
}

impl<'de> Deserialize<'de> for TableData {
    // Hand-written for the same reason as `HeadOrText`: the rows keep their spans.
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> serde::de::Visitor<'de> for V {
            type Value = TableData;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a CSV/TSV file name, or an array of rows (arrays of cells)")
            }
            fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<TableData, E> {
                Ok(TableData::File(v.to_string()))
            }
            fn visit_seq<A: serde::de::SeqAccess<'de>>(
                self,
                mut seq: A,
            ) -> Result<TableData, A::Error> {
                let mut rows = Vec::new();
                while let Some(row) = seq.next_element()? {
                    rows.push(row);
                }
                Ok(TableData::Rows(rows))
            }
        }
        d.deserialize_any(V)
    }
}

/// `rules = "three-line"` or `rules = { top = "1pt", rows = "0.25pt", … }`.
#[derive(Debug)]
pub enum RulesChoice {
    /// A named set of rules.
    Preset(String),
    /// Weights rule by rule, over the three-line default.
    Custom(Box<RulesSpec>),
}

impl JsonSchema for RulesChoice {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "RulesChoice".into()
    }
    fn json_schema(generator: &mut SchemaGenerator) -> Schema {
        let custom = generator.subschema_for::<RulesSpec>();
        schemars::json_schema!({
            "description": "A preset (\"three-line\", \"ruled\", \"grid\", \"none\") or rule weights over a preset.",
            "anyOf": [{ "enum": ["three-line", "ruled", "grid", "none"] }, custom]
        })
    }
}

impl<'de> Deserialize<'de> for RulesChoice {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> serde::de::Visitor<'de> for V {
            type Value = RulesChoice;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a preset (\"three-line\", \"ruled\", \"grid\", \"none\") or a table with `top`, `header`, `rows`, `columns`, `bottom`")
            }
            fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<RulesChoice, E> {
                Ok(RulesChoice::Preset(v.to_string()))
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(
                self,
                map: A,
            ) -> Result<RulesChoice, A::Error> {
                RulesSpec::deserialize(serde::de::value::MapAccessDeserializer::new(map))
                    .map(|r| RulesChoice::Custom(Box::new(r)))
            }
        }
        d.deserialize_any(V)
    }
}

/// Rule weights (a length such as "0.5pt", or "none").
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RulesSpec {
    /// The preset the other keys change (default `three-line`).
    pub preset: Option<S<String>>,
    /// Above the table.
    pub top: Option<S<String>>,
    /// Under the header rows.
    pub header: Option<S<String>>,
    /// Between body rows.
    pub rows: Option<S<String>>,
    /// Between columns.
    pub columns: Option<S<String>>,
    /// Under the table.
    pub bottom: Option<S<String>>,
}

/// The style of one column.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ColumnSpec {
    /// `left`, `center`, `right`, or one character to align on ("." decimals, "∶" scores).
    pub align: Option<S<String>>,
    /// Alignment of the column's header cells (default `center`).
    pub header_align: Option<S<String>>,
    /// `auto` (default), a length ("12mm"), em of the table's size ("4em") or a share
    /// of the table's width ("25%").
    pub width: Option<S<String>>,
    /// Face of the column's body cells.
    pub font: Option<S<String>>,
    /// Text colour of the column's body cells.
    pub color: Option<S<String>>,
    /// Rises red and falls green: `true` by the cell's own sign, or the name of the
    /// column whose sign decides (a price coloured by its change).
    #[schemars(with = "Option<RiseFallValue>")]
    pub rise_fall: Option<S<toml::Value>>,
}

/// The style of some body rows: `row` (numbers from 1, after the header rows) or
/// `match` (rows with a cell of exactly this text) chooses them.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RowSpec {
    /// A body row number, or an array of them.
    #[schemars(with = "Option<RowNumbers>")]
    pub row: Option<S<toml::Value>>,
    /// Every body row with a cell of exactly this text (the local team).
    #[serde(rename = "match")]
    pub matches: Option<S<String>>,
    /// A tint behind the row.
    pub fill: Option<S<String>>,
    /// Face of the row's cells.
    pub font: Option<S<String>>,
    /// Text colour of the row's cells.
    pub color: Option<S<String>>,
    /// A rule under the row ("0.5pt"): the line above a relegation zone.
    pub rule_below: Option<S<String>>,
}
