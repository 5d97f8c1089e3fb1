//! `pcds analyse`: a pool read from every kind of input gives the planted numbers, in every
//! format; bad input and bad flags are refused clearly.

use std::path::{Path, PathBuf};

use serde_json::{Value, json};

use super::{pcds, repo_root, scratch, transcript};

/// The compiled release of an example's only process.
fn compiled(example: &str) -> Value {
    let text = std::fs::read_to_string(repo_root().join("examples").join(example)).expect("reads");
    let package: Value = serde_json::from_str(&text).expect("JSON");
    let releases = package["releases"].as_array().expect("releases").clone();
    pcds::compile(&releases).expect("compiles")
}

/// The emergency spot purchase (a Friday evening referral), as process `n` of `council` at a
/// weekly total of `total`.
fn placement(n: usize, council: &str, total: u32) -> Value {
    let mut release = compiled("emergency-residential-spot-purchase.json");
    let ocid = format!("ocds-pcdsex-pool-{council}-{n:03}");
    release["id"] = json!(format!("{ocid}-01"));
    release["ocid"] = json!(ocid);
    release["tag"] = json!(["tender", "award", "contract"]);
    for party in release["parties"].as_array_mut().expect("parties") {
        if party["details"]["gssCode"].is_string() {
            party["details"]["gssCode"] = json!(council);
        }
    }
    let price = &mut release["contracts"][0]["placement"]["weeklyPrice"];
    price["weeklyTotal"]["amount"] = json!(total);
    price["coreFee"]["value"]["amount"] = json!(total);
    price["additionalServices"] = json!([]);
    release
}

fn package(releases: &[Value]) -> Value {
    json!({
        "uri": "https://example.org/pcds/pool.json", "version": "1.1", "pcdsVersion": "0.2",
        "publicationLevel": "partnership", "publishedDate": "2025-09-01T00:00:00Z",
        "publisher": {"name": "Synthetic pool"}, "releases": releases
    })
}

/// Council A's ten placements as a release package; council B's ten as a harvest directory
/// (its releases twice: in `releases.jsonl` and in `records.json`), with the harvest's state
/// and two refused items.
fn pool(dir: &Path) -> (PathBuf, PathBuf) {
    let a: Vec<Value> = (0..10).map(|n| placement(n, "E08000031", 6000)).collect();
    let b: Vec<Value> = (0..10).map(|n| placement(n, "E08000025", 6600)).collect();
    let a_path = dir.join("council-a.json");
    std::fs::write(&a_path, package(&a).to_string()).expect("writes");
    let harvest = dir.join("harvest/example.org");
    std::fs::create_dir_all(&harvest).expect("creates");
    let lines: String = b.iter().map(|r| format!("{r}\n")).collect();
    std::fs::write(harvest.join("releases.jsonl"), lines).expect("writes");
    let records: Vec<Value> = b
        .iter()
        .map(|r| json!({"ocid": r["ocid"], "releases": [r], "compiledRelease": r}))
        .collect();
    let mut record_package = package(&[]);
    record_package
        .as_object_mut()
        .expect("object")
        .remove("releases");
    record_package["records"] = json!(records);
    std::fs::write(harvest.join("records.json"), record_package.to_string()).expect("writes");
    std::fs::write(
        harvest.join("state.json"),
        r#"{"next": "x", "releases": 10}"#,
    )
    .expect("writes");
    std::fs::write(
        harvest.join("rejected.jsonl"),
        "{\"id\": \"x\", \"errors\": [], \"data\": {}}\n{\"id\": \"y\", \"errors\": [], \"data\": {}}\n",
    )
    .expect("writes");
    (a_path, dir.join("harvest"))
}

fn report(args: &[&str]) -> Value {
    let output = pcds().arg("analyse").args(args).output().expect("runs");
    assert_eq!(output.status.code(), Some(0), "{output:?}");
    serde_json::from_slice(&output.stdout).expect("a JSON report")
}

fn table<'a>(report: &'a Value, id: &str) -> &'a Value {
    report["sections"]
        .as_array()
        .into_iter()
        .flatten()
        .flat_map(|s| s["tables"].as_array().into_iter().flatten())
        .find(|t| t["id"] == id)
        .unwrap_or_else(|| panic!("no table {id}"))
}

#[test]
fn a_pool_of_mixed_inputs_gives_the_planted_spread_and_says_what_it_left_out() {
    let dir = scratch("analyse-pool");
    let (a, harvest) = pool(&dir);
    let (a, harvest) = (a.display().to_string(), harvest.display().to_string());
    let r = report(&[&a, &harvest, "--format", "json"]);
    assert_eq!(r["coverage"]["records"], 20, "{}", r["coverage"]);
    assert_eq!(r["coverage"]["children"], 20);
    assert_eq!(r["coverage"]["councils"], json!(["E08000025", "E08000031"]));
    let excluded = &r["coverage"]["excluded"];
    assert_eq!(
        excluded["releases read twice (counted once)"], 10,
        "{excluded}"
    );
    assert_eq!(excluded["items a harvest refused (rejected.jsonl)"], 2);
    assert_eq!(excluded["harvest state files (state.json)"], 1);

    let rows = table(&r, "differential-pricing-by-setting")["rows"]
        .as_array()
        .expect("rows")
        .clone();
    assert_eq!(rows.len(), 1, "{rows:?}");
    let row = &rows[0]["values"];
    assert_eq!(row["setting"], "SC900501");
    assert_eq!(row["spread"], 600.0);
    assert_eq!(row["spreadPercentage"], 10.0);
    assert_eq!(row["lowestCouncil"], "E08000031");
    assert_eq!(rows[0]["ocids"].as_array().map(Vec::len), Some(20));

    // One more child per cell is needed than either council has: both are suppressed, and the
    // comparison is gone.
    let strict = report(&[&a, &harvest, "--format", "json", "--suppress-below", "11"]);
    let councils = table(&strict, "prices-by-council")["rows"]
        .as_array()
        .expect("rows")
        .clone();
    assert!(
        councils
            .iter()
            .all(|c| c["suppressed"] == true && c["ocids"] == json!([])),
        "{councils:?}"
    );
    assert_eq!(
        table(&strict, "differential-pricing-by-setting")["rows"],
        json!([])
    );

    // A period before any placement started keeps nothing, and says why.
    let early = report(&[&a, "--format", "json", "--to", "2024-12-31"]);
    assert_eq!(early["coverage"]["children"], 0);
    assert_eq!(
        early["coverage"]["excluded"]["children placed outside the period asked for"],
        10
    );
}

#[test]
fn releases_of_one_process_in_different_files_are_compiled_together() {
    let dir = scratch("analyse-split");
    let text = std::fs::read_to_string(repo_root().join("examples/placement-release-history.json"))
        .expect("reads");
    let whole: Value = serde_json::from_str(&text).expect("JSON");
    let releases = whole["releases"].as_array().expect("releases");
    assert!(releases.len() > 2);
    let (first, rest) = releases.split_at(2);
    std::fs::write(dir.join("first.json"), package(first).to_string()).expect("writes");
    let lines: String = rest.iter().rev().map(|r| format!("{r}\n")).collect();
    std::fs::write(dir.join("rest.jsonl"), lines).expect("writes");
    let split = report(&[
        &dir.display().to_string(),
        "--format",
        "json",
        "--suppress-below",
        "1",
    ]);
    let together = report(&[
        &repo_root()
            .join("examples/placement-release-history.json")
            .display()
            .to_string(),
        "--format",
        "json",
        "--suppress-below",
        "1",
    ]);
    assert_eq!(split["coverage"]["records"], 1);
    assert_eq!(
        split["sections"], together["sections"],
        "the same answers however the releases are split"
    );
}

#[test]
fn html_and_csv_reports_are_written_to_a_directory() {
    let dir = scratch("analyse-formats");
    let (a, harvest) = pool(&dir);
    let out = dir.join("report");
    let output = pcds()
        .args(["analyse", "--out"])
        .arg(&out)
        .arg(&a)
        .arg(&harvest)
        .output()
        .expect("runs");
    assert_eq!(output.status.code(), Some(0), "{output:?}");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("analysed 20 records (20 children placed, 2 councils)"),
        "{stderr}"
    );
    let html = std::fs::read_to_string(out.join("report.html")).expect("an HTML report");
    assert!(html.contains("<svg"), "charts are drawn");
    assert!(
        html.contains("default-src 'none'"),
        "the page may load nothing"
    );
    for needle in ["<script", "src=\"http", "href=\"http", "@import", "url("] {
        assert!(!html.contains(needle), "the page refers to {needle}");
    }
    assert!(html.contains("£6,600.00"));

    let csv = dir.join("csv");
    let output = pcds()
        .args(["analyse", "--format", "csv", "--out"])
        .arg(&csv)
        .arg(&a)
        .arg(&harvest)
        .output()
        .expect("runs");
    assert_eq!(output.status.code(), Some(0), "{output:?}");
    let placements = std::fs::read_to_string(csv.join("placements.csv")).expect("placements.csv");
    let mut lines = placements.lines();
    let header = lines.next().expect("a header");
    assert!(
        header.starts_with("ocid,council,provider,setting,placementType,ageBand"),
        "{header}"
    );
    assert_eq!(lines.count(), 20);
    for name in [
        "prices.csv",
        "offers.csv",
        "admissions.csv",
        "differential-pricing-by-setting.csv",
    ] {
        assert!(csv.join(name).is_file(), "{name} is written");
    }
    let spread =
        std::fs::read_to_string(csv.join("differential-pricing-by-setting.csv")).expect("reads");
    assert!(
        spread
            .lines()
            .nth(1)
            .is_some_and(|l| l.contains(",600,10,")),
        "{spread}"
    );
}

#[test]
fn text_a_spreadsheet_would_run_is_defused_in_csv() {
    let dir = scratch("analyse-formula");
    let mut releases: Vec<Value> = (0..2).map(|n| placement(n, "E08000031", 6000)).collect();
    for release in &mut releases {
        release["awards"][0]["suppliers"][0]["id"] = json!("=HYPERLINK(\"http://x\")");
    }
    std::fs::write(dir.join("p.json"), package(&releases).to_string()).expect("writes");
    let out = dir.join("csv");
    let output = pcds()
        .args(["analyse", "--format", "csv", "--out"])
        .arg(&out)
        .arg(dir.join("p.json"))
        .output()
        .expect("runs");
    assert_eq!(output.status.code(), Some(0), "{output:?}");
    let placements = std::fs::read_to_string(out.join("placements.csv")).expect("reads");
    assert!(
        placements.contains("\"'=HYPERLINK(\"\"http://x\"\")\""),
        "{placements}"
    );
    assert!(!placements.contains(",=HYPERLINK"), "{placements}");
}

#[test]
fn a_quote_places_a_price_among_like_placements_or_says_too_few() {
    let dir = scratch("analyse-quote");
    let (a, harvest) = pool(&dir);
    let mut command = pcds();
    command
        .args([
            "analyse",
            "quote",
            "--placement-type",
            "childrensHome",
            "--age-band",
            "10to15",
        ])
        .args([
            "--price",
            "6300",
            "--council",
            "E08000031",
            "--quarter",
            "2024-Q1",
        ])
        .arg(&a)
        .arg(&harvest);
    insta::assert_snapshot!(transcript(&mut command));

    let output = pcds()
        .args(["analyse", "quote", "--format", "json", "--offer"])
        .arg(repo_root().join("examples/emergency-residential-spot-purchase.json"))
        .arg(&a)
        .arg(&harvest)
        .output()
        .expect("runs");
    assert_eq!(output.status.code(), Some(0), "{output:?}");
    let quote: Value = serde_json::from_slice(&output.stdout).expect("JSON");
    assert_eq!(quote["request"]["placementType"], "childrensHome");
    assert_eq!(quote["comparisons"][0]["weeklyTotal"]["n"], 20);
    assert_eq!(quote["comparisons"][0]["weeklyTotal"]["median"], 6300.0);
}

#[test]
fn bad_input_and_bad_flags_are_refused_with_a_coded_error() {
    let dir = scratch("analyse-bad");
    let write = |name: &str, bytes: &[u8]| {
        let path = dir.join(name);
        std::fs::write(&path, bytes).expect("writes");
        path.display().to_string()
    };
    let good = package(&[placement(0, "E08000031", 6000)]).to_string();
    let nested = format!("{}{}", "[".repeat(100_000), "]".repeat(100_000));
    let cases: Vec<(Vec<String>, &str)> = vec![
        (
            vec![write("malformed.json", b"{\"releases\": [}")],
            "PCDS-POOL-001",
        ),
        (
            vec![write("truncated.json", &good.as_bytes()[..good.len() / 2])],
            "PCDS-POOL-001",
        ),
        (vec![write("number.json", b"42")], "PCDS-POOL-004"),
        (
            vec![write("nested.json", nested.as_bytes())],
            "PCDS-POOL-001",
        ),
        (
            vec![write("lines.jsonl", b"{\"ocid\": \"x\"}\n\n{oops\n")],
            "line 3",
        ),
        (
            vec![dir.join("missing.json").display().to_string()],
            "PCDS-INPUT-001",
        ),
        (
            vec![
                "--from".into(),
                "2025-13-01".into(),
                write("ok.json", good.as_bytes()),
            ],
            "not a date",
        ),
        (
            vec![
                "--from".into(),
                "2025-06-01".into(),
                "--to".into(),
                "2025-01-01".into(),
                write("ok.json", good.as_bytes()),
            ],
            "is after",
        ),
        (
            vec![
                "--format".into(),
                "csv".into(),
                write("ok.json", good.as_bytes()),
            ],
            "--out DIR",
        ),
        (
            // A directory inside a file cannot be made.
            vec![
                "--out".into(),
                format!("{}/report", write("a-file", b"x")),
                write("ok.json", good.as_bytes()),
            ],
            "cannot create",
        ),
        (vec![write("empty.json", b"")], "PCDS-POOL-001"),
        (
            vec![
                "--suppress-below".into(),
                "0".into(),
                write("ok.json", good.as_bytes()),
            ],
            "--suppress-below",
        ),
        (
            vec![
                "quote".into(),
                "--placement-type".into(),
                "childrenHome".into(),
                "--age-band".into(),
                "10to15".into(),
                write("ok.json", good.as_bytes()),
            ],
            "did you mean `childrensHome`",
        ),
        (
            vec!["quote".into(), write("ok.json", good.as_bytes())],
            "--placement-type",
        ),
        (
            vec![
                "quote".into(),
                "--placement-type".into(),
                "childrensHome".into(),
                "--age-band".into(),
                "10to15".into(),
                "--price=-5".into(),
                write("ok.json", good.as_bytes()),
            ],
            "positive",
        ),
    ];
    // The releases' temporary store goes here, and must be gone after every refusal.
    let store = dir.join("tmp");
    std::fs::create_dir_all(&store).expect("creates");
    for (args, expected) in cases {
        let output = pcds()
            .arg("analyse")
            .args(&args)
            .env("TMPDIR", &store)
            .output()
            .expect("runs");
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert_eq!(output.status.code(), Some(2), "{args:?}: {stderr}");
        assert!(
            stderr.contains(expected),
            "{args:?}: expected {expected} in {stderr}"
        );
        assert!(!stderr.contains("panicked"), "{args:?}: {stderr}");
        assert!(
            output.stdout.is_empty(),
            "{args:?}: nothing is written on an error"
        );
        let left: Vec<_> = std::fs::read_dir(&store).expect("reads").collect();
        assert!(
            left.is_empty(),
            "{args:?}: the temporary store is left behind: {left:?}"
        );
    }
}

#[test]
fn a_release_line_longer_than_any_release_is_refused_before_it_is_parsed() {
    let dir = scratch("analyse-long");
    let path = dir.join("long.jsonl");
    let mut line = vec![b' '; pcds_cli::pool::MAX_RELEASE_BYTES + 10];
    line.push(b'\n');
    std::fs::write(&path, line).expect("writes");
    let output = pcds().arg("analyse").arg(&path).output().expect("runs");
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("PCDS-POOL-002") && stderr.contains("line 1"),
        "{stderr}"
    );
}

#[test]
fn the_html_report_renders_its_charts_in_chromium_and_loads_nothing() {
    let dir = scratch("analyse-browser");
    let (a, harvest) = pool(&dir);
    let out = dir.join("report");
    let output = pcds()
        .args(["analyse", "--suppress-below", "5", "--out"])
        .arg(&out)
        .arg(&a)
        .arg(&harvest)
        .arg(repo_root().join("examples"))
        .output()
        .expect("runs");
    assert_eq!(output.status.code(), Some(0), "{output:?}");
    super::browser();
    let screenshot = dir.join("report.png");
    let browser = std::process::Command::new("node")
        .arg(repo_root().join("tools/browser/check-report.mjs"))
        .arg(out.join("report.html"))
        .arg(&screenshot)
        .output()
        .expect("node runs");
    assert!(
        browser.status.success(),
        "{}",
        String::from_utf8_lossy(&browser.stderr)
    );
    let seen: Value = serde_json::from_slice(&browser.stdout).expect("what the page did");
    assert_eq!(seen["requests"], json!([]), "the report loads nothing");
    assert_eq!(seen["errors"], json!([]), "no page errors");
    assert_eq!(seen["console"], json!([]), "nothing on the console");
    let charts = seen["charts"].as_u64().expect("a count");
    assert!(charts >= 10, "{seen}");
    assert_eq!(
        seen["drawnCharts"], seen["charts"],
        "every chart is drawn: {seen}"
    );
    assert_eq!(seen["viewportWidth"], 1280);
    assert!(
        seen["scrollWidth"].as_u64().is_some_and(|w| w <= 1280),
        "the page fits 1280 px without scrolling sideways: {seen}"
    );
    let png = std::fs::read(&screenshot).expect("a screenshot");
    assert!(
        png.starts_with(b"\x89PNG") && png.len() > 50_000,
        "{} bytes",
        png.len()
    );
}

#[test]
fn every_table_and_csv_column_is_documented() {
    let mut docs = String::new();
    for entry in
        std::fs::read_dir(repo_root().join("docs/src/analysis")).expect("the analysis pages")
    {
        docs.push_str(&std::fs::read_to_string(entry.expect("an entry").path()).expect("reads"));
    }
    let r = report(&[
        &repo_root().join("examples").display().to_string(),
        "--format",
        "json",
    ]);
    let mut ids = 0;
    for section in r["sections"].as_array().expect("sections") {
        for table in section["tables"].as_array().expect("tables") {
            let id = table["id"].as_str().expect("an id");
            assert!(
                docs.contains(&format!("`{id}`")),
                "docs/src/analysis says nothing of `{id}`"
            );
            ids += 1;
        }
    }
    assert!(ids >= 30, "{ids} tables");
    let dir = scratch("analyse-columns");
    let output = pcds()
        .args(["analyse", "--format", "csv", "--out"])
        .arg(&dir)
        .arg(repo_root().join("examples"))
        .output()
        .expect("runs");
    assert_eq!(output.status.code(), Some(0), "{output:?}");
    let tables =
        std::fs::read_to_string(repo_root().join("docs/src/analysis/tables.md")).expect("reads");
    for name in [
        "placements.csv",
        "prices.csv",
        "offers.csv",
        "admissions.csv",
    ] {
        assert!(
            tables.contains(&format!("## {name}")),
            "tables.md has no section for {name}"
        );
        let text = std::fs::read_to_string(dir.join(name)).expect("a fact table");
        for column in text.lines().next().expect("a header").split(',') {
            assert!(
                tables.contains(&format!("`{column}`")),
                "tables.md does not describe `{column}` of {name}"
            );
        }
    }
}

#[test]
fn a_pool_larger_than_the_memory_allowed_is_analysed_release_by_release() {
    // Fifty releases of 1.5 MB each: a reader that held the input would need more memory than
    // the 70 MB of address space the command is allowed here (the binary itself maps 38 MB).
    let dir = scratch("analyse-memory");
    let releases: Vec<Value> = (0..50)
        .map(|n| {
            let mut release = placement(n, "E08000031", 6000);
            release["padding"] = json!("x".repeat(1_500_000));
            release
        })
        .collect();
    let path = dir.join("large.json");
    std::fs::write(&path, package(&releases).to_string()).expect("writes");
    assert!(std::fs::metadata(&path).expect("a file").len() > 75_000_000);
    let output = std::process::Command::new("bash")
        .arg("-c")
        .arg("ulimit -v 70000 && exec \"$0\" \"$@\"")
        .arg(env!("CARGO_BIN_EXE_pcds"))
        .args(["analyse", "--format", "json"])
        .arg(&path)
        .env("TMPDIR", &dir)
        .output()
        .expect("runs");
    assert_eq!(
        output.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let report: Value = serde_json::from_slice(&output.stdout).expect("a JSON report");
    assert_eq!(report["coverage"]["records"], 50);
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn json_lines_are_read_from_standard_input_and_under_any_name() {
    let dir = scratch("analyse-stdin");
    let lines: String = (0..3)
        .map(|n| format!("{}\n", placement(n, "E08000031", 6000)))
        .collect();
    let named = dir.join("releases.json");
    std::fs::write(&named, &lines).expect("writes");
    for args in [vec!["-".to_owned()], vec![named.display().to_string()]] {
        let output = pcds()
            .args(["analyse", "--format", "json"])
            .args(&args)
            .write_stdin(lines.clone())
            .output()
            .expect("runs");
        assert_eq!(output.status.code(), Some(0), "{args:?}: {output:?}");
        let report: Value = serde_json::from_slice(&output.stdout).expect("a JSON report");
        assert_eq!(report["coverage"]["records"], 3, "{args:?}");
    }
    // A pretty-printed package on standard input is still one document.
    let pretty = serde_json::to_string_pretty(&package(&[placement(0, "E08000031", 6000)]))
        .expect("serialises");
    let output = pcds()
        .args(["analyse", "--format", "json", "-"])
        .write_stdin(pretty)
        .output()
        .expect("runs");
    assert_eq!(output.status.code(), Some(0), "{output:?}");
    let report: Value = serde_json::from_slice(&output.stdout).expect("a JSON report");
    assert_eq!(report["coverage"]["records"], 1);
}
