//! The engine's own guarantees, on the standard's examples.

use std::path::Path;

use super::{Options, RunTotals, Validator};
use crate::Severity;

fn examples() -> Vec<(String, Vec<u8>)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../examples");
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .expect("the examples directory is readable")
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .collect();
    files.sort();
    files
        .into_iter()
        .map(|p| {
            let name = p.file_name().map(|n| n.to_string_lossy().into_owned());
            (name.unwrap_or_default(), std::fs::read(&p).expect("reads"))
        })
        .collect()
}

fn with_threads(threads: usize) -> Validator {
    Validator::with_options(Options {
        level: None,
        threads: Some(threads),
        max_findings: None,
        rare_combination_minimum: None,
    })
    .expect("the schemas compile")
}

/// A document with findings of several layers, in two JSON Lines units, so order matters.
const BROKEN: &str = concat!(
    r#"{"ocid": "ocds-pcdsex-1", "id": "1", "date": "2026-01-01T00:00:00Z", "tag": ["tender"], "initiationType": "tender"}"#,
    "\n",
    r#"{"ocid": "ocds-pcdsex-1", "id": "1", "date": "not a date", "tag": ["nonsense"]}"#,
    "\n"
);

#[test]
fn one_thread_finds_what_many_threads_find_in_the_same_order() {
    let serial = with_threads(1);
    let parallel = with_threads(3);
    let mut inputs = examples();
    assert!(inputs.len() >= 5, "the examples are present");
    inputs.push(("broken.jsonl".into(), BROKEN.as_bytes().to_vec()));
    // Every example's releases as JSON Lines too: each line is analysed by a worker.
    let lines: Vec<u8> = examples()
        .iter()
        .flat_map(|(_, bytes)| {
            let package: serde_json::Value = serde_json::from_slice(bytes).expect("JSON");
            package["releases"]
                .as_array()
                .into_iter()
                .flatten()
                .map(|r| format!("{r}\n"))
                .collect::<Vec<_>>()
        })
        .collect::<String>()
        .into_bytes();
    inputs.push(("examples.jsonl".into(), lines));
    for (name, bytes) in &inputs {
        let a = serial
            .check_reader(name, bytes.as_slice(), &mut RunTotals::default())
            .expect("reads");
        let b = parallel
            .check_reader(name, bytes.as_slice(), &mut RunTotals::default())
            .expect("reads");
        assert_eq!(a.findings, b.findings, "{name}");
        assert_eq!(a.releases, b.releases, "{name}");
        assert_eq!(a.kind, b.kind, "{name}");
    }
    let broken = serial
        .check_reader("broken.jsonl", BROKEN.as_bytes(), &mut RunTotals::default())
        .expect("reads");
    assert!(broken.findings.len() >= 2, "{:?}", broken.findings);
}

#[test]
fn a_report_judges_one_input_as_the_command_line_does() {
    let validator = with_threads(1);
    let report = validator
        .report("broken.jsonl", BROKEN.as_bytes(), Severity::Warning)
        .expect("reads");
    assert_eq!(report.inputs.len(), 1);
    assert_eq!(report.summary.inputs, 1);
    assert_eq!(report.summary.fail_on, Some(Severity::Warning));
    assert!(report.failed());
    assert_eq!(report.summary.ocids, 1);
}

#[test]
fn a_capped_report_keeps_the_first_findings_and_counts_the_rest() {
    let input = "{}\n".repeat(50);
    let check = |max_findings| {
        Validator::with_options(Options {
            threads: Some(2),
            max_findings,
            ..Options::default()
        })
        .expect("the schemas compile")
        .check_reader("lines", input.as_bytes(), &mut RunTotals::default())
        .expect("reads")
    };
    let whole = check(None);
    let capped = check(Some(10));
    assert_eq!(whole.findings.len(), 50);
    assert!(whole.omitted.is_empty());
    assert_eq!(capped.findings, whole.findings[..10]);
    assert_eq!(capped.omitted_count(), 40);
    assert_eq!(capped.omitted[0].code, whole.findings[0].code);
    assert_eq!(capped.count(Severity::Error), whole.count(Severity::Error));
    assert!(capped.fails(Severity::Error));
}

#[test]
fn a_release_is_judged_in_the_context_of_its_process() {
    let history: serde_json::Value = serde_json::from_slice(
        &std::fs::read(
            Path::new(env!("CARGO_MANIFEST_DIR"))
                .join("../examples/placement-release-history.json"),
        )
        .expect("reads"),
    )
    .expect("JSON");
    let releases = history["releases"].as_array().expect("releases");
    // The contract release repeats its award, which accepts an offer published earlier.
    let mut contract = releases[3].clone();
    contract["awards"][0]["relatedBids"] = serde_json::json!(["bid-02"]);
    let line = format!("{contract}\n");
    let validator = with_threads(1);
    let codes = |context: &crate::ProcessContext| -> Vec<String> {
        validator
            .check_reader_in("stage", line.as_bytes(), &mut RunTotals::default(), context)
            .expect("reads")
            .findings
            .into_iter()
            .filter(|f| f.severity == Severity::Error)
            .map(|f| f.code.into_owned())
            .collect()
    };
    assert_eq!(
        codes(&crate::ProcessContext::new()),
        ["PCDS-REF-008"],
        "alone"
    );
    let mut context = crate::ProcessContext::new();
    for earlier in &releases[..3] {
        context.add(earlier);
    }
    assert_eq!(context.processes(), 1);
    assert!(codes(&context).is_empty(), "in its process");
    // Another process's offers do not count.
    let mut other = crate::ProcessContext::new();
    let mut elsewhere = releases[1].clone();
    elsewhere["ocid"] = serde_json::json!("ocds-pcdsex-bir-2025-9999");
    other.add(&elsewhere);
    other.add(&serde_json::json!({"ocid": 7}));
    assert_eq!(codes(&other), ["PCDS-REF-008"]);
}

/// `n` children, as JSON Lines of one referral each, `distinct` of them with a combination of
/// their own and the rest sharing one.
fn children(n: usize, distinct: usize) -> Vec<u8> {
    let mut text = String::new();
    for i in 0..n {
        let band = if i < distinct { "16to17" } else { "10to15" };
        let council = if i < distinct {
            format!("E0800{:04}", i)
        } else {
            "E08000031".to_owned()
        };
        text.push_str(&format!(
            r#"{{"ocid": "ocds-pcdsex-rare-{i}", "id": "ocds-pcdsex-rare-{i}-01", "date": "2025-03-14T17:45:00Z", "tag": ["tender"], "initiationType": "tender", "processType": "placement", "tender": {{"id": "t", "referral": {{"urgency": "planned", "placementTypesSought": ["fosterCare"], "requestedStartDate": "2025-04-01T00:00:00Z", "children": [{{"key": "child-1", "ageBand": "{band}"}}], "homeCouncil": "{council}"}}}}}}"#
        ));
        text.push('\n');
    }
    text.into_bytes()
}

fn rare_check(minimum: Option<usize>, input: &[u8]) -> crate::report::InputReport {
    Validator::with_options(Options {
        rare_combination_minimum: minimum,
        ..Options::default()
    })
    .expect("the schemas compile")
    .check_reader("rare.jsonl", input, &mut RunTotals::default())
    .expect("reads")
}

fn rare_findings(report: &crate::report::InputReport) -> usize {
    report
        .findings
        .iter()
        .filter(|f| f.code == "PCDS-PRIV-010")
        .count()
}

#[test]
fn rare_combinations_are_judged_or_said_to_be_not_judged_never_silently_skipped() {
    // Four children, one of a kind: too few to judge by default, and the report says so.
    let small = rare_check(None, &children(4, 1));
    assert_eq!(rare_findings(&small), 0);
    assert_eq!(small.not_judged.len(), 1, "{small:?}");
    assert_eq!(small.not_judged[0].code, "PCDS-PRIV-010");
    assert!(
        small.not_judged[0].reason.starts_with(
            "this input describes 4 children, and rare combinations are judged over 10 or more"
        ),
        "{}",
        small.not_judged[0].reason
    );
    // Judged when the input is known to be the whole dataset: the one child stands out; the
    // three who share a combination do not.
    let whole = rare_check(Some(1), &children(4, 1));
    assert!(whole.not_judged.is_empty());
    assert_eq!(rare_findings(&whole), 1, "{:?}", whole.findings);
    // Eleven children, two of a kind: judged by default, each rare child found.
    let large = rare_check(None, &children(11, 2));
    assert!(large.not_judged.is_empty());
    assert_eq!(rare_findings(&large), 2);
    // No child at all: nothing to judge, nothing to say.
    let none = rare_check(None, b"");
    assert!(none.not_judged.is_empty());
}
