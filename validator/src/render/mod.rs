//! Rendering a [`Report`] for people and for programs.
//!
//! Four formats, each a function that writes a whole report to a writer:
//!
//! - [`human`]: for people at a terminal, grouped by input and by rule, with source lines,
//!   hints and a summary; colour only when asked for.
//! - [`json`]: the report itself, for programs, with a format `version`.
//! - [`junit`]: JUnit XML, for the test reports of CI systems.
//! - [`sarif`]: SARIF 2.1.0, for code scanning (GitHub and other static-analysis viewers).
//!
//! What this module is not for: deciding anything. Whether to use colour (a terminal,
//! `NO_COLOR`), where to write and which exit status to return are the caller's business; the
//! renderers only turn the report into text.

mod human;
mod json;
mod junit;
mod sarif;
pub mod testsuites;
pub mod xml;

pub use human::human;
pub use json::json;
pub use junit::junit;
pub use sarif::sarif;

use crate::finding::{Finding, Severity};
use crate::report::Report;
use crate::rules::{self, Rule};

/// The failing level of a report: its summary's, or errors when it does not say.
fn fail_on(report: &Report) -> Severity {
    report.summary.fail_on.unwrap_or(Severity::Error)
}

/// The catalogue rule of a finding, when its code is in the catalogue.
fn rule_of(finding: &Finding) -> Option<&'static Rule> {
    rules::find(&finding.code)
}

/// The position of a code in the catalogue, for ordering: catalogue codes in catalogue order,
/// then any others.
fn catalogue_position(code: &str) -> usize {
    rules::ALL
        .iter()
        .position(|rule| rule.code == code)
        .unwrap_or(rules::ALL.len())
}

/// The hint of a finding: its own, else its rule's (when the rule has one).
fn hint_of(finding: &Finding) -> Option<&str> {
    finding
        .hint
        .as_deref()
        .or_else(|| rule_of(finding).map(|rule| rule.hint))
        .filter(|hint| !hint.is_empty())
}

/// Text safe to print to a terminal: control characters (which could move the cursor or
/// change colours) are written as Rust escapes such as `\u{1b}`; tabs become a space.
fn printable(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\t' => out.push(' '),
            c if c.is_control() => out.extend(c.escape_default()),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
pub(crate) mod sample {
    //! Reports to render in the tests of every format.

    use crate::finding::{Finding, Severity};
    use crate::report::{FieldCoverage, InputReport, Report};
    use crate::rules;

    /// A report of one input that kept one finding and left out 41 errors and 2 warnings.
    pub(crate) fn truncated() -> Report {
        use crate::report::Omitted;
        let kept = Finding::new(&rules::SCHEMA_REQUIRED, "/releases/0", "`id` is missing");
        let input = InputReport {
            name: "big.jsonl".to_owned(),
            kind: Some("JSON Lines".to_owned()),
            bytes: 100,
            releases: 44,
            findings: vec![kept],
            omitted: vec![
                Omitted {
                    code: rules::SCHEMA_REQUIRED.code.into(),
                    severity: Severity::Error,
                    count: 41,
                },
                Omitted {
                    code: rules::CODE_OPEN.code.into(),
                    severity: Severity::Warning,
                    count: 2,
                },
            ],
        };
        Report::new(vec![input], Severity::Error, 44, Vec::new())
    }

    /// A report of two inputs: one with findings of every severity, one clean.
    pub(crate) fn report() -> Report {
        let mut wrong_type = Finding::new(
            &rules::SCHEMA_TYPE,
            "/releases/0/contracts/0/placement/weeklyPrice/weeklyTotal/amount",
            "`\"4250.00\"` is a string, not a number",
        )
        .at(41, 31);
        wrong_type.source_line = Some(r#"                  "amount": "4250.00","#.to_owned());

        let mut supplier = Finding::new(
            &rules::REF_SUPPLIER,
            "/releases/0/awards/0/suppliers/0/id",
            "supplier `GB-COH-99999999` is not in `parties`",
        )
        .with_hint("`parties` has `GB-COH-09999999`: did you mean that?")
        .at(12, 19);
        supplier.source_line = Some(r#"            "id": "GB-COH-99999999","#.to_owned());

        let supplier_again = Finding::new(
            &rules::REF_SUPPLIER,
            "/releases/2/awards/0/suppliers/0/id",
            "supplier `GB-COH-12345678` is not in `parties`",
        );

        let mut price = Finding::new(
            &rules::PRICE_IMPLAUSIBLE,
            "/releases/1/contracts/0/placement/weeklyPrice/coreFee/value/amount",
            "weekly price `425000` is over £40,000 a week",
        )
        .at(133, 25);
        price.source_line = Some(r#"                "amount": 425000,"#.to_owned());

        let mut open_code = Finding::new(
            &rules::CODE_OPEN,
            "/releases/1/tender/referral/children/0/needs/0",
            "`missingEpisode` is not in the `need` codelist",
        )
        .with_hint("did you mean `missingEpisodes`?")
        .at(98, 15);
        open_code.source_line = Some(r#"              "missingEpisode""#.to_owned());
        open_code.severity = Severity::Info;

        let prefixes = Finding::new(
            &rules::PUB_OCID_PREFIX,
            "",
            "ocids use 2 prefixes: `ocds-pcdsex` and `ocds-other1`",
        );

        let busy = InputReport {
            name: "examples/placements.json".to_owned(),
            kind: Some("release package".to_owned()),
            bytes: 5120,
            releases: 3,
            findings: vec![
                price,
                wrong_type,
                supplier,
                open_code,
                supplier_again,
                prefixes,
            ],
            omitted: Vec::new(),
        };
        let clean = InputReport {
            name: "examples/clean.json".to_owned(),
            kind: Some("release".to_owned()),
            bytes: 900,
            releases: 1,
            findings: Vec::new(),
            omitted: Vec::new(),
        };
        let paths = [
            "ocid",
            "id",
            "date",
            "tag",
            "initiationType",
            "processType",
            "parties[]/id",
            "parties[]/roles",
            "buyer/id",
            "tender/id",
            "tender/referral/children[]/ageBand",
            "tender/referral/placementTypesSought",
            "tender/referral/children[]/needs",
            "awards[]/suppliers[]/id",
            "contracts[]/placement/weeklyPrice/weeklyTotal/amount",
            "contracts[]/placement/weeklyPrice/coreFee/value/amount",
            "contracts[]/ending/date",
            "relatedProcesses[]/relationship",
        ];
        let coverage = paths
            .iter()
            .enumerate()
            .map(|(i, path)| FieldCoverage {
                path: (*path).to_owned(),
                releases: 4 - (i as u64 / 6),
            })
            .collect();
        Report::new(vec![busy, clean], Severity::Error, 3, coverage)
    }

    /// Strings that break naive XML, JSON and terminal output.
    pub(crate) const HOSTILE: &str = "<script>&amp;\"quoted\" 'single' ]]> nul\u{0} bell\u{7} esc\u{1b}[31m del\u{7f} fffe\u{fffe} tab\tcr\r\nend";

    /// A report whose input name, message, hint and source line are hostile, and whose
    /// failing level is `warning`.
    pub(crate) fn hostile_report() -> Report {
        let mut finding =
            Finding::new(&rules::PRIV_NAME, "/releases/0/tender/description", HOSTILE)
                .with_hint(HOSTILE)
                .at(3, 5);
        finding.source_line = Some(HOSTILE.to_owned());
        let unknown = Finding {
            code: "PCDS-TEST-999".into(),
            ..Finding::new(&rules::CODE_OPEN, "/a~1b/c d/x~0y~1\u{e9}", HOSTILE)
        };
        let input = InputReport {
            name: "dir with space/odd <name> & \"q\".json".to_owned(),
            kind: None,
            bytes: 10,
            releases: 1,
            findings: vec![finding, unknown],
            omitted: Vec::new(),
        };
        Report::new(vec![input], Severity::Warning, 1, Vec::new())
    }
}
