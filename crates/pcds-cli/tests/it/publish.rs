//! `pcds publish`'s input, against a real server on 127.0.0.1: read as it is sent (a file or
//! standard input, a package, releases or JSON Lines), and refused, before anything is sent,
//! when it is not releases.

use serde_json::Value;

use super::server::{Server, get_json, token};
use super::{pcds, repo_root, scratch};

/// The temporary copies of standard input `pcds publish -` has left behind.
fn stdin_copies() -> usize {
    std::fs::read_dir(std::env::temp_dir())
        .map(|entries| {
            entries
                .filter_map(Result::ok)
                .filter(|e| {
                    e.file_name()
                        .to_string_lossy()
                        .starts_with(".pcds-publish-stdin-")
                })
                .count()
        })
        .unwrap_or(0)
}

#[test]
fn releases_read_from_standard_input_are_published_and_the_copy_removed() {
    let dir = scratch("publish-stdin");
    let db = dir.join("pcds.sqlite");
    let secret = token(&db, "ocds-pcdsex-bir-");
    let server = Server::start(&db, &[]);
    let history: Value = serde_json::from_slice(
        &std::fs::read(repo_root().join("examples/placement-release-history.json")).expect("reads"),
    )
    .expect("JSON");
    let mut lines = Vec::new();
    for release in history["releases"].as_array().expect("releases") {
        lines.extend(serde_json::to_vec(release).expect("serialises"));
        lines.extend(b"\n\n");
    }
    let before = stdin_copies();
    let output = pcds()
        .args([
            "publish",
            "-",
            "--batch",
            "2",
            "--to",
            &server.url,
            "--token",
            &secret,
        ])
        .write_stdin(lines)
        .output()
        .expect("runs");
    assert!(output.status.success(), "{output:?}");
    assert!(
        String::from_utf8_lossy(&output.stderr).contains(
            "published 6 new release(s); 0 already held unchanged; 0 warning(s); 3 request(s)"
        ),
        "{output:?}"
    );
    assert_eq!(get_json(&format!("{}/", server.url))["releases"], 6);
    assert_eq!(
        stdin_copies(),
        before,
        "the copy of standard input is removed"
    );
}

#[test]
fn input_that_is_not_releases_is_refused_before_anything_is_sent() {
    let dir = scratch("publish-bad-input");
    let db = dir.join("pcds.sqlite");
    let secret = token(&db, "ocds-pcdsex-bir-");
    let server = Server::start(&db, &[]);
    let history =
        std::fs::read(repo_root().join("examples/placement-release-history.json")).expect("reads");
    let truncated = &history[..history.len() / 2];
    let cases: [(&str, &[u8], &str); 8] = [
        ("empty.json", b"", "is empty"),
        ("number.json", b"42", "is not a release package"),
        (
            "no-releases.json",
            br#"{"uri": "x", "releases": []}"#,
            "has no releases to publish",
        ),
        (
            "not-a-list.json",
            br#"{"uri": "x", "releases": {"ocid": "a"}}"#,
            "has no releases to publish",
        ),
        ("truncated.json", truncated, "line "),
        ("binary.json", b"\x00\xff\xfe garbage", "is not JSON"),
        (
            "third-line.jsonl",
            b"{\"ocid\": \"ocds-pcdsex-bir-1\"}\n{\"ocid\": \"ocds-pcdsex-bir-2\"}\n{\"ocid\": 3,",
            "line 3, column ",
        ),
        (
            "mixed.jsonl",
            b"{\"ocid\": \"ocds-pcdsex-bir-1\"}\n[1, 2]\n",
            "is not a release package",
        ),
    ];
    for (name, bytes, says) in cases {
        let file = dir.join(name);
        std::fs::write(&file, bytes).expect("writes");
        let output = pcds()
            .arg("publish")
            .arg(&file)
            .args(["--to", &server.url, "--token", &secret])
            .output()
            .expect("runs");
        let said = String::from_utf8_lossy(&output.stderr);
        assert_eq!(output.status.code(), Some(2), "{name}: {said}");
        assert!(said.contains(says) && said.contains(name), "{name}: {said}");
    }
    let missing = pcds()
        .arg("publish")
        .arg(dir.join("missing.json"))
        .args(["--to", &server.url, "--token", &secret])
        .output()
        .expect("runs");
    assert_eq!(missing.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&missing.stderr).contains("cannot read"));
    assert_eq!(
        get_json(&format!("{}/", server.url))["releases"],
        0,
        "nothing was sent"
    );
}
