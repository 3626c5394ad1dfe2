// Bad, hostile and huge input in the browser: a panic in the analyzer reaches the console, the
// page and the widget say so and recover with a fresh worker, or, for the page's short texts and
// where no worker can start (a widget from another origin, a page whose policy forbids workers),
// with a fresh instance on the page's thread; the reader's text stays; lone surrogates from JavaScript are analyzed, not
// thrown at; a text past the page's limit is refused with a message and kept; hostile article
// text stays text in the page and in the widget.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { serve, launch, openPage, waitForMark, now, base, csp, longText, READY, RENDERED } from "./harness.mjs";

// Every way article text could turn into markup, script or navigation if it reached the DOM as
// HTML: tags, event handlers, javascript: links, entities, and names made of tags.
const hostile = [
  "<script>window.pwned = 1</script>",
  '"<img src=x onerror="window.pwned=2">," said <b onmouseover="window.pwned=3">Jane Smith</b> in Paris.',
  '<a href="javascript:window.pwned=4">Read more</a> &lt;script&gt; &amp; &#60;svg onload=window.pwned=5&#62;',
  '<svg><script>window.pwned=6</script></svg><iframe src="javascript:window.pwned=7"></iframe>',
  "The <Script>Board</Script> of <Img Src=X Onerror=Alert(1)> Inc met President <B>Ann Lee</B> in <A Href=Javascript:Alert(2)>Rome</A>.",
].join("\n\n");

const hostPage = (text) => `<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <title>Widgets under stress</title>
  <link rel="icon" href="data:,">
  <script type="module" src="${base}widget.js"></script>
  <script type="module" src="/stress/host.js"></script>
</head>
<body>
  <article-analyzer id="hostile"></article-analyzer>
  <label for="draft">Draft</label>
  <textarea id="draft">"Hello," said Ann Lee.</textarea>
  <article-analyzer id="follow" for="draft" panels="text quotes"></article-analyzer>
</body>
</html>`;

// The host sets the hostile text as the widget's text attribute (from JSON, so no markup parses
// it on the way), and records every analysis event.
const hostJs = (text) => `
window.analyses = [];
document.addEventListener("analysis", (event) => window.analyses.push({ id: event.target.id, detail: event.detail }));
document.getElementById("hostile").setAttribute("text", ${JSON.stringify(text)});
`;

// A site's own worker that uses the ES module (which imports the glue, which carries the
// analysis worker's code) and listens for its messages itself.
const ownWorker = `import init, { analyze } from "./article_analyzer.js";
await init();
self.addEventListener("message", ({ data }) => self.postMessage({ mine: analyze(data.text).entities.length }));
self.postMessage({ mine: "ready" });
`;

let server;
let browser;

before(async () => {
  server = await serve({
    "/stress/index.html": hostPage(hostile),
    "/stress/host.js": hostJs(hostile),
    [`${base}own-worker.js`]: ownWorker,
  });
  browser = await launch();
});

after(async () => {
  await browser?.close();
  await server?.close();
});

/** Sets the page's textarea as typing would, without typing megabytes key by key. */
function setArticle(page, text) {
  return page.evaluate((text) => {
    const input = document.getElementById("article");
    input.value = text;
    input.dispatchEvent(new InputEvent("input", { bubbles: true, inputType: "insertFromPaste" }));
  }, text);
}

/** Resolves once the page has been idle several times: the page's own instance warms then. */
function idle(page) {
  return page.evaluate(
    () =>
      new Promise((done) => {
        let n = 0;
        const next = () => (++n > 8 ? done() : requestIdleCallback(next));
        requestIdleCallback(next);
      }),
  );
}

/** The page's worker, made to panic for real (src/wasm.rs panicForTests) on a text with `marker`. */
async function panicOn(worker, marker, message) {
  await worker.evaluate(
    ([marker, message]) => {
      const handle = self.onmessage;
      self.onmessage = (event) =>
        handle(event.data.text?.includes(marker) ? { data: { id: event.data.id, panic: message } } : event);
    },
    [marker, message],
  );
}

/** Elements the hostile text would have made, and whether any of its scripts ran. */
function damage(page, root) {
  return page.evaluate((root) => {
    const scope = root ? document.getElementById(root).shadowRoot : document.getElementById("results");
    return {
      // The map is the page's own SVG; anything else of these came from the text.
      elements: [
        ...scope.querySelectorAll("script, img, iframe, a, b, svg:not(.world), [onerror], [onload], [onmouseover], [href], [src]"),
      ].map((e) => e.outerHTML.slice(0, 200)),
      pwned: window.pwned ?? null,
      location: location.pathname,
    };
  }, root);
}

test("a panic in the page's worker: the message in the console and the status, the text kept, a fresh worker next", async () => {
  const { page, context, logs } = await openPage(browser, server.url);
  const [worker] = page.workers();
  await panicOn(worker, "CRASH", "a panic for the test");
  const typed = longText('"This one," said Bob Stone. CRASH');
  await setArticle(page, typed);
  await page.waitForFunction(() => document.querySelector("#status").textContent.includes("could not be analyzed"));
  const status = await page.textContent("#status");
  assert.match(status, /panicked at .*a panic for the test/s);
  assert.equal(await page.inputValue("#article"), typed, "the reader's text stays");
  const errors = logs.filter((l) => l.type === "error").map((l) => l.text);
  assert.ok(
    errors.some((e) => e.includes("a panic for the test")),
    `the panic's message reaches the page's console: ${JSON.stringify(errors)}`,
  );
  // A fresh worker analyzes the next text, and the same text again.
  const since = await now(page);
  await setArticle(page, longText('"Fine again," said Ann Lee.'));
  await waitForMark(page, RENDERED, { since });
  assert.equal(await page.locator(".quote-card .speaker strong").textContent(), "Ann Lee");
  assert.ok(page.workers().length >= 1);
  await context.close();
});

/**
 * Makes the page's own instance for short texts (www/app.js's `here`) panic for real (src/wasm.rs
 * panicForTests) on a text with `marker`: its calls of analyzeInParts are wrapped in app.js's
 * source, as it is served.
 */
async function herePanicsOn(page, marker, message) {
  await page.route(/\/app\.js$/, async (route) => {
    const response = await route.fetch();
    const source = await response.text();
    const body = source.replace(
      /(\w+)\.analyzeInParts\((\w+)\)/g,
      `($2.includes(${JSON.stringify(marker)}) ? $1.panicForTests(${JSON.stringify(message)}) : $1.analyzeInParts($2))`,
    );
    assert.notEqual(body, source, "app.js analyzes with analyzeInParts");
    await route.fulfill({ response, body });
  });
}

/** Has the worker keep the texts it is sent, in `self.texts`. */
function recordTexts(worker) {
  return worker.evaluate(() => {
    self.texts = [];
    const handle = self.onmessage;
    self.onmessage = (event) => {
      if (event.data.text !== undefined) self.texts.push(event.data.text);
      return handle(event);
    };
  });
}

test("a panic in the page's own instance for short texts: it says so, keeps the text, and a fresh instance takes the next", async () => {
  const { page, context, logs } = await openPage(browser, server.url, {
    before: (page) => herePanicsOn(page, "CRASH", "a panic on the page's thread"),
  });
  const [worker] = page.workers();
  await recordTexts(worker);
  await idle(page);
  const typed = '"This one," said Bob Stone. CRASH';
  await setArticle(page, typed);
  await page.waitForFunction(() => document.querySelector("#status").textContent.includes("could not be analyzed"));
  assert.match(await page.textContent("#status"), /panicked at .*a panic on the page's thread/s);
  assert.equal(await page.inputValue("#article"), typed, "the reader's text stays");
  assert.ok(
    logs.some((l) => l.type === "error" && l.text.includes("a panic on the page's thread")),
    "the panic's message reaches the console",
  );
  // A fresh instance is warmed while the page is idle, and takes the next short text.
  await idle(page);
  const since = await now(page);
  await setArticle(page, '"Fine again," said Ann Lee.');
  await waitForMark(page, RENDERED, { since });
  assert.equal(await page.locator(".quote-card .speaker strong").textContent(), "Ann Lee");
  assert.deepEqual(await worker.evaluate(() => self.texts), [], "both texts were analyzed on the page's thread");
  await context.close();
});

test("where the browser has no requestIdleCallback (Safari), the page's own instance still warms and takes short texts", async () => {
  const { page, context, problems } = await openPage(browser, server.url, {
    before: (page) =>
      page.addInitScript(() => {
        delete Window.prototype.requestIdleCallback;
        delete window.requestIdleCallback;
      }),
  });
  const [worker] = page.workers();
  await recordTexts(worker);
  // Its warming steps then run in timeouts: some 50 ms of work in all.
  await page.waitForTimeout(1500);
  const since = await now(page);
  await setArticle(page, '"Fine," said Ann Lee.');
  await waitForMark(page, RENDERED, { since });
  assert.equal(await page.locator(".quote-card .speaker strong").textContent(), "Ann Lee");
  assert.equal(await page.evaluate(() => typeof requestIdleCallback), "undefined");
  assert.deepEqual(await worker.evaluate(() => self.texts), [], "analyzed on the page's thread");
  assert.deepEqual(problems, []);
  await context.close();
});

test("a panic while a widget waits: it says so, keeps its text, and recovers", async () => {
  const { page, context, logs } = await openPage(browser, `${server.origin}/stress/index.html`, { ready: false });
  await page.waitForFunction(() => ["hostile", "follow"].every((id) => window.analyses.some((a) => a.id === id)));
  const [worker] = page.workers();
  await panicOn(worker, "CRASH", "a widget's panic");
  await page.fill("#draft", "CRASH now");
  const status = () => page.evaluate(() => document.getElementById("follow").shadowRoot.querySelector(".aa-status").textContent);
  await page.waitForFunction(() =>
    document.getElementById("follow").shadowRoot.querySelector(".aa-status").textContent.includes("could not be analyzed"),
  );
  assert.match(await status(), /a widget's panic/);
  assert.equal(await page.inputValue("#draft"), "CRASH now");
  assert.ok(logs.some((l) => l.type === "error" && l.text.includes("a widget's panic")));
  const before = await page.evaluate(() => window.analyses.length);
  await page.fill("#draft", '"Back," said Tom Brown.');
  await page.waitForFunction((n) => window.analyses.length > n && window.analyses.at(-1).id === "follow", before);
  const speaker = await page.evaluate(() => document.getElementById("follow").shadowRoot.querySelector(".speaker strong")?.textContent);
  assert.equal(speaker, "Tom Brown");
  await context.close();
});

/**
 * Makes each inline instance (www/inline.js) panic for real (src/wasm.rs panicForTests) on a text
 * with `marker`: its module's `analyze` is wrapped in the module's own source, as it is served.
 * Returns the URLs of the instances' modules, as they are loaded.
 */
async function inlinePanicsOn(page, marker, message) {
  const instances = [];
  await page.route(/article-analyzer\.js\?instance=/, async (route) => {
    instances.push(route.request().url());
    const response = await route.fetch();
    const wrap = `
const analyzeForReal = analyze;
analyze = (text, options) => (text.includes(${JSON.stringify(marker)}) ? panicForTests(${JSON.stringify(message)}) : analyzeForReal(text, options));
`;
    await route.fulfill({ response, body: (await response.text()) + wrap });
  });
  return instances;
}

test("a panic on the page's thread, in a widget from another origin: it says so, keeps its text, and a fresh instance analyzes next", async (t) => {
  // Served from another origin than the page, the widget cannot start a worker: it analyzes on the
  // page's thread (www/inline.js), as the README says.
  const host = await serve(
    {
      "/page.html": `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Elsewhere</title><link rel="icon" href="data:,">
<script type="module" src="${server.url}widget.js"></script></head>
<body><label for="draft">Draft</label><textarea id="draft">"Hello," said Ann Lee.</textarea>
<article-analyzer for="draft" panels="text quotes"></article-analyzer></body></html>`,
    },
    {
      csp: csp
        .replace("script-src 'self'", `script-src 'self' ${server.origin}`)
        .replace("connect-src 'self'", `connect-src 'self' ${server.origin}`),
    },
  );
  t.after(() => host.close());
  let instances;
  const { page, context, logs, problems } = await openPage(browser, `${host.origin}/page.html`, {
    ready: false,
    before: async (page) => {
      instances = await inlinePanicsOn(page, "CRASH", "a panic on the page's thread");
    },
  });
  const shadow = (selector) =>
    page.evaluate((selector) => document.querySelector("article-analyzer").shadowRoot.querySelector(selector)?.textContent, selector);
  await page.waitForFunction(() => document.querySelector("article-analyzer").shadowRoot.querySelector(".speaker strong"));
  assert.equal(await shadow(".speaker strong"), "Ann Lee");
  assert.deepEqual(page.workers(), [], "no worker: the widget analyzes on the page's thread");
  assert.ok(logs.some((l) => l.type === "warning" && l.text.includes("main thread")), "said why it runs without a worker");

  await page.fill("#draft", "CRASH now");
  await page.waitForFunction(() =>
    document.querySelector("article-analyzer").shadowRoot.querySelector(".aa-status").textContent.includes("could not be analyzed"),
  );
  assert.match(await shadow(".aa-status"), /panicked at .*a panic on the page's thread/s);
  assert.equal(await page.inputValue("#draft"), "CRASH now", "the reader's text stays");
  assert.ok(
    logs.some((l) => l.type === "error" && l.text.includes("a panic on the page's thread")),
    `the panic's message reaches the console: ${JSON.stringify(logs)}`,
  );
  // Nothing else went wrong: no page error, nothing but the panic (and the policy's refusal of a
  // worker) in the console.
  assert.deepEqual(
    problems.filter((p) => !p.includes("a panic on the page's thread") && !/Creating a worker from 'blob:/.test(p)),
    [],
  );

  // The widget itself lives on (its instance never ran the analysis), and a fresh instance
  // analyzes the next text.
  await page.fill("#draft", '"Back," said Tom Brown.');
  await page.waitForFunction(
    () => document.querySelector("article-analyzer").shadowRoot.querySelector(".speaker strong")?.textContent === "Tom Brown",
  );
  assert.equal(instances.length, 2, `one instance before the panic, a fresh one after: ${instances}`);
  assert.notEqual(instances[0], instances[1]);
  await context.close();
});

test("a panic on the page's thread, where the page's policy forbids workers: the page says so, keeps the text, and recovers", async (t) => {
  const strict = await serve({}, { csp: `${csp}; worker-src 'none'` });
  t.after(() => strict.close());
  let instances;
  const { page, context, logs } = await openPage(browser, strict.url, {
    before: async (page) => {
      instances = await inlinePanicsOn(page, "CRASH", "a panic without a worker");
    },
  });
  assert.deepEqual(page.workers(), []);
  const typed = longText('"This one," said Bob Stone. CRASH');
  await setArticle(page, typed);
  await page.waitForFunction(() => document.querySelector("#status").textContent.includes("could not be analyzed"));
  assert.match(await page.textContent("#status"), /panicked at .*a panic without a worker/s);
  assert.equal(await page.inputValue("#article"), typed, "the reader's text stays");
  assert.ok(logs.some((l) => l.type === "error" && l.text.includes("a panic without a worker")));
  const since = await now(page);
  await setArticle(page, longText('"Fine again," said Ann Lee.'));
  await waitForMark(page, RENDERED, { since });
  assert.equal(await page.locator(".quote-card .speaker strong").textContent(), "Ann Lee");
  assert.equal(instances.length, 2, `a fresh instance after the panic: ${instances}`);
  await context.close();
});

test("the glue runs the analysis worker's code only in the page's analysis worker: a site's own worker, and a window of that name, keep their messages", async () => {
  const { page, context, problems } = await openPage(browser, server.url);
  const heard = await page.evaluate(
    () =>
      new Promise((done) => {
        const worker = new Worker("own-worker.js", { type: "module" });
        const heard = [];
        worker.onmessage = ({ data }) => {
          heard.push(data);
          if (data.mine === "ready") worker.postMessage({ id: 1, text: "Ann Lee met Bob Day in Paris." });
          // Anything the glue would answer comes before or with this: give it a moment.
          else setTimeout(() => done(heard), 300);
        };
      }),
  );
  assert.deepEqual(heard, [{ mine: "ready" }, { mine: 3 }]);
  // The page's own thread, in a window named as the worker is: the page works as ever.
  await page.evaluate(() => (window.name = "article-analyzer"));
  await page.reload();
  await waitForMark(page, READY);
  assert.equal(await page.evaluate(() => window.name), "article-analyzer");
  assert.equal(await page.evaluate(() => window.onmessage), null);
  await setArticle(page, longText('"Yes," Ann Lee said in Paris.'));
  await waitForMark(page, RENDERED);
  assert.ok(await page.getByText("Ann Lee", { exact: true }).first().isVisible());
  assert.deepEqual(problems, []);
  await context.close();
});

test("hostile article text stays text in the page: no element, no script, no navigation", async () => {
  const { page, context, problems } = await openPage(browser, server.url);
  const since = await now(page);
  await setArticle(page, hostile);
  await waitForMark(page, RENDERED, { since });
  // Every entity and quote as the reader sees it, clicked too: still text.
  for (const button of await page.locator("#results .pick").all()) await button.click();
  assert.deepEqual(await damage(page), { elements: [], pwned: null, location: new URL(server.url).pathname });
  const shown = await page.locator(".text-view").textContent();
  for (const piece of ["<script>window.pwned = 1</script>", 'onerror="window.pwned=2"', "javascript:window.pwned=4", "&lt;script&gt;"]) {
    assert.ok(shown.includes(piece), `${piece} shown as text`);
  }
  const names = await page.locator("#results .ent").allTextContents();
  assert.ok(names.some((n) => n.includes("Ann Lee")), `names: ${names}`);
  assert.deepEqual(problems, []);
  await context.close();
});

test("hostile article text stays text in the widget", async () => {
  const { page, context } = await openPage(browser, `${server.origin}/stress/index.html`, { ready: false });
  await page.waitForFunction(() => window.analyses.some((a) => a.id === "hostile"));
  await page.evaluate(() => {
    for (const b of document.getElementById("hostile").shadowRoot.querySelectorAll(".pick")) b.click();
  });
  assert.deepEqual(await damage(page, "hostile"), { elements: [], pwned: null, location: "/stress/index.html" });
  const shown = await page.evaluate(() => document.getElementById("hostile").shadowRoot.querySelector(".text-view").textContent);
  assert.equal(shown, hostile);
  // Nothing of it reached the host page either.
  assert.equal(await page.locator("body > img, body > script:not([src]), body > svg, body > iframe").count(), 0);
  await context.close();
});

test("lone surrogates from JavaScript: analyzed as replacement characters, offsets still index the caller's string", async () => {
  const { page, context } = await openPage(browser, server.url);
  const result = await page.evaluate(async () => {
    const module = await import("./article_analyzer.js");
    await module.default();
    const text = '\uD800 "We won," said Jane Smith in Paris.\uDC00 "Again \uDBFF," she added.\uD83D';
    const analysis = module.analyze(text);
    const spans = [...analysis.quotes, ...analysis.entities.flatMap((e) => e.mentions)];
    return {
      quotes: analysis.quotes.map((q) => q.text),
      speaker: analysis.quotes.find((q) => q.text === "We won,")?.speaker?.name,
      // A span's text is the caller's string at its offsets, lone surrogates read as U+FFFD.
      mismatched: spans.filter((s) => text.slice(s.start, s.end).toWellFormed() !== s.text).map((s) => s.text),
    };
  });
  assert.ok(result.quotes.includes("We won,"), JSON.stringify(result.quotes));
  assert.equal(result.speaker, "Jane Smith");
  assert.deepEqual(result.mismatched, []);
  await context.close();
});

test("the module refuses anything but a string with a message saying so, and analyzes the next text", async () => {
  const { page, context } = await openPage(browser, server.url);
  const result = await page.evaluate(async () => {
    const module = await import("./article_analyzer.js");
    await module.default();
    const errors = [42, null, undefined, {}, ["Paris"], Symbol("s")].map((value) => {
      try {
        module.analyze(value);
        return "no error";
      } catch (error) {
        return error.message;
      }
    });
    return { errors, next: module.analyze("Jane Smith flew to Paris.").places.map((p) => p.name) };
  });
  for (const message of result.errors) assert.equal(message, "bad text: the text to analyze must be a string");
  assert.deepEqual(result.next, ["Paris"]);
  await context.close();
});

// The module converts a text of more than 2^20 UTF-16 units a piece at a time (src/wasm.rs,
// `rust_text`): a surrogate pair across a piece's end must stay one character.
test("a long text keeps a surrogate pair where the module cuts it into pieces", async () => {
  const { page, context } = await openPage(browser, server.url);
  const result = await page.evaluate(async () => {
    const module = await import("./article_analyzer.js");
    await module.default();
    const quote = '"We won \u{1F600} \uD800," said Jane Smith in Paris.';
    const upTo = (1 << 20) - 1 - quote.indexOf("\u{1F600}");
    const text = "Rain fell. ".repeat(100_000).slice(0, upTo - 1) + "\n" + quote;
    const analysis = module.analyze(text);
    const spans = [...analysis.quotes, ...analysis.entities.flatMap((e) => e.mentions)];
    return {
      quotes: analysis.quotes.map((q) => q.text),
      mismatched: spans.filter((s) => text.slice(s.start, s.end).toWellFormed() !== s.text).map((s) => s.text),
    };
  });
  assert.deepEqual(result.quotes, ["We won \u{1F600} \uFFFD,"]);
  assert.deepEqual(result.mismatched, []);
  await context.close();
});

// Its UTF-8 is reserved from the text's length, then at the rate of the pieces read so far: a
// text of two- and three-byte letters outgrows the first reservation piece after piece.
test("a long text of two- and three-byte letters is read whole and in order", async () => {
  const { page, context } = await openPage(browser, server.url);
  const result = await page.evaluate(async () => {
    const module = await import("./article_analyzer.js");
    await module.default();
    const quote = (n) => `\n"We are close ${n}," Jane Smith said in Paris.\n`;
    const text = "Βροχή έπεσε. ".repeat(120_000) + quote(1) + "雨が降った。".repeat(300_000) + quote(2);
    const analysis = module.analyze(text);
    const spans = [...analysis.quotes, ...analysis.entities.flatMap((e) => e.mentions)];
    return {
      length: text.length,
      quotes: analysis.quotes.map((q) => [q.text, q.start === text.indexOf(q.text)]),
      mismatched: spans.filter((s) => text.slice(s.start, s.end) !== s.text).map((s) => s.text),
    };
  });
  assert.ok(result.length > 3 << 20, "longer than three pieces");
  assert.deepEqual(result.quotes, [["We are close 1,", true], ["We are close 2,", true]]);
  assert.deepEqual(result.mismatched, []);
  await context.close();
});

test("a text past the page's limit is refused with a message, and stays; a shorter one is analyzed", async () => {
  const { page, context, problems } = await openPage(browser, server.url);
  const huge = '"We are close," Jane Smith said in Paris. '.repeat(60_000); // 2.5 MB
  await setArticle(page, huge);
  await page.waitForFunction(() => /more than the 2 MB analyzed at once/.test(document.querySelector("#status").textContent));
  assert.match(await page.textContent("#status"), /This text is 2\.\d MB/);
  assert.equal(await page.locator("#results .quote-card").count(), 0);
  assert.equal((await page.inputValue("#article")).length, huge.length, "the text stays in the box");
  const since = await now(page);
  await setArticle(page, '"We are close," Jane Smith said in Paris. '.repeat(100));
  await waitForMark(page, RENDERED, { since });
  assert.equal(await page.locator(".quote-card").count(), 100);
  assert.deepEqual(problems, []);
  await context.close();
});
