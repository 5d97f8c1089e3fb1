//! Running the corpus against an implementation, and running an external implementation.

use std::collections::{BTreeMap, BTreeSet};
use std::io::{Read, Write};
use std::process::{Command, Stdio};
use std::sync::mpsc;
use std::thread;
use std::time::Duration;

use serde::Serialize;
use serde_json::Value;

use pcds_validator::FindingId;

use crate::case::{Case, Level};

/// Something that checks PCDS documents: this crate's users plug in the reference validator,
/// or any program through [`External`].
pub trait Implementation {
    /// The implementation's name, for reports.
    fn name(&self) -> String;

    /// Checks a case's input at the case's level, returning every finding as code and pointer.
    ///
    /// # Errors
    /// When the implementation fails to give an answer (it crashed, timed out or printed
    /// something that is not the protocol's JSON).
    fn check(&self, case: &Case) -> Result<Vec<FindingId>, String>;
}

/// The result of one case.
#[derive(Debug, Clone, Serialize)]
pub struct CaseResult {
    /// The case's id.
    pub id: String,
    /// The case's class.
    pub class: String,
    /// What the case tests.
    pub description: String,
    /// The specification section it tests.
    pub spec: String,
    /// Whether the implementation reported exactly the expected findings.
    pub passed: bool,
    /// The findings expected.
    pub expected: BTreeSet<FindingId>,
    /// The findings reported, or why there was no answer.
    pub actual: Result<BTreeSet<FindingId>, String>,
}

impl CaseResult {
    /// Findings expected but not reported.
    #[must_use]
    pub fn missing(&self) -> Vec<&FindingId> {
        match &self.actual {
            Ok(actual) => self.expected.difference(actual).collect(),
            Err(_) => self.expected.iter().collect(),
        }
    }

    /// Findings reported but not expected.
    #[must_use]
    pub fn unexpected(&self) -> Vec<&FindingId> {
        match &self.actual {
            Ok(actual) => actual.difference(&self.expected).collect(),
            Err(_) => Vec::new(),
        }
    }
}

/// Passed and failed counts of one class.
#[derive(Debug, Clone, Copy, Default, Serialize)]
pub struct Tally {
    /// Cases passed.
    pub passed: usize,
    /// Cases failed.
    pub failed: usize,
}

/// The result of a run of the corpus.
#[derive(Debug, Clone, Serialize)]
pub struct RunResult {
    /// The implementation run.
    pub implementation: String,
    /// Counts per class.
    pub classes: BTreeMap<String, Tally>,
    /// Every case's result, in corpus order.
    pub cases: Vec<CaseResult>,
}

impl RunResult {
    /// Whether every case passed.
    #[must_use]
    pub fn passed(&self) -> bool {
        self.cases.iter().all(|c| c.passed)
    }

    /// The cases that failed.
    pub fn failures(&self) -> impl Iterator<Item = &CaseResult> {
        self.cases.iter().filter(|c| !c.passed)
    }
}

/// Runs every case against an implementation.
#[must_use]
pub fn run(cases: &[Case], implementation: &dyn Implementation) -> RunResult {
    let mut classes: BTreeMap<String, Tally> = BTreeMap::new();
    let mut results = Vec::new();
    for case in cases {
        let expected = case.expected_set();
        let actual = implementation
            .check(case)
            .map(|found| found.into_iter().collect::<BTreeSet<_>>());
        let passed = actual.as_ref().is_ok_and(|a| *a == expected);
        let tally = classes.entry(case.class.clone()).or_default();
        if passed {
            tally.passed += 1;
        } else {
            tally.failed += 1;
        }
        results.push(CaseResult {
            id: case.id.clone(),
            class: case.class.clone(),
            description: case.description.clone(),
            spec: case.spec.clone(),
            passed,
            expected,
            actual,
        });
    }
    RunResult {
        implementation: implementation.name(),
        classes,
        cases: results,
    }
}

/// Any program that checks PCDS documents, run once per case through `sh -c`.
///
/// The protocol: the case's input arrives on standard input (or, if the command contains `{}`,
/// in a temporary file whose path replaces `{}`), the level to check at is in the environment
/// variable `PCDS_LEVEL` (`open`, `partnership`, or empty), and the program prints its findings
/// as JSON on standard output: a list of `{"code": …, "pointer": …}` objects, or an object with
/// such a list under `findings`, or the output of `pcds validate --format json`. The exit status
/// is ignored.
#[derive(Debug, Clone)]
pub struct External {
    /// The shell command.
    pub command: String,
    /// How long one case may take.
    pub timeout: Duration,
}

impl Implementation for External {
    fn name(&self) -> String {
        self.command.clone()
    }

    fn check(&self, case: &Case) -> Result<Vec<FindingId>, String> {
        let input = case.input();
        let level = match case.level {
            Some(Level::Open) => "open",
            Some(Level::Partnership) => "partnership",
            None => "",
        };
        let temporary = self.command.contains("{}").then(|| {
            std::env::temp_dir().join(format!("pcds-case-{}-{}.json", std::process::id(), case.id))
        });
        let command = match &temporary {
            Some(path) => {
                std::fs::write(path, &input)
                    .map_err(|e| format!("cannot write the case to a temporary file: {e}"))?;
                self.command.replace("{}", &path.display().to_string())
            }
            None => self.command.clone(),
        };
        let result = run_command(
            &command,
            level,
            if temporary.is_some() {
                Vec::new()
            } else {
                input
            },
            self.timeout,
        );
        if let Some(path) = temporary {
            let _ = std::fs::remove_file(path);
        }
        parse_findings(&result?)
    }
}

fn run_command(
    command: &str,
    level: &str,
    input: Vec<u8>,
    timeout: Duration,
) -> Result<Vec<u8>, String> {
    let mut child = Command::new("sh")
        .arg("-c")
        .arg(command)
        .env("PCDS_LEVEL", level)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .map_err(|e| format!("cannot start the implementation: {e}"))?;
    let mut stdin = child.stdin.take();
    let writer = thread::spawn(move || {
        if let Some(stdin) = stdin.as_mut() {
            let _ = stdin.write_all(&input);
        }
    });
    let mut stdout = child
        .stdout
        .take()
        .ok_or("the implementation's output is not readable")?;
    let (sender, receiver) = mpsc::channel();
    thread::spawn(move || {
        let mut output = Vec::new();
        let _ = stdout.read_to_end(&mut output);
        let _ = sender.send(output);
    });
    let output = match receiver.recv_timeout(timeout) {
        Ok(output) => output,
        Err(_) => {
            let _ = child.kill();
            let _ = child.wait();
            return Err(format!("no answer within {} seconds", timeout.as_secs()));
        }
    };
    let _ = writer.join();
    let _ = child.wait();
    Ok(output)
}

/// Reads an implementation's findings in any of the protocol's shapes.
///
/// # Errors
/// When the output is not one of them.
pub fn parse_findings(output: &[u8]) -> Result<Vec<FindingId>, String> {
    let value: Value =
        serde_json::from_slice(output).map_err(|e| format!("the output is not JSON: {e}"))?;
    let list = match &value {
        Value::Array(_) => &value,
        Value::Object(object) if object.contains_key("findings") => &object["findings"],
        Value::Object(object) if object.contains_key("inputs") => &object["inputs"][0]["findings"],
        _ => {
            return Err(
                "the output is neither a list of findings nor an object with `findings`".into(),
            );
        }
    };
    let items = list.as_array().ok_or("`findings` is not a list")?;
    items
        .iter()
        .map(|item| {
            let code = item
                .get("code")
                .and_then(Value::as_str)
                .ok_or("a finding has no `code` string")?;
            let pointer = item
                .get("pointer")
                .and_then(Value::as_str)
                .unwrap_or_default();
            Ok(FindingId {
                code: code.to_owned().into(),
                pointer: pointer.to_owned(),
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::parse_findings;

    #[test]
    fn reads_every_shape_of_the_protocol() {
        let list = br#"[{"code": "PCDS-REF-001", "pointer": "/releases/0"}]"#;
        let object = br#"{"findings": [{"code": "PCDS-REF-001", "pointer": "/releases/0"}]}"#;
        let pcds = br#"{"inputs": [{"findings": [{"code": "PCDS-REF-001", "pointer": "/releases/0", "line": 3}]}]}"#;
        for output in [&list[..], &object[..], &pcds[..]] {
            let findings = parse_findings(output).expect("reads");
            assert_eq!(findings.len(), 1);
            assert_eq!(findings[0].code, "PCDS-REF-001");
        }
        assert!(parse_findings(b"not json").is_err());
        assert!(parse_findings(br#"{"errors": []}"#).is_err());
        assert!(parse_findings(br#"[{"pointer": "/x"}]"#).is_err());
    }
}
