//! The text settings that shape Chinese–Latin composition and regional punctuation
//! (`latin_space`, `hyphenate`, `quotes`, `strict_grid`, `region`; docs/spec.md §5),
//! checked with located errors.

use super::*;

impl Cx<'_> {
    /// Reads the Han–Latin, quote, grid and region keys of a `[page.text]`-style table.
    pub(super) fn latin_text_settings(&mut self, t: &spec::TextSpec, out: &mut TextSettings) {
        if let Some(s) = &t.latin_space {
            match LatinSpace::from_name(s.get_ref()) {
                Some(v) => out.latin_space = v,
                None => self.text_error(
                    s.span(),
                    format!("unknown Han–Latin spacing `{}`", s.get_ref()),
                    "one of: none, eighth, sixth, quarter (mainland dailies: none)",
                ),
            }
        }
        if let Some(h) = t.hyphenate {
            out.hyphenate = h;
        }
        if let Some(s) = &t.quotes {
            match s.get_ref().trim().to_ascii_lowercase().as_str() {
                "proportional" => out.latin_quotes = LatinQuotes::Proportional,
                "full" | "full-width" => out.latin_quotes = LatinQuotes::Full,
                other => self.text_error(
                    s.span(),
                    format!("unknown quote setting `{other}`"),
                    "one of: proportional (quotes around a Latin phrase follow the Latin font), full",
                ),
            }
        }
        if let Some(g) = t.strict_grid {
            out.strict_grid = g;
        }
        if let Some(s) = &t.region {
            match Region::from_name(s.get_ref()) {
                Some(r) if r != Region::Jp => out.region = r,
                _ => self.text_error(
                    s.span(),
                    format!("unknown region `{}`", s.get_ref()),
                    "one of: cn (mainland, corner punctuation), tw, hk (centred punctuation)",
                ),
            }
        }
    }
}
