//! The documents a publisher serves, built the same way by the live server and by the static
//! export, so both have one layout:
//!
//! | path | what |
//! |---|---|
//! | `index.json` (and `/` on the server) | the discovery document |
//! | `feed/{n}.json` | a page of the change feed: releases after position `n` |
//! | `records/{ocid}.json` | a record package with the process's compiled record |
//! | `releases/{ocid}/{id}.json` | one release |
//! | `stats.json` | aggregate statistics, small numbers suppressed |
//! | `spec/…` | the standard's schemas and codelists |
//!
//! The layout and the documents' shapes are the feed protocol of [`pcds::feed`]; ocids and ids
//! go into paths through [`segment`], so every address is also a safe file name on a static
//! host.

use pcds::codelists::PublicationLevel;
use pcds::{PackageMetadata, RecordPackage};
use serde_json::{Value, json};

use pcds::feed::{Discovery, DiscoveryLinks, FeedPublisher, RECORD_TEMPLATE, RELEASE_TEMPLATE};
pub use pcds::feed::{feed_path, record_path, release_path, segment, unsegment};

use crate::store::{StoreError, StoredRelease, TokenInfo};

/// The media type of every JSON document the server sends.
pub const JSON: &str = "application/json";

/// How this publisher describes itself, and how it pages its feed.
#[derive(Debug, Clone)]
pub struct Site {
    /// The absolute URL the documents are reachable under, without a trailing slash. Every
    /// link in every document starts with it.
    pub base_url: String,
    /// The publisher's name, as readers see it.
    pub name: String,
    /// The publication level every release is checked against and served at.
    pub publication_level: PublicationLevel,
    /// The URI of the licence the data is published under.
    pub license: Option<String>,
    /// How many releases a feed page holds.
    pub page_size: usize,
}

impl Site {
    /// The address of the feed page holding the releases after position `after`.
    #[must_use]
    pub fn feed_url(&self, after: i64) -> String {
        format!("{}/{}", self.base_url, feed_path(after))
    }
}

/// The discovery document: who publishes, what standard and conformance classes, and where
/// everything is.
#[must_use]
pub fn discovery(
    site: &Site,
    publishers: &[TokenInfo],
    releases: u64,
    last_modified: Option<&str>,
) -> Discovery {
    let base = &site.base_url;
    let mut seen = std::collections::BTreeSet::new();
    let publishers = publishers
        .iter()
        .filter(|t| t.revoked_at.is_none())
        .filter(|t| seen.insert((t.publisher.clone(), t.prefix.clone())))
        .map(|t| FeedPublisher {
            name: t.publisher.clone(),
            ocid_prefix: t.prefix.clone(),
        })
        .collect();
    let schemas = pcds::spec::generated_files()
        .into_iter()
        .filter(|f| f.path.ends_with("-schema.json"))
        .map(|f| {
            let file = f.path.rsplit('/').next().unwrap_or(&f.path);
            let name = file.trim_end_matches("-schema.json").to_owned();
            (camel(&name), format!("{base}/spec/{}", f.path))
        })
        .collect();
    Discovery {
        name: site.name.clone(),
        pcds_version: pcds::PCDS_VERSION.to_owned(),
        ocds_version: Some(pcds::OCDS_VERSION.to_owned()),
        publication_level: site.publication_level.clone(),
        publishers,
        conforms_to: vec![
            pcds_conformance_class("core"),
            pcds_conformance_class("feed"),
        ],
        releases: Some(releases),
        links: DiscoveryLinks {
            self_: Some(format!("{base}/index.json")),
            feed: site.feed_url(0),
            record: Some(format!("{base}/{RECORD_TEMPLATE}")),
            release: Some(format!("{base}/{RELEASE_TEMPLATE}")),
            stats: Some(format!("{base}/stats.json")),
            schemas,
            codelists: Some(format!("{base}/spec/codelists/index.csv")),
            docs: Some(format!("{base}/docs/")),
        },
        license: site.license.clone(),
        last_modified: last_modified.map(str::to_owned),
    }
}

fn pcds_conformance_class(name: &str) -> String {
    format!("{}{name}", pcds_conformance::classes::CLASS_BASE_URI)
}

fn camel(kebab: &str) -> String {
    let mut out = String::new();
    let mut upper = false;
    for c in kebab.chars() {
        if c == '-' {
            upper = true;
        } else if upper {
            out.extend(c.to_uppercase());
            upper = false;
        } else {
            out.push(c);
        }
    }
    out
}

/// A feed page: the releases after position `after`, each as an item with its position (a
/// withdrawn one as a `deleted` item without its content), and the `next` link. The last page's `next` is the address to poll for what comes after it, so
/// a harvester that keeps following `next` never misses or repeats an item.
///
/// The page is written as text around the stored releases, which go in as they are stored
/// (the server wrote them as JSON itself), so a page of hundreds of releases costs a copy, not
/// a parse and a re-serialisation of each.
#[must_use]
pub fn feed_page(site: &Site, after: i64, items: &[StoredRelease]) -> Vec<u8> {
    let next = items.last().map_or(after, |r| r.modified);
    let capacity = items.iter().map(|r| r.body.len() + 128).sum::<usize>() + 256;
    let mut page = Vec::with_capacity(capacity);
    page.extend_from_slice(b"{\"items\":[");
    for (i, r) in items.iter().enumerate() {
        if i > 0 {
            page.push(b',');
        }
        let state = if r.withdrawn_at.is_some() {
            "deleted"
        } else {
            "updated"
        };
        page.extend_from_slice(
            format!("{{\"state\":\"{state}\",\"kind\":\"release\",\"id\":").as_bytes(),
        );
        page.extend_from_slice(
            Value::String(pcds::feed::FeedItem::id_of(&r.ocid, &r.id))
                .to_string()
                .as_bytes(),
        );
        page.extend_from_slice(format!(",\"modified\":{}", r.modified).as_bytes());
        // A withdrawn release is a `deleted` item: its id and position, nothing of its content.
        if r.withdrawn_at.is_none() {
            page.extend_from_slice(b",\"data\":");
            page.extend_from_slice(r.body.as_bytes());
        }
        page.push(b'}');
    }
    page.extend_from_slice(b"],");
    let mut rest = json!({
        "next": site.feed_url(next),
        "publicationLevel": site.publication_level,
        "pcdsVersion": pcds::PCDS_VERSION,
    });
    if let Some(license) = &site.license {
        rest["license"] = json!(license);
    }
    let rest = rest.to_string();
    // `rest` is an object: splice its members in after the items.
    page.extend_from_slice(&rest.as_bytes()[1..]);
    page
}

/// The package metadata every package the publisher serves carries.
fn package_metadata(site: &Site, uri: String, published: pcds::DateTime) -> PackageMetadata {
    let mut metadata =
        PackageMetadata::new(uri, &site.name, site.publication_level.clone(), published);
    metadata.license.clone_from(&site.license);
    metadata
}

/// A record package with the record of one process: its releases, embedded, and the compiled
/// release merged from them by the OCDS rules.
///
/// # Errors
/// When a stored release is not valid JSON or the releases cannot be compiled.
pub fn record_package(
    site: &Site,
    ocid: &str,
    stored: &[StoredRelease],
) -> Result<RecordPackage, String> {
    let releases = stored
        .iter()
        .map(StoredRelease::release)
        .collect::<Result<Vec<_>, _>>()
        .map_err(|e| e.to_string())?;
    let record = pcds::record(&releases).map_err(|e| e.to_string())?;
    let published = stored
        .iter()
        .map(|r| r.published_at.as_str())
        .max()
        .unwrap_or_default();
    let published = published
        .parse()
        .map_err(|e| format!("a stored release of `{ocid}` has a damaged publication time: {e}"))?;
    let metadata = package_metadata(
        site,
        format!("{}/{}", site.base_url, record_path(ocid)),
        published,
    );
    Ok(RecordPackage::new(metadata, Vec::new(), vec![record]))
}

/// One release, as stored.
///
/// # Errors
/// When the stored text is not valid JSON.
pub fn release(stored: &StoredRelease) -> Result<Value, StoreError> {
    stored.release()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_last_page_points_at_itself_and_a_full_page_at_its_last_item() {
        let site = Site {
            base_url: "http://127.0.0.1:1".into(),
            name: "Test".into(),
            publication_level: PublicationLevel::Open,
            license: None,
            page_size: 2,
        };
        let parse = |bytes: Vec<u8>| serde_json::from_slice::<Value>(&bytes).expect("a JSON page");
        let empty = parse(feed_page(&site, 7, &[]));
        assert_eq!(empty["items"], json!([]));
        assert_eq!(empty["next"], "http://127.0.0.1:1/feed/7.json");
        let stored = StoredRelease {
            modified: 9,
            ocid: "o".into(),
            id: "i".into(),
            published_at: "2026-01-01T00:00:00Z".into(),
            body: "{\"id\":\"i\"}".into(),
            withdrawn_at: None,
        };
        let page = parse(feed_page(
            &site,
            7,
            &[
                stored.clone(),
                StoredRelease {
                    modified: 10,
                    id: "quote\"d".into(),
                    ..stored.clone()
                },
                StoredRelease {
                    modified: 11,
                    id: "gone".into(),
                    body: String::new(),
                    withdrawn_at: Some("2026-02-01T00:00:00Z".into()),
                    ..stored
                },
            ],
        ));
        assert_eq!(page["items"][1]["id"], "o/quote\"d");
        assert_eq!(page["next"], "http://127.0.0.1:1/feed/11.json");
        assert_eq!(
            page["items"][2],
            json!({"state": "deleted", "kind": "release", "id": "o/gone", "modified": 11}),
            "a withdrawn release is a deleted item with nothing of its content"
        );
        assert_eq!(page["items"][0]["modified"], 9);
        assert_eq!(page["items"][0]["data"]["id"], "i");
        // The hand-written page is the protocol's type.
        let typed: pcds::feed::FeedPage = serde_json::from_value(page).expect("a feed page");
        assert_eq!(typed.items.len(), 3);
        assert_eq!(typed.items[1].modified, 10);
        assert_eq!(typed.items[2].state, pcds::feed::ItemState::Deleted);
        assert_eq!(typed.items[2].data, None);
    }
}
