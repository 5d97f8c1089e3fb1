//! The published files of the standard under `spec/`, all generated from the types.
//!
//! One entry point, two modes: [`write`] regenerates the files, [`check`] compares the
//! committed files with what the types generate and returns a diff for each one that differs.
//! `pcds schema` and `pcds schema --check` are thin shells over these, and a test runs
//! [`check`] so that a hand edit or a forgotten regeneration fails the build.

use std::collections::BTreeSet;
use std::fmt::Write as _;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use crate::codelist::{CodelistInfo, fold_doc};
use crate::codelists::ALL;
use crate::schema::{SchemaKind, generate};

/// A file the standard publishes, with the contents the types generate.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GeneratedFile {
    /// The path relative to the `spec/` directory, with `/` separators.
    pub path: String,
    /// The file's contents.
    pub contents: String,
}

/// Why the generated files could not be written or checked.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum SpecError {
    /// A file or directory could not be read or written.
    #[error("cannot access `{path}`: {source}")]
    Io {
        /// The path involved.
        path: PathBuf,
        /// The underlying error.
        #[source]
        source: io::Error,
    },
    /// Committed files differ from what the types generate.
    #[error("{} file(s) under spec/ are stale; run `pcds schema` to regenerate them", .0.len())]
    Stale(Vec<StaleFile>),
}

/// A committed file that differs from what the types generate.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StaleFile {
    /// The path relative to `spec/`.
    pub path: String,
    /// What is wrong, as a unified diff from the committed file to the generated one (or a
    /// sentence when the file is missing or should not exist).
    pub diff: String,
}

/// The directories under `spec/` whose every file is generated.
const GENERATED_DIRS: [&str; 2] = ["schema", "codelists"];

/// Every file the standard publishes under `spec/`.
#[must_use]
pub fn generated_files() -> Vec<GeneratedFile> {
    let mut files = Vec::new();
    for kind in SchemaKind::ALL {
        let schema = generate(kind);
        let mut contents = serde_json::to_string_pretty(&schema).unwrap_or_default();
        contents.push('\n');
        files.push(GeneratedFile {
            path: format!("schema/{}", kind.file_name()),
            contents,
        });
    }
    files.push(GeneratedFile {
        path: "codelists/index.csv".into(),
        contents: codelist_index(),
    });
    for info in ALL {
        files.push(GeneratedFile {
            path: format!("codelists/{}.csv", info.name),
            contents: codelist_csv(info),
        });
    }
    files
}

/// Writes every generated file under `spec_dir`, removing generated-directory files that the
/// types no longer produce. Returns the paths written.
///
/// # Errors
/// When a file or directory cannot be written.
pub fn write(spec_dir: &Path) -> Result<Vec<PathBuf>, SpecError> {
    let files = generated_files();
    let wanted: BTreeSet<&str> = files.iter().map(|f| f.path.as_str()).collect();
    for extra in existing_files(spec_dir)?
        .iter()
        .filter(|p| !wanted.contains(p.as_str()))
    {
        let path = spec_dir.join(extra);
        fs::remove_file(&path).map_err(|source| SpecError::Io { path, source })?;
    }
    let mut written = Vec::new();
    for file in files {
        let path = spec_dir.join(&file.path);
        if let Some(parent) = path.parent() {
            fs::create_dir_all(parent).map_err(|source| SpecError::Io {
                path: parent.to_owned(),
                source,
            })?;
        }
        fs::write(&path, &file.contents).map_err(|source| SpecError::Io {
            path: path.clone(),
            source,
        })?;
        written.push(path);
    }
    Ok(written)
}

/// Compares the files under `spec_dir` with what the types generate.
///
/// # Errors
/// [`SpecError::Stale`] listing every file that differs, is missing, or should not be there;
/// [`SpecError::Io`] when a file cannot be read.
pub fn check(spec_dir: &Path) -> Result<(), SpecError> {
    let files = generated_files();
    let wanted: BTreeSet<&str> = files.iter().map(|f| f.path.as_str()).collect();
    let mut stale = Vec::new();
    for file in &files {
        let path = spec_dir.join(&file.path);
        match fs::read_to_string(&path) {
            Ok(committed) if committed == file.contents => {}
            Ok(committed) => stale.push(StaleFile {
                path: file.path.clone(),
                diff: unified_diff(&file.path, &committed, &file.contents),
            }),
            Err(e) if e.kind() == io::ErrorKind::NotFound => {
                stale.push(StaleFile {
                    path: file.path.clone(),
                    diff: "missing: the types generate this file".into(),
                });
            }
            Err(source) => return Err(SpecError::Io { path, source }),
        }
    }
    for extra in existing_files(spec_dir)?
        .into_iter()
        .filter(|p| !wanted.contains(p.as_str()))
    {
        stale.push(StaleFile {
            path: extra,
            diff: "not generated by the types: remove it or regenerate".into(),
        });
    }
    if stale.is_empty() {
        Ok(())
    } else {
        Err(SpecError::Stale(stale))
    }
}

/// The files now present in the generated directories, as paths relative to `spec_dir`.
fn existing_files(spec_dir: &Path) -> Result<Vec<String>, SpecError> {
    let mut found = Vec::new();
    for dir in GENERATED_DIRS {
        let path = spec_dir.join(dir);
        let entries = match fs::read_dir(&path) {
            Ok(entries) => entries,
            Err(e) if e.kind() == io::ErrorKind::NotFound => continue,
            Err(source) => return Err(SpecError::Io { path, source }),
        };
        for entry in entries {
            let entry = entry.map_err(|source| SpecError::Io {
                path: path.clone(),
                source,
            })?;
            if entry.path().is_file() {
                found.push(format!("{dir}/{}", entry.file_name().to_string_lossy()));
            }
        }
    }
    found.sort();
    Ok(found)
}

fn unified_diff(path: &str, old: &str, new: &str) -> String {
    similar::TextDiff::from_lines(old, new)
        .unified_diff()
        .context_radius(2)
        .header(
            &format!("committed spec/{path}"),
            &format!("generated spec/{path}"),
        )
        .to_string()
}

/// One codelist as CSV: code, title, description, and the external codes it maps to.
#[must_use]
pub fn codelist_csv(info: &CodelistInfo) -> String {
    let mut out = String::from("Code,Title,Description,External scheme,External codes\n");
    for code in info.codes {
        let scheme = if code.external.is_empty() {
            ""
        } else {
            info.mapping.unwrap_or("")
        };
        let row = [
            code.code,
            code.title,
            &fold_doc(code.description),
            scheme,
            &code.external.join("; "),
        ]
        .map(csv_field);
        let _ = writeln!(out, "{}", row.join(","));
    }
    out
}

/// The index of every codelist: name, title, open or closed, mapping and description.
#[must_use]
pub fn codelist_index() -> String {
    let mut out = String::from("Codelist,Title,Open,External scheme,Description\n");
    for info in ALL {
        let file = format!("{}.csv", info.name);
        let row = [
            file.as_str(),
            info.title,
            if info.open { "open" } else { "closed" },
            info.mapping.unwrap_or(""),
            &fold_doc(info.description),
        ]
        .map(csv_field);
        let _ = writeln!(out, "{}", row.join(","));
    }
    out
}

/// Quotes a CSV field when it holds a comma, a quote or a line break (RFC 4180).
fn csv_field(text: &str) -> String {
    if text.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", text.replace('"', "\"\""))
    } else {
        text.to_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_fields_are_quoted_when_needed() {
        assert_eq!(csv_field("plain"), "plain");
        assert_eq!(csv_field("a, b"), "\"a, b\"");
        assert_eq!(csv_field("say \"hi\""), "\"say \"\"hi\"\"\"");
    }

    #[test]
    fn check_reports_missing_changed_and_extra_files() {
        let dir = std::env::temp_dir().join(format!("pcds-spec-check-{}", std::process::id()));
        let _ = fs::remove_dir_all(&dir);
        write(&dir).expect("writes");
        check(&dir).expect("fresh files are not stale");

        let edited = dir.join("schema/release-schema.json");
        let text = fs::read_to_string(&edited).expect("reads");
        fs::write(&edited, text.replacen("PCDS release", "PCDS releases", 1)).expect("edits");
        fs::remove_file(dir.join("codelists/urgency.csv")).expect("removes");
        fs::write(dir.join("codelists/handmade.csv"), "Code\n").expect("adds");

        let Err(SpecError::Stale(stale)) = check(&dir) else {
            panic!("edits must be detected")
        };
        let paths: Vec<&str> = stale.iter().map(|s| s.path.as_str()).collect();
        assert_eq!(
            paths,
            [
                "schema/release-schema.json",
                "codelists/urgency.csv",
                "codelists/handmade.csv"
            ]
        );
        assert!(
            stale[0].diff.contains("-  \"title\": \"PCDS releases\""),
            "{}",
            stale[0].diff
        );
        assert!(
            stale[0].diff.contains("+  \"title\": \"PCDS release\""),
            "{}",
            stale[0].diff
        );

        write(&dir).expect("rewrites");
        check(&dir).expect("regenerated files are fresh");
        fs::remove_dir_all(&dir).expect("cleans up");
    }
}
