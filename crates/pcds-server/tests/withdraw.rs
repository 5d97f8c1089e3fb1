//! Withdrawing, in process: `DELETE` of a release's address with a token, every refusal with
//! its status and code, and what readers see after: a `deleted` feed item, `410` at the
//! release's and (once all are gone) the record's address, statistics without it, and a
//! conflict for a republication under the withdrawn id.

mod support;

use axum::body::Body;
use axum::http::{Request, StatusCode, header};
use serde_json::{Value, json};
use support::example;
use support::server::{Server, get, issue_token, post, send, server};

const OCID: &str = "ocds-pcdsex-bir-2025-0007";

async fn delete(server: &Server, uri: &str, token: Option<&str>) -> (StatusCode, String, Value) {
    let mut request = Request::delete(uri);
    if let Some(token) = token {
        request = request.header(header::AUTHORIZATION, format!("Bearer {token}"));
    }
    let (status, _, body) = send(server, request.body(Body::empty()).expect("a request")).await;
    let code = body["error"]["code"]
        .as_str()
        .unwrap_or_default()
        .to_owned();
    (status, code, body)
}

fn address(id: &str) -> String {
    format!("/{}", pcds::feed::release_path(OCID, id))
}

#[tokio::test]
async fn a_withdrawal_is_authorised_on_the_prefix_and_readers_see_it_at_once() {
    let server = server("withdraw", "http://127.0.0.1:8080");
    let council = issue_token(&server, "Synthetic Council", "ocds-pcdsex-bir-");
    let neighbour = issue_token(&server, "Another council", "ocds-pcdsex-bi-");
    let package = example("placement-release-history.json");
    let (status, _, _) = post(&server, Some(&council), "application/json", package.clone()).await;
    assert_eq!(status, StatusCode::CREATED);
    let first = format!("{OCID}-01");
    let (_, _, stats) = get(&server, "/stats.json", &[]).await;
    assert_ne!(
        stats["cells"],
        json!([]),
        "the placement is tabulated: {stats}"
    );

    let revoked = issue_token(&server, "Synthetic Council", "ocds-pcdsex-bir-");
    let revoked_id = server
        .store
        .tokens()
        .expect("lists")
        .last()
        .expect("a token")
        .id;
    assert!(server.store.revoke_token(revoked_id).expect("revokes"));
    for (uri, token, status, code) in [
        (
            address(&first),
            None,
            StatusCode::UNAUTHORIZED,
            "PCDS-API-001",
        ),
        (
            address(&first),
            Some("pcds_nothing"),
            StatusCode::UNAUTHORIZED,
            "PCDS-API-002",
        ),
        (
            address(&first),
            Some(revoked.as_str()),
            StatusCode::UNAUTHORIZED,
            "PCDS-API-003",
        ),
        // `ocds-pcdsex-bi-` is not a whole prefix of `ocds-pcdsex-bir-…`.
        (
            address(&first),
            Some(neighbour.as_str()),
            StatusCode::FORBIDDEN,
            "PCDS-API-004",
        ),
        (
            address("never-published"),
            Some(council.as_str()),
            StatusCode::NOT_FOUND,
            "PCDS-API-010",
        ),
        (
            format!("/releases/{OCID}/{first}"),
            Some(council.as_str()),
            StatusCode::NOT_FOUND,
            "PCDS-API-010",
        ),
        (
            format!("/releases/{OCID}/x~2g.json"),
            Some(council.as_str()),
            StatusCode::NOT_FOUND,
            "PCDS-API-010",
        ),
        (
            format!("{}?reason=x", address(&first)),
            Some(council.as_str()),
            StatusCode::BAD_REQUEST,
            "PCDS-API-011",
        ),
    ] {
        let (got, got_code, body) = delete(&server, &uri, token).await;
        assert_eq!((got, got_code.as_str()), (status, code), "{uri}: {body}");
    }
    assert!(
        server.store.withdrawals().expect("lists").is_empty(),
        "nothing refused changed anything"
    );

    let (status, _, body) = delete(&server, &address(&first), Some(&council)).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_eq!(body["already"], false);
    assert_eq!(body["withdrawn"]["id"], first.as_str());
    assert_eq!(
        body["withdrawn"]["modified"], 7,
        "after the six releases stored"
    );
    assert_eq!(body["withdrawn"]["withdrawnBy"], "Synthetic Council");
    assert_eq!(
        body["withdrawn"]["feed"],
        "http://127.0.0.1:8080/feed/6.json"
    );
    let (status, _, again) = delete(&server, &address(&first), Some(&council)).await;
    assert_eq!((status, &again["already"]), (StatusCode::OK, &json!(true)));
    assert_eq!(
        again["withdrawn"]["withdrawnAt"],
        body["withdrawn"]["withdrawnAt"]
    );

    let (status, _, page) = get(&server, "/feed/6.json", &[]).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(
        page["items"],
        json!([{"state": "deleted", "kind": "release", "id": format!("{OCID}/{first}"), "modified": 7}])
    );
    let (status, _, gone) = get(&server, &address(&first), &[]).await;
    assert_eq!(
        (status, gone["error"]["code"].as_str()),
        (StatusCode::GONE, Some("PCDS-API-015"))
    );
    let (status, _, record) =
        get(&server, &format!("/{}", pcds::feed::record_path(OCID)), &[]).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(
        record["records"][0]["releases"].as_array().map(Vec::len),
        Some(5)
    );
    let (_, _, discovery) = get(&server, "/", &[]).await;
    assert_eq!(discovery["releases"], 5);

    // The withdrawn id is never used again; a correction takes a new one.
    let (status, code, conflict) = post(&server, Some(&council), "application/json", package).await;
    assert_eq!(
        (status, code.as_str()),
        (StatusCode::CONFLICT, "PCDS-API-009")
    );
    assert_eq!(conflict["error"]["conflicts"][0]["id"], first.as_str());
    assert!(conflict["error"]["conflicts"][0]["withdrawnAt"].is_string());

    // Once every release of the process is withdrawn, its record is gone too.
    for n in 2..=6 {
        let (status, _, body) =
            delete(&server, &address(&format!("{OCID}-0{n}")), Some(&council)).await;
        assert_eq!(status, StatusCode::OK, "{body}");
    }
    let (status, _, gone) = get(&server, &format!("/{}", pcds::feed::record_path(OCID)), &[]).await;
    assert_eq!(
        (status, gone["error"]["code"].as_str()),
        (StatusCode::GONE, Some("PCDS-API-015"))
    );
    let (_, _, stats) = get(&server, "/stats.json", &[]).await;
    assert_eq!(stats["cells"], json!([]), "{stats}");
    assert_eq!(server.store.withdrawals().expect("lists").len(), 6);
}

#[tokio::test]
async fn a_release_address_takes_get_and_delete_only() {
    let server = server("withdraw-methods", "http://127.0.0.1:8080");
    let request = Request::put(address("x"))
        .body(Body::empty())
        .expect("a request");
    let (status, headers, body) = send(&server, request).await;
    assert_eq!(status, StatusCode::METHOD_NOT_ALLOWED);
    assert_eq!(headers[header::ALLOW], "GET, HEAD, DELETE");
    assert_eq!(body["error"]["code"], "PCDS-API-013");
    let request = Request::delete("/releases")
        .body(Body::empty())
        .expect("a request");
    let (status, headers, _) = send(&server, request).await;
    assert_eq!(status, StatusCode::METHOD_NOT_ALLOWED);
    assert_eq!(headers[header::ALLOW], "POST");
}
