//! Placed graphics (`[[graphic]]`, issue #9): ads by module, PDF pages copied as Form
//! XObjects (vector kept, spot inks by name, text extractable), SVG charts, preflight
//! messages (one snapshot each), hostile files, editions and the proof.

use crate::graphic_fixtures::{ad_pdf, module_spec, Ad};
use banmian::diag::{Code, Diagnostics};
use banmian::files::Memory;
use lopdf::{Dictionary, Document, Object};
use std::path::Path;

/// Lays out `spec` with `files` in memory and writes its PDF.
fn build(
    spec: &str,
    files: &[(&str, Vec<u8>)],
) -> Result<(banmian::LaidOut, Vec<u8>), Diagnostics> {
    let mut mem = Memory::new().with("page.toml", spec.as_bytes().to_vec());
    for (name, bytes) in files {
        mem.insert(name, bytes.clone());
    }
    let laid = banmian::lay_out_from(Path::new("page.toml"), &mem, &Default::default())?;
    let pdf = banmian::write_pdf(&laid)?;
    Ok((laid, pdf))
}

/// The module 通栏 of [`module_spec`]: 500 × 120 pt.
const MODULE: (f32, f32) = (500.0, 120.0);

fn ad_on_module() -> (banmian::LaidOut, Vec<u8>) {
    let ad = ad_pdf(&Ad::new(MODULE.0, MODULE.1));
    build(
        &module_spec("[[graphic]]\nfile = \"ad.pdf\"\nmodule = \"通栏\"\n"),
        &[("ad.pdf", ad)],
    )
    .unwrap()
}

fn number(o: &Object) -> f64 {
    match o {
        Object::Integer(i) => *i as f64,
        Object::Real(r) => f64::from(*r),
        _ => f64::NAN,
    }
}

fn numbers(o: &Object) -> Vec<f64> {
    o.as_array().unwrap().iter().map(number).collect()
}

/// The page's placed-graphic forms (`/Gr…` in its XObjects) and their dictionaries.
fn graphic_forms(doc: &Document) -> Vec<Dictionary> {
    let page = *doc.get_pages().values().next().unwrap();
    let page = doc.get_dictionary(page).unwrap();
    let res = page.get(b"Resources").unwrap().as_dict().unwrap();
    let xobjects = res.get(b"XObject").unwrap().as_dict().unwrap();
    xobjects
        .iter()
        .filter(|(k, _)| k.starts_with(b"Gr"))
        .map(|(_, v)| {
            let id = v.as_reference().unwrap();
            doc.get_object(id)
                .unwrap()
                .as_stream()
                .unwrap()
                .dict
                .clone()
        })
        .collect()
}

#[test]
fn an_ad_is_a_form_whose_bbox_is_its_trim_box() {
    let (_, pdf) = ad_on_module();
    let doc = Document::load_mem(&pdf).unwrap();
    let forms = graphic_forms(&doc);
    assert_eq!(forms.len(), 1);
    let f = &forms[0];
    assert_eq!(f.get(b"Subtype").unwrap().as_name().unwrap(), b"Form");
    // The trim box of the ad, in its own coordinates: 9 pt of bleed around it.
    assert_eq!(
        numbers(f.get(b"BBox").unwrap()),
        vec![9.0, 9.0, 509.0, 129.0]
    );
}

#[test]
fn an_ad_is_placed_at_the_modules_size_within_a_hundredth_of_a_point() {
    let (laid, _) = ad_on_module();
    let placed = laid.composed.doc.pages[0]
        .items
        .iter()
        .find_map(|i| match i {
            banmian::display::Item::Graphic(g) => Some(g.placed),
            _ => None,
        })
        .unwrap();
    assert!(
        (placed.w.0 - f64::from(MODULE.0)).abs() < 0.01,
        "{placed:?}"
    );
    assert!(
        (placed.h.0 - f64::from(MODULE.1)).abs() < 0.01,
        "{placed:?}"
    );
    // On the module: the type area's foot (50 + 58 lines × 12 pt) less 120 pt.
    assert!(
        (placed.y.0 - (9.0 + 50.0 + 696.0 - 120.0)).abs() < 0.01,
        "{placed:?}"
    );
    assert!(laid
        .composed
        .warnings
        .iter()
        .all(|d| d.code != Code::GraphicSizeMismatch));
}

/// Every Separation's ink name and every `/BaseFont` in the objects, nested or not.
fn inks_and_fonts(o: &Object, out: &mut (Vec<String>, Vec<String>), depth: usize) {
    if depth > 12 {
        return;
    }
    let name = |o: &Object| {
        o.as_name()
            .map(|n| String::from_utf8_lossy(n).into_owned())
            .ok()
    };
    match o {
        Object::Array(a) => {
            if a.first().and_then(name).as_deref() == Some("Separation") {
                out.0.extend(a.get(1).and_then(name));
            }
            a.iter().for_each(|v| inks_and_fonts(v, out, depth + 1));
        }
        Object::Dictionary(d) => {
            out.1.extend(d.get(b"BaseFont").ok().and_then(name));
            d.iter()
                .for_each(|(_, v)| inks_and_fonts(v, out, depth + 1));
        }
        Object::Stream(s) => inks_and_fonts(&Object::Dictionary(s.dict.clone()), out, depth),
        _ => {}
    }
}

#[test]
fn the_spot_ink_and_the_fonts_arrive_in_the_output() {
    let (_, pdf) = ad_on_module();
    let doc = Document::load_mem(&pdf).unwrap();
    let mut found = (Vec::new(), Vec::new());
    for obj in doc.objects.values() {
        inks_and_fonts(obj, &mut found, 0);
    }
    assert!(
        found.0.iter().any(|s| s == "PANTONE 185 C"),
        "{:?}",
        found.0
    );
    assert!(
        found.1.iter().any(|f| f == "ABCDEF+BanmianKai"),
        "{:?}",
        found.1
    );
}

/// The text of the ad, read back through its font's ToUnicode map: vector text, not
/// pixels.
#[test]
fn the_ads_text_can_be_extracted_from_the_page() {
    let (_, pdf) = ad_on_module();
    let doc = Document::load_mem(&pdf).unwrap();
    let mut map = std::collections::BTreeMap::new();
    let mut shown = Vec::new();
    for obj in doc.objects.values() {
        let Ok(s) = obj.as_stream() else { continue };
        let Ok(data) = s
            .decompressed_content()
            .or_else(|_| Ok::<_, ()>(s.content.clone()))
        else {
            continue;
        };
        let text = String::from_utf8_lossy(&data);
        if text.contains("beginbfchar") {
            for line in text
                .lines()
                .filter(|l| l.starts_with('<') && l.matches('<').count() == 2)
            {
                let parts: Vec<&str> = line
                    .split(['<', '>', ' '])
                    .filter(|p| !p.is_empty())
                    .collect();
                let code = u16::from_str_radix(parts[0], 16).unwrap();
                let c = char::from_u32(u32::from_str_radix(parts[1], 16).unwrap()).unwrap();
                map.insert(code, c);
            }
        } else if let Ok(content) = lopdf::content::Content::decode(&data) {
            for op in content.operations.iter().filter(|o| o.operator == "Tj") {
                if let Ok(b) = op.operands[0].as_str() {
                    shown.push(b.to_vec());
                }
            }
        }
    }
    let text: String = shown
        .iter()
        .flat_map(|b| b.chunks(2).map(|c| u16::from_be_bytes([c[0], c[1]])))
        .filter_map(|code| map.get(&code))
        .collect();
    assert!(text.contains("招商银行储蓄"), "{text:?}");
}

#[test]
fn same_bytes_twice() {
    let (_, a) = ad_on_module();
    let (_, b) = ad_on_module();
    assert!(a == b);
}

#[test]
fn a_turned_page_shows_turned_and_keeps_its_box() {
    let mut ad = Ad::new(MODULE.1, MODULE.0);
    ad.rotate = 90;
    let (laid, pdf) = build(
        &module_spec("[[graphic]]\nfile = \"ad.pdf\"\nmodule = \"通栏\"\n"),
        &[("ad.pdf", ad_pdf(&ad))],
    )
    .unwrap();
    assert!(
        laid.composed
            .warnings
            .iter()
            .all(|d| d.code != Code::GraphicSizeMismatch),
        "{}",
        laid.composed.warnings
    );
    let doc = Document::load_mem(&pdf).unwrap();
    let f = &graphic_forms(&doc)[0];
    assert_eq!(
        numbers(f.get(b"BBox").unwrap()),
        vec![9.0, 9.0, 129.0, 509.0]
    );
    assert_eq!(
        numbers(f.get(b"Matrix").unwrap())[..4],
        [0.0, -1.0, 1.0, 0.0]
    );
}

#[test]
fn a_module_that_reaches_the_trim_bleeds_there_only() {
    let (laid, _) = build(
        &module_spec("[[graphic]]\nfile = \"ad.pdf\"\nmodule = \"整栏\"\n"),
        &[("ad.pdf", ad_pdf(&Ad::new(600.0, 174.0)))],
    )
    .unwrap();
    let g = laid.composed.doc.pages[0]
        .items
        .iter()
        .find_map(|i| match i {
            banmian::display::Item::Graphic(g) => Some(g.clone()),
            _ => None,
        })
        .unwrap();
    let page = &laid.composed.doc.pages[0];
    // Left, right and bottom reach the bleed; the top stays on the module's edge.
    assert_eq!(g.clip.x, page.bleed.x);
    assert_eq!(g.clip.right(), page.bleed.right());
    assert_eq!(g.clip.bottom(), page.bleed.bottom());
    assert!(
        (g.clip.y.0 - (page.trim.y.0 + 626.0)).abs() < 0.01,
        "{:?}",
        g.clip
    );
    assert!(
        laid.composed
            .warnings
            .iter()
            .all(|d| d.code != Code::GraphicSizeMismatch),
        "{}",
        laid.composed.warnings
    );
}

#[test]
fn text_flows_around_a_graphic_in_the_columns() {
    let spec = module_spec(
        "[[graphic]]\nfile = \"ad.pdf\"\nplace = { column = 2, span = 2, top = 6, height = 10 }\nfit = \"fit\"\ncaption = \"图表：产值\"\n",
    );
    // Below the heads (a graphic over them is a `layout.head-blocked` error).
    let (laid, _) = build(&spec, &[("ad.pdf", ad_pdf(&Ad::new(200.0, 100.0)))]).unwrap();
    let article = &laid.composed.report.articles[0];
    for line in &article.lines {
        if (1..=2).contains(&line.column) {
            assert!(
                !(6..16).contains(&line.line),
                "a line under the graphic: {line:?}"
            );
        }
    }
}

#[test]
fn an_edition_with_one_ad_on_three_pages_embeds_it_once() {
    let dir = crate::common::scratch("graphics", "edition");
    let ad = ad_pdf(&Ad::new(MODULE.0, MODULE.1));
    std::fs::write(dir.join("ad.pdf"), &ad).unwrap();
    let mut pages = String::from("[edition]\npaper = \"测试报\"\n");
    for n in 1..=3 {
        let spec = module_spec("[[graphic]]\nfile = \"ad.pdf\"\nmodule = \"通栏\"\n");
        std::fs::write(dir.join(format!("p{n}.toml")), spec).unwrap();
        pages.push_str(&format!(
            "\n[[page]]\nlabel = \"A0{n}\"\nspec = \"p{n}.toml\"\n"
        ));
    }
    std::fs::write(dir.join("edition.toml"), pages).unwrap();
    let out = dir.join("out");
    let run = crate::common::banmian(&[
        "edition",
        dir.join("edition.toml").to_str().unwrap(),
        "-o",
        out.to_str().unwrap(),
    ]);
    assert!(
        run.status.success() || run.status.code() == Some(1),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    let bytes = std::fs::read(out.join("edition.pdf")).unwrap();
    let doc = Document::load_mem(&bytes).unwrap();
    assert_eq!(doc.get_pages().len(), 3);
    let kai_programs = doc
        .objects
        .values()
        .filter_map(|o| o.as_dict().ok())
        .filter(|d| d.get(b"FontName").and_then(|n| n.as_name()).ok() == Some(b"ABCDEF+BanmianKai"))
        .count();
    assert_eq!(kai_programs, 1, "the ad's font descriptor is copied once");
    let trim_forms = doc
        .objects
        .values()
        .filter_map(|o| o.as_stream().ok())
        .filter(|s| s.dict.get(b"BBox").map(numbers).ok() == Some(vec![9.0, 9.0, 509.0, 129.0]))
        .count();
    assert_eq!(trim_forms, 1, "one form for the ad in the whole edition");
}

/// An edition with the layered ad on two pages: the edition's catalog lists the ad's
/// layers once (the ad is copied once) and keeps the hidden one off.
#[test]
fn an_edition_lists_the_layers_of_a_shared_ad_once() {
    let dir = crate::common::scratch("graphics", "edition-layers");
    std::fs::write(dir.join("ad.pdf"), ad(|a| a.layer = true)).unwrap();
    let mut pages = String::from("[edition]\npaper = \"测试报\"\n");
    for n in 1..=2 {
        let spec = module_spec("[[graphic]]\nfile = \"ad.pdf\"\nmodule = \"通栏\"\n");
        std::fs::write(dir.join(format!("p{n}.toml")), spec).unwrap();
        pages.push_str(&format!(
            "\n[[page]]\nlabel = \"A0{n}\"\nspec = \"p{n}.toml\"\n"
        ));
    }
    std::fs::write(dir.join("edition.toml"), pages).unwrap();
    let mut outputs = Vec::new();
    for run in ["out1", "out2"] {
        let out = dir.join(run);
        let done = crate::common::banmian(&[
            "edition",
            dir.join("edition.toml").to_str().unwrap(),
            "-o",
            out.to_str().unwrap(),
        ]);
        assert!(
            done.status.success() || done.status.code() == Some(1),
            "{}",
            String::from_utf8_lossy(&done.stderr)
        );
        outputs.push(std::fs::read(out.join("edition.pdf")).unwrap());
    }
    assert_eq!(outputs[0], outputs[1], "same bytes twice");
    let doc = Document::load_mem(&outputs[0]).unwrap();
    assert_eq!(doc.get_pages().len(), 2);
    let (ocgs, off, d) = oc_properties(&doc);
    assert_eq!(ocgs, all_groups(&doc), "every group listed, once");
    // The layer panel names the ad by its file, not by where the build ran.
    let order = d.get(b"Order").unwrap().as_array().unwrap();
    let label = order[0].as_array().unwrap()[0].as_str().unwrap();
    assert_eq!(label, b"ad.pdf");
    let names: Vec<String> = ocgs.iter().map(|&g| group_name(&doc, g)).collect();
    assert_eq!(names, ["spot rule", "hidden"]);
    let off: Vec<String> = off.iter().map(|&g| group_name(&doc, g)).collect();
    assert_eq!(off, ["hidden"]);
}

/// The messages of one code when `graphics` (TOML) is placed with `files`.
fn messages(graphics: &str, files: &[(&str, Vec<u8>)], code: Code) -> String {
    let spec = module_spec(graphics);
    let found: Vec<String> = match build(&spec, files) {
        Ok((laid, _)) => laid
            .composed
            .warnings
            .iter()
            .filter(|d| d.code == code)
            .map(|d| d.to_string())
            .collect(),
        Err(e) => e
            .iter()
            .filter(|d| d.code == code)
            .map(|d| d.to_string())
            .collect(),
    };
    assert!(!found.is_empty(), "no {code} for {graphics}");
    found.join("\n")
}

fn on_module(file: &str) -> String {
    format!("[[graphic]]\nfile = \"{file}\"\nmodule = \"通栏\"\n")
}

fn ad(f: impl FnOnce(&mut Ad)) -> Vec<u8> {
    let mut a = Ad::new(MODULE.0, MODULE.1);
    f(&mut a);
    ad_pdf(&a)
}

#[test]
fn preflight_not_a_pdf_or_svg() {
    let m = messages(
        &on_module("ad.txt"),
        &[("ad.txt", b"hello".to_vec())],
        Code::GraphicFormat,
    );
    insta::assert_snapshot!("graphic-format", m);
}

#[test]
fn preflight_unreadable() {
    let m = messages(
        &on_module("ad.pdf"),
        &[("ad.pdf", b"%PDF-1.7\n% cut short\n1 0 obj <<".to_vec())],
        Code::GraphicUnreadable,
    );
    insta::assert_snapshot!("graphic-unreadable", m);
}

#[test]
fn preflight_encrypted() {
    let mut bytes = ad(|_| {});
    let at = bytes.windows(6).rposition(|w| w == b"/Size ").unwrap();
    let enc = b"/Encrypt << /Filter /Standard /V 1 /R 2 /Length 40 /P -4 /O <00112233445566778899AABBCCDDEEFF00112233445566778899AABBCCDDEEFF> /U <00112233445566778899AABBCCDDEEFF00112233445566778899AABBCCDDEEFF> >> /ID [<00> <00>] ";
    bytes.splice(at..at, enc.iter().copied());
    let m = messages(
        &on_module("ad.pdf"),
        &[("ad.pdf", bytes)],
        Code::GraphicEncrypted,
    );
    insta::assert_snapshot!("graphic-encrypted", m);
}

#[test]
fn preflight_page_out_of_range() {
    let g = "[[graphic]]\nfile = \"ad.pdf\"\nmodule = \"通栏\"\npage = 3\n";
    let m = messages(g, &[("ad.pdf", ad(|a| a.pages = 2))], Code::GraphicPage);
    insta::assert_snapshot!("graphic-page", m);
}

#[test]
fn preflight_fonts_not_embedded() {
    let m = messages(
        &on_module("ad.pdf"),
        &[(
            "ad.pdf",
            ad(|a| {
                a.unembedded = true;
                a.text = "Bank".into();
            }),
        )],
        Code::GraphicFontNotEmbedded,
    );
    insta::assert_snapshot!("graphic-font-not-embedded", m);
}

#[test]
fn preflight_device_rgb() {
    let m = messages(
        &on_module("ad.pdf"),
        &[("ad.pdf", ad(|a| a.rgb = true))],
        Code::GraphicColor,
    );
    insta::assert_snapshot!("graphic-color", m);
}

#[test]
fn preflight_another_press() {
    let m = messages(
        &on_module("ad.pdf"),
        &[("ad.pdf", ad(|a| a.intent = Some("FOGRA39".into())))],
        Code::GraphicOutputIntent,
    );
    insta::assert_snapshot!("graphic-output-intent", m);
}

#[test]
fn preflight_low_resolution_image() {
    let m = messages(
        &on_module("ad.pdf"),
        &[("ad.pdf", ad(|a| a.image = Some(([0, 0, 0, 200], 16))))],
        Code::GraphicLowResolution,
    );
    insta::assert_snapshot!("graphic-low-resolution", m);
}

#[test]
fn preflight_total_ink_when_asked() {
    let g = format!("{}\n[output]\ncheck_ink = true\n", on_module("ad.pdf"));
    let m = messages(
        &g,
        &[(
            "ad.pdf",
            ad(|a| a.image = Some(([255, 230, 230, 200], 400))),
        )],
        Code::GraphicInk,
    );
    insta::assert_snapshot!("graphic-ink", m);
    // Not measured unless asked.
    let (laid, _) = build(
        &module_spec(&on_module("ad.pdf")),
        &[(
            "ad.pdf",
            ad(|a| a.image = Some(([255, 230, 230, 200], 400))),
        )],
    )
    .unwrap();
    assert!(laid
        .composed
        .warnings
        .iter()
        .all(|d| d.code != Code::GraphicInk));
}

#[test]
fn preflight_missing_resource() {
    let m = messages(
        &on_module("ad.pdf"),
        &[("ad.pdf", ad(|a| a.missing_font = true))],
        Code::GraphicMissingResource,
    );
    insta::assert_snapshot!("graphic-missing-resource", m);
}

/// The ad with two layers (the spot rule shown, a black block hidden by the file's
/// own default), placed twice on one page.
fn layered_twice() -> (banmian::LaidOut, Vec<u8>) {
    let graphics = format!(
        "{}\n[[graphic]]\nfile = \"ad.pdf\"\nplace = {{ column = 1, span = 5, top = 36, height = 10 }}\n",
        on_module("ad.pdf")
    );
    build(
        &module_spec(&graphics),
        &[("ad.pdf", ad(|a| a.layer = true))],
    )
    .unwrap()
}

/// The catalog's `/OCProperties`: its `/OCGs`, and `/D`'s `/OFF` and `/Order`.
fn oc_properties(doc: &Document) -> (Vec<lopdf::ObjectId>, Vec<lopdf::ObjectId>, &Dictionary) {
    let catalog = doc.catalog().unwrap();
    let props = catalog.get(b"OCProperties").unwrap().as_dict().unwrap();
    let refs = |o: &Object| -> Vec<lopdf::ObjectId> {
        o.as_array()
            .unwrap()
            .iter()
            .map(|r| r.as_reference().unwrap())
            .collect()
    };
    let d = props.get(b"D").unwrap().as_dict().unwrap();
    (
        refs(props.get(b"OCGs").unwrap()),
        refs(d.get(b"OFF").unwrap()),
        d,
    )
}

/// The `/Name` of an optional content group.
fn group_name(doc: &Document, id: lopdf::ObjectId) -> String {
    let g = doc.get_dictionary(id).unwrap();
    assert_eq!(g.get(b"Type").unwrap().as_name().unwrap(), b"OCG");
    String::from_utf8(g.get(b"Name").unwrap().as_str().unwrap().to_vec()).unwrap()
}

/// Every optional content group of the output (by `/Type /OCG`).
fn all_groups(doc: &Document) -> Vec<lopdf::ObjectId> {
    let mut ids: Vec<lopdf::ObjectId> = doc
        .objects
        .iter()
        .filter(|(_, o)| {
            o.as_dict()
                .ok()
                .and_then(|d| d.get(b"Type").ok())
                .and_then(|t| t.as_name().ok())
                == Some(b"OCG")
        })
        .map(|(id, _)| *id)
        .collect();
    ids.sort();
    ids
}

#[test]
fn the_layers_of_a_placed_ad_are_listed_once_and_hidden_ones_stay_off() {
    let (laid, pdf) = layered_twice();
    assert!(
        laid.composed
            .warnings
            .iter()
            .all(|d| d.code != Code::GraphicLayers),
        "layers carried over need no warning"
    );
    let doc = Document::load_mem(&pdf).unwrap();
    let (ocgs, off, d) = oc_properties(&doc);
    let mut listed = ocgs.clone();
    listed.sort();
    listed.dedup();
    assert_eq!(listed.len(), ocgs.len(), "each group once: {ocgs:?}");
    assert_eq!(
        listed,
        all_groups(&doc),
        "every group of the file is listed"
    );
    let names: Vec<String> = ocgs.iter().map(|&g| group_name(&doc, g)).collect();
    assert_eq!(names, ["spot rule", "hidden"], "the ad is copied once");
    let off: Vec<String> = off.iter().map(|&g| group_name(&doc, g)).collect();
    assert_eq!(off, ["hidden"]);
    // PDF/X-4: the default configuration is named and sets nothing by usage.
    assert!(d.get(b"Name").is_ok());
    assert!(d.get(b"AS").is_err());
    let order = d.get(b"Order").unwrap().as_array().unwrap();
    let ordered: Vec<lopdf::ObjectId> = order
        .iter()
        .flat_map(|sub| sub.as_array().unwrap().iter())
        .filter_map(|o| o.as_reference().ok())
        .collect();
    assert_eq!(ordered, ocgs, "the layer panel shows every group");
    // Same bytes twice.
    assert_eq!(pdf, layered_twice().1);
}

/// The proof (hayro honours optional content) does not show the hidden layer: the
/// ad's region on the page matches the ad alone, where the black block is hidden too.
#[test]
fn the_proof_does_not_show_a_hidden_layer() {
    let file = ad(|a| a.layer = true);
    let (_, page_pdf) = build(
        &module_spec(&on_module("ad.pdf")),
        &[("ad.pdf", file.clone())],
    )
    .unwrap();
    let page = raster(&page_pdf);
    let alone = raster(&file);
    let size = (MODULE.0 as usize, MODULE.1 as usize);
    let (on_page, trim) = ((9 + 50, 9 + 626), (9, 9));
    let tolerance = size.0 * size.1 / 500;
    let d = differing((&page, on_page), (&alone, trim), size);
    assert!(d <= tolerance, "{d} pixels differ (tolerance {tolerance})");
    // The hidden block would blacken the left half: its corner is the ad's paper.
    let (w, px) = &page;
    let i = ((on_page.1 + 10) * w + on_page.0 + 10) * 4;
    assert!(px[i] > 200, "the hidden layer shows: {:?}", &px[i..i + 4]);
}

#[test]
fn preflight_layers() {
    let m = messages(
        &on_module("ad.pdf"),
        &[(
            "ad.pdf",
            ad(|a| {
                a.layer = true;
                a.image_layer = true;
            }),
        )],
        Code::GraphicLayers,
    );
    insta::assert_snapshot!("graphic-layers", m);
}

#[test]
fn preflight_layers_set_to_print_otherwise() {
    let m = messages(
        &on_module("ad.pdf"),
        &[(
            "ad.pdf",
            ad(|a| {
                a.layer = true;
                a.prints_hidden = true;
            }),
        )],
        Code::GraphicLayers,
    );
    insta::assert_snapshot!("graphic-layers-print", m);
}

#[test]
fn preflight_no_trim_box() {
    let m = messages(
        &on_module("ad.pdf"),
        &[("ad.pdf", ad(|a| a.no_trim = true))],
        Code::GraphicBox,
    );
    insta::assert_snapshot!("graphic-box", m);
}

#[test]
fn preflight_size_mismatch_and_the_scale_of_a_fit() {
    let small = ad_pdf(&Ad::new(480.0, 110.0));
    let m = messages(
        &on_module("ad.pdf"),
        &[("ad.pdf", small.clone())],
        Code::GraphicSizeMismatch,
    );
    insta::assert_snapshot!("graphic-size-mismatch", m);
    let g = format!("{}fit = \"fit\"\n", on_module("ad.pdf"));
    let m = messages(&g, &[("ad.pdf", small)], Code::GraphicSizeMismatch);
    insta::assert_snapshot!("graphic-size-mismatch-fit", m);
}

#[test]
fn preflight_a_form_that_draws_itself_is_an_error() {
    let m = messages(
        &on_module("ad.pdf"),
        &[("ad.pdf", ad(|a| a.recursive_form = true))],
        Code::GraphicLimit,
    );
    insta::assert_snapshot!("graphic-limit-recursive", m);
    let m = messages(
        &on_module("ad.pdf"),
        &[("ad.pdf", ad(|a| a.nested_forms = 40))],
        Code::GraphicLimit,
    );
    insta::assert_snapshot!("graphic-limit-nested", m);
}

const CHART: &str = r##"<svg xmlns="http://www.w3.org/2000/svg" width="80mm" height="50mm" viewBox="0 0 400 250">
  <rect x="0" y="0" width="400" height="250" fill="#f4efe4"/>
  <rect x="40" y="120" width="60" height="100" fill="#c8102e"/>
  <rect x="140" y="80" width="60" height="140" fill="#c8102e"/>
  <rect x="240" y="40" width="60" height="180" fill="#c8102e"/>
  <text x="40" y="30" font-family="hei" font-size="24" fill="#000">高新区产值</text>
  <text x="300" y="245" font-family="serif" font-size="14">2026</text>
</svg>"##;

#[test]
fn an_svg_chart_is_vector_with_its_text_in_the_pages_faces() {
    let g = "[[graphic]]\nfile = \"chart.svg\"\nplace = { column = 1, span = 2, top = 45, height = 12 }\nfit = \"fit\"\n";
    let (laid, pdf) = build(&module_spec(g), &[("chart.svg", CHART.as_bytes().to_vec())]).unwrap();
    assert!(
        laid.composed
            .warnings
            .iter()
            .all(|d| !d.code.as_str().starts_with("graphic.")),
        "{}",
        laid.composed.warnings
    );
    let doc = Document::load_mem(&pdf).unwrap();
    let icc_rgb = doc
        .objects
        .values()
        .filter_map(|o| o.as_stream().ok())
        .any(|s| s.dict.get(b"N").map(number).ok() == Some(3.0));
    assert!(
        icc_rgb,
        "the SVG's colours are tagged with an RGB ICC profile"
    );
    let fonts: Vec<String> = doc
        .objects
        .values()
        .filter_map(|o| o.as_dict().ok())
        .filter_map(|d| {
            d.get(b"BaseFont")
                .and_then(|n| n.as_name())
                .ok()
                .map(|n| String::from_utf8_lossy(n).into_owned())
        })
        .collect();
    assert!(
        fonts.iter().any(|f| f.contains("NotoSansCJKsc")),
        "{fonts:?}"
    );
    assert!(
        fonts.iter().any(|f| f.contains("NotoSerifCJKsc")),
        "{fonts:?}"
    );
    // No image: the chart stays vector.
    let images = doc
        .objects
        .values()
        .filter_map(|o| o.as_stream().ok())
        .filter(|s| s.dict.get(b"Subtype").and_then(|n| n.as_name()).ok() == Some(b"Image"))
        .count();
    assert_eq!(images, 0);
}

#[test]
fn preflight_svg_references_outside_and_unknown_fonts() {
    let svg = r#"<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="100" height="50">
  <image xlink:href="http://example.com/logo.png" width="10" height="10"/>
  <text x="0" y="40" font-family="Comic Sans MS" font-size="20">Logo</text>
</svg>"#;
    let g = "[[graphic]]\nfile = \"logo.svg\"\nplace = { column = 1, span = 1, top = 45, height = 5 }\nfit = \"fit\"\n";
    let m = messages(
        g,
        &[("logo.svg", svg.as_bytes().to_vec())],
        Code::GraphicExternal,
    );
    insta::assert_snapshot!("graphic-external", m);
    let m = messages(
        g,
        &[("logo.svg", svg.as_bytes().to_vec())],
        Code::GraphicSvgFont,
    );
    insta::assert_snapshot!("graphic-svg-font", m);
}

#[test]
fn hostile_svgs_are_bounded_errors() {
    let g = "[[graphic]]\nfile = \"x.svg\"\nplace = { column = 1, span = 1, top = 45, height = 5 }\nfit = \"fit\"\n";
    let mut bomb = String::from("<?xml version=\"1.0\"?>\n<!DOCTYPE svg [\n<!ENTITY a \"lol\">\n");
    for i in 1..10 {
        let prev = (b'a' + i - 1) as char;
        let refs: String = std::iter::repeat_n(format!("&{prev};"), 10).collect();
        bomb.push_str(&format!("<!ENTITY {} \"{refs}\">\n", (b'a' + i) as char));
    }
    bomb.push_str("]>\n<svg xmlns=\"http://www.w3.org/2000/svg\"><text>&j;</text></svg>");
    let m = messages(g, &[("x.svg", bomb.into_bytes())], Code::GraphicLimit);
    insta::assert_snapshot!("graphic-limit-entities", m);
    let huge = r#"<svg xmlns="http://www.w3.org/2000/svg" width="1000000000" height="1000000000"><rect width="10" height="10"/></svg>"#;
    let m = messages(
        g,
        &[("x.svg", huge.as_bytes().to_vec())],
        Code::GraphicLimit,
    );
    insta::assert_snapshot!("graphic-limit-size", m);
}

#[test]
fn check_json_lists_each_graphic_with_its_preflight() {
    let (laid, _) = ad_on_module();
    let json = serde_json::to_value(&laid.composed.report).unwrap();
    let g = &json["graphics"][0];
    assert_eq!(g["file"], "ad.pdf");
    assert_eq!(g["box"], "trim");
    assert_eq!(g["module"], "通栏");
    assert_eq!(g["scale"], 1.0);
    assert_eq!(g["pages"], 1);
    assert_eq!(g["inspection"]["fonts"][0]["embedded"], true);
    assert!(g["inspection"]["spots"]
        .as_array()
        .unwrap()
        .iter()
        .any(|s| s == "PANTONE 185 C"));
    assert!(g["inspection"]["color_spaces"]
        .as_array()
        .unwrap()
        .iter()
        .any(|s| s == "DeviceCMYK"));
    assert_eq!(g["inspection"]["images"][0]["width"], 200);
}

/// RGBA samples of page 1 of `pdf` at 72 dpi (1 px = 1 pt).
fn raster(pdf: &[u8]) -> (usize, Vec<u8>) {
    let pixmap = banmian::render::proof::rasterise(
        pdf,
        0,
        (72.0, banmian::files::Limits::DEFAULT.proof_pixels),
        |_, _| {},
    )
    .unwrap();
    let w = usize::from(pixmap.width());
    (
        w,
        pixmap.take_rgba8(hayro::vello_cpu::peniko::ImageAlphaType::AlphaPremultiplied),
    )
}

/// Pixels of two `w`×`h` regions that differ by more than a quarter in any channel.
fn differing(
    a: (&(usize, Vec<u8>), (usize, usize)),
    b: (&(usize, Vec<u8>), (usize, usize)),
    (w, h): (usize, usize),
) -> usize {
    let px = |img: &(usize, Vec<u8>), x: usize, y: usize| {
        let i = (y * img.0 + x) * 4;
        [img.1[i], img.1[i + 1], img.1[i + 2]]
    };
    let mut n = 0;
    for y in 0..h {
        for x in 0..w {
            let p = px(a.0, a.1 .0 + x, a.1 .1 + y);
            let q = px(b.0, b.1 .0 + x, b.1 .1 + y);
            if p.iter().zip(q).any(|(u, v)| u.abs_diff(v) > 64) {
                n += 1;
            }
        }
    }
    n
}

/// The proof of the page shows the ad as the ad rendered alone: its region of a
/// 72-dpi proof (the module lands on whole pixels) against the ad's own trim area,
/// within a tolerance that changing one character of the ad exceeds.
#[test]
fn the_proof_shows_the_ad_as_it_is_alone() {
    let ad = Ad::new(MODULE.0, MODULE.1);
    let (_, page_pdf) = ad_on_module();
    let page = raster(&page_pdf);
    let alone = raster(&ad_pdf(&ad));
    let mut other = ad.clone();
    other.text = "招商银行储备".into();
    let changed = raster(&ad_pdf(&other));
    let size = (MODULE.0 as usize, MODULE.1 as usize);
    // Media = trim + 9 pt bleed; the module is at trim (50, 626).
    let on_page = (9 + 50, 9 + 626);
    let trim = (9, 9);
    let tolerance = size.0 * size.1 / 500;
    let d = differing((&page, on_page), (&alone, trim), size);
    assert!(d <= tolerance, "{d} pixels differ (tolerance {tolerance})");
    let d = differing((&changed, trim), (&alone, trim), size);
    assert!(d > tolerance, "one character changed moves only {d} pixels");
}

/// An ad made by another tool (Ghostscript's pdfwrite, committed with its source in
/// tests/fixtures/graphics): placed on its module, preflighted, and shown in the proof
/// as it shows alone.
#[test]
fn an_ad_from_another_tool_places_and_proofs_as_it_is() {
    let gs = include_bytes!("../fixtures/graphics/gs-ad.pdf").to_vec();
    let (laid, pdf) = build(
        &module_spec("[[graphic]]\nfile = \"gs-ad.pdf\"\nmodule = \"通栏\"\n"),
        &[("gs-ad.pdf", gs.clone())],
    )
    .unwrap();
    let graphic_warnings: Vec<_> = laid
        .composed
        .warnings
        .iter()
        .filter(|d| d.code.as_str().starts_with("graphic."))
        .collect();
    assert!(graphic_warnings.is_empty(), "{graphic_warnings:?}");
    let report = &laid.composed.report.graphics[0];
    assert_eq!(report.size_mm, [176.39, 42.33]);
    assert!(
        report.inspection.fonts.iter().all(|f| f.embedded),
        "{:?}",
        report.inspection.fonts
    );
    assert!(report.inspection.spots.contains("PANTONE 185 C"));
    let page = raster(&pdf);
    let alone = raster(&gs);
    let size = (MODULE.0 as usize, MODULE.1 as usize);
    let d = differing((&page, (9 + 50, 9 + 626)), (&alone, (9, 9)), size);
    assert!(d <= size.0 * size.1 / 500, "{d} pixels differ");
}

/// A changed ad file is a changed page for `banmian diff` (the layout dump names the
/// file with a hash of its bytes) and for incremental builds (it is an input).
#[test]
fn a_changed_ad_file_is_noticed() {
    let spec = module_spec("[[graphic]]\nfile = \"ad.pdf\"\nmodule = \"通栏\"\n");
    let (a, _) = build(&spec, &[("ad.pdf", ad(|_| {}))]).unwrap();
    let (b, _) = build(&spec, &[("ad.pdf", ad(|a| a.text = "招商银行储备".into()))]).unwrap();
    assert!(
        a.model.inputs.iter().any(|p| p.ends_with("ad.pdf")),
        "{:?}",
        a.model.inputs
    );
    let dump =
        |l: &banmian::LaidOut| serde_json::to_string(&banmian::dump_layout("A01", l)).unwrap();
    assert_ne!(dump(&a), dump(&b));
}

/// The test page with an ad module and a chart (tests/specs/graphics-ad-module.toml)
/// builds without a warning, and its PDF keeps the ad's fonts and spot ink.
#[test]
fn the_graphics_test_page_builds_cleanly() {
    let spec = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/specs/graphics-ad-module.toml");
    let laid = banmian::lay_out_with(&spec, &crate::common::in_repo()).unwrap();
    assert!(
        laid.composed.warnings.is_empty(),
        "{}",
        laid.composed.warnings
    );
    let pdf = banmian::write_pdf(&laid).unwrap();
    let doc = Document::load_mem(&pdf).unwrap();
    let mut found = (Vec::new(), Vec::new());
    for obj in doc.objects.values() {
        inks_and_fonts(obj, &mut found, 0);
    }
    assert!(
        found.0.iter().any(|s| s == "PANTONE 185 C"),
        "{:?}",
        found.0
    );
    assert!(
        found.1.iter().any(|f| f.ends_with("+Helvetica-Bold")),
        "{:?}",
        found.1
    );
}

#[test]
fn a_caption_on_an_ad_placed_by_module_is_an_error_at_its_key() {
    let graphic = "[[graphic]]\nfile = \"ad.pdf\"\nmodule = \"通栏\"\ncaption = \"本报制图\"\n";
    let m = messages(graphic, &[("ad.pdf", ad(|_| {}))], Code::SpecValue);
    assert!(m.contains("leaves no room for a caption"), "{m}");
    // Located at the caption's value, not at the file or at 1:1.
    let spec = module_spec(graphic);
    let line = 1 + spec.lines().position(|l| l.starts_with("caption")).unwrap();
    assert!(m.contains(&format!("page.toml:{line}:11")), "{m}");
}

#[test]
fn an_ad_in_the_masthead_ear_fills_it() {
    // The broadsheet's 报眼 module is the ear of an 8-column masthead with a 3-column
    // ear: an ad placed there is what fills it, so the empty-ear warning must not come.
    let spec = "[page]\nlayout = \"broadsheet\"\n\n[masthead]\nname = \"鲁中晨报\"\nplace = { column = 1, span = 8, top = 0, height = 14 }\near = { span = 3 }\n\n[[graphic]]\nfile = \"ad.pdf\"\nmodule = \"报眼\"\n";
    let (laid, _) = build(spec, &[("ad.pdf", ad(|_| {}))]).unwrap();
    let codes: Vec<Code> = laid.composed.warnings.iter().map(|w| w.code).collect();
    assert!(!codes.contains(&Code::LayoutMasthead), "{codes:?}");
    // Without the ad the ear is reported.
    let bare = spec.split("[[graphic]]").next().unwrap();
    let (laid, _) = build(bare, &[]).unwrap();
    let codes: Vec<Code> = laid.composed.warnings.iter().map(|w| w.code).collect();
    assert!(codes.contains(&Code::LayoutMasthead), "{codes:?}");
}

#[test]
fn a_text_box_or_a_rule_over_a_graphic_is_an_overlap() {
    let g = "[[graphic]]\nfile = \"chart.svg\"\nplace = { column = 1, span = 2, top = 45, height = 12 }\nfit = \"fit\"\n";
    let others = "\n[[textbox]]\nid = \"note\"\nplace = { column = 2, span = 2, top = 50, height = 4 }\n\n[[textbox.lines]]\ntext = \"说明\"\n\n[[rule]]\nvertical = { gutter = 1, top = 40, height = 10 }\n";
    let spec = module_spec(&format!("{g}{others}"));
    let (laid, _) = build(&spec, &[("chart.svg", CHART.as_bytes().to_vec())]).unwrap();
    let overlaps: Vec<&str> = laid
        .composed
        .warnings
        .iter()
        .filter(|w| w.code == Code::LayoutOverlap)
        .map(|w| w.message.as_str())
        .collect();
    assert!(
        overlaps.contains(&"graphic chart.svg and text box `note` overlap on the grid"),
        "{overlaps:?}"
    );
    assert!(
        overlaps.contains(&"a rule runs across graphic chart.svg"),
        "{overlaps:?}"
    );
    assert_eq!(overlaps.len(), 2, "{overlaps:?}");
}
