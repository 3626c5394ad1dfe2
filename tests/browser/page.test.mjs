// The page end to end: the example, typing, the JS API against the native command line, and the
// page's promises (no network after load, no inline script, text stays text).
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { execFileSync } from "node:child_process";
import { join } from "node:path";
import { serve, launch, openPage, screenshot, shared, root } from "./harness.mjs";

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

test("the example shows every quote of the seed article with its speaker", async () => {
  const { page, context, problems } = await openPage(browser, server.url);
  await page.click("#example");
  await page.waitForSelector(".quote-card");
  const cards = await page.locator(".quote-card").count();
  assert.equal(cards, 9);
  const speakers = await page.locator(".quote-card .speaker strong").allTextContents();
  assert.ok(speakers.includes("Matthew Miller"), `speakers: ${speakers}`);
  assert.ok(speakers.includes("Antony Blinken"), `speakers: ${speakers}`);
  const people = await page.locator(".entities.person li .ent").allTextContents();
  assert.ok(people.includes("Israel Katz"), `people: ${people}`);
  const places = await page.locator(".entities.place li .ent").allTextContents();
  assert.ok(places.includes("Aqaba") && places.includes("Jordan"), `places: ${places}`);
  assert.ok((await page.locator(".text-view .quote").count()) >= 9);
  await screenshot(page, "page-light.png");
  assert.deepEqual(problems, []);
  await context.close();
});

test("the page in dark mode", async () => {
  const { page, context, problems } = await openPage(browser, server.url, { colorScheme: "dark" });
  await page.click("#example");
  await page.waitForSelector(".quote-card");
  const background = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
  assert.notEqual(background, "rgb(253, 253, 252)");
  await screenshot(page, "page-dark.png");
  assert.deepEqual(problems, []);
  await context.close();
});

test("typing updates the results", async () => {
  const { page, context, problems } = await openPage(browser, server.url);
  await page.fill("#article", "\"We will win,\" Jane Smith said in Paris on Monday.");
  await page.waitForFunction(() => document.querySelectorAll(".quote-card").length === 1);
  assert.equal(await page.locator(".quote-card .speaker strong").textContent(), "Jane Smith");
  await page.fill("#article", "No quotes at all here.");
  await page.waitForFunction(() => document.querySelectorAll(".quote-card").length === 0);
  assert.deepEqual(problems, []);
  await context.close();
});

test("the JS API in the browser gives the same JSON as the native command line", async () => {
  const seed = readFileSync(shared("fixtures/seed-article.txt"), "utf8");
  const native = JSON.parse(
    execFileSync(join(root, "target/release/article-analyzer"), ["analyze", shared("fixtures/seed-article.txt")], {
      encoding: "utf8",
    }),
  );
  const { page, context, problems } = await openPage(browser, server.url);
  const inBrowser = await page.evaluate(async (text) => {
    const module = await import("./article-analyzer.js");
    await module.default({ module_or_path: new URL("./article-analyzer_bg.wasm", location.href) });
    return module.analyze(text);
  }, seed);
  assert.deepEqual(inBrowser, native);
  assert.equal(inBrowser.quotes.length, 9);
  assert.deepEqual(problems, []);
  await context.close();
});

test("no request leaves the page after it has loaded, and hostile text stays text", async () => {
  const { page, context, problems } = await openPage(browser, server.url);
  const after = [];
  page.on("request", (r) => after.push(r.url()));
  const hostile =
    '<script>window.pwned = 1</script> "<img src=x onerror=window.pwned=2>," said <b>Bob</b> in <a href="javascript:alert(1)">Paris</a>.';
  await page.fill("#article", hostile);
  await page.waitForFunction(() => document.querySelectorAll(".quote-card").length === 1);
  await page.click("#example");
  await page.waitForSelector(".quote-card");
  assert.deepEqual(after, []);
  await page.fill("#article", hostile);
  await page.waitForFunction(() => document.querySelectorAll(".quote-card").length === 1);
  assert.equal(await page.evaluate(() => window.pwned), undefined);
  assert.equal(await page.locator("#results img, #results script, #results a, #results b").count(), 0);
  assert.ok((await page.locator(".text-view").textContent()).includes("<script>"));
  assert.deepEqual(problems, []);
  await context.close();
});
