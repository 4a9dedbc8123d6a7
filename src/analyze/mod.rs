//! Analysis stage: `&KnowledgeBase` -> what no single page shows. For now, the lint rules of
//! `hindsight check`: post-mortem quality and blameless language.

pub mod lint;
