//! The archive: every incident in a table the reader can sort and filter in the browser.

use super::Page;
use crate::render::cards::IncidentCard;
use crate::render::shared::Shared;
use crate::render::site::PageMeta;
use serde::Serialize;

#[derive(Serialize)]
pub struct ArchiveView<'a> {
    pub incidents: Vec<&'a IncidentCard>,
    /// The severities and years the filters offer.
    pub severities: Vec<String>,
    pub years: Vec<String>,
}

pub fn page(s: &Shared) -> Page {
    let kb = s.kb;
    let all: Vec<usize> = (0..kb.incidents.len()).collect();
    let view = ArchiveView {
        incidents: s.cards(&all),
        severities: kb.severities.iter().map(|s| s.id.clone()).collect(),
        years: kb.years.iter().map(|y| y.id.clone()).collect(),
    };
    let meta = PageMeta::new(
        "archive",
        "incidents",
        "All incidents",
        s.urls.at("incidents/"),
        format!(
            "{} post-mortems, newest first. Sort by any column; filter by text, severity or year.",
            kb.incidents.len()
        ),
    )
    .crumb("Home", s.urls.at(""));
    Page::new(s, "incidents.html", meta, view)
}
