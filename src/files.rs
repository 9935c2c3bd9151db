//! Reading the files a page names (spec, layouts, body texts, photos, fonts, ICC
//! profiles, edition pages). Every read goes through [`Files`]:
//!
//! - a relative path is taken from the folder of the file that names it;
//! - the file must lie inside a **root** (by default the spec's folder; `--root DIR`
//!   widens it), after symbolic links are followed, unless the desk lifts the rule
//!   (`--allow-outside-root`);
//! - only regular files are read (never a folder, device or pipe), and never more bytes
//!   than the kind of file allows ([`Limits`]): the bound is on what is read, not on
//!   what the file's metadata claims;
//! - every file read, and every file looked for and not found (a layout that could
//!   shadow a built-in one), is recorded, so an incremental build knows exactly what
//!   the page was made from (see [`Files::record`]).
//!
//! The bytes come from a [`Source`]: [`Disk`] reads the filesystem, [`Memory`] serves
//! files held in memory, so a server, a test harness or an editor can lay out a page
//! without touching the disk.

use crate::diag::{Code, Diagnostic, SourceLoc};
use std::collections::BTreeMap;
use std::io::Read;
use std::path::{Component, Path, PathBuf};
use std::sync::{Arc, Mutex};

/// What kind of file a read is for: it decides the size limit and the words of messages.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FileKind {
    /// A page spec or an edition file.
    Spec,
    /// A layout file (`layouts/NAME.toml`).
    Layout,
    /// A body text (`body_file`).
    Text,
    /// A photo (JPEG or PNG).
    Image,
    /// An OpenType font (`[[fonts]]`).
    Font,
    /// An ICC output profile (`[output] icc`).
    IccProfile,
    /// A table's data (CSV or TSV).
    Data,
    /// A build's output given to compare (`banmian diff`): a PDF or a layout dump.
    Output,
    /// A placed PDF or SVG (`[[graphic]]`).
    Graphic,
}

impl FileKind {
    /// The file kind in words, for messages.
    pub fn words(self) -> &'static str {
        match self {
            FileKind::Spec => "spec",
            FileKind::Layout => "layout",
            FileKind::Text => "text",
            FileKind::Image => "image",
            FileKind::Font => "font",
            FileKind::IccProfile => "ICC profile",
            FileKind::Data => "table data",
            FileKind::Output => "build output",
            FileKind::Graphic => "graphic",
        }
    }
}

/// The budgets of a build, in one place: how many bytes it reads from one file of
/// each kind, how much memory photos and proofs may take, and how many things a page
/// or an edition may hold. Inputs are untrusted (a newsroom service builds pages from
/// uploads), so every read and every allocation that input can inflate is bounded by
/// one of these. The defaults are far above any real newspaper page and keep a build
/// within about 500 MB (a proof within 1.5 GB); docs/spec.md §18 ("Running banmian as
/// a service") lists them, and `--limit NAME=VALUE` changes one ([`Limits::set`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Limits {
    /// Specs, edition files and layouts.
    pub spec_bytes: u64,
    /// Body texts.
    pub text_bytes: u64,
    /// Photos: the largest image file accepted.
    pub image_bytes: u64,
    /// Font files: the largest CJK fonts (a full Noto CJK collection is about 120 MB).
    pub font_bytes: u64,
    /// ICC profiles: a profile file, and a profile embedded in a photo once
    /// decompressed (a PNG's `iCCP` chunk is inflated only this far).
    pub icc_bytes: u64,
    /// Table data (CSV/TSV): a full day's market listing is well under 1 MiB.
    pub data_bytes: u64,
    /// Pixels of one photo (width × height), checked from its header before decoding.
    pub image_pixels: u64,
    /// Memory all the photos of one page may take: JPEG files as read (they go into
    /// the PDF as they are), other images as decoded samples. A photo placed twice
    /// counts once.
    pub page_image_bytes: u64,
    /// Pixels of a proof (the media box at the asked resolution), checked before
    /// rendering: a proof takes about 8 bytes a pixel while it is made.
    pub proof_pixels: u64,
    /// Pages of an edition.
    pub edition_pages: u64,
    /// Elements of a page: articles, photos, promo boxes, tables, graphics, text boxes and rules together.
    pub page_elements: u64,
    /// Slogans of a banner.
    pub slogans: u64,
    /// A PDF or layout dump given to `banmian diff` (a whole edition's PDF).
    pub output_bytes: u64,
    /// Placed PDFs and SVGs: a full-page ad with its photos is tens of MB.
    pub graphic_bytes: u64,
    /// What preflight and SVG conversion may spend on one placed file.
    pub graphic: crate::graphic::GraphicLimits,
}

impl Limits {
    /// The limits of a normal build.
    pub const DEFAULT: Limits = Limits {
        spec_bytes: 4 << 20,
        text_bytes: 4 << 20,
        image_bytes: 128 << 20,
        font_bytes: 128 << 20,
        icc_bytes: crate::icc::MAX_PROFILE_BYTES as u64,
        data_bytes: 8 << 20,
        image_pixels: 120_000_000,
        page_image_bytes: 256 << 20,
        proof_pixels: 100_000_000,
        edition_pages: 1000,
        page_elements: 1000,
        slogans: 100,
        output_bytes: 1 << 30,
        graphic_bytes: 256 << 20,
        graphic: crate::graphic::GraphicLimits::DEFAULT,
    };

    /// The name of each limit on the command line (`--limit NAME=VALUE`), with what it
    /// bounds, in the order of docs/spec.md's table.
    pub const NAMES: &'static [(&'static str, &'static str)] = &[
        ("spec-bytes", "bytes of a spec, edition or layout file"),
        ("text-bytes", "bytes of a body text"),
        ("image-bytes", "bytes of a photo file"),
        ("font-bytes", "bytes of a font file"),
        (
            "icc-bytes",
            "bytes of an ICC profile, also once decompressed",
        ),
        ("data-bytes", "bytes of a table's data file"),
        ("image-pixels", "pixels of one photo"),
        (
            "page-image-bytes",
            "bytes all the photos of a page take in memory",
        ),
        ("proof-pixels", "pixels of a proof"),
        ("edition-pages", "pages of an edition"),
        (
            "page-elements",
            "articles, photos, promo boxes, tables, graphics, text boxes and rules of a page",
        ),
        ("slogans", "slogans of a banner"),
        (
            "output-bytes",
            "bytes of a PDF or layout dump given to diff",
        ),
        ("graphic-bytes", "bytes of a placed PDF or SVG"),
        (
            "graphic-decoded-bytes",
            "bytes the streams of a placed PDF take decompressed",
        ),
    ];

    /// The limit for a kind of file.
    pub fn bytes(&self, kind: FileKind) -> u64 {
        match kind {
            FileKind::Spec | FileKind::Layout => self.spec_bytes,
            FileKind::Text => self.text_bytes,
            FileKind::Image => self.image_bytes,
            FileKind::Font => self.font_bytes,
            FileKind::IccProfile => self.icc_bytes,
            FileKind::Data => self.data_bytes,
            FileKind::Output => self.output_bytes,
            FileKind::Graphic => self.graphic_bytes,
        }
    }

    /// The largest byte limit of any kind of file (for re-reading a build's inputs).
    pub fn largest_file(&self) -> u64 {
        [
            self.spec_bytes,
            self.text_bytes,
            self.image_bytes,
            self.font_bytes,
            self.icc_bytes,
            self.data_bytes,
            self.graphic_bytes,
        ]
        .into_iter()
        .max()
        .unwrap_or(0)
    }

    /// The command-line name of the byte limit of a kind of file.
    pub fn bytes_name(kind: FileKind) -> &'static str {
        match kind {
            FileKind::Spec | FileKind::Layout => "spec-bytes",
            FileKind::Text => "text-bytes",
            FileKind::Image => "image-bytes",
            FileKind::Font => "font-bytes",
            FileKind::IccProfile => "icc-bytes",
            FileKind::Data => "data-bytes",
            FileKind::Output => "output-bytes",
            FileKind::Graphic => "graphic-bytes",
        }
    }

    fn field(&mut self, name: &str) -> Option<&mut u64> {
        Some(match name {
            "spec-bytes" => &mut self.spec_bytes,
            "text-bytes" => &mut self.text_bytes,
            "image-bytes" => &mut self.image_bytes,
            "font-bytes" => &mut self.font_bytes,
            "icc-bytes" => &mut self.icc_bytes,
            "data-bytes" => &mut self.data_bytes,
            "image-pixels" => &mut self.image_pixels,
            "page-image-bytes" => &mut self.page_image_bytes,
            "proof-pixels" => &mut self.proof_pixels,
            "edition-pages" => &mut self.edition_pages,
            "page-elements" => &mut self.page_elements,
            "slogans" => &mut self.slogans,
            "output-bytes" => &mut self.output_bytes,
            "graphic-bytes" => &mut self.graphic_bytes,
            "graphic-decoded-bytes" => &mut self.graphic.decoded_bytes,
            _ => return None,
        })
    }

    /// Sets one limit from `NAME=VALUE` (`--limit`): a whole number, optionally with
    /// `k`, `M` or `G` (thousands, millions, billions) or `KiB`, `MiB`, `GiB`.
    pub fn set(&mut self, setting: &str) -> Result<(), LimitError> {
        let (name, value) = setting
            .split_once('=')
            .ok_or_else(|| LimitError::NotASetting {
                setting: setting.to_string(),
            })?;
        let field = self
            .field(name.trim())
            .ok_or_else(|| LimitError::UnknownName {
                name: name.trim().to_string(),
            })?;
        *field = parse_amount(value.trim()).ok_or_else(|| LimitError::NotAnAmount {
            value: value.trim().to_string(),
        })?;
        Ok(())
    }
}

/// Why a `--limit` setting is refused ([`Limits::set`]). A command-line argument,
/// reported by the argument parser: it has no diagnostic code.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum LimitError {
    /// No `=` between a name and a value.
    NotASetting {
        /// The setting as given.
        setting: String,
    },
    /// A name that is not one of [`Limits::NAMES`].
    UnknownName {
        /// The name as given (trimmed).
        name: String,
    },
    /// A value that is not a whole number with an optional multiplier, or too large.
    NotAnAmount {
        /// The value as given (trimmed).
        value: String,
    },
}

impl std::fmt::Display for LimitError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            LimitError::NotASetting { setting } => write!(f, "`{setting}` is not NAME=VALUE"),
            LimitError::UnknownName { name } => {
                let names: Vec<&str> = Limits::NAMES.iter().map(|(n, _)| *n).collect();
                write!(
                    f,
                    "no limit named `{name}`; the limits are {}",
                    names.join(", ")
                )
            }
            LimitError::NotAnAmount { value } => write!(
                f,
                "`{value}` is not a whole number (e.g. 4000, 120M, 512MiB)"
            ),
        }
    }
}

impl std::error::Error for LimitError {}

/// A whole number with an optional decimal (`k`, `M`, `G`) or binary (`KiB`, `MiB`,
/// `GiB`) multiplier.
fn parse_amount(s: &str) -> Option<u64> {
    let units: [(&str, u64); 6] = [
        ("KiB", 1 << 10),
        ("MiB", 1 << 20),
        ("GiB", 1 << 30),
        ("k", 1_000),
        ("M", 1_000_000),
        ("G", 1_000_000_000),
    ];
    let (digits, times) = units
        .iter()
        .find_map(|(u, m)| s.strip_suffix(u).map(|d| (d, *m)))
        .unwrap_or((s, 1));
    digits.trim().parse::<u64>().ok()?.checked_mul(times)
}

impl Default for Limits {
    fn default() -> Self {
        Limits::DEFAULT
    }
}

/// Why a file could not be read.
#[derive(Debug)]
pub enum ReadError {
    /// No file at the path.
    NotFound,
    /// The path (after links) leaves the root.
    OutsideRoot {
        /// The root the page may read from.
        root: PathBuf,
    },
    /// A folder, device, pipe or socket.
    NotAFile,
    /// More bytes than the kind of file allows.
    TooLarge {
        /// The limit in bytes.
        limit: u64,
    },
    /// Any other failure of the operating system.
    Io(std::io::Error),
}

/// Where the bytes of files come from.
pub trait Source: Send + Sync {
    /// Reads the file at `path` (already joined to its base folder), at most `limit`
    /// bytes; more is [`ReadError::TooLarge`].
    fn read(&self, path: &Path, limit: u64) -> Result<Vec<u8>, ReadError>;
    /// Whether a regular file that may be read is at `path`.
    fn exists(&self, path: &Path) -> bool;
}

/// Files on disk, confined to a root unless told otherwise.
#[derive(Clone, Debug)]
pub struct Disk {
    /// The canonical root; `None` reads anywhere (a trusted desk's choice).
    root: Option<PathBuf>,
}

impl Disk {
    /// Reads only inside `root` (symbolic links followed before the check).
    pub fn confined_to(root: &Path) -> std::io::Result<Disk> {
        let root = if root.as_os_str().is_empty() {
            Path::new(".")
        } else {
            root
        };
        Ok(Disk {
            root: Some(root.canonicalize()?),
        })
    }

    /// Reads anywhere the process may (`--allow-outside-root`).
    pub fn unconfined() -> Disk {
        Disk { root: None }
    }

    /// The canonical root, if reads are confined.
    pub fn root(&self) -> Option<&Path> {
        self.root.as_deref()
    }

    /// The canonical path of a regular file that may be read.
    fn check(&self, path: &Path) -> Result<PathBuf, ReadError> {
        let real = path.canonicalize().map_err(|e| match e.kind() {
            std::io::ErrorKind::NotFound => ReadError::NotFound,
            _ => ReadError::Io(e),
        })?;
        if let Some(root) = &self.root {
            if !real.starts_with(root) {
                return Err(ReadError::OutsideRoot { root: root.clone() });
            }
        }
        // Checked before opening: opening a pipe for reading waits for a writer.
        let meta = std::fs::metadata(&real).map_err(ReadError::Io)?;
        if !meta.is_file() {
            return Err(ReadError::NotAFile);
        }
        Ok(real)
    }
}

impl Source for Disk {
    fn read(&self, path: &Path, limit: u64) -> Result<Vec<u8>, ReadError> {
        let real = self.check(path)?;
        let file = std::fs::File::open(&real).map_err(ReadError::Io)?;
        // The handle is checked again: the path may have been swapped since `check`.
        if !file.metadata().map_err(ReadError::Io)?.is_file() {
            return Err(ReadError::NotAFile);
        }
        let mut bytes = Vec::new();
        file.take(limit.saturating_add(1))
            .read_to_end(&mut bytes)
            .map_err(ReadError::Io)?;
        if bytes.len() as u64 > limit {
            return Err(ReadError::TooLarge { limit });
        }
        Ok(bytes)
    }

    fn exists(&self, path: &Path) -> bool {
        self.check(path).is_ok()
    }
}

/// Files held in memory, by path (relative paths as the spec writes them, joined to
/// the spec's folder: a spec `page.toml` naming `body.txt` reads `body.txt`).
#[derive(Clone, Debug, Default)]
pub struct Memory {
    files: BTreeMap<PathBuf, Arc<[u8]>>,
}

impl Memory {
    /// An empty set of files.
    pub fn new() -> Memory {
        Memory::default()
    }

    /// Adds (or replaces) a file.
    pub fn insert(&mut self, path: impl AsRef<Path>, bytes: impl Into<Arc<[u8]>>) {
        self.files.insert(normalize(path.as_ref()), bytes.into());
    }

    /// [`Memory::insert`], chained.
    pub fn with(mut self, path: impl AsRef<Path>, bytes: impl Into<Arc<[u8]>>) -> Memory {
        self.insert(path, bytes);
        self
    }
}

impl Source for Memory {
    fn read(&self, path: &Path, limit: u64) -> Result<Vec<u8>, ReadError> {
        let bytes = self
            .files
            .get(&normalize(path))
            .ok_or(ReadError::NotFound)?;
        if bytes.len() as u64 > limit {
            return Err(ReadError::TooLarge { limit });
        }
        Ok(bytes.to_vec())
    }

    fn exists(&self, path: &Path) -> bool {
        self.files.contains_key(&normalize(path))
    }
}

/// A path with `.` dropped and `..` applied lexically (`a/./b/../c` is `a/c`).
fn normalize(path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for c in path.components() {
        match c {
            Component::CurDir => {}
            Component::ParentDir => {
                if !out.pop() {
                    out.push("..");
                }
            }
            other => out.push(other),
        }
    }
    out
}

/// One entry of the record of a build's reads.
#[derive(Clone, Debug)]
pub struct InputFile {
    /// The path as joined (not canonicalised): what a later build will look at.
    pub path: PathBuf,
    /// The bytes the build used, or `None` for a file looked for and not found (a
    /// layout file that, once added, would change the page).
    pub bytes: Option<Arc<[u8]>>,
}

/// The reads of one build: where bytes come from, the limits, and the record.
pub struct Files<'a> {
    source: &'a dyn Source,
    limits: Limits,
    record: Mutex<Vec<InputFile>>,
}

impl<'a> Files<'a> {
    /// Reads from `source` within the default limits.
    pub fn new(source: &'a dyn Source) -> Files<'a> {
        Files::with_limits(source, Limits::DEFAULT)
    }

    /// Reads from `source` within `limits`.
    pub fn with_limits(source: &'a dyn Source, limits: Limits) -> Files<'a> {
        Files {
            source,
            limits,
            record: Mutex::new(Vec::new()),
        }
    }

    /// The limits in force.
    pub fn limits(&self) -> &Limits {
        &self.limits
    }

    /// Reads a file of a kind, recording it. The error says what went wrong in plain
    /// words; the caller adds where the spec names the file.
    ///
    /// Bytes equal to those of an earlier read (the same photo under two names) are
    /// shared, not held twice.
    pub fn read(&self, path: &Path, kind: FileKind) -> Result<Arc<[u8]>, Diagnostic> {
        let read = self
            .source
            .read(path, self.limits.bytes(kind))
            .map_err(|e| read_error(path, kind, e))?;
        let earlier = self.record.lock().ok().and_then(|r| {
            r.iter()
                .filter_map(|i| i.bytes.as_ref())
                .find(|b| b[..] == read[..])
                .cloned()
        });
        let bytes: Arc<[u8]> = earlier.unwrap_or_else(|| read.into());
        self.push(InputFile {
            path: path.to_path_buf(),
            bytes: Some(bytes.clone()),
        });
        Ok(bytes)
    }

    /// Reads a UTF-8 text file of a kind: a byte-order mark is dropped, line ends
    /// `\r\n` and a lone `\r` (old Mac files) become `\n`, and the text is put in
    /// Unicode normalisation form C (a decomposed `a` + U+0304 becomes `ā`, which the
    /// fonts have; line numbers do not change).
    pub fn read_text(&self, path: &Path, kind: FileKind) -> Result<String, Diagnostic> {
        let bytes = self.read(path, kind)?;
        text_from_bytes(path, kind, &bytes)
    }

    /// Whether a file is there to read, recording a miss (so that adding the file later
    /// is noticed by an incremental build).
    pub fn exists(&self, path: &Path) -> bool {
        let found = self.source.exists(path);
        if !found {
            self.push(InputFile {
                path: path.to_path_buf(),
                bytes: None,
            });
        }
        found
    }

    /// Everything read (and looked for in vain) so far, in order.
    pub fn record(&self) -> Vec<InputFile> {
        self.record.lock().map(|r| r.clone()).unwrap_or_default()
    }

    fn push(&self, read: InputFile) {
        if let Ok(mut r) = self.record.lock() {
            r.push(read);
        }
    }
}

/// Decodes a text file: UTF-8, without a byte-order mark, with `\n` line ends.
pub fn text_from_bytes(path: &Path, kind: FileKind, bytes: &[u8]) -> Result<String, Diagnostic> {
    let bytes = bytes.strip_prefix("\u{feff}".as_bytes()).unwrap_or(bytes);
    let text = std::str::from_utf8(bytes).map_err(|e| {
        Diagnostic::new(
            Code::IoUtf8,
            format!(
                "{} file {} is not UTF-8 (bad byte at offset {})",
                kind.words(),
                path.display(),
                e.valid_up_to()
            ),
        )
        .at(Some(SourceLoc::from_offset(path, "", 0)))
        .hint("save the file as UTF-8")
    })?;
    let text = if text.contains('\r') {
        text.replace("\r\n", "\n").replace('\r', "\n")
    } else {
        text.to_string()
    };
    Ok(crate::text::hygiene::nfc(text))
}

/// The diagnostic for a failed read: what, which file, why, and what to do.
pub fn read_error(path: &Path, kind: FileKind, e: ReadError) -> Diagnostic {
    let what = kind.words();
    let shown = path.display();
    match e {
        ReadError::NotFound => Diagnostic::new(
            Code::IoRead,
            format!("cannot read {what} file {shown}: there is no such file"),
        )
        .hint("check the path; relative paths are taken from the folder of the file that names them"),
        ReadError::OutsideRoot { root } => Diagnostic::new(
            Code::IoOutsideRoot,
            format!(
                "{what} file {shown} is outside the folder this build may read ({})",
                root.display()
            ),
        )
        .hint("keep the page's files inside that folder, give a wider one with --root DIR, or (for a trusted desk only) build with --allow-outside-root"),
        ReadError::NotAFile => Diagnostic::new(
            Code::IoRead,
            format!("{what} file {shown} is not a regular file"),
        )
        .hint("name a file, not a folder, device or pipe"),
        ReadError::TooLarge { limit } => Diagnostic::new(
            Code::IoTooLarge,
            format!(
                "{what} file {shown} is larger than the {} accepted for a {what} file",
                bytes_in_words(limit)
            ),
        )
        .hint(format!(
            "a real newspaper input is far smaller: check that this is the right file (a trusted desk may raise the limit with --limit {}=N)",
            Limits::bytes_name(kind)
        )),
        ReadError::Io(e) => Diagnostic::new(
            Code::IoRead,
            format!("cannot read {what} file {shown} ({e})"),
        )
        .hint("check the file's permissions"),
    }
}

/// A byte count as a person says it: "4 MiB", "572 MiB" (rounded), "900 bytes".
pub fn bytes_in_words(n: u64) -> String {
    if n >= 1 << 20 {
        format!("{} MiB", (n + (1 << 19)) >> 20)
    } else if n >= 1 << 10 {
        format!("{} KiB", (n + (1 << 9)) >> 10)
    } else {
        format!("{n} bytes")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn limits_are_set_by_name_with_units() {
        let mut l = Limits::DEFAULT;
        l.set("image-pixels=200M").unwrap();
        l.set("page-image-bytes = 1GiB").unwrap();
        l.set("slogans=7").unwrap();
        assert_eq!(l.image_pixels, 200_000_000);
        assert_eq!(l.page_image_bytes, 1 << 30);
        assert_eq!(l.slogans, 7);
        let unknown = l.set("pixels=1").unwrap_err();
        assert_eq!(
            unknown,
            LimitError::UnknownName {
                name: "pixels".into()
            }
        );
        assert!(unknown.to_string().contains("image-pixels"), "{unknown}");
        assert_eq!(
            l.set("slogans 7"),
            Err(LimitError::NotASetting {
                setting: "slogans 7".into()
            })
        );
        assert!(matches!(
            l.set("slogans=many"),
            Err(LimitError::NotAnAmount { .. })
        ));
        assert!(matches!(
            l.set("slogans=99999999999999999999G"),
            Err(LimitError::NotAnAmount { .. })
        ));
        let mut names = Limits::DEFAULT;
        for (n, _) in Limits::NAMES {
            assert!(names.field(n).is_some(), "{n}");
        }
    }

    #[test]
    fn memory_paths_are_normalised() {
        let m = Memory::new().with("pages/a.txt", b"x".to_vec());
        assert!(m.exists(Path::new("pages/./b/../a.txt")));
        assert!(!m.exists(Path::new("a.txt")));
    }

    #[test]
    fn reads_are_bounded_and_recorded() {
        let m = Memory::new().with("a.txt", b"hello".to_vec());
        let files = Files::with_limits(
            &m,
            Limits {
                text_bytes: 4,
                ..Limits::DEFAULT
            },
        );
        let e = files.read(Path::new("a.txt"), FileKind::Text).unwrap_err();
        assert_eq!(e.code, Code::IoTooLarge);
        assert!(!files.exists(Path::new("b.txt")));
        let rec = files.record();
        assert_eq!(rec.len(), 1);
        assert!(rec[0].bytes.is_none());
    }

    #[test]
    fn text_drops_the_bom_and_old_mac_line_ends() {
        let t = text_from_bytes(
            Path::new("a.txt"),
            FileKind::Text,
            "\u{feff}### 小标题\r正文\r\n末行".as_bytes(),
        )
        .unwrap();
        assert_eq!(t, "### 小标题\n正文\n末行");
    }

    #[test]
    fn disk_refuses_what_leaves_the_root() {
        let dir = std::env::temp_dir().join(format!("banmian-files-{}", std::process::id()));
        let inner = dir.join("root");
        std::fs::create_dir_all(&inner).unwrap();
        std::fs::write(dir.join("secret.txt"), "s").unwrap();
        std::fs::write(inner.join("ok.txt"), "ok").unwrap();
        let disk = Disk::confined_to(&inner).unwrap();
        assert!(disk.read(&inner.join("ok.txt"), 10).is_ok());
        assert!(matches!(
            disk.read(&inner.join("../secret.txt"), 10),
            Err(ReadError::OutsideRoot { .. })
        ));
        assert!(matches!(disk.read(&inner, 10), Err(ReadError::NotAFile)));
        let _ = std::fs::remove_dir_all(&dir);
    }
}
