//! Flate compression of PDF streams, at a level chosen per kind of stream.
//!
//! In: the bytes of a stream and what it holds. Out: a zlib stream (`/FlateDecode`).
//! Two pure-Rust compressors, each where it is fastest for the size it gives (figures
//! from the sample page in docs/decisions.md §16):
//! - font programs: miniz_oxide at level 1. They are the largest streams and the least
//!   compressible (desubroutinised CFF charstrings shrink by 14–18 %), and the body
//!   face's is on the critical path of a page: level 1 takes a fifth of the time of
//!   level 6 for 5 % more font bytes. A subset is compressed once per glyph set and
//!   process (see `cache.rs`).
//! - everything else (content streams, ToUnicode maps, ICC profiles, raw images):
//!   zlib-rs at level 6, the usual balance, in half miniz_oxide's time for the same size.
//!
//! zlib-rs is called directly, not through flate2, so that no feature unification can
//! swap the backend and change the bytes. Both compressors' output depends only on the
//! input and the level (zlib-rs's SIMD paths compute the same matches), so a PDF is the
//! same on every machine.

/// What a stream holds, which decides how hard it is compressed.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum StreamKind {
    /// A page's operators.
    Content,
    /// An embedded font program (CFF or TrueType).
    FontProgram,
    /// A ToUnicode CMap.
    CMap,
    /// An ICC profile.
    Icc,
    /// Raw image samples or a soft mask.
    Image,
}

/// zlib's usual size/speed balance: level 9 saves under 1 % on our streams at twice
/// the time.
const DEFAULT_LEVEL: i32 = 6;
/// Font programs: see the module comment.
const FONT_LEVEL: u8 = 1;

/// Compresses `data` as a zlib stream.
pub fn compress(data: &[u8], kind: StreamKind) -> Vec<u8> {
    match kind {
        StreamKind::FontProgram => miniz_oxide::deflate::compress_to_vec_zlib(data, FONT_LEVEL),
        StreamKind::Content | StreamKind::CMap | StreamKind::Icc | StreamKind::Image => {
            zlib(data, DEFAULT_LEVEL)
        }
    }
}

/// zlib-rs at `level`.
fn zlib(data: &[u8], level: i32) -> Vec<u8> {
    let mut out = vec![0u8; zlib_rs::compress_bound(data.len())];
    let config = zlib_rs::DeflateConfig::new(level);
    let (packed, rc) = zlib_rs::compress_slice(&mut out, data, config);
    // The buffer is `compress_bound` long and the configuration is valid, so zlib-rs
    // cannot fail; should it ever, the stream falls back to a stored (level 0) one,
    // which is still valid Flate.
    if rc != zlib_rs::ReturnCode::Ok {
        return stored(data);
    }
    let len = packed.len();
    out.truncate(len);
    out
}

/// A zlib stream of stored (uncompressed) blocks: valid Flate for any input.
fn stored(data: &[u8]) -> Vec<u8> {
    miniz_oxide::deflate::compress_to_vec_zlib(data, 0)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn inflate(data: &[u8]) -> Vec<u8> {
        miniz_oxide::inflate::decompress_to_vec_zlib(data).expect("valid zlib")
    }

    #[test]
    fn every_kind_round_trips() {
        let data: Vec<u8> = (0..20_000u32).map(|i| (i * 7 % 251) as u8).collect();
        for kind in [
            StreamKind::Content,
            StreamKind::FontProgram,
            StreamKind::CMap,
            StreamKind::Icc,
            StreamKind::Image,
        ] {
            let packed = compress(&data, kind);
            assert!(packed.len() < data.len() / 4, "{kind:?}");
            assert_eq!(inflate(&packed), data, "{kind:?}");
        }
        assert_eq!(inflate(&compress(b"", StreamKind::Content)), b"");
        assert_eq!(inflate(&stored(b"abc")), b"abc");
    }

    #[test]
    fn same_input_same_bytes() {
        let data = b"BT /F0 9 Tf 0 0 Td <0001> Tj ET\n".repeat(100);
        assert_eq!(
            compress(&data, StreamKind::Content),
            compress(&data, StreamKind::Content)
        );
    }
}
