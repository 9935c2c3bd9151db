//! Table layout: a 200-row, 8-column quotes table (names through the line composer,
//! figures set by hand) on its own page; the median of several runs of the layout
//! stage (`compose`, where tables are set).
//! `cargo bench --bench tables` (add `-- 50` for more runs).

mod common;
use common::median_ms;

use banmian::files::Memory;
use std::fmt::Write;

/// Stock names to cycle through (each with a different suffix so no two rows match).
const NAMES: [&str; 10] = [
    "贵州茅台",
    "中国平安",
    "招商银行",
    "五粮液",
    "紫金矿业",
    "宁德时代",
    "长江电力",
    "美的集团",
    "比亚迪",
    "隆基绿能",
];

fn data(rows: usize) -> String {
    let mut s = String::from("代码,名称,开盘,最高,最低,收盘,涨跌,幅（%）\n");
    for i in 0..rows {
        let base = 10.0 + (i * 37 % 400) as f64 + (i % 100) as f64 / 100.0;
        let change = ((i * 53 % 200) as f64 - 100.0) / 37.0;
        let _ = writeln!(
            s,
            "{:06},{}{},{:.2},{:.2},{:.2},{:.2},{:.2},{:.2}",
            600000 + i,
            NAMES[i % NAMES.len()],
            ["A", "B", "C", "Ⅱ", "控股"][i % 5],
            base,
            base * 1.02,
            base * 0.98,
            base + change,
            change,
            change / base * 100.0
        );
    }
    s
}

fn main() {
    let runs = common::runs_from_args(21);
    let rows = 200;
    let spec = r#"
[page]
layout = "broadsheet"
[[table]]
id = "quotes"
title = "沪深股市行情"
data = "quotes.csv"
place = { column = 1, span = 8, top = 0 }
part_span = 4
size = "六号"
pitch = "2/3"
rules = "ruled"
[table.columns]
"涨跌" = { rise_fall = true }
"幅（%）" = { rise_fall = true }
"#;
    let files = Memory::new()
        .with("page.toml", spec.as_bytes().to_vec())
        .with("quotes.csv", data(rows).into_bytes());
    let laid = banmian::lay_out_from("page.toml".as_ref(), &files, &Default::default())
        .expect("the table lays out");
    let mut wall = Vec::new();
    for _ in 0..runs {
        let t0 = std::time::Instant::now();
        let composed = banmian::compose::compose(&laid.model, &laid.fonts);
        wall.push(t0.elapsed());
        let t = &composed.report.tables[0];
        assert_eq!(t.rows_set, rows, "every row is set");
        std::hint::black_box(composed);
    }
    println!(
        "{rows}-row table, {runs} runs of the layout stage (compose): median {:.3} ms wall clock",
        median_ms(wall)
    );
}
