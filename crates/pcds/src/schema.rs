//! The standard's JSON Schemas (draft 2020-12), generated from the types.
//!
//! Each schema is self-contained (every definition under `$defs`), has a stable `$id`, and takes
//! its titles and descriptions from the types' doc comments. On top of what the types say, the
//! generator applies the profile's house rules:
//!
//! - no `null`: an absent field means "not stated" (OCDS allows `null`; PCDS does not use it);
//! - lists, when present, hold at least one item and no item twice (as OCDS requires of many
//!   of its lists; a referral's children are the exception, as twins may share every coded
//!   attribute), and plain strings are non-empty, so reading and writing a valid document
//!   gives back the same document;
//! - counts have the range of the Rust integer type that reads them.

use schemars::generate::SchemaSettings;
use schemars::transform::{Transform, transform_subschemas};
use schemars::{JsonSchema, Schema};
use serde_json::{Map, Value, json};

use crate::{PCDS_VERSION, RecordPackage, Release, ReleasePackage};

/// The base URI of every published PCDS schema for this version. A schema's `$id` is this base
/// followed by its file name.
pub const SCHEMA_BASE_URI: &str = "https://standard.pcds.org.uk/schema/0.2/";

/// One of the standard's schemas.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum SchemaKind {
    /// A single release.
    Release,
    /// A release package: the unit of publication.
    ReleasePackage,
    /// A single record.
    Record,
    /// A record package.
    RecordPackage,
}

impl SchemaKind {
    /// Every schema, in publication order.
    pub const ALL: [SchemaKind; 4] = [
        SchemaKind::Release,
        SchemaKind::ReleasePackage,
        SchemaKind::Record,
        SchemaKind::RecordPackage,
    ];

    /// The schema's file name under `spec/schema/`.
    #[must_use]
    pub fn file_name(self) -> &'static str {
        match self {
            SchemaKind::Release => "release-schema.json",
            SchemaKind::ReleasePackage => "release-package-schema.json",
            SchemaKind::Record => "record-schema.json",
            SchemaKind::RecordPackage => "record-package-schema.json",
        }
    }

    /// The schema's stable `$id`.
    #[must_use]
    pub fn id(self) -> String {
        format!("{SCHEMA_BASE_URI}{}", self.file_name())
    }

    /// The schema's title.
    #[must_use]
    pub fn title(self) -> &'static str {
        match self {
            SchemaKind::Release => "PCDS release",
            SchemaKind::ReleasePackage => "PCDS release package",
            SchemaKind::Record => "PCDS record",
            SchemaKind::RecordPackage => "PCDS record package",
        }
    }
}

/// Generates one schema.
#[must_use]
pub fn generate(kind: SchemaKind) -> Value {
    let mut generator = SchemaSettings::draft2020_12()
        .with_transform(ProfileRules)
        .into_generator();
    let schema = match kind {
        SchemaKind::Release => generator.root_schema_for::<Release>(),
        SchemaKind::ReleasePackage => generator.root_schema_for::<ReleasePackage>(),
        SchemaKind::Record => generator.root_schema_for::<crate::Record>(),
        SchemaKind::RecordPackage => generator.root_schema_for::<RecordPackage>(),
    };
    finish(kind, schema)
}

/// Puts the root keywords first, in a fixed order, so the published file reads well.
fn finish(kind: SchemaKind, schema: Schema) -> Value {
    let mut body = match schema.to_value() {
        Value::Object(map) => map,
        other => return other,
    };
    let mut root = Map::new();
    root.insert(
        "$schema".into(),
        body.remove("$schema")
            .unwrap_or_else(|| json!("https://json-schema.org/draft/2020-12/schema")),
    );
    root.insert("$id".into(), json!(kind.id()));
    root.insert("title".into(), json!(kind.title()));
    body.remove("title");
    let description = body
        .remove("description")
        .and_then(|d| d.as_str().map(str::to_owned))
        .unwrap_or_default();
    root.insert(
        "description".into(),
        json!(format!("{description} Placement Contracting Data Standard {PCDS_VERSION}, a profile of OCDS 1.1.")),
    );
    root.extend(body);
    Value::Object(root)
}

/// The profile's house rules, applied to every subschema (see the module documentation).
#[derive(Debug, Clone, Copy)]
struct ProfileRules;

impl Transform for ProfileRules {
    fn transform(&mut self, schema: &mut Schema) {
        transform_subschemas(self, schema);
        let Some(object) = schema.as_object_mut() else {
            return;
        };
        forbid_null(object);
        fold_descriptions(object);
        title_properties(object);
        match object.get("type").and_then(Value::as_str) {
            // Lists, when present, hold at least one item and never the same item twice.
            Some("array") => {
                object.entry("minItems").or_insert(json!(1));
                // Children have no ids, and twins may share every coded attribute.
                let children = object
                    .get("items")
                    .and_then(|i| i.get("$ref"))
                    .and_then(Value::as_str)
                    == Some("#/$defs/ChildProfile");
                if !children {
                    object.insert("uniqueItems".into(), json!(true));
                }
            }
            // Free strings are never empty (identifiers, codes and dates have their own shape).
            Some("string")
                if !["format", "pattern", "enum", "minLength", "const"]
                    .iter()
                    .any(|k| object.contains_key(*k)) =>
            {
                object.insert("minLength".into(), json!(1));
            }
            // Counts have the range of the Rust type that reads them.
            Some("integer") => {
                let maximum = match object.get("format").and_then(Value::as_str) {
                    Some("uint8") => Some(u64::from(u8::MAX)),
                    Some("uint32") => Some(u64::from(u32::MAX)),
                    _ => None,
                };
                if let Some(maximum) = maximum {
                    object.entry("maximum").or_insert(json!(maximum));
                }
                // `uint8` and `uint32` are schemars' own formats, not JSON Schema's: the range
                // says the same in keywords every validator knows.
                if maximum.is_some() {
                    object.remove("format");
                    object.entry("minimum").or_insert(json!(0));
                }
            }
            _ => {}
        }
    }
}

/// Removes the `null` schemars allows for `Option` fields.
fn forbid_null(object: &mut Map<String, Value>) {
    if let Some(Value::Array(types)) = object.get("type") {
        let kept: Vec<Value> = types
            .iter()
            .filter(|t| t.as_str() != Some("null"))
            .cloned()
            .collect();
        object.insert(
            "type".into(),
            if kept.len() == 1 {
                kept[0].clone()
            } else {
                Value::Array(kept)
            },
        );
    }
    for keyword in ["anyOf", "oneOf"] {
        let Some(Value::Array(options)) = object.get(keyword) else {
            continue;
        };
        let kept: Vec<Value> = options
            .iter()
            .filter(|o| o.get("type").and_then(Value::as_str) != Some("null"))
            .cloned()
            .collect();
        if kept.len() == options.len() {
            continue;
        }
        object.remove(keyword);
        if let [only] = kept.as_slice()
            && let Some(only) = only.as_object()
        {
            for (k, v) in only {
                object.entry(k.clone()).or_insert(v.clone());
            }
        } else {
            object.insert(keyword.into(), Value::Array(kept));
        }
    }
}

/// Gives every property a `title` (spreadsheet tools and form builders show titles), made from
/// its name: `weeklyPrice` is "Weekly price", `awardID` is "Award ID".
fn title_properties(object: &mut Map<String, Value>) {
    let Some(Value::Object(properties)) = object.get_mut("properties") else {
        return;
    };
    for (name, property) in properties.iter_mut() {
        if let Value::Object(property) = property {
            property
                .entry("title")
                .or_insert_with(|| Value::String(title_of(name)));
        }
    }
}

/// A property name as words: camelCase split, acronyms kept in capitals.
#[must_use]
pub fn title_of(name: &str) -> String {
    let mut words: Vec<String> = Vec::new();
    let chars: Vec<char> = name.chars().collect();
    let mut word = String::new();
    for (i, c) in chars.iter().enumerate() {
        let next_lower = chars.get(i + 1).is_some_and(|n| n.is_lowercase());
        let previous_lower =
            i > 0 && (chars[i - 1].is_lowercase() || chars[i - 1].is_ascii_digit());
        if c.is_uppercase() && !word.is_empty() && (previous_lower || next_lower) {
            words.push(std::mem::take(&mut word));
        }
        word.push(*c);
    }
    if !word.is_empty() {
        words.push(word);
    }
    let words: Vec<String> = words
        .iter()
        .enumerate()
        .map(|(i, w)| {
            let acronym = match w.to_lowercase().as_str() {
                "id" => Some("ID"),
                "ocid" => Some("OCID"),
                "gss" => Some("GSS"),
                "dfe" => Some("DfE"),
                "uri" => Some("URI"),
                "url" => Some("URL"),
                "urn" => Some("URN"),
                "pcds" => Some("PCDS"),
                "ocds" => Some("OCDS"),
                _ => None,
            };
            match acronym {
                Some(a) => a.to_owned(),
                None if w.len() > 1 && w.chars().all(|c| c.is_uppercase()) => w.clone(),
                None if i == 0 => {
                    let mut cs = w.chars();
                    cs.next()
                        .map(|f| f.to_uppercase().chain(cs).collect())
                        .unwrap_or_default()
                }
                None => w.to_lowercase(),
            }
        })
        .collect();
    words.join(" ")
}

/// Doc comments arrive with their line breaks; a schema description reads best as one
/// paragraph.
fn fold_descriptions(object: &mut Map<String, Value>) {
    for keyword in ["description", "title"] {
        if let Some(Value::String(text)) = object.get_mut(keyword) {
            *text = crate::codelist::fold_doc(text);
        }
    }
}

/// The schema of a type, for tools that need one definition on its own (e.g. the docs).
#[must_use]
pub fn schema_for<T: JsonSchema>() -> Value {
    SchemaSettings::draft2020_12()
        .with_transform(ProfileRules)
        .into_generator()
        .root_schema_for::<T>()
        .to_value()
}

#[cfg(test)]
mod tests {
    use super::title_of;

    #[test]
    fn titles_read_as_words() {
        assert_eq!(title_of("weeklyPrice"), "Weekly price");
        assert_eq!(title_of("awardID"), "Award ID");
        assert_eq!(title_of("amendsReleaseID"), "Amends release ID");
        assert_eq!(title_of("ocid"), "OCID");
        assert_eq!(title_of("gssCode"), "GSS code");
        assert_eq!(title_of("dfeNumber"), "DfE number");
        assert_eq!(title_of("staffing1to1"), "Staffing1to1");
        assert_eq!(title_of("uri"), "URI");
    }
}
