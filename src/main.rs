//! The `hindsight` binary: parses the command line, runs the command, prints diagnostics and
//! a summary, and maps the outcome to an exit code (0 ok, 1 content errors, 2 cannot run).

use clap::Parser;
use hindsight::build::{BuildOptions, BuildReport, Progress as BuildProgress, build_keeping};
use hindsight::check::{CheckOptions, check};
use hindsight::cli::{BuildArgs, CheckArgs, Cli, Command, InitArgs, NewArgs, ServeArgs};
use hindsight::diag::Level;
use std::io::{IsTerminal, Write};
use std::process::ExitCode;
use std::time::{Duration, Instant};

// The build allocates many small strings on every thread; mimalloc is markedly faster at that
// than the system allocator (see the benchmark figures in the README).
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Command::Build(args) => run_build(args),
        Command::Check(args) => run_check(args),
        Command::Init(args) => run_init(args),
        Command::New(args) => run_new(args),
        Command::Search(args) => run_search(args),
        Command::Serve(args) => run_serve(args),
    }
}

/// Runs until the process is stopped; returns only when the server cannot start or stops.
fn run_serve(args: ServeArgs) -> ExitCode {
    let opts = hindsight::serve::ServeOptions {
        display_root: args.root.display().to_string(),
        root: args.root,
        output: args.output,
        drafts: args.drafts,
        bind: args.bind,
        port: args.port,
        open: args.open,
        allow_hosts: args.allow_host,
    };
    match hindsight::serve::serve(opts) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e:#}");
            ExitCode::from(2)
        }
    }
}

fn run_search(args: hindsight::cli::SearchArgs) -> ExitCode {
    let date = |s: &Option<String>, flag: &str| match s
        .as_deref()
        .map(hindsight::load::time::parse_date)
    {
        None => Ok(None),
        Some(Ok(d)) => Ok(Some(d)),
        Some(Err(e)) => Err(format!("--{flag}: {e}")),
    };
    let (since, until) = match (date(&args.since, "since"), date(&args.until, "until")) {
        (Ok(s), Ok(u)) => (s, u),
        (Err(e), _) | (_, Err(e)) => {
            eprintln!("error: {e}");
            return ExitCode::from(2);
        }
    };
    let opts = hindsight::index::SearchOptions {
        query: args.query,
        severity: args.severity,
        service: args.service,
        cause: args.cause,
        category: args.category,
        tag: args.tag,
        since,
        until,
        sort: args.sort,
        limit: args.limit,
        offset: 0,
        prefix: false,
    };
    // A refused query and the tool failing both exit 2, with the message.
    match hindsight::search::run(&args.root, &opts) {
        Ok(results) => {
            print!("{}", hindsight::search::render(&results, args.json));
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::from(2)
        }
    }
}

fn today() -> jiff::civil::Date {
    jiff::Zoned::now().date()
}

/// `--today DATE`, or today; an unreadable date is a usage error (exit 2).
fn parse_today(arg: Option<&str>) -> Result<jiff::civil::Date, ExitCode> {
    match arg.map(hindsight::load::time::parse_date) {
        None => Ok(today()),
        Some(Ok(d)) => Ok(d),
        Some(Err(e)) => {
            eprintln!("error: --today: {e}");
            Err(ExitCode::from(2))
        }
    }
}

fn run_check(args: CheckArgs) -> ExitCode {
    let today = match parse_today(args.today.as_deref()) {
        Ok(d) => d,
        Err(code) => return code,
    };
    let opts = CheckOptions {
        display_root: args.root.display().to_string(),
        root: args.root,
        paths: args.paths,
        today,
    };
    let diags = match check(&opts) {
        Ok(d) => d,
        Err(e) => {
            eprintln!("error: {e:#}");
            return ExitCode::from(2);
        }
    };
    print!("{}", hindsight::report::render(&diags, args.format));
    let count = |level| diags.iter().filter(|d| d.level == level).count();
    let (errors, warnings) = (count(Level::Error), count(Level::Warning));
    // Notes never fail a check, and are counted only when there are some.
    let notes = match count(Level::Note) {
        0 => String::new(),
        n => format!(", {n} note{}", plural(n)),
    };
    if args.format == hindsight::report::Format::Human {
        eprintln!(
            "{errors} error{}, {warnings} warning{}{notes}",
            plural(errors),
            plural(warnings)
        );
    }
    let fail = errors > 0 || (args.deny.is_some() && warnings > 0);
    if fail {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

fn plural(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
}

fn run_init(args: InitArgs) -> ExitCode {
    match hindsight::scaffold::init(&args.dir, today(), args.ci) {
        Ok(files) => {
            eprintln!("Created a knowledge base in `{}`:", args.dir.display());
            for f in files {
                eprintln!("  {f}");
            }
            eprintln!(
                "Next: `hindsight new \"Title\"` to start a post-mortem, `hindsight build` to build the site."
            );
            if let Some((ci_file, _)) = hindsight::scaffold::ci_file(args.ci, "")
                && hindsight::scaffold::REPOSITORY.contains('<')
            {
                eprintln!(
                    "Before pushing: in {ci_file}, set HINDSIGHT_GIT to the repository you install hindsight from (it says {}).",
                    hindsight::scaffold::REPOSITORY
                );
            }
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("error: {e:#}");
            ExitCode::from(2)
        }
    }
}

fn run_new(args: NewArgs) -> ExitCode {
    match hindsight::scaffold::new_incident(
        &args.root,
        &args.title,
        args.severity.as_deref(),
        args.started.as_deref(),
        args.text.as_deref(),
    ) {
        Ok(path) => {
            println!("{}", path.display());
            // On stderr with the other advice: stdout is the path alone, for scripts. The file
            // is written either way, so a KB that cannot be compared only loses the list.
            match hindsight::scaffold::seen_before_lines(&args.root, &path) {
                Ok(lines) => {
                    for line in lines {
                        eprintln!("{}", hindsight::diag::escape_controls(&line));
                    }
                }
                Err(e) => eprintln!("note: cannot compare it with past incidents: {e:#}"),
            }
            eprintln!(
                "Fill in the prompts, then run `hindsight check {}`.",
                path.display()
            );
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("error: {e:#}");
            ExitCode::from(2)
        }
    }
}

fn run_build(args: BuildArgs) -> ExitCode {
    let today = match parse_today(args.today.as_deref()) {
        Ok(d) => d,
        Err(code) => return code,
    };
    let opts = BuildOptions {
        today,
        display_root: args.root.display().to_string(),
        root: args.root,
        output: args.output,
        drafts: args.drafts,
        base_url: args.base_url,
        public: args.public,
    };
    let mut progress = Progress::new(!args.quiet && std::io::stderr().is_terminal());
    let built = build_keeping(&opts, &mut |event| match event {
        BuildProgress::Stage(stage) => {
            progress.stage(stage);
            Ok(())
        }
        BuildProgress::Waiting(output) if args.no_wait => Err(anyhow::anyhow!(
            "another build of `{}` is running; not waiting for it (--no-wait)",
            output.display()
        )),
        // Even with --quiet: a log should say why the build paused.
        BuildProgress::Waiting(_) => {
            progress.line(&event.to_string());
            Ok(())
        }
    });
    progress.clear();
    // The process ends right after: the KB it rendered (at 100k incidents, 1.5 GB in millions
    // of allocations, a second to free one by one) is left for the OS to take back whole.
    let result = built.map(|b| {
        std::mem::forget(b.kb);
        b.report
    });
    match result {
        Ok(report) => {
            print_diagnostics(&report);
            if args.timings {
                for (stage, t) in &report.stages {
                    eprintln!("  {stage:<8} {:>8.1} ms", t.as_secs_f64() * 1000.0);
                }
                if let Some((url, t)) = &report.slowest_page {
                    eprintln!("  slowest page {:>8.1} ms  {url}", t.as_secs_f64() * 1000.0);
                }
                if let Some(mb) = peak_rss_mb() {
                    eprintln!("  peak RSS {mb:>8.1} MB");
                }
            }
            summarize(&report, args.quiet)
        }
        Err(e) => {
            eprintln!("error: {e:#}");
            ExitCode::from(2)
        }
    }
}

/// Every error and at most [`hindsight::report::BUILD_WARNINGS_PER_RULE`] warnings of each rule, then a line for
/// each rule with more, and a count by rule: a build's log stays readable on a large KB.
fn print_diagnostics(report: &BuildReport) {
    let q = hindsight::report::quiet(
        &report.diagnostics,
        hindsight::report::BUILD_WARNINGS_PER_RULE,
    );
    let mut err = std::io::stderr().lock();
    for d in &q.shown {
        let _ = writeln!(err, "{d}");
    }
    for line in q.left_out_lines() {
        let _ = writeln!(err, "{line}");
    }
    if let Some(summary) = q.summary() {
        let _ = writeln!(err, "{summary}");
    }
}

fn summarize(report: &BuildReport, quiet: bool) -> ExitCode {
    let warnings = match report.warnings {
        0 => String::new(),
        1 => ", 1 warning".to_string(),
        n => format!(", {n} warnings"),
    };
    if report.errors > 0 {
        let s = if report.errors == 1 { "" } else { "s" };
        eprintln!(
            "error: the build found {} error{s}{warnings}; `{}` was left as it was",
            report.errors,
            report.output.display()
        );
        return ExitCode::from(1);
    }
    if !quiet {
        for note in &report.notes {
            eprintln!("note: {note}");
        }
        eprintln!(
            "Built {} pages for {} incident{} in {:.2} s into `{}`{warnings}",
            report.pages,
            report.incidents,
            hindsight::format::plural_s(report.incidents),
            report.elapsed.as_secs_f64(),
            report.output.display()
        );
    }
    ExitCode::SUCCESS
}

/// The process's peak resident memory, where the OS reports it (Linux).
fn peak_rss_mb() -> Option<f64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kb: f64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb / 1024.0)
}

/// A one-line progress indicator on a terminal, shown only once a build takes a moment.
struct Progress {
    enabled: bool,
    start: Instant,
    shown: bool,
}

impl Progress {
    const DELAY: Duration = Duration::from_millis(250);

    fn new(enabled: bool) -> Self {
        Progress {
            enabled,
            start: Instant::now(),
            shown: false,
        }
    }

    fn stage(&mut self, name: &str) {
        if self.enabled && self.start.elapsed() >= Self::DELAY {
            eprint!(
                "\r\x1b[2K{name}… ({:.1} s)",
                self.start.elapsed().as_secs_f64()
            );
            self.shown = true;
        }
    }

    fn clear(&mut self) {
        if self.shown {
            eprint!("\r\x1b[2K");
            self.shown = false;
        }
    }

    /// A line that stays, on a terminal or not, in place of the progress shown so far.
    fn line(&mut self, text: &str) {
        self.clear();
        eprintln!("{text}");
    }
}
