//! Follow-through across the KB: every action item with its incident, overdue ones first
//! (against a given day, so builds are reproducible); counts by owner and by kind; and, per
//! cause, the items that addressed it and whether the cause recurred after they were marked
//! done: the signal "we fixed this, and it came back" (never for a broad cause, which comes
//! back whatever is fixed).
//!
//! The content format does not tie an action item to a cause, so an item addresses the causes
//! its incident marks as root causes (or all of its causes, when none is marked root).

use crate::format::{ActionKind, ActionStatus};
use crate::model::KnowledgeBase;
use jiff::civil::Date;
use std::collections::BTreeMap;

/// An action item, by incident and position in its `action_items`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ItemRef {
    pub incident: usize,
    pub item: usize,
}

/// An item that was done, and a later incident where its cause appeared again.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Recurrence {
    pub item: ItemRef,
    pub completed: Date,
    /// The first incident naming the cause that started after `completed`.
    pub incident: usize,
}

#[derive(Debug, Clone, Default)]
pub struct FollowUps {
    /// Open and in-progress items, overdue first (most overdue first), then by due date.
    pub open: Vec<ItemRef>,
    pub done: Vec<ItemRef>,
    pub wont_do: Vec<ItemRef>,
    /// How many of `open` are overdue (they come first).
    pub overdue: usize,
    /// (kind, open, done), in the format's order; items without a kind are `None`.
    pub by_kind: Vec<(Option<ActionKind>, usize, usize)>,
    /// Per cause (index into `kb.causes`): the items that addressed it, and recurrences.
    pub by_cause: Vec<(Vec<ItemRef>, Vec<Recurrence>)>,
    /// Each owner's open items, overdue first; owners with the most open items first.
    pub owners: Vec<Queue>,
    /// The same for each team of the items' incidents.
    pub teams: Vec<Queue>,
}

/// The open items one owner or team has, overdue first, and how many they have done.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Queue {
    pub name: String,
    /// The name as a URL segment, unique among the queues of its kind.
    pub slug: String,
    pub open: Vec<ItemRef>,
    /// How many of `open` are overdue (they come first).
    pub overdue: usize,
    pub done: usize,
}

/// Sorts queues the way the by-owner table is: the most open items first, then by name.
fn queues(map: BTreeMap<String, Queue>) -> Vec<Queue> {
    let mut v: Vec<Queue> = map.into_values().collect();
    v.sort_by(|a, b| {
        b.open
            .len()
            .cmp(&a.open.len())
            .then_with(|| a.name.cmp(&b.name))
    });
    // Names that slug alike (`Ana B`, `ana-b`) get `-2`, `-3`... in that order.
    let mut taken: std::collections::HashSet<String> = std::collections::HashSet::new();
    for q in &mut v {
        let base = crate::format::slugify(&q.name);
        let mut slug = base.clone();
        let mut n = 1;
        while !taken.insert(slug.clone()) {
            n += 1;
            slug = format!("{base}-{n}");
        }
        q.slug = slug;
    }
    v
}

/// Whether an item is open and past due on `today`; the number of days late.
pub fn overdue_days(kb: &KnowledgeBase, r: ItemRef, today: Date) -> Option<i64> {
    let a = &kb.incidents[r.incident].doc.action_items[r.item];
    let open = matches!(a.status, ActionStatus::Open | ActionStatus::InProgress);
    a.due
        .filter(|d| open && *d < today)
        .map(|d| (today - d).get_days().into())
}

pub fn compute(kb: &KnowledgeBase, today: Date) -> FollowUps {
    let mut f = FollowUps::default();
    let mut kinds: BTreeMap<Option<ActionKind>, (usize, usize)> = BTreeMap::new();
    for (i, inc) in kb.incidents.iter().enumerate() {
        for (k, a) in inc.doc.action_items.iter().enumerate() {
            let r = ItemRef {
                incident: i,
                item: k,
            };
            let kind = kinds.entry(a.kind).or_default();
            match a.status {
                ActionStatus::Open | ActionStatus::InProgress => {
                    f.open.push(r);
                    kind.0 += 1;
                }
                ActionStatus::Done => {
                    f.done.push(r);
                    kind.1 += 1;
                }
                ActionStatus::WontDo => f.wont_do.push(r),
            }
        }
    }
    let due = |r: &ItemRef| kb.incidents[r.incident].doc.action_items[r.item].due;
    f.open.sort_by_key(|r| {
        (
            std::cmp::Reverse(overdue_days(kb, *r, today).unwrap_or(-1)),
            due(r).is_none(),
            due(r),
        )
    });
    // Overdue items sort first, so they are the leading run of `open`.
    f.overdue = f
        .open
        .partition_point(|r| overdue_days(kb, *r, today).is_some());
    f.by_kind = kinds
        .into_iter()
        .map(|(k, (open, done))| (k, open, done))
        .collect();
    f.by_cause = (0..kb.causes.len()).map(|c| by_cause(kb, c)).collect();
    let (owners, teams) = queues_of(kb, &f, today);
    f.owners = owners;
    f.teams = teams;
    f
}

/// Each owner's and each team's queue, from the open items already sorted overdue first.
fn queues_of(kb: &KnowledgeBase, f: &FollowUps, today: Date) -> (Vec<Queue>, Vec<Queue>) {
    let mut owners: BTreeMap<String, Queue> = BTreeMap::new();
    let mut teams: BTreeMap<String, Queue> = BTreeMap::new();
    let owner_of = |r: &ItemRef| {
        kb.incidents[r.incident].doc.action_items[r.item]
            .owner
            .clone()
            .unwrap_or_else(|| "(no owner)".into())
    };
    for (items, open) in [(&f.open, true), (&f.done, false)] {
        for r in items {
            let add = |map: &mut BTreeMap<String, Queue>, name: String| {
                let q = map.entry(name.clone()).or_insert_with(|| Queue {
                    name,
                    ..Queue::default()
                });
                if open {
                    q.open.push(*r);
                    q.overdue += usize::from(overdue_days(kb, *r, today).is_some());
                } else {
                    q.done += 1;
                }
            };
            add(&mut owners, owner_of(r));
            for team in &kb.incidents[r.incident].doc.teams {
                add(&mut teams, team.clone());
            }
        }
    }
    (queues(owners), queues(teams))
}

/// The items that addressed cause `c`, and the times it came back after one was done.
fn by_cause(kb: &KnowledgeBase, c: usize) -> (Vec<ItemRef>, Vec<Recurrence>) {
    let cause = &kb.causes[c];
    let addressed_in: Vec<usize> = {
        let entry = |o: &crate::model::Occurrence| &kb.incidents[o.incident].doc.causes[o.entry];
        let root: Vec<usize> = cause
            .occurrences
            .iter()
            .filter(|o| entry(o).root)
            .map(|o| o.incident)
            .collect();
        if root.is_empty() {
            cause.occurrences.iter().map(|o| o.incident).collect()
        } else {
            root
        }
    };
    let items: Vec<ItemRef> = addressed_in
        .iter()
        .flat_map(|&i| {
            (0..kb.incidents[i].doc.action_items.len()).map(move |k| ItemRef {
                incident: i,
                item: k,
            })
        })
        .collect();
    let mut recurrences = Vec::new();
    // A broad cause is in a fifth of the KB or more: that it appears again after a fix says
    // nothing about the fix.
    let items_done = if cause.broad { &[][..] } else { &items[..] };
    for r in items_done {
        let a = &kb.incidents[r.incident].doc.action_items[r.item];
        let Some(completed) = a.completed.filter(|_| a.status == ActionStatus::Done) else {
            continue;
        };
        // Occurrences are oldest first: the first one after the fix is the recurrence.
        let again = cause
            .occurrences
            .iter()
            .map(|o| o.incident)
            .find(|&i| kb.incidents[i].doc.date().is_some_and(|d| d > completed));
        if let Some(incident) = again {
            recurrences.push(Recurrence {
                item: *r,
                completed,
                incident,
            });
        }
    }
    (items, recurrences)
}
