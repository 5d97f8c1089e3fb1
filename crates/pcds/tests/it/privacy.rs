//! Privacy by construction: the standard has no field that can hold a child's direct
//! identifiers, and children appear only through coded attributes.

use pcds::schema::{SchemaKind, generate};
use serde_json::Value;

/// Property names that would carry personal data, compared case-insensitively.
const FORBIDDEN: &[&str] = &[
    "address",
    "streetaddress",
    "postalcode",
    "postcode",
    "dateofbirth",
    "birthdate",
    "dob",
    "nhsnumber",
    "upn",
    "uniquepupilnumber",
    "firstname",
    "lastname",
    "surname",
    "givenname",
    "familyname",
    "forename",
    "email",
    "telephone",
    "phone",
    "contactpoint",
    "childname",
];

fn property_names(schema: &Value) -> Vec<(String, String)> {
    let mut names = Vec::new();
    for (definition, def) in schema["$defs"].as_object().into_iter().flatten() {
        for property in def
            .get("properties")
            .and_then(Value::as_object)
            .into_iter()
            .flatten()
            .map(|(k, _)| k)
        {
            names.push((definition.clone(), property.clone()));
        }
    }
    names
}

#[test]
fn no_field_can_hold_a_direct_identifier() {
    for kind in SchemaKind::ALL {
        for (definition, property) in property_names(&generate(kind)) {
            let lower = property.to_lowercase();
            assert!(
                !FORBIDDEN.contains(&lower.as_str()),
                "{definition}.{property} could hold personal data"
            );
        }
    }
}

#[test]
fn children_appear_only_as_coded_attributes() {
    let schema = generate(SchemaKind::Release);
    let child = &schema["$defs"]["ChildProfile"];
    let properties = child["properties"]
        .as_object()
        .expect("ChildProfile has properties");
    assert!(!properties.is_empty());
    for (name, property) in properties {
        // Each attribute is a codelist, or a list of codelist codes: never free text, a number
        // or a date.
        let reference = property
            .get("$ref")
            .or_else(|| property.pointer("/items/$ref"))
            .and_then(Value::as_str);
        let definition = reference
            .and_then(|r| r.strip_prefix("#/$defs/"))
            .map(|d| &schema["$defs"][d]);
        let is_codelist = definition.is_some_and(|d| d.get("codelist").is_some());
        // The one exception: the child's key, whose fixed form (`child-` and a number) cannot
        // carry anything about the child.
        let is_local_key = name == "key"
            && property["pattern"] == "^child-[1-9][0-9]{0,2}$"
            && property["type"] == "string";
        assert!(
            is_codelist || is_local_key,
            "ChildProfile.{name} is not a coded attribute: {property}"
        );
    }
}

#[test]
fn settings_are_located_only_by_council_area() {
    let schema = generate(SchemaKind::Release);
    let setting = schema["$defs"]["Setting"]["properties"]
        .as_object()
        .expect("Setting has properties");
    assert!(setting.contains_key("councilArea"));
    for name in setting.keys() {
        assert!(
            ![
                "name",
                "address",
                "location",
                "latitude",
                "longitude",
                "postcode"
            ]
            .contains(&name.as_str()),
            "Setting.{name}"
        );
    }
}
