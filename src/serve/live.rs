//! Live reload: the outcome of each rebuild -> a [`Status`] -> Server-Sent Events on
//! `/__hindsight/events` (`reload` after a good rebuild, `error` with the diagnostics as JSON
//! after a failed one), and the tags that make a page listen, injected into HTML as it is
//! served, never written into the site.
//!
//! A page carries the id of the build it came from (`data-build` on the script tag), so a page
//! that connects after a rebuild it missed is told to reload at once, and one loaded while the
//! build is broken is sent the last error on connect.

use super::App;
use crate::build::BuildReport;
use crate::diag::Level;
use axum::extract::{RawQuery, State};
use axum::http::header;
use axum::response::sse::{Event, KeepAlive, Sse};
use axum::response::{IntoResponse, Response};
use futures_util::Stream;
use serde::Serialize;
use std::convert::Infallible;
use std::sync::Arc;
use std::time::Duration;
use tokio::sync::watch;

pub const EVENTS_PATH: &str = "/__hindsight/events";
pub const SCRIPT_PATH: &str = "/__hindsight/live.js";
/// The page's search script uses this API instead of the static index when the tag is there.
pub const SEARCH_META: &str = r#"<meta name="hindsight-search-api" content="/api/search">"#;

const SCRIPT: &str = include_str!("live.js");

/// The state of the preview after the latest rebuild.
#[derive(Debug, Clone)]
pub struct Status {
    /// The id of the site being served; it changes with every good rebuild.
    pub build: u64,
    /// The latest rebuild's failure as JSON ([`Failure`]), until a rebuild succeeds. A new
    /// failure is a new `Arc`, so listeners can tell it from the one they have shown.
    pub error: Option<Arc<str>>,
}

impl Status {
    /// The status after the first build. Build ids start from the clock so that a page from a
    /// previous run of the server reloads when it reconnects to this one.
    pub fn first(report: &BuildReport) -> Status {
        let start = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(1, |d| d.as_millis() as u64);
        Status {
            build: start,
            error: (!report.written).then(|| failure_json(&Failure::of_report(report))),
        }
    }

    /// The status after a rebuild with this outcome: a new build id when the site was
    /// replaced, the failure otherwise (the site served stays the previous one).
    pub fn next(&self, outcome: &anyhow::Result<BuildReport>) -> Status {
        match outcome {
            Ok(report) if report.written => Status {
                build: self.build.wrapping_add(1),
                error: None,
            },
            Ok(report) => Status {
                build: self.build,
                error: Some(failure_json(&Failure::of_report(report))),
            },
            Err(e) => Status {
                build: self.build,
                error: Some(failure_json(&Failure::of_error(e))),
            },
        }
    }
}

/// A failed rebuild, as the `error` event's data.
#[derive(Debug, Serialize)]
pub struct Failure<'a> {
    /// One line for the overlay's heading.
    pub message: String,
    pub errors: usize,
    pub warnings: usize,
    pub diagnostics: Vec<Problem<'a>>,
}

/// One diagnostic of a failed rebuild.
#[derive(Debug, Serialize)]
pub struct Problem<'a> {
    pub path: &'a str,
    pub line: usize,
    pub col: usize,
    pub severity: Level,
    pub code: &'a str,
    pub message: &'a str,
    pub help: Option<&'a str>,
}

impl<'a> Failure<'a> {
    pub fn of_report(report: &'a BuildReport) -> Failure<'a> {
        let s = |n| if n == 1 { "" } else { "s" };
        Failure {
            message: format!(
                "The build found {} error{}.",
                report.errors,
                s(report.errors)
            ),
            errors: report.errors,
            warnings: report.warnings,
            diagnostics: report
                .diagnostics
                .iter()
                .map(|d| Problem {
                    path: &d.path,
                    line: d.line,
                    col: d.col,
                    severity: d.level,
                    code: d.code,
                    message: &d.message,
                    help: d.help.as_deref(),
                })
                .collect(),
        }
    }

    pub fn of_error(e: &anyhow::Error) -> Failure<'static> {
        Failure {
            message: format!("The build could not run: {e:#}"),
            errors: 1,
            warnings: 0,
            diagnostics: Vec::new(),
        }
    }
}

fn failure_json(f: &Failure) -> Arc<str> {
    serde_json::to_string(f)
        .unwrap_or_else(|_| {
            r#"{"message":"The build failed.","errors":1,"warnings":0,"diagnostics":[]}"#.into()
        })
        .into()
}

/// `html` with the search-API meta tag and the live-reload script put before `</head>` (or
/// `</body>`, or at the end when it has neither).
pub fn inject(html: &[u8], build: u64) -> Vec<u8> {
    let tags = format!(
        "{SEARCH_META}\n<script src=\"{SCRIPT_PATH}\" data-build=\"{build}\" defer></script>\n"
    );
    let at = find_ignore_case(html, b"</head>")
        .or_else(|| find_ignore_case(html, b"</body>"))
        .unwrap_or(html.len());
    let mut out = Vec::with_capacity(html.len() + tags.len());
    out.extend_from_slice(&html[..at]);
    out.extend_from_slice(tags.as_bytes());
    out.extend_from_slice(&html[at..]);
    out
}

fn find_ignore_case(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack
        .windows(needle.len())
        .position(|w| w.eq_ignore_ascii_case(needle))
}

/// `GET /__hindsight/live.js`: the client side of live reload.
pub async fn script() -> Response {
    (
        [
            (header::CONTENT_TYPE, "text/javascript; charset=utf-8"),
            (header::CACHE_CONTROL, "no-cache"),
        ],
        SCRIPT,
    )
        .into_response()
}

/// `GET /__hindsight/events?build=ID`: the event stream of one page.
pub async fn events(
    State(app): State<Arc<App>>,
    RawQuery(query): RawQuery,
) -> Sse<impl Stream<Item = Result<Event, Infallible>>> {
    let page_build = query.as_deref().and_then(build_param);
    let listener = Listener {
        rx: app.status.clone(),
        page_build,
        shown_error: None,
        greeted: false,
    };
    let stream = futures_util::stream::unfold(listener, |mut l| async move {
        let event = l.next_event().await?;
        Some((Ok(event), l))
    });
    Sse::new(stream).keep_alive(KeepAlive::default())
}

fn build_param(query: &str) -> Option<u64> {
    query
        .split('&')
        .find_map(|pair| pair.strip_prefix("build="))
        .and_then(|v| v.parse().ok())
}

/// What one connected page has been told.
struct Listener {
    rx: watch::Receiver<Status>,
    /// The build the page shows, once known.
    page_build: Option<u64>,
    shown_error: Option<Arc<str>>,
    greeted: bool,
}

impl Listener {
    /// The next event for the page, waiting for a rebuild when there is nothing to say; `None`
    /// when the server is shutting down.
    async fn next_event(&mut self) -> Option<Event> {
        if !self.greeted {
            self.greeted = true;
            // Sent at once so the client knows it is connected; retry: how soon EventSource
            // reconnects after the server restarts.
            return Some(
                Event::default()
                    .comment("hindsight live reload")
                    .retry(Duration::from_millis(1000)),
            );
        }
        loop {
            let status = self.rx.borrow_and_update().clone();
            match self.news(&status) {
                Some(News::Reload(build)) => {
                    return Some(Event::default().event("reload").data(build.to_string()));
                }
                Some(News::Error(json)) => {
                    return Some(Event::default().event("error").data(json.as_ref()));
                }
                None => self.rx.changed().await.ok()?,
            }
        }
    }

    /// What the page has not been told yet about `status`.
    fn news(&mut self, status: &Status) -> Option<News> {
        match self.page_build {
            Some(b) if b != status.build => {
                self.page_build = Some(status.build);
                return Some(News::Reload(status.build));
            }
            Some(_) => {}
            None => self.page_build = Some(status.build),
        }
        match &status.error {
            Some(e) if !self.shown_error.as_ref().is_some_and(|s| Arc::ptr_eq(s, e)) => {
                self.shown_error = Some(e.clone());
                Some(News::Error(e.clone()))
            }
            Some(_) => None,
            None => {
                self.shown_error = None;
                None
            }
        }
    }
}

#[derive(Debug, PartialEq)]
enum News {
    Reload(u64),
    Error(Arc<str>),
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tags_go_before_the_end_of_head_or_body_or_at_the_end() {
        let head = String::from_utf8(inject(
            b"<html><HEAD><title>t</title></HEAD><body>x</body>",
            7,
        ))
        .unwrap();
        assert!(
            head.starts_with("<html><HEAD><title>t</title><meta name=\"hindsight-search-api\" content=\"/api/search\">\n<script src=\"/__hindsight/live.js\" data-build=\"7\" defer></script>\n</HEAD>"),
            "{head}"
        );
        let body = String::from_utf8(inject(b"<p>x</p></body>", 1)).unwrap();
        assert!(body.starts_with("<p>x</p><meta"), "{body}");
        assert!(body.ends_with("</script>\n</body>"), "{body}");
        let bare = String::from_utf8(inject(b"<p>x", 1)).unwrap();
        assert!(bare.starts_with("<p>x<meta"), "{bare}");
        assert_eq!(inject(b"", 1).len(), inject(b"</head>", 1).len() - 7);
    }

    #[test]
    fn the_build_id_is_read_from_the_query() {
        assert_eq!(build_param("build=42"), Some(42));
        assert_eq!(build_param("x=1&build=42"), Some(42));
        assert_eq!(build_param("build=nope"), None);
        assert_eq!(build_param(""), None);
    }

    fn listener(rx: watch::Receiver<Status>, page_build: Option<u64>) -> Listener {
        Listener {
            rx,
            page_build,
            shown_error: None,
            greeted: true,
        }
    }

    #[test]
    fn a_page_hears_of_new_builds_and_of_each_new_failure_once() {
        let (_tx, rx) = watch::channel(Status {
            build: 1,
            error: None,
        });
        let mut stale = listener(rx.clone(), Some(0));
        let mut current = listener(rx.clone(), Some(1));
        let mut unknown = listener(rx, None);
        let ok = Status {
            build: 1,
            error: None,
        };
        assert_eq!(stale.news(&ok), Some(News::Reload(1)));
        assert_eq!(stale.news(&ok), None, "reloaded once");
        assert_eq!(current.news(&ok), None);
        assert_eq!(unknown.news(&ok), None);
        let error: Arc<str> = Arc::from("{\"errors\":1}");
        let broken = Status {
            build: 1,
            error: Some(error.clone()),
        };
        for l in [&mut stale, &mut current, &mut unknown] {
            assert_eq!(l.news(&broken), Some(News::Error(error.clone())));
            assert_eq!(l.news(&broken), None, "the same failure is sent once");
        }
        let broken_again = Status {
            build: 1,
            error: Some(Arc::from("{\"errors\":1}")),
        };
        assert!(
            current.news(&broken_again).is_some(),
            "another failed rebuild is sent again"
        );
        let fixed = Status {
            build: 2,
            error: None,
        };
        assert_eq!(current.news(&fixed), Some(News::Reload(2)));
    }
}
