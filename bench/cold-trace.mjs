// Where a cold load of a share link spends its time: the load bench/browser.mjs times (coldMs),
// traced through the DevTools protocol, and cut into its steps on the page's thread and its
// worker's. Prints one JSON object per load.
//   node bench/cold-trace.mjs [--runs N] [--out TRACE.json]
//
// The steps, in milliseconds from the navigation's start (each where it ends, unless said):
// - html: the document has arrived. firstLayout: the page's first style, layout and paint (a task
//   of its own, 40-60 ms in a fresh renderer), [start, duration].
// - wasm: the module's bytes have arrived; compiled: its streaming compilation has finished
//   (lazily: V8 compiles each function on its first call); posted: the module is posted to the
//   worker.
// - workerThread: the worker's thread has started; workerScript: it has run its script; module:
//   it has the module (a message posted before its script had run waits for the page's thread
//   to hand it over); ready: it has instantiated it.
// - analysis: the worker's first analysis, [start, duration, of which compiling functions]: the
//   analyzer's tables are built then, on code compiled as it first runs.
// - rendered: the page's mark, once the analysis is drawn.
// Tracing slows the load down (about 1.5 times): compare steps with each other, and loads with
// loads traced alike, not with coldMs.
import { writeFileSync } from "node:fs";
import { serve, launch, shareLink, seedText, RENDERED } from "../tests/browser/harness.mjs";

const flags = process.argv.slice(2);
const option = (name, fallback) => (flags.includes(name) ? flags[flags.indexOf(name) + 1] : fallback);
const runs = Number(option("--runs", 3));
const out = option("--out", null);

const CATEGORIES = [
  "devtools.timeline",
  "disabled-by-default-devtools.timeline",
  "v8",
  "v8.wasm",
  "disabled-by-default-v8.compile",
  "blink.user_timing",
  "loading",
  "toplevel",
];

/** The steps of one load, from its trace events. */
function steps(events) {
  const mark = events.find((e) => e.name === RENDERED);
  if (!mark) throw new Error("the trace has no rendered mark");
  const pid = mark.pid;
  const mine = events.filter((e) => e.pid === pid).sort((a, b) => a.ts - b.ts);
  const start = Math.max(
    ...mine
      .filter((e) => e.name === "navigationStart" && e.ts < mark.ts && e.args?.data?.isLoadingMainFrame)
      .map((e) => e.ts),
  );
  const ms = (ts) => (ts === undefined ? null : Math.round((ts - start) / 100) / 10);
  const threads = new Map(
    mine.filter((e) => e.ph === "M" && e.name === "thread_name").map((e) => [e.tid, e.args.name]),
  );
  const worker = [...threads].find(([, name]) => name === "DedicatedWorker thread")?.[0];
  const main = mark.tid;
  const on = (tid) => mine.filter((e) => e.tid === tid && e.ts >= start);
  const first = (list, test) => list.find(test);
  const end = (e) => e && e.ts + (e.dur ?? 0);
  const urls = new Map();
  for (const e of mine) if (e.name === "ResourceSendRequest") urls.set(e.args.data.requestId, e.args.data.url);
  const finished = (test) =>
    first(mine, (e) => e.name === "ResourceFinish" && test(urls.get(e.args.data.requestId)?.split("#")[0] ?? ""))?.ts;
  const task = (tid, inner) => inner && first(on(tid), (e) => e.name === "RunTask" && e.ts <= inner.ts && end(e) >= end(inner));
  const html = finished((url) => url.endsWith("/") || url.endsWith("/index.html"));
  const layout = task(main, first(on(main), (e) => e.name === "Layout" && e.ts > html));
  const handled = on(worker).filter((e) => e.name === "HandlePostMessage");
  // The first long task after the module's: the text's analysis, or the worker's own warm-up
  // when it was ready before the text came (www/worker.js, in the glue).
  const analysis = first(on(worker), (e) => e.name === "RunTask" && e.dur > 10000 && e.ts >= end(handled[0]));
  const compiling = analysis
    ? on(worker)
        .filter((e) => e.name === "wasm.CompileLazy" && e.ts >= analysis.ts && e.ts <= end(analysis))
        .reduce((sum, e) => sum + e.dur, 0)
    : 0;
  const posted = first(on(main), (e) => e.name === "SchedulePostMessage" && e.ts > (first(on(main), (f) => f.name === "wasm.FinishStreaming")?.ts ?? Infinity));
  return {
    html: ms(html),
    firstLayout: layout ? [ms(layout.ts), Math.round(layout.dur / 100) / 10] : null,
    wasm: ms(finished((url) => url.endsWith("_bg.wasm"))),
    compiled: ms(end(first(on(main), (e) => e.name === "wasm.FinishStreaming"))),
    posted: ms(posted?.ts),
    workerThread: ms(first(on(worker), (e) => e.name === "V8PerIsolateData::Initialize")?.ts),
    workerScript: ms(end(first(on(worker), (e) => e.name === "v8.evaluateModule"))),
    module: ms(handled[0]?.ts),
    ready: ms(end(handled[0])),
    analysis: analysis ? [ms(analysis.ts), Math.round(analysis.dur / 100) / 10, Math.round(compiling / 100) / 10] : null,
    rendered: ms(mark.ts),
  };
}

const server = await serve();
const browser = await launch();
try {
  const link = await shareLink(browser, server.url, seedText());
  for (let i = 0; i < runs; i++) {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    const events = [];
    cdp.on("Tracing.dataCollected", ({ value }) => events.push(...value));
    const complete = new Promise((done) => cdp.once("Tracing.tracingComplete", done));
    await cdp.send("Tracing.start", { traceConfig: { includedCategories: CATEGORIES, recordMode: "recordAsMuchAsPossible" } });
    await page.goto(link, { waitUntil: "commit" });
    // Polled from the protocol, not by playwright's script in the page (bench/browser.mjs).
    for (;;) {
      const { result } = await cdp
        .send("Runtime.evaluate", { expression: `performance.getEntriesByName(${JSON.stringify(RENDERED)}).length`, returnByValue: true })
        .catch(() => ({ result: {} }));
      if (result.value > 0) break;
      await new Promise((ok) => setTimeout(ok, 20));
    }
    await cdp.send("Tracing.end");
    await complete;
    if (out) writeFileSync(runs > 1 ? out.replace(/(\.json)?$/, `-${i + 1}.json`) : out, JSON.stringify(events));
    console.log(JSON.stringify(steps(events)));
    await context.close();
  }
} finally {
  await browser.close();
  await server.close();
}
