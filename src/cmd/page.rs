//! `build`, `check` and `layout`: one page spec at a time.

use super::{fail, print_diagnostics, EXIT_FAILED, EXIT_WARNINGS};
use std::path::PathBuf;
use std::process::ExitCode;

pub fn build(
    spec: PathBuf,
    output: Option<PathBuf>,
    opts: &banmian::BuildOptions,
    (deny_warnings, timings): (bool, bool),
) -> ExitCode {
    let (laid, pdf) = match banmian::build_pdf_with(&spec, opts) {
        Ok(x) => x,
        Err(d) => {
            let code = fail(&d);
            if timings {
                print_peak_memory();
            }
            return code;
        }
    };
    let warnings = &laid.composed.warnings;
    print_diagnostics(warnings);
    if deny_warnings && !warnings.is_empty() {
        eprintln!(
            "banmian: {} warning(s) and --deny-warnings; the PDF was not written",
            warnings.0.len()
        );
        return ExitCode::from(EXIT_WARNINGS);
    }
    let out = output.unwrap_or_else(|| spec.with_extension("pdf"));
    if let Some(input) = banmian::output_overwrites_input(&out, &laid.model) {
        return fail(&banmian::output_is_input(&out, &input).into());
    }
    if let Err(e) = banmian::write_atomically(&out, &pdf) {
        eprintln!("error: cannot write {}: {e}", out.display());
        return ExitCode::from(EXIT_FAILED);
    }
    if timings {
        let t = &laid.timings;
        let ms = |d: std::time::Duration| d.as_secs_f64() * 1000.0;
        eprintln!(
            "timings: parse {:.2} ms, resolve {:.2} ms, fonts {:.2} ms, layout {:.2} ms, pdf {:.2} ms",
            ms(t.parse), ms(t.resolve), ms(t.fonts), ms(t.layout), ms(t.pdf)
        );
        for line in t.pdf_parts.lines() {
            eprintln!("  pdf: {line}");
        }
    }
    if timings {
        print_peak_memory();
    }
    eprintln!("wrote {} ({} bytes)", out.display(), pdf.len());
    ExitCode::SUCCESS
}

/// `--timings`: the most memory the process has held (Linux reports it; elsewhere
/// nothing is printed).
fn print_peak_memory() {
    let peak = std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            let line = s.lines().find(|l| l.starts_with("VmHWM:"))?;
            line.split_whitespace().nth(1)?.parse::<u64>().ok()
        });
    if let Some(kib) = peak {
        eprintln!("peak memory: {} MiB", kib.div_ceil(1024));
    }
}

pub fn check(
    spec: PathBuf,
    json: bool,
    deny_warnings: bool,
    opts: &banmian::BuildOptions,
) -> ExitCode {
    let laid = match banmian::lay_out_with(&spec, opts) {
        Ok(l) => l,
        Err(d) => {
            if json {
                outln!("{}", serde_json::json!({ "ok": false, "diagnostics": d }));
            }
            return fail(&d);
        }
    };
    let warnings = &laid.composed.warnings;
    if json {
        let report = serde_json::json!({
            "ok": true,
            "diagnostics": warnings,
            "layout": laid.composed.report,
            "timings": laid.timings,
        });
        outln!(
            "{}",
            serde_json::to_string_pretty(&report).unwrap_or_default()
        );
    } else {
        print_diagnostics(warnings);
        for a in laid
            .composed
            .report
            .articles
            .iter()
            .filter(|a| a.tracking_em != 0.0)
        {
            outln!(
                "article `{}`: copyfit set the body with {:+.3} em tracking",
                a.id,
                a.tracking_em
            );
        }
        for a in &laid.composed.report.articles {
            outln!(
                "article `{}`: {} paragraphs, {} of {} grid lines used, {} characters overset",
                a.id,
                a.paragraphs,
                a.slots_used,
                a.slots,
                a.overset_chars
            );
        }
        for t in &laid.composed.report.tables {
            outln!(
                "table `{}`: {} of {} rows set in {} part(s), {} columns, {} grid lines, type {}{}",
                t.id,
                t.rows_set,
                t.rows,
                t.parts,
                t.columns.len(),
                t.lines,
                t.size,
                if t.shrunk { " (shrunk to fit)" } else { "" }
            );
        }
    }
    if deny_warnings && !warnings.is_empty() {
        return ExitCode::from(EXIT_WARNINGS);
    }
    ExitCode::SUCCESS
}

pub fn layout(
    spec: PathBuf,
    json: bool,
    output: Option<PathBuf>,
    opts: &banmian::BuildOptions,
) -> ExitCode {
    let laid = match banmian::lay_out_with(&spec, opts) {
        Ok(l) => l,
        Err(d) => return fail(&d),
    };
    print_diagnostics(&laid.composed.warnings);
    let name = laid.model.name.clone();
    let dump = banmian::dump_layout(&name, &laid);
    let text = if json {
        banmian::dump::to_text(&dump)
    } else {
        plain_listing(&dump)
    };
    match output {
        Some(path) => {
            if let Some(input) = banmian::output_overwrites_input(&path, &laid.model) {
                return fail(&banmian::output_is_input(&path, &input).into());
            }
            if let Err(e) = banmian::write_atomically(&path, text.as_bytes()) {
                eprintln!("error: cannot write {}: {e}", path.display());
                return ExitCode::from(EXIT_FAILED);
            }
        }
        None => super::out(format_args!("{text}")),
    }
    ExitCode::SUCCESS
}

/// One line per set line of text, for reading in a terminal.
fn plain_listing(dump: &banmian::dump::LayoutDump) -> String {
    use std::fmt::Write;
    let mut s = String::new();
    for p in &dump.pages {
        let _ = writeln!(s, "page {} ({} items)", p.label, p.items.len());
        for a in &p.articles {
            let _ = writeln!(
                s,
                "  article `{}`: {} overset characters",
                a.id, a.overset_chars
            );
            for l in &a.lines {
                let _ = writeln!(
                    s,
                    "    col {} line {:>3} {:<7} x {:>8.3} y {:>8.3}  {}",
                    // Columns count from 1 and grid lines from 0, as in the spec.
                    l.column + 1,
                    l.line,
                    l.kind,
                    l.x,
                    l.baseline,
                    l.text
                );
            }
        }
    }
    s
}
