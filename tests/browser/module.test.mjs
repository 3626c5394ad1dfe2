// The ES module's analyze(), in Node: the very objects the command line's JSON describes, key for
// key and number for number, for real articles and for edge inputs, with offsets in UTF-16 units
// and in bytes. The module builds them from numbers and a string (src/handover.rs,
// www/analysis.js) rather than parsing JSON, so nothing else checks that they are the same.
// Needs dist/ and the release command line (scripts/test builds both first).
import { test } from "node:test";
import assert from "node:assert/strict";
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { execFileSync } from "node:child_process";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { root, dist, shared } from "./harness.mjs";

const dev = shared("data/quotes/polnear/dev/text");
const articles = readdirSync(dev)
  .filter((f) => f.endsWith(".txt"))
  .sort()
  .map((f) => readFileSync(join(dev, f), "utf8"));

const edges = [
  "",
  " \n\n\t ",
  "\r\n",
  '"We are close," Jane Smith said.\r\n\r\n"Not yet," Bob Lee told reporters in Paris on Monday.\r\n',
  '\uFEFF"A byte order mark first," said Ann Lee. "\uFEFFAnd one that starts a quote," she said.',
  '😀 "We 😀 won," said Zoë Müller in Zürich on 3 June 2024. 👍🏽 The Égyptiens and 中国 agreed.',
  // Lone surrogates: the module reads each as U+FFFD, as the command line reads their escapes.
  '\uD800 "We won," said Jane Smith in Paris.\uDC00 "Again \uDBFF," she added.\uD83D',
  "\uDC00\uD800 Paris \uD800",
  '\uFFFD "A replacement character," said Tom Hanks \uD83D\uDE00 in Rome.',
  '"An unclosed quote, said Angela Merkel in Berlin',
  "\0 NUL \0 bytes \u0001 in \u007F text, and Washington.",
  "<p>HTML &amp; <b>tags</b> from Barack Obama</p>",
  "مرحبا \"quoted,\" said Mohamed Salah in Cairo. שלום",
  '"'.repeat(500),
];

const texts = [readFileSync(shared("fixtures/seed-article.txt"), "utf8"), ...articles, ...edges];
// And one text past the 1 MB piece the module reads a long string in (src/wasm.rs).
texts.push(articles.join("\n\n").repeat(2));

/** The command line's analyses of `texts` (`jsonl`), as objects. */
function native(texts) {
  const cli = join(root, "target/release/article-analyzer");
  assert.ok(existsSync(cli), `${cli} is missing: cargo build --release`);
  const dir = mkdtempSync(join(tmpdir(), "aa-module-"));
  try {
    const input = join(dir, "in.jsonl");
    writeFileSync(input, texts.map((text, id) => JSON.stringify({ id, text })).join("\n") + "\n");
    const out = execFileSync(cli, ["jsonl", input, "--threads", "1"], { encoding: "utf8", maxBuffer: 1 << 30 });
    return out.trimEnd().split("\n").map((line) => JSON.parse(line).analysis);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** `analysis` (of `text`, offsets in UTF-16 units) with its offsets counted in UTF-8 bytes. */
function inBytes(analysis, text) {
  const utf8 = new Uint32Array(text.length + 1);
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    const pair = c >= 0xd800 && c < 0xdc00 && (text.charCodeAt(i + 1) & 0xfc00) === 0xdc00;
    utf8[i + 1] = utf8[i] + (c < 0x80 ? 1 : c < 0x800 ? 2 : pair ? 4 : 3);
    if (pair) utf8[++i + 1] = utf8[i];
  }
  const walk = (value) => {
    if (Array.isArray(value)) value.forEach(walk);
    else if (value && typeof value === "object") {
      for (const key of ["start", "end"]) if (key in value) value[key] = utf8[value[key]];
      Object.values(value).forEach(walk);
    }
  };
  walk(analysis);
  analysis.offsets = "bytes";
  return analysis;
}

/** Where two texts first differ, with some of each around it. */
function firstDifference(got, want) {
  let i = 0;
  while (got[i] === want[i]) i++;
  return `at ${i}:\n  module: ${got.slice(i - 100, i + 100)}\n  native: ${want.slice(i - 100, i + 100)}`;
}

test("the module's analyze() returns the command line's analysis, in UTF-16 units and in bytes", async () => {
  const glue = await import(pathToFileURL(join(dist, "article-analyzer.js")).href);
  await glue.default({ module_or_path: readFileSync(join(dist, "article-analyzer_bg.wasm")) });
  const expected = native(texts);
  assert.equal(expected.length, texts.length);
  let quotes = 0;
  let places = 0;
  texts.forEach((text, i) => {
    const want = JSON.stringify(expected[i]);
    const got = JSON.stringify(glue.analyze(text));
    if (got !== want) assert.fail(`text ${i} (${JSON.stringify(text.slice(0, 40))}), UTF-16 offsets, ${firstDifference(got, want)}`);
    const wantBytes = JSON.stringify(inBytes(expected[i], text));
    const gotBytes = JSON.stringify(glue.analyze(text, { offsets: "bytes" }));
    if (gotBytes !== wantBytes) assert.fail(`text ${i}, offsets in bytes, ${firstDifference(gotBytes, wantBytes)}`);
    quotes += expected[i].quotes.length;
    places += expected[i].places.length;
  });
  // The texts reach every part of an analysis.
  assert.ok(quotes > 500 && places > 500, `${quotes} quotes, ${places} places`);
});

test("the module's analyze() refuses unknown options and bad offsets by name, and analyzes the next text", async () => {
  const glue = await import(pathToFileURL(join(dist, "article-analyzer.js")).href);
  await glue.default({ module_or_path: readFileSync(join(dist, "article-analyzer_bg.wasm")) });
  const text = '"We won," said Jane Smith in Paris.';
  const refusal = (text, options) => {
    try {
      glue.analyze(text, options);
      return "no error";
    } catch (error) {
      return error instanceof Error ? error.message : `not an Error: ${String(error)}`;
    }
  };
  const only = 'the only one is "offsets"';
  const offsets = 'bad options: offsets must be "utf16" or "bytes"';
  const refused = [{ nope: 1 }, { offsets: "bytes", Offsets: "bytes" }, { offsets: 3 }, { offsets: "chars" }, { offsets: {} }, "bytes", 42];
  assert.deepEqual(
    refused.map((options) => refusal(text, options)),
    [
      `bad options: unknown option "nope", ${only}`,
      `bad options: unknown option "Offsets", ${only}`,
      `${offsets}, not a value of type number`,
      `${offsets}, not "chars"`,
      `${offsets}, not a value of type object`,
      'bad options: the options must be an object, not "bytes"',
      "bad options: the options must be an object, not a value of type number",
    ],
  );
  // Bad text is named before bad options.
  assert.equal(refusal(42, { nope: 1 }), "bad text: the text to analyze must be a string");
  // The module analyzes on after the errors, with what the options may be: UTF-16 units unless
  // they ask for bytes.
  const utf16 = JSON.stringify(glue.analyze(text));
  assert.match(utf16, /"Jane Smith"/);
  for (const options of [undefined, null, {}, { offsets: "utf16" }, { offsets: undefined }]) {
    assert.equal(JSON.stringify(glue.analyze(text, options)), utf16, String(JSON.stringify(options)));
  }
  const bytes = glue.analyze(`\u00e9 ${text}`, { offsets: "bytes" });
  assert.deepEqual([bytes.offsets, bytes.quotes[0].start], ["bytes", glue.analyze(`e ${text}`).quotes[0].start + 1]);
});
