//! Rare combinations of child attributes (`PCDS-PRIV-010`) on the command line: an input too
//! small to judge says so in every format that carries notes, and `--rare-combination-minimum`
//! judges an input known to be a whole dataset.

use serde_json::Value;

use super::{pcds, repo_root};

fn validate(args: &[&str]) -> std::process::Output {
    pcds()
        .arg("validate")
        .args(args)
        .arg(repo_root().join("examples/sibling-group-foster-placement.json"))
        .output()
        .expect("runs")
}

#[test]
fn a_small_input_says_rare_combinations_were_not_judged() {
    let human = validate(&[]);
    assert_eq!(human.status.code(), Some(0));
    let text = String::from_utf8_lossy(&human.stdout);
    assert!(
        text.contains("note: PCDS-PRIV-010 not judged: this input describes 3 children, and rare combinations are judged over 10 or more"),
        "{text}"
    );
    let json = validate(&["--format", "json"]);
    let report: Value = serde_json::from_slice(&json.stdout).expect("JSON");
    assert_eq!(
        report["inputs"][0]["notJudged"][0]["code"], "PCDS-PRIV-010",
        "{report}"
    );
    let sarif = validate(&["--format", "sarif"]);
    let log: Value = serde_json::from_slice(&sarif.stdout).expect("SARIF");
    assert_eq!(
        log["runs"][0]["invocations"][0]["toolExecutionNotifications"][0]["associatedRule"]["id"],
        "PCDS-PRIV-010"
    );
}

#[test]
fn a_whole_dataset_is_judged_however_small() {
    let judged = validate(&["--format", "json", "--rare-combination-minimum", "1"]);
    assert_eq!(judged.status.code(), Some(0), "warnings do not fail");
    let report: Value = serde_json::from_slice(&judged.stdout).expect("JSON");
    let input = &report["inputs"][0];
    assert!(input.get("notJudged").is_none(), "{input}");
    let rare = input["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .filter(|f| f["code"] == "PCDS-PRIV-010")
        .count();
    // Three siblings of different ages: each stands out.
    assert_eq!(rare, 3, "{input}");
    assert_eq!(
        validate(&["--rare-combination-minimum", "1", "--fail-on", "warning"])
            .status
            .code(),
        Some(1)
    );
}

#[test]
fn a_minimum_that_is_not_a_count_of_children_is_refused() {
    for bad in ["0", "-1", "ten", "99999999999", ""] {
        let flag = format!("--rare-combination-minimum={bad}");
        let output = validate(&[&flag]);
        assert_eq!(output.status.code(), Some(2), "{bad}: {output:?}");
        assert!(
            String::from_utf8_lossy(&output.stderr).contains("--rare-combination-minimum"),
            "{bad}"
        );
    }
}
