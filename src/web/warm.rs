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

/// The made-up text, with something for every panel, and its analysis as a worker's one part
/// (UTF-16 offsets; the text is all in the Basic Multilingual Plane, one unit a character).
const TEXT: &str =
    "\u{201C}We are close to a deal,\u{201D} Jane Smith, the mayor, told Reuters in \
                    Paris, France, on Monday, 3 June 2024. The French delegation agreed.";
const ANALYSIS: &str = concat!(
    r#"{"quotes":[{"text":"We are close to a deal,","start":0,"end":25,"kind":"full","speaker":{"name":"Jane Smith","entityId":0,"mention":{"text":"Jane Smith","start":26,"end":36}},"cue":{"text":"told","start":49,"end":53},"rule":"the speaker and the speech verb follow the quote","ruleId":"after-quote"}],"#,
    r#""reported":[],"#,
    r#""entities":[{"id":0,"name":"Jane Smith","type":"PERSON","mentions":[{"text":"Jane Smith","start":26,"end":36}],"#,
    r#""count":1,"role":"mayor"},{"id":1,"name":"Reuters","type":"ORG","mentions":[{"text":"Reuters","start":54,"end":61}],"#,
    r#""count":1},{"id":2,"name":"Paris","type":"PLACE","mentions":[{"text":"Paris","start":65,"end":70}],"#,
    r#""count":1},{"id":3,"name":"France","type":"PLACE","mentions":[{"text":"France","start":72,"end":78}],"#,
    r#""count":1},{"id":4,"name":"Monday, 3 June 2024","type":"DATE","mentions":[{"text":"Monday, 3 June 2024","start":83,"end":102}],"#,
    r#""count":1,"iso":"2024-06-03"},{"id":5,"name":"French","type":"NORP","mentions":[{"text":"French","start":108,"end":114}],"#,
    r#""count":1}],"#,
    r#""places":[{"entityId":2,"name":"Paris","lat":48.85,"lon":2.35,"country":"FR","kind":"city"},{"entityId":3,"name":"France","lat":46.0,"lon":2.0,"country":"FR","kind":"country"}],"#,
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
    let root = b.doc.create_element("div")?;
    let (layout, mut steps) =
        render::render(b, &root, &Rc::from(TEXT), &Rc::new(analysis), Panels::ALL)?;
    root.append_child(&layout)?;
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
