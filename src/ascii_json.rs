//! JSON for JavaScript in ASCII only. A string with a single character past Latin-1 (a curly
//! quote, which the rules' names have) is held by JavaScript in two bytes per character, which it
//! makes from the module's UTF-8 and parses markedly slower than the one byte per character of an
//! ASCII string: in Node, 200 articles' analyses were made JavaScript strings and parsed with
//! 29 M fewer instructions in ASCII, for 5 M more in the module to write the escapes.

use std::borrow::Cow;
use std::fmt::Write as _;

/// `json` with each character past ASCII written as an escape (`“` as `\u201c`). Outside its
/// strings JSON has only ASCII, so each such character is inside one, where the escape stands
/// for the same character.
pub fn escaped(json: &str) -> Cow<'_, str> {
    let bytes = json.as_bytes();
    let mut at = first_non_ascii(bytes);
    if at == bytes.len() {
        return Cow::Borrowed(json);
    }
    let mut out = String::with_capacity(json.len() + json.len() / 8);
    let mut done = 0;
    while let Some(c) = json.get(at..).and_then(|rest| rest.chars().next()) {
        out.push_str(&json[done..at]);
        for unit in c.encode_utf16(&mut [0; 2]) {
            // Writing to a String cannot fail.
            let _ = write!(out, "\\u{unit:04x}");
        }
        done = at + c.len_utf8();
        at = done + first_non_ascii(&bytes[done..]);
    }
    out.push_str(&json[done..]);
    Cow::Owned(out)
}

/// Where `bytes`' first byte past ASCII is (`bytes.len()` if none), eight bytes at a time: most
/// of an analysis is ASCII.
fn first_non_ascii(bytes: &[u8]) -> usize {
    const HIGH: u64 = 0x8080_8080_8080_8080;
    let words = bytes.chunks_exact(8).position(|chunk| {
        <[u8; 8]>::try_from(chunk).map_or(true, |w| u64::from_ne_bytes(w) & HIGH != 0)
    });
    let from = words.map_or(bytes.len() / 8 * 8, |w| w * 8);
    from + bytes[from..]
        .iter()
        .position(|b| !b.is_ascii())
        .unwrap_or(bytes.len() - from)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn escapes_what_is_past_ascii_and_borrows_the_rest() {
        let json = r#"{"rule":"(X said: “…”)","name":"Zoë 😀","n":1}"#;
        let out = escaped(json);
        assert_eq!(
            out,
            r#"{"rule":"(X said: \u201c\u2026\u201d)","name":"Zo\u00eb \ud83d\ude00","n":1}"#
        );
        assert!(matches!(escaped(r#"{"a":"b"}"#), Cow::Borrowed(_)));
    }

    proptest! {
        // Any text, with its characters past ASCII wherever the eight-byte steps fall.
        #[test]
        fn reads_back_as_the_same_value(text in "[a-z\"\\\\é“😀\u{7f}\u{80}\n]{0,40}") {
            let json = serde_json::to_string(&text).unwrap();
            let out = escaped(&json);
            prop_assert!(out.is_ascii());
            prop_assert_eq!(serde_json::from_str::<String>(&out).unwrap(), text);
        }
    }
}
