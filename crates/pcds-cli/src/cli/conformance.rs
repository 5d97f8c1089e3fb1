//! `pcds conformance`: run the corpus against this validator or another implementation, and
//! report which classes a dataset meets.

use std::fmt::Write as _;
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::time::Duration;

use clap::{Subcommand, ValueEnum};
use pcds::codelists::PublicationLevel;
use pcds_conformance::{Case, External, FindingId, Implementation, Level, render};
use pcds_validator::render::xml::attribute;

use super::{EXIT_FINDINGS, EXIT_OK, write_error};
use crate::input::{self, Limits};
use pcds_validator::Severity;
use pcds_validator::{InputReport, Report};
use pcds_validator::{Options, RunTotals, Validator};

/// The conformance subcommands.
#[derive(Debug, Subcommand)]
pub enum ConformanceCommand {
    /// Run the case corpus against this validator, or against any implementation with `--impl`.
    #[command(
        after_help = "Exit status:\n  0  every case passed\n  1  some cases failed\n  2  usage or input error"
    )]
    Run {
        /// A shell command that checks one document: it reads the document on standard input
        /// (or from the path that replaces `{}` in the command), finds the level in
        /// `PCDS_LEVEL`, and prints its findings as JSON (see conformance/README.md).
        #[arg(long = "impl", value_name = "COMMAND")]
        implementation: Option<String>,
        /// The corpus directory.
        #[arg(long, value_name = "DIR", default_value = "conformance/cases")]
        cases: PathBuf,
        /// Run only these classes (repeatable).
        #[arg(long, value_name = "CLASS")]
        class: Vec<String>,
        /// How to print the results.
        #[arg(long, value_enum, default_value_t = RunFormat::Human)]
        format: RunFormat,
        /// Write the results to this file instead of standard output.
        #[arg(long, short, value_name = "FILE")]
        output: Option<PathBuf>,
        /// How long an external implementation may take over one case, in seconds.
        #[arg(long, default_value_t = 30, value_name = "SECONDS")]
        timeout: u64,
    },
    /// Check a live publishing endpoint (or a static export) against the `feed` class: walks
    /// the discovery document, every feed page, records and releases as a harvester would.
    #[command(
        after_help = "Exit status:\n  0  the endpoint conforms to the feed class\n  1  some checks failed\n  2  usage error"
    )]
    CheckFeed {
        /// The endpoint's discovery URL (a server's root, or a static export's `index.json`).
        #[arg(value_name = "URL")]
        url: String,
        /// `human` for people, `json` for programs.
        #[arg(long, value_enum, default_value_t = FeedFormat::Human)]
        format: FeedFormat,
        /// The most feed pages to follow.
        #[arg(long, default_value_t = 10_000, value_parser = clap::value_parser!(u64).range(1..))]
        max_pages: u64,
        /// How long one request may take, in seconds.
        #[arg(long, default_value_t = 60, value_name = "SECONDS")]
        timeout: u64,
    },
    /// Say which conformance classes a dataset meets, and write a report to publish.
    Report {
        /// Files, directories, URLs or `-`.
        #[arg(required = true, value_name = "INPUT")]
        inputs: Vec<String>,
        /// The directory to write `conformance-report.json` and `conformance-report.html` to.
        #[arg(long, value_name = "DIR", default_value = "pcds-conformance-report")]
        out: PathBuf,
    },
}

/// Output formats of a run.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum RunFormat {
    /// For people.
    Human,
    /// For programs.
    Json,
    /// JUnit XML, for CI test reports.
    Junit,
    /// A Markdown summary, for a CI job page.
    Markdown,
}

/// Output formats of a feed check.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum FeedFormat {
    /// For people.
    Human,
    /// For programs.
    Json,
}

/// This validator, as an implementation under test.
struct Reference {
    validators: [Validator; 3],
}

impl Reference {
    fn new() -> Result<Self, String> {
        let build = |level| {
            Validator::with_options(Options {
                level,
                threads: Some(1),
                max_findings: None,
            })
            .map_err(|e| e.to_string())
        };
        Ok(Reference {
            validators: [
                build(None)?,
                build(Some(PublicationLevel::Open))?,
                build(Some(PublicationLevel::Partnership))?,
            ],
        })
    }
}

impl Implementation for Reference {
    fn name(&self) -> String {
        format!("pcds {} (reference)", env!("CARGO_PKG_VERSION"))
    }

    fn check(&self, case: &Case) -> Result<Vec<FindingId>, String> {
        let validator = match case.level {
            None => &self.validators[0],
            Some(Level::Open) => &self.validators[1],
            Some(Level::Partnership) => &self.validators[2],
        };
        let input = case.input();
        let report = validator
            .check_reader(&case.id, input.as_slice(), &mut RunTotals::default())
            .map_err(|e| e.to_string())?;
        Ok(report.findings.into_iter().map(|f| f.id()).collect())
    }
}

pub fn run(
    command: ConformanceCommand,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> Result<i32, String> {
    match command {
        ConformanceCommand::Run {
            implementation,
            cases,
            class,
            format,
            output,
            timeout,
        } => {
            let mut corpus = pcds_conformance::load(&cases).map_err(|e| e.to_string())?;
            if let Some(unknown) = class
                .iter()
                .find(|c| pcds_conformance::classes::find(c).is_none())
            {
                return Err(format!("there is no conformance class `{unknown}`"));
            }
            if !class.is_empty() {
                corpus.retain(|case| class.contains(&case.class));
            }
            let implementation: Box<dyn Implementation> = match implementation {
                Some(command) => Box::new(External {
                    command,
                    timeout: Duration::from_secs(timeout),
                }),
                None => Box::new(Reference::new()?),
            };
            let result = pcds_conformance::run(&corpus, implementation.as_ref());
            let text = match format {
                RunFormat::Human => render::human(&result),
                RunFormat::Json => render::json(&result),
                RunFormat::Junit => render::junit(&result),
                RunFormat::Markdown => render::markdown(&result),
            };
            match output {
                Some(path) => std::fs::write(&path, text)
                    .map_err(|e| format!("cannot write `{}`: {e}", path.display()))?,
                None => out.write_all(text.as_bytes()).map_err(write_error)?,
            }
            Ok(if result.passed() {
                EXIT_OK
            } else {
                EXIT_FINDINGS
            })
        }
        ConformanceCommand::Report { inputs, out: dir } => report(&inputs, &dir, out, err),
        ConformanceCommand::CheckFeed {
            url,
            format,
            max_pages,
            timeout,
        } => {
            let client = crate::feed::HttpClient::new(timeout, 256 * 1024 * 1024)
                .map_err(|e| e.to_string())?;
            let checker = crate::feed::ValidatorChecker::new().map_err(|e| e.to_string())?;
            let report = crate::feed::check_feed(
                &client,
                &checker,
                &url,
                usize::try_from(max_pages).unwrap_or(usize::MAX),
            );
            let text = match format {
                FeedFormat::Human => report.to_text(),
                FeedFormat::Json => {
                    let mut json =
                        serde_json::to_string_pretty(&report).map_err(|e| e.to_string())?;
                    json.push('\n');
                    json
                }
            };
            out.write_all(text.as_bytes()).map_err(write_error)?;
            Ok(if report.passed() {
                EXIT_OK
            } else {
                EXIT_FINDINGS
            })
        }
    }
}

/// One class's standing for a dataset.
#[derive(Debug, serde::Serialize)]
struct ClassStanding {
    id: &'static str,
    uri: String,
    title: &'static str,
    /// `met`, `not met` or `not applicable`.
    status: &'static str,
    /// Error findings that count against the class.
    errors: usize,
    /// Warnings that count against the class.
    warnings: usize,
}

fn check_all(
    inputs: &[input::Input],
    level: Option<PublicationLevel>,
) -> Result<(Report, Vec<String>), String> {
    let validator = Validator::with_options(Options {
        level,
        threads: None,
        max_findings: None,
    })
    .map_err(|e| e.to_string())?;
    let mut totals = RunTotals::default();
    let mut reports: Vec<InputReport> = Vec::new();
    for item in inputs {
        let opened = input::open(item, &Limits::default()).map_err(|e| e.to_string())?;
        reports.push(
            validator
                .check_reader(&item.name(), opened.reader, &mut totals)
                .map_err(|e| format!("reading `{}` failed: {e}", item.name()))?,
        );
    }
    let coverage = validator.coverage(&totals);
    let paths = coverage.iter().map(|c| c.path.clone()).collect();
    Ok((
        Report::new(reports, Severity::Error, totals.ocids(), coverage),
        paths,
    ))
}

fn report(
    arguments: &[String],
    dir: &Path,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> Result<i32, String> {
    let inputs = input::expand(arguments).map_err(|e| e.to_string())?;
    if inputs.contains(&input::Input::Stdin) {
        return Err("`pcds conformance report` reads its inputs twice, so it cannot read standard input; save it to a file first".into());
    }
    let (claimed, fields) = check_all(&inputs, None)?;
    let (as_open, _) = check_all(&inputs, Some(PublicationLevel::Open))?;
    let has = |needle: &str| fields.iter().any(|f| f.contains(needle));
    let findings = |report: &Report| {
        report
            .inputs
            .iter()
            .flat_map(|i| i.findings.clone())
            .collect::<Vec<_>>()
    };
    let (claimed_findings, open_findings) = (findings(&claimed), findings(&as_open));
    let standings: Vec<ClassStanding> = pcds_conformance::CLASSES
        .iter()
        .filter(|class| !class.endpoint)
        .map(|class| {
            let applicable = match class.id {
                "pricing" => has("weeklyPrice") || has("priceBreakdown") || has("priceSchedule"),
                "framework" => has("admission") || has("lots") || has("relatedProcesses"),
                "outcomes" => has("implementation") || has("ending"),
                _ => true,
            };
            let source = if class.id == "open-data" {
                &open_findings
            } else {
                &claimed_findings
            };
            let against: Vec<_> = source
                .iter()
                .filter(|f| pcds_conformance::classes::counts_against(class, &f.code))
                .collect();
            let errors = against
                .iter()
                .filter(|f| f.severity == Severity::Error)
                .count();
            let warnings = against
                .iter()
                .filter(|f| f.severity == Severity::Warning)
                .count();
            let status = if !applicable {
                "not applicable"
            } else if errors == 0 {
                "met"
            } else {
                "not met"
            };
            ClassStanding {
                id: class.id,
                uri: class.uri(),
                title: class.title,
                status,
                errors,
                warnings,
            }
        })
        .collect();
    let line = standings
        .iter()
        .map(|s| match s.status {
            "met" => format!("{} ✔", s.id),
            "not applicable" => format!("{} —", s.id),
            _ => format!(
                "{} ✘ ({} finding{})",
                s.id,
                s.errors,
                if s.errors == 1 { "" } else { "s" }
            ),
        })
        .collect::<Vec<_>>()
        .join(", ");
    std::fs::create_dir_all(dir).map_err(|e| format!("cannot create `{}`: {e}", dir.display()))?;
    let document = serde_json::json!({
        "pcdsVersion": pcds::PCDS_VERSION,
        "tool": format!("pcds {}", env!("CARGO_PKG_VERSION")),
        "inputs": claimed.inputs.iter().map(|i| serde_json::json!({"name": i.name, "kind": i.kind, "releases": i.releases, "bytes": i.bytes})).collect::<Vec<_>>(),
        "classes": standings,
        "findings": claimed_findings.iter().chain(open_findings.iter().filter(|f| f.code.starts_with("PCDS-PRIV-"))).take(1000).collect::<Vec<_>>(),
    });
    let json_path = dir.join("conformance-report.json");
    let mut json = serde_json::to_string_pretty(&document).map_err(|e| e.to_string())?;
    json.push('\n');
    std::fs::write(&json_path, json)
        .map_err(|e| format!("cannot write `{}`: {e}", json_path.display()))?;
    let html_path = dir.join("conformance-report.html");
    std::fs::write(&html_path, html(&standings, &claimed))
        .map_err(|e| format!("cannot write `{}`: {e}", html_path.display()))?;
    writeln!(out, "{line}").map_err(write_error)?;
    writeln!(
        err,
        "wrote {} and {}",
        json_path.display(),
        html_path.display()
    )
    .map_err(write_error)?;
    let failed = standings.iter().any(|s| s.status == "not met");
    let _ = io::stdout().flush();
    Ok(if failed { EXIT_FINDINGS } else { EXIT_OK })
}

/// A small self-contained page a vendor can publish.
fn html(standings: &[ClassStanding], report: &Report) -> String {
    let mut rows = String::new();
    for s in standings {
        let mark = match s.status {
            "met" => "✔ met",
            "not applicable" => "— not applicable",
            _ => "✘ not met",
        };
        let _ = writeln!(
            rows,
            "<tr><td><a href=\"{}\">{}</a></td><td class=\"{}\">{mark}</td><td>{}</td><td>{}</td></tr>",
            attribute(&s.uri),
            attribute(s.title),
            s.status.replace(' ', "-"),
            s.errors,
            s.warnings
        );
    }
    let mut inputs = String::new();
    for input in &report.inputs {
        let _ = writeln!(
            inputs,
            "<li><code>{}</code>: {}, {} releases</li>",
            attribute(&input.name),
            attribute(input.kind.as_deref().unwrap_or("unreadable")),
            input.releases
        );
    }
    format!(
        "<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>PCDS conformance report</title>\n<style>body{{font-family:system-ui,sans-serif;max-width:48rem;margin:2rem auto;padding:0 1rem}}table{{border-collapse:collapse;width:100%}}td,th{{border:1px solid #ccc;padding:.4rem;text-align:left}}.met{{color:#176117}}.not-met{{color:#a11}}.not-applicable{{color:#666}}</style></head>\n<body><h1>PCDS conformance report</h1>\n<p>Checked with pcds {} against the Placement Contracting Data Standard {}.</p>\n<ul>\n{inputs}</ul>\n<table><thead><tr><th>Class</th><th>Status</th><th>Errors</th><th>Warnings</th></tr></thead><tbody>\n{rows}</tbody></table>\n</body></html>\n",
        env!("CARGO_PKG_VERSION"),
        pcds::PCDS_VERSION
    )
}
