//! `hindsight build --public`: the customer-facing site of the incidents marked `visibility:
//! public`. The leak test builds a KB whose every internal part carries a marker of its own and
//! reads every file of the public site as bytes: no marker may be there, and every public fact
//! must be (so the test fails when the public site is empty or unreadable, too).

use crate::support::*;
use std::path::Path;

const CONFIG: &str = r#"title = "Acme archive"
base_url = "https://kb.acme.internal/"

[lint]
people = ["Qqxperson Qqxsurname"]

[public]
title = "Acme status history"
base_url = "https://status.example.com/history/"
internal_sections = ["Internal notes", "Escalation"]
"#;

const PUBLIC: &str = r#"---
title: Checkout failed qqxpublictitleqqx
visibility: public
severity: SEV2
started: 2024-03-01T10:00:00Z
resolved: 2024-03-01T11:30:00Z
services: [checkout]
tags: [payments]
teams: [qqxteamqqx]
authors: [qqxauthorqqx]
impact: Customers could not pay, qqxpublicimpactqqx.
causes:
  - id: shared-cause
    category: tools
    root: true
    text: The payment client retried without limit qqxpubcauseqqx.
action_items:
  - text: Bound the retries qqxactionqqx
    owner: qqxownerqqx
    ticket: QQXTICKETQQX-1
    kind: prevent
    status: done
    due: 2024-04-01
    completed: 2024-03-20
related: [int-two]
---

## Summary

Checkout failed for ninety minutes qqxpublicfactqqx.<!-- internal --> qqxsnippetqqx <!-- /internal -->

## Timeline

- 10:00 — Errors begin.
- 10:20 — Qqxperson Qqxsurname rolls the payment client back.
- 11:30 — Resolved.

## What went wrong

The retry loop had no bound. See [[int-one]] and [the earlier one](int-one.md) and the
dashboard at https://grafana.acme.internal/d/qqxdashboardqqx for the graphs.

```internal
The on-call notes say qqxblockqqx.
```

## Lessons learned

- Bound every retry qqxlessonqqx.

## Internal notes

qqxsectionqqx: the vendor contract is up for renewal.

### Escalation details

qqxsubsectionqqx
"#;

/// An internal incident the public one links to, and that links back.
const INTERNAL_LINKED: &str = r#"---
title: Earlier outage qqxinternaltitleqqx
severity: SEV1
started: 2024-01-05T10:00:00Z
resolved: 2024-01-05T11:00:00Z
services: [checkout]
tags: [payments]
causes:
  - id: shared-cause
    category: tools
    root: true
    text: The same retries qqxinternalcauseqqx.
---

## Summary

qqxinternalbodyqqx. It came back in [[pub-one]].
"#;

/// An internal incident alike the public one: it would be related or similar.
const INTERNAL_ALIKE: &str = r#"---
title: Checkout failed again qqxalikeqqx
severity: SEV2
started: 2024-05-01T10:00:00Z
resolved: 2024-05-01T11:30:00Z
services: [checkout]
tags: [payments]
causes:
  - id: shared-cause
    category: tools
    root: true
    text: The payment client retried without limit qqxalikecauseqqx.
related: [pub-one]
---

## Summary

Checkout failed for ninety minutes qqxalikebodyqqx, as in [[pub-one]].
"#;

/// What must never reach the public site.
const INTERNAL_MARKERS: &[&str] = &[
    "qqxteamqqx",
    "qqxauthorqqx",
    "qqxownerqqx",
    "qqxticketqqx",
    "qqxsnippetqqx",
    "qqxblockqqx",
    "qqxsectionqqx",
    "qqxsubsectionqqx",
    "qqxperson",
    "qqxsurname",
    "qqxinternaltitleqqx",
    "qqxinternalcauseqqx",
    "qqxinternalbodyqqx",
    "qqxalikeqqx",
    "qqxalikecauseqqx",
    "qqxalikebodyqqx",
    "qqxcausedocqqx",
    "qqxservicedocqqx",
    "qqxpageqqx",
    "qqxlistqqx",
    "kb.acme.internal",
    "int-one",
    "int-two",
];

/// What the public site must say.
const PUBLIC_FACTS: &[&str] = &[
    "qqxpublictitleqqx",
    "qqxpublicimpactqqx",
    "qqxpublicfactqqx",
    "qqxpubcauseqqx",
    "qqxactionqqx",
    "qqxlessonqqx",
];

fn leak_kb() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    write_files(
        dir.path(),
        &[
            ("hindsight.toml", CONFIG),
            ("content/incidents/pub-one.md", PUBLIC),
            ("content/incidents/int-one.md", INTERNAL_LINKED),
            ("content/incidents/int-two.md", INTERNAL_ALIKE),
            (
                "content/causes/shared-cause.md",
                "---\ntitle: Unbounded retries\n---\n\nqqxcausedocqqx\n",
            ),
            (
                "content/services/checkout.md",
                "---\ntitle: Checkout\n---\n\nqqxservicedocqqx\n",
            ),
            (
                "content/pages/about.md",
                "---\ntitle: About\n---\n\nqqxpageqqx, see [[pub-one]].\n",
            ),
            (
                "content/reading-lists/start.md",
                "---\ntitle: Start here qqxlistqqx\nincidents: [pub-one, int-one]\n---\n\nRead these.\n",
            ),
        ],
    );
    dir
}

/// Every file under `dir` with its bytes, lowercased.
/// Every file's bytes, lowercased; the search files stored deflated (vocabulary, postings,
/// positions, cards) inflated first, so that what they hold is checked too.
fn every_file(dir: &Path) -> Vec<(String, Vec<u8>)> {
    files_under(dir)
        .into_iter()
        .map(|f| {
            let mut bytes = std::fs::read(dir.join(&f)).unwrap();
            let deflated = [
                "search/v/",
                "search/p/",
                "search/q/",
                "search/d/",
                "search/c/",
            ];
            if deflated.iter().any(|d| f.starts_with(d)) {
                use std::io::Read;
                let mut inflated = Vec::new();
                flate2::read::ZlibDecoder::new(bytes.as_slice())
                    .read_to_end(&mut inflated)
                    .unwrap_or_else(|e| panic!("{f} is not deflated: {e}"));
                bytes = inflated;
            }
            (f, bytes.to_ascii_lowercase())
        })
        .collect()
}

fn contains(hay: &[u8], needle: &str) -> bool {
    let n = needle.to_ascii_lowercase().into_bytes();
    hay.windows(n.len()).any(|w| w == n.as_slice())
}

fn build_public(root: &Path, out: &Path) -> Run {
    build_in(root, out, &["--public", "--today", "2026-12-04"])
}

#[test]
fn nothing_internal_reaches_any_file_of_the_public_site() {
    let kb = leak_kb();
    let out = kb.path().join("public-site");
    let run = build_public(kb.path(), &out);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stderr.contains("for 1 incident in"), "{}", run.stderr);
    let files = every_file(&out);
    for (path, bytes) in &files {
        for m in INTERNAL_MARKERS {
            assert!(!contains(bytes, m), "`{m}` leaked into {path}");
        }
    }
    // The public facts are there: in the page, the feeds and the search files.
    let text_of = |name: &str| {
        &files
            .iter()
            .find(|(p, _)| p == name)
            .unwrap_or_else(|| {
                panic!(
                    "no {name} in {:?}",
                    files.iter().map(|f| &f.0).collect::<Vec<_>>()
                )
            })
            .1
    };
    let page = text_of("incidents/pub-one/index.html");
    for f in PUBLIC_FACTS {
        assert!(contains(page, f), "{f} missing from the incident page");
    }
    for name in ["atom.xml", "feed.json", "index.html", "sitemap.xml"] {
        assert!(
            contains(text_of(name), "pub-one"),
            "{name} lists the incident"
        );
    }
    let search: Vec<&(String, Vec<u8>)> = files
        .iter()
        .filter(|(p, _)| p.starts_with("search/"))
        .collect();
    assert!(
        search.iter().any(|(_, b)| contains(b, "qqxpublicfactqqx")),
        "the search files hold the public words"
    );
    // Times in UTC without script, with the instant for the reader's zone.
    assert!(contains(page, "2024-03-01 10:00 utc"));
    assert!(contains(
        page,
        "datetime=\"2024-03-01t10:00:00z\" data-local"
    ));
    assert!(contains(page, "1 h 30 min"), "the duration");
    // Links to internal incidents are plain text.
    assert!(contains(page, "class=\"link-absent\""));
    // No internal page kinds.
    for f in files.iter().map(|f| f.0.as_str()) {
        for internal in [
            "follow-ups/",
            "metrics/",
            "causes/",
            "teams/",
            "completeness/",
            "reading-lists/",
            "incidents.ndjson",
            "incidents.json",
        ] {
            assert!(!f.starts_with(internal), "{f} in the public site");
        }
    }
}

#[test]
fn the_internal_site_shows_the_internal_parts_the_public_one_removes() {
    // Each marker that the public site must not have is in the internal site: the leak test
    // above would fail if the public build kept them.
    let kb = leak_kb();
    let out = kb.path().join("public");
    let run = build_in(kb.path(), &out, &["--today", "2026-12-04"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let files = every_file(&out);
    for m in INTERNAL_MARKERS {
        if *m == "kb.acme.internal" {
            continue;
        }
        assert!(
            files.iter().any(|(_, b)| contains(b, m)),
            "`{m}` is not in the internal site: the leak test could not catch it"
        );
    }
    let page = read(&out.join("incidents/pub-one/index.html"));
    assert!(
        page.contains("<p class=\"markdown-alert-title\">Internal</p>\n<p>The on-call notes say qqxblockqqx.</p>"),
        "an internal block renders as Markdown in a box marked Internal"
    );
}

#[test]
fn the_json_feed_is_json_feed_1_1() {
    let kb = leak_kb();
    let out = kb.path().join("public-site");
    assert_eq!(build_public(kb.path(), &out).code, 0);
    let feed: serde_json::Value = serde_json::from_str(&read(&out.join("feed.json"))).unwrap();
    assert_eq!(feed["version"], "https://jsonfeed.org/version/1.1");
    assert_eq!(feed["title"], "Acme status history");
    assert_eq!(
        feed["feed_url"],
        "https://status.example.com/history/feed.json"
    );
    let item = &feed["items"][0];
    assert_eq!(
        item["url"],
        "https://status.example.com/history/incidents/pub-one/"
    );
    assert_eq!(item["date_published"], "2024-03-01T10:00:00+00:00");
    assert_eq!(item["_incident"]["resolved"], "2024-03-01T11:30:00+00:00");
    assert_eq!(item["_incident"]["duration_minutes"], 90);
    assert_eq!(feed["items"].as_array().unwrap().len(), 1);
}

#[test]
fn the_public_site_goes_to_its_own_folder_with_the_staged_swap() {
    let kb = leak_kb();
    let run = bin()
        .current_dir(kb.path())
        .args(["build", "--public", "--today", "2026-12-04"])
        .output()
        .unwrap();
    assert!(
        run.status.success(),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    let out = kb.path().join("public-site");
    assert!(
        out.join(".hindsight-output").is_file(),
        "written as build writes"
    );
    assert!(out.join("index.html").is_file());
    assert!(
        !kb.path().join("public").exists(),
        "the internal site is not built"
    );
}

#[test]
fn with_no_public_incident_the_public_site_says_so() {
    let kb = leak_kb();
    let text =
        read(&kb.path().join("content/incidents/pub-one.md")).replace("visibility: public\n", "");
    std::fs::write(kb.path().join("content/incidents/pub-one.md"), text).unwrap();
    let out = kb.path().join("public-site");
    assert_eq!(build_public(kb.path(), &out).code, 0);
    let home = read(&out.join("index.html"));
    assert!(home.contains("No post-mortems are published yet."));
    for (path, bytes) in every_file(&out) {
        assert!(!contains(&bytes, "qqxpublictitleqqx"), "{path}");
    }
}

#[test]
fn public_as_the_configured_default_publishes_every_incident() {
    let kb = leak_kb();
    let config = format!("{CONFIG}visibility = \"public\"\n");
    std::fs::write(kb.path().join("hindsight.toml"), config).unwrap();
    let out = kb.path().join("public-site");
    let run = build_public(kb.path(), &out);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stderr.contains("for 3 incidents"), "{}", run.stderr);
}

#[test]
fn an_unknown_visibility_is_an_error_at_its_line() {
    let kb = leak_kb();
    let text = read(&kb.path().join("content/incidents/pub-one.md"))
        .replace("visibility: public", "visibility: publik");
    std::fs::write(kb.path().join("content/incidents/pub-one.md"), text).unwrap();
    let run = build_public(kb.path(), &kb.path().join("public-site"));
    assert_eq!(run.code, 1);
    assert!(
        run.stderr
            .contains("content/incidents/pub-one.md:3:13: error[unknown-visibility]"),
        "{}",
        run.stderr
    );
}

#[test]
fn an_incident_made_internal_again_leaves_no_trace_in_the_next_public_build() {
    // The public search index is kept between builds: what it held of an incident that is no
    // longer public must not reach the next site (its shards, its vocabulary).
    let kb = leak_kb();
    let out = kb.path().join("public-site");
    assert_eq!(build_public(kb.path(), &out).code, 0);
    let path = kb.path().join("content/incidents/pub-one.md");
    let text = read(&path).replace("visibility: public\n", "");
    std::fs::write(&path, text).unwrap();
    let other = kb.path().join("content/incidents/int-two.md");
    let text = read(&other).replace("severity: SEV2\n", "visibility: public\nseverity: SEV2\n");
    std::fs::write(&other, text).unwrap();
    let run = build_public(kb.path(), &out);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let files = every_file(&out);
    assert!(
        files.iter().any(|(_, b)| contains(b, "qqxalikebodyqqx")),
        "the newly public incident is there"
    );
    for (path, bytes) in &files {
        for m in PUBLIC_FACTS {
            assert!(
                !contains(bytes, m),
                "`{m}` of the now internal incident in {path}"
            );
        }
    }
}

#[test]
fn an_internal_block_inside_an_internal_block_is_shown_as_code() {
    // One level of "Internal" boxes: deeper fences are code, so hostile nesting cannot make
    // rendering recurse.
    let kb = tempfile::tempdir().unwrap();
    let body = "`````internal\nOuter qqxouterqqx.\n\n````internal\nInner qqxinnerqqx.\n````\n`````\n\nKept.\n";
    write_files(
        kb.path(),
        &[(
            "content/incidents/nested.md",
            &incident("nested", "visibility: public\n", body),
        )],
    );
    let out = kb.path().join("public");
    assert_eq!(build_in(kb.path(), &out, &[]).code, 0);
    let page = read(&out.join("incidents/nested/index.html"));
    assert_eq!(
        page.matches("<p class=\"markdown-alert-title\">Internal</p>")
            .count(),
        1
    );
    assert!(page.contains("<p>Outer qqxouterqqx.</p>"), "{page}");
    assert!(page.contains("<pre"), "the inner block is code");
    let public = kb.path().join("public-site");
    assert_eq!(build_public(kb.path(), &public).code, 0);
    for (path, bytes) in every_file(&public) {
        assert!(
            !contains(&bytes, "qqxouterqqx") && !contains(&bytes, "qqxinnerqqx"),
            "{path}"
        );
    }
}

/// Post-mortems written as teams import them: internal parts where a public build must still
/// find them (a span inside an action item, tickets and owners in an item's text, action
/// items under a `###` heading or a label, a numbered or decorated internal heading, an
/// `<h2>` one, authors in the body, a person's name in the file's name, spans in front-matter
/// values).
#[test]
fn internal_parts_written_the_ways_imported_files_write_them_stay_out() {
    let fm = |title: &str, extra: &str| {
        format!(
            "---\ntitle: {title}\nseverity: SEV2\nstarted: 2024-05-01T10:00:00Z\nresolved: 2024-05-01T11:00:00Z\nvisibility: public\n{extra}---\n\n## Root cause\n\nA bad deploy qqxpubfactqqx.\n\n"
        )
    };
    let dir = tempfile::tempdir().unwrap();
    let files = [
        (
            "content/incidents/2024-05-01-span.md",
            fm("Span in an item", "")
                + "## Action items\n\n- Rotate the key <!-- internal -->in qqxspanqqx path<!-- /internal --> for the service\n",
        ),
        (
            "content/incidents/2024-05-02-tickets.md",
            fm("Tickets in items", "")
                + "## Action items\n\n- Add an alert for the queue QQXT-1001\n- Add a lint [QQXT-1002](https://jira.example.com/browse/QQXT-1002)\n- **Action Item**: Validate inputs [Priority: High] OWNER: qqxowneraqqx (DONE) QQXT-1009\n- Move the cron (owner: qqxownerbqqx, QQXT-1008)\n",
        ),
        (
            "content/incidents/2024-05-03-deeper.md",
            fm("Actions under a third-level heading", "")
                + "## Follow-through\n\n### Action items\n\n| Action | Owner | Ticket |\n|---|---|---|\n| Add the index | dana | QQXT-2001 |\n\n**Follow-ups:**\n\n- Page the on-call engineer QQXT-3001\n",
        ),
        (
            "content/incidents/2024-05-04-numbered.md",
            fm("Numbered internal notes", "")
                + "## 2. Internal notes\n\nThe vendor case is qqxnumberedqqx.\n\n## 🔒 Internal notes (do not share)\n\nqqxemojiqqx\n\n<h2>Internal notes</h2>\n\nqqxhtmlqqx\n\n**Internal notes**:\n\nqqxlabelnotesqqx\n\n**Internal notes:**\n\nqqxlabelnotes2qqx\n\n## Lessons\n\nKept qqxpublessonqqx.\n",
        ),
        (
            "content/incidents/2024-05-05 Zed Qqxperson pushed the flag.md",
            "---\nseverity: SEV2\nstarted: 2024-05-05T10:00:00Z\nresolved: 2024-05-05T11:00:00Z\nvisibility: public\n---\n\nCheckout was down; Zed Qqxperson was paged.\n\n## Root cause\n\nA bad flag.\n".to_string(),
        ),
        (
            "content/incidents/2024-05-05 Ann Qqxode pushed the flag.md",
            "---\nseverity: SEV2\nstarted: 2024-05-05T10:00:00Z\nvisibility: public\n---\n\nIt broke.\n".to_string(),
        ),
        (
            "content/incidents/2024-05-08-more.md",
            fm("More shapes", "")
                + "**Impact:** Customers saw errors.  \n**Internal notes:** Vendor case qqxhardqqx.\n\n## Action items\n\nRotate the key <!-- internal -->in vault qqxlineqqx<!-- /internal --> now\nAdd an alert on queue depth\n\n## Internal notes – do not share\n\nqqxdashqqx\n\n## Internal notes 🔒\n\nqqxtrailqqx\n\n<h2>\nInternal&nbsp;notes\n</h2>\n\nqqxsplitqqx\n\n## Lessons\n\nThe on-call engineer, Zed\nQqxperson, and ZED QQXPERSON watched.\n",
        ),
        (
            "content/incidents/2024-05-09-more-tickets.md",
            fm(
                "More tickets",
                "action_items:\n  - text: Add an alert (see qqxt-81)\n    ticket: QQXT-81\n  - text: Add a dashboard, see https://jira.example.com/browse/QQXT-82\n    ticket: QQXT-82\n",
            ) + "## Lessons\n\nKept.\n",
        ),
        (
            "content/incidents/2024-05-06-authors.md",
            fm("Authors twice", "authors: [ana]\n")
                + "**Authors:** Vic Qqxauthorqqx\n\n## Summary\n\nCheckout failed.\n",
        ),
        (
            "content/incidents/2024-05-10-links.md",
            fm("Links by address", "")
                + "## Lessons\n\nAs in [the flag incident](/incidents/2024-05-05-zed-qqxperson-pushed-the-flag/) and [its timeline](https://kb.corp/incidents/2024-05-05-zed-qqxperson-pushed-the-flag/index.html#timeline); [the internal one](/incidents/2024-05-11-qqxinternalidqqx/) too. Jose Qqxnunez and JOSE\u{301} QQXNU\u{303}NEZ were paged.\n",
        ),
        (
            "content/incidents/2024-05-11-qqxinternalidqqx.md",
            "---\ntitle: Internal only\nseverity: SEV3\nstarted: 2024-05-11T10:00:00Z\n---\n\nInternal.\n".to_string(),
        ),
        (
            "content/incidents/2024-05-12-terse.md",
            "---\ntitle: Terse notes\nstarted: 2024-05-12T10:00:00Z\nvisibility: public\n---\n\nTimeline\n2024-05-12 10:00 deploy starts\n2024-05-12 10:05 page: errors\n\nInternal notes\nThe vendor case is qqxterseqqx.\n\nAnd qqxterse2qqx.\n\nFollow-ups\n- [ ] Alert on qqxpubterseqqx errors\n".to_string(),
        ),
        (
            "content/incidents/2024-05-13-logseq.md",
            "---\nvisibility: public\n---\ntitle:: Logseq notes\n\n- Summary\n\t- Checkout failed qqxpublogseqqx.\n- Timeline\n\t- 10:00 deploy\n\t- 10:30 recovered\n- Internal notes\n\t- The vault path is qqxlogseqqx\n\t\t- and qqxlogseq2qqx\n- Action items\n\t- TODO Fix the deploy check\n".to_string(),
        ),
        (
            "content/incidents/2024-05-07-front.md",
            fm(
                "Spans in the front matter",
                "impact: \"Users could not pay <!-- internal -->qqxfmimpactqqx<!-- /internal -->\"\naction_items:\n  - text: \"Rotate <!-- internal -->qqxfmactionqqx<!-- /internal --> keys\"\n",
            ),
        ),
    ];
    let owned: Vec<(&str, String)> = files.iter().map(|(p, t)| (*p, t.clone())).collect();
    let mut all: Vec<(&str, &str)> = owned.iter().map(|(p, t)| (*p, t.as_str())).collect();
    all.push((
        "hindsight.toml",
        "base_url = \"https://kb.corp/\"\n[lint]\npeople = [\"Zed Qqxperson\", \"Ann Qqxode\", \"José Qqxnúñez\"]\n",
    ));
    write_files(dir.path(), &all);
    let out = dir.path().join("public-site");
    let run = build_public(dir.path(), &out);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let files = every_file(&out);
    for (path, bytes) in &files {
        for m in [
            "qqxhardqqx",
            "qqxlineqqx",
            "qqxdashqqx",
            "qqxtrailqqx",
            "qqxsplitqqx",
            "qqxspanqqx",
            "qqxt-",
            "jira.example.com",
            "qqxowneraqqx",
            "qqxownerbqqx",
            "dana",
            "qqxnumberedqqx",
            "qqxemojiqqx",
            "qqxhtmlqqx",
            "qqxlabelnotesqqx",
            "qqxlabelnotes2qqx",
            "qqxperson",
            "qqxode",
            "qqxauthorqqx",
            "qqxfmimpactqqx",
            "qqxfmactionqqx",
            "qqxnunez",
            "qqxnu\u{303}nez",
            "qqxinternalidqqx",
            "qqxterseqqx",
            "qqxterse2qqx",
            "qqxlogseqqx",
            "qqxlogseq2qqx",
        ] {
            assert!(!contains(bytes, m), "`{m}` leaked into {path}");
        }
    }
    let page = |id: &str| {
        let name = format!("incidents/{id}/index.html");
        String::from_utf8(files.iter().find(|(p, _)| *p == name).unwrap().1.clone()).unwrap()
    };
    // What is public stays: the items without their internal parts, the other sections.
    assert!(page("2024-05-01-span").contains("rotate the key for the service"));
    assert!(page("2024-05-02-tickets").contains("add an alert for the queue"));
    assert!(page("2024-05-02-tickets").contains("validate inputs"));
    assert!(page("2024-05-03-deeper").contains("add the index"));
    assert!(page("2024-05-04-numbered").contains("qqxpublessonqqx"));
    let renamed: Vec<&String> = (files.iter().map(|f| &f.0))
        .filter(|p| {
            p.starts_with("incidents/2024-05-05-responder-pushed-the-flag-")
                && p.ends_with("/index.html")
        })
        .collect();
    assert_eq!(
        renamed.len(),
        2,
        "two files that differ by whose name they carry: {renamed:?}"
    );
    // More shapes: an item on a line of its own, a hard-broken label, decorated headings.
    let more = page("2024-05-08-more");
    assert!(more.contains("rotate the key now"), "{more}");
    assert!(more.contains("customers saw errors"));
    let tickets = page("2024-05-09-more-tickets");
    assert!(
        tickets.contains("add an alert") && tickets.contains("add a dashboard"),
        "{tickets}"
    );
    assert!(page("2024-05-07-front").contains("users could not pay"));
    // Terse notes' and an outline's internal sections, the rest of them kept.
    assert!(page("2024-05-12-terse").contains("qqxpubterseqqx"));
    assert!(page("2024-05-13-logseq").contains("qqxpublogseqqx"));
    assert!(page("2024-05-13-logseq").contains("fix the deploy check"));
    // A link written as an incident page's address follows the public id; one to an
    // internal incident is plain text.
    let links = page("2024-05-10-links");
    let public_flag = renamed
        .iter()
        .find(|p| {
            files
                .iter()
                .any(|(f, b)| &f == *p && contains(b, "checkout was down"))
        })
        .unwrap()
        .trim_end_matches("index.html");
    assert!(
        links.contains(&format!("href=\"/{public_flag}\"")),
        "{public_flag} in {links}"
    );
    assert!(links.contains(&format!("href=\"/{public_flag}#timeline\"")));
    assert!(
        links.contains("the internal one too") || links.contains("the internal one</"),
        "{links}"
    );
}

/// What a red-team review found reaching the public site (2026-12-06): internal sections
/// written with a number and an emoji, with words after a colon, as a label in a list or on
/// a plain line, after an emoji, with a dash, in `<details>`, in a wiki export's `<div>`, as
/// an HTML key-facts row, as a table column, through a footnote, in a comment with an extra
/// dash, past a bold line alone; and an internal incident's id through `[[id]]` in the
/// fields read from text (title, impact, summary, cause, action item) and through a pasted
/// address of its page.
#[test]
fn internal_parts_a_red_team_review_found_stay_out() {
    let fm = |id: &str| {
        format!("---\ntitle: Case {id}\nstarted: 2024-06-01T10:00:00Z\nvisibility: public\n---\n")
    };
    let around = |part: &str| {
        format!(
            "## Summary\n\nCheckout failed.\n\n{part}\n\n## Lessons learned\n\nKept qqxkeptqqx.\n"
        )
    };
    let cases: Vec<(&str, String)> = vec![
        ("c01", around("## 3. 🔒 Internal notes\n\nqqxc01qqx vendor case.")),
        ("c02", around("## Internal notes: vendor escalation\n\nqqxc02qqx vendor case.")),
        ("c03", "- **Severity:** SEV2\n- **Internal notes:** qqxc03qqx vendor case\n- **Impact:** checkout down\n\n## Summary\n\nCheckout failed.\n".into()),
        ("c04", "- Summary\n    - Checkout failed.\n- Internal notes:\n    - qqxc04qqx vendor case\n- Lessons\n    - kept\n".into()),
        ("c05", around("<details>\n<summary>Internal notes</summary>\n\nqqxc05qqx vendor case.\n\n</details>")),
        ("c06", around("<div class=\"section\"><h2>Internal notes</h2><p>qqxc06qqx vendor case.</p></div>")),
        ("c07", around("<table>\n<tr><th>Severity</th><td>SEV2</td></tr>\n<tr><th>Internal notes</th><td>qqxc07qqx vendor case</td></tr>\n</table>")),
        ("c08", "Severity: SEV2\nInternal notes: qqxc08qqx vendor case\n\n## Summary\n\nCheckout failed.\n".into()),
        ("c09", around("🔒 **Internal notes:** qqxc09qqx vendor case.")),
        ("c10", around("**Internal notes** — qqxc10qqx vendor case.")),
        ("c11", "## Summary\n\nCheckout failed.\n\n## Timeline\n\n| Time | Event | Internal notes |\n|---|---|---|\n| 10:00 | Alert fired | qqxc11qqx vendor case |\n".into()),
        ("c12", around("## Internal notes\n\nThe vendor[^v] was slow.") + "\n[^v]: qqxc12qqx vendor case.\n"),
        ("c13", "## Summary\n\nCheckout failed <!--- internal --->qqxc13qqx vendor case<!--- /internal --->.\n".into()),
        ("c14", around("**Internal notes:**\n\n**Do not forward.**\n\nqqxc14qqx vendor case.")),
        ("c15", around("<p><strong>Internal notes:</strong> qqxc15qqx vendor case.</p>")),
    ];
    let dir = tempfile::tempdir().unwrap();
    let mut owned: Vec<(String, String)> = cases
        .iter()
        .map(|(id, body)| (format!("content/incidents/{id}.md"), fm(id) + body))
        .collect();
    owned.push((
        "content/incidents/2024-03-01-qqxacmebreachqqx.md".into(),
        "---\ntitle: Vendor breach\nstarted: 2024-03-01T10:00:00Z\n---\nInternal only.\n".into(),
    ));
    owned.push((
        "content/incidents/2024-06-01-links.md".into(),
        "---\nvisibility: public\nstarted: 2024-06-01T10:00:00Z\ncauses:\n  - id: cert\n    category: tools\n    root: true\n    text: The certificate expired, as in [[2024-03-01-qqxacmebreachqqx]]\n---\n# Checkout failed again after [[2024-03-01-qqxacmebreachqqx]]\n\n**Impact:** The customers of [[ 2024-03-01-qqxacmebreachqqx ]] could not pay.\n\n## Summary\n\nCheckout failed, as in [[2024-03-01-qqxacmebreachqqx#timeline]].\n\n## Lessons learned\n\nIt looked like <https://kb.example.com/incidents/2024-03-01-qqxacmebreachqqx/> at first.\n\n## Action items\n\n- [ ] Finish the fix started in [[2024-03-01-qqxacmebreachqqx]]\n".into(),
    ));
    owned.push((
        "hindsight.toml".into(),
        "base_url = \"https://kb.example.com/\"\n".into(),
    ));
    let all: Vec<(&str, &str)> = owned
        .iter()
        .map(|(p, t)| (p.as_str(), t.as_str()))
        .collect();
    write_files(dir.path(), &all);
    let out = dir.path().join("public-site");
    let run = build_public(dir.path(), &out);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let files = every_file(&out);
    for (path, bytes) in &files {
        for (id, _) in &cases {
            let m = format!("qqx{id}qqx");
            assert!(!contains(bytes, &m), "`{m}` leaked into {path}");
        }
        assert!(
            !contains(bytes, "qqxacmebreachqqx"),
            "the internal id leaked into {path}"
        );
    }
    let page = |id: &str| {
        let name = format!("incidents/{id}/index.html");
        String::from_utf8(files.iter().find(|(p, _)| *p == name).unwrap().1.clone()).unwrap()
    };
    // What is public stays.
    for id in [
        "c01", "c02", "c05", "c06", "c07", "c09", "c10", "c12", "c14", "c15",
    ] {
        assert!(page(id).contains("qqxkeptqqx"), "{id} lost its public part");
    }
    assert!(page("c11").contains("alert fired"));
    let links = page("2024-06-01-links");
    assert!(links.contains("another incident"), "{links}");
    assert!(
        links.contains("finish the fix started in another incident"),
        "{links}"
    );
}

/// Names and internal fields the same review found published: authors joined by `&`, an
/// author or owner written with a role or an email, names in Chinese and Japanese against the
/// next word and with a curly apostrophe, a person's name in a service or cause id, and the
/// body's `**Team:**` and `**Ticket:**` lines and a link to the ticket in an item's text.
#[test]
fn names_and_internal_fields_a_red_team_review_found_stay_out() {
    let fm = |id: &str, extra: &str| {
        format!(
            "---\ntitle: Case {id}\nstarted: 2024-06-01T10:00:00Z\nvisibility: public\n{extra}---\n"
        )
    };
    let files = [
        (
            "m1",
            fm("m1", "")
                + "**Authors:** Mia Qqxferreira & Ned Qqxokafor\n\n## Summary\n\nMia Qqxferreira paged Ned Qqxokafor.\n",
        ),
        (
            "m2",
            fm(
                "m2",
                "authors: [\"Bertha Qqxkim (SRE)\"]\naction_items:\n  - text: Add an alert\n    owner: \"Carl Qqxmendes <carl@qqxacme.com>\"\n",
            ) + "## Summary\n\nBertha Qqxkim paged Carl Qqxmendes (carl@qqxacme.com).\n",
        ),
        (
            "m3",
            fm("m3", "")
                + "## Summary\n\n由王伟重启了服务。田中さんが確認しました。Seán O’Qqxbrien restarted it.\n",
        ),
        (
            "m4",
            fm(
                "m4",
                "services: [zed-qqxlee-laptop]\ncauses:\n  - id: zed-qqxlee-typo\n    category: people\n    root: true\n    text: A typo in a config.\n",
            ) + "## Summary\n\nCheckout failed.\n",
        ),
        (
            "t1",
            fm(
                "t1",
                "teams: [payments-sre]\naction_items:\n  - text: Add an alert on checkout errors, tracked in [the ticket](https://jira.qqxacme.com/browse/PAY-4471)\n    ticket: PAY-4471\n",
            ) + "**Team:** qqxsecretteamqqx\n**Ticket:** QQXSECRETT2-99\n\n## Summary\n\nCheckout failed.\n",
        ),
    ];
    let dir = tempfile::tempdir().unwrap();
    let mut owned: Vec<(String, String)> = files
        .iter()
        .map(|(id, text)| (format!("content/incidents/{id}.md"), text.clone()))
        .collect();
    owned.push((
        "hindsight.toml".into(),
        "[lint]\npeople = [\"Zed Qqxlee\", \"王伟\", \"田中\", \"Seán O'Qqxbrien\"]\n".into(),
    ));
    let all: Vec<(&str, &str)> = owned
        .iter()
        .map(|(p, t)| (p.as_str(), t.as_str()))
        .collect();
    write_files(dir.path(), &all);
    let out = dir.path().join("public-site");
    let run = build_public(dir.path(), &out);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let files = every_file(&out);
    for (path, bytes) in &files {
        for m in [
            "qqxferreira",
            "qqxokafor",
            "qqxkim",
            "qqxmendes",
            "qqxacme",
            "王伟",
            "田中",
            "qqxbrien",
            "qqxlee",
            "qqxsecret",
        ] {
            assert!(!contains(bytes, m), "`{m}` leaked into {path}");
        }
    }
    let page = |id: &str| {
        let name = format!("incidents/{id}/index.html");
        String::from_utf8(files.iter().find(|(p, _)| *p == name).unwrap().1.clone()).unwrap()
    };
    assert!(
        page("m1").contains("a responder paged a responder"),
        "{}",
        page("m1")
    );
    assert!(page("t1").contains("add an alert on checkout errors"));
}

/// A second review's bypasses (2026-12-06): the name written with a character reference, two
/// spaces or a tab; nested `<details>`; a column in a quoted table; a label inside one line of
/// HTML; the notes' own labels and minor headings; a footnote label in another case; nested
/// spans; a heading inside a list; an internal id in another case, over lines and in an
/// address or `<a href>`; names behind references, zero-width spaces, tags, an escaped
/// apostrophe or a slash; an internal field's line in any form.
#[test]
fn internal_parts_a_second_review_found_stay_out() {
    let fm = |id: &str, extra: &str| {
        format!(
            "---\ntitle: Case {id}\nstarted: 2024-06-01T10:00:00Z\nvisibility: public\n{extra}---\n"
        )
    };
    let around = |part: &str| {
        format!(
            "## Summary\n\nCheckout failed.\n\n{part}\n\n## Lessons learned\n\nKept qqxkeptqqx.\n"
        )
    };
    let cases: Vec<(&str, String)> = vec![
        ("d01", around("**Internal&#32;notes:** qqxd01qqx vendor.")),
        ("d02", around("## Internal  notes\n\nqqxd02qqx vendor.")),
        ("d03", around("Internal\tnotes: qqxd03qqx vendor.")),
        (
            "d04",
            around(
                "<details><summary>Internal notes</summary>\n\n<details><summary>Logs</summary>\n\nlog line\n\n</details>\n\nqqxd04qqx vendor.\n\n</details>",
            ),
        ),
        (
            "d05",
            around(
                "> | Time | Event | Internal notes |\n> |---|---|---|\n> | 10:00 | Alert | qqxd05qqx vendor |",
            ),
        ),
        (
            "d06",
            around("<p>Public note<br><strong>Internal notes:</strong> qqxd06qqx</p>"),
        ),
        (
            "d07",
            around(
                "**Internal notes:**\n\n**Vendor contact:** qqxd07qqx +1 555 0100\n\n#### Call log\n\nqqxd07bqqx",
            ),
        ),
        (
            "d08",
            around("## Internal notes\n\nsee[^Vend]") + "\n[^VEND]: qqxd08qqx\n",
        ),
        (
            "d09",
            around(
                "Kept <!-- internal -->a<!-- internal -->b<!-- /internal -->qqxd09qqx<!-- /internal -->.",
            ),
        ),
        (
            "d10",
            around("## Internal notes\n\n- ## Vendor\n\nqqxd10qqx vendor."),
        ),
        (
            "d11",
            around(
                "Like [[2024-03-01-QQXSECRETIDQQX-BREACH]] and [[\n2024-03-01-qqxsecretidqqx-breach\n]].",
            ),
        ),
        (
            "d12",
            around(
                "See https://kb.example.com/incidents/2024-03-01-qqxsecretidqqx-breach, and <a href=\"/incidents/2024-03-01-qqxsecretidqqx-breach/\">it</a>.",
            ),
        ),
        (
            "d13",
            around(
                "Z&#101;d&#32;Qqxlee and Zed\u{200b} Qqxlee and Zed <span>Qqxlee</span> and Seán O\\'Qqxbrien paged.",
            ),
        ),
        (
            "d14",
            fm("d14", "")
                + "**Authors:** Mia Qqxferreira / Ned Qqxokafor\n\nTeam: qqxteamqqx\n\n- *Ticket:* qqxticketqqx\n\n## Summary\n\nMia Qqxferreira wrote it.\n",
        ),
    ];
    let dir = tempfile::tempdir().unwrap();
    let mut owned: Vec<(String, String)> = cases
        .iter()
        .map(|(id, body)| {
            let text = if body.starts_with("---") {
                body.clone()
            } else {
                fm(id, "") + body
            };
            (format!("content/incidents/{id}.md"), text)
        })
        .collect();
    owned.push((
        "content/incidents/2024-03-01-qqxsecretidqqx-breach.md".into(),
        "---\ntitle: Vendor breach\nstarted: 2024-03-01T10:00:00Z\n---\nInternal only.\n".into(),
    ));
    owned.push((
        "hindsight.toml".into(),
        "base_url = \"https://kb.example.com/\"\n[lint]\npeople = [\"Zed Qqxlee\", \"Seán O'Qqxbrien\"]\n".into(),
    ));
    let all: Vec<(&str, &str)> = owned
        .iter()
        .map(|(p, t)| (p.as_str(), t.as_str()))
        .collect();
    write_files(dir.path(), &all);
    let out = dir.path().join("public-site");
    let run = build_public(dir.path(), &out);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let files = every_file(&out);
    for (path, bytes) in &files {
        for (id, _) in &cases {
            for m in [format!("qqx{id}qqx"), format!("qqx{id}bqqx")] {
                assert!(!contains(bytes, &m), "`{m}` leaked into {path}");
            }
        }
        for m in [
            "qqxsecretidqqx",
            "qqxlee",
            "qqxbrien",
            "qqxferreira",
            "qqxokafor",
            "qqxteamqqx",
            "qqxticketqqx",
        ] {
            assert!(!contains(bytes, m), "`{m}` leaked into {path}");
        }
    }
    let page = |id: &str| {
        let name = format!("incidents/{id}/index.html");
        String::from_utf8(files.iter().find(|(p, _)| *p == name).unwrap().1.clone()).unwrap()
    };
    for id in [
        "d01", "d02", "d03", "d04", "d05", "d06", "d07", "d08", "d10", "d11", "d12", "d13",
    ] {
        assert!(page(id).contains("qqxkeptqqx"), "{id} lost its public part");
    }
}
