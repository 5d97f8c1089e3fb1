//! `pcds analyse`: the answers a regional commissioning group pools its data for, as an HTML
//! report with charts, JSON, or CSV tables; and `pcds analyse quote`, where a price sits among
//! like placements.

use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use clap::{Args, Subcommand, ValueEnum};
use indicatif::{ProgressBar, ProgressStyle};
use pcds::codelist::{Codelist, CodelistInfo};
use pcds::codelists::{AgeBand, NeedLevel, PlacementType, Urgency};
use pcds_analysis::{Options, Pool, QuoteRequest, render};
use rust_decimal::Decimal;

use super::{EXIT_OK, write_error};
use crate::input;
use crate::pool::Pooled;

/// The arguments of `pcds analyse`.
#[derive(Debug, Args)]
#[command(args_conflicts_with_subcommands = true, subcommand_negates_reqs = true)]
pub struct AnalyseArgs {
    /// Ask where one placement's price sits instead.
    #[command(subcommand)]
    pub command: Option<AnalyseCommand>,
    /// Release packages, record packages, JSON Lines of releases, or harvest directories (what
    /// `pcds harvest` writes): files, directories, URLs or `-`, in any mix.
    #[arg(required = true, value_name = "INPUT")]
    pub inputs: Vec<String>,
    /// Write the report into this directory (`report.html`, `report.json`, or one CSV file per
    /// table) instead of to standard output.
    #[arg(long, value_name = "DIR")]
    pub out: Option<PathBuf>,
    /// `html`: one page with charts; `json`: every table with the ocids behind each row; `csv`:
    /// tidy tables for a spreadsheet, R or DuckDB (needs `--out`).
    #[arg(long, value_enum, default_value_t = AnalyseFormat::Html)]
    pub format: AnalyseFormat,
    /// Which data, and how small a cell may be.
    #[command(flatten)]
    pub scope: Scope,
}

/// What to analyse and how much to suppress.
#[derive(Debug, Args)]
pub struct Scope {
    /// Only placements started, referrals made and fee changes effective on or after this UK
    /// date (YYYY-MM-DD).
    #[arg(long, value_name = "DATE", value_parser = date)]
    pub from: Option<NaiveDate>,
    /// … and on or before this UK date (YYYY-MM-DD).
    #[arg(long, value_name = "DATE", value_parser = date)]
    pub to: Option<NaiveDate>,
    /// Cells counting fewer children than this are suppressed, with the cells that would reveal
    /// them.
    #[arg(long, default_value_t = 10, value_parser = clap::value_parser!(u64).range(1..=1_000_000))]
    pub suppress_below: u64,
    /// Never draw a progress bar (it is drawn only on a terminal).
    #[arg(long)]
    pub no_progress: bool,
}

/// The subcommands of `pcds analyse`.
#[derive(Debug, Subcommand)]
pub enum AnalyseCommand {
    /// Is this offer fair? Where a weekly price sits among the pooled prices of like placements
    /// (same type and age band, and need level and urgency when given), across the pool and
    /// within a council and quarter.
    Quote(QuoteArgs),
}

/// The arguments of `pcds analyse quote`.
#[derive(Debug, Args)]
pub struct QuoteArgs {
    /// The pooled data, as for `pcds analyse`.
    #[arg(required = true, value_name = "INPUT")]
    pub inputs: Vec<String>,
    /// Describe the placement from the first offer in this PCDS file instead of the flags
    /// below (flags given as well override it).
    #[arg(long, value_name = "FILE")]
    pub offer: Option<PathBuf>,
    /// The placement type code, e.g. `childrensHome`.
    #[arg(long)]
    pub placement_type: Option<String>,
    /// The child's age band code, e.g. `10to15`.
    #[arg(long)]
    pub age_band: Option<String>,
    /// The level of need code, e.g. `complex`.
    #[arg(long)]
    pub need_level: Option<String>,
    /// The urgency code, e.g. `emergency`.
    #[arg(long)]
    pub urgency: Option<String>,
    /// The council to compare within as well (its GSS code).
    #[arg(long)]
    pub council: Option<String>,
    /// The quarter to compare within as well, e.g. `2025-Q3`.
    #[arg(long)]
    pub quarter: Option<String>,
    /// The weekly price offered, per child, in pounds.
    #[arg(long, value_parser = price)]
    pub price: Option<Decimal>,
    /// `text` for people, `json` for programs.
    #[arg(long, value_enum, default_value_t = QuoteFormat::Text)]
    pub format: QuoteFormat,
    /// Which data, and how small a cell may be.
    #[command(flatten)]
    pub scope: Scope,
}

/// Output formats of `pcds analyse`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum AnalyseFormat {
    /// One self-contained page with SVG charts.
    Html,
    /// The report as JSON.
    Json,
    /// One CSV file per table, and the tidy fact tables.
    Csv,
}

/// Output formats of `pcds analyse quote`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum QuoteFormat {
    /// Plain text.
    Text,
    /// JSON.
    Json,
}

fn date(text: &str) -> Result<NaiveDate, String> {
    NaiveDate::parse_from_str(text, "%Y-%m-%d")
        .map_err(|_| format!("`{text}` is not a date such as 2025-04-01"))
}

fn price(text: &str) -> Result<Decimal, String> {
    let amount = pcds::Amount::parse(text).map_err(|e| e.to_string())?;
    if amount.value() <= Decimal::ZERO {
        return Err(format!("`{text}` is not a positive weekly price"));
    }
    Ok(amount.value())
}

/// Runs `pcds analyse`.
pub fn run(args: &AnalyseArgs, out: &mut dyn Write, err: &mut dyn Write) -> Result<i32, String> {
    if let Some(AnalyseCommand::Quote(quote_args)) = &args.command {
        return quote(quote_args, out);
    }
    if args.format == AnalyseFormat::Csv && args.out.is_none() {
        return Err("`--format csv` writes one file per table: give `--out DIR`".into());
    }
    let pool = read_pool(&args.inputs, &args.scope)?;
    let report = pool.report();
    let files: Vec<(String, String)> = match args.format {
        AnalyseFormat::Html => vec![("report.html".into(), render::html::page(&report))],
        AnalyseFormat::Json => {
            let mut json = serde_json::to_string_pretty(&report).map_err(|e| e.to_string())?;
            json.push('\n');
            vec![("report.json".into(), json)]
        }
        AnalyseFormat::Csv => render::csv::files(&pool, &report),
    };
    match &args.out {
        Some(dir) => {
            write_files(dir, &files)?;
            writeln!(
                err,
                "analysed {} records ({} children placed, {} councils): wrote {} file(s) to {}",
                report.coverage.records,
                report.coverage.children,
                report.coverage.councils.len(),
                files.len(),
                dir.display()
            )
            .map_err(write_error)?;
        }
        None => {
            for (_, text) in &files {
                out.write_all(text.as_bytes()).map_err(write_error)?;
            }
        }
    }
    Ok(EXIT_OK)
}

fn write_files(dir: &Path, files: &[(String, String)]) -> Result<(), String> {
    std::fs::create_dir_all(dir).map_err(|e| format!("cannot create `{}`: {e}", dir.display()))?;
    for (name, text) in files {
        let path = dir.join(name);
        std::fs::write(&path, text)
            .map_err(|e| format!("cannot write `{}`: {e}", path.display()))?;
    }
    Ok(())
}

/// Reads every input into a pool of compiled processes, with a progress bar on a terminal.
fn read_pool(inputs: &[String], scope: &Scope) -> Result<Pool, String> {
    if let (Some(from), Some(to)) = (scope.from, scope.to)
        && from > to
    {
        return Err(format!("`--from {from}` is after `--to {to}`"));
    }
    let items = input::expand(inputs).map_err(|e| e.to_string())?;
    let show =
        !scope.no_progress && std::io::stderr().is_terminal() && std::env::var_os("CI").is_none();
    let bar = if show {
        ProgressBar::new(0)
    } else {
        ProgressBar::hidden()
    };
    if let Ok(style) = ProgressStyle::with_template("{msg} [{bar:30}] {bytes} ({bytes_per_sec})") {
        bar.set_style(style.progress_chars("=> "));
    }
    let mut pooled = Pooled::new().map_err(|e| e.to_string())?;
    for item in &items {
        bar.set_message(format!("reading {}", item.name()));
        pooled
            .read(item, &|n| bar.inc(n))
            .map_err(|e| e.to_string())?;
    }
    let processes = pooled.processes().map_err(|e| e.to_string())?;
    bar.set_position(0);
    bar.set_length(processes);
    if let Ok(style) = ProgressStyle::with_template("{msg} [{bar:30}] {pos}/{len} records ({eta})")
    {
        bar.set_style(style.progress_chars("=> "));
    }
    bar.set_message("compiling");
    let mut pool = Pool::new(Options {
        suppress_below: scope.suppress_below,
        from: scope.from,
        to: scope.to,
    });
    let mut unreadable = 0;
    let mut uncompiled = 0;
    pooled
        .for_each_process(|_, releases| {
            bar.inc(1);
            match pcds::compile(&releases) {
                Ok(compiled) => match serde_json::from_value::<pcds::Release>(compiled) {
                    Ok(release) => pool.add(&release),
                    Err(_) => unreadable += 1,
                },
                Err(_) => uncompiled += 1,
            }
            Ok(())
        })
        .map_err(|e| e.to_string())?;
    bar.finish_and_clear();
    for (reason, n) in &pooled.excluded {
        pool.count_excluded(reason, usize::try_from(*n).unwrap_or(usize::MAX));
    }
    pool.count_excluded(
        "processes whose compiled release does not read as PCDS (run `pcds validate`)",
        unreadable,
    );
    pool.count_excluded("processes whose releases do not compile", uncompiled);
    Ok(pool)
}

fn code<C: Codelist>(flag: &str, value: Option<&String>) -> Result<Option<String>, String> {
    let Some(value) = value else { return Ok(None) };
    let info: CodelistInfo = C::INFO;
    if info.find(value).is_some() {
        return Ok(Some(value.clone()));
    }
    let hint = pcds_validator::suggest_nearest(value, info.codes.iter().map(|c| c.code))
        .map_or_else(String::new, |n| format!(" (did you mean `{n}`?)"));
    Err(format!(
        "`--{flag} {value}` is not a code of the {} codelist{hint}; see `spec/codelists/{}.csv`",
        info.title.to_lowercase(),
        info.name
    ))
}

fn quote(args: &QuoteArgs, out: &mut dyn Write) -> Result<i32, String> {
    let mut request = match &args.offer {
        Some(path) => {
            let text = std::fs::read(path)
                .map_err(|e| format!("cannot read `{}`: {e}", path.display()))?;
            let package: pcds::ReleasePackage = serde_json::from_slice(&text).map_err(|e| {
                format!(
                    "`{}` is not a PCDS release package: {e}; run `pcds validate` on it",
                    path.display()
                )
            })?;
            package
                .releases
                .iter()
                .find_map(QuoteRequest::from_offer)
                .ok_or_else(|| {
                    format!("`{}` holds no offer with a placement type", path.display())
                })?
        }
        None => QuoteRequest::default(),
    };
    if let Some(t) = code::<PlacementType>("placement-type", args.placement_type.as_ref())? {
        request.placement_type = t;
    }
    if let Some(a) = code::<AgeBand>("age-band", args.age_band.as_ref())? {
        request.age_band = a;
    }
    if let Some(n) = code::<NeedLevel>("need-level", args.need_level.as_ref())? {
        request.need_level = Some(n);
    }
    if let Some(u) = code::<Urgency>("urgency", args.urgency.as_ref())? {
        request.urgency = Some(u);
    }
    if request.placement_type.is_empty() || request.age_band.is_empty() {
        return Err(
            "describe the placement: give `--placement-type` and `--age-band`, or `--offer FILE`"
                .into(),
        );
    }
    if let Some(q) = &args.quarter {
        let valid = q.len() == 7
            && q[..4].bytes().all(|b| b.is_ascii_digit())
            && matches!(&q[4..], "-Q1" | "-Q2" | "-Q3" | "-Q4");
        if !valid {
            return Err(format!("`--quarter {q}` is not a quarter such as 2025-Q3"));
        }
        request.quarter = Some(q.clone());
    }
    if args.council.is_some() {
        request.council.clone_from(&args.council);
    }
    if args.price.is_some() {
        request.weekly_price = args.price;
    }
    let pool = read_pool(&args.inputs, &args.scope)?;
    let answer = pool.quote(&request);
    let text = match args.format {
        QuoteFormat::Json => {
            let mut json = serde_json::to_string_pretty(&answer).map_err(|e| e.to_string())?;
            json.push('\n');
            json
        }
        QuoteFormat::Text => render::quote_text(&answer),
    };
    out.write_all(text.as_bytes()).map_err(write_error)?;
    Ok(EXIT_OK)
}
