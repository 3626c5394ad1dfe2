//! What the command line reads, parsed without I/O: bytes that must be UTF-8, lines, JSON Lines
//! of articles, and CoNLL-2003 columns. The commands open files and standard input and hand the
//! bytes here; the fuzz targets (fuzz/) call the same functions on arbitrary bytes.

use std::borrow::Cow;
use std::io::{self, BufRead};

use serde::Deserialize;
use serde_json::Value;

/// Bytes that are not UTF-8: where the first bad byte is.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("line {line}: input is not UTF-8 (invalid byte 0x{byte:02X} at byte {at})")]
pub struct NotUtf8 {
    /// The line it is on, counted from 1.
    pub line: usize,
    pub byte: u8,
    /// Its offset in the bytes checked.
    pub at: usize,
}

/// The bytes as text. `line` is the line number of bytes that are one line; without it, the
/// error counts the line from the newlines before the bad byte.
pub fn utf8(bytes: &[u8], line: Option<usize>) -> Result<&str, NotUtf8> {
    std::str::from_utf8(bytes).map_err(|e| {
        let at = e.valid_up_to();
        let before = bytes.get(..at).unwrap_or(bytes);
        NotUtf8 {
            line: line.unwrap_or_else(|| 1 + before.iter().filter(|&&b| b == b'\n').count()),
            byte: bytes.get(at).copied().unwrap_or_default(),
            at,
        }
    })
}

/// Splits input into lines (without their `\n` or `\r\n`), numbered from 1.
pub fn lines(reader: impl BufRead) -> impl Iterator<Item = (usize, io::Result<Vec<u8>>)> {
    reader.split(b'\n').enumerate().map(|(i, line)| {
        let line = line.map(|mut l| {
            if l.last() == Some(&b'\r') {
                l.pop();
            }
            l
        });
        (i + 1, line)
    })
}

/// One line of the `jsonl` command's input.
#[derive(Clone, Debug, PartialEq, Deserialize)]
pub struct Article {
    /// Any JSON value; copied to the output line as it is.
    #[serde(default)]
    pub id: Value,
    pub text: String,
}

/// A `jsonl` line that is not an article, with its `id` when one can be read.
#[derive(Clone, Debug, PartialEq, thiserror::Error)]
#[error("{message}")]
pub struct BadLine {
    pub message: String,
    pub id: Value,
}

/// Reads line `number` of a `jsonl` input as an article.
pub fn article(line: &[u8], number: usize) -> Result<Article, BadLine> {
    let text = utf8(line, Some(number)).map_err(|e| BadLine {
        message: e.to_string(),
        id: Value::Null,
    })?;
    let text = lone_surrogates_replaced(text);
    serde_json::from_str(&text).map_err(|e| BadLine {
        message: format!(
            "line {number}: not an article object ({{\"id\": ..., \"text\": \"...\"}}): {e}"
        ),
        id: serde_json::from_str::<Value>(&text)
            .ok()
            .and_then(|v| v.get("id").cloned())
            .unwrap_or(Value::Null),
    })
}

/// The JSON with each `\u` escape of a lone surrogate replaced by `\uFFFD`, as JavaScript does
/// when it hands such a string to the page's analyzer: JSON's grammar allows them, but a Rust
/// string cannot hold one, and serde_json would refuse the whole line.
fn lone_surrogates_replaced(json: &str) -> Cow<'_, str> {
    if !json.contains("\\u") {
        return Cow::Borrowed(json);
    }
    let escape = |at: usize| -> Option<u16> {
        let hex = json.get(at..at + 6)?.strip_prefix("\\u")?;
        u16::from_str_radix(hex, 16).ok()
    };
    let mut out = String::with_capacity(json.len());
    let mut copied = 0;
    let mut at = 0;
    while let Some(found) = json.get(at..).and_then(|rest| rest.find('\\')) {
        let i = at + found;
        match escape(i) {
            Some(0xD800..=0xDBFF) if matches!(escape(i + 6), Some(0xDC00..=0xDFFF)) => at = i + 12,
            Some(0xD800..=0xDFFF) => {
                out.push_str(json.get(copied..i).unwrap_or_default());
                out.push_str("\\uFFFD");
                at = i + 6;
                copied = at;
            }
            // Any other escape, `\\` included, stays as it is.
            _ => {
                at = i
                    + 1
                    + json
                        .get(i + 1..)
                        .and_then(|r| r.chars().next())
                        .map_or(1, char::len_utf8)
            }
        }
    }
    out.push_str(json.get(copied..).unwrap_or_default());
    Cow::Owned(out)
}

/// A line of CoNLL-2003 columns.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ConllLine<'a> {
    /// `-DOCSTART-`, which opens a document.
    DocStart(&'a str),
    /// A blank line, which ends a sentence.
    Blank,
    /// A token (the first column) and its gold label (the last; `O` when there is one column).
    Token { token: &'a str, gold: &'a str },
}

impl<'a> ConllLine<'a> {
    pub fn parse(line: &'a str) -> ConllLine<'a> {
        let trimmed = line.trim();
        if trimmed.starts_with("-DOCSTART-") {
            return ConllLine::DocStart(line);
        }
        let mut columns = trimmed.split_whitespace();
        match (columns.next(), columns.next_back()) {
            (None, _) => ConllLine::Blank,
            (Some(token), gold) => ConllLine::Token {
                token,
                gold: gold.unwrap_or("O"),
            },
        }
    }
}

/// The sentences of one document's lines, as the tagger takes them.
pub fn conll_sentences<'a>(lines: &[ConllLine<'a>]) -> Vec<Vec<&'a str>> {
    let mut sentences = Vec::new();
    let mut sentence = Vec::new();
    for line in lines {
        match *line {
            ConllLine::Token { token, .. } => sentence.push(token),
            ConllLine::Blank | ConllLine::DocStart(_) => {
                if !sentence.is_empty() {
                    sentences.push(std::mem::take(&mut sentence));
                }
            }
        }
    }
    if !sentence.is_empty() {
        sentences.push(sentence);
    }
    sentences
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn not_utf8_names_the_line_and_the_byte() {
        let e = utf8(b"one\ntwo \xff\n", None).unwrap_err();
        assert_eq!((e.line, e.byte, e.at), (2, 0xFF, 8));
        assert_eq!(
            e.to_string(),
            "line 2: input is not UTF-8 (invalid byte 0xFF at byte 8)"
        );
        assert_eq!(utf8(b"\xc3", Some(7)).unwrap_err().line, 7);
        assert_eq!(utf8("é\n".as_bytes(), None), Ok("é\n"));
    }

    #[test]
    fn lines_lose_their_line_ends() {
        let got: Vec<(usize, Vec<u8>)> = lines(&b"a\r\nb\n\nc"[..])
            .map(|(n, l)| (n, l.unwrap()))
            .collect();
        assert_eq!(
            got,
            [
                (1, b"a".to_vec()),
                (2, b"b".to_vec()),
                (3, vec![]),
                (4, b"c".to_vec())
            ]
        );
    }

    #[test]
    fn a_bad_jsonl_line_keeps_its_id_when_it_has_one() {
        let ok = article(br#"{"id": 3, "text": "Hi."}"#, 1).unwrap();
        assert_eq!((ok.id, ok.text.as_str()), (Value::from(3), "Hi."));
        let bad = article(br#"{"id": "x", "text": 5}"#, 4).unwrap_err();
        assert_eq!(bad.id, Value::from("x"));
        assert!(bad.message.starts_with("line 4: not an article object"));
        assert!(article(b"\xff", 9).unwrap_err().message.contains("line 9"));
    }

    #[test]
    fn lone_surrogates_in_jsonl_become_replacement_characters() {
        let a = article(
            br#"{"id": 1, "text": "\ud800 and \udfff, \ud83d\ude00 \\ud800"}"#,
            1,
        );
        assert_eq!(a.unwrap().text, "\u{FFFD} and \u{FFFD}, \u{1F600} \\ud800");
        let at_end = article(br#"{"text": "x\udbff"}"#, 2).unwrap();
        assert_eq!(at_end.text, "x\u{FFFD}");
        // Found by fuzzing (readers, crash-a8926483): a lone surrogate among escaped quotes,
        // which the fuzz target's own check took for an error.
        let fuzzed = article(br#"{"id": 1, "text": ",e\"\"\"\ud800he said."}"#, 1).unwrap();
        assert_eq!(fuzzed.text, ",e\"\"\"\u{FFFD}he said.");
        // A truncated escape is still an error, not a replacement.
        assert!(article(br#"{"text": "\ud8"}"#, 3).is_err());
    }

    #[test]
    fn conll_lines_make_sentences() {
        let text = "-DOCSTART- -X- O\n\nEU NNP B-ORG\nrejects\n\n\nPeter NNP B-PER\n";
        let lines: Vec<ConllLine> = text.lines().map(ConllLine::parse).collect();
        assert_eq!(
            lines[2],
            ConllLine::Token {
                token: "EU",
                gold: "B-ORG"
            }
        );
        assert_eq!(
            lines[3],
            ConllLine::Token {
                token: "rejects",
                gold: "O"
            }
        );
        assert_eq!(
            conll_sentences(&lines),
            [vec!["EU", "rejects"], vec!["Peter"]]
        );
    }
}
