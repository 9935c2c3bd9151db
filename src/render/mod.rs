//! Renderers: everything that reads the display list and writes an output format.

pub mod pdf;
pub mod proof;
