// Finding one's way on long pages of the demo, in Chromium: "On this page" marks the section
// being read as the reader scrolls, and a long index (tags) narrows as you type.
//
// Run: scripts/browser-tests.sh (or `node --test navigation.test.mjs` here after a build).

import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { REPO, createSite } from "./harness.mjs";

const PREFIX = "/docs/kb/";
const TIMEOUT = { timeout: 30_000 };
const site = createSite({ root: REPO, prefix: PREFIX });
const { withPage, goto } = site;

describe("navigation on long pages, in Chromium", () => {
  before(() => site.start(), { timeout: 60_000 });
  after(() => site.stop());

  test("On this page marks the section on screen as the reader scrolls", TIMEOUT, async () => {
    await withPage({ viewport: { width: 1366, height: 700 } }, async (page) => {
      await goto(page, `${PREFIX}incidents/2017-04-06-linkedin-app/`);
      const current = () => page.evaluate(() => document.querySelector('nav.toc a[aria-current="location"]')?.getAttribute("href"));
      await page.waitForFunction(() => document.querySelector('nav.toc a[aria-current="location"]'));
      assert.equal(await current(), "#summary", "at the top, the first section");
      for (const id of ["five-whys", "hs-actions"]) {
        await page.evaluate((id) => document.getElementById(id).scrollIntoView({ block: "start" }), id);
        await page.waitForFunction((id) => document.querySelector('nav.toc a[aria-current="location"]')?.getAttribute("href") === `#${id}`, id);
      }
      assert.equal(await page.locator('nav.toc a[aria-current="location"]').count(), 1, "one section at a time");
    });
  });

  test("the tags index narrows as you type and says how many match", TIMEOUT, async () => {
    await withPage({}, async (page) => {
      await goto(page, `${PREFIX}tags/`);
      const box = page.locator("[data-term-filter]");
      await box.waitFor({ state: "visible" });
      const items = page.locator("#term-list > li");
      const total = await items.count();
      assert.ok(total > 12, `${total} tags`);
      await box.locator("input").fill("dns");
      const shown = await items.evaluateAll((lis) => lis.filter((li) => !li.hidden).map((li) => li.textContent));
      assert.ok(shown.length >= 1 && shown.length < total, `${shown.length} of ${total}`);
      assert.ok(shown.every((t) => t.toLowerCase().includes("dns")), JSON.stringify(shown));
      assert.equal(await box.locator("output").textContent(), `${shown.length} of ${total}`);
      await box.locator("input").fill("");
      assert.equal(await items.evaluateAll((lis) => lis.filter((li) => !li.hidden).length), total);
    });
  });
});
