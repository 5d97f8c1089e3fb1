//! A router over a fresh store, and the requests the publishing and withdrawal tests send it.

use std::sync::Arc;

use axum::body::Body;
use axum::http::{Request, StatusCode, header};
use pcds::codelists::PublicationLevel;
use pcds_server::{AppState, Site, Store, Validators, router};
use serde_json::Value;

pub const MAX_BODY: usize = 200_000;

/// A router over a fresh store in its own scratch directory, which it removes when dropped.
pub struct Server {
    pub router: axum::Router,
    pub store: Arc<Store>,
    pub dir: std::path::PathBuf,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

pub fn server(name: &str, base_url: &str) -> Server {
    server_with(name, base_url, |state| state)
}

/// A server whose state `tune` sets limits on.
pub fn server_with(name: &str, base_url: &str, tune: impl FnOnce(AppState) -> AppState) -> Server {
    let dir = std::env::temp_dir().join(format!("pcds-publish-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("creates a scratch directory");
    let store = Arc::new(Store::open(&dir.join("pcds.sqlite")).expect("opens"));
    let validators = Validators::new(PublicationLevel::Partnership).expect("compiles");
    let site = Site {
        base_url: base_url.into(),
        name: "Test council".into(),
        publication_level: PublicationLevel::Partnership,
        license: None,
        page_size: 100,
    };
    let state = tune(AppState::new(
        store.clone(),
        Arc::new(validators),
        site,
        MAX_BODY,
        10,
    ));
    Server {
        router: router(state, None, None),
        store,
        dir,
    }
}

/// A token for `publisher` over the ocids in `prefix`.
pub fn issue_token(server: &Server, publisher: &str, prefix: &str) -> String {
    server
        .store
        .create_token(publisher, &prefix.parse().expect("a prefix"))
        .expect("creates")
        .secret
}

/// The status, the headers and the body of one request to the router.
pub async fn send(
    server: &Server,
    request: Request<Body>,
) -> (StatusCode, header::HeaderMap, Value) {
    let (status, headers, bytes) = super::answer(&server.router, request).await;
    let body = if bytes.is_empty() {
        Value::Null
    } else {
        serde_json::from_slice(&bytes).expect("every answer is JSON")
    };
    (status, headers, body)
}

/// POSTs `body` to `/releases` with a token (when given) and a media type; the status and the
/// error code (empty for a success).
pub async fn post(
    server: &Server,
    token: Option<&str>,
    media: &str,
    body: Vec<u8>,
) -> (StatusCode, String, Value) {
    let mut request = Request::post("/releases").header(header::CONTENT_TYPE, media);
    if let Some(token) = token {
        request = request.header(header::AUTHORIZATION, format!("Bearer {token}"));
    }
    let (status, _, body) = send(server, request.body(Body::from(body)).expect("a request")).await;
    let code = body["error"]["code"]
        .as_str()
        .unwrap_or_default()
        .to_owned();
    (status, code, body)
}

pub async fn get(
    server: &Server,
    uri: &str,
    headers: &[(&str, &str)],
) -> (StatusCode, header::HeaderMap, Value) {
    let mut request = Request::get(uri);
    for (name, value) in headers {
        request = request.header(*name, *value);
    }
    send(server, request.body(Body::empty()).expect("a request")).await
}
