//! Build script: takes the git commit the binary is built from (`git rev-parse HEAD`, and
//! whether the sources differ from it) and gives the crate `HINDSIGHT_COMMIT` (40 hex digits,
//! or empty), `HINDSIGHT_COMMIT_SHORT` and `HINDSIGHT_LONG_VERSION` ("0.1.0 (1a2b3c4d5e6f)"),
//! which `hindsight --version` prints and `hindsight init` pins its CI files to; and
//! `HINDSIGHT_SOURCES`, a hash of the sources when they differ from the commit (else empty), so
//! that the search index tells a modified build from the commit's.
//!
//! Where the commit comes from, first found wins: the `HINDSIGHT_COMMIT` environment variable
//! (for builds from a tarball, or a Docker build without `.git`); git, when the crate is the
//! top of a git work tree (a clone, `cargo install --path .`, `cargo install --git`); the
//! `.cargo_vcs_info.json` that `cargo package` writes. Otherwise the version says "unknown".
//!
//! It reruns when HEAD moves (HEAD, the branch's ref file, packed-refs), when the index changes
//! (`git add`, a commit) and when a file that goes into the binary changes, which rebuilds the
//! crate anyway; not on every build.

use std::path::{Path, PathBuf};
use std::process::Command;

/// The files and folders whose contents make the binary: a change to one of them is what
/// "dirty" means, and what reruns this script.
const SOURCES: &[&str] = &["src", "theme", "Cargo.toml", "Cargo.lock", "build.rs"];

fn main() {
    let dir = PathBuf::from(std::env::var_os("CARGO_MANIFEST_DIR").expect("set by cargo"));
    println!("cargo:rerun-if-env-changed=HINDSIGHT_COMMIT");
    for source in SOURCES {
        if dir.join(source).exists() {
            println!("cargo:rerun-if-changed={source}");
        }
    }

    let (commit, dirty) = match std::env::var("HINDSIGHT_COMMIT") {
        Ok(c) if is_commit(c.trim()) => (c.trim().to_ascii_lowercase(), false),
        _ => from_git(&dir)
            .or_else(|| from_vcs_info(&dir))
            .unwrap_or_default(),
    };
    let short = commit.get(..12).unwrap_or("unknown");
    let version = std::env::var("CARGO_PKG_VERSION").expect("set by cargo");
    let long = format!(
        "{version} ({short}{})",
        if dirty { ", modified" } else { "" }
    );
    // A build from changed sources names them by their contents too: its commit alone would
    // not tell it from the commit's build, or from a build of other changes.
    let sources = match dirty {
        true => format!("{:016x}", sources_hash(&dir)),
        false => String::new(),
    };
    println!("cargo:rustc-env=HINDSIGHT_COMMIT={commit}");
    println!("cargo:rustc-env=HINDSIGHT_SOURCES={sources}");
    println!("cargo:rustc-env=HINDSIGHT_COMMIT_SHORT={short}");
    println!("cargo:rustc-env=HINDSIGHT_LONG_VERSION={long}");
}

/// FNV-1a (as `src/fingerprint.rs` computes it; a build script cannot use the crate) over
/// every file of `SOURCES`: its path from the crate's folder, then its bytes, in the order of
/// the sorted paths. Symbolic links are not followed (a loop would never end).
fn sources_hash(dir: &Path) -> u64 {
    fn files(path: &Path, out: &mut Vec<PathBuf>) {
        let Ok(meta) = std::fs::symlink_metadata(path) else {
            return;
        };
        if meta.is_dir() {
            for entry in std::fs::read_dir(path).into_iter().flatten().flatten() {
                files(&entry.path(), out);
            }
        } else if meta.is_file() {
            out.push(path.to_path_buf());
        }
    }
    let mut all = Vec::new();
    for source in SOURCES {
        files(&dir.join(source), &mut all);
    }
    all.sort();
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for path in all {
        let name = path
            .strip_prefix(dir)
            .unwrap_or(&path)
            .to_string_lossy()
            .into_owned();
        let bytes = std::fs::read(&path).unwrap_or_default();
        for b in name.bytes().chain([0]).chain(bytes) {
            h = (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3);
        }
    }
    h
}

fn is_commit(s: &str) -> bool {
    s.len() == 40 && s.bytes().all(|b| b.is_ascii_hexdigit())
}

/// Runs git in `dir`; its trimmed output when it succeeds.
fn git(dir: &Path, args: &[&str]) -> Option<String> {
    let out = Command::new("git")
        .args(args)
        .current_dir(dir)
        .output()
        .ok()?;
    out.status
        .success()
        .then(|| String::from_utf8_lossy(&out.stdout).trim().to_string())
}

/// The commit and whether the sources differ from it, when `dir` is the top of a git work
/// tree (not a crate unpacked inside some other repository).
fn from_git(dir: &Path) -> Option<(String, bool)> {
    let top = PathBuf::from(git(dir, &["rev-parse", "--show-toplevel"])?);
    if top.canonicalize().ok()? != dir.canonicalize().ok()? {
        return None;
    }
    let commit = git(dir, &["rev-parse", "HEAD"])?;
    if !is_commit(&commit) {
        return None;
    }
    // Rerun when HEAD moves or the index changes. `--git-path` finds them in a linked work
    // tree too, where `.git` is a file. A path that does not exist would rerun every build.
    let mut watched = vec!["HEAD".to_string(), "index".into(), "packed-refs".into()];
    if let Some(branch) = git(dir, &["symbolic-ref", "-q", "HEAD"]) {
        watched.push(branch);
    }
    for name in watched {
        if let Some(path) = git(dir, &["rev-parse", "--git-path", &name]) {
            let path = dir.join(path);
            if path.exists() {
                println!("cargo:rerun-if-changed={}", path.display());
            }
        }
    }
    // --no-optional-locks: status must not rewrite the index, or the next build would rerun.
    let mut status = vec![
        "--no-optional-locks",
        "status",
        "--porcelain",
        "--untracked-files=no",
        "--",
    ];
    status.extend(SOURCES);
    let dirty = git(dir, &status).is_some_and(|s| !s.is_empty());
    Some((commit.to_ascii_lowercase(), dirty))
}

/// `{"git": {"sha1": "..."}}` in the `.cargo_vcs_info.json` of a packaged crate.
fn from_vcs_info(dir: &Path) -> Option<(String, bool)> {
    let text = std::fs::read_to_string(dir.join(".cargo_vcs_info.json")).ok()?;
    let at = text.find("\"sha1\"")? + "\"sha1\"".len();
    let rest = text[at..].trim_start().strip_prefix(':')?.trim_start();
    let sha = rest.strip_prefix('"')?.get(..40)?;
    is_commit(sha).then(|| (sha.to_ascii_lowercase(), text.contains("\"dirty\": true")))
}
