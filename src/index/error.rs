//! Why a search gives no results: a query it refuses (with a message for the person who typed
//! it, from the contract's templates, so the static client says the same), or the tool
//! failing. Callers tell the two apart: `hindsight search` exits 2 either way, `/api/search`
//! answers 400 to a refusal and 500 to a failure.

use super::contract::{FIELDS, FILTERS, MESSAGES, fill, shorten};
use jiff::civil::Date;

/// A search that did not run.
#[derive(Debug)]
pub enum SearchError {
    /// No words and no filter.
    Empty,
    /// Text without a word to look for (`?!`); `query` as typed.
    NoWords { query: String },
    /// Only `-exclusions`: nothing selects.
    OnlyExclusions,
    /// A `"` that is not closed.
    UnclosedQuote,
    /// `name:` is neither a text field nor a filter.
    UnknownField { name: String },
    /// `filter:` with no value (`tag:""`).
    MissingValue { filter: &'static str },
    /// A filter value no incident has, and the closest one there is.
    UnknownValue {
        filter: &'static str,
        value: String,
        closest: Option<String>,
    },
    /// `since` after `until`: no day is in the range.
    BadDateRange { since: Date, until: Date },
    /// The KB has no index to search: search is turned off, or no build has finished.
    NoIndex,
    /// The tool failed: the config or the index could not be read, tantivy failed.
    Failed(anyhow::Error),
}

impl SearchError {
    /// Whether the query was refused (rather than the tool failing).
    pub fn is_refusal(&self) -> bool {
        !matches!(self, SearchError::Failed(_))
    }
}

impl std::fmt::Display for SearchError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let m = &MESSAGES;
        let text = match self {
            SearchError::Empty => m.empty.to_string(),
            SearchError::NoWords { query } => fill(m.no_words, &[("query", &shorten(query))]),
            SearchError::OnlyExclusions => m.only_exclusions.to_string(),
            SearchError::UnclosedQuote => m.unclosed_quote.to_string(),
            SearchError::UnknownField { name } => {
                let fields: Vec<&str> = FIELDS.iter().map(|f| f.name).collect();
                let filters: Vec<&str> = FILTERS.iter().map(|f| f.name).collect();
                fill(
                    m.unknown_field,
                    &[
                        ("name", name),
                        ("fields", &fields.join(", ")),
                        ("filters", &filters.join(", ")),
                    ],
                )
            }
            SearchError::MissingValue { filter } => {
                let example = FILTERS
                    .iter()
                    .find(|f| f.name == *filter)
                    .map_or("", |f| f.example);
                fill(m.missing_value, &[("filter", filter), ("example", example)])
            }
            SearchError::UnknownValue {
                filter,
                value,
                closest,
            } => {
                let value = shorten(value);
                match closest {
                    Some(c) => fill(
                        m.unknown_value_closest,
                        &[("filter", filter), ("value", &value), ("closest", c)],
                    ),
                    None => fill(m.unknown_value, &[("filter", filter), ("value", &value)]),
                }
            }
            SearchError::BadDateRange { since, until } => {
                format!("since {since} is after until {until}: no incident can match")
            }
            SearchError::NoIndex => "this KB has no search index: search is turned off in \
                                     hindsight.toml, or no build has finished yet"
                .to_string(),
            SearchError::Failed(e) => format!("{e:#}"),
        };
        f.write_str(&text)
    }
}

impl std::error::Error for SearchError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            SearchError::Failed(e) => Some(e.as_ref()),
            _ => None,
        }
    }
}

impl From<anyhow::Error> for SearchError {
    fn from(e: anyhow::Error) -> Self {
        SearchError::Failed(e)
    }
}

impl From<tantivy::TantivyError> for SearchError {
    fn from(e: tantivy::TantivyError) -> Self {
        SearchError::Failed(anyhow::Error::new(e).context("cannot read the search index"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refusals_and_failures_are_told_apart() {
        let since = jiff::civil::date(2020, 1, 2);
        let until = jiff::civil::date(2020, 1, 1);
        let refused = SearchError::BadDateRange { since, until };
        assert!(refused.is_refusal());
        assert_eq!(
            refused.to_string(),
            "since 2020-01-02 is after until 2020-01-01: no incident can match"
        );
        assert!(SearchError::NoIndex.is_refusal());
        let failed = SearchError::from(anyhow::anyhow!("disk on fire"));
        assert!(!failed.is_refusal());
        assert_eq!(failed.to_string(), "disk on fire");
    }

    #[test]
    fn messages_come_from_the_contract_with_values_shortened() {
        let long = "x".repeat(200);
        let message = SearchError::UnknownValue {
            filter: "tag",
            value: long,
            closest: Some("dns".into()),
        }
        .to_string();
        assert!(message.starts_with("no incident has tag `xxx"), "{message}");
        assert!(message.ends_with("…`; did you mean `dns`?"), "{message}");
        assert_eq!(
            SearchError::NoWords { query: "?!".into() }.to_string(),
            "`?!` has no words to look for"
        );
    }
}
