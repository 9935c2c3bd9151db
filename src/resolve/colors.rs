//! Colours: `"c m y k"` percentages, named swatches from `[swatches]`, tints of a swatch
//! (`"brand 40%"`), and spot inks (`{ spot = "PANTONE 485 C", cmyk = "0 95 100 0" }`).
//!
//! In: the spec's `[swatches]` table and colour strings anywhere in the spec. Out:
//! display-list [`Color`]s and the document's spot colours, in the swatch table's
//! (alphabetical) order so the PDF is the same from build to build.

use super::Cx;
use crate::display::{Cmyk, Color, SpotColor};
use crate::spec::S;
use std::collections::BTreeMap;

/// Separation names the PDF reserves or that are process plates (ISO 32000-1 §8.6.6.4):
/// a spot ink may not take one.
const RESERVED_INKS: &[&str] = &["All", "None", "Cyan", "Magenta", "Yellow", "Black"];

/// Longest separation name: a PDF name holds at most 127 bytes.
const MAX_INK_NAME: usize = 127;

/// The spec's swatches, resolved.
#[derive(Debug, Default)]
pub struct Swatches {
    by_name: BTreeMap<String, Color>,
    pub spots: Vec<SpotColor>,
}

impl Cx<'_> {
    /// Reads `[swatches]`. A bad swatch is reported and left out.
    pub(super) fn swatches(&mut self) -> Swatches {
        let mut out = Swatches::default();
        let Some(table) = &self.file.spec.swatches else {
            return out;
        };
        for (name, value) in table {
            if !is_swatch_name(name) {
                self.error::<()>(
                    value.span(),
                    format!("`{name}` cannot name a swatch"),
                    "a swatch name is one word that does not start with a digit, e.g. red or 报头红",
                );
                continue;
            }
            if let Some(color) = self.swatch(value, &mut out.spots) {
                out.by_name.insert(name.clone(), color);
            }
        }
        out
    }

    fn swatch(&mut self, v: &S<toml::Value>, spots: &mut Vec<SpotColor>) -> Option<Color> {
        match v.get_ref() {
            toml::Value::String(s) => self
                .cmyk(s, v.span())
                .map(Color::Process),
            toml::Value::Table(t) => {
                let ink = t.get("spot").and_then(toml::Value::as_str);
                let alt = t.get("cmyk").and_then(toml::Value::as_str);
                let (Some(ink), Some(alt), 2) = (ink, alt, t.len()) else {
                    return self.error(
                        v.span(),
                        "a spot swatch is a table of `spot` (the ink's name) and `cmyk` (its process stand-in)",
                        "e.g. brand = { spot = \"PANTONE 485 C\", cmyk = \"0 95 100 0\" }",
                    );
                };
                let alternate = self.cmyk(alt, v.span())?;
                let name = self.ink_name(ink, v.span(), spots)?;
                let spot = u16::try_from(spots.len()).ok()?;
                spots.push(SpotColor { name, alternate });
                Some(Color::Spot { spot, tint: 1.0 })
            }
            _ => self.error(
                v.span(),
                "a swatch is a CMYK string or a spot table",
                "e.g. red = \"0 100 100 10\" or brand = { spot = \"PANTONE 485 C\", cmyk = \"0 95 100 0\" }",
            ),
        }
    }

    fn ink_name(
        &mut self,
        ink: &str,
        span: std::ops::Range<usize>,
        spots: &[SpotColor],
    ) -> Option<String> {
        let ink = ink.trim();
        if ink.is_empty() || ink.len() > MAX_INK_NAME || RESERVED_INKS.contains(&ink) {
            return self.error(
                span,
                format!("`{ink}` cannot name a spot ink"),
                "give the ink's name as the printer knows it (at most 127 bytes; not All, None or a process colour)",
            );
        }
        if spots.iter().any(|s| s.name == ink) {
            return self.error(
                span,
                format!("two swatches name the spot ink `{ink}`"),
                "one swatch per ink; use a tint (\"NAME 40%\") for lighter shades",
            );
        }
        Some(ink.to_string())
    }

    /// A colour value: `"c m y k"`, `"NAME"` (a swatch) or `"NAME 40%"` (its tint).
    pub(super) fn color(&mut self, c: &S<String>) -> Option<Color> {
        let words: Vec<&str> = c.get_ref().split_whitespace().collect();
        match words.as_slice() {
            [name] if is_swatch_name(name) => self.swatch_tint(name, 1.0, c),
            [name, tint] if is_swatch_name(name) => {
                let t = percent(tint).filter(|t| (0.0..=100.0).contains(t));
                let Some(t) = t else {
                    return self.error(
                        c.span(),
                        format!("`{tint}` is not a tint"),
                        "write the tint as a percentage: \"red 40%\"",
                    );
                };
                self.swatch_tint(name, t / 100.0, c)
            }
            _ => self.cmyk(c.get_ref(), c.span()).map(Color::Process),
        }
    }

    fn swatch_tint(&mut self, name: &str, tint: f64, c: &S<String>) -> Option<Color> {
        match self.swatches.by_name.get(name) {
            Some(Color::Process(k)) => Some(Color::Process(scale(*k, tint))),
            Some(Color::Spot { spot, .. }) => Some(Color::Spot { spot: *spot, tint }),
            Some(Color::Registration) => Some(Color::Registration),
            None => {
                let known: Vec<&str> = self.swatches.by_name.keys().map(String::as_str).collect();
                let hint = if known.is_empty() {
                    "define it under [swatches], e.g. red = \"0 100 100 10\", or write \"c m y k\" percentages".to_string()
                } else {
                    format!("swatches defined: {}", known.join(", "))
                };
                self.error(c.span(), format!("no swatch named `{name}`"), &hint)
            }
        }
    }

    /// `"c m y k"` in percent, e.g. `"0 100 100 10"`.
    fn cmyk(&mut self, s: &str, span: std::ops::Range<usize>) -> Option<Cmyk> {
        let v: Vec<f64> = s
            .split_whitespace()
            .map(|p| percent(p).unwrap_or(f64::NAN))
            .collect();
        if v.len() == 4 && v.iter().all(|x| (0.0..=100.0).contains(x)) {
            Some(Cmyk::new(
                v[0] / 100.0,
                v[1] / 100.0,
                v[2] / 100.0,
                v[3] / 100.0,
            ))
        } else {
            self.error(
                span,
                format!("`{s}` is not a CMYK colour"),
                "write four percentages, cyan magenta yellow black: \"0 100 100 10\", or a swatch name",
            )
        }
    }
}

/// A percentage with or without its `%`.
fn percent(p: &str) -> Option<f64> {
    p.trim_end_matches('%').parse().ok()
}

/// A swatch name: one word, not starting with a digit, sign or point (so it cannot be
/// mistaken for a number).
fn is_swatch_name(s: &str) -> bool {
    let mut chars = s.chars();
    chars
        .next()
        .is_some_and(|c| !c.is_ascii_digit() && !"+-.%".contains(c) && !c.is_whitespace())
        && !s.chars().any(char::is_whitespace)
}

/// A tint of a process colour: every component scaled.
fn scale(c: Cmyk, t: f64) -> Cmyk {
    Cmyk::new(c.c * t, c.m * t, c.y * t, c.k * t)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn swatch_names_are_words_not_numbers() {
        assert!(is_swatch_name("red"));
        assert!(is_swatch_name("报头红"));
        assert!(!is_swatch_name("100"));
        assert!(!is_swatch_name("-5"));
        assert!(!is_swatch_name("a b"));
        assert!(!is_swatch_name(""));
    }

    #[test]
    fn tints_scale_process_colours() {
        let c = scale(Cmyk::new(0.0, 1.0, 0.5, 0.1), 0.5);
        assert_eq!((c.m, c.y), (0.5, 0.25));
    }
}
