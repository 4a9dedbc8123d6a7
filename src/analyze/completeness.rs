//! The post-mortem checklist from the seeds: start and end time, impact, what went wrong, a
//! root cause, five whys or causes, action items, a timeline, lessons learned and what went
//! well. One function decides each item, so the incident badge, the KB-wide table and the
//! `missing-field` / `missing-section` lint rules always agree.

use crate::format::SectionKind;
use crate::model::Incident;
use serde::Serialize;

/// Where a checklist item lives: the front matter or a body section.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Place {
    Field,
    Section(SectionKind),
}

/// One item of the checklist and whether the post-mortem has it.
#[derive(Debug, Clone, Serialize)]
pub struct Check {
    /// The name under `[lint.required]`.
    pub key: &'static str,
    pub label: &'static str,
    #[serde(skip)]
    pub place: Place,
    pub ok: bool,
    /// Byte offset of the section's heading in the body, when the section exists.
    #[serde(skip)]
    pub heading: Option<usize>,
}

/// The checklist of one incident, in the order the README lists it, from its front matter and
/// the sections of its body.
pub fn checklist_of(inc: &Incident) -> Vec<Check> {
    let d = &inc.doc;
    let secs = &d.body.sections;
    // A section of its own, or a recognised subheading or label (the Google template puts
    // "What went well" and "What went wrong" under "Lessons learned").
    let has = |k: SectionKind| {
        secs.iter().any(|s| {
            (s.kind == Some(k) && s.has_content)
                || s.subheadings.iter().any(|h| h.kind == Some(k))
                || s.label_kinds.contains(&k)
        })
    };
    let heading = |k: SectionKind| d.body.section(k).map(|s| s.heading_offset);
    let field = |key, label, ok| Check {
        key,
        label,
        place: Place::Field,
        ok,
        heading: None,
    };
    let section = |key, label, kind: SectionKind, ok: Option<bool>| Check {
        key,
        label,
        place: Place::Section(kind),
        ok: ok.unwrap_or_else(|| has(kind)),
        heading: heading(kind),
    };
    vec![
        field("resolved", "start and end time", d.resolved.is_some()),
        field(
            "impact",
            "impact",
            d.impact.as_deref().is_some_and(|i| !i.trim().is_empty()) || has(SectionKind::Impact),
        ),
        field("root_cause", "root cause", d.causes.iter().any(|c| c.root)),
        field("action_items", "action items", !d.action_items.is_empty()),
        section(
            "analysis",
            "five whys or causes",
            SectionKind::FiveWhys,
            Some(has(SectionKind::FiveWhys) || !d.causes.is_empty()),
        ),
        section("timeline", "timeline", SectionKind::Timeline, None),
        section(
            "what_went_wrong",
            "what went wrong",
            SectionKind::WentWrong,
            None,
        ),
        section(
            "lessons_learned",
            "lessons learned",
            SectionKind::Lessons,
            None,
        ),
        section(
            "what_went_well",
            "what went well",
            SectionKind::WentWell,
            None,
        ),
    ]
}

/// The names of the checklist items, as `[lint.required]` takes them.
pub const ITEMS: &[&str] = &[
    "resolved",
    "impact",
    "root_cause",
    "action_items",
    "analysis",
    "timeline",
    "what_went_wrong",
    "lessons_learned",
    "what_went_well",
];
