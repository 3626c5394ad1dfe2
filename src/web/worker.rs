//! Runs analyses off the main thread, in a Web Worker (www/worker.js) that instantiates this same
//! wasm module, so typing never waits for the analyzer. One worker serves every view of the page
//! (the page itself, any number of widgets) one text at a time; a view that asks again before its
//! turn replaces its waiting text rather than queueing behind it.
//!
//! A failing analysis (a panic traps the worker's instance) costs only that worker: it is dropped,
//! the request is answered with the error, and the next request starts a fresh one. Where no worker
//! can start at all (a widget served from another origin, a host page whose policy forbids
//! workers), analyses run on the main thread instead.

use std::cell::RefCell;
use std::collections::VecDeque;
use std::rc::Rc;

use wasm_bindgen::prelude::*;
use web_sys::{MessageEvent, Worker, WorkerOptions, WorkerType};

use crate::{analyze_with, Analysis, Offsets, Options};

/// Marked in the Performance timeline when the worker is ready: the page has loaded all it needs.
pub const READY_MARK: &str = "article-analyzer:worker-ready";

/// What a view gets back: the analysis (UTF-16 offsets, as the JSON has them) or why there is none.
pub type Reply = Box<dyn FnOnce(Result<Analysis, String>)>;

struct Job {
    client: u32,
    text: Rc<str>,
    reply: Reply,
}

enum Backend {
    /// Not started yet, or dropped after a failure: the next job starts a worker.
    Idle,
    Worker(Running),
    /// No worker can run here; analyze on the main thread.
    Inline,
}

struct Running {
    worker: Worker,
    /// Whether this worker ever answered; a worker that fails before that will never work here.
    answered: bool,
    _on_message: Closure<dyn FnMut(MessageEvent)>,
    _on_error: Closure<dyn FnMut(web_sys::Event)>,
}

struct Service {
    worker_url: Option<String>,
    backend: Backend,
    busy: Option<(u32, Job)>,
    waiting: VecDeque<Job>,
    next_id: u32,
    next_client: u32,
}

thread_local! {
    static SERVICE: RefCell<Service> = const {
        RefCell::new(Service {
            worker_url: None,
            backend: Backend::Idle,
            busy: None,
            waiting: VecDeque::new(),
            next_id: 0,
            next_client: 0,
        })
    };
}

/// Where the worker script is (resolved by the caller against its own module URL, so any host
/// and sub-path works). Without one, analyses run on the main thread.
pub fn set_worker_url(url: &str) {
    SERVICE.with_borrow_mut(|s| {
        if s.worker_url.as_deref() != Some(url) {
            s.worker_url = Some(url.to_owned());
        }
    });
}

/// Starts the worker now, so its script and instance are ready before the first text arrives and
/// no request leaves the page after it has loaded.
pub fn warm_up() {
    SERVICE.with_borrow_mut(|s| {
        if matches!(s.backend, Backend::Idle) {
            s.backend = start(s.worker_url.as_deref());
        }
    });
}

/// A fresh identity for a view, so its requests replace each other but not another view's.
pub fn new_client() -> u32 {
    SERVICE.with_borrow_mut(|s| {
        s.next_client += 1;
        s.next_client
    })
}

/// Analyzes `text` for `client`, replacing that client's text still waiting for its turn.
pub fn request(client: u32, text: Rc<str>, reply: Reply) {
    SERVICE.with_borrow_mut(|s| {
        s.waiting.retain(|j| j.client != client);
        s.waiting.push_back(Job {
            client,
            text,
            reply,
        });
    });
    pump();
}

/// Forgets a client's waiting text (its view is gone).
pub fn cancel(client: u32) {
    SERVICE.with_borrow_mut(|s| s.waiting.retain(|j| j.client != client));
}

/// Hands the next waiting job to the backend, if it is free.
fn pump() {
    let inline = SERVICE.with_borrow_mut(|s| {
        if s.busy.is_some() {
            return None;
        }
        let job = s.waiting.pop_front()?;
        if matches!(s.backend, Backend::Idle) {
            s.backend = start(s.worker_url.as_deref());
        }
        s.next_id += 1;
        let id = s.next_id;
        match &s.backend {
            Backend::Worker(running) => match post(&running.worker, id, &job.text) {
                Ok(()) => {
                    s.busy = Some((id, job));
                    None
                }
                Err(e) => {
                    crate::web::dom::log_error("the worker refused the text", &e);
                    s.backend = Backend::Inline;
                    Some(job)
                }
            },
            Backend::Inline | Backend::Idle => Some(job),
        }
    });
    if let Some(job) = inline {
        // Answer on a later turn, as the worker would, so callers never re-enter themselves.
        wasm_bindgen_futures::spawn_local(async move {
            let analysis = analyze_with(&job.text, &Options::default().offsets(Offsets::Utf16));
            (job.reply)(Ok(analysis));
            pump();
        });
    }
}

fn post(worker: &Worker, id: u32, text: &str) -> Result<(), JsValue> {
    let message = js_sys::Object::new();
    js_sys::Reflect::set(&message, &"id".into(), &id.into())?;
    js_sys::Reflect::set(&message, &"text".into(), &text.into())?;
    worker.post_message(&message)
}

/// Starts a worker on this module, or says to analyze inline when none can start.
fn start(url: Option<&str>) -> Backend {
    let spawned = match url {
        Some(url) => spawn(url),
        None => Err(JsValue::from_str("no worker script")),
    };
    spawned.map_or_else(
        |e| {
            web_sys::console::warn_2(
                &"article-analyzer: no worker, analyzing on the main thread".into(),
                &e,
            );
            mark_ready();
            Backend::Inline
        },
        Backend::Worker,
    )
}

fn mark_ready() {
    if let Some(performance) = web_sys::window().and_then(|w| w.performance()) {
        let _ = performance.mark(READY_MARK);
    }
}

fn spawn(url: &str) -> Result<Running, JsValue> {
    let options = WorkerOptions::new();
    options.set_type(WorkerType::Module);
    let worker = Worker::new_with_options(url, &options)?;
    // The compiled module, not its URL: the worker instantiates it without fetching anything.
    let init = js_sys::Object::new();
    js_sys::Reflect::set(&init, &"module".into(), &wasm_bindgen::module())?;
    worker.post_message(&init)?;
    let on_message = Closure::<dyn FnMut(MessageEvent)>::new(|event: MessageEvent| {
        answered(event.data());
    });
    let on_error = Closure::<dyn FnMut(web_sys::Event)>::new(|event: web_sys::Event| {
        event.prevent_default();
        failed();
    });
    worker.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    worker.set_onerror(Some(on_error.as_ref().unchecked_ref()));
    Ok(Running {
        worker,
        answered: false,
        _on_message: on_message,
        _on_error: on_error,
    })
}

/// The worker's answer: `{ready}` once it has instantiated the module, `{failed}` if it could
/// not, then `{id, json}` or `{id, error}` for each text.
fn answered(data: JsValue) {
    let field = |name: &str| js_sys::Reflect::get(&data, &name.into()).ok();
    if field("failed").is_some_and(|v| !v.is_undefined()) {
        failed();
        return;
    }
    if field("ready").is_some_and(|v| v.is_truthy()) {
        mark_ready();
        return;
    }
    let id = field("id").and_then(|v| v.as_f64());
    let job = SERVICE.with_borrow_mut(|s| {
        if let Backend::Worker(running) = &mut s.backend {
            running.answered = true;
        }
        match &s.busy {
            Some((busy, _)) if Some(f64::from(*busy)) == id => s.busy.take().map(|(_, job)| job),
            _ => None,
        }
    });
    let Some(job) = job else { return };
    let outcome = match field("json").and_then(|v| v.as_string()) {
        Some(json) => serde_json::from_str::<Analysis>(&json).map_err(|e| e.to_string()),
        None => {
            // The worker closes itself after an error: start afresh next time.
            drop_worker();
            let error = field("error")
                .and_then(|v| v.as_string())
                .unwrap_or_else(|| "the analyzer stopped".to_owned());
            // In the page's console too, where a developer looks, not only the worker's.
            web_sys::console::error_1(
                &format!("article-analyzer: the analysis failed: {error}").into(),
            );
            Err(error)
        }
    };
    (job.reply)(outcome);
    pump();
}

/// The worker itself failed (its script did not load, or it died outside an analysis).
fn failed() {
    let lost = SERVICE.with_borrow_mut(|s| {
        let never_worked = matches!(&s.backend, Backend::Worker(r) if !r.answered);
        if let Backend::Worker(running) = &s.backend {
            running.worker.terminate();
        }
        s.backend = if never_worked {
            mark_ready();
            Backend::Inline
        } else {
            Backend::Idle
        };
        let job = s.busy.take().map(|(_, job)| job);
        if never_worked {
            // Nothing was analyzed, so nothing can have crashed it: the job runs inline.
            if let Some(job) = job {
                s.waiting.push_front(job);
            }
            None
        } else {
            job
        }
    });
    if let Some(job) = lost {
        (job.reply)(Err("the analyzer stopped".to_owned()));
    }
    pump();
}

fn drop_worker() {
    SERVICE.with_borrow_mut(|s| {
        if let Backend::Worker(running) = &s.backend {
            running.worker.terminate();
        }
        s.backend = Backend::Idle;
    });
}
