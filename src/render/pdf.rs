//! PDF writer over the display list (pdf-writer + subsetter; see docs/decisions.md).

use crate::diag::Diagnostic;
use crate::display::Document;
use crate::fonts::FontBook;

/// Settings of the PDF writer.
#[derive(Clone, Debug, Default)]
pub struct PdfOptions {}

/// Serialises a document. Same document, same bytes.
pub fn write_pdf(_doc: &Document, _fonts: &FontBook, _opts: &PdfOptions) -> Result<Vec<u8>, Diagnostic> {
    Err(Diagnostic::error("pdf.unimplemented", "the PDF writer is not built yet"))
}
