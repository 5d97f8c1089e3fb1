//! Reading pooled data for analysis: release packages, record packages, JSON Lines of releases
//! and harvest directories, in any mix, into one compiled release per process.
//!
//! Releases are streamed, never held whole: each is written as it is read into a temporary
//! SQLite file keyed by ocid and release id (so a release that arrives twice, say in a
//! harvest's `releases.jsonl` and its `records.json`, counts once), then each process's releases
//! are read back in order and compiled. Memory holds one document's release at a time and one
//! process's releases while they compile.

use std::collections::BTreeMap;
use std::fmt;
use std::io::{BufRead, BufReader, Read};
use std::path::PathBuf;

use pcds::json_lines::{JsonLinesError, Lines};
use rusqlite::{Connection, params};
use serde::de::{self, DeserializeSeed, IgnoredAny, MapAccess, SeqAccess, Visitor};
use serde_json::Value;

use crate::input::{self, Input, Limits};

/// The longest single line of JSON Lines, or single release, read: 64 MiB.
pub const MAX_RELEASE_BYTES: usize = 64 << 20;

/// How much of an input's first line is read to tell JSON Lines from one document: 4 MiB. A
/// JSON Lines input whose first release is longer is read as JSON Lines only under a `.jsonl`
/// or `.ndjson` name.
const SNIFF_BYTES: usize = 4 << 20;

/// Why pooled data could not be read.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum PoolError {
    /// An input could not be opened.
    #[error(transparent)]
    Input(#[from] input::InputError),
    /// An input is not JSON (or JSON Lines) at all.
    #[error(
        "PCDS-POOL-001: `{name}` is not JSON at {location}: {reason}; run `pcds validate` on it"
    )]
    Malformed {
        /// The input.
        name: String,
        /// Where, as `line L column C`.
        location: String,
        /// What the parser said.
        reason: String,
    },
    /// One line of JSON Lines is larger than [`MAX_RELEASE_BYTES`].
    #[error(
        "PCDS-POOL-002: line {line} of `{name}` is longer than {MAX_RELEASE_BYTES} bytes, more than any release"
    )]
    TooLong {
        /// The input.
        name: String,
        /// The line.
        line: u64,
    },
    /// The temporary store failed (for example the disk is full).
    #[error("PCDS-POOL-003: the temporary store of releases failed: {0}")]
    Store(String),
    /// An input is JSON but not a release package, record package, release or list of them.
    #[error(
        "PCDS-POOL-004: `{name}` is not a release or record package at {location}: {reason}; run `pcds validate` on it"
    )]
    NotAPackage {
        /// The input.
        name: String,
        /// Where, as `line L column C`.
        location: String,
        /// What was found instead.
        reason: String,
    },
}

impl From<rusqlite::Error> for PoolError {
    fn from(e: rusqlite::Error) -> Self {
        PoolError::Store(e.to_string())
    }
}

/// Releases grouped by process in a temporary SQLite file, removed when dropped.
pub struct Pooled {
    connection: Connection,
    path: PathBuf,
    /// What was left out while reading, and how many of each.
    pub excluded: BTreeMap<String, u64>,
    /// What the packages read say of themselves.
    pub packages: Packages,
    next: i64,
}

/// What the packages read say of themselves, kept so a compiler can say where its records came
/// from: the first of each kind's own fields (everything but its releases or records) and every
/// package's `uri`, once each.
#[derive(Debug, Default)]
pub struct Packages {
    /// The fields of the first release package read.
    pub first_release_package: Option<serde_json::Map<String, Value>>,
    /// The fields of the first record package read.
    pub first_record_package: Option<serde_json::Map<String, Value>>,
    /// The `uri` of every package read, in the order first read.
    pub uris: Vec<String>,
    seen: std::collections::HashSet<String>,
}

impl Packages {
    fn note(&mut self, fields: serde_json::Map<String, Value>, records: bool) {
        if let Some(uri) = fields.get("uri").and_then(Value::as_str)
            && self.seen.insert(uri.to_owned())
        {
            self.uris.push(uri.to_owned());
        }
        let first = if records {
            &mut self.first_record_package
        } else {
            &mut self.first_release_package
        };
        if first.is_none() {
            *first = Some(fields);
        }
    }
}

impl Drop for Pooled {
    fn drop(&mut self) {
        let _ = std::fs::remove_file(&self.path);
    }
}

/// What one JSON value in an input turned out to be.
enum Item {
    Release(Value),
    Record(Value),
}

impl Pooled {
    /// An empty pool in a fresh temporary file.
    ///
    /// # Errors
    /// When the temporary file cannot be made.
    pub fn new() -> Result<Self, PoolError> {
        let path = fresh_file()?;
        let connection = Connection::open(&path)?;
        connection.execute_batch(
            "PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF;
             CREATE TABLE release (ocid TEXT NOT NULL, date TEXT NOT NULL, seq INTEGER NOT NULL,
                 id TEXT NOT NULL, json BLOB NOT NULL, PRIMARY KEY (ocid, date, seq)) WITHOUT ROWID;
             CREATE UNIQUE INDEX release_id ON release (ocid, id);
             BEGIN;",
        )?;
        Ok(Pooled {
            connection,
            path,
            excluded: BTreeMap::new(),
            packages: Packages::default(),
            next: 0,
        })
    }

    fn exclude(&mut self, reason: &str) {
        *self.excluded.entry(reason.to_owned()).or_default() += 1;
    }

    fn store(&mut self, release: &Value) -> Result<(), PoolError> {
        let (Some(ocid), Some(id), Some(date)) = (
            release.get("ocid").and_then(Value::as_str),
            release.get("id").and_then(Value::as_str),
            release.get("date").and_then(Value::as_str),
        ) else {
            self.exclude("releases without an ocid, id or date");
            return Ok(());
        };
        let json = serde_json::to_vec(release).map_err(|e| PoolError::Store(e.to_string()))?;
        let seq = self.next;
        self.next += 1;
        let added = self.connection.execute(
            "INSERT OR IGNORE INTO release (ocid, id, date, seq, json) VALUES (?1, ?2, ?3, ?4, ?5)",
            params![ocid, id, date, seq, json],
        )?;
        if added == 0 {
            self.exclude("releases read twice (counted once)");
        }
        Ok(())
    }

    fn take(&mut self, item: Item) -> Result<(), PoolError> {
        match item {
            Item::Release(release) => self.store(&release),
            Item::Record(mut record) => {
                let mut embedded = 0;
                if let Some(Value::Array(releases)) = record.get_mut("releases").map(Value::take) {
                    for release in releases.iter().filter(|r| r.get("ocid").is_some()) {
                        self.store(release)?;
                        embedded += 1;
                    }
                }
                if embedded == 0 {
                    // Linked releases only: the compiled release stands for them.
                    match record.get_mut("compiledRelease").map(Value::take) {
                        Some(mut compiled) if compiled.is_object() => {
                            compiled["id"] = Value::String("compiled".into());
                            self.store(&compiled)?;
                        }
                        _ => self.exclude(
                            "records with neither embedded releases nor a compiled release",
                        ),
                    }
                }
                Ok(())
            }
        }
    }

    /// Reads one input: a JSON document (a release or record package, or one release), or JSON
    /// Lines (by its `.jsonl` or `.ndjson` name, or by a first line that is a whole JSON value). Harvest bookkeeping (`state.json`,
    /// `rejected.jsonl`) is recognised and left out, and said so.
    ///
    /// `progress` is told how many bytes each read brought in. Returns how many releases the
    /// input held (a release read twice counts each time), so a caller can refuse an input
    /// that held none; harvest bookkeeping gives `None`.
    ///
    /// # Errors
    /// When the input cannot be read or is not JSON.
    pub fn read(&mut self, item: &Input, progress: &dyn Fn(u64)) -> Result<Option<i64>, PoolError> {
        let name = item.name();
        let file_name = match item {
            Input::File(path) => path
                .file_name()
                .and_then(|n| n.to_str())
                .unwrap_or_default()
                .to_owned(),
            _ => String::new(),
        };
        if file_name == "state.json" {
            self.exclude("harvest state files (state.json)");
            return Ok(None);
        }
        let opened = input::open(item, &Limits::default())?;
        let counter = Counting {
            inner: opened.reader,
            progress,
        };
        let before = self.next;
        if file_name == "rejected.jsonl" {
            self.read_lines(counter, &name, true)?;
            return Ok(None);
        }
        if file_name.ends_with(".jsonl") || file_name.ends_with(".ndjson") {
            self.read_lines(counter, &name, false)?;
            return Ok(Some(self.next - before));
        }
        // Any other name (and standard input, and a URL) may hold JSON Lines too: it does when
        // its first line is a whole JSON object by itself, of at most SNIFF_BYTES. A
        // pretty-printed document's first line is not; a minified one is a single line, which
        // reads the same either way.
        let mut reader = BufReader::with_capacity(1 << 16, counter);
        let mut first = Vec::new();
        (&mut reader)
            .take(SNIFF_BYTES as u64 + 1)
            .read_until(b'\n', &mut first)
            .map_err(|e| PoolError::Malformed {
                name: name.clone(),
                location: "line 1".into(),
                reason: e.to_string(),
            })?;
        let lines = first.len() <= SNIFF_BYTES
            && matches!(
                serde_json::from_slice::<Value>(&first),
                Ok(Value::Object(_))
            );
        let whole = std::io::Cursor::new(first).chain(reader);
        if lines {
            self.read_lines(whole, &name, false)?;
        } else {
            self.read_document(whole, &name)?;
        }
        Ok(Some(self.next - before))
    }

    fn read_lines(
        &mut self,
        reader: impl Read,
        name: &str,
        refused: bool,
    ) -> Result<(), PoolError> {
        let reader = BufReader::with_capacity(1 << 16, reader);
        for (number, line) in Lines::new(reader, MAX_RELEASE_BYTES).enumerate() {
            let line = line.map_err(|e| match e {
                JsonLinesError::TooLong { line, .. } => PoolError::TooLong {
                    name: name.to_owned(),
                    line: line as u64,
                },
                other => PoolError::Malformed {
                    name: name.to_owned(),
                    location: format!("line {}", other.line()),
                    reason: other.to_string(),
                },
            })?;
            if refused {
                self.exclude("items a harvest refused (rejected.jsonl)");
                continue;
            }
            let value: Value = line.parse().map_err(|e| PoolError::Malformed {
                name: name.to_owned(),
                location: match &e {
                    JsonLinesError::NotJson { line, column, .. } => {
                        format!("line {line} column {column}")
                    }
                    other => format!("line {}", other.line()),
                },
                reason: match e {
                    JsonLinesError::NotJson { source, .. } => source.to_string(),
                    other => other.to_string(),
                },
            })?;
            self.take_value(value, name, &format!("line {}", number + 1))?;
        }
        Ok(())
    }

    /// Takes one whole JSON value: a package, a record or a release. `name` and `location` say
    /// where it was read, for the error when its list of releases or records is not a list.
    fn take_value(
        &mut self,
        mut value: Value,
        name: &str,
        location: &str,
    ) -> Result<(), PoolError> {
        for list in ["releases", "records"] {
            if value.get(list).is_some_and(|l| !l.is_array()) {
                return Err(PoolError::NotAPackage {
                    name: name.to_owned(),
                    location: location.to_owned(),
                    reason: format!("its `{list}` is not a list"),
                });
            }
        }
        if let Some(Value::Array(releases)) = value.get_mut("releases").map(Value::take) {
            self.note_package(value, false);
            for release in releases {
                self.take(Item::Release(release))?;
            }
        } else if let Some(Value::Array(records)) = value.get_mut("records").map(Value::take) {
            self.note_package(value, true);
            for record in records {
                self.take(Item::Record(record))?;
            }
        } else if value.get("ocid").is_some() {
            self.take(Item::Release(value))?;
        } else {
            self.exclude("JSON values holding no release or record");
        }
        Ok(())
    }

    fn note_package(&mut self, mut package: Value, records: bool) {
        if let Value::Object(fields) = &mut package {
            fields.remove("releases");
            fields.remove("records");
            self.packages.note(std::mem::take(fields), records);
        }
    }

    fn read_document(&mut self, reader: impl Read, name: &str) -> Result<(), PoolError> {
        let mut de = serde_json::Deserializer::from_reader(reader);
        let mut failure = None;
        let outcome = DocumentSeed {
            pool: self,
            failure: &mut failure,
            name,
        }
        .deserialize(&mut de)
        .and_then(|()| de.end());
        if let Some(error) = failure {
            return Err(error);
        }
        outcome.map_err(|e| {
            let location = format!("line {} column {}", e.line(), e.column());
            let reason = e.to_string();
            let name = name.to_owned();
            if e.classify() == serde_json::error::Category::Data {
                PoolError::NotAPackage {
                    name,
                    location,
                    reason,
                }
            } else {
                PoolError::Malformed {
                    name,
                    location,
                    reason,
                }
            }
        })
    }

    /// Whether no release was pooled: one look at the store, not a count of it.
    ///
    /// # Errors
    /// When the store fails.
    pub fn is_empty(&self) -> Result<bool, PoolError> {
        Ok(!self
            .connection
            .query_row("SELECT EXISTS (SELECT 1 FROM release)", [], |r| {
                r.get::<_, bool>(0)
            })?)
    }

    /// The number of processes pooled.
    ///
    /// # Errors
    /// When the store fails.
    pub fn processes(&self) -> Result<u64, PoolError> {
        Ok(self
            .connection
            .query_row("SELECT COUNT(DISTINCT ocid) FROM release", [], |r| {
                r.get::<_, i64>(0)
            })?
            .try_into()
            .unwrap_or(0))
    }

    /// Calls `each` with every process's releases, oldest first (input order for equal dates),
    /// one process at a time.
    ///
    /// # Errors
    /// When the store fails or `each` does.
    pub fn for_each_process(
        &mut self,
        mut each: impl FnMut(&str, Vec<Value>) -> Result<(), PoolError>,
    ) -> Result<(), PoolError> {
        self.for_each_process_text(|ocid, texts| {
            let releases = texts
                .iter()
                .map(|json| serde_json::from_slice(json))
                .collect::<Result<Vec<Value>, _>>()
                .map_err(|e| PoolError::Store(e.to_string()))?;
            each(ocid, releases)
        })
    }

    /// As [`Pooled::for_each_process`], with each release as the JSON text stored, so the
    /// caller may parse it on another thread.
    ///
    /// # Errors
    /// When the store fails or `each` does.
    pub fn for_each_process_text(
        &mut self,
        mut each: impl FnMut(&str, Vec<Vec<u8>>) -> Result<(), PoolError>,
    ) -> Result<(), PoolError> {
        self.connection.execute_batch("COMMIT;")?;
        let mut statement = self
            .connection
            .prepare("SELECT ocid, json FROM release ORDER BY ocid, date, seq")?;
        let mut rows = statement.query([])?;
        let mut current: Option<String> = None;
        let mut releases = Vec::new();
        while let Some(row) = rows.next()? {
            let ocid: String = row.get(0)?;
            let json: Vec<u8> = row.get(1)?;
            if current.as_deref() != Some(ocid.as_str()) {
                if let Some(done) = current.take() {
                    each(&done, std::mem::take(&mut releases))?;
                }
                current = Some(ocid);
            }
            releases.push(json);
        }
        if let Some(done) = current {
            each(&done, releases)?;
        }
        Ok(())
    }
}

/// A new, empty file in the temporary directory, made here (so no file or link someone else
/// left at the path is used), under a name no other run uses at the same time.
fn fresh_file() -> Result<PathBuf, PoolError> {
    static NEXT: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);
    let mut last = None;
    for _ in 0..16 {
        let n = NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        let nanos = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.subsec_nanos());
        let path = std::env::temp_dir().join(format!(
            "pcds-analyse-{}-{nanos}-{n}.sqlite",
            std::process::id()
        ));
        match std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&path)
        {
            Ok(_) => return Ok(path),
            Err(e) => last = Some(format!("cannot create `{}`: {e}", path.display())),
        }
    }
    Err(PoolError::Store(last.unwrap_or_default()))
}

/// Reports the bytes read through it.
struct Counting<'a> {
    inner: Box<dyn Read>,
    progress: &'a dyn Fn(u64),
}

impl Read for Counting<'_> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        (self.progress)(n as u64);
        Ok(n)
    }
}

/// Streams one JSON document: each entry of `releases` or `records` is handed to the pool as it
/// is read; any other field is kept only to recognise a lone release.
struct DocumentSeed<'a> {
    pool: &'a mut Pooled,
    failure: &'a mut Option<PoolError>,
    name: &'a str,
}

impl<'de> DeserializeSeed<'de> for DocumentSeed<'_> {
    type Value = ();

    fn deserialize<D: de::Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
        deserializer.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for DocumentSeed<'_> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a PCDS release package, record package or release")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        let mut rest = serde_json::Map::new();
        let mut listed = None;
        while let Some(key) = map.next_key::<String>()? {
            match key.as_str() {
                "releases" | "records" if listed.is_none() => {
                    let records = key == "records";
                    listed = Some(records);
                    map.next_value_seed(ListSeed {
                        pool: self.pool,
                        failure: self.failure,
                        records,
                    })?;
                }
                "releases" | "records" => {
                    map.next_value::<IgnoredAny>()?;
                }
                _ => {
                    let value: Value = map.next_value()?;
                    rest.insert(key, value);
                }
            }
        }
        if let Some(records) = listed {
            self.pool.packages.note(rest, records);
        } else {
            let value = Value::Object(rest);
            if let Err(e) = self.pool.take_value(value, self.name, "its top level") {
                *self.failure = Some(e);
                return Err(de::Error::custom("the pool could not keep a release"));
            }
        }
        Ok(())
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        // A bare array of releases.
        let mut index = 0;
        while let Some(value) = seq.next_element::<Value>()? {
            let location = format!("item {index} of its list");
            index += 1;
            if let Err(e) = self.pool.take_value(value, self.name, &location) {
                *self.failure = Some(e);
                return Err(de::Error::custom("the pool could not keep a release"));
            }
        }
        Ok(())
    }
}

struct ListSeed<'a> {
    pool: &'a mut Pooled,
    failure: &'a mut Option<PoolError>,
    records: bool,
}

impl<'de> DeserializeSeed<'de> for ListSeed<'_> {
    type Value = ();

    fn deserialize<D: de::Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
        deserializer.deserialize_seq(self)
    }
}

impl<'de> Visitor<'de> for ListSeed<'_> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a list of releases or records")
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        while let Some(value) = seq.next_element::<Value>()? {
            let item = if self.records {
                Item::Record(value)
            } else {
                Item::Release(value)
            };
            if let Err(e) = self.pool.take(item) {
                *self.failure = Some(e);
                return Err(de::Error::custom("the pool could not keep a release"));
            }
        }
        Ok(())
    }
}
