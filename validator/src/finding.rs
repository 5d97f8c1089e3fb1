//! Findings: what the validator reports, each with a stable code.

use std::fmt;

use serde::Serialize;

/// How serious a finding is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// Worth knowing; never fails a run.
    Info,
    /// Probably wrong, or not recommended; fails a run only with `--fail-on warning`.
    Warning,
    /// The data does not conform to PCDS.
    Error,
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Severity::Info => "info",
            Severity::Warning => "warning",
            Severity::Error => "error",
        })
    }
}

/// One thing the validator found in a document.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Finding {
    /// The rule's stable code, e.g. `PCDS-SCHEMA-001`. Codes never change meaning.
    pub code: &'static str,
    /// How serious the finding is.
    pub severity: Severity,
    /// The JSON pointer of the offending value within the document (`""` for the whole
    /// document).
    pub pointer: String,
    /// The 1-based line in the input, when known.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub line: Option<usize>,
    /// The 1-based column in the input, when known.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub column: Option<usize>,
    /// What is wrong, in plain English.
    pub message: String,
}

impl Finding {
    /// An error finding at a pointer.
    #[must_use]
    pub fn error(
        code: &'static str,
        pointer: impl Into<String>,
        message: impl Into<String>,
    ) -> Self {
        Finding {
            code,
            severity: Severity::Error,
            pointer: pointer.into(),
            line: None,
            column: None,
            message: message.into(),
        }
    }

    /// The same finding at a line and column of the input.
    #[must_use]
    pub fn at(mut self, line: usize, column: usize) -> Self {
        self.line = Some(line);
        self.column = Some(column);
        self
    }
}

/// A rule of the validator: its code, severity and meaning.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Rule {
    /// The rule's stable code.
    pub code: &'static str,
    /// The severity of the rule's findings.
    pub severity: Severity,
    /// What the rule checks.
    pub summary: &'static str,
}

/// Every rule this version of the validator can report.
pub const RULES: &[Rule] = &[
    Rule {
        code: codes::PARSE,
        severity: Severity::Error,
        summary: "The input is not well-formed JSON",
    },
    Rule {
        code: codes::DOCUMENT_KIND,
        severity: Severity::Error,
        summary: "The input is not a PCDS release, release package, record or record package",
    },
    Rule {
        code: codes::SCHEMA,
        severity: Severity::Error,
        summary: "The document breaks the PCDS JSON Schema",
    },
];

/// The rule codes.
pub mod codes {
    /// The input is not well-formed JSON.
    pub const PARSE: &str = "PCDS-PARSE-001";
    /// The input is JSON but not a kind of PCDS document.
    pub const DOCUMENT_KIND: &str = "PCDS-DOC-001";
    /// The document breaks the PCDS JSON Schema.
    pub const SCHEMA: &str = "PCDS-SCHEMA-001";
}
