//! The field reference for the documentation site, generated from the schema: one page per
//! object (every field with its type, whether it is required, and its description) and one page
//! per codelist (every code with its meaning and the external codes it maps to).

use std::fmt::Write as _;

use serde_json::{Map, Value};

use crate::codelist::fold_doc;
use crate::codelists::ALL;
use crate::schema::{SchemaKind, generate};
use crate::spec::GeneratedFile;

/// The generated pages, with paths relative to the documentation's `src/reference/` directory.
#[must_use]
pub fn pages() -> Vec<GeneratedFile> {
    let schema = generate(SchemaKind::RecordPackage);
    let defs = schema
        .get("$defs")
        .and_then(Value::as_object)
        .cloned()
        .unwrap_or_default();
    let mut objects: Vec<(&String, &Value)> = defs
        .iter()
        .filter(|(_, d)| d.get("properties").is_some())
        .collect();
    objects.sort_by_key(|(name, _)| name.as_str());
    let mut files = Vec::new();
    let mut index = String::from(
        "<!-- Generated from the Rust types by `pcds schema`; do not edit. -->\n\n# Objects\n\nEvery object of the standard, with its fields.\n\n",
    );
    for (name, def) in &objects {
        let _ = writeln!(
            index,
            "- [{name}](objects/{name}.md): {}",
            first_sentence(description(def))
        );
        files.push(GeneratedFile {
            path: format!("objects/{name}.md"),
            contents: object_page(name, def, &defs),
        });
    }
    files.push(GeneratedFile {
        path: "objects.md".into(),
        contents: index,
    });
    let mut index = String::from(
        "<!-- Generated from the Rust types by `pcds schema`; do not edit. -->\n\n# Codelists\n\n| Codelist | Open or closed | Maps to |\n|---|---|---|\n",
    );
    for info in ALL {
        let kind = if info.open { "open" } else { "closed" };
        let _ = writeln!(
            index,
            "| [{}](codelists/{}.md) | {kind} | {} |",
            info.title,
            info.name,
            info.mapping.unwrap_or("—")
        );
        let mut page = format!(
            "<!-- Generated from the Rust types by `pcds schema`; do not edit. -->\n\n# {}\n\n{}\n\nThis codelist is **{kind}**: {}. Download: [`{}.csv`](../../../../spec/codelists/{}.csv).\n\n",
            info.title,
            fold_doc(info.description),
            if info.open {
                "other codes are allowed and reported as warnings"
            } else {
                "only these codes are valid"
            },
            info.name,
            info.name
        );
        let mapping = info.mapping.map_or_else(String::new, |m| format!(" ({m})"));
        let _ = writeln!(
            page,
            "| Code | Title | Description | Maps to{mapping} |\n|---|---|---|---|"
        );
        for code in info.codes {
            let _ = writeln!(
                page,
                "| `{}` | {} | {} | {} |",
                code.code,
                code.title,
                fold_doc(code.description),
                code.external.join(", ")
            );
        }
        files.push(GeneratedFile {
            path: format!("codelists/{}.md", info.name),
            contents: page,
        });
    }
    files.push(GeneratedFile {
        path: "codelists.md".into(),
        contents: index,
    });
    files
}

fn description(schema: &Value) -> &str {
    schema
        .get("description")
        .and_then(Value::as_str)
        .unwrap_or_default()
}

fn first_sentence(text: &str) -> &str {
    text.split_inclusive(". ").next().unwrap_or(text).trim_end()
}

/// Describes a field's type in words, with links to object and codelist pages.
fn type_of(schema: &Value, defs: &Map<String, Value>) -> String {
    if let Some(name) = schema
        .get("$ref")
        .and_then(Value::as_str)
        .and_then(|r| r.strip_prefix("#/$defs/"))
    {
        let def = defs.get(name);
        if let Some(codelist) = def.and_then(|d| d.get("codelist")).and_then(Value::as_str) {
            let stem = codelist.trim_end_matches(".csv");
            return format!("code from [{stem}](../codelists/{stem}.md)");
        }
        if def.is_some_and(|d| d.get("properties").is_some()) {
            return format!("[{name}]({name}.md)");
        }
        return def.map_or_else(|| name.to_owned(), |d| type_of(d, defs));
    }
    if let Some(options) = schema.get("anyOf").and_then(Value::as_array) {
        return options
            .iter()
            .map(|o| type_of(o, defs))
            .collect::<Vec<_>>()
            .join(" or ");
    }
    match schema.get("type").and_then(Value::as_str) {
        Some("array") => {
            let items = schema
                .get("items")
                .map_or_else(|| "values".into(), |i| type_of(i, defs));
            format!("list of {}", items.replacen("code from", "codes from", 1))
        }
        Some("string") => match schema.get("format").and_then(Value::as_str) {
            Some("date-time") => "date-time".into(),
            Some("uri") => "URI".into(),
            _ if schema.get("pattern").is_some() => format!(
                "string matching `{}`",
                schema["pattern"].as_str().unwrap_or_default()
            ),
            _ => "string".into(),
        },
        Some("number") => "number".into(),
        Some("integer") => "whole number".into(),
        Some("boolean") => "`true` or `false`".into(),
        Some("object") => "object".into(),
        _ => "any value".into(),
    }
}

fn object_page(name: &str, def: &Value, defs: &Map<String, Value>) -> String {
    let required: Vec<&str> = def
        .get("required")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .filter_map(Value::as_str)
        .collect();
    let mut page = format!(
        "<!-- Generated from the Rust types by `pcds schema`; do not edit. -->\n\n# {name}\n\n{}\n\n| Field | Type | Required | Description |\n|---|---|---|---|\n",
        description(def)
    );
    for (field, schema) in def
        .get("properties")
        .and_then(Value::as_object)
        .into_iter()
        .flatten()
    {
        let needed = if required.contains(&field.as_str()) {
            "yes"
        } else {
            "no"
        };
        let _ = writeln!(
            page,
            "| `{field}` | {} | {needed} | {} |",
            type_of(schema, defs).replace('|', "\\|"),
            description(schema).replace('|', "\\|")
        );
    }
    page.push_str(
        "\nFields not listed here are kept as they are read and written back unchanged.\n",
    );
    page
}

#[cfg(test)]
mod tests {
    use super::pages;

    #[test]
    fn every_object_field_and_code_has_a_page_entry() {
        let pages = pages();
        let referral = pages
            .iter()
            .find(|p| p.path == "objects/Referral.md")
            .expect("a Referral page");
        assert!(
            referral
                .contents
                .contains("| `urgency` | code from [urgency](../codelists/urgency.md) | yes |"),
            "{}",
            referral.contents
        );
        assert!(
            referral
                .contents
                .contains("| `children` | list of [ChildProfile](ChildProfile.md) | yes |"),
            "{}",
            referral.contents
        );
        let placement = pages
            .iter()
            .find(|p| p.path == "codelists/placementType.md")
            .expect("a placementType page");
        assert!(
            placement
                .contents
                .contains("| `childrensHome` | Children's home |")
        );
        assert!(placement.contents.contains("| K2 |"));
    }
}
