// Times one analyzer in Node on a file of articles (the `jsonl` input), for bench/bench.mjs:
//   node --expose-gc bench/engine.mjs wasm|compromise FILE [--runs N] [--budget SECONDS]
//     [--each-only] [--versus wasm|compromise] [--against OTHER]
// Measures as `article-analyzer bench` (src/cli/bench.rs) does: after a warm-up, every article
// analyzed on its own, then all of them as one text (joined by blank lines); `runs` runs of each,
// or fewer once the budget is spent (at least one); a run of a short input repeats it for 100 ms.
// Prints one JSON object. Each input gets its own process, so the memory figures are that input's.
// --versus OTHER (with --each-only, for inputs whose articles take well over 100 ms a pass): a
// ratio of two engines' speeds measured alike, for the target of the wasm against compromise.
// After this engine's own runs, OTHER's engine is loaded too, and a pass over the articles by each
// is timed in turn, `runs` of each (`versus`): the two timed in two processes a minute apart met
// the machine at different speeds (it drifts by ±8% from one minute to the next here).
// --against (wasm): a ratio of two one-text times measured alike, for the target of 10 MB against
// 1 MB. This input's one text and OTHER's are each analyzed by an instance of the module of its
// own, its tables built by a few articles first, a text of each at a time, in turn (`firstMs` and
// `againstMs`). Taken from the runs above instead, the ratio compared unlike analyses (the 1 MB
// analyzed again with the names it had looked up kept, the 10 MB anew each time, since a text
// that long forgets them) in two processes minutes apart: 8.8 to 13.0 across six runs.
//
// - wasm: the very module the page loads (dist/article-analyzer_bg.wasm and trunk's JS glue),
//   through the JavaScript API `analyze(text)`, which returns the analysis as a plain object.
//   Peak memory is the size of the module's linear memory, which only grows.
// - compromise: `nlp(text)`, then `.people()`, `.organizations()`, `.places()` and
//   `.quotations()` of the document, each `.out("array")`. Peak memory is the process's peak RSS,
//   Node included.
import { readFileSync } from "node:fs";
import { join, resolve, dirname } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const [engine, file, ...flags] = process.argv.slice(2);
const option = (name) => flags[flags.indexOf(name) + 1];
const runs = flags.includes("--runs") ? Number(option("--runs")) : 5;
const budget = flags.includes("--budget") ? Number(option("--budget")) : 60;
const eachOnly = flags.includes("--each-only");

const read = (path) =>
  readFileSync(path, "utf8")
    .split("\n")
    .filter((l) => l.trim() !== "")
    .map((l) => JSON.parse(l).text);
const articles = read(file);
const whole = articles.join("\n\n");
const against = flags.includes("--against") ? read(option("--against")).join("\n\n") : null;

async function load(engine) {
  if (engine === "wasm") {
    const dist = join(root, "dist");
    const glue = await import(pathToFileURL(join(dist, "article-analyzer.js")).href);
    const module = new WebAssembly.Module(readFileSync(join(dist, "article-analyzer_bg.wasm")));
    const exports = await glue.default({ module_or_path: module });
    const count = (found, a) => {
      found.quotes += a.quotes.length;
      for (const e of a.entities) {
        if (e.type === "PERSON") found.people++;
        else if (e.type === "ORG") found.organizations++;
        else if (e.type === "PLACE") found.places++;
      }
    };
    // The glue's `glue()` makes a glue of its own, for an instance of its own (scripts/post-build.mjs).
    const fresh = () => {
      const other = glue.glue();
      const instance = other.initSync({ module });
      for (const text of articles.slice(0, 20)) other.analyze(text);
      return { analyze: other.analyze, bytes: () => instance.memory.buffer.byteLength };
    };
    return { analyze: (text) => glue.analyze(text), count, peak: () => exports.memory.buffer.byteLength, fresh };
  }
  if (engine === "compromise") {
    const { default: nlp } = await import("compromise");
    const analyze = (text) => {
      const doc = nlp(text);
      return {
        people: doc.people().out("array"),
        organizations: doc.organizations().out("array"),
        places: doc.places().out("array"),
        quotes: doc.quotations().out("array"),
      };
    };
    const count = (found, a) => {
      for (const k of Object.keys(found)) found[k] += a[k].length;
    };
    return { analyze, count, peak: () => process.resourceUsage().maxRSS * 1024 };
  }
  throw new Error(`unknown engine ${engine}: wasm or compromise`);
}

// Before each run, untimed, the garbage of the runs before it is collected (with node's
// --expose-gc, as bench.mjs runs this): otherwise a run paid for whichever earlier run's objects
// the collector happened to reach then, the 10 MB's tens of megabytes among them.
const collect = globalThis.gc ?? (() => {});
const WARM_UP_MS = 1000;
const MIN_RUN_MS = 100;
const now = () => Number(process.hrtime.bigint()) / 1e6;
const median = (values) => {
  const s = [...values].sort((a, b) => a - b);
  const n = s.length;
  return n === 0 ? null : n % 2 ? s[(n - 1) / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
};

/** Whether a measurement that has made `done` runs since `start` makes another. */
const another = (done, start) => done < Math.max(1, runs) && (done === 0 || now() - start < budget * 1e3);

/** Times `f` as src/cli/bench.rs `measure` does; returns milliseconds per call, one per run. */
function measure(f) {
  const start = now();
  collect();
  const call = now();
  f();
  const first = now() - call;
  const reps = Math.max(1, Math.ceil(MIN_RUN_MS / Math.max(first, 1e-6)));
  const times = reps === 1 ? [first] : [];
  while (another(times.length, start)) {
    collect();
    const run = now();
    for (let i = 0; i < reps; i++) f();
    times.push((now() - run) / reps);
  }
  return times;
}

/**
 * Times `jobs` in turn, one call of each a run, as `measure` runs them; a job, called untimed,
 * readies and returns what is timed. Returns the ms of each job's runs.
 */
function inTurn(jobs) {
  const start = now();
  const times = jobs.map(() => []);
  while (another(times[0].length, start)) {
    for (const [i, job] of jobs.entries()) {
      const timed = job();
      collect();
      const run = now();
      timed();
      times[i].push(now() - run);
    }
  }
  return times;
}

/** Analyzes the articles one after another for a second, so that the JIT has compiled `analyze`. */
function warmUp(analyze) {
  const warm = now();
  for (let i = 0; now() - warm < WARM_UP_MS; i++) analyze(articles[i % articles.length]);
}

const { analyze, count, peak, fresh } = await load(engine);
if (against !== null && !fresh) throw new Error(`--against: for the wasm only, not ${engine}`);
const found = { quotes: 0, people: 0, organizations: 0, places: 0 };
for (const text of articles) count(found, analyze(text));
warmUp(analyze);
const pass = (analyze) => () => {
  for (const text of articles) analyze(text);
};
const each = measure(pass(analyze));
const all = eachOnly ? [] : measure(() => analyze(whole));
// Read before another engine shares the process.
let peakBytes = peak();
const versus = flags.includes("--versus") ? await load(option("--versus")) : null;
if (versus) warmUp(versus.analyze);
const passes = versus && inTurn([analyze, versus.analyze].map((a) => () => pass(a)));
// Each text a first analysis, by an instance of its own; the largest instance's memory counts.
const first = (text) => () => {
  const instance = fresh();
  return () => {
    instance.analyze(text);
    peakBytes = Math.max(peakBytes, instance.bytes());
  };
};
const pair = against === null ? null : inTurn([first(against), first(whole)]);
console.log(
  JSON.stringify({
    articles: articles.length,
    bytes: articles.reduce((n, t) => n + Buffer.byteLength(t, "utf8"), 0),
    eachMs: median(each),
    eachRunsMs: each,
    wholeMs: median(all),
    wholeRunsMs: all,
    ...(pair && {
      firstMs: median(pair[1]),
      firstRunsMs: pair[1],
      againstMs: median(pair[0]),
      againstRunsMs: pair[0],
    }),
    ...(passes && {
      versus: {
        engine: option("--versus"),
        eachMs: median(passes[1]),
        eachRunsMs: passes[1],
        ownEachMs: median(passes[0]),
        ownEachRunsMs: passes[0],
      },
    }),
    found,
    peakBytes,
  }),
);
