//! The feed protocol: how a PCDS publisher serves its data so that harvesters can follow it
//! incrementally. The server, the static export, `pcds harvest` and the `feed` conformance
//! checks all use these types and paths, so the protocol is defined once, here.
//!
//! - The **discovery document** ([`Discovery`]; the root URL, or `index.json` of a static
//!   export) says who publishes, at which [`PublicationLevel`], and links to the first feed
//!   page, a record template with `{ocid}` and a release template with `{ocid}` and `{id}`.
//!   Values put into templates are written with [`segment`].
//! - A **feed page** ([`FeedPage`]) holds `items` and a `next` link. Each [`FeedItem`] has a
//!   `state`, a `kind` (`release`), an `id`, an integer `modified` and the release as `data`;
//!   a release its publisher withdrew is an item in the `deleted` state, without `data`.
//!   Items are in strictly increasing order of (`modified`, `id`) across the whole feed, so a
//!   harvester that follows `next` never misses or repeats one, even while releases are being
//!   published.
//! - The last page has no items, and its `next` is its own address: the one to poll.
//!
//! Paths are relative to the publisher's base URL: [`feed_path`], [`record_path`] and
//! [`release_path`]. Every path is also a safe file name on a static host.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::codelists::PublicationLevel;

/// Writes a value as one path segment: ASCII letters, digits, `-`, `_` and `.` (not first)
/// stay; every other byte becomes `~` and two lower-case hex digits. Safe as a URL path
/// segment and as a file name on any static host.
///
/// ```
/// assert_eq!(pcds::feed::segment("ocds-abc/1 2"), "ocds-abc~2f1~202");
/// assert_eq!(pcds::feed::unsegment("ocds-abc~2f1~202").as_deref(), Some("ocds-abc/1 2"));
/// ```
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

/// The longest path segment, in bytes, that an ocid or release id may have in a feed: 200, so
/// that with `.json` after it every address is a file name any file system and static host
/// takes (most allow 255 bytes). A publishing server refuses releases whose ocid or id is
/// longer once written by [`segment`].
pub const MAX_SEGMENT_BYTES: usize = 200;

/// Reads a segment written by [`segment`]; `None` when it is not one, or not the one form
/// [`segment`] writes (a `~` escape of a character that needs none, lower-case hex), so that
/// every ocid and id has one address.
#[must_use]
pub fn unsegment(encoded: &str) -> Option<String> {
    let decoded = decode_segment(encoded)?;
    (segment(&decoded) == encoded).then_some(decoded)
}

fn decode_segment(segment: &str) -> Option<String> {
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

/// The path of the feed page holding the releases after feed position `after`.
#[must_use]
pub fn feed_path(after: i64) -> String {
    format!("feed/{after}.json")
}

/// The feed position a page's file name stem names (`12` in `feed/12.json`); `None` unless it
/// is the one form [`feed_path`] writes: decimal digits without a sign or leading zeros.
#[must_use]
pub fn feed_position(stem: &str) -> Option<i64> {
    let after: i64 = stem.parse().ok().filter(|n| *n >= 0)?;
    (after.to_string() == stem).then_some(after)
}

/// The path of a process's record package.
#[must_use]
pub fn record_path(ocid: &str) -> String {
    format!("records/{}.json", segment(ocid))
}

/// The path of one release.
#[must_use]
pub fn release_path(ocid: &str, id: &str) -> String {
    format!("releases/{}/{}.json", segment(ocid), segment(id))
}

/// The record template of a discovery document, below its base URL.
pub const RECORD_TEMPLATE: &str = "records/{ocid}.json";

/// The release template of a discovery document, below its base URL.
pub const RELEASE_TEMPLATE: &str = "releases/{ocid}/{id}.json";

/// Fills a record or release template from a discovery document with an ocid and (for a
/// release) an id, each written with [`segment`].
#[must_use]
pub fn fill(template: &str, ocid: &str, id: Option<&str>) -> String {
    let filled = template.replace("{ocid}", &segment(ocid));
    match id {
        Some(id) => filled.replace("{id}", &segment(id)),
        None => filled,
    }
}

/// The discovery document: who publishes, what standard and conformance classes, and where
/// everything is.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Discovery {
    /// The publisher's (or hub's) name, as readers see it.
    #[serde(default)]
    pub name: String,
    /// The PCDS version the data follows, e.g. `0.2`.
    pub pcds_version: String,
    /// The OCDS version the data extends: [`OCDS_VERSION`](crate::OCDS_VERSION).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ocds_version: Option<String>,
    /// The level every release in the feed is published at and valid for.
    pub publication_level: PublicationLevel,
    /// The publishers whose data the feed holds, each with the ocid prefix it publishes under.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub publishers: Vec<FeedPublisher>,
    /// The URIs of the conformance classes the endpoint claims.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub conforms_to: Vec<String>,
    /// How many releases the feed holds.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub releases: Option<u64>,
    /// Where everything is.
    pub links: DiscoveryLinks,
    /// The URI of the licence the data is published under.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub license: Option<String>,
    /// When the newest release was published (RFC 3339).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_modified: Option<String>,
}

/// One publisher in a feed, and the ocid prefix its releases carry.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct FeedPublisher {
    /// The publisher's name.
    pub name: String,
    /// The ocid prefix every release of this publisher starts with.
    pub ocid_prefix: String,
}

/// The links of a discovery document: absolute URLs.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DiscoveryLinks {
    /// The discovery document itself.
    #[serde(rename = "self", default, skip_serializing_if = "Option::is_none")]
    pub self_: Option<String>,
    /// The first feed page.
    pub feed: String,
    /// A record package's address, with `{ocid}` to [`fill`]. Required by the `feed`
    /// conformance class; a harvester needs only [`feed`](Self::feed).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub record: Option<String>,
    /// A release's address, with `{ocid}` and `{id}` to [`fill`]. Required by the `feed`
    /// conformance class.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub release: Option<String>,
    /// Aggregate statistics.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub stats: Option<String>,
    /// The standard's JSON Schemas, by name (`releasePackage`, `record`, …).
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub schemas: BTreeMap<String, String>,
    /// The index of the standard's codelists.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub codelists: Option<String>,
    /// The documentation.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub docs: Option<String>,
}

/// A page of the change feed.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct FeedPage {
    /// The items after the page's position, in (`modified`, `id`) order.
    pub items: Vec<FeedItem>,
    /// The next page; on the last page, the page itself.
    pub next: String,
    /// The level the releases are published at.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub publication_level: Option<PublicationLevel>,
    /// The PCDS version the releases follow.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pcds_version: Option<String>,
    /// The URI of the licence the data is published under.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub license: Option<String>,
}

/// What an item says of the thing it names.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ItemState {
    /// The release is published; `data` holds it.
    Updated,
    /// The release was withdrawn by its publisher: the item has no `data`, and a harvester
    /// deletes its copy of the release the item names (the RPDE `deleted` state).
    Deleted,
}

/// What kind of thing an item names.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ItemKind {
    /// A release.
    Release,
}

/// One item of a feed page.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FeedItem {
    /// Whether the release is published or was withdrawn.
    pub state: ItemState,
    /// What the item names: a release.
    pub kind: ItemKind,
    /// The item's id: the release's ocid and id, as `{ocid}/{id}`.
    pub id: String,
    /// The release's feed position: strictly increasing with (`modified`, `id`). A withdrawal
    /// moves the release to a new position after every item served before it, so a harvester
    /// that has passed the release still meets its withdrawal.
    pub modified: i64,
    /// The release itself; absent when the release was withdrawn.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub data: Option<Value>,
}

impl FeedItem {
    /// The item id of a release: `{ocid}/{id}`.
    #[must_use]
    pub fn id_of(ocid: &str, id: &str) -> String {
        format!("{ocid}/{id}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn segments_round_trip_and_are_safe_file_names() {
        for value in [
            "ocds-abc-1",
            ".hidden",
            "a/b",
            "ümlaut",
            "~",
            "a b",
            "..",
            "",
        ] {
            let written = segment(value);
            assert!(
                written
                    .bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b"-_.~".contains(&b))
            );
            assert!(!written.starts_with('.'));
            assert_eq!(unsegment(&written).as_deref(), Some(value));
        }
        assert_eq!(unsegment("~zz"), None);
        assert_eq!(unsegment("~4"), None);
        // One address per value: no escape of a plain character, no upper-case hex.
        assert_eq!(unsegment("ocds~2dabc"), None);
        assert_eq!(unsegment("a~2F1"), None);
        assert_eq!(unsegment("a~2f1").as_deref(), Some("a/1"));
    }

    #[test]
    fn a_feed_page_has_one_address() {
        assert_eq!(feed_position("0"), Some(0));
        assert_eq!(feed_position("120"), Some(120));
        for other in ["00", "0001", "+1", "-1", "1.0", "", "1e3", " 1"] {
            assert_eq!(feed_position(other), None, "{other}");
        }
        assert_eq!(feed_position(&feed_path(42)[5..7]), Some(42));
    }

    #[test]
    fn templates_fill_with_segments() {
        assert_eq!(
            fill(
                "https://x/releases/{ocid}/{id}.json",
                "ocds-a/1",
                Some("r 1")
            ),
            "https://x/releases/ocds-a~2f1/r~201.json"
        );
        assert_eq!(
            format!("https://x/{}", fill(RECORD_TEMPLATE, "o", None)),
            format!("https://x/{}", record_path("o"))
        );
        assert_eq!(
            fill(RELEASE_TEMPLATE, "o", Some("i")),
            release_path("o", "i")
        );
    }

    #[test]
    fn a_page_reads_back_as_written() {
        let page = FeedPage {
            items: vec![FeedItem {
                state: ItemState::Updated,
                kind: ItemKind::Release,
                id: FeedItem::id_of("ocds-a-1", "r1"),
                modified: 3,
                data: Some(serde_json::json!({"ocid": "ocds-a-1", "id": "r1"})),
            }],
            next: "https://x/feed/3.json".into(),
            publication_level: Some(PublicationLevel::Open),
            pcds_version: Some(crate::PCDS_VERSION.into()),
            license: None,
        };
        let text = serde_json::to_string(&page).expect("serialises");
        assert!(text.contains(r#""state":"updated","kind":"release","id":"ocds-a-1/r1""#));
        let back: FeedPage = serde_json::from_str(&text).expect("reads back");
        assert_eq!(back, page);
    }
}
