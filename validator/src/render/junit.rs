//! The JUnit format: JUnit XML for the test reports of CI systems (Jenkins, GitLab, GitHub
//! Actions test reporters), in the common subset of the schema they all read.
//!
//! The mapping:
//!
//! - `<testsuites name="pcds validate">` holds the whole run; its `tests` and `failures` are
//!   the totals of its suites.
//! - One `<testsuite>` per input, named by the input (`<stdin>` for standard input), with
//!   properties `kind` (when known) and `releases`.
//! - One `<testcase>` per finding, in catalogue order (as the human format groups them), with
//!   `classname` the input's name and `name` the rule's code and title and the JSON pointer,
//!   e.g. `PCDS-REF-001 Award supplier not in parties at /releases/0/awards/0/suppliers/0/id`
//!   (with ` (2)`, ` (3)`… added to repeats, so that names are unique within a suite). A
//!   finding in a spreadsheet cell (of data imported from a workbook) is named by its cell
//!   instead of the pointer, e.g. `PCDS-PRICE-005 Implausible weekly price at Placements!F12`,
//!   and its text names the cell's reference, sheet, row and column.
//!   - A finding at or above the failing level (`summary.fail_on`, errors by default) fails
//!     its test case: `<failure message="the message" type="the code">` with the location,
//!     message and hint as text.
//!   - A finding below it is a passing test case whose `<system-out>` says the same, so that it
//!     is seen without failing the build.
//! - An input with no findings has one passing test case named `valid`.
//!
//! So a suite's `tests` is its number of findings (or 1), and its `failures` the number of
//! findings at or above the failing level. There are no `errors` or `skipped` test cases: an
//! input that cannot be read at all is an operational error, not a report.
//!
//! Text is escaped for XML; characters XML 1.0 does not allow (NUL and the other C0 controls
//! but tab, newline and carriage return; U+FFFE and U+FFFF) are written as Rust escapes such as
//! `\u{0}`, so that the output is always well-formed.

use std::collections::HashMap;
use std::io::{self, Write};

use super::testsuites::{Outcome, TestCase, TestSuite, TestSuites};
use super::{catalogue_position, cell_place, fail_on, hint_of, rule_of};
use crate::finding::{Finding, Severity};
use crate::report::{InputReport, Report};

/// Writes the report as JUnit XML.
///
/// # Errors
/// When writing fails.
pub fn junit(report: &Report, out: &mut dyn Write) -> io::Result<()> {
    let fail_on = fail_on(report);
    TestSuites {
        name: "pcds validate".into(),
        suites: report
            .inputs
            .iter()
            .map(|input| suite(input, fail_on))
            .collect(),
    }
    .write(out)
}

/// An input's name as shown: `-` is standard input.
fn display_name(name: &str) -> &str {
    if name == "-" { "<stdin>" } else { name }
}

fn suite(input: &InputReport, fail_on: Severity) -> TestSuite {
    let name = display_name(&input.name);
    let mut properties = Vec::new();
    if let Some(kind) = &input.kind {
        properties.push(("kind".to_owned(), kind.clone()));
    }
    properties.push(("releases".to_owned(), input.releases.to_string()));
    let mut cases = Vec::new();
    if input.findings.is_empty() {
        cases.push(TestCase {
            classname: name.to_owned(),
            name: "valid".into(),
            outcome: Outcome::Passed(None),
        });
    }
    let mut order: Vec<&Finding> = input.findings.iter().collect();
    order.sort_by_key(|finding| (catalogue_position(&finding.code), finding.code.clone()));
    let mut seen: HashMap<String, usize> = HashMap::new();
    for finding in order {
        let mut test = match rule_of(finding) {
            Some(rule) => format!("{} {}", finding.code, rule.title),
            None => finding.code.to_string(),
        };
        // A finding in a spreadsheet cell is named by its cell, as its reader finds it.
        let place = finding
            .cell
            .as_ref()
            .map_or(finding.pointer.as_str(), |cell| cell.reference.as_str());
        if !place.is_empty() {
            test.push_str(" at ");
            test.push_str(place);
        }
        let repeats = seen.entry(test.clone()).or_default();
        *repeats += 1;
        if *repeats > 1 {
            test.push_str(&format!(" ({repeats})"));
        }
        let failed = finding.severity >= fail_on;
        let outcome = outcome(
            failed,
            &finding.message,
            &finding.code,
            detail(finding, name),
        );
        cases.push(TestCase {
            classname: name.to_owned(),
            name: test,
            outcome,
        });
    }
    for omitted in &input.omitted {
        let test = format!("{} ({} more, not reported)", omitted.code, omitted.count);
        let detail = format!(
            "{} more {} finding(s) of `{name}` were counted but not reported (--max-findings)",
            omitted.count, omitted.code
        );
        let outcome = outcome(
            omitted.severity >= fail_on,
            &detail,
            &omitted.code,
            detail.clone(),
        );
        cases.push(TestCase {
            classname: name.to_owned(),
            name: test,
            outcome,
        });
    }
    TestSuite {
        name: name.to_owned(),
        properties,
        cases,
    }
}

/// A failure with `message` and `code` as its type, or a pass that says `detail`.
fn outcome(failed: bool, message: &str, code: &str, detail: String) -> Outcome {
    if failed {
        Outcome::Failed {
            message: message.to_owned(),
            kind: Some(code.to_owned()),
            detail,
        }
    } else {
        Outcome::Passed(Some(detail))
    }
}

/// A finding in plain text, as the human format writes it without the source line.
fn detail(finding: &Finding, name: &str) -> String {
    let mut place = name.to_owned();
    if let Some(cell) = &finding.cell {
        place.push_str(": ");
        place.push_str(&cell_place(cell));
    } else {
        if let Some(line) = finding.line {
            place.push_str(&format!(":{line}"));
            if let Some(column) = finding.column {
                place.push_str(&format!(":{column}"));
            }
        }
        if !finding.pointer.is_empty() {
            place.push_str(" at ");
            place.push_str(&finding.pointer);
        }
    }
    let title = rule_of(finding).map_or(String::new(), |rule| format!(": {}", rule.title));
    let mut detail = format!(
        "{}[{}]{title}\n  --> {place}\n  {}",
        finding.severity, finding.code, finding.message
    );
    if let Some(hint) = hint_of(finding) {
        detail.push_str("\n  = hint: ");
        detail.push_str(hint);
    }
    detail
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::sample;
    use crate::render::xml::{attribute, text};

    fn render(report: &Report) -> String {
        let mut out = Vec::new();
        junit(report, &mut out).expect("writing to a Vec cannot fail");
        String::from_utf8(out).expect("the output is UTF-8")
    }

    fn number(node: roxmltree::Node<'_, '_>, name: &str) -> usize {
        node.attribute(name)
            .unwrap_or_else(|| panic!("no `{name}` attribute"))
            .parse()
            .expect("a number")
    }

    #[test]
    fn findings_left_out_are_cases_that_fail_at_the_failing_level() {
        let xml = render(&sample::truncated());
        let doc = roxmltree::Document::parse(&xml).expect("well-formed XML");
        let root = doc.root_element();
        assert_eq!(number(root, "tests"), 3);
        assert_eq!(
            number(root, "failures"),
            2,
            "the kept error and the 41 left out"
        );
        let names: Vec<&str> = root
            .descendants()
            .filter(|n| n.has_tag_name("testcase"))
            .filter_map(|n| n.attribute("name"))
            .collect();
        assert!(
            names.contains(&"PCDS-SCHEMA-001 (41 more, not reported)"),
            "{names:?}"
        );
        assert!(
            names.contains(&"PCDS-CODE-002 (2 more, not reported)"),
            "{names:?}"
        );
    }

    #[test]
    fn suites_cases_and_failures() {
        let xml = render(&sample::report());
        let doc = roxmltree::Document::parse(&xml).expect("well-formed XML");
        let root = doc.root_element();
        assert_eq!(root.tag_name().name(), "testsuites");
        assert_eq!(root.attribute("name"), Some("pcds validate"));
        assert_eq!(number(root, "tests"), 7);
        assert_eq!(number(root, "failures"), 4);

        let suites: Vec<_> = root
            .children()
            .filter(|n| n.has_tag_name("testsuite"))
            .collect();
        assert_eq!(suites.len(), 2);

        let busy = suites[0];
        assert_eq!(busy.attribute("name"), Some("examples/placements.json"));
        assert_eq!(number(busy, "tests"), 6);
        assert_eq!(number(busy, "failures"), 4);
        let cases: Vec<_> = busy
            .children()
            .filter(|n| n.has_tag_name("testcase"))
            .collect();
        assert_eq!(cases.len(), 6);
        assert!(
            cases
                .iter()
                .all(|case| case.attribute("classname") == Some("examples/placements.json"))
        );
        let failed: Vec<_> = cases
            .iter()
            .filter_map(|case| case.children().find(|n| n.has_tag_name("failure")))
            .collect();
        assert_eq!(failed.len(), 4);
        let types: Vec<_> = failed
            .iter()
            .map(|f| f.attribute("type").expect("a type"))
            .collect();
        assert_eq!(
            types,
            [
                "PCDS-SCHEMA-002",
                "PCDS-REF-001",
                "PCDS-REF-001",
                "PCDS-PUB-001"
            ]
        );
        let names: Vec<_> = cases
            .iter()
            .map(|case| case.attribute("name").expect("a name"))
            .collect();
        assert_eq!(
            names[0],
            "PCDS-SCHEMA-002 Wrong type at /releases/0/contracts/0/placement/weeklyPrice/weeklyTotal/amount"
        );
        assert_eq!(
            cases[2].attribute("name"),
            Some(
                "PCDS-REF-001 Award supplier not in parties at /releases/0/awards/0/suppliers/0/id"
            )
        );
        assert_eq!(
            failed[1].attribute("message"),
            Some("supplier `GB-COH-99999999` is not in `parties`")
        );
        let body = failed[1].text().expect("a body");
        assert!(
            body.contains("examples/placements.json:12:19 at /releases/0/awards/0/suppliers/0/id")
        );
        assert!(body.contains("= hint: `parties` has `GB-COH-09999999`: did you mean that?"));
        let outputs = cases
            .iter()
            .filter(|case| case.children().any(|n| n.has_tag_name("system-out")))
            .count();
        assert_eq!(
            outputs, 2,
            "the warning and the info finding pass with output"
        );

        let clean = suites[1];
        assert_eq!(number(clean, "tests"), 1);
        assert_eq!(number(clean, "failures"), 0);
        let case = clean
            .children()
            .find(|n| n.has_tag_name("testcase"))
            .expect("a testcase");
        assert_eq!(case.attribute("name"), Some("valid"));
        assert!(!case.has_children());
    }

    #[test]
    fn snapshot() {
        insta::assert_snapshot!(render(&sample::report()));
    }

    #[test]
    fn findings_in_cells() {
        let xml = render(&sample::cells());
        let doc = roxmltree::Document::parse(&xml).expect("well-formed XML");
        let failure = doc
            .descendants()
            .filter(|n| n.has_tag_name("testcase"))
            .find(|n| n.attribute("name") == Some("PCDS-SCHEMA-002 Wrong type at 'Fee changes'!C4"))
            .and_then(|n| n.children().find(|n| n.has_tag_name("failure")))
            .expect("the wrong type fails, named by its cell");
        assert!(
            failure.text().expect("a body").contains(
                r#"returns/placements.xlsx: 'Fee changes'!C4 (sheet "Fee changes", row 4, column "New price")"#
            )
        );
        insta::assert_snapshot!(xml);
    }

    #[test]
    fn hostile_strings_stay_well_formed() {
        let report = sample::hostile_report();
        let xml = render(&report);
        let doc = roxmltree::Document::parse(&xml).expect("well-formed XML");
        let root = doc.root_element();
        assert_eq!(number(root, "tests"), 2);
        assert_eq!(number(root, "failures"), 2, "failing on warnings");
        let suite = root.first_element_child().expect("a suite");
        assert_eq!(
            suite.attribute("name"),
            Some(report.inputs[0].name.as_str())
        );
        let failure = doc
            .descendants()
            .find(|n| n.has_tag_name("failure"))
            .expect("a failure");
        let expected: String = sample::HOSTILE
            .chars()
            .map(|c| {
                if crate::render::xml::allowed(c) {
                    c.to_string()
                } else {
                    c.escape_default().to_string()
                }
            })
            .collect();
        assert_eq!(failure.attribute("message"), Some(expected.as_str()));
        assert!(failure.text().expect("a body").contains(&expected));
        let names: Vec<_> = doc
            .descendants()
            .filter(|n| n.has_tag_name("testcase"))
            .map(|n| n.attribute("name").expect("a name"))
            .collect();
        assert_eq!(
            names,
            [
                "PCDS-PRIV-007 Personal name in free text at /releases/0/tender/description",
                "PCDS-TEST-999 at /a~1b/c d/x~0y~1\u{e9}"
            ]
        );
    }

    #[test]
    fn repeated_names_are_numbered() {
        let mut report = sample::report();
        let copy = report.inputs[0].findings[2].clone();
        report.inputs[0].findings.push(copy);
        let report = Report::new(report.inputs, Severity::Error, 3, Vec::new());
        let xml = render(&report);
        let doc = roxmltree::Document::parse(&xml).expect("well-formed XML");
        let names: Vec<_> = doc
            .descendants()
            .filter(|n| n.has_tag_name("testcase"))
            .filter_map(|n| n.attribute("name"))
            .filter(|name| name.contains("/releases/0/awards/0/suppliers/0/id"))
            .collect();
        assert_eq!(
            names,
            [
                "PCDS-REF-001 Award supplier not in parties at /releases/0/awards/0/suppliers/0/id",
                "PCDS-REF-001 Award supplier not in parties at /releases/0/awards/0/suppliers/0/id (2)"
            ]
        );
    }

    #[test]
    fn escaping() {
        assert_eq!(
            attribute("a<b>&\"'\n\t\r"),
            "a&lt;b&gt;&amp;&quot;&apos;&#10;&#9;&#13;"
        );
        assert_eq!(text("a\nb\tc\rd\"'<&>"), "a\nb\tc&#13;d\"'&lt;&amp;&gt;");
        assert_eq!(
            text("\u{0}\u{1f}\u{7f}\u{fffe}\u{ffff}\u{1f600}"),
            "\\u{0}\\u{1f}\u{7f}\\u{fffe}\\u{ffff}\u{1f600}"
        );
    }
}
