//! Bad input: each fixture under `tests/fixtures/invalid/<case>/` (and a few made here, such as
//! a symlink loop) is built over a previous site. Each gives a located diagnostic (snapshot),
//! exit status 1, no panic, and leaves the previous site untouched.

use crate::support::*;
use std::path::Path;

/// Builds a copy of the fixture `case` (after `prepare`) and checks the invariants; returns stderr.
fn check_case(case: &str, prepare: impl FnOnce(&Path)) -> String {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    let fixture = fixtures().join("invalid").join(case);
    if fixture.exists() {
        copy_tree(&fixture, root);
    }
    prepare(root);
    write_files(
        root,
        &[
            ("public/.hindsight-output", ""),
            ("public/index.html", "previous site"),
        ],
    );
    let run: Run = bin()
        .current_dir(root)
        .args(["build"])
        .output()
        .unwrap()
        .into();
    assert_eq!(run.code, 1, "{case}: exit status\n{}", run.stderr);
    assert!(!run.stderr.contains("panicked"), "{case}: {}", run.stderr);
    assert_eq!(
        read(&root.join("public/index.html")),
        "previous site",
        "{case}: the previous site"
    );
    assert_eq!(
        files_under(&root.join("public")),
        [".hindsight-output", "index.html"],
        "{case}"
    );
    run.stderr
}

macro_rules! case {
    ($name:ident) => {
        #[test]
        fn $name() {
            let case = stringify!($name).replace('_', "-");
            insta::assert_snapshot!(stringify!($name), check_case(&case, |_| {}));
        }
    };
}

case!(invalid_yaml);
case!(front_matter_unterminated);
case!(wrong_type);
case!(unknown_key);
case!(bad_date);
case!(date_order);
case!(unknown_severity);
case!(unknown_category);
case!(duplicate_ids);
case!(bad_id);
case!(broken_wiki_link);
case!(broken_related);
case!(broken_because);
case!(non_utf8);
case!(empty_file);
case!(config_error);
case!(timeline);
case!(because_cycle);

#[test]
fn large_file() {
    let stderr = check_case("large-file", |root| {
        let body = "Lots of log output pasted into a post-mortem.\n".repeat(5 * 1024 * 1024 / 46);
        write_files(
            root,
            &[("content/incidents/huge.md", &incident("huge", "", &body))],
        );
    });
    insta::assert_snapshot!("large_file", stderr);
}

#[cfg(unix)]
#[test]
fn symlink_loop() {
    let stderr = check_case("symlink-loop", |root| {
        write_files(
            root,
            &[("content/incidents/loop/a.md", &incident("a", "", ""))],
        );
        std::os::unix::fs::symlink("..", root.join("content/incidents/loop/again")).unwrap();
    });
    insta::assert_snapshot!("symlink_loop", stderr);
}

#[cfg(unix)]
#[test]
fn symlinks_out_of_the_root_are_not_followed() {
    let outside = tempfile::tempdir().unwrap();
    write_files(
        outside.path(),
        &[("secret.md", &incident("secret", "", ""))],
    );
    let dir = tempfile::tempdir().unwrap();
    write_files(
        dir.path(),
        &[("content/incidents/a.md", &incident("a", "", ""))],
    );
    std::os::unix::fs::symlink(
        outside.path(),
        dir.path().join("content/incidents/elsewhere"),
    )
    .unwrap();
    let run = build_in(dir.path(), &dir.path().join("public"), &[]);
    assert_eq!(run.code, 0, "a warning only: {}", run.stderr);
    assert!(
        run.stderr
            .contains("content/incidents/elsewhere:1:1: warning[symlink-outside]"),
        "{}",
        run.stderr
    );
    assert!(!dir.path().join("public/incidents/secret").exists());
}

/// A folder that is not a KB (post-mortems with no `content/`), or no folder at all: the
/// build says so and writes nothing, not even its lock file, and creates no folder.
#[test]
fn a_folder_that_is_not_a_kb_is_left_as_it_was() {
    let dir = tempfile::tempdir().unwrap();
    write_files(
        dir.path(),
        &[("2024-03-01-dns.md", "# DNS outage\n\nResolvers failed.\n")],
    );
    let run = bin()
        .args(["build", "--root"])
        .arg(dir.path())
        .output()
        .unwrap();
    let run = Run::from(run);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(run.stderr.contains("no-content"), "{}", run.stderr);
    assert!(
        run.stderr.contains("mkdir -p content/incidents"),
        "{}",
        run.stderr
    );
    let names: Vec<String> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(names, ["2024-03-01-dns.md"]);

    let missing = dir.path().join("no-such-kb");
    let run = Run::from(
        bin()
            .args(["build", "--root"])
            .arg(&missing)
            .output()
            .unwrap(),
    );
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(run.stderr.contains("is not a folder"), "{}", run.stderr);
    assert!(!missing.exists());
}
