//! `seen-before`: a draft that is like past incidents (a note, never a failure). Takes a draft
//! and its related incidents, which `check` fills from the tantivy index as the build does;
//! gives one finding at the title naming the most similar published incidents and the cause
//! ids they used, and one at each new cause id (one no published incident uses, and none is
//! close to) with the existing ids the similar incidents used that are likely meant. See
//! [`crate::analyze::seen_before`].

use super::{Cx, Rule, Setting, finding};
use crate::analyze::seen_before;
use crate::diag::{At, Draft};
use crate::model::Incident;

pub struct SeenBefore;

impl Rule for SeenBefore {
    fn code(&self) -> &'static str {
        "seen-before"
    }
    fn default_setting(&self) -> Setting {
        Setting::Note
    }
    fn summary(&self) -> &'static str {
        "a draft like past incidents: the three most similar, with the cause ids they used, and existing cause ids likely meant by a new one"
    }
    fn fix(&self) -> &'static str {
        "read the similar incidents; reuse a cause id they used when it is the same cause, so its page counts this incident"
    }
    fn check_incident(&self, cx: &Cx, incident: &Incident, out: &mut Vec<Draft>) {
        let kb = cx.kb;
        if !seen_before::is_draft(incident) {
            return;
        }
        // By identity, not by id: a duplicated id (an error of its own) must not mix two up.
        let Some(i) = kb.incidents.iter().position(|x| std::ptr::eq(x, incident)) else {
            return;
        };
        let Some(seen) = seen_before::of(kb, i) else {
            return;
        };
        let named: Vec<String> = seen
            .similar
            .iter()
            .map(|&j| {
                let d = &kb.incidents[j].doc;
                let date = d.date().map(|d| format!(", {d}")).unwrap_or_default();
                format!("`{}` ({}{date})", d.id, d.title)
            })
            .collect();
        let used: Vec<String> = seen
            .similar
            .iter()
            .map(|&j| {
                let inc = &kb.incidents[j];
                let ids: Vec<&str> = inc.doc.causes.iter().map(|c| c.id.as_str()).collect();
                if ids.is_empty() {
                    format!("`{}` names no cause", inc.doc.id)
                } else {
                    format!("`{}` used {}", inc.doc.id, ticked(&ids))
                }
            })
            .collect();
        out.push(
            finding(
                At::Yaml {
                    path: "title".into(),
                    key: false,
                },
                format!("has this happened before? like {}", named.join(", ")),
            )
            .help(format!(
                "read them before writing the causes; {}",
                used.join("; ")
            )),
        );
        for s in &seen.suggestions {
            let Some(cause) = incident.doc.causes.get(s.entry) else {
                continue;
            };
            let likely: Vec<&str> = s.likely.iter().map(|&c| kb.causes[c].id.as_str()).collect();
            let Some(first) = likely.first() else {
                continue;
            };
            out.push(
                finding(
                    cause.at("id", false),
                    format!(
                        "cause `{}` is new to the KB; incidents like this one used {}",
                        cause.id,
                        ticked(&likely)
                    ),
                )
                .help(format!(
                    "if it is the same cause, write `id: {first}` so its page counts this incident"
                )),
            );
        }
    }
}

/// `a`, `b`, `c` in backticks.
fn ticked(ids: &[&str]) -> String {
    let v: Vec<String> = ids.iter().map(|id| format!("`{id}`")).collect();
    v.join(", ")
}
