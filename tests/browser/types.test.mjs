// The ES module's TypeScript types: the README's snippet type-checks against the declarations in
// dist/, under the documented name, and the analysis is typed (not `any`).
import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, writeFileSync, copyFileSync, rmSync } from "node:fs";
import { execFileSync } from "node:child_process";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { root, dist } from "./harness.mjs";

test("the README's module snippet type-checks against the shipped declarations", () => {
  const readme = readFileSync(join(root, "README.md"), "utf8");
  const snippet = [...readme.matchAll(/```js\n([\s\S]*?)```/g)].map((m) => m[1]).find((b) => b.includes("article_analyzer.js"));
  assert.ok(snippet, "the README has the module snippet");
  const dir = mkdtempSync(join(tmpdir(), "aa-types-"));
  try {
    for (const file of ["article_analyzer.js", "article_analyzer.d.ts", "article-analyzer.js", "article-analyzer.d.ts"]) {
      copyFileSync(join(dist, file), join(dir, file));
    }
    const code = snippet.replace("https://your.site/analyzer/article_analyzer.js", "./article_analyzer.js");
    writeFileSync(
      join(dir, "snippet.ts"),
      `${code}
const start: number = analysis.quotes[0].start;
const kind: "full" | "partial" = analysis.quotes[0].kind;
const type: "PERSON" | "ORG" | "PLACE" | "NORP" | "DATE" | "MISC" = analysis.entities[0].type;
const bytes = analyze("text", { offsets: "bytes" });
// @ts-expect-error: the analysis is typed, so a field that does not exist is an error.
analysis.quotes[0].nope;
// @ts-expect-error: offsets are "utf16" or "bytes".
analyze("text", { offsets: "chars" });
// @ts-expect-error: offsets is the only option (the module throws on others).
analyze("text", { nope: 1 });
export { start, kind, type, bytes };
`,
    );
    writeFileSync(
      join(dir, "tsconfig.json"),
      JSON.stringify({
        compilerOptions: {
          target: "ES2022",
          module: "ES2022",
          moduleResolution: "bundler",
          lib: ["ES2022", "DOM"],
          strict: true,
          noEmit: true,
          skipLibCheck: false,
        },
        files: ["snippet.ts"],
      }),
    );
    try {
      execFileSync(join(root, "node_modules/.bin/tsc"), ["-p", dir], { encoding: "utf8" });
    } catch (e) {
      assert.fail(`tsc found errors:\n${e.stdout}${e.stderr}`);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
