//! One engine everywhere: the command line, `POST /validate` on a real `pcds serve`, the Python
//! package installed from its wheel into a fresh virtual environment, and the browser page
//! (WebAssembly, in headless Chromium) give the same findings, with the same codes, pointers,
//! lines, columns and messages, on every example and on a set of broken documents. The page
//! must make no request after it has loaded.
//!
//! This test builds the wheel and the page with the project's scripts
//! (`tools/python/build-wheel.sh`, `tools/wasm/build-page.sh`), which install what they need
//! on first use and reuse it after.

use std::collections::BTreeMap;
use std::io::{Read, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::Command;

use pcds_validator::rules::BASE_DOCUMENT;
use serde_json::Value;

use super::server::Server;
use super::{pcds, repo_root, scratch};

/// What must agree: every finding of a report, in order.
type Findings = Vec<(String, String, String, Option<u64>, Option<u64>, String)>;

fn findings(report: &Value) -> Findings {
    report["inputs"][0]["findings"]
        .as_array()
        .unwrap_or_else(|| panic!("a report with findings: {report}"))
        .iter()
        .map(|f| {
            let text = |k: &str| f[k].as_str().unwrap_or_default().to_owned();
            (
                text("code"),
                text("severity"),
                text("pointer"),
                f["line"].as_u64(),
                f["column"].as_u64(),
                text("message"),
            )
        })
        .collect()
}

/// The examples, the broken fixtures, and broken documents written for this test.
fn inputs(dir: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(repo_root().join("examples"))
        .expect("reads the examples")
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .collect();
    files.sort();
    assert!(files.len() >= 9, "{files:?}");
    let fixtures = repo_root().join("crates/pcds-cli/tests/fixtures");
    for name in [
        "invalid-release-package.json",
        "truncated.json",
        "wrong-type.json",
    ] {
        files.push(fixtures.join(name));
    }
    let leaky = BASE_DOCUMENT.replacen(
        "\"description\": \"",
        "\"description\": \"Placement for a girl called Jamie Smith, born 03/04/2015. ",
        1,
    );
    let broken = [
        ("personal-data.json", leaky),
        ("wrong-codes.json", BASE_DOCUMENT.replace("\"tender\"", "\"tendered\"")),
        (
            "lines.jsonl",
            concat!(
                r#"{"ocid": "ocds-pcdsex-1", "id": "1", "date": "2026-01-01T00:00:00Z", "tag": ["tender"], "initiationType": "tender"}"#,
                "\n",
                r#"{"ocid": "ocds-pcdsex-1", "id": "2", "date": "soon", "tag": ["nonsense"]"#,
                "\n"
            )
            .to_owned(),
        ),
        ("not-json.json", "\u{feff}releases: [1, 2]\n".to_owned()),
    ];
    for (name, text) in broken {
        let path = dir.join(name);
        std::fs::write(&path, text).expect("writes");
        files.push(path);
    }
    files
}

/// Runs a project script, failing the test with its output when it fails, and returns the last
/// line of its standard output.
fn script(path: &str, args: &[&str]) -> String {
    let _build = super::one_build_at_a_time();
    let output = Command::new("bash")
        .arg(repo_root().join(path))
        .args(args)
        .output()
        .expect("the script runs");
    assert!(
        output.status.success(),
        "{path} failed:\n{}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8_lossy(&output.stdout)
        .lines()
        .last()
        .unwrap_or_else(|| panic!("{path} printed nothing"))
        .to_owned()
}

/// `POST /validate` with the file's bytes, over a plain HTTP/1.1 connection.
fn post_validate(base: &str, file: &Path) -> Value {
    let address = base.strip_prefix("http://").expect("an http URL");
    let body = std::fs::read(file).expect("reads");
    let media = if file.extension().is_some_and(|x| x == "jsonl") {
        "application/x-ndjson"
    } else {
        "application/json"
    };
    let mut stream = TcpStream::connect(address).expect("connects");
    write!(
        stream,
        "POST /validate HTTP/1.1\r\nHost: {address}\r\nContent-Type: {media}\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
        body.len()
    )
    .expect("sends the head");
    stream.write_all(&body).expect("sends the body");
    let mut answer = Vec::new();
    stream.read_to_end(&mut answer).expect("reads the answer");
    let split = answer
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .expect("an HTTP answer");
    let head = String::from_utf8_lossy(&answer[..split]);
    assert!(head.starts_with("HTTP/1.1 200"), "{head}");
    serde_json::from_slice(&answer[split + 4..]).expect("a JSON report")
}

#[test]
fn the_cli_http_python_and_the_browser_find_the_same() {
    let dir = scratch("everywhere");
    let files = inputs(&dir);
    let names: Vec<String> = files.iter().map(|f| f.display().to_string()).collect();

    // The command line.
    let mut cli = BTreeMap::new();
    let mut cli_text = BTreeMap::new();
    for (file, name) in files.iter().zip(&names) {
        let output = pcds()
            .args(["validate", "--format", "json"])
            .arg(file)
            .output()
            .expect("runs");
        assert!(
            matches!(output.status.code(), Some(0 | 1)),
            "{name}: {output:?}"
        );
        let report: Value = serde_json::from_slice(&output.stdout).expect("a JSON report");
        cli.insert(name.clone(), findings(&report));
        cli_text.insert(name.clone(), output.stdout);
    }
    let failing = cli.values().filter(|f| !f.is_empty()).count();
    assert!(failing >= 7, "the broken documents have findings: {cli:?}");

    // Over HTTP, on a real server that also serves the browser page.
    let page = script("tools/wasm/build-page.sh", &[]);
    let server = Server::start(&dir.join("pcds.sqlite"), &["--validate-page", &page]);
    for (file, name) in files.iter().zip(&names) {
        assert_eq!(
            findings(&post_validate(&server.url, file)),
            cli[name],
            "POST /validate differs from the command line on {name}"
        );
    }

    // Python: the wheel installed into a fresh virtual environment.
    let wheel = script(
        "tools/python/build-wheel.sh",
        &[&dir.join("wheels").display().to_string()],
    );
    let venv = dir.join("venv");
    let made = Command::new("python3")
        .args(["-m", "venv"])
        .arg(&venv)
        .status()
        .expect("python3 runs");
    assert!(made.success());
    let installed = Command::new(venv.join("bin/pip"))
        .args([
            "install",
            "--quiet",
            "--no-index",
            "--disable-pip-version-check",
            &wheel,
        ])
        .output()
        .expect("pip runs");
    assert!(installed.status.success(), "{installed:?}");
    let python = Command::new(venv.join("bin/python"))
        .args([
            "-c",
            "import json, sys, pcds\nprint(json.dumps({f: pcds.validate(f) for f in sys.argv[1:]}))",
        ])
        .args(&names)
        .output()
        .expect("python runs");
    assert!(python.status.success(), "{python:?}");
    let reports: BTreeMap<String, Value> =
        serde_json::from_slice(&python.stdout).expect("the reports as JSON");
    for name in &names {
        assert_eq!(
            findings(&reports[name]),
            cli[name],
            "pcds.validate differs on {name}"
        );
    }
    // The package's `pcds` command is the command line itself, byte for byte.
    for name in names.iter().take(3).chain(names.iter().rev().take(2)) {
        let output = Command::new(venv.join("bin/pcds"))
            .args(["validate", "--format", "json", name])
            .current_dir(super::repo_root().join("crates/pcds-cli"))
            .env("NO_COLOR", "1")
            .output()
            .expect("the package's pcds runs");
        assert_eq!(
            output.stdout, cli_text[name],
            "the Python `pcds` differs on {name}"
        );
    }

    // The browser page, driven in headless Chromium.
    let browser = Command::new("node")
        .arg(repo_root().join("tools/wasm/check-page.mjs"))
        .arg(format!("{}/validate/", server.url))
        .args(&names)
        .output()
        .expect("node runs");
    assert!(
        browser.status.success(),
        "{}",
        String::from_utf8_lossy(&browser.stderr)
    );
    let seen: Value = serde_json::from_slice(&browser.stdout).expect("the page's reports");
    for name in &names {
        assert_eq!(
            findings(&seen["reports"][name]),
            cli[name],
            "the browser page differs on {name}"
        );
    }
    assert_eq!(
        seen["laterRequests"],
        serde_json::json!([]),
        "requests after the page loaded"
    );
    let load = seen["loadRequests"]
        .as_array()
        .expect("the load's requests");
    assert!(
        load.iter()
            .any(|r| r.as_str().is_some_and(|r| r.ends_with(".wasm"))),
        "{load:?}"
    );
    for request in load {
        let request = request.as_str().unwrap_or_default();
        assert!(
            request.starts_with(&format!("GET {}/validate/", server.url)),
            "the page asked for something not its own: {request}"
        );
    }
}
