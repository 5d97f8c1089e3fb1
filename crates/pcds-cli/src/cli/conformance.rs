//! `pcds conformance`: run the corpus against this validator or another implementation, and
//! report which classes a dataset meets.

use std::io::Write;
use std::path::PathBuf;
use std::time::Duration;

use clap::{Subcommand, ValueEnum};
use pcds::codelists::PublicationLevel;
use pcds_conformance::certificate::{self, DigestingClient, FeedCertificate, RunCertificate};
use pcds_conformance::{Case, External, FindingId, Implementation, Level, render};

use super::{EXIT_FINDINGS, EXIT_OK, write_error};
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
        /// Also write a certificate of the run to this directory (`conformance-certificate.json`
        /// and `.html`): the date, the tool and standard versions, the corpus's digest, each
        /// class passed or failed with the cases that failed it, and a statement to cite.
        #[arg(long, value_name = "DIR")]
        certificate: Option<PathBuf>,
        /// The implementation's name and version in the certificate (`Acme Exporter 3.2`);
        /// needed with `--impl`, this validator's own by default.
        #[arg(long, value_name = "NAME")]
        impl_name: Option<String>,
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
        /// Also write a certificate of the check to this directory (`feed-certificate.json` and
        /// `.html`): the date, the tool and standard versions, a digest of everything fetched,
        /// every check's result, and a statement to cite.
        #[arg(long, value_name = "DIR")]
        out: Option<PathBuf>,
    },
    /// Say which conformance classes a dataset meets, and write a report to publish: the
    /// date, the tool and standard versions, the SHA-256 of every input, each class's verdict
    /// with the findings that failed it, and a statement to cite.
    #[command(
        after_help = "Exit status:\n  0  every class that applies is met\n  1  some class is not met\n  2  usage or input error"
    )]
    Report {
        /// Files, directories, URLs or `-`.
        #[arg(required = true, value_name = "INPUT")]
        inputs: Vec<String>,
        /// The directory to write `conformance-report.json` and `conformance-report.html` to.
        #[arg(long, value_name = "DIR", default_value = "pcds-conformance-report")]
        out: PathBuf,
    },
    /// Check that files are the ones a conformance report judged: each file's SHA-256 digest
    /// must be the one the report lists for its name, and every input of the report given. For
    /// a certificate of a run (`conformance run --certificate`), give the corpus directory: its
    /// digest must be the one the certificate names.
    #[command(
        after_help = "Exit status:\n  0  every file is one the report judged, unchanged\n  1  a file changed, is not in the report, or an input was not given\n  2  usage error, or not a report"
    )]
    Verify {
        /// The `conformance-report.json` written by `pcds conformance report`, or the
        /// `conformance-certificate.json` written by `pcds conformance run --certificate`.
        #[arg(value_name = "REPORT")]
        report: PathBuf,
        /// The files the report names, or the corpus directory a certificate was made on.
        #[arg(required = true, value_name = "FILE")]
        files: Vec<PathBuf>,
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
                rare_combination_minimum: None,
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
            certificate,
            impl_name,
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
            let name = match (impl_name, &implementation) {
                (Some(name), _) => name,
                (None, None) => {
                    format!("pcds {} (reference validator)", env!("CARGO_PKG_VERSION"))
                }
                (None, Some(_)) if certificate.is_some() => {
                    return Err("a certificate names the implementation it certifies: give its name and version with `--impl-name` (for example `--impl-name \"Acme Exporter 3.2\"`)".into());
                }
                (None, Some(command)) => command.clone(),
            };
            let implementation: Box<dyn Implementation> = match implementation {
                Some(command) => Box::new(External {
                    command,
                    timeout: Duration::from_secs(timeout),
                }),
                None => Box::new(Reference::new()?),
            };
            let result = pcds_conformance::run(&corpus, implementation.as_ref());
            if let Some(dir) = certificate {
                let digest = certificate::corpus_digest(&cases).map_err(|e| e.to_string())?;
                let certificate = RunCertificate::new(
                    &result,
                    name,
                    digest,
                    super::dataset_report::checked_at(),
                    format!("pcds {}", env!("CARGO_PKG_VERSION")),
                );
                write_pair(
                    &dir,
                    "conformance-certificate",
                    &certificate,
                    &certificate.to_html(),
                    err,
                )?;
                writeln!(err, "{}", certificate.statement).map_err(write_error)?;
            }
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
        ConformanceCommand::Report { inputs, out: dir } => {
            super::dataset_report::report(&inputs, &dir, out, err)
        }
        ConformanceCommand::Verify { report, files } => {
            super::dataset_report::verify(&report, &files, err)
        }
        ConformanceCommand::CheckFeed {
            url,
            format,
            max_pages,
            timeout,
            out: dir,
        } => {
            let http = crate::feed::HttpClient::new(timeout, 256 * 1024 * 1024)
                .map_err(|e| e.to_string())?;
            let client = DigestingClient::new(&http);
            let checker = crate::feed::ValidatorChecker::new().map_err(|e| e.to_string())?;
            let report = crate::feed::check_feed(
                &client,
                &checker,
                &url,
                usize::try_from(max_pages).unwrap_or(usize::MAX),
            );
            let passed = report.passed();
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
            if let Some(dir) = dir {
                let certificate = FeedCertificate::new(
                    report,
                    client.finish(),
                    super::dataset_report::checked_at(),
                    format!("pcds {}", env!("CARGO_PKG_VERSION")),
                );
                write_pair(
                    &dir,
                    "feed-certificate",
                    &certificate,
                    &certificate.to_html(),
                    err,
                )?;
                writeln!(err, "{}", certificate.statement).map_err(write_error)?;
            }
            Ok(if passed { EXIT_OK } else { EXIT_FINDINGS })
        }
    }
}

/// Writes `NAME.json` and `NAME.html` to `dir`, creating it, and says so on `err`.
fn write_pair(
    dir: &std::path::Path,
    name: &str,
    value: &impl serde::Serialize,
    html: &str,
    err: &mut dyn Write,
) -> Result<(), String> {
    std::fs::create_dir_all(dir).map_err(|e| format!("cannot create `{}`: {e}", dir.display()))?;
    let json_path = dir.join(format!("{name}.json"));
    let mut json = serde_json::to_string_pretty(value).map_err(|e| e.to_string())?;
    json.push('\n');
    std::fs::write(&json_path, json)
        .map_err(|e| format!("cannot write `{}`: {e}", json_path.display()))?;
    let html_path = dir.join(format!("{name}.html"));
    std::fs::write(&html_path, html)
        .map_err(|e| format!("cannot write `{}`: {e}", html_path.display()))?;
    writeln!(
        err,
        "wrote {} and {}",
        json_path.display(),
        html_path.display()
    )
    .map_err(write_error)
}
