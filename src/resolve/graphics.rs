//! `[[graphic]]`: placed PDF pages and SVG drawings. The file is read through
//! [`crate::files::Files`] (bounded, recorded for incremental builds), opened and
//! preflighted by [`crate::graphic`]; its errors are located at the `file` key. The
//! same file, page and box placed twice on a page is opened once and shared.

use super::*;
use crate::graphic::{self, svg::SvgFonts, BoxKind, Finding, Graphic, Request};

/// How a graphic is sized into its frame.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum GraphicFit {
    /// 100 %, centred: ads are never rescaled.
    None,
    /// The whole graphic inside the frame, proportions kept.
    Fit,
    /// The frame covered, proportions kept, the overflow clipped.
    Fill,
}

impl GraphicFit {
    /// The spec's word.
    pub fn name(self) -> &'static str {
        match self {
            GraphicFit::None => "none",
            GraphicFit::Fit => "fit",
            GraphicFit::Fill => "fill",
        }
    }
}

/// Where a graphic goes.
#[derive(Clone, Debug, PartialEq)]
pub enum Placement {
    /// An ad module of the layout, starting in `column` (0-based).
    Module {
        /// The module named by the spec's `module`, as the layout resolved it.
        module: Module,
        /// First column, 0-based: the spec's `column` (from 1) when given, else the
        /// module's own. The module's span always fits the grid from here.
        column: usize,
    },
    /// A rectangle of the grid, like a photo.
    Place(Place),
}

/// A graphic placed on the page.
#[derive(Clone, Debug)]
pub struct PlacedGraphic {
    /// The file, opened and preflighted (shared by every placement of it).
    pub graphic: Arc<Graphic>,
    /// Where it goes: by `module`, or by `place` like a photo (exactly one is given).
    pub placement: Placement,
    /// How it is sized into its frame (`fit`; default [`GraphicFit::None`], 100 %).
    pub fit: GraphicFit,
    /// Whether the spec gave `fit` (a module's size mismatch then says the scale).
    pub fit_given: bool,
    /// `caption`: set in 楷体 under the graphic, as under a photo, in the grid lines
    /// of its place. Only a graphic placed by `place` shows it.
    pub caption: Option<String>,
    /// `credit`: follows the caption after an ideographic space (or stands alone),
    /// under a graphic placed by `place` only.
    pub credit: Option<String>,
    /// Findings that depend on this page (its press condition).
    pub findings: Vec<Finding>,
    /// Where the spec names the file.
    pub loc: Option<SourceLoc>,
}

impl PlacedGraphic {
    /// The grid cells the graphic takes: `column`, `span`, `top`, `height` in lines.
    pub fn cells(&self, grid: &Grid) -> Place {
        match &self.placement {
            Placement::Place(p) => *p,
            Placement::Module { module, column } => {
                let (top, bottom) = module.lines(grid);
                Place {
                    column: *column,
                    span: module.span,
                    top,
                    height: bottom - top,
                }
            }
        }
    }
}

impl Cx<'_> {
    pub(super) fn graphics(&mut self, grid: &Grid, output: &Output) -> Vec<PlacedGraphic> {
        let mut opened: Vec<Arc<Graphic>> = Vec::new();
        let mut out = Vec::new();
        for g in &self.file.spec.graphics {
            let name = g.file.get_ref().clone();
            let placement = self.graphic_placement(g, grid, &name);
            let fit = self.graphic_fit(g);
            let request = self.graphic_request(g, output);
            let graphic = request.and_then(|r| self.open_graphic(&g.file, r, &mut opened));
            let (Some(placement), Some(graphic)) = (placement, graphic) else {
                continue;
            };
            if let (Placement::Module { .. }, Some(c)) =
                (&placement, g.caption.as_ref().or(g.credit.as_ref()))
            {
                // An ad fills its module to the edge: there are no grid lines for a
                // caption, and an ad carries none (§17).
                self.error::<()>(
                    c.span(),
                    format!("graphic {name} is placed by `module`, which leaves no room for a caption or credit"),
                    "take `caption`/`credit` out, or place the graphic with `place` and give it the grid lines for them",
                );
                continue;
            }
            let findings = intent_findings(&graphic, output);
            out.push(PlacedGraphic {
                graphic,
                placement,
                fit,
                fit_given: g.fit.is_some(),
                caption: g.caption.as_ref().map(|c| c.get_ref().clone()),
                credit: g.credit.as_ref().map(|c| c.get_ref().clone()),
                findings,
                loc: self.loc(g.file.span()),
            });
        }
        out
    }

    fn graphic_placement(
        &mut self,
        g: &spec::GraphicSpec,
        grid: &Grid,
        name: &str,
    ) -> Option<Placement> {
        match (&g.module, &g.place) {
            (Some(m), None) => {
                let Some(module) = grid.modules.iter().find(|x| x.name == *m.get_ref()) else {
                    let known: Vec<&str> = grid.modules.iter().map(|x| x.name.as_str()).collect();
                    let hint = if known.is_empty() {
                        "the layout names no ad modules: add [modules.NAME] to the layout file or [page.grid.modules.NAME] (docs/spec.md §17)".to_string()
                    } else {
                        format!("the layout's modules: {}", known.join(", "))
                    };
                    return self.error(m.span(), format!("no ad module named `{}`", m.get_ref()), &hint);
                };
                let column = match &g.column {
                    None => module.column,
                    Some(c) => {
                        let col = *c.get_ref();
                        if col < 1 || col as usize - 1 + module.span > grid.columns {
                            return self.error(c.span(), format!("module `{}` ({} columns) cannot start in column {col} of {}", module.name, module.span, grid.columns), &format!("give a column from 1 to {}", grid.columns + 1 - module.span));
                        }
                        col as usize - 1
                    }
                };
                Some(Placement::Module {
                    module: module.clone(),
                    column,
                })
            }
            (None, Some(p)) => {
                if let Some(c) = &g.column {
                    return self.error(c.span(), "`column` moves a module; with `place` give the column there", "drop `column`, or place the graphic by `module`");
                }
                self.place(p, grid, &format!("graphic `{name}`")).map(Placement::Place)
            }
            (Some(m), Some(_)) => self.error(m.span(), "a graphic placed both by `module` and by `place`", "keep one: `module = \"…\"` for an ad, or `place = { … }`"),
            (None, None) => self.error(g.file.span(), format!("graphic `{name}` has neither `module` nor `place`"), "give `module = \"通栏\"` (a module of the layout) or `place = { column, span, top, height }`"),
        }
    }

    fn graphic_fit(&mut self, g: &spec::GraphicSpec) -> GraphicFit {
        match g.fit.as_ref().map(|f| (f, f.get_ref().as_str())) {
            None | Some((_, "none")) => GraphicFit::None,
            Some((_, "fit")) => GraphicFit::Fit,
            Some((_, "fill")) => GraphicFit::Fill,
            Some((f, other)) => {
                self.error::<()>(f.span(), format!("unknown fit `{other}`"), "none (100 %, the default), fit (whole graphic inside the frame) or fill (frame covered, the rest clipped)");
                GraphicFit::None
            }
        }
    }

    fn graphic_request(&mut self, g: &spec::GraphicSpec, output: &Output) -> Option<Request> {
        let page = match &g.page {
            None => 0,
            Some(p) if *p.get_ref() >= 1 && *p.get_ref() <= i64::from(u32::MAX) => {
                *p.get_ref() as usize - 1
            }
            Some(p) => {
                return self.error(
                    p.span(),
                    format!("page {} of a PDF", p.get_ref()),
                    "pages are counted from 1",
                )
            }
        };
        let box_kind = match &g.area {
            None => BoxKind::Trim,
            Some(b) => match BoxKind::from_name(b.get_ref()) {
                Some(k) => k,
                None => {
                    return self.error(
                        b.span(),
                        format!("unknown box `{}`", b.get_ref()),
                        "trim (the finished size, the default), crop, bleed, media or art",
                    )
                }
            },
        };
        Some(Request {
            page,
            box_kind,
            check_ink: output.check_ink,
        })
    }

    /// Reads, opens and preflights a placed file named by `file` (relative to the
    /// spec's folder); errors go to the spec key. Other elements place graphics with
    /// it too (a masthead's logo): the result goes on the page with
    /// [`crate::compose::graphic_item`]. `opened` shares a file placed twice.
    pub(super) fn open_graphic(
        &mut self,
        file: &S<String>,
        request: Request,
        opened: &mut Vec<Arc<Graphic>>,
    ) -> Option<Arc<Graphic>> {
        let path = self.file.dir().join(file.get_ref());
        let path = path.as_path();
        let bytes = match self.files.read(path, FileKind::Graphic) {
            Ok(b) => b,
            Err(d) => {
                self.errors.push(d.at(self.loc(file.span())));
                return None;
            }
        };
        if let Some(same) = opened.iter().find(|o| {
            o.page == request.page && o.box_kind == request.box_kind && o.file_bytes == bytes
        }) {
            return Some(same.clone());
        }
        let fonts = SvgFonts {
            declared: self
                .fonts
                .declared()
                .map(|(_, f)| (f.name.as_str(), f.bytes.clone(), f.index))
                .collect(),
        };
        let all = self.files.limits();
        let limits = graphic::GraphicLimits {
            image_pixels: all.image_pixels,
            ..all.graphic
        };
        match graphic::open(path, bytes, request, &fonts, &limits) {
            Ok(graphic) => {
                let errors: Vec<&Finding> = graphic
                    .inspection
                    .findings
                    .iter()
                    .filter(|f| f.code.severity() == crate::diag::Severity::Error)
                    .collect();
                for f in &errors {
                    self.graphic_error(&graphic.describe(), f, file);
                }
                if !errors.is_empty() {
                    return None;
                }
                let graphic = Arc::new(graphic);
                opened.push(graphic.clone());
                Some(graphic)
            }
            Err(graphic::OpenError(f)) => {
                let page = if request.page > 0 {
                    format!(" (page {})", request.page + 1)
                } else {
                    String::new()
                };
                self.graphic_error(&format!("{}{page}", path.display()), &f, file);
                None
            }
        }
    }

    fn graphic_error(&mut self, what: &str, f: &Finding, file: &S<String>) {
        let d = crate::diag::Diagnostic::new(f.code, format!("graphic {what} {}", f.message))
            .at(self.loc(file.span()))
            .hint(f.hint.clone());
        self.errors.push(d);
    }
}

/// A placed PDF made for another press than the page: its colours were separated
/// for that press.
fn intent_findings(graphic: &Graphic, output: &Output) -> Vec<Finding> {
    let Some(file) = &graphic.inspection.output_intent else {
        return Vec::new();
    };
    if !output.pdfx {
        return Vec::new();
    }
    let (page_condition, page_icc): (String, Vec<u8>) = match &output.profile {
        Some(p) => (p.condition.clone(), p.icc.clone()),
        None => {
            let n = crate::render::pdf::OutputIntent::newsprint();
            (n.condition, n.icc.into_owned())
        }
    };
    let same = match &file.profile {
        Some(p) => *p == page_icc,
        None => file.condition == page_condition,
    };
    if same {
        return Vec::new();
    }
    vec![Finding::new(
        Code::GraphicOutputIntent,
        format!(
            "is made for the press condition `{}`; the page is made for `{page_condition}`",
            file.condition
        ),
        "its CMYK was separated for another press: ask for the ad made for this newspaper's press profile",
    )]
}
