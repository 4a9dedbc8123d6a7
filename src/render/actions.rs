//! Action items as pages show them: [`ActionView`] (one item), [`ActionRow`] (an item with its
//! incident, on the follow-ups and cause pages) and [`RecurrenceView`] (a fix marked done, and
//! the incident in which its cause came back).

use super::cards::{IncidentCard, IncidentRef};
use super::markdown;
use super::shared::Shared;
use crate::analyze::followups::{ItemRef, Recurrence, overdue_days};
use crate::format::{ActionKind, ActionStatus};
use crate::model::ActionItem;
use serde::Serialize;

#[derive(Debug, Clone, Serialize)]
pub struct ActionView {
    pub text_html: String,
    pub owner: Option<String>,
    pub kind: Option<ActionKind>,
    pub status: &'static str,
    pub due: Option<String>,
    pub completed: Option<String>,
    pub ticket: Option<String>,
    pub ticket_url: Option<String>,
}

/// An action item with the incident it came from.
#[derive(Debug, Clone, Serialize)]
pub struct ActionRow<'c> {
    pub incident: IncidentRef<'c>,
    pub action: ActionView,
    pub overdue_days: Option<i64>,
}

/// A fix that was marked done, and the incident in which its cause came back.
#[derive(Debug, Clone, Serialize)]
pub struct RecurrenceView<'c> {
    pub action: ActionView,
    pub fixed_in: &'c IncidentCard,
    pub completed: String,
    pub again: &'c IncidentCard,
}

/// One action item: its text as inline Markdown, its ticket linked when it is a web address.
pub fn action(s: &Shared, a: &ActionItem) -> ActionView {
    let ticket_url = a
        .ticket
        .as_ref()
        .filter(|t| t.starts_with("https://") || t.starts_with("http://"))
        .cloned();
    // An item read from the body is plain text already: shown as written, never as markup.
    let text = match a.at {
        Some(_) => escape_markdown(&a.text),
        None => a.text.clone(),
    };
    ActionView {
        text_html: markdown::inline(&text, &s.kb.url_policy),
        owner: a.owner.clone(),
        kind: a.kind,
        status: a.status.as_str(),
        due: a.due.map(|d| d.to_string()),
        completed: a.completed.map(|d| d.to_string()),
        ticket: a.ticket.clone(),
        ticket_url,
    }
}

/// Plain text as Markdown that reads as that text: every ASCII punctuation mark escaped.
fn escape_markdown(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if c.is_ascii_punctuation() {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// The item `r` with its incident and how many days it is overdue.
pub fn row<'c>(s: &'c Shared, r: ItemRef) -> ActionRow<'c> {
    ActionRow {
        incident: (&s.cards[r.incident]).into(),
        action: action(s, item(s, r)),
        overdue_days: overdue_days(s.kb, r, s.today),
    }
}

pub fn recurrence<'c>(s: &'c Shared, r: &Recurrence) -> RecurrenceView<'c> {
    RecurrenceView {
        action: action(s, item(s, r.item)),
        fixed_in: &s.cards[r.item.incident],
        completed: r.completed.to_string(),
        again: &s.cards[r.incident],
    }
}

/// The action item `r` names.
pub fn item<'k>(s: &Shared<'k>, r: ItemRef) -> &'k ActionItem {
    &s.kb.incidents[r.incident].doc.action_items[r.item]
}

/// Open and in-progress action items count as open.
pub fn is_open(status: ActionStatus) -> bool {
    matches!(status, ActionStatus::Open | ActionStatus::InProgress)
}
