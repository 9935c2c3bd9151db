//! JPEG marker segments, walked and never decoded: a JPEG goes into the PDF as the
//! file's own bytes, so what the PDF says about it (size, colour components, Adobe's
//! inverted CMYK) must come from the file's headers, and a file cut short must be
//! caught before it reaches a plate.
//!
//! The layout is ITU-T T.81 Annex B: SOI (FF D8), then segments `FF <marker> <u16 length>
//! <payload>` up to the first start-of-scan (FF DA), entropy-coded data in which every
//! FF is followed by 00 or a restart marker, and EOI (FF D9).

mod scan;

pub use scan::{check, JpegError};

/// One marker segment before the scan: its marker byte, where it starts, its payload.
pub struct Segment<'a> {
    /// The byte after FF (e.g. 0xC0 start-of-frame, 0xDA start-of-scan, 0xEE APP14).
    pub marker: u8,
    /// Byte offset of the segment's FF in the file (after any FF fill bytes).
    pub offset: usize,
    /// The bytes after the two length bytes (the length counts itself, so this is
    /// length − 2 bytes); for SOS, its header only.
    pub payload: &'a [u8],
}

/// The segments from SOI up to and including the first SOS (whose payload is its
/// header only). Stops at anything that is not a well-formed segment.
pub fn segments(b: &[u8]) -> impl Iterator<Item = Segment<'_>> {
    let mut i = if b.starts_with(&[0xFF, 0xD8]) {
        2
    } else {
        b.len()
    };
    let mut done = false;
    std::iter::from_fn(move || {
        if done {
            return None;
        }
        // Markers may be padded with any number of 0xFF bytes.
        while *b.get(i)? == 0xFF && *b.get(i + 1)? == 0xFF {
            i += 1;
        }
        if *b.get(i)? != 0xFF {
            return None;
        }
        let marker = *b.get(i + 1)?;
        if marker == 0xD9 {
            return None;
        }
        let len = usize::from(u16::from_be_bytes([*b.get(i + 2)?, *b.get(i + 3)?]));
        let payload = b.get(i + 4..(i + 2 + len).max(i + 4))?;
        let seg = Segment {
            marker,
            offset: i,
            payload,
        };
        done = marker == 0xDA || len < 2;
        i += 2 + len;
        Some(seg)
    })
}

/// Width, height and colour components from the start-of-frame header (any SOFn:
/// baseline, progressive, lossless).
pub fn frame(b: &[u8]) -> Option<(u32, u32, u8)> {
    let sof = segments(b)
        .find(|s| matches!(s.marker, 0xC0..=0xCF) && !matches!(s.marker, 0xC4 | 0xC8 | 0xCC))?;
    let p = sof.payload;
    let h = u32::from(u16::from_be_bytes([*p.get(1)?, *p.get(2)?]));
    let w = u32::from(u16::from_be_bytes([*p.get(3)?, *p.get(4)?]));
    Some((w, h, *p.get(5)?))
}

/// An APP14 "Adobe" segment: Photoshop's CMYK JPEGs store inverted samples and say so
/// there.
pub fn has_adobe_marker(b: &[u8]) -> bool {
    segments(b).any(|s| s.marker == 0xEE && s.payload.starts_with(b"Adobe"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_frame_header_is_found_past_other_segments() {
        // SOI, an APP0 of 4 bytes, SOF0: precision 8, height 3, width 5, 1 component.
        let jpeg = [
            0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x04, 0xAA, 0xBB, 0xFF, 0xC0, 0x00, 0x0B, 0x08, 0x00,
            0x03, 0x00, 0x05, 0x01, 0x01, 0x11, 0x00,
        ];
        assert_eq!(frame(&jpeg), Some((5, 3, 1)));
        assert_eq!(frame(&jpeg[..12]), None);
        assert_eq!(frame(b"not a jpeg"), None);
        assert_eq!(frame(&[0xFF, 0xD8, 0xFF, 0xD9]), None);
    }

    const WHOLE: [(&str, &[u8]); 6] = [
        (
            "rgb-8x8",
            include_bytes!("../../tests/fixtures/rgb-8x8.jpg"),
        ),
        (
            "cmyk-adobe-8x8",
            include_bytes!("../../tests/fixtures/cmyk-adobe-8x8.jpg"),
        ),
        (
            "progressive",
            include_bytes!("../../tests/fixtures/progressive-40x27.jpg"),
        ),
        (
            "restarts",
            include_bytes!("../../tests/fixtures/restarts-40x27.jpg"),
        ),
        (
            "grey progressive",
            include_bytes!("../../tests/fixtures/grey-progressive-40x27.jpg"),
        ),
        (
            "cmyk progressive",
            include_bytes!("../../tests/fixtures/cmyk-progressive-40x27.jpg"),
        ),
    ];

    #[test]
    fn whole_jpegs_walk_to_their_end() {
        for (name, b) in WHOLE {
            assert_eq!(check(b), Ok(()), "{name}");
        }
        let sample = include_bytes!("../../samples/zibo-gaoxin/photos/meeting.jpg");
        assert_eq!(check(sample), Ok(()));
    }

    #[test]
    fn a_jpeg_cut_anywhere_is_caught_even_with_an_end_marker_appended() {
        for (name, b) in WHOLE {
            // Cut anywhere from inside the first segment to just before EOI, then
            // "repaired" by appending EOI.
            for cut in 4..b.len() - 2 {
                let mut cut_short = b[..cut].to_vec();
                cut_short.extend_from_slice(&[0xFF, 0xD9]);
                assert!(
                    check(&cut_short).is_err(),
                    "{name} cut at {cut} of {} was taken as whole",
                    b.len()
                );
            }
        }
    }

    #[test]
    fn coding_a_pdf_cannot_pass_through_is_refused() {
        let mut b = include_bytes!("../../tests/fixtures/rgb-8x8.jpg").to_vec();
        let sof = segments(&b).find(|s| s.marker == 0xC0).unwrap().offset;
        b[sof + 1] = 0xC9; // arithmetic coding
        let e = check(&b).unwrap_err();
        assert_eq!(e, JpegError::UnsupportedCoding { marker: 0xC9 });
        assert!(e.to_string().contains("arithmetic-coded"), "{e}");
        b[sof + 1] = 0xC0;
        b[sof + 4] = 12; // 12-bit samples
        let e = check(&b).unwrap_err();
        assert_eq!(e, JpegError::Precision { bits: 12 });
        assert!(e.to_string().contains("12-bit"), "{e}");
    }
}
