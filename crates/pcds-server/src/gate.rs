//! The gate every write passes: the server asks it whether a body is valid PCDS before storing
//! anything. The `pcds` command plugs in the full validator; the server itself knows only this
//! interface, so it stays a storage-and-HTTP crate.

use serde::Serialize;

/// How a publishing request's body is laid out.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BodyFormat {
    /// One release package (`application/json`).
    ReleasePackage,
    /// JSON Lines: one release per line (`application/x-ndjson`).
    JsonLines,
}

/// One problem the gate found, as the server reports it to the publisher.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Problem {
    /// The stable rule code, e.g. `PCDS-REF-001`.
    pub code: String,
    /// `error`, `warning` or `info`. Any `error` refuses the whole request.
    pub severity: String,
    /// A JSON pointer to where in the body the problem is.
    pub pointer: String,
    /// What is wrong, in plain English.
    pub message: String,
    /// The line in the body, where known.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub line: Option<usize>,
    /// How to fix it, where there is something useful to say.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub hint: Option<String>,
}

impl Problem {
    /// Whether this problem refuses the request.
    #[must_use]
    pub fn refuses(&self) -> bool {
        self.severity == "error"
    }
}

/// Checks bodies before they are stored.
pub trait Gate: Send + Sync + 'static {
    /// Every problem in `body`. The server refuses the request when any is an error.
    fn check(&self, body: &[u8], format: BodyFormat) -> Vec<Problem>;
}
