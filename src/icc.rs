//! ICC profile headers: just enough to tell what a profile is before it goes into a PDF.
//!
//! In: the bytes of a profile (a spec's output profile, or one embedded in a photo).
//! Out: its class, colour space and version, or why it is not a usable profile. The
//! header layout is ICC.1:2010 §7.2 (the same in v2 and v4): a 128-byte header, with the
//! size at 0, the version at 8, the class at 12, the data colour space at 16 and the
//! signature `acsp` at 36.

/// A profile larger than this is refused (inputs are untrusted); real press profiles
/// are 0.5–4 MB, display profiles a few KB.
pub const MAX_PROFILE_BYTES: usize = 16 << 20;

/// The ICC characterization data registry, where well-known printing conditions
/// (`IFRA26`, `CGATS TR 002`, `FOGRA39`, …) are listed: the usual `RegistryName`.
pub const REGISTRY: &str = "http://www.color.org";

/// What the header says.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct IccHeader {
    /// `prtr` (output), `mntr` (display), `scnr` (input), `spac`, …
    pub class: [u8; 4],
    /// `CMYK`, `RGB `, `GRAY`, `Lab `, …
    pub space: [u8; 4],
    /// Major and minor version (2.2, 4.3, …).
    pub version: (u8, u8),
}

impl IccHeader {
    /// Components of the data colour space: 1, 3 or 4 for the spaces PDF can use as
    /// `/ICCBased`, `None` for the others.
    pub fn components(&self) -> Option<u8> {
        match &self.space {
            b"GRAY" => Some(1),
            b"RGB " => Some(3),
            b"CMYK" => Some(4),
            _ => None,
        }
    }

    /// Whether the class is `prtr`, an output (printer) profile: the only class PDF/X
    /// accepts as a `DestOutputProfile` (checked for `[output] icc`).
    pub fn is_output_class(&self) -> bool {
        &self.class == b"prtr"
    }
}

/// Why bytes are not a usable ICC profile ([`parse_header`]). Its callers report it
/// under their own code (`spec.value` for `[output] icc`, `pdf.bad-image` for a
/// photo's profile), so it has no `diagnostic` of its own.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum IccError {
    /// Larger than [`MAX_PROFILE_BYTES`].
    TooLarge {
        /// The profile's length.
        bytes: usize,
    },
    /// Shorter than the 128-byte header.
    TooShort,
    /// No `acsp` signature at byte 36.
    NoSignature,
    /// The header's size field does not match the data.
    SizeMismatch {
        /// The size the header gives.
        declared: u32,
        /// The length of the data.
        actual: usize,
    },
}

impl std::fmt::Display for IccError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            IccError::TooLarge { bytes } => write!(
                f,
                "an ICC profile of {bytes} bytes is larger than the {} MB accepted",
                MAX_PROFILE_BYTES >> 20
            ),
            IccError::TooShort => {
                f.write_str("not an ICC profile (shorter than its 128-byte header)")
            }
            IccError::NoSignature => f.write_str("not an ICC profile (no `acsp` signature)"),
            IccError::SizeMismatch { declared, actual } => write!(
                f,
                "a damaged ICC profile (its header says {declared} bytes, the data has {actual})"
            ),
        }
    }
}

impl std::error::Error for IccError {}

/// Reads and checks a profile's header: long enough, the `acsp` signature, and a size
/// field that matches the data.
pub fn parse_header(bytes: &[u8]) -> Result<IccHeader, IccError> {
    if bytes.len() > MAX_PROFILE_BYTES {
        return Err(IccError::TooLarge { bytes: bytes.len() });
    }
    let header = bytes.get(..128).ok_or(IccError::TooShort)?;
    if &header[36..40] != b"acsp" {
        return Err(IccError::NoSignature);
    }
    let declared = u32::from_be_bytes([header[0], header[1], header[2], header[3]]);
    if declared as usize != bytes.len() {
        return Err(IccError::SizeMismatch {
            declared,
            actual: bytes.len(),
        });
    }
    let four = |at: usize| [header[at], header[at + 1], header[at + 2], header[at + 3]];
    Ok(IccHeader {
        class: four(12),
        space: four(16),
        version: (header[8], header[9] >> 4),
    })
}

/// A readable name for a four-byte signature (`"RGB "` → `RGB`).
pub fn signature_name(sig: &[u8; 4]) -> String {
    String::from_utf8_lossy(sig).trim().to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn header(class: &[u8; 4], space: &[u8; 4], len: usize) -> Vec<u8> {
        let mut b = vec![0u8; len];
        b[..4].copy_from_slice(&(len as u32).to_be_bytes());
        b[8] = 2;
        b[9] = 0x20;
        b[12..16].copy_from_slice(class);
        b[16..20].copy_from_slice(space);
        b[36..40].copy_from_slice(b"acsp");
        b
    }

    #[test]
    fn headers_give_class_space_and_version() {
        let h = parse_header(&header(b"prtr", b"CMYK", 200)).unwrap();
        assert!(h.is_output_class());
        assert_eq!(h.components(), Some(4));
        assert_eq!(h.version, (2, 2));
        let h = parse_header(&header(b"mntr", b"RGB ", 128)).unwrap();
        assert_eq!(h.components(), Some(3));
        assert_eq!(signature_name(&h.space), "RGB");
    }

    #[test]
    fn damaged_profiles_are_refused() {
        assert_eq!(parse_header(b"short"), Err(IccError::TooShort));
        let mut b = header(b"prtr", b"CMYK", 200);
        b[36] = b'x';
        assert_eq!(parse_header(&b), Err(IccError::NoSignature));
        let b = header(b"prtr", b"CMYK", 200);
        let cut = parse_header(&b[..150]);
        assert_eq!(
            cut,
            Err(IccError::SizeMismatch {
                declared: 200,
                actual: 150
            }),
            "truncated"
        );
        assert_eq!(
            cut.unwrap_err().to_string(),
            "a damaged ICC profile (its header says 200 bytes, the data has 150)"
        );
        let huge = vec![0; MAX_PROFILE_BYTES + 1];
        assert!(matches!(
            parse_header(&huge),
            Err(IccError::TooLarge { .. })
        ));
    }

    #[test]
    fn shipped_profiles_parse() {
        let news = include_bytes!("render/pdf/profiles/newsprint-tr002.icc");
        let h = parse_header(news).unwrap();
        assert_eq!((h.class, h.space), (*b"prtr", *b"CMYK"));
        let srgb = include_bytes!("render/pdf/profiles/sRGB-v2.icc");
        assert_eq!(parse_header(srgb).unwrap().components(), Some(3));
    }
}
