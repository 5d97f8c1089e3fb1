//! The routes: reading the feed, records, releases, statistics and the standard's files, and
//! publishing.

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::Arc;

use axum::Router;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, Method};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use tower_http::cors::{Any, CorsLayer};
use tower_http::services::ServeDir;
use tower_http::trace::{DefaultMakeSpan, DefaultOnResponse, TraceLayer};

use crate::documents::{self, JSON, Site, unsegment};
use crate::error::ApiError;
use crate::gate::Validators;
use crate::http::{Freshness, cached};
use crate::stats::{Dimension, Tabulator};
use crate::store::Store;

/// Placements tabulated at a feed position.
type Tabulated = (i64, Arc<Tabulator>);

/// Everything a request handler needs, shared by all of them.
#[derive(Clone)]
pub struct AppState {
    pub(crate) store: Arc<Store>,
    pub(crate) validators: Arc<Validators>,
    pub(crate) site: Arc<Site>,
    pub(crate) max_body: usize,
    pub(crate) suppress_below: u64,
    /// `POST /validate` needs no token, so it may run only this many checks at once; more are
    /// refused with `503` rather than queued, holding their bodies.
    pub(crate) checks: Arc<tokio::sync::Semaphore>,
    /// Publishing requests read, validate and store their bodies this many at a time (one per
    /// core); more wait their turn with their bodies unread, so memory has a bound of a few
    /// bodies however many publishers write at once.
    pub(crate) writes: Arc<tokio::sync::Semaphore>,
    /// How long a request's body may take to arrive once its headers have: a turn to write or
    /// check is never held by a body that trickles.
    pub(crate) body_timeout: std::time::Duration,
    spec: Arc<HashMap<String, (String, &'static str)>>,
    /// The placements tabulated at a feed position: recomputed only after a write.
    tabulated: Arc<std::sync::Mutex<Option<Tabulated>>>,
}

impl AppState {
    /// The state for a server over `store`, checking writes and answering `POST /validate`
    /// with `validators`.
    #[must_use]
    pub fn new(
        store: Arc<Store>,
        validators: Arc<Validators>,
        site: Site,
        max_body: usize,
        suppress_below: u64,
    ) -> AppState {
        let spec = pcds::spec::generated_files()
            .into_iter()
            .map(|f| {
                let kind = if f.path.ends_with(".csv") {
                    "text/csv; charset=utf-8"
                } else if f.path.ends_with(".md") {
                    "text/markdown; charset=utf-8"
                } else {
                    JSON
                };
                (f.path, (f.contents, kind))
            })
            .collect();
        AppState {
            store,
            validators,
            site: Arc::new(site),
            max_body,
            suppress_below,
            checks: Arc::new(tokio::sync::Semaphore::new(
                std::thread::available_parallelism().map_or(1, usize::from),
            )),
            writes: Arc::new(tokio::sync::Semaphore::new(
                std::thread::available_parallelism().map_or(1, usize::from),
            )),
            body_timeout: std::time::Duration::from_secs(60),
            spec: Arc::new(spec),
            tabulated: Arc::default(),
        }
    }
}

impl AppState {
    /// Waits for a turn to write (publish or withdraw): one per core, so waiting writes hold
    /// no memory.
    pub(crate) async fn write_turn(&self) -> Result<tokio::sync::OwnedSemaphorePermit, ApiError> {
        self.writes
            .clone()
            .acquire_owned()
            .await
            .map_err(|_| ApiError::Internal("the write queue was closed".into()))
    }

    /// The same state allowing `checks` unauthenticated `POST /validate` checks at once (one
    /// per core by default); `0` refuses every check.
    #[must_use]
    pub fn with_check_limit(mut self, checks: usize) -> AppState {
        self.checks = Arc::new(tokio::sync::Semaphore::new(checks));
        self
    }

    /// The same state allowing a request's body `timeout` to arrive (60 seconds by default).
    #[must_use]
    pub fn with_body_timeout(mut self, timeout: std::time::Duration) -> AppState {
        self.body_timeout = timeout;
        self
    }

    /// The same state letting `writes` publishing requests read and store their bodies at once
    /// (one per core by default); the others wait, bodies unread.
    #[must_use]
    pub fn with_write_limit(mut self, writes: usize) -> AppState {
        self.writes = Arc::new(tokio::sync::Semaphore::new(writes));
        self
    }
}

/// The file of the browser validator page that shows it is built: its engine.
pub const VALIDATE_PAGE_ENGINE: &str = "pkg/pcds_wasm_bg.wasm";

/// The server's routes over `state`; built documentation is served under `/docs` when `docs`
/// is a directory, and the browser validator page under `/validate/` when `validate_page` is
/// a directory holding a built page (`tools/wasm/build-page.sh`).
pub fn router(state: AppState, docs: Option<PathBuf>, validate_page: Option<PathBuf>) -> Router {
    let page_service: Router = match validate_page.filter(|d| d.join(VALIDATE_PAGE_ENGINE).is_file()) {
        Some(dir) => Router::new().fallback_service(ServeDir::new(dir).append_index_html_on_directories(true)),
        None => Router::new().fallback(|| async {
            ApiError::NotFound("the validator page is not built here: build it with `tools/wasm/build-page.sh` and start the server with `--validate-page web/validate`; `POST /validate` works without it".into())
        }),
    };
    let docs_service: Router = match docs.filter(|d| d.is_dir()) {
        Some(dir) => Router::new().fallback_service(ServeDir::new(dir).append_index_html_on_directories(true)),
        None => Router::new().fallback(|| async {
            ApiError::NotFound("the documentation is not built here: build it with `mdbook build docs` and start the server with `--docs docs/book`".into())
        }),
    };
    Router::new()
        .route("/", get(discovery))
        .route("/index.json", get(discovery))
        .route("/feed/{page}", get(feed))
        .route("/records/{file}", get(record))
        .route(
            "/releases/{ocid}/{file}",
            get(release).delete(crate::withdraw::withdraw),
        )
        .route("/releases", post(crate::publish::publish))
        .route(
            "/validate",
            get(|| async { Redirect::permanent("validate/") }).post(crate::validate::validate),
        )
        .nest_service("/validate/", page_service)
        .route("/stats.json", get(stats))
        .route("/spec/{*path}", get(spec))
        .nest_service("/docs", docs_service)
        .fallback(|| async {
            ApiError::NotFound(
                "nothing is published at this address; start from `/` (the discovery document)"
                    .into(),
            )
        })
        .method_not_allowed_fallback(|uri: axum::http::Uri| async move {
            ApiError::MethodNotAllowed(allowed_methods(uri.path()))
        })
        .layer(
            CorsLayer::new()
                .allow_origin(Any)
                .allow_methods([Method::GET, Method::HEAD, Method::POST])
                .allow_headers([axum::http::header::CONTENT_TYPE, axum::http::header::ACCEPT]),
        )
        .layer(
            TraceLayer::new_for_http()
                .make_span_with(DefaultMakeSpan::new().level(tracing::Level::INFO))
                .on_response(DefaultOnResponse::new().level(tracing::Level::INFO)),
        )
        .with_state(state)
}

/// The methods an address takes, as an `Allow` header lists them.
fn allowed_methods(path: &str) -> &'static str {
    match path {
        "/releases" => "POST",
        release if release.starts_with("/releases/") => "GET, HEAD, DELETE",
        "/validate" => "GET, POST",
        _ => "GET, HEAD",
    }
}

/// Runs blocking store work off the async threads.
pub(crate) async fn blocking<T: Send + 'static>(
    work: impl FnOnce() -> Result<T, ApiError> + Send + 'static,
) -> Result<T, ApiError> {
    tokio::task::spawn_blocking(work)
        .await
        .map_err(|e| ApiError::Internal(format!("a worker failed: {e}")))?
}

fn json_bytes(value: &impl serde::Serialize) -> Vec<u8> {
    serde_json::to_vec(value).unwrap_or_default()
}

async fn discovery(
    State(state): State<AppState>,
    headers: HeaderMap,
) -> Result<Response, ApiError> {
    let store = state.store.clone();
    let (tokens, count, latest) =
        blocking(move || Ok((store.tokens()?, store.count()?, store.latest()?))).await?;
    let last = latest.map(|(_, at)| at);
    let document = documents::discovery(&state.site, &tokens, count, last.as_deref());
    Ok(cached(
        &headers,
        json_bytes(&document),
        JSON,
        last.as_deref(),
        Freshness::Revalidate,
    ))
}

/// Reads `{n}.json` (or `{segment}.json`) from a path.
fn json_file(file: &str) -> Result<&str, ApiError> {
    file.strip_suffix(".json").ok_or_else(|| {
        ApiError::NotFound(format!(
            "`{file}` is not a document here: addresses end in `.json`"
        ))
    })
}

async fn feed(
    State(state): State<AppState>,
    Path(page): Path<String>,
    headers: HeaderMap,
) -> Result<Response, ApiError> {
    let after = pcds::feed::feed_position(json_file(&page)?)
        .ok_or_else(|| ApiError::NotFound(format!("`{page}` is not a feed page: pages are `feed/<position>.json` with the position in digits, no leading zeros, starting at `feed/0.json`")))?;
    let store = state.store.clone();
    let limit = state.site.page_size;
    let items = blocking(move || Ok(store.feed(after, limit)?)).await?;
    let full = items.len() >= limit;
    let last = items.iter().map(|r| r.changed_at().to_owned()).max();
    let page = documents::feed_page(&state.site, after, &items);
    let freshness = if full {
        Freshness::Hour
    } else {
        Freshness::Revalidate
    };
    Ok(cached(&headers, page, JSON, last.as_deref(), freshness))
}

async fn record(
    State(state): State<AppState>,
    Path(file): Path<String>,
    headers: HeaderMap,
) -> Result<Response, ApiError> {
    let ocid = unsegment(json_file(&file)?)
        .ok_or_else(|| ApiError::NotFound(format!("`{file}` is not an encoded ocid")))?;
    let store = state.store.clone();
    let lookup = ocid.clone();
    let (releases, last) =
        blocking(move || Ok((store.releases_of(&lookup)?, store.last_change_of(&lookup)?))).await?;
    if releases.is_empty() {
        return Err(match last {
            Some(at) => ApiError::Withdrawn {
                what: format!("every release of ocid `{ocid}`"),
                at,
            },
            None => ApiError::NotFound(format!("no releases are published for ocid `{ocid}`")),
        });
    }
    let package =
        documents::record_package(&state.site, &ocid, &releases).map_err(ApiError::Internal)?;
    Ok(cached(
        &headers,
        json_bytes(&package),
        JSON,
        last.as_deref(),
        Freshness::Minute,
    ))
}

async fn release(
    State(state): State<AppState>,
    Path((ocid, file)): Path<(String, String)>,
    headers: HeaderMap,
) -> Result<Response, ApiError> {
    let bad = || {
        ApiError::NotFound(format!(
            "`{ocid}/{file}` is not an encoded ocid and release id"
        ))
    };
    let decoded_ocid = unsegment(&ocid).ok_or_else(bad)?;
    let id = unsegment(json_file(&file)?).ok_or_else(bad)?;
    let store = state.store.clone();
    let (o, i) = (decoded_ocid.clone(), id.clone());
    let found = blocking(move || Ok(store.release(&o, &i)?)).await?;
    let stored = found.ok_or_else(|| {
        ApiError::NotFound(format!(
            "no release `{id}` is published for ocid `{decoded_ocid}`"
        ))
    })?;
    if let Some(at) = stored.withdrawn_at {
        return Err(ApiError::Withdrawn {
            what: format!("release `{id}` of ocid `{decoded_ocid}`"),
            at,
        });
    }
    let body = stored.body.clone().into_bytes();
    Ok(cached(
        &headers,
        body,
        JSON,
        Some(&stored.published_at),
        Freshness::Hour,
    ))
}

async fn stats(
    State(state): State<AppState>,
    Query(query): Query<HashMap<String, String>>,
    headers: HeaderMap,
) -> Result<Response, ApiError> {
    if let Some(unknown) = query.keys().find(|k| k.as_str() != "by") {
        return Err(ApiError::BadRequest(format!(
            "`{unknown}` is not a statistics parameter; the only one is `by`"
        )));
    }
    let dimensions = match query.get("by") {
        Some(list) => Dimension::parse_list(list).map_err(ApiError::BadRequest)?,
        None => Dimension::ALL.to_vec(),
    };
    let store = state.store.clone();
    let site = state.site.clone();
    let threshold = state.suppress_below;
    let cache = state.tabulated.clone();
    let (table, last) = blocking(move || {
        let latest = store.latest()?;
        let position = latest.as_ref().map_or(0, |(m, _)| *m);
        let cached = cache.lock().ok().and_then(|c| {
            c.as_ref()
                .filter(|(at, _)| *at == position)
                .map(|(_, t)| t.clone())
        });
        let tabulator = match cached {
            Some(t) => t,
            None => {
                let fresh = Arc::new(tabulate(&store)?);
                if let Ok(mut c) = cache.lock() {
                    *c = Some((position, fresh.clone()));
                }
                fresh
            }
        };
        let last = latest.map(|(_, at)| at);
        let mut table = tabulator.table(&dimensions, threshold);
        table["publicationLevel"] = serde_json::json!(site.publication_level);
        Ok((table, last))
    })
    .await?;
    Ok(cached(
        &headers,
        json_bytes(&table),
        JSON,
        last.as_deref(),
        Freshness::Minute,
    ))
}

/// Tabulates every process's compiled release.
pub(crate) fn tabulate(store: &Store) -> Result<Tabulator, ApiError> {
    let mut tabulator = Tabulator::default();
    for ocid in store.ocids()? {
        let releases = store
            .releases_of(&ocid)?
            .iter()
            .map(crate::store::StoredRelease::release)
            .collect::<Result<Vec<_>, _>>()?;
        let compiled =
            pcds::compile::compile(&releases).map_err(|e| ApiError::Internal(e.to_string()))?;
        tabulator.add(&compiled);
    }
    Ok(tabulator)
}

async fn spec(
    State(state): State<AppState>,
    Path(path): Path<String>,
    headers: HeaderMap,
) -> Response {
    match state.spec.get(&path) {
        Some((contents, kind)) => cached(&headers, contents.clone().into_bytes(), kind, None, Freshness::Day),
        None => ApiError::NotFound(format!("`spec/{path}` is not a file of the standard; see `spec/codelists/index.csv` and the schemas listed in the discovery document")).into_response(),
    }
}
