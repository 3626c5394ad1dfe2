//! The insides of `<article-analyzer>`. www/widget.js defines the element, since Rust cannot
//! extend `HTMLElement`, and hands over its host and shadow root; everything else is here.
//!
//! The text comes from, in order: `for="id"` (a textarea or input to follow as the reader types),
//! the `text` attribute, or the element's own content. `panels` picks the panels; `theme` is
//! pure CSS (`:host([theme=dark])`). Each analysis fires `analysis` on the host, with the JSON.

use std::cell::RefCell;
use std::rc::{Rc, Weak};

use wasm_bindgen::prelude::*;
use web_sys::{
    CssStyleSheet, Element, HtmlElement, HtmlInputElement, HtmlTextAreaElement, MutationObserver,
    MutationObserverInit, ShadowRoot,
};

use super::dom::Builder;
use super::render::Panels;
use super::view::{Parts, View};
use super::{html, warm, worker};

/// The widget's styles: the results' (shared with the page) and its own frame.
const CSS: &str = concat!(
    include_str!("../../www/results.css"),
    include_str!("../../www/map.css"),
    include_str!("../../www/widget.css")
);

/// How long the followed textarea's typing must pause before the text is analyzed again.
const DEBOUNCE_MS: i32 = 150;

thread_local! {
    /// One stylesheet object serves every widget on the page.
    static SHEET: RefCell<Option<CssStyleSheet>> = const { RefCell::new(None) };
}

/// An element the widget follows, and its `input` listener.
type Followed = (Element, Closure<dyn FnMut()>);

pub struct Widget {
    inner: Rc<Inner>,
}

struct Inner {
    host: HtmlElement,
    view: View,
    /// Follows the light DOM content; disconnected on drop.
    observer: MutationObserver,
    _on_mutation: Closure<dyn FnMut()>,
    /// The element named by `for`, and the listener following it.
    followed: RefCell<Option<Followed>>,
}

impl Widget {
    pub fn new(
        host: HtmlElement,
        root: ShadowRoot,
        worker_url: Option<String>,
        inline: Option<js_sys::Function>,
    ) -> Result<Widget, JsValue> {
        if let Some(url) = worker_url {
            worker::set_worker_url(&url);
        }
        if let Some(inline) = inline {
            worker::set_inline(inline);
        }
        let doc = host.owner_document().ok_or("the element has no document")?;
        adopt_styles(&root, &doc)?;
        root.set_text_content(None);
        let b = Builder { doc };
        let frame = b.el(&root, "div", "aa-widget")?;
        frame.set_attribute("role", "region")?;
        frame.set_attribute("aria-label", "Article analysis")?;
        let status = b.el(&frame, "p", "aa-status")?;
        status.set_attribute("role", "status")?;
        let progress = b.el(&frame, "progress", "aa-progress")?;
        progress.set_attribute("aria-label", "Analyzing")?;
        progress.set_attribute("hidden", "")?;
        let results = b.el(&frame, "div", "results")?;
        let credits = b.el(&frame, "p", "aa-credits")?;
        b.text(
            &credits,
            "Analyzed in your browser by article-analyzer. Places: GeoNames (CC-BY 4.0); map: Natural Earth.",
        )?;
        let parts = Parts {
            results,
            status,
            progress: Some(progress.unchecked_into()),
            events: Some(host.clone().into()),
        };
        let view = View::new(b.clone(), parts, Panels::ALL)?;

        // The observer's callback needs the widget it belongs to, which needs the observer.
        let this: Rc<RefCell<Weak<Inner>>> = Rc::default();
        let on_mutation = {
            let this = this.clone();
            Closure::<dyn FnMut()>::new(move || {
                if let Some(inner) = this.borrow().upgrade() {
                    if inner.reads_content() {
                        let host = inner.host.clone();
                        inner
                            .view
                            .set_text_later(DEBOUNCE_MS, move || html::text_of(&host));
                    }
                }
            })
        };
        let observer = MutationObserver::new(on_mutation.as_ref().unchecked_ref())?;
        let inner = Rc::new(Inner {
            host,
            view,
            observer,
            _on_mutation: on_mutation,
            followed: RefCell::new(None),
        });
        *this.borrow_mut() = Rc::downgrade(&inner);
        let options = MutationObserverInit::new();
        options.set_child_list(true);
        options.set_character_data(true);
        options.set_subtree(true);
        inner.observer.observe_with_options(&inner.host, &options)?;
        let widget = Widget { inner };
        widget.refresh();
        warm::warm_up(&b);
        Ok(widget)
    }

    /// Re-reads the attributes: after any of them changes.
    pub fn refresh(&self) {
        let inner = &self.inner;
        let panels = inner.host.get_attribute("panels").unwrap_or_default();
        inner.view.set_panels(Panels::parse(&panels));
        inner.unfollow();
        if let Some(id) = inner.host.get_attribute("for") {
            inner.follow(&id);
        } else if let Some(text) = inner.host.get_attribute("text") {
            inner.view.set_text(&text);
        } else {
            inner.view.set_text(&html::text_of(&inner.host));
        }
    }
}

impl Drop for Widget {
    fn drop(&mut self) {
        self.inner.observer.disconnect();
        self.inner.unfollow();
    }
}

impl Inner {
    fn reads_content(&self) -> bool {
        !self.host.has_attribute("for") && !self.host.has_attribute("text")
    }

    /// Follows the textarea (or input) with the given id.
    fn follow(self: &Rc<Self>, id: &str) {
        let doc = self.host.owner_document();
        let Some(target) = doc.and_then(|d| d.get_element_by_id(id)) else {
            self.view
                .say(&format!("Nothing to analyze: no element with id “{id}”."));
            return;
        };
        let read = {
            let target = target.clone();
            move || -> String {
                if let Some(t) = target.dyn_ref::<HtmlTextAreaElement>() {
                    t.value()
                } else if let Some(i) = target.dyn_ref::<HtmlInputElement>() {
                    i.value()
                } else {
                    target.text_content().unwrap_or_default()
                }
            }
        };
        self.view.set_text(&read());
        let weak = Rc::downgrade(self);
        let on_input = Closure::<dyn FnMut()>::new(move || {
            if let Some(inner) = weak.upgrade() {
                inner.view.set_text_later(DEBOUNCE_MS, read.clone());
            }
        });
        if target
            .add_event_listener_with_callback("input", on_input.as_ref().unchecked_ref())
            .is_ok()
        {
            *self.followed.borrow_mut() = Some((target, on_input));
        }
    }

    fn unfollow(&self) {
        if let Some((target, listener)) = self.followed.borrow_mut().take() {
            let _ = target
                .remove_event_listener_with_callback("input", listener.as_ref().unchecked_ref());
        }
    }
}

/// Styles the shadow root with a constructed stylesheet (no request, and allowed under a strict
/// `style-src`), or a `<style>` element where constructed sheets are not supported.
fn adopt_styles(root: &ShadowRoot, doc: &web_sys::Document) -> Result<(), JsValue> {
    let sheet = SHEET.with_borrow_mut(|cached| {
        if cached.is_none() {
            *cached = CssStyleSheet::new().ok().and_then(|sheet| {
                sheet.replace_sync(CSS).ok()?;
                Some(sheet)
            });
        }
        cached.clone()
    });
    match sheet {
        Some(sheet) => root.set_adopted_style_sheets(&js_sys::Array::of1(&sheet)),
        None => {
            let style = doc.create_element("style")?;
            style.set_text_content(Some(CSS));
            root.append_child(&style)?;
        }
    }
    Ok(())
}
