//! Validators by publication level, for hosts that answer many requests in one process (the
//! server's `POST /validate`, the Python package, the browser page): each is built the first
//! time its level is asked for, since building one compiles the schemas, and kept after.

use std::sync::OnceLock;

use pcds::codelists::PublicationLevel;

use crate::engine::{EngineError, Options, Validator};

/// One validator for each way of judging a document: at the level it claims, as open data, or
/// as partnership data.
#[derive(Default)]
pub struct LevelValidators {
    threads: Option<usize>,
    max_findings: Option<usize>,
    built: [OnceLock<Validator>; 3],
}

impl LevelValidators {
    /// Validators using `threads` workers each (`None`: one per core, as the command line).
    #[must_use]
    pub const fn new(threads: Option<usize>) -> LevelValidators {
        LevelValidators {
            threads,
            max_findings: None,
            built: [const { OnceLock::new() }; 3],
        }
    }

    /// The same validators, keeping at most `max` findings per report (the rest counted by
    /// rule), so one request's report has a bound.
    #[must_use]
    pub const fn with_max_findings(mut self, max: usize) -> LevelValidators {
        self.max_findings = Some(max);
        self
    }

    /// The validator judging documents as data for `level`, or at the level each claims.
    ///
    /// # Errors
    /// When the standard's schemas do not compile.
    pub fn get(&self, level: Option<&PublicationLevel>) -> Result<&Validator, EngineError> {
        let (slot, level) = match level {
            None => (0, None),
            Some(PublicationLevel::Partnership) => (2, Some(PublicationLevel::Partnership)),
            // Open, and any level a later version adds: the strictest judgement.
            Some(_) => (1, Some(PublicationLevel::Open)),
        };
        if let Some(validator) = self.built[slot].get() {
            return Ok(validator);
        }
        let validator = Validator::with_options(Options {
            level,
            threads: self.threads,
            max_findings: self.max_findings,
            rare_combination_minimum: None,
        })?;
        Ok(self.built[slot].get_or_init(|| validator))
    }
}

/// The publication level a caller names, as `--level` takes it: `open` or `partnership`; an
/// empty name or `None` means the level each document claims. `Err` carries a message for a
/// name that is neither.
///
/// # Errors
/// A plain message naming the values allowed.
pub fn parse_level(name: Option<&str>) -> Result<Option<PublicationLevel>, String> {
    match name {
        None | Some("") => Ok(None),
        Some("open") => Ok(Some(PublicationLevel::Open)),
        Some("partnership") => Ok(Some(PublicationLevel::Partnership)),
        Some(other) => Err(format!(
            "`{other}` is not a publication level: use open or partnership, or none to judge each document at the level it claims"
        )),
    }
}

/// The failing severity a caller names, as `--fail-on` takes it: `error` or `warning`.
///
/// # Errors
/// A plain message naming the values allowed.
pub fn parse_fail_on(name: &str) -> Result<crate::Severity, String> {
    match name {
        "error" => Ok(crate::Severity::Error),
        "warning" => Ok(crate::Severity::Warning),
        other => Err(format!(
            "`{other}` is not a failing severity: use error or warning"
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_level_is_built_once_and_names_are_checked() {
        let validators = LevelValidators::new(Some(1));
        let open = validators
            .get(Some(&PublicationLevel::Open))
            .expect("compiles");
        let again = validators
            .get(Some(&PublicationLevel::Open))
            .expect("compiles");
        assert!(std::ptr::eq(open, again));
        let claimed = validators.get(None).expect("compiles");
        assert!(!std::ptr::eq(open, claimed));
        assert_eq!(parse_level(Some("open")), Ok(Some(PublicationLevel::Open)));
        assert_eq!(parse_level(Some("")), Ok(None));
        assert!(parse_level(Some("secret")).is_err());
        assert_eq!(parse_fail_on("warning"), Ok(crate::Severity::Warning));
        assert!(parse_fail_on("info").is_err());
    }
}
