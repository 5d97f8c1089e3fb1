//! Withdrawal: a publisher takes back a release it published in error (a child's name in a
//! description, say). The release's content is erased, the release moves to a new feed
//! position so that every harvester meets its withdrawal, and the audit log records who
//! withdrew what and when, never what the release said.

use rusqlite::{OptionalExtension, TransactionBehavior, params};

use super::{Store, StoreError, TokenInfo, now};

/// One entry of the audit log: a withdrawal, without the withdrawn content.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Withdrawal {
    /// The withdrawn release's ocid.
    pub ocid: String,
    /// The withdrawn release's id.
    pub id: String,
    /// The SHA-256 digest of the release's canonical JSON as it was stored, so a publisher can
    /// tell which content was withdrawn without the store keeping it.
    pub digest: String,
    /// The publisher whose token withdrew it.
    pub publisher: String,
    /// The number of the token that withdrew it.
    pub token: i64,
    /// When the release was stored (RFC 3339, UTC).
    pub published_at: String,
    /// When it was withdrawn (RFC 3339, UTC).
    pub withdrawn_at: String,
    /// The feed position of its `deleted` item.
    pub modified: i64,
}

/// What a request to withdraw a release found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Withdrawn {
    /// The release is withdrawn now.
    Now(Withdrawal),
    /// The release had already been withdrawn; nothing changed.
    Already(Withdrawal),
    /// No release with that ocid and id was ever stored.
    NotStored,
}

impl Store {
    /// Withdraws the release `ocid`/`id` on the authority of `token`: in one transaction, its
    /// stored text is erased, it moves to the next feed position and an audit entry is
    /// written. Then the write-ahead log is checkpointed and truncated, so the text is gone
    /// from the file as well as from every answer. The caller checks that the token's prefix
    /// holds the ocid.
    ///
    /// # Errors
    /// When the database fails.
    pub fn withdraw(
        &self,
        token: &TokenInfo,
        ocid: &str,
        id: &str,
    ) -> Result<Withdrawn, StoreError> {
        let mut writer = self.writer.lock().map_err(|_| StoreError::Poisoned)?;
        let transaction = writer.transaction_with_behavior(TransactionBehavior::Immediate)?;
        let found: Option<(i64, String, String, Option<String>)> = transaction
            .query_row(
                "SELECT modified, digest, published_at, withdrawn_at FROM releases
                 WHERE ocid = ?1 AND id = ?2",
                params![ocid, id],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
            )
            .optional()?;
        let Some((modified, digest, published_at, withdrawn_at)) = found else {
            return Ok(Withdrawn::NotStored);
        };
        if withdrawn_at.is_some() {
            let entry = transaction
                .query_row(
                    &format!("{SELECT_WITHDRAWALS} WHERE ocid = ?1 AND release_id = ?2"),
                    params![ocid, id],
                    withdrawal,
                )
                .optional()?;
            return Ok(Withdrawn::Already(entry.unwrap_or(Withdrawal {
                ocid: ocid.to_owned(),
                id: id.to_owned(),
                digest,
                publisher: "(not recorded)".to_owned(),
                token: 0,
                published_at,
                withdrawn_at: withdrawn_at.unwrap_or_default(),
                modified,
            })));
        }
        let next: i64 = transaction.query_row(
            "SELECT COALESCE(MAX(modified), 0) + 1 FROM releases",
            [],
            |r| r.get(0),
        )?;
        let entry = Withdrawal {
            ocid: ocid.to_owned(),
            id: id.to_owned(),
            digest,
            publisher: token.publisher.clone(),
            token: token.id,
            published_at,
            withdrawn_at: now(),
            modified: next,
        };
        transaction.execute(
            "UPDATE releases SET modified = ?1, body = '', withdrawn_at = ?2
             WHERE ocid = ?3 AND id = ?4",
            params![next, entry.withdrawn_at, ocid, id],
        )?;
        transaction.execute(
            "INSERT INTO withdrawals
                 (ocid, release_id, digest, publisher, token, published_at, withdrawn_at, modified)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
            params![
                entry.ocid,
                entry.id,
                entry.digest,
                entry.publisher,
                entry.token,
                entry.published_at,
                entry.withdrawn_at,
                entry.modified
            ],
        )?;
        transaction.commit()?;
        // The log still holds the pages as they were before: copy the new ones into the file
        // (where `secure_delete` has zeroed the old text) and empty the log.
        writer.query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(()))?;
        Ok(Withdrawn::Now(entry))
    }

    /// The audit log of withdrawals, oldest first.
    ///
    /// # Errors
    /// When the database fails.
    pub fn withdrawals(&self) -> Result<Vec<Withdrawal>, StoreError> {
        self.read(|c| {
            let mut statement = c.prepare_cached(&format!("{SELECT_WITHDRAWALS} ORDER BY id"))?;
            let rows = statement.query_map([], withdrawal)?;
            rows.collect()
        })
    }
}

const SELECT_WITHDRAWALS: &str = "SELECT ocid, release_id, digest, publisher, token, \
     published_at, withdrawn_at, modified FROM withdrawals";

fn withdrawal(row: &rusqlite::Row<'_>) -> rusqlite::Result<Withdrawal> {
    Ok(Withdrawal {
        ocid: row.get(0)?,
        id: row.get(1)?,
        digest: row.get(2)?,
        publisher: row.get(3)?,
        token: row.get(4)?,
        published_at: row.get(5)?,
        withdrawn_at: row.get(6)?,
        modified: row.get(7)?,
    })
}

#[cfg(test)]
mod tests {
    use rusqlite::Connection;
    use serde_json::json;

    use super::super::{Incoming, Store};
    use super::Withdrawn;

    /// Planted in a release, to be looked for everywhere after its withdrawal.
    const MARKER: &str = "PLANTED-TEXT-5f3a9c";

    fn scratch(name: &str) -> (std::path::PathBuf, Store) {
        let dir = std::env::temp_dir().join(format!("pcds-withdraw-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).expect("creates a scratch directory");
        let store = Store::open(&dir.join("pcds.sqlite")).expect("opens");
        (dir, store)
    }

    fn incoming(ocid: &str, id: &str, note: &str) -> Incoming {
        Incoming {
            ocid: ocid.into(),
            id: id.into(),
            release: json!({"ocid": ocid, "id": id, "note": note}),
        }
    }

    fn files_hold(dir: &std::path::Path, text: &str) -> Vec<String> {
        let mut holding = Vec::new();
        for entry in std::fs::read_dir(dir).expect("lists") {
            let path = entry.expect("an entry").path();
            let bytes = std::fs::read(&path).expect("reads");
            if bytes.windows(text.len()).any(|w| w == text.as_bytes()) {
                holding.push(path.display().to_string());
            }
        }
        holding
    }

    #[test]
    fn a_withdrawn_release_moves_to_the_end_of_the_feed_empty_and_leaves_the_file() {
        let (dir, store) = scratch("moves");
        let prefix = "ocds-pcdsex-"
            .parse::<pcds::OcidPrefix>()
            .expect("a prefix");
        let token = store
            .create_token("Council A", &prefix)
            .expect("creates")
            .info;
        let long = format!("{MARKER} {}", "x".repeat(20_000));
        store
            .publish(
                "Council A",
                &[
                    incoming("ocds-pcdsex-1", "r1", &long),
                    incoming("ocds-pcdsex-1", "r2", "kept"),
                    incoming("ocds-pcdsex-2", "r3", MARKER),
                ],
            )
            .expect("writes")
            .expect("no conflict");
        assert!(!files_hold(&dir, MARKER).is_empty(), "the text is stored");

        let Withdrawn::Now(first) = store
            .withdraw(&token, "ocds-pcdsex-1", "r1")
            .expect("withdraws")
        else {
            panic!("the release was stored");
        };
        assert_eq!(first.modified, 4, "after every position served before");
        let Withdrawn::Now(_) = store
            .withdraw(&token, "ocds-pcdsex-2", "r3")
            .expect("withdraws")
        else {
            panic!("the release was stored");
        };
        let feed: Vec<(i64, String, bool)> = store
            .feed(0, 10)
            .expect("reads")
            .into_iter()
            .map(|r| (r.modified, r.id, r.withdrawn_at.is_some()))
            .collect();
        assert_eq!(
            feed,
            vec![
                (2, "r2".into(), false),
                (4, "r1".into(), true),
                (5, "r3".into(), true)
            ]
        );
        assert!(store.feed(0, 10).expect("reads")[1].body.is_empty());
        assert_eq!(store.releases_of("ocds-pcdsex-1").expect("reads").len(), 1);
        assert_eq!(store.ocids().expect("reads"), vec!["ocds-pcdsex-1"]);
        assert_eq!(store.count().expect("reads"), 1);
        assert_eq!(store.latest().expect("reads").map(|l| l.0), Some(5));
        assert_eq!(
            files_hold(&dir, MARKER),
            Vec::<String>::new(),
            "no byte of the withdrawn text is left in the database or its log"
        );

        let audit = store.withdrawals().expect("lists");
        assert_eq!(audit.len(), 2);
        assert_eq!(
            (
                audit[0].publisher.as_str(),
                audit[0].token,
                audit[0].id.as_str()
            ),
            ("Council A", token.id, "r1")
        );
        assert_eq!(audit[0].digest.len(), 64);
        assert!(!format!("{audit:?}").contains(MARKER));

        let Withdrawn::Already(again) = store
            .withdraw(&token, "ocds-pcdsex-1", "r1")
            .expect("reads")
        else {
            panic!("withdrawn before");
        };
        assert_eq!(again, first, "a second withdrawal changes nothing");
        assert_eq!(store.withdrawals().expect("lists").len(), 2);
        assert_eq!(
            store
                .withdraw(&token, "ocds-pcdsex-1", "r9")
                .expect("reads"),
            Withdrawn::NotStored
        );

        let conflicts = store
            .publish("Council A", &[incoming("ocds-pcdsex-1", "r1", "corrected")])
            .expect("reads")
            .expect_err("a withdrawn id is not used again");
        assert_eq!(
            conflicts[0].withdrawn_at.as_deref(),
            Some(first.withdrawn_at.as_str())
        );
        store
            .publish(
                "Council A",
                &[incoming("ocds-pcdsex-1", "r1-corrected", "fixed")],
            )
            .expect("writes")
            .expect("a correction under a new id is stored");
        assert_eq!(store.feed(5, 10).expect("reads")[0].modified, 6);
    }

    #[test]
    fn a_version_1_database_is_upgraded_in_place() {
        let (dir, store) = scratch("upgrade");
        drop(store);
        let path = dir.join("old.sqlite");
        let old = Connection::open(&path).expect("opens");
        old.execute_batch(
            "CREATE TABLE releases (modified INTEGER PRIMARY KEY, ocid TEXT NOT NULL,
                 id TEXT NOT NULL, digest TEXT NOT NULL, body TEXT NOT NULL,
                 publisher TEXT NOT NULL, published_at TEXT NOT NULL, UNIQUE (ocid, id));
             CREATE TABLE tokens (id INTEGER PRIMARY KEY, digest TEXT NOT NULL UNIQUE,
                 publisher TEXT NOT NULL, prefix TEXT NOT NULL, created_at TEXT NOT NULL,
                 revoked_at TEXT);
             INSERT INTO releases VALUES (1, 'ocds-pcdsex-1', 'r1', 'd', '{}', 'A',
                 '2026-01-01T00:00:00Z');
             PRAGMA user_version = 1;",
        )
        .expect("writes a version 1 file");
        drop(old);
        let store = Store::open(&path).expect("upgrades");
        let stored = store.feed(0, 10).expect("reads");
        assert_eq!(stored.len(), 1);
        assert_eq!(stored[0].withdrawn_at, None);
        assert!(store.withdrawals().expect("lists").is_empty());
        drop(store);
        Store::open(&path).expect("an upgraded file opens again");
        let version: i64 = Connection::open(&path)
            .expect("opens")
            .query_row("PRAGMA user_version", [], |r| r.get(0))
            .expect("reads");
        assert_eq!(version, 2);
    }
}
