//! The `pcds` command line: argument parsing and rendering. Every subcommand is a thin shell
//! over a library function; this module is the only place that prints.

use std::io::{self, Write};
use std::path::PathBuf;

use clap::{Parser, Subcommand, ValueEnum};
use serde::Serialize;

use crate::engine::Validator;
use crate::finding::{Finding, Severity};
use crate::input;

/// Exit status: everything passed.
pub const EXIT_OK: i32 = 0;
/// Exit status: findings at or above the failing severity.
pub const EXIT_FINDINGS: i32 = 1;
/// Exit status: a usage, input or internal error.
pub const EXIT_ERROR: i32 = 2;

const EXIT_CODES: &str = "Exit status:\n  0  every document passed\n  1  findings at or above the failing severity (errors)\n  2  usage, input or internal error (bad flag, unreadable path)";

/// The Placement Contracting Data Standard toolkit.
#[derive(Debug, Parser)]
#[command(name = "pcds", version, about, after_help = EXIT_CODES)]
pub struct Cli {
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Validate PCDS documents (files or directories of .json files).
    #[command(after_help = EXIT_CODES)]
    Validate {
        /// Files or directories to validate; directories are searched recursively for .json files.
        #[arg(required = true, value_name = "PATH")]
        paths: Vec<PathBuf>,
        /// How to print the findings.
        #[arg(long, value_enum, default_value_t = Format::Human)]
        format: Format,
    },
    /// Write the standard's generated files (schemas and codelist CSVs) under spec/, or check them.
    Schema {
        /// The spec directory.
        #[arg(long, default_value = "spec", value_name = "DIR")]
        spec_dir: PathBuf,
        /// Check that the committed files match the types instead of writing them; exit 1 with a
        /// diff when they are stale.
        #[arg(long)]
        check: bool,
    },
}

/// Output formats for findings.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// For people: one line per finding, then a summary.
    Human,
    /// For programs: a JSON object with every file's findings.
    Json,
}

/// Parses the process's arguments, runs the command, and returns the exit status.
#[must_use]
pub fn main() -> i32 {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            let _ = e.print();
            return if e.use_stderr() { EXIT_ERROR } else { EXIT_OK };
        }
    };
    run(cli, &mut io::stdout().lock(), &mut io::stderr().lock())
}

/// Runs a parsed command, writing data to `out` and messages to `err`.
pub fn run(cli: Cli, out: &mut dyn Write, err: &mut dyn Write) -> i32 {
    let result = match cli.command {
        Command::Validate { paths, format } => validate(&paths, format, out),
        Command::Schema { spec_dir, check } => schema(&spec_dir, check, out),
    };
    match result {
        Ok(code) => code,
        Err(message) => {
            let _ = writeln!(err, "error: {message}");
            EXIT_ERROR
        }
    }
}

/// One file's findings, as the JSON format prints them.
#[derive(Debug, Serialize)]
struct FileReport {
    path: String,
    valid: bool,
    findings: Vec<Finding>,
}

fn validate(paths: &[PathBuf], format: Format, out: &mut dyn Write) -> Result<i32, String> {
    let files = input::expand(paths).map_err(|e| e.to_string())?;
    let validator = Validator::new().map_err(|e| e.to_string())?;
    let mut reports = Vec::new();
    for path in files {
        let findings = match input::load(&path).map_err(|e| e.to_string())? {
            Ok(document) => validator.validate(&document),
            Err(finding) => vec![*finding],
        };
        let valid = !findings.iter().any(|f| f.severity == Severity::Error);
        reports.push(FileReport {
            path: path.display().to_string(),
            valid,
            findings,
        });
    }
    let failed = reports.iter().filter(|r| !r.valid).count();
    let write_error = |e: io::Error| format!("cannot write output: {e}");
    match format {
        Format::Json => {
            let summary =
                serde_json::json!({ "files": reports.len(), "failed": failed, "reports": reports });
            serde_json::to_writer_pretty(&mut *out, &summary).map_err(|e| e.to_string())?;
            writeln!(out).map_err(write_error)?;
        }
        Format::Human => {
            for report in &reports {
                for f in &report.findings {
                    let place = match (f.line, f.column) {
                        (Some(line), Some(column)) => format!("{}:{line}:{column}", report.path),
                        _ => report.path.clone(),
                    };
                    let pointer = if f.pointer.is_empty() {
                        String::new()
                    } else {
                        format!(" at `{}`", f.pointer)
                    };
                    writeln!(
                        out,
                        "{place}: {}[{}]{pointer}: {}",
                        f.severity, f.code, f.message
                    )
                    .map_err(write_error)?;
                }
            }
            let errors: usize = reports
                .iter()
                .flat_map(|r| &r.findings)
                .filter(|f| f.severity == Severity::Error)
                .count();
            writeln!(
                out,
                "{} file(s) checked: {} passed, {failed} failed ({errors} error(s))",
                reports.len(),
                reports.len() - failed
            )
            .map_err(write_error)?;
        }
    }
    Ok(if failed > 0 { EXIT_FINDINGS } else { EXIT_OK })
}

fn schema(spec_dir: &std::path::Path, check: bool, out: &mut dyn Write) -> Result<i32, String> {
    let write_error = |e: io::Error| format!("cannot write output: {e}");
    if check {
        return match pcds::spec::check(spec_dir) {
            Ok(()) => {
                writeln!(out, "spec/ is up to date").map_err(write_error)?;
                Ok(EXIT_OK)
            }
            Err(pcds::spec::SpecError::Stale(files)) => {
                for file in &files {
                    writeln!(out, "stale: {}\n{}", file.path, file.diff).map_err(write_error)?;
                }
                writeln!(
                    out,
                    "{} file(s) under {} are stale; run `pcds schema` to regenerate them",
                    files.len(),
                    spec_dir.display()
                )
                .map_err(write_error)?;
                Ok(EXIT_FINDINGS)
            }
            Err(e) => Err(e.to_string()),
        };
    }
    let written = pcds::spec::write(spec_dir).map_err(|e| e.to_string())?;
    writeln!(
        out,
        "wrote {} file(s) under {}",
        written.len(),
        spec_dir.display()
    )
    .map_err(write_error)?;
    Ok(EXIT_OK)
}
