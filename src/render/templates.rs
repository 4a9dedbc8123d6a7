//! Tera setup: the built-in templates under `builtin/`, the KB's `theme/templates/**` under
//! their own names. Tera's fallback prefix makes `incident.html` mean the KB's template when
//! there is one and the built-in otherwise, and a KB template may `{% extends
//! "builtin/incident.html" %}` to replace a single block.

use super::theme;
use crate::diag::{Diagnostic, Pos};
use std::path::Path;
use tera::Tera;

/// Loads the templates; a broken KB template is a diagnostic at its file.
pub fn load(root: &Path, display_root: &str) -> Result<Tera, Vec<Diagnostic>> {
    let mut tera = Tera::new();
    tera.set_fallback_prefixes(["builtin/"])
        .expect("set before any template is added");
    tera.autoescape_on([".html", ".xml"]);
    let mut all: Vec<(String, String)> = theme::TEMPLATES
        .iter()
        .map(|(n, t)| (format!("builtin/{n}"), t.to_string()))
        .collect();
    let mut diags = Vec::new();
    let dir = root.join("theme").join("templates");
    if dir.is_dir() {
        for entry in walkdir::WalkDir::new(&dir)
            .sort_by_file_name()
            .into_iter()
            .filter_map(Result::ok)
        {
            if !entry.file_type().is_file() {
                continue;
            }
            let name = crate::rel_slash(&dir, entry.path());
            match std::fs::read_to_string(entry.path()) {
                Ok(text) => all.push((name, text)),
                Err(e) => diags.push(Diagnostic::error(
                    crate::join_display(display_root, &format!("theme/templates/{name}")),
                    Pos::START,
                    "template",
                    format!("cannot read the template: {e}"),
                )),
            }
        }
    }
    if !diags.is_empty() {
        return Err(diags);
    }
    tera.add_raw_templates(all)
        .map_err(|e| vec![template_error(display_root, &e)])?;
    Ok(tera)
}

/// A Tera error as a diagnostic, at the template it names when it names one of the KB's.
pub fn template_error(display_root: &str, e: &tera::Error) -> Diagnostic {
    let text = error_chain(e);
    let file = text
        .split(|c: char| c.is_whitespace() || c == '\'' || c == '`' || c == '"')
        .find(|w| w.ends_with(".html") || w.ends_with(".xml"))
        .map(|n| n.trim_start_matches("builtin/").to_string());
    let path = match file {
        Some(n) => crate::join_display(display_root, &format!("theme/templates/{n}")),
        None => crate::join_display(display_root, "theme/templates"),
    };
    Diagnostic::error(path, Pos::START, "template", text)
        .with_help("fix the template, or delete it to use the built-in one")
}

fn error_chain(e: &dyn std::error::Error) -> String {
    let mut s = e.to_string();
    let mut source = e.source();
    while let Some(inner) = source {
        s.push_str(": ");
        s.push_str(&inner.to_string());
        source = inner.source();
    }
    s
}
