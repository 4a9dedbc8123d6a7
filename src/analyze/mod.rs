//! Analysis stage: `&KnowledgeBase` -> what no single page shows: the lint rules of
//! `hindsight check`, metrics across incidents, follow-ups and completeness.

pub mod completeness;
pub mod followups;
pub mod lint;
pub mod metrics;
