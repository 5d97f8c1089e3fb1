//! The case format: one JSON file per case, under `cases/<class>/<id>.json`.

use std::collections::BTreeSet;
use std::fs;
use std::path::{Path, PathBuf};

use pcds_validator::FindingId;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::classes;

/// One conformance case: a document and what an implementation must find in it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct Case {
    /// The case's id: kebab-case, the same as its file name without `.json`, unique in the
    /// corpus.
    #[schemars(regex(pattern = r"^[a-z0-9]+(-[a-z0-9]+)*$"))]
    pub id: String,
    /// What the case tests, in a sentence.
    #[schemars(length(min = 1))]
    pub description: String,
    /// The conformance class the case belongs to (its directory under `cases/`).
    pub class: String,
    /// The URL of the section of the specification the case tests.
    #[schemars(url)]
    pub spec: String,
    /// The publication level to check the document against instead of the one it claims
    /// (`open` or `partnership`), when the case needs one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub level: Option<Level>,
    /// The document under test, as JSON. Exactly one of `document` and `documentText`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub document: Option<Value>,
    /// The input under test as raw text, for inputs that are not a JSON value (parse errors).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub document_text: Option<String>,
    /// What an implementation must report.
    pub expected: Expected,
}

/// A publication level a case is checked at.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum Level {
    /// Open data.
    Open,
    /// Partnership-only data.
    Partnership,
}

/// The expected outcome of a case.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Expected {
    /// Whether the document has no finding of severity `error`.
    pub valid: bool,
    /// The exact set of findings of every severity, as rule code and JSON pointer; order does
    /// not matter. Empty for a document with no findings.
    #[schemars(with = "Vec<FindingIdSchema>")]
    pub findings: Vec<FindingId>,
}

// The case schema's view of a `FindingId` (which the validator defines without a schema).
/// A finding an implementation must report.
#[derive(JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(rename = "ExpectedFinding")]
#[allow(dead_code)]
struct FindingIdSchema {
    /// The rule code, e.g. `PCDS-REF-001`.
    #[schemars(regex(pattern = r"^PCDS-[A-Z]+-[0-9]{3}$"))]
    code: String,
    /// The JSON pointer of the finding in the document (`""` for the whole document).
    pointer: String,
}

impl Case {
    /// The bytes an implementation reads: the document written as JSON, or the raw text.
    #[must_use]
    pub fn input(&self) -> Vec<u8> {
        match (&self.document, &self.document_text) {
            (_, Some(text)) => text.clone().into_bytes(),
            (Some(document), None) => serde_json::to_vec_pretty(document).unwrap_or_default(),
            (None, None) => Vec::new(),
        }
    }

    /// The expected findings as a set.
    #[must_use]
    pub fn expected_set(&self) -> BTreeSet<FindingId> {
        self.expected.findings.iter().cloned().collect()
    }
}

/// Why the corpus could not be loaded.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum CorpusError {
    /// A file or directory could not be read.
    #[error("cannot read `{}`: {source}", path.display())]
    Io {
        /// The path.
        path: PathBuf,
        /// The underlying error.
        #[source]
        source: std::io::Error,
    },
    /// A case file is not a valid case.
    #[error("`{}` is not a valid case: {reason}", path.display())]
    Invalid {
        /// The file.
        path: PathBuf,
        /// What is wrong.
        reason: String,
    },
}

/// Every case file under `cases_dir` (`cases/<class>/<id>.json`), with its class directory's
/// name, sorted by class and file name.
pub(crate) fn case_files(cases_dir: &Path) -> Result<Vec<(String, PathBuf)>, CorpusError> {
    let io = |path: &Path| {
        let path = path.to_owned();
        move |source| CorpusError::Io { path, source }
    };
    let mut dirs: Vec<PathBuf> = fs::read_dir(cases_dir)
        .map_err(io(cases_dir))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.is_dir())
        .collect();
    dirs.sort();
    let mut all = Vec::new();
    for dir in dirs {
        let class = dir
            .file_name()
            .and_then(|n| n.to_str())
            .unwrap_or_default()
            .to_owned();
        let mut files: Vec<PathBuf> = fs::read_dir(&dir)
            .map_err(io(&dir))?
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|e| e == "json"))
            .collect();
        files.sort();
        all.extend(files.into_iter().map(|path| (class.clone(), path)));
    }
    Ok(all)
}

/// Loads every case under `cases_dir` (`cases/<class>/<id>.json`), sorted by class and id, and
/// checks what the case schema cannot: ids match file names and are unique, classes match
/// directories and exist, and each case has exactly one of `document` and `documentText`.
///
/// # Errors
/// When a file cannot be read or is not a valid case.
pub fn load(cases_dir: &Path) -> Result<Vec<Case>, CorpusError> {
    fn io(path: &Path) -> impl FnOnce(std::io::Error) -> CorpusError + '_ {
        move |source| CorpusError::Io {
            path: path.to_owned(),
            source,
        }
    }
    let mut cases = Vec::new();
    let mut ids = BTreeSet::new();
    for (class, path) in case_files(cases_dir)? {
        let invalid = |reason: String| CorpusError::Invalid {
            path: path.clone(),
            reason,
        };
        let text = fs::read_to_string(&path).map_err(io(&path))?;
        let case: Case = serde_json::from_str(&text).map_err(|e| invalid(e.to_string()))?;
        let stem = path
            .file_stem()
            .and_then(|s| s.to_str())
            .unwrap_or_default();
        if case.id != stem {
            return Err(invalid(format!(
                "its id `{}` differs from its file name",
                case.id
            )));
        }
        if case.class != class || classes::find(&class).is_none_or(|c| c.endpoint) {
            return Err(invalid(format!(
                "its class `{}` is not its directory or not a document class",
                case.class
            )));
        }
        if case.document.is_some() == case.document_text.is_some() {
            return Err(invalid(
                "it needs exactly one of `document` and `documentText`".into(),
            ));
        }
        if !ids.insert(case.id.clone()) {
            return Err(invalid(format!("the id `{}` is used twice", case.id)));
        }
        cases.push(case);
    }
    Ok(cases)
}

/// The JSON Schema of a case file, generated from [`Case`].
#[must_use]
pub fn case_schema() -> Value {
    let mut schema = schemars::generate::SchemaSettings::draft2020_12()
        .into_generator()
        .root_schema_for::<Case>()
        .to_value();
    if let Some(root) = schema.as_object_mut() {
        root.insert(
            "$id".into(),
            Value::String("https://standard.pcds.org.uk/0.2/conformance/case-schema.json".into()),
        );
        root.insert(
            "title".into(),
            Value::String("PCDS conformance case".into()),
        );
        // Exactly one of `document` and `documentText`.
        root.insert(
            "oneOf".into(),
            serde_json::json!([{ "required": ["document"] }, { "required": ["documentText"] }]),
        );
    }
    schema
}
