// Starts the page. A file, not trunk's inline loader, so the page runs under a strict
// Content-Security-Policy (script-src 'self' 'wasm-unsafe-eval'). The analyses run in
// worker.js; this thread renders.
import init, { glue, mountPage } from "./article-analyzer.js";

// The worker fetches its script while this thread compiles the module, and instantiates it while
// this thread builds the page, which then reads what it said (`heard`, src/web/worker.rs). If its
// script fails first, `loadFailed` tells the page to analyze here instead. Its script is the glue,
// which runs www/worker.js in a worker of this name (scripts/post-build.mjs).
const workerUrl = new URL("./article-analyzer.js", import.meta.url).href;
let early;
try {
  early = new Worker(workerUrl, { type: "module", name: "article-analyzer" });
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

// A short text is analyzed on this thread, in a second instance of the module with a glue of its
// own, so its results are drawn in the very task that brought it, not after a round trip to the
// worker and the frame the browser draws meanwhile (src/web/worker.rs). A panic traps that
// instance, not the one that draws the page: it is dropped and another warmed. Warming builds the
// analyzer's tables (about 30 ms), in idle time, a step at a time, when the page says (the worker
// ready with nothing waiting, or an answer drawn) or after a panic. Not when a short text finds it
// cold while a worker can take the text: that is the cold load, the worker's first analysis is
// under way, and the two would share the machine's cores (a share link's first analysis ~40 ms
// later on 2 cores).
// Safari has no requestIdleCallback: a timeout, after the tasks already queued, stands in.
const idle = globalThis.requestIdleCallback ?? ((step) => setTimeout(step, 1));
const here = {
  warm() {
    if (here.api || here.steps) return;
    const api = glue();
    let n = -1;
    const step = () => {
      try {
        if (n < 0) api.initSync({ module });
        // The tables, one at a time, then the code that only an analysis runs.
        else if (!api.prepare(n)) {
          api.analyzeInParts('"Yes," Ann Lee said in Paris on Monday.');
          here.api = api;
          return (here.steps = undefined);
        }
        n += 1;
        return idle(step);
      } catch (error) {
        console.error(error);
      }
      here.steps = undefined;
    };
    here.steps = true;
    idle(step);
  },
  // The analysis in parts (src/parts.rs), or undefined if this instance is not ready.
  analyze(text) {
    const api = here.api;
    here.api = undefined;
    if (!api) return early && !early.loadFailed ? undefined : here.warm();
    delete globalThis.articleAnalyzerPanic;
    try {
      const parts = api.analyzeInParts(text);
      here.api = api;
      return parts;
    } catch (error) {
      here.warm();
      throw new Error(globalThis.articleAnalyzerPanic ?? error.message);
    }
  },
};
mountPage(workerUrl, early, inline, here);
