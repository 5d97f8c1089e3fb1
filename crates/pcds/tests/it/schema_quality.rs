//! A reader of the generated schema alone can tell what every field means.

use pcds::codelist::Codelist;
use pcds::schema::{SchemaKind, generate};
use serde_json::Value;

/// Every property of every object definition, with its description (following `$ref`s is not
/// needed: a property's own description is required, whatever its type).
fn undescribed(schema: &Value) -> Vec<String> {
    let mut missing = Vec::new();
    let mut objects: Vec<(String, &Value)> = vec![("(root)".into(), schema)];
    if let Some(defs) = schema.get("$defs").and_then(Value::as_object) {
        objects.extend(defs.iter().map(|(name, def)| (name.clone(), def)));
    }
    for (name, def) in objects {
        let described = |v: &Value| {
            v.get("description")
                .and_then(Value::as_str)
                .is_some_and(|d| !d.trim().is_empty())
        };
        if !described(def) {
            missing.push(format!("definition {name}"));
        }
        for (property, value) in def
            .get("properties")
            .and_then(Value::as_object)
            .into_iter()
            .flatten()
        {
            if !described(value) {
                missing.push(format!("{name}.{property}"));
            }
        }
    }
    missing
}

#[test]
fn every_definition_and_field_has_a_description() {
    for kind in SchemaKind::ALL {
        let missing = undescribed(&generate(kind));
        assert!(
            missing.is_empty(),
            "{} lacks descriptions for: {missing:?}",
            kind.file_name()
        );
    }
}

#[test]
fn schemas_have_stable_ids_and_the_2020_12_dialect() {
    for kind in SchemaKind::ALL {
        let schema = generate(kind);
        assert_eq!(
            schema["$schema"],
            "https://json-schema.org/draft/2020-12/schema"
        );
        assert_eq!(
            schema["$id"],
            format!(
                "https://standard.pcds.org.uk/schema/0.2/{}",
                kind.file_name()
            )
        );
        assert!(
            schema["title"]
                .as_str()
                .is_some_and(|t| t.starts_with("PCDS "))
        );
    }
}

#[test]
fn no_field_allows_null() {
    let text = serde_json::to_string(&generate(SchemaKind::RecordPackage)).expect("serialises");
    assert!(
        !text.contains("\"null\""),
        "the profile forbids null, but the schema allows it somewhere"
    );
}

#[test]
fn closed_codelists_are_enforced_and_open_ones_are_not() {
    let schema = generate(SchemaKind::ReleasePackage);
    let placement = &schema["$defs"]["PlacementType"];
    let codes: Vec<&str> = pcds::codelists::PlacementType::INFO
        .codes
        .iter()
        .map(|c| c.code)
        .collect();
    assert_eq!(placement["enum"], serde_json::json!(codes));
    assert_eq!(placement["openCodelist"], false);
    let need = &schema["$defs"]["Need"];
    assert!(need.get("enum").is_none());
    assert_eq!(need["openCodelist"], true);
    assert_eq!(need["codelist"], "need.csv");
}

#[test]
fn twins_with_the_same_coded_attributes_are_allowed() {
    let schema = generate(SchemaKind::Release);
    let children = &schema["$defs"]["Referral"]["properties"]["children"];
    assert_eq!(children["minItems"], 1);
    assert!(children.get("uniqueItems").is_none(), "{children}");
    assert_eq!(
        schema["$defs"]["Referral"]["properties"]["placementTypesSought"]["uniqueItems"],
        true
    );
}

/// Every property of every published schema, with its path.
fn properties(value: &Value, path: &str, found: &mut Vec<(String, Value)>) {
    match value {
        Value::Object(object) => {
            if let Some(Value::Object(props)) = object.get("properties") {
                for (name, property) in props {
                    found.push((format!("{path}/{name}"), property.clone()));
                }
            }
            for (key, child) in object {
                properties(child, &format!("{path}/{key}"), found);
            }
        }
        Value::Array(items) => {
            for (i, item) in items.iter().enumerate() {
                properties(item, &format!("{path}/{i}"), found);
            }
        }
        _ => {}
    }
}

#[test]
fn every_property_has_a_title_and_only_standard_formats() {
    for kind in SchemaKind::ALL {
        let schema = generate(kind);
        let mut found = Vec::new();
        properties(&schema, "", &mut found);
        assert!(found.len() > 50, "{kind:?} has properties");
        for (path, property) in &found {
            assert!(
                property["title"].as_str().is_some_and(|t| !t.is_empty()),
                "{kind:?}: {path} has no title"
            );
        }
        let mut formats = Vec::new();
        fn collect(value: &Value, formats: &mut Vec<String>) {
            match value {
                Value::Object(o) => {
                    if let Some(Value::String(f)) = o.get("format") {
                        formats.push(f.clone());
                    }
                    o.values().for_each(|v| collect(v, formats));
                }
                Value::Array(a) => a.iter().for_each(|v| collect(v, formats)),
                _ => {}
            }
        }
        collect(&schema, &mut formats);
        formats.retain(|f| f != "date-time" && f != "uri");
        assert_eq!(
            formats,
            Vec::<String>::new(),
            "{kind:?}: non-standard formats"
        );
    }
}
