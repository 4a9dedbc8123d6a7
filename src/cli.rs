//! The command line: clap derive -> typed options for each command.

use clap::{Parser, Subcommand};
use std::path::PathBuf;

/// hindsight: a static site generator for blameless post-mortems.
///
/// Reads a knowledge base of post-mortems (Markdown with YAML front matter under content/)
/// and writes a cross-linked, searchable static site.
#[derive(Debug, Parser)]
#[command(name = "hindsight", version = crate::LONG_VERSION, about, long_about = None, propagate_version = true)]
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
    /// Check the KB without building it: content errors, links and post-mortem quality.
    ///
    /// Runs every lint rule (blameless language, five whys, completeness, action items, shared
    /// causes) on the whole KB, drafts included. Given PATHS, reports only those files (the
    /// whole KB is still read so links resolve): fast enough for a pre-commit hook.
    /// Exit status: 0 clean, 1 errors (or warnings with --deny warnings), 2 could not run.
    Check(CheckArgs),
    /// Create a new KB: config, an example post-mortem, a cause page, a reading list,
    /// .gitignore and a CI file that checks, builds and publishes it.
    Init(InitArgs),
    /// Start a new post-mortem from the standard template, with today's date in its id.
    New(NewArgs),
    /// Search the post-mortems: "has this happened before?"
    ///
    /// Words must all match (AND); "quoted phrases" match in order; -word excludes; title:word
    /// looks in one field (title, summary, body, causes, impact, actions); severity:SEV1,
    /// service:X, cause:C, category:K, tag:T and year:YYYY filter like the flags, and -tag:T
    /// leaves those out. Filters alone list what they select, newest first. English stemming:
    /// "deploy" also finds "deployment". When nothing matches, the KB's words one or two edits
    /// away (same first letter) are tried. Scores are tantivy's BM25, the same the site's search
    /// computes. The index lives in <root>/.hindsight/index ([search] index_dir) and is brought
    /// up to date first.
    Search(SearchArgs),
    /// Preview the site while you write: build it, serve it on http://127.0.0.1:1111/, and
    /// rebuild and reload the browser on every change.
    ///
    /// The preview is built into <root>/.hindsight/serve; public/ is left alone. content/,
    /// theme/, static/ and hindsight.toml are watched. After a failed rebuild the last good
    /// site stays served and open pages show the diagnostics in an overlay. The server also
    /// answers searches at /api/search (the JSON of `hindsight search --json`).
    /// Runs until stopped (Ctrl-C). Exit status: 2 when it cannot start.
    Serve(ServeArgs),
}

#[derive(Debug, clap::Args)]
pub struct ServeArgs {
    /// The KB root: the folder with hindsight.toml and content/.
    #[arg(long, default_value = ".", value_name = "DIR")]
    pub root: PathBuf,
    /// The port to listen on; when it is taken, the next free one is used. 0: any free port.
    #[arg(long, short, default_value_t = 1111, value_name = "N")]
    pub port: u16,
    /// The address to listen on. Anything but loopback makes the preview reachable from the
    /// network.
    #[arg(long, default_value = "127.0.0.1", value_name = "ADDR")]
    pub bind: std::net::IpAddr,
    /// Include post-mortems with `status: draft`.
    #[arg(long)]
    pub drafts: bool,
    /// Open the site in the default browser.
    #[arg(long)]
    pub open: bool,
    /// Where to build the preview [default: <root>/.hindsight/serve].
    #[arg(long, short, value_name = "DIR")]
    pub output: Option<PathBuf>,
    /// Also answer requests whose Host is NAME (exact, any case; repeatable). Without it, only
    /// localhost, *.localhost, loopback addresses and the --bind address are answered (any IP
    /// address when --bind is 0.0.0.0 or ::); other hosts get 400, against DNS rebinding.
    #[arg(long, value_name = "NAME", value_parser = crate::serve::host::parse_allow_host)]
    pub allow_host: Vec<String>,
}

#[derive(Debug, clap::Args)]
pub struct SearchArgs {
    /// What to look for. A query that starts with `-` (`-tag:dns deploy`) can be given as it
    /// is.
    #[arg(allow_hyphen_values = true)]
    pub query: String,
    /// The KB root.
    #[arg(long, default_value = ".", value_name = "DIR")]
    pub root: PathBuf,
    #[arg(long, value_name = "S")]
    pub severity: Option<String>,
    #[arg(long, value_name = "SERVICE")]
    pub service: Option<String>,
    /// A cause id.
    #[arg(long, value_name = "CAUSE")]
    pub cause: Option<String>,
    /// A fishbone category id.
    #[arg(long, value_name = "CATEGORY")]
    pub category: Option<String>,
    #[arg(long, value_name = "TAG")]
    pub tag: Option<String>,
    /// Incidents that started on or after this day (YYYY-MM-DD).
    #[arg(long, value_name = "DATE")]
    pub since: Option<String>,
    /// Incidents that started on or before this day (YYYY-MM-DD).
    #[arg(long, value_name = "DATE")]
    pub until: Option<String>,
    #[arg(long, value_enum, default_value_t = crate::index::Sort::Relevance)]
    pub sort: crate::index::Sort,
    /// How many results to show, at least 1.
    #[arg(long, default_value_t = crate::index::contract::PAGE, value_name = "N", value_parser = at_least_one)]
    pub limit: usize,
    /// Print JSON for scripts.
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, clap::Args)]
pub struct CheckArgs {
    /// The KB root: the folder with hindsight.toml and content/.
    #[arg(long, default_value = ".", value_name = "DIR")]
    pub root: PathBuf,
    /// Output format.
    #[arg(long, value_enum, default_value_t = crate::report::Format::Human)]
    pub format: crate::report::Format,
    /// Fail (exit 1) on warnings too.
    #[arg(long, value_name = "LEVEL", value_parser = ["warnings"])]
    pub deny: Option<String>,
    /// The day overdue action items are measured against (YYYY-MM-DD) [default: today].
    #[arg(long, value_name = "DATE")]
    pub today: Option<String>,
    /// Report only these files or folders.
    #[arg(value_name = "PATHS")]
    pub paths: Vec<PathBuf>,
}

#[derive(Debug, clap::Args)]
pub struct InitArgs {
    /// Where to create the KB (created if missing; must not already hold a KB).
    #[arg(default_value = ".", value_name = "DIR")]
    pub dir: PathBuf,
    /// The CI file to write: a GitHub Actions workflow that deploys to GitHub Pages, a
    /// .gitlab-ci.yml with a `pages` job, or none. Both install hindsight at the commit this
    /// binary was built from, and cache it.
    #[arg(long, value_enum, default_value_t = crate::scaffold::Ci::Github)]
    pub ci: crate::scaffold::Ci,
}

#[derive(Debug, clap::Args)]
pub struct NewArgs {
    /// The post-mortem's title, e.g. "Checkout errors after the payment provider's TLS change".
    pub title: String,
    /// Its severity, one of the config's [default: the least severe].
    #[arg(long)]
    pub severity: Option<String>,
    /// When the incident started (RFC 3339 with offset) [default: now, in UTC].
    #[arg(long, value_name = "TIME")]
    pub started: Option<String>,
    /// What happened, in a sentence or two: written as the summary, and compared with past
    /// incidents with the title.
    #[arg(long, value_name = "TEXT")]
    pub text: Option<String>,
    /// The KB root.
    #[arg(long, default_value = ".", value_name = "DIR")]
    pub root: PathBuf,
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
    /// Build the customer-facing site instead: only the post-mortems marked `visibility:
    /// public`, with their internal parts removed, into [public] output (public-site/ by
    /// default), with an Atom feed, a JSON Feed and its own search.
    #[arg(long)]
    pub public: bool,
    /// The URL the site is served from, e.g. https://docs.example.com/incidents/ (overrides
    /// base_url in hindsight.toml; sub-paths work).
    #[arg(long, value_name = "URL")]
    pub base_url: Option<String>,
    /// Print only errors and warnings, no progress or summary. A build that waits for another
    /// build of the same output folder still says so, in one line.
    #[arg(long, short)]
    pub quiet: bool,
    /// When another build of the same output folder is running, exit (status 2) instead of
    /// waiting for it to finish.
    #[arg(long)]
    pub no_wait: bool,
    /// Print how long each stage took.
    #[arg(long)]
    pub timings: bool,
    /// The day overdue action items are measured against (YYYY-MM-DD), for reproducible
    /// builds [default: today].
    #[arg(long, value_name = "DATE")]
    pub today: Option<String>,
}

/// A count of at least one.
fn at_least_one(s: &str) -> Result<usize, String> {
    match s.parse::<usize>() {
        Ok(0) => Err("must be at least 1".into()),
        Ok(n) => Ok(n),
        Err(_) => Err(format!("`{s}` is not a number")),
    }
}
