// trunk's post-build hook (Trunk.toml), on what trunk staged for dist/:
// - The JavaScript the Rust code imports (wasm-bindgen's snippets: www/analysis.js, which builds
//   what `analyze` returns) goes into the glue, which would otherwise import it from a file of its
//   own: one more request, made only once the glue has arrived, on every load of the page.
// - The module's glue (article-analyzer.js) also exports `glue()`, which makes the glue afresh
//   with a state of its own, for a second instance of the module on the page's thread (www/app.js's
//   short analyses): wasm-bindgen's glue holds one instance, and importing it again under another
//   URL would be another request.
// - The worker's script (www/worker.js) goes at the end of the glue, run only in a worker named
//   "article-analyzer" (www/app.js, src/web/worker.rs): a worker started on the glue fetches one
//   script, where one started on worker.js fetched it, then the glue it imports. On a cold load
//   of the page that second fetch came at the worker's start, which is what the first analysis
//   waits for: paired cold loads, 301 against 311 ms median (84 pairs).
// - The page's stylesheets become one, page.css: one request rather than three, and about 500
//   bytes less of the page's megabyte, gzipped, than three files.
// - In a release, the scripts lose their comments and get short local names, as trunk minifies its
//   HTML and CSS but not the scripts it copies nor the glue: about 4 KB less, gzipped.
// - In a release, the module's imports get short names, in the .wasm and in the glue that provides
//   them: wasm-bindgen names each after its function and a hash of it (`__wbg_selectionEnd_3b89...`),
//   some 200 names whose hashes do not compress: about 4 KB less, gzipped.
import { readdirSync, readFileSync, writeFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { minify } from "terser";

const dir = process.env.TRUNK_STAGING_DIR;
const GLUE = "article-analyzer.js";
const END = "export { initSync, __wbg_init as default };";

/**
 * The glue's body in a function that returns its exports; the module exports a first call's (as
 * variables, which a script importing it under a new query may rewrap, as the tests do).
 */
function reusable(source) {
  const names = [...source.matchAll(/^export (?:class|function) (\w+)/gm)].map((m) => m[1]);
  if (names.length === 0 || source.split(END).length !== 2) {
    throw new Error(`${GLUE}: not the glue this hook knows (wasm-bindgen's --target web)`);
  }
  // Its first line, a comment naming its TypeScript declarations, stays first.
  const [, head = "", rest] = source.match(/^(\/\*[^\n]*\*\/\n)?([\s\S]*)$/);
  const body = rest
    .replace(/^export (class|function) /gm, "$1 ")
    .replace(END, `return { ${names.join(", ")}, initSync, default: __wbg_init };`);
  return `${head}export function glue() {
${body}
}
const first = glue();
export let { ${names.join(", ")}, initSync } = first;
export default first.default;
`;
}

/**
 * The glue with each snippet it imports written in place of the import, in a function of its own
 * (so that its names cannot meet the glue's); the snippets' files removed.
 */
function snippetsInlined(dir, glue) {
  const imports = /^import \{ ([\w, ]+) \} from '\.\/(snippets\/[\w./-]+\.js)';$/gm;
  const out = glue.replace(imports, (_, names, path) => {
    const source = readFileSync(join(dir, path), "utf8").replace(/^export (function|let|const) /gm, "$1 ");
    if (/^\s*(export|import)\b/m.test(source)) throw new Error(`${path}: an export or import this hook does not know`);
    return `const { ${names} } = (() => {\n${source}\nreturn { ${names} };\n})();`;
  });
  if (/^import\b/m.test(out)) throw new Error(`${GLUE}: an import this hook does not know`);
  rmSync(join(dir, "snippets"), { recursive: true, force: true });
  return out;
}

/**
 * The glue with www/worker.js at its end, run only where the glue is the script of a worker named
 * "article-analyzer" (a page's window may have any name; a worker's global scope is not a window).
 * worker.js imports from the glue what the glue itself defines: the import goes.
 */
function workerAppended(glue) {
  const source = readFileSync(join(process.env.TRUNK_SOURCE_DIR ?? ".", "www/worker.js"), "utf8");
  const head = 'import init, { analyzeInParts, panicForTests } from "./article-analyzer.js";\n';
  if (source.split(head).length !== 2 || /^\s*(import|export)\b/m.test(source.replace(head, ""))) {
    throw new Error("www/worker.js: not the imports this hook knows");
  }
  return `${glue}
if (typeof DedicatedWorkerGlobalScope === "function" && self instanceof DedicatedWorkerGlobalScope && self.name === "article-analyzer") {
const init = first.default;
${source.replace(head, "")}
}
`;
}

/** The unsigned LEB128 number at `at` in `bytes`, and where it ends. */
function leb(bytes, at) {
  let value = 0;
  for (let shift = 0; ; shift += 7) {
    const byte = bytes[at++];
    value += (byte & 0x7f) * 2 ** shift;
    if (byte < 0x80) return [value, at];
  }
}

/** `value` in unsigned LEB128. */
function toLeb(value) {
  const out = [];
  do {
    const byte = value % 128;
    value = Math.floor(value / 128);
    out.push(value > 0 ? byte | 0x80 : byte);
  } while (value > 0);
  return out;
}

/** A short name for the `i`th import: a, b, ... Z, aa, ab ... (JavaScript identifiers). */
function shortName(i) {
  const letters = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";
  let name = "";
  for (i += 1; i > 0; i = Math.floor((i - 1) / letters.length)) {
    name = letters[(i - 1) % letters.length] + name;
  }
  return name;
}

/**
 * The module's imports renamed short in `wasm` (its import section rewritten; functions refer to
 * imports by index, not name) and in `glue`, whose import object names them as keys.
 */
function shortImports(wasm, glue) {
  const decoder = new TextDecoder();
  const out = [wasm.subarray(0, 8)];
  const renamed = new Map();
  let at = 8;
  while (at < wasm.length) {
    const id = wasm[at];
    const [size, start] = leb(wasm, at + 1);
    const end = start + size;
    if (id !== 2) {
      out.push(wasm.subarray(at, end));
      at = end;
      continue;
    }
    // An import: module name, field name, then its kind's description, copied as it is.
    let [count, p] = leb(wasm, start);
    const body = [...toLeb(count)];
    const name = () => {
      const [length, from] = leb(wasm, p);
      p = from + length;
      return decoder.decode(wasm.subarray(from, p));
    };
    for (let i = 0; i < count; i++) {
      const module = name();
      const field = name();
      const described = p;
      const kind = wasm[p++];
      if (kind === 0) [, p] = leb(wasm, p); // function: its type
      else if (kind === 3) p += 2; // global: type and mutability
      else if (kind === 1 || kind === 2) {
        if (kind === 1) p += 1; // table: its element type
        const flags = wasm[p++];
        [, p] = leb(wasm, p);
        if (flags & 1) [, p] = leb(wasm, p);
      } else throw new Error(`${GLUE}: an import of kind ${kind}, which this hook does not know`);
      const short = renamed.get(field) ?? shortName(renamed.size);
      renamed.set(field, short);
      for (const text of [module, short]) body.push(...toLeb(text.length), ...Buffer.from(text));
      body.push(...wasm.subarray(described, p));
    }
    if (p !== end) throw new Error(`${GLUE}: the module's import section is not as expected`);
    out.push(Uint8Array.of(2, ...toLeb(body.length), ...body));
    at = end;
  }
  let renamedGlue = glue;
  for (const [field, short] of renamed) {
    const key = new RegExp(`\\b${field}(?=\\s*:)`, "g");
    const uses = renamedGlue.match(new RegExp(`\\b${field}\\b`, "g"))?.length ?? 0;
    if ((renamedGlue.match(key)?.length ?? 0) !== 1 || uses !== 1) {
      throw new Error(`${GLUE}: the import ${field} is not named once, as a key, in the glue`);
    }
    renamedGlue = renamedGlue.replace(key, short);
  }
  return [Buffer.concat(out), renamedGlue];
}

/** index.html with its stylesheets in one, page.css, in their order; their files removed. */
function oneStylesheet(dir) {
  const index = join(dir, "index.html");
  const html = readFileSync(index, "utf8");
  const links = [...html.matchAll(/<link\b[^>]*\brel="?stylesheet"?[^>]*>/g)].map((m) => m[0]);
  const files = links.map((link) => link.match(/\bhref="?\.\/([\w.-]+\.css)"?/)?.[1]);
  if (links.length === 0 || files.some((f) => !f)) throw new Error("index.html: stylesheets not as expected");
  writeFileSync(join(dir, "page.css"), files.map((f) => readFileSync(join(dir, f), "utf8")).join("\n"));
  for (const f of files) rmSync(join(dir, f));
  let out = html.replace(links[0], '<link rel="stylesheet" href="./page.css">');
  for (const link of links.slice(1)) out = out.replace(link, "");
  writeFileSync(index, out);
}

if (dir) {
  const file = join(dir, GLUE);
  writeFileSync(file, workerAppended(reusable(snippetsInlined(dir, readFileSync(file, "utf8")))));
  oneStylesheet(dir);
}
if (process.env.TRUNK_PROFILE === "release" && dir) {
  const wasmFile = join(dir, "article-analyzer_bg.wasm");
  const glueFile = join(dir, GLUE);
  const [wasm, glue] = shortImports(readFileSync(wasmFile), readFileSync(glueFile, "utf8"));
  writeFileSync(wasmFile, wasm);
  writeFileSync(glueFile, glue);
  for (const name of readdirSync(dir).filter((n) => n.endsWith(".js"))) {
    const file = join(dir, name);
    const { code } = await minify(readFileSync(file, "utf8"), { module: true });
    writeFileSync(file, code);
  }
}
