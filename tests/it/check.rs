//! `hindsight check`, `init` and `new`. The lint rules run on the fixture KB
//! `tests/fixtures/lint/`, which holds, for every rule code, `<code>-fires.md` (triggers the
//! rule, and only it) and `<code>-passes.md` (a complete, blameless post-mortem that triggers
//! nothing). Suppression, levels, exit codes, PATHS and the output formats are checked on that
//! KB or on small KBs made in temporary folders.

use crate::support::*;
use serde_json::Value;
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

/// The day `action-item-overdue` is measured against in these tests.
const TODAY: &str = "2026-11-22";

/// Every rule code, in the order the README lists them.
const CODES: &[&str] = &[
    "blame-language",
    "root-cause-human-error",
    "named-person-blame",
    "compound-why",
    "whys-depth",
    "missing-section",
    "missing-field",
    "action-item-owner",
    "action-item-overdue",
    "no-detection-item",
    "unknown-cause",
    "near-duplicate-term",
    "public-apology",
    "public-missing-times",
    "public-missing-impact",
    "public-missing-root-cause",
    "public-missing-actions",
    "public-internal-link",
];

fn lint_kb() -> PathBuf {
    fixtures().join("lint")
}

/// A fixture incident of the lint KB.
fn fixture(name: &str) -> PathBuf {
    lint_kb().join("content/incidents").join(name)
}

/// The result of a run, with stdout too.
struct Out {
    code: i32,
    stdout: String,
    stderr: String,
}

/// Runs `hindsight ARGS` in `dir`.
fn run(dir: &Path, args: &[&str]) -> Out {
    let o = bin()
        .current_dir(dir)
        .args(args)
        .output()
        .expect("the binary runs");
    Out {
        code: o.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&o.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&o.stderr).into_owned(),
    }
}

/// Runs `hindsight check --root . --format json --today TODAY ARGS` in `dir`; returns the run
/// and its diagnostics, one JSON object per stdout line.
fn check_json(dir: &Path, args: &[&str]) -> (Out, Vec<Value>) {
    let mut all = vec!["check", "--root", ".", "--format", "json", "--today", TODAY];
    all.extend_from_slice(args);
    let out = run(dir, &all);
    let diags = out
        .stdout
        .lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("not a JSON line: {l:?}: {e}")))
        .collect();
    (out, diags)
}

/// The file name of a diagnostic's path.
fn file_name(d: &Value) -> &str {
    let path = d["path"].as_str().expect("a path");
    path.rsplit('/').next().unwrap()
}

/// The diagnostics of `code` in the file named `name`.
fn of<'a>(diags: &'a [Value], name: &str, code: &str) -> Vec<&'a Value> {
    diags
        .iter()
        .filter(|d| file_name(d) == name && d["code"] == code)
        .collect()
}

/// The codes reported, with their file names.
fn codes(diags: &[Value]) -> BTreeSet<(String, String)> {
    diags
        .iter()
        .map(|d| {
            (
                file_name(d).to_string(),
                d["code"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

/// The 1-based line of `path` that contains `needle` (exactly one line must).
fn line_of(path: &Path, needle: &str) -> u64 {
    let text = read(path);
    let lines: Vec<usize> = text
        .lines()
        .enumerate()
        .filter(|(_, l)| l.contains(needle))
        .map(|(i, _)| i + 1)
        .collect();
    assert_eq!(
        lines.len(),
        1,
        "{needle:?} in {}: {lines:?}",
        path.display()
    );
    lines[0] as u64
}

/// The 1-based line where the body starts: the line after the closing `---`.
fn body_start(path: &Path) -> u64 {
    let text = read(path);
    let close = text
        .lines()
        .enumerate()
        .skip(1)
        .find(|(_, l)| *l == "---")
        .expect("front matter")
        .0;
    close as u64 + 2
}

fn at(d: &Value) -> (u64, u64) {
    (d["line"].as_u64().unwrap(), d["col"].as_u64().unwrap())
}

/// Checks the whole lint KB and asserts `code` is reported for `<code>-fires.md` and not for
/// `<code>-passes.md`; returns the findings of `code` in `<code>-fires.md`.
fn fires_and_passes(code: &str) -> Vec<Value> {
    let (out, diags) = check_json(&lint_kb(), &[]);
    assert_eq!(out.code, 0, "warnings only: {}{}", out.stdout, out.stderr);
    let fires = of(&diags, &format!("{code}-fires.md"), code);
    assert!(!fires.is_empty(), "{code} should fire:\n{}", out.stdout);
    let passes = of(&diags, &format!("{code}-passes.md"), code);
    assert!(passes.is_empty(), "{code} should not fire: {passes:?}");
    for d in &fires {
        assert_eq!(d["level"], "warning", "{d}");
        assert!(d["message"].as_str().is_some_and(|m| !m.is_empty()), "{d}");
        assert!(d["help"].as_str().is_some_and(|h| !h.is_empty()), "{d}");
    }
    fires.into_iter().cloned().collect()
}

// One test per rule ------------------------------------------------------------------------

#[test]
fn blame_language() {
    let found = fires_and_passes("blame-language");
    let file = fixture("blame-language-fires.md");
    let line = line_of(&file, "The root cause was human error");
    let texts: Vec<(u64, u64, &str)> = found
        .iter()
        .map(|d| (at(d).0, at(d).1, d["message"].as_str().unwrap()))
        .collect();
    assert_eq!(
        texts,
        [
            (line, 20, "`human error` blames a person"),
            (
                line,
                54,
                "`forgot` with `the on-call engineer` as its subject blames a person"
            ),
        ]
    );
}

#[test]
fn root_cause_human_error() {
    let found = fires_and_passes("root-cause-human-error");
    assert_eq!(found.len(), 1, "{found:?}");
    let file = fixture("root-cause-human-error-fires.md");
    assert_eq!(
        at(&found[0]),
        (line_of(&file, "text: A typo in the load"), 5)
    );
    assert_eq!(
        found[0]["message"],
        "root cause `load-balancer-pool-typo` amounts to human error (`typo`)"
    );
}

#[test]
fn named_person_blame() {
    let found = fires_and_passes("named-person-blame");
    assert_eq!(found.len(), 1, "{found:?}");
    let file = fixture("named-person-blame-fires.md");
    // At the failure, with the person named in the message.
    assert_eq!(at(&found[0]), (line_of(&file, "- Jim missed the"), 7));
    assert_eq!(
        found[0]["message"],
        "`missed` with `Jim` as its subject blames a person"
    );
    // The passes file names Jim too, as the subject of what went right.
    assert!(read(&fixture("named-person-blame-passes.md")).contains("Jim grows the volume"));
}

#[test]
fn compound_why() {
    let found = fires_and_passes("compound-why");
    assert_eq!(found.len(), 1, "{found:?}");
    let file = fixture("compound-why-fires.md");
    assert_eq!(
        at(&found[0]),
        (
            line_of(&file, "3. The release went to every host at once because"),
            1
        )
    );
    assert!(
        found[0]["message"]
            .as_str()
            .unwrap()
            .starts_with("why #3 is compound: it contains `because`"),
        "{}",
        found[0]
    );
}

#[test]
fn whys_depth() {
    let found = fires_and_passes("whys-depth");
    assert_eq!(found.len(), 1, "{found:?}");
    let file = fixture("whys-depth-fires.md");
    assert_eq!(at(&found[0]), (line_of(&file, "## Five whys"), 1));
    assert_eq!(
        found[0]["message"],
        "only 2 whys: the chain stops before a systemic cause"
    );

    // The other half of the rule: enough whys, but the last one is not reflected in `causes`.
    let kb = tempfile::tempdir().unwrap();
    let text = incident(
        "a",
        "causes:\n  - id: unlimited-retry-budget\n    category: tools\n    root: true\n    text: The API clients retried without any budget.\n",
        "## Five whys\n\n1. The API was overloaded.\n2. Clients sent three times the usual traffic.\n3. The queue consumers were scaled down overnight.\n",
    );
    write_files(kb.path(), &[("content/incidents/a.md", &text)]);
    let (_, diags) = check_json(kb.path(), &[]);
    let found = of(&diags, "a.md", "whys-depth");
    assert_eq!(found.len(), 1, "{diags:?}");
    assert_eq!(
        at(found[0]),
        (
            line_of(
                &kb.path().join("content/incidents/a.md"),
                "3. The queue consumers"
            ),
            1
        )
    );
    assert_eq!(
        found[0]["message"],
        "the last why is not reflected in any cause in `causes`"
    );
}

#[test]
fn missing_section() {
    let found = fires_and_passes("missing-section");
    let file = fixture("missing-section-fires.md");
    let messages: Vec<(u64, &str)> = found
        .iter()
        .map(|d| (at(d).0, d["message"].as_str().unwrap()))
        .collect();
    // A missing section is reported at the start of the body (the line after the front
    // matter), an empty one (only the template's prompt comment) at its heading.
    let body_start = body_start(&file);
    assert_eq!(
        messages,
        [
            (
                body_start,
                "the `## What went well` section is missing or empty"
            ),
            (
                line_of(&file, "## Lessons learned"),
                "the `## Lessons learned` section is missing or empty"
            ),
        ]
    );
}

#[test]
fn missing_field() {
    let found = fires_and_passes("missing-field");
    let messages: Vec<((u64, u64), &str)> = found
        .iter()
        .map(|d| (at(d), d["message"].as_str().unwrap()))
        .collect();
    // Reported at the `title` key, line 2.
    assert_eq!(
        messages,
        [
            (
                (2, 1),
                "no `resolved` time: the end of the incident is unknown"
            ),
            ((2, 1), "no impact: who or what was affected, and how badly"),
        ]
    );
}

#[test]
fn action_item_owner() {
    let found = fires_and_passes("action-item-owner");
    assert_eq!(found.len(), 1, "{found:?}");
    let file = fixture("action-item-owner-fires.md");
    assert_eq!(
        at(&found[0]),
        (line_of(&file, "- text: Reload storage credentials"), 5)
    );
    assert!(
        found[0]["message"]
            .as_str()
            .unwrap()
            .starts_with("action item \"Reload storage credentials"),
        "{}",
        found[0]
    );
}

#[test]
fn action_item_overdue() {
    let found = fires_and_passes("action-item-overdue");
    // The done item, also past its due date, is not overdue.
    assert_eq!(found.len(), 1, "{found:?}");
    let file = fixture("action-item-overdue-fires.md");
    assert_eq!(at(&found[0]), (line_of(&file, "due: 2026-10-01"), 10));
    assert_eq!(
        found[0]["message"],
        "action item \"Alert when a nightly backup has not completed by 06:00\" was due 2026-10-01, 52 days ago"
    );
    // The day it is measured against comes from --today: the day before it was due, nothing.
    let (_, diags) = check_json(&lint_kb(), &["--today", "2026-09-30"]);
    assert!(
        diags.iter().all(|d| d["code"] != "action-item-overdue"),
        "{diags:?}"
    );
}

#[test]
fn no_detection_item() {
    let found = fires_and_passes("no-detection-item");
    assert_eq!(found.len(), 1, "{found:?}");
    let file = fixture("no-detection-item-fires.md");
    assert_eq!(at(&found[0]), (line_of(&file, "action_items:"), 1));
}

#[test]
fn unknown_cause() {
    let found = fires_and_passes("unknown-cause");
    assert_eq!(found.len(), 1, "{found:?}");
    let file = fixture("unknown-cause-fires.md");
    assert_eq!(
        at(&found[0]),
        (line_of(&file, "id: unreviewed-config-changes"), 9)
    );
    assert_eq!(
        found[0]["message"],
        "cause `unreviewed-config-changes` appears only here"
    );
    assert_eq!(
        found[0]["help"],
        "did you mean `unreviewed-config-change`, which 2 other incidents name?"
    );
}

#[test]
fn near_duplicate_term() {
    let found = fires_and_passes("near-duplicate-term");
    assert_eq!(found.len(), 1, "{found:?}");
    let file = fixture("near-duplicate-term-fires.md");
    assert_eq!(at(&found[0]), (line_of(&file, "teams: [networking]"), 9));
    assert_eq!(
        found[0]["message"],
        "team `networking` (1 incident) looks like `network` (3 incidents)"
    );
}

#[test]
fn public_apology() {
    let found = fires_and_passes("public-apology");
    assert_eq!(found.len(), 1, "{found:?}");
    let file = fixture("public-apology-fires.md");
    assert_eq!(at(&found[0]), (line_of(&file, "We apologize"), 4));
    assert_eq!(
        found[0]["message"],
        "\"apologize for the inconvenience\" is a template apology"
    );
}

/// The line of `visibility: public`, where the rules about a whole public post-mortem point.
fn visibility_line(name: &str) -> (u64, u64) {
    (line_of(&fixture(name), "visibility: public"), 1)
}

#[test]
fn public_missing_times() {
    // `resolved` comes from a timeline item in an internal span: the internal site has it,
    // the public one does not.
    let found = fires_and_passes("public-missing-times");
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(
        at(&found[0]),
        visibility_line("public-missing-times-fires.md")
    );
    assert_eq!(
        found[0]["message"],
        "this public post-mortem does not say when it ended"
    );
}

#[test]
fn public_missing_impact() {
    let found = fires_and_passes("public-missing-impact");
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(
        at(&found[0]),
        visibility_line("public-missing-impact-fires.md")
    );
}

#[test]
fn public_missing_root_cause() {
    let found = fires_and_passes("public-missing-root-cause");
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(
        at(&found[0]),
        visibility_line("public-missing-root-cause-fires.md")
    );
}

#[test]
fn public_missing_actions() {
    let found = fires_and_passes("public-missing-actions");
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(
        at(&found[0]),
        visibility_line("public-missing-actions-fires.md")
    );
}

#[test]
fn public_internal_link() {
    let found = fires_and_passes("public-internal-link");
    assert_eq!(found.len(), 1, "{found:?}");
    let file = fixture("public-internal-link-fires.md");
    assert_eq!(at(&found[0]), (line_of(&file, "[delivery dashboard]"), 3));
    assert!(
        found[0]["message"]
            .as_str()
            .unwrap()
            .contains("https://grafana.corp/d/webhooks`: its host is internal"),
        "{found:?}"
    );
}

#[test]
fn public_rules_fire_only_on_public_post_mortems_and_read_past_internal_parts() {
    let kb = tempfile::tempdir().unwrap();
    let public = |extra: &str, body: &str| {
        format!(
            "---\ntitle: T\nvisibility: public\nseverity: SEV2\nstarted: 2024-03-01T10:00:00Z\nresolved: 2024-03-01T11:00:00Z\nimpact: Checkout failed.\ncauses:\n  - id: c\n    category: tools\n    root: true\n    text: A cause.\naction_items:\n  - text: Fix it\n    owner: t\n    kind: detect\n{extra}---\n\n{body}"
        )
    };
    write_files(
        kb.path(),
        &[
            (
                "content/incidents/internal.md",
                &public(
                    "",
                    "We regret any trouble. See [[draft]] and [it](https://10.0.0.5/x).\n",
                )
                .replace("visibility: public\n", ""),
            ),
            (
                "content/incidents/hidden.md",
                &public(
                    "",
                    "```internal\nWe regret any trouble, see [[internal]].\n```\n\n<!-- internal -->https://wiki.corp/x<!-- /internal -->\n\nSee [[public-two]], [[internal]] and https://intranet/y.\n",
                ),
            ),
            ("content/incidents/public-two.md", &public("", "Fine.\n")),
            (
                "content/incidents/draft.md",
                "---\ntitle: D\nstatus: draft\n---\n\nDraft.\n",
            ),
        ],
    );
    let (out, diags) = check_json(kb.path(), &[]);
    let public_codes: Vec<(String, String)> = codes(&diags)
        .into_iter()
        .filter(|(_, c)| c.starts_with("public-"))
        .collect();
    assert_eq!(
        public_codes,
        [("hidden.md".to_string(), "public-internal-link".to_string())],
        "{}",
        out.stdout
    );
    let links = of(&diags, "hidden.md", "public-internal-link");
    assert_eq!(
        links.len(),
        2,
        "[[internal]] and the bare intranet address: {links:?}"
    );
}

#[test]
fn taxonomy_aliases_merge_spellings_and_quiet_the_rule() {
    let dir = tempfile::tempdir().unwrap();
    copy_tree(&lint_kb(), dir.path());
    let toml = dir.path().join("hindsight.toml");
    let mut config = read(&toml);
    config.push_str("\n[taxonomies.aliases]\nNetworking = \"network\"\n");
    std::fs::write(&toml, config).unwrap();
    let (_, diags) = check_json(dir.path(), &[]);
    assert!(
        !diags.iter().any(|d| d["code"] == "near-duplicate-term"),
        "{diags:?}"
    );
    let out = dir.path().join("public");
    assert_eq!(build_in(dir.path(), &out, &[]).code, 0);
    let team = read(&out.join("teams/network/index.html"));
    assert!(
        team.contains("<h2>4 incidents</h2>"),
        "the merged spelling counts all four"
    );
    assert!(!out.join("teams/networking").exists());
}

// The fixture KB as a whole --------------------------------------------------------------------

#[test]
fn each_fires_file_triggers_only_its_own_rule() {
    let (out, diags) = check_json(&lint_kb(), &[]);
    assert_eq!(out.code, 0);
    let expected: BTreeSet<(String, String)> = CODES
        .iter()
        .map(|c| (format!("{c}-fires.md"), c.to_string()))
        .collect();
    assert_eq!(codes(&diags), expected, "{}", out.stdout);
    assert_eq!(
        std::fs::read_dir(lint_kb().join("content/incidents"))
            .unwrap()
            .count(),
        2 * CODES.len(),
        "a fires and a passes file per rule, nothing else"
    );
}

#[test]
fn the_passes_files_are_clean_of_every_rule() {
    let passes: Vec<String> = CODES
        .iter()
        .map(|c| format!("content/incidents/{c}-passes.md"))
        .collect();
    let mut args = vec!["--deny", "warnings"];
    args.extend(passes.iter().map(String::as_str));
    let (out, diags) = check_json(&lint_kb(), &args);
    assert!(diags.is_empty(), "{}", out.stdout);
    assert_eq!(out.code, 0, "{}", out.stderr);
}

#[test]
fn the_lint_kb_builds_without_errors_or_warnings() {
    let out = tempfile::tempdir().unwrap();
    let run = build_in(&lint_kb(), &out.path().join("public"), &[]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(!run.stderr.contains("warning"), "{}", run.stderr);
    assert!(run.stderr.contains("for 36 incidents"), "{}", run.stderr);
}

#[test]
fn a_title_or_impact_read_from_the_body_is_flagged_once_at_its_line() {
    let kb = tempfile::tempdir().unwrap();
    let text = "# The lazy operator missed the page\n\n## Impact\n\nThe on-call engineer carelessly ignored the alert for an hour.\n";
    write_files(kb.path(), &[("content/incidents/a.md", text)]);
    let (_, diags) = check_json(kb.path(), &[]);
    let lines: Vec<u64> = of(&diags, "a.md", "blame-language")
        .iter()
        .map(|d| at(d).0)
        .collect();
    // The heading's two findings and the impact's, each at its own line, and not again at
    // the front matter's place (line 1) as if they were fields.
    assert!(lines.contains(&5), "{lines:?}");
    assert_eq!(lines.iter().filter(|&&l| l == 5).count(), 1, "{lines:?}");
    assert_eq!(lines.iter().filter(|&&l| l == 1).count(), 2, "{lines:?}");
}

// Suppression -------------------------------------------------------------------------------

#[test]
fn a_comment_suppresses_a_rule_on_the_next_body_line() {
    let kb = tempfile::tempdir().unwrap();
    let body = "## What went wrong\n\n\
        <!-- hindsight-disable-next-line blame-language -->\n\
        The first deploy went out by human error.\n\
        The second deploy went out by human error too.\n\n\
        <!-- hindsight-disable-next-line named-person-blame -->\n\
        The third deploy went out by human error as well.\n\n\
        <!-- hindsight-disable-next-line -->\n\
        The fourth deploy went out by human error again.\n";
    write_files(
        kb.path(),
        &[("content/incidents/a.md", &incident("a", "", body))],
    );
    let file = kb.path().join("content/incidents/a.md");
    let (_, diags) = check_json(kb.path(), &[]);
    let lines: Vec<u64> = of(&diags, "a.md", "blame-language")
        .iter()
        .map(|d| at(d).0)
        .collect();
    assert_eq!(
        lines,
        [
            line_of(&file, "The second deploy"),
            line_of(&file, "The third deploy"),
        ],
        "suppressed: the line after the comment naming the rule, and after a bare comment; \
         a comment naming another rule does not suppress this one"
    );
}

#[test]
fn a_yaml_comment_suppresses_a_rule_on_the_next_front_matter_line() {
    let kb = tempfile::tempdir().unwrap();
    let causes = "causes:\n\
        \x20 - id: pool-name-typo\n\
        \x20   category: tools\n\
        \x20   root: true\n\
        \x20   # hindsight-disable-next-line root-cause-human-error\n\
        \x20   text: A typo in the pool name sent traffic to the drained pool.\n\
        \x20 - id: dns-record-typo\n\
        \x20   category: tools\n\
        \x20   root: true\n\
        \x20   text: A typo in the DNS record pointed the API at the old host.\n";
    write_files(
        kb.path(),
        &[("content/incidents/a.md", &incident("a", causes, ""))],
    );
    let file = kb.path().join("content/incidents/a.md");
    let (_, diags) = check_json(kb.path(), &[]);
    let found: Vec<(u64, u64)> = of(&diags, "a.md", "root-cause-human-error")
        .iter()
        .map(|d| at(d))
        .collect();
    assert_eq!(found, [(line_of(&file, "text: A typo in the DNS"), 5)]);
}

#[test]
fn a_yaml_comment_suppresses_a_rule_on_a_block_scalar_field() {
    let kb = tempfile::tempdir().unwrap();
    let causes = "causes:\n\
        \x20 - id: failover-typo\n\
        \x20   category: tools\n\
        \x20   root: true\n\
        \x20   # hindsight-disable-next-line root-cause-human-error\n\
        \x20   text: >-\n\
        \x20     A typo in the failover script pointed the replicas\n\
        \x20     at the old primary.\n";
    write_files(
        kb.path(),
        &[("content/incidents/a.md", &incident("a", causes, ""))],
    );
    let (_, diags) = check_json(kb.path(), &[]);
    let found = of(&diags, "a.md", "root-cause-human-error");
    assert!(found.is_empty(), "{found:?}");
}

// Levels ------------------------------------------------------------------------------------

/// A KB with `config` as hindsight.toml and one incident with a blaming phrase and no
/// `impact` or `resolved`.
fn levels_kb(config: &str) -> tempfile::TempDir {
    let kb = tempfile::tempdir().unwrap();
    let text = "---\ntitle: Checkout errors\nseverity: SEV2\nstarted: 2024-03-01T10:00:00Z\n---\n\n\
                ## What went wrong\n\nThe deploy went out by human error.\n";
    write_files(
        kb.path(),
        &[("hindsight.toml", config), ("content/incidents/a.md", text)],
    );
    kb
}

fn level_of(diags: &[Value], code: &str) -> Vec<String> {
    diags
        .iter()
        .filter(|d| d["code"] == code)
        .map(|d| d["level"].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn a_rule_is_a_warning_by_default() {
    let kb = levels_kb("");
    let (out, diags) = check_json(kb.path(), &[]);
    assert_eq!(level_of(&diags, "blame-language"), ["warning"]);
    assert_eq!(out.code, 0, "{}", out.stdout);
}

#[test]
fn deny_turns_a_rule_into_an_error() {
    let kb = levels_kb("[lint]\nblame-language = \"deny\"\n");
    let (out, diags) = check_json(kb.path(), &[]);
    assert_eq!(level_of(&diags, "blame-language"), ["error"]);
    assert!(
        diags
            .iter()
            .filter(|d| d["code"] != "blame-language")
            .all(|d| d["level"] == "warning"),
        "only that rule: {diags:?}"
    );
    assert_eq!(out.code, 1, "{}", out.stdout);
}

#[test]
fn allow_silences_a_rule() {
    let kb = levels_kb("[lint]\nblame-language = \"allow\"\n");
    let (out, diags) = check_json(kb.path(), &[]);
    assert!(level_of(&diags, "blame-language").is_empty(), "{diags:?}");
    assert!(!level_of(&diags, "missing-field").is_empty(), "{diags:?}");
    assert_eq!(out.code, 0);
}

#[test]
fn a_checklist_item_can_be_allowed_on_its_own() {
    let missing_fields = |config: &str| -> Vec<String> {
        let kb = levels_kb(config);
        let (_, diags) = check_json(kb.path(), &[]);
        diags
            .iter()
            .filter(|d| d["code"] == "missing-field")
            .map(|d| d["message"].as_str().unwrap().to_string())
            .collect()
    };
    let all = missing_fields("");
    assert!(all.iter().any(|m| m.starts_with("no impact")), "{all:?}");
    let allowed = missing_fields("[lint.required]\nimpact = \"allow\"\n");
    let expected: Vec<String> = all
        .iter()
        .filter(|m| !m.starts_with("no impact"))
        .cloned()
        .collect();
    assert_eq!(allowed, expected);
    assert!(
        allowed.iter().any(|m| m.starts_with("no `resolved` time")),
        "{allowed:?}"
    );
}

// Exit codes --------------------------------------------------------------------------------

#[test]
fn warnings_exit_0_and_fail_with_deny_warnings() {
    let (out, diags) = check_json(&lint_kb(), &[]);
    assert!(!diags.is_empty());
    assert!(diags.iter().all(|d| d["level"] == "warning"));
    assert_eq!(out.code, 0, "{}", out.stderr);
    let (out, again) = check_json(&lint_kb(), &["--deny", "warnings"]);
    assert_eq!(
        again, diags,
        "--deny changes the exit status, not the report"
    );
    assert_eq!(out.code, 1, "{}", out.stderr);
}

#[test]
fn a_content_error_exits_1() {
    let kb = tempfile::tempdir().unwrap();
    write_files(
        kb.path(),
        &[(
            "content/incidents/a.md",
            "---\ntitle: Checkout errors\nseverity: SEV9\nstarted: 2024-03-01T10:00:00Z\n---\n\nText.\n",
        )],
    );
    let (out, diags) = check_json(kb.path(), &[]);
    assert_eq!(out.code, 1, "{}{}", out.stdout, out.stderr);
    let errors: Vec<_> = diags.iter().filter(|d| d["level"] == "error").collect();
    assert_eq!(errors.len(), 1, "{diags:?}");
    assert_eq!(errors[0]["code"], "unknown-severity");
    assert_eq!(errors[0]["path"], "content/incidents/a.md");
    assert_eq!(at(errors[0]), (3, 11));
}

#[test]
fn a_bad_today_exits_2() {
    let out = run(
        &lint_kb(),
        &["check", "--root", ".", "--today", "2026-13-40"],
    );
    assert_eq!(out.code, 2, "{}", out.stderr);
    assert!(out.stderr.contains("--today"), "{}", out.stderr);
    assert!(out.stdout.is_empty(), "{}", out.stdout);
}

#[test]
fn a_path_that_does_not_exist_exits_2() {
    let out = run(
        &lint_kb(),
        &["check", "--root", ".", "content/incidents/nope.md"],
    );
    assert_eq!(out.code, 2, "{}", out.stderr);
    assert!(out.stderr.contains("nope.md"), "{}", out.stderr);
}

// PATHS -------------------------------------------------------------------------------------

#[test]
fn a_file_path_reports_only_that_file() {
    let (out, diags) = check_json(&lint_kb(), &["content/incidents/missing-field-fires.md"]);
    assert_eq!(out.code, 0);
    assert_eq!(diags.len(), 2, "{}", out.stdout);
    assert!(
        diags
            .iter()
            .all(|d| d["path"] == "content/incidents/missing-field-fires.md"),
        "{}",
        out.stdout
    );
}

#[test]
fn a_folder_path_reports_the_files_under_it() {
    let kb = tempfile::tempdir().unwrap();
    let blame = "## What went wrong\n\nThe deploy went out by human error.\n";
    write_files(
        kb.path(),
        &[
            ("content/incidents/2024/a.md", &incident("a", "", blame)),
            (
                "content/incidents/2024/deep/b.md",
                &incident("b", "", blame),
            ),
            (
                "content/incidents/2025/c.md",
                &incident("c", "", "Like [[2025-01-01-nope]], by human error.\n"),
            ),
        ],
    );
    let (out, diags) = check_json(kb.path(), &["content/incidents/2024"]);
    let files: BTreeSet<&str> = diags.iter().map(|d| d["path"].as_str().unwrap()).collect();
    assert_eq!(
        files,
        BTreeSet::from([
            "content/incidents/2024/a.md",
            "content/incidents/2024/deep/b.md"
        ])
    );
    // c.md has an error (a broken link), but it is not among the paths asked about.
    assert_eq!(out.code, 0, "{}", out.stdout);
    let (out, diags) = check_json(kb.path(), &[]);
    assert_eq!(out.code, 1, "the whole KB: {}", out.stdout);
    assert!(
        diags
            .iter()
            .any(|d| d["path"] == "content/incidents/2025/c.md" && d["level"] == "error")
    );
}

// Output formats ----------------------------------------------------------------------------

const FEW: &[&str] = &[
    "content/incidents/blame-language-fires.md",
    "content/incidents/missing-field-fires.md",
];

/// `check --format FORMAT` on a few files of the lint KB, run in the KB so paths are relative.
fn format_output(format: &str) -> Out {
    let mut args = vec!["check", "--root", ".", "--today", TODAY, "--format", format];
    args.extend_from_slice(FEW);
    let out = run(&lint_kb(), &args);
    assert_eq!(out.code, 0, "{}", out.stderr);
    out
}

#[test]
fn format_human() {
    let out = format_output("human");
    assert_eq!(out.stderr, "0 errors, 4 warnings\n");
    insta::assert_snapshot!("format_human", out.stdout);
}

#[test]
fn format_json() {
    let out = format_output("json");
    assert!(out.stderr.is_empty(), "{}", out.stderr);
    for line in out.stdout.lines() {
        let d: Value = serde_json::from_str(line).unwrap();
        let keys: Vec<&str> = d.as_object().unwrap().keys().map(String::as_str).collect();
        assert_eq!(
            keys.iter().copied().collect::<BTreeSet<_>>(),
            BTreeSet::from(["path", "line", "col", "level", "code", "message", "help"])
        );
    }
    insta::assert_snapshot!("format_json", out.stdout);
}

#[test]
fn format_github() {
    let out = format_output("github");
    assert!(out.stderr.is_empty(), "{}", out.stderr);
    assert!(out.stdout.lines().all(|l| l.starts_with("::warning file=")));
    insta::assert_snapshot!("format_github", out.stdout);
}

#[test]
fn format_sarif() {
    let out = format_output("sarif");
    assert!(out.stderr.is_empty(), "{}", out.stderr);
    // The tool's version changes with every release; the rest must not change unnoticed.
    let version = format!("\"version\": \"{}\"", env!("CARGO_PKG_VERSION"));
    assert_eq!(out.stdout.matches(&version).count(), 1);
    insta::assert_snapshot!(
        "format_sarif",
        out.stdout.replace(&version, "\"version\": \"[version]\"")
    );
}

#[test]
fn sarif_is_a_valid_2_1_0_log() {
    let out = run(
        &lint_kb(),
        &[
            "check", "--root", ".", "--today", TODAY, "--format", "sarif",
        ],
    );
    assert_eq!(out.code, 0, "{}", out.stderr);
    let log: Value = serde_json::from_str(&out.stdout).expect("SARIF is JSON");
    assert_eq!(log["version"], "2.1.0");
    assert!(
        log["$schema"].as_str().is_some_and(|s| s.contains("sarif")),
        "{}",
        log["$schema"]
    );
    let runs = log["runs"].as_array().unwrap();
    assert_eq!(runs.len(), 1);
    let driver = &runs[0]["tool"]["driver"];
    assert_eq!(driver["name"], "hindsight");
    let rule_ids: Vec<&str> = driver["rules"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["id"].as_str().expect("every rule has an id"))
        .collect();
    for code in CODES {
        assert!(rule_ids.contains(code), "{code} in {rule_ids:?}");
    }
    let results = runs[0]["results"].as_array().unwrap();
    let (_, json) = check_json(&lint_kb(), &[]);
    assert_eq!(
        results.len(),
        json.len(),
        "the same findings as --format json"
    );
    for r in results {
        let id = r["ruleId"].as_str().expect("ruleId");
        assert!(rule_ids.contains(&id), "{id} in tool.driver.rules");
        let index = r["ruleIndex"].as_u64().expect("ruleIndex") as usize;
        assert_eq!(rule_ids[index], id, "ruleIndex points at the rule");
        assert!(
            ["error", "warning", "note", "none"].contains(&r["level"].as_str().unwrap()),
            "{r}"
        );
        assert!(
            r["message"]["text"].as_str().is_some_and(|t| !t.is_empty()),
            "{r}"
        );
        let loc = &r["locations"][0]["physicalLocation"];
        let uri = loc["artifactLocation"]["uri"].as_str().expect("uri");
        assert!(
            uri.starts_with("content/incidents/") && uri.ends_with("-fires.md"),
            "{uri}"
        );
        assert!(
            loc["region"]["startLine"].as_u64().is_some_and(|l| l >= 1),
            "{r}"
        );
        assert!(
            loc["region"]["startColumn"]
                .as_u64()
                .is_some_and(|c| c >= 1),
            "{r}"
        );
    }
}

// The demo KB -------------------------------------------------------------------------------

#[test]
fn the_demo_kb_passes_check_with_deny_warnings() {
    let out = run(&repo(), &["check", "--root", ".", "--deny", "warnings"]);
    assert_eq!(out.code, 0, "{}{}", out.stdout, out.stderr);
    // Only notes: the demo's draft is like past incidents (tests/it/seen_before.rs).
    let headers: Vec<&str> = out
        .stdout
        .lines()
        .filter(|l| l.starts_with("content/"))
        .collect();
    assert!(
        !headers.is_empty()
            && headers.iter().all(|l| l
                .starts_with("content/incidents/2026/2026-10-14-crm-sync-refresh-storm.md:")
                && l.contains(": note[seen-before]: ")),
        "{}",
        out.stdout
    );
    assert_eq!(
        out.stderr,
        format!("0 errors, 0 warnings, {} notes\n", headers.len())
    );
}

// init and new, end to end ------------------------------------------------------------------

const NEW_TITLE: &str = "Checkout errors after the TLS change";
const NEW_PATH: &str = "content/incidents/2026/2026-11-20-checkout-errors-after-the-tls-change.md";

/// `hindsight new NEW_TITLE --started 2026-11-20T09:00:00Z` in `dir`.
fn new_incident(dir: &Path) -> Out {
    run(
        dir,
        &["new", NEW_TITLE, "--started", "2026-11-20T09:00:00Z"],
    )
}

#[test]
fn init_new_check_and_build_end_to_end() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();

    let out = run(root, &["init"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(root.join("hindsight.toml").is_file());
    assert!(root.join("content").is_dir());
    assert!(root.join(".github/workflows/postmortems.yml").is_file());
    let gitignore = read(&root.join(".gitignore"));
    assert!(gitignore.contains("public/"), "{gitignore}");
    assert!(gitignore.contains(".hindsight/"), "{gitignore}");

    // A fresh KB is clean, and builds.
    let out = run(root, &["check", "--deny", "warnings"]);
    assert_eq!(out.code, 0, "{}{}", out.stdout, out.stderr);
    assert!(out.stdout.is_empty(), "{}", out.stdout);
    let out = run(root, &["build"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(root.join("public/index.html").is_file());

    // `new` prints the path of the file it made.
    let out = new_incident(root);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert_eq!(out.stdout.trim().trim_start_matches("./"), NEW_PATH);
    let new_file = root.join(NEW_PATH);
    let text = read(&new_file);
    assert!(
        text.contains("title: \"Checkout errors after the TLS change\"\n"),
        "{text}"
    );
    assert!(text.contains("status: draft\n"), "{text}");
    assert!(
        text.contains("started: 2026-11-20T09:00:00+00:00\n"),
        "{text}"
    );

    // It refuses to overwrite: the second `new`, and a second `init`.
    let modified = std::fs::metadata(&new_file).unwrap().modified().unwrap();
    let out = new_incident(root);
    assert_eq!(out.code, 2, "{}", out.stderr);
    assert!(out.stderr.starts_with("error: "), "{}", out.stderr);
    assert!(out.stdout.is_empty(), "{}", out.stdout);
    assert_eq!(read(&new_file), text);
    assert_eq!(
        std::fs::metadata(&new_file).unwrap().modified().unwrap(),
        modified
    );
    let config = read(&root.join("hindsight.toml"));
    let out = run(root, &["init"]);
    assert_eq!(out.code, 2, "{}", out.stderr);
    assert!(out.stderr.contains("already holds a KB"), "{}", out.stderr);
    assert_eq!(read(&root.join("hindsight.toml")), config);

    // The unfilled template is warned about, item by item, but has no errors; that the
    // example is like it is a note.
    let (out, diags) = check_json(root, &[NEW_PATH]);
    assert_eq!(out.code, 0, "{}", out.stdout);
    assert!(
        diags.iter().all(|d| d["path"] == NEW_PATH),
        "{}",
        out.stdout
    );
    assert!(
        diags
            .iter()
            .all(|d| d["level"] == "warning" || d["code"] == "seen-before" && d["level"] == "note"),
        "{}",
        out.stdout
    );
    let count = |code: &str| diags.iter().filter(|d| d["code"] == code).count();
    // resolved, impact, root cause, action items.
    assert_eq!(count("missing-field"), 4, "{}", out.stdout);
    // timeline, analysis, what went well, what went wrong, lessons learned.
    assert_eq!(count("missing-section"), 5, "{}", out.stdout);

    // A draft is not built without --drafts, so the build still succeeds without it.
    let out = run(root, &["build"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(root.join("public/index.html").is_file());
    assert!(
        !root
            .join("public/incidents/2026-11-20-checkout-errors-after-the-tls-change")
            .exists()
    );
}

#[test]
fn a_new_post_mortem_reports_only_its_unfilled_prompts() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    assert_eq!(run(root, &["init"]).code, 0);
    assert_eq!(new_incident(root).code, 0);
    let (out, diags) = check_json(root, &[NEW_PATH]);
    assert_eq!(out.code, 0, "{}", out.stdout);
    let found: BTreeSet<&str> = diags.iter().map(|d| d["code"].as_str().unwrap()).collect();
    // And that it is like the example `init` wrote (checkout errors both): a note.
    assert_eq!(
        found,
        BTreeSet::from(["missing-field", "missing-section", "seen-before"]),
        "{}",
        out.stdout
    );
    let seen: Vec<&Value> = diags
        .iter()
        .filter(|d| d["code"] == "seen-before")
        .collect();
    assert_eq!(seen.len(), 1, "{}", out.stdout);
    assert!(
        seen[0]["message"]
            .as_str()
            .unwrap()
            .contains("-example-certificate-expiry`"),
        "{}",
        out.stdout
    );
}

#[test]
fn every_rule_fires_on_its_fixture_in_all_four_formats() {
    for format in ["human", "json", "github", "sarif"] {
        let out = run(
            &lint_kb(),
            &["check", "--root", ".", "--format", format, "--today", TODAY],
        );
        assert_eq!(out.code, 0, "{format}: warnings only: {}", out.stderr);
        for code in CODES {
            let fires = format!("{code}-fires.md");
            // Each format names the rule and the file on one line (SARIF: in one result).
            let named = match format {
                "human" => out
                    .stdout
                    .lines()
                    .any(|l| l.contains(&fires) && l.contains(&format!("warning[{code}]"))),
                "json" => out
                    .stdout
                    .lines()
                    .any(|l| l.contains(&fires) && l.contains(&format!("\"code\":\"{code}\""))),
                "github" => out
                    .stdout
                    .lines()
                    .any(|l| l.contains(&fires) && l.contains(&format!("title={code}::"))),
                _ => {
                    let log: Value = serde_json::from_str(&out.stdout).unwrap();
                    log["runs"][0]["results"]
                        .as_array()
                        .unwrap()
                        .iter()
                        .any(|r| {
                            r["ruleId"] == *code
                                && r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
                                    .as_str()
                                    .is_some_and(|u| u.ends_with(&fires))
                        })
                }
            };
            assert!(named, "{format}: `{code}` not reported for {fires}");
        }
    }
}

/// Each `public-*` rule in every output format: its fixture that fires is reported, with the
/// rule's code, at the same line and column as in JSON; its fixture that passes is not.
#[test]
fn public_rules_fire_and_pass_in_every_format() {
    let kb = lint_kb();
    for code in CODES.iter().filter(|c| c.starts_with("public-")) {
        let fires = format!("content/incidents/{code}-fires.md");
        let passes = format!("content/incidents/{code}-passes.md");
        let (_, json) = check_json(&kb, &[&fires]);
        let expected: Vec<(u64, u64)> = json
            .iter()
            .filter(|d| d["code"] == *code)
            .map(|d| (d["line"].as_u64().unwrap(), d["col"].as_u64().unwrap()))
            .collect();
        assert!(!expected.is_empty(), "{code} fires in JSON");
        for format in ["human", "github", "sarif"] {
            let args = |file: &str| {
                run(
                    &kb,
                    &[
                        "check", "--root", ".", "--today", TODAY, "--format", format, file,
                    ],
                )
            };
            let out = args(&fires);
            assert_eq!(out.code, 0, "{}", out.stderr);
            let found: Vec<(u64, u64)> = match format {
                "human" => (out.stdout.lines())
                    .filter(|l| l.contains(&format!(": warning[{code}]:")))
                    .map(|l| {
                        let rest = l.strip_prefix(&format!("{fires}:")).unwrap();
                        let mut n = rest.split(':').map(|x| x.parse::<u64>().unwrap_or(0));
                        (n.next().unwrap(), n.next().unwrap())
                    })
                    .collect(),
                "github" => (out.stdout.lines())
                    .filter(|l| l.contains(&format!(",title={code}::")))
                    .map(|l| {
                        let field = |k: &str| {
                            l.split([',', ' '])
                                .find_map(|p| p.strip_prefix(k))
                                .and_then(|v| v.parse::<u64>().ok())
                                .unwrap()
                        };
                        assert!(l.starts_with(&format!("::warning file={fires},")), "{l}");
                        (field("line="), field("col="))
                    })
                    .collect(),
                _ => {
                    let log: Value = serde_json::from_str(&out.stdout).unwrap();
                    (log["runs"][0]["results"].as_array().unwrap().iter())
                        .filter(|r| r["ruleId"] == *code)
                        .map(|r| {
                            let loc = &r["locations"][0]["physicalLocation"];
                            assert_eq!(loc["artifactLocation"]["uri"], fires.as_str());
                            let region = &loc["region"];
                            (
                                region["startLine"].as_u64().unwrap(),
                                region["startColumn"].as_u64().unwrap(),
                            )
                        })
                        .collect()
                }
            };
            assert_eq!(found, expected, "{code} in {format}:\n{}", out.stdout);
            let out = args(&passes);
            assert_eq!(out.code, 0, "{}", out.stderr);
            let fired = if format == "sarif" {
                let log: Value = serde_json::from_str(&out.stdout).unwrap();
                (log["runs"][0]["results"].as_array().unwrap().iter()).any(|r| r["ruleId"] == *code)
            } else {
                out.stdout.contains(*code)
            };
            assert!(
                !fired,
                "{code} fires on {passes} in {format}:\n{}",
                out.stdout
            );
        }
    }
}
