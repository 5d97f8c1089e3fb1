//! The `pcds` command line: argument parsing and rendering. Every subcommand is a thin shell
//! over a library function; this module tree is the only place that prints or picks an exit
//! status.

mod catalogue;
mod compile;
mod conformance;
mod validate;

use std::io::{self, Write};
use std::path::PathBuf;

use clap::{Parser, Subcommand};

pub use validate::{Format, ValidateArgs};

/// Exit status: everything passed.
pub const EXIT_OK: i32 = 0;
/// Exit status: findings at or above the failing severity.
pub const EXIT_FINDINGS: i32 = 1;
/// Exit status: a usage, input or internal error.
pub const EXIT_ERROR: i32 = 2;

/// The exit statuses, as `--help` prints them.
pub const EXIT_CODES: &str = "Exit status:\n  0  every document passed\n  1  findings at or above the failing severity (`--fail-on`, errors by default)\n  2  usage, input or internal error (bad flag, unreadable path, unreachable URL)";

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
    /// compiled release, merged by the OCDS rules.
    Compile {
        /// Release package files, directories, URLs or `-`.
        #[arg(required = true, value_name = "INPUT")]
        inputs: Vec<String>,
        /// Write the record package to this file instead of standard output.
        #[arg(long, short, value_name = "FILE")]
        output: Option<PathBuf>,
    },
    /// Run the conformance suite, or report which conformance classes a dataset meets.
    #[command(subcommand)]
    Conformance(conformance::ConformanceCommand),
    /// Write a large synthetic, valid release package, for benchmarks and load tests.
    Generate {
        /// How many releases to write (at least 1: a package holds at least one release).
        #[arg(long, default_value_t = 1000, value_parser = clap::value_parser!(u64).range(1..))]
        releases: u64,
        /// The seed: the same seed always gives the same file.
        #[arg(long, default_value_t = 1)]
        seed: u64,
        /// Where to write it (standard output when absent).
        #[arg(long, value_name = "FILE")]
        out: Option<PathBuf>,
    },
}

/// Parses the process's arguments, runs the command, and returns the exit status.
#[must_use]
pub fn main() -> i32 {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            let _ = e.print();
            return if e.use_stderr() { EXIT_ERROR } else { EXIT_OK };
        }
    };
    run(cli, &mut io::stdout().lock(), &mut io::stderr().lock())
}

/// Runs a parsed command, writing data to `out` and messages to `err`.
pub fn run(cli: Cli, out: &mut dyn Write, err: &mut dyn Write) -> i32 {
    let result = match cli.command {
        Command::Validate(args) => validate::run(&args, out, err),
        Command::Rules { format } => catalogue::rules(format, out),
        Command::Explain { code } => catalogue::explain(&code, out),
        Command::Conformance(command) => conformance::run(command, out, err),
        Command::Compile { inputs, output } => compile::run(&inputs, output.as_ref(), out),
        Command::Schema {
            spec_dir,
            conformance_dir,
            reference_dir,
            check,
        } => {
            let root = spec_dir.parent().unwrap_or(std::path::Path::new(""));
            let conformance = conformance_dir.unwrap_or_else(|| root.join("conformance"));
            let reference = reference_dir.unwrap_or_else(|| root.join("docs/src/reference"));
            schema(&spec_dir, &conformance, &reference, check, out)
        }
        Command::Generate {
            releases,
            seed,
            out: path,
        } => generate(releases, seed, path.as_deref(), out, err),
    };
    match result {
        Ok(code) => code,
        Err(message) => {
            let _ = writeln!(err, "error: {message}");
            EXIT_ERROR
        }
    }
}

fn write_error(e: io::Error) -> String {
    format!("cannot write output: {e}")
}

/// Generated files outside `spec/`: where they go, how reports name them, what they hold, and
/// which subdirectories hold nothing else (so stale files there are found and removed).
struct Generated<'a> {
    dir: &'a std::path::Path,
    label: &'static str,
    files: Vec<(String, String)>,
    owned_dirs: &'static [&'static str],
}

impl Generated<'_> {
    fn stale(&self) -> Vec<(String, String)> {
        let mut stale = Vec::new();
        for (name, contents) in &self.files {
            let committed = std::fs::read_to_string(self.dir.join(name)).unwrap_or_default();
            if committed != *contents {
                let diff = similar::TextDiff::from_lines(committed.as_str(), contents.as_str())
                    .unified_diff()
                    .header(
                        &format!("committed {}/{name}", self.label),
                        &format!("generated {}/{name}", self.label),
                    )
                    .to_string();
                stale.push((format!("{}/{name}", self.label), diff));
            }
        }
        for extra in self.extras() {
            stale.push((
                format!("{}/{extra}", self.label),
                "not generated by the types: remove it or regenerate".into(),
            ));
        }
        stale
    }

    /// Files in the owned subdirectories that are not generated.
    fn extras(&self) -> Vec<String> {
        let mut extras = Vec::new();
        for owned in self.owned_dirs {
            for entry in std::fs::read_dir(self.dir.join(owned))
                .into_iter()
                .flatten()
                .flatten()
            {
                let name = format!("{owned}/{}", entry.file_name().to_string_lossy());
                if !self.files.iter().any(|(n, _)| *n == name) {
                    extras.push(name);
                }
            }
        }
        extras.sort();
        extras
    }

    fn write(&self) -> Result<usize, String> {
        for extra in self.extras() {
            let path = self.dir.join(extra);
            std::fs::remove_file(&path)
                .map_err(|e| format!("cannot remove `{}`: {e}", path.display()))?;
        }
        for (name, contents) in &self.files {
            let path = self.dir.join(name);
            if let Some(parent) = path.parent() {
                std::fs::create_dir_all(parent)
                    .map_err(|e| format!("cannot create `{}`: {e}", parent.display()))?;
            }
            std::fs::write(&path, contents)
                .map_err(|e| format!("cannot write `{}`: {e}", path.display()))?;
        }
        Ok(self.files.len())
    }
}

fn schema(
    spec_dir: &std::path::Path,
    conformance_dir: &std::path::Path,
    reference_dir: &std::path::Path,
    check: bool,
    out: &mut dyn Write,
) -> Result<i32, String> {
    let others = [
        Generated {
            dir: conformance_dir,
            label: "conformance",
            files: pcds_conformance::generated_files()
                .into_iter()
                .map(|(n, c)| (n.to_owned(), c))
                .collect(),
            owned_dirs: &[],
        },
        Generated {
            dir: reference_dir,
            label: "docs/src/reference",
            files: pcds::reference::pages()
                .into_iter()
                .map(|f| (f.path, f.contents))
                .collect(),
            owned_dirs: &["objects", "codelists"],
        },
    ];
    if check {
        let mut stale = match pcds::spec::check(spec_dir) {
            Ok(()) => Vec::new(),
            Err(pcds::spec::SpecError::Stale(files)) => files
                .into_iter()
                .map(|f| (format!("spec/{}", f.path), f.diff))
                .collect(),
            Err(e) => return Err(e.to_string()),
        };
        for other in &others {
            stale.extend(other.stale());
        }
        if stale.is_empty() {
            writeln!(
                out,
                "spec/, the conformance files and the reference pages are up to date"
            )
            .map_err(write_error)?;
            return Ok(EXIT_OK);
        }
        for (path, diff) in &stale {
            writeln!(out, "stale: {path}\n{diff}").map_err(write_error)?;
        }
        writeln!(
            out,
            "{} generated file(s) are stale; run `pcds schema` to regenerate them",
            stale.len()
        )
        .map_err(write_error)?;
        return Ok(EXIT_FINDINGS);
    }
    let written = pcds::spec::write(spec_dir).map_err(|e| e.to_string())?;
    let mut others_written = 0;
    for other in &others {
        others_written += other.write()?;
    }
    writeln!(
        out,
        "wrote {} file(s) under {} and {others_written} beside it",
        written.len(),
        spec_dir.display()
    )
    .map_err(write_error)?;
    Ok(EXIT_OK)
}

fn generate(
    releases: u64,
    seed: u64,
    path: Option<&std::path::Path>,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> Result<i32, String> {
    let options = crate::generate::GenerateOptions { releases, seed };
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
                "wrote {releases} releases ({written} bytes) to {}",
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
