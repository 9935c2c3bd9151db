//! PDF/X-4 (ISO 15930-7:2010) identification: the output intent with its ICC profile,
//! the XMP metadata packet, and the document information that must agree with it.
//!
//! In: the document's title and date, the output intent chosen by the spec (or the
//! built-in newsprint profile) and a hash of the content already written. Out: the
//! objects a PDF/X-4 reader looks for:
//! - `/OutputIntents [<< /S /GTS_PDFX /OutputConditionIdentifier … /DestOutputProfile … >>]`
//!   in the catalog, the profile as an ICC stream (`/N 4`);
//! - `/Metadata`: an XMP packet with `pdfxid:GTS_PDFXVersion`, `dc:title`, the dates,
//!   `xmpMM:DocumentID`/`InstanceID` (derived from hashes, so deterministic),
//!   `pdf:Producer` and `pdf:Trapped`;
//! - `/Info`: the same title, producer, dates and `/Trapped /False`, plus
//!   `/GTS_PDFXVersion (PDF/X-4)`.
//!
//! PDF/X-4 requires creation and modification dates (§6.7.3, from XMP). banmian reads no
//! clock, so a document without `date_epoch` or `SOURCE_DATE_EPOCH` gets
//! [`UNDATED_EPOCH`] (documented in docs/spec.md) and stays byte-for-byte reproducible.

use super::Encoded;
use crate::date::UtcDate;
use pdf_writer::types::{OutputIntentSubtype, TrappingStatus};
use pdf_writer::{Date, Finish, Name, Pdf, Ref, TextStr};
use std::borrow::Cow;

/// The date written into a PDF/X file that has no date of its own: the Unix epoch,
/// 1970-01-01T00:00:00Z (the usual `SOURCE_DATE_EPOCH=0` of reproducible builds).
pub const UNDATED_EPOCH: i64 = 0;

/// The version string of `GTS_PDFXVersion`.
const PDFX_VERSION: &str = "PDF/X-4";

const PRODUCER: &str = concat!("banmian ", env!("CARGO_PKG_VERSION"));

/// The press condition a PDF/X file is made for.
#[derive(Clone)]
pub struct OutputIntent {
    /// A CMYK output (`prtr`) ICC profile.
    pub icc: Cow<'static, [u8]>,
    /// `OutputConditionIdentifier`: a registry name such as `CGATS TR 002` or `IFRA26`.
    pub condition: String,
    /// `Info`: the condition in words.
    pub info: String,
    /// `RegistryName`: where `condition` is defined.
    pub registry: String,
}

impl OutputIntent {
    /// The built-in default: coldset newsprint, CGATS TR 002 (see
    /// src/render/pdf/profiles/README.md for its provenance and why not IFRA26).
    pub fn newsprint() -> OutputIntent {
        OutputIntent {
            icc: Cow::Borrowed(super::profiles::NEWSPRINT),
            condition: "CGATS TR 002".into(),
            info: "Coldset offset on newsprint; characterization data: ANSI CGATS/SNAP TR 002-2007"
                .into(),
            registry: crate::icc::REGISTRY.into(),
        }
    }
}

impl std::fmt::Debug for OutputIntent {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("OutputIntent")
            .field("icc", &format_args!("{} bytes", self.icc.len()))
            .field("condition", &self.condition)
            .field("info", &self.info)
            .field("registry", &self.registry)
            .finish()
    }
}

/// What the document-level metadata says, shared by `/Info` and XMP so they agree.
pub struct Meta<'a> {
    pub title: &'a str,
    pub date: Option<UtcDate>,
    pub pdfx: bool,
    /// Hash of the document's name: the same page keeps its DocumentID across versions.
    pub document_id: u128,
    /// Hash of the content: this version of it.
    pub instance_id: u128,
}

impl Meta<'_> {
    /// The title to write: PDF/X requires one (`dc:title`), so an untitled PDF/X
    /// document is called "Untitled".
    fn title(&self) -> &str {
        if self.title.is_empty() && self.pdfx {
            "Untitled"
        } else {
            self.title
        }
    }
}

/// Writes the output intent's ICC stream (encoded by `images::encode_profile`) at
/// `icc_ref`.
pub fn write_output_profile(pdf: &mut Pdf, icc_ref: Ref, enc: &Encoded<'_>) {
    let mut s = pdf.icc_profile(icc_ref, enc.bytes());
    s.n(4).alternate().device_cmyk();
    if let Some(f) = enc.filter {
        s.filter(f);
    }
    s.finish();
}

/// Fills the catalog's `/OutputIntents` array with the one PDF/X intent.
pub fn write_intent(catalog: &mut pdf_writer::writers::Catalog, intent: &OutputIntent, icc: Ref) {
    catalog
        .output_intents()
        .push()
        .subtype(OutputIntentSubtype::PDFX)
        .output_condition_identifier(TextStr(&intent.condition))
        .registry_name(TextStr(&intent.registry))
        .info(TextStr(&intent.info))
        .dest_output_profile(icc);
}

/// The document information dictionary.
pub fn write_info(pdf: &mut Pdf, info_ref: Ref, meta: &Meta<'_>) {
    let mut info = pdf.document_info(info_ref);
    if !meta.title().is_empty() {
        info.title(TextStr(meta.title()));
    }
    info.producer(TextStr(PRODUCER));
    if let Some(d) = meta.date {
        info.creation_date(pdf_date(d));
        if meta.pdfx {
            info.modified_date(pdf_date(d));
        }
    }
    if meta.pdfx {
        info.creator(TextStr(PRODUCER));
        info.trapped(TrappingStatus::NotTrapped);
        info.pair(Name(b"GTS_PDFXVersion"), TextStr(PDFX_VERSION));
    }
    info.finish();
}

fn pdf_date(d: UtcDate) -> Date {
    Date::new(d.year)
        .month(d.month)
        .day(d.day)
        .hour(d.hour)
        .minute(d.minute)
        .second(d.second)
        .utc_offset_hour(0)
}

/// Writes the XMP packet as an uncompressed metadata stream (PDF/X and PDF/A readers
/// expect to find it as plain text).
pub fn write_metadata(pdf: &mut Pdf, id: Ref, meta: &Meta<'_>) {
    let xmp = xmp_packet(meta);
    pdf.metadata(id, xmp.as_bytes());
}

/// The XMP packet (XMP Specification Part 1, 2012; ISO 15930-7 §6.7).
pub fn xmp_packet(meta: &Meta<'_>) -> String {
    let mut props = Vec::new();
    props.push("<dc:format>application/pdf</dc:format>".to_string());
    let title = meta.title();
    if !title.is_empty() {
        props.push(format!(
            "<dc:title><rdf:Alt><rdf:li xml:lang=\"x-default\">{}</rdf:li></rdf:Alt></dc:title>",
            xml_escape(title)
        ));
    }
    if let Some(d) = meta.date {
        let d = d.iso8601();
        for key in ["xmp:CreateDate", "xmp:ModifyDate", "xmp:MetadataDate"] {
            props.push(format!("<{key}>{d}</{key}>"));
        }
    }
    props.push(format!("<xmp:CreatorTool>{PRODUCER}</xmp:CreatorTool>"));
    props.push(format!(
        "<xmpMM:DocumentID>{}</xmpMM:DocumentID>",
        uuid_urn(meta.document_id)
    ));
    props.push(format!(
        "<xmpMM:InstanceID>{}</xmpMM:InstanceID>",
        uuid_urn(meta.instance_id)
    ));
    props.push("<xmpMM:VersionID>1</xmpMM:VersionID>".into());
    props.push("<xmpMM:RenditionClass>default</xmpMM:RenditionClass>".into());
    props.push(format!("<pdf:Producer>{PRODUCER}</pdf:Producer>"));
    if meta.pdfx {
        props.push("<pdf:Trapped>False</pdf:Trapped>".into());
        props.push(format!(
            "<pdfxid:GTS_PDFXVersion>{PDFX_VERSION}</pdfxid:GTS_PDFXVersion>"
        ));
    }
    let body: String = props.iter().map(|p| format!("   {p}\n")).collect();
    format!(
        "<?xpacket begin=\"\u{feff}\" id=\"W5M0MpCehiHzreSzNTczkc9d\"?>\n\
         <x:xmpmeta xmlns:x=\"adobe:ns:meta/\">\n \
         <rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\">\n  \
         <rdf:Description rdf:about=\"\"\n    \
         xmlns:dc=\"http://purl.org/dc/elements/1.1/\"\n    \
         xmlns:xmp=\"http://ns.adobe.com/xap/1.0/\"\n    \
         xmlns:xmpMM=\"http://ns.adobe.com/xap/1.0/mm/\"\n    \
         xmlns:pdf=\"http://ns.adobe.com/pdf/1.3/\"\n    \
         xmlns:pdfxid=\"http://www.npes.org/pdfx/ns/id/\">\n\
         {body}  </rdf:Description>\n </rdf:RDF>\n</x:xmpmeta>\n<?xpacket end=\"r\"?>"
    )
}

/// `uuid:` URN from a 128-bit hash, marked as an RFC 9562 version 8 (custom) UUID.
fn uuid_urn(h: u128) -> String {
    let h = (h & !(0xF << 76)) | (0x8 << 76);
    let h = (h & !(0x3 << 62)) | (0x2 << 62);
    let s = format!("{h:032x}");
    format!(
        "uuid:{}-{}-{}-{}-{}",
        &s[..8],
        &s[8..12],
        &s[12..16],
        &s[16..20],
        &s[20..]
    )
}

fn xml_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            // XML 1.0 forbids most control characters even as references.
            c if (c as u32) < 0x20 && !matches!(c, '\t' | '\n' | '\r') => {}
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn meta(title: &str) -> Meta<'_> {
        Meta {
            title,
            date: UtcDate::from_epoch(1_607_011_200),
            pdfx: true,
            document_id: 1,
            instance_id: u128::MAX,
        }
    }

    #[test]
    fn xmp_names_the_pdfx_version_title_and_dates() {
        let x = xmp_packet(&meta("版面 <A&B>"));
        assert!(x.contains("<pdfxid:GTS_PDFXVersion>PDF/X-4</pdfxid:GTS_PDFXVersion>"));
        assert!(x.contains(">版面 &lt;A&amp;B&gt;</rdf:li>"));
        assert!(x.contains("<xmp:CreateDate>2020-12-03T16:00:00Z</xmp:CreateDate>"));
        assert!(x.contains("<pdf:Trapped>False</pdf:Trapped>"));
        assert!(x.starts_with("<?xpacket begin=\"\u{feff}\""));
    }

    #[test]
    fn ids_are_version_8_uuids() {
        assert_eq!(
            uuid_urn(u128::MAX),
            "uuid:ffffffff-ffff-8fff-bfff-ffffffffffff"
        );
        assert_eq!(uuid_urn(0), "uuid:00000000-0000-8000-8000-000000000000");
    }

    #[test]
    fn control_characters_do_not_reach_the_xml() {
        assert_eq!(xml_escape("a\u{1}b\"'"), "ab&quot;&apos;");
    }
}
