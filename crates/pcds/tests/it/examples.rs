//! The examples: each is valid PCDS and reads and writes through the types without loss.

use std::path::PathBuf;

use serde_json::Value;

use super::support::{errors, pcds_release_package, read_json, repo_root};

/// Every example release package, by path.
pub fn release_packages() -> Vec<(PathBuf, Value)> {
    let dir = repo_root().join("examples");
    let mut paths: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|entry| entry.expect("readable entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .collect();
    paths.sort();
    paths
        .into_iter()
        .map(|p| {
            let v = read_json(&p);
            (p, v)
        })
        .collect()
}

#[test]
fn there_are_at_least_eight_examples_each_described() {
    let examples = release_packages();
    assert!(examples.len() >= 8, "only {} examples", examples.len());
    let readme = std::fs::read_to_string(repo_root().join("examples/README.md"))
        .expect("examples/README.md");
    for (path, _) in &examples {
        let name = path
            .file_name()
            .and_then(|n| n.to_str())
            .expect("file name");
        assert!(
            readme.contains(name),
            "examples/README.md does not describe {name}"
        );
    }
}

#[test]
fn every_example_is_valid_pcds() {
    for (path, document) in release_packages() {
        if let Some(errors) = errors(pcds_release_package(), &document) {
            panic!("{} is not valid PCDS:\n{errors}", path.display());
        }
    }
}

#[test]
fn every_example_round_trips_through_the_types_without_loss() {
    for (path, document) in release_packages() {
        let package: pcds::ReleasePackage = serde_json::from_value(document.clone())
            .unwrap_or_else(|e| panic!("{} does not read into the types: {e}", path.display()));
        let written = serde_json::to_value(&package).expect("writes");
        assert!(
            written == document,
            "{} changes on a round trip:\n{}",
            path.display(),
            first_difference(&document, &written, String::new())
        );
    }
}

#[test]
fn unknown_fields_survive_a_round_trip() {
    let (_, mut document) = release_packages().into_iter().next().expect("an example");
    document["xPublisherBatch"] = serde_json::json!({"run": 7});
    document["releases"][0]["xLocalReference"] = serde_json::json!("batch-7");
    document["releases"][0]["parties"][0]["xRegion"] = serde_json::json!("West Midlands");
    let package: pcds::ReleasePackage = serde_json::from_value(document.clone()).expect("reads");
    assert_eq!(
        package.releases[0].additional_fields["xLocalReference"],
        "batch-7"
    );
    assert_eq!(serde_json::to_value(&package).expect("writes"), document);
}

/// Where two documents first differ, for a readable failure.
fn first_difference(a: &Value, b: &Value, at: String) -> String {
    match (a, b) {
        (Value::Object(x), Value::Object(y)) => {
            for key in x.keys().chain(y.keys()) {
                if x.get(key) != y.get(key) {
                    return match (x.get(key), y.get(key)) {
                        (Some(p), Some(q)) => first_difference(p, q, format!("{at}/{key}")),
                        (p, q) => format!("{at}/{key}: {p:?} became {q:?}"),
                    };
                }
            }
            format!("{at}: objects differ")
        }
        (Value::Array(x), Value::Array(y)) if x.len() == y.len() => x
            .iter()
            .zip(y)
            .enumerate()
            .find(|(_, (p, q))| p != q)
            .map_or_else(
                || format!("{at}: arrays differ"),
                |(i, (p, q))| first_difference(p, q, format!("{at}/{i}")),
            ),
        _ => format!("{at}: {a} became {b}"),
    }
}

#[test]
fn examples_gathered_into_records_are_valid_record_packages() {
    for (path, document) in release_packages() {
        let package: pcds::ReleasePackage = serde_json::from_value(document).expect("reads");
        let mut records: Vec<pcds::Record> = Vec::new();
        for release in package.releases {
            match records.iter_mut().find(|r| r.ocid == release.ocid) {
                Some(record) => record
                    .releases
                    .push(pcds::RecordRelease::Embedded(Box::new(release))),
                None => records.push(pcds::Record {
                    ocid: release.ocid.clone(),
                    releases: vec![pcds::RecordRelease::Embedded(Box::new(release))],
                    compiled_release: None,
                    additional_fields: pcds::AdditionalFields::new(),
                }),
            }
        }
        let record_package = pcds::RecordPackage {
            metadata: package.metadata,
            packages: vec!["https://example.org/pcds/release-package.json".into()],
            records,
            additional_fields: pcds::AdditionalFields::new(),
        };
        let document = serde_json::to_value(&record_package).expect("writes");
        if let Some(errors) = errors(super::support::pcds_record_package(), &document) {
            panic!(
                "{} as a record package is not valid PCDS:\n{errors}",
                path.display()
            );
        }
        let read: pcds::RecordPackage = serde_json::from_value(document).expect("reads back");
        assert_eq!(read, record_package);
    }
}

#[test]
fn a_release_history_compiles_into_its_latest_state() {
    let history = read_json(&repo_root().join("examples/placement-release-history.json"));
    let releases = history["releases"].as_array().expect("releases").clone();
    let record = pcds::record(&releases).expect("compiles");
    let compiled =
        serde_json::to_value(record.compiled_release.as_ref().expect("compiled")).expect("writes");
    let last = releases.last().expect("a release");
    assert_eq!(compiled["date"], last["date"]);
    assert_eq!(compiled["tag"], serde_json::json!(["compiled"]));
    // The referral from the first release and the ending from the last are both there.
    assert!(compiled["tender"]["referral"].is_object());
    assert!(
        compiled["contracts"][0]["ending"].is_object(),
        "{compiled:#}"
    );
    let package = pcds::RecordPackage {
        metadata: serde_json::from_value::<pcds::ReleasePackage>(history)
            .expect("reads")
            .metadata,
        packages: vec!["https://example.org/pcds/placement-release-history.json".into()],
        records: vec![record],
        additional_fields: pcds::AdditionalFields::new(),
    };
    let document = serde_json::to_value(&package).expect("writes");
    if let Some(errors) = errors(super::support::pcds_record_package(), &document) {
        panic!("the compiled record package is not valid PCDS:\n{errors}");
    }
}
