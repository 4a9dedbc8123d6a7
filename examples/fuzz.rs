//! A mutation fuzzer on stable Rust: `cargo run --release --example fuzz -- SECONDS [SEED]`.
//!
//! Seeds come from the demo KB (`content/`), the bad-input and lint fixtures, the real-shapes
//! example KB, the XSS payloads and every input a fuzz run ever crashed on
//! (`tests/fixtures/fuzz/`). Each round takes a seed, mutates it (bytes flipped, inserted,
//! deleted or repeated, Markdown and YAML tokens inserted, another seed spliced in) and runs
//! it through one target of `hindsight::fuzz` (a post-mortem, a page, the config, a search
//! query) under `catch_unwind`. An input that panics is saved as
//! `tests/fixtures/fuzz/<target>-<hash>.txt`, which the regression test then runs on every
//! `cargo test`; the run ends with exit status 1. An input that takes more than two seconds is
//! reported and kept in `target/fuzz-slow/`, not made a fixture.

use hindsight::fuzz::{Harness, Target};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

/// Tokens the formats give meaning to, inserted whole.
const TOKENS: &[&str] = &[
    "---\n",
    "\n",
    "\r\n",
    "\t",
    "\u{feff}",
    ": ",
    "- ",
    "  - id: ",
    "causes:\n",
    "because: [",
    "root: true\n",
    "action_items:\n",
    "related: [",
    "started: ",
    "2024-02-30T25:61:00Z",
    "2017-04-06T18:30:00[America/Vancouver]",
    "[[",
    "]]",
    "[[cause:",
    "](",
    "](../",
    ".md",
    "#",
    "## Timeline\n",
    "## Five whys\n",
    "## Summary\n",
    "## Action items\n",
    "## Root cause\n",
    "## Contributing factors\n",
    "## Impact\n",
    "### Remediation\n",
    "- [ ] ",
    "- [x] ",
    "@owner ",
    "PROJ-123",
    " — Owner: ",
    " — Due: 2024-02-30",
    "(Tools)",
    "(done ",
    "| Action | Owner | Status | Due |\n",
    "<table><tr><th>Action</th><th>Owner</th></tr>",
    "<tr><td>",
    "</td><td>",
    "</table>",
    "alert fired",
    "resolved",
    "1. ",
    "18:30 PDT — ",
    "23:59 — ",
    "00:01 XYZ — ",
    "T+5m",
    "```",
    "```bash\n",
    "`",
    "<!--",
    "-->",
    "<script>",
    "&#106;",
    "javascript:",
    "|",
    "|---|",
    "> ",
    "> [!WARNING]\n",
    "[^1]",
    "[^1]: ",
    "*",
    "_",
    "~~",
    "{#id .class key=v}",
    "\\",
    "\"",
    "'",
    "&",
    "<",
    ">",
    "é",
    "😀",
    "\u{200b}",
    "\0",
    "hindsight-disable-next-line ",
    "human error",
    "title:",
    "severity:SEV1",
    "-tag:",
    "\"",
    "year:",
    "(",
    ")",
    "+",
    "*",
    "~",
    "^",
    "AND",
    "OR",
    "NOT",
];

struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        // xorshift64*: enough for choosing mutations.
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }

    fn below(&mut self, n: usize) -> usize {
        if n == 0 {
            0
        } else {
            (self.next() % n as u64) as usize
        }
    }
}

fn files_under(dir: &Path, ext: &[&str], out: &mut Vec<PathBuf>) {
    for e in walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_map(Result::ok)
    {
        if e.file_type().is_file()
            && e.path()
                .extension()
                .is_some_and(|x| ext.iter().any(|e| x == *e))
        {
            out.push(e.into_path());
        }
    }
}

/// The seeds of each target.
fn seeds(repo: &Path) -> Vec<(Target, String)> {
    let mut files = Vec::new();
    for dir in ["content", "tests/fixtures", "examples/real-shapes"] {
        files_under(&repo.join(dir), &["md", "txt"], &mut files);
    }
    let mut seeds: Vec<(Target, String)> = Vec::new();
    for f in &files {
        let Ok(text) = std::fs::read_to_string(f) else {
            continue;
        };
        let name = f
            .file_name()
            .unwrap_or_default()
            .to_string_lossy()
            .into_owned();
        let target = if f.starts_with(repo.join("tests/fixtures/fuzz")) {
            name.split('-')
                .next()
                .and_then(Target::from_name)
                .unwrap_or(Target::Incident)
        } else if f.to_string_lossy().contains("/incidents/") {
            Target::Incident
        } else {
            Target::Page
        };
        seeds.push((target, text));
    }
    let mut tomls = Vec::new();
    files_under(repo, &["toml"], &mut tomls);
    files_under(&repo.join("tests/fixtures"), &["toml"], &mut tomls);
    for f in tomls.iter().filter(|f| !f.starts_with(repo.join("target"))) {
        if let Ok(text) = std::fs::read_to_string(f)
            && !f.ends_with("Cargo.toml")
        {
            seeds.push((Target::Config, text));
        }
    }
    if let Ok(json) = std::fs::read_to_string(repo.join("tests/fixtures/xss/payloads.json"))
        && let Ok(serde_json::Value::Array(items)) = serde_json::from_str(&json)
    {
        for item in items {
            if let Some(v) = item["value"].as_str() {
                seeds.push((Target::Query, v.to_string()));
            }
        }
    }
    for q in [
        "certificate expiry",
        "\"load balancer\" -staging",
        "title:dns severity:SEV1",
        "deplo",
        "-tag:dns deploy",
        "cause:settings-sprawl year:2017",
        "web-app 10:30",
        "certficate",
    ] {
        seeds.push((Target::Query, q.to_string()));
    }
    seeds
}

fn mutate(rng: &mut Rng, input: &str, seeds: &[(Target, String)]) -> String {
    let mut bytes = input.as_bytes().to_vec();
    for _ in 0..1 + rng.below(4) {
        let at = rng.below(bytes.len() + 1);
        match rng.below(7) {
            0 if !bytes.is_empty() => {
                let i = rng.below(bytes.len());
                bytes[i] ^= 1 << rng.below(8);
            }
            1 => {
                let t = TOKENS[rng.below(TOKENS.len())];
                bytes.splice(at..at, t.bytes());
            }
            2 if !bytes.is_empty() => {
                let end = (at + 1 + rng.below(64)).min(bytes.len());
                bytes.drain(at.min(end)..end);
            }
            3 if !bytes.is_empty() => {
                // Repeat a slice: long lines, deep nesting, many items.
                let end = (at + 1 + rng.below(32)).min(bytes.len());
                let piece = bytes[at.min(end)..end].to_vec();
                for _ in 0..1 + rng.below(200) {
                    bytes.splice(at..at, piece.iter().copied());
                }
            }
            4 => {
                let other = seeds[rng.below(seeds.len())].1.as_bytes();
                let from = rng.below(other.len() + 1);
                let to = (from + rng.below(256)).min(other.len());
                bytes.splice(at..at, other[from..to].iter().copied());
            }
            5 => bytes.insert(at, rng.below(256) as u8),
            _ => {
                let t = TOKENS[rng.below(TOKENS.len())];
                bytes.splice(at..at, t.repeat(1 + rng.below(20)).bytes());
            }
        }
    }
    bytes.truncate(256 * 1024);
    String::from_utf8_lossy(&bytes).into_owned()
}

fn main() -> std::process::ExitCode {
    let mut args = std::env::args().skip(1);
    let seconds: u64 = args.next().and_then(|s| s.parse().ok()).unwrap_or(60);
    let seed: u64 = args.next().and_then(|s| s.parse().ok()).unwrap_or_else(|| {
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(1, |d| d.as_nanos() as u64)
            | 1
    });
    let repo = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let work = std::env::temp_dir().join(format!("hindsight-fuzz-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&work);
    let harness = match Harness::new(&repo, &work) {
        Ok(h) => h,
        Err(e) => {
            eprintln!("fuzz: cannot set up: {e:#}");
            return std::process::ExitCode::from(2);
        }
    };
    let seeds = seeds(&repo);
    eprintln!("fuzz: {} seeds, {seconds} s, seed {seed}", seeds.len());
    // Panics are expected to be caught here; their message is printed with the input saved.
    std::panic::set_hook(Box::new(|info| eprintln!("fuzz: panic: {info}")));
    let mut rng = Rng(seed);
    let start = Instant::now();
    let (mut runs, mut crashes, mut slow) = (0u64, 0u64, 0u64);
    let mut per_target = [0u64; 4];
    while start.elapsed() < Duration::from_secs(seconds) {
        let (target, base) = &seeds[rng.below(seeds.len())];
        // Now and then, a target other than the seed's own: a page as a post-mortem, say.
        let target = if rng.below(8) == 0 {
            Target::ALL[rng.below(4)]
        } else {
            *target
        };
        let input = mutate(&mut rng, base, &seeds);
        let t = Instant::now();
        let result =
            std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| harness.run(target, &input)));
        let took = t.elapsed();
        runs += 1;
        per_target[Target::ALL.iter().position(|x| *x == target).unwrap_or(0)] += 1;
        if result.is_err() {
            crashes += 1;
            let hash = format!("{:016x}", hindsight::fingerprint::fnv1a(input.as_bytes()));
            let path = repo
                .join("tests/fixtures/fuzz")
                .join(format!("{}-{hash}.txt", target.name()));
            let _ = std::fs::create_dir_all(path.parent().unwrap_or(&repo));
            match std::fs::write(&path, &input) {
                Ok(()) => eprintln!("fuzz: crash saved to {}", path.display()),
                Err(e) => eprintln!("fuzz: crash, and cannot save it: {e}"),
            }
        } else if took > Duration::from_secs(2) {
            // Slow is not a crash: kept aside to look at, not made a fixture.
            slow += 1;
            let hash = format!("{:016x}", hindsight::fingerprint::fnv1a(input.as_bytes()));
            let path = repo
                .join("target/fuzz-slow")
                .join(format!("{}-{hash}.txt", target.name()));
            let _ = std::fs::create_dir_all(path.parent().unwrap_or(&repo));
            let _ = std::fs::write(&path, &input);
            eprintln!(
                "fuzz: a {} input of {} bytes took {:.1} s: {}",
                target.name(),
                input.len(),
                took.as_secs_f64(),
                path.display()
            );
        }
    }
    let _ = std::fs::remove_dir_all(&work);
    eprintln!(
        "fuzz: {runs} inputs in {:.0} s (incident {}, page {}, config {}, query {}): {crashes} crashes, {slow} slow",
        start.elapsed().as_secs_f64(),
        per_target[0],
        per_target[1],
        per_target[2],
        per_target[3]
    );
    if crashes > 0 {
        std::process::ExitCode::from(1)
    } else {
        std::process::ExitCode::SUCCESS
    }
}
