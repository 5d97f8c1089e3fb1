//! Checking without storing: `POST /validate` validates its body at a level and answers with
//! the report `pcds validate --format json` gives (or SARIF on request). Nothing is stored and no
//! token is needed, so any program in any language can use the standard's engine over HTTP. The
//! body limit is the publishing limit.

use std::collections::HashMap;

use axum::body::Body;
use axum::extract::{Query, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Response};
use pcds::codelists::PublicationLevel;
use pcds_validator::{Severity, render};

use crate::app::{AppState, blocking};
use crate::error::ApiError;
use crate::publish::{body_format, body_within_limit, closing};

/// The report formats the endpoint answers in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Format {
    Json,
    Sarif,
}

/// The media type of SARIF reports.
const SARIF: &str = "application/sarif+json";

/// What a request asks for, from its query and `Accept` header.
struct Asked {
    level: Option<PublicationLevel>,
    fail_on: Severity,
    format: Format,
}

fn asked(query: &HashMap<String, String>, headers: &HeaderMap) -> Result<Asked, ApiError> {
    if let Some(unknown) = query
        .keys()
        .find(|k| !matches!(k.as_str(), "level" | "fail_on" | "format"))
    {
        return Err(ApiError::BadRequest(format!(
            "`{}` is not a parameter of /validate; it takes `level` (open or partnership), `fail_on` (error or warning) and `format` (json or sarif)",
            printable(unknown)
        )));
    }
    let level = match query.get("level").map(String::as_str) {
        None => None,
        Some("open") => Some(PublicationLevel::Open),
        Some("partnership") => Some(PublicationLevel::Partnership),
        Some(other) => {
            return Err(ApiError::BadRequest(format!(
                "`level={}` is not a publication level: use `open` or `partnership`, or leave it out to judge the body at the level it claims",
                printable(other)
            )));
        }
    };
    let fail_on = match query.get("fail_on").map(String::as_str) {
        None | Some("error") => Severity::Error,
        Some("warning") => Severity::Warning,
        Some(other) => {
            return Err(ApiError::BadRequest(format!(
                "`fail_on={}` is not a severity: use `error` or `warning`",
                printable(other)
            )));
        }
    };
    let accepts_sarif = headers
        .get(header::ACCEPT)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.split(',').any(|t| t.trim().starts_with(SARIF)));
    let format = match query.get("format").map(String::as_str) {
        None if accepts_sarif => Format::Sarif,
        None | Some("json") => Format::Json,
        Some("sarif") => Format::Sarif,
        Some(other) => {
            return Err(ApiError::BadRequest(format!(
                "`format={}` is not a report format here: use `json` or `sarif`",
                printable(other)
            )));
        }
    };
    Ok(Asked {
        level,
        fail_on,
        format,
    })
}

/// At most the first 64 characters of a caller's text, control characters escaped, for an
/// error message.
fn printable(text: &str) -> String {
    text.chars().take(64).flat_map(char::escape_debug).collect()
}

/// The handler.
pub(crate) async fn validate(
    State(state): State<AppState>,
    Query(query): Query<HashMap<String, String>>,
    headers: HeaderMap,
    body: Body,
) -> Result<Response, ApiError> {
    let asked = match asked(&query, &headers) {
        Ok(asked) => body_format(&headers).map(|_| asked),
        Err(e) => Err(e),
    };
    let asked = match asked {
        Ok(asked) => asked,
        Err(refusal) => return Ok(closing(refusal)),
    };
    // Taken before the body is read, and held until the report is written.
    let Ok(permit) = state.checks.clone().try_acquire_owned() else {
        let mut refused = closing(ApiError::Busy);
        refused.headers_mut().insert(
            header::RETRY_AFTER,
            axum::http::HeaderValue::from_static("1"),
        );
        return Ok(refused);
    };
    let bytes = match body_within_limit(&state, &headers, body).await {
        Ok(bytes) => bytes,
        Err(refused) => return Ok(refused),
    };
    let validators = state.validators.clone();
    let rendered = blocking(move || {
        let report = validators
            .report(&bytes, asked.level.as_ref(), asked.fail_on)
            .map_err(|e| ApiError::Internal(format!("validating a body in memory failed: {e}")))?;
        let mut out = Vec::new();
        let written = match asked.format {
            Format::Json => render::json(&report, &mut out),
            Format::Sarif => render::sarif(&report, &mut out),
        };
        written.map_err(|e| ApiError::Internal(format!("rendering a report failed: {e}")))?;
        drop(permit);
        Ok(out)
    })
    .await?;
    let media_type = match asked.format {
        Format::Json => crate::documents::JSON,
        Format::Sarif => SARIF,
    };
    Ok((
        StatusCode::OK,
        [
            (header::CONTENT_TYPE, media_type),
            (header::CACHE_CONTROL, "no-store"),
        ],
        rendered,
    )
        .into_response())
}
