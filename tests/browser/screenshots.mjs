// Screenshots of the demo site for docs/screenshots/: the incident, metrics, search and
// follow-ups pages at 1366 and 390 px wide, light and dark. Builds the demo with the binary
// under test, serves it, and drives headless Chromium, as the browser tests do; each page must
// load cleanly. Not a test: run it with scripts/screenshots.sh after changing the theme.

import { mkdir } from "node:fs/promises";
import path from "node:path";
import { REPO, createSite } from "./harness.mjs";

const PREFIX = "/";
const OUT = path.join(REPO, "docs", "screenshots");
const PAGES = [
  ["incident", "incidents/2017-04-06-linkedin-app/"],
  ["metrics", "metrics/"],
  ["search", "search/?q=deploy"],
  ["follow-ups", "follow-ups/"],
];
const SIZES = [
  ["1366", { width: 1366, height: 900 }],
  ["390", { width: 390, height: 844 }],
];

const site = createSite({ root: REPO, prefix: PREFIX });
await site.start();
try {
  await mkdir(OUT, { recursive: true });
  for (const [name, url] of PAGES) {
    for (const [size, viewport] of SIZES) {
      for (const scheme of ["light", "dark"]) {
        await site.withPage({ viewport, colorScheme: scheme, deviceScaleFactor: 1 }, async (page) => {
          await site.goto(page, PREFIX + url);
          if (name === "search") await page.locator("[data-search-hits] .search-hit").first().waitFor();
          const file = path.join(OUT, `${name}-${size}-${scheme}.png`);
          await page.screenshot({ path: file });
          console.log(path.relative(REPO, file));
        });
      }
    }
  }
} finally {
  await site.stop();
}
