//! Benchmark corpus generator: a synthetic incident knowledge base of any size.
//!
//! Takes `N DIR` (`cargo run --release --example gen-corpus -- 10000 /tmp/kb`) and gives a
//! complete KB in DIR: `hindsight.toml`, N post-mortems under
//! `content/incidents/<year>/<id>.md`, a page under `content/causes/` for each cause id of
//! the pool (250) that a published incident names, `content/reading-lists/onboarding.md`
//! and `content/pages/about.md`.
//! It prints one line: how many files, how many bytes, how long.
//!
//! What holds:
//! - The output depends only on N: one fixed-seed PRNG drives every choice.
//! - Every incident is valid under `shared/design/content-format.md`: ids are unique,
//!   `started <= detected <= mitigated <= resolved`, `because` edges point only to causes
//!   listed earlier in the same file (so the why-because graph has no cycles), and
//!   `related` ids and wiki links point only to published incidents generated earlier or
//!   to causes the linking incident lists itself.
//! - Incidents are generated in chronological order, so "earlier" also means "older".
//! - It refuses (exit 2) to write into a DIR whose `content/` exists and is not empty.
//!
//! Only the standard library is used, so the file also builds on its own:
//! `rustc --edition 2024 -O examples/gen-corpus.rs`.

use std::borrow::Cow;
use std::collections::BTreeSet;
use std::fmt::{self, Write as _};
use std::path::{Path, PathBuf};
use std::time::Instant;
use std::{env, fs, io, process};

// The pools are data tables; listing each of them here would add nothing.
use vocab::*;

const SEED: u64 = 0x4849_4E44_5349_4754;
const WRAP_WIDTH: usize = 88;
/// Below 1 so the long tail still shows up in a 1k corpus; the head recurs hundreds of times.
const ZIPF_EXPONENT: f64 = 0.8;
const READING_LIST_LEN: usize = 8;
const MINUTES_PER_DAY: i64 = 1440;

// ---------------------------------------------------------------------------------------
// Vocabulary types (the word pools themselves are in `mod vocab` at the end)
// ---------------------------------------------------------------------------------------

/// The thing that broke; the root cause's subject names the incident.
struct Subject {
    slug: &'static str,
    noun: &'static str,
    tag: &'static str,
    trigger: &'static str,
    fix: &'static str,
}

/// What users saw. `why` opens the five whys, so it never says "and" or "because".
struct Symptom {
    title: &'static str,
    why: &'static str,
}

/// A cause template; `{s}` in the id is the subject slug. Texts are single statements
/// without "and" or "because", since they double as five-whys answers.
struct CauseTemplate {
    id: &'static str,
    title: &'static str,
    text: &'static str,
}

const fn cause(id: &'static str, title: &'static str, text: &'static str) -> CauseTemplate {
    CauseTemplate { id, title, text }
}

/// A fishbone category with the cause templates filed under it.
struct Category {
    id: &'static str,
    title: &'static str,
    /// Sentences that put a cause of this category in context, blamelessly.
    notes: &'static [&'static str],
    templates: &'static [CauseTemplate],
}

// ---------------------------------------------------------------------------------------
// Entry point
// ---------------------------------------------------------------------------------------

fn main() {
    let (count, dir) = parse_args().unwrap_or_else(|message| fail(&message));
    let clock = Instant::now();
    match generate(count, &dir) {
        Ok(written) => println!(
            "gen-corpus: wrote {} files ({:.1} MB) to {} in {:.2} s",
            written.files,
            written.bytes as f64 / 1e6,
            dir.display(),
            clock.elapsed().as_secs_f64()
        ),
        Err(message) => fail(&message),
    }
}

fn parse_args() -> Result<(usize, PathBuf), String> {
    let args: Vec<String> = env::args().skip(1).collect();
    match args.as_slice() {
        [count, dir] => count
            .parse()
            .map(|count| (count, PathBuf::from(dir)))
            .map_err(|_| format!("N must be a whole number, got `{count}`")),
        _ => Err("usage: gen-corpus N DIR".to_string()),
    }
}

/// Exit code 2: the tool could not run (the project's convention, after ripgrep).
fn fail(message: &str) -> ! {
    eprintln!("gen-corpus: error: {message}");
    process::exit(2)
}

/// Everything shared by the pages of one corpus.
struct Corpus {
    pool: Vec<CauseDef>,
    incidents: Vec<Incident>,
    /// Indices of published incidents, ascending; only these are link targets.
    published: Vec<usize>,
}

fn generate(count: usize, dir: &Path) -> Result<Written, String> {
    ensure_fresh(dir)?;
    let mut rng = Rng(SEED);
    let pool = cause_pool(&mut rng);
    let incidents = plan_incidents(count, &pool, &mut rng);
    let published = (0..count).filter(|&i| !incidents[i].draft).collect();
    let corpus = Corpus {
        pool,
        incidents,
        published,
    };

    make_dir(dir)?;
    let mut out = Written::default();
    out.write(
        &dir.join("hindsight.toml"),
        "title = \"Generated incident archive\"\n",
    )?;
    write_incidents(&mut out, &dir.join("content/incidents"), &corpus, &mut rng)?;
    let causes = dir.join("content/causes");
    make_dir(&causes)?;
    for def in used_causes(&corpus) {
        out.write(&causes.join(format!("{}.md", def.id)), &cause_page(def))?;
    }
    make_dir(&dir.join("content/reading-lists"))?;
    out.write(
        &dir.join("content/reading-lists/onboarding.md"),
        &reading_list(&corpus),
    )?;
    make_dir(&dir.join("content/pages"))?;
    out.write(&dir.join("content/pages/about.md"), &about_page(count))?;
    Ok(out)
}

/// The pool's causes that a published incident names. hindsight warns about a cause page
/// no built incident uses, and the tail of the pool can go unused in a small corpus.
fn used_causes(corpus: &Corpus) -> impl Iterator<Item = &CauseDef> {
    let mut used = vec![false; corpus.pool.len()];
    for &index in &corpus.published {
        for cause in &corpus.incidents[index].causes {
            used[cause.def] = true;
        }
    }
    corpus
        .pool
        .iter()
        .zip(used)
        .filter(|(_, used)| *used)
        .map(|(def, _)| def)
}

fn write_incidents(
    out: &mut Written,
    base: &Path,
    corpus: &Corpus,
    rng: &mut Rng,
) -> Result<(), String> {
    make_dir(base)?;
    let years: BTreeSet<i64> = corpus.incidents.iter().map(|i| i.year).collect();
    for year in years {
        make_dir(&base.join(year.to_string()))?;
    }
    let mut text = String::with_capacity(16 * 1024);
    for (index, incident) in corpus.incidents.iter().enumerate() {
        text.clear();
        render_incident(&mut text, corpus, index, rng)
            .map_err(|_| "formatting an incident failed")?;
        let path = base
            .join(incident.year.to_string())
            .join(format!("{}.md", incident.id));
        out.write(&path, &text)?;
    }
    Ok(())
}

// ---------------------------------------------------------------------------------------
// Disk
// ---------------------------------------------------------------------------------------

/// Files and bytes written so far.
#[derive(Default)]
struct Written {
    files: usize,
    bytes: usize,
}

impl Written {
    fn write(&mut self, path: &Path, text: &str) -> Result<(), String> {
        fs::write(path, text).map_err(|e| format!("{}: {e}", path.display()))?;
        self.files += 1;
        self.bytes += text.len();
        Ok(())
    }
}

fn make_dir(path: &Path) -> Result<(), String> {
    fs::create_dir_all(path).map_err(|e| format!("{}: {e}", path.display()))
}

/// Never mixes generated files into an existing KB: `DIR/content` must be absent or empty.
fn ensure_fresh(dir: &Path) -> Result<(), String> {
    let content = dir.join("content");
    match fs::read_dir(&content) {
        Ok(mut entries) => match entries.next() {
            Some(_) => Err(format!(
                "{} already exists and is not empty; refusing to write",
                content.display()
            )),
            None => Ok(()),
        },
        Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(()),
        Err(e) => Err(format!("{}: {e}", content.display())),
    }
}

// ---------------------------------------------------------------------------------------
// Randomness
// ---------------------------------------------------------------------------------------

/// splitmix64: a few lines, fast, and plenty for synthetic text; a crate would cost more.
struct Rng(u64);

impl Rng {
    fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform in `0..n`; `n` must be positive.
    fn below(&mut self, n: usize) -> usize {
        (self.next_u64() % n as u64) as usize
    }

    /// Uniform in `lo..=hi`.
    fn between(&mut self, lo: i64, hi: i64) -> i64 {
        lo + (self.next_u64() % (hi - lo + 1) as u64) as i64
    }

    /// Uniform in `[0, 1)`.
    fn unit(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64
    }

    fn chance(&mut self, p: f64) -> bool {
        self.unit() < p
    }

    fn pick<T: Copy>(&mut self, items: &[T]) -> T {
        items[self.below(items.len())]
    }

    /// An index into `weights`, chosen with probability proportional to its weight.
    fn weighted(&mut self, weights: &[u32]) -> usize {
        let total: u32 = weights.iter().sum();
        let mut x = self.below(total as usize) as u32;
        for (i, &w) in weights.iter().enumerate() {
            if x < w {
                return i;
            }
            x -= w;
        }
        weights.len() - 1
    }

    /// Log-normal with the given median: most values near it, a long tail of slow ones.
    fn log_normal(&mut self, median: f64, sigma: f64) -> i64 {
        let (u1, u2) = (1.0 - self.unit(), self.unit());
        let normal = (-2.0 * u1.ln()).sqrt() * (std::f64::consts::TAU * u2).cos();
        (median * (sigma * normal).exp()).round() as i64
    }

    /// `count` distinct items of `items` (fewer if it has fewer), in random order.
    fn distinct<T: Copy + PartialEq>(&mut self, items: &[T], count: usize) -> Vec<T> {
        let mut chosen = Vec::with_capacity(count);
        self.extend_distinct(&mut chosen, items, count);
        chosen
    }

    /// Grows `chosen` with items of `items` it does not hold yet, up to `len` entries.
    /// `items` must hold no duplicates, and `chosen` only items taken from `items`.
    fn extend_distinct<T: Copy + PartialEq>(
        &mut self,
        chosen: &mut Vec<T>,
        items: &[T],
        len: usize,
    ) {
        let len = len.min(items.len());
        while chosen.len() < len {
            let item = self.pick(items);
            if !chosen.contains(&item) {
                chosen.push(item);
            }
        }
    }

    fn shuffle<T>(&mut self, items: &mut [T]) {
        for i in (1..items.len()).rev() {
            items.swap(i, self.below(i + 1));
        }
    }
}

/// Zipf-like popularity over ranks `0..n`: rank k is drawn in proportion to 1/(k+1)^s.
struct Zipf {
    cumulative: Vec<f64>,
}

impl Zipf {
    fn new(n: usize, exponent: f64) -> Self {
        let mut total = 0.0;
        let cumulative = (1..=n)
            .map(|rank| {
                total += (rank as f64).powf(-exponent);
                total
            })
            .collect();
        Zipf { cumulative }
    }

    fn sample(&self, rng: &mut Rng) -> usize {
        let x = rng.unit() * self.cumulative.last().copied().unwrap_or(0.0);
        self.cumulative
            .partition_point(|&c| c <= x)
            .min(self.cumulative.len() - 1)
    }
}

// ---------------------------------------------------------------------------------------
// Calendar: hand-rolled (Howard Hinnant's civil-date algorithms) to stay std-only.
// ---------------------------------------------------------------------------------------

fn days_from_civil(year: i64, month: i64, day: i64) -> i64 {
    let year = if month <= 2 { year - 1 } else { year };
    let era = year.div_euclid(400);
    let year_of_era = year.rem_euclid(400);
    let day_of_year = (153 * (month + if month > 2 { -3 } else { 9 }) + 2) / 5 + day - 1;
    let day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
    era * 146_097 + day_of_era - 719_468
}

fn civil_from_days(days: i64) -> (i64, i64, i64) {
    let days = days + 719_468;
    let era = days.div_euclid(146_097);
    let day_of_era = days.rem_euclid(146_097);
    let year_of_era =
        (day_of_era - day_of_era / 1460 + day_of_era / 36_524 - day_of_era / 146_096) / 365;
    let day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
    let shifted_month = (5 * day_of_year + 2) / 153;
    let day = day_of_year - (153 * shifted_month + 2) / 5 + 1;
    let month = if shifted_month < 10 {
        shifted_month + 3
    } else {
        shifted_month - 9
    };
    let year = year_of_era + era * 400 + i64::from(month <= 2);
    (year, month, day)
}

fn ymd(day: i64) -> String {
    let (y, m, d) = civil_from_days(day);
    format!("{y:04}-{m:02}-{d:02}")
}

/// A wall-clock instant: minutes since 1970-01-01 00:00 in local time, plus the offset.
/// Stamps of one incident share an offset, so comparing `local` compares instants.
#[derive(Clone, Copy)]
struct Stamp {
    local: i64,
    offset: i64,
}

impl Stamp {
    fn utc(self) -> i64 {
        self.local - self.offset
    }

    fn plus(self, minutes: i64) -> Stamp {
        Stamp {
            local: self.local + minutes,
            ..self
        }
    }

    fn day(self) -> i64 {
        self.local.div_euclid(MINUTES_PER_DAY)
    }

    fn clock(self) -> String {
        let minutes = self.local.rem_euclid(MINUTES_PER_DAY);
        format!("{:02}:{:02}", minutes / 60, minutes % 60)
    }

    fn rfc3339(self) -> String {
        let sign = if self.offset < 0 { '-' } else { '+' };
        let offset = self.offset.abs();
        format!(
            "{}T{}:00{sign}{:02}:{:02}",
            ymd(self.day()),
            self.clock(),
            offset / 60,
            offset % 60
        )
    }
}

fn human_minutes(total: i64) -> String {
    let unit = |n: i64, word: &str| {
        if n == 1 {
            format!("1 {word}")
        } else {
            format!("{n} {word}s")
        }
    };
    let (days, hours, minutes) = (
        total / MINUTES_PER_DAY,
        total % MINUTES_PER_DAY / 60,
        total % 60,
    );
    match (days, hours, minutes) {
        (0, 0, m) => unit(m, "minute"),
        (0, h, 0) => unit(h, "hour"),
        (0, h, m) => format!("{} {}", unit(h, "hour"), unit(m, "minute")),
        (d, 0, _) => unit(d, "day"),
        (d, h, _) => format!("{} {}", unit(d, "day"), unit(h, "hour")),
    }
}

// ---------------------------------------------------------------------------------------
// Planning: the facts of every incident, decided before any text is written
// ---------------------------------------------------------------------------------------

/// One cause id of the pool; its index in the pool is its popularity rank.
struct CauseDef {
    id: String,
    category: &'static Category,
    title: String,
    text: &'static str,
    subject: &'static Subject,
}

/// A cause as listed in one incident; `because` holds positions of earlier causes.
struct CauseUse {
    def: usize,
    root: bool,
    because: Vec<usize>,
}

/// The facts of one incident, decided before any of its text is written.
struct Incident {
    id: String,
    year: i64,
    draft: bool,
    severity: usize,
    symptom: &'static Symptom,
    times: [Stamp; 4],
    services: Vec<&'static str>,
    teams: Vec<&'static str>,
    tags: Vec<&'static str>,
    authors: Vec<&'static str>,
    causes: Vec<CauseUse>,
    related: Vec<usize>,
}

impl Incident {
    fn subject(&self, pool: &[CauseDef]) -> &'static Subject {
        pool[self.causes[0].def].subject
    }
}

fn cause_pool(rng: &mut Rng) -> Vec<CauseDef> {
    let mut pool = Vec::new();
    for category in CATEGORIES {
        for template in category.templates {
            for subject in SUBJECTS {
                pool.push(CauseDef {
                    id: template.id.replace("{s}", subject.slug),
                    category,
                    title: fill(template.title, &Facts::generic(subject)),
                    text: template.text,
                    subject,
                });
            }
        }
    }
    // Popularity follows pool order, so shuffle to spread the head over all categories.
    rng.shuffle(&mut pool);
    pool
}

fn plan_incidents(count: usize, pool: &[CauseDef], rng: &mut Rng) -> Vec<Incident> {
    let zipf = Zipf::new(pool.len(), ZIPF_EXPONENT);
    let mut starts: Vec<Stamp> = (0..count).map(|_| random_start(rng)).collect();
    starts.sort_by_key(|s| s.utc());
    let mut incidents = Vec::with_capacity(count);
    let mut published = Vec::new();
    for (index, start) in starts.into_iter().enumerate() {
        let incident = plan_incident(index, start, pool, &zipf, &published, rng);
        if !incident.draft {
            published.push(index);
        }
        incidents.push(incident);
    }
    incidents
}

/// A local start time from 2014 to mid-2026, mostly in working hours. Ending in June keeps
/// every `completed` date (at most ~4 months after `resolved`) in the past as of late 2026.
fn random_start(rng: &mut Rng) -> Stamp {
    let day = rng.between(days_from_civil(2014, 1, 1), days_from_civil(2026, 6, 30));
    let hour = if rng.chance(0.7) {
        rng.between(8, 18)
    } else {
        rng.between(0, 23)
    };
    let offset = OFFSET_MINUTES[rng.weighted(OFFSET_WEIGHTS)];
    Stamp {
        local: day * MINUTES_PER_DAY + hour * 60 + rng.between(0, 59),
        offset,
    }
}

fn plan_incident(
    index: usize,
    start: Stamp,
    pool: &[CauseDef],
    zipf: &Zipf,
    published_before: &[usize],
    rng: &mut Rng,
) -> Incident {
    let causes = plan_causes(zipf, rng);
    let subject = pool[causes[0].def].subject;
    let service_count = 1 + rng.weighted(&[60, 30, 10]);
    let services = rng.distinct(SERVICES, service_count);
    let team_count = 1 + rng.weighted(&[50, 35, 15]);
    let mut teams = vec![owning_team(services[0])];
    rng.extend_distinct(&mut teams, TEAMS, team_count);
    let tag_count = 1 + rng.below(3);
    let mut tags = vec![subject.tag];
    rng.extend_distinct(&mut tags, TAGS, tag_count);
    let author_count = 1 + rng.below(2);
    let related_count = rng.weighted(&[60, 30, 10]);
    Incident {
        id: format!(
            "{}-{}-{}-{}",
            ymd(start.day()),
            services[0],
            subject.slug,
            index + 1
        ),
        year: civil_from_days(start.day()).0,
        draft: rng.chance(0.01),
        severity: rng.weighted(SEVERITY_WEIGHTS),
        symptom: &SYMPTOMS[rng.below(SYMPTOMS.len())],
        times: plan_times(start, rng),
        services,
        teams,
        tags,
        authors: rng.distinct(AUTHORS, author_count),
        causes,
        related: rng.distinct(published_before, related_count),
    }
}

/// Each service belongs to one team, so a service's incidents cluster in its team.
fn owning_team(service: &str) -> &'static str {
    let position = SERVICES.iter().position(|&s| s == service).unwrap_or(0);
    TEAMS[position % TEAMS.len()]
}

/// Log-normal durations: detection 1 min..6 h, resolution 10 min..2 days after the start.
fn plan_times(start: Stamp, rng: &mut Rng) -> [Stamp; 4] {
    let detect = rng.log_normal(12.0, 1.2).clamp(1, 360);
    let resolve = rng
        .log_normal(150.0, 1.1)
        .clamp(detect.max(10), 2 * MINUTES_PER_DAY);
    let share = 0.3 + 0.6 * rng.unit();
    let mitigate = detect + ((resolve - detect) as f64 * share) as i64;
    [
        start,
        start.plus(detect),
        start.plus(mitigate),
        start.plus(resolve),
    ]
}

/// 2-5 distinct causes; the first one or two are roots, every later one points back.
fn plan_causes(zipf: &Zipf, rng: &mut Rng) -> Vec<CauseUse> {
    let count = 2 + rng.weighted(&[25, 35, 25, 15]);
    let mut defs = Vec::with_capacity(count);
    while defs.len() < count {
        let def = zipf.sample(rng);
        if !defs.contains(&def) {
            defs.push(def);
        }
    }
    rng.shuffle(&mut defs);
    let roots = if count >= 3 && rng.chance(0.3) { 2 } else { 1 };
    let mut causes = Vec::with_capacity(count);
    for (position, def) in defs.into_iter().enumerate() {
        let earlier: Vec<usize> = (0..position).collect();
        let because = if position < roots {
            Vec::new()
        } else {
            let edges = if position >= 2 && rng.chance(0.3) {
                2
            } else {
                1
            };
            rng.distinct(&earlier, edges)
        };
        causes.push(CauseUse {
            def,
            root: position < roots,
            because,
        });
    }
    causes
}

// ---------------------------------------------------------------------------------------
// Text: templates with `{name}` placeholders, filled from one incident's facts
// ---------------------------------------------------------------------------------------

/// Values the text templates of one incident may refer to.
#[derive(Clone)]
struct Facts {
    svc: &'static str,
    team: &'static str,
    subject: &'static Subject,
    symptom: &'static Symptom,
    region: &'static str,
    detector: &'static str,
    metric: &'static str,
    duration: String,
    detect_duration: String,
    percent: i64,
    /// A round figure (customers, messages) for the templates that need one.
    count: i64,
    tickets: i64,
}

impl Facts {
    fn new(incident: &Incident, pool: &[CauseDef], rng: &mut Rng) -> Facts {
        let [started, detected, _, resolved] = incident.times;
        let (low, high) = PERCENT_BY_SEVERITY[incident.severity];
        Facts {
            svc: incident.services[0],
            team: incident.teams[0],
            subject: incident.subject(pool),
            symptom: incident.symptom,
            region: rng.pick(REGIONS),
            detector: rng.pick(DETECTORS),
            metric: rng.pick(METRICS),
            duration: human_minutes(resolved.local - started.local),
            detect_duration: human_minutes(detected.local - started.local),
            percent: rng.between(low, high),
            count: rng.between(2, 400) * 25,
            tickets: rng.between(3, 400),
        }
    }

    /// Facts for text that describes a cause in general rather than one incident.
    fn generic(subject: &'static Subject) -> Facts {
        Facts {
            svc: "the affected service",
            team: TEAMS[0],
            subject,
            symptom: &SYMPTOMS[0],
            region: REGIONS[0],
            detector: DETECTORS[0],
            metric: METRICS[0],
            duration: String::new(),
            detect_duration: String::new(),
            percent: 0,
            count: 0,
            tickets: 0,
        }
    }

    /// The same facts, but about another subject (each cause has its own).
    fn with_subject(&self, subject: &'static Subject) -> Facts {
        Facts {
            subject,
            ..self.clone()
        }
    }

    fn value(&self, name: &str) -> Option<Cow<'static, str>> {
        let text: Cow<'static, str> = match name {
            "svc" => self.svc.into(),
            "team" => self.team.into(),
            "noun" => self.subject.noun.into(),
            "Noun" => capitalize(self.subject.noun).into(),
            "trigger" => self.subject.trigger.into(),
            "Trigger" => capitalize(self.subject.trigger).into(),
            "fix" => self.subject.fix.into(),
            "symptom" => decapitalize(self.symptom.title).into(),
            "Symptom" => self.symptom.title.into(),
            "region" => self.region.into(),
            "detector" => decapitalize(self.detector).into(),
            "Detector" => self.detector.into(),
            "metric" => self.metric.into(),
            "dur" => self.duration.clone().into(),
            "ddur" => self.detect_duration.clone().into(),
            "pct" => self.percent.to_string().into(),
            "count" => self.count.to_string().into(),
            "tickets" => self.tickets.to_string().into(),
            _ => return None,
        };
        Some(text)
    }
}

/// Replaces each known `{name}`; other braces (as in code snippets) stay as written.
fn fill(template: &str, facts: &Facts) -> String {
    let mut out = String::with_capacity(template.len() + 32);
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let tail = &rest[open..];
        let known = tail
            .find('}')
            .and_then(|close| Some((close, facts.value(&tail[1..close])?)));
        if let Some((close, value)) = known {
            out.push_str(&value);
            rest = &tail[close + 1..];
        } else {
            out.push('{');
            rest = &tail[1..];
        }
    }
    out.push_str(rest);
    out
}

fn capitalize(text: &str) -> String {
    let mut chars = text.chars();
    chars
        .next()
        .map(|first| first.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}

fn decapitalize(text: &str) -> String {
    let mut chars = text.chars();
    chars
        .next()
        .map(|first| first.to_lowercase().chain(chars).collect())
        .unwrap_or_default()
}

/// A YAML double-quoted scalar, so `: `, `#` or a leading `-` never change the meaning.
fn quoted(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        if c == '"' || c == '\\' {
            out.push('\\');
        }
        out.push(c);
    }
    out.push('"');
    out
}

/// Writes a paragraph wrapped at `WRAP_WIDTH`, never starting a line with a word that
/// Markdown would read as a list item, heading, quote or fence.
fn push_wrapped(out: &mut String, text: &str) {
    let mut width = 0;
    for word in text.split(' ') {
        if width > 0 && width + 1 + word.len() > WRAP_WIDTH && !starts_block(word) {
            out.push('\n');
            width = 0;
        } else if width > 0 {
            out.push(' ');
            width += 1;
        }
        out.push_str(word);
        width += word.len();
    }
    out.push('\n');
}

fn starts_block(word: &str) -> bool {
    let ordered = word
        .trim_end_matches(['.', ')'])
        .bytes()
        .all(|b| b.is_ascii_digit())
        && word.ends_with(['.', ')']);
    ordered || word.starts_with(['-', '+', '*', '#', '>', '=', '`', '|'])
}

// ---------------------------------------------------------------------------------------
// Rendering one incident
// ---------------------------------------------------------------------------------------

/// One incident being rendered, with the text its front matter and body share.
struct Page<'a> {
    corpus: &'a Corpus,
    index: usize,
    incident: &'a Incident,
    facts: Facts,
    /// Each cause's text, in the incident's order, filled with that cause's own subject.
    cause_texts: Vec<String>,
}

impl Page<'_> {
    fn fill(&self, template: &str) -> String {
        fill(template, &self.facts)
    }

    fn cause_def(&self, cause: &CauseUse) -> &CauseDef {
        &self.corpus.pool[cause.def]
    }
}

fn render_incident(out: &mut String, corpus: &Corpus, index: usize, rng: &mut Rng) -> fmt::Result {
    let incident = &corpus.incidents[index];
    let facts = Facts::new(incident, &corpus.pool, rng);
    let cause_texts = incident
        .causes
        .iter()
        .map(|c| {
            let def = &corpus.pool[c.def];
            fill(def.text, &facts.with_subject(def.subject))
        })
        .collect();
    let page = Page {
        corpus,
        index,
        incident,
        facts,
        cause_texts,
    };
    front_matter(out, &page, rng)?;
    body(out, &page, rng)
}

fn front_matter(out: &mut String, page: &Page, rng: &mut Rng) -> fmt::Result {
    let incident = page.incident;
    writeln!(out, "---")?;
    writeln!(
        out,
        "title: {}",
        quoted(&page.fill("{Symptom} on {svc} after {trigger}"))
    )?;
    writeln!(
        out,
        "status: {}",
        if incident.draft { "draft" } else { "published" }
    )?;
    writeln!(out, "severity: SEV{}", incident.severity + 1)?;
    let keys = ["started", "detected", "mitigated", "resolved"];
    for (key, stamp) in keys.into_iter().zip(incident.times) {
        writeln!(out, "{key}: {}", stamp.rfc3339())?;
    }
    writeln!(out, "services: [{}]", incident.services.join(", "))?;
    writeln!(out, "teams: [{}]", incident.teams.join(", "))?;
    writeln!(out, "tags: [{}]", incident.tags.join(", "))?;
    writeln!(out, "authors: [{}]", incident.authors.join(", "))?;
    writeln!(
        out,
        "impact: {}",
        quoted(&page.fill(rng.pick(IMPACT_FIELD)))
    )?;
    causes_yaml(out, page)?;
    actions_yaml(out, page, rng)?;
    if !incident.related.is_empty() {
        let ids: Vec<&str> = incident
            .related
            .iter()
            .map(|&j| page.corpus.incidents[j].id.as_str())
            .collect();
        writeln!(out, "related: [{}]", ids.join(", "))?;
    }
    writeln!(out, "---")
}

fn causes_yaml(out: &mut String, page: &Page) -> fmt::Result {
    writeln!(out, "causes:")?;
    let causes = &page.incident.causes;
    for (cause, text) in causes.iter().zip(&page.cause_texts) {
        let def = page.cause_def(cause);
        writeln!(out, "  - id: {}", def.id)?;
        writeln!(out, "    category: {}", def.category.id)?;
        if cause.root {
            writeln!(out, "    root: true")?;
        }
        writeln!(out, "    text: {}", quoted(text))?;
        if !cause.because.is_empty() {
            let ids: Vec<&str> = cause
                .because
                .iter()
                .map(|&p| page.cause_def(&causes[p]).id.as_str())
                .collect();
            writeln!(out, "    because: [{}]", ids.join(", "))?;
        }
    }
    Ok(())
}

/// 1-4 distinct action items, each about the subject of one of the incident's causes.
fn actions_yaml(out: &mut String, page: &Page, rng: &mut Rng) -> fmt::Result {
    writeln!(out, "action_items:")?;
    let causes = &page.incident.causes;
    let count = 1 + rng.weighted(&[30, 35, 20, 15]);
    let mut actions: Vec<(usize, String)> = Vec::with_capacity(count);
    while actions.len() < count {
        let kind = rng.below(ACTION_KINDS.len());
        let subject = page.cause_def(&causes[rng.below(causes.len())]).subject;
        let text = fill(
            rng.pick(ACTION_TEXTS[kind]),
            &page.facts.with_subject(subject),
        );
        if actions.iter().all(|(_, t)| *t != text) {
            actions.push((kind, text));
        }
    }
    for (kind, text) in actions {
        action_item(out, page.incident, &text, ACTION_KINDS[kind], rng)?;
    }
    Ok(())
}

/// Due 1-13 weeks after the incident was resolved; `completed` only when done.
fn action_item(
    out: &mut String,
    incident: &Incident,
    text: &str,
    kind: &str,
    rng: &mut Rng,
) -> fmt::Result {
    let resolved_day = incident.times[3].day();
    let status = ACTION_STATUSES[rng.weighted(ACTION_STATUS_WEIGHTS)];
    let due_in = rng.between(7, 90);
    writeln!(out, "  - text: {}", quoted(text))?;
    writeln!(out, "    owner: {}-team", rng.pick(&incident.teams))?;
    writeln!(out, "    kind: {kind}")?;
    writeln!(out, "    status: {status}")?;
    writeln!(out, "    due: {}", ymd(resolved_day + due_in))?;
    if status == "done" {
        writeln!(
            out,
            "    completed: {}",
            ymd(resolved_day + rng.between(1, due_in + 20))
        )?;
    }
    if rng.chance(0.5) {
        writeln!(out, "    ticket: \"OPS-{}\"", rng.between(1000, 99_999))?;
    }
    Ok(())
}

fn body(out: &mut String, page: &Page, rng: &mut Rng) -> fmt::Result {
    heading(out, "Summary")?;
    push_wrapped(out, &summary_text(page, rng));
    heading(out, "Impact")?;
    impact(out, page, rng)?;
    heading(out, "Timeline")?;
    timeline(out, page, rng)?;
    heading(out, "Contributing factors")?;
    contributing_factors(out, page, rng);
    heading(out, "Five whys")?;
    five_whys(out, page)?;
    bullets(out, page, "What went well", WENT_WELL, rng)?;
    bullets(out, page, "What went wrong", WENT_WRONG, rng)?;
    if rng.chance(0.5) {
        bullets(out, page, "Where we got lucky", GOT_LUCKY, rng)?;
    }
    if rng.chance(0.2) {
        code_section(out, page, rng)?;
    }
    bullets(out, page, "Lessons learned", LESSONS, rng)?;
    if rng.chance(0.1) {
        writeln!(out, "{}", wiki_link_item(page, rng))?;
    }
    Ok(())
}

fn heading(out: &mut String, title: &str) -> fmt::Result {
    write!(out, "\n## {title}\n\n")
}

/// Two or three sentences: what happened, maybe how it was found, how it ended.
fn summary_text(page: &Page, rng: &mut Rng) -> String {
    let mut sentences = vec![page.fill(rng.pick(SUMMARY_OPENINGS))];
    match rng.below(3) {
        0 => sentences.push(page.fill(rng.pick(DETECTION_SENTENCES))),
        1 => sentences.push(page.fill(rng.pick(VOCAB_SENTENCES))),
        _ => {}
    }
    sentences.push(page.fill(rng.pick(RECOVERY_SENTENCES)));
    sentences.join(" ")
}

/// A paragraph of prose, then the numbers responders are asked for first.
fn impact(out: &mut String, page: &Page, rng: &mut Rng) -> fmt::Result {
    let count = 2 + rng.below(2);
    let mut sentences: Vec<String> = rng
        .distinct(IMPACT_SENTENCES, count)
        .into_iter()
        .map(|s| page.fill(s))
        .collect();
    sentences.push(page.fill(rng.pick(VOCAB_SENTENCES)));
    push_wrapped(out, &sentences.join(" "));
    let [started, _, mitigated, _] = page.incident.times;
    writeln!(out)?;
    writeln!(out, "- Duration: {}", page.facts.duration)?;
    writeln!(out, "- Time to detect: {}", page.facts.detect_duration)?;
    writeln!(
        out,
        "- Time to mitigate: {}",
        human_minutes(mitigated.local - started.local)
    )?;
    writeln!(out, "- Most affected region: {}", page.facts.region)?;
    writeln!(out, "- Peak failed requests: {}%", page.facts.percent)?;
    writeln!(out, "- Support tickets: {}", page.facts.tickets)
}

/// 4-10 events in order from `started` to `resolved`. Clock times use the zone of
/// `started`; an incident that crosses local midnight writes full dates instead of
/// relying on roll-over, which would be ambiguous past 24 hours.
fn timeline(out: &mut String, page: &Page, rng: &mut Rng) -> fmt::Result {
    let [started, detected, mitigated, resolved] = page.incident.times;
    let extra = rng.below(7);
    let mut middle_times: Vec<i64> = (0..extra)
        .map(|_| rng.between(detected.local, mitigated.local))
        .collect();
    middle_times.sort_unstable();
    let middle = middle_times
        .into_iter()
        .map(|local| Stamp { local, ..started });
    let mut events = vec![
        (started, rng.pick(TIMELINE_START)),
        (detected, rng.pick(TIMELINE_DETECT)),
    ];
    events.extend(middle.zip(rng.distinct(TIMELINE_MIDDLE, extra)));
    events.push((mitigated, rng.pick(TIMELINE_MITIGATE)));
    events.push((resolved, rng.pick(TIMELINE_RESOLVE)));
    let dated = started.day() != resolved.day();
    for (stamp, text) in events {
        let clock = stamp.clock();
        let when = if dated {
            format!("{} {clock}", ymd(stamp.day()))
        } else {
            clock
        };
        writeln!(out, "- {when} — {}", page.fill(text))?;
    }
    Ok(())
}

/// One short paragraph per cause: its title in bold, its text, a note on its category.
fn contributing_factors(out: &mut String, page: &Page, rng: &mut Rng) {
    let causes = &page.incident.causes;
    for (n, (cause, text)) in causes.iter().zip(&page.cause_texts).enumerate() {
        if n > 0 {
            out.push('\n');
        }
        let def = page.cause_def(cause);
        let note = rng.pick(def.category.notes);
        push_wrapped(out, &format!("**{}.** {text} {note}", def.title));
    }
}

/// The symptom, then the causes from the most proximate back to the root; 3-5 items.
fn five_whys(out: &mut String, page: &Page) -> fmt::Result {
    let mut whys = vec![page.fill(page.incident.symptom.why)];
    whys.extend(page.cause_texts.iter().rev().cloned());
    while whys.len() > 5 {
        whys.remove(1);
    }
    for (n, why) in whys.iter().enumerate() {
        writeln!(out, "{}. {why}", n + 1)?;
    }
    Ok(())
}

fn bullets(
    out: &mut String,
    page: &Page,
    title: &str,
    items: &[&str],
    rng: &mut Rng,
) -> fmt::Result {
    heading(out, title)?;
    let count = 2 + rng.below(3);
    for item in rng.distinct(items, count) {
        writeln!(out, "- {}", page.fill(item))?;
    }
    Ok(())
}

fn code_section(out: &mut String, page: &Page, rng: &mut Rng) -> fmt::Result {
    heading(out, "Recovery commands")?;
    let (language, snippet) = rng.pick(SNIPPETS);
    writeln!(out, "{}\n", rng.pick(CODE_INTROS))?;
    writeln!(out, "```{language}\n{}```", page.fill(snippet))
}

/// A list item linking an earlier published incident, or one of this incident's causes.
fn wiki_link_item(page: &Page, rng: &mut Rng) -> String {
    let corpus = page.corpus;
    let earlier = &corpus.published[..corpus.published.partition_point(|&j| j < page.index)];
    if !earlier.is_empty() && rng.chance(0.5) {
        let target = &corpus.incidents[rng.pick(earlier)].id;
        format!(
            "- The warning signs matched [[{target}]], which is worth reading alongside this one."
        )
    } else {
        let causes = &page.incident.causes;
        let target = &page.cause_def(&causes[rng.below(causes.len())]).id;
        format!("- Other incidents sharing [[cause:{target}]] show how often this pattern recurs.")
    }
}

// ---------------------------------------------------------------------------------------
// The other pages
// ---------------------------------------------------------------------------------------

fn cause_page(def: &CauseDef) -> String {
    let mut page = format!("---\ntitle: {}\n---\n\n", quoted(&def.title));
    let paragraph = format!(
        "{} This cause is filed under {} in the fishbone. Incidents that list `{}` link here, \
         so the archive shows how often it recurs across services, which action items were \
         taken against it, and whether it came back after they were done.",
        fill(def.text, &Facts::generic(def.subject)),
        def.category.title,
        def.id
    );
    push_wrapped(&mut page, &paragraph);
    page
}

/// Eight published incidents spread evenly over the archive; only SEV1/SEV2 ones if there
/// are at least eight of those.
fn reading_list(corpus: &Corpus) -> String {
    let published = || corpus.published.iter().map(|&i| &corpus.incidents[i]);
    let mut candidates: Vec<&Incident> = published().filter(|i| i.severity <= 1).collect();
    if candidates.len() < READING_LIST_LEN {
        candidates = published().collect();
    }
    let len = READING_LIST_LEN.min(candidates.len());
    let empty = if len == 0 { " []" } else { "" };
    let mut page = format!(
        "---\ntitle: \"Onboarding: incidents to read in your first week\"\n\
         summary: \"{len} post-mortems from across the archive, oldest first, \
         that show how our systems fail.\"\n\
         incidents:{empty}\n"
    );
    for k in 0..len {
        page.push_str("  - ");
        page.push_str(&candidates[k * candidates.len() / len].id);
        page.push('\n');
    }
    page.push_str("---\n\n");
    push_wrapped(
        &mut page,
        "Read these in order before your first on-call shift. Each one shows a different way a \
         deployment, a certificate, a cache or a queue can surprise us, how responders found \
         the trigger, and which action items kept it from coming back.",
    );
    page
}

fn about_page(count: usize) -> String {
    let mut page = String::from("---\ntitle: \"About this archive\"\n---\n\n");
    push_wrapped(
        &mut page,
        &format!(
            "This archive holds {count} generated post-mortems. They are synthetic: the \
             services, teams and people are invented, and the text is assembled from templates \
             so that benchmarks of building, linting and searching a large knowledge base have \
             realistic material to work on."
        ),
    );
    page
}

// ---------------------------------------------------------------------------------------
// Vocabulary: the word pools, laid out as tables (hence no rustfmt)
// ---------------------------------------------------------------------------------------

#[rustfmt::skip]
mod vocab {
    use super::{cause, Category, Subject, Symptom};

    pub const SERVICES: &[&str] = &[
        "checkout-api", "payments", "billing", "auth", "identity", "search", "search-indexer",
        "recommendations", "catalog", "inventory", "orders", "shipping", "notifications",
        "email-sender", "sms-gateway", "push-gateway", "api-gateway", "edge-proxy", "cdn",
        "dns-resolver", "load-balancer", "service-mesh", "kafka", "rabbitmq", "redis-cache",
        "memcached", "postgres-primary", "mysql-cluster", "cassandra", "elasticsearch",
        "object-storage", "blob-store", "image-resizer", "video-transcoder", "analytics-pipeline",
        "data-warehouse", "etl-scheduler", "ml-serving", "feature-store", "user-profile",
        "session-store", "rate-limiter", "feature-flags", "config-service", "secrets-manager",
        "ci-runners", "artifact-registry", "container-registry", "kubernetes-control-plane",
        "metrics-store", "log-pipeline", "tracing-collector", "status-page", "admin-console",
        "mobile-backend", "web-frontend", "graphql-gateway", "webhooks", "partner-api", "ledger",
    ];

    pub const TEAMS: &[&str] = &[
        "sre", "platform", "payments", "search", "identity", "data", "mobile", "web", "network",
        "storage", "observability", "release-engineering", "security", "billing", "growth",
    ];

    pub const TAGS: &[&str] = &[
        "third-party", "access-control", "capacity", "configuration", "deployment", "rollback",
        "certificate", "dns", "cache", "queue", "quota", "latency", "timeout", "replication",
        "failover", "database", "networking", "monitoring", "alerting", "on-call", "data-loss",
        "data-integrity", "security", "customer-facing", "internal", "mobile", "api", "batch",
        "scheduling", "kubernetes", "cloud-provider", "feature-flag", "migration",
        "load-balancing", "rate-limiting", "storage", "memory", "cpu", "disk", "retry-storm",
    ];

    pub const AUTHORS: &[&str] = &[
        "ops-facilitator", "incident-commander", "a-okafor", "b-lindqvist", "c-moreau", "d-tanaka",
        "e-nakamura", "f-haddad", "g-oliveira", "h-kowalski", "i-mensah", "j-fischer", "k-ivanova",
        "l-garcia", "m-chen", "n-rossi", "o-adeyemi", "p-singh", "q-novak", "r-costa",
    ];

    pub const REGIONS: &[&str] =
        &["us-east-1", "us-west-2", "eu-west-1", "eu-central-1", "ap-southeast-2", "ap-northeast-1"];

    /// UTC offsets in minutes and how often incidents happen there.
    pub const OFFSET_MINUTES: &[i64] = &[0, -420, -480, -300, -240, 60, 120, 330, 540, 600, -180];
    pub const OFFSET_WEIGHTS: &[u32] = &[30, 10, 10, 10, 5, 10, 5, 5, 8, 5, 2];

    /// SEV1..SEV4, weighted towards SEV3; the share of failed requests grows with severity.
    pub const SEVERITY_WEIGHTS: &[u32] = &[5, 20, 50, 25];
    pub const PERCENT_BY_SEVERITY: &[(i64, i64)] = &[(40, 100), (15, 60), (3, 25), (1, 8)];


    pub const SUBJECTS: &[Subject] = &[
        Subject {
            slug: "tls-cert",
            noun: "TLS certificate",
            tag: "certificate",
            trigger: "an expired TLS certificate",
            fix: "re-issued the certificate and reloaded the proxies",
        },
        Subject {
            slug: "dns",
            noun: "DNS zone",
            tag: "dns",
            trigger: "a DNS record change",
            fix: "reverted the DNS change and waited out the TTL",
        },
        Subject {
            slug: "cache",
            noun: "cache cluster",
            tag: "cache",
            trigger: "a cache eviction storm",
            fix: "warmed the cache from a snapshot",
        },
        Subject {
            slug: "queue",
            noun: "message queue",
            tag: "queue",
            trigger: "a growing queue backlog",
            fix: "drained the queue with extra consumers",
        },
        Subject {
            slug: "quota",
            noun: "API quota",
            tag: "quota",
            trigger: "an exhausted API quota",
            fix: "raised the quota with the provider",
        },
        Subject {
            slug: "replica",
            noun: "database replica",
            tag: "replication",
            trigger: "a replica failover",
            fix: "promoted a healthy replica",
        },
        Subject {
            slug: "config",
            noun: "configuration",
            tag: "configuration",
            trigger: "a configuration push",
            fix: "rolled back the configuration",
        },
        Subject {
            slug: "deploy",
            noun: "deployment pipeline",
            tag: "deployment",
            trigger: "a partial deployment",
            fix: "rolled back the deployment",
        },
        Subject {
            slug: "feature-flag",
            noun: "feature flag",
            tag: "feature-flag",
            trigger: "a feature flag rollout",
            fix: "turned the feature flag off",
        },
        Subject {
            slug: "db-migration",
            noun: "schema migration",
            tag: "migration",
            trigger: "a schema migration",
            fix: "paused the migration and restored the old index",
        },
    ];


    pub const SYMPTOMS: &[Symptom] = &[
        Symptom { title: "Elevated latency", why: "Requests to {svc} took several seconds to complete." },
        Symptom { title: "Intermittent 5xx errors", why: "About one in ten requests to {svc} returned a 503." },
        Symptom { title: "Full outage", why: "Every request to {svc} returned an error." },
        Symptom { title: "Partial outage", why: "One region of {svc} stopped serving traffic." },
        Symptom { title: "Stale data", why: "Reads from {svc} returned data that was hours old." },
        Symptom { title: "Delayed processing", why: "Jobs on {svc} waited in the queue for over an hour." },
        Symptom { title: "Login failures", why: "Sign-in requests through {svc} were rejected." },
        Symptom { title: "Request timeouts", why: "Calls to {svc} hit the client timeout." },
        Symptom { title: "Dropped messages", why: "A share of messages sent to {svc} never arrived." },
        Symptom { title: "Elevated error rate", why: "The error rate of {svc} rose above 20 percent." },
        Symptom { title: "Slow page loads", why: "Pages backed by {svc} took over ten seconds to render." },
        Symptom {
            title: "Duplicate notifications",
            why: "Customers received the same notification from {svc} several times.",
        },
    ];



    /// Five fishbone categories x five templates x ten subjects = 250 cause ids.
    pub const CATEGORIES: &[Category] = &[
        Category { id: "people", title: "People", notes: &[
            "People made reasonable decisions with the information they had; the gap was in what the system showed them.",
            "Knowledge that lives in one head is a single point of failure, just like a single replica.",
            "On-call load that week was above our target, which narrowed everyone's attention.",
        ], templates: &[
            cause("oncall-new-to-{s}", "On-call new to the {noun}", "The on-call engineer had not yet worked with the {noun} behind {svc}."),
            cause("single-expert-{s}", "Single expert for the {noun}", "Only one person knew how the {noun} behaved under load."),
            cause("handover-missed-{s}", "Handover left out {noun} work", "The shift handover left out the ongoing {noun} work."),
            cause("late-night-{s}-change", "Late-night {noun} change", "The {noun} change ran late at night after a long on-call week."),
            cause("unclear-owner-{s}", "Unclear owner for the {noun}", "No team clearly owned the {noun} of {svc}."),
        ] },
        Category { id: "process", title: "Methods / Processes", notes: &[
            "The process made the risky path the easy one.",
            "Nothing in the change workflow asked about blast radius.",
            "The check existed on paper but was not part of the pipeline.",
        ], templates: &[
            cause("single-review-{s}", "Single review for {noun} changes", "{Noun} changes to {svc} went out with a single approval."),
            cause("no-canary-{s}", "No canary for {noun} changes", "{Noun} changes rolled out to every region at once, with no canary stage."),
            cause("no-drill-{s}", "{Noun} recovery never rehearsed", "The {noun} recovery procedure had never been rehearsed."),
            cause("{s}-change-outside-window", "{Noun} change outside the change window", "The {noun} change went out during peak traffic, outside the change window."),
            cause("no-capacity-review-{s}", "No capacity review for the {noun}", "No capacity review covered the {noun} growth of {svc}."),
        ] },
        Category { id: "tools", title: "Tools / Software", notes: &[
            "The tool behaved as designed; the design did not cover this case.",
            "Responders spent time working around the tool instead of on the problem.",
            "The signal was there, but no tool turned it into something a person would see.",
        ], templates: &[
            cause("no-alert-{s}", "No alert on the {noun}", "No alert watched the {noun} of {svc}."),
            cause("{s}-tool-no-dry-run", "{Noun} tooling has no dry run", "The {noun} tooling offered no dry-run mode."),
            cause("{s}-dashboard-averages", "{Noun} dashboard hides spikes", "The {noun} dashboard averaged away the spike over five minutes."),
            cause("{s}-automation-unthrottled", "Unthrottled {noun} automation", "The {noun} automation applied changes with no rate limit."),
            cause("{s}-rollback-slow", "Slow {noun} rollback", "Rolling back the {noun} took over twenty minutes with the existing tooling."),
        ] },
        Category { id: "environment", title: "Environment / Conditions", notes: &[
            "Conditions like this will happen again; what matters is how much of the system they reach.",
            "The change in conditions was outside anything our load tests covered.",
            "Nothing on our side changed at that moment, which made the first minutes confusing.",
        ], templates: &[
            cause("{s}-traffic-spike", "Traffic spike on the {noun}", "A traffic spike put unusual load on the {noun} of {svc}."),
            cause("{s}-provider-degraded", "Provider degradation under the {noun}", "The cloud provider degraded in the region hosting the {noun}."),
            cause("{s}-zone-partition", "Network partition across {noun} zones", "A network partition split the {noun} nodes across two zones."),
            cause("{s}-host-disk-loss", "Disk loss on a {noun} host", "A host carrying the {noun} for {svc} lost a disk."),
            cause("{s}-upstream-change", "Upstream change in {noun} behaviour", "An upstream library changed how the {noun} behaved in a minor release."),
        ] },
        Category { id: "documentation", title: "Resources / Documentation", notes: &[
            "Responders followed the documentation faithfully; the documentation was out of date.",
            "The knowledge existed, but not where responders looked for it.",
            "Writing it down costs minutes; not having it cost the better part of an hour.",
        ], templates: &[
            cause("{s}-runbook-outdated", "Outdated {noun} runbook", "The {noun} runbook described the previous architecture."),
            cause("{s}-limits-undocumented", "Undocumented {noun} limits", "The {noun} limits of {svc} were not written down anywhere."),
            cause("{s}-alert-no-playbook", "{Noun} alert without a playbook", "The {noun} alert linked to no playbook."),
            cause("{s}-design-undocumented", "Undocumented {noun} design", "No design document explained why the {noun} was set up this way."),
            cause("{s}-vendor-docs-silent", "Vendor docs silent on {noun} retries", "The vendor documentation did not mention the {noun} retry behaviour."),
        ] },
    ];

    pub const ACTION_KINDS: &[&str] = &["prevent", "detect", "mitigate", "process"];
    pub const ACTION_STATUSES: &[&str] = &["open", "in-progress", "done", "wont-do"];
    pub const ACTION_STATUS_WEIGHTS: &[u32] = &[20, 15, 55, 10];

    /// Action item texts, one list per entry of `ACTION_KINDS`.
    pub const ACTION_TEXTS: &[&[&str]] = &[
        &[
            "Add a canary stage for {noun} changes on {svc}",
            "Check {noun} expiry dates in CI for {svc}",
            "Require two reviewers for {noun} changes",
            "Add a dry-run mode to the {noun} tooling",
            "Rate-limit the {noun} automation",
        ],
        &[
            "Alert on {noun} saturation for {svc}",
            "Add a synthetic probe for {svc}",
            "Page on SLO burn rate for {svc}",
            "Add a p99 latency panel for {svc}",
            "Alert when replica lag on {svc} exceeds one minute",
        ],
        &[
            "Document a one-command rollback for {svc}",
            "Keep warm standby capacity for {svc}",
            "Add a kill switch for the {noun}",
            "Cap client retries to {svc} with jitter",
            "Shorten the failover time of the {noun}",
        ],
        &[
            "Rehearse the {noun} recovery runbook every quarter",
            "Add {noun} changes to the change calendar",
            "Review the on-call handover template",
            "Assign an owner to the {noun} of {svc}",
            "Schedule a game day for {svc}",
        ],
    ];

    pub const IMPACT_FIELD: &[&str] = &[
        "{pct}% of requests to {svc} failed for {dur}.",
        "Customers in {region} saw {symptom} on {svc} for {dur}.",
        "About {count} customers were affected over {dur}.",
    ];

    pub const SUMMARY_OPENINGS: &[&str] = &[
        "{Symptom} hit {svc} for {dur} after {trigger}, mostly in {region}.",
        "For {dur}, customers of {svc} saw {symptom} after {trigger}.",
        "{Trigger} led to {symptom} on {svc}, lasting {dur}.",
        "{Symptom} on {svc} lasted {dur}; the trigger was {trigger} in {region}.",
    ];

    pub const DETECTION_SENTENCES: &[&str] = &[
        "{Detector} caught it {ddur} after the start.",
        "The first signal came from {detector}, {ddur} in.",
        "Detection took {ddur}; the first signal came from {detector}.",
    ];

    pub const RECOVERY_SENTENCES: &[&str] = &[
        "Responders {fix}, which brought {metric} back to normal.",
        "The team {fix}; {metric} recovered within minutes.",
        "Service recovered once responders {fix}.",
        "After responders {fix}, {metric} returned to baseline.",
    ];

    /// Sentences dense in the words people search post-mortems for.
    pub const VOCAB_SENTENCES: &[&str] = &[
        "Client retries against the {noun} pushed latency past the two-second timeout.",
        "The deploy had passed every pre-production check, so the rollback came late.",
        "Cache hit ratio dropped from 97% to 40% during the failover.",
        "A one-hour DNS TTL slowed down the rollback.",
        "The queue backlog peaked at {count} messages.",
        "One read replica lagged behind the primary by several minutes.",
        "The certificate chain on the load balancer was incomplete after the rotation.",
        "The upstream API quota ran out before noon.",
        "Autoscaling added nodes, but each new node started with a cold cache.",
        "Connection pools to the database saturated within a minute of the deployment.",
        "The failover script promoted the replica, yet clients kept the old address cached.",
        "Health checks passed the whole time, since they only checked that the process was up.",
    ];

    pub const IMPACT_SENTENCES: &[&str] = &[
        "{pct}% of requests to {svc} failed or timed out at the worst point.",
        "Roughly {count} customers saw errors, most of them in {region}.",
        "No data was lost; delayed jobs were replayed after recovery.",
        "Support received {tickets} tickets during the incident.",
        "The incident consumed {pct}% of the monthly error budget for {svc}.",
        "Internal dashboards relying on {svc} showed gaps for {dur}.",
        "Partners calling {svc} through the public API saw timeouts.",
        "Checkout conversion dipped while {svc} was degraded.",
    ];

    pub const DETECTORS: &[&str] = &[
        "A latency alert", "An SLO burn-rate alert", "A synthetic probe", "Customer support",
        "A partner's status report", "An engineer watching the deploy dashboard",
    ];

    pub const METRICS: &[&str] =
        &["latency", "the error rate", "queue depth", "p99 latency", "timeouts", "the success rate"];

    pub const TIMELINE_START: &[&str] = &[
        "Error rate on {svc} starts to climb.",
        "Latency on {svc} rises above the SLO.",
        "First errors from {svc} appear in the logs.",
        "Deploy of {svc} starts rolling out.",
    ];

    pub const TIMELINE_DETECT: &[&str] = &[
        "Latency alert for {svc} fires; on-call paged.",
        "SLO burn-rate alert pages the {team} on-call.",
        "Synthetic checks for {svc} start failing.",
        "Customer support escalates a spike in tickets.",
        "On-call notices the error graph for {svc} while watching the deploy.",
    ];

    pub const TIMELINE_MIDDLE: &[&str] = &[
        "Incident channel opened; incident commander assigned.",
        "Status page updated to investigating.",
        "Dashboards show the {noun} saturated.",
        "Responders suspect {trigger}.",
        "The {team} team joins the call.",
        "Restarting {svc} pods brings no change.",
        "Customer support posts a holding statement.",
        "All deploys to {svc} paused.",
        "Error rate peaks at {pct}%.",
        "Traffic shifted away from {region}.",
        "Rollback of the last change started.",
        "Database replica lag checked; within normal range.",
        "Cache hit ratio recovering slowly.",
        "Second responder starts reviewing recent config changes.",
    ];

    pub const TIMELINE_MITIGATE: &[&str] =
        &["Responders {fix}; error rate dropping.", "Mitigation in place: responders {fix}."];

    pub const TIMELINE_RESOLVE: &[&str] = &[
        "Metrics back to baseline; incident resolved.",
        "Monitoring period over; incident closed.",
        "Status page updated to resolved.",
    ];

    pub const WENT_WELL: &[&str] = &[
        "The alert fired within minutes of the first errors.",
        "The rollback procedure worked on the first attempt.",
        "The incident commander kept a clear written log in the channel.",
        "Failover to the standby region completed without data loss.",
        "Status page updates went out every 30 minutes.",
        "Responders from three teams joined the call within ten minutes.",
        "Feature flags let us disable the new path without a deploy.",
        "Dashboards showed the latency regression clearly.",
        "Customer support had a holding statement ready quickly.",
        "The runbook for the {noun} was accurate.",
        "Rate limiting protected the database from the retry storm.",
        "Backups were recent, so the restore was quick.",
    ];

    pub const WENT_WRONG: &[&str] = &[
        "Alerts paged a rotation that does not own {svc}, which added delay.",
        "The dashboard for {svc} had no panel for the {noun}.",
        "The rollback took longer than expected since the previous build had been pruned.",
        "Retries from clients amplified the load on {svc}.",
        "Parallel mitigations were hard to track without a single coordinator.",
        "The runbook referred to a tool that had been retired.",
        "The status page lagged the real state by 40 minutes.",
        "Timeout settings differed between {svc} and its callers.",
        "The DNS TTL was long, so the fix took an hour to propagate.",
        "Cache warm-up after the failover took longer than the outage itself.",
        "The certificate expiry warning went to an unmonitored mailbox.",
        "Quota limits were not visible in any dashboard.",
    ];

    pub const GOT_LUCKY: &[&str] = &[
        "The incident happened outside peak traffic.",
        "An engineer who built the {noun} tooling happened to be online.",
        "The bad change reached only one region before the pipeline stopped it.",
        "A scheduled maintenance window had already reduced traffic.",
        "The primary database stayed out of the failing path.",
        "A spare node was already provisioned for an unrelated test.",
    ];

    pub const LESSONS: &[&str] = &[
        "Treat {noun} changes like code: review, canary, rollback.",
        "Alert on symptoms users feel, not only on causes.",
        "Every runbook needs an owner plus a review date.",
        "Track time-to-detect for every incident; it improves only when measured.",
        "Retries need jitter plus a budget.",
        "Keep the rollback path as well exercised as the deploy path.",
        "Expiring credentials deserve the same monitoring as disks.",
        "Dependencies on a single replica hide until failover day.",
        "Small, frequent deploys keep the blast radius small.",
        "A timeout is a contract; write it down next to the API.",
        "Quota headroom belongs on a dashboard, not in a surprise.",
        "Game days find the gaps before customers do.",
    ];

    pub const CODE_INTROS: &[&str] = &[
        "Commands from the incident channel, kept for the runbook:",
        "The check that confirmed the fix:",
        "What responders ran during recovery:",
    ];

    /// Fenced code blocks: (info string, body ending in a newline).
    pub const SNIPPETS: &[(&str, &str)] = &[
        ("bash", "kubectl -n {svc} rollout undo deployment/{svc}\nkubectl -n {svc} rollout status deployment/{svc} --timeout=300s\n"),
        ("bash", "openssl s_client -connect {svc}.internal:443 -servername {svc}.internal </dev/null \\\n  | openssl x509 -noout -enddate\n"),
        ("bash", "dig +short {svc}.internal @10.0.0.2\ndig +short {svc}.internal @8.8.8.8\n"),
        ("yaml", "# {svc} client settings after the incident\ntimeouts:\n  connect_ms: 500\n  request_ms: 2000\nretries:\n  max_attempts: 3\n  backoff: exponential\n  jitter: true\n"),
        ("yaml", "alert: QueueBacklog\nexpr: queue_depth{service=\"{svc}\"} > 10000\nfor: 10m\nlabels:\n  severity: page\n"),
    ];
}
