//! Findings: what the validator reports, each with a stable code.

use std::borrow::Cow;
use std::fmt;

use serde::{Deserialize, Serialize};

/// How serious a finding is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// Worth knowing; never fails a run.
    Info,
    /// Probably wrong, or not recommended; fails a run only with `--fail-on warning`.
    Warning,
    /// The data does not conform to PCDS.
    Error,
}

impl Severity {
    /// The lowercase name, as printed and serialised.
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Info => "info",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// What identifies a finding wherever it was made: the rule's code and the JSON pointer it
/// points at. Two implementations agree on a document when they report the same set of these,
/// and the conformance suite writes what a case expects as them.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FindingId {
    /// The rule code, e.g. `PCDS-REF-001`.
    pub code: Cow<'static, str>,
    /// The JSON pointer of the finding in the document (`""` for the whole document).
    pub pointer: String,
}

impl fmt::Display for FindingId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} at `{}`", self.code, self.pointer)
    }
}

/// One thing the validator found in a document.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Finding {
    /// The rule's stable code, e.g. `PCDS-REF-001`. Codes never change meaning. Borrowed from
    /// the rule catalogue when this engine made the finding; owned when it was read back from a
    /// report (a server's refusal, say), which may carry codes of a newer engine.
    pub code: Cow<'static, str>,
    /// How serious the finding is.
    pub severity: Severity,
    /// The JSON pointer of the offending value within the input document (`""` for the whole
    /// document). For JSON Lines input, the pointer is within the line's document.
    pub pointer: String,
    /// The 1-based line in the input, when known.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub line: Option<usize>,
    /// The 1-based column in the input (in characters), when known.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub column: Option<usize>,
    /// The spreadsheet cell the finding points at, when the document was imported from a
    /// workbook or CSV files: then it is where the value can be fixed, and the finding has no
    /// `line` or `column` (those would be of the generated JSON, which nobody edits). Absent
    /// for findings about a JSON input, and for findings about an imported document that no
    /// one cell holds (two rows that disagree, the document as a whole).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cell: Option<CellRef>,
    /// What is wrong, in plain English, with literal values in backticks.
    pub message: String,
    /// How to fix it, when there is something useful to say.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub hint: Option<String>,
    /// The text of the input line the finding points at, for people reading the report. Set
    /// it with [`Finding::with_source_line`], which masks the values on the line when the
    /// finding is about personal data, so no renderer can repeat what the rule found.
    #[serde(skip)]
    pub source_line: Option<String>,
}

impl Finding {
    /// What identifies this finding: its code and pointer.
    #[must_use]
    pub fn id(&self) -> FindingId {
        FindingId {
            code: self.code.clone(),
            pointer: self.pointer.clone(),
        }
    }

    /// A finding of a rule, at a pointer. The severity is the rule's.
    #[must_use]
    pub fn new(
        rule: &crate::rules::Rule,
        pointer: impl Into<String>,
        message: impl Into<String>,
    ) -> Self {
        Finding {
            code: Cow::Borrowed(rule.code),
            severity: rule.severity,
            pointer: pointer.into(),
            line: None,
            column: None,
            cell: None,
            message: message.into(),
            hint: None,
            source_line: None,
        }
    }

    /// The same finding with a hint.
    #[must_use]
    pub fn with_hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(hint.into());
        self
    }

    /// Whether the finding is about personal data (a rule of the privacy layer): its source
    /// line is masked, and its message names what was found only in masked form.
    #[must_use]
    pub fn is_sensitive(&self) -> bool {
        crate::rules::find(&self.code)
            .is_some_and(|rule| rule.layer == crate::rules::Layer::Privacy)
    }

    /// The same finding with the text of its input line; for a sensitive finding every value
    /// on the line is masked first (object keys stay, so the reader still sees which field).
    #[must_use]
    pub fn with_source_line(mut self, text: Option<String>) -> Self {
        self.source_line = match text {
            Some(text) if self.is_sensitive() => Some(mask_values(&text)),
            text => text,
        };
        self
    }

    /// The same finding at a line and column of the input.
    #[must_use]
    pub fn at(mut self, line: usize, column: usize) -> Self {
        self.line = Some(line);
        self.column = Some(column);
        self
    }

    /// The same finding in a spreadsheet cell, for a document imported from a workbook or CSV
    /// files. Its line, column and source line are cleared: they would be of the JSON the
    /// import generated, which means nothing to the person fixing the spreadsheet. The pointer
    /// stays, so the finding is still identified the same way ([`Finding::id`]).
    #[must_use]
    pub fn in_cell(mut self, cell: CellRef) -> Self {
        self.cell = Some(cell);
        self.line = None;
        self.column = None;
        self.source_line = None;
        self
    }
}

/// Where in a spreadsheet a finding points: for data imported from a workbook or CSV files.
///
/// Only the place is recorded, never the cell's value: a finding about personal data must not
/// repeat what the cell holds, and the value is in the spreadsheet for anyone allowed to see it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CellRef {
    /// The sheet's name, as its tab shows it (for CSV input, the file's name without `.csv`).
    pub sheet: String,
    /// The 1-based row number, as the spreadsheet shows it: the header is row 1, so the first
    /// row of data is row 2.
    pub row: u32,
    /// The column's title, as written in the header row (e.g. `Weekly price`).
    pub column: String,
    /// The cell reference a spreadsheet user types to go to the cell, in A1 style with the
    /// sheet's name (quoted when it has to be), e.g. `Placements!F12` or `'Fee changes'!C4`.
    pub reference: String,
}

impl CellRef {
    /// The cell at 1-based `row` and 0-based `column_index` (the position of the column in
    /// the header row, `0` for column A) of `sheet`, whose column is titled `title`. The reference
    /// is computed: column letters `A`–`Z`, then `AA`–`ZZ`, then `AAA`…, and the sheet's name
    /// in apostrophes unless it is a plain name, as Excel writes it (`'Fee changes'!C4`, with
    /// an apostrophe in the name doubled).
    #[must_use]
    pub fn new(
        sheet: impl Into<String>,
        row: u32,
        column_index: usize,
        title: impl Into<String>,
    ) -> Self {
        let sheet = sheet.into();
        let reference = format!(
            "{}!{}{row}",
            sheet_in_reference(&sheet),
            column_letters(column_index)
        );
        CellRef {
            sheet,
            row,
            column: title.into(),
            reference,
        }
    }
}

/// The letters of the 0-based column `index`: `A` for 0, `Z` for 25, `AA` for 26, `ZZ` for
/// 701, `AAA` for 702. The letters are a base-26 numeral without a zero digit.
fn column_letters(index: usize) -> String {
    let mut letters = String::new();
    let mut rest = index;
    loop {
        // `rest % 26` is below 26, so it fits a byte.
        letters.insert(0, char::from(b'A' + (rest % 26) as u8));
        match (rest / 26).checked_sub(1) {
            Some(next) => rest = next,
            None => return letters,
        }
    }
}

/// A sheet's name as it stands before the `!` of a reference: as it is when Excel would take
/// it so (letters, digits and underscores, not starting with a digit, and not itself readable
/// as a cell reference such as `Q1` or `R2C3`), else in apostrophes with any apostrophe in it
/// doubled. Quoting a name that did not need it is always accepted, so when in doubt it quotes.
fn sheet_in_reference(sheet: &str) -> String {
    let plain = sheet
        .chars()
        .next()
        .is_some_and(|c| c.is_alphabetic() || c == '_')
        && sheet.chars().all(|c| c.is_alphanumeric() || c == '_')
        && !looks_like_a_reference(sheet);
    if plain {
        sheet.to_owned()
    } else {
        format!("'{}'", sheet.replace('\'', "''"))
    }
}

/// Whether a name reads as a cell reference in A1 style (one to three letters and a row
/// number, `FY2024`) or in R1C1 style (`R`, `C`, `R2`, `C3`, `RC`, `R2C3`), which a spreadsheet
/// would take for a cell rather than a sheet.
fn looks_like_a_reference(name: &str) -> bool {
    let upper = name.to_ascii_uppercase();
    let letters = upper.bytes().take_while(u8::is_ascii_uppercase).count();
    let digits = &upper[letters..];
    let a1 = (1..=3).contains(&letters)
        && !digits.is_empty()
        && digits.bytes().all(|b| b.is_ascii_digit());
    let r1c1 = {
        let rest = upper.strip_prefix('R').map_or(upper.as_str(), |rest| {
            rest.trim_start_matches(|c: char| c.is_ascii_digit())
        });
        let rest = rest.strip_prefix('C').map_or(rest, |rest| {
            rest.trim_start_matches(|c: char| c.is_ascii_digit())
        });
        rest.is_empty() && (upper.starts_with('R') || upper.starts_with('C'))
    };
    a1 || r1c1
}

/// A matched value with its middle masked, for a message that must say what was found
/// without repeating personal data in full: `Ja…th` for `Jamie Smith`, `…` when short.
#[must_use]
pub fn mask(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    if chars.len() <= 4 {
        return "…".to_owned();
    }
    format!(
        "{}…{}",
        chars[..2].iter().collect::<String>(),
        chars[chars.len() - 2..].iter().collect::<String>()
    )
}

/// A line of JSON text with the contents of every string value replaced by `•••`: strings
/// followed by a colon (object keys) are kept. Text outside strings (numbers, punctuation) is
/// kept too, so the line still shows its shape and the caret still finds its column up to the
/// first masked value.
fn mask_values(line: &str) -> String {
    let mut out = String::with_capacity(line.len());
    let mut rest = line;
    while let Some(open) = rest.find('"') {
        out.push_str(&rest[..=open]);
        let after = &rest[open + 1..];
        // The end of the string: the first quote not escaped by a backslash; a string the line
        // cuts off runs to the end of the line.
        let mut escaped = false;
        let close = after.char_indices().find_map(|(i, c)| {
            if escaped {
                escaped = false;
                None
            } else if c == '\\' {
                escaped = true;
                None
            } else {
                (c == '"').then_some(i)
            }
        });
        let (content, tail) = match close {
            Some(i) => (&after[..i], &after[i..]),
            None => (after, ""),
        };
        let is_key = tail
            .get(1..)
            .is_some_and(|t| t.trim_start().starts_with(':'));
        if is_key || content.is_empty() {
            out.push_str(content);
        } else {
            out.push_str("•••");
        }
        match tail.char_indices().nth(1) {
            Some((i, _)) => {
                out.push('"');
                rest = &tail[i..];
            }
            None => {
                out.push_str(tail);
                rest = "";
            }
        }
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules;

    #[test]
    fn a_finding_is_identified_by_code_and_pointer_alone() {
        let finding =
            Finding::new(&rules::OCDS_FIELD, "/releases/0", "a message").with_hint("a hint");
        let id = finding.id();
        assert_eq!(
            id.to_string(),
            format!("{} at `/releases/0`", rules::OCDS_FIELD.code)
        );
        let read: FindingId =
            serde_json::from_str(&serde_json::to_string(&id).expect("writes")).expect("reads");
        assert_eq!(read, id);
        assert!(
            serde_json::from_str::<FindingId>(r#"{"code": "X", "pointer": "", "line": 1}"#)
                .is_err(),
            "a case may not say more than code and pointer"
        );
    }

    #[test]
    fn values_are_masked_and_keys_kept() {
        assert_eq!(
            mask_values(r#"      "description": "Jamie Smith, born 01/02/2015", "n": 3,"#),
            r#"      "description": "•••", "n": 3,"#
        );
        assert_eq!(mask_values(r#"  "a\"b": "x\"y""#), r#"  "a\"b": "•••""#);
        assert_eq!(
            mask_values(r#"  "note": "cut off her"#),
            r#"  "note": "•••"#
        );
        assert_eq!(mask_values(r#"["Ann Lee", "", 2]"#), r#"["•••", "", 2]"#);
        assert_eq!(mask_values("no strings: 12"), "no strings: 12");
    }

    #[test]
    fn only_sensitive_findings_mask_their_line() {
        let line = r#"  "description": "Jamie Smith""#.to_owned();
        let private =
            Finding::new(&rules::PRIV_NAME, "/x", "m").with_source_line(Some(line.clone()));
        assert!(private.is_sensitive());
        assert_eq!(
            private.source_line.as_deref(),
            Some(r#"  "description": "•••""#)
        );
        let other =
            Finding::new(&rules::DOCUMENT_KIND, "/x", "m").with_source_line(Some(line.clone()));
        assert!(!other.is_sensitive());
        assert_eq!(other.source_line, Some(line));
    }

    #[test]
    fn column_letters_count_without_a_zero() {
        let cases = [
            (0, "A"),
            (1, "B"),
            (25, "Z"),
            (26, "AA"),
            (27, "AB"),
            (51, "AZ"),
            (52, "BA"),
            (701, "ZZ"),
            (702, "AAA"),
            (703, "AAB"),
            (18_277, "ZZZ"),
            (18_278, "AAAA"),
        ];
        for (index, letters) in cases {
            assert_eq!(column_letters(index), letters, "column {index}");
        }
        assert_eq!(
            column_letters(16_383),
            "XFD",
            "Excel's last column, the 16,384th"
        );
    }

    #[test]
    fn sheet_names_are_quoted_as_excel_quotes_them() {
        let reference = |sheet: &str| CellRef::new(sheet, 4, 2, "New price").reference;
        assert_eq!(reference("Placements"), "Placements!C4");
        assert_eq!(reference("Sheet1"), "Sheet1!C4");
        assert_eq!(reference("fee_changes"), "fee_changes!C4");
        assert_eq!(reference("Données"), "Données!C4");
        assert_eq!(reference("Fee changes"), "'Fee changes'!C4");
        assert_eq!(reference("Children's homes"), "'Children''s homes'!C4");
        assert_eq!(reference("'quoted'"), "'''quoted'''!C4");
        assert_eq!(reference("2024-25"), "'2024-25'!C4");
        assert_eq!(
            reference("2024"),
            "'2024'!C4",
            "a name may not start with a digit"
        );
        assert_eq!(reference("Q1"), "'Q1'!C4", "a name that reads as a cell");
        assert_eq!(reference("fy2024"), "'fy2024'!C4");
        assert_eq!(reference("R2C3"), "'R2C3'!C4", "a cell in R1C1 style");
        assert_eq!(reference("r"), "'r'!C4");
        assert_eq!(reference("Rates"), "Rates!C4");
        assert_eq!(reference("Fees."), "'Fees.'!C4");
        assert_eq!(reference(""), "''!C4");
    }

    #[test]
    fn a_cell_keeps_its_parts_and_reads_back() {
        let cell = CellRef::new("Placements", 12, 5, "Weekly price");
        assert_eq!(
            cell,
            CellRef {
                sheet: "Placements".to_owned(),
                row: 12,
                column: "Weekly price".to_owned(),
                reference: "Placements!F12".to_owned(),
            }
        );
        assert_eq!(CellRef::new("Wide", 2, 702, "x").reference, "Wide!AAA2");
        let json = serde_json::to_value(&cell).expect("writes");
        assert_eq!(
            json,
            serde_json::json!({
                "sheet": "Placements",
                "row": 12,
                "column": "Weekly price",
                "reference": "Placements!F12",
            })
        );
        let read: CellRef = serde_json::from_value(json).expect("reads");
        assert_eq!(read, cell);
    }

    #[test]
    fn a_finding_in_a_cell_forgets_the_generated_json() {
        let placed = Finding::new(&rules::PRIV_NAME, "/releases/0/tender/description", "m")
            .at(41, 31)
            .with_source_line(Some(r#"  "description": "Jamie Smith""#.to_owned()));
        let id = placed.id();
        let cell = CellRef::new("Referrals", 7, 3, "Notes");
        let in_cell = placed.in_cell(cell.clone());
        assert_eq!(in_cell.cell, Some(cell));
        assert_eq!((in_cell.line, in_cell.column), (None, None));
        assert_eq!(in_cell.source_line, None);
        assert_eq!(in_cell.id(), id, "still identified by code and pointer");

        let text = serde_json::to_string(&in_cell).expect("writes");
        assert!(!text.contains("\"line\""), "{text}");
        let read: Finding = serde_json::from_str(&text).expect("reads");
        assert_eq!(read, in_cell);
        // A report written before findings had cells reads as findings without one.
        let plain = Finding::new(&rules::DOCUMENT_KIND, "", "m");
        let text = serde_json::to_string(&plain).expect("writes");
        assert!(!text.contains("cell"), "{text}");
        let read: Finding = serde_json::from_str(&text).expect("reads");
        assert_eq!(read.cell, None);
    }

    #[test]
    fn a_mask_keeps_only_the_ends() {
        assert_eq!(mask("Jamie Smith"), "Ja…th");
        assert_eq!(mask("Ann"), "…");
    }
}
