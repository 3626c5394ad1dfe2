//! The share link carries the article itself, deflated by the browser's CompressionStream and
//! base64url-encoded, in the URL fragment: `...index.html#t=...`. Browsers never send a fragment
//! to the server, so sharing, like analyzing, keeps the text off the network.

use js_sys::{Array, Uint8Array};
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;
use web_sys::{Blob, ReadableWritablePair, Response};

const KEY: &str = "#t=";

#[wasm_bindgen]
extern "C" {
    // In web-sys only behind its unstable-API flag.
    #[wasm_bindgen(js_name = CompressionStream)]
    type CompressionStream;
    #[wasm_bindgen(constructor, catch, js_class = CompressionStream)]
    fn new(format: &str) -> Result<CompressionStream, JsValue>;

    #[wasm_bindgen(js_name = DecompressionStream)]
    type DecompressionStream;
    #[wasm_bindgen(constructor, catch, js_class = DecompressionStream)]
    fn new(format: &str) -> Result<DecompressionStream, JsValue>;
}

/// `page` (without its fragment) with `text` in the fragment.
pub async fn link(page: &str, text: &str) -> Result<String, JsValue> {
    let stream = CompressionStream::new("deflate-raw")?;
    let deflated = pipe(text.as_bytes(), stream.unchecked_ref()).await?;
    let base = page.split('#').next().unwrap_or(page);
    Ok(format!("{base}{KEY}{}", base64url(&deflated)?))
}

/// The text a share link's fragment carries, if it is one.
pub async fn text_of(fragment: &str) -> Result<Option<String>, JsValue> {
    let Some(encoded) = fragment.strip_prefix(KEY) else {
        return Ok(None);
    };
    let deflated = from_base64url(encoded)?;
    let stream = DecompressionStream::new("deflate-raw")?;
    let bytes = pipe(&deflated, stream.unchecked_ref()).await?;
    String::from_utf8(bytes)
        .map(Some)
        .map_err(|_| JsValue::from_str("the link's text is not UTF-8"))
}

/// Runs `bytes` through a transform stream and collects what comes out.
async fn pipe(bytes: &[u8], transform: &ReadableWritablePair) -> Result<Vec<u8>, JsValue> {
    let parts = Array::of1(&Uint8Array::from(bytes));
    let blob = Blob::new_with_u8_array_sequence(&parts)?;
    let out = blob.stream().pipe_through(transform);
    let response = Response::new_with_opt_readable_stream(Some(&out))?;
    let buffer = JsFuture::from(response.array_buffer()?).await?;
    Ok(Uint8Array::new(&buffer).to_vec())
}

fn window() -> Result<web_sys::Window, JsValue> {
    web_sys::window().ok_or_else(|| JsValue::from_str("no window"))
}

/// base64url without padding (RFC 4648 §5), by way of the browser's btoa over a byte string.
fn base64url(bytes: &[u8]) -> Result<String, JsValue> {
    let byte_string: String = bytes.iter().map(|&b| char::from(b)).collect();
    let b64 = window()?.btoa(&byte_string)?;
    Ok(b64
        .trim_end_matches('=')
        .chars()
        .map(|c| match c {
            '+' => '-',
            '/' => '_',
            c => c,
        })
        .collect())
}

fn from_base64url(text: &str) -> Result<Vec<u8>, JsValue> {
    let b64: String = text
        .chars()
        .map(|c| match c {
            '-' => '+',
            '_' => '/',
            c => c,
        })
        .collect();
    let byte_string = window()?.atob(&b64)?;
    // atob yields one character per byte, each below U+0100.
    Ok(byte_string.chars().map(|c| c as u32 as u8).collect())
}
