//! `GET /api/search`: query parameters in, the JSON of `hindsight search --json` out (the same
//! search on the same index, as the preview's last build left it). `prefix=true` searches as
//! you type, as the site's static search does (the word or filter value that ends `q`
//! matches what it starts): the site's client sends it from its search box and page.
//! `offset` skips results, for a later page. A parameter that cannot be read, and a query the
//! search refuses, get 400 with `{"error": "..."}`; only the tool failing gets a 500.

use super::App;
use crate::index::{SearchError, SearchOptions, Sort};
use axum::extract::rejection::QueryRejection;
use axum::extract::{Query, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde::Serialize;
use std::sync::Arc;

pub const SEARCH_PATH: &str = "/api/search";
/// The most hits one request returns.
pub const MAX_LIMIT: usize = 100;
const DEFAULT_LIMIT: usize = crate::index::contract::PAGE;
const PARAMETERS: &str =
    "q, severity, service, cause, category, tag, since, until, sort, limit, offset, prefix";

#[derive(Serialize)]
struct ApiError<'a> {
    error: &'a str,
}

fn json(status: StatusCode, body: String) -> Response {
    (
        status,
        [
            (header::CONTENT_TYPE, "application/json; charset=utf-8"),
            (header::CACHE_CONTROL, "no-store"),
        ],
        body,
    )
        .into_response()
}

fn error(status: StatusCode, message: &str) -> Response {
    let body = serde_json::to_string(&ApiError { error: message })
        .unwrap_or_else(|_| r#"{"error":"the request failed"}"#.into());
    json(status, body)
}

/// The search handler.
pub async fn search(
    State(app): State<Arc<App>>,
    query: Result<Query<Vec<(String, String)>>, QueryRejection>,
) -> Response {
    let opts = match query {
        Ok(Query(pairs)) => parse(&pairs),
        Err(e) => Err(format!(
            "the query string could not be read: {}",
            e.body_text()
        )),
    };
    let opts = match opts {
        Ok(o) => o,
        Err(message) => return error(StatusCode::BAD_REQUEST, &message),
    };
    // The preview's own builds keep the index up to date (with drafts, when it shows them):
    // searches only read it.
    let searched =
        tokio::task::spawn_blocking(move || crate::search::run_on_index(&app.root, &opts)).await;
    match searched {
        Ok(Ok(results)) => match serde_json::to_string(&results) {
            Ok(body) => json(StatusCode::OK, body),
            Err(e) => error(
                StatusCode::INTERNAL_SERVER_ERROR,
                &format!("cannot write the results: {e}"),
            ),
        },
        Ok(Err(SearchError::Failed(failed))) => error(
            StatusCode::INTERNAL_SERVER_ERROR,
            &format!("the search could not run: {failed:#}"),
        ),
        Ok(Err(refused)) => error(StatusCode::BAD_REQUEST, &refused.to_string()),
        Err(_) => error(
            StatusCode::INTERNAL_SERVER_ERROR,
            "the search could not run: it stopped unexpectedly",
        ),
    }
}

/// Reads the query parameters into search options, or says which one is wrong. An empty
/// filter (`severity=`, as a form sends for "any") is no filter.
pub fn parse(pairs: &[(String, String)]) -> Result<SearchOptions, String> {
    let mut opts = SearchOptions {
        limit: DEFAULT_LIMIT,
        ..SearchOptions::default()
    };
    let mut query = None;
    let mut seen: Vec<&str> = Vec::new();
    for (key, value) in pairs {
        if seen.contains(&key.as_str()) {
            return Err(format!("`{key}` is given more than once"));
        }
        seen.push(key);
        let filter = || (!value.trim().is_empty()).then(|| value.trim().to_string());
        match key.as_str() {
            "q" => query = Some(value.clone()),
            "severity" => opts.severity = filter(),
            "service" => opts.service = filter(),
            "cause" => opts.cause = filter(),
            "category" => opts.category = filter(),
            "tag" => opts.tag = filter(),
            "since" => opts.since = date(key, value)?,
            "until" => opts.until = date(key, value)?,
            "sort" => opts.sort = sort(value)?,
            "limit" => opts.limit = limit(value)?,
            "offset" => opts.offset = offset(value)?,
            "prefix" => opts.prefix = flag(key, value)?,
            _ => {
                return Err(format!(
                    "unknown parameter `{key}`; the parameters are {PARAMETERS}"
                ));
            }
        }
    }
    let filtered = opts.has_filters();
    match query {
        Some(q) if !q.trim().is_empty() => opts.query = q,
        // Filters alone list what they select, as `hindsight search "" --severity S` does.
        _ if filtered => {}
        _ => return Err("`q` is empty: give one or more words to look for".into()),
    }
    Ok(opts)
}

fn date(key: &str, value: &str) -> Result<Option<jiff::civil::Date>, String> {
    if value.trim().is_empty() {
        return Ok(None);
    }
    crate::load::time::parse_date(value)
        .map(Some)
        .map_err(|e| format!("`{key}`: {e}"))
}

fn sort(value: &str) -> Result<Sort, String> {
    match value.trim() {
        "" | "relevance" => Ok(Sort::Relevance),
        "newest" => Ok(Sort::Newest),
        other => Err(format!("`sort` is `relevance` or `newest`, not `{other}`")),
    }
}

fn limit(value: &str) -> Result<usize, String> {
    match value.trim().parse::<u64>() {
        Ok(0) => Err("`limit` must be at least 1".into()),
        Ok(n) => Ok(usize::try_from(n).unwrap_or(MAX_LIMIT).min(MAX_LIMIT)),
        Err(_) => Err(format!("`limit` must be a number, not `{value}`")),
    }
}

fn offset(value: &str) -> Result<usize, String> {
    match value.trim() {
        "" => Ok(0),
        v => v
            .parse::<usize>()
            .map_err(|_| format!("`offset` must be a number, not `{value}`")),
    }
}

fn flag(key: &str, value: &str) -> Result<bool, String> {
    match value.trim() {
        "" | "false" | "0" => Ok(false),
        "true" | "1" => Ok(true),
        _ => Err(format!("`{key}` is `true` or `false`, not `{value}`")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(pairs: &[(&str, &str)]) -> Result<SearchOptions, String> {
        let owned: Vec<(String, String)> = pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        parse(&owned)
    }

    #[test]
    fn parameters_become_search_options() {
        let o = p(&[
            ("q", "deploy"),
            ("severity", "SEV1"),
            ("tag", ""),
            ("since", "2019-01-01"),
            ("sort", "newest"),
            ("limit", "5000"),
            ("offset", "20"),
            ("prefix", "true"),
        ])
        .unwrap();
        assert_eq!(o.query, "deploy");
        assert_eq!(o.severity.as_deref(), Some("SEV1"));
        assert_eq!(o.tag, None, "an empty filter is no filter");
        assert_eq!(o.since.unwrap().to_string(), "2019-01-01");
        assert_eq!(o.sort, Sort::Newest);
        assert_eq!(o.limit, MAX_LIMIT, "the limit is capped");
        assert_eq!((o.offset, o.prefix), (20, true));
        let plain = p(&[("q", "x")]).unwrap();
        assert_eq!(plain.limit, DEFAULT_LIMIT);
        assert_eq!(
            (plain.offset, plain.prefix),
            (0, false),
            "as `hindsight search`"
        );
        let filters_alone = p(&[("severity", "SEV2")]).unwrap();
        assert_eq!(filters_alone.query, "", "filters alone need no words");
    }

    #[test]
    fn bad_parameters_are_explained() {
        for (pairs, expected) in [
            (vec![], "`q` is empty"),
            (vec![("q", "  ")], "`q` is empty"),
            (vec![("q", "x"), ("since", "yesterday")], "`since`"),
            (vec![("q", "x"), ("until", "2024-13-01")], "`until`"),
            (vec![("q", "x"), ("sort", "oldest")], "`sort` is"),
            (
                vec![("q", "x"), ("limit", "-1")],
                "`limit` must be a number",
            ),
            (vec![("q", "x"), ("limit", "0")], "at least 1"),
            (
                vec![("q", "x"), ("offset", "-3")],
                "`offset` must be a number",
            ),
            (
                vec![("q", "x"), ("prefix", "yes")],
                "`prefix` is `true` or `false`",
            ),
            (
                vec![("q", "x"), ("severty", "SEV1")],
                "unknown parameter `severty`",
            ),
            (vec![("q", "x"), ("q", "y")], "more than once"),
        ] {
            let err = p(&pairs).unwrap_err();
            assert!(err.contains(expected), "{pairs:?}: {err}");
        }
    }
}
