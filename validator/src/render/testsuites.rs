//! A JUnit XML document, in the common subset of the schema that CI test reporters (Jenkins,
//! GitLab, GitHub Actions) all read: test suites of test cases, each passed (perhaps with
//! output) or failed.
//!
//! Every JUnit report PCDS writes is one of these, so they share one writer: totals are counted,
//! never written by hand, and all text is escaped by [`super::xml`], so the output is always
//! well-formed.

use std::io::{self, Write};

use super::xml::{attribute, text};

/// A whole run: `<testsuites>`, whose `tests` and `failures` are the totals of its suites.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TestSuites {
    /// The run's name, e.g. `pcds validate`.
    pub name: String,
    /// The suites, in order.
    pub suites: Vec<TestSuite>,
}

/// One `<testsuite>`: a named group of test cases, with optional properties.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TestSuite {
    /// The suite's name.
    pub name: String,
    /// `<property>` name and value pairs, written in order (no `<properties>` when empty).
    pub properties: Vec<(String, String)>,
    /// The test cases, in order.
    pub cases: Vec<TestCase>,
}

/// One `<testcase>`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TestCase {
    /// The `classname`: what the case belongs to.
    pub classname: String,
    /// The case's name, unique within its suite.
    pub name: String,
    /// Whether it passed, and what it says.
    pub outcome: Outcome,
}

/// How a test case ended.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    /// Passed; with text for `<system-out>` when there is something to say.
    Passed(Option<String>),
    /// Failed: `<failure message="…" type="…">detail</failure>`.
    Failed {
        /// The one-line message.
        message: String,
        /// The failure's type, e.g. a rule code.
        kind: Option<String>,
        /// The full explanation.
        detail: String,
    },
}

impl TestSuite {
    /// How many of its cases failed.
    #[must_use]
    pub fn failures(&self) -> usize {
        self.cases
            .iter()
            .filter(|case| matches!(case.outcome, Outcome::Failed { .. }))
            .count()
    }
}

impl TestSuites {
    /// Writes the document as JUnit XML.
    ///
    /// # Errors
    /// When writing fails.
    pub fn write(&self, out: &mut dyn Write) -> io::Result<()> {
        let tests: usize = self.suites.iter().map(|s| s.cases.len()).sum();
        let failures: usize = self.suites.iter().map(TestSuite::failures).sum();
        writeln!(out, r#"<?xml version="1.0" encoding="UTF-8"?>"#)?;
        writeln!(
            out,
            r#"<testsuites name="{}" tests="{tests}" failures="{failures}" errors="0">"#,
            attribute(&self.name)
        )?;
        for suite in &self.suites {
            write_suite(suite, out)?;
        }
        writeln!(out, "</testsuites>")
    }

    /// The document as a string of JUnit XML.
    #[must_use]
    pub fn to_xml(&self) -> String {
        let mut out = Vec::new();
        // Writing to a `Vec` cannot fail, and everything written is UTF-8.
        let _ = self.write(&mut out);
        String::from_utf8(out).unwrap_or_default()
    }
}

fn write_suite(suite: &TestSuite, out: &mut dyn Write) -> io::Result<()> {
    writeln!(
        out,
        r#"  <testsuite name="{}" tests="{}" failures="{}" errors="0" skipped="0">"#,
        attribute(&suite.name),
        suite.cases.len(),
        suite.failures()
    )?;
    if !suite.properties.is_empty() {
        writeln!(out, "    <properties>")?;
        for (name, value) in &suite.properties {
            writeln!(
                out,
                r#"      <property name="{}" value="{}"/>"#,
                attribute(name),
                attribute(value)
            )?;
        }
        writeln!(out, "    </properties>")?;
    }
    for case in &suite.cases {
        let open = format!(
            r#"    <testcase classname="{}" name="{}""#,
            attribute(&case.classname),
            attribute(&case.name)
        );
        match &case.outcome {
            Outcome::Passed(None) => writeln!(out, "{open}/>")?,
            Outcome::Passed(Some(output)) => {
                writeln!(out, "{open}>")?;
                writeln!(out, "      <system-out>{}</system-out>", text(output))?;
                writeln!(out, "    </testcase>")?;
            }
            Outcome::Failed {
                message,
                kind,
                detail,
            } => {
                writeln!(out, "{open}>")?;
                let kind = kind
                    .as_ref()
                    .map_or(String::new(), |k| format!(r#" type="{}""#, attribute(k)));
                writeln!(
                    out,
                    r#"      <failure message="{}"{kind}>{}</failure>"#,
                    attribute(message),
                    text(detail)
                )?;
                writeln!(out, "    </testcase>")?;
            }
        }
    }
    writeln!(out, "  </testsuite>")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn totals_are_counted_and_text_is_escaped() {
        let suites = TestSuites {
            name: "a & b".into(),
            suites: vec![
                TestSuite {
                    name: "one".into(),
                    properties: vec![("k".into(), "<v>".into())],
                    cases: vec![
                        TestCase {
                            classname: "one".into(),
                            name: "passes".into(),
                            outcome: Outcome::Passed(None),
                        },
                        TestCase {
                            classname: "one".into(),
                            name: "fails".into(),
                            outcome: Outcome::Failed {
                                message: "say \"no\"".into(),
                                kind: Some("X-1".into()),
                                detail: "a < b\u{0}".into(),
                            },
                        },
                    ],
                },
                TestSuite {
                    name: "two".into(),
                    properties: Vec::new(),
                    cases: vec![TestCase {
                        classname: "two".into(),
                        name: "notes".into(),
                        outcome: Outcome::Passed(Some("fyi".into())),
                    }],
                },
            ],
        };
        let xml = suites.to_xml();
        let doc = roxmltree::Document::parse(&xml).expect("well-formed");
        let root = doc.root_element();
        assert_eq!(root.attribute("name"), Some("a & b"));
        assert_eq!(root.attribute("tests"), Some("3"));
        assert_eq!(root.attribute("failures"), Some("1"));
        let failure = root
            .descendants()
            .find(|n| n.has_tag_name("failure"))
            .expect("a failure");
        assert_eq!(failure.attribute("message"), Some("say \"no\""));
        assert_eq!(failure.attribute("type"), Some("X-1"));
        assert_eq!(failure.text(), Some("a < b\\u{0}"));
        let property = root
            .descendants()
            .find(|n| n.has_tag_name("property"))
            .expect("a property");
        assert_eq!(property.attribute("value"), Some("<v>"));
        assert!(!xml.contains("<properties>\n    </properties>"));
        let out = root
            .descendants()
            .find(|n| n.has_tag_name("system-out"))
            .expect("output");
        assert_eq!(out.text(), Some("fyi"));
    }
}
