//! Placed-graphic fixtures made by the tests themselves with pdf-writer: a display ad
//! with text in an embedded (subset) font, a spot ink and a CMYK image, in every
//! variant a preflight test needs (no trim box, turned, RGB, not embedded, a form that
//! draws itself, …). Nothing here is committed as a binary file.

use pdf_writer::types::{CidFontType, FontFlags, SystemInfo, UnicodeCmap};
use pdf_writer::{Content, Filter, Finish, Name, Pdf, Rect, Ref, Str, TextStr};

/// The face the ads' text is set in (TrueType, so it goes in as CIDFontType2).
const KAI: &[u8] = include_bytes!("../../fonts/BanmianKai-Regular.ttf");

/// What the generated ad looks like.
#[derive(Clone, Debug)]
pub struct Ad {
    /// Trim size in points.
    pub w: f32,
    pub h: f32,
    /// Bleed on every side, in points (media = bleed box = trim + bleed).
    pub bleed: f32,
    pub text: String,
    /// `/Rotate` of the page.
    pub rotate: i32,
    /// A spot ink (Separation) rule.
    pub spot: Option<String>,
    /// A CMYK image with every pixel at this C, M, Y, K (0–255): its pixels across.
    pub image: Option<([u8; 4], u32)>,
    /// Paint the background in DeviceRGB instead of CMYK.
    pub rgb: bool,
    /// A PDF/X output intent with this condition (and no profile).
    pub intent: Option<String>,
    /// Leave out the trim box.
    pub no_trim: bool,
    /// Use Helvetica without embedding it (instead of the embedded face).
    pub unembedded: bool,
    /// Draw a form that draws itself.
    pub recursive_form: bool,
    /// Draw forms nested this deep.
    pub nested_forms: usize,
    /// Refer to a font the resources lack.
    pub missing_font: bool,
    /// Pages in the file (the ad on each).
    pub pages: usize,
    /// Two optional-content layers: the spot rule on a visible one, and a black
    /// block over the ad's left half on one the file's default
    /// configuration turns off.
    pub layer: bool,
    /// Put the image on the hidden layer through its own `/OC` (needs `layer`).
    pub image_layer: bool,
    /// Set the hidden layer to print (`/Usage /Print /PrintState /ON` and an `/AS`
    /// print event in the default configuration; needs `layer`).
    pub prints_hidden: bool,
    /// Fill the image with noise (it does not compress: a file of realistic size).
    pub noise: bool,
}

impl Ad {
    /// A 通栏-like ad of `w` × `h` points with 9 pt bleed, the text 招商银行, a spot rule
    /// and a CMYK image.
    pub fn new(w: f32, h: f32) -> Ad {
        Ad {
            w,
            h,
            bleed: 9.0,
            text: "招商银行储蓄".into(),
            rotate: 0,
            spot: Some("PANTONE 185 C".into()),
            image: Some(([0, 40, 100, 0], 200)),
            rgb: false,
            intent: None,
            no_trim: false,
            unembedded: false,
            recursive_form: false,
            nested_forms: 0,
            missing_font: false,
            pages: 1,
            noise: false,
            layer: false,
            image_layer: false,
            prints_hidden: false,
        }
    }
}

struct Alloc(i32);
impl Alloc {
    fn next(&mut self) -> Ref {
        self.0 += 1;
        Ref::new(self.0)
    }
}

/// The ad as a PDF file.
pub fn ad_pdf(ad: &Ad) -> Vec<u8> {
    let mut pdf = Pdf::new();
    let mut ids = Alloc(0);
    let catalog = ids.next();
    let tree = ids.next();
    let font = ids.next();
    let image = ids.next();
    let ocg = ids.next();
    let hidden = ids.next();
    let (mw, mh) = (ad.w + 2.0 * ad.bleed, ad.h + 2.0 * ad.bleed);
    let mut page_ids = Vec::new();
    let form_ids: Vec<Ref> = (0..ad.nested_forms.max(usize::from(ad.recursive_form)))
        .map(|_| ids.next())
        .collect();
    for _ in 0..ad.pages.max(1) {
        let page_id = ids.next();
        let content_id = ids.next();
        page_ids.push(page_id);
        pdf.stream(content_id, &content(ad, !form_ids.is_empty()));
        let mut page = pdf.page(page_id);
        page.parent(tree)
            .media_box(Rect::new(0.0, 0.0, mw, mh))
            .bleed_box(Rect::new(0.0, 0.0, mw, mh))
            .contents(content_id);
        if !ad.no_trim {
            page.trim_box(Rect::new(
                ad.bleed,
                ad.bleed,
                ad.bleed + ad.w,
                ad.bleed + ad.h,
            ));
        }
        if ad.rotate != 0 {
            page.rotate(ad.rotate);
        }
        let mut res = page.resources();
        res.fonts().pair(Name(b"F1"), font);
        if ad.layer {
            res.insert(Name(b"Properties"))
                .dict()
                .pair(Name(b"MC0"), ocg)
                .pair(Name(b"MC1"), hidden);
        }
        let mut x = res.x_objects();
        x.pair(Name(b"Im1"), image);
        if let Some(&f) = form_ids.first() {
            x.pair(Name(b"Fm0"), f);
        }
        x.finish();
        if let Some(name) = &ad.spot {
            let mut spaces = res.color_spaces();
            let mut sep = spaces
                .insert(Name(b"CS0"))
                .start::<pdf_writer::writers::ColorSpace>()
                .separation(Name(name.as_bytes()));
            sep.alternate_color_space().device_cmyk();
            sep.tint_exponential()
                .domain([0.0, 1.0])
                .c0([0.0, 0.0, 0.0, 0.0])
                .c1([0.0, 0.91, 0.76, 0.0])
                .n(1.0);
        }
        res.finish();
        page.finish();
    }
    write_forms(&mut pdf, ad, &form_ids, font);
    if ad.layer {
        pdf.indirect(ocg)
            .dict()
            .pair(Name(b"Type"), Name(b"OCG"))
            .pair(Name(b"Name"), TextStr("spot rule"));
        let mut group = pdf.indirect(hidden).dict();
        group
            .pair(Name(b"Type"), Name(b"OCG"))
            .pair(Name(b"Name"), TextStr("hidden"));
        if ad.prints_hidden {
            group
                .insert(Name(b"Usage"))
                .dict()
                .insert(Name(b"Print"))
                .dict()
                .pair(Name(b"PrintState"), Name(b"ON"));
        }
        group.finish();
    }
    pdf.pages(tree)
        .kids(page_ids.iter().copied())
        .count(page_ids.len() as i32);
    write_font(&mut pdf, &mut ids, font, ad);
    let (px, c) = ad.image.map_or((8, [0, 0, 0, 255]), |(c, px)| (px, c));
    let mut seed: u32 = 0x2545_f491;
    let samples: Vec<u8> = (0..px * px / 2)
        .flat_map(|_| {
            if ad.noise {
                seed = seed.wrapping_mul(1_664_525).wrapping_add(1_013_904_223);
                seed.to_be_bytes().map(|b| b / 2)
            } else {
                c
            }
        })
        .collect();
    let packed = miniz_oxide::deflate::compress_to_vec_zlib(&samples, 6);
    let mut img = pdf.image_xobject(image, &packed);
    img.filter(Filter::FlateDecode);
    img.width(px as i32)
        .height((px / 2) as i32)
        .color_space_name(Name(b"DeviceCMYK"))
        .bits_per_component(8);
    if ad.image_layer {
        img.pair(Name(b"OC"), hidden);
    }
    img.finish();
    let mut cat = pdf.catalog(catalog);
    cat.pages(tree);
    if ad.layer {
        let mut props = cat.insert(Name(b"OCProperties")).dict();
        props.insert(Name(b"OCGs")).array().items([ocg, hidden]);
        let mut d = props.insert(Name(b"D")).dict();
        d.pair(Name(b"Name"), TextStr("ad"));
        d.insert(Name(b"Order")).array().items([ocg, hidden]);
        d.insert(Name(b"OFF")).array().item(hidden);
        if ad.prints_hidden {
            let mut auto = d.insert(Name(b"AS")).array();
            let mut usage = auto.push().dict();
            usage.pair(Name(b"Event"), Name(b"Print"));
            usage.insert(Name(b"OCGs")).array().item(hidden);
            usage.insert(Name(b"Category")).array().item(Name(b"Print"));
            usage.finish();
            auto.finish();
        }
        d.finish();
        props.finish();
    }
    if let Some(cond) = &ad.intent {
        cat.output_intents()
            .push()
            .subtype(pdf_writer::types::OutputIntentSubtype::PDFX)
            .output_condition_identifier(TextStr(cond))
            .registry_name(TextStr("http://www.color.org"));
    }
    cat.finish();
    pdf.finish()
}

fn content(ad: &Ad, forms: bool) -> Vec<u8> {
    let mut c = Content::new();
    let (mw, mh) = (ad.w + 2.0 * ad.bleed, ad.h + 2.0 * ad.bleed);
    c.save_state();
    if ad.rgb {
        c.set_fill_rgb(0.9, 0.2, 0.2);
    } else {
        c.set_fill_cmyk(0.05, 0.1, 0.3, 0.0);
    }
    c.rect(0.0, 0.0, mw, mh).fill_nonzero();
    c.restore_state();
    if ad.layer {
        c.begin_marked_content_with_properties(Name(b"OC"))
            .properties_named(Name(b"MC0"));
    }
    if ad.spot.is_some() {
        c.set_fill_color_space(Name(b"CS0"));
        c.set_fill_color([1.0]);
        c.rect(ad.bleed + 10.0, ad.bleed + 10.0, ad.w - 20.0, 6.0)
            .fill_nonzero();
    }
    if ad.layer {
        c.end_marked_content();
        c.begin_marked_content_with_properties(Name(b"OC"))
            .properties_named(Name(b"MC1"));
        c.set_fill_cmyk(0.0, 0.0, 0.0, 1.0);
        c.rect(0.0, 0.0, mw / 2.0, mh).fill_nonzero();
        c.end_marked_content();
    }
    if ad.image.is_some() {
        c.save_state();
        c.transform([
            ad.h * 0.8,
            0.0,
            0.0,
            ad.h * 0.4,
            ad.bleed + ad.w - ad.h,
            ad.bleed + ad.h * 0.3,
        ]);
        c.x_object(Name(b"Im1"));
        c.restore_state();
    }
    c.set_fill_cmyk(0.0, 0.0, 0.0, 1.0);
    c.begin_text();
    let font = if ad.missing_font {
        b"F9".as_slice()
    } else {
        b"F1"
    };
    c.set_font(Name(font), ad.h * 0.3);
    c.next_line(ad.bleed + 20.0, ad.bleed + ad.h * 0.45);
    c.show(Str(&glyph_codes(ad)));
    c.end_text();
    if forms {
        c.x_object(Name(b"Fm0"));
    }
    c.finish().to_vec()
}

/// The forms: a chain `nested_forms` deep, or one form that draws itself.
fn write_forms(pdf: &mut Pdf, ad: &Ad, ids: &[Ref], font: Ref) {
    for (i, &id) in ids.iter().enumerate() {
        let next = if ad.recursive_form {
            Some(id)
        } else {
            ids.get(i + 1).copied()
        };
        let mut c = Content::new();
        c.rect(0.0, 0.0, 1.0, 1.0).fill_nonzero();
        if next.is_some() {
            c.x_object(Name(b"Fx"));
        }
        let data = c.finish().to_vec();
        let mut form = pdf.form_xobject(id, &data);
        form.bbox(Rect::new(0.0, 0.0, ad.w, ad.h));
        let mut res = form.resources();
        res.fonts().pair(Name(b"F1"), font);
        if let Some(n) = next {
            res.x_objects().pair(Name(b"Fx"), n);
        }
    }
}

/// The ad's text as 2-byte codes: CIDs are the glyph ids of the subset.
fn glyph_codes(ad: &Ad) -> Vec<u8> {
    if ad.unembedded {
        return ad
            .text
            .chars()
            .filter(char::is_ascii)
            .map(|c| c as u8)
            .collect();
    }
    let (_, gids) = subset_for(&ad.text);
    gids.iter().flat_map(|g| g.to_be_bytes()).collect()
}

/// The Kai face subset to the text's characters, and each character's new glyph id.
fn subset_for(text: &str) -> (Vec<u8>, Vec<u16>) {
    use skrifa::MetadataProvider;
    let face = skrifa::FontRef::new(KAI).unwrap();
    let cmap = face.charmap();
    let mut remap = subsetter::GlyphRemapper::new();
    let gids: Vec<u16> = text
        .chars()
        .map(|c| {
            let g = cmap.map(c).map_or(0, |g| g.to_u32() as u16);
            remap.remap(g)
        })
        .collect();
    (subsetter::subset(KAI, 0, &remap).unwrap(), gids)
}

fn write_font(pdf: &mut Pdf, ids: &mut Alloc, font: Ref, ad: &Ad) {
    if ad.unembedded {
        pdf.type1_font(font).base_font(Name(b"Helvetica"));
        return;
    }
    let (cid, desc, file, cmap) = (ids.next(), ids.next(), ids.next(), ids.next());
    let name = Name(b"ABCDEF+BanmianKai");
    pdf.type0_font(font)
        .base_font(name)
        .encoding_predefined(Name(b"Identity-H"))
        .descendant_font(cid)
        .to_unicode(cmap);
    pdf.cid_font(cid)
        .subtype(CidFontType::Type2)
        .base_font(name)
        .system_info(SystemInfo {
            registry: Str(b"Adobe"),
            ordering: Str(b"Identity"),
            supplement: 0,
        })
        .font_descriptor(desc)
        .default_width(1000.0)
        .cid_to_gid_map_predefined(Name(b"Identity"));
    pdf.font_descriptor(desc)
        .name(name)
        .flags(FontFlags::SYMBOLIC)
        .bbox(Rect::new(0.0, -120.0, 1000.0, 880.0))
        .italic_angle(0.0)
        .ascent(880.0)
        .descent(-120.0)
        .cap_height(700.0)
        .stem_v(80.0)
        .font_file2(file);
    let (data, gids) = subset_for(&ad.text);
    pdf.stream(file, &data);
    let mut map = UnicodeCmap::new(
        Name(b"Custom"),
        SystemInfo {
            registry: Str(b"Adobe"),
            ordering: Str(b"UCS"),
            supplement: 0,
        },
    );
    for (g, c) in gids.iter().zip(ad.text.chars()) {
        map.pair(*g, c);
    }
    pdf.cmap(cmap, &map.finish());
}

/// A page spec on an inline grid whose module lands on whole points (so a 72-dpi proof
/// puts the ad on whole pixels): 600 × 800 pt, 50 pt margins, 5 columns, 12 pt lines;
/// the module 通栏 is the full type width (500 pt) and 10 lines (120 pt) at the foot.
pub fn module_spec(graphics: &str) -> String {
    format!(
        r#"[page]
name = "graphics"
date_epoch = 1700000000

[page.grid]
width = "600pt"
height = "800pt"
bleed = "9pt"
margins = {{ top = "50pt", bottom = "50pt", left = "50pt", right = "50pt" }}
columns = 5
gutter = "10pt"
body_size = "9pt"
line_pitch = "12pt"

[page.grid.modules."通栏"]
height = 10

[page.grid.modules."整栏"]
height = 10
bleed = true

[[article]]
headline = "高新区举办专题培训"
body = """
第一段正文。这是测试正文，用来看广告周围的文字如何排布，文字绕开广告。
"""
place = {{ column = 1, span = 5, top = 0, height = 40 }}

{graphics}
"#
    )
}
