//! The masthead (报头): the nameplate's place, its logo or the name in a face, the small
//! print (date with 星期 and 农历, issue numbers, CN serial, 邮发代号, price, website),
//! the 报头线 and the ear (报眼) beside it.

use super::rules::{RuleLook, RuleStyle};
use super::*;
use crate::date::CivilDate;

/// The default 报头线: a 文武线 with a 2 pt thick stroke.
const DEFAULT_RULE: RuleLook = RuleLook {
    weight: Pt(2.0),
    style: RuleStyle::ThickThin,
    color: Color::BLACK,
};

/// The masthead, resolved.
#[derive(Clone, Debug)]
pub struct Masthead {
    /// The whole masthead, ear included; its last line holds the 报头线.
    pub place: Place,
    /// The columns of the nameplate (name and small print).
    pub nameplate: Place,
    /// The ear's place, when the masthead keeps one.
    pub ear: Option<Place>,
    /// The paper's name (`name`), set on one line, centred, when there is no `logo`.
    pub name: String,
    /// The nameplate artwork, when given instead of the name set in a face.
    pub logo: Option<Logo>,
    /// The name's face (`font`; default 楷体, `kai`).
    pub font: FontId,
    /// The name's size (`size`, 8–400 pt). `None`: as large as the name's area allows
    /// (its width, and 80 % of its height); a size that does not fit is reduced to
    /// what does, with a `layout.masthead` warning.
    pub size: Option<Pt>,
    /// Colour of the name and the tagline (`color`; default 0 100 100 10, a red).
    pub color: Color,
    /// `tagline`: one line of 黑体 at body size, centred under the name (or logo) in
    /// the line above the 报头线.
    pub tagline: Option<String>,
    /// Columns of the small print at the nameplate's right.
    pub info_span: usize,
    /// The small print, one line each, in order.
    pub info: Vec<String>,
    /// The 报头线 across the whole masthead, ear included (`rule`; default a 2 pt
    /// 文武线 in black).
    pub rule: RuleLook,
    /// The spec's `name` key: where the masthead's warnings point.
    pub loc: Option<SourceLoc>,
}

/// The nameplate artwork.
#[derive(Clone, Debug)]
pub enum Logo {
    /// A PNG or JPEG.
    Image(PathBuf, Arc<crate::display::ImageData>),
    /// A placed PDF page or SVG drawing, kept as vector art (§17).
    Graphic(Arc<crate::graphic::Graphic>),
}

impl Cx<'_> {
    pub(super) fn masthead(&mut self, grid: &Grid, output: &Output) -> Option<Masthead> {
        let m = self.file.spec.masthead.as_ref()?;
        let place = self.place(&m.place, grid, "the masthead")?;
        // The name takes a line at least, the tagline one more, the 报头线 the last.
        let needed = 2 + usize::from(m.tagline.is_some());
        if place.height < needed {
            let at = m
                .place
                .height
                .as_ref()
                .map_or(m.place.top.span(), |h| h.span());
            return self.error(
                at,
                format!(
                    "a masthead of {} grid line(s) has no room for its name{} and its 报头线",
                    place.height,
                    if m.tagline.is_some() { ", its tagline" } else { "" }
                ),
                &format!("give the masthead a height of {needed} grid lines at least (a real one takes 10 to 16)"),
            );
        }
        let (nameplate, ear) = self.ear(m, place)?;
        let info_span = match &m.info_span {
            Some(s) if (0..nameplate.span as i64).contains(s.get_ref()) => *s.get_ref() as usize,
            Some(s) => {
                return self.error(
                    s.span(),
                    format!(
                        "small print {} columns wide in a nameplate of {}",
                        s.get_ref(),
                        nameplate.span
                    ),
                    &format!(
                        "0 to {} columns: the name needs at least one",
                        nameplate.span - 1
                    ),
                )
            }
            None => 2.min(nameplate.span - 1),
        };
        let font = match &m.font {
            Some(f) => self.font(f)?,
            None => Builtin::Kai.id(),
        };
        let size = match &m.size {
            Some(s) => match parse_length(s.get_ref(), LengthKind::TypeSize) {
                Ok(p) if (8.0..=400.0).contains(&p.0) => Some(p),
                Ok(p) => {
                    return self.error(
                        s.span(),
                        format!("a name size of {p}"),
                        "8pt to 400pt, or leave it out to fill the area",
                    )
                }
                Err(e) => {
                    return self.refuse(s.span(), e.diagnostic().hint("e.g. size = \"96pt\""))
                }
            },
            None => None,
        };
        let color = match &m.color {
            Some(c) => self.color(c)?,
            None => Color::Process(Cmyk::new(0.0, 1.0, 1.0, 0.1)),
        };
        let rule = match &m.rule {
            Some(r) => self.rule_look(&r.weight, &r.style, &r.color, DEFAULT_RULE)?,
            None => DEFAULT_RULE,
        };
        let logo = match &m.logo {
            Some(l) => Some(self.logo(l, output)?),
            None => None,
        };
        let info = self.small_print(m)?;
        Some(Masthead {
            place,
            nameplate,
            ear,
            name: m.name.get_ref().clone(),
            logo,
            font,
            size,
            color,
            tagline: m.tagline.as_ref().map(|t| t.get_ref().clone()),
            info_span,
            info,
            rule,
            loc: self.loc(m.name.span()),
        })
    }

    /// The nameplate's columns and the ear's, split from the masthead's place.
    fn ear(&mut self, m: &spec::MastheadSpec, place: Place) -> Option<(Place, Option<Place>)> {
        let Some(e) = &m.ear else {
            return Some((place, None));
        };
        let span = *e.span.get_ref();
        if span < 1 || span as usize + 2 > place.span {
            return self.error(
                e.span.span(),
                format!("an ear of {span} columns in a masthead of {}", place.span),
                "leave the nameplate at least two columns",
            );
        }
        let span = span as usize;
        let left = match e.side.as_ref().map(|s| s.get_ref().as_str()) {
            None | Some("right") => false,
            Some("left") => true,
            Some(other) => {
                let at = e.side.as_ref().map_or(0..0, |s| s.span());
                return self.error(at, format!("unknown side `{other}`"), "right or left");
            }
        };
        // The ear stands above the 报头线, in every line of the masthead but the last.
        let ear = Place {
            column: if left {
                place.column
            } else {
                place.column + place.span - span
            },
            span,
            top: place.top,
            height: place.height - 1,
        };
        let nameplate = Place {
            column: if left {
                place.column + span
            } else {
                place.column
            },
            span: place.span - span,
            ..place
        };
        Some((nameplate, Some(ear)))
    }

    /// The logo: a PDF or SVG (by its extension) is placed as vector art like a
    /// `[[graphic]]` (its trim box, preflighted); anything else must be a PNG or JPEG.
    fn logo(&mut self, l: &S<String>, output: &Output) -> Option<Logo> {
        let path = self.file.dir().join(l.get_ref());
        let vector = path
            .extension()
            .and_then(|e| e.to_str())
            .is_some_and(|e| e.eq_ignore_ascii_case("pdf") || e.eq_ignore_ascii_case("svg"));
        if vector {
            let request = crate::graphic::Request {
                page: 0,
                box_kind: crate::graphic::BoxKind::Trim,
                check_ink: output.check_ink,
            };
            return self
                .open_graphic(l, request, &mut Vec::new())
                .map(Logo::Graphic);
        }
        // Read, bounded and counted like a photo (the page's image budget, the pixel
        // limit, the same bytes embedded once).
        self.photo_file(&path, l.span())
            .map(|i| Logo::Image(path.clone(), i))
    }

    /// The small print's lines: the date with 星期 (and 农历), the issue numbers, the
    /// serial numbers, the pages and price, the website.
    fn small_print(&mut self, m: &spec::MastheadSpec) -> Option<Vec<String>> {
        let mut lines = Vec::new();
        if let Some(d) = &m.date {
            let date = self.civil_date(d)?;
            lines.push(format!("{}年{}月{}日", date.year, date.month, date.day));
            let mut day = date.weekday_name().to_string();
            if m.lunar.unwrap_or(true) {
                match crate::date::lunar(date) {
                    Some(l) => day = format!("{day}　农历{}", l.name()),
                    None => {
                        return self.error(
                            d.span(),
                            format!("no 农历 date is known for {}", date.iso()),
                            &format!(
                                "the lunar calendar covers {}; or set lunar = false",
                                crate::date::LUNAR_RANGE
                            ),
                        )
                    }
                }
            }
            lines.push(day);
        }
        let number = |v: &Option<S<i64>>| v.as_ref().map(|n| *n.get_ref());
        let mut issue = Vec::new();
        for (v, fmt) in [(&m.issue, "第{}期"), (&m.total, "总第{}期")] {
            let Some(v) = v else { continue };
            let n = *v.get_ref();
            if n < 1 {
                return self.error(
                    v.span(),
                    "an issue number below 1",
                    "issue numbers count from 1",
                );
            }
            issue.push(fmt.replace("{}", &n.to_string()));
        }
        if !issue.is_empty() {
            lines.push(issue.join("　"));
        }
        let text = |v: &Option<S<String>>| {
            v.as_ref()
                .map(|t| t.get_ref().trim().to_string())
                .filter(|t| !t.is_empty())
        };
        if let Some(cn) = text(&m.cn) {
            lines.push(format!("国内统一连续出版物号 {cn}"));
        }
        if let Some(p) = text(&m.post_code) {
            lines.push(format!("邮发代号 {p}"));
        }
        let mut sale = Vec::new();
        if let Some(p) = number(&m.pages) {
            if !(1..=999).contains(&p) {
                let at = m.pages.as_ref().map_or(0..0, |v| v.span());
                return self.error(at, format!("an issue of {p} pages"), "1 to 999");
            }
            sale.push(format!("今日{p}版"));
        }
        if let Some(p) = text(&m.price) {
            sale.push(format!("零售价 {p}"));
        }
        if !sale.is_empty() {
            lines.push(sale.join("　"));
        }
        if let Some(w) = text(&m.website) {
            lines.push(w);
        }
        Some(lines)
    }

    fn civil_date(&mut self, d: &S<toml::Value>) -> Option<CivilDate> {
        let parsed = match d.get_ref() {
            toml::Value::Datetime(dt) => dt.date.and_then(|x| {
                CivilDate::new(i64::from(x.year), u32::from(x.month), u32::from(x.day))
            }),
            toml::Value::String(s) => CivilDate::parse(s),
            _ => None,
        };
        match parsed {
            Some(p) => Some(p),
            None => self.error(
                d.span(),
                "not a date",
                "write the issue's date as 2024-11-15",
            ),
        }
    }
}
