// The analysis worker: runs the analyzer off the main thread, so typing never waits for it.
// The build puts this script at the end of the glue, article-analyzer.js (scripts/post-build.mjs),
// which runs it in a worker named "article-analyzer": a worker is started on the glue under that
// name, and so fetches one script before it can take the module, not this one and then the glue
// it imports (on a cold load, the second fetch held the worker back 20-40 ms).
// The page (the loader www/app.js, else src/web/worker.rs) sends the compiled module first
// ({module}) and hears {ready: true} once it is instantiated, or {failed}; then texts ({id, text}),
// each answered with {id, parts} (the analysis as small JSON texts, src/parts.rs, which the page
// parses a few at a time between frames) or {id, error}. After an error the worker closes, since a
// panic leaves its instance unusable; the page starts a fresh one for the next text. The error of a
// panic is the panic's message, which the panic hook (src/wasm.rs) leaves on the global object.
// {id, panic} makes the analyzer panic: the browser tests' way in (tests/browser); no text can.
import init, { analyzeInParts, panicForTests } from "./article-analyzer.js";

let ready;
let warmUp;

const WARM_UP = '"We are close," Jane Smith, the mayor, told reporters in Paris on Monday, 3 June 2024.';

self.onmessage = async ({ data }) => {
  if (data.module) {
    ready = init({ module_or_path: data.module });
    ready.then(
      () => {
        self.postMessage({ ready: true });
        // The first analysis builds the analyzer's tables: do it while the page is still
        // starting and the reader has not yet given a text, unless one is already waiting.
        warmUp = setTimeout(() => analyzeInParts(WARM_UP), 0);
      },
      (error) => self.postMessage({ failed: String(error) }),
    );
    return;
  }
  clearTimeout(warmUp);
  try {
    await ready;
    if (data.panic) panicForTests(data.panic);
    self.postMessage({ id: data.id, parts: analyzeInParts(data.text) });
  } catch (error) {
    const message = self.articleAnalyzerPanic ?? (error instanceof Error ? error.message : String(error));
    self.postMessage({ id: data.id, error: message });
    self.close();
  }
};
