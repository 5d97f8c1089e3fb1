//! `pcds compile`: release packages in, a record package out, by the OCDS merge rules.

use std::io::Write;
use std::path::PathBuf;

use serde_json::Value;

use super::{EXIT_OK, write_error};
use crate::input;
use crate::pool::{PoolError, Pooled};

pub fn run(
    inputs: &[String],
    output: Option<&PathBuf>,
    out: &mut dyn Write,
) -> Result<i32, String> {
    let items = input::expand(inputs).map_err(|e| e.to_string())?;
    let package = if items.iter().any(pooled) {
        compile_pool(&items)?
    } else {
        compile_packages(&items)?
    };
    let mut text = serde_json::to_string_pretty(&package).map_err(|e| e.to_string())?;
    text.push('\n');
    match output {
        Some(path) => std::fs::write(path, text)
            .map_err(|e| format!("cannot write `{}`: {e}", path.display()))?,
        None => out.write_all(text.as_bytes()).map_err(write_error)?,
    }
    Ok(EXIT_OK)
}

/// Whether an input is JSON Lines or a harvest's bookkeeping, which the pool reads.
fn pooled(item: &input::Input) -> bool {
    let input::Input::File(path) = item else {
        return false;
    };
    let name = path
        .file_name()
        .and_then(|n| n.to_str())
        .unwrap_or_default();
    name == "state.json" || name.ends_with(".jsonl") || name.ends_with(".ndjson")
}

/// Compiles JSON Lines and harvested pools (what `pcds harvest` writes, with every release
/// once however many files repeat it, and refused items left out), with the metadata of the
/// first harvest's `state.json`.
fn compile_pool(items: &[input::Input]) -> Result<pcds::RecordPackage, String> {
    let mut pool = Pooled::new().map_err(|e| e.to_string())?;
    let mut metadata = None;
    for item in items {
        if let input::Input::File(path) = item
            && path.file_name().is_some_and(|n| n == "state.json")
            && metadata.is_none()
        {
            metadata = crate::feed::pool_metadata(path);
        }
        pool.read(item, &|_| {}).map_err(|e| e.to_string())?;
    }
    let metadata = metadata.ok_or(
        "JSON Lines carry no package metadata: compile a harvested directory (its state.json names the publisher), or release packages",
    )?;
    let mut records = Vec::new();
    pool.for_each_process(|ocid, releases| {
        let record = pcds::record(&releases)
            .map_err(|e| PoolError::Store(format!("cannot compile `{ocid}`: {e}")))?;
        records.push(record);
        Ok(())
    })
    .map_err(|e| match e {
        PoolError::Store(reason) => reason,
        other => other.to_string(),
    })?;
    if records.is_empty() {
        return Err("the inputs hold no releases to compile".into());
    }
    Ok(pcds::RecordPackage::new(metadata, Vec::new(), records))
}

/// Compiles release packages, as published, with the first one's metadata.
fn compile_packages(items: &[input::Input]) -> Result<pcds::RecordPackage, String> {
    let mut names = Vec::new();
    let mut packages = Vec::new();
    for item in items {
        let name = item.name();
        let bytes = input::read_all(item)?;
        let package: Value = serde_json::from_slice(&bytes)
            .map_err(|e| format!("`{name}` is not JSON: {e}; run `pcds validate` on it"))?;
        names.push(name);
        packages.push(package);
    }
    pcds::compile::record_package(packages).map_err(|e| match e {
        pcds::CompileError::NotAPackage { index, reason } => format!(
            "`{}` is not a release package: {reason}; run `pcds validate` on it",
            names[index]
        ),
        other => other.to_string(),
    })
}
