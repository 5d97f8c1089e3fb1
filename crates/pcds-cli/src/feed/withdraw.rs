//! `pcds withdraw`: takes back releases published in error. Each release is one
//! `DELETE` of its address with the publisher's token; a release withdrawn before is reported
//! as such, so running the command again is safe.

use super::http::json_answer;
use super::{FeedError, HttpClient};

/// What the server said of one withdrawn release.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Withdrawal {
    /// The release's ocid.
    pub ocid: String,
    /// The release's id.
    pub id: String,
    /// When it was withdrawn (RFC 3339).
    pub withdrawn_at: String,
    /// The feed position of its `deleted` item.
    pub modified: i64,
    /// Whether it had been withdrawn before this request.
    pub already: bool,
}

/// Withdraws the release `id` of `ocid` from the server at `server` (its base URL).
///
/// # Errors
/// When the server cannot be reached or refuses: an unknown or revoked token, an ocid outside
/// the token's prefix, or a release it never stored.
pub fn withdraw(
    client: &HttpClient,
    server: &str,
    token: &str,
    ocid: &str,
    id: &str,
) -> Result<Withdrawal, FeedError> {
    let url = format!(
        "{}/{}",
        server.trim_end_matches('/'),
        pcds::feed::release_path(ocid, id)
    );
    let answer = json_answer(&url, &client.delete(&url, token)?)?;
    let withdrawn = &answer["withdrawn"];
    let text = |name: &str| withdrawn[name].as_str().map(str::to_owned);
    match (
        text("ocid"),
        text("id"),
        text("withdrawnAt"),
        withdrawn["modified"].as_i64(),
    ) {
        (Some(ocid), Some(id), Some(withdrawn_at), Some(modified)) => Ok(Withdrawal {
            ocid,
            id,
            withdrawn_at,
            modified,
            already: answer["already"].as_bool().unwrap_or(false),
        }),
        _ => Err(FeedError::Protocol {
            url,
            reason: "the answer to a withdrawal names no `withdrawn` release".into(),
        }),
    }
}
