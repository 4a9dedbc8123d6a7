import { createSite, REPO } from "./harness.mjs";
const site = createSite({ root: process.env.KB || REPO, prefix: "/kb/" });
await site.start();
for (const w of [1920, 1366, 1181, 1180, 1000, 800, 641, 640, 390, 320]) {
  const p = await site.openPage({ viewport: { width: w, height: 800 } });
  await p.page.goto(`${site.origin}/kb/`);
  const r = await p.page.evaluate(() => ({ h: document.querySelector(".site-header").getBoundingClientRect().height, sw: document.documentElement.scrollWidth,
    vis: [...document.querySelectorAll(".header-row > *")].filter((e) => e.offsetParent).map((e) => e.className.split(" ")[0] + "@" + Math.round(e.getBoundingClientRect().top)).join(" ") }));
  console.log(w, JSON.stringify(r));
  await p.close();
}
await site.stop();
