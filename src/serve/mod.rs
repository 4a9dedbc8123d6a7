//! `hindsight serve`: [`ServeOptions`] in, a live preview out. The KB is built into its own
//! folder (`<root>/.hindsight/serve`, never the user's `public/`), served over HTTP on
//! loopback, and rebuilt whenever a source changes; open pages reload themselves after a good
//! rebuild and show the diagnostics of a failed one, while the last good site stays served.
//!
//! The pieces, in the order a change travels through them:
//! [`watch`] (file events -> batches of changed paths), [`rebuild`] (one rebuild at a time,
//! batches that arrive meanwhile coalesced -> a [`live::Status`]), [`live`] (the status -> SSE
//! events, and the tags injected into HTML), [`files`] (the built site, safely) and [`api`]
//! (`/api/search`, the same JSON as `hindsight search --json`). In front of them,
//! [`connections`] accepts connections (a cap on how many, a timeout on reading headers) and
//! [`host`] refuses requests whose `Host` the preview does not answer to.

pub mod api;
pub mod connections;
pub mod files;
pub mod host;
pub mod listen;
pub mod live;
pub mod rebuild;
pub mod watch;

use crate::build::BuildOptions;
use anyhow::{Context, Result};
use axum::Router;
use axum::middleware::from_fn_with_state;
use axum::routing::get;
use std::net::IpAddr;
use std::path::PathBuf;
use std::sync::Arc;
use tower_http::compression::CompressionLayer;

/// What to serve, from the command line.
#[derive(Debug, Clone)]
pub struct ServeOptions {
    pub root: PathBuf,
    /// How the user named the root, for messages.
    pub display_root: String,
    /// Where the preview is built [default: `<root>/.hindsight/serve`].
    pub output: Option<PathBuf>,
    pub drafts: bool,
    pub bind: IpAddr,
    /// The port to try first; the next free one is used when it is taken. 0: any free port.
    pub port: u16,
    /// Open the site in the default browser once it is served.
    pub open: bool,
    /// More host names (or addresses) the server answers to, from `--allow-host`.
    pub allow_hosts: Vec<String>,
}

/// What every request handler reads: where the site is, the KB for searches, the status of
/// the latest rebuild, and the hosts requests may name.
pub struct App {
    pub root: PathBuf,
    pub output: PathBuf,
    pub status: tokio::sync::watch::Receiver<live::Status>,
    pub hosts: host::Allowed,
}

/// The routes of the preview server, behind the `Host` check.
pub fn router(app: Arc<App>) -> Router {
    Router::new()
        .route(live::EVENTS_PATH, get(live::events))
        .route(live::SCRIPT_PATH, get(live::script))
        .route(api::SEARCH_PATH, get(api::search))
        .fallback(files::serve)
        .layer(CompressionLayer::new())
        // The outermost layer: a refused request reaches nothing else.
        .layer(from_fn_with_state(app.clone(), host::check))
        .with_state(app)
}

/// Starts watching the KB at `root` and the threads that rebuild it on every change and
/// publish each outcome to `status`.
fn watch_and_rebuild(
    root: &std::path::Path,
    builder: rebuild::Builder,
    status: tokio::sync::watch::Sender<live::Status>,
) -> Result<()> {
    let (changes_tx, changes_rx) = std::sync::mpsc::channel();
    let (events_tx, events_rx) = std::sync::mpsc::channel();
    let watcher = watch::Watcher::start(root, changes_tx)?;
    let call_off = builder.call_off();
    let relayed = events_tx.clone();
    std::thread::Builder::new()
        .name("hindsight-changes".into())
        .spawn(move || rebuild::relay(changes_rx, relayed, call_off))
        .context("cannot start the rebuild thread")?;
    std::thread::Builder::new()
        .name("hindsight-rebuild".into())
        .spawn(move || rebuild::run(builder, watcher, events_rx, events_tx, status))
        .context("cannot start the rebuild thread")?;
    Ok(())
}

/// Builds the site, serves it and rebuilds it on every change, until the process is stopped.
/// `Err` when the server cannot start: no free port, or a build that cannot run at all.
pub fn serve(opts: ServeOptions) -> Result<()> {
    if !opts.root.is_dir() {
        anyhow::bail!("the KB root `{}` is not a folder", opts.display_root);
    }
    let output = opts
        .output
        .clone()
        .unwrap_or_else(|| opts.root.join(".hindsight").join("serve"));
    crate::write::check_output(&opts.root, &output)?;
    let (listener, port_note) = listen::bind(opts.bind, opts.port)?;
    if let Some(note) = port_note {
        eprintln!("{note}");
    }
    let mut builder = rebuild::Builder::new(BuildOptions {
        root: opts.root.clone(),
        display_root: opts.display_root.clone(),
        output: Some(output.clone()),
        drafts: opts.drafts,
        base_url: Some("/".into()),
        today: jiff::Zoned::now().date(),
        public: false,
    });
    // The first build follows no fast one, so nothing calls it off.
    let first = builder
        .rebuild(&[])
        .and_then(|r| r.context("the first build stopped"));
    rebuild::print_outcome(&first, &[]);
    let first = first?;
    let (status_tx, status_rx) = tokio::sync::watch::channel(live::Status::first(&first));
    watch_and_rebuild(&opts.root, builder, status_tx)?;

    let addr = listener
        .local_addr()
        .context("cannot read the server's address")?;
    let url = listen::url(addr);
    eprintln!("Serving at {url}");
    if !addr.ip().is_loopback() {
        eprintln!(
            "warning: listening on {}: the preview is reachable from the network, by anyone who can reach this machine",
            addr.ip()
        );
    }
    eprintln!(
        "Watching content/, theme/, static/ and hindsight.toml in `{}`; press Ctrl-C to stop.",
        opts.display_root
    );
    if opts.open {
        listen::open_browser(&url);
    }
    let app = Arc::new(App {
        root: opts.root,
        output,
        status: status_rx,
        hosts: host::Allowed::new(opts.bind, &opts.allow_hosts),
    });
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .context("cannot start the server's runtime")?;
    runtime.block_on(async move {
        listener
            .set_nonblocking(true)
            .context("cannot set up the listening socket")?;
        let listener = tokio::net::TcpListener::from_std(listener)
            .context("cannot set up the listening socket")?;
        connections::run(listener, router(app))
            .await
            .context("the server stopped")
    })
}
