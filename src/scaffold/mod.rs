//! `hindsight init` and `hindsight new`: a ready KB in an empty folder (with a CI file for
//! GitHub Actions or GitLab that installs hindsight, checks, builds and publishes to Pages),
//! and a new post-mortem from the standard template (with `--text` as its summary), followed
//! by the past incidents most like it. Both refuse to overwrite anything.

use crate::config::Config;
use crate::load::time::parse_time;
use anyhow::{Context, Result, bail};
use jiff::{Timestamp, Zoned, tz::TimeZone};
use std::path::{Path, PathBuf};

const CONFIG: &str = include_str!("hindsight.toml");
const EXAMPLE: &str = include_str!("example.md");
const CAUSE: &str = include_str!("cause.md");
const READING_LIST: &str = include_str!("reading-list.md");
const GITIGNORE: &str = include_str!("gitignore");
const WORKFLOW: &str = include_str!("workflow.yml");
const GITLAB_CI: &str = include_str!("gitlab-ci.yml");
const TEMPLATE: &str = include_str!("template.md");
/// The template's prompt under `## Summary`, which `new --text` replaces.
const SUMMARY_PROMPT: &str =
    "<!-- Two or three sentences: what happened, for how long, and who was affected. -->";

/// Which CI file `init` writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Ci {
    /// `.github/workflows/postmortems.yml`: check, build, deploy to GitHub Pages.
    Github,
    /// `.gitlab-ci.yml`: check, and a `pages` job that publishes to GitLab Pages.
    Gitlab,
    /// No CI file.
    None,
}

/// Where the CI files install hindsight from: the `repository` in Cargo.toml, or a placeholder
/// to replace with the repository hindsight is kept in.
pub const REPOSITORY: &str = match env!("CARGO_PKG_REPOSITORY").as_bytes() {
    [] => "https://github.com/<your-org>/hindsight",
    _ => env!("CARGO_PKG_REPOSITORY"),
};

/// The CI file for `ci`, as (path, text), installing hindsight at `rev` (a commit, tag or
/// branch) from [`REPOSITORY`].
pub fn ci_file(ci: Ci, rev: &str) -> Option<(&'static str, String)> {
    let (path, template) = match ci {
        Ci::Github => (".github/workflows/postmortems.yml", WORKFLOW),
        Ci::Gitlab => (".gitlab-ci.yml", GITLAB_CI),
        Ci::None => return None,
    };
    let text = template
        .replace("{repository}", REPOSITORY)
        .replace("{rev}", rev);
    Some((path, text))
}

/// The commit this binary was built from, which the CI files pin; `main` when unknown.
pub fn own_rev() -> &'static str {
    if crate::COMMIT.is_empty() {
        "main"
    } else {
        crate::COMMIT
    }
}

/// Creates a KB in `dir` with the CI file for `ci`; returns the files written, relative to
/// `dir`.
pub fn init(dir: &Path, today: jiff::civil::Date, ci: Ci) -> Result<Vec<String>> {
    for existing in ["hindsight.toml", "content"] {
        if dir.join(existing).exists() {
            bail!(
                "`{}` already holds a KB (it has `{existing}`); nothing was written",
                dir.display()
            );
        }
    }
    let id = format!("{today}-example-certificate-expiry");
    let due = today
        .checked_add(jiff::Span::new().days(30))
        .unwrap_or(today);
    let mut files = vec![
        ("hindsight.toml".to_string(), CONFIG.to_string()),
        (
            format!("content/incidents/{}/{id}.md", today.year()),
            EXAMPLE
                .replace("{date}", &today.to_string())
                .replace("{due}", &due.to_string()),
        ),
        (
            "content/causes/manual-certificate-renewal.md".to_string(),
            CAUSE.to_string(),
        ),
        (
            "content/reading-lists/start-here.md".to_string(),
            READING_LIST.replace("{id}", &id),
        ),
    ];
    if let Some((path, text)) = ci_file(ci, own_rev()) {
        files.push((path.to_string(), text));
    }
    let mut written = Vec::new();
    for (rel, text) in &files {
        write_new(&dir.join(rel), text)?;
        written.push(rel.clone());
    }
    let gitignore = dir.join(".gitignore");
    if !gitignore.exists() {
        write_new(&gitignore, GITIGNORE)?;
        written.push(".gitignore".into());
    }
    Ok(written)
}

/// Writes a new post-mortem for `title` under `root`, with `text` as its summary when given;
/// returns its path.
pub fn new_incident(
    root: &Path,
    title: &str,
    severity: Option<&str>,
    started: Option<&str>,
    text: Option<&str>,
) -> Result<PathBuf> {
    let (config, diags) = Config::load(root, &root.display().to_string());
    let config = config.with_context(|| {
        let shown: Vec<String> = diags.iter().map(ToString::to_string).collect();
        format!("the config has errors:\n{}", shown.join("\n"))
    })?;
    let severity = match severity {
        Some(s) if config.severity_rank(s).is_some() => s.to_string(),
        Some(s) => {
            let ids: Vec<&str> = config.severities.iter().map(|x| x.id.as_str()).collect();
            bail!("unknown severity `{s}`; severities are: {}", ids.join(", "))
        }
        None => config
            .severities
            .last()
            .map(|s| s.id.clone())
            .unwrap_or_default(),
    };
    let started: Zoned = match started {
        Some(s) => parse_time(s).map_err(anyhow::Error::msg)?,
        None => Timestamp::now().to_zoned(TimeZone::UTC),
    };
    let slug = slug_for(title);
    if slug.is_empty() {
        bail!("the title needs at least one letter or digit");
    }
    let id = format!("{}-{slug}", started.strftime("%Y-%m-%d"));
    let path = root
        .join("content/incidents")
        .join(started.year().to_string())
        .join(format!("{id}.md"));
    let fill = |part: &str| {
        part.replace("{title}", &serde_json::to_string(title).unwrap_or_default())
            .replace("{severity}", &severity)
            .replace(
                "{started}",
                &started.strftime("%Y-%m-%dT%H:%M:00%:z").to_string(),
            )
    };
    // The summary goes in after the placeholders are filled, so that it is written as given.
    let text = match (
        text.map(str::trim).filter(|t| !t.is_empty()),
        TEMPLATE.split_once(SUMMARY_PROMPT),
    ) {
        (Some(summary), Some((head, tail))) => format!("{}{summary}{}", fill(head), fill(tail)),
        _ => fill(TEMPLATE),
    };
    write_new(&path, &text)?;
    Ok(path)
}

/// "Has this happened before?" for the post-mortem `new` just wrote at `path`: the KB is read
/// with it (drafts included) and its related incidents found as `check` finds a draft's (the
/// build's scoring, from an index made in memory). Lines to print: the most similar published
/// incidents, each with its id, date, title, file and the cause ids it used. Empty when no
/// published incident is like it, or the KB cannot be read.
pub fn seen_before_lines(root: &Path, path: &Path) -> Result<Vec<String>> {
    let Some(id) = path.file_stem().and_then(|s| s.to_str()) else {
        return Ok(Vec::new());
    };
    let (kb, _) = crate::model::load_kb(root, &root.display().to_string(), true, &mut Vec::new());
    let Some(mut kb) = kb else {
        return Ok(Vec::new());
    };
    crate::check::related_for_drafts(&mut kb, |inc| inc.doc.id == id)?;
    let seen = kb
        .lookup
        .incidents
        .get(id)
        .and_then(|&i| crate::analyze::seen_before::of(&kb, i));
    let Some(seen) = seen else {
        return Ok(Vec::new());
    };
    let mut lines = vec![format!(
        "Has this happened before? The {} most like it:",
        plural(seen.similar.len(), "published incident")
    )];
    for &j in &seen.similar {
        let d = &kb.incidents[j].doc;
        let date = d
            .date()
            .map_or_else(|| "undated".to_string(), |d| d.to_string());
        lines.push(format!("  {}  {date}  {}", d.id, d.title));
        lines.push(format!("    {}", d.file.display));
        let causes: Vec<&str> = d.causes.iter().map(|c| c.id.as_str()).collect();
        lines.push(if causes.is_empty() {
            "    causes: none recorded".to_string()
        } else {
            format!("    causes: {}", causes.join(", "))
        });
    }
    Ok(lines)
}

fn plural(n: usize, noun: &str) -> String {
    if n == 1 {
        noun.to_string()
    } else {
        format!("{n} {noun}s")
    }
}

/// The id part from a title: a slug cut at a word boundary to at most 50 characters.
fn slug_for(title: &str) -> String {
    let slug = crate::format::slugify(title);
    if slug.len() <= 50 {
        return slug.trim_matches('-').to_string();
    }
    let cut = slug[..50].rfind('-').unwrap_or(50);
    slug[..cut].trim_matches('-').to_string()
}

fn write_new(path: &Path, text: &str) -> Result<()> {
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent)
            .with_context(|| format!("cannot create `{}`", parent.display()))?;
    }
    let mut file = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(path)
        .with_context(|| {
            format!(
                "cannot create `{}` (it may already exist; nothing was overwritten)",
                path.display()
            )
        })?;
    std::io::Write::write_all(&mut file, text.as_bytes())
        .with_context(|| format!("cannot write `{}`", path.display()))
}

#[cfg(test)]
mod tests {
    use super::slug_for;

    #[test]
    fn slugs_are_cut_at_word_boundaries() {
        assert_eq!(slug_for("Checkout errors: TLS!"), "checkout-errors-tls");
        let long = slug_for(
            "A very long title about the payment gateway certificate that expired on a Sunday morning",
        );
        assert!(long.len() <= 50 && !long.ends_with('-'), "{long}");
    }
}
