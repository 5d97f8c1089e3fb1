//! `pcds harvest`: follows a publisher's feed into a local pool, incrementally. Each source
//! gets a directory holding `releases.jsonl` (every valid release, in feed order),
//! `rejected.jsonl` (items that failed validation, with the errors), `records.json` (a record
//! package compiled from the releases) and `state.json` (where to resume).
//!
//! Resuming never repeats or loses an item: the state records the feed position and the
//! length of the output files after the last complete page, and a new run cuts the files back
//! to those lengths before it continues, so a run killed half-way through a page leaves no
//! trace of it.
//!
//! A `deleted` item (a release its publisher withdrew) removes the harvested copy: at the end
//! of the run the files are rewritten without it, once however many there were, and the
//! records compiled again. The withdrawals are saved in the state with each page, so a run
//! stopped before the rewrite does it first when it resumes, and the withdrawn text does not
//! outlive the run that met its withdrawal.

use std::collections::BTreeMap;
use std::collections::BTreeSet;
use std::fs::{File, OpenOptions};
use std::io::{BufReader, Read, Write};
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};
use serde_json::{Value, json};

use pcds::codelists::PublicationLevel;
use pcds::feed::{Discovery, FeedPage, ItemState};
use pcds::json_lines::{JsonLinesError, Lines};
use pcds_conformance::feed::ReleaseChecker;

use super::check::ValidatorChecker;
use super::http::json_answer;
use super::{FeedError, HttpClient};

/// Limits on one harvest run.
#[derive(Debug, Clone, Copy)]
pub struct HarvestOptions {
    /// The most pages fetched from one source in one run; the next run resumes after them.
    pub max_pages: usize,
}

/// How far a harvest has got, for a progress display.
#[derive(Debug, Clone, Default)]
pub struct HarvestProgress {
    /// The source being harvested.
    pub source: String,
    /// Pages fetched in this run.
    pub pages: usize,
    /// Releases added in this run.
    pub releases: usize,
}

/// What one source's harvest did.
#[derive(Debug, Clone, Default)]
pub struct Harvested {
    /// The source's URL.
    pub source: String,
    /// Its directory in the pool.
    pub dir: PathBuf,
    /// Pages fetched in this run.
    pub pages: usize,
    /// Valid releases added in this run.
    pub added: usize,
    /// Items refused in this run because they are not valid.
    pub rejected: usize,
    /// Releases withdrawn by their publisher whose harvested copies this run deleted.
    pub withdrawn: usize,
    /// The first refused items of this run (at most [`REFUSALS_SHOWN`]): each item's ocid and
    /// the codes of its errors.
    pub refusals: Vec<(String, Vec<String>)>,
    /// Valid releases held for this source, in all.
    pub releases: usize,
    /// Records compiled.
    pub records: usize,
    /// Whether the run stopped at the page limit with more to fetch.
    pub more: bool,
}

/// How many refused items a run names; all are counted, and all are in `rejected.jsonl`.
pub const REFUSALS_SHOWN: usize = 10;

/// Where a source's harvest stands.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
struct State {
    source: String,
    next: String,
    last_modified: i64,
    last_id: String,
    releases_bytes: u64,
    rejected_bytes: u64,
    releases: usize,
    publication_level: String,
    name: String,
    /// The item ids of withdrawn releases still to delete from the files: set before the
    /// files are rewritten, cleared after.
    #[serde(default, skip_serializing_if = "BTreeSet::is_empty")]
    withdrawals: BTreeSet<String>,
}

/// The package metadata of what a harvest holds, from the `state.json` it keeps: the source
/// as the URI, the publisher's name and publication level as its discovery document gave
/// them, and now as the publication date. `None` when `state` is not a harvest's state file.
#[must_use]
pub fn pool_metadata(state: &Path) -> Option<pcds::PackageMetadata> {
    let state: State = serde_json::from_slice(&std::fs::read(state).ok()?).ok()?;
    let level =
        <PublicationLevel as pcds::codelist::Codelist>::from_code(&state.publication_level)?;
    let now = chrono::SubsecRound::trunc_subsecs(chrono::Utc::now().fixed_offset(), 0);
    Some(pcds::PackageMetadata::new(
        state.source,
        state.name,
        level,
        pcds::DateTime(now),
    ))
}

/// The pool directory of a source: its URL without the scheme, with anything but letters,
/// digits, `.`, `-` and `_` written as `_`.
fn source_dir(out: &Path, source: &str) -> PathBuf {
    let bare = source
        .split_once("://")
        .map_or(source, |(_, rest)| rest)
        .trim_end_matches('/');
    let name: String = bare
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || "-_.".contains(c) {
                c
            } else {
                '_'
            }
        })
        .collect();
    out.join(name.trim_start_matches('.'))
}

fn io(path: &Path) -> impl Fn(std::io::Error) -> FeedError + '_ {
    move |source| FeedError::Io {
        path: path.to_owned(),
        source,
    }
}

/// Opens an output file for appending, cut back to `length` bytes.
fn append_at(path: &Path, length: u64) -> Result<File, FeedError> {
    let file = OpenOptions::new()
        .create(true)
        .append(true)
        .open(path)
        .map_err(io(path))?;
    file.set_len(length).map_err(io(path))?;
    Ok(file)
}

fn save_state(path: &Path, state: &State) -> Result<(), FeedError> {
    let partial = path.with_extension("partial");
    let text = serde_json::to_vec_pretty(state).unwrap_or_default();
    std::fs::write(&partial, text).map_err(io(&partial))?;
    std::fs::rename(&partial, path).map_err(io(path))
}

/// Harvests one source into `out`, resuming from its saved state.
///
/// # Errors
/// When the source cannot be reached, does not follow the feed protocol, or files cannot be
/// written. Everything harvested before the failure is kept, and the next run resumes there.
pub fn harvest(
    client: &HttpClient,
    checker: &ValidatorChecker,
    source: &str,
    out: &Path,
    options: HarvestOptions,
    progress: &mut dyn FnMut(&HarvestProgress),
) -> Result<Harvested, FeedError> {
    let dir = source_dir(out, source);
    std::fs::create_dir_all(&dir).map_err(io(&dir))?;
    let state_path = dir.join("state.json");
    let mut state = match std::fs::read(&state_path) {
        Ok(bytes) => serde_json::from_slice::<State>(&bytes).map_err(|e| {
            FeedError::Input(format!(
                "`{}` is damaged ({e}); remove the directory to harvest the source afresh",
                state_path.display()
            ))
        })?,
        Err(_) => start(client, source)?,
    };
    if state.source != source {
        return Err(FeedError::Input(format!(
            "`{}` belongs to `{}`, not `{source}`",
            dir.display(),
            state.source
        )));
    }
    let releases_path = dir.join("releases.jsonl");
    let rejected_path = dir.join("rejected.jsonl");
    let mut harvested = Harvested {
        source: source.to_owned(),
        dir: dir.clone(),
        ..Harvested::default()
    };
    // A run that stopped between saving withdrawals and rewriting the files finishes first.
    if !state.withdrawals.is_empty() {
        harvested.withdrawn += delete_withdrawn(&dir, &mut state)?;
        save_state(&state_path, &state)?;
    }
    let mut releases = append_at(&releases_path, state.releases_bytes)?;
    let mut rejected = append_at(&rejected_path, state.rejected_bytes)?;
    // Items are judged in the context of their process: what the releases harvested before
    // declared, on an earlier run as well as earlier in this one.
    remember_all(checker, &releases_path, state.releases_bytes)?;
    let mut shown = HarvestProgress {
        source: source.to_owned(),
        ..HarvestProgress::default()
    };
    loop {
        if harvested.pages >= options.max_pages {
            harvested.more = true;
            break;
        }
        let current = state.next.clone();
        let page = json_answer(&current, &client.fetch(&current, &[])?)?;
        let page: FeedPage = serde_json::from_value(page).map_err(|e| FeedError::Protocol {
            url: current.clone(),
            reason: format!(
                "not a feed page ({e}): a page needs `items`, each with `state`, `kind`, a string `id`, an integer `modified` and `data`, and a `next` link"
            ),
        })?;
        let next = page.next.as_str();
        harvested.pages += 1;
        for item in &page.items {
            let (id, modified) = (item.id.as_str(), item.modified);
            // Items at or before the position already held were harvested before.
            if (modified, id) <= (state.last_modified, state.last_id.as_str()) {
                continue;
            }
            if item.state == ItemState::Deleted {
                state.withdrawals.insert(id.to_owned());
                state.last_modified = modified;
                state.last_id = id.to_owned();
                continue;
            }
            let Some(data) = &item.data else {
                return Err(FeedError::Protocol {
                    url: current,
                    reason: format!("the item `{id}` has no `data`"),
                });
            };
            let errors = checker.errors(data, &state.publication_level);
            let (file, path, bytes) = if errors.is_empty() {
                harvested.added += 1;
                state.releases += 1;
                (&mut releases, &releases_path, &mut state.releases_bytes)
            } else {
                harvested.rejected += 1;
                if harvested.refusals.len() < REFUSALS_SHOWN {
                    let ocid = data["ocid"].as_str().unwrap_or("(no ocid)").to_owned();
                    let mut codes: Vec<String> = errors
                        .iter()
                        .filter_map(|e| e.split_whitespace().next().map(str::to_owned))
                        .collect();
                    codes.dedup();
                    harvested.refusals.push((ocid, codes));
                }
                (&mut rejected, &rejected_path, &mut state.rejected_bytes)
            };
            let mut line = if errors.is_empty() {
                serde_json::to_vec(data)
            } else {
                serde_json::to_vec(
                    &json!({"id": id, "modified": modified, "errors": errors, "data": data}),
                )
            }
            .unwrap_or_default();
            line.push(b'\n');
            file.write_all(&line).map_err(io(path))?;
            *bytes += line.len() as u64;
            state.last_modified = modified;
            state.last_id = id.to_owned();
        }
        releases.sync_data().map_err(io(&releases_path))?;
        rejected.sync_data().map_err(io(&rejected_path))?;
        let done = page.items.is_empty();
        if !done && next == current {
            return Err(FeedError::Protocol {
                url: current,
                reason: "a page with items names itself as `next`".into(),
            });
        }
        state.next = next.to_owned();
        save_state(&state_path, &state)?;
        shown.pages = harvested.pages;
        shown.releases = harvested.added;
        progress(&shown);
        if done {
            break;
        }
    }
    // The withdrawals met on the way are in the saved state; the files are rewritten once,
    // at the end of the run, however many pages held one.
    drop((releases, rejected));
    if !state.withdrawals.is_empty() {
        harvested.withdrawn += delete_withdrawn(&dir, &mut state)?;
        save_state(&state_path, &state)?;
    }
    harvested.releases = state.releases;
    harvested.records = write_records(&dir, &state, &releases_path)?;
    Ok(harvested)
}

/// Adds every release harvested so far to the context later items are judged in.
fn remember_all(
    checker: &ValidatorChecker,
    releases_path: &Path,
    bytes: u64,
) -> Result<(), FeedError> {
    if bytes == 0 {
        return Ok(());
    }
    let held = File::open(releases_path).map_err(io(releases_path))?;
    for line in Lines::new(
        BufReader::new(held.take(bytes)),
        crate::pool::MAX_RELEASE_BYTES,
    ) {
        let release: Value = line.and_then(|line| line.parse()).map_err(|e| {
            FeedError::Input(format!("`{}` is damaged: {e}", releases_path.display()))
        })?;
        checker.remember(&release);
    }
    Ok(())
}

/// Rewrites `releases.jsonl` and `rejected.jsonl` without the releases named in
/// `state.withdrawals` (by feed item id), clears that list and records the files' new
/// lengths; returns how many lines were deleted. Only the lengths the state records are read,
/// so a page half-written by a run that was stopped is dropped, to be fetched again. Lines
/// kept are copied byte for byte. Each file is written beside and renamed over the old one,
/// so it is whole at every moment.
fn delete_withdrawn(dir: &Path, state: &mut State) -> Result<usize, FeedError> {
    let mut deleted = 0;
    let lengths = [state.releases_bytes, state.rejected_bytes];
    for ((name, is_release), length) in [("releases.jsonl", true), ("rejected.jsonl", false)]
        .into_iter()
        .zip(lengths)
    {
        let path = dir.join(name);
        let file = match File::open(&path) {
            Ok(file) => file,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => continue,
            Err(e) => return Err(io(&path)(e)),
        };
        let partial = path.with_extension("partial");
        let mut kept = Vec::new();
        let mut kept_lines = 0;
        for line in Lines::new(
            BufReader::new(file.take(length)),
            crate::pool::MAX_RELEASE_BYTES,
        ) {
            let line = line
                .map_err(|e| FeedError::Input(format!("`{}` is damaged: {e}", path.display())))?;
            let value: Value = line
                .parse()
                .map_err(|e| FeedError::Input(format!("`{}` is damaged: {e}", path.display())))?;
            let item = if is_release {
                pcds::feed::FeedItem::id_of(
                    value["ocid"].as_str().unwrap_or_default(),
                    value["id"].as_str().unwrap_or_default(),
                )
            } else {
                value["id"].as_str().unwrap_or_default().to_owned()
            };
            if state.withdrawals.contains(&item) {
                deleted += 1;
            } else {
                kept.extend_from_slice(&line.bytes);
                kept.push(b'\n');
                kept_lines += 1;
            }
        }
        let mut out = File::create(&partial).map_err(io(&partial))?;
        out.write_all(&kept).map_err(io(&partial))?;
        out.sync_data().map_err(io(&partial))?;
        std::fs::rename(&partial, &path).map_err(io(&path))?;
        let length = kept.len() as u64;
        if is_release {
            state.releases_bytes = length;
            state.releases = kept_lines;
        } else {
            state.rejected_bytes = length;
        }
    }
    state.withdrawals.clear();
    Ok(deleted)
}

/// A first run: reads the discovery document for the feed's start and the publication level.
fn start(client: &HttpClient, source: &str) -> Result<State, FeedError> {
    let discovery = json_answer(source, &client.fetch(source, &[])?)?;
    let discovery: Discovery =
        serde_json::from_value(discovery).map_err(|e| FeedError::Protocol {
            url: source.to_owned(),
            reason: format!(
                "not a discovery document ({e}): it needs `pcdsVersion`, `publicationLevel` and `links.feed`"
            ),
        })?;
    let level = pcds::codelist::Codelist::code(&discovery.publication_level).to_owned();
    Ok(State {
        source: source.to_owned(),
        next: discovery.links.feed.clone(),
        last_modified: i64::MIN,
        last_id: String::new(),
        releases_bytes: 0,
        rejected_bytes: 0,
        releases: 0,
        publication_level: level,
        name: if discovery.name.is_empty() {
            source.to_owned()
        } else {
            discovery.name.clone()
        },
        withdrawals: BTreeSet::new(),
    })
}

/// Compiles every process's record from the harvested releases into `records.json`.
fn write_records(dir: &Path, state: &State, releases_path: &Path) -> Result<usize, FeedError> {
    let file = File::open(releases_path).map_err(io(releases_path))?;
    let mut processes: BTreeMap<String, Vec<Value>> = BTreeMap::new();
    let damaged = |e: JsonLinesError| {
        FeedError::Input(format!("`{}` is damaged: {e}", releases_path.display()))
    };
    for line in Lines::new(BufReader::new(file), crate::pool::MAX_RELEASE_BYTES) {
        let release: Value = line.and_then(|line| line.parse()).map_err(damaged)?;
        let ocid = release["ocid"].as_str().unwrap_or_default().to_owned();
        processes.entry(ocid).or_default().push(release);
    }
    let mut records = Vec::with_capacity(processes.len());
    for (ocid, releases) in processes {
        let record = pcds::record(&releases)
            .map_err(|e| FeedError::Input(format!("cannot compile the record of `{ocid}`: {e}")))?;
        records.push(record);
    }
    let count = records.len();
    let path = dir.join("records.json");
    let level = <PublicationLevel as pcds::codelist::Codelist>::from_code(&state.publication_level)
        .ok_or_else(|| {
            FeedError::Input(format!(
                "`{}` names the publication level `{}`, which PCDS does not define",
                state.source, state.publication_level
            ))
        })?;
    let now = chrono::SubsecRound::trunc_subsecs(chrono::Utc::now().fixed_offset(), 0);
    let metadata =
        pcds::PackageMetadata::new(&state.source, &state.name, level, pcds::DateTime(now));
    let package = pcds::RecordPackage::new(metadata, Vec::new(), records);
    if count == 0 {
        // Nothing is left (every release withdrawn, say): no records file keeps their text.
        match std::fs::remove_file(&path) {
            Err(e) if e.kind() != std::io::ErrorKind::NotFound => return Err(io(&path)(e)),
            _ => {}
        }
    } else {
        let partial = path.with_extension("partial");
        std::fs::write(
            &partial,
            serde_json::to_vec_pretty(&package).unwrap_or_default(),
        )
        .map_err(io(&partial))?;
        std::fs::rename(&partial, &path).map_err(io(&path))?;
    }
    Ok(count)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn state_withdrawing(ids: &[&str]) -> State {
        State {
            source: "http://127.0.0.1:1/".into(),
            next: "http://127.0.0.1:1/feed/0.json".into(),
            last_modified: 9,
            last_id: "o/z".into(),
            releases_bytes: 0,
            rejected_bytes: 0,
            releases: 0,
            publication_level: "open".into(),
            name: "Test".into(),
            withdrawals: ids.iter().map(|s| (*s).to_owned()).collect(),
        }
    }

    #[test]
    fn withdrawn_releases_are_deleted_from_both_files_and_a_repeat_changes_nothing() {
        let dir = std::env::temp_dir().join(format!("pcds-harvest-delete-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).expect("creates");
        let kept_a = r#"{"ocid":"o","id":"a", "spacing":"kept as it was"}"#;
        let kept_c = r#"{"ocid":"o","id":"c"}"#;
        std::fs::write(
            dir.join("releases.jsonl"),
            format!("{kept_a}\n{{\"ocid\":\"o\",\"id\":\"b\",\"note\":\"secret\"}}\n{kept_c}\n"),
        )
        .expect("writes");
        std::fs::write(
            dir.join("rejected.jsonl"),
            "{\"id\":\"o/r\",\"modified\":4,\"errors\":[],\"data\":{\"note\":\"secret\"}}\n",
        )
        .expect("writes");
        let mut state = state_withdrawing(&["o/b", "o/r", "o/never-held"]);
        state.releases_bytes = std::fs::metadata(dir.join("releases.jsonl"))
            .expect("a file")
            .len();
        state.rejected_bytes = std::fs::metadata(dir.join("rejected.jsonl"))
            .expect("a file")
            .len();
        // A page half-written by a stopped run, past the saved length, is dropped.
        let mut tail = OpenOptions::new()
            .append(true)
            .open(dir.join("releases.jsonl"))
            .expect("opens");
        tail.write_all(b"{\"ocid\":\"o\",\"id\":\"half")
            .expect("writes");
        drop(tail);
        assert_eq!(delete_withdrawn(&dir, &mut state).expect("rewrites"), 2);
        let releases = std::fs::read_to_string(dir.join("releases.jsonl")).expect("reads");
        assert_eq!(
            releases,
            format!("{kept_a}\n{kept_c}\n"),
            "kept lines are copied byte for byte"
        );
        assert_eq!(
            std::fs::read(dir.join("rejected.jsonl")).expect("reads"),
            b""
        );
        assert_eq!(state.releases_bytes, releases.len() as u64);
        assert_eq!((state.releases, state.rejected_bytes), (2, 0));
        assert!(state.withdrawals.is_empty());
        assert!(!dir.join("releases.partial").exists());

        // A run stopped after saving its withdrawals but before clearing them redoes the
        // rewrite on resuming: nothing more is deleted, nothing kept is lost.
        let mut resumed = state_withdrawing(&["o/b", "o/r"]);
        resumed.releases_bytes = state.releases_bytes;
        assert_eq!(delete_withdrawn(&dir, &mut resumed).expect("rewrites"), 0);
        assert_eq!(
            std::fs::read_to_string(dir.join("releases.jsonl")).expect("reads"),
            releases
        );
        assert_eq!(resumed.releases, 2);
        let _ = std::fs::remove_dir_all(&dir);
    }

    #[test]
    fn sources_get_safe_distinct_directories() {
        let out = Path::new("pool");
        assert_eq!(
            source_dir(out, "http://127.0.0.1:8080/"),
            out.join("127.0.0.1_8080")
        );
        assert_eq!(
            source_dir(out, "https://data.example.org/pcds/index.json"),
            out.join("data.example.org_pcds_index.json")
        );
        assert_eq!(source_dir(out, "https://../../etc"), out.join("_.._etc"));
    }
}
