// The page's figures in headless Chromium, dist/ served by a local static server (the browser
// tests' harness: no compression, no caching, a strict CSP). Prints one JSON object.
//   node bench/browser.mjs FILE_100KB.jsonl [--runs N]
//
// - seedMs: `analyze(seed)` through the page's ES module (article_analyzer.js) on the page's main
//   thread, after a warm-up; median of 50. The page's worker runs the same module.
// - paste: from the `paste` event of a real Ctrl+V into the text box (the text on the clipboard)
//   to the page's "article-analyzer:rendered" Performance mark, set when the whole analysis is in
//   the DOM. The box is emptied before each paste, so each paste is a new text.
// - coldMs: from navigation start, in a fresh browser context (nothing cached), to that mark for
//   a share link carrying the seed article: the page loads, starts its worker, analyzes the text
//   from the link and renders it; median of three times the runs. Watched through the DevTools
//   protocol, not playwright's waitForFunction, whose script would run in the page while it
//   starts (coldMarks).
// - files: what the server sent during a cold load, each file raw and gzipped (gzip -9, as a
//   static host would compress it, and as scripts/sizes counts).
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { execFileSync } from "node:child_process";
import { serve, launch, openPage, shareLink, waitForMark, seedText, dist, base, RENDERED, READY } from "../tests/browser/harness.mjs";

const [file, ...flags] = process.argv.slice(2);
const runs = flags.includes("--runs") ? Number(flags[flags.indexOf("--runs") + 1]) : 5;
// Cold loads vary most from one to the next (other threads of the browser, and of the machine,
// share its cores while the page starts): three times the runs, so that the median holds.
const coldRuns = 3 * runs;
const seed = seedText();
const big = readFileSync(file, "utf8")
  .split("\n")
  .filter((l) => l.trim() !== "")
  .map((l) => JSON.parse(l).text)
  .join("\n\n");

const median = (values) => {
  const s = [...values].sort((a, b) => a - b);
  const n = s.length;
  return n % 2 ? s[(n - 1) / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
};

// The cold load's marks, waited for without playwright's own script: its waitForFunction (the
// harness's waitForMark) evaluates that large script in the page once the page's load event has
// fired, in the middle of the page's start, and a trace showed it taking the main thread then
// (about 20 ms of its time, 30-90 ms on the clock). Measured alternately on the same build, the
// cold load came out 100-175 ms longer that way. Here the page is watched from the DevTools
// protocol with a few lines polled every 20 ms.
async function coldMarks(context, page, url) {
  const cdp = await context.newCDPSession(page);
  await page.goto(url, { waitUntil: "commit" });
  const names = JSON.stringify([RENDERED, READY]);
  const expression = `new Promise((done) => {
    const look = () => {
      const [rendered, ready] = ${names}.map((n) => performance.getEntriesByName(n)[0]?.startTime ?? null);
      if (rendered === null) setTimeout(look, 20);
      else done([rendered, ready]);
    };
    look();
  })`;
  // The first evaluation can land in the document the navigation replaces: try again then.
  for (let tries = 0; ; tries++) {
    const answer = await cdp
      .send("Runtime.evaluate", { expression, awaitPromise: true, returnByValue: true })
      .catch((error) => ({ error }));
    if (Array.isArray(answer.result?.value)) return answer.result.value;
    if (tries > 50) throw new Error(`no rendered mark: ${JSON.stringify(answer.error?.message ?? answer)}`);
    await new Promise((ok) => setTimeout(ok, 20));
  }
}

const server = await serve();
const browser = await launch();
const result = {};
try {
  // Analysis time on the page's main thread.
  {
    const { page, context } = await openPage(browser, server.url);
    result.seedRunsMs = await page.evaluate(async (text) => {
      const module = await import("./article_analyzer.js");
      await module.default();
      // Warm up for a second: the browser compiles the hot code again, optimized, in the
      // background, and ten runs were not enough for that to finish.
      for (let i = 0, start = performance.now(); i < 10 || performance.now() - start < 1000; i++) module.analyze(text);
      const times = [];
      for (let i = 0; i < 50; i++) {
        const start = performance.now();
        module.analyze(text);
        times.push(performance.now() - start);
      }
      return times;
    }, seed);
    result.seedMs = median(result.seedRunsMs);
    await context.close();
  }

  // Paste to rendered.
  {
    const { page, context } = await openPage(browser, server.url);
    await context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: server.origin });
    await page.evaluate(() => {
      document.querySelector("#article").addEventListener(
        "paste",
        () => {
          globalThis.pastedAt = performance.now();
        },
        { capture: true },
      );
    });
    const paste = async (text) => {
      // A long text sits in the box in parts (src/web/textbox.rs): empty them all.
      for (const part of (await page.locator("#article-box textarea").all()).reverse()) await part.fill("");
      // Let the emptied box's own (debounced) update pass, so the paste is the only change.
      await page.waitForFunction(() => document.querySelector("#results").childElementCount === 0);
      await page.waitForTimeout(300);
      await page.evaluate((t) => navigator.clipboard.writeText(t), text);
      await page.focus("#article");
      const since = await page.evaluate(() => performance.now());
      await page.keyboard.press("Control+V");
      await waitForMark(page, RENDERED, { since });
      return page.evaluate(
        (name) => performance.getEntriesByName(name).at(-1).startTime - globalThis.pastedAt,
        RENDERED,
      );
    };
    for (const [name, text] of [
      ["seed", seed],
      ["big", big],
    ]) {
      await paste(text); // warm-up
      const times = [];
      for (let i = 0; i < runs; i++) times.push(await paste(text));
      result[`paste_${name}RunsMs`] = times;
      result[`paste_${name}Ms`] = median(times);
    }
    result.bigBytes = Buffer.byteLength(big, "utf8");
    await context.close();
  }

  // Cold load of a share link carrying the seed article.
  const link = await shareLink(browser, server.url, seed);
  const cold = [];
  const ready = [];
  let loaded = [];
  for (let i = 0; i < coldRuns; i++) {
    const before = server.requests.length;
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    const [rendered, readyAt] = await coldMarks(context, page, link);
    cold.push(rendered);
    ready.push(readyAt);
    loaded = server.requests.slice(before);
    await context.close();
  }
  result.coldRunsMs = cold;
  result.coldMs = median(cold);
  result.readyMs = median(ready);
  result.files = [...new Set(loaded)].map((requested) => {
    const rel = requested.slice(base.length) || "index.html";
    const path = join(dist, rel);
    const gzipped = execFileSync("gzip", ["-9c", path], { maxBuffer: 1 << 28 }).length;
    return { file: rel, bytes: readFileSync(path).length, gzipped };
  });
} finally {
  await browser.close();
  await server.close();
}
console.log(JSON.stringify(result));
