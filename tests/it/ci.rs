//! Installing and publishing: `hindsight --version` names the commit; the CI files
//! `hindsight init --ci github|gitlab|none` writes parse, name the keys GitHub and GitLab need,
//! pass actionlint, and their shell steps run as written (commit lookup, a binary restored from
//! the cache, a build for the Pages URL); the README's install commands are the ones they use.

use crate::support::*;
use serde_yaml::Value;
use std::path::{Path, PathBuf};
use std::process::Command;

/// `hindsight init --ci CI` in a fresh folder.
fn init(ci: Option<&str>) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let mut cmd = bin();
    cmd.current_dir(dir.path()).arg("init");
    if let Some(ci) = ci {
        cmd.args(["--ci", ci]);
    }
    let run: Run = cmd.output().unwrap().into();
    assert_eq!(run.code, 0, "{}", run.stderr);
    dir
}

fn yaml(path: &Path) -> Value {
    serde_yaml::from_str(&read(path))
        .unwrap_or_else(|e| panic!("{} is not YAML: {e}", path.display()))
}

fn str_of<'a>(v: &'a Value, what: &str) -> &'a str {
    v.as_str()
        .unwrap_or_else(|| panic!("{what} is not a string: {v:?}"))
}

/// The folder of the binary under test, to put first on a script's PATH.
fn bin_dir() -> PathBuf {
    Path::new(env!("CARGO_BIN_EXE_hindsight"))
        .parent()
        .unwrap()
        .to_path_buf()
}

/// Runs `script` with bash in `dir` with `env`; asserts it succeeded and returns its stdout.
fn bash(dir: &Path, script: &str, env: &[(&str, &str)]) -> String {
    let out = Command::new("bash")
        .args(["-eo", "pipefail", "-c", script])
        .current_dir(dir)
        .envs(env.iter().copied())
        .output()
        .expect("bash runs");
    assert!(
        out.status.success(),
        "script failed:\n{script}\n{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// PATH with the binary under test first.
fn path_with_bin() -> String {
    format!(
        "{}:{}",
        bin_dir().display(),
        std::env::var("PATH").unwrap_or_default()
    )
}

/// The commit `git` says the repository is at, when it can.
fn repo_head() -> Option<String> {
    let out = Command::new("git")
        .args(["rev-parse", "HEAD"])
        .current_dir(repo())
        .output()
        .ok()?;
    let head = String::from_utf8_lossy(&out.stdout).trim().to_string();
    (out.status.success() && head.len() == 40).then_some(head)
}

/// The commit the binary says it was built from (12 hex digits), from `--version`.
fn version_commit() -> Option<String> {
    let run: Run = bin().arg("--version").output().unwrap().into();
    let inside = run.stdout.split_once('(')?.1.split_once(')')?.0;
    let short = inside.split(',').next()?.to_string();
    (short != "unknown").then_some(short)
}

#[test]
fn version_names_the_version_and_the_commit() {
    let run: Run = bin().arg("--version").output().unwrap().into();
    assert_eq!(run.code, 0, "{}", run.stderr);
    let line = run.stdout.trim_end();
    let prefix = format!("hindsight {} (", env!("CARGO_PKG_VERSION"));
    let inside = line
        .strip_prefix(&prefix)
        .and_then(|rest| rest.strip_suffix(')'))
        .unwrap_or_else(|| panic!("`{line}` is not `{prefix}COMMIT)`"));
    let short = inside.strip_suffix(", modified").unwrap_or(inside);
    assert!(
        short == "unknown" || (short.len() == 12 && short.bytes().all(|b| b.is_ascii_hexdigit())),
        "`{short}` is not a commit"
    );
    // Built from this checkout: the commit is the checkout's HEAD.
    if let Some(head) = repo_head()
        && std::env::var_os("HINDSIGHT_COMMIT").is_none()
    {
        assert_eq!(short, &head[..12], "{line}");
    }
    // Subcommands print the same version.
    let sub: Run = bin().args(["build", "--version"]).output().unwrap().into();
    assert_eq!(
        sub.stdout.trim_end(),
        format!("hindsight-build {}", &line["hindsight ".len()..])
    );
}

/// The `run` of the step named `name` in `steps`.
fn step<'a>(steps: &'a [Value], name: &str) -> (usize, &'a Value) {
    steps
        .iter()
        .enumerate()
        .find(|(_, s)| s["name"].as_str() == Some(name))
        .unwrap_or_else(|| panic!("no step named `{name}`"))
}

/// The index and step that uses `action` (`actions/cache`), with its version.
fn uses<'a>(steps: &'a [Value], action: &str) -> (usize, &'a Value, u32) {
    steps
        .iter()
        .enumerate()
        .find_map(|(i, s)| {
            let (name, version) = s["uses"].as_str()?.split_once('@')?;
            let major = version.strip_prefix('v')?.parse().ok()?;
            (name == action).then_some((i, s, major))
        })
        .unwrap_or_else(|| panic!("no step uses `{action}`"))
}

const ON_MAIN: &str = "github.event_name == 'push' && github.ref == 'refs/heads/main'";

#[test]
fn init_writes_a_github_workflow_that_installs_caches_checks_builds_and_deploys() {
    let dir = init(None);
    assert!(!dir.path().join(".gitlab-ci.yml").exists());
    let wf = yaml(&dir.path().join(".github/workflows/postmortems.yml"));

    // Pull requests are checked and built; pushes to main are deployed too.
    assert!(wf["on"]["pull_request"].is_null() && wf["on"].get("pull_request").is_some());
    assert_eq!(
        wf["on"]["push"]["branches"],
        serde_yaml::from_str::<Value>("[main]").unwrap()
    );
    assert_eq!(wf["permissions"]["contents"], "read");

    // Installed from the repository at the commit this binary was built from.
    assert_eq!(
        str_of(&wf["env"]["HINDSIGHT_GIT"], "HINDSIGHT_GIT"),
        hindsight::scaffold::REPOSITORY
    );
    let rev = str_of(&wf["env"]["HINDSIGHT_REV"], "HINDSIGHT_REV");
    match version_commit() {
        Some(short) => assert!(rev.len() == 40 && rev.starts_with(&short), "{rev}"),
        None => assert_eq!(rev, "main"),
    }

    let build = &wf["jobs"]["build"];
    assert_eq!(build["runs-on"], "ubuntu-latest");
    let steps = build["steps"].as_sequence().expect("build has steps");
    let (checkout, _, v) = uses(steps, "actions/checkout");
    assert!(
        checkout == 0 && v >= 5,
        "checkout first, at v5 or later (node24)"
    );

    // The binary is cached by the commit, and compiled only when the cache misses.
    let (find, find_step) = step(steps, "Find the hindsight commit");
    assert_eq!(find_step["id"], "hindsight");
    let (cache, cache_step, v) = uses(steps, "actions/cache");
    assert!(v >= 5, "actions/cache v5 or later (node24)");
    assert_eq!(cache_step["id"], "cache");
    assert_eq!(cache_step["with"]["path"], "~/.hindsight");
    let key = str_of(&cache_step["with"]["key"], "the cache key");
    assert!(key.contains("${{ steps.hindsight.outputs.rev }}"), "{key}");
    let (install, install_step) = step(steps, "Install hindsight");
    assert_eq!(
        install_step["if"],
        "steps.cache.outputs.cache-hit != 'true'"
    );
    let command = str_of(&install_step["run"], "the install command");
    assert_eq!(
        command,
        r#"cargo install --git "$HINDSIGHT_GIT" --locked --rev "$HINDSIGHT_COMMIT" --root ~/.hindsight"#
    );
    assert_eq!(
        install_step["env"]["HINDSIGHT_COMMIT"],
        "${{ steps.hindsight.outputs.rev }}"
    );
    let (on_path, on_path_step) = step(steps, "Put hindsight on the PATH");
    assert!(str_of(&on_path_step["run"], "run").contains("$HOME/.hindsight/bin"));

    // Then check (annotating the pull request), build, and upload the site on main.
    let (check, check_step) = step(steps, "Check the post-mortems");
    assert_eq!(
        check_step["run"],
        "hindsight check --format github --deny warnings"
    );
    let (pages, pages_step, v) = uses(steps, "actions/configure-pages");
    assert!(v >= 5);
    assert_eq!(pages_step["id"], "pages");
    assert_eq!(pages_step["if"], ON_MAIN);
    let (build_site, build_step) = step(steps, "Build the site");
    assert_eq!(
        build_step["env"]["BASE_URL"],
        "${{ steps.pages.outputs.base_url }}"
    );
    let (upload, upload_step, v) = uses(steps, "actions/upload-pages-artifact");
    assert!(v >= 4);
    assert_eq!(upload_step["with"]["path"], "public");
    assert_eq!(upload_step["if"], ON_MAIN);
    let order = [
        checkout, find, cache, install, on_path, check, pages, build_site, upload,
    ];
    assert!(order.is_sorted(), "steps in the order {order:?}");

    // The deploy job: only on pushes to main, after the build, with the Pages permissions.
    let deploy = &wf["jobs"]["deploy"];
    assert_eq!(deploy["if"], ON_MAIN);
    assert_eq!(deploy["needs"], "build");
    assert_eq!(deploy["permissions"]["pages"], "write");
    assert_eq!(deploy["permissions"]["id-token"], "write");
    assert_eq!(deploy["concurrency"]["group"], "pages");
    assert_eq!(deploy["environment"]["name"], "github-pages");
    assert_eq!(
        deploy["environment"]["url"],
        "${{ steps.deployment.outputs.page_url }}"
    );
    let deploy_steps = deploy["steps"].as_sequence().unwrap();
    let (_, deploy_step, v) = uses(deploy_steps, "actions/deploy-pages");
    assert!(v >= 4);
    assert_eq!(deploy_step["id"], "deployment");
    // Only these two jobs: a pull request runs `build` alone.
    assert_eq!(wf["jobs"].as_mapping().unwrap().len(), 2);
}

#[test]
fn the_workflow_steps_run_as_written() {
    let dir = init(None);
    let root = dir.path();
    let wf = yaml(&root.join(".github/workflows/postmortems.yml"));
    let steps = wf["jobs"]["build"]["steps"].as_sequence().unwrap();
    let run_of = |name: &str| str_of(&step(steps, name).1["run"], name).to_string();
    let outputs = root.join("github-output");
    let outputs_s = outputs.to_str().unwrap();

    // A commit is taken as it is, with no network.
    let commit = "0123456789abcdef0123456789abcdef01234567";
    let find = run_of("Find the hindsight commit");
    bash(
        root,
        &find,
        &[
            ("HINDSIGHT_GIT", "/nonexistent"),
            ("HINDSIGHT_REV", commit),
            ("GITHUB_OUTPUT", outputs_s),
        ],
    );
    assert_eq!(read(&outputs), format!("rev={commit}\n"));

    // A branch name is looked up in the repository (here a local one).
    let upstream = root.join("upstream");
    std::fs::create_dir(&upstream).unwrap();
    let git = |args: &[&str]| {
        let out = Command::new("git")
            .args(["-c", "user.name=t", "-c", "user.email=t@example.com"])
            .args(args)
            .current_dir(&upstream)
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8_lossy(&out.stdout).trim().to_string()
    };
    git(&["init", "-q", "-b", "main"]);
    git(&["commit", "-q", "--allow-empty", "-m", "release"]);
    let head = git(&["rev-parse", "HEAD"]);
    std::fs::remove_file(&outputs).unwrap();
    bash(
        root,
        &find,
        &[
            ("HINDSIGHT_GIT", upstream.to_str().unwrap()),
            ("HINDSIGHT_REV", "main"),
            ("GITHUB_OUTPUT", outputs_s),
        ],
    );
    assert_eq!(read(&outputs), format!("rev={head}\n"));

    // A restored cache (the binary in ~/.hindsight/bin) is put on the PATH and runs.
    let home = root.join("home");
    std::fs::create_dir_all(home.join(".hindsight/bin")).unwrap();
    // Copied by `cp`, not std::fs::copy: a file this process holds open for writing can be
    // inherited by a child another test forks meanwhile, and running it then fails with
    // "Text file busy".
    let copied = Command::new("cp")
        .arg(env!("CARGO_BIN_EXE_hindsight"))
        .arg(home.join(".hindsight/bin/hindsight"))
        .status()
        .unwrap();
    assert!(copied.success());
    let github_path = root.join("github-path");
    let printed = bash(
        root,
        &run_of("Put hindsight on the PATH"),
        &[
            ("HOME", home.to_str().unwrap()),
            ("GITHUB_PATH", github_path.to_str().unwrap()),
        ],
    );
    assert!(printed.starts_with("hindsight "), "{printed}");
    assert_eq!(
        read(&github_path),
        format!("{}\n", home.join(".hindsight/bin").display())
    );

    // The check passes on a new KB.
    bash(
        root,
        &run_of("Check the post-mortems"),
        &[("PATH", &path_with_bin())],
    );

    // On main, the build takes the Pages URL as it comes from configure-pages.
    let build = run_of("Build the site");
    bash(
        root,
        &build,
        &[
            ("PATH", &path_with_bin()),
            ("BASE_URL", "https://org.github.io/repo"),
        ],
    );
    let index = read(&root.join("public/index.html"));
    assert!(index.contains(r#"href="/repo/assets/style.css"#), "{index}");
    let feed = read(&root.join("public/atom.xml"));
    assert!(
        feed.contains(r#"<link href="https://org.github.io/repo/atom.xml" rel="self"/>"#),
        "{feed}"
    );
    // On a pull request there is no Pages URL: the config's base_url is used.
    bash(
        root,
        &build,
        &[("PATH", &path_with_bin()), ("BASE_URL", "")],
    );
    let index = read(&root.join("public/index.html"));
    assert!(index.contains(r#"href="/assets/style.css"#), "{index}");
}

/// An actionlint binary: $ACTIONLINT, the one scripts/install-actionlint.sh installs (run
/// here when it is missing), or one on the PATH. None when none can be had.
fn actionlint() -> Option<PathBuf> {
    if let Some(p) = std::env::var_os("ACTIONLINT") {
        return Some(PathBuf::from(p));
    }
    let venv = Path::new(env!("CARGO_TARGET_TMPDIR")).join("actionlint-venv");
    let installed = venv.join("bin/actionlint");
    if installed.is_file() {
        return Some(installed);
    }
    let script = repo().join("scripts/install-actionlint.sh");
    let out = Command::new("bash").arg(&script).arg(&venv).output().ok()?;
    if out.status.success() && installed.is_file() {
        return Some(installed);
    }
    eprintln!(
        "scripts/install-actionlint.sh failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let on_path = Command::new("actionlint").arg("--version").output();
    on_path
        .is_ok_and(|o| o.status.success())
        .then(|| PathBuf::from("actionlint"))
}

#[test]
fn the_workflow_passes_actionlint() {
    let Some(actionlint) = actionlint() else {
        eprintln!(
            "SKIPPED the_workflow_passes_actionlint: actionlint is not installed and \
             scripts/install-actionlint.sh could not install it (it needs python3 and PyPI)"
        );
        return;
    };
    let dir = init(None);
    // shellcheck, installed beside actionlint, checks each `run:` script too.
    let path = format!(
        "{}:{}",
        actionlint.parent().unwrap_or(Path::new("")).display(),
        std::env::var("PATH").unwrap_or_default()
    );
    let out = Command::new(&actionlint)
        .args(["-no-color", ".github/workflows/postmortems.yml"])
        .current_dir(dir.path())
        .env("PATH", path)
        .output()
        .unwrap();
    let report =
        String::from_utf8_lossy(&out.stdout).into_owned() + &String::from_utf8_lossy(&out.stderr);
    assert!(
        out.status.success() && report.trim().is_empty(),
        "actionlint:\n{report}"
    );

    // actionlint does find problems: an old action and a typo are reported.
    let file = dir.path().join(".github/workflows/postmortems.yml");
    let text = read(&file)
        .replace("actions/checkout@v7", "actions/checkout@v4")
        .replace(
            "steps.pages.outputs.base_url",
            "steps.page.outputs.base_url",
        );
    std::fs::write(&file, text).unwrap();
    let out = Command::new(&actionlint)
        .args(["-no-color", ".github/workflows/postmortems.yml"])
        .current_dir(dir.path())
        .output()
        .unwrap();
    let report = String::from_utf8_lossy(&out.stdout);
    assert!(!out.status.success(), "{report}");
    assert!(report.contains("actions/checkout@v4"), "{report}");
    assert!(report.contains("steps.page"), "{report}");
}

#[test]
fn init_ci_gitlab_writes_a_pages_job() {
    let dir = init(Some("gitlab"));
    let root = dir.path();
    assert!(!root.join(".github").exists());
    let ci = yaml(&root.join(".gitlab-ci.yml"));

    assert_eq!(
        str_of(&ci["variables"]["HINDSIGHT_GIT"], "HINDSIGHT_GIT"),
        hindsight::scaffold::REPOSITORY
    );
    // The job GitLab Pages publishes: named `pages`, with `public` as its artifact.
    let pages = &ci["pages"];
    assert!(pages.is_mapping(), "no `pages` job");
    assert_eq!(
        pages["artifacts"]["paths"],
        serde_yaml::from_str::<Value>("[public]").unwrap()
    );
    assert_eq!(pages["stage"], "deploy");
    assert_eq!(
        pages["rules"][0]["if"],
        "$CI_COMMIT_BRANCH == $CI_DEFAULT_BRANCH"
    );
    let script: Vec<&str> = pages["script"]
        .as_sequence()
        .expect("pages has a script")
        .iter()
        .map(|l| str_of(l, "a script line"))
        .collect();
    assert!(script.contains(&r#"hindsight build --base-url "$CI_PAGES_URL/""#));
    // Merge requests are checked.
    assert_eq!(
        ci["check"]["rules"][0]["if"],
        r#"$CI_PIPELINE_SOURCE == "merge_request_event""#
    );
    // Every job has a script, as GitLab requires.
    for (name, job) in ci.as_mapping().unwrap() {
        let name = name.as_str().unwrap();
        if ["variables", "default", "stages"].contains(&name) {
            continue;
        }
        assert!(job["script"].is_sequence(), "job `{name}` has no script");
    }
    // The binary is cached by the pinned commit, where the install step puts it.
    let default = &ci["default"];
    assert_eq!(default["cache"]["key"], "hindsight-$HINDSIGHT_REV");
    assert_eq!(
        default["cache"]["paths"],
        serde_yaml::from_str::<Value>("[.hindsight/tool/]").unwrap()
    );
    let before: Vec<&str> = default["before_script"]
        .as_sequence()
        .unwrap()
        .iter()
        .map(|l| str_of(l, "a before_script line"))
        .collect();
    assert!(
        before[0].contains(
            r#"cargo install --git "$HINDSIGHT_GIT" --locked --rev "$HINDSIGHT_REV" --root .hindsight/tool"#
        ),
        "{}",
        before[0]
    );

    // With the cache restored, before_script and the pages script run as written, without
    // compiling (no cargo on this PATH), and build the site for the Pages URL.
    std::fs::create_dir_all(root.join(".hindsight/tool/bin")).unwrap();
    std::fs::copy(
        env!("CARGO_BIN_EXE_hindsight"),
        root.join(".hindsight/tool/bin/hindsight"),
    )
    .unwrap();
    let script = [before, script].concat().join("\n");
    let printed = bash(
        root,
        &script,
        &[
            ("PATH", "/usr/bin:/bin"),
            ("CI_PROJECT_DIR", root.to_str().unwrap()),
            ("CI_PAGES_URL", "https://org.gitlab.io/repo"),
            ("HINDSIGHT_GIT", "/nonexistent"),
            ("HINDSIGHT_REV", "main"),
        ],
    );
    assert!(printed.starts_with("hindsight "), "{printed}");
    let index = read(&root.join("public/index.html"));
    assert!(index.contains(r#"href="/repo/assets/style.css"#), "{index}");
}

#[test]
fn init_ci_none_writes_no_ci_file_and_a_wrong_value_is_refused() {
    let dir = init(Some("none"));
    assert!(dir.path().join("hindsight.toml").is_file());
    assert!(!dir.path().join(".github").exists());
    assert!(!dir.path().join(".gitlab-ci.yml").exists());

    let empty = tempfile::tempdir().unwrap();
    let run: Run = bin()
        .current_dir(empty.path())
        .args(["init", "--ci", "jenkins"])
        .output()
        .unwrap()
        .into();
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(
        run.stderr.contains("github, gitlab, none"),
        "{}",
        run.stderr
    );
    assert!(!empty.path().join("hindsight.toml").exists());
}

/// The README's install commands are the ones the CI files run (before their `--rev` and
/// `--root`), and the ones that work from this repository.
#[test]
fn the_readme_installs_as_the_ci_files_do() {
    let readme = read(&repo().join("README.md"));
    let section = readme
        .split_once("\n## Install\n")
        .expect("the README has an Install section")
        .1;
    let block = section
        .split_once("```sh\n")
        .and_then(|(_, rest)| rest.split_once("```"))
        .expect("the Install section starts with a sh block")
        .0;
    let commands: Vec<&str> = block
        .lines()
        .map(|l| l.split_once('#').map_or(l, |(c, _)| c).trim())
        .filter(|l| !l.is_empty())
        .collect();
    let git = format!(
        "cargo install --git {} --locked",
        hindsight::scaffold::REPOSITORY
    );
    assert_eq!(commands, ["cargo install --path . --locked", git.as_str()]);

    let dir = init(None);
    let wf = yaml(&dir.path().join(".github/workflows/postmortems.yml"));
    let steps = wf["jobs"]["build"]["steps"].as_sequence().unwrap();
    let command = str_of(&step(steps, "Install hindsight").1["run"], "run")
        .replace("\"$HINDSIGHT_GIT\"", hindsight::scaffold::REPOSITORY);
    assert!(command.starts_with(&git), "{command}");
}
