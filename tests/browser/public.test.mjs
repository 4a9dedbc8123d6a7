// The demo's public site (`hindsight build --public`): its three public incidents, served
// under /status/. Every page loads cleanly (no console error, failed request or script from
// content), every link resolves, and the times written in UTC are also shown in the reader's
// zone by the theme's own script file.
//
// Run: scripts/browser-tests.sh. Environment: HINDSIGHT_BIN, CHROMIUM (see harness.mjs).

import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { REPO, createSite } from "./harness.mjs";

const PREFIX = "/status/";
const site = createSite({ root: REPO, prefix: PREFIX, args: ["--public"] });
const { withPage, goto } = site;

describe("the demo's public site", () => {
  before(() => site.start(), { timeout: 60_000 });
  after(() => site.stop());

  test("every page and file it links to resolves and loads cleanly", { timeout: 60_000 }, async () => {
    const { fetched, failures } = await site.crawlAll([PREFIX, `${PREFIX}sitemap.xml`]);
    assert.deepEqual(failures, [], `URLs that do not resolve:\n  ${failures.join("\n  ")}`);
    assert.ok(fetched.includes(`${PREFIX}feed.json`), "the JSON Feed is linked");
  });

  test("an incident page shows its times in UTC and in the reader's zone", { timeout: 30_000 }, async () => {
    await withPage({ timezoneId: "Asia/Tokyo" }, async (page) => {
      await goto(page, `${PREFIX}incidents/2018-02-20-api-dns-misconfiguration/`);
      const started = page.locator("tr.time-started td");
      await page.locator("tr.time-started .local-time").waitFor();
      const text = await started.innerText();
      assert.match(text, /2018-02-21 07:10 UTC/);
      assert.match(text, /your time/);
      // Every script of the page is one of the site's own files.
      const inline = await page.locator("script:not([src])").count();
      assert.equal(inline, 0, "no inline script");
      assert.equal(await page.locator(".internal-part").count(), 0, "no internal box");
    });
  });
});
