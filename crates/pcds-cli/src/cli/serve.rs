//! `pcds serve` (the reference publishing server), its tokens, and `pcds export` (the same
//! documents as static files).

use std::io::Write;
use std::net::SocketAddr;
use std::path::{Path, PathBuf};

use clap::{Args, Subcommand, ValueEnum};
use pcds::codelists::PublicationLevel;
use pcds_server::{Config, Store};

use super::{EXIT_OK, write_error};

/// How the publisher describes itself; shared by `serve` and `export` so both serve the same
/// documents.
#[derive(Debug, Clone, Args)]
pub struct SiteArgs {
    /// The publisher's name, shown in the discovery document and package metadata.
    #[arg(long, default_value = "PCDS publisher", value_name = "NAME")]
    pub name: String,
    /// The publication level: every write is validated as data for it.
    #[arg(long, value_enum, default_value_t = LevelArg::Open)]
    pub level: LevelArg,
    /// The URI of the licence the data is published under.
    #[arg(long, value_name = "URI")]
    pub license: Option<String>,
    /// Releases per feed page.
    #[arg(long, default_value_t = 500, value_parser = clap::value_parser!(u64).range(1..=10_000))]
    pub page_size: u64,
    /// Statistics cells with fewer placements than this are suppressed.
    #[arg(long, default_value_t = 10, value_parser = clap::value_parser!(u64).range(1..))]
    pub suppress_below: u64,
}

/// A publication level on the command line.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum LevelArg {
    /// Open data.
    Open,
    /// Pooling within a regional partnership.
    Partnership,
}

impl LevelArg {
    fn level(self) -> PublicationLevel {
        match self {
            LevelArg::Open => PublicationLevel::Open,
            LevelArg::Partnership => PublicationLevel::Partnership,
        }
    }
}

/// The arguments of `pcds serve`.
#[derive(Debug, Args)]
pub struct ServeArgs {
    /// Manage publishers' tokens instead of serving.
    #[command(subcommand)]
    pub action: Option<ServeAction>,
    /// The SQLite file: created with its tables when absent.
    #[arg(
        long,
        global = true,
        default_value = "pcds.sqlite",
        value_name = "FILE"
    )]
    pub db: PathBuf,
    /// Where to listen. Loopback by default; put a TLS-terminating proxy in front to publish.
    #[arg(long, default_value = "127.0.0.1:8080", value_name = "ADDR:PORT")]
    pub addr: SocketAddr,
    /// The absolute URL readers reach the server at, used in every link (`http://ADDR:PORT`
    /// when absent).
    #[arg(long, value_name = "URL")]
    pub public_url: Option<String>,
    /// The built documentation to serve under `/docs`.
    #[arg(long, default_value = "docs/book", value_name = "DIR")]
    pub docs: PathBuf,
    /// The browser validator page to serve under `/validate/`, once built with
    /// `tools/wasm/build-page.sh`.
    #[arg(long, default_value = "web/validate", value_name = "DIR")]
    pub validate_page: PathBuf,
    /// The largest publishing request, in bytes.
    #[arg(long, default_value_t = 16 * 1024 * 1024, value_name = "BYTES", value_parser = clap::value_parser!(u64).range(1..=(1 << 30)))]
    pub max_body: u64,
    /// The most connections open at once; one more is closed as soon as it is accepted.
    #[arg(long, default_value_t = 256, value_name = "N", value_parser = clap::value_parser!(u64).range(1..=65_536))]
    pub max_connections: u64,
    /// How long a client may take to send a request's headers, and a keep-alive connection
    /// may stay idle, before it is closed.
    #[arg(long, default_value_t = 30, value_name = "SECONDS", value_parser = clap::value_parser!(u64).range(1..=3600))]
    pub header_timeout: u64,
    /// Log lines as JSON objects instead of text.
    #[arg(long)]
    pub log_json: bool,
    /// How the publisher describes itself.
    #[command(flatten)]
    pub site: SiteArgs,
}

/// `pcds serve token …` and `pcds serve audit`.
#[derive(Debug, Subcommand)]
pub enum ServeAction {
    /// Manage publishers' API tokens.
    #[command(subcommand)]
    Token(TokenAction),
    /// List the withdrawals: who withdrew which release, when, and the digest of what was
    /// withdrawn (never its content).
    Audit {
        /// `text` (tab-separated, one withdrawal a line) or `json`.
        #[arg(long, value_enum, default_value_t = AuditFormat::Text)]
        format: AuditFormat,
    },
}

/// How `pcds serve audit` prints the withdrawals.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum AuditFormat {
    /// One withdrawal a line, tab-separated.
    Text,
    /// A JSON array.
    Json,
}

/// Token management.
#[derive(Debug, Subcommand)]
pub enum TokenAction {
    /// Create a token for a publisher, scoped to an ocid prefix. The token is printed once.
    Create {
        /// The publisher's name.
        #[arg(long, value_name = "NAME")]
        publisher: String,
        /// The ocid prefix the token may publish under, e.g. `ocds-pcdsex-bir-`: `ocds-`, the
        /// six-character OCDS prefix, then whole segments each ending at `-`. It may not
        /// overlap another publisher's active token.
        #[arg(long, value_name = "OCID_PREFIX")]
        prefix: String,
    },
    /// List tokens (never their secrets).
    List,
    /// Revoke a token by its number.
    Revoke {
        /// The token's number, from `list`.
        id: i64,
    },
}

/// Runs `pcds serve`.
pub fn run(args: ServeArgs, out: &mut dyn Write, err: &mut dyn Write) -> Result<i32, String> {
    if let Some(url) = &args.public_url
        && !(url.starts_with("https://") || url.starts_with("http://"))
    {
        return Err(format!(
            "`--public-url {url}` must be an absolute http(s) URL"
        ));
    }
    let store = open(&args.db)?;
    match args.action {
        Some(ServeAction::Token(action)) => token(&store, action, out),
        Some(ServeAction::Audit { format }) => audit(&store, format, out),
        None => {
            init_logs(args.log_json);
            let config = Config {
                addr: args.addr,
                public_url: args.public_url,
                name: args.site.name,
                publication_level: args.site.level.level(),
                license: args.site.license,
                page_size: usize::try_from(args.site.page_size).unwrap_or(500),
                max_body: usize::try_from(args.max_body).unwrap_or(usize::MAX),
                suppress_below: args.site.suppress_below,
                docs: Some(args.docs),
                validate_page: Some(args.validate_page),
                connections: pcds_server::ConnectionLimits {
                    max_connections: usize::try_from(args.max_connections).unwrap_or(256),
                    header_timeout: std::time::Duration::from_secs(args.header_timeout),
                    ..pcds_server::ConnectionLimits::default()
                },
            };
            let mut announced = Ok(());
            pcds_server::run(store, &config, |site, _| {
                announced = writeln!(out, "pcds serve: listening on {}", site.base_url)
                    .and_then(|()| out.flush());
            })
            .map_err(|e| e.to_string())?;
            announced.map_err(write_error)?;
            writeln!(err, "pcds serve: stopped").map_err(write_error)?;
            Ok(EXIT_OK)
        }
    }
}

fn open(db: &Path) -> Result<Store, String> {
    Store::open(db).map_err(|e| format!("cannot open the database `{}`: {e}", db.display()))
}

fn token(store: &Store, action: TokenAction, out: &mut dyn Write) -> Result<i32, String> {
    match action {
        TokenAction::Create { publisher, prefix } => {
            if publisher.trim().is_empty() {
                return Err("`--publisher` must name the publisher".into());
            }
            let prefix = prefix
                .parse::<pcds::OcidPrefix>()
                .map_err(|e| e.to_string())?;
            let issued = store
                .create_token(&publisher, &prefix)
                .map_err(|e| e.to_string())?;
            writeln!(out, "{}", issued.secret).map_err(write_error)?;
        }
        TokenAction::List => {
            for token in store.tokens().map_err(|e| e.to_string())? {
                let state = token
                    .revoked_at
                    .map_or_else(|| "active".to_owned(), |at| format!("revoked {at}"));
                writeln!(
                    out,
                    "{}\t{}\t{}\tcreated {}\t{state}",
                    token.id, token.publisher, token.prefix, token.created_at
                )
                .map_err(write_error)?;
            }
        }
        TokenAction::Revoke { id } => {
            if !store.revoke_token(id).map_err(|e| e.to_string())? {
                return Err(format!(
                    "there is no token number {id}; `pcds serve token list` shows them"
                ));
            }
            writeln!(out, "revoked token {id}").map_err(write_error)?;
        }
    }
    Ok(EXIT_OK)
}

fn audit(store: &Store, format: AuditFormat, out: &mut dyn Write) -> Result<i32, String> {
    let withdrawals = store.withdrawals().map_err(|e| e.to_string())?;
    match format {
        AuditFormat::Json => {
            let text = serde_json::to_string_pretty(&withdrawals).map_err(|e| e.to_string())?;
            writeln!(out, "{text}").map_err(write_error)?;
        }
        AuditFormat::Text => {
            for w in &withdrawals {
                writeln!(
                    out,
                    "{}\twithdrawn by {} (token {})\t{}\t{}\tpublished {}\tsha256 {}",
                    w.withdrawn_at, w.publisher, w.token, w.ocid, w.id, w.published_at, w.digest
                )
                .map_err(write_error)?;
            }
        }
    }
    Ok(EXIT_OK)
}

/// Structured logs on standard error; `RUST_LOG` picks what is logged (`info` by default).
fn init_logs(json: bool) {
    let filter = tracing_subscriber::EnvFilter::try_from_default_env()
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("info"));
    let builder = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr)
        .with_ansi(
            std::env::var_os("NO_COLOR").is_none()
                && std::io::IsTerminal::is_terminal(&std::io::stderr()),
        );
    let _ = if json {
        builder.json().try_init()
    } else {
        builder.try_init()
    };
}

/// The arguments of `pcds export`.
#[derive(Debug, Args)]
pub struct ExportArgs {
    /// The server's SQLite file.
    #[arg(long, default_value = "pcds.sqlite", value_name = "FILE")]
    pub db: PathBuf,
    /// The directory to write the files to.
    #[arg(long, value_name = "DIR")]
    pub out: PathBuf,
    /// The absolute URL the files will be reachable under, used in every link.
    #[arg(long, value_name = "URL")]
    pub base_url: String,
    /// How the publisher describes itself.
    #[command(flatten)]
    pub site: SiteArgs,
    /// The browser validator page to copy to `validate/`, once built with
    /// `tools/wasm/build-page.sh` (left out, with a note, when it is not built).
    #[arg(long, default_value = "web/validate", value_name = "DIR")]
    pub validate_page: PathBuf,
}

/// Runs `pcds export`.
pub fn export(args: &ExportArgs, err: &mut dyn Write) -> Result<i32, String> {
    if !(args.base_url.starts_with("https://") || args.base_url.starts_with("http://")) {
        return Err(format!(
            "`--base-url {}` must be an absolute http(s) URL",
            args.base_url
        ));
    }
    if !args.db.is_file() {
        return Err(format!("there is no database at `{}`", args.db.display()));
    }
    let store = open(&args.db)?;
    let config = Config {
        public_url: Some(args.base_url.clone()),
        name: args.site.name.clone(),
        publication_level: args.site.level.level(),
        license: args.site.license.clone(),
        page_size: usize::try_from(args.site.page_size).unwrap_or(500),
        ..Config::default()
    };
    let site = config.site(config.addr);
    let exported = pcds_server::export::export(&store, &site, args.site.suppress_below, &args.out)
        .map_err(|e| e.to_string())?;
    writeln!(
        err,
        "wrote {} feed page(s), {} release(s) and {} record(s) ({} files) to {}",
        exported.pages,
        exported.releases,
        exported.records,
        exported.files,
        args.out.display()
    )
    .map_err(write_error)?;
    if exported.removed > 0 {
        writeln!(
            err,
            "removed {} file(s) of an earlier export that are no longer published (withdrawn releases, emptied records, moved pages)",
            exported.removed
        )
        .map_err(write_error)?;
    }
    if args
        .validate_page
        .join(pcds_server::VALIDATE_PAGE_ENGINE)
        .is_file()
    {
        let copied = pcds_server::export::copy_validate_page(&args.validate_page, &args.out)
            .map_err(|e| e.to_string())?;
        writeln!(
            err,
            "wrote the validator page ({copied} files) to {}",
            args.out.join("validate").display()
        )
        .map_err(write_error)?;
    } else {
        writeln!(
            err,
            "note: the validator page is not built, so the site has no /validate/ page; build it with `tools/wasm/build-page.sh`"
        )
        .map_err(write_error)?;
    }
    Ok(EXIT_OK)
}
