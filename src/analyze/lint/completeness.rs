//! Completeness as lint rules: `missing-field` for checklist items of the front matter,
//! `missing-section` for those of the body. What counts as present is decided by
//! [`crate::analyze::completeness::checklist`]; each item can be set on its own under
//! `[lint.required]`.

use super::{Cx, Rule, Setting, finding};
use crate::analyze::completeness::{Check, Place, checklist_of};
use crate::diag::{At, Draft};
use crate::model::Incident;

pub use crate::analyze::completeness::ITEMS;

/// Fields an imported post-mortem often lacks, checked besides the checklist (they are not on
/// the post-mortem checklist: the page shows what it knows without them).
pub const FIELDS: &[&str] = &["title", "severity", "started", "start_time"];

/// Whether `[lint.required]` knows the item.
pub fn is_item(item: &str) -> bool {
    ITEMS.contains(&item) || FIELDS.contains(&item)
}

/// The [`FIELDS`] this incident lacks: (item, message, help).
fn missing_fields(inc: &Incident) -> Vec<(&'static str, String, &'static str)> {
    use crate::load::{Origin, When};
    let d = &inc.doc;
    let mut out = Vec::new();
    match d.title_from {
        Origin::FrontMatter | Origin::Timeline | Origin::Sent => {}
        Origin::Body => out.push((
            "title",
            "no `title`: the first `#` heading is used".to_string(),
            "add `title: ...` to the front matter",
        )),
        Origin::FileName => out.push((
            "title",
            format!(
                "no `title` and no `#` heading: the file name gives \"{}\"",
                d.title
            ),
            "add `title: ...` to the front matter",
        )),
        Origin::UnderHeading => out.push((
            "title",
            format!(
                "no `title`, and the first `#` heading is a template's placeholder: the line under it gives \"{}\"",
                d.title
            ),
            "add `title: ...` to the front matter, or put the title in the `#` heading",
        )),
        Origin::Opening => out.push((
            "title",
            format!(
                "no `title` and no `#` heading, and the file name is an identifier: the body's first sentence gives \"{}\"",
                d.title
            ),
            "add `title: ...` to the front matter",
        )),
    }
    if d.severity.is_none() {
        out.push((
            "severity",
            "no `severity`: the incident is listed as unrated".to_string(),
            "add `severity: ...` (one of the config's severities)",
        ));
    }
    match &d.started {
        None => out.push((
            "started",
            "no `started`: the incident is undated and left out of time metrics".to_string(),
            "add `started: 2017-04-06T18:30:00-07:00`, or the day alone (`2017-04-06`)",
        )),
        Some(When::Day(day)) => out.push((
            "start_time",
            match d.started_from {
                Origin::FileName => format!("no `started`: the file name gives the day ({day}), not the time"),
                Origin::Body | Origin::Opening | Origin::UnderHeading => format!("`started` is a day ({day}) read from the body, without a time"),
                Origin::Sent => format!("`started` is the day the email was sent ({day}), without a time"),
                // A start from the timeline is always an instant (`read_timeline`).
                Origin::FrontMatter | Origin::Timeline => format!("`started` is a day ({day}) without a time"),
            },
            "give the time with its offset (`2017-04-06T18:30:00-07:00`): time to detect and resolve need it",
        )),
        Some(When::At(t)) if d.started_from == Origin::Timeline => out.push((
            "start_time",
            format!(
                "no `started` time: the incident starts at its earliest Timeline event ({})",
                t.strftime("%Y-%m-%d %H:%M %Z")
            ),
            "give `started` with its offset when it began before that event: time to detect and resolve are counted from it",
        )),
        Some(When::At(_)) => {}
    }
    out
}

fn help(key: &str) -> &'static str {
    match key {
        "resolved" => "add `resolved: <time>`; MTTR needs it",
        "impact" => "add `impact: ...` or an `## Impact` section",
        "root_cause" => "mark the deepest systemic cause with `root: true`",
        "action_items" => {
            "add `action_items` with an owner, a kind (prevent, detect, mitigate, process) and a due date"
        }
        "analysis" => "ask why at least five times, or record the why-because graph in `causes`",
        _ => {
            "write the section; set the item to \"allow\" under [lint.required] if your team does not use it"
        }
    }
}

fn message(c: &Check) -> String {
    match c.key {
        "resolved" => "no `resolved` time: the end of the incident is unknown".into(),
        "impact" => "no impact: who or what was affected, and how badly".into(),
        "root_cause" => "no root cause: no entry in `causes` has `root: true`".into(),
        "action_items" => "no action items: nothing commits the team to a change".into(),
        "analysis" => "no analysis: neither a `## Five whys` section nor `causes`".into(),
        "timeline" => "the `## Timeline` section is missing or empty".into(),
        "what_went_wrong" => "the `## What went wrong` section is missing or empty".into(),
        "lessons_learned" => "the `## Lessons learned` section is missing or empty".into(),
        "what_went_well" => "the `## What went well` section is missing or empty".into(),
        _ => format!("{} is missing", c.label),
    }
}

fn report(inc: &Incident, c: &Check) -> Draft {
    let file = &inc.doc.file;
    let pos = match (c.place, c.heading) {
        (Place::Field, _) => file.yaml_pos("title", true),
        (Place::Section(_), Some(offset)) => file.body_pos(offset),
        (Place::Section(_), None) => file.body_pos(0),
    };
    Draft {
        item: Some(c.key),
        ..finding(At::Pos(pos), message(c)).help(help(c.key))
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
        "a field missing from the front matter: `title`, `severity`, `started` or its time, `resolved`, `impact`, a root cause, action items"
    }
    fn fix(&self) -> &'static str {
        "fill in the field; set an item to \"allow\" under [lint.required] if your team does not record it"
    }
    fn check_incident(&self, _cx: &Cx, inc: &Incident, out: &mut Vec<Draft>) {
        let file = &inc.doc.file;
        for (item, message, help) in missing_fields(inc) {
            out.push(Draft {
                item: Some(item),
                ..finding(At::Pos(file.yaml_pos(item, true)), message).help(help)
            });
        }
        let missing = checklist_of(inc)
            .into_iter()
            .filter(|c| !c.ok && c.place == Place::Field);
        out.extend(missing.map(|c| report(inc, &c)));
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
    fn check_incident(&self, _cx: &Cx, inc: &Incident, out: &mut Vec<Draft>) {
        let missing = checklist_of(inc)
            .into_iter()
            .filter(|c| !c.ok && c.place != Place::Field);
        out.extend(missing.map(|c| report(inc, &c)));
    }
}
