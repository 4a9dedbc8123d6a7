//! Follow-through: every action item has an owner (`action-item-owner`), open items are not
//! past due (`action-item-overdue`), and root causes get a way to detect them, not only
//! prevention (`no-detection-item`, the seed's prevention-and-detection rule).

use super::{Cx, Rule, Setting, finding};
use crate::diag::{At, Draft};
use crate::format::{ActionKind, ActionStatus};
use crate::model::Incident;

pub struct ActionItemOwner;

impl Rule for ActionItemOwner {
    fn code(&self) -> &'static str {
        "action-item-owner"
    }
    fn default_setting(&self) -> Setting {
        Setting::Warn
    }
    fn summary(&self) -> &'static str {
        "an action item without an owner"
    }
    fn fix(&self) -> &'static str {
        "add `owner:` (a team or role); an item nobody owns does not get done"
    }
    fn check_incident(&self, _cx: &Cx, inc: &Incident, out: &mut Vec<Draft>) {
        for a in inc
            .doc
            .action_items
            .iter()
            .filter(|a| a.owner.as_deref().is_none_or(|o| o.trim().is_empty()))
        {
            out.push(finding(
                a.at("text", true),
                format!("action item \"{}\" has no owner", short(&a.text)),
            ));
        }
    }
}

pub struct ActionItemOverdue;

impl Rule for ActionItemOverdue {
    fn code(&self) -> &'static str {
        "action-item-overdue"
    }
    fn default_setting(&self) -> Setting {
        // Off by default: it depends on the date, and a check in CI should not turn red as
        // the calendar moves. Turn it on in a scheduled job or a follow-up review.
        Setting::Allow
    }
    fn summary(&self) -> &'static str {
        "an open or in-progress action item past its due date (against --today, default today)"
    }
    fn fix(&self) -> &'static str {
        "finish it and mark it done with `completed:`, move `due:`, or mark it `wont-do` with a reason"
    }
    fn check_incident(&self, cx: &Cx, inc: &Incident, out: &mut Vec<Draft>) {
        for a in &inc.doc.action_items {
            let open = matches!(a.status, ActionStatus::Open | ActionStatus::InProgress);
            let Some(due) = a.due.filter(|d| open && *d < cx.today) else {
                continue;
            };
            let days = (cx.today - due).get_days();
            out.push(finding(
                a.at("due", false),
                format!(
                    "action item \"{}\" was due {due}, {days} days ago",
                    short(&a.text)
                ),
            ));
        }
    }
}

pub struct NoDetectionItem;

impl Rule for NoDetectionItem {
    fn code(&self) -> &'static str {
        "no-detection-item"
    }
    fn default_setting(&self) -> Setting {
        Setting::Warn
    }
    fn summary(&self) -> &'static str {
        "root causes with action items that only prevent, none that detect"
    }
    fn fix(&self) -> &'static str {
        "add an item of `kind: detect` (an alert, a check, a monitor): prevention fails too, and the next occurrence should page someone"
    }
    fn check_incident(&self, _cx: &Cx, inc: &Incident, out: &mut Vec<Draft>) {
        let d = &inc.doc;
        let has_root = d.causes.iter().any(|c| c.root);
        let kinds: Vec<ActionKind> = d.action_items.iter().filter_map(|a| a.kind).collect();
        if has_root && kinds.contains(&ActionKind::Prevent) && !kinds.contains(&ActionKind::Detect)
        {
            // The items' key, or the first item when they were read from the body.
            let at = match d.action_items.first().and_then(|a| a.at) {
                Some(offset) => At::Body(offset),
                None => At::Yaml {
                    path: "action_items".into(),
                    key: true,
                },
            };
            out.push(finding(
                at,
                "the action items prevent the root cause but nothing detects it",
            ));
        }
    }
}

fn short(text: &str) -> String {
    let t: String = text.chars().take(60).collect();
    if t.len() < text.len() {
        format!("{t}…")
    } else {
        t
    }
}
