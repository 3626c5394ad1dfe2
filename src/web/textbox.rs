//! The page's article box. An ordinary article sits in one textarea (#article). A long one is
//! shown in consecutive textareas of about [`PART_BYTES`] each, cut after a line end, in one
//! scrolling frame (#article-box) drawn as one box: Chromium lays out the whole text of a textarea
//! each time it is shown or changed (over 100 ms of the main thread for 200 KB, in one task),
//! whereas parts out of view are not laid out at all (CSS `content-visibility`), and typing lays
//! out only its own part. The text is the parts' values joined: exactly what was put in, and
//! whatever the reader then types into any part.

use wasm_bindgen::prelude::*;
use web_sys::{Document, Element, HtmlTextAreaElement};

/// Texts this long (UTF-8 bytes) are shown in parts.
const LONG_BYTES: usize = 32 * 1024;
/// About how long a part is. A part in view is laid out whole: for a 200 KB drop, the first
/// layout took 20 ms of the main thread with 16 KB parts, 7 ms with 4 KB ones.
const PART_BYTES: usize = 4 * 1024;

pub struct TextBox {
    doc: Document,
    frame: Element,
    first: HtmlTextAreaElement,
}

impl TextBox {
    /// `frame` holds `first`, the box's labelled textarea, and is where further parts go.
    pub fn new(doc: Document, frame: Element, first: HtmlTextAreaElement) -> TextBox {
        TextBox { doc, frame, first }
    }

    /// The frame: input and paste events from every part bubble up to it.
    pub fn frame(&self) -> &Element {
        &self.frame
    }

    fn parts(&self) -> Vec<HtmlTextAreaElement> {
        let Ok(list) = self.frame.query_selector_all("textarea") else {
            return vec![self.first.clone()];
        };
        (0..list.length())
            .filter_map(|i| list.item(i)?.dyn_into::<HtmlTextAreaElement>().ok())
            .collect()
    }

    /// The whole text.
    pub fn value(&self) -> String {
        self.parts().iter().map(|p| p.value()).collect()
    }

    /// Whether adding `bytes` to the text makes it long enough to be shown in parts.
    pub fn would_be_long(&self, bytes: usize) -> bool {
        bytes >= LONG_BYTES || self.value().len() + bytes >= LONG_BYTES
    }

    /// Replaces the whole text.
    pub fn set_value(&self, text: &str) -> Result<(), JsValue> {
        let pieces = split(text);
        let mut parts = self.parts().into_iter();
        parts.next();
        for extra in parts {
            extra.remove();
        }
        let count = pieces.len();
        let mut pieces = pieces.into_iter();
        self.first.set_value(pieces.next().unwrap_or_default());
        for (k, piece) in pieces.enumerate() {
            let part: HtmlTextAreaElement = self.doc.create_element("textarea")?.dyn_into()?;
            part.set_attribute("spellcheck", "false")?;
            part.set_attribute(
                "aria-label",
                &format!("Article text, part {} of {count}", k + 2),
            )?;
            part.set_value(piece);
            self.frame.append_child(&part)?;
        }
        self.frame
            .class_list()
            .toggle_with_force("long", count > 1)?;
        Ok(())
    }

    /// Puts `text` in place of the selection of `part` (the textarea pasted or dropped into; the
    /// first if none), as a paste would, and leaves the caret after it; returns the whole text.
    pub fn insert(&self, part: Option<HtmlTextAreaElement>, text: &str) -> Result<String, JsValue> {
        let parts = self.parts();
        let part = part.unwrap_or_else(|| self.first.clone());
        if parts.len() == 1 && !self.would_be_long(text.len()) {
            let (start, end) = selection(&part);
            part.set_range_text_with_start_and_end_and_mode(text, start, end, "end")?;
            return Ok(part.value());
        }
        let (before, whole) = spliced(&parts, &part, text);
        self.set_value(&whole)?;
        self.place_caret(before.encode_utf16().count());
        Ok(whole)
    }

    /// The whole text once the browser has pasted `text` into `part` (the first if none) in
    /// place of its selection, as a textarea does: line ends as `\n`. Known in the paste's own
    /// event, before the browser has put the text in.
    pub fn after_paste(&self, part: Option<HtmlTextAreaElement>, text: &str) -> String {
        let text = if text.contains('\r') {
            text.replace("\r\n", "\n").replace('\r', "\n")
        } else {
            text.to_owned()
        };
        let part = part.unwrap_or_else(|| self.first.clone());
        spliced(&self.parts(), &part, &text).1
    }

    /// Puts the caret `at` (UTF-16 units into the whole text) and focuses its part, on the next
    /// frame: now, it would lay out the new parts at once, in the paste's own task.
    fn place_caret(&self, at: usize) {
        let mut offset = 0;
        let parts = self.parts();
        let Some((part, caret)) = parts.iter().enumerate().find_map(|(k, part)| {
            let len = part.value().encode_utf16().count();
            let here = at <= offset + len || k + 1 == parts.len();
            let caret = u32::try_from(at.saturating_sub(offset).min(len)).unwrap_or(0);
            offset += len;
            here.then(|| (part.clone(), caret))
        }) else {
            return;
        };
        let later = Closure::once_into_js(move || {
            let _ = part.focus();
            let _ = part.set_selection_range(caret, caret);
        });
        if let Some(window) = web_sys::window() {
            let _ = window.request_animation_frame(later.unchecked_ref());
        }
    }
}

/// The selection of `part`, in UTF-16 units (where the caret is if nothing is selected).
fn selection(part: &HtmlTextAreaElement) -> (u32, u32) {
    (
        part.selection_start().ok().flatten().unwrap_or(0),
        part.selection_end().ok().flatten().unwrap_or(0),
    )
}

/// The whole text with `text` in place of the selection of `part`, one of `parts`, and the
/// text before the end of `text`.
fn spliced(
    parts: &[HtmlTextAreaElement],
    part: &HtmlTextAreaElement,
    text: &str,
) -> (String, String) {
    let k = parts.iter().position(|p| p == part).unwrap_or(0);
    let (start, end) = selection(part);
    let values: Vec<String> = parts.iter().map(|p| p.value()).collect();
    let here = values.get(k).map_or("", String::as_str);
    let (start, end) = (
        byte_at(here, start),
        byte_at(here, end).max(byte_at(here, start)),
    );
    let mut before: String = values.iter().take(k).map(String::as_str).collect();
    before.push_str(&here[..start]);
    before.push_str(text);
    let after: String = values.iter().skip(k + 1).map(String::as_str).collect();
    let whole = format!("{before}{}{after}", &here[end..]);
    (before, whole)
}

/// The byte offset of UTF-16 offset `at` in `s` (its end if past it; never inside a character).
fn byte_at(s: &str, at: u32) -> usize {
    let mut units = 0;
    for (i, c) in s.char_indices() {
        if units >= at as usize {
            return i;
        }
        units += c.len_utf16();
    }
    s.len()
}

/// `text` in parts that join back into it: one for an ordinary text; for a long one, parts of
/// about [`PART_BYTES`], each ending after a line end (or, in a text without them, after a space
/// or wherever a character ends).
fn split(text: &str) -> Vec<&str> {
    if text.len() < LONG_BYTES {
        return vec![text];
    }
    let mut parts = Vec::new();
    let mut rest = text;
    while rest.len() > 2 * PART_BYTES {
        let window = &rest.as_bytes()[PART_BYTES..2 * PART_BYTES];
        let cut = window
            .iter()
            .position(|&b| b == b'\n')
            .or_else(|| window.iter().position(|&b| b == b' '))
            .map(|i| PART_BYTES + i + 1)
            .unwrap_or_else(|| {
                (PART_BYTES..rest.len())
                    .find(|&i| rest.is_char_boundary(i))
                    .unwrap_or(rest.len())
            });
        let (part, tail) = rest.split_at(cut);
        parts.push(part);
        rest = tail;
    }
    parts.push(rest);
    parts
}
