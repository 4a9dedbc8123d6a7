//! Post-mortems as teams already have them: `examples/real-shapes` (wiki exports, Hugo and
//! Jekyll posts, the Google, PagerDuty and Atlassian templates, no front matter, date-only and
//! undated) builds with no error, and small KBs of each shape read as a user would expect.

use crate::support::*;
use std::path::Path;

fn real_shapes() -> std::path::PathBuf {
    repo().join("examples").join("real-shapes")
}

#[test]
fn real_shapes_builds_without_errors_and_says_which_aliases_it_relies_on() {
    let out = tempfile::tempdir().unwrap();
    let run: Run = bin()
        .args(["build", "--root"])
        .arg(real_shapes())
        .arg("--output")
        .arg(out.path())
        .output()
        .unwrap()
        .into();
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(!run.stderr.contains("error["), "{}", run.stderr);
    let note = (run.stderr.lines())
        .find(|l| l.contains("use other tools' front-matter keys, read as hindsight's:"))
        .unwrap_or_else(|| panic!("{}", run.stderr));
    assert!(note.contains("`date` as `started` (15)"), "{note}");
    let built = run
        .stderr
        .lines()
        .find(|l| l.starts_with("Built "))
        .unwrap();
    assert!(built.contains("for 35 incidents"), "{built}");
    // Undated incidents are under their own year term, unrated ones under their severity.
    let undated = read(&out.path().join("years/undated/index.html"));
    assert!(undated.contains("<h1>Undated</h1>"), "{undated}");
    let unrated = read(&out.path().join("severities/unrated/index.html"));
    assert!(
        unrated.contains("Notification service retry storm"),
        "an unrated incident is listed"
    );
    // A TOML front matter's fields are read: Hugo's `+++` post keeps its title and tags.
    let hugo = read(
        &out.path()
            .join("incidents/search-stopped-updating-2-november/index.html"),
    );
    assert!(hugo.contains("Dashboard search stopped updating on 2 November"));
    let check: Run = bin()
        .args(["check", "--root"])
        .arg(real_shapes())
        .output()
        .unwrap()
        .into();
    assert_eq!(check.code, 0, "{}", check.stdout);
    assert!(check.stderr.contains("0 errors"), "{}", check.stderr);
}

/// Builds a KB of the given files (`content/incidents/<name>`), returning the run and the
/// output folder.
fn build_kb(files: &[(&str, &str)], config: &str) -> (Run, tempfile::TempDir, tempfile::TempDir) {
    let kb = tempfile::tempdir().unwrap();
    let mut all: Vec<(String, &str)> = files
        .iter()
        .map(|(name, text)| (format!("content/incidents/{name}"), *text))
        .collect();
    all.push(("hindsight.toml".into(), config));
    let refs: Vec<(&str, &str)> = all.iter().map(|(p, t)| (p.as_str(), *t)).collect();
    write_files(kb.path(), &refs);
    let out = tempfile::tempdir().unwrap();
    let run = build_in(kb.path(), out.path(), &[]);
    (run, kb, out)
}

/// The incidents of a built site, one JSON object each (`incidents.ndjson`).
fn rows(out: &Path) -> Vec<serde_json::Value> {
    read(&out.join("incidents.ndjson"))
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

fn page(out: &Path, id: &str) -> String {
    read(&out.join(format!("incidents/{id}/index.html")))
}

#[test]
fn each_shape_reads_as_a_user_expects() {
    let (run, _kb, out) = build_kb(
        &[
            (
                "2016-02-03-checkout-redis-oom.md",
                "# Checkout Redis ran out of memory\n\nOn 3 February 2016 checkout failed.\n",
            ),
            (
                "wiki export.md",
                "**Date:** 3 March 2019 · **Severity:** Sev 2 · **Authors:** ana, bo\n\nThe queue stalled.\n",
            ),
            (
                "hugo.md",
                "+++\ntitle = \"Login failures\"\ndate = 2021-02-16T10:00:00+01:00\nlastmod = 2021-02-20T08:00:00Z\ncategories = [\"Auth\", \"Clock Skew\"]\nslug = \"login-failures\"\ntoc = true\n+++\nBody.\n",
            ),
            (
                "jekyll.md",
                "---\nlayout: post\ntitle: Certificate expired\ndate: 2016-08-09 14:00:00 +0000\ncategories: outage tls\nseverity: critical\npermalink: /x/\n---\nBody.\n",
            ),
            (
                "export.md",
                "---\ntitle: Rate limiter failover\nstarted_at: \"2022-12-24 23:41\"\ntimezone: Europe/Berlin\nseverity: P2\nstatus: Final\n---\n## Timeline\n\n- 23:41 — errors start\n- 00:15 — resolved\n",
            ),
            (
                "undated.md",
                "# Something broke once\n\nNobody wrote down when.\n",
            ),
            (
                "PM2021-004 - ADFS outage.md",
                "# Incident Title\n\nADFS Outage\n\n## Summary\n\nThe signing certificates expired.\n",
            ),
            (
                "PMyyyy-nnn - Postmortem template.md",
                "# Incident Title\n\n## Summary\n\n## Timeline\n\nAll times in CET.\n",
            ),
            (
                "tracker export.md",
                "---\ntitle: SSO outage\nstart_time: \"\"\nend_time: \"\"\ncompany: Example\n---\n## Timeline\n\nAll times in UTC.\n\n| Time | Event |\n| :--- | --- |\n| 2021-03-31 12:11 | Reports of failed sign-ins |\n| 2021-03-31 13:02 | Expired signing certificate identified |\n| 2021-03-31 13:30 | Service restored for every account |\n",
            ),
            (
                "tracker times.md",
                "---\ntitle: Stream degradation\nstart_time: 2024-07-30T21:45:00Z\nend_time: 2024-07-31T04:37:00Z\nurl: \"https://www.status.example.com/incidents/kinesis-2024?ref=kb\"\n---\nBody.\n",
            ),
        ],
        "timezone = \"UTC\"\n",
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    // Title from the heading, day from the file name, unrated.
    let redis = page(out.path(), "2016-02-03-checkout-redis-oom");
    assert!(redis.contains("<h1>Checkout Redis ran out of memory</h1>"));
    assert_eq!(
        redis.matches("<h1").count(),
        1,
        "the heading is not repeated in the body"
    );
    assert!(redis.contains(r#"<time datetime="2016-02-03">2016-02-03</time>"#));
    assert!(redis.contains("sev-unrated"));
    // A template's placeholder heading: the line under it is the title, and neither is
    // repeated in the body.
    let adfs = page(out.path(), "pm2021-004-adfs-outage");
    assert!(adfs.contains("<h1>ADFS Outage</h1>"), "{adfs}");
    assert!(!adfs.contains("Incident Title") && !adfs.contains("<p>ADFS Outage</p>"));
    // No incident names a service: the home page has no empty "By service" list.
    let home = read(&out.path().join("index.html"));
    assert!(!home.contains("By service"), "{home}");
    // The template itself, left in the folder: told, at its heading.
    assert!(
        run.stderr
            .contains("PMyyyy-nnn - Postmortem template.md:1:1: warning[placeholder-title]"),
        "{}",
        run.stderr
    );
    assert_eq!(run.stderr.matches("placeholder-title]").count(), 1);
    assert!(
        run.stderr.contains("read as a draft, not built"),
        "{}",
        run.stderr
    );
    assert!(
        !out.path()
            .join("incidents/pmyyyy-nnn-postmortem-template")
            .exists()
    );
    // Title from the file name; date, severity and authors from the metadata line.
    let wiki = page(out.path(), "wiki-export");
    assert!(wiki.contains("<h1>Wiki export</h1>"), "{wiki}");
    assert!(wiki.contains(r#"<time datetime="2019-03-03">2019-03-03</time>"#));
    assert!(wiki.contains(">SEV2</a>"));
    assert!(wiki.contains("ana") && wiki.contains("bo"));
    // Hugo TOML: slug is the id, categories are tags made into ids, lastmod is the update.
    let hugo = page(out.path(), "login-failures");
    assert!(hugo.contains("/tags/clock-skew/"), "tags made into ids");
    assert!(hugo.contains(r#"datetime="2021-02-16T09:00:00Z""#));
    // Jekyll: the space-separated categories, the offset written `+0000`, `critical`.
    let jekyll = page(out.path(), "jekyll");
    assert!(jekyll.contains("/tags/outage/") && jekyll.contains("/tags/tls/"));
    assert!(jekyll.contains(">SEV1</a>"));
    assert!(jekyll.contains(r#"datetime="2016-08-09T14:00:00Z""#));
    // An incident tool's export: no offset, read in its `timezone:`, and no warning for it.
    let export = page(out.path(), "export");
    assert!(
        export.contains(r#"datetime="2022-12-24T22:41:00Z""#),
        "{export}"
    );
    assert!(!run.stderr.contains("no-offset"), "{}", run.stderr);
    // Undated: last in the archive, under its own year.
    let archive = read(&out.path().join("incidents/index.html"));
    let last_row = archive.rfind("<tr data-date").unwrap();
    assert!(archive[last_row..].contains("Something broke once"));
    assert!(archive[last_row..].contains(r#"data-year="undated""#));
    assert!(out.path().join("years/undated/index.html").exists());
    // An empty `start_time` is no time; the Timeline table's first row gives the start, and
    // its words the resolution; `end_time` is `resolved`.
    let tracker = page(out.path(), "tracker-export");
    assert!(
        tracker.contains(r#"<time datetime="2021-03-31T12:11:00Z">2021-03-31 12:11 UTC</time>"#),
        "{tracker}"
    );
    assert!(tracker.contains("1 h 19 min"), "time to resolve from it");
    assert!(
        tracker.contains(r#"datetime="2021-03-31T13:30:00Z""#),
        "resolved from the table"
    );
    assert!(!run.stderr.contains("bad-date"), "{}", run.stderr);
    let times = page(out.path(), "tracker-times");
    assert!(
        times.contains(r#"datetime="2024-07-31T04:37:00Z""#),
        "{times}"
    );
    // An absolute `url` is where the write-up was first published (Hugo's path `url` is
    // ignored, as the Jekyll file's `permalink` is).
    assert!(
        times.contains(r#"<a class="source-url" href="https://www.status.example.com/incidents/kinesis-2024?ref=kb" rel="noopener nofollow">status.example.com</a>"#),
        "{times}"
    );
    assert!(
        run.stderr.contains("`url` as `source_url` (1)"),
        "{}",
        run.stderr
    );
    let ndjson = read(&out.path().join("incidents.ndjson"));
    assert!(
        ndjson.contains(
            r#""source_url":"https://www.status.example.com/incidents/kinesis-2024?ref=kb""#
        ),
        "the export carries it too"
    );
    let undated_at = archive.find("Something broke once").unwrap();
    assert!(
        archive.find("SSO outage").unwrap() < undated_at,
        "dated by its timeline, it is no longer at the end"
    );
}

#[test]
fn an_incident_io_export_and_a_folded_timeline_build() {
    let (run, _kb, out) = build_kb(
        &[
            (
                "inc-207-order-notification-delays.md",
                "---\nid: INC-207\nname: Order confirmation emails delayed\nseverity: Critical\nstarted_at: 2025-01-14T07:48:00Z\ndetected_at: 2025-01-14T08:06:12Z\nresolved_at: 2025-01-14T10:05:40Z\n---\n## Summary\n\nNotifications were delayed by up to two hours.\n",
            ),
            (
                "Search API latency 3f9a1c2e8b7d4e6fa01b2c3d4e5f6a7b.md",
                "# Search API latency\n\nDate: 2024-04-22\n\n## Summary\n\nSearch answered slowly.\n\n<details>\n<summary>Timeline (CEST)</summary>\n\n- 14:15 Deploy of the ranking change\n- 14:31 Latency alert fired\n- 15:02 Rolled back\n\n</details>\n\n<details>\n<summary>Raw notes</summary>\n\n- 16:00 nothing of the timeline\n\n</details>\n",
            ),
        ],
        "timezone = \"UTC\"\n",
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    // `id: INC-207` is `inc-207`, said once as a warning; `name` is the title.
    let inc = page(out.path(), "inc-207");
    assert!(
        inc.contains("<h1>Order confirmation emails delayed</h1>"),
        "{inc}"
    );
    assert!(
        run.stderr
            .contains("warning[bad-id]: `INC-207` is not a valid id")
            && run.stderr.contains("the incident's id is `inc-207`"),
        "{}",
        run.stderr
    );
    assert!(!run.stderr.contains("unknown key"), "{}", run.stderr);
    // The timeline folded in `<details>` gives the times; the other fold gives none.
    let rows = rows(out.path());
    let search = (rows.iter())
        .find(|r| r["id"] == "search-api-latency-3f9a")
        .unwrap();
    assert_eq!(
        search["started"], "2024-04-22T14:15:00+02:00[+02:00]",
        "{search}"
    );
    assert_eq!(search["minutes_to_detect"], 16, "{search}");
    assert_eq!(search["minutes_to_mitigate"], 47, "{search}");
    let page = page(out.path(), "search-api-latency-3f9a");
    assert!(!page.contains(r#"datetime="2024-04-22T16:00"#), "{page}");
}

#[test]
fn an_on_call_export_a_zola_post_and_a_morgue_page_read_their_times() {
    let (run, _kb, out) = build_kb(
        &[
            (
                "victorops-4127.md",
                "# Incident #4127 — WAL volume full\n\n## Incident details\n\n- **State:** RESOLVED\n- **Triggered:** Mar 5, 2024, 02:13:45 UTC\n- **Acknowledged:** Mar 5, 2024, 02:21:10 UTC by jkowalski\n- **Resolved:** Mar 5, 2024, 03:48:02 UTC by jkowalski\n\n## Alert timeline (pasted from the incident pane)\n\n```\nMar 5 02:13:45  CRITICAL  WAL at 91%\nMar 5 02:26:02  CRITICAL  WAL at 100%\nMar 5 03:41:27  RECOVERY  5xx back to normal\n```\n\n## Follow-ups\n\n- DBA-771: Alert on inactive replication slots — owner jkowalski — open\n- DBA-772: Cap retained WAL on every primary — owner jkowalski — done\n",
            ),
            (
                "2024-02-16-webhook-delays.md",
                "+++\ntitle = \"Webhook deliveries delayed\"\ndate = 2024-02-16\n\n[taxonomies]\ntags = [\"webhooks\", \"kafka\"]\n\n[extra]\nsev = \"S2\"\nfirst_page = 2024-02-12T13:21:00+01:00\nall_clear = 2024-02-12T14:52:00+01:00\ntoc = true\n+++\n\nA rebalance loop held back webhooks.\n",
            ),
            (
                "2024-11-20-api-503s.md",
                "# Elevated error rates\n\n## Summary\n\nAt 14:50 UTC we shipped a config change that moved the rate limiter to a new cluster.\n\n## Timeline (UTC)\n\n- 14:50 — config change rolls out.\n- 14:57 — 503s start as pods pick it up. **Impact start.**\n- 15:03 — the burn-rate alert pages on-call.\n",
            ),
            (
                "2024-03-05-tokyo-deploy.md",
                "---\ntitle: Tokyo deploy\ndate: 2024-03-05T00:30:00+09:00\ndetected: 2024-03-04T15:40:00Z\n---\n\nA deploy at half past midnight, Tokyo time.\n",
            ),
            (
                "morgue-search-lag.md",
                "# Search served stale listings\n\nStart time: 11/08/2023 09:41 AM\nDetect time: 11/08/2023 10:07 AM\nEnd time: 11/08/2023 12:55 PM\nTimezone: America/New_York\nCalendar: review 11/13/2023 2:00 PM\n\n## Summary\n\nThe index leader was stuck in garbage collection.\n",
            ),
        ],
        "",
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(!run.stderr.contains("error["), "{}", run.stderr);
    let rows = rows(out.path());
    let row = |id: &str| rows.iter().find(|r| r["id"] == id).unwrap().clone();
    // The export: its Triggered line is the detection, its alert log the timeline.
    let vo = row("victorops-4127");
    assert_eq!(vo["detected"], "2024-03-05T02:13:45+00:00[UTC]", "{vo}");
    assert_eq!(vo["resolved"], "2024-03-05T03:48:02+00:00[UTC]", "{vo}");
    assert_eq!(vo["started"], "2024-03-05T02:13:45+00:00[UTC]", "{vo}");
    let owners: Vec<_> = (vo["action_items"].as_array().unwrap().iter())
        .map(|a| (a["owner"].as_str(), a["status"].as_str()))
        .collect();
    assert_eq!(
        owners,
        [
            (Some("jkowalski"), Some("open")),
            (Some("jkowalski"), Some("done"))
        ]
    );
    // Zola's tables are the page's fields; the post's `date` is its publication.
    let zola = row("2024-02-16-webhook-delays");
    assert_eq!(zola["severity"], "SEV2", "{zola}");
    assert_eq!(
        zola["detected"], "2024-02-12T13:21:00+01:00[+01:00]",
        "{zola}"
    );
    assert_eq!(
        zola["resolved"], "2024-02-12T14:52:00+01:00[+01:00]",
        "{zola}"
    );
    assert_eq!(
        zola["started"], "2024-02-12",
        "the day, not the post's: {zola}"
    );
    assert_eq!(zola["tags"], serde_json::json!(["webhooks", "kafka"]));
    assert!(!run.stderr.contains("unknown key"), "{}", run.stderr);
    // A site's `date` that is a time before the detection (compared as instants, not as
    // days in their zones) is the start.
    let tokyo = row("2024-03-05-tokyo-deploy");
    assert_eq!(
        tokyo["started"], "2024-03-05T00:30:00+09:00[+09:00]",
        "{tokyo}"
    );
    // An event marked as the impact's start wins over an earlier time the summary states.
    let marked = row("2024-11-20-api-503s");
    assert_eq!(
        marked["started"], "2024-11-20T14:57:00+00:00[UTC]",
        "{marked}"
    );
    assert_eq!(marked["minutes_to_detect"], 6, "{marked}");
    // The Morgue page's `Timezone:` line is its times' zone.
    let morgue = row("morgue-search-lag");
    assert_eq!(
        morgue["started"], "2023-11-08T09:41:00-05:00[America/New_York]",
        "{morgue}"
    );
    assert_eq!(morgue["minutes_to_resolve"], 194, "{morgue}");
}

#[test]
fn keys_other_tools_read_can_be_named_in_the_config_instead_of_warned_about() {
    let file = (
        "0df4b886-70fc-4365-a7a3-1d93f4936dd0.md",
        "---\nuuid: 0df4b886-70fc-4365-a7a3-1d93f4936dd0\ntitle: ARPANET network-wide outage\nstart_time: 1980-10-27T00:00:00Z\ncompany: ARPA\nproduct: ARPANET\nsevrity: SEV1\n---\nThe routing tables collapsed.\n",
    );
    let (run, _kb, _out) = build_kb(&[file], "");
    assert_eq!(run.code, 0, "{}", run.stderr);
    for key in ["uuid", "company", "product", "sevrity"] {
        assert!(
            run.stderr.contains(&format!("`{key}`: unknown key")),
            "{key}: {}",
            run.stderr
        );
    }
    assert!(
        run.stderr.contains("can be listed in `extra_keys`"),
        "{}",
        run.stderr
    );
    let (run, _kb, out) = build_kb(
        &[file],
        "extra_keys = [\"uuid\", \"company\", \"product\"]\n",
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(!run.stderr.contains("`company`"), "{}", run.stderr);
    assert!(!run.stderr.contains("`uuid`"), "{}", run.stderr);
    // A misspelt key of hindsight's own is still told.
    assert!(
        run.stderr.contains("`sevrity`: unknown key"),
        "{}",
        run.stderr
    );
    assert!(
        page(out.path(), "0df4b886-70fc-4365-a7a3-1d93f4936dd0")
            .contains("<h1>ARPANET network-wide outage</h1>")
    );
}

#[test]
fn a_post_mortem_saved_without_its_extension_is_told_not_skipped_silently() {
    let (run, _kb, out) = build_kb(
        &[
            (
                "PM2022-009 - Bad AMI",
                "# Bad AMI\n\nNodes failed to join.\n",
            ),
            ("PM2022-010 - Front matter", "---\ntitle: x\n---\nBody.\n"),
            ("NOTES", "people to thank\n"),
            ("diagram.png", "\u{89}PNG"),
            ("built.md", "# Built\n\nBody.\n"),
        ],
        "",
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(
        run.stderr.matches("warning[not-markdown]").count(),
        2,
        "{}",
        run.stderr
    );
    assert!(
        run.stderr
            .contains("PM2022-009 - Bad AMI:1:1: warning[not-markdown]")
    );
    assert!(out.path().join("incidents/built/index.html").exists());
}

#[test]
fn missing_fields_are_warnings_a_kb_can_turn_off_or_make_errors() {
    let files = [(
        "2016-02-03-redis.md",
        "# Redis ran out of memory\n\nText.\n",
    )];
    let kb = tempfile::tempdir().unwrap();
    write_files(
        kb.path(),
        &[("content/incidents/2016-02-03-redis.md", files[0].1)],
    );
    let check = |config: &str| -> Run {
        write_files(kb.path(), &[("hindsight.toml", config)]);
        check_in(kb.path(), &["--format", "json"])
    };
    let run = check("");
    for (item, level) in [
        ("no `title`: the first `#` heading is used", "warning"),
        (
            "no `severity`: the incident is listed as unrated",
            "warning",
        ),
        (
            "no `started`: the file name gives the day (2016-02-03), not the time",
            "warning",
        ),
    ] {
        assert!(
            run.stdout
                .lines()
                .any(|l| l.contains(item) && l.contains(&format!("\"level\":\"{level}\""))),
            "no {level} `{item}` in:\n{}",
            run.stdout
        );
    }
    let run = check("[lint.required]\ntitle = \"allow\"\nseverity = \"deny\"\n");
    assert!(!run.stdout.contains("no `title`"), "{}", run.stdout);
    assert!(
        run.stdout
            .lines()
            .any(|l| l.contains("no `severity`") && l.contains("\"level\":\"error\"")),
        "{}",
        run.stdout
    );
    assert_eq!(run.code, 1);
}

/// `What Went Well:` and `What Went Wrong:` written as labels under `## Lessons Learned` count
/// as those sections, in `check` and on the page alike.
#[test]
fn sections_written_as_labels_count_on_the_checklist() {
    let text = "# Chain halt\n\n## Lessons Learned\n\nWhat Went Well:\n\n- The validators coordinated fast\n\nWhat Went Wrong:\n\n- The upgrade was untested\n";
    let (run, kb, out) = build_kb(&[("2023-09-20-halt.md", text)], "");
    assert_eq!(run.code, 0, "{}", run.stderr);
    let check = check_in(kb.path(), &[]);
    assert!(!check.stdout.contains("What went well"), "{}", check.stdout);
    assert!(
        !check.stdout.contains("What went wrong"),
        "{}",
        check.stdout
    );
    let page = page(out.path(), "2023-09-20-halt");
    assert!(
        !page.contains("What went well</li>"),
        "the page's checklist agrees"
    );
}

/// Held-out batch D's shapes: `#` headings for every section (learningequality's template),
/// the template itself left among the write-ups, unfilled template action items, `Fallout`
/// as the impact, and timelines written `2018-08-22, 03:26pm:` and `~19:00 UTC Monday Aug 27`.
#[test]
fn level_one_sections_templates_and_timelines_of_batch_d_read_as_written() {
    let (run, _kb, out) = build_kb(
        &[
            (
                "002-cloudflare-incomplete-migration.md",
                "## Owner: @ana\n\n# Overview\n\nOn 2017-09-18 the site went down for a few hours.\n\n# Root causes\n\n- The DNS wildcard was not migrated to the new nameservers.\n\n# Corrective actions\n\n- Avoid toplevel wildcards on the DNS level.\n- Use an uptime service to monitor all of our domains.\n",
            ),
            (
                "TEMPLATE.md",
                "## Owner: <Your name goes here>\n\n# Overview\n\n<Short 1-2 sentences summarizing the root cause.>\n",
            ),
            (
                "2019-08-05-token-logged.md",
                "# Token logged\n\n## Fallout\n\nAll trees were closed for 17 hours.\n\n## Timeline\n\n- ~19:00 UTC Monday Aug 5 - NS records migrated\n- 19:26 UTC - sheriffs detect infra issue, close trees\n- 2019-08-06, 10:08am: trees re-opened\n\n## Action Items\n\n- [ ] ${first item to help make this not happen again}\n- [ ] ${second item to help make this not happen again}\n",
            ),
        ],
        "timezone = \"UTC\"\n",
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    let rows = rows(out.path());
    let row = |id: &str| {
        rows.iter()
            .find(|r| r["id"] == id)
            .unwrap_or_else(|| panic!("{id}"))
    };
    let cf = row("002-cloudflare-incomplete-migration");
    assert_eq!(cf["title"], "Cloudflare incomplete migration");
    assert_eq!(cf["causes"].as_array().unwrap().len(), 1);
    assert_eq!(cf["action_items"].as_array().unwrap().len(), 2);
    assert!(
        rows.iter().all(|r| r["id"] != "template"),
        "the template is a draft"
    );
    assert!(
        run.stderr
            .contains("TEMPLATE.md:1:11: warning[placeholder-title]"),
        "{}",
        run.stderr
    );
    let token = row("2019-08-05-token-logged");
    assert_eq!(token["impact"], "All trees were closed for 17 hours.");
    assert_eq!(token["started"], "2019-08-05T19:00:00+00:00[UTC]");
    assert_eq!(token["detected"], "2019-08-05T19:26:00+00:00[UTC]");
    assert_eq!(token["resolved"], "2019-08-06T10:08:00+00:00[UTC]");
    assert!(token["action_items"].as_array().unwrap().is_empty());
}

/// A report that opens with `##` headings (Comdex's): its first is the title, a `## Date:`
/// heading dates it.
#[test]
fn a_report_without_a_title_heading_is_titled_and_dated_by_its_opening_headings() {
    let (run, _kb, out) = build_kb(
        &[
            (
                "incentives_epoch_miss.md",
                "## INCIDENT REPORT: cSwap Reward Distribution Failure\n## Date: 12th March 2023\n## Time: 5:13:57 UTC\n## Details:\nRewards were not distributed for one epoch.\n",
            ),
            (
                "summary_first.md",
                "## Summary\n\nA report whose first heading is a section.\n",
            ),
        ],
        "",
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    let page_of = |id: &str| page(out.path(), id);
    let report = page_of("incentives-epoch-miss");
    assert!(
        report.contains("<h1>cSwap Reward Distribution Failure</h1>"),
        "{report}"
    );
    assert!(
        report.contains(r#"<time datetime="2023-03-12">"#),
        "{report}"
    );
    // A section heading is no title: the file name gives it.
    assert!(page_of("summary-first").contains("<h1>Summary first</h1>"));
}

/// A folder that writes `P0` counts its `P` levels from 0 across every file: `P1` is the
/// second level, not the same as `P0`; `Sev 2` of another tool keeps its own number.
#[test]
fn a_kb_that_writes_p0_counts_its_p_severities_from_zero() {
    let mut files: Vec<(String, String)> = (0..4)
        .map(|i| {
            (
                format!("p{i}.md"),
                format!(
                    "---\ntitle: Outage {i}\nseverity: P{i}\nstarted: 2024-01-0{}\n---\nText.\n",
                    i + 1
                ),
            )
        })
        .collect();
    files.push((
        "sev.md".into(),
        "# Sev two\n\n**Severity:** Sev 2\n\nText.\n".into(),
    ));
    let refs: Vec<(&str, &str)> = files
        .iter()
        .map(|(p, t)| (p.as_str(), t.as_str()))
        .collect();
    let (run, _kb, out) = build_kb(&refs, "");
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stderr.contains("note[severity-scale]: this KB writes `P0`: its `P` severities count from 0 (P0 is SEV1, P1 is SEV2, P2 is SEV3, P3 is SEV4)"),
        "{}",
        run.stderr
    );
    let rows = rows(out.path());
    let severity = |id: &str| -> String {
        let v = rows.iter().find(|r| r["id"] == id).unwrap();
        v["severity"].as_str().unwrap_or_default().to_string()
    };
    assert_eq!(
        ["p0", "p1", "p2", "p3", "sev"].map(severity),
        ["SEV1", "SEV2", "SEV3", "SEV4", "SEV2"]
    );
}

/// A folder whose post-mortems all lack the same things gets one note saying how to turn
/// those warnings off, and the settings it gives do.
#[test]
fn check_says_once_what_most_post_mortems_lack_and_how_to_turn_it_off() {
    let kb = tempfile::tempdir().unwrap();
    let files: Vec<(String, String)> = (1..=5)
        .map(|i| {
            let when = if i == 5 { "\n**Severity:** SEV2\n" } else { "" };
            (
                format!("content/incidents/2016-02-0{i}-blog-post.md"),
                format!(
                    "# Post {i}\n{when}\n## Timeline\n\n- 10:00 - it broke\n- 11:00 - all clear\n"
                ),
            )
        })
        .collect();
    let refs: Vec<(&str, &str)> = files
        .iter()
        .map(|(p, t)| (p.as_str(), t.as_str()))
        .collect();
    write_files(kb.path(), &refs);
    let check = || check_in(kb.path(), &[]);
    let run = check();
    let note = (run.stdout.lines())
        .find(|l| l.contains("note[common-gaps]"))
        .unwrap_or_else(|| panic!("{}", run.stdout));
    assert!(note.starts_with("hindsight.toml:1:1: "), "{note}");
    // Four of five lack a severity (four fifths): named; every one lacks lessons learned.
    assert!(note.contains("`severity` (4 of 5)"), "{note}");
    assert!(note.contains("`lessons_learned` (5 of 5)"), "{note}");
    // The timeline is there: not named.
    assert!(!note.contains("`timeline`"), "{note}");
    let help = run
        .stdout
        .lines()
        .find(|l| l.contains("= help: add to hindsight.toml"))
        .unwrap();
    let settings = help.split_once(" with ").unwrap().1.replace(", ", "\n");
    write_files(
        kb.path(),
        &[("hindsight.toml", &format!("[lint.required]\n{settings}\n"))],
    );
    let run = check();
    assert!(!run.stdout.contains("common-gaps"), "{}", run.stdout);
    assert!(!run.stdout.contains("missing-section"), "{}", run.stdout);
    assert!(!run.stdout.contains("no `severity`"), "{}", run.stdout);
}

/// 30 files with an unknown key: the build prints 20 `unknown-key` warnings, says how many
/// more there are and counts every rule; `check` lists all 30.
#[test]
fn a_build_prints_twenty_warnings_of_a_rule_and_check_lists_all() {
    let kb = tempfile::tempdir().unwrap();
    let files: Vec<(String, String)> = (1..=30)
        .map(|i| {
            (
                format!("content/incidents/2020-01-{i:02}-outage.md"),
                format!(
                    "---\ntitle: Outage {i}\nsevrity: SEV2\nstarted: 2020-01-{i:02}T10:00:00Z\n---\n\nText.\n"
                ),
            )
        })
        .collect();
    let refs: Vec<(&str, &str)> = files
        .iter()
        .map(|(p, t)| (p.as_str(), t.as_str()))
        .collect();
    write_files(kb.path(), &refs);
    let run = |cmd: &[&str]| -> Run {
        bin()
            .args(cmd)
            .current_dir(kb.path())
            .output()
            .unwrap()
            .into()
    };
    let key_lines = |text: &str| {
        text.lines()
            .filter(|l| l.contains("warning[unknown-key]") && l.contains("`sevrity`"))
            .count()
    };
    let build = run(&["build", "--root", ".", "--output", "out"]);
    assert_eq!(build.code, 0, "{}", build.stderr);
    assert_eq!(key_lines(&build.stderr), 20, "{}", build.stderr);
    assert!(
        build
            .stderr
            .lines()
            .any(|l| l == "and 10 more `unknown-key` warnings (hindsight check lists all)"),
        "{}",
        build.stderr
    );
    assert!(
        build
            .stderr
            .lines()
            .any(|l| l == "by rule: 30 unknown-key warnings"),
        "{}",
        build.stderr
    );
    let check = run(&["check", "--root", "."]);
    assert_eq!(key_lines(&check.stdout) + key_lines(&check.stderr), 30);
}

/// Action items, causes and impact written as body sections (no front matter for them) appear
/// on the incident page, the follow-ups page and the cause page like front-matter ones; a
/// lint finding about one points at its line in the body; the front matter wins.
#[test]
fn body_sections_give_action_items_causes_and_impact() {
    let first = "---\ntitle: Payout retry storm\nseverity: SEV2\nstarted: 2022-09-12T09:00:00Z\n---\n\n## Impact\n\nPayouts were four hours late for 1,200 merchants.\n\n## Timeline\n\n- 09:00 — batch starts\n- 09:12 — alert fired for pool saturation\n- 09:40 — rolled back the concurrency change\n- 10:05 — all clear\n\n## Root cause\n\n- Retry storm against the ledger pool (Tools)\n- Nobody owned the batch settings\n\n## Action Items\n\n| Action | Owner | Ticket | Status |\n|---|---|---|---|\n| Backoff with jitter in the bank client | @ines | PAY-2041 | Done |\n| Separate ledger pools for payouts | | INFRA-3302 | In progress |\n";
    let second = "---\ntitle: Ledger pool exhausted again\nseverity: SEV3\nstarted: 2023-01-10T09:00:00Z\n---\n\n## Root causes\n\n- Retry storm against the ledger pool\n\n## Follow-ups\n\n- [ ] Pool panel and alert (@dana, OBS-902)\n";
    let fm_wins = "---\ntitle: Front matter wins\nseverity: SEV3\nstarted: 2023-02-01T09:00:00Z\nimpact: As the front matter says.\naction_items:\n  - text: The front matter's item\n    owner: ops\n---\n\n## Impact\n\nAs the body says.\n\n## Action items\n\n- [ ] The body's item @someone\n";
    let (run, kb, out) = build_kb(
        &[
            ("2022-09-12-retry-storm.md", first),
            ("2023-01-10-pool-again.md", second),
            ("2023-02-01-front-matter-wins.md", fm_wins),
        ],
        "",
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    let inc = page(out.path(), "2022-09-12-retry-storm");
    assert!(inc.contains("Payouts were four hours late for 1,200 merchants."));
    assert!(
        inc.contains("Backoff with jitter in the bank client"),
        "{inc}"
    );
    assert!(inc.contains("ines") && inc.contains("PAY-2041"));
    // Read from the body, the items are on the page once, in the author's table; their tracked
    // table is folded under one line.
    assert_eq!(
        inc.matches("Backoff with jitter in the bank client")
            .count(),
        2,
        "{inc}"
    );
    let tracked = &inc[inc.find("id=\"hs-actions\"").unwrap()..];
    assert!(
        tracked.contains("<details class=\"actions-tracked\">")
            && tracked.contains("2 action items read from the post-mortem's own list above, tracked on the follow-ups page: 1 open, 1 done"),
        "{tracked}"
    );
    let cause_url = "/causes/retry-storm-against-the-ledger-pool/";
    assert!(inc.contains(cause_url), "{inc}");
    assert!(inc.contains("/categories/uncategorized/"), "{inc}");
    // The timeline's words give the times the front matter left out.
    assert!(inc.contains(r#"datetime="2022-09-12T09:12:00Z""#), "{inc}");
    assert!(inc.contains(r#"datetime="2022-09-12T10:05:00Z""#), "{inc}");
    let followups = read(&out.path().join("follow-ups/index.html"));
    for text in [
        "Backoff with jitter in the bank client",
        "Separate ledger pools for payouts",
        "Pool panel and alert",
        "The front matter&#39;s item",
    ] {
        assert!(
            followups.contains(text) || followups.contains(&text.replace("&#39;", "'")),
            "{text} not on the follow-ups page"
        );
    }
    assert!(!followups.contains("The body&#39;s item") && !followups.contains("The body's item"));
    let cause = read(
        &out.path()
            .join("causes/retry-storm-against-the-ledger-pool/index.html"),
    );
    assert!(cause.contains("Payout retry storm") && cause.contains("Ledger pool exhausted again"));
    assert!(
        cause.contains("Backoff with jitter in the bank client"),
        "{cause}"
    );
    let uncategorized = read(&out.path().join("categories/uncategorized/index.html"));
    assert!(uncategorized.contains("Nobody owned the batch settings"));
    let wins = page(out.path(), "2023-02-01-front-matter-wins");
    assert!(wins.contains("As the front matter says."));
    assert!(
        !wins.contains("actions-tracked"),
        "front matter items are shown in full"
    );
    // `action-item-owner` points at the row in the body.
    let check = check_in(kb.path(), &[]);
    let all = format!("{}{}", check.stdout, check.stderr);
    assert!(
        all.contains(
            "content/incidents/2022-09-12-retry-storm.md:28:3: warning[action-item-owner]"
        ),
        "{all}"
    );
}

/// The post-mortems of `examples/real-shapes` state their action items and causes in their
/// bodies: most of them are read.
#[test]
fn real_shapes_action_items_and_causes_are_read_from_their_sections() {
    let out = tempfile::tempdir().unwrap();
    let run = build_in(&real_shapes(), out.path(), &[]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let json: serde_json::Value =
        serde_json::from_str(&read(&out.path().join("incidents.json"))).unwrap();
    let incidents = json["incidents"].as_array().or(json.as_array()).unwrap();
    let count = |key: &str| {
        let lens: Vec<usize> = incidents
            .iter()
            .map(|i| i[key].as_array().map_or(0, Vec::len))
            .collect();
        (
            lens.iter().sum::<usize>(),
            lens.iter().filter(|&&n| n > 0).count(),
        )
    };
    let (items, with_items) = count("action_items");
    let (causes, with_causes) = count("causes");
    assert!(
        items >= 140 && with_items >= 28,
        "{items} items in {with_items}"
    );
    assert!(
        causes >= 45 && with_causes >= 18,
        "{causes} causes in {with_causes}"
    );
    // The Google template's table: owner, type and bug by column name.
    let google = page(out.path(), "2019-07-02-edge-proxy-cpu-rule-4410");
    assert!(google.contains("Staged rollout for fastpush WAF changes"));
    assert!(google.contains("yusuf.demir") && google.contains("EDGE-1180"));
    // Its `<START OF OUTAGE>` and `<END OF OUTAGE>` marks start and end the incident (the
    // review of the rule at 13:31 comes before).
    let row = (rows(out.path()).into_iter())
        .find(|r| r["id"] == "2019-07-02-edge-proxy-cpu-rule-4410")
        .unwrap();
    assert_eq!(row["started"], "2019-07-02T13:42:00+00:00[UTC]", "{row}");
    assert_eq!(row["resolved"], "2019-07-02T14:09:00+00:00[UTC]", "{row}");
    // The Confluence export's HTML table, shown as text, on a page of the follow-ups.
    let follow: String = files_under(&out.path().join("follow-ups"))
        .iter()
        .map(|f| read(&out.path().join("follow-ups").join(f)))
        .collect();
    assert!(follow.contains("Move postgres logs to a separate volume on all DB hosts"));
}

#[test]
fn a_shared_cause_read_from_a_body_is_named_by_its_words() {
    let body = |title: &str| {
        format!(
            "# {title}\n\nThe controllers restarted.\n\n## Contributing Factors\n\n- No version lock on the Flux component in the cluster\n"
        )
    };
    let (run, _kb, out) = build_kb(
        &[
            ("PM2021-002 - Flux bump.md", &body("Flux version bump")),
            (
                "PM2021-003 - Flux bump again.md",
                &body("Flux version bump again"),
            ),
        ],
        "",
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    let page = page(out.path(), "pm2021-002-flux-bump");
    assert!(
        page.contains("shares “No version lock on the Flux component in the cluster”"),
        "{page}"
    );
    assert!(!page.contains("shares no-version-lock"), "not its slug");
}

#[test]
fn a_start_known_only_by_its_day_is_the_first_event_of_that_day() {
    let (run, _kb, out) = build_kb(
        &[
            (
                "2023-03-09-webhook-delays.md",
                "# Webhook deliveries delayed\n\n## Timeline\n\n- 09:12 — Alert fired: webhook queue age over 10 minutes\n- 09:40 — Rolled back the consumer release\n- 10:05 — All clear, backlog drained\n",
            ),
            (
                "2023-04-02-cache-flush.md",
                "# Cache flushed\n\n## Timeline\n\n- 2023-03-30 10:00 — The TTL change was reviewed\n- 2023-04-01 23:50 — Config change merged\n- 2023-04-02 00:10 — Alert fired on hit ratio\n",
            ),
        ],
        "timezone = \"UTC\"\n",
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    let webhook = page(out.path(), "2023-03-09-webhook-delays");
    assert!(
        webhook.contains(r#"<time datetime="2023-03-09T09:12:00Z">2023-03-09 09:12 UTC</time>"#),
        "{webhook}"
    );
    // The first event is the detection: when the incident began before it is not said.
    assert!(!webhook.contains("Time to detect"), "{webhook}");
    assert!(
        webhook.contains("<dt>Time to mitigate</dt><dd>28 min</dd>"),
        "{webhook}"
    );
    assert!(
        webhook.contains("<dt>Time to resolve</dt><dd>53 min</dd>"),
        "{webhook}"
    );
    // The evening before the file name's day starts it; a change days before is history.
    let cache = page(out.path(), "2023-04-02-cache-flush");
    assert!(
        cache.contains(r#"<time datetime="2023-04-01T23:50:00Z">2023-04-01 23:50 UTC</time>"#),
        "{cache}"
    );
    assert!(
        cache.contains("<dt>Time to detect</dt><dd>20 min</dd>"),
        "{cache}"
    );
    // A timeline that ends before the file name's day: the name is when it was written up.
    let (run, _kb, out) = build_kb(
        &[(
            "2023-08-04-runners.md",
            "# Compromised runners\n\n## Timeline\n\n- 07-29-2023 11:51 am - Unauthorized access to the runners was gained\n- 07-31-2023 9:13 am - a report was submitted, detected\n- 07-31-2023 11:20 am - all runners were stopped, resolved\n",
        )],
        "timezone = \"UTC\"\n",
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    let runners = page(out.path(), "2023-08-04-runners");
    assert!(
        runners.contains(r#"<time datetime="2023-07-29T11:51:00Z">2023-07-29 11:51 UTC</time>"#),
        "{runners}"
    );
}

#[test]
fn a_summary_given_only_in_the_front_matter_is_on_the_page() {
    let (run, _kb, out) = build_kb(
        &[
            (
                "simpledb.md",
                "---\ntitle: SimpleDB storage nodes lost power\nsummary: The lock service de-registered the nodes faster than they could rejoin.\n---\nProse of the provider's write-up.\n",
            ),
            (
                "both.md",
                "---\ntitle: Both\nsummary: Said twice.\n---\n## Summary\n\nThe body's own summary.\n",
            ),
        ],
        "",
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(page(out.path(), "simpledb").contains(
        r#"<p class="lead">The lock service de-registered the nodes faster than they could rejoin.</p>"#
    ));
    let both = page(out.path(), "both");
    assert!(
        !both.contains(r#"class="lead""#),
        "the Summary section shows it: {both}"
    );
}

#[test]
fn images_beside_a_post_mortem_are_copied_next_to_its_page() {
    let kb = tempfile::tempdir().unwrap();
    write_files(
        kb.path(),
        &[
            (
                "content/incidents/2019/PM2019-008 - AZ degradation.md",
                "# AWS availability zone degradation\n\n![AWS status page](./PM2019-008&#32;-&#32;status.png)\n\n![graph](img/errors%20by%20minute.png)\n\n![gone](./missing.png)\n\n![outside](../../../secret.png)\n\n<p><img alt=\"pods\" SRC='img/pods.png' width=\"600\"></p>\n\nAs wiki exports write it: <img src=\"../../../secret.png\">\n",
            ),
            ("secret.png", "not content"),
        ],
    );
    let dir = kb.path().join("content/incidents/2019");
    std::fs::write(dir.join("PM2019-008 - status.png"), b"\x89PNG status").unwrap();
    std::fs::create_dir_all(dir.join("img")).unwrap();
    std::fs::write(dir.join("img/errors by minute.png"), b"\x89PNG graph").unwrap();
    std::fs::write(dir.join("img/pods.png"), b"\x89PNG pods").unwrap();
    let out = tempfile::tempdir().unwrap();
    let run = build_in(kb.path(), out.path(), &[]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let page_dir = out.path().join("incidents/pm2019-008-az-degradation");
    assert_eq!(
        std::fs::read(page_dir.join("PM2019-008 - status.png")).unwrap(),
        b"\x89PNG status"
    );
    assert_eq!(
        std::fs::read(page_dir.join("img/errors by minute.png")).unwrap(),
        b"\x89PNG graph"
    );
    assert!(
        run.stderr.contains(
            "PM2019-008 - AZ degradation.md:7:1: warning[missing-image]: `./missing.png` is not beside the post-mortem"
        ),
        "{}",
        run.stderr
    );
    // An HTML image is copied too, and shown from beside the page.
    assert_eq!(
        std::fs::read(page_dir.join("img/pods.png")).unwrap(),
        b"\x89PNG pods"
    );
    assert!(read(&page_dir.join("index.html")).contains("src=\"img/pods.png\""));
    assert!(
        run.stderr.contains(":13:"),
        "the HTML image above the folder is told: {}",
        run.stderr
    );
    // An address above the page's folder is not followed out of the content.
    assert!(!out.path().join("secret.png").exists());
    assert!(!out.path().join("incidents/secret.png").exists());
}

#[test]
fn durations_a_write_up_states_count_when_its_times_do_not_say() {
    let (run, _kb, out) = build_kb(
        &[
            (
                "PM2021-005 - 503s.md",
                "# All services returning 503\n\n## Timeline\n\n| Time | Event |\n| --- | --- |\n| 2021-06-22 08:21 | Alert fired: 5xx on every ALB |\n| 2021-06-22 08:46 | All clear |\n\n# Stats\n\n- Time to detection: 8 minutes\n- Time to recovery: 33 minutes\n",
            ),
            (
                "exact.md",
                "---\ntitle: Exact times\nstarted: 2021-06-22T08:00:00Z\nresolved: 2021-06-22T09:00:00Z\n---\n- Time to recovery: 5 minutes\n- Time to detection: 12 minutes\n",
            ),
        ],
        "",
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    // The start is only the first event: the team's own figures.
    let stats = page(out.path(), "pm2021-005-503s");
    assert!(
        stats.contains("<dt>Time to detect</dt><dd>8 min</dd>"),
        "{stats}"
    );
    assert!(
        stats.contains("<dt>Time to resolve</dt><dd>33 min</dd>"),
        "{stats}"
    );
    // The front matter's times win; a figure they do not give is taken as written.
    let exact = page(out.path(), "exact");
    assert!(
        exact.contains("<dt>Time to resolve</dt><dd>1 h</dd>"),
        "{exact}"
    );
    assert!(
        exact.contains("<dt>Time to detect</dt><dd>12 min</dd>"),
        "{exact}"
    );
    let metrics = read(&out.path().join("metrics/index.html"));
    assert!(metrics.contains("known for 2 of 2"), "{metrics}");
}

#[test]
fn a_file_named_by_an_identifier_is_titled_by_what_it_says_first() {
    let (run, _kb, out) = build_kb(
        &[
            (
                "293a205b-d34b-4817-9459-44144b57c116.md",
                "---\nurl: \"https://medium.com/making-instapaper/outage\"\n---\nAlso [this](https://blog.example.com/post/1). Limits were hit for a hosted database. It took many hours to migrate.\n",
            ),
            (
                "00b7f759-21f8-4767-8803-f09d863005cd.md",
                "---\nsummary: Storage nodes lost power in one data center. The lock service removed them.\n---\nOn June 13 we had a disruption.\n",
            ),
        ],
        "",
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    let a = page(out.path(), "293a205b-d34b-4817-9459-44144b57c116");
    assert!(
        a.contains("<h1>Limits were hit for a hosted database</h1>"),
        "{a}"
    );
    let b = page(out.path(), "00b7f759-21f8-4767-8803-f09d863005cd");
    assert!(
        b.contains("<h1>Storage nodes lost power in one data center</h1>"),
        "{b}"
    );
}

#[test]
fn an_undated_write_up_is_dated_by_the_day_its_opening_names() {
    let (run, _kb, out) = build_kb(
        &[
            (
                "crates-io.md",
                "---\ntitle: crates.io downloads failing\nstart_time: \"\"\n---\nOn 2023-07-20 between 12:17 and 12:30 UTC all downloads from crates.io failed.\n\nLater, on 2023-07-21, a fix was deployed.\n",
            ),
            ("nothing.md", "# No day anywhere\n\nSomething broke once.\n"),
            (
                "surveys.md",
                "# Surveys broke\n\nOn October 3, 2025, the surveys extension broke.\n\n## Timeline\n\n- **10:45** - a release went out\n- **16:11** - all clear\n",
            ),
        ],
        "",
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    // Its timeline's times are on that day, not dropped for want of one.
    assert!(
        !run.stderr.contains("has no `started` day"),
        "{}",
        run.stderr
    );
    let surveys = page(out.path(), "surveys");
    assert!(surveys.contains("2025-10-03T10:45"), "{surveys}");
    assert!(surveys.contains("2025-10-03T16:11"), "{surveys}");
    // Dated by its opening, which also says when it began ("between 12:17 and 12:30 UTC").
    let dated = page(out.path(), "crates-io");
    assert!(
        dated.contains(r#"<time datetime="2023-07-20T12:17:00Z">2023-07-20 12:17 UTC</time>"#),
        "{dated}"
    );
    let archive = read(&out.path().join("incidents/index.html"));
    let last_row = archive.rfind("<tr data-date").unwrap();
    assert!(
        archive[last_row..].contains("No day anywhere"),
        "still undated"
    );
}

#[test]
fn files_of_one_name_in_year_folders_are_told_apart_by_their_folders() {
    let (run, _kb, out) = build_kb(
        &[
            (
                "2024/10/saas-outage.md",
                "# SaaS outage in October\n\n**Date:** 2024-10-03\n\n## Summary\n\nThe older one.\n",
            ),
            (
                "2025/05/saas-outage.md",
                "# SaaS outage in May\n\n**Date:** 2025-05-03\n\n## Summary\n\nThe newer one.\n",
            ),
        ],
        "",
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        page(out.path(), "saas-outage").contains("The older one."),
        "the oldest keeps the name's id"
    );
    assert!(page(out.path(), "2025-05-saas-outage").contains("The newer one."));
    assert!(
        run.stderr.contains(
            "content/incidents/2025/05/saas-outage.md:1:1: warning[duplicate-id]: an older post-mortem is named `saas-outage` too: this one's id, and its address, is `2025-05-saas-outage`"
        ),
        "{}",
        run.stderr
    );
    // Ids the writer set are theirs: two alike are still an error.
    let (run, _kb, _out) = build_kb(
        &[
            ("2024/a.md", "---\nid: checkout\n---\n# A\n"),
            ("2025/b.md", "---\nid: checkout\n---\n# B\n"),
        ],
        "",
    );
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(run.stderr.contains("error[duplicate-id]"), "{}", run.stderr);
}

#[test]
fn a_folder_per_post_mortem_is_named_by_its_folder_and_folder_pages_are_skipped() {
    let (run, _kb, out) = build_kb(
        &[
            (
                "README.md",
                "Our post-mortems, one file each. Copy the template to start one.\n",
            ),
            ("_index.md", "---\ntitle: Incidents\n---\nThe list.\n"),
            (
                "2023-11-06-crossplane-upgrade/README.md",
                "# Crossplane upgrade lost data\n\n## Impact\n\nStatus messages stopped.\n",
            ),
            (
                "2024-01-02-dns-timeouts/index.md",
                "Resolvers timed out under load.\n\n## Impact\n\nSlow checkouts.\n",
            ),
            // A year folder's README beside its post-mortems describes the folder.
            ("2025/README.md", "Post-mortems of 2025.\n"),
            (
                "2025/2025-02-03-queue-backlog.md",
                "# Queue backlog\n\nSlow.\n",
            ),
        ],
        "",
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    let built = run
        .stderr
        .lines()
        .find(|l| l.starts_with("Built "))
        .unwrap();
    assert!(built.contains("for 3 incidents"), "{}", run.stderr);
    let crossplane = page(out.path(), "2023-11-06-crossplane-upgrade");
    assert!(crossplane.contains("Crossplane upgrade lost data"));
    // Named and dated by its folder, as its file name would.
    let dns = page(out.path(), "2024-01-02-dns-timeouts");
    assert!(dns.contains("2024-01-02"), "{dns}");
    assert!(!run.stderr.contains("duplicate-id"), "{}", run.stderr);
    assert!(!out.path().join("incidents/readme").exists());
    let check = check_in(_kb.path(), &[]);
    for skipped in ["README.md", "_index.md", "2025/README.md"] {
        assert!(
            check.stdout.contains(&format!(
                "content/incidents/{skipped}:1:1: note[folder-page]: skipped:"
            )),
            "{skipped}: {}",
            check.stdout
        );
    }
}

#[test]
fn headings_of_the_common_templates_name_their_sections() {
    // The Google SRE template's headings, a note on the Timeline heading, and the other
    // spellings of "what went wrong" that real write-ups use.
    let file = "# Runners failed after an upgrade\n\n**Date:** 2024-09-17\n\n## Issue Summary\n\nCI runners failed to start jobs for two hours.\n\n## Timeline (times in BST)\n\n- 08:30 — alert fired for queued jobs\n- 09:10 — rollback attempted\n- 09:40 — rollback fails on a locked state file\n- 10:05 — rolled back by hand\n- 10:30 — all clear\n\n## What didn't go well\n\nThe alert named the wrong runner pool.\n\n## What went well\n\nThe rollback runbook was current.\n\n## Lessons learnt\n\nState locks need an owner.\n\n## Corrective and Preventative Measures\n\n1. Add an alert on queued jobs per pool.\n2. Give the state lock a timeout.\n";
    let (run, _kb, out) = build_kb(&[("runners.md", file)], "");
    assert_eq!(run.code, 0, "{}", run.stderr);
    for rule in ["missing-section", "no-action-items"] {
        assert!(
            !run.stderr.contains(&format!("[{rule}]")),
            "{rule}: {}",
            run.stderr
        );
    }
    let line = read(&out.path().join("incidents.ndjson"));
    let v: serde_json::Value = serde_json::from_str(line.trim()).unwrap();
    assert_eq!(
        v["summary"], "CI runners failed to start jobs for two hours.",
        "{line}"
    );
    // The heading's zone: 08:30 BST is 07:30 UTC; not the rollback tried and failed.
    assert_eq!(v["detected"], "2024-09-17T08:30:00+01:00[+01:00]", "{line}");
    assert_eq!(
        v["mitigated"], "2024-09-17T10:05:00+01:00[+01:00]",
        "{line}"
    );
    assert_eq!(v["resolved"], "2024-09-17T10:30:00+01:00[+01:00]", "{line}");
    let actions: Vec<&str> = (v["action_items"].as_array().unwrap().iter())
        .map(|a| a["text"].as_str().unwrap())
        .collect();
    assert_eq!(
        actions,
        [
            "Add an alert on queued jobs per pool.",
            "Give the state lock a timeout."
        ]
    );
}

#[test]
fn a_rule_on_top_and_a_footnote_link_build_as_github_shows_them() {
    let (run, _kb, out) = build_kb(
        &[
            (
                "2026-06-10-boot-failure.md",
                "---\n\n# Incident Report: Boot failure after a kernel update\n\nDate: 2026-06-10\n**Severity:** P2 Medium\n\n## 2. Timeline\n\n| Time (EDT) | Event |\n|---|---|\n| 04:44 | Update installed |\n| 2026-06-10 ~05:10 | Reboot hangs at the splash screen |\n\n---\n",
            ),
            (
                "yearn.md",
                "# Yearn exploit\n\n_Daniel Von Fange_\n\n## Technical description\n\nUsing one of the transactions[[4]](#References) as an example.\n\nThe rule is in [the pickling guide](../../.github/pickle.md).\n",
            ),
        ],
        "timezone = \"UTC\"\n",
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    let boot = page(out.path(), "2026-06-10-boot-failure");
    assert!(
        boot.contains("<h1>Boot failure after a kernel update</h1>"),
        "{boot}"
    );
    // The EDT times are on the 10th, not the evening before.
    assert!(
        boot.contains(r#"<time datetime="2026-06-10T08:44:00Z">2026-06-10 04:44 UTC-04</time>"#),
        "{boot}"
    );
    assert!(boot.contains(r#"<a class="badge sev sev-sev2""#), "{boot}");
    let yearn = page(out.path(), "yearn");
    assert!(
        yearn.contains(r##"<a href="#References">[4]</a>"##),
        "{yearn}"
    );
    // A link to the repository's other docs, above `content/`: its text, and a warning.
    assert!(
        yearn.contains(
            r#"The rule is in <span class="link-absent" title="not in this archive">the pickling guide</span>."#
        ),
        "{yearn}"
    );
    assert!(
        run.stderr.contains("warning[outside-link]"),
        "{}",
        run.stderr
    );
    let rows = rows(out.path());
    let yearn = rows.iter().find(|r| r["id"] == "yearn").unwrap();
    assert_eq!(
        yearn["summary"],
        "Using one of the transactions[4] as an example."
    );
}

/// The post-mortem template left among the post-mortems (`TEMPLATE.md`, placeholders only) is
/// said to be the template, once, and its placeholders are not linted as an incident's
/// findings (no owner for `[Item 1]`, no "has this happened before?").
#[test]
fn the_template_among_the_post_mortems_is_named_once_not_linted() {
    let template = "# Incident Title\n\n**Authors:** <Your name goes here>\n\n## Summary\n\n<What happened, in two sentences.>\n\n## Root causes\n\n- [Environmental or process issues that exacerbated the incident.]\n\n## Action items\n\n- **Action Item**: [Item 1] [Priority: High/Medium]\n- Item 1\n";
    let real = "---\ntitle: API gateway timeouts after a config push\nseverity: SEV2\nstarted: 2024-03-02T10:00:00Z\n---\n\n## Summary\n\nThe API gateway timed out after a config push.\n\n## Action items\n\n- Add a canary stage\n";
    let kb = tempfile::tempdir().unwrap();
    write_files(
        kb.path(),
        &[
            ("content/incidents/TEMPLATE.md", template),
            ("content/incidents/2024-03-02-api-timeouts.md", real),
        ],
    );
    let run = check_in(kb.path(), &["--format", "json"]);
    let codes: Vec<String> = (run.stdout.lines())
        .map(|l| serde_json::from_str::<serde_json::Value>(l).unwrap())
        .filter(|d| d["path"].as_str().is_some_and(|p| p.contains("TEMPLATE")))
        .map(|d| d["code"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(codes, ["placeholder-title"], "{}", run.stdout);
    // The real post-mortem is still linted.
    assert!(run.stdout.contains("action-item-owner"), "{}", run.stdout);
}

/// Shapes a probe of exports found unread: a Google Docs paste whose headings are bold lines,
/// a Confluence page-properties table, a FireHydrant export's 12-hour clock with a zone, a
/// GitHub issue's `Incident start:`/`Incident end:` lines.
#[test]
fn bold_line_headings_field_tables_and_twelve_hour_clocks_are_read() {
    let (run, _kb, out) = build_kb(
        &[
            (
                "Postmortem_ Queue lag (4 Apr 2024).md",
                "**Postmortem: Queue lag delays invoices**\n\n**Date:** 4 Apr 2024\n**Severity:** high\n\n**Summary**\n\nInvoices were late by up to two hours.\n\n**Impact**\n\n*   2,300 invoices were sent late.\n\n**Timeline (UTC)**\n\n| Time | Event |\n| :---- | :---- |\n| 09:10 | A consumer deploy starts |\n| 09:40 | Lag alert fires |\n| 11:05 | Lag back to zero; incident resolved |\n\n**Root Cause**\n\nThe new consumer build acknowledged messages before writing them.\n\n**Action Items**\n\n| Action | Owner | Status |\n| :---- | :---- | :---- |\n| Alert on consumer lag per partition | Ines | Done |\n| Add an ack-after-write test | Tomas | Open |\n",
            ),
            (
                "INC-88 Card declines.md",
                "# INC-88 Card declines\n\n| | |\n|---|---|\n| **Severity** | Sev 2 |\n| **Incident date** | 2024-04-02 |\n| **Status** | Resolved |\n\n## What happened\n\nThe issuer rejected renewed cards.\n",
            ),
            (
                "billing.md",
                "# Nightly billing run failed\n\n**Started:** Apr 3, 2024 10:14 PM EST\n**Reported at:** Apr 3, 2024 10:31 PM EST\n**Resolved:** Apr 4, 2024 7:40 AM EST\n\n## Summary\n\nThe nightly run stopped halfway.\n",
            ),
            (
                "Flag flip 8a1b2c3d4e5f67890abcdef123456789.md",
                "# Checkout 500s after a flag flip\n\nDate: April 6, 2024 10:14 AM\nSeverity: P1\nServices: checkout, Feature Flags\nTags: #flags\n\n## Timeline\n\nAll times CET.\n\n- 10:14 AM — the flag went to 100%\n- 10:17 AM — the error-rate alert fired\n- 10:45 AM — error rate back to normal; resolved\n",
            ),
            (
                "cdn.md",
                "# CDN certificate expired\n\n**Date:** 12/03/2024\n\n## Timeline\n\n| Date | Time (UTC) | Event |\n|---|---|---|\n| 12/03/2024 | 00:00 | The certificate expires |\n| 12/03/2024 | 00:04 | A synthetic check fails |\n| 12/03/2024 | 07:25 | All clear |\n\n## Action items\n\n| Action | Owner | Due |\n|---|---|---|\n| Alert on renewal failures | Priya | 19/03/2024 |\n| Page on synthetic checks | Tom | 02/04/2024 |\n",
            ),
            (
                "runners.md",
                "# CI runners lost their token\n\n**Incident start:** 2024-04-05T10:14:00+01:00\n**Incident end:** 2024-04-05T12:02:00+01:00\n\nJobs queued for two hours.\n",
            ),
        ],
        "",
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    let rows = rows(out.path());
    let row = |title: &str| {
        rows.iter()
            .find(|r| r["title"].as_str().unwrap().starts_with(title))
            .unwrap_or_else(|| panic!("no {title} in {rows:?}"))
            .clone()
    };
    let docs = row("Queue lag delays invoices");
    assert_eq!(docs["summary"], "Invoices were late by up to two hours.");
    assert_eq!(docs["impact"], "2,300 invoices were sent late.");
    assert_eq!(docs["started"], "2024-04-04T09:10:00+00:00[UTC]");
    assert_eq!(docs["minutes_to_resolve"], 115, "{docs}");
    assert_eq!(docs["causes"].as_array().unwrap().len(), 1, "{docs}");
    let items = docs["action_items"].as_array().unwrap();
    assert_eq!(items.len(), 2, "{docs}");
    assert_eq!(items[0]["owner"], "Ines");
    assert_eq!(items[0]["status"], "done");
    let confluence = row("INC-88");
    assert_eq!(confluence["severity"], "SEV2");
    assert_eq!(confluence["started"], "2024-04-02");
    let billing = row("Nightly billing");
    assert_eq!(billing["started"], "2024-04-03T22:14:00-05:00[-05:00]");
    assert_eq!(billing["minutes_to_detect"], 17);
    assert_eq!(billing["minutes_to_resolve"], 566);
    // A date line with no zone over a timeline whose times are in CET: its clock is CET too.
    let notion = row("Checkout 500s after a flag flip");
    // Notion's 32 hex digits: four stay in the id.
    assert_eq!(notion["id"], "flag-flip-8a1b");
    assert_eq!(
        notion["started"], "2024-04-06T10:14:00+01:00[+01:00]",
        "{notion}"
    );
    assert_eq!(notion["minutes_to_detect"], 3);
    assert_eq!(notion["minutes_to_resolve"], 31);
    assert_eq!(
        notion["services"],
        serde_json::json!(["checkout", "feature-flags"])
    );
    assert_eq!(notion["tags"], serde_json::json!(["flags"]));
    // Slashed dates, day first as one of them (19/03/2024) shows.
    let cdn = row("CDN certificate expired");
    assert_eq!(cdn["started"], "2024-03-12T00:00:00+00:00[UTC]", "{cdn}");
    assert_eq!(cdn["minutes_to_resolve"], 445);
    assert_eq!(cdn["action_items"][1]["due"], "2024-04-02");
    let runners = row("CI runners");
    assert_eq!(runners["minutes_to_resolve"], 108, "{runners}");
}

/// Hugo's `[params]` (where Hugo 0.123 and later want a page's own fields) are the incident's
/// fields, and a bad one is reported where it is written.
#[test]
fn hugo_params_are_the_incidents_fields() {
    let file = "+++\ntitle = \"Orders DB connection storm\"\ndate = 2024-03-03T10:14:00+01:00\n[params]\nseverity = \"critical\"\nservices = [\"orders\", \"pgbouncer\"]\n+++\n\nThe pool ran out.\n";
    let (run, _kb, out) = build_kb(&[("storm.md", file)], "");
    assert_eq!(run.code, 0, "{}", run.stderr);
    let row = &rows(out.path())[0];
    assert_eq!(row["severity"], "SEV1");
    assert_eq!(row["services"], serde_json::json!(["orders", "pgbouncer"]));
    let bad = file.replace("+++\n\n", "resolved = \"not a time\"\n+++\n\n");
    let (run, _kb, _out) = build_kb(&[("storm.md", &bad)], "");
    assert_eq!(run.code, 1);
    assert!(
        run.stderr.contains("storm.md:7:12: error[bad-date]"),
        "{}",
        run.stderr
    );
}

#[test]
fn boxes_of_documentation_sites_render_as_asides_and_are_read() {
    let mkdocs = "---\ntitle: SSO logins failing\ndate:\n  created: 2025-09-20\n  updated: 2025-09-22\ntags: [sso]\n---\n\n# SSO logins failing\n\n**Incident date:** 16 September 2025 · **Severity:** SEV\\-2\n\n!!! warning \"Impact\"\n    About 1,150 employees could not log in for 2 h 45 min.\n\n## Root cause\n\n=== \"Summary\"\n    The intermediate certificate expired at 08:55.\n\n=== \"Details\"\n    Nobody watched its expiry date.\n\n## Timeline\n\nAll times UTC.\n\n- 08:55 Logins start failing.\n- 09:02 Alert fires; the on-call is paged.\n- 11:40 New chain deployed; incident resolved.\n";
    let docusaurus = "---\ntitle: Checkout 504s\nsidebar_position: 2\n---\n\n:::info Incident summary\n\n| Field | Value |\n|---|---|\n| **Severity** | SEV1 |\n| **Start** | 2023-08-21 06:40 UTC |\n| **Mitigated** | 2023-08-21 07:47 UTC |\n| **Resolved** | 2023-08-21 08:54 UTC |\n| **Status** | IN PROGRESS |\n\n:::\n\n## Impact\n\n:::danger Customer impact\n\nAll enterprise customers could not log in.\n\n:::\n\n## Timeline\n\n- 06:40 Certificate rotated.\n- 07:02 Alert fires.\n- 07:31 Rollback started.\n- 08:54 Fixed.\n";
    let hugo = "+++\ntitle = \"Image resizer overload\"\ndate = 2024-12-03\n+++\n\nOn 29 November 2024 at 06:58 UTC the image resizer began to time out.\n\n## Impact\n\n{{% notice warning %}} About 18% of product image requests failed. {{% /notice %}}\n\n{{< alert title=\"What went well\" >}}\nThe CDN kept serving cached images.\n{{< /alert >}}\n";
    let (run, _kb, out) = build_kb(
        &[
            ("sso.md", mkdocs),
            ("checkout.md", docusaurus),
            ("resizer.md", hugo),
        ],
        "",
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    let rows = rows(out.path());
    let row = |id: &str| rows.iter().find(|r| r["id"] == id).unwrap().clone();
    // MkDocs: the blog's date mapping is read, and the metadata line's earlier day is the
    // incident's (the post was published four days later).
    let sso = row("sso");
    assert_eq!(sso["started"], "2025-09-16T08:55:00+00:00[UTC]");
    assert_eq!(sso["resolved"], "2025-09-16T11:40:00+00:00[UTC]");
    assert_eq!(sso["updated"], "2025-09-22");
    assert_eq!(sso["severity"], "SEV2", "Google Docs' `SEV\\-2`");
    assert_eq!(
        sso["impact"],
        "About 1,150 employees could not log in for 2 h 45 min."
    );
    let causes = sso["causes"].to_string();
    assert!(
        causes.contains("intermediate certificate expired"),
        "{causes}"
    );
    assert!(
        !causes.contains("\"summary\""),
        "a tab's title is no cause: {causes}"
    );
    let page_sso = page(out.path(), "sso");
    assert!(
        page_sso.contains("<blockquote>"),
        "the admonition is an aside"
    );
    assert!(!page_sso.contains("!!! warning"), "its marker is not shown");
    assert!(
        !page_sso.contains("<pre><code>About 1,150"),
        "its text is no code block"
    );
    // Docusaurus: the details table inside a box is read, its `Mitigated` row too (over the
    // timeline's rollback), and `IN PROGRESS` publishes the write-up with the review badge.
    let checkout = row("checkout");
    assert_eq!(checkout["severity"], "SEV1");
    assert_eq!(checkout["status"], "review");
    assert_eq!(checkout["mitigated"], "2023-08-21T07:47:00+00:00[UTC]");
    assert_eq!(
        checkout["impact"],
        "All enterprise customers could not log in."
    );
    assert!(!page(out.path(), "checkout").contains(":::danger"));
    // Hugo: the opening's day wins over the later `date`; a one-line notice is the impact.
    let resizer = row("resizer");
    assert_eq!(resizer["started"], "2024-11-29T06:58:00+00:00[UTC]");
    assert_eq!(
        resizer["impact"],
        "About 18% of product image requests failed."
    );
    let page_resizer = page(out.path(), "resizer");
    assert!(
        !page_resizer.contains("{{"),
        "no shortcode is shown as text"
    );
    assert!(page_resizer.contains("The CDN kept serving cached images."));
}

#[test]
fn a_timeline_without_a_zone_takes_the_documents_note_or_its_stated_start() {
    // Rootly: the times in a wide table of fields, with their zone; the timeline without.
    let rootly = "# Orders DB connection pool exhaustion\n\n| Started at | Detected at | Mitigated at | Resolved at |\n|---|---|---|---|\n| Aug 19, 2022 03:47 AM EDT | Aug 19, 2022 03:52 AM EDT | Aug 19, 2022 05:06 AM EDT | Aug 19, 2022 06:30 AM EDT |\n\n## Timeline\n\n| Date | Event |\n|---|---|\n| 08/19/2022 03:30:04 AM | CronJob starts |\n| 08/19/2022 03:52:40 AM | Alert triggered, paged the on-call |\n| 08/19/2022 06:30:00 AM | Status changed to Resolved |\n";
    // A note in a box at the top, not under the Timeline heading.
    let noted = "---\ntitle: Image resizer saturation\n---\n\n:::info\nAll times in this page are Pacific (PST).\n:::\n\n## Timeline\n\n- 2024-11-29 06:58 Resizer pods hit their maximum.\n- 2024-11-29 07:06 Alert fires.\n- 2024-11-29 08:21 Maximum raised; incident resolved.\n";
    let (run, _kb, out) = build_kb(&[("rootly.md", rootly), ("noted.md", noted)], "");
    assert_eq!(run.code, 0, "{}", run.stderr);
    let rows = rows(out.path());
    let row = |id: &str| rows.iter().find(|r| r["id"] == id).unwrap().clone();
    let r = row("rootly");
    assert_eq!(r["started"], "2022-08-19T03:47:00-04:00[-04:00]");
    assert_eq!(r["mitigated"], "2022-08-19T05:06:00-04:00[-04:00]");
    assert_eq!(r["minutes_to_detect"], 5);
    assert_eq!(r["minutes_to_resolve"], 163);
    let n = row("noted");
    assert_eq!(n["started"], "2024-11-29T06:58:00-08:00[-08:00]");
    assert_eq!(n["minutes_to_resolve"], 83);
}

#[test]
fn a_timeline_written_as_an_html_table_gives_its_events() {
    let wiki = "# SSO login failures\n\n**Incident date:** 9 November 2021\n\n## Timeline\n\nAll times CET.\n\n<table>\n<tbody>\n<tr><th>Time</th><th>Event</th></tr>\n<tr><td>08:15</td><td>Certificate expires; first failed logins</td></tr>\n<tr><td>08:44</td><td>Service desk escalates to the Identity team</td></tr>\n<tr><td>10:05</td><td>Logins working for all apps; incident resolved</td></tr>\n</tbody>\n</table>\n";
    let (run, _kb, out) = build_kb(&[("sso.md", wiki)], "");
    assert_eq!(run.code, 0, "{}", run.stderr);
    let row = &rows(out.path())[0];
    assert_eq!(row["started"], "2021-11-09T08:15:00+01:00[+01:00]");
    assert_eq!(row["detected"], "2021-11-09T08:44:00+01:00[+01:00]");
    assert_eq!(row["resolved"], "2021-11-09T10:05:00+01:00[+01:00]");
}

#[test]
fn french_and_japanese_write_ups_are_read_without_a_config() {
    let fr = "# Panne de facturation\n\n**Date de l'incident :** 12 mars 2024\n\n## Chronologie\n\nToutes les heures sont en heure de Paris (CET, UTC+1).\n\n- 14h05 : les écritures en base échouent\n- 14h12 : alerte détectée par l'astreinte\n- 15h40 : service rétabli, incident résolu\n\n## Cause racine\n\nLa bascule du cluster a laissé l'application sur l'ancien primaire en lecture seule.\n\n## Actions correctives\n\n| Action | Responsable | Statut |\n|---|---|---|\n| Tester la bascule en préproduction | Claire | Terminé |\n";
    let ja = "# 決済APIのタイムアウト多発について\n\n| 項目 | 内容 |\n|---|---|\n| 発生日時 | 2022年10月27日(木) 10:12 |\n\n※時刻はすべて日本時間（JST）です。\n\n## タイムライン\n\n- 10:19 アラート検知\n- 11:48 復旧\n\n## 原因\n\n接続プールの上限が低すぎた。\n";
    let (run, _kb, out) = build_kb(&[("panne.md", fr), ("kessai.md", ja)], "");
    assert_eq!(run.code, 0, "{}", run.stderr);
    let rows = rows(out.path());
    let row = |id: &str| rows.iter().find(|r| r["id"] == id).unwrap().clone();
    let p = row("panne");
    assert_eq!(p["started"], "2024-03-12T14:05:00+01:00[+01:00]");
    assert_eq!(p["resolved"], "2024-03-12T15:40:00+01:00[+01:00]");
    assert_eq!(p["causes"].as_array().unwrap().len(), 1);
    assert_eq!(p["action_items"][0]["owner"], "Claire");
    let k = row("kessai");
    assert_eq!(k["started"], "2022-10-27T10:12:00+09:00[+09:00]");
    assert_eq!(k["minutes_to_detect"], 7);
    assert_eq!(k["causes"].as_array().unwrap().len(), 1);
}

/// A homegrown front matter: `sev`, `incident_start` with a zone abbreviation, a `followups`
/// list with `task`, `assignee` and another tool's `state` words. It built with an error
/// (`22:02 JST` was not a time) and read none of its follow-ups.
#[test]
fn a_homegrown_front_matter_with_zone_abbreviations_and_followups_reads() {
    let text = "---\ntitle: Uploads failing\nsev: P1\nincident_start: \"2024-12-03 21:14 JST\"\nmitigated: \"2024-12-03 22:02 JST\"\ncustomer_impact: Uploads failed for 48 minutes.\nfollowups:\n  - task: Abort incomplete uploads after 24h\n    assignee: yuki\n    state: done\n  - task: Per-tenant quotas\n    assignee: ren\n    state: wip\n  - task: Bigger bucket\n    state: cancelled\n  - task: Quota dashboard\n    state: todo\n---\n## Summary\n\nUploads failed.\n";
    let (run, _kb, out) = build_kb(&[("uploads.md", text)], "");
    assert_eq!(run.code, 0, "{}", run.stderr);
    let rows = rows(out.path());
    let r = &rows[0];
    assert_eq!(r["severity"], "SEV1");
    assert_eq!(r["started"], "2024-12-03T21:14:00+09:00[+09:00]");
    assert_eq!(r["mitigated"], "2024-12-03T22:02:00+09:00[+09:00]");
    let items = r["action_items"].as_array().unwrap();
    let got: Vec<(&str, &str)> = items
        .iter()
        .map(|a| {
            (
                a["owner"].as_str().unwrap_or(""),
                a["status"].as_str().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        got,
        [
            ("yuki", "done"),
            ("ren", "in-progress"),
            ("", "wont-do"),
            ("", "open")
        ]
    );
    assert!(r["impact"].as_str().unwrap().contains("48 minutes"), "{r}");
}

/// What the thirteenth held-out batch did not read at first: front-matter action items whose
/// text is `description:` (the build stopped with four errors), `impact_summary` beside a
/// `customer_impact: true` that only says whether; a Swedish timeline under weekday day
/// headings (`**Måndag 13 mars**`, whose first item was lost) with its own marks and
/// severity; and the Google SRE template's `**PAGE**`, which was taken for an unknown zone and
/// its event dropped.
#[test]
fn a_homegrown_schema_a_swedish_timeline_and_sre_markers_read() {
    let schema = "---\ntitle: Order events delayed\nstarted_at: 2024-02-29T08:12:00Z\nresolved_at: 2024-02-29T09:40:00Z\ncustomer_impact: true\nimpact_summary: \"Order emails delayed by up to 90 minutes.\"\naction_items:\n  - description: Run reassignments with a replication throttle\n    owner: Felix Braun\n    status: done\n  - description: Alert on EBS burst balance\n    status: wont_do\n---\n## Summary\n\nOrder events were delayed.\n";
    let swedish = "---\ntitle: Betalningar nekades\n---\n**Allvarlighetsgrad:** Hög\n\n## Tidslinje\n\nAlla tider i CET.\n\n**Måndag 13 mars 2023**\n\n- 22:05 — Nyckelrotationen byter åtkomstnyckel.\n- 22:06 — Loggvarningen skrivs. Det finns inget larm på den.\n\n**Tisdag 14 mars**\n\n- 08:30 — Morgontrafiken ökar.\n- 10:42 — Volymen är full. **Kundpåverkan börjar.**\n- 10:46 — Larmet går i Opsgenie.\n- 11:21 — Databasen tar emot skrivningar igen. **Kundpåverkan slut.**\n";
    let sre = "---\ntitle: Photon resize outage\nstarted: 2023-08-09T19:02:00-04:00\n---\n## Timeline\n\n- 19:02 **OUTAGE BEGINS** — resize tier CPU at 100%.\n- 19:06 **PAGE** — PhotonResizeAvailability pages kchen.\n- 19:55 **OUTAGE ENDS** — error rate below 0.1%.\n";
    let (run, _kb, out) = build_kb(
        &[
            ("inc-412.md", schema),
            ("2023-03-14-betalningar.md", swedish),
            ("photon.md", sre),
        ],
        "",
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(!run.stderr.contains("timeline-zone"), "{}", run.stderr);
    let rows = rows(out.path());
    let row = |id: &str| rows.iter().find(|r| r["id"] == id).expect(id);
    let r = row("inc-412");
    let items: Vec<(&str, &str)> = (r["action_items"].as_array().unwrap().iter())
        .map(|a| (a["text"].as_str().unwrap(), a["status"].as_str().unwrap()))
        .collect();
    assert_eq!(
        items,
        [
            ("Run reassignments with a replication throttle", "done"),
            ("Alert on EBS burst balance", "wont-do")
        ]
    );
    assert_eq!(r["impact"], "Order emails delayed by up to 90 minutes.");
    let r = row("2023-03-14-betalningar");
    assert_eq!(r["severity"], "SEV2");
    assert_eq!(r["started"], "2023-03-14T10:42:00+01:00[+01:00]");
    assert_eq!(r["detected"], "2023-03-14T10:46:00+01:00[+01:00]");
    assert_eq!(r["resolved"], "2023-03-14T11:21:00+01:00[+01:00]");
    assert_eq!(
        row("photon")["detected"],
        "2023-08-09T19:06:00-04:00[-04:00]"
    );
}

/// A recap posted in Slack: its headings in Slack's bold (`*Timeline (ET)*`, single stars),
/// its lists `•` bullets. Nothing of it was read (no timeline, no follow-ups); a `•` in a
/// code block stays as written.
#[test]
fn a_slack_recap_reads_its_timeline_and_follow_ups() {
    let text = "**#incidents** — Tuesday, April 15th, 2025\n\n*Impact*\n• 2:14–2:52pm ET: ~20% of logins failed\n\n*Timeline (ET)*\n• 2:14pm — auth-service starts returning 500s\n• 2:21pm — Datadog monitor fires, @oncall-identity paged\n• 2:52pm — errors back to baseline\n\n*Follow-ups*\n• @jorge – pin `maxmemory-policy` in the module\n• @priya.k – alert when Redis memory > 85%\n\n```\n• not a list\n```\n";
    let (run, _kb, out) = build_kb(&[("2025-04-15-login-errors.md", text)], "");
    assert_eq!(run.code, 0, "{}", run.stderr);
    let rows = rows(out.path());
    let r = &rows[0];
    assert_eq!(r["started"], "2025-04-15T14:14:00-04:00[America/New_York]");
    assert_eq!(r["detected"], "2025-04-15T14:21:00-04:00[America/New_York]");
    assert_eq!(r["resolved"], "2025-04-15T14:52:00-04:00[America/New_York]");
    let owners: Vec<&str> = (r["action_items"].as_array().unwrap().iter())
        .map(|a| a["owner"].as_str().unwrap_or(""))
        .collect();
    assert_eq!(owners, ["jorge", "priya.k"]);
    let page = std::fs::read_to_string(
        out.path()
            .join("incidents/2025-04-15-login-errors/index.html"),
    )
    .unwrap();
    assert!(page.contains("• not a list"), "the code block as written");
}

/// A timed list under no Timeline heading, and a front matter's `timeline:`, are each read as
/// the timeline: a problem with one of their entries points at where that entry is written.
#[test]
fn timeline_entries_outside_a_timeline_section_are_placed_where_written() {
    let notes = "---\nstarted: 2024-05-01T14:00:00Z\nresolved: 2024-05-01T15:00:00Z\n---\n# ci runners disk full\n\nsev: p3\n\n- 14:05 paged\n- 14:30 pruned the cache\n- 17:45 queue drained\n";
    let front = "---\ntitle: Uploads failing\nstarted: 2024-06-02T09:00:00Z\nresolved: 2024-06-02T10:00:00Z\ntimeline:\n  - time: 2024-06-02T09:10:00Z\n    event: alert fired\n  - time: 2024-06-02T13:20:00Z\n    event: quota raised\n---\n## Summary\n\nUploads failed.\n";
    let (run, kb, _out) = build_kb(&[("ci.md", notes), ("uploads.md", front)], "");
    assert_eq!(run.code, 0, "{}", run.stderr);
    let check = check_in(kb.path(), &[]);
    let lines: Vec<&str> = (check.stdout.lines().chain(check.stderr.lines()))
        .filter(|l| l.contains("timeline-window"))
        .collect();
    // `- 17:45 queue drained` is line 11, its text at column 3; the second `time:` node is
    // line 8, its value at column 11.
    assert!(
        lines.iter().any(|l| l.contains("ci.md:11:3")),
        "{lines:?}\n{}",
        check.stdout
    );
    assert!(
        lines.iter().any(|l| l.contains("uploads.md:8:")),
        "{lines:?}\n{}",
        check.stdout
    );
    assert_eq!(lines.len(), 2, "{lines:?}");
}

/// A mailing list's post-mortem (an email sent days later, its timeline dated by the note of
/// its zone, its follow-ups under `What we will do about it`) and an incident tool's export
/// whose `Tasks` (done during the incident) sit above its `Follow-up tasks`.
#[test]
fn an_announce_email_and_an_export_with_incident_tasks_read_as_written() {
    let email = "Subject: [announce] Post-mortem: index outage on Saturday 7 September\nFrom: Marta <marta@example.org>\nTo: announce@lists.example.org\nDate: Tue, 10 Sep 2024 16:22:41 +0000\n\nHi all,\n\nThe package index was down on Saturday.\n\nTimeline\n--------\n\nAll times are UTC, Saturday 7 September 2024.\n\n  14:07  New certificate live; every cache miss fails.\n  14:41  First user report on the forum.\n  17:45  Error rate back to normal. Outage over.\n\nWhat we will do about it\n------------------------\n\nWe will:\n\n  - add an external HTTP check on the index (Jun)\n  - verify the full chain before reloading nginx (Oskar)\n";
    let export = "# Elevated 5xx on ingest\n\n**Started:** 2024-08-19T03:14:22.517Z\n**Resolved:** 2024-08-19T04:02:51.330Z\n\n## Timeline\n\n- **2024-08-19T03:14:22.517Z** · Kofi · First 503s\n- **2024-08-19T03:16:40.102Z** · Grafana Alerting · `[FIRING:1] IngestGateway5xxRatio`\n- **2024-08-19T04:02:51.330Z** · Kofi · Status changed to **Resolved**\n\n## Tasks\n\n- [x] Assign a commander — Kofi Mensah\n- [x] Post a status page update — Aoife Brennan\n\n## Follow-up tasks\n\n| Task | Assignee | Status |\n|---|---|---|\n| Validate timeout bounds in CI | Lin Zhao | Todo |\n";
    let (run, _kb, out) = build_kb(&[("announce.md", email), ("export.md", export)], "");
    assert_eq!(run.code, 0, "{}", run.stderr);
    let rows = rows(out.path());
    let row = |id: &str| rows.iter().find(|r| r["id"] == id).unwrap().clone();
    let a = row("announce");
    // The day the note gives, not the day the email was sent.
    assert_eq!(a["started"], "2024-09-07T14:07:00+00:00[UTC]", "{a}");
    assert_eq!(a["detected"], "2024-09-07T14:41:00+00:00[UTC]", "{a}");
    assert_eq!(a["resolved"], "2024-09-07T17:45:00+00:00[UTC]", "{a}");
    let owners: Vec<&str> = (a["action_items"].as_array().unwrap().iter())
        .map(|i| i["owner"].as_str().unwrap_or(""))
        .collect();
    assert_eq!(owners, ["Jun", "Oskar"], "{a}");
    let e = row("export");
    let items: Vec<&str> = (e["action_items"].as_array().unwrap().iter())
        .map(|i| i["text"].as_str().unwrap())
        .collect();
    assert_eq!(items, ["Validate timeout bounds in CI"], "{e}");
    // Alertmanager's `[FIRING:1]` is the detection.
    assert_eq!(e["minutes_to_detect"], 2, "{e}");
}

/// What the rules for other tools' shapes must not take from an ordinary write-up: another
/// zone named beside the times' own, a day named after the zone's note, a cron that stops
/// "firing", a `Tasks` section after the action items, four-digit error codes.
#[test]
fn ordinary_write_ups_keep_their_reading_beside_the_import_rules() {
    let fm = |date: &str| format!("---\ntitle: T\ndate: {date}\nseverity: SEV2\n---\n");
    let zone = format!(
        "{}## Timeline\n\nAll times are UTC (the on-call engineer was in America/Los_Angeles).\n\n- 14:05 Deploy of checkout v2.3\n- 14:12 Error rate alert fires\n- 15:02 Resolved\n",
        fm("2024-06-03")
    );
    let day = format!(
        "{}## Timeline\n\nAll times are UTC. Reconstructed from Slack on 14 March 2024.\n\n- 14:05 Deploy of checkout v2.3\n- 14:12 Error rate alert fires\n- 15:02 Resolved\n",
        fm("2024-03-12")
    );
    let firing = format!(
        "{}## Timeline\n\nAll times UTC.\n\n- 02:00 The nightly invoice cron stops firing after the scheduler upgrade\n- 09:15 A user reports missing invoices\n- 10:30 Cron re-enabled. Resolved.\n",
        fm("2024-06-03")
    );
    let tasks = format!(
        "{}## Action items\n\n| Action | Owner |\n|---|---|\n| Add an alert on checkout 5xx | Bob |\n\n## Tasks\n\n- [ ] Fix the retry loop (owner: Alice)\n- [ ] Write the runbook (owner: Carol)\n",
        fm("2024-06-03")
    );
    let codes = "---\ntitle: DB deadlocks\ndate: 2024-03-05\n---\n# DB deadlocks\n\nMySQL errors seen in the logs:\n\n- 1205 Lock wait timeout exceeded\n- 1213 Deadlock found when trying to get lock\n- 1040 Too many connections\n";
    // Bracketed log times with AM/PM and a zone are no org timestamps.
    let bracketed = "---\ntitle: Queue outage\n---\n\n## Timeline\n\n- [2024-05-14 2:05 PM] Pager fires for queue lag\n- [2024-05-14 2:40 PM] Rolled back the deploy\n- [2024-05-14 3:10 PM] Resolved, queue drained\n";
    let zoned = "---\ntitle: Queue outage in Berlin\n---\n\n## Timeline\n\n- [2024-05-14 14:05 CET] Pager fires for queue lag\n- [2024-05-14 15:10 CET] Resolved, queue drained\n";
    // A region's time in an aside of the prose is no note of the timeline's zone.
    let aside = "---\ntitle: Checkout errors\n---\n\nOn 2024-03-02 checkout failed for some customers. Our payment vendor's support desk\n(Pacific Time, 9 to 5) was closed, so we worked around it.\n\n## Timeline\n\n- 14:05 Alert fires for checkout 5xx\n- 14:20 On-call acknowledges\n- 15:10 Resolved after failover\n";
    // A sentence in bold with a colon is no field.
    let bold = "---\ntitle: Checkout errors\ndate: 2024-03-02\n---\n\n## Summary\n\nCheckout failed. During the call the payments lead asked, **Priority: restore writes first**, and we agreed.\n\n**Severity:** SEV1\n";
    let files = [
        ("zone.md", zone.as_str()),
        ("day.md", day.as_str()),
        ("firing.md", firing.as_str()),
        ("tasks.md", tasks.as_str()),
        ("codes.md", codes),
        ("bracketed.md", bracketed),
        ("zoned.md", zoned),
        ("aside.md", aside),
        ("bold.md", bold),
    ];
    let (run, _kb, out) = build_kb(&files, "");
    assert_eq!(run.code, 0, "{}", run.stderr);
    let rows = rows(out.path());
    let row = |id: &str| rows.iter().find(|r| r["id"] == id).unwrap().clone();
    assert_eq!(row("zone")["detected"], "2024-06-03T14:12:00+00:00[UTC]");
    assert_eq!(row("day")["detected"], "2024-03-12T14:12:00+00:00[UTC]");
    assert_eq!(row("firing")["detected"], "2024-06-03T09:15:00+00:00[UTC]");
    assert_eq!(row("tasks")["action_items"].as_array().unwrap().len(), 3);
    assert_eq!(row("codes")["started"], "2024-03-05");
    assert_eq!(
        row("bracketed")["started"],
        "2024-05-14T14:05:00+00:00[UTC]"
    );
    assert_eq!(row("zoned")["started"], "2024-05-14T14:05:00+01:00[+01:00]");
    assert_eq!(row("aside")["started"], "2024-03-02T14:05:00+00:00[UTC]");
    assert_eq!(row("bold")["severity"], "SEV1");
}

/// An Emacs org-mode write-up converted by pandoc: org timestamps in the front matter's
/// `date` (the review's day, after the incident) and before each timeline item.
#[test]
fn an_org_mode_write_up_through_pandoc_reads_its_timestamps() {
    let text = "---\ntitle: mTLS failures after the CA intermediate expired\ndate: \"*\\\\<2024-05-16 Thu\\\\>*\"\n---\n\n# Summary\n\nThe intermediate expired.\n\nAll times below are Europe/Helsinki (EEST, UTC+3).\n\n# Timeline\n\n-   *\\<2024-05-14 Tue 09:00\\>* Intermediate expires; mTLS handshakes\n    start failing.\n-   *\\<2024-05-14 Tue 09:12\\>* Alertmanager pages on-call.\n-   *\\<2024-05-14 Tue 10:37\\>* Error rate back to baseline. Resolved.\n";
    let (run, _kb, out) = build_kb(&[("ca.md", text)], "");
    assert_eq!(run.code, 0, "{}", run.stderr);
    let r = &rows(out.path())[0];
    assert_eq!(r["started"], "2024-05-14T09:00:00+03:00[+03:00]", "{r}");
    assert_eq!(r["detected"], "2024-05-14T09:12:00+03:00[+03:00]", "{r}");
    assert_eq!(r["resolved"], "2024-05-14T10:37:00+03:00[+03:00]", "{r}");
}
