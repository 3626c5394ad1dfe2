//! Reported speech: `X said that ...`, `X said he would ...`, `X told reporters that ...`,
//! `X acknowledged that ...`, `X described Y as Z`, outside quotation marks.

use super::phrases::Tokens;
use super::resolve::Resolver;
use crate::analysis::{Mention, Reported};
use crate::dates;
use crate::lexicons;
use crate::text::Span;

/// Verbs whose clause (after "that", or a pronoun subject) is what someone said.
fn reports(lemma: &str) -> bool {
    !matches!(
        lemma,
        "according to"
            | "ask"
            | "call"
            | "continue"
            | "dub"
            | "label"
            | "brand"
            | "mock"
            | "slam"
            | "blast"
            | "attack"
            | "praise"
            | "speak"
            | "chant"
            | "refer"
            | "tweet"
            | "post"
            | "comment"
            | "question"
            | "see"
            | "agree"
            | "read"
            | "put it"
            | "hit back"
    )
}

/// Where the reported clause of the cue at token `cue` starts (with its "that"), if it has one.
fn clause_start(tokens: &Tokens, cue: usize, lemma: &str, end: usize) -> Option<usize> {
    let mut next = cue + 1;
    // "said Tuesday that", "told reporters on Monday that", "told CNN that"
    let reach = if lemma == "tell" { 6 } else { 3 };
    let limit = end.min(next + reach);
    let that = (next..limit)
        .take_while(|&t| !tokens.quoted[t] && tokens.word(t) != ",")
        .find(|&t| tokens.word(t) == "that");
    if let Some(that) = that {
        return (that + 1 < end).then_some(that);
    }
    while next < end && dates::is_date_word(tokens.word(next)) {
        next += 1;
    }
    if next >= end {
        return None;
    }
    let word = tokens.word(next);
    let pronoun_subject =
        lexicons::speaker_pronoun(word).is_some() && word != "it" || word == "it" && lemma == "say";
    (lemma == "describe" || pronoun_subject && lemma != "tell").then_some(next)
}

/// The reported speech of every sentence, naming speakers through `resolver`.
// Kept apart from its one caller, for V8: see src/analyze.rs.
#[inline(never)]
pub fn find(tokens: &Tokens, resolver: &mut Resolver) -> Vec<Reported> {
    let doc = tokens.doc;
    let mut out = Vec::new();
    for sentence in &doc.sentences {
        let range = sentence.tokens.clone();
        // (cue, content start, speaker phrase)
        let mut clauses = Vec::new();
        let mut floor = range.start;
        for t in range.clone() {
            let Some(lemma) = tokens.cue(t).filter(|l| reports(l)) else {
                continue;
            };
            if tokens.word(t).ends_with("ing") {
                continue;
            }
            let Some(start) = clause_start(tokens, t, lemma, range.end) else {
                continue;
            };
            if let Some(speaker) = tokens.subject_before(t, floor) {
                clauses.push((t, start, speaker));
                floor = start;
            }
        }
        for (i, &(cue, start, speaker)) in clauses.iter().enumerate() {
            let mut end = match clauses.get(i + 1) {
                // Up to the last comma before the next clause's speaker.
                Some(&(_, _, next)) => (start + 1..next.start)
                    .rev()
                    .find_map(|k| {
                        if tokens.word(k) != "," {
                            return None;
                        }
                        if !tokens.quoted[k] {
                            return Some(k);
                        }
                        // `'serious and positive,'`: the comma closing a quote.
                        let closes = k + 2 <= next.start
                            && tokens.quoted[k + 1]
                            && (k + 2 == next.start || !tokens.quoted[k + 2]);
                        closes.then_some(k + 2)
                    })
                    .unwrap_or(next.start),
                None => range.end,
            };
            // Closing punctuation, but not a quote's own (`were 'serious and positive,'`).
            while end > start + 1
                && !tokens.quoted[end - 1]
                && matches!(tokens.word(end - 1), "." | "!" | "?" | "," | ";" | ":")
            {
                end -= 1;
            }
            if end <= start {
                continue;
            }
            let span = Span::new(
                doc.tokens[start].span().start,
                doc.tokens[end - 1].span().end,
            );
            let who = resolver.resolve(speaker);
            out.push(Reported {
                speaker: Some(who.speaker(doc.text, Some(who.mention))),
                cue: Some(Mention::new(doc.text, doc.tokens[cue].span())),
                text: doc.slice(span).to_owned(),
                start: span.start,
                end: span.end,
            });
        }
    }
    out
}
