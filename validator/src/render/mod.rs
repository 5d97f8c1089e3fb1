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

use crate::finding::{CellRef, Finding, Severity};
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

/// A spreadsheet cell in words, as every format names it:
/// `Placements!F12 (sheet "Placements", row 12, column "Weekly price")`, the reference first as
/// the user would type it, then its parts. Only names from the workbook's structure (the sheet
/// and the column's title), never a value from a cell. Made printable: the sheet and title are
/// quoted with `"` and `\` escaped, and control characters are escaped everywhere.
fn cell_place(cell: &CellRef) -> String {
    format!(
        "{} (sheet {:?}, row {}, column {:?})",
        printable(&cell.reference),
        cell.sheet,
        cell.row,
        cell.column
    )
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

    use crate::finding::{CellRef, Finding, Severity};
    use crate::report::{FieldCoverage, InputReport, Report};
    use crate::rules;

    /// A report of one input that kept one finding and left out 41 errors and 2 warnings.
    pub(crate) fn truncated() -> Report {
        use crate::report::Omitted;
        let kept = Finding::new(&rules::SCHEMA_REQUIRED, "/releases/0", "`id` is missing");
        let input = InputReport {
            not_judged: Vec::new(),
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
            not_judged: Vec::new(),
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
            not_judged: Vec::new(),
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

    /// A report of a workbook whose findings are in cells (one on a sheet whose name has to
    /// be quoted in a reference) beside an ordinary finding about the whole document, and of a
    /// JSON input with an ordinary finding at a line. The cells' findings were placed at a
    /// line of the generated JSON first, as an import's would be, and moved into their cells.
    pub(crate) fn cells() -> Report {
        let price = Finding::new(
            &rules::PRICE_IMPLAUSIBLE,
            "/releases/2/contracts/0/placement/weeklyPrice/coreFee/value/amount",
            "weekly price `425000` is over £40,000 a week",
        )
        .at(133, 25)
        .with_source_line(Some(r#"                "amount": 425000,"#.to_owned()))
        .in_cell(CellRef::new("Placements", 12, 5, "Weekly price"));
        let wrong_type = Finding::new(
            &rules::SCHEMA_TYPE,
            "/releases/1/contracts/0/placement/weeklyPrice/weeklyTotal/amount",
            "`\"n/a\"` is a string, not a number",
        )
        .at(41, 31)
        .in_cell(CellRef::new("Fee changes", 4, 2, "New price"));
        let prefixes = Finding::new(
            &rules::PUB_OCID_PREFIX,
            "",
            "ocids use 2 prefixes: `ocds-pcdsex` and `ocds-other1`",
        );
        let workbook = InputReport {
            not_judged: Vec::new(),
            name: "returns/placements.xlsx".to_owned(),
            kind: Some("workbook".to_owned()),
            bytes: 20_480,
            releases: 4,
            findings: vec![price, wrong_type, prefixes],
            omitted: Vec::new(),
        };
        let mut supplier = Finding::new(
            &rules::REF_SUPPLIER,
            "/releases/0/awards/0/suppliers/0/id",
            "supplier `GB-COH-99999999` is not in `parties`",
        )
        .at(12, 19);
        supplier.source_line = Some(r#"            "id": "GB-COH-99999999","#.to_owned());
        let json = InputReport {
            not_judged: Vec::new(),
            name: "examples/placements.json".to_owned(),
            kind: Some("release package".to_owned()),
            bytes: 5120,
            releases: 1,
            findings: vec![supplier],
            omitted: Vec::new(),
        };
        Report::new(vec![workbook, json], Severity::Error, 5, Vec::new())
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
            not_judged: Vec::new(),
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::InputReport;

    /// Every format's output of a report.
    fn every_format(report: &Report) -> Vec<(&'static str, String)> {
        let mut outputs = Vec::new();
        let mut out = Vec::new();
        human(report, false, &mut out).expect("writes");
        outputs.push(("human", out));
        let mut out = Vec::new();
        human(report, true, &mut out).expect("writes");
        outputs.push(("human in colour", out));
        let mut out = Vec::new();
        json(report, &mut out).expect("writes");
        outputs.push(("json", out));
        let mut out = Vec::new();
        sarif(report, &mut out).expect("writes");
        outputs.push(("sarif", out));
        let mut out = Vec::new();
        junit(report, &mut out).expect("writes");
        outputs.push(("junit", out));
        outputs
            .into_iter()
            .map(|(format, out)| (format, String::from_utf8(out).expect("UTF-8")))
            .collect()
    }

    #[test]
    fn a_cell_is_named_in_printable_text() {
        let cell = CellRef::new("Fees\u{1b}[31m \"new\"", 3, 0, "Price\r\n\u{7}");
        let place = cell_place(&cell);
        assert_eq!(
            place,
            r#"'Fees\u{1b}[31m "new"'!A3 (sheet "Fees\u{1b}[31m \"new\"", row 3, column "Price\r\n\u{7}")"#
        );
        assert!(!place.chars().any(char::is_control), "{place}");
    }

    #[test]
    fn a_privacy_finding_in_a_cell_never_repeats_the_cell() {
        // A real finding of the person-name rule, on the value an import put in the
        // document from a cell, placed at its line first as the engine places findings.
        let name = "Ms Holloway";
        let text = format!("Referral made by {name}");
        let mut document: serde_json::Value =
            serde_json::from_str(rules::BASE_DOCUMENT).expect("the base document is JSON");
        *document
            .pointer_mut("/releases/0/tender/description")
            .expect("the base document has a description") = text.clone().into();
        let validator = crate::Validator::new().expect("the validator builds");
        let found = validator
            .validate(&document)
            .into_iter()
            .find(|f| f.code == rules::PRIV_NAME.code)
            .expect("the name is found");
        assert!(found.is_sensitive() && !found.message.contains("Holloway"));
        let finding = found
            .at(30, 22)
            .with_source_line(Some(format!(r#"      "description": "{text}","#)))
            .in_cell(CellRef::new("Referrals", 7, 3, "Referral notes"));
        let input = InputReport {
            not_judged: Vec::new(),
            name: "returns/referrals.xlsx".to_owned(),
            kind: Some("workbook".to_owned()),
            bytes: 4096,
            releases: 1,
            findings: vec![finding],
            omitted: Vec::new(),
        };
        let report = Report::new(vec![input], Severity::Warning, 1, Vec::new());

        for (format, out) in every_format(&report) {
            assert!(
                out.contains("Referrals!D7"),
                "{format} names the cell:\n{out}"
            );
            for raw in ["Holloway", "Referral made by", "•••"] {
                assert!(
                    !out.contains(raw),
                    "{format} repeats the cell's text ({raw}):\n{out}"
                );
            }
        }
    }
}
