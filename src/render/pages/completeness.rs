//! The completeness page: how each write-up measures against the post-mortem checklist,
//! grouped by what is missing (each checklist item with how many write-ups lack it), then the
//! least complete write-ups first.

use super::Page;
use crate::render::cards::IncidentCard;
use crate::render::shared::{CompletenessView, Shared};
use crate::render::site::{Link, PageMeta};
use serde::Serialize;

/// How many incomplete write-ups the page lists.
const SHOWN_INCOMPLETE: usize = 200;

/// How many write-ups each group of what is missing links.
const SHOWN_PER_GAP: usize = 30;

/// One checklist item and the write-ups that lack it, newest first.
#[derive(Serialize)]
pub struct Gap {
    pub item: &'static str,
    pub count: usize,
    pub incidents: Vec<Link>,
    /// How many more lack it than `incidents` links.
    pub more: usize,
}

#[derive(Serialize)]
pub struct CompletenessRow<'c> {
    pub incident: &'c IncidentCard,
    pub completeness: CompletenessView,
}

#[derive(Serialize)]
pub struct CompletenessPageView<'c> {
    /// The least complete write-ups first, at most `SHOWN_INCOMPLETE`.
    pub rows: Vec<CompletenessRow<'c>>,
    /// What is missing, the most often missing first.
    pub gaps: Vec<Gap>,
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
        .filter(|&i| !s.completeness[i].missing.is_empty())
        .map(|i| CompletenessRow {
            incident: &s.cards[i],
            completeness: s.completeness[i].clone(),
        })
        .collect();
    let mut gaps: Vec<Gap> = Vec::new();
    for (i, r) in rows.iter().enumerate() {
        for &item in &r.completeness.missing {
            let gap = match gaps.iter().position(|g| g.item == item) {
                Some(k) => &mut gaps[k],
                None => {
                    gaps.push(Gap {
                        item,
                        count: 0,
                        incidents: Vec::new(),
                        more: 0,
                    });
                    gaps.last_mut().expect("just pushed")
                }
            };
            gap.count += 1;
            if gap.incidents.len() < SHOWN_PER_GAP {
                gap.incidents.push(Link::new(
                    rows[i].incident.title.clone(),
                    rows[i].incident.url.clone(),
                ));
            } else {
                gap.more += 1;
            }
        }
    }
    gaps.sort_by(|a, b| b.count.cmp(&a.count).then_with(|| a.item.cmp(b.item)));
    rows.sort_by_key(|r| r.completeness.done);
    let incomplete = rows.len();
    rows.truncate(SHOWN_INCOMPLETE);
    CompletenessPageView {
        complete: s.kb.incidents.len() - incomplete,
        total: s.kb.incidents.len(),
        incomplete,
        rows,
        gaps,
    }
}
