//! `pcds import` of a workbook: each planted error at its cell, in every format, and the
//! template filled in as an officer would.

use pcds_sheet::Layout;
use serde_json::Value;

use super::*;

#[test]
fn each_planted_error_is_reported_at_its_sheet_row_and_column() {
    let dir = scratch("sheet-planted");
    let (workbook, expected) = planted(&dir);
    let out = dir.join("package.json");
    let output = pcds()
        .args([
            "import",
            &workbook.display().to_string(),
            "--format",
            "json",
            "--output",
        ])
        .arg(&out)
        .output()
        .expect("runs");
    assert_eq!(
        output.status.code(),
        Some(1),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(!out.exists(), "nothing is written when there are errors");
    let report: Value = serde_json::from_slice(&output.stdout).expect("a JSON report");
    let findings = report["inputs"][0]["findings"]
        .as_array()
        .expect("findings");
    let mut got: Vec<(String, String)> = findings
        .iter()
        .map(|f| {
            (
                f["code"].as_str().unwrap_or_default().to_owned(),
                f["cell"]["reference"]
                    .as_str()
                    .unwrap_or("(no cell)")
                    .to_owned(),
            )
        })
        .collect();
    got.sort();
    let mut want = expected;
    want.sort();
    assert_eq!(
        got,
        want,
        "{}",
        serde_json::to_string_pretty(findings).unwrap_or_default()
    );
    for finding in findings {
        let cell = &finding["cell"];
        assert!(cell["sheet"].is_string() && cell["row"].is_u64() && cell["column"].is_string());
    }
}

#[test]
fn every_report_format_names_the_cell_and_none_repeats_the_name() {
    let dir = scratch("sheet-formats");
    let (workbook, expected) = planted(&dir);
    let (_, privacy_cell) = expected
        .iter()
        .find(|(code, _)| code.starts_with("PCDS-PRIV"))
        .expect("a privacy finding")
        .clone();
    for format in ["human", "json", "sarif", "junit"] {
        let output = pcds()
            .args([
                "import",
                &workbook.display().to_string(),
                "--format",
                format,
                "--output",
            ])
            .arg(dir.join("package.json"))
            .output()
            .expect("runs");
        let stdout = String::from_utf8_lossy(&output.stdout);
        assert!(
            stdout.contains(&privacy_cell),
            "{format} names the cell:\n{stdout}"
        );
        assert!(
            !stdout.contains("Jamie") && !stdout.contains("Smith"),
            "{format} repeats the name"
        );
    }
}

#[test]
fn a_filled_in_template_imports_to_a_package_that_validates() {
    // The template's own CSV files, filled in as an officer would: their own references, no
    // release ids, the prefix and publisher given to the importer.
    let dir = scratch("sheet-filled");
    let template = repo_root().join("spec/template/csv");
    let layout = Layout::new();
    let filled = dir.join("filled");
    std::fs::create_dir_all(&filled).expect("a directory");
    let rows: &[(&str, &[(&str, &str)])] = &[
        ("Package", &[]),
        (
            "Parties",
            &[
                ("id", "GB-LAE-BIR"),
                ("name", "Synthetic Borough Council"),
                ("roles[]", "buyer; procuringEntity"),
                ("identifier/scheme", "GB-LAE"),
                ("identifier/id", "BIR"),
            ],
        ),
        (
            "Parties",
            &[
                ("id", "GB-COH-00000001"),
                ("name", "Elmfield Fostering Ltd"),
                ("roles[]", "tenderer; supplier"),
                ("identifier/scheme", "GB-COH"),
                ("identifier/id", "00000001"),
                ("details/providerType", "private"),
            ],
        ),
        (
            "Releases",
            &[
                ("buyer/id", "GB-LAE-BIR"),
                ("buyer/name", "Synthetic Borough Council"),
            ],
        ),
        (
            "Referrals",
            &[
                ("id", "referral"),
                ("title", "Foster placement"),
                ("status", "complete"),
                ("referral/urgency", "planned"),
                ("referral/placementTypesSought[]", "fosterCare"),
                ("referral/homeCouncil", "E08000025"),
                ("referral/requestedStartDate", "2025-03-04T10:00:00Z"),
            ],
        ),
        ("Children", &[("key", "child-1"), ("ageBand", "5to9")]),
        (
            "Awards",
            &[
                ("id", "award-1"),
                ("status", "active"),
                ("date", "2025-03-03T10:00:00Z"),
                ("suppliers[]/id", "GB-COH-00000001"),
                ("suppliers[]/name", "Elmfield Fostering Ltd"),
            ],
        ),
        (
            "Placements",
            &[
                ("id", "ipa-1"),
                ("awardID", "award-1"),
                ("status", "active"),
                ("agreementType", "individualPlacementAgreement"),
                ("dateSigned", "2025-03-03T12:00:00Z"),
                ("period/startDate", "2025-03-04T10:00:00Z"),
                ("placement/placementType", "fosterCare"),
                ("placement/procurementRoute", "spotPurchase"),
                ("placement/childKeys[]", "child-1"),
                ("placement/weeklyPrice/coreFee/value/amount", "950"),
                ("placement/weeklyPrice/coreFee/value/currency", "GBP"),
                ("placement/weeklyPrice/coreFee/basis", "perWeek"),
                ("placement/weeklyPrice/weeklyTotal/amount", "950"),
                ("placement/weeklyPrice/weeklyTotal/currency", "GBP"),
            ],
        ),
    ];
    let mut tables: Vec<(String, Vec<String>, Vec<Vec<String>>)> = Vec::new();
    for entry in std::fs::read_dir(&template).expect("the template's CSV files") {
        let path = entry.expect("entry").path();
        let name = path
            .file_stem()
            .expect("a name")
            .to_string_lossy()
            .into_owned();
        let text = std::fs::read_to_string(&path).expect("reads");
        let mut reader = csv::ReaderBuilder::new()
            .has_headers(false)
            .from_reader(text.as_bytes());
        let grid: Vec<Vec<String>> = reader
            .records()
            .map(|r| r.expect("CSV").iter().map(str::to_owned).collect())
            .collect();
        let header = grid[0].clone();
        tables.push((name, header, grid[1..].to_vec()));
    }
    for (sheet, cells) in rows {
        let (_, header, body) = tables
            .iter_mut()
            .find(|(n, _, _)| n == sheet)
            .expect("a template sheet");
        if *sheet == "Package" {
            for row in body.iter_mut() {
                let value = match row[0].as_str() {
                    "URI" => "https://data.example.org/pcds/2025-03.json",
                    "License" => "https://creativecommons.org/licenses/by/4.0/",
                    "Publication level" => "partnership",
                    "Publisher – Scheme" => "GB-LAE",
                    "Publisher – UID" => "BIR",
                    _ => continue,
                };
                row[1] = value.to_owned();
            }
            continue;
        }
        let mut row = vec![String::new(); header.len()];
        row[0] = "2025-0099".to_owned();
        for (field, value) in *cells {
            let title = title(&layout, sheet, field);
            let column = header
                .iter()
                .position(|h| *h == title)
                .unwrap_or_else(|| panic!("{title}"));
            row[column] = (*value).to_owned();
        }
        body.push(row);
    }
    for (name, header, body) in &tables {
        let mut writer =
            csv::Writer::from_path(filled.join(format!("{name}.csv"))).expect("creates");
        writer.write_record(header).expect("writes");
        for row in body {
            writer.write_record(row).expect("writes");
        }
        writer.flush().expect("flushes");
    }
    let package = dir.join("package.json");
    let output = pcds()
        .arg("import")
        .arg(&filled)
        .args([
            "--prefix",
            "ocds-pcdsex",
            "--publisher",
            "Synthetic Borough Council",
        ])
        .args(["--published", "2025-03-05T09:00:00Z", "--output"])
        .arg(&package)
        .output()
        .expect("runs");
    assert_eq!(
        output.status.code(),
        Some(0),
        "{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
    let validated = pcds().arg("validate").arg(&package).output().expect("runs");
    assert_eq!(
        validated.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&validated.stdout)
    );
    let written: Value =
        serde_json::from_slice(&std::fs::read(&package).expect("written")).expect("JSON");
    let release = &written["releases"][0];
    assert_eq!(release["ocid"], "ocds-pcdsex-2025-0099");
    assert_eq!(
        release["tag"],
        serde_json::json!(["tender", "award", "contract"])
    );
    assert_eq!(release["parties"].as_array().map(Vec::len), Some(2));
}

#[test]
fn the_human_report_of_an_import_shows_each_cell() {
    let dir = scratch("sheet-human");
    let (workbook, _) = planted(&dir);
    let mut command = pcds();
    command
        .current_dir(&dir)
        .args([
            "import",
            workbook
                .file_name()
                .and_then(|n| n.to_str())
                .expect("a name"),
        ])
        .args(["--output", "package.json"]);
    insta::assert_snapshot!(crate::transcript(&mut command));
}

#[test]
fn the_command_the_template_tells_officers_to_run_is_accepted() {
    // The guide sheet ends with the import command; its flags must be the command's own.
    let dir = scratch("sheet-guide-command");
    let line = pcds_sheet::INTRODUCTION
        .iter()
        .find_map(|p| p.strip_prefix("Then run: "))
        .and_then(|p| p.split(". ").next())
        .expect("the guide says what to run");
    let mut words: Vec<String> = Vec::new();
    let mut quoted = false;
    for part in line.split(' ') {
        match (quoted, part.strip_prefix('"')) {
            (false, Some(rest)) => {
                quoted = !rest.ends_with('"');
                words.push(rest.trim_end_matches('"').to_owned());
            }
            (true, _) => {
                quoted = !part.ends_with('"');
                if let Some(last) = words.last_mut() {
                    last.push(' ');
                    last.push_str(part.trim_end_matches('"'));
                }
            }
            (false, None) => words.push(part.to_owned()),
        }
    }
    assert_eq!(words.first().map(String::as_str), Some("pcds"), "{line}");
    let template = repo_root().join("spec/template/pcds-template.xlsx");
    let package = dir.join("package.json");
    let args: Vec<std::ffi::OsString> = words[1..]
        .iter()
        .map(|w| match w.as_str() {
            "this-workbook.xlsx" => template.clone().into_os_string(),
            "package.json" => package.clone().into_os_string(),
            other => other.into(),
        })
        .collect();
    let output = pcds().args(&args).output().expect("runs");
    // The empty template imports to nothing valid (exit 1), but the flags parse (not 2).
    assert_eq!(
        output.status.code(),
        Some(1),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
}
