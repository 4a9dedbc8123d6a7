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

  test("follow-ups narrow by kind, status and words", TIMEOUT, async () => {
    await withPage({}, async (page) => {
      await goto(page, `${PREFIX}follow-ups/`);
      const form = page.locator("[data-action-filters]");
      await form.waitFor({ state: "visible" });
      const rows = page.locator("table.action-table tbody tr");
      const total = await rows.count();
      const visible = () => rows.evaluateAll((trs) => trs.filter((tr) => !tr.hidden).map((tr) => ({
        kind: tr.dataset.kind, status: tr.dataset.status, text: tr.textContent,
      })));
      await form.locator('select[name="kind"]').selectOption("detect");
      const detect = await visible();
      assert.ok(detect.length > 0 && detect.length < total, `${detect.length} of ${total}`);
      assert.ok(detect.every((r) => r.kind === "detect"));
      await form.locator('select[name="status"]').selectOption("done");
      const done = await visible();
      assert.ok(done.every((r) => r.kind === "detect" && r.status === "done"), JSON.stringify(done));
      assert.match(await form.locator("[data-action-count]").textContent(), new RegExp(`^${done.length} of ${total} items`));
      await form.locator('select[name="kind"]').selectOption("");
      await form.locator('select[name="status"]').selectOption("");
      await form.locator('input[name="q"]').fill("sre-team");
      const sre = await visible();
      assert.ok(sre.length > 0 && sre.every((r) => r.text.includes("sre-team")), `${sre.length}`);
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
