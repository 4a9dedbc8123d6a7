//! The KB's causes as diagram input: the bones of a fishbone (one per configured category, each
//! with its causes and their page URLs) and the nodes and edges of an incident's why-because
//! graph. The drawing itself is in [`super::svg`].

use super::shared::Shared;
use super::svg::fishbone::{Bone, BoneCause, fishbone};
use super::svg::graph::{Node, why_because};
use crate::model::Incident;

/// A cause to put on a bone: its index in the KB, the text to show, whether it is a root cause
/// and, for the archive-wide diagram, how many incidents it appeared in.
pub struct OnBone {
    pub cause: usize,
    pub text: String,
    pub root: bool,
    pub count: Option<usize>,
}

/// One bone per configured category, with the causes of `causes` in that category.
pub fn bones(s: &Shared, causes: &[OnBone]) -> Vec<Bone> {
    s.kb.categories
        .iter()
        // The bone of causes without a category only where it has some.
        .filter(|g| {
            g.id != crate::format::UNCATEGORIZED
                || s.kb.config.category(&g.id).is_some()
                || causes.iter().any(|c| s.kb.causes[c.cause].category == g.id)
        })
        .map(|g| Bone {
            category_id: g.id.clone(),
            title: g.title.clone(),
            url: s.urls.category(&g.id),
            causes: causes
                .iter()
                .filter(|c| s.kb.causes[c.cause].category == g.id)
                .map(|c| BoneCause {
                    text: c.text.clone(),
                    url: s.urls.cause(&s.kb.causes[c.cause].id),
                    root: c.root,
                    count: c.count,
                })
                .collect(),
        })
        .collect()
}

/// The incident's causes on a fishbone; empty without causes.
pub fn incident_fishbone(s: &Shared, inc: &Incident) -> String {
    if inc.doc.causes.is_empty() {
        return String::new();
    }
    let causes: Vec<OnBone> = inc
        .doc
        .causes
        .iter()
        .zip(&inc.cause_refs)
        .map(|(c, &ci)| OnBone {
            cause: ci,
            text: c.text.clone(),
            root: c.root,
            count: None,
        })
        .collect();
    fishbone(
        &format!("fishbone-{}", inc.doc.id),
        &inc.doc.title,
        &bones(s, &causes),
    )
}

/// The incident's why-because graph; empty when no cause explains another.
pub fn incident_graph(s: &Shared, inc: &Incident) -> String {
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
            url: s.urls.cause(&c.id),
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
