//! Resolve: everything the spec leaves implicit becomes explicit. Units become points,
//! layouts are merged in, defaults are applied, referenced files (texts, images, fonts)
//! are read, and every value is checked against the grid.
//!
//! In: a parsed [`SpecFile`]. Out: a [`Model`] that layout can trust, or every problem
//! found, each with the spec's file:line:col and a hint.

mod body;
mod colors;
mod images;
mod output;

use crate::diag::{Diagnostic, Diagnostics, SourceLoc};
use crate::display::{Cmyk, Color};
use crate::fonts::{Builtin, FontId};
use crate::linebreak::{Align, PunctStyle, Strictness};
use crate::spec::{self, GridSpec, HeadOrText, PlaceSpec, SpecFile, S};
use crate::units::{parse_length, LengthKind, Pt};
use std::path::{Path, PathBuf};
use std::sync::Arc;

pub use body::{Block, BlockKind};
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

/// The page grid. Positions are relative to the trim box's top-left corner.
#[derive(Clone, Debug, PartialEq)]
pub struct Grid {
    pub width: Pt,
    pub height: Pt,
    pub bleed: Pt,
    pub top: Pt,
    pub left: Pt,
    pub columns: usize,
    pub gutter: Pt,
    pub column_width: Pt,
    pub body_size: Pt,
    pub line_pitch: Pt,
    /// Body lines per column.
    pub lines: usize,
    pub column_rules: bool,
}

impl Grid {
    /// Left edge of column `c` (0-based).
    pub fn column_x(&self, c: usize) -> Pt {
        self.left + (self.column_width + self.gutter) * c as f64
    }
    /// Width of `span` columns with the gutters between them.
    pub fn span_width(&self, span: usize) -> Pt {
        self.column_width * span as f64 + self.gutter * span.saturating_sub(1) as f64
    }
    /// Top of grid line `l` (0-based); line `lines` is the bottom of the type area.
    pub fn line_y(&self, l: usize) -> Pt {
        self.top + self.line_pitch * l as f64
    }
    /// Baseline of body text on grid line `l`: the body's em box is centred in the line
    /// slot, and an ideograph's baseline sits 0.88 em below its em box's top (the
    /// ideographic em box of Noto/Source Han runs from −0.12 em to 0.88 em).
    pub fn baseline(&self, l: usize) -> Pt {
        self.line_y(l) + (self.line_pitch - self.body_size) / 2.0 + self.body_size * 0.88
    }
    pub fn type_width(&self) -> Pt {
        self.span_width(self.columns)
    }
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
}

#[derive(Clone, Debug)]
pub struct Banner {
    pub title: String,
    pub slogans: Vec<String>,
    pub lines: usize,
    pub color: Color,
}

#[derive(Clone, Debug, Default)]
pub struct Credits {
    pub editor: String,
    pub designer: String,
    pub proofreader: String,
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
            paper: f.paper.clone().unwrap_or_default(),
            date: f.date.clone().unwrap_or_default(),
            page: f.page.clone().unwrap_or_default(),
            section: f.section.clone().unwrap_or_default(),
        }),
        banner: None,
        credits: file.spec.credits.as_ref().map(|c| Credits {
            editor: c.editor.clone().unwrap_or_default(),
            designer: c.designer.clone().unwrap_or_default(),
            proofreader: c.proofreader.clone().unwrap_or_default(),
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

fn stem(p: &Path) -> String {
    p.file_stem()
        .and_then(|s| s.to_str())
        .unwrap_or("page")
        .to_string()
}

fn placeholder_grid() -> Grid {
    Grid {
        width: Pt(1.0),
        height: Pt(1.0),
        bleed: Pt::ZERO,
        top: Pt::ZERO,
        left: Pt::ZERO,
        columns: 1,
        gutter: Pt::ZERO,
        column_width: Pt(1.0),
        body_size: Pt(9.0),
        line_pitch: Pt(13.0),
        lines: 1,
        column_rules: false,
    }
}

/// Resolution context: the spec file and the errors found so far.
struct Cx<'a> {
    file: &'a SpecFile,
    errors: Diagnostics,
    inputs: Vec<PathBuf>,
    swatches: colors::Swatches,
}

/// A layout file, parsed, with its own path and text for error locations.
struct LayoutFile {
    path: PathBuf,
    source: String,
    grid: GridSpec,
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

    /// Finds `layouts/NAME.toml`: next to the spec or in its parents' `layouts/` folders
    /// (a newsroom's own grids win), else one of the grids built into banmian.
    fn find_layout(&self, name: &str) -> Option<(PathBuf, Option<&'static str>)> {
        let file = format!("{name}.toml");
        let mut dir = Some(self.file.dir());
        while let Some(d) = dir {
            let p = d.join("layouts").join(&file);
            if p.is_file() {
                return Some((p, None));
            }
            dir = d.parent().filter(|p| !p.as_os_str().is_empty());
        }
        SHIPPED_LAYOUTS
            .iter()
            .find(|(n, _)| *n == name)
            .map(|(_, text)| {
                (
                    PathBuf::from(format!("<built-in>/layouts/{file}")),
                    Some(*text),
                )
            })
    }

    fn layout(&mut self) -> Option<LayoutFile> {
        let name = self.file.spec.page.layout.as_ref()?;
        if name.get_ref().contains(['/', '\\']) || name.get_ref().is_empty() {
            return self.error(
                name.span(),
                format!("`{}` is not a layout name", name.get_ref()),
                "write the name of a file in layouts/ without `.toml`, e.g. \"tabloid\"",
            );
        }
        let Some((path, built_in)) = self.find_layout(name.get_ref()) else {
            return self.error(
                name.span(),
                format!("no layout named `{}`", name.get_ref()),
                "layouts are files layouts/NAME.toml next to the spec or in a folder above it; built in: tabloid, broadsheet",
            );
        };
        let source = match built_in {
            Some(text) => Ok(text.to_string()),
            None => spec::read_text(&path, "layout"),
        };
        let loaded = source.and_then(|source| {
            spec::parse_toml::<GridSpec>(&path, &source).map(|grid| (source, grid))
        });
        match loaded {
            Ok((source, grid)) => {
                if built_in.is_none() {
                    self.inputs.push(path.clone());
                }
                Some(LayoutFile { path, source, grid })
            }
            Err(d) => {
                self.errors.push(d);
                None
            }
        }
    }

    /// Where a problem with the grid as a whole is reported: the `layout` key, if any.
    fn page_loc(&self) -> Option<SourceLoc> {
        let span = self
            .file
            .spec
            .page
            .layout
            .as_ref()
            .map_or(0..0, |l| l.span());
        self.loc(span)
    }

    fn grid(&mut self) -> Option<Grid> {
        let layout = self.layout();
        let inline = self.file.spec.page.grid.clone().unwrap_or_default();
        // A value from the spec is located in the spec; one from the layout in the layout.
        let lay = layout.as_ref();
        let pick =
            |a: &Option<S<String>>, b: Option<&Option<S<String>>>| -> Option<(S<String>, bool)> {
                a.clone()
                    .map(|v| (v, true))
                    .or_else(|| b.and_then(|b| b.clone()).map(|v| (v, false)))
            };
        let lg = lay.map(|l| &l.grid);
        let margins_in = inline.margins.clone().unwrap_or_default();
        let margins_lay = lg.and_then(|g| g.margins.clone()).unwrap_or_default();
        let len = |cx: &mut Self,
                   v: Option<(S<String>, bool)>,
                   key: &str,
                   kind: LengthKind|
         -> Option<Pt> {
            let Some((v, in_spec)) = v else {
                cx.errors.push(
                    Diagnostic::error("spec.missing", format!("the page grid has no `{key}`"))
                        .at(cx.page_loc())
                        .hint("give `layout = \"tabloid\"` (or another file in layouts/) or set the key under [page.grid]"),
                );
                return None;
            };
            match parse_length(v.get_ref(), kind) {
                Ok(p) if p.0 >= 0.0 => Some(p),
                Ok(_) => cx.located(
                    &v,
                    in_spec,
                    lay,
                    format!("`{key}` must not be negative"),
                    None,
                ),
                Err(msg) => cx.located(&v, in_spec, lay, msg, None),
            }
        };
        let width = len(
            self,
            pick(&inline.width, lg.map(|g| &g.width)),
            "width",
            LengthKind::Distance,
        );
        let height = len(
            self,
            pick(&inline.height, lg.map(|g| &g.height)),
            "height",
            LengthKind::Distance,
        );
        let bleed = len(
            self,
            pick(&inline.bleed, lg.map(|g| &g.bleed)).or(Some((S::new(0..0, "0mm".into()), true))),
            "bleed",
            LengthKind::Distance,
        );
        let top = len(
            self,
            pick(&margins_in.top, Some(&margins_lay.top)),
            "margins.top",
            LengthKind::Distance,
        );
        let bottom = len(
            self,
            pick(&margins_in.bottom, Some(&margins_lay.bottom)),
            "margins.bottom",
            LengthKind::Distance,
        );
        let left = len(
            self,
            pick(&margins_in.left, Some(&margins_lay.left)),
            "margins.left",
            LengthKind::Distance,
        );
        let right = len(
            self,
            pick(&margins_in.right, Some(&margins_lay.right)),
            "margins.right",
            LengthKind::Distance,
        );
        let gutter = len(
            self,
            pick(&inline.gutter, lg.map(|g| &g.gutter)),
            "gutter",
            LengthKind::Distance,
        );
        let body_size = len(
            self,
            pick(&inline.body_size, lg.map(|g| &g.body_size)),
            "body_size",
            LengthKind::TypeSize,
        );
        let pitch = len(
            self,
            pick(&inline.line_pitch, lg.map(|g| &g.line_pitch)),
            "line_pitch",
            LengthKind::Distance,
        );
        let columns = inline
            .columns
            .clone()
            .map(|v| (v, true))
            .or_else(|| lg.and_then(|g| g.columns.clone()).map(|v| (v, false)));
        let chars = inline
            .column_chars
            .clone()
            .map(|v| (v, true))
            .or_else(|| lg.and_then(|g| g.column_chars.clone()).map(|v| (v, false)));
        let column_rules = inline
            .column_rules
            .or(lg.and_then(|g| g.column_rules))
            .unwrap_or(false);
        let columns = match columns {
            Some((c, _)) if (1..=20).contains(c.get_ref()) => Some(*c.get_ref() as usize),
            Some((c, in_spec)) => self.located(
                &c,
                in_spec,
                lay,
                format!("{} columns is not a page grid", c.get_ref()),
                Some("a page has 1 to 20 columns"),
            ),
            None => {
                self.errors.push(
                    Diagnostic::error("spec.missing", "the page grid has no `columns`")
                        .at(self.page_loc())
                        .hint("set a layout or [page.grid] columns"),
                );
                None
            }
        };
        let (width, height, bleed, top, bottom, left, right, gutter, body_size, pitch, columns) = (
            width?, height?, bleed?, top?, bottom?, left?, right?, gutter?, body_size?, pitch?,
            columns?,
        );
        if body_size.0 < 4.0 || pitch.0 < body_size.0 {
            self.errors.push(Diagnostic::error("spec.value", format!("line pitch {pitch} is smaller than the body size {body_size}, or the body is under 4 pt")).at(self.page_loc()).hint("the line pitch is baseline to baseline; it must be at least the body size"));
            return None;
        }
        let avail = width - left - right;
        let (column_width, left) = match chars {
            Some((c, in_spec)) if *c.get_ref() < 1 || *c.get_ref() > 200 => {
                return self.located(
                    &c,
                    in_spec,
                    lay,
                    format!("{} characters per column is not a measure", c.get_ref()),
                    Some("give a whole number from 1 to 200"),
                );
            }
            Some((c, _)) => {
                // Grid mode (cjk-rules.md §7): the measure is a whole number of body ems;
                // the type area is centred between the margins, which become minimums.
                let cw = body_size * *c.get_ref() as f64;
                let total = cw * columns as f64 + gutter * (columns - 1) as f64;
                if total.0 > avail.0 + 1e-6 {
                    self.errors.push(
                        Diagnostic::error("spec.value", format!(
                            "{columns} columns of {} characters take {:.1} mm, but the margins leave {:.1} mm",
                            c.get_ref(), total.to_mm(), avail.to_mm()))
                        .at(self.page_loc())
                        .hint("reduce column_chars, the gutter or the left/right margins"),
                    );
                    return None;
                }
                (cw, left + (avail - total) / 2.0)
            }
            None => (
                (avail - gutter * (columns - 1) as f64) / columns as f64,
                left,
            ),
        };
        let type_height = height - top - bottom;
        if column_width.0 <= body_size.0 * 2.0 || left.0 < 0.0 || type_height.0 < pitch.0 * 4.0 {
            self.errors.push(Diagnostic::error("spec.value", format!("the grid does not fit the page: {columns} columns of {:.1} mm in a {:.1} mm wide type area", column_width.to_mm(), avail.to_mm())).at(self.page_loc()).hint("reduce columns, column_chars, gutter or margins"));
            return None;
        }
        let lines = (type_height.0 / pitch.0 + 1e-6).floor() as usize;
        Some(Grid {
            width,
            height,
            bleed,
            top,
            left,
            columns,
            gutter,
            column_width,
            body_size,
            line_pitch: pitch,
            lines,
            column_rules,
        })
    }

    /// Reports a bad value located in the spec or in the layout file it came from.
    fn located<T, V>(
        &mut self,
        v: &S<V>,
        in_spec: bool,
        lay: Option<&LayoutFile>,
        msg: String,
        hint: Option<&str>,
    ) -> Option<T> {
        let loc = match (in_spec, lay) {
            (false, Some(l)) => Some(SourceLoc::from_offset(&l.path, &l.source, v.span().start)),
            _ => self.loc(v.span()),
        };
        let mut d = Diagnostic::error("spec.value", msg).at(loc);
        if let Some(h) = hint {
            d = d.hint(h);
        }
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
            slogans: b.slogans.clone(),
            lines,
            color,
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
            });
        }
        out
    }
}

/// The grids that ship inside the binary, so a copied `banmian` still finds them.
const SHIPPED_LAYOUTS: &[(&str, &str)] = &[
    ("tabloid", include_str!("../../layouts/tabloid.toml")),
    ("broadsheet", include_str!("../../layouts/broadsheet.toml")),
];

/// Default face and size of each headline element on a tabloid page.
fn default_head_style(role: HeadRole) -> (Builtin, f64) {
    match role {
        HeadRole::Kicker => (Builtin::Hei, 16.0),
        HeadRole::Headline => (Builtin::HeiBold, 36.0),
        HeadRole::Subtitle => (Builtin::SongBold, 22.0),
    }
}
