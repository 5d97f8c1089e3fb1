//! The checks, in the order a harvester meets what they check.

use std::collections::HashSet;

use serde_json::Value;

use super::{CheckResult, FeedClient, FeedReport, Fetched, ReleaseChecker};

/// How many examples of one failure a report lists.
const EXAMPLES: usize = 5;
/// How many processes' records and releases are fetched to check them.
const SAMPLE: usize = 20;

struct Check {
    id: &'static str,
    title: &'static str,
    failures: Vec<String>,
    failed: usize,
    reached: bool,
}

impl Check {
    fn new(id: &'static str, title: &'static str) -> Check {
        Check {
            id,
            title,
            failures: Vec::new(),
            failed: 0,
            reached: false,
        }
    }

    fn fail(&mut self, detail: impl Into<String>) {
        self.reached = true;
        self.failed += 1;
        if self.failures.len() < EXAMPLES {
            self.failures.push(detail.into());
        }
    }

    fn pass(&mut self) {
        self.reached = true;
    }

    fn result(self) -> CheckResult {
        let mut details = self.failures;
        if self.failed > details.len() {
            details.push(format!("… and {} more", self.failed - details.len()));
        }
        if !self.reached {
            details.push("not reached: an earlier check stopped the walk".into());
        }
        CheckResult {
            id: self.id,
            title: self.title,
            passed: self.reached && self.failed == 0,
            details,
        }
    }
}

/// The checks of the feed class.
struct Checks {
    discovery: Check,
    content_type: Check,
    pages: Check,
    order: Check,
    last_page: Check,
    items_valid: Check,
    records: Check,
    releases: Check,
    caching: Check,
}

impl Checks {
    fn new() -> Checks {
        Checks {
            discovery: Check::new(
                "FEED-DISCOVERY",
                "The discovery document is JSON with pcdsVersion, publicationLevel and links to the feed, records and releases",
            ),
            content_type: Check::new(
                "FEED-CONTENT-TYPE",
                "Every document answers 200 with a JSON media type",
            ),
            pages: Check::new(
                "FEED-PAGES",
                "Every feed page has items and an absolute next link; every item has state, kind, id, an integer modified and the release as data, or, for a withdrawn release, the state deleted and no data",
            ),
            order: Check::new(
                "FEED-ORDER",
                "Items come in strictly increasing (modified, id) order across pages, none repeated",
            ),
            last_page: Check::new(
                "FEED-LAST-PAGE",
                "The last page has no items and its next link is its own address; polling it again returns nothing older",
            ),
            items_valid: Check::new(
                "FEED-ITEMS-VALID",
                "Every item is a valid PCDS release at the declared publication level",
            ),
            records: Check::new(
                "FEED-RECORDS",
                "Each process's record is a valid record package for its ocid, with a compiled release",
            ),
            releases: Check::new(
                "FEED-RELEASES",
                "Each release is served at its own address, identical to its feed item",
            ),
            caching: Check::new(
                "FEED-CACHING",
                "Documents carry an ETag or Last-Modified, and a matching conditional request answers 304",
            ),
        }
    }

    fn into_results(self) -> Vec<CheckResult> {
        vec![
            self.discovery.result(),
            self.content_type.result(),
            self.pages.result(),
            self.order.result(),
            self.last_page.result(),
            self.items_valid.result(),
            self.records.result(),
            self.releases.result(),
            self.caching.result(),
        ]
    }
}

fn absolute(url: &str) -> bool {
    url.starts_with("https://") || url.starts_with("http://")
}

/// Fetches a JSON document, recording content-type failures; `None` when it cannot be read.
fn fetch_json(client: &dyn FeedClient, url: &str, checks: &mut Checks) -> Option<(Value, Fetched)> {
    let fetched = match client.get(url, &[]) {
        Ok(f) => f,
        Err(e) => {
            checks.content_type.fail(format!("{url}: no answer: {e}"));
            return None;
        }
    };
    let json_type = fetched
        .content_type
        .as_deref()
        .map(|t| {
            t.split(';')
                .next()
                .unwrap_or_default()
                .trim()
                .to_ascii_lowercase()
        })
        .is_some_and(|t| t == "application/json" || t.ends_with("+json"));
    if fetched.status != 200 {
        checks
            .content_type
            .fail(format!("{url}: status {}", fetched.status));
        return None;
    }
    if json_type {
        checks.content_type.pass();
    } else {
        checks.content_type.fail(format!(
            "{url}: Content-Type is `{}`, not application/json",
            fetched.content_type.as_deref().unwrap_or("(none)")
        ));
    }
    match serde_json::from_slice(&fetched.body) {
        Ok(value) => Some((value, fetched)),
        Err(e) => {
            checks.content_type.fail(format!("{url}: not JSON: {e}"));
            None
        }
    }
}

/// Checks a conditional request against a fetched document.
fn check_caching(client: &dyn FeedClient, url: &str, fetched: &Fetched, check: &mut Check) {
    let header = match (&fetched.etag, &fetched.last_modified) {
        (Some(etag), _) => ("If-None-Match", etag.as_str()),
        (None, Some(date)) => ("If-Modified-Since", date.as_str()),
        (None, None) => {
            check.fail(format!("{url}: neither ETag nor Last-Modified"));
            return;
        }
    };
    match client.get(url, &[header]) {
        Ok(again) if again.status == 304 => check.pass(),
        Ok(again) => check.fail(format!(
            "{url}: {} answered {}, not 304",
            header.0, again.status
        )),
        Err(e) => check.fail(format!("{url}: no answer to a conditional request: {e}")),
    }
}

/// Walks the endpoint at `url` as a harvester would, following at most `max_pages` pages, and
/// reports every check of the feed class.
pub fn check_feed(
    url: &str,
    client: &dyn FeedClient,
    checker: &dyn ReleaseChecker,
    max_pages: usize,
) -> FeedReport {
    let mut checks = Checks::new();
    let mut report = FeedReport {
        url: url.to_owned(),
        class: format!("{}feed", crate::classes::CLASS_BASE_URI),
        pages: 0,
        items: 0,
        checks: Vec::new(),
    };
    let Some((discovery, fetched)) = fetch_json(client, url, &mut checks) else {
        checks
            .discovery
            .fail(format!("{url}: the discovery document could not be read"));
        report.checks = checks.into_results();
        return report;
    };
    check_caching(client, url, &fetched, &mut checks.caching);
    let level = discovery["publicationLevel"]
        .as_str()
        .unwrap_or_default()
        .to_owned();
    if discovery["pcdsVersion"].as_str().is_none() {
        checks.discovery.fail("no `pcdsVersion` string");
    }
    if level != "open" && level != "partnership" {
        checks
            .discovery
            .fail("`publicationLevel` is not `open` or `partnership`");
    }
    let links = &discovery["links"];
    let feed = links["feed"]
        .as_str()
        .filter(|u| absolute(u))
        .map(str::to_owned);
    let record = links["record"]
        .as_str()
        .filter(|u| absolute(u) && u.contains("{ocid}"))
        .map(str::to_owned);
    let release = links["release"]
        .as_str()
        .filter(|u| absolute(u) && u.contains("{ocid}") && u.contains("{id}"))
        .map(str::to_owned);
    for (name, link) in [("feed", &feed), ("record", &record), ("release", &release)] {
        if link.is_none() {
            checks.discovery.fail(format!(
                "`links.{name}` is missing, not absolute, or lacks its template parts"
            ));
        }
    }
    checks.discovery.pass();
    let Some(mut current) = feed else {
        report.checks = checks.into_results();
        return report;
    };

    let mut seen = HashSet::new();
    let mut last_key: Option<(i64, String)> = None;
    let mut sample: Vec<(String, String, Value)> = Vec::new();
    let mut ocids: Vec<String> = Vec::new();
    let mut reached_end = false;
    while report.pages < max_pages {
        let Some((page, fetched)) = fetch_json(client, &current, &mut checks) else {
            break;
        };
        if report.pages == 0 {
            check_caching(client, &current, &fetched, &mut checks.caching);
        }
        report.pages += 1;
        let (Some(items), Some(next)) = (page["items"].as_array(), page["next"].as_str()) else {
            checks
                .pages
                .fail(format!("{current}: no `items` array or no `next` string"));
            break;
        };
        if !absolute(next) {
            checks.pages.fail(format!(
                "{current}: `next` is not an absolute URL: `{next}`"
            ));
            break;
        }
        checks.pages.pass();
        for (index, item) in items.iter().enumerate() {
            report.items += 1;
            if item["state"] == "deleted" {
                deleted_item(item, index, &current, &mut checks, &mut seen, &mut last_key);
                if let Some(id) = item["id"].as_str() {
                    // What was withdrawn is no longer at its address.
                    sample.retain(|(o, i, _)| pcds::feed::FeedItem::id_of(o, i) != id);
                    ocids.retain(|o| !id.starts_with(&format!("{o}/")));
                }
                continue;
            }
            let (Some(id), Some(modified), Some(data)) = (
                item["id"].as_str(),
                item["modified"].as_i64(),
                item.get("data").filter(|d| d.is_object()),
            ) else {
                checks.pages.fail(format!("{current} item {index}: needs a string `id`, an integer `modified` and an object `data`"));
                continue;
            };
            if item["state"] != "updated" || item["kind"] != "release" {
                checks.pages.fail(format!(
                    "{current} item {index}: `state` must be `updated` (or `deleted`, without `data`) and `kind` `release`"
                ));
            }
            let key = (modified, id.to_owned());
            if !seen.insert(id.to_owned()) {
                checks
                    .order
                    .fail(format!("{current} item {index}: `{id}` was already seen"));
            } else if last_key.as_ref().is_some_and(|last| key <= *last) {
                checks.order.fail(format!("{current} item {index}: ({modified}, `{id}`) does not come after the item before it"));
            } else {
                checks.order.pass();
            }
            last_key = Some(key);
            let errors = checker.errors(data, &level);
            if errors.is_empty() {
                checks.items_valid.pass();
            } else {
                checks.items_valid.fail(format!(
                    "{current} item {index} (`{id}`): {}",
                    errors.join("; ")
                ));
            }
            if let (Some(ocid), Some(release_id)) = (data["ocid"].as_str(), data["id"].as_str()) {
                if !ocids.iter().any(|o| o == ocid) && ocids.len() < SAMPLE {
                    ocids.push(ocid.to_owned());
                }
                if sample.len() < SAMPLE {
                    sample.push((ocid.to_owned(), release_id.to_owned(), data.clone()));
                }
            }
        }
        if items.is_empty() {
            reached_end = true;
            if next == current {
                checks.last_page.pass();
            } else {
                checks.last_page.fail(format!(
                    "{current}: the page has no items, but `next` points elsewhere ({next})"
                ));
            }
            // Poll once more: anything new must come after what was seen.
            if let Some((again, _)) = fetch_json(client, &current, &mut checks) {
                for item in again["items"].as_array().into_iter().flatten() {
                    let key = (
                        item["modified"].as_i64().unwrap_or(i64::MIN),
                        item["id"].as_str().unwrap_or_default().to_owned(),
                    );
                    if last_key.as_ref().is_some_and(|last| key <= *last) {
                        checks.last_page.fail(format!(
                            "{current}: polling again returned an item already passed ({}, `{}`)",
                            key.0, key.1
                        ));
                    }
                }
            }
            break;
        }
        if next == current {
            checks.last_page.fail(format!("{current}: a page with items names itself as `next`, so a harvester would read it again"));
            break;
        }
        current = next.to_owned();
    }
    if reached_end {
        // An empty feed is in order and has no invalid items.
        checks.order.pass();
        checks.items_valid.pass();
    }
    if !reached_end && report.pages >= max_pages {
        checks.last_page.fail(format!(
            "stopped after {max_pages} page(s) without reaching the last page; raise the page limit"
        ));
    }

    if let Some(template) = record {
        for ocid in &ocids {
            let url = pcds::feed::fill(&template, ocid, None);
            let Some((package, _)) = fetch_json(client, &url, &mut checks) else {
                checks
                    .records
                    .fail(format!("{url}: the record could not be read"));
                continue;
            };
            let found = &package["records"][0];
            if found["ocid"] != ocid.as_str() || !found["compiledRelease"].is_object() {
                checks.records.fail(format!(
                    "{url}: `records/0` is not the record of `{ocid}` with a compiled release"
                ));
                continue;
            }
            let errors = checker.record_errors(&package, &level);
            if errors.is_empty() {
                checks.records.pass();
            } else {
                checks.records.fail(format!("{url}: {}", errors.join("; ")));
            }
        }
        if ocids.is_empty() {
            checks.records.pass();
        }
    }
    if let Some(template) = release {
        for (ocid, id, data) in &sample {
            let url = pcds::feed::fill(&template, ocid, Some(id));
            match fetch_json(client, &url, &mut checks) {
                Some((served, _)) if served == *data => checks.releases.pass(),
                Some(_) => checks
                    .releases
                    .fail(format!("{url}: differs from the feed item")),
                None => checks
                    .releases
                    .fail(format!("{url}: the release could not be read")),
            }
        }
        if sample.is_empty() {
            checks.releases.pass();
        }
    }
    report.checks = checks.into_results();
    report
}

/// Checks a `deleted` item (a withdrawn release): an id, an integer `modified`, kind
/// `release`, no `data`, and its place in the feed's order. An id seen before as `updated`
/// may come back as `deleted` later in the order: that is a withdrawal during the walk.
fn deleted_item(
    item: &Value,
    index: usize,
    current: &str,
    checks: &mut Checks,
    seen: &mut HashSet<String>,
    last_key: &mut Option<(i64, String)>,
) {
    let (Some(id), Some(modified)) = (item["id"].as_str(), item["modified"].as_i64()) else {
        checks.pages.fail(format!(
            "{current} item {index}: a deleted item needs a string `id` and an integer `modified`"
        ));
        return;
    };
    if item["kind"] != "release" || item.get("data").is_some() {
        checks.pages.fail(format!(
            "{current} item {index}: a deleted item has `kind` `release` and no `data`, so nothing of the withdrawn release is served"
        ));
    }
    let key = (modified, id.to_owned());
    seen.insert(id.to_owned());
    if last_key.as_ref().is_some_and(|last| key <= *last) {
        checks.order.fail(format!(
            "{current} item {index}: ({modified}, `{id}`) does not come after the item before it"
        ));
    } else {
        checks.order.pass();
    }
    *last_key = Some(key);
}
