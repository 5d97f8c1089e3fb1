//! `pcds publish`: sends a file's releases to a PCDS server in batches. Each batch is one
//! all-or-nothing request; re-running after a failure is safe, because the server treats a
//! release it already holds unchanged as a no-op.

use std::collections::HashSet;

use serde_json::{Map, Value};

use super::http::json_answer;
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

/// The body to send: a package's metadata with its releases, or bare releases.
enum Document {
    Package(Map<String, Value>, Vec<Value>),
    Releases(Vec<Value>),
}

fn read(bytes: &[u8], name: &str) -> Result<Document, FeedError> {
    match serde_json::from_slice::<Value>(bytes) {
        Ok(Value::Object(mut package)) if package.contains_key("releases") => {
            match package.remove("releases") {
                Some(Value::Array(releases)) if !releases.is_empty() => {
                    Ok(Document::Package(package, releases))
                }
                _ => Err(FeedError::Input(format!(
                    "`{name}` has no releases to publish"
                ))),
            }
        }
        Ok(Value::Object(release)) if release.contains_key("ocid") => {
            Ok(Document::Releases(vec![Value::Object(release)]))
        }
        Ok(Value::Array(releases)) if !releases.is_empty() => Ok(Document::Releases(releases)),
        Ok(_) => Err(FeedError::Input(format!(
            "`{name}` is not a release package, a release, or releases; `pcds validate {name}` says more"
        ))),
        Err(whole) => {
            let releases: Vec<Value> = pcds::json_lines::parse(bytes).map_err(|e| {
                FeedError::Input(if e.line() == 1 {
                    format!("`{name}` is not JSON: {whole}")
                } else {
                    format!("`{name}` {e}")
                })
            })?;
            if releases.is_empty() {
                return Err(FeedError::Input(format!("`{name}` is empty")));
            }
            Ok(Document::Releases(releases))
        }
    }
}

/// Publishes the releases in `bytes` (read from `name`), calling `progress` with the releases
/// sent so far and the total after each request.
///
/// # Errors
/// When the input is not releases, the server cannot be reached, or it refuses a batch (the
/// batches before it stay published, and so may batches sent alongside it; no batch is sent
/// after it).
pub fn publish(
    client: &HttpClient,
    bytes: &[u8],
    name: &str,
    options: &PublishOptions,
    progress: &mut dyn FnMut(usize, usize),
) -> Result<Published, FeedError> {
    let url = if options.to.trim_end_matches('/').ends_with("/releases") {
        options.to.trim_end_matches('/').to_owned()
    } else {
        format!("{}/releases", options.to.trim_end_matches('/'))
    };
    let document = read(bytes, name)?;
    let batch = options.batch.max(1);
    let (total, releases) = match &document {
        Document::Package(_, releases) | Document::Releases(releases) => (releases.len(), releases),
    };
    let mut published = Published::default();
    let mut sent = 0;
    let mut failure = None;
    std::thread::scope(|scope| {
        // Batches in flight, oldest first: the releases each holds, its ocids, and its request.
        let mut flying: std::collections::VecDeque<(usize, HashSet<&str>, Flight<'_>)> =
            std::collections::VecDeque::new();
        let mut land = |flight: (usize, HashSet<&str>, Flight<'_>),
                        failure: &mut Option<FeedError>| {
            let (count, _, handle) = flight;
            match handle.join() {
                Ok(Ok(result)) => {
                    published.requests += 1;
                    published.created +=
                        usize::try_from(result["created"].as_u64().unwrap_or(0)).unwrap_or(0);
                    published.unchanged +=
                        usize::try_from(result["unchanged"].as_u64().unwrap_or(0)).unwrap_or(0);
                    published.warnings += result["warnings"].as_array().map_or(0, Vec::len);
                    sent += count;
                    progress(sent, total);
                }
                Ok(Err(e)) => {
                    failure.get_or_insert(e);
                }
                Err(_) => {
                    failure.get_or_insert(FeedError::Input("a request stopped".into()));
                }
            }
        };
        for chunk in releases.chunks(batch) {
            if failure.is_some() {
                break;
            }
            let ocids: HashSet<&str> = chunk
                .iter()
                .filter_map(|r| r.get("ocid").and_then(Value::as_str))
                .collect();
            // A batch waits for every earlier batch holding a release of one of its processes,
            // so each process's releases reach the server in the order given; and no more than
            // `concurrent` requests are in flight.
            while let Some(index) = flying
                .iter()
                .rposition(|(_, theirs, _)| !theirs.is_disjoint(&ocids))
            {
                for _ in 0..=index {
                    if let Some(flight) = flying.pop_front() {
                        land(flight, &mut failure);
                    }
                }
            }
            while flying.len() >= options.concurrent.max(1) {
                if let Some(flight) = flying.pop_front() {
                    land(flight, &mut failure);
                }
            }
            if failure.is_some() {
                break;
            }
            let body = body(&document, chunk);
            let url = &url;
            let handle = scope.spawn(move || {
                let answer = client.post(url, &options.token, body.content_type, body.body)?;
                json_answer(url, &answer)
            });
            flying.push_back((chunk.len(), ocids, handle));
        }
        while let Some(flight) = flying.pop_front() {
            land(flight, &mut failure);
        }
    });
    match failure {
        Some(e) => Err(e),
        None => Ok(published),
    }
}

/// One request on its way.
type Flight<'scope> = std::thread::ScopedJoinHandle<'scope, Result<Value, FeedError>>;

/// The body of the request for `chunk`: the package's metadata with those releases, or them as
/// JSON Lines. Made only when the request is about to go, so the input is never held twice.
fn body(document: &Document, chunk: &[Value]) -> Batch {
    match document {
        Document::Package(metadata, _) => {
            let mut package = metadata.clone();
            package.insert("releases".into(), Value::Array(chunk.to_vec()));
            Batch {
                content_type: "application/json",
                body: serde_json::to_vec(&package).unwrap_or_default(),
            }
        }
        Document::Releases(_) => {
            let mut lines = Vec::new();
            for release in chunk {
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn packages_releases_and_json_lines_are_all_read() {
        assert!(
            matches!(read(br#"{"uri": "x", "releases": [{"ocid": "a"}]}"#, "f"), Ok(Document::Package(m, r)) if m.contains_key("uri") && r.len() == 1)
        );
        assert!(
            matches!(read(br#"{"ocid": "a"}"#, "f"), Ok(Document::Releases(r)) if r.len() == 1)
        );
        assert!(
            matches!(read(b"{\"ocid\": \"a\"}\n\n{\"ocid\": \"b\"}\n", "f"), Ok(Document::Releases(r)) if r.len() == 2)
        );
        for bad in [
            &b"{\"releases\": []}"[..],
            b"42",
            b"",
            b"{\"ocid\": \"a\"}\n{oops",
            b"[]",
        ] {
            assert!(
                matches!(read(bad, "f"), Err(FeedError::Input(_))),
                "{}",
                String::from_utf8_lossy(bad)
            );
        }
        let Err(FeedError::Input(said)) = read(b"{\"ocid\": \"a\"}\n\n{\"ocid\": 3,", "f") else {
            panic!("a truncated third line is refused");
        };
        assert!(said.starts_with("`f` line 3, column "), "{said}");
    }
}
