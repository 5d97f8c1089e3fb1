//! Datasets through a workbook or CSV files and back: a generated dataset, a harvested pool,
//! and text a spreadsheet would run as a formula.

use std::path::Path;

use serde_json::Value;

use super::*;

#[test]
fn a_generated_dataset_comes_back_the_same_through_a_workbook() {
    let dir = scratch("sheet-generated");
    let original = dir.join("generated.json");
    let generated = pcds()
        .args(["generate", "--releases", "300", "--out"])
        .arg(&original)
        .output()
        .expect("runs");
    assert!(generated.status.success());
    let workbook = dir.join("generated.xlsx");
    let export = pcds()
        .arg("export-sheet")
        .arg(&original)
        .arg("--output")
        .arg(&workbook)
        .output()
        .expect("runs");
    assert_eq!(
        export.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&export.stderr)
    );
    let back = dir.join("back.json");
    let import = pcds()
        .arg("import")
        .arg(&workbook)
        .arg("--output")
        .arg(&back)
        .output()
        .expect("runs");
    assert_eq!(
        import.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&import.stdout)
    );
    let read = |path: &Path| -> Value {
        normalise(&serde_json::from_slice(&std::fs::read(path).expect("reads")).expect("JSON"))
    };
    assert_eq!(read(&back), read(&original));
}

#[test]
fn text_that_a_spreadsheet_would_run_is_guarded_in_csv_and_comes_back() {
    let dir = scratch("sheet-formula");
    let (mut metadata, mut releases) = example("emergency-residential-spot-purchase.json");
    releases[0]["tender"]["description"] =
        Value::String("=HYPERLINK(\"http://example.org\")".into());
    metadata.insert("releases".into(), Value::Array(releases));
    let source = dir.join("source.json");
    std::fs::write(&source, serde_json::to_vec(&metadata).expect("JSON")).expect("writes");
    let csv_dir = dir.join("csv");
    let export = pcds()
        .arg("export-sheet")
        .arg(&source)
        .arg("--csv")
        .arg("--output")
        .arg(&csv_dir)
        .output()
        .expect("runs");
    assert!(
        export.status.success(),
        "{}",
        String::from_utf8_lossy(&export.stderr)
    );
    let referrals = std::fs::read_to_string(csv_dir.join("Referrals.csv")).expect("written");
    assert!(referrals.contains("'=HYPERLINK"), "the formula is guarded");
    let back = dir.join("back.json");
    let import = pcds()
        .arg("import")
        .arg(&csv_dir)
        .arg("-o")
        .arg(&back)
        .output()
        .expect("runs");
    assert!(
        import.status.success(),
        "{}",
        String::from_utf8_lossy(&import.stdout)
    );
    let written: Value =
        serde_json::from_slice(&std::fs::read(&back).expect("reads")).expect("JSON");
    assert_eq!(
        written["releases"][0]["tender"]["description"],
        "=HYPERLINK(\"http://example.org\")"
    );
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
    let export = pcds()
        .arg("export-sheet")
        .arg(dir.join("pool"))
        .arg("-o")
        .arg(&workbook)
        .output()
        .expect("runs");
    assert!(
        export.status.success(),
        "{}",
        String::from_utf8_lossy(&export.stderr)
    );
    let back = dir.join("back.json");
    let import = pcds()
        .arg("import")
        .arg(&workbook)
        .arg("-o")
        .arg(&back)
        .output()
        .expect("runs");
    assert_eq!(
        import.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&import.stdout)
    );
    let written: Value =
        serde_json::from_slice(&std::fs::read(&back).expect("written")).expect("JSON");
    assert_eq!(written["publisher"]["name"], "Synthetic Borough Council");
    assert_eq!(
        normalise(&written["releases"]),
        normalise(&Value::Array(releases)),
        "the pool's releases come back"
    );
}
