//! JSON for JavaScript, in ASCII only: how the page's worker hands an analysis over, in parts
//! (`parts.rs`).
//!
//! ASCII because a string with a single character past Latin-1 (a curly quote, which the rules'
//! names have) is held by JavaScript in two bytes per character, which it makes from the module's
//! UTF-8 and parses markedly slower than the one byte per character of an ASCII string: in Node,
//! 200 articles' analyses were made JavaScript strings and parsed with 29 M fewer instructions in
//! ASCII. Written here rather than by serde_json and escaped afterwards: serde_json looks at a
//! string's bytes one at a time (six wasm instructions a byte) and writes each piece of the text
//! (a key, a quotation mark) with a copy of its own, which V8 makes a call out of the module;
//! this writer takes eight bytes of a string at a time and writes keys and numbers in whole
//! words. The text is the same as serde_json's with each character past ASCII escaped.

use serde::ser::{self, Impossible, Serialize};

type Error = serde_json::Error;

/// `value` as JSON in ASCII.
pub fn write<T: Serialize + ?Sized>(value: &T) -> Result<String, Error> {
    let mut json = Json { out: Vec::new() };
    value.serialize(&mut json)?;
    // Only ASCII is written, so this never fails.
    Ok(String::from_utf8(json.out).unwrap_or_default())
}

/// The writer: serde's [`ser::Serializer`] for the shapes an analysis has (structs, lists,
/// options, strings, numbers, unit enum variants); anything else is an error.
struct Json {
    out: Vec<u8>,
}

impl Json {
    /// A key and its colon, after a comma unless it is the object's first.
    #[inline(always)]
    fn key(&mut self, key: &'static str, first: bool) {
        if !first {
            self.out.push(b',');
        }
        self.out.push(b'"');
        // Inlined where the key is given, its length is known and its copy is a few stores
        // (of a length not known, a memory.copy, which V8 makes a call out of the module).
        self.out.extend_from_slice(key.as_bytes());
        self.out.extend_from_slice(b"\":");
    }

    /// A number's digits. Below 10^8 (every offset of a text under 100 MB) they are made in one
    /// word, first digit in its lowest byte, and written at once.
    fn number(&mut self, n: u64) {
        const EIGHT_DIGITS: u64 = 100_000_000;
        if n >= EIGHT_DIGITS {
            self.number(n / EIGHT_DIGITS);
            let low = (n % EIGHT_DIGITS) as u32;
            for place in (0..8).rev() {
                self.out.push(b'0' + (low / 10u32.pow(place) % 10) as u8);
            }
            return;
        }
        let (mut n, mut word, mut digits) = (n as u32, 0u64, 0);
        loop {
            word = word << 8 | u64::from(b'0' + (n % 10) as u8);
            digits += 1;
            n /= 10;
            if n == 0 {
                break;
            }
        }
        self.out.extend_from_slice(&word.to_le_bytes());
        self.out.truncate(self.out.len() - 8 + digits);
    }

    /// A string in quotation marks, escaped: eight bytes at a time while none needs escaping.
    fn string(&mut self, s: &str) {
        let bytes = s.as_bytes();
        let out = &mut self.out;
        out.reserve(bytes.len() + 2);
        out.push(b'"');
        let mut at = 0;
        while let Some(word) = bytes.get(at..at + 8).map(word) {
            let found = needs_escape(word);
            // Bytes before the first that needs escaping (little-endian: the lowest first).
            let clean = if found == 0 {
                8
            } else {
                found.trailing_zeros() as usize / 8
            };
            out.extend_from_slice(&word.to_le_bytes());
            out.truncate(out.len() - 8 + clean);
            at += clean;
            if clean < 8 {
                at = escape(out, s, at);
            }
        }
        // The last bytes (at most seven) in words that overlap bytes already written: the
        // string's last eight, or in a string of four to seven bytes its first and last four.
        // If none of their bytes needs escaping, those before `at` were written as they are,
        // and were the last written.
        let len = bytes.len();
        if at < len && len >= 8 {
            let last = word(&bytes[len - 8..]);
            if needs_escape(last) == 0 {
                out.truncate(out.len() - (at + 8 - len));
                out.extend_from_slice(&last.to_le_bytes());
                at = len;
            }
        } else if at < len && len >= 4 {
            let half =
                |bytes: &[u8]| u32::from_le_bytes(<[u8; 4]>::try_from(bytes).unwrap_or_default());
            let (first, last) = (half(&bytes[..4]), half(&bytes[len - 4..]));
            if needs_escape(u64::from(first) | u64::from(last) << 32) == 0 {
                out.extend_from_slice(&first.to_le_bytes());
                out.truncate(out.len() + len - 8);
                out.extend_from_slice(&last.to_le_bytes());
                at = len;
            }
        }
        while let Some(&b) = bytes.get(at) {
            if !(0x20..0x80).contains(&b) || b == b'"' || b == b'\\' {
                at = escape(out, s, at);
            } else {
                out.push(b);
                at += 1;
            }
        }
        out.push(b'"');
    }

    fn raw(&mut self, text: &[u8]) -> Result<(), Error> {
        self.out.extend_from_slice(text);
        Ok(())
    }
}

/// Eight bytes as a word, the first in its lowest byte.
fn word(bytes: &[u8]) -> u64 {
    u64::from_le_bytes(<[u8; 8]>::try_from(bytes).unwrap_or_default())
}

/// The high bit of each byte of `word` that JSON in ASCII escapes: a quotation mark, a
/// backslash, a control character, a byte past ASCII. Exact for the lowest such byte; a byte
/// above one may be marked too.
fn needs_escape(word: u64) -> u64 {
    const ONES: u64 = 0x0101_0101_0101_0101;
    // Marks bytes below `n` (among those below 0x80).
    let below = |x: u64, n: u8| x.wrapping_sub(ONES * n as u64) & !x;
    let quote = word ^ (ONES * b'"' as u64);
    let backslash = word ^ (ONES * b'\\' as u64);
    (word | below(word, 0x20) | below(quote, 1) | below(backslash, 1)) & (ONES * 0x80)
}

/// The escape of the character at `at` in `s`, which needs one; returns where the next begins.
/// serde_json's escapes, and `\u` escapes of the UTF-16 units of a character past ASCII.
#[inline(never)]
fn escape(out: &mut Vec<u8>, s: &str, at: usize) -> usize {
    let Some(c) = s.get(at..).and_then(|rest| rest.chars().next()) else {
        return s.len();
    };
    let short = match c {
        '"' => b'"',
        '\\' => b'\\',
        '\n' => b'n',
        '\r' => b'r',
        '\t' => b't',
        '\u{8}' => b'b',
        '\u{c}' => b'f',
        _ => 0,
    };
    if short != 0 {
        out.extend_from_slice(&[b'\\', short]);
    } else {
        const HEX: &[u8; 16] = b"0123456789abcdef";
        for &unit in c.encode_utf16(&mut [0; 2]).iter() {
            let hex = |shift: u16| HEX[usize::from(unit >> shift & 15)];
            out.extend_from_slice(&[b'\\', b'u', hex(12), hex(8), hex(4), hex(0)]);
        }
    }
    at + c.len_utf8()
}

fn unsupported<T>() -> Result<T, Error> {
    Err(ser::Error::custom("a value an analysis does not have"))
}

impl<'s> ser::Serializer for &'s mut Json {
    type Ok = ();
    type Error = Error;
    type SerializeSeq = Compound<'s>;
    type SerializeTuple = Impossible<(), Error>;
    type SerializeTupleStruct = Impossible<(), Error>;
    type SerializeTupleVariant = Impossible<(), Error>;
    type SerializeMap = Impossible<(), Error>;
    type SerializeStruct = Compound<'s>;
    type SerializeStructVariant = Impossible<(), Error>;

    fn serialize_bool(self, v: bool) -> Result<(), Error> {
        self.raw(if v { b"true" } else { b"false" })
    }
    fn serialize_i8(self, v: i8) -> Result<(), Error> {
        self.serialize_i64(v.into())
    }
    fn serialize_i16(self, v: i16) -> Result<(), Error> {
        self.serialize_i64(v.into())
    }
    fn serialize_i32(self, v: i32) -> Result<(), Error> {
        self.serialize_i64(v.into())
    }
    fn serialize_i64(self, v: i64) -> Result<(), Error> {
        if v < 0 {
            self.out.push(b'-');
        }
        self.number(v.unsigned_abs());
        Ok(())
    }
    fn serialize_u8(self, v: u8) -> Result<(), Error> {
        self.serialize_u64(v.into())
    }
    fn serialize_u16(self, v: u16) -> Result<(), Error> {
        self.serialize_u64(v.into())
    }
    fn serialize_u32(self, v: u32) -> Result<(), Error> {
        self.serialize_u64(v.into())
    }
    fn serialize_u64(self, v: u64) -> Result<(), Error> {
        self.number(v);
        Ok(())
    }
    // Floats (a place's latitude and longitude) as serde_json writes them.
    fn serialize_f32(self, v: f32) -> Result<(), Error> {
        serde_json::to_writer(&mut self.out, &v)
    }
    fn serialize_f64(self, v: f64) -> Result<(), Error> {
        serde_json::to_writer(&mut self.out, &v)
    }
    fn serialize_char(self, v: char) -> Result<(), Error> {
        self.serialize_str(v.encode_utf8(&mut [0; 4]))
    }
    fn serialize_str(self, v: &str) -> Result<(), Error> {
        self.string(v);
        Ok(())
    }
    fn serialize_bytes(self, _: &[u8]) -> Result<(), Error> {
        unsupported()
    }
    fn serialize_none(self) -> Result<(), Error> {
        self.raw(b"null")
    }
    fn serialize_some<T: Serialize + ?Sized>(self, value: &T) -> Result<(), Error> {
        value.serialize(self)
    }
    fn serialize_unit(self) -> Result<(), Error> {
        self.raw(b"null")
    }
    fn serialize_unit_struct(self, _: &'static str) -> Result<(), Error> {
        self.raw(b"null")
    }
    fn serialize_unit_variant(
        self,
        _: &'static str,
        _: u32,
        name: &'static str,
    ) -> Result<(), Error> {
        self.serialize_str(name)
    }
    fn serialize_newtype_struct<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        value: &T,
    ) -> Result<(), Error> {
        value.serialize(self)
    }
    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: &T,
    ) -> Result<(), Error> {
        unsupported()
    }
    fn serialize_seq(self, _: Option<usize>) -> Result<Compound<'s>, Error> {
        self.out.push(b'[');
        Ok(Compound {
            json: self,
            first: true,
        })
    }
    fn serialize_tuple(self, _: usize) -> Result<Self::SerializeTuple, Error> {
        unsupported()
    }
    fn serialize_tuple_struct(
        self,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeTupleStruct, Error> {
        unsupported()
    }
    fn serialize_tuple_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeTupleVariant, Error> {
        unsupported()
    }
    fn serialize_map(self, _: Option<usize>) -> Result<Self::SerializeMap, Error> {
        unsupported()
    }
    fn serialize_struct(self, _: &'static str, _: usize) -> Result<Compound<'s>, Error> {
        self.out.push(b'{');
        Ok(Compound {
            json: self,
            first: true,
        })
    }
    fn serialize_struct_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeStructVariant, Error> {
        unsupported()
    }
}

/// A list or an object being written.
struct Compound<'s> {
    json: &'s mut Json,
    first: bool,
}

impl ser::SerializeSeq for Compound<'_> {
    type Ok = ();
    type Error = Error;

    fn serialize_element<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Error> {
        if !self.first {
            self.json.out.push(b',');
        }
        self.first = false;
        value.serialize(&mut *self.json)
    }

    fn end(self) -> Result<(), Error> {
        self.json.raw(b"]")
    }
}

impl ser::SerializeStruct for Compound<'_> {
    type Ok = ();
    type Error = Error;

    // Inlined into each struct's `serialize`, where its key is known (see `Json::key`): the
    // module's code 912.9 -> 906.7 M per vg.sh run, the page +760 bytes gzipped.
    #[inline(always)]
    fn serialize_field<T: Serialize + ?Sized>(
        &mut self,
        key: &'static str,
        value: &T,
    ) -> Result<(), Error> {
        self.json.key(key, self.first);
        self.first = false;
        value.serialize(&mut *self.json)
    }

    fn end(self) -> Result<(), Error> {
        self.json.raw(b"}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// serde_json's text with each character past ASCII escaped, as this writer should make it.
    fn expected(json: &str) -> String {
        let mut out = String::new();
        for c in json.chars() {
            if c.is_ascii() {
                out.push(c);
            } else {
                for unit in c.encode_utf16(&mut [0; 2]) {
                    out.push_str(&format!("\\u{unit:04x}"));
                }
            }
        }
        out
    }

    #[test]
    fn escapes_what_is_past_ascii() {
        let json = write(r#"(X said: “…”) Zoë 😀 "a\b""#).unwrap();
        assert_eq!(
            json,
            r#""(X said: \u201c\u2026\u201d) Zo\u00eb \ud83d\ude00 \"a\\b\"""#
        );
    }

    #[test]
    fn an_analysis_is_serde_jsons_text_in_ascii() {
        let text = "“We are close to a deal,” Secretary of State Antony Blinken told reporters \
                    in Washington on Tuesday, 3 March 2024. Officials from Qatar and Egypt met in \
                    Cairo, said María López, a spokeswoman for the United Nations. “It is not \
                    over,” she said. \"Unclosed";
        let analysis = crate::analyze(text);
        assert!(!analysis.places.is_empty() && !analysis.warnings.is_empty());
        let json = serde_json::to_string(&analysis).unwrap();
        assert_eq!(write(&analysis).unwrap(), expected(&json));
    }

    #[test]
    fn numbers_of_every_length() {
        let numbers: Vec<u64> = (0..20)
            .map(|p| 10u64.pow(p))
            .chain([0, 9, 99_999_999, u64::MAX])
            .collect();
        let signed = vec![i64::MIN, -1, 0, 7];
        assert_eq!(
            write(&numbers).unwrap(),
            serde_json::to_string(&numbers).unwrap()
        );
        assert_eq!(
            write(&signed).unwrap(),
            serde_json::to_string(&signed).unwrap()
        );
    }

    proptest! {
        // Any text, with what needs escaping wherever the eight-byte steps fall.
        #[test]
        fn strings_are_serde_jsons_in_ascii(text in "[a-z\"\\\\é“😀\u{0}\u{1f}\u{7f}\u{80}\n\t]{0,40}") {
            let out = write(&text).unwrap();
            prop_assert!(out.is_ascii());
            prop_assert_eq!(&out, &expected(&serde_json::to_string(&text).unwrap()));
            prop_assert_eq!(serde_json::from_str::<String>(&out).unwrap(), text);
        }
    }
}
