//! What every page of one build draws on, computed once: the KB, URLs, the site view, every
//! incident's card and checklist, the metrics and the follow-ups ([`Shared`]). Page modules
//! read it; nothing here knows about a particular page.

use super::Urls;
use super::cards::{IncidentCard, IncidentRef, card};
use super::highlight::Highlighter;
use super::markdown::{self, MarkdownContext};
use super::site::{Link, SiteView};
use crate::analyze::{followups::FollowUps, metrics::Metrics};
use crate::model::{Incident, KnowledgeBase, Target};
use rayon::prelude::*;
use serde::Serialize;

/// How complete a write-up is against the seeds' checklist.
#[derive(Debug, Clone, Serialize, Default)]
pub struct CompletenessView {
    pub done: usize,
    pub total: usize,
    pub missing: Vec<&'static str>,
}

/// The checklist of one incident, as its page and the completeness page show it. (The five
/// whys read back up are made with the page: held for every incident, they weighed 70 MB at
/// 100k.)
pub fn completeness_of(inc: &Incident) -> CompletenessView {
    let checks = crate::analyze::completeness::checklist_of(inc);
    CompletenessView {
        done: checks.iter().filter(|c| c.ok).count(),
        total: checks.len(),
        missing: checks.iter().filter(|c| !c.ok).map(|c| c.label).collect(),
    }
}

/// What pages of one build share.
pub struct Shared<'a> {
    pub kb: &'a KnowledgeBase,
    pub urls: &'a Urls,
    pub md: MarkdownContext<'a>,
    pub site: SiteView,
    /// `site` as the templates' value, made once: every page's context shares it.
    pub site_value: tera::Value,
    /// Every incident's card: lists on many pages share them.
    pub cards: Vec<IncidentCard>,
    /// The day overdue action items are measured against.
    pub today: jiff::civil::Date,
    pub metrics: Metrics,
    /// Every incident's checklist.
    pub completeness: Vec<CompletenessView>,
    pub followups: FollowUps,
}

impl<'a> Shared<'a> {
    /// Everything every page of the site needs.
    pub fn for_site(
        kb: &'a KnowledgeBase,
        urls: &'a Urls,
        highlighter: &'a Highlighter,
        site: SiteView,
        today: jiff::civil::Date,
    ) -> Shared<'a> {
        Shared {
            kb,
            urls,
            md: MarkdownContext {
                kb,
                urls,
                highlighter,
            },
            site_value: tera::Value::from_serializable(&site),
            site,
            cards: (0..kb.incidents.len())
                .into_par_iter()
                .map(|i| card(kb, urls, i))
                .collect(),
            today,
            metrics: crate::analyze::metrics::compute(kb),
            completeness: kb.incidents.par_iter().map(completeness_of).collect(),
            followups: crate::analyze::followups::compute(kb, today),
        }
    }

    /// Only what the page of incident `i` needs: its own facts, and the cards of the
    /// incidents it lists (a live preview renders that one page after an edit).
    pub fn for_incident(
        kb: &'a KnowledgeBase,
        urls: &'a Urls,
        highlighter: &'a Highlighter,
        site: SiteView,
        today: jiff::civil::Date,
        i: usize,
    ) -> Shared<'a> {
        let inc = &kb.incidents[i];
        let mut cards = vec![IncidentCard::default(); kb.incidents.len()];
        let mut completeness = vec![CompletenessView::default(); kb.incidents.len()];
        let shown = inc
            .related
            .iter()
            .chain(inc.similar.iter().map(|s| &s.incident));
        for &j in shown.chain(std::iter::once(&i)) {
            cards[j] = card(kb, urls, j);
        }
        completeness[i] = completeness_of(inc);
        Shared {
            kb,
            urls,
            md: MarkdownContext {
                kb,
                urls,
                highlighter,
            },
            site_value: tera::Value::from_serializable(&site),
            site,
            cards,
            today,
            metrics: crate::analyze::metrics::compute(kb),
            completeness,
            // The page says which of its causes came back after a fix: linear, like the metrics.
            followups: crate::analyze::followups::compute(kb, today),
        }
    }

    pub fn cards(&self, ids: &[usize]) -> Vec<&IncidentCard> {
        ids.iter().map(|&i| &self.cards[i]).collect()
    }

    /// Light references for compact tables.
    pub fn rows(&self, ids: &[usize]) -> Vec<IncidentRef<'_>> {
        ids.iter().map(|&i| (&self.cards[i]).into()).collect()
    }

    /// A link to a page of the KB, titled as the page is.
    pub fn link_to(&self, t: Target) -> Link {
        Link::new(self.kb.title_of(t), self.urls.target(self.kb, t))
    }

    /// The body of a page of the KB (a cause, service, reading list or free page) as HTML.
    pub fn doc_html(&self, doc: &crate::model::Doc) -> markdown::Html {
        markdown::render(&self.md, &doc.file.rel, doc.file.body())
    }
}
