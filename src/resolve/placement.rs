//! Placement on the grid: rectangles of columns and grid lines (or lengths rounded to
//! grid lines), checked against the page; the banner, photos and promo boxes that take
//! them.

use super::*;

impl Cx<'_> {
    pub(super) fn banner(&mut self, grid: &Grid) -> Option<Banner> {
        let b = self.file.spec.banner.as_ref()?;
        let most = self.files.limits().slogans;
        if let Some(over) = b.slogans.get(usize::try_from(most).unwrap_or(usize::MAX)) {
            self.errors.push(
                Diagnostic::new(
                    Code::LimitSlogans,
                    format!(
                        "the banner has {} slogans; the limit is {most}",
                        b.slogans.len()
                    ),
                )
                .at(self.loc(over.span()))
                .hint("a banner carries a handful of slogans (a trusted desk may raise the limit with --limit slogans=N)"),
            );
            return None;
        }
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

    pub(super) fn place(&mut self, p: &PlaceSpec, grid: &Grid, what: &str) -> Option<Place> {
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
        if span < 1 || span > grid.columns as i64 - col + 1 {
            return self.error(p.span.span(), format!("{what} spans {span} columns from column {col}: that runs off the {}-column grid", grid.columns), &format!("use a span from 1 to {}", grid.columns as i64 - col + 1));
        }
        let (top, height) = self.grid_extent(&p.top, p.height.as_ref(), grid, what)?;
        Some(Place {
            column: col as usize - 1,
            span: span as usize,
            top,
            height,
        })
    }

    /// The grid lines an element takes from its `top` and optional `height` (the rest
    /// of the type area when absent), each a whole number of lines or a length; an
    /// extent outside the grid is an error at the key that puts it there.
    pub(super) fn grid_extent(
        &mut self,
        top_key: &S<toml::Value>,
        height_key: Option<&S<toml::Value>>,
        grid: &Grid,
        what: &str,
    ) -> Option<(usize, usize)> {
        let top = self.grid_lines(top_key, grid, what, "top")?;
        if top >= grid.lines {
            return self.error(
                top_key.span(),
                format!(
                    "{what} starts at line {top}, below the last grid line ({})",
                    grid.lines - 1
                ),
                "grid lines are counted from 0 at the top of the type area",
            );
        }
        let height = match height_key {
            Some(h) => self.grid_lines(h, grid, what, "height")?,
            None => grid.lines - top,
        };
        if height == 0 || top + height > grid.lines {
            let span = height_key.map_or(top_key.span(), |h| h.span());
            return self.error(
                span,
                format!(
                    "{what} runs from line {top} for {height} lines, past the {} lines of the grid",
                    grid.lines
                ),
                "shorten the height or move the top up",
            );
        }
        Some((top, height))
    }

    /// A vertical position or size: an integer is grid lines; a length is rounded to the
    /// nearest whole line so that everything stays on the grid.
    pub(super) fn grid_lines(
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
                Err(e) => self.refuse(v.span(), e.diagnostic().hint("or give a whole number of grid lines")),
            },
            _ => self.error(v.span(), format!("{what}: `{key}` must be a whole number of grid lines or a length such as \"80mm\""), "e.g. top = 12 or top = \"80mm\""),
        }
    }

    pub(super) fn photos(&mut self, grid: &Grid) -> Vec<Photo> {
        let mut out = Vec::new();
        for p in &self.file.spec.photos {
            let name = p.file.get_ref().clone();
            let place = self.place(&p.place, grid, &format!("photo `{name}`"));
            let path = self.file.dir().join(&name);
            let image = self.photo_file(&path, p.file.span());
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
            let (caption_align, caption_position, caption_span) = self.caption_layout(p);
            if let (Some(place), Some(image)) = (place, image) {
                let loc = self.loc(p.file.span());
                out.push(Photo {
                    path,
                    image,
                    place,
                    fit,
                    focus,
                    caption: p.caption.as_ref().map(|c| c.get_ref().clone()),
                    credit: p.credit.as_ref().map(|c| c.get_ref().clone()),
                    caption_align,
                    caption_position,
                    caption_span,
                    loc,
                });
            }
        }
        out
    }

    /// A photo file read and decoded, once per path, within the page's budget.
    pub(super) fn photo_file(
        &mut self,
        path: &Path,
        span: std::ops::Range<usize>,
    ) -> Option<Arc<crate::display::ImageData>> {
        if let Some((_, _, img)) = self.images.iter().find(|(p, _, _)| p == path) {
            return Some(img.clone());
        }
        let bytes = match self.files.read(path, FileKind::Image) {
            Ok(b) => b,
            Err(d) => {
                self.errors.push(d.at(self.loc(span)));
                return None;
            }
        };
        // The same bytes under another name (`photo.jpg`, `./photo.jpg`, a copy): one
        // image, embedded once, counted once.
        if let Some(img) = self
            .images
            .iter()
            .find(|(_, b, _)| Arc::ptr_eq(b, &bytes) || b[..] == bytes[..])
            .map(|(_, _, img)| img.clone())
        {
            self.images.push((path.to_path_buf(), bytes, img.clone()));
            return Some(img);
        }
        let limits = *self.files.limits();
        let room = limits.page_image_bytes.saturating_sub(self.image_bytes);
        match images::load_image_within(&bytes, &limits, room) {
            Ok(img) => {
                self.image_bytes += images::image_memory(&img);
                let img = Arc::new(img);
                self.images.push((path.to_path_buf(), bytes, img.clone()));
                Some(img)
            }
            Err(r) => {
                let d = r
                    .diagnostic()
                    .about(format_args!("photo {}", path.display()));
                self.refuse(span, d)
            }
        }
    }

    pub(super) fn promos(&mut self, grid: &Grid, ear: Option<Place>) -> Vec<Promo> {
        let mut out = Vec::new();
        for p in &self.file.spec.promos {
            let place =
                self.slot_or_place(&p.place, &p.slot, grid, ear, "promo box", p.text.span());
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

    /// A photo's caption alignment, position and (beside the picture) columns.
    fn caption_layout(&mut self, p: &spec::PhotoSpec) -> (Align, CaptionPosition, usize) {
        let align = match p.caption_align.as_ref().map(|a| a.get_ref().as_str()) {
            None | Some("justify") => Align::Justify,
            Some("left") | Some("start") => Align::Start,
            Some("center") | Some("centre") => Align::Center,
            Some(other) => {
                let span = p.caption_align.as_ref().map_or(0..0, |a| a.span());
                self.error::<()>(
                    span,
                    format!("unknown caption alignment `{other}`"),
                    "justify, left or center",
                );
                Align::Justify
            }
        };
        let position = match p.caption_position.as_ref().map(|a| a.get_ref().as_str()) {
            None | Some("below") => CaptionPosition::Below,
            Some("left") => CaptionPosition::Left,
            Some("right") => CaptionPosition::Right,
            Some(other) => {
                let span = p.caption_position.as_ref().map_or(0..0, |a| a.span());
                self.error::<()>(
                    span,
                    format!("unknown caption position `{other}`"),
                    "below, left or right",
                );
                CaptionPosition::Below
            }
        };
        let photo_span = *p.place.span.get_ref();
        let span = match &p.caption_span {
            Some(s) if *s.get_ref() >= 1 && *s.get_ref() < photo_span => *s.get_ref() as usize,
            Some(s) => {
                self.error::<()>(
                    s.span(),
                    format!(
                        "a caption {} columns wide beside a photo place of {photo_span}",
                        s.get_ref()
                    ),
                    "the caption beside the picture leaves the picture at least one column",
                );
                1
            }
            None => 1,
        };
        if position != CaptionPosition::Below && photo_span < 2 {
            let span = p.caption_position.as_ref().map_or(0..0, |a| a.span());
            self.error::<()>(
                span,
                "a caption beside the picture in a one-column place",
                "give the photo's place two columns or more, or put the caption below",
            );
        }
        (align, position, span)
    }
}
