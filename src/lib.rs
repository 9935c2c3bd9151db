//! banmian (版面): a newspaper print-layout engine.
//!
//! The pipeline, one module per stage:
//! spec (parse TOML) → resolve (units, defaults, files → typed model) → fonts →
//! text (character classes, break opportunities) → linebreak (line composition) →
//! compose (grid, columns, articles, photos → display list) → render (PDF).

pub mod diag;
pub mod display;
pub mod fonts;
pub mod linebreak;
pub mod render;
pub mod spec;
pub mod text;
pub mod units;
