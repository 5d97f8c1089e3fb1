//! Datasets through a workbook or CSV files and back: a generated dataset, a harvested pool,
//! and text a spreadsheet would run as a formula.

use serde_json::Value;

use super::*;

#[test]
fn a_generated_dataset_comes_back_the_same_through_a_workbook() {
    let dir = scratch("sheet-generated");
    let original = dir.join("generated.json");
    let workbook = dir.join("generated.xlsx");
    succeeds(&[
        "generate".as_ref(),
        "--releases".as_ref(),
        "300".as_ref(),
        "--out".as_ref(),
        original.as_os_str(),
    ]);
    succeeds(&[
        "export-sheet".as_ref(),
        original.as_os_str(),
        "--output".as_ref(),
        workbook.as_os_str(),
    ]);
    let back = import_ok(&workbook, &dir.join("back.json"));
    let original: Value =
        serde_json::from_slice(&std::fs::read(&original).expect("reads")).expect("JSON");
    assert_eq!(normalise(&back), normalise(&original));
}

#[test]
fn text_that_a_spreadsheet_would_run_is_guarded_in_csv_and_comes_back() {
    let dir = scratch("sheet-formula");
    let (mut metadata, mut releases) = example("emergency-residential-spot-purchase.json");
    let formula = "=HYPERLINK(\"http://example.org\")";
    releases[0]["tender"]["description"] = Value::String(formula.into());
    metadata.insert("releases".into(), Value::Array(releases));
    let source = dir.join("source.json");
    std::fs::write(&source, serde_json::to_vec(&metadata).expect("JSON")).expect("writes");
    let csv_dir = dir.join("csv");
    succeeds(&[
        "export-sheet".as_ref(),
        source.as_os_str(),
        "--csv".as_ref(),
        "--output".as_ref(),
        csv_dir.as_os_str(),
    ]);
    let referrals = std::fs::read_to_string(csv_dir.join("Referrals.csv")).expect("written");
    assert!(referrals.contains("'=HYPERLINK"), "the formula is guarded");
    let back = import_ok(&csv_dir, &dir.join("back.json"));
    assert_eq!(back["releases"][0]["tender"]["description"], formula);
}

#[test]
fn a_harvested_pool_exports_with_its_publisher_and_imports_back() {
    // A pool as `pcds harvest` leaves it: the releases as JSON Lines beside its state.
    let dir = scratch("sheet-pool");
    let pool = dir.join("pool/127.0.0.1_18481");
    std::fs::create_dir_all(&pool).expect("a pool");
    let (_, releases) = example("placement-release-history.json");
    let lines: String = releases.iter().map(|r| format!("{r}\n")).collect();
    std::fs::write(pool.join("releases.jsonl"), &lines).expect("writes");
    let state = serde_json::json!({
        "source": "http://127.0.0.1:18481/",
        "next": "http://127.0.0.1:18481/feed",
        "lastModified": 0,
        "lastId": "",
        "releasesBytes": lines.len(),
        "rejectedBytes": 0,
        "releases": releases.len(),
        "publicationLevel": "partnership",
        "name": "Synthetic Borough Council"
    });
    std::fs::write(pool.join("state.json"), state.to_string()).expect("writes");
    let workbook = dir.join("pool.xlsx");
    succeeds(&[
        "export-sheet".as_ref(),
        dir.join("pool").as_os_str(),
        "-o".as_ref(),
        workbook.as_os_str(),
    ]);
    let back = import_ok(&workbook, &dir.join("back.json"));
    assert_eq!(back["publisher"]["name"], "Synthetic Borough Council");
    assert_eq!(
        normalise(&back["releases"]),
        normalise(&Value::Array(releases)),
        "the pool's releases come back"
    );
}

#[test]
fn an_import_can_write_json_lines() {
    let dir = scratch("sheet-jsonl");
    let workbook = dir.join("history.xlsx");
    let (_, releases) = example_workbook("placement-release-history.json", &workbook);
    let lines = dir.join("history.jsonl");
    succeeds(&[
        "import".as_ref(),
        workbook.as_os_str(),
        "--jsonl".as_ref(),
        "-o".as_ref(),
        lines.as_os_str(),
    ]);
    let written: Vec<Value> = std::fs::read_to_string(&lines)
        .expect("written")
        .lines()
        .map(|line| serde_json::from_str(line).expect("a release a line"))
        .collect();
    assert_eq!(
        normalise(&Value::Array(written)),
        normalise(&Value::Array(releases))
    );
}
