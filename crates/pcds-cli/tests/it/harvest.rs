//! The clients of a publishing server: `pcds harvest` (resumable, keeping invalid items apart,
//! from live servers and static exports) and `pcds stats` over the pooled files.

use std::path::Path;

use serde_json::{Value, json};

use super::server::{Server, assert_feed_conforms, export_to, port_dir, publish, token};
use super::{pcds, repo_root, scratch};

#[test]
fn harvest_and_check_feed_fail_clearly_on_a_bad_source() {
    let dir = scratch("server-bad-source");
    let nothing = super::serve::serve("{\"not\": \"a feed\"}", 8);
    let harvest = pcds()
        .args(["harvest", &format!("{nothing}/ok.json"), "--out"])
        .arg(dir.join("pool"))
        .output()
        .expect("runs");
    assert_eq!(harvest.status.code(), Some(2));
    assert!(
        String::from_utf8_lossy(&harvest.stderr)
            .contains("not a discovery document (missing field `pcdsVersion`"),
        "{harvest:?}"
    );
    let missing = pcds()
        .args(["harvest", &format!("{nothing}/missing.json"), "--out"])
        .arg(dir.join("pool"))
        .output()
        .expect("runs");
    assert_eq!(missing.status.code(), Some(2));
    let check = pcds()
        .args(["conformance", "check-feed", &format!("{nothing}/ok.json")])
        .output()
        .expect("runs");
    assert_eq!(check.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&check.stdout).contains("FAIL  FEED-DISCOVERY"));
    let refused = pcds()
        .args(["conformance", "check-feed", "http://127.0.0.1:9/"])
        .output()
        .expect("runs");
    assert_eq!(refused.status.code(), Some(1));
}

#[test]
fn stats_tabulate_pooled_files_and_suppress_small_cells() {
    let examples = repo_root().join("examples");
    let open = pcds()
        .arg("stats")
        .arg(&examples)
        .args(["--by", "placementType", "--suppress-below", "1"])
        .output()
        .expect("runs");
    assert!(open.status.success(), "{open:?}");
    let table = String::from_utf8_lossy(&open.stdout);
    assert!(
        table.starts_with("placementType  placements  mean £/week  median £/week\n"),
        "{table}"
    );
    assert!(table.contains("childrensHome  3"), "{table}");
    assert!(table.contains("6 placement(s)"), "{table}");
    let suppressed = pcds()
        .arg("stats")
        .arg(&examples)
        .args(["--by", "placementType,council", "--format", "json"])
        .output()
        .expect("runs");
    let json: Value = serde_json::from_slice(&suppressed.stdout).expect("JSON");
    assert_eq!(json["suppressBelow"], 10);
    let cells = json["cells"].as_array().expect("cells");
    assert!(!cells.is_empty());
    assert!(
        cells
            .iter()
            .all(|c| c["placements"].is_null() && c["suppressed"] == true)
    );
    for (args, message) in [
        (vec!["--by", "price"], "not a dimension"),
        (vec!["--suppress-below", "0"], "0"),
    ] {
        let output = pcds()
            .arg("stats")
            .arg(&examples)
            .args(&args)
            .output()
            .expect("runs");
        assert_eq!(output.status.code(), Some(2), "{args:?}");
        assert!(
            String::from_utf8_lossy(&output.stderr).contains(message),
            "{args:?}"
        );
    }
    let dir = scratch("stats-bad-input");
    std::fs::write(dir.join("x.json"), "{\"neither\": 1}").expect("writes");
    let output = pcds()
        .arg("stats")
        .arg(dir.join("x.json"))
        .output()
        .expect("runs");
    assert_eq!(output.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&output.stderr).contains("holds no records or releases"));
}

#[test]
fn an_interrupted_harvest_resumes_without_losing_or_repeating_and_a_static_reexport_is_incremental()
{
    let dir = scratch("server-resume");
    let db = dir.join("pcds.sqlite");
    let token = token(&db, "ocds-pcdsex-");
    let server = Server::start(&db, &["--page-size", "2"]);
    let history = repo_root().join("examples/placement-release-history.json");
    assert!(publish(&server, &history, &token).status.success());
    let pool = dir.join("pool");
    let source = format!("{}/", server.url);
    let harvest = |extra: &[&str]| {
        let output = pcds()
            .args(["harvest", &source, "--out"])
            .arg(&pool)
            .args(extra)
            .output()
            .expect("runs");
        assert!(output.status.success(), "{output:?}");
        String::from_utf8_lossy(&output.stdout).into_owned()
    };
    let first = harvest(&["--max-pages", "1"]);
    assert!(
        first.contains(": 2 new release(s)") && first.contains("page limit reached"),
        "{first}"
    );
    // A run killed half-way through its next page leaves a partial line behind.
    let releases = pool.join(port_dir(&server.url)).join("releases.jsonl");
    let mut file = std::fs::OpenOptions::new()
        .append(true)
        .open(&releases)
        .expect("opens");
    std::io::Write::write_all(
        &mut file,
        b"{\"ocid\": \"ocds-pcdsex-bir-2025-0007\", \"id\": \"half",
    )
    .expect("writes");
    drop(file);
    let rest = harvest(&[]);
    assert!(
        rest.contains(": 4 new release(s), 0 rejected, 6 in all"),
        "{rest}"
    );
    let lines: Vec<Value> = std::fs::read_to_string(&releases)
        .expect("reads")
        .lines()
        .map(|l| serde_json::from_str(l).expect("every line is a whole release"))
        .collect();
    let ids: std::collections::BTreeSet<&str> = lines
        .iter()
        .map(|r| r["id"].as_str().expect("id"))
        .collect();
    assert_eq!((lines.len(), ids.len()), (6, 6));

    // Static export, harvested; then more releases and a re-export: only they are new.
    let site = dir.join("site");
    let host = super::serve::static_files(&site);
    let export = || export_to(&db, &site, &host, "2");
    export();
    let static_source = format!("{host}/index.json");
    let from_static = |pool: &Path| {
        let output = pcds()
            .args(["harvest", &static_source, "--out"])
            .arg(pool)
            .output()
            .expect("runs");
        assert!(output.status.success(), "{output:?}");
        String::from_utf8_lossy(&output.stdout).into_owned()
    };
    let static_pool = dir.join("static-pool");
    assert!(from_static(&static_pool).contains(": 6 new release(s)"));
    assert!(
        publish(
            &server,
            &repo_root().join("examples/ifa-framework-call-off.json"),
            &token
        )
        .status
        .success()
    );
    export();
    let again = from_static(&static_pool);
    assert!(
        again.contains(": 1 new release(s), 0 rejected, 7 in all"),
        "{again}"
    );
}

#[test]
fn a_harvest_keeps_invalid_items_apart_and_skips_repeats() {
    let dir = scratch("server-hostile-feed");
    let site = dir.join("site");
    std::fs::create_dir_all(site.join("feed")).expect("creates");
    let host = super::serve::static_files(&site);
    let package: Value = serde_json::from_slice(
        &std::fs::read(repo_root().join("examples/ifa-framework-call-off.json")).expect("reads"),
    )
    .expect("JSON");
    let good = package["releases"][0].clone();
    let mut bad = good.clone();
    bad["id"] = json!("ocds-pcdsex-cov-2025-0031-bad");
    bad["tag"] = json!(["notATag"]);
    let item = |modified: i64, release: &Value| json!({"state": "updated", "kind": "release", "id": format!("x/{modified}"), "modified": modified, "data": release});
    let write = |path: &str, value: Value| {
        std::fs::write(
            site.join(path),
            serde_json::to_vec(&value).expect("serialises"),
        )
        .expect("writes");
    };
    write(
        "index.json",
        json!({"pcdsVersion": "0.2", "publicationLevel": "open", "links": {"feed": format!("{host}/feed/0.json")}}),
    );
    // The second page repeats the first page's item, as a careless publisher might.
    write(
        "feed/0.json",
        json!({"items": [item(1, &good), item(2, &bad)], "next": format!("{host}/feed/2.json")}),
    );
    write(
        "feed/2.json",
        json!({"items": [item(2, &bad), item(1, &good)], "next": format!("{host}/feed/3.json")}),
    );
    write(
        "feed/3.json",
        json!({"items": [], "next": format!("{host}/feed/3.json")}),
    );
    let pool = dir.join("pool");
    let output = pcds()
        .args(["harvest", &format!("{host}/index.json"), "--out"])
        .arg(&pool)
        .output()
        .expect("runs");
    assert_eq!(output.status.code(), Some(1), "{output:?}");
    assert!(
        String::from_utf8_lossy(&output.stdout)
            .contains(": 1 new release(s), 1 rejected, 1 in all"),
        "{output:?}"
    );
    // The refusal is loud: the count, the ocid and the codes, on standard error.
    let said = String::from_utf8_lossy(&output.stderr);
    assert!(
        said.contains("1 item(s) failed validation and are not in the pool")
            && said.contains(": PCDS-CODE-001"),
        "{said}"
    );
    let source = std::fs::read_dir(&pool)
        .expect("lists")
        .next()
        .expect("one source")
        .expect("entry")
        .path();
    let rejected = std::fs::read_to_string(source.join("rejected.jsonl")).expect("reads");
    assert_eq!(rejected.lines().count(), 1);
    assert!(rejected.contains("PCDS-CODE-001"), "{rejected}");
    assert_eq!(
        std::fs::read_to_string(source.join("releases.jsonl"))
            .expect("reads")
            .lines()
            .count(),
        1
    );

    // A page whose `next` names itself while it has items would loop: refused, not followed.
    write(
        "feed/0.json",
        json!({"items": [item(1, &good)], "next": format!("{host}/feed/0.json")}),
    );
    let output = pcds()
        .args(["harvest", &format!("{host}/index.json"), "--out"])
        .arg(dir.join("pool2"))
        .output()
        .expect("runs");
    assert_eq!(output.status.code(), Some(2), "{output:?}");
    assert!(
        String::from_utf8_lossy(&output.stderr).contains("names itself"),
        "{output:?}"
    );
    // A page that is not a feed page.
    write("feed/0.json", json!({"releases": []}));
    let output = pcds()
        .args(["harvest", &format!("{host}/index.json"), "--out"])
        .arg(dir.join("pool3"))
        .output()
        .expect("runs");
    assert_eq!(output.status.code(), Some(2));
    assert!(
        String::from_utf8_lossy(&output.stderr).contains("not a feed page (missing field `items`)"),
        "{output:?}"
    );
}

#[test]
fn a_process_published_stage_by_stage_is_harvested_whole_across_runs() {
    let dir = scratch("harvest-stages");
    let db = dir.join("pcds.sqlite");
    let secret = token(&db, "ocds-pcdsex-bir-");
    let server = Server::start(&db, &["--page-size", "2"]);
    let mut history: Value = serde_json::from_slice(
        &std::fs::read(repo_root().join("examples/placement-release-history.json")).expect("reads"),
    )
    .expect("JSON");
    let mut releases = history["releases"].take();
    let releases = releases.as_array_mut().expect("releases");
    // The contract release repeats its award, which accepts an offer of an earlier stage.
    releases[3]["awards"][0]["relatedBids"] = json!(["bid-02"]);
    for (i, release) in releases.iter().enumerate() {
        let mut stage = history.clone();
        stage["releases"] = json!([release]);
        let file = dir.join(format!("stage-{i}.json"));
        std::fs::write(&file, serde_json::to_vec(&stage).expect("serialises")).expect("writes");
        let published = publish(&server, &file, &secret);
        assert!(published.status.success(), "stage {i}: {published:?}");
    }
    // Two pages in the first run, the rest in the second: the contract stage arrives in a run
    // after the offers it refers to.
    let pool = dir.join("pool");
    for extra in [vec!["--max-pages", "1"], vec![]] {
        let harvest = pcds()
            .args(["harvest", &format!("{}/", server.url), "--out"])
            .arg(&pool)
            .args(&extra)
            .output()
            .expect("runs");
        assert!(harvest.status.success(), "{harvest:?}");
    }
    let held = pool.join(port_dir(&server.url));
    let lines = std::fs::read_to_string(held.join("releases.jsonl")).expect("harvested");
    assert_eq!(
        lines.lines().count(),
        releases.len(),
        "no placement dropped"
    );
    let rejected = std::fs::read_to_string(held.join("rejected.jsonl")).unwrap_or_default();
    assert!(rejected.is_empty(), "{rejected}");
    // pcds compile reads what the harvest wrote: every release once, into one record.
    let compiled = dir.join("records.json");
    let compile = pcds()
        .arg("compile")
        .arg(&held)
        .arg("--output")
        .arg(&compiled)
        .output()
        .expect("runs");
    assert!(compile.status.success(), "{compile:?}");
    let records: Value =
        serde_json::from_slice(&std::fs::read(&compiled).expect("written")).expect("JSON");
    assert_eq!(records["records"].as_array().map(Vec::len), Some(1));
    assert_eq!(
        records["records"][0]["releases"].as_array().map(Vec::len),
        Some(releases.len())
    );
    assert_eq!(records["uri"], format!("{}/", server.url));
    let valid = pcds()
        .arg("validate")
        .arg(&compiled)
        .output()
        .expect("runs");
    assert!(
        valid.status.success(),
        "{}",
        String::from_utf8_lossy(&valid.stdout)
    );
    let bare = pcds()
        .arg("compile")
        .arg(held.join("releases.jsonl"))
        .output()
        .expect("runs");
    assert_eq!(bare.status.code(), Some(2));
    assert!(
        String::from_utf8_lossy(&bare.stderr)
            .contains("JSON Lines of releases carry no package metadata"),
        "{bare:?}"
    );
    // The feed check judges the items the same way.
    assert_feed_conforms(&format!("{}/", server.url));
    let _ = std::fs::remove_dir_all(&dir);
}
