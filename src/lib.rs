//! hindsight: turns a folder of blameless post-mortems (Markdown with YAML front matter) into a
//! cross-linked static knowledge base. The build is a pipeline of stages, one module each:
//! config -> load -> model -> render -> write.

pub mod build;
pub mod cli;
pub mod config;
pub mod diag;
pub mod format;
pub mod load;

/// Joins the root as the user named it with a relative path, for messages (`./x` stays `x`).
pub fn join_display(root: &str, rel: &str) -> String {
    if root.is_empty() || root == "." {
        rel.to_string()
    } else {
        format!("{}/{}", root.trim_end_matches('/'), rel)
    }
}
pub mod model;
pub mod render;
pub mod write;
