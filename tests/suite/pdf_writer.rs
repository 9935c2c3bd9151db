//! The PDF writer, checked from the outside: a hand-built page is written, read back with
//! lopdf, and checked for what a printer and a reader need: embedded subset fonts of the
//! right kind, text that extracts as the input, glyphs where the display list put them,
//! page boxes, overprint on black, images, and byte-identical output.

use banmian::diag::Code;
use banmian::display::{
    Cmyk, Color, Document, Glyph, GlyphRun, ImageData, ImageItem, ImagePixels, Item, LineItem,
    Page, Rect, RectItem, Stroke,
};
use banmian::fonts::{Builtin, FontBook};
use banmian::render::pdf::{write_pdf, write_pdf_cached, PdfCache, PdfOptions};
use banmian::units::Pt;
use lopdf::content::Content;
use lopdf::{Dictionary, Document as PdfDoc, Object, ObjectId};
use std::collections::BTreeMap;
use std::sync::Arc;

const SONG_TEXT: &str = "版面设计，中文排版。";
const SONG_LINE_2: &str = "新闻“标题”与正文";
const KAI_TEXT: &str = "图片说明：淄博高新区";
// Two 8×8 JPEGs made with Pillow: baseline RGB, and CMYK as Photoshop writes it (Adobe
// APP14 marker, inverted values; a solid red, C0 M100 Y100 K0, when decoded right).
const RGB_JPEG: &[u8] = include_bytes!("../fixtures/rgb-8x8.jpg");
const CMYK_JPEG: &[u8] = include_bytes!("../fixtures/cmyk-adobe-8x8.jpg");

/// A line of text set one glyph per char, `extra` points between glyphs (as justification
/// would leave), starting at (x, y) on the baseline.
fn run(
    book: &FontBook,
    font: Builtin,
    text: &str,
    size: f64,
    (x, y): (f64, f64),
    extra: f64,
    color: impl Into<Color>,
) -> GlyphRun {
    let face = book.face(font.id());
    let mut pen = x;
    let glyphs = text
        .chars()
        .map(|c| {
            let id = face
                .glyph(c)
                .unwrap_or_else(|| panic!("{} lacks {c}", face.name));
            let g = Glyph {
                id,
                x: Pt(pen),
                y: Pt(y),
                text: c.to_string(),
            };
            pen += face.advance(id) * size + extra;
            g
        })
        .collect();
    GlyphRun {
        glyphs,
        ..GlyphRun::new(font.id(), Pt(size), color.into())
    }
}

fn boxes() -> (Rect, Rect, Rect) {
    let media = Rect::new(Pt(0.0), Pt(0.0), Pt(400.0), Pt(500.0));
    let bleed = Rect::new(Pt(20.0), Pt(20.0), Pt(360.0), Pt(460.0));
    let trim = bleed.inset(Pt(3.0));
    (media, trim, bleed)
}

fn rgba_image() -> Arc<ImageData> {
    let (w, h) = (4u32, 3u32);
    let samples = (0..w * h)
        .flat_map(|i| [(i * 20) as u8, 100, 200])
        .collect();
    let alpha = Some((0..w * h).map(|i| (i * 21) as u8).collect());
    Arc::new(ImageData {
        width: w,
        height: h,
        icc: None,
        pixels: ImagePixels::Raw {
            samples,
            components: 3,
            alpha,
        },
    })
}

fn jpeg(bytes: &[u8], components: u8, adobe_inverted: bool) -> Arc<ImageData> {
    Arc::new(ImageData {
        width: 8,
        height: 8,
        icc: None,
        pixels: ImagePixels::Jpeg {
            bytes: bytes.to_vec(),
            components,
            adobe_inverted,
        },
    })
}

fn sample_doc(book: &FontBook) -> Document {
    let (media, trim, bleed) = boxes();
    let red = Cmyk::new(0.0, 1.0, 1.0, 0.0);
    let photo = rgba_image();
    let items = vec![
        Item::Rect(RectItem {
            rect: Rect::new(Pt(30.0), Pt(40.0), Pt(100.0), Pt(50.0)),
            fill: Some(Cmyk::new(0.1, 0.0, 0.0, 0.05).into()),
            stroke: Some(Stroke {
                color: Color::BLACK,
                width: Pt(0.5),
            }),
        }),
        Item::Text(run(
            book,
            Builtin::Song,
            SONG_TEXT,
            10.5,
            (40.0, 100.0),
            0.37,
            Cmyk::BLACK,
        )),
        Item::Text(run(
            book,
            Builtin::Song,
            SONG_LINE_2,
            10.5,
            (40.0, 116.25),
            0.0,
            Cmyk::BLACK,
        )),
        Item::Line(LineItem {
            from: (Pt(40.0), Pt(130.0)),
            to: (Pt(300.0), Pt(130.0)),
            stroke: Stroke {
                color: Color::BLACK,
                width: Pt(0.75),
            },
            dash: None,
        }),
        Item::Image(ImageItem {
            frame: Rect::new(Pt(40.0), Pt(140.0), Pt(120.0), Pt(80.0)),
            placed: Rect::new(Pt(30.0), Pt(135.0), Pt(140.0), Pt(105.0)),
            image: Arc::clone(&photo),
        }),
        Item::Text(run(
            book,
            Builtin::Kai,
            KAI_TEXT,
            9.0,
            (40.0, 235.0),
            0.11,
            red,
        )),
        Item::Image(ImageItem {
            frame: Rect::new(Pt(200.0), Pt(140.0), Pt(80.0), Pt(80.0)),
            placed: Rect::new(Pt(200.0), Pt(140.0), Pt(80.0), Pt(80.0)),
            image: jpeg(RGB_JPEG, 3, false),
        }),
        Item::Image(ImageItem {
            frame: Rect::new(Pt(200.0), Pt(250.0), Pt(40.0), Pt(40.0)),
            placed: Rect::new(Pt(200.0), Pt(250.0), Pt(40.0), Pt(40.0)),
            image: jpeg(CMYK_JPEG, 4, true),
        }),
        // The same photo placed a second time: embedded once.
        Item::Image(ImageItem {
            frame: Rect::new(Pt(40.0), Pt(300.0), Pt(60.0), Pt(40.0)),
            placed: Rect::new(Pt(40.0), Pt(300.0), Pt(60.0), Pt(40.0)),
            image: photo,
        }),
    ];
    Document {
        title: "测试版面 Test page".to_string(),
        created: Some(1_700_000_000),
        spots: Vec::new(),
        pages: vec![Page {
            media,
            trim,
            bleed,
            items,
        }],
    }
}

fn write(doc: &Document, book: &FontBook) -> Vec<u8> {
    write_pdf(doc, book, &PdfOptions::default()).expect("the PDF is written")
}

fn load(bytes: &[u8]) -> PdfDoc {
    PdfDoc::load_mem(bytes).expect("lopdf reads the PDF")
}

fn first_page(pdf: &PdfDoc) -> ObjectId {
    *pdf.get_pages().get(&1).expect("a first page")
}

fn deref<'a>(pdf: &'a PdfDoc, obj: &'a Object) -> &'a Object {
    pdf.dereference(obj).expect("reference resolves").1
}

fn dict<'a>(pdf: &'a PdfDoc, d: &'a Dictionary, key: &[u8]) -> &'a Dictionary {
    deref(
        pdf,
        d.get(key)
            .unwrap_or_else(|_| panic!("missing {}", String::from_utf8_lossy(key))),
    )
    .as_dict()
    .expect("a dictionary")
}

fn name<'a>(d: &'a Dictionary, key: &[u8]) -> &'a [u8] {
    d.get(key).and_then(Object::as_name).expect("a name")
}

fn number(o: &Object) -> f64 {
    match o {
        Object::Integer(i) => *i as f64,
        Object::Real(r) => f64::from(*r),
        other => panic!("not a number: {other:?}"),
    }
}

/// The page's fonts by resource name, with their descendant CIDFont.
fn fonts(pdf: &PdfDoc) -> BTreeMap<Vec<u8>, (&Dictionary, &Dictionary)> {
    let fonts = pdf.get_page_fonts(first_page(pdf)).expect("page fonts");
    fonts
        .into_iter()
        .map(|(n, type0)| {
            let kids = type0
                .get(b"DescendantFonts")
                .and_then(Object::as_array)
                .expect("descendants");
            let cid = deref(pdf, &kids[0]).as_dict().expect("CIDFont dict");
            (n, (type0, cid))
        })
        .collect()
}

/// The font whose CIDFont has this subtype (the sample uses one CFF and one TrueType face).
fn font_by_subtype<'a>(pdf: &'a PdfDoc, subtype: &[u8]) -> (&'a Dictionary, &'a Dictionary) {
    fonts(pdf)
        .into_values()
        .find(|(_, cid)| name(cid, b"Subtype") == subtype)
        .unwrap_or_else(|| panic!("no {} font", String::from_utf8_lossy(subtype)))
}

#[test]
fn fonts_are_embedded_as_cid_keyed_subsets() {
    let book = FontBook::builtin();
    let pdf = load(&write(&sample_doc(&book), &book));
    assert_eq!(fonts(&pdf).len(), 2);

    // Song (Noto Serif CJK, CFF outlines).
    let (song0, song) = font_by_subtype(&pdf, b"CIDFontType0");
    assert_eq!(name(song0, b"Subtype"), b"Type0");
    assert_eq!(name(song0, b"Encoding"), b"Identity-H");
    let desc = dict(&pdf, song, b"FontDescriptor");
    let file = deref(&pdf, desc.get(b"FontFile3").unwrap())
        .as_stream()
        .unwrap();
    assert_eq!(name(&file.dict, b"Subtype"), b"CIDFontType0C");
    let program = file.decompressed_content().unwrap();
    assert_eq!(
        program[0], 1,
        "a bare CFF program starts with major version 1"
    );
    let source = book.face(Builtin::Song.id()).data().len();
    assert!(
        program.len() * 50 < source,
        "subset {} bytes of {source}",
        program.len()
    );

    // Kai (LXGW WenKai, TrueType outlines).
    let (kai0, kai) = font_by_subtype(&pdf, b"CIDFontType2");
    assert_eq!(name(kai0, b"Encoding"), b"Identity-H");
    assert_eq!(name(kai, b"CIDToGIDMap"), b"Identity");
    let desc = dict(&pdf, kai, b"FontDescriptor");
    let file = deref(&pdf, desc.get(b"FontFile2").unwrap())
        .as_stream()
        .unwrap();
    let program = file.decompressed_content().unwrap();
    use skrifa::raw::TableProvider;
    let subset = skrifa::FontRef::new(&program).expect("the subset is a TrueType font");
    let glyphs = subset
        .maxp()
        .expect("the subset has a maxp table")
        .num_glyphs();
    assert!(subset.glyf().is_ok(), "TrueType outlines");
    assert!(glyphs <= 1 + KAI_TEXT.chars().count() as u16 + 4);
    let source = book.face(Builtin::Kai.id()).data().len();
    assert!(
        program.len() * 50 < source,
        "subset {} bytes of {source}",
        program.len()
    );

    for (_, cid) in fonts(&pdf).values() {
        let base = String::from_utf8_lossy(name(cid, b"BaseFont")).to_string();
        let (tag, _) = base.split_once('+').expect("subset tag");
        assert!(
            tag.len() == 6 && tag.bytes().all(|b| b.is_ascii_uppercase()),
            "{base}"
        );
        let desc = dict(&pdf, cid, b"FontDescriptor");
        for key in [
            &b"Flags"[..],
            b"FontBBox",
            b"Ascent",
            b"Descent",
            b"CapHeight",
            b"ItalicAngle",
            b"StemV",
        ] {
            assert!(
                desc.has(key),
                "{base}: descriptor lacks {}",
                String::from_utf8_lossy(key)
            );
        }
    }
}

#[test]
fn extracted_text_is_the_input_text() {
    let book = FontBook::builtin();
    let pdf = load(&write(&sample_doc(&book), &book));
    let text = pdf.extract_text(&[1]).expect("text extracts");
    assert_eq!(
        without_breaks(&text),
        format!("{SONG_TEXT}{SONG_LINE_2}{KAI_TEXT}")
    );
}

/// lopdf's `extract_text` puts a newline at each `ET` and a space after each `TJ` array
/// (its guess at line and word breaks); the sample text has neither.
fn without_breaks(text: &str) -> String {
    text.chars().filter(|c| !c.is_whitespace()).collect()
}

/// Replays the text operators the writer uses (BT, Td, Tf, Tj, TJ) with the widths in
/// `/W`, and returns every glyph's origin in PDF coordinates, in order.
fn glyph_origins(pdf: &PdfDoc) -> Vec<(f64, f64)> {
    let widths: BTreeMap<Vec<u8>, (f64, BTreeMap<u16, f64>)> = fonts(pdf)
        .into_iter()
        .map(|(n, (_, cid))| (n, cid_widths(pdf, cid)))
        .collect();
    let content = Content::decode(&pdf.get_page_content(first_page(pdf))).unwrap();
    let (mut line, mut pen, mut size) = ((0.0, 0.0), 0.0, 0.0);
    let mut font: &(f64, BTreeMap<u16, f64>) = &(0.0, BTreeMap::new());
    let mut out = Vec::new();
    for op in &content.operations {
        let args = &op.operands;
        match op.operator.as_str() {
            "BT" => line = (0.0, 0.0),
            "Td" => {
                line = (line.0 + number(&args[0]), line.1 + number(&args[1]));
                pen = line.0;
            }
            "Tf" => {
                font = &widths[args[0].as_name().unwrap()];
                size = number(&args[1]);
            }
            "Tj" | "TJ" => {
                let items = if op.operator == "TJ" {
                    args[0].as_array().unwrap().clone()
                } else {
                    args.clone()
                };
                for item in &items {
                    match item {
                        Object::String(bytes, _) => {
                            for code in bytes.chunks(2) {
                                let cid = u16::from_be_bytes([code[0], code[1]]);
                                out.push((pen, line.1));
                                pen += font.1.get(&cid).copied().unwrap_or(font.0) * size / 1000.0;
                            }
                        }
                        n => pen -= number(n) * size / 1000.0,
                    }
                }
            }
            _ => {}
        }
    }
    out
}

/// `/DW` and the `/W` entries of a CIDFont.
fn cid_widths(pdf: &PdfDoc, cid: &Dictionary) -> (f64, BTreeMap<u16, f64>) {
    let dw = cid.get(b"DW").map(number).unwrap_or(1000.0);
    let mut map = BTreeMap::new();
    let w = deref(pdf, cid.get(b"W").unwrap()).as_array().unwrap();
    let mut i = 0;
    while i < w.len() {
        let first = number(&w[i]) as u16;
        if let Ok(list) = w[i + 1].as_array() {
            for (k, v) in list.iter().enumerate() {
                map.insert(first + k as u16, number(v));
            }
            i += 2;
        } else {
            for c in first..=number(&w[i + 1]) as u16 {
                map.insert(c, number(&w[i + 2]));
            }
            i += 3;
        }
    }
    (dw, map)
}

#[test]
fn every_glyph_lands_where_the_display_list_put_it() {
    let book = FontBook::builtin();
    let doc = sample_doc(&book);
    let pdf = load(&write(&doc, &book));
    let height = doc.pages[0].media.h.0;
    let expected: Vec<(f64, f64)> = doc.pages[0]
        .items
        .iter()
        .filter_map(|i| if let Item::Text(r) = i { Some(r) } else { None })
        .flat_map(|r| r.glyphs.iter().map(|g| (g.x.0, height - g.y.0)))
        .collect();
    let got = glyph_origins(&pdf);
    assert_eq!(got.len(), expected.len());
    for (g, e) in got.iter().zip(&expected) {
        assert!(
            (g.0 - e.0).abs() < 0.002 && (g.1 - e.1).abs() < 0.002,
            "glyph at {g:?}, wanted {e:?}"
        );
    }
}

#[test]
fn page_boxes_are_written_flipped() {
    let book = FontBook::builtin();
    let pdf = load(&write(&sample_doc(&book), &book));
    let page = pdf.get_dictionary(first_page(&pdf)).unwrap();
    let rect = |key: &[u8]| -> Vec<f64> {
        page.get(key)
            .unwrap()
            .as_array()
            .unwrap()
            .iter()
            .map(number)
            .collect()
    };
    assert_eq!(rect(b"MediaBox"), [0.0, 0.0, 400.0, 500.0]);
    // Bleed: x 20..380, y 20..480 from the top → 20..480 from the bottom of a 500 pt page.
    assert_eq!(rect(b"BleedBox"), [20.0, 20.0, 380.0, 480.0]);
    assert_eq!(rect(b"TrimBox"), [23.0, 23.0, 377.0, 477.0]);
}

#[test]
fn output_is_byte_identical_run_after_run() {
    let book = FontBook::builtin();
    let doc = sample_doc(&book);
    let first = write(&doc, &book);
    // Another document in between must not shift anything (no process-wide state).
    let mut other = doc.clone();
    other.pages[0].items.truncate(1);
    let _ = write(&other, &book);
    let second = write(&doc, &book);
    assert!(first == second, "two writes of one document differ");
    assert!(first.starts_with(b"%PDF-1.6"));
}

#[test]
fn document_info_and_id_come_from_the_document() {
    let book = FontBook::builtin();
    let doc = sample_doc(&book);
    let bytes = write(&doc, &book);
    let pdf = load(&bytes);
    let info = deref(&pdf, pdf.trailer.get(b"Info").unwrap())
        .as_dict()
        .unwrap();
    let producer = info.get(b"Producer").unwrap().as_str().unwrap();
    assert!(producer.starts_with(b"banmian "));
    assert_eq!(
        info.get(b"CreationDate").unwrap().as_str().unwrap(),
        b"D:20231114221320Z"
    );
    let id = pdf.trailer.get(b"ID").unwrap().as_array().unwrap();
    assert_eq!(id[0].as_str().unwrap().len(), 16);

    let mut undated = doc.clone();
    undated.created = None;
    undated.title = "other".into();
    let plain = PdfOptions {
        pdfx: None,
        ..PdfOptions::default()
    };
    let other = write_pdf(&undated, &book, &plain).unwrap();
    let pdf2 = load(&other);
    let info2 = deref(&pdf2, pdf2.trailer.get(b"Info").unwrap())
        .as_dict()
        .unwrap();
    assert!(
        !info2.has(b"CreationDate"),
        "no PDF/X, no date: none is made up"
    );
    assert_ne!(
        pdf2.trailer.get(b"ID").unwrap(),
        pdf.trailer.get(b"ID").unwrap()
    );
}

/// The ExtGState name in force at each text-showing and path-painting operator.
fn gstate_at_paint(pdf: &PdfDoc) -> Vec<(String, Option<Vec<u8>>)> {
    let content = Content::decode(&pdf.get_page_content(first_page(pdf))).unwrap();
    let mut gs: Option<Vec<u8>> = None;
    let mut font = Vec::new();
    let mut out = Vec::new();
    for op in &content.operations {
        match op.operator.as_str() {
            "gs" => gs = Some(op.operands[0].as_name().unwrap().to_vec()),
            "Tf" => font = op.operands[0].as_name().unwrap().to_vec(),
            "Tj" | "TJ" => out.push((
                format!("text {}", String::from_utf8_lossy(&font)),
                gs.clone(),
            )),
            "f" | "S" => out.push((op.operator.clone(), gs.clone())),
            _ => {}
        }
    }
    out
}

#[test]
fn pure_black_text_and_rules_overprint() {
    let book = FontBook::builtin();
    let pdf = load(&write(&sample_doc(&book), &book));
    let page = pdf.get_dictionary(first_page(&pdf)).unwrap();
    let resources = dict(&pdf, page, b"Resources");
    let states = dict(&pdf, resources, b"ExtGState");
    let (op_name, _) = states
        .iter()
        .find(|(_, v)| {
            deref(&pdf, v)
                .as_dict()
                .unwrap()
                .get(b"OP")
                .and_then(Object::as_bool)
                .ok()
                == Some(true)
        })
        .expect("an overprint ExtGState");
    let op = dict(&pdf, states, op_name);
    assert!(op.get(b"op").unwrap().as_bool().unwrap());
    assert_eq!(op.get(b"OPM").unwrap().as_i64().unwrap(), 1);

    let song = fonts(&pdf)
        .into_iter()
        .find(|(_, (_, cid))| name(cid, b"Subtype") == b"CIDFontType0")
        .map(|(n, _)| format!("text {}", String::from_utf8_lossy(&n)))
        .unwrap();
    let overprinting = |gs: &Option<Vec<u8>>| gs.as_deref() == Some(op_name.as_slice());
    let painted = gstate_at_paint(&pdf);
    // Order: tinted fill, black frame stroke, black Song ×2, black rule, red Kai.
    let kinds: Vec<&str> = painted.iter().map(|(k, _)| k.as_str()).collect();
    assert_eq!(kinds.len(), 6, "{kinds:?}");
    assert!(!overprinting(&painted[0].1), "a tinted fill knocks out");
    assert!(overprinting(&painted[1].1), "a black frame overprints");
    for (kind, gs) in &painted[2..4] {
        assert_eq!(kind, &song);
        assert!(overprinting(gs), "black text overprints");
    }
    assert!(overprinting(&painted[4].1), "a black rule overprints");
    assert!(!overprinting(&painted[5].1), "red text knocks out");
}

const SRGB: &[u8] = include_bytes!("../../src/render/pdf/profiles/sRGB-v2.icc");

/// The profile of an `[/ICCBased stream]` colour space, decompressed.
fn icc_based(pdf: &PdfDoc, image: &Dictionary) -> Vec<u8> {
    let space = image.get(b"ColorSpace").unwrap().as_array().unwrap();
    assert_eq!(space[0].as_name().unwrap(), b"ICCBased");
    let stream = deref(pdf, &space[1]).as_stream().unwrap();
    stream.decompressed_content().unwrap()
}

fn xobjects(pdf: &PdfDoc) -> Vec<&lopdf::Stream> {
    let page = pdf.get_dictionary(first_page(pdf)).unwrap();
    let resources = dict(pdf, page, b"Resources");
    dict(pdf, resources, b"XObject")
        .iter()
        .map(|(_, v)| deref(pdf, v).as_stream().unwrap())
        .collect()
}

#[test]
fn images_are_embedded_once_with_their_alpha_and_jpegs_untouched() {
    let book = FontBook::builtin();
    let pdf = load(&write(&sample_doc(&book), &book));
    let images = xobjects(&pdf);
    assert_eq!(images.len(), 3, "the photo placed twice is one XObject");

    let raw = images
        .iter()
        .find(|s| s.dict.has(b"SMask"))
        .expect("the RGBA image");
    assert_eq!(icc_based(&pdf, &raw.dict), SRGB, "untagged RGB is sRGB");
    assert_eq!(name(&raw.dict, b"Filter"), b"FlateDecode");
    let samples = raw.decompressed_content().unwrap();
    let ImagePixels::Raw {
        samples: input,
        alpha,
        ..
    } = &rgba_image().pixels
    else {
        unreachable!()
    };
    assert_eq!(&samples, input);
    let mask = deref(&pdf, raw.dict.get(b"SMask").unwrap())
        .as_stream()
        .unwrap();
    assert_eq!(name(&mask.dict, b"ColorSpace"), b"DeviceGray");
    assert_eq!(
        &mask.decompressed_content().unwrap(),
        alpha.as_ref().unwrap()
    );

    let rgb = images
        .iter()
        .find(|s| s.content == RGB_JPEG)
        .expect("the RGB JPEG, byte for byte");
    assert_eq!(name(&rgb.dict, b"Filter"), b"DCTDecode");
    assert_eq!(icc_based(&pdf, &rgb.dict), SRGB);
    let cmyk = images
        .iter()
        .find(|s| s.content == CMYK_JPEG)
        .expect("the CMYK JPEG, byte for byte");
    assert_eq!(name(&cmyk.dict, b"ColorSpace"), b"DeviceCMYK");
    let decode: Vec<f64> = cmyk
        .dict
        .get(b"Decode")
        .unwrap()
        .as_array()
        .unwrap()
        .iter()
        .map(number)
        .collect();
    assert_eq!(decode, [1.0, 0.0, 1.0, 0.0, 1.0, 0.0, 1.0, 0.0]);
}

#[test]
fn a_photo_read_a_thousand_times_is_embedded_once() {
    // A thousand placements, each with its own copy of the same JPEG (as when a spec
    // names the same file a thousand times, or two pages of an edition read it), and
    // one with a different JPEG: two XObjects, and the file is not a thousand JPEGs.
    const PHOTO: &[u8] = include_bytes!("../../samples/zibo-gaoxin/photos/board.jpg");
    let book = FontBook::builtin();
    let (media, trim, bleed) = boxes();
    let placed = |image| {
        Item::Image(ImageItem {
            frame: Rect::new(Pt(40.0), Pt(40.0), Pt(60.0), Pt(40.0)),
            placed: Rect::new(Pt(40.0), Pt(40.0), Pt(60.0), Pt(40.0)),
            image,
        })
    };
    let copy = || {
        Arc::new(ImageData {
            width: 1152,
            height: 768,
            icc: None,
            pixels: ImagePixels::Jpeg {
                bytes: PHOTO.to_vec(),
                components: 3,
                adobe_inverted: false,
            },
        })
    };
    let mut items: Vec<Item> = (0..1000).map(|_| placed(copy())).collect();
    items.push(placed(jpeg(RGB_JPEG, 3, false)));
    let doc = Document {
        title: "one photo".to_string(),
        created: None,
        spots: Vec::new(),
        pages: vec![Page {
            media,
            trim,
            bleed,
            items,
        }],
    };
    let bytes = write(&doc, &book);
    assert!(
        bytes.len() < PHOTO.len() + 100_000,
        "{} bytes for a {}-byte photo",
        bytes.len(),
        PHOTO.len()
    );
    let pdf = load(&bytes);
    let images = xobjects(&pdf);
    assert_eq!(images.len(), 2);
    assert!(images.iter().any(|s| s.content == PHOTO));
}

#[test]
fn the_cache_never_changes_the_bytes() {
    // Written with a fresh cache, with the process's (warm from other tests or not),
    // and twice with one cache (the second time every font subset is a hit).
    let book = FontBook::builtin();
    let doc = sample_doc(&book);
    let opts = PdfOptions::default();
    let cold = |cache: &PdfCache| write_pdf_cached(&doc, &book, &opts, cache).unwrap().0;
    let fresh = cold(&PdfCache::new());
    assert!(fresh == write(&doc, &book));
    let cache = PdfCache::new();
    assert!(fresh == cold(&cache));
    let misses = cache.stats().misses;
    assert!(fresh == cold(&cache));
    let stats = cache.stats();
    assert_eq!(stats.misses, misses, "the second document misses nothing");
    assert!(stats.hits >= 2, "{stats:?}");
}

#[test]
fn uncompressed_output_is_readable_text() {
    let book = FontBook::builtin();
    let opts = PdfOptions {
        compress: false,
        ..PdfOptions::default()
    };
    let bytes = write_pdf(&sample_doc(&book), &book, &opts).unwrap();
    let text = String::from_utf8_lossy(&bytes);
    assert!(text.contains(" Td\n"));
    assert!(text.contains("] TJ\n"));
    assert!(text.contains("re\nW n\n"));
    assert_eq!(
        without_breaks(&load(&bytes).extract_text(&[1]).unwrap()),
        format!("{SONG_TEXT}{SONG_LINE_2}{KAI_TEXT}")
    );
}

/// The `/ActualText` of every marked-content span on the first page.
fn actual_texts(pdf: &PdfDoc) -> Vec<String> {
    let content = Content::decode(&pdf.get_page_content(first_page(pdf))).unwrap();
    content
        .operations
        .iter()
        .filter(|op| op.operator == "BDC")
        .map(|op| {
            let props = op.operands[1].as_dict().unwrap();
            let bytes = props.get(b"ActualText").unwrap().as_str().unwrap();
            let units: Vec<u16> = bytes[2..]
                .chunks(2)
                .map(|c| u16::from_be_bytes([c[0], c[1]]))
                .collect();
            assert_eq!(&bytes[..2], [0xFE, 0xFF]);
            String::from_utf16(&units).unwrap()
        })
        .collect()
}

#[test]
fn text_that_to_unicode_cannot_spell_gets_actual_text() {
    let book = FontBook::builtin();
    let mut doc = sample_doc(&book);
    // The first glyph again, standing for other text (a glyph shared by two characters).
    let Item::Text(song) = &mut doc.pages[0].items[1] else {
        unreachable!()
    };
    let first = song.glyphs[0].clone();
    song.glyphs.push(Glyph {
        text: "X".into(),
        x: Pt(300.0),
        ..first
    });
    // A cluster of two glyphs: the second continues the first's text.
    let Item::Text(kai) = &mut doc.pages[0].items[5] else {
        unreachable!()
    };
    kai.glyphs[1].text = "片說".into();
    kai.glyphs[2].text = String::new();
    let pdf = load(&write(&doc, &book));
    assert_eq!(actual_texts(&pdf), ["X", "片說"]);
    // Ordinary glyphs need no span: the sample page has none.
    assert!(actual_texts(&load(&write(&sample_doc(&book), &book))).is_empty());
    // Extractors that read only ToUnicode get the glyph's first text.
    let text = pdf.extract_text(&[1]).unwrap();
    assert!(
        without_breaks(&text).starts_with("版面设计，中文排版。版"),
        "{text}"
    );
}

#[test]
fn bad_input_is_a_diagnostic_not_a_panic() {
    let book = FontBook::builtin();
    let opts = PdfOptions::default();
    let err = |doc: &Document| write_pdf(doc, &book, &opts).expect_err("an error").code;

    assert_eq!(err(&Document::default()), Code::PdfNoPages);

    let mut doc = sample_doc(&book);
    doc.pages[0].media.w = Pt(0.0);
    assert_eq!(err(&doc), Code::PdfBadBox);
    let mut doc = sample_doc(&book);
    doc.pages[0].trim.h = Pt(f64::NAN);
    assert_eq!(err(&doc), Code::PdfBadBox);

    let mut doc = sample_doc(&book);
    let Item::Text(r) = &mut doc.pages[0].items[1] else {
        unreachable!()
    };
    r.font = banmian::fonts::FontId(99);
    assert_eq!(err(&doc), Code::PdfUnknownFont);

    let mut doc = sample_doc(&book);
    let Item::Text(r) = &mut doc.pages[0].items[1] else {
        unreachable!()
    };
    r.glyphs[0].id = u16::MAX;
    assert_eq!(err(&doc), Code::PdfUnknownGlyph);

    let mut doc = sample_doc(&book);
    let Item::Text(r) = &mut doc.pages[0].items[1] else {
        unreachable!()
    };
    r.glyphs[0].x = Pt(f64::NAN);
    assert_eq!(err(&doc), Code::PdfBadNumber);

    let mut doc = sample_doc(&book);
    let Item::Line(l) = &mut doc.pages[0].items[3] else {
        unreachable!()
    };
    l.to.1 = Pt(f64::INFINITY);
    assert_eq!(err(&doc), Code::PdfBadNumber);

    let mut doc = sample_doc(&book);
    let bad = Arc::new(ImageData {
        width: 10,
        height: 10,
        icc: None,
        pixels: ImagePixels::Raw {
            samples: vec![0; 7],
            components: 3,
            alpha: None,
        },
    });
    doc.pages[0].items.push(Item::Image(ImageItem {
        frame: boxes().1,
        placed: boxes().1,
        image: bad,
    }));
    assert_eq!(err(&doc), Code::PdfBadImage);

    // A JPEG whose header disagrees with the size it is placed as.
    let mut doc = sample_doc(&book);
    let bad = Arc::new(ImageData {
        width: 9,
        height: 8,
        icc: None,
        pixels: ImagePixels::Jpeg {
            bytes: RGB_JPEG.to_vec(),
            components: 3,
            adobe_inverted: false,
        },
    });
    doc.pages[0].items.push(Item::Image(ImageItem {
        frame: boxes().1,
        placed: boxes().1,
        image: bad,
    }));
    assert_eq!(err(&doc), Code::PdfBadImage);

    let mut doc = sample_doc(&book);
    let bad = Arc::new(ImageData {
        width: 0,
        height: 5,
        icc: None,
        pixels: ImagePixels::Jpeg {
            bytes: vec![],
            components: 3,
            adobe_inverted: false,
        },
    });
    doc.pages[0].items.push(Item::Image(ImageItem {
        frame: boxes().1,
        placed: boxes().1,
        image: bad,
    }));
    assert_eq!(err(&doc), Code::PdfBadImage);
}

#[test]
fn odd_but_valid_input_still_writes() {
    let book = FontBook::builtin();
    let mut doc = sample_doc(&book);
    let (media, trim, bleed) = boxes();
    let song = run(
        &book,
        Builtin::Song,
        "再版",
        12.0,
        (50.0, 50.0),
        0.0,
        Cmyk::BLACK,
    );
    let items = vec![
        // Nothing to draw: no glyphs, zero size, zero-width stroke, no paint.
        Item::Text(GlyphRun {
            glyphs: vec![],
            ..song.clone()
        }),
        Item::Text(GlyphRun {
            size: Pt(0.0),
            ..song.clone()
        }),
        Item::Line(LineItem {
            from: (Pt(0.0), Pt(0.0)),
            to: (Pt(10.0), Pt(10.0)),
            stroke: Stroke {
                color: Color::BLACK,
                width: Pt(0.0),
            },
            dash: None,
        }),
        Item::Rect(RectItem {
            rect: trim,
            fill: None,
            stroke: None,
        }),
        // Drawable, if unusual: mirrored text, a rectangle of negative width, a glyph
        // that continues the previous one's text, colours out of range.
        Item::Text(GlyphRun {
            size: Pt(-12.0),
            ..song.clone()
        }),
        Item::Rect(RectItem {
            rect: Rect::new(Pt(100.0), Pt(100.0), Pt(-20.0), Pt(10.0)),
            fill: Some(Cmyk::new(2.0, -1.0, f64::NAN, 0.5).into()),
            stroke: None,
        }),
        Item::Text(GlyphRun {
            glyphs: vec![Glyph {
                id: book.face(Builtin::Song.id()).glyph('刊').unwrap(),
                text: String::new(),
                ..song.glyphs[1].clone()
            }],
            ..song.clone()
        }),
    ];
    // A second page sharing the fonts, and a third with nothing on it.
    doc.pages.push(Page {
        media,
        trim,
        bleed,
        items,
    });
    doc.pages.push(Page {
        media,
        trim,
        bleed,
        items: vec![],
    });
    let bytes = write(&doc, &book);
    let pdf = load(&bytes);
    assert_eq!(pdf.get_pages().len(), 3);
    assert_eq!(
        pdf.extract_text(&[2])
            .unwrap()
            .chars()
            .take(2)
            .collect::<String>(),
        "再版"
    );
}
