//! The PCDS validation engine for the browser: the same `pcds-validator` the command line uses,
//! compiled to WebAssembly, so a document is checked on the reader's machine and never leaves
//! it. The validator page (`web/validate/`) calls [`validate`]; the report it returns is the
//! one `pcds validate --format json` (or `--format sarif`) prints for the same bytes.

use pcds_validator::levels::{parse_fail_on, parse_level};
use pcds_validator::{LevelValidators, render};
use wasm_bindgen::prelude::*;

/// The validators by level, built on first use. No threads in the browser: each scans and
/// analyses on the calling one.
static VALIDATORS: LevelValidators = LevelValidators::new(Some(1));

/// Validates `data` (the bytes of a PCDS document) and returns the report as text.
///
/// - `name`: the input's name in the report (the file's name).
/// - `level`: `""` to judge the document at the level it claims, or `open` or `partnership`.
/// - `fail_on`: `error` or `warning`.
/// - `format`: `json` for the report of `pcds validate --format json`, `sarif` for SARIF 2.1.0.
///
/// # Errors
/// A message for an argument outside those values.
#[wasm_bindgen]
pub fn validate(
    data: &[u8],
    name: &str,
    level: &str,
    fail_on: &str,
    format: &str,
) -> Result<String, JsError> {
    report(data, name, level, fail_on, format).map_err(|message| JsError::new(&message))
}

/// The engine's version, as `pcds --version` prints it.
#[wasm_bindgen]
#[must_use]
pub fn version() -> String {
    env!("CARGO_PKG_VERSION").to_owned()
}

/// [`validate`], with a plain error for callers in Rust.
fn report(
    data: &[u8],
    name: &str,
    level: &str,
    fail_on: &str,
    format: &str,
) -> Result<String, String> {
    let level = parse_level(Some(level))?;
    let fail_on = parse_fail_on(fail_on)?;
    let render = match format {
        "json" => render::json,
        "sarif" => render::sarif,
        other => {
            return Err(format!(
                "`{other}` is not a report format here: use json or sarif"
            ));
        }
    };
    let validator = VALIDATORS
        .get(level.as_ref())
        .map_err(|e| format!("the validator could not be built: {e}"))?;
    let report = validator
        .report(name, data, fail_on)
        .map_err(|e| format!("the document could not be read: {e}"))?;
    let mut out = Vec::new();
    render(&report, &mut out).map_err(|e| format!("the report could not be written: {e}"))?;
    String::from_utf8(out).map_err(|e| format!("the report is not UTF-8: {e}"))
}

#[cfg(test)]
mod tests {
    use super::report;

    #[test]
    fn reports_are_the_command_lines_and_bad_arguments_say_why() {
        let json = report(br#"{"releases": []}"#, "x.json", "", "error", "json").expect("a report");
        assert!(json.contains("PCDS-SCHEMA-001"), "{json}");
        assert!(json.contains("\"x.json\""), "{json}");
        let sarif = report(b"{", "x.json", "open", "warning", "sarif").expect("a report");
        assert!(
            sarif.contains("2.1.0") && sarif.contains("PCDS-PARSE-001"),
            "{sarif}"
        );
        assert!(report(b"{}", "x", "secret", "error", "json").is_err());
        assert!(report(b"{}", "x", "", "info", "json").is_err());
        assert!(report(b"{}", "x", "", "error", "xml").is_err());
    }
}
