//! `pcds rules` and `pcds explain`.

use insta::assert_snapshot;

use super::{pcds, transcript};

#[test]
fn rules_lists_every_code() {
    let output = pcds().arg("rules").output().expect("runs");
    assert_eq!(output.status.code(), Some(0));
    let text = String::from_utf8_lossy(&output.stdout);
    for rule in pcds_validator::rules::ALL {
        assert!(text.contains(rule.code), "{} is not listed", rule.code);
    }
    let json = pcds()
        .args(["rules", "--format", "json"])
        .output()
        .expect("runs");
    let rules: serde_json::Value = serde_json::from_slice(&json.stdout).expect("JSON");
    assert_eq!(
        rules.as_array().map(Vec::len),
        Some(pcds_validator::rules::ALL.len())
    );
}

#[test]
fn explain_describes_one_rule() {
    assert_snapshot!(transcript(pcds().args(["explain", "PCDS-PRICE-001"])));
    let short = pcds()
        .args(["explain", "price-001"])
        .output()
        .expect("runs");
    assert_eq!(
        short.status.code(),
        Some(0),
        "codes may be given without the prefix, in any case"
    );
}

#[test]
fn explain_suggests_a_code_for_a_typo() {
    assert_snapshot!(transcript(pcds().args(["explain", "PCDS-PRCE-001"])));
}

#[test]
fn no_progress_bar_is_drawn_into_a_pipe() {
    // Large enough for a bar on a terminal; here stderr is a pipe, so nothing is drawn.
    let dir = super::scratch("progress");
    let path = dir.join("large.json");
    let generated = pcds()
        .args(["generate", "--releases", "3000", "--out"])
        .arg(&path)
        .output()
        .expect("runs");
    assert!(
        generated.status.success(),
        "{}",
        String::from_utf8_lossy(&generated.stderr)
    );
    assert!(
        std::fs::metadata(&path).expect("written").len() > 8 << 20,
        "the file is over the progress threshold"
    );
    let output = pcds().arg("validate").arg(&path).output().expect("runs");
    assert_eq!(
        output.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&output.stdout)
    );
    assert!(
        output.stderr.is_empty(),
        "stderr: {}",
        String::from_utf8_lossy(&output.stderr)
    );
}
