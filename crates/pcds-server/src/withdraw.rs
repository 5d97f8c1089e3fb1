//! Withdrawing: `DELETE /releases/{ocid}/{id}.json` with the publisher's token. In order: the
//! token (401), the address (404 unless it is an encoded ocid and id), the token's ocid prefix
//! (403, on whole segments), then the store: `200` with the withdrawal (also when the release
//! was withdrawn before, so a retried request is safe), `404` when no such release was ever
//! stored. The feed then serves the release as a `deleted` item, its address answers `410`,
//! and the audit log (`pcds serve audit`) records who withdrew it and when.

use axum::extract::{Path, RawQuery, State};
use axum::http::HeaderMap;
use axum::response::{IntoResponse, Response};
use serde_json::json;

use crate::app::{AppState, blocking};
use crate::documents::{feed_path, unsegment};
use crate::error::ApiError;
use crate::publish::authenticate;
use crate::store::Withdrawn;

/// The handler.
pub(crate) async fn withdraw(
    State(state): State<AppState>,
    Path((ocid, file)): Path<(String, String)>,
    RawQuery(query): RawQuery,
    headers: HeaderMap,
) -> Result<Response, ApiError> {
    let token = authenticate(&state, &headers).await?;
    if let Some(query) = query.filter(|q| !q.is_empty()) {
        return Err(ApiError::BadRequest(format!(
            "a withdrawal takes no parameters, but was sent `{query}`"
        )));
    }
    let bad = || {
        ApiError::NotFound(format!(
            "`{ocid}/{file}` is not an encoded ocid and release id"
        ))
    };
    let decoded_ocid = unsegment(&ocid).ok_or_else(bad)?;
    let id = file
        .strip_suffix(".json")
        .and_then(unsegment)
        .ok_or_else(bad)?;
    let namespace = token.prefix.parse::<pcds::OcidPrefix>().ok();
    if !namespace
        .as_ref()
        .is_some_and(|n| n.contains(&decoded_ocid))
    {
        return Err(ApiError::WrongPrefix {
            index: 0,
            ocid: decoded_ocid,
            prefix: token.prefix.clone(),
        });
    }
    let store = state.store.clone();
    let (o, i, t) = (decoded_ocid.clone(), id.clone(), token.clone());
    let _turn = state.write_turn().await?;
    let outcome = blocking(move || Ok(store.withdraw(&t, &o, &i)?)).await?;
    let (entry, already) = match outcome {
        Withdrawn::Now(entry) => (entry, false),
        Withdrawn::Already(entry) => (entry, true),
        Withdrawn::NotStored => {
            return Err(ApiError::NotFound(format!(
                "no release `{id}` was ever published for ocid `{decoded_ocid}`"
            )));
        }
    };
    if !already {
        tracing::info!(publisher = %token.publisher, token = token.id, ocid = %entry.ocid, id = %entry.id, modified = entry.modified, "withdrawn");
    }
    let base = &state.site.base_url;
    Ok(axum::Json(json!({
        "withdrawn": {
            "ocid": entry.ocid,
            "id": entry.id,
            "modified": entry.modified,
            "withdrawnAt": entry.withdrawn_at,
            "withdrawnBy": entry.publisher,
            "feed": format!("{base}/{}", feed_path(entry.modified - 1)),
        },
        "already": already,
    }))
    .into_response())
}
