//! PDF/X-4 identification, read back from the reference page with lopdf: the output
//! intent and its ICC stream, `GTS_PDFXVersion` in the info dictionary and in XMP, the
//! dates and ids that must agree between them, and the page boxes on every page.

use lopdf::{Dictionary, Document as PdfDoc, Object};
use std::path::Path;

const SPEC: &str = "samples/zibo-gaoxin/page.toml";
const NEWSPRINT: &[u8] = include_bytes!("../../src/render/pdf/profiles/newsprint-tr002.icc");

fn sample() -> PdfDoc {
    let (_, bytes) =
        banmian::build_pdf(Path::new(SPEC)).unwrap_or_else(|d| panic!("sample builds:\n{d}"));
    assert!(bytes.starts_with(b"%PDF-1.6"), "PDF/X-4 builds on PDF 1.6");
    PdfDoc::load_mem(&bytes).expect("lopdf reads the PDF")
}

fn deref<'a>(pdf: &'a PdfDoc, o: &'a Object) -> &'a Object {
    pdf.dereference(o).map(|(_, o)| o).unwrap()
}

fn catalog(pdf: &PdfDoc) -> &Dictionary {
    pdf.catalog().unwrap()
}

fn info(pdf: &PdfDoc) -> &Dictionary {
    deref(pdf, pdf.trailer.get(b"Info").unwrap())
        .as_dict()
        .unwrap()
}

fn text<'a>(d: &'a Dictionary, key: &[u8]) -> &'a [u8] {
    d.get(key).unwrap().as_str().unwrap()
}

fn xmp(pdf: &PdfDoc) -> String {
    let stream = deref(pdf, catalog(pdf).get(b"Metadata").unwrap())
        .as_stream()
        .unwrap();
    assert_eq!(
        stream.dict.get(b"Subtype").unwrap().as_name().unwrap(),
        b"XML"
    );
    assert!(
        !stream.dict.has(b"Filter"),
        "the XMP packet is plain text, readable without a PDF library"
    );
    String::from_utf8(stream.content.clone()).unwrap()
}

#[test]
fn the_output_intent_carries_the_cmyk_profile() {
    let pdf = sample();
    let intents = catalog(&pdf)
        .get(b"OutputIntents")
        .unwrap()
        .as_array()
        .unwrap();
    assert_eq!(intents.len(), 1);
    let intent = deref(&pdf, &intents[0]).as_dict().unwrap();
    assert_eq!(intent.get(b"S").unwrap().as_name().unwrap(), b"GTS_PDFX");
    assert_eq!(text(intent, b"OutputConditionIdentifier"), b"CGATS TR 002");
    assert_eq!(text(intent, b"RegistryName"), b"http://www.color.org");
    assert!(!text(intent, b"Info").is_empty());
    let icc = deref(&pdf, intent.get(b"DestOutputProfile").unwrap())
        .as_stream()
        .unwrap();
    assert_eq!(icc.dict.get(b"N").unwrap().as_i64().unwrap(), 4);
    let data = icc.decompressed_content().unwrap_or(icc.content.clone());
    assert!(data == NEWSPRINT, "the shipped profile, byte for byte");
}

#[test]
fn info_and_xmp_identify_pdfx4_and_agree() {
    let pdf = sample();
    let info = info(&pdf);
    assert_eq!(text(info, b"GTS_PDFXVersion"), b"PDF/X-4");
    assert_eq!(info.get(b"Trapped").unwrap().as_name().unwrap(), b"False");
    assert_eq!(text(info, b"Title"), b"zibo-gaoxin");
    // date_epoch = 1607011200 in the sample: 2020-12-03T16:00:00Z.
    assert_eq!(text(info, b"CreationDate"), b"D:20201203160000Z");
    assert_eq!(text(info, b"ModDate"), b"D:20201203160000Z");

    let x = xmp(&pdf);
    for want in [
        "<pdfxid:GTS_PDFXVersion>PDF/X-4</pdfxid:GTS_PDFXVersion>",
        "xmlns:pdfxid=\"http://www.npes.org/pdfx/ns/id/\"",
        "<rdf:li xml:lang=\"x-default\">zibo-gaoxin</rdf:li>",
        "<xmp:CreateDate>2020-12-03T16:00:00Z</xmp:CreateDate>",
        "<xmp:ModifyDate>2020-12-03T16:00:00Z</xmp:ModifyDate>",
        "<pdf:Trapped>False</pdf:Trapped>",
        "<pdf:Producer>banmian ",
        "<xmpMM:DocumentID>uuid:",
        "<xmpMM:InstanceID>uuid:",
    ] {
        assert!(x.contains(want), "XMP lacks {want}:\n{x}");
    }
    let producer = String::from_utf8_lossy(text(info, b"Producer")).into_owned();
    assert!(x.contains(&format!("<pdf:Producer>{producer}</pdf:Producer>")));
    let id = pdf.trailer.get(b"ID").unwrap().as_array().unwrap();
    assert_eq!(id.len(), 2);
}

#[test]
fn every_page_has_trim_and_bleed_boxes_inside_the_media_box() {
    let pdf = sample();
    let boxes = |d: &Dictionary, key: &[u8]| -> Vec<f64> {
        d.get(key)
            .unwrap()
            .as_array()
            .unwrap()
            .iter()
            .map(|o| o.as_float().unwrap_or_else(|_| o.as_i64().unwrap() as f32) as f64)
            .collect()
    };
    let pages = pdf.get_pages();
    assert!(!pages.is_empty());
    for id in pages.values() {
        let page = pdf.get_dictionary(*id).unwrap();
        let (media, bleed, trim) = (
            boxes(page, b"MediaBox"),
            boxes(page, b"BleedBox"),
            boxes(page, b"TrimBox"),
        );
        let inside = |a: &[f64], b: &[f64]| {
            a[0] >= b[0] - 1e-3 && a[1] >= b[1] - 1e-3 && a[2] <= b[2] + 1e-3 && a[3] <= b[3] + 1e-3
        };
        assert!(
            inside(&trim, &bleed),
            "trim {trim:?} inside bleed {bleed:?}"
        );
        assert!(
            inside(&bleed, &media),
            "bleed {bleed:?} inside media {media:?}"
        );
    }
}

#[test]
fn an_undated_pdfx_document_gets_the_documented_epoch() {
    use banmian::display::{Document, Page, Rect};
    use banmian::render::pdf::{write_pdf, PdfOptions};
    use banmian::units::Pt;
    let r = Rect::new(Pt(0.0), Pt(0.0), Pt(100.0), Pt(100.0));
    let doc = Document {
        title: String::new(),
        pages: vec![Page {
            media: r,
            trim: r,
            bleed: r,
            items: Vec::new(),
        }],
        ..Document::default()
    };
    let book = banmian::fonts::FontBook::builtin();
    let bytes = write_pdf(&doc, &book, &PdfOptions::default()).unwrap();
    let pdf = PdfDoc::load_mem(&bytes).unwrap();
    assert_eq!(text(info(&pdf), b"CreationDate"), b"D:19700101000000Z");
    let x = xmp(&pdf);
    assert!(x.contains("<xmp:CreateDate>1970-01-01T00:00:00Z</xmp:CreateDate>"));
    assert!(x.contains(">Untitled</rdf:li>"), "PDF/X needs a dc:title");
}

#[test]
fn a_proof_with_spot_ink_icc_profiles_and_images_is_the_same_bytes_every_time() {
    let build = || {
        let opts = banmian::BuildOptions {
            marks: Some(true),
            ..Default::default()
        };
        banmian::build_pdf_with(Path::new(SPEC), &opts).unwrap().1
    };
    let first = build();
    let handles: Vec<_> = (0..2).map(|_| std::thread::spawn(build)).collect();
    for h in handles {
        assert!(h.join().unwrap() == first, "a second build differs");
    }
    // Without a date the PDF/X fallback date is fixed too.
    let spec = "tests/specs/swatches.toml";
    let a = banmian::build_pdf(Path::new(spec)).unwrap().1;
    let b = banmian::build_pdf(Path::new(spec)).unwrap().1;
    assert!(a == b);
}
