//! The labelled corpus: how many of the personal-data examples the detectors find, and on how
//! many lines of professional text they fire, checked against the figures `privacy.md` states.
//!
//! `cargo test -p pcds-validator --lib corpus -- --nocapture` prints the measured table.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::Path;

use super::*;

/// The fixtures folder and the page that states the figures, relative to the crate.
const PERSONAL: &str = "tests/fixtures/privacy/personal.txt";
const PROFESSIONAL: &str = "tests/fixtures/privacy/professional.txt";
const PAGE: &str = "../docs/src/concepts/privacy.md";

/// The label of the professional-text row of the table.
const PROFESSIONAL_LABEL: &str = "professional";

/// How an example of a label is judged found.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Judge {
    /// [`scan`] returns a hit of this kind.
    Text(Kind),
    /// [`personal_field`] takes the text for a personal-data field name.
    Field,
}

/// The labels of the personal corpus, with how each is judged.
const LABELS: &[(&str, Judge)] = &[
    ("email", Judge::Text(Kind::Email)),
    ("phone", Judge::Text(Kind::Phone)),
    ("postcode", Judge::Text(Kind::Postcode)),
    ("date-of-birth", Judge::Text(Kind::DateOfBirth)),
    ("nhs-number", Judge::Text(Kind::NhsNumber)),
    ("upn", Judge::Text(Kind::Upn)),
    ("name", Judge::Text(Kind::Name)),
    ("address", Judge::Text(Kind::Address)),
    ("field-name", Judge::Field),
];

/// Reads a file of the crate.
fn read(relative: &str) -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(relative);
    std::fs::read_to_string(&path).unwrap_or_else(|error| panic!("{}: {error}", path.display()))
}

/// The lines of a corpus file that are examples: not blank and not comments.
fn examples(text: &str) -> impl Iterator<Item = &str> {
    text.lines()
        .filter(|line| !line.trim().is_empty() && !line.starts_with('#'))
}

/// Replaces each `\u{…}` in a corpus line with the character it names.
fn unescape(line: &str) -> String {
    let mut out = String::with_capacity(line.len());
    let mut rest = line;
    while let Some(at) = rest.find("\\u{") {
        out.push_str(&rest[..at]);
        let after = &rest[at + 3..];
        let close = after.find('}').expect("an escape ends with `}`");
        let code = u32::from_str_radix(&after[..close], 16).expect("an escape is hexadecimal");
        out.push(char::from_u32(code).expect("an escape names a character"));
        rest = &after[close + 1..];
    }
    out.push_str(rest);
    out
}

/// Found and total for each label, and the personal lines that hit a kind they do not list.
struct Measured {
    counts: BTreeMap<String, (usize, usize)>,
    stray: Vec<String>,
    false_positives: Vec<String>,
}

/// Runs the detectors over both corpora.
fn measure() -> Measured {
    let mut counts: BTreeMap<String, (usize, usize)> = LABELS
        .iter()
        .map(|(label, _)| ((*label).to_owned(), (0, 0)))
        .collect();
    let mut stray = Vec::new();
    for line in examples(&read(PERSONAL)) {
        let (labels, text) = line
            .split_once('\t')
            .unwrap_or_else(|| panic!("no tab in {line:?}"));
        let text = unescape(text);
        let labels: Vec<&str> = labels.split(',').map(str::trim).collect();
        let hits = scan(&text);
        for label in &labels {
            let judge = LABELS
                .iter()
                .find(|(known, _)| known == label)
                .unwrap_or_else(|| panic!("unknown label {label:?} in {line:?}"))
                .1;
            let found = match judge {
                Judge::Text(kind) => hits.iter().any(|hit| hit.kind == kind),
                Judge::Field => personal_field(&text).is_some(),
            };
            if !found {
                println!("missed {label}: {text:?}");
            }
            let count = counts.get_mut(*label).expect("every label is counted");
            count.0 += usize::from(found);
            count.1 += 1;
        }
        if !labels.contains(&"field-name") {
            for hit in &hits {
                let listed = LABELS.iter().any(|(label, judge)| {
                    *judge == Judge::Text(hit.kind) && labels.contains(label)
                });
                if !listed {
                    stray.push(format!("{line:?}: {hit:?}"));
                }
            }
        }
    }
    let mut false_positives = Vec::new();
    let mut lines = 0;
    for line in examples(&read(PROFESSIONAL)) {
        lines += 1;
        let hits = scan(&unescape(line));
        if !hits.is_empty() {
            false_positives.push(format!("{line:?}: {hits:?}"));
        }
    }
    counts.insert(
        PROFESSIONAL_LABEL.to_owned(),
        (false_positives.len(), lines),
    );
    Measured {
        counts,
        stray,
        false_positives,
    }
}

/// Reads a count as the page writes it (`2,460`).
fn number(cell: &str) -> Option<usize> {
    cell.trim().replace(',', "").parse().ok()
}

/// The figures the page states: the rows of its table whose first cell names a label in
/// backticks, with the found and total columns.
fn stated(page: &str) -> BTreeMap<String, (usize, usize)> {
    page.lines()
        .filter_map(|line| {
            let cells: Vec<&str> = line.trim().strip_prefix('|')?.split('|').collect();
            let label = cells.first()?.split('`').nth(1)?;
            let known = label == PROFESSIONAL_LABEL || LABELS.iter().any(|(l, _)| *l == label);
            Some((
                label.to_owned(),
                (number(cells.get(1)?)?, number(cells.get(2)?)?),
            ))
            .filter(|_| known)
        })
        .collect()
}

/// The measured figures as the rows to paste into the page.
fn table(counts: &BTreeMap<String, (usize, usize)>) -> String {
    let mut out = String::new();
    for (label, (found, total)) in counts {
        let _ = writeln!(out, "`{label}`: {found} of {total}");
    }
    out
}

#[test]
fn corpus_is_large_enough() {
    let personal = examples(&read(PERSONAL)).count();
    let professional = examples(&read(PROFESSIONAL)).count();
    assert!(personal >= 65, "{personal} personal examples");
    assert!(professional >= 2_400, "{professional} professional lines");
}

#[test]
fn detection_rates_are_the_ones_the_docs_state() {
    let measured = measure();
    println!("{}", table(&measured.counts));
    for line in &measured.false_positives {
        println!("false positive: {line}");
    }
    assert_eq!(
        measured.stray,
        Vec::<String>::new(),
        "personal lines with a hit of a kind they do not list"
    );
    let stated = stated(&read(PAGE));
    assert_eq!(
        stated,
        measured.counts,
        "{PAGE} must state what the corpus test measures:\n{}",
        table(&measured.counts)
    );
}

#[test]
fn stated_figures_are_read_from_table_rows() {
    let page = "| Email addresses (`email`) | 5 | 6 |\n\
                | Professional lines with a hit (`professional`) | 1 | 2,460 |\n\
                | Something else (`other`) | 1 | 2 |\n\
                Text with `email` | 9 | 9 |\n";
    let stated = stated(page);
    assert_eq!(stated.get("email"), Some(&(5, 6)));
    assert_eq!(stated.get("professional"), Some(&(1, 2_460)));
    assert_eq!(stated.len(), 2);
    assert_eq!(unescape(r"a\u{a0}b\u{2009}c"), "a\u{a0}b\u{2009}c");
}
