//! A view is one place where analyses are shown: the page's results, or one widget. It sends the
//! latest text to the worker, renders the answer a slice at a time, keeps the reader told (status
//! line, progress bar for long texts) and answers clicks inside the results: an entity's button
//! highlights its every mention, a quote card shows its quote in the text or copies it.
//!
//! Rendering runs one slice per animation frame, after the answer's own task: parsing a long
//! analysis, building the skeleton, and each slice with the layout it causes, each stay short.

use std::cell::{Cell, RefCell};
use std::collections::VecDeque;
use std::rc::Rc;

use wasm_bindgen::prelude::*;
use web_sys::{
    CustomEvent, CustomEventInit, Element, EventTarget, HtmlProgressElement, ScrollBehavior,
    ScrollIntoViewOptions, ScrollLogicalPosition,
};

use super::dom::{clock, closest, log_error, Builder};
use super::render::{self, Panels, Step};
use super::{files, worker};
use crate::Analysis;

/// Texts this long (UTF-8 bytes) get a progress bar while they are analyzed and drawn.
const LONG_TEXT: usize = 200 * 1024;
/// The longest text analyzed (UTF-8 bytes), a hundred long articles: beyond it the analysis would
/// take minutes and its drawing hundreds of megabytes, so the view says so instead. The README
/// states it.
const MAX_TEXT: usize = 2 << 20;
/// How long one frame's slice of rendering may run, in milliseconds; the layout of what it added,
/// the paint and the browser's observers follow in the same frame, and with them the task stays
/// under 50 ms even on a loaded machine (a first slice of 12 ms made frames of 51 ms there).
const SLICE_MS: f64 = 6.0;
/// Texts shorter than this (UTF-8 bytes), an ordinary article, are drawn as soon as their
/// analysis arrives, for up to [`SHORT_SLICE_MS`] (all of it, for a news article), in that task
/// rather than the next frame's: there is no layout of earlier slices to wait for.
const SHORT_TEXT: usize = 32 * 1024;
const SHORT_SLICE_MS: f64 = 12.0;
/// Marked in the Performance timeline each time an analysis is fully on screen.
pub const RENDERED_MARK: &str = "article-analyzer:rendered";

/// The elements a view draws into and reports through.
pub struct Parts {
    /// Replaced wholesale by each rendering.
    pub results: Element,
    /// A live region (`role=status`) for counts, progress and errors.
    pub status: Element,
    pub progress: Option<HtmlProgressElement>,
    /// Receives the `analysis` event (the widget's host element).
    pub events: Option<EventTarget>,
}

/// What is on screen: the text and its analysis, offsets in UTF-16 as the JSON has them.
#[derive(Clone)]
pub struct Shown {
    pub text: Rc<str>,
    pub analysis: Rc<Analysis>,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Pick {
    Entity(usize),
    Quote(usize),
}

#[derive(Default)]
struct State {
    /// Numbers the requests; only the answer to the latest is shown.
    seq: u32,
    requested: Option<Rc<str>>,
    shown: Option<Shown>,
    debounce: Option<i32>,
    /// An answer waiting for the next frame to be drawn.
    to_draw: Option<Shown>,
    steps: VecDeque<Step>,
    /// Calls of steps so far for this drawing, for the progress bar.
    calls: usize,
    frame_requested: bool,
    picked: Option<Pick>,
}

type Listener = Closure<dyn FnMut(web_sys::Event)>;

pub struct View {
    inner: Rc<Inner>,
}

struct Inner {
    b: Builder,
    parts: Parts,
    client: u32,
    panels: Cell<Panels>,
    state: RefCell<State>,
    on_click: RefCell<Option<Listener>>,
}

impl View {
    pub fn new(b: Builder, parts: Parts, panels: Panels) -> Result<View, JsValue> {
        let inner = Rc::new(Inner {
            b,
            parts,
            client: worker::new_client(),
            panels: Cell::new(panels),
            state: RefCell::default(),
            on_click: RefCell::new(None),
        });
        let weak = Rc::downgrade(&inner);
        let on_click = Listener::new(move |event: web_sys::Event| {
            if let Some(inner) = weak.upgrade() {
                inner.clicked(&event);
            }
        });
        inner
            .parts
            .results
            .add_event_listener_with_callback("click", on_click.as_ref().unchecked_ref())?;
        *inner.on_click.borrow_mut() = Some(on_click);
        Ok(View { inner })
    }

    /// Analyzes `text` now.
    pub fn set_text(&self, text: &str) {
        self.cancel_timer();
        Inner::set_text(&self.inner, text);
    }

    /// Analyzes the text `read` returns once `delay_ms` pass without another call: typing.
    /// The text is read only then, so a long article is not copied on every keystroke.
    pub fn set_text_later(&self, delay_ms: i32, read: impl FnOnce() -> String + 'static) {
        self.cancel_timer();
        let weak = Rc::downgrade(&self.inner);
        let later = Closure::once_into_js(move || {
            if let Some(inner) = weak.upgrade() {
                inner.state.borrow_mut().debounce = None;
                Inner::set_text(&inner, &read());
            }
        });
        let timer = web_sys::window().and_then(|w| {
            w.set_timeout_with_callback_and_timeout_and_arguments_0(later.unchecked_ref(), delay_ms)
                .ok()
        });
        self.inner.state.borrow_mut().debounce = timer;
    }

    fn cancel_timer(&self) {
        let timer = self.inner.state.borrow_mut().debounce.take();
        if let (Some(timer), Some(window)) = (timer, web_sys::window()) {
            window.clear_timeout_with_handle(timer);
        }
    }

    /// Shows other panels, redrawing what is on screen.
    pub fn set_panels(&self, panels: Panels) {
        if self.inner.panels.replace(panels) != panels {
            let shown = self.inner.state.borrow().shown.clone();
            if let Some(shown) = shown {
                Inner::draw(&self.inner, shown);
            }
        }
    }

    /// The text and analysis on screen, if any.
    pub fn shown(&self) -> Option<Shown> {
        self.inner.state.borrow().shown.clone()
    }

    pub fn say(&self, message: &str) {
        self.inner.say(message);
    }
}

impl Drop for View {
    fn drop(&mut self) {
        worker::cancel(self.inner.client);
        if let Some(on_click) = self.inner.on_click.borrow_mut().take() {
            let _ = self
                .inner
                .parts
                .results
                .remove_event_listener_with_callback("click", on_click.as_ref().unchecked_ref());
        }
        self.cancel_timer();
    }
}

impl Inner {
    fn say(&self, message: &str) {
        self.parts.status.set_text_content(Some(message));
    }

    fn show_progress(&self, value: Option<f64>) {
        if let Some(progress) = &self.parts.progress {
            progress.set_hidden(false);
            match value {
                Some(v) => progress.set_value(v),
                // Without a value a progress bar is indeterminate: the worker cannot say how far
                // along it is.
                None => {
                    let _ = progress.remove_attribute("value");
                }
            }
        }
    }

    /// Takes the results off screen, with any drawing under way.
    fn clear(&self) {
        {
            let mut state = self.state.borrow_mut();
            state.steps.clear();
            state.to_draw = None;
            state.shown = None;
        }
        self.parts.results.set_text_content(None);
        self.hide_progress();
    }

    fn hide_progress(&self) {
        if let Some(progress) = &self.parts.progress {
            progress.set_hidden(true);
        }
    }

    fn set_text(inner: &Rc<Inner>, text: &str) {
        let unchanged = inner.state.borrow().requested.as_deref() == Some(text);
        if !unchanged {
            Inner::request(inner, text.into());
        }
    }

    fn request(inner: &Rc<Inner>, text: Rc<str>) {
        let seq = {
            let mut state = inner.state.borrow_mut();
            state.seq += 1;
            state.requested = Some(text.clone());
            state.seq
        };
        if text.trim().is_empty() {
            inner.clear();
            inner.say("Paste or type an article, drop a file, or try the example.");
            return;
        }
        if text.len() > MAX_TEXT {
            // The text stays where the reader put it; only the analysis is refused.
            inner.clear();
            inner.say(&format!(
                "This text is {:.1} MB, more than the {} MB analyzed at once. Analyze it in parts, \
                 or with the article-analyzer command line.",
                text.len() as f64 / f64::from(1 << 20),
                MAX_TEXT >> 20
            ));
            return;
        }
        if text.len() >= LONG_TEXT {
            inner.show_progress(None);
            inner.say(&format!("Analyzing {} KB…", text.len() / 1024));
        }
        let weak = Rc::downgrade(inner);
        let analyzed = text.clone();
        worker::request(
            inner.client,
            text,
            Box::new(move |outcome| {
                if let Some(inner) = weak.upgrade() {
                    inner.answered(seq, analyzed, outcome);
                }
            }),
        );
    }

    fn answered(self: Rc<Self>, seq: u32, text: Rc<str>, outcome: Result<Analysis, String>) {
        if self.state.borrow().seq != seq {
            return;
        }
        match outcome {
            Ok(analysis) => Inner::draw(
                &self,
                Shown {
                    text,
                    analysis: Rc::new(analysis),
                },
            ),
            Err(message) => {
                self.hide_progress();
                self.say(&format!("This text could not be analyzed: {message}"));
            }
        }
    }

    /// Draws `shown` from scratch. A short text is drawn at once, in the answer's own task, so
    /// it shows in the next frame, not two or three frames later; a long one starts next frame.
    fn draw(inner: &Rc<Inner>, shown: Shown) {
        let short = shown.text.len() < SHORT_TEXT;
        inner.state.borrow_mut().to_draw = Some(shown);
        if short {
            Inner::frame(inner, SHORT_SLICE_MS);
        } else {
            Inner::request_frame(inner);
        }
    }

    fn request_frame(inner: &Rc<Inner>) {
        if std::mem::replace(&mut inner.state.borrow_mut().frame_requested, true) {
            return;
        }
        let weak = Rc::downgrade(inner);
        let frame = Closure::once_into_js(move || {
            if let Some(inner) = weak.upgrade() {
                inner.state.borrow_mut().frame_requested = false;
                Inner::frame(&inner, SLICE_MS);
            }
        });
        let requested = web_sys::window()
            .map(|w| w.request_animation_frame(frame.unchecked_ref()).is_ok())
            .unwrap_or(false);
        if !requested {
            inner.state.borrow_mut().frame_requested = false;
        }
    }

    /// One frame's work: the skeleton of a new drawing, then steps until `slice_ms` are used up.
    fn frame(inner: &Rc<Inner>, slice_ms: f64) {
        let now = clock();
        let to_draw = inner.state.borrow_mut().to_draw.take();
        let deadline = now() + slice_ms;
        let mut layout = None;
        if let Some(shown) = to_draw {
            let (built, steps) = render::render(
                &inner.b,
                &inner.parts.results,
                &shown.text,
                &shown.analysis,
                inner.panels.get(),
            )
            .map_or_else(
                |e| {
                    log_error("rendering failed", &e);
                    inner.parts.results.set_text_content(None);
                    (None, VecDeque::new())
                },
                |(layout, steps)| (Some(layout), steps),
            );
            // Taking a long drawing off the page costs the main thread 10 ms or more (thousands
            // of elements): that is done first, in this frame's slice, so the steps get only what
            // is left of it rather than adding their slice on top.
            let was_long =
                (inner.state.borrow().shown.as_ref()).is_some_and(|s| s.text.len() >= SHORT_TEXT);
            match built {
                Some(built) if was_long => inner.parts.results.replace_children_with_node_1(&built),
                built => layout = built,
            }
            let mut state = inner.state.borrow_mut();
            state.steps = steps;
            state.calls = 0;
            state.shown = Some(shown);
            state.picked = None;
        }
        while now() < deadline {
            let step = inner.state.borrow_mut().steps.pop_front();
            let Some(mut step) = step else { break };
            let more = step().unwrap_or_else(|e| {
                log_error("rendering failed", &e);
                false
            });
            let mut state = inner.state.borrow_mut();
            state.calls += 1;
            if more {
                state.steps.push_front(step);
            }
        }
        // A new drawing goes on screen once its first slice is built (all of it, for a short
        // text), in place of the one before (before that slice, where the one before was long);
        // later slices add to it there.
        if let Some(layout) = layout {
            inner.parts.results.replace_children_with_node_1(&layout);
        }
        let (left, calls, long) = {
            let state = inner.state.borrow();
            let long = state
                .shown
                .as_ref()
                .is_some_and(|s| s.text.len() >= LONG_TEXT);
            (state.steps.len(), state.calls, long)
        };
        if left == 0 {
            inner.finished();
            return;
        }
        if long {
            // How many calls remain is unknown; this creeps towards the end without reaching it.
            inner.show_progress(Some(calls as f64 / (calls as f64 + 40.0)));
        }
        Inner::request_frame(inner);
    }

    /// Everything is on screen: say so, and tell the host.
    fn finished(&self) {
        self.hide_progress();
        let Some(shown) = self.state.borrow().shown.clone() else {
            return;
        };
        let a = &shown.analysis;
        self.say(&format!(
            "{} · {} · {}",
            count(a.quotes.len(), "quote", "quotes"),
            count(a.entities.len(), "name", "names"),
            count(a.places.len(), "place on the map", "places on the map"),
        ));
        if let Some(performance) = web_sys::window().and_then(|w| w.performance()) {
            performance.clear_marks_with_mark_name(RENDERED_MARK);
            let _ = performance.mark(RENDERED_MARK);
        }
        if let Some(target) = self.parts.events.clone() {
            // In a task of its own: for a long article, writing and parsing the JSON takes as
            // long as a frame's rendering, and together they held the main thread near 50 ms.
            let analysis = shown.analysis.clone();
            wasm_bindgen_futures::spawn_local(async move {
                worker::next_task().await;
                if let Err(e) = dispatch_analysis(&target, &analysis) {
                    log_error("the analysis event failed", &e);
                }
            });
        }
    }

    fn clicked(self: Rc<Self>, event: &web_sys::Event) {
        let number =
            |el: &Element, attr: &str| el.get_attribute(attr).and_then(|v| v.parse::<usize>().ok());
        if let Some(button) = closest(event, "[data-pick]") {
            if let Some(id) = number(&button, "data-pick") {
                self.pick(Pick::Entity(id));
            }
        } else if let Some(button) = closest(event, "[data-show-quote]") {
            if let Some(i) = number(&button, "data-show-quote") {
                self.pick(Pick::Quote(i));
            }
        } else if let Some(button) = closest(event, "[data-copy-quote]") {
            if let Some(i) = number(&button, "data-copy-quote") {
                self.copy_quote(i);
            }
        }
    }

    /// Highlights every mention of an entity, or one quote, in the text; picking it again clears.
    fn pick(&self, pick: Pick) {
        let previous = self.state.borrow_mut().picked.take();
        let root = &self.parts.results;
        let each = |selector: &str, f: &dyn Fn(&Element)| {
            if let Ok(list) = root.query_selector_all(selector) {
                for i in 0..list.length() {
                    if let Some(el) = list.item(i).and_then(|n| n.dyn_into::<Element>().ok()) {
                        f(&el);
                    }
                }
            }
        };
        each(".picked", &|el| {
            let _ = el.class_list().remove_1("picked");
        });
        each("[aria-pressed=true]", &|el| {
            let _ = el.set_attribute("aria-pressed", "false");
        });
        if previous == Some(pick) {
            self.say("Highlight cleared.");
            return;
        }
        self.state.borrow_mut().picked = Some(pick);
        let (selector, what) = match pick {
            Pick::Entity(id) => {
                each(&format!("[data-pick=\"{id}\"]"), &|el| {
                    let _ = el.set_attribute("aria-pressed", "true");
                });
                let name = self.state.borrow().shown.as_ref().and_then(|s| {
                    s.analysis
                        .entities
                        .iter()
                        .find(|e| e.id == id)
                        .map(|e| e.name.clone())
                });
                (format!("[data-entity=\"{id}\"]"), name.unwrap_or_default())
            }
            Pick::Quote(i) => (format!("[data-quote=\"{i}\"]"), format!("Quote {}", i + 1)),
        };
        let found = Cell::new(0);
        each(&selector, &|el| {
            let _ = el.class_list().add_1("picked");
            if found.replace(found.get() + 1) == 0 {
                let options = ScrollIntoViewOptions::new();
                options.set_block(ScrollLogicalPosition::Center);
                options.set_behavior(ScrollBehavior::Smooth);
                el.scroll_into_view_with_scroll_into_view_options(&options);
            }
        });
        self.say(&match (pick, found.get()) {
            (_, 0) => format!("{what}: not in the text shown."),
            (Pick::Quote(_), _) => format!("{what} highlighted in the text."),
            (Pick::Entity(_), n) => {
                format!("{what}: {} highlighted.", count(n, "mention", "mentions"))
            }
        });
    }

    fn copy_quote(self: Rc<Self>, i: usize) {
        let quote = self.state.borrow().shown.as_ref().and_then(|s| {
            let q = s.analysis.quotes.get(i)?;
            Some(match &q.speaker {
                Some(speaker) => format!("“{}” — {}", q.text, speaker.name),
                None => format!("“{}”", q.text),
            })
        });
        let Some(quote) = quote else { return };
        wasm_bindgen_futures::spawn_local(async move {
            match files::copy(&quote).await {
                Ok(()) => self.say("Quote copied."),
                Err(_) => self.say("The browser did not allow copying."),
            }
        });
    }
}

fn count(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// Fires `analysis` on the host, carrying the analysis as the JSON has it: built by the browser's
/// own JSON parser from one string, not a property at a time across the wasm boundary, which for
/// a long article's thousands of objects is the slower way.
fn dispatch_analysis(target: &EventTarget, analysis: &Analysis) -> Result<(), JsValue> {
    let detail = js_sys::JSON::parse(&crate::export::json(analysis))?;
    let init = CustomEventInit::new();
    init.set_detail(&detail);
    init.set_bubbles(true);
    init.set_composed(true);
    let event = CustomEvent::new_with_event_init_dict("analysis", &init)?;
    target.dispatch_event(&event)?;
    Ok(())
}
