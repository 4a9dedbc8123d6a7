//! The completeness page: how each write-up measures against the post-mortem checklist, the
//! least complete first.

use super::Page;
use crate::render::cards::IncidentCard;
use crate::render::shared::{CompletenessView, Shared};
use crate::render::site::PageMeta;
use serde::Serialize;

/// How many incomplete write-ups the page lists.
const SHOWN_INCOMPLETE: usize = 200;

#[derive(Serialize)]
pub struct CompletenessRow<'c> {
    pub incident: &'c IncidentCard,
    pub completeness: CompletenessView,
}

#[derive(Serialize)]
pub struct CompletenessPageView<'c> {
    /// The least complete write-ups first, at most `SHOWN_INCOMPLETE`.
    pub rows: Vec<CompletenessRow<'c>>,
    pub incomplete: usize,
    pub complete: usize,
    pub total: usize,
}

pub fn page(s: &Shared) -> Page {
    let meta = PageMeta::new(
        "completeness",
        "completeness",
        "Completeness",
        s.urls.at("completeness/"),
        "How each write-up measures against the post-mortem checklist; the least complete first.",
    )
    .crumb("Home", s.urls.at(""));
    Page::new(s, "completeness.html", meta, view(s))
}

fn view<'c>(s: &'c Shared) -> CompletenessPageView<'c> {
    let mut rows: Vec<CompletenessRow> = (0..s.kb.incidents.len())
        .filter(|&i| !s.facts[i].completeness.missing.is_empty())
        .map(|i| CompletenessRow {
            incident: &s.cards[i],
            completeness: s.facts[i].completeness.clone(),
        })
        .collect();
    rows.sort_by_key(|r| r.completeness.done);
    let incomplete = rows.len();
    rows.truncate(SHOWN_INCOMPLETE);
    CompletenessPageView {
        complete: s.kb.incidents.len() - incomplete,
        total: s.kb.incidents.len(),
        incomplete,
        rows,
    }
}
