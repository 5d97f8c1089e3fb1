//! `pcds upgrade`: PCDS 0.1 data in, 0.2 out, with a coded note wherever a person must decide.

use std::io::{Read, Write};
use std::path::PathBuf;

use serde_json::Value;

use super::{EXIT_FINDINGS, EXIT_OK, write_error};
use crate::input;
use pcds_validator::upgrade::{UpgradeOutcome, upgrade};

/// Arguments of `pcds upgrade`.
#[derive(Debug, clap::Args)]
pub struct UpgradeArgs {
    /// A PCDS 0.1 file (release package, record package, release, record or array of
    /// releases), a URL, or `-` for standard input.
    #[arg(value_name = "INPUT")]
    pub input: String,
    /// Write the upgraded document to this file instead of standard output.
    #[arg(long, short, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// How to print the notes on standard error: `text` for people, `json` for programs.
    #[arg(long, value_enum, default_value_t = NotesFormat::Text)]
    pub format: NotesFormat,
    /// The largest document read, in bytes (1 GiB by default). An upgrade holds the whole
    /// document in memory, so larger inputs are refused rather than read.
    #[arg(long, default_value_t = 1 << 30, value_name = "BYTES")]
    pub max_size: u64,
}

/// How notes are printed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum NotesFormat {
    /// One note a paragraph.
    Text,
    /// The outcome as one JSON object.
    Json,
}

pub fn run(args: &UpgradeArgs, out: &mut dyn Write, err: &mut dyn Write) -> Result<i32, String> {
    let items = input::expand(std::slice::from_ref(&args.input)).map_err(|e| e.to_string())?;
    let [item] = items.as_slice() else {
        return Err(format!(
            "`{}` is not one document: upgrade one file at a time",
            args.input
        ));
    };
    let name = item.name();
    let limits = input::Limits {
        max_download: args.max_size,
        ..input::Limits::default()
    };
    let opened = input::open(item, &limits).map_err(|e| e.to_string())?;
    let mut bytes = Vec::new();
    opened
        .reader
        .take(args.max_size.saturating_add(1))
        .read_to_end(&mut bytes)
        .map_err(|e| format!("PCDS-INPUT-007: reading `{name}` failed: {e}"))?;
    if bytes.len() as u64 > args.max_size {
        return Err(format!(
            "PCDS-INPUT-005: `{name}` is larger than the limit of {} bytes (`--max-size`)",
            args.max_size
        ));
    }
    let mut document: Value = serde_json::from_slice(&bytes).map_err(|e| {
        format!("PCDS-PARSE-001: `{name}` is not well-formed JSON: {e}; run `pcds validate` on it")
    })?;
    if !document.is_object() && !document.is_array() {
        return Err(format!(
            "PCDS-DOC-001: `{name}` is not a PCDS document (a package, release, record or array of releases)"
        ));
    }
    let outcome = upgrade(&mut document);
    let mut text = serde_json::to_string_pretty(&document).map_err(|e| e.to_string())?;
    text.push('\n');
    match &args.output {
        Some(path) => std::fs::write(path, text)
            .map_err(|e| format!("cannot write `{}`: {e}", path.display()))?,
        None => out.write_all(text.as_bytes()).map_err(write_error)?,
    }
    report(&outcome, &name, args.format, err).map_err(write_error)?;
    Ok(if outcome.notes.is_empty() {
        EXIT_OK
    } else {
        EXIT_FINDINGS
    })
}

fn report(
    outcome: &UpgradeOutcome,
    name: &str,
    format: NotesFormat,
    err: &mut dyn Write,
) -> std::io::Result<()> {
    if format == NotesFormat::Json {
        let text = serde_json::to_string_pretty(outcome).map_err(std::io::Error::other)?;
        return writeln!(err, "{text}");
    }
    for note in &outcome.notes {
        writeln!(err, "note[{}]: {}", note.code, note.message)?;
        writeln!(err, "  --> {name} at {}", note.pointer)?;
    }
    writeln!(
        err,
        "{name}: {} release(s) read, {} value(s) rewritten, {} decision(s) left to you",
        outcome.releases,
        outcome.changes,
        outcome.notes.len()
    )?;
    if !outcome.notes.is_empty() {
        writeln!(
            err,
            "  = hint: make each decision in the upgraded file, then run `pcds validate` on it"
        )?;
    }
    Ok(())
}
