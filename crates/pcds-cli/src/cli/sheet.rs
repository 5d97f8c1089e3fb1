//! `pcds import` (a filled-in workbook or CSV files to a release package, with every finding at
//! its cell) and `pcds export-sheet` (any dataset as the same workbook).

use std::io::Write;
use std::path::{Path, PathBuf};

use clap::Args;
use pcds_sheet::{ImportOptions, Layout, Limits, SheetError};
use pcds_validator::{Finding, InputReport, Report, RunTotals, Severity, Validator};
use serde_json::{Map, Value};

use super::validate::{FailOn, Format};
use super::{EXIT_FINDINGS, EXIT_OK, write_error};
use crate::input;

/// Arguments of `pcds import`.
#[derive(Debug, Args)]
pub struct ImportArgs {
    /// The workbook (`.xlsx`), a CSV file, or a directory of CSV files, one a sheet.
    #[arg(value_name = "INPUT")]
    pub input: PathBuf,
    /// Where to write the release package (or JSON Lines with `--jsonl`). Written only when
    /// the import has no errors.
    #[arg(long, short, value_name = "FILE")]
    pub output: PathBuf,
    /// The publisher's ocid prefix, e.g. `ocds-abc123`: put before a `Process` cell that is
    /// not a whole ocid.
    #[arg(long, value_name = "PREFIX")]
    pub prefix: Option<String>,
    /// The publisher's name (wins over the `Package` sheet's).
    #[arg(long, value_name = "NAME")]
    pub publisher: Option<String>,
    /// The package's published date (wins over the `Package` sheet's; now when neither says).
    #[arg(long, value_name = "DATE-TIME")]
    pub published: Option<String>,
    /// Write the releases as JSON Lines, one release a line, instead of a release package.
    #[arg(long)]
    pub jsonl: bool,
    /// The report's format.
    #[arg(long, value_enum, default_value_t = Format::Human)]
    pub format: Format,
    /// The lowest severity that fails the import (exit 1).
    #[arg(long, value_enum, default_value_t = FailOn::Error)]
    pub fail_on: FailOn,
}

/// Arguments of `pcds export-sheet`.
#[derive(Debug, Args)]
pub struct ExportSheetArgs {
    /// Release packages, JSON Lines or harvested pools (a harvest's directory or state.json).
    #[arg(required = true, value_name = "INPUT")]
    pub inputs: Vec<String>,
    /// Where to write: an `.xlsx` file, or with `--csv` a directory of CSV files.
    #[arg(long, short, value_name = "PATH")]
    pub output: PathBuf,
    /// Write a directory of CSV files, one a sheet, instead of a workbook.
    #[arg(long)]
    pub csv: bool,
}

/// Runs `pcds import`.
pub fn import(args: &ImportArgs, out: &mut dyn Write, err: &mut dyn Write) -> Result<i32, String> {
    let name = args.input.display().to_string();
    if !args.input.exists() {
        return Err(format!("PCDS-INPUT-001: `{name}` does not exist"));
    }
    let layout = Layout::new();
    let fail_on = match args.fail_on {
        FailOn::Error => Severity::Error,
        FailOn::Warning => Severity::Warning,
    };
    let workbook = match pcds_sheet::read(&args.input, &Limits::default()) {
        Ok(workbook) => workbook,
        Err(SheetError::Io(path, reason)) => {
            return Err(format!("PCDS-INPUT-001: cannot read `{path}`: {reason}"));
        }
        Err(error) => {
            let rule = if error.code() == pcds_sheet::rules::TOO_LARGE.code {
                &pcds_sheet::rules::TOO_LARGE
            } else {
                &pcds_sheet::rules::NOT_A_SPREADSHEET
            };
            let finding = Finding::new(rule, "", error.to_string()).with_hint(rule.hint);
            let report = report(&name, 0, &[], vec![finding], fail_on);
            render(&report, args.format, out)?;
            writeln!(
                err,
                "nothing written: the input could not be read as a spreadsheet"
            )
            .map_err(write_error)?;
            return Ok(EXIT_FINDINGS);
        }
    };
    let now = chrono::SubsecRound::trunc_subsecs(chrono::Utc::now(), 0);
    let options = ImportOptions {
        prefix: args.prefix.clone(),
        publisher: args.publisher.clone(),
        published: args.published.clone(),
        default_published: Some(now.to_rfc3339_opts(chrono::SecondsFormat::Secs, true)),
    };
    let imported = pcds_sheet::import(&layout, &workbook, &options);
    let text = serde_json::to_vec_pretty(&imported.package).map_err(|e| e.to_string())?;
    let validator = Validator::new().map_err(|e| e.to_string())?;
    let checked = validator
        .check_reader(&name, text.as_slice(), &mut RunTotals::default())
        .map_err(|e| format!("validating the imported package failed: {e}"))?;
    let mut findings = imported.findings;
    findings.extend(
        checked
            .findings
            .into_iter()
            .map(|f| imported.origins.locate(f)),
    );
    let releases = imported.package["releases"]
        .as_array()
        .map_or(&[][..], Vec::as_slice);
    let bytes = std::fs::metadata(&args.input).map_or(0, |m| m.len());
    let mut report = report(&name, bytes, releases, findings, fail_on);
    let releases = releases.len();
    report.inputs[0].omitted = checked.omitted;
    report.inputs[0].not_judged = checked.not_judged;
    render(&report, args.format, out)?;
    let errors = report.inputs[0].count(Severity::Error);
    if errors > 0 {
        writeln!(
            err,
            "nothing written: fix the {errors} error(s) above and import again"
        )
        .map_err(write_error)?;
    } else {
        write_package(&imported.package, args.jsonl, &args.output)?;
        writeln!(
            err,
            "wrote {releases} release(s) to {}",
            args.output.display()
        )
        .map_err(write_error)?;
    }
    Ok(if report.failed() {
        EXIT_FINDINGS
    } else {
        EXIT_OK
    })
}

fn report(
    name: &str,
    bytes: u64,
    releases: &[Value],
    findings: Vec<Finding>,
    fail_on: Severity,
) -> Report {
    let ocids: std::collections::BTreeSet<&str> = releases
        .iter()
        .filter_map(|r| r.get("ocid").and_then(Value::as_str))
        .collect();
    let input = InputReport {
        name: name.to_owned(),
        kind: Some("spreadsheet".to_owned()),
        bytes,
        releases: releases.len() as u64,
        findings,
        omitted: Vec::new(),
        not_judged: Vec::new(),
    };
    Report::new(vec![input], fail_on, ocids.len() as u64, Vec::new())
}

fn render(report: &Report, format: Format, out: &mut dyn Write) -> Result<(), String> {
    use pcds_validator::render;
    match format {
        Format::Human => render::human(report, false, out),
        Format::Json => render::json(report, out),
        Format::Junit => render::junit(report, out),
        Format::Sarif => render::sarif(report, out),
    }
    .map_err(write_error)
}

fn write_package(package: &Value, jsonl: bool, path: &Path) -> Result<(), String> {
    let mut text = String::new();
    if jsonl {
        for release in package["releases"].as_array().into_iter().flatten() {
            text.push_str(&release.to_string());
            text.push('\n');
        }
    } else {
        text = serde_json::to_string_pretty(package).map_err(|e| e.to_string())?;
        text.push('\n');
    }
    std::fs::write(path, text).map_err(|e| format!("cannot write `{}`: {e}", path.display()))
}

/// Runs `pcds export-sheet`.
pub fn export(args: &ExportSheetArgs, err: &mut dyn Write) -> Result<i32, String> {
    let items = input::expand(&args.inputs).map_err(|e| e.to_string())?;
    let (package, releases) = read_dataset(&items)?;
    let layout = Layout::new();
    let workbook = pcds_sheet::export::workbook(&layout, &package, &releases);
    if args.csv {
        std::fs::create_dir_all(&args.output)
            .map_err(|e| format!("cannot create `{}`: {e}", args.output.display()))?;
        for (name, text) in pcds_sheet::to_csv(&workbook) {
            let path = args.output.join(name);
            std::fs::write(&path, text)
                .map_err(|e| format!("cannot write `{}`: {e}", path.display()))?;
        }
    } else {
        let bytes = pcds_sheet::to_xlsx(&layout, &workbook).map_err(|e| e.to_string())?;
        std::fs::write(&args.output, bytes)
            .map_err(|e| format!("cannot write `{}`: {e}", args.output.display()))?;
    }
    writeln!(
        err,
        "wrote {} release(s) to {}",
        releases.len(),
        args.output.display()
    )
    .map_err(write_error)?;
    Ok(EXIT_OK)
}

/// The package metadata and releases of the inputs: release packages in order (the first
/// one's metadata), or JSON Lines and harvested pools (the first harvest's metadata).
fn read_dataset(items: &[input::Input]) -> Result<(Map<String, Value>, Vec<Value>), String> {
    let pooled = items.iter().any(|item| {
        matches!(item, input::Input::File(path)
            if path.extension().is_some_and(|e| e == "jsonl" || e == "ndjson")
                || path.file_name().is_some_and(|n| n == "state.json"))
    });
    let mut metadata = Map::new();
    let mut releases = Vec::new();
    if pooled {
        let mut pool = crate::pool::Pooled::new().map_err(|e| e.to_string())?;
        for item in items {
            if let input::Input::File(path) = item
                && path.file_name().is_some_and(|n| n == "state.json")
                && metadata.is_empty()
                && let Some(found) = crate::feed::pool_metadata(path)
                && let Ok(Value::Object(found)) = serde_json::to_value(found)
            {
                metadata = found;
            }
            pool.read(item, &|_| {}).map_err(|e| e.to_string())?;
        }
        pool.for_each_process(|_, process| {
            releases.extend(process);
            Ok(())
        })
        .map_err(|e| e.to_string())?;
    } else {
        for item in items {
            let name = item.name();
            let bytes = input::read_all(item)?;
            let document: Value = serde_json::from_slice(&bytes)
                .map_err(|e| format!("`{name}` is not JSON: {e}; run `pcds validate` on it"))?;
            let Value::Object(mut document) = document else {
                return Err(format!("`{name}` is not a release package"));
            };
            let Some(Value::Array(found)) = document.remove("releases") else {
                return Err(format!(
                    "`{name}` is not a release package: it has no `releases`"
                ));
            };
            if metadata.is_empty() {
                metadata = document;
            }
            releases.extend(found);
        }
    }
    if releases.is_empty() {
        return Err("the inputs hold no releases".into());
    }
    Ok((metadata, releases))
}
