//! The conformance suite: the corpus is well-formed and complete, this validator passes it,
//! and a broken implementation is caught case by case.

use std::collections::BTreeSet;

use pcds_conformance::{Case, load};
use pcds_validator::rules::ALL;
use serde_json::json;

use super::{pcds, repo_root, scratch};

fn corpus() -> Vec<Case> {
    load(&repo_root().join("conformance/cases")).unwrap_or_else(|e| panic!("{e}"))
}

#[test]
fn every_case_file_is_valid_against_the_case_schema() {
    let schema: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(repo_root().join("conformance/case-schema.json"))
            .expect("the case schema"),
    )
    .expect("JSON");
    let validator = jsonschema::options()
        .with_draft(jsonschema::Draft::Draft202012)
        .should_validate_formats(true)
        .build(&schema)
        .expect("compiles");
    let mut count = 0;
    for class in std::fs::read_dir(repo_root().join("conformance/cases")).expect("cases") {
        for file in std::fs::read_dir(class.expect("entry").path()).expect("class directory") {
            let path = file.expect("entry").path();
            let case: serde_json::Value =
                serde_json::from_str(&std::fs::read_to_string(&path).expect("reads"))
                    .expect("JSON");
            let errors: Vec<String> = validator
                .iter_errors(&case)
                .map(|e| format!("{e} at {}", e.instance_path()))
                .collect();
            assert!(errors.is_empty(), "{}: {errors:?}", path.display());
            count += 1;
        }
    }
    assert!(count > 150, "the corpus has only {count} cases");
}

#[test]
fn every_rule_has_a_failing_and_a_passing_case() {
    let cases = corpus();
    let mut missing = Vec::new();
    for rule in ALL {
        let anchor = format!("#{}", rule.code.to_lowercase());
        let failing = cases
            .iter()
            .any(|c| c.expected.findings.iter().any(|f| f.code == rule.code));
        let passing = cases.iter().any(|c| {
            c.spec.ends_with(&anchor) && c.expected.findings.iter().all(|f| f.code != rule.code)
        });
        if !failing || !passing {
            missing.push(format!(
                "{} (failing: {failing}, passing: {passing})",
                rule.code
            ));
        }
    }
    assert!(missing.is_empty(), "rules without cases: {missing:?}");
}

#[test]
fn this_validator_passes_every_case() {
    let output = pcds()
        .current_dir(repo_root())
        .args(["conformance", "run"])
        .output()
        .expect("runs");
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert_eq!(output.status.code(), Some(0), "{stdout}");
    assert!(stdout.contains(" 0 failed\n"), "{stdout}");
}

#[test]
fn a_broken_implementation_is_caught_case_by_case() {
    // A validator that never reports PCDS-PRICE-001: this one, with that rule filtered out.
    let dir = scratch("broken-impl");
    let script = dir.join("broken.sh");
    let binary = assert_cmd::cargo::cargo_bin("pcds");
    std::fs::write(
        &script,
        format!(
            "#!/bin/sh\nlevel=\"\"\n[ -n \"$PCDS_LEVEL\" ] && level=\"--level $PCDS_LEVEL\"\n'{}' validate --format json $level - | python3 -c 'import json,sys; r=json.load(sys.stdin); print(json.dumps([f for f in r[\"inputs\"][0][\"findings\"] if f[\"code\"] != \"PCDS-PRICE-001\"]))'\n",
            binary.display()
        ),
    )
    .expect("writes the script");
    let certificate_dir = dir.join("certificate");
    let unnamed = pcds()
        .current_dir(repo_root())
        .args(["conformance", "run", "--impl"])
        .arg(format!("sh '{}'", script.display()))
        .arg("--certificate")
        .arg(&certificate_dir)
        .output()
        .expect("runs");
    assert_eq!(unnamed.status.code(), Some(2), "{unnamed:?}");
    assert!(String::from_utf8_lossy(&unnamed.stderr).contains("--impl-name"));
    let output = pcds()
        .current_dir(repo_root())
        .args(["conformance", "run", "--format", "json", "--impl"])
        .arg(format!("sh '{}'", script.display()))
        .args(["--impl-name", "Broken Exporter 1.0", "--certificate"])
        .arg(&certificate_dir)
        .env("SOURCE_DATE_EPOCH", "1764583200")
        .output()
        .expect("runs");
    assert_eq!(
        output.status.code(),
        Some(1),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    a_certificate_names_what_failed_and_verify_checks_its_corpus(&certificate_dir, &dir);
    let result: serde_json::Value = serde_json::from_slice(&output.stdout).expect("JSON");
    let failed: BTreeSet<String> = result["cases"]
        .as_array()
        .expect("cases")
        .iter()
        .filter(|c| c["passed"] == false)
        .map(|c| c["id"].as_str().unwrap_or_default().to_owned())
        .collect();
    let expected: BTreeSet<String> = corpus()
        .into_iter()
        .filter(|c| {
            c.expected
                .findings
                .iter()
                .any(|f| f.code == "PCDS-PRICE-001")
        })
        .map(|c| c.id)
        .collect();
    assert!(!expected.is_empty());
    assert_eq!(failed, expected);
    for case in result["cases"]
        .as_array()
        .expect("cases")
        .iter()
        .filter(|c| c["passed"] == false)
    {
        assert!(
            case["missing"]
                .as_array()
                .is_some_and(|m| m.iter().any(|f| f["code"] == "PCDS-PRICE-001")),
            "{case}"
        );
    }
}

/// The certificate of the run of an implementation blind to PCDS-PRICE-001: pricing failed
/// with its cases listed, every other class passed, a statement naming the implementation and
/// the corpus, and `verify` passing on the corpus and failing on a copy with one byte changed.
fn a_certificate_names_what_failed_and_verify_checks_its_corpus(
    certificate_dir: &std::path::Path,
    scratch_dir: &std::path::Path,
) {
    let path = certificate_dir.join("conformance-certificate.json");
    let certificate: serde_json::Value =
        serde_json::from_slice(&std::fs::read(&path).expect("written")).expect("JSON");
    assert_eq!(certificate["implementation"], "Broken Exporter 1.0");
    assert_eq!(certificate["checkedAt"], "2025-12-01T10:00:00Z");
    assert_eq!(certificate["corpus"]["cases"], corpus().len());
    let status = |id: &str| {
        certificate["classes"]
            .as_array()
            .expect("classes")
            .iter()
            .find(|c| c["id"] == id)
            .unwrap_or_else(|| panic!("no class {id}"))
            .clone()
    };
    let pricing = status("pricing");
    assert_eq!(pricing["status"], "failed");
    let failing = corpus()
        .iter()
        .filter(|c| {
            c.expected
                .findings
                .iter()
                .any(|f| f.code == "PCDS-PRICE-001")
        })
        .count();
    assert_eq!(pricing["failed"], failing);
    assert!(
        pricing["failures"][0]["missing"][0]
            .as_str()
            .is_some_and(|m| m.starts_with("PCDS-PRICE-001")),
        "{pricing}"
    );
    for id in ["core", "framework", "outcomes", "open-data"] {
        assert_eq!(status(id)["status"], "passed", "{id}");
    }
    let statement = certificate["statement"].as_str().expect("a statement");
    assert!(
        statement.starts_with(
            "Implementation Broken Exporter 1.0 passes the conformance classes core, framework, outcomes, open-data of PCDS"
        ) && statement.contains("; it fails pricing. Checked on 2025-12-01 by pcds"),
        "{statement}"
    );
    let html = std::fs::read_to_string(certificate_dir.join("conformance-certificate.html"))
        .expect("written");
    assert!(html.contains("Broken Exporter 1.0") && html.contains("✘ failed"));

    let verify = |corpus_dir: &std::path::Path| {
        pcds()
            .args(["conformance", "verify"])
            .arg(&path)
            .arg(corpus_dir)
            .output()
            .expect("runs")
    };
    let verified = verify(&repo_root().join("conformance/cases"));
    assert_eq!(verified.status.code(), Some(0), "{verified:?}");
    let copy = scratch_dir.join("cases");
    for entry in walk(&repo_root().join("conformance/cases")) {
        let relative = entry
            .strip_prefix(repo_root().join("conformance/cases"))
            .expect("under the corpus");
        let to = copy.join(relative);
        std::fs::create_dir_all(to.parent().expect("a parent")).expect("creates");
        std::fs::copy(&entry, &to).expect("copies");
    }
    assert_eq!(verify(&copy).status.code(), Some(0));
    let case = walk(&copy).into_iter().next().expect("a case");
    let mut bytes = std::fs::read(&case).expect("reads");
    bytes.push(b'\n');
    std::fs::write(&case, bytes).expect("writes");
    let changed = verify(&copy);
    assert_eq!(changed.status.code(), Some(1), "{changed:?}");
    assert!(
        String::from_utf8_lossy(&changed.stderr)
            .contains("not the one the certificate was made on")
    );
    let two = pcds()
        .args(["conformance", "verify"])
        .arg(&path)
        .arg(&copy)
        .arg(&case)
        .output()
        .expect("runs");
    assert_eq!(two.status.code(), Some(2), "{two:?}");
}

/// Every file under `dir`, sorted.
fn walk(dir: &std::path::Path) -> Vec<std::path::PathBuf> {
    let mut files = Vec::new();
    for entry in std::fs::read_dir(dir).expect("reads") {
        let path = entry.expect("an entry").path();
        if path.is_dir() {
            files.extend(walk(&path));
        } else {
            files.push(path);
        }
    }
    files.sort();
    files
}

#[test]
fn run_reports_render_for_ci() {
    let dir = scratch("conformance-formats");
    for (format, marker) in [
        ("junit", "<testsuites name=\"pcds conformance\""),
        ("markdown", "## PCDS conformance"),
        ("json", "\"implementation\""),
    ] {
        let path = dir.join(format!("result.{format}"));
        let output = pcds()
            .current_dir(repo_root())
            .args([
                "conformance",
                "run",
                "--class",
                "pricing",
                "--format",
                format,
                "--output",
            ])
            .arg(&path)
            .output()
            .expect("runs");
        assert_eq!(output.status.code(), Some(0));
        assert!(
            std::fs::read_to_string(&path)
                .expect("written")
                .contains(marker),
            "{format}"
        );
    }
    let unknown = pcds()
        .current_dir(repo_root())
        .args(["conformance", "run", "--class", "pricey"])
        .output()
        .expect("runs");
    assert_eq!(unknown.status.code(), Some(2));
}

#[test]
fn a_dataset_report_says_which_classes_are_met() {
    let dir = scratch("conformance-report");
    let output = pcds()
        .current_dir(repo_root())
        .args([
            "conformance",
            "report",
            "examples/framework-establishment-with-suspension.json",
            "--out",
        ])
        .arg(&dir)
        .output()
        .expect("runs");
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert_eq!(output.status.code(), Some(0), "{stdout}");
    assert_eq!(
        stdout.trim(),
        "core ✔, pricing ✔, framework ✔, outcomes —, open-data ✔"
    );
    let report: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(dir.join("conformance-report.json")).expect("written"),
    )
    .expect("JSON");
    assert_eq!(
        report["classes"][0]["uri"],
        "https://standard.pcds.org.uk/0.2/conformance/core"
    );
    let html = std::fs::read_to_string(dir.join("conformance-report.html")).expect("written");
    assert!(
        html.starts_with("<!doctype html>")
            && html.contains("framework-establishment-with-suspension.json")
    );

    // Partnership data with child detail is not fit for open publication.
    let broken = pcds()
        .current_dir(repo_root())
        .args([
            "conformance",
            "report",
            "validator/src/base-package.json",
            "--out",
        ])
        .arg(&dir)
        .output()
        .expect("runs");
    let line = String::from_utf8_lossy(&broken.stdout);
    assert_eq!(broken.status.code(), Some(1), "{line}");
    assert!(
        line.contains("core ✔") && line.contains("open-data ✘ ("),
        "{line}"
    );
}

#[test]
fn a_report_shows_what_failed_at_which_level_and_verify_catches_a_changed_byte() {
    let dir = scratch("conformance-evidence");
    let data = dir.join("partnership.json");
    std::fs::copy(repo_root().join("validator/src/base-package.json"), &data).expect("copies");
    let out = dir.join("report");
    let output = pcds()
        .env("SOURCE_DATE_EPOCH", "1764583200")
        .args(["conformance", "report", "--out"])
        .arg(&out)
        .arg(&data)
        .output()
        .expect("runs");
    assert_eq!(output.status.code(), Some(1), "{output:?}");
    let said = String::from_utf8_lossy(&output.stderr);
    assert!(
        said.contains("it does not meet open-data. Checked on 2025-12-01 by pcds "),
        "{said}"
    );
    let report: serde_json::Value = serde_json::from_slice(
        &std::fs::read(out.join("conformance-report.json")).expect("written"),
    )
    .expect("JSON");
    assert_eq!(report["checkedAt"], "2025-12-01T10:00:00Z");
    assert_eq!(report["claimedLevel"], "partnership");
    assert_eq!(
        report["inputs"][0]["name"], "partnership.json",
        "no directory"
    );
    assert_eq!(
        report["inputs"][0]["sha256"].as_str().map(str::len),
        Some(64)
    );
    let open = report["classes"]
        .as_array()
        .expect("classes")
        .iter()
        .find(|c| c["id"] == "open-data")
        .expect("the open-data class");
    assert_eq!(open["judgedAt"], "open");
    assert_eq!(open["status"], "not met");
    let group = &open["findings"][0];
    assert_eq!(group["code"], "PCDS-PRIV-009");
    assert_eq!(group["count"], open["errors"]);
    assert_eq!(
        group["locations"][0]["pointer"],
        "/releases/0/tender/referral/children/0/needs"
    );
    let core = &report["classes"][0];
    assert_eq!(
        (&core["judgedAt"], &core["status"]),
        (&json!("partnership"), &json!("met"))
    );
    let html = std::fs::read_to_string(out.join("conformance-report.html")).expect("written");
    insta::assert_snapshot!(html);

    let verify = |file: &std::path::Path| {
        pcds()
            .args(["conformance", "verify"])
            .arg(out.join("conformance-report.json"))
            .arg(file)
            .output()
            .expect("runs")
    };
    let verified = verify(&data);
    assert_eq!(verified.status.code(), Some(0), "{verified:?}");
    assert!(String::from_utf8_lossy(&verified.stderr).starts_with("verified: 1 file(s)"));
    let mut bytes = std::fs::read(&data).expect("reads");
    let last = bytes.len() - 2;
    bytes[last] ^= 1;
    std::fs::write(&data, bytes).expect("writes");
    let changed = verify(&data);
    assert_eq!(changed.status.code(), Some(1), "one changed byte is caught");
    assert!(
        String::from_utf8_lossy(&changed.stderr)
            .contains("`partnership.json` has changed since it was checked")
    );
    let garbage = dir.join("garbage.json");
    std::fs::write(&garbage, "{\"checkedAt\": 3}").expect("writes");
    let refused = pcds()
        .args(["conformance", "verify"])
        .arg(&garbage)
        .arg(&data)
        .output()
        .expect("runs");
    assert_eq!(refused.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&refused.stderr).contains("is not a conformance report"));
}

#[test]
fn conformance_usage_and_input_errors() {
    let missing = pcds()
        .args(["conformance", "run", "--cases", "no/such/corpus"])
        .output()
        .expect("runs");
    assert_eq!(missing.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&missing.stderr).contains("cannot read `no/such/corpus`"));
    let stdin = pcds()
        .args(["conformance", "report", "-"])
        .output()
        .expect("runs");
    assert_eq!(stdin.status.code(), Some(2));
    // An implementation that answers nothing fails every case, with the reason.
    let silent = pcds()
        .current_dir(repo_root())
        .args([
            "conformance",
            "run",
            "--class",
            "outcomes",
            "--impl",
            "true",
        ])
        .output()
        .expect("runs");
    assert_eq!(silent.status.code(), Some(1));
    let stdout = String::from_utf8_lossy(&silent.stdout);
    let outcomes = corpus().iter().filter(|c| c.class == "outcomes").count();
    assert!(
        stdout.contains("no answer: the output is not JSON")
            && stdout.contains(&format!("0 passed, {outcomes} failed")),
        "{stdout}"
    );
    // A broken case file is refused with its path.
    let dir = scratch("broken-corpus");
    std::fs::create_dir_all(dir.join("core")).expect("creates");
    std::fs::write(dir.join("core/bad-case.json"), r#"{"id": "other-name", "description": "x", "class": "core", "spec": "https://example.org/", "document": {}, "expected": {"valid": true, "findings": []}}"#).expect("writes");
    let broken = pcds()
        .args(["conformance", "run", "--cases"])
        .arg(&dir)
        .output()
        .expect("runs");
    assert_eq!(broken.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&broken.stderr).contains("differs from its file name"));
}

#[test]
fn generate_refuses_an_empty_package() {
    assert_eq!(
        pcds()
            .args(["generate", "--releases", "0"])
            .output()
            .expect("runs")
            .status
            .code(),
        Some(2)
    );
}
