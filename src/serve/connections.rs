//! The accept loop: the listening socket and the routes in, every connection served over
//! HTTP/1.1 until the process stops.
//!
//! What holds: at most [`MAX_CONNECTIONS`] connections are open at once. At the cap no more
//! are accepted until one closes; new ones wait in the kernel's queue and cost the process no
//! descriptor. A client has [`HEADER_READ_TIMEOUT`] to send a request's headers, both on a new
//! connection and between requests on a kept-alive one, or it is disconnected, so idle and
//! slow sockets cannot hold places for long. A response, such as the live-reload event stream,
//! has no time limit.
//!
//! Written here rather than with `axum::serve`, which has neither a header-read timeout nor a
//! cap: hyper's own HTTP/1 connection does the timing, a semaphore does the counting.

use anyhow::{Context, Result};
use axum::Router;
use hyper::server::conn::http1;
use hyper_util::rt::{TokioIo, TokioTimer};
use hyper_util::service::TowerToHyperService;
use std::io::ErrorKind;
use std::sync::Arc;
use std::time::Duration;
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::Semaphore;

/// How long a client may take to send a request's headers, counted from when the server
/// starts waiting for them: after accepting, and after each response on a kept-alive
/// connection. A browser sends its headers at once; ten seconds leaves room for a slow
/// machine and is still short enough that idle sockets are soon given back.
pub const HEADER_READ_TIMEOUT: Duration = Duration::from_secs(10);

/// The most connections open at once. A browser opens at most 6 connections to one host, so
/// 128 is room for about twenty browsers, or for the 16 clients of the `serve-load` example,
/// with margin. Each costs a descriptor, and 128 of them plus what a build and a search open
/// stay well under the usual limit of open files (1,024 on Linux, 256 on macOS), so a flood
/// of connections cannot take the descriptors that builds and searches need.
pub const MAX_CONNECTIONS: usize = 128;

/// Accepts and serves connections with `router`, forever; `Err` only when the connection
/// count cannot be kept.
pub async fn run(listener: TcpListener, router: Router) -> Result<()> {
    let places = Arc::new(Semaphore::new(MAX_CONNECTIONS));
    let mut http = http1::Builder::new();
    http.timer(TokioTimer::new())
        .header_read_timeout(HEADER_READ_TIMEOUT);
    loop {
        // A place is taken before accepting, so that at the cap the loop waits here.
        let place = places
            .clone()
            .acquire_owned()
            .await
            .context("the count of open connections was lost")?;
        let stream = accept(&listener).await;
        let service = TowerToHyperService::new(router.clone());
        let connection = http.serve_connection(TokioIo::new(stream), service);
        tokio::spawn(async move {
            // An error here is the client's doing (it reset the connection, or sent no
            // headers in time) and ends only that connection: nothing to report.
            let _ = connection.await;
            drop(place);
        });
    }
}

/// The next connection. Errors that concern one client are skipped; others (out of
/// descriptors or memory) are reported and tried again a second later rather than in a
/// busy loop.
async fn accept(listener: &TcpListener) -> TcpStream {
    loop {
        match listener.accept().await {
            Ok((stream, _)) => return stream,
            Err(e)
                if matches!(
                    e.kind(),
                    ErrorKind::ConnectionAborted
                        | ErrorKind::ConnectionReset
                        | ErrorKind::ConnectionRefused
                ) => {}
            Err(e) => {
                eprintln!("warning: cannot accept a connection ({e}); trying again in a second");
                tokio::time::sleep(Duration::from_secs(1)).await;
            }
        }
    }
}
