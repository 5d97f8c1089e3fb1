//! Publishing: `POST /releases` with a release package or JSON Lines of releases. In order:
//! the token (401), the media type (415), the size (413), the JSON (400), the token's ocid
//! prefix (403, on whole segments: `ocds-pcdsex-bi-` does not hold `ocds-pcdsex-bir-1`), the
//! validator (422), then one all-or-nothing transaction (409 on a conflicting re-publication;
//! 201 when anything new was stored, 200 when everything was already there).

use axum::body::Body;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Response};
use pcds_validator::{ProcessContext, Severity};
use serde_json::{Value, json};

use crate::app::{AppState, blocking};
use crate::documents::release_path;
use crate::error::ApiError;
use crate::store::{Incoming, TokenInfo, TokenState};

/// The handler.
pub(crate) async fn publish(
    State(state): State<AppState>,
    headers: HeaderMap,
    body: Body,
) -> Result<Response, ApiError> {
    // A refusal before the body is read leaves it unread on the connection: close the
    // connection with the answer, so the client does not send its next request down it.
    let admitted = match authenticate(&state, &headers).await {
        Ok(token) => body_format(&headers).map(|format| (token, format)),
        Err(e) => Err(e),
    };
    let (token, format) = match admitted {
        Ok(admitted) => admitted,
        Err(refusal) => return Ok(closing(refusal)),
    };
    // Wait for a turn before reading the body, so waiting writes hold no memory.
    let _turn = state.write_turn().await?;
    let bytes = match body_within_limit(&state, &headers, body).await {
        Ok(bytes) => bytes,
        Err(refused) => return Ok(refused),
    };
    let documents = parse(&bytes, format)?;
    // The token's namespace is checked before the body is validated, so a token cannot have
    // the server validate (or report on) data it may not publish.
    if let Some((index, ocid)) = outside(&documents, format, &token.prefix) {
        return Err(ApiError::WrongPrefix {
            index,
            ocid,
            prefix: token.prefix.clone(),
        });
    }
    if let Some(refusal) = too_long(&documents, format) {
        return Err(refusal);
    }
    let validators = state.validators.clone();
    let ocids: std::collections::BTreeSet<String> = release_values(&documents, format)
        .filter_map(|r| r.get("ocid").and_then(Value::as_str).map(str::to_owned))
        .collect();
    let store = state.store.clone();
    let checked = blocking(move || {
        // What the stored releases of these processes declare: a release published one
        // stage at a time refers to offers and awards published before it.
        let mut context = ProcessContext::new();
        for ocid in &ocids {
            for stored in store.releases_of(ocid)? {
                context.add(&stored.release()?);
            }
        }
        Ok(validators.check_write(&bytes, &context))
    })
    .await?;
    if checked.fails(Severity::Error) {
        return Err(ApiError::Invalid(Box::new(checked)));
    }
    let releases = releases(documents, format)?;
    let store = state.store.clone();
    let publisher = token.publisher.clone();
    let outcome = blocking(move || Ok(store.publish(&publisher, &releases)?)).await?;
    let published = outcome.map_err(ApiError::Conflict)?;
    let base = &state.site.base_url;
    let created: Vec<Value> = published
        .created
        .iter()
        .map(|(ocid, id, modified)| json!({"ocid": ocid, "id": id, "modified": modified, "url": format!("{base}/{}", release_path(ocid, id))}))
        .collect();
    tracing::info!(publisher = %token.publisher, created = created.len(), unchanged = published.unchanged.len(), "published");
    let status = if created.is_empty() {
        StatusCode::OK
    } else {
        StatusCode::CREATED
    };
    let warnings = &checked.findings;
    Ok((
        status,
        axum::Json(json!({
            "created": created.len(),
            "unchanged": published.unchanged.len(),
            "releases": created,
            "warnings": warnings,
            "omitted": checked.omitted,
        })),
    )
        .into_response())
}

/// The body, read up to the server's limit; over it, the `413` answer that closes the
/// connection.
pub(crate) async fn body_within_limit(
    state: &AppState,
    headers: &HeaderMap,
    body: Body,
) -> Result<Vec<u8>, Response> {
    let announced = headers
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<u64>().ok());
    match tokio::time::timeout(
        state.body_timeout,
        read_body(body, state.max_body, announced),
    )
    .await
    {
        Ok(read) => read.map_err(closing),
        Err(_) => Err(closing(ApiError::SlowBody(state.body_timeout.as_secs()))),
    }
}

/// An error answer that also closes the connection.
pub(crate) fn closing(refusal: ApiError) -> Response {
    let mut response = refusal.into_response();
    response.headers_mut().insert(
        header::CONNECTION,
        axum::http::HeaderValue::from_static("close"),
    );
    response
}

/// How a request's body is laid out.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum BodyFormat {
    /// One release package (`application/json`).
    ReleasePackage,
    /// JSON Lines: one release per line (`application/x-ndjson`).
    JsonLines,
}

/// How much of an oversized body is read and thrown away, so that the client, still sending,
/// gets the `413` answer rather than a reset connection. Beyond this the connection is closed.
const DRAIN_LIMIT: u64 = 64 * 1024 * 1024;

/// Reads the body up to `limit` bytes; over it, drains what the client is sending (up to
/// [`DRAIN_LIMIT`]) and refuses with `413`.
async fn read_body(body: Body, limit: usize, announced: Option<u64>) -> Result<Vec<u8>, ApiError> {
    use http_body_util::BodyExt as _;
    if announced.is_some_and(|n| n > DRAIN_LIMIT) {
        return Err(ApiError::TooLarge(limit));
    }
    let mut body = body;
    let mut bytes = Vec::new();
    let mut over = announced.is_some_and(|n| n > limit as u64);
    let mut drained: u64 = 0;
    while let Some(frame) = body.frame().await {
        let frame =
            frame.map_err(|e| ApiError::Malformed(format!("the body could not be read: {e}")))?;
        let Ok(data) = frame.into_data() else {
            continue;
        };
        if !over && bytes.len() + data.len() > limit {
            over = true;
        }
        if over {
            drained += data.len() as u64;
            if drained > DRAIN_LIMIT {
                break;
            }
        } else {
            bytes.extend_from_slice(&data);
        }
    }
    if over {
        return Err(ApiError::TooLarge(limit));
    }
    Ok(bytes)
}

/// The token's record, or the reason it is refused.
pub(crate) async fn authenticate(
    state: &AppState,
    headers: &HeaderMap,
) -> Result<TokenInfo, ApiError> {
    let secret = headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "))
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .ok_or(ApiError::MissingToken)?
        .to_owned();
    let store = state.store.clone();
    match blocking(move || Ok(store.token(&secret)?)).await? {
        TokenState::Active(info) => Ok(info),
        TokenState::Revoked(info) => {
            Err(ApiError::RevokedToken(info.revoked_at.unwrap_or_default()))
        }
        TokenState::Unknown => Err(ApiError::UnknownToken),
    }
}

/// The body's format, from its media type; only UTF-8 is read.
pub(crate) fn body_format(headers: &HeaderMap) -> Result<BodyFormat, ApiError> {
    let raw = headers
        .get(header::CONTENT_TYPE)
        .map(|v| v.to_str().unwrap_or("(not text)").to_owned())
        .unwrap_or_else(|| "(none)".into());
    let mut parts = raw.split(';').map(|p| p.trim().to_ascii_lowercase());
    let essence = parts.next().unwrap_or_default();
    let charset_ok = parts
        .all(|p| !p.starts_with("charset=") || p == "charset=utf-8" || p == "charset=\"utf-8\"");
    let format = match essence.as_str() {
        "application/json" => BodyFormat::ReleasePackage,
        "application/x-ndjson"
        | "application/jsonl"
        | "application/jsonlines"
        | "application/json-lines" => BodyFormat::JsonLines,
        _ => return Err(ApiError::UnsupportedMediaType(raw)),
    };
    if !charset_ok {
        return Err(ApiError::UnsupportedMediaType(raw));
    }
    Ok(format)
}

/// Parses the body as JSON, or as JSON Lines: syntax errors are `400` with a line and column.
/// A UTF-8 byte order mark at the start is skipped, as the validator skips it.
fn parse(bytes: &[u8], format: BodyFormat) -> Result<Vec<Value>, ApiError> {
    let bytes = bytes
        .strip_prefix(pcds::json_lines::BYTE_ORDER_MARK)
        .unwrap_or(bytes);
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Err(ApiError::Malformed(
            "the body is empty: send a release package or JSON Lines of releases".into(),
        ));
    }
    let syntax = |line_offset: usize, e: &serde_json::Error| {
        ApiError::Malformed(format!(
            "the body is not valid JSON at line {}, column {}: {e}",
            line_offset + e.line(),
            e.column()
        ))
    };
    match format {
        BodyFormat::ReleasePackage => serde_json::from_slice(bytes)
            .map(|v| vec![v])
            .map_err(|e| syntax(0, &e)),
        BodyFormat::JsonLines => pcds::json_lines::parse(bytes).map_err(|e| match e {
            pcds::json_lines::JsonLinesError::NotJson { line, source, .. } => {
                syntax(line - 1, &source)
            }
            other => ApiError::Malformed(format!("the body is not valid JSON Lines: {other}")),
        }),
    }
}

/// The releases of a parsed body, before validation: those of the package, or every line.
fn release_values(
    documents: &[Value],
    format: BodyFormat,
) -> Box<dyn Iterator<Item = &Value> + '_> {
    match format {
        BodyFormat::ReleasePackage => Box::new(
            documents
                .iter()
                .filter_map(|p| p.get("releases").and_then(Value::as_array))
                .flatten(),
        ),
        BodyFormat::JsonLines => Box::new(documents.iter()),
    }
}

/// The first release of the body (its position and ocid) outside the token's `prefix`. A
/// prefix stored by an older server that is not a whole ocid prefix holds nothing. Releases
/// without a string ocid are left to the validator.
fn outside(documents: &[Value], format: BodyFormat, prefix: &str) -> Option<(usize, String)> {
    let namespace = prefix.parse::<pcds::OcidPrefix>().ok();
    release_values(documents, format)
        .enumerate()
        .filter_map(|(index, release)| Some((index, release.get("ocid")?.as_str()?)))
        .find(|(_, ocid)| !namespace.as_ref().is_some_and(|n| n.contains(ocid)))
        .map(|(index, ocid)| (index, ocid.to_owned()))
}

/// A refusal of the first release whose ocid or id is too long to be an address: longer than
/// [`pcds::feed::MAX_SEGMENT_BYTES`] once written as a path segment.
fn too_long(documents: &[Value], format: BodyFormat) -> Option<ApiError> {
    release_values(documents, format)
        .enumerate()
        .find_map(|(index, release)| {
            ["ocid", "id"].into_iter().find_map(|field| {
                let value = release.get(field)?.as_str()?;
                let bytes = pcds::feed::segment(value).len();
                (bytes > pcds::feed::MAX_SEGMENT_BYTES).then(|| {
                    ApiError::BadRequest(format!(
                        "release {index} has an `{field}` of {bytes} bytes as an address; this server stores ocids and ids of at most {} bytes as written in paths, so every document has an address a static host can serve",
                        pcds::feed::MAX_SEGMENT_BYTES
                    ))
                })
            })
        })
}

/// The releases of a validated body, with their ocids and ids.
fn releases(documents: Vec<Value>, format: BodyFormat) -> Result<Vec<Incoming>, ApiError> {
    let releases: Vec<Value> = match format {
        BodyFormat::ReleasePackage => documents
            .into_iter()
            .next()
            .and_then(|mut p| p.get_mut("releases").map(Value::take))
            .and_then(|r| match r {
                Value::Array(items) => Some(items),
                _ => None,
            })
            .ok_or_else(|| {
                ApiError::Malformed("a release package needs a `releases` array".into())
            })?,
        BodyFormat::JsonLines => documents,
    };
    releases
        .into_iter()
        .enumerate()
        .map(|(index, release)| {
            let field = |name: &str| {
                release[name].as_str().map(str::to_owned).ok_or_else(|| {
                    ApiError::Malformed(format!("release {index} has no string `{name}`"))
                })
            };
            Ok(Incoming {
                ocid: field("ocid")?,
                id: field("id")?,
                release,
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::{BodyFormat, outside, too_long};

    #[test]
    fn the_first_release_outside_the_prefix_is_found_on_whole_segments() {
        let package = vec![json!({"releases": [
            {"ocid": "ocds-pcdsex-bir-1"}, {"ocid": 7}, {"ocid": "ocds-pcdsex-birx-1"}
        ]})];
        assert_eq!(
            outside(&package, BodyFormat::ReleasePackage, "ocds-pcdsex-bir-"),
            Some((2, "ocds-pcdsex-birx-1".to_owned())),
            "an ocid that is not a string is left to the validator"
        );
        let lines = vec![
            json!({"ocid": "ocds-pcdsex-bir-1"}),
            json!({"ocid": "ocds-pcdsex-bir-2"}),
        ];
        assert_eq!(
            outside(&lines, BodyFormat::JsonLines, "ocds-pcdsex-bir-"),
            None
        );
        assert_eq!(
            outside(&lines, BodyFormat::JsonLines, "ocds-pcdse"),
            Some((0, "ocds-pcdsex-bir-1".to_owned())),
            "a prefix an older server stored, not whole, holds nothing"
        );
    }

    #[test]
    fn an_ocid_or_id_too_long_for_an_address_is_refused() {
        let most = pcds::feed::MAX_SEGMENT_BYTES;
        let fits = format!("ocds-pcdsex-{}", "a".repeat(most - 12));
        let lines = vec![json!({"ocid": fits, "id": "1"})];
        assert!(too_long(&lines, BodyFormat::JsonLines).is_none());
        // A character escaped in paths counts three times.
        let escaped = format!("ocds-pcdsex-{}", "/".repeat(most / 3));
        let lines = vec![
            json!({"ocid": "ocds-pcdsex-1", "id": "1"}),
            json!({"ocid": escaped, "id": "1"}),
        ];
        let refusal = too_long(&lines, BodyFormat::JsonLines)
            .expect("refused")
            .to_string();
        assert!(
            refusal.starts_with("release 1 has an `ocid` of"),
            "{refusal}"
        );
        let package =
            vec![json!({"releases": [{"ocid": "ocds-pcdsex-1", "id": "x".repeat(most + 1)}]})];
        let refusal = too_long(&package, BodyFormat::ReleasePackage)
            .expect("refused")
            .to_string();
        assert!(refusal.starts_with("release 0 has an `id` of"), "{refusal}");
    }
}
