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

impl Severity {
    /// The lowercase name, as printed and serialised.
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Info => "info",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One thing the validator found in a document.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Finding {
    /// The rule's stable code, e.g. `PCDS-REF-001`. Codes never change meaning.
    pub code: &'static str,
    /// How serious the finding is.
    pub severity: Severity,
    /// The JSON pointer of the offending value within the input document (`""` for the whole
    /// document). For JSON Lines input, the pointer is within the line's document.
    pub pointer: String,
    /// The 1-based line in the input, when known.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub line: Option<usize>,
    /// The 1-based column in the input (in characters), when known.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub column: Option<usize>,
    /// What is wrong, in plain English, with literal values in backticks.
    pub message: String,
    /// How to fix it, when there is something useful to say.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub hint: Option<String>,
    /// The text of the input line the finding points at, for people reading the report.
    #[serde(skip)]
    pub source_line: Option<String>,
}

impl Finding {
    /// A finding of a rule, at a pointer. The severity is the rule's.
    #[must_use]
    pub fn new(
        rule: &crate::rules::Rule,
        pointer: impl Into<String>,
        message: impl Into<String>,
    ) -> Self {
        Finding {
            code: rule.code,
            severity: rule.severity,
            pointer: pointer.into(),
            line: None,
            column: None,
            message: message.into(),
            hint: None,
            source_line: None,
        }
    }

    /// The same finding with a hint.
    #[must_use]
    pub fn with_hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(hint.into());
        self
    }

    /// The same finding at a line and column of the input.
    #[must_use]
    pub fn at(mut self, line: usize, column: usize) -> Self {
        self.line = Some(line);
        self.column = Some(column);
        self
    }
}
