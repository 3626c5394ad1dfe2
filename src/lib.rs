//! article-analyzer finds, in a news article, every direct quotation and who said it, reported
//! speech, the people, organizations, places and dates, and where the places are.
//!
//! The crate is plain Rust with no I/O: text in, an [`Analysis`] out. The same code runs natively
//! (the `article-analyzer` command line, the tests) and as WebAssembly in the page, the widget and
//! the ES module (`wasm.rs`, the only part that knows wasm-bindgen).
//!
//! ```
//! let text = "\"We are close,\" Matthew Miller told reporters in Washington.";
//! let analysis = article_analyzer::analyze(text);
//! let quote = &analysis.quotes[0];
//! assert_eq!(quote.text, "We are close,");
//! assert_eq!(quote.speaker.as_ref().unwrap().name, "Matthew Miller");
//! ```
//!
//! Offsets in an [`Analysis`] are byte offsets by default; [`Options::offsets`] asks for UTF-16
//! code units, as the JSON and the JavaScript API use.

mod analysis;
mod analyze;
#[cfg(any(target_arch = "wasm32", test))]
mod ascii_json;
mod dates;
mod entities;
pub mod export;
mod gazetteer;
#[cfg(any(target_arch = "wasm32", test))]
mod handover;
#[cfg(any(target_arch = "wasm32", test))]
mod highlight;
mod lexicons;
pub mod ner;
#[cfg(any(target_arch = "wasm32", test))]
mod parts;
mod places;
mod quotes;
#[cfg(not(target_arch = "wasm32"))]
pub mod readers;
mod sort;
mod text;

#[cfg(target_arch = "wasm32")]
mod wasm;
#[cfg(target_arch = "wasm32")]
mod web;

pub use analysis::{
    Analysis, Entity, EntityType, Mention, Place, PlaceKind, Quote, QuoteKind, Reported, Rule,
    Speaker, Warning, WarningKind,
};
pub use analyze::{analyze, analyze_with, Options};
pub use text::{Offsets, MAX_TEXT};

/// Tags pre-tokenized text (sentences of tokens, one document) with CoNLL-2003 BIO labels
/// (`O`, `B-PER`, `I-ORG`, ...), as the `conll` command does.
pub fn tag_tokens(sentences: &[Vec<&str>]) -> Vec<Vec<String>> {
    ner::tag_document(sentences)
        .into_iter()
        .map(|labels| labels.into_iter().map(ner::Label::conll).collect())
        .collect()
}

/// The sentences of `text` as sentences of tokens, cut as the analyzer cuts them (for building
/// models from raw text).
pub fn token_sentences(text: &str) -> Vec<Vec<&str>> {
    let doc = text::Document::new(text);
    doc.sentences
        .iter()
        .map(|s| s.tokens.clone().map(|t| doc.token_text(t)).collect())
        .collect()
}
