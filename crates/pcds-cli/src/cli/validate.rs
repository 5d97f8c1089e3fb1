//! `pcds validate`.

use std::io::{self, IsTerminal, Read, Write};
use std::path::PathBuf;

use clap::{Args, ValueEnum};
use indicatif::{ProgressBar, ProgressStyle};
use pcds::codelists::PublicationLevel;

use super::{EXIT_ERROR, EXIT_FINDINGS, EXIT_OK, write_error};
use crate::input::{self, Limits};
use pcds_validator::Report;
use pcds_validator::Severity;
use pcds_validator::render;
use pcds_validator::{Options, RunTotals, Validator};

/// Output formats for findings.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// For people: grouped by input and rule, with the offending line, then a summary.
    Human,
    /// For programs: every finding and the summary as JSON.
    Json,
    /// JUnit XML, for CI test reports.
    Junit,
    /// SARIF 2.1.0, for code-scanning dashboards such as GitHub's.
    Sarif,
}

/// The lowest severity that fails a run.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum FailOn {
    /// Fail on errors only.
    Error,
    /// Fail on warnings and errors.
    Warning,
}

/// A publication level given on the command line.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Level {
    /// Check as open data.
    Open,
    /// Check as partnership-only data.
    Partnership,
}

/// Arguments of `pcds validate`.
#[derive(Debug, Args)]
pub struct ValidateArgs {
    /// Files, directories (searched recursively for .json, .jsonl and .ndjson files), http(s)
    /// URLs, or `-` for standard input.
    #[arg(required = true, value_name = "INPUT")]
    pub inputs: Vec<String>,
    /// How to print the findings.
    #[arg(long, value_enum, default_value_t = Format::Human)]
    pub format: Format,
    /// The lowest severity that makes the run fail (exit 1).
    #[arg(long, value_enum, default_value_t = FailOn::Error)]
    pub fail_on: FailOn,
    /// Check against this publication level instead of the one the data claims (a bare
    /// release or JSON Lines claims none).
    #[arg(long, value_enum)]
    pub level: Option<Level>,
    /// Write the report to this file instead of standard output.
    #[arg(long, short, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// The most bytes to download from a URL.
    #[arg(long, default_value_t = 1 << 30, value_name = "BYTES")]
    pub max_download: u64,
    /// How long a URL may take, in seconds.
    #[arg(long, default_value_t = 60, value_name = "SECONDS")]
    pub timeout: u64,
    /// Never show a progress bar (one shows only on a terminal, for inputs over 8 MB).
    #[arg(long)]
    pub no_progress: bool,
    /// How many threads check releases (the number of cores by default). Results are the same
    /// on any number.
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u16).range(1..=256))]
    pub threads: Option<u16>,
    /// The most findings to report per input; past it, findings are counted by rule and the
    /// report says how many were left out. `0` reports every finding.
    #[arg(long, default_value_t = DEFAULT_MAX_FINDINGS, value_name = "N")]
    pub max_findings: usize,
    /// The fewest children an input must describe for rare combinations of their attributes
    /// (PCDS-PRIV-010) to be judged; an input with fewer says the rule was not judged. Give 1
    /// when the input is a whole dataset, however small.
    #[arg(long, default_value_t = RARE_COMBINATION_MINIMUM, value_name = "N", value_parser = clap::value_parser!(u32).range(1..=1_000_000))]
    pub rare_combination_minimum: u32,
}

/// The default of `--rare-combination-minimum`: the validator's own.
const RARE_COMBINATION_MINIMUM: u32 = {
    assert!(pcds_validator::RARE_COMBINATION_MINIMUM_CHILDREN <= u32::MAX as usize);
    pcds_validator::RARE_COMBINATION_MINIMUM_CHILDREN as u32
};

/// The findings reported per input unless `--max-findings` says otherwise: enough to fix a
/// broken export from, few enough that a CI log stays readable.
pub const DEFAULT_MAX_FINDINGS: usize = 1000;

/// Inputs at least this large show a progress bar on a terminal.
const PROGRESS_FROM_BYTES: u64 = 8 << 20;

pub fn run(args: &ValidateArgs, out: &mut dyn Write, err: &mut dyn Write) -> Result<i32, String> {
    let inputs = input::expand(&args.inputs).map_err(|e| e.to_string())?;
    let level = args.level.map(|level| match level {
        Level::Open => PublicationLevel::Open,
        Level::Partnership => PublicationLevel::Partnership,
    });
    let threads = args.threads.map(usize::from);
    let max_findings = (args.max_findings > 0).then_some(args.max_findings);
    let validator = Validator::with_options(Options {
        level,
        threads,
        max_findings,
        rare_combination_minimum: usize::try_from(args.rare_combination_minimum).ok(),
    })
    .map_err(|e| e.to_string())?;
    let limits = Limits {
        max_download: args.max_download,
        timeout_seconds: args.timeout,
        ..Limits::default()
    };
    let fail_on = match args.fail_on {
        FailOn::Error => Severity::Error,
        FailOn::Warning => Severity::Warning,
    };
    let show_progress =
        !args.no_progress && io::stderr().is_terminal() && std::env::var_os("CI").is_none();
    let mut totals = RunTotals::default();
    let mut reports = Vec::new();
    let mut input_errors = 0;
    for input in &inputs {
        let name = input.name();
        let opened = match input::open(input, &limits) {
            Ok(opened) => opened,
            Err(e) => {
                writeln!(err, "error: {e}").map_err(write_error)?;
                input_errors += 1;
                continue;
            }
        };
        let progress = (show_progress && opened.length.is_some_and(|l| l >= PROGRESS_FROM_BYTES))
            .then(|| bar(&name, opened.length));
        let reader: Box<dyn Read> = match &progress {
            Some(bar) => Box::new(bar.wrap_read(opened.reader)),
            None => opened.reader,
        };
        let result = validator.check_reader(&name, reader, &mut totals);
        if let Some(bar) = progress {
            bar.finish_and_clear();
        }
        match result {
            Ok(report) => reports.push(report),
            Err(e) => {
                writeln!(err, "error: PCDS-INPUT-007: reading `{name}` failed: {e}")
                    .map_err(write_error)?;
                input_errors += 1;
            }
        }
    }
    let report = Report::new(
        reports,
        fail_on,
        totals.ocids(),
        validator.coverage(&totals),
    );
    match &args.output {
        Some(path) => {
            let file = std::fs::File::create(path)
                .map_err(|e| format!("cannot create `{}`: {e}", path.display()))?;
            let mut writer = io::BufWriter::new(file);
            render_report(&report, args.format, false, &mut writer).map_err(write_error)?;
            writer.flush().map_err(write_error)?;
        }
        None => {
            let color =
                args.format == Format::Human && io::stdout().is_terminal() && colour_allowed();
            render_report(&report, args.format, color, out).map_err(write_error)?;
        }
    }
    Ok(if input_errors > 0 {
        EXIT_ERROR
    } else if report.failed() {
        EXIT_FINDINGS
    } else {
        EXIT_OK
    })
}

fn render_report(
    report: &Report,
    format: Format,
    color: bool,
    out: &mut dyn Write,
) -> io::Result<()> {
    match format {
        Format::Human => render::human(report, color, out),
        Format::Json => render::json(report, out),
        Format::Junit => render::junit(report, out),
        Format::Sarif => render::sarif(report, out),
    }
}

/// Colour unless `NO_COLOR` is set to anything non-empty, or the terminal is dumb.
fn colour_allowed() -> bool {
    std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
        && std::env::var("TERM").map_or(true, |t| t != "dumb")
}

fn bar(name: &str, length: Option<u64>) -> ProgressBar {
    let bar = ProgressBar::new(length.unwrap_or(0));
    if let Ok(style) = ProgressStyle::with_template(
        "{msg} [{bar:30}] {bytes}/{total_bytes} ({bytes_per_sec}, {eta})",
    ) {
        bar.set_style(style.progress_chars("=> "));
    }
    bar.set_message(name.to_owned());
    bar
}
