//! The command line: clap derive -> typed options for each command.

use clap::{Parser, Subcommand};
use std::path::PathBuf;

/// hindsight: a static site generator for blameless post-mortems.
///
/// Reads a knowledge base of post-mortems (Markdown with YAML front matter under content/)
/// and writes a cross-linked, searchable static site.
#[derive(Debug, Parser)]
#[command(name = "hindsight", version, about, long_about = None, propagate_version = true)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Build the site into the output folder (public/ by default).
    ///
    /// Every content problem is reported at once as path:line:col. The output folder is
    /// replaced only when the build succeeds; a failed build leaves the previous site intact.
    /// Exit status: 0 built, 1 the content has errors, 2 the tool could not run.
    Build(BuildArgs),
}

#[derive(Debug, clap::Args)]
pub struct BuildArgs {
    /// The KB root: the folder with hindsight.toml and content/.
    #[arg(long, default_value = ".", value_name = "DIR")]
    pub root: PathBuf,
    /// Where to write the site [default: <root>/public].
    #[arg(long, short, value_name = "DIR")]
    pub output: Option<PathBuf>,
    /// Include post-mortems with `status: draft`.
    #[arg(long)]
    pub drafts: bool,
    /// The URL the site is served from, e.g. https://docs.example.com/incidents/ (overrides
    /// base_url in hindsight.toml; sub-paths work).
    #[arg(long, value_name = "URL")]
    pub base_url: Option<String>,
    /// Print only errors and warnings, no progress or summary.
    #[arg(long, short)]
    pub quiet: bool,
    /// Print how long each stage took.
    #[arg(long)]
    pub timings: bool,
}
