//! The pipeline: text to tokens, entities, quotes and places, in that order.
//!
//! Some of its stages, each called from one place, are marked `#[inline(never)]`: inlined into
//! their callers, they made functions of 20 to 45 KB of WebAssembly. V8 compiles a function that
//! has run for a while a second time, with its optimizing compiler, on other threads, in time
//! that grows faster than the function's size (`quotes::find` at 45 KB took 0.4-0.6 s of a core
//! on this project's 2-core machine); on the page's cold load that compiling shares the cores
//! with the first analysis and its drawing. Apart, the browser spent about a tenth less CPU time
//! on a cold load, with the same instructions per analysis natively and in the wasm.
//!
//! "A while" is measured by the size of the code run: each turn of a loop counts the whole of the
//! loop's body, taken or not. So rare work inside a loop that runs for every word is kept out of
//! it, or the loop's function is optimized during the first analysis (`dates::find`, with every
//! date form inside its loop, was compiled again in each cold load, for 65-113 ms of a core).

use crate::analysis::{Analysis, EntityType};
use std::ops::Range;

use crate::dates::DateMention;
use crate::entities::{self, Candidate};
use crate::ner::{self, Class};
use crate::text::{Document, Offsets, Span};
use crate::{dates, lexicons, places, quotes};

/// How to analyze.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct Options {
    /// How offsets are counted in the result: bytes (for slicing the `&str` in Rust) or UTF-16
    /// code units (for JavaScript strings, and in the JSON).
    pub offsets: Offsets,
}

impl Options {
    pub fn offsets(mut self, offsets: Offsets) -> Options {
        self.offsets = offsets;
        self
    }
}

/// Builds one of the analyzer's start-up tables, which its first analysis would build all at once
/// (about 39 M instructions natively): `step` 0, 1, 2 in turn, so that a page can spread them over
/// idle periods of its main thread. Says whether `step` was one.
#[cfg(target_arch = "wasm32")]
pub(crate) fn prepare(step: u32) -> bool {
    match step {
        0 => drop(crate::gazetteer::lookup("Paris")),
        1 => ner::prepare_words(),
        2 => drop(ner::model()),
        _ => return false,
    }
    true
}

/// Analyzes one article with byte offsets. Never fails: any text has an analysis, if only an
/// empty one.
pub fn analyze(text: &str) -> Analysis {
    analyze_with(text, &Options::default())
}

/// Analyzes one article as `options` say. Of a text longer than [`MAX_TEXT`](crate::MAX_TEXT)
/// (1 GiB), the paragraphs that end past it are not read (the command line refuses such a text).
pub fn analyze_with(text: &str, options: &Options) -> Analysis {
    let doc = Document::new(text);
    let mut candidates = tagged_mentions(&doc);
    places::recognize(&doc, &mut candidates);
    let found_dates = dates::find(text);
    candidates.retain(|c| date_overlapping(&found_dates, c.span).is_none());
    candidates.extend(found_dates.iter().map(|d| Candidate {
        span: d.span,
        kind: EntityType::Date,
    }));
    let mut entities = entities::resolve(&doc, &candidates);
    for entity in &mut entities.list {
        if entity.kind == EntityType::Date {
            entity.iso = entity.mentions.iter().find_map(|m| {
                let span = Span::new(m.start, m.end);
                date_overlapping(&found_dates, span)
                    .filter(|d| d.span == span)
                    .and_then(|d| d.iso.clone())
            });
        }
    }
    let found = quotes::find(&doc, &entities);
    let quoted: Vec<usize> = found
        .quotes
        .iter()
        .filter_map(|q| q.speaker.as_ref()?.entity_id)
        .collect();
    let mut list = entities.list;
    entities::sort_by_salience(&mut list, &quoted, text.len());
    let places = places::locate(&doc, &list);
    let analysis = Analysis {
        quotes: found.quotes,
        reported: found.reported,
        entities: list,
        places,
        warnings: found.warnings,
        offsets: Offsets::Bytes,
    }
    .with_offsets(text, options.offsets);
    if text.len() > LONG_TEXT {
        forget_caches();
    }
    analysis
}

/// The length of text (4 MiB) after which [`forget_caches`] is called: a book, or a batch pasted
/// as one, where an article is a few kilobytes. A 1 MB text keeps them: analyzed again, it took
/// 5% more instructions without them.
const LONG_TEXT: usize = 1 << 22;

/// Drops what analyses remember from one text to the next on this thread (the names looked up,
/// the tagger's words). Grown while a long text was analyzed, they would sit amid the memory its
/// analysis used and freed, and split it: the wasm's memory, which only grows, went from 89.8 to
/// 105.8 MB at the next 10 MB text, which found no free range for its 16 MB of tokens.
fn forget_caches() {
    ner::forget_words();
    crate::gazetteer::forget_lookups();
}

/// The date that overlaps `span`, if any, by binary search: `dates` are in text order and do not
/// overlap, as [`dates::find`] returns them (a linear scan per mention is quadratic in long texts).
fn date_overlapping(dates: &[DateMention], span: Span) -> Option<&DateMention> {
    let first = dates.partition_point(|d| d.span.end <= span.start);
    dates.get(first).filter(|d| d.span.overlaps(span))
}

/// How many tokens the tagger sees at once, at most (unless one paragraph has more): far more than
/// the longest news article has.
const TAGGER_WINDOW: usize = 25_000;

/// The most tokens the tagger reads as one sentence. A "sentence" the splitter could not cut
/// (100,000 quotation marks, 10,000 words without a full stop) is read in pieces of this many
/// tokens: no sentence of an article is near that long, and the tagger's path scores, summed
/// over tens of thousands of tokens, overflow (in a build with overflow checks, a panic).
const TAGGER_SENTENCE: usize = 1_000;

/// The tagger's entities as typed spans of the text. A text longer than the tagger's window (a
/// book, or many articles pasted as one) is tagged a window of whole paragraphs at a time: what
/// the tagger reads from the rest of the document (how a word is written and tagged elsewhere)
/// is about one article, and its features for every token of a 10 MB text at once would take
/// gigabytes.
// Kept apart from its one caller, for V8: see the module's doc.
#[inline(never)]
fn tagged_mentions(doc: &Document) -> Vec<Candidate> {
    let mut out = Vec::new();
    for window in windows(doc, TAGGER_WINDOW) {
        let Some(window) = doc.sentences.get(window) else {
            continue;
        };
        // A piece without a letter or a digit (a line of stars, a run of quotation marks) holds
        // no name, and would cost the tagger as much as words do.
        let pieces: Vec<Range<usize>> = window
            .iter()
            .flat_map(|s| pieces(s.tokens.clone(), TAGGER_SENTENCE))
            .filter(|p| {
                p.clone()
                    .any(|t| doc.token_text(t).chars().any(char::is_alphanumeric))
            })
            .collect();
        let sentences: Vec<Vec<&str>> = pieces
            .iter()
            .map(|p| p.clone().map(|t| doc.token_text(t)).collect())
            .collect();
        for (k, chunk) in ner::document_chunks(&sentences) {
            let Some(piece) = pieces.get(k) else {
                continue;
            };
            let first = piece.start + chunk.start;
            let last = piece.start + chunk.end - 1;
            let span = Span::new(doc.tokens[first].span().start, doc.tokens[last].span().end);
            let text = doc.slice(span);
            if !text.chars().any(char::is_alphanumeric) {
                // Quotation marks, dashes, stars: no name, whatever the tagger says.
                continue;
            }
            let kind = match chunk.class {
                Class::Per => EntityType::Person,
                Class::Org => EntityType::Org,
                Class::Loc => EntityType::Place,
                Class::Misc if lexicons::is_demonym(text) => EntityType::Norp,
                Class::Misc => EntityType::Misc,
            };
            out.push(Candidate { span, kind });
        }
    }
    out
}

/// `tokens` in consecutive pieces of at most `size` (all of it, if it has no more).
fn pieces(tokens: Range<usize>, size: usize) -> impl Iterator<Item = Range<usize>> {
    let end = tokens.end;
    tokens
        .clone()
        .step_by(size.max(1))
        .map(move |start| start..end.min(start.saturating_add(size)))
}

/// The document's sentences in runs of whole paragraphs of at most `size` tokens (or one
/// paragraph, if it alone has more).
fn windows(doc: &Document, size: usize) -> Vec<Range<usize>> {
    let mut out: Vec<Range<usize>> = Vec::new();
    let mut tokens = 0;
    for paragraph in &doc.paragraphs {
        let sentences = paragraph.sentences.clone();
        let count: usize = doc
            .sentences
            .get(sentences.clone())
            .map_or(0, |s| s.iter().map(|s| s.tokens.len()).sum());
        match out.last_mut() {
            Some(last) if tokens + count <= size => {
                last.end = sentences.end;
                tokens += count;
            }
            _ => {
                out.push(sentences);
                tokens = count;
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Regression: the names looked up and the words read while a 10 MB text was analyzed stayed
    /// amid the memory it freed; the next 10 MB text found no free range for its tokens and the
    /// wasm's memory grew from 89.8 to 105.8 MB.
    #[test]
    fn forgotten_caches_hold_nothing() {
        analyze("Ann Lee flew from Paris to Berlin.");
        assert!(crate::gazetteer::remembered() > 0);
        assert!(ner::words_kept() > 0);
        forget_caches();
        assert_eq!(crate::gazetteer::remembered(), 0);
        assert_eq!(ner::words_kept(), 0);
        let a = analyze("Ann Lee flew from Paris to Berlin.");
        assert!(a.places.iter().any(|p| p.name == "Berlin"));
        assert!(crate::gazetteer::remembered() > 0);
    }

    /// Regression: in a sentence of more than about 25,000 tokens the tagger's path scores
    /// overflowed (a panic with overflow checks; without them, wrapped scores tagged runs of
    /// quotation marks as people and places, `"` a person 5,446 times in 50,000 marks, and each
    /// such mention went through entities and places, slowly).
    #[test]
    fn an_endless_sentence_of_quotation_marks_has_no_names() {
        for text in [
            "\"".repeat(26_000),
            "\u{201C}a\u{201D} \"b\" '".repeat(4_000),
        ] {
            let a = analyze(&text);
            for e in &a.entities {
                assert!(e.name.chars().any(char::is_alphanumeric), "{e:?}");
            }
        }
        let a = analyze(&"\"Fine,\" said Ann Lee. \"\"\" -- *** \"\"\" ".repeat(200));
        assert!(
            a.entities.iter().any(|e| e.name == "Ann Lee"),
            "{:?}",
            a.entities
        );
    }

    #[test]
    fn a_sentence_too_long_for_the_tagger_is_read_in_pieces() {
        let cut: Vec<Range<usize>> = pieces(5..2_507, 1_000).collect();
        assert_eq!(cut, vec![5..1_005, 1_005..2_005, 2_005..2_507]);
        assert_eq!(pieces(3..3, 1_000).count(), 0);
        assert_eq!(pieces(0..1_000, 1_000).collect::<Vec<_>>(), vec![0..1_000]);
    }

    #[test]
    fn a_long_text_is_tagged_in_windows_of_whole_paragraphs() {
        let text = "Maria Lopez met Tom Hill.\n\nHe went to Paris. It rained.\n\nLopez left.";
        let doc = Document::new(text);
        let whole = windows(&doc, 1000);
        assert_eq!(whole.len(), 1);
        assert_eq!((whole[0].start, whole[0].end), (0, doc.sentences.len()));
        let small = windows(&doc, 8);
        assert_eq!(small.len(), 3);
        for pair in small.windows(2) {
            assert_eq!(pair[0].end, pair[1].start);
        }
        assert_eq!(small.last().map(|w| w.end), Some(doc.sentences.len()));
    }
}
