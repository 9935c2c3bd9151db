//! Optional content (layers) of placed pages (docs/decisions.md §15, docs/spec.md §17).
//!
//! In: a placed page as hayro-write copied it (the chunk and its form). Out: the
//! copy's optional content groups under their new object numbers, each with the state
//! the source file's own default configuration (`/OCProperties /D`) gives it; the
//! catalog's `/OCProperties` then lists every group once and turns off what the ad's
//! author turned off, so the press prints what the ad shows.
//!
//! hayro-write does not say which new object a source object became, so the copy is
//! read back (the chunk parsed as a small PDF) and walked in step with the source from
//! the page's resources: where the source has a reference, the copy has the reference
//! it was mapped to. The walk visits each source object once. Only pages whose file
//! has `/OCProperties` or marks content `/OC` pay for it.

use crate::graphic::inspect::hidden_by_default;
use crate::graphic::Graphic;
use hayro_write::hayro_syntax::object::{
    Dict, MaybeRef, Name, ObjRef, Object, ObjectIdentifier, Stream,
};
use hayro_write::hayro_syntax::Pdf as Parsed;
use pdf_writer::{Chunk, Finish, Ref, TextStr};
use std::collections::BTreeMap;

/// The layers of one placed page in the output.
#[derive(Debug)]
pub struct PlacedLayers {
    /// What the layer panel calls the group of them: the file (and page).
    pub label: String,
    /// Each copied group (its new object) and whether the ad's default hides it, in
    /// object order.
    pub groups: Vec<(Ref, bool)>,
}

/// The optional content groups of a copied page. `chunk` holds the copy and `root` is
/// its form. Empty when the page has none (or the copy cannot be read back, which
/// leaves the page as it was before layers were carried: every layer prints).
pub fn copied(graphic: &Graphic, chunk: &Chunk, root: Ref) -> Vec<(Ref, bool)> {
    let src = &graphic.pdf;
    let Some(catalog) = src.xref().get::<Dict<'_>>(src.xref().root_id()) else {
        return Vec::new();
    };
    let properties = catalog.get::<Dict<'_>>(b"OCProperties");
    if properties.is_none() && !graphic.inspection.optional_content {
        return Vec::new();
    }
    let Some(page) = src.pages().get(graphic.page) else {
        return Vec::new();
    };
    let Some(copy) = read_back(chunk) else {
        return Vec::new();
    };
    let Some(form) = copy.xref().get::<Stream<'_>>(id_of(root.get())) else {
        return Vec::new();
    };
    let Some(copy_res) = form.dict().get::<Dict<'_>>(b"Resources") else {
        return Vec::new();
    };
    let mut walk = Walk {
        src,
        copy: &copy,
        map: BTreeMap::new(),
        depth: 0,
    };
    let res = page.resources();
    let kinds: [(&[u8], &Dict<'_>); 7] = [
        (b"ExtGState", &res.ext_g_states),
        (b"Shading", &res.shadings),
        (b"Pattern", &res.patterns),
        (b"XObject", &res.x_objects),
        (b"ColorSpace", &res.color_spaces),
        (b"Font", &res.fonts),
        (b"Properties", &res.properties),
    ];
    for (key, src_dict) in kinds {
        if let Some(c) = copy_res.get::<Dict<'_>>(key) {
            walk.dicts(&c, src_dict);
        }
    }
    let hidden = hidden_by_default(properties.as_ref());
    let mut groups: Vec<(Ref, bool)> = walk
        .map
        .iter()
        .filter(|(old, _)| is_group(src, **old))
        .map(|(old, &new)| (new, hidden.contains(old)))
        .collect();
    groups.sort_by_key(|&(r, _)| r.get());
    groups
}

/// Writes the catalog's `/OCProperties`: every group once, and a default
/// configuration (PDF/X-4 asks for a `/Name` and no `/AS`; its `/Order` shows every
/// group, one labelled sub-list per placed page) that hides what the ads hid.
pub fn write(catalog: &mut pdf_writer::writers::Catalog<'_>, placed: &[PlacedLayers], name: &str) {
    let all = placed.iter().flat_map(|p| p.groups.iter());
    let mut props = catalog.insert(pdf_writer::Name(b"OCProperties")).dict();
    props
        .insert(pdf_writer::Name(b"OCGs"))
        .array()
        .items(all.clone().map(|&(r, _)| r));
    let mut d = props.insert(pdf_writer::Name(b"D")).dict();
    d.pair(pdf_writer::Name(b"Name"), TextStr(name));
    d.pair(pdf_writer::Name(b"BaseState"), pdf_writer::Name(b"ON"));
    d.insert(pdf_writer::Name(b"OFF"))
        .array()
        .items(all.filter(|g| g.1).map(|&(r, _)| r));
    let mut order = d.insert(pdf_writer::Name(b"Order")).array();
    for p in placed {
        let mut sub = order.push().array();
        sub.item(TextStr(&p.label));
        sub.items(p.groups.iter().map(|&(r, _)| r));
    }
    order.finish();
    d.pair(pdf_writer::Name(b"ListMode"), pdf_writer::Name(b"AllPages"));
    d.finish();
    props.finish();
}

/// The copied objects as a PDF of their own (a catalog and an empty page added past
/// their numbers: hayro reads no file without a page), so that they can be read.
fn read_back(chunk: &Chunk) -> Option<Parsed> {
    let max = chunk.refs().map(|r| r.get()).max()?;
    let mut pdf = pdf_writer::Pdf::new();
    pdf.extend(chunk);
    let next = |n: i32| max.checked_add(n).map(Ref::new);
    let (catalog, tree, page) = (next(1)?, next(2)?, next(3)?);
    pdf.catalog(catalog).pages(tree);
    pdf.pages(tree).kids([page]).count(1);
    pdf.page(page)
        .parent(tree)
        .media_box(pdf_writer::Rect::new(0.0, 0.0, 1.0, 1.0));
    Parsed::new(pdf.finish()).ok()
}

fn id_of(n: i32) -> ObjectIdentifier {
    ObjectIdentifier::new(n.unsigned_abs(), 0)
}

fn key(r: ObjRef) -> (u32, i32) {
    (r.obj_number, r.gen_number)
}

/// Whether a source object is an optional content group.
fn is_group(src: &Parsed, (num, gen): (u32, i32)) -> bool {
    src.xref()
        .get::<Dict<'_>>(ObjectIdentifier::new(num, gen))
        .and_then(|d| d.get::<Name<'_>>(b"Type"))
        .is_some_and(|t| t.as_ref() == b"OCG")
}

/// The source and the copy walked in step: `map` takes each source object reached
/// to the copy's.
struct Walk<'a> {
    src: &'a Parsed,
    copy: &'a Parsed,
    map: BTreeMap<(u32, i32), Ref>,
    /// Objects being walked, nested: bounded by [`MAX_DEPTH`].
    depth: usize,
}

/// How deep the walk follows nested objects (a page's resources to a form's
/// resources to an OCMD to its groups is a handful; deeper chains are not layers).
const MAX_DEPTH: usize = 64;

impl Walk<'_> {
    fn value(&mut self, copy: MaybeRef<Object<'_>>, src: MaybeRef<Object<'_>>) {
        match (copy, src) {
            (MaybeRef::Ref(c), MaybeRef::Ref(s)) => {
                let Ok(new) = i32::try_from(c.obj_number) else {
                    return;
                };
                if self.map.insert(key(s), Ref::new(new)).is_some() {
                    return;
                }
                let (cid, sid): (ObjectIdentifier, ObjectIdentifier) = (c.into(), s.into());
                let (copy, src) = (self.copy, self.src);
                if let (Some(c), Some(s)) = (
                    copy.xref().get::<Object<'_>>(cid),
                    src.xref().get::<Object<'_>>(sid),
                ) {
                    self.object(c, s);
                }
            }
            (MaybeRef::NotRef(c), MaybeRef::NotRef(s)) => self.object(c, s),
            _ => {}
        }
    }

    fn object(&mut self, copy: Object<'_>, src: Object<'_>) {
        if self.depth >= MAX_DEPTH {
            return;
        }
        self.depth += 1;
        match (copy, src) {
            (Object::Dict(c), Object::Dict(s)) => self.dicts(&c, &s),
            (Object::Stream(c), Object::Stream(s)) => self.dicts(c.dict(), s.dict()),
            (Object::Array(c), Object::Array(s)) => {
                for (c, s) in c.raw_iter().zip(s.raw_iter()) {
                    self.value(c, s);
                }
            }
            _ => {}
        }
        self.depth -= 1;
    }

    fn dicts(&mut self, copy: &Dict<'_>, src: &Dict<'_>) {
        for (name, c) in copy.entries() {
            if let Some(s) = src.get_raw::<Object<'_>>(name.as_ref()) {
                self.value(c, s);
            }
        }
    }
}
