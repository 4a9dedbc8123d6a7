//! "Has this happened before?" while writing, with known answers on the demo KB: `new` prints
//! the published incidents most like the new post-mortem (the demo incident about the same
//! subject first), `check` reports `seen-before` on drafts as a note (in every format, never
//! failing, not on published incidents) with existing cause ids likely meant by new ones. The
//! draft page under `serve` is in `serve.rs`.

use crate::support::*;
use serde_json::Value;
use std::path::Path;

const DRAFT: &str = "content/incidents/2026/2026-10-14-crm-sync-refresh-storm.md";

fn run(dir: &Path, args: &[&str]) -> Run {
    bin()
        .current_dir(dir)
        .args(args)
        .output()
        .expect("the binary runs")
        .into()
}

/// The incident ids `new` lists, in order: the lines `  <id>  <date>  <title>`.
fn listed(stderr: &str) -> Vec<String> {
    let Some((_, list)) = stderr.split_once("Has this happened before?") else {
        return Vec::new();
    };
    list.lines()
        .filter(|l| l.starts_with("  ") && !l.starts_with("    "))
        .filter_map(|l| l.split_whitespace().next().map(str::to_string))
        .collect()
}

/// `check --format json` of `paths` in `root`: the run and its `seen-before` findings.
fn seen_before(root: &Path, paths: &[&str]) -> (Run, Vec<Value>) {
    let mut args = vec!["check", "--root", ".", "--format", "json"];
    args.extend_from_slice(paths);
    let out = run(root, &args);
    let found = out
        .stdout
        .lines()
        .map(|l| serde_json::from_str::<Value>(l).unwrap())
        .filter(|d| d["code"] == "seen-before")
        .collect();
    (out, found)
}

#[test]
fn new_lists_the_demo_incident_about_the_same_subject_first() {
    let kb = demo_copy();
    let root = kb.path();
    // (title, text, the incident expected first, a cause id it used)
    let cases = [
        (
            "Public API unreachable after a DNS record change at our provider",
            None,
            "2018-02-20-api-dns-misconfiguration",
            "dns-records-wrong-target",
        ),
        (
            "Redis flushed on deploy, cache stampede took down the dashboard",
            None,
            "2019-03-12-cache-stampede",
            "deploy-flushes-cache",
        ),
        (
            "Token signing key rotation",
            Some("After we rotated the signing key, the gateway rejected logins and API calls."),
            "2025-01-21-signing-key-rotation",
            "no-key-overlap",
        ),
    ];
    for (day, (title, text, first, cause)) in (10..).zip(cases) {
        let started = format!("2026-11-{day}T09:00:00Z");
        let mut args = vec!["new", title, "--started", &started];
        if let Some(t) = text {
            args.extend(["--text", t]);
        }
        let out = run(root, &args);
        assert_eq!(out.code, 0, "{}", out.stderr);
        let ids = listed(&out.stderr);
        assert_eq!(
            ids.first().map(String::as_str),
            Some(first),
            "{title}: {}",
            out.stderr
        );
        assert!(ids.len() <= 3, "{}", out.stderr);
        assert!(
            !ids.iter().any(|id| id.starts_with("2026-")),
            "no draft is offered as a past incident: {}",
            out.stderr
        );
        // The first one's date, file and causes follow it.
        let block = out.stderr.split_once(first).unwrap().1;
        let year = &first[..4];
        assert!(
            block.contains(&format!("content/incidents/{year}/{first}.md")),
            "{}",
            out.stderr
        );
        assert!(
            block.contains("causes: ") && block.contains(cause),
            "{}",
            out.stderr
        );
        // stdout stays the path alone, for scripts; the text is the summary.
        let path = out.stdout.trim();
        assert!(
            path.ends_with(".md") && !path.contains('\n'),
            "{}",
            out.stdout
        );
        if let Some(t) = text {
            let written = read(&root.join(path));
            assert!(
                written.contains(&format!("## Summary\n\n{t}\n")),
                "{written}"
            );
        }
    }
}

#[test]
fn new_in_a_kb_without_incidents_prints_nothing_extra() {
    let dir = tempfile::tempdir().unwrap();
    write_files(dir.path(), &[("hindsight.toml", "title = \"Empty\"\n")]);
    let out = run(
        dir.path(),
        &["new", "Checkout errors", "--text", "Checkout failed."],
    );
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(!out.stderr.contains("happened before"), "{}", out.stderr);
    assert!(out.stderr.contains("Fill in the prompts"), "{}", out.stderr);
}

#[test]
fn check_names_similar_incidents_and_likely_cause_ids_for_the_demo_draft() {
    let (out, found) = seen_before(&repo(), &[DRAFT]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(
        found
            .iter()
            .all(|d| d["level"] == "note" && d["path"] == DRAFT),
        "{}",
        out.stdout
    );
    // At the title: the incidents most like it, the token signing key rotation first.
    let title = &found[0];
    assert_eq!(title["line"], 2, "{title}");
    let message = title["message"].as_str().unwrap();
    assert!(
        message.starts_with("has this happened before? like `2025-01-21-signing-key-rotation`"),
        "{message}"
    );
    assert!(
        title["help"].as_str().unwrap().contains("`no-key-overlap`"),
        "the causes they used: {title}"
    );
    // A cause id new to the KB: keys that expire together is the existing cause for tokens
    // that expire together.
    let expiry = found
        .iter()
        .find(|d| {
            d["message"]
                .as_str()
                .unwrap()
                .starts_with("cause `synchronized-token-expiry` is new to the KB")
        })
        .unwrap_or_else(|| panic!("{}", out.stdout));
    assert!(
        expiry["message"]
            .as_str()
            .unwrap()
            .contains("used `cache-keys-expire-together`"),
        "{expiry}"
    );
}

#[test]
fn a_close_or_existing_cause_id_gets_no_suggestion_and_published_incidents_no_note() {
    let kb = demo_copy();
    let root = kb.path();
    let draft = root.join(DRAFT);
    // One id a typo away from an existing one, one existing id, one left new.
    let text = read(&draft)
        .replace("synchronized-token-expiry", "cache-keys-expires-together")
        .replace("id: vendor-refresh-rate-limit", "id: no-key-overlap")
        .replace("category: environment", "category: process");
    std::fs::write(&draft, text).unwrap();
    let (out, found) = seen_before(root, &[]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(found.iter().all(|d| d["path"] == DRAFT), "{}", out.stdout);
    let messages: Vec<&str> = found
        .iter()
        .map(|d| d["message"].as_str().unwrap())
        .collect();
    assert!(
        messages[0].starts_with("has this happened before?"),
        "{messages:?}"
    );
    let new: Vec<&str> = messages[1..].to_vec();
    assert_eq!(
        new,
        [
            "cause `no-refresh-backoff` is new to the KB; incidents like this one used `jwks-cache-no-refresh-on-miss`"
        ],
        "{}",
        out.stdout
    );
}

#[test]
fn the_note_is_in_every_format_and_fails_nothing() {
    let root = repo();
    let out = run(
        &root,
        &["check", "--root", ".", "--deny", "warnings", DRAFT],
    );
    assert_eq!(out.code, 0, "notes never fail: {}", out.stderr);
    assert!(
        out.stdout
            .lines()
            .any(|l| l.starts_with(&format!("{DRAFT}:2:8: note[seen-before]: "))),
        "{}",
        out.stdout
    );
    assert!(out.stderr.ends_with(" notes\n"), "{}", out.stderr);
    assert!(
        out.stderr.starts_with("0 errors, 0 warnings, "),
        "{}",
        out.stderr
    );
    let github = run(&root, &["check", "--format", "github", DRAFT]);
    assert!(
        github.stdout.lines().any(|l| l.starts_with(&format!(
            "::notice file={DRAFT},line=2,col=8,title=seen-before::"
        ))),
        "{}",
        github.stdout
    );
    let sarif = run(&root, &["check", "--format", "sarif", DRAFT]);
    let log: Value = serde_json::from_str(&sarif.stdout).unwrap();
    let results = log["runs"][0]["results"].as_array().unwrap();
    assert!(
        results
            .iter()
            .any(|r| r["ruleId"] == "seen-before" && r["level"] == "note"),
        "{}",
        sarif.stdout
    );
    let rules = log["runs"][0]["tool"]["driver"]["rules"]
        .as_array()
        .unwrap();
    let rule = rules.iter().find(|r| r["id"] == "seen-before").unwrap();
    assert_eq!(rule["defaultConfiguration"]["level"], "note", "{rule}");
}

#[test]
fn seen_before_can_be_turned_off_or_made_a_warning() {
    let kb = demo_copy();
    let root = kb.path();
    let config = read(&root.join("hindsight.toml"));
    assert!(
        !config.contains("[lint]"),
        "the demo's own [lint] would need the setting"
    );
    for (setting, expected) in [("allow", None), ("warn", Some("warning"))] {
        std::fs::write(
            root.join("hindsight.toml"),
            format!("{config}\n[lint]\nseen-before = \"{setting}\"\n"),
        )
        .unwrap();
        let (out, found) = seen_before(root, &[DRAFT]);
        assert_eq!(out.code, 0, "{}", out.stderr);
        match expected {
            None => assert!(found.is_empty(), "{}", out.stdout),
            Some(level) => assert!(
                !found.is_empty() && found.iter().all(|d| d["level"] == level),
                "{}",
                out.stdout
            ),
        }
    }
}

#[test]
fn a_draft_marked_the_way_other_generators_do_is_asked_too() {
    let kb = demo_copy();
    let root = kb.path();
    let draft = root.join(DRAFT);
    let text = read(&draft);
    assert!(text.contains("\nstatus: draft\n"));
    std::fs::write(&draft, text.replace("\nstatus: draft\n", "\ndraft: true\n")).unwrap();
    let (out, found) = seen_before(root, &[DRAFT]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(
        found.first().is_some_and(|d| d["message"]
            .as_str()
            .unwrap()
            .starts_with("has this happened before? like `2025-01-21-signing-key-rotation`")),
        "{}",
        out.stdout
    );
    // Published, it is asked nothing.
    std::fs::write(
        &draft,
        text.replace("\nstatus: draft\n", "\nstatus: published\n"),
    )
    .unwrap();
    let (out, found) = seen_before(root, &[DRAFT]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(found.is_empty(), "{}", out.stdout);
}
