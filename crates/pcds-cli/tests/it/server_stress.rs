//! The server under concurrent writers while a harvester pages the feed, and killed with
//! SIGKILL in the middle of a stream of writes.

use std::collections::BTreeSet;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::thread;

use serde_json::Value;

use super::server::{Server, client, get_json, read_feed, token};
use super::{pcds, scratch};

/// `count` synthetic releases from `pcds generate` (prefix `ocds-pcdsgn-`), as JSON Lines.
fn generated(count: u64, seed: u64) -> Vec<Value> {
    let output = pcds()
        .args([
            "generate",
            "--releases",
            &count.to_string(),
            "--seed",
            &seed.to_string(),
        ])
        .output()
        .expect("runs");
    assert!(output.status.success());
    let package: Value = serde_json::from_slice(&output.stdout).expect("JSON");
    package["releases"].as_array().expect("releases").clone()
}

fn key(release: &Value) -> String {
    format!(
        "{}/{}",
        release["ocid"].as_str().expect("ocid"),
        release["id"].as_str().expect("id")
    )
}

fn lines(releases: &[Value]) -> Vec<u8> {
    let mut body = Vec::new();
    for release in releases {
        body.extend(serde_json::to_vec(release).expect("serialises"));
        body.push(b'\n');
    }
    body
}

#[test]
fn concurrent_publishers_and_a_polling_harvester_never_lose_or_repeat_an_item() {
    let dir = scratch("server-concurrent");
    let db = dir.join("pcds.sqlite");
    let secret = token(&db, "ocds-pcdsgn-");
    let server = Server::start(&db, &["--page-size", "7"]);
    let releases = generated(240, 11);
    let writers = 4;
    let acknowledged = Arc::new(Mutex::new(BTreeSet::new()));
    let done = Arc::new(AtomicBool::new(false));

    // The harvester follows `next` and polls the last page until the writers are done, then
    // once more.
    let feed_start = get_json(&format!("{}/", server.url))["links"]["feed"]
        .as_str()
        .expect("feed")
        .to_owned();
    let harvester = {
        let done = done.clone();
        thread::spawn(move || {
            let http = client();
            let mut next = feed_start;
            let mut seen = Vec::new();
            let mut last_poll = false;
            loop {
                let fetched = http.fetch(&next, &[]).expect("answers");
                assert_eq!(fetched.status, 200);
                let page: Value = serde_json::from_slice(&fetched.body).expect("JSON");
                let items = page["items"].as_array().expect("items");
                for item in items {
                    seen.push((
                        item["modified"].as_i64().expect("modified"),
                        item["id"].as_str().expect("id").to_owned(),
                    ));
                }
                next = page["next"].as_str().expect("next").to_owned();
                if items.is_empty() {
                    if last_poll {
                        return seen;
                    }
                    last_poll = done.load(Ordering::SeqCst);
                }
            }
        })
    };

    let mut handles = Vec::new();
    for writer in 0..writers {
        let mine: Vec<Value> = releases
            .iter()
            .skip(writer)
            .step_by(writers)
            .cloned()
            .collect();
        let url = format!("{}/releases", server.url);
        let secret = secret.clone();
        let acknowledged = acknowledged.clone();
        handles.push(thread::spawn(move || {
            let http = client();
            for batch in mine.chunks(3) {
                let answer = http
                    .post(&url, &secret, "application/x-ndjson", lines(batch))
                    .expect("answers");
                assert_eq!(
                    answer.status,
                    201,
                    "{}",
                    String::from_utf8_lossy(&answer.body)
                );
                let mut acknowledged = acknowledged.lock().expect("lock");
                for release in batch {
                    acknowledged.insert(key(release));
                }
            }
        }));
    }
    for handle in handles {
        handle.join().expect("a writer finished");
    }
    done.store(true, Ordering::SeqCst);
    let seen = harvester.join().expect("the harvester finished");

    let acknowledged = acknowledged.lock().expect("lock").clone();
    assert_eq!(acknowledged.len(), releases.len());
    let ids: Vec<&String> = seen.iter().map(|(_, id)| id).collect();
    let distinct: BTreeSet<String> = ids.iter().map(|id| (*id).clone()).collect();
    assert_eq!(ids.len(), distinct.len(), "no item was repeated");
    assert_eq!(
        distinct, acknowledged,
        "every acknowledged release was harvested"
    );
    assert!(
        seen.windows(2).all(|w| w[0] < w[1]),
        "items came in (modified, id) order"
    );
    assert_eq!(read_feed(&format!("{}/", server.url)).len(), releases.len());
}

#[test]
fn every_acknowledged_release_survives_sigkill() {
    let dir = scratch("server-crash");
    let db = dir.join("pcds.sqlite");
    let secret = token(&db, "ocds-pcdsgn-");
    let mut server = Server::start(&db, &[]);
    // Far more releases than are written before the kill, so it always lands mid-stream.
    let releases = generated(1500, 5);
    let acknowledged = Arc::new(Mutex::new(Vec::new()));
    let writer = {
        let url = format!("{}/releases", server.url);
        let acknowledged = acknowledged.clone();
        let releases = releases.clone();
        thread::spawn(move || {
            let http = client();
            for release in &releases {
                match http.post(
                    &url,
                    &secret,
                    "application/x-ndjson",
                    lines(std::slice::from_ref(release)),
                ) {
                    Ok(answer) if answer.status == 201 => {
                        acknowledged.lock().expect("lock").push(release.clone())
                    }
                    // The server died under this request: it was never acknowledged.
                    _ => return,
                }
            }
        })
    };
    // Kill the server mid-stream, once a good number of writes are acknowledged.
    while acknowledged.lock().expect("lock").len() < 40 {
        thread::sleep(std::time::Duration::from_millis(5));
    }
    server.child.kill().expect("sends SIGKILL");
    server.child.wait().expect("reaps");
    writer.join().expect("the writer stopped");
    let acknowledged = acknowledged.lock().expect("lock").clone();
    assert!(
        acknowledged.len() >= 40 && acknowledged.len() < releases.len(),
        "killed mid-stream: {}",
        acknowledged.len()
    );

    let restarted = Server::start(&db, &[]);
    for release in &acknowledged {
        let url = format!(
            "{}/releases/{}/{}.json",
            restarted.url,
            release["ocid"].as_str().expect("ocid"),
            release["id"].as_str().expect("id")
        );
        assert_eq!(get_json(&url), *release, "{url} is present and intact");
    }
    let stored = read_feed(&format!("{}/", restarted.url));
    assert!(stored.len() >= acknowledged.len());
    // The store is consistent after the crash: positions are unique and increasing.
    assert!(
        stored
            .windows(2)
            .all(|w| w[0]["modified"].as_i64() < w[1]["modified"].as_i64())
    );
}
