//! The query language, as text -> a [`Parsed`] query: words (all must match), "quoted
//! phrases", `-excluded` words or phrases, `field:word` / `field:"phrase"` for a text field,
//! and `facet:value` filters (`severity:SEV1`, `-tag:dns`). The static site's search client
//! (`theme/static/assets/search-engine.js`) reads queries with the same rules, and the field
//! and filter names from the contract, as this does. Each item and filter knows where it ends
//! in the query, so that search as you type can tell the one being typed.

use super::SearchError;
use super::contract::{FIELDS, FILTERS};

/// One thing to look for, in the order the user wrote it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Item {
    /// `-word`: documents with it are left out.
    pub negated: bool,
    /// `title:word`: an index into [`FIELDS`]; `None` searches every text field.
    pub field: Option<usize>,
    /// The text as typed, without quotes, prefix or field; tokenized later.
    pub text: String,
    /// Written in quotes.
    pub quoted: bool,
    /// Where it ends in the query, in bytes (after its closing quote).
    pub end: usize,
}

/// An item written back as a query would have it: `-title:"load balancer"`.
impl std::fmt::Display for Item {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if self.negated {
            f.write_str("-")?;
        }
        if let Some(i) = self.field {
            write!(f, "{}:", FIELDS[i].name)?;
        }
        if self.quoted {
            write!(f, "\"{}\"", self.text)
        } else {
            f.write_str(&self.text)
        }
    }
}

/// A `facet:value` filter: only incidents with this value (or, negated, without it).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Filter {
    pub negated: bool,
    /// One of [`FILTERS`].
    pub facet: &'static str,
    /// The value as typed; matched against the KB's values later.
    pub value: String,
    /// Where it ends in the query, in bytes; `None` for a filter given apart (a flag).
    pub end: Option<usize>,
}

/// A query, read.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Parsed {
    pub items: Vec<Item>,
    pub filters: Vec<Filter>,
}

/// Splits a query into items and filters. Errors: an unclosed quote, an unknown `field:`, and
/// a filter without a value (`tag:""`).
pub fn parse(query: &str) -> Result<Parsed, SearchError> {
    let mut out = Parsed::default();
    let mut rest = query.trim_start();
    while !rest.is_empty() {
        let mut negated = false;
        let mut s = rest;
        if let Some(r) = s.strip_prefix('-') {
            negated = true;
            s = r;
        } else if let Some(r) = s.strip_prefix('+') {
            s = r;
        }
        let mut field = None;
        let mut filter = None;
        if let Some((name, after)) = s.split_once(':')
            && !name.is_empty()
            && name.chars().all(|c| c.is_ascii_alphabetic())
            && !after.starts_with(char::is_whitespace)
            && !after.is_empty()
            // A pasted address (https://...) is words, not a field.
            && !after.starts_with("//")
        {
            if let Some(i) = FIELDS.iter().position(|f| f.name == name) {
                field = Some(i);
            } else if let Some(f) = FILTERS.iter().find(|f| f.name == name) {
                filter = Some(f.name);
            } else {
                return Err(SearchError::UnknownField {
                    name: name.to_string(),
                });
            }
            s = after;
        }
        let (text, quoted, after) = if let Some(r) = s.strip_prefix('"') {
            let Some(end) = r.find('"') else {
                return Err(SearchError::UnclosedQuote);
            };
            (&r[..end], true, &r[end + 1..])
        } else {
            let end = s.find(char::is_whitespace).unwrap_or(s.len());
            (&s[..end], false, &s[end..])
        };
        let end = query.len() - after.len();
        if let Some(facet) = filter {
            let value = text.trim();
            if value.is_empty() {
                return Err(SearchError::MissingValue { filter: facet });
            }
            out.filters.push(Filter {
                negated,
                facet,
                value: value.to_string(),
                end: Some(end),
            });
        } else if !text.trim().is_empty() {
            out.items.push(Item {
                negated,
                field,
                text: text.to_string(),
                quoted,
                end,
            });
        }
        rest = after.trim_start();
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// An item, without where it ends (see `ends_are_byte_offsets_after_the_token`).
    fn item(negated: bool, field: Option<usize>, text: &str, quoted: bool) -> Item {
        Item {
            negated,
            field,
            text: text.into(),
            quoted,
            end: 0,
        }
    }

    fn items(query: &str) -> Vec<Item> {
        let mut items = parse(query).unwrap().items;
        items.iter_mut().for_each(|i| i.end = 0);
        items
    }

    #[test]
    fn words_phrases_exclusions_and_fields() {
        let query = r#"deploy "load balancer" -redis title:dns -body:"cache key" +x"#;
        assert_eq!(
            items(query),
            [
                item(false, None, "deploy", false),
                item(false, None, "load balancer", true),
                item(true, None, "redis", false),
                item(false, Some(0), "dns", false),
                item(true, Some(2), "cache key", true),
                item(false, None, "x", false),
            ]
        );
        assert!(parse(query).unwrap().filters.is_empty());
    }

    #[test]
    fn facet_filters_are_read_apart_from_words() {
        let parsed = parse(r#"deploy severity:SEV1 -tag:dns service:"web-app" year:2019"#).unwrap();
        assert_eq!(
            items("deploy severity:SEV1"),
            [item(false, None, "deploy", false)]
        );
        let filters: Vec<(bool, &str, &str)> = parsed
            .filters
            .iter()
            .map(|f| (f.negated, f.facet, f.value.as_str()))
            .collect();
        assert_eq!(
            filters,
            [
                (false, "severity", "SEV1"),
                (true, "tag", "dns"),
                (false, "service", "web-app"),
                (false, "year", "2019"),
            ]
        );
    }

    #[test]
    fn ends_are_byte_offsets_after_the_token() {
        let parsed = parse("  déploy \"a b\"  tag:dn").unwrap();
        let ends: Vec<usize> = parsed.items.iter().map(|i| i.end).collect();
        assert_eq!(ends, [9, 15]);
        assert_eq!(parsed.filters[0].end, Some(23));
    }

    #[test]
    fn colons_that_are_not_fields_are_text() {
        assert_eq!(items("10:30"), [item(false, None, "10:30", false)]);
        assert_eq!(items("a: b").len(), 2);
        assert_eq!(items("tag:"), [item(false, None, "tag:", false)]);
    }

    #[test]
    fn errors_say_what_is_wrong() {
        let message = |q: &str| parse(q).unwrap_err().to_string();
        assert!(matches!(parse("\"open"), Err(SearchError::UnclosedQuote)));
        assert!(message("\"open").contains("not closed"));
        let unknown = message("owner:x");
        assert!(unknown.contains("`owner:` is not a field"), "{unknown}");
        assert!(unknown.contains("severity, service"), "{unknown}");
        assert!(unknown.contains("title, summary, body"), "{unknown}");
        assert_eq!(message("tag:\"\""), "`tag:` needs a value, as in tag:dns");
        assert_eq!(parse("  - \"\" ").unwrap(), Parsed::default());
    }
}
