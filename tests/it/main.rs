//! Integration tests: the real `hindsight` binary run on the demo KB and on fixture KBs.

mod bad_input;
mod build;
mod build_lock;
mod check;
mod ci;
mod fuzz;
mod imported;
mod links;
mod related;
mod search;
mod security;
mod serve;
mod support;
mod svg;
