//! The page grid: a layout file (a newsroom's own next to the spec, or one built in)
//! merged with the spec's `[page.grid]`, lengths converted, and the column measure and
//! lines per column worked out. Every problem is located in the file it came from.

use super::modules::Module;
use super::Cx;
use crate::diag::Code;
use crate::diag::{Diagnostic, SourceLoc};
use crate::files::FileKind;
use crate::fonts::IDEOGRAPHIC_ASCENT;
use crate::spec::{self, GridSpec, S};
use crate::units::{parse_length, LengthKind, Pt, MAX_PAGE_SIDE};
use std::path::PathBuf;

/// The page grid. Positions are relative to the trim box's top-left corner.
#[derive(Clone, Debug, PartialEq)]
pub struct Grid {
    /// Trim width of the page in points, from `width` in `[page.grid]` or the layout file.
    pub width: Pt,
    /// Trim height of the page in points, from `height`.
    pub height: Pt,
    /// Bleed beyond each trim edge in points, from `bleed`: the PDF's bleed box is this
    /// much larger than the trim on every side.
    pub bleed: Pt,
    /// Top margin in points: the distance from the trim's top edge to grid line 0.
    pub top: Pt,
    /// Left edge of column 0 in points from the trim's left edge: the `left` margin, or,
    /// when `column_chars` fixes the measure, the type area centred between the margins.
    pub left: Pt,
    /// Number of columns (1 to 20), from `columns`. Internally columns are counted from 0
    /// (see [`Grid::column_x`]); the spec counts them from 1.
    pub columns: usize,
    /// Space between adjacent columns in points, from `gutter`.
    pub gutter: Pt,
    /// The column measure in points: `column_chars` body ems when given, else the type
    /// area's width less the gutters, divided among the columns.
    pub column_width: Pt,
    /// Size of the body type in points, from `body_size` (at least 4 pt).
    pub body_size: Pt,
    /// Grid line pitch in points, baseline to baseline, from `line_pitch`; never smaller
    /// than `body_size`.
    pub line_pitch: Pt,
    /// Body lines per column.
    pub lines: usize,
    /// Draw rules in the gutters between columns (`column_rules`, default false); read by
    /// the article composer.
    pub column_rules: bool,
    /// The layout's ad modules (see [`Module`]).
    pub modules: Vec<Module>,
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
    /// slot, and an ideograph's baseline sits [`IDEOGRAPHIC_ASCENT`] below its em box's
    /// top.
    pub fn baseline(&self, l: usize) -> Pt {
        self.line_y(l)
            + (self.line_pitch - self.body_size) / 2.0
            + self.body_size * IDEOGRAPHIC_ASCENT
    }
    /// Width of the whole type area (all columns and their gutters) in points.
    pub fn type_width(&self) -> Pt {
        self.span_width(self.columns)
    }
}

pub(super) fn placeholder_grid() -> Grid {
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
        modules: Vec::new(),
    }
}

/// A layout file, parsed, with its own path and text for error locations.
pub(super) struct LayoutFile {
    pub path: PathBuf,
    pub source: String,
    pub grid: GridSpec,
}

impl Cx<'_> {
    /// Finds `layouts/NAME.toml`: next to the spec or in its parents' `layouts/` folders
    /// (a newsroom's own grids win), else one of the grids built into banmian.
    pub(super) fn find_layout(&self, name: &str) -> Option<(PathBuf, Option<&'static str>)> {
        let file = format!("{name}.toml");
        let mut dir = Some(self.file.dir());
        while let Some(d) = dir {
            let p = d.join("layouts").join(&file);
            if self.files.exists(&p) {
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

    pub(super) fn layout(&mut self) -> Option<LayoutFile> {
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
            None => self.files.read_text(&path, FileKind::Layout),
        };
        let loaded = source.and_then(|source| {
            spec::parse_toml::<GridSpec>(&path, &source).map(|grid| (source, grid))
        });
        match loaded {
            Ok((source, grid)) => Some(LayoutFile { path, source, grid }),
            Err(d) => {
                self.errors.push(d);
                None
            }
        }
    }

    /// Where a problem with the grid as a whole is reported: the `layout` key, else
    /// the `[page.grid]` table, else the `[page]` table (never 1:1 of a spec whose
    /// first lines are comments).
    pub(super) fn page_loc(&self) -> Option<SourceLoc> {
        if let Some(l) = &self.file.spec.page.layout {
            return self.loc(l.span());
        }
        let src = &self.file.source;
        let header = |name: &str| {
            src.match_indices(name)
                .map(|(i, _)| i)
                .find(|&i| i == 0 || src[..i].ends_with('\n'))
        };
        let at = header("[page.grid]")
            .or_else(|| header("[page]"))
            .unwrap_or(0);
        self.loc(at..at)
    }

    /// The page grid from `[page.grid]` over the layout file's keys.
    pub(super) fn grid(&mut self, lay: Option<&LayoutFile>) -> Option<Grid> {
        let inline = self.file.spec.page.grid.clone().unwrap_or_default();
        // A value from the spec is located in the spec; one from the layout in the layout.
        let lg = lay.map(|l| &l.grid);
        let lengths = LENGTH_KEYS.map(|key| self.grid_length(&key, &inline, lay));
        let [width, height, bleed, top, bottom, left, right, gutter, body_size, pitch] = lengths;
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
                    Diagnostic::new(Code::SpecMissing, "the page grid has no `columns`")
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
        self.page_fits_a_pdf(width, height, bleed, &inline, lay)?;
        if body_size.0 < 4.0 || pitch.0 < body_size.0 {
            self.errors.push(Diagnostic::new(Code::SpecValue, format!("line pitch {pitch} is smaller than the body size {body_size}, or the body is under 4 pt")).at(self.page_loc()).hint("the line pitch is baseline to baseline; it must be at least the body size"));
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
                // Grid mode (cjk-rules.md §7.1): the measure is a whole number of body ems;
                // the type area is centred between the margins, which become minimums.
                let cw = body_size * *c.get_ref() as f64;
                let total = cw * columns as f64 + gutter * (columns - 1) as f64;
                if total.0 > avail.0 + 1e-6 {
                    self.errors.push(
                        Diagnostic::new(Code::SpecValue, format!(
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
            self.errors.push(Diagnostic::new(Code::SpecValue, format!("the grid does not fit the page: {columns} columns of {:.1} mm in a {:.1} mm wide type area", column_width.to_mm(), avail.to_mm())).at(self.page_loc()).hint("reduce columns, column_chars, gutter or margins"));
            return None;
        }
        let lines = (type_height.0 / pitch.0 + 1e-6).floor() as usize;
        let mut grid = Grid {
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
            modules: Vec::new(),
        };
        grid.modules = self.modules(&grid, lay, &inline);
        Some(grid)
    }

    /// Where the page's size is given: its `width` (in the spec or the layout file),
    /// else where the grid is (see [`Cx::page_loc`]). Problems of the page's size found
    /// later (a proof too large) are reported there.
    pub(super) fn size_loc(&self, lay: Option<&LayoutFile>) -> Option<SourceLoc> {
        let key = &LENGTH_KEYS[0];
        let inline = self.file.spec.page.grid.as_ref();
        if let Some(v) = inline.and_then(|g| (key.get)(g)) {
            return self.loc(v.span());
        }
        if let Some((l, v)) = lay.and_then(|l| Some((l, (key.get)(&l.grid)?))) {
            return Some(SourceLoc::from_offset(&l.path, &l.source, v.span().start));
        }
        self.page_loc()
    }

    /// A page that with its bleed and proof marks is within PDF's largest page
    /// ([`MAX_PAGE_SIDE`]): else an error at the side that is too long.
    fn page_fits_a_pdf(
        &mut self,
        width: Pt,
        height: Pt,
        bleed: Pt,
        inline: &GridSpec,
        lay: Option<&LayoutFile>,
    ) -> Option<()> {
        let room = MAX_PAGE_SIDE - crate::compose::marks::margin(bleed) * 2.0;
        for (side, key) in [(width, &LENGTH_KEYS[0]), (height, &LENGTH_KEYS[1])] {
            if side.0 > room.0 {
                let v = (key.get)(inline)
                    .map(|v| (v, true))
                    .or_else(|| lay.and_then(|l| (key.get)(&l.grid)).map(|v| (v, false)));
                let msg = format!(
                    "a page {:.0} mm {} with {:.0} mm of bleed is larger than a PDF page can be: with its bleed and proof marks a side may be at most {:.0} mm (200 in)",
                    side.to_mm(),
                    if key.name == "width" { "wide" } else { "high" },
                    bleed.to_mm(),
                    MAX_PAGE_SIDE.to_mm()
                );
                let hint = "give a smaller page size or bleed";
                return match v {
                    Some((v, in_spec)) => self.located(&v.clone(), in_spec, lay, msg, Some(hint)),
                    None => {
                        self.errors.push(
                            Diagnostic::new(Code::SpecValue, msg)
                                .at(self.page_loc())
                                .hint(hint),
                        );
                        None
                    }
                };
            }
        }
        Some(())
    }

    /// One length of the grid: from the spec's `[page.grid]` if given there, else from
    /// the layout, else the key's default; located where it was given.
    fn grid_length(
        &mut self,
        key: &LengthKey,
        inline: &GridSpec,
        lay: Option<&LayoutFile>,
    ) -> Option<Pt> {
        let given = (key.get)(inline)
            .map(|v| (v.clone(), true))
            .or_else(|| {
                lay.and_then(|l| (key.get)(&l.grid))
                    .map(|v| (v.clone(), false))
            })
            .or_else(|| key.default.map(|d| (S::new(0..0, d.to_string()), true)));
        let Some((v, in_spec)) = given else {
            self.errors.push(
                Diagnostic::new(
                    Code::SpecMissing,
                    format!("the page grid has no `{}`", key.name),
                )
                .at(self.page_loc())
                .hint("give `layout = \"tabloid\"` (or another file in layouts/) or set the key under [page.grid]"),
            );
            return None;
        };
        match parse_length(v.get_ref(), key.kind) {
            Ok(p) if p.0 >= 0.0 => Some(p),
            Ok(_) => self.located(
                &v,
                in_spec,
                lay,
                format!("`{}` must not be negative", key.name),
                None,
            ),
            Err(e) => self.refuse_located(&v, in_spec, lay, e.diagnostic()),
        }
    }

    /// Reports a bad value located in the spec or in the layout file it came from.
    pub(super) fn located<T, V>(
        &mut self,
        v: &S<V>,
        in_spec: bool,
        lay: Option<&LayoutFile>,
        msg: String,
        hint: Option<&str>,
    ) -> Option<T> {
        let mut d = Diagnostic::new(Code::SpecValue, msg);
        if let Some(h) = hint {
            d = d.hint(h);
        }
        self.refuse_located(v, in_spec, lay, d)
    }

    /// Reports `d` (a parser's error, with the caller's hint) located in the spec or
    /// in the layout file the value came from.
    pub(super) fn refuse_located<T, V>(
        &mut self,
        v: &S<V>,
        in_spec: bool,
        lay: Option<&LayoutFile>,
        d: Diagnostic,
    ) -> Option<T> {
        let loc = match (in_spec, lay) {
            (false, Some(l)) => Some(SourceLoc::from_offset(&l.path, &l.source, v.span().start)),
            _ => self.loc(v.span()),
        };
        self.errors.push(d.at(loc));
        None
    }
}

/// A length key of the grid: its name in messages, where it sits in a grid spec (the
/// page's `[page.grid]` or a layout file), what kind of length it is, and its default.
struct LengthKey {
    name: &'static str,
    get: fn(&GridSpec) -> Option<&S<String>>,
    kind: LengthKind,
    default: Option<&'static str>,
}

/// The grid's lengths, in the order [`Cx::grid`] takes them apart.
const LENGTH_KEYS: [LengthKey; 10] = [
    LengthKey {
        name: "width",
        get: |g| g.width.as_ref(),
        kind: LengthKind::Distance,
        default: None,
    },
    LengthKey {
        name: "height",
        get: |g| g.height.as_ref(),
        kind: LengthKind::Distance,
        default: None,
    },
    LengthKey {
        name: "bleed",
        get: |g| g.bleed.as_ref(),
        kind: LengthKind::Distance,
        default: Some("0mm"),
    },
    LengthKey {
        name: "margins.top",
        get: |g| g.margins.as_ref().and_then(|m| m.top.as_ref()),
        kind: LengthKind::Distance,
        default: None,
    },
    LengthKey {
        name: "margins.bottom",
        get: |g| g.margins.as_ref().and_then(|m| m.bottom.as_ref()),
        kind: LengthKind::Distance,
        default: None,
    },
    LengthKey {
        name: "margins.left",
        get: |g| g.margins.as_ref().and_then(|m| m.left.as_ref()),
        kind: LengthKind::Distance,
        default: None,
    },
    LengthKey {
        name: "margins.right",
        get: |g| g.margins.as_ref().and_then(|m| m.right.as_ref()),
        kind: LengthKind::Distance,
        default: None,
    },
    LengthKey {
        name: "gutter",
        get: |g| g.gutter.as_ref(),
        kind: LengthKind::Distance,
        default: None,
    },
    LengthKey {
        name: "body_size",
        get: |g| g.body_size.as_ref(),
        kind: LengthKind::TypeSize,
        default: None,
    },
    LengthKey {
        name: "line_pitch",
        get: |g| g.line_pitch.as_ref(),
        kind: LengthKind::Distance,
        default: None,
    },
];

/// The grids that ship inside the binary (name and text), so a copied `banmian` still
/// finds them; incremental builds hash them into the engine's identity.
pub fn shipped_layouts() -> &'static [(&'static str, &'static str)] {
    SHIPPED_LAYOUTS
}

/// The grids that ship inside the binary, so a copied `banmian` still finds them.
const SHIPPED_LAYOUTS: &[(&str, &str)] = &[
    ("tabloid", include_str!("../../layouts/tabloid.toml")),
    ("broadsheet", include_str!("../../layouts/broadsheet.toml")),
];
