//! The human format: what people read at a terminal.
//!
//! For each input, a header line saying what it was and whether it passed; then its findings
//! grouped by rule, in catalogue order (the order of [`rules::ALL`](crate::rules::ALL), which
//! is code order within each layer, parse errors first), each with its location, message,
//! source line and hint. Then a summary of the run, and last a line `N passed, M failed`.
//!
//! ```text
//! examples/placements.json (release package, 3 releases): failed, 1 error
//!
//! error[PCDS-REF-001]: Award supplier not in parties
//!   --> examples/placements.json:12:19 at /releases/0/awards/0/suppliers/0/id
//!   supplier `GB-COH-99999999` is not in `parties`
//!   12 |             "id": "GB-COH-99999999",
//!      |                   ^
//!   = hint: Add the provider to `parties`, or correct the supplier's `id`
//! ```
//!
//! A finding in a spreadsheet cell (of data imported from a workbook) is located by the cell,
//! with no pointer and no source line: both would be of the JSON the import generated, which
//! the person fixing the spreadsheet never sees:
//!
//! ```text
//!   --> returns/placements.xlsx: Placements!F12 (sheet "Placements", row 12, column "Weekly price")
//! ```
//!
//! Everything reads the same without colour; with it, severities are red (error), yellow
//! (warning) and blue (info), locations and gutters blue, headers bold. Text from the input
//! (names, messages, source lines) is printed with control characters escaped, so that a
//! document cannot send escape sequences to the terminal.

use std::cmp::Reverse;
use std::io::{self, Write};

use super::{catalogue_position, cell_place, fail_on, hint_of, printable, rule_of};
use crate::finding::{Finding, Severity};
use crate::report::{InputReport, Report};
use crate::rules;

/// How many coverage lines the summary shows.
const COVERAGE_LINES: usize = 15;

/// The widest source excerpt shown, in characters; longer lines (minified JSON) are cut to a
/// window around the column.
const EXCERPT_WIDTH: usize = 100;

/// Writes the report for people. `color` turns on ANSI colours; the caller decides it (a
/// terminal, `NO_COLOR`, a `--color` flag). Without it the output has no escape codes at all.
///
/// # Errors
/// When writing fails.
pub fn human(report: &Report, color: bool, out: &mut dyn Write) -> io::Result<()> {
    let paint = Paint { color };
    let fail_on = fail_on(report);
    let mut blank_before_summary = true;
    for input in &report.inputs {
        write_input(input, fail_on, paint, out)?;
        blank_before_summary = input.findings.is_empty();
    }
    if blank_before_summary && !report.inputs.is_empty() {
        writeln!(out)?;
    }
    write_summary(report, fail_on, paint, out)?;
    let failed = report.summary.failed;
    let passed = report.summary.inputs.saturating_sub(failed);
    writeln!(out)?;
    writeln!(out, "{passed} passed, {failed} failed")
}

/// ANSI styling, or none.
#[derive(Debug, Clone, Copy)]
struct Paint {
    color: bool,
}

const BOLD: &str = "1";
const BLUE: &str = "1;34";
const GREEN: &str = "1;32";
const RED: &str = "1;31";

impl Paint {
    /// `text` in the SGR style `sgr` (e.g. `1;31`), or as it is without colour.
    fn paint(self, sgr: &str, text: &str) -> String {
        if self.color && !text.is_empty() {
            format!("\x1b[{sgr}m{text}\x1b[0m")
        } else {
            text.to_owned()
        }
    }

    fn severity(self, severity: Severity, text: &str) -> String {
        self.paint(severity_sgr(severity), text)
    }
}

fn severity_sgr(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => RED,
        Severity::Warning => "1;33",
        Severity::Info => BLUE,
    }
}

/// An input's name as printed: `-` is standard input.
fn display_name(name: &str) -> String {
    if name == "-" {
        "<stdin>".to_owned()
    } else {
        printable(name)
    }
}

/// `1 error`, `2 errors`.
fn count(n: impl Into<u64>, one: &str, many: &str) -> String {
    let n = n.into();
    format!("{n} {}", if n == 1 { one } else { many })
}

/// `2 errors, 1 warning, 1 info`, leaving out severities with none; empty when there are none.
fn severity_counts(counts: impl Fn(Severity) -> usize) -> String {
    [
        (Severity::Error, "error", "errors"),
        (Severity::Warning, "warning", "warnings"),
        (Severity::Info, "info", "info"),
    ]
    .into_iter()
    .filter(|(severity, _, _)| counts(*severity) > 0)
    .map(|(severity, one, many)| count(counts(severity) as u64, one, many))
    .collect::<Vec<_>>()
    .join(", ")
}

fn write_input(
    input: &InputReport,
    fail_on: Severity,
    paint: Paint,
    out: &mut dyn Write,
) -> io::Result<()> {
    let name = display_name(&input.name);
    let releases = count(input.releases, "release", "releases");
    let what = match &input.kind {
        Some(kind) => format!("{}, {releases}", printable(kind)),
        None => releases,
    };
    let verdict = if input.fails(fail_on) {
        paint.paint(RED, "failed")
    } else {
        paint.paint(GREEN, "passed")
    };
    let counts = severity_counts(|severity| input.count(severity));
    let counts = if counts.is_empty() {
        counts
    } else {
        format!(", {counts}")
    };
    writeln!(
        out,
        "{} ({what}): {verdict}{counts}",
        paint.paint(BOLD, &name)
    )?;
    if input.findings.is_empty() {
        return write_not_judged(input, &paint, out);
    }
    writeln!(out)?;

    let mut order: Vec<&Finding> = input.findings.iter().collect();
    order.sort_by_key(|f| {
        (
            catalogue_position(&f.code),
            f.code.clone(),
            Reverse(f.severity),
        )
    });
    for group in order.chunk_by(|a, b| a.code == b.code && a.severity == b.severity) {
        let first = group[0];
        let label = paint.severity(
            first.severity,
            &format!("{}[{}]", first.severity, first.code),
        );
        match rule_of(first) {
            Some(rule) => writeln!(
                out,
                "{label}{}",
                paint.paint(BOLD, &format!(": {}", rule.title))
            )?,
            None => writeln!(out, "{label}")?,
        }
        for (i, finding) in group.iter().enumerate() {
            if i > 0 {
                writeln!(out)?;
            }
            write_finding(finding, &name, paint, out)?;
        }
        writeln!(out)?;
    }
    write_omitted(input, out)?;
    write_not_judged(input, &paint, out)
}

/// Says which rules were not judged on the input, and why, so that their silence is not read
/// as a pass.
fn write_not_judged(input: &InputReport, paint: &Paint, out: &mut dyn Write) -> io::Result<()> {
    for note in &input.not_judged {
        writeln!(
            out,
            "{} {} not judged: {}",
            paint.paint(BOLD, "note:"),
            note.code,
            note.reason
        )?;
    }
    Ok(())
}

/// Says how many findings the report left out, by rule, after the ones it shows.
fn write_omitted(input: &InputReport, out: &mut dyn Write) -> io::Result<()> {
    if input.omitted.is_empty() {
        return Ok(());
    }
    writeln!(
        out,
        "… and {} more finding(s) counted but not shown (`--max-findings` sets how many are shown):",
        input.omitted_count()
    )?;
    let width = input
        .omitted
        .iter()
        .map(|o| o.code.len())
        .max()
        .unwrap_or(0);
    let digits = input
        .omitted
        .iter()
        .map(|o| o.count.to_string().len())
        .max()
        .unwrap_or(0);
    for omitted in &input.omitted {
        writeln!(
            out,
            "  {:<7}  {:<width$}  {:>digits$}",
            omitted.severity.as_str(),
            omitted.code,
            omitted.count
        )?;
    }
    writeln!(out)
}

fn write_finding(
    finding: &Finding,
    name: &str,
    paint: Paint,
    out: &mut dyn Write,
) -> io::Result<()> {
    let place = match (&finding.cell, finding.line, finding.column) {
        // A cell is where the user fixes the value; the pointer into the JSON generated from
        // the spreadsheet would tell them nothing more.
        (Some(cell), _, _) => format!("{name}: {}", cell_place(cell)),
        (None, Some(line), Some(column)) => format!("{name}:{line}:{column}"),
        (None, Some(line), None) => format!("{name}:{line}"),
        (None, None, _) => name.to_owned(),
    };
    let pointer = if finding.pointer.is_empty() || finding.cell.is_some() {
        String::new()
    } else {
        format!(" at {}", printable(&finding.pointer))
    };
    writeln!(out, "  {} {place}{pointer}", paint.paint(BLUE, "-->"))?;
    writeln!(out, "  {}", printable(&finding.message))?;
    // A line of generated JSON is no excerpt of a spreadsheet: a cell finding shows none.
    if let Some(source) = finding
        .source_line
        .as_ref()
        .filter(|_| finding.cell.is_none())
    {
        let (text, caret) = excerpt(source, finding.column);
        let number = finding
            .line
            .map(|line| line.to_string())
            .unwrap_or_default();
        let gutter = " ".repeat(number.len());
        writeln!(
            out,
            "  {} {text}",
            paint.paint(BLUE, &format!("{number} |"))
        )?;
        if let Some(caret) = caret {
            writeln!(
                out,
                "  {} {}{}",
                paint.paint(BLUE, &format!("{gutter} |")),
                " ".repeat(caret),
                paint.severity(finding.severity, "^")
            )?;
        }
    }
    if let Some(hint) = hint_of(finding) {
        writeln!(
            out,
            "  {} {}",
            paint.paint(BLUE, "="),
            paint.paint(BOLD, "hint:") + " " + &printable(hint)
        )?;
    }
    Ok(())
}

/// The part of a source line to show, made printable, and where the caret goes in it (in
/// characters) when the column is known and on the line. Long lines are cut to a window around
/// the column, marked with `...` where cut.
fn excerpt(source: &str, column: Option<usize>) -> (String, Option<usize>) {
    let source = source.trim_end_matches(['\n', '\r']);
    let mut shown: Vec<char> = Vec::with_capacity(source.len());
    let mut caret = None;
    for (i, c) in source.chars().enumerate() {
        if column == Some(i + 1) {
            caret = Some(shown.len());
        }
        shown.extend(printable(c.encode_utf8(&mut [0; 4])).chars());
    }
    if column == Some(source.chars().count() + 1) {
        caret = Some(shown.len());
    }
    while shown.last().is_some_and(|c| *c == ' ')
        && caret.is_none_or(|caret| caret < shown.len() - 1)
    {
        shown.pop();
    }
    if shown.len() <= EXCERPT_WIDTH {
        return (shown.into_iter().collect(), caret);
    }
    let anchor = caret.unwrap_or(0);
    let end = (anchor.saturating_sub(EXCERPT_WIDTH / 3) + EXCERPT_WIDTH).min(shown.len());
    let start = end.saturating_sub(EXCERPT_WIDTH);
    let mut text = String::new();
    if start > 0 {
        text.push_str("...");
    }
    text.extend(&shown[start..end]);
    if end < shown.len() {
        text.push_str("...");
    }
    let lead = if start > 0 { 3 } else { 0 };
    (text, caret.map(|caret| caret - start + lead))
}

fn write_summary(
    report: &Report,
    fail_on: Severity,
    paint: Paint,
    out: &mut dyn Write,
) -> io::Result<()> {
    let summary = &report.summary;
    let passed = summary.inputs.saturating_sub(summary.failed);
    writeln!(out, "{}", paint.paint(BOLD, "Summary"))?;
    writeln!(
        out,
        "  inputs:    {} checked, {passed} passed, {} failed (failing at `{fail_on}`)",
        summary.inputs, summary.failed
    )?;
    writeln!(
        out,
        "  releases:  {} checked, {}",
        summary.releases,
        count(summary.ocids, "distinct ocid", "distinct ocids")
    )?;
    let findings =
        severity_counts(|severity| summary.by_severity.get(&severity).copied().unwrap_or(0));
    writeln!(
        out,
        "  findings:  {}",
        if findings.is_empty() {
            "none"
        } else {
            &findings
        }
    )?;

    if !summary.by_code.is_empty() {
        writeln!(out, "  by rule:")?;
        let mut codes: Vec<(&str, usize)> = summary
            .by_code
            .iter()
            .map(|(code, n)| (code.as_ref(), *n))
            .collect();
        codes.sort_by_key(|(code, _)| (catalogue_position(code), *code));
        let code_width = codes.iter().map(|(code, _)| code.len()).max().unwrap_or(0);
        let count_width = codes
            .iter()
            .map(|(_, n)| n.to_string().len())
            .max()
            .unwrap_or(0);
        for (code, n) in codes {
            let rule = rules::find(code);
            let padded = format!("{:code_width$}", printable(code));
            let code = match rule {
                Some(rule) => paint.severity(rule.severity, &padded),
                None => padded,
            };
            let title = rule.map_or(String::new(), |rule| format!("  {}", rule.title));
            writeln!(out, "    {code}  {n:>count_width$}{title}")?;
        }
    }

    if !summary.coverage.is_empty() {
        writeln!(
            out,
            "  field coverage (releases in which each field appears, of {}):",
            summary.releases
        )?;
        let shown = &summary.coverage[..summary.coverage.len().min(COVERAGE_LINES)];
        let width = shown
            .iter()
            .map(|field| field.releases.to_string().len())
            .max()
            .unwrap_or(0);
        for field in shown {
            writeln!(
                out,
                "    {:>width$}  {}",
                field.releases,
                printable(&field.path)
            )?;
        }
        let more = summary.coverage.len() - shown.len();
        if more > 0 {
            writeln!(
                out,
                "    ... and {}",
                count(more as u64, "more field", "more fields")
            )?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::sample;
    use crate::report::InputReport;

    fn render(report: &Report, color: bool) -> String {
        let mut out = Vec::new();
        human(report, color, &mut out).expect("writing to a Vec cannot fail");
        String::from_utf8(out).expect("the output is UTF-8")
    }

    #[test]
    fn two_inputs() {
        insta::assert_snapshot!(render(&sample::report(), false));
    }

    #[test]
    fn findings_in_cells() {
        let out = render(&sample::cells(), false);
        assert!(
            !out.contains("425000,"),
            "no line of the generated JSON is shown for a cell"
        );
        insta::assert_snapshot!(out);
    }

    #[test]
    fn a_rule_not_judged_is_said_after_the_findings_and_on_a_clean_input() {
        let mut report = sample::report();
        for input in &mut report.inputs {
            input.not_judged.push(crate::report::NotJudged {
                code: "PCDS-PRIV-010".into(),
                reason: "this input describes 2 children".into(),
            });
        }
        let out = render(&report, false);
        assert_eq!(
            out.matches("note: PCDS-PRIV-010 not judged: this input describes 2 children\n")
                .count(),
            report.inputs.len(),
            "{out}"
        );
        assert!(
            report.inputs.iter().any(|i| i.findings.is_empty()),
            "the sample has a clean input, which says it too"
        );
    }

    #[test]
    fn findings_left_out() {
        insta::assert_snapshot!(render(&sample::truncated(), false));
    }

    #[test]
    fn hostile_input() {
        insta::assert_snapshot!(render(&sample::hostile_report(), false));
    }

    #[test]
    fn edge_cases() {
        let long = format!(
            "{{\"releases\":[{}{{\"date\":1e999}}]}}",
            "{\"ocid\":\"ocds-pcdsex-a-1\"},".repeat(20)
        );
        let column = long.find("1e999").expect("in the line") + 1;
        let mut too_big = crate::finding::Finding::new(
            &rules::PARSE_NUMBER_RANGE,
            "",
            "number `1e999` is out of range",
        )
        .at(1, column);
        too_big.source_line = Some(long.clone());
        let mut at_start = crate::finding::Finding::new(
            &rules::PARSE_SYNTAX,
            "",
            "not well-formed JSON: EOF while parsing a list",
        )
        .at(1, 1);
        at_start.source_line = Some(long);
        let mut tabbed = crate::finding::Finding::new(
            &rules::CARE_ENDED_ACTIVE,
            "/releases/0/contracts/0/status",
            "status is `active`",
        )
        .at(1_204, 3);
        tabbed.source_line = Some("\t\t\"status\": \"active\"\r\n".to_owned());
        let inputs = vec![
            InputReport {
                not_judged: Vec::new(),
                name: "-".to_owned(),
                kind: Some("JSON Lines".to_owned()),
                bytes: 100,
                releases: 2,
                findings: vec![tabbed],
                omitted: Vec::new(),
            },
            InputReport {
                not_judged: Vec::new(),
                name: "minified.json".to_owned(),
                kind: None,
                bytes: 1000,
                releases: 0,
                findings: vec![too_big, at_start],
                omitted: Vec::new(),
            },
            InputReport {
                name: "a.json".to_owned(),
                releases: 1,
                ..InputReport::default()
            },
            InputReport {
                name: "b.json".to_owned(),
                releases: 1,
                ..InputReport::default()
            },
        ];
        let report = Report::new(inputs, Severity::Error, 2, Vec::new());
        insta::assert_snapshot!(render(&report, false));
    }

    #[test]
    fn empty_report() {
        let report = Report::new(Vec::new(), Severity::Error, 0, Vec::new());
        insta::assert_snapshot!(render(&report, false), @r"
        Summary
          inputs:    0 checked, 0 passed, 0 failed (failing at `error`)
          releases:  0 checked, 0 distinct ocids
          findings:  none

        0 passed, 0 failed
        ");
    }

    #[test]
    fn colour_only_when_asked() {
        let report = sample::report();
        let plain = render(&report, false);
        let coloured = render(&report, true);
        assert!(!plain.contains('\x1b'), "no escape codes without colour");
        assert!(coloured.contains("\x1b[1;31merror[PCDS-REF-001]\x1b[0m"));
        assert!(coloured.contains("\x1b[1;33mwarning[PCDS-PRICE-005]\x1b[0m"));
        assert!(coloured.contains("\x1b[1;34minfo[PCDS-CODE-002]\x1b[0m"));
        // Stripped of its escapes, the coloured output says the same as the plain one.
        assert_eq!(strip_ansi(&coloured), plain);
        // The closing line stays plain for tools that read it.
        assert!(coloured.ends_with("\n1 passed, 1 failed\n"));
    }

    #[test]
    fn hostile_text_cannot_reach_the_terminal() {
        let out = render(&sample::hostile_report(), false);
        assert!(!out.contains('\x1b'));
        assert!(!out.contains('\0'));
        assert!(!out.contains('\r'));
        assert!(out.contains(r"esc\u{1b}[31m"));
    }

    #[test]
    fn excerpt_windows_long_lines() {
        let line = "x".repeat(300);
        let (text, caret) = excerpt(&line, Some(200));
        assert_eq!(text.chars().count(), EXCERPT_WIDTH + 6);
        assert!(text.starts_with("...") && text.ends_with("..."));
        assert_eq!(caret, Some(3 + EXCERPT_WIDTH / 3));
        let (text, caret) = excerpt(&line, Some(300));
        assert!(text.starts_with("...") && !text.ends_with("..."));
        assert_eq!(caret, Some(3 + EXCERPT_WIDTH - 1));
        let (_, caret) = excerpt("abc", Some(4));
        assert_eq!(
            caret,
            Some(3),
            "a column just past the end is the end of the line"
        );
        let (_, caret) = excerpt("abc", Some(9));
        assert_eq!(caret, None, "a column beyond the line has no caret");
    }

    fn strip_ansi(text: &str) -> String {
        let mut out = String::new();
        let mut chars = text.chars();
        while let Some(c) = chars.next() {
            if c == '\x1b' {
                for c in chars.by_ref() {
                    if c == 'm' {
                        break;
                    }
                }
            } else {
                out.push(c);
            }
        }
        out
    }
}
