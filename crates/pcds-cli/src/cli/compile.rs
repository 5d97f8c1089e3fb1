//! `pcds compile`: release packages in, a record package out, by the OCDS merge rules.

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
    let mut names = Vec::new();
    let mut packages = Vec::new();
    for item in input::expand(inputs).map_err(|e| e.to_string())? {
        let name = item.name();
        let bytes = input::read_all(&item)?;
        let package: Value = serde_json::from_slice(&bytes)
            .map_err(|e| format!("`{name}` is not JSON: {e}; run `pcds validate` on it"))?;
        names.push(name);
        packages.push(package);
    }
    let package = pcds::compile::record_package(packages).map_err(|e| match e {
        pcds::CompileError::NotAPackage { index, reason } => format!(
            "`{}` is not a release package: {reason}; run `pcds validate` on it",
            names[index]
        ),
        other => other.to_string(),
    })?;
    let mut text = serde_json::to_string_pretty(&package).map_err(|e| e.to_string())?;
    text.push('\n');
    match output {
        Some(path) => std::fs::write(path, text)
            .map_err(|e| format!("cannot write `{}`: {e}", path.display()))?,
        None => out.write_all(text.as_bytes()).map_err(write_error)?,
    }
    Ok(EXIT_OK)
}
