//! Resolve: everything the spec leaves implicit becomes explicit. Units become points,
//! layouts are merged in, defaults are applied, referenced files (texts, images, fonts)
//! are read, and every value is checked against the grid.
//!
//! In: a parsed [`SpecFile`]. Out: a [`Model`] that layout can trust, or every problem
//! found, each with the spec's file:line:col and a hint.

mod body;
mod colors;
mod grid;
mod images;
mod output;

use crate::diag::{Diagnostic, Diagnostics, SourceLoc};
use crate::display::{Cmyk, Color};
use crate::fonts::{Builtin, FontId};
use crate::linebreak::{Align, PunctStyle, Strictness};
use crate::spec::{self, HeadOrText, PlaceSpec, SpecFile, S};
use crate::units::{parse_length, LengthKind, Pt};
use std::path::{Path, PathBuf};
use std::sync::Arc;

pub use body::{Block, BlockKind};
use grid::placeholder_grid;
pub use grid::Grid;
pub use images::load_image;
pub use output::{Output, OutputProfile, DEFAULT_MIN_PPI};

/// The page, fully resolved.
#[derive(Debug)]
pub struct Model {
    pub name: String,
    pub spec_path: PathBuf,
    pub grid: Grid,
    pub text: TextSettings,
    pub folio: Option<Folio>,
    pub banner: Option<Banner>,
    pub credits: Option<Credits>,
    pub articles: Vec<Article>,
    pub photos: Vec<Photo>,
    pub promos: Vec<Promo>,
    /// Seconds since the epoch, from the spec or `SOURCE_DATE_EPOCH`.
    pub created: Option<i64>,
    /// PDF/X press condition, proof marks, photo resolution limit.
    pub output: Output,
    /// Spot inks from `[swatches]`, in name order ([`Color::Spot`] indexes them).
    pub spots: Vec<crate::display::SpotColor>,
    /// Font files named by the spec, in `FontId` order after the built-ins.
    pub font_files: Vec<(PathBuf, u32)>,
    /// Every input file the page depends on (for incremental builds and watch).
    pub inputs: Vec<PathBuf>,
}

/// Line-composition settings by name (checked here, applied by compose).
#[derive(Clone, Debug, PartialEq)]
pub struct TextSettings {
    pub strictness: Strictness,
    pub punctuation: PunctStyle,
    /// First-line indent in body ems.
    pub indent_em: f64,
    pub hanging: bool,
}

impl Default for TextSettings {
    fn default() -> Self {
        TextSettings {
            strictness: Strictness::Strict,
            punctuation: PunctStyle::Quanjiao,
            indent_em: 2.0,
            hanging: false,
        }
    }
}

#[derive(Clone, Debug, Default)]
pub struct Folio {
    pub paper: String,
    pub date: String,
    pub page: String,
    pub section: String,
    /// Where the left part (page, section) and the right part (paper, date) are given.
    pub left_loc: Option<SourceLoc>,
    pub right_loc: Option<SourceLoc>,
}

#[derive(Clone, Debug)]
pub struct Banner {
    pub title: String,
    pub slogans: Vec<String>,
    pub lines: usize,
    pub color: Color,
    pub title_loc: Option<SourceLoc>,
    pub slogans_loc: Option<SourceLoc>,
}

#[derive(Clone, Debug, Default)]
pub struct Credits {
    pub editor: String,
    pub designer: String,
    pub proofreader: String,
    pub loc: Option<SourceLoc>,
}

/// A rectangle on the grid: columns `column..column+span`, lines `top..top+height`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Place {
    pub column: usize,
    pub span: usize,
    pub top: usize,
    pub height: usize,
}

#[derive(Clone, Debug)]
pub struct Head {
    pub text: String,
    pub font: FontId,
    pub size: Pt,
    /// Height in grid lines, when the spec fixes it.
    pub lines: Option<usize>,
    pub align: Align,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum HeadRole {
    Kicker,
    Headline,
    Subtitle,
}

#[derive(Clone, Debug)]
pub struct Article {
    pub id: String,
    pub kicker: Option<Head>,
    pub headline: Option<Head>,
    pub subtitle: Option<Head>,
    pub byline: Option<String>,
    pub byline_at_end: bool,
    pub blocks: Vec<Block>,
    pub place: Place,
    pub text: TextSettings,
    /// Copyfit: the tightest tracking (em, ≤ 0) the engine may use to avoid overset.
    pub copyfit_tracking: Option<f64>,
    /// Hairlines either side of each subhead.
    pub subhead_rules: bool,
    /// The edition page the text continues on when it does not fit (a jump).
    pub jump_to: Option<String>,
    /// The page label and article id this article continues (its body comes from there).
    pub continued_from: Option<(String, String)>,
    pub loc: Option<SourceLoc>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Fit {
    /// The whole image inside the frame, letterboxed.
    Fit,
    /// The frame filled, the image cropped around its focal point.
    Fill,
    /// Like fill (kept as its own word for designers who think of it as cropping).
    Crop,
}

#[derive(Clone, Debug)]
pub struct Photo {
    pub path: PathBuf,
    pub image: Arc<crate::display::ImageData>,
    pub place: Place,
    pub fit: Fit,
    pub focus: (f64, f64),
    pub caption: Option<String>,
    pub credit: Option<String>,
    pub loc: Option<SourceLoc>,
}

#[derive(Clone, Debug)]
pub struct Promo {
    pub text: String,
    pub url: Option<String>,
    pub place: Place,
    /// Tint behind the box (none: paper white).
    pub fill: Option<Color>,
    /// The frame's colour.
    pub stroke: Color,
    /// Where the promo's text is given.
    pub loc: Option<SourceLoc>,
}

/// Resolves a parsed spec. Collects every error it can before giving up.
pub fn resolve(file: &SpecFile) -> Result<Model, Diagnostics> {
    let mut cx = Cx {
        file,
        errors: Diagnostics::default(),
        inputs: vec![file.path.clone()],
        swatches: colors::Swatches::default(),
    };
    cx.swatches = cx.swatches();
    let grid = cx.grid();
    let fonts = cx.font_names();
    let page_text = cx.text_settings(file.spec.page.text.as_ref(), &TextSettings::default());
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
        created: cx.created(),
        output: cx.output(),
        spots: Vec::new(),
        font_files: fonts.iter().map(|f| (f.1.clone(), f.2)).collect(),
        inputs: Vec::new(),
        text: page_text.clone(),
    };
    if let Some(grid) = grid {
        model.banner = cx.banner(&grid);
        model.articles = cx.articles(&grid, &fonts, &page_text);
        model.photos = cx.photos(&grid);
        model.promos = cx.promos(&grid);
    }
    model.spots = std::mem::take(&mut cx.swatches.spots);
    model.inputs = cx.inputs;
    if cx.errors.has_errors() {
        Err(cx.errors)
    } else {
        Ok(model)
    }
}

/// An optional located string of the spec, empty when absent.
fn text_of(v: &Option<toml::Spanned<String>>) -> String {
    v.as_ref().map(|v| v.get_ref().clone()).unwrap_or_default()
}

/// Where the first of these optional keys that is present is given.
fn first_loc(file: &SpecFile, keys: &[&Option<toml::Spanned<String>>]) -> Option<SourceLoc> {
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
    errors: Diagnostics,
    inputs: Vec<PathBuf>,
    swatches: colors::Swatches,
}

impl Cx<'_> {
    fn loc(&self, span: std::ops::Range<usize>) -> Option<SourceLoc> {
        self.file.loc(span)
    }

    fn error<T>(
        &mut self,
        span: std::ops::Range<usize>,
        msg: impl Into<String>,
        hint: &str,
    ) -> Option<T> {
        let d = Diagnostic::error("spec.value", msg)
            .at(self.loc(span))
            .hint(hint);
        self.errors.push(d);
        None
    }

    fn created(&mut self) -> Option<i64> {
        if let Some(e) = &self.file.spec.page.date_epoch {
            return Some(*e.get_ref());
        }
        std::env::var("SOURCE_DATE_EPOCH")
            .ok()
            .and_then(|s| s.trim().parse().ok())
    }

    /// Extra fonts: (name, path, face index).
    fn font_names(&mut self) -> Vec<(String, PathBuf, u32)> {
        let mut out = Vec::new();
        for f in &self.file.spec.fonts {
            let path = self.file.dir().join(f.file.get_ref());
            if Builtin::from_name(f.name.get_ref()).is_some() {
                self.error::<()>(
                    f.name.span(),
                    format!("`{}` is the name of a built-in face", f.name.get_ref()),
                    "choose another name for the font file",
                );
            } else if !path.is_file() {
                self.error::<()>(
                    f.file.span(),
                    format!("font file {} not found", path.display()),
                    "paths are relative to the spec file's folder",
                );
            } else {
                self.inputs.push(path.clone());
                out.push((f.name.get_ref().clone(), path, f.index.unwrap_or(0)));
            }
        }
        out
    }

    fn font(&mut self, name: &S<String>, fonts: &[(String, PathBuf, u32)]) -> Option<FontId> {
        if let Some(b) = Builtin::from_name(name.get_ref()) {
            return Some(b.id());
        }
        if let Some(i) = fonts.iter().position(|f| &f.0 == name.get_ref()) {
            return Some(FontId((Builtin::ALL.len() + i) as u16));
        }
        self.error(
            name.span(),
            format!("no font named `{}`", name.get_ref()),
            "built-in faces: song, song-bold, hei, hei-bold, kai; or declare one under [[fonts]]",
        )
    }

    fn text_settings(&mut self, t: Option<&spec::TextSpec>, base: &TextSettings) -> TextSettings {
        let mut out = base.clone();
        let Some(t) = t else { return out };
        if let Some(s) = &t.strictness {
            match Strictness::from_name(s.get_ref()) {
                Some(v) => out.strictness = v,
                None => {
                    let names: Vec<&str> = Strictness::ALL.iter().map(|v| v.name()).collect();
                    self.error::<()>(
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
                    self.error::<()>(
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
                self.error::<()>(
                    i.span(),
                    format!("an indent of {} em", i.get_ref()),
                    "the first-line indent is in body ems, 0 to 8 (2 is usual)",
                );
            }
        }
        if let Some(h) = t.hanging {
            out.hanging = h;
        }
        out
    }

    fn banner(&mut self, grid: &Grid) -> Option<Banner> {
        let b = self.file.spec.banner.as_ref()?;
        let lines = match &b.lines {
            Some(l) if *l.get_ref() >= 2 && (*l.get_ref() as usize) < grid.lines / 2 => {
                *l.get_ref() as usize
            }
            Some(l) => {
                return self.error(
                    l.span(),
                    format!("a banner of {} lines", l.get_ref()),
                    "a banner is at least 2 grid lines and under half the page",
                )
            }
            None => 6,
        };
        let color = match &b.color {
            Some(c) => self.color(c)?,
            None => Color::Process(Cmyk::new(0.0, 1.0, 1.0, 0.1)),
        };
        Some(Banner {
            title: b.title.get_ref().clone(),
            slogans: b.slogans.iter().map(|s| s.get_ref().clone()).collect(),
            lines,
            color,
            title_loc: self.loc(b.title.span()),
            slogans_loc: b.slogans.first().and_then(|s| self.loc(s.span())),
        })
    }

    fn place(&mut self, p: &PlaceSpec, grid: &Grid, what: &str) -> Option<Place> {
        let col = *p.column.get_ref();
        let span = *p.span.get_ref();
        if col < 1 || col as usize > grid.columns {
            return self.error(
                p.column.span(),
                format!(
                    "{what} starts in column {col}, but the grid has columns 1 to {}",
                    grid.columns
                ),
                "columns are counted from 1 at the left",
            );
        }
        if span < 1 || (col + span - 1) as usize > grid.columns {
            return self.error(p.span.span(), format!("{what} spans {span} columns from column {col}: that runs off the {}-column grid", grid.columns), &format!("use a span from 1 to {}", grid.columns as i64 - col + 1));
        }
        let top = self.grid_lines(&p.top, grid, what, "top")?;
        if top >= grid.lines {
            return self.error(
                p.top.span(),
                format!(
                    "{what} starts at line {top}, below the last grid line ({})",
                    grid.lines - 1
                ),
                "grid lines are counted from 0 at the top of the type area",
            );
        }
        let height = match &p.height {
            Some(h) => self.grid_lines(h, grid, what, "height")?,
            None => grid.lines - top,
        };
        if height == 0 || top + height > grid.lines {
            let span = p.height.as_ref().map_or(p.top.span(), |h| h.span());
            return self.error(
                span,
                format!(
                    "{what} runs from line {top} for {height} lines, past the {} lines of the grid",
                    grid.lines
                ),
                "shorten the height or move the top up",
            );
        }
        Some(Place {
            column: col as usize - 1,
            span: span as usize,
            top,
            height,
        })
    }

    /// A vertical position or size: an integer is grid lines; a length is rounded to the
    /// nearest whole line so that everything stays on the grid.
    fn grid_lines(
        &mut self,
        v: &S<toml::Value>,
        grid: &Grid,
        what: &str,
        key: &str,
    ) -> Option<usize> {
        match v.get_ref() {
            toml::Value::Integer(n) if *n >= 0 => Some(*n as usize),
            toml::Value::String(s) => match parse_length(s, LengthKind::Distance) {
                Ok(p) if p.0 >= 0.0 => Some((p.0 / grid.line_pitch.0).round() as usize),
                Ok(_) => self.error(v.span(), format!("{what}: `{key}` is negative"), "give a length from the top of the type area"),
                Err(m) => self.error(v.span(), m, "or give a whole number of grid lines"),
            },
            _ => self.error(v.span(), format!("{what}: `{key}` must be a whole number of grid lines or a length such as \"80mm\""), "e.g. top = 12 or top = \"80mm\""),
        }
    }

    fn articles(
        &mut self,
        grid: &Grid,
        fonts: &[(String, PathBuf, u32)],
        page_text: &TextSettings,
    ) -> Vec<Article> {
        let mut out = Vec::new();
        for (i, a) in self.file.spec.articles.iter().enumerate() {
            let id =
                a.id.as_ref()
                    .map_or_else(|| format!("article {}", i + 1), |s| s.get_ref().clone());
            let place = self.place(&a.place, grid, &format!("article `{id}`"));
            let text = self.text_settings(a.text.as_ref(), page_text);
            let kicker = a
                .kicker
                .as_ref()
                .and_then(|h| self.head(h, HeadRole::Kicker, fonts));
            let headline = a
                .headline
                .as_ref()
                .and_then(|h| self.head(h, HeadRole::Headline, fonts));
            let subtitle = a
                .subtitle
                .as_ref()
                .and_then(|h| self.head(h, HeadRole::Subtitle, fonts));
            let blocks = self.body(a, &id);
            let byline_at_end = match &a.byline_position {
                None => false,
                Some(p) if p.get_ref() == "end" => true,
                Some(p) if p.get_ref() == "head" => false,
                Some(p) => {
                    self.error::<()>(
                        p.span(),
                        format!("unknown byline position `{}`", p.get_ref()),
                        "`head` (under the headline) or `end` (after the body)",
                    );
                    false
                }
            };
            let loc =
                a.id.as_ref()
                    .and_then(|s| self.loc(s.span()))
                    .or_else(|| self.loc(a.place.column.span()));
            let copyfit_tracking = a.copyfit.as_ref().and_then(|c| {
                let t = *c.tracking.get_ref();
                if (-0.1..=0.0).contains(&t) {
                    Some(t)
                } else {
                    self.error(
                        c.tracking.span(),
                        format!("copyfit tracking of {t} em"),
                        "give the tightest tracking allowed, from -0.1 to 0 em (e.g. -0.05)",
                    )
                }
            });
            let (jump_to, continued_from) = self.jumps(a, &id, blocks.is_empty());
            if let Some(place) = place {
                out.push(Article {
                    copyfit_tracking,
                    subhead_rules: a.subhead_rules.unwrap_or(false),
                    jump_to,
                    continued_from,
                    id,
                    kicker,
                    headline,
                    subtitle,
                    byline: a.byline.as_ref().map(|b| b.get_ref().clone()),
                    byline_at_end,
                    blocks,
                    place,
                    text,
                    loc,
                });
            }
        }
        out
    }

    /// The article's jump and continuation, checked: labels are not empty, and a
    /// continuation has no body of its own.
    #[allow(clippy::type_complexity)]
    fn jumps(
        &mut self,
        a: &spec::ArticleSpec,
        id: &str,
        no_body: bool,
    ) -> (Option<String>, Option<(String, String)>) {
        let mut label = |v: &S<String>, what: &str| -> Option<String> {
            if v.get_ref().trim().is_empty() {
                self.error(
                    v.span(),
                    format!("article `{id}`: empty {what}"),
                    "give a page label of the edition, e.g. \"A05\"",
                )
            } else {
                Some(v.get_ref().trim().to_string())
            }
        };
        let jump_to = a.jump_to.as_ref().and_then(|j| label(j, "jump_to"));
        let continued = a.continued_from.as_ref().and_then(|c| {
            let page = label(&c.page, "continued_from page")?;
            Some((page, c.article.get_ref().clone()))
        });
        if let (Some(c), false) = (&a.continued_from, no_body) {
            self.error::<()>(
                c.page.span(),
                format!(
                    "article `{id}` continues another page's article and has a body of its own"
                ),
                "remove `body`/`body_file`: the text comes from the page it continues",
            );
        }
        (jump_to, continued)
    }

    fn head(
        &mut self,
        h: &HeadOrText,
        role: HeadRole,
        fonts: &[(String, PathBuf, u32)],
    ) -> Option<Head> {
        let (font, size) = default_head_style(role);
        let mut head = Head {
            text: String::new(),
            font: font.id(),
            size: Pt(size),
            lines: None,
            align: Align::Center,
        };
        match h {
            HeadOrText::Text(t) => head.text = t.clone(),
            HeadOrText::Head(s) => {
                head.text = s.text.get_ref().clone();
                if let Some(f) = &s.font {
                    head.font = self.font(f, fonts)?;
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
                        Err(m) => {
                            return self.error(
                                sz.span(),
                                m,
                                "e.g. size = \"36pt\" or size = \"小初\"",
                            )
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
                    head.align = match a.get_ref().as_str() {
                        "center" | "centre" => Align::Center,
                        "left" | "start" => Align::Start,
                        "right" | "end" => Align::End,
                        _ => {
                            return self.error(
                                a.span(),
                                format!("unknown alignment `{}`", a.get_ref()),
                                "center, left or right",
                            )
                        }
                    };
                }
            }
        }
        if head.text.trim().is_empty() {
            return None;
        }
        Some(head)
    }

    fn body(&mut self, a: &spec::ArticleSpec, id: &str) -> Vec<Block> {
        match (&a.body, &a.body_file) {
            (Some(b), None) => {
                // Inline text: blocks are located in the spec. A multi-line string's text
                // starts on the line after its opening quotes (TOML drops that newline).
                let start = self.loc(b.span());
                let raw = &self.file.source[b.span()];
                let skip = usize::from(raw.starts_with("\"\"\"\n") || raw.starts_with("'''\n"));
                body::split(
                    b.get_ref(),
                    start.as_ref().map(|l| (l.file.clone(), l.line + skip)),
                )
            }
            (None, Some(f)) => {
                let path = self.file.dir().join(f.get_ref());
                match spec::read_text(&path, "article text") {
                    Ok(text) => {
                        self.inputs.push(path.clone());
                        body::split(&text, Some((path, 1)))
                    }
                    Err(d) => {
                        self.errors.push(
                            d.at(self.loc(f.span()))
                                .context(format!("article `{id}`, body_file")),
                        );
                        Vec::new()
                    }
                }
            }
            (Some(b), Some(_)) => {
                self.error::<()>(
                    b.span(),
                    format!("article `{id}` has both `body` and `body_file`"),
                    "keep one of them",
                );
                Vec::new()
            }
            (None, None) => Vec::new(),
        }
    }

    fn photos(&mut self, grid: &Grid) -> Vec<Photo> {
        let mut out = Vec::new();
        for p in &self.file.spec.photos {
            let name = p.file.get_ref().clone();
            let place = self.place(&p.place, grid, &format!("photo `{name}`"));
            let path = self.file.dir().join(&name);
            let image = match load_image(&path) {
                Ok(i) => Some(Arc::new(i)),
                Err(m) => self.error(
                    p.file.span(),
                    format!("photo {}: {m}", path.display()),
                    "give a JPEG or PNG file; paths are relative to the spec's folder",
                ),
            };
            let fit = match p.fit.as_ref().map(|f| f.get_ref().as_str()) {
                None | Some("fill") => Fit::Fill,
                Some("fit") => Fit::Fit,
                Some("crop") => Fit::Crop,
                Some(other) => {
                    let span = p.fit.as_ref().map_or(0..0, |f| f.span());
                    self.error::<()>(
                        span,
                        format!("unknown fit `{other}`"),
                        "fit (whole image, letterboxed), fill (frame filled, cropped) or crop",
                    );
                    Fit::Fill
                }
            };
            let focus = match &p.focus {
                Some(f) if f.get_ref().iter().all(|v| (0.0..=1.0).contains(v)) => {
                    (f.get_ref()[0], f.get_ref()[1])
                }
                Some(f) => self
                    .error(
                        f.span(),
                        "a focal point outside the image",
                        "give [x, y] as fractions from 0 to 1, e.g. [0.5, 0.4]",
                    )
                    .unwrap_or((0.5, 0.5)),
                None => (0.5, 0.5),
            };
            if let (Some(place), Some(image)) = (place, image) {
                self.inputs.push(path.clone());
                let loc = self.loc(p.file.span());
                out.push(Photo {
                    path,
                    image,
                    place,
                    fit,
                    focus,
                    caption: p.caption.as_ref().map(|c| c.get_ref().clone()),
                    credit: p.credit.as_ref().map(|c| c.get_ref().clone()),
                    loc,
                });
            }
        }
        out
    }

    fn promos(&mut self, grid: &Grid) -> Vec<Promo> {
        let mut out = Vec::new();
        for p in &self.file.spec.promos {
            let place = self.place(&p.place, grid, "promo box");
            let fill = p.fill.as_ref().map(|c| self.color(c));
            let stroke = p.stroke.as_ref().map(|c| self.color(c));
            // A colour that did not resolve has been reported; the box is left out.
            if fill == Some(None) || stroke == Some(None) {
                continue;
            }
            let Some(place) = place else { continue };
            out.push(Promo {
                text: p.text.get_ref().clone(),
                url: p.url.as_ref().map(|u| u.get_ref().clone()),
                place,
                fill: fill.flatten(),
                stroke: stroke.flatten().unwrap_or(Color::BLACK),
                loc: self.loc(p.text.span()),
            });
        }
        out
    }
}

/// Default face and size of each headline element on a tabloid page.
fn default_head_style(role: HeadRole) -> (Builtin, f64) {
    match role {
        HeadRole::Kicker => (Builtin::Hei, 16.0),
        HeadRole::Headline => (Builtin::HeiBold, 36.0),
        HeadRole::Subtitle => (Builtin::SongBold, 22.0),
    }
}
