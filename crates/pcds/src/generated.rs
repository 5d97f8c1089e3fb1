//! Files generated from the types, and the one engine that writes them or checks the committed
//! copies against them.
//!
//! The standard's published files under `spec/`, the conformance suite's case schema, the
//! documentation's reference pages and the site's table of contents are all generated. Each is
//! a [`GeneratedSet`]: the files one directory should hold, and the subdirectories that hold
//! nothing else. [`GeneratedSet::write`] regenerates them; [`GeneratedSet::check`] compares the
//! committed files with what the types generate and returns a diff for each one that differs,
//! so that a hand edit or a forgotten regeneration fails a test.

use std::collections::BTreeSet;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};

/// A file generated from the types, with the contents they generate.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GeneratedFile {
    /// The path relative to the set's directory, with `/` separators.
    pub path: String,
    /// The file's contents.
    pub contents: String,
}

/// A committed file that differs from what the types generate.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StaleFile {
    /// The path as reports name it: the set's label, `/`, and the path within the set.
    pub path: String,
    /// What is wrong, as a unified diff from the committed file to the generated one (or a
    /// sentence when the file is missing or should not exist).
    pub diff: String,
}

/// Why generated files could not be written or checked.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum GeneratedError {
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
    #[error("{} generated file(s) are stale; run `pcds schema` to regenerate them", .0.len())]
    Stale(Vec<StaleFile>),
}

/// The files generated into one directory.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GeneratedSet {
    /// How reports name the directory, e.g. `spec` or `docs/src/reference`.
    pub label: String,
    /// Every file the types generate there.
    pub files: Vec<GeneratedFile>,
    /// Subdirectories (relative, `/`-separated) that hold only generated files: any other file
    /// in them is stale, and [`GeneratedSet::write`] removes it.
    pub owned_dirs: Vec<String>,
    /// Whether any other file anywhere under the directory is stale too. Such files are
    /// reported, never removed, so a mistaken directory loses nothing.
    pub whole_directory: bool,
    /// Directories under the directory that another set owns (the spreadsheet template under
    /// `spec/template/`): never walked for stale files, even with `whole_directory`.
    pub foreign_dirs: Vec<String>,
}

impl GeneratedSet {
    /// Writes every file under `dir`, first removing the files in the owned subdirectories that
    /// the types no longer produce. Returns the paths written.
    ///
    /// # Errors
    /// When a file or directory cannot be read or written.
    pub fn write(&self, dir: &Path) -> Result<Vec<PathBuf>, GeneratedError> {
        for extra in self.extras(dir, false)? {
            let path = dir.join(extra);
            fs::remove_file(&path).map_err(|source| GeneratedError::Io { path, source })?;
        }
        let mut written = Vec::new();
        for file in &self.files {
            let path = dir.join(&file.path);
            if let Some(parent) = path.parent() {
                fs::create_dir_all(parent).map_err(|source| GeneratedError::Io {
                    path: parent.to_owned(),
                    source,
                })?;
            }
            fs::write(&path, &file.contents).map_err(|source| GeneratedError::Io {
                path: path.clone(),
                source,
            })?;
            written.push(path);
        }
        Ok(written)
    }

    /// Compares the files under `dir` with what the types generate: every file that differs
    /// or is missing, then every file that should not be there.
    ///
    /// # Errors
    /// When a file cannot be read.
    pub fn stale(&self, dir: &Path) -> Result<Vec<StaleFile>, GeneratedError> {
        let mut stale = Vec::new();
        for file in &self.files {
            let path = dir.join(&file.path);
            let named = format!("{}/{}", self.label, file.path);
            match fs::read_to_string(&path) {
                Ok(committed) if committed == file.contents => {}
                Ok(committed) => stale.push(StaleFile {
                    diff: unified_diff(&named, &committed, &file.contents),
                    path: named,
                }),
                Err(e) if e.kind() == io::ErrorKind::NotFound => stale.push(StaleFile {
                    path: named,
                    diff: "missing: the types generate this file".into(),
                }),
                Err(source) => return Err(GeneratedError::Io { path, source }),
            }
        }
        for extra in self.extras(dir, self.whole_directory)? {
            stale.push(StaleFile {
                path: format!("{}/{extra}", self.label),
                diff: "not generated by the types: remove it or regenerate".into(),
            });
        }
        Ok(stale)
    }

    /// [`GeneratedSet::stale`], as a result: `Ok` when every file is as the types generate it.
    ///
    /// # Errors
    /// [`GeneratedError::Stale`] listing every stale file; [`GeneratedError::Io`] when a file
    /// cannot be read.
    pub fn check(&self, dir: &Path) -> Result<(), GeneratedError> {
        let stale = self.stale(dir)?;
        if stale.is_empty() {
            Ok(())
        } else {
            Err(GeneratedError::Stale(stale))
        }
    }

    /// Files under `dir` the types do not generate: in the owned subdirectories, or anywhere
    /// when `everywhere`. Sorted, relative, `/`-separated.
    fn extras(&self, dir: &Path, everywhere: bool) -> Result<Vec<String>, GeneratedError> {
        let wanted: BTreeSet<&str> = self.files.iter().map(|f| f.path.as_str()).collect();
        let roots: Vec<&str> = if everywhere {
            vec![""]
        } else {
            self.owned_dirs.iter().map(String::as_str).collect()
        };
        let mut found = BTreeSet::new();
        for root in roots {
            let prefix = if root.is_empty() {
                String::new()
            } else {
                format!("{root}/")
            };
            walk(&dir.join(root), &prefix, &mut found)?;
            found.retain(|path| {
                !self
                    .foreign_dirs
                    .iter()
                    .any(|foreign| path.starts_with(&format!("{foreign}/")))
            });
        }
        Ok(found
            .into_iter()
            .filter(|path| !wanted.contains(path.as_str()))
            .collect())
    }
}

/// Adds every file under `dir` to `found`, as `prefix` and its `/`-separated path. A missing
/// directory holds nothing.
fn walk(dir: &Path, prefix: &str, found: &mut BTreeSet<String>) -> Result<(), GeneratedError> {
    let unreadable = |source| GeneratedError::Io {
        path: dir.to_owned(),
        source,
    };
    let entries = match fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(()),
        Err(source) => return Err(unreadable(source)),
    };
    for entry in entries {
        let entry = entry.map_err(unreadable)?;
        let name = format!("{prefix}{}", entry.file_name().to_string_lossy());
        if entry.path().is_dir() {
            walk(&entry.path(), &format!("{name}/"), found)?;
        } else {
            found.insert(name);
        }
    }
    Ok(())
}

fn unified_diff(path: &str, old: &str, new: &str) -> String {
    similar::TextDiff::from_lines(old, new)
        .unified_diff()
        .context_radius(2)
        .header(&format!("committed {path}"), &format!("generated {path}"))
        .to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn set() -> GeneratedSet {
        GeneratedSet {
            label: "site".into(),
            files: vec![
                GeneratedFile {
                    path: "pages/a.md".into(),
                    contents: "# A\n".into(),
                },
                GeneratedFile {
                    path: "index.md".into(),
                    contents: "one\ntwo\n".into(),
                },
            ],
            owned_dirs: vec!["pages".into()],
            whole_directory: false,
            foreign_dirs: Vec::new(),
        }
    }

    #[test]
    fn owned_directories_lose_extra_files_and_others_keep_theirs() {
        let dir = std::env::temp_dir().join(format!("pcds-generated-{}", std::process::id()));
        let _ = fs::remove_dir_all(&dir);
        let set = set();
        set.write(&dir).expect("writes");
        set.check(&dir).expect("fresh");
        fs::write(dir.join("pages/extra.md"), "x").expect("adds");
        fs::write(dir.join("notes.md"), "kept").expect("adds");
        fs::write(dir.join("index.md"), "one\nthree\n").expect("edits");
        let stale = set.stale(&dir).expect("reads");
        let paths: Vec<&str> = stale.iter().map(|s| s.path.as_str()).collect();
        assert_eq!(paths, ["site/index.md", "site/pages/extra.md"]);
        assert!(stale[0].diff.contains("-three\n+two"), "{}", stale[0].diff);
        assert!(stale[0].diff.contains("committed site/index.md"));

        let whole = GeneratedSet {
            whole_directory: true,
            ..set.clone()
        };
        let paths: Vec<String> = whole
            .stale(&dir)
            .expect("reads")
            .into_iter()
            .map(|s| s.path)
            .collect();
        assert_eq!(
            paths,
            ["site/index.md", "site/notes.md", "site/pages/extra.md"]
        );

        whole.write(&dir).expect("rewrites");
        assert!(!dir.join("pages/extra.md").exists(), "owned: removed");
        assert!(dir.join("notes.md").exists(), "not owned: kept");
        set.check(&dir).expect("fresh again");
        fs::remove_file(dir.join("pages/a.md")).expect("removes");
        let Err(GeneratedError::Stale(stale)) = set.check(&dir) else {
            panic!("a missing file is stale");
        };
        assert_eq!(stale[0].diff, "missing: the types generate this file");
        fs::remove_dir_all(&dir).expect("cleans up");
    }
}
