//! Issue #15 as a newsroom service sees it: an incremental build that never ships a
//! stale page, writes that never lose or clobber a file, PDFs that qpdf accepts, text
//! hygiene, and a photo placed many times embedded once.

use crate::common::{self, banmian};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

fn repo(p: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(p)
}

const CACHE_PAGE: &str = r#"[page]
layout = "tabloid"
date_epoch = 1607011200

[[fonts]]
name = "kai-file"
file = "kai.ttf"

[[article]]
headline = { text = "晨曦初照", font = "kai-file" }
body_file = "body.txt"
place = { column = 1, span = 3, top = 0, height = 20 }

[[photo]]
file = "photo.jpg"
place = { column = 4, span = 2, top = 0, height = 10 }

[[graphic]]
file = "chart.svg"
place = { column = 4, span = 2, top = 12, height = 10 }
fit = "fit"
"#;

/// An edition of one page that reads every kind of input: spec, body, photo, font,
/// graphic (and looks for a layout file beside it).
fn cache_edition(dir: &Path) -> PathBuf {
    std::fs::write(
        dir.join("edition.toml"),
        "[edition]\npaper = \"鲁中晨报\"\ndate = \"2020-12-04\"\n\n[[page]]\nlabel = \"A01\"\nspec = \"page.toml\"\n",
    )
    .unwrap();
    std::fs::write(dir.join("page.toml"), CACHE_PAGE).unwrap();
    std::fs::write(dir.join("body.txt"), "第一段正文。\n\n第二段正文。\n").unwrap();
    std::fs::copy(repo("tests/fixtures/rgb-8x8.jpg"), dir.join("photo.jpg")).unwrap();
    std::fs::copy(repo("fonts/BanmianKai-Regular.ttf"), dir.join("kai.ttf")).unwrap();
    std::fs::copy(
        repo("tests/fixtures/graphics/chart.svg"),
        dir.join("chart.svg"),
    )
    .unwrap();
    dir.join("edition.toml")
}

/// Builds the edition and returns A01's status (`built`, `reused`, …).
fn edition_status(edition: &Path, out: &Path) -> String {
    let r = banmian(&[
        "edition",
        edition.to_str().unwrap(),
        "-o",
        out.to_str().unwrap(),
    ]);
    let stderr = String::from_utf8_lossy(&r.stderr);
    assert!(r.status.code().is_some_and(|c| c <= 1), "{stderr}");
    let report: serde_json::Value =
        serde_json::from_slice(&std::fs::read(out.join("report.json")).unwrap()).unwrap();
    report["pages"][0]["status"].as_str().unwrap().to_string()
}

fn append(path: &Path, bytes: &[u8]) {
    let mut b = std::fs::read(path).unwrap();
    b.extend_from_slice(bytes);
    std::fs::write(path, b).unwrap();
}

#[test]
fn an_edition_page_is_rebuilt_when_any_input_changes_and_reused_otherwise() {
    let dir = common::scratch("safety", "cache");
    let out = dir.join("out");
    let ed = cache_edition(&dir);
    assert_eq!(edition_status(&ed, &out), "built");
    assert_eq!(edition_status(&ed, &out), "reused");
    type Change = Box<dyn Fn(&Path)>;
    let changes: Vec<(&str, Change)> = vec![
        (
            "the spec",
            Box::new(|d| append(&d.join("page.toml"), b"# edited\n")),
        ),
        (
            "the body",
            Box::new(|d| append(&d.join("body.txt"), "\n第三段。\n".as_bytes())),
        ),
        (
            "the photo",
            Box::new(|d| {
                std::fs::copy(
                    repo("tests/fixtures/cmyk-adobe-8x8.jpg"),
                    d.join("photo.jpg"),
                )
                .unwrap();
            }),
        ),
        (
            "the font",
            Box::new(|d| append(&d.join("kai.ttf"), &[0; 4])),
        ),
        (
            "the graphic",
            Box::new(|d| {
                let svg = std::fs::read_to_string(d.join("chart.svg")).unwrap();
                std::fs::write(
                    d.join("chart.svg"),
                    svg.replacen("<svg", "<!-- v2 -->\n<svg", 1),
                )
                .unwrap();
            }),
        ),
        (
            "a layout file that shadows the built-in one",
            Box::new(|d| {
                std::fs::create_dir_all(d.join("layouts")).unwrap();
                std::fs::copy(repo("layouts/tabloid.toml"), d.join("layouts/tabloid.toml"))
                    .unwrap();
            }),
        ),
        (
            "the layout dump deleted",
            Box::new(|d| std::fs::remove_file(d.join("out/layout/A01.json")).unwrap()),
        ),
    ];
    for (what, change) in changes {
        change(&dir);
        assert_eq!(edition_status(&ed, &out), "built", "after changing {what}");
        assert!(out.join("layout/A01.json").is_file(), "{what}");
        assert_eq!(
            edition_status(&ed, &out),
            "reused",
            "after {what}, unchanged"
        );
    }
}

#[test]
fn the_key_is_made_from_the_bytes_the_build_used() {
    // A file edited during a build: the model keeps the bytes it was built from, so
    // the key recorded differs from the key of the file as it is afterwards.
    let dir = common::scratch("safety", "mid-build");
    cache_edition(&dir);
    let laid = banmian::lay_out(&dir.join("page.toml")).unwrap();
    let used = |name: &str| {
        laid.model
            .input_bytes
            .iter()
            .find(|(p, _)| p.ends_with(name))
            .map(|(_, b)| b.to_vec())
            .unwrap_or_else(|| panic!("{name} is an input"))
    };
    for name in ["page.toml", "body.txt", "photo.jpg", "kai.ttf", "chart.svg"] {
        assert_eq!(used(name), std::fs::read(dir.join(name)).unwrap(), "{name}");
    }
    assert!(
        laid.model
            .absent
            .iter()
            .any(|p| p.ends_with("layouts/tabloid.toml")),
        "the layout looked for in vain is recorded: {:?}",
        laid.model.absent
    );
    std::fs::write(dir.join("body.txt"), "改过的正文。\n").unwrap();
    assert_eq!(
        used("body.txt"),
        "第一段正文。\n\n第二段正文。\n".as_bytes()
    );
    let inputs: Vec<(&Path, &[u8])> = laid
        .model
        .input_bytes
        .iter()
        .map(|(p, b)| (p.as_path(), &b[..]))
        .collect();
    let record = banmian::edition::manifest::PageRecord {
        inputs: inputs.iter().map(|(p, _)| p.to_path_buf()).collect(),
        absent: laid.model.absent.clone(),
        key: banmian::edition::manifest::page_key("A01", &inputs, &laid.model.absent, b""),
        layout_sha256: None,
        report: banmian::edition::PageReport::new(
            "A01",
            Path::new("page.toml"),
            banmian::edition::Status::Built,
        ),
    };
    let now = banmian::edition::manifest::key_on_disk("A01", &record, b"").unwrap();
    assert_ne!(
        now, record.key,
        "the edited body must not be taken for the one used"
    );
}

#[test]
fn watch_rebuilds_when_a_shadowing_layout_file_appears() {
    use std::io::{BufRead, BufReader};
    let dir = common::scratch("safety", "watch");
    cache_edition(&dir);
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_banmian"))
        .args([
            "watch",
            dir.join("page.toml").to_str().unwrap(),
            "--max-rebuilds",
            "1",
        ])
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let stderr = child.stderr.take().unwrap();
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        for line in BufReader::new(stderr).lines().map_while(Result::ok) {
            let _ = tx.send(line);
        }
    });
    let mut lines = Vec::new();
    let deadline = Instant::now() + Duration::from_secs(120);
    while !lines.iter().any(|l: &String| l.starts_with("watching")) {
        assert!(Instant::now() < deadline, "{lines:?}");
        if let Ok(l) = rx.recv_timeout(Duration::from_millis(200)) {
            lines.push(l);
        }
    }
    // Nothing else makes it rebuild (writing its own PDF does not).
    std::thread::sleep(Duration::from_millis(1500));
    assert!(
        child.try_wait().unwrap().is_none(),
        "a rebuild nobody asked for: {lines:?}"
    );
    // A new layouts/ folder and the file in it: the page now uses another grid.
    std::fs::create_dir_all(dir.join("layouts")).unwrap();
    std::fs::copy(
        repo("layouts/tabloid.toml"),
        dir.join("layouts/tabloid.toml"),
    )
    .unwrap();
    let status = loop {
        if let Some(s) = child.try_wait().unwrap() {
            break s;
        }
        if Instant::now() > deadline {
            let _ = child.kill();
            panic!("watch did not rebuild: {lines:?}");
        }
        while let Ok(l) = rx.try_recv() {
            lines.push(l);
        }
        std::thread::sleep(Duration::from_millis(100));
    };
    while let Ok(l) = rx.recv_timeout(Duration::from_millis(200)) {
        lines.push(l);
    }
    assert!(status.success(), "{lines:?}");
    let rebuilt = lines.iter().filter(|l| l.starts_with("rebuilt")).count();
    assert_eq!(rebuilt, 2, "{lines:?}");
}

#[test]
fn a_symlink_planted_at_the_old_temp_name_is_not_followed() {
    let dir = common::scratch("safety", "symlink");
    let victim = dir.join("victim.txt");
    std::fs::write(&victim, b"precious").unwrap();
    let out = dir.join("out.pdf");
    // The name the writer used to take: `.out.pdf.PID.tmp`.
    let planted = dir.join(format!(".out.pdf.{}.tmp", std::process::id()));
    std::os::unix::fs::symlink(&victim, &planted).unwrap();
    banmian::write_atomically(&out, b"%PDF-new").unwrap();
    assert_eq!(std::fs::read(&victim).unwrap(), b"precious");
    assert_eq!(std::fs::read(&out).unwrap(), b"%PDF-new");
    let left: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(banmian::TEMP_SUFFIX))
        .collect();
    assert!(left.is_empty(), "{left:?}");
}

#[test]
fn stale_temp_files_of_dead_builds_are_removed_and_live_ones_kept() {
    let dir = common::scratch("safety", "stale");
    // PIDs above Linux's largest (4,194,304) belong to no process.
    let dead_new = dir.join(format!(".out.pdf.4999999.Ab12Cd{}", banmian::TEMP_SUFFIX));
    let dead_old = dir.join(".out.pdf.4999998.tmp");
    let live = dir.join(format!(
        ".out.pdf.{}.Zz99Yy{}",
        std::process::id(),
        banmian::TEMP_SUFFIX
    ));
    let other = dir.join(".other.pdf.4999999.tmp");
    for p in [&dead_new, &dead_old, &live, &other] {
        std::fs::write(p, b"half a PDF").unwrap();
    }
    banmian::write_atomically(&dir.join("out.pdf"), b"%PDF-").unwrap();
    assert!(
        !dead_new.exists() && !dead_old.exists(),
        "stale temp files are removed"
    );
    assert!(live.exists(), "a running build's temp file is left alone");
    assert!(
        other.exists(),
        "only temp files of the file written are touched"
    );
}

#[test]
fn a_failed_write_keeps_what_was_there_and_leaves_no_temp_file() {
    let dir = common::scratch("safety", "failed-write");
    // A folder where the PDF should go: the rename fails.
    let out = dir.join("out.pdf");
    std::fs::create_dir(&out).unwrap();
    std::fs::write(out.join("keep.txt"), b"kept").unwrap();
    assert!(banmian::write_atomically(&out, b"%PDF-").is_err());
    assert_eq!(std::fs::read(out.join("keep.txt")).unwrap(), b"kept");
    let left: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n != "out.pdf")
        .collect();
    assert!(left.is_empty(), "{left:?}");
}

#[test]
fn the_output_may_not_be_an_input() {
    let dir = common::scratch("safety", "output-is-input");
    cache_edition(&dir);
    let spec = dir.join("page.toml");
    for target in ["page.toml", "body.txt", "./kai.ttf"] {
        let before = std::fs::read(dir.join(target)).unwrap();
        let r = banmian(&[
            "build",
            spec.to_str().unwrap(),
            "-o",
            dir.join(target).to_str().unwrap(),
        ]);
        let stderr = String::from_utf8_lossy(&r.stderr);
        assert_eq!(r.status.code(), Some(2), "{stderr}");
        assert!(
            stderr.contains("error: refusing to write the output to"),
            "{stderr}"
        );
        assert!(stderr.contains("an input of the page"), "{stderr}");
        assert_eq!(
            std::fs::read(dir.join(target)).unwrap(),
            before,
            "{target} is intact"
        );
    }
}

#[test]
fn an_edition_folder_is_locked_and_no_page_may_be_labelled_edition() {
    let dir = common::scratch("safety", "lock");
    let out = dir.join("out");
    let ed = cache_edition(&dir);
    std::fs::create_dir_all(&out).unwrap();
    // Another build holds the folder's lock.
    let lock = std::fs::OpenOptions::new()
        .create(true)
        .truncate(false)
        .write(true)
        .open(out.join(banmian::edition::LOCK_NAME))
        .unwrap();
    lock.lock().unwrap();
    let r = banmian(&["edition", ed.to_str().unwrap(), "-o", out.to_str().unwrap()]);
    let stderr = String::from_utf8_lossy(&r.stderr);
    assert_eq!(r.status.code(), Some(2), "{stderr}");
    assert!(
        stderr.contains("another edition build is writing to"),
        "{stderr}"
    );
    assert!(!out.join("A01.pdf").exists());
    drop(lock);
    assert_eq!(edition_status(&ed, &out), "built");

    let text = std::fs::read_to_string(&ed)
        .unwrap()
        .replace("\"A01\"", "\"edition\"");
    std::fs::write(&ed, text).unwrap();
    let r = banmian(&["edition", ed.to_str().unwrap(), "-o", out.to_str().unwrap()]);
    let stderr = String::from_utf8_lossy(&r.stderr);
    assert_eq!(r.status.code(), Some(2), "{stderr}");
    assert!(
        stderr.contains("edition.toml:6:9: error: page label `edition` is reserved"),
        "{stderr}"
    );
}

/// Runs `qpdf --check` on a PDF; `None` when qpdf is not installed (CI without it).
fn qpdf_check(pdf: &Path) -> Option<(bool, String)> {
    let r = std::process::Command::new("qpdf")
        .arg("--check")
        .arg(pdf)
        .output()
        .ok()?;
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&r.stdout),
        String::from_utf8_lossy(&r.stderr)
    );
    // qpdf exits 0 when clean, 3 with warnings, 2 with errors.
    Some((
        r.status.code() == Some(0) && !text.contains("WARNING"),
        text,
    ))
}

#[test]
fn every_pdf_written_passes_qpdf_check() {
    let dir = common::scratch("safety", "qpdf");
    let mut pdfs = Vec::new();
    for sample in [
        "samples/zibo-gaoxin/page.toml",
        "samples/sports-page/page.toml",
        "samples/front-page/page.toml",
        "tests/specs/graphics-ad-module.toml",
    ] {
        let out = dir.join(sample.replace('/', "-")).with_extension("pdf");
        let r = banmian(&[
            "build",
            repo(sample).to_str().unwrap(),
            "-o",
            out.to_str().unwrap(),
            "--root",
            env!("CARGO_MANIFEST_DIR"),
        ]);
        assert!(r.status.success(), "{}", String::from_utf8_lossy(&r.stderr));
        pdfs.push(out);
    }
    // Hostile text and values that once wrote illegal PDF: combining marks, control
    // and private-use characters, a spot ink with odd bytes in its name.
    let page = dir.join("hostile.toml");
    std::fs::write(
        &page,
        "[page]\nlayout = \"tabloid\"\n\n[swatches]\nodd = { spot = \"PANTONE (485) C/#1\", cmyk = \"0 95 100 0\" }\n\n[[article]]\nheadline = \"pi\\u0304n yi\\u0304n \\u0007\\ue000\"\nbody = \"a\\u0301\\u0301\\u0301\\u0301\\u0301\\u0301\\u0301\\u0301\\u0301\\u0301\\u0301\\u0301 正文。\"\nplace = { column = 1, span = 3, top = 0, height = 20 }\n",
    )
    .unwrap();
    let out = dir.join("hostile.pdf");
    let r = banmian(&["build", page.to_str().unwrap(), "-o", out.to_str().unwrap()]);
    assert!(r.status.success(), "{}", String::from_utf8_lossy(&r.stderr));
    pdfs.push(out);
    // An edition: page PDFs and the combined one.
    let ed_dir = dir.join("edition");
    std::fs::create_dir_all(&ed_dir).unwrap();
    let ed = cache_edition(&ed_dir);
    assert_eq!(edition_status(&ed, &ed_dir.join("out")), "built");
    pdfs.push(ed_dir.join("out/A01.pdf"));
    pdfs.push(ed_dir.join("out/edition.pdf"));
    for pdf in &pdfs {
        let Some((ok, text)) = qpdf_check(pdf) else {
            eprintln!(
                "qpdf is not installed: skipping the check of {}",
                pdf.display()
            );
            return;
        };
        assert!(ok, "{}: {text}", pdf.display());
    }
}

#[test]
fn text_is_normalised_and_unprintable_characters_are_reported_where_they_stand() {
    let dir = common::scratch("safety", "hygiene");
    // A BOM, old-Mac line ends, decomposed pinyin, a bell, a right-to-left override,
    // a private-use and an unassigned character.
    let body = "\u{feff}### 小标题\rpi\u{304}n yi\u{304}n 正文\u{7}。\r\r第二段\u{202e}正文\u{e000}，\u{378}完。\r";
    std::fs::write(dir.join("body.txt"), body).unwrap();
    std::fs::write(
        dir.join("page.toml"),
        "[page]\nlayout = \"tabloid\"\n\n[[article]]\nheadline = \"标题\\u001b[2J\"\nbody_file = \"body.txt\"\nplace = { column = 1, span = 3, top = 0, height = 20 }\n",
    )
    .unwrap();
    let (laid, pdf) = banmian::build_pdf(&dir.join("page.toml")).unwrap();
    let warnings: Vec<String> = laid
        .composed
        .warnings
        .iter()
        .filter(|d| d.code.as_str() == "text.character")
        .map(|d| d.to_string().lines().next().unwrap().to_string())
        .collect();
    let body_path = dir.join("body.txt").display().to_string();
    let spec_path = dir.join("page.toml").display().to_string();
    assert_eq!(
        warnings,
        [
            format!("{body_path}:2:11: warning: U+0007 in the text is a control character"),
            format!(
                "{body_path}:4:4: warning: U+202E in the text is a bidirectional control character"
            ),
            format!("{body_path}:4:7: warning: U+E000 in the text is a private-use character"),
            format!(
                "{body_path}:4:9: warning: U+0378 in the text is not an assigned Unicode character"
            ),
            format!("{spec_path}:5:15: warning: U+001B in the spec is a control character"),
        ]
    );
    // The message that quotes the escape shows it, never sends it to the terminal.
    let r = banmian(&["check", dir.join("page.toml").to_str().unwrap()]);
    assert!(
        !r.stderr.contains(&0x1b),
        "{}",
        String::from_utf8_lossy(&r.stderr)
    );
    // The text as printed: the subhead is a subhead (BOM gone), paragraphs kept apart
    // (CR-only line ends), the pinyin composed (ī is in the fonts, ı + U+0304 was not).
    let doc = lopdf::Document::load_mem(&pdf).unwrap();
    let text = doc.extract_text(&[1]).unwrap_or_default();
    let compact: String = text.split_whitespace().collect();
    assert!(compact.contains("小标题"), "{text}");
    assert!(compact.contains("pīnyīn"), "{text}");
    assert!(!compact.contains("###"), "{text}");
    assert!(
        !laid
            .composed
            .warnings
            .iter()
            .any(|d| d.code.as_str() == "text.missing-glyph" && d.message.contains("U+0304")),
        "the combining macron is composed away"
    );
    let blocks = &laid.model.articles[0].blocks;
    assert_eq!(blocks.len(), 3, "subhead and two paragraphs");
}

#[test]
fn a_photo_placed_many_times_under_several_names_is_embedded_once() {
    let dir = common::scratch("safety", "same-photo");
    std::fs::create_dir_all(dir.join("sub")).unwrap();
    let jpeg = repo("samples/zibo-gaoxin/photos/board.jpg");
    std::fs::copy(&jpeg, dir.join("photo.jpg")).unwrap();
    std::fs::copy(&jpeg, dir.join("copy.jpg")).unwrap();
    let names = ["photo.jpg", "./photo.jpg", "sub/../photo.jpg", "copy.jpg"];
    let mut spec = String::from("[page]\nlayout = \"tabloid\"\n");
    for i in 0..40 {
        spec += &format!(
            "\n[[photo]]\nfile = \"{}\"\nplace = {{ column = {}, span = 1, top = {}, height = 4 }}\n",
            names[i % names.len()],
            1 + i % 5,
            (i / 5) * 5,
        );
    }
    std::fs::write(dir.join("page.toml"), spec).unwrap();
    let (_, pdf) = banmian::build_pdf(&dir.join("page.toml")).unwrap();
    let doc = lopdf::Document::load_mem(&pdf).unwrap();
    let images = doc
        .objects
        .values()
        .filter_map(|o| o.as_stream().ok())
        .filter(|s| {
            s.dict
                .get(b"Subtype")
                .and_then(|v| v.as_name())
                .is_ok_and(|n| n == b"Image")
        })
        .count();
    assert_eq!(images, 1, "one image XObject for 40 placements");
    let jpeg_len = std::fs::metadata(&jpeg).unwrap().len() as usize;
    assert!(
        pdf.len() < jpeg_len + 2_000_000,
        "the PDF ({} bytes) holds the photo ({jpeg_len} bytes) once",
        pdf.len()
    );
}

/// A page placing `file` in a few grid cells.
fn graphic_page(dir: &Path, file: &str) -> PathBuf {
    let spec = format!(
        "[page]\nlayout = \"tabloid\"\n\n[[graphic]]\nfile = \"{file}\"\nplace = {{ column = 1, span = 2, top = 0, height = 10 }}\nfit = \"fit\"\n"
    );
    std::fs::write(dir.join("page.toml"), spec).unwrap();
    dir.join("page.toml")
}

#[test]
fn a_placed_pdf_whose_streams_inflate_past_the_budget_is_refused_before_decoding() {
    use pdf_writer::{Filter, Finish, Rect, Ref};
    let dir = common::scratch("safety", "deflate-bomb");
    // 64 MiB of content that deflates to about 64 KiB, under a budget of 8 MiB.
    let zeros = vec![b' '; 64 << 20];
    let packed = miniz_oxide::deflate::compress_to_vec_zlib(&zeros, 6);
    drop(zeros);
    let mut pdf = pdf_writer::Pdf::new();
    let (cat, tree, page, content) = (Ref::new(1), Ref::new(2), Ref::new(3), Ref::new(4));
    pdf.catalog(cat).pages(tree);
    pdf.pages(tree).kids([page]).count(1);
    let mut p = pdf.page(page);
    let area = Rect::new(0.0, 0.0, 200.0, 100.0);
    p.media_box(area)
        .trim_box(area)
        .parent(tree)
        .contents(content);
    p.finish();
    pdf.stream(content, &packed).filter(Filter::FlateDecode);
    std::fs::write(dir.join("bomb.pdf"), pdf.finish()).unwrap();
    let spec = graphic_page(&dir, "bomb.pdf");
    let t = Instant::now();
    let r = banmian(&[
        "build",
        spec.to_str().unwrap(),
        "--limit",
        "graphic-decoded-bytes=8MiB",
    ]);
    let stderr = String::from_utf8_lossy(&r.stderr);
    assert_eq!(r.status.code(), Some(2), "{stderr}");
    assert!(
        stderr.contains("page.toml:5:8: error:")
            && stderr.contains("has streams that would take more than 8 MiB once decompressed")
            && stderr.contains("--limit graphic-decoded-bytes=N"),
        "{stderr}"
    );
    assert!(t.elapsed() < Duration::from_secs(20), "{:?}", t.elapsed());
    // Within the default budget the same file is read (and its content is nothing).
    let r = banmian(&["check", spec.to_str().unwrap()]);
    assert!(
        !String::from_utf8_lossy(&r.stderr).contains("once decompressed"),
        "{}",
        String::from_utf8_lossy(&r.stderr)
    );
}

fn base64(bytes: &[u8]) -> String {
    const ABC: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::new();
    for chunk in bytes.chunks(3) {
        let b = [
            chunk[0],
            *chunk.get(1).unwrap_or(&0),
            *chunk.get(2).unwrap_or(&0),
        ];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(ABC[(n >> (18 - 6 * i) & 63) as usize] as char);
            } else {
                out.push('=');
            }
        }
    }
    out
}

#[test]
fn an_svg_embedding_an_image_over_the_pixel_limit_is_refused_before_decoding_it() {
    let dir = common::scratch("safety", "svg-image");
    let img = image::RgbImage::from_pixel(40, 30, image::Rgb([200, 10, 10]));
    let mut png = std::io::Cursor::new(Vec::new());
    img.write_to(&mut png, image::ImageFormat::Png).unwrap();
    let svg = format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"40mm\" height=\"30mm\" viewBox=\"0 0 40 30\"><image width=\"40\" height=\"30\" href=\"data:image/png;base64,{}\"/></svg>",
        base64(png.get_ref())
    );
    std::fs::write(dir.join("chart.svg"), svg).unwrap();
    let spec = graphic_page(&dir, "chart.svg");
    // 1,200 pixels: fine by default, over a limit of 1,000.
    let r = banmian(&["check", spec.to_str().unwrap()]);
    assert_eq!(
        r.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&r.stderr)
    );
    let r = banmian(&[
        "check",
        spec.to_str().unwrap(),
        "--limit",
        "image-pixels=1000",
    ]);
    let stderr = String::from_utf8_lossy(&r.stderr);
    assert_eq!(r.status.code(), Some(2), "{stderr}");
    assert!(
        stderr.contains("page.toml:5:8: error:")
            && stderr.contains("embeds an image of 40 × 30 pixels"),
        "{stderr}"
    );
}

#[test]
fn a_date_outside_the_years_a_pdf_can_hold_is_a_located_error() {
    let dir = common::scratch("safety", "date");
    let spec = dir.join("page.toml");
    std::fs::write(
        &spec,
        "[page]\nlayout = \"tabloid\"\ndate_epoch = 400000000000\n",
    )
    .unwrap();
    let r = banmian(&["build", spec.to_str().unwrap()]);
    let stderr = String::from_utf8_lossy(&r.stderr);
    assert_eq!(r.status.code(), Some(2), "{stderr}");
    assert!(
        stderr
            .contains("page.toml:3:14: error: date_epoch 400000000000 is outside the years 0–9999"),
        "{stderr}"
    );
    assert!(!dir.join("page.pdf").exists());
}

#[test]
fn a_qr_code_that_cannot_be_made_is_a_located_warning() {
    let dir = common::scratch("safety", "qr");
    let spec = dir.join("page.toml");
    let url = format!("https://example.com/{}", "a".repeat(3000));
    std::fs::write(
        &spec,
        format!("[page]\nlayout = \"tabloid\"\n\n[[promo]]\ntext = \"扫码\"\nurl = \"{url}\"\nplace = {{ column = 1, span = 2, top = 0, height = 12 }}\n"),
    )
    .unwrap();
    let laid = banmian::lay_out(&spec).unwrap();
    let w: Vec<String> = laid
        .composed
        .warnings
        .iter()
        .filter(|d| d.code.as_str() == "layout.promo-qr")
        .map(|d| d.to_string())
        .collect();
    assert_eq!(w.len(), 1, "{:?}", laid.composed.warnings);
    assert!(
        w[0].contains("page.toml:5:8: warning: the URL (3020 bytes) is too long for a QR code"),
        "{}",
        w[0]
    );
}

#[test]
fn no_command_writes_over_an_input() {
    let dir = common::scratch("safety", "no-overwrite");
    // `layout -o` naming the body.
    cache_edition(&dir);
    let body = std::fs::read(dir.join("body.txt")).unwrap();
    let r = banmian(&[
        "layout",
        dir.join("page.toml").to_str().unwrap(),
        "-o",
        dir.join("body.txt").to_str().unwrap(),
    ]);
    assert_eq!(
        r.status.code(),
        Some(2),
        "{}",
        String::from_utf8_lossy(&r.stderr)
    );
    assert_eq!(std::fs::read(dir.join("body.txt")).unwrap(), body);

    // A proof named like a photo the page places (`photo.toml` → `photo.png`).
    let img = image::RgbImage::from_pixel(60, 40, image::Rgb([20, 90, 160]));
    img.save(dir.join("photo.png")).unwrap();
    let png = std::fs::read(dir.join("photo.png")).unwrap();
    std::fs::write(
        dir.join("photo.toml"),
        "[page]\nlayout = \"tabloid\"\n\n[[photo]]\nfile = \"photo.png\"\nplace = { column = 1, span = 1, top = 0, height = 4 }\n",
    )
    .unwrap();
    let r = banmian(&[
        "proof",
        dir.join("photo.toml").to_str().unwrap(),
        "-o",
        dir.to_str().unwrap(),
    ]);
    let stderr = String::from_utf8_lossy(&r.stderr);
    assert_ne!(r.status.code(), Some(0), "{stderr}");
    assert!(stderr.contains("an input of the page"), "{stderr}");
    assert_eq!(std::fs::read(dir.join("photo.png")).unwrap(), png);

    // An edition built into its own folder, where an ad is named like a page's PDF.
    let ed = dir.join("ed");
    std::fs::create_dir_all(&ed).unwrap();
    std::fs::copy(
        repo("tests/fixtures/graphics/tonglan.pdf"),
        ed.join("A01.pdf"),
    )
    .unwrap();
    let ad = std::fs::read(ed.join("A01.pdf")).unwrap();
    std::fs::write(
        ed.join("page.toml"),
        "[page]\nlayout = \"tabloid\"\n\n[[graphic]]\nfile = \"A01.pdf\"\nmodule = \"通栏\"\n",
    )
    .unwrap();
    std::fs::write(
        ed.join("edition.toml"),
        "[edition]\npaper = \"鲁中晨报\"\ndate = \"2020-12-04\"\n\n[[page]]\nlabel = \"A01\"\nspec = \"page.toml\"\n",
    )
    .unwrap();
    let r = banmian(&[
        "edition",
        ed.join("edition.toml").to_str().unwrap(),
        "-o",
        ed.to_str().unwrap(),
    ]);
    let stderr = String::from_utf8_lossy(&r.stderr);
    assert_eq!(r.status.code(), Some(2), "{stderr}");
    assert!(stderr.contains("an input of the page"), "{stderr}");
    assert_eq!(std::fs::read(ed.join("A01.pdf")).unwrap(), ad);
}

#[test]
fn output_into_a_closed_pipe_ends_quietly() {
    // `banmian layout page.toml | head -1`: the reader goes away before the output is
    // written. That is no panic and no error.
    for args in [
        &["layout", "samples/zibo-gaoxin/page.toml"][..],
        &["schema", "page"][..],
    ] {
        let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_banmian"))
            .args(args)
            .current_dir(env!("CARGO_MANIFEST_DIR"))
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .unwrap();
        drop(child.stdout.take());
        let out = child.wait_with_output().unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(!stderr.contains("panicked"), "{args:?}: {stderr}");
        assert_eq!(out.status.code(), Some(0), "{args:?}: {stderr}");
    }
}

#[test]
fn a_font_file_cut_short_is_an_error_at_its_key() {
    let dir = common::scratch("safety", "cut-font");
    let kai = std::fs::read(repo("fonts/BanmianKai-Regular.ttf")).unwrap();
    std::fs::write(dir.join("kai.ttf"), &kai[..300_000]).unwrap();
    std::fs::write(
        dir.join("page.toml"),
        "[page]\nlayout = \"tabloid\"\n\n[[fonts]]\nname = \"k\"\nfile = \"kai.ttf\"\n\n[[article]]\nheadline = { text = \"晨曦初照\", font = \"k\" }\nbody = \"正文。\"\nplace = { column = 1, span = 3, top = 0, height = 20 }\n",
    )
    .unwrap();
    let r = banmian(&["build", dir.join("page.toml").to_str().unwrap()]);
    let stderr = String::from_utf8_lossy(&r.stderr);
    assert_eq!(r.status.code(), Some(2), "{stderr}");
    assert!(
        stderr.contains("page.toml:6:8: error: font file"),
        "{stderr}"
    );
    assert!(
        stderr.contains("but the file has only 300000 bytes"),
        "{stderr}"
    );
    assert!(
        stderr.contains("banmian: 1 error(s)"),
        "no follow-on errors: {stderr}"
    );
}

#[test]
fn a_masthead_too_low_for_its_name_is_a_located_error_not_a_panic() {
    // Found by the long fuzz run (case 158525, from samples/front-page): a masthead one
    // grid line high with a tagline overflowed a subtraction while it was drawn.
    let dir = common::scratch("safety", "masthead");
    for (height, tagline, ok) in [
        (1, true, false),
        (2, true, false),
        (3, true, true),
        (1, false, false),
        (2, false, true),
    ] {
        let tag = if tagline {
            "tagline = \"全国百强报刊\"\n"
        } else {
            ""
        };
        std::fs::write(
            dir.join("page.toml"),
            format!("[page]\nlayout = \"broadsheet\"\n\n[masthead]\nname = \"鲁中晨报\"\n{tag}place = {{ column = 1, span = 8, top = 0, height = {height} }}\n"),
        )
        .unwrap();
        let r = std::panic::catch_unwind(|| banmian::lay_out(&dir.join("page.toml")));
        let r = r.unwrap_or_else(|_| panic!("height {height}, tagline {tagline}: a panic"));
        match r {
            Ok(_) => assert!(ok, "height {height}, tagline {tagline}: built"),
            Err(e) => {
                assert!(!ok, "height {height}: {e}");
                let line = if tagline { 7 } else { 6 };
                assert!(
                    e.to_string().contains(&format!("page.toml:{line}:"))
                        && e.to_string().contains("has no room for its name"),
                    "{e}"
                );
            }
        }
    }
}

#[test]
fn a_head_width_near_zero_is_a_located_error_not_a_panic() {
    // Found by a fuzz run on the merged code (case 25897, from tests/specs/heads/reverse.toml):
    // `width = 1e-308` made the line breaker's estimate of lines overflow.
    let dir = common::scratch("safety", "head-width");
    for width in ["1e-308", "0.5", "\"0.0001mm\""] {
        std::fs::write(
            dir.join("page.toml"),
            format!("[page]\nlayout = \"tabloid\"\n\n[[article]]\nkicker = {{ text = \"评论\", width = {width} }}\nheadline = \"标题\"\nbody = \"正文。\"\nplace = {{ column = 1, span = 3, top = 0, height = 20 }}\n"),
        )
        .unwrap();
        let r = std::panic::catch_unwind(|| banmian::lay_out(&dir.join("page.toml")))
            .unwrap_or_else(|_| panic!("width {width}: a panic"));
        let e = r
            .err()
            .unwrap_or_else(|| panic!("width {width} was accepted"));
        assert!(
            e.to_string().contains("page.toml:5:33: error: a head"),
            "{width}: {e}"
        );
    }
}
