//! Withdrawal end to end, with real processes: a council publishes a release holding a name by
//! mistake, a regional group harvests it and the council exports a static site; the council
//! withdraws the release; after the next harvest and export the text is gone from the feed,
//! the records, the pool, the static site and the database file itself.

use std::path::Path;

use serde_json::Value;

use super::server::{
    Server, assert_feed_conforms, client, export_to, get_json, port_dir, publish, read_feed, token,
};
use super::{pcds, repo_root, scratch};

/// The name planted in a description: synthetic, and found by the privacy rules as a warning.
const PLANTED: &str = "Quennellby";

const OCID: &str = "ocds-pcdsex-bir-2025-0007";
const WITHDRAWN: &str = "ocds-pcdsex-bir-2025-0007-02";

/// Every file under `dir` whose bytes hold `text`.
fn files_holding(dir: &Path, text: &str) -> Vec<String> {
    let mut found = Vec::new();
    let mut directories = vec![dir.to_path_buf()];
    while let Some(dir) = directories.pop() {
        for entry in std::fs::read_dir(&dir).expect("lists") {
            let path = entry.expect("an entry").path();
            if path.is_dir() {
                directories.push(path);
            } else if std::fs::read(&path)
                .expect("reads")
                .windows(text.len())
                .any(|w| w == text.as_bytes())
            {
                found.push(path.display().to_string());
            }
        }
    }
    found
}

fn withdraw(server: &Server, token: &str, id: &str) -> std::process::Output {
    pcds()
        .args([
            "withdraw",
            OCID,
            id,
            "--from",
            &server.url,
            "--token",
            token,
        ])
        .output()
        .expect("runs")
}

fn harvest(server: &Server, pool: &Path) -> String {
    let output = pcds()
        .args(["harvest", &server.url, "--out"])
        .arg(pool)
        .output()
        .expect("runs");
    assert!(output.status.success(), "{output:?}");
    String::from_utf8(output.stdout).expect("utf-8")
}

#[test]
fn a_withdrawn_release_is_gone_from_the_feed_the_pool_the_records_the_export_and_the_file() {
    let dir = scratch("withdraw");
    let db = dir.join("pcds.sqlite");
    let council = token(&db, "ocds-pcdsex-bir-");
    let other = token(&db, "ocds-pcdsex-lds-");
    let server = Server::start(&db, &["--page-size", "2"]);

    let mut package: Value = serde_json::from_slice(
        &std::fs::read(repo_root().join("examples/placement-release-history.json")).expect("reads"),
    )
    .expect("JSON");
    let release = package["releases"]
        .as_array_mut()
        .expect("releases")
        .iter_mut()
        .find(|r| r["id"] == WITHDRAWN)
        .expect("the release");
    release["tender"]["description"] =
        format!("Planned referral; the carer, Ms {PLANTED}, asked for a sibling placement.").into();
    let file = dir.join("planted.json");
    std::fs::write(&file, serde_json::to_vec(&package).expect("serialises")).expect("writes");
    let published = publish(&server, &file, &council);
    assert!(published.status.success(), "{published:?}");

    let pool = dir.join("pool");
    harvest(&server, &pool);
    let site = dir.join("site");
    let _ = export_to(&db, &site, "https://data.example.org/pcds", "2");
    assert!(
        !files_holding(&pool, PLANTED).is_empty() && !files_holding(&site, PLANTED).is_empty(),
        "the pool and the site held the text before the withdrawal"
    );

    // Only a token whose prefix holds the ocid may withdraw; nothing changes when refused.
    let refused = withdraw(&server, &other, WITHDRAWN);
    assert_eq!(refused.status.code(), Some(1), "{refused:?}");
    assert!(String::from_utf8_lossy(&refused.stderr).contains("PCDS-API-004"));
    let never = withdraw(&server, &council, "ocds-pcdsex-bir-2025-0007-99");
    assert_eq!(never.status.code(), Some(2), "{never:?}");
    assert!(String::from_utf8_lossy(&never.stderr).contains("404"));

    let withdrawn = withdraw(&server, &council, WITHDRAWN);
    assert!(withdrawn.status.success(), "{withdrawn:?}");
    let said = String::from_utf8_lossy(&withdrawn.stderr);
    assert!(
        said.contains(&format!("{OCID} {WITHDRAWN}: withdrawn on")),
        "{said}"
    );
    let again = withdraw(&server, &council, WITHDRAWN);
    assert!(again.status.success(), "a retried withdrawal is safe");
    assert!(String::from_utf8_lossy(&again.stderr).contains("had already been withdrawn"));

    // The server: a deleted item at the end of the feed, 410 at the address, a record
    // compiled from the releases left.
    let items = read_feed(&format!("{}/", server.url));
    let last = items.last().expect("items");
    assert_eq!(last["state"], "deleted");
    assert_eq!(last["id"], format!("{OCID}/{WITHDRAWN}"));
    assert!(last.get("data").is_none());
    assert_eq!(items.iter().filter(|i| i["state"] == "updated").count(), 5);
    assert!(
        !serde_json::to_string(&items)
            .expect("text")
            .contains(PLANTED)
    );
    let address = format!(
        "{}/{}",
        server.url,
        pcds::feed::release_path(OCID, WITHDRAWN)
    );
    let gone = client().fetch(&address, &[]).expect("answers");
    assert_eq!(gone.status, 410);
    let gone: Value = serde_json::from_slice(&gone.body).expect("JSON");
    assert_eq!(gone["error"]["code"], "PCDS-API-015");
    let record = get_json(&format!("{}/{}", server.url, pcds::feed::record_path(OCID)));
    assert_eq!(
        record["records"][0]["releases"].as_array().map(Vec::len),
        Some(5)
    );
    assert!(!record.to_string().contains(PLANTED));

    // The pool: the next harvest deletes its copy and compiles the records again.
    let said = harvest(&server, &pool);
    assert!(said.contains("1 withdrawn and deleted, 5 in all"), "{said}");
    assert_eq!(files_holding(&pool, PLANTED), Vec::<String>::new());
    let source = pool.join(port_dir(&server.url));
    let held = std::fs::read_to_string(source.join("releases.jsonl")).expect("reads");
    assert_eq!(held.lines().count(), 5);
    assert!(!held.contains(WITHDRAWN));
    let records: Value =
        serde_json::from_slice(&std::fs::read(source.join("records.json")).expect("reads"))
            .expect("JSON");
    assert_eq!(
        records["records"][0]["releases"].as_array().map(Vec::len),
        Some(5)
    );
    let quiet = harvest(&server, &pool);
    assert!(
        quiet.contains("0 new release(s), 0 rejected, 5 in all"),
        "{quiet}"
    );

    // The static site: the next export removes the release's file and the pages whose
    // boundaries moved (feed/2, 4 and 6 became feed/3, 5 and 7).
    let said = export_to(&db, &site, "https://data.example.org/pcds", "2");
    assert!(said.contains("removed 4 file(s)"), "{said}");
    for moved in ["feed/2.json", "feed/4.json", "feed/6.json"] {
        assert!(!site.join(moved).exists(), "{moved}");
    }
    assert!(site.join("feed/7.json").is_file());
    assert_eq!(files_holding(&site, PLANTED), Vec::<String>::new());
    assert!(
        !site
            .join(pcds::feed::release_path(OCID, WITHDRAWN))
            .exists()
    );

    // The database file and its log hold no byte of the text.
    let stored: Vec<String> = files_holding(&dir, PLANTED)
        .into_iter()
        .filter(|f| !f.ends_with("planted.json"))
        .collect();
    assert_eq!(stored, Vec::<String>::new());

    // The audit log says who withdrew what and when, and nothing of what it said.
    let audit = pcds()
        .args(["serve", "audit", "--format", "json", "--db"])
        .arg(&db)
        .output()
        .expect("runs");
    assert!(audit.status.success(), "{audit:?}");
    let entries: Value = serde_json::from_slice(&audit.stdout).expect("JSON");
    assert_eq!(entries.as_array().map(Vec::len), Some(1));
    assert_eq!(entries[0]["publisher"], "Synthetic Council");
    assert_eq!(entries[0]["id"], WITHDRAWN);
    assert!(entries[0]["withdrawnAt"].is_string());
    assert!(!String::from_utf8_lossy(&audit.stdout).contains(PLANTED));

    // The feed with its deleted item still meets the feed conformance class.
    assert_feed_conforms(&format!("{}/", server.url));
}
