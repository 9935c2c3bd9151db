//! The front page's elements as written: free rules (`[[rule]]`), the automatic rules
//! between stories (`[separators]`), frames of boxed stories and text boxes, text boxes
//! (`[[textbox]]`) and the masthead (`[masthead]`). Every key is documented in
//! docs/spec.md §11b–§11e.

use super::{PlaceSpec, S};
use schemars::JsonSchema;
use serde::Deserialize;

/// For the schema only: a grid line is a whole number of lines or a length such as
/// `"80mm"` from the top of the type area.
#[derive(JsonSchema)]
#[serde(untagged)]
#[allow(
    dead_code,
    reason = "describes the TOML for the JSON Schema; never built"
)]
enum LineOrLength {
    /// Grid lines from the top of the type area.
    Lines(u32),
    /// A length with its unit: "80mm".
    Length(String),
}

/// For the schema only: a date is a TOML date (`2024-11-15`) or the same as a string.
#[derive(JsonSchema)]
#[serde(untagged)]
#[allow(
    dead_code,
    reason = "describes the TOML for the JSON Schema; never built"
)]
enum DateValue {
    /// "2024-11-15" (a TOML date written without quotes is accepted too).
    Text(String),
}

/// How a rule looks: its weight, style and colour. Every key is optional.
#[derive(Debug, Deserialize, Default, Clone, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RuleLookSpec {
    /// The stroke's weight (the thick one of a 文武线), e.g. "0.5pt" (default 0.5 pt).
    pub weight: Option<S<String>>,
    /// solid (default), double, thick-thin (文武线), thin-thick, dashed or dotted.
    pub style: Option<S<String>>,
    /// A colour: "c m y k", a swatch or "swatch 40%" (default black).
    pub color: Option<S<String>>,
}

/// A free rule on the grid: give `horizontal` or `vertical`.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RuleSpec {
    /// Across columns `column..column+span`, in grid line `line` (which it takes).
    pub horizontal: Option<HorizontalSpec>,
    /// Down gutter `gutter` (between column `gutter` and the next; 0 and the column
    /// count are the type area's edges), from grid line `top` for `height` lines.
    pub vertical: Option<VerticalSpec>,
    /// The stroke's weight, e.g. "0.5pt" (default 0.5 pt).
    pub weight: Option<S<String>>,
    /// solid (default), double, thick-thin (文武线), thin-thick, dashed or dotted.
    pub style: Option<S<String>>,
    /// A colour (default black).
    pub color: Option<S<String>>,
}

/// Where a horizontal rule goes.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct HorizontalSpec {
    /// First column, from 1.
    pub column: S<i64>,
    /// Columns across (default: to the right edge of the type area).
    pub span: Option<S<i64>>,
    /// The grid line the rule sits in, from 0 (or a length from the top).
    #[schemars(with = "LineOrLength")]
    pub line: S<toml::Value>,
    /// Where in that line: "middle" (default), "top" or "bottom".
    pub at: Option<S<String>>,
}

/// Where a vertical rule goes.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct VerticalSpec {
    /// The gutter: N is between column N and column N + 1.
    pub gutter: S<i64>,
    /// First grid line, from 0 (or a length from the top).
    #[schemars(with = "LineOrLength")]
    pub top: S<toml::Value>,
    /// Grid lines down (default: to the foot of the type area).
    #[schemars(with = "Option<LineOrLength>")]
    pub height: Option<S<toml::Value>>,
}

/// The hairlines drawn between adjacent stories.
#[derive(Debug, Deserialize, Default, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct SeparatorsSpec {
    /// Draw them (default true once the table is given).
    pub enabled: Option<bool>,
    /// The stroke's weight (default 0.5 pt).
    pub weight: Option<S<String>>,
    /// solid (default), double, thick-thin, thin-thick, dashed or dotted.
    pub style: Option<S<String>>,
    /// A colour (default black).
    pub color: Option<S<String>>,
}

/// The frame of a boxed story or sidebar: stroke, fill and the inset of its text.
#[derive(Debug, Deserialize, Default, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ArticleFrameSpec {
    /// The frame's colour, or "none" for a tint without a frame (default black).
    pub stroke: Option<S<String>>,
    /// The frame's weight (default 0.5 pt).
    pub weight: Option<S<String>>,
    /// solid (default), double, thick-thin, thin-thick, dashed or dotted.
    pub style: Option<S<String>>,
    /// A tint behind the box, e.g. "0 0 0 8" or "red 10%".
    pub fill: Option<S<String>>,
    /// The text's distance from the left and right of the frame, in body ems (default 1).
    pub inset: Option<S<f64>>,
    /// Whole grid lines between the frame and the text at the top and the foot (default 1).
    pub inset_lines: Option<S<i64>>,
}

/// The frame of a text box: its stroke and fill.
#[derive(Debug, Deserialize, Default, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct BoxFrameSpec {
    /// The frame's colour, or "none" (default black).
    pub stroke: Option<S<String>>,
    /// The frame's weight (default 0.5 pt).
    pub weight: Option<S<String>>,
    /// solid (default), double, thick-thin, thin-thick, dashed or dotted.
    pub style: Option<S<String>>,
    /// A tint behind the box.
    pub fill: Option<S<String>>,
}

/// A text box: lines in several sizes and faces, tab stops, vertical alignment.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct TextboxSpec {
    /// Name used in messages about the box (its overflow, its missing glyphs).
    pub id: Option<S<String>>,
    /// Where the box goes (or `slot`).
    pub place: Option<PlaceSpec>,
    /// A slot instead of `place`: "ear" (the masthead's 报眼).
    pub slot: Option<S<String>>,
    /// The frame (default a 0.5 pt black frame, no fill).
    pub frame: Option<BoxFrameSpec>,
    /// Space between the frame and the text, a length (default one body size).
    pub padding: Option<S<String>>,
    /// top (default), center, bottom or justify (the space shared between the groups).
    pub valign: Option<S<String>>,
    /// The groups of lines, in order.
    #[serde(default)]
    pub lines: Vec<TextboxLinesSpec>,
}

/// A group of lines of a text box in one style: each line of `text` is a paragraph.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct TextboxLinesSpec {
    /// The text: each line a paragraph (wrapped when long); a tab moves to the next stop.
    pub text: S<String>,
    /// Face: a built-in name or a `[[fonts]]` name (default hei).
    pub font: Option<S<String>>,
    /// Type size (default the body size).
    pub size: Option<S<String>>,
    /// Colour of the text (default black).
    pub color: Option<S<String>>,
    /// left (default), center, right, justify, or distribute (均排: every line spread to the width).
    pub align: Option<S<String>>,
    /// Baseline to baseline, in multiples of the size (default 1.4).
    pub leading: Option<S<f64>>,
    /// Space before the group, a length (default none).
    pub space_above: Option<S<String>>,
    /// A colour band behind the group, across the inside of the frame (reversed heads
    /// such as 导读 are white on it).
    pub band: Option<S<String>>,
    /// Tab stops for the tabs in the text, left to right.
    #[serde(default)]
    pub tabs: Vec<TabSpec>,
}

/// A tab stop.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct TabSpec {
    /// Where the stop is from the text's left edge: ems ("3em") or a length ("12mm");
    /// a right stop without `at` is the right edge.
    pub at: Option<S<String>>,
    /// left (the text after the tab starts at the stop; default) or right (it ends there).
    pub align: Option<S<String>>,
    /// Characters repeated from the text before the tab to the text after it: "·" or "…".
    pub leader: Option<S<String>>,
    /// Set at a left stop, before the text after it: "｜".
    pub separator: Option<S<String>>,
}

/// The masthead (报头): the paper's name or logo, the small print beside it, the 报头线
/// and the ear (报眼).
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct MastheadSpec {
    /// The whole masthead: nameplate, small print and ear; its last line holds the 报头线.
    pub place: PlaceSpec,
    /// The paper's name, set in `font` when there is no `logo`.
    pub name: S<String>,
    /// The nameplate artwork, fitted into the name's area: a PDF or SVG (placed as vector
    /// art, like a `[[graphic]]`), or a PNG or JPEG.
    pub logo: Option<S<String>>,
    /// The name's face (default kai).
    pub font: Option<S<String>>,
    /// The name's size (default: as large as the area allows).
    pub size: Option<S<String>>,
    /// The name's colour (default "0 100 100 10").
    pub color: Option<S<String>>,
    /// A line under the name: the paper's motto, publisher or English name.
    pub tagline: Option<S<String>>,
    /// The date of the issue: 2024-11-15 (星期 and 农历 are worked out from it).
    #[schemars(with = "Option<DateValue>")]
    pub date: Option<S<toml::Value>>,
    /// Print the 农历 date beside the 星期 (default true).
    pub lunar: Option<bool>,
    /// 第N期: the issue's number this year.
    pub issue: Option<S<i64>>,
    /// 总第N期: the issue's number since the paper began.
    pub total: Option<S<i64>>,
    /// 今日N版: pages in the issue.
    pub pages: Option<S<i64>>,
    /// 国内统一连续出版物号, e.g. "CN 37-0022".
    pub cn: Option<S<String>>,
    /// 邮发代号, e.g. "23-78".
    pub post_code: Option<S<String>>,
    /// 零售价, e.g. "1.50元".
    pub price: Option<S<String>>,
    /// The paper's website.
    pub website: Option<S<String>>,
    /// Columns of the small print beside the name (default 2).
    pub info_span: Option<S<i64>>,
    /// The ear (报眼): columns of `place` kept for a promo, a text box or an ad.
    pub ear: Option<EarSpec>,
    /// The 报头线 under the masthead (default a 2 pt 文武线).
    pub rule: Option<RuleLookSpec>,
}

/// The ear beside the nameplate.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct EarSpec {
    /// Columns it takes.
    pub span: S<i64>,
    /// right (default) or left.
    pub side: Option<S<String>>,
}
