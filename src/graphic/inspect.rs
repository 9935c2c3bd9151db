//! Preflight of a placed PDF page: one walk over its content streams (and the forms
//! they draw, with their transforms) that records what a press checks.
//!
//! In: the parsed PDF and the page. Out: an [`Inspection`]: every font the page uses
//! and whether it is embedded, every colour space (device, ICC, spot inks by name,
//! Lab), every image with its pixel size and the size it is drawn at on the page, the
//! file's output intent, and findings (missing resources, device RGB, Lab, fonts not
//! embedded). Bounded: the walk stops with an error after
//! [`GraphicLimits::operators`] operators or [`GraphicLimits::form_depth`] nested
//! forms, and a form that draws itself is an error, not a loop.

use super::{Finding, GraphicLimits};
use crate::diag::Code;
use hayro_write::hayro_syntax::content::ops::TypedInstruction as Op;
use hayro_write::hayro_syntax::content::TypedIter;
use hayro_write::hayro_syntax::object::{
    Array, Dict, MaybeRef, Name, Object, ObjectIdentifier, Stream,
};
use hayro_write::hayro_syntax::page::{Page, Resources};
use hayro_write::hayro_syntax::Pdf;
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet};

/// What preflight found on a placed page.
#[derive(Clone, Debug, Default, Serialize)]
pub struct Inspection {
    /// Fonts the content uses, by name.
    pub fonts: Vec<FontUse>,
    /// Colour spaces the content paints with ("DeviceCMYK", "ICCBased CMYK",
    /// "Separation", "DeviceRGB", "Lab", …).
    pub color_spaces: BTreeSet<String>,
    /// Spot inks (Separation and DeviceN colourants) by name.
    pub spots: BTreeSet<String>,
    /// Images as drawn on the page.
    pub images: Vec<ImageUse>,
    /// The file's own PDF/X output intent, if it has one.
    pub output_intent: Option<FileIntent>,
    /// Whether the page uses transparency (a page group, soft masks or blending).
    pub transparency: bool,
    /// Whether the page uses optional content (layers).
    pub optional_content: bool,
    /// Images and forms on a layer through their own `/OC`: the copy cannot keep
    /// that (docs/decisions.md §15), so they print whatever their layer's state.
    pub layered_xobjects: usize,
    /// Layers the file's default configuration sets for printing (an `/AS` print
    /// event and the group's `/Usage /Print`) otherwise than it shows them: the
    /// output prints them as they show.
    pub print_differs: Vec<String>,
    /// Annotations and form fields on the page: never carried over.
    pub annotations: usize,
    /// Problems found, each with its code (error or warning).
    pub findings: Vec<Finding>,
    /// Content-stream operators read.
    pub operators: u64,
    /// Highest total ink (C+M+Y+K, in %) of any pixel of the page's 8-bit CMYK
    /// images, when measured (`[output] check_ink`).
    pub max_ink: Option<f64>,
}

/// A font used on the page.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct FontUse {
    /// Its `/BaseFont` (the subset prefix kept).
    pub name: String,
    /// Type0, Type1, TrueType, Type3, …
    pub kind: String,
    /// Whether its program is in the file (Type3 glyphs always are).
    pub embedded: bool,
}

/// An image as it is drawn on the placed page.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ImageUse {
    /// Pixels across and down.
    pub width: u32,
    /// Pixels down.
    pub height: u32,
    /// Its colour space, as in [`Inspection::color_spaces`].
    pub color_space: String,
    /// Width and height it is drawn at on the placed page, in points (before the
    /// page itself is scaled onto ours).
    pub drawn: (f64, f64),
}

impl ImageUse {
    /// Effective resolution in pixels per inch when the placed page is scaled by
    /// `scale`: the lower of the two directions.
    pub fn ppi(&self, scale: f64) -> f64 {
        let w = self.drawn.0 * scale / 72.0;
        let h = self.drawn.1 * scale / 72.0;
        let px = if w > 0.0 {
            f64::from(self.width) / w
        } else {
            f64::INFINITY
        };
        let py = if h > 0.0 {
            f64::from(self.height) / h
        } else {
            f64::INFINITY
        };
        px.min(py)
    }
}

/// A placed file's PDF/X output intent.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct FileIntent {
    /// Its `OutputConditionIdentifier` (e.g. "FOGRA39", "CGATS TR 002").
    pub condition: String,
    /// Its ICC profile's bytes (decoded), when it carries one.
    #[serde(skip)]
    pub profile: Option<Vec<u8>>,
}

/// Inspects page `page` of `pdf`. `check_ink` also decodes the CMYK images to find
/// their highest total ink (slow for large photos: opt-in).
pub fn inspect(pdf: &Pdf, page: &Page<'_>, limits: &GraphicLimits) -> Result<Inspection, Finding> {
    let mut w = Walker {
        limits,
        out: Inspection::default(),
        fonts: BTreeMap::new(),
        missing: BTreeSet::new(),
        forms: Vec::new(),
    };
    let content = page.page_stream().unwrap_or_default();
    w.walk(content, page.resources(), IDENTITY)?;
    let raw = page.raw();
    w.out.transparency |= raw.contains_key(b"Group");
    w.out.annotations = raw
        .get::<Array<'_>>(b"Annots")
        .map_or(0, |a| a.raw_iter().count());
    w.out.output_intent = output_intent(pdf);
    w.out.print_differs = print_differs(pdf);
    let Walker {
        mut out,
        fonts,
        missing,
        ..
    } = w;
    out.fonts = fonts.into_values().collect();
    findings(&mut out, &missing);
    Ok(out)
}

/// Measures the highest total ink of the page's 8-bit CMYK images into
/// [`Inspection::max_ink`]. Separate from [`inspect`] because it decodes every image.
pub fn measure_ink(page: &Page<'_>, inspection: &mut Inspection) {
    let mut seen = BTreeMap::new();
    collect_images(page.resources(), &mut seen, 0);
    inspection.max_ink = seen
        .values()
        .filter_map(image_ink)
        .fold(None, |m: Option<f64>, v| Some(m.map_or(v, |m| m.max(v))));
}

/// The CMYK image streams reachable from a page's resources (forms included).
fn collect_images<'a>(
    res: &Resources<'a>,
    out: &mut BTreeMap<ObjectIdentifier, Stream<'a>>,
    depth: usize,
) {
    if depth > 8 {
        return;
    }
    for (name, _) in res.x_objects.entries() {
        let Some(s) = res.get_x_object(&name) else {
            continue;
        };
        match s.dict().get::<Name<'_>>(b"Subtype").as_deref() {
            Some(b"Image") => {
                out.entry(s.obj_id()).or_insert(s);
            }
            Some(b"Form") => {
                if let Some(d) = s.dict().get::<Dict<'_>>(b"Resources") {
                    collect_images(&Resources::new(d), out, depth + 1);
                }
            }
            _ => {}
        }
    }
}

/// The highest C+M+Y+K of an 8-bit four-component image, in %.
fn image_ink(s: &Stream<'_>) -> Option<f64> {
    let d = s.dict();
    if d.get::<i32>(b"BitsPerComponent") != Some(8) {
        return None;
    }
    let cs = d.get::<Object<'_>>(b"ColorSpace")?;
    if components(&cs) != Some(4) {
        return None;
    }
    let (width, height) = (d.get::<u32>(b"Width")?, d.get::<u32>(b"Height")?);
    // Not measured past the pixel limit (decoding it would take 4 bytes a pixel).
    if u64::from(width) * u64::from(height) > GraphicLimits::DEFAULT.image_pixels {
        return None;
    }
    let params = hayro_write::hayro_syntax::object::stream::ImageDecodeParams {
        bpc: Some(8),
        num_components: Some(4),
        width,
        height,
        ..Default::default()
    };
    let data = s.decoded_image(&params).ok()?.data;
    let inverted = d
        .get::<Array<'_>>(b"Decode")
        .and_then(|a| a.iter::<f32>().next())
        .is_some_and(|v| v > 0.5);
    let max = data
        .chunks_exact(4)
        .map(|p| p.iter().map(|&v| u32::from(v)).sum::<u32>())
        .max()?;
    let max = if inverted {
        4 * 255 - max.min(1020)
    } else {
        max
    };
    Some(f64::from(max) / 255.0 * 100.0)
}

fn components(cs: &Object<'_>) -> Option<u8> {
    match cs {
        Object::Name(n) => match n.as_ref() {
            b"DeviceCMYK" | b"CMYK" => Some(4),
            b"DeviceRGB" | b"RGB" => Some(3),
            b"DeviceGray" | b"G" => Some(1),
            _ => None,
        },
        Object::Array(a) => {
            let mut it = a.iter::<Object<'_>>();
            let family = it.next()?.into_name()?;
            match family.as_ref() {
                b"ICCBased" => it.next()?.into_stream()?.dict().get::<u8>(b"N"),
                _ => None,
            }
        }
        _ => None,
    }
}

/// Turns what the walk saw into findings.
fn findings(out: &mut Inspection, missing: &BTreeSet<String>) {
    let not_embedded: Vec<&str> = out
        .fonts
        .iter()
        .filter(|f| !f.embedded)
        .map(|f| f.name.as_str())
        .collect();
    if !not_embedded.is_empty() {
        out.findings.push(Finding::new(
            Code::GraphicFontNotEmbedded,
            format!("uses fonts that are not embedded: {}", not_embedded.join(", ")),
            "the press would substitute them: ask for the file with all fonts embedded (PDF/X requires it)",
        ));
    }
    let device: Vec<&str> = ["DeviceRGB", "Lab", "CalRGB"]
        .into_iter()
        .filter(|c| out.color_spaces.contains(*c))
        .collect();
    if !device.is_empty() {
        out.findings.push(Finding::new(
            Code::GraphicColor,
            format!(
                "paints in {} (not CMYK, a spot ink or ICC-tagged colour)",
                device.join(" and ")
            ),
            "the press prints CMYK: ask for the ad converted to the newspaper's press profile",
        ));
    }
    if out.layered_xobjects > 0 {
        out.findings.push(Finding::new(
            Code::GraphicLayers,
            match out.layered_xobjects {
                1 => "puts an image or form on a layer through its own /OC, which is not carried over: it prints even where its layer is hidden".to_string(),
                n => format!("puts {n} images or forms on layers through their own /OC, which is not carried over: they print even where their layer is hidden"),
            },
            "ask for the ad with its layers flattened (PDF/X-4 export: \"flatten layers\"), or check the proof",
        ));
    }
    if !out.print_differs.is_empty() {
        out.findings.push(Finding::new(
            Code::GraphicLayers,
            format!(
                "sets layers to print otherwise than they show (/AS print event): {}; the page prints them as they show",
                out.print_differs.join(", ")
            ),
            "ask for the ad with its layers flattened for print, or check the proof",
        ));
    }
    if !missing.is_empty() {
        let list: Vec<&str> = missing.iter().map(String::as_str).collect();
        out.findings.push(Finding::new(
            Code::GraphicMissingResource,
            format!(
                "refers to resources the file does not have: {} (they will not print)",
                list.join(", ")
            ),
            "the file is damaged: ask for it again",
        ));
    }
}

/// The groups the file's default configuration hides: those in `/OFF`, or with
/// `/BaseState /OFF` all but those in `/ON` (and in `/OCGs`). `/Unchanged` counts as
/// on, as it does when a file is opened.
pub(crate) fn hidden_by_default(properties: Option<&Dict<'_>>) -> BTreeSet<(u32, i32)> {
    let Some(p) = properties else {
        return BTreeSet::new();
    };
    let Some(d) = p.get::<Dict<'_>>(b"D") else {
        return BTreeSet::new();
    };
    let refs = |a: Option<Array<'_>>| -> BTreeSet<(u32, i32)> {
        a.map(|a| {
            a.raw_iter()
                .filter_map(|o| match o {
                    MaybeRef::Ref(r) => Some((r.obj_number, r.gen_number)),
                    MaybeRef::NotRef(_) => None,
                })
                .collect()
        })
        .unwrap_or_default()
    };
    let base_off = d
        .get::<Name<'_>>(b"BaseState")
        .is_some_and(|n| n.as_ref() == b"OFF");
    if base_off {
        let on = refs(d.get::<Array<'_>>(b"ON"));
        refs(p.get::<Array<'_>>(b"OCGs"))
            .into_iter()
            .filter(|g| !on.contains(g))
            .collect()
    } else {
        refs(d.get::<Array<'_>>(b"OFF"))
    }
}

/// The names of the layers whose print state (set by an `/AS` print event of the
/// default configuration from the group's `/Usage /Print /PrintState`) differs from
/// the state the default configuration shows them in.
fn print_differs(pdf: &Pdf) -> Vec<String> {
    let Some(props) = pdf
        .xref()
        .get::<Dict<'_>>(pdf.xref().root_id())
        .and_then(|c| c.get::<Dict<'_>>(b"OCProperties"))
    else {
        return Vec::new();
    };
    let Some(auto) = props
        .get::<Dict<'_>>(b"D")
        .and_then(|d| d.get::<Array<'_>>(b"AS"))
    else {
        return Vec::new();
    };
    let hidden = hidden_by_default(Some(&props));
    let mut names = BTreeSet::new();
    for usage in auto.iter::<Dict<'_>>() {
        let print = |k: &[u8]| {
            usage
                .get::<Name<'_>>(k)
                .is_some_and(|n| n.as_ref() == b"Print")
        };
        let category = usage
            .get::<Array<'_>>(b"Category")
            .is_some_and(|a| a.iter::<Name<'_>>().any(|n| n.as_ref() == b"Print"));
        if !print(b"Event") || !category {
            continue;
        }
        let Some(groups) = usage.get::<Array<'_>>(b"OCGs") else {
            continue;
        };
        for g in groups.raw_iter() {
            let MaybeRef::Ref(r) = g else { continue };
            let id = ObjectIdentifier::new(r.obj_number, r.gen_number);
            let Some(group) = pdf.xref().get::<Dict<'_>>(id) else {
                continue;
            };
            let state = group
                .get::<Dict<'_>>(b"Usage")
                .and_then(|u| u.get::<Dict<'_>>(b"Print"))
                .and_then(|p| p.get::<Name<'_>>(b"PrintState"));
            let Some(state) = state else { continue };
            let prints = state.as_ref() == b"ON";
            let shows = !hidden.contains(&(r.obj_number, r.gen_number));
            if prints != shows {
                let name = group
                    .get::<hayro_write::hayro_syntax::object::String<'_>>(b"Name")
                    .map_or_else(
                        || "(unnamed)".to_string(),
                        |s| String::from_utf8_lossy(s.as_bytes()).into_owned(),
                    );
                names.insert(name);
            }
        }
    }
    names.into_iter().collect()
}

/// The file's first PDF/X output intent.
fn output_intent(pdf: &Pdf) -> Option<FileIntent> {
    let catalog = pdf.xref().get::<Dict<'_>>(pdf.xref().root_id())?;
    let intents = catalog.get::<Array<'_>>(b"OutputIntents")?;
    let intent = intents.iter::<Dict<'_>>().find(|d| {
        d.get::<Name<'_>>(b"S")
            .is_some_and(|s| s.as_ref() == b"GTS_PDFX")
    })?;
    let text = |k: &[u8]| {
        intent
            .get::<hayro_write::hayro_syntax::object::String<'_>>(k)
            .map(|s| String::from_utf8_lossy(s.as_bytes()).into_owned())
    };
    let condition = text(b"OutputConditionIdentifier")
        .or_else(|| text(b"Info"))
        .unwrap_or_else(|| "(unnamed)".into());
    let profile = intent
        .get::<Stream<'_>>(b"DestOutputProfile")
        .and_then(|s| s.decoded().ok())
        .map(|d| d.into_owned());
    Some(FileIntent { condition, profile })
}

/// An affine transform `[a b c d e f]` (PDF's order).
type Matrix = [f64; 6];
const IDENTITY: Matrix = [1.0, 0.0, 0.0, 1.0, 0.0, 0.0];

/// `m` then `n`: PDF's `m × n` (a point is transformed by `m` first).
fn concat(m: &Matrix, n: &Matrix) -> Matrix {
    [
        m[0] * n[0] + m[1] * n[2],
        m[0] * n[1] + m[1] * n[3],
        m[2] * n[0] + m[3] * n[2],
        m[2] * n[1] + m[3] * n[3],
        m[4] * n[0] + m[5] * n[2] + n[4],
        m[4] * n[1] + m[5] * n[3] + n[5],
    ]
}

struct Walker<'l> {
    limits: &'l GraphicLimits,
    out: Inspection,
    fonts: BTreeMap<String, FontUse>,
    missing: BTreeSet<String>,
    /// The forms being walked, outermost first: a form met again inside itself
    /// would never end.
    forms: Vec<ObjectIdentifier>,
}

impl Walker<'_> {
    fn walk(&mut self, content: &[u8], res: &Resources<'_>, base: Matrix) -> Result<(), Finding> {
        let mut ctm = base;
        let mut stack: Vec<Matrix> = Vec::new();
        let mut ops = TypedIter::new(content);
        while let Some(op) = ops.next() {
            self.out.operators += 1;
            if self.out.operators > self.limits.operators {
                return Err(Finding::new(
                    Code::GraphicLimit,
                    format!(
                        "has more than {} drawing operators on the page (counting forms each time they are drawn)",
                        self.limits.operators
                    ),
                    "a real ad has far fewer: the file is damaged or built to stall a reader",
                ));
            }
            match op {
                Op::SaveState(_) => stack.push(ctm),
                Op::RestoreState(_) => ctm = stack.pop().unwrap_or(base),
                Op::Transform(t) => {
                    let m = [t.0, t.1, t.2, t.3, t.4, t.5].map(|n| n.as_f64());
                    if m.iter().all(|v| v.is_finite()) {
                        ctm = concat(&m, &ctm);
                    }
                }
                Op::StrokeColorDeviceRgb(_) | Op::NonStrokeColorDeviceRgb(_) => {
                    self.space("DeviceRGB")
                }
                Op::StrokeColorCmyk(_) | Op::NonStrokeColorCmyk(_) => self.space("DeviceCMYK"),
                Op::StrokeColorDeviceGray(_) | Op::NonStrokeColorDeviceGray(_) => {
                    self.space("DeviceGray")
                }
                Op::ColorSpaceStroke(c) => self.color_space_op(c.0, res),
                Op::ColorSpaceNonStroke(c) => self.color_space_op(c.0, res),
                Op::Shading(s) => match res.get_shading(s.0) {
                    Some(sh) => self.shading(&sh, res),
                    None => self.missing("shading", s.0),
                },
                Op::SetGraphicsState(g) => match res.get_ext_g_state(g.0) {
                    Some(d) => self.gstate(&d),
                    None => self.missing("graphics state", g.0),
                },
                Op::TextFont(f) => match res.get_font(f.0) {
                    Some(d) => self.font(&d),
                    None => self.missing("font", f.0),
                },
                Op::XObject(x) => match res.get_x_object(x.0) {
                    Some(s) => self.xobject(&s, res, &ctm)?,
                    None if self.draws_itself(res, x.0) => return Err(self_drawing()),
                    None => self.missing("image or form", x.0),
                },
                Op::InlineImage(i) => self.inline_image(i.0, res, &ctm),
                Op::BeginMarkedContentWithProperties(m) if m.0.as_ref() == b"OC" => {
                    self.out.optional_content = true;
                }
                _ => {}
            }
        }
        Ok(())
    }

    /// Whether a name the resources cannot give refers to a form being drawn (hayro
    /// refuses to resolve an object from inside itself).
    fn draws_itself(&self, res: &Resources<'_>, name: &Name<'_>) -> bool {
        res.x_objects.get_ref(name).is_some_and(|r| {
            self.forms
                .contains(&ObjectIdentifier::new(r.obj_number, r.gen_number))
        })
    }

    fn space(&mut self, name: &str) {
        if !self.out.color_spaces.contains(name) {
            self.out.color_spaces.insert(name.to_string());
        }
    }

    fn missing(&mut self, what: &str, name: &Name<'_>) {
        self.missing.insert(format!("{what} /{}", name.as_str()));
    }

    fn color_space_op(&mut self, name: &Name<'_>, res: &Resources<'_>) {
        match name.as_ref() {
            b"DeviceRGB" | b"DeviceCMYK" | b"DeviceGray" | b"Pattern" => {
                let n = name.as_str().to_string();
                self.space(&n);
            }
            _ => match res.get_color_space(name) {
                Some(cs) => self.color_space(&cs, 0),
                None => self.missing("colour space", name),
            },
        }
    }

    /// Records a colour space object (and its base or alternate spaces' families).
    fn color_space(&mut self, cs: &Object<'_>, depth: usize) {
        if depth > 4 {
            return;
        }
        match cs {
            Object::Name(n) => {
                let s = match n.as_ref() {
                    b"RGB" => "DeviceRGB".to_string(),
                    b"CMYK" => "DeviceCMYK".to_string(),
                    b"G" => "DeviceGray".to_string(),
                    other => String::from_utf8_lossy(other).into_owned(),
                };
                self.space(&s);
            }
            Object::Array(a) => self.color_space_array(a, depth),
            _ => {}
        }
    }

    fn color_space_array(&mut self, a: &Array<'_>, depth: usize) {
        let mut it = a.iter::<Object<'_>>();
        let Some(family) = it.next().and_then(|f| f.into_name()) else {
            return;
        };
        match family.as_ref() {
            b"ICCBased" => {
                let n = it
                    .next()
                    .and_then(|s| s.into_stream())
                    .and_then(|s| s.dict().get::<u8>(b"N"));
                let kind = match n {
                    Some(1) => "ICCBased Gray",
                    Some(3) => "ICCBased RGB",
                    Some(4) => "ICCBased CMYK",
                    _ => "ICCBased",
                };
                self.space(kind);
            }
            b"Separation" => {
                self.space("Separation");
                if let Some(n) = it.next().and_then(|n| n.into_name()) {
                    self.spot(n.as_str());
                }
            }
            b"DeviceN" | b"NChannel" => {
                self.space("DeviceN");
                if let Some(names) = it.next().and_then(|n| n.into_array()) {
                    for n in names.iter::<Name<'_>>() {
                        self.spot(n.as_str());
                    }
                }
            }
            b"Indexed" | b"I" => {
                self.space("Indexed");
                if let Some(base) = it.next() {
                    self.color_space(&base, depth + 1);
                }
            }
            b"Pattern" => {
                self.space("Pattern");
                if let Some(base) = it.next() {
                    self.color_space(&base, depth + 1);
                }
            }
            other => self.space(&String::from_utf8_lossy(other)),
        }
    }

    fn spot(&mut self, name: &str) {
        // Process colourants named in a DeviceN are not spot inks.
        if !matches!(
            name,
            "Cyan" | "Magenta" | "Yellow" | "Black" | "None" | "All"
        ) {
            self.out.spots.insert(name.to_string());
        }
    }

    fn shading(&mut self, sh: &Object<'_>, _res: &Resources<'_>) {
        let dict = match sh {
            Object::Dict(d) => Some(d.clone()),
            Object::Stream(s) => Some(s.dict().clone()),
            _ => None,
        };
        if let Some(cs) = dict.and_then(|d| d.get::<Object<'_>>(b"ColorSpace")) {
            self.color_space(&cs, 0);
        }
    }

    fn gstate(&mut self, d: &Dict<'_>) {
        let soft_mask = d
            .get::<Object<'_>>(b"SMask")
            .is_some_and(|m| !matches!(m, Object::Name(ref n) if n.as_ref() == b"None"));
        let blend = d
            .get::<Name<'_>>(b"BM")
            .is_some_and(|b| !matches!(b.as_ref(), b"Normal" | b"Compatible"));
        let alpha = [b"CA".as_slice(), b"ca"]
            .iter()
            .any(|k| d.get::<f64>(*k).is_some_and(|a| a < 1.0));
        self.out.transparency |= soft_mask || blend || alpha;
    }

    fn font(&mut self, d: &Dict<'_>) {
        let name = d
            .get::<Name<'_>>(b"BaseFont")
            .map(|n| n.as_str().to_string())
            .unwrap_or_else(|| "(unnamed)".into());
        if self.fonts.contains_key(&name) {
            return;
        }
        let kind = d
            .get::<Name<'_>>(b"Subtype")
            .map(|n| n.as_str().to_string())
            .unwrap_or_default();
        let embedded = match kind.as_str() {
            "Type3" => true,
            "Type0" => d
                .get::<Array<'_>>(b"DescendantFonts")
                .and_then(|a| a.iter::<Dict<'_>>().next())
                .is_some_and(|cid| has_program(&cid)),
            _ => has_program(d),
        };
        self.fonts.insert(
            name.clone(),
            FontUse {
                name,
                kind,
                embedded,
            },
        );
    }

    fn xobject(
        &mut self,
        s: &Stream<'_>,
        res: &Resources<'_>,
        ctm: &Matrix,
    ) -> Result<(), Finding> {
        let d = s.dict();
        if d.contains_key(b"OC") {
            self.out.optional_content = true;
            self.out.layered_xobjects += 1;
        }
        match d.get::<Name<'_>>(b"Subtype").as_deref() {
            Some(b"Image") => {
                let cs = if d.get::<bool>(b"ImageMask") == Some(true) {
                    None
                } else {
                    d.get::<Object<'_>>(b"ColorSpace")
                };
                let space = cs.as_ref().map(|cs| {
                    self.color_space(cs, 0);
                    space_name(cs)
                });
                if d.contains_key(b"SMask") {
                    self.out.transparency = true;
                }
                self.image(d, space, ctm);
                Ok(())
            }
            Some(b"Form") => self.form(s, res, ctm),
            _ => Ok(()),
        }
    }

    fn image(&mut self, d: &Dict<'_>, space: Option<String>, ctm: &Matrix) {
        let (Some(width), Some(height)) = (d.get::<u32>(b"Width"), d.get::<u32>(b"Height")) else {
            return;
        };
        // The unit square the image fills, as drawn: the lengths of its two sides.
        let drawn = (ctm[0].hypot(ctm[1]), ctm[2].hypot(ctm[3]));
        self.out.images.push(ImageUse {
            width,
            height,
            color_space: space.unwrap_or_else(|| "mask".into()),
            drawn,
        });
    }

    fn inline_image(&mut self, s: &Stream<'_>, res: &Resources<'_>, ctm: &Matrix) {
        let d = s.dict();
        let cs = d
            .get::<Object<'_>>(b"CS")
            .or_else(|| d.get::<Object<'_>>(b"ColorSpace"));
        let space = cs.map(|cs| match &cs {
            Object::Name(n)
                if !matches!(
                    n.as_ref(),
                    b"DeviceRGB"
                        | b"RGB"
                        | b"DeviceCMYK"
                        | b"CMYK"
                        | b"DeviceGray"
                        | b"G"
                        | b"I"
                        | b"Indexed"
                ) =>
            {
                match res.get_color_space(n) {
                    Some(real) => {
                        self.color_space(&real, 0);
                        space_name(&real)
                    }
                    None => {
                        self.missing("colour space", n);
                        "missing".into()
                    }
                }
            }
            other => {
                self.color_space(other, 0);
                space_name(other)
            }
        });
        let w = d.get::<u32>(b"W").or_else(|| d.get::<u32>(b"Width"));
        let h = d.get::<u32>(b"H").or_else(|| d.get::<u32>(b"Height"));
        if let (Some(width), Some(height)) = (w, h) {
            self.out.images.push(ImageUse {
                width,
                height,
                color_space: space.unwrap_or_else(|| "mask".into()),
                drawn: (ctm[0].hypot(ctm[1]), ctm[2].hypot(ctm[3])),
            });
        }
    }

    fn form(&mut self, s: &Stream<'_>, res: &Resources<'_>, ctm: &Matrix) -> Result<(), Finding> {
        let id = s.obj_id();
        if self.forms.contains(&id) {
            return Err(self_drawing());
        }
        if self.forms.len() >= self.limits.form_depth {
            return Err(Finding::new(
                Code::GraphicLimit,
                format!(
                    "nests drawings (form XObjects) more than {} deep",
                    self.limits.form_depth
                ),
                "the file is damaged or built to stall a reader: ask for it again",
            ));
        }
        let d = s.dict();
        if d.contains_key(b"Group") {
            self.out.transparency = true;
        }
        let matrix = d
            .get::<Array<'_>>(b"Matrix")
            .map(|a| a.iter::<f64>().collect::<Vec<_>>())
            .filter(|m| m.len() == 6 && m.iter().all(|v| v.is_finite()))
            .map_or(IDENTITY, |m| [m[0], m[1], m[2], m[3], m[4], m[5]]);
        let own = d.get::<Dict<'_>>(b"Resources").map(Resources::new);
        let content = s.decoded().unwrap_or_default();
        self.forms.push(id);
        let result = self.walk(&content, own.as_ref().unwrap_or(res), concat(&matrix, ctm));
        self.forms.pop();
        result
    }
}

fn self_drawing() -> Finding {
    Finding::new(
        Code::GraphicLimit,
        "has a drawing (form XObject) that draws itself, without end",
        "the file is damaged or built to stall a reader: ask for it again",
    )
}

/// A font dictionary's descriptor names a font program.
fn has_program(d: &Dict<'_>) -> bool {
    d.get::<Dict<'_>>(b"FontDescriptor").is_some_and(|fd| {
        [b"FontFile".as_slice(), b"FontFile2", b"FontFile3"]
            .iter()
            .any(|k| fd.contains_key(*k))
    })
}

/// A colour space in words, for the inspection's lists.
fn space_name(cs: &Object<'_>) -> String {
    match cs {
        Object::Name(n) => match n.as_ref() {
            b"RGB" => "DeviceRGB".into(),
            b"CMYK" => "DeviceCMYK".into(),
            b"G" => "DeviceGray".into(),
            other => String::from_utf8_lossy(other).into_owned(),
        },
        Object::Array(a) => {
            let mut it = a.iter::<Object<'_>>();
            let family = it
                .next()
                .and_then(|f| f.into_name())
                .map(|n| n.as_str().to_string())
                .unwrap_or_default();
            if family == "ICCBased" {
                match it
                    .next()
                    .and_then(|s| s.into_stream())
                    .and_then(|s| s.dict().get::<u8>(b"N"))
                {
                    Some(4) => "ICCBased CMYK".into(),
                    Some(3) => "ICCBased RGB".into(),
                    Some(1) => "ICCBased Gray".into(),
                    _ => family,
                }
            } else {
                family
            }
        }
        _ => "unknown".into(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn transforms_compose_in_pdf_order() {
        let scale = [2.0, 0.0, 0.0, 2.0, 0.0, 0.0];
        let shift = [1.0, 0.0, 0.0, 1.0, 10.0, 0.0];
        // Scale then shift: the origin lands at x = 10.
        assert_eq!(concat(&scale, &shift)[4], 10.0);
        // Shift then scale: at x = 20.
        assert_eq!(concat(&shift, &scale)[4], 20.0);
    }

    #[test]
    fn ppi_is_the_lower_direction() {
        let img = ImageUse {
            width: 300,
            height: 100,
            color_space: "DeviceCMYK".into(),
            drawn: (72.0, 72.0),
        };
        assert_eq!(img.ppi(1.0), 100.0);
        assert_eq!(img.ppi(0.5), 200.0);
    }
}
