// Analyses on the page's own thread, for where no worker can start (a widget served from another
// origin, a page whose policy forbids workers): src/web/worker.rs calls analyzeInline(module, text)
// and gets the analysis as JSON. They run in a WebAssembly instance of their own, made from the
// same compiled module: a panic traps that instance, not the one that draws the page, and the next
// text gets a fresh one. The message of a panic is the one the panic hook (src/wasm.rs) leaves on
// the global object; the hook has already written it to the console.
let current;
let made = 0;

export async function analyzeInline(module, text) {
  current ??= instance(module);
  const api = await current;
  delete globalThis.articleAnalyzerPanic;
  try {
    return JSON.stringify(api.analyze(text));
  } catch (error) {
    current = undefined;
    throw new Error(globalThis.articleAnalyzerPanic ?? (error instanceof Error ? error.message : String(error)));
  }
}

// A module is evaluated once per URL: under a new query the same script is a new module, with a
// new instance (its script comes from the browser's cache where the server allows it).
async function instance(module) {
  made += 1;
  const api = await import(new URL(`./article-analyzer.js?instance=${made}`, import.meta.url).href);
  await api.default({ module_or_path: module });
  return api;
}
