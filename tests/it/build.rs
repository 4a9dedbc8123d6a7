//! `hindsight build` on the demo KB and on small KBs made for one behaviour each.

use crate::support::*;
use std::path::Path;

#[test]
fn demo_kb_builds_without_errors_or_warnings() {
    let run = &demo_site().run;
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(!run.stderr.contains("warning"), "{}", run.stderr);
    assert!(run.stderr.starts_with("Built "), "{}", run.stderr);
}

#[test]
fn every_page_kind_exists_for_the_demo_kb() {
    let out = &demo_site().out;
    assert_eq!(demo_site().run.code, 0);
    for page in [
        "index.html",
        "404.html",
        "sitemap.xml",
        "atom.xml",
        "incidents.json",
        "incidents.ndjson",
        "incidents/index.html",
        "incidents/2017-04-06-linkedin-app/index.html",
        "causes/index.html",
        "causes/settings-sprawl/index.html",
        "categories/index.html",
        "categories/documentation/index.html",
        "services/index.html",
        "services/publishing/index.html",
        "teams/index.html",
        "tags/index.html",
        "severities/index.html",
        "severities/sev1/index.html",
        "years/index.html",
        "years/2017/index.html",
        "reading-lists/index.html",
        "reading-lists/onboarding/index.html",
        "pages/about/index.html",
        "assets/style.css",
        "assets/syntax.css",
    ] {
        assert!(out.join(page).is_file(), "missing {page}");
    }
    // Drafts are left out unless asked for.
    assert!(
        !out.join("incidents/2026-10-14-crm-sync-refresh-storm")
            .exists()
    );
    let cause = read(&out.join("causes/settings-sprawl/index.html"));
    assert!(
        cause.contains("2016-09-13-contact-form-crm-timeout"),
        "a cause page lists its incidents"
    );
    let list = read(&out.join("reading-lists/onboarding/index.html"));
    assert!(list.contains("class=\"reading-list\""));
}

#[test]
fn incidents_json_and_feed_describe_every_published_incident() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("public");
    assert_eq!(
        build_in(
            &repo(),
            &out,
            &["--base-url", "https://kb.example.com/docs/"]
        )
        .code,
        0
    );
    let json: serde_json::Value = serde_json::from_str(&read(&out.join("incidents.json"))).unwrap();
    let incidents = json["incidents"].as_array().unwrap();
    let sources = files_under(&repo().join("content/incidents"));
    assert_eq!(incidents.len(), sources.len() - 1, "all but the draft");
    let linkedin = incidents
        .iter()
        .find(|i| i["id"] == "2017-04-06-linkedin-app")
        .unwrap();
    assert_eq!(linkedin["minutes_to_resolve"], 39);
    assert_eq!(
        linkedin["url"],
        "https://kb.example.com/docs/incidents/2017-04-06-linkedin-app/"
    );
    // incidents.ndjson holds the same records, one compact object per line, in the same order.
    let ndjson = read(&out.join("incidents.ndjson"));
    let lines: Vec<serde_json::Value> = ndjson
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(&lines, incidents, "one line per incident, the same records");
    assert!(ndjson.ends_with("}\n"));
    let home = read(&out.join("index.html"));
    assert!(
        home.contains("<a href=\"/docs/incidents.json\">incidents.json</a>")
            && home.contains("<a href=\"/docs/incidents.ndjson\">incidents.ndjson</a>"),
        "a small KB's footer links both exports"
    );
    let feed = read(&out.join("atom.xml"));
    assert!(feed.starts_with("<?xml"));
    assert!(
        feed.contains("<id>https://kb.example.com/docs/incidents/2017-04-06-linkedin-app/</id>")
    );
    let sitemap = read(&out.join("sitemap.xml"));
    assert!(sitemap.contains("<loc>https://kb.example.com/docs/causes/settings-sprawl/</loc>"));
}

#[test]
fn drafts_are_built_with_the_drafts_flag() {
    let kb = tempfile::tempdir().unwrap();
    write_files(
        kb.path(),
        &[
            ("content/incidents/a.md", &incident("a", "", "")),
            (
                "content/incidents/b.md",
                &incident("b", "status: draft\n", ""),
            ),
        ],
    );
    let out = kb.path().join("public");
    assert_eq!(build_in(kb.path(), &out, &["--quiet"]).code, 0);
    assert!(!out.join("incidents/b").exists(), "drafts are left out");
    assert_eq!(build_in(kb.path(), &out, &["--drafts", "--quiet"]).code, 0);
    let page = read(&out.join("incidents/b/index.html"));
    assert!(page.contains("status-draft"));
}

#[test]
fn a_kb_template_can_extend_the_builtin_and_replace_one_block() {
    let kb = tempfile::tempdir().unwrap();
    write_files(
        kb.path(),
        &[
            (
                "content/incidents/a.md",
                &incident("a", "", "## Timeline\n\n- 10:00 — it starts\n"),
            ),
            (
                "theme/templates/incident.html",
                "{% extends \"builtin/incident.html\" %}\n{% block breadcrumbs %}<p class=\"custom-crumbs\">Filed under {{ incident.severity }}</p>{% endblock breadcrumbs %}\n",
            ),
        ],
    );
    let out = kb.path().join("public");
    let run = build_in(kb.path(), &out, &[]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let page = read(&out.join("incidents/a/index.html"));
    assert!(
        page.contains("<p class=\"custom-crumbs\">Filed under SEV2</p>"),
        "the replaced block"
    );
    assert!(
        page.contains("<h1>Incident a</h1>"),
        "the rest of the built-in template"
    );
    assert!(
        !page.contains("aria-label=\"Breadcrumb\""),
        "the original block is gone"
    );
    // Other pages keep the built-in breadcrumbs.
    assert!(read(&out.join("causes/index.html")).contains("aria-label=\"Breadcrumb\""));
}

#[test]
fn a_kb_template_can_replace_the_timeline_and_the_five_whys_of_the_body() {
    let kb = tempfile::tempdir().unwrap();
    let body = "## Timeline\n\n- 10:00 — it starts\n\n## Technical details\n\nA slow disk[^d].\n\n## Five whys\n\n1. Why? A.\n2. Why? B.\n\n## Lessons learned\n\nCheck disks.\n\n[^d]: A footnote.\n";
    write_files(
        kb.path(),
        &[
            ("content/incidents/a.md", &incident("a", "", body)),
            (
                "theme/templates/incident.html",
                "{% extends \"builtin/incident.html\" %}\n{% block timeline %}<div class=\"my-timeline\">{{ incident.timeline | length }} rows</div>{% endblock timeline %}\n{% block five_whys %}<div class=\"my-whys\">{{ super() }}</div>{% endblock five_whys %}\n",
            ),
        ],
    );
    let out = kb.path().join("public");
    let run = build_in(kb.path(), &out, &[]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let page = read(&out.join("incidents/a/index.html"));
    let at = |s: &str| page.find(s).unwrap_or_else(|| panic!("no {s} in {page}"));
    assert!(
        !page.contains("section-timeline"),
        "the timeline is replaced"
    );
    let order = [
        "<div class=\"prose\">",
        "id=\"summary\"",
        "<div class=\"my-timeline\">2 rows</div>",
        "id=\"technical-details\"",
        "<div class=\"my-whys\"><section class=\"section section-five-whys\"",
        "Read it back up",
        "</section>\n</div>",
        "id=\"lessons-learned\"",
        "class=\"footnotes\"",
    ];
    for pair in order.windows(2) {
        assert!(at(pair[0]) < at(pair[1]), "{} before {}", pair[0], pair[1]);
    }
}

#[test]
fn a_kb_component_replaces_the_builtin_one_of_its_name_everywhere() {
    let kb = tempfile::tempdir().unwrap();
    write_files(
        kb.path(),
        &[
            ("content/incidents/a.md", &incident("a", "", "")),
            (
                "content/incidents/b.md",
                &incident("b", "related: [a]\n", ""),
            ),
            (
                "theme/templates/components.html",
                "{% component incident_list(items: array) %}<ul class=\"mine\">{% for i in items %}<li>{{ i.title }}</li>{% endfor %}</ul>{% endcomponent incident_list %}",
            ),
        ],
    );
    let out = kb.path().join("public");
    let run = build_in(kb.path(), &out, &[]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let home = read(&out.join("index.html"));
    assert!(home.contains("<ul class=\"mine\"><li>Incident "), "{home}");
    assert!(!home.contains("incident-list"), "{home}");
    let b = read(&out.join("incidents/b/index.html"));
    assert!(
        b.contains("<ul class=\"mine\"><li>Incident a</li></ul>"),
        "{b}"
    );
    // The other built-in components are still there.
    let causes = read(&out.join("causes/index.html"));
    assert!(causes.contains("No causes recorded yet."), "{causes}");
}

#[test]
fn the_examples_of_the_theme_document_build() {
    let doc = read(&repo().join("docs/theme.md"));
    let kb = tempfile::tempdir().unwrap();
    let mut files = vec![(
        "content/incidents/a.md".to_string(),
        incident("a", "", "## Timeline\n\n- 10:00 — it starts\n"),
    )];
    // Each example that starts with `{# theme/templates/<name> #}` is that file of a KB.
    for example in doc.split("```jinja\n").skip(1) {
        let example = example.split("```").next().unwrap_or_default();
        if let Some((path, text)) = example
            .strip_prefix("{# ")
            .and_then(|e| e.split_once(" #}\n"))
        {
            files.push((path.to_string(), text.to_string()));
        }
    }
    assert_eq!(files.len(), 3, "the two examples and the incident");
    let files: Vec<(&str, &str)> = files
        .iter()
        .map(|(p, t)| (p.as_str(), t.as_str()))
        .collect();
    write_files(kb.path(), &files);
    let out = kb.path().join("public");
    let run = build_in(kb.path(), &out, &[]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let page = read(&out.join("incidents/a/index.html"));
    assert!(
        page.contains("</ol>\n</section>\n<p class=\"note\">"),
        "{page}"
    );
    assert!(read(&out.join("index.html")).contains("<ul class=\"compact\"><li>"));
}

#[test]
fn a_broken_kb_template_is_a_content_error() {
    let kb = tempfile::tempdir().unwrap();
    write_files(
        kb.path(),
        &[
            ("content/incidents/a.md", &incident("a", "", "")),
            (
                "theme/templates/incident.html",
                "{% extends \"builtin/incident.html\" %}{% block content %}{{ oops( }}{% endblock content %}",
            ),
        ],
    );
    let run = build_in(kb.path(), &kb.path().join("public"), &[]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr.contains("theme/templates/incident.html"),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("error[template]"), "{}", run.stderr);
}

fn previous_site(out: &Path) {
    let _ = std::fs::remove_dir_all(out);
    write_files(
        out,
        &[(".hindsight-output", ""), ("index.html", "previous site")],
    );
}

#[test]
fn a_failed_build_leaves_the_previous_output_intact() {
    let kb = tempfile::tempdir().unwrap();
    write_files(
        kb.path(),
        &[(
            "content/incidents/a.md",
            &incident("a", "", "See [[2024-01-01-nope]].\n"),
        )],
    );
    let out = kb.path().join("public");
    previous_site(&out);
    let run = build_in(kb.path(), &out, &[]);
    assert_eq!(run.code, 1);
    assert_eq!(read(&out.join("index.html")), "previous site");
    assert_eq!(files_under(&out), [".hindsight-output", "index.html"]);
    assert!(run.stderr.contains("was left as it was"), "{}", run.stderr);
    let leftovers: Vec<_> = std::fs::read_dir(kb.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with(".public"))
        .collect();
    assert_eq!(
        leftovers,
        [".public.lock"],
        "no staging folder, only the lock file"
    );
}

#[test]
fn a_killed_build_leaves_the_previous_or_the_complete_new_output() {
    let kb = tempfile::tempdir().unwrap();
    let body =
        "## Timeline\n\n- 10:00 — alert fires\n\n```bash\nkubectl rollout undo deploy/api\n```\n"
            .repeat(20);
    for i in 0..1500 {
        write_files(
            kb.path(),
            &[(
                &format!("content/incidents/i{i}.md"),
                &incident(&format!("i{i}"), "tags: [a, b]\n", &body),
            )],
        );
    }
    let out = kb.path().join("public");
    for delay_ms in [30, 120, 400] {
        previous_site(&out);
        let mut child = bin()
            .current_dir(kb.path())
            .args(["build", "--quiet"])
            .spawn()
            .unwrap();
        std::thread::sleep(std::time::Duration::from_millis(delay_ms));
        let _ = child.kill();
        let _ = child.wait();
        let index = read(&out.join("index.html"));
        if index == "previous site" {
            assert_eq!(
                files_under(&out).len(),
                2,
                "killed after {delay_ms} ms: the previous site, unmixed"
            );
        } else {
            assert!(
                out.join("incidents/i1499/index.html").is_file(),
                "a swapped-in site is complete"
            );
        }
        // The next build cleans up after the killed one.
        assert_eq!(build_in(kb.path(), &out, &["--quiet"]).code, 0);
        let names: Vec<_> = std::fs::read_dir(kb.path())
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        assert!(
            !names
                .iter()
                .any(|n| n.starts_with(".public.tmp") || n.starts_with(".public.old")),
            "{names:?}"
        );
    }
}

#[test]
fn dangerous_output_folders_are_refused_and_nothing_is_deleted() {
    let kb = tempfile::tempdir().unwrap();
    write_files(
        kb.path(),
        &[
            ("content/incidents/a.md", &incident("a", "", "")),
            ("notes/keep.txt", "mine"),
        ],
    );
    for output in [".", "..", "content", "content/site", "static/x", "notes"] {
        let run = build_in(kb.path(), &kb.path().join(output), &[]);
        assert_eq!(run.code, 2, "--output {output}: {}", run.stderr);
        assert!(run.stderr.starts_with("error: refusing"), "{}", run.stderr);
    }
    assert_eq!(read(&kb.path().join("notes/keep.txt")), "mine");
    assert!(kb.path().join("content/incidents/a.md").is_file());
}

#[test]
fn raw_html_is_sanitized_by_default_and_refused_when_denied() {
    let kb = tempfile::tempdir().unwrap();
    let body = "<div class=\"note\" onclick=\"steal()\">kept <script>alert(1)</script></div>\n\n<!-- a comment is fine -->\n";
    write_files(
        kb.path(),
        &[("content/incidents/a.md", &incident("a", "", body))],
    );
    let out = kb.path().join("public");
    assert_eq!(build_in(kb.path(), &out, &[]).code, 0);
    let page = read(&out.join("incidents/a/index.html"));
    assert!(page.contains("kept"));
    assert!(!page.contains("<script>alert"), "scripts are removed");
    assert!(!page.contains("onclick"), "event handlers are removed");
    write_files(
        kb.path(),
        &[("hindsight.toml", "[markdown]\nraw_html = \"deny\"\n")],
    );
    let run = build_in(kb.path(), &out, &[]);
    assert_eq!(run.code, 1);
    assert!(
        run.stderr
            .contains("content/incidents/a.md:12:1: error[raw-html]"),
        "{}",
        run.stderr
    );
    assert_eq!(
        run.stderr.matches("error[raw-html]").count(),
        1,
        "comments are allowed: {}",
        run.stderr
    );
}

#[test]
fn scrolling_boxes_are_focusable_and_task_boxes_are_named_with_and_without_raw_html() {
    // axe-core: a box that scrolls must be reachable from the keyboard
    // (scrollable-region-focusable), and a form field needs a name (label).
    let body = "| a | b |\n|---|---|\n| 1 | 2 |\n\n```json\n{\"k\": 1}\n```\n\n    indented\n\n- [x] done\n- [ ] to do\n";
    for extra in [
        "",
        "\n<div class=\"note\">raw HTML, so the body is sanitized</div>\n",
    ] {
        let kb = tempfile::tempdir().unwrap();
        let text = incident("a", "", &format!("## Notes\n\n{body}{extra}"));
        write_files(kb.path(), &[("content/incidents/a.md", &text)]);
        let out = kb.path().join("public");
        assert_eq!(build_in(kb.path(), &out, &[]).code, 0);
        let page = read(&out.join("incidents/a/index.html"));
        assert!(
            page.contains(r#"<div class="table-scroll" tabindex="0"><table>"#),
            "{page}"
        );
        assert_eq!(page.matches(r#"<pre class="code"#).count(), 2, "{page}");
        assert_eq!(page.matches(r#"tabindex="0" data-lang="json""#).count(), 1);
        assert!(
            page.contains(r#"<pre class="code" tabindex="0"><code>indented"#),
            "{page}"
        );
        assert_eq!(page.matches(r#"aria-label="Done""#).count(), 2, "{page}");
        assert_eq!(page.matches(r#"type="checkbox""#).count(), 2, "{page}");
    }
}

#[test]
fn forty_broken_files_give_forty_errors_at_once() {
    let kb = tempfile::tempdir().unwrap();
    for i in 0..40 {
        write_files(
            kb.path(),
            &[(
                &format!("content/incidents/b{i:02}.md"),
                &format!(
                    "---\ntitle: Broken {i}\nseverity: SEV9\nstarted: 2024-03-01T10:00:00Z\n---\n"
                ),
            )],
        );
    }
    let run = build_in(kb.path(), &kb.path().join("public"), &[]);
    assert_eq!(run.code, 1);
    assert_eq!(
        run.stderr.matches("error[unknown-severity]").count(),
        40,
        "{}",
        run.stderr
    );
    assert!(
        run.stderr
            .contains("content/incidents/b00.md:3:11: error[unknown-severity]"),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("the build found 40 errors"));
}

#[test]
fn sub_path_base_url_prefixes_every_link() {
    let out = &demo_site().out;
    assert_eq!(demo_site().run.code, 0);
    let home = read(&out.join("index.html"));
    assert!(home.contains("href=\"/docs/kb/incidents/\""));
    assert!(!home.contains("href=\"/incidents/"));
}

#[test]
fn related_incidents_are_ranked_by_shared_causes() {
    let kb = tempfile::tempdir().unwrap();
    let cause =
        |id: &str| format!("  - id: {id}\n    category: process\n    text: The {id} cause.\n");
    write_files(
        kb.path(),
        &[
            (
                "content/incidents/a.md",
                &incident(
                    "a",
                    &format!("services: [api]\ncauses:\n{}{}", cause("x"), cause("y")),
                    "",
                ),
            ),
            (
                "content/incidents/b.md",
                &incident(
                    "b",
                    &format!("services: [api]\ncauses:\n{}", cause("x")),
                    "",
                ),
            ),
            (
                "content/incidents/c.md",
                &incident("c", &format!("causes:\n{}{}", cause("x"), cause("y")), ""),
            ),
            (
                "content/incidents/d.md",
                &incident("d", "services: [api]\n", ""),
            ),
            (
                "content/incidents/e.md",
                &incident("e", "services: [web]\n", ""),
            ),
        ],
    );
    let out = kb.path().join("public");
    assert_eq!(build_in(kb.path(), &out, &[]).code, 0);
    let page = read(&out.join("incidents/a/index.html"));
    let similar = &page[page.find("Similar incidents").unwrap()..];
    let pos = |id: &str| {
        similar
            .find(&format!("/incidents/{id}/"))
            .unwrap_or(usize::MAX)
    };
    assert!(pos("c") < pos("b"), "two shared causes rank above one");
    assert!(
        pos("b") < pos("d"),
        "a shared cause ranks above a shared service"
    );
    assert_eq!(pos("e"), usize::MAX, "nothing shared, not related");
}

#[test]
fn analysis_pages_show_follow_ups_recurrence_metrics_and_timelines() {
    let out = &demo_site().out;
    assert_eq!(demo_site().run.code, 0);
    // Follow-ups: overdue items first, the most overdue at the top, measured against --today.
    let follow = read(&out.join("follow-ups/index.html"));
    let first = follow
        .find("days overdue")
        .expect("overdue items are listed");
    assert!(
        follow[first - 40..first].contains("601"),
        "the most overdue first"
    );
    assert!(follow.contains("overdue on 2026-11-22"));
    // The signal: personal admin accounts were fixed in 2017 and came back in 2022.
    let cause = read(&out.join("causes/personal-admin-accounts/index.html"));
    let back = &cause[cause.find("It came back after a fix").unwrap()..];
    assert!(back.contains("2017-04-20"), "the completed date");
    assert!(back.contains("/docs/kb/incidents/2022-05-10-instagram-token-revoked/"));
    // Metrics: the LinkedIn incident's 39 minutes are among the 2017 figures.
    let metrics = read(&out.join("metrics/index.html"));
    assert!(metrics.contains("Time to detect") && metrics.contains("2017-Q2"));
    // The incident page draws its timeline with elapsed times and the milestones marked.
    let page = read(&out.join("incidents/2017-04-06-linkedin-app/index.html"));
    assert!(page.contains("<ol class=\"timeline\">"));
    assert!(page.contains("<li class=\"tl-event tl-resolved\"><time datetime=\"2017-04-07T02:09:00Z\">19:09</time> <span class=\"tl-elapsed\">T+39m</span>"));
    assert!(page.contains("checklist 9/9"));
    let completeness = read(&out.join("completeness/index.html"));
    assert!(completeness.contains("of 19 write-ups have every item"));
}

#[test]
fn an_incident_without_timeline_or_causes_degrades_cleanly() {
    let kb = tempfile::tempdir().unwrap();
    write_files(
        kb.path(),
        &[(
            "content/incidents/bare.md",
            "---\ntitle: A short note\nseverity: SEV4\nstarted: 2024-03-01T10:00:00Z\n---\n\nOnly a paragraph.\n",
        )],
    );
    let out = kb.path().join("public");
    let run = build_in(kb.path(), &out, &[]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let page = read(&out.join("incidents/bare/index.html"));
    assert!(page.contains("<h1>A short note</h1>"));
    assert!(!page.contains("<svg xmlns"), "no empty diagrams");
    assert!(!page.contains("class=\"timeline\""), "no empty timeline");
    assert!(!page.contains("hs-causes"), "no empty causes section");
    assert!(
        page.contains("checklist 0/9"),
        "the badge says what is missing"
    );
    let metrics = read(&out.join("metrics/index.html"));
    assert!(metrics.contains("<h1>Metrics</h1>"));
    let empty = tempfile::tempdir().unwrap();
    write_files(
        empty.path(),
        &[(
            "content/pages/about.md",
            "---\ntitle: About\n---\n\nNo incidents yet.\n",
        )],
    );
    let run = build_in(empty.path(), &empty.path().join("public"), &[]);
    assert_eq!(run.code, 0, "a KB with no incidents builds: {}", run.stderr);
    assert!(read(&empty.path().join("public/metrics/index.html")).contains("<h1>Metrics</h1>"));
}

/// Every file under `a` and `b`, which must be the same files with the same bytes.
fn assert_same_site(a: &Path, b: &Path, what: &str) {
    let files = files_under(a);
    assert_eq!(files, files_under(b), "{what}: the same files");
    for f in &files {
        assert!(
            std::fs::read(a.join(f)).unwrap() == std::fs::read(b.join(f)).unwrap(),
            "{what}: {f} differs"
        );
    }
}

#[test]
fn the_same_kb_builds_to_the_same_bytes() {
    // The search index is laid out differently on every fresh build (tantivy's indexing
    // threads and segment order), and tantivy's MoreLikeThis picks among equal words in hash
    // order: neither may show in the site, or two CI builds of one commit would differ in
    // every page (they all name the search manifest by its hash).
    let kb = demo_copy();
    let root = kb.path();
    let build = |out: &str| {
        let run = build_in(root, &root.join(out), &["--quiet", "--today", "2026-11-22"]);
        assert_eq!(run.code, 0, "{}", run.stderr);
    };
    build("first");
    build("same-index");
    std::fs::remove_dir_all(root.join(".hindsight")).unwrap();
    build("fresh-index");
    assert_same_site(&root.join("first"), &root.join("same-index"), "same index");
    assert_same_site(
        &root.join("first"),
        &root.join("fresh-index"),
        "fresh index",
    );
}

#[test]
fn counts_read_as_words_and_empty_values_get_no_chip() {
    let kb = tempfile::tempdir().unwrap();
    write_files(
        kb.path(),
        &[
            ("hindsight.toml", "title = \"One\"\n"),
            (
                "content/incidents/one.md",
                &incident(
                    "one",
                    "causes:\n  - id: pool-exhausted\n    category: tools\n    text: The pool ran out.\n",
                    "",
                ),
            ),
        ],
    );
    let out = kb.path().join("public");
    let run = build_in(kb.path(), &out, &[]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let categories = read(&out.join("categories/index.html"));
    assert!(categories.contains("1 cause · 1 mention"), "{categories}");
    assert!(!categories.contains("1 causes") && !categories.contains("1 mentions"));
    let home = read(&out.join("index.html"));
    assert!(home.contains("All 1 incident →"), "{home}");
    // The incident is SEV2: the other severities get no chip with a count of 0.
    assert!(
        home.contains(">SEV2 <span class=\"count\">1</span>"),
        "{home}"
    );
    assert!(!home.contains("<span class=\"count\">0</span>"), "{home}");
    let causes = read(&out.join("causes/index.html"));
    assert!(
        !causes.contains("<span class=\"count\">0</span>"),
        "{causes}"
    );
}

#[test]
fn completeness_groups_write_ups_by_what_they_miss_and_reads_subheadings() {
    let kb = tempfile::tempdir().unwrap();
    // The Google template's "What went well" under "Lessons learned", with a question mark.
    let google = "## Lessons learned\n\n### What went well?\n\n- The alert fired.\n\n### What went wrong\n\n- Slow rollback.\n";
    write_files(
        kb.path(),
        &[
            ("hindsight.toml", "title = \"Gaps\"\n"),
            ("content/incidents/a.md", &incident("a", "", google)),
            ("content/incidents/b.md", &incident("b", "", "")),
        ],
    );
    let out = kb.path().join("public");
    assert_eq!(build_in(kb.path(), &out, &[]).code, 0);
    let page = read(&out.join("completeness/index.html"));
    assert!(
        page.contains("<h2 id=\"missing\">What is missing</h2>"),
        "{page}"
    );
    assert!(
        page.contains("<strong>What went well</strong>: missing in 1 of 2 write-ups</summary>"),
        "a's subheading counts, b lacks it: {page}"
    );
    assert!(
        page.contains("<strong>Timeline</strong>: missing in 2 of 2 write-ups</summary>"),
        "{page}"
    );
}

#[test]
fn an_incident_page_answers_first_causes_that_came_back_follow_ups_and_the_most_alike() {
    let out = &demo_site().out;
    let page = read(&out.join("incidents/2017-04-06-linkedin-app/index.html"));
    let answer = page
        .split("<section class=\"answer\"")
        .nth(1)
        .and_then(|rest| rest.split("</section>").next())
        .expect("an answer panel");
    // It comes before the body.
    assert!(page.find("class=\"answer\"") < page.find("class=\"prose\""));
    assert!(answer.contains(">Personal developer accounts could administer the production LinkedIn app.</a> <span class=\"recurs\">seen in 2 incidents</span>"), "{answer}");
    assert!(
        answer.contains("<dt>Came back after a fix</dt>"),
        "{answer}"
    );
    assert!(
        answer.contains("No synthetic monitoring</a>: 4 fixes were marked done before"),
        "{answer}"
    );
    assert!(
        answer.contains("<a href=\"#hs-actions\">0 open</a>, 5 done"),
        "{answer}"
    );
    let alike = answer
        .split("<dt>Most like it</dt>")
        .nth(1)
        .expect("most alike");
    assert_eq!(alike.matches("<li>").count(), 3, "three alike: {alike}");
    assert!(
        answer.contains("2022-05-10 · named by the authors"),
        "{answer}"
    );
}

/// A build drops, as it reads each post-mortem, what only the lint reads again (each section's
/// list items but the timeline's and the five whys', paragraphs, tables and labels: see
/// `LoadOptions::lean`); every incident page must be the one a KB loaded in full draws.
#[test]
fn a_lean_load_draws_every_incident_page_as_a_full_load_does() {
    let kb_dir = demo_copy();
    let root = kb_dir.path().canonicalize().unwrap();
    let out = root.join("out");
    let built = hindsight::build::build_keeping(&in_process_build(&root), &mut |_| Ok(())).unwrap();
    let (lean, render) = (built.kb.unwrap(), built.render.unwrap());
    let (full, _) = hindsight::model::load_kb(&root, ".", false, &mut Vec::new());
    let mut full = full.unwrap();
    assert_eq!(full.incidents.len(), lean.incidents.len());
    // Related incidents by text come from the search index, which the build made.
    for (f, l) in full.incidents.iter_mut().zip(&lean.incidents) {
        f.similar = l.similar.clone();
    }
    let drawn = tempfile::tempdir().unwrap();
    let sink = hindsight::write::DirSink(drawn.path().to_path_buf());
    let mut read_back = 0;
    for (i, inc) in full.incidents.iter().enumerate() {
        hindsight::render::render_incident(&full, &root, ".", &render, &sink, i).unwrap();
        let path = format!("incidents/{}/index.html", inc.doc.id);
        let page = read(&drawn.path().join(&path));
        read_back += usize::from(page.contains("Read it back up"));
        assert_eq!(
            page,
            read(&out.join(&path)),
            "{path}: lean and full loads differ"
        );
    }
    assert!(read_back > 0, "no demo page reads its five whys back up");
}

/// A KB of one post-mortem, as `init` makes it: counts of one are singular, counts of none are
/// left out, and a severity no incident has is not listed.
#[test]
fn a_new_kb_says_one_incident_and_lists_no_empty_severity() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    let init = bin().current_dir(root).arg("init").output().unwrap();
    assert!(init.status.success(), "{init:?}");
    let out = root.join("site");
    let run = build_in(root, &out, &[]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let home = read(&out.join("index.html"));
    for bad in [
        "1</strong> <span>incidents",
        "1</strong> <span>years",
        "0</strong>",
    ] {
        assert!(!home.contains(bad), "{bad} on the home page");
    }
    assert!(home.contains("1</strong> <span>incident</span>"), "{home}");
    let archive = read(&out.join("incidents/index.html"));
    assert!(archive.contains("1 post-mortem, newest first"), "{archive}");
    let severities = read(&out.join("severities/index.html"));
    assert!(
        severities.contains("Incidents by severity."),
        "{severities}"
    );
    assert!(
        !severities.contains("<span class=\"count\">0</span>"),
        "{severities}"
    );
}
