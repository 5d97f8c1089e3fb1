//! The validators: every write is checked with the same engine and rules as `pcds validate`, at
//! the server's publication level, and `POST /validate` answers with the same report as
//! `pcds validate --format json`, at the level a caller asks for.

use pcds::codelists::PublicationLevel;
use pcds_validator::InputReport;
use pcds_validator::{
    EngineError, Finding, LevelValidators, ProcessContext, Report, Severity, Validator,
};

/// The most findings one answer carries (a refused write's `422`, a `POST /validate` report);
/// past it, findings are counted by rule, so one request's answer has a bound however many
/// mistakes its body holds.
pub const MAX_FINDINGS: usize = 1000;

/// The server's validators: one judging a body at the level it claims, and one for each
/// publication level, each built on first use.
pub struct Validators {
    levels: LevelValidators,
    publishing: PublicationLevel,
}

impl Validators {
    /// The validators of a server that stores data for `publishing`, whatever level a body
    /// claims. The one that checks writes is built now, so a broken build stops the server at
    /// its start rather than at its first write.
    ///
    /// # Errors
    /// When the standard's schemas do not compile.
    pub fn new(publishing: PublicationLevel) -> Result<Validators, EngineError> {
        // Requests are checked side by side, each on its own blocking thread: one thread each
        // keeps the cores shared between them.
        let validators = Validators {
            levels: LevelValidators::new(Some(1)).with_max_findings(MAX_FINDINGS),
            publishing,
        };
        validators.at(Some(&validators.publishing))?;
        Ok(validators)
    }

    /// The validator judging as data for `level`, or at the level a body claims.
    fn at(&self, level: Option<&PublicationLevel>) -> Result<&Validator, EngineError> {
        self.levels.get(level)
    }

    /// The findings in a publishing request's body, judged at the publication level: at most
    /// [`MAX_FINDINGS`] of them, the rest counted by rule. The validator detects the document
    /// kind itself, so a body that is not what its media type says is reported in the
    /// validator's terms.
    ///
    /// References resolve against the body's releases and against what the `context` (the
    /// releases already stored for the body's processes) declares, so a process published
    /// one release per stage is judged whole.
    pub(crate) fn check_write(&self, body: &[u8], context: &ProcessContext) -> InputReport {
        let checked = self
            .at(Some(&self.publishing))
            .map_err(|e| std::io::Error::other(e.to_string()))
            .and_then(|validator| {
                validator.report_in("request body", body, Severity::Error, context)
            });
        match checked {
            Ok(mut report) => report.inputs.pop().unwrap_or_default(),
            // Reading from memory cannot fail; say so plainly if it ever does.
            Err(e) => InputReport {
                findings: vec![unreadable(&e)],
                ..InputReport::default()
            },
        }
    }

    /// The report `pcds validate --format json` gives for `body`, at `level` (the level the
    /// body claims when `None`), failing at `fail_on`.
    pub(crate) fn report(
        &self,
        body: &[u8],
        level: Option<&PublicationLevel>,
        fail_on: Severity,
    ) -> std::io::Result<Report> {
        self.at(level)
            .map_err(|e| std::io::Error::other(e.to_string()))?
            .report("request body", body, fail_on)
    }
}

fn unreadable(e: &std::io::Error) -> Finding {
    Finding {
        code: "PCDS-INPUT-007".into(),
        severity: Severity::Error,
        pointer: String::new(),
        line: None,
        column: None,
        cell: None,
        message: format!("the body could not be read: {e}"),
        hint: None,
        source_line: None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn example() -> Vec<u8> {
        std::fs::read(
            std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
                .join("../../examples/sibling-group-foster-placement.json"),
        )
        .expect("reads the example")
    }

    #[test]
    fn an_example_passes_and_a_broken_release_is_refused() {
        let validators = Validators::new(PublicationLevel::Partnership).expect("compiles");
        let checked = validators.check_write(&example(), &ProcessContext::new());
        assert!(!checked.fails(Severity::Error), "{checked:?}");
        let broken = br#"{"ocid": "ocds-pcdsex-1", "id": "1"}"#;
        let checked = validators.check_write(broken, &ProcessContext::new());
        assert!(
            checked
                .findings
                .iter()
                .any(|f| f.severity == Severity::Error && f.code.starts_with("PCDS-SCHEMA")),
            "{checked:?}"
        );
    }

    #[test]
    fn a_body_with_more_findings_than_an_answer_carries_is_still_refused() {
        let validators = Validators::new(PublicationLevel::Partnership).expect("compiles");
        let body = "{}\n".repeat(MAX_FINDINGS + 500);
        let checked = validators.check_write(body.as_bytes(), &ProcessContext::new());
        assert_eq!(checked.findings.len(), MAX_FINDINGS);
        assert_eq!(checked.omitted_count(), 500);
        assert!(checked.fails(Severity::Error));
    }

    #[test]
    fn a_report_is_judged_at_the_level_asked_for() {
        let validators = Validators::new(PublicationLevel::Open).expect("compiles");
        let partnership = example();
        let claimed = validators
            .report(&partnership, None, Severity::Error)
            .expect("reads");
        let open = validators
            .report(&partnership, Some(&PublicationLevel::Open), Severity::Error)
            .expect("reads");
        assert!(!claimed.failed(), "{:?}", claimed.inputs[0].findings);
        assert!(open.failed(), "partnership detail is not open data");
    }
}
