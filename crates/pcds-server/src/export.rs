//! The static export: the same documents at the same paths as the live server, written as
//! files, for councils that publish on any static host. Running it again after new releases
//! rewrites the feed's last page and adds pages after it; full pages come out the same, so a
//! harvester following the exported feed picks up exactly the new releases.

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
    let write = |path: &str, contents: &[u8]| -> Result<(), ExportError> {
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
    let json = |value: &serde_json::Value| serde_json::to_vec(value).unwrap_or_default();

    let mut after = 0;
    loop {
        let items = store.feed(after, site.page_size)?;
        write(
            &feed_path(after),
            &documents::feed_page(site, after, &items),
        )?;
        exported.pages += 1;
        for item in &items {
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
    Ok(exported)
}
