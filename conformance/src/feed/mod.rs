//! The `feed` conformance class: checks a live publishing endpoint (or a static export of one)
//! by walking it as a harvester would.
//!
//! The protocol itself (discovery document, feed pages and items, paths and the segment
//! encoding) is defined once, in [`pcds::feed`]. The checks read what an endpoint serves as
//! loose JSON rather than those types, so they can say which part of a page is wrong instead
//! of refusing the whole page.
//!
//! The checks use two things the caller plugs in: a [`FeedClient`] that fetches URLs and a
//! [`ReleaseChecker`] that validates releases.

mod checks;

pub use pcds::feed::{segment, unsegment};
use serde::Serialize;
use serde_json::Value;

pub use checks::check_feed;

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
