//! The checks against canned endpoints that break one rule each: the real server never does,
//! so these prove the checks can fail.

use std::collections::HashMap;

use serde_json::{Value, json};

use super::*;

struct Canned(HashMap<String, Value>);

impl FeedClient for Canned {
    fn get(&self, url: &str, headers: &[(&str, &str)]) -> Result<Fetched, String> {
        let Some(body) = self.0.get(url) else {
            return Ok(Fetched {
                status: 404,
                ..Fetched::default()
            });
        };
        let etag = format!("\"{}\"", body.to_string().len());
        if headers
            .iter()
            .any(|(n, v)| *n == "If-None-Match" && *v == etag)
        {
            return Ok(Fetched {
                status: 304,
                ..Fetched::default()
            });
        }
        Ok(Fetched {
            status: 200,
            content_type: Some("application/json".into()),
            etag: Some(etag),
            last_modified: None,
            body: body.to_string().into_bytes(),
        })
    }
}

struct AcceptAll;

impl ReleaseChecker for AcceptAll {
    fn errors(&self, release: &Value, _: &str) -> Vec<String> {
        if release["broken"] == true {
            vec!["PCDS-SCHEMA-001 at /broken: not allowed".into()]
        } else {
            Vec::new()
        }
    }
    fn record_errors(&self, _: &Value, _: &str) -> Vec<String> {
        Vec::new()
    }
}

const BASE: &str = "http://127.0.0.1:9";

fn item(modified: i64, id: &str) -> Value {
    json!({"state": "updated", "kind": "release", "id": format!("o/{id}"), "modified": modified, "data": {"ocid": "o", "id": id}})
}

/// A conforming endpoint with two releases over two pages, with `change` applied.
fn endpoint(change: impl FnOnce(&mut HashMap<String, Value>)) -> Canned {
    let mut docs = HashMap::new();
    docs.insert(format!("{BASE}/"), json!({
        "pcdsVersion": "0.2", "publicationLevel": "open",
        "links": {"feed": format!("{BASE}/feed/0.json"), "record": format!("{BASE}/records/{{ocid}}.json"), "release": format!("{BASE}/releases/{{ocid}}/{{id}}.json")}
    }));
    docs.insert(
        format!("{BASE}/feed/0.json"),
        json!({"items": [item(1, "a")], "next": format!("{BASE}/feed/1.json")}),
    );
    docs.insert(
        format!("{BASE}/feed/1.json"),
        json!({"items": [item(2, "b")], "next": format!("{BASE}/feed/2.json")}),
    );
    docs.insert(
        format!("{BASE}/feed/2.json"),
        json!({"items": [], "next": format!("{BASE}/feed/2.json")}),
    );
    docs.insert(
        format!("{BASE}/records/o.json"),
        json!({"records": [{"ocid": "o", "compiledRelease": {}}]}),
    );
    docs.insert(
        format!("{BASE}/releases/o/a.json"),
        json!({"ocid": "o", "id": "a"}),
    );
    docs.insert(
        format!("{BASE}/releases/o/b.json"),
        json!({"ocid": "o", "id": "b"}),
    );
    change(&mut docs);
    Canned(docs)
}

/// A change that breaks a conforming endpoint.
type Change = Box<dyn FnOnce(&mut HashMap<String, Value>)>;

fn failed(report: &FeedReport) -> Vec<&'static str> {
    report
        .checks
        .iter()
        .filter(|c| !c.passed)
        .map(|c| c.id)
        .collect()
}

#[test]
fn a_conforming_endpoint_passes_every_check() {
    let report = check_feed(&format!("{BASE}/"), &endpoint(|_| {}), &AcceptAll, 100);
    assert!(report.passed(), "{}", report.to_text());
    assert_eq!((report.pages, report.items), (3, 2));
    assert_eq!(report.checks.len(), 9);
}

#[test]
fn each_broken_rule_fails_its_own_check() {
    let cases: Vec<(&str, Change)> = vec![
        (
            "FEED-ORDER",
            Box::new(|d| {
                d.insert(
                    format!("{BASE}/feed/1.json"),
                    json!({"items": [item(1, "a")], "next": format!("{BASE}/feed/2.json")}),
                );
            }),
        ),
        (
            "FEED-LAST-PAGE",
            Box::new(|d| {
                d.insert(
                    format!("{BASE}/feed/2.json"),
                    json!({"items": [], "next": format!("{BASE}/feed/3.json")}),
                );
            }),
        ),
        (
            "FEED-ITEMS-VALID",
            Box::new(|d| {
                d.insert(format!("{BASE}/feed/0.json"), json!({"items": [{"state": "updated", "kind": "release", "id": "o/a", "modified": 1, "data": {"ocid": "o", "id": "a", "broken": true}}], "next": format!("{BASE}/feed/1.json")}));
            }),
        ),
        (
            "FEED-PAGES",
            Box::new(|d| {
                d.insert(
                    format!("{BASE}/feed/0.json"),
                    json!({"items": [item(1, "a")], "next": "feed/1.json"}),
                );
            }),
        ),
        (
            "FEED-RECORDS",
            Box::new(|d| {
                d.remove(&format!("{BASE}/records/o.json"));
            }),
        ),
        (
            "FEED-RELEASES",
            Box::new(|d| {
                d.insert(
                    format!("{BASE}/releases/o/b.json"),
                    json!({"ocid": "o", "id": "b", "changed": 1}),
                );
            }),
        ),
        (
            "FEED-DISCOVERY",
            Box::new(|d| {
                d.insert(
                    format!("{BASE}/"),
                    json!({"links": {"feed": format!("{BASE}/feed/0.json")}}),
                );
            }),
        ),
    ];
    for (expected, change) in cases {
        let report = check_feed(&format!("{BASE}/"), &endpoint(change), &AcceptAll, 100);
        assert!(
            failed(&report).contains(&expected),
            "{expected}: {}",
            report.to_text()
        );
    }
}

#[test]
fn a_feed_that_never_ends_is_reported_not_followed_forever() {
    let client = endpoint(|d| {
        d.insert(
            format!("{BASE}/feed/1.json"),
            json!({"items": [item(2, "b")], "next": format!("{BASE}/feed/1.json")}),
        );
    });
    let report = check_feed(&format!("{BASE}/"), &client, &AcceptAll, 100);
    assert_eq!(failed(&report), vec!["FEED-LAST-PAGE"]);
    let report = check_feed(&format!("{BASE}/"), &endpoint(|_| {}), &AcceptAll, 1);
    assert!(failed(&report).contains(&"FEED-LAST-PAGE"));
}

#[test]
fn an_unreachable_endpoint_fails_without_panicking() {
    let report = check_feed(
        "http://127.0.0.1:9/nowhere",
        &endpoint(|_| {}),
        &AcceptAll,
        10,
    );
    assert!(!report.passed());
    assert!(report.to_text().contains("not reached"));
}

#[test]
fn segments_round_trip() {
    for value in [
        "ocds-pcdsex-bir-2025-0007",
        "a/b",
        "..",
        ".x",
        "~",
        "£ and spaces",
        "",
    ] {
        let encoded = segment(value);
        assert!(!encoded.starts_with('.'));
        assert!(
            encoded
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b"-_.~".contains(&b)),
            "{encoded}"
        );
        assert_eq!(unsegment(&encoded).as_deref(), Some(value));
    }
    assert_eq!(segment("a/b"), "a~2fb");
    for bad in ["~zz", "~2", "~ff", "~+1"] {
        assert_eq!(unsegment(bad), None, "{bad}");
    }
}

#[test]
fn a_withdrawn_release_is_a_deleted_item_and_is_not_looked_for_at_its_address() {
    let deleted = |modified: i64, id: &str| json!({"state": "deleted", "kind": "release", "id": format!("o/{id}"), "modified": modified});
    // `a` was withdrawn: its item moved after `b`, and its address is gone.
    let withdrawn = endpoint(|d| {
        d.insert(
            format!("{BASE}/feed/0.json"),
            json!({"items": [item(2, "b")], "next": format!("{BASE}/feed/2.json")}),
        );
        d.insert(
            format!("{BASE}/feed/2.json"),
            json!({"items": [deleted(3, "a")], "next": format!("{BASE}/feed/3.json")}),
        );
        d.insert(
            format!("{BASE}/feed/3.json"),
            json!({"items": [], "next": format!("{BASE}/feed/3.json")}),
        );
        d.remove(&format!("{BASE}/releases/o/a.json"));
    });
    let report = check_feed(&format!("{BASE}/"), &withdrawn, &AcceptAll, 100);
    assert!(report.passed(), "{}", report.to_text());
    assert_eq!(report.items, 2);

    for (broken, item) in [
        (
            "FEED-PAGES",
            json!({"state": "deleted", "kind": "release", "id": "o/a", "modified": 3, "data": {"ocid": "o", "id": "a"}}),
        ),
        (
            "FEED-PAGES",
            json!({"state": "deleted", "kind": "release", "id": "o/a"}),
        ),
        ("FEED-ORDER", deleted(1, "a")),
    ] {
        let endpoint = endpoint(|d| {
            d.insert(
                format!("{BASE}/feed/2.json"),
                json!({"items": [item], "next": format!("{BASE}/feed/3.json")}),
            );
            d.insert(
                format!("{BASE}/feed/3.json"),
                json!({"items": [], "next": format!("{BASE}/feed/3.json")}),
            );
        });
        let report = check_feed(&format!("{BASE}/"), &endpoint, &AcceptAll, 100);
        assert_eq!(failed(&report), vec![broken], "{}", report.to_text());
    }
}
