//! The analysis of any text: no panic, and every promise of `invariants::check` kept (spans in
//! bounds, on character boundaries, their text the slice; UTF-16 offsets indexing the same text;
//! the same analysis twice). Bytes that are not UTF-8 are read as the page would read them, with
//! replacement characters.

#![no_main]

use libfuzzer_sys::fuzz_target;

#[path = "../../tests/invariants/mod.rs"]
mod invariants;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    if let Err(broken) = invariants::check(&text) {
        panic!("{broken}\ntext: {text:?}");
    }
});
