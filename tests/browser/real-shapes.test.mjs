// The browser suite over examples/real-shapes: post-mortems as teams already keep them (no
// front matter, Hugo and Jekyll front matter, the Google, PagerDuty and Atlassian templates,
// date-only and undated, unrated). The KB is built with the binary under test, served under
// /kb/, and opened in headless Chromium; every page must load cleanly, and the things such a
// folder brings (undated and unrated incidents, titles from headings and file names) must read
// right to a person.
//
// Run: scripts/browser-tests.sh (or `node --test real-shapes.test.mjs` here after a build).

import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import path from "node:path";
import { REPO, createSite } from "./harness.mjs";

const PREFIX = "/kb/";
const TIMEOUT = { timeout: 30_000 };
const site = createSite({ root: path.join(REPO, "examples", "real-shapes"), prefix: PREFIX });
const { withPage, goto } = site;

describe("examples/real-shapes in Chromium", () => {
  before(() => site.start(), { timeout: 60_000 });
  after(() => site.stop());

  test("every page linked from the home, archive, analysis and browse pages loads cleanly", { timeout: 60_000 }, async (t) => {
    const from = ["", "incidents/", "causes/", "categories/", "services/", "metrics/", "follow-ups/", "completeness/"];
    const crawled = await site.crawl(from.map((p) => PREFIX + p), 400);
    assert.ok(crawled >= 40, `found ${crawled} links to crawl`);
    t.diagnostic(`crawled ${crawled} pages`);
  });

  test("archive: undated and unrated incidents can be picked out with the filters", TIMEOUT, async () => {
    await withPage({}, async (page) => {
      await goto(page, `${PREFIX}incidents/`);
      const form = page.locator("[data-archive-filters]");
      await form.waitFor({ state: "visible" });
      const rows = page.locator("[data-archive] tbody tr");
      const total = await rows.count();
      const visible = () =>
        rows.evaluateAll((trs) =>
          trs
            .filter((tr) => !tr.hidden && tr.getClientRects().length > 0)
            .map((tr) => ({
              date: tr.cells[0].textContent.trim(),
              sev: tr.querySelector(".badge.sev")?.textContent.trim(),
            })),
        );

      const years = await form.locator('select[name="year"] option').allTextContents();
      assert.ok(years.includes("undated"), `the year filter offers undated: ${years}`);
      await form.locator('select[name="year"]').selectOption("undated");
      const undated = await visible();
      assert.ok(undated.length >= 1 && undated.length < total, `${undated.length} undated of ${total}`);
      assert.ok(undated.every((r) => r.date === "Undated"), JSON.stringify(undated));
      await form.locator('select[name="year"]').selectOption("");

      const severities = await form.locator('select[name="severity"] option').allTextContents();
      assert.ok(severities.includes("unrated"), `the severity filter offers unrated: ${severities}`);
      await form.locator('select[name="severity"]').selectOption("unrated");
      const unrated = await visible();
      assert.ok(unrated.length > 0 && unrated.length < total, `${unrated.length} unrated of ${total}`);
      assert.ok(unrated.every((r) => r.sev === "unrated"), JSON.stringify(unrated));

      // Undated incidents come last in the archive's default order.
      await form.locator('select[name="severity"]').selectOption("");
      const all = await visible();
      const firstUndated = all.findIndex((r) => r.date === "Undated");
      assert.ok(all.slice(firstUndated).every((r) => r.date === "Undated"), "undated rows are together at the end");

      // Sorted by time to resolve, either way, the rows whose end is not known come last.
      const ttrButton = page.locator('[data-archive] thead th[data-sort="ttr"] button');
      const resolvedIn = () =>
        rows.evaluateAll((trs) =>
          trs.filter((tr) => !tr.hidden).map((tr) => Number(tr.dataset.ttr)),
        );
      for (const click of [1, 2]) {
        await ttrButton.click();
        const ttr = await resolvedIn();
        const firstUnknown = ttr.findIndex((m) => m < 0);
        assert.ok(firstUnknown > 0, `click ${click}: known times first: ${ttr}`);
        assert.ok(ttr.slice(firstUnknown).every((m) => m < 0), `click ${click}: unknown ones last: ${ttr}`);
      }
    });
  });

  test("a post-mortem without front matter: its heading is the title, shown once", TIMEOUT, async () => {
    await withPage({}, async (page) => {
      await goto(page, `${PREFIX}incidents/leap-second-2012/`);
      const h1 = page.locator("h1");
      assert.equal(await h1.count(), 1, "one h1");
      assert.match(await h1.textContent(), /leap second/i);
      assert.match(await page.title(), /leap second/i);
      // Its timeline is lines of text, not a list: the leap second (23:59:60) starts it.
      assert.equal((await page.locator(".times .time-started td").first().textContent()).trim(), "2012-06-30 23:59 UTC");
      // The checklist is a calm badge, not a banner.
      assert.equal(await page.locator(".incident-header .missing").count(), 0);
      assert.match(await page.locator(".badge.completeness").textContent(), /checklist \d\/\d/);
    });
  });

  test("a start known to the day only shows the day, and no durations", TIMEOUT, async () => {
    await withPage({}, async (page) => {
      // Eight days told by their dates alone (`6–14 June 2022`): the start is a day, no time.
      await goto(page, `${PREFIX}incidents/2022-06-14-search-relevance-regression/`);
      assert.equal((await page.locator(".times .time-started td").first().textContent()).trim(), "2022-06-06");
      assert.equal(await page.locator(".durations").count(), 0);
      // "On 3 February 2016, starting at about 14:15, ...": the opening names the time.
      await goto(page, `${PREFIX}incidents/2016-02-03-checkout-redis-oom/`);
      assert.equal(
        (await page.locator(".times .time-started td").first().textContent()).trim(),
        "2016-02-03 14:15 UTC",
      );
    });
  });

  test("a post-mortem with neither front matter nor a heading is titled from its file name", TIMEOUT, async () => {
    await withPage({}, async (page) => {
      await goto(page, `${PREFIX}incidents/2021-11-03-duplicate-payouts-from-pw-08/`);
      assert.equal((await page.locator("h1").textContent()).trim(), "Duplicate payouts from pw-08");
      assert.match(await page.locator(".incident-header time").textContent(), /2021-11-03/);
    });
  });

  test("an image kept beside a post-mortem shows on its page", TIMEOUT, async () => {
    await withPage({}, async (page) => {
      await goto(page, `${PREFIX}incidents/pm2021-004-sso-signing-certificate-expired/`);
      const img = page.locator('main img[alt^="Failed sign-ins per minute"]');
      await img.waitFor();
      const loaded = await img.evaluate((el) => el.complete && el.naturalWidth);
      assert.equal(loaded, 160, "the PNG beside the Markdown file loaded");
    });
  });

  test("search finds an imported post-mortem by what it is about", TIMEOUT, async () => {
    await withPage({}, async (page) => {
      await goto(page, `${PREFIX}search/?q=leap+second`);
      const first = page.locator("[data-search-hits] .search-hit a").first();
      await first.waitFor();
      const hrefs = await page.locator("[data-search-hits] .search-hit a").evaluateAll((as) => as.map((a) => a.getAttribute("href")));
      assert.ok(
        hrefs.slice(0, 3).includes(`${PREFIX}incidents/leap-second-2012/`),
        `the 2012 leap second write-up is in the first three: ${hrefs.slice(0, 3)}`,
      );
      // An undated post-mortem's result says so, rather than starting with a separator.
      await goto(page, `${PREFIX}search/?q=metadata+cell+split`);
      const hit = page.locator("[data-search-hits] .search-hit", { hasText: "metadata cell" }).first();
      await hit.waitFor();
      const meta = (await hit.locator(".search-meta").textContent()).trim();
      assert.match(meta, /^Undated · unrated$/, meta);
    });
  });
});
