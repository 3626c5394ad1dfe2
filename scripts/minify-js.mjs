// trunk's post-build hook (Trunk.toml): a release's scripts without comments and with short local
// names, as trunk minifies its HTML and CSS but not the scripts it copies nor the module's glue
// (article-analyzer.js): about 4 KB less of the page's megabyte, gzipped.
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { minify } from "terser";

const dir = process.env.TRUNK_STAGING_DIR;
if (process.env.TRUNK_PROFILE === "release" && dir) {
  for (const name of readdirSync(dir).filter((n) => n.endsWith(".js"))) {
    const file = join(dir, name);
    const { code } = await minify(readFileSync(file, "utf8"), { module: true });
    writeFileSync(file, code);
  }
}
