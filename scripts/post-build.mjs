// trunk's post-build hook (Trunk.toml), on what trunk staged for dist/:
// - The module's glue (article-analyzer.js) also exports `glue()`, which makes the glue afresh
//   with a state of its own, for a second instance of the module on the page's thread (www/app.js's
//   short analyses): wasm-bindgen's glue holds one instance, and importing it again under another
//   URL would be another request.
// - The page's stylesheets become one, page.css: one request rather than three, and about 500
//   bytes less of the page's megabyte, gzipped, than three files.
// - In a release, the scripts lose their comments and get short local names, as trunk minifies its
//   HTML and CSS but not the scripts it copies nor the glue: about 4 KB less, gzipped.
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
  writeFileSync(file, reusable(readFileSync(file, "utf8")));
  oneStylesheet(dir);
}
if (process.env.TRUNK_PROFILE === "release" && dir) {
  for (const name of readdirSync(dir).filter((n) => n.endsWith(".js"))) {
    const file = join(dir, name);
    const { code } = await minify(readFileSync(file, "utf8"), { module: true });
    writeFileSync(file, code);
  }
}
