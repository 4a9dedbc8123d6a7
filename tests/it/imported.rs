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
    assert!(
        run.stderr.contains(
            "use other tools' front-matter keys, read as hindsight's: `date` as `started`"
        ),
        "{}",
        run.stderr
    );
    let built = run
        .stderr
        .lines()
        .find(|l| l.starts_with("Built "))
        .unwrap();
    assert!(built.contains("for 33 incidents"), "{built}");
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
        bin()
            .args(["check", "--root", ".", "--format", "json"])
            .current_dir(kb.path())
            .output()
            .unwrap()
            .into()
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
