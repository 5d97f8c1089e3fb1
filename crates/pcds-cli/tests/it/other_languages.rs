//! The schemas as other languages use them: ajv (JavaScript, strict mode, with the documented
//! `codelist` and `openCodelist` keywords registered) and Python's `jsonschema` compile every
//! published schema, accept every example and every valid conformance case, and reject every
//! case the PCDS schema rejects.
//!
//! The pinned tools (`tools/schema-check/`) are installed under `target/tools/schema-check` on
//! the first run (npm from its lock file, `jsonschema` into a virtual environment) and reused.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::OnceLock;

use serde_json::{Value, json};

use super::{repo_root, scratch};

/// The codes of findings the JSON Schema layer reports (a closed codelist is an `enum`).
/// `PCDS-SCHEMA-007` (a field not defined) is the walk's, not the schema's.
fn schema_level(code: &str) -> bool {
    (code.starts_with("PCDS-SCHEMA-") && code != "PCDS-SCHEMA-007") || code == "PCDS-CODE-001"
}

fn target_dir() -> PathBuf {
    Path::new(env!("CARGO_BIN_EXE_pcds"))
        .ancestors()
        .nth(2)
        .expect("the pcds binary is inside the target directory")
        .to_path_buf()
}

/// The tool directory with the pinned tools installed.
fn tools() -> &'static PathBuf {
    static TOOLS: OnceLock<PathBuf> = OnceLock::new();
    TOOLS.get_or_init(|| {
        let dir = target_dir().join("tools").join("schema-check");
        std::fs::create_dir_all(&dir).expect("creates the tool directory");
        let source = repo_root().join("tools").join("schema-check");
        let mut changed = false;
        for file in [
            "package.json",
            "package-lock.json",
            "requirements.txt",
            "ajv-check.mjs",
            "jsonschema_check.py",
        ] {
            let wanted = std::fs::read(source.join(file)).expect("reads a tool file");
            if std::fs::read(dir.join(file)).ok().as_ref() != Some(&wanted) {
                std::fs::write(dir.join(file), wanted).expect("copies a tool file");
                changed = true;
            }
        }
        if changed || !dir.join("node_modules").join("ajv").is_dir() {
            let status = Command::new("npm")
                .args(["ci", "--no-audit", "--no-fund", "--loglevel=error"])
                .current_dir(&dir)
                .status()
                .expect("npm runs");
            assert!(status.success(), "npm ci failed in {}", dir.display());
        }
        let python = dir.join("venv").join("bin").join("python");
        if changed || !python.exists() {
            let status = Command::new("python3")
                .args(["-m", "venv"])
                .arg(dir.join("venv"))
                .status()
                .expect("python3 runs");
            assert!(status.success(), "creating the virtual environment failed");
            let status = Command::new(&python)
                .args([
                    "-m",
                    "pip",
                    "install",
                    "--quiet",
                    "--disable-pip-version-check",
                    "-r",
                ])
                .arg(dir.join("requirements.txt"))
                .status()
                .expect("pip runs");
            assert!(status.success(), "installing jsonschema failed");
        }
        dir
    })
}

/// The schema a document is checked against, by its kind.
fn schema_for(document: &Value) -> Option<&'static str> {
    let object = document.as_object()?;
    Some(
        match (object.contains_key("ocid"), object.contains_key("releases")) {
            (false, true) => "release-package-schema.json",
            (true, true) => "record-schema.json",
            (true, false) => "release-schema.json",
            (false, false) if object.contains_key("records") => "record-package-schema.json",
            _ => return None,
        },
    )
}

/// Every example and every conformance case with a JSON document, with whether the PCDS schema
/// accepts it.
fn corpus() -> Vec<(String, &'static str, Value, bool)> {
    let mut items = Vec::new();
    for entry in std::fs::read_dir(repo_root().join("examples")).expect("examples") {
        let path = entry.expect("entry").path();
        if path.extension().is_some_and(|e| e == "json") {
            let document: Value =
                serde_json::from_slice(&std::fs::read(&path).expect("reads")).expect("JSON");
            let schema = schema_for(&document).expect("an example is a package");
            items.push((
                format!("example {}", path.display()),
                schema,
                document,
                true,
            ));
        }
    }
    let cases = repo_root().join("conformance").join("cases");
    for class in std::fs::read_dir(&cases).expect("cases") {
        for entry in std::fs::read_dir(class.expect("class").path()).expect("class dir") {
            let path = entry.expect("entry").path();
            let case: Value =
                serde_json::from_slice(&std::fs::read(&path).expect("reads")).expect("JSON");
            let Some(document) = case.get("document") else {
                continue; // raw text: a parse error, not a document
            };
            let findings = case["expected"]["findings"].as_array().expect("findings");
            let rejected = findings
                .iter()
                .any(|f| f["code"].as_str().is_some_and(schema_level));
            let Some(schema) = schema_for(document) else {
                continue; // an array or a non-document: the document layer's, not the schema's
            };
            items.push((
                format!("case {}", path.display()),
                schema,
                document.clone(),
                !rejected,
            ));
        }
    }
    items
}

/// Runs one checker over the corpus; returns the names it judged wrongly.
fn judged_wrongly(program: &Path, script: &str) -> (Vec<String>, usize) {
    let corpus = corpus();
    let list: Vec<Value> = corpus
        .iter()
        .map(|(name, schema, document, _)| json!({"name": name, "schema": schema, "document": document}))
        .collect();
    let file = scratch(&format!("other-languages-{script}")).join("cases.json");
    std::fs::write(&file, serde_json::to_vec(&list).expect("writes")).expect("writes");
    let output = Command::new(program)
        .arg(tools().join(script))
        .arg(repo_root().join("spec").join("schema"))
        .arg(&file)
        .output()
        .expect("runs");
    assert!(
        output.status.success(),
        "{script} failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    let report: Value = serde_json::from_slice(&output.stdout).expect("JSON report");
    assert_eq!(
        report["compiled"],
        json!([
            "record-package-schema.json",
            "record-schema.json",
            "release-package-schema.json",
            "release-schema.json"
        ]),
        "{script} compiles every schema"
    );
    let mut wrong = Vec::new();
    for (name, _, _, accepted) in &corpus {
        let result = &report["results"][name];
        if result["valid"].as_bool() != Some(*accepted) {
            wrong.push(format!(
                "{name}: expected {}, got {}",
                if *accepted { "valid" } else { "invalid" },
                result
            ));
        }
    }
    (wrong, corpus.len())
}

#[test]
fn ajv_in_strict_mode_agrees_with_the_pcds_schema() {
    let (wrong, checked) = judged_wrongly(Path::new("node"), "ajv-check.mjs");
    assert!(checked > 300, "the corpus is checked ({checked} documents)");
    assert!(wrong.is_empty(), "ajv disagrees:\n{}", wrong.join("\n"));
}

#[test]
fn python_jsonschema_agrees_with_the_pcds_schema() {
    let python = tools().join("venv").join("bin").join("python");
    let (wrong, checked) = judged_wrongly(&python, "jsonschema_check.py");
    assert!(checked > 300, "the corpus is checked ({checked} documents)");
    assert!(
        wrong.is_empty(),
        "jsonschema disagrees:\n{}",
        wrong.join("\n")
    );
}
