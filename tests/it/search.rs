//! `hindsight search` on a copy of the demo KB: queries with known answers (a phrase, a
//! stemmed form, an exclusion, a field, facet and date filters, a misspelling), incremental
//! index updates, and bad queries that get a clear message, never a panic.

use crate::support::*;
use serde_json::Value;
use std::path::Path;

/// `hindsight search ARGS --json`, and the JSON it printed.
fn search(root: &Path, args: &[&str]) -> (Run, Value) {
    let run = search_text(root, &[args, &["--json"]].concat());
    let json = serde_json::from_str(&run.stdout).unwrap_or(Value::Null);
    (run, json)
}

/// `hindsight search ARGS` as people read it (no `--json`).
fn search_text(root: &Path, args: &[&str]) -> Run {
    bin()
        .current_dir(root)
        .arg("search")
        .args(args)
        .output()
        .unwrap()
        .into()
}

fn ids(v: &Value) -> Vec<String> {
    v["hits"]
        .as_array()
        .unwrap()
        .iter()
        .map(|h| h["id"].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn queries_with_known_answers() {
    let kb = demo_copy();
    let root = kb.path();
    let (_, deploy) = search(root, &["deploy"]);
    assert_eq!(
        ids(&deploy)[0],
        "2019-03-12-cache-stampede",
        "the title match ranks first"
    );
    let (_, stemmed) = search(root, &["deployment"]);
    assert_eq!(
        ids(&stemmed),
        ids(&deploy),
        "deployment and deploy share a stem"
    );
    let (_, phrase) = search(root, &["\"load balancer\""]);
    assert!(ids(&phrase).contains(&"2016-09-13-contact-form-crm-timeout".to_string()));
    assert!(!ids(&phrase).contains(&"2017-04-06-linkedin-app".to_string()));
    let (_, excluded) = search(root, &["deploy -redis"]);
    assert!(
        !ids(&excluded).contains(&"2019-03-12-cache-stampede".to_string()),
        "-redis excludes the cache outage"
    );
    assert_eq!(excluded["total"], 3);
    // An excluded phrase, where tantivy's phrase scorer once tripped a debug assertion.
    let (_, cache) = search(root, &["cache"]);
    for q in [
        "cache -\"cache stampede\"",
        "cache -title:\"cache stampede\"",
    ] {
        let (run, without) = search(root, &[q]);
        assert_eq!(run.code, 0, "{q}: {}", run.stderr);
        assert_eq!(
            without["total"],
            cache["total"].as_u64().unwrap() - 1,
            "{q}"
        );
        assert!(!ids(&without).contains(&"2019-03-12-cache-stampede".to_string()));
    }
    let (_, field) = search(root, &["title:dns"]);
    assert_eq!(ids(&field), ["2018-02-20-api-dns-misconfiguration"]);
    let (_, sev1) = search(root, &["deploy", "--severity", "SEV1"]);
    assert_eq!(ids(&sev1), ["2020-02-11-migration-table-lock"]);
    let (_, year) = search(
        root,
        &[
            "deploy",
            "--since",
            "2019-01-01",
            "--until",
            "2019-12-31",
            "--sort",
            "newest",
        ],
    );
    assert_eq!(ids(&year), ["2019-03-12-cache-stampede"]);
    // Days are the incident's own: 2017-04-06 18:30 -07:00 is on the 6th, not the 7th (UTC).
    let (_, day) = search(
        root,
        &["linkedin", "--since", "2017-04-06", "--until", "2017-04-06"],
    );
    assert_eq!(ids(&day), ["2017-04-06-linkedin-app"]);
    let (_, next) = search(
        root,
        &["linkedin", "--since", "2017-04-07", "--until", "2017-04-07"],
    );
    assert_eq!(next["total"], 0);
    let (_, typo) = search(root, &["certficate"]);
    assert_eq!(
        typo["fuzzy"], true,
        "a misspelling falls back to fuzzy words"
    );
    assert_eq!(ids(&typo), ["2023-10-02-webhook-cert-expiry"]);
    let (_, linkedin) = search(root, &["linkedin", "--cause", "personal-admin-accounts"]);
    assert_eq!(
        ids(&linkedin),
        [
            "2017-04-06-linkedin-app",
            "2022-05-10-instagram-token-revoked"
        ]
    );
}

#[test]
fn filters_in_the_query_narrow_exclude_and_list_on_their_own() {
    let kb = demo_copy();
    let root = kb.path();
    let (_, flag) = search(root, &["deploy", "--severity", "SEV1"]);
    let (_, inline) = search(root, &["deploy severity:SEV1"]);
    assert_eq!(ids(&inline), ids(&flag), "severity:SEV1 is --severity SEV1");
    let (_, any_case) = search(root, &["deploy", "--severity", "sev1"]);
    assert_eq!(ids(&any_case), ids(&flag), "a value in another case");

    let (_, all) = search(root, &["deploy"]);
    let (_, without) = search(root, &["deploy -tag:deploys"]);
    assert_eq!(
        without["total"], 3,
        "two of five deploy incidents are tagged deploys"
    );
    assert!(!ids(&without).contains(&"2019-03-12-cache-stampede".to_string()));
    assert!(all["total"].as_u64() > without["total"].as_u64());

    // Filters alone: every SEV1, newest first, without scores.
    let (run, sev1) = search(root, &["severity:SEV1"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(
        ids(&sev1),
        [
            "2024-06-18-media-lifecycle-deletion",
            "2023-07-19-region-network-partition",
            "2020-02-11-migration-table-lock",
            "2019-08-27-publish-queue-backlog",
        ]
    );
    assert!(
        sev1["hits"]
            .as_array()
            .unwrap()
            .iter()
            .all(|h| h["score"] == 0.0)
    );
    assert!(
        sev1["hits"][0]["snippet"]["text"].as_str().unwrap().len() > 40,
        "without matched words the snippet is the summary"
    );
    assert_eq!(
        sev1["hits"][0]["snippet"]["highlights"],
        serde_json::json!([])
    );
    let (run, flags_alone) = search(root, &["", "--severity", "SEV1"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(ids(&flags_alone), ids(&sev1));
    let human = search_text(root, &["", "--severity", "SEV1"]);
    assert!(
        human.stdout.starts_with("4 incidents match the filters."),
        "{}",
        human.stdout
    );

    // A value no incident has is an error that names the closest one, not "0 results".
    for (args, message) in [
        (
            vec!["tag:dsn"],
            "no incident has tag `dsn`; did you mean `dns`?",
        ),
        (
            vec!["deploy", "--service", "nonexistent"],
            "no incident has service `nonexistent`",
        ),
        (vec!["year:2031 deploy"], "no incident has year `2031`"),
        (vec!["tag:\"\""], "`tag:` needs a value"),
        (vec!["-tag:dns"], "only -exclusions"),
        (vec!["-redis -tag:dns"], "only -exclusions"),
    ] {
        let (run, _) = search(root, &args);
        assert_eq!(run.code, 2, "{args:?}: {}", run.stderr);
        assert!(run.stderr.contains(message), "{args:?}: {}", run.stderr);
    }
}

#[test]
fn results_carry_snippets_and_facet_counts() {
    let kb = demo_copy();
    let (run, r) = search(kb.path(), &["deploy"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(r["highlight_unit"], "utf-16");
    let hit = &r["hits"][0];
    let marked = |text: &Value, ranges: &Value| -> Vec<String> {
        let units: Vec<u16> = text.as_str().unwrap().encode_utf16().collect();
        ranges
            .as_array()
            .unwrap()
            .iter()
            .map(|r| {
                let (s, e) = (r[0].as_u64().unwrap(), r[1].as_u64().unwrap());
                String::from_utf16(&units[s as usize..e as usize]).unwrap()
            })
            .collect()
    };
    let words = marked(&hit["snippet"]["text"], &hit["snippet"]["highlights"]);
    assert!(!words.is_empty(), "{hit}");
    assert!(
        words.iter().all(|w| w.to_lowercase() == "deploy"),
        "{words:?}"
    );
    assert_eq!(marked(&hit["title"], &hit["title_highlights"]), ["deploy"]);
    let severities: u64 = r["facets"]["severity"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["count"].as_u64().unwrap())
        .sum();
    assert_eq!(
        severities,
        r["total"].as_u64().unwrap(),
        "every hit has one severity"
    );
    let human = search_text(kb.path(), &["deploy"]);
    assert!(
        human.stdout.starts_with("5 incidents match deploy."),
        "{}",
        human.stdout
    );
    assert!(
        human.stdout.contains("[deploy]"),
        "matches are marked in the snippet"
    );
    assert!(
        human
            .stdout
            .contains("severity: SEV2 (2), SEV3 (2), SEV1 (1)"),
        "{}",
        human.stdout
    );
}

/// The index once stored HTML, and the CLI un-escaped only some of it: `provider's` came out
/// as `provider&#39;s`. Snippets are text now, escaped (or not) by each output.
#[test]
fn an_apostrophe_in_a_snippet_stays_an_apostrophe() {
    let kb = demo_copy();
    let root = kb.path();
    let human = search_text(root, &["title:partition"]);
    assert_eq!(human.code, 0, "{}", human.stderr);
    assert!(
        human.stdout.contains("the cloud provider's network"),
        "{}",
        human.stdout
    );
    assert!(!human.stdout.contains("&#"), "{}", human.stdout);
    let (_, json) = search(root, &["title:partition"]);
    let snippet = json["hits"][0]["snippet"]["text"].as_str().unwrap();
    assert!(
        snippet.contains("the cloud provider's network"),
        "{snippet}"
    );
    assert!(!json.to_string().contains("&#"), "{json}");
    // The matched words are marked in brackets, by their ranges.
    let human = search_text(root, &["provider"]);
    assert!(
        human.stdout.contains("[provider's]") || human.stdout.contains("[provider]"),
        "{}",
        human.stdout
    );
}

#[test]
fn the_index_follows_edits_and_deletions() {
    let kb = demo_copy();
    let root = kb.path();
    let file = root.join("content/incidents/2017/2017-04-06-linkedin-app.md");
    assert_eq!(search(root, &["zeppelin"]).1["total"], 0);
    let text = read(&file).replace(
        "## Summary\n",
        "## Summary\n\nA zeppelin was not involved.\n",
    );
    std::fs::write(&file, text).unwrap();
    assert_eq!(
        ids(&search(root, &["zeppelin"]).1),
        ["2017-04-06-linkedin-app"],
        "an edit is indexed"
    );
    std::fs::remove_file(&file).unwrap();
    assert_eq!(
        search(root, &["zeppelin"]).1["total"],
        0,
        "a deleted incident leaves the index"
    );
    assert!(root.join(".hindsight/index").is_dir());
}

#[test]
fn bad_queries_get_a_clear_message() {
    let kb = demo_copy();
    let root = kb.path();
    for (query, message) in [
        ("", "the query is empty"),
        ("!!! ...", "has no words to look for"),
        ("\"unbalanced quote", "is not closed"),
        (" -redis", "only -exclusions"),
        ("owner:someone", "`owner:` is not a field"),
    ] {
        let (run, _) = search(root, &[query]);
        assert_eq!(run.code, 2, "{query:?}: {}", run.stderr);
        assert!(run.stderr.contains(message), "{query:?}: {}", run.stderr);
        assert!(!run.stderr.contains("panicked"));
    }
    let long = "outage ".repeat(1500);
    let (run, r) = search(root, &[long.as_str()]);
    assert_eq!(run.code, 0, "a 10 KB query runs: {}", run.stderr);
    assert!(r["total"].as_u64().is_some());
    let (run, _) = search(root, &["deploy", "--since", "yesterday"]);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("--since"));
    let (run, _) = search(
        root,
        &["deploy", "--since", "2020-01-02", "--until", "2020-01-01"],
    );
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("is after until"), "{}", run.stderr);
    let (run, _) = search(root, &["deploy", "--limit", "0"]);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("at least 1"), "{}", run.stderr);
    // A cut at the length limit never leaves a quote open.
    let long = format!("deploy {}", "-\"cache stampede\" ".repeat(300));
    let (run, _) = search(root, &[long.as_str()]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    // A pasted address is words, not a field.
    let (run, _) = search(root, &["https://status.example.com deploy"]);
    assert!(!run.stderr.contains("is not a field"), "{}", run.stderr);
}

#[test]
fn build_indexes_the_kb_and_emits_the_static_search() {
    let kb = demo_copy();
    let root = kb.path();
    let run: Run = bin()
        .current_dir(root)
        .args(["build", "--quiet"])
        .output()
        .unwrap()
        .into();
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        root.join(".hindsight/index/meta.json").is_file(),
        "the tantivy index"
    );
    let page = read(&root.join("public/search/index.html"));
    let manifest = page
        .split("data-search=\"/")
        .nth(1)
        .and_then(|s| s.split('"').next())
        .expect("the search page names its manifest");
    assert!(manifest.starts_with("search/manifest-"), "{manifest}");
    let json: Value = serde_json::from_str(&read(&root.join("public").join(manifest))).unwrap();
    for hash in json["vocab"]["files"].as_array().unwrap() {
        let file = format!("search/v/{}.bin", hash.as_str().unwrap());
        assert!(root.join("public").join(&file).is_file(), "{file}");
    }
    let postings = json["postings"]["hash"].as_str().unwrap();
    for i in 0..json["postings"]["count"].as_u64().unwrap() {
        let file = format!("search/p/{postings}-{i}.bin");
        assert!(root.join("public").join(&file).is_file(), "{file}");
    }
    let home = read(&root.join("public/index.html"));
    assert!(
        home.contains("class=\"site-search\""),
        "every page has the search box"
    );
    // Related incidents: an incident that shares no cause with others gets text matches.
    let dst = read(&root.join("public/incidents/2017-11-05-dst-schedule-shift/index.html"));
    let related = &dst[dst
        .find("class=\"similar-list\"")
        .expect("related incidents")..];
    let related = &related[..related.find("</ol>").unwrap()];
    assert!(related.contains("similar text"), "{related}");
    assert!(
        related.contains("/incidents/2018-06-05-runaway-analytics-cron/"),
        "another scheduled-job incident is related by its text: {related}"
    );
    // The index the build left is the one `search` uses: no second indexing.
    let (run, r) = search(root, &["deploy"]);
    assert_eq!(run.code, 0);
    assert!(r["total"].as_u64().unwrap() > 0);

    // Search can be turned off: no index files, no box, no page.
    let config = read(&root.join("hindsight.toml")) + "\n[search]\nenabled = false\n";
    std::fs::write(root.join("hindsight.toml"), config).unwrap();
    let out = root.join("off");
    let run: Run = bin()
        .current_dir(root)
        .args(["build", "--quiet", "--output", "off"])
        .output()
        .unwrap()
        .into();
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(!out.join("search").exists());
    assert!(!read(&out.join("index.html")).contains("site-search"));
}

#[test]
fn concurrent_builds_of_one_kb_take_turns_at_the_index() {
    // Two builds of one KB (or a build beside `serve`) share `.hindsight/index`, which has one
    // writer: the second waits for it instead of failing with "LockBusy".
    let kb = demo_copy();
    let root = kb.path();
    let runs: Vec<Run> = std::thread::scope(|s| {
        let builds: Vec<_> = (0..4)
            .map(|i| s.spawn(move || build_in(root, &root.join(format!("out-{i}")), &["--quiet"])))
            .collect();
        builds.into_iter().map(|b| b.join().unwrap()).collect()
    });
    for run in &runs {
        assert_eq!(run.code, 0, "{}", run.stderr);
    }
    let (run, r) = search(root, &["deploy"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(r["total"].as_u64().unwrap() > 0);
}

#[test]
fn a_new_summary_alias_in_the_config_reindexes_the_summaries() {
    // The summary is the first paragraph of the section the config calls the summary: a new
    // alias changes what is indexed as the summary although no content file changed.
    let kb = demo_copy();
    let root = kb.path();
    write_files(
        root,
        &[(
            "content/incidents/2024/2024-01-09-zeppelin.md",
            "---\ntitle: Slow dashboards\nseverity: SEV3\nstarted: 2024-01-09T10:00:00Z\n\
             impact: Dashboards were slow for an hour.\n---\n\n\
             ## Context\n\nThe dashboards read from the job queue.\n\n\
             ## In a nutshell\n\nA zeppelin of retries drifted over the job queue.\n",
        )],
    );
    assert_eq!(search(root, &["summary:zeppelin"]).1["total"], 0);
    let config =
        read(&root.join("hindsight.toml")) + "\n[sections]\nsummary = [\"In a nutshell\"]\n";
    std::fs::write(root.join("hindsight.toml"), config).unwrap();
    let (run, found) = search(root, &["summary:zeppelin"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(ids(&found), ["2024-01-09-zeppelin"]);
}

#[test]
fn incidents_that_started_in_the_same_second_index_and_export() {
    // The KB orders incidents by their full start time, the static search and the ties of
    // `hindsight search` by the second and then the id: here the two orders are opposite.
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    let files: Vec<(String, String)> = (0..10)
        .map(|i| {
            let id = format!("2024-03-01-probe-{i}");
            let text = format!(
                "---\ntitle: Probe failure {i}\nseverity: SEV3\n\
                 started: 2024-03-01T10:00:00.{i}Z\n---\n\n## Summary\n\nThe health probe failed.\n"
            );
            (format!("content/incidents/{id}.md"), text)
        })
        .collect();
    let refs: Vec<(&str, &str)> = files
        .iter()
        .map(|(p, t)| (p.as_str(), t.as_str()))
        .collect();
    write_files(root, &refs);
    let run = build_in(root, &root.join("public"), &["--quiet"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let (run, all) = search(root, &["probe"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(all["total"], 10);
    // Equal scores: by id, as the same second holds them all.
    assert_eq!(ids(&all)[0], "2024-03-01-probe-0");
}
