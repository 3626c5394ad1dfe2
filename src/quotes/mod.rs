//! Who said what: direct quotations with their speakers and cues, and reported speech.
//!
//! Quotes are found by their marks (`marks`). Each is attributed first within its own sentence,
//! by the layouts of `layouts` (`“…,” X said`, `X said: “…”`, `according to X`, ...), whose cues
//! and speaker phrases `phrases` reads; then, failing that, from its surroundings: the quote
//! before it in the paragraph, the paragraph it runs on into, a paragraph ending in a colon, a
//! paragraph quoting someone just before, the sentence before. `resolve` turns the speaker
//! phrase into a name (pronouns, surnames, descriptions), and every quote carries the `Rule`
//! that attributed it, so a reader can see why.

mod layouts;
mod marks;
mod phrases;
mod reported;
mod resolve;

use std::collections::HashMap;

use crate::analysis::{
    EntityType, Mention, Quote, QuoteKind, Reported, Rule, Warning, WarningKind,
};
use crate::entities::Entities;
use crate::lexicons;
use crate::text::{Document, Span};
use layouts::{Attribution, Place};
use phrases::{PhraseKind, Tokens};
use resolve::{Resolver, Who};

/// The quotations, reported speech and warnings of a document.
#[derive(Debug, Default)]
pub struct Found {
    pub quotes: Vec<Quote>,
    pub reported: Vec<Reported>,
    pub warnings: Vec<Warning>,
}

/// A quote's speaker as resolved, where the text names them for it, and the rule.
#[derive(Clone, Debug)]
struct Attributed {
    who: Who,
    cue: Option<Span>,
    rule: Rule,
}

/// Finds the quotes and reported speech of `doc`, naming speakers by `entities`.
pub fn find(doc: &Document, entities: &Entities) -> Found {
    let marked = marks::find(doc);
    let mut quoted = vec![false; doc.tokens.len()];
    for m in &marked {
        let first = doc.token_from(m.outer.start);
        for (t, q) in quoted.iter_mut().enumerate().skip(first) {
            if doc.tokens[t].span.start >= m.outer.end {
                break;
            }
            *q = true;
        }
    }
    let tokens = Tokens {
        doc,
        quoted: &quoted,
    };
    let places: Vec<Option<Place>> = marked.iter().map(|m| place(doc, m)).collect();
    let kinds: Vec<QuoteKind> = marked
        .iter()
        .zip(&places)
        .map(|(m, p)| p.map_or(QuoteKind::Full, |p| kind_of(&tokens, m, p)))
        .collect();
    let found: Vec<Option<Attribution>> = places
        .iter()
        .zip(&kinds)
        .map(|(p, &kind)| in_sentence(&tokens, (*p)?, kind))
        .collect();
    let mut resolver = Resolver::new(&tokens, entities);
    let mut attributed = resolve_in_order(doc, &mut resolver, &found);
    for i in 0..marked.len() {
        if attributed[i].is_none() {
            attributed[i] = from_context(
                &tokens,
                &mut resolver,
                &marked,
                &places,
                &kinds,
                &attributed,
                i,
            );
        }
    }
    if std::env::var("AA_DEBUG").is_ok() {
        for (i, m) in marked.iter().enumerate() {
            let Some(p) = places[i] else { continue };
            let span = |ph: phrases::Phrase| {
                (
                    doc.tokens[ph.start].span.start,
                    doc.tokens[ph.end - 1].span.end,
                )
            };
            let mut c: Vec<(&str, (usize, usize))> = Vec::new();
            if let Some(a) = layouts::after_quote(&tokens, p) {
                c.push(("after", span(a.speaker)));
            }
            if let Some(a) = layouts::before_quote(&tokens, p) {
                c.push(("before", span(a.speaker)));
            }
            if let Some(a) = layouts::aside(&tokens, p) {
                c.push(("aside", span(a.speaker)));
            }
            if let Some(a) = layouts::colon(&tokens, p) {
                c.push(("colon", span(a.speaker)));
            }
            if let Some(a) = layouts::dash(&tokens, p) {
                c.push(("dash", span(a.speaker)));
            }
            if let Some(ph) = tokens.sentence_subject(p.sentence_start, p.open) {
                c.push(("subject", span(ph)));
            }
            if let Some((_, ph)) =
                sentence_before(&tokens, doc.sentence_at(m.inner.start).unwrap_or(0), 0)
            {
                c.push(("sbefore", span(ph)));
            }
            if let Some(a) = &attributed[i] {
                c.push((Box::leak(format!("{:?}", a.rule).into_boxed_str()), (0, 0)));
                c.push(("chosen", (a.who.mention.start, a.who.mention.end)));
            }
            for j in (0..i).rev().take(3) {
                if let Some(a) = &attributed[j] {
                    c.push(("prevq", (a.who.mention.start, a.who.mention.end)));
                }
            }
            let line: Vec<String> = c.iter().map(|(r, (a, b))| format!("{r}:{a}:{b}")).collect();
            eprintln!(
                "CAND\t{}\t{}\t{}",
                m.inner.start,
                m.inner.end,
                line.join(" ")
            );
        }
    }
    let mut out = Found::default();
    let mut used_cues = Vec::new();
    for ((m, &kind), attribution) in marked.iter().zip(&kinds).zip(attributed) {
        if kind == QuoteKind::Partial
            && attribution.is_none()
            && doc.slice(m.inner).split_whitespace().count() <= 3
        {
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
        if let Some(cue) = attribution.as_ref().and_then(|a| a.cue) {
            used_cues.push(doc.token_from(cue.start));
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
    used_cues.sort_unstable();
    out.reported = reported::find(&tokens, &mut resolver, &used_cues);
    out
}

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
    (open < doc.tokens.len()).then(|| Place {
        sentence_start: doc.sentences[opening].tokens.start.min(open),
        open,
        after,
        sentence_end: doc.sentences[closing].tokens.end.max(after),
        paragraph_end: paragraph_end.max(after),
        comma_inside: doc.slice(m.inner).trim_end().ends_with(','),
    })
}

/// The layouts within the quote's sentence, in the order its kind makes likely.
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
fn resolve_in_order(
    doc: &Document,
    resolver: &mut Resolver,
    found: &[Option<Attribution>],
) -> Vec<Option<Attributed>> {
    let mut order: Vec<usize> = (0..found.len()).filter(|&i| found[i].is_some()).collect();
    order.sort_by_key(|&i| found[i].map(|a| a.speaker.start));
    let mut by_phrase: HashMap<usize, Who> = HashMap::new();
    let mut out = vec![None; found.len()];
    for i in order {
        let Some(a) = found[i] else { continue };
        let who = by_phrase
            .entry(a.speaker.start)
            .or_insert_with(|| resolver.resolve(a.speaker))
            .clone();
        let cue = a.cue.map(|(first, last)| {
            Span::new(doc.tokens[first].span.start, doc.tokens[last].span.end)
        });
        out[i] = Some(Attributed {
            who,
            cue,
            rule: a.rule,
        });
    }
    out
}

/// A quote not attributed in its sentence, attributed from what comes before it.
fn from_context(
    tokens: &Tokens,
    resolver: &mut Resolver,
    marked: &[marks::Marked],
    places: &[Option<Place>],
    kinds: &[QuoteKind],
    attributed: &[Option<Attributed>],
    i: usize,
) -> Option<Attributed> {
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
        .take_while(|&j| marked[j].paragraph == m.paragraph)
        .find_map(|j| Some((j, attributed[j].as_ref()?)));
    if let Some((j, a)) = earlier {
        let used: Vec<usize> = attributed[..i]
            .iter()
            .flatten()
            .filter_map(|a| a.cue.map(|c| doc.token_from(c.start)))
            .collect();
        let from = doc.token_from(marked[j].outer.end);
        let someone_else = (from..place.open).any(|t| {
            !used.contains(&t)
                && tokens.cue(t).is_some()
                && doc
                    .sentence_at(doc.tokens[t].span.start)
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
            cue: Some(doc.tokens[cue].span),
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
fn is_subject_speaker(tokens: &Tokens, entities: &Entities, p: phrases::Phrase) -> bool {
    match p.kind {
        PhraseKind::Pronoun(pronoun) => !matches!(pronoun, lexicons::Pronoun::It),
        PhraseKind::Name => {
            let doc = tokens.doc;
            let span = Span::new(
                doc.tokens[p.start].span.start,
                doc.tokens[p.end - 1].span.end,
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
            phrases::is_speaker_noun(head) || lexicons::is_role_word(head)
        }
        PhraseKind::Relative(..) => false,
    }
}

/// The cue and subject of the sentence before `sentence` (not before sentence `floor`), outside
/// quotation marks: `Trump said he would win.` before `“We will.”`.
fn sentence_before(
    tokens: &Tokens,
    sentence: usize,
    floor: usize,
) -> Option<(usize, phrases::Phrase)> {
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
        cue: cue.map(|c| doc.tokens[c].span),
        rule: Rule::IntroducedBefore,
    })
}

/// A quote is partial when the writer's own words lead into it within its sentence (other than
/// an attribution ending in a colon or comma).
fn kind_of(tokens: &Tokens, m: &marks::Marked, place: Place) -> QuoteKind {
    let before: Vec<usize> = (place.sentence_start..place.open)
        .filter(|&t| !tokens.quoted[t])
        .collect();
    let words = |t: &usize| tokens.word(*t).chars().any(char::is_alphanumeric);
    let (Some(&last), true) = (before.last(), before.iter().any(words)) else {
        return QuoteKind::Full;
    };
    let _ = m;
    let lead_in =
        matches!(tokens.word(last), ":" | ",") && before.iter().any(|&t| tokens.cue(t).is_some());
    if lead_in || tokens.word(last) == ":" {
        QuoteKind::Full
    } else {
        QuoteKind::Partial
    }
}
