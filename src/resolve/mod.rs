//! Resolve: everything the spec leaves implicit becomes explicit. Units become points,
//! layouts are merged in, defaults are applied, referenced files (texts, images, fonts)
//! are read, and every value is checked against the grid.
//!
//! In: a parsed [`SpecFile`]. Out: a [`Model`] that layout can trust, or every problem
//! found, each with the spec's file:line:col and a hint.

mod articles;
mod body;
mod colors;
mod graphics;
mod grid;
pub use grid::shipped_layouts;
mod heads;
mod images;
mod markup;
mod masthead;
mod modules;
mod output;
mod placement;
mod rules;
mod shape;
mod styles;
mod table_data;
mod tables;
mod text;
mod textbox;

use crate::diag::Code;
use crate::diag::{Diagnostic, Diagnostics, Severity, SourceLoc};
use crate::display::{Cmyk, Color};
use crate::files::{FileKind, Files};
use crate::fonts::{Builtin, DeclaredFont, FontCatalog, FontId};
use crate::linebreak::{Align, LatinQuotes, LatinSpace, PunctStyle, Region, Strictness};
use crate::spec::{self, HeadOrText, PlaceSpec, SpecFile, S};
use crate::units::{parse_length, LengthKind, Pt};
use std::path::{Path, PathBuf};
use std::sync::Arc;

pub use body::{Block, BlockKind};
pub use graphics::{GraphicFit, PlacedGraphic, Placement};
use grid::placeholder_grid;
pub use grid::Grid;
pub use heads::{HeadPlacement, HeadPosition};
pub use images::{load_image, ImageRefusal};
pub use markup::{Face, Inline, ParStyle, Run, Tag};
pub use masthead::{Logo, Masthead};
pub use modules::{Edges, Module};
pub use output::{Output, OutputProfile, DEFAULT_INK_LIMIT, DEFAULT_MIN_PPI};
pub use rules::{ArticleFrame, FrameLook, LineAt, Rule, RuleLook, RulePlace, RuleStyle, HAIRLINE};
pub use shape::Shape;
pub use styles::{Hang, ParagraphStyle, Separator, Styles};
pub use table_data::{MAX_COLUMNS as MAX_TABLE_COLUMNS, MAX_ROWS as MAX_TABLE_ROWS};
pub use tables::{
    is_figures, Cell, CellAlign, Column, ColumnWidth, Padding, RowStyle, Rules, Table, TableStyle,
    VAlign, JOIN_LEFT, JOIN_UP,
};
pub use textbox::{Tab, TextGroup, Textbox, VAlignBox};

/// The most `[[fonts]]` a spec may declare.
const MAX_DECLARED_FONTS: usize = 64;

/// The page, fully resolved.
#[derive(Debug)]
pub struct Model {
    /// The page's name: `[page] name`, else the spec file's stem.
    pub name: String,
    /// The spec file's path, as given to the resolver.
    pub spec_path: PathBuf,
    /// The page grid (layout file merged with `[page.grid]`); every [`Place`] is in its
    /// columns and lines.
    pub grid: Grid,
    /// The page's default line-composition settings (`[page.text]` over the layout's);
    /// articles start from these.
    pub text: TextSettings,
    /// The running head from `[folio]`; `None` when the spec has no `[folio]`.
    pub folio: Option<Folio>,
    /// The coloured banner at the top of the type area, from `[banner]`; `None` without one.
    pub banner: Option<Banner>,
    /// The `[credits]` line (editor, designer, proofreader); `None` without one.
    pub credits: Option<Credits>,
    /// Articles (`[[article]]`), in spec order.
    pub articles: Vec<Article>,
    /// Photos (`[[photo]]`) with their decoded images, in spec order.
    pub photos: Vec<Photo>,
    /// Promo boxes (`[[promo]]`), in spec order.
    pub promos: Vec<Promo>,
    /// Tables (standings, results, quotes), in spec order.
    pub tables: Vec<Table>,
    /// Placed PDF pages and SVG drawings (ads, logos, charts).
    pub graphics: Vec<PlacedGraphic>,
    /// Free rules on the grid.
    pub rules: Vec<Rule>,
    /// The look of the rules between stories, when `[separators]` turns them on.
    pub separators: Option<RuleLook>,
    /// Text boxes (导读, weather, notices).
    pub textboxes: Vec<Textbox>,
    /// The front page's masthead.
    pub masthead: Option<Masthead>,
    /// Seconds since the epoch, from the spec or `SOURCE_DATE_EPOCH`.
    pub created: Option<i64>,
    /// PDF/X press condition, proof marks, photo resolution limit.
    pub output: Output,
    /// Spot inks from `[swatches]`, in name order ([`Color::Spot`] indexes them).
    pub spots: Vec<crate::display::SpotColor>,
    /// The faces the page may use by name, with the declared font files' bytes.
    pub fonts: FontCatalog,
    /// Every input file the page depends on (for incremental builds and watch): the
    /// spec and every file read through [`Files`], in the order read.
    pub inputs: Vec<PathBuf>,
    /// Files the page looked for and did not find (a `layouts/NAME.toml` that would
    /// shadow a built-in layout): adding one changes the page.
    pub absent: Vec<PathBuf>,
    /// The bytes each input had when the page was built from it, in the order read
    /// (the incremental build's key hashes these, not the file as it is later).
    pub input_bytes: Vec<(PathBuf, std::sync::Arc<[u8]>)>,
    /// The paragraph styles (`{lead}` …) with the layout's and the spec's settings.
    pub styles: Styles,
    /// What resolving found that does not stop the build (body markup left as text);
    /// composition reports these first.
    pub warnings: Diagnostics,
    /// Where the page's size is given (its `width`, or the layout): problems of the
    /// whole page found after resolving (a proof too large) are reported there.
    pub size_loc: Option<SourceLoc>,
}

/// Line-composition settings by name (checked here, applied by compose).
#[derive(Clone, Debug, PartialEq)]
pub struct TextSettings {
    /// How strictly the line-start and line-end prohibitions are applied (`strictness`,
    /// default strict).
    pub strictness: Strictness,
    /// Widths of punctuation marks (`punctuation`, default 全角).
    pub punctuation: PunctStyle,
    /// First-line indent in body ems.
    pub indent_em: f64,
    /// Let 、，。 hang past the line end (`hanging`, default false); always on with
    /// `strict_grid`.
    pub hanging: bool,
    /// Face of the body paragraphs (宋体 unless the spec says otherwise).
    pub font: FontId,
    /// Han–Latin spacing (the shipped layouts say `none`).
    pub latin_space: LatinSpace,
    /// Hyphenate long English words.
    pub hyphenate: bool,
    /// Quotes around a Latin phrase: proportional or full width.
    pub latin_quotes: LatinQuotes,
    /// Strict character grid.
    pub strict_grid: bool,
    /// Punctuation positions and compression (cn, tw, hk).
    pub region: Region,
    /// Face of `**…**` in body paragraphs (黑体 unless the spec says otherwise).
    pub strong: FontId,
}

impl Default for TextSettings {
    fn default() -> Self {
        TextSettings {
            strictness: Strictness::Strict,
            punctuation: PunctStyle::Quanjiao,
            indent_em: 2.0,
            hanging: false,
            font: Builtin::Song.id(),
            latin_space: LatinSpace::default(),
            hyphenate: true,
            latin_quotes: LatinQuotes::default(),
            strict_grid: false,
            region: Region::default(),
            strong: Builtin::Hei.id(),
        }
    }
}

#[derive(Clone, Debug, Default)]
/// The running head (书眉) from `[folio]`: page and section at the left, paper and
/// date at the right. A key the spec leaves out is an empty string.
pub struct Folio {
    /// The paper's name (`paper`).
    pub paper: String,
    /// The date, as written in the spec (`date`); not parsed.
    pub date: String,
    /// The page label, as written (`page`), such as "A05" or "第3版".
    pub page: String,
    /// The section's name (`section`).
    pub section: String,
    /// Where the left part (page, section) and the right part (paper, date) are given.
    pub left_loc: Option<SourceLoc>,
    /// Where the right part (paper, date) is given; `None` when neither key is.
    pub right_loc: Option<SourceLoc>,
}

#[derive(Clone, Debug)]
/// The banner from `[banner]`: a coloured band with a title and slogans across the top
/// of the type area. An element that starts in its grid lines gets a warning.
pub struct Banner {
    /// The banner's title (`title`).
    pub title: String,
    /// The slogans set beside the title (`slogans`), in spec order; at most `Limits::slogans`.
    pub slogans: Vec<String>,
    /// Height in grid lines from line 0 (`lines`, default 6): at least 2 and under half
    /// the grid's lines.
    pub lines: usize,
    /// The band's colour (`color`, default a red of C0 M100 Y100 K10).
    pub color: Color,
    /// Where `title` is given in the spec.
    pub title_loc: Option<SourceLoc>,
    /// Where the first slogan is given; `None` when there are none.
    pub slogans_loc: Option<SourceLoc>,
}

#[derive(Clone, Debug, Default)]
/// The `[credits]` line. A key the spec leaves out is an empty string.
pub struct Credits {
    /// The responsible editor's name (`editor`).
    pub editor: String,
    /// The designer's name (`designer`).
    pub designer: String,
    /// The proofreader's name (`proofreader`).
    pub proofreader: String,
    /// Where the first of the three keys given is in the spec.
    pub loc: Option<SourceLoc>,
}

/// A rectangle on the grid: columns `column..column+span`, lines `top..top+height`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Place {
    /// The leftmost column, counted from 0 (the spec's `column`, counted from 1, less one).
    pub column: usize,
    /// How many columns, at least 1; `column + span` never exceeds [`Grid::columns`].
    pub span: usize,
    /// The first grid line, counted from 0 at the top of the type area.
    pub top: usize,
    /// How many grid lines, at least 1; `top + height` never exceeds [`Grid::lines`].
    pub height: usize,
}

/// A head (引题, 主题, 副题 or a table's title) with everything it is set with.
#[derive(Clone, Debug)]
pub struct Head {
    /// The words; a newline is a line break.
    pub text: String,
    /// The face the head is set in.
    pub font: FontId,
    /// The type size in points.
    pub size: Pt,
    /// Height in grid lines, when the spec fixes it.
    pub lines: Option<usize>,
    /// How the lines sit on the measure, when the spec says (heads over the body are
    /// centred, vertical heads start at the top).
    pub align: Option<Align>,
    /// 均排: each line's characters spread evenly across the measure.
    pub spread: bool,
    /// Colour of the type.
    pub color: Color,
    /// A reverse head: the bar's colour behind the head's grid lines.
    pub background: Option<Color>,
    /// Letter-spacing, in em of the head's size.
    pub tracking_em: f64,
    /// Horizontal scale of the type (1 as designed; 0.8 a 长体).
    pub scale: f64,
    /// Spaces print as spaces and are no preferred break points.
    pub keep_spaces: bool,
    /// A rule over the head: its weight.
    pub rule_above: Option<Pt>,
    /// A rule under the head: its weight.
    pub rule_below: Option<Pt>,
    /// The measure the head is set to, when narrower than its span.
    pub width: Option<Pt>,
    /// Where the head's text is given in the spec.
    pub loc: Option<SourceLoc>,
}

impl Head {
    /// A head in black at its face's design width, with nothing else set.
    pub fn new(text: String, font: FontId, size: Pt) -> Head {
        Head {
            text,
            font,
            size,
            lines: None,
            align: None,
            spread: false,
            color: Color::BLACK,
            background: None,
            tracking_em: 0.0,
            scale: 1.0,
            keep_spaces: false,
            rule_above: None,
            rule_below: None,
            width: None,
            loc: None,
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
/// Which head is resolved: picks the default face and size when the spec gives none.
pub enum HeadRole {
    /// 引题, the kicker over the headline (黑体 16 pt by default).
    Kicker,
    /// 主题, the headline (bold 黑体 36 pt by default).
    Headline,
    /// 副题, the subtitle under the headline (bold 宋体 22 pt by default).
    Subtitle,
    /// A table's 表题.
    TableTitle,
}

#[derive(Clone, Debug)]
/// A story from `[[article]]`: heads, body and byline on its area of the grid.
pub struct Article {
    /// The article's `id`, used in messages and jumps; "article N" (N its 1-based
    /// position in the spec) when the spec gives none.
    pub id: String,
    /// The 引题 (`kicker`); `None` when the article has none.
    pub kicker: Option<Head>,
    /// The 主题 (`headline`); `None` when the article has none.
    pub headline: Option<Head>,
    /// The 副题 (`subtitle`); `None` when the article has none.
    pub subtitle: Option<Head>,
    /// The byline (`byline`), as written; `None` for none.
    pub byline: Option<String>,
    /// Set the byline after the body's last line rather than with the heads
    /// (from `byline_position`).
    pub byline_at_end: bool,
    /// The body: paragraphs and subheads, in order. Empty for a continuation (see
    /// `continued_from`), whose body comes from the page it jumps from.
    pub blocks: Vec<Block>,
    /// The rectangle that holds the article's area (the area itself for a plain
    /// rectangle; see `shape`).
    pub place: Place,
    /// The article's area: one rectangle or the union of several (an L shape, steps).
    pub shape: Shape,
    /// Where the heads sit: over the body, beside it, or vertical.
    pub heads: HeadPlacement,
    /// The article's line-composition settings: the page's, with the article's own
    /// `text` keys over them.
    pub text: TextSettings,
    /// Copyfit: the tightest tracking (em, ≤ 0) the engine may use to avoid overset.
    pub copyfit_tracking: Option<f64>,
    /// Hairlines either side of each subhead.
    pub subhead_rules: bool,
    /// The edition page the text continues on when it does not fit (a jump).
    pub jump_to: Option<String>,
    /// The page label and article id this article continues (its body comes from there).
    pub continued_from: Option<(String, String)>,
    /// The frame of a boxed story or sidebar.
    pub frame: Option<ArticleFrame>,
    /// Separators along this story's edges: `Some(false)` off, `Some(true)` on even
    /// without `[separators]`, `None` as the page says.
    pub separators: Option<bool>,
    /// Where the article is given in the spec: its `id`, else its first rectangle's `column`.
    pub loc: Option<SourceLoc>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
/// How a photo fills its frame (`fit`, default `fill`).
pub enum Fit {
    /// The whole image inside the frame, letterboxed.
    Fit,
    /// The frame filled, the image cropped around its focal point.
    Fill,
    /// Like fill (kept as its own word for designers who think of it as cropping).
    Crop,
}

#[derive(Clone, Debug)]
/// A photo from `[[photo]]`, decoded, with its caption and credit.
pub struct Photo {
    /// The image file's path: the spec's `file` joined to the spec's folder.
    pub path: PathBuf,
    /// The decoded image, shared by every photo that uses the same bytes.
    pub image: Arc<crate::display::ImageData>,
    /// The photo's cells on the grid (caption included when it sits beside the picture).
    pub place: Place,
    /// How the image fills the frame.
    pub fit: Fit,
    /// Focal point for `fill` and `crop`, as fractions (x, y) of the image from its top-left,
    /// each 0 to 1 (`focus`, default (0.5, 0.5)).
    pub focus: (f64, f64),
    /// The caption text (`caption`); `None` for none.
    pub caption: Option<String>,
    /// The photographer's credit (`credit`); `None` for none.
    pub credit: Option<String>,
    /// How the caption's lines are aligned.
    pub caption_align: Align,
    /// Where the caption goes.
    pub caption_position: CaptionPosition,
    /// Columns a caption beside the picture takes.
    pub caption_span: usize,
    /// Where the photo's `file` is given in the spec.
    pub loc: Option<SourceLoc>,
}

/// Where a photo's caption goes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CaptionPosition {
    /// On whole grid lines under the picture.
    Below,
    /// In the place's first columns, the picture to its right.
    Left,
    /// In the place's last columns, the picture to its left.
    Right,
}

#[derive(Clone, Debug)]
/// A promo box (`[[promo]]`): framed text, with a QR code when it has a URL and room.
pub struct Promo {
    /// The box's text (`text`).
    pub text: String,
    /// A link printed as a QR code (`url`); `None` for none. A box too small for a
    /// scannable code gets a warning instead.
    pub url: Option<String>,
    /// The box's cells on the grid: from `place`, or the masthead's ear for
    /// `slot = "ear"`.
    pub place: Place,
    /// Tint behind the box (none: paper white).
    pub fill: Option<Color>,
    /// The frame's colour.
    pub stroke: Color,
    /// Where the promo's text is given.
    pub loc: Option<SourceLoc>,
}

/// Resolves a parsed spec. Collects every error it can before giving up.
/// Files the spec names are read through `files` (confined and bounded there).
pub fn resolve(file: &SpecFile, files: &Files) -> Result<Model, Diagnostics> {
    let mut cx = Cx {
        file,
        files,
        errors: Diagnostics::default(),
        warnings: Diagnostics::default(),
        swatches: colors::Swatches::default(),
        fonts: FontCatalog::default(),
        layout_text: None,
        text_src: None,
        images: Vec::new(),
        refused_fonts: Vec::new(),
        image_bytes: 0,
    };
    if let Some(d) = cx.too_many_elements() {
        return Err(d.into());
    }
    cx.swatches = cx.swatches();
    let layout = cx.layout();
    cx.layout_text = layout
        .as_ref()
        .and_then(|l| Some((l.grid.text.clone()?, l.path.clone(), l.source.clone())));
    let grid = cx.grid(layout.as_ref());
    cx.declare_fonts();
    let house = cx.house_text();
    let page_text = cx.text_settings(file.spec.page.text.as_ref(), &house);
    let mut model = Model {
        name: file
            .spec
            .page
            .name
            .clone()
            .unwrap_or_else(|| stem(&file.path)),
        spec_path: file.path.clone(),
        grid: grid.clone().unwrap_or_else(placeholder_grid),
        folio: file.spec.folio.as_ref().map(|f| Folio {
            paper: text_of(&f.paper),
            date: text_of(&f.date),
            page: text_of(&f.page),
            section: text_of(&f.section),
            left_loc: first_loc(file, &[&f.page, &f.section]),
            right_loc: first_loc(file, &[&f.paper, &f.date]),
        }),
        banner: None,
        credits: file.spec.credits.as_ref().map(|c| Credits {
            editor: text_of(&c.editor),
            designer: text_of(&c.designer),
            proofreader: text_of(&c.proofreader),
            loc: first_loc(file, &[&c.editor, &c.designer, &c.proofreader]),
        }),
        articles: Vec::new(),
        photos: Vec::new(),
        promos: Vec::new(),
        tables: Vec::new(),
        graphics: Vec::new(),
        rules: Vec::new(),
        separators: None,
        textboxes: Vec::new(),
        masthead: None,
        created: cx.created(),
        output: cx.output(),
        spots: Vec::new(),
        fonts: FontCatalog::default(),
        inputs: Vec::new(),
        absent: Vec::new(),
        input_bytes: Vec::new(),
        warnings: Diagnostics::default(),
        size_loc: cx.size_loc(layout.as_ref()),
        styles: Styles::default(),
        text: page_text.clone(),
    };
    if let Some(grid) = grid {
        model.styles = cx.styles(layout.as_ref(), &grid);
        model.banner = cx.banner(&grid);
        model.articles = cx.articles(&grid, &page_text);
        model.masthead = cx.masthead(&grid, &model.output);
        let ear = model.masthead.as_ref().and_then(|m| m.ear);
        model.photos = cx.photos(&grid);
        model.promos = cx.promos(&grid, ear);
        model.tables = cx.tables(&grid, &page_text);
        model.graphics = cx.graphics(&grid, &model.output);
        model.rules = cx.free_rules(&grid);
        model.separators = cx.separators();
        model.textboxes = cx.textboxes(&grid, ear);
    }
    cx.spec_characters();
    model.spots = std::mem::take(&mut cx.swatches.spots);
    model.fonts = std::mem::take(&mut cx.fonts);
    model.warnings = std::mem::take(&mut cx.warnings);
    let record = files.record();
    for r in record {
        match r.bytes {
            Some(bytes) if !model.input_bytes.iter().any(|(p, _)| *p == r.path) => {
                model.input_bytes.push((r.path, bytes));
            }
            Some(_) => {}
            None if !model.absent.contains(&r.path) => model.absent.push(r.path),
            None => {}
        }
    }
    model.inputs = std::iter::once(file.path.clone())
        .chain(model.input_bytes.iter().map(|(p, _)| p.clone()))
        .filter({
            let mut seen = std::collections::BTreeSet::new();
            move |p| seen.insert(p.clone())
        })
        .collect();
    if cx.errors.has_errors() {
        Err(cx.errors)
    } else {
        Ok(model)
    }
}

/// An optional located string of the spec, empty when absent.
fn text_of(v: &Option<S<String>>) -> String {
    v.as_ref().map(|v| v.get_ref().clone()).unwrap_or_default()
}

/// Where the first of these optional keys that is present is given.
fn first_loc(file: &SpecFile, keys: &[&Option<S<String>>]) -> Option<SourceLoc> {
    keys.iter()
        .find_map(|k| k.as_ref())
        .and_then(|k| file.loc(k.span()))
}

fn stem(p: &Path) -> String {
    p.file_stem()
        .and_then(|s| s.to_str())
        .unwrap_or("page")
        .to_string()
}

/// Resolution context: the spec file and the errors found so far.
struct Cx<'a> {
    file: &'a SpecFile,
    files: &'a Files<'a>,
    errors: Diagnostics,
    /// Problems that do not stop the build.
    warnings: Diagnostics,
    swatches: colors::Swatches,
    /// The layout file's `[text]` table, with the file's path and text for locations.
    layout_text: Option<(spec::TextSpec, PathBuf, String)>,
    /// While reading a layout's `[text]`: its file, so errors point there.
    text_src: Option<(PathBuf, String)>,
    /// The faces declared so far (built-ins are always there).
    fonts: FontCatalog,
    /// The photos read so far, by path and bytes: a photo placed twice (under one name
    /// or two) is read and decoded once.
    images: Vec<(PathBuf, Arc<[u8]>, Arc<crate::display::ImageData>)>,
    /// What they take in memory (against [`crate::files::Limits::page_image_bytes`]).
    image_bytes: u64,
    /// `[[fonts]]` names whose file was refused (already an error: the uses of the
    /// name are not errors again).
    refused_fonts: Vec<String>,
}

impl Cx<'_> {
    /// More elements than [`crate::files::Limits::page_elements`]: refused before any
    /// is resolved, at the first one past the limit.
    fn too_many_elements(&self) -> Option<Diagnostic> {
        let spec = &self.file.spec;
        let limit = self.files.limits().page_elements;
        let spans = spec
            .articles
            .iter()
            .map(|a| a.place.rects().first().map_or(0..0, |p| p.column.span()))
            .chain(spec.photos.iter().map(|p| p.place.column.span()))
            .chain(spec.promos.iter().map(|p| {
                p.place
                    .as_ref()
                    .map_or_else(|| p.text.span(), |pl| pl.column.span())
            }))
            .chain(spec.tables.iter().map(|t| t.place.column.span()))
            .chain(spec.graphics.iter().map(|g| g.file.span()))
            .chain(spec.textboxes.iter().map(|t| {
                t.place
                    .as_ref()
                    .map(|p| p.column.span())
                    .or_else(|| t.slot.as_ref().map(|s| s.span()))
                    .or_else(|| t.id.as_ref().map(|i| i.span()))
                    .or_else(|| t.lines.first().map(|l| l.text.span()))
                    .unwrap_or(0..0)
            }))
            .chain(spec.rules.iter().map(|r| {
                r.horizontal
                    .as_ref()
                    .map(|h| h.column.span())
                    .or_else(|| r.vertical.as_ref().map(|v| v.gutter.span()))
                    .unwrap_or(0..0)
            }));
        let count = spans.clone().count() as u64;
        let first_over = spans.clone().nth(usize::try_from(limit).ok()?)?;
        Some(
            Diagnostic::new(
                Code::LimitElements,
                format!(
                    "the page has {count} articles, photos, promo boxes, tables, graphics, text boxes and rules; the limit is {limit}"
                ),
            )
            .at(self.loc(first_over))
            .hint("a newspaper page has a few dozen; split the content over several pages (a trusted desk may raise the limit with --limit page-elements=N)"),
        )
    }

    /// Control, bidirectional-control, private-use and unassigned characters in the
    /// spec's values (raw or escaped), each a `text.character` warning where it stands.
    fn spec_characters(&mut self) {
        const MAX: usize = 20;
        let found = crate::text::hygiene::in_toml_source(&self.file.source);
        for &(at, c, kind) in found.iter().take(MAX) {
            let d = Diagnostic::new(
                Code::TextCharacter,
                format!("U+{:04X} in the spec is {}", u32::from(c), kind.words()),
            )
            .at(self.loc(at..at))
            .hint(kind.hint());
            self.warnings.push(d);
        }
        if found.len() > MAX {
            let d = Diagnostic::new(
                Code::TextCharacter,
                format!("{} more such characters in the spec", found.len() - MAX),
            )
            .at(self.loc(found[MAX].0..found[MAX].0))
            .hint("clean the spec: remove the characters that are not meant for print");
            self.warnings.push(d);
        }
    }

    fn loc(&self, span: std::ops::Range<usize>) -> Option<SourceLoc> {
        self.file.loc(span)
    }

    fn error<T>(
        &mut self,
        span: std::ops::Range<usize>,
        msg: impl Into<String>,
        hint: &str,
    ) -> Option<T> {
        self.refuse(span, Diagnostic::new(Code::SpecValue, msg).hint(hint))
    }

    /// Reports `d` (a parser's error, with the caller's hint) at `span` of the spec.
    fn refuse<T>(&mut self, span: std::ops::Range<usize>, d: Diagnostic) -> Option<T> {
        let d = d.at(self.loc(span));
        self.errors.push(d);
        None
    }

    fn created(&mut self) -> Option<i64> {
        if let Some(e) = &self.file.spec.page.date_epoch {
            if crate::date::UtcDate::from_epoch(*e.get_ref()).is_none() {
                return self.error(
                    e.span(),
                    format!(
                        "date_epoch {} is outside the years 0–9999 a PDF date can hold",
                        e.get_ref()
                    ),
                    "give the build date as seconds since 1970-01-01 UTC, e.g. 1607011200",
                );
            }
            return Some(*e.get_ref());
        }
        std::env::var("SOURCE_DATE_EPOCH")
            .ok()
            .and_then(|s| s.trim().parse().ok())
    }

    /// Reads the `[[fonts]]` files into the catalog (parsed in the fonts stage).
    fn declare_fonts(&mut self) {
        for f in &self.file.spec.fonts {
            let path = self.file.dir().join(f.file.get_ref());
            if Builtin::from_name(f.name.get_ref()).is_some() {
                self.error::<()>(
                    f.name.span(),
                    format!("`{}` is the name of a built-in face", f.name.get_ref()),
                    "choose another name for the font file",
                );
                continue;
            }
            if self.fonts.id(f.name.get_ref()).is_some() {
                self.error::<()>(
                    f.name.span(),
                    format!("a second font named `{}`", f.name.get_ref()),
                    "give each [[fonts]] entry its own name",
                );
                continue;
            }
            if self.fonts.declared().count() >= MAX_DECLARED_FONTS {
                self.error::<()>(
                    f.name.span(),
                    format!("more than {MAX_DECLARED_FONTS} fonts declared"),
                    "a page uses a handful of faces; declare only those",
                );
                break;
            }
            match self.files.read(&path, FileKind::Font) {
                Ok(bytes) => {
                    let index = f.index.unwrap_or(0);
                    if let Err(e) = crate::fonts::check_table_bounds(&bytes, index) {
                        let d = e
                            .diagnostic()
                            .about(format_args!("font file {}", path.display()));
                        self.refuse::<()>(f.file.span(), d);
                        self.refused_fonts.push(f.name.get_ref().clone());
                        continue;
                    }
                    let loc = self.loc(f.file.span());
                    self.fonts.declare(DeclaredFont {
                        name: f.name.get_ref().clone(),
                        path,
                        bytes,
                        index: f.index.unwrap_or(0),
                        loc,
                    });
                }
                Err(d) => self.errors.push(d.at(self.loc(f.file.span()))),
            }
        }
    }

    fn font(&mut self, name: &S<String>) -> Option<FontId> {
        if let Some(id) = self.fonts.id(name.get_ref()) {
            return Some(id);
        }
        if self.refused_fonts.contains(name.get_ref()) {
            return None;
        }
        self.error(
            name.span(),
            format!("no font named `{}`", name.get_ref()),
            "built-in faces: song, song-bold, hei, hei-bold, kai, ming; or declare one under [[fonts]]",
        )
    }

    /// The house text settings: the layout's `[text]` (located in the layout file),
    /// then `[page.grid.text]`.
    fn house_text(&mut self) -> TextSettings {
        let mut house = TextSettings::default();
        if let Some((t, path, source)) = self.layout_text.take() {
            self.text_src = Some((path, source));
            house = self.text_settings(Some(&t), &house);
            self.text_src = None;
        }
        let inline = self
            .file
            .spec
            .page
            .grid
            .as_ref()
            .and_then(|g| g.text.as_ref());
        self.text_settings(inline, &house)
    }

    /// An error in a text setting, located in the spec or, while a layout's `[text]` is
    /// read, in the layout file.
    fn text_error(&mut self, span: std::ops::Range<usize>, msg: String, hint: &str) {
        self.text_diagnostic(span, Diagnostic::new(Code::SpecValue, msg).hint(hint));
    }

    /// Reports `d` at `span` of the text table being read (spec or layout file), among
    /// the errors or the warnings by its severity.
    fn text_diagnostic(&mut self, span: std::ops::Range<usize>, d: Diagnostic) {
        let loc = match &self.text_src {
            Some((path, source)) => Some(SourceLoc::from_offset(path, source, span.start)),
            None => self.loc(span),
        };
        let d = d.at(loc);
        match d.severity {
            Severity::Error => self.errors.push(d),
            Severity::Warning => self.warnings.push(d),
        }
    }

    fn text_settings(&mut self, t: Option<&spec::TextSpec>, base: &TextSettings) -> TextSettings {
        let mut out = base.clone();
        let Some(t) = t else { return out };
        if let Some(s) = &t.strictness {
            match Strictness::from_name(s.get_ref()) {
                Some(v) => out.strictness = v,
                None => {
                    let names: Vec<&str> = Strictness::ALL.iter().map(|v| v.name()).collect();
                    self.text_error(
                        s.span(),
                        format!("unknown strictness `{}`", s.get_ref()),
                        &format!("one of: {}", names.join(", ")),
                    );
                }
            }
        }
        if let Some(s) = &t.punctuation {
            match PunctStyle::from_name(s.get_ref()) {
                Some(v) => out.punctuation = v,
                None => {
                    let names: Vec<&str> = PunctStyle::ALL.iter().map(|v| v.name()).collect();
                    self.text_error(
                        s.span(),
                        format!("unknown punctuation style `{}`", s.get_ref()),
                        &format!("one of: {}", names.join(", ")),
                    );
                }
            }
        }
        if let Some(i) = &t.indent {
            if (0.0..=8.0).contains(i.get_ref()) {
                out.indent_em = *i.get_ref();
            } else {
                self.text_error(
                    i.span(),
                    format!("an indent of {} em", i.get_ref()),
                    "the first-line indent is in body ems, 0 to 8 (2 is usual)",
                );
            }
        }
        if let Some(h) = &t.hanging {
            out.hanging = *h.get_ref();
        }
        self.latin_text_settings(t, &mut out);
        // clreq: Taiwan and Hong Kong hang their centred pause marks only in vertical
        // text (or on the strict grid); the body is horizontal, so `hanging` would do
        // nothing. Said where this table makes the combination (its `hanging` or its
        // `region`); a combination inherited whole was reported where it was made.
        if out.hanging && out.region.centred() && !out.strict_grid {
            let at = t
                .hanging
                .as_ref()
                .map(|h| h.span())
                .or_else(|| t.region.as_ref().map(|r| r.span()));
            if let Some(span) = at {
                let d = Diagnostic::new(
                    Code::TextHangingIgnored,
                    format!(
                        "`hanging = true` has no effect with `region = \"{}\"`: its centred 、，。 do not hang in horizontal text",
                        out.region.name()
                    ),
                )
                .hint("remove `hanging`, or set `strict_grid = true`, where clreq hangs line-end marks to keep the grid");
                self.text_diagnostic(span, d);
            }
        }
        if let Some(f) = &t.font {
            if let Some(id) = self.font(f) {
                out.font = id;
            }
        }
        if let Some(f) = &t.strong {
            if let Some(id) = self.font(f) {
                out.strong = id;
            }
        }
        out
    }
}
