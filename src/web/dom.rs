//! Small helpers for building the DOM from Rust. Text reaches the DOM only through
//! `set_text_content` and text nodes, never as markup.

use wasm_bindgen::{JsCast, JsValue};
use web_sys::{Document, Element, Node};

/// Builds elements under one document.
#[derive(Clone)]
pub struct Builder {
    pub doc: Document,
}

impl Builder {
    /// A new `<tag class=...>` appended to `parent`.
    pub fn el(&self, parent: &Node, tag: &str, class: &str) -> Result<Element, JsValue> {
        let e = self.doc.create_element(tag)?;
        if !class.is_empty() {
            e.set_class_name(class);
        }
        parent.append_child(&e)?;
        Ok(e)
    }

    /// A new element holding only `text`, as a text node.
    pub fn text_el(
        &self,
        parent: &Node,
        tag: &str,
        class: &str,
        text: &str,
    ) -> Result<Element, JsValue> {
        let e = self.el(parent, tag, class)?;
        e.set_text_content(Some(text));
        Ok(e)
    }

    /// A `<button type=button>` with a text label.
    pub fn button(&self, parent: &Node, class: &str, label: &str) -> Result<Element, JsValue> {
        let e = self.text_el(parent, "button", class, label)?;
        e.set_attribute("type", "button")?;
        Ok(e)
    }

    pub fn text(&self, parent: &Node, text: &str) -> Result<(), JsValue> {
        parent.append_child(&self.doc.create_text_node(text))?;
        Ok(())
    }
}

/// The element an event happened on, or its nearest ancestor matching `selector`.
pub fn closest(event: &web_sys::Event, selector: &str) -> Option<Element> {
    event
        .target()?
        .dyn_into::<Element>()
        .ok()?
        .closest(selector)
        .ok()
        .flatten()
}

/// Logs a failure the reader cannot act on; the page carries on.
pub fn log_error(context: &str, error: &JsValue) {
    web_sys::console::error_2(&format!("article-analyzer: {context}").into(), error);
}

/// A thrown JavaScript value as text.
pub fn describe(value: &JsValue) -> String {
    value
        .dyn_ref::<js_sys::Error>()
        .map(|e| String::from(e.message()))
        .or_else(|| value.as_string())
        .unwrap_or_else(|| format!("{value:?}"))
}

/// The page's clock in milliseconds (`performance.now()`; always 0 where there is none), for
/// work done a slice of time at a time.
pub fn clock() -> impl Fn() -> f64 {
    let performance = web_sys::window().and_then(|w| w.performance());
    move || performance.as_ref().map_or(0.0, |p| p.now())
}
