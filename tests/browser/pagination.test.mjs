// Lists split into pages, in Chromium: a generated KB of 23 incidents at five a page. The
// archive shows one page; sorting or filtering loads the row shards and answers over every
// incident; clearing the filter brings the page back; the page links lead on. A hostile title
// stays text when the script builds rows from the shards.
//
// Run: scripts/browser-tests.sh (or `node --test pagination.test.mjs` here after a build).

import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { mkdtemp, mkdir, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { createSite } from "./harness.mjs";

const PREFIX = "/kb/";
const TIMEOUT = { timeout: 30_000 };
const SEVERITIES = ["SEV1", "SEV2", "SEV3", "SEV4"];
const HOSTILE = `<img src=x onerror="window.__pwned=1">`;

/** Writes the KB: 23 incidents over 2019-2023, severities in turn, one hostile title. */
async function writeKb(root) {
  await mkdir(path.join(root, "content", "incidents"), { recursive: true });
  await writeFile(path.join(root, "hindsight.toml"), 'title = "Paged"\n[pagination]\npage_size = 5\n');
  for (let i = 0; i < 23; i++) {
    const year = 2019 + (i % 5);
    const id = `${year}-03-${String(i + 1).padStart(2, "0")}-incident-${i}`;
    const title = i === 7 ? `Queue stalled ${HOSTILE}` : `Incident number ${String(i).padStart(2, "0")}`;
    const text = [
      "---",
      `title: ${JSON.stringify(title)}`,
      `severity: ${SEVERITIES[i % 4]}`,
      `started: ${id.slice(0, 10)}T10:00:00Z`,
      `resolved: ${id.slice(0, 10)}T${String(11 + (i % 9)).padStart(2, "0")}:00:00Z`,
      `services: [svc-${i % 3}]`,
      "---",
      "",
      "## Summary",
      "",
      `What happened in incident ${i}.`,
      "",
    ].join("\n");
    await writeFile(path.join(root, "content", "incidents", `${id}.md`), text);
  }
}

const tmp = await mkdtemp(path.join(os.tmpdir(), "hindsight-paged-"));
await writeKb(tmp);
const site = createSite({ root: tmp, prefix: PREFIX });
const { withPage, goto } = site;

describe("a KB split into pages, in Chromium", () => {
  before(() => site.start(), { timeout: 60_000 });
  after(async () => {
    await site.stop();
    await rm(tmp, { recursive: true, force: true });
  });

  test("every page of every list loads cleanly", { timeout: 60_000 }, async () => {
    const crawled = await site.crawl([PREFIX, `${PREFIX}incidents/`, `${PREFIX}follow-ups/`, `${PREFIX}services/`], 200);
    assert.ok(crawled >= 15, `crawled ${crawled}`);
  });

  test("archive: a filter or a sort answers over every incident, not one page", TIMEOUT, async () => {
    await withPage({}, async (page) => {
      await goto(page, `${PREFIX}incidents/`);
      const form = page.locator("[data-archive-filters]");
      await form.waitFor({ state: "visible" });
      const rows = page.locator("[data-archive] tbody tr:not([hidden])");
      const nav = page.locator("[data-archive-pages]");
      assert.equal(await rows.count(), 5, "one page of five");
      assert.ok(await nav.isVisible(), "the page links show");

      // Six of the 23 are SEV1 (0, 4, 8, 12, 16, 20): more than a page holds.
      await form.locator('select[name="severity"]').selectOption("SEV1");
      await page.waitForFunction(() => document.querySelectorAll("[data-archive] tbody tr:not([hidden])").length === 6);
      const sevs = await rows.locator(".badge.sev").allTextContents();
      assert.deepEqual([...new Set(sevs.map((s) => s.trim()))], ["SEV1"]);
      assert.match(await page.locator("[data-archive-count]").textContent(), /^6 of 23 incidents/);
      assert.ok(!(await nav.isVisible()), "page links hide while a filter is on");

      // Clearing the filter brings the page back as it was.
      await form.locator('select[name="severity"]').selectOption("");
      await page.waitForFunction(() => document.querySelectorAll("[data-archive] tbody tr:not([hidden])").length === 5);
      assert.ok(await nav.isVisible());

      // Sort by title, ascending: the first is the alphabetically first of all 23.
      const title = page.locator('[data-archive] thead th[data-sort="title"] button');
      await title.click(); // descending first
      await title.click(); // then ascending
      await page.waitForFunction(() => {
        const row = document.querySelector("[data-archive] tbody tr:not([hidden])");
        return row && row.cells[1].textContent.trim() === "Incident number 00";
      });
      const first = (await rows.first().locator("td").nth(1).textContent()).trim();
      assert.equal(first, "Incident number 00");
      const all = await rows.count();
      assert.equal(all, 23, "every incident, sorted");

      // The hostile title, built from a shard, is text: no image element, nothing ran.
      const hostile = rows.filter({ hasText: "Queue stalled" });
      assert.equal(await hostile.count(), 1);
      assert.equal(await hostile.locator("img").count(), 0);
      assert.ok((await hostile.textContent()).includes(HOSTILE));
      assert.equal(await page.evaluate(() => window.__pwned), undefined);
    });
  });

  test("the page links lead through the archive and back", TIMEOUT, async () => {
    await withPage({}, async (page) => {
      await goto(page, `${PREFIX}incidents/`);
      await page.locator(".pagination a[rel=next]").click();
      await page.waitForURL(`**${PREFIX}incidents/page/2/`);
      assert.match(await page.title(), /page 2 of 5/);
      assert.equal(await page.locator(".pagination [aria-current=page]").textContent(), "2");
      await page.locator(".pagination a", { hasText: "5" }).click();
      await page.waitForURL(`**${PREFIX}incidents/page/5/`);
      assert.equal(await page.locator("[data-archive] tbody tr").count(), 3, "23 = 4 × 5 + 3");
      assert.equal(await page.locator(".pagination a[rel=next]").count(), 0);
      await page.locator(".pagination a[rel=prev]").click();
      await page.waitForURL(`**${PREFIX}incidents/page/4/`);
    });
  });
});
