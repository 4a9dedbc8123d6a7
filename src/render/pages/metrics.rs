//! The metrics page: time to detect, mitigate and resolve (mean, median, 90th percentile)
//! overall and by severity, year, quarter and service, incidents by month, and the charts drawn
//! from them (each with its numbers in the tables beside it). Every figure says what it rests
//! on: for how many incidents it is known, why not for the others, and where the time axes
//! start. Incidents before the axis start are one `before YEAR` bar and row.

use super::Page;
use crate::analyze::metrics::{Group, Known, Metrics, MonthCount, Stats};
use crate::format::{human_minutes, quarter};
use crate::render::shared::Shared;
use crate::render::site::PageMeta;
use crate::render::svg::charts::{Chart, NARROW, Series, WIDE, bar_chart, heat_strip, line_chart};
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
    pub ttm: StatView,
    pub ttr: StatView,
}

fn group(g: &Group) -> GroupView {
    GroupView {
        label: g.label.clone(),
        incidents: g.incidents,
        ttd: stat(&g.ttd),
        ttm: stat(&g.ttm),
        ttr: stat(&g.ttr),
    }
}

/// What one figure rests on: "known for N of M incidents", what was left out, and, when it is
/// known for none, what it needs.
#[derive(Debug, Clone, Serialize)]
pub struct BasisView {
    /// `Time to detect`.
    pub name: String,
    pub known: usize,
    pub of: usize,
    /// HTML: `1 undated, 180 with <code>started</code> as a day without a time`; empty when
    /// none is left out. Made of fixed words, field names and numbers, so nothing to escape.
    pub left_out: String,
    /// HTML: what the figure needs, when it is known for no incident.
    pub why: Option<String>,
}

/// `1 incident`, `2 incidents`.
fn incidents(n: usize) -> String {
    if n == 1 {
        "1 incident".into()
    } else {
        format!("{n} incidents")
    }
}

/// The basis of a duration from `started` to `field`.
fn duration_basis(name: &str, field: &str, k: &Known) -> BasisView {
    let reasons = [
        (k.undated, "undated".to_string()),
        (
            k.start_day,
            "with <code>started</code> as a day without a time".to_string(),
        ),
        (k.missing, format!("without <code>{field}</code>")),
        (
            k.end_day,
            format!("with <code>{field}</code> as a day without a time"),
        ),
    ];
    let left_out: Vec<String> = reasons
        .iter()
        .filter(|(n, _)| *n > 0)
        .map(|(n, why)| format!("{n} {why}"))
        .collect();
    let mut needs = Vec::new();
    if k.undated + k.start_day > 0 {
        needs.push("<code>started</code>".to_string());
    }
    if k.missing + k.end_day > 0 {
        needs.push(format!("<code>{field}</code>"));
    }
    BasisView {
        name: name.into(),
        known: k.known,
        of: k.of,
        left_out: left_out.join(", "),
        why: (k.known == 0 && k.of > 0).then(|| {
            let example = if k.undated + k.start_day > 0 { "started" } else { field };
            let stated = match field {
                "detected" => "Time to detection: 8 minutes",
                "mitigated" => "Time to mitigation: 40 minutes",
                _ => "Time to recovery: 2 hours",
            };
            format!(
                "Needs {} in the front matter, with a time of day (<code>{example}: 2024-03-01T10:12:00Z</code>), not only a day; or the figure written in the post-mortem (<code>{stated}</code>).",
                needs.join(" and ")
            )
        }),
    }
}

fn basis(m: &Metrics) -> Vec<BasisView> {
    let d = &m.dated;
    let dated = BasisView {
        name: "Incidents by date".into(),
        known: d.known,
        of: d.of,
        left_out: if d.undated > 0 {
            format!("{} undated", d.undated)
        } else {
            String::new()
        },
        why: (d.known == 0 && d.of > 0).then(|| {
            "Needs <code>started</code> (a day is enough) in the front matter, a <code>Date:</code> line or the file name."
                .to_string()
        }),
    };
    vec![
        dated,
        duration_basis("Time to detect", "detected", &m.ttd),
        duration_basis("Time to mitigate", "mitigated", &m.ttm),
        duration_basis("Time to resolve", "resolved", &m.ttr),
    ]
}

/// Where the time axes start and what they leave out, for the note under the headline.
#[derive(Debug, Clone, Serialize)]
pub struct AxisView {
    /// The first year on the time axes; nothing when no incident is dated.
    pub start: Option<i16>,
    /// Why there: `since`, `dense` or `first`.
    pub rule: &'static str,
    /// How many incidents are dated before `start`, in the `before YEAR` bar and rows.
    pub before: usize,
    /// The day of the earliest of them.
    pub before_first: Option<String>,
    /// The Monday of the first week the weekly strip shows.
    pub weeks_from: Option<String>,
}

/// A chart with its id and title; its numbers are in a table of the same page.
#[derive(Debug, Clone, Serialize)]
pub struct ChartView {
    pub id: String,
    pub title: String,
    pub svg: String,
    /// The same chart laid out for phones ([`NARROW`] wide, so its text stays legible).
    pub svg_narrow: String,
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
    pub basis: Vec<BasisView>,
    pub axis: AxisView,
}

pub fn page(s: &Shared) -> Page {
    let meta = PageMeta::new(
        "metrics",
        "metrics",
        "Metrics",
        s.urls.at("metrics/"),
        "Time to detect, mitigate and resolve, and how often incidents happen, across the archive.",
    )
    .crumb("Home", s.urls.at(""));
    Page::new(s, "metrics.html", meta, view(&s.metrics))
}

fn view(m: &Metrics) -> MetricsView {
    // The incidents before the axis start lead the tables by year, quarter and month.
    let before = m.before.as_ref();
    let with_before = |groups: &[Group]| -> Vec<GroupView> {
        let groups = before.map(|b| &b.0).into_iter().chain(groups);
        groups.filter(|g| g.incidents > 0).map(group).collect()
    };
    let before_month = before.map(|(g, counts)| MonthCount {
        month: g.label.clone(),
        year: 0,
        number: 0,
        by_severity: counts.clone(),
    });
    MetricsView {
        overall: group(&m.overall),
        by_year: with_before(&m.by_year),
        by_quarter: with_before(&m.by_quarter),
        by_severity: m.by_severity.iter().map(group).collect(),
        by_service: m.by_service.iter().map(group).collect(),
        severities: m.severities.clone(),
        by_month: before_month
            .into_iter()
            .chain(m.by_month.iter().cloned())
            .filter(|c| c.by_severity.iter().any(|&n| n > 0))
            .collect(),
        charts: charts(m),
        basis: basis(m),
        axis: AxisView {
            start: m.axis.start,
            rule: m.axis.rule,
            before: m.axis.before,
            before_first: m.axis.before_first.map(|d| d.to_string()),
            weeks_from: m.axis.weeks_from.map(|d| d.to_string()),
        },
    }
}

fn charts(m: &Metrics) -> Vec<ChartView> {
    if m.overall.incidents == 0 {
        return Vec::new();
    }
    // Both variants are drawn; the stylesheet shows one by the width of the screen. The
    // narrow one's ids end in `-narrow` so that the page's ids stay unique.
    let narrow = |c: &Chart| Chart {
        id: format!("{}-narrow", c.id),
        ..c.clone()
    };
    let view = |c: &Chart, draw: fn(&Chart, f64) -> String| ChartView {
        id: c.id.clone(),
        title: c.title.clone(),
        svg: draw(c, WIDE),
        svg_narrow: draw(&narrow(c), NARROW),
    };
    let (by_period, trend, by_severity) = (by_period(m), trend(m), by_severity(m));
    let weeks_desc = format!(
        "A strip with one cell per week{}, darker for more incidents.",
        m.weeks
            .first()
            .map_or(String::new(), |w| format!(" from the week of {}", w.0))
    );
    vec![
        view(&by_period, bar_chart),
        view(&trend, line_chart),
        view(&by_severity, bar_chart),
        ChartView {
            id: "chart-weeks".into(),
            title: "Incidents per week, the last three years at most".into(),
            svg: heat_strip(
                "chart-weeks",
                "Incidents per week",
                &weeks_desc,
                &m.weeks,
                WIDE,
            ),
            svg_narrow: heat_strip(
                "chart-weeks-narrow",
                "Incidents per week",
                &weeks_desc,
                &m.weeks,
                NARROW,
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
            "Stacked bars: incidents per {period} from {} to {}, each bar split by severity{}.",
            buckets
                .get(usize::from(m.before.is_some()))
                .map_or("", |b| b.0.as_str()),
            buckets.last().map_or("", |b| b.0.as_str()),
            m.before.as_ref().map_or(String::new(), |(g, _)| format!(
                "; the first bar, {}, counts the {} before the axis",
                g.label,
                incidents(g.incidents)
            ))
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
        description: format!(
            "Lines of the median minutes from start to detection and from start to resolution in each quarter{}; quarters without incidents leave a gap.",
            m.axis.start.map_or(String::new(), |y| format!(" from {y}"))
        ),
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
/// most `max(12, incidents / 2)` bars, so a small archive is not a comb of empty months. The
/// incidents before the axis start are one first bar, `before YEAR`.
fn counts_by_period(m: &Metrics) -> (&'static str, Vec<(String, Vec<u32>)>) {
    let (period, buckets) = counts_on_axis(m);
    let before = m
        .before
        .as_ref()
        .map(|(g, counts)| (g.label.clone(), counts.clone()));
    (period, before.into_iter().chain(buckets).collect())
}

fn counts_on_axis(m: &Metrics) -> (&'static str, Vec<(String, Vec<u32>)>) {
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
