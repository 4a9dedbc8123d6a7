// Accessibility: axe-core (the npm package, injected into each page; no network) checks every
// kind of page of both example KBs, the demo (content/) and examples/real-shapes, in the light
// and the dark theme, with every rule axe runs by default. A page passes with 0 violations; a
// failure lists each one with its rule, the element's selector and a snippet of its HTML.
//
// Dark is checked both ways the theme can be dark: the OS preference (Chromium's colour scheme
// set to dark) and the toggle (html.dark over a light OS), and the toggle's light over a dark
// OS, since each takes a different path through the stylesheets.
//
// Run: scripts/browser-tests.sh (or `node --test axe.test.mjs` here after a build).

import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import path from "node:path";
import { REPO, assertClean, createSite } from "./harness.mjs";
import { DEMO_PAGES, PUBLIC_PAGES, REAL_SHAPES_PAGES } from "./kinds.mjs";

const AXE_SOURCE = await readFile(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");

// The ways to see the site: Chromium's colour scheme, and what the toggle stored.
const MODES = {
  light: { colorScheme: "light", stored: null },
  dark: { colorScheme: "dark", stored: null },
  "dark (toggle)": { colorScheme: "light", stored: "dark" },
  "light (toggle)": { colorScheme: "dark", stored: "light" },
};
// The toggled modes on the pages with the most colours of their own: code, diagrams, charts.
const TOGGLED = new Set(["", "incidents/2018-02-20-api-dns-misconfiguration/", "incidents/2021-11-26-billing-double-charge/", "incidents/2019-08-27-publish-queue-backlog/", "metrics/", "incidents/leap-second-2012/"]);

const KBS = [
  { name: "the demo", root: REPO, prefix: "/docs/kb/", pages: DEMO_PAGES },
  { name: "the demo's public site", root: REPO, prefix: "/status/", pages: PUBLIC_PAGES, args: ["--public"], searchFrom: "" },
  { name: "examples/real-shapes", root: path.join(REPO, "examples", "real-shapes"), prefix: "/kb/", pages: REAL_SHAPES_PAGES },
];

/** One line per violating element: page, mode, rule, impact, target, snippet and why. */
function describeViolations(where, violations) {
  const lines = [];
  for (const v of violations) {
    for (const node of v.nodes) {
      const snippet = node.html.replace(/\s+/g, " ").slice(0, 160);
      const why = (node.failureSummary || "").split("\n").slice(1).join(" ").trim().slice(0, 200);
      lines.push(`${where}: ${v.id} (${v.impact}) at ${node.target.join(" >> ")}\n      ${snippet}\n      ${why}`);
    }
  }
  return lines;
}

/** Runs axe on the page as it is now; returns its violations. */
async function axe(page) {
  if (!(await page.evaluate(() => typeof window.axe === "object"))) await page.evaluate(AXE_SOURCE);
  return page.evaluate(async () => {
    const r = await window.axe.run(document, { resultTypes: ["violations"] });
    return r.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      nodes: v.nodes.map((n) => ({ target: n.target.map(String), html: n.html, failureSummary: n.failureSummary })),
    }));
  });
}

for (const kb of KBS) {
  const site = createSite({ root: kb.root, prefix: kb.prefix, args: kb.args || [] });

  describe(`axe-core on ${kb.name}`, () => {
    before(() => site.start(), { timeout: 60_000 });
    after(() => site.stop());

    for (const [mode, { colorScheme, stored }] of Object.entries(MODES)) {
      const pages = kb.pages
        .map((p) => (typeof p === "string" ? { path: p } : p))
        .filter((p) => !stored || TOGGLED.has(p.path));
      if (pages.length === 0) continue;

      test(`${pages.length} pages, ${mode}: no violations`, { timeout: 180_000 }, async (t) => {
        const p = await site.openPage({ colorScheme, reducedMotion: "reduce" });
        const found = [];
        try {
          const { page } = p;
          if (stored) {
            await page.addInitScript((t) => localStorage.setItem("hindsight-theme", t), stored);
          }
          for (const { path: rel, ready, status = 200 } of pages) {
            const url = `${site.origin}${kb.prefix}${rel}`;
            if (status !== 200) p.allow(status, url);
            const res = await page.goto(url);
            assert.equal(res?.status(), status, `status of ${url}`);
            await page.waitForLoadState("networkidle");
            for (const selector of ready || []) await page.locator(selector).first().waitFor();
            const dark = await page.evaluate(() => getComputedStyle(document.documentElement).colorScheme);
            assert.equal(dark, mode.startsWith("dark") ? "dark" : "light", `${rel}: the page is ${mode}`);
            found.push(...describeViolations(`${kb.prefix}${rel} [${mode}]`, await axe(page)));
          }
          // The header's search box with its results open.
          if (!stored || mode === "dark (toggle)") {
            const from = kb.searchFrom ?? "causes/";
            await page.goto(`${site.origin}${kb.prefix}${from}`);
            await page.locator("form.site-search input[type=search]").fill("cert");
            await page.locator("[data-search-results] .search-hit").first().waitFor();
            found.push(...describeViolations(`${kb.prefix}${from} with the search box open [${mode}]`, await axe(page)));
          }
        } finally {
          await p.close();
        }
        assert.deepEqual(found, [], `${found.length} accessibility violations:\n  ${found.join("\n  ")}`);
        assertClean(p.problems);
        t.diagnostic(`${pages.length} pages checked`);
      });
    }
  });
}
