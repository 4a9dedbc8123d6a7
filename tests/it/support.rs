//! Helpers: run the binary, make KBs in temporary folders, read the output.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

pub fn bin() -> Command {
    Command::new(env!("CARGO_BIN_EXE_hindsight"))
}

/// The repository root: its `content/` is the demo KB.
pub fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

pub fn fixtures() -> PathBuf {
    repo().join("tests").join("fixtures")
}

/// The result of a run, with stdout and stderr as text.
pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

impl From<Output> for Run {
    fn from(o: Output) -> Self {
        Run {
            code: o.status.code().unwrap_or(-1),
            stdout: String::from_utf8_lossy(&o.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&o.stderr).into_owned(),
        }
    }
}

/// Runs `hindsight build --root . --output OUT ARGS` in `root`.
pub fn build_in(root: &Path, out: &Path, args: &[&str]) -> Run {
    bin()
        .current_dir(root)
        .args(["build", "--root", ".", "--output"])
        .arg(out)
        .args(args)
        .output()
        .expect("the binary runs")
        .into()
}

/// Runs `hindsight check --root . ARGS` in `root`.
pub fn check_in(root: &Path, args: &[&str]) -> Run {
    bin()
        .current_dir(root)
        .args(["check", "--root", "."])
        .args(args)
        .output()
        .expect("the binary runs")
        .into()
}

/// Copies a folder tree.
pub fn copy_tree(from: &Path, to: &Path) {
    for entry in walkdir::WalkDir::new(from) {
        let entry = entry.unwrap();
        let dest = to.join(entry.path().strip_prefix(from).unwrap());
        if entry.file_type().is_dir() {
            std::fs::create_dir_all(&dest).unwrap();
        } else {
            std::fs::copy(entry.path(), &dest).unwrap();
        }
    }
}

/// Writes `files` (path, text) under `root`.
pub fn write_files(root: &Path, files: &[(&str, &str)]) {
    for (path, text) in files {
        let p = root.join(path);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(p, text).unwrap();
    }
}

/// A valid incident with the given id and extra front matter.
pub fn incident(id: &str, extra: &str, body: &str) -> String {
    format!(
        "---\ntitle: Incident {id}\nseverity: SEV2\nstarted: 2024-03-01T10:00:00Z\nresolved: 2024-03-01T11:00:00Z\n{extra}---\n\n## Summary\n\nSomething about {id}.\n\n{body}"
    )
}

pub fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()))
}

/// Every file under `dir`, relative, with `/`.
pub fn files_under(dir: &Path) -> Vec<String> {
    let mut v: Vec<String> = walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .map(|e| hindsight::rel_slash(dir, e.path()))
        .collect();
    v.sort();
    v
}

/// A copy of the demo KB (content/ and hindsight.toml) in a fresh temporary folder.
pub fn demo_copy() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    copy_tree(&repo().join("content"), &dir.path().join("content"));
    std::fs::copy(
        repo().join("hindsight.toml"),
        dir.path().join("hindsight.toml"),
    )
    .unwrap();
    dir
}

/// Options for a build run in this process (not by the binary) of the KB at `root` into
/// `root/out`, with a fixed day so that overdue counts do not move with the calendar.
pub fn in_process_build(root: &Path) -> hindsight::build::BuildOptions {
    hindsight::build::BuildOptions {
        root: root.to_path_buf(),
        display_root: ".".into(),
        output: Some(root.join("out")),
        drafts: false,
        base_url: None,
        today: jiff::civil::date(2026, 1, 1),
        public: false,
    }
}

/// The demo KB's site, built once per test binary, for the tests that only read it: with
/// `--base-url /docs/kb/` (so every link shows the sub-path) and `--today 2026-11-22` (so
/// overdue counts do not move with the calendar).
pub struct DemoSite {
    pub out: PathBuf,
    pub run: Run,
}

pub fn demo_site() -> &'static DemoSite {
    static SITE: std::sync::OnceLock<DemoSite> = std::sync::OnceLock::new();
    SITE.get_or_init(|| {
        let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR"))
            .join(format!("demo-site-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        let out = dir.join("public");
        let run = build_in(
            &repo(),
            &out,
            &["--base-url", "/docs/kb/", "--today", "2026-11-22"],
        );
        DemoSite { out, run }
    })
}

/// A small KB of three post-mortems (a shared cause, a timeline, a cause page, a config), for
/// tests that need a site but not the demo's content.
pub fn small_kb() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let cause = "causes:\n  - id: stale-config\n    category: process\n    root: true\n    text: A stale config.\n";
    write_files(
        dir.path(),
        &[
            (
                "hindsight.toml",
                "title = \"Small KB\"\n[markdown]\nraw_html = \"sanitize\"\n",
            ),
            (
                "content/incidents/a.md",
                &incident("a", cause, "## Timeline\n\n- 10:05 — alert\n"),
            ),
            (
                "content/incidents/b.md",
                &incident("b", cause, "See [[a]].\n"),
            ),
            ("content/incidents/c.md", &incident("c", "", "")),
            (
                "content/causes/stale-config.md",
                "---\ntitle: Stale config\n---\n\nA config nobody reloaded.\n",
            ),
        ],
    );
    dir
}
