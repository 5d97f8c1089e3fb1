//! The PCDS validator: checks documents against the Placement Contracting Data Standard, and
//! the `pcds` command line that fronts it.
//!
//! What it is for: turning a document into a list of [`Finding`]s, each with a stable code, a
//! severity, a JSON pointer and a plain-English message. What it is not for: defining the
//! standard (that is the `pcds` crate) or printing (only the [`cli`] module prints).
//!
//! ```
//! let validator = pcds_validator::Validator::new().unwrap();
//! let findings = validator.validate(&serde_json::json!({"releases": []}));
//! assert!(findings.iter().any(|f| f.code == "PCDS-SCHEMA-001"));
//! ```

pub mod cli;
mod engine;
mod finding;
pub mod input;
pub mod locate;
mod report;
pub mod rules;
mod strict;

pub use engine::{DocumentKind, EngineError, Validator};
pub use finding::{Finding, Severity};
pub use report::{FieldCoverage, InputReport, Report, Summary};
pub use rules::{Layer, Rule};
