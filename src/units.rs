//! Typed lengths. Everything after `resolve` is in PostScript points (1/72 in);
//! millimetres and Chinese 号 sizes are converted once, when the spec is resolved.

use crate::diag::{Code, Diagnostic};
use std::fmt;
use std::ops::{Add, AddAssign, Div, Mul, Neg, Sub, SubAssign};

/// A length in PostScript points.
#[derive(Clone, Copy, Debug, Default, PartialEq, PartialOrd)]
pub struct Pt(pub f64);

/// Points per millimetre (72 / 25.4): multiply millimetres by it to get points.
pub const MM: f64 = 72.0 / 25.4;

impl Pt {
    /// No length: the start of a sum and the default.
    pub const ZERO: Pt = Pt(0.0);
    /// A length given in millimetres, as points.
    pub fn mm(mm: f64) -> Pt {
        Pt(mm * MM)
    }
    /// This length in millimetres (for messages a designer reads, such as "the grid does
    /// not fit").
    pub fn to_mm(self) -> f64 {
        self.0 / MM
    }
    /// The longer of two lengths.
    pub fn max(self, o: Pt) -> Pt {
        Pt(self.0.max(o.0))
    }
    /// The shorter of two lengths.
    pub fn min(self, o: Pt) -> Pt {
        Pt(self.0.min(o.0))
    }
    /// The length without its sign (a distance between two positions).
    pub fn abs(self) -> Pt {
        Pt(self.0.abs())
    }
}

impl std::iter::Sum for Pt {
    fn sum<I: Iterator<Item = Pt>>(iter: I) -> Pt {
        iter.fold(Pt::ZERO, |a, b| a + b)
    }
}

/// Serialised rounded to a thousandth of a point, so layout dumps are stable and readable.
impl serde::Serialize for Pt {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_f64((self.0 * 1000.0).round() / 1000.0)
    }
}

impl fmt::Display for Pt {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:.2}pt", self.0)
    }
}

impl Add for Pt {
    type Output = Pt;
    fn add(self, o: Pt) -> Pt {
        Pt(self.0 + o.0)
    }
}
impl Sub for Pt {
    type Output = Pt;
    fn sub(self, o: Pt) -> Pt {
        Pt(self.0 - o.0)
    }
}
impl AddAssign for Pt {
    fn add_assign(&mut self, o: Pt) {
        self.0 += o.0;
    }
}
impl SubAssign for Pt {
    fn sub_assign(&mut self, o: Pt) {
        self.0 -= o.0;
    }
}
impl Neg for Pt {
    type Output = Pt;
    fn neg(self) -> Pt {
        Pt(-self.0)
    }
}
impl Mul<f64> for Pt {
    type Output = Pt;
    fn mul(self, k: f64) -> Pt {
        Pt(self.0 * k)
    }
}
impl Div<f64> for Pt {
    type Output = Pt;
    fn div(self, k: f64) -> Pt {
        Pt(self.0 / k)
    }
}
impl Div for Pt {
    type Output = f64;
    fn div(self, o: Pt) -> f64 {
        self.0 / o.0
    }
}

/// Chinese type sizes (字号), in points, as used by mainland printers
/// (GB/T 148-era table as given in clreq §"Chinese type sizes"; 五号 = 10.5 pt).
pub const HAO_SIZES: &[(&str, f64)] = &[
    ("初号", 42.0),
    ("小初", 36.0),
    ("一号", 26.0),
    ("小一", 24.0),
    ("二号", 22.0),
    ("小二", 18.0),
    ("三号", 16.0),
    ("小三", 15.0),
    ("四号", 14.0),
    ("小四", 12.0),
    ("五号", 10.5),
    ("小五", 9.0),
    ("六号", 7.5),
    ("小六", 6.5),
    ("七号", 5.5),
    ("八号", 5.0),
];

/// Which units a length may be written in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LengthKind {
    /// A distance on the page: `mm`, `pt`, `cm`, `in`.
    Distance,
    /// A type size: `pt`, `mm`, or a 号 name such as `五号` / `小五`.
    TypeSize,
}

/// Parses `"12mm"`, `"10.5pt"`, `"2cm"`, `"1in"` and, for type sizes, `"五号"`, `"小五"`
/// (also written `"小五号"`). On failure, the error says what is accepted.
pub fn parse_length(s: &str, kind: LengthKind) -> Result<Pt, LengthError> {
    let t = s.trim();
    if kind == LengthKind::TypeSize {
        let name = t
            .strip_suffix('号')
            .filter(|n| n.starts_with('小'))
            .unwrap_or(t);
        if let Some((_, pt)) = HAO_SIZES.iter().find(|(n, _)| *n == name) {
            return Ok(Pt(*pt));
        }
    }
    let split = t
        .find(|c: char| !(c.is_ascii_digit() || c == '.' || c == '-' || c == '+'))
        .unwrap_or(t.len());
    let (num, unit) = t.split_at(split);
    let value: f64 = num.parse().map_err(|_| LengthError::expected(kind, s))?;
    if !value.is_finite() {
        return Err(LengthError::expected(kind, s));
    }
    let pt = match unit.trim() {
        "pt" => value,
        "mm" => value * MM,
        "cm" => value * 10.0 * MM,
        "in" => value * 72.0,
        _ => return Err(LengthError::expected(kind, s)),
    };
    if pt.abs() > MAX_PAGE_SIDE.0 {
        return Err(LengthError::TooLong {
            text: t.to_string(),
        });
    }
    Ok(Pt(pt))
}

/// The largest page side a PDF may have (ISO 32000-1 Annex C.2: 14,400 units of
/// 1/72 in); no length in a spec can be longer.
pub const MAX_PAGE_SIDE: Pt = Pt(14_400.0);

/// Why [`parse_length`] refused a value; its text says what is accepted.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum LengthError {
    /// Not a number with a unit, where a distance was asked for ([`LengthKind::Distance`]).
    NotALength {
        /// The value as given.
        text: String,
    },
    /// Not a number with a unit nor a 号 size, where a type size was asked for
    /// ([`LengthKind::TypeSize`]).
    NotATypeSize {
        /// The value as given.
        text: String,
    },
    /// Longer than any page side can be ([`MAX_PAGE_SIDE`]).
    TooLong {
        /// The value as given, trimmed.
        text: String,
    },
}

impl LengthError {
    fn expected(kind: LengthKind, got: &str) -> LengthError {
        let text = got.to_string();
        match kind {
            LengthKind::Distance => LengthError::NotALength { text },
            LengthKind::TypeSize => LengthError::NotATypeSize { text },
        }
    }

    /// The error as an unlocated `spec.value` diagnostic; the caller adds where
    /// (`at`) and an example for its key (`hint`).
    pub fn diagnostic(&self) -> Diagnostic {
        Diagnostic::new(Code::SpecValue, self.to_string())
    }
}

impl fmt::Display for LengthError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            LengthError::NotALength { text } => write!(
                f,
                "`{text}` is not a length; write a number with a unit: \"12mm\", \"8.5pt\", \"1.2cm\" or \"0.5in\""
            ),
            LengthError::NotATypeSize { text } => write!(
                f,
                "`{text}` is not a type size; write \"10.5pt\", \"3.7mm\" or a 号 size such as \"五号\" or \"小五\""
            ),
            LengthError::TooLong { text } => write!(
                f,
                "`{text}` is more than a PDF page can be: at most {:.0} mm (200 in)",
                MAX_PAGE_SIDE.to_mm()
            ),
        }
    }
}

impl std::error::Error for LengthError {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hao_sizes_resolve_to_points() {
        assert_eq!(parse_length("五号", LengthKind::TypeSize), Ok(Pt(10.5)));
        assert_eq!(parse_length("小五", LengthKind::TypeSize), Ok(Pt(9.0)));
        assert_eq!(parse_length("小五号", LengthKind::TypeSize), Ok(Pt(9.0)));
        assert!(matches!(
            parse_length("五号", LengthKind::Distance),
            Err(LengthError::NotALength { .. })
        ));
        assert!(matches!(
            parse_length("5号", LengthKind::TypeSize),
            Err(LengthError::NotATypeSize { .. })
        ));
    }

    #[test]
    fn millimetres_convert_to_points() {
        let p = parse_length("25.4mm", LengthKind::Distance).unwrap();
        assert!((p.0 - 72.0).abs() < 1e-9);
        assert!(matches!(
            parse_length("12 px", LengthKind::Distance),
            Err(LengthError::NotALength { .. })
        ));
        assert!(matches!(
            parse_length("mm", LengthKind::Distance),
            Err(LengthError::NotALength { .. })
        ));
    }

    #[test]
    fn lengths_longer_than_a_page_are_refused() {
        assert_eq!(
            parse_length(" 6m ", LengthKind::Distance),
            Err(LengthError::NotALength {
                text: " 6m ".into()
            })
        );
        let e = parse_length(" 6000mm ", LengthKind::Distance).unwrap_err();
        assert_eq!(
            e,
            LengthError::TooLong {
                text: "6000mm".into()
            }
        );
        assert_eq!(
            e.to_string(),
            "`6000mm` is more than a PDF page can be: at most 5080 mm (200 in)"
        );
        assert_eq!(e.diagnostic().code, Code::SpecValue);
    }
}
