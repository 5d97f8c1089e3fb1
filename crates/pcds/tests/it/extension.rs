//! PCDS as an OCDS extension: `spec/extension/release-schema.json`, merged (RFC 7386) onto the
//! upstream OCDS 1.1.5 release schema, gives OCDS merge rules that compile every example exactly
//! as `pcds compile` does; the plain upstream schema does not.

use std::collections::BTreeMap;

use serde_json::{Map, Value};

use super::support::{ocds_dir, read_json, repo_root};

/// JSON Merge Patch (RFC 7386).
fn merge_patch(target: &mut Value, patch: &Value) {
    let Value::Object(patch) = patch else {
        *target = patch.clone();
        return;
    };
    if !target.is_object() {
        *target = Value::Object(Map::new());
    }
    let Value::Object(target) = target else {
        return;
    };
    for (key, value) in patch {
        if value.is_null() {
            target.remove(key);
        } else {
            merge_patch(target.entry(key.clone()).or_insert(Value::Null), value);
        }
    }
}

/// A subschema with its `$ref` followed, within the release schema.
fn resolve<'a>(root: &'a Value, schema: &'a Value) -> &'a Value {
    let mut schema = schema;
    for _ in 0..8 {
        match schema
            .get("$ref")
            .and_then(Value::as_str)
            .and_then(|r| r.strip_prefix('#'))
        {
            Some(pointer) => match root.pointer(pointer) {
                Some(target) => schema = target,
                None => break,
            },
            None => break,
        }
    }
    schema
}

/// The schema of a member of an object, if the schema defines it.
fn member<'a>(root: &'a Value, schema: Option<&'a Value>, key: &str) -> Option<&'a Value> {
    let schema = resolve(root, schema?);
    schema
        .get("properties")
        .and_then(|p| p.get(key))
        .map(|s| resolve(root, s))
}

/// The OCDS merge of `next` onto `prior`, by the rules the schema gives: objects merge member
/// by member; `null` removes; a list marked `wholeListMerge`, or of values that are not all
/// objects, is replaced; any other list of objects merges item by item on `id` (an item with
/// no `id`, or a new `id`, is added), the OCDS identifier merge.
fn merge(root: &Value, schema: Option<&Value>, prior: &mut Value, next: &Value) {
    match next {
        Value::Object(members) => {
            if !prior.is_object() {
                *prior = Value::Object(Map::new());
            }
            let Value::Object(target) = prior else {
                return;
            };
            for (key, value) in members {
                if value.is_null() {
                    target.remove(key);
                    continue;
                }
                let child = member(root, schema, key);
                merge(
                    root,
                    child,
                    target.entry(key.clone()).or_insert(Value::Null),
                    value,
                );
            }
        }
        Value::Array(items) => {
            let schema = schema.map(|s| resolve(root, s));
            let whole = schema
                .and_then(|s| s.get("wholeListMerge"))
                .and_then(Value::as_bool)
                == Some(true);
            if whole || !items.iter().all(Value::is_object) || !prior.is_array() {
                *prior = next.clone();
                return;
            }
            let item_schema = schema.and_then(|s| s.get("items"));
            let Value::Array(existing) = prior else {
                return;
            };
            for item in items {
                let id = item.get("id");
                match existing
                    .iter_mut()
                    .find(|e| id.is_some() && e.get("id") == id)
                {
                    Some(found) => merge(root, item_schema, found, item),
                    None => {
                        let mut added = Value::Null;
                        merge(root, item_schema, &mut added, item);
                        existing.push(added);
                    }
                }
            }
        }
        other => *prior = other.clone(),
    }
}

/// Every example's processes: ocid → releases, oldest first.
fn processes() -> BTreeMap<String, Vec<Value>> {
    let mut processes: BTreeMap<String, Vec<Value>> = BTreeMap::new();
    for entry in std::fs::read_dir(repo_root().join("examples")).expect("examples") {
        let path = entry.expect("entry").path();
        if path.extension().is_none_or(|e| e != "json") {
            continue;
        }
        let package = read_json(&path);
        for release in package["releases"].as_array().expect("a release package") {
            let ocid = release["ocid"].as_str().expect("ocid").to_owned();
            processes.entry(ocid).or_default().push(release.clone());
        }
    }
    for releases in processes.values_mut() {
        releases.sort_by_key(|r| r["date"].as_str().map(str::to_owned));
    }
    processes
}

/// The compiled releases OCDS merging gives with `schema`, compared with `pcds compile`:
/// the ocids whose compiled releases differ (the compiled release's own `id`, `date` and `tag`
/// are set by the compiler, not merged, and are left out).
fn differing(schema: &Value) -> Vec<String> {
    let strip = |mut value: Value| {
        if let Some(object) = value.as_object_mut() {
            for key in ["id", "date", "tag"] {
                object.remove(key);
            }
        }
        value
    };
    let mut differing = Vec::new();
    for (ocid, releases) in processes() {
        let mut merged = Value::Null;
        for release in &releases {
            merge(schema, Some(schema), &mut merged, release);
        }
        let compiled = pcds::compile(&releases).expect("compiles");
        if strip(merged) != strip(compiled) {
            differing.push(ocid);
        }
    }
    differing
}

fn patched() -> Value {
    let mut schema = read_json(&ocds_dir().join("release-schema.json"));
    let patch = read_json(&repo_root().join("spec/extension/release-schema.json"));
    merge_patch(&mut schema, &patch);
    schema
}

#[test]
fn the_patched_ocds_schema_merges_as_pcds_compile_does() {
    assert!(processes().len() >= 9, "every example is compiled");
    assert_eq!(differing(&patched()), Vec::<String>::new());
}

#[test]
fn the_plain_ocds_schema_merges_a_history_wrongly() {
    // Without the patch, an OCDS tool appends a copy of each child and inspection with every
    // release that repeats them: the extension is what makes OCDS tools compile PCDS right.
    let plain = read_json(&ocds_dir().join("release-schema.json"));
    let wrong = differing(&plain);
    // The release history example (`placement-release-history.json`) repeats its referral.
    assert!(
        wrong.iter().any(|ocid| ocid == "ocds-pcdsex-bir-2025-0007"),
        "the plain schema compiles the release history as pcds does: {wrong:?}"
    );
}

#[test]
fn the_patched_schema_accepts_every_example_release() {
    let schema = patched();
    let validator = jsonschema::draft4::new(&schema).expect("the patched schema compiles");
    for (ocid, releases) in processes() {
        for release in &releases {
            let errors: Vec<String> = validator
                .iter_errors(release)
                .take(3)
                .map(|e| format!("{} {e}", e.instance_path()))
                .collect();
            assert!(errors.is_empty(), "{ocid}: {errors:?}");
        }
    }
}

#[test]
fn the_extension_adds_only_what_ocds_does_not_define() {
    let upstream = read_json(&ocds_dir().join("release-schema.json"));
    let patch = read_json(&repo_root().join("spec/extension/release-schema.json"));
    // No field OCDS defines is redefined: each patched object only gains properties.
    let mut checked = 0;
    for object in pcds::ocds::OBJECTS
        .iter()
        .filter(|o| o.schema_file == "release-schema.json")
    {
        let Some(added) = patch.pointer(object.pointer).and_then(Value::as_object) else {
            continue;
        };
        let defined = upstream
            .pointer(object.pointer)
            .and_then(Value::as_object)
            .expect("the object exists upstream");
        for field in added.keys() {
            assert!(
                !defined.contains_key(field),
                "{}.{field} is an OCDS field",
                object.name
            );
            checked += 1;
        }
    }
    assert!(checked >= 15, "{checked} fields added");
    let extension = read_json(&repo_root().join("spec/extension/extension.json"));
    assert_eq!(extension["compatibility"], serde_json::json!(["1.1"]));
    for codelist in extension["codelists"].as_array().expect("codelists") {
        let name = codelist.as_str().expect("a file name");
        assert!(
            repo_root()
                .join("spec/extension/codelists")
                .join(name)
                .is_file(),
            "{name} is published"
        );
    }
}
