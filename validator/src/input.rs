//! Inputs: files and directories of JSON documents.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use serde_json::Value;

use crate::finding::Finding;

/// Why an input could not be read at all (as opposed to being read and found wanting).
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum InputError {
    /// A path given does not exist or cannot be read.
    #[error("cannot read `{}`: {source}", path.display())]
    Unreadable {
        /// The path given.
        path: PathBuf,
        /// The underlying error.
        #[source]
        source: io::Error,
    },
    /// A directory was given but holds no `.json` files.
    #[error("no `.json` files found in `{}`", .0.display())]
    EmptyDirectory(PathBuf),
}

/// Expands the paths given into the files to validate: files as given, directories searched
/// recursively for `.json` files, in a stable (sorted) order.
///
/// # Errors
/// When a path cannot be read, or a directory holds no JSON files.
pub fn expand(paths: &[PathBuf]) -> Result<Vec<PathBuf>, InputError> {
    let mut files = Vec::new();
    for path in paths {
        let metadata = fs::metadata(path).map_err(|source| InputError::Unreadable {
            path: path.clone(),
            source,
        })?;
        if metadata.is_dir() {
            let before = files.len();
            walk(path, &mut files)?;
            if files.len() == before {
                return Err(InputError::EmptyDirectory(path.clone()));
            }
        } else {
            files.push(path.clone());
        }
    }
    Ok(files)
}

fn walk(dir: &Path, files: &mut Vec<PathBuf>) -> Result<(), InputError> {
    let unreadable = |source| InputError::Unreadable {
        path: dir.to_owned(),
        source,
    };
    let mut entries: Vec<PathBuf> = fs::read_dir(dir)
        .map_err(unreadable)?
        .map(|e| e.map(|e| e.path()))
        .collect::<Result<_, _>>()
        .map_err(unreadable)?;
    entries.sort();
    for path in entries {
        if path.is_dir() {
            walk(&path, files)?;
        } else if path.extension().is_some_and(|ext| ext == "json") {
            files.push(path);
        }
    }
    Ok(())
}

/// Reads and parses one file. A file that is not JSON gives a parse finding with its line and
/// column rather than an error: it was read, and it is wrong.
///
/// # Errors
/// When the file cannot be read.
pub fn load(path: &Path) -> Result<Result<Value, Box<Finding>>, InputError> {
    let bytes = fs::read(path).map_err(|source| InputError::Unreadable {
        path: path.to_owned(),
        source,
    })?;
    Ok(crate::strict::parse(&bytes))
}
