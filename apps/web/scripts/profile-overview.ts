/*
 * Where the overview's first draw spends the page's CPU: a Chromium CPU profile from navigation to
 * one second after the first chart, summed by script and by function (self time), after one
 * untimed visit warms the server's answer cache. The figures behind charts/plain-tick.tsx.
 *
 *   [DATABASE_URL=postgres://…/many-towns] pnpm --filter @duty/web --silent profile:overview [--search "?page=departments"]
 *
 * PROFILE_OUT=file.json also writes the raw profile (open it in Chromium's DevTools, Performance).
 */
import { writeFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { launchBrowser } from "../src/e2e/browser.ts";
import { buildIfStale, startAtlas } from "../src/e2e/server.ts";

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
}
interface Profile {
  nodes: ProfileNode[];
  samples?: number[];
  timeDeltas?: number[];
}

const { values } = parseArgs({ options: { search: { type: "string", default: "" } } });

function top(totals: Map<string, number>, n: number): string {
  return [...totals]
    .sort((a, b) => b[1] - a[1])
    .slice(0, n)
    .map(([name, us]) => `${(us / 1000).toFixed(0).padStart(7)} ms  ${name}`)
    .join("\n");
}

buildIfStale();
const atlas = await startAtlas(process.env.DATABASE_URL ? { databaseUrl: process.env.DATABASE_URL } : {});
const browser = await launchBrowser();
try {
  for (const timed of [false, true]) {
    const context = await browser.newContext();
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await cdp.send("Profiler.enable");
    await cdp.send("Profiler.setSamplingInterval", { interval: 200 });
    await cdp.send("Profiler.start");
    await page.goto(`${atlas.url}/${values.search}`);
    await page.locator("[data-chart] g.bar, [data-chart] rect.cell").first().waitFor({ timeout: 60_000 });
    await page.waitForTimeout(1000);
    const { profile } = (await cdp.send("Profiler.stop")) as { profile: Profile };
    await context.close();
    if (!timed) continue;
    if (process.env.PROFILE_OUT) writeFileSync(process.env.PROFILE_OUT, JSON.stringify(profile));
    const nodes = new Map(profile.nodes.map((n) => [n.id, n]));
    const byScript = new Map<string, number>();
    const byFunction = new Map<string, number>();
    const samples = profile.samples ?? [];
    const deltas = profile.timeDeltas ?? [];
    for (let i = 0; i < samples.length; i++) {
      const frame = nodes.get(samples[i]!)?.callFrame;
      if (!frame) continue;
      const script = frame.url.split("/").pop() || frame.functionName;
      const fn = `${frame.functionName || "(anonymous)"} ${script}:${frame.lineNumber}`;
      byScript.set(script, (byScript.get(script) ?? 0) + (deltas[i] ?? 0));
      byFunction.set(fn, (byFunction.get(fn) ?? 0) + (deltas[i] ?? 0));
    }
    console.log(`self time by script:\n${top(byScript, 12)}\n\nself time by function:\n${top(byFunction, 25)}`);
  }
} finally {
  await browser.close();
  await atlas.stop();
}
