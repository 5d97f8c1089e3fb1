//! `pcds validate`: exit codes, findings and hostile input.

use insta::assert_snapshot;

use super::{pcds, repo_root, scratch, transcript};

#[test]
fn the_examples_are_valid() {
    let output = pcds()
        .arg("validate")
        .arg(repo_root().join("examples"))
        .output()
        .expect("runs");
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert_eq!(output.status.code(), Some(0), "{stdout}");
    assert!(stdout.contains("0 failed"), "{stdout}");
}

#[test]
fn a_valid_release_passes() {
    assert_snapshot!(transcript(
        pcds().args(["validate", "tests/fixtures/valid-release.json"])
    ));
}

#[test]
fn schema_errors_are_reported_with_code_and_pointer_and_exit_1() {
    assert_snapshot!(transcript(
        pcds().args(["validate", "tests/fixtures/invalid-release-package.json"])
    ));
}

#[test]
fn findings_as_json_are_machine_readable() {
    let output = pcds()
        .args([
            "validate",
            "--format",
            "json",
            "tests/fixtures/invalid-release-package.json",
            "tests/fixtures/valid-release.json",
        ])
        .output()
        .expect("runs");
    assert_eq!(output.status.code(), Some(1));
    let report: serde_json::Value = serde_json::from_slice(&output.stdout).expect("stdout is JSON");
    assert_eq!(report["files"], 2);
    assert_eq!(report["failed"], 1);
    let findings = report["reports"][0]["findings"]
        .as_array()
        .expect("findings");
    assert!(
        findings
            .iter()
            .all(|f| f["code"] == "PCDS-SCHEMA-001" && f["severity"] == "error")
    );
    let pointers: Vec<&str> = findings
        .iter()
        .filter_map(|f| f["pointer"].as_str())
        .collect();
    for expected in [
        "",
        "/releases/0/ocid",
        "/releases/0/tag/0",
        "/releases/0/tender/evaluation/priceWeighting",
    ] {
        assert!(
            pointers.contains(&expected),
            "no finding at `{expected}` in {pointers:?}"
        );
    }
    assert_eq!(report["reports"][1]["valid"], true);
}

#[test]
fn truncated_json_is_a_located_parse_error() {
    assert_snapshot!(transcript(
        pcds().args(["validate", "tests/fixtures/truncated.json"])
    ));
}

#[test]
fn a_json_value_that_is_no_document_is_reported() {
    assert_snapshot!(transcript(
        pcds().args(["validate", "tests/fixtures/wrong-type.json"])
    ));
}

#[test]
fn a_missing_path_is_an_input_error_with_exit_2() {
    assert_snapshot!(transcript(
        pcds().args(["validate", "tests/fixtures/no-such-file.json"])
    ));
}

#[test]
fn a_directory_without_json_is_an_input_error() {
    let dir = scratch("empty-dir");
    let output = pcds().arg("validate").arg(&dir).output().expect("runs");
    assert_eq!(output.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&output.stderr).contains("no `.json` files found"));
}

#[test]
fn usage_errors_exit_2() {
    assert_eq!(
        pcds().arg("validate").output().expect("runs").status.code(),
        Some(2)
    );
    assert_eq!(
        pcds()
            .args(["validate", "--format", "xml", "x.json"])
            .output()
            .expect("runs")
            .status
            .code(),
        Some(2)
    );
    assert_eq!(
        pcds()
            .arg("frobnicate")
            .output()
            .expect("runs")
            .status
            .code(),
        Some(2)
    );
}

#[test]
fn help_documents_the_exit_codes() {
    let output = pcds().args(["validate", "--help"]).output().expect("runs");
    assert_eq!(output.status.code(), Some(0));
    let help = String::from_utf8_lossy(&output.stdout);
    for line in [
        "0  every document passed",
        "1  findings at or above",
        "2  usage, input or internal error",
    ] {
        assert!(help.contains(line), "--help lacks `{line}`:\n{help}");
    }
}

/// Hostile and broken inputs each give a coded parse finding and exit 1: never a panic, never a
/// crash.
#[test]
fn hostile_inputs_give_coded_errors_not_panics() {
    let dir = scratch("hostile");
    let cases: Vec<(&str, Vec<u8>)> = vec![
        ("empty", Vec::new()),
        ("invalid-utf8", b"{\"uri\": \"\xff\xfe\"}".to_vec()),
        (
            "deeply-nested",
            format!("{}{}", "[".repeat(100_000), "]".repeat(100_000)).into_bytes(),
        ),
        (
            "huge-number",
            b"{\"releases\": [{\"ocid\": 1e999}]}".to_vec(),
        ),
        ("trailing-garbage", b"{} {}".to_vec()),
        ("nul-bytes", b"\0\0\0".to_vec()),
    ];
    for (name, bytes) in cases {
        let path = dir.join(format!("{name}.json"));
        std::fs::write(&path, bytes).expect("writes the case");
        let output = pcds()
            .args(["validate", "--format", "json"])
            .arg(&path)
            .output()
            .expect("runs");
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert_eq!(output.status.code(), Some(1), "{name}: {stderr}");
        assert!(!stderr.contains("panicked"), "{name} panicked: {stderr}");
        let report: serde_json::Value =
            serde_json::from_slice(&output.stdout).expect("stdout is JSON");
        let finding = &report["reports"][0]["findings"][0];
        assert_eq!(finding["code"], "PCDS-PARSE-001", "{name}: {finding}");
        assert!(
            finding["line"].as_u64().is_some(),
            "{name}: a parse error has a line: {finding}"
        );
    }
}

#[test]
fn duplicate_keys_do_not_crash() {
    let dir = scratch("duplicate-keys");
    let path = dir.join("duplicate.json");
    std::fs::write(
        &path,
        br#"{"ocid": "ocds-pcdsex-a-1", "ocid": "ocds-pcdsex-a-2", "tag": ["tender"]}"#,
    )
    .expect("writes");
    let output = pcds().arg("validate").arg(&path).output().expect("runs");
    assert_eq!(
        output.status.code(),
        Some(1),
        "{}",
        String::from_utf8_lossy(&output.stdout)
    );
}
