//! Reports of a run: for people, for programs, for CI test reports, and for a CI job page.

use std::fmt::Write as _;

use pcds_validator::render::testsuites::{Outcome, TestCase, TestSuite, TestSuites};

use crate::classes::CLASSES;
use crate::runner::{CaseResult, RunResult};
use pcds_validator::FindingId;

fn list(findings: &[&FindingId]) -> String {
    if findings.is_empty() {
        return "none".into();
    }
    findings
        .iter()
        .map(ToString::to_string)
        .collect::<Vec<_>>()
        .join(", ")
}

fn why(case: &CaseResult) -> String {
    match &case.actual {
        Err(reason) => format!("no answer: {reason}"),
        Ok(_) => format!(
            "missing: {}; unexpected: {}",
            list(&case.missing()),
            list(&case.unexpected())
        ),
    }
}

/// The run for people: per class counts, then each failing case with expected against actual.
#[must_use]
pub fn human(run: &RunResult) -> String {
    let mut out = format!("Conformance of {}\n\n", run.implementation);
    for class in CLASSES {
        if let Some(tally) = run.classes.get(class.id) {
            let mark = if tally.failed == 0 { "pass" } else { "FAIL" };
            let _ = writeln!(
                out,
                "  {:<10} {mark}  {} passed, {} failed   {}",
                class.id,
                tally.passed,
                tally.failed,
                class.uri()
            );
        }
    }
    let failures: Vec<&CaseResult> = run.failures().collect();
    if !failures.is_empty() {
        let _ = writeln!(out, "\nFailing cases:");
        for case in failures {
            let _ = writeln!(
                out,
                "\n  {}/{}: {}\n    {}",
                case.class,
                case.id,
                case.description,
                why(case)
            );
        }
    }
    let passed = run.cases.iter().filter(|c| c.passed).count();
    let _ = writeln!(
        out,
        "\n{passed} passed, {} failed",
        run.cases.len() - passed
    );
    out
}

/// The run as JSON.
#[must_use]
pub fn json(run: &RunResult) -> String {
    let cases: Vec<serde_json::Value> = run
        .cases
        .iter()
        .map(|case| {
            serde_json::json!({
                "id": case.id, "class": case.class, "passed": case.passed, "spec": case.spec,
                "expected": case.expected,
                "actual": case.actual.as_ref().ok(),
                "error": case.actual.as_ref().err(),
                "missing": case.missing(), "unexpected": case.unexpected(),
            })
        })
        .collect();
    let classes: serde_json::Map<String, serde_json::Value> = CLASSES
        .iter()
        .filter_map(|class| {
            run.classes.get(class.id).map(|t| {
                (
                    class.id.to_owned(),
                    serde_json::json!({"uri": class.uri(), "passed": t.passed, "failed": t.failed}),
                )
            })
        })
        .collect();
    let document = serde_json::json!({ "implementation": run.implementation, "passed": run.passed(), "classes": classes, "cases": cases });
    let mut text = serde_json::to_string_pretty(&document).unwrap_or_default();
    text.push('\n');
    text
}

/// The run as JUnit XML: one test suite per class, one test case per conformance case.
#[must_use]
pub fn junit(run: &RunResult) -> String {
    let suites = CLASSES
        .iter()
        .filter_map(|class| {
            let cases: Vec<TestCase> = run
                .cases
                .iter()
                .filter(|c| c.class == class.id)
                .map(|case| TestCase {
                    classname: case.class.clone(),
                    name: case.id.clone(),
                    outcome: if case.passed {
                        Outcome::Passed(None)
                    } else {
                        Outcome::Failed {
                            message: why(case),
                            kind: None,
                            detail: case.description.clone(),
                        }
                    },
                })
                .collect();
            (!cases.is_empty()).then(|| TestSuite {
                name: class.id.to_owned(),
                properties: Vec::new(),
                cases,
            })
        })
        .collect();
    TestSuites {
        name: "pcds conformance".into(),
        suites,
    }
    .to_xml()
}

/// The run as a Markdown summary, fit for a CI job page.
#[must_use]
pub fn markdown(run: &RunResult) -> String {
    let mut out = format!(
        "## PCDS conformance: `{}`\n\n| Class | Result | Passed | Failed |\n|---|---|---|---|\n",
        run.implementation.replace('`', "'")
    );
    for class in CLASSES {
        if let Some(tally) = run.classes.get(class.id) {
            let mark = if tally.failed == 0 {
                "✅ pass"
            } else {
                "❌ fail"
            };
            let _ = writeln!(
                out,
                "| [{}]({}) | {mark} | {} | {} |",
                class.title,
                class.uri(),
                tally.passed,
                tally.failed
            );
        }
    }
    let failures: Vec<&CaseResult> = run.failures().collect();
    if !failures.is_empty() {
        let _ = writeln!(
            out,
            "\n### Failing cases\n\n| Case | Expected | Actual |\n|---|---|---|"
        );
        for case in failures {
            let expected = case
                .expected
                .iter()
                .map(|f| format!("`{}` {}", f.code, f.pointer))
                .collect::<Vec<_>>()
                .join("<br>");
            let actual = match &case.actual {
                Ok(actual) => actual
                    .iter()
                    .map(|f| format!("`{}` {}", f.code, f.pointer))
                    .collect::<Vec<_>>()
                    .join("<br>"),
                Err(reason) => format!("no answer: {reason}"),
            };
            let _ = writeln!(
                out,
                "| [{}/{}]({}) | {} | {} |",
                case.class,
                case.id,
                case.spec,
                or_none(&expected),
                or_none(&actual)
            );
        }
    }
    out
}

fn or_none(text: &str) -> &str {
    if text.is_empty() { "none" } else { text }
}

#[cfg(test)]
mod tests {
    use std::collections::{BTreeMap, BTreeSet};

    use super::*;

    fn case(id: &str, class: &str, actual: Result<BTreeSet<FindingId>, String>) -> CaseResult {
        let expected: BTreeSet<FindingId> = [FindingId {
            code: "PCDS-REF-001".into(),
            pointer: "/releases/0".into(),
        }]
        .into();
        CaseResult {
            id: id.into(),
            class: class.into(),
            description: format!("{id} & more"),
            spec: String::new(),
            passed: actual.as_ref().is_ok_and(|a| *a == expected),
            expected,
            actual,
        }
    }

    #[test]
    fn junit_has_a_suite_per_class_and_says_why_a_case_failed() {
        let right = case(
            "right",
            "core",
            Ok(case("x", "core", Err(String::new())).expected),
        );
        let run = RunResult {
            implementation: "test".into(),
            classes: BTreeMap::new(),
            cases: vec![
                right,
                case("wrong", "core", Ok(BTreeSet::new())),
                case("silent", "pricing", Err("exit 3".into())),
            ],
        };
        let xml = junit(&run);
        let doc = roxmltree::Document::parse(&xml).expect("well-formed");
        let root = doc.root_element();
        assert_eq!(root.attribute("tests"), Some("3"));
        assert_eq!(root.attribute("failures"), Some("2"));
        let suites: Vec<(&str, &str)> = root
            .children()
            .filter(|n| n.has_tag_name("testsuite"))
            .map(|n| {
                (
                    n.attribute("name").unwrap_or(""),
                    n.attribute("failures").unwrap_or(""),
                )
            })
            .collect();
        assert_eq!(suites, [("core", "1"), ("pricing", "1")]);
        let failures: Vec<(&str, &str)> = root
            .descendants()
            .filter(|n| n.has_tag_name("failure"))
            .map(|n| (n.attribute("message").unwrap_or(""), n.text().unwrap_or("")))
            .collect();
        assert_eq!(
            failures,
            [
                (
                    "missing: PCDS-REF-001 at `/releases/0`; unexpected: none",
                    "wrong & more"
                ),
                ("no answer: exit 3", "silent & more"),
            ]
        );
    }
}
