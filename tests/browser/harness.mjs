// Shared set-up for the browser tests: dist/ served from a sub-path by a plain static server (as a
// static host would serve it, with a strict Content-Security-Policy), and headless Chromium driven
// by playwright-core.
import { createServer } from "node:http";
import { readFile, mkdir } from "node:fs/promises";
import { existsSync } from "node:fs";
import { extname, join, normalize, resolve, dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";

export const root = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
export const dist = join(root, "dist");
export const out = join(root, "tests/browser/out");
export const base = "/tools/analyzer/";
export const csp =
  "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'";

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
};

/** Serves dist/ under `base` (and `extra` files by exact path); resolves to { url, close, requests }. */
export async function serve(extra = {}) {
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
        "content-security-policy": csp,
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

/** A new page that fails the test on any page error, console error or CSP violation. */
export async function openPage(browser, url, { colorScheme = "light", viewport } = {}) {
  const context = await browser.newContext({ colorScheme, viewport: viewport ?? { width: 1280, height: 900 } });
  const page = await context.newPage();
  const problems = [];
  page.on("pageerror", (e) => problems.push(`page error: ${e.message}`));
  page.on("console", (m) => {
    if (m.type() === "error") problems.push(`console error: ${m.text()}`);
  });
  await page.goto(url);
  await page.waitForFunction(() => document.querySelector("#status")?.textContent.length > 0);
  return { page, context, problems };
}

export async function screenshot(page, name) {
  await mkdir(out, { recursive: true });
  const path = join(out, name);
  await page.screenshot({ path, fullPage: false });
  return path;
}
