// Starts the page. A file, not trunk's inline loader, so the page runs under a strict
// Content-Security-Policy (script-src 'self' 'wasm-unsafe-eval'). The analyses run in
// worker.js; this thread renders.
import init, { mountPage } from "./article-analyzer.js";

// The worker fetches its scripts while this thread compiles the module, and instantiates it while
// this thread builds the page, which then reads what it said (`heard`, src/web/worker.rs). If its
// script fails first, `loadFailed` tells the page to analyze here instead.
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

// Compiled as it arrives where the server says it is wasm, as the module's own loader does.
async function compile(url) {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`${url}: ${response.status} ${response.statusText}`);
  if (response.headers.get("Content-Type")?.startsWith("application/wasm")) {
    return WebAssembly.compileStreaming(response);
  }
  return WebAssembly.compile(await response.arrayBuffer());
}

const module = await compile(new URL("./article-analyzer_bg.wasm", import.meta.url));
if (early && !early.loadFailed) {
  early.heard = [];
  early.hear = ({ data }) => early.heard.push(data);
  early.addEventListener("message", early.hear);
  early.postMessage({ module });
}
await init({ module_or_path: module });
// Where no worker can start, analyses run on this thread in an instance of their own (inline.js),
// loaded only then.
const inline = (module, text) => import("./inline.js").then((m) => m.analyzeInline(module, text));
mountPage(workerUrl, early, inline);
