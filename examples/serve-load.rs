//! Load test of `hindsight serve`: concurrent clients on loopback hitting pages and
//! `/api/search` for a bounded time, then requests per second and latency percentiles.
//!
//! Takes `[--clients N] [--seconds S] [--only pages|search] [--root DIR] [--bin PATH]`
//! (`cargo build --release && cargo run --release --example serve-load`); defaults: 16
//! clients, 10 seconds, a copy of the demo KB in a temporary folder, and the `hindsight`
//! binary beside this example's folder (`target/release/hindsight`). It starts `hindsight
//! serve --port 0` on 127.0.0.1, warms it up with one request of each kind, runs the clients
//! (each with its own keep-alive connection), stops the server, and prints one table.
//! Exits 1 when any request failed or got an unexpected status. Only loopback is ever asked.

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode, Stdio};
use std::time::{Duration, Instant};

/// What the clients ask for, in turn; `true` for a search.
const TARGETS: &[(&str, bool)] = &[
    ("/", false),
    ("/incidents/2017-04-06-linkedin-app/", false),
    ("/api/search?q=deploy", true),
    ("/incidents/", false),
    ("/metrics/", false),
    ("/api/search?q=dns&sort=newest&limit=20", true),
    ("/causes/personal-admin-accounts/", false),
    ("/api/search?q=%22load+balancer%22&severity=SEV2", true),
];

struct Args {
    clients: usize,
    seconds: u64,
    root: Option<PathBuf>,
    bin: PathBuf,
    /// Ask only for pages (`Some(false)`) or only searches (`Some(true)`).
    only: Option<bool>,
}

fn parse_args() -> Result<Args, String> {
    let exe = std::env::current_exe().map_err(|e| e.to_string())?;
    let default_bin = exe
        .parent()
        .and_then(Path::parent)
        .map(|dir| dir.join("hindsight"))
        .unwrap_or_else(|| PathBuf::from("target/release/hindsight"));
    let mut args = Args {
        clients: 16,
        seconds: 10,
        root: None,
        bin: default_bin,
        only: None,
    };
    let mut it = std::env::args().skip(1);
    while let Some(flag) = it.next() {
        let mut value = || it.next().ok_or(format!("{flag} needs a value"));
        match flag.as_str() {
            "--clients" => {
                args.clients = value()?.parse().map_err(|e| format!("--clients: {e}"))?
            }
            "--seconds" => {
                args.seconds = value()?.parse().map_err(|e| format!("--seconds: {e}"))?
            }
            "--root" => args.root = Some(PathBuf::from(value()?)),
            "--bin" => args.bin = PathBuf::from(value()?),
            "--only" => {
                args.only = match value()?.as_str() {
                    "pages" => Some(false),
                    "search" => Some(true),
                    v => return Err(format!("--only is `pages` or `search`, not `{v}`")),
                }
            }
            other => return Err(format!("unknown argument `{other}`")),
        }
    }
    // Bounded, whatever is asked: this is a test on a shared machine, not a siege.
    args.clients = args.clients.clamp(1, 256);
    args.seconds = args.seconds.clamp(1, 60);
    Ok(args)
}

/// The demo KB (content/ and hindsight.toml of this repository), copied.
fn demo_copy(to: &Path) -> Result<(), String> {
    let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
    for entry in walkdir::WalkDir::new(repo.join("content")) {
        let entry = entry.map_err(|e| e.to_string())?;
        let rel = entry.path().strip_prefix(repo).map_err(|e| e.to_string())?;
        let dest = to.join(rel);
        if entry.file_type().is_dir() {
            std::fs::create_dir_all(&dest).map_err(|e| e.to_string())?;
        } else {
            std::fs::copy(entry.path(), &dest).map_err(|e| e.to_string())?;
        }
    }
    std::fs::copy(repo.join("hindsight.toml"), to.join("hindsight.toml"))
        .map_err(|e| e.to_string())?;
    Ok(())
}

/// A running server, killed on drop.
struct Server(std::process::Child);

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn start(bin: &Path, root: &Path) -> Result<(Server, String), String> {
    let mut child = Command::new(bin)
        .args(["serve", "--port", "0", "--root"])
        .arg(root)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| format!("cannot run {}: {e}", bin.display()))?;
    let stderr = child.stderr.take().ok_or("no stderr")?;
    let server = Server(child);
    let mut lines = BufReader::new(stderr).lines();
    for line in lines.by_ref() {
        let line = line.map_err(|e| e.to_string())?;
        if let Some(url) = line.strip_prefix("Serving at ") {
            let origin = url.trim_end_matches('/').to_string();
            // Keep draining, so the server never blocks on a full pipe.
            std::thread::spawn(move || lines.for_each(drop));
            return Ok((server, origin));
        }
    }
    Err("the server stopped before it served".into())
}

/// One client's results: latencies of pages and of searches, and failures.
#[derive(Default)]
struct Tally {
    pages: Vec<Duration>,
    searches: Vec<Duration>,
    failures: Vec<String>,
}

fn client(origin: &str, first: usize, until: Instant, only: Option<bool>) -> Tally {
    let agent: ureq::Agent = ureq::Agent::config_builder()
        .http_status_as_error(false)
        .timeout_global(Some(Duration::from_secs(30)))
        .build()
        .into();
    let mut tally = Tally::default();
    let mut i = first;
    while Instant::now() < until {
        let (path, search) = TARGETS[i % TARGETS.len()];
        i += 1;
        if only.is_some_and(|o| o != search) {
            continue;
        }
        let start = Instant::now();
        let outcome = agent
            .get(&format!("{origin}{path}"))
            .call()
            .map_err(|e| e.to_string())
            .and_then(|mut r| {
                let status = r.status().as_u16();
                r.body_mut()
                    .read_to_vec()
                    .map_err(|e| e.to_string())
                    .and_then(|_| match status {
                        200 => Ok(()),
                        s => Err(format!("status {s}")),
                    })
            });
        let took = start.elapsed();
        match outcome {
            Ok(()) if search => tally.searches.push(took),
            Ok(()) => tally.pages.push(took),
            Err(e) => tally.failures.push(format!("{path}: {e}")),
        }
    }
    tally
}

fn percentile(sorted: &[Duration], p: f64) -> f64 {
    if sorted.is_empty() {
        return 0.0;
    }
    let rank = ((p / 100.0) * sorted.len() as f64).ceil() as usize;
    sorted[rank.clamp(1, sorted.len()) - 1].as_secs_f64() * 1000.0
}

fn row(name: &str, mut latencies: Vec<Duration>, seconds: f64) {
    latencies.sort();
    println!(
        "{name:<8} {:>8} {:>10.0} {:>9.2} {:>9.2} {:>9.2}",
        latencies.len(),
        latencies.len() as f64 / seconds,
        percentile(&latencies, 50.0),
        percentile(&latencies, 99.0),
        latencies.last().map_or(0.0, |d| d.as_secs_f64() * 1000.0),
    );
}

fn run() -> Result<bool, String> {
    let args = parse_args()?;
    let tmp = tempfile::tempdir().map_err(|e| e.to_string())?;
    let root = match &args.root {
        Some(r) => r.clone(),
        None => {
            demo_copy(tmp.path())?;
            tmp.path().to_path_buf()
        }
    };
    let (server, origin) = start(&args.bin, &root)?;
    for (path, _) in TARGETS {
        ureq::get(&format!("{origin}{path}"))
            .call()
            .map_err(|e| format!("warm-up {path}: {e}"))?;
    }
    let start = Instant::now();
    let until = start + Duration::from_secs(args.seconds);
    let threads: Vec<_> = (0..args.clients)
        .map(|i| {
            let origin = origin.clone();
            std::thread::spawn(move || client(&origin, i, until, args.only))
        })
        .collect();
    let mut all = Tally::default();
    for t in threads {
        let tally = t.join().map_err(|_| "a client panicked")?;
        all.pages.extend(tally.pages);
        all.searches.extend(tally.searches);
        all.failures.extend(tally.failures);
    }
    let seconds = start.elapsed().as_secs_f64();
    drop(server);
    println!(
        "hindsight serve: {} clients for {seconds:.1} s on {origin} ({} cores)",
        args.clients,
        std::thread::available_parallelism().map_or(1, |n| n.get())
    );
    println!(
        "{:<8} {:>8} {:>10} {:>9} {:>9} {:>9}",
        "kind", "requests", "req/s", "p50 ms", "p99 ms", "max ms"
    );
    let mut every = all.pages.clone();
    every.extend(&all.searches);
    row("pages", all.pages, seconds);
    row("search", all.searches, seconds);
    row("all", every, seconds);
    println!("errors   {}", all.failures.len());
    for f in all.failures.iter().take(10) {
        println!("  {f}");
    }
    Ok(all.failures.is_empty())
}

fn main() -> ExitCode {
    match run() {
        Ok(true) => ExitCode::SUCCESS,
        Ok(false) => ExitCode::from(1),
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::from(2)
        }
    }
}
