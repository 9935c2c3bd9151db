//! Incremental builds: what each page was built from, so an unchanged page is not
//! built again.
//!
//! A page's key is a SHA-256 over the engine's identity (version, the program's own
//! file's size, time and inode, the built-in fonts, layouts and ICC profiles), the page
//! label, `SOURCE_DATE_EPOCH`, the path and bytes of every input file the page read (`Model::input_bytes`: spec, layout, texts,
//! images, graphics, tables, font files: the bytes the build used, not the file as it
//! is after the build) and the path of every file it looked for in vain
//! (`Model::absent`: a `layouts/NAME.toml` that would shadow a built-in layout), plus,
//! for a page that continues another, the text it receives (see [`super::jumps`]).
//! The manifest (`.banmian-manifest.json` in the output folder) keeps, per page, the
//! input list, the absent list, the key, the layout dump's checksum and the report of
//! the last good build. On the next build the key is recomputed from the files on disk:
//! the spec is always an input, so a spec that now names other files has changed bytes
//! and a different key; a file that appeared where there was none changes the key too.

use super::report::PageReport;
use crate::fonts::FontBook;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

/// The manifest's file name, in the edition's output folder (a dot file: not a page).
pub const MANIFEST_NAME: &str = ".banmian-manifest.json";

/// What the last builds into one output folder were made from: read at the start of
/// an edition build (unless `--force`), rewritten at its end.
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
pub struct Manifest {
    /// [`engine_identity`] of the build that wrote it; a manifest from another engine
    /// is ignored, so every page is built again.
    pub engine: String,
    /// The last good build of each page, by page label. A page that failed or had its
    /// warnings denied keeps its previous record (its previous PDF is still there).
    pub pages: BTreeMap<String, PageRecord>,
    /// Key of the combined PDF: the page keys in order plus the edition's metadata.
    pub edition_key: Option<String>,
    /// SHA-256 (hex) of the `edition.pdf` written under `edition_key`: the file on
    /// disk must still match it to be reused.
    pub edition_sha256: Option<String>,
}

/// One page's last good build.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct PageRecord {
    /// Every file the page read (`Model::inputs`), the spec first: the key is
    /// recomputed from these, and a different first path means another spec.
    pub inputs: Vec<PathBuf>,
    /// Files looked for and not found: if one appears, the page is built again.
    #[serde(default)]
    pub absent: Vec<PathBuf>,
    /// [`page_key`] of that build, lowercase hex.
    pub key: String,
    /// SHA-256 of the page's layout dump (`layout/LABEL.json`) as written.
    #[serde(default)]
    pub layout_sha256: Option<String>,
    /// The page's report from that build, given again when the page is reused.
    pub report: PageReport,
}

impl Manifest {
    /// The previous manifest, or an empty one when there is none or it cannot be read
    /// (a damaged manifest only costs a full build).
    pub fn read(dir: &Path) -> Manifest {
        std::fs::read(dir.join(MANIFEST_NAME))
            .ok()
            .and_then(|b| serde_json::from_slice::<Manifest>(&b).ok())
            .filter(|m| program_hash().is_some() && m.engine == engine_identity())
            .unwrap_or_default()
    }

    /// Writes the manifest into `dir` through a temporary file renamed over the old one,
    /// without fsync: a manifest lost in a power cut only costs a full build.
    pub fn write(&self, dir: &Path) -> std::io::Result<()> {
        let text = serde_json::to_vec_pretty(self).map_err(std::io::Error::other)?;
        crate::write_atomically_unsynced(&dir.join(MANIFEST_NAME), &text)
    }
}

/// The engine's identity: its version, the built-in fonts, layouts and profiles it
/// embeds, and which file the running program is (see `program_hash`), so a rebuilt
/// binary with the same version number (a development build, a patched package) never
/// reuses pages the old one made. Computed once.
pub fn engine_identity() -> &'static str {
    static ID: OnceLock<String> = OnceLock::new();
    ID.get_or_init(|| {
        let mut h = Sha256::new();
        h.update(env!("CARGO_PKG_VERSION").as_bytes());
        h.update(program_hash().unwrap_or_default().to_le_bytes());
        for (_, face) in FontBook::builtin().faces() {
            h.update(face.name.as_bytes());
            h.update((face.data().len() as u64).to_le_bytes());
            h.update(face.table(b"head").unwrap_or_default());
        }
        // The built-in layouts and profiles change pages without a version bump.
        for (name, text) in crate::resolve::shipped_layouts() {
            h.update(name.as_bytes());
            h.update(text.as_bytes());
        }
        h.update(include_bytes!("../render/pdf/profiles/newsprint-tr002.icc"));
        h.update(include_bytes!("../render/pdf/profiles/sRGB-v2.icc"));
        format!(
            "banmian {} {}",
            env!("CARGO_PKG_VERSION"),
            &hex(&h.finalize())[..16]
        )
    })
}

/// The running executable's file as it is on disk: XXH3-128 of its length, its
/// modification time and, on Unix, its device and inode. Building or installing a new
/// binary writes a new file, so any of them changes; reading and hashing the file's
/// bytes instead (about 60 MB) took 7 % of a 48-page edition's CPU time, once per
/// process (docs/decisions.md §16). `None` when the file cannot be found, and then no
/// page is reused at all (slower, never stale).
fn program_hash() -> Option<u128> {
    static HASH: OnceLock<Option<u128>> = OnceLock::new();
    *HASH.get_or_init(|| {
        let meta = std::env::current_exe().and_then(std::fs::metadata).ok()?;
        let modified = meta
            .modified()
            .ok()?
            .duration_since(std::time::UNIX_EPOCH)
            .ok()?;
        let mut key = Vec::with_capacity(40);
        key.extend_from_slice(&meta.len().to_le_bytes());
        key.extend_from_slice(&modified.as_nanos().to_le_bytes());
        #[cfg(unix)]
        {
            use std::os::unix::fs::MetadataExt;
            key.extend_from_slice(&meta.dev().to_le_bytes());
            key.extend_from_slice(&meta.ino().to_le_bytes());
        }
        Some(xxhash_rust::xxh3::xxh3_128(&key))
    })
}

/// The key of a page built from `inputs` (path and the bytes used) while `absent` were
/// looked for and not found.
pub fn page_key(
    label: &str,
    inputs: &[(&Path, &[u8])],
    absent: &[PathBuf],
    extra: &[u8],
) -> String {
    let mut h = Sha256::new();
    h.update(engine_identity().as_bytes());
    h.update(b"\0label\0");
    h.update(label.as_bytes());
    h.update(b"\0epoch\0");
    h.update(
        std::env::var("SOURCE_DATE_EPOCH")
            .unwrap_or_default()
            .as_bytes(),
    );
    h.update(b"\0extra\0");
    h.update(extra);
    for (path, bytes) in inputs {
        h.update(b"\0file\0");
        h.update(path.to_string_lossy().as_bytes());
        h.update((bytes.len() as u64).to_le_bytes());
        h.update(bytes);
    }
    for path in absent {
        h.update(b"\0absent\0");
        h.update(path.to_string_lossy().as_bytes());
    }
    hex(&h.finalize())
}

/// The key a page recorded as `record` would have now, from the files on disk; `None`
/// when an input cannot be read or an absent file is there now (the page must then
/// be built, and the build will say what is missing). Reads are bounded like the
/// build's, and only regular files are read.
pub fn key_on_disk(label: &str, record: &PageRecord, extra: &[u8]) -> Option<String> {
    use crate::files::Source;
    let disk = crate::files::Disk::unconfined();
    let limit = crate::files::Limits::DEFAULT.largest_file();
    let mut read = Vec::with_capacity(record.inputs.len());
    for path in &record.inputs {
        read.push((path.as_path(), disk.read(path, limit).ok()?));
    }
    if record.absent.iter().any(|p| p.exists()) {
        return None;
    }
    let inputs: Vec<(&Path, &[u8])> = read.iter().map(|(p, b)| (*p, b.as_slice())).collect();
    Some(page_key(label, &inputs, &record.absent, extra))
}

/// SHA-256 of some bytes, as lowercase hex.
pub fn sha256_hex(bytes: &[u8]) -> String {
    hex(&Sha256::digest(bytes))
}

/// SHA-256 of a file, or `None` when it cannot be read.
pub fn file_sha256(path: &Path) -> Option<String> {
    std::fs::read(path).ok().map(|b| sha256_hex(&b))
}

/// The key of the combined PDF.
pub fn edition_key(meta: &super::Meta, pages: &[(String, String)]) -> String {
    let mut h = Sha256::new();
    h.update(serde_json::to_vec(meta).unwrap_or_default());
    for (label, key) in pages {
        h.update(b"\0page\0");
        h.update(label.as_bytes());
        h.update(b"\0");
        h.update(key.as_bytes());
    }
    hex(&h.finalize())
}

fn hex(bytes: &[u8]) -> String {
    use std::fmt::Write;
    bytes.iter().fold(String::new(), |mut s, b| {
        let _ = write!(s, "{b:02x}");
        s
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sha256_of_nothing_is_the_known_value() {
        assert_eq!(
            sha256_hex(b""),
            "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
        );
    }

    #[test]
    fn a_missing_input_has_no_key() {
        let record = |inputs: Vec<PathBuf>, absent: Vec<PathBuf>| PageRecord {
            inputs,
            absent,
            key: String::new(),
            layout_sha256: None,
            report: PageReport::new(
                "A01",
                Path::new("page.toml"),
                super::super::report::Status::Built,
            ),
        };
        let gone = record(vec![PathBuf::from("/no/such/file")], vec![]);
        assert!(key_on_disk("A01", &gone, b"").is_none());
        assert!(key_on_disk("A01", &record(vec![], vec![]), b"").is_some());
        // A file recorded as absent that is there now: the page is built again.
        let there = record(
            vec![],
            vec![PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("Cargo.toml")],
        );
        assert!(key_on_disk("A01", &there, b"").is_none());
        assert_ne!(
            page_key("A01", &[], &[], b"a"),
            page_key("A01", &[], &[], b"b")
        );
        // Looking for a file in vain is part of the key.
        assert_ne!(
            page_key("A01", &[], &[], b""),
            page_key("A01", &[], &[PathBuf::from("layouts/tabloid.toml")], b"")
        );
    }
}
