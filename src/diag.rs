//! One diagnostic type for the whole pipeline: severity, message, where, and a hint.
//!
//! Fatal problems come back as `Err(Diagnostics)`; warnings come back beside the output
//! (overset text, missing glyphs, low-resolution photos) and are printed by the CLI.

use crate::display::Rect;
use serde::Serialize;
use std::fmt;
use std::path::{Path, PathBuf};

/// How bad a diagnostic is; fixed per [`Code`]. Orders `Warning` before `Error`;
/// `--json` writes it lowercase.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// The output is still written; `--deny-warnings` turns it into a failure.
    Warning,
    /// The stage that finds it fails and returns `Err(Diagnostics)`.
    Error,
}

/// A place in a spec (or text) file: 1-based line and column (column counted in characters).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct SourceLoc {
    /// The file, as the path it was read by (relative to where the spec was given).
    pub file: PathBuf,
    /// 1-based line.
    pub line: usize,
    /// 1-based column, in characters (not bytes).
    pub column: usize,
}

impl SourceLoc {
    /// Turns a byte offset into `source` into a line and column.
    pub fn from_offset(file: &Path, source: &str, offset: usize) -> SourceLoc {
        let offset = floor_char_boundary(source, offset.min(source.len()));
        let before = &source[..offset];
        let line = before.matches('\n').count() + 1;
        let line_start = before.rfind('\n').map_or(0, |i| i + 1);
        let column = source[line_start..offset].chars().count() + 1;
        SourceLoc {
            file: file.to_path_buf(),
            line,
            column,
        }
    }
}

fn floor_char_boundary(s: &str, mut i: usize) -> usize {
    while i > 0 && !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

impl fmt::Display for SourceLoc {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}:{}", self.file.display(), self.line, self.column)
    }
}

/// Every kind of diagnostic the engine gives: its code (`--json`'s `code`), its
/// severity and the section of docs/spec.md that explains the keys involved, in one
/// place. docs/spec.md §14 lists every code (a test checks that it does).
macro_rules! codes {
    ($($(#[doc = $doc:literal])* $name:ident = ($code:literal, $severity:ident, $anchor:literal),)*) => {
        /// What kind of problem a [`Diagnostic`] reports; each has a fixed code string
        /// (`--json`'s `code`), severity and docs/spec.md anchor.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub enum Code {
            $($(#[doc = $doc])* $name,)*
        }

        impl Code {
            /// Every code, in the order of docs/spec.md's table.
            pub const ALL: &'static [Code] = &[$(Code::$name),*];

            /// The machine-readable code, e.g. `text.overset`.
            pub fn as_str(self) -> &'static str {
                match self {
                    $(Code::$name => $code,)*
                }
            }

            /// Whether a diagnostic of this kind stops the build.
            pub fn severity(self) -> Severity {
                match self {
                    $(Code::$name => Severity::$severity,)*
                }
            }

            /// The anchor of the docs/spec.md section that explains it.
            pub fn doc_anchor(self) -> &'static str {
                match self {
                    $(Code::$name => $anchor,)*
                }
            }
        }
    };
}

codes! {
    /// Two builds to compare cannot be read.
    DiffRead = ("diff.read", Error, "15-the-command-line"),
    /// An edition page label is not a usable file name.
    EditionBadLabel = ("edition.bad-label", Error, "15-the-command-line"),
    /// Two edition pages have the same label.
    EditionDuplicateLabel = ("edition.duplicate-label", Error, "15-the-command-line"),
    /// The combined edition PDF cannot merge the pages' fonts.
    EditionFonts = ("edition.fonts", Error, "15-the-command-line"),
    /// A `jump_to` names a page that does not continue the article (edition `warnings`).
    EditionJump = ("edition.jump", Warning, "15-the-command-line"),
    /// An edition file lists no pages.
    EditionNoPages = ("edition.no-pages", Error, "15-the-command-line"),
    /// The pages of an edition are made for different presses (edition `warnings`).
    EditionPressCondition = ("edition.press-condition", Warning, "15-the-command-line"),
    /// The worker threads for `-j` cannot be started.
    EditionThreads = ("edition.threads", Error, "15-the-command-line"),
    /// An edition file lists more pages than the limit.
    EditionTooManyPages = ("edition.too-many-pages", Error, "15-the-command-line"),
    /// A placed PDF lacks the box asked for, or the box reaches past its crop box.
    GraphicBox = ("graphic.box", Warning, "17-graphic"),
    /// A placed file paints in device RGB or Lab (not CMYK, spot or ICC-tagged colour).
    GraphicColor = ("graphic.color", Warning, "17-graphic"),
    /// A placed PDF is encrypted.
    GraphicEncrypted = ("graphic.encrypted", Error, "17-graphic"),
    /// An SVG refers to files or URLs outside itself (never fetched).
    GraphicExternal = ("graphic.external", Warning, "17-graphic"),
    /// A placed PDF has layers that cannot be carried over: content on a layer by its
    /// own `/OC`, or a layer set to print otherwise than it shows.
    GraphicLayers = ("graphic.layers", Warning, "17-graphic"),
    /// A placed PDF uses fonts that are not embedded.
    GraphicFontNotEmbedded = ("graphic.font-not-embedded", Error, "17-graphic"),
    /// A placed file is neither a PDF nor an SVG.
    GraphicFormat = ("graphic.format", Error, "17-graphic"),
    /// A placed file's CMYK images exceed `[output] ink_limit` (with `check_ink`).
    GraphicInk = ("graphic.ink", Warning, "17-graphic"),
    /// A placed file exceeds a limit (operators, nesting, size, XML entities).
    GraphicLimit = ("graphic.limit", Error, "17-graphic"),
    /// An image in a placed file prints under `[output] min_ppi`.
    GraphicLowResolution = ("graphic.low-resolution", Warning, "17-graphic"),
    /// A placed page's content uses resources the file lacks.
    GraphicMissingResource = ("graphic.missing-resource", Warning, "17-graphic"),
    /// A placed PDF is made for another press condition than the page.
    GraphicOutputIntent = ("graphic.output-intent", Warning, "17-graphic"),
    /// The page asked for is not in the placed PDF.
    GraphicPage = ("graphic.page", Error, "17-graphic"),
    /// A placed graphic's box differs from its module or frame by more than 0.5 mm.
    GraphicSizeMismatch = ("graphic.size-mismatch", Warning, "17-graphic"),
    /// An SVG's text asks for a font the page does not have.
    GraphicSvgFont = ("graphic.svg-font", Warning, "17-graphic"),
    /// A placed file cannot be parsed.
    GraphicUnreadable = ("graphic.unreadable", Error, "17-graphic"),
    /// A `[[fonts]]` file is not a usable font.
    FontLoad = ("font.load", Error, "12-fonts"),
    /// A file cannot be read.
    IoRead = ("io.read", Error, "1-overview-and-a-minimal-page"),
    /// A file is larger than its limit (4 MiB for specs and texts).
    IoTooLarge = ("io.too-large", Error, "1-overview-and-a-minimal-page"),
    /// A file the page names is outside the folder the build may read (`--root`).
    IoOutsideRoot = ("io.outside-root", Error, "1-overview-and-a-minimal-page"),
    /// A spec or text file is not UTF-8.
    IoUtf8 = ("io.utf8", Error, "1-overview-and-a-minimal-page"),
    /// An output file cannot be written.
    IoWrite = ("io.write", Error, "15-the-command-line"),
    /// A page has more articles, photos, promo boxes, tables, graphics, text boxes and rules than the limit.
    LimitElements = ("limit.elements", Error, "18-running-banmian-as-a-service"),
    /// A banner has more slogans than the limit.
    LimitSlogans = ("limit.slogans", Error, "18-running-banmian-as-a-service"),
    /// Banner title, slogans or credits do not fit the band.
    LayoutBannerTooLong = ("layout.banner-too-long", Warning, "6-banner"),
    /// A caption needs more lines than it was given.
    LayoutCaptionTooLong = ("layout.caption-too-long", Warning, "10-photo"),
    /// A folio part is longer than the line, or parts run into each other.
    LayoutFolioTooLong = ("layout.folio-too-long", Warning, "5-folio"),
    /// A column measure is not a whole number of body characters.
    LayoutGrid = ("layout.grid", Warning, "4-layout-files"),
    /// A head cannot have its area: it lies outside its article or over a photo, a box
    /// or a table.
    LayoutHeadBlocked = ("layout.head-blocked", Error, "8-article"),
    /// A head needs more grid lines (or vertical heads more width) than it is given.
    LayoutHeadTooTall = ("layout.head-too-tall", Warning, "8-article"),
    /// The masthead's name or small print does not fit, or its ear (报眼) is empty.
    LayoutMasthead = ("layout.masthead", Warning, "11e-masthead"),
    /// Two articles, a photo, a box or the banner share grid lines, or heads run into them.
    LayoutOverlap = ("layout.overlap", Warning, "9-placement"),
    /// A promo box has no room for its QR code or its text.
    LayoutPromoTooSmall = ("layout.promo-too-small", Warning, "11-promo"),
    /// A promo's URL is too long for a QR code: the code is left out.
    LayoutPromoQr = ("layout.promo-qr", Warning, "11-promo"),
    /// A text box's text is taller than the box: lines are left out.
    LayoutTextboxOverflow = ("layout.textbox-overflow", Warning, "11d-textbox"),
    /// An article's text ends two or more grid lines above the foot of its area (开天窗).
    LayoutUnderfilled = ("layout.underfilled", Warning, "8-article"),
    /// A page box is empty or not finite (an internal error).
    PdfBadBox = ("pdf.bad-box", Error, "13-output"),
    /// An image cannot be embedded.
    PdfBadImage = ("pdf.bad-image", Error, "10-photo"),
    /// A position or size is not finite or out of PDF's range.
    PdfBadNumber = ("pdf.bad-number", Error, "13-output"),
    /// A font cannot be subset for embedding.
    PdfFontSubset = ("pdf.font-subset", Error, "12-fonts"),
    /// An internal inconsistency in the PDF writer (please report it).
    PdfInternal = ("pdf.internal", Error, "13-output"),
    /// The layout produced no page to write.
    PdfNoPages = ("pdf.no-pages", Error, "13-output"),
    /// More pages than one PDF can hold.
    PdfTooManyPages = ("pdf.too-many-pages", Error, "13-output"),
    /// The display list names a font the book does not have (an internal error).
    PdfUnknownFont = ("pdf.unknown-font", Error, "13-output"),
    /// The display list names a glyph its font does not have (an internal error).
    PdfUnknownGlyph = ("pdf.unknown-glyph", Error, "13-output"),
    /// A photo file is not a whole JPEG or PNG, or is over a limit (pixels, memory,
    /// its colour profile).
    PhotoUnusable = ("photo.unusable", Error, "10-photo"),
    /// A photo under `[output] min_ppi` (150 ppi unless set).
    PhotoLowResolution = ("photo.low-resolution", Warning, "10-photo"),
    /// The layout produced no page to proof.
    ProofNoPage = ("proof.no-page", Error, "15-the-command-line"),
    /// The proof cannot be encoded as PNG.
    ProofPng = ("proof.png", Error, "15-the-command-line"),
    /// A proof would have more pixels than the limit (page size × `--dpi`).
    ProofTooLarge = ("proof.too-large", Error, "18-running-banmian-as-a-service"),
    /// The PDF cannot be rasterised for the proof.
    ProofRender = ("proof.render", Error, "15-the-command-line"),
    /// A grid key that is neither in the spec nor in the layout.
    SpecMissing = ("spec.missing", Error, "3-page"),
    /// TOML syntax, unknown key, wrong type, missing required key.
    SpecToml = ("spec.toml", Error, "14-errors-and-warnings"),
    /// A value out of range or of the wrong form.
    SpecValue = ("spec.value", Error, "14-errors-and-warnings"),
    /// A table's data cannot be read: bad CSV, a ragged row, a bad span marker.
    TableData = ("table.data", Error, "11a-table"),
    /// A table has no body rows.
    TableEmpty = ("table.empty", Warning, "11a-table"),
    /// A table's data file is not in the encoding declared (UTF-8 unless `encoding` says).
    TableEncoding = ("table.encoding", Error, "11a-table"),
    /// A row style's `match` finds no row.
    TableNoMatch = ("table.no-match", Warning, "11a-table"),
    /// Rows of a table do not fit its place.
    TableOverset = ("table.overset", Warning, "11a-table"),
    /// A table is wider than its place even at its smallest allowed size.
    TableTooWide = ("table.too-wide", Warning, "11a-table"),
    /// A body line stretched more than 0.5 em per gap: nothing legal could avoid it.
    TextLooseLine = ("text.loose-line", Warning, "8-article"),
    /// `hanging = true` with `region = "tw"` or `"hk"` in horizontal text, where their
    /// centred pause marks do not hang (clreq): the setting has no effect.
    TextHangingIgnored = ("text.hanging-ignored", Warning, "3-page"),
    /// A character has no glyph in the face it is set in (there is no fallback face).
    TextMissingGlyph = ("text.missing-glyph", Warning, "12-fonts"),
    /// A control, bidirectional-control, private-use or unassigned character in a
    /// text or a spec value (see [`crate::text::hygiene`]).
    TextCharacter = ("text.character", Warning, "18-running-banmian-as-a-service"),
    /// Body markup that is unbalanced, unknown or out of place (printed as text).
    TextMarkup = ("text.markup", Warning, "8-article"),
    /// An article continues one from another page (a jump) that sent no text.
    TextNoContinuation = ("text.no-continuation", Warning, "8-article"),
    /// Article text did not fit.
    TextOverset = ("text.overset", Warning, "8-article"),
}

impl fmt::Display for Code {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl Serialize for Code {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

/// One problem found by any stage: what (code, message), where (spec location, page
/// context, page area) and what to do (hint). Printed by the CLI, written by `--json`,
/// boxed on the proof when it has an `area`.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Diagnostic {
    /// Taken from `code` by [`Diagnostic::new`].
    pub severity: Severity,
    /// What kind of problem it is (its code, e.g. `text.overset`, is in `--json`).
    pub code: Code,
    /// The problem in plain words (one line, no location: that is `loc`).
    pub message: String,
    /// Where in the spec or text files, when known.
    pub loc: Option<SourceLoc>,
    /// Where on the page, in plain words (article, paragraph, column), when known.
    pub context: Option<String>,
    /// What to do about it.
    pub hint: Option<String>,
    /// Where on the page it shows, in points from the media box's top left, when the
    /// stage that found it knows (the proof draws its numbered box there).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub area: Option<Rect>,
}

impl Diagnostic {
    /// A diagnostic of kind `code`, with the severity the code has.
    pub fn new(code: Code, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: code.severity(),
            code,
            message: message.into(),
            loc: None,
            context: None,
            hint: None,
            area: None,
        }
    }
    /// Sets where in the spec or text files it is (`None` leaves it unlocated).
    pub fn at(mut self, loc: Option<SourceLoc>) -> Self {
        self.loc = loc;
        self
    }
    /// Puts what the message is about in front of it (`photo a.jpg: …`), for a message
    /// made by a parser that does not know which file it read.
    pub fn about(mut self, subject: impl fmt::Display) -> Self {
        self.message = format!("{subject}: {}", self.message);
        self
    }
    /// Sets where on the page it is, in words (printed as `in: …`).
    pub fn context(mut self, context: impl Into<String>) -> Self {
        self.context = Some(context.into());
        self
    }
    /// Sets what the user should do about it (printed as `hint: …`).
    pub fn hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(hint.into());
        self
    }
    /// Sets its area on the page (points, media-box top left, y down), so the proof
    /// draws a numbered box there.
    pub fn on_page(mut self, area: Rect) -> Self {
        self.area = Some(area);
        self
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let sev = match self.severity {
            Severity::Warning => "warning",
            Severity::Error => "error",
        };
        // Messages quote spec values and file names: control characters in them are
        // shown escaped, never sent to the terminal (an escape sequence could clear it
        // or print a fake line).
        if let Some(loc) = &self.loc {
            write!(f, "{}: ", escape_controls(&loc.to_string()))?;
        }
        write!(f, "{sev}: {}", escape_controls(&self.message))?;
        if let Some(c) = &self.context {
            write!(f, "\n  in: {}", escape_controls(c))?;
        }
        if let Some(h) = &self.hint {
            write!(f, "\n  hint: {}", escape_controls(h))?;
        }
        Ok(())
    }
}

/// `s` with control characters (line ends too) and bidirectional controls written as
/// `\u{…}` escapes, for a terminal or a log.
pub fn escape_controls(s: &str) -> std::borrow::Cow<'_, str> {
    let bad = |c: char| {
        c.is_control() && c != '\t' || matches!(u32::from(c), 0x202A..=0x202E | 0x2066..=0x2069)
    };
    if !s.chars().any(bad) {
        return s.into();
    }
    s.chars()
        .map(|c| {
            if bad(c) {
                format!("\\u{{{:04x}}}", u32::from(c))
            } else {
                c.to_string()
            }
        })
        .collect::<String>()
        .into()
}

/// A list of diagnostics; the `Err` side of every fallible stage.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
#[serde(transparent)]
pub struct Diagnostics(pub Vec<Diagnostic>);

impl Diagnostics {
    /// Adds one diagnostic at the end.
    pub fn push(&mut self, d: Diagnostic) {
        self.0.push(d);
    }
    /// Whether any is an error (warnings alone do not fail a stage).
    pub fn has_errors(&self) -> bool {
        self.0.iter().any(|d| d.severity == Severity::Error)
    }
    /// Whether there are none, warnings included.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
    /// The diagnostics in the order they were found.
    pub fn iter(&self) -> std::slice::Iter<'_, Diagnostic> {
        self.0.iter()
    }
    /// Appends all of `other`, keeping their order.
    pub fn extend(&mut self, other: Diagnostics) {
        self.0.extend(other.0);
    }
}

impl From<Diagnostic> for Diagnostics {
    fn from(d: Diagnostic) -> Self {
        Diagnostics(vec![d])
    }
}

impl fmt::Display for Diagnostics {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, d) in self.0.iter().enumerate() {
            if i > 0 {
                writeln!(f)?;
            }
            write!(f, "{d}")?;
        }
        Ok(())
    }
}

impl std::error::Error for Diagnostics {}

#[cfg(test)]
mod tests {
    use super::*;

    /// docs/spec.md §14 has a row for every code, with the severity the code has.
    #[test]
    fn every_code_is_in_the_spec_table() {
        let spec = include_str!("../docs/spec.md");
        let missing: Vec<String> = Code::ALL
            .iter()
            .map(|c| {
                let sev = match c.severity() {
                    Severity::Warning => "warning",
                    Severity::Error => "error",
                };
                format!("| `{}` | {sev} |", c.as_str())
            })
            .filter(|row| !spec.contains(row.as_str()))
            .collect();
        assert!(missing.is_empty(), "not in docs/spec.md §14: {missing:?}");
    }

    /// Every code's doc anchor is a heading of docs/spec.md.
    #[test]
    fn every_doc_anchor_is_a_section() {
        let spec = include_str!("../docs/spec.md");
        for c in Code::ALL {
            assert!(
                spec.contains(&format!("](#{})", c.doc_anchor())),
                "{c}: no contents entry for #{}",
                c.doc_anchor()
            );
        }
    }

    #[test]
    fn offsets_become_line_and_character_column() {
        let src = "a = 1\n标题 = 2\n";
        let off = src.find('2').unwrap();
        let loc = SourceLoc::from_offset(Path::new("p.toml"), src, off);
        assert_eq!((loc.line, loc.column), (2, 6));
    }
}
