//! Metrics across the KB: time to detect (detected - started), to mitigate and to resolve, as
//! mean, median and 90th percentile (means mislead on skewed durations, so all are shown), by
//! year, quarter, severity and service; incident counts by month, severity and week. All
//! durations are in minutes.
//!
//! What holds, so the figures stay readable on real archives:
//! - The time axes (years, quarters, months) start at [`Axis::start`]: the year of
//!   `[metrics] since`, or by default the first year with at least two incidents. Incidents
//!   before it are one [`Metrics::before`] group, never spread over the axis: one incident from
//!   1628 does not stretch every chart back four centuries.
//! - The weekly counts cover at most the last [`HEAT_YEARS`] years of data.
//! - Each figure says what it rests on ([`Known`]): for how many incidents it is known, and
//!   why it is not for the others (undated, a day without a time, a field not given).
//! - Work is linear in the incidents plus the length of the axes, which the dense start keeps
//!   to the years that have data.

use crate::config::Config;
use crate::load::IncidentDoc;
use crate::load::time::When;
use crate::model::KnowledgeBase;
use jiff::civil::Date;
use serde::Serialize;
use std::collections::BTreeMap;

/// The weekly counts cover at most this many years, the last of the data.
pub const HEAT_YEARS: i16 = 3;

/// Summary statistics of a set of durations, in minutes.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Default)]
pub struct Stats {
    pub count: usize,
    pub mean: Option<f64>,
    pub median: Option<f64>,
    pub p90: Option<f64>,
}

/// Mean, median (the mean of the two middle values for an even count) and 90th percentile
/// (nearest rank: the smallest value with at least 90% of the values at or below it).
pub fn stats(mut values: Vec<f64>) -> Stats {
    values.retain(|v| v.is_finite());
    if values.is_empty() {
        return Stats::default();
    }
    values.sort_by(f64::total_cmp);
    let n = values.len();
    let median = if n % 2 == 1 {
        values[n / 2]
    } else {
        (values[n / 2 - 1] + values[n / 2]) / 2.0
    };
    let rank = (0.9 * n as f64).ceil() as usize;
    Stats {
        count: n,
        mean: Some(values.iter().sum::<f64>() / n as f64),
        median: Some(median),
        p90: Some(values[rank.clamp(1, n) - 1]),
    }
}

/// Detection, mitigation and resolution statistics of a group of incidents.
#[derive(Debug, Clone, Serialize)]
pub struct Group {
    pub label: String,
    pub incidents: usize,
    pub ttd: Stats,
    pub ttm: Stats,
    pub ttr: Stats,
}

/// Incidents in one month, by severity (in the config's order).
#[derive(Debug, Clone, Serialize)]
pub struct MonthCount {
    /// `2024-03`.
    pub month: String,
    #[serde(skip)]
    pub year: i16,
    /// 1 to 12.
    #[serde(skip)]
    pub number: i8,
    pub by_severity: Vec<u32>,
}

/// For how many incidents a figure is known, and why not for the others. Each incident left
/// out is counted once, under the first reason that applies, in the order of the fields.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Known {
    pub known: usize,
    /// Every incident.
    pub of: usize,
    /// Without `started`.
    pub undated: usize,
    /// With `started` as a day without a time of day (durations need both ends to the minute).
    pub start_day: usize,
    /// Without the field that ends the duration (`detected`, `mitigated`, `resolved`).
    pub missing: usize,
    /// With that field as a day without a time of day.
    pub end_day: usize,
}

/// Where the time axes start, and what they leave out.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Axis {
    /// The first year on the axes; `None` when no incident is dated.
    pub start: Option<i16>,
    /// Why the axes start there: `since` (set in `[metrics] since`), `dense` (the first year
    /// with at least two incidents) or `first` (no year has two: the first incident's year).
    pub rule: &'static str,
    /// The incidents dated before `start`, counted in the `before` group.
    pub before: usize,
    /// The day of the earliest of them.
    pub before_first: Option<Date>,
    /// The Monday of the first week the weekly counts show.
    pub weeks_from: Option<Date>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Metrics {
    pub overall: Group,
    /// Every year from the axis start with incidents.
    pub by_year: Vec<Group>,
    /// Every quarter from the first incident on the axis to the last, empty ones included.
    pub by_quarter: Vec<Group>,
    pub by_severity: Vec<Group>,
    /// The services with the most incidents.
    pub by_service: Vec<Group>,
    /// Every month from the first incident on the axis to the last.
    pub by_month: Vec<MonthCount>,
    pub severities: Vec<String>,
    /// (Monday, incidents that week), every week of the last [`HEAT_YEARS`] years of data.
    pub weeks: Vec<(Date, u32)>,
    pub axis: Axis,
    /// The incidents dated before the axis start (label `before YEAR`), with their counts by
    /// severity; `None` when there are none.
    pub before: Option<(Group, Vec<u32>)>,
    /// What the figures rest on: incidents with a date, and with each duration.
    pub dated: Known,
    pub ttd: Known,
    pub ttm: Known,
    pub ttr: Known,
}

fn group(kb: &KnowledgeBase, label: String, ids: impl Iterator<Item = usize>) -> Group {
    let (mut ttd, mut ttm, mut ttr, mut n) = (Vec::new(), Vec::new(), Vec::new(), 0);
    for i in ids {
        let d = &kb.incidents[i].doc;
        n += 1;
        // Whole minutes, as every page counts them; only between two instants.
        ttd.extend(d.time_to_detect().map(|m| m as f64));
        ttm.extend(d.time_to_mitigate().map(|m| m as f64));
        ttr.extend(d.time_to_resolve().map(|m| m as f64));
    }
    Group {
        label,
        incidents: n,
        ttd: stats(ttd),
        ttm: stats(ttm),
        ttr: stats(ttr),
    }
}

fn quarter(d: Date) -> (i16, i8) {
    crate::format::quarter(d.year(), d.month())
}

/// The first year of the time axes: `[metrics] since`, else the first year with at least two
/// incidents, else the first incident's year; with the rule that gave it (see [`Axis::rule`]).
/// `dates` are sorted.
pub fn axis_start(config: &Config, dates: &[Date]) -> Option<(i16, &'static str)> {
    let first = dates.first()?.year();
    if let Some(year) = config.metrics.since.year() {
        return Some((year, "since"));
    }
    let dense = dates
        .windows(2)
        .find(|w| w[0].year() == w[1].year())
        .map(|w| (w[0].year(), "dense"));
    Some(dense.unwrap_or((first, "first")))
}

/// For how many incidents the duration from `started` to `end` is known, and why not.
fn known(
    kb: &KnowledgeBase,
    end: fn(&IncidentDoc) -> Option<&When>,
    minutes: fn(&IncidentDoc) -> Option<i64>,
) -> Known {
    let mut k = Known {
        of: kb.incidents.len(),
        ..Known::default()
    };
    for inc in &kb.incidents {
        let d = &inc.doc;
        if minutes(d).is_some() {
            k.known += 1;
            continue;
        }
        match (&d.started, end(d)) {
            (None, _) => k.undated += 1,
            (Some(When::Day(_)), _) => k.start_day += 1,
            (Some(_), Some(When::Day(_))) => k.end_day += 1,
            // No end, or one the same as a start that is only the timeline's first event.
            (Some(_), _) => k.missing += 1,
        }
    }
    k
}

/// Computes every metric of the KB.
pub fn compute(kb: &KnowledgeBase) -> Metrics {
    // Undated incidents count in the totals, not on the time axes.
    let mut dated: Vec<(usize, Date)> = (kb.incidents.iter().enumerate())
        .filter_map(|(i, inc)| Some((i, inc.doc.date()?)))
        .collect();
    dated.sort_by_key(|(i, d)| (*d, *i));
    let dates: Vec<Date> = dated.iter().map(|(_, d)| *d).collect();
    let (start, rule) = axis_start(&kb.config, &dates).unzip();
    let split = start.map_or(0, |y| dates.partition_point(|d| d.year() < y));
    let (earlier, on_axis) = dated.split_at(split);
    let mut years: BTreeMap<String, Vec<usize>> = BTreeMap::new();
    for (i, d) in on_axis {
        years.entry(d.year().to_string()).or_default().push(*i);
    }
    let weeks = weeks(&dates[split..]);
    let before = start
        .filter(|_| !earlier.is_empty())
        .map(|y| before_group(kb, y, earlier));
    Metrics {
        overall: group(kb, "All incidents".into(), 0..kb.incidents.len()),
        by_year: years
            .into_iter()
            .map(|(y, ids)| group(kb, y, ids.into_iter()))
            .collect(),
        by_quarter: quarters(kb, on_axis),
        by_severity: kb
            .severities
            .iter()
            .map(|t| group(kb, t.id.clone(), t.incidents.iter().copied()))
            .collect(),
        by_service: kb
            .services
            .iter()
            .filter(|t| !t.incidents.is_empty())
            .take(15)
            .map(|t| group(kb, t.id.clone(), t.incidents.iter().copied()))
            .collect(),
        by_month: months(kb, on_axis),
        severities: kb.severities.iter().map(|s| s.id.clone()).collect(),
        axis: Axis {
            start,
            rule: rule.unwrap_or("dense"),
            before: earlier.len(),
            before_first: earlier.first().map(|(_, d)| *d),
            weeks_from: weeks.first().map(|w| w.0),
        },
        weeks,
        before,
        dated: Known {
            known: dated.len(),
            of: kb.incidents.len(),
            undated: kb.incidents.len() - dated.len(),
            ..Known::default()
        },
        ttd: known(kb, |d| d.detected.as_ref(), IncidentDoc::time_to_detect),
        ttm: known(kb, |d| d.mitigated.as_ref(), IncidentDoc::time_to_mitigate),
        ttr: known(kb, |d| d.resolved.as_ref(), IncidentDoc::time_to_resolve),
    }
}

/// Every quarter from the first of `dated` (sorted) to the last, empty ones included.
fn quarters(kb: &KnowledgeBase, dated: &[(usize, Date)]) -> Vec<Group> {
    let mut ids: BTreeMap<(i16, i8), Vec<usize>> = BTreeMap::new();
    for (i, d) in dated {
        ids.entry(quarter(*d)).or_default().push(*i);
    }
    let (Some(first), Some(last)) = (dated.first(), dated.last()) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    let (mut y, mut q) = quarter(first.1);
    while (y, q) <= quarter(last.1) {
        let members = ids.get(&(y, q)).map_or(&[][..], Vec::as_slice);
        out.push(group(kb, format!("{y}-Q{q}"), members.iter().copied()));
        (y, q) = if q == 4 { (y + 1, 1) } else { (y, q + 1) };
    }
    out
}

/// The incidents dated before the axis start `year` as one group, `before YEAR`, with their
/// counts by severity.
fn before_group(kb: &KnowledgeBase, year: i16, earlier: &[(usize, Date)]) -> (Group, Vec<u32>) {
    let mut counts = vec![0; kb.severities.len()];
    for &(i, _) in earlier {
        counts[severity_rank(kb, i)] += 1;
    }
    let ids = earlier.iter().map(|(i, _)| *i);
    (group(kb, format!("before {year}"), ids), counts)
}

/// The column of incident `i` in the counts by severity: the KB's severities, `unrated` last
/// when some incidents are.
fn severity_rank(kb: &KnowledgeBase, i: usize) -> usize {
    let severity = kb.incidents[i].doc.severity_id();
    (kb.severities.iter())
        .position(|s| s.id == severity)
        .unwrap_or(0)
}

/// Every month from the first of `dated` (sorted) to the last, with its counts by severity.
fn months(kb: &KnowledgeBase, dated: &[(usize, Date)]) -> Vec<MonthCount> {
    let mut counts: BTreeMap<(i16, i8), Vec<u32>> = BTreeMap::new();
    let n = kb.severities.len();
    for &(i, d) in dated {
        counts
            .entry((d.year(), d.month()))
            .or_insert_with(|| vec![0; n])[severity_rank(kb, i)] += 1;
    }
    let (Some(first), Some(last)) = (counts.keys().next().copied(), counts.keys().last().copied())
    else {
        return Vec::new();
    };
    let mut out = Vec::new();
    let (mut y, mut m) = first;
    while (y, m) <= last {
        out.push(MonthCount {
            month: format!("{y}-{m:02}"),
            year: y,
            number: m,
            by_severity: counts.get(&(y, m)).cloned().unwrap_or_else(|| vec![0; n]),
        });
        (y, m) = if m == 12 { (y + 1, 1) } else { (y, m + 1) };
    }
    out
}

/// The Monday of the week of `d`.
fn monday(d: Date) -> Date {
    let back = i64::from(d.weekday().to_monday_zero_offset());
    d.checked_sub(jiff::Span::new().days(back)).unwrap_or(d)
}

/// Incidents per week, every week from the first of `dates` (sorted) to the last, but over at
/// most the last [`HEAT_YEARS`] years: a strip of a few hundred cells, whatever the span.
fn weeks(dates: &[Date]) -> Vec<(Date, u32)> {
    let (Some(first), Some(last)) = (dates.first(), dates.last()) else {
        return Vec::new();
    };
    let cutoff = last
        .checked_sub(jiff::Span::new().years(HEAT_YEARS))
        .ok()
        .and_then(|d| d.checked_add(jiff::Span::new().days(1)).ok())
        .map_or(*first, |d| d.max(*first));
    let mut counts: BTreeMap<Date, u32> = BTreeMap::new();
    for d in dates.iter().filter(|d| **d >= cutoff) {
        *counts.entry(monday(*d)).or_default() += 1;
    }
    let last = monday(*last);
    let mut out = Vec::new();
    let mut w = monday(cutoff);
    while w <= last {
        out.push((w, counts.get(&w).copied().unwrap_or(0)));
        match w.checked_add(jiff::Span::new().days(7)) {
            Ok(next) => w = next,
            Err(_) => break,
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stats_against_hand_computed_values() {
        // 5, 7, 10, 30, 240: mean 58.4, median 10, p90 = 5th of 5 (ceil 4.5) = 240.
        let s = stats(vec![30.0, 5.0, 240.0, 10.0, 7.0]);
        assert_eq!(s.count, 5);
        assert_eq!(s.mean, Some(58.4));
        assert_eq!(s.median, Some(10.0));
        assert_eq!(s.p90, Some(240.0));
        // Even count: the median is the mean of the middle two; p90 of 10 values is the 9th.
        let s = stats((1..=10).map(f64::from).collect());
        assert_eq!(s.median, Some(5.5));
        assert_eq!(s.p90, Some(9.0));
        assert_eq!(stats(vec![]), Stats::default());
        assert_eq!(stats(vec![f64::NAN, 3.0]).count, 1);
    }

    #[test]
    fn mondays() {
        let d: Date = "2026-11-22".parse().unwrap(); // a Sunday
        assert_eq!(monday(d).to_string(), "2026-11-16");
        assert_eq!(weeks(&[d, "2026-12-01".parse().unwrap()]).len(), 3);
    }

    fn days(list: &[&str]) -> Vec<Date> {
        let mut v: Vec<Date> = list.iter().map(|d| d.parse().unwrap()).collect();
        v.sort();
        v
    }

    #[test]
    fn weeks_cover_at_most_the_last_three_years() {
        let dates = days(&["1628-08-10", "2019-05-01", "2023-01-02", "2026-11-30"]);
        let w = weeks(&dates);
        assert!(w.len() <= 3 * 53 && w.len() > 3 * 52 - 2, "{}", w.len());
        assert_eq!(w.last().unwrap(), &("2026-11-30".parse().unwrap(), 1));
        assert!(w.first().unwrap().0 > "2023-11-26".parse::<Date>().unwrap());
        assert_eq!(
            w.iter().map(|w| w.1).sum::<u32>(),
            1,
            "only the last is in range"
        );
        // A short span is drawn whole.
        let w = weeks(&days(&["2026-01-05", "2026-02-02"]));
        assert_eq!(w.len(), 5);
        assert_eq!(w.iter().map(|w| w.1).sum::<u32>(), 2);
    }

    #[test]
    fn the_axis_starts_at_the_first_year_with_two_incidents() {
        let mut config = Config::default();
        let dates = days(&[
            "1628-08-10",
            "2014-03-01",
            "2015-01-01",
            "2015-06-01",
            "2016-01-01",
        ]);
        assert_eq!(axis_start(&config, &dates), Some((2015, "dense")));
        // No year with two: the first incident's year.
        let two = days(&["1907-08-29", "2020-01-01"]);
        assert_eq!(axis_start(&config, &two), Some((1907, "first")));
        assert_eq!(axis_start(&config, &[]), None);
        config.metrics.since = crate::config::Since::Year(2016);
        assert_eq!(axis_start(&config, &dates), Some((2016, "since")));
    }
}
