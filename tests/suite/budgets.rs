//! The budgets of a build (docs/spec.md §18), each tried with its own hostile input
//! made here: a PNG whose colour profile inflates to 2 GiB, a PNG header promising
//! 100 million pixels, one photo placed 40 times, a page of 1001 elements, a banner
//! of 10,000 slogans, an edition of 1001 pages, a proof of a 5-metre page, and a pipe
//! or `/dev/zero` given to `proof` and `diff`. Each asserts the located refusal that
//! names the limit, and the time or memory the build took where it can be measured
//! (the `banmian` binary reports its peak memory with `--timings`).

use crate::common::{banmian, scratch};
use banmian::diag::Code;
use banmian::files::{Limits, Memory};
use std::path::Path;
use std::time::{Duration, Instant};

/// A zlib stream of `n` zero bytes, made a megabyte at a time (never held whole).
fn zlib_zeros(n: u64) -> Vec<u8> {
    use miniz_oxide::deflate::core::{
        compress, create_comp_flags_from_zip_params, CompressorOxide, TDEFLFlush, TDEFLStatus,
    };
    let mut c = CompressorOxide::new(create_comp_flags_from_zip_params(9, 15, 0));
    let chunk = vec![0u8; 1 << 20];
    let mut out = Vec::new();
    let mut buf = vec![0u8; 1 << 16];
    let mut left = n;
    loop {
        let take = left.min(chunk.len() as u64) as usize;
        let flush = if take as u64 == left {
            TDEFLFlush::Finish
        } else {
            TDEFLFlush::None
        };
        let mut input = &chunk[..take];
        loop {
            let (status, used, wrote) = compress(&mut c, input, &mut buf, flush);
            out.extend_from_slice(&buf[..wrote]);
            input = &input[used..];
            if status == TDEFLStatus::Done || (input.is_empty() && wrote < buf.len()) {
                break;
            }
        }
        left -= take as u64;
        if left == 0 {
            return out;
        }
    }
}

fn chunk(kind: &[u8; 4], data: &[u8]) -> Vec<u8> {
    let mut c = (data.len() as u32).to_be_bytes().to_vec();
    c.extend_from_slice(kind);
    c.extend_from_slice(data);
    c.extend_from_slice(&crc32(kind, data).to_be_bytes());
    c
}

fn crc32(kind: &[u8], data: &[u8]) -> u32 {
    let mut crc = !0u32;
    for &b in kind.iter().chain(data) {
        crc ^= u32::from(b);
        for _ in 0..8 {
            crc = if crc & 1 != 0 {
                (crc >> 1) ^ 0xEDB8_8320
            } else {
                crc >> 1
            };
        }
    }
    !crc
}

/// A PNG of `w` × `h` RGB pixels whose data is all zeros, with `extra` chunks
/// before the data. `rows` false leaves the data out (a header that lies).
fn png(w: u32, h: u32, extra: &[Vec<u8>], rows: bool) -> Vec<u8> {
    let mut ihdr = w.to_be_bytes().to_vec();
    ihdr.extend_from_slice(&h.to_be_bytes());
    ihdr.extend_from_slice(&[8, 2, 0, 0, 0]);
    let mut out = b"\x89PNG\r\n\x1a\n".to_vec();
    out.extend(chunk(b"IHDR", &ihdr));
    for c in extra {
        out.extend_from_slice(c);
    }
    let raw = if rows {
        zlib_zeros(u64::from(h) * (1 + 3 * u64::from(w)))
    } else {
        zlib_zeros(16)
    };
    out.extend(chunk(b"IDAT", &raw));
    out.extend(chunk(b"IEND", b""));
    out
}

/// A spec placing `photo` `n` times, one per grid slot.
fn photos_spec(files: &[&str]) -> String {
    let mut spec = String::from("[page]\nlayout = \"tabloid\"\n");
    for (i, f) in files.iter().enumerate() {
        spec += &format!(
            "\n[[photo]]\nfile = \"{f}\"\nplace = {{ column = {}, span = 1, top = {}, height = 4 }}\n",
            i % 5 + 1,
            (i / 5) * 4
        );
    }
    spec
}

/// Builds `spec` (written into a fresh folder with `files`) with the binary and
/// `--timings`; returns the exit code, stderr and the peak memory it reported, in MiB.
fn build(name: &str, spec: &str, files: &[(&str, &[u8])], extra: &[&str]) -> (i32, String, u64) {
    let dir = scratch("budgets", name);
    std::fs::write(dir.join("page.toml"), spec).unwrap();
    for (f, b) in files {
        std::fs::write(dir.join(f), b).unwrap();
    }
    let spec = dir.join("page.toml");
    let out = dir.join("page.pdf");
    let mut args = vec![
        "build",
        spec.to_str().unwrap(),
        "-o",
        out.to_str().unwrap(),
        "--timings",
    ];
    args.extend(extra);
    let r = banmian(&args);
    let err = String::from_utf8_lossy(&r.stderr).into_owned();
    let peak = err
        .lines()
        .find_map(|l| l.strip_prefix("peak memory: "))
        .and_then(|m| m.trim_end_matches(" MiB").parse().ok())
        .unwrap_or(0);
    (r.status.code().unwrap_or(-1), err, peak)
}

#[test]
fn a_png_whose_profile_inflates_to_2_gib_is_refused_early_and_cheaply() {
    let mut iccp = b"bomb\0\0".to_vec();
    iccp.extend(zlib_zeros(2 << 30));
    let bomb = png(8, 8, &[chunk(b"iCCP", &iccp)], true);
    assert!(bomb.len() < 4 << 20, "the bomb is {} bytes", bomb.len());
    let t = Instant::now();
    let (code, err, peak) = build("iccp", &photos_spec(&["p.png"]), &[("p.png", &bomb)], &[]);
    let took = t.elapsed();
    assert_eq!(code, 2, "{err}");
    assert!(
        err.contains("page.toml:5:8: error: photo")
            && err.contains("p.png: the PNG's colour profile (iCCP) inflates to more than the 16 MiB accepted for an ICC profile")
            && err.contains("--limit icc-bytes=N"),
        "{err}"
    );
    // It took 4 GB and 16 s before; inflating stops at 16 MiB.
    assert!(took < Duration::from_secs(5), "{took:?}");
    if peak > 0 {
        assert!(peak < 150, "peak memory {peak} MiB");
    }
}

#[test]
fn a_png_header_promising_more_than_the_page_may_decode_is_refused_before_decoding() {
    // 10,000 × 10,000: 100 million pixels, under the pixel limit, but 600 MB to decode;
    // the data is a few bytes, so only the header could have made us allocate.
    let liar = png(10_000, 10_000, &[], false);
    let (code, err, peak) = build("liar", &photos_spec(&["p.png"]), &[("p.png", &liar)], &[]);
    assert_eq!(code, 2, "{err}");
    assert!(
        err.contains("page.toml:5:8: error: photo")
            && err.contains("decoding this 10000×10000 PNG takes 572 MiB in memory, and the page's photos may take 256 MiB in all")
            && err.contains("--limit page-image-bytes=N"),
        "{err}"
    );
    if peak > 0 {
        assert!(peak < 150, "peak memory {peak} MiB");
    }
    // Over the pixel limit: named as such.
    let huge = png(11_000, 11_000, &[], false);
    let (code, err, _) = build("huge", &photos_spec(&["p.png"]), &[("p.png", &huge)], &[]);
    assert_eq!(code, 2, "{err}");
    assert!(
        err.contains("an image of 11000×11000 pixels (121 million) is larger than the 120 million pixels accepted for one photo")
            && err.contains("--limit image-pixels=N"),
        "{err}"
    );
}

/// The same JPEG with a comment segment after its start marker: another file of
/// nearly the same size.
fn other_bytes(jpeg: &[u8]) -> Vec<u8> {
    let mut out = jpeg[..2].to_vec();
    out.extend_from_slice(&[0xFF, 0xFE, 0x00, 0x05, b'q', b'q', b'q']);
    out.extend_from_slice(&jpeg[2..]);
    out
}

#[test]
fn a_photo_placed_forty_times_is_read_once_and_counted_once() {
    let jpeg = std::fs::read("samples/zibo-gaoxin/photos/board.jpg").unwrap();
    let limits = Limits {
        // Room for the photo once, not twice.
        page_image_bytes: jpeg.len() as u64 * 3 / 2,
        ..Limits::DEFAULT
    };
    let spec = photos_spec(&["p.jpg"; 40]);
    let files = Memory::new()
        .with("page.toml", spec.as_bytes().to_vec())
        .with("p.jpg", jpeg.clone())
        .with("r.jpg", jpeg.clone())
        .with("q.jpg", other_bytes(&jpeg));
    let opts = banmian::BuildOptions {
        limits,
        ..Default::default()
    };
    let laid = banmian::lay_out_from("page.toml".as_ref(), &files, &opts).unwrap();
    assert_eq!(laid.model.photos.len(), 40);
    let reads = laid
        .model
        .inputs
        .iter()
        .filter(|p| p.ends_with("p.jpg"))
        .count();
    assert_eq!(reads, 1, "{:?}", laid.model.inputs);
    let first = &laid.model.photos[0].image;
    assert!(laid
        .model
        .photos
        .iter()
        .all(|p| std::sync::Arc::ptr_eq(&p.image, first)));
    // The same bytes under another name are the same photo: counted once too.
    let spec = photos_spec(&["p.jpg", "r.jpg"]);
    let same = files.clone().with("page.toml", spec.as_bytes().to_vec());
    let laid = banmian::lay_out_from("page.toml".as_ref(), &same, &opts).unwrap();
    assert!(std::sync::Arc::ptr_eq(
        &laid.model.photos[0].image,
        &laid.model.photos[1].image
    ));
    // Two files of that size are over the budget: the second is refused, located.
    let spec = photos_spec(&["p.jpg", "q.jpg"]);
    let files = files.with("page.toml", spec.as_bytes().to_vec());
    let e = banmian::lay_out_from("page.toml".as_ref(), &files, &opts)
        .err()
        .expect("over the budget");
    let d = &e.0[0];
    assert_eq!(d.code, Code::PhotoUnusable);
    assert_eq!(
        d.loc.as_ref().map(|l| (l.line, l.column)),
        Some((9, 8)),
        "{d}"
    );
    assert!(d.message.contains("q.jpg: the JPEG takes"), "{d}");
}

#[test]
fn a_page_of_1001_elements_is_refused_at_the_first_one_too_many() {
    let mut spec = String::from("[page]\nlayout = \"tabloid\"\n");
    for _ in 0..1001 {
        spec +=
            "\n[[promo]]\ntext = \"推广\"\nplace = { column = 1, span = 1, top = 0, height = 4 }\n";
    }
    let files = Memory::new().with("page.toml", spec.as_bytes().to_vec());
    let t = Instant::now();
    let e = banmian::lay_out_from("page.toml".as_ref(), &files, &Default::default())
        .err()
        .expect("refused");
    assert!(t.elapsed() < Duration::from_secs(5));
    let d = &e.0[0];
    assert_eq!(d.code, Code::LimitElements);
    // The 1001st promo's place is on line 3 + 4 × 1000 + 3.
    assert_eq!(
        d.to_string().lines().next().unwrap(),
        "page.toml:4006:20: error: the page has 1001 articles, photos, promo boxes, tables, graphics, text boxes and rules; the limit is 1000"
    );
    assert!(d
        .hint
        .as_deref()
        .unwrap()
        .contains("--limit page-elements=N"));
}

#[test]
fn an_edition_of_1001_pages_is_refused_at_the_first_one_too_many() {
    let dir = scratch("budgets", "edition-pages");
    let mut ed = String::from("[edition]\npaper = \"报\"\n");
    for i in 0..1001 {
        ed += &format!("\n[[page]]\nlabel = \"P{i}\"\nspec = \"p.toml\"\n");
    }
    std::fs::write(dir.join("edition.toml"), &ed).unwrap();
    let e = banmian::edition::load(&dir.join("edition.toml"), &Default::default())
        .expect_err("refused");
    let d = &e.0[0];
    assert_eq!(d.code, Code::EditionTooManyPages);
    assert_eq!(
        d.loc.as_ref().map(|l| (l.line, l.column)),
        Some((3 + 4 * 1000 + 2, 9)),
        "{d}"
    );
    assert!(d
        .hint
        .as_deref()
        .unwrap()
        .contains("--limit edition-pages=N"));
}

#[test]
fn a_proof_over_the_pixel_budget_is_refused_before_rendering() {
    let dir = scratch("budgets", "proof");
    // 5 metres square: under PDF's 200-inch limit is 5080 mm, so 5000 mm is a page.
    std::fs::write(
        dir.join("page.toml"),
        "[page]\nlayout = \"tabloid\"\n\n[page.grid]\nwidth = \"5000mm\"\nheight = \"5000mm\"\n",
    )
    .unwrap();
    let out = dir.join("out");
    let t = Instant::now();
    let r = banmian(&[
        "proof",
        dir.join("page.toml").to_str().unwrap(),
        "-o",
        out.to_str().unwrap(),
    ]);
    let err = String::from_utf8_lossy(&r.stderr);
    assert_eq!(r.status.code(), Some(2), "{err}");
    assert!(
        err.contains("page.toml:5:9: error: a proof of this 5006 × 5006 mm page at 100 dpi would be 19709 × 19709 pixels (388 million); the limit is 100 million pixels")
            && err.contains("lower --dpi to 50 or less"),
        "{err}"
    );
    assert!(t.elapsed() < Duration::from_secs(10));
    assert!(!out.join("page.png").exists());
    // The limit can be lowered (or raised) from the command line.
    let r = banmian(&[
        "proof",
        "samples/zibo-gaoxin/page.toml",
        "-o",
        out.to_str().unwrap(),
        "--limit",
        "proof-pixels=1M",
    ]);
    let err = String::from_utf8_lossy(&r.stderr);
    assert_eq!(r.status.code(), Some(2), "{err}");
    assert!(err.contains("the limit is 1 million pixels"), "{err}");
    let r = banmian(&["check", "x.toml", "--limit", "proof-pixels=lots"]);
    let err = String::from_utf8_lossy(&r.stderr);
    assert_eq!(r.status.code(), Some(2), "{err}");
    assert!(err.contains("`lots` is not a whole number"), "{err}");
}

#[test]
fn proof_and_diff_do_not_wait_on_a_pipe_or_read_dev_zero() {
    let dir = scratch("budgets", "pipes");
    let fifo = dir.join("pipe.pdf");
    let made = std::process::Command::new("mkfifo").arg(&fifo).status();
    let mut inputs = vec![Path::new("/dev/zero").to_path_buf()];
    if made.is_ok_and(|s| s.success()) {
        inputs.push(fifo);
    }
    for input in inputs {
        let t = Instant::now();
        let input = input.to_str().unwrap();
        let r = banmian(&["diff", input, "samples/zibo-gaoxin/page.toml"]);
        let err = String::from_utf8_lossy(&r.stderr);
        assert_eq!(r.status.code(), Some(2), "{err}");
        assert!(err.contains("is not a regular file"), "{err}");
        let out = dir.join("out");
        let r = banmian(&["proof", input, "-o", out.to_str().unwrap()]);
        let err = String::from_utf8_lossy(&r.stderr);
        assert_eq!(r.status.code(), Some(2), "{err}");
        assert!(t.elapsed() < Duration::from_secs(10), "{input}");
    }
}
