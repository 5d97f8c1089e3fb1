//! Compiling releases into records, by the OCDS merge rules.
//!
//! A process is published as a series of releases, each saying what was known at one moment. Its
//! compiled release is their merge, oldest first:
//!
//! - a field a later release gives replaces the earlier value; a field it omits keeps it;
//! - a field a later release sets to `null` is removed;
//! - objects merge field by field;
//! - lists of objects that all have an `id` merge item by item, matched on `id` (new ids are
//!   added in order); any other list is replaced whole;
//! - the compiled release is tagged `compiled`, dated with the latest release's date, and its id
//!   is the ocid and that date.
//!
//! It works on JSON values rather than the typed model, so fields the standard does not define
//! merge the same way and survive.

use serde_json::{Map, Value};

use std::collections::BTreeMap;

pub use crate::record_writer::{RecordPackageWriter, record_text};
use crate::release::{PackageMetadata, Record, RecordPackage, RecordRelease, Release};

/// Why releases could not be compiled.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum CompileError {
    /// There were no releases.
    #[error("there are no releases to compile")]
    Empty,
    /// A release is not a JSON object.
    #[error("release {index} is not a JSON object")]
    NotAnObject {
        /// Its position in the input.
        index: usize,
    },
    /// A release has no `ocid` or no `date`.
    #[error("release {index} has no `{field}`, so it cannot be placed in a record")]
    Missing {
        /// Its position in the input.
        index: usize,
        /// The missing field.
        field: &'static str,
    },
    /// The releases belong to different processes.
    #[error("release {index} is for `{found}`, not `{expected}`: a record holds one process")]
    MixedOcids {
        /// Its position in the input.
        index: usize,
        /// The ocid of the first release.
        expected: String,
        /// The ocid of this release.
        found: String,
    },
    /// A package is not a release package.
    #[error("package {index} is not a release package: {reason}")]
    NotAPackage {
        /// Its position in the input.
        index: usize,
        /// What is wrong.
        reason: String,
    },
    /// The releases of one process in a package could not be compiled.
    #[error("cannot compile `{ocid}`: {source}")]
    Process {
        /// The process's ocid.
        ocid: String,
        /// Why.
        #[source]
        source: Box<CompileError>,
    },
    /// The compiled release is not a valid release of the model.
    #[error("the compiled release does not read as a release: {0}")]
    Invalid(String),
}

/// Merges the releases of one process into its compiled release. The releases may come in any
/// order: they are merged by `date`, and in input order for equal dates.
///
/// # Errors
/// When there are no releases, one is not an object or lacks `ocid` or `date`, or the releases
/// are for different processes.
pub fn compile(releases: &[Value]) -> Result<Value, CompileError> {
    let first = releases.first().ok_or(CompileError::Empty)?;
    let expected = string(first, 0, "ocid")?;
    let mut ordered: Vec<(&str, usize, &Map<String, Value>)> = Vec::with_capacity(releases.len());
    for (index, release) in releases.iter().enumerate() {
        let object = release
            .as_object()
            .ok_or(CompileError::NotAnObject { index })?;
        let ocid = string(release, index, "ocid")?;
        if ocid != expected {
            return Err(CompileError::MixedOcids {
                index,
                expected: expected.to_owned(),
                found: ocid.to_owned(),
            });
        }
        ordered.push((string(release, index, "date")?, index, object));
    }
    // RFC 3339 dates with offsets do not sort as text, so compare them as moments when they
    // parse; the schema makes sure they do.
    ordered.sort_by(|a, b| {
        match (
            a.0.parse::<crate::DateTime>(),
            b.0.parse::<crate::DateTime>(),
        ) {
            (Ok(x), Ok(y)) => x.cmp(&y).then(a.1.cmp(&b.1)),
            _ => a.0.cmp(b.0).then(a.1.cmp(&b.1)),
        }
    });
    let mut compiled = Map::new();
    for (_, _, release) in &ordered {
        merge_object(&mut compiled, release);
    }
    let latest = ordered
        .last()
        .map(|(date, _, _)| *date)
        .unwrap_or_default()
        .to_owned();
    compiled.insert("id".into(), Value::String(format!("{expected}-{latest}")));
    compiled.insert("date".into(), Value::String(latest));
    compiled.insert(
        "tag".into(),
        Value::Array(vec![Value::String("compiled".into())]),
    );
    Ok(Value::Object(compiled))
}

/// Builds the record of one process: its releases, embedded, and the compiled release.
///
/// # Errors
/// As [`compile`], or when a release or the compiled release does not read as a release.
pub fn record(releases: &[Value]) -> Result<Record, CompileError> {
    let compiled = compile(releases)?;
    let read = |value: &Value| {
        serde_json::from_value::<Release>(value.clone())
            .map_err(|e| CompileError::Invalid(e.to_string()))
    };
    let compiled_release = read(&compiled)?;
    let embedded = releases
        .iter()
        .map(|r| read(r).map(|r| RecordRelease::Embedded(Box::new(r))))
        .collect::<Result<Vec<_>, _>>()?;
    Ok(Record {
        ocid: compiled_release.ocid.clone(),
        releases: embedded,
        compiled_release: Some(compiled_release),
        additional_fields: crate::AdditionalFields::new(),
    })
}

/// The metadata of a release package without its releases, with the fields PCDS does not
/// define kept as they were.
#[derive(serde::Deserialize)]
struct Header {
    #[serde(flatten)]
    metadata: PackageMetadata,
    #[serde(flatten)]
    additional_fields: crate::AdditionalFields,
}

/// Compiles release packages into one record package: the first package's metadata, the URIs
/// of every package in `packages`, and one record per ocid (in ocid order) holding that
/// process's releases from every package, in the order read.
///
/// # Errors
/// When there are no packages, one is not a release package, or a process cannot be compiled.
pub fn record_package(packages: Vec<Value>) -> Result<RecordPackage, CompileError> {
    let mut header: Option<Header> = None;
    let mut uris = Vec::new();
    let mut processes: BTreeMap<String, Vec<Value>> = BTreeMap::new();
    for (index, package) in packages.into_iter().enumerate() {
        let not_a_package = |reason: &str| CompileError::NotAPackage {
            index,
            reason: reason.to_owned(),
        };
        let Value::Object(mut package) = package else {
            return Err(not_a_package("it is not a JSON object"));
        };
        let Some(Value::Array(releases)) = package.remove("releases") else {
            return Err(not_a_package("it has no list of `releases`"));
        };
        for (position, release) in releases.into_iter().enumerate() {
            let ocid = release
                .get("ocid")
                .and_then(Value::as_str)
                .ok_or_else(|| not_a_package(&format!("release {position} has no `ocid`")))?;
            processes.entry(ocid.to_owned()).or_default().push(release);
        }
        if let Some(uri) = package.get("uri").and_then(Value::as_str) {
            uris.push(uri.to_owned());
        }
        if header.is_none() {
            header = Some(
                serde_json::from_value(Value::Object(package))
                    .map_err(|e| not_a_package(&e.to_string()))?,
            );
        }
    }
    let header = header.ok_or(CompileError::Empty)?;
    let records = processes
        .iter()
        .map(|(ocid, releases)| {
            record(releases).map_err(|source| CompileError::Process {
                ocid: ocid.clone(),
                source: Box::new(source),
            })
        })
        .collect::<Result<Vec<_>, _>>()?;
    let mut package = RecordPackage::new(header.metadata, uris, records);
    package.additional_fields = header.additional_fields;
    Ok(package)
}

/// The record package that records compiled from a release package would go in, without its
/// records: `fields` are the release package's own fields (everything but `releases`), and
/// `packages` the URIs of every release package compiled. Give it to
/// [`RecordPackageWriter`](crate::compile::RecordPackageWriter) to write records one by one.
///
/// # Errors
/// When `fields` are not a release package's metadata.
pub fn record_package_header(
    mut fields: Map<String, Value>,
    packages: Vec<String>,
) -> Result<RecordPackage, CompileError> {
    fields.remove("releases");
    fields.remove("records");
    fields.remove("packages");
    let header: Header =
        serde_json::from_value(Value::Object(fields)).map_err(|e| CompileError::NotAPackage {
            index: 0,
            reason: e.to_string(),
        })?;
    let mut package = RecordPackage::new(header.metadata, packages, Vec::new());
    package.additional_fields = header.additional_fields;
    Ok(package)
}

fn string<'a>(
    release: &'a Value,
    index: usize,
    field: &'static str,
) -> Result<&'a str, CompileError> {
    release
        .get(field)
        .and_then(Value::as_str)
        .ok_or(CompileError::Missing { index, field })
}

fn merge_object(target: &mut Map<String, Value>, source: &Map<String, Value>) {
    for (key, value) in source {
        match value {
            Value::Null => {
                target.remove(key);
            }
            Value::Object(object) => {
                let slot = target
                    .entry(key.clone())
                    .or_insert_with(|| Value::Object(Map::new()));
                if !slot.is_object() {
                    *slot = Value::Object(Map::new());
                }
                if let Value::Object(existing) = slot {
                    merge_object(existing, object);
                }
            }
            Value::Array(items) if identified(items) => {
                let slot = target
                    .entry(key.clone())
                    .or_insert_with(|| Value::Array(Vec::new()));
                match slot {
                    Value::Array(existing) if identified(existing) => {
                        merge_identified(existing, items)
                    }
                    other => *other = Value::Array(items.iter().map(without_nulls).collect()),
                }
            }
            other => {
                target.insert(key.clone(), without_nulls(other));
            }
        }
    }
}

/// Whether a list is one of objects that all have an `id` (merged item by item).
fn identified(items: &[Value]) -> bool {
    !items.is_empty()
        && items.iter().all(|item| {
            item.get("id")
                .is_some_and(|id| id.is_string() || id.is_number())
        })
}

fn merge_identified(existing: &mut Vec<Value>, items: &[Value]) {
    for item in items {
        let id = item.get("id");
        let Some(source) = item.as_object() else {
            continue;
        };
        match existing.iter_mut().find(|e| e.get("id") == id) {
            Some(Value::Object(target)) => merge_object(target, source),
            _ => {
                let mut fresh = Map::new();
                merge_object(&mut fresh, source);
                existing.push(Value::Object(fresh));
            }
        }
    }
}

/// A value as it is first added: `null` members mean "absent", so they are dropped.
fn without_nulls(value: &Value) -> Value {
    match value {
        Value::Object(object) => Value::Object(
            object
                .iter()
                .filter(|(_, v)| !v.is_null())
                .map(|(k, v)| (k.clone(), without_nulls(v)))
                .collect(),
        ),
        Value::Array(items) => Value::Array(items.iter().map(without_nulls).collect()),
        other => other.clone(),
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::{CompileError, compile, record_package};

    fn release(date: &str, extra: serde_json::Value) -> serde_json::Value {
        let mut base = json!({"ocid": "ocds-pcdsex-c-1", "id": format!("r-{date}"), "date": date, "tag": ["tender"], "initiationType": "tender", "processType": "placement"});
        if let (Some(base), Some(extra)) = (base.as_object_mut(), extra.as_object()) {
            base.extend(extra.clone());
        }
        base
    }

    #[test]
    fn later_values_win_and_omitted_ones_stay() {
        let compiled = compile(&[
            release(
                "2025-03-14T17:45:00Z",
                json!({"tender": {"id": "t", "status": "active", "title": "Referral"}}),
            ),
            release(
                "2025-03-15T09:00:00Z",
                json!({"tender": {"id": "t", "status": "complete"}}),
            ),
        ])
        .expect("compiles");
        assert_eq!(
            compiled["tender"],
            json!({"id": "t", "status": "complete", "title": "Referral"})
        );
        assert_eq!(compiled["tag"], json!(["compiled"]));
        assert_eq!(compiled["date"], "2025-03-15T09:00:00Z");
        assert_eq!(compiled["id"], "ocds-pcdsex-c-1-2025-03-15T09:00:00Z");
    }

    #[test]
    fn identified_lists_merge_by_id_and_others_are_replaced() {
        let compiled = compile(&[
            release("2025-03-14T17:45:00Z", json!({"awards": [{"id": "a1", "status": "pending", "title": "Award"}], "xCodes": ["a", "b"]})),
            release("2025-03-15T09:00:00Z", json!({"awards": [{"id": "a1", "status": "active"}, {"id": "a2", "status": "pending"}], "xCodes": ["c"]})),
        ])
        .expect("compiles");
        assert_eq!(
            compiled["awards"],
            json!([{"id": "a1", "status": "active", "title": "Award"}, {"id": "a2", "status": "pending"}])
        );
        assert_eq!(compiled["xCodes"], json!(["c"]));
    }

    #[test]
    fn null_removes_a_field() {
        let compiled = compile(&[
            release(
                "2025-03-14T17:45:00Z",
                json!({"tender": {"id": "t", "title": "Referral", "description": "x"}}),
            ),
            release(
                "2025-03-15T09:00:00Z",
                json!({"tender": {"id": "t", "description": null}, "language": null}),
            ),
        ])
        .expect("compiles");
        assert_eq!(compiled["tender"], json!({"id": "t", "title": "Referral"}));
        assert!(compiled.get("language").is_none());
    }

    #[test]
    fn releases_merge_by_date_not_input_order() {
        let compiled = compile(&[
            release(
                "2025-03-15T10:00:00+01:00",
                json!({"tender": {"id": "t", "status": "complete"}}),
            ),
            release(
                "2025-03-15T08:59:00Z",
                json!({"tender": {"id": "t", "status": "active"}}),
            ),
        ])
        .expect("compiles");
        assert_eq!(
            compiled["tender"]["status"], "complete",
            "09:00Z (10:00+01:00) is later than 08:59Z"
        );
    }

    #[test]
    fn refuses_what_is_not_one_process() {
        assert_eq!(compile(&[]), Err(CompileError::Empty));
        assert!(matches!(
            compile(&[json!([1])]),
            Err(CompileError::Missing { .. })
        ));
        assert!(matches!(
            compile(&[json!({"ocid": "ocds-pcdsex-c-1"})]),
            Err(CompileError::Missing { field: "date", .. })
        ));
        let other = json!({"ocid": "ocds-pcdsex-c-2", "date": "2025-03-15T09:00:00Z"});
        assert!(matches!(
            compile(&[release("2025-03-14T17:45:00Z", json!({})), other]),
            Err(CompileError::MixedOcids { index: 1, .. })
        ));
    }

    fn package(uri: &str, releases: Vec<serde_json::Value>) -> serde_json::Value {
        json!({"uri": uri, "version": "1.1", "pcdsVersion": "0.2", "publicationLevel": "open",
            "publishedDate": "2025-03-14T17:45:00Z", "publisher": {"name": "A council"},
            "x-local": 1, "releases": releases})
    }

    #[test]
    fn packages_compile_into_one_record_per_process_with_every_package_uri() {
        let first = package(
            "https://example.org/1.json",
            vec![release("2025-01-01T00:00:00Z", json!({}))],
        );
        let mut other = release("2025-01-02T00:00:00Z", json!({}));
        other["ocid"] = json!("ocds-pcdsex-c-2");
        let second = package(
            "https://example.org/2.json",
            vec![other, release("2025-01-03T00:00:00Z", json!({}))],
        );
        let records = record_package(vec![first, second]).expect("compiles");
        assert_eq!(
            records.packages,
            ["https://example.org/1.json", "https://example.org/2.json"]
        );
        let ocids: Vec<&str> = records.records.iter().map(|r| r.ocid.as_str()).collect();
        assert_eq!(ocids, ["ocds-pcdsex-c-1", "ocds-pcdsex-c-2"]);
        assert_eq!(records.records[0].releases.len(), 2);
        assert_eq!(records.additional_fields.get("x-local"), Some(&json!(1)));
        assert!(!records.additional_fields.contains_key("releases"));
    }

    #[test]
    fn what_is_not_a_release_package_is_refused_by_position() {
        let good = package(
            "https://example.org/1.json",
            vec![release("2025-01-01T00:00:00Z", json!({}))],
        );
        for (bad, reason) in [
            (json!([1]), "not a JSON object"),
            (json!({"releases": {}}), "no list of `releases`"),
            (
                json!({"releases": [{"id": "r"}]}),
                "release 0 has no `ocid`",
            ),
        ] {
            let Err(CompileError::NotAPackage {
                index,
                reason: found,
            }) = record_package(vec![good.clone(), bad])
            else {
                panic!("refused");
            };
            assert_eq!(index, 1);
            assert!(found.contains(reason), "{found}");
        }
        assert_eq!(
            record_package(Vec::new()).expect_err("nothing to compile"),
            CompileError::Empty
        );
        let Err(CompileError::Process { ocid, .. }) = record_package(vec![package(
            "https://example.org/1.json",
            vec![json!({"ocid": "ocds-pcdsex-c-9", "id": "r"})],
        )]) else {
            panic!("a release without a date cannot be compiled");
        };
        assert_eq!(ocid, "ocds-pcdsex-c-9");
    }
}
