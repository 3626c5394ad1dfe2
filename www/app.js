// Starts the page. A file, not trunk's inline loader, so the page runs under a strict
// Content-Security-Policy (script-src 'self' 'wasm-unsafe-eval'). The analyses run in
// worker.js; this thread renders.
import init, { mountPage } from "./article-analyzer.js";

await init({ module_or_path: new URL("./article-analyzer_bg.wasm", import.meta.url) });
mountPage(new URL("./worker.js", import.meta.url).href);
