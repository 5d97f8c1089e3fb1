//! The native module of the `pcds` Python package, `pcds._native`.
//!
//! What it is for: giving Python the validator's report of one document, exactly as
//! `pcds validate --format json` prints it, and the whole `pcds` command line for the package's
//! `pcds` script. What it is not for: reading files, deciding what a Python argument means (a
//! path or JSON text) or turning the report into Python objects: `python/pcds/__init__.py` does
//! those. Everything here but the thin Python wrappers is plain Rust, tested without Python.

use std::ffi::OsString;
use std::fmt;
use std::io::{self, Write};

use pcds::codelists::PublicationLevel;
use pcds_validator::{LevelValidators, Severity};
use pyo3::exceptions::{PyRuntimeError, PyValueError};
use pyo3::prelude::*;

/// Why a document could not be validated at all. What is wrong with the data itself is not an
/// error: it is the report's findings.
#[derive(Debug)]
pub enum Error {
    /// A publication level other than `open` or `partnership`.
    Level(String),
    /// A failing severity other than `error` or `warning`.
    FailOn(String),
    /// The validator could not be built (a generated schema did not compile).
    Engine(String),
    /// Reading the document or writing the report failed.
    Io(io::Error),
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Level(level) => write!(
                f,
                "level must be \"open\", \"partnership\" or None, not {level:?}"
            ),
            Error::FailOn(fail_on) => {
                write!(
                    f,
                    "fail_on must be \"error\" or \"warning\", not {fail_on:?}"
                )
            }
            Error::Engine(message) => write!(f, "the validator could not be built: {message}"),
            Error::Io(e) => write!(f, "{e}"),
        }
    }
}

impl std::error::Error for Error {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Error::Io(e) => Some(e),
            _ => None,
        }
    }
}

impl From<Error> for PyErr {
    fn from(error: Error) -> PyErr {
        match error {
            Error::Level(_) | Error::FailOn(_) => PyValueError::new_err(error.to_string()),
            Error::Engine(_) => PyRuntimeError::new_err(error.to_string()),
            Error::Io(e) => e.into(),
        }
    }
}

/// The failing severity named `fail_on`, as `--fail-on` takes it.
///
/// # Errors
/// [`Error::FailOn`] for any name but `error` and `warning`.
pub fn parse_fail_on(fail_on: &str) -> Result<Severity, Error> {
    match fail_on {
        "error" => Ok(Severity::Error),
        "warning" => Ok(Severity::Warning),
        other => Err(Error::FailOn(other.to_owned())),
    }
}

/// The publication level named `level`, as `--level` takes it; `None` checks each document at
/// the level it claims.
///
/// # Errors
/// [`Error::Level`] for any name but `open` and `partnership`.
pub fn parse_level(level: Option<&str>) -> Result<Option<PublicationLevel>, Error> {
    match level {
        None => Ok(None),
        Some("open") => Ok(Some(PublicationLevel::Open)),
        Some("partnership") => Ok(Some(PublicationLevel::Partnership)),
        Some(other) => Err(Error::Level(other.to_owned())),
    }
}

/// The validators by level, built once per level and process, with the command line's
/// options (the number of threads does not change findings).
static VALIDATORS: LevelValidators = LevelValidators::new(None);

/// Validates one document and returns its report as JSON text, exactly as
/// `pcds validate --format json [--level LEVEL] [--fail-on FAIL_ON] NAME` prints it for a file
/// `NAME` holding `data`: `name` is only what the report calls the input.
///
/// # Errors
/// A `level` or `fail_on` that `pcds validate` would refuse, or a validator that cannot be
/// built. Broken data is not an error: it is the report's findings.
pub fn validate_json(
    data: &[u8],
    name: &str,
    level: Option<&str>,
    fail_on: &str,
) -> Result<String, Error> {
    let fail_on = parse_fail_on(fail_on)?;
    let validator = VALIDATORS
        .get(parse_level(level)?.as_ref())
        .map_err(|e| Error::Engine(e.to_string()))?;
    let report = validator.report(name, data, fail_on).map_err(Error::Io)?;
    let mut out = Vec::new();
    pcds_validator::render::json(&report, &mut out).map_err(Error::Io)?;
    String::from_utf8(out).map_err(|e| Error::Io(io::Error::new(io::ErrorKind::InvalidData, e)))
}

/// validate_bytes(data, name, level, fail_on)
/// --
///
/// Validate one PCDS document and return the report as JSON text, exactly what
/// `pcds validate --format json` prints for a file called `name` holding `data`.
///
/// `level` is "open", "partnership" or None (the level the document claims); `fail_on` is
/// "error" or "warning". Any other value raises ValueError. Findings are in the report, never
/// raised. The GIL is released while validating.
#[pyfunction]
fn validate_bytes(
    py: Python<'_>,
    data: &[u8],
    name: String,
    level: Option<String>,
    fail_on: String,
) -> PyResult<String> {
    Ok(py.detach(|| validate_json(data, &name, level.as_deref(), &fail_on))?)
}

/// main(argv)
/// --
///
/// Run the `pcds` command line with `argv` (the program's name first, as in `sys.argv`) and
/// return its exit status. It writes to the process's standard output and error, not to
/// `sys.stdout`. The GIL is released while it runs.
#[pyfunction]
#[pyo3(name = "main")]
fn cli_main(py: Python<'_>, argv: Vec<OsString>) -> i32 {
    py.detach(|| {
        let status = pcds_cli::cli::main_with(argv);
        // A Rust program flushes its standard output when `main` returns; a library must.
        let _ = io::stdout().flush();
        status
    })
}

/// The native part of the `pcds` package: the validator and the command line.
#[pymodule]
#[pyo3(name = "_native")]
fn native_module(module: &Bound<'_, PyModule>) -> PyResult<()> {
    module.add_function(wrap_pyfunction!(validate_bytes, module)?)?;
    module.add_function(wrap_pyfunction!(cli_main, module)?)?;
    module.add("__version__", env!("CARGO_PKG_VERSION"))?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use clap::Parser;
    use serde_json::Value;

    use super::*;

    /// Paths as the tests see them: from this crate's directory.
    const VALID: &str = "../../examples/sibling-group-foster-placement.json";
    const INVALID: &str = "../pcds-cli/tests/fixtures/invalid-release-package.json";

    /// What the `pcds` command prints for `args` (after the program name), and its status.
    fn command(args: &[&str]) -> (String, i32) {
        let cli =
            pcds_cli::cli::Cli::try_parse_from(std::iter::once("pcds").chain(args.iter().copied()))
                .expect("the arguments parse");
        let (mut out, mut err) = (Vec::new(), Vec::new());
        let status = pcds_cli::cli::run(cli, &mut out, &mut err);
        (String::from_utf8(out).expect("UTF-8 output"), status)
    }

    fn report(path: &str, level: Option<&str>, fail_on: &str) -> String {
        let data = std::fs::read(path).expect("the file reads");
        validate_json(&data, path, level, fail_on).expect("the document validates")
    }

    #[test]
    fn a_report_is_what_the_command_prints() {
        for path in [VALID, INVALID] {
            let (printed, _) = command(&["validate", "--format", "json", path]);
            assert_eq!(report(path, None, "error"), printed, "{path}");
        }
        let (printed, _) = command(&[
            "validate",
            "--format",
            "json",
            "--level",
            "open",
            "--fail-on",
            "warning",
            VALID,
        ]);
        assert_eq!(report(VALID, Some("open"), "warning"), printed);
    }

    #[test]
    fn valid_data_passes_and_broken_data_fails() {
        let valid: Value = serde_json::from_str(&report(VALID, None, "error")).expect("JSON");
        assert_eq!(valid["summary"]["failed"], 0);
        assert_eq!(valid["inputs"][0]["name"], VALID);
        let invalid: Value = serde_json::from_str(&report(INVALID, None, "error")).expect("JSON");
        assert_eq!(invalid["summary"]["failed"], 1);
        assert!(invalid["summary"]["by_severity"]["error"].as_u64() > Some(0));
    }

    #[test]
    fn text_that_is_not_json_is_a_finding_not_an_error() {
        let text = validate_json(b"not json", "-", Some("partnership"), "warning")
            .expect("a report, not an error");
        let report: Value = serde_json::from_str(&text).expect("JSON");
        assert_eq!(report["inputs"][0]["name"], "-");
        assert_eq!(report["summary"]["failed"], 1);
    }

    #[test]
    fn unknown_levels_and_severities_are_refused() {
        let level = validate_json(b"{}", "-", Some("secret"), "error").expect_err("refused");
        assert!(matches!(level, Error::Level(_)));
        assert_eq!(
            level.to_string(),
            "level must be \"open\", \"partnership\" or None, not \"secret\""
        );
        let fail_on = validate_json(b"{}", "-", None, "info").expect_err("refused");
        assert!(matches!(fail_on, Error::FailOn(_)));
        assert_eq!(
            fail_on.to_string(),
            "fail_on must be \"error\" or \"warning\", not \"info\""
        );
        assert!(matches!(parse_level(Some("Open")), Err(Error::Level(_))));
        assert_eq!(
            parse_level(Some("partnership")).expect("known"),
            Some(PublicationLevel::Partnership)
        );
    }
}
