//! Typed view structs: what each template receives. Built from `&KnowledgeBase`; nothing here
//! writes files or knows template syntax. Times are formatted here, in the incident's own zone.

use super::Urls;
use super::markdown::{self, MarkdownContext, TocEntry};
use super::svg::fishbone::{Bone, BoneCause, fishbone};
use super::svg::graph::{Node, why_because};
use crate::format::ActionStatus;
use crate::model::{Cause, Incident, KnowledgeBase, Target, Term};
use jiff::{SignedDuration, Zoned};
use serde::Serialize;

/// A titled link, with a count where one helps (`api (12)`).
#[derive(Debug, Clone, Serialize)]
pub struct Link {
    pub title: String,
    pub url: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub count: Option<usize>,
}

/// What every page knows about the site.
#[derive(Debug, Clone, Serialize)]
pub struct SiteView {
    pub title: String,
    pub description: String,
    pub language: String,
    pub home: String,
    pub base: String,
    pub nav: Vec<NavItem>,
    pub pages: Vec<Link>,
    pub assets: Assets,
    pub feed: String,
    pub generator: String,
    /// The Content-Security-Policy every page declares (see [`super::CSP`]).
    pub csp: &'static str,
    /// The static search, when the KB has it.
    pub search: Option<SearchView>,
}

/// Where the static search lives.
#[derive(Debug, Clone, Serialize)]
pub struct SearchView {
    /// The search page.
    pub page: String,
    /// The index manifest the client starts from.
    pub manifest: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct NavItem {
    pub key: &'static str,
    pub title: &'static str,
    pub url: String,
}

/// URLs of the theme's assets, with a content hash so browsers never see a stale one.
#[derive(Debug, Clone, Serialize, Default)]
pub struct Assets {
    pub style: String,
    pub syntax: String,
    pub site_js: String,
    pub archive_js: String,
    pub diagrams: String,
    pub charts: String,
    pub search_js: String,
    /// Applies the reader's dark or light choice before the page is drawn.
    pub theme_init: String,
}

/// What a page is about: its title, URL and where it sits.
#[derive(Debug, Clone, Serialize)]
pub struct PageMeta {
    pub kind: &'static str,
    pub title: String,
    pub url: String,
    pub description: String,
    pub breadcrumbs: Vec<Link>,
    /// The nav entry to highlight.
    pub section: &'static str,
}

/// An incident as lists show it.
#[derive(Debug, Clone, Serialize, Default)]
pub struct IncidentCard {
    pub id: String,
    pub url: String,
    pub title: String,
    pub severity: String,
    pub severity_url: String,
    pub severity_rank: usize,
    pub status: &'static str,
    pub date: String,
    pub started_iso: String,
    pub year: i16,
    pub excerpt: String,
    pub services: Vec<Link>,
    pub tags: Vec<Link>,
    /// Time to resolve, in words and in minutes (for sorting).
    pub duration: Option<String>,
    pub duration_minutes: Option<i64>,
    pub cause_count: usize,
    /// Minutes to read the write-up, at 200 words a minute.
    pub reading_minutes: usize,
}

#[derive(Debug, Clone, Serialize)]
pub struct TimeRow {
    pub key: &'static str,
    pub label: &'static str,
    pub iso: String,
    pub display: String,
    /// `T+11m` from the start.
    pub elapsed: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct DurationView {
    pub key: &'static str,
    pub label: &'static str,
    pub value: String,
    pub minutes: i64,
}

/// A cause as one incident states it, with its place in the KB.
#[derive(Debug, Clone, Serialize)]
pub struct CauseEntryView {
    pub id: String,
    pub url: String,
    pub text: String,
    pub category: String,
    pub category_title: String,
    pub category_url: String,
    pub root: bool,
    pub because: Vec<Link>,
    /// In how many incidents this cause appears, KB-wide.
    pub occurrences: usize,
}

#[derive(Debug, Clone, Serialize)]
pub struct ActionView {
    pub text_html: String,
    pub owner: Option<String>,
    pub kind: Option<crate::format::ActionKind>,
    pub status: &'static str,
    pub due: Option<String>,
    pub completed: Option<String>,
    pub ticket: Option<String>,
    pub ticket_url: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct SimilarView<'c> {
    pub incident: IncidentRef<'c>,
    pub reason: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct IncidentView<'c> {
    pub incident: &'c IncidentCard,
    pub teams: Vec<Link>,
    pub authors: Vec<String>,
    pub impact: Option<String>,
    pub times: Vec<TimeRow>,
    pub durations: Vec<DurationView>,
    pub body_html: String,
    pub toc: Vec<TocEntry>,
    pub causes: Vec<CauseEntryView>,
    pub action_items: Vec<ActionView>,
    pub related: Vec<&'c IncidentCard>,
    pub similar: Vec<SimilarView<'c>>,
    pub backlinks: Vec<Link>,
    pub source: String,
    pub timeline: Vec<TimelineRow>,
    pub completeness: CompletenessView,
    /// The incident's causes on a fishbone, one bone per category (empty without causes).
    pub fishbone_svg: String,
    /// The why-because graph (empty when no cause explains another).
    pub graph_svg: String,
}

/// A shared cause as the cause index and category pages list it.
#[derive(Debug, Clone, Serialize)]
pub struct CauseSummary {
    pub id: String,
    pub url: String,
    pub title: String,
    pub summary: Option<String>,
    pub category: String,
    pub category_title: String,
    pub category_url: String,
    pub count: usize,
    pub root_count: usize,
    pub first_seen: String,
    pub last_seen: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct OccurrenceView<'c> {
    pub incident: &'c IncidentCard,
    pub text: String,
    pub root: bool,
}

#[derive(Debug, Clone, Serialize)]
pub struct CauseView<'c> {
    pub cause: CauseSummary,
    pub body_html: String,
    /// The most recent occurrences, shown in full.
    pub occurrences: Vec<OccurrenceView<'c>>,
    /// The rest, newest first, for a compact table.
    pub older: Vec<IncidentRef<'c>>,
    /// Action items of the incidents where this was a root cause, the most recent first.
    pub actions: Vec<ActionRow<'c>>,
    /// How many more such items there are than `actions` shows.
    pub more_actions: usize,
    /// Fixes marked done after which the cause appeared again.
    pub recurrences: Vec<RecurrenceView<'c>>,
    pub backlinks: Vec<Link>,
}

#[derive(Debug, Clone, Serialize)]
pub struct CategorySummary {
    pub id: String,
    pub url: String,
    pub title: String,
    pub description: String,
    pub cause_count: usize,
    pub incident_count: usize,
}

#[derive(Debug, Clone, Serialize)]
pub struct TermSummary {
    pub id: String,
    pub url: String,
    pub title: String,
    pub description: String,
    pub count: usize,
}

#[derive(Debug, Clone, Serialize)]
pub struct ReadingListSummary {
    pub title: String,
    pub url: String,
    pub summary: Option<String>,
    pub count: usize,
}

#[derive(Debug, Clone, Serialize)]
pub struct Stat {
    pub label: &'static str,
    pub value: usize,
    pub url: String,
}

/// Builds views; one per build, shared by every page.
pub struct Views<'a> {
    pub kb: &'a KnowledgeBase,
    pub urls: &'a Urls,
    pub md: MarkdownContext<'a>,
    pub site: SiteView,
    /// Every incident's card, built once: lists on many pages share them.
    pub cards: Vec<IncidentCard>,
    pub today: jiff::civil::Date,
    pub metrics: crate::analyze::metrics::Metrics,
    /// Every incident's checklist and read-back chain, computed once for its page and the
    /// completeness page.
    pub facts: Vec<BodyFacts>,
    pub followups: crate::analyze::followups::FollowUps,
}

/// How many action items (and recurrences) a cause page lists.
pub const SHOWN_ACTIONS: usize = 20;

/// How many incidents a list shows as full cards before a compact table of the rest.
pub const SHOWN_IN_FULL: usize = 12;

/// The term groups of the KB: (URL folder, title, the terms).
pub const GROUPS: [(&str, &str); 5] = [
    ("services", "Services"),
    ("teams", "Teams"),
    ("tags", "Tags"),
    ("severities", "Severities"),
    ("years", "Years"),
];

impl<'a> Views<'a> {
    pub fn terms(&self, group: &str) -> &'a [Term] {
        let kb = self.kb;
        match group {
            "services" => &kb.services,
            "teams" => &kb.teams,
            "tags" => &kb.tags,
            "severities" => &kb.severities,
            _ => &kb.years,
        }
    }

    pub fn page(
        &self,
        kind: &'static str,
        section: &'static str,
        title: impl Into<String>,
        url: String,
        description: impl Into<String>,
    ) -> PageMeta {
        PageMeta {
            kind,
            title: title.into(),
            url,
            description: description.into(),
            breadcrumbs: Vec::new(),
            section,
        }
    }

    pub fn crumb(&self, title: &str, url: String) -> Link {
        Link {
            title: title.to_string(),
            url,
            count: None,
        }
    }

    pub fn card(&self, i: usize) -> &IncidentCard {
        &self.cards[i]
    }

    /// Light references for compact tables.
    pub fn rows(&self, ids: &[usize]) -> Vec<IncidentRef<'_>> {
        ids.iter().map(|&i| (&self.cards[i]).into()).collect()
    }

    pub fn cards(&self, ids: &[usize]) -> Vec<&IncidentCard> {
        ids.iter().map(|&i| &self.cards[i]).collect()
    }

    pub fn link_to(&self, t: Target) -> Link {
        Link {
            title: self.kb.title_of(t).to_string(),
            url: self.urls.target(self.kb, t),
            count: None,
        }
    }

    pub fn incident(&self, i: usize) -> IncidentView<'_> {
        let inc: &Incident = &self.kb.incidents[i];
        let d = &inc.doc;
        let timeline = timeline_rows(inc);
        let timeline_list = (!timeline.is_empty()).then(|| timeline_html(&timeline));
        let body = markdown::render_with(
            &self.md,
            &d.file.rel,
            d.file.body(),
            timeline_list.as_deref(),
            self.facts[i].read_back.as_deref(),
        );
        IncidentView {
            incident: self.card(i),
            teams: d
                .teams
                .iter()
                .map(|t| term_link(self.urls, "teams", t))
                .collect(),
            authors: d.authors.clone(),
            impact: d.impact.clone(),
            times: times(inc),
            durations: durations(inc),
            body_html: body.html,
            toc: body.toc,
            causes: self.cause_entries(inc),
            action_items: d.action_items.iter().map(|a| self.action(a)).collect(),
            related: self.cards(&inc.related),
            similar: inc
                .similar
                .iter()
                .filter(|s| !inc.related.contains(&s.incident))
                .map(|s| SimilarView {
                    incident: self.card(s.incident).into(),
                    reason: self.similar_reason(s),
                })
                .collect(),
            backlinks: inc.backlinks.iter().map(|&t| self.link_to(t)).collect(),
            source: d.file.rel.clone(),
            timeline,
            completeness: self.facts[i].completeness.clone(),
            fishbone_svg: self.incident_fishbone(inc),
            graph_svg: self.why_because(inc),
        }
    }

    fn similar_reason(&self, s: &crate::model::Similar) -> String {
        let causes: Vec<&str> = s
            .shared_causes
            .iter()
            .map(|&c| self.kb.causes[c].id.as_str())
            .collect();
        match (causes.len(), s.shared_terms) {
            (0, _) if s.similar_text => "similar text".into(),
            (0, n) => format!("{n} shared service{} or tag{}", plural(n), plural(n)),
            (_, 0) => format!("shares {}", causes.join(", ")),
            (_, n) => format!(
                "shares {}; {n} shared service{} or tag{}",
                causes.join(", "),
                plural(n),
                plural(n)
            ),
        }
    }

    fn cause_entries(&self, inc: &Incident) -> Vec<CauseEntryView> {
        inc.doc
            .causes
            .iter()
            .zip(&inc.cause_refs)
            .map(|(c, &ci)| {
                let cause = &self.kb.causes[ci];
                let cat = self.kb.config.category(&c.category);
                CauseEntryView {
                    id: c.id.clone(),
                    url: self.urls.cause(&c.id),
                    text: c.text.clone(),
                    category: c.category.clone(),
                    category_title: cat.map_or_else(|| c.category.clone(), |x| x.title.clone()),
                    category_url: self.urls.category(&c.category),
                    root: c.root,
                    because: c
                        .because
                        .iter()
                        .map(|b| Link {
                            title: b.clone(),
                            url: format!("#cause-{b}"),
                            count: None,
                        })
                        .collect(),
                    occurrences: cause.occurrences.len(),
                }
            })
            .collect()
    }

    /// One bone per configured category, with `causes` (cause index, text, root, count).
    pub fn bones(&self, causes: &[(usize, String, bool, Option<usize>)]) -> Vec<Bone> {
        self.kb
            .categories
            .iter()
            .map(|g| Bone {
                category_id: g.id.clone(),
                title: g.title.clone(),
                url: self.urls.category(&g.id),
                causes: causes
                    .iter()
                    .filter(|(c, ..)| self.kb.causes[*c].category == g.id)
                    .map(|(c, text, root, count)| BoneCause {
                        text: text.clone(),
                        url: self.urls.cause(&self.kb.causes[*c].id),
                        root: *root,
                        count: *count,
                    })
                    .collect(),
            })
            .collect()
    }

    fn incident_fishbone(&self, inc: &Incident) -> String {
        if inc.doc.causes.is_empty() {
            return String::new();
        }
        let causes: Vec<_> = inc
            .doc
            .causes
            .iter()
            .zip(&inc.cause_refs)
            .map(|(c, &ci)| (ci, c.text.clone(), c.root, None))
            .collect();
        fishbone(
            &format!("fishbone-{}", inc.doc.id),
            &inc.doc.title,
            &self.bones(&causes),
        )
    }

    fn why_because(&self, inc: &Incident) -> String {
        let causes = &inc.doc.causes;
        let index = |id: &str| causes.iter().position(|c| c.id == id);
        let edges: Vec<(usize, usize)> = causes
            .iter()
            .enumerate()
            .flat_map(|(i, c)| {
                c.because
                    .iter()
                    .filter_map(move |b| index(b).map(|j| (i, j)))
            })
            .collect();
        if edges.is_empty() {
            return String::new();
        }
        let nodes: Vec<Node> = causes
            .iter()
            .map(|c| Node {
                id: c.id.clone(),
                label: c.text.clone(),
                url: self.urls.cause(&c.id),
                root: c.root,
            })
            .collect();
        why_because(
            &format!("graph-{}", inc.doc.id),
            &inc.doc.title,
            &nodes,
            &edges,
        )
    }

    /// An action item row of the follow-ups or a cause page.
    pub fn action_row(&self, r: crate::analyze::followups::ItemRef) -> ActionRow<'_> {
        ActionRow {
            incident: (&self.cards[r.incident]).into(),
            action: self.action(&self.kb.incidents[r.incident].doc.action_items[r.item]),
            overdue_days: crate::analyze::followups::overdue_days(self.kb, r, self.today),
        }
    }

    pub fn action(&self, a: &crate::load::ActionItem) -> ActionView {
        let ticket_url = a
            .ticket
            .as_ref()
            .filter(|t| t.starts_with("https://") || t.starts_with("http://"))
            .cloned();
        ActionView {
            text_html: markdown::inline(&a.text, &self.kb.url_policy),
            owner: a.owner.clone(),
            kind: a.kind,
            status: a.status.as_str(),
            due: a.due.map(|d| d.to_string()),
            completed: a.completed.map(|d| d.to_string()),
            ticket: a.ticket.clone(),
            ticket_url,
        }
    }

    pub fn cause_summary(&self, ci: usize) -> CauseSummary {
        let c: &Cause = &self.kb.causes[ci];
        let date = |o: &crate::model::Occurrence| {
            self.kb.incidents[o.incident]
                .doc
                .started
                .strftime("%Y-%m-%d")
                .to_string()
        };
        CauseSummary {
            id: c.id.clone(),
            url: self.urls.cause(&c.id),
            title: c.title.clone(),
            summary: c.doc.as_ref().and_then(|d| d.summary.clone()),
            category: c.category.clone(),
            category_title: self
                .kb
                .config
                .category(&c.category)
                .map_or_else(|| c.category.clone(), |x| x.title.clone()),
            category_url: self.urls.category(&c.category),
            count: c.occurrences.len(),
            root_count: c.root_count,
            first_seen: c.occurrences.first().map(date).unwrap_or_default(),
            last_seen: c.occurrences.last().map(date).unwrap_or_default(),
        }
    }

    pub fn cause(&self, ci: usize) -> CauseView<'_> {
        let c = &self.kb.causes[ci];
        let newest_first: Vec<_> = c.occurrences.iter().rev().collect();
        let (shown, older) = newest_first.split_at(newest_first.len().min(SHOWN_IN_FULL));
        let (items, recurrences) = &self.followups.by_cause[ci];
        CauseView {
            cause: self.cause_summary(ci),
            body_html: c
                .doc
                .as_ref()
                .map(|d| markdown::render(&self.md, &d.file.rel, d.file.body()).html)
                .unwrap_or_default(),
            older: older.iter().map(|o| self.card(o.incident).into()).collect(),
            occurrences: shown
                .iter()
                .map(|o| {
                    let entry = &self.kb.incidents[o.incident].doc.causes[o.entry];
                    OccurrenceView {
                        incident: self.card(o.incident),
                        text: entry.text.clone(),
                        root: entry.root,
                    }
                })
                .collect(),
            actions: items
                .iter()
                .rev()
                .take(SHOWN_ACTIONS)
                .map(|r| self.action_row(*r))
                .collect(),
            more_actions: items.len().saturating_sub(SHOWN_ACTIONS),
            recurrences: recurrences
                .iter()
                .rev()
                .take(SHOWN_ACTIONS)
                .map(|r| RecurrenceView {
                    action: self
                        .action(&self.kb.incidents[r.item.incident].doc.action_items[r.item.item]),
                    fixed_in: &self.cards[r.item.incident],
                    completed: r.completed.to_string(),
                    again: &self.cards[r.incident],
                })
                .collect(),
            backlinks: c.backlinks.iter().map(|&t| self.link_to(t)).collect(),
        }
    }

    pub fn category_summary(&self, k: usize) -> CategorySummary {
        let g = &self.kb.categories[k];
        CategorySummary {
            id: g.id.clone(),
            url: self.urls.category(&g.id),
            title: g.title.clone(),
            description: g.description.clone(),
            cause_count: g.causes.len(),
            incident_count: g
                .causes
                .iter()
                .map(|&c| self.kb.causes[c].occurrences.len())
                .sum(),
        }
    }

    pub fn term_summary(&self, group: &str, t: &Term) -> TermSummary {
        TermSummary {
            id: t.id.clone(),
            url: self.urls.term(group, &t.id),
            title: t.title.clone(),
            description: t.description.clone(),
            count: t.incidents.len(),
        }
    }

    pub fn reading_list_summary(&self, i: usize) -> ReadingListSummary {
        let l = &self.kb.reading_lists[i];
        ReadingListSummary {
            title: l.doc.title.clone(),
            url: self.urls.reading_list(&l.doc.id),
            summary: l.doc.summary.clone(),
            count: l.incidents.len(),
        }
    }
}

/// The card of incident `i`, as every list shows it.
pub fn card(kb: &KnowledgeBase, urls: &Urls, i: usize) -> IncidentCard {
    let inc = &kb.incidents[i];
    let d = &inc.doc;
    let ttr = d.resolved.as_ref().map(|r| minutes_between(&d.started, r));
    IncidentCard {
        id: d.id.clone(),
        url: urls.incident(&d.id),
        title: d.title.clone(),
        severity: d.severity.clone(),
        severity_url: urls.term("severities", &d.severity),
        severity_rank: kb.config.severity_rank(&d.severity).unwrap_or(usize::MAX),
        status: d.status.as_str(),
        date: d.started.strftime("%Y-%m-%d").to_string(),
        started_iso: d.started.timestamp().to_string(),
        year: inc.year,
        excerpt: inc.excerpt.clone(),
        services: d
            .services
            .iter()
            .map(|s| term_link(urls, "services", s))
            .collect(),
        tags: d.tags.iter().map(|s| term_link(urls, "tags", s)).collect(),
        duration: ttr.map(human_minutes),
        duration_minutes: ttr,
        cause_count: d.causes.len(),
        reading_minutes: d
            .file
            .body()
            .split_whitespace()
            .count()
            .div_ceil(200)
            .max(1),
    }
}

fn term_link(urls: &Urls, group: &str, id: &str) -> Link {
    Link {
        title: id.to_string(),
        url: urls.term(group, id),
        count: None,
    }
}

fn plural(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
}

/// Whole minutes from `a` to `b`.
pub fn minutes_between(a: &Zoned, b: &Zoned) -> i64 {
    let d: SignedDuration = b.timestamp().duration_since(a.timestamp());
    d.as_secs() / 60
}

/// `45 min`, `1 h 12 min`, `2 d 3 h`.
pub fn human_minutes(m: i64) -> String {
    let m = m.max(0);
    match m {
        0..60 => format!("{m} min"),
        60..1440 if m % 60 == 0 => format!("{} h", m / 60),
        60..1440 => format!("{} h {} min", m / 60, m % 60),
        _ if m % 1440 / 60 == 0 => format!("{} d", m / 1440),
        _ => format!("{} d {} h", m / 1440, m % 1440 / 60),
    }
}

/// `T+11m`, `T+1h05m`, `T+2d3h`.
pub fn elapsed(m: i64) -> String {
    match m {
        ..60 => format!("T+{m}m"),
        60..1440 => format!("T+{}h{:02}m", m / 60, m % 60),
        _ => format!("T+{}d{}h", m / 1440, m % 1440 / 60),
    }
}

/// A time as written: local clock and the zone's name or offset.
pub fn display_time(z: &Zoned) -> String {
    let zone = z.time_zone().iana_name().map_or_else(
        || format!("UTC{}", z.offset()),
        |_| z.strftime("%Z").to_string(),
    );
    let zone = if zone == "UTC+00" || zone == "UTC+00:00" {
        "UTC".to_string()
    } else {
        zone
    };
    format!("{} {zone}", z.strftime("%Y-%m-%d %H:%M"))
}

fn times(inc: &Incident) -> Vec<TimeRow> {
    let d = &inc.doc;
    [
        ("started", "Started", Some(&d.started)),
        ("detected", "Detected", d.detected.as_ref()),
        ("mitigated", "Mitigated", d.mitigated.as_ref()),
        ("resolved", "Resolved", d.resolved.as_ref()),
    ]
    .into_iter()
    .filter_map(|(key, label, t)| {
        let t = t?;
        let m = minutes_between(&d.started, t);
        Some(TimeRow {
            key,
            label,
            iso: t.timestamp().to_string(),
            display: display_time(t),
            elapsed: (key != "started").then(|| elapsed(m)),
        })
    })
    .collect()
}

fn durations(inc: &Incident) -> Vec<DurationView> {
    let d = &inc.doc;
    let mut out = Vec::new();
    let mut push = |key, label, end: Option<&Zoned>| {
        if let Some(end) = end {
            let m = minutes_between(&d.started, end);
            out.push(DurationView {
                key,
                label,
                value: human_minutes(m),
                minutes: m,
            });
        }
    };
    push("ttd", "Time to detect", d.detected.as_ref());
    push("ttm", "Time to mitigate", d.mitigated.as_ref());
    push("ttr", "Time to resolve", d.resolved.as_ref());
    out
}

/// Open and in-progress action items count as open.
pub fn is_open(s: ActionStatus) -> bool {
    matches!(s, ActionStatus::Open | ActionStatus::InProgress)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn human_durations() {
        assert_eq!(human_minutes(39), "39 min");
        assert_eq!(human_minutes(60), "1 h");
        assert_eq!(human_minutes(72), "1 h 12 min");
        assert_eq!(human_minutes(1440 * 2 + 180), "2 d 3 h");
        assert_eq!(human_minutes(1440), "1 d");
        assert_eq!(elapsed(11), "T+11m");
        assert_eq!(elapsed(65), "T+1h05m");
    }

    #[test]
    fn times_show_their_zone() {
        let z = crate::load::time::parse_time("2017-04-06T18:30:00-07:00").unwrap();
        assert_eq!(display_time(&z), "2017-04-06 18:30 UTC-07");
        let z = crate::load::time::parse_time("2017-04-06T18:30:00[America/Vancouver]").unwrap();
        assert_eq!(display_time(&z), "2017-04-06 18:30 PDT");
        let z = crate::load::time::parse_time("2017-04-06T18:30:00Z").unwrap();
        assert_eq!(display_time(&z), "2017-04-06 18:30 UTC");
    }
}

/// One row of the rendered timeline: an event, or a milestone (`started`, `detected`,
/// `mitigated`, `resolved`) that no event falls on.
#[derive(Debug, Clone, Serialize)]
pub struct TimelineRow {
    /// `18:30`, or `Apr 07 01:30` on another day than the start.
    pub time: String,
    pub iso: String,
    /// `T+11m`; `T-20m` before the start.
    pub elapsed: String,
    pub text: String,
    /// The milestones at this minute.
    pub marks: Vec<&'static str>,
}

/// The timeline of an incident: its events with the four milestones merged in, in time order.
pub fn timeline_rows(inc: &Incident) -> Vec<TimelineRow> {
    let d = &inc.doc;
    if inc.timeline.is_empty() {
        return Vec::new();
    }
    let milestones = [
        ("started", Some(&d.started)),
        ("detected", d.detected.as_ref()),
        ("mitigated", d.mitigated.as_ref()),
        ("resolved", d.resolved.as_ref()),
    ];
    let minute = |z: &Zoned| z.timestamp().as_second().div_euclid(60);
    let mut rows: Vec<(i64, TimelineRow)> = inc
        .timeline
        .iter()
        .map(|e| (minute(&e.at), row(&d.started, &e.at, e.text.clone())))
        .collect();
    for (name, at) in milestones {
        let Some(at) = at else { continue };
        match rows.iter_mut().find(|(m, _)| *m == minute(at)) {
            Some((_, r)) => r.marks.push(name),
            None => {
                let mut r = row(&d.started, at, format!("Incident {name}"));
                r.marks.push(name);
                rows.push((minute(at), r));
            }
        }
    }
    rows.sort_by_key(|(m, _)| *m);
    rows.into_iter().map(|(_, r)| r).collect()
}

fn row(started: &Zoned, at: &Zoned, text: String) -> TimelineRow {
    let m = minutes_between(started, at);
    let local = at.with_time_zone(at.time_zone().clone());
    let time = if local.date() == started.with_time_zone(at.time_zone().clone()).date() {
        local.strftime("%H:%M").to_string()
    } else {
        local.strftime("%b %d %H:%M").to_string()
    };
    TimelineRow {
        time,
        iso: at.timestamp().to_string(),
        elapsed: if m < 0 {
            elapsed(-m).replace("T+", "T-")
        } else {
            elapsed(m)
        },
        text,
        marks: Vec::new(),
    }
}

/// The timeline as HTML, in place of the Timeline section's list.
pub fn timeline_html(rows: &[TimelineRow]) -> String {
    let mut html = String::from("<ol class=\"timeline\">\n");
    for r in rows {
        let marks: String = r.marks.iter().map(|m| format!(" tl-{m}")).collect();
        let badges: String = r
            .marks
            .iter()
            .map(|m| format!("<span class=\"tl-mark\">{m}</span> "))
            .collect();
        html.push_str(&format!(
            "<li class=\"tl-event{marks}\"><time datetime=\"{}\">{}</time> <span class=\"tl-elapsed\">{}</span> <span class=\"tl-text\">{badges}{}</span></li>\n",
            r.iso,
            super::escape(&r.time),
            super::escape(&r.elapsed),
            super::escape(&r.text)
        ));
    }
    html.push_str("</ol>\n");
    html
}

/// How complete a write-up is against the seeds' checklist.
#[derive(Debug, Clone, Serialize, Default)]
pub struct CompletenessView {
    pub done: usize,
    pub total: usize,
    pub missing: Vec<&'static str>,
}

/// What an incident page needs from one reading of the body's sections: the checklist and the
/// five whys read back up.
#[derive(Debug, Clone, Default)]
pub struct BodyFacts {
    pub completeness: CompletenessView,
    pub read_back: Option<String>,
}

pub fn body_facts(inc: &Incident) -> BodyFacts {
    BodyFacts {
        completeness: completeness_of(&crate::analyze::completeness::checklist_of(inc)),
        read_back: markdown::read_back_up(&inc.doc.body),
    }
}

fn completeness_of(checks: &[crate::analyze::completeness::Check]) -> CompletenessView {
    CompletenessView {
        done: checks.iter().filter(|c| c.ok).count(),
        total: checks.len(),
        missing: checks.iter().filter(|c| !c.ok).map(|c| c.label).collect(),
    }
}

/// An incident as a table row names it: title, link and date (lighter than a card).
#[derive(Debug, Clone, Serialize)]
pub struct IncidentRef<'c> {
    pub url: &'c str,
    pub title: &'c str,
    pub date: &'c str,
    pub started_iso: &'c str,
    pub severity: &'c str,
    pub duration: Option<&'c str>,
}

impl<'c> From<&'c IncidentCard> for IncidentRef<'c> {
    fn from(c: &'c IncidentCard) -> Self {
        IncidentRef {
            url: &c.url,
            title: &c.title,
            date: &c.date,
            started_iso: &c.started_iso,
            severity: &c.severity,
            duration: c.duration.as_deref(),
        }
    }
}

/// An action item with the incident it came from, as the follow-ups and cause pages list it.
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
