//! Publishing and reading, in process: the router answered with `tower::ServiceExt::oneshot`
//! over a real SQLite store, then once over a real loopback listener.

mod support;

use std::io::{Read as _, Write as _};
use std::sync::Arc;

use axum::body::Body;
use axum::http::{Request, StatusCode, header};
use serde_json::{Value, json};
use support::example;
use support::server::{MAX_BODY, get, issue_token, post, send, server, server_with};

#[tokio::test]
async fn writes_are_refused_with_the_right_status_and_nothing_is_stored() {
    let server = server("refusals", "http://127.0.0.1:8080");
    let token = issue_token(&server, "Synthetic Council", "ocds-pcdsex-bir-");
    let other = issue_token(&server, "Another council", "ocds-pcdsex-zzz-");
    let package = example("placement-release-history.json");
    let json_media = "application/json";
    let refusals = [
        (
            None,
            json_media,
            package.clone(),
            StatusCode::UNAUTHORIZED,
            "PCDS-API-001",
        ),
        (
            Some("pcds_0000"),
            json_media,
            package.clone(),
            StatusCode::UNAUTHORIZED,
            "PCDS-API-002",
        ),
        (
            Some(other.as_str()),
            json_media,
            package.clone(),
            StatusCode::FORBIDDEN,
            "PCDS-API-004",
        ),
        (
            Some(&token),
            "text/plain",
            package.clone(),
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            "PCDS-API-005",
        ),
        (
            Some(&token),
            "application/json; charset=latin1",
            package.clone(),
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            "PCDS-API-005",
        ),
        (
            Some(&token),
            json_media,
            package[..package.len() / 2].to_vec(),
            StatusCode::BAD_REQUEST,
            "PCDS-API-007",
        ),
        (
            Some(&token),
            json_media,
            Vec::new(),
            StatusCode::BAD_REQUEST,
            "PCDS-API-007",
        ),
        (
            Some(&token),
            json_media,
            vec![b' '; 300_000],
            StatusCode::PAYLOAD_TOO_LARGE,
            "PCDS-API-006",
        ),
        (
            Some(&token),
            json_media,
            br#"{"releases": "none"}"#.to_vec(),
            StatusCode::UNPROCESSABLE_ENTITY,
            "PCDS-API-008",
        ),
        (
            Some(&token),
            "application/x-ndjson",
            vec![b'['; 2_000],
            StatusCode::BAD_REQUEST,
            "PCDS-API-007",
        ),
    ];
    for (i, (token, media, body, status, code)) in refusals.into_iter().enumerate() {
        let (found, found_code, answer) = post(&server, token, media, body).await;
        assert_eq!(
            (found, found_code.as_str()),
            (status, code),
            "refusal {i}: {answer}"
        );
    }

    // A token's prefix holds whole segments only, and is checked before the body is
    // validated: invalid data outside the namespace is a 403, not a report on it.
    let neighbour = issue_token(&server, "A neighbour", "ocds-pcdsex-bi-");
    let (status, code, body) = post(&server, Some(&neighbour), json_media, package.clone()).await;
    assert_eq!(
        (status, code.as_str()),
        (StatusCode::FORBIDDEN, "PCDS-API-004"),
        "{body}"
    );
    let mut outside: Value = serde_json::from_slice(&package).expect("JSON");
    outside["releases"][0]["tag"] = json!(["notATag"]);
    let (status, code, body) = post(
        &server,
        Some(&neighbour),
        json_media,
        serde_json::to_vec(&outside).expect("serialises"),
    )
    .await;
    assert_eq!(
        (status, code.as_str()),
        (StatusCode::FORBIDDEN, "PCDS-API-004")
    );
    assert!(body["error"].get("findings").is_none(), "{body}");

    // An ocid too long to be an address is refused before anything is stored.
    let mut long: Value = serde_json::from_slice(&package).expect("JSON");
    long["releases"][0]["ocid"] = json!(format!("ocds-pcdsex-bir-{}", "9".repeat(200)));
    let (status, code, body) = post(
        &server,
        Some(&token),
        json_media,
        serde_json::to_vec(&long).expect("serialises"),
    )
    .await;
    assert_eq!(
        (status, code.as_str()),
        (StatusCode::BAD_REQUEST, "PCDS-API-011"),
        "{body}"
    );

    // A body of tens of thousands of broken releases: refused with a bounded answer that
    // counts what it does not list.
    let many = "{}\n".repeat(MAX_BODY / 3 - 10).into_bytes();
    let (status, code, body) = post(&server, Some(&token), "application/x-ndjson", many).await;
    assert_eq!(
        (status, code.as_str()),
        (StatusCode::UNPROCESSABLE_ENTITY, "PCDS-API-008")
    );
    let listed = body["error"]["findings"]
        .as_array()
        .expect("findings")
        .len();
    assert_eq!(listed, pcds_server::gate::MAX_FINDINGS);
    let left_out = body["error"]["omitted"][0]["count"]
        .as_u64()
        .expect("a count");
    assert_eq!(listed as u64 + left_out, (MAX_BODY / 3 - 10) as u64);
    assert!(body.to_string().len() < 1 << 20, "the answer stays small");

    // A broken line of JSON Lines is named.
    let (_, code, body) = post(
        &server,
        Some(&token),
        "application/x-ndjson",
        b"{\"ocid\": \"ocds-pcdsex-bir-1\"}\n\n{\"ocid\": tru".to_vec(),
    )
    .await;
    assert_eq!(code, "PCDS-API-007");
    let message = body["error"]["message"].as_str().expect("a message");
    assert!(message.contains("at line 3, column"), "{message}");

    // Personal data found in a body is refused, and the answer does not repeat it, at
    // POST /releases or POST /validate.
    let mut leak: Value = serde_json::from_slice(&package).expect("JSON");
    leak["releases"][0]["tender"]["description"] =
        json!("Placement needed, born 01/02/2015, lives near B15 2TT");
    let leak = serde_json::to_vec(&leak).expect("serialises");
    let (status, _, body) = post(&server, Some(&token), json_media, leak.clone()).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    let checked = send(
        &server,
        Request::post("/validate?format=sarif")
            .header(header::CONTENT_TYPE, json_media)
            .body(Body::from(leak))
            .expect("a request"),
    )
    .await
    .2;
    for answer in [body.to_string(), checked.to_string()] {
        assert!(answer.contains("PCDS-PRIV-00"), "{answer}");
        for secret in ["01/02/2015", "B15 2TT"] {
            assert!(
                !answer.contains(secret),
                "the answer repeats `{secret}`: {answer}"
            );
        }
    }

    // Invalid data: 422 with the validator's findings.
    let mut broken: Value = serde_json::from_slice(&package).expect("JSON");
    broken["releases"][0]["tag"] = json!(["notATag"]);
    let (status, code, body) = post(
        &server,
        Some(&token),
        json_media,
        serde_json::to_vec(&broken).expect("serialises"),
    )
    .await;
    assert_eq!(
        (status, code.as_str()),
        (StatusCode::UNPROCESSABLE_ENTITY, "PCDS-API-008")
    );
    let findings = body["error"]["findings"].as_array().expect("findings");
    assert!(
        findings
            .iter()
            .any(|f| f["code"] == "PCDS-CODE-001" && f["pointer"] == "/releases/0/tag/0"),
        "{body}"
    );
    assert_eq!(
        server.store.count().expect("counts"),
        0,
        "nothing was stored"
    );

    // A good write, the same again, then the same id with different content: 409, and
    // nothing of that request is stored.
    let (status, ..) = post(&server, Some(&token), json_media, package.clone()).await;
    assert_eq!(status, StatusCode::CREATED);
    let (status, ..) = post(&server, Some(&token), json_media, package.clone()).await;
    assert_eq!(status, StatusCode::OK);
    // A byte order mark is read past, as `pcds validate` reads past it.
    let marked = [pcds::json_lines::BYTE_ORDER_MARK, &package].concat();
    let (status, code, body) = post(&server, Some(&token), json_media, marked).await;
    assert_eq!(status, StatusCode::OK, "{code}: {body}");
    let mut changed: Value = serde_json::from_slice(&package).expect("JSON");
    changed["releases"][5]["language"] = json!("cy");
    let (status, code, _) = post(
        &server,
        Some(&token),
        json_media,
        serde_json::to_vec(&changed).expect("serialises"),
    )
    .await;
    assert_eq!(
        (status, code.as_str()),
        (StatusCode::CONFLICT, "PCDS-API-009")
    );
    assert_eq!(server.store.count().expect("counts"), 6);

    // A revoked token stops working at once.
    let id = server.store.tokens().expect("lists")[0].id;
    assert!(server.store.revoke_token(id).expect("revokes"));
    let (status, code, _) = post(&server, Some(&token), json_media, package).await;
    assert_eq!(
        (status, code.as_str()),
        (StatusCode::UNAUTHORIZED, "PCDS-API-003")
    );
}

#[tokio::test]
async fn a_process_published_one_release_per_stage_is_judged_whole() {
    let server = server("stages", "http://127.0.0.1:8080");
    let token = issue_token(&server, "Synthetic Council", "ocds-pcdsex-bir-");
    let mut history: Value =
        serde_json::from_slice(&example("placement-release-history.json")).expect("JSON");
    let mut releases = history["releases"].take();
    let releases = releases.as_array_mut().expect("releases");
    // The contract release repeats its award, which accepts an offer of the tenderUpdate.
    releases[3]["awards"][0]["relatedBids"] = json!(["bid-02"]);
    let stage = |release: &Value| {
        let mut package = history.clone();
        package["releases"] = json!([release]);
        serde_json::to_vec(&package).expect("serialises")
    };
    // Out of its process, the contract release names an offer it does not hold.
    let (status, _, body) = post(
        &server,
        Some(&token),
        "application/json",
        stage(&releases[3]),
    )
    .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(body.to_string().contains("PCDS-REF-008"), "{body}");
    // In order, each stage is judged with the stages stored before it.
    for (i, release) in releases.iter().enumerate() {
        let (status, code, body) =
            post(&server, Some(&token), "application/json", stage(release)).await;
        assert_eq!(status, StatusCode::CREATED, "stage {i}: {code} {body}");
    }
    assert_eq!(server.store.count().expect("counts"), releases.len() as u64);
}

#[tokio::test]
async fn reads_of_what_is_not_there_are_json_errors() {
    let server = server("missing", "http://127.0.0.1:8080");
    for (path, status) in [
        ("/records/ocds-nothing.json", StatusCode::NOT_FOUND),
        ("/records/~zz.json", StatusCode::NOT_FOUND),
        ("/feed/-1.json", StatusCode::NOT_FOUND),
        ("/feed/abc.json", StatusCode::NOT_FOUND),
        ("/feed/00.json", StatusCode::NOT_FOUND),
        ("/feed/+0.json", StatusCode::NOT_FOUND),
        ("/releases/a/b", StatusCode::NOT_FOUND),
        ("/no/such/thing", StatusCode::NOT_FOUND),
        ("/stats.json?by=price", StatusCode::BAD_REQUEST),
        ("/stats.json?limit=1", StatusCode::BAD_REQUEST),
        ("/spec/../Cargo.toml", StatusCode::NOT_FOUND),
    ] {
        let (found, _, body) = get(&server, path, &[]).await;
        assert_eq!(found, status, "{path}");
        assert!(
            body["error"]["code"]
                .as_str()
                .is_some_and(|c| c.starts_with("PCDS-API-")),
            "{path}: {body}"
        );
    }
}

#[tokio::test]
async fn conditional_reads_answer_not_modified_until_something_changes() {
    let server = server("etag", "http://127.0.0.1:8080");
    let token = issue_token(&server, "Synthetic Council", "ocds-pcdsex-");
    let (status, headers, _) = get(&server, "/feed/0.json", &[]).await;
    assert_eq!(status, StatusCode::OK);
    let etag = headers[header::ETAG].to_str().expect("text").to_owned();
    let (status, _, body) = get(&server, "/feed/0.json", &[("If-None-Match", &etag)]).await;
    assert_eq!(status, StatusCode::NOT_MODIFIED);
    assert_eq!(body, Value::Null, "a 304 has no body");
    let (status, ..) = post(
        &server,
        Some(&token),
        "application/json",
        example("sibling-group-foster-placement.json"),
    )
    .await;
    assert_eq!(status, StatusCode::CREATED);
    let (status, headers, feed) = get(&server, "/feed/0.json", &[("If-None-Match", &etag)]).await;
    assert_eq!(status, StatusCode::OK);
    assert!(headers.contains_key(header::LAST_MODIFIED));

    // Every page and record has one address: no leading zeros, no needless escapes.
    assert_eq!(get(&server, "/feed/1.json", &[]).await.0, StatusCode::OK);
    assert_eq!(
        get(&server, "/feed/01.json", &[]).await.0,
        StatusCode::NOT_FOUND
    );
    let ocid = feed["items"][0]["data"]["ocid"].as_str().expect("an ocid");
    let record = format!("/records/{}.json", pcds::feed::segment(ocid));
    assert_eq!(get(&server, &record, &[]).await.0, StatusCode::OK);
    let escaped = record.replacen('-', "~2d", 1);
    assert_eq!(
        get(&server, &escaped, &[]).await.0,
        StatusCode::NOT_FOUND,
        "{escaped}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn publishers_take_turns_and_a_waiting_write_stores_nothing() {
    let blocked = server_with("no-turns", "http://127.0.0.1:8080", |s| {
        s.with_write_limit(0)
    });
    let token = issue_token(&blocked, "Synthetic Council", "ocds-pcdsex-");
    let body = example("sibling-group-foster-placement.json");
    let waiting = tokio::time::timeout(
        std::time::Duration::from_millis(300),
        post(&blocked, Some(&token), "application/json", body),
    )
    .await;
    assert!(waiting.is_err(), "with no turn free, a write waits");
    assert_eq!(blocked.store.count().expect("counts"), 0);

    // One turn, four publishers at once: each is stored in its turn.
    let one = Arc::new(server_with("one-turn", "http://127.0.0.1:8080", |s| {
        s.with_write_limit(1)
    }));
    let token = issue_token(&one, "Synthetic Council", "ocds-pcdsex-");
    let examples = [
        "sibling-group-foster-placement.json",
        "placement-release-history.json",
        "block-contract-with-voids.json",
        "emergency-residential-spot-purchase.json",
    ];
    let writers: Vec<_> = examples
        .iter()
        .map(|name| {
            let (one, token, body) = (one.clone(), token.clone(), example(name));
            tokio::spawn(async move { post(&one, Some(&token), "application/json", body).await.0 })
        })
        .collect();
    for writer in writers {
        assert_eq!(writer.await.expect("ran"), StatusCode::CREATED);
    }
    assert!(one.store.count().expect("counts") >= 4);
}

/// One HTTP/1.1 request over a plain socket: the status and the body.
fn over_the_wire(address: std::net::SocketAddr, head: &str, body: &[u8]) -> (u16, Value) {
    let mut stream = std::net::TcpStream::connect(address).expect("connects");
    stream
        .set_read_timeout(Some(std::time::Duration::from_secs(30)))
        .expect("sets a timeout");
    let request = format!(
        "{head}\r\nHost: {address}\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
        body.len()
    );
    stream.write_all(request.as_bytes()).expect("writes");
    stream.write_all(body).expect("writes");
    let mut answer = Vec::new();
    stream.read_to_end(&mut answer).expect("reads");
    let text = String::from_utf8(answer).expect("UTF-8");
    let status = text
        .split_whitespace()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .expect("a status line");
    let (_, body) = text.split_once("\r\n\r\n").expect("a head and a body");
    (status, serde_json::from_str(body).expect("a JSON body"))
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_real_listener_publishes_and_serves_the_feed() {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("binds loopback");
    let address = listener.local_addr().expect("bound");
    assert!(address.ip().is_loopback());
    let server = server("listener", &format!("http://{address}"));
    let token = issue_token(&server, "Synthetic Council", "ocds-pcdsex-");
    let app = server.router.clone();
    let serving = tokio::spawn(async move { axum::serve(listener, app).await });
    let package = example("sibling-group-foster-placement.json");
    let answers = tokio::task::spawn_blocking(move || {
        let discovery = over_the_wire(address, "GET / HTTP/1.1", b"");
        let published = over_the_wire(
            address,
            &format!(
                "POST /releases HTTP/1.1\r\nContent-Type: application/json\r\nAuthorization: Bearer {token}"
            ),
            &package,
        );
        let feed = over_the_wire(address, "GET /feed/0.json HTTP/1.1", b"");
        (discovery, published, feed)
    })
    .await
    .expect("the client ran");
    serving.abort();
    let ((status, discovery), (published, _), (feed_status, feed)) = answers;
    assert_eq!(status, 200);
    assert_eq!(
        discovery["links"]["feed"],
        format!("http://{address}/feed/0.json"),
        "links use the bound address"
    );
    assert_eq!(published, 201);
    assert_eq!(feed_status, 200);
    let items = feed["items"].as_array().expect("items");
    assert_eq!(items.len() as u64, server.store.count().expect("counts"));
    assert!(!items.is_empty());
    assert!(
        feed["next"]
            .as_str()
            .is_some_and(|next| next.starts_with(&format!("http://{address}/feed/"))),
        "{feed}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_body_that_trickles_is_cut_off_and_frees_its_turn() {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("binds loopback");
    let address = listener.local_addr().expect("bound");
    let server = server_with("trickle", &format!("http://{address}"), |s| {
        s.with_body_timeout(std::time::Duration::from_millis(500))
            .with_write_limit(1)
            .with_check_limit(1)
    });
    let token = issue_token(&server, "Synthetic Council", "ocds-pcdsex-");
    let app = server.router.clone();
    let serving = tokio::spawn(pcds_server::listen::serve(
        listener,
        app,
        pcds_server::ConnectionLimits::default(),
        std::future::pending(),
    ));
    let answers = tokio::task::spawn_blocking(move || {
        let stalled = |path: &str| {
            let mut stream = std::net::TcpStream::connect(address).expect("connects");
            stream
                .set_read_timeout(Some(std::time::Duration::from_secs(20)))
                .expect("sets a timeout");
            let head = format!(
                "POST {path} HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nAuthorization: Bearer {token}\r\nContent-Length: 1000\r\n\r\n{{\"rel"
            );
            stream.write_all(head.as_bytes()).expect("writes");
            let started = std::time::Instant::now();
            let mut answer = Vec::new();
            let _ = stream.read_to_end(&mut answer);
            (String::from_utf8_lossy(&answer).into_owned(), started.elapsed())
        };
        let publish = stalled("/releases");
        let check = stalled("/validate");
        // The single turn of each is free again: a whole request is answered.
        let after = over_the_wire(address, "GET / HTTP/1.1", b"");
        (publish, check, after)
    })
    .await
    .expect("the client ran");
    serving.abort();
    let ((publish, took), (check, _), (status, _)) = answers;
    for answer in [&publish, &check] {
        assert!(answer.starts_with("HTTP/1.1 408"), "{answer}");
        assert!(answer.contains("PCDS-API-014"), "{answer}");
    }
    assert!(
        took < std::time::Duration::from_secs(10),
        "cut off at the deadline"
    );
    assert_eq!(status, 200);
    assert_eq!(server.store.count().expect("counts"), 0);
}
