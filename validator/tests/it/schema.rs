//! `pcds schema`: writes the generated files, and checks them with a diff.

use std::path::Path;
use std::process::Output;

use super::{pcds, repo_root, scratch};

/// Runs `pcds schema` (with `--check` when asked) on a spec directory and a conformance
/// directory.
fn schema(spec: &Path, conformance: &Path, check: bool) -> Output {
    let mut command = pcds();
    command.arg("schema");
    if check {
        command.arg("--check");
    }
    command
        .arg("--spec-dir")
        .arg(spec)
        .arg("--conformance-dir")
        .arg(conformance)
        .output()
        .expect("runs")
}

#[test]
fn the_committed_spec_is_up_to_date() {
    let output = schema(
        &repo_root().join("spec"),
        &repo_root().join("conformance"),
        true,
    );
    assert_eq!(
        output.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&output.stdout)
    );
}

#[test]
fn the_conformance_files_default_to_beside_the_spec() {
    let output = pcds()
        .args(["schema", "--check", "--spec-dir"])
        .arg(repo_root().join("spec"))
        .output()
        .expect("runs");
    assert_eq!(
        output.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&output.stdout)
    );
}

#[test]
fn a_hand_edit_is_caught_with_a_diff() {
    let dir = scratch("schema-check");
    let conformance = dir.join("conformance");
    let written = schema(&dir, &conformance, false);
    assert_eq!(written.status.code(), Some(0));
    assert!(String::from_utf8_lossy(&written.stdout).starts_with("wrote "));

    let csv = dir.join("codelists/urgency.csv");
    let text = std::fs::read_to_string(&csv).expect("reads");
    std::fs::write(&csv, text.replace("Emergency (same day)", "Emergency")).expect("edits");
    let output = schema(&dir, &conformance, true);
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert_eq!(output.status.code(), Some(1), "{stdout}");
    assert!(
        stdout.contains("stale: spec/codelists/urgency.csv"),
        "{stdout}"
    );
    assert!(
        stdout.contains("-emergency,Emergency,")
            && stdout.contains("+emergency,Emergency (same day),"),
        "{stdout}"
    );

    std::fs::write(conformance.join("classes.json"), "[]\n").expect("edits");
    let output = schema(&dir, &conformance, true);
    assert!(String::from_utf8_lossy(&output.stdout).contains("stale: conformance/classes.json"));
}

#[test]
fn an_unwritable_spec_dir_is_an_input_error() {
    let dir = scratch("schema-unwritable");
    let file = dir.join("not-a-directory");
    std::fs::write(&file, "").expect("writes");
    let output = schema(&file, &dir.join("conformance"), false);
    assert_eq!(output.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&output.stderr).starts_with("error: cannot access"));
}
