// <article-analyzer>: one script tag and one element embed the analyzer in any page.
//
//   <script type="module" src="https://example.org/analyzer/widget.js"></script>
//   <article-analyzer panels="quotes entities map" theme="auto">article text…</article-analyzer>
//
// The text comes from the element's content, its text attribute, or for="id" of a textarea to
// follow. This file is only the custom-element shim (Rust cannot extend HTMLElement); the
// analysis, the rendering into the shadow root and the `analysis` event come from the module.
import init, { Widget } from "./article-analyzer.js";

const ready = init({ module_or_path: new URL("./article-analyzer_bg.wasm", import.meta.url) });
// The worker's script: the glue, which runs www/worker.js in a worker src/web/worker.rs names so.
const worker = new URL("./article-analyzer.js", import.meta.url).href;
// Where no worker can start (this script served from another origin than the page), analyses run
// on the page's thread in an instance of their own (inline.js), loaded only then.
const inline = (module, text) => import("./inline.js").then((m) => m.analyzeInline(module, text));

class ArticleAnalyzerElement extends HTMLElement {
  static observedAttributes = ["text", "for", "panels", "theme"];
  #widget;

  constructor() {
    super();
    this.attachShadow({ mode: "open" });
  }

  async connectedCallback() {
    await ready;
    if (this.isConnected && !this.#widget) this.#widget = new Widget(this, this.shadowRoot, worker, inline);
  }

  disconnectedCallback() {
    this.#widget?.free();
    this.#widget = undefined;
  }

  attributeChangedCallback(name) {
    if (name !== "theme") this.#widget?.refresh();
  }
}

if (!customElements.get("article-analyzer")) {
  customElements.define("article-analyzer", ArticleAnalyzerElement);
}
