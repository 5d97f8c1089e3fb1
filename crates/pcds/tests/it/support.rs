//! Shared helpers: where things are, and compiled schemas.

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use jsonschema::{Draft, Registry, Resource, Validator};
use serde_json::Value;

/// The repository root.
pub fn repo_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// The upstream OCDS 1.1.5 files, test data kept beside the checkout in `../shared/reference`.
/// Missing reference data fails the test: OCDS compatibility is never silently skipped.
pub fn ocds_dir() -> PathBuf {
    let dir = repo_root().join("../shared/reference/ocds-1.1.5");
    assert!(
        dir.join("release-package-schema.json").is_file(),
        "the upstream OCDS 1.1.5 schemas are expected in {} (shared/reference beside the checkout)",
        dir.display()
    );
    dir
}

pub fn read_json(path: &Path) -> Value {
    let text = std::fs::read_to_string(path)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{} is not JSON: {e}", path.display()))
}

/// The upstream OCDS 1.1.5 release package schema (draft-04), with its release schema
/// registered under the URI the package schema refers to, so nothing is fetched.
pub fn ocds_release_package() -> &'static Validator {
    static VALIDATOR: OnceLock<Validator> = OnceLock::new();
    VALIDATOR.get_or_init(|| {
        let dir = ocds_dir();
        let release = read_json(&dir.join("release-schema.json"));
        let package = read_json(&dir.join("release-package-schema.json"));
        let registry = Registry::new()
            .add(
                "https://standard.open-contracting.org/schema/1__1__5/release-schema.json",
                Resource::from_contents(release),
            )
            .and_then(|builder| builder.prepare())
            .expect("registry");
        jsonschema::options()
            .with_draft(Draft::Draft4)
            .with_registry(&registry)
            .should_validate_formats(true)
            .build(&package)
            .expect("the OCDS package schema compiles")
    })
}

/// The PCDS release package schema as the types generate it.
pub fn pcds_release_package() -> &'static Validator {
    static VALIDATOR: OnceLock<Validator> = OnceLock::new();
    VALIDATOR.get_or_init(|| {
        compile(&pcds::schema::generate(
            pcds::schema::SchemaKind::ReleasePackage,
        ))
    })
}

/// The PCDS record package schema as the types generate it.
pub fn pcds_record_package() -> &'static Validator {
    static VALIDATOR: OnceLock<Validator> = OnceLock::new();
    VALIDATOR.get_or_init(|| {
        compile(&pcds::schema::generate(
            pcds::schema::SchemaKind::RecordPackage,
        ))
    })
}

fn compile(schema: &Value) -> Validator {
    jsonschema::options()
        .with_draft(Draft::Draft202012)
        .should_validate_formats(true)
        .build(schema)
        .expect("the generated schema compiles")
}

/// Every error a validator reports for a document, one per line, or `None` when valid.
pub fn errors(validator: &Validator, document: &Value) -> Option<String> {
    let errors: Vec<String> = validator
        .iter_errors(document)
        .map(|e| format!("  {} at {}", e, e.instance_path()))
        .collect();
    (!errors.is_empty()).then(|| errors.join("\n"))
}

/// Reads RFC 4180 CSV (quoted fields may hold commas, quotes and line breaks) into rows.
pub fn parse_csv(text: &str) -> Vec<Vec<String>> {
    let mut rows = Vec::new();
    let mut row = Vec::new();
    let mut field = String::new();
    let mut quoted = false;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match (c, quoted) {
            ('"', true) if chars.peek() == Some(&'"') => {
                field.push('"');
                chars.next();
            }
            ('"', true) => quoted = false,
            ('"', false) if field.is_empty() => quoted = true,
            (',', false) => row.push(std::mem::take(&mut field)),
            ('\n', false) => {
                row.push(std::mem::take(&mut field));
                rows.push(std::mem::take(&mut row));
            }
            ('\r', false) => {}
            (c, _) => field.push(c),
        }
    }
    if !field.is_empty() || !row.is_empty() {
        row.push(field);
        rows.push(row);
    }
    rows
}

/// The values of one named column of a CSV file.
pub fn csv_column(path: &Path, column: &str) -> Vec<String> {
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let rows = parse_csv(&text);
    let index = rows
        .first()
        .and_then(|header| header.iter().position(|h| h == column))
        .unwrap_or_else(|| panic!("{} has no {column} column", path.display()));
    rows.iter()
        .skip(1)
        .map(|row| row.get(index).cloned().unwrap_or_default())
        .collect()
}
