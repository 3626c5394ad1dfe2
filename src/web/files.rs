//! Getting text in and out of the page without a server: downloads from an object URL, the
//! clipboard, and files the reader drops or opens.

use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;
use web_sys::{Blob, BlobPropertyBag, Document, File, HtmlAnchorElement, Url};

use super::html;

/// Offers `content` as a file named `name`, through a temporary object URL.
pub fn download(doc: &Document, name: &str, mime: &str, content: &str) -> Result<(), JsValue> {
    let options = BlobPropertyBag::new();
    options.set_type(mime);
    let parts = js_sys::Array::of1(&JsValue::from_str(content));
    let blob = Blob::new_with_str_sequence_and_options(&parts, &options)?;
    let url = Url::create_object_url_with_blob(&blob)?;
    let link: HtmlAnchorElement = doc.create_element("a")?.unchecked_into();
    link.set_href(&url);
    link.set_download(name);
    link.click();
    // The download has started from the URL; the blob can go once this task is over.
    let revoke = Closure::once_into_js(move || {
        let _ = Url::revoke_object_url(&url);
    });
    if let Some(window) = web_sys::window() {
        window.set_timeout_with_callback_and_timeout_and_arguments_0(revoke.unchecked_ref(), 0)?;
    }
    Ok(())
}

/// Puts `text` on the clipboard.
pub async fn copy(text: &str) -> Result<(), JsValue> {
    let window = web_sys::window().ok_or("no window")?;
    JsFuture::from(window.navigator().clipboard().write_text(text)).await?;
    Ok(())
}

/// The text of a dropped or opened file: plain text as it is, HTML reduced to its text.
pub async fn read_text(file: &File) -> Result<String, JsValue> {
    let content = JsFuture::from(file.text())
        .await?
        .as_string()
        .unwrap_or_default();
    let name = file.name().to_ascii_lowercase();
    let is_html = file.type_().contains("html")
        || name.ends_with(".html")
        || name.ends_with(".htm")
        || html::looks_like_html(&content);
    if is_html {
        html::text_of_html(&content).await
    } else {
        Ok(content)
    }
}
