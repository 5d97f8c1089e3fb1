//! Errors as the API reports them: a status, a stable code and a plain message, as JSON.

use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde_json::json;

use crate::store::{Conflict, StoreError};
use pcds_validator::InputReport;
use pcds_validator::Severity;

/// An error answer. Every one has a stable code a client can act on; server faults say only
/// that something failed, and the details go to the log.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum ApiError {
    /// No `Authorization: Bearer` token was sent.
    #[error("publishing needs a token: send `Authorization: Bearer <token>`")]
    MissingToken,
    /// The token is not one this server issued.
    #[error("the token is not recognised")]
    UnknownToken,
    /// The token was revoked.
    #[error("the token was revoked on {0}")]
    RevokedToken(String),
    /// A release's ocid is outside the token's prefix (or the token's prefix, made by an older
    /// server, is not a whole ocid prefix, so nothing is inside it).
    #[error(
        "release {index} has ocid `{ocid}`, but this token may publish only ocids in `{prefix}`, which end at a `-` after it"
    )]
    WrongPrefix {
        /// The release's position in the body (0-based).
        index: usize,
        /// Its ocid.
        ocid: String,
        /// The token's prefix.
        prefix: String,
    },
    /// The body's media type is not one the server reads.
    #[error(
        "send a release package as `application/json` or releases as JSON Lines (`application/x-ndjson`), not `{0}`"
    )]
    UnsupportedMediaType(String),
    /// The body is over the size limit.
    #[error("the body is larger than the limit of {0} bytes; send fewer releases per request")]
    TooLarge(usize),
    /// The body could not be read as the format it claims.
    #[error("{0}")]
    Malformed(String),
    /// The validator found errors; nothing was stored.
    #[error("the data is not valid PCDS: {} error(s); nothing was stored", .0.count(Severity::Error))]
    Invalid(Box<InputReport>),
    /// A release id is already stored with different content, or was withdrawn; nothing was
    /// stored.
    #[error("{} release(s) are already stored with different content or were withdrawn; a release is written once, so publish a new release with a new id instead", .0.len())]
    Conflict(Vec<Conflict>),
    /// What the address named was withdrawn by its publisher.
    #[error("{what} was withdrawn by its publisher on {at}; its content is no longer published")]
    Withdrawn {
        /// What was asked for: a release or a record.
        what: String,
        /// When it was withdrawn.
        at: String,
    },
    /// Nothing is at this address.
    #[error("{0}")]
    NotFound(String),
    /// A path or query parameter is not usable.
    #[error("{0}")]
    BadRequest(String),
    /// As many unauthenticated checks as the server allows are running.
    #[error("the server is checking as many documents as it can at once; try again in a moment")]
    Busy,
    /// The body did not arrive within the time allowed for it.
    #[error("the body did not arrive within {0} seconds; send it at once, or in smaller requests")]
    SlowBody(u64),
    /// The address does not take the request's method; the value is the methods it takes,
    /// as the `Allow` header lists them.
    #[error(
        "this address takes {0} only: reads are GET, publishing is POST /releases, withdrawing is DELETE on a release address, checking without storing is POST /validate"
    )]
    MethodNotAllowed(&'static str),
    /// The server failed.
    #[error("the server failed to answer; the failure is in its log")]
    Internal(String),
}

impl ApiError {
    /// The stable code clients see.
    #[must_use]
    pub fn code(&self) -> &'static str {
        match self {
            ApiError::MissingToken => "PCDS-API-001",
            ApiError::UnknownToken => "PCDS-API-002",
            ApiError::RevokedToken(_) => "PCDS-API-003",
            ApiError::WrongPrefix { .. } => "PCDS-API-004",
            ApiError::UnsupportedMediaType(_) => "PCDS-API-005",
            ApiError::TooLarge(_) => "PCDS-API-006",
            ApiError::Malformed(_) => "PCDS-API-007",
            ApiError::Invalid(_) => "PCDS-API-008",
            ApiError::Conflict(_) => "PCDS-API-009",
            ApiError::NotFound(_) => "PCDS-API-010",
            ApiError::BadRequest(_) => "PCDS-API-011",
            ApiError::Busy => "PCDS-API-012",
            ApiError::MethodNotAllowed(_) => "PCDS-API-013",
            ApiError::SlowBody(_) => "PCDS-API-014",
            ApiError::Withdrawn { .. } => "PCDS-API-015",
            ApiError::Internal(_) => "PCDS-API-500",
        }
    }

    /// The HTTP status.
    #[must_use]
    pub fn status(&self) -> StatusCode {
        match self {
            ApiError::MissingToken | ApiError::UnknownToken | ApiError::RevokedToken(_) => {
                StatusCode::UNAUTHORIZED
            }
            ApiError::WrongPrefix { .. } => StatusCode::FORBIDDEN,
            ApiError::UnsupportedMediaType(_) => StatusCode::UNSUPPORTED_MEDIA_TYPE,
            ApiError::TooLarge(_) => StatusCode::PAYLOAD_TOO_LARGE,
            ApiError::Malformed(_) | ApiError::BadRequest(_) => StatusCode::BAD_REQUEST,
            ApiError::Busy => StatusCode::SERVICE_UNAVAILABLE,
            ApiError::MethodNotAllowed(_) => StatusCode::METHOD_NOT_ALLOWED,
            ApiError::SlowBody(_) => StatusCode::REQUEST_TIMEOUT,
            ApiError::Invalid(_) => StatusCode::UNPROCESSABLE_ENTITY,
            ApiError::Conflict(_) => StatusCode::CONFLICT,
            ApiError::NotFound(_) => StatusCode::NOT_FOUND,
            ApiError::Withdrawn { .. } => StatusCode::GONE,
            ApiError::Internal(_) => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }
}

impl From<StoreError> for ApiError {
    fn from(e: StoreError) -> Self {
        ApiError::Internal(e.to_string())
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let status = self.status();
        if let ApiError::Internal(detail) = &self {
            tracing::error!(code = self.code(), %detail, "request failed");
        }
        let mut error = json!({"code": self.code(), "message": self.to_string()});
        match &self {
            ApiError::Invalid(report) => {
                error["findings"] = json!(report.findings);
                if !report.omitted.is_empty() {
                    error["omitted"] = json!(report.omitted);
                }
            }
            ApiError::Conflict(conflicts) => error["conflicts"] = json!(conflicts),
            _ => {}
        }
        let mut response = (status, axum::Json(json!({ "error": error }))).into_response();
        if let ApiError::MethodNotAllowed(allowed) = &self {
            response
                .headers_mut()
                .insert(header::ALLOW, HeaderValue::from_static(allowed));
        }
        if status == StatusCode::UNAUTHORIZED {
            response.headers_mut().insert(
                header::WWW_AUTHENTICATE,
                HeaderValue::from_static("Bearer realm=\"pcds\""),
            );
        }
        response
    }
}
