// Phones and wide screens, as a reader sees them: every kind of page of both example KBs at
// 390 x 844 scrolls only up and down (nothing sticks out past the right edge, except inside a
// diagram or table frame that scrolls on its own and says so), keeps its header to one row,
// and draws diagram text at 12 px or more and chart text at 11 px or more as rendered. The
// header's Menu and search buttons, the search sheet, and the search page's Filters button
// are used with the mouse and the keyboard; at 1366 px the header is one row too.
//
// Run: scripts/browser-tests.sh (or `node --test phone.test.mjs` here after a build).

import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import path from "node:path";
import { REPO, assertClean, createSite } from "./harness.mjs";
import { DEMO_PAGES, PUBLIC_PAGES, REAL_SHAPES_PAGES } from "./kinds.mjs";

const AXE_SOURCE = await readFile(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");
const PHONE = { width: 390, height: 844 };
const WIDE = { width: 1366, height: 900 };
const TIMEOUT = { timeout: 180_000 };

const KBS = [
  { name: "the demo", root: REPO, prefix: "/docs/kb/", pages: DEMO_PAGES, query: "deploy", drawings: true },
  { name: "the demo's public site", root: REPO, prefix: "/status/", pages: PUBLIC_PAGES, query: "certificate", args: ["--public"], sections: false },
  { name: "examples/real-shapes", root: path.join(REPO, "examples", "real-shapes"), prefix: "/kb/", pages: REAL_SHAPES_PAGES, query: "leap second", drawings: true },
];

/** axe-core's violations on the page as it is now, one line each. */
async function axeViolations(page, where) {
  if (!(await page.evaluate(() => typeof window.axe === "object"))) await page.evaluate(AXE_SOURCE);
  const found = await page.evaluate(async () => {
    const r = await window.axe.run(document, { resultTypes: ["violations"] });
    return r.violations.flatMap((v) => v.nodes.map((n) => `${v.id} at ${n.target.join(" >> ")}: ${n.html.slice(0, 120)}`));
  });
  return found.map((f) => `${where}: ${f}`);
}

/** What the page looks like now: overflow, the header's row, the smallest diagram and chart text. */
function measure() {
  const vw = document.documentElement.clientWidth;
  const describe = (el) =>
    el.tagName.toLowerCase() + (el.id ? `#${el.id}` : "") +
    (typeof el.className === "string" && el.className.trim() ? `.${el.className.trim().split(/\s+/).join(".")}` : "");
  const sticksOut = (el) => {
    const r = el.getBoundingClientRect();
    return r.width > 0 && r.right > vw + 1;
  };
  const offenders = [];
  for (const el of document.body.querySelectorAll("*")) {
    if (el.parentElement?.closest(".table-scroll, .diagram-scroll, pre")) continue;
    if (!sticksOut(el) || (el.parentElement !== document.body && sticksOut(el.parentElement))) continue;
    offenders.push(`${describe(el)} (right edge at ${Math.round(el.getBoundingClientRect().right)}px)`);
  }
  // Header: every visible item of the row sits beside the others (their boxes overlap in height).
  const header = document.querySelector(".site-header");
  const items = [...header.querySelectorAll(".header-row > *")].filter((e) => e.getClientRects().length > 0 && getComputedStyle(e).display !== "none");
  const boxes = items.map((e) => e.getBoundingClientRect());
  const oneRow = boxes.every((a) => boxes.every((b) => a.top < b.bottom && b.top < a.bottom));
  // Rendered text size in an SVG: its font size times the drawing's scale.
  const smallest = (sel) => {
    let min = Infinity;
    for (const t of document.querySelectorAll(sel)) {
      const svg = t.ownerSVGElement;
      const box = svg?.getBoundingClientRect();
      if (!svg || !box || box.width === 0 || !svg.viewBox.baseVal?.width) continue;
      const px = parseFloat(getComputedStyle(t).fontSize) * (box.width / svg.viewBox.baseVal.width);
      min = Math.min(min, px);
    }
    return min;
  };
  // A diagram frame that scrolls sideways says so in its caption.
  const silentScroll = [...document.querySelectorAll(".diagram-scroll")]
    .filter((box) => box.getClientRects().length > 0 && box.scrollWidth > box.clientWidth + 1)
    .filter((box) => box.closest("figure").querySelector("[data-scroll-hint]")?.hidden !== false)
    .map((box) => box.getAttribute("aria-label"));
  return {
    vw,
    sw: document.documentElement.scrollWidth,
    offenders,
    header: Math.round(header.getBoundingClientRect().height),
    oneRow,
    items: items.map(describe),
    diagram: smallest("svg.diagram text"),
    chart: smallest("svg.chart text"),
    silentScroll,
  };
}

for (const kb of KBS) {
  const site = createSite({ root: kb.root, prefix: kb.prefix, args: kb.args });

  describe(`phones and wide screens on ${kb.name}`, () => {
    before(() => site.start(), { timeout: 60_000 });
    after(() => site.stop());

    for (const [label, viewport] of [["390 px", PHONE], ["1366 px", WIDE]]) {
      test(`${label}: every kind of page, one header row, no sideways scroll, legible diagrams and charts`, TIMEOUT, async (t) => {
        const p = await site.openPage({ viewport });
        const problems = [];
        let diagrams = 0;
        let charts = 0;
        try {
          for (const entry of kb.pages) {
            const { path: rel, status = 200 } = typeof entry === "string" ? { path: entry } : entry;
            const url = `${site.origin}${kb.prefix}${rel}`;
            if (status !== 200) p.allow(status, url);
            const res = await p.page.goto(url);
            assert.equal(res?.status(), status, `status of ${url}`);
            await p.page.waitForLoadState("networkidle");
            if (rel.startsWith("search/")) await p.page.locator("[data-search-hits] .search-hit").first().waitFor();
            // Folded diagrams are opened so that they are measured too.
            for (const d of await p.page.locator("details.diagram-other").all()) await d.locator("summary").click();
            const m = await p.page.evaluate(measure);
            const where = `${kb.prefix}${rel} at ${label}`;
            if (m.sw > m.vw + 1 || m.offenders.length) problems.push(`${where}: ${m.sw}px wide in ${m.vw}px; sticking out: ${m.offenders.join(", ") || "nothing found"}`);
            if (!m.oneRow || m.header > 72) problems.push(`${where}: the header is ${m.header}px tall, items ${m.oneRow ? "in one row" : "on several rows"}: ${m.items.join(", ")}`);
            if (m.diagram !== Infinity) {
              diagrams++;
              if (m.diagram < 12 - 0.05) problems.push(`${where}: diagram text drawn at ${m.diagram.toFixed(1)}px`);
            }
            if (m.chart !== Infinity) {
              charts++;
              if (m.chart < 11 - 0.05) problems.push(`${where}: chart text drawn at ${m.chart.toFixed(1)}px`);
            }
            if (m.silentScroll.length) problems.push(`${where}: ${m.silentScroll.join(", ")} scrolls sideways without saying so`);
          }
        } finally {
          await p.close();
        }
        assert.deepEqual(problems, [], `\n  ${problems.join("\n  ")}`);
        if (kb.drawings) assert.ok(diagrams > 0 && charts > 0, `diagrams measured on ${diagrams} pages, charts on ${charts}`);
        assertClean(p.problems);
        t.diagnostic(`${kb.pages.length} pages; diagrams on ${diagrams}, charts on ${charts}`);
      });
    }

    test("390 px: Menu opens the links under the header; Escape closes them", { ...TIMEOUT, skip: kb.sections === false && "the public site has one section" }, async () => {
      await site.withPage({ viewport: PHONE }, async (page) => {
        await site.goto(page, kb.prefix);
        const menu = page.locator("[data-nav-toggle]");
        const nav = page.locator("#site-nav");
        assert.ok(await menu.isVisible(), "a Menu button");
        assert.ok(await nav.isHidden(), "the links wait behind it");
        await menu.click();
        assert.equal(await menu.getAttribute("aria-expanded"), "true");
        assert.ok(await nav.isVisible(), "Menu shows the links");
        const causes = nav.getByRole("link", { name: "Causes" });
        const box = await causes.boundingBox();
        assert.ok(box.height >= 24 && box.width >= 44, `a link big enough to tap: ${JSON.stringify(box)}`);
        await page.keyboard.press("Escape");
        assert.ok(await nav.isHidden(), "Escape closes them");
        assert.equal(await page.evaluate(() => document.activeElement?.dataset.navToggle !== undefined), true, "and returns to Menu");
        await menu.click();
        await Promise.all([page.waitForURL(/\/causes\/$/), causes.click()]);
      });
    });

    test("390 px: the search button opens a full-width sheet with results; Escape folds it", TIMEOUT, async () => {
      await site.withPage({ viewport: PHONE }, async (page) => {
        await site.goto(page, kb.prefix);
        const open = page.locator("[data-search-open]");
        const input = page.locator("form.site-search input[type=search]");
        assert.ok(await open.isVisible(), "a search button");
        assert.ok(await input.isHidden(), "instead of a 37 px box");
        await open.click();
        assert.equal(await input.evaluate((el) => el === document.activeElement), true, "the box has the focus");
        const box = await input.boundingBox();
        assert.ok(box.width >= 260, `the box is ${box.width}px wide`);
        await page.keyboard.type(kb.query.split(" ")[0], { delay: 20 });
        const hit = page.locator("[data-search-results] .search-hit").first();
        await hit.waitFor();
        const panel = await page.locator("[data-search-results]").boundingBox();
        assert.ok(panel.x >= 0 && panel.x + panel.width <= PHONE.width + 1, `results inside the screen: ${JSON.stringify(panel)}`);
        await page.keyboard.press("Escape");
        assert.ok(await input.isHidden(), "Escape folds the sheet");
        assert.equal(await open.getAttribute("aria-expanded"), "false");
        assert.equal(await page.evaluate(() => document.activeElement?.dataset.searchOpen !== undefined), true, "and returns to the button");
        // `/` opens it too; Close folds it.
        await page.keyboard.press("/");
        assert.ok(await input.isVisible(), "/ opens the sheet");
        await page.locator("[data-search-close]").click();
        assert.ok(await input.isHidden(), "Close folds it");
      });
    });

    test("390 px: the search page shows results first, facets behind Filters", TIMEOUT, async () => {
      await site.withPage({ viewport: PHONE }, async (page) => {
        await site.goto(page, `${kb.prefix}search/?q=${encodeURIComponent(kb.query)}`);
        const hit = page.locator("[data-search-hits] .search-hit").first();
        await hit.waitFor();
        const top = (await hit.boundingBox()).y;
        assert.ok(top < PHONE.height, `the first result starts at ${Math.round(top)}px, on the first screen`);
        const facets = page.locator("[data-search-facets]");
        assert.ok(await facets.isHidden(), "facets wait behind Filters");
        const filters = page.locator("[data-filters-toggle]");
        await filters.click();
        assert.equal(await filters.getAttribute("aria-expanded"), "true");
        const facet = facets.locator("button[data-facet]").first();
        await facet.waitFor();
        await facet.click();
        assert.match(await filters.textContent(), /^Filters \(1\)$/, "the button counts the filter in use");
        await page.waitForFunction(() => new URL(location.href).searchParams.size >= 2);
      });
    });

    for (const colorScheme of ["light", "dark"]) {
      test(`390 px, ${colorScheme}: axe-core finds nothing with the menu, the search sheet or the filters open`, TIMEOUT, async () => {
        await site.withPage({ viewport: PHONE, colorScheme, reducedMotion: "reduce" }, async (page) => {
          const found = [];
          await site.goto(page, kb.prefix);
          found.push(...(await axeViolations(page, "home")));
          await page.locator("[data-nav-toggle]").click();
          found.push(...(await axeViolations(page, "home, menu open")));
          await page.keyboard.press("Escape");
          await page.locator("[data-search-open]").click();
          await page.keyboard.type(kb.query.split(" ")[0], { delay: 20 });
          await page.locator("[data-search-results] .search-hit").first().waitFor();
          found.push(...(await axeViolations(page, "home, search sheet open")));
          await site.goto(page, `${kb.prefix}search/?q=${encodeURIComponent(kb.query)}`);
          await page.locator("[data-search-hits] .search-hit").first().waitFor();
          await page.locator("[data-filters-toggle]").click();
          await page.locator("[data-search-facets] button").first().waitFor();
          found.push(...(await axeViolations(page, "search page, filters open")));
          assert.deepEqual(found, [], `${found.length} accessibility violations:\n  ${found.join("\n  ")}`);
        });
      });
    }
  });
}
