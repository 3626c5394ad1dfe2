// The map: a pin per place of the seed article, zoomed to them, and pins and mentions lighting
// each other.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { serve, launch, openPage, screenshot } from "./harness.mjs";

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

test("the example's places are pins on a map zoomed to them", async () => {
  const { page, context, problems } = await openPage(browser, server.url);
  await page.click("#example");
  await page.waitForSelector("svg.world circle.pin");
  const pins = await page.locator("svg.world circle.pin").count();
  // A pin for each place, and for each nationality ("Israeli") at its country.
  const places = await page.locator(".entities.place li, .entities.norp li").count();
  assert.ok(pins >= 13 && pins <= places, `${pins} pins for ${places} places and nationalities`);
  assert.ok((await page.locator("svg.world path.country").count()) > 100);
  // Zoomed: the view is narrower than the world (3600 tenths of a degree).
  const width = Number((await page.locator("svg.world").getAttribute("viewBox")).split(" ")[2]);
  assert.ok(width < 3600, `view ${width} wide`);
  const titles = await page.locator("svg.world circle.pin title").allTextContents();
  assert.ok(titles.some((t) => t.startsWith("Aqaba")), `pins: ${titles}`);
  // A nationality's pin is named for it and its country, beside the country's own pin.
  assert.ok(titles.some((t) => /^Israeli, Israel \(\d+ mentions?\)$/.test(t)), `pins: ${titles}`);
  await page.locator("svg.world").scrollIntoViewIfNeeded();
  await screenshot(page, "map.png");
  assert.deepEqual(problems, []);
  await context.close();
});

test("pointing at a pin lights its mentions, and a mention its pin", async () => {
  const { page, context, problems } = await openPage(browser, server.url);
  await page.click("#example");
  await page.waitForSelector("svg.world circle.pin");
  const id = await page.evaluate(() => {
    // The pin of the place mentioned most: Israel, with four mentions.
    const pins = [...document.querySelectorAll("svg.world circle.pin")];
    const counts = pins.map((p) => document.querySelectorAll(`.text-view [data-entity="${p.dataset.entity}"]`).length);
    return pins[counts.indexOf(Math.max(...counts))].dataset.entity;
  });
  const mentions = page.locator(`.text-view [data-entity="${id}"]`);
  assert.ok((await mentions.count()) >= 2);
  await page.locator(`svg.world circle.pin[data-entity="${id}"]`).dispatchEvent("mouseover");
  assert.equal(await page.locator(`.text-view .lit[data-entity="${id}"]`).count(), await mentions.count());
  await page.locator(`svg.world circle.pin[data-entity="${id}"]`).dispatchEvent("mouseout");
  assert.equal(await page.locator(".text-view .lit").count(), 0);
  await mentions.first().hover();
  assert.equal(await page.locator(`svg.world circle.pin.lit[data-entity="${id}"]`).count(), 1);
  await page.locator(`svg.world circle.pin[data-entity="${id}"]`).dispatchEvent("click");
  assert.ok((await page.locator(`.text-view .picked[data-entity="${id}"]`).count()) >= 2);
  assert.deepEqual(problems, []);
  await context.close();
});

test("each map shades the countries its own article names: outlines drawn once are copied, not shared", async () => {
  const { page, context, problems } = await openPage(browser, server.url);
  const named = () => page.locator("svg.world path.country.named").evaluateAll((ps) => ps.map((p) => p.getAttribute("d")));
  const outlines = () => page.locator("svg.world path.country").count();
  await page.fill("#article", "The leaders of France and Germany met in Brussels on Monday.");
  await page.waitForFunction(() => document.querySelectorAll("svg.world path.country.named").length === 2);
  const first = await named();
  const count = await outlines();
  await page.fill("#article", "The talks were held in Japan on Tuesday.");
  await page.waitForFunction(() => document.querySelectorAll("svg.world path.country.named").length === 1);
  const second = await named();
  assert.ok(!first.includes(second[0]), "Japan is shaded, neither France nor Germany");
  assert.equal(await outlines(), count);
  assert.equal(await page.locator("svg.world").count(), 1);
  assert.deepEqual(problems, []);
  await context.close();
});
