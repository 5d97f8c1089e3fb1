//! `pcds rules` and `pcds explain`.

use std::io::Write;

use clap::ValueEnum;

use super::{EXIT_OK, write_error};
use pcds_validator::catalogue;

/// How `pcds rules` prints the catalogue.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum RulesFormat {
    /// One line per rule.
    Text,
    /// The catalogue page, as committed under docs/.
    Markdown,
    /// Every rule as JSON.
    Json,
}

pub fn rules(format: RulesFormat, out: &mut dyn Write) -> Result<i32, String> {
    match format {
        RulesFormat::Text => out
            .write_all(catalogue::table().as_bytes())
            .map_err(write_error)?,
        RulesFormat::Markdown => out
            .write_all(pcds_validator::rules::catalogue_markdown().as_bytes())
            .map_err(write_error)?,
        RulesFormat::Json => {
            serde_json::to_writer_pretty(&mut *out, pcds_validator::rules::ALL)
                .map_err(|e| e.to_string())?;
            writeln!(out).map_err(write_error)?;
        }
    }
    Ok(EXIT_OK)
}

pub fn explain(code: &str, out: &mut dyn Write) -> Result<i32, String> {
    match catalogue::find(code) {
        Some(rule) => {
            out.write_all(catalogue::explain(rule).as_bytes())
                .map_err(write_error)?;
            Ok(EXIT_OK)
        }
        None => {
            let nearest = pcds_validator::suggest_nearest(
                code,
                pcds_validator::rules::ALL.iter().map(|r| r.code),
            );
            let hint = nearest.map_or_else(
                || "; `pcds rules` lists them all".to_owned(),
                |n| format!("; did you mean `{n}`?"),
            );
            Err(format!("no rule has the code `{code}`{hint}"))
        }
    }
}
