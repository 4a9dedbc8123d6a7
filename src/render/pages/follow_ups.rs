//! The follow-ups page: every action item in the archive, open ones first (the most overdue
//! first), then the most recently done and won't-do, and counts by owner and by kind.

use super::Page;
use crate::analyze::followups::ItemRef;
use crate::render::actions::{self, ActionRow};
use crate::render::shared::Shared;
use crate::render::site::PageMeta;
use serde::Serialize;

/// How many done (or won't-do) items the page lists.
const SHOWN_CLOSED: usize = 100;

/// A row of the by-owner or by-kind table.
#[derive(Serialize)]
pub struct OwnerRow {
    pub owner: String,
    pub open: usize,
    pub done: usize,
}

#[derive(Serialize)]
pub struct FollowUpsView<'c> {
    pub open: Vec<ActionRow<'c>>,
    pub overdue: usize,
    /// The most recently completed items, and how many were done in all.
    pub done: Vec<ActionRow<'c>>,
    pub done_total: usize,
    pub wont_do: Vec<ActionRow<'c>>,
    pub wont_do_total: usize,
    pub by_owner: Vec<OwnerRow>,
    pub by_kind: Vec<OwnerRow>,
    pub today: String,
}

pub fn page(s: &Shared) -> Page {
    let meta = PageMeta::new(
        "follow-ups",
        "follow-ups",
        "Follow-ups",
        s.urls.at("follow-ups/"),
        format!(
            "Every action item from every post-mortem; overdue ones first (as of {}).",
            s.today
        ),
    )
    .crumb("Home", s.urls.at(""));
    Page::new(s, "follow-ups.html", meta, view(s))
}

fn view<'c>(s: &'c Shared) -> FollowUpsView<'c> {
    let f = &s.followups;
    let rows = |items: &[ItemRef]| {
        items
            .iter()
            .map(|r| actions::row(s, *r))
            .collect::<Vec<_>>()
    };
    let open = rows(&f.open);
    let counts = |label: String, open: usize, done: usize| OwnerRow {
        owner: label,
        open,
        done,
    };
    FollowUpsView {
        overdue: open.iter().filter(|r| r.overdue_days.is_some()).count(),
        open,
        done: rows(&latest(s, &f.done)),
        done_total: f.done.len(),
        wont_do: rows(&latest(s, &f.wont_do)),
        wont_do_total: f.wont_do.len(),
        by_owner: f
            .by_owner
            .iter()
            .map(|(o, open, done)| counts(o.clone(), *open, *done))
            .collect(),
        by_kind: f
            .by_kind
            .iter()
            .map(|(k, open, done)| {
                let label = k.map_or_else(
                    || "(no kind)".to_string(),
                    |k| format!("{k:?}").to_lowercase(),
                );
                counts(label, *open, *done)
            })
            .collect(),
        today: s.today.to_string(),
    }
}

/// The most recently completed (else most recently due) of `items`.
fn latest(s: &Shared, items: &[ItemRef]) -> Vec<ItemRef> {
    let mut sorted = items.to_vec();
    sorted.sort_by_key(|r| {
        let a = actions::item(s, *r);
        std::cmp::Reverse(a.completed.or(a.due))
    });
    sorted.truncate(SHOWN_CLOSED);
    sorted
}
