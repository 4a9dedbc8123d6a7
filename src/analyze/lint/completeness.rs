//! Completeness, from the seeds' checklist for a post-mortem: start and end time, impact, what
//! went wrong, a root cause, five whys or causes, action items, a timeline, lessons learned and
//! what went well. `missing-field` covers the front matter, `missing-section` the body; each
//! item can be set on its own under `[lint.required]`.

use super::text::sections;
use super::{Cx, Finding, Rule, Setting};
use crate::format::SectionKind;
use crate::model::Incident;

/// Checklist items, as named under `[lint.required]`.
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

fn item(name: &'static str, f: Finding) -> Finding {
    Finding {
        item: Some(name),
        ..f
    }
}

pub struct MissingField;

impl Rule for MissingField {
    fn code(&self) -> &'static str {
        "missing-field"
    }
    fn default_setting(&self) -> Setting {
        Setting::Warn
    }
    fn summary(&self) -> &'static str {
        "a checklist item missing from the front matter: `resolved`, `impact`, a root cause, action items"
    }
    fn fix(&self) -> &'static str {
        "fill in the field; set an item to \"allow\" under [lint.required] if your team does not record it"
    }
    fn check_incident(&self, cx: &Cx, inc: &Incident, out: &mut Vec<Finding>) {
        let d = &inc.doc;
        let at = d.file.yaml_pos("title", true);
        let has_impact_section = sections(d.file.body(), &cx.kb.sections)
            .iter()
            .any(|s| s.kind == SectionKind::Impact && s.has_content);
        if d.resolved.is_none() {
            out.push(item(
                "resolved",
                Finding::new(at, "no `resolved` time: the end of the incident is unknown")
                    .help("add `resolved: <time>`; MTTR needs it"),
            ));
        }
        if d.impact.as_deref().is_none_or(|i| i.trim().is_empty()) && !has_impact_section {
            out.push(item(
                "impact",
                Finding::new(at, "no impact: who or what was affected, and how badly")
                    .help("add `impact: ...` or an `## Impact` section"),
            ));
        }
        if !d.causes.iter().any(|c| c.root) {
            out.push(item(
                "root_cause",
                Finding::new(at, "no root cause: no entry in `causes` has `root: true`")
                    .help("mark the deepest systemic cause with `root: true`"),
            ));
        }
        if d.action_items.is_empty() {
            out.push(item("action_items", Finding::new(at, "no action items: nothing commits the team to a change").help("add `action_items` with an owner, a kind (prevent, detect, mitigate, process) and a due date")));
        }
    }
}

pub struct MissingSection;

impl Rule for MissingSection {
    fn code(&self) -> &'static str {
        "missing-section"
    }
    fn default_setting(&self) -> Setting {
        Setting::Warn
    }
    fn summary(&self) -> &'static str {
        "a checklist section missing or empty: timeline, five whys (or causes), what went wrong, lessons learned, what went well"
    }
    fn fix(&self) -> &'static str {
        "write the section; set an item to \"allow\" under [lint.required] if your team does not use it"
    }
    fn check_incident(&self, cx: &Cx, inc: &Incident, out: &mut Vec<Finding>) {
        let file = &inc.doc.file;
        let secs = sections(file.body(), &cx.kb.sections);
        let has = |k: SectionKind| secs.iter().any(|s| s.kind == k && s.has_content);
        let at = |k: SectionKind| {
            secs.iter()
                .find(|s| s.kind == k)
                .map_or_else(|| file.body_pos(0), |s| file.body_pos(s.heading_offset))
        };
        let checks = [
            ("timeline", SectionKind::Timeline, "Timeline"),
            ("what_went_wrong", SectionKind::WentWrong, "What went wrong"),
            ("lessons_learned", SectionKind::Lessons, "Lessons learned"),
            ("what_went_well", SectionKind::WentWell, "What went well"),
        ];
        for (name, kind, title) in checks {
            if !has(kind) {
                out.push(item(
                    name,
                    Finding::new(
                        at(kind),
                        format!("the `## {title}` section is missing or empty"),
                    ),
                ));
            }
        }
        if !has(SectionKind::FiveWhys) && inc.doc.causes.is_empty() {
            out.push(item(
                "analysis",
                Finding::new(
                    at(SectionKind::FiveWhys),
                    "no analysis: neither a `## Five whys` section nor `causes`",
                )
                .help("ask why at least five times, or record the why-because graph in `causes`"),
            ));
        }
    }
}
