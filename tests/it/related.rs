//! Causes weighted by how telling they are: a cause in more than a fifth of a KB of 30 or more
//! incidents (or listed in `[causes] generic_causes`) is shown as a broad cause, not as a
//! recurrence; related incidents weigh what they share by its rarity; and two write-ups of one
//! event (`examples/real-shapes`) list each other first.

use crate::support::*;
use std::path::Path;

/// An incident of a generated KB: its day, causes, service, title and summary.
struct Gen<'a> {
    id: String,
    day: String,
    causes: Vec<&'a str>,
    service: String,
    title: String,
    summary: String,
    /// More front matter (action items).
    extra: String,
}

fn gen_file(g: &Gen) -> String {
    let causes: String = g
        .causes
        .iter()
        .map(|c| format!("  - id: {c}\n    category: process\n    text: The {c} cause.\n"))
        .collect();
    format!(
        "---\ntitle: {}\nseverity: SEV3\nstarted: {}T10:00:00Z\nservices: [{}]\ncauses:\n{causes}{}---\n\n## Summary\n\n{}\n",
        g.title, g.day, g.service, g.extra, g.summary
    )
}

/// `n` incidents, one a week from 2020-01-06, each with its own service and words; the first
/// `broad` of them name `config-change`.
fn generated(n: usize, broad: usize) -> Vec<Gen<'static>> {
    let words = [
        "kafka", "ingress", "vault", "ledger", "redis", "cron", "sso", "billing", "smtp", "quota",
    ];
    (0..n)
        .map(|k| {
            let day = jiff::civil::date(2020, 1, 6)
                .checked_add(jiff::Span::new().days(7 * k as i64))
                .unwrap();
            Gen {
                id: format!("inc-{k:02}"),
                day: day.to_string(),
                causes: if k < broad {
                    vec!["config-change"]
                } else {
                    vec![]
                },
                service: format!("svc-{k}"),
                title: format!("Incident {k} in {}", words[k % words.len()]),
                summary: format!("The {} stalled for a while.", words[k % words.len()]),
                extra: String::new(),
            }
        })
        .collect()
}

fn build_generated(incidents: &[Gen], config: &str) -> (Run, tempfile::TempDir) {
    let kb = tempfile::tempdir().unwrap();
    let files: Vec<(String, String)> = incidents
        .iter()
        .map(|g| (format!("content/incidents/{}.md", g.id), gen_file(g)))
        .chain([("hindsight.toml".to_string(), config.to_string())])
        .collect();
    let refs: Vec<(&str, &str)> = files
        .iter()
        .map(|(p, t)| (p.as_str(), t.as_str()))
        .collect();
    write_files(kb.path(), &refs);
    let out = kb.path().join("public");
    let run = build_in(kb.path(), &out, &["--quiet"]);
    (run, kb)
}

/// The similar incidents of a page, in order: (URL, reason).
fn similar(out: &Path, id: &str) -> Vec<(String, String)> {
    let page = read(&out.join(format!("incidents/{id}/index.html")));
    let Some(at) = page.find("<ol class=\"similar-list\">") else {
        return Vec::new();
    };
    let list = &page[at..page[at..].find("</ol>").unwrap() + at];
    list.split("<li>")
        .skip(1)
        .map(|li| {
            let href = li.split("href=\"").nth(1).unwrap();
            let url = href[..href.find('"').unwrap()].to_string();
            let reason = li.rsplit(" · ").next().unwrap();
            let reason = reason[..reason.find("</span>").unwrap()].to_string();
            (url, reason)
        })
        .collect()
}

#[test]
fn a_cause_in_more_than_a_fifth_of_a_large_kb_is_a_broad_cause_not_a_recurrence() {
    let mut incidents = generated(40, 10);
    incidents[20].causes.push("dns-ttl");
    incidents[30].causes.push("dns-ttl");
    // A fix marked done after each cause's first incident, before it appeared again.
    let done = |day: &str| {
        format!("action_items:\n  - text: Fix it\n    status: done\n    completed: {day}\n")
    };
    incidents[0].extra = done("2020-01-07");
    incidents[20].extra = done(&incidents[21].day);
    let (run, kb) = build_generated(&incidents, "");
    assert_eq!(run.code, 0, "{}", run.stderr);
    let out = kb.path().join("public");
    let cause = read(&out.join("causes/config-change/index.html"));
    assert!(
        cause.contains("Broad cause · in 10 of 40 incidents"),
        "{cause}"
    );
    assert!(!cause.contains("Recurred in"));
    assert!(cause.contains("A broad cause, in 10 of 40 incidents."));
    let page = read(&out.join("incidents/inc-03/index.html"));
    assert!(page.contains("broad cause · in 10 of 40 incidents"));
    assert!(!page.contains("seen in 10 incidents"));
    let index = read(&out.join("causes/index.html"));
    assert!(index.contains("broad cause · in 10 of 40 incidents"));
    assert!(
        index.contains("1 of them recurred. One is a broad cause"),
        "{index}"
    );
    // The home page's recurring causes and count leave the broad cause out.
    let home = read(&out.join("index.html"));
    let recurring = &home[home.find("Recurring causes").unwrap()..];
    let recurring = &recurring[..recurring.find("</ol>").unwrap()];
    assert!(recurring.contains("/causes/dns-ttl/"), "{recurring}");
    assert!(!recurring.contains("/causes/config-change/"), "{recurring}");
    let dns = read(&out.join("causes/dns-ttl/index.html"));
    assert!(dns.contains("Recurred in <strong>2 incidents</strong>"));
    // A broad cause comes back whatever is fixed: that says nothing about the fix.
    assert!(dns.contains("It came back after a fix"));
    assert!(!cause.contains("It came back after a fix"));
    // The archive-wide fishbone shows the recurring causes, not the broad one.
    let categories = read(&out.join("categories/index.html"));
    assert!(categories.contains("/causes/dns-ttl/"));
    assert!(!categories.contains("/causes/config-change/"));
    // The same share in a KB of fewer than 30 incidents is still a recurrence.
    let (run, kb) = build_generated(&generated(29, 10), "");
    assert_eq!(run.code, 0, "{}", run.stderr);
    let cause = read(&kb.path().join("public/causes/config-change/index.html"));
    assert!(cause.contains("Recurred in <strong>10 incidents</strong>"));
    assert!(!cause.contains("Broad cause"));
}

#[test]
fn generic_causes_in_the_config_are_broad_and_an_unknown_id_is_a_warning() {
    let mut incidents = generated(6, 3);
    incidents[4].causes.push("dns-ttl");
    incidents[5].causes.push("dns-ttl");
    let config = "[causes]\ngeneric_causes = [\"config-change\", \"dns-tll\"]\n";
    let (run, kb) = build_generated(&incidents, config);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stderr.contains(
            "hindsight.toml:2:36: warning[config]: `[causes] generic_causes` lists `dns-tll`, which no incident names"
        ),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("did you mean `dns-ttl`?"),
        "{}",
        run.stderr
    );
    let out = kb.path().join("public");
    let cause = read(&out.join("causes/config-change/index.html"));
    assert!(
        cause.contains("Broad cause · in 3 of 6 incidents"),
        "{cause}"
    );
    let dns = read(&out.join("causes/dns-ttl/index.html"));
    assert!(dns.contains("Recurred in <strong>2 incidents</strong>"));
    // A broad cause shared is named as such in the reason.
    let reasons = similar(&out, "inc-00");
    assert!(
        reasons
            .iter()
            .any(|(u, r)| u.ends_with("/inc-01/") && r.contains("shares broad config-change")),
        "{reasons:?}"
    );
}

#[test]
fn a_rare_shared_cause_ranks_above_a_broad_one_nearer_in_time() {
    let mut incidents = generated(40, 12);
    // inc-05 shares the broad cause with its neighbours in time, and a rare one with inc-35.
    incidents[5].causes.push("cert-pinning");
    incidents[35].causes.push("cert-pinning");
    let (run, kb) = build_generated(&incidents, "");
    assert_eq!(run.code, 0, "{}", run.stderr);
    let out = kb.path().join("public");
    let list = similar(&out, "inc-05");
    assert!(list[0].0.ends_with("/incidents/inc-35/"), "{list:?}");
    assert_eq!(list[0].1, "shares cert-pinning");
    let list = similar(&out, "inc-35");
    assert!(list[0].0.ends_with("/incidents/inc-05/"), "{list:?}");
}

#[test]
fn incidents_of_the_same_day_with_other_words_are_not_the_same_event() {
    let mut incidents = generated(8, 0);
    incidents[3].day = incidents[2].day.clone();
    let (run, kb) = build_generated(&incidents, "");
    assert_eq!(run.code, 0, "{}", run.stderr);
    let out = kb.path().join("public");
    for id in ["inc-02", "inc-03"] {
        let list = similar(&out, id);
        assert!(
            list.iter().all(|(_, r)| !r.contains("same event")),
            "{list:?}"
        );
    }
    // With the same words, they are.
    incidents[3].title = "Ledger outage, payouts delayed by a kafka stall".into();
    incidents[2].summary = "Payouts were delayed after the ledger outage.".into();
    let (run, kb) = build_generated(&incidents, "");
    assert_eq!(run.code, 0, "{}", run.stderr);
    let list = similar(&kb.path().join("public"), "inc-02");
    assert!(list[0].0.ends_with("/incidents/inc-03/"), "{list:?}");
    assert_eq!(list[0].1, "likely the same event (same day)");
}

#[test]
fn two_write_ups_of_one_event_list_each_other_first() {
    let out = tempfile::tempdir().unwrap();
    let run: Run = bin()
        .args(["build", "--quiet", "--root"])
        .arg(repo().join("examples").join("real-shapes"))
        .arg("--output")
        .arg(out.path())
        .output()
        .unwrap()
        .into();
    assert_eq!(run.code, 0, "{}", run.stderr);
    let pairs = [
        (
            "2019-07-02-edge-proxy-cpu-rule-4410",
            "2019-07-02-details-of-the-july-2-outage",
        ),
        (
            "payouts-delayed-12-september-2022",
            "2022-09-12-payout-retry-storm-ledger-pool",
        ),
    ];
    for (a, b) in pairs {
        for (from, to) in [(a, b), (b, a)] {
            let list = similar(out.path(), from);
            assert!(
                list.first()
                    .is_some_and(|(u, _)| u.ends_with(&format!("/incidents/{to}/"))),
                "{from}: {list:?}"
            );
            assert_eq!(list[0].1, "likely the same event (same day)", "{from}");
            assert!(
                list[1..].iter().all(|(_, r)| !r.contains("same event")),
                "{from}: {list:?}"
            );
        }
    }
}
