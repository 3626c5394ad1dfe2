// Starts the page. A file, not trunk's inline loader, so the page runs under a strict
// Content-Security-Policy (script-src 'self' 'wasm-unsafe-eval'). The analyses run in
// worker.js; this thread renders.
import init, { mountPage } from "./article-analyzer.js";

// The worker fetches its scripts while this thread compiles the module, not after; the page
// sends it the compiled module (src/web/worker.rs). If its script fails before the page listens,
// the mark tells the page to analyze here instead.
const workerUrl = new URL("./worker.js", import.meta.url).href;
let early;
try {
  early = new Worker(workerUrl, { type: "module" });
  early.addEventListener("error", (event) => {
    event.preventDefault();
    early.loadFailed = true;
  });
} catch {
  early = undefined;
}
await init({ module_or_path: new URL("./article-analyzer_bg.wasm", import.meta.url) });
// Where no worker can start, analyses run on this thread in an instance of their own (inline.js),
// loaded only then.
const inline = (module, text) => import("./inline.js").then((m) => m.analyzeInline(module, text));
mountPage(workerUrl, early, inline);
