//! The integration tests: one test binary (each file a module), so the fonts and the
//! engine are linked once rather than once per file.

mod cjk_rules_doc;
mod cli;
mod clreq_examples;
mod colors;
mod common;
mod diff_and_dump;
mod edition;
mod front_page;
mod graphic_fixtures;
mod graphics;
mod heads;
mod images;
mod jumps;
mod layout_rules;
mod linebreak_conformance;
mod linebreak_corpus;
mod linebreak_props;
mod linebreak_quality;
mod linebreak_rules;
mod no_panic;
mod output;
mod pdf_writer;
mod pdfx;
mod proof;
mod proof_marks;
mod regions;
mod rich_text;
mod sample_page;
mod sample_snapshots;
mod spec_errors;
mod tables;
mod untrusted;
mod wpt_line_break_zh;
