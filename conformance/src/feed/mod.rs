//! The `feed` conformance class: checks a live publishing endpoint (or a static export of one)
//! by walking it as a harvester would.
//!
//! The feed protocol, as PCDS publishers serve it:
//!
//! - The discovery document (the root URL, or `index.json` of a static export) is JSON with
//!   `pcdsVersion`, `publicationLevel` and `links`: `feed` (the first page), `record` (a
//!   template with `{ocid}`) and `release` (a template with `{ocid}` and `{id}`). Values put
//!   into templates are written with [`segment`].
//! - A feed page is JSON with `items` and `next`. Each item has `state` (`updated`), `kind`
//!   (`release`), `id`, an integer `modified` and the release as `data`. Items are in strictly
//!   increasing order of (`modified`, `id`) across the whole feed, so a harvester that follows
//!   `next` never misses or repeats one, even while releases are being published.
//! - The last page has no items, and its `next` is its own address: the one to poll.
//!
//! The checks use two things the caller plugs in: a [`FeedClient`] that fetches URLs and a
//! [`ReleaseChecker`] that validates releases.

mod checks;

use serde::Serialize;
use serde_json::Value;

pub use checks::check_feed;

/// Writes a value as one path segment: ASCII letters, digits, `-`, `_` and `.` (not first)
/// stay; every other byte becomes `~` and two lower-case hex digits. Safe as a URL path
/// segment and as a file name on any static host.
#[must_use]
pub fn segment(value: &str) -> String {
    use std::fmt::Write as _;
    let mut out = String::with_capacity(value.len());
    for (i, byte) in value.bytes().enumerate() {
        let plain =
            byte.is_ascii_alphanumeric() || byte == b'-' || byte == b'_' || (byte == b'.' && i > 0);
        if plain {
            out.push(char::from(byte));
        } else {
            let _ = write!(out, "~{byte:02x}");
        }
    }
    out
}

/// Reads a segment written by [`segment`]; `None` when it is not one.
#[must_use]
pub fn unsegment(segment: &str) -> Option<String> {
    let bytes = segment.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'~' {
            let hex = segment.get(i + 1..i + 3)?;
            if !hex.bytes().all(|b| b.is_ascii_hexdigit()) {
                return None;
            }
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

/// An HTTP answer, as the checks need it.
#[derive(Debug, Clone, Default)]
pub struct Fetched {
    /// The status code.
    pub status: u16,
    /// The `Content-Type` header, if any.
    pub content_type: Option<String>,
    /// The `ETag` header, if any.
    pub etag: Option<String>,
    /// The `Last-Modified` header, if any.
    pub last_modified: Option<String>,
    /// The body.
    pub body: Vec<u8>,
}

/// Fetches URLs for the checks.
pub trait FeedClient {
    /// GETs `url` with the extra request headers given (names and values).
    ///
    /// # Errors
    /// With a plain message when no answer arrives (a status is an answer, not an error).
    fn get(&self, url: &str, headers: &[(&str, &str)]) -> Result<Fetched, String>;
}

/// Validates releases for the checks.
pub trait ReleaseChecker {
    /// The errors in `release` as data for `level`, as `CODE at POINTER: message` lines.
    fn errors(&self, release: &Value, level: &str) -> Vec<String>;
    /// The errors in a record package.
    fn record_errors(&self, package: &Value, level: &str) -> Vec<String>;
}

/// The outcome of one check.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct CheckResult {
    /// The check's stable id, e.g. `FEED-ORDER`.
    pub id: &'static str,
    /// What it checks, in a sentence.
    pub title: &'static str,
    /// Whether the endpoint passed.
    pub passed: bool,
    /// What was wrong (at most a few examples), or what was seen when it passed.
    pub details: Vec<String>,
}

/// A whole feed check.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct FeedReport {
    /// The URL checked.
    pub url: String,
    /// The conformance class's URI.
    pub class: String,
    /// Pages fetched.
    pub pages: usize,
    /// Items seen.
    pub items: usize,
    /// Every check, in order.
    pub checks: Vec<CheckResult>,
}

impl FeedReport {
    /// Whether every check passed.
    #[must_use]
    pub fn passed(&self) -> bool {
        self.checks.iter().all(|c| c.passed)
    }

    /// The report for people.
    #[must_use]
    pub fn to_text(&self) -> String {
        use std::fmt::Write as _;
        let mut text = format!("Feed conformance: {}\nclass {}\n\n", self.url, self.class);
        for check in &self.checks {
            let mark = if check.passed { "pass" } else { "FAIL" };
            let _ = writeln!(text, "{mark}  {}  {}", check.id, check.title);
            for detail in &check.details {
                let _ = writeln!(text, "        {detail}");
            }
        }
        let passed = self.checks.iter().filter(|c| c.passed).count();
        let _ = writeln!(
            text,
            "\n{passed} of {} checks passed over {} page(s) and {} item(s): {}",
            self.checks.len(),
            self.pages,
            self.items,
            if self.passed() {
                "the endpoint conforms to the feed class"
            } else {
                "the endpoint does not conform to the feed class"
            }
        );
        text
    }
}

#[cfg(test)]
mod tests;
