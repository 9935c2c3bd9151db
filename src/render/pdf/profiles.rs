//! The ICC profiles built into the binary, raw and compressed.
//!
//! In: nothing (the files in `profiles/`). Out: each profile's bytes, and its Flate
//! stream as it goes into a PDF. The compressed forms are files too (`*.icc.zlib`, made
//! by `BANMIAN_BLESS=1 cargo test --lib profiles`, checked by the same test to inflate
//! to the raw file): the newsprint profile costs about 4 ms to compress, more than the
//! rest of a trivial page, and it is the same in every PDF.

/// The default output intent: coldset newsprint, CGATS TR 002 (see profiles/README.md).
pub const NEWSPRINT: &[u8] = include_bytes!("profiles/newsprint-tr002.icc");
/// sRGB (ICC v2, zlib licence): the profile of untagged RGB images.
pub const SRGB: &[u8] = include_bytes!("profiles/sRGB-v2.icc");

const NEWSPRINT_ZLIB: &[u8] = include_bytes!("profiles/newsprint-tr002.icc.zlib");
const SRGB_ZLIB: &[u8] = include_bytes!("profiles/sRGB-v2.icc.zlib");

/// The built-in profiles with their compressed forms, for the test and the bless.
const BUILT_IN: [(&str, &[u8], &[u8]); 2] = [
    ("newsprint-tr002.icc", NEWSPRINT, NEWSPRINT_ZLIB),
    ("sRGB-v2.icc", SRGB, SRGB_ZLIB),
];

/// The stored Flate stream of `bytes` when they are one of the built-in profiles
/// (compared by content: a spec naming a copy of one gets it too).
pub fn precompressed(bytes: &[u8]) -> Option<&'static [u8]> {
    BUILT_IN
        .iter()
        .find(|(_, raw, _)| *raw == bytes)
        .map(|(_, _, packed)| *packed)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Level of the stored streams: zlib's best, since they are made once.
    const BLESS_LEVEL: i32 = 9;

    #[test]
    fn stored_profiles_inflate_to_the_profiles() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src/render/pdf/profiles");
        for (name, raw, packed) in BUILT_IN {
            if std::env::var_os("BANMIAN_BLESS").is_some() {
                let mut out = vec![0u8; zlib_rs::compress_bound(raw.len())];
                let config = zlib_rs::DeflateConfig::new(BLESS_LEVEL);
                let (made, rc) = zlib_rs::compress_slice(&mut out, raw, config);
                assert_eq!(rc, zlib_rs::ReturnCode::Ok);
                std::fs::write(dir.join(format!("{name}.zlib")), made).unwrap();
                continue;
            }
            let inflated =
                miniz_oxide::inflate::decompress_to_vec_zlib(packed).unwrap_or_else(|e| {
                    panic!(
                        "{name}.zlib is not a zlib stream ({e:?}); remake it with BANMIAN_BLESS=1"
                    )
                });
            assert!(
                inflated == raw,
                "{name}.zlib is not {name}; remake it with BANMIAN_BLESS=1"
            );
            assert!(packed.len() < raw.len());
        }
    }

    #[test]
    fn only_the_built_in_profiles_are_stored() {
        assert_eq!(precompressed(NEWSPRINT), Some(NEWSPRINT_ZLIB));
        let mut copy = vec![0; SRGB.len()];
        copy.copy_from_slice(SRGB);
        assert_eq!(precompressed(&copy), Some(SRGB_ZLIB), "compared by content");
        assert_eq!(precompressed(&NEWSPRINT[..100]), None);
    }
}
