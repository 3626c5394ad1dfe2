//! Runs analyses off the main thread, in a Web Worker (www/worker.js) that instantiates this same
//! wasm module, so typing never waits for the analyzer. Its script is the module's glue, which runs
//! worker.js where it is a worker named [`WORKER_NAME`] (scripts/post-build.mjs). One worker serves
//! every view of the page (the page itself, any number of widgets) one text at a time; a view that
//! asks again before its turn replaces its waiting text rather than queueing behind it.
//!
//! A page may not start a worker from another origin's script, as a widget served from elsewhere
//! would; its own worker (a module script in a `blob:` URL) may import that script, where the
//! page's policy lets it (no Content-Security-Policy, or `worker-src blob:` and the widget's
//! origin).
//!
//! A failing analysis (a panic traps the worker's instance) costs only that worker: it is dropped,
//! the request is answered with the error, and the next request starts a fresh one. Where no worker
//! can start at all (a widget served from another origin, a host page whose policy forbids
//! workers), analyses run on the main thread instead, through the loader's `inline` function
//! (www/inline.js): in a WebAssembly instance of their own, so that a panic traps that instance,
//! not this one, which draws the page, and the next text gets a fresh one.
//!
//! A short text (the page's `here`, www/app.js) is analyzed on the main thread too, in a second
//! instance of the module, once that instance has built the analyzer's tables in idle time. Its
//! results are then drawn in the very task that brought the text: through the worker they wait for
//! the round trip and for the frame the browser draws first (in a paste of a 2 KB article, about
//! half the time from the paste to the results). A panic traps that instance only; the page makes
//! another when idle, and the worker takes short texts meanwhile.

use std::cell::RefCell;
use std::collections::VecDeque;
use std::rc::Rc;

use wasm_bindgen::prelude::*;
use web_sys::{Blob, BlobPropertyBag, MessageEvent, Url, Worker, WorkerOptions, WorkerType};

use crate::{analyze_with, Analysis, Offsets, Options};

/// Marked in the Performance timeline when the worker is ready: the page has loaded all it needs.
pub const READY_MARK: &str = "article-analyzer:worker-ready";

/// Texts shorter than this, in bytes, are analyzed on the main thread when they can be: about
/// 10 ms of it in Chromium, at a time when a paste or a pause in typing has just taken it anyway.
const HERE_TEXT: usize = 16 * 1024;

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
    /// The `blob:` URL of the script that imports the worker's, when it came from another origin.
    importer: Option<String>,
    /// Whether this worker ever answered; a worker that fails before that will never work here.
    answered: bool,
    _on_message: Closure<dyn FnMut(MessageEvent)>,
    _on_error: Closure<dyn FnMut(web_sys::Event)>,
}

struct Service {
    worker_url: Option<String>,
    /// A worker the loader started before this module did (www/app.js), for the first start.
    early: Option<Worker>,
    /// `(module, text) => Promise<json>`: analyzes on this thread in an instance of its own.
    inline: Option<js_sys::Function>,
    /// An inline analysis is under way: the next waits for it, and can still be replaced.
    inline_busy: bool,
    /// `{warm(), analyze(text)}`: analyzes short texts on this thread, once warm.
    here: Option<js_sys::Object>,
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
            early: None,
            inline: None,
            inline_busy: false,
            here: None,
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

/// A worker on the worker script that the loader started early, so that it fetched its scripts
/// while this thread compiled the module; the first start uses it. The loader marks it
/// `loadFailed` if its script failed before this module could listen.
pub fn set_early_worker(worker: Worker) {
    SERVICE.with_borrow_mut(|s| s.early = Some(worker));
}

/// How to analyze on this thread when no worker can start (www/inline.js's `analyzeInline`).
/// Without it, such analyses run in this very instance, which a panic would leave dead.
pub fn set_inline(inline: js_sys::Function) {
    SERVICE.with_borrow_mut(|s| s.inline = Some(inline));
}

/// How to analyze short texts on this thread (www/app.js's `here`).
pub fn set_here(here: js_sys::Object) {
    SERVICE.with_borrow_mut(|s| s.here = Some(here));
}

/// Starts the worker now, so its script and instance are ready before the first text arrives and
/// no request leaves the page after it has loaded.
pub fn warm_up() {
    SERVICE.with_borrow_mut(|s| {
        if matches!(s.backend, Backend::Idle) {
            s.backend = start(s.worker_url.as_deref(), s.early.take());
            if matches!(s.backend, Backend::Inline) {
                warm_up_inline(s.inline.as_ref());
            }
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
    if here_next() {
        return;
    }
    let inline = SERVICE.with_borrow_mut(|s| {
        if s.busy.is_some() || s.inline_busy {
            return None;
        }
        let job = s.waiting.pop_front()?;
        if matches!(s.backend, Backend::Idle) {
            s.backend = start(s.worker_url.as_deref(), s.early.take());
        }
        s.next_id += 1;
        let id = s.next_id;
        let job = match &s.backend {
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
        }?;
        s.inline_busy = true;
        Some((job, s.inline.clone()))
    });
    if let Some((job, analyzer)) = inline {
        // Answer on a later turn, as the worker would, so callers never re-enter themselves.
        wasm_bindgen_futures::spawn_local(async move {
            let outcome = match analyzer {
                Some(analyzer) => analyze_inline(&analyzer, &job.text).await,
                None => Ok(analyze_with(
                    &job.text,
                    &Options::default().offsets(Offsets::Utf16),
                )),
            };
            SERVICE.with_borrow_mut(|s| s.inline_busy = false);
            finish(job, outcome);
        });
    }
}

/// Analyzes the next waiting job on this thread if it is short and `here` is warm; answers it in
/// this task's microtasks, then pumps again. Says whether it did.
fn here_next() -> bool {
    let taken = SERVICE.with_borrow_mut(|s| {
        let here = s.here.clone()?;
        if s.waiting.front()?.text.len() >= HERE_TEXT {
            return None;
        }
        Some((s.waiting.pop_front()?, here))
    });
    let Some((job, here)) = taken else {
        return false;
    };
    let parts =
        method(&here, "analyze").and_then(|f| f.call1(&here, &JsValue::from_str(&job.text)));
    if parts.as_ref().is_ok_and(JsValue::is_undefined) {
        // Not warm (yet, or again after a panic: it is warming): the worker takes it.
        SERVICE.with_borrow_mut(|s| s.waiting.push_front(job));
        return false;
    }
    wasm_bindgen_futures::spawn_local(async move {
        let outcome = match parts {
            Ok(parts) => assemble(parts.unchecked_into()).await,
            Err(e) => Err(super::dom::describe(&e)),
        };
        finish(job, outcome);
    });
    true
}

/// Has `here` build its tables, in idle time (www/app.js), unless it has: once the worker is
/// ready with no text waiting, and after each answer.
fn warm_here() {
    if let Some(here) = SERVICE.with_borrow(|s| s.here.clone()) {
        let _ = method(&here, "warm").and_then(|f| f.call0(&here));
    }
}

fn method(object: &js_sys::Object, name: &str) -> Result<js_sys::Function, JsValue> {
    js_sys::Reflect::get(object, &name.into())?.dyn_into()
}

/// Analyzes `text` through the loader's inline function, in its own instance of this module.
async fn analyze_inline(analyzer: &js_sys::Function, text: &str) -> Result<Analysis, String> {
    let promise = analyzer
        .call2(&JsValue::NULL, &wasm_bindgen::module(), &text.into())
        .map_err(|e| super::dom::describe(&e))?;
    let json = wasm_bindgen_futures::JsFuture::from(js_sys::Promise::resolve(&promise))
        .await
        .map_err(|e| super::dom::describe(&e))?;
    let json = json.as_string().ok_or("the analyzer answered no JSON")?;
    parse(&json)
}

/// Makes the inline instance now, where analyses are to run inline, so that its script loads
/// with the page rather than after it.
fn warm_up_inline(inline: Option<&js_sys::Function>) {
    if let Some(analyzer) = inline.cloned() {
        wasm_bindgen_futures::spawn_local(async move {
            let _ = analyze_inline(&analyzer, "").await;
        });
    }
}

/// An analysis as the inline instance sends it.
fn parse(json: &str) -> Result<Analysis, String> {
    serde_json::from_str::<Analysis>(json).map_err(|e| e.to_string())
}

/// Gives a job its outcome (a failure logged first), then hands out the next.
fn finish(job: Job, outcome: Result<Analysis, String>) {
    if let Err(error) = &outcome {
        log_failure(error);
    }
    (job.reply)(outcome);
    pump();
}

/// In the page's console, where a developer looks (a worker's console is its own).
fn log_failure(error: &str) {
    web_sys::console::error_1(&format!("article-analyzer: the analysis failed: {error}").into());
}

fn post(worker: &Worker, id: u32, text: &str) -> Result<(), JsValue> {
    let message = js_sys::Object::new();
    js_sys::Reflect::set(&message, &"id".into(), &id.into())?;
    js_sys::Reflect::set(&message, &"text".into(), &text.into())?;
    worker.post_message(&message)
}

/// Starts a worker on this module (`early`, if the loader started one), or says to analyze
/// inline when none can start.
fn start(url: Option<&str>, early: Option<Worker>) -> Backend {
    let spawned = match (early, url) {
        (Some(worker), _) => attach(worker, None),
        (None, Some(url)) => spawn(url),
        (None, None) => Err(JsValue::from_str("no worker script")),
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

/// The name of the analysis worker, under which the glue runs www/worker.js (www/app.js starts the
/// page's first worker under it too).
const WORKER_NAME: &str = "article-analyzer";

fn spawn(url: &str) -> Result<Running, JsValue> {
    let options = WorkerOptions::new();
    options.set_type(WorkerType::Module);
    options.set_name(WORKER_NAME);
    let (worker, importer) = match Worker::new_with_options(url, &options) {
        Ok(worker) => (worker, None),
        Err(_) => {
            let importer = importer(url)?;
            let worker = Worker::new_with_options(&importer, &options).inspect_err(|_| {
                let _ = Url::revoke_object_url(&importer);
            })?;
            (worker, Some(importer))
        }
    };
    attach(worker, importer)
}

/// Sends `worker` this module and listens to it.
fn attach(worker: Worker, importer: Option<String>) -> Result<Running, JsValue> {
    if js_sys::Reflect::get(&worker, &"loadFailed".into()).is_ok_and(|f| f.is_truthy()) {
        worker.terminate();
        return Err(JsValue::from_str("the worker script did not load"));
    }
    // The loader may have sent the module already, keeping what the worker said since (`heard`,
    // by its listener `hear`): it is answered below, once this thread is done starting.
    let heard = js_sys::Reflect::get(&worker, &"heard".into())
        .ok()
        .and_then(|h| h.dyn_into::<js_sys::Array>().ok());
    match &heard {
        Some(_) => {
            if let Ok(hear) = js_sys::Reflect::get(&worker, &"hear".into()) {
                worker.remove_event_listener_with_callback("message", hear.unchecked_ref())?;
            }
        }
        None => {
            // The compiled module, not its URL: the worker instantiates it without fetching
            // anything.
            let init = js_sys::Object::new();
            js_sys::Reflect::set(&init, &"module".into(), &wasm_bindgen::module())?;
            worker.post_message(&init)?;
        }
    }
    let on_message = Closure::<dyn FnMut(MessageEvent)>::new(|event: MessageEvent| {
        answered(event.data());
    });
    let on_error = Closure::<dyn FnMut(web_sys::Event)>::new(|event: web_sys::Event| {
        event.prevent_default();
        failed();
    });
    worker.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    worker.set_onerror(Some(on_error.as_ref().unchecked_ref()));
    if let Some(heard) = heard {
        wasm_bindgen_futures::spawn_local(async move { heard.iter().for_each(answered) });
    }
    Ok(Running {
        worker,
        importer,
        answered: false,
        _on_message: on_message,
        _on_error: on_error,
    })
}

/// A module script of this page's origin, in a `blob:` URL, that imports the worker script at
/// `url` (the worker runs it, then hears the messages posted meanwhile).
fn importer(url: &str) -> Result<String, JsValue> {
    let url = serde_json::to_string(url).map_err(|e| JsValue::from_str(&e.to_string()))?;
    let options = BlobPropertyBag::new();
    options.set_type("text/javascript");
    let parts = js_sys::Array::of1(&JsValue::from_str(&format!("import {url};")));
    Url::create_object_url_with_blob(&Blob::new_with_str_sequence_and_options(&parts, &options)?)
}

impl Drop for Running {
    fn drop(&mut self) {
        if let Some(importer) = &self.importer {
            let _ = Url::revoke_object_url(importer);
        }
    }
}

/// The worker's answer: `{ready}` once it has instantiated the module, `{failed}` if it could
/// not, then `{id, parts}` (src/parts.rs) or `{id, error}` for each text.
fn answered(data: JsValue) {
    let field = |name: &str| js_sys::Reflect::get(&data, &name.into()).ok();
    if field("failed").is_some_and(|v| !v.is_undefined()) {
        failed();
        return;
    }
    if field("ready").is_some_and(|v| v.is_truthy()) {
        mark_ready();
        // Not while a first text waits: its analysis and drawing come first.
        if SERVICE.with_borrow(|s| s.busy.is_none() && s.waiting.is_empty()) {
            warm_here();
        }
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
    match field("parts").and_then(|v| v.dyn_into::<js_sys::Array>().ok()) {
        Some(parts) => {
            wasm_bindgen_futures::spawn_local(async move {
                (job.reply)(assemble(parts).await);
                // Once drawn, the browser is idle soonest.
                warm_here();
            });
            // The worker starts on the next text while this thread parses.
            pump();
        }
        None => {
            // The worker closes itself after an error: start afresh next time.
            drop_worker();
            let error = field("error")
                .and_then(|v| v.as_string())
                .unwrap_or_else(|| "the analyzer stopped".to_owned());
            finish(job, Err(error));
        }
    }
}

/// How long the main thread parses parts of an answer before it lets the browser render and
/// handle input, in milliseconds.
const PARSE_SLICE_MS: f64 = 8.0;

/// The analysis from the worker's parts, parsed a slice at a time, each slice in its own task.
pub(super) async fn assemble(parts: js_sys::Array) -> Result<Analysis, String> {
    let now = super::dom::clock();
    let mut assembler = crate::parts::Assembler::default();
    let mut deadline = now() + PARSE_SLICE_MS;
    for part in parts.iter() {
        if now() > deadline {
            next_task().await;
            deadline = now() + PARSE_SLICE_MS;
        }
        let part = part
            .as_string()
            .ok_or("the analyzer's answer is not text")?;
        assembler.add(&part).map_err(|e| e.to_string())?;
    }
    assembler
        .finish()
        .ok_or_else(|| "the analyzer's answer is empty".to_owned())
}

/// Resolves in a later task (a zero timeout), after the browser has had its turn.
pub(super) async fn next_task() {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        let queued = web_sys::window()
            .map(|w| w.set_timeout_with_callback(&resolve).is_ok())
            .unwrap_or(false);
        if !queued {
            let _ = resolve.call0(&JsValue::NULL);
        }
    });
    let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
}

/// The worker itself failed (its script did not load, or it died outside an analysis).
fn failed() {
    let lost = SERVICE.with_borrow_mut(|s| {
        let never_worked = matches!(&s.backend, Backend::Worker(r) if !r.answered);
        if let Backend::Worker(running) = &s.backend {
            running.worker.terminate();
        }
        s.backend = if never_worked {
            web_sys::console::warn_1(
                &"article-analyzer: the worker did not start, analyzing on the main thread".into(),
            );
            mark_ready();
            warm_up_inline(s.inline.as_ref());
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
