//! Finding quotations by their marks: straight and curly, double and single, guillemets and
//! low-nine openers, telling apostrophes (didn't, Hamas' leaders, the '90s) from quotation marks.

use crate::text::{Document, Span};

/// A quotation as its marks delimit it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Marked {
    /// The quoted words, without the marks.
    pub inner: Span,
    /// The quoted words with the marks.
    pub outer: Span,
    pub paragraph: usize,
    /// The quote runs on into the next paragraph (newspaper style: no closing mark, and the next
    /// paragraph opens with a quotation mark).
    pub continues: bool,
    /// The quote was never closed.
    pub unclosed: bool,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Mark {
    Open,
    Close,
}

/// Whether a quotation mark may open here: at the start, after a space or an opening bracket,
/// dash or quote.
fn opens_after(prev: Option<char>) -> bool {
    prev.is_none_or(|p| {
        p.is_whitespace()
            || matches!(
                p,
                '(' | '['
                    | '{'
                    | '\u{2014}'
                    | '\u{2013}'
                    | '-'
                    | '/'
                    | ':'
                    | ';'
                    | '\u{201C}'
                    | '\u{2018}'
                    | '"'
                    | '\''
                    | '\u{AB}'
                    | '\u{201E}'
            )
    })
}

/// What a double mark may do: open, close, or either (a straight mark between two words, say).
fn double_mark(c: char, prev: Option<char>, next: Option<char>) -> Option<Mark> {
    match c {
        '\u{201C}' | '\u{201E}' | '\u{AB}' => Some(Mark::Open),
        '\u{201D}' | '\u{BB}' => Some(Mark::Close),
        '"' => {
            let space_after = next.is_none_or(char::is_whitespace);
            if opens_after(prev) && !space_after {
                Some(Mark::Open)
            } else if prev.is_some_and(|p| !p.is_whitespace()) {
                Some(Mark::Close)
            } else {
                None
            }
        }
        _ => None,
    }
}

/// Whether the double mark `close` ends a quote opened by `open`: its partner, or any closing
/// double mark (copy often mixes straight and curly marks).
fn closes(open: char, close: char) -> bool {
    match open {
        '\u{201E}' => matches!(close, '\u{201C}' | '\u{201D}' | '"'),
        '\u{AB}' => close == '\u{BB}',
        _ => matches!(close, '\u{201D}' | '"'),
    }
}

fn single_mark(
    text: &str,
    i: usize,
    c: char,
    prev: Option<char>,
    next: Option<char>,
) -> Option<Mark> {
    if !matches!(c, '\'' | '\u{2018}' | '\u{2019}') {
        return None;
    }
    let letter = |x: Option<char>| x.is_some_and(char::is_alphanumeric);
    if letter(prev) && letter(next) {
        return None; // didn't, O'Brien
    }
    let rest = &text[i + c.len_utf8()..];
    if opens_after(prev) && letter(next) {
        // The '90s, rock 'n' roll, 'em, 'til: elisions, not quotations.
        let elision = rest.len() >= 3 && rest.as_bytes()[..2].iter().all(u8::is_ascii_digit)
            || ["n'", "n\u{2019}", "em ", "til ", "cause "]
                .iter()
                .any(|e| rest.starts_with(e));
        return (!elision).then_some(Mark::Open);
    }
    if c != '\u{2018}' && !prev.is_none_or(char::is_whitespace) && !letter(next) {
        return Some(Mark::Close);
    }
    None
}

/// Whether `c` is one of the marks [`double_mark`] and [`single_mark`] read.
fn is_mark(c: char) -> bool {
    matches!(
        c,
        '"' | '\''
            | '\u{201C}'
            | '\u{201D}'
            | '\u{201E}'
            | '\u{AB}'
            | '\u{BB}'
            | '\u{2018}'
            | '\u{2019}'
    )
}

fn is_opening_double(c: char, next: Option<char>) -> bool {
    double_mark(c, None, next) == Some(Mark::Open) || c == '\'' && next == Some('\'')
}

/// Every quotation in the document, in text order. Single quotes nested in double ones belong to
/// the outer quote and are not listed.
// Kept apart from its one caller, for V8: see src/analyze.rs.
#[inline(never)]
pub fn find(doc: &Document) -> Vec<Marked> {
    let mut out = Vec::new();
    for (p, paragraph) in doc.paragraphs.iter().enumerate() {
        let next_opens = doc.paragraphs.get(p + 1).is_some_and(|n| {
            let mut chars = doc.slice(n.span).chars();
            let first = chars.next();
            first.is_some_and(|f| is_opening_double(f, chars.next()))
        });
        scan_paragraph(doc.text, paragraph.span, p, next_opens, &mut out);
    }
    out
}

fn scan_paragraph(
    text: &str,
    span: Span,
    paragraph: usize,
    next_opens: bool,
    out: &mut Vec<Marked>,
) {
    let body = &text[span.start..span.end];
    // Open double marks, outermost first: (offset, mark, its length in bytes).
    let mut doubles_open: Vec<(usize, char, usize)> = Vec::new();
    let mut single_open: Vec<usize> = Vec::new();
    let mut doubles: Vec<Marked> = Vec::new();
    let mut singles: Vec<Marked> = Vec::new();
    let mut prev: Option<char> = None;
    let marked = |open: usize, open_len: usize, close: usize, close_len: usize| Marked {
        inner: Span::new(span.start + open + open_len, span.start + close),
        outer: Span::new(span.start + open, span.start + close + close_len),
        paragraph,
        continues: false,
        unclosed: false,
    };
    let bytes = body.as_bytes();
    // "«" and "»" begin with C2, which most paragraphs have none of: the other marks' three
    // first bytes are then searched for with memchr's vectors.
    let guillemets = memchr::memchr(0xC2, bytes).is_some();
    let mut at = 0;
    loop {
        // A char that is no mark ([`is_mark`]) only is the next one's `prev`. Most chars are
        // none: passed over by their bytes up to one that may begin a mark (a straight quote,
        // or the first byte of "«", "»" and the curly quotes), without decoding them.
        let rest = bytes.get(at..).unwrap_or_default();
        let next = if guillemets {
            (rest.iter()).position(|&b| matches!(b, b'"' | b'\'' | 0xC2 | 0xE2))
        } else {
            memchr::memchr3(b'"', b'\'', 0xE2, rest)
        };
        let skip = next.unwrap_or(rest.len());
        if skip > 0 {
            prev = body[..at + skip].chars().next_back();
            at += skip;
        }
        let i = at;
        let Some(mut c) = body[i..].chars().next() else {
            break;
        };
        at += c.len_utf8();
        if !is_mark(c) {
            prev = Some(c);
            continue;
        }
        let mut next = body[at..].chars().next();
        let mut len = c.len_utf8();
        if c == '\'' && next == Some('\'') {
            // Two apostrophes make a double mark, as in the New York Times' archive.
            at += 1;
            next = body[at..].chars().next();
            len = 2;
            c = '"';
        }
        let double = double_mark(c, prev, next);
        if let Some(mark) = double {
            match doubles_open.last().copied() {
                None => {
                    if mark == Mark::Open {
                        single_open.clear();
                        doubles_open.push((i, c, len));
                    }
                }
                Some((o, oc, ol)) => match (c, mark) {
                    // A second straight opener inside a straight quote: the first was stray.
                    ('"', Mark::Open) if oc == '"' => {
                        doubles_open.pop();
                        doubles_open.push((i, c, len));
                    }
                    // A quote inside a quote of another style.
                    ('"', Mark::Open) => doubles_open.push((i, c, len)),
                    (_, Mark::Open) if !closes(oc, c) => doubles_open.push((i, c, len)),
                    _ if closes(oc, c) => {
                        doubles_open.pop();
                        if doubles_open.is_empty() {
                            doubles.push(marked(o, ol, i, len));
                        }
                    }
                    _ => {}
                },
            }
        } else if doubles_open.is_empty() {
            if let Some(mark) = single_mark(body, i, c, prev, next) {
                match mark {
                    Mark::Open => single_open.push(i),
                    Mark::Close => {
                        if let Some(o) = single_open.pop() {
                            let open_len = body[o..].chars().next().map_or(1, char::len_utf8);
                            singles.push(marked(o, open_len, i, c.len_utf8()));
                        }
                    }
                }
            }
        }
        prev = Some(c);
    }
    if let Some(&(o, _, ol)) = doubles_open.first() {
        let mut m = marked(o, ol, body.len(), 0);
        m.continues = next_opens;
        m.unclosed = !next_opens;
        doubles.push(m);
    }
    // A single-quoted span needs a word in it.
    singles.retain(|s| {
        let inner = &text[s.inner.start..s.inner.end];
        inner.chars().filter(|c| c.is_alphanumeric()).count() >= 2
            && !doubles.iter().any(|d| d.outer.overlaps(s.outer))
    });
    let mut all = doubles;
    all.extend(singles);
    all.retain(|m| m.inner.len() > 0);
    crate::sort::by_key(&mut all, |m| m.outer.start);
    out.extend(all);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn quoted(text: &str) -> Vec<&str> {
        let doc = Document::new(text);
        find(&doc)
            .iter()
            .map(|m| &text[m.inner.start..m.inner.end])
            .collect()
    }

    /// The scan passes over chars that are not `is_mark` without asking what they do, and
    /// over the bytes of chars that do not begin as a mark may.
    #[test]
    fn every_char_that_marks_is_a_mark() {
        let around = [None, Some(' '), Some('a'), Some('('), Some('"'), Some('\'')];
        let text = "x".repeat(8);
        for c in (0..0x3000).filter_map(char::from_u32) {
            let first = c.encode_utf8(&mut [0; 4]).as_bytes()[0];
            assert!(!is_mark(c) || matches!(first, b'"' | b'\'' | 0xC2 | 0xE2));
            for prev in around {
                for next in around {
                    let marks = double_mark(c, prev, next).is_some()
                        || single_mark(&format!("{c}{text}"), 0, c, prev, next).is_some();
                    assert!(!marks || is_mark(c), "{c:?}");
                }
            }
        }
    }

    #[test]
    fn straight_and_curly_double_quotes() {
        assert_eq!(
            quoted("\"We won,\" he said. “It was close,” she said, «oui», „ja“."),
            ["We won,", "It was close,", "oui", "ja"]
        );
    }

    #[test]
    fn apostrophes_never_open_a_quote() {
        assert_eq!(
            quoted("We didn't see Hamas' leaders play rock 'n' roll in the '90s, O'Brien said."),
            Vec::<&str>::new()
        );
    }

    #[test]
    fn single_quoted_headline_phrase() {
        assert_eq!(
            quoted("US sees 'cautious optimism' on Gaza; talks 'serious and positive,' Hamas' aide says"),
            ["cautious optimism", "serious and positive,"]
        );
    }

    #[test]
    fn single_inside_double_belongs_to_the_outer_quote() {
        assert_eq!(
            quoted("\"He told me 'no way' twice,\" she said."),
            ["He told me 'no way' twice,"]
        );
    }

    #[test]
    fn two_apostrophes_are_a_double_mark() {
        assert_eq!(
            quoted("''It isn't over,'' she said. ''Not yet.''"),
            ["It isn't over,", "Not yet."]
        );
    }

    #[test]
    fn curly_quote_inside_straight_quote_is_nested() {
        assert_eq!(
            quoted("\"The question: \u{201C}Is it safe?\u{201D} Most said no.\" he said."),
            ["The question: \u{201C}Is it safe?\u{201D} Most said no."]
        );
    }

    #[test]
    fn mixed_straight_and_curly_marks_still_pair() {
        assert_eq!(
            quoted("her \"work-related\u{201D} emails and \u{201C}personal messages.\u{201D}"),
            ["work-related", "personal messages."]
        );
    }

    #[test]
    fn unclosed_paragraph_continues_into_the_next() {
        let text = "\"First part of it.\n\"Second part,\" he said.";
        let doc = Document::new(text);
        let found = find(&doc);
        assert_eq!(found.len(), 2);
        assert!(found[0].continues && !found[0].unclosed);
        assert_eq!(
            &text[found[0].inner.start..found[0].inner.end],
            "First part of it."
        );
    }
}
