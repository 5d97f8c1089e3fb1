//! `pcds upgrade`: 0.1 data becomes 0.2 where the meaning is certain, and every decision left to
//! a person is reported with a code; bad input is refused with exit status 2.

use serde_json::{Value, json};

use super::{pcds, scratch};

/// The validator's base document written as 0.1 data would have been.
fn version_0_1() -> Value {
    let mut document: Value =
        serde_json::from_str(pcds_validator::rules::BASE_DOCUMENT).expect("JSON");
    document["pcdsVersion"] = json!("0.1");
    let release = &mut document["releases"][0];
    let child = release["tender"]["referral"]["children"][0]
        .as_object_mut()
        .expect("a child");
    child.remove("key");
    let placement = release["contracts"][0]["placement"]
        .as_object_mut()
        .expect("placement terms");
    placement.remove("childKeys");
    placement.insert("numberOfChildren".into(), json!(1));
    let change = release["contracts"][0]["amendments"][0]["feeChange"]
        .as_object_mut()
        .expect("a fee change");
    for field in ["trigger", "percentage", "appliesTo"] {
        change.remove(field);
    }
    document
}

#[test]
fn certain_changes_are_made_and_decisions_reported() {
    let dir = scratch("upgrade");
    let old = dir.join("old.json");
    let new = dir.join("new.json");
    std::fs::write(&old, version_0_1().to_string()).expect("writes");
    let output = pcds()
        .arg("upgrade")
        .arg(&old)
        .arg("--output")
        .arg(&new)
        .output()
        .expect("runs");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(1), "{stderr}");
    assert!(stderr.contains("note[PCDS-UPGRADE-003]"), "{stderr}");
    assert!(stderr.contains("note[PCDS-UPGRADE-004]"), "{stderr}");
    assert!(
        stderr.contains("at /releases/0/contracts/0/amendments/0/feeChange/trigger"),
        "{stderr}"
    );
    let mut upgraded: Value =
        serde_json::from_slice(&std::fs::read(&new).expect("written")).expect("JSON");
    assert_eq!(upgraded["pcdsVersion"], "0.2");
    let release = &upgraded["releases"][0];
    assert_eq!(
        release["tender"]["referral"]["children"][0]["key"],
        "child-1"
    );
    assert_eq!(
        release["contracts"][0]["placement"]["childKeys"],
        json!(["child-1"])
    );

    // The upgraded file still fails where a person must decide, and passes once they have.
    let status = pcds().arg("validate").arg(&new).output().expect("runs");
    assert_eq!(status.status.code(), Some(1));
    let change = &mut upgraded["releases"][0]["contracts"][0]["amendments"][0]["feeChange"];
    change["trigger"] = json!("annualReview");
    change["percentage"] = json!(3);
    change["appliesTo"] = json!("discountedTotal");
    std::fs::write(&new, upgraded.to_string()).expect("writes");
    let status = pcds().arg("validate").arg(&new).output().expect("runs");
    assert_eq!(
        status.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&status.stdout)
    );
}

#[test]
fn current_data_passes_through_with_nothing_to_decide() {
    let output = pcds()
        .args(["upgrade", "--format", "json", "-"])
        .write_stdin(pcds_validator::rules::BASE_DOCUMENT)
        .output()
        .expect("runs");
    assert_eq!(output.status.code(), Some(0));
    let notes: Value = serde_json::from_slice(&output.stderr).expect("JSON notes");
    assert_eq!(notes["notes"], json!([]));
    assert_eq!(notes["changes"], 0);
    let document: Value = serde_json::from_slice(&output.stdout).expect("JSON");
    let base: Value = serde_json::from_str(pcds_validator::rules::BASE_DOCUMENT).expect("JSON");
    assert_eq!(document, base);
}

#[test]
fn bad_input_is_refused_with_a_clear_error() {
    for (what, input, code) in [
        ("malformed", "{\"releases\": [}", "PCDS-PARSE-001"),
        (
            "truncated",
            "{\"releases\": [{\"ocid\": \"ocds-",
            "PCDS-PARSE-001",
        ),
        ("wrongly typed", "42", "PCDS-DOC-001"),
        ("empty", "", "PCDS-PARSE-001"),
    ] {
        let output = pcds()
            .args(["upgrade", "-"])
            .write_stdin(input)
            .output()
            .expect("runs");
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert_eq!(output.status.code(), Some(2), "{what}: {stderr}");
        assert!(
            stderr.starts_with(&format!("error: {code}: ")),
            "{what}: {stderr}"
        );
        assert!(
            stderr.contains("`-`"),
            "{what}: the error names the input: {stderr}"
        );
        assert!(output.stdout.is_empty(), "{what}: nothing is written");
    }
    let output = pcds()
        .args(["upgrade", "no-such-file.json"])
        .output()
        .expect("runs");
    assert_eq!(output.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&output.stderr).contains("PCDS-INPUT-001"));
}

#[test]
fn an_oversized_input_is_refused_before_it_is_parsed() {
    let output = pcds()
        .args(["upgrade", "--max-size", "100", "-"])
        .write_stdin(pcds_validator::rules::BASE_DOCUMENT)
        .output()
        .expect("runs");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(2), "{stderr}");
    assert!(stderr.contains("PCDS-INPUT-005"), "{stderr}");
    assert!(output.stdout.is_empty());
    // A wrongly typed flag is a usage error.
    let output = pcds()
        .args(["upgrade", "--max-size", "lots", "-"])
        .output()
        .expect("runs");
    assert_eq!(output.status.code(), Some(2));
}
