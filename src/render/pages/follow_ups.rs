//! The follow-ups pages: every action item in the archive, open ones first (the most overdue
//! first, split into pages), then the most recently done and won't-do, and counts by owner,
//! team and kind; and a page per owner and per team with their open items, overdue first.

use super::Page;
use crate::analyze::followups::{ItemRef, Queue};
use crate::render::actions::{self, ActionRow};
use crate::render::paginate::{self, Paginator};
use crate::render::shared::Shared;
use crate::render::site::PageMeta;
use serde::Serialize;

/// How many done (or won't-do) items the page lists.
const SHOWN_CLOSED: usize = 100;

/// A row of the by-owner, by-team or by-kind table.
#[derive(Serialize)]
pub struct OwnerRow {
    pub owner: String,
    /// The owner's or team's page of open items; none for kinds.
    pub url: Option<String>,
    pub open: usize,
    pub done: usize,
}

#[derive(Serialize)]
pub struct FollowUpsView<'c> {
    /// This page's share of the open items, overdue first.
    pub open: Vec<ActionRow<'c>>,
    /// How many items are open in all, and how many of them are overdue.
    pub open_total: usize,
    pub overdue: usize,
    /// The most recently completed items, and how many were done in all.
    pub done: Vec<ActionRow<'c>>,
    pub done_total: usize,
    pub wont_do: Vec<ActionRow<'c>>,
    pub wont_do_total: usize,
    pub by_owner: Vec<OwnerRow>,
    pub by_team: Vec<OwnerRow>,
    pub by_kind: Vec<OwnerRow>,
    pub today: String,
    pub paginator: Paginator,
}

/// Whose queue a page shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Who {
    Owner,
    Team,
}

impl Who {
    fn folder(self) -> &'static str {
        match self {
            Who::Owner => "owners",
            Who::Team => "teams",
        }
    }
}

/// The URL of an owner's or team's page.
fn queue_url(s: &Shared, who: Who, q: &Queue) -> String {
    s.urls
        .at(&format!("follow-ups/{}/{}/", who.folder(), q.slug))
}

#[derive(Serialize)]
pub struct QueueView<'c> {
    /// `owner` or `team`.
    pub who: &'static str,
    pub name: String,
    /// This page's share of the open items, overdue first.
    pub open: Vec<ActionRow<'c>>,
    pub open_total: usize,
    /// How many of all the open items are overdue, and how many items are done.
    pub overdue: usize,
    pub done: usize,
    pub today: String,
    pub paginator: Paginator,
}

/// Page `n` of the open items of owner or team `k`.
pub fn queue(s: &Shared, who: Who, k: usize, n: usize) -> Page {
    let f = &s.followups;
    let q = match who {
        Who::Owner => &f.owners[k],
        Who::Team => &f.teams[k],
    };
    let size = s.kb.config.pagination.page_size;
    let url = queue_url(s, who, q);
    let paginator = Paginator::new(&url, q.open.len(), size, n);
    let open = q.open[paginate::range(q.open.len(), size, paginator.number)]
        .iter()
        .map(|r| actions::row(s, *r))
        .collect();
    let overdue = q.overdue;
    let (who_name, title) = match who {
        Who::Owner => ("owner", format!("Follow-ups owned by {}", q.name)),
        Who::Team => ("team", format!("Follow-ups of team {}", q.name)),
    };
    let meta = PageMeta::new(
        "follow-up-queue",
        "follow-ups",
        title,
        url,
        format!(
            "{} open action item{}, {overdue} overdue on {}; {} done.",
            q.open.len(),
            if q.open.len() == 1 { "" } else { "s" },
            s.today,
            q.done
        ),
    )
    .crumb("Home", s.urls.at(""))
    .crumb("Follow-ups", s.urls.at("follow-ups/"))
    .paginated(&paginator);
    let view = QueueView {
        who: who_name,
        name: q.name.clone(),
        open,
        open_total: q.open.len(),
        overdue,
        done: q.done,
        today: s.today.to_string(),
        paginator,
    };
    Page::new(s, "follow-up-queue.html", meta, view)
}

/// Page `n` of the follow-ups.
pub fn page(s: &Shared, n: usize) -> Page {
    let size = s.kb.config.pagination.page_size;
    let paginator = Paginator::new(&s.urls.at("follow-ups/"), s.followups.open.len(), size, n);
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
    .crumb("Home", s.urls.at(""))
    .paginated(&paginator);
    Page::new(s, "follow-ups.html", meta, view(s, paginator))
}

fn view<'c>(s: &'c Shared, paginator: Paginator) -> FollowUpsView<'c> {
    let f = &s.followups;
    let first = paginator.number == 1;
    let rows = |items: &[ItemRef]| {
        items
            .iter()
            .map(|r| actions::row(s, *r))
            .collect::<Vec<_>>()
    };
    let size = s.kb.config.pagination.page_size;
    let open = rows(&f.open[paginate::range(f.open.len(), size, paginator.number)]);
    let counts = |label: String, url: Option<String>, open: usize, done: usize| OwnerRow {
        owner: label,
        url,
        open,
        done,
    };
    // The tables by owner and team, each name linking to its page of open items.
    let table = |who: Who, queues: &[Queue]| -> Vec<OwnerRow> {
        queues
            .iter()
            .filter(|_| first)
            .map(|q| {
                counts(
                    q.name.clone(),
                    Some(queue_url(s, who, q)),
                    q.open.len(),
                    q.done,
                )
            })
            .collect()
    };
    // The summaries and the closed items are on the first page; the others carry open items.
    let closed = |items: &[ItemRef]| {
        if first {
            rows(&latest(s, items))
        } else {
            Vec::new()
        }
    };
    FollowUpsView {
        overdue: f.overdue,
        open_total: f.open.len(),
        open,
        done: closed(&f.done),
        done_total: f.done.len(),
        wont_do: closed(&f.wont_do),
        wont_do_total: f.wont_do.len(),
        by_owner: table(Who::Owner, &f.owners),
        by_team: table(Who::Team, &f.teams),
        paginator,
        by_kind: f
            .by_kind
            .iter()
            .map(|(k, open, done)| {
                let label = k.map_or_else(
                    || "(no kind)".to_string(),
                    |k| format!("{k:?}").to_lowercase(),
                );
                counts(label, None, *open, *done)
            })
            .filter(|_| first)
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
