//! The metrics page on real-sized data: a KB of 242 incidents, mostly dated 2015-2026 and
//! mostly to the day only, with one from 1628 and one undated. The page stays small, its time
//! axes start at the dense year with the outlier in one "before" bar, the weekly strip covers
//! at most three years, and every figure says for how many incidents it is known.

use crate::support::*;
use std::path::Path;

/// 240 incidents from 2015-01-01, 17 days apart (to 2026-03): every fourth has times of day
/// and is resolved an hour later, every eighth was also `detected`; none gives `mitigated`.
/// Then one from 1628, and one with no date at all.
fn write_kb(root: &Path, config: &str) {
    let start: jiff::civil::Date = "2015-01-01".parse().unwrap();
    let mut files: Vec<(String, String)> = Vec::new();
    for i in 0..240i64 {
        let day = start.checked_add(jiff::Span::new().days(17 * i)).unwrap();
        let times = if i % 4 == 0 {
            let detected = if i % 8 == 0 {
                format!("detected: {day}T10:15:00Z\n")
            } else {
                String::new()
            };
            format!("started: {day}T10:00:00Z\n{detected}resolved: {day}T11:00:00Z\n")
        } else {
            format!("started: {day}\n")
        };
        let text = format!(
            "---\ntitle: Outage number {i}\nseverity: SEV{}\nservices: [svc-{}]\n{times}---\n\n## Summary\n\nThe service was down.\n",
            i % 4 + 1,
            i % 9
        );
        files.push((format!("content/incidents/n{i:03}.md"), text));
    }
    files.push((
        "content/incidents/vasa.md".into(),
        "---\ntitle: The Vasa sinks on its maiden voyage\nseverity: SEV1\nstarted: 1628-08-10\n---\n\n## Summary\n\nTop-heavy.\n".into(),
    ));
    files.push((
        "content/incidents/undated-note.md".into(),
        "---\ntitle: A note nobody dated\nseverity: SEV4\n---\n\n## Summary\n\nNo date.\n".into(),
    ));
    files.push(("hindsight.toml".into(), config.into()));
    let refs: Vec<(&str, &str)> = files
        .iter()
        .map(|(p, t)| (p.as_str(), t.as_str()))
        .collect();
    write_files(root, &refs);
}

fn build_metrics(config: &str) -> String {
    let kb = tempfile::tempdir().unwrap();
    write_kb(kb.path(), config);
    let out = kb.path().join("public");
    let run = build_in(kb.path(), &out, &["--quiet"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    read(&out.join("metrics/index.html"))
}

/// The `<svg>` of the chart figure `id`.
fn chart<'a>(html: &'a str, id: &str) -> &'a str {
    let at = html
        .find(&format!("<figure class=\"chart-figure\" id=\"{id}\">"))
        .unwrap_or_else(|| panic!("no chart {id}"));
    let svg = &html[at..];
    &svg[..svg.find("</svg>").unwrap()]
}

/// The text of the `<text>` elements of the x axis of an SVG chart.
fn x_labels(svg: &str) -> Vec<&str> {
    let at = svg.find("chart-label chart-x").unwrap();
    let group = &svg[at..at + svg[at..].find("</g>").unwrap()];
    group
        .split("<text")
        .skip(1)
        .map(|t| &t[t.find('>').unwrap() + 1..t.find("</text>").unwrap()])
        .collect()
}

#[test]
fn metrics_of_242_incidents_with_an_outlier_from_1628_stay_small_and_dense() {
    let html = build_metrics("title = \"Big\"\n");
    assert!(html.len() < 300_000, "metrics page is {} bytes", html.len());

    // The by-period chart starts with the outlier's bar, then the dense range from 2015.
    let by_period = chart(&html, "chart-by-period");
    let labels = x_labels(by_period);
    assert_eq!(labels[0], "before 2015", "{labels:?}");
    assert!(labels[1..].iter().all(|l| *l >= "2015"), "{labels:?}");
    assert!(
        by_period.contains("<title>2015-Q1 · "),
        "the axis starts in 2015"
    );
    assert!(
        !by_period.contains("1628"),
        "no 17th-century axis: {labels:?}"
    );
    assert!(by_period.contains("<title>before 2015 · SEV1: 1 incident</title>"));
    // The tables by year, quarter and month lead with the same one incident.
    let before_row = "<tr><th scope=\"row\">before 2015</th><td class=\"num\">1</td>";
    assert_eq!(html.matches(before_row).count(), 3, "year, quarter, month");
    assert!(!html.contains(">1628<") && !html.contains(">1628-Q3<"));
    assert!(!html.contains("1628-08</th>"));
    assert!(html.contains("first year with at least two incidents"));
    assert!(
        html.contains(
            "1 incident dated before 2015 (1628-08-10) is counted in one “before 2015” bar"
        )
    );

    // The weekly strip: at most three years of cells (and the five of its legend).
    let weeks = chart(&html, "chart-weeks");
    let cells = weeks.matches("<rect class=\"heat-").count() - 5;
    assert!((3 * 52 - 2..=3 * 53).contains(&cells), "{cells} cells");
    assert!(!weeks.contains("Week of 2015-"), "older weeks are left out");

    // Every figure says what it rests on.
    for known in [
        "<strong>Incidents by date</strong>: known for 241 of 242 incidents; left out: 1 undated.",
        "<strong>Time to detect</strong>: known for 30 of 242 incidents; left out: 1 undated, 181 with <code>started</code> as a day without a time, 30 without <code>detected</code>.",
        "<strong>Time to resolve</strong>: known for 60 of 242 incidents; left out: 1 undated, 181 with <code>started</code> as a day without a time.",
        "known for 30 of 242</span>",
    ] {
        assert!(html.contains(known), "missing: {known}");
    }
    // Time to mitigate is known for none: one line says what it needs.
    let mitigate = &html[html.find("<strong>Time to mitigate</strong>").unwrap()..];
    let mitigate = &mitigate[..mitigate.find("</li>").unwrap()];
    assert!(
        mitigate.starts_with("<strong>Time to mitigate</strong>: known for 0 of 242 incidents"),
        "{mitigate}"
    );
    assert!(
        mitigate.contains("<span class=\"metrics-why\">Needs <code>started</code> and <code>mitigated</code> in the front matter, with a time of day"),
        "{mitigate}"
    );
    // Figures that are known carry no such line.
    let detect = &html[html.find("<strong>Time to detect</strong>").unwrap()..];
    assert!(!detect[..detect.find("</li>").unwrap()].contains("metrics-why"));
}

#[test]
fn metrics_since_in_the_config_sets_where_the_axes_start() {
    let html = build_metrics("[metrics]\nsince = 2020\n");
    let labels = x_labels(chart(&html, "chart-by-period"));
    assert_eq!(labels[0], "before 2020", "{labels:?}");
    assert!(labels[1..].iter().all(|l| *l >= "2020"), "{labels:?}");
    // 2015-01-01 + 17 days * i is before 2020 for i up to 107: 108 incidents, and the Vasa.
    assert!(html.contains("<tr><th scope=\"row\">before 2020</th><td class=\"num\">109</td>"));
    assert!(html.contains("Time axes begin no earlier than 2020, as <code>[metrics] since</code>"));
    assert!(
        html.contains("109 incidents dated before 2020 (the earliest on 1628-08-10) are counted")
    );
    // The trend per quarter starts at the axis too.
    let trend = x_labels(chart(&html, "chart-mttd-mttr"));
    assert!(trend[0].starts_with("2020"), "{trend:?}");
}

#[test]
fn real_shapes_metrics_start_at_the_dense_year() {
    let kb = tempfile::tempdir().unwrap();
    copy_tree(&repo().join("examples").join("real-shapes"), kb.path());
    let out = kb.path().join("public");
    let run = build_in(kb.path(), &out, &["--quiet"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(!run.stderr.contains("error["), "{}", run.stderr);
    let html = read(&out.join("metrics/index.html"));
    let labels = x_labels(chart(&html, "chart-by-period"));
    assert!(labels[0].starts_with("before "), "{labels:?}");
    assert!(!labels.iter().any(|l| l.starts_with("19")), "{labels:?}");
    assert!(html.len() < 100_000, "{} bytes", html.len());
}
