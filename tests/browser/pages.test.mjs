// The demo site as a GitHub project Pages site publishes it: built with the base URL that
// actions/configure-pages gives the workflow `hindsight init` writes
// (`https://org.github.io/repo`, no trailing slash) and served under /repo/. Every link,
// asset, feed entry and search file must resolve under /repo/, and the pages must work there.
//
// Run: scripts/browser-tests.sh. Environment: HINDSIGHT_BIN, CHROMIUM (see harness.mjs).

import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { REPO, createSite, siteUrls } from "./harness.mjs";

const PREFIX = "/repo/";
const PUBLIC_ORIGIN = "https://org.github.io";

const site = createSite({ root: REPO, prefix: PREFIX, baseUrl: `${PUBLIC_ORIGIN}/repo` });
const { withPage, goto } = site;

describe("the demo as a project Pages site (https://org.github.io/repo)", () => {
  before(() => site.start(), { timeout: 60_000 });
  after(() => site.stop());

  test("every link, asset, feed entry and search file resolves under /repo/", { timeout: 60_000 }, async (t) => {
    // From home, and from the sitemap, which search engines are given rather than linked.
    const { fetched, failures } = await site.crawlAll([PREFIX, `${PREFIX}sitemap.xml`], { publicOrigin: PUBLIC_ORIGIN });
    assert.deepEqual(failures, [], `URLs that do not resolve under ${PREFIX}:\n  ${failures.join("\n  ")}`);
    const reached = new Set(fetched);
    const unreached = (await siteUrls(site.dir, PREFIX)).filter((u) => !reached.has(u));
    assert.deepEqual(unreached, [], "files of the site that nothing links to");
    t.diagnostic(`fetched ${fetched.length} URLs`);
  });

  test("the feed and the sitemap name pages on https://org.github.io/repo/", { timeout: 30_000 }, async () => {
    await withPage({}, async (page) => {
      for (const file of ["atom.xml", "sitemap.xml"]) {
        const res = await page.request.get(`${site.origin}${PREFIX}${file}`);
        assert.equal(res.status(), 200, file);
        const urls = [...(await res.text()).matchAll(/<loc>([^<]+)<\/loc>|<link\b[^>]*\bhref="([^"]+)"/g)].map((m) => m[1] || m[2]);
        assert.ok(urls.length >= 10, `${file} has ${urls.length} URLs`);
        for (const u of urls) assert.ok(u.startsWith(`${PUBLIC_ORIGIN}${PREFIX}`), `${file}: ${u}`);
      }
    });
  });

  test("pages linked from home and the archive load cleanly", { timeout: 45_000 }, async () => {
    const crawled = await site.crawl([PREFIX, `${PREFIX}incidents/`], 250);
    assert.ok(crawled >= 20, `found ${crawled} links to crawl`);
  });

  test("search finds incidents and its results open under /repo/", { timeout: 30_000 }, async () => {
    await withPage({}, async (page) => {
      await goto(page, `${PREFIX}search/?q=certificate`);
      const link = page.locator("[data-search-hits] .search-hit a").first();
      await link.waitFor();
      const href = await link.getAttribute("href");
      assert.ok(href.startsWith(`${PREFIX}incidents/`), href);
      await Promise.all([page.waitForURL((u) => u.pathname === href), link.click()]);
      assert.equal(await page.locator("main h1").count(), 1);
    });
  });
});
