//! `pcds schema`: writes the generated files, and checks them with a diff.

use std::path::Path;
use std::process::Output;

use super::{pcds, repo_root, scratch};

/// Runs `pcds schema` (with `--check` when asked) on a spec directory, with the conformance
/// files in `conformance` and the reference pages in `reference/` beside it.
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
        .arg("--reference-dir")
        .arg(conformance.with_file_name("reference"))
        .output()
        .expect("runs")
}

/// The committed files are up to date, whether the conformance and reference directories are
/// named or left to default to their places beside `spec/`.
#[test]
fn the_committed_spec_is_up_to_date() {
    let root = repo_root();
    let explicit = [
        "--conformance-dir".into(),
        root.join("conformance").into_os_string(),
        "--reference-dir".into(),
        root.join("docs/src/reference").into_os_string(),
    ];
    for extra in [&explicit[..], &[]] {
        let output = pcds()
            .args(["schema", "--check", "--spec-dir"])
            .arg(root.join("spec"))
            .args(extra)
            .output()
            .expect("runs");
        assert_eq!(
            output.status.code(),
            Some(0),
            "{}",
            String::from_utf8_lossy(&output.stdout)
        );
    }
}

#[test]
fn a_hand_edit_is_caught_with_a_diff() {
    let root = scratch("schema-check");
    let (dir, conformance) = (root.join("spec"), root.join("conformance"));
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
    std::fs::write(root.join("reference/objects/Handmade.md"), "# Handmade\n").expect("adds");
    let output = schema(&dir, &conformance, true);
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(
        stdout.contains("stale: conformance/classes.json"),
        "{stdout}"
    );
    assert!(
        stdout.contains("stale: docs/src/reference/objects/Handmade.md"),
        "{stdout}"
    );
    assert_eq!(schema(&dir, &conformance, false).status.code(), Some(0));
    assert!(
        !dir.join("reference/objects/Handmade.md").exists(),
        "stale pages are removed"
    );
    assert_eq!(schema(&dir, &conformance, true).status.code(), Some(0));
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

/// The site's table of contents, `SUMMARY.md`, is generated from `SUMMARY.template.md` two
/// directories above the reference pages, and checked like every other generated file.
#[test]
fn the_summary_is_generated_from_its_template() {
    let root = scratch("schema-summary");
    let docs = root.join("docs");
    std::fs::create_dir_all(docs.join("src")).expect("creates the docs directory");
    let template = docs.join("SUMMARY.template.md");
    std::fs::write(
        &template,
        format!(
            "# Summary\n\n[Introduction](introduction.md)\n\n# Reference\n\n{}\n",
            pcds::reference::SUMMARY_MARKER
        ),
    )
    .expect("writes the template");
    let run = |check: bool| {
        let mut command = pcds();
        command.arg("schema");
        if check {
            command.arg("--check");
        }
        command
            .arg("--spec-dir")
            .arg(root.join("spec"))
            .arg("--reference-dir")
            .arg(docs.join("src/reference"))
            .output()
            .expect("runs")
    };
    assert_eq!(run(false).status.code(), Some(0));
    let summary = docs.join("src/SUMMARY.md");
    let written = std::fs::read_to_string(&summary).expect("SUMMARY.md is written");
    assert!(
        written.contains("[Introduction](introduction.md)"),
        "{written}"
    );
    assert!(
        written.contains("    - [Referral](reference/objects/Referral.md)"),
        "{written}"
    );
    assert!(docs.join("src/reference/rules.md").is_file());
    assert!(
        docs.join("src/reference/spec/schema/release-package-schema.json")
            .is_file()
    );
    assert_eq!(run(true).status.code(), Some(0));

    std::fs::write(&summary, written.replace("Referral", "Handmade")).expect("edits");
    let output = run(true);
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert_eq!(output.status.code(), Some(1), "{stdout}");
    assert!(stdout.contains("stale: docs/src/SUMMARY.md"), "{stdout}");

    std::fs::write(&template, "# Summary\n").expect("removes the marker");
    let output = run(false);
    assert_eq!(output.status.code(), Some(2));
    assert!(
        String::from_utf8_lossy(&output.stderr).contains("SUMMARY.template.md"),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
}
