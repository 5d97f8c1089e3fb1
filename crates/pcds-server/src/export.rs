//! The static export: the same documents at the same paths as the live server, written as
//! files, for councils that publish on any static host. Running it again after new releases
//! rewrites the feed's last page and adds pages after it; full pages come out the same, so a
//! harvester following the exported feed picks up exactly the new releases.
//!
//! The export owns three directories under its output: `feed/`, `records/` and `releases/`.
//! A file in them that this export did not write is removed, so a release withdrawn since the
//! last export leaves the site with it (its record too, if it was the process's last), and so
//! does a feed page whose boundaries moved.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use crate::documents::{self, Site, feed_path, record_path, release_path};
use crate::stats::Dimension;
use crate::store::{Store, StoreError};

/// What can go wrong exporting.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum ExportError {
    /// Reading the store failed.
    #[error(transparent)]
    Store(#[from] StoreError),
    /// A file could not be written.
    #[error("cannot write `{path}`: {source}")]
    Write {
        /// The file.
        path: PathBuf,
        /// Why.
        source: std::io::Error,
    },
    /// A process's releases could not be compiled into a record.
    #[error("cannot compile the record of `{ocid}`: {reason}")]
    Compile {
        /// The process.
        ocid: String,
        /// Why.
        reason: String,
    },
}

/// What an export wrote.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Exported {
    /// Feed pages, the empty last page included.
    pub pages: usize,
    /// Releases.
    pub releases: usize,
    /// Records.
    pub records: usize,
    /// Files in all.
    pub files: usize,
    /// Files of an earlier export removed because they are no longer published: withdrawn
    /// releases, records with no release left, feed pages that moved.
    pub removed: usize,
}

/// Writes every document of `store` under `out`, with links under `site.base_url`.
///
/// # Errors
/// When the store cannot be read or a file cannot be written.
pub fn export(
    store: &Store,
    site: &Site,
    suppress_below: u64,
    out: &Path,
) -> Result<Exported, ExportError> {
    let mut exported = Exported::default();
    let written = std::cell::RefCell::new(BTreeSet::new());
    let write = |path: &str, contents: &[u8]| -> Result<(), ExportError> {
        written.borrow_mut().insert(PathBuf::from(path));
        let target = out.join(path);
        let fail = |source| ExportError::Write {
            path: target.clone(),
            source,
        };
        if let Some(parent) = target.parent() {
            std::fs::create_dir_all(parent).map_err(fail)?;
        }
        // Write beside and rename, so a host never serves a half-written page.
        let partial = target.with_extension("partial");
        std::fs::write(&partial, contents).map_err(fail)?;
        std::fs::rename(&partial, &target).map_err(fail)?;
        Ok(())
    };
    fn json(value: &impl serde::Serialize) -> Vec<u8> {
        serde_json::to_vec(value).unwrap_or_default()
    }

    let mut after = 0;
    loop {
        let items = store.feed(after, site.page_size)?;
        write(
            &feed_path(after),
            &documents::feed_page(site, after, &items),
        )?;
        exported.pages += 1;
        for item in items.iter().filter(|i| i.withdrawn_at.is_none()) {
            write(&release_path(&item.ocid, &item.id), item.body.as_bytes())?;
            exported.releases += 1;
        }
        match items.last() {
            Some(last) => after = last.modified,
            None => break,
        }
    }
    for ocid in store.ocids()? {
        let releases = store.releases_of(&ocid)?;
        let package = documents::record_package(site, &ocid, &releases).map_err(|reason| {
            ExportError::Compile {
                ocid: ocid.clone(),
                reason,
            }
        })?;
        write(&record_path(&ocid), &json(&package))?;
        exported.records += 1;
    }
    let tabulator = crate::app::tabulate(store).map_err(|e| ExportError::Compile {
        ocid: "(statistics)".into(),
        reason: e.to_string(),
    })?;
    let mut table = tabulator.table(&Dimension::ALL, suppress_below);
    table["publicationLevel"] = serde_json::json!(site.publication_level);
    write("stats.json", &json(&table))?;
    for file in pcds::spec::generated_files() {
        write(&format!("spec/{}", file.path), file.contents.as_bytes())?;
        exported.files += 1;
    }
    let latest = store.latest()?.map(|(_, at)| at);
    let discovery = documents::discovery(site, &store.tokens()?, store.count()?, latest.as_deref());
    write(
        "index.json",
        &serde_json::to_vec(&discovery).unwrap_or_default(),
    )?;
    exported.files += exported.pages + exported.releases + exported.records + 2;
    exported.removed = remove_unwritten(out, &written.into_inner())?;
    Ok(exported)
}

/// The directories an export owns: every file in them is one it wrote.
const OWNED: [&str; 3] = ["feed", "records", "releases"];

/// Removes every file under the [`OWNED`] directories of `out` that is not in `written`, and
/// the directories left empty; never follows a symbolic link. Returns how many files went.
fn remove_unwritten(out: &Path, written: &BTreeSet<PathBuf>) -> Result<usize, ExportError> {
    let mut removed = 0;
    let mut directories: Vec<PathBuf> = OWNED.iter().map(PathBuf::from).collect();
    let mut emptied = Vec::new();
    while let Some(relative) = directories.pop() {
        let dir = out.join(&relative);
        let fail = |source| ExportError::Write {
            path: dir.clone(),
            source,
        };
        let entries = match std::fs::read_dir(&dir) {
            Ok(entries) => entries,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => continue,
            Err(e) => return Err(fail(e)),
        };
        let mut kept = false;
        for entry in entries {
            let entry = entry.map_err(fail)?;
            let path = relative.join(entry.file_name());
            let kind = entry.file_type().map_err(fail)?;
            if kind.is_dir() {
                directories.push(path);
                kept = true;
            } else if written.contains(&path) {
                kept = true;
            } else {
                std::fs::remove_file(out.join(&path)).map_err(fail)?;
                removed += 1;
            }
        }
        if !kept {
            emptied.push(dir);
        }
    }
    for dir in emptied {
        // A directory is removed only once empty; one still holding anything stays.
        let _ = std::fs::remove_dir(dir);
    }
    Ok(removed)
}

/// The most files a validator page may hold: it is a handful (the page, its script and style,
/// the engine and its glue), so a directory with more is not one.
const MAX_PAGE_FILES: usize = 64;

/// Copies the browser validator page from `page` (a built `web/validate`) to `validate/` under
/// `out`, so the static site offers the same in-browser checking as the server. Only regular
/// files are copied, never what a symbolic link points at; returns how many were written.
///
/// # Errors
/// When the page is not built, holds more than a page's files, or a file cannot be copied.
pub fn copy_validate_page(page: &Path, out: &Path) -> Result<usize, ExportError> {
    let engine = page.join(crate::app::VALIDATE_PAGE_ENGINE);
    if !engine.is_file() {
        return Err(ExportError::Write {
            path: engine,
            source: std::io::Error::new(
                std::io::ErrorKind::NotFound,
                "the validator page is not built: run tools/wasm/build-page.sh",
            ),
        });
    }
    let mut files = Vec::new();
    let mut directories = vec![PathBuf::new()];
    while let Some(relative) = directories.pop() {
        let dir = page.join(&relative);
        let read = |source| ExportError::Write {
            path: dir.clone(),
            source,
        };
        for entry in std::fs::read_dir(&dir).map_err(read)? {
            let entry = entry.map_err(read)?;
            let kind = entry.file_type().map_err(read)?;
            let path = relative.join(entry.file_name());
            if kind.is_dir() {
                directories.push(path);
            } else if kind.is_file() {
                files.push(path);
            }
        }
        if files.len() > MAX_PAGE_FILES {
            return Err(ExportError::Write {
                path: page.to_path_buf(),
                source: std::io::Error::other(format!(
                    "more than {MAX_PAGE_FILES} files: this is not the validator page"
                )),
            });
        }
    }
    for file in &files {
        let target = out.join("validate").join(file);
        let fail = |source| ExportError::Write {
            path: target.clone(),
            source,
        };
        if let Some(parent) = target.parent() {
            std::fs::create_dir_all(parent).map_err(fail)?;
        }
        std::fs::copy(page.join(file), &target).map_err(fail)?;
    }
    Ok(files.len())
}
