//! The page (index.html): the paste box and its ways in (typing, pasting, dropping or opening a
//! .txt or .html file, the example, a share link), the results view, and the ways out (downloads,
//! copying, the share link).

use std::rc::Rc;

use wasm_bindgen::prelude::*;
use web_sys::{
    ClipboardEvent, Document, DragEvent, Element, EventTarget, HtmlElement, HtmlInputElement,
    HtmlTextAreaElement,
};

use super::dom::{log_error, Builder};
use super::render::Panels;
use super::textbox::TextBox;
use super::view::{Parts, View};
use super::{files, html, share, warm, worker};
use crate::export;

/// How long typing must pause before the text is analyzed again.
const DEBOUNCE_MS: i32 = 150;

const EXAMPLE: &str = include_str!("../../www/examples/seed-article.txt");

struct Page {
    doc: Document,
    input: TextBox,
    view: View,
}

fn by_id<T: JsCast>(doc: &Document, id: &str) -> Result<T, JsValue> {
    doc.get_element_by_id(id)
        .and_then(|e| e.dyn_into().ok())
        .ok_or_else(|| JsValue::from_str(&format!("#{id} is missing from the page")))
}

/// Runs `f` on each `event` at `target`, for as long as the page lives.
fn on<E: wasm_bindgen::convert::FromWasmAbi + 'static>(
    target: &EventTarget,
    event: &str,
    f: impl FnMut(E) + 'static,
) -> Result<(), JsValue> {
    let closure = Closure::<dyn FnMut(E)>::new(f);
    target.add_event_listener_with_callback(event, closure.as_ref().unchecked_ref())?;
    // The page lives as long as the tab, and so do its handlers.
    closure.forget();
    Ok(())
}

/// Starts the page; `worker_url` is the worker's script (the glue, which runs www/worker.js),
/// resolved by the loader, `early` a worker the loader already started on it, `inline` analyzes on
/// this thread where no worker can start, and `here` analyzes short texts on this thread
/// (src/web/worker.rs).
pub fn mount(
    worker_url: &str,
    early: Option<web_sys::Worker>,
    inline: Option<js_sys::Function>,
    here: Option<js_sys::Object>,
) -> Result<(), JsValue> {
    let window = web_sys::window().ok_or("no window")?;
    let doc = window.document().ok_or("no document")?;
    worker::set_worker_url(worker_url);
    if let Some(early) = early {
        worker::set_early_worker(early);
    }
    if let Some(inline) = inline {
        worker::set_inline(inline);
    }
    if let Some(here) = here {
        worker::set_here(here);
    }
    worker::warm_up();
    let parts = Parts {
        results: by_id(&doc, "results")?,
        status: by_id(&doc, "status")?,
        progress: Some(by_id(&doc, "progress")?),
        events: None,
    };
    let b = Builder { doc: doc.clone() };
    let view = View::new(b.clone(), parts, Panels::ALL)?;
    let input = TextBox::new(
        doc.clone(),
        by_id(&doc, "article-box")?,
        by_id(&doc, "article")?,
    );
    let page = Rc::new(Page { input, doc, view });
    wire_input(&page)?;
    wire_exports(&page)?;
    wire_share(&page)?;

    // The drawing gets ready once the first text, if any, is on its way to the worker.
    let fragment = window.location().hash().unwrap_or_default();
    if fragment.is_empty() {
        // A reload may have kept the text in the box.
        page.view.set_text(&page.input.value());
        warm::warm_up(&b);
    } else {
        let page = page.clone();
        wasm_bindgen_futures::spawn_local(async move {
            match share::text_of(&fragment).await {
                Ok(Some(text)) => page.replace_text(&text),
                Ok(None) => page.view.set_text(&page.input.value()),
                Err(_) => page.view.say("The text in this link could not be read."),
            }
            warm::warm_up(&b);
        });
    }
    Ok(())
}

impl Page {
    /// Puts `text` in the box and analyzes it at once.
    fn replace_text(&self, text: &str) {
        if let Err(e) = self.input.set_value(text) {
            log_error("the text could not be put in the box", &e);
        }
        self.view.set_text(text);
    }

    /// Inserts `text` where the reader's selection is in `part` (the textarea the event came to),
    /// as a paste would, then analyzes the whole text: each in a task of its own, apart from the
    /// paste or drop that brought the text, since for a long text each takes 10-20 ms of the main
    /// thread and together, with a garbage collection, they once took 64 ms.
    fn insert_text(self: Rc<Self>, part: Option<HtmlTextAreaElement>, text: String) {
        wasm_bindgen_futures::spawn_local(async move {
            worker::next_task().await;
            match self.input.insert(part, &text) {
                Ok(whole) => {
                    worker::next_task().await;
                    self.view.set_text(&whole);
                }
                Err(_) => self.replace_text(&text),
            }
        });
    }

    /// Inserts the text of `markup` as `insert_text` does, once it is read (a long page takes
    /// several tasks); says `failure` in the console if it cannot be read.
    fn insert_html(
        self: Rc<Self>,
        part: Option<HtmlTextAreaElement>,
        markup: String,
        failure: &'static str,
    ) {
        wasm_bindgen_futures::spawn_local(async move {
            match html::text_of_html(&markup).await {
                Ok(text) => self.insert_text(part, text),
                Err(e) => log_error(failure, &e),
            }
        });
    }

    fn open(self: Rc<Self>, file: web_sys::File) {
        wasm_bindgen_futures::spawn_local(async move {
            match files::read_text(&file).await {
                Ok(text) => self.replace_text(&text),
                Err(_) => self
                    .view
                    .say(&format!("{} could not be read as text.", file.name())),
            }
        });
    }

    fn element<T: JsCast>(&self, id: &str) -> Result<T, JsValue> {
        by_id(&self.doc, id)
    }
}

/// The textarea an event happened in, if any.
fn part_of(event: &web_sys::Event) -> Option<HtmlTextAreaElement> {
    event.target()?.dyn_into().ok()
}

fn wire_input(page: &Rc<Page>) -> Result<(), JsValue> {
    let p = page.clone();
    on(page.input.frame(), "input", move |event: web_sys::Event| {
        // A paste or a drop brings a whole text at once: analyze it now. Typing waits for a pause.
        let whole = event.dyn_ref::<web_sys::InputEvent>().is_some_and(|e| {
            matches!(
                e.input_type().as_str(),
                "insertFromPaste" | "insertFromDrop"
            )
        });
        if whole {
            p.view.set_text(&p.input.value());
        } else {
            let p2 = p.clone();
            p.view.set_text_later(DEBOUNCE_MS, move || p2.input.value());
        }
    })?;

    // Pasted markup (a page's source, or HTML with no plain-text form) becomes its text. A long
    // text is put in the box in parts, by the page rather than the browser.
    let p = page.clone();
    on(page.input.frame(), "paste", move |event: ClipboardEvent| {
        let Some(data) = event.clipboard_data() else {
            return;
        };
        let plain = data.get_data("text/plain").unwrap_or_default();
        let markup = if html::looks_like_html(&plain) {
            plain
        } else if plain.is_empty() {
            data.get_data("text/html").unwrap_or_default()
        } else {
            if p.input.would_be_long(plain.len()) {
                event.prevent_default();
                p.clone().insert_text(part_of(&event), plain);
            } else {
                // Sent for analysis now rather than at the `input` event, after the browser has
                // put the text in and laid it out: the results come sooner (the `input` event
                // finds the same text asked for and asks for nothing more).
                p.view
                    .set_text(&p.input.after_paste(part_of(&event), &plain));
                // A paste another listener cancels, or one a script makes up, puts nothing in:
                // then what the box holds is analyzed, once the paste's task is over.
                let p = p.clone();
                wasm_bindgen_futures::spawn_local(async move {
                    worker::next_task().await;
                    p.view.set_text(&p.input.value());
                });
            }
            return;
        };
        if markup.is_empty() {
            return;
        }
        event.prevent_default();
        p.clone()
            .insert_html(part_of(&event), markup, "pasted HTML could not be read");
    })?;

    // Dropping a file anywhere on the input area opens it; dropped markup becomes its text.
    let zone: HtmlElement = page.element("input-area")?;
    let z = zone.clone();
    on(&zone, "dragover", move |event: DragEvent| {
        event.prevent_default();
        let _ = z.class_list().add_1("dropping");
    })?;
    let z = zone.clone();
    on(&zone, "dragleave", move |_: DragEvent| {
        let _ = z.class_list().remove_1("dropping");
    })?;
    let (p, z) = (page.clone(), zone.clone());
    on(&zone, "drop", move |event: DragEvent| {
        let _ = z.class_list().remove_1("dropping");
        let Some(data) = event.data_transfer() else {
            return;
        };
        if let Some(file) = data.files().and_then(|f| f.get(0)) {
            event.prevent_default();
            p.clone().open(file);
            return;
        }
        let plain = data.get_data("text/plain").unwrap_or_default();
        if html::looks_like_html(&plain) {
            event.prevent_default();
            p.clone()
                .insert_html(part_of(&event), plain, "dropped HTML could not be read");
        } else if p.input.would_be_long(plain.len()) {
            event.prevent_default();
            p.clone().insert_text(part_of(&event), plain);
        }
    })?;

    let chooser: HtmlInputElement = page.element("file")?;
    let (p, c) = (page.clone(), chooser.clone());
    on(&chooser, "change", move |_: web_sys::Event| {
        if let Some(file) = c.files().and_then(|f| f.get(0)) {
            p.clone().open(file);
        }
        // Choosing the same file again should open it again.
        c.set_value("");
    })?;

    let p = page.clone();
    on(
        &page.element("example")?,
        "click",
        move |_: web_sys::Event| {
            p.replace_text(EXAMPLE);
        },
    )?;
    Ok(())
}

fn wire_exports(page: &Rc<Page>) -> Result<(), JsValue> {
    type Export = (
        &'static str,
        &'static str,
        &'static str,
        fn(&crate::Analysis) -> String,
    );
    let downloads: [Export; 4] = [
        (
            "export-json",
            "article-analysis.json",
            "application/json",
            export::json,
        ),
        (
            "export-quotes",
            "quotes.csv",
            "text/csv;charset=utf-8",
            export::quotes_csv,
        ),
        (
            "export-entities",
            "entities.csv",
            "text/csv;charset=utf-8",
            export::entities_csv,
        ),
        (
            "export-geojson",
            "places.geojson",
            "application/geo+json",
            export::places_geojson,
        ),
    ];
    for (id, name, mime, make) in downloads {
        let p = page.clone();
        on(&page.element(id)?, "click", move |_: web_sys::Event| {
            let Some(shown) = p.view.shown() else {
                p.view.say("Nothing to export yet: paste an article first.");
                return;
            };
            match files::download(&p.doc, name, mime, &make(&shown.analysis)) {
                Ok(()) => p.view.say(&format!("{name} saved.")),
                Err(e) => log_error("the download failed", &e),
            }
        })?;
    }
    let p = page.clone();
    on(
        &page.element("copy-json")?,
        "click",
        move |_: web_sys::Event| {
            let Some(shown) = p.view.shown() else {
                p.view.say("Nothing to copy yet: paste an article first.");
                return;
            };
            let p = p.clone();
            wasm_bindgen_futures::spawn_local(async move {
                match files::copy(&export::json(&shown.analysis)).await {
                    Ok(()) => p.view.say("The analysis is on the clipboard, as JSON."),
                    Err(_) => p.view.say("The browser did not allow copying."),
                }
            });
        },
    )?;
    Ok(())
}

fn wire_share(page: &Rc<Page>) -> Result<(), JsValue> {
    let p = page.clone();
    on(
        &page.element("share")?,
        "click",
        move |_: web_sys::Event| {
            let p = p.clone();
            wasm_bindgen_futures::spawn_local(async move {
                if let Err(e) = p.share().await {
                    log_error("the share link failed", &e);
                    p.view.say("The share link could not be made.");
                }
            });
        },
    )?;
    Ok(())
}

impl Page {
    async fn share(&self) -> Result<(), JsValue> {
        let text = self.input.value();
        if text.trim().is_empty() {
            self.view
                .say("Paste an article first: the link carries its text.");
            return Ok(());
        }
        let here = self.doc.url()?;
        let link = share::link(&here, &text).await?;
        let field: HtmlInputElement = self.element("share-link")?;
        field.set_value(&link);
        self.element::<Element>("share-box")?
            .remove_attribute("hidden")?;
        let copied = files::copy(&link).await.is_ok();
        field.select();
        self.view.say(&if copied {
            format!("Share link copied ({} characters). The text travels in the link itself, never to a server.", link.len())
        } else {
            "Share link ready below; copy it from the box.".to_owned()
        });
        Ok(())
    }
}
