// Starts the page. Loaded as a file, not inline, so the page runs under a strict
// Content-Security-Policy (script-src 'self' 'wasm-unsafe-eval').
import init from "./article-analyzer.js";

await init({ module_or_path: new URL("./article-analyzer_bg.wasm", import.meta.url) });
