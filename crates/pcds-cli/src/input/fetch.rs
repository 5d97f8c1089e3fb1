//! Fetching an input from a URL: bounded in time, redirects and size.

use std::io::{self, Read};
use std::time::{Duration, Instant};

use crate::input::{InputError, Limits, Opened};

/// Fetches `url` with the limits given, returning a reader of the body that fails once more than
/// `limits.max_download` bytes arrive.
///
/// # Errors
/// When the URL cannot be fetched, answers with an error status, or announces a body over the
/// limit.
pub fn fetch(url: &str, limits: &Limits) -> Result<Opened, InputError> {
    let network = |reason: String| InputError::Network {
        url: url.to_owned(),
        reason,
    };
    let started = Instant::now();
    let client = client(limits).map_err(|e| network(describe(&e, limits)))?;
    let response = client
        .get(url)
        .send()
        .map_err(|e| network(describe(&e, limits)))?;
    let status = response.status();
    if !status.is_success() {
        return Err(InputError::Status {
            url: url.to_owned(),
            status: status.as_u16(),
        });
    }
    let length = response.content_length();
    if length.is_some_and(|l| l > limits.max_download) {
        return Err(InputError::TooLarge {
            name: url.to_owned(),
            limit: limits.max_download,
        });
    }
    Ok(Opened {
        reader: Box::new(Capped::new(response, limits, started)),
        length,
    })
}

/// The HTTP client every command of `pcds` uses: bounded in time (`limits.timeout_seconds`,
/// and at most 15 seconds to connect) and redirects, and naming itself `pcds/VERSION`.
/// Answers' sizes are bounded by the callers, which know what they read.
///
/// # Errors
/// When the TLS stack cannot be set up.
pub(crate) fn client(limits: &Limits) -> Result<reqwest::blocking::Client, reqwest::Error> {
    // The TLS crypto provider is chosen once per process; a second call finds it installed.
    let _ = rustls::crypto::ring::default_provider().install_default();
    reqwest::blocking::Client::builder()
        .timeout(Duration::from_secs(limits.timeout_seconds))
        .connect_timeout(Duration::from_secs(limits.timeout_seconds.min(15)))
        .redirect(reqwest::redirect::Policy::limited(limits.max_redirects))
        .user_agent(concat!("pcds/", env!("CARGO_PKG_VERSION")))
        .build()
}

/// Says what went wrong with a request in words.
pub(crate) fn describe(error: &reqwest::Error, limits: &Limits) -> String {
    if error.is_timeout() {
        format!(
            "no complete answer within {} seconds",
            limits.timeout_seconds
        )
    } else if error.is_redirect() {
        format!("more than {} redirects", limits.max_redirects)
    } else if error.is_connect() {
        "could not connect to the server".to_owned()
    } else if error.is_builder() {
        "the URL is not valid".to_owned()
    } else {
        let mut text = error.to_string();
        let mut source = std::error::Error::source(error);
        while let Some(inner) = source {
            text = format!("{text}: {inner}");
            source = inner.source();
        }
        text
    }
}

/// A reader that fails once more than `limit` bytes have been read, or once the deadline for
/// the whole answer has passed: the client's own timeout bounds each read, so a body that
/// trickles in a byte at a time would otherwise never end.
pub(crate) struct Capped<R> {
    inner: R,
    left: u64,
    limit: u64,
    deadline: Instant,
    timeout_seconds: u64,
}

impl<R> Capped<R> {
    /// Reads the body of an answer to a request sent at `started`, within `limits`.
    pub(crate) fn new(inner: R, limits: &Limits, started: Instant) -> Self {
        Capped {
            inner,
            left: limits.max_download,
            limit: limits.max_download,
            deadline: started + Duration::from_secs(limits.timeout_seconds),
            timeout_seconds: limits.timeout_seconds,
        }
    }
}

impl<R: Read> Read for Capped<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        if Instant::now() > self.deadline {
            return Err(io::Error::new(
                io::ErrorKind::TimedOut,
                format!(
                    "PCDS-INPUT-003: no complete answer within {} seconds",
                    self.timeout_seconds
                ),
            ));
        }
        let read = self.inner.read(buf)?;
        self.left = self.left.checked_sub(read as u64).ok_or_else(|| {
            io::Error::new(
                io::ErrorKind::InvalidData,
                format!(
                    "PCDS-INPUT-005: the body is larger than the limit of {} bytes",
                    self.limit
                ),
            )
        })?;
        Ok(read)
    }
}
