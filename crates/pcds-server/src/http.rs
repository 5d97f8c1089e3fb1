//! HTTP details shared by every read: conditional requests and cache headers.

use axum::body::Body;
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::Response;

use crate::digest::bytes_digest;

/// How long a reader may reuse a document without asking again.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Freshness {
    /// Ask every time (cheaply, with the ETag): the discovery document and the feed's last
    /// page, which change with every write.
    Revalidate,
    /// Reuse for a minute: records and statistics, which change as releases arrive.
    Minute,
    /// Reuse for an hour: full feed pages and single releases, which change only when their
    /// publisher withdraws a release, so a withdrawn release leaves every cache within the
    /// hour.
    Hour,
    /// Reuse for a day: the standard's schemas and codelists, which change only with a new
    /// server.
    Day,
}

impl Freshness {
    fn header(self) -> &'static str {
        match self {
            Freshness::Revalidate => "public, no-cache",
            Freshness::Minute => "public, max-age=60",
            Freshness::Hour => "public, max-age=3600",
            Freshness::Day => "public, max-age=86400",
        }
    }
}

/// A `200` answer with an ETag, Last-Modified and Cache-Control, or a `304` when the request's
/// `If-None-Match` (or, without one, `If-Modified-Since`) shows the reader already has it.
#[must_use]
pub fn cached(
    request: &HeaderMap,
    body: Vec<u8>,
    content_type: &'static str,
    last_modified: Option<&str>,
    freshness: Freshness,
) -> Response {
    let etag = format!("\"{}\"", &bytes_digest(&body)[..32]);
    let last_modified = last_modified.and_then(http_date);
    let not_modified = match request
        .get(header::IF_NONE_MATCH)
        .and_then(|v| v.to_str().ok())
    {
        Some(tags) => tags
            .split(',')
            .map(|t| t.trim().trim_start_matches("W/"))
            .any(|t| t == etag || t == "*"),
        None => match (
            request
                .get(header::IF_MODIFIED_SINCE)
                .and_then(|v| v.to_str().ok())
                .and_then(|v| chrono::DateTime::parse_from_rfc2822(v).ok()),
            &last_modified,
        ) {
            (Some(since), Some((moment, _))) => *moment <= since,
            _ => false,
        },
    };
    let mut builder = Response::builder()
        .header(header::ETAG, &etag)
        .header(header::CACHE_CONTROL, freshness.header())
        .header(header::VARY, "Accept-Encoding");
    if let Some((_, text)) = &last_modified {
        builder = builder.header(header::LAST_MODIFIED, text);
    }
    let response = if not_modified {
        builder.status(StatusCode::NOT_MODIFIED).body(Body::empty())
    } else {
        builder
            .status(StatusCode::OK)
            .header(header::CONTENT_TYPE, HeaderValue::from_static(content_type))
            .body(Body::from(body))
    };
    response.unwrap_or_else(|_| {
        let mut fallback = Response::new(Body::empty());
        *fallback.status_mut() = StatusCode::INTERNAL_SERVER_ERROR;
        fallback
    })
}

/// An RFC 3339 time as an HTTP date, with the moment for comparisons (whole seconds, as HTTP
/// dates have no fractions).
fn http_date(rfc3339: &str) -> Option<(chrono::DateTime<chrono::FixedOffset>, String)> {
    let moment = chrono::DateTime::parse_from_rfc3339(rfc3339).ok()?;
    let utc = moment.with_timezone(&chrono::Utc);
    Some((moment, utc.format("%a, %d %b %Y %H:%M:%S GMT").to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn headers(name: header::HeaderName, value: &str) -> HeaderMap {
        let mut map = HeaderMap::new();
        map.insert(name, HeaderValue::from_str(value).expect("a header value"));
        map
    }

    #[test]
    fn a_matching_etag_or_an_unchanged_date_answers_not_modified() {
        let first = cached(
            &HeaderMap::new(),
            b"{}".to_vec(),
            "application/json",
            Some("2026-01-02T03:04:05Z"),
            Freshness::Day,
        );
        assert_eq!(first.status(), StatusCode::OK);
        let etag = first.headers()[header::ETAG]
            .to_str()
            .expect("ascii")
            .to_owned();
        assert_eq!(
            first.headers()[header::LAST_MODIFIED],
            "Fri, 02 Jan 2026 03:04:05 GMT"
        );
        assert_eq!(
            first.headers()[header::CACHE_CONTROL],
            "public, max-age=86400"
        );
        let again = cached(
            &headers(header::IF_NONE_MATCH, &etag),
            b"{}".to_vec(),
            "application/json",
            None,
            Freshness::Day,
        );
        assert_eq!(again.status(), StatusCode::NOT_MODIFIED);
        let changed = cached(
            &headers(header::IF_NONE_MATCH, &etag),
            b"[]".to_vec(),
            "application/json",
            None,
            Freshness::Day,
        );
        assert_eq!(changed.status(), StatusCode::OK);
        let since = cached(
            &headers(header::IF_MODIFIED_SINCE, "Fri, 02 Jan 2026 03:04:05 GMT"),
            b"{}".to_vec(),
            "application/json",
            Some("2026-01-02T03:04:05Z"),
            Freshness::Minute,
        );
        assert_eq!(since.status(), StatusCode::NOT_MODIFIED);
        let older = cached(
            &headers(header::IF_MODIFIED_SINCE, "Thu, 01 Jan 2026 00:00:00 GMT"),
            b"{}".to_vec(),
            "application/json",
            Some("2026-01-02T03:04:05Z"),
            Freshness::Minute,
        );
        assert_eq!(older.status(), StatusCode::OK);
        let garbage = cached(
            &headers(header::IF_MODIFIED_SINCE, "yesterday"),
            b"{}".to_vec(),
            "application/json",
            Some("2026-01-02T03:04:05Z"),
            Freshness::Minute,
        );
        assert_eq!(garbage.status(), StatusCode::OK);
    }
}
