//! JSON Schemas of the files banmian reads, derived from the same serde types that
//! parse them (so they cannot drift): a page spec, a layout file and an edition file.
//! Editors that speak JSON Schema (taplo: Even Better TOML in VS Code, Zed, Helix)
//! complete keys, show their documentation on hover and flag mistakes as a designer
//! types. `banmian schema` prints them; `docs/*.schema.json` ship them.

use schemars::generate::SchemaSettings;
use schemars::JsonSchema;

/// The files a schema can describe.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SchemaKind {
    /// A page spec (`page.toml`).
    Page,
    /// A layout file (`layouts/NAME.toml`).
    Layout,
    /// An edition file (`edition.toml`).
    Edition,
}

impl SchemaKind {
    /// Every kind, in the order of the shipped files.
    pub const ALL: [SchemaKind; 3] = [SchemaKind::Page, SchemaKind::Layout, SchemaKind::Edition];

    /// The kind's name on the command line (`banmian schema page`).
    pub fn name(self) -> &'static str {
        match self {
            SchemaKind::Page => "page",
            SchemaKind::Layout => "layout",
            SchemaKind::Edition => "edition",
        }
    }

    /// The kind named `name`.
    pub fn from_name(name: &str) -> Option<SchemaKind> {
        SchemaKind::ALL.into_iter().find(|k| k.name() == name)
    }

    /// Where the repository ships the schema.
    pub fn shipped_path(self) -> &'static str {
        match self {
            SchemaKind::Page => "docs/spec.schema.json",
            SchemaKind::Layout => "docs/layout.schema.json",
            SchemaKind::Edition => "docs/edition.schema.json",
        }
    }
}

/// The schema as pretty-printed JSON, ending in a newline.
pub fn schema_json(kind: SchemaKind) -> String {
    let mut schema = match kind {
        SchemaKind::Page => generate::<crate::spec::Spec>(),
        SchemaKind::Layout => generate::<crate::spec::GridSpec>(),
        SchemaKind::Edition => generate::<crate::edition::spec::EditionFile>(),
    };
    let title = match kind {
        SchemaKind::Page => "banmian page spec",
        SchemaKind::Layout => "banmian layout file",
        SchemaKind::Edition => "banmian edition file",
    };
    schema.insert("title".into(), title.into());
    let mut text = serde_json::to_string_pretty(&schema).unwrap_or_default();
    text.push('\n');
    text
}

/// Draft 7: the draft the editors' TOML tools understand best.
fn generate<T: JsonSchema>() -> schemars::Schema {
    SchemaSettings::draft07()
        .into_generator()
        .into_root_schema_for::<T>()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The shipped schemas are what the code generates: a change to a spec type that
    /// does not regenerate them (`banmian schema page > docs/spec.schema.json`, and the
    /// same for layout and edition) fails here.
    #[test]
    fn shipped_schemas_are_current() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        for kind in SchemaKind::ALL {
            let shipped = std::fs::read_to_string(root.join(kind.shipped_path()))
                .unwrap_or_default()
                .replace("\r\n", "\n");
            assert!(
                shipped == schema_json(kind),
                "{} is stale: run `cargo run -- schema {} > {}`",
                kind.shipped_path(),
                kind.name(),
                kind.shipped_path()
            );
        }
    }
}
