//! `pcds publish`: sends a file's releases to a PCDS server in batches, reading the file as it
//! goes (never holding it whole). Each batch is one all-or-nothing request; re-running after a
//! failure is safe, because the server treats a release it already holds unchanged as a no-op.

use std::collections::{HashSet, VecDeque};
use std::io::{BufReader, Read};

use serde_json::{Map, Value};

use super::http::json_answer;
use super::stream::{self, Shape};
use super::{FeedError, HttpClient};

/// Where to publish, as whom, and how much per request.
#[derive(Debug, Clone)]
pub struct PublishOptions {
    /// The server's base URL (or its `…/releases` address).
    pub to: String,
    /// The publisher's token.
    pub token: String,
    /// Releases per request.
    pub batch: usize,
    /// Requests sent at once, at most. Releases of one process always arrive in the order
    /// given: a batch holding a release of a process waits for the earlier batches holding one.
    pub concurrent: usize,
}

/// What a publication did.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Published {
    /// Requests sent.
    pub requests: usize,
    /// Releases stored for the first time.
    pub created: usize,
    /// Releases the server already held unchanged.
    pub unchanged: usize,
    /// Warnings the validator reported on the server.
    pub warnings: usize,
}

/// One request's body: its media type and its bytes.
struct Batch {
    content_type: &'static str,
    body: Vec<u8>,
}

/// Publishes the releases of a file, read twice by `open` (once to learn its shape and count
/// its releases, once to send them) and never held whole: at most one batch being gathered and
/// `concurrent` requests in flight are in memory. Calls `progress` with the releases sent so
/// far and the total after each request.
///
/// # Errors
/// When the input is not releases, the server cannot be reached, or it refuses a batch (the
/// batches before it stay published, and so may batches sent alongside it; no batch is sent
/// after it).
pub fn publish(
    client: &HttpClient,
    open: &dyn Fn() -> std::io::Result<Box<dyn Read>>,
    name: &str,
    options: &PublishOptions,
    progress: &mut dyn FnMut(usize, usize),
) -> Result<Published, FeedError> {
    let url = if options.to.trim_end_matches('/').ends_with("/releases") {
        options.to.trim_end_matches('/').to_owned()
    } else {
        format!("{}/releases", options.to.trim_end_matches('/'))
    };
    let reading = |e: std::io::Error| FeedError::Input(format!("cannot read `{name}`: {e}"));
    let survey = stream::survey(BufReader::new(open().map_err(reading)?), name)?;
    let metadata = match &survey.shape {
        Shape::Package(metadata) => Some(metadata),
        Shape::Releases => None,
    };
    let batch = options.batch.max(1);
    std::thread::scope(|scope| {
        let mut sender = Sender {
            scope,
            client,
            url: &url,
            token: &options.token,
            metadata,
            concurrent: options.concurrent.max(1),
            flying: VecDeque::new(),
            published: Published::default(),
            sent: 0,
            total: survey.releases,
            failure: None,
            progress,
        };
        let mut chunk = Vec::with_capacity(batch);
        let read = open().map_err(reading).and_then(|file| {
            stream::releases(BufReader::new(file), name, &survey.shape, &mut |release| {
                chunk.push(release);
                if chunk.len() == batch {
                    sender.send(std::mem::take(&mut chunk));
                }
                match sender.failure {
                    // Stops the reading; the failure itself is what is returned.
                    Some(_) => Err(FeedError::Input(String::new())),
                    None => Ok(()),
                }
            })
        });
        if read.is_ok() && !chunk.is_empty() {
            sender.send(chunk);
        }
        sender.land_all();
        match (sender.failure, read) {
            (Some(e), _) | (None, Err(e)) => Err(e),
            (None, Ok(())) => Ok(sender.published),
        }
    })
}

/// Sends batches side by side, each process's releases in order.
struct Sender<'scope, 'env, 'p> {
    scope: &'scope std::thread::Scope<'scope, 'env>,
    client: &'env HttpClient,
    url: &'env str,
    token: &'env str,
    /// The package's metadata, when the file is a package: each batch is sent as a package.
    metadata: Option<&'env Map<String, Value>>,
    concurrent: usize,
    /// Batches in flight, oldest first: how many releases each holds, its ocids, its request.
    flying: VecDeque<(usize, HashSet<String>, Flight<'scope>)>,
    published: Published,
    sent: usize,
    total: usize,
    failure: Option<FeedError>,
    progress: &'p mut dyn FnMut(usize, usize),
}

impl<'scope> Sender<'scope, '_, '_> {
    /// Sends `chunk` once every earlier batch holding a release of one of its processes has
    /// landed (so each process's releases reach the server in the order given) and fewer than
    /// `concurrent` requests are in flight; sends nothing after a failure.
    fn send(&mut self, chunk: Vec<Value>) {
        if self.failure.is_some() {
            return;
        }
        let ocids: HashSet<String> = chunk
            .iter()
            .filter_map(|r| r.get("ocid").and_then(Value::as_str))
            .map(str::to_owned)
            .collect();
        while let Some(index) = self
            .flying
            .iter()
            .rposition(|(_, theirs, _)| !theirs.is_disjoint(&ocids))
        {
            for _ in 0..=index {
                self.land_oldest();
            }
        }
        while self.flying.len() >= self.concurrent {
            self.land_oldest();
        }
        if self.failure.is_some() {
            return;
        }
        let count = chunk.len();
        let body = body(self.metadata, chunk);
        let (client, url, token) = (self.client, self.url, self.token);
        let handle = self.scope.spawn(move || {
            let answer = client.post(url, token, body.content_type, body.body)?;
            json_answer(url, &answer)
        });
        self.flying.push_back((count, ocids, handle));
    }

    /// Waits for the oldest request in flight and counts what it did.
    fn land_oldest(&mut self) {
        let Some((count, _, handle)) = self.flying.pop_front() else {
            return;
        };
        match handle.join() {
            Ok(Ok(result)) => {
                let published = &mut self.published;
                published.requests += 1;
                published.created +=
                    usize::try_from(result["created"].as_u64().unwrap_or(0)).unwrap_or(0);
                published.unchanged +=
                    usize::try_from(result["unchanged"].as_u64().unwrap_or(0)).unwrap_or(0);
                published.warnings += result["warnings"].as_array().map_or(0, Vec::len);
                self.sent += count;
                (self.progress)(self.sent, self.total);
            }
            Ok(Err(e)) => {
                self.failure.get_or_insert(e);
            }
            Err(_) => {
                self.failure
                    .get_or_insert(FeedError::Input("a request stopped".into()));
            }
        }
    }

    fn land_all(&mut self) {
        while !self.flying.is_empty() {
            self.land_oldest();
        }
    }
}

/// One request on its way.
type Flight<'scope> = std::thread::ScopedJoinHandle<'scope, Result<Value, FeedError>>;

/// The body of the request for `chunk`: the package's metadata with those releases, or them as
/// JSON Lines. Made only when the request is about to go, and `chunk` is consumed by it.
fn body(metadata: Option<&Map<String, Value>>, chunk: Vec<Value>) -> Batch {
    match metadata {
        Some(metadata) => {
            let mut package = metadata.clone();
            package.insert("releases".into(), Value::Array(chunk));
            Batch {
                content_type: "application/json",
                body: serde_json::to_vec(&package).unwrap_or_default(),
            }
        }
        None => {
            let mut lines = Vec::new();
            for release in &chunk {
                lines.extend(serde_json::to_vec(release).unwrap_or_default());
                lines.push(b'\n');
            }
            Batch {
                content_type: "application/x-ndjson",
                body: lines,
            }
        }
    }
}
