//! The layouts that attribute a quote within its own sentence: `“…,” X said`, `“…,” said X`,
//! `X said: “…”`, `X called it “…”`, `according to X`, `X: “…”` and a closing `— X`.

use super::phrases::{self, is_dash, Phrase, PhraseKind, Tokens};
use crate::analysis::Rule;

/// A speaker phrase with the cue that introduces it, and the layout that found them.
#[derive(Clone, Copy, Debug)]
pub struct Attribution {
    pub speaker: Phrase,
    /// The cue's first and last token (two for "according to").
    pub cue: Option<(usize, usize)>,
    pub rule: Rule,
}

/// Where a quote sits among the tokens.
#[derive(Clone, Copy, Debug)]
pub struct Place {
    /// The first token of the sentence where the quote opens.
    pub sentence_start: usize,
    /// The opening mark's token.
    pub open: usize,
    /// The first token after the closing mark.
    pub after: usize,
    /// The end of the sentence where the quote closes.
    pub sentence_end: usize,
    /// The end of the quote's paragraph.
    pub paragraph_end: usize,
    /// The quoted words end with a comma: `“…,” he said`.
    pub comma_inside: bool,
}

/// How far from a quote its cue may be, in tokens.
const REACH: usize = 30;

/// The first token after `place.after` that is not quoted, and where that stretch ends (the
/// sentence's end, or the next quote).
fn after_window(tokens: &Tokens, place: Place) -> (usize, usize) {
    let mut sentence_end = place.sentence_end;
    if place.after == sentence_end && place.after > 0 {
        // `“…?” Beck asked.`: the question mark closed the sentence for the splitter.
        let doc = tokens.doc;
        let mark_end = doc.tokens[place.after - 1].span().start;
        let question = doc.text[..mark_end].ends_with(['?', '!']);
        if question {
            if let Some(next) = doc.sentence_at(
                doc.tokens[place.after.min(doc.tokens.len() - 1)]
                    .span()
                    .start,
            ) {
                sentence_end = doc.sentences[next].tokens.end.min(place.paragraph_end);
            }
        }
    }
    let end = (place.after..sentence_end)
        .find(|&t| tokens.quoted[t])
        .unwrap_or(sentence_end);
    (place.after, end.min(place.after + REACH))
}

/// `“…,” X said` · `“…,” said X` · `“…,” X, a spokesman for Y, said` · `“…,” according to X`.
pub fn after_quote(tokens: &Tokens, place: Place) -> Option<Attribution> {
    let (mut i, end) = after_window(tokens, place);
    while i < end && matches!(tokens.word(i), "," | "(") {
        i += 1;
    }
    if i >= end {
        return None;
    }
    if let Some(lemma) = tokens
        .cue(i)
        .filter(|&l| !tokens.word(i).ends_with("ing") && inverts(l))
    {
        let (last, rule) = if lemma == "according to" {
            (i + 1, Rule::AccordingTo)
        } else {
            (i, Rule::AfterQuote)
        };
        let speaker = tokens.phrase_from(last + 1, end)?;
        return Some(Attribution {
            speaker,
            cue: Some((i, last)),
            rule,
        });
    }
    let speaker = tokens.phrase_from(i, end)?;
    let cue = cue_after_subject(tokens, speaker.end, end)?;
    Some(Attribution {
        speaker,
        cue: Some((cue, cue)),
        rule: Rule::AfterQuote,
    })
}

/// Verbs that come before their subject after a quote: `“…,” said Jane Roe` (not `“…,”
/// described the plan`).
fn inverts(lemma: &str) -> bool {
    matches!(
        lemma,
        "according to"
            | "say"
            | "tell"
            | "add"
            | "ask"
            | "write"
            | "continue"
            | "reply"
            | "respond"
            | "explain"
            | "note"
            | "recall"
            | "argue"
            | "insist"
            | "declare"
            | "warn"
            | "state"
            | "conclude"
            | "observe"
            | "remark"
            | "tweet"
            | "post"
            | "shout"
            | "yell"
            | "scream"
            | "exhort"
            | "joke"
            | "quip"
            | "muse"
            | "concede"
            | "counter"
            | "retort"
            | "answer"
            | "exclaim"
            | "read"
            | "remember"
            | "recount"
            | "chant"
            | "announce"
            | "acknowledge"
            | "predict"
            | "promise"
            | "boast"
            | "complain"
            | "lament"
            | "wonder"
            | "confide"
            | "sing"
            | "report"
            | "admit"
            | "claim"
            | "suggest"
            | "urge"
            | "stress"
            | "emphasize"
            | "assert"
            | "testify"
            | "plead"
    )
}

/// The cue that follows a subject ending at `from`, past an appositive between commas, a
/// parenthesis, adverbs and auxiliaries: `Miller, a spokesman, said` · `Lee (D-Ohio) also said`.
fn cue_after_subject(tokens: &Tokens, from: usize, end: usize) -> Option<usize> {
    let mut j = from;
    if j < end && tokens.word(j) == "(" {
        j = (j..end).find(|&k| tokens.word(k) == ")")? + 1;
    }
    if j < end && tokens.word(j) == "," {
        // The cue comes right after the comma that closes the appositive, or failing that is
        // the first in it: `Nate Silver, the polling guru who founded it tweeted`.
        let is_cue = |k: usize| k < end && tokens.cue(k).is_some_and(|l| l != "according to");
        let after_comma = (j + 1..end)
            .filter(|&k| tokens.word(k) == ",")
            .map(|k| skip_modifiers(tokens, k + 1, end))
            .find(|&k| is_cue(k));
        // An appositive that a cue ends without a comma: `Nate Silver, the polling guru who
        // founded the site tweeted`.
        let appositive = j + 1 < end && {
            let w = crate::lexicons::lowercase(tokens.word(j + 1));
            matches!(&*w, "a" | "an" | "the") || crate::lexicons::is_role_word(&w)
        };
        return after_comma.or_else(|| {
            appositive
                .then(|| (j + 1..end).find(|&k| is_cue(k)))
                .flatten()
        });
    }
    let j = skip_modifiers(tokens, j, end);
    (j < end && tokens.cue(j).is_some_and(|l| l != "according to")).then_some(j)
}

fn skip_modifiers(tokens: &Tokens, mut j: usize, end: usize) -> usize {
    while j < end && is_modifier(tokens.word(j)) {
        j += 1;
    }
    j
}

fn is_modifier(word: &str) -> bool {
    phrases::is_ly_adverb(word)
        || word.starts_with(|c: char| c.is_lowercase())
            && phrases::is_adverb_or_auxiliary(word)
            && !matches!(
                word,
                "since" | "morning" | "afternoon" | "evening" | "night" | "week"
            )
}

/// `X said: “…”` · `X told reporters, “…”` · `X called it “…”` · `According to X, “…”`: the
/// nearest cue before the quote in its sentence, with its subject.
pub fn before_quote(tokens: &Tokens, place: Place) -> Option<Attribution> {
    let floor = place
        .sentence_start
        .max(place.open.saturating_sub(REACH * 2));
    let cues = (floor..place.open)
        .rev()
        .filter(|&t| !tokens.quoted[t])
        .filter_map(|t| tokens.cue(t).map(|lemma| (t, lemma)));
    let mut found = None;
    for (cue, lemma) in cues.take(2) {
        // Verbs that introduce a quote only right before it: `the sign read: “…”`.
        let adjacent = cue + 1 == place.open
            || cue + 2 == place.open && matches!(tokens.word(cue + 1), "," | ":");
        if matches!(lemma, "read" | "speak" | "continue") && !adjacent {
            continue;
        }
        found = with_cue(tokens, place, cue, lemma);
        if found.is_some() {
            break;
        }
    }
    // A possessive and a speech noun nearer the quote than any cue: `Trump's claim that “…”`.
    let nearer = found.map_or(floor, |a| a.cue.map_or(floor, |c| c.1 + 1));
    if let Some((speaker, noun)) = tokens.possessive_cue(nearer, place.open) {
        return Some(Attribution {
            speaker,
            cue: Some((noun, noun)),
            rule: Rule::BeforeQuote,
        });
    }
    let found = found?;
    Some(outermost(tokens, place.sentence_start, found))
}

/// The speaker a cue before the quote introduces.
fn with_cue(tokens: &Tokens, place: Place, cue: usize, lemma: &str) -> Option<Attribution> {
    let attribution = |speaker, last, rule| Attribution {
        speaker,
        cue: Some((cue, last)),
        rule,
    };
    match lemma {
        "according to" => {
            let speaker = tokens.phrase_from(cue + 2, place.open)?;
            return Some(attribution(speaker, cue + 1, Rule::AccordingTo));
        }
        "put it" => {
            // `As Akhil Amar, a professor, put it, “…”`
            let as_ = (place.sentence_start..cue)
                .rev()
                .find(|&t| tokens.word(t).eq_ignore_ascii_case("as"))?;
            let speaker = tokens.phrase_from(as_ + 1, cue)?;
            return Some(attribution(speaker, cue + 1, Rule::BeforeQuote));
        }
        _ => {}
    }
    if tokens.word(cue + 1) == "by" {
        // Passive: `Rubio was asked by moderator Gerard Baker whether ...`.
        if let Some(speaker) = tokens.phrase_from(cue + 2, place.open) {
            return Some(attribution(speaker, cue, Rule::BeforeQuote));
        }
    }
    if let Some(speaker) = tokens.subject_before(cue, place.sentence_start) {
        return Some(attribution(speaker, cue, Rule::BeforeQuote));
    }
    // Inverted: `Said Trump: “…”`, `Stated Stone:`.
    let speaker = tokens.phrase_from(cue + 1, place.open)?;
    let next = tokens.word(speaker.end);
    (speaker.kind != PhraseKind::Description && matches!(next, ":" | ","))
        .then(|| attribution(speaker, cue, Rule::BeforeQuote))
}

/// A cue inside what an earlier cue of the sentence reports belongs to it: in `Clinton said
/// Trump called her a “nasty woman”` the quote is in what Clinton says.
fn outermost(tokens: &Tokens, floor: usize, mut found: Attribution) -> Attribution {
    loop {
        let inner_start = found
            .speaker
            .start
            .min(found.cue.map_or(usize::MAX, |c| c.0));
        // A new main clause is not reported by the one before: `When Clinton noted that ...,
        // Trump boasted`, `..., but he said`.
        let before_inner = inner_start
            .checked_sub(1)
            .filter(|&t| t >= floor)
            .map(|t| crate::lexicons::lowercase(tokens.word(t)));
        if matches!(
            before_inner.as_deref(),
            Some("," | ";" | "but" | "and" | "while")
        ) || before_inner.as_deref().is_some_and(is_dash)
        {
            return found;
        }
        let outer = (floor..inner_start)
            .rev()
            .take_while(|&t| !tokens.quoted[t] && tokens.word(t) != ";")
            .find_map(|t| {
                let lemma = tokens.cue(t)?;
                let progressive = t > 0 && {
                    let before = crate::lexicons::lowercase(tokens.word(t - 1));
                    matches!(&*before, "is" | "are" | "was" | "were")
                        || before.ends_with("'s")
                        || before.ends_with("\u{2019}s")
                };
                if lemma == "according to" || tokens.word(t).ends_with("ing") && !progressive {
                    return None;
                }
                // Only a cue whose clause runs on to the inner one: `said (that) ...`, `told
                // reporters that ...`, `denounced what ...`.
                let next = tokens.word(t + 1);
                let reports = matches!(next, "that" | "what")
                    || t + 1 == inner_start
                    || crate::lexicons::speaker_pronoun(next).is_some()
                    || (t + 1..inner_start.min(t + 10)).any(|k| tokens.word(k) == "that");
                let speaker = tokens.subject_before(t, floor)?;
                reports.then_some(Attribution {
                    speaker,
                    cue: Some((t, t)),
                    rule: found.rule,
                })
            });
        match outer {
            Some(o) if (floor..inner_start).contains(&o.speaker.start) => found = o,
            _ => return found,
        }
    }
}

/// `According to Reuters, X said “…”` · `X said “…”, according to Reuters`: the source a sentence
/// is attributed to covers every quote in it, whoever else it reports.
pub fn according_to(tokens: &Tokens, place: Place) -> Option<Attribution> {
    let end = place.sentence_end.min(place.after + REACH * 2);
    (place
        .sentence_start
        .max(place.open.saturating_sub(REACH * 2))..end)
        .filter(|&t| !tokens.quoted[t] && tokens.cue(t) == Some("according to"))
        .find_map(|t| {
            let speaker = tokens.phrase_from(t + 2, end)?;
            Some(Attribution {
                speaker,
                cue: Some((t, t + 1)),
                rule: Rule::AccordingTo,
            })
        })
}

/// `Trump: “…”` · `Trump: Cruz Has ‘…’` (a headline) · `Perez lobbies for a higher wage: “…”`:
/// a colon before the quote, with no cue; the name before the colon, or the subject of the
/// sentence.
pub fn colon(tokens: &Tokens, place: Place) -> Option<Attribution> {
    let start = place.sentence_start;
    let colon = (start..place.open)
        .rev()
        .take_while(|&t| !tokens.quoted[t])
        .find(|&t| tokens.word(t) == ":")
        .or_else(|| {
            // `the former candidate Mitt Romney -- “…” --`: a dash before the quote.
            let dash = place.open.checked_sub(1)?;
            (dash > start && is_dash(tokens.word(dash))).then_some(dash)
        })?;
    let named = |p: &Phrase| {
        p.kind != PhraseKind::Description
            || crate::lexicons::is_speaker_noun(tokens.word(p.end - 1))
    };
    let dash = is_dash(tokens.word(colon));
    let speaker = if dash {
        // A dash before a dash: the name right before it.
        let mut end = colon;
        while end > start && is_dash(tokens.word(end - 1)) {
            end -= 1;
        }
        tokens
            .phrase_ending(end, start)
            .filter(|p| p.kind == PhraseKind::Name)?
    } else if colon + 1 == place.open {
        tokens
            .phrase_ending(colon, start)
            .filter(named)
            .or_else(|| tokens.sentence_subject(start, colon))?
    } else {
        // A headline's `X:` opens the sentence and covers what it quotes.
        tokens
            .phrase_from(start, colon)
            .filter(|p| named(p) && p.end == colon)?
    };
    Some(Attribution {
        speaker,
        cue: None,
        rule: Rule::Colon,
    })
}

/// `... the plan “…,” he said, and ...`: an attribution set off by commas elsewhere in the
/// sentence covers its quotes.
pub fn aside(tokens: &Tokens, place: Place) -> Option<Attribution> {
    let range = place
        .sentence_start
        .max(place.open.saturating_sub(REACH * 2))
        ..place.sentence_end.min(place.after + REACH * 2);
    range.clone().find_map(|cue| {
        tokens.cue(cue)?;
        let rule = if cue < place.open {
            Rule::BeforeQuote
        } else {
            Rule::AfterQuote
        };
        // `, said Steve Elmendorf, a strategist.`
        if cue > range.start && tokens.word(cue - 1) == "," {
            if let Some(speaker) = tokens
                .phrase_from(cue + 1, range.end)
                .filter(|p| p.kind == PhraseKind::Name)
            {
                return Some(Attribution {
                    speaker,
                    cue: Some((cue, cue)),
                    rule,
                });
            }
        }
        let speaker = tokens.phrase_ending(cue, range.start)?;
        // Set off by a comma, or right after a quote: `“…” -- … -- “…,” he says.`
        let opened = speaker.start > range.start
            && (tokens.word(speaker.start - 1) == "," || tokens.quoted[speaker.start - 1]);
        // `…, mayor says` (a headline): a role alone names someone.
        let named = speaker.kind != PhraseKind::Description
            || crate::lexicons::is_role_word(tokens.word(speaker.end - 1));
        (opened && named).then_some(Attribution {
            speaker,
            cue: Some((cue, cue)),
            rule,
        })
    })
}

/// `"PENCE: Well, look, ...`: a transcript, whose quoted paragraph opens with the speaker's name
/// in capitals and a colon.
pub fn transcript(tokens: &Tokens, place: Place) -> Option<Attribution> {
    let name = place.open + 1;
    let colon = tokens
        .doc
        .tokens
        .get(name + 1)
        .map(|_| tokens.word(name + 1));
    let word = tokens.doc.tokens.get(name).map(|_| tokens.word(name))?;
    let capitals = word.chars().filter(|c| c.is_alphabetic()).count() >= 2
        && word.chars().all(|c| !c.is_lowercase());
    (capitals && colon == Some(":")).then_some(Attribution {
        speaker: Phrase {
            start: name,
            end: name + 1,
            kind: PhraseKind::Name,
        },
        cue: None,
        rule: Rule::Colon,
    })
}

/// `“…” — John Smith`: a name after a dash that ends the paragraph or the sentence.
pub fn dash(tokens: &Tokens, place: Place) -> Option<Attribution> {
    let i = place.after;
    let end = (i..place.paragraph_end)
        .find(|&t| tokens.quoted[t])
        .unwrap_or(place.paragraph_end)
        .min(i + REACH);
    if i >= end || !is_dash(tokens.word(i)) {
        return None;
    }
    let speaker = tokens.phrase_from(i + 1, end)?;
    let rest_is_punctuation = (speaker.end..end).all(|t| matches!(tokens.word(t), "." | ","));
    (speaker.kind == PhraseKind::Name && rest_is_punctuation).then_some(Attribution {
        speaker,
        cue: None,
        rule: Rule::Dash,
    })
}
