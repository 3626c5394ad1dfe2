// The module's `analyze` returns what this builds: the plain objects of the analysis, key for key
// as JSON.parse of its JSON would give them, from the numbers and the one string src/handover.rs
// writes (its doc says how). Built here rather than parsed: parsing the JSON took about 8% of the
// wall time of analyses in Node. scripts/post-build.mjs puts this file into the module's glue, so
// the page makes no request for it.
//
// `text` is the caller's string when offsets are its indices (else undefined), `utf8` a view of the
// text as the analysis read it; `repair` says that the caller's string may have had lone
// surrogates, which the analysis read as U+FFFD.
let decoder;

// The names of the enums' variants (src/analysis.rs, src/text.rs), in their declaration's order:
// the numbers give a variant by its index. src/handover.rs's tests check them against the JSON's.
const TYPES = ["PERSON", "ORG", "PLACE", "NORP", "DATE", "MISC"];
const QUOTE_KINDS = ["full", "partial"];
const RULES = [
  "after-quote",
  "before-quote",
  "according-to",
  "colon",
  "dash",
  "introduced-before",
  "same-paragraph",
  "runs-on",
  "follows-quote",
  "sentence-before",
  "subject",
];
const PLACE_KINDS = ["country", "admin", "city", "region"];
const WARNING_KINDS = ["unclosedQuote"];
const OFFSETS = ["bytes", "utf16"];

export function decode(text, utf8, repair, numbers, coordinates, strings) {
  let at = 0;
  let from = 0;
  let coordinate = 0;
  const rules = [];
  const number = () => numbers[at++];
  const string = () => {
    const length = numbers[at++];
    return length ? strings.slice(from, (from += length - 1)) : null;
  };
  const rule = () => {
    const n = numbers[at++];
    if (n === 1) rules.push(string());
    return n ? rules[n === 1 ? rules.length - 1 : n - 2] : null;
  };
  const variant = (names) => names[numbers[at++]];
  const optional = (names) => {
    const n = numbers[at++];
    return n ? names[n - 1] : null;
  };
  let cut;
  if (typeof text === "string") {
    if (repair) text = text.replace(/[\uD800-\uDFFF]/gu, "\uFFFD");
    cut = (start, end) => text.slice(start, end);
  } else {
    // No byte order mark is dropped from the start of a mention.
    decoder ??= new TextDecoder("utf-8", { ignoreBOM: true });
    cut = (start, end) => decoder.decode(utf8.subarray(start, end));
  }
  const list = (item) => {
    const out = [];
    for (let n = number(); n > 0; n--) out.push(item());
    return out;
  };
  const mention = () => {
    const start = number();
    const end = number();
    return { text: cut(start, end), start, end };
  };
  const maybe = (item) => (number() ? item() : null);
  const speaker = () => {
    const name = string();
    const id = number();
    return { name, entityId: id ? id - 1 : null, mention: maybe(mention) };
  };
  return {
    quotes: list(() => {
      const start = number();
      const end = number();
      return {
        text: cut(start, end),
        start,
        end,
        kind: variant(QUOTE_KINDS),
        speaker: maybe(speaker),
        cue: maybe(mention),
        rule: rule(),
        ruleId: optional(RULES),
      };
    }),
    reported: list(() => {
      const who = maybe(speaker);
      const cue = maybe(mention);
      const start = number();
      const end = number();
      return { speaker: who, cue, text: cut(start, end), start, end };
    }),
    entities: list(() => {
      const entity = { id: number(), name: string(), type: variant(TYPES), mentions: list(mention), count: number() };
      const role = string();
      if (role !== null) entity.role = role;
      const iso = string();
      if (iso !== null) entity.iso = iso;
      return entity;
    }),
    places: list(() => ({
      entityId: number(),
      name: string(),
      lat: coordinates[coordinate++],
      lon: coordinates[coordinate++],
      country: string(),
      kind: variant(PLACE_KINDS),
    })),
    warnings: list(() => ({ kind: variant(WARNING_KINDS), message: string(), start: number(), end: number() })),
    offsets: variant(OFFSETS),
  };
}
