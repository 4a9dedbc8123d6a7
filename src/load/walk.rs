//! Finds the Markdown files under `content/`: sorted, hidden files skipped, symlinks followed
//! only while they stay inside the KB root, loops reported instead of followed forever.

use crate::diag::{Diagnostic, Pos};
use std::path::{Path, PathBuf};
use walkdir::WalkDir;

/// The `.md` files under `content`, and a diagnostic for each path that could not be walked.
pub fn markdown_files(
    root: &Path,
    content: &Path,
    display_root: &str,
) -> (Vec<PathBuf>, Vec<Diagnostic>) {
    // Long on purpose: the walk and its refusals (links, hidden files, names that are not UTF-8,
    // size limits) in one loop.
    let mut files = Vec::new();
    let mut diags = Vec::new();
    let canonical_root = root.canonicalize().unwrap_or_else(|_| root.to_path_buf());
    let display = |p: &Path| crate::join_display(display_root, &crate::rel_slash(root, p));
    let mut it = WalkDir::new(content)
        .follow_links(true)
        .sort_by_file_name()
        .into_iter();
    while let Some(entry) = it.next() {
        let entry = match entry {
            Ok(e) => e,
            Err(e) => {
                let path = e.path().map(&display).unwrap_or_else(|| display(content));
                let d = if e.loop_ancestor().is_some() {
                    Diagnostic::error(
                        path,
                        Pos::START,
                        "symlink-loop",
                        "this symlink leads back to a folder that contains it; skipped",
                    )
                    .with_help("remove the symlink or point it at a file")
                } else {
                    Diagnostic::error(path, Pos::START, "io", format!("cannot read: {e}"))
                };
                diags.push(d);
                continue;
            }
        };
        let name = entry.file_name().to_string_lossy();
        if entry.depth() > 0 && name.starts_with('.') {
            if entry.file_type().is_dir() {
                it.skip_current_dir();
            }
            continue;
        }
        if entry.path_is_symlink() {
            let inside = entry
                .path()
                .canonicalize()
                .is_ok_and(|target| target.starts_with(&canonical_root));
            if !inside {
                diags.push(
                    Diagnostic::warning(
                        display(entry.path()),
                        Pos::START,
                        "symlink-outside",
                        "this symlink points outside the KB root; skipped",
                    )
                    .with_help("copy the file into the KB instead"),
                );
                if entry.file_type().is_dir() {
                    it.skip_current_dir();
                }
                continue;
            }
        }
        if !entry.file_type().is_file() {
            continue;
        }
        match entry.path().extension() {
            // `.markdown` (Jekyll's new posts) and `.mdx` (Docusaurus) are Markdown too.
            Some(e) if e == "md" || e == "markdown" || e == "mdx" => files.push(entry.into_path()),
            // A post-mortem saved without its extension (a wiki export, a file renamed by
            // hand) would be missed without a word: one that starts as Markdown does is told.
            None if looks_like_markdown(entry.path()) => diags.push(
                Diagnostic::warning(
                    display(entry.path()),
                    Pos::START,
                    "not-markdown",
                    "this file looks like Markdown but has no `.md` extension; skipped",
                )
                .with_help("add `.md` to its name to build it, or move it out of `content/`"),
            ),
            _ => {}
        }
    }
    (files, diags)
}

/// Whether a file starts as a post-mortem does: a `#` heading or front matter (`---`, `+++`).
fn looks_like_markdown(path: &Path) -> bool {
    use std::io::Read;
    let mut head = [0u8; 8];
    let n = std::fs::File::open(path)
        .and_then(|mut f| f.read(&mut head))
        .unwrap_or(0);
    let head = &head[..n];
    let head = head.strip_prefix(b"\xef\xbb\xbf").unwrap_or(head);
    head.starts_with(b"# ") || head.starts_with(b"---") || head.starts_with(b"+++")
}
