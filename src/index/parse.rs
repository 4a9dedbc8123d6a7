//! The query language, as text -> a [`Parsed`] query: words (all must match), "quoted
//! phrases", `-excluded` words or phrases, `field:word` / `field:"phrase"` for a text field,
//! and `facet:value` filters (`severity:SEV1`, `-tag:dns`). The static site's search client
//! (`theme/static/assets/search.js`) reads queries with the same rules.

use super::{SearchError, TEXT_FIELDS};

/// The facets a query can filter on with `facet:value`, as the `--severity`... flags do.
pub const FILTERS: &[&str] = &["severity", "service", "cause", "category", "tag", "year"];

/// One thing to look for, in the order the user wrote it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Item {
    /// `-word`: documents with it are left out.
    pub negated: bool,
    /// `title:word`: an index into [`TEXT_FIELDS`]; `None` searches every text field.
    pub field: Option<usize>,
    /// The text as typed, without quotes, prefix or field; tokenized later.
    pub text: String,
    /// Written in quotes.
    pub quoted: bool,
}

/// An item written back as a query would have it: `-title:"load balancer"`.
impl std::fmt::Display for Item {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if self.negated {
            f.write_str("-")?;
        }
        if let Some(i) = self.field {
            write!(f, "{}:", TEXT_FIELDS[i].0)?;
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
}

/// A query, read.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Parsed {
    pub items: Vec<Item>,
    pub filters: Vec<Filter>,
}

/// The message for a `name:` that is neither a text field nor a filter.
pub fn unknown_field(name: &str) -> String {
    let fields: Vec<&str> = TEXT_FIELDS.iter().map(|(n, _)| *n).collect();
    format!(
        "`{name}:` is not a field; search in one of {}, or filter by {} (as in severity:SEV1)",
        fields.join(", "),
        FILTERS.join(", ")
    )
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
            if let Some(i) = TEXT_FIELDS.iter().position(|(n, _)| *n == name) {
                field = Some(i);
            } else if let Some(f) = FILTERS.iter().find(|f| **f == name) {
                filter = Some(*f);
            } else {
                return Err(SearchError(unknown_field(name)));
            }
            s = after;
        }
        let (text, quoted, after) = if let Some(r) = s.strip_prefix('"') {
            let Some(end) = r.find('"') else {
                return Err(SearchError(
                    "the query has a quote (\") that is not closed".into(),
                ));
            };
            (&r[..end], true, &r[end + 1..])
        } else {
            let end = s.find(char::is_whitespace).unwrap_or(s.len());
            (&s[..end], false, &s[end..])
        };
        if let Some(facet) = filter {
            let value = text.trim();
            if value.is_empty() {
                return Err(SearchError(format!(
                    "`{facet}:` needs a value, as in {facet}:{}",
                    example(facet)
                )));
            }
            out.filters.push(Filter {
                negated,
                facet,
                value: value.to_string(),
            });
        } else if !text.trim().is_empty() {
            out.items.push(Item {
                negated,
                field,
                text: text.to_string(),
                quoted,
            });
        }
        rest = after.trim_start();
    }
    Ok(out)
}

fn example(facet: &str) -> &'static str {
    match facet {
        "severity" => "SEV1",
        "service" => "database",
        "cause" => "expired-certificate",
        "category" => "process",
        "tag" => "dns",
        _ => "2024",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn item(negated: bool, field: Option<usize>, text: &str, quoted: bool) -> Item {
        Item {
            negated,
            field,
            text: text.into(),
            quoted,
        }
    }

    #[test]
    fn words_phrases_exclusions_and_fields() {
        let parsed =
            parse(r#"deploy "load balancer" -redis title:dns -body:"cache key" +x"#).unwrap();
        assert_eq!(
            parsed.items,
            [
                item(false, None, "deploy", false),
                item(false, None, "load balancer", true),
                item(true, None, "redis", false),
                item(false, Some(0), "dns", false),
                item(true, Some(2), "cache key", true),
                item(false, None, "x", false),
            ]
        );
        assert!(parsed.filters.is_empty());
    }

    #[test]
    fn facet_filters_are_read_apart_from_words() {
        let parsed = parse(r#"deploy severity:SEV1 -tag:dns service:"web-app" year:2019"#).unwrap();
        assert_eq!(parsed.items, [item(false, None, "deploy", false)]);
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
    fn colons_that_are_not_fields_are_text() {
        assert_eq!(
            parse("10:30").unwrap().items,
            [item(false, None, "10:30", false)]
        );
        assert_eq!(parse("a: b").unwrap().items.len(), 2);
        assert_eq!(
            parse("tag:").unwrap().items,
            [item(false, None, "tag:", false)]
        );
    }

    #[test]
    fn errors_say_what_is_wrong() {
        assert!(parse("\"open").unwrap_err().0.contains("not closed"));
        let unknown = parse("owner:x").unwrap_err().0;
        assert!(unknown.contains("`owner:` is not a field"), "{unknown}");
        assert!(unknown.contains("severity, service"), "{unknown}");
        assert!(
            parse("tag:\"\"")
                .unwrap_err()
                .0
                .contains("`tag:` needs a value")
        );
        assert_eq!(parse("  - \"\" ").unwrap(), Parsed::default());
    }
}
