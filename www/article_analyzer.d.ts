// Types for article_analyzer.js, which re-exports article-analyzer.js.
export * from "./article-analyzer.js";
export { default } from "./article-analyzer.js";
