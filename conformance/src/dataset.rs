//! A dataset's conformance report: which classes a set of files meets, as evidence a vendor can
//! hand to a council. It names each input by file name and SHA-256 digest (never a local
//! path), says at which publication level each class was judged, lists the findings that
//! failed a class grouped by rule (codes, counts and the first few locations, never a
//! finding's message, so no personal data can surface), and ends with a statement to cite.
//! [`verify`] re-checks a report's digests against the files.

use std::io::Read;

use pcds_validator::{Finding, Severity};
use serde::{Deserialize, Serialize};
use sha2::{Digest as _, Sha256};

use crate::classes::{CLASSES, Class, counts_against};

/// How many locations a rule group lists; all are counted.
pub const LOCATIONS_SHOWN: usize = 5;

/// One input that was checked.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CheckedInput {
    /// Its file name (or the last segment of its URL), without any directory.
    pub name: String,
    /// The SHA-256 digest of its bytes, in lower-case hex.
    pub sha256: String,
    /// Its size in bytes.
    pub bytes: u64,
    /// What kind of document it is (`release package`, …).
    pub kind: Option<String>,
    /// How many releases it holds.
    pub releases: u64,
}

/// Where a finding was: the input, the JSON pointer and the line.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Location {
    /// The input's file name.
    pub input: String,
    /// The JSON pointer.
    pub pointer: String,
    /// The line, when known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub line: Option<usize>,
}

/// The findings of one rule that count against a class.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct RuleGroup {
    /// The rule's code.
    pub code: String,
    /// The rule's title, from the catalogue.
    pub title: String,
    /// `error` or `warning`.
    pub severity: String,
    /// How many findings of the rule there were.
    pub count: usize,
    /// The first [`LOCATIONS_SHOWN`] of them.
    pub locations: Vec<Location>,
}

/// A class's verdict for the dataset.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ClassVerdict {
    /// The class's short name.
    pub id: String,
    /// Its stable URI.
    pub uri: String,
    /// Its title.
    pub title: String,
    /// What meeting it means.
    pub meaning: String,
    /// The publication level the data was judged at for this class: `open` for the open-data
    /// class (judged as if published openly), otherwise the level the data claims.
    pub judged_at: String,
    /// `met`, `not met` or `not applicable` (the data holds nothing the class is about).
    pub status: String,
    /// Errors that count against the class.
    pub errors: usize,
    /// Warnings that count against the class.
    pub warnings: usize,
    /// The findings that failed it (errors) and the warnings against it, grouped by rule.
    pub findings: Vec<RuleGroup>,
}

/// A dataset's conformance report.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct DatasetReport {
    /// When it was checked (RFC 3339, UTC).
    pub checked_at: String,
    /// The tool that checked it, with its version (`pcds 0.1.0`).
    pub tool: String,
    /// The PCDS version the data was judged under.
    pub pcds_version: String,
    /// The level the data claims, if it claims one.
    pub claimed_level: Option<String>,
    /// What was checked.
    pub inputs: Vec<CheckedInput>,
    /// Each class's verdict.
    pub classes: Vec<ClassVerdict>,
    /// A sentence a vendor can cite.
    pub statement: String,
}

/// What the report is built from: the inputs, and the findings of the two checks (at the
/// level the data claims, and as if it were published openly).
#[derive(Debug, Clone)]
pub struct Checked<'a> {
    /// The inputs, in order.
    pub inputs: Vec<CheckedInput>,
    /// The level the data claims.
    pub claimed_level: Option<String>,
    /// Each finding at the claimed level, with the name of its input.
    pub claimed: Vec<(&'a str, &'a Finding)>,
    /// Each finding as open data, with the name of its input.
    pub as_open: Vec<(&'a str, &'a Finding)>,
    /// The ids of the classes the data holds nothing of (no prices for `pricing`, say).
    pub not_applicable: Vec<&'static str>,
}

impl DatasetReport {
    /// Judges every document class against what was checked.
    #[must_use]
    pub fn new(checked: &Checked<'_>, checked_at: String, tool: String) -> DatasetReport {
        let claimed_level = checked.claimed_level.clone();
        let classes: Vec<ClassVerdict> = CLASSES
            .iter()
            .filter(|class| !class.endpoint)
            .map(|class| verdict(class, checked))
            .collect();
        let mut report = DatasetReport {
            checked_at,
            tool,
            pcds_version: pcds::PCDS_VERSION.to_owned(),
            claimed_level,
            inputs: checked.inputs.clone(),
            classes,
            statement: String::new(),
        };
        report.statement = report.statement();
        report
    }

    /// Whether any applicable class is not met.
    #[must_use]
    pub fn failed(&self) -> bool {
        self.classes.iter().any(|c| c.status == "not met")
    }

    /// "Dataset D (SHA-256 X) meets classes A, B under PCDS 0.2; it does not meet C. Checked on
    /// DATE by pcds VERSION."
    fn statement(&self) -> String {
        let names = |status: &str| {
            crate::page::ids_with(
                self.classes
                    .iter()
                    .map(|c| (c.id.as_str(), c.status.as_str())),
                status,
            )
        };
        let inputs = self
            .inputs
            .iter()
            .map(|i| format!("{} (SHA-256 {})", i.name, i.sha256))
            .collect::<Vec<_>>()
            .join(", ");
        let met = names("met");
        let not_met = names("not met");
        let mut statement = format!(
            "Dataset {inputs} meets {} under PCDS {}",
            if met.is_empty() {
                "no conformance class".to_owned()
            } else {
                format!("the conformance classes {met}")
            },
            self.pcds_version
        );
        if !not_met.is_empty() {
            statement.push_str(&format!("; it does not meet {not_met}"));
        }
        statement.push_str(&format!(
            ". Checked on {} by {}.",
            crate::page::day(&self.checked_at),
            self.tool
        ));
        statement
    }
}

fn verdict(class: &Class, checked: &Checked<'_>) -> ClassVerdict {
    let open = class.id == "open-data";
    let source = if open {
        &checked.as_open
    } else {
        &checked.claimed
    };
    let against: Vec<&(&str, &Finding)> = source
        .iter()
        .filter(|(_, f)| f.severity >= Severity::Warning && counts_against(class, &f.code))
        .collect();
    let errors = against
        .iter()
        .filter(|(_, f)| f.severity == Severity::Error)
        .count();
    let warnings = against.len() - errors;
    let mut groups: Vec<RuleGroup> = Vec::new();
    for (input, finding) in &against {
        let group = match groups.iter_mut().find(|g| g.code == finding.code) {
            Some(group) => group,
            None => {
                groups.push(RuleGroup {
                    code: finding.code.to_string(),
                    title: pcds_validator::rules::find(&finding.code)
                        .map_or_else(String::new, |r| r.title.to_owned()),
                    severity: finding.severity.to_string(),
                    count: 0,
                    locations: Vec::new(),
                });
                groups.last_mut().expect("just pushed")
            }
        };
        group.count += 1;
        if group.locations.len() < LOCATIONS_SHOWN {
            group.locations.push(Location {
                input: (*input).to_owned(),
                pointer: finding.pointer.clone(),
                line: finding.line,
            });
        }
    }
    // Errors first, then the most frequent.
    groups.sort_by(|a, b| {
        (b.severity == "error", b.count)
            .cmp(&(a.severity == "error", a.count))
            .then_with(|| a.code.cmp(&b.code))
    });
    let status = if checked.not_applicable.contains(&class.id) {
        "not applicable"
    } else if errors == 0 {
        "met"
    } else {
        "not met"
    };
    ClassVerdict {
        id: class.id.to_owned(),
        uri: class.uri(),
        title: class.title.to_owned(),
        meaning: class.description.to_owned(),
        judged_at: if open {
            "open".to_owned()
        } else {
            checked
                .claimed_level
                .clone()
                .unwrap_or_else(|| "open (no level claimed)".to_owned())
        },
        status: status.to_owned(),
        errors,
        warnings,
        findings: groups,
    }
}

/// A reader that computes the SHA-256 digest of what passes through it, so a file can be
/// read for its content and digested in the same pass.
#[derive(Debug)]
pub struct Digesting<R> {
    inner: R,
    hasher: Sha256,
    length: u64,
}

impl<R: Read> Digesting<R> {
    /// Wraps `inner`.
    pub fn new(inner: R) -> Self {
        Digesting {
            inner,
            hasher: Sha256::new(),
            length: 0,
        }
    }

    /// Reads what is left, then gives the digest of everything read (lower-case hex) and its
    /// length.
    ///
    /// # Errors
    /// When reading fails.
    pub fn finish(mut self) -> std::io::Result<(String, u64)> {
        std::io::copy(&mut self, &mut std::io::sink())?;
        let hex = self
            .hasher
            .finalize()
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect();
        Ok((hex, self.length))
    }
}

impl<R: Read> Read for Digesting<R> {
    fn read(&mut self, buffer: &mut [u8]) -> std::io::Result<usize> {
        let read = self.inner.read(buffer)?;
        self.hasher.update(&buffer[..read]);
        self.length += read as u64;
        Ok(read)
    }
}

/// The SHA-256 digest of everything `reader` gives, in lower-case hex, and its length.
///
/// # Errors
/// When reading fails.
pub fn digest(reader: impl Read) -> std::io::Result<(String, u64)> {
    Digesting::new(reader).finish()
}

/// What [`verify`] found wrong with a report against the files given.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Mismatch {
    /// A file's digest is not the one the report lists for its name.
    Changed {
        /// The file name.
        name: String,
        /// The digest in the report.
        reported: String,
        /// The file's digest now.
        found: String,
    },
    /// A file given is not an input of the report.
    NotInReport(String),
    /// An input of the report was not given.
    NotGiven(String),
}

impl std::fmt::Display for Mismatch {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Mismatch::Changed {
                name,
                reported,
                found,
            } => write!(
                f,
                "`{name}` has changed since it was checked: the report says SHA-256 {reported}, the file is {found}"
            ),
            Mismatch::NotInReport(name) => {
                write!(f, "`{name}` is not one of the report's inputs")
            }
            Mismatch::NotGiven(name) => write!(
                f,
                "the report's input `{name}` was not given, so it is not verified"
            ),
        }
    }
}

/// Compares a report's inputs with files, given as (file name, SHA-256 digest): every input
/// must be given with the digest the report lists, and nothing else given.
#[must_use]
pub fn verify(report: &DatasetReport, files: &[(String, String)]) -> Vec<Mismatch> {
    let mut mismatches = Vec::new();
    for (name, found) in files {
        match report.inputs.iter().find(|i| &i.name == name) {
            Some(input) if &input.sha256 == found => {}
            Some(input) => mismatches.push(Mismatch::Changed {
                name: name.clone(),
                reported: input.sha256.clone(),
                found: found.clone(),
            }),
            None => mismatches.push(Mismatch::NotInReport(name.clone())),
        }
    }
    for input in &report.inputs {
        if !files.iter().any(|(name, _)| name == &input.name) {
            mismatches.push(Mismatch::NotGiven(input.name.clone()));
        }
    }
    mismatches
}

#[cfg(test)]
mod tests {
    use super::*;

    fn finding(code: &'static str, severity: Severity, pointer: &str) -> Finding {
        let rule = pcds_validator::rules::find(code).expect("a rule");
        let mut f = Finding::new(rule, pointer, "Jamie Smith was named here");
        f.severity = severity;
        f.line = Some(7);
        f
    }

    #[test]
    fn a_class_lists_the_findings_that_failed_it_grouped_without_their_messages() {
        let name = finding(
            "PCDS-PRIV-007",
            Severity::Error,
            "/releases/0/tender/description",
        );
        let more: Vec<Finding> = (0..7)
            .map(|i| {
                finding(
                    "PCDS-PRIV-009",
                    Severity::Error,
                    &format!("/releases/{i}/tender/referral/children/0/needLevel"),
                )
            })
            .collect();
        let mut as_open: Vec<(&str, &Finding)> = vec![("a.json", &name)];
        as_open.extend(more.iter().map(|f| ("a.json", f)));
        let checked = Checked {
            inputs: vec![CheckedInput {
                name: "a.json".into(),
                sha256: "ab".repeat(32),
                bytes: 10,
                kind: Some("release package".into()),
                releases: 8,
            }],
            claimed_level: Some("partnership".into()),
            claimed: Vec::new(),
            as_open,
            not_applicable: Vec::new(),
        };
        let report =
            DatasetReport::new(&checked, "2026-12-01T10:00:00Z".into(), "pcds 0.1.0".into());
        let open = report
            .classes
            .iter()
            .find(|c| c.id == "open-data")
            .expect("the class");
        assert_eq!(
            (open.status.as_str(), open.judged_at.as_str(), open.errors),
            ("not met", "open", 8)
        );
        assert_eq!(open.findings[0].code, "PCDS-PRIV-009");
        assert_eq!(
            (open.findings[0].count, open.findings[0].locations.len()),
            (7, LOCATIONS_SHOWN)
        );
        assert_eq!(open.findings[1].count, 1);
        let core = report
            .classes
            .iter()
            .find(|c| c.id == "core")
            .expect("the class");
        assert_eq!(
            (core.status.as_str(), core.judged_at.as_str()),
            ("met", "partnership")
        );
        assert!(report.failed());
        assert_eq!(
            report.statement,
            format!(
                "Dataset a.json (SHA-256 {}) meets the conformance classes core, pricing, framework, outcomes under PCDS {}; it does not meet open-data. Checked on 2026-12-01 by pcds 0.1.0.",
                "ab".repeat(32),
                pcds::PCDS_VERSION
            )
        );
        let text = serde_json::to_string(&report).expect("serialises");
        assert!(
            !text.contains("Jamie"),
            "no finding's message is in the report"
        );
    }

    #[test]
    fn verification_names_every_changed_missing_and_extra_file() {
        let (digest, length) = digest(&b"hello"[..]).expect("reads");
        assert_eq!(
            digest,
            "2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824"
        );
        assert_eq!(length, 5);
        let input = |name: &str, sha256: &str| CheckedInput {
            name: name.into(),
            sha256: sha256.into(),
            bytes: 5,
            kind: None,
            releases: 0,
        };
        let report = DatasetReport::new(
            &Checked {
                inputs: vec![input("a.json", &digest), input("b.json", &digest)],
                claimed_level: None,
                claimed: Vec::new(),
                as_open: Vec::new(),
                not_applicable: vec!["outcomes"],
            },
            "2026-12-01T10:00:00Z".into(),
            "pcds 0.1.0".into(),
        );
        assert!(
            verify(
                &report,
                &[
                    ("a.json".into(), digest.clone()),
                    ("b.json".into(), digest.clone())
                ]
            )
            .is_empty()
        );
        let wrong = verify(
            &report,
            &[
                ("a.json".into(), "00".repeat(32)),
                ("c.json".into(), digest.clone()),
            ],
        );
        assert_eq!(wrong.len(), 3, "{wrong:?}");
        assert!(matches!(&wrong[0], Mismatch::Changed { name, .. } if name == "a.json"));
        assert_eq!(wrong[1], Mismatch::NotInReport("c.json".into()));
        assert_eq!(wrong[2], Mismatch::NotGiven("b.json".into()));
    }
}
