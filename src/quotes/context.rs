//! Attribution from a quote's surroundings, for a quote its own sentence does not attribute: the
//! paragraph before introducing it (`X said:`), an earlier quote of its paragraph, the quote it
//! runs on from or into across paragraphs, the subject of its sentence (for a fragment), a
//! paragraph quoting someone just before, the sentence before.

use std::collections::BTreeSet;

use super::layouts::Place;
use super::marks::Marked;
use super::phrases::{Phrase, PhraseKind, Tokens};
use super::resolve::{Resolver, Who};
use crate::analysis::{EntityType, QuoteKind, Rule};
use crate::entities::Entities;
use crate::lexicons;
use crate::text::Span;

/// How many quotes back a quote's speaker is looked for (a paragraph of thousands of quotes would
/// make the search quadratic).
const QUOTES_BACK: usize = 50;

/// A quote's speaker as resolved, the cue, and the rule that found them.
#[derive(Clone, Debug)]
pub struct Attributed {
    pub who: Who,
    pub cue: Option<Span>,
    pub rule: Rule,
}

/// The quotes of a document, as the context rules see them.
pub struct Quotes<'q> {
    pub marked: &'q [Marked],
    pub places: &'q [Option<Place>],
    pub kinds: &'q [QuoteKind],
}

/// Attributes, in text order, each quote that its sentence did not.
// Kept apart from its one caller, for V8: see src/analyze.rs.
#[inline(never)]
pub fn attribute(
    tokens: &Tokens,
    resolver: &mut Resolver,
    quotes: &Quotes,
    attributed: &mut [Option<Attributed>],
) {
    // The tokens that are cues of attributed quotes: speech that is accounted for.
    let mut used: BTreeSet<usize> = attributed
        .iter()
        .flatten()
        .filter_map(|a| a.cue.map(|c| tokens.doc.token_from(c.start)))
        .collect();
    for i in 0..attributed.len() {
        if attributed[i].is_none() {
            attributed[i] = from_context(tokens, resolver, quotes, attributed, &used, i);
            if let Some(cue) = attributed[i].as_ref().and_then(|a| a.cue) {
                used.insert(tokens.doc.token_from(cue.start));
            }
        }
    }
}

/// A quote not attributed in its sentence, attributed from what comes before it.
fn from_context(
    tokens: &Tokens,
    resolver: &mut Resolver,
    quotes: &Quotes,
    attributed: &[Option<Attributed>],
    used: &BTreeSet<usize>,
    i: usize,
) -> Option<Attributed> {
    let (marked, places, kinds) = (quotes.marked, quotes.places, quotes.kinds);
    let doc = tokens.doc;
    let m = &marked[i];
    let place = places[i]?;
    let sentence = doc.sentence_at(m.outer.start)?;
    let paragraph = &doc.paragraphs[m.paragraph];
    let opens_paragraph = m.outer.start == paragraph.span.start;
    let opens_sentence = place.open == place.sentence_start;
    let carry = |a: &Attributed, rule: Rule| Attributed {
        who: a.who.clone(),
        cue: None,
        rule,
    };
    if opens_paragraph && m.paragraph > 0 {
        if let Some(a) = introduced_before(tokens, resolver, m.paragraph - 1) {
            return Some(a);
        }
    }
    let before_sentence = sentence_before(tokens, sentence, paragraph.sentences.start);
    // The nearest earlier quote of this paragraph with a speaker, unless someone else is
    // said to speak between the two.
    let earlier = (0..i)
        .rev()
        .take(QUOTES_BACK)
        .take_while(|&j| marked[j].paragraph == m.paragraph)
        .find_map(|j| Some((j, attributed[j].as_ref()?)));
    if let Some((j, a)) = earlier {
        let from = doc.token_from(marked[j].outer.end);
        let someone_else = (from..place.open).any(|t| {
            !used.contains(&t)
                && tokens.cue(t).is_some()
                && doc
                    .sentence_at(doc.tokens[t].span().start)
                    .and_then(|s| tokens.subject_before(t, doc.sentences[s].tokens.start))
                    .is_some()
        });
        if !someone_else && (opens_sentence || kinds[i] == QuoteKind::Full) {
            return Some(carry(a, Rule::SameParagraph));
        }
    }
    // The quote before ran on into this paragraph: the same speaker's.
    if let Some(a) = i
        .checked_sub(1)
        .filter(|&j| marked[j].continues && marked[j].paragraph + 1 == m.paragraph)
        .and_then(|j| attributed[j].as_ref())
    {
        return Some(carry(a, Rule::FollowsQuote));
    }
    if m.continues {
        // A quote left open at its paragraph's end runs on into the next: the speaker named
        // where it ends.
        let mut j = i;
        while j + 1 < marked.len() && marked[j].continues && j < i + 5 {
            j += 1;
            if let Some(a) = &attributed[j] {
                return Some(Attributed {
                    rule: Rule::RunsOn,
                    ..a.clone()
                });
            }
        }
    }
    if kinds[i] != QuoteKind::Full {
        // A fragment in a sentence about someone: `Mr. Bush praised his brother's “faith”`.
        let subject = tokens
            .sentence_subject(place.sentence_start, place.open)
            .filter(|p| is_subject_speaker(tokens, resolver.entities, *p))?;
        let who = resolver.resolve(subject);
        return Some(Attributed {
            who,
            cue: None,
            rule: Rule::Subject,
        });
    }
    if opens_paragraph && m.paragraph > 0 {
        let previous = (0..i)
            .rev()
            .take(QUOTES_BACK)
            .skip_while(|&j| marked[j].paragraph == m.paragraph)
            .take_while(|&j| marked[j].paragraph + 1 == m.paragraph)
            .find_map(|j| attributed[j].as_ref());
        if let Some(a) = previous {
            return Some(carry(a, Rule::FollowsQuote));
        }
    }
    let floor = if opens_paragraph {
        0
    } else {
        paragraph.sentences.start
    };
    if let Some((cue, phrase)) = before_sentence.or_else(|| {
        // The last sentence of the paragraph before, for a quote that opens its paragraph.
        opens_paragraph
            .then(|| sentence_before(tokens, sentence, 0))
            .flatten()
    }) {
        let who = resolver.resolve(phrase);
        return Some(Attributed {
            who,
            cue: Some(doc.tokens[cue].span()),
            rule: Rule::SentenceBefore,
        });
    }
    // The sentence before is about someone, who goes on to speak: `Sanders identified young
    // voters' exhaustion as a reason. “The younger people are ...”`.
    let previous = sentence.checked_sub(1).filter(|&s| s >= floor)?;
    let range = doc.sentences[previous].tokens.clone();
    let phrase = tokens
        .sentence_subject(range.start, range.end)
        .filter(|p| {
            matches!(p.kind, PhraseKind::Name | PhraseKind::Pronoun(_))
                && is_subject_speaker(tokens, resolver.entities, *p)
        })?;
    let who = resolver.resolve(phrase);
    Some(Attributed {
        who,
        cue: None,
        rule: Rule::SentenceBefore,
    })
}

/// Whether a sentence's subject can be taken to say what the sentence quotes: a person,
/// organization or group the tagger knows, or a personal pronoun.
fn is_subject_speaker(tokens: &Tokens, entities: &Entities, p: Phrase) -> bool {
    let last = tokens.word(p.end - 1);
    let possessive = last.ends_with("'s") || last.ends_with("\u{2019}s");
    if possessive && !matches!(p.kind, PhraseKind::Pronoun(_)) {
        // `Trump's “wall”`: a possessive, not a subject.
        return false;
    }
    match p.kind {
        PhraseKind::Pronoun(pronoun) => !matches!(pronoun, lexicons::Pronoun::It),
        PhraseKind::Name => {
            let doc = tokens.doc;
            let span = Span::new(
                doc.tokens[p.start].span().start,
                doc.tokens[p.end - 1].span().end,
            );
            let known = entities.within(span).any(|(_, id)| {
                entities.get(id).is_some_and(|e| {
                    matches!(
                        e.kind,
                        EntityType::Person | EntityType::Org | EntityType::Norp
                    )
                })
            });
            // Failing the tagger, a capitalized name followed by its verb: `Rubio pushed back`,
            // not `Maybe he` or `Instead,`.
            let first = tokens.word(p.start);
            let verb_follows = doc.tokens.get(p.end).is_some_and(|_| {
                let next = tokens.word(p.end);
                next.starts_with(char::is_lowercase) && lexicons::speaker_pronoun(next).is_none()
            });
            known || verb_follows && !lexicons::is_sentence_opener(first)
        }
        PhraseKind::Description => {
            let head = tokens.word(p.end - 1);
            lexicons::is_speaker_noun(head) || lexicons::is_role_word(head)
        }
        PhraseKind::Relative(..) => false,
    }
}

/// The cue and subject of the sentence before `sentence` (not before sentence `floor`), outside
/// quotation marks: `Trump said he would win.` before `“We will.”`.
fn sentence_before(tokens: &Tokens, sentence: usize, floor: usize) -> Option<(usize, Phrase)> {
    let doc = tokens.doc;
    let previous = sentence.checked_sub(1).filter(|&s| s >= floor)?;
    let range = doc.sentences[previous].tokens.clone();
    range.clone().find_map(|t| {
        tokens.cue(t)?;
        if tokens.quoted[t] {
            return None;
        }
        let subject = tokens
            .subject_before(t, range.start)
            .filter(|p| p.kind != PhraseKind::Description || p.end - p.start > 1)?;
        Some((t, subject))
    })
}

/// `Caddell continued:` or `Stated Stone:` ending the paragraph before a quote.
fn introduced_before(
    tokens: &Tokens,
    resolver: &mut Resolver,
    paragraph: usize,
) -> Option<Attributed> {
    let doc = tokens.doc;
    let last = doc
        .sentences
        .get(doc.paragraphs[paragraph].sentences.end.checked_sub(1)?)?;
    let range = last.tokens.clone();
    if range.is_empty() || tokens.word(range.end - 1) != ":" {
        return None;
    }
    let colon = range.end - 1;
    let cue = range.clone().rev().find(|&t| tokens.cue(t).is_some());
    let phrase = match cue {
        Some(cue) => tokens
            .subject_before(cue, range.start)
            .or_else(|| tokens.phrase_from(cue + 1, colon)),
        // `Sanders made the following comment:`
        None => tokens
            .phrase_ending(colon, range.start)
            .filter(|p| p.kind != PhraseKind::Description)
            .or_else(|| {
                tokens
                    .sentence_subject(range.start, colon)
                    .filter(|p| is_subject_speaker(tokens, resolver.entities, *p))
            }),
    }?;
    let who = resolver.resolve(phrase);
    Some(Attributed {
        who,
        cue: cue.map(|c| doc.tokens[c].span()),
        rule: Rule::IntroducedBefore,
    })
}
