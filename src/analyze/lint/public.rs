//! Rules for public post-mortems, from the seed's guideline for post-incident communication
//! (`shared/seeds/004`): they fire only on incidents marked `visibility: public`, and read the
//! incident as the public site shows it (its internal parts removed, see
//! [`crate::load::public`]). `public-apology` (a template apology), `public-missing-times`,
//! `public-missing-impact`, `public-missing-root-cause`, `public-missing-actions`, and
//! `public-internal-link` (a link the public site cannot follow).

use super::{Cx, Rule, Setting, finding};
use crate::diag::{At, Draft};
use crate::format::{SectionKind, Visibility};
use crate::load::{IncidentDoc, When, public};
use crate::model::{Incident, Resolved, Target};
use std::collections::HashMap;
use std::sync::{Arc, Mutex};

/// Template apologies, lowercase: the seed's "do not apologize for inconveniencing us".
pub const APOLOGIES: &[&str] = &[
    "any inconvenience",
    "apologize for the inconvenience",
    "apologise for the inconvenience",
    "sorry for the inconvenience",
    "regret any",
    "inconvenience this may have caused",
    "inconvenience caused",
];

/// The public versions of the public incidents, each read once (by id) for the rules that
/// need it.
#[derive(Default)]
pub struct Versions(Mutex<HashMap<String, Option<Arc<IncidentDoc>>>>);

impl Versions {
    fn lock(&self) -> std::sync::MutexGuard<'_, HashMap<String, Option<Arc<IncidentDoc>>>> {
        self.0.lock().unwrap_or_else(|e| e.into_inner())
    }
}

/// The public version of a public incident, with the times its timeline gives; `None` for an
/// internal one (and for one whose public version does not read back, which the public build
/// reports).
fn public_version(cx: &Cx, inc: &Incident) -> Option<Arc<IncidentDoc>> {
    if inc.doc.visibility != Visibility::Public {
        return None;
    }
    if let Some(found) = cx.public.lock().get(&inc.doc.id) {
        return found.clone();
    }
    let kb = cx.kb;
    let lookup = |id: &str| {
        kb.incident(id)
            .map(|i| i.doc.visibility == Visibility::Public)
    };
    let version = public::public_doc(&inc.doc, &kb.config, &lookup, None)
        .map(|doc| Arc::new(crate::model::read_timeline(doc, &cx.kb.config).0));
    cx.public.lock().insert(inc.doc.id.clone(), version.clone());
    version
}

/// Where a finding about the whole public incident points: its `visibility` key.
fn at_visibility() -> At {
    At::Yaml {
        path: "visibility".into(),
        key: true,
    }
}

pub struct PublicApology;

impl Rule for PublicApology {
    fn code(&self) -> &'static str {
        "public-apology"
    }
    fn default_setting(&self) -> Setting {
        Setting::Warn
    }
    fn summary(&self) -> &'static str {
        "a public post-mortem apologizes with a template (\"any inconvenience\")"
    }
    fn fix(&self) -> &'static str {
        "say what the failure did to the reader in your own words, and own it; a template apology reads as one"
    }
    fn check_incident(&self, cx: &Cx, inc: &Incident, out: &mut Vec<Draft>) {
        if inc.doc.visibility != Visibility::Public {
            return;
        }
        let d = &inc.doc;
        let fields = [
            ("title", Some(&d.title)),
            ("impact", d.impact.as_ref()),
            ("summary", d.summary.as_ref()),
        ];
        for (key, text) in fields {
            if let Some(p) = text.and_then(|t| apology_in(t)) {
                out.push(finding(
                    At::Yaml {
                        path: key.into(),
                        key: false,
                    },
                    format!("\"{p}\" is a template apology"),
                ));
            }
        }
        let body = d.file.body();
        let internal = public::internal_ranges(body, &cx.kb.config, false);
        let lower = body.to_ascii_lowercase();
        for phrase in APOLOGIES {
            for (offset, _) in lower.match_indices(phrase) {
                if !internal.iter().any(|r| r.contains(&offset)) {
                    out.push(finding(
                        At::Body(offset),
                        format!("\"{phrase}\" is a template apology"),
                    ));
                }
            }
        }
    }
}

fn apology_in(text: &str) -> Option<&'static str> {
    let lower = text.to_ascii_lowercase();
    APOLOGIES.iter().copied().find(|p| lower.contains(p))
}

pub struct PublicMissingTimes;

impl Rule for PublicMissingTimes {
    fn code(&self) -> &'static str {
        "public-missing-times"
    }
    fn default_setting(&self) -> Setting {
        Setting::Warn
    }
    fn summary(&self) -> &'static str {
        "a public post-mortem without a start time (to the minute) or an end time"
    }
    fn fix(&self) -> &'static str {
        "give `started` with its time and offset and `resolved`: readers want to know when it began and ended"
    }
    fn check_incident(&self, cx: &Cx, inc: &Incident, out: &mut Vec<Draft>) {
        let Some(p) = public_version(cx, inc) else {
            return;
        };
        let mut missing = Vec::new();
        if !matches!(p.started, Some(When::At(_))) {
            missing.push("when it started (to the minute)");
        }
        if p.resolved.is_none() {
            missing.push("when it ended");
        }
        if !missing.is_empty() {
            out.push(finding(
                at_visibility(),
                format!(
                    "this public post-mortem does not say {}",
                    missing.join(" or ")
                ),
            ));
        }
    }
}

pub struct PublicMissingImpact;

impl Rule for PublicMissingImpact {
    fn code(&self) -> &'static str {
        "public-missing-impact"
    }
    fn default_setting(&self) -> Setting {
        Setting::Warn
    }
    fn summary(&self) -> &'static str {
        "a public post-mortem that does not say (outside its internal parts) who and what was affected"
    }
    fn fix(&self) -> &'static str {
        "add `impact:` or an `## Impact` section that is not internal: who was affected, how, for how long"
    }
    fn check_incident(&self, cx: &Cx, inc: &Incident, out: &mut Vec<Draft>) {
        let Some(p) = public_version(cx, inc) else {
            return;
        };
        let field = p.impact.as_deref().is_some_and(|i| !i.trim().is_empty());
        let section = p
            .body
            .section(SectionKind::Impact)
            .is_some_and(|s| s.has_content);
        if !field && !section {
            out.push(finding(
                at_visibility(),
                "this public post-mortem does not say who or what was affected",
            ));
        }
    }
}

pub struct PublicMissingRootCause;

impl Rule for PublicMissingRootCause {
    fn code(&self) -> &'static str {
        "public-missing-root-cause"
    }
    fn default_setting(&self) -> Setting {
        Setting::Warn
    }
    fn summary(&self) -> &'static str {
        "a public post-mortem without a root cause outside its internal parts"
    }
    fn fix(&self) -> &'static str {
        "state the root cause where the public can read it (a cause with `root: true`, or a `## Root causes` section that is not internal)"
    }
    fn check_incident(&self, cx: &Cx, inc: &Incident, out: &mut Vec<Draft>) {
        let Some(p) = public_version(cx, inc) else {
            return;
        };
        if !p.causes.iter().any(|c| c.root) {
            out.push(finding(
                at_visibility(),
                "this public post-mortem does not say what the root cause was",
            ));
        }
    }
}

pub struct PublicMissingActions;

impl Rule for PublicMissingActions {
    fn code(&self) -> &'static str {
        "public-missing-actions"
    }
    fn default_setting(&self) -> Setting {
        Setting::Warn
    }
    fn summary(&self) -> &'static str {
        "a public post-mortem that does not say (outside its internal parts) what is being done"
    }
    fn fix(&self) -> &'static str {
        "list the action items where the public can read them; the public site shows them without owners or tickets"
    }
    fn check_incident(&self, cx: &Cx, inc: &Incident, out: &mut Vec<Draft>) {
        let Some(p) = public_version(cx, inc) else {
            return;
        };
        if p.action_items.is_empty() {
            out.push(finding(
                at_visibility(),
                "this public post-mortem does not say what is being done about it",
            ));
        }
    }
}

pub struct PublicInternalLink;

impl Rule for PublicInternalLink {
    fn code(&self) -> &'static str {
        "public-internal-link"
    }
    fn default_setting(&self) -> Setting {
        Setting::Warn
    }
    fn summary(&self) -> &'static str {
        "a link in a public post-mortem that the public cannot follow: to an internal incident, a page the public site has not, or an internal host"
    }
    fn fix(&self) -> &'static str {
        "link to something public, or move the link into an internal part (```internal, <!-- internal -->...<!-- /internal -->); on the public site it is plain text"
    }
    fn check_incident(&self, cx: &Cx, inc: &Incident, out: &mut Vec<Draft>) {
        let d = &inc.doc;
        if d.visibility != Visibility::Public {
            return;
        }
        let kb = cx.kb;
        let body = d.file.body();
        let internal = public::internal_ranges(body, &kb.config, false);
        let inside = |offset: usize| internal.iter().any(|r| r.contains(&offset));
        for link in d
            .body
            .links
            .iter()
            .filter(|l| !l.image && !inside(l.offset))
        {
            let why = match kb.lookup.resolve(&d.file.rel, &link.dest, link.wiki) {
                Resolved::Internal(Target::Incident(j), _)
                    if kb.incidents[j].doc.visibility != Visibility::Public =>
                {
                    Some(format!(
                        "`{}` is an internal incident",
                        kb.incidents[j].doc.id
                    ))
                }
                // Shown on the public site as the cause's name, in plain text.
                Resolved::Internal(Target::Incident(_) | Target::Cause(_), _) => None,
                Resolved::Internal(t, _) => Some(format!(
                    "the public site has no page for \"{}\"",
                    kb.title_of(t)
                )),
                Resolved::Absent => Some("it is not published".to_string()),
                Resolved::External if public::internal_host(&link.dest, &kb.config) => {
                    Some("its host is internal".to_string())
                }
                _ => None,
            };
            if let Some(why) = why {
                out.push(finding(
                    At::Body(link.offset),
                    format!(
                        "the public site cannot follow this link to `{}`: {why}",
                        short(&link.dest)
                    ),
                ));
            }
        }
        // Bare addresses, which are not links in Markdown but are shown (and read) as such.
        for (offset, url) in bare_urls(body) {
            let in_link_or_code = (d.body.addresses.iter())
                .chain(&d.body.code)
                .any(|r| r.contains(&offset));
            if !in_link_or_code && !inside(offset) && public::internal_host(url, &kb.config) {
                out.push(finding(
                    At::Body(offset),
                    format!(
                        "the public cannot reach `{}`: its host is internal",
                        short(url)
                    ),
                ));
            }
        }
    }
}

/// `http://` and `https://` addresses written as text, with their offsets.
fn bare_urls(body: &str) -> impl Iterator<Item = (usize, &str)> {
    body.match_indices("http")
        .filter(|(at, _)| {
            let rest = &body[*at..];
            rest.starts_with("http://") || rest.starts_with("https://")
        })
        .map(|(at, _)| {
            let rest = &body[at..];
            let end = rest
                .find(|c: char| c.is_whitespace() || "<>()[]\"'`".contains(c))
                .unwrap_or(rest.len());
            (at, &rest[..end])
        })
}

fn short(text: &str) -> String {
    let t: String = text.chars().take(60).collect();
    if t.len() < text.len() {
        format!("{t}…")
    } else {
        t
    }
}
