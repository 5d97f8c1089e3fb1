//! A dataset written as a workbook and imported again is the same dataset: on every example,
//! through the `.xlsx` writer and reader, and through CSV files.

use std::path::{Path, PathBuf};

use pcds_sheet::{ImportOptions, Layout, Limits, Workbook};
use serde_json::{Map, Value};

fn repo_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn examples() -> Vec<(String, Value)> {
    let mut paths: Vec<PathBuf> = std::fs::read_dir(repo_root().join("examples"))
        .expect("examples")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .collect();
    paths.sort();
    assert!(paths.len() >= 9, "the examples are found");
    paths
        .into_iter()
        .map(|p| {
            let text = std::fs::read_to_string(&p).expect("reads");
            (
                p.file_name()
                    .expect("a name")
                    .to_string_lossy()
                    .into_owned(),
                serde_json::from_str(&text).expect("JSON"),
            )
        })
        .collect()
}

/// The value with every number as a double, so that `1200` and `1200.0` compare equal (the
/// same JSON number); objects already compare without regard to key order.
fn normalise(value: &Value) -> Value {
    match value {
        Value::Number(n) => serde_json::Number::from_f64(n.as_f64().unwrap_or_default())
            .map_or(Value::Null, Value::Number),
        Value::Array(items) => Value::Array(items.iter().map(normalise).collect()),
        Value::Object(map) => {
            Value::Object(map.iter().map(|(k, v)| (k.clone(), normalise(v))).collect())
        }
        other => other.clone(),
    }
}

fn split(package: &Value) -> (Map<String, Value>, Vec<Value>) {
    let mut metadata = package.as_object().cloned().expect("an object");
    let releases = metadata
        .remove("releases")
        .and_then(|r| r.as_array().cloned())
        .expect("releases");
    (metadata, releases)
}

fn assert_same(name: &str, layout: &Layout, read_back: &Workbook, original: &Value) {
    let imported = pcds_sheet::import(layout, read_back, &ImportOptions::default());
    assert!(
        imported.findings.is_empty(),
        "{name}: {:#?}",
        imported.findings
    );
    let got = normalise(&imported.package);
    let want = normalise(original);
    if got != want {
        let (_, got_releases) = split(&got);
        let (_, want_releases) = split(&want);
        for (g, w) in got_releases.iter().zip(&want_releases) {
            if g != w {
                for (key, value) in w.as_object().expect("an object") {
                    assert_eq!(
                        g.get(key),
                        Some(value),
                        "{name}: release {} differs at `{key}`",
                        w["id"]
                    );
                }
            }
        }
        assert_eq!(got, want, "{name}: the package differs");
    }
}

#[test]
fn import_of_an_exported_workbook_is_the_identity_on_every_example() {
    let layout = Layout::new();
    for (name, package) in examples() {
        let (metadata, releases) = split(&package);
        let workbook = pcds_sheet::export::workbook(&layout, &metadata, &releases);
        let bytes = pcds_sheet::to_xlsx(&layout, &workbook).expect("writes");
        let read_back =
            pcds_sheet::read_bytes(&name, &bytes, false, &Limits::default()).expect("reads");
        assert_same(&name, &layout, &read_back, &package);
    }
}

#[test]
fn import_of_exported_csv_files_is_the_identity_on_every_example() {
    let layout = Layout::new();
    for (name, package) in examples() {
        let (metadata, releases) = split(&package);
        let workbook = pcds_sheet::export::workbook(&layout, &metadata, &releases);
        let dir =
            std::env::temp_dir().join(format!("pcds-sheet-csv-{}-{name}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).expect("a scratch directory");
        for (file, text) in pcds_sheet::to_csv(&workbook) {
            std::fs::write(dir.join(file), text).expect("writes");
        }
        let read_back = pcds_sheet::read(&dir, &Limits::default()).expect("reads");
        assert_same(&name, &layout, &read_back, &package);
        std::fs::remove_dir_all(&dir).expect("cleans up");
    }
}

#[test]
fn the_main_sheets_hold_the_data_and_not_the_other_fields() {
    // Round-tripping through `Other fields (JSON)` alone would be lossless and useless: the
    // examples' placements, prices and children must sit in their own columns.
    let layout = Layout::new();
    for (name, package) in examples() {
        let (metadata, releases) = split(&package);
        let workbook = pcds_sheet::export::workbook(&layout, &metadata, &releases);
        for table in &workbook.tables {
            let Some(other) = table
                .header
                .iter()
                .position(|h| h == pcds_sheet::OTHER_FIELDS)
            else {
                continue;
            };
            for row in &table.rows {
                // Only a list item that holds the list separator itself may need them.
                let cell = row.cell(other);
                if cell.is_empty() {
                    continue;
                }
                let extra: Value = serde_json::from_str(&cell.text()).expect("JSON");
                assert!(
                    strings(&extra).iter().any(|s| s.contains(';')),
                    "{name}: {} row {} needs other fields: {}",
                    table.name,
                    row.number,
                    cell.text()
                );
            }
        }
    }
}

fn strings(value: &Value) -> Vec<String> {
    match value {
        Value::String(s) => vec![s.clone()],
        Value::Array(items) => items.iter().flat_map(strings).collect(),
        Value::Object(map) => map.values().flat_map(strings).collect(),
        _ => Vec::new(),
    }
}

#[test]
fn the_committed_template_is_what_the_types_generate() {
    let layout = Layout::new();
    let files = pcds_sheet::template(&layout).expect("generates");
    let again = pcds_sheet::template(&layout).expect("generates");
    assert_eq!(files, again, "the template is the same bytes every time");
    let dir = repo_root().join("spec/template");
    for (path, contents) in &files {
        let committed = std::fs::read(dir.join(path))
            .unwrap_or_else(|_| panic!("spec/template/{path} is missing: run `pcds schema`"));
        assert!(
            committed == *contents,
            "spec/template/{path} is stale: run `pcds schema`"
        );
    }
}

#[test]
fn the_template_has_no_column_for_a_childs_personal_data() {
    let layout = Layout::new();
    let children = layout.sheet("Children").expect("a children sheet");
    let coded = [
        "key",
        "ageBand",
        "needs[]",
        "needLevel",
        "categoryOfNeed",
        "legalStatus",
    ];
    for column in &children.columns {
        assert!(
            coded.contains(&column.field().as_str()),
            "the Children sheet has a column `{}` ({}) beyond the coded attributes",
            column.title,
            column.field()
        );
    }
    // Nowhere a column for a person's birth, address, health or school number, or a name that
    // is not an organisation's.
    let personal = [
        "birth",
        "dob",
        "postcode",
        "address",
        "nhs",
        "upn",
        "initials",
        "surname",
        "forename",
        "firstname",
        "gender",
        "ethnic",
        "religion",
        "email",
        "phone",
        "telephone",
    ];
    let organisations = [
        "parties",
        "tenderers",
        "suppliers",
        "provider",
        "buyer",
        "payer",
        "payee",
        "procuringentity",
        "publisher",
        "identifier",
        "additionalidentifiers",
        "funder",
    ];
    for sheet in &layout.sheets {
        for column in &sheet.columns {
            let field = column.field().to_lowercase();
            for word in personal {
                assert!(
                    !field.contains(word),
                    "{}: `{field}` could hold personal data",
                    sheet.name()
                );
            }
            if field.ends_with("name") {
                let organisation =
                    sheet.name() == "Parties" || organisations.iter().any(|o| field.contains(o));
                assert!(organisation, "{}: `{field}` names someone", sheet.name());
            }
        }
    }
}
