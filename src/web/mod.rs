//! The page: wires the paste box and the example button to the analyzer and renders the results.
//! Nothing here runs unless the page has an `#app` element, so the same module serves the widget
//! and the ES module untouched.

mod render;

use std::cell::Cell;
use std::rc::Rc;

use wasm_bindgen::prelude::*;
use web_sys::{Document, Element, HtmlTextAreaElement};

use crate::analyze;

/// How long typing must pause before the text is analyzed again.
const DEBOUNCE_MS: i32 = 120;

const EXAMPLE: &str = include_str!("../../www/examples/seed-article.txt");

struct Page {
    doc: Document,
    input: HtmlTextAreaElement,
    results: Element,
    status: Element,
}

impl Page {
    fn update(&self) {
        let text = self.input.value();
        let analysis = analyze(&text);
        if let Err(e) = render::render(&self.doc, &self.results, &text, &analysis) {
            web_sys::console::error_2(&"article-analyzer: rendering failed".into(), &e);
        }
        let summary = if text.trim().is_empty() {
            "Paste an article above, or try the example.".to_owned()
        } else {
            format!(
                "{} quotes, {} entities, {} places",
                analysis.quotes.len(),
                analysis.entities.len(),
                analysis.places.len()
            )
        };
        self.status.set_text_content(Some(&summary));
    }
}

fn by_id<T: JsCast>(doc: &Document, id: &str) -> Option<T> {
    doc.get_element_by_id(id)?.dyn_into().ok()
}

/// Wires the page, if this is the page.
pub fn mount() {
    if let Err(e) = try_mount() {
        web_sys::console::error_2(&"article-analyzer: the page could not start".into(), &e);
    }
}

fn try_mount() -> Result<(), JsValue> {
    let Some(window) = web_sys::window() else {
        return Ok(());
    };
    let Some(doc) = window.document() else {
        return Ok(());
    };
    if doc.get_element_by_id("app").is_none() {
        return Ok(());
    }
    let missing = |id: &str| JsValue::from_str(&format!("#{id} is missing from the page"));
    let page = Rc::new(Page {
        input: by_id(&doc, "article").ok_or_else(|| missing("article"))?,
        results: by_id(&doc, "results").ok_or_else(|| missing("results"))?,
        status: by_id(&doc, "status").ok_or_else(|| missing("status"))?,
        doc,
    });

    let timer = Rc::new(Cell::new(None::<i32>));
    let run = {
        let page = page.clone();
        let timer = timer.clone();
        Closure::<dyn Fn()>::new(move || {
            timer.set(None);
            page.update();
        })
    };
    let on_input = {
        let window = window.clone();
        Closure::<dyn Fn()>::new(move || {
            if let Some(t) = timer.take() {
                window.clear_timeout_with_handle(t);
            }
            let handle = window.set_timeout_with_callback_and_timeout_and_arguments_0(
                run.as_ref().unchecked_ref(),
                DEBOUNCE_MS,
            );
            timer.set(handle.ok());
        })
    };
    page.input
        .add_event_listener_with_callback("input", on_input.as_ref().unchecked_ref())?;
    // The page lives as long as the tab: the handlers must too.
    on_input.forget();

    if let Some(button) = page.doc.get_element_by_id("example") {
        let page = page.clone();
        let on_click = Closure::<dyn Fn()>::new(move || {
            page.input.set_value(EXAMPLE);
            page.update();
        });
        button.add_event_listener_with_callback("click", on_click.as_ref().unchecked_ref())?;
        on_click.forget();
    }
    page.update();
    Ok(())
}
