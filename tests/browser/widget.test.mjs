// The widget and the ES module as other sites use them: <article-analyzer> on a host page with
// hostile CSS, its attributes and event, the README's snippets run as written, a widget served
// from another origin (in a worker where the host's policy allows, else on the page's thread),
// the demo page's accessibility, and screenshots.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { serve, launch, openPage, screenshot, root, audit, base, csp } from "./harness.mjs";

const hostPage = `<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <title>A host page</title>
  <link rel="icon" href="data:,">
  <link rel="stylesheet" href="/host/hostile.css">
  <script type="module" src="${base}widget.js"></script>
  <script type="module" src="/host/host.js"></script>
</head>
<body>
  <h1>A host page</h1>
  <p class="panel quote-card ent ent-person" id="host-own">The host's own element, with the widget's class names.</p>
  <article-analyzer id="content">"We will win," Jane Smith said in Paris on Monday.

"And soon," she added.</article-analyzer>
  <article-analyzer id="attr" panels="quotes" theme="dark"
    text='"Not yet," Tom Brown told reporters in Berlin.'></article-analyzer>
  <label for="draft">Draft</label>
  <textarea id="draft">Angela Merkel met Emmanuel Macron in Berlin.</textarea>
  <article-analyzer id="follow" for="draft" panels="entities map"></article-analyzer>
</body>
</html>`;

// Everything a careless or hostile site might do to elements it does not own.
const hostileCss = `
* { color: rgb(255, 0, 0) !important; font: 40px/3 serif !important; letter-spacing: 5px !important;
    background: rgb(0, 255, 0) !important; margin: 30px !important; display: inline !important; }
html, body, h1, p, label, textarea, article-analyzer { display: block !important; }
li, span, blockquote, button, section, ol, ul, div, h2 { display: none !important; visibility: hidden !important; }
.panel, .quote-card, .ent, .legend, .text-view, .results, .aa-widget { display: none !important; }
#host-own { display: block !important; }
.ent-person { background: rgb(0, 0, 255) !important; }
`;

// Records the widgets' analysis events, as a host would listen for them.
const hostJs = `
window.analyses = [];
document.addEventListener("analysis", (event) => {
  window.analyses.push({ id: event.target.id, detail: event.detail });
});
`;

/** The README's fenced code blocks of `lang`, in order. */
function readmeBlocks(lang) {
  const readme = readFileSync(join(root, "README.md"), "utf8");
  return [...readme.matchAll(new RegExp("```" + lang + "\\n([\\s\\S]*?)```", "g"))].map((m) => m[1]);
}

let server;
let browser;

before(async () => {
  const [widgetSnippet] = readmeBlocks("html").filter((b) => b.includes("<article-analyzer"));
  const [eventSnippet, moduleSnippet] = [
    readmeBlocks("js").find((b) => b.includes('addEventListener("analysis"')),
    readmeBlocks("js").find((b) => b.includes("article_analyzer.js")),
  ];
  assert.ok(widgetSnippet && eventSnippet && moduleSnippet, "the README has its snippets");
  const here = (code) => code.replaceAll("https://your.site/analyzer/", base);
  server = await serve({
    "/host/index.html": hostPage,
    "/host/hostile.css": hostileCss,
    "/host/host.js": hostJs,
    "/readme/widget.html": `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>README widget</title><link rel="icon" href="data:,">
<script type="module" src="/readme/events.js"></script></head><body>${here(widgetSnippet)}</body></html>`,
    "/readme/events.js": here(eventSnippet),
    "/readme/module.html": `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>README module</title><link rel="icon" href="data:,">
<script type="module" src="/readme/module.js"></script></head><body></body></html>`,
    "/readme/module.js": here(moduleSnippet),
  });
  browser = await launch();
});

after(async () => {
  await browser?.close();
  await server?.close();
});

/** Waits until each widget (by id) has fired `analysis` at least once; returns the events. */
async function analysesOf(page, ids) {
  await page.waitForFunction(
    (ids) => ids.every((id) => window.analyses?.some((a) => a.id === id)),
    ids,
  );
  return page.evaluate(() => window.analyses);
}

/** Computed style values of the first element matching `selector` in the widget `id`. */
function styleIn(page, id, selector, properties) {
  return page.evaluate(
    ([id, selector, properties]) => {
      const el = document.getElementById(id).shadowRoot.querySelector(selector);
      if (!el) return null;
      const style = getComputedStyle(el);
      return Object.fromEntries(properties.map((p) => [p, style.getPropertyValue(p)]));
    },
    [id, selector, properties],
  );
}

test("widgets on a host page with hostile CSS: analyzed, styled by themselves, leaking nothing", async () => {
  const { page, context, problems } = await openPage(browser, `${server.origin}/host/index.html`, { ready: false });
  const events = await analysesOf(page, ["content", "attr", "follow"]);

  const content = events.find((e) => e.id === "content").detail;
  assert.deepEqual(
    content.quotes.map((q) => [q.text, q.speaker?.name]),
    [
      ["We will win,", "Jane Smith"],
      ["And soon,", "Jane Smith"],
    ],
  );
  // The event carries the same JSON as the ES module gives for the same text.
  const direct = await page.evaluate(async (url) => {
    const module = await import(url);
    await module.default();
    return module.analyze('"We will win," Jane Smith said in Paris on Monday.\n\n"And soon," she added.');
  }, `${base}article_analyzer.js`);
  assert.deepEqual(content, direct);

  // Inside: the widget's own look, whatever the host says.
  assert.deepEqual(await styleIn(page, "content", ".aa-widget", ["display", "font-size", "letter-spacing", "color"]), {
    display: "block",
    "font-size": "16px",
    "letter-spacing": "normal",
    color: "rgb(29, 31, 33)",
  });
  assert.equal((await styleIn(page, "content", ".quote-card", ["display"])).display, "list-item");
  assert.equal((await styleIn(page, "content", ".text-view .ent-person", ["background-color"]))["background-color"], "rgb(253, 230, 138)");
  assert.equal((await styleIn(page, "content", ".quote-card blockquote", ["visibility"])).visibility, "visible");
  // Outside: the widget's rules do not reach the host's elements of the same class names.
  const own = await page.evaluate(() => {
    const style = getComputedStyle(document.getElementById("host-own"));
    return { background: style.backgroundColor, contentVisibility: style.contentVisibility, padding: style.paddingLeft };
  });
  assert.deepEqual(own, { background: "rgb(0, 0, 255)", contentVisibility: "visible", padding: "0px" });

  // Panels and theme by attribute.
  const panelsOf = (id) =>
    page.evaluate((id) => [...document.getElementById(id).shadowRoot.querySelectorAll(".text-view, .panel")].map((p) => p.className), id);
  assert.deepEqual(await panelsOf("attr"), ["panel quotes"]);
  const follow = await panelsOf("follow");
  assert.deepEqual(follow.slice(0, 4), [
    "panel entities person",
    "panel entities org",
    "panel entities place",
    "panel entities date",
  ]);
  assert.equal(follow.at(-1), "panel map");
  assert.ok(!follow.includes("panel quotes") && !follow.includes("text-view"), follow.join());
  assert.equal((await styleIn(page, "attr", ".aa-widget", ["background-color"]))["background-color"], "rgb(18, 20, 22)");
  assert.equal((await styleIn(page, "content", ".aa-widget", ["background-color"]))["background-color"], "rgb(253, 253, 252)");
  assert.deepEqual(problems, []);
  await context.close();
});

test("a widget follows its textarea as the reader types, and re-reads changed attributes", async () => {
  const { page, context, problems } = await openPage(browser, `${server.origin}/host/index.html`, { ready: false });
  await analysesOf(page, ["content", "attr", "follow"]);
  const peopleIn = (id) =>
    page.evaluate(
      (id) => [...document.getElementById(id).shadowRoot.querySelectorAll(".entities.person .pick .ent")].map((e) => e.textContent),
      id,
    );
  assert.deepEqual((await peopleIn("follow")).sort(), ["Angela Merkel", "Emmanuel Macron"]);
  await page.fill("#draft", "Olaf Scholz flew to Rome.");
  await page.waitForFunction(() => window.analyses.filter((a) => a.id === "follow").length >= 2);
  assert.deepEqual(await peopleIn("follow"), ["Olaf Scholz"]);

  await page.evaluate(() => {
    const widget = document.getElementById("attr");
    widget.setAttribute("text", '"Yes," said Ann Lee.');
    widget.setAttribute("panels", "text quotes");
  });
  await page.waitForFunction(() => window.analyses.filter((a) => a.id === "attr").length >= 2);
  const attr = await page.evaluate(() => {
    const shadow = document.getElementById("attr").shadowRoot;
    return { text: shadow.querySelector(".text-view")?.textContent, speaker: shadow.querySelector(".speaker strong")?.textContent };
  });
  assert.deepEqual(attr, { text: '"Yes," said Ann Lee.', speaker: "Ann Lee" });

  // Content changes are followed too.
  await page.evaluate(() => (document.getElementById("content").textContent = '"Later," Bob Stone said.'));
  await page.waitForFunction(() => window.analyses.at(-1).id === "content" && window.analyses.at(-1).detail.quotes[0]?.text === "Later,");
  assert.deepEqual(problems, []);
  await context.close();
});

test("the README's snippets work as written: the widget, its event, and the ES module", async () => {
  const widget = await openPage(browser, `${server.origin}/readme/widget.html`, { ready: false });
  const said = () => widget.logs.filter((l) => l.type === "log").map((l) => l.text);
  await widget.page.waitForFunction(() => document.querySelector("article-analyzer")?.shadowRoot?.querySelector(".quote-card"));
  assert.equal(
    await widget.page.evaluate(() => document.querySelector("article-analyzer").shadowRoot.querySelector(".speaker strong").textContent),
    "Antony Blinken",
  );
  for (let i = 0; i < 50 && said().length === 0; i++) await widget.page.waitForTimeout(100);
  assert.ok(said().some((line) => /^1 quotes, \d+ names$/.test(line)), `logged: ${said()}`);
  assert.deepEqual(widget.problems, []);
  await widget.context.close();

  const module = await openPage(browser, `${server.origin}/readme/module.html`, { ready: false });
  const lines = () => module.logs.filter((l) => l.type === "log").map((l) => l.text);
  for (let i = 0; i < 100 && lines().length === 0; i++) await module.page.waitForTimeout(100);
  assert.deepEqual(lines(), ["Matthew Miller said We are close,"]);
  assert.deepEqual(module.problems, []);
  await module.context.close();
});

/** A host page on another origin than the widget's, under `policy`. */
async function elsewhere(t, policy) {
  const host = await serve(
    {
      "/page.html": `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Elsewhere</title><link rel="icon" href="data:,">
<script type="module" src="${server.url}widget.js"></script></head>
<body><article-analyzer>"Fine," said Ann Lee in Rome.</article-analyzer></body></html>`,
    },
    { csp: policy },
  );
  t.after(() => host.close());
  const opened = await openPage(browser, `${host.origin}/page.html`, { ready: false });
  await opened.page.waitForFunction(() => document.querySelector("article-analyzer").shadowRoot.querySelector(".quote-card"));
  assert.equal(
    await opened.page.evaluate(() => document.querySelector("article-analyzer").shadowRoot.querySelector(".speaker strong").textContent),
    "Ann Lee",
  );
  return opened;
}

// A static host serving dist/ to other sites must allow them to load it (CORS), as for any
// cross-origin module script; the host's policy must allow the widget's scripts.
const allowing = (origin) =>
  csp.replace("script-src 'self'", `script-src 'self' ${origin}`).replace("connect-src 'self'", `connect-src 'self' ${origin}`);

test("the widget from another origin analyzes in a worker of the page's own where the host's policy allows it", async (t) => {
  const { page, context, problems } = await elsewhere(t, `${allowing(server.origin)}; worker-src blob: ${server.origin}`);
  const workers = page.workers().map((w) => w.url());
  assert.equal(workers.length, 1, `${workers}`);
  assert.match(workers[0], /^blob:/);
  assert.deepEqual(problems, []);
  await context.close();
});

test("the widget from another origin, where the host's policy forbids its worker, analyzes on the page's thread", async (t) => {
  const { page, context, problems, logs } = await elsewhere(t, allowing(server.origin));
  assert.deepEqual(page.workers(), []);
  assert.ok(logs.some((l) => l.type === "warning" && l.text.includes("main thread")), "said why it runs without a worker");
  // The browser reports the worker its policy refused, and nothing else goes wrong.
  assert.deepEqual(
    problems.filter((p) => !/Creating a worker from 'blob:.*violates the following Content Security Policy directive/.test(p)),
    [],
  );
  await context.close();
});

for (const colorScheme of ["light", "dark"]) {
  test(`the demo host page, ${colorScheme}: accessibility audit (axe-core) and screenshot`, async () => {
    // Tall enough for the whole page: parts out of view are not drawn (content-visibility).
    const viewport = { width: 1100, height: 2000 };
    const { page, context, problems } = await openPage(browser, `${server.url}demo.html`, { colorScheme, viewport, ready: false });
    await page.waitForFunction(() =>
      [...document.querySelectorAll("article-analyzer")].every((w) => w.shadowRoot?.querySelector(".aa-status")?.textContent.includes("·")),
    );
    const violations = await audit(page);
    assert.deepEqual(violations, []);
    await screenshot(page, `widget-${colorScheme}.png`);
    assert.deepEqual(problems, []);
    await context.close();
  });
}
