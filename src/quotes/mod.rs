//! Who said what: direct quotations with their speakers and cues, and reported speech.
//!
//! Quotes are found by their marks (`marks`); each is then attributed by the first rule that
//! applies, and the rule's name travels with the quote so a reader can see why.

mod marks;

use crate::analysis::{
    EntityType, Mention, Quote, QuoteKind, Reported, Speaker, Warning, WarningKind,
};
use crate::entities::Entities;
use crate::lexicons::{self, Pronoun};
use crate::text::{Document, Span};

/// The quotations, reported speech and warnings of a document.
#[derive(Debug, Default)]
pub struct Found {
    pub quotes: Vec<Quote>,
    pub reported: Vec<Reported>,
    pub warnings: Vec<Warning>,
}

/// A speaker and cue as found in the text, before they become `Speaker` and `Mention`.
#[derive(Clone, Copy, Debug)]
struct Attribution {
    speaker: Option<(Span, Option<usize>)>,
    cue: Option<Span>,
    rule: &'static str,
}

struct Context<'d, 't> {
    doc: &'d Document<'t>,
    entities: &'d Entities,
    /// For each token, whether it lies inside a quotation (marks included).
    quoted: Vec<bool>,
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
    let cx = Context {
        doc,
        entities,
        quoted,
    };
    let mut found = Found::default();
    let mut last: Option<(usize, Attribution)> = None;
    for m in &marked {
        let kind = kind_of(&cx, m);
        let attribution = attribute(&cx, m, kind).or_else(|| {
            // A paragraph that is only a quote carries on the speaker of the quote before it.
            let (paragraph, previous) = last?;
            let whole = is_whole_paragraph(&cx, m);
            (whole && m.paragraph <= paragraph + 1 && previous.speaker.is_some()).then_some(
                Attribution {
                    speaker: previous.speaker.map(|(_, id)| (Span::new(0, 0), id)),
                    cue: None,
                    rule: "continues the previous quote",
                },
            )
        });
        if kind == QuoteKind::Partial
            && attribution.is_none()
            && word_count(doc.slice(m.inner)) <= 3
        {
            // A scare-quoted term or a title that nobody is saying.
            continue;
        }
        if m.unclosed {
            found.warnings.push(Warning {
                kind: WarningKind::UnclosedQuote,
                message: "this quotation mark opens a quote that is never closed".into(),
                start: m.outer.start,
                end: m.outer.start + doc.slice(m.outer).chars().next().map_or(0, char::len_utf8),
            });
        }
        if let Some(a) = attribution.filter(|a| a.speaker.is_some()) {
            last = Some((m.paragraph, a));
        }
        found.quotes.push(Quote {
            text: doc.slice(m.inner).to_owned(),
            start: m.inner.start,
            end: m.inner.end,
            kind,
            speaker: attribution.and_then(|a| speaker(&cx, a)),
            cue: attribution
                .and_then(|a| a.cue)
                .map(|c| Mention::new(doc.text, c)),
            rule: attribution.map(|a| a.rule.to_owned()),
        });
    }
    found.reported = reported(&cx);
    found
}

fn word_count(text: &str) -> usize {
    text.split_whitespace().count()
}

fn speaker(cx: &Context, a: Attribution) -> Option<Speaker> {
    let (span, id) = a.speaker?;
    // An empty span means the speaker carries over from an earlier quote and is not named here.
    let mention = (span.len() > 0).then(|| Mention::new(cx.doc.text, span));
    let name = match id.and_then(|id| cx.entities.get(id)) {
        Some(entity) => entity.name.clone(),
        None => cx.doc.slice(span).to_owned(),
    };
    if name.is_empty() {
        return None;
    }
    Some(Speaker {
        name,
        entity_id: id,
        mention,
    })
}

fn is_whole_paragraph(cx: &Context, m: &marks::Marked) -> bool {
    let paragraph = cx.doc.paragraphs[m.paragraph].span;
    m.outer.start == paragraph.start && (m.outer.end == paragraph.end || m.continues)
}

/// Tokens of the sentence around `offset`, split at `offset`: those before it and those after.
fn sentence_tokens(cx: &Context, offset: usize) -> std::ops::Range<usize> {
    match cx.doc.sentence_at(offset) {
        Some(s) => cx.doc.sentences[s].tokens.clone(),
        None => 0..0,
    }
}

/// A quote is partial when the writer's own words lead into it within its sentence (other than
/// an attribution ending in a colon or comma).
fn kind_of(cx: &Context, m: &marks::Marked) -> QuoteKind {
    let doc = cx.doc;
    let sentence = sentence_tokens(cx, m.outer.start);
    let open = doc.token_from(m.outer.start);
    let before: Vec<usize> = (sentence.start..open).filter(|&t| !cx.quoted[t]).collect();
    let words = |t: &usize| doc.token_text(*t).chars().any(char::is_alphanumeric);
    let (Some(&last), true) = (before.last(), before.iter().any(words)) else {
        return QuoteKind::Full;
    };
    let lead_in = matches!(doc.token_text(last), ":" | ",")
        && before
            .iter()
            .any(|&t| lexicons::speech_verb(doc.token_text(t)).is_some());
    if lead_in || doc.token_text(last) == ":" {
        QuoteKind::Full
    } else {
        QuoteKind::Partial
    }
}

fn attribute(cx: &Context, m: &marks::Marked, kind: QuoteKind) -> Option<Attribution> {
    let trailing = || trailing(cx, m);
    let leading = || leading(cx, m);
    let found = match kind {
        QuoteKind::Full => trailing().or_else(leading),
        QuoteKind::Partial => leading().or_else(trailing),
    };
    found.or_else(|| introduced_by_colon(cx, m))
}

/// `"...," Miller said.` · `"...," said Miller.` · `"...," State Department spokesman Matthew
/// Miller told reporters.`
fn trailing(cx: &Context, m: &marks::Marked) -> Option<Attribution> {
    let doc = cx.doc;
    let start = doc.token_from(m.outer.end);
    let sentence = sentence_tokens(cx, m.outer.end.saturating_sub(1));
    let end = sentence.end.max(start);
    let window: Vec<usize> = (start..end)
        .take_while(|&t| !cx.quoted[t])
        .take(10)
        .collect();
    let cue = *window
        .iter()
        .find(|&&t| lexicons::speech_verb(doc.token_text(t)).is_some())?;
    let speaker = nearest_before(cx, start, cue).or_else(|| first_after(cx, cue + 1, end));
    Some(Attribution {
        speaker,
        cue: Some(doc.tokens[cue].span),
        rule: "speaker and cue after the quote",
    })
}

/// `Miller said: "..."` · `The United States said it felt "cautious optimism"`.
fn leading(cx: &Context, m: &marks::Marked) -> Option<Attribution> {
    let doc = cx.doc;
    let sentence = sentence_tokens(cx, m.outer.start);
    let open = doc.token_from(m.outer.start);
    let cue = (sentence.start..open)
        .rev()
        .find(|&t| !cx.quoted[t] && lexicons::speech_verb(doc.token_text(t)).is_some())?;
    let speaker =
        nearest_before(cx, sentence.start, cue).or_else(|| first_after(cx, cue + 1, open));
    Some(Attribution {
        speaker,
        cue: Some(doc.tokens[cue].span),
        rule: "speaker and cue before the quote",
    })
}

/// `Caddell continued:` closing the paragraph before a paragraph that is a quote.
fn introduced_by_colon(cx: &Context, m: &marks::Marked) -> Option<Attribution> {
    let doc = cx.doc;
    if m.paragraph == 0 || !is_whole_paragraph(cx, m) {
        return None;
    }
    let previous = &doc.paragraphs[m.paragraph - 1];
    let last_sentence = doc.sentences.get(previous.sentences.end.checked_sub(1)?)?;
    let tokens = last_sentence.tokens.clone();
    if doc.token_text(tokens.end - 1) != ":" {
        return None;
    }
    let cue = tokens
        .clone()
        .rev()
        .find(|&t| lexicons::speech_verb(doc.token_text(t)).is_some());
    let speaker = match cue {
        Some(cue) => nearest_before(cx, tokens.start, cue),
        None => nearest_before(cx, tokens.start, tokens.end),
    };
    speaker?;
    Some(Attribution {
        speaker,
        cue: cue.map(|c| doc.tokens[c].span),
        rule: "introduced by a colon in the paragraph before",
    })
}

fn speaker_kind(kind: EntityType) -> bool {
    matches!(
        kind,
        EntityType::Person | EntityType::Org | EntityType::Place | EntityType::Norp
    )
}

/// The speaker closest before token `cue`, not before token `floor`: a named entity, a pronoun
/// or "the <role>".
fn nearest_before(cx: &Context, floor: usize, cue: usize) -> Option<(Span, Option<usize>)> {
    (floor..cue)
        .rev()
        .filter(|&t| !cx.quoted[t])
        .find_map(|t| speaker_at(cx, t, floor, cue))
}

/// The first speaker from token `from` up to `end`: `said Caddell`, `according to Hamas`.
fn first_after(cx: &Context, from: usize, end: usize) -> Option<(Span, Option<usize>)> {
    (from..end.min(from + 8))
        .take_while(|&t| !cx.quoted[t])
        .find_map(|t| speaker_at(cx, t, from, end))
}

/// A speaker whose mention ends at token `t` (searching backward) or starts there.
fn speaker_at(
    cx: &Context,
    t: usize,
    floor: usize,
    ceiling: usize,
) -> Option<(Span, Option<usize>)> {
    let doc = cx.doc;
    let token = doc.tokens[t].span;
    let lo = doc.tokens[floor].span.start;
    let hi = doc.tokens[ceiling.min(doc.tokens.len()) - 1].span.end;
    let window = Span::new(lo, hi.max(lo));
    if let Some((span, id)) = cx
        .entities
        .within(window)
        .find(|(s, id)| s.overlaps(token) && is_speaker_entity(cx, *id))
    {
        return Some((span, Some(id)));
    }
    let word = doc.token_text(t);
    if let Some(pronoun) = lexicons::speaker_pronoun(word) {
        return Some((token, resolve_pronoun(cx, token.start, pronoun)));
    }
    if lexicons::is_role_word(word) && t > 0 && doc.token_text(t - 1).eq_ignore_ascii_case("the") {
        let span = Span::new(doc.tokens[t - 1].span.start, token.end);
        return Some((span, resolve_role(cx, word, token.start)));
    }
    None
}

fn is_speaker_entity(cx: &Context, id: usize) -> bool {
    cx.entities.get(id).is_some_and(|e| speaker_kind(e.kind))
}

/// The entity a pronoun at byte `at` stands for: the subject (first fitting mention) of the
/// nearest sentence, this one first, that has one.
fn resolve_pronoun(cx: &Context, at: usize, pronoun: Pronoun) -> Option<usize> {
    let fits = |kind: EntityType| match pronoun {
        Pronoun::Person => kind == EntityType::Person,
        Pronoun::Thing => matches!(kind, EntityType::Org | EntityType::Place),
        Pronoun::Group => matches!(kind, EntityType::Org | EntityType::Place | EntityType::Norp),
    };
    let doc = cx.doc;
    let here = doc.sentence_at(at)?;
    (here.saturating_sub(5)..=here).rev().find_map(|s| {
        let sentence = doc.sentences[s].span;
        cx.entities
            .within(Span::new(sentence.start, sentence.end.min(at)))
            .find(|&(span, id)| {
                !is_dateline(cx, span) && cx.entities.get(id).is_some_and(|e| fits(e.kind))
            })
            .map(|(_, id)| id)
    })
}

/// A dateline ("WASHINGTON -") opens a paragraph; it is where the story was filed, not a subject.
fn is_dateline(cx: &Context, span: Span) -> bool {
    let doc = cx.doc;
    let opens_paragraph = doc
        .paragraphs
        .binary_search_by_key(&span.start, |p| p.span.start)
        .is_ok();
    let next = doc.token_from(span.end);
    opens_paragraph
        && next < doc.tokens.len()
        && matches!(doc.token_text(next), "-" | "\u{2014}" | "\u{2013}" | "(")
}

/// "The spokesman": the person introduced with that role, or failing that the nearest person.
fn resolve_role(cx: &Context, role: &str, before: usize) -> Option<usize> {
    let role = role.to_lowercase();
    cx.entities
        .list
        .iter()
        .find(|e| {
            e.kind == EntityType::Person
                && e.role
                    .as_ref()
                    .is_some_and(|r| r.to_lowercase().contains(&role))
        })
        .map(|e| e.id)
        .or_else(|| resolve_pronoun(cx, before, Pronoun::Person))
}

/// `X said that ...`, `X acknowledged that ...`, `X described Y as Z`, outside quotation marks.
/// A clause runs to the end of its sentence, or to the last comma before the next one's speaker.
fn reported(cx: &Context) -> Vec<Reported> {
    let doc = cx.doc;
    let mut out = Vec::new();
    for sentence in &doc.sentences {
        let tokens = sentence.tokens.clone();
        // (cue token, first content token, speaker)
        let mut clauses: Vec<(usize, usize, (Span, Option<usize>))> = Vec::new();
        for t in tokens.clone() {
            if cx.quoted[t] {
                continue;
            }
            let Some(lemma) = lexicons::speech_verb(doc.token_text(t)) else {
                continue;
            };
            // "said Tuesday that": a day may stand between the verb and its clause.
            let mut next = t + 1;
            while next < tokens.end && crate::dates::is_date_word(doc.token_text(next)) {
                next += 1;
            }
            let opens_clause = matches!(
                (lemma, tokens.contains(&next).then(|| doc.token_text(next))),
                (_, Some("that")) | ("describe", Some(_))
            );
            let floor = clauses.last().map_or(tokens.start, |c| c.1);
            if let Some(speaker) = opens_clause.then(|| nearest_before(cx, floor, t)).flatten() {
                clauses.push((t, next, speaker));
            }
        }
        for (i, &(cue, content_start, speaker)) in clauses.iter().enumerate() {
            let mut content_end = match clauses.get(i + 1) {
                Some(next) => {
                    let speaker_token = doc.token_from(next.2 .0.start);
                    (content_start + 1..speaker_token)
                        .rev()
                        .find(|&k| doc.token_text(k) == ",")
                        .unwrap_or(speaker_token)
                }
                None => tokens.end,
            };
            while content_end > content_start + 1
                && matches!(
                    doc.token_text(content_end - 1),
                    "." | "!" | "?" | "," | "\"" | "\u{201D}"
                )
            {
                content_end -= 1;
            }
            let span = Span::new(
                doc.tokens[content_start].span.start,
                doc.tokens[content_end - 1].span.end,
            );
            let attribution = Attribution {
                speaker: Some(speaker),
                cue: None,
                rule: "",
            };
            out.push(Reported {
                speaker: self::speaker(cx, attribution),
                cue: Some(Mention::new(doc.text, doc.tokens[cue].span)),
                text: doc.slice(span).to_owned(),
                start: span.start,
                end: span.end,
            });
        }
    }
    out
}
