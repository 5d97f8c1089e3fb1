//! Feed clients: publishing to a PCDS server and withdrawing from it, harvesting feeds into a pool, and checking a feed
//! against the conformance class. Each is a library function the `pcds` command fronts.

mod check;
mod harvest;
mod http;
mod publish;
mod stream;
mod withdraw;

pub use check::{ValidatorChecker, check_feed};
pub use harvest::{HarvestOptions, HarvestProgress, Harvested, harvest, pool_metadata};
pub use http::HttpClient;
pub use publish::{PublishOptions, Published, publish};
pub use withdraw::{Withdrawal, withdraw};

/// What can go wrong talking to a feed.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum FeedError {
    /// No answer came.
    #[error("cannot reach `{url}`: {reason}")]
    Network {
        /// The URL.
        url: String,
        /// What went wrong.
        reason: String,
    },
    /// The server answered with an error.
    #[error("`{url}` answered {status}{}: {message}", code.as_deref().map(|c| format!(" ({c})")).unwrap_or_default())]
    Refused {
        /// The URL.
        url: String,
        /// The HTTP status.
        status: u16,
        /// The server's error code, when it sent one.
        code: Option<String>,
        /// The server's message.
        message: String,
        /// The validator findings the server sent with a `422`.
        findings: Vec<pcds_validator::Finding>,
    },
    /// The answer is not what the feed protocol says.
    #[error("`{url}` is not a PCDS feed document: {reason}")]
    Protocol {
        /// The URL.
        url: String,
        /// What is wrong with it.
        reason: String,
    },
    /// The input could not be read.
    #[error("{0}")]
    Input(String),
    /// A file could not be read or written.
    #[error("cannot write `{path}`: {source}")]
    Io {
        /// The file.
        path: std::path::PathBuf,
        /// Why.
        source: std::io::Error,
    },
}

impl FeedError {
    /// Whether the failure is about the data (refused as invalid or conflicting) rather than
    /// about reaching or using the server: the command exits 1 for these and 2 otherwise.
    #[must_use]
    pub fn is_about_data(&self) -> bool {
        matches!(
            self,
            FeedError::Refused {
                status: 403 | 409 | 422,
                ..
            }
        )
    }
}
