//! `pcds compile`: release packages (and JSON Lines, record packages, harvested pools) in, a
//! record package out, by the OCDS merge rules.
//!
//! Compiling streams in bounded memory: every release is written as it is read into the
//! pool's temporary SQLite file, then each process's releases are read back, compiled and
//! written out, record by record, with one worker per core making records while the main thread
//! writes them in ocid order. Memory holds the releases of the processes in flight, never the
//! whole input or output.

use std::collections::BTreeMap;
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};
use std::sync::mpsc::{Receiver, SyncSender, sync_channel};
use std::sync::{Arc, Mutex};

use pcds::compile::{RecordPackageWriter, record_text};

use super::{EXIT_OK, write_error};
use crate::input;
use crate::pool::{PoolError, Pooled};

/// How many processes wait in each queue between the reader, the workers and the writer.
const QUEUED: usize = 16;

/// What the workers stop with when the writer has gone.
const STOPPED: &str = "stopped";

pub fn run(
    inputs: &[String],
    output: Option<&PathBuf>,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> Result<i32, String> {
    let items = input::expand(inputs).map_err(|e| e.to_string())?;
    let mut pool = Pooled::new().map_err(|e| e.to_string())?;
    let mut harvested = None;
    for item in &items {
        if let input::Input::File(path) = item
            && path.file_name().is_some_and(|n| n == "state.json")
            && harvested.is_none()
        {
            harvested = crate::feed::pool_metadata(path);
        }
        pool.read(item, &|_| {}).map_err(|e| e.to_string())?;
    }
    for (reason, count) in &pool.excluded {
        let _ = writeln!(err, "note: left out {count} {reason}");
    }
    if pool.is_empty().map_err(|e| e.to_string())? {
        return Err("the inputs hold no releases to compile".into());
    }
    let header = header(&mut pool, harvested)?;
    match output {
        Some(path) => write_file(path, &header, &mut pool),
        None => write_records(BufWriter::new(out), &header, &mut pool).map(drop),
    }?;
    Ok(EXIT_OK)
}

/// The record package's own fields: those of the first release package read, else of the
/// first record package, else of the first harvest's `state.json`.
fn header(
    pool: &mut Pooled,
    harvested: Option<pcds::PackageMetadata>,
) -> Result<pcds::RecordPackage, String> {
    let uris = std::mem::take(&mut pool.packages.uris);
    let fields = pool
        .packages
        .first_release_package
        .take()
        .or_else(|| pool.packages.first_record_package.take());
    match (fields, harvested) {
        (Some(fields), _) => pcds::compile::record_package_header(fields, uris).map_err(|e| {
            let reason = match e {
                pcds::CompileError::NotAPackage { reason, .. } => reason,
                other => other.to_string(),
            };
            format!("the first package read has no usable metadata: {reason}; run `pcds validate` on it")
        }),
        (None, Some(metadata)) => Ok(pcds::RecordPackage::new(metadata, uris, Vec::new())),
        (None, None) => Err(
            "JSON Lines of releases carry no package metadata: compile them with a release package, or a harvested directory (its state.json names the publisher)".into(),
        ),
    }
}

/// Writes the package to a file beside `path`, and moves it into place only when whole, so a
/// failed compile leaves no half-written package (and an earlier one stays as it was).
fn write_file(path: &Path, header: &pcds::RecordPackage, pool: &mut Pooled) -> Result<(), String> {
    let name = path
        .file_name()
        .and_then(|n| n.to_str())
        .unwrap_or("records.json");
    let partial = path.with_file_name(format!(".{name}.{}.partial", std::process::id()));
    let cannot = |e: std::io::Error| format!("cannot write `{}`: {e}", path.display());
    let file = std::fs::File::create(&partial).map_err(cannot)?;
    let written = write_records(BufWriter::new(file), header, pool).and_then(|file| {
        file.sync_all().map_err(cannot)?;
        std::fs::rename(&partial, path).map_err(cannot)
    });
    if written.is_err() {
        let _ = std::fs::remove_file(&partial);
    }
    written
}

/// One process to compile: its place in ocid order, its ocid and its releases' JSON texts.
type Job = (u64, String, Vec<Vec<u8>>);

/// Compiles every process in the pool and writes the package, records in ocid order.
fn write_records<W: Write>(
    out: BufWriter<W>,
    header: &pcds::RecordPackage,
    pool: &mut Pooled,
) -> Result<W, String> {
    let mut writer = RecordPackageWriter::new(out, header).map_err(write_error)?;
    let workers = std::thread::available_parallelism().map_or(1, |n| n.get().clamp(1, 8));
    let (job_sender, jobs) = sync_channel::<Job>(QUEUED);
    let (result_sender, results) = sync_channel::<(u64, Result<String, String>)>(QUEUED);
    let jobs = Arc::new(Mutex::new(jobs));
    let written = std::thread::scope(|scope| {
        let reader = scope.spawn(move || read_processes(pool, &job_sender));
        for _ in 0..workers {
            let jobs = Arc::clone(&jobs);
            let results = result_sender.clone();
            scope.spawn(move || compile_processes(&jobs, &results));
        }
        // Only the workers hold the queue of jobs: when they stop, the reader's next send
        // fails and it stops too.
        drop(jobs);
        drop(result_sender);
        let written = write_in_order(&mut writer, &results);
        // Stop the reader and workers if writing stopped early.
        drop(results);
        let read = reader
            .join()
            .unwrap_or_else(|_| Err("the reader of the pool stopped".into()));
        written.and(read)
    });
    written?;
    let out = writer.finish().map_err(write_error)?;
    out.into_inner().map_err(|e| write_error(e.into_error()))
}

/// Reads each process's releases from the pool and queues them, in ocid order.
fn read_processes(pool: &mut Pooled, jobs: &SyncSender<Job>) -> Result<(), String> {
    let mut next = 0;
    let read = pool.for_each_process_text(|ocid, releases| {
        jobs.send((next, ocid.to_owned(), releases))
            .map_err(|_| PoolError::Store(STOPPED.into()))?;
        next += 1;
        Ok(())
    });
    match read {
        Err(PoolError::Store(reason)) if reason == STOPPED => Ok(()),
        other => other.map_err(|e| e.to_string()),
    }
}

/// Compiles queued processes into record texts until the queue ends or the writer goes.
fn compile_processes(
    jobs: &Mutex<Receiver<Job>>,
    results: &SyncSender<(u64, Result<String, String>)>,
) {
    loop {
        let job = match jobs.lock() {
            Ok(queue) => queue.recv(),
            Err(_) => return,
        };
        let Ok((place, ocid, texts)) = job else {
            return;
        };
        let text = compile_one(&ocid, &texts);
        if results.send((place, text)).is_err() {
            return;
        }
    }
}

fn compile_one(ocid: &str, texts: &[Vec<u8>]) -> Result<String, String> {
    let cannot = |reason: String| format!("cannot compile `{ocid}`: {reason}");
    let releases = texts
        .iter()
        .map(|text| serde_json::from_slice(text))
        .collect::<Result<Vec<serde_json::Value>, _>>()
        .map_err(|e| cannot(e.to_string()))?;
    let record = pcds::record(&releases).map_err(|e| cannot(e.to_string()))?;
    record_text(&record).map_err(|e| cannot(e.to_string()))
}

/// Writes the records as they come, each in its place: a record that comes early waits for
/// those before it (at most the queues' worth).
fn write_in_order<W: Write>(
    writer: &mut RecordPackageWriter<W>,
    results: &Receiver<(u64, Result<String, String>)>,
) -> Result<(), String> {
    let mut waiting = BTreeMap::new();
    let mut next = 0;
    for (place, text) in results {
        waiting.insert(place, text);
        while let Some(text) = waiting.remove(&next) {
            writer.record_text(&text?).map_err(write_error)?;
            next += 1;
        }
    }
    Ok(())
}
