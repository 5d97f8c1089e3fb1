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
    fn a_mask_keeps_only_the_ends() {
        assert_eq!(mask("Jamie Smith"), "Ja…th");
        assert_eq!(mask("Ann"), "…");
    }
}
