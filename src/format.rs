//! The vocabulary of the content format (`shared/design/content-format.md`): ids, statuses,
//! action-item kinds, and the body sections the tool recognises. Shared by config, load and model.

use serde::Serialize;

/// The longest id: ids name files and folders of the site, and file systems refuse names of
/// more than 255 bytes.
pub const MAX_ID_LEN: usize = 100;

/// `[a-z0-9][a-z0-9-]*`, at most [`MAX_ID_LEN`] characters: the shape of every id
/// (incidents, causes, categories, services...).
pub fn is_valid_id(id: &str) -> bool {
    id_problem(id).is_none()
}

/// Why `id` is not a valid id; `None` when it is one.
pub fn id_problem(id: &str) -> Option<String> {
    let mut bytes = id.bytes();
    let shaped = matches!(bytes.next(), Some(b'a'..=b'z' | b'0'..=b'9'))
        && bytes.all(|b| matches!(b, b'a'..=b'z' | b'0'..=b'9' | b'-'));
    if !shaped {
        Some("ids are lowercase letters, digits and `-`, starting with a letter or digit".into())
    } else if id.len() > MAX_ID_LEN {
        Some(format!(
            "it is {} characters long; ids are at most {MAX_ID_LEN}",
            id.len()
        ))
    } else {
        None
    }
}

/// A value as a message shows it: at most 60 characters, then `…`.
pub fn shorten(s: &str) -> String {
    match s.char_indices().nth(60) {
        Some((i, _)) => format!("{}…", &s[..i]),
        None => s.to_string(),
    }
}

/// A URL-safe slug for a free-form name (tags, services, headings), at most [`MAX_ID_LEN`]
/// characters.
pub fn slugify(s: &str) -> String {
    if is_valid_id(s) {
        return s.to_string();
    }
    if is_valid_id(&s.to_ascii_lowercase()) {
        return s.to_ascii_lowercase();
    }
    let mut slug = slug::slugify(s);
    if slug.len() > MAX_ID_LEN {
        // slug's output is ASCII: any byte is a boundary.
        slug.truncate(MAX_ID_LEN);
        slug.truncate(slug.trim_end_matches('-').len());
    }
    if slug.is_empty() { "-".into() } else { slug }
}

/// The publication status of a post-mortem.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    Draft,
    Review,
    #[default]
    Published,
}

impl Status {
    pub const ALL: &[&str] = &["draft", "review", "published"];

    pub fn parse(s: &str) -> Option<Status> {
        Some(match s {
            "draft" => Status::Draft,
            "review" => Status::Review,
            "published" => Status::Published,
            _ => return None,
        })
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Status::Draft => "draft",
            Status::Review => "review",
            Status::Published => "published",
        }
    }
}

/// What an action item does about a cause.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, PartialOrd, Ord, Hash)]
#[serde(rename_all = "lowercase")]
pub enum ActionKind {
    Prevent,
    Detect,
    Mitigate,
    Process,
}

impl ActionKind {
    pub const ALL: &[&str] = &["prevent", "detect", "mitigate", "process"];

    pub fn parse(s: &str) -> Option<ActionKind> {
        Some(match s {
            "prevent" => ActionKind::Prevent,
            "detect" => ActionKind::Detect,
            "mitigate" => ActionKind::Mitigate,
            "process" => ActionKind::Process,
            _ => return None,
        })
    }
}

/// Where an action item stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, PartialOrd, Ord, Hash, Default)]
#[serde(rename_all = "kebab-case")]
pub enum ActionStatus {
    #[default]
    Open,
    InProgress,
    Done,
    WontDo,
}

impl ActionStatus {
    pub const ALL: &[&str] = &["open", "in-progress", "done", "wont-do"];

    pub fn parse(s: &str) -> Option<ActionStatus> {
        Some(match s {
            "open" => ActionStatus::Open,
            "in-progress" => ActionStatus::InProgress,
            "done" => ActionStatus::Done,
            "wont-do" => ActionStatus::WontDo,
            _ => return None,
        })
    }

    pub fn as_str(self) -> &'static str {
        match self {
            ActionStatus::Open => "open",
            ActionStatus::InProgress => "in-progress",
            ActionStatus::Done => "done",
            ActionStatus::WontDo => "wont-do",
        }
    }
}

/// A level-2 section of a post-mortem body that the tool understands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum SectionKind {
    Summary,
    Impact,
    Timeline,
    FiveWhys,
    WentWell,
    WentWrong,
    Lucky,
    Lessons,
}

impl SectionKind {
    pub const ALL: [SectionKind; 8] = [
        SectionKind::Summary,
        SectionKind::Impact,
        SectionKind::Timeline,
        SectionKind::FiveWhys,
        SectionKind::WentWell,
        SectionKind::WentWrong,
        SectionKind::Lucky,
        SectionKind::Lessons,
    ];

    /// The key of the section in `[sections]` of hindsight.toml.
    pub fn key(self) -> &'static str {
        match self {
            SectionKind::Summary => "summary",
            SectionKind::Impact => "impact",
            SectionKind::Timeline => "timeline",
            SectionKind::FiveWhys => "five_whys",
            SectionKind::WentWell => "what_went_well",
            SectionKind::WentWrong => "what_went_wrong",
            SectionKind::Lucky => "where_we_got_lucky",
            SectionKind::Lessons => "lessons_learned",
        }
    }

    pub fn from_key(key: &str) -> Option<SectionKind> {
        Self::ALL.into_iter().find(|k| k.key() == key)
    }

    /// The headings accepted for the section by default (matched case-insensitively).
    pub fn default_headings(self) -> &'static [&'static str] {
        match self {
            SectionKind::Summary => &["Summary", "TL;DR"],
            SectionKind::Impact => &["Impact"],
            SectionKind::Timeline => &["Timeline"],
            SectionKind::FiveWhys => &["Five whys", "5 Whys"],
            SectionKind::WentWell => &["What went well", "What went right"],
            SectionKind::WentWrong => &["What went wrong"],
            SectionKind::Lucky => &["Where we got lucky"],
            SectionKind::Lessons => &["Lessons learned", "Lessons"],
        }
    }
}

/// Matches `##` heading text to a recognised section, with the KB's aliases.
#[derive(Debug, Clone)]
pub struct SectionMatcher {
    headings: Vec<(String, SectionKind)>,
}

impl SectionMatcher {
    pub fn new(aliases: &std::collections::BTreeMap<String, Vec<String>>) -> Self {
        let mut headings = Vec::new();
        for kind in SectionKind::ALL {
            for h in kind.default_headings() {
                headings.push((normalize_heading(h), kind));
            }
            for h in aliases.get(kind.key()).into_iter().flatten() {
                headings.push((normalize_heading(h), kind));
            }
        }
        SectionMatcher { headings }
    }

    pub fn classify(&self, heading: &str) -> Option<SectionKind> {
        let h = normalize_heading(heading);
        self.headings.iter().find(|(t, _)| *t == h).map(|(_, k)| *k)
    }
}

fn normalize_heading(h: &str) -> String {
    h.trim()
        .trim_end_matches(':')
        .trim()
        .to_lowercase()
        .replace('’', "'")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids() {
        assert!(is_valid_id("2017-04-06-linkedin-app"));
        assert!(!is_valid_id("-x"));
        assert!(!is_valid_id("a/b"));
        assert!(!is_valid_id(".."));
        assert!(!is_valid_id("Caps"));
        assert!(!is_valid_id(""));
        assert!(is_valid_id(&"a".repeat(MAX_ID_LEN)));
        assert!(!is_valid_id(&"a".repeat(MAX_ID_LEN + 1)));
        assert!(
            id_problem(&"a".repeat(300))
                .unwrap()
                .contains("300 characters")
        );
        let slug = slugify(&"Long Tag ".repeat(40));
        assert!(slug.len() <= MAX_ID_LEN && is_valid_id(&slug), "{slug}");
    }

    #[test]
    fn sections_match_case_insensitively_with_aliases() {
        let mut aliases = std::collections::BTreeMap::new();
        aliases.insert("summary".to_string(), vec!["Overview".to_string()]);
        let m = SectionMatcher::new(&aliases);
        assert_eq!(m.classify("five WHYS"), Some(SectionKind::FiveWhys));
        assert_eq!(m.classify("5 Whys"), Some(SectionKind::FiveWhys));
        assert_eq!(m.classify("Overview"), Some(SectionKind::Summary));
        assert_eq!(m.classify("TL;DR"), Some(SectionKind::Summary));
        assert_eq!(m.classify("Resolution"), None);
    }
}
