//! The validation engine: detects what a document is and checks it against the standard.

use jsonschema::Validator as SchemaValidator;
use pcds::schema::{SchemaKind, generate};
use serde_json::Value;

use crate::finding::Finding;
use crate::rules;

/// The kinds of document PCDS defines.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum DocumentKind {
    /// A release package (`releases` at the top).
    ReleasePackage,
    /// A record package (`records` at the top).
    RecordPackage,
    /// A single release (`ocid` and `tag` at the top).
    Release,
    /// A single record (`ocid` and `releases` at the top).
    Record,
}

impl DocumentKind {
    /// Works out what a document is from its top-level fields.
    #[must_use]
    pub fn detect(document: &Value) -> Option<DocumentKind> {
        let object = document.as_object()?;
        let has = |key: &str| object.contains_key(key);
        Some(if has("ocid") && has("releases") {
            DocumentKind::Record
        } else if has("releases") {
            DocumentKind::ReleasePackage
        } else if has("records") {
            DocumentKind::RecordPackage
        } else if has("ocid") || has("tag") {
            DocumentKind::Release
        } else {
            return None;
        })
    }

    fn schema(self) -> SchemaKind {
        match self {
            DocumentKind::ReleasePackage => SchemaKind::ReleasePackage,
            DocumentKind::RecordPackage => SchemaKind::RecordPackage,
            DocumentKind::Release => SchemaKind::Release,
            DocumentKind::Record => SchemaKind::Record,
        }
    }
}

/// Why the engine could not be built: a generated schema failed to compile, which is a bug in
/// the standard's generator, reported rather than panicking.
#[derive(Debug, thiserror::Error)]
#[error("the generated {schema} does not compile: {message}")]
pub struct EngineError {
    schema: &'static str,
    message: String,
}

/// Checks documents against the standard. Build once, reuse for every document.
pub struct Validator {
    schemas: Vec<(SchemaKind, SchemaValidator)>,
}

impl Validator {
    /// Compiles the standard's schemas, generated from the `pcds` types: the validator never
    /// reads schemas from disk or the network.
    ///
    /// # Errors
    /// When a generated schema does not compile.
    pub fn new() -> Result<Self, EngineError> {
        let mut schemas = Vec::new();
        for kind in SchemaKind::ALL {
            let compiled = jsonschema::options()
                .with_draft(jsonschema::Draft::Draft202012)
                .should_validate_formats(true)
                .build(&generate(kind))
                .map_err(|e| EngineError {
                    schema: kind.file_name(),
                    message: e.to_string(),
                })?;
            schemas.push((kind, compiled));
        }
        Ok(Validator { schemas })
    }

    /// Validates one parsed document, returning every finding in document order.
    #[must_use]
    pub fn validate(&self, document: &Value) -> Vec<Finding> {
        let Some(kind) = DocumentKind::detect(document) else {
            return vec![Finding::new(
                &rules::DOCUMENT_KIND,
                "",
                "expected a PCDS release package (with `releases`), record package (with `records`), release or record",
            )];
        };
        let Some((_, schema)) = self.schemas.iter().find(|(k, _)| *k == kind.schema()) else {
            return Vec::new();
        };
        let mut findings: Vec<Finding> = schema
            .iter_errors(document)
            .map(|error| {
                Finding::new(
                    &rules::SCHEMA_OTHER,
                    error.instance_path().to_string(),
                    error.to_string(),
                )
            })
            .collect();
        findings.sort_by(|a, b| {
            a.pointer
                .cmp(&b.pointer)
                .then_with(|| a.message.cmp(&b.message))
        });
        findings.dedup();
        findings
    }
}
