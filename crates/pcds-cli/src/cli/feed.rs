//! `pcds publish` and `pcds harvest`: the clients of a publishing server.

use std::io::{IsTerminal, Read, Write};
use std::path::PathBuf;

use clap::Args;

use super::{EXIT_ERROR, EXIT_FINDINGS, EXIT_OK, write_error};
use crate::feed::{self, FeedError, HarvestOptions, HttpClient, PublishOptions, ValidatorChecker};

/// The arguments of `pcds publish`.
#[derive(Debug, Args)]
pub struct PublishArgs {
    /// A release package, a release, or JSON Lines of releases (`-` for standard input).
    #[arg(value_name = "FILE")]
    pub file: String,
    /// The server's base URL.
    #[arg(long, value_name = "URL")]
    pub to: String,
    /// The publisher's token (or set `PCDS_TOKEN`).
    #[arg(long, env = "PCDS_TOKEN", hide_env_values = true, value_name = "TOKEN")]
    pub token: String,
    /// Releases per request: each request is stored all or nothing.
    #[arg(long, default_value_t = 500, value_parser = clap::value_parser!(u64).range(1..=100_000))]
    pub batch: u64,
    /// Requests sent at once: the server validates them side by side. Releases of one process
    /// still arrive in the order given.
    #[arg(long, default_value_t = 2, value_parser = clap::value_parser!(u64).range(1..=16))]
    pub concurrent: u64,
    /// How long one request may take, in seconds.
    #[arg(long, default_value_t = 120, value_name = "SECONDS")]
    pub timeout: u64,
}

/// The arguments of `pcds withdraw`.
#[derive(Debug, Args)]
pub struct WithdrawArgs {
    /// The ocid of the process the releases belong to.
    #[arg(value_name = "OCID")]
    pub ocid: String,
    /// The ids of the releases to withdraw.
    #[arg(required = true, value_name = "RELEASE_ID")]
    pub ids: Vec<String>,
    /// The server's base URL.
    #[arg(long, visible_alias = "to", value_name = "URL")]
    pub from: String,
    /// The publisher's token (or set `PCDS_TOKEN`): one whose prefix holds the ocid.
    #[arg(long, env = "PCDS_TOKEN", hide_env_values = true, value_name = "TOKEN")]
    pub token: String,
    /// How long one request may take, in seconds.
    #[arg(long, default_value_t = 60, value_name = "SECONDS")]
    pub timeout: u64,
}

/// The arguments of `pcds harvest`.
#[derive(Debug, Args)]
pub struct HarvestArgs {
    /// Publishers' discovery URLs (a server's root, or a static export's `index.json`).
    #[arg(required = true, value_name = "URL")]
    pub sources: Vec<String>,
    /// The pool directory: one subdirectory per source.
    #[arg(long, value_name = "DIR")]
    pub out: PathBuf,
    /// The most pages to fetch from each source in this run; the next run resumes.
    #[arg(long, default_value_t = 100_000, value_parser = clap::value_parser!(u64).range(1..))]
    pub max_pages: u64,
    /// How long one request may take, in seconds.
    #[arg(long, default_value_t = 60, value_name = "SECONDS")]
    pub timeout: u64,
}

/// The largest answer a client reads.
const MAX_ANSWER: u64 = 256 * 1024 * 1024;

fn render(error: &FeedError, err: &mut dyn Write) -> Result<i32, String> {
    writeln!(err, "error: {error}").map_err(write_error)?;
    if let FeedError::Refused { findings, .. } = error {
        for finding in findings.iter().take(50) {
            writeln!(
                err,
                "  {} {} at `{}`: {}",
                finding.severity, finding.code, finding.pointer, finding.message
            )
            .map_err(write_error)?;
        }
        if findings.len() > 50 {
            writeln!(err, "  … and {} more", findings.len() - 50).map_err(write_error)?;
        }
    }
    Ok(if error.is_about_data() {
        EXIT_FINDINGS
    } else {
        EXIT_ERROR
    })
}

fn spinner(show: bool) -> indicatif::ProgressBar {
    if show {
        let bar = indicatif::ProgressBar::new_spinner();
        bar.enable_steady_tick(std::time::Duration::from_millis(120));
        bar
    } else {
        indicatif::ProgressBar::hidden()
    }
}

/// Runs `pcds publish`.
pub fn publish(args: &PublishArgs, err: &mut dyn Write) -> Result<i32, String> {
    // Publishing reads its input twice (its shape, then its releases), so standard input is
    // first copied to a temporary file, removed when publishing ends.
    let copy = if args.file == "-" {
        Some(StdinCopy::new().map_err(|e| format!("cannot read standard input: {e}"))?)
    } else {
        None
    };
    let path = copy
        .as_ref()
        .map_or_else(|| std::path::PathBuf::from(&args.file), |c| c.path.clone());
    let open =
        move || -> std::io::Result<Box<dyn Read>> { Ok(Box::new(std::fs::File::open(&path)?)) };
    let client = HttpClient::new(args.timeout, MAX_ANSWER).map_err(|e| e.to_string())?;
    let options = PublishOptions {
        to: args.to.clone(),
        token: args.token.clone(),
        batch: usize::try_from(args.batch).unwrap_or(500),
        concurrent: usize::try_from(args.concurrent).unwrap_or(2),
    };
    let bar = spinner(std::io::stderr().is_terminal());
    let result = feed::publish(&client, &open, &args.file, &options, &mut |sent, total| {
        bar.set_message(format!("published {sent} of {total} releases"));
    });
    bar.finish_and_clear();
    match result {
        Ok(published) => {
            writeln!(
                err,
                "published {} new release(s); {} already held unchanged; {} warning(s); {} request(s)",
                published.created, published.unchanged, published.warnings, published.requests
            )
            .map_err(write_error)?;
            Ok(EXIT_OK)
        }
        Err(error) => render(&error, err),
    }
}

/// Standard input, copied to a temporary file that is removed when this is dropped.
struct StdinCopy {
    path: std::path::PathBuf,
}

impl StdinCopy {
    fn new() -> std::io::Result<StdinCopy> {
        let path = std::env::temp_dir().join(format!(".pcds-publish-stdin-{}", std::process::id()));
        let copy = StdinCopy { path };
        let mut file = std::fs::File::create(&copy.path)?;
        std::io::copy(&mut std::io::stdin().lock(), &mut file)?;
        Ok(copy)
    }
}

impl Drop for StdinCopy {
    fn drop(&mut self) {
        let _ = std::fs::remove_file(&self.path);
    }
}

/// Runs `pcds withdraw`: one request per release, stopping at the first refusal.
pub fn withdraw(args: &WithdrawArgs, err: &mut dyn Write) -> Result<i32, String> {
    let client = HttpClient::new(args.timeout, MAX_ANSWER).map_err(|e| e.to_string())?;
    for id in &args.ids {
        match feed::withdraw(&client, &args.from, &args.token, &args.ocid, id) {
            Ok(w) => {
                let when = if w.already {
                    format!("had already been withdrawn on {}", w.withdrawn_at)
                } else {
                    format!("withdrawn on {}", w.withdrawn_at)
                };
                writeln!(
                    err,
                    "{} {}: {when}; the feed serves it as deleted at position {}",
                    w.ocid, w.id, w.modified
                )
                .map_err(write_error)?;
            }
            Err(error) => return render(&error, err),
        }
    }
    Ok(EXIT_OK)
}

/// Runs `pcds harvest`.
pub fn harvest(
    args: &HarvestArgs,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> Result<i32, String> {
    let client = HttpClient::new(args.timeout, MAX_ANSWER).map_err(|e| e.to_string())?;
    let checker = ValidatorChecker::new().map_err(|e| e.to_string())?;
    let options = HarvestOptions {
        max_pages: usize::try_from(args.max_pages).unwrap_or(usize::MAX),
    };
    let mut status = EXIT_OK;
    for source in &args.sources {
        let bar = spinner(std::io::stderr().is_terminal());
        let result = feed::harvest(&client, &checker, source, &args.out, options, &mut |p| {
            bar.set_message(format!(
                "{}: {} page(s), {} new release(s)",
                p.source, p.pages, p.releases
            ));
        });
        bar.finish_and_clear();
        match result {
            Ok(h) => {
                writeln!(
                    out,
                    "{}: {} new release(s), {} rejected, {}{} in all, {} record(s) in {}{}",
                    h.source,
                    h.added,
                    h.rejected,
                    if h.withdrawn > 0 {
                        format!("{} withdrawn and deleted, ", h.withdrawn)
                    } else {
                        String::new()
                    },
                    h.releases,
                    h.records,
                    h.dir.display(),
                    if h.more {
                        " (page limit reached: run again to continue)"
                    } else {
                        ""
                    }
                )
                .map_err(write_error)?;
                if h.rejected > 0 {
                    writeln!(
                        err,
                        "{}: {} item(s) failed validation and are not in the pool; each is in rejected.jsonl with its errors:",
                        h.source, h.rejected
                    )
                    .map_err(write_error)?;
                    for (ocid, codes) in &h.refusals {
                        writeln!(err, "  {ocid}: {}", codes.join(", ")).map_err(write_error)?;
                    }
                    if h.rejected > h.refusals.len() {
                        writeln!(err, "  … and {} more", h.rejected - h.refusals.len())
                            .map_err(write_error)?;
                    }
                    status = status.max(EXIT_FINDINGS);
                }
            }
            Err(error) => {
                writeln!(
                    err,
                    "{source}: harvest stopped; what was fetched is kept and the next run resumes"
                )
                .map_err(write_error)?;
                status = status.max(render(&error, err)?);
            }
        }
    }
    Ok(status)
}
