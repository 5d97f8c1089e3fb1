//! The rule catalogue as people read it: a Markdown page (committed as
//! `docs/src/reference/rules.md`, staleness-tested) and plain-text explanations for
//! `pcds rules` and `pcds explain`.

use std::fmt::Write as _;

use crate::rules::{self, ALL, Layer, Rule};

/// Where the generated catalogue page lives, relative to the repository root.
pub const PAGE: &str = "docs/src/reference/rules.md";

/// The example of a rule in words: the patches to the base document, or the raw input.
#[must_use]
pub fn example(rule: &Rule) -> String {
    if !rule.raw_example.is_empty() {
        let shown = if rule.raw_example.len() > 120 {
            format!("{}…", &rule.raw_example[..120])
        } else {
            rule.raw_example.to_owned()
        };
        return format!("the input `{shown}`");
    }
    if rule.example.is_empty() {
        return "see the description".to_owned();
    }
    let changes: Vec<String> = rule
        .example
        .iter()
        .map(|patch| {
            if patch.value.is_empty() {
                format!("remove `{}`", patch.pointer)
            } else {
                let value = if patch.value.len() > 120 {
                    format!("{}…", &patch.value[..120])
                } else {
                    patch.value.to_owned()
                };
                format!("set `{}` to `{value}`", patch.pointer)
            }
        })
        .collect();
    format!("in the base document, {}", changes.join(" and "))
}

/// One rule explained in plain text, for `pcds explain`.
#[must_use]
pub fn explain(rule: &Rule) -> String {
    format!(
        "{} ({}, {})\n{}\n\n{}\n\nFix: {}\n\nExample: {}\n",
        rule.code,
        rule.severity,
        rule.layer.title(),
        rule.title,
        rule.description,
        rule.hint,
        example(rule)
    )
}

/// Every rule in one line each, for `pcds rules`.
#[must_use]
pub fn table() -> String {
    let mut out = String::new();
    for rule in ALL {
        let _ = writeln!(out, "{:<16} {:<8} {}", rule.code, rule.severity, rule.title);
    }
    let _ = writeln!(
        out,
        "\n{} rules; `pcds explain CODE` says more about one",
        ALL.len()
    );
    out
}

/// The catalogue page in Markdown.
#[must_use]
pub fn markdown() -> String {
    let mut out = String::from(
        "<!-- Generated from validator/src/rules.rs by `pcds rules --format markdown`; do not edit. -->\n\n\
         # Validation rules\n\n\
         Every finding `pcds validate` reports has one of these codes. A code never changes meaning once\n\
         published. Severity `error` fails a run; `warning` fails it only with `--fail-on warning`.\n\n\
         Examples are changes to the validator's base document, `validator/src/base-package.json`, a\n\
         valid release package.\n",
    );
    let mut layer: Option<Layer> = None;
    for rule in ALL {
        if layer != Some(rule.layer) {
            layer = Some(rule.layer);
            let _ = write!(
                out,
                "\n## {}\n\n| Code | Severity | Rule |\n|---|---|---|\n",
                rule.layer.title()
            );
            for same in ALL.iter().filter(|r| r.layer == rule.layer) {
                let _ = writeln!(
                    out,
                    "| [`{}`](#{}) | {} | {} |",
                    same.code,
                    same.code.to_lowercase(),
                    same.severity,
                    same.title
                );
            }
        }
        let _ = write!(
            out,
            "\n### {}\n\n**{}** ({}).\n\n{}\n\n*Fix:* {}.\n\n*Example:* {}.\n",
            rule.code,
            rule.title,
            rule.severity,
            rule.description,
            rule.hint,
            example(rule)
        );
    }
    out
}

/// Looks up a rule for `pcds explain`, accepting `PCDS-REF-001` or `ref-001`.
#[must_use]
pub fn find(code: &str) -> Option<&'static Rule> {
    rules::find(code).or_else(|| rules::find(&format!("PCDS-{code}")))
}
