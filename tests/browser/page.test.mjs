// The page end to end: the example, typing, files, pasted HTML, exports, the share link, entity
// highlighting, long texts, small screens, keyboard and accessibility, and the page's promises
// (no network after load, strict CSP, text stays text).
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { execFileSync } from "node:child_process";
import { join } from "node:path";
import {
  serve,
  launch,
  openPage,
  screenshot,
  shared,
  root,
  audit,
  waitForMark,
  now,
  longText,
  seedText,
  RENDERED,
} from "./harness.mjs";

let server;
let browser;

before(async () => {
  server = await serve();
  browser = await launch();
});

after(async () => {
  await browser?.close();
  await server?.close();
});

/** Does `action` and waits until its analysis is fully on screen. */
async function analyzed(page, action) {
  const since = await now(page);
  await action();
  await waitForMark(page, RENDERED, { since });
}

/** The analysis the page's own module gives for `text`, through the documented ES module. */
function analyzeIn(page, text) {
  return page.evaluate(async (text) => {
    const module = await import("./article_analyzer.js");
    await module.default();
    return module.analyze(text);
  }, text);
}

test("the example shows every quote of the seed article with its speaker, legend and reasons", async () => {
  const { page, context, problems } = await openPage(browser, server.url);
  await analyzed(page, () => page.click("#example"));
  assert.equal(await page.locator(".quote-card").count(), 9);
  const speakers = await page.locator(".quote-card .speaker strong").allTextContents();
  assert.ok(speakers.includes("Matthew Miller"), `speakers: ${speakers}`);
  assert.ok(speakers.includes("Antony Blinken"), `speakers: ${speakers}`);
  const reasons = await page.locator(".quote-card .why").allTextContents();
  assert.ok(reasons.every((r) => /(full|partial) quote/.test(r)), `reasons: ${reasons}`);
  assert.ok(reasons.some((r) => r.includes("rule: ") && r.includes("cue ")), `reasons: ${reasons}`);
  const people = await page.locator(".entities.person li .ent").allTextContents();
  assert.ok(people.includes("Israel Katz"), `people: ${people}`);
  const places = await page.locator(".entities.place li .ent").allTextContents();
  assert.ok(places.includes("Aqaba") && places.includes("Jordan"), `places: ${places}`);
  assert.ok((await page.locator(".text-view .quote").count()) >= 9);
  const legend = await page.locator(".legend li").allTextContents();
  assert.deepEqual(legend, ["Person", "Organization", "Place", "Date", "Group", "Other", "Quotation"]);
  assert.match(await page.textContent("#status"), /9 quotes/);
  await screenshot(page, "page-light.png");
  assert.deepEqual(problems, []);
  await context.close();
});

test("the page in dark mode", async () => {
  const { page, context, problems } = await openPage(browser, server.url, { colorScheme: "dark" });
  await analyzed(page, () => page.click("#example"));
  const background = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
  assert.equal(background, "rgb(18, 20, 22)");
  await screenshot(page, "page-dark.png");
  assert.deepEqual(problems, []);
  await context.close();
});

test("typing updates the results", async () => {
  const { page, context, problems } = await openPage(browser, server.url);
  await page.fill("#article", "\"We will win,\" Jane Smith said in Paris on Monday.");
  await page.waitForFunction(() => document.querySelectorAll(".quote-card").length === 1);
  assert.equal(await page.locator(".quote-card .speaker strong").textContent(), "Jane Smith");
  await page.locator("#article").press("End");
  await page.keyboard.type(" \"And soon,\" she added.", { delay: 5 });
  await page.waitForFunction(() => document.querySelectorAll(".quote-card").length === 2);
  await page.fill("#article", "No quotes at all here.");
  await page.waitForFunction(() => document.querySelectorAll(".quote-card").length === 0);
  assert.deepEqual(problems, []);
  await context.close();
});

test("the JS API in the browser gives the same JSON as the native command line", async () => {
  const native = JSON.parse(
    execFileSync(join(root, "target/release/article-analyzer"), ["analyze", shared("fixtures/seed-article.txt")], {
      encoding: "utf8",
    }),
  );
  const { page, context, problems } = await openPage(browser, server.url);
  const inBrowser = await analyzeIn(page, seedText());
  assert.deepEqual(inBrowser, native);
  assert.equal(inBrowser.quotes.length, 9);
  assert.deepEqual(problems, []);
  await context.close();
});

/** Drops a file with `content` on the text box, as a reader dragging it from their desktop would. */
async function dropFile(page, name, type, content) {
  const dataTransfer = await page.evaluateHandle(
    ([name, type, content]) => {
      const data = new DataTransfer();
      data.items.add(new File([content], name, { type }));
      return data;
    },
    [name, type, content],
  );
  await page.dispatchEvent("#article", "drop", { dataTransfer });
}

const html = `<!doctype html><html><head><title>Ignore me</title><style>p{color:red}</style>
<script>window.pwned = 1</script></head><body><nav>Home | World | Sport</nav>
<article><h1>Talks resume</h1><p>"We are close,"   Jane Smith told reporters in
Paris.</p><p>The talks resume on <b>Monday</b>.<img src="http://127.0.0.1:1/x.png" onerror="window.pwned=2"></p></article>
<footer>Copyright</footer></body></html>`;

/**
 * Console errors other than the browser refusing the inline style and handlers of the hostile
 * markup above: parsing it (inertly) still makes Chromium report what the page's CSP blocks.
 */
const unexpected = (problems) =>
  problems.filter((p) => !/Applying inline style violates|Executing inline event handler violates/.test(p));

test("a dropped .txt file is analyzed, and a dropped .html file is reduced to its article text", async () => {
  const { page, context, problems } = await openPage(browser, server.url);
  await analyzed(page, () => dropFile(page, "article.txt", "text/plain", seedText()));
  assert.equal(await page.inputValue("#article"), seedText());
  assert.equal(await page.locator(".quote-card").count(), 9);

  await analyzed(page, () => dropFile(page, "story.html", "text/html", html));
  assert.equal(
    await page.inputValue("#article"),
    'Talks resume\n\n"We are close," Jane Smith told reporters in Paris.\n\nThe talks resume on Monday.',
  );
  assert.equal(await page.locator(".quote-card").count(), 1);
  assert.equal(await page.evaluate(() => window.pwned), undefined);

  // The same through the file chooser, which keyboard users reach.
  const again = html.replace("Talks resume", "Talks resumed");
  await analyzed(page, () =>
    page.setInputFiles("#file", { name: "again.htm", mimeType: "text/html", buffer: Buffer.from(again) }),
  );
  assert.match(await page.inputValue("#article"), /^Talks resumed\n\n/);
  assert.deepEqual(unexpected(problems), []);
  await context.close();
});

test("pasted HTML is reduced to its text; pasted prose is pasted as it is", async () => {
  const { page, context, problems } = await openPage(browser, server.url);
  const paste = (plain, markup) =>
    page.evaluate(
      ([plain, markup]) => {
        const data = new DataTransfer();
        if (plain) data.setData("text/plain", plain);
        if (markup) data.setData("text/html", markup);
        const area = document.querySelector("#article");
        area.focus();
        const event = new ClipboardEvent("paste", { clipboardData: data, bubbles: true, cancelable: true });
        return area.dispatchEvent(event);
      },
      [plain, markup],
    );
  await analyzed(page, () => paste(html, null));
  assert.match(await page.inputValue("#article"), /^Talks resume\n\n"We are close," Jane Smith/);
  await page.fill("#article", "");
  await analyzed(page, () => paste(null, "<p>\"Fine,\" said Ann Lee.</p><p>Then she left.</p>"));
  assert.equal(await page.inputValue("#article"), "\"Fine,\" said Ann Lee.\n\nThen she left.");
  // Prose with a tag in it is not markup: the browser pastes it itself.
  assert.equal(await paste("Use the <b> tag for bold.", null), true);
  assert.deepEqual(unexpected(problems), []);
  await context.close();
});

test("a paste is analyzed as the box then holds it: in place of a selection, line ends as the box has them; a made-up paste changes nothing", async () => {
  const { page, context, problems } = await openPage(browser, server.url);
  await context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: server.origin });
  const shown = () => page.locator(".text-view").textContent();
  await analyzed(page, () => page.fill("#article", "Anna Smith met Tom Jones in Paris."));
  await page.evaluate(() => {
    const box = document.querySelector("#article");
    const at = box.value.indexOf("Tom Jones");
    box.focus();
    box.setSelectionRange(at, at + "Tom Jones".length);
  });
  await page.evaluate(() => navigator.clipboard.writeText("Maria Garcia of Reuters\r\nand Ben Ito"));
  await analyzed(page, () => page.keyboard.press("Control+V"));
  const value = "Anna Smith met Maria Garcia of Reuters\nand Ben Ito in Paris.";
  assert.equal(await page.inputValue("#article"), value);
  await page.waitForFunction((v) => document.querySelector(".text-view")?.textContent === v, value);
  // A paste event a script makes up puts nothing in the box: the results stay the box's.
  await page.evaluate(() => {
    const data = new DataTransfer();
    data.setData("text/plain", "Nothing of this is put in.");
    const box = document.querySelector("#article");
    box.dispatchEvent(new ClipboardEvent("paste", { clipboardData: data, bubbles: true, cancelable: true }));
  });
  await page.waitForTimeout(500);
  assert.equal(await page.inputValue("#article"), value);
  assert.equal(await shown(), value);
  assert.deepEqual(unexpected(problems), []);
  await context.close();
});

test("exports: JSON, quotes CSV, entities CSV and GeoJSON hold the analysis; Copy JSON copies it", async () => {
  const { page, context, problems } = await openPage(browser, server.url);
  await context.grantPermissions(["clipboard-read", "clipboard-write"]);
  await analyzed(page, () => page.click("#example"));
  const expected = await analyzeIn(page, seedText());
  const download = async (id) => {
    const [file] = await Promise.all([page.waitForEvent("download"), page.click(id)]);
    return { name: file.suggestedFilename(), text: readFileSync(await file.path(), "utf8") };
  };

  const json = await download("#export-json");
  assert.equal(json.name, "article-analysis.json");
  assert.deepEqual(JSON.parse(json.text), expected);

  const quotes = await download("#export-quotes");
  assert.equal(quotes.name, "quotes.csv");
  const quoteRows = parseCsv(quotes.text);
  assert.deepEqual(quoteRows[0], ["quote", "speaker", "speaker_entity_id", "speaker_role", "cue", "kind", "rule", "start", "end"]);
  assert.equal(quoteRows.length, 1 + expected.quotes.length);
  expected.quotes.forEach((q, i) => {
    const row = quoteRows[i + 1];
    assert.equal(row[0], q.text);
    assert.equal(row[1], q.speaker?.name ?? "");
    assert.equal(row[5], q.kind);
    assert.equal(Number(row[7]), q.start);
  });

  const entities = await download("#export-entities");
  assert.equal(entities.name, "entities.csv");
  const entityRows = parseCsv(entities.text);
  assert.equal(entityRows.length, 1 + expected.entities.length);
  for (const e of expected.entities) {
    const row = entityRows.find((r) => r[0] === String(e.id));
    assert.deepEqual([row[1], row[2], Number(row[3])], [e.name, e.type, e.mentions.length]);
  }

  const geo = await download("#export-geojson");
  assert.equal(geo.name, "places.geojson");
  const collection = JSON.parse(geo.text);
  assert.equal(collection.type, "FeatureCollection");
  assert.deepEqual(
    collection.features.map((f) => [f.properties.name, ...f.geometry.coordinates]),
    expected.places.map((p) => [p.name, p.lon, p.lat]),
  );

  await page.click("#copy-json");
  await page.waitForFunction(() => document.querySelector("#status").textContent.includes("clipboard"));
  assert.deepEqual(JSON.parse(await page.evaluate(() => navigator.clipboard.readText())), expected);

  await page.locator(".quote-card .copy").first().click();
  await page.waitForFunction(() => document.querySelector("#status").textContent === "Quote copied.");
  assert.equal(
    await page.evaluate(() => navigator.clipboard.readText()),
    `“${expected.quotes[0].text}” — ${expected.quotes[0].speaker.name}`,
  );
  assert.deepEqual(problems, []);
  await context.close();
});

/** RFC 4180 CSV to rows of cells (the exports end every row with CRLF). */
function parseCsv(text) {
  const rows = [];
  let row = [];
  let cell = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') (cell += '"'), i++;
      else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ",") row.push(cell), (cell = "");
    else if (c === "\r" && text[i + 1] === "\n") row.push(cell), rows.push(row), (row = []), (cell = ""), i++;
    else cell += c;
  }
  assert.equal(cell + row.join(""), "", "the last row ends with CRLF");
  return rows;
}

test("the share link carries the text in the fragment and restores it", async () => {
  const { page, context, problems } = await openPage(browser, server.url);
  await context.grantPermissions(["clipboard-read", "clipboard-write"]);
  const text = `${seedText()}\n“Ünïcödé” — 🙂 said Zoë Ångström in Kraków.`;
  await analyzed(page, () => page.fill("#article", text));
  await page.click("#share");
  await page.waitForFunction(() => document.querySelector("#share-link").value.length > 0);
  const link = await page.inputValue("#share-link");
  assert.ok(link.startsWith(`${server.url}#t=`), link);
  assert.match(link.slice(link.indexOf("#t=") + 3), /^[A-Za-z0-9_-]+$/);
  assert.ok(link.length < text.length, `compressed: ${link.length} < ${text.length}`);
  assert.equal(await page.evaluate(() => navigator.clipboard.readText()), link);

  const requestsBefore = server.requests.length;
  const opened = await openPage(browser, link, { ready: false });
  await waitForMark(opened.page, RENDERED);
  assert.equal(await opened.page.inputValue("#article"), text);
  assert.equal(await opened.page.locator(".quote-card").count(), 10);
  // The server saw the page's files, never the fragment.
  assert.ok(server.requests.slice(requestsBefore).every((p) => !p.includes("t=")));
  assert.deepEqual(opened.problems, []);
  await opened.context.close();

  const broken = await openPage(browser, `${server.url}#t=not-deflate`, { ready: false });
  await broken.page.waitForFunction(() => document.querySelector("#status").textContent.includes("could not be read"));
  await broken.context.close();
  assert.deepEqual(problems, []);
  await context.close();
});

test("clicking an entity highlights every mention; clicking again clears", async () => {
  const { page, context, problems } = await openPage(browser, server.url);
  await analyzed(page, () => page.click("#example"));
  const expected = await analyzeIn(page, seedText());
  const miller = expected.entities.find((e) => e.name === "Matthew Miller");
  const button = page.locator(`.entities.person [data-pick="${miller.id}"]`);
  await button.click();
  assert.equal(await button.getAttribute("aria-pressed"), "true");
  const picked = await page.locator(".text-view .picked").allTextContents();
  assert.deepEqual(picked, miller.mentions.map((m) => m.text));
  assert.match(await page.textContent("#status"), new RegExp(`Matthew Miller: ${miller.mentions.length} mentions`));
  await button.click();
  assert.equal(await page.locator(".text-view .picked").count(), 0);
  assert.equal(await button.getAttribute("aria-pressed"), "false");

  await page.locator(".quote-card .show").nth(2).click();
  assert.deepEqual(await page.locator(".text-view .picked").allTextContents(), [expected.quotes[2].text]);
  assert.deepEqual(problems, []);
  await context.close();
});

test("every control is reachable and usable by keyboard", async () => {
  const { page, context, problems } = await openPage(browser, server.url);
  const reached = new Set();
  for (let i = 0; i < 14; i++) {
    await page.keyboard.press("Tab");
    reached.add(await page.evaluate(() => document.activeElement?.id || document.activeElement?.className));
  }
  for (const id of ["article", "example", "file", "share", "export-json", "export-quotes", "export-entities", "export-geojson", "copy-json"]) {
    assert.ok(reached.has(id), `#${id} not reached by Tab: ${[...reached]}`);
  }
  await page.focus("#example");
  await analyzed(page, () => page.keyboard.press("Enter"));
  await page.locator(".entities.person .pick").first().focus();
  await page.keyboard.press("Enter");
  assert.ok((await page.locator(".text-view .picked").count()) > 0);
  assert.deepEqual(problems, []);
  await context.close();
});

test("a long text (200 KB and more) shows a progress bar; the work is spread over many frames", async () => {
  const { page, context, problems } = await openPage(browser, server.url);
  const long = Array.from({ length: 100 }, seedText).join("\n");
  assert.ok(long.length >= 200 * 1024);
  await page.evaluate(() => {
    // Long animation frames: every frame over 50 ms, with the scripts that ran in it.
    window.frames50 = [];
    new PerformanceObserver((list) => {
      for (const f of list.getEntries()) {
        window.frames50.push({
          duration: f.duration,
          layout: f.styleAndLayoutStart ? f.startTime + f.duration - f.styleAndLayoutStart : 0,
          scripts: f.scripts.map((s) => ({ invoker: s.invoker, duration: s.duration })),
        });
      }
    }).observe({ type: "long-animation-frame" });
    window.progressSeen = false;
    const bar = document.querySelector("#progress");
    new MutationObserver(() => (window.progressSeen ||= !bar.hidden)).observe(bar, { attributes: true });
    window.slices = 0;
    const results = document.querySelector("#results");
    new MutationObserver(() => window.slices++).observe(results, { childList: true, subtree: true });
  });
  const start = await now(page);
  await analyzed(page, () => dropFile(page, "long.txt", "text/plain", long));
  const took = (await now(page)) - start;
  assert.equal(await page.locator(".quote-card").count(), 900);
  assert.ok(await page.evaluate(() => window.progressSeen), "the progress bar showed");
  assert.ok(await page.locator("#progress").isHidden(), "and went away");
  // Mutation records are delivered once per task: many records, many tasks. Drawn in one go it
  // would be one or two; sliced, 21 to 40 in past runs, as the machine's speed and load varied
  // (a bound of 20 failed at 20 once, under load), so the bound says only that it was spread.
  const slices = await page.evaluate(() => window.slices);
  assert.ok(slices > 10, `rendered in ${slices} tasks`);
  const frames = await page.evaluate(() => window.frames50);
  const scripts = frames.flatMap((f) => f.scripts).toSorted((a, b) => b.duration - a.duration);
  const script = scripts[0] ? `${scripts[0].duration.toFixed(0)} ms (${scripts[0].invoker})` : "none";
  console.log(
    `# ${(long.length / 1024).toFixed(0)} KB text: dropped to fully rendered in ${took.toFixed(0)} ms over ${slices} tasks; ` +
      `${frames.length} frames over 50 ms (longest ${Math.max(0, ...frames.map((f) => f.duration)).toFixed(0)} ms, ` +
      `its layout ${frames.toSorted((a, b) => b.duration - a.duration)[0]?.layout.toFixed(0) ?? 0} ms); ` +
      `longest single script in them ${script}`,
  );
  assert.deepEqual(problems, []);
  await context.close();
});

test("usable on a 360 px wide phone", async () => {
  const { page, context, problems } = await openPage(browser, server.url, { viewport: { width: 360, height: 740 } });
  await analyzed(page, () => page.click("#example"));
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 0, `the page is ${overflow}px wider than the screen`);
  const textView = await page.locator(".text-view").boundingBox();
  assert.ok(textView.width > 300 && textView.x >= 0, JSON.stringify(textView));
  await screenshot(page, "page-phone.png");
  await page.evaluate(() => document.querySelector(".legend").scrollIntoView());
  await page.waitForTimeout(100);
  await screenshot(page, "page-phone-results.png");
  assert.deepEqual(problems, []);
  await context.close();
});

for (const colorScheme of ["light", "dark"]) {
  test(`accessibility audit (axe-core), ${colorScheme}: no serious or critical violations`, async () => {
    const { page, context, problems } = await openPage(browser, server.url, { colorScheme });
    await analyzed(page, () => page.click("#example"));
    await page.locator(".entities.person .pick").first().click();
    await page.click("#share");
    await page.waitForSelector("#share-box:not([hidden])");
    const violations = await audit(page);
    assert.deepEqual(violations, []);
    assert.deepEqual(problems, []);
    await context.close();
  });
}

test("no request leaves the page after it has loaded, and hostile text stays text", async () => {
  const { page, context, problems } = await openPage(browser, server.url);
  await context.grantPermissions(["clipboard-read", "clipboard-write"]);
  const after = [];
  page.on("request", (r) => after.push(r.url()));
  const served = server.requests.length;
  const hostile =
    '<script>window.pwned = 1</script> "<img src=x onerror=window.pwned=2>," said Bob in <a href="javascript:alert(1)">Paris</a> with <b>Ann</b>.';
  await page.fill("#article", hostile);
  await page.waitForFunction(() => document.querySelectorAll(".quote-card").length === 1);
  await analyzed(page, () => page.click("#example"));
  await analyzed(page, () => dropFile(page, "story.html", "text/html", html));
  await page.click("#share");
  await page.waitForFunction(() => document.querySelector("#share-link").value.length > 0);
  await Promise.all([page.waitForEvent("download"), page.click("#export-quotes")]);
  await analyzed(page, () => page.fill("#article", hostile));
  // Downloads come from blob: URLs made in the page; nothing goes over the network.
  assert.deepEqual(
    after.filter((url) => !url.startsWith("blob:")),
    [],
  );
  assert.deepEqual(server.requests.slice(served), []);
  assert.equal(await page.evaluate(() => window.pwned), undefined);
  assert.equal(await page.locator("#results img, #results script, #results a, #results b").count(), 0);
  assert.ok((await page.locator(".text-view").textContent()).includes("<script>"));
  assert.deepEqual(unexpected(problems), []);
  await context.close();
});

test("an analysis that fails in the worker costs that worker only: the page says so and carries on", async () => {
  const { page, context, problems } = await openPage(browser, server.url);
  const [worker] = page.workers();
  // Make the worker answer as it does when the analyzer panics: an error, then it closes.
  await worker.evaluate(() => {
    const analyze = self.onmessage;
    self.onmessage = (event) => {
      if (!event.data.text?.includes("CRASH")) return analyze(event);
      self.postMessage({ id: event.data.id, error: "RuntimeError: unreachable" });
      self.close();
    };
  });
  // Long enough for the worker: the page analyzes short texts on its own thread.
  const crash = longText("CRASH here");
  await page.fill("#article", crash);
  await page.waitForFunction(() => document.querySelector("#status").textContent.includes("could not be analyzed"));
  assert.match(await page.textContent("#status"), /RuntimeError: unreachable/);
  assert.equal(await page.inputValue("#article"), crash, "the text stays");
  await analyzed(page, () => page.fill("#article", '"Fine again," said Ann Lee.'));
  assert.equal(await page.locator(".quote-card .speaker strong").textContent(), "Ann Lee");
  // The failure is logged in the page's console, and nothing else.
  assert.deepEqual(problems, ["console error: article-analyzer: the analysis failed: RuntimeError: unreachable"]);
  await context.close();
});

test("the page loads its code from files only, under the strict policy", async () => {
  const index = readFileSync(join(root, "dist/index.html"), "utf8");
  const scripts = [...index.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/g)];
  assert.ok(scripts.length > 0);
  for (const [, attributes, body] of scripts) {
    assert.match(attributes, /\bsrc=/, "every script is a file");
    assert.equal(body.trim(), "", "no inline script");
  }
  assert.ok(!/\son[a-z]+=/i.test(index), "no inline event handlers");
  assert.ok(!/style=/.test(index), "no inline styles");
  // openPage fails any test on a CSP violation (a console error); this one loads and analyzes.
  const { page, context, problems } = await openPage(browser, server.url);
  await analyzed(page, () => page.click("#example"));
  const response = await page.request.get(server.url);
  assert.equal(response.headers()["content-security-policy"].includes("script-src 'self' 'wasm-unsafe-eval'"), true);
  assert.deepEqual(problems, []);
  await context.close();
});

test("time from navigation to the first analysis on screen (printed, not asserted)", async () => {
  const { page, context } = await openPage(browser, server.url);
  await analyzed(page, () => page.click("#example"));
  await page.click("#share");
  await page.waitForFunction(() => document.querySelector("#share-link").value.length > 0);
  const link = await page.inputValue("#share-link");
  await context.close();

  const times = [];
  for (let run = 0; run < 3; run++) {
    const opened = await openPage(browser, link, { ready: false });
    await waitForMark(opened.page, RENDERED);
    times.push(
      await opened.page.evaluate(
        ([rendered, ready]) => ({
          ready: performance.getEntriesByName(ready)[0]?.startTime,
          rendered: performance.getEntriesByName(rendered)[0].startTime,
          domContentLoaded: performance.getEntriesByType("navigation")[0].domContentLoadedEventEnd,
        }),
        [RENDERED, "article-analyzer:worker-ready"],
      ),
    );
    await opened.context.close();
  }
  for (const t of times) {
    console.log(
      `# navigation -> DOMContentLoaded ${t.domContentLoaded.toFixed(0)} ms, worker ready ${t.ready?.toFixed(0)} ms, ` +
        `seed article (share link) analyzed and rendered ${t.rendered.toFixed(0)} ms`,
    );
  }
});
