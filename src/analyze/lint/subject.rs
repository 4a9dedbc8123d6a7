//! Who failed, by the words of a sentence: prose (code and link addresses already blanked) in,
//! the failure or mistake expressions whose subject is a person out ([`Blame`]), plus the
//! phrases that blame whatever their subject ("human error", "operator error", "pilot error")
//! outside quotation marks.
//!
//! No grammar is parsed; the heuristics are those of the sentences post-mortems are written in
//! (`tests/fixtures/blame-sentences/`): the subject of an expression is the noun phrase before
//! it in its clause, with relative clauses (`who`, `which`, `that` after a noun), prepositional
//! phrases (`the operator on the night shift`) and comma-delimited insertions (`X, who was
//! covering that week, missed`) set aside; a passive (`was missed by the on-call engineer`)
//! has its agent as subject; a possessive (`the engineer's mistake`) its possessor; `they`
//! the subject of the clause before it. A person is a role (engineer, operator, on-call, SRE,
//! team...), a personal pronoun or one of the names given.

use std::ops::Range;

/// An expression found with a person as its subject, or a phrase that always blames.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Blame {
    /// Where the expression is, in the text given.
    pub range: Range<usize>,
    /// The expression as the table of expressions names it (`failed to`, `human error`).
    pub expression: String,
    /// Who it makes responsible, as written (`the on-call engineer`, `Marcus`); `None` for a
    /// phrase that blames by itself.
    pub subject: Option<String>,
    /// Whether the subject is a name (of `authors` or `[lint] people`) rather than a role or a
    /// pronoun.
    pub named: bool,
    /// What to write instead.
    pub suggestion: String,
}

/// A phrase that blames whatever its subject: its words (lowercase; `*` at the start or end of
/// a word matches any prefix or suffix), as shown, and what to write instead.
#[derive(Debug, Clone)]
pub struct Phrase {
    pub words: Vec<String>,
    pub text: String,
    pub suggestion: String,
}

/// Whether `word` matches a phrase word `pattern` (`careless*`, `*'s`).
pub fn word_matches(pattern: &str, word: &str) -> bool {
    match (pattern.strip_prefix('*'), pattern.strip_suffix('*')) {
        (Some(suffix), _) => word.ends_with(suffix) && word.len() > suffix.len(),
        (_, Some(prefix)) => word.starts_with(prefix),
        _ => pattern == word,
    }
}

/// A word or a punctuation mark of a sentence.
#[derive(Debug, Clone)]
struct Tok<'a> {
    text: &'a str,
    lower: String,
    range: Range<usize>,
    word: bool,
    /// Inside quotation marks.
    quoted: bool,
}

/// Failure and mistake expressions: the words (lowercase; `*` any determiner or adjective run
/// of at most two words), what kind of expression, and what to write instead.
const EXPRESSIONS: &[(&[&str], Kind, &str)] = &[
    (
        &["wrong"],
        Kind::Trailing,
        "say what let the wrong one be chosen: no label, no confirmation, no guard",
    ),
    (
        &["incorrect"],
        Kind::Trailing,
        "say what let the incorrect value through: no validation, no review",
    ),
    (
        &["erroneous"],
        Kind::Trailing,
        "say what let the erroneous value through: no validation, no review",
    ),
    (
        &["instead", "of"],
        Kind::Trailing,
        "say what made the two easy to confuse, and what would tell them apart",
    ),
    (
        &["contrary", "to"],
        Kind::Trailing,
        "say what made the rule hard to follow at the time",
    ),
    (
        &["let", "*", "down"],
        Kind::Verb,
        "say what failed the customers, and what is being changed",
    ),
    (
        &["confused"],
        Kind::Participle,
        "say what made the two easy to confuse, and what would tell them apart",
    ),
    (
        &["mistook"],
        Kind::Verb,
        "say what made the two easy to confuse, and what would tell them apart",
    ),
    (
        &["mistype"],
        Kind::Verb,
        "say what should reject the wrong value",
    ),
    (
        &["mis-set"],
        Kind::Verb,
        "say what accepted the wrong value: no validation, no confirmation",
    ),
    (
        &["misset"],
        Kind::Verb,
        "say what accepted the wrong value: no validation, no confirmation",
    ),
    (&["erred"], Kind::Verb, "say what made the judgement hard"),
    (
        &["never"],
        Kind::Verb,
        "say what made the step easy to leave out, and what will require it",
    ),
    (
        &["failed", "our"],
        Kind::Verb,
        "say what failed the customers, and what is being changed",
    ),
    (
        &["failed", "you"],
        Kind::Verb,
        "say what failed the customers, and what is being changed",
    ),
    (
        &["had", "not"],
        Kind::Verb,
        "say what made the step easy to leave out, and what will require it",
    ),
    (
        &["hadn't"],
        Kind::Verb,
        "say what made the step easy to leave out, and what will require it",
    ),
    (
        &["not", "acted", "on"],
        Kind::Participle,
        "say why the signal did not look actionable",
    ),
    (
        &["failure"],
        Kind::Noun,
        "say what made the step fail or get skipped",
    ),
    (
        &["bypassed"],
        Kind::Participle,
        "say why bypassing the safeguard looked necessary, and what will prevent it",
    ),
    (
        &["lost", "situational", "awareness"],
        Kind::Verb,
        "say what competed for attention, and which signal was missing",
    ),
    (
        &["noticed"],
        Kind::Negated,
        "say what did not show the problem: which view or alert would have surfaced it",
    ),
    (
        &["realised"],
        Kind::Negated,
        "say what did not show the problem",
    ),
    (
        &["realized"],
        Kind::Negated,
        "say what did not show the problem",
    ),
    (
        &["caught"],
        Kind::Negated,
        "say which check could have caught it, and why it did not exist",
    ),
    (
        &["spotted"],
        Kind::Negated,
        "say what did not show the problem",
    ),
    (
        &["misjudgement"],
        Kind::Noun,
        "say what information was missing for the judgement",
    ),
    (
        &["misjudgment"],
        Kind::Noun,
        "say what information was missing for the judgement",
    ),
    (
        &["misreading"],
        Kind::Noun,
        "say what made the information easy to misread",
    ),
    (
        &["misinterpretation"],
        Kind::Noun,
        "say what made the signal ambiguous",
    ),
    (
        &["errors"],
        Kind::Noun,
        "say what made the errors easy and what would have caught them",
    ),
    (
        &["mistakes"],
        Kind::Noun,
        "say what made the mistakes easy and what would have caught them",
    ),
    (
        &["failed", "to"],
        Kind::Verb,
        "say what made the step fail or get skipped: which check, alert or automation was missing",
    ),
    (
        &["fail", "to"],
        Kind::Verb,
        "say what would make the step fail or get skipped, and what would catch it",
    ),
    (
        &["fails", "to"],
        Kind::Verb,
        "say what makes the step fail or get skipped, and what would catch it",
    ),
    (
        &["forgot"],
        Kind::Verb,
        "say what should have prompted the step: a checklist item, a reminder, automation",
    ),
    (
        &["forget"],
        Kind::Verb,
        "say what should prompt the step: a checklist item, a reminder, automation",
    ),
    (
        &["forgets"],
        Kind::Verb,
        "say what should prompt the step: a checklist item, a reminder, automation",
    ),
    (
        &["forgotten"],
        Kind::Participle,
        "say what should have prompted the step: a checklist item, a reminder, automation",
    ),
    (
        &["missed"],
        Kind::Participle,
        "say why the signal was easy to miss: which alert, page or view did not stand out",
    ),
    (
        &["miss"],
        Kind::Verb,
        "say what would make the signal stand out",
    ),
    (
        &["misses"],
        Kind::Verb,
        "say what would make the signal stand out",
    ),
    (
        &["overlooked"],
        Kind::Participle,
        "say what hid it: which view, diff or check did not show it",
    ),
    (
        &["overlook"],
        Kind::Verb,
        "say what hides it: which view, diff or check does not show it",
    ),
    (
        &["neglected"],
        Kind::Participle,
        "say what should have required the step: a gate, a checklist, automation",
    ),
    (
        &["mistakenly"],
        Kind::Adverb,
        "say what let the action go through: no confirmation, no guard, no review",
    ),
    (
        &["accidentally"],
        Kind::Adverb,
        "say what let the action go through: no confirmation, no guard, no review",
    ),
    (
        &["inadvertently"],
        Kind::Adverb,
        "say what let the action go through: no confirmation, no guard, no review",
    ),
    (
        &["erroneously"],
        Kind::Adverb,
        "say what let the action go through: no confirmation, no guard, no review",
    ),
    (
        &["errantly"],
        Kind::Adverb,
        "say what let the action go through: no confirmation, no guard, no review",
    ),
    (
        &["unintentionally"],
        Kind::Adverb,
        "say what let the action go through: no confirmation, no guard, no review",
    ),
    (
        &["made", "*", "typo"],
        Kind::Verb,
        "say what accepted the wrong input: no validation, no dry run, no review",
    ),
    (
        &["made", "*", "typos"],
        Kind::Verb,
        "say what accepted the wrong input: no validation, no dry run, no review",
    ),
    (
        &["made", "*", "mistake"],
        Kind::Verb,
        "say what made the mistake easy and what would have caught it",
    ),
    (
        &["made", "*", "mistakes"],
        Kind::Verb,
        "say what made the mistakes easy and what would have caught them",
    ),
    (
        &["made", "*", "error"],
        Kind::Verb,
        "say what made the error easy and what would have caught it",
    ),
    (
        &["make", "*", "typos"],
        Kind::Verb,
        "say what accepts the wrong input: no validation, no dry run, no review",
    ),
    (
        &["make", "*", "mistakes"],
        Kind::Verb,
        "say what makes the mistake easy and what would catch it",
    ),
    (
        &["makes", "*", "mistakes"],
        Kind::Verb,
        "say what makes the mistake easy and what would catch it",
    ),
    (
        &["did", "not", "notice"],
        Kind::Verb,
        "say what did not show the problem: which view or alert would have surfaced it",
    ),
    (
        &["didn't", "notice"],
        Kind::Verb,
        "say what did not show the problem: which view or alert would have surfaced it",
    ),
    (
        &["did", "not", "check"],
        Kind::Verb,
        "say which check was not part of the procedure, and why",
    ),
    (
        &["didn't", "check"],
        Kind::Verb,
        "say which check was not part of the procedure, and why",
    ),
    (
        &["did", "not", "verify"],
        Kind::Verb,
        "say which check was not part of the procedure, and why",
    ),
    (
        &["didn't", "verify"],
        Kind::Verb,
        "say which check was not part of the procedure, and why",
    ),
    (
        &["did", "not", "realize"],
        Kind::Verb,
        "say what did not show the problem",
    ),
    (
        &["did", "not", "realise"],
        Kind::Verb,
        "say what did not show the problem",
    ),
    (
        &["ignored"],
        Kind::Participle,
        "say why the warning did not look actionable: its volume, wording or routing",
    ),
    (
        &["ignore"],
        Kind::Verb,
        "say why the warning did not look actionable: its volume, wording or routing",
    ),
    (
        &["ignores"],
        Kind::Verb,
        "say why the warning does not look actionable: its volume, wording or routing",
    ),
    (
        &["fat-fingered"],
        Kind::Participle,
        "say what accepted the wrong value: no validation, no confirmation",
    ),
    (
        &["mistyped"],
        Kind::Participle,
        "say what accepted the wrong value: no validation, no confirmation",
    ),
    (
        &["misconfigured"],
        Kind::Participle,
        "say what let the configuration through: no validation, no review, no canary",
    ),
    (
        &["botched"],
        Kind::Participle,
        "say what made the procedure fragile and how it will be made safe",
    ),
    (
        &["messed", "up"],
        Kind::Verb,
        "say what made the change go wrong and what would have caught it",
    ),
    (
        &["screwed", "up"],
        Kind::Verb,
        "say what made the change go wrong and what would have caught it",
    ),
    (
        &["dropped", "the", "ball"],
        Kind::Verb,
        "say which handoff or ownership was missing",
    ),
    (
        &["should", "have", "caught"],
        Kind::Verb,
        "say which check could have caught it, and why it did not exist",
    ),
    (
        &["should", "have", "known"],
        Kind::Verb,
        "say what information was missing, and where it should have been",
    ),
    (
        &["should", "have", "noticed"],
        Kind::Verb,
        "say what would have surfaced it",
    ),
    (
        &["should", "have", "checked"],
        Kind::Verb,
        "say which check was not part of the procedure, and why",
    ),
    (
        &["was", "careless"],
        Kind::Verb,
        "describe the conditions that made the slip easy",
    ),
    (
        &["were", "careless"],
        Kind::Verb,
        "describe the conditions that made the slip easy",
    ),
    (
        &["did", "not"],
        Kind::Verb,
        "say what made the step easy to leave out, and what will require it",
    ),
    (
        &["didn't"],
        Kind::Verb,
        "say what made the step easy to leave out, and what will require it",
    ),
    (
        &["incorrectly"],
        Kind::Adverb,
        "say what let the wrong action go through: no validation, no confirmation",
    ),
    (
        &["wrongly"],
        Kind::Adverb,
        "say what let the wrong action go through: no validation, no confirmation",
    ),
    (
        &["improperly"],
        Kind::Adverb,
        "say what let the wrong action go through: no validation, no confirmation",
    ),
    (
        &["by", "mistake"],
        Kind::Trailing,
        "say what let the action go through: no confirmation, no guard, no review",
    ),
    (
        &["by", "accident"],
        Kind::Trailing,
        "say what let the action go through: no confirmation, no guard, no review",
    ),
    (
        &["in", "error"],
        Kind::Trailing,
        "say what let the action go through: no confirmation, no guard, no review",
    ),
    (
        &["misread"],
        Kind::Participle,
        "say what made the information easy to misread: its wording, layout or units",
    ),
    (
        &["misjudged"],
        Kind::Participle,
        "say what information was missing for the judgement",
    ),
    (
        &["misunderstood"],
        Kind::Participle,
        "say what made the instructions ambiguous",
    ),
    (
        &["misinterpreted"],
        Kind::Participle,
        "say what made the signal ambiguous",
    ),
    (
        &["misapplied"],
        Kind::Participle,
        "say what let the change apply to the wrong target",
    ),
    (
        &["miscalculated"],
        Kind::Participle,
        "say what checked, or did not check, the calculation",
    ),
    (
        &["misidentified"],
        Kind::Participle,
        "say what made the two look alike",
    ),
    (
        &["mishandled"],
        Kind::Participle,
        "say what the procedure did not cover",
    ),
    (
        &["omitted"],
        Kind::Participle,
        "say what made the step easy to leave out, and what will require it",
    ),
    (
        &["skipped"],
        Kind::Participle,
        "say what made the step optional in practice, and what will require it",
    ),
    (
        &["disregarded"],
        Kind::Participle,
        "say why the warning did not look actionable",
    ),
    (
        &["violated"],
        Kind::Participle,
        "say what made the rule hard to follow or easy to break",
    ),
    (
        &["deviated", "from"],
        Kind::Verb,
        "say what made the procedure hard to follow",
    ),
    (
        &["lost", "track"],
        Kind::Verb,
        "say what competed for attention, and what would have kept track",
    ),
    (
        &["was", "unaware"],
        Kind::Verb,
        "say what information was missing, and where it should have been",
    ),
    (
        &["were", "unaware"],
        Kind::Verb,
        "say what information was missing, and where it should have been",
    ),
    (
        &["mistake"],
        Kind::Noun,
        "say what made the mistake easy and what would have caught it",
    ),
    (
        &["error"],
        Kind::Noun,
        "say what made the error easy and what would have caught it",
    ),
    (
        &["oversight"],
        Kind::Noun,
        "say what hid it, and what would have caught it",
    ),
    (
        &["slip"],
        Kind::Noun,
        "describe the conditions that made the slip easy",
    ),
    (
        &["lapse"],
        Kind::Noun,
        "describe the conditions that made the lapse likely",
    ),
    (
        &["typo"],
        Kind::Noun,
        "say what accepted the wrong input: no validation, no dry run, no review",
    ),
    (
        &["fault"],
        Kind::Noun,
        "describe what the system allowed, not whose fault it was",
    ),
];

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    /// A verb whose subject comes before it.
    Verb,
    /// A past participle: a verb, or a passive whose agent follows `by`.
    Participle,
    /// An adverb of the verb beside it (`mistakenly applied`, `was accidentally passed`).
    Adverb,
    /// A noun whose possessor is the one blamed (`the engineer's mistake`).
    Noun,
    /// After the verb (`deleted the volume by mistake`, `pushed the wrong button`): the verb's
    /// subject.
    Trailing,
    /// A verb of noticing that blames only with a negated person as subject (`no one noticed`).
    Negated,
}

/// Roles: a person whoever holds them.
const ROLES: &[&str] = &[
    "pilot",
    "crew",
    "captain",
    "officer",
    "controller",
    "nurse",
    "doctor",
    "physician",
    "fo",
    "pharmacist",
    "resident",
    "surgeon",
    "electrician",
    "welder",
    "signaller",
    "signalman",
    "helmsman",
    "master",
    "shift",
    "ic",
    "nobody",
    "no-one",
    "worker",
    "driver",
    "trader",
    "consultant",
    "individual",
    "staffer",
    "coder",
    "supervisor",
    "dispatcher",
    "inspector",
    "mechanic",
    "specialist",
    "expert",
    "pilot",
    "crew",
    "captain",
    "officer",
    "controller",
    "nurse",
    "doctor",
    "physician",
    "mechanic",
    "supervisor",
    "dispatcher",
    "inspector",
    "worker",
    "driver",
    "trader",
    "consultant",
    "individual",
    "staffer",
    "coder",
    "architect",
    "expert",
    "specialist",
    "engineer",
    "operator",
    "developer",
    "dev",
    "technician",
    "tech",
    "admin",
    "administrator",
    "sysadmin",
    "on-call",
    "oncall",
    "on-caller",
    "sre",
    "member",
    "personnel",
    "staff",
    "employee",
    "author",
    "team",
    "agent",
    "dba",
    "responder",
    "reviewer",
    "facilitator",
    "commander",
    "analyst",
    "contractor",
    "maintainer",
    "colleague",
    "lead",
    "manager",
    "intern",
    "person",
    "people",
    "human",
    "humans",
    "someone",
    "somebody",
    "anyone",
    "everyone",
    "everybody",
    "coworker",
    "co-worker",
    "teammate",
    "user",
    "operations",
    "ops",
    "programmer",
];

/// Words that make an operator, agent or controller a program (`the monitoring agent`).
const SOFTWARE: &[&str] = &[
    "monitoring",
    "build",
    "coding",
    "escalation",
    "paging",
    "deploy",
    "deployment",
    "kubernetes",
    "k8s",
    "database",
    "cluster",
    "backup",
    "sync",
    "export",
    "import",
    "background",
    "celery",
    "replication",
    "ingest",
    "ingestion",
    "crawler",
    "node",
    "host",
    "service",
    "ci",
    "ai",
    "llm",
    "software",
    "sidecar",
    "scheduler",
    "autoscaling",
    "storage",
    "logging",
    "metrics",
    "config",
    "configuration",
    "batch",
    "admission",
    "ingress",
    "kube",
    "queue",
    "job",
    "proxy",
    "mesh",
];

/// Personal pronouns (`they` is looked up).
const PRONOUNS: &[&str] = &["i", "we", "he", "she", "you", "us", "me", "him"];

/// Possessive words that make their noun a person's.
const POSSESSIVES: &[&str] = &["his", "her", "their", "my", "our", "your"];

/// Words that may stand between a subject and its verb without being the subject.
const AUXILIARIES: &[&str] = &[
    "having",
    "had",
    "has",
    "have",
    "did",
    "does",
    "do",
    "would",
    "should",
    "could",
    "might",
    "may",
    "will",
    "can",
    "must",
    "also",
    "then",
    "just",
    "never",
    "not",
    "still",
    "again",
    "finally",
    "later",
    "already",
    "initially",
    "subsequently",
    "ultimately",
    "even",
    "both",
    "all",
    "too",
    "apparently",
    "probably",
    "simply",
    "once",
    "first",
    "again",
    "now",
];

/// Verbs after `did not`, `didn't` or `never` that say what was the case, not a step left out.
const NOT_A_STEP: &[&str] = &[
    "have",
    "has",
    "had",
    "receive",
    "received",
    "get",
    "got",
    "learn",
    "learned",
    "need",
    "needed",
    "correlate",
    "be",
    "exist",
    "existed",
    "happen",
    "happened",
    "affect",
    "affected",
    "expect",
    "expected",
    "seem",
    "appear",
    "appeared",
    "work",
    "worked",
    // What someone wanted, or what was (not) lost: not a step.
    "want",
    "wanted",
    "wish",
    "intend",
    "mean",
    "lose",
    "lost",
];

/// Verbs of finding out or being given, before `wrong`: the wrong thing was not their choice.
const PERCEIVED: &[&str] = &[
    "reported",
    "reports",
    "noticed",
    "notices",
    "saw",
    "sees",
    "observed",
    "found",
    "finds",
    "received",
    "receives",
    "got",
    "gets",
    "spotted",
    "flagged",
    "showed",
    "shows",
    "displayed",
];

const BE: &[&str] = &[
    "was", "were", "is", "are", "been", "being", "be", "got", "get", "gets",
];

/// Words that open a clause: the subject of a verb comes after the last one before it.
const OPENERS: &[&str] = &[
    "when", "while", "because", "since", "although", "though", "after", "before", "if", "as", "so",
    "and", "but", "or", "then", "once", "until", "unless", "where", "why", "whereas", "given",
    "whether", "than",
];

const RELATIVES: &[&str] = &["who", "whom", "whose", "which"];

/// Words that stand for some of what follows `of` (`one of the engineers`).
const QUANTIFIERS: &[&str] = &[
    "one", "two", "three", "some", "several", "none", "each", "either", "neither", "both", "all",
    "most", "many", "few", "any",
];

const PREPOSITIONS: &[&str] = &[
    "of", "on", "in", "at", "from", "with", "for", "during", "to", "by", "into", "over", "under",
    "about", "across", "through", "without", "behind", "near", "like", "within",
];

/// Verbs after which `that` starts a clause rather than a relative one.
const SAYING: &[&str] = &[
    "admitted",
    "admit",
    "acknowledged",
    "determined",
    "established",
    "recognised",
    "recognized",
    "noted",
    "said",
    "agreed",
    "realised",
    "realized",
    "found",
    "showed",
    "shows",
    "confirmed",
    "knew",
    "believed",
    "thought",
    "decided",
    "claimed",
    "reported",
    "concluded",
    "argued",
    "assumed",
    "noticed",
    "learned",
    "learnt",
    "saw",
    "means",
    "meant",
    "felt",
    "hoped",
    "expected",
    "explained",
    "wrote",
    "writes",
    "says",
    "suggested",
    "insisted",
];

/// The blaming expressions of `text` (prose: code, HTML and link addresses already blanked),
/// and the `always` phrases outside quotation marks. `names` are people's names, each as its
/// words (`["priya", "raman"]`, lowercase).
pub fn find(text: &str, names: &[Vec<String>], always: &[Phrase]) -> Vec<Blame> {
    let mut out = Vec::new();
    for sentence in sentences(text) {
        let toks = tokens(text, sentence);
        phrases(&toks, always, &mut out);
        expressions(&toks, names, &mut out);
    }
    out
}

/// Whether `line` starts a numbered list item (`12. `). Only its first bytes are read, so
/// finding sentences stays linear in the text.
fn numbered_item(line: &str) -> bool {
    let digits = line.bytes().take_while(u8::is_ascii_digit).count();
    digits > 0 && line[digits..].starts_with(". ")
}

/// Byte ranges of the sentences of `text`: ended by `.`, `?` or `!` before a space, by a blank
/// line, or by a line that starts a list item, a table row or a heading.
fn sentences(text: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut start = 0;
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        let end = match b {
            b'.' | b'?' | b'!' => {
                let next = bytes.get(i + 1).copied();
                let before = text[start..i].trim_end();
                // "e.g." and "i.e." and numbers ("3.5") do not end a sentence.
                let abbreviation = before.ends_with("e.g") || before.ends_with("i.e");
                (next.is_none_or(|n| n == b' ' || n == b'\n') && !abbreviation).then_some(i + 1)
            }
            b'\n' => {
                let rest = text[i + 1..].trim_start_matches([' ', '\t']);
                let starts_block = rest.is_empty()
                    || rest.starts_with('\n')
                    || rest.starts_with(['-', '*', '+', '|', '#', '>'])
                    || numbered_item(rest);
                starts_block.then_some(i + 1)
            }
            b'|' => Some(i + 1),
            _ => None,
        };
        if let Some(end) = end {
            out.push(start..end);
            start = end;
        }
        i += 1;
    }
    if start < text.len() {
        out.push(start..text.len());
    }
    out
}

/// The words and marks of `text[range]`, with whether each is inside quotation marks.
fn tokens(text: &str, range: Range<usize>) -> Vec<Tok<'_>> {
    let s = &text[range.clone()];
    let mut out: Vec<Tok> = Vec::new();
    let mut quoted = false;
    let mut chars = s.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        let at = range.start + i;
        if c.is_alphanumeric() {
            let mut end = i + c.len_utf8();
            while let Some(&(j, n)) = chars.peek() {
                let inner = matches!(n, '-' | '\'' | '’' | ':' | '.' | '_' | '/');
                let after = s[j + n.len_utf8()..].chars().next();
                // `pilots'`: a plural possessive keeps its apostrophe.
                let possessive = n == '\''
                    && s[i..j].ends_with('s')
                    && after.is_none_or(|a| !a.is_alphanumeric())
                    && !quoted;
                // `flutter.dev`, `config.yaml`: a name with a dot in it is one word.
                let dotted = n == '.' && after.is_some_and(|a| a.is_lowercase());
                let joins = (inner
                    && after.is_some_and(char::is_alphanumeric)
                    && (n != ':' && n != '.'
                        || dotted
                        || s[i..j].bytes().all(|b| b.is_ascii_digit())))
                    || possessive;
                if n.is_alphanumeric() || joins {
                    end = j + n.len_utf8();
                    chars.next();
                } else {
                    break;
                }
            }
            let word = &s[i..end];
            out.push(Tok {
                text: word,
                lower: word.to_lowercase().replace('’', "'"),
                range: at..range.start + end,
                word: true,
                quoted,
            });
            continue;
        }
        if c.is_whitespace() {
            continue;
        }
        let prev_word = out.last().is_some_and(|t| t.word && t.range.end == at);
        match c {
            '"' => quoted = !quoted,
            '“' | '‘' => quoted = true,
            '”' | '’' => quoted = false,
            // A straight single quote opens before a word and closes after one.
            '\'' if !prev_word => quoted = true,
            '\'' => quoted = false,
            _ => {}
        }
        // Markdown's own marks (`[`, `]`, `*`, `_`...) end nothing; punctuation and quotation
        // marks end a part of the sentence.
        if !",;:()!?.—–\"“”‘’'|<>".contains(c) {
            continue;
        }
        out.push(Tok {
            text: &s[i..i + c.len_utf8()],
            lower: c.to_string(),
            range: at..at + c.len_utf8(),
            word: false,
            quoted,
        });
    }
    out
}

/// Whether the words from `at` match `pattern` (`*`: up to two words that are not the next
/// part of the pattern); the index just past the match.
fn matches_at(toks: &[Tok], at: usize, pattern: &[&str]) -> Option<usize> {
    let mut i = at;
    let mut p = 0;
    while p < pattern.len() {
        if pattern[p] == "*" {
            let next = pattern.get(p + 1)?;
            let mut skipped = 0;
            while toks.get(i).is_some_and(|t| t.word && t.lower != *next) && skipped < 2 {
                i += 1;
                skipped += 1;
            }
            p += 1;
            continue;
        }
        let t = toks.get(i)?;
        if !t.word || t.lower != pattern[p] {
            return None;
        }
        i += 1;
        p += 1;
    }
    Some(i)
}

fn phrases(toks: &[Tok], always: &[Phrase], out: &mut Vec<Blame>) {
    for i in (0..toks.len()).filter(|&i| toks[i].word && !toks[i].quoted) {
        for p in always {
            let words = toks[i..].iter().take(p.words.len());
            if words.len() == p.words.len()
                && words
                    .zip(&p.words)
                    .all(|(t, w)| t.word && word_matches(w, &t.lower))
            {
                out.push(Blame {
                    range: toks[i].range.start..toks[i + p.words.len() - 1].range.end,
                    expression: p.text.clone(),
                    subject: None,
                    named: false,
                    suggestion: p.suggestion.clone(),
                });
            }
        }
    }
}

fn expressions(toks: &[Tok], names: &[Vec<String>], out: &mut Vec<Blame>) {
    let mut i = 0;
    while i < toks.len() {
        let found = EXPRESSIONS
            .iter()
            .find_map(|(p, kind, s)| matches_at(toks, i, p).map(|end| (*p, *kind, *s, end)));
        let Some((pattern, kind, suggestion, end)) = found else {
            i += 1;
            continue;
        };
        // A bare negation is an omission only when what it negates is a step someone could
        // have taken: "we did not have a check", "did not receive alerts", "should never be
        // in that state" describe the system.
        if matches!(pattern, ["did", "not"] | ["didn't"] | ["never"])
            && toks
                .get(end)
                .is_some_and(|t| t.word && NOT_A_STEP.contains(&t.lower.as_str()))
        {
            i = end;
            continue;
        }
        // Someone who reports or receives a wrong thing did not choose it: "a user reported
        // wrong labels", "the patient received the wrong dose".
        if pattern == ["wrong"] {
            let before = toks[..i]
                .iter()
                .rev()
                .take_while(|t| t.word)
                .find(|t| !matches!(t.lower.as_str(), "the" | "a" | "an" | "some" | "any"));
            if before.is_some_and(|t| PERCEIVED.contains(&t.lower.as_str())) {
                i = end;
                continue;
            }
        }
        if let Some(subject) = subject(toks, i, end, kind, names) {
            out.push(Blame {
                range: toks[i].range.start..toks[end - 1].range.end,
                expression: expression_name(pattern).to_string(),
                subject: Some(subject.text),
                named: subject.named,
                suggestion: suggestion.to_string(),
            });
        }
        i = end;
    }
}

fn expression_name(pattern: &[&str]) -> &'static str {
    match pattern.first().copied().unwrap_or("") {
        "failed" | "fail" | "fails" => "failed to",
        "forgot" | "forget" | "forgets" | "forgotten" => "forgot",
        "missed" | "miss" | "misses" => "missed",
        "overlooked" | "overlook" => "overlooked",
        "neglected" => "neglected",
        "mistakenly" => "mistakenly",
        "accidentally" => "accidentally",
        "inadvertently" => "inadvertently",
        "erroneously" | "errantly" | "unintentionally" => "by mistake",
        "made" | "make" | "makes" => "made a mistake",
        "did" | "didn't" => "did not notice or check",
        "ignored" | "ignore" | "ignores" => "ignored",
        "fat-fingered" | "mistyped" => "mistyped",
        "misconfigured" => "misconfigured",
        "botched" | "messed" | "screwed" => "botched",
        "dropped" => "dropped the ball",
        "should" => "should have",
        "was" | "were" => "careless",
        "mistake" | "typo" | "fault" => "a person's mistake",
        _ => "failure",
    }
}

/// Nouns that make a mistake noun before them a thing of the software (`error reporting`,
/// `error budget`), not someone's mistake.
const COMPOUNDS: &[&str] = &[
    "reporting",
    "report",
    "reports",
    "handling",
    "handler",
    "handlers",
    "rate",
    "rates",
    "message",
    "messages",
    "code",
    "codes",
    "budget",
    "budgets",
    "log",
    "logs",
    "page",
    "pages",
    "path",
    "paths",
    "response",
    "responses",
    "count",
    "counts",
    "spike",
    "spikes",
    "tracking",
    "tracker",
    "metric",
    "metrics",
    "alert",
    "alerts",
];

/// A person found as the subject of an expression.
struct Person {
    text: String,
    named: bool,
}

/// The person the expression at `toks[at..end]` makes responsible, if its subject is one.
fn subject(
    toks: &[Tok],
    at: usize,
    end: usize,
    kind: Kind,
    names: &[Vec<String>],
) -> Option<Person> {
    match kind {
        // `the supervisor's error reporting`, `our error budget`: a thing the software has.
        Kind::Noun
            if toks
                .get(end)
                .is_some_and(|t| t.word && COMPOUNDS.contains(&t.lower.as_str())) =>
        {
            None
        }
        Kind::Noun => possessor(toks, at, 2, names).or_else(|| noun_agent(toks, at, names)),
        Kind::Participle | Kind::Adverb => {
            // `was missed by ...`, `was accidentally passed by ...`: the agent is the subject.
            let before = skip_back(toks, at);
            if before.is_some_and(|b| BE.contains(&toks[b].lower.as_str())) {
                return agent(toks, end, names);
            }
            // `The misconfigured load balancer`: an adjective, not a verb.
            if kind == Kind::Participle
                && before.is_some_and(|b| {
                    matches!(
                        toks[b].lower.as_str(),
                        "the" | "a" | "an" | "this" | "that" | "these" | "those"
                    )
                })
            {
                return None;
            }
            // `Noel's botched push`: the possessor, right before it.
            if kind == Kind::Participle
                && let Some(p) = possessor(toks, at, 0, names)
            {
                return Some(p);
            }
            let found = active_subject(toks, at, names);
            if found.is_none() && kind == Kind::Adverb {
                return trailing_subject(toks, at, names);
            }
            found
        }
        Kind::Verb => active_subject(toks, at, names),
        Kind::Trailing => trailing_subject(toks, at, names),
        Kind::Negated => {
            let np_start = toks[..at]
                .iter()
                .rposition(|t| !t.word)
                .map_or(0, |p| p + 1);
            let negated = toks[np_start..at].iter().any(|t| {
                matches!(
                    t.lower.as_str(),
                    "no" | "nobody" | "neither" | "none" | "no-one"
                )
            });
            if negated {
                active_subject(toks, at, names)
            } else {
                None
            }
        }
    }
}

/// The word before `at`, past auxiliaries and adverbs.
fn skip_back(toks: &[Tok], at: usize) -> Option<usize> {
    let mut i = at;
    while i > 0 {
        i -= 1;
        let t = &toks[i];
        if t.word && (AUXILIARIES.contains(&t.lower.as_str()) || is_adverb(&t.lower)) {
            continue;
        }
        return Some(i);
    }
    None
}

fn is_adverb(w: &str) -> bool {
    w.len() > 4
        && w.ends_with("ly")
        && !matches!(
            w,
            "only"
                | "early"
                | "family"
                | "reply"
                | "supply"
                | "apply"
                | "rely"
                | "daily"
                | "weekly"
                | "monthly"
                | "hourly"
        )
}

/// The possessor of the noun at `at` (`the engineer's`, `Marcus's`, `his`), when a person,
/// past at most `adjectives` words between them.
fn possessor(toks: &[Tok], at: usize, adjectives: usize, names: &[Vec<String>]) -> Option<Person> {
    let mut i = at;
    let mut skipped = 0;
    while i > 0 && skipped <= adjectives {
        i -= 1;
        let t = &toks[i];
        if !t.word {
            return None;
        }
        if POSSESSIVES.contains(&t.lower.as_str()) {
            return Some(Person {
                text: t.text.to_string(),
                named: false,
            });
        }
        if let Some(owner) = t
            .lower
            .strip_suffix("'s")
            .or_else(|| t.lower.strip_suffix("s'"))
        {
            // `Marcus's`, `Marcus’s`, `engineers'`: the owner as written.
            let raw = t
                .text
                .strip_suffix(['\'', '’'])
                .unwrap_or_else(|| t.text.trim_end_matches('s').trim_end_matches(['\'', '’']));
            let named = is_name(&[raw], names);
            return (named || is_person_word(owner)).then(|| Person {
                text: t.text.to_string(),
                named,
            });
        }
        skipped += 1;
    }
    None
}

/// The one a mistake is ascribed to after the noun: `an error by the operator`, `the failure
/// of the captain to`, `an oversight on our part`.
fn noun_agent(toks: &[Tok], at: usize, names: &[Vec<String>]) -> Option<Person> {
    let next = |k: usize| {
        toks.get(at + k)
            .filter(|t| t.word)
            .map(|t| t.lower.as_str())
    };
    match (next(1), next(2), next(3)) {
        (Some("on"), Some(owner), Some("part")) if POSSESSIVES.contains(&owner) => Some(Person {
            text: owner.to_string(),
            named: false,
        }),
        (Some("by" | "of"), _, _) => {
            let np: Vec<&Tok> = toks[at + 2..]
                .iter()
                .take_while(|t| {
                    t.word
                        && !PREPOSITIONS.contains(&t.lower.as_str())
                        && !RELATIVES.contains(&t.lower.as_str())
                        && t.lower != "that"
                })
                .collect();
            person(&np, names)
        }
        _ => None,
    }
}

/// The subject of the verb an expression after it belongs to (`pushed the wrong button`,
/// `entered the value incorrectly`): the verb is the nearest one before it in its part of
/// the sentence; without one, the part's leading noun phrase. A passive's agent (`was opened
/// by the ward nurse`) counts too.
fn trailing_subject(toks: &[Tok], at: usize, names: &[Vec<String>]) -> Option<Person> {
    let start = toks[..at]
        .iter()
        .rposition(|t| !t.word)
        .map_or(0, |p| p + 1);
    // The clause the expression is in starts after the last word that opens one.
    let mut region = start;
    for i in start..at {
        let w = toks[i].lower.as_str();
        let complementizer =
            w == "that" && i > start && SAYING.contains(&toks[i - 1].lower.as_str());
        if OPENERS.contains(&w) || complementizer {
            region = i + 1;
        }
    }
    // `We were able to migrate state instead of doing another release`, `we chose to wait
    // instead of rolling back`: what someone could do, or chose, is no slip.
    let clause = &toks[..at];
    let chose = clause.iter().enumerate().any(|(i, t)| {
        matches!(
            t.lower.as_str(),
            "chose" | "decided" | "opted" | "preferred"
        ) || (t.lower == "able" && clause.get(i + 1).is_some_and(|n| n.lower == "to"))
    });
    if chose {
        return None;
    }
    let found = match leading_noun_phrase(&toks[region..at]) {
        Some(np) => {
            // `Nothing I read was wrong`: a pronoun after the head, with a verb of its own
            // before the expression, is a clause about the head (`Nothing`), not the subject.
            let contact = np.len() >= 2
                && np.last().is_some_and(|p| {
                    PRONOUNS.contains(&p.lower.as_str())
                        && toks[..at]
                            .iter()
                            .position(|t| t.range == p.range)
                            .is_some_and(|i| {
                                toks[i + 1..at].iter().any(|t| {
                                    t.word
                                        && !AUXILIARIES.contains(&t.lower.as_str())
                                        && !is_adverb(&t.lower)
                                        && !matches!(
                                            t.lower.as_str(),
                                            "was" | "were" | "is" | "are" | "be" | "been"
                                        )
                                })
                            })
                });
            let np = if contact {
                np[..np.len() - 1].to_vec()
            } else {
                np
            };
            person(&they_resolved(toks, region, np), names)
        }
        None if region == start => {
            insertion_subject(toks, start, names).or_else(|| speaker(toks, names))
        }
        None => None,
    };
    found.or_else(|| {
        let end = toks[at..]
            .iter()
            .position(|t| !t.word)
            .map_or(toks.len(), |p| at + p);
        let by = (at..end).find(|&i| toks[i].lower == "by")?;
        agent(toks, by, names)
    })
}

/// The speaker of a chat line (`03:12 <priya> ...`, `15:50 Noel: ...`, `14:22 @marcus: ...`):
/// the one a line without a subject of its own speaks for.
fn speaker(toks: &[Tok], _names: &[Vec<String>]) -> Option<Person> {
    let time = toks.first().filter(|t| {
        t.word && t.text.contains(':') && t.text.bytes().all(|b| b.is_ascii_digit() || b == b':')
    })?;
    let _ = time;
    let (who, mark) = match (toks.get(1), toks.get(2), toks.get(3)) {
        (Some(open), Some(name), Some(close))
            if open.text == "<" && name.word && close.text == ">" =>
        {
            (name, close)
        }
        (Some(name), Some(colon), _) if name.word && colon.text == ":" => (name, colon),
        _ => return None,
    };
    let _ = mark;
    Some(Person {
        text: who.text.to_string(),
        named: false,
    })
}

/// A present participle (`running`, `using`), not a noun that ends like one.
fn is_participle(w: &str) -> bool {
    w.len() > 5
        && w.ends_with("ing")
        && !matches!(
            w,
            "morning"
                | "evening"
                | "building"
                | "ceiling"
                | "string"
                | "monitoring"
                | "paging"
                | "logging"
                | "ticketing"
                | "billing"
                | "routing"
                | "hosting"
                | "offering"
                | "warning"
                | "setting"
                | "meeting"
                | "training"
                | "landing"
                | "briefing"
        )
}

/// A word that is most likely a verb in the past tense, or a common one.
fn is_verb(w: &str) -> bool {
    (w.len() > 4 && w.ends_with("ed") && !matches!(w, "speed" | "seed" | "feed" | "need"))
        || COMMON_VERBS.contains(&w)
}

/// Verbs, mostly irregular, that post-mortems use for what someone did.
const COMMON_VERBS: &[&str] = &[
    "ran",
    "run",
    "runs",
    "set",
    "sets",
    "gave",
    "give",
    "took",
    "take",
    "made",
    "put",
    "sent",
    "told",
    "left",
    "chose",
    "choose",
    "read",
    "wrote",
    "did",
    "went",
    "got",
    "kept",
    "lost",
    "broke",
    "saw",
    "found",
    "began",
    "thought",
    "knew",
    "came",
    "held",
    "pulled",
    "pushed",
    "pressed",
    "clicked",
    "typed",
    "entered",
    "selected",
    "picked",
    "opened",
    "closed",
    "loaded",
    "applied",
    "deployed",
    "merged",
    "rolled",
    "restarted",
    "deleted",
    "removed",
];

/// The agent of a passive: the noun phrase after `by`, in the same clause.
fn agent(toks: &[Tok], from: usize, names: &[Vec<String>]) -> Option<Person> {
    let mut i = from;
    while i < toks.len() && toks[i].word && i < from + 3 {
        if toks[i].lower == "by" {
            let np: Vec<&Tok> = toks[i + 1..]
                .iter()
                .take_while(|t| {
                    t.word
                        && !PREPOSITIONS.contains(&t.lower.as_str())
                        && !RELATIVES.contains(&t.lower.as_str())
                        && !OPENERS.contains(&t.lower.as_str())
                        && t.lower != "that"
                })
                .collect();
            return person(&np, names);
        }
        i += 1;
    }
    None
}

/// The subject of an active verb (or adverb) at `at`.
fn active_subject(toks: &[Tok], at: usize, names: &[Vec<String>]) -> Option<Person> {
    let last = skip_back(toks, at)?;
    if !toks[last].word {
        // Nothing in the verb's own part: see below.
        return insertion_subject(toks, last + 1, names).or_else(|| speaker(toks, names));
    }
    // The clause before the verb: back to the last mark (`,` `;` `:` `(`...) of the sentence.
    let start = toks[..=last]
        .iter()
        .rposition(|t| !t.word)
        .map_or(0, |p| p + 1);
    match noun_phrase(&toks[start..=last]) {
        Some(np) => person(&they_resolved(toks, start, np), names),
        None => insertion_subject(toks, start, names).or_else(|| speaker(toks, names)),
    }
}

/// The subject of a verb whose own part of the sentence (from `start`) has none: the one
/// before an insertion set off by commas (`the engineer, who was on call, missed`).
fn insertion_subject(toks: &[Tok], start: usize, names: &[Vec<String>]) -> Option<Person> {
    let mut end = start.checked_sub(1)?;
    loop {
        if toks[end].text != "," {
            return None;
        }
        let seg_start = toks[..end]
            .iter()
            .rposition(|t| !t.word)
            .map_or(0, |p| p + 1);
        let seg = &toks[seg_start..end];
        if !is_insertion(seg) {
            let np = leading_noun_phrase(seg)?;
            return person(&they_resolved(toks, seg_start, np), names);
        }
        end = seg_start.checked_sub(1)?;
    }
}

/// A part of a sentence between commas that describes something rather than acts: a relative
/// clause or a participle phrase.
fn is_insertion(seg: &[Tok]) -> bool {
    let first = seg
        .iter()
        .map(|t| t.lower.as_str())
        .find(|w| *w != "and" && *w != "but");
    first.is_some_and(|w| {
        RELATIVES.contains(&w)
            || w.ends_with("ing")
            || matches!(w, "having" | "under" | "despite" | "which" | "whose")
    })
}

/// The subject noun phrase of the words before a verb: after the last word that opens a
/// clause, before any relative clause, without a trailing prepositional phrase.
fn noun_phrase<'t, 'a>(part: &'t [Tok<'a>]) -> Option<Vec<&'t Tok<'a>>> {
    let mut start = 0;
    for (i, t) in part.iter().enumerate() {
        let w = t.lower.as_str();
        let complementizer = w == "that" && i > 0 && SAYING.contains(&part[i - 1].lower.as_str());
        if OPENERS.contains(&w) || complementizer {
            start = i + 1;
        }
    }
    if start == part.len()
        && start > 0
        && matches!(
            part[start - 1].lower.as_str(),
            "and" | "but" | "then" | "or"
        )
    {
        // `X loaded the file but did not load ...`: the subject of both verbs is X.
        return leading_noun_phrase(&part[..start]);
    }
    let part = &part[start..];
    // `X who ...`, `X that ...` (after a noun): the subject is X.
    let cut = part
        .iter()
        .enumerate()
        .position(|(i, t)| RELATIVES.contains(&t.lower.as_str()) || (t.lower == "that" && i > 0))
        .unwrap_or(part.len());
    let part = &part[..cut];
    // `the engineer running the task`: a participle phrase after the head.
    let cut = part
        .iter()
        .enumerate()
        .position(|(i, t)| {
            i > 0
                && is_participle(&t.lower)
                && !matches!(
                    part[i - 1].lower.as_str(),
                    "the" | "a" | "an" | "our" | "their" | "this" | "that"
                )
        })
        .unwrap_or(part.len());
    let part = &part[..cut];
    let cut = part
        .iter()
        .position(|t| PREPOSITIONS.contains(&t.lower.as_str()))
        .unwrap_or(part.len());
    // `one of the operators`, `none of the engineers`: the head is after `of`.
    if cut + 1 < part.len()
        && part[cut].lower == "of"
        && part[..cut]
            .last()
            .is_some_and(|q| QUANTIFIERS.contains(&q.lower.as_str()))
    {
        let np: Vec<&Tok> = part[cut + 1..].iter().collect();
        return Some(np);
    }
    let np: Vec<&Tok> = part[..cut]
        .iter()
        .filter(|t| !AUXILIARIES.contains(&t.lower.as_str()) && !is_adverb(&t.lower))
        .collect();
    (!np.is_empty()).then_some(np)
}

/// The noun phrase a part of a sentence starts with (after any word that opens a clause), up
/// to a relative clause, a preposition or a verb: the subject of a verb that follows the
/// part's insertions (`the three people on the bridge, who ..., failed`).
fn leading_noun_phrase<'t, 'a>(seg: &'t [Tok<'a>]) -> Option<Vec<&'t Tok<'a>>> {
    let words: Vec<&Tok> = seg
        .iter()
        .skip_while(|t| OPENERS.contains(&t.lower.as_str()))
        .collect();
    let end = |from: usize| {
        words[from..]
            .iter()
            .position(|t| {
                let w = t.lower.as_str();
                !t.word
                    || RELATIVES.contains(&w)
                    || w == "that"
                    || PREPOSITIONS.contains(&w)
                    || BE.contains(&w)
                    || AUXILIARIES.contains(&w)
                    || (is_verb(w) && !ROLES.contains(&w))
            })
            .map_or(words.len(), |p| from + p)
    };
    let np_end = end(0);
    // `one of our engineers`: the head is after `of`.
    if np_end + 1 < words.len()
        && words[np_end].lower == "of"
        && words[..np_end]
            .last()
            .is_some_and(|q| QUANTIFIERS.contains(&q.lower.as_str()))
    {
        let after = np_end + 1;
        let end_after = end(after);
        return (end_after > after).then(|| words[after..end_after].to_vec());
    }
    (np_end > 0).then(|| words[..np_end].to_vec())
}

/// `they` as its antecedent: the subject of the clause before it in the sentence.
fn they_resolved<'t, 'a>(
    toks: &'t [Tok<'a>],
    start: usize,
    np: Vec<&'t Tok<'a>>,
) -> Vec<&'t Tok<'a>> {
    if np.last().is_none_or(|t| t.lower != "they") || start == 0 {
        return np;
    }
    let before = &toks[..start.saturating_sub(1)];
    let seg_start = before.iter().position(|t| t.word).unwrap_or(0);
    let first_part_end = before[seg_start..]
        .iter()
        .position(|t| !t.word)
        .map_or(before.len(), |p| seg_start + p);
    leading_noun_phrase(&before[seg_start..first_part_end]).unwrap_or(np)
}

/// The person a noun phrase names, by its last word (its head) or a name in it.
fn person(np: &[&Tok], names: &[Vec<String>]) -> Option<Person> {
    let head = np.last()?;
    let text = np.iter().map(|t| t.text).collect::<Vec<_>>().join(" ");
    let raw: Vec<&str> = np.iter().map(|t| t.text).collect();
    if is_name(&raw, names) {
        return Some(Person { text, named: true });
    }
    let h = head.lower.as_str();
    let before_head = np.len().checked_sub(2).map(|i| np[i].lower.as_str());
    let someone = h == "one" && matches!(before_head, Some("no" | "every" | "some" | "any"));
    if PRONOUNS.contains(&h) || h == "they" || someone {
        return Some(Person { text, named: false });
    }
    // Software: `the cert-manager operator`, `the Kafka operator`, `the build agent`.
    if matches!(
        h,
        "operator" | "operators" | "agent" | "agents" | "controller" | "worker" | "workers"
    ) && np.len() >= 2
    {
        let modifier = np[np.len() - 2];
        let proper = modifier.text.chars().next().is_some_and(char::is_uppercase) && np.len() >= 3;
        if modifier.text.contains(['-', '_'])
            || proper
            || modifier.lower.ends_with("'s")
            || SOFTWARE.contains(&modifier.lower.as_str())
        {
            return None;
        }
    }
    (is_person_word(h) && !head.text.contains(['_', '/'])).then_some(Person { text, named: false })
}

/// A role or a word for people, singular or plural.
fn is_person_word(w: &str) -> bool {
    let singular = w.strip_suffix('s').unwrap_or(w);
    ROLES.contains(&w) || ROLES.contains(&singular) || w == "no-one"
}

/// Whether the words end with one of the names (as written: `Marcus`, not `marcus-db-01` or
/// `JIM`), or contain a whole multi-word name.
fn is_name(words: &[&str], names: &[Vec<String>]) -> bool {
    let Some(last) = words.last() else {
        return false;
    };
    names.iter().any(|name| {
        name.iter().any(|part| {
            let title_case = last.chars().next().is_some_and(char::is_uppercase)
                && !last.chars().skip(1).any(char::is_uppercase);
            // A lowercase handle (`jdoe`) is matched as it is written.
            let handle = part.chars().all(|c| !c.is_uppercase()) && last == part;
            (title_case && last.to_lowercase() == *part) || handle
        })
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbered_items_start_sentences_and_only_a_lines_start_is_read() {
        assert!(numbered_item("12. The page was missed"));
        assert!(!numbered_item("Version 1. The page"));
        assert!(!numbered_item(". The page"));
        assert!(!numbered_item("12.5 seconds"));
        let text = "The job stopped\n3. The engineer forgot the flag\nand more";
        let cut: Vec<&str> = sentences(text)
            .into_iter()
            .map(|r| text[r].trim())
            .collect();
        assert_eq!(cut[0], "The job stopped");
        assert_eq!(cut[1..], ["3.", "The engineer forgot the flag\nand more"]);
    }

    fn names() -> Vec<Vec<String>> {
        [
            "Priya Raman",
            "Marcus",
            "Dana Kowalski",
            "Jim",
            "Noel",
            "Sasha Ito",
        ]
        .iter()
        .map(|n| n.split_whitespace().map(str::to_lowercase).collect())
        .collect()
    }

    fn blamed(s: &str) -> Option<String> {
        let always = [Phrase {
            words: vec!["human".into(), "error".into()],
            text: "human error".into(),
            suggestion: String::new(),
        }];
        find(s, &names(), &always)
            .first()
            .map(|b| b.subject.clone().unwrap_or_else(|| b.expression.clone()))
    }

    #[test]
    fn subjects_are_found_across_insertions_and_relative_clauses() {
        assert_eq!(
            blamed("An engineer mistakenly wiped the data directory.").as_deref(),
            Some("An engineer")
        );
        assert_eq!(
            blamed("Operators missed the loss of a generator.").as_deref(),
            Some("Operators")
        );
        assert_eq!(
            blamed("The engineer, who was on call that night, missed the page.").as_deref(),
            Some("The engineer")
        );
        assert_eq!(
            blamed("Someone on the night shift forgot to re-arm the alert.").as_deref(),
            Some("Someone")
        );
        assert_eq!(
            blamed("The page was missed by the on-call engineer, who was away.").as_deref(),
            Some("the on-call engineer")
        );
        assert_eq!(
            blamed("Marcus's typo sent traffic to the old cluster.").as_deref(),
            Some("Marcus's")
        );
        assert_eq!(
            blamed("When the contractors rotated the keys, they overlooked a region.").as_deref(),
            Some("the contractors")
        );
    }

    #[test]
    fn a_domain_name_is_one_word() {
        assert_eq!(
            blamed("80% of IPs served for flutter.dev fail to serve correctly."),
            None
        );
    }

    #[test]
    fn a_clause_about_a_thing_is_not_its_subject() {
        assert_eq!(blamed("Nothing I read was wrong."), None);
        assert_eq!(blamed("The one thing we changed was wrong."), None);
        assert!(blamed("The second thing I was wrong about was the cost.").is_some());
    }

    #[test]
    fn systems_passives_and_quotes_are_not_blamed() {
        for s in [
            "The monitoring system failed to alarm when the queue grew.",
            "Backup generators failed to come online.",
            "The parser failed to parse the header.",
            "The page was missed.",
            "Requests that missed the cache fell through to the database.",
            "The replicas were restarted, but they failed to rejoin the cluster.",
            "The operator failed over the database to the standby.",
            "The alert said \"possible human error\" and was ignored by the deduplicator.",
            "The host marcus-db-01 failed to rejoin the cluster.",
            "The cert-manager operator failed to renew the certificate.",
            "The misconfigured load balancer sent traffic to a drained pool.",
        ] {
            assert_eq!(blamed(s), None, "{s}");
        }
        assert_eq!(
            blamed("Root cause: human error.").as_deref(),
            Some("human error")
        );
    }
}
