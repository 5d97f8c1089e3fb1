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

mod catalogue;
pub mod cli;
mod engine;
pub mod feed;
mod fetch;
mod finding;
pub mod gate;
pub mod generate;
pub mod input;
mod layers;
pub mod locate;
mod privacy_text;
pub mod render;
mod report;
pub mod rules;
pub mod scan;
mod strict;
pub mod upgrade;

pub use engine::{DocumentKind, EngineError, Options, RunTotals, Validator};
pub use finding::{Finding, Severity};
pub use report::{FieldCoverage, InputReport, Report, Summary};
pub use rules::{Layer, Rule};
