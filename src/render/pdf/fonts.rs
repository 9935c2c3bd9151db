//! Font embedding: subsets, CID-keyed, with an exact ToUnicode map.
//!
//! In: every glyph run of the document. Out: per face used, a Type0 font with
//! Identity-H encoding (2-byte codes) over
//! - a CIDFontType0 with the subset's bare CFF program (`/FontFile3 /Subtype
//!   /CIDFontType0C`) for CFF faces (Noto CJK .otf), or
//! - a CIDFontType2 with the subset TrueType file (`/FontFile2`, `/CIDToGIDMap
//!   /Identity`) for glyf faces (LXGW WenKai .ttf).
//!
//! Glyph ids: `subsetter` renumbers the glyphs it keeps (the [`GlyphRemapper`]), and for
//! CFF it also rewrites the font as CID-keyed with CID = new glyph id. So for both kinds
//! the code written in the content stream is the new glyph id, which is the CID.
//! We hand the glyphs to the remapper in ascending order, so the new ids follow the old
//! ones and runs of equal widths in `/W` stay together.
//!
//! ToUnicode: each glyph maps to the text of the first glyph (in document order) that
//! used it with non-empty text. Where that cannot spell the source text (a glyph used
//! again for another text, or a cluster of several glyphs whose later ones carry no text),
//! the content stream adds an `/ActualText` span (see `content.rs`); extractors that read
//! only ToUnicode then give the first text, or the cluster's first glyph's.

use super::cache::{PdfCache, Program};
use super::deflate::{self, StreamKind};
use super::timings::{timed, FontTimings};
use super::{hash, Encoded, PdfOptions, Refs};
use crate::diag::Code;
use crate::diag::Diagnostic;
use crate::display::{Document, Item};
use crate::fonts::{Builtin, FontBook, FontFace, FontId};
use pdf_writer::types::{CidFontType, FontFlags, SystemInfo, UnicodeCmap};
use pdf_writer::{Chunk, Filter, Finish, Name, Rect, Ref, Str};
use std::collections::BTreeMap;
use std::sync::Arc;
use subsetter::GlyphRemapper;

/// Glyph space units of a CID font's metrics in PDF, whatever the font's units per em.
const PDF_UNITS_PER_EM: f64 = 1000.0;
/// `/DW`: the width of glyphs not listed in `/W`. Nearly every CJK glyph is one em, so
/// only the others are listed.
const DEFAULT_WIDTH: f64 = 1000.0;
/// Longest PostScript name kept in `/BaseFont` (PDF's name limit is 127 bytes, minus the
/// tag and `-Identity-H`).
const MAX_NAME_LEN: usize = 100;
/// Identity ordering: CIDs are glyph ids of the embedded program, not a character
/// collection such as Adobe-GB1.
const IDENTITY: SystemInfo = SystemInfo {
    registry: Str(b"Adobe"),
    ordering: Str(b"Identity"),
    supplement: 0,
};

/// The faces a document uses, in [`FontId`] order.
pub struct FontSet<'a> {
    fonts: Vec<UsedFont<'a>>,
}

/// One face and the glyphs the document shows with it.
pub struct UsedFont<'a> {
    pub id: FontId,
    face: &'a FontFace,
    remapper: GlyphRemapper,
    /// Width in PDF glyph units (1000 per em), indexed by CID.
    widths: Vec<f64>,
    /// ToUnicode text by CID.
    texts: BTreeMap<u16, String>,
}

impl<'a> FontSet<'a> {
    /// First pass over the document: which glyphs of which faces, and their texts.
    pub fn collect(doc: &Document, book: &'a FontBook) -> Result<FontSet<'a>, Diagnostic> {
        let mut used: BTreeMap<FontId, Usage> = BTreeMap::new();
        for (pi, page) in doc.pages.iter().enumerate() {
            for item in &page.items {
                let Item::Text(run) = item else { continue };
                let face = book
                    .faces()
                    .nth(usize::from(run.font.0))
                    .map(|(_, f)| f)
                    .ok_or_else(|| {
                        Diagnostic::new(
                            Code::PdfUnknownFont,
                            format!("a glyph run uses font {}, which is not loaded", run.font.0),
                        )
                        .context(format!("page {}", pi + 1))
                    })?;
                let count = face.glyph_count;
                let usage = used.entry(run.font).or_insert_with(|| Usage::new(count));
                for g in &run.glyphs {
                    if u32::from(g.id) >= count {
                        return Err(Diagnostic::new(
                            Code::PdfUnknownGlyph,
                            format!(
                                "glyph {} is not in font {} ({count} glyphs)",
                                g.id, face.name
                            ),
                        )
                        .context(format!("page {}", pi + 1)));
                    }
                    usage.add(g.id, &g.text);
                }
            }
        }
        let fonts = used
            .into_iter()
            .map(|(id, usage)| {
                let face = book.face(id);
                UsedFont::new(id, face, usage)
            })
            .collect();
        Ok(FontSet { fonts })
    }

    pub fn fonts(&self) -> impl Iterator<Item = &UsedFont<'a>> {
        self.fonts.iter()
    }

    /// The font's index in the set (its resource name) and its data.
    pub fn get(&self, id: FontId) -> Option<(usize, &UsedFont<'a>)> {
        let i = self.fonts.binary_search_by_key(&id, |f| f.id).ok()?;
        Some((i, &self.fonts[i]))
    }
}

/// Glyphs of one face, gathered in document order: one byte per glyph of the face, so
/// that a glyph met again (most are: a page sets 2,600 characters with 600 glyphs, an
/// edition's combined PDF a hundred thousand) costs one look-up and no allocation.
struct Usage {
    /// Per glyph id: [`Usage::UNUSED`], [`Usage::USED`] or [`Usage::WITH_TEXT`].
    state: Vec<u8>,
    /// Each glyph's first non-empty text, in the order first met.
    texts: Vec<(u16, String)>,
}

impl Usage {
    const UNUSED: u8 = 0;
    const USED: u8 = 1;
    const WITH_TEXT: u8 = 2;

    /// No glyph used yet of a face with `glyph_count` glyphs.
    fn new(glyph_count: u32) -> Usage {
        Usage {
            state: vec![Usage::UNUSED; glyph_count as usize],
            texts: Vec::new(),
        }
    }

    /// Marks `gid` used, with `text` if it is the glyph's first non-empty one. A glyph
    /// id past the face's count is ignored (the caller reports it).
    fn add(&mut self, gid: u16, text: &str) {
        let Some(state) = self.state.get_mut(usize::from(gid)) else {
            return;
        };
        if *state == Usage::WITH_TEXT {
            return;
        }
        if text.is_empty() {
            *state = Usage::USED;
        } else {
            *state = Usage::WITH_TEXT;
            self.texts.push((gid, text.to_string()));
        }
    }

    /// The glyphs used, ascending.
    fn gids(&self) -> impl Iterator<Item = u16> + '_ {
        self.state
            .iter()
            .enumerate()
            .filter(|(_, s)| **s != Usage::UNUSED)
            .filter_map(|(g, _)| u16::try_from(g).ok())
    }
}

impl<'a> UsedFont<'a> {
    fn new(id: FontId, face: &'a FontFace, usage: Usage) -> UsedFont<'a> {
        let mut remapper = GlyphRemapper::new();
        for g in usage.gids() {
            remapper.remap(g);
        }
        let widths = remapper
            .remapped_gids()
            .map(|g| pdf_units(face, face.advance_units(g)))
            .collect();
        let texts = usage
            .texts
            .into_iter()
            .filter_map(|(g, t)| Some((remapper.get(g)?, t)))
            .collect();
        UsedFont {
            id,
            face,
            remapper,
            widths,
            texts,
        }
    }

    /// Glyphs kept in the subset, `.notdef` included.
    pub fn glyph_count(&self) -> usize {
        self.widths.len()
    }

    /// The code (CID = new glyph id) a glyph is written with.
    pub fn cid(&self, gid: u16) -> Option<u16> {
        self.remapper.get(gid)
    }

    /// The text ToUnicode gives for a CID.
    pub fn text(&self, cid: u16) -> Option<&str> {
        self.texts.get(&cid).map(String::as_str)
    }

    /// The glyph's width as written in `/W` (or `/DW`), in 1000ths of the size.
    pub fn width(&self, cid: u16) -> f64 {
        self.widths.get(usize::from(cid)).copied().unwrap_or(0.0)
    }

    /// `ABCDEF+Name`: the tag is a stable hash of the face name and the glyphs kept, so
    /// the same subset always gets the same name and different subsets (almost surely)
    /// different ones.
    fn base_font(&self) -> String {
        let mut key = self.face.name.as_bytes().to_vec();
        for g in self.remapper.remapped_gids() {
            key.extend_from_slice(&g.to_be_bytes());
        }
        let mut h = hash::fnv1a_64(&key);
        let tag: String = (0..6)
            .map(|_| {
                let c = char::from(b'A' + (h % 26) as u8);
                h /= 26;
                c
            })
            .collect();
        let mut name = super::ascii_name(&self.face.name, MAX_NAME_LEN);
        if name.is_empty() {
            name.push_str("Font");
        }
        format!("{tag}+{name}")
    }
}

/// A length in font units as PDF glyph units, rounded to 1/1000 so the value written and
/// the value the content stream computes with are the same.
fn pdf_units(face: &FontFace, v: f64) -> f64 {
    let scaled = v * PDF_UNITS_PER_EM / face.units_per_em;
    (scaled * 1000.0).round() / 1000.0
}

/// A font ready to be written: its program and ToUnicode CMap as they go into the
/// file (compressed unless compression is off), and where the time went.
pub struct Embedded {
    program: Arc<Program>,
    /// The program's filter: Flate, or none when compression is off.
    filter: Option<Filter>,
    cmap: Encoded<'static>,
    pub timings: FontTimings,
}

/// Subsets a face and encodes its streams: the expensive part of a font, independent
/// of every other font, so fonts are embedded in parallel. A subset of a built-in face
/// is made once per glyph set and process (see `cache.rs`).
pub fn embed(
    font: &UsedFont<'_>,
    cache: &PdfCache,
    opts: &PdfOptions,
) -> Result<Embedded, Diagnostic> {
    let mut tm = FontTimings {
        name: font.face.name.clone(),
        glyphs: font.widths.len(),
        ..FontTimings::default()
    };
    let make = |tm: &mut FontTimings| -> Result<Program, Diagnostic> {
        let raw = timed(&mut tm.subset, || subset_program(font))?;
        let packed = match opts.compress {
            true => timed(&mut tm.compress, || {
                deflate::compress(&raw, StreamKind::FontProgram)
            }),
            false => raw.clone(),
        };
        Ok(Program {
            packed,
            raw_len: raw.len(),
        })
    };
    let program = match builtin(font).filter(|_| opts.compress) {
        Some(face) => {
            let glyphs = font.remapper.remapped_gids().collect();
            cache.subset(face, glyphs, || make(&mut tm))?
        }
        None => Arc::new(make(&mut tm)?),
    };
    let cmap = timed(&mut tm.maps, || to_unicode_cmap(font));
    let cmap = timed(&mut tm.compress, || {
        Encoded::of(&cmap, StreamKind::CMap, opts).into_owned()
    });
    tm.bytes = program.packed.len();
    Ok(Embedded {
        program,
        filter: opts.compress.then_some(Filter::FlateDecode),
        cmap,
        timings: tm,
    })
}

/// The built-in face a font is, if it is one: a [`FontBook`] gives the built-ins the
/// first ids, in [`Builtin`] order, and any other face a later one. (The face's bytes
/// are not compared with the built-in's: that would make the compiler keep a second
/// copy of the 15 MB of fonts in the binary.)
fn builtin(font: &UsedFont<'_>) -> Option<Builtin> {
    let b = *Builtin::ALL.get(usize::from(font.id.0))?;
    (b.id() == font.id && font.face.index == 0).then_some(b)
}

/// Writes a face's Type0 font (at `root`) with the descendant CIDFont, descriptor,
/// font program and ToUnicode CMap.
pub fn write_font(
    chunk: &mut Chunk,
    refs: &mut Refs,
    font: &UsedFont<'_>,
    embedded: &Embedded,
    root: Ref,
) {
    let face = font.face;
    let cid_ref = refs.next();
    let descriptor_ref = refs.next();
    let cmap_ref = refs.next();
    let program_ref = refs.next();
    let base_font = font.base_font();

    let type0_name = if face.is_cff {
        format!("{base_font}-Identity-H")
    } else {
        base_font.clone()
    };
    chunk
        .type0_font(root)
        .base_font(Name(type0_name.as_bytes()))
        .encoding_predefined(Name(b"Identity-H"))
        .descendant_font(cid_ref)
        .to_unicode(cmap_ref);

    write_cid_font(chunk, font, cid_ref, descriptor_ref, &base_font);
    write_descriptor(chunk, face, descriptor_ref, program_ref, &base_font);

    let enc = &embedded.cmap;
    let mut stream = chunk.cmap(cmap_ref, enc.bytes());
    if let Some(f) = enc.filter {
        stream.filter(f);
    }
    stream.finish();

    let program = &embedded.program;
    let mut stream = chunk.stream(program_ref, &program.packed);
    if let Some(f) = embedded.filter {
        stream.filter(f);
    }
    if face.is_cff {
        stream.pair(Name(b"Subtype"), Name(b"CIDFontType0C"));
    } else {
        stream.pair(
            Name(b"Length1"),
            i32::try_from(program.raw_len).unwrap_or(i32::MAX),
        );
    }
    stream.finish();
}

fn write_cid_font(
    chunk: &mut Chunk,
    font: &UsedFont<'_>,
    id: Ref,
    descriptor: Ref,
    base_font: &str,
) {
    let mut cid = chunk.cid_font(id);
    cid.subtype(if font.face.is_cff {
        CidFontType::Type0
    } else {
        CidFontType::Type2
    })
    .base_font(Name(base_font.as_bytes()))
    .system_info(IDENTITY)
    .font_descriptor(descriptor)
    .default_width(DEFAULT_WIDTH as f32);
    if !font.face.is_cff {
        cid.cid_to_gid_map_predefined(Name(b"Identity"));
    }
    // Runs of consecutive CIDs whose width is not the default.
    let mut widths = cid.widths();
    let mut start = 0usize;
    while start < font.widths.len() {
        if font.widths[start] == DEFAULT_WIDTH {
            start += 1;
            continue;
        }
        let mut end = start;
        while end + 1 < font.widths.len() && font.widths[end + 1] != DEFAULT_WIDTH {
            end += 1;
        }
        let run = font.widths[start..=end].iter().map(|&w| w as f32);
        widths.consecutive(start as u16, run);
        start = end + 1;
    }
    widths.finish();
}

fn write_descriptor(chunk: &mut Chunk, face: &FontFace, id: Ref, program: Ref, base_font: &str) {
    use skrifa::raw::TableProvider;
    let f = &face.font();
    let units = |v: f64| pdf_units(face, v) as f32;
    let (x_min, y_min, x_max, y_max) = f
        .head()
        .map(|h| (h.x_min(), h.y_min(), h.x_max(), h.y_max()))
        .unwrap_or_default();
    let ascent = units(face.ascender * face.units_per_em);
    let descent = units(face.descender * face.units_per_em);
    let os2 = f.os2().ok();
    let cap_height = os2
        .as_ref()
        .and_then(|o| o.s_cap_height())
        .map(|h| units(f64::from(h)))
        .unwrap_or(ascent);
    // No font stores its dominant vertical stem width; this is the usual estimate from
    // the weight class (as in krilla and PDFBox): 400 → 95, 700 → 169.
    let weight = os2.as_ref().map_or(400, |o| o.us_weight_class());
    let stem_v = 10.0 + 0.244 * (f32::from(weight) - 50.0);
    let post = f.post().ok();
    let italic_angle = post.as_ref().map_or(0.0, |p| p.italic_angle().to_f32());
    let italic = os2.as_ref().is_some_and(|o| {
        o.fs_selection()
            .contains(skrifa::raw::tables::os2::SelectionFlags::ITALIC)
    });

    let mut flags = FontFlags::SYMBOLIC;
    flags.set(FontFlags::SERIF, face.name.contains("Serif"));
    flags.set(
        FontFlags::FIXED_PITCH,
        post.as_ref().is_some_and(|p| p.is_fixed_pitch() != 0),
    );
    flags.set(FontFlags::ITALIC, italic || italic_angle != 0.0);

    let mut d = chunk.font_descriptor(id);
    d.name(Name(base_font.as_bytes()))
        .flags(flags)
        .bbox(Rect::new(
            units(f64::from(x_min)),
            units(f64::from(y_min)),
            units(f64::from(x_max)),
            units(f64::from(y_max)),
        ))
        .italic_angle(italic_angle)
        .ascent(ascent)
        .descent(descent)
        .cap_height(cap_height)
        .stem_v(stem_v);
    if face.is_cff {
        d.font_file3(program);
    } else {
        d.font_file2(program);
    }
}

/// The font program to embed: the subset's bare CFF table for CFF faces (what
/// `/CIDFontType0C` holds), the whole subset TrueType file otherwise.
fn subset_program(font: &UsedFont<'_>) -> Result<Vec<u8>, Diagnostic> {
    let face = font.face;
    let fail = |why: String| {
        Diagnostic::new(Code::PdfFontSubset, format!("cannot subset font {}: {why}", face.name))
            .hint("check that the font file is a valid OpenType or TrueType font (CFF2 variable fonts are not supported)")
    };
    // subsetter does not promise never to panic on a malformed font; a font named by a
    // spec is untrusted input, so a panic becomes a diagnostic.
    let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        subsetter::subset(face.data(), face.index, &font.remapper)
    }));
    let subset = match result {
        Ok(Ok(bytes)) => bytes,
        Ok(Err(e)) => return Err(fail(e.to_string())),
        Err(_) => return Err(fail("the subsetter failed on this font".to_string())),
    };
    if !face.is_cff {
        return Ok(subset);
    }
    let raw =
        skrifa::FontRef::new(&subset).map_err(|e| fail(format!("unreadable subset ({e})")))?;
    let cff = raw
        .table_data(skrifa::raw::types::Tag::new(b"CFF "))
        .ok_or_else(|| fail("the subset has no CFF table".to_string()))?;
    Ok(cff.as_bytes().to_vec())
}

/// The ToUnicode CMap: one `bfchar` entry per CID that has text.
fn to_unicode_cmap(font: &UsedFont<'_>) -> Vec<u8> {
    let mut cmap = UnicodeCmap::new(Name(b"Custom"), IDENTITY);
    for (&cid, text) in &font.texts {
        cmap.pair_with_multiple(cid, text.chars());
    }
    cmap.finish().into_vec()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fonts::Builtin;

    fn used<'a>(book: &'a FontBook, b: Builtin, text: &str) -> UsedFont<'a> {
        let face = book.face(b.id());
        let mut usage = Usage::new(face.glyph_count);
        for c in text.chars() {
            usage.add(face.glyph(c).unwrap(), &c.to_string());
        }
        UsedFont::new(b.id(), face, usage)
    }

    #[test]
    fn subset_tag_depends_only_on_the_glyph_set() {
        let book = FontBook::builtin();
        let a = used(&book, Builtin::Song, "版面设计").base_font();
        let b = used(&book, Builtin::Song, "设计版面").base_font();
        let c = used(&book, Builtin::Song, "版面设").base_font();
        assert_eq!(a, b);
        assert_ne!(a, c);
        assert!(a.ends_with("+NotoSerifCJKsc-Regular"), "{a}");
        assert_eq!(a.find('+'), Some(6));
    }

    #[test]
    fn new_ids_follow_the_old_order_and_notdef_stays_zero() {
        let book = FontBook::builtin();
        let f = used(&book, Builtin::Kai, "面版");
        assert_eq!(f.cid(0), Some(0));
        let (a, b) = (
            book.face(Builtin::Kai.id()).glyph('面').unwrap(),
            book.face(Builtin::Kai.id()).glyph('版').unwrap(),
        );
        assert_eq!(f.cid(a.min(b)), Some(1));
        assert_eq!(f.cid(a.max(b)), Some(2));
        assert_eq!(f.width(1), 1000.0);
    }

    #[test]
    fn first_non_empty_text_wins() {
        let mut u = Usage::new(10);
        u.add(5, "");
        u.add(5, "fi");
        u.add(5, "f");
        assert_eq!(u.texts, [(5, "fi".to_string())]);
        u.add(6, "");
        u.add(10, "past the face");
        assert_eq!(u.gids().collect::<Vec<_>>(), [5, 6]);
        assert_eq!(u.texts.len(), 1);
    }
}
