//! The charts of the metrics page: `Metrics` -> SVG charts with their titles. The tables on
//! the same page hold the numbers behind each one.

use super::analysis::ChartView;
use super::svg::charts::{Chart, Series, bar_chart, heat_strip, line_chart};
use crate::analyze::metrics::Metrics;

pub fn metrics_charts(m: &Metrics) -> Vec<ChartView> {
    if m.overall.incidents == 0 {
        return Vec::new();
    }
    let (period, buckets) = counts_by_period(m);
    let by_month = Chart {
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
    };
    let quarters = &m.by_quarter;
    let trend = Chart {
        id: "chart-mttd-mttr".into(),
        title: "Median time to detect and to resolve, per quarter".into(),
        description: "Lines of the median minutes from start to detection and from start to resolution in each quarter; quarters without incidents leave a gap.".into(),
        x_labels: quarters.iter().map(|g| g.label.clone()).collect(),
        series: vec![
            Series { label: "median time to detect".into(), values: quarters.iter().map(|g| g.ttd.median).collect() },
            Series { label: "median time to resolve".into(), values: quarters.iter().map(|g| g.ttr.median).collect() },
        ],
        unit: "minutes".into(),
    };
    let by_severity = Chart {
        id: "chart-by-severity".into(),
        title: "Incidents by severity".into(),
        description: "Bars: the number of incidents of each severity.".into(),
        x_labels: m.by_severity.iter().map(|g| g.label.clone()).collect(),
        // One series per severity, so each bar has its severity's colour.
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
    };
    vec![
        ChartView {
            id: by_month.id.clone(),
            title: by_month.title.clone(),
            svg: bar_chart(&by_month),
        },
        ChartView {
            id: trend.id.clone(),
            title: trend.title.clone(),
            svg: line_chart(&trend),
        },
        ChartView {
            id: by_severity.id.clone(),
            title: by_severity.title.clone(),
            svg: bar_chart(&by_severity),
        },
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

/// Incident counts by severity per month, quarter or year: the finest period that gives at
/// most `max(12, incidents / 2)` bars, so a small archive is not a comb of empty months.
fn counts_by_period(m: &Metrics) -> (&'static str, Vec<(String, Vec<u32>)>) {
    let limit = 12.max(m.overall.incidents / 2);
    let months = &m.by_month;
    let fold = |key: fn(&str) -> String| {
        let mut out: Vec<(String, Vec<u32>)> = Vec::new();
        for c in months {
            let k = key(&c.month);
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
    let quarter = |month: &str| {
        let q = month
            .get(5..7)
            .and_then(|mm| mm.parse::<u8>().ok())
            .map_or(1, |mm| (mm - 1) / 3 + 1);
        format!("{}-Q{q}", &month[..4.min(month.len())])
    };
    if months.len() <= limit {
        return ("month", fold(|mm| mm.to_string()));
    }
    let quarters = fold(quarter);
    if quarters.len() <= limit {
        return ("quarter", quarters);
    }
    ("year", fold(|mm| mm[..4.min(mm.len())].to_string()))
}
