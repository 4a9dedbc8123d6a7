//! Long lists split into pages the way Zola and Hugo users expect: a list's first page at its
//! own URL (`tags/postgres/`), the next ones under it (`tags/postgres/page/2/`). Takes a list's
//! URL, its length, the page size and a page number; gives that page's range of the list and
//! the [`Paginator`] its template shows (previous and next, a window of page links).

use serde::Serialize;
use std::ops::Range;

/// How many pages a list of `items` takes at `size` per page; an empty list still has one.
pub fn count(items: usize, size: usize) -> usize {
    items.div_ceil(size.max(1)).max(1)
}

/// The URL of page `n` (1-based) of the list at `base` (which ends in `/`).
pub fn url(base: &str, n: usize) -> String {
    if n <= 1 {
        base.to_owned()
    } else {
        format!("{base}page/{n}/")
    }
}

/// The part of a list of `items` that page `n` shows.
pub fn range(items: usize, size: usize, n: usize) -> Range<usize> {
    let size = size.max(1);
    let start = (n.max(1) - 1).saturating_mul(size).min(items);
    start..start.saturating_add(size).min(items)
}

/// One entry of the page links: a page number, or a gap (`…`) between distant numbers.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct PageLink {
    pub number: usize,
    pub url: String,
    pub current: bool,
    /// Pages were skipped between the previous link and this one.
    pub gap_before: bool,
}

/// What a paginated page's template receives as `paginator`.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct Paginator {
    /// This page's number, from 1.
    pub number: usize,
    pub total_pages: usize,
    /// How many items the whole list has, and the 1-based positions this page shows.
    pub total_items: usize,
    pub first_item: usize,
    pub last_item: usize,
    pub first: String,
    pub last: String,
    pub previous: Option<String>,
    pub next: Option<String>,
    /// The first and last pages, and the two either side of this one.
    pub pages: Vec<PageLink>,
}

impl Paginator {
    /// Page `n` of a list of `items` at `base`, `size` per page.
    pub fn new(base: &str, items: usize, size: usize, n: usize) -> Paginator {
        let total_pages = count(items, size);
        let number = n.clamp(1, total_pages);
        let shown = range(items, size, number);
        // The first and last pages and the window around this one, in order, without
        // walking every page number (a list may have thousands of pages).
        let mut numbers = vec![1];
        numbers.extend(number.saturating_sub(2).max(1)..=(number + 2).min(total_pages));
        numbers.push(total_pages);
        numbers.dedup();
        let mut pages = Vec::with_capacity(numbers.len());
        let mut last_listed = 0;
        for p in numbers {
            if p <= last_listed {
                continue;
            }
            pages.push(PageLink {
                number: p,
                url: url(base, p),
                current: p == number,
                gap_before: p > last_listed + 1,
            });
            last_listed = p;
        }
        Paginator {
            number,
            total_pages,
            total_items: items,
            first_item: if items == 0 { 0 } else { shown.start + 1 },
            last_item: shown.end,
            first: url(base, 1),
            last: url(base, total_pages),
            previous: (number > 1).then(|| url(base, number - 1)),
            next: (number < total_pages).then(|| url(base, number + 1)),
            pages,
        }
    }

    /// Whether the list spans more than one page (templates show the navigation only then).
    pub fn is_split(&self) -> bool {
        self.total_pages > 1
    }

    /// `" (page 2 of 5)"` after a title, nothing on a list's only page.
    pub fn title_suffix(&self) -> String {
        if self.is_split() && self.number > 1 {
            format!(" (page {} of {})", self.number, self.total_pages)
        } else {
            String::new()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn first_page_is_the_list_url_and_the_rest_sit_under_it() {
        assert_eq!(url("/tags/db/", 1), "/tags/db/");
        assert_eq!(url("/tags/db/", 2), "/tags/db/page/2/");
        assert_eq!(count(0, 50), 1);
        assert_eq!(count(50, 50), 1);
        assert_eq!(count(51, 50), 2);
        assert_eq!(range(51, 50, 2), 50..51);
        assert_eq!(range(10, 50, 1), 0..10);
        assert_eq!(range(10, 50, 9), 10..10);
    }

    #[test]
    fn the_paginator_links_neighbours_and_the_ends_with_gaps() {
        let p = Paginator::new("/incidents/", 1000, 50, 10);
        assert_eq!(p.total_pages, 20);
        assert_eq!(p.previous.as_deref(), Some("/incidents/page/9/"));
        assert_eq!(p.next.as_deref(), Some("/incidents/page/11/"));
        assert_eq!((p.first_item, p.last_item), (451, 500));
        let numbers: Vec<(usize, bool)> =
            p.pages.iter().map(|l| (l.number, l.gap_before)).collect();
        assert_eq!(
            numbers,
            [
                (1, false),
                (8, true),
                (9, false),
                (10, false),
                (11, false),
                (12, false),
                (20, true)
            ]
        );
        assert!(p.pages.iter().any(|l| l.current && l.number == 10));
        assert_eq!(p.title_suffix(), " (page 10 of 20)");
    }

    #[test]
    fn a_short_list_has_one_page_and_no_navigation() {
        let p = Paginator::new("/causes/x/", 3, 50, 1);
        assert!(!p.is_split());
        assert_eq!(p.previous, None);
        assert_eq!(p.next, None);
        assert_eq!(p.title_suffix(), "");
        assert_eq!((p.first_item, p.last_item), (1, 3));
        let empty = Paginator::new("/causes/x/", 0, 50, 1);
        assert_eq!((empty.first_item, empty.last_item), (0, 0));
    }
}
