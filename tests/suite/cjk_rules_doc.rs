//! docs/cjk-rules.md states the rules the code implements, and the code cites its
//! sections (`cjk-rules.md §4.2`). Every citation in src/, tests/ and docs/ must name a
//! section that exists.

use std::path::Path;

fn sections() -> Vec<String> {
    let doc = std::fs::read_to_string("docs/cjk-rules.md").expect("docs/cjk-rules.md exists");
    doc.lines()
        .filter_map(|l| l.strip_prefix("## ").or_else(|| l.strip_prefix("### ")))
        .filter_map(|h| h.split_whitespace().next())
        .map(|n| n.trim_end_matches('.').to_string())
        .collect()
}

fn files(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
    for e in std::fs::read_dir(dir).expect("readable").flatten() {
        let p = e.path();
        if p.is_dir() {
            files(&p, out);
        } else if p
            .extension()
            .is_some_and(|x| x == "rs" || x == "md" || x == "toml")
        {
            out.push(p);
        }
    }
}

/// The section numbers a text cites right after `cjk-rules.md` (`§4.2`, `§2.1–§2.5`,
/// `§3.4 and §5.1`, also across a comment line break).
fn cited(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    for part in text.split("cjk-rules.md").skip(1) {
        let mut rest = part;
        loop {
            let skipped = rest.trim_start_matches([' ', '\n', '/', '!', '#', '–', ',', '-']);
            let skipped = skipped.strip_prefix("and ").unwrap_or(skipped);
            let Some(after) = skipped.strip_prefix('§') else {
                break;
            };
            let num: String = after
                .chars()
                .take_while(|c| c.is_ascii_digit() || *c == '.')
                .collect();
            let num = num.trim_end_matches('.').to_string();
            if num.is_empty() {
                break;
            }
            rest = &after[num.len()..];
            out.push(num);
        }
    }
    out
}

#[test]
fn every_citation_names_a_section_of_cjk_rules() {
    let known = sections();
    assert!(known.contains(&"7.2".to_string()), "{known:?}");
    let mut paths = Vec::new();
    for d in ["src", "tests", "docs", "layouts"] {
        files(Path::new(d), &mut paths);
    }
    let mut count = 0;
    for p in paths {
        let text = std::fs::read_to_string(&p).unwrap_or_default();
        for n in cited(&text) {
            count += 1;
            assert!(
                known.contains(&n),
                "{}: cjk-rules.md §{n} does not exist",
                p.display()
            );
        }
    }
    assert!(count > 80, "{count} citations");
}
