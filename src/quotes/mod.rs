//! Who said what: direct quotations with their speakers and cues, and reported speech.
//!
//! Quotes are found by their marks (`marks`). Each is attributed first within its own sentence,
//! by the layouts of `layouts` (`“…,” X said`, `X said: “…”`, `according to X`, ...), whose cues
//! and speaker phrases `phrases` reads; then, failing that, from its surroundings: the quote
//! before it in the paragraph, the paragraph it runs on into, a paragraph ending in a colon, a
//! paragraph quoting someone just before, the sentence before. `resolve` turns the speaker
//! phrase into a name (pronouns, surnames, descriptions), and every quote carries the `Rule`
//! that attributed it, so a reader can see why.

mod context;
mod layouts;
mod marks;
mod phrases;
mod reported;
mod resolve;

use rustc_hash::FxHashMap;

use crate::analysis::{Mention, Quote, QuoteKind, Reported, Rule, Warning, WarningKind};
use crate::entities::Entities;
use crate::text::{Document, Span};
use context::{Attributed, Quotes};
use layouts::{Attribution, Place};
use phrases::Tokens;
use resolve::{Resolver, Who};

/// The quotations, reported speech and warnings of a document.
#[derive(Debug, Default)]
pub struct Found {
    pub quotes: Vec<Quote>,
    pub reported: Vec<Reported>,
    pub warnings: Vec<Warning>,
}

/// Finds the quotes and reported speech of `doc`, naming speakers by `entities`.
pub fn find(doc: &Document, entities: &Entities) -> Found {
    let marked = marks::find(doc);
    let mut quoted = vec![false; doc.tokens.len()];
    for m in &marked {
        let first = doc.token_from(m.outer.start);
        for (t, q) in quoted.iter_mut().enumerate().skip(first) {
            if doc.tokens[t].span().start >= m.outer.end {
                break;
            }
            *q = true;
        }
    }
    let tokens = Tokens::new(doc, &quoted);
    let places: Vec<Option<Place>> = marked.iter().map(|m| place(doc, m)).collect();
    let kinds: Vec<QuoteKind> = places
        .iter()
        .map(|p| p.map_or(QuoteKind::Full, |p| kind_of(&tokens, p)))
        .collect();
    let found: Vec<Option<Attribution>> = places
        .iter()
        .zip(&kinds)
        .map(|(p, &kind)| in_sentence(&tokens, (*p)?, kind))
        .collect();
    let mut resolver = Resolver::new(&tokens, entities);
    let mut attributed = resolve_in_order(doc, &mut resolver, &found);
    let quotes = Quotes {
        marked: &marked,
        places: &places,
        kinds: &kinds,
    };
    context::attribute(&tokens, &mut resolver, &quotes, &mut attributed);
    let mut out = Found::default();
    for (((m, &kind), place), attribution) in marked.iter().zip(&kinds).zip(&places).zip(attributed)
    {
        // A speech verb that leads into the quote or follows it says someone says it.
        let said = attribution.as_ref().is_some_and(|a| {
            a.cue.is_some()
                && matches!(
                    a.rule,
                    Rule::AfterQuote | Rule::BeforeQuote | Rule::AccordingTo | Rule::Colon
                )
        });
        let short = doc.slice(m.inner).split_whitespace().count() <= 3;
        let so_called = place.is_some_and(|p| {
            p.open > 0 && tokens.word(p.open - 1).eq_ignore_ascii_case("so-called")
        });
        let named = place.is_some_and(|p| is_title(&tokens, m, p));
        let unsaid = attribution.is_none() && short || named && !said || so_called;
        if kind == QuoteKind::Partial && unsaid {
            // A scare-quoted term or a title that nobody is saying.
            continue;
        }
        if m.unclosed {
            out.warnings.push(Warning {
                kind: WarningKind::UnclosedQuote,
                message: "this quotation mark opens a quote that is never closed".into(),
                start: m.outer.start,
                end: m.outer.start + doc.slice(m.outer).chars().next().map_or(0, char::len_utf8),
            });
        }
        out.quotes.push(Quote {
            text: doc.slice(m.inner).to_owned(),
            start: m.inner.start,
            end: m.inner.end,
            kind,
            speaker: attribution
                .as_ref()
                .map(|a| a.who.speaker(doc.text, Some(a.who.mention))),
            cue: attribution
                .as_ref()
                .and_then(|a| a.cue)
                .map(|c| Mention::new(doc.text, c)),
            rule: attribution
                .as_ref()
                .map(|a| a.rule.explanation().to_owned()),
            rule_id: attribution.as_ref().map(|a| a.rule),
        });
    }
    out.reported = reported::find(&tokens, &mut resolver);
    out
}

/// How many tokens before and after a quote its attribution may look at.
const NEAR: usize = 200;

/// Where a quote sits among the tokens and sentences.
fn place(doc: &Document, m: &marks::Marked) -> Option<Place> {
    let open = doc.token_from(m.outer.start);
    let after = doc.token_from(m.outer.end);
    // The sentence of the quoted words: an opening mark may have been read as closing the
    // sentence before.
    let opening = doc.sentence_at(m.inner.start)?;
    let closing = doc
        .sentence_at(m.outer.end.saturating_sub(1))
        .unwrap_or(opening);
    let paragraph = doc.paragraphs.get(m.paragraph)?;
    let paragraph_end = doc
        .sentences
        .get(paragraph.sentences.end.checked_sub(1)?)?
        .tokens
        .end;
    // The layouts look this far around the quote at most: a "sentence" the splitter could not
    // cut (100,000 quotation marks, a text without a full stop) would make every quote's
    // attribution scan it all.
    let near = |t: usize| t.clamp(open.saturating_sub(NEAR), after.saturating_add(NEAR));
    (open < doc.tokens.len()).then(|| Place {
        sentence_start: near(doc.sentences[opening].tokens.start.min(open)),
        open,
        after,
        sentence_end: near(doc.sentences[closing].tokens.end.max(after)),
        paragraph_end: near(paragraph_end.max(after)),
        comma_inside: doc.slice(m.inner).trim_end().ends_with(','),
    })
}

/// The layouts within the quote's sentence, in the order its kind makes likely.
// Kept apart from its one caller, for V8: see src/analyze.rs.
#[inline(never)]
fn in_sentence(tokens: &Tokens, place: Place, kind: QuoteKind) -> Option<Attribution> {
    let after = layouts::after_quote(tokens, place);
    // `“…,” the White House said.` and `“…,” according to Reuters` name the speaker even of a
    // quote the writer's words lead into.
    let closing = after.filter(|a| {
        a.rule == Rule::AccordingTo
            || place.comma_inside
            || place.after < tokens.doc.tokens.len() && tokens.word(place.after) == ","
    });
    let before = || layouts::before_quote(tokens, place);
    let aside = || layouts::aside(tokens, place);
    if let Some(a) =
        layouts::transcript(tokens, place).or_else(|| layouts::according_to(tokens, place))
    {
        return Some(a);
    }
    match kind {
        QuoteKind::Full => after.or_else(before),
        QuoteKind::Partial => closing.or_else(before).or(after),
    }
    .or_else(|| layouts::colon(tokens, place))
    .or_else(|| layouts::dash(tokens, place))
    .or_else(aside)
}

/// Resolves the in-sentence attributions in the order their speakers appear, so that pronouns
/// see the speakers before them.
// Kept apart from its one caller, for V8: see src/analyze.rs.
#[inline(never)]
fn resolve_in_order(
    doc: &Document,
    resolver: &mut Resolver,
    found: &[Option<Attribution>],
) -> Vec<Option<Attributed>> {
    let mut order: Vec<usize> = (0..found.len()).filter(|&i| found[i].is_some()).collect();
    crate::sort::by_key(&mut order, |&i| found[i].map(|a| a.speaker.start));
    let mut by_phrase: FxHashMap<usize, Who> = FxHashMap::default();
    let mut out = vec![None; found.len()];
    for i in order {
        let Some(a) = found[i] else { continue };
        let who = by_phrase
            .entry(a.speaker.start)
            .or_insert_with(|| resolver.resolve(a.speaker))
            .clone();
        let cue = a.cue.map(|(first, last)| {
            Span::new(doc.tokens[first].span().start, doc.tokens[last].span().end)
        });
        out[i] = Some(Attributed {
            who,
            cue,
            rule: a.rule,
        });
    }
    out
}

/// A title: the name of a show, book or film, in capitals after `on`, `in`, `titled` (`on
/// “Meet the Press,”`, `a book titled “The Art of the Deal”`).
fn is_title(tokens: &Tokens, m: &marks::Marked, place: Place) -> bool {
    let before = place
        .open
        .checked_sub(1)
        .map(|t| crate::lexicons::lowercase(tokens.word(t)));
    let words = (tokens.doc.slice(m.inner))
        .split(|c: char| c.is_whitespace() || c == '-')
        .filter(|w| w.chars().filter(|c| c.is_alphabetic()).count() >= 4);
    // One to eight such words, all capitalized: read without a list of them.
    let capitals = words
        .take(9)
        .try_fold(0, |n, w| w.starts_with(char::is_uppercase).then_some(n + 1))
        .is_some_and(|n| (1..=8).contains(&n));
    capitals
        && matches!(
            before.as_deref(),
            Some(
                "on" | "in"
                    | "of"
                    | "titled"
                    | "entitled"
                    | "named"
                    | "dubbed"
                    | "film"
                    | "book"
                    | "show"
                    | "program"
                    | "column"
                    | "song"
            )
        )
}

/// A quote is partial when the writer's own words lead into it within its sentence (other than
/// an attribution ending in a colon or comma).
fn kind_of(tokens: &Tokens, place: Place) -> QuoteKind {
    let from = place.sentence_start.max(place.open.saturating_sub(60));
    let before: Vec<usize> = (from..place.open).filter(|&t| !tokens.quoted[t]).collect();
    let words = |t: &usize| tokens.word(*t).chars().any(char::is_alphanumeric);
    let (Some(&last), true) = (before.last(), before.iter().any(words)) else {
        return QuoteKind::Full;
    };
    let lead_in =
        matches!(tokens.word(last), ":" | ",") && before.iter().any(|&t| tokens.cue(t).is_some());
    if lead_in || tokens.word(last) == ":" {
        QuoteKind::Full
    } else {
        QuoteKind::Partial
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Regression: 40,000 quotes in one sentence (no full stop anywhere) took 13 s, each quote's
    /// layouts scanning the whole sentence.
    #[test]
    fn quotes_in_an_endless_sentence_look_only_near_themselves() {
        let text = "\u{201C}a\u{201D} \"b\" ".repeat(2000);
        let doc = Document::new(&text);
        let marked = marks::find(&doc);
        assert!(marked.len() > 3000, "{}", marked.len());
        for m in &marked {
            let p = place(&doc, m).expect("each quote has a place");
            assert!(p.sentence_start + NEAR >= p.open, "{p:?}");
            assert!(p.sentence_end <= p.after + NEAR && p.paragraph_end <= p.after + NEAR);
            assert!(p.sentence_start <= p.open && p.after <= p.sentence_end);
        }
    }
}
