//! Views of the analysis pages: metrics (tables and charts), follow-ups (every action item,
//! overdue first) and completeness (the least complete write-ups first).

use super::views::{ActionRow, CompletenessView, IncidentCard, Views, human_minutes};
use crate::analyze::metrics::{Group, Stats};
use serde::Serialize;

/// A statistic in words and in minutes (for sorting and for charts).
#[derive(Debug, Clone, Serialize)]
pub struct StatView {
    pub count: usize,
    pub mean: String,
    pub median: String,
    pub p90: String,
}

fn stat(s: &Stats) -> StatView {
    let f = |v: Option<f64>| v.map_or_else(|| "—".to_string(), |m| human_minutes(m.round() as i64));
    StatView {
        count: s.count,
        mean: f(s.mean),
        median: f(s.median),
        p90: f(s.p90),
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct GroupView {
    pub label: String,
    pub incidents: usize,
    pub ttd: StatView,
    pub ttr: StatView,
}

fn group(g: &Group) -> GroupView {
    GroupView {
        label: g.label.clone(),
        incidents: g.incidents,
        ttd: stat(&g.ttd),
        ttr: stat(&g.ttr),
    }
}

/// A chart with its data table (for screen readers, print and anyone who wants numbers).
#[derive(Debug, Clone, Serialize)]
pub struct ChartView {
    pub id: String,
    pub title: String,
    pub svg: String,
}

#[derive(Serialize)]
pub struct MetricsView {
    pub overall: GroupView,
    pub by_year: Vec<GroupView>,
    pub by_quarter: Vec<GroupView>,
    pub by_severity: Vec<GroupView>,
    pub by_service: Vec<GroupView>,
    pub severities: Vec<String>,
    pub by_month: Vec<crate::analyze::metrics::MonthCount>,
    pub charts: Vec<ChartView>,
}

pub fn metrics_view(v: &Views) -> MetricsView {
    let m = &v.metrics;
    MetricsView {
        overall: group(&m.overall),
        by_year: m.by_year.iter().map(group).collect(),
        by_quarter: m
            .by_quarter
            .iter()
            .filter(|g| g.incidents > 0)
            .map(group)
            .collect(),
        by_severity: m.by_severity.iter().map(group).collect(),
        by_service: m.by_service.iter().map(group).collect(),
        severities: m.severities.clone(),
        by_month: m
            .by_month
            .iter()
            .filter(|c| c.by_severity.iter().any(|&n| n > 0))
            .cloned()
            .collect(),
        charts: super::charts::metrics_charts(m),
    }
}

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

pub fn followups_view<'c>(v: &'c Views) -> FollowUpsView<'c> {
    let f = &v.followups;
    let rows = |items: &[crate::analyze::followups::ItemRef]| {
        items.iter().map(|r| v.action_row(*r)).collect::<Vec<_>>()
    };
    let open = rows(&f.open);
    FollowUpsView {
        overdue: open.iter().filter(|r| r.overdue_days.is_some()).count(),
        open,
        done: rows(&latest(v, &f.done)),
        done_total: f.done.len(),
        wont_do: rows(&latest(v, &f.wont_do)),
        wont_do_total: f.wont_do.len(),
        by_owner: f
            .by_owner
            .iter()
            .map(|(o, open, done)| OwnerRow {
                owner: o.clone(),
                open: *open,
                done: *done,
            })
            .collect(),
        by_kind: f
            .by_kind
            .iter()
            .map(|(k, open, done)| OwnerRow {
                owner: k.map_or_else(
                    || "(no kind)".to_string(),
                    |k| format!("{k:?}").to_lowercase(),
                ),
                open: *open,
                done: *done,
            })
            .collect(),
        today: v.today.to_string(),
    }
}

/// How many incomplete write-ups the completeness page lists.
const SHOWN_INCOMPLETE: usize = 200;

/// How many done (or won't-do) items the follow-ups page lists.
const SHOWN_CLOSED: usize = 100;

/// The most recently completed (else most recently due) of `items`.
fn latest(
    v: &Views,
    items: &[crate::analyze::followups::ItemRef],
) -> Vec<crate::analyze::followups::ItemRef> {
    let mut sorted = items.to_vec();
    sorted.sort_by_key(|r| {
        let a = &v.kb.incidents[r.incident].doc.action_items[r.item];
        std::cmp::Reverse(a.completed.or(a.due))
    });
    sorted.truncate(SHOWN_CLOSED);
    sorted
}

#[derive(Serialize)]
pub struct CompletenessRow<'c> {
    pub incident: &'c IncidentCard,
    pub completeness: CompletenessView,
}

#[derive(Serialize)]
pub struct CompletenessPage<'c> {
    /// The least complete write-ups first, at most `SHOWN_INCOMPLETE`.
    pub rows: Vec<CompletenessRow<'c>>,
    pub incomplete: usize,
    pub complete: usize,
    pub total: usize,
}

pub fn completeness_view<'c>(v: &'c Views) -> CompletenessPage<'c> {
    let mut rows: Vec<CompletenessRow> = (0..v.kb.incidents.len())
        .filter(|&i| !v.facts[i].completeness.missing.is_empty())
        .map(|i| CompletenessRow {
            incident: &v.cards[i],
            completeness: v.facts[i].completeness.clone(),
        })
        .collect();
    rows.sort_by_key(|r| r.completeness.done);
    let incomplete = rows.len();
    rows.truncate(SHOWN_INCOMPLETE);
    CompletenessPage {
        complete: v.kb.incidents.len() - incomplete,
        total: v.kb.incidents.len(),
        incomplete,
        rows,
    }
}
