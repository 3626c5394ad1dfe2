//! Text geometry: tokens, sentences and paragraphs as byte ranges into the analyzed text, and the
//! one place where byte offsets become UTF-16 offsets.

use crate::lexicons;

/// A half-open byte range into the analyzed text.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Span {
    pub start: usize,
    pub end: usize,
}

impl Span {
    pub fn new(start: usize, end: usize) -> Span {
        Span { start, end }
    }

    pub fn len(self) -> usize {
        self.end - self.start
    }

    pub fn overlaps(self, other: Span) -> bool {
        self.start < other.end && other.start < self.end
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TokenKind {
    Word,
    Number,
    Punct,
}

/// A token in 8 bytes: its start, and its end with the kind in the two high bits. A 10 MB text
/// has about 2 million tokens, the largest structure of its analysis (12 bytes each in wasm, 24
/// natively, with a `Span` and a `TokenKind`), so a `Document` reads at most [`MAX_TEXT`] bytes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Token {
    start: u32,
    end_and_kind: u32,
}

/// The most bytes of text a `Document` reads: the offsets its tokens can hold (1 GiB).
pub const MAX_TEXT: usize = (1 << KIND_SHIFT) - 1;

const KIND_SHIFT: u32 = 30;

impl Token {
    /// A token over `span`, which ends at or before [`MAX_TEXT`].
    fn new(span: Span, kind: TokenKind) -> Token {
        debug_assert!(span.end <= MAX_TEXT);
        let kind = match kind {
            TokenKind::Word => 0,
            TokenKind::Number => 1,
            TokenKind::Punct => 2,
        };
        Token {
            start: span.start as u32,
            end_and_kind: span.end as u32 | kind << KIND_SHIFT,
        }
    }

    pub fn span(self) -> Span {
        let end = self.end_and_kind & ((1 << KIND_SHIFT) - 1);
        Span::new(self.start as usize, end as usize)
    }

    pub fn kind(self) -> TokenKind {
        match self.end_and_kind >> KIND_SHIFT {
            0 => TokenKind::Word,
            1 => TokenKind::Number,
            _ => TokenKind::Punct,
        }
    }
}

/// A sentence: a run of tokens (`tokens` indexes `Document::tokens`) and the byte range it covers.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Sentence {
    pub tokens: std::ops::Range<usize>,
    pub span: Span,
}

/// A paragraph: a line (or lines) of text, and the sentences inside it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Paragraph {
    pub span: Span,
    pub sentences: std::ops::Range<usize>,
}

/// The analyzed text cut into tokens, sentences and paragraphs.
#[derive(Debug)]
pub struct Document<'t> {
    pub text: &'t str,
    pub tokens: Vec<Token>,
    pub sentences: Vec<Sentence>,
    pub paragraphs: Vec<Paragraph>,
    /// For each block of `BLOCK` bytes, the index of the first token starting in it or after it:
    /// `token_from` reads it and steps over a few tokens, where a binary search over the tokens of
    /// a long text missed the cache at every step (12% of the time on 10 MB as one text).
    token_blocks: Vec<usize>,
    /// The same for sentences: for each block of `SENTENCE_BLOCK` bytes, the first sentence that
    /// ends after its start (`sentence_at`, asked for every name and quote).
    sentence_blocks: Vec<usize>,
}

/// The bytes of text a `token_blocks` entry covers: a block holds about a dozen tokens.
const BLOCK: usize = 64;

/// The bytes of text a `sentence_blocks` entry covers: a sentence of news is 100 to 200 bytes.
const SENTENCE_BLOCK: usize = 256;

impl<'t> Document<'t> {
    pub fn new(text: &'t str) -> Document<'t> {
        let paragraph_spans = paragraphs(text, MAX_TEXT);
        // Reserved at once, right after the text: news runs about 5.3 bytes a token (1 MB of
        // articles, 197,823 tokens). Grown by doubling, a 10 MB text's tokens left 1, 2, 4 and
        // 8 MB holes behind them and then needed a free 16 MB range.
        let mut tokens = Vec::with_capacity(text.len() / 5 + 16);
        let mut sentences = Vec::new();
        let mut paragraphs = Vec::with_capacity(paragraph_spans.len());
        for span in paragraph_spans {
            let first_token = tokens.len();
            tokenize_into(text, span, &mut tokens);
            let first_sentence = sentences.len();
            split_sentences(text, &tokens, first_token, &mut sentences);
            paragraphs.push(Paragraph {
                span,
                sentences: first_sentence..sentences.len(),
            });
        }
        let token_blocks = blocks(text.len(), BLOCK, &tokens, |t, at| t.span().start < at);
        let sentence_blocks = blocks(text.len(), SENTENCE_BLOCK, &sentences, |s, at| {
            s.span.end <= at
        });
        Document {
            text,
            tokens,
            sentences,
            paragraphs,
            token_blocks,
            sentence_blocks,
        }
    }

    pub fn token_text(&self, index: usize) -> &'t str {
        let span = self.tokens[index].span();
        &self.text[span.start..span.end]
    }

    pub fn slice(&self, span: Span) -> &'t str {
        &self.text[span.start..span.end]
    }

    /// The index of the sentence holding byte `offset`, if any.
    pub fn sentence_at(&self, offset: usize) -> Option<usize> {
        let mut i = *self.sentence_blocks.get(offset / SENTENCE_BLOCK)?;
        while i < self.sentences.len() && self.sentences[i].span.end <= offset {
            i += 1;
        }
        (i < self.sentences.len() && self.sentences[i].span.start <= offset).then_some(i)
    }

    /// The index of the first token that starts at or after `offset`.
    pub fn token_from(&self, offset: usize) -> usize {
        let Some(&first) = self.token_blocks.get(offset / BLOCK) else {
            return self.tokens.len();
        };
        let mut k = first;
        while k < self.tokens.len() && self.tokens[k].span().start < offset {
            k += 1;
        }
        k
    }
}

/// For each block of `size` bytes of a text `len` bytes long, the index of the first of `items`
/// (in text order) not `before` the block's start.
fn blocks<T>(
    len: usize,
    size: usize,
    items: &[T],
    before: impl Fn(&T, usize) -> bool,
) -> Vec<usize> {
    let mut blocks = Vec::with_capacity(len / size + 1);
    let mut k = 0;
    for block in 0..=len / size {
        while k < items.len() && before(&items[k], block * size) {
            k += 1;
        }
        blocks.push(k);
    }
    blocks
}

/// Paragraphs are the non-blank lines of the text, trimmed. News copy pasted from a page has one
/// paragraph a line; wire copy separates them with blank lines; both come out the same. Those
/// that end after byte `limit` are left out.
fn paragraphs(text: &str, limit: usize) -> Vec<Span> {
    let mut spans = Vec::new();
    let bytes = text.as_bytes();
    let mut line_start = 0;
    // Line ends found among the bytes rather than by decoding every character: in UTF-8, '\n' and
    // '\r' are bytes no other character contains, and U+2029 is E2 80 A9.
    let mut i = 0;
    loop {
        // Stepped to the next byte that may end a line, many bytes a step (memchr's vectors):
        // most bytes end none (the text's end ends the last line).
        let rest = bytes.get(i..).unwrap_or_default();
        i += memchr::memchr3(b'\n', b'\r', 0xE2, rest).unwrap_or(rest.len());
        let end = match bytes.get(i) {
            Some(b'\n' | b'\r') | None => 1,
            Some(0xE2) if bytes.get(i + 1..i + 3) == Some(&[0x80, 0xA9]) => 3,
            _ => {
                i += 1;
                continue;
            }
        };
        let line = &text[line_start..i];
        let trimmed_start = line.len() - line.trim_start().len();
        let trimmed = line.trim();
        if !trimmed.is_empty() {
            let start = line_start + trimmed_start;
            if start + trimmed.len() > limit {
                break;
            }
            spans.push(Span::new(start, start + trimmed.len()));
        }
        line_start = i + end;
        if i >= bytes.len() {
            break;
        }
        i += 1;
    }
    spans
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || is_combining(c)
}

fn is_combining(c: char) -> bool {
    matches!(c, '\u{0300}'..='\u{036F}' | '\u{1AB0}'..='\u{1AFF}' | '\u{20D0}'..='\u{20FF}' | '\u{FE20}'..='\u{FE2F}')
}

fn is_apostrophe(c: char) -> bool {
    c == '\'' || c == '\u{2019}'
}

/// Cuts `span` of `text` into tokens: words (with inner apostrophes and hyphens, and dotted
/// abbreviations such as U.S. or Sept.), numbers (3.5, 1,000, 10:30, 1990s) and single
/// punctuation marks.
// Kept apart from its one caller, for V8: see src/analyze.rs.
#[inline(never)]
fn tokenize_into(text: &str, span: Span, tokens: &mut Vec<Token>) {
    let bytes = &text[..span.end];
    // Most chars are ASCII: taken as their byte, not decoded.
    let at = |i: usize| -> Option<char> {
        match bytes.as_bytes().get(i) {
            Some(&b) if b.is_ascii() => Some(char::from(b)),
            _ => bytes.get(i..).and_then(|s| s.chars().next()),
        }
    };
    // Most of a word is ASCII letters and digits, which are word characters: stepped over a byte
    // at a time rather than decoded.
    let ascii_run = |i: usize| {
        bytes.as_bytes().get(i..).map_or(0, |rest| {
            rest.iter()
                .take_while(|b| b.is_ascii_alphanumeric())
                .count()
        })
    };
    let mut next_start = span.start;
    while let Some(c) = at(next_start) {
        let start = next_start;
        next_start += c.len_utf8();
        if c.is_whitespace() {
            continue;
        }
        if !is_word_char(c) {
            tokens.push(Token::new(
                Span::new(start, start + c.len_utf8()),
                TokenKind::Punct,
            ));
            continue;
        }
        let numeric = c.is_ascii_digit();
        let mut end = start + c.len_utf8();
        loop {
            end += ascii_run(end);
            let Some(next) = at(end) else {
                break;
            };
            // The run stopped at a byte that is no ASCII letter or digit: an ASCII char there
            // is no word char, and only another one is decoded and tested.
            if !next.is_ascii() && is_word_char(next) {
                end += next.len_utf8();
                continue;
            }
            // Read only for the marks that may join: most words end at a space.
            let after = || at(end + next.len_utf8());
            let before = || text[..end].chars().next_back();
            let joins = match next {
                '-' | '\u{2010}' | '&' => after().is_some_and(is_word_char),
                '.' | ',' | ':' if numeric => after().is_some_and(|a| a.is_ascii_digit()),
                '.' => {
                    // Dotted initialisms: U.S., D.C., a.m.
                    after().is_some_and(char::is_alphabetic)
                        && at(end + 2) == Some('.')
                        && before().is_some_and(char::is_alphabetic)
                        && text[start..end]
                            .chars()
                            .filter(|c| c.is_alphabetic())
                            .count()
                            <= 3
                        && text[start..end]
                            .split('.')
                            .all(|part| part.chars().count() == 1)
                }
                c if is_apostrophe(c) => {
                    after().is_some_and(char::is_alphabetic)
                        && before().is_some_and(char::is_alphabetic)
                }
                _ => false,
            };
            if !joins {
                break;
            }
            end += next.len_utf8();
        }
        // A final period belongs to initialisms (U.S.), initials (J.) and known abbreviations (Mr.).
        if at(end) == Some('.') {
            let word = &text[start..end];
            let initialism = word.contains('.');
            let initial = word.chars().count() == 1 && word.chars().all(char::is_uppercase);
            if initialism || initial || lexicons::is_abbreviation(word) {
                end += 1;
            }
        }
        next_start = end;
        let kind = if numeric {
            TokenKind::Number
        } else {
            TokenKind::Word
        };
        tokens.push(Token::new(Span::new(start, end), kind));
    }
}

fn is_sentence_end(c: &str) -> bool {
    matches!(c, "." | "!" | "?" | "\u{2026}")
}

fn is_closer(c: &str) -> bool {
    matches!(
        c,
        "\"" | "'" | "\u{201D}" | "\u{2019}" | ")" | "]" | "\u{BB}"
    )
}

/// Splits the tokens from `first` on into sentences. A sentence ends at `.`, `!`, `?` or `…`
/// (with any closing quotes and brackets) before a word that could start a sentence, and at an
/// abbreviation's period only when a common sentence opener follows ("in the U.S. The ...").
// Kept apart from its one caller, for V8: see src/analyze.rs.
#[inline(never)]
fn split_sentences(text: &str, tokens: &[Token], first: usize, out: &mut Vec<Sentence>) {
    let tok = |i: usize| &text[tokens[i].span().start..tokens[i].span().end];
    let mut start = first;
    let mut i = first;
    while i < tokens.len() {
        let span = tokens[i].span();
        // A token that neither is a sentence's end nor ends with a period, most of them, is
        // ruled out by a byte, not cut out of the text.
        let last = text.as_bytes()[span.end - 1];
        if last != b'.' && !matches!(text.as_bytes()[span.start], b'!' | b'?' | 0xE2) {
            i += 1;
            continue;
        }
        let t = tok(i);
        let mut end = i + 1;
        let boundary = if is_sentence_end(t) {
            // A closing mark hangs on the word before it; one after a space opens what follows.
            while end < tokens.len()
                && (is_sentence_end(tok(end))
                    || is_closer(tok(end))
                        && tokens[end].span().start == tokens[end - 1].span().end)
            {
                end += 1;
            }
            end >= tokens.len() || opens_sentence(tok(end))
        } else if t.ends_with('.') && t.len() > 1 && tokens[i].kind() == TokenKind::Word {
            let word = &t[..t.len() - 1];
            end < tokens.len()
                && !lexicons::is_title_abbreviation(word)
                && word.chars().count() > 1
                && lexicons::is_sentence_opener(tok(end))
        } else {
            false
        };
        if boundary {
            push_sentence(tokens, start..end, out);
            start = end;
        }
        i = end;
    }
    if start < tokens.len() {
        push_sentence(tokens, start..tokens.len(), out);
    }
}

fn opens_sentence(t: &str) -> bool {
    t.chars().next().is_some_and(|c| {
        c.is_uppercase()
            || c.is_numeric()
            || matches!(
                c,
                '"' | '\'' | '\u{201C}' | '\u{2018}' | '(' | '[' | '\u{AB}' | '\u{2014}' | '-'
            )
            || !c.is_alphabetic() && !c.is_ascii_punctuation()
    })
}

fn push_sentence(tokens: &[Token], range: std::ops::Range<usize>, out: &mut Vec<Sentence>) {
    if range.is_empty() {
        return;
    }
    let span = Span::new(
        tokens[range.start].span().start,
        tokens[range.end - 1].span().end,
    );
    out.push(Sentence {
        tokens: range,
        span,
    });
}

/// How offsets are counted in a result.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum Offsets {
    /// Byte offsets into the UTF-8 text, as Rust slices it.
    #[default]
    Bytes,
    /// UTF-16 code units, as JavaScript strings index.
    Utf16,
}

/// Converts byte offsets, each on a character boundary of `text` and in any order, to UTF-16
/// code units, in place. This and [`utf16_to_bytes`] are the only places offsets change units.
pub fn bytes_to_utf16(text: &str, offsets: &mut [usize]) {
    convert(text, offsets, true);
}

/// Converts UTF-16 offsets that fall between characters of `text`, in any order, to byte
/// offsets, in place.
pub fn utf16_to_bytes(text: &str, offsets: &mut [usize]) {
    convert(text, offsets, false);
}

/// How many UTF-16 code units the UTF-8 `bytes` (whole chars) make: counted without decoding,
/// each char one unit at its first byte (any byte but a continuation byte), two if it takes four
/// bytes.
pub(crate) fn utf16_len(bytes: &[u8]) -> usize {
    // Most stretches are ASCII, a unit a byte, which `is_ascii` tells several bytes at a time.
    if bytes.is_ascii() {
        return bytes.len();
    }
    (bytes.iter())
        .map(|&b| usize::from(b & 0xC0 != 0x80) + usize::from(b >= 0xF0))
        .sum()
}

/// One pass over the text in the offsets' sorted order, each converted where it stands: no
/// table to search afterwards (a bisection per offset, a cache miss at each step, was a growing
/// part of an analysis as the text grew).
fn convert(text: &str, offsets: &mut [usize], from_bytes: bool) {
    let mut order: Vec<(usize, usize)> = offsets.iter().copied().zip(0..).collect();
    order.sort_unstable();
    let (mut bytes, mut units) = (0, 0);
    if from_bytes {
        let all = text.as_bytes();
        for (offset, i) in order {
            let end = offset.clamp(bytes, all.len());
            units += utf16_len(&all[bytes..end]);
            bytes = end;
            if let Some(o) = offsets.get_mut(i) {
                *o = units;
            }
        }
        return;
    }
    // From UTF-16 units, the chars are decoded: a unit offset says nothing about the bytes.
    let mut chars = text.chars();
    for (offset, i) in order {
        while units < offset {
            let Some(c) = chars.next() else { break };
            bytes += c.len_utf8();
            units += c.len_utf16();
        }
        if let Some(o) = offsets.get_mut(i) {
            *o = bytes;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// A token keeps its span and kind up to the largest offset a `Document` reads.
    #[test]
    fn a_token_keeps_its_span_and_kind_up_to_the_limit() {
        for kind in [TokenKind::Word, TokenKind::Number, TokenKind::Punct] {
            for span in [
                Span::new(0, 0),
                Span::new(7, 12),
                Span::new(MAX_TEXT - 3, MAX_TEXT),
            ] {
                let token = Token::new(span, kind);
                assert_eq!((token.span(), token.kind()), (span, kind));
            }
        }
    }

    /// Past the limit, paragraphs are left out rather than given offsets a token cannot hold.
    #[test]
    fn paragraphs_ending_past_the_limit_are_left_out() {
        let text = "One.\nTwo words.\n\nThree.";
        let texts = |limit| -> Vec<&str> {
            paragraphs(text, limit)
                .into_iter()
                .map(|s| &text[s.start..s.end])
                .collect()
        };
        assert_eq!(texts(text.len()), ["One.", "Two words.", "Three."]);
        assert_eq!(texts(15), ["One.", "Two words."]);
        assert_eq!(texts(14), ["One."]);
    }

    proptest! {
        // Runs of punctuation longer than a block, multibyte characters, blank lines.
        #[test]
        fn token_from_is_the_first_token_at_or_after_the_offset(
            text in "([a-zA-Z]{1,9}|[ .,!?\"'-]{1,80}|\n\n|é|😀|\u{2019}){0,80}",
        ) {
            let doc = Document::new(&text);
            for offset in 0..text.len() + 3 {
                let first = doc.tokens.partition_point(|t| t.span().start < offset);
                prop_assert_eq!(doc.token_from(offset), first, "offset {}", offset);
            }
        }

        // Sentences of a few bytes to a few blocks, and offsets between and after them.
        #[test]
        fn sentence_at_is_the_sentence_holding_the_offset(
            text in "([a-zA-Z]{1,9} |[.!?]{1,3} |[a-z ]{200,400}|\n\n|é|\u{2019}){0,40}",
        ) {
            let doc = Document::new(&text);
            for offset in 0..text.len() + 300 {
                let i = doc.sentences.partition_point(|s| s.span.end <= offset);
                let holding = doc.sentences.get(i).filter(|s| s.span.start <= offset).map(|_| i);
                prop_assert_eq!(doc.sentence_at(offset), holding, "offset {}", offset);
            }
        }
    }

    fn words(text: &str) -> Vec<&str> {
        let doc = Document::new(text);
        (0..doc.tokens.len()).map(|i| doc.token_text(i)).collect()
    }

    fn sentences(text: &str) -> Vec<&str> {
        let doc = Document::new(text);
        doc.sentences.iter().map(|s| doc.slice(s.span)).collect()
    }

    #[test]
    fn tokens_keep_initialisms_decimals_and_contractions_whole() {
        assert_eq!(
            words("The U.S. paid $3.5 billion; we didn't, Mr. Smith's 14-month war."),
            [
                "The", "U.S.", "paid", "$", "3.5", "billion", ";", "we", "didn't", ",", "Mr.",
                "Smith's", "14-month", "war", "."
            ]
        );
    }

    #[test]
    fn straight_quote_after_a_space_opens_the_next_sentence() {
        assert_eq!(
            sentences("He wrote a letter. \"This is history,\" he said. \"Yes.\""),
            [
                "He wrote a letter.",
                "\"This is history,\" he said.",
                "\"Yes.\""
            ]
        );
    }

    #[test]
    fn sentences_do_not_end_at_titles_initials_or_months() {
        assert_eq!(
            sentences("Mr. J. Smith left on Sept. 4. He said so. Then he went."),
            [
                "Mr. J. Smith left on Sept. 4.",
                "He said so.",
                "Then he went."
            ]
        );
    }

    #[test]
    fn sentence_ends_after_initialism_before_an_opener() {
        assert_eq!(
            sentences("He flew to the U.S. The trip was long. The U.S. Army came."),
            [
                "He flew to the U.S.",
                "The trip was long.",
                "The U.S. Army came."
            ]
        );
    }

    #[test]
    fn closing_quote_stays_with_its_sentence() {
        assert_eq!(
            sentences("\"We won.\" She smiled. Is it true?\" he asked."),
            ["\"We won.\"", "She smiled.", "Is it true?\" he asked."]
        );
    }

    #[test]
    fn each_line_is_a_paragraph() {
        let doc = Document::new("One.\r\n\r\n  Two. Three.\rFour");
        let paragraphs: Vec<_> = doc.paragraphs.iter().map(|p| doc.slice(p.span)).collect();
        assert_eq!(paragraphs, ["One.", "Two. Three.", "Four"]);
        assert_eq!(doc.paragraphs[1].sentences, 1..3);
        // The paragraph separator, and characters of the same lead byte (U+2028, U+2026).
        let text = "Été\u{2029}\u{2029} Un\u{2028}deux\u{2026}\u{2029}trois\u{2029}";
        let paragraphs: Vec<_> = (Document::new(text).paragraphs.iter())
            .map(|p| &text[p.span.start..p.span.end])
            .collect();
        assert_eq!(paragraphs, ["Été", "Un\u{2028}deux\u{2026}", "trois"]);
    }

    #[test]
    fn utf16_offsets_count_surrogate_pairs_twice() {
        let text = "a😀é b";
        let mut offsets = [text.len(), 0, 5, 5];
        bytes_to_utf16(text, &mut offsets);
        assert_eq!(offsets, [6, 0, 3, 3]);
        utf16_to_bytes(text, &mut offsets);
        assert_eq!(offsets, [text.len(), 0, 5, 5]);
    }
}
