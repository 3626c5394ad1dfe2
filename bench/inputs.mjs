// The benchmark's inputs, assembled at run time from the shared data (never committed): the seed
// article, and about 100 KB, 1 MB and 10 MB of real news articles. Each is a JSON-lines file of
// {"id", "text"} articles, the `jsonl` command's input; each larger input starts with the smaller
// one, so all draw on the same mix of sources.
//
// The articles: PolNeAR (US political news, .txt), LGL (US local news) and GeoVirus (WikiNews)
// <text> elements, and CoNLL-2003 (Reuters) documents with their tokens joined back into text.
// Sources are taken in turn, one article each, in a fixed order, so every run sees the same bytes.
// There are about 7 MB of distinct articles: the 10 MB input goes round them a second time.
import { readFileSync, readdirSync, writeFileSync, mkdirSync } from "node:fs";
import { join } from "node:path";

export const SIZES = [
  ["100 KB", 100 * 1024],
  ["1 MB", 1024 * 1024],
  ["10 MB", 10 * 1024 * 1024],
];

const polnear = (data) =>
  ["train", "dev"].flatMap((split) => {
    const dir = join(data, "quotes/polnear", split, "text");
    return readdirSync(dir)
      .filter((f) => f.endsWith(".txt"))
      .sort()
      .map((f) => ({ id: `polnear/${f}`, text: readFileSync(join(dir, f), "utf8") }));
  });

const ENTITIES = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'" };
const unescape = (s) =>
  s.replace(/&(#x[0-9a-f]+|#[0-9]+|[a-z]+);/gi, (all, e) => {
    if (e[0] !== "#") return ENTITIES[e] ?? all;
    const code = e[1] === "x" || e[1] === "X" ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10);
    return String.fromCodePoint(code);
  });

/** The <text> elements of an LGL or GeoVirus file (CDATA or escaped). */
const xmlTexts = (file, name) =>
  [...readFileSync(file, "utf8").matchAll(/<text>([\s\S]*?)<\/text>/g)].map((m, i) => {
    const cdata = /^\s*<!\[CDATA\[([\s\S]*)\]\]>\s*$/.exec(m[1]);
    return { id: `${name}/${i}`, text: cdata ? cdata[1] : unescape(m[1]) };
  });

// CoNLL-2003 is tokenized; these rules undo the usual Penn-style splits so the text reads as prose.
const NO_SPACE_BEFORE = /^([.,;:!?%)\]}]|'s|'S|n't|N'T|'re|'ve|'ll|'d|'m)$/;
const NO_SPACE_AFTER = /^[([{$]$/;

function detokenize(tokens) {
  let out = "";
  let quoteOpen = false;
  let glue = true;
  for (const token of tokens) {
    let space = !glue;
    if (NO_SPACE_BEFORE.test(token)) space = false;
    glue = NO_SPACE_AFTER.test(token);
    if (token === '"') {
      // Straight quotes alternate: an opening one sticks to what follows, a closing one to what
      // precedes.
      if (quoteOpen) space = false;
      else glue = true;
      quoteOpen = !quoteOpen;
    }
    out += (space && out ? " " : "") + token;
  }
  return out;
}

/** CoNLL-2003 documents as text: one paragraph a sentence. */
function conll(file, name) {
  const docs = [];
  let sentences;
  let tokens = [];
  const endSentence = () => {
    if (tokens.length && sentences) sentences.push(detokenize(tokens));
    tokens = [];
  };
  for (const line of readFileSync(file, "utf8").split("\n")) {
    if (line.startsWith("-DOCSTART-")) {
      endSentence();
      sentences = [];
      docs.push(sentences);
    } else if (line.trim() === "") {
      endSentence();
    } else {
      tokens.push(line.split(" ")[0]);
    }
  }
  endSentence();
  return docs.map((s, i) => ({ id: `${name}/${i}`, text: s.join("\n\n") }));
}

/** Every article of every source, the sources taken in turn. */
export function articles(data) {
  const sources = [
    polnear(data),
    xmlTexts(join(data, "geo/lgl.xml"), "lgl"),
    xmlTexts(join(data, "geo/GeoVirus.xml"), "geovirus"),
    conll(join(data, "ner/conll2003/eng.train"), "conll-train"),
    conll(join(data, "ner/conll2003/eng.testa"), "conll-testa"),
  ].map((list) => list.filter((a) => a.text.trim() !== ""));
  const out = [];
  for (let i = 0; sources.some((s) => i < s.length); i++) {
    for (const s of sources) if (i < s.length) out.push(s[i]);
  }
  return out;
}

const bytes = (s) => Buffer.byteLength(s, "utf8");

/**
 * Writes seed.jsonl and one file per size into `dir`; returns [{name, file, articles, bytes}].
 * An input takes whole articles, in order, until the next would pass its size.
 */
export function assemble({ shared, dir }) {
  mkdirSync(dir, { recursive: true });
  const all = articles(join(shared, "data"));
  if (all.length === 0) throw new Error(`no articles in ${shared}/data`);
  const inputs = [];
  const write = (name, list) => {
    const file = join(dir, `${name.replace(/ /g, "")}.jsonl`);
    writeFileSync(file, list.map((a) => JSON.stringify(a) + "\n").join(""));
    inputs.push({ name, file, articles: list.length, bytes: list.reduce((n, a) => n + bytes(a.text), 0) });
  };
  write("seed", [{ id: "seed", text: readFileSync(join(shared, "fixtures/seed-article.txt"), "utf8") }]);
  for (const [name, size] of SIZES) {
    const list = [];
    let total = 0;
    for (let i = 0; total + bytes(all[i % all.length].text) <= size; i++) {
      const a = all[i % all.length];
      list.push(i < all.length ? a : { ...a, id: `${a.id}#${Math.floor(i / all.length) + 1}` });
      total += bytes(a.text);
    }
    write(name, list);
  }
  return inputs;
}
