//! Articles: heads (kicker, headline, subtitle) with their faces and sizes, the body
//! split into paragraphs and subheads, the byline, the article's place on the grid and
//! its jumps to and from other pages.

use super::markup::{Face, ParStyle, Tag};
use super::*;

impl Cx<'_> {
    pub(super) fn articles(&mut self, grid: &Grid, page_text: &TextSettings) -> Vec<Article> {
        let mut out = Vec::new();
        for (i, a) in self.file.spec.articles.iter().enumerate() {
            let id =
                a.id.as_ref()
                    .map_or_else(|| format!("article {}", i + 1), |s| s.get_ref().clone());
            let shape = self.shape(&a.place, grid, &format!("article `{id}`"));
            let heads = self.head_placement(a.heads.as_ref(), grid);
            let text = self.text_settings(a.text.as_ref(), page_text);
            let kicker = a
                .kicker
                .as_ref()
                .and_then(|h| self.head(h.get_ref(), Some(h.span()), HeadRole::Kicker));
            let headline = a
                .headline
                .as_ref()
                .and_then(|h| self.head(h.get_ref(), Some(h.span()), HeadRole::Headline));
            let subtitle = a
                .subtitle
                .as_ref()
                .and_then(|h| self.head(h.get_ref(), Some(h.span()), HeadRole::Subtitle));
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
                    .or_else(|| self.loc(a.place.rects()[0].column.span()));
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
            let frame = match &a.frame {
                Some(f) => match self.article_frame(f) {
                    Some(f) => Some(f),
                    None => continue,
                },
                None => None,
            };
            if let (Some(_), [_, second, ..]) = (&frame, a.place.rects()) {
                self.error::<()>(
                    second.column.span(),
                    format!("article `{id}` has a frame and an area of several rectangles"),
                    "a boxed story is one rectangle: give `place` one { column, span, top, height }, or drop the `frame`",
                );
                continue;
            }
            if let Some(shape) = shape {
                out.push(Article {
                    place: shape.bounds(),
                    shape,
                    heads,
                    copyfit_tracking,
                    subhead_rules: a.subhead_rules.unwrap_or(false),
                    jump_to,
                    continued_from,
                    frame,
                    separators: a.separators,
                    id,
                    kicker,
                    headline,
                    subtitle,
                    byline: a.byline.as_ref().map(|b| b.get_ref().clone()),
                    byline_at_end,
                    blocks,
                    text,
                    loc,
                });
            }
        }
        out
    }

    /// The article's jump and continuation, checked: labels are not empty, and a
    /// continuation has no body of its own.
    #[allow(
        clippy::type_complexity,
        reason = "a pair of optional (label, location) results, read once by the caller"
    )]
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

    fn body(&mut self, a: &spec::ArticleSpec, id: &str) -> Vec<Block> {
        let fonts = &self.fonts;
        let lookup = |name: &str| markup_tag(name, fonts);
        let split = match (&a.body, &a.body_file) {
            (Some(b), None) => {
                // Inline text: blocks are located in the spec. A multi-line string's text
                // starts on the line after its opening quotes (TOML drops that newline).
                let start = self.loc(b.span());
                let raw = &self.file.source[b.span()];
                let skip = usize::from(raw.starts_with("\"\"\"\n") || raw.starts_with("'''\n"));
                body::split(
                    b.get_ref(),
                    start.as_ref().map(|l| (l.file.clone(), l.line + skip)),
                    &lookup,
                )
            }
            (None, Some(f)) => {
                let path = self.file.dir().join(f.get_ref());
                match self.files.read_text(&path, FileKind::Text) {
                    Ok(text) => {
                        let mut split = body::split(&text, Some((path.clone(), 1)), &lookup);
                        split
                            .warnings
                            .extend(body::character_warnings(&text, &path));
                        split
                    }
                    Err(d) => {
                        self.errors.push(
                            d.at(self.loc(f.span()))
                                .context(format!("article `{id}`, body_file")),
                        );
                        return Vec::new();
                    }
                }
            }
            (Some(b), Some(_)) => {
                self.error::<()>(
                    b.span(),
                    format!("article `{id}` has both `body` and `body_file`"),
                    "keep one of them",
                );
                return Vec::new();
            }
            (None, None) => return Vec::new(),
        };
        for w in split.warnings.0 {
            self.warnings.push(w.context(format!("article `{id}`")));
        }
        split.blocks
    }
}

/// What a name between braces in body text means on a page with these fonts: a
/// paragraph style, `bold`, `dots`, `sup` (or their Chinese names), or a face.
fn markup_tag(name: &str, fonts: &FontCatalog) -> Option<Tag> {
    if let Some(p) = ParStyle::from_tag(name) {
        return Some(Tag::Paragraph(p));
    }
    let face = match name {
        "bold" | "粗体" => return Some(Tag::Face(Face::Strong)),
        "dots" | "着重" => return Some(Tag::Dots),
        "sup" | "上标" => return Some(Tag::Sup),
        "宋体" => "song",
        "黑体" => "hei",
        "楷体" => "kai",
        other => other,
    };
    fonts.id(face).map(|id| Tag::Face(Face::Font(id)))
}
