//! The PCDS reference publishing server.
//!
//! What it is for: a council (or a regional hub) publishing PCDS data. Publishers send release
//! packages with a token scoped to their ocid prefix; every write is checked by the same
//! validator as `pcds validate` ([`Validators`]) and is stored once, durably, in an embedded
//! SQLite file; a publisher can withdraw a release it published in error, and the feed then serves its withdrawal. Anyone can `POST /validate` to check a document without storing it. Readers get a discovery document, a change feed they can follow incrementally, each
//! process's compiled record, single releases, the standard's files and aggregate statistics
//! with small numbers suppressed. [`export`](export::export) writes the same documents as
//! static files.
//!
//! What it is not for: validation rules (the `pcds-validator` crate), the data model (the
//! `pcds` crate), or printing: [`run`] reports through `tracing` and its return value.

mod app;
pub mod digest;
pub mod documents;
pub mod error;
pub mod export;
pub mod gate;
mod http;
pub mod listen;
mod publish;
pub mod stats;
pub mod store;
mod validate;
mod withdraw;

use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::Arc;

pub use app::{AppState, VALIDATE_PAGE_ENGINE, router};
pub use documents::Site;
pub use error::ApiError;
pub use gate::Validators;
pub use listen::ConnectionLimits;
pub use store::{Store, StoreError};

use pcds::codelists::PublicationLevel;

/// How a server runs.
#[derive(Debug, Clone)]
pub struct Config {
    /// Where to listen. Loopback by default: put a reverse proxy with TLS in front to publish.
    pub addr: SocketAddr,
    /// The absolute URL readers reach the server at, for links in documents; `http://` and the
    /// bound address when absent.
    pub public_url: Option<String>,
    /// The publisher's name, as readers see it.
    pub name: String,
    /// The publication level every write is checked against.
    pub publication_level: PublicationLevel,
    /// The URI of the licence the data is published under.
    pub license: Option<String>,
    /// Releases per feed page.
    pub page_size: usize,
    /// The largest publishing request body, in bytes.
    pub max_body: usize,
    /// Statistics cells with fewer placements than this are suppressed.
    pub suppress_below: u64,
    /// A directory of built documentation to serve under `/docs`.
    pub docs: Option<PathBuf>,
    /// The browser validator page (`web/validate`, once built) to serve under `/validate/`.
    pub validate_page: Option<PathBuf>,
    /// How many connections may be open, and how long a client may take to send headers.
    pub connections: ConnectionLimits,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            addr: SocketAddr::from(([127, 0, 0, 1], 8080)),
            public_url: None,
            name: "PCDS publisher".into(),
            publication_level: PublicationLevel::Open,
            license: None,
            page_size: 500,
            max_body: 16 * 1024 * 1024,
            suppress_below: 10,
            docs: None,
            validate_page: None,
            connections: ConnectionLimits::default(),
        }
    }
}

impl Config {
    /// The site description for a server bound at `bound`.
    #[must_use]
    pub fn site(&self, bound: SocketAddr) -> Site {
        Site {
            base_url: self
                .public_url
                .clone()
                .unwrap_or_else(|| format!("http://{bound}"))
                .trim_end_matches('/')
                .to_owned(),
            name: self.name.clone(),
            publication_level: self.publication_level.clone(),
            license: self.license.clone(),
            page_size: self.page_size.max(1),
        }
    }
}

/// What can stop the server from running.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum ServerError {
    /// The address could not be bound.
    #[error("cannot listen on {addr}: {source}")]
    Bind {
        /// The address.
        addr: SocketAddr,
        /// Why.
        source: std::io::Error,
    },
    /// The runtime or the listener failed.
    #[error("the server failed: {0}")]
    Io(#[from] std::io::Error),
    /// The validator could not be built.
    #[error("the validator could not be built: {0}")]
    Validator(#[from] pcds_validator::EngineError),
}

/// Runs the server until SIGINT or SIGTERM, then finishes the requests under way and returns.
/// `ready` is called once the socket is bound, with the base URL and the bound address.
///
/// # Errors
/// When the address cannot be bound or the runtime fails.
pub fn run(
    store: Store,
    config: &Config,
    ready: impl FnOnce(&Site, SocketAddr),
) -> Result<(), ServerError> {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()?;
    runtime.block_on(async {
        let listener = tokio::net::TcpListener::bind(config.addr)
            .await
            .map_err(|source| ServerError::Bind {
                addr: config.addr,
                source,
            })?;
        let bound = listener.local_addr()?;
        let site = config.site(bound);
        // Listen for the stop signals before saying the server is ready, so a signal sent as
        // soon as it is ready stops it gracefully.
        let stop = shutdown()?;
        ready(&site, bound);
        tracing::info!(address = %bound, base_url = %site.base_url, database = %store.path().display(), "listening");
        let validators = Arc::new(Validators::new(config.publication_level.clone())?);
        let state = AppState::new(Arc::new(store), validators, site, config.max_body, config.suppress_below);
        let app = router(state, config.docs.clone(), config.validate_page.clone());
        listen::serve(listener, app, config.connections, stop).await?;
        tracing::info!("stopped");
        Ok(())
    })
}

/// A future that resolves on SIGINT (Ctrl-C) or SIGTERM; the handlers are installed at once.
#[cfg(unix)]
fn shutdown() -> std::io::Result<impl std::future::Future<Output = ()>> {
    use tokio::signal::unix::{SignalKind, signal};
    let mut interrupt = signal(SignalKind::interrupt())?;
    let mut terminate = signal(SignalKind::terminate())?;
    Ok(async move {
        tokio::select! {
            _ = interrupt.recv() => tracing::info!("interrupted: finishing requests under way"),
            _ = terminate.recv() => tracing::info!("terminated: finishing requests under way"),
        }
    })
}

/// A future that resolves on Ctrl-C.
#[cfg(not(unix))]
fn shutdown() -> std::io::Result<impl std::future::Future<Output = ()>> {
    Ok(async {
        let _ = tokio::signal::ctrl_c().await;
        tracing::info!("interrupted: finishing requests under way");
    })
}
