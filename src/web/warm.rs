//! Readies the drawing of analyses before the first one arrives. The browser compiles each
//! WebAssembly function (and each function of the glue's JavaScript) the first time it runs, so
//! the first answer drawn on a cold load took the main thread 60 to 80 ms, most of it compiling,
//! after the worker had sent it. While the worker starts and analyzes, this draws a small made-up
//! analysis into an element that is never put in the document, a step at a time, through the same
//! parts, parser and renderer as an answer: the code is compiled and the map's outlines drawn
//! (map.rs keeps them for every map), and nothing shows.

use std::cell::Cell;
use std::rc::Rc;

use wasm_bindgen::JsValue;

use super::dom::{clock, log_error, Builder};
use super::render::{self, Panels};
use super::worker;

/// How long one slice of it may hold the main thread, in milliseconds.
const SLICE_MS: f64 = 6.0;

/// The made-up text and its analysis as a worker's one part (UTF-16 offsets, one unit a character
/// here): a quote, a person, a place on the map; an article's other names take the same paths.
const TEXT: &str = "\u{201C}Yes,\u{201D} Al Li, the mayor, told AP in Oslo.";
const ANALYSIS: &str = concat!(
    r#"{"quotes":[{"text":"Yes,","start":0,"end":6,"kind":"full","speaker":{"name":"Al Li","entityId":0},"cue":{"text":"told","start":25,"end":29},"rule":"after","ruleId":"after-quote"}],"#,
    r#""reported":[],"#,
    r#""entities":[{"id":0,"name":"Al Li","type":"PERSON","mentions":[{"text":"Al Li","start":7,"end":12}],"#,
    r#""role":"mayor"},{"id":1,"name":"Oslo","type":"PLACE","mentions":[{"text":"Oslo","start":36,"end":40}]}],"#,
    r#""places":[{"entityId":1,"name":"Oslo","lat":59.9,"lon":10.7,"country":"NO","kind":"country"}],"#,
    r#""warnings":[],"#,
    r#""offsets":"utf16"}"#,
);

thread_local! {
    static STARTED: Cell<bool> = const { Cell::new(false) };
}

/// Draws the made-up analysis, once per page, in tasks of its own after this one.
pub fn warm_up(b: &Builder) {
    if STARTED.replace(true) {
        return;
    }
    let b = b.clone();
    wasm_bindgen_futures::spawn_local(async move {
        worker::next_task().await;
        if let Err(e) = rehearse(&b).await {
            log_error("getting the drawing ready failed", &e);
        }
    });
}

async fn rehearse(b: &Builder) -> Result<(), JsValue> {
    let parts = js_sys::Array::of1(&JsValue::from_str(ANALYSIS));
    let analysis = worker::assemble(parts)
        .await
        .map_err(|e| JsValue::from_str(&e))?;
    // Each of these first runs takes 10-30 ms of compiling on a cold load, in tasks of their own:
    // the worker's module, posted before the worker's script had run, is handed to it only
    // between this thread's tasks.
    worker::next_task().await;
    let root = b.doc.create_element("div")?;
    let (layout, mut steps) =
        render::render(b, &root, &Rc::from(TEXT), &Rc::new(analysis), Panels::ALL)?;
    root.append_child(&layout)?;
    worker::next_task().await;
    let now = clock();
    let mut deadline = now() + SLICE_MS;
    while let Some(mut step) = steps.pop_front() {
        if step()? {
            steps.push_front(step);
        }
        if now() > deadline {
            worker::next_task().await;
            deadline = now() + SLICE_MS;
        }
    }
    Ok(())
}
