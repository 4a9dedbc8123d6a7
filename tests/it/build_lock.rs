//! Builds of one output folder at once, and builds killed in the middle of the swap: the
//! output is a complete site whenever anyone looks.

use crate::support::*;
use std::path::Path;
use std::process::{Child, Stdio};

/// A KB small enough that 150 debug builds take a few seconds, with search on so that every
/// page names a search manifest and the manifest names shards.
fn small_kb() -> tempfile::TempDir {
    let kb = tempfile::tempdir().unwrap();
    for i in 0..12 {
        let body = format!(
            "## Timeline\n\n- 10:00 — the database failover {i} starts\n\nThe queue backed up on shard {i}.\n"
        );
        write_files(
            kb.path(),
            &[(
                &format!("content/incidents/i{i:02}.md"),
                &incident(&format!("i{i:02}"), "tags: [db]\n", &body),
            )],
        );
    }
    kb
}

/// Every search file of `out`: the manifest's shards, cards and facets, and the manifest
/// every page names. Panics with what is missing.
fn assert_complete_site(out: &Path, when: &str) {
    assert!(
        out.join(".hindsight-output").is_file(),
        "{when}: no marker in {}",
        out.display()
    );
    let files = files_under(out);
    let manifests: Vec<&String> = files
        .iter()
        .filter(|f| f.starts_with("search/manifest-") && f.ends_with(".json"))
        .collect();
    assert_eq!(manifests.len(), 1, "{when}: {manifests:?}");
    let manifest: serde_json::Value = serde_json::from_str(&read(&out.join(manifests[0]))).unwrap();
    let hashes = |v: &serde_json::Value| -> Vec<String> {
        v.as_array()
            .unwrap()
            .iter()
            .map(|h| h.as_str().unwrap().to_string())
            .collect()
    };
    let mut named = Vec::new();
    for h in hashes(&manifest["facets"]["files"]) {
        named.push(format!("search/f/{h}.bin"));
    }
    let cards = manifest["cards"]["hash"].as_str().unwrap();
    for i in 0..manifest["cards"]["count"].as_u64().unwrap() {
        named.push(format!("search/d/{cards}-{i}.bin"));
    }
    for h in hashes(&manifest["vocab"]["files"]) {
        named.push(format!("search/v/{h}.bin"));
    }
    let postings = manifest["postings"]["hash"].as_str().unwrap();
    for i in 0..manifest["postings"]["count"].as_u64().unwrap() {
        named.push(format!("search/p/{postings}-{i}.bin"));
        named.push(format!("search/q/{postings}-{i}.bin"));
    }
    assert!(named.len() > 4, "{when}: {named:?}");
    for f in &named {
        assert!(
            out.join(f).is_file(),
            "{when}: the manifest names {f}, missing"
        );
    }
    let mut pages = 0;
    for page in files.iter().filter(|f| f.ends_with(".html")) {
        let html = read(&out.join(page));
        for (at, _) in html.match_indices("search/manifest-") {
            let name = &html[at..];
            let name = &name[..name.find(".json").unwrap() + ".json".len()];
            assert!(
                out.join(name).is_file(),
                "{when}: {page} names {name}, missing"
            );
            pages += 1;
        }
    }
    assert!(pages > 10, "{when}: only {pages} pages name the manifest");
}

/// The names beside the output folder that start with `.public`.
fn leftovers(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with(".public"))
        .collect();
    names.sort();
    names
}

fn spawn_build(root: &Path) -> Child {
    bin()
        .current_dir(root)
        .args(["build", "--root", ".", "--quiet"])
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap()
}

#[test]
fn three_builds_of_one_kb_at_once_all_succeed_and_leave_a_complete_site() {
    let kb = small_kb();
    let root = kb.path();
    let out = root.join("public");
    let mut waited = 0;
    for round in 0..50 {
        // Every round changes the content, so that the search files change names too.
        write_files(
            root,
            &[(
                "content/incidents/round.md",
                &incident("round", "", &format!("Round {round} of the fleet drill.\n")),
            )],
        );
        // Up to 48 ms apart, so that one build's start meets another's writes: before the lock,
        // this failed within a few rounds (a build's recovery deleted another's staging folder).
        let children: Vec<Child> = (0..3)
            .map(|i| {
                std::thread::sleep(std::time::Duration::from_millis(i * (round % 5) * 12));
                spawn_build(root)
            })
            .collect();
        for child in children {
            let run: Run = child.wait_with_output().unwrap().into();
            assert_eq!(run.code, 0, "round {round}: {}", run.stderr);
            waited += run.stderr.matches("waiting for another build").count();
        }
        assert_complete_site(&out, &format!("after round {round}"));
    }
    assert_eq!(leftovers(root), [".public.lock", ".public.prev"]);
    assert!(waited > 10, "the builds met: {waited} waits in 50 rounds");
}

/// Reads `stderr` up to a line that contains `wanted`; returns the lines read.
fn read_until(stderr: &mut impl std::io::BufRead, wanted: &str) -> String {
    let mut seen = String::new();
    loop {
        let mut line = String::new();
        let n = stderr.read_line(&mut line).unwrap();
        seen.push_str(&line);
        if n == 0 || line.contains(wanted) {
            assert!(line.contains(wanted), "no `{wanted}` in: {seen}");
            return seen;
        }
    }
}

#[test]
fn a_build_waits_for_the_lock_and_says_so_even_quiet_or_exits_2_with_no_wait() {
    let kb = small_kb();
    let root = kb.path();
    let out = root.join("public");
    let held = hindsight::write::OutputLock::take(&out, &mut || panic!("taken")).unwrap();
    let run = build_in(root, &out, &["--quiet", "--no-wait"]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert_eq!(
        run.stderr,
        format!(
            "error: another build of `{}` is running; not waiting for it (--no-wait)\n",
            out.display()
        )
    );
    let mut child = bin()
        .current_dir(root)
        .args(["build", "--root", ".", "--quiet", "--output"])
        .arg(&out)
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stderr = std::io::BufReader::new(child.stderr.take().unwrap());
    let said = read_until(&mut stderr, "waiting for another build");
    assert_eq!(
        said,
        format!(
            "waiting for another build of `{}` to finish…\n",
            out.display()
        )
    );
    assert!(!out.exists(), "nothing is written while it waits");
    drop(held);
    let mut rest = String::new();
    std::io::Read::read_to_string(&mut stderr, &mut rest).unwrap();
    assert!(child.wait().unwrap().success(), "{rest}");
    assert_eq!(rest, "", "--quiet");
    assert_complete_site(&out, "after the wait");
}

/// Kills a build paused by the test hook at `point` of its swap, after checking the output
/// there; returns the page text the output shows after the kill.
#[cfg(debug_assertions)]
fn kill_at(root: &Path, point: &str) -> String {
    let out = root.join("public");
    let mut child = bin()
        .current_dir(root)
        .args(["build", "--root", ".", "--quiet"])
        .env("HINDSIGHT_TEST_PAUSE_SWAP_MS", "2000")
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stderr = std::io::BufReader::new(child.stderr.take().unwrap());
    read_until(&mut stderr, &format!("test hook: {point}"));
    assert_complete_site(&out, &format!("paused {point}"));
    child.kill().unwrap();
    child.wait().unwrap();
    assert_complete_site(&out, &format!("killed {point}"));
    read(&out.join("incidents/i00/index.html"))
}

#[cfg(debug_assertions)]
#[test]
fn a_build_killed_right_before_or_after_the_exchange_leaves_a_complete_site() {
    let kb = small_kb();
    let root = kb.path();
    let out = root.join("public");
    let retitle = |title: &str| {
        write_files(
            root,
            &[(
                "content/incidents/i00.md",
                &incident("i00", "", "").replace("Incident i00", title),
            )],
        );
    };
    retitle("Before the kills");
    assert_eq!(build_in(root, &out, &["--quiet"]).code, 0);
    let pid_folder = |page: &str| {
        let tmp: Vec<String> = leftovers(root)
            .into_iter()
            .filter(|n| n.starts_with(".public.tmp-"))
            .collect();
        assert_eq!(tmp.len(), 1, "{tmp:?}");
        read(&root.join(&tmp[0]).join(page))
    };
    let page = "incidents/i00/index.html";

    retitle("Killed before the exchange");
    let shown = kill_at(root, "before the exchange");
    assert!(shown.contains("Before the kills"), "the previous site");
    assert!(pid_folder(page).contains("Killed before the exchange"));
    assert_eq!(build_in(root, &out, &["--quiet"]).code, 0);
    assert_eq!(leftovers(root), [".public.lock", ".public.prev"]);
    assert!(read(&out.join(page)).contains("Killed before the exchange"));

    retitle("Killed after the exchange");
    let shown = kill_at(root, "after the exchange");
    assert!(shown.contains("Killed after the exchange"), "the new site");
    assert!(
        pid_folder(page).contains("Killed before the exchange"),
        "the staging folder holds the previous site"
    );
    assert_eq!(build_in(root, &out, &["--quiet"]).code, 0);
    assert_eq!(leftovers(root), [".public.lock", ".public.prev"]);
    assert_complete_site(&out, "the next build");
    assert!(read(&out.join(page)).contains("Killed after the exchange"));
}
