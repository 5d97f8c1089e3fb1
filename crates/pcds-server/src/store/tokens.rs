//! Publishers' API tokens. A token is shown once, when it is created; the store keeps only its
//! SHA-256 digest, so a copy of the database does not let anyone publish.

use pcds::OcidPrefix;
use rusqlite::{OptionalExtension, TransactionBehavior, params};

use super::{Store, StoreError, now};
use crate::digest::{bytes_digest, hex};

/// What every token starts with, so a leaked one is easy to recognise and search for.
pub const TOKEN_PREFIX: &str = "pcds_";

/// A token just created: the secret, shown once, and its record.
#[derive(Debug, Clone)]
pub struct IssuedToken {
    /// The secret to give the publisher. It is not stored and cannot be shown again.
    pub secret: String,
    /// The token's record.
    pub info: TokenInfo,
}

/// A token's record: who it is for and what it may publish.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct TokenInfo {
    /// The token's number, for listing and revoking.
    pub id: i64,
    /// The publisher it was issued to.
    pub publisher: String,
    /// The ocid prefix it may publish under: a release is accepted only if its ocid starts
    /// with this.
    pub prefix: String,
    /// When it was created.
    pub created_at: String,
    /// When it was revoked, if it was.
    pub revoked_at: Option<String>,
}

/// What a presented secret turned out to be.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TokenState {
    /// A live token.
    Active(TokenInfo),
    /// A token that was revoked.
    Revoked(TokenInfo),
    /// Not a token this store issued.
    Unknown,
}

impl Store {
    /// Creates a token for `publisher`, scoped to the ocids in `prefix`.
    ///
    /// # Errors
    /// [`StoreError::OverlappingPrefix`] when another publisher's active token has a prefix
    /// that holds this one or is held by it; otherwise when the system has no randomness to
    /// give or the database fails.
    pub fn create_token(
        &self,
        publisher: &str,
        prefix: &OcidPrefix,
    ) -> Result<IssuedToken, StoreError> {
        let mut random = [0u8; 32];
        getrandom::fill(&mut random).map_err(|e| StoreError::Randomness(e.to_string()))?;
        let secret = format!("{TOKEN_PREFIX}{}", hex(&random));
        let created_at = now();
        let prefix = prefix.as_str();
        let mut writer = self.writer.lock().map_err(|_| StoreError::Poisoned)?;
        let transaction = writer.transaction_with_behavior(TransactionBehavior::Immediate)?;
        {
            let mut active = transaction.prepare(
                "SELECT id, publisher, prefix FROM tokens WHERE revoked_at IS NULL ORDER BY id",
            )?;
            let mut rows = active.query([])?;
            while let Some(row) = rows.next()? {
                let (id, holder, existing): (i64, String, String) =
                    (row.get(0)?, row.get(1)?, row.get(2)?);
                let overlaps = existing.starts_with(prefix) || prefix.starts_with(&existing);
                if overlaps && holder != publisher {
                    return Err(StoreError::OverlappingPrefix {
                        prefix: prefix.to_owned(),
                        existing,
                        publisher: holder,
                        id,
                    });
                }
            }
        }
        transaction.execute(
            "INSERT INTO tokens (digest, publisher, prefix, created_at) VALUES (?1, ?2, ?3, ?4)",
            params![
                bytes_digest(secret.as_bytes()),
                publisher,
                prefix,
                created_at
            ],
        )?;
        let id = transaction.last_insert_rowid();
        transaction.commit()?;
        drop(writer);
        Ok(IssuedToken {
            secret,
            info: TokenInfo {
                id,
                publisher: publisher.to_owned(),
                prefix: prefix.to_owned(),
                created_at,
                revoked_at: None,
            },
        })
    }

    /// Looks up a presented secret.
    ///
    /// # Errors
    /// When the database fails.
    pub fn token(&self, secret: &str) -> Result<TokenState, StoreError> {
        let digest = bytes_digest(secret.as_bytes());
        let found = self.read(|c| {
            c.prepare_cached(
                "SELECT id, publisher, prefix, created_at, revoked_at FROM tokens WHERE digest = ?1",
            )?
            .query_row(params![digest], info)
            .optional()
        })?;
        Ok(match found {
            Some(info) if info.revoked_at.is_some() => TokenState::Revoked(info),
            Some(info) => TokenState::Active(info),
            None => TokenState::Unknown,
        })
    }

    /// Every token, newest last.
    ///
    /// # Errors
    /// When the database fails.
    pub fn tokens(&self) -> Result<Vec<TokenInfo>, StoreError> {
        self.read(|c| {
            let mut statement = c.prepare_cached(
                "SELECT id, publisher, prefix, created_at, revoked_at FROM tokens ORDER BY id",
            )?;
            let rows = statement.query_map([], info)?;
            rows.collect()
        })
    }

    /// Revokes a token by its number. Returns `false` when there is no such token.
    ///
    /// # Errors
    /// When the database fails.
    pub fn revoke_token(&self, id: i64) -> Result<bool, StoreError> {
        let writer = self.writer.lock().map_err(|_| StoreError::Poisoned)?;
        let changed = writer.execute(
            "UPDATE tokens SET revoked_at = COALESCE(revoked_at, ?2) WHERE id = ?1",
            params![id, now()],
        )?;
        Ok(changed > 0)
    }
}

fn info(row: &rusqlite::Row<'_>) -> rusqlite::Result<TokenInfo> {
    Ok(TokenInfo {
        id: row.get(0)?,
        publisher: row.get(1)?,
        prefix: row.get(2)?,
        created_at: row.get(3)?,
        revoked_at: row.get(4)?,
    })
}
