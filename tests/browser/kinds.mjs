// The kinds of page of both example KBs, the demo (content/) and examples/real-shapes, as
// paths under each site's prefix: what the axe-core and the phone suites walk. A page given as
// { path, ready } waits for each selector of `ready`; `status` is the answer it expects.

// The search page with its results and the facet buttons, which come after them.
export const SEARCH_READY = ["[data-search-hits] .search-hit", "[data-search-facets] button"];

export const DEMO_PAGES = [
  "",
  "incidents/",
  "incidents/2017-04-06-linkedin-app/",
  "incidents/2019-08-27-publish-queue-backlog/", // a fishbone and a why-because graph
  "incidents/2021-11-26-billing-double-charge/", // JSON code
  "incidents/2020-02-11-migration-table-lock/", // SQL code
  "incidents/2018-06-05-runaway-analytics-cron/",
  "incidents/2018-02-20-api-dns-misconfiguration/", // an "Internal" box
  "causes/",
  "causes/personal-admin-accounts/",
  "categories/", // the archive-wide fishbone
  "categories/tools/",
  "services/",
  "services/database/",
  "tags/dns/",
  "severities/sev1/",
  "years/2019/",
  "reading-lists/",
  "reading-lists/onboarding/",
  "pages/about/",
  "pages/how-we-run-postmortems/",
  "metrics/",
  "follow-ups/",
  "follow-ups/owners/sre-team/",
  "follow-ups/teams/sre/",
  "completeness/",
  { path: "search/?q=deploy", ready: SEARCH_READY },
  { path: "no-such-page/", status: 404 },
];

export const REAL_SHAPES_PAGES = [
  "",
  "incidents/",
  "incidents/leap-second-2012/", // no front matter, code
  "incidents/1907-08-29-quebec-bridge/",
  "incidents/2021-11-03-duplicate-payouts-from-pw-08/",
  "incidents/2023-05-22-bank-mtls-intermediate-expired/",
  "incidents/ops-review-auth-mtls-certificate-expiry-march-2020/",
  "causes/",
  "categories/",
  "categories/tools/",
  "services/",
  "services/search/",
  "severities/unrated/",
  "reading-lists/",
  "metrics/",
  "follow-ups/",
  "completeness/",
  { path: "search/?q=leap+second", ready: SEARCH_READY },
  { path: "no-such-page/", status: 404 },
];


// The demo's public site (`build --public`): its home, an incident, search and the 404 page.
export const PUBLIC_PAGES = [
  "",
  "incidents/2018-02-20-api-dns-misconfiguration/",
  { path: "search/?q=certificate", ready: SEARCH_READY },
  { path: "no-such-page/", status: 404 },
];
