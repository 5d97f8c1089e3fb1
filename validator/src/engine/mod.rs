//! The validation engine: reads an input through the streaming scanner, checks each release as
//! it arrives, and places each finding at its line and column.
//!
//! The scanner runs on the calling thread and hands units to worker threads over a bounded
//! channel, so at most a few dozen releases are in memory at once however large the input is.
//! Workers run every check that needs only the unit itself (`analyse`); their results are then
//! applied strictly in input order (`state`), so reports are the same on any number of threads.

mod analyse;
mod document;
mod keys;
mod place;
mod state;

use std::collections::{BTreeMap, HashSet};
use std::io::Read;
use std::sync::mpsc;
use std::thread;

use pcds::codelists::PublicationLevel;
use serde_json::Value;

use self::analyse::Analysed;
use self::place::{Source, place, place_parse_error};
use self::state::InputState;
use crate::finding::Finding;
use crate::layers::fields::Fields;
use crate::layers::schema::{SchemaError, Schemas};
use crate::report::{FieldCoverage, InputReport};
use crate::rules;
use crate::scan::{self, DocumentEnd, Event, Outline, Unit};
use crate::strict;

/// The kinds of document PCDS defines.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum DocumentKind {
    /// A release package (`releases` at the top).
    ReleasePackage,
    /// A record package (`records` at the top).
    RecordPackage,
    /// A single release (`ocid` and `tag` at the top).
    Release,
    /// A single record (`ocid` and `releases` at the top).
    Record,
}

impl DocumentKind {
    /// Works out what a document is from its top-level fields.
    #[must_use]
    pub fn detect(document: &Value) -> Option<DocumentKind> {
        let object = document.as_object()?;
        let has = |key: &str| object.contains_key(key);
        Some(if has("ocid") && has("releases") {
            DocumentKind::Record
        } else if has("releases") {
            DocumentKind::ReleasePackage
        } else if has("records") {
            DocumentKind::RecordPackage
        } else if has("ocid") || has("tag") {
            DocumentKind::Release
        } else {
            return None;
        })
    }

    /// The kind in words, as reports print it.
    #[must_use]
    pub fn describe(self) -> &'static str {
        match self {
            DocumentKind::ReleasePackage => "release package",
            DocumentKind::RecordPackage => "record package",
            DocumentKind::Release => "release",
            DocumentKind::Record => "record",
        }
    }
}

/// Why the engine could not be built.
pub type EngineError = SchemaError;

/// Options that change what is checked.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// The publication level to check documents against, in place of the one they claim (a
    /// bare release or JSON Lines claims none).
    pub level: Option<PublicationLevel>,
    /// How many threads check releases; the number of cores when absent.
    pub threads: Option<usize>,
    /// The most findings a report keeps per input; past it, findings are only counted by rule
    /// ([`crate::report::Omitted`]), which bounds a report's size and memory. No limit when
    /// absent.
    pub max_findings: Option<usize>,
    /// The fewest children an input must describe for rare combinations of their attributes
    /// to be judged (`PCDS-PRIV-010`); an input with fewer says in its report that they were
    /// not judged. [`RARE_COMBINATION_MINIMUM_CHILDREN`] when absent; `Some(1)` judges any
    /// input, for a file known to be a whole dataset.
    pub rare_combination_minimum: Option<usize>,
}

pub use state::{RARE_COMBINATION_MINIMUM_CHILDREN, RARE_COMBINATION_THRESHOLD};

/// What a run accumulates across inputs: the distinct ocids and field coverage.
#[derive(Debug, Default)]
pub struct RunTotals {
    ocids: HashSet<u128>,
    coverage: Vec<u64>,
}

impl RunTotals {
    /// The number of distinct ocids seen.
    #[must_use]
    pub fn ocids(&self) -> u64 {
        self.ocids.len() as u64
    }
}

/// Checks documents against the standard. Build once, reuse for every input.
pub struct Validator {
    schemas: Schemas,
    fields: Fields,
    options: Options,
}

/// Units waiting for a worker, per worker: enough to keep workers busy, few enough that memory
/// stays flat.
const QUEUE_PER_WORKER: usize = 8;

impl Validator {
    /// Compiles the standard's schemas, generated from the `pcds` types: the validator never
    /// reads schemas from disk or the network.
    ///
    /// # Errors
    /// When a generated schema does not compile.
    pub fn new() -> Result<Self, EngineError> {
        Self::with_options(Options::default())
    }

    /// A validator with options.
    ///
    /// # Errors
    /// When a generated schema does not compile.
    pub fn with_options(options: Options) -> Result<Self, EngineError> {
        Ok(Validator {
            schemas: Schemas::new()?,
            fields: Fields::new(),
            options,
        })
    }

    /// Validates one parsed document, returning every finding. The document is written out
    /// and checked as text, so findings carry lines and columns of that text.
    #[must_use]
    pub fn validate(&self, document: &Value) -> Vec<Finding> {
        let text = serde_json::to_vec_pretty(document).unwrap_or_default();
        self.check_reader("document", text.as_slice(), &mut RunTotals::default())
            .map(|report| report.findings)
            .unwrap_or_default()
    }

    /// Field coverage so far, most common first.
    #[must_use]
    pub fn coverage(&self, totals: &RunTotals) -> Vec<FieldCoverage> {
        let mut coverage: Vec<FieldCoverage> = totals
            .coverage
            .iter()
            .enumerate()
            .filter(|(i, count)| **count > 0 && !self.fields.path(*i).is_empty())
            .map(|(i, count)| FieldCoverage {
                path: self.fields.path(i).to_owned(),
                releases: *count,
            })
            .collect();
        coverage.sort_by(|a, b| {
            b.releases
                .cmp(&a.releases)
                .then_with(|| a.path.cmp(&b.path))
        });
        coverage
    }

    /// The whole report of one input, as `pcds validate --format json` gives it for one file:
    /// its findings, the summary judged at `fail_on`, and field coverage. This is the one call
    /// the server's `POST /validate`, the Python package and the browser page make, so they
    /// answer exactly as the command line does.
    ///
    /// # Errors
    /// When the input cannot be read (a data error is a finding, not an error).
    pub fn report(
        &self,
        name: &str,
        reader: impl Read,
        fail_on: crate::Severity,
    ) -> std::io::Result<crate::Report> {
        self.report_in(name, reader, fail_on, &crate::ProcessContext::new())
    }

    /// The report of [`Validator::report`], judging the input in `context`
    /// ([`Validator::check_reader_in`]).
    ///
    /// # Errors
    /// When the input cannot be read.
    pub fn report_in(
        &self,
        name: &str,
        reader: impl Read,
        fail_on: crate::Severity,
        context: &crate::ProcessContext,
    ) -> std::io::Result<crate::Report> {
        let mut totals = RunTotals::default();
        let input = self.check_reader_in(name, reader, &mut totals, context)?;
        let coverage = self.coverage(&totals);
        Ok(crate::Report::new(
            vec![input],
            fail_on,
            totals.ocids(),
            coverage,
        ))
    }

    /// Validates one input, read as a stream.
    ///
    /// # Errors
    /// When the input cannot be read (a data error is a finding, not an error).
    pub fn check_reader(
        &self,
        name: &str,
        reader: impl Read,
        totals: &mut RunTotals,
    ) -> std::io::Result<InputReport> {
        self.check_reader_in(name, reader, totals, &crate::ProcessContext::new())
    }

    /// Validates one input as [`Validator::check_reader`] does, with references also
    /// resolving against what the releases of `context` declare: for a reader that receives
    /// a process's releases one at a time, as a server or a harvester does.
    ///
    /// # Errors
    /// When the input cannot be read (a data error is a finding, not an error).
    pub fn check_reader_in(
        &self,
        name: &str,
        reader: impl Read,
        totals: &mut RunTotals,
        context: &crate::ProcessContext,
    ) -> std::io::Result<InputReport> {
        if totals.coverage.len() < self.fields.len() {
            totals.coverage.resize(self.fields.len(), 0);
        }
        let workers = self
            .options
            .threads
            .unwrap_or_else(|| thread::available_parallelism().map_or(1, usize::from))
            .max(1);
        let mut input = InputState::new(
            name,
            self.options.level.clone(),
            self.options.max_findings,
            self.options
                .rare_combination_minimum
                .unwrap_or(RARE_COMBINATION_MINIMUM_CHILDREN)
                .max(1),
            context,
        );
        let bytes = if workers == 1 {
            self.scan_serially(reader, &mut input, totals)?
        } else {
            self.scan_in_parallel(reader, workers, &mut input, totals)?
        };
        input.report.bytes = bytes;
        Ok(input.finish())
    }

    /// Scans and analyses on the calling thread: one worker, or a platform without threads
    /// (WebAssembly). Findings come out in the same order as from the parallel path.
    fn scan_serially(
        &self,
        reader: impl Read,
        input: &mut InputState<'_>,
        totals: &mut RunTotals,
    ) -> std::io::Result<u64> {
        let mut order = Order::default();
        scan::scan(reader, |event| {
            let sequence = order.next_sequence();
            let pending = match event {
                Event::Unit(unit) => Pending::Analysed(self.analyse_unit(unit)),
                Event::Claim(member) => Pending::Claim(member),
                Event::DocumentEnd(end) => Pending::DocumentEnd(end),
                Event::Broken(finding) => Pending::Finding(finding),
            };
            order.ready(sequence, pending);
            order.apply_ready(self, input, totals);
        })
    }

    /// Scans on the calling thread while `workers` threads analyse the units it finds.
    fn scan_in_parallel(
        &self,
        reader: impl Read,
        workers: usize,
        input: &mut InputState<'_>,
        totals: &mut RunTotals,
    ) -> std::io::Result<u64> {
        let (job_sender, job_receiver) =
            mpsc::sync_channel::<(u64, Job)>(workers * QUEUE_PER_WORKER);
        let job_receiver = std::sync::Mutex::new(job_receiver);
        let (result_sender, result_receiver) = mpsc::channel::<(u64, Pending)>();
        thread::scope(|scope| {
            for _ in 0..workers {
                let jobs = &job_receiver;
                let results = result_sender.clone();
                scope.spawn(move || {
                    loop {
                        let job = jobs
                            .lock()
                            .map_err(|_| ())
                            .and_then(|receiver| receiver.recv().map_err(|_| ()));
                        let Ok((sequence, job)) = job else { break };
                        let done = match job {
                            Job::Unit(unit) => Pending::Analysed(self.analyse_unit(unit)),
                            Job::Object(members, start) => {
                                Pending::Object(self.analyse_object(&members, &[], start))
                            }
                        };
                        if results.send((sequence, done)).is_err() {
                            break;
                        }
                    }
                });
            }
            drop(result_sender);
            let mut order = Order::default();
            let scanned = scan::scan(reader, |event| {
                let sequence = order.next_sequence();
                // A whole object with no streamed list (a lone release or record, one line of
                // JSON Lines) is analysed by a worker too.
                let event = match event {
                    Event::DocumentEnd(DocumentEnd {
                        outline: Outline::Object { members, streamed },
                        start,
                        ..
                    }) if streamed.is_empty() => Err(Job::Object(members, start)),
                    Event::Unit(unit) => Err(Job::Unit(unit)),
                    other => Ok(other),
                };
                match event {
                    Err(work) => {
                        // A full queue means workers are behind: apply what is ready meanwhile.
                        let mut job = (sequence, work);
                        loop {
                            match job_sender.try_send(job) {
                                Ok(()) => break,
                                Err(mpsc::TrySendError::Full(back)) => {
                                    job = back;
                                    let Ok((done, pending)) = result_receiver.recv() else {
                                        break;
                                    };
                                    order.ready(done, pending);
                                    order.apply_ready(self, input, totals);
                                }
                                Err(mpsc::TrySendError::Disconnected(_)) => break,
                            }
                        }
                    }
                    Ok(Event::Claim(member)) => order.ready(sequence, Pending::Claim(member)),
                    Ok(Event::DocumentEnd(end)) => {
                        order.ready(sequence, Pending::DocumentEnd(end));
                    }
                    Ok(Event::Broken(finding)) => {
                        order.ready(sequence, Pending::Finding(finding));
                    }
                    Ok(Event::Unit(_)) => {}
                }
                while let Ok((done, pending)) = result_receiver.try_recv() {
                    order.ready(done, pending);
                }
                order.apply_ready(self, input, totals);
            });
            drop(job_sender);
            for (done, pending) in result_receiver {
                order.ready(done, pending);
            }
            order.apply_ready(self, input, totals);
            scanned
        })
    }

    fn document_end(&self, end: DocumentEnd, input: &mut InputState<'_>, totals: &mut RunTotals) {
        input.documents += 1;
        match end.outline {
            Outline::Scalar { bytes } => {
                let source = Source::Unit {
                    bytes: &bytes,
                    start: end.start,
                    prefix: "",
                };
                let finding = match strict::parse(&bytes) {
                    Err(finding) => place_parse_error(*finding, "", &source),
                    Ok(_) => place(not_a_document(""), &source),
                };
                input.add(finding);
            }
            Outline::Array { items } => {
                input.kind = Some("JSON array".into());
                if items == 0 {
                    let finding = Finding::new(
                        &rules::DOCUMENT_KIND,
                        "",
                        "the array is empty: there is nothing to check",
                    );
                    input
                        .report
                        .findings
                        .push(finding.at(end.start.line, end.start.column));
                }
                input.claim_level(None);
            }
            Outline::Object { members, streamed } => self
                .analyse_object(&members, &streamed, end.start)
                .apply(input, totals),
        }
    }
}

pub(super) fn not_a_document(pointer: &str) -> Finding {
    Finding::new(
        &rules::DOCUMENT_KIND,
        pointer,
        "expected a PCDS release package (with `releases`), record package (with `records`), release or record",
    )
}

/// Work for a worker: a streamed unit, or a whole top-level object with no streamed list (its
/// members and where it starts).
enum Job {
    Unit(Unit),
    Object(Vec<scan::Member>, crate::locate::Position),
}

/// An event waiting for its turn to be applied.
enum Pending {
    Analysed(Analysed),
    /// A whole top-level object a worker analysed: one more document.
    Object(document::ObjectOutcome),
    Claim(scan::Member),
    DocumentEnd(DocumentEnd),
    Finding(Finding),
}

/// Puts events back in input order: workers finish in any order.
#[derive(Default)]
struct Order {
    issued: u64,
    applied: u64,
    waiting: BTreeMap<u64, Pending>,
}

impl Order {
    fn next_sequence(&mut self) -> u64 {
        self.issued += 1;
        self.issued - 1
    }

    fn ready(&mut self, sequence: u64, pending: Pending) {
        self.waiting.insert(sequence, pending);
    }

    fn apply_ready(
        &mut self,
        validator: &Validator,
        input: &mut InputState<'_>,
        totals: &mut RunTotals,
    ) {
        while let Some(pending) = self.waiting.remove(&self.applied) {
            self.applied += 1;
            match pending {
                Pending::Analysed(analysed) => input.apply(analysed, totals),
                Pending::Object(outcome) => {
                    input.documents += 1;
                    outcome.apply(input, totals);
                }
                // A level the package claims before its releases applies to them as they
                // come, so open-data findings are never held to the end of the document. One
                // that is not a level is left to the document's end, which reports it.
                Pending::Claim(member) => {
                    if let Ok(level) = serde_json::from_slice::<PublicationLevel>(&member.bytes) {
                        input.claim_level(Some(level));
                    }
                }
                Pending::DocumentEnd(end) => validator.document_end(end, input, totals),
                Pending::Finding(finding) => input.add(finding),
            }
        }
    }
}

#[cfg(test)]
mod tests;
