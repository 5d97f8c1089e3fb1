//! PCDS packaged as an OCDS extension (`spec/extension/`), so that OCDS tools (merging, the Data
//! Review Tool, flattening) read PCDS data with the right schema.
//!
//! - `extension.json`: the extension's metadata, in the OCDS extension form;
//! - `release-schema.json`: a JSON Merge Patch (RFC 7386) onto the OCDS 1.1.5 release schema. It
//!   adds PCDS's fields to the OCDS objects PCDS extends (and nothing OCDS already defines), and
//!   PCDS's own objects under `definitions`. Every list of objects whose items have no `id` is
//!   marked `wholeListMerge`, so OCDS merging replaces it whole, as `pcds compile` does, instead
//!   of appending a copy of each child or inspection in every release;
//! - `codelists/*.csv`: every PCDS codelist (`Code`, `Title`, `Description`). A file named as an
//!   OCDS codelist replaces it, as the extension convention says of a name without `+` or `-`.
//!
//! Generated from the types, like the rest of `spec/`.

use serde_json::{Map, Value, json};

use crate::codelists::ALL;
use crate::ocds;
use crate::schema::{SchemaKind, generate};
use crate::{PCDS_VERSION, spec};

/// The URI the extension's documentation is published at.
pub const DOCUMENTATION_URL: &str = "https://standard.pcds.org.uk/0.2/";

/// The extension's files, as (path under `spec/extension/`, contents).
#[must_use]
pub fn files() -> Vec<(String, String)> {
    let pretty = |value: &Value| {
        let mut text = serde_json::to_string_pretty(value).unwrap_or_default();
        text.push('\n');
        text
    };
    let mut files = vec![
        ("extension.json".to_owned(), pretty(&metadata())),
        ("release-schema.json".to_owned(), pretty(&release_patch())),
    ];
    for info in ALL {
        let mut csv = String::from("Code,Title,Description\n");
        for code in info.codes {
            csv.push_str(&format!(
                "{},{},{}\n",
                spec::csv_field(code.code),
                spec::csv_field(code.title),
                spec::csv_field(&crate::codelist::fold_doc(code.description))
            ));
        }
        files.push((format!("codelists/{}.csv", info.name), csv));
    }
    files
}

/// `extension.json`.
fn metadata() -> Value {
    let codelists: Vec<String> = ALL.iter().map(|i| format!("{}.csv", i.name)).collect();
    json!({
        "name": {"en": "Placement Contracting Data Standard (PCDS)"},
        "description": {"en": format!(
            "PCDS {PCDS_VERSION}: the market in children's foster and residential care placements in England. Adds referrals described by coded child attributes, offers and refusals, individual placement agreements with weekly price breakdowns and fee changes, framework and DPS admissions with price schedules, block and cost-and-volume contracts, settings by Ofsted URN, and placement endings and outcomes."
        )},
        "documentationUrl": {"en": DOCUMENTATION_URL},
        "compatibility": ["1.1"],
        "codelists": codelists,
        "schemas": ["release-schema.json"],
    })
}

/// `release-schema.json`: the merge patch onto the OCDS release schema.
#[must_use]
pub fn release_patch() -> Value {
    let schema = generate(SchemaKind::Release);
    let defs = schema
        .get("$defs")
        .and_then(Value::as_object)
        .cloned()
        .unwrap_or_default();
    let mut patch = Map::new();
    let mut definitions = Map::new();
    let mut objects: Vec<(&str, &Map<String, Value>)> = vec![("Release", root_object(&schema))];
    objects.extend(
        defs.iter()
            .filter_map(|(name, def)| def.as_object().map(|d| (name.as_str(), d))),
    );
    for (name, def) in objects {
        let upstream = ocds::object(name).filter(|o| o.schema_file == "release-schema.json");
        match upstream {
            Some(object) => {
                let Some(properties) = def.get("properties").and_then(Value::as_object) else {
                    continue;
                };
                let added: Map<String, Value> = properties
                    .iter()
                    .filter(|(field, _)| !object.fields.contains(&field.as_str()))
                    .map(|(field, property)| (field.clone(), convert(property, &defs)))
                    .collect();
                if !added.is_empty() {
                    insert_at(&mut patch, object.pointer, Value::Object(added));
                }
            }
            None if name == "Release" => {}
            None => {
                let mut def = convert(&Value::Object(def.clone()), &defs);
                if let Some(def) = def.as_object_mut() {
                    // Examples are for people reading the PCDS schema; OCDS tools do not use them.
                    def.remove("examples");
                }
                definitions.insert(name.to_owned(), def);
            }
        }
    }
    if !definitions.is_empty() {
        match patch.get_mut("definitions").and_then(Value::as_object_mut) {
            Some(existing) => existing.extend(definitions),
            None => {
                patch.insert("definitions".into(), Value::Object(definitions));
            }
        }
    }
    Value::Object(patch)
}

/// The release schema's own object (its root, without `$defs` and the root keywords).
fn root_object(schema: &Value) -> &Map<String, Value> {
    static EMPTY: std::sync::OnceLock<Map<String, Value>> = std::sync::OnceLock::new();
    schema
        .as_object()
        .unwrap_or_else(|| EMPTY.get_or_init(Map::new))
}

/// Puts `value` at a JSON pointer inside `patch`, creating the objects on the way.
fn insert_at(patch: &mut Map<String, Value>, pointer: &str, value: Value) {
    let tokens: Vec<&str> = pointer.trim_start_matches('/').split('/').collect();
    let Some((last, path)) = tokens.split_last() else {
        return;
    };
    let mut object = patch;
    for token in path {
        object = match object
            .entry((*token).to_owned())
            .or_insert_with(|| Value::Object(Map::new()))
        {
            Value::Object(inner) => inner,
            _ => return,
        };
    }
    match (object.get_mut(*last), value) {
        (Some(Value::Object(existing)), Value::Object(added)) => existing.extend(added),
        (_, value) => {
            object.insert((*last).to_owned(), value);
        }
    }
}

/// A PCDS subschema as OCDS 1.1 (draft-04) writes it: references into `definitions`, and lists
/// of objects without `id` merged whole.
fn convert(value: &Value, defs: &Map<String, Value>) -> Value {
    match value {
        Value::Object(object) => {
            let mut out = Map::new();
            for (key, child) in object {
                let child = match (key.as_str(), child) {
                    ("$ref", Value::String(reference)) => {
                        Value::String(reference.replacen("#/$defs/", "#/definitions/", 1))
                    }
                    _ => convert(child, defs),
                };
                out.insert(key.clone(), child);
            }
            if out.get("type").and_then(Value::as_str) == Some("array")
                && let Some(items) = object.get("items")
                && is_object_without_id(items, defs)
            {
                out.insert("wholeListMerge".into(), Value::Bool(true));
            }
            Value::Object(out)
        }
        Value::Array(items) => Value::Array(items.iter().map(|i| convert(i, defs)).collect()),
        other => other.clone(),
    }
}

/// Whether list items are objects that do not all carry an `id` (so they cannot be merged
/// item by item).
fn is_object_without_id(items: &Value, defs: &Map<String, Value>) -> bool {
    let resolved = items
        .get("$ref")
        .and_then(Value::as_str)
        .and_then(|r| r.strip_prefix("#/$defs/"))
        .and_then(|name| defs.get(name))
        .unwrap_or(items);
    let is_object = resolved.get("type").and_then(Value::as_str) == Some("object")
        || resolved.get("properties").is_some();
    let has_id = resolved
        .get("required")
        .and_then(Value::as_array)
        .is_some_and(|r| r.iter().any(|f| f == "id"));
    is_object && !has_id
}
