//! Fonts: the built-in faces shipped in `fonts/` (embedded in the binary, so a build never
//! depends on system fonts) plus any font file a spec names; metrics and cmap look-ups.
//!
//! In: font bytes. Out: a [`FontBook`] that maps `(FontId, char)` to a glyph id and an
//! advance in em, and hands the raw bytes to the PDF writer for subsetting.
//! Metrics come from `skrifa` (see docs/decisions.md §2 for why not rusttype or
//! ttf-parser).

use crate::diag::{Code, Diagnostic, SourceLoc};
use serde::Serialize;
use skrifa::instance::{LocationRef, Size};
use skrifa::metrics::GlyphMetrics;
use skrifa::raw::tables::gsub::{SingleSubst, SubstitutionSubtables};
use skrifa::raw::types::Tag;
use skrifa::raw::TableProvider;
use skrifa::{FontRef, GlyphId, MetadataProvider};
use std::path::PathBuf;
use std::sync::Arc;
use yoke::{Yoke, Yokeable};

/// Where the baseline sits in an ideograph's em box, measured down from the box's top:
/// the ideographic em box of the CJK faces (Noto/Source Han, and the 楷体 built to the
/// same design) runs from −0.12 em to 0.88 em about the baseline. Everything that puts
/// CJK text in a box (grid lines, heads, boxes) centres the em box and adds this.
pub const IDEOGRAPHIC_ASCENT: f64 = 0.88;

/// Index of a face in the [`FontBook`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
pub struct FontId(pub u16);

/// The built-in faces, by the role they play on a Chinese newspaper page.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Builtin {
    /// 宋体: body text.
    Song,
    /// 粗宋 / 标宋 stand-in: serif headlines.
    SongBold,
    /// 黑体: subheads, sans headlines.
    Hei,
    /// 黑体 bold: sans headlines, table titles.
    HeiBold,
    /// 楷体: captions.
    Kai,
    /// 明體: Traditional Chinese body text (Noto Serif CJK TC, Big5 level-1 hanzi), with
    /// the centred punctuation of Taiwan and Hong Kong (`region = "tw"`/`"hk"`).
    Ming,
}

impl Builtin {
    /// Every built-in face in [`FontId`] order: `ALL[i].id()` is `FontId(i)`, and the
    /// declared faces' ids start at `ALL.len()`.
    pub const ALL: [Builtin; 6] = [
        Builtin::Song,
        Builtin::SongBold,
        Builtin::Hei,
        Builtin::HeiBold,
        Builtin::Kai,
        Builtin::Ming,
    ];

    /// The name a spec uses for the face.
    pub fn name(self) -> &'static str {
        match self {
            Builtin::Song => "song",
            Builtin::SongBold => "song-bold",
            Builtin::Hei => "hei",
            Builtin::HeiBold => "hei-bold",
            Builtin::Kai => "kai",
            Builtin::Ming => "ming",
        }
    }

    /// The face a spec names, by [`Builtin::name`] (exact, case-sensitive); `None` for
    /// any other name (a declared face, or a mistake).
    pub fn from_name(name: &str) -> Option<Builtin> {
        Builtin::ALL.into_iter().find(|b| b.name() == name)
    }

    /// Its id, the same in every [`FontCatalog`] and [`FontBook`].
    pub fn id(self) -> FontId {
        FontId(self as u16)
    }

    pub(crate) fn data(self) -> &'static [u8] {
        match self {
            Builtin::Song => include_bytes!("../fonts/NotoSerifCJKsc-Regular.otf"),
            Builtin::SongBold => include_bytes!("../fonts/NotoSerifCJKsc-Bold.otf"),
            Builtin::Hei => include_bytes!("../fonts/NotoSansCJKsc-Regular.otf"),
            Builtin::HeiBold => include_bytes!("../fonts/NotoSansCJKsc-Bold.otf"),
            Builtin::Kai => include_bytes!("../fonts/BanmianKai-Regular.ttf"),
            Builtin::Ming => include_bytes!("../fonts/NotoSerifCJKtc-Regular.otf"),
        }
    }
}

/// A font file's bytes: the built-in faces are compiled into the binary; a file a spec
/// names is shared (`Arc`) by every face, page and PDF that uses it and freed with the
/// last of them, so `watch` and editions can lay pages out again and again without
/// growing.
#[derive(Clone)]
pub enum FontBytes {
    /// Compiled into the binary.
    Static(&'static [u8]),
    /// Read from a file.
    Shared(Arc<[u8]>),
}

impl FontBytes {
    /// The bytes.
    pub fn as_slice(&self) -> &[u8] {
        match self {
            FontBytes::Static(b) => b,
            FontBytes::Shared(b) => b,
        }
    }
}

/// The parsed tables a face reads on every glyph look-up, borrowing the font's bytes.
#[derive(Yokeable)]
struct Parsed<'a> {
    font: FontRef<'a>,
    charmap: skrifa::charmap::Charmap<'a>,
    metrics: GlyphMetrics<'a>,
}

impl<'a> Parsed<'a> {
    fn new(data: &'a [u8], index: u32) -> Result<Parsed<'a>, FontError> {
        let font = FontRef::from_index(data, index).map_err(FontError::NotAFont)?;
        Ok(Parsed {
            charmap: font.charmap(),
            metrics: font.glyph_metrics(Size::unscaled(), LocationRef::default()),
            font,
        })
    }
}

/// One parsed face. The parsed tables live beside the bytes they borrow (a [`Yoke`]),
/// so a look-up costs no re-parsing and the bytes are owned, not leaked.
pub struct FontFace {
    /// PostScript name (or the file name when the font has none).
    pub name: String,
    bytes: FontBytes,
    /// Face index in a collection (0 for a single font).
    pub index: u32,
    parsed: Yoke<Parsed<'static>, Option<Arc<[u8]>>>,
    /// Units per em (`head`).
    pub units_per_em: f64,
    /// Typographic ascender and descender in em (descender negative).
    pub ascender: f64,
    /// See [`FontFace::ascender`].
    pub descender: f64,
    /// CFF outlines (embedded as CIDFontType0C) rather than TrueType (CIDFontType2).
    pub is_cff: bool,
    /// Number of glyphs (`maxp`).
    pub glyph_count: u32,
}

impl std::fmt::Debug for FontFace {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("FontFace")
            .field("name", &self.name)
            .finish()
    }
}

/// Why a face cannot be used ([`FontFace::parse`]).
#[derive(Clone, Debug, PartialEq)]
pub enum FontError {
    /// Not an OpenType/TrueType font, or no face at the index asked for.
    NotAFont(skrifa::raw::ReadError),
    /// A table every face needs (`head`, `maxp`, `hmtx`) is missing or damaged.
    Table {
        /// The table's tag.
        table: &'static str,
        /// What is wrong with it.
        error: skrifa::raw::ReadError,
    },
    /// `head` gives 0 units per em.
    NoUnitsPerEm,
    /// Neither `OS/2` nor `hhea` gives the ascender and descender.
    NoVerticalMetrics,
}

impl FontError {
    /// The error as an unlocated `font.load` diagnostic, with what to give instead; the
    /// caller names the file (`about`) and locates it (`at`).
    pub fn diagnostic(&self) -> Diagnostic {
        Diagnostic::new(Code::FontLoad, self.to_string())
            .hint("give an OpenType (.otf/.ttf/.ttc) file and, for a collection, its face index")
    }
}

impl std::fmt::Display for FontError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            FontError::NotAFont(e) => write!(f, "not a usable font ({e})"),
            FontError::Table { table, error } => {
                write!(f, "not a usable font ({table} table: {error})")
            }
            FontError::NoUnitsPerEm => f.write_str("not a usable font (units per em is 0)"),
            FontError::NoVerticalMetrics => {
                f.write_str("not a usable font (no OS/2 or hhea table)")
            }
        }
    }
}

impl std::error::Error for FontError {}

impl FontFace {
    /// Parses face `index` of a font file (or of a built-in face's bytes).
    pub fn parse(bytes: FontBytes, index: u32, fallback_name: &str) -> Result<FontFace, FontError> {
        let parsed = match &bytes {
            FontBytes::Static(data) => Yoke::new_owned(Parsed::new(data, index)?),
            FontBytes::Shared(data) => {
                Yoke::try_attach_to_cart(data.clone(), |d: &[u8]| Parsed::new(d, index))?
                    .wrap_cart_in_option()
            }
        };
        let font = &parsed.get().font;
        let table = |table: &'static str| move |error| FontError::Table { table, error };
        let head = font.head().map_err(table("head"))?;
        let upem = f64::from(head.units_per_em());
        if upem <= 0.0 {
            return Err(FontError::NoUnitsPerEm);
        }
        let glyph_count = u32::from(font.maxp().map_err(table("maxp"))?.num_glyphs());
        font.hmtx().map_err(table("hmtx"))?;
        let name = font
            .localized_strings(skrifa::string::StringId::POSTSCRIPT_NAME)
            .english_or_first()
            .map(|n| n.chars().collect::<String>())
            .filter(|n| !n.is_empty())
            .unwrap_or_else(|| fallback_name.to_string());
        // The typographic (OS/2) ascender and descender, else the hhea ones.
        let (asc, desc) = match (font.os2(), font.hhea()) {
            (Ok(os2), _) => (os2.s_typo_ascender(), os2.s_typo_descender()),
            (_, Ok(hhea)) => (hhea.ascender().to_i16(), hhea.descender().to_i16()),
            _ => return Err(FontError::NoVerticalMetrics),
        };
        let is_cff = font.cff().is_ok();
        Ok(FontFace {
            name,
            bytes,
            index,
            parsed,
            units_per_em: upem,
            ascender: f64::from(asc) / upem,
            descender: f64::from(desc) / upem,
            is_cff,
            glyph_count,
        })
    }

    /// The parsed font, for readers of other tables (the PDF font descriptor, outlines).
    pub fn font(&self) -> FontRef<'_> {
        self.parsed.get().font.clone()
    }

    /// The font file's bytes (for subsetting).
    pub fn data(&self) -> &[u8] {
        self.bytes.as_slice()
    }

    /// True when both faces are the same face of the same bytes.
    pub fn same_as(&self, other: &FontFace) -> bool {
        self.index == other.index
            && (std::ptr::eq(self.data(), other.data()) || self.data() == other.data())
    }

    /// The glyph for a character, if the face has one.
    pub fn glyph(&self, c: char) -> Option<u16> {
        self.parsed
            .get()
            .charmap
            .map(c)
            .and_then(|g| u16::try_from(g.to_u32()).ok())
            .filter(|&g| g != 0)
    }

    /// Horizontal advance of a glyph, in font units.
    pub fn advance_units(&self, gid: u16) -> f64 {
        self.parsed
            .get()
            .metrics
            .advance_width(GlyphId::new(u32::from(gid)))
            .map_or(0.0, f64::from)
    }

    /// Horizontal advance of a glyph, in em.
    pub fn advance(&self, gid: u16) -> f64 {
        self.advance_units(gid) / self.units_per_em
    }

    /// The horizontal extent of a glyph's ink, `(x_min, x_max)` in font units; `None`
    /// for a glyph the font does not have.
    pub fn ink_x(&self, gid: u16) -> Option<(f64, f64)> {
        let b = self
            .parsed
            .get()
            .metrics
            .bounds(GlyphId::new(u32::from(gid)))?;
        Some((f64::from(b.x_min), f64::from(b.x_max)))
    }

    /// The vertical extent of a glyph's ink, `(y_min, y_max)` in font units, y up from
    /// the baseline; `None` for a glyph with no outline.
    pub fn ink_y(&self, gid: u16) -> Option<(f64, f64)> {
        let b = self
            .parsed
            .get()
            .metrics
            .bounds(GlyphId::new(u32::from(gid)))?;
        Some((f64::from(b.y_min), f64::from(b.y_max)))
    }

    /// The vertical form of a glyph, for a line set top to bottom: the GSUB `vert`
    /// substitution, else `vrt2` (cjk-rules.md §8). `None` when the glyph stands in
    /// vertical text as it is (ideographs).
    pub fn vertical_form(&self, gid: u16) -> Option<u16> {
        self.single_substitute(Tag::new(b"vert"), gid)
            .or_else(|| self.single_substitute(Tag::new(b"vrt2"), gid))
    }

    /// Vertical advance of a glyph, in em: `vmtx`, else the em (every CJK frame is
    /// square).
    pub fn v_advance(&self, gid: u16) -> f64 {
        let font = self.font();
        font.vmtx()
            .ok()
            .and_then(|v| v.advance(GlyphId::new(u32::from(gid))))
            .map_or(1.0, |a| f64::from(a) / self.units_per_em)
    }

    /// Where a glyph's vertical origin (the top of its frame in a vertical line) sits
    /// above the baseline, in em: `VORG`, else the typographic ascender (0.88 em for
    /// the built-in faces, the top of the ideographic em box).
    pub fn v_origin(&self, gid: u16) -> f64 {
        match self.font().vorg() {
            Ok(v) => {
                f64::from(v.vertical_origin_y(GlyphId::new(u32::from(gid)))) / self.units_per_em
            }
            Err(_) => self.ascender,
        }
    }

    /// The raw bytes of a table, if the face has it.
    pub fn table(&self, tag: &[u8; 4]) -> Option<&[u8]> {
        self.font().table_data(Tag::new(tag)).map(|d| d.as_bytes())
    }

    /// The full-width form of a glyph via the OpenType `fwid` feature, if the face has one.
    /// Noto CJK maps the shared quotes “ ” ‘ ’ to proportional glyphs; Chinese text wants
    /// the full-width ones (cjk-rules.md §1.3).
    pub fn fullwidth(&self, gid: u16) -> Option<u16> {
        self.single_substitute(Tag::new(b"fwid"), gid)
    }

    /// The proportional form of a glyph via the OpenType `pwid` feature, if the face has
    /// one. Noto CJK SC maps ’ “ ” to full-width glyphs; an apostrophe inside a Latin
    /// word and quotes around a Latin phrase want the proportional ones (cjk-rules.md
    /// §6.3).
    pub fn proportional(&self, gid: u16) -> Option<u16> {
        self.single_substitute(Tag::new(b"pwid"), gid)
    }

    /// Pair kerning between glyphs `left` and `right` from the GPOS `kern` feature (pair
    /// adjustment lookups, formats 1 and 2, extension lookups included), in font units:
    /// the change to `left`'s advance. 0 when the face has no such pair. See
    /// docs/decisions.md §7 for why we read pairs instead of shaping.
    pub fn kerning(&self, left: u16, right: u16) -> f64 {
        self.kern_pair(left, right).unwrap_or(0.0)
    }

    fn kern_pair(&self, left: u16, right: u16) -> Option<f64> {
        use skrifa::raw::tables::gpos::{PairPos, PositionSubtables};
        let gpos = self.font().gpos().ok()?;
        let features = gpos.feature_list().ok()?;
        let lookups = gpos.lookup_list().ok()?;
        let mut indices: Vec<u16> = Vec::new();
        for record in features.feature_records() {
            if record.feature_tag() != Tag::new(b"kern") {
                continue;
            }
            let feat = record.feature(features.offset_data()).ok()?;
            indices.extend(feat.lookup_list_indices().iter().map(|i| i.get()));
        }
        indices.sort_unstable();
        indices.dedup();
        let (l, r) = (
            GlyphId::new(u32::from(left)),
            GlyphId::new(u32::from(right)),
        );
        let mut total = 0.0;
        for li in indices {
            let Ok(lookup) = lookups.lookups().get(usize::from(li)) else {
                continue;
            };
            let Ok(PositionSubtables::Pair(subtables)) = lookup.subtables() else {
                continue;
            };
            for sub in subtables.iter().flatten() {
                let found = match sub {
                    PairPos::Format1(t) => {
                        let Some(ci) = t.coverage().ok().and_then(|c| c.get(l)) else {
                            continue;
                        };
                        let Ok(set) = t.pair_sets().get(ci as usize) else {
                            continue;
                        };
                        set.pair_value_records()
                            .iter()
                            .flatten()
                            .find(|rec| u32::from(rec.second_glyph().to_u16()) == r.to_u32())
                            .map(|rec| rec.value_record1().x_advance().unwrap_or(0))
                    }
                    PairPos::Format2(t) => {
                        if t.coverage().ok().and_then(|c| c.get(l)).is_none() {
                            continue;
                        }
                        let c1 = t.class_def1().ok().map_or(0, |c| c.get(l));
                        let c2 = t.class_def2().ok().map_or(0, |c| c.get(r));
                        let rec = t.class1_records().get(c1 as usize).ok()?;
                        let rec2 = rec.class2_records().get(c2 as usize).ok()?;
                        Some(rec2.value_record1().x_advance().unwrap_or(0))
                    }
                    _ => None,
                };
                if let Some(v) = found {
                    total += f64::from(v);
                    break;
                }
            }
        }
        Some(total)
    }

    /// The first single substitution of `gid` in the lookups of a GSUB feature
    /// (extension lookups included).
    fn single_substitute(&self, feature: Tag, gid: u16) -> Option<u16> {
        let gsub = self.font().gsub().ok()?;
        let features = gsub.feature_list().ok()?;
        let lookups = gsub.lookup_list().ok()?;
        let record = features
            .feature_records()
            .iter()
            .find(|r| r.feature_tag() == feature)?;
        let feat = record.feature(features.offset_data()).ok()?;
        let g = GlyphId::new(u32::from(gid));
        for li in feat.lookup_list_indices() {
            let lookup = lookups.lookups().get(usize::from(li.get())).ok()?;
            let Ok(SubstitutionSubtables::Single(subtables)) = lookup.subtables() else {
                continue;
            };
            for sub in subtables.iter().flatten() {
                let out = match sub {
                    SingleSubst::Format1(t) => {
                        let Some(_) = t.coverage().ok().and_then(|c| c.get(g)) else {
                            continue;
                        };
                        (i32::from(gid) + i32::from(t.delta_glyph_id())) as u16
                    }
                    SingleSubst::Format2(t) => {
                        let Some(ci) = t.coverage().ok().and_then(|c| c.get(g)) else {
                            continue;
                        };
                        t.substitute_glyph_ids().get(ci as usize)?.get().to_u16()
                    }
                    _ => continue,
                };
                return Some(out);
            }
        }
        None
    }
}

/// A face a spec declares under `[[fonts]]`: the name the spec uses for it, its bytes
/// (read by `resolve`) and its face index in a collection.
#[derive(Clone)]
pub struct DeclaredFont {
    /// The spec's name for the face (`[[fonts]] name`).
    pub name: String,
    /// The file, for messages and as the fallback PostScript name.
    pub path: PathBuf,
    /// The file's bytes.
    pub bytes: Arc<[u8]>,
    /// Face index in a collection (0 for a single font).
    pub index: u32,
    /// Where the spec declares it, for a located error when it does not parse.
    pub loc: Option<SourceLoc>,
}

impl std::fmt::Debug for DeclaredFont {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("DeclaredFont")
            .field("name", &self.name)
            .field("path", &self.path)
            .field("index", &self.index)
            .finish()
    }
}

/// The faces a page may use, by name, and their [`FontId`]s: the built-ins in
/// [`Builtin`] order, then the declared faces in the spec's order. This is the one
/// place ids are given out; [`FontBook::load`] lays the faces out by these ids.
#[derive(Clone, Debug, Default)]
pub struct FontCatalog {
    declared: Vec<DeclaredFont>,
}

impl FontCatalog {
    /// Adds a declared face and returns its id.
    pub fn declare(&mut self, font: DeclaredFont) -> FontId {
        self.declared.push(font);
        Self::declared_id(self.declared.len() - 1)
    }

    fn declared_id(i: usize) -> FontId {
        // A spec cannot declare 65,000 fonts: `resolve` bounds the count far lower.
        FontId(u16::try_from(Builtin::ALL.len() + i).unwrap_or(u16::MAX))
    }

    /// The id of a face by the spec's name for it: a built-in or a declared face.
    pub fn id(&self, name: &str) -> Option<FontId> {
        Builtin::from_name(name).map(Builtin::id).or_else(|| {
            self.declared
                .iter()
                .position(|f| f.name == name)
                .map(Self::declared_id)
        })
    }

    /// The declared faces with their ids.
    pub fn declared(&self) -> impl Iterator<Item = (FontId, &DeclaredFont)> {
        self.declared
            .iter()
            .enumerate()
            .map(|(i, f)| (Self::declared_id(i), f))
    }
}

/// All faces a page may use, indexed by [`FontId`] (see [`FontCatalog`]).
#[derive(Debug)]
pub struct FontBook {
    faces: Vec<FontFace>,
}

impl FontBook {
    /// The built-in faces.
    pub fn builtin() -> FontBook {
        let faces = Builtin::ALL
            .into_iter()
            .map(|b| {
                // The built-in files are ours and checked by tests: a failure here is a
                // broken build, not bad input.
                FontFace::parse(FontBytes::Static(b.data()), 0, b.name())
                    .expect("built-in font parses")
            })
            .collect();
        FontBook { faces }
    }

    /// The built-in faces plus the catalog's declared ones, each at its catalog id.
    /// A declared face that does not parse is returned with the reason.
    pub fn load(catalog: &FontCatalog) -> Result<FontBook, (&DeclaredFont, FontError)> {
        let mut book = FontBook::builtin();
        for (id, f) in catalog.declared() {
            let stem = f
                .path
                .file_stem()
                .and_then(|s| s.to_str())
                .unwrap_or("font");
            let face = FontFace::parse(FontBytes::Shared(f.bytes.clone()), f.index, stem)
                .map_err(|m| (f, m))?;
            debug_assert_eq!(usize::from(id.0), book.faces.len());
            book.faces.push(face);
        }
        Ok(book)
    }

    /// Takes in the faces of another book (e.g. another page's), reusing a face this
    /// book already has (same bytes, same index: the built-ins always are); returns,
    /// for each of `other`'s ids, its id here. Used to write several pages with one
    /// embedded copy of each font.
    pub fn merge(&mut self, other: FontBook) -> Result<Vec<FontId>, String> {
        let mut map = Vec::with_capacity(other.faces.len());
        for face in other.faces {
            let id = match self.faces.iter().position(|f| f.same_as(&face)) {
                Some(i) => i,
                None => {
                    self.faces.push(face);
                    self.faces.len() - 1
                }
            };
            map.push(FontId(
                u16::try_from(id).map_err(|_| "too many fonts".to_string())?,
            ));
        }
        Ok(map)
    }

    /// The face with this id. Panics on an id this book did not give out (from another
    /// catalog or book without [`FontBook::merge`]'s mapping).
    pub fn face(&self, id: FontId) -> &FontFace {
        &self.faces[usize::from(id.0)]
    }

    /// Every face with its id, in id order (built-ins first). The dump and the PDF writer
    /// look a run's face up here, where an unknown id is an error, not a panic.
    pub fn faces(&self) -> impl Iterator<Item = (FontId, &FontFace)> {
        self.faces
            .iter()
            .enumerate()
            .map(|(i, f)| (FontId(i as u16), f))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtin_faces_cover_the_reference_text() {
        let book = FontBook::builtin();
        for b in Builtin::ALL {
            let f = book.face(b.id());
            let han = match b {
                Builtin::Ming => "淄博高新區升級之路臺灣香港「」『』",
                _ => "淄博高新区升级之路",
            };
            for c in han.chars().chain("，。“”★℃％A1∶≤α→⑴㈠ǎü".chars()) {
                assert!(f.glyph(c).is_some(), "{} lacks {c}", f.name);
            }
            assert!(f.units_per_em > 0.0);
        }
    }

    #[test]
    fn latin_pairs_are_kerned_from_gpos() {
        let book = FontBook::builtin();
        let f = book.face(Builtin::Song.id());
        let g = |c| f.glyph(c).unwrap();
        assert!(
            f.kerning(g('A'), g('V')) < -30.0,
            "{}",
            f.kerning(g('A'), g('V'))
        );
        assert!(f.kerning(g('T'), g('o')) < 0.0);
        assert_eq!(f.kerning(g('版'), g('面')), 0.0);
    }

    #[test]
    fn apostrophe_has_a_proportional_form() {
        let book = FontBook::builtin();
        let f = book.face(Builtin::Song.id());
        let full = f.glyph('’').unwrap();
        let prop = f.proportional(full).expect("pwid form of ’");
        assert!(f.advance(prop) < 0.5, "{}", f.advance(prop));
    }

    #[test]
    fn ideographs_are_one_em_wide() {
        let book = FontBook::builtin();
        for b in Builtin::ALL {
            let f = book.face(b.id());
            let g = f.glyph('版').unwrap();
            assert!(
                (f.advance(g) - 1.0).abs() < 1e-9,
                "{}: {}",
                f.name,
                f.advance(g)
            );
        }
    }
}

/// Why a font file's table directory does not fit the file ([`check_table_bounds`]).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum TableDirectoryError {
    /// A collection (`ttcf`) whose header ends early.
    CollectionCutShort,
    /// A collection without the face asked for.
    NoSuchFace {
        /// How many faces the collection has.
        faces: u32,
        /// The face index asked for.
        index: u32,
    },
    /// Too short to have a table directory.
    NoTableDirectory,
    /// The directory lists more tables than it has records for.
    DirectoryCutShort,
    /// A table reaches past the end of the file.
    TableCutShort {
        /// The table's tag.
        tag: [u8; 4],
        /// The byte its directory record says it ends at.
        end: u64,
        /// The length of the file.
        file_len: usize,
    },
}

impl TableDirectoryError {
    /// The error as an unlocated `spec.value` diagnostic (the `[[fonts]]` file is
    /// refused where the spec names it), with what to do; the caller names the file
    /// (`about`) and locates it (`at`).
    pub fn diagnostic(&self) -> Diagnostic {
        Diagnostic::new(Code::SpecValue, self.to_string())
            .hint("the file is damaged or cut short: copy it again from the foundry's original")
    }
}

impl std::fmt::Display for TableDirectoryError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            TableDirectoryError::CollectionCutShort => {
                f.write_str("the collection's header is cut short")
            }
            TableDirectoryError::NoSuchFace { faces, index } => write!(
                f,
                "the collection has {faces} faces; index {index} is asked for"
            ),
            TableDirectoryError::NoTableDirectory => {
                f.write_str("not an OpenType or TrueType font (no table directory)")
            }
            TableDirectoryError::DirectoryCutShort => {
                f.write_str("the table directory is cut short")
            }
            TableDirectoryError::TableCutShort { tag, end, file_len } => write!(
                f,
                "table `{}` ends at byte {end}, but the file has only {file_len} bytes",
                String::from_utf8_lossy(tag)
            ),
        }
    }
}

impl std::error::Error for TableDirectoryError {}

/// Checks that an OpenType/TrueType file (or face `index` of a collection) holds every
/// table its directory lists: a file cut short (a failed upload or copy) is refused
/// where the spec names it, not when the PDF is written. Only the directory is read.
pub fn check_table_bounds(bytes: &[u8], index: u32) -> Result<(), TableDirectoryError> {
    let u32_at = |at: usize| -> Option<u32> {
        Some(u32::from_be_bytes(bytes.get(at..at + 4)?.try_into().ok()?))
    };
    let u16_at = |at: usize| -> Option<u16> {
        Some(u16::from_be_bytes(bytes.get(at..at + 2)?.try_into().ok()?))
    };
    let start = if bytes.get(0..4) == Some(b"ttcf") {
        let faces = u32_at(8).ok_or(TableDirectoryError::CollectionCutShort)?;
        if index >= faces {
            return Err(TableDirectoryError::NoSuchFace { faces, index });
        }
        u32_at(12 + 4 * index as usize).ok_or(TableDirectoryError::CollectionCutShort)? as usize
    } else {
        0
    };
    let tables = u16_at(start + 4).ok_or(TableDirectoryError::NoTableDirectory)?;
    for t in 0..usize::from(tables) {
        let record = start + 12 + 16 * t;
        let (Some(tag), Some(offset), Some(length)) = (
            bytes
                .get(record..record + 4)
                .and_then(|t| <[u8; 4]>::try_from(t).ok()),
            u32_at(record + 8),
            u32_at(record + 12),
        ) else {
            return Err(TableDirectoryError::DirectoryCutShort);
        };
        let end = u64::from(offset) + u64::from(length);
        if end > bytes.len() as u64 {
            return Err(TableDirectoryError::TableCutShort {
                tag,
                end,
                file_len: bytes.len(),
            });
        }
    }
    Ok(())
}

#[cfg(test)]
mod bounds_tests {
    use super::{check_table_bounds, FontBytes, FontError, FontFace, TableDirectoryError};
    use crate::diag::Code;

    #[test]
    fn a_font_cut_short_is_refused_and_a_whole_one_accepted() {
        let kai = std::fs::read(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/fonts/BanmianKai-Regular.ttf"
        ))
        .unwrap();
        assert_eq!(check_table_bounds(&kai, 0), Ok(()));
        let cut = check_table_bounds(&kai[..300_000], 0).unwrap_err();
        assert!(
            matches!(
                cut,
                TableDirectoryError::TableCutShort {
                    file_len: 300_000,
                    ..
                }
            ),
            "{cut:?}"
        );
        let text = cut.to_string();
        assert!(
            text.contains("but the file has only 300000 bytes"),
            "{text}"
        );
        assert_eq!(cut.diagnostic().code, Code::SpecValue);
        assert_eq!(
            check_table_bounds(b"hello", 0),
            Err(TableDirectoryError::NoTableDirectory)
        );
        // Five tables listed, no record for any.
        assert_eq!(
            check_table_bounds(b"\0\x01\0\0\0\x05\0\0\0\0\0\0", 0),
            Err(TableDirectoryError::DirectoryCutShort)
        );
        assert_eq!(
            check_table_bounds(b"", 0),
            Err(TableDirectoryError::NoTableDirectory)
        );
        let mut ttc = b"ttcf\0\x01\0\0\0\0\0\x01".to_vec();
        assert_eq!(
            check_table_bounds(&ttc, 1),
            Err(TableDirectoryError::NoSuchFace { faces: 1, index: 1 })
        );
        assert_eq!(
            check_table_bounds(&ttc, 0),
            Err(TableDirectoryError::CollectionCutShort)
        );
        ttc.truncate(9);
        assert_eq!(
            check_table_bounds(&ttc, 0),
            Err(TableDirectoryError::CollectionCutShort)
        );
    }

    #[test]
    fn a_file_that_is_no_font_is_refused_with_the_reason() {
        let e = FontFace::parse(FontBytes::Static(b"hello, world"), 0, "x").unwrap_err();
        assert!(matches!(e, FontError::NotAFont(_)), "{e:?}");
        assert!(e.to_string().starts_with("not a usable font ("), "{e}");
        assert_eq!(e.diagnostic().code, Code::FontLoad);
    }
}
