//! The JavaScript API, and the one place that says what this module exports: `analyze(text,
//! options)` returns a plain object shaped as ../shared/CONTRACT.md says, offsets in UTF-16 code
//! units unless the caller asks for bytes. Two more exports, left out of the TypeScript types,
//! serve this project's own loaders: `mountPage` (www/app.js) and `Widget` (www/widget.js).

use wasm_bindgen::prelude::*;

use crate::web::describe;
use crate::{analyze_with, Offsets, Options};

/// The wasm's allocator: talc rather than Rust's default there, dlmalloc, whose malloc and free
/// took about 5% of the page's analyses in V8 (a profile of 1 MB of articles). Natively the
/// system's allocator stays.
#[global_allocator]
static ALLOCATOR: talc::wasm::WasmDynamicTalc = talc::wasm::new_wasm_dynamic_allocator();

#[wasm_bindgen(typescript_custom_section)]
const TYPES: &str = r#"
export interface Mention { text: string; start: number; end: number }
export interface Speaker { name: string; entityId: number | null; mention: Mention | null }
export interface Quote {
  text: string; start: number; end: number;
  kind: "full" | "partial";
  speaker: Speaker | null;
  cue: Mention | null;
  /** Which rule attributed the speaker: its explanation, and its stable identifier. */
  rule: string | null;
  ruleId: "after-quote" | "before-quote" | "according-to" | "colon" | "dash" | "introduced-before"
    | "same-paragraph" | "runs-on" | "follows-quote" | "sentence-before" | null;
}
export interface Reported { speaker: Speaker | null; cue: Mention | null; text: string; start: number; end: number }
export type EntityType = "PERSON" | "ORG" | "PLACE" | "NORP" | "DATE" | "MISC";
export interface Entity {
  id: number; name: string; type: EntityType; mentions: Mention[];
  /** How many times the article mentions it. */
  count: number;
  role?: string;
  /** ISO 8601 form of an absolute date. */
  iso?: string;
}
/** Where a PLACE entity is, or a nationality's (NORP, "Egyptian") country. */
export interface Place {
  entityId: number; name: string; lat: number; lon: number;
  /** ISO 3166-1 alpha-2, or null for regions that span countries. */
  country: string | null;
  kind: "country" | "admin" | "city" | "region";
}
export interface Warning { kind: "unclosedQuote"; message: string; start: number; end: number }
export interface Analysis {
  quotes: Quote[]; reported: Reported[]; entities: Entity[]; places: Place[];
  warnings: Warning[];
  offsets: "utf16" | "bytes";
}
export interface AnalyzeOptions {
  /** How offsets are counted: UTF-16 code units (JavaScript string indices, the default) or UTF-8 bytes. */
  offsets?: "utf16" | "bytes";
}
"#;

/// Turns any error into a JavaScript `Error` with a message a person can read.
fn js_error(context: &str, error: impl std::fmt::Display) -> JsError {
    JsError::new(&format!("{context}: {error}"))
}

/// Analyzes `text`. JavaScript strings with lone surrogates arrive with each replaced by U+FFFD,
/// which is one UTF-16 unit too, so offsets still index the caller's string.
#[wasm_bindgen(js_name = analyze, unchecked_return_type = "Analysis")]
pub fn analyze(
    #[wasm_bindgen(unchecked_param_type = "string")] text: JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "AnalyzeOptions")] options: Option<JsValue>,
) -> Result<JsValue, JsError> {
    let caller = text;
    let text = rust_text(&caller)?;
    let offsets = read_offsets(options).map_err(|e| js_error("bad options", e))?;
    let options = Options::default().offsets(offsets);
    let analysis = analyze_with(&text, &options);
    let out = crate::handover::Handover::new(&analysis);
    // The texts of mentions are cut from the caller's string where offsets are its indices, else
    // from the text's UTF-8. Where the caller's string had lone surrogates (the text has U+FFFD,
    // then, as it may have anyway), the decoder replaces them as the text has them.
    let caller = match analysis.offsets {
        Offsets::Utf16 => caller,
        Offsets::Bytes => JsValue::UNDEFINED,
    };
    // memmem's vectors: `str::contains` took 6 M instructions of every 800 M of the module's.
    let repair = memchr::memmem::find(text.as_bytes(), "\u{FFFD}".as_bytes()).is_some();
    let (numbers, coordinates) = (&out.numbers, &out.coordinates);
    decode(
        &caller,
        text.as_bytes(),
        repair,
        numbers,
        coordinates,
        &out.strings,
    )
    .map_err(|e| js_error("cannot return the analysis", describe(&e)))
}

/// The offsets `options` ask for (`AnalyzeOptions`): UTF-16 units for `undefined`, `null`, `{}`
/// and an undefined or null `offsets`; an unknown key, or `offsets` of another value, is refused
/// by name. Read key by key because serde-wasm-bindgen read only the keys it knew, so that
/// `deny_unknown_fields` let any other through.
fn read_offsets(options: Option<JsValue>) -> Result<Offsets, String> {
    let absent = |value: &JsValue| value.is_undefined() || value.is_null();
    let mut offsets = Offsets::Utf16;
    let Some(options) = options.filter(|o| !absent(o)) else {
        return Ok(offsets);
    };
    if !options.is_object() {
        return Err(format!("the options must be an object, {}", not(&options)));
    }
    for entry in js_sys::Object::entries(options.unchecked_ref()) {
        let entry: js_sys::Array = entry.unchecked_into();
        let (key, value) = (entry.get(0).as_string().unwrap_or_default(), entry.get(1));
        if key != "offsets" {
            return Err(format!(
                "unknown option {key:?}, the only one is \"offsets\""
            ));
        }
        offsets = match value.as_string().as_deref() {
            Some("utf16") => Offsets::Utf16,
            Some("bytes") => Offsets::Bytes,
            _ if absent(&value) => Offsets::Utf16,
            _ => {
                return Err(format!(
                    "offsets must be \"utf16\" or \"bytes\", {}",
                    not(&value)
                ))
            }
        };
    }
    Ok(offsets)
}

/// "not ..." `value`, for an error message: a string as it is, anything else by its type.
fn not(value: &JsValue) -> String {
    match value.as_string() {
        Some(text) => format!("not {text:?}"),
        None => format!(
            "not a value of type {}",
            value.js_typeof().as_string().unwrap_or_default()
        ),
    }
}

#[wasm_bindgen(module = "/www/analysis.js")]
extern "C" {
    /// www/analysis.js: the plain objects of the analysis `handover.rs` wrote out. The slices
    /// reach it as views of the module's memory, not copies: nothing runs in the module while it
    /// reads them, so the memory cannot grow under them.
    #[wasm_bindgen(catch)]
    fn decode(
        text: &JsValue,
        utf8: &[u8],
        repair: bool,
        numbers: &[u32],
        coordinates: &[f64],
        strings: &str,
    ) -> Result<JsValue, JsValue>;
}

/// `text` in UTF-8, with each lone surrogate replaced by U+FFFD, as wasm-bindgen passes a `&str`.
/// A long text is converted a piece at a time into a string reserved from its length: wasm-bindgen
/// reserves three bytes for each UTF-16 unit of a text that is not all ASCII, 30 MB for 10 MB of
/// articles, which a module that had analyzed other texts did not have free in one range (its
/// memory grew from 89 to 119 MB).
fn rust_text(text: &JsValue) -> Result<String, JsError> {
    const PIECE: u32 = 1 << 20;
    // Anything but a string is refused with a message that says so (as a JsString it would
    // fail in the conversion, with a message about an `Option`).
    let Some(text) = text.dyn_ref::<js_sys::JsString>() else {
        return Err(js_error("bad text", "the text to analyze must be a string"));
    };
    let len = text.length();
    if len <= PIECE {
        return Ok(String::from(text));
    }
    // Each UTF-16 unit takes at least a byte: a text of few non-ASCII letters fits in its length
    // and a sixteenth; past that, the rest is reserved at the rate of the text so far.
    let mut out = String::with_capacity(len as usize + len as usize / 16);
    let mut start = 0;
    while start < len {
        let mut end = (start + PIECE).min(len);
        // A surrogate pair is not cut: its halves apart would each become U+FFFD.
        if end < len && (0xD800..0xDC00).contains(&(text.char_code_at(end - 1) as u32)) {
            end -= 1;
        }
        let piece = String::from(text.slice(start, end));
        if out.capacity() - out.len() < piece.len() {
            let done = (out.len() + piece.len()) as u64;
            let rest = u64::from(len - end) * done / u64::from(end);
            out.reserve_exact(piece.len() + rest as usize);
        }
        out.push_str(&piece);
        start = end;
    }
    Ok(out)
}

/// Analyzes `text` (UTF-16 offsets) for the page and the widget: the analysis as small JSON
/// texts (`parts.rs`), which www/worker.js sends to the main thread to parse a few at a time.
#[wasm_bindgen(js_name = analyzeInParts, skip_typescript)]
pub fn analyze_in_parts(text: JsValue) -> Result<Vec<String>, JsError> {
    let analysis = analyze_with(
        &rust_text(&text)?,
        &Options::default().offsets(Offsets::Utf16),
    );
    crate::parts::split(&analysis).map_err(|e| js_error("cannot return the analysis", e))
}

/// Builds one of the analyzer's start-up tables (`step` 0, 1, 2): www/app.js warms its own
/// instance a table per idle period. False when `step` is past the last.
#[wasm_bindgen(js_name = prepare, skip_typescript)]
pub fn prepare(step: u32) -> bool {
    crate::analyze::prepare(step)
}

/// Where the panic hook leaves the message of a panic, on the global object: the trap that
/// follows says only "unreachable", and www/worker.js reads this to tell the page what happened.
const PANIC_MESSAGE: &str = "articleAnalyzerPanic";

#[wasm_bindgen(start, skip_typescript)]
pub fn start() {
    std::panic::set_hook(Box::new(|info| {
        console_error_panic_hook::hook(info);
        let _ = js_sys::Reflect::set(
            &js_sys::global(),
            &PANIC_MESSAGE.into(),
            &info.to_string().into(),
        );
    }));
}

/// Panics with `message`, as the analyzer would on a bug: the browser tests' way to check that a
/// panic reaches the console and that the page and the widget recover. www/worker.js calls it for
/// a `{panic}` message, which only the page's own code can post, and the tests wrap an inline
/// instance's `analyze` (www/inline.js) to call it; no text leads here.
#[wasm_bindgen(js_name = panicForTests, skip_typescript)]
pub fn panic_for_tests(message: &str) {
    panic!("{message}");
}

/// Starts the page (index.html); `worker_url` is the worker's script (the glue, which runs
/// www/worker.js), resolved by the loader, `early` a worker the loader started on it (or
/// undefined), `inline` www/inline.js's `analyzeInline`, for where no worker can start, and `here`
/// the loader's second instance for short texts (`{warm(), analyze(text)}`, src/web/worker.rs).
#[wasm_bindgen(js_name = mountPage, skip_typescript)]
pub fn mount_page(
    worker_url: &str,
    early: Option<web_sys::Worker>,
    inline: Option<js_sys::Function>,
    here: Option<js_sys::Object>,
) -> Result<(), JsError> {
    crate::web::mount_page(worker_url, early, inline, here)
        .map_err(|e| js_error("the page could not start", describe(&e)))
}

/// The `<article-analyzer>` element's insides, driven by www/widget.js.
#[wasm_bindgen(skip_typescript)]
pub struct Widget(crate::web::Widget);

#[wasm_bindgen]
impl Widget {
    #[wasm_bindgen(constructor)]
    pub fn new(
        host: web_sys::HtmlElement,
        root: web_sys::ShadowRoot,
        worker_url: Option<String>,
        inline: Option<js_sys::Function>,
    ) -> Result<Widget, JsError> {
        crate::web::Widget::new(host, root, worker_url, inline)
            .map(Widget)
            .map_err(|e| js_error("the widget could not start", describe(&e)))
    }

    /// Re-reads the element's attributes.
    pub fn refresh(&self) {
        self.0.refresh();
    }
}
