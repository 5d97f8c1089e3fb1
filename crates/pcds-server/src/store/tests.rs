use serde_json::json;

use super::*;

fn scratch(name: &str) -> Store {
    let dir = std::env::temp_dir().join(format!("pcds-store-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("creates a scratch directory");
    Store::open(&dir.join("pcds.sqlite")).expect("opens")
}

fn incoming(ocid: &str, id: &str, note: &str) -> Incoming {
    Incoming {
        ocid: ocid.into(),
        id: id.into(),
        release: json!({"ocid": ocid, "id": id, "note": note}),
    }
}

#[test]
fn publishing_assigns_increasing_positions_and_reads_back() {
    let store = scratch("positions");
    let first = store
        .publish(
            "A",
            &[
                incoming("ocds-a-1", "r1", "x"),
                incoming("ocds-a-1", "r2", "y"),
            ],
        )
        .expect("writes")
        .expect("no conflict");
    assert_eq!(
        first.created,
        vec![
            ("ocds-a-1".into(), "r1".into(), 1),
            ("ocds-a-1".into(), "r2".into(), 2)
        ]
    );
    store
        .publish("A", &[incoming("ocds-a-0", "r9", "z")])
        .expect("writes")
        .expect("no conflict");
    let feed = store.feed(0, 10).expect("reads");
    let order: Vec<(i64, &str)> = feed.iter().map(|r| (r.modified, r.id.as_str())).collect();
    assert_eq!(order, vec![(1, "r1"), (2, "r2"), (3, "r9")]);
    assert_eq!(store.feed(2, 10).expect("reads").len(), 1);
    assert_eq!(store.feed(0, 1).expect("reads").len(), 1);
    let one = store
        .release("ocds-a-1", "r2")
        .expect("reads")
        .expect("found");
    assert_eq!(one.release().expect("json")["note"], "y");
    assert_eq!(store.releases_of("ocds-a-1").expect("reads").len(), 2);
    assert_eq!(store.ocids().expect("reads"), vec!["ocds-a-0", "ocds-a-1"]);
    assert_eq!(store.latest().expect("reads").map(|l| l.0), Some(3));
    assert_eq!(store.count().expect("reads"), 3);
}

#[test]
fn identical_republishing_is_a_no_op_and_a_changed_release_conflicts_with_nothing_written() {
    let store = scratch("idempotent");
    store
        .publish("A", &[incoming("ocds-a-1", "r1", "x")])
        .expect("writes")
        .expect("no conflict");
    let again = store
        .publish("A", &[incoming("ocds-a-1", "r1", "x")])
        .expect("writes")
        .expect("no conflict");
    assert!(again.created.is_empty());
    assert_eq!(again.unchanged.len(), 1);
    let conflict = store
        .publish(
            "A",
            &[
                incoming("ocds-a-2", "r1", "new"),
                incoming("ocds-a-1", "r1", "changed"),
            ],
        )
        .expect("writes")
        .expect_err("conflicts");
    assert_eq!(
        conflict,
        vec![Conflict {
            ocid: "ocds-a-1".into(),
            id: "r1".into(),
            index: 1,
            withdrawn_at: None,
        }]
    );
    // All or nothing: the new release in the refused request was not stored either.
    assert_eq!(store.count().expect("reads"), 1);
    assert!(store.release("ocds-a-2", "r1").expect("reads").is_none());
}

#[test]
fn one_request_cannot_carry_two_versions_of_a_release() {
    let store = scratch("twice");
    let conflict = store
        .publish(
            "A",
            &[
                incoming("ocds-a-1", "r1", "x"),
                incoming("ocds-a-1", "r1", "y"),
            ],
        )
        .expect("writes")
        .expect_err("conflicts");
    assert_eq!(conflict.len(), 1);
    assert_eq!(store.count().expect("reads"), 0);
}

#[test]
fn tokens_are_stored_hashed_and_can_be_revoked() {
    let store = scratch("tokens");
    let issued = store
        .create_token("Council A", &"ocds-aaaaaa-".parse().expect("a prefix"))
        .expect("creates");
    assert!(issued.secret.starts_with(TOKEN_PREFIX_FOR_TESTS));
    assert!(
        matches!(store.token(&issued.secret).expect("reads"), TokenState::Active(i) if i.prefix == "ocds-aaaaaa-")
    );
    assert_eq!(
        store.token("pcds_nope").expect("reads"),
        TokenState::Unknown
    );
    let raw = std::fs::read(store.path()).expect("reads the file");
    let wal = std::fs::read(store.path().with_extension("sqlite-wal")).unwrap_or_default();
    let secret = issued.secret.as_bytes();
    assert!(
        !raw.windows(secret.len()).any(|w| w == secret)
            && !wal.windows(secret.len()).any(|w| w == secret),
        "the secret must not be written to disk"
    );
    assert!(store.revoke_token(issued.info.id).expect("revokes"));
    assert!(!store.revoke_token(999).expect("answers"));
    assert!(matches!(
        store.token(&issued.secret).expect("reads"),
        TokenState::Revoked(_)
    ));
    assert_eq!(store.tokens().expect("lists").len(), 1);
}

const TOKEN_PREFIX_FOR_TESTS: &str = tokens::TOKEN_PREFIX;

#[test]
fn a_newer_database_is_refused() {
    let store = scratch("newer");
    let path = store.path().to_owned();
    drop(store);
    let connection = Connection::open(&path).expect("opens");
    connection
        .execute_batch("PRAGMA user_version = 99")
        .expect("sets");
    drop(connection);
    assert!(matches!(
        Store::open(&path),
        Err(StoreError::NewerSchema { found: 99, .. })
    ));
}

#[test]
fn a_token_prefix_may_not_overlap_another_publishers() {
    let store = scratch("overlaps");
    let prefix = |text: &str| text.parse::<pcds::OcidPrefix>().expect("a prefix");
    let first = store
        .create_token("Council A", &prefix("ocds-pcdsex-bir-"))
        .expect("creates");
    for (publisher, wanted) in [
        ("Council B", "ocds-pcdsex-"),
        ("Council B", "ocds-pcdsex-bir-"),
        ("Council B", "ocds-pcdsex-bir-north-"),
    ] {
        let Err(StoreError::OverlappingPrefix {
            existing,
            publisher: holder,
            ..
        }) = store.create_token(publisher, &prefix(wanted))
        else {
            panic!("{wanted} overlaps ocds-pcdsex-bir-");
        };
        assert_eq!(
            (existing.as_str(), holder.as_str()),
            ("ocds-pcdsex-bir-", "Council A")
        );
    }
    assert_eq!(
        store.tokens().expect("lists").len(),
        1,
        "nothing refused was stored"
    );
    store
        .create_token("Council A", &prefix("ocds-pcdsex-bir-north-"))
        .expect("a publisher may narrow its own namespace");
    store
        .create_token("Council B", &prefix("ocds-pcdsex-bi-"))
        .expect("a neighbouring segment is no overlap");
    assert!(store.revoke_token(first.info.id).expect("revokes"));
    assert!(
        store
            .create_token("Council B", &prefix("ocds-pcdsex-bir-"))
            .is_err(),
        "Council A's narrower token is still active"
    );
}
