//! `[output]`: the press condition a PDF/X file is made for, proof marks and the photo
//! resolution limit.
//!
//! In: the spec's `[output]` table. Out: [`Output`], with a user's ICC profile read and
//! checked (a CMYK output profile) so the PDF writer only embeds it.

use super::Cx;
use crate::diag::{Code, Diagnostic};
use crate::files::FileKind;
use crate::icc;
use crate::spec::S;
use std::path::PathBuf;

/// Below this effective resolution a photo prints soft on newsprint (coarse screens of
/// 40 l/cm want about 2 × 40 × 2.54 ≈ 200 ppi at best; 150 ppi is the usual floor for
/// newspapers).
pub const DEFAULT_MIN_PPI: f64 = 150.0;

/// The spread of `min_ppi` accepted: anything outside is a typo.
const PPI_RANGE: std::ops::RangeInclusive<f64> = 1.0..=2400.0;

/// The spec's `[output]`, resolved: ranges checked and every default filled in (PDF/X-4
/// for the built-in newsprint profile, no marks, 150 ppi, 240 % ink) when the table or a
/// key is missing. The PDF writer's options come from it (`pdf_options`); compose reads
/// the limits it checks photos and placed graphics against.
#[derive(Clone, Debug)]
pub struct Output {
    /// Write PDF/X-4 (an output intent and its identification).
    pub pdfx: bool,
    /// The spec's own press profile; `None` is the built-in newsprint profile.
    pub profile: Option<OutputProfile>,
    /// Draw proof marks (crop and registration marks, colour bar, slug line).
    pub marks: bool,
    /// The lowest effective resolution, in pixels per inch at the printed size, a photo
    /// or an image inside a placed graphic may print at before a warning (`min_ppi`,
    /// 1–2400; default [`DEFAULT_MIN_PPI`]).
    pub min_ppi: f64,
    /// Decode placed files' CMYK images to measure their total ink (`check_ink`).
    pub check_ink: bool,
    /// The highest total area coverage allowed, in % (`ink_limit`).
    pub ink_limit: f64,
}

/// Total area coverage of coldset newsprint: the sum of C, M, Y and K a press takes
/// before ink sets off and the paper pills (ISO 12647-3 works to about 240 %).
pub const DEFAULT_INK_LIMIT: f64 = 240.0;

/// The spread of `ink_limit` accepted (400 % is every ink solid).
const INK_RANGE: std::ops::RangeInclusive<f64> = 100.0..=400.0;

impl Default for Output {
    fn default() -> Self {
        Output {
            pdfx: true,
            profile: None,
            marks: false,
            min_ppi: DEFAULT_MIN_PPI,
            check_ink: false,
            ink_limit: DEFAULT_INK_LIMIT,
        }
    }
}

/// A press profile given by the spec, already checked to be a CMYK output profile.
#[derive(Clone)]
pub struct OutputProfile {
    /// The profile's file: the spec's `icc`, joined to the spec's folder.
    pub path: PathBuf,
    /// The whole profile as read (at most [`icc::MAX_PROFILE_BYTES`]), embedded as the
    /// output intent's `DestOutputProfile`.
    pub icc: Vec<u8>,
    /// `condition`: the `OutputConditionIdentifier`, e.g. "IFRA26"; never empty. A
    /// placed PDF's output intent is compared with `icc`, or with this name when the
    /// file embeds no profile.
    pub condition: String,
    /// The condition in words, the intent's `Info` (`condition_info`; default the
    /// condition's name).
    pub info: String,
    /// Where the condition is registered, the intent's `RegistryName` (`registry`;
    /// default [`icc::REGISTRY`]).
    pub registry: String,
}

impl std::fmt::Debug for OutputProfile {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("OutputProfile")
            .field("path", &self.path)
            .field("icc", &format_args!("{} bytes", self.icc.len()))
            .field("condition", &self.condition)
            .finish()
    }
}

impl Cx<'_> {
    pub(super) fn output(&mut self) -> Output {
        let mut out = Output::default();
        let Some(o) = &self.file.spec.output else {
            return out;
        };
        out.pdfx = o.pdfx.unwrap_or(true);
        out.marks = o.marks.unwrap_or(false);
        if let Some(p) = &o.min_ppi {
            if PPI_RANGE.contains(p.get_ref()) {
                out.min_ppi = *p.get_ref();
            } else {
                self.error::<()>(
                    p.span(),
                    format!("a minimum of {} ppi", p.get_ref()),
                    "give the lowest effective resolution a photo may print at, e.g. 150",
                );
            }
        }
        out.check_ink = o.check_ink.unwrap_or(false);
        if let Some(l) = &o.ink_limit {
            if INK_RANGE.contains(l.get_ref()) {
                out.ink_limit = *l.get_ref();
            } else {
                self.error::<()>(
                    l.span(),
                    format!("an ink limit of {} %", l.get_ref()),
                    "give the total area coverage the press takes, 100 to 400 (newsprint: 240)",
                );
            }
        }
        out.profile = match (&o.icc, &o.condition) {
            (Some(file), Some(cond)) => self.output_profile(file, cond, o),
            (Some(file), None) => self.error(
                file.span(),
                "an output profile needs the name of its printing condition",
                "add `condition = \"…\"`: the registered name, e.g. \"IFRA26\" for ISO 12647-3 newsprint",
            ),
            (None, Some(cond)) => self.error(
                cond.span(),
                "`condition` names the profile given with `icc`, and there is none",
                "add `icc = \"press.icc\"`, or drop `condition` to use the built-in newsprint profile",
            ),
            (None, None) => None,
        };
        out
    }

    fn output_profile(
        &mut self,
        file: &S<String>,
        cond: &S<String>,
        o: &crate::spec::OutputSpec,
    ) -> Option<OutputProfile> {
        let path = self.file.dir().join(file.get_ref());
        let bytes = match self.files.read(&path, FileKind::IccProfile) {
            Ok(b) => b,
            Err(d) => {
                self.errors.push(d.at(self.loc(file.span())));
                return None;
            }
        };
        let icc = match check_output_profile(&bytes) {
            Ok(()) => bytes.to_vec(),
            Err(e) => {
                let d = e
                    .diagnostic()
                    .about(format_args!("output profile {}", path.display()));
                return self.refuse(file.span(), d);
            }
        };
        if cond.get_ref().trim().is_empty() {
            return self.error(cond.span(), "an empty condition name", "e.g. \"IFRA26\"");
        }
        let text = |v: &Option<S<String>>| v.as_ref().map(|s| s.get_ref().clone());
        Some(OutputProfile {
            path,
            icc,
            condition: cond.get_ref().clone(),
            info: text(&o.condition_info).unwrap_or_else(|| cond.get_ref().clone()),
            registry: text(&o.registry).unwrap_or_else(|| icc::REGISTRY.into()),
        })
    }
}

/// Why `[output] icc` is not a press profile ([`check_output_profile`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum OutputProfileError {
    /// Not a usable ICC profile at all.
    Header(icc::IccError),
    /// A profile, but not a CMYK output (`prtr`) profile.
    NotCmykOutput {
        /// Its data colour space (`RGB `, `GRAY`, …).
        space: [u8; 4],
        /// Its class (`mntr`, `scnr`, …).
        class: [u8; 4],
    },
}

impl OutputProfileError {
    /// The error as an unlocated `spec.value` diagnostic, with what to give instead;
    /// the caller names the file (`about`) and locates it (`at`).
    fn diagnostic(&self) -> Diagnostic {
        Diagnostic::new(Code::SpecValue, self.to_string()).hint(
            "give the press's CMYK output profile (.icc); paths are relative to the spec's folder",
        )
    }
}

impl From<icc::IccError> for OutputProfileError {
    fn from(e: icc::IccError) -> Self {
        OutputProfileError::Header(e)
    }
}

impl std::fmt::Display for OutputProfileError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            OutputProfileError::Header(e) => e.fmt(f),
            OutputProfileError::NotCmykOutput { space, class } => write!(
                f,
                "a {} profile of class `{}`; PDF/X for a CMYK press needs a CMYK output (`prtr`) profile",
                icc::signature_name(space),
                icc::signature_name(class)
            ),
        }
    }
}

impl std::error::Error for OutputProfileError {}

/// Checks a press profile (read within [`icc::MAX_PROFILE_BYTES`]): an ICC output
/// (`prtr`) profile with CMYK data, as PDF/X requires of a `DestOutputProfile` for CMYK.
fn check_output_profile(bytes: &[u8]) -> Result<(), OutputProfileError> {
    let h = icc::parse_header(bytes)?;
    if h.space != *b"CMYK" || !h.is_output_class() {
        return Err(OutputProfileError::NotCmykOutput {
            space: h.space,
            class: h.class,
        });
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_a_cmyk_output_profile_is_a_press_profile() {
        let news = include_bytes!("../render/pdf/profiles/newsprint-tr002.icc");
        assert_eq!(check_output_profile(news), Ok(()));
        let srgb = include_bytes!("../render/pdf/profiles/sRGB-v2.icc");
        let e = check_output_profile(srgb).unwrap_err();
        assert!(matches!(
            e,
            OutputProfileError::NotCmykOutput { space, .. } if &space == b"RGB "
        ));
        assert_eq!(e.diagnostic().code, Code::SpecValue);
        assert_eq!(
            check_output_profile(b"short"),
            Err(OutputProfileError::Header(icc::IccError::TooShort))
        );
    }
}
