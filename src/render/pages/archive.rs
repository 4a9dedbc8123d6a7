//! The archive: every incident in a table the reader can sort and filter in the browser. A
//! long archive is split into pages (`incidents/page/2/`); sorting or filtering it then loads
//! compact row shards (`incidents/rows/1.json`...) holding every incident, so the reader still
//! sorts and filters the whole archive, and a first visit carries one page.

use super::Page;
use crate::render::cards::IncidentCard;
use crate::render::paginate::{self, Paginator};
use crate::render::shared::Shared;
use crate::render::site::PageMeta;
use serde::Serialize;

/// How many incidents one row shard holds: about 1 MB of JSON at the longest titles.
pub const SHARD_ROWS: usize = 5_000;

#[derive(Serialize)]
pub struct ArchiveView<'a> {
    pub incidents: Vec<&'a IncidentCard>,
    /// The severities and years the filters offer.
    pub severities: Vec<String>,
    pub years: Vec<String>,
    pub paginator: Paginator,
    /// The row shards the script loads to sort and filter every incident, when the archive
    /// spans several pages; empty when this page holds them all.
    pub shards: Vec<String>,
}

/// The site-relative paths of the row shards of a KB of `incidents` incidents split into
/// pages of `page_size`; none when one page holds them all.
pub fn shard_paths(incidents: usize, page_size: usize) -> Vec<String> {
    if paginate::count(incidents, page_size) <= 1 {
        return Vec::new();
    }
    (1..=incidents.div_ceil(SHARD_ROWS))
        .map(|n| format!("incidents/rows/{n}.json"))
        .collect()
}

/// One incident as a row shard stores it, by position: id, title, start (machine), date
/// (shown), severity, severity rank, year, minutes to resolve (-1 unknown), time to resolve
/// (shown), services as `[title, url]`, tags.
#[derive(Serialize)]
struct Row<'a>(
    &'a str,
    &'a str,
    &'a str,
    &'a str,
    &'a str,
    usize,
    Option<i16>,
    i64,
    &'a str,
    Vec<(&'a str, &'a str)>,
    Vec<&'a str>,
);

/// The row shards with their contents: `{"base": <incidents URL>, "rows": [...]}`.
pub fn shards(s: &Shared) -> Vec<(String, String)> {
    let paths = shard_paths(s.cards.len(), s.kb.config.pagination.page_size);
    let base = s.urls.at("incidents/");
    paths
        .into_iter()
        .zip(s.cards.chunks(SHARD_ROWS))
        .map(|(path, cards)| {
            let rows: Vec<Row> = cards
                .iter()
                .map(|c| {
                    Row(
                        &c.id,
                        &c.title,
                        &c.started_iso,
                        &c.date,
                        &c.severity,
                        c.severity_rank,
                        c.year,
                        c.duration_minutes.unwrap_or(-1),
                        c.duration.as_deref().unwrap_or(""),
                        c.services
                            .iter()
                            .map(|l| (l.title.as_str(), l.url.as_str()))
                            .collect(),
                        c.tags.iter().map(|l| l.title.as_str()).collect(),
                    )
                })
                .collect();
            let json = serde_json::json!({ "base": base, "rows": rows });
            (path, json.to_string())
        })
        .collect()
}

/// Page `n` of the archive.
pub fn page(s: &Shared, n: usize) -> Page {
    let kb = s.kb;
    let size = kb.config.pagination.page_size;
    let paginator = Paginator::new(&s.urls.at("incidents/"), kb.incidents.len(), size, n);
    let shown: Vec<usize> = paginate::range(kb.incidents.len(), size, paginator.number).collect();
    let view = ArchiveView {
        incidents: s.cards(&shown),
        severities: kb.severities.iter().map(|s| s.id.clone()).collect(),
        years: kb.years.iter().map(|y| y.id.clone()).collect(),
        shards: shard_paths(kb.incidents.len(), size)
            .iter()
            .map(|p| s.urls.at(p))
            .collect(),
        paginator: paginator.clone(),
    };
    let meta = PageMeta::new(
        "archive",
        "incidents",
        "All incidents",
        s.urls.at("incidents/"),
        format!(
            "{} post-mortem{}, newest first. Sort by any column; filter by text, severity or year.",
            kb.incidents.len(),
            crate::format::plural_s(kb.incidents.len())
        ),
    )
    .crumb("Home", s.urls.at(""))
    .paginated(&paginator);
    Page::new(s, "incidents.html", meta, view)
}
