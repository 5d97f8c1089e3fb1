//! What the server's integration tests share; each test binary uses a part of it.
#![allow(dead_code)]

pub mod server;

/// The bytes of one of the repository's examples.
pub fn example(name: &str) -> Vec<u8> {
    std::fs::read(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../../examples")
            .join(name),
    )
    .expect("reads the example")
}

/// The status, the headers and the body of one request answered by `router`.
pub async fn answer(
    router: &axum::Router,
    request: axum::http::Request<axum::body::Body>,
) -> (axum::http::StatusCode, axum::http::HeaderMap, Vec<u8>) {
    use http_body_util::BodyExt as _;
    use tower::ServiceExt as _;
    let response = router.clone().oneshot(request).await.expect("answers");
    let status = response.status();
    let headers = response.headers().clone();
    let bytes = response
        .into_body()
        .collect()
        .await
        .expect("reads the body")
        .to_bytes()
        .to_vec();
    (status, headers, bytes)
}
