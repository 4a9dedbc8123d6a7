//! Integration tests: the real `hindsight` binary run on the demo KB and on fixture KBs.

mod bad_input;
mod build;
mod build_lock;
mod check;
mod ci;
mod fuzz;
mod held_out;
mod history;
mod imported;
mod links;
mod metrics;
mod pagination;
mod public;
mod related;
mod search;
mod security;
mod seen_before;
mod serve;
mod support;
mod svg;
