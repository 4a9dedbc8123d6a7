//! The other documents of a KB: cause and service descriptions, reading lists and free pages.
//! Each has a title, an optional one-line summary and a Markdown body.

use super::yaml::{Fields, report};
use super::{Body, SourceFile};
use crate::diag::{Diagnostic, Level};
use crate::format::{id_problem, shorten};
use serde_yaml::Value;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum DocKind {
    Incident,
    Cause,
    Service,
    ReadingList,
    Page,
}

impl DocKind {
    fn name(self) -> &'static str {
        match self {
            DocKind::Incident => "an incident",
            DocKind::Cause => "a cause page",
            DocKind::Service => "a service page",
            DocKind::ReadingList => "a reading list",
            DocKind::Page => "a page",
        }
    }

    fn keys(self) -> &'static [&'static str] {
        match self {
            DocKind::ReadingList => &["title", "summary", "incidents"],
            DocKind::Page => &["title", "summary", "weight"],
            _ => &["title", "summary"],
        }
    }
}

/// A cause, service, reading list or free page.
#[derive(Debug)]
pub struct Doc {
    pub kind: DocKind,
    pub file: SourceFile,
    /// The body, read once.
    pub body: Body,
    /// The file stem for causes, services and reading lists; the path under `pages/` (without
    /// `.md`) for pages, e.g. `guides/on-call`.
    pub id: String,
    pub title: String,
    pub summary: Option<String>,
    pub weight: i64,
    /// Reading lists: the incident ids in reading order, with their YAML paths.
    pub incidents: Vec<(String, String)>,
}

pub fn parse(
    kind: DocKind,
    file: SourceFile,
    body: Body,
    value: &Value,
    diags: &mut Vec<Diagnostic>,
) -> Option<Doc> {
    let id = doc_id(kind, &file.rel);
    if let Some(why) = id.split('/').find_map(id_problem) {
        diags.push(
            file.diag(
                Level::Error,
                crate::diag::Pos::START,
                "bad-id",
                format!(
                    "the file name gives the id `{}`, which is not a valid id: {why}",
                    shorten(&id)
                ),
            )
            .with_help("name files with lowercase letters, digits and `-`"),
        );
        return None;
    }
    let mut problems = Vec::new();
    let empty = Value::Mapping(Default::default());
    let value = if value.is_null() { &empty } else { value };
    let Some(mut f) = Fields::new(value, "", "the front matter", &mut problems) else {
        report(&file, problems, diags);
        return None;
    };
    f.check_keys(kind.keys(), kind.name());
    let title = f.required_text("title", kind.name());
    let summary = f.text("summary");
    let weight = f.int("weight").unwrap_or(0);
    let incidents = f.text_list("incidents");
    let ok = !problems.iter().any(|p| p.level == Level::Error);
    report(&file, problems, diags);
    if !ok {
        return None;
    }
    Some(Doc {
        kind,
        file,
        body,
        id,
        title: title?,
        summary,
        weight,
        incidents,
    })
}

fn doc_id(kind: DocKind, rel: &str) -> String {
    let without_ext = rel.strip_suffix(".md").unwrap_or(rel);
    match kind {
        DocKind::Page => without_ext
            .strip_prefix("content/pages/")
            .unwrap_or(without_ext)
            .to_string(),
        _ => without_ext
            .rsplit('/')
            .next()
            .unwrap_or(without_ext)
            .to_string(),
    }
}
