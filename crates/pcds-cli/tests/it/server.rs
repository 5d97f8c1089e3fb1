//! `pcds serve` as a real process on an ephemeral loopback port, with its real clients:
//! `pcds publish`, `pcds harvest`, `pcds export` and `pcds conformance check-feed`.

use std::collections::BTreeMap;
use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command as Process, Stdio};

use pcds_cli::feed::HttpClient;
use serde_json::{Value, json};

use super::{pcds, repo_root, scratch};

/// A running `pcds serve`, killed when dropped.
pub struct Server {
    pub child: Child,
    pub url: String,
}

impl Server {
    /// Starts a server on `db` at the partnership level (the examples include partnership
    /// data), with `extra` arguments, and waits until it listens.
    pub fn start(db: &Path, extra: &[&str]) -> Server {
        let mut child = Process::new(env!("CARGO_BIN_EXE_pcds"))
            .args([
                "serve",
                "--addr",
                "127.0.0.1:0",
                "--level",
                "partnership",
                "--db",
            ])
            .arg(db)
            .args(extra)
            .env("NO_COLOR", "1")
            .env("RUST_LOG", "warn")
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("starts pcds serve");
        let mut line = String::new();
        BufReader::new(child.stdout.take().expect("has stdout"))
            .read_line(&mut line)
            .expect("reads the first line");
        let url = line
            .trim()
            .strip_prefix("pcds serve: listening on ")
            .unwrap_or_else(|| panic!("unexpected first line: {line:?}"))
            .to_owned();
        assert!(url.starts_with("http://127.0.0.1:"), "{url}");
        Server { child, url }
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Creates a token with `pcds serve token create` and returns its secret.
pub fn token(db: &Path, prefix: &str) -> String {
    let output = pcds()
        .args([
            "serve",
            "token",
            "create",
            "--publisher",
            "Synthetic Council",
            "--prefix",
            prefix,
            "--db",
        ])
        .arg(db)
        .output()
        .expect("runs");
    assert!(output.status.success(), "{output:?}");
    let secret = String::from_utf8(output.stdout)
        .expect("utf-8")
        .trim()
        .to_owned();
    assert!(secret.starts_with("pcds_") && secret.len() > 40, "{secret}");
    secret
}

pub fn client() -> HttpClient {
    HttpClient::new(30, 1 << 28).expect("builds a client")
}

/// GETs a JSON document, asserting a 200.
pub fn get_json(url: &str) -> Value {
    let fetched = client().fetch(url, &[]).expect("answers");
    assert_eq!(
        fetched.status,
        200,
        "{url}: {}",
        String::from_utf8_lossy(&fetched.body)
    );
    serde_json::from_slice(&fetched.body).expect("JSON")
}

/// Follows the feed from a discovery document to its last page: every item, in order.
pub fn read_feed(discovery: &str) -> Vec<Value> {
    let mut next = get_json(discovery)["links"]["feed"]
        .as_str()
        .expect("a feed link")
        .to_owned();
    let mut items = Vec::new();
    loop {
        let page = get_json(&next);
        let page_items = page["items"].as_array().expect("items").clone();
        let following = page["next"].as_str().expect("next").to_owned();
        if page_items.is_empty() {
            assert_eq!(following, next, "the last page points at itself");
            return items;
        }
        items.extend(page_items);
        next = following;
    }
}

/// Every release of every example, keyed by (ocid, id).
fn example_releases() -> BTreeMap<(String, String), Value> {
    let mut all = BTreeMap::new();
    for entry in std::fs::read_dir(repo_root().join("examples")).expect("lists examples") {
        let path = entry.expect("an entry").path();
        if path.extension().is_some_and(|e| e == "json") {
            let package: Value =
                serde_json::from_slice(&std::fs::read(&path).expect("reads")).expect("JSON");
            for release in package["releases"].as_array().expect("releases") {
                let key = (
                    release["ocid"].as_str().expect("ocid").to_owned(),
                    release["id"].as_str().expect("id").to_owned(),
                );
                all.insert(key, release.clone());
            }
        }
    }
    all
}

pub fn publish(server: &Server, file: &Path, token: &str) -> std::process::Output {
    pcds()
        .arg("publish")
        .arg(file)
        .args(["--to", &server.url, "--token", token])
        .output()
        .expect("runs")
}

#[test]
fn batches_sent_side_by_side_keep_each_process_in_order() {
    let dir = scratch("server-concurrent-publish");
    let db = dir.join("pcds.sqlite");
    let token = token(&db, "ocds-pcdsex-");
    let server = Server::start(&db, &[]);
    // One placement as six releases, each stage referring to offers and awards of the stages
    // before it: a stage that reached the server before its predecessor would be refused.
    // Interleaved with the releases of another process, one release per request, four at once.
    let history: Value = serde_json::from_slice(
        &std::fs::read(repo_root().join("examples/placement-release-history.json")).expect("reads"),
    )
    .expect("JSON");
    let other: Value = serde_json::from_slice(
        &std::fs::read(repo_root().join("examples/sibling-group-foster-placement.json"))
            .expect("reads"),
    )
    .expect("JSON");
    let mut releases = Vec::new();
    let (a, b) = (
        history["releases"].as_array().expect("releases"),
        other["releases"].as_array().expect("releases"),
    );
    for i in 0..a.len().max(b.len()) {
        releases.extend(a.get(i).cloned());
        releases.extend(b.get(i).cloned());
    }
    let mut package = history.clone();
    package["releases"] = Value::Array(releases.clone());
    let file = dir.join("interleaved.json");
    std::fs::write(&file, package.to_string()).expect("writes");
    let output = pcds()
        .arg("publish")
        .arg(&file)
        .args(["--to", &server.url, "--token", &token])
        .args(["--batch", "1", "--concurrent", "4"])
        .output()
        .expect("runs");
    let said = String::from_utf8_lossy(&output.stderr);
    assert!(output.status.success(), "{said}");
    assert!(
        said.contains(&format!("published {} new release(s)", releases.len()))
            && said.contains(&format!("{} request(s)", releases.len())),
        "{said}"
    );
    // Each process's releases are in the feed in the order of the file.
    let items = read_feed(&format!("{}/", server.url));
    for process in [a, b] {
        let ocid = process[0]["ocid"].as_str().expect("an ocid");
        let fed: Vec<&str> = items
            .iter()
            .filter(|item| item["data"]["ocid"] == ocid)
            .map(|item| item["data"]["id"].as_str().expect("an id"))
            .collect();
        let given: Vec<&str> = process
            .iter()
            .map(|r| r["id"].as_str().expect("an id"))
            .collect();
        assert_eq!(fed, given, "{ocid}");
    }
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn examples_publish_read_back_compile_harvest_export_and_conform() {
    let dir = scratch("server-examples");
    let db = dir.join("pcds.sqlite");
    let token = token(&db, "ocds-pcdsex-");
    let server = Server::start(&db, &["--page-size", "4", "--suppress-below", "2"]);
    let examples = repo_root().join("examples");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&examples)
        .expect("lists")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .collect();
    files.sort();
    for file in &files {
        let output = publish(&server, file, &token);
        assert!(
            output.status.success(),
            "{}: {}",
            file.display(),
            String::from_utf8_lossy(&output.stderr)
        );
    }
    // Publishing the same file again changes nothing.
    let again = publish(&server, &files[0], &token);
    assert!(again.status.success());
    assert!(
        String::from_utf8_lossy(&again.stderr).contains("published 0 new release(s)"),
        "{again:?}"
    );

    // The feed holds every example release exactly once, unchanged, in (modified, id) order.
    let expected = example_releases();
    let items = read_feed(&format!("{}/", server.url));
    assert_eq!(items.len(), expected.len());
    let mut previous = 0;
    for item in &items {
        let modified = item["modified"].as_i64().expect("modified");
        assert!(modified > previous, "positions increase");
        previous = modified;
        let data = &item["data"];
        let key = (
            data["ocid"].as_str().expect("ocid").to_owned(),
            data["id"].as_str().expect("id").to_owned(),
        );
        assert_eq!(
            Some(data),
            expected.get(&key),
            "{key:?} comes back as published"
        );
        // And each release has its own address.
        let discovery = get_json(&format!("{}/", server.url));
        let template = discovery["links"]["release"].as_str().expect("template");
        let url = template.replace("{ocid}", &key.0).replace("{id}", &key.1);
        assert_eq!(get_json(&url), *data);
    }

    // Records: compiled by the same function `pcds compile` uses.
    let history = repo_root().join("examples/placement-release-history.json");
    let compiled = pcds().arg("compile").arg(&history).output().expect("runs");
    let compiled: Value = serde_json::from_slice(&compiled.stdout).expect("JSON");
    let ocid = compiled["records"][0]["ocid"].as_str().expect("ocid");
    let record = get_json(&format!("{}/records/{ocid}.json", server.url));
    assert_eq!(
        record["records"][0]["compiledRelease"],
        compiled["records"][0]["compiledRelease"]
    );
    assert_eq!(
        record["records"][0]["releases"].as_array().map(Vec::len),
        Some(6)
    );
    let record_file = dir.join("record.json");
    std::fs::write(
        &record_file,
        serde_json::to_vec(&record).expect("serialises"),
    )
    .expect("writes");
    let validated = pcds()
        .arg("validate")
        .arg(&record_file)
        .output()
        .expect("runs");
    assert!(
        validated.status.success(),
        "the served record package is valid: {}",
        String::from_utf8_lossy(&validated.stdout)
    );

    // Statistics: every placement counted once, cells under the threshold hidden.
    let stats = get_json(&format!("{}/stats.json?by=placementType", server.url));
    let cells = stats["cells"].as_array().expect("cells");
    assert!(!cells.is_empty());
    for cell in cells {
        match cell["placements"].as_u64() {
            Some(n) => assert!(n >= 2, "{cell}"),
            None => assert_eq!(cell["suppressed"], true, "{cell}"),
        }
    }

    // The feed class passes against the live server, with a certificate to show for it.
    let certificate_dir = dir.join("feed-certificate");
    let check = pcds()
        .args(["conformance", "check-feed", &format!("{}/", server.url)])
        .arg("--out")
        .arg(&certificate_dir)
        .env("SOURCE_DATE_EPOCH", "1764583200")
        .output()
        .expect("runs");
    let report = String::from_utf8_lossy(&check.stdout);
    assert!(check.status.success(), "{report}");
    assert!(report.contains("9 of 9 checks passed"), "{report}");
    let certificate: Value = serde_json::from_slice(
        &std::fs::read(certificate_dir.join("feed-certificate.json")).expect("written"),
    )
    .expect("JSON");
    assert_eq!(certificate["status"], "passed");
    assert_eq!(certificate["checkedAt"], "2025-12-01T10:00:00Z");
    assert_eq!(certificate["endpoint"], format!("{}/", server.url));
    assert_eq!(certificate["checks"].as_array().map(Vec::len), Some(9));
    let fetched = &certificate["fetched"];
    assert!(
        fetched["answers"].as_u64().is_some_and(|n| n >= 3),
        "{fetched}"
    );
    assert!(
        fetched["bytes"].as_u64().is_some_and(|n| n > 1000),
        "{fetched}"
    );
    let statement = certificate["statement"].as_str().expect("a statement");
    assert!(
        statement.starts_with(&format!(
            "Endpoint {}/ meets the feed conformance class of PCDS {} (9 of 9 checks passed over ",
            server.url,
            pcds::PCDS_VERSION
        )) && statement.contains(fetched["sha256"].as_str().expect("a digest"))
            && statement.ends_with(&format!(
                "Checked on 2025-12-01 by pcds {}.",
                env!("CARGO_PKG_VERSION")
            )),
        "{statement}"
    );
    let html =
        std::fs::read_to_string(certificate_dir.join("feed-certificate.html")).expect("written");
    assert!(html.contains("PCDS feed conformance certificate") && html.contains("✔ passed"));

    // A harvest takes everything once; a second run finds nothing new.
    let pool = dir.join("pool");
    for expected_new in [expected.len(), 0] {
        let harvest = pcds()
            .args(["harvest", &format!("{}/", server.url), "--out"])
            .arg(&pool)
            .output()
            .expect("runs");
        let said = String::from_utf8_lossy(&harvest.stdout);
        assert!(harvest.status.success(), "{said}");
        assert!(
            said.contains(&format!(
                ": {expected_new} new release(s), 0 rejected, {} in all, 9 record(s)",
                expected.len()
            )),
            "{said}"
        );
    }
    let harvested =
        std::fs::read_to_string(pool.join(port_dir(&server.url)).join("releases.jsonl"))
            .expect("reads");
    assert_eq!(harvested.lines().count(), expected.len());

    // The static export has the same layout: the feed class passes against it on a static host.
    let export = dir.join("site");
    let host = super::serve::static_files(&export);
    export_to(&db, &export, &host, "4");
    for path in [
        "index.json",
        "feed/0.json",
        "stats.json",
        "spec/codelists/index.csv",
    ] {
        assert!(export.join(path).is_file(), "{path}");
    }
    assert_feed_conforms(&format!("{host}/index.json"));
    assert_eq!(
        read_feed(&format!("{host}/index.json")).len(),
        expected.len()
    );
}

/// Exports the server database `db` to `site`, for a static host at `host`, asserting success;
/// what the export said on standard error.
pub fn export_to(db: &Path, site: &Path, host: &str, page_size: &str) -> String {
    let output = pcds()
        .args(["export", "--db"])
        .arg(db)
        .args(["--out"])
        .arg(site)
        .args([
            "--base-url",
            host,
            "--level",
            "partnership",
            "--page-size",
            page_size,
        ])
        .output()
        .expect("runs");
    assert!(output.status.success(), "{output:?}");
    String::from_utf8_lossy(&output.stderr).into_owned()
}

/// Asserts that `pcds conformance check-feed` passes the endpoint at `url`.
pub fn assert_feed_conforms(url: &str) {
    let check = pcds()
        .args(["conformance", "check-feed", url])
        .output()
        .expect("runs");
    assert!(
        check.status.success(),
        "{}",
        String::from_utf8_lossy(&check.stdout)
    );
}

/// The pool directory `pcds harvest` makes for a server's root URL.
pub fn port_dir(url: &str) -> String {
    url.trim_start_matches("http://").replace(':', "_")
}

// How the server refuses each bad write, and what it answers to bad reads, is tested in
// process beside the server (crates/pcds-server/tests/publish.rs); here the CLI's side of it.
#[test]
fn publish_says_why_a_write_was_refused_and_a_revoked_token_stops_at_once() {
    let dir = scratch("server-refusals");
    let db = dir.join("pcds.sqlite");
    let token = token(&db, "ocds-pcdsex-bir-");
    let server = Server::start(&db, &["--max-body", "200000"]);
    let history = repo_root().join("examples/placement-release-history.json");
    let mut broken: Value =
        serde_json::from_slice(&std::fs::read(&history).expect("reads")).expect("JSON");
    broken["releases"][0]["tag"] = json!(["notATag"]);
    let broken_file = dir.join("broken.json");
    std::fs::write(
        &broken_file,
        serde_json::to_vec(&broken).expect("serialises"),
    )
    .expect("writes");

    // The CLI renders a refusal with the findings and exits 1; a bad token exits 2.
    let refused = publish(&server, &broken_file, &token);
    assert_eq!(refused.status.code(), Some(1));
    let said = String::from_utf8_lossy(&refused.stderr);
    assert!(
        said.contains("422")
            && said.contains("PCDS-CODE-001")
            && said.contains("/releases/0/tag/0"),
        "{said}"
    );
    let bad_token = publish(&server, &history, "pcds_nope");
    assert_eq!(bad_token.status.code(), Some(2));
    assert_eq!(get_json(&format!("{}/", server.url))["releases"], 0);

    let published = publish(&server, &history, &token);
    assert!(published.status.success(), "{published:?}");
    assert_eq!(get_json(&format!("{}/", server.url))["releases"], 6);

    // `pcds serve token revoke` on the live database stops the token at once.
    let revoke = pcds()
        .args(["serve", "token", "revoke", "1", "--db"])
        .arg(&db)
        .output()
        .expect("runs");
    assert!(revoke.status.success());
    let revoked = publish(&server, &history, &token);
    assert_eq!(revoked.status.code(), Some(2));
    let said = String::from_utf8_lossy(&revoked.stderr);
    assert!(said.contains("PCDS-API-003"), "{said}");
}

/// The most memory the server process has held (its peak resident set), in kilobytes.
fn peak_kb(server: &Server) -> u64 {
    let status = std::fs::read_to_string(format!("/proc/{}/status", server.child.id()))
        .expect("reads the process status");
    status
        .lines()
        .find_map(|line| line.strip_prefix("VmHWM:"))
        .and_then(|rest| rest.trim().trim_end_matches("kB").trim().parse().ok())
        .expect("a VmHWM line")
}

#[test]
fn a_body_of_a_third_of_a_million_empty_releases_is_refused_in_bounded_memory() {
    let dir = scratch("server-empty-releases");
    let db = dir.join("pcds.sqlite");
    let secret = token(&db, "ocds-pcdsex-");
    let server = Server::start(&db, &[]);
    // 333,000 empty releases in 1 MB: before findings were bounded, one such request took
    // the server to 6 GB and answered with 270 MB.
    let body = "{}\n".repeat(333_000).into_bytes();
    let answer = client()
        .post(
            &format!("{}/releases", server.url),
            &secret,
            "application/x-ndjson",
            body,
        )
        .expect("answers");
    assert_eq!(answer.status, 422);
    assert!(answer.body.len() < 2 << 20, "{} bytes", answer.body.len());
    let error: Value = serde_json::from_slice(&answer.body).expect("JSON");
    assert_eq!(error["error"]["omitted"][0]["count"], 332_000);
    let peak = peak_kb(&server);
    assert!(peak < 200_000, "the server peaked at {peak} kB");
    assert_eq!(get_json(&format!("{}/", server.url))["releases"], 0);
}

#[test]
fn the_server_stops_cleanly_on_sigterm() {
    let dir = scratch("server-sigterm");
    let server = Server::start(&dir.join("pcds.sqlite"), &[]);
    let status = Process::new("kill")
        .args(["-TERM", &server.child.id().to_string()])
        .status()
        .expect("runs kill");
    assert!(status.success());
    let mut server = server;
    let exit = server.child.wait().expect("waits");
    assert_eq!(exit.code(), Some(0), "a graceful stop exits 0");
}

#[test]
fn serve_and_token_flags_are_checked() {
    let dir = scratch("server-flags");
    let db = dir.join("pcds.sqlite");
    for args in [
        vec!["serve", "--addr", "localhost"],
        vec!["serve", "--page-size", "0"],
        vec!["serve", "--max-body", "-5"],
        vec!["serve", "--level", "secret"],
        vec!["serve", "--public-url", "data.example.org"],
        vec!["publish", "x.json", "--to", "http://127.0.0.1:1"],
        vec!["harvest", "--out", "x"],
    ] {
        let output = pcds()
            .args(&args)
            .env_remove("PCDS_TOKEN")
            .output()
            .expect("runs");
        assert_eq!(output.status.code(), Some(2), "{args:?}");
    }
    let bad_prefix = pcds()
        .args([
            "serve",
            "token",
            "create",
            "--publisher",
            "X",
            "--prefix",
            "bir",
            "--db",
        ])
        .arg(&db)
        .output()
        .expect("runs");
    assert_eq!(bad_prefix.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&bad_prefix.stderr).contains("not an ocid prefix"));
    // A prefix that stops inside a segment, and one that overlaps another publisher's.
    let create = |publisher: &str, prefix: &str| {
        pcds()
            .args(["serve", "token", "create", "--publisher", publisher])
            .args(["--prefix", prefix, "--db"])
            .arg(&db)
            .output()
            .expect("runs")
    };
    let short = create("Council A", "ocds-abc");
    assert_eq!(short.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&short.stderr).contains("not an ocid prefix"));
    assert!(create("Council A", "ocds-pcdsex-bir").status.success());
    let overlapping = create("Council B", "ocds-pcdsex-");
    assert_eq!(overlapping.status.code(), Some(2));
    let said = String::from_utf8_lossy(&overlapping.stderr);
    assert!(
        said.contains(
            "`ocds-pcdsex-` overlaps `ocds-pcdsex-bir-`, the prefix of Council A's token 1"
        ),
        "{said}"
    );
    assert!(
        create("Council B", "ocds-pcdsex-bi-").status.success(),
        "a neighbour is no overlap"
    );
    let no_such = pcds()
        .args(["serve", "token", "revoke", "42", "--db"])
        .arg(&db)
        .output()
        .expect("runs");
    assert_eq!(no_such.status.code(), Some(2));
    let unreadable = pcds()
        .args(["serve", "--db", "/proc/pcds-cannot-be-here/x.sqlite"])
        .output()
        .expect("runs");
    assert_eq!(unreadable.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&unreadable.stderr).contains("cannot open the database"));
    let export_without_db = pcds()
        .args(["export", "--db"])
        .arg(dir.join("none.sqlite"))
        .args(["--out"])
        .arg(dir.join("site"))
        .args(["--base-url", "https://example.org/pcds"])
        .output()
        .expect("runs");
    assert_eq!(export_without_db.status.code(), Some(2));
    let relative = pcds()
        .args(["export", "--db"])
        .arg(&db)
        .args(["--out"])
        .arg(dir.join("site"))
        .args(["--base-url", "pcds"])
        .output()
        .expect("runs");
    assert_eq!(relative.status.code(), Some(2));
}
