/*
 * What each long task of a page's load is made of: a Chromium trace from navigation to 1.5 s after
 * the page is idle, after one untimed visit warms the server's answer cache. For every task over
 * 50 ms on the page's main thread it prints the task's start and length and its biggest parts
 * (script evaluation by file, compile, function calls by file and function, style, layout, paint).
 * The figures behind main.tsx's and draw-turn.tsx's choices about what runs in which task.
 *
 *   [DATABASE_URL=postgres://…/many-towns] pnpm --filter @duty/web --silent long-tasks [--search "?page=departments"] [--runs N]
 *
 * PROFILE_OUT=file.json also writes the last run's CPU profile and trace.
 */
import { writeFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { launchBrowser } from "../src/e2e/browser.ts";
import { buildIfStale, startAtlas } from "../src/e2e/server.ts";

interface ProfileNode {
  id: number;
  parent?: number;
  children?: number[];
  callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number };
}
interface Profile {
  nodes: ProfileNode[];
  startTime: number;
  samples?: number[];
  timeDeltas?: number[];
}

interface TraceEvent {
  name: string;
  cat?: string;
  ph: string;
  ts: number;
  dur?: number;
  /** The thread's CPU time in the event: its wall time less the time the OS gave the CPU to others. */
  tdur?: number;
  pid: number;
  tid: number;
  args?: { data?: { url?: string; functionName?: string; frame?: string } };
}

const { values } = parseArgs({ options: { search: { type: "string", default: "" }, runs: { type: "string", default: "1" } } });
const LONG_US = 50_000;
const PARTS = new Set([
  "EvaluateScript",
  "v8.evaluateModule",
  "FunctionCall",
  "v8.compile",
  "v8.compileModule",
  "TimerFire",
  "FireAnimationFrame",
  "RunMicrotasks",
  "UpdateLayoutTree",
  "Layout",
  "Paint",
  "PrePaint",
  "Layerize",
  "ParseHTML",
  "MajorGC",
  "MinorGC",
  "V8.GC_SCAVENGER",
  "V8.GC_MARK_COMPACTOR",
]);

function label(e: TraceEvent): string {
  const data = e.args?.data;
  const file = data?.url ? (data.url.split("/").pop() ?? "").slice(0, 40) : "";
  const fn = data?.functionName ? ` ${data.functionName}` : "";
  return `${e.name}${file ? ` ${file}` : ""}${fn}`;
}

/** The CPU profile's samples within [from, to] (the trace's clock), by self time and by total time per function. */
function samplesIn(profile: Profile, from: number, to: number): string {
  const nodes = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const name = (n: ProfileNode) => {
    const f = n.callFrame;
    return `${f.functionName || "(anon)"} ${(f.url.split("/").pop() ?? "").slice(0, 24)}:${f.lineNumber + 1}:${f.columnNumber + 1}`;
  };
  const self = new Map<string, number>();
  const total = new Map<string, number>();
  let t = profile.startTime;
  const samples = profile.samples ?? [];
  const deltas = profile.timeDeltas ?? [];
  for (let i = 0; i < samples.length; i++) {
    t += deltas[i] ?? 0;
    if (t < from || t > to) continue;
    const dt = deltas[i + 1] ?? 0;
    const leaf = nodes.get(samples[i]!)!;
    self.set(name(leaf), (self.get(name(leaf)) ?? 0) + dt);
    const seen = new Set<string>();
    for (let id: number | undefined = leaf.id; id !== undefined; id = parent.get(id)) {
      const key = name(nodes.get(id)!);
      if (seen.has(key)) continue;
      seen.add(key);
      total.set(key, (total.get(key) ?? 0) + dt);
    }
  }
  const list = (m: Map<string, number>, n: number) =>
    [...m]
      .sort((a, b) => b[1] - a[1])
      .slice(0, n)
      .map(([what, us]) => `      ${(us / 1000).toFixed(0).padStart(5)} ms  ${what}`)
      .join("\n");
  return `${list(self, 10)}\n    ---\n${list(total, 25)}`;
}

buildIfStale();
const atlas = await startAtlas(process.env.DATABASE_URL ? { databaseUrl: process.env.DATABASE_URL } : {});
const browser = await launchBrowser();
// Per mark ("drawn top-departments"): the length of the task that held it, run by run, on the wall
// clock and in the main thread's CPU time. On a shared machine the two differ by the time other
// processes held the CPU; the CPU time is the work the page itself asked for.
const byMark = new Map<string, { wall: number; cpu: number }[]>();
const longest: number[] = [];
try {
  for (let run = 0; run <= Number(values.runs); run++) {
    const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: "zh-CN" });
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await cdp.send("Profiler.enable");
    await cdp.send("Profiler.setSamplingInterval", { interval: 200 });
    await cdp.send("Profiler.start");
    await browser.startTracing(page, {
      categories: ["devtools.timeline", "v8.execute", "v8", "disabled-by-default-devtools.timeline", "blink.user_timing"],
    });
    await page.goto(`${atlas.url}/${values.search}`, { waitUntil: "networkidle", timeout: 120_000 });
    await page.waitForTimeout(1500);
    const trace = JSON.parse((await browser.stopTracing()).toString("utf8")) as { traceEvents: TraceEvent[] };
    const { profile } = (await cdp.send("Profiler.stop")) as { profile: Profile };
    if (process.env.PROFILE_OUT && run > 0) writeFileSync(process.env.PROFILE_OUT, JSON.stringify({ profile, trace }));
    await context.close();
    if (run === 0) continue;
    const events = trace.traceEvents.filter((e) => e.ph === "X" && typeof e.dur === "number");
    // The page's main thread: the one that ran the most script.
    const byThread = new Map<string, number>();
    for (const e of events)
      if (e.name === "FunctionCall" || e.name === "EvaluateScript")
        byThread.set(`${e.pid}:${e.tid}`, (byThread.get(`${e.pid}:${e.tid}`) ?? 0) + e.dur!);
    const main = [...byThread].sort((a, b) => b[1] - a[1])[0]?.[0];
    const onMain = events.filter((e) => `${e.pid}:${e.tid}` === main);
    const navigation = trace.traceEvents.find((e) => e.name === "navigationStart" || e.name === "NavigationStart")?.ts ?? onMain[0]!.ts;
    const tasks = onMain.filter((e) => (e.name === "RunTask" || e.name === "ThreadControllerImpl::RunTask") && e.dur! > LONG_US);
    console.log(`\nrun ${run}: ${tasks.length} tasks over ${LONG_US / 1000} ms`);
    longest.push(Math.max(0, ...tasks.map((t) => t.dur! / 1000)));
    for (const task of tasks) {
      const inside = onMain.filter((e) => e !== task && e.ts >= task.ts && e.ts + e.dur! <= task.ts + task.dur! && PARTS.has(e.name));
      // Sum by label; nested parts (a compile inside an evaluation) are counted in both, as DevTools' bottom-up view does not.
      const sums = new Map<string, number>();
      for (const e of inside) sums.set(label(e), (sums.get(label(e)) ?? 0) + e.dur!);
      const parts = [...sums]
        .sort((a, b) => b[1] - a[1])
        .slice(0, 8)
        .map(([what, us]) => `      ${(us / 1000).toFixed(0).padStart(5)} ms  ${what}`)
        .join("\n");
      // performance.mark()s the page set during the task (DrawTurn: "drawn <chart>").
      const marks = trace.traceEvents
        .filter((e) => e.cat === "blink.user_timing" && e.ts >= task.ts && e.ts <= task.ts + task.dur!)
        .map((e) => e.name);
      const cpu = (task.tdur ?? Number.NaN) / 1000;
      for (const mark of new Set(marks)) byMark.set(mark, [...(byMark.get(mark) ?? []), { wall: task.dur! / 1000, cpu }]);
      console.log(
        `${((task.ts - navigation) / 1000).toFixed(0).padStart(6)}  task ${(task.dur! / 1000).toFixed(0)} ms (CPU ${cpu.toFixed(0)} ms)  ${[...new Set(marks)].join(", ")}\n${parts}`,
      );
      console.log(`    JS inside it (self ms, then total ms by function):\n${samplesIn(profile, task.ts, task.ts + task.dur!)}`);
    }
  }
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
  console.log(`\nlongest task of each run: ${longest.map((ms) => ms.toFixed(0)).join(", ")} ms (median ${median(longest).toFixed(0)})`);
  console.log(`\ntasks over ${LONG_US / 1000} ms holding a mark, over ${values.runs} runs: median and max, wall clock and CPU time`);
  const figures = (xs: number[]) =>
    `${median(xs).toFixed(0).padStart(5)} ${Math.max(...xs)
      .toFixed(0)
      .padStart(5)}`;
  for (const [mark, tasks] of [...byMark].filter(([m]) => m.startsWith("drawn") || m === "loadEventStart"))
    console.log(
      `  wall ${figures(tasks.map((t) => t.wall))} ms  CPU ${figures(tasks.map((t) => t.cpu))} ms  ${String(tasks.length).padStart(2)}×  ${mark}`,
    );
} finally {
  await browser.close();
  await atlas.stop();
}
