import { createSite, REPO } from "./harness.mjs";
const site = createSite({ root: process.env.KB || REPO, prefix: "/kb/" });
await site.start();
for (const [w, rel, name, full] of JSON.parse(process.env.SHOTS)) {
  const p = await site.openPage({ viewport: { width: w, height: 844 } });
  await p.page.goto(`${site.origin}/kb/${rel}`); await p.page.waitForLoadState("networkidle");
  if (process.env.CLICK) { await p.page.click(process.env.CLICK); await p.page.waitForTimeout(300); }
  if (process.env.SEL) await p.page.locator(process.env.SEL).first().screenshot({ path: `/tmp/probe/${name}.png` }); else await p.page.screenshot({ path: `/tmp/probe/${name}.png`, fullPage: !!full });
  await p.close();
}
await site.stop();
