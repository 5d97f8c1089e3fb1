//! `pcds validate`: exit codes, formats, input kinds and hostile input, run as a real process.

use insta::assert_snapshot;
use pcds_validator::rules::BASE_DOCUMENT;

use super::{pcds, repo_root, scratch, transcript};

#[test]
fn the_examples_are_valid() {
    let output = pcds()
        .arg("validate")
        .arg(repo_root().join("examples"))
        .output()
        .expect("runs");
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert_eq!(output.status.code(), Some(0), "{stdout}");
    assert!(stdout.ends_with("9 passed, 0 failed\n"), "{stdout}");
}

#[test]
fn a_valid_release_passes() {
    assert_snapshot!(transcript(
        pcds().args(["validate", "tests/fixtures/valid-release.json"])
    ));
}

#[test]
fn findings_are_grouped_located_and_explained() {
    assert_snapshot!(transcript(
        pcds().args(["validate", "tests/fixtures/invalid-release-package.json"])
    ));
}

#[test]
fn findings_as_json_are_machine_readable() {
    let output = pcds()
        .args([
            "validate",
            "--format",
            "json",
            "tests/fixtures/invalid-release-package.json",
            "tests/fixtures/valid-release.json",
        ])
        .output()
        .expect("runs");
    assert_eq!(output.status.code(), Some(1));
    let report: serde_json::Value = serde_json::from_slice(&output.stdout).expect("stdout is JSON");
    assert_eq!(report["summary"]["inputs"], 2);
    assert_eq!(report["summary"]["failed"], 1);
    let findings = report["inputs"][0]["findings"]
        .as_array()
        .expect("findings");
    let found: Vec<(&str, &str)> = findings
        .iter()
        .map(|f| {
            (
                f["code"].as_str().unwrap_or_default(),
                f["pointer"].as_str().unwrap_or_default(),
            )
        })
        .collect();
    for expected in [
        ("PCDS-SCHEMA-001", ""),
        ("PCDS-SCHEMA-003", "/releases/0/ocid"),
        ("PCDS-CODE-001", "/releases/0/tag/0"),
        (
            "PCDS-SCHEMA-004",
            "/releases/0/tender/evaluation/priceWeighting",
        ),
    ] {
        assert!(found.contains(&expected), "no {expected:?} in {found:?}");
    }
    assert!(
        findings
            .iter()
            .all(|f| f["line"].as_u64().is_some() && f["column"].as_u64().is_some()),
        "every finding is located"
    );
    assert_eq!(
        report["inputs"][1]["findings"].as_array().map(Vec::len),
        Some(0)
    );
}

#[test]
fn standard_input_is_read_with_a_dash() {
    let output = pcds()
        .args(["validate", "-"])
        .write_stdin(BASE_DOCUMENT)
        .output()
        .expect("runs");
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert_eq!(output.status.code(), Some(0), "{stdout}");
    assert!(
        stdout.contains("<stdin>") || stdout.contains('-'),
        "{stdout}"
    );
}

#[test]
fn json_lines_and_arrays_of_releases_are_detected() {
    let dir = scratch("shapes");
    let release = r#"{"ocid": "ocds-pcdsex-lines-0001", "id": "r-1", "date": "2025-03-14T17:45:00Z", "tag": ["planning"], "initiationType": "tender", "processType": "placement"}"#;
    let lines = format!(
        "{release}\n{}\n{}\n",
        release.replace("r-1", "r-2"),
        release
            .replace("r-1", "r-3")
            .replace("planning", "nonsense")
    );
    std::fs::write(dir.join("releases.jsonl"), &lines).expect("writes");
    std::fs::write(
        dir.join("releases.json"),
        format!("[{release}, {}]", release.replace("r-1", "r-2")),
    )
    .expect("writes");
    let output = pcds()
        .args(["validate", "--format", "json"])
        .arg(&dir)
        .output()
        .expect("runs");
    let report: serde_json::Value = serde_json::from_slice(&output.stdout).expect("JSON");
    let array = &report["inputs"][0];
    assert_eq!(array["kind"], "JSON array");
    assert_eq!(array["releases"], 2);
    assert_eq!(
        array["findings"].as_array().map(Vec::len),
        Some(0),
        "{array}"
    );
    let jsonl = &report["inputs"][1];
    assert_eq!(jsonl["kind"], "JSON Lines, 3 documents");
    assert_eq!(jsonl["releases"], 3);
    assert_eq!(jsonl["findings"][0]["code"], "PCDS-CODE-001", "{jsonl}");
    assert_eq!(jsonl["findings"][0]["line"], 3);
}

#[test]
fn fail_on_warning_turns_warnings_into_failures() {
    let dir = scratch("fail-on");
    let path = dir.join("warning.json");
    std::fs::write(
        &path,
        BASE_DOCUMENT.replacen("\"noVacancy\"", "\"noVacancies\"", 1),
    )
    .expect("writes");
    assert_eq!(
        pcds()
            .arg("validate")
            .arg(&path)
            .output()
            .expect("runs")
            .status
            .code(),
        Some(0)
    );
    assert_eq!(
        pcds()
            .args(["validate", "--fail-on", "warning"])
            .arg(&path)
            .output()
            .expect("runs")
            .status
            .code(),
        Some(1)
    );
}

#[test]
fn the_level_flag_checks_data_as_open() {
    // The base document is partnership data with child-level detail: fine as claimed, not as open.
    let dir = scratch("level");
    let path = dir.join("base.json");
    std::fs::write(&path, BASE_DOCUMENT).expect("writes");
    assert_eq!(
        pcds()
            .arg("validate")
            .arg(&path)
            .output()
            .expect("runs")
            .status
            .code(),
        Some(0)
    );
    let output = pcds()
        .args(["validate", "--level", "open", "--format", "json"])
        .arg(&path)
        .output()
        .expect("runs");
    assert_eq!(output.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&output.stdout).contains("PCDS-PRIV-009"));
}

#[test]
fn junit_and_sarif_reports_can_be_written_to_files() {
    let dir = scratch("reports");
    for (format, marker) in [
        ("junit", "<testsuites"),
        ("sarif", "\"version\": \"2.1.0\""),
    ] {
        let path = dir.join(format!("report.{format}"));
        let output = pcds()
            .args(["validate", "--format", format, "--output"])
            .arg(&path)
            .arg("tests/fixtures/invalid-release-package.json")
            .output()
            .expect("runs");
        assert_eq!(output.status.code(), Some(1));
        assert!(output.stdout.is_empty(), "the report goes to the file");
        assert!(
            std::fs::read_to_string(&path)
                .expect("written")
                .contains(marker),
            "{format}"
        );
    }
}

#[test]
fn truncated_json_is_a_located_parse_error() {
    assert_snapshot!(transcript(
        pcds().args(["validate", "tests/fixtures/truncated.json"])
    ));
}

#[test]
fn a_json_value_that_is_no_document_is_reported() {
    assert_snapshot!(transcript(
        pcds().args(["validate", "tests/fixtures/wrong-type.json"])
    ));
}

#[test]
fn a_missing_path_is_an_input_error_with_exit_2() {
    assert_snapshot!(transcript(
        pcds().args(["validate", "tests/fixtures/no-such-file.json"])
    ));
}

#[test]
fn a_directory_without_json_is_an_input_error() {
    let dir = scratch("empty-dir");
    let output = pcds().arg("validate").arg(&dir).output().expect("runs");
    assert_eq!(output.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&output.stderr).contains("PCDS-INPUT-002"));
}

#[test]
fn usage_errors_exit_2() {
    assert_eq!(
        pcds().arg("validate").output().expect("runs").status.code(),
        Some(2)
    );
    assert_eq!(
        pcds()
            .args(["validate", "--format", "xml", "x.json"])
            .output()
            .expect("runs")
            .status
            .code(),
        Some(2)
    );
    assert_eq!(
        pcds()
            .args(["validate", "--fail-on", "info", "x.json"])
            .output()
            .expect("runs")
            .status
            .code(),
        Some(2)
    );
    assert_eq!(
        pcds()
            .args(["validate", "-", "-"])
            .output()
            .expect("runs")
            .status
            .code(),
        Some(2)
    );
    assert_eq!(
        pcds()
            .arg("frobnicate")
            .output()
            .expect("runs")
            .status
            .code(),
        Some(2)
    );
}

#[test]
fn help_documents_the_exit_codes() {
    let output = pcds().args(["validate", "--help"]).output().expect("runs");
    assert_eq!(output.status.code(), Some(0));
    let help = String::from_utf8_lossy(&output.stdout);
    for line in [
        "0  every document passed",
        "1  findings at or above",
        "2  usage, input or internal error",
    ] {
        assert!(help.contains(line), "--help lacks `{line}`:\n{help}");
    }
}

/// Hostile and broken inputs each give a coded parse finding and exit 1: never a panic, never a
/// crash.
#[test]
fn hostile_inputs_give_coded_errors_not_panics() {
    let dir = scratch("hostile");
    let cases: Vec<(&str, Vec<u8>, &str)> = vec![
        ("empty", Vec::new(), "PCDS-PARSE-001"),
        ("whitespace", b"  \n\t ".to_vec(), "PCDS-PARSE-001"),
        (
            "invalid-utf8",
            b"{\"releases\": [{\"ocid\": \"\xff\xfe\"}]}".to_vec(),
            "PCDS-PARSE-001",
        ),
        (
            "deeply-nested",
            format!("{}{}", "[".repeat(100_000), "]".repeat(100_000)).into_bytes(),
            "PCDS-PARSE-003",
        ),
        (
            "deeply-nested-package",
            format!(
                "{{\"releases\": [{}{}]}}",
                "{\"a\":".repeat(50_000),
                "}".repeat(50_000)
            )
            .into_bytes(),
            "PCDS-PARSE-003",
        ),
        (
            "huge-number",
            b"{\"releases\": [{\"ocid\": 1e999}]}".to_vec(),
            "PCDS-PARSE-004",
        ),
        (
            "huge-integer", // more digits than a double holds: refused, not rounded
            b"{\"releases\": [{\"date\": 123456789012345678901234567890}]}".to_vec(),
            "PCDS-PARSE-005",
        ),
        (
            "duplicate-key",
            br#"{"releases": [{"ocid": "ocds-pcdsex-a-1", "ocid": "ocds-pcdsex-a-2"}]}"#.to_vec(),
            "PCDS-PARSE-002",
        ),
        (
            "trailing-garbage",
            b"{\"releases\": [{}]} }".to_vec(),
            "PCDS-PARSE-001",
        ),
        (
            "truncated-in-string",
            b"{\"releases\": [{\"ocid\": \"ocds-".to_vec(),
            "PCDS-PARSE-001",
        ),
        ("nul-bytes", b"\0\0\0".to_vec(), "PCDS-PARSE-001"),
        ("bare-word", b"releases".to_vec(), "PCDS-PARSE-001"),
    ];
    for (name, bytes, code) in cases {
        let path = dir.join(format!("{name}.json"));
        std::fs::write(&path, bytes).expect("writes the case");
        let output = pcds()
            .args(["validate", "--format", "json"])
            .arg(&path)
            .output()
            .expect("runs");
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert_eq!(output.status.code(), Some(1), "{name}: {stderr}");
        assert!(!stderr.contains("panicked"), "{name} panicked: {stderr}");
        let report: serde_json::Value =
            serde_json::from_slice(&output.stdout).expect("stdout is JSON");
        let findings = report["inputs"][0]["findings"]
            .as_array()
            .cloned()
            .unwrap_or_default();
        let finding = findings
            .iter()
            .find(|f| f["code"] == code)
            .unwrap_or_else(|| panic!("{name}: no {code} in {findings:?}"));
        assert!(
            finding["line"].as_u64().is_some_and(|l| l >= 1),
            "{name}: the finding has a line: {finding}"
        );
    }
}

#[test]
fn compiled_records_are_valid_and_bad_input_is_refused() {
    let dir = scratch("compile");
    let out = dir.join("records.json");
    let history = repo_root().join("examples/placement-release-history.json");
    let compiled = pcds()
        .arg("compile")
        .arg(&history)
        .arg("--output")
        .arg(&out)
        .output()
        .expect("runs");
    assert_eq!(
        compiled.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&compiled.stderr)
    );
    let validated = pcds()
        .args(["validate", "--format", "json"])
        .arg(&out)
        .output()
        .expect("runs");
    let report: serde_json::Value = serde_json::from_slice(&validated.stdout).expect("JSON");
    assert_eq!(report["inputs"][0]["kind"], "record package");
    assert_eq!(
        report["inputs"][0]["findings"].as_array().map(Vec::len),
        Some(0),
        "{report}"
    );
    assert_eq!(validated.status.code(), Some(0));
    let refused = pcds()
        .args(["compile", "tests/fixtures/truncated.json"])
        .output()
        .expect("runs");
    assert_eq!(refused.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&refused.stderr).contains("is not JSON"));
    // A package with no releases has nothing to compile, and writes nothing.
    let empty = dir.join("empty.json");
    std::fs::write(
        &empty,
        r#"{"uri": "https://example.org/e.json", "publishedDate": "2026-01-01T00:00:00Z", "releases": []}"#,
    )
    .expect("writes");
    let nothing = dir.join("nothing.json");
    let refused = pcds()
        .arg("compile")
        .arg(&empty)
        .arg("-o")
        .arg(&nothing)
        .output()
        .expect("runs");
    assert_eq!(refused.status.code(), Some(2));
    assert!(
        String::from_utf8_lossy(&refused.stderr).contains("the inputs hold no releases to compile"),
        "{refused:?}"
    );
    assert!(!nothing.exists());
    let wrong = dir.join("wrong.json");
    std::fs::write(&wrong, r#"{"releases": {"ocid": "x"}}"#).expect("writes");
    let refused = pcds().arg("compile").arg(&wrong).output().expect("runs");
    assert_eq!(refused.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&refused.stderr);
    assert!(
        stderr.contains("PCDS-POOL-004: `")
            && stderr.contains("wrong.json` is not a release or record package at line 1: its `releases` is not a list"),
        "{stderr}"
    );
}

#[test]
fn a_compile_that_fails_leaves_the_earlier_output_as_it_was() {
    let dir = scratch("compile-fails");
    let out = dir.join("records.json");
    std::fs::write(&out, "earlier").expect("writes");
    // The second process's release has no processType, so its compiled release is no release.
    let package = serde_json::json!({
        "uri": "https://example.org/p.json", "version": "1.1", "pcdsVersion": "0.2",
        "publicationLevel": "partnership", "publishedDate": "2026-01-01T00:00:00Z",
        "publisher": {"name": "Synthetic"},
        "releases": [
            {"ocid": "ocds-pcdsex-a", "id": "1", "date": "2026-01-01T00:00:00Z", "tag": ["tender"],
             "initiationType": "tender", "processType": "placement"},
            {"ocid": "ocds-pcdsex-b", "id": "1", "date": "2026-01-01T00:00:00Z", "tag": ["tender"],
             "initiationType": "tender"}
        ]
    });
    let input = dir.join("package.json");
    std::fs::write(&input, package.to_string()).expect("writes");
    let failed = pcds()
        .arg("compile")
        .arg(&input)
        .arg("-o")
        .arg(&out)
        .output()
        .expect("runs");
    assert_eq!(failed.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&failed.stderr);
    assert!(
        stderr.contains("cannot compile `ocds-pcdsex-b`") && stderr.contains("processType"),
        "{stderr}"
    );
    assert_eq!(
        std::fs::read_to_string(&out).expect("still there"),
        "earlier"
    );
    let left: Vec<_> = std::fs::read_dir(&dir)
        .expect("lists")
        .map(|e| e.expect("an entry").file_name())
        .collect();
    assert_eq!(left.len(), 2, "no partial file is left: {left:?}");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn findings_far_into_a_minified_line_keep_their_place_without_a_huge_snippet() {
    let dir = scratch("minified");
    let mut package: serde_json::Value = serde_json::from_slice(
        &std::fs::read(repo_root().join("examples/placement-release-history.json")).expect("reads"),
    )
    .expect("JSON");
    let releases = package["releases"].as_array_mut().expect("releases");
    releases[5]["tag"] = serde_json::json!(["notATag"]);
    let file = dir.join("minified.json");
    std::fs::write(&file, serde_json::to_vec(&package).expect("serialises")).expect("writes");
    let output = pcds()
        .args(["validate", "--format", "json"])
        .arg(&file)
        .output()
        .expect("runs");
    assert_eq!(output.status.code(), Some(1));
    let report: serde_json::Value = serde_json::from_slice(&output.stdout).expect("JSON");
    let finding = report["inputs"][0]["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .find(|f| f["code"] == "PCDS-CODE-001")
        .expect("the bad tag is found")
        .clone();
    assert_eq!(finding["line"], 1);
    assert!(
        finding["column"].as_u64().expect("a column") > 4096,
        "{finding}"
    );
    let human = pcds().arg("validate").arg(&file).output().expect("runs");
    let text = String::from_utf8_lossy(&human.stdout);
    assert!(text.contains("/releases/5/tag/0"), "{text}");
    assert!(
        text.lines().all(|l| l.chars().count() < 1000),
        "no line of the report is huge"
    );
}

#[test]
fn personal_data_found_is_not_repeated_in_any_report() {
    let dir = scratch("masked");
    let leaky = BASE_DOCUMENT.replacen(
        "\"description\": \"",
        "\"description\": \"A girl called Jamie Smith, jamie.smith@example.org. ",
        1,
    );
    assert_ne!(leaky, BASE_DOCUMENT, "the base document has a description");
    let path = dir.join("leaky.json");
    std::fs::write(&path, leaky).expect("writes");
    for format in ["human", "json", "sarif", "junit"] {
        let output = pcds()
            .args(["validate", "--format", format])
            .arg(&path)
            .output()
            .expect("runs");
        let text = String::from_utf8_lossy(&output.stdout);
        assert_eq!(output.status.code(), Some(1), "{format}: {text}");
        assert!(text.contains("PCDS-PRIV-001"), "{format}: {text}");
        for secret in ["Jamie Smith", "jamie.smith@example.org", "Jamie", "smith@"] {
            assert!(
                !text.contains(secret),
                "{format} repeats `{secret}`: {text}"
            );
        }
    }
}

#[test]
fn a_reader_that_closes_the_output_early_stops_the_command_quietly() {
    use std::io::Read as _;
    let examples: Vec<std::path::PathBuf> = std::fs::read_dir(repo_root().join("examples"))
        .expect("lists")
        .map(|e| e.expect("an entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .collect();
    // Every command's output is far larger than a pipe holds, so each is still writing when
    // the reader goes.
    let broken = scratch("closed-output").join("broken.jsonl");
    std::fs::write(&broken, "{\"ocid\": \"x\"}\n".repeat(5_000)).expect("writes");
    let commands: Vec<Vec<std::ffi::OsString>> = vec![
        ["generate", "--releases", "3000"].map(Into::into).to_vec(),
        std::iter::once("compile".into())
            .chain(examples.iter().map(|p| p.clone().into_os_string()))
            .collect(),
        vec![
            "validate".into(),
            "--format".into(),
            "json".into(),
            broken.clone().into_os_string(),
        ],
    ];
    for args in commands {
        let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_pcds"))
            .args(&args)
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .expect("starts");
        let mut first = [0u8; 1];
        child
            .stdout
            .take()
            .expect("stdout")
            .read_exact(&mut first)
            .expect("reads a byte, then closes");
        let output = child.wait_with_output().expect("ends");
        assert_eq!(output.status.code(), Some(141), "{args:?}");
        assert!(
            output.stderr.is_empty(),
            "{args:?}: {}",
            String::from_utf8_lossy(&output.stderr)
        );
    }
}

/// Runs `pcds` with `args` and standard input from `stdin`, failing the test if it has not
/// ended within a minute (it is killed then).
fn ends_on_its_own(args: &[&str], stdin: std::process::Stdio) -> std::process::Output {
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_pcds"))
        .args(args)
        .stdin(stdin)
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("starts");
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(60);
    while child.try_wait().expect("polls").is_none() {
        if std::time::Instant::now() > deadline {
            let _ = child.kill();
            panic!("`pcds {}` did not end", args.join(" "));
        }
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
    child.wait_with_output().expect("ends")
}

#[test]
fn pipes_devices_endless_input_and_link_loops_end_with_coded_errors() {
    let dir = scratch("endless");
    let fifo = dir.join("fifo.json");
    let made = std::process::Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .expect("runs mkfifo");
    assert!(made.success());
    let fifo_arg = fifo.to_str().expect("UTF-8");
    for path in [fifo_arg, "/dev/zero"] {
        let output = ends_on_its_own(&["validate", path], std::process::Stdio::null());
        assert_eq!(output.status.code(), Some(2), "{path}");
        let said = String::from_utf8_lossy(&output.stderr);
        assert!(said.contains("PCDS-INPUT-008"), "{path}: {said}");
    }
    // Endless zeros on standard input: refused at the first byte, not read to the end.
    let zeros = std::fs::File::open("/dev/zero").expect("opens");
    let output = ends_on_its_own(&["validate", "--format", "json", "-"], zeros.into());
    assert_eq!(output.status.code(), Some(1));
    let report: serde_json::Value = serde_json::from_slice(&output.stdout).expect("JSON");
    assert_eq!(report["inputs"][0]["findings"][0]["code"], "PCDS-PARSE-001");

    // A directory with a link back up the tree and a pipe named like JSON: the walk ends,
    // reads each file once through a link to a file, and skips the pipe.
    let tree = dir.join("tree");
    std::fs::create_dir_all(tree.join("a")).expect("creates");
    std::fs::create_dir_all(tree.join("b")).expect("creates");
    std::os::unix::fs::symlink("..", tree.join("a/up")).expect("links");
    std::os::unix::fs::symlink("../b/x.json", tree.join("a/x.json")).expect("links");
    std::fs::copy(
        repo_root().join("examples/block-contract-with-voids.json"),
        tree.join("b/x.json"),
    )
    .expect("copies");
    std::fs::rename(&fifo, tree.join("b/pipe.json")).expect("moves the pipe");
    let tree_arg = tree.to_str().expect("UTF-8");
    let output = ends_on_its_own(
        &["validate", "--format", "json", tree_arg],
        std::process::Stdio::null(),
    );
    assert_eq!(
        output.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let report: serde_json::Value = serde_json::from_slice(&output.stdout).expect("JSON");
    let names: Vec<&str> = report["inputs"]
        .as_array()
        .expect("inputs")
        .iter()
        .map(|i| i["name"].as_str().expect("a name"))
        .collect();
    assert_eq!(
        names,
        [
            format!("{tree_arg}/a/x.json"),
            format!("{tree_arg}/b/x.json")
        ]
    );
}

#[test]
fn findings_past_the_limit_are_counted_in_bounded_memory() {
    let dir = scratch("max-findings");
    let lines = dir.join("empty.jsonl");
    // Two million empty documents, two million findings: reported whole, the report alone
    // would need far more than the address space allowed below.
    std::fs::write(&lines, "{}\n".repeat(2_000_000)).expect("writes");
    let output = std::process::Command::new("bash")
        .arg("-c")
        .arg("ulimit -v 100000 && exec \"$0\" \"$@\"")
        .arg(env!("CARGO_BIN_EXE_pcds"))
        .args(["validate", "--threads", "2", "--format", "json"])
        .arg(&lines)
        .output()
        .expect("runs");
    assert_eq!(
        output.status.code(),
        Some(1),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let report: serde_json::Value = serde_json::from_slice(&output.stdout).expect("JSON");
    let input = &report["inputs"][0];
    assert_eq!(
        input["findings"].as_array().map(Vec::len),
        Some(1000),
        "the default"
    );
    assert_eq!(input["omitted"][0]["code"], "PCDS-DOC-001");
    assert_eq!(input["omitted"][0]["count"], 1_999_000);
    assert_eq!(report["summary"]["by_code"]["PCDS-DOC-001"], 2_000_000);

    // `--max-findings` sets the limit; 0 lifts it; the human format says what it left out.
    let few = dir.join("few.jsonl");
    std::fs::write(&few, "{}\n".repeat(30)).expect("writes");
    let count = |limit: &str| {
        let output = pcds()
            .args(["validate", "--format", "json", "--max-findings", limit])
            .arg(&few)
            .output()
            .expect("runs");
        let report: serde_json::Value = serde_json::from_slice(&output.stdout).expect("JSON");
        report["inputs"][0]["findings"].as_array().map(Vec::len)
    };
    assert_eq!(count("5"), Some(5));
    assert_eq!(count("0"), Some(30));
    let human = pcds()
        .args(["validate", "--max-findings", "5"])
        .arg(&few)
        .output()
        .expect("runs");
    assert_eq!(human.status.code(), Some(1));
    let text = String::from_utf8_lossy(&human.stdout);
    assert!(
        text.contains("… and 25 more finding(s) counted but not shown"),
        "{text}"
    );
    let refused = pcds()
        .args(["validate", "--max-findings", "many"])
        .arg(&few)
        .output()
        .expect("runs");
    assert_eq!(refused.status.code(), Some(2));
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn no_format_repeats_the_personal_data_it_found() {
    // A synthetic date of birth and postcode in a free-text field: both detected, and neither
    // may appear in any output, on a line of source, a message, a snippet or a report file.
    let (birth, postcode) = ("born 01/02/2015", "B15 2TT");
    let dir = scratch("masking");
    let mut package: serde_json::Value = serde_json::from_slice(
        &std::fs::read(repo_root().join("examples/placement-release-history.json")).expect("reads"),
    )
    .expect("JSON");
    package["releases"][0]["tender"]["description"] =
        serde_json::json!(format!("Placement needed, {birth}, lives near {postcode}"));
    let file = dir.join("leak.json");
    std::fs::write(
        &file,
        serde_json::to_vec_pretty(&package).expect("serialises"),
    )
    .expect("writes");
    let leaked = |what: &str, text: &str| {
        for secret in [birth, "01/02/2015", postcode] {
            assert!(!text.contains(secret), "{what} repeats `{secret}`:\n{text}");
        }
    };
    for format in ["human", "json", "junit", "sarif"] {
        let output = pcds()
            .args(["validate", "--format", format])
            .arg(&file)
            .output()
            .expect("runs");
        assert_eq!(
            output.status.code(),
            Some(1),
            "{format}: the data is refused"
        );
        let stdout = String::from_utf8_lossy(&output.stdout);
        assert!(
            stdout.contains("PCDS-PRIV-00"),
            "{format}: the findings are there"
        );
        leaked(format, &stdout);
        leaked(format, &String::from_utf8_lossy(&output.stderr));
    }
    let out = dir.join("report");
    let output = pcds()
        .args(["conformance", "report", "--out"])
        .arg(&out)
        .arg(&file)
        .output()
        .expect("runs");
    leaked(
        "conformance report",
        &String::from_utf8_lossy(&output.stdout),
    );
    for name in ["conformance-report.json", "conformance-report.html"] {
        let text = std::fs::read_to_string(out.join(name)).expect("the report is written");
        leaked(name, &text);
    }
    let _ = std::fs::remove_dir_all(&dir);
}
