//! The `pcds` command line: argument parsing and rendering. Every subcommand is a thin shell
//! over a library function; this module tree is the only place that prints or picks an exit
//! status.

mod analyse;
mod catalogue;
mod compile;
mod conformance;
mod dataset_report;
mod feed;
mod schema;
mod serve;
mod sheet;
mod stats;
mod upgrade;
mod validate;

use std::io::{self, Write};
use std::path::PathBuf;

use clap::{CommandFactory, Parser, Subcommand};

pub use validate::{Format, ValidateArgs};

/// Exit status: everything passed.
pub const EXIT_OK: i32 = 0;
/// Exit status: findings at or above the failing severity.
pub const EXIT_FINDINGS: i32 = 1;
/// Exit status: a usage, input or internal error.
pub const EXIT_ERROR: i32 = 2;
/// Exit status: the reader of standard output closed it (as `head` does) before the command
/// finished: 128 and SIGPIPE's number, the status a shell reports for a pipeline's writer
/// stopped that way. Nothing is printed, and the status is never a pass.
pub const EXIT_OUTPUT_CLOSED: i32 = 141;

/// What [`write_error`] says when the reader closed the output: [`run`] then stops quietly.
const OUTPUT_CLOSED: &str = "the reader closed standard output";

/// The exit statuses, as `--help` prints them.
pub const EXIT_CODES: &str = "Exit status:\n  0  every document passed\n  1  findings at or above the failing severity (`--fail-on`, errors by default)\n  2  usage, input or internal error (bad flag, unreadable path, unreachable URL)\n  141  the reader closed standard output early (as `head` does); nothing more is printed";

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
    /// Validate PCDS documents: files, directories, URLs, or `-` for standard input.
    #[command(after_help = EXIT_CODES)]
    Validate(ValidateArgs),
    /// List every rule the validator can report.
    Rules {
        /// `text` for a table, `markdown` for the catalogue page, `json` for programs.
        #[arg(long, value_enum, default_value_t = catalogue::RulesFormat::Text)]
        format: catalogue::RulesFormat,
    },
    /// Explain one rule: what it checks, how to fix it, an example.
    Explain {
        /// The rule's code, e.g. `PCDS-REF-001` (or `REF-001`).
        code: String,
    },
    /// Write the standard's generated files (schemas, codelist CSVs) under spec/, or check them.
    Schema {
        /// The spec directory.
        #[arg(long, default_value = "spec", value_name = "DIR")]
        spec_dir: PathBuf,
        /// The conformance directory, where the case schema and class list are written
        /// (`conformance` beside the spec directory when absent).
        #[arg(long, value_name = "DIR")]
        conformance_dir: Option<PathBuf>,
        /// The documentation's reference directory, where object and codelist pages are
        /// written (`docs/src/reference` beside the spec directory when absent).
        #[arg(long, value_name = "DIR")]
        reference_dir: Option<PathBuf>,
        /// Check that the committed files match the types instead of writing them; exit 1 with a
        /// diff when they are stale.
        #[arg(long)]
        check: bool,
    },
    /// Compile release packages into a record package: each process's releases and its
    /// compiled release, merged by the OCDS rules. Streams in bounded memory, however large the
    /// input.
    Compile {
        /// Release packages, record packages, JSON Lines of releases, harvested directories,
        /// URLs or `-`.
        #[arg(required = true, value_name = "INPUT")]
        inputs: Vec<String>,
        /// Write the record package to this file instead of standard output.
        #[arg(long, short, value_name = "FILE")]
        output: Option<PathBuf>,
    },
    /// Upgrade PCDS 0.1 data to 0.2: rewrites what is certain, and reports with a
    /// `PCDS-UPGRADE-*` code every place a person must decide.
    #[command(
        after_help = "Exit status:\n  0  upgraded, nothing left to decide\n  1  upgraded, with decisions left to a person (listed on standard error)\n  2  usage or input error"
    )]
    Upgrade(upgrade::UpgradeArgs),
    /// Run the conformance suite, or report which conformance classes a dataset meets.
    #[command(subcommand)]
    Conformance(conformance::ConformanceCommand),
    /// Run the reference publishing server on an embedded SQLite file, or manage its tokens.
    Serve(serve::ServeArgs),
    /// Publish a file's releases to a PCDS server.
    #[command(
        after_help = "Exit status:\n  0  every release is published (or was already, unchanged)\n  1  the server refused the data: invalid (422), conflicting (409) or outside the token's prefix (403)\n  2  usage, input or network error, or a refused token"
    )]
    Publish(feed::PublishArgs),
    /// Withdraw releases published in error from a PCDS server: the feed serves each as
    /// deleted, harvesters delete their copies, and the server's audit log records who
    /// withdrew what and when.
    #[command(
        after_help = "Exit status:\n  0  every release is withdrawn (or was already)\n  1  the ocid is outside the token's prefix (403)\n  2  usage or network error, a refused token, or a release the server never stored"
    )]
    Withdraw(feed::WithdrawArgs),
    /// Harvest publishers' feeds into a local pool, resuming where the last run stopped.
    #[command(
        after_help = "Exit status:\n  0  every source harvested\n  1  some items failed validation (kept apart in rejected.jsonl)\n  2  a source could not be harvested"
    )]
    Harvest(feed::HarvestArgs),
    /// Answer a regional commissioning group's questions from pooled data: weekly prices by
    /// every dimension, differential pricing, the Friday afternoon premium, framework against
    /// spot, discounts and uplifts, supply and concentration, block contracts, endings. An HTML
    /// report with charts, JSON with the ocids behind every row, or CSV tables.
    Analyse(analyse::AnalyseArgs),
    /// Placements and weekly prices from pooled data, with small numbers suppressed.
    Stats(stats::StatsArgs),
    /// Turn a filled-in spreadsheet template (`.xlsx`, or CSV files) into a release package,
    /// validated, with every finding at its sheet, row and column (`Placements!F12`).
    #[command(
        after_help = "Exit status:\n  0  imported and valid: the package is written\n  1  findings at or above the failing severity (nothing is written when any is an error), or the input is not a spreadsheet\n  2  usage or input error"
    )]
    Import(sheet::ImportArgs),
    /// Write any PCDS dataset (release packages, JSON Lines, a harvested pool) as the
    /// spreadsheet template's workbook, or as its CSV files.
    ExportSheet(sheet::ExportSheetArgs),
    /// Write a server's feed, records and statistics as static files, for any static host.
    Export(serve::ExportArgs),
    /// Print a completion script for a shell, e.g. `pcds completions bash > ~/.local/share/bash-completion/completions/pcds`.
    Completions {
        /// The shell: bash, zsh, fish, elvish or powershell.
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
    /// Print the manual page (roff), e.g. `pcds man > ~/.local/share/man/man1/pcds.1`.
    Man,
    /// Write a large synthetic, valid release package, for benchmarks and load tests.
    Generate {
        /// How many releases to write (at least 1: a package holds at least one release).
        #[arg(long, default_value_t = 1000, value_parser = clap::value_parser!(u64).range(1..))]
        releases: u64,
        /// The seed: the same seed always gives the same file.
        #[arg(long, default_value_t = 1)]
        seed: u64,
        /// Plant a known effect for analysis: offers to referrals sent on a Friday at or after
        /// 12:00 UK time have their core fee raised by PCT percent (1 to 100), and the award,
        /// the agreement and any later fee change follow. The seed gives the same processes as
        /// without it; nothing is planted when absent.
        #[arg(long, value_name = "PCT", value_parser = clap::value_parser!(u32).range(1..=100))]
        friday_premium: Option<u32>,
        /// Where to write it (standard output when absent).
        #[arg(long, value_name = "FILE")]
        out: Option<PathBuf>,
    },
}

/// Parses the process's arguments, runs the command, and returns the exit status.
#[must_use]
pub fn main() -> i32 {
    main_with(std::env::args_os())
}

/// Parses `args` (the program's name first, as in `std::env::args_os`), runs the command, and
/// returns the exit status: the `pcds` command for a host that is not this binary, such as the
/// Python package's `pcds` script.
#[must_use]
pub fn main_with<I, T>(args: I) -> i32
where
    I: IntoIterator<Item = T>,
    T: Into<std::ffi::OsString> + Clone,
{
    let cli = match Cli::try_parse_from(args) {
        Ok(cli) => cli,
        Err(e) => {
            let _ = e.print();
            return if e.use_stderr() { EXIT_ERROR } else { EXIT_OK };
        }
    };
    // Unlocked handles: `pcds serve` logs from worker threads, which must be able to write to
    // standard error while the command runs.
    run(cli, &mut io::stdout(), &mut io::stderr())
}

/// Runs a parsed command, writing data to `out` and messages to `err`.
pub fn run(cli: Cli, out: &mut dyn Write, err: &mut dyn Write) -> i32 {
    let result = match cli.command {
        Command::Validate(args) => validate::run(&args, out, err),
        Command::Rules { format } => catalogue::rules(format, out),
        Command::Explain { code } => catalogue::explain(&code, out),
        Command::Conformance(command) => conformance::run(command, out, err),
        Command::Compile { inputs, output } => compile::run(&inputs, output.as_ref(), out, err),
        Command::Upgrade(args) => upgrade::run(&args, out, err),
        Command::Schema {
            spec_dir,
            conformance_dir,
            reference_dir,
            check,
        } => {
            let root = spec_dir.parent().unwrap_or(std::path::Path::new(""));
            let conformance = conformance_dir.unwrap_or_else(|| root.join("conformance"));
            let reference = reference_dir.unwrap_or_else(|| root.join("docs/src/reference"));
            schema::run(&spec_dir, &conformance, &reference, check, out)
        }
        Command::Serve(args) => serve::run(args, out, err),
        Command::Publish(args) => feed::publish(&args, err),
        Command::Withdraw(args) => feed::withdraw(&args, err),
        Command::Harvest(args) => feed::harvest(&args, out, err),
        Command::Export(args) => serve::export(&args, err),
        Command::Analyse(args) => analyse::run(&args, out, err),
        Command::Stats(args) => stats::run(&args, out),
        Command::Import(args) => sheet::import(&args, out, err),
        Command::ExportSheet(args) => sheet::export(&args, err),
        Command::Completions { shell } => {
            use clap_complete::Generator as _;
            let mut command = Cli::command();
            command.set_bin_name("pcds");
            command.build();
            shell
                .try_generate(&command, out)
                .map(|()| EXIT_OK)
                .map_err(write_error)
        }
        Command::Man => clap_mangen::Man::new(Cli::command())
            .render(out)
            .map(|()| EXIT_OK)
            .map_err(write_error),
        Command::Generate {
            releases,
            seed,
            friday_premium,
            out: path,
        } => generate(releases, seed, friday_premium, path.as_deref(), out, err),
    };
    match result {
        Ok(code) => code,
        Err(message) if message == OUTPUT_CLOSED => EXIT_OUTPUT_CLOSED,
        Err(message) => {
            let _ = writeln!(err, "error: {message}");
            EXIT_ERROR
        }
    }
}

fn write_error(e: io::Error) -> String {
    if e.kind() == io::ErrorKind::BrokenPipe {
        OUTPUT_CLOSED.to_owned()
    } else {
        format!("cannot write output: {e}")
    }
}

/// `pcds generate`: writes the package to `path`, or to `out` when there is none, saying on
/// `err` what was written to a file.
fn generate(
    releases: u64,
    seed: u64,
    friday_premium: Option<u32>,
    path: Option<&std::path::Path>,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> Result<i32, String> {
    let options = crate::generate::GenerateOptions {
        releases,
        seed,
        friday_premium,
    };
    let planted = match options.friday_premium {
        Some(percent) => format!(", with a {percent}% Friday afternoon premium"),
        None => String::new(),
    };
    let written = match path {
        Some(path) => {
            let file = std::fs::File::create(path)
                .map_err(|e| format!("cannot create `{}`: {e}", path.display()))?;
            let mut writer = io::BufWriter::new(file);
            let written =
                crate::generate::release_package(&options, &mut writer).map_err(write_error)?;
            writer.flush().map_err(write_error)?;
            writeln!(
                err,
                "wrote {releases} releases ({written} bytes{planted}) to {}",
                path.display()
            )
            .map_err(write_error)?;
            written
        }
        None => crate::generate::release_package(&options, out).map_err(write_error)?,
    };
    let _ = written;
    Ok(EXIT_OK)
}
