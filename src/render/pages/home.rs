//! The home page: the KB in numbers, the most recent incidents, reading lists, incidents from
//! the same week in earlier years, the recurring causes (broad ones left out), and ways to
//! browse.

use super::Page;
use super::causes::{CauseSummary, cause_summary};
use super::reading_lists::{ReadingListSummary, list_summary};
use super::terms::{TermSummary, term_summary};
use crate::model::TermGroup;
use crate::render::cards::IncidentCard;
use crate::render::shared::Shared;
use crate::render::site::PageMeta;
use serde::Serialize;

/// A number on the home page, linking to where it comes from.
#[derive(Debug, Clone, Serialize)]
pub struct Stat {
    pub label: &'static str,
    pub value: usize,
    pub url: String,
}

#[derive(Serialize)]
pub struct HomeView<'a> {
    pub stats: Vec<Stat>,
    pub recent: Vec<&'a IncidentCard>,
    pub incident_count: usize,
    pub archive_url: String,
    pub causes_url: String,
    pub categories_url: String,
    pub teams_url: String,
    pub tags_url: String,
    pub top_causes: Vec<CauseSummary>,
    /// Incidents from earlier years within a few days of today's date.
    pub on_this_day: Vec<&'a IncidentCard>,
    pub reading_lists: Vec<ReadingListSummary>,
    pub severities: Vec<TermSummary>,
    pub years: Vec<TermSummary>,
    pub services: Vec<TermSummary>,
}

pub fn page(s: &Shared) -> Page {
    let kb = s.kb;
    let meta = PageMeta::new(
        "home",
        "home",
        kb.config.title.clone(),
        s.urls.at(""),
        kb.config.description.clone(),
    );
    Page::new(s, "index.html", meta, view(s))
}

fn view<'a>(s: &'a Shared) -> HomeView<'a> {
    let kb = s.kb;
    let u = s.urls;
    let recent: Vec<usize> = (0..kb.incidents.len().min(kb.config.recent)).collect();
    let terms = |g: TermGroup, n: usize| {
        g.terms(kb)
            .iter()
            .take(n)
            .map(|t| term_summary(s, g, t))
            .collect()
    };
    // `1 incident`, `2 incidents`; a count of none is left out (a new KB has no recurring
    // cause yet).
    let stat = |(one, many): (&'static str, &'static str), value: usize, rel: &str| {
        (value > 0).then(|| Stat {
            label: if value == 1 { one } else { many },
            value,
            url: u.at(rel),
        })
    };
    HomeView {
        stats: [
            stat(("incident", "incidents"), kb.incidents.len(), "incidents/"),
            stat(
                ("recurring cause", "recurring causes"),
                kb.causes.iter().filter(|c| c.recurs()).count(),
                "causes/",
            ),
            stat(("service", "services"), kb.services.len(), "services/"),
            stat(("year", "years"), kb.years.len(), "years/"),
        ]
        .into_iter()
        .flatten()
        .collect(),
        recent: s.cards(&recent),
        incident_count: kb.incidents.len(),
        archive_url: u.at("incidents/"),
        causes_url: u.at("causes/"),
        categories_url: u.at("categories/"),
        teams_url: u.at("teams/"),
        tags_url: u.at("tags/"),
        top_causes: (0..kb.causes.len())
            .filter(|&c| kb.causes[c].recurs())
            .take(8)
            .map(|c| cause_summary(s, c))
            .collect(),
        on_this_day: on_this_day(s),
        reading_lists: (0..kb.reading_lists.len())
            .map(|i| list_summary(s, i))
            .collect(),
        severities: terms(TermGroup::Severities, usize::MAX),
        years: terms(TermGroup::Years, usize::MAX),
        services: terms(TermGroup::Services, 12),
    }
}

/// Incidents of earlier years that started within three days of today's day and month.
fn on_this_day<'a>(s: &'a Shared) -> Vec<&'a IncidentCard> {
    let today = s.today;
    s.kb.incidents
        .iter()
        .enumerate()
        .filter(|(_, inc)| {
            let Some(d) = inc.doc.date() else {
                return false;
            };
            d.year() < today.year()
                && d.with()
                    .year(today.year())
                    .build()
                    .is_ok_and(|same| (same - today).get_days().abs() <= 3)
        })
        .map(|(i, _)| &s.cards[i])
        .take(5)
        .collect()
}
