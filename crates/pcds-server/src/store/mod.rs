//! The store: releases, their feed positions, and publishers' tokens, in one SQLite file.
//!
//! Durability: the file runs in write-ahead-log mode with `synchronous = FULL`, so a commit is
//! on disk (the log is synced) before the server acknowledges a write. `NORMAL` would survive a
//! crash of the server process but could lose the last commits on power loss or an operating
//! system crash, and an acknowledged publication is a promise to a council; the cost is one
//! fsync per publishing request, not per release, because a request is one transaction.
//!
//! Feed order: each stored release gets a `modified` number, one more than the highest so far,
//! inside the writing transaction. SQLite lets one transaction write at a time, so numbers are
//! handed out in commit order: a harvester that has read up to number `n` can never later find
//! a new release numbered below `n`. That is the rule that lets it follow the feed without
//! missing or repeating an item while writes happen.
//!
//! Withdrawal: a release its publisher withdraws keeps its row, emptied of its content and
//! moved to a new feed position, so the feed serves it as a `deleted` item after everything
//! served before; an entry in `withdrawals` records who withdrew what and when. SQLite runs
//! with `secure_delete`, and the write-ahead log is checkpointed and truncated after a
//! withdrawal, so the withdrawn text is overwritten in the file, not just unlinked from it.

mod tokens;
mod withdrawals;

use std::path::{Path, PathBuf};
use std::sync::Mutex;

use rusqlite::{Connection, OptionalExtension, TransactionBehavior, params};
use serde_json::Value;

pub use tokens::{IssuedToken, TokenInfo, TokenState};
pub use withdrawals::{Withdrawal, Withdrawn};

use crate::digest::canonical_digest;

/// The store's schema version, kept in SQLite's `user_version`. Version 2 added withdrawals;
/// a version 1 file is upgraded when it is opened.
const SCHEMA_VERSION: i64 = 2;

const SCHEMA: &str = "
CREATE TABLE IF NOT EXISTS releases (
    modified     INTEGER PRIMARY KEY,
    ocid         TEXT NOT NULL,
    id           TEXT NOT NULL,
    digest       TEXT NOT NULL,
    body         TEXT NOT NULL,
    publisher    TEXT NOT NULL,
    published_at TEXT NOT NULL,
    withdrawn_at TEXT,
    UNIQUE (ocid, id)
);
CREATE INDEX IF NOT EXISTS releases_by_ocid ON releases (ocid, modified);
CREATE TABLE IF NOT EXISTS tokens (
    id          INTEGER PRIMARY KEY,
    digest      TEXT NOT NULL UNIQUE,
    publisher   TEXT NOT NULL,
    prefix      TEXT NOT NULL,
    created_at  TEXT NOT NULL,
    revoked_at  TEXT
);
CREATE TABLE IF NOT EXISTS withdrawals (
    id           INTEGER PRIMARY KEY,
    ocid         TEXT NOT NULL,
    release_id   TEXT NOT NULL,
    digest       TEXT NOT NULL,
    publisher    TEXT NOT NULL,
    token        INTEGER NOT NULL,
    published_at TEXT NOT NULL,
    withdrawn_at TEXT NOT NULL,
    modified     INTEGER NOT NULL
);
";

/// What can go wrong in the store.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum StoreError {
    /// SQLite refused or failed an operation.
    #[error("database error: {0}")]
    Sqlite(#[from] rusqlite::Error),
    /// The file was written by a newer version of the server.
    #[error(
        "the database `{path}` has schema version {found}; this server knows up to {SCHEMA_VERSION}"
    )]
    NewerSchema {
        /// The database file.
        path: PathBuf,
        /// The version found in the file.
        found: i64,
    },
    /// A stored release is not valid JSON (the file was changed outside the server).
    #[error("stored release `{ocid}` `{id}` is not valid JSON: {reason}")]
    Corrupt {
        /// Its ocid.
        ocid: String,
        /// Its id.
        id: String,
        /// What the JSON parser said.
        reason: String,
    },
    /// The operating system gave no randomness to make a token from.
    #[error("the system gave no randomness for a token: {0}")]
    Randomness(String),
    /// A lock was poisoned by a panic in another thread.
    #[error("the store is unusable after an earlier failure")]
    Poisoned,
    /// A new token's prefix overlaps the prefix of another publisher's active token, so both
    /// could publish the same ocid.
    #[error(
        "`{prefix}` overlaps `{existing}`, the prefix of {publisher}'s token {id}: two publishers \
         cannot share ocids; choose a prefix neither holds, or revoke token {id} first"
    )]
    OverlappingPrefix {
        /// The prefix asked for.
        prefix: String,
        /// The prefix it overlaps.
        existing: String,
        /// Who holds that prefix.
        publisher: String,
        /// That token's number.
        id: i64,
    },
}

/// A release on its way into the store.
#[derive(Debug, Clone)]
pub struct Incoming {
    /// The release's ocid.
    pub ocid: String,
    /// The release's id.
    pub id: String,
    /// The release itself.
    pub release: Value,
}

/// A release that was already stored under the same ocid and id with different content.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Conflict {
    /// Its ocid.
    pub ocid: String,
    /// Its id.
    pub id: String,
    /// Its position in the request (0-based).
    pub index: usize,
    /// When its publisher withdrew the stored release, if that is why it conflicts: a
    /// withdrawn release's id is never used again, so a correction needs a new id.
    #[serde(rename = "withdrawnAt", skip_serializing_if = "Option::is_none")]
    pub withdrawn_at: Option<String>,
}

/// What a publishing transaction did.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Published {
    /// Releases stored for the first time, with their feed positions.
    pub created: Vec<(String, String, i64)>,
    /// Releases already stored with identical content: nothing was written for them.
    pub unchanged: Vec<(String, String)>,
}

/// A stored release, as the feed and the read endpoints serve it.
#[derive(Debug, Clone, PartialEq)]
pub struct StoredRelease {
    /// Its feed position: strictly increasing in commit order.
    pub modified: i64,
    /// Its ocid.
    pub ocid: String,
    /// Its id.
    pub id: String,
    /// When the server stored it (RFC 3339, UTC).
    pub published_at: String,
    /// The release text, as stored; empty once the release is withdrawn.
    pub body: String,
    /// When its publisher withdrew it (RFC 3339, UTC), if it did.
    pub withdrawn_at: Option<String>,
}

impl StoredRelease {
    /// When the release last changed: when it was withdrawn, or else when it was stored.
    #[must_use]
    pub fn changed_at(&self) -> &str {
        self.withdrawn_at.as_deref().unwrap_or(&self.published_at)
    }

    /// The release, parsed.
    ///
    /// # Errors
    /// When the stored text is not JSON (the file was edited outside the server).
    pub fn release(&self) -> Result<Value, StoreError> {
        serde_json::from_str(&self.body).map_err(|e| StoreError::Corrupt {
            ocid: self.ocid.clone(),
            id: self.id.clone(),
            reason: e.to_string(),
        })
    }
}

/// The SQLite store. Cheap to share: one writing connection behind a lock, and a small pool of
/// reading connections (write-ahead logging lets them read while a write is under way).
pub struct Store {
    path: PathBuf,
    writer: Mutex<Connection>,
    readers: Mutex<Vec<Connection>>,
}

impl std::fmt::Debug for Store {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Store").field("path", &self.path).finish()
    }
}

impl Store {
    /// Opens the store at `path`, creating the file and its tables when absent.
    ///
    /// # Errors
    /// When the file cannot be opened or created, or was written by a newer server.
    pub fn open(path: &Path) -> Result<Store, StoreError> {
        let writer = connect(path)?;
        let found: i64 = writer.query_row("PRAGMA user_version", [], |r| r.get(0))?;
        if found > SCHEMA_VERSION {
            return Err(StoreError::NewerSchema {
                path: path.to_owned(),
                found,
            });
        }
        let upgrading = found == 1;
        writer.execute_batch(SCHEMA)?;
        if upgrading {
            writer.execute_batch("ALTER TABLE releases ADD COLUMN withdrawn_at TEXT")?;
        }
        writer.execute_batch(&format!("PRAGMA user_version = {SCHEMA_VERSION}"))?;
        Ok(Store {
            path: path.to_owned(),
            writer: Mutex::new(writer),
            readers: Mutex::new(Vec::new()),
        })
    }

    /// The database file.
    #[must_use]
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Stores releases in one transaction: all or nothing. A release whose ocid and id are
    /// already stored with the same content is left alone; one stored with different content
    /// is a conflict, and then nothing at all is written.
    ///
    /// # Errors
    /// `Ok(Err(conflicts))` when any release conflicts; `Err` when the database fails.
    pub fn publish(
        &self,
        publisher: &str,
        releases: &[Incoming],
    ) -> Result<Result<Published, Vec<Conflict>>, StoreError> {
        let mut writer = self.writer.lock().map_err(|_| StoreError::Poisoned)?;
        let transaction = writer.transaction_with_behavior(TransactionBehavior::Immediate)?;
        let mut published = Published::default();
        let mut conflicts = Vec::new();
        let now = now();
        {
            let mut find = transaction.prepare_cached(
                "SELECT digest, withdrawn_at FROM releases WHERE ocid = ?1 AND id = ?2",
            )?;
            let mut insert = transaction.prepare_cached(
                "INSERT INTO releases (modified, ocid, id, digest, body, publisher, published_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
            )?;
            let mut next: i64 = transaction.query_row(
                "SELECT COALESCE(MAX(modified), 0) + 1 FROM releases",
                [],
                |r| r.get(0),
            )?;
            let mut seen = std::collections::HashMap::new();
            for (index, incoming) in releases.iter().enumerate() {
                let digest = canonical_digest(&incoming.release);
                let key = (incoming.ocid.clone(), incoming.id.clone());
                let stored: Option<(String, Option<String>)> = match seen.get(&key) {
                    Some(d) => Some((String::clone(d), None)),
                    None => find
                        .query_row(params![incoming.ocid, incoming.id], |r| {
                            Ok((r.get(0)?, r.get(1)?))
                        })
                        .optional()?,
                };
                match stored {
                    Some((existing, None)) if existing == digest => published
                        .unchanged
                        .push((incoming.ocid.clone(), incoming.id.clone())),
                    Some((_, withdrawn_at)) => conflicts.push(Conflict {
                        ocid: incoming.ocid.clone(),
                        id: incoming.id.clone(),
                        index,
                        withdrawn_at,
                    }),
                    None => {
                        let body = incoming.release.to_string();
                        insert.execute(params![
                            next,
                            incoming.ocid,
                            incoming.id,
                            digest,
                            body,
                            publisher,
                            now
                        ])?;
                        published
                            .created
                            .push((incoming.ocid.clone(), incoming.id.clone(), next));
                        seen.insert(key, digest);
                        next += 1;
                    }
                }
            }
        }
        if !conflicts.is_empty() {
            transaction.rollback()?;
            return Ok(Err(conflicts));
        }
        transaction.commit()?;
        Ok(Ok(published))
    }

    /// Up to `limit` releases after feed position `after`, in feed order: by `modified`, then
    /// by ocid and id. Withdrawn releases are among them, empty, at the position their
    /// withdrawal gave them.
    ///
    /// # Errors
    /// When the database fails.
    pub fn feed(&self, after: i64, limit: usize) -> Result<Vec<StoredRelease>, StoreError> {
        self.read(|c| {
            let mut statement = c.prepare_cached(
                "SELECT modified, ocid, id, published_at, body, withdrawn_at FROM releases
                 WHERE modified > ?1 ORDER BY modified, ocid, id LIMIT ?2",
            )?;
            let rows = statement.query_map(
                params![after, i64::try_from(limit).unwrap_or(i64::MAX)],
                stored,
            )?;
            rows.collect()
        })
    }

    /// Every release of one contracting process still published, oldest first.
    ///
    /// # Errors
    /// When the database fails.
    pub fn releases_of(&self, ocid: &str) -> Result<Vec<StoredRelease>, StoreError> {
        self.read(|c| {
            let mut statement = c.prepare_cached(
                "SELECT modified, ocid, id, published_at, body, withdrawn_at FROM releases
                 WHERE ocid = ?1 AND withdrawn_at IS NULL ORDER BY modified",
            )?;
            let rows = statement.query_map(params![ocid], stored)?;
            rows.collect()
        })
    }

    /// When a release of the process was last stored or withdrawn; `None` when none ever was.
    ///
    /// # Errors
    /// When the database fails.
    pub fn last_change_of(&self, ocid: &str) -> Result<Option<String>, StoreError> {
        self.read(|c| {
            c.prepare_cached(
                "SELECT MAX(COALESCE(withdrawn_at, published_at)) FROM releases WHERE ocid = ?1",
            )?
            .query_row(params![ocid], |r| r.get(0))
        })
    }

    /// One release, by ocid and id: withdrawn (and empty) or not.
    ///
    /// # Errors
    /// When the database fails.
    pub fn release(&self, ocid: &str, id: &str) -> Result<Option<StoredRelease>, StoreError> {
        self.read(|c| {
            c.prepare_cached(
                "SELECT modified, ocid, id, published_at, body, withdrawn_at FROM releases
                 WHERE ocid = ?1 AND id = ?2",
            )?
            .query_row(params![ocid, id], stored)
            .optional()
        })
    }

    /// Every distinct ocid with a release still published, in order.
    ///
    /// # Errors
    /// When the database fails.
    pub fn ocids(&self) -> Result<Vec<String>, StoreError> {
        self.read(|c| {
            let mut statement = c.prepare_cached(
                "SELECT DISTINCT ocid FROM releases WHERE withdrawn_at IS NULL ORDER BY ocid",
            )?;
            let rows = statement.query_map([], |r| r.get(0))?;
            rows.collect()
        })
    }

    /// The highest feed position and when it was written (stored or withdrawn), or `None`
    /// when nothing is stored.
    ///
    /// # Errors
    /// When the database fails.
    pub fn latest(&self) -> Result<Option<(i64, String)>, StoreError> {
        self.read(|c| {
            c.query_row(
                "SELECT modified, COALESCE(withdrawn_at, published_at) FROM releases
                 ORDER BY modified DESC LIMIT 1",
                [],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .optional()
        })
    }

    /// How many releases are published: stored and not withdrawn.
    ///
    /// # Errors
    /// When the database fails.
    pub fn count(&self) -> Result<u64, StoreError> {
        self.read(|c| {
            c.query_row(
                "SELECT COUNT(*) FROM releases WHERE withdrawn_at IS NULL",
                [],
                |r| r.get(0),
            )
        })
    }

    /// Runs a query on a pooled reading connection.
    fn read<T>(
        &self,
        query: impl FnOnce(&Connection) -> rusqlite::Result<T>,
    ) -> Result<T, StoreError> {
        let pooled = self.readers.lock().map_err(|_| StoreError::Poisoned)?.pop();
        let connection = match pooled {
            Some(c) => c,
            None => connect(&self.path)?,
        };
        let result = query(&connection);
        if let Ok(mut readers) = self.readers.lock() {
            readers.push(connection);
        }
        Ok(result?)
    }
}

fn connect(path: &Path) -> Result<Connection, StoreError> {
    let connection = Connection::open(path)?;
    connection.busy_timeout(std::time::Duration::from_secs(10))?;
    // WAL: readers never block the writer; FULL: a commit is synced before it returns.
    connection.pragma_update(None, "journal_mode", "WAL")?;
    connection.pragma_update(None, "synchronous", "FULL")?;
    connection.pragma_update(None, "foreign_keys", "ON")?;
    // Deleted content is overwritten with zeros, so a withdrawn release leaves no trace.
    connection.pragma_update(None, "secure_delete", "ON")?;
    Ok(connection)
}

fn stored(row: &rusqlite::Row<'_>) -> rusqlite::Result<StoredRelease> {
    Ok(StoredRelease {
        modified: row.get(0)?,
        ocid: row.get(1)?,
        id: row.get(2)?,
        published_at: row.get(3)?,
        body: row.get(4)?,
        withdrawn_at: row.get(5)?,
    })
}

/// The current time, RFC 3339 in UTC with seconds.
pub(crate) fn now() -> String {
    chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
}

#[cfg(test)]
mod tests;
