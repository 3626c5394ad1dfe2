// Shared set-up for the browser tests: dist/ served from a sub-path by a plain static server (as a
// static host would serve it, with a strict Content-Security-Policy), and headless Chromium driven
// by playwright-core.
import { createServer } from "node:http";
import { readFile, mkdir } from "node:fs/promises";
import { existsSync, readFileSync } from "node:fs";
import { extname, join, normalize, resolve, dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";

export const root = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
export const dist = join(root, "dist");
export const out = join(root, "tests/browser/out");
export const base = "/tools/analyzer/";
export const csp =
  "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'";

/** Marks the page sets in the Performance timeline (src/web/worker.rs, src/web/view.rs). */
export const READY = "article-analyzer:worker-ready";
export const RENDERED = "article-analyzer:rendered";

/** The shared data folder: $ARTICLE_ANALYZER_SHARED, else ../shared next to the checkout. */
export function shared(...parts) {
  const candidates = [process.env.ARTICLE_ANALYZER_SHARED, join(root, "../shared"), "/work/shared"];
  const found = candidates.find((c) => c && existsSync(join(c, "fixtures")));
  if (!found) throw new Error("cannot find the shared data folder; set ARTICLE_ANALYZER_SHARED");
  return join(found, ...parts);
}

const types = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".wasm": "application/wasm",
  ".json": "application/json",
  ".txt": "text/plain; charset=utf-8",
  ".png": "image/png",
  ".svg": "image/svg+xml",
  ".ts": "text/plain; charset=utf-8",
};

/**
 * Serves dist/ under `base`, and `extra` files by exact path (host pages for the widget);
 * resolves to { origin, url, requests, close }. Every response carries the strict CSP (or
 * `policy`), and allows other origins to load it (CORS), as a static host serving a widget would.
 */
export async function serve(extra = {}, { csp: policy = csp } = {}) {
  const requests = [];
  const server = createServer(async (req, res) => {
    const path = decodeURIComponent(new URL(req.url, "http://x").pathname);
    requests.push(path);
    try {
      let body;
      let file;
      if (extra[path] !== undefined) {
        body = extra[path];
        file = path;
      } else if (path.startsWith(base)) {
        const rel = normalize(path.slice(base.length) || "index.html");
        if (rel.startsWith("..")) throw new Error("outside");
        file = join(dist, rel.endsWith("/") ? join(rel, "index.html") : rel);
        body = await readFile(file);
      } else {
        throw new Error("not found");
      }
      res.writeHead(200, {
        "content-type": types[extname(file)] ?? "application/octet-stream",
        "content-security-policy": policy,
        "access-control-allow-origin": "*",
        "cache-control": "no-store",
      });
      res.end(body);
    } catch {
      res.writeHead(404, { "content-type": "text/plain" });
      res.end("not found");
    }
  });
  await new Promise((ok) => server.listen(0, "127.0.0.1", ok));
  const { port } = server.address();
  return {
    origin: `http://127.0.0.1:${port}`,
    url: `http://127.0.0.1:${port}${base}`,
    requests,
    close: () => new Promise((ok) => server.close(ok)),
  };
}

export async function launch() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--disable-quic",
    ],
  });
}

/**
 * A new page that records page errors, console errors and CSP violations (Chromium reports a
 * violation as a console error) in `problems`, and every console line in `logs`. By default waits
 * until the page's worker is ready, which is when the page has loaded everything it will load.
 * `before(page)` runs before the page is opened (to route its requests, say).
 */
export async function openPage(browser, url, { colorScheme = "light", viewport, ready = true, before } = {}) {
  const context = await browser.newContext({ colorScheme, viewport: viewport ?? { width: 1280, height: 900 } });
  const page = await context.newPage();
  const problems = [];
  const logs = [];
  page.on("pageerror", (e) => problems.push(`page error: ${e.message}`));
  page.on("console", (m) => {
    logs.push({ type: m.type(), text: m.text() });
    if (m.type() === "error") problems.push(`console error: ${m.text()}`);
  });
  await before?.(page);
  await page.goto(url);
  if (ready) await waitForMark(page, READY);
  return { page, context, problems, logs };
}

/** Waits until the page has set the Performance mark `name` (at least `count` times since `since`). */
export async function waitForMark(page, name, { since = 0 } = {}) {
  await page.waitForFunction(
    ([name, since]) => performance.getEntriesByName(name).some((e) => e.startTime > since),
    [name, since],
  );
}

/**
 * `text` made long enough for the page to analyze it in its worker (or, with none, its inline
 * instance): it analyzes shorter texts in a second instance on its own thread once that is warm
 * (src/web/worker.rs).
 */
export const longText = (text) => text + "\n\nThe council met again on the budget.".repeat(500);

/** The page's clock, to pass as `since` to waitForMark before an action. */
export const now = (page) => page.evaluate(() => performance.now());

export async function screenshot(page, name, options = {}) {
  await mkdir(out, { recursive: true });
  const path = join(out, name);
  await page.screenshot({ path, fullPage: false, ...options });
  return path;
}

/**
 * Runs axe-core in the page and returns the serious and critical violations. axe's source is
 * evaluated through the driver, which the page's CSP does not govern, so the page's own policy
 * stays strict.
 */
export async function audit(page, context = "html") {
  const source = readFileSync(join(root, "node_modules/axe-core/axe.min.js"), "utf8");
  await page.evaluate(source);
  const violations = await page.evaluate(async (context) => {
    const result = await globalThis.axe.run(context, { resultTypes: ["violations"] });
    return result.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.map((n) => n.target.join(" ")).slice(0, 5),
    }));
  }, context);
  return violations.filter((v) => v.impact === "serious" || v.impact === "critical");
}

/** The seed article, read from the shared folder. */
/** A share link carrying `text`, made by the page's Share button in a context of its own. */
export async function shareLink(browser, url, text) {
  const { page, context } = await openPage(browser, url);
  await page.fill("#article", text);
  await page.click("#share");
  await page.waitForFunction(() => document.querySelector("#share-link").value.length > 0);
  const link = await page.inputValue("#share-link");
  await context.close();
  return link;
}

export const seedText = () => readFileSync(shared("fixtures/seed-article.txt"), "utf8");
