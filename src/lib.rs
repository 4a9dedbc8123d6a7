//! hindsight: turns a folder of blameless post-mortems (Markdown with YAML front matter) into a
//! cross-linked static knowledge base. The build is a pipeline of stages, one module each:
//! config -> load -> model -> analyze -> render -> write. `build`, `check` and `scaffold` are
//! the commands, as library functions; `serve` is the live preview around `build`.

pub mod analyze;
pub mod build;
pub mod check;
pub mod cli;
pub mod config;
pub mod diag;
pub mod fingerprint;
pub mod format;
#[doc(hidden)]
pub mod fuzz;
pub mod index;
pub mod load;
pub mod model;
pub mod render;
pub mod report;
pub mod safe_url;
pub mod scaffold;
pub mod search;
pub mod serve;
pub mod write;

/// `0.1.0 (1a2b3c4d5e6f)`: the crate's version and the commit it was built from ("unknown"
/// outside git; ", modified" when the sources differed from it). See build.rs.
pub const LONG_VERSION: &str = env!("HINDSIGHT_LONG_VERSION");

/// The full commit the binary was built from (40 hex digits), or empty when unknown.
pub const COMMIT: &str = env!("HINDSIGHT_COMMIT");

/// Joins the root as the user named it with a relative path, for messages (`./x` stays `x`).
pub fn join_display(root: &str, rel: &str) -> String {
    if root.is_empty() || root == "." {
        rel.to_string()
    } else {
        format!("{}/{}", root.trim_end_matches('/'), rel)
    }
}

/// `path` relative to `root`, with `/` separators: how paths inside a KB or a site are named.
pub fn rel_slash(root: &std::path::Path, path: &std::path::Path) -> String {
    let rel = path.strip_prefix(root).unwrap_or(path);
    rel.components()
        .map(|c| c.as_os_str().to_string_lossy())
        .collect::<Vec<_>>()
        .join("/")
}
