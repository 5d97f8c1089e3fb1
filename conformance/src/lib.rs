//! The PCDS conformance suite: conformance classes with stable URIs, a language-neutral corpus
//! of cases (plain JSON under `conformance/cases/`), and a runner that measures any
//! implementation against it.
//!
//! What it is for: proving that a product checks PCDS correctly, in any language. What it is
//! not for: validating data (that is `pcds-validator`, which plugs itself in as the reference
//! [`Implementation`]).

pub mod case;
pub mod certificate;
mod certificate_page;
pub mod classes;
pub mod dataset;
mod dataset_page;
pub mod feed;
mod page;
pub mod render;
pub mod runner;

pub use case::{Case, CorpusError, Expected, Level, case_schema, load};
pub use classes::{CLASSES, Class};
pub use pcds_validator::FindingId;
pub use runner::{External, Implementation, RunResult, run};

use std::path::{Path, PathBuf};

/// The corpus directory in this repository.
#[must_use]
pub fn cases_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("cases")
}

/// The generated files this crate publishes beside the corpus: the case schema and the class
/// list, as `(file name under conformance/, contents)`.
#[must_use]
pub fn generated_files() -> Vec<(&'static str, String)> {
    let pretty = |value: &serde_json::Value| {
        let mut text = serde_json::to_string_pretty(value).unwrap_or_default();
        text.push('\n');
        text
    };
    let classes: Vec<serde_json::Value> = CLASSES
        .iter()
        .map(|c| serde_json::json!({"id": c.id, "uri": c.uri(), "title": c.title, "description": c.description, "endpoint": c.endpoint}))
        .collect();
    vec![
        ("case-schema.json", pretty(&case_schema())),
        ("classes.json", pretty(&serde_json::Value::Array(classes))),
    ]
}
