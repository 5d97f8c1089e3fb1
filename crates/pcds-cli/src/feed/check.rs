//! The validator as the feed checks' release checker.

use pcds::codelists::PublicationLevel;
use pcds_conformance::feed::{FeedClient, FeedReport, ReleaseChecker};
use serde_json::Value;

use pcds_validator::Severity;
use pcds_validator::{EngineError, Options, ProcessContext, RunTotals, Validator};

/// Validates feed items and records at the level a feed declares. A feed item is judged in
/// the context of its process: what the items accepted before it declared (the offers and
/// awards of earlier stages), the same rule the publishing server judges by.
pub struct ValidatorChecker {
    open: Validator,
    partnership: Validator,
    context: std::sync::Mutex<ProcessContext>,
}

impl ValidatorChecker {
    /// Builds the validators.
    ///
    /// # Errors
    /// When the standard's schemas do not compile.
    pub fn new() -> Result<ValidatorChecker, EngineError> {
        let at = |level| {
            Validator::with_options(Options {
                level: Some(level),
                threads: Some(1),
                max_findings: None,
                rare_combination_minimum: None,
            })
        };
        Ok(ValidatorChecker {
            open: at(PublicationLevel::Open)?,
            partnership: at(PublicationLevel::Partnership)?,
            context: std::sync::Mutex::default(),
        })
    }

    /// Adds a release accepted before (by an earlier harvest, say) to the context later items
    /// are judged in.
    pub fn remember(&self, release: &Value) {
        self.context
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .add(release);
    }

    fn errors_in(&self, document: &Value, level: &str, context: &ProcessContext) -> Vec<String> {
        let validator = if level == "partnership" {
            &self.partnership
        } else {
            &self.open
        };
        let text = serde_json::to_vec(document).unwrap_or_default();
        match validator.check_reader_in("item", text.as_slice(), &mut RunTotals::default(), context)
        {
            Ok(report) => report
                .findings
                .into_iter()
                .filter(|f| f.severity == Severity::Error)
                .map(|f| format!("{} at `{}`: {}", f.code, f.pointer, f.message))
                .collect(),
            Err(e) => vec![format!("cannot be read: {e}")],
        }
    }
}

impl ReleaseChecker for ValidatorChecker {
    fn errors(&self, release: &Value, level: &str) -> Vec<String> {
        let mut context = self
            .context
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        let errors = self.errors_in(release, level, &context);
        if errors.is_empty() {
            context.add(release);
        }
        errors
    }

    fn record_errors(&self, package: &Value, level: &str) -> Vec<String> {
        self.errors_in(package, level, &ProcessContext::new())
    }
}

/// Checks the endpoint at `url` against the feed conformance class.
#[must_use]
pub fn check_feed(
    client: &dyn FeedClient,
    checker: &ValidatorChecker,
    url: &str,
    max_pages: usize,
) -> FeedReport {
    pcds_conformance::feed::check_feed(url, client, checker, max_pages)
}
