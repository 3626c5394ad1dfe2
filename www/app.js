// Starts the page. A file, not trunk's inline loader, so the page runs under a strict
// Content-Security-Policy (script-src 'self' 'wasm-unsafe-eval'). The analyses run in
// worker.js; this thread renders.
import init, { mountPage } from "./article-analyzer.js";

await init({ module_or_path: new URL("./article-analyzer_bg.wasm", import.meta.url) });
// Where no worker can start, analyses run on this thread in an instance of their own (inline.js),
// loaded only then.
const inline = (module, text) => import("./inline.js").then((m) => m.analyzeInline(module, text));
mountPage(new URL("./worker.js", import.meta.url).href, inline);
