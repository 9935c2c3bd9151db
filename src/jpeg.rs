//! JPEG marker segments, walked and never decoded: a JPEG goes into the PDF as the
//! file's own bytes, so what the PDF says about it (size, colour components, Adobe's
//! inverted CMYK) must come from the file's headers, and a file cut short must be
//! caught before it reaches a plate.
//!
//! The layout is ITU-T T.81 Annex B: SOI (FF D8), then segments `FF <marker> <u16 length>
//! <payload>` up to the first start-of-scan (FF DA), entropy-coded data in which every
//! FF is followed by 00 or a restart marker, and EOI (FF D9).

/// One marker segment before the scan: its marker byte, where it starts, its payload.
pub struct Segment<'a> {
    pub marker: u8,
    pub offset: usize,
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

/// True when an end-of-image marker follows the first scan: a file without one was cut
/// short (a partial upload or copy).
pub fn is_complete(b: &[u8]) -> bool {
    segments(b)
        .find(|s| s.marker == 0xDA)
        .is_some_and(|sos| b[sos.offset..].windows(2).any(|w| w == [0xFF, 0xD9]))
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

    #[test]
    fn a_scan_is_found_past_segments_that_hold_markers() {
        // SOI; APP1 whose payload holds FF DA … FF D9 (a thumbnail); SOS; data; EOI.
        let whole = [
            0xFF, 0xD8, 0xFF, 0xE1, 0x00, 0x06, 0xFF, 0xDA, 0xFF, 0xD9, 0xFF, 0xDA, 0x00, 0x02,
            0x12, 0x34, 0xFF, 0xD9,
        ];
        assert!(is_complete(&whole));
        assert!(!is_complete(&whole[..16]), "cut before EOI");
        assert!(!is_complete(&whole[..10]), "cut in the headers");
        assert!(!has_adobe_marker(&whole));
    }
}
