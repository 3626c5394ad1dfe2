// The ES module under the name the documentation uses; trunk writes it as article-analyzer.js.
//   import init, { analyze } from "./article_analyzer.js";
export * from "./article-analyzer.js";
export { default } from "./article-analyzer.js";
