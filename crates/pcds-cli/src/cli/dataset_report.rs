//! `pcds conformance report` (which classes a dataset meets, as evidence to publish) and
//! `pcds conformance verify` (whether the files are still the ones a report judged).

use std::io::Write;
use std::path::{Path, PathBuf};

use pcds::codelists::PublicationLevel;
use pcds_conformance::certificate::{self, RunCertificate};
use pcds_conformance::dataset::{self, Checked, CheckedInput, DatasetReport};
use pcds_validator::{Finding, InputReport, Options, RunTotals, Validator};

use super::{EXIT_FINDINGS, EXIT_OK, write_error};
use crate::input::{self, Limits};

/// The reports of every input at one level, and the fields the data holds.
fn check_all(
    inputs: &[input::Input],
    level: Option<PublicationLevel>,
) -> Result<(Vec<InputReport>, Vec<String>), String> {
    let validator = Validator::with_options(Options {
        level,
        threads: None,
        max_findings: None,
        rare_combination_minimum: None,
    })
    .map_err(|e| e.to_string())?;
    let mut totals = RunTotals::default();
    let mut reports = Vec::new();
    for item in inputs {
        let opened = input::open(item, &Limits::default()).map_err(|e| e.to_string())?;
        reports.push(
            validator
                .check_reader(&item.name(), opened.reader, &mut totals)
                .map_err(|e| format!("reading `{}` failed: {e}", item.name()))?,
        );
    }
    let fields = validator
        .coverage(&totals)
        .into_iter()
        .map(|c| c.path)
        .collect();
    Ok((reports, fields))
}

/// An input's name in a report: its file name, or the last segment of its URL, never a
/// directory of the machine that checked it.
fn public_name(item: &input::Input) -> String {
    match item {
        input::Input::File(path) => path.file_name().map_or_else(
            || path.display().to_string(),
            |n| n.to_string_lossy().into_owned(),
        ),
        input::Input::Url(url) => url
            .trim_end_matches('/')
            .rsplit('/')
            .next()
            .unwrap_or(url)
            .to_owned(),
        input::Input::Stdin => "-".to_owned(),
    }
}

/// Findings with their inputs' names, borrowed.
fn borrowed(all: &[(String, Finding)]) -> Vec<(&str, &Finding)> {
    all.iter().map(|(n, f)| (n.as_str(), f)).collect()
}

/// An input's digest and size, and the publication level it claims (`None` for input that
/// claims none, such as JSON Lines or a release), in one read that never holds its releases.
fn digest_and_level(item: &input::Input) -> Result<(String, u64, Option<String>), String> {
    #[derive(serde::Deserialize)]
    struct Claim {
        #[serde(rename = "publicationLevel")]
        level: Option<String>,
    }
    let opened = input::open(item, &Limits::default()).map_err(|e| e.to_string())?;
    let mut reader = std::io::BufReader::new(dataset::Digesting::new(opened.reader));
    let claim = serde_json::from_reader::<_, Claim>(&mut reader).ok();
    // What the level's reader left unread (all of it, for input that is not one package) is
    // digested too.
    let (sha256, bytes) = reader
        .into_inner()
        .finish()
        .map_err(|e| format!("reading `{}` failed: {e}", item.name()))?;
    Ok((sha256, bytes, claim.and_then(|c| c.level)))
}

/// When the check ran: now, or `SOURCE_DATE_EPOCH` when set (for reproducible reports).
pub(super) fn checked_at() -> String {
    let moment = std::env::var("SOURCE_DATE_EPOCH")
        .ok()
        .and_then(|s| s.parse::<i64>().ok())
        .and_then(|s| chrono::DateTime::from_timestamp(s, 0))
        .unwrap_or_else(chrono::Utc::now);
    moment.to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
}

/// Runs `pcds conformance report`.
pub fn report(
    arguments: &[String],
    dir: &Path,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> Result<i32, String> {
    let inputs = input::expand(arguments).map_err(|e| e.to_string())?;
    if inputs.contains(&input::Input::Stdin) {
        return Err("`pcds conformance report` reads its inputs more than once, so it cannot read standard input; save it to a file first".into());
    }
    let (claimed, fields) = check_all(&inputs, None)?;
    let (as_open, _) = check_all(&inputs, Some(PublicationLevel::Open))?;
    let mut checked_inputs = Vec::new();
    let mut claimed_level = None;
    for (item, report) in inputs.iter().zip(&claimed) {
        let (sha256, bytes, level) = digest_and_level(item)?;
        claimed_level = claimed_level.or(level);
        checked_inputs.push(CheckedInput {
            name: public_name(item),
            sha256,
            bytes,
            kind: report.kind.clone(),
            releases: report.releases,
        });
    }
    let has = |needle: &str| fields.iter().any(|f| f.contains(needle));
    let mut not_applicable = Vec::new();
    if !(has("weeklyPrice") || has("priceBreakdown") || has("priceSchedule")) {
        not_applicable.push("pricing");
    }
    if !(has("admission") || has("lots") || has("relatedProcesses")) {
        not_applicable.push("framework");
    }
    if !(has("implementation") || has("ending")) {
        not_applicable.push("outcomes");
    }
    let with_names = |reports: &'_ [InputReport]| -> Vec<(String, Finding)> {
        inputs
            .iter()
            .zip(reports)
            .flat_map(|(item, r)| r.findings.iter().map(|f| (public_name(item), f.clone())))
            .collect()
    };
    let (claimed_findings, open_findings) = (with_names(&claimed), with_names(&as_open));
    let report = DatasetReport::new(
        &Checked {
            inputs: checked_inputs,
            claimed_level,
            claimed: borrowed(&claimed_findings),
            as_open: borrowed(&open_findings),
            not_applicable,
        },
        checked_at(),
        format!("pcds {}", env!("CARGO_PKG_VERSION")),
    );
    let line = report
        .classes
        .iter()
        .map(|c| match c.status.as_str() {
            "met" => format!("{} ✔", c.id),
            "not applicable" => format!("{} —", c.id),
            _ => format!(
                "{} ✘ ({} finding{})",
                c.id,
                c.errors,
                if c.errors == 1 { "" } else { "s" }
            ),
        })
        .collect::<Vec<_>>()
        .join(", ");
    std::fs::create_dir_all(dir).map_err(|e| format!("cannot create `{}`: {e}", dir.display()))?;
    let json_path = dir.join("conformance-report.json");
    let mut json = serde_json::to_string_pretty(&report).map_err(|e| e.to_string())?;
    json.push('\n');
    std::fs::write(&json_path, json)
        .map_err(|e| format!("cannot write `{}`: {e}", json_path.display()))?;
    let html_path = dir.join("conformance-report.html");
    std::fs::write(&html_path, report.to_html())
        .map_err(|e| format!("cannot write `{}`: {e}", html_path.display()))?;
    writeln!(out, "{line}").map_err(write_error)?;
    writeln!(err, "{}", report.statement).map_err(write_error)?;
    writeln!(
        err,
        "wrote {} and {}",
        json_path.display(),
        html_path.display()
    )
    .map_err(write_error)?;
    Ok(if report.failed() {
        EXIT_FINDINGS
    } else {
        EXIT_OK
    })
}

/// Checks that a run certificate's corpus is the directory given.
fn verify_certificate(
    certificate: &RunCertificate,
    files: &[PathBuf],
    err: &mut dyn Write,
) -> Result<i32, String> {
    let [dir] = files else {
        return Err(format!(
            "a certificate of a run is verified against one corpus directory, not {} paths",
            files.len()
        ));
    };
    if !dir.is_dir() {
        return Err(format!(
            "`{}` is not a directory: a certificate of a run is verified against the corpus directory it was made on",
            dir.display()
        ));
    }
    match certificate::verify_corpus(certificate, dir).map_err(|e| e.to_string())? {
        None => {
            writeln!(
                err,
                "verified: the corpus is the one run on {}; {}",
                certificate.checked_at, certificate.statement
            )
            .map_err(write_error)?;
            Ok(EXIT_OK)
        }
        Some(difference) => {
            writeln!(err, "not verified: {difference}").map_err(write_error)?;
            Ok(EXIT_FINDINGS)
        }
    }
}

/// The largest report `verify` reads.
const MAX_REPORT_BYTES: u64 = 64 * 1024 * 1024;

/// Runs `pcds conformance verify`: exit 0 when every file is one the report judged, with the
/// digest it lists, and every input of the report is given; 1 otherwise.
pub fn verify(report: &Path, files: &[PathBuf], err: &mut dyn Write) -> Result<i32, String> {
    let size = std::fs::metadata(report)
        .map_err(|e| format!("cannot read `{}`: {e}", report.display()))?
        .len();
    if size > MAX_REPORT_BYTES {
        return Err(format!(
            "`{}` is {size} bytes: larger than any conformance report ({MAX_REPORT_BYTES} at most)",
            report.display()
        ));
    }
    let text =
        std::fs::read(report).map_err(|e| format!("cannot read `{}`: {e}", report.display()))?;
    if let Ok(certificate) = serde_json::from_slice::<RunCertificate>(&text) {
        return verify_certificate(&certificate, files, err);
    }
    let report: DatasetReport = serde_json::from_slice(&text).map_err(|e| {
        format!(
            "`{}` is not a conformance report written by `pcds conformance report`: {e}",
            report.display()
        )
    })?;
    let mut given = Vec::new();
    for path in files {
        let file = std::fs::File::open(path)
            .map_err(|e| format!("cannot read `{}`: {e}", path.display()))?;
        let (sha256, _) =
            dataset::digest(file).map_err(|e| format!("cannot read `{}`: {e}", path.display()))?;
        given.push((public_name(&input::Input::File(path.clone())), sha256));
    }
    let mismatches = dataset::verify(&report, &given);
    if mismatches.is_empty() {
        writeln!(
            err,
            "verified: {} file(s) are the ones judged on {}; {}",
            given.len(),
            report.checked_at,
            report.statement
        )
        .map_err(write_error)?;
        return Ok(EXIT_OK);
    }
    for mismatch in &mismatches {
        writeln!(err, "not verified: {mismatch}").map_err(write_error)?;
    }
    Ok(EXIT_FINDINGS)
}
