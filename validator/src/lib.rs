//! The PCDS validator: checks documents against the Placement Contracting Data Standard.
//!
//! What it is for: turning a document into a list of [`Finding`]s, each with a stable code, a
//! severity, a JSON pointer and a plain-English message. What it is not for: defining the
//! standard (that is the `pcds` crate), reading files or URLs, or printing: the `pcds` command
//! (the `pcds-cli` crate) does those, and renders reports with [`render`].
//!
//! ```
//! let validator = pcds_validator::Validator::new().unwrap();
//! let findings = validator.validate(&serde_json::json!({"releases": []}));
//! assert!(findings.iter().any(|f| f.code == "PCDS-SCHEMA-001"));
//! ```

pub mod catalogue;
mod context;
mod engine;
mod finding;
mod layers;
pub mod levels;
pub mod locate;
mod privacy_text;
pub mod render;
mod report;
pub mod rules;
pub mod scan;
mod strict;
pub mod upgrade;

pub use context::ProcessContext;
pub use engine::{
    DocumentKind, EngineError, Options, RARE_COMBINATION_MINIMUM_CHILDREN,
    RARE_COMBINATION_THRESHOLD, RunTotals, Validator,
};
pub use finding::{CellRef, Finding, FindingId, Severity};
pub use levels::LevelValidators;
pub use report::{FieldCoverage, InputReport, NotJudged, Omitted, Report, Summary};
pub use rules::{Layer, Rule};

/// The nearest of `candidates` to `word`, for "did you mean" hints (a misspelt rule code, field
/// or code), or `None` when nothing is close.
pub use layers::suggest::nearest as suggest_nearest;
