//! Fonts: the built-in faces shipped in `fonts/` (embedded in the binary, so a build never
//! depends on system fonts) plus any font file a spec names; metrics and cmap look-ups.
//!
//! In: font bytes. Out: a [`FontBook`] that maps `(FontId, char)` to a glyph id and an
//! advance in em, and hands the raw bytes to the PDF writer for subsetting.
//! Metrics come from `ttf-parser` (see docs/decisions.md for why not rusttype).

use serde::Serialize;
use std::path::Path;
use ttf_parser::gsub::SubstitutionSubtable;
use ttf_parser::{Face, GlyphId, Tag};

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
    HeiBold,
    /// 楷体: captions.
    Kai,
}

impl Builtin {
    pub const ALL: [Builtin; 5] = [
        Builtin::Song,
        Builtin::SongBold,
        Builtin::Hei,
        Builtin::HeiBold,
        Builtin::Kai,
    ];

    /// The name a spec uses for the face.
    pub fn name(self) -> &'static str {
        match self {
            Builtin::Song => "song",
            Builtin::SongBold => "song-bold",
            Builtin::Hei => "hei",
            Builtin::HeiBold => "hei-bold",
            Builtin::Kai => "kai",
        }
    }

    pub fn from_name(name: &str) -> Option<Builtin> {
        Builtin::ALL.into_iter().find(|b| b.name() == name)
    }

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
        }
    }
}

/// One parsed face.
pub struct FontFace {
    /// PostScript name (or the file name when the font has none).
    pub name: String,
    pub data: &'static [u8],
    pub index: u32,
    pub face: Face<'static>,
    pub units_per_em: f64,
    /// Typographic ascender and descender in em (descender negative).
    pub ascender: f64,
    pub descender: f64,
    /// CFF outlines (embedded as CIDFontType0C) rather than TrueType (CIDFontType2).
    pub is_cff: bool,
}

impl std::fmt::Debug for FontFace {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("FontFace")
            .field("name", &self.name)
            .finish()
    }
}

impl FontFace {
    /// Parses a face. `data` must live for the whole process: built-in fonts are static,
    /// a font file named by a spec is read once and leaked (see [`FontBook::add_file`]).
    pub fn parse(data: &'static [u8], index: u32, fallback_name: &str) -> Result<FontFace, String> {
        let face = Face::parse(data, index).map_err(|e| format!("not a usable font ({e})"))?;
        let upem = f64::from(face.units_per_em());
        let name = face
            .names()
            .into_iter()
            .filter(|n| n.name_id == ttf_parser::name_id::POST_SCRIPT_NAME)
            .find_map(|n| n.to_string())
            .unwrap_or_else(|| fallback_name.to_string());
        let (asc, desc) = match (face.typographic_ascender(), face.typographic_descender()) {
            (Some(a), Some(d)) => (a, d),
            _ => (face.ascender(), face.descender()),
        };
        Ok(FontFace {
            name,
            data,
            index,
            units_per_em: upem,
            ascender: f64::from(asc) / upem,
            descender: f64::from(desc) / upem,
            is_cff: face.tables().cff.is_some(),
            face,
        })
    }

    /// The glyph for a character, if the face has one.
    pub fn glyph(&self, c: char) -> Option<u16> {
        self.face.glyph_index(c).map(|g| g.0).filter(|&g| g != 0)
    }

    /// Horizontal advance of a glyph, in em.
    pub fn advance(&self, gid: u16) -> f64 {
        f64::from(self.face.glyph_hor_advance(GlyphId(gid)).unwrap_or(0)) / self.units_per_em
    }

    /// The full-width form of a glyph via the OpenType `fwid` feature, if the face has one.
    /// Noto CJK maps the shared quotes “ ” ‘ ’ to proportional glyphs; Chinese text wants
    /// the full-width ones (cjk-rules.md §1.2, "Traps found in the data").
    pub fn fullwidth(&self, gid: u16) -> Option<u16> {
        self.single_substitute(Tag::from_bytes(b"fwid"), gid)
    }

    fn single_substitute(&self, feature: Tag, gid: u16) -> Option<u16> {
        let gsub = self.face.tables().gsub?;
        let feat = gsub.features.into_iter().find(|f| f.tag == feature)?;
        for li in feat.lookup_indices {
            let lookup = gsub.lookups.get(li)?;
            for sub in lookup.subtables.into_iter::<SubstitutionSubtable>() {
                if let SubstitutionSubtable::Single(single) = sub {
                    let g = GlyphId(gid);
                    let cov = match single {
                        ttf_parser::gsub::SingleSubstitution::Format1 { coverage, .. } => coverage,
                        ttf_parser::gsub::SingleSubstitution::Format2 { coverage, .. } => coverage,
                    };
                    let Some(ci) = cov.get(g) else { continue };
                    let out = match single {
                        ttf_parser::gsub::SingleSubstitution::Format1 { delta, .. } => {
                            GlyphId((i32::from(gid) + i32::from(delta)) as u16)
                        }
                        ttf_parser::gsub::SingleSubstitution::Format2 { substitutes, .. } => {
                            substitutes.get(ci)?
                        }
                    };
                    return Some(out.0);
                }
            }
        }
        None
    }
}

/// All faces a page may use. Ids 0..5 are the built-ins in [`Builtin`] order.
#[derive(Debug)]
pub struct FontBook {
    faces: Vec<FontFace>,
}

impl FontBook {
    /// The five built-in faces.
    pub fn builtin() -> FontBook {
        let faces = Builtin::ALL
            .into_iter()
            .map(|b| {
                // The built-in files are ours and checked by tests: a failure here is a
                // broken build, not bad input.
                FontFace::parse(b.data(), 0, b.name()).expect("built-in font parses")
            })
            .collect();
        FontBook { faces }
    }

    /// Adds a font file named by a spec. The bytes are leaked on purpose: faces borrow
    /// them for the life of the process, and a process builds a bounded set of pages.
    pub fn add_file(&mut self, path: &Path, index: u32) -> Result<FontId, String> {
        let bytes = std::fs::read(path).map_err(|e| format!("cannot read font file: {e}"))?;
        let data: &'static [u8] = Box::leak(bytes.into_boxed_slice());
        let stem = path.file_stem().and_then(|s| s.to_str()).unwrap_or("font");
        let face = FontFace::parse(data, index, stem)?;
        let id = FontId(u16::try_from(self.faces.len()).map_err(|_| "too many fonts".to_string())?);
        self.faces.push(face);
        Ok(id)
    }

    /// Takes in the faces of another book (e.g. another page's), reusing a face this
    /// book already has (same bytes, same index: the built-ins always are); returns,
    /// for each of `other`'s ids, its id here. Used to write several pages with one
    /// embedded copy of each font.
    pub fn merge(&mut self, other: FontBook) -> Result<Vec<FontId>, String> {
        let mut map = Vec::with_capacity(other.faces.len());
        for face in other.faces {
            let same = |f: &FontFace| {
                f.index == face.index && (std::ptr::eq(f.data, face.data) || f.data == face.data)
            };
            let id = match self.faces.iter().position(same) {
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

    pub fn face(&self, id: FontId) -> &FontFace {
        &self.faces[usize::from(id.0)]
    }

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
            for c in "淄博高新区升级之路，。“”★℃％A1∶≤α→⑴㈠ǎü".chars()
            {
                assert!(f.glyph(c).is_some(), "{} lacks {c}", f.name);
            }
            assert!(f.units_per_em > 0.0);
        }
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
