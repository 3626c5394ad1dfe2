// The main thread is never blocked for more than 50 ms, for long texts too: a 200 KB article
// pasted with a real Ctrl+V, then edited; dropped as a file; the same article as 200 KB of HTML,
// dropped as a .html file and pasted as markup; the example; the widget from another origin (its
// analysis in a worker too). Each run is traced
// (Chrome's trace, through the DevTools protocol) and no task on the page's main thread may take
// more than 50 ms of that thread's time. Thread time, not wall time: this machine's other work
// can stretch a 10 ms task past 50 ms on the clock. The wall-clock figures of the page's own
// PerformanceObservers (long tasks, long animation frames) are printed beside them. A run over the
// limit is run once more before the test fails (`measured`).
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { serve, launch, openPage, waitForMark, now, shared, csp, audit, RENDERED } from "./harness.mjs";
import { articles } from "../../bench/inputs.mjs";

const LIMIT_MS = 50;

let server;
let browser;
let long;
let page200;
let reduced;

before(async () => {
  server = await serve();
  browser = await launch();
  // Real articles, as the benchmark assembles them, joined by blank lines up to 200 KB.
  long = "";
  for (const a of articles(shared("data"))) {
    if (Buffer.byteLength(long) >= 200 * 1024) break;
    long += (long ? "\n\n" : "") + a.text;
  }
  // The same text as a news page's HTML: each paragraph a <p> in the <article>, with a script
  // and links around it and among the paragraphs. What the page should keep is the paragraphs,
  // their whitespace collapsed, separated by blank lines.
  const paragraphs = long.split(/\n[ \t]*\n/).map((p) => p.trim()).filter(Boolean);
  const escape = (t) => t.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
  const noise = (k) =>
    `<nav><a href="/section/${k}">Section ${k}</a> | <a href="/more/${k}">More</a></nav>` +
    `<script>window.pwned = ${k};</script>`;
  page200 =
    `<!doctype html><html><head><title>Ignore me</title><script>window.pwned = 0;</script></head>` +
    `<body>${noise(0)}<article>\n` +
    paragraphs.map((p, k) => (k % 10 === 9 ? noise(k) : "") + `<p>${escape(p)}</p>\n`).join("") +
    `</article><footer>Copyright</footer></body></html>`;
  // (The reduction, like the analyzer, counts a no-break space as a space.)
  reduced = paragraphs.map((p) => p.replace(/\s+/g, " ")).join("\n\n");
});

after(async () => {
  await browser?.close();
  await server?.close();
});

/** Starts tracing the page and observing long tasks; `stop()` resolves to what was seen. */
async function watch(page) {
  await page.evaluate(() => {
    globalThis.observed = { longtasks: [], blocking: [] };
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) globalThis.observed.longtasks.push(e.duration);
    }).observe({ type: "longtask" });
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) globalThis.observed.blocking.push(e.blockingDuration);
    }).observe({ type: "long-animation-frame" });
  });
  const cdp = await page.context().newCDPSession(page);
  const events = [];
  cdp.on("Tracing.dataCollected", (e) => events.push(...e.value));
  await cdp.send("Tracing.start", {
    categories: "toplevel,devtools.timeline",
    transferMode: "ReportEvents",
  });
  return {
    async stop() {
      const complete = new Promise((ok) => cdp.once("Tracing.tracingComplete", ok));
      await cdp.send("Tracing.end");
      await complete;
      await cdp.detach();
      const observed = await page.evaluate(() => globalThis.observed);
      return { tasks: mainThreadTasks(events), ...observed };
    },
  };
}

/**
 * The top-level tasks of the renderer's main thread, longest (in thread time) first: wall and
 * thread milliseconds, and the longest steps inside, to say what a long one did.
 */
function mainThreadTasks(events) {
  const main = events.find((e) => e.name === "thread_name" && e.args?.name === "CrRendererMain");
  assert.ok(main, "the trace has the renderer's main thread");
  const own = events.filter((e) => e.pid === main.pid && e.tid === main.tid && e.ph === "X");
  const runs = own
    .filter((e) => e.name === "ThreadControllerImpl::RunTask" || e.name === "RunTask")
    .sort((a, b) => a.ts - b.ts || b.dur - a.dur);
  const tasks = [];
  for (const e of runs) {
    const last = tasks.at(-1);
    if (last && e.ts < last.ts + last.dur) continue; // nested in the task before
    tasks.push(e);
  }
  return tasks
    .map((t) => ({
      wall: t.dur / 1000,
      cpu: (t.tdur ?? t.dur) / 1000,
      inside: own
        .filter((e) => e.ts >= t.ts && e.ts + e.dur <= t.ts + t.dur && !/RunTask$/.test(e.name))
        .sort((a, b) => b.dur - a.dur)
        .slice(0, 4)
        .map((e) => `${e.name} ${(e.dur / 1000).toFixed(0)} ms`),
    }))
    .sort((a, b) => b.cpu - a.cpu);
}

/** Prints what `seen` measured for `what`; the tasks over the limit, or why the trace is no use. */
function over(what, seen) {
  if (seen.tasks.length <= 10) return [`only ${seen.tasks.length} tasks traced`];
  const [top] = seen.tasks;
  const ms = (list) => (list.length ? Math.max(...list).toFixed(0) : "0");
  console.log(
    `# ${what}: longest main-thread task ${top.cpu.toFixed(1)} ms of thread time ` +
      `(${top.wall.toFixed(1)} ms on the clock; ${top.inside.join(", ")}); ` +
      `${seen.tasks.filter((t) => t.cpu > LIMIT_MS).length} of ${seen.tasks.length} tasks over ${LIMIT_MS} ms; ` +
      `observers, on the clock: ${seen.longtasks.length} long tasks (longest ${ms(seen.longtasks)} ms), ` +
      `long animation frames blocking up to ${ms(seen.blocking)} ms`,
  );
  return seen.tasks.filter((t) => t.cpu > LIMIT_MS).map((t) => `${t.cpu.toFixed(1)} ms: ${t.inside.join(", ")}`);
}

/**
 * Runs `scenario` (it opens a page, does its part under `watch` and resolves to what was seen) and
 * asserts no task took over the limit. A run that fails that is run once more, and the test fails
 * if the second does too: on this 2-core machine, another process busy at the same time has
 * stretched a task's thread time to twice its usual (the example: 53.6 ms, against 18-29 in
 * other runs), and has cost a trace all but one of its tasks.
 */
async function measured(what, scenario) {
  let seen = over(what, await scenario());
  if (seen.length > 0) {
    console.log(`# ${what}: run again, after ${seen.join("; ")}`);
    seen = over(what, await scenario());
  }
  assert.deepEqual(seen, [], `${what}: tasks over ${LIMIT_MS} ms of the main thread, twice`);
}

/** Everything in the article box, as the page analyzes it. */
const boxText = (page) =>
  page.evaluate(() => [...document.querySelectorAll("#article-box textarea")].map((t) => t.value).join(""));

const shownText = (page) => page.evaluate(() => document.querySelector(".text-view").textContent);

async function analyzed(page, action) {
  const since = await now(page);
  await action();
  await waitForMark(page, RENDERED, { since });
}

const kb = (text) => (Buffer.byteLength(text) / 1024).toFixed(0);

test("a 200 KB article pasted with Ctrl+V, then edited: no main-thread task over 50 ms", async () => {
  await measured(`${kb(long)} KB pasted, then typed into`, async () => {
    const { page, context, problems } = await openPage(browser, server.url);
    await context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: server.origin });
    await page.evaluate((t) => navigator.clipboard.writeText(t), long);
    await page.focus("#article");
    const watching = await watch(page);
    await analyzed(page, () => page.keyboard.press("Control+V"));
    assert.equal(await boxText(page), long, "the box holds the text as pasted");
    assert.equal(await shownText(page), long, "and the results show it all");
    // Typing at the end of the text, in the box's last part.
    await page.locator("#article-box textarea").last().focus();
    await page.keyboard.press("Control+End");
    await analyzed(page, () => page.keyboard.type(' "Yes," Ann Lee said.', { delay: 20 }));
    const edited = `${long} "Yes," Ann Lee said.`;
    assert.equal(await boxText(page), edited);
    assert.equal(await shownText(page), edited);
    const seen = await watching.stop();
    assert.ok(await page.getByText("Ann Lee", { exact: true }).first().isVisible());
    // The box in parts: each part labelled, nothing serious for assistive technology.
    const labels = await page.locator("#article-box textarea[aria-label]").evaluateAll((parts) => parts.map((p) => p.ariaLabel));
    assert.ok(labels.length > 5 && labels.every((l, k) => l === `Article text, part ${k + 2} of ${labels.length + 1}`), String(labels));
    assert.deepEqual(await audit(page), []);
    assert.deepEqual(problems, []);
    await context.close();
    return seen;
  });
});

test("a 200 KB .txt file dropped on the box: no main-thread task over 50 ms", async () => {
  await measured(`${kb(long)} KB dropped as a file`, async () => {
    const { page, context, problems } = await openPage(browser, server.url);
    const watching = await watch(page);
    const dataTransfer = await page.evaluateHandle((content) => {
      const data = new DataTransfer();
      data.items.add(new File([content], "long.txt", { type: "text/plain" }));
      return data;
    }, long);
    await analyzed(page, () => page.dispatchEvent("#article", "drop", { dataTransfer }));
    assert.equal(await boxText(page), long);
    const seen = await watching.stop();
    assert.deepEqual(problems, []);
    await context.close();
    return seen;
  });
});

test("a 200 KB HTML page dropped as a .html file, or pasted as markup: no main-thread task over 50 ms", async () => {
  const drop = (page) =>
    page.evaluate((content) => {
      const data = new DataTransfer();
      data.items.add(new File([content], "long.html", { type: "text/html" }));
      const area = document.querySelector("#article");
      area.dispatchEvent(new DragEvent("drop", { dataTransfer: data, bubbles: true, cancelable: true }));
    }, page200);
  // A selection copied from a page: markup with no plain-text form.
  const paste = (page) =>
    page.evaluate((markup) => {
      const data = new DataTransfer();
      data.setData("text/html", markup);
      const area = document.querySelector("#article");
      area.focus();
      area.dispatchEvent(new ClipboardEvent("paste", { clipboardData: data, bubbles: true, cancelable: true }));
    }, page200);
  for (const [how, action] of [["dropped as a .html file", drop], ["pasted as markup", paste]]) {
    await measured(`${kb(page200)} KB of HTML ${how}`, async () => {
      const { page, context, problems } = await openPage(browser, server.url);
      const watching = await watch(page);
      await analyzed(page, () => action(page));
      const seen = await watching.stop();
      assert.equal(await boxText(page), reduced, `${how}: the box holds the article's paragraphs`);
      assert.equal(await shownText(page), reduced);
      assert.equal(await page.evaluate(() => window.pwned), undefined);
      assert.deepEqual(problems, []);
      await context.close();
      return seen;
    });
  }
});

test("the example: no main-thread task over 50 ms", async () => {
  await measured("the example (the seed article)", async () => {
    const { page, context, problems } = await openPage(browser, server.url);
    const watching = await watch(page);
    await analyzed(page, () => page.click("#example"));
    const seen = await watching.stop();
    assert.ok((await page.locator(".quote-card").count()) > 0);
    assert.deepEqual(problems, []);
    await context.close();
    return seen;
  });
});

test("a 200 KB article in the widget on another origin's page: no main-thread task over 50 ms", async (t) => {
  const host = await serve(
    {
      "/page.html": `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Elsewhere</title><link rel="icon" href="data:,">
<script type="module" src="${server.url}widget.js"></script></head>
<body><article-analyzer>"Fine," said Ann Lee in Rome.</article-analyzer></body></html>`,
    },
    {
      csp: `${csp}; worker-src blob: ${server.origin}`
        .replace("script-src 'self'", `script-src 'self' ${server.origin}`)
        .replace("connect-src 'self'", `connect-src 'self' ${server.origin}`),
    },
  );
  t.after(() => host.close());
  await measured(`${kb(long)} KB in the widget`, async () => {
    const { page, context, problems } = await openPage(browser, `${host.origin}/page.html`, { ready: false });
    await page.evaluate(() => {
      globalThis.analyses = [];
      document.querySelector("article-analyzer").addEventListener("analysis", (e) => globalThis.analyses.push(e.detail));
    });
    await page.waitForFunction(() => document.querySelector("article-analyzer").shadowRoot.querySelector(".quote-card"));
    const watching = await watch(page);
    await page.evaluate((text) => document.querySelector("article-analyzer").setAttribute("text", text), long);
    await page.waitForFunction(() => globalThis.analyses.at(-1)?.quotes.length > 100);
    const seen = await watching.stop();
    const shown = await page.evaluate(() => document.querySelector("article-analyzer").shadowRoot.querySelector(".text-view").textContent);
    assert.equal(shown, long);
    assert.deepEqual(problems, []);
    await context.close();
    return seen;
  });
});
