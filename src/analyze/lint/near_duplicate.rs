//! `near-duplicate-term`: two services, teams or tags that are one thing spelt two ways
//! (`postgres` and `postgresql`, `network` and `networking`, `on-call` and `oncall`). Each
//! spelling gets its own page and its own count, so the pattern the KB exists to show is
//! split in two. Takes the KB's terms; gives one finding per less-used spelling, at its first
//! use, with the `[taxonomies.aliases]` line that merges it.

use super::{Cx, Rule, Setting, finding};
use crate::diag::{At, Draft};
use crate::model::{Term, TermGroup};

pub struct NearDuplicateTerm;

/// How many following terms (in sorted order) a term is compared with: spellings of one
/// thing sort next to each other, and the bound keeps the rule linear.
const WINDOW: usize = 8;

/// A term's letters and digits, lower-cased: `On-Call` and `oncall` are the same.
fn norm(id: &str) -> String {
    id.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

/// Whether two normalised spellings are one thing: equal, or one is the other with up to
/// three more letters (`postgres`/`postgresql`, `network`/`networking`), the shorter having
/// at least five letters so `dns` and `dnssec` stay apart.
fn near(a: &str, b: &str) -> bool {
    let (short, long) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    short == long
        || (short.chars().count() >= 5 && long.starts_with(short) && long.len() - short.len() <= 3)
}

impl Rule for NearDuplicateTerm {
    fn code(&self) -> &'static str {
        "near-duplicate-term"
    }
    fn default_setting(&self) -> Setting {
        Setting::Warn
    }
    fn summary(&self) -> &'static str {
        "two services, teams or tags that are one thing spelt two ways (`postgres` and `postgresql`)"
    }
    fn fix(&self) -> &'static str {
        "use one spelling, or merge them in hindsight.toml under [taxonomies.aliases]"
    }
    fn check_kb(&self, cx: &Cx, out: &mut Vec<(usize, Draft)>) {
        for (group, field) in [
            (TermGroup::Services, "services"),
            (TermGroup::Teams, "teams"),
            (TermGroup::Tags, "tags"),
        ] {
            let terms = group.terms(cx.kb);
            let mut sorted: Vec<(String, &Term)> = terms.iter().map(|t| (norm(&t.id), t)).collect();
            sorted.sort_by(|a, b| a.0.cmp(&b.0));
            for (k, (key, term)) in sorted.iter().enumerate() {
                let others = sorted.iter().skip(k + 1).take(WINDOW);
                for (_, other) in others.filter(|(o, _)| near(key, o)) {
                    // The less-used spelling is the one to change.
                    let (minor, major) = if term.incidents.len() < other.incidents.len()
                        || (term.incidents.len() == other.incidents.len() && term.id > other.id)
                    {
                        (*term, *other)
                    } else {
                        (*other, *term)
                    };
                    let Some(&first) = minor.incidents.first() else {
                        continue;
                    };
                    let doc = &cx.kb.incidents[first].doc;
                    let list = match group {
                        TermGroup::Services => &doc.services,
                        TermGroup::Teams => &doc.teams,
                        _ => &doc.tags,
                    };
                    let index = list.iter().position(|v| *v == minor.id).unwrap_or(0);
                    let noun = &field[..field.len() - 1];
                    let count = |n: usize| format!("{n} incident{}", if n == 1 { "" } else { "s" });
                    out.push((
                        first,
                        finding(
                            At::Yaml {
                                path: format!("{field}.{index}"),
                                key: false,
                            },
                            format!(
                                "{noun} `{}` ({}) looks like `{}` ({})",
                                minor.id,
                                count(minor.incidents.len()),
                                major.id,
                                count(major.incidents.len())
                            ),
                        )
                        .help(format!(
                            "write `{}`, or merge the two in hindsight.toml: [taxonomies.aliases] \"{}\" = \"{}\"",
                            major.id, minor.id, major.id
                        )),
                    ));
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spellings_of_one_thing_are_near_and_different_things_are_not() {
        assert!(near(&norm("postgres"), &norm("postgresql")));
        assert!(near(&norm("network"), &norm("networking")));
        assert!(near(&norm("On-Call"), &norm("oncall")));
        assert!(near(&norm("database"), &norm("databases")));
        assert!(!near(&norm("dns"), &norm("dnssec")));
        assert!(!near(&norm("api"), &norm("api-gateway")));
        assert!(!near(&norm("payments"), &norm("payouts")));
    }
}
