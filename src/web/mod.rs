//! The page and the widget, rendered from Rust with web-sys.
//!
//! - `page`: index.html's wiring (the paste box, files, the example, exports, the share link).
//! - `widget`: the insides of the `<article-analyzer>` element (www/widget.js defines it).
//! - `view`: what both share: one results area, its status line and progress bar, the clicks
//!   inside it, and the rendering scheduled a slice at a time (`render`).
//! - `worker`: the Web Worker (www/worker.js) that runs the analyses off the main thread.
//! - `textbox`: the page's article box, a long text in parts so that it is laid out lazily.
//! - `warm`: draws a made-up analysis out of sight while the first one is under way, so that the
//!   code that draws it is compiled by the time it arrives.
//! - `html`, `share`, `files`: HTML to text, the share link, downloads and the clipboard.
//!
//! Article text reaches the DOM only as text nodes, never as markup.

mod dom;
mod files;
mod html;
mod map;
mod page;
mod render;
mod share;
mod textbox;
mod view;
mod warm;
mod widget;
mod worker;

pub(crate) use dom::describe;
pub use page::mount as mount_page;
pub use widget::Widget;
