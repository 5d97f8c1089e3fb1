//! OCDS compatibility: PCDS is a profile of OCDS 1.1, so its closed codelists are subsets of
//! the upstream lists and every example is valid OCDS 1.1.5.

use std::collections::BTreeSet;

use pcds::codelist::Codelist;
use pcds::codelists;

use super::support::{csv_column, errors, ocds_dir, ocds_release_package};

fn upstream_codes(file: &str) -> BTreeSet<String> {
    csv_column(
        &ocds_dir().join("codelists").join(format!("{file}.csv")),
        "Code",
    )
    .into_iter()
    .collect()
}

#[test]
fn ocds_codelists_are_subsets_of_the_upstream_lists() {
    let mirrored = [
        codelists::ReleaseTag::INFO,
        codelists::InitiationType::INFO,
        codelists::TenderStatus::INFO,
        codelists::ProcurementMethod::INFO,
        codelists::ProcurementCategory::INFO,
        codelists::AwardStatus::INFO,
        codelists::ContractStatus::INFO,
        codelists::Currency::INFO,
        codelists::PartyRole::INFO,
        codelists::RelatedProcessRelationship::INFO,
        codelists::RelatedProcessScheme::INFO,
        codelists::DocumentType::INFO,
        codelists::AwardCriteria::INFO,
    ];
    for info in mirrored {
        let upstream = upstream_codes(info.name);
        assert!(!upstream.is_empty(), "{}.csv is empty upstream", info.name);
        for code in info.codes {
            assert!(
                upstream.contains(code.code),
                "`{}` is not in the upstream OCDS {} codelist",
                code.code,
                info.name
            );
            assert_eq!(
                code.external,
                [code.code],
                "{}: an OCDS code maps to itself",
                info.name
            );
        }
    }
}

#[test]
fn closed_status_lists_match_upstream_exactly_where_pcds_uses_them_all() {
    // PCDS narrows some closed OCDS lists (one currency, one category); these it keeps whole.
    for info in [
        codelists::ReleaseTag::INFO,
        codelists::TenderStatus::INFO,
        codelists::AwardStatus::INFO,
        codelists::ContractStatus::INFO,
    ] {
        let ours: BTreeSet<String> = info.codes.iter().map(|c| c.code.to_owned()).collect();
        assert_eq!(ours, upstream_codes(info.name), "{}", info.name);
    }
}

#[test]
fn every_example_is_valid_ocds_1_1_5() {
    let examples = super::examples::release_packages();
    assert!(!examples.is_empty());
    for (path, document) in examples {
        if let Some(errors) = errors(ocds_release_package(), &document) {
            panic!("{} is not valid OCDS 1.1.5:\n{errors}", path.display());
        }
    }
}

#[test]
fn the_ocds_check_catches_what_ocds_forbids() {
    // The upstream schema is really applied: an unknown release tag fails it.
    let mut document = super::examples::release_packages()
        .into_iter()
        .next()
        .expect("an example")
        .1;
    document["releases"][0]["tag"] = serde_json::json!(["placementAgreed"]);
    assert!(errors(ocds_release_package(), &document).is_some());
}

/// The property names at a JSON pointer of an upstream schema file.
fn upstream_fields(file: &str, pointer: &str) -> BTreeSet<String> {
    let schema = super::support::read_json(&ocds_dir().join(file));
    schema
        .pointer(pointer)
        .and_then(serde_json::Value::as_object)
        .unwrap_or_else(|| panic!("{file} has no properties at {pointer}"))
        .keys()
        .cloned()
        .collect()
}

#[test]
fn the_list_of_ocds_fields_matches_the_upstream_schemas() {
    for object in pcds::ocds::OBJECTS {
        let ours: BTreeSet<String> = object.fields.iter().map(|f| (*f).to_owned()).collect();
        assert_eq!(
            ours.len(),
            object.fields.len(),
            "{} lists a field twice",
            object.name
        );
        assert_eq!(
            ours,
            upstream_fields(object.schema_file, object.pointer),
            "the OCDS fields of {} ({} {})",
            object.name,
            object.schema_file,
            object.pointer
        );
    }
    // Every object the OCDS release schema defines is listed, so a PCDS object that shares an
    // OCDS name is always compared with it.
    let release = super::support::read_json(&ocds_dir().join("release-schema.json"));
    for name in release["definitions"]
        .as_object()
        .expect("definitions")
        .keys()
    {
        assert!(
            pcds::ocds::object(name).is_some(),
            "the OCDS object {name} is not listed in pcds::ocds::OBJECTS"
        );
    }
}

#[test]
fn pcds_objects_named_after_ocds_objects_share_their_fields() {
    // A PCDS object with an OCDS name uses some of that object's fields, so the name is not a
    // coincidence and the reference marks its fields against the right OCDS object.
    let schema = pcds::schema::generate(pcds::schema::SchemaKind::RecordPackage);
    let defs = schema["$defs"].as_object().expect("$defs");
    for object in pcds::ocds::OBJECTS {
        let Some(def) = defs.get(object.name) else {
            continue;
        };
        let fields = def["properties"].as_object().expect("properties");
        assert!(
            fields
                .keys()
                .any(|f| pcds::ocds::is_ocds_field(object.name, f)),
            "PCDS's {} has none of the OCDS fields",
            object.name
        );
    }
}

#[test]
fn the_shapes_of_publisher_fields_are_the_upstream_shapes() {
    use pcds::ocds::{FieldShape, MILESTONE_STATUS, OBJECTS, PUBLISHER_FIELDS};
    use serde_json::Value;

    let release = super::support::read_json(&ocds_dir().join("release-schema.json"));
    let definition = |schema: &Value| -> Value {
        match schema.get("$ref").and_then(Value::as_str) {
            Some(target) => release
                .pointer(target.trim_start_matches('#'))
                .cloned()
                .unwrap_or_else(|| panic!("no {target} upstream")),
            None => schema.clone(),
        }
    };
    let types = |schema: &Value| -> Vec<String> {
        match &definition(schema)["type"] {
            Value::String(t) => vec![t.clone()],
            Value::Array(ts) => ts
                .iter()
                .filter_map(|t| t.as_str().map(str::to_owned))
                .collect(),
            _ => Vec::new(),
        }
    };
    for (field, shape) in PUBLISHER_FIELDS {
        let object = OBJECTS
            .iter()
            .find(|o| o.schema_file == "release-schema.json" && o.fields.contains(field))
            .unwrap_or_else(|| panic!("`{field}` is in no release-schema object"));
        let upstream = release
            .pointer(&format!("{}/{field}", object.pointer))
            .unwrap_or_else(|| panic!("{} has no {field} upstream", object.name));
        let has = |t: &str| types(upstream).iter().any(|u| u == t);
        let items = definition(upstream).get("items").map(&definition);
        let ok = match shape {
            FieldShape::Object => has("object"),
            FieldShape::String => has("string"),
            FieldShape::Boolean => has("boolean"),
            FieldShape::StringList => {
                has("array")
                    && items
                        .as_ref()
                        .is_some_and(|i| types(i).contains(&"string".into()))
            }
            FieldShape::IdentifiedList | FieldShape::Milestones => {
                has("array")
                    && items.as_ref().is_some_and(|i| {
                        i["required"]
                            .as_array()
                            .is_some_and(|r| r.contains(&"id".into()))
                    })
            }
        };
        assert!(
            ok,
            "`{field}` of {} is not {shape:?} upstream: {upstream}",
            object.name
        );
    }
    let ours: BTreeSet<String> = MILESTONE_STATUS.iter().map(|c| (*c).to_owned()).collect();
    assert_eq!(ours, upstream_codes("milestoneStatus"));
}
