//! The validator as the publishing server's gate: every write to `pcds serve` is checked with
//! the same engine and rules as `pcds validate`, at the server's publication level.

use pcds::codelists::PublicationLevel;
use pcds_server::{BodyFormat, Gate, Problem};

use pcds_validator::{EngineError, Options, RunTotals, Validator};

/// Checks publishing requests with the full validator.
pub struct ServerGate {
    validator: Validator,
}

impl ServerGate {
    /// A gate checking every body as data for `level`, whatever level the body claims.
    ///
    /// # Errors
    /// When the standard's schemas do not compile.
    pub fn new(level: PublicationLevel) -> Result<ServerGate, EngineError> {
        Ok(ServerGate {
            validator: Validator::with_options(Options {
                level: Some(level),
                // Requests are checked side by side: one thread each keeps the cores shared.
                threads: Some(1),
            })?,
        })
    }
}

impl Gate for ServerGate {
    fn check(&self, body: &[u8], _format: BodyFormat) -> Vec<Problem> {
        // The validator detects the document kind itself, so a body that is not what its
        // media type says is reported in the validator's terms.
        match self
            .validator
            .check_reader("request body", body, &mut RunTotals::default())
        {
            Ok(report) => report
                .findings
                .into_iter()
                .map(|f| Problem {
                    code: f.code.to_owned(),
                    severity: f.severity.as_str().to_owned(),
                    pointer: f.pointer,
                    message: f.message,
                    line: f.line,
                    hint: f.hint,
                })
                .collect(),
            Err(e) => vec![Problem {
                code: "PCDS-INPUT-007".into(),
                severity: "error".into(),
                pointer: String::new(),
                message: format!("the body could not be read: {e}"),
                line: None,
                hint: None,
            }],
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_example_passes_and_a_broken_release_is_refused() {
        let gate = ServerGate::new(PublicationLevel::Partnership).expect("compiles");
        let example = std::fs::read(
            std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
                .join("../../examples/sibling-group-foster-placement.json"),
        )
        .expect("reads the example");
        assert!(
            !gate
                .check(&example, BodyFormat::ReleasePackage)
                .iter()
                .any(Problem::refuses)
        );
        let broken = br#"{"ocid": "ocds-pcdsex-1", "id": "1"}"#;
        let problems = gate.check(broken, BodyFormat::JsonLines);
        assert!(
            problems
                .iter()
                .any(|p| p.refuses() && p.code.starts_with("PCDS-SCHEMA")),
            "{problems:?}"
        );
    }
}
