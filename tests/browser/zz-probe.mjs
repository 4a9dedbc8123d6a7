import { createSite, REPO } from "./harness.mjs";
import path from "node:path";
const site = createSite({ root: process.env.KB || REPO, prefix: "/kb/" });
await site.start();
const pages = (process.env.PAGES || "incidents/2019-08-27-publish-queue-backlog/,metrics/,search/?q=deploy,").split(",");
for (const width of [390, 1366]) {
  const p = await site.openPage({ viewport: { width, height: 844 } });
  for (const rel of pages) {
    await p.page.goto(`${site.origin}/kb/${rel}`); await p.page.waitForLoadState("networkidle");
    const r = await p.page.evaluate(() => {
      const h = document.querySelector(".site-header").getBoundingClientRect().height;
      const sizes = (sel) => [...document.querySelectorAll(sel)].map((t) => {
        const svg = t.ownerSVGElement; if (!svg || !svg.viewBox.baseVal || svg.viewBox.baseVal.width === 0) return null;
        const scale = svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;
        return parseFloat(getComputedStyle(t).fontSize) * scale; }).filter((x) => x);
      const min = (a) => a.length ? Math.min(...a).toFixed(1) : "-";
      const main = document.querySelector(".incident-main, main")?.getBoundingClientRect().width;
      const hit = document.querySelector(".search-hit")?.getBoundingClientRect().top;
      const facet = document.querySelector(".search-facets")?.getBoundingClientRect().top;
      return { header: h, sw: document.documentElement.scrollWidth, diag: min(sizes(".diagram text")), chart: min(sizes("svg.chart text")), main, hit, facet };
    });
    console.log(width, rel, JSON.stringify(r));
  }
  await p.close();
}
await site.stop();
