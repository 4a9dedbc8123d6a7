//! The metrics page: time to detect and to resolve (mean, median, 90th percentile) overall and
//! by severity, year, quarter and service, incidents by month, and the charts drawn from them
//! (each with its numbers in the tables beside it).

use super::Page;
use crate::analyze::metrics::{Group, Metrics, MonthCount, Stats};
use crate::format::{human_minutes, quarter};
use crate::render::shared::Shared;
use crate::render::site::PageMeta;
use crate::render::svg::charts::{Chart, Series, bar_chart, heat_strip, line_chart};
use serde::Serialize;

/// A statistic in words.
#[derive(Debug, Clone, Serialize)]
pub struct StatView {
    pub count: usize,
    pub mean: String,
    pub median: String,
    pub p90: String,
}

fn stat(s: &Stats) -> StatView {
    let f = |v: Option<f64>| v.map_or_else(|| "—".to_string(), human_minutes);
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

/// A chart with its id and title; its numbers are in a table of the same page.
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
    pub by_month: Vec<MonthCount>,
    pub charts: Vec<ChartView>,
}

pub fn page(s: &Shared) -> Page {
    let meta = PageMeta::new(
        "metrics",
        "metrics",
        "Metrics",
        s.urls.at("metrics/"),
        "Time to detect and to resolve, and how often incidents happen, across the archive.",
    )
    .crumb("Home", s.urls.at(""));
    Page::new(s, "metrics.html", meta, view(&s.metrics))
}

fn view(m: &Metrics) -> MetricsView {
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
        charts: charts(m),
    }
}

fn charts(m: &Metrics) -> Vec<ChartView> {
    if m.overall.incidents == 0 {
        return Vec::new();
    }
    let view = |c: &Chart, svg: String| ChartView {
        id: c.id.clone(),
        title: c.title.clone(),
        svg,
    };
    let (by_period, trend, by_severity) = (by_period(m), trend(m), by_severity(m));
    vec![
        view(&by_period, bar_chart(&by_period)),
        view(&trend, line_chart(&trend)),
        view(&by_severity, bar_chart(&by_severity)),
        ChartView {
            id: "chart-weeks".into(),
            title: "Incidents per week".into(),
            svg: heat_strip(
                "chart-weeks",
                "Incidents per week",
                "A strip with one cell per week, darker for more incidents.",
                &m.weeks,
            ),
        },
    ]
}

/// Incidents per month, quarter or year, stacked by severity.
fn by_period(m: &Metrics) -> Chart {
    let (period, buckets) = counts_by_period(m);
    Chart {
        id: "chart-by-period".into(),
        title: format!("Incidents per {period}, by severity"),
        description: format!(
            "Stacked bars: incidents per {period} from {} to {}, each bar split by severity.",
            buckets.first().map_or("", |b| b.0.as_str()),
            buckets.last().map_or("", |b| b.0.as_str())
        ),
        x_labels: buckets.iter().map(|b| b.0.clone()).collect(),
        series: m
            .severities
            .iter()
            .enumerate()
            .map(|(s, label)| Series {
                label: label.clone(),
                values: buckets.iter().map(|b| Some(f64::from(b.1[s]))).collect(),
            })
            .collect(),
        unit: "incidents".into(),
    }
}

/// Median time to detect and to resolve, per quarter.
fn trend(m: &Metrics) -> Chart {
    let quarters = &m.by_quarter;
    Chart {
        id: "chart-mttd-mttr".into(),
        title: "Median time to detect and to resolve, per quarter".into(),
        description: "Lines of the median minutes from start to detection and from start to resolution in each quarter; quarters without incidents leave a gap.".into(),
        x_labels: quarters.iter().map(|g| g.label.clone()).collect(),
        series: vec![
            Series {
                label: "median time to detect".into(),
                values: quarters.iter().map(|g| g.ttd.median).collect(),
            },
            Series {
                label: "median time to resolve".into(),
                values: quarters.iter().map(|g| g.ttr.median).collect(),
            },
        ],
        unit: "minutes".into(),
    }
}

/// Incidents by severity: one series per severity, so each bar has its severity's colour.
fn by_severity(m: &Metrics) -> Chart {
    Chart {
        id: "chart-by-severity".into(),
        title: "Incidents by severity".into(),
        description: "Bars: the number of incidents of each severity.".into(),
        x_labels: m.by_severity.iter().map(|g| g.label.clone()).collect(),
        series: m
            .by_severity
            .iter()
            .enumerate()
            .map(|(s, g)| Series {
                label: g.label.clone(),
                values: (0..m.by_severity.len())
                    .map(|x| (x == s).then_some(g.incidents as f64))
                    .collect(),
            })
            .collect(),
        unit: "incidents".into(),
    }
}

/// Incident counts by severity per month, quarter or year: the finest period that gives at
/// most `max(12, incidents / 2)` bars, so a small archive is not a comb of empty months.
fn counts_by_period(m: &Metrics) -> (&'static str, Vec<(String, Vec<u32>)>) {
    let limit = 12.max(m.overall.incidents / 2);
    let fold = |key: &dyn Fn(&MonthCount) -> String| {
        let mut out: Vec<(String, Vec<u32>)> = Vec::new();
        for c in &m.by_month {
            let k = key(c);
            match out.last_mut() {
                Some((last, counts)) if *last == k => counts
                    .iter_mut()
                    .zip(&c.by_severity)
                    .for_each(|(a, b)| *a += b),
                _ => out.push((k, c.by_severity.clone())),
            }
        }
        out
    };
    if m.by_month.len() <= limit {
        return ("month", fold(&|c| c.month.clone()));
    }
    let quarters = fold(&|c| {
        let (y, q) = quarter(c.year, c.number);
        format!("{y}-Q{q}")
    });
    if quarters.len() <= limit {
        return ("quarter", quarters);
    }
    ("year", fold(&|c| c.year.to_string()))
}
