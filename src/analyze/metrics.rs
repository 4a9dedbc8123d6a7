//! Metrics across the KB: time to detect (detected - started) and to resolve (resolved -
//! started), as mean, median and 90th percentile (means mislead on skewed durations, so both
//! are shown), by year, quarter, severity and service; incident counts by month, severity and
//! week. All durations are in minutes.

use crate::model::KnowledgeBase;
use jiff::civil::Date;
use serde::Serialize;
use std::collections::BTreeMap;

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

/// Detection and resolution statistics of a group of incidents.
#[derive(Debug, Clone, Serialize)]
pub struct Group {
    pub label: String,
    pub incidents: usize,
    pub ttd: Stats,
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

#[derive(Debug, Clone, Serialize)]
pub struct Metrics {
    pub overall: Group,
    pub by_year: Vec<Group>,
    /// Every quarter from the first incident's to the last one's, empty ones included.
    pub by_quarter: Vec<Group>,
    pub by_severity: Vec<Group>,
    /// The services with the most incidents.
    pub by_service: Vec<Group>,
    /// Every month from the first incident's to the last one's.
    pub by_month: Vec<MonthCount>,
    pub severities: Vec<String>,
    /// (Monday, incidents that week), every week from the first to the last.
    pub weeks: Vec<(Date, u32)>,
}

fn group(kb: &KnowledgeBase, label: String, ids: impl Iterator<Item = usize>) -> Group {
    let (mut ttd, mut ttr, mut n) = (Vec::new(), Vec::new(), 0);
    for i in ids {
        let d = &kb.incidents[i].doc;
        n += 1;
        // Whole minutes, as every page counts them; only between two instants.
        ttd.extend(d.minutes_to(d.detected.as_ref()).map(|m| m as f64));
        ttr.extend(d.minutes_to(d.resolved.as_ref()).map(|m| m as f64));
    }
    Group {
        label,
        incidents: n,
        ttd: stats(ttd),
        ttr: stats(ttr),
    }
}

fn quarter(d: Date) -> (i16, i8) {
    crate::format::quarter(d.year(), d.month())
}

/// Computes every metric of the KB.
pub fn compute(kb: &KnowledgeBase) -> Metrics {
    // Undated incidents count in the totals, not on the time axes.
    let dated: Vec<(usize, Date)> = (kb.incidents.iter().enumerate())
        .filter_map(|(i, inc)| Some((i, inc.doc.date()?)))
        .collect();
    let dates: Vec<Date> = dated.iter().map(|(_, d)| *d).collect();
    let all = 0..kb.incidents.len();
    let by = |key: &dyn Fn(Date) -> String| {
        let mut m: BTreeMap<String, Vec<usize>> = BTreeMap::new();
        for (i, d) in &dated {
            m.entry(key(*d)).or_default().push(*i);
        }
        m
    };
    let years = by(&|d| d.year().to_string());
    let quarters = by(&|d| {
        let (y, q) = quarter(d);
        format!("{y}-Q{q}")
    });
    let mut by_quarter = Vec::new();
    if let (Some(first), Some(last)) = (dates.iter().min(), dates.iter().max()) {
        let (mut y, mut q) = quarter(*first);
        while (y, q) <= quarter(*last) {
            let label = format!("{y}-Q{q}");
            let ids = quarters.get(&label).cloned().unwrap_or_default();
            by_quarter.push(group(kb, label, ids.into_iter()));
            (y, q) = if q == 4 { (y + 1, 1) } else { (y, q + 1) };
        }
    }
    Metrics {
        overall: group(kb, "All incidents".into(), all),
        by_year: years
            .into_iter()
            .map(|(y, ids)| group(kb, y, ids.into_iter()))
            .collect(),
        by_quarter,
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
        by_month: months(kb, &dated),
        severities: kb.severities.iter().map(|s| s.id.clone()).collect(),
        weeks: weeks(&dates),
    }
}

fn months(kb: &KnowledgeBase, dated: &[(usize, Date)]) -> Vec<MonthCount> {
    let mut counts: BTreeMap<(i16, i8), Vec<u32>> = BTreeMap::new();
    // The KB's severities, `unrated` last when some incidents are.
    let n = kb.severities.len();
    for &(i, d) in dated {
        let severity = kb.incidents[i].doc.severity_id();
        let rank = (kb.severities.iter())
            .position(|s| s.id == severity)
            .unwrap_or(0);
        counts
            .entry((d.year(), d.month()))
            .or_insert_with(|| vec![0; n])[rank] += 1;
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

fn weeks(dates: &[Date]) -> Vec<(Date, u32)> {
    let mut counts: BTreeMap<Date, u32> = BTreeMap::new();
    for d in dates {
        *counts.entry(monday(*d)).or_default() += 1;
    }
    let (Some(first), Some(last)) = (counts.keys().next().copied(), counts.keys().last().copied())
    else {
        return Vec::new();
    };
    let mut out = Vec::new();
    let mut w = first;
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
}
