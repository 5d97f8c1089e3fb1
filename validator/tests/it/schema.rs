//! `pcds schema`: writes the generated files, and checks them with a diff.

use super::{pcds, repo_root, scratch};

#[test]
fn the_committed_spec_is_up_to_date() {
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
    let written = pcds()
        .args(["schema", "--spec-dir"])
        .arg(&dir)
        .arg("--conformance-dir")
        .arg(dir.join("conformance"))
        .output()
        .expect("runs");
    assert_eq!(written.status.code(), Some(0));
    assert!(String::from_utf8_lossy(&written.stdout).starts_with("wrote "));

    let csv = dir.join("codelists/urgency.csv");
    let text = std::fs::read_to_string(&csv).expect("reads");
    std::fs::write(&csv, text.replace("Emergency (same day)", "Emergency")).expect("edits");

    let output = pcds()
        .args(["schema", "--check", "--spec-dir"])
        .arg(&dir)
        .arg("--conformance-dir")
        .arg(dir.join("conformance"))
        .output()
        .expect("runs");
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert_eq!(output.status.code(), Some(1), "{stdout}");
    assert!(
        stdout.contains("stale: spec/codelists/urgency.csv"),
        "{stdout}"
    );

    std::fs::write(dir.join("conformance/classes.json"), "[]\n").expect("edits");
    let output = pcds()
        .args(["schema", "--check", "--spec-dir"])
        .arg(&dir)
        .arg("--conformance-dir")
        .arg(dir.join("conformance"))
        .output()
        .expect("runs");
    assert!(String::from_utf8_lossy(&output.stdout).contains("stale: conformance/classes.json"));
    assert!(
        stdout.contains("-emergency,Emergency,")
            && stdout.contains("+emergency,Emergency (same day),"),
        "{stdout}"
    );
}

#[test]
fn an_unwritable_spec_dir_is_an_input_error() {
    let dir = scratch("schema-unwritable");
    let file = dir.join("not-a-directory");
    std::fs::write(&file, "").expect("writes");
    let output = pcds()
        .args(["schema", "--spec-dir"])
        .arg(&file)
        .arg("--conformance-dir")
        .arg(dir.join("conformance"))
        .output()
        .expect("runs");
    assert_eq!(output.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&output.stderr).starts_with("error: cannot access"));
}
