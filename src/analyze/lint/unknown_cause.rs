//! `unknown-cause`: a cause id used once in the whole KB that is a near miss of an existing id.
//! Shared causes only work when incidents share the id, so `settings-sprawls` next to
//! `settings-sprawl` is almost always a typo that hides a recurrence.

use super::{Cx, Rule, Setting, finding};
use crate::diag::Draft;

pub struct UnknownCause;

impl Rule for UnknownCause {
    fn code(&self) -> &'static str {
        "unknown-cause"
    }
    fn default_setting(&self) -> Setting {
        Setting::Warn
    }
    fn summary(&self) -> &'static str {
        "a cause id used once in the KB that is close to an existing one (\"did you mean `settings-sprawl`?\")"
    }
    fn fix(&self) -> &'static str {
        "use the existing id so the cause's page counts this incident; keep the new id only if it is a different cause"
    }
    fn check_kb(&self, cx: &Cx, out: &mut Vec<(usize, Draft)>) {
        let causes = &cx.kb.causes;
        // The recurring causes once: an imported archive has thousands of single ones.
        let recurring: Vec<_> = causes.iter().filter(|c| c.occurrences.len() > 1).collect();
        for single in causes.iter().filter(|c| c.occurrences.len() == 1) {
            let close = recurring
                .iter()
                .copied()
                .map(|other| (strsim::damerau_levenshtein(&single.id, &other.id), other))
                .filter(|(d, other)| *d <= 2 && other.id.len() >= 5)
                .min_by_key(|(d, _)| *d);
            if let Some((_, other)) = close {
                let o = single.occurrences[0];
                let inc = &cx.kb.incidents[o.incident];
                let entry = &inc.doc.causes[o.entry];
                let finding = finding(
                    entry.at("id", false),
                    format!("cause `{}` appears only here", single.id),
                )
                .help(format!(
                    "did you mean `{}`, which {} other incidents name?",
                    other.id,
                    other.occurrences.len()
                ));
                out.push((o.incident, finding));
            }
        }
    }
}
