//! Analysis stage: `&KnowledgeBase` -> what no single page shows: the lint rules of
//! `hindsight check`, metrics across incidents, follow-ups and completeness, and what past
//! incidents a draft is like.

pub mod completeness;
pub mod followups;
pub mod lint;
pub mod metrics;
pub mod seen_before;
pub mod text;
