//! Placed graphics: what four 1 MB PDF ads cost a page build, and what copying their
//! objects costs alone (hayro-write, and lopdf for comparison: docs/decisions.md §15).
//! `cargo bench --bench graphics` (add `-- 50` for more runs). It also writes the page
//! and its ads to `target/bench-graphics/` for `hyperfine` on the whole process:
//! `hyperfine -w 3 'target/release/banmian build target/bench-graphics/page.toml -o target/bench-graphics/page.pdf'`.

mod common;
use common::median_ms;

#[allow(dead_code, reason = "the fixtures serve the tests too")]
#[path = "../tests/suite/graphic_fixtures.rs"]
mod graphic_fixtures;

use graphic_fixtures::{ad_pdf, module_spec, Ad};
use std::path::Path;
use std::time::Instant;

fn time(runs: usize, mut f: impl FnMut()) -> f64 {
    median_ms(
        (0..runs)
            .map(|_| {
                let t = Instant::now();
                f();
                t.elapsed()
            })
            .collect(),
    )
}

/// Four ads of about 1 MB each (a noise image that does not compress), on four
/// modules of the bench grid: the foot 通栏 and three 报眼-like boxes up the side.
fn write_page(dir: &Path) -> (String, String) {
    std::fs::create_dir_all(dir).unwrap();
    let sizes = [
        (500.0, 120.0),
        (188.0, 120.0),
        (188.0, 120.0),
        (188.0, 120.0),
    ];
    let mut graphics = String::new();
    for (i, (w, h)) in sizes.into_iter().enumerate() {
        let mut ad = Ad::new(w, h);
        ad.noise = true;
        ad.image = Some(([0, 0, 0, 0], 760));
        ad.text = format!("广告{}号", i + 1);
        let bytes = ad_pdf(&ad);
        std::fs::write(dir.join(format!("ad{i}.pdf")), &bytes).unwrap();
        graphics.push_str(&if i == 0 {
            format!("[[graphic]]\nfile = \"ad{i}.pdf\"\nmodule = \"通栏\"\n\n")
        } else {
            format!(
                "[[graphic]]\nfile = \"ad{i}.pdf\"\nplace = {{ column = 4, span = 2, top = {}, height = 10 }}\nfit = \"fit\"\n\n",
                4 + 12 * (i - 1)
            )
        });
    }
    let with = module_spec(&graphics).replace(
        "span = 5, top = 0, height = 40",
        "span = 3, top = 0, height = 40",
    );
    let without = module_spec("").replace(
        "span = 5, top = 0, height = 40",
        "span = 3, top = 0, height = 40",
    );
    std::fs::write(dir.join("page.toml"), &with).unwrap();
    std::fs::write(dir.join("plain.toml"), &without).unwrap();
    (with, without)
}

fn main() {
    let runs = common::runs_from_args(21);
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("target/bench-graphics");
    write_page(&dir);
    let sizes: Vec<u64> = (0..4)
        .map(|i| {
            std::fs::metadata(dir.join(format!("ad{i}.pdf")))
                .unwrap()
                .len()
        })
        .collect();
    println!("ads: {sizes:?} bytes");
    let build = |name: &str| {
        let (_, pdf) = banmian::build_pdf(&dir.join(name)).expect("page builds");
        std::hint::black_box(pdf);
    };
    let plain = time(runs, || build("plain.toml"));
    let with = time(runs, || build("page.toml"));
    println!("page without ads   {plain:>8.2} ms (median of {runs})");
    println!("page with four ads {with:>8.2} ms");
    let ads: Vec<Vec<u8>> = (0..4)
        .map(|i| std::fs::read(dir.join(format!("ad{i}.pdf"))).unwrap())
        .collect();
    let hayro = time(runs, || {
        for bytes in &ads {
            let pdf =
                hayro_write::hayro_syntax::Pdf::new(std::sync::Arc::new(bytes.clone())).unwrap();
            let mut n = 100;
            let out = hayro_write::extract(
                &pdf,
                Box::new(|| {
                    n += 1;
                    pdf_writer::Ref::new(n)
                }),
                hayro_write::ChunkSettings::default(),
                &[hayro_write::ExtractionQuery::new_xobject(0)],
            )
            .unwrap();
            std::hint::black_box(out.chunk.len());
        }
    });
    println!("hayro-write: parse and copy the four ads' objects {hayro:>8.2} ms");
    let lopdf = time(runs, || {
        for bytes in &ads {
            let src = lopdf::Document::load_mem(bytes).unwrap();
            let mut dst = lopdf::Document::with_version("1.6");
            let page = *src.get_pages().values().next().unwrap();
            // Copy every object the page reaches, renumbered (what placing needs).
            let mut map = std::collections::BTreeMap::new();
            let mut todo = vec![page];
            while let Some(id) = todo.pop() {
                if map.contains_key(&id) {
                    continue;
                }
                let new = dst.new_object_id();
                map.insert(id, new);
                let obj = src.get_object(id).unwrap().clone();
                collect_refs(&obj, &mut todo);
                dst.objects.insert(new, obj);
            }
            let mut out = Vec::new();
            dst.save_to(&mut out).unwrap();
            std::hint::black_box(out.len());
        }
    });
    println!("lopdf: load and copy the same objects, serialised {lopdf:>8.2} ms");
}

fn collect_refs(o: &lopdf::Object, out: &mut Vec<lopdf::ObjectId>) {
    match o {
        lopdf::Object::Reference(r) => out.push(*r),
        lopdf::Object::Array(a) => a.iter().for_each(|v| collect_refs(v, out)),
        lopdf::Object::Dictionary(d) => d.iter().for_each(|(k, v)| {
            if k != b"Parent" {
                collect_refs(v, out)
            }
        }),
        lopdf::Object::Stream(s) => s.dict.iter().for_each(|(k, v)| {
            if k != b"Parent" {
                collect_refs(v, out)
            }
        }),
        _ => {}
    }
}
