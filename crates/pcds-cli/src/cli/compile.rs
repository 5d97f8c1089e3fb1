//! `pcds compile`: release packages in, a record package out, by the OCDS merge rules.

use std::collections::BTreeMap;
use std::io::Write;
use std::path::PathBuf;

use serde_json::Value;

use super::{EXIT_OK, write_error};
use crate::input;

pub fn run(
    inputs: &[String],
    output: Option<&PathBuf>,
    out: &mut dyn Write,
) -> Result<i32, String> {
    let mut metadata: Option<Value> = None;
    let mut processes: BTreeMap<String, Vec<Value>> = BTreeMap::new();
    let mut packages = Vec::new();
    for item in input::expand(inputs).map_err(|e| e.to_string())? {
        let name = item.name();
        let bytes = input::read_all(&item)?;
        let mut package: Value = serde_json::from_slice(&bytes)
            .map_err(|e| format!("`{name}` is not JSON: {e}; run `pcds validate` on it"))?;
        let releases = match package.get_mut("releases").map(Value::take) {
            Some(Value::Array(releases)) => releases,
            _ => {
                return Err(format!(
                    "`{name}` is not a release package; run `pcds validate` on it"
                ));
            }
        };
        for release in releases {
            let ocid = release
                .get("ocid")
                .and_then(Value::as_str)
                .ok_or_else(|| format!("a release in `{name}` has no ocid"))?
                .to_owned();
            processes.entry(ocid).or_default().push(release);
        }
        if let Some(uri) = package.get("uri").and_then(Value::as_str) {
            packages.push(Value::String(uri.to_owned()));
        }
        metadata.get_or_insert(package);
    }
    let mut records = Vec::new();
    for (ocid, releases) in &processes {
        let record = pcds::record(releases).map_err(|e| format!("cannot compile `{ocid}`: {e}"))?;
        records.push(serde_json::to_value(record).map_err(|e| e.to_string())?);
    }
    let mut package = metadata.ok_or("no input")?;
    if let Some(object) = package.as_object_mut() {
        object.remove("releases");
        object.insert("packages".into(), Value::Array(packages));
        object.insert("records".into(), Value::Array(records));
    }
    let mut text = serde_json::to_string_pretty(&package).map_err(|e| e.to_string())?;
    text.push('\n');
    match output {
        Some(path) => std::fs::write(path, text)
            .map_err(|e| format!("cannot write `{}`: {e}", path.display()))?,
        None => out.write_all(text.as_bytes()).map_err(write_error)?,
    }
    Ok(EXIT_OK)
}
