//! The SVG drawn into the demo site: every chart and diagram is well-formed XML with a title
//! and a description, names what it draws, and the demo's diagrams match their snapshots.

use crate::support::*;
use std::path::Path;

/// Every `<svg>...</svg>` in an HTML page.
fn svgs(html: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut rest = html;
    while let Some(start) = rest.find("<svg xmlns=") {
        let end = rest[start..].find("</svg>").expect("closed") + start + "</svg>".len();
        out.push(&rest[start..end]);
        rest = &rest[end..];
    }
    out
}

fn build_demo(out: &Path) {
    let run = build_in(&repo(), out, &["--today", "2026-11-22"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
}

#[test]
fn every_svg_in_the_demo_site_is_well_formed_and_labelled() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("public");
    build_demo(&out);
    let mut count = 0;
    for page in files_under(&out)
        .into_iter()
        .filter(|p| p.ends_with(".html"))
    {
        let html = read(&out.join(&page));
        for svg in svgs(&html) {
            count += 1;
            let doc =
                roxmltree::Document::parse(svg).unwrap_or_else(|e| panic!("{page}: {e}\n{svg}"));
            let root = doc.root_element();
            // A drawing with links is a labelled group: links inside an image are neither
            // reachable nor announced (axe's nested-interactive).
            let links = doc.descendants().any(|n| n.tag_name().name() == "a");
            let role = if links { "group" } else { "img" };
            assert_eq!(root.attribute("role"), Some(role), "{page}");
            let kids: Vec<_> = root
                .children()
                .filter(|n| n.is_element())
                .map(|n| n.tag_name().name())
                .collect();
            assert_eq!(
                &kids[..2],
                ["title", "desc"],
                "{page}: title and desc come first"
            );
            let labelled_by = root.attribute("aria-labelledby").unwrap_or_default();
            let described_by = root.attribute("aria-describedby").unwrap_or_default();
            assert!(!labelled_by.is_empty(), "{page}: no label");
            for id in labelled_by
                .split_whitespace()
                .chain(described_by.split_whitespace())
            {
                assert!(
                    doc.descendants().any(|n| n.attribute("id") == Some(id)),
                    "{page}: no #{id}"
                );
            }
        }
    }
    // 19 incidents each have a fishbone, several a graph; 4 charts; the archive's fishbone.
    let expected_at_least = 19 + 4 + 1;
    assert!(count >= expected_at_least, "only {count} SVGs");
}

fn text_of(svg: &str) -> String {
    let doc = roxmltree::Document::parse(svg).unwrap();
    doc.descendants()
        .filter(|n| n.is_text())
        .map(|n| n.text().unwrap_or_default())
        .collect::<Vec<_>>()
        .join(" ")
}

#[test]
fn the_publish_queue_diagrams_name_its_causes_and_match_their_snapshots() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("public");
    build_demo(&out);
    let html = read(&out.join("incidents/2019-08-27-publish-queue-backlog/index.html"));
    let found = svgs(&html);
    assert_eq!(found.len(), 2, "a fishbone and a why-because graph");
    // The graph comes first (its causes say what they happened because of); the fishbone is
    // folded after it.
    let (graph, fishbone) = (found[0], found[1]);
    let folded = &html[html.find("<details class=\"diagram-other\">").unwrap()..];
    assert!(folded.find("diagram-fishbone") < folded.find("</details>"));
    assert!(fishbone.contains("class=\"diagram diagram-fishbone\""));
    assert!(graph.contains("class=\"diagram diagram-graph\""));
    for label in [
        "People",
        "Tools / Software",
        "Methods / Processes",
        "Environment / Conditions",
    ] {
        assert!(text_of(fishbone).contains(label), "fishbone bone {label}");
    }
    assert!(fishbone.contains("href=\"/causes/alert-fatigue/\""));
    assert!(
        text_of(graph).contains("The backlog alert used a"),
        "graph nodes carry the cause text"
    );
    insta::assert_snapshot!("publish_queue_fishbone", fishbone);
    insta::assert_snapshot!("publish_queue_graph", graph);
}

#[test]
fn the_metrics_charts_are_drawn_with_the_demo_figures() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("public");
    build_demo(&out);
    let html = read(&out.join("metrics/index.html"));
    let (charts, narrow): (Vec<&str>, Vec<&str>) = svgs(&html)
        .into_iter()
        .partition(|s| !s.contains("-narrow-title"));
    assert_eq!(charts.len(), 4);
    assert_eq!(narrow.len(), 4, "each chart has a narrow layout for phones");
    assert!(narrow.iter().all(|s| s.contains("viewBox=\"0 0 320 ")));
    let by_severity = charts
        .iter()
        .find(|s| s.contains("Incidents by severity"))
        .unwrap();
    let text = text_of(by_severity);
    for sev in ["SEV1", "SEV2", "SEV3", "SEV4"] {
        assert!(text.contains(sev), "{sev} labelled");
    }
    // Tooltips carry the numbers: the demo has 8 SEV2 incidents.
    assert!(
        by_severity.contains("<title>SEV2: 8 incidents</title>"),
        "{by_severity}"
    );
}
