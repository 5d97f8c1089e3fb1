//! Reports: the findings for each input and a summary of the run, as every output format
//! renders them.

use std::borrow::Cow;
use std::collections::BTreeMap;

use serde::Serialize;

use crate::finding::{Finding, Severity};

/// The result of validating one input (a file, a URL or standard input).
#[derive(Debug, Clone, Default, Serialize)]
pub struct InputReport {
    /// The input's name as given: a path, a URL, or `-` for standard input.
    pub name: String,
    /// What the input was detected as, e.g. `release package`, `JSON Lines`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub kind: Option<String>,
    /// The number of bytes read.
    pub bytes: u64,
    /// The number of releases checked (embedded releases in records included).
    pub releases: u64,
    /// Every finding, in input order; at most the validator's `max_findings` of them.
    pub findings: Vec<Finding>,
    /// The findings found past `max_findings`, counted by rule but not kept, so that a file
    /// with millions of mistakes gives a readable report in bounded memory. Empty when
    /// nothing was left out.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub omitted: Vec<Omitted>,
    /// Rules that could not be judged on this input, and why: a rule that judges a dataset
    /// (`PCDS-PRIV-010`, rare combinations of child attributes) on an input too small to say
    /// anything. Empty when every rule was judged.
    #[serde(rename = "notJudged", skip_serializing_if = "Vec::is_empty")]
    pub not_judged: Vec<NotJudged>,
}

/// A rule that was not judged on an input.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct NotJudged {
    /// The rule's code.
    pub code: Cow<'static, str>,
    /// Why it was not judged, and how to have it judged.
    pub reason: String,
}

/// Findings of one rule left out of a report.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Omitted {
    /// The rule's code.
    pub code: Cow<'static, str>,
    /// The findings' severity.
    pub severity: Severity,
    /// How many were left out.
    pub count: u64,
}

impl InputReport {
    /// The number of findings of a severity, those left out included.
    #[must_use]
    pub fn count(&self, severity: Severity) -> usize {
        let kept = self
            .findings
            .iter()
            .filter(|f| f.severity == severity)
            .count();
        let left_out: u64 = self
            .omitted
            .iter()
            .filter(|o| o.severity == severity)
            .map(|o| o.count)
            .sum();
        kept + usize::try_from(left_out).unwrap_or(usize::MAX)
    }

    /// How many findings were left out of the report.
    #[must_use]
    pub fn omitted_count(&self) -> u64 {
        self.omitted.iter().map(|o| o.count).sum()
    }

    /// Whether the input fails at the given level: any finding at or above it, kept or left
    /// out.
    #[must_use]
    pub fn fails(&self, fail_on: Severity) -> bool {
        self.findings.iter().any(|f| f.severity >= fail_on)
            || self.omitted.iter().any(|o| o.severity >= fail_on)
    }
}

/// How often a field appears across the releases checked.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FieldCoverage {
    /// The field's path from the release, with list items written `[]`, e.g.
    /// `tender/referral/children[]/ageBand`.
    pub path: String,
    /// In how many releases the field appears at least once.
    pub releases: u64,
}

/// Totals over every input of a run.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Summary {
    /// Inputs checked.
    pub inputs: usize,
    /// Inputs with findings at or above the failing level.
    pub failed: usize,
    /// The failing level of the run.
    pub fail_on: Option<Severity>,
    /// Findings by severity (`error`, `warning`, `info`).
    pub by_severity: BTreeMap<Severity, usize>,
    /// Findings by rule code.
    pub by_code: BTreeMap<Cow<'static, str>, usize>,
    /// Releases checked.
    pub releases: u64,
    /// Distinct ocids seen.
    pub ocids: u64,
    /// How often each field appears, most common first.
    pub coverage: Vec<FieldCoverage>,
}

/// The whole result of a run: a report per input and the summary.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Report {
    /// One report per input, in the order given.
    pub inputs: Vec<InputReport>,
    /// Totals.
    pub summary: Summary,
}

impl Report {
    /// Builds a report from the inputs' reports, computing the summary's finding counts and
    /// failures. `ocids` and `coverage` come from the run, which alone has seen the data.
    #[must_use]
    pub fn new(
        inputs: Vec<InputReport>,
        fail_on: Severity,
        ocids: u64,
        coverage: Vec<FieldCoverage>,
    ) -> Self {
        let mut summary = Summary {
            inputs: inputs.len(),
            fail_on: Some(fail_on),
            ocids,
            coverage,
            ..Summary::default()
        };
        for input in &inputs {
            summary.releases += input.releases;
            if input.fails(fail_on) {
                summary.failed += 1;
            }
            for finding in &input.findings {
                *summary.by_severity.entry(finding.severity).or_default() += 1;
                *summary.by_code.entry(finding.code.clone()).or_default() += 1;
            }
            for omitted in &input.omitted {
                let count = usize::try_from(omitted.count).unwrap_or(usize::MAX);
                *summary.by_severity.entry(omitted.severity).or_default() += count;
                *summary.by_code.entry(omitted.code.clone()).or_default() += count;
            }
        }
        Report { inputs, summary }
    }

    /// Whether the run fails: any input with findings at or above the failing level.
    #[must_use]
    pub fn failed(&self) -> bool {
        self.summary.failed > 0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn findings_left_out_still_count_and_still_fail() {
        let report = InputReport {
            omitted: vec![Omitted {
                code: "PCDS-SCHEMA-001".into(),
                severity: Severity::Error,
                count: 7,
            }],
            ..InputReport::default()
        };
        assert!(report.findings.is_empty());
        assert!(report.fails(Severity::Error));
        assert_eq!(report.count(Severity::Error), 7);
        assert_eq!(report.count(Severity::Warning), 0);
        let run = Report::new(vec![report], Severity::Error, 0, Vec::new());
        assert!(run.failed());
        assert_eq!(run.summary.by_code["PCDS-SCHEMA-001"], 7);
    }
}
