//! `POST /validate`, in process: the router answered with `tower::ServiceExt::oneshot` over a
//! real SQLite store, which must stay empty.

mod support;

use std::sync::Arc;

use axum::body::Body;
use axum::http::{Request, StatusCode, header};
use pcds::codelists::PublicationLevel;
use pcds_server::{AppState, Site, Store, Validators, router};
use serde_json::Value;
use support::example;

const MAX_BODY: usize = 64 * 1024;

struct Server {
    router: axum::Router,
    store: Arc<Store>,
}

fn server(name: &str) -> Server {
    server_with(name, None)
}

/// A server allowing `checks` checks at once, or the default.
fn server_with(name: &str, checks: Option<usize>) -> Server {
    let dir = std::env::temp_dir().join(format!("pcds-validate-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("creates a scratch directory");
    let store = Arc::new(Store::open(&dir.join("pcds.sqlite")).expect("opens"));
    let validators = Validators::new(PublicationLevel::Partnership).expect("compiles");
    let site = Site {
        base_url: "http://127.0.0.1:8080".into(),
        name: "Test council".into(),
        publication_level: PublicationLevel::Partnership,
        license: None,
        page_size: 100,
    };
    let mut state = AppState::new(store.clone(), Arc::new(validators), site, MAX_BODY, 10);
    if let Some(checks) = checks {
        state = state.with_check_limit(checks);
    }
    Server {
        router: router(state, None, None),
        store,
    }
}

/// Sends `body` to `uri` with a media type, and returns the status, the content type and the
/// body.
async fn post(
    server: &Server,
    uri: &str,
    media: &str,
    body: Vec<u8>,
) -> (StatusCode, String, Vec<u8>) {
    post_with(server, uri, &[(header::CONTENT_TYPE.as_str(), media)], body).await
}

async fn post_with(
    server: &Server,
    uri: &str,
    headers: &[(&str, &str)],
    body: Vec<u8>,
) -> (StatusCode, String, Vec<u8>) {
    let mut request = Request::post(uri);
    for (name, value) in headers {
        request = request.header(*name, *value);
    }
    let (status, headers, bytes) =
        send(server, request.body(Body::from(body)).expect("a request")).await;
    let media = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_owned();
    (status, media, bytes)
}

/// Sends one request to the router and returns the status, the headers and the body.
async fn send(
    server: &Server,
    request: Request<Body>,
) -> (StatusCode, axum::http::HeaderMap, Vec<u8>) {
    support::answer(&server.router, request).await
}

fn json(bytes: &[u8]) -> Value {
    serde_json::from_slice(bytes).expect("the answer is JSON")
}

fn codes(report: &Value) -> Vec<String> {
    report["inputs"][0]["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .map(|f| f["code"].as_str().expect("a code").to_owned())
        .collect()
}

#[tokio::test]
async fn a_valid_example_passes_and_nothing_is_stored() {
    let server = server("valid");
    let (status, media, body) = post(
        &server,
        "/validate",
        "application/json",
        example("sibling-group-foster-placement.json"),
    )
    .await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(media, "application/json");
    let report = json(&body);
    assert_eq!(report["summary"]["failed"], 0, "{report}");
    assert_eq!(report["inputs"][0]["name"], "request body");
    assert!(report["inputs"][0]["releases"].as_u64() > Some(0));
    assert_eq!(server.store.count().expect("counts"), 0);
}

#[tokio::test]
async fn findings_carry_code_pointer_line_and_column() {
    let server = server("broken");
    let body =
        b"{\n  \"ocid\": \"ocds-pcdsex-1\",\n  \"id\": \"1\",\n  \"date\": \"yesterday\"\n}\n"
            .to_vec();
    let (status, _, answer) = post(&server, "/validate", "application/x-ndjson", body).await;
    assert_eq!(
        status,
        StatusCode::OK,
        "a report of findings is an answer, not a refusal"
    );
    let report = json(&answer);
    assert_eq!(report["summary"]["failed"], 1);
    let date = report["inputs"][0]["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .find(|f| f["pointer"] == "/date")
        .unwrap_or_else(|| panic!("a finding at /date: {report}"))
        .clone();
    assert_eq!(date["line"], 4);
    assert_eq!(date["column"], 11);
    assert!(
        date["code"]
            .as_str()
            .is_some_and(|c| c.starts_with("PCDS-"))
    );
    assert_eq!(server.store.count().expect("counts"), 0);
}

#[tokio::test]
async fn truncated_json_is_a_finding_with_a_location() {
    let server = server("truncated");
    let (status, _, answer) = post(
        &server,
        "/validate",
        "application/json",
        b"{\"releases\": [{\"ocid\": \"ocds-".to_vec(),
    )
    .await;
    assert_eq!(status, StatusCode::OK);
    let report = json(&answer);
    let codes = codes(&report);
    assert!(codes.iter().any(|c| c == "PCDS-PARSE-001"), "{codes:?}");
    assert!(report["inputs"][0]["findings"][0]["line"].is_u64());
}

#[tokio::test]
async fn the_level_asked_for_is_the_level_judged() {
    let server = server("level");
    let example = example("sibling-group-foster-placement.json");
    let (_, _, claimed) = post(&server, "/validate", "application/json", example.clone()).await;
    let (status, _, open) = post(
        &server,
        "/validate?level=open&fail_on=warning",
        "application/json",
        example,
    )
    .await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(json(&claimed)["summary"]["failed"], 0);
    let open = json(&open);
    assert_eq!(
        open["summary"]["failed"], 1,
        "partnership detail is not open data"
    );
    assert_eq!(open["summary"]["fail_on"], "warning");
}

#[tokio::test]
async fn sarif_is_given_on_request() {
    let server = server("sarif");
    let body = br#"{"ocid": "ocds-pcdsex-1", "id": "1"}"#.to_vec();
    for (uri, accept) in [
        ("/validate?format=sarif", "application/json"),
        ("/validate", "application/sarif+json"),
    ] {
        let (status, media, answer) = post_with(
            &server,
            uri,
            &[("content-type", "application/x-ndjson"), ("accept", accept)],
            body.clone(),
        )
        .await;
        assert_eq!(status, StatusCode::OK);
        assert_eq!(media, "application/sarif+json");
        let sarif = json(&answer);
        assert_eq!(sarif["version"], "2.1.0");
        assert!(
            !sarif["runs"][0]["results"]
                .as_array()
                .expect("results")
                .is_empty()
        );
    }
}

#[tokio::test]
async fn bad_requests_are_refused_with_stable_codes() {
    let server = server("refusals");
    let cases: [(&str, &str, Vec<u8>, StatusCode, &str); 6] = [
        (
            "/validate?level=secret",
            "application/json",
            b"{}".to_vec(),
            StatusCode::BAD_REQUEST,
            "PCDS-API-011",
        ),
        (
            "/validate?fail_on=info",
            "application/json",
            b"{}".to_vec(),
            StatusCode::BAD_REQUEST,
            "PCDS-API-011",
        ),
        (
            "/validate?format=xml",
            "application/json",
            b"{}".to_vec(),
            StatusCode::BAD_REQUEST,
            "PCDS-API-011",
        ),
        (
            "/validate?store=yes",
            "application/json",
            b"{}".to_vec(),
            StatusCode::BAD_REQUEST,
            "PCDS-API-011",
        ),
        (
            "/validate",
            "text/plain",
            b"{}".to_vec(),
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            "PCDS-API-005",
        ),
        (
            "/validate",
            "application/json",
            vec![b' '; MAX_BODY + 1],
            StatusCode::PAYLOAD_TOO_LARGE,
            "PCDS-API-006",
        ),
    ];
    for (uri, media, body, status, code) in cases {
        let (got, _, answer) = post(&server, uri, media, body).await;
        assert_eq!(got, status, "{uri} {media}");
        assert_eq!(json(&answer)["error"]["code"], code, "{uri} {media}");
    }
    assert_eq!(server.store.count().expect("counts"), 0);
}

#[tokio::test]
async fn checks_beyond_the_limit_are_refused_not_queued() {
    let busy = server_with("busy", Some(0));
    let request = Request::post("/validate")
        .header("content-type", "application/json")
        .body(Body::from("{}"))
        .expect("a request");
    let (status, headers, body) = send(&busy, request).await;
    assert_eq!(status, StatusCode::SERVICE_UNAVAILABLE);
    assert_eq!(headers[header::RETRY_AFTER], "1");
    assert_eq!(json(&body)["error"]["code"], "PCDS-API-012");
}

#[tokio::test]
async fn hostile_parameters_are_not_echoed_whole() {
    let server = server("hostile");
    let long = "x".repeat(10_000);
    let (status, _, answer) = post(
        &server,
        &format!("/validate?level=%1b%5b31m{long}"),
        "application/json",
        b"{}".to_vec(),
    )
    .await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    let message = json(&answer)["error"]["message"]
        .as_str()
        .expect("a message")
        .to_owned();
    assert!(message.len() < 400, "{}", message.len());
    assert!(!message.contains('\u{1b}'), "{message}");
}

#[tokio::test]
async fn get_leads_to_the_page_and_other_methods_are_refused() {
    let server = server("method");
    let request = |method: &str, uri: &str| {
        Request::builder()
            .method(method)
            .uri(uri)
            .body(Body::empty())
            .expect("a request")
    };
    let (status, headers, _) = send(&server, request("GET", "/validate")).await;
    assert_eq!(status, StatusCode::PERMANENT_REDIRECT);
    assert_eq!(headers[header::LOCATION], "validate/");
    // No page is built for this server: the page's address says how to build it.
    let (status, _, body) = send(&server, request("GET", "/validate/")).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    let message = json(&body)["error"]["message"].clone();
    assert!(
        message
            .as_str()
            .is_some_and(|m| m.contains("tools/wasm/build-page.sh"))
    );
    for (method, uri, allowed) in [
        ("PUT", "/validate", "GET, POST"),
        ("GET", "/releases", "POST"),
        ("DELETE", "/feed/0.json", "GET, HEAD"),
        ("POST", "/", "GET, HEAD"),
    ] {
        let (status, headers, body) = send(&server, request(method, uri)).await;
        assert_eq!(status, StatusCode::METHOD_NOT_ALLOWED, "{method} {uri}");
        assert_eq!(headers[header::ALLOW], allowed, "{method} {uri}");
        let error = &json(&body)["error"];
        assert_eq!(error["code"], "PCDS-API-013");
        assert!(
            error["message"]
                .as_str()
                .is_some_and(|m| m.contains("POST /validate")),
            "{error}"
        );
    }
}
