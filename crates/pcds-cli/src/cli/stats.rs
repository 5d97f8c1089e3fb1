//! `pcds stats`: placements and weekly prices from pooled data, by placement type, age band,
//! council and quarter, with small numbers suppressed the same way the server suppresses them.

use std::fmt::Write as _;
use std::io::Write;

use clap::{Args, ValueEnum};
use pcds_server::stats::{Dimension, Tabulator};
use serde_json::Value;

use super::{EXIT_OK, write_error};
use crate::input;
use crate::pool::Pooled;

/// The arguments of `pcds stats`.
#[derive(Debug, Args)]
pub struct StatsArgs {
    /// Record packages (such as a harvest's `records.json`), release packages, or JSON Lines
    /// of releases (such as a harvest's `releases.jsonl`): files, directories, URLs or `-`.
    #[arg(required = true, value_name = "INPUT")]
    pub inputs: Vec<String>,
    /// The dimensions to break down by, comma-separated: any of placementType, ageBand,
    /// council, quarter.
    #[arg(long, default_value = "placementType,quarter", value_name = "LIST")]
    pub by: String,
    /// Cells with fewer placements than this are suppressed.
    #[arg(long, default_value_t = 10, value_parser = clap::value_parser!(u64).range(1..))]
    pub suppress_below: u64,
    /// `table` for people, `json` for programs.
    #[arg(long, value_enum, default_value_t = StatsFormat::Table)]
    pub format: StatsFormat,
}

/// Output formats of `pcds stats`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum StatsFormat {
    /// An aligned text table.
    Table,
    /// The same JSON the server's `stats.json` gives.
    Json,
}

/// Runs `pcds stats`.
pub fn run(args: &StatsArgs, out: &mut dyn Write) -> Result<i32, String> {
    let dimensions = Dimension::parse_list(&args.by).map_err(|e| format!("`--by`: {e}"))?;
    // Releases are compiled per process across every input, so a process whose releases
    // arrive in different files (or twice, as in a harvest's releases and records) counts once.
    let mut pooled = Pooled::new().map_err(|e| e.to_string())?;
    for item in input::expand(&args.inputs).map_err(|e| e.to_string())? {
        if pooled.read(&item, &|_| {}).map_err(|e| e.to_string())? == Some(0) {
            return Err(format!("`{}` holds no records or releases", item.name()));
        }
    }
    let mut tabulator = Tabulator::default();
    let mut failed = None;
    pooled
        .for_each_process(|ocid, releases| {
            match pcds::compile::compile(&releases) {
                Ok(release) => tabulator.add(&release),
                Err(e) => {
                    failed.get_or_insert_with(|| format!("cannot compile `{ocid}`: {e}"));
                }
            }
            Ok(())
        })
        .map_err(|e| e.to_string())?;
    if let Some(message) = failed {
        return Err(message);
    }
    let table = tabulator.table(&dimensions, args.suppress_below);
    let text = match args.format {
        StatsFormat::Json => {
            let mut json = serde_json::to_string_pretty(&table).map_err(|e| e.to_string())?;
            json.push('\n');
            json
        }
        StatsFormat::Table => render(&table, &dimensions, tabulator.len(), args.suppress_below),
    };
    out.write_all(text.as_bytes()).map_err(write_error)?;
    Ok(EXIT_OK)
}

/// An aligned table: one row per cell, `low` for suppressed counts.
fn render(table: &Value, dimensions: &[Dimension], placements: usize, threshold: u64) -> String {
    let mut header: Vec<String> = dimensions.iter().map(|d| d.name().to_owned()).collect();
    header.extend(["placements", "mean £/week", "median £/week"].map(str::to_owned));
    let mut rows = vec![header];
    for cell in table["cells"].as_array().into_iter().flatten() {
        let mut row: Vec<String> = dimensions
            .iter()
            .map(|d| cell[d.name()].as_str().unwrap_or_default().to_owned())
            .collect();
        let price = |name: &str| {
            cell["weeklyPrice"][name]
                .as_f64()
                .map_or_else(|| "—".to_owned(), |p| format!("{p:.2}"))
        };
        row.push(
            cell["placements"]
                .as_u64()
                .map_or_else(|| "low".to_owned(), |n| n.to_string()),
        );
        row.push(price("mean"));
        row.push(price("median"));
        rows.push(row);
    }
    let widths: Vec<usize> = (0..rows[0].len())
        .map(|i| rows.iter().map(|r| r[i].chars().count()).max().unwrap_or(0))
        .collect();
    let mut text = String::new();
    for row in &rows {
        let line: Vec<String> = row
            .iter()
            .zip(&widths)
            .map(|(cell, width)| format!("{cell:<width$}"))
            .collect();
        let _ = writeln!(text, "{}", line.join("  ").trim_end());
    }
    let _ = writeln!(
        text,
        "\n{placements} placement(s); cells under {threshold} are shown as `low`, with a neighbouring cell where one would give them away"
    );
    text
}
