//! Cues and speaker phrases, read from the tokens around a quote without a parser: a speech verb
//! (`said`, `told`, `according to`), the subject before it (`State Department spokesman Matthew
//! Miller`, `he`, `the Republican nominee`, `Trump, who ...,`) or the phrase after it
//! (`said one senior official`). Closed word classes (determiners, prepositions, auxiliaries)
//! bound the phrases; capitalization and the last word say whether a phrase names or describes.

use std::borrow::Cow;
use std::cell::{Cell, RefCell};

use crate::dates;
use crate::lexicons::{self, Pronoun};
use crate::text::{Document, TokenKind};

/// What a speaker phrase is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PhraseKind {
    Pronoun(Pronoun),
    /// Ends in a proper name: "Sen. Bernie Sanders", "Hamas", "The New York Times".
    Name,
    /// Ends in a common noun: "the spokesman", "a senior official", "officials".
    Description,
    /// "who" or "which", standing for the phrase at tokens `.0..1` before it.
    Relative(usize, usize),
}

/// Tokens `start..end` that name or describe a speaker.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Phrase {
    pub start: usize,
    pub end: usize,
    pub kind: PhraseKind,
}

/// The tokens a search may look at: the document, and which tokens are inside quotation marks.
pub struct Tokens<'d, 't> {
    pub doc: &'d Document<'t>,
    pub quoted: &'d [bool],
    /// For each token, whether its sentence is set in title case, as headlines are (there a
    /// capitalized "Calls" is a verb).
    pub title_case: Vec<bool>,
    /// Each token's cue, once asked for: every quote's layouts look for cues among the same
    /// tokens around it, and a text of quote after quote would read each token hundreds of times.
    /// Two bytes a token ([`UNREAD`], [`NO_CUE`], or 2 + the cue's place in `cue_names`): a
    /// 10 MB text has two million tokens.
    cues: Vec<Cell<u16>>,
    cue_names: RefCell<Vec<&'static str>>,
}

const UNREAD: u16 = 0;
const NO_CUE: u16 = 1;

const MAX_PHRASE: usize = 9;

/// The fewest bytes of a cue's word ([`Tokens::cue`]): "say", "put" of "put it", "hit" of
/// "hit back".
const SHORTEST_CUE: usize = 3;
const _: () = assert!(lexicons::SHORTEST_SPEECH_VERB >= SHORTEST_CUE);

impl<'d, 't> Tokens<'d, 't> {
    // Kept apart from its one caller, for V8: see src/analyze.rs.
    #[inline(never)]
    pub fn new(doc: &'d Document<'t>, quoted: &'d [bool]) -> Self {
        let mut title_case = vec![false; doc.tokens.len()];
        for sentence in &doc.sentences {
            // Words of four letters or more, and how many of them are capitalized: counted as
            // they are read (every token of the article is), each word's letters up to the fourth.
            let (mut words, mut capitals) = (0, 0);
            let unquoted = sentence.tokens.clone().filter(|&t| !quoted[t]);
            for word in unquoted.map(|t| doc.token_text(t)) {
                if has_four_letters(word) {
                    words += 1;
                    capitals += usize::from(word.starts_with(char::is_uppercase));
                }
            }
            if words >= 3 && capitals * 5 >= words * 4 {
                title_case[sentence.tokens.clone()].fill(true);
            }
        }
        Tokens {
            doc,
            quoted,
            title_case,
            cues: vec![Cell::new(UNREAD); doc.tokens.len()],
            cue_names: RefCell::new(Vec::new()),
        }
    }
}

/// Whether `word` has four letters or more: decoded only if its first four bytes are not all ASCII
/// letters, as those of most words of four letters or more are. A word of fewer than four bytes
/// has fewer than four letters.
fn has_four_letters(word: &str) -> bool {
    word.as_bytes()
        .get(..4)
        .is_some_and(|head| head.iter().all(u8::is_ascii_alphabetic))
        || word.len() >= 4 && word.chars().filter(|c| c.is_alphabetic()).nth(3).is_some()
}

impl Tokens<'_, '_> {
    pub fn word(&self, t: usize) -> &str {
        self.doc.token_text(t)
    }

    fn lower(&self, t: usize) -> Cow<'_, str> {
        lexicons::lowercase(self.word(t))
    }

    fn is_punct(&self, t: usize) -> bool {
        self.doc.tokens[t].kind() == TokenKind::Punct
    }

    /// A word that ends a phrase: a preposition, conjunction, auxiliary or adverb (not an
    /// acronym that spells like one: "US").
    fn is_stop(&self, t: usize) -> bool {
        let word = self.word(t);
        let acronym = word.len() > 1 && word.chars().all(|c| c.is_uppercase() || c == '.');
        !acronym && (lexicons::lowercase_is(word, is_closed_class) || is_ly_adverb(word))
    }

    fn is_capitalized(&self, t: usize) -> bool {
        self.word(t).starts_with(|c: char| c.is_uppercase())
    }

    /// The speech verb at token `t`, unless a determiner makes it a noun ("the report").
    pub fn cue(&self, t: usize) -> Option<&'static str> {
        let cached = self.cues.get(t)?;
        match cached.get() {
            UNREAD => {}
            NO_CUE => return None,
            code => return self.cue_names.borrow().get(usize::from(code - 2)).copied(),
        }
        let cue = self.read_cue(t);
        let code = match cue {
            None => NO_CUE,
            Some(name) => {
                let mut names = self.cue_names.borrow_mut();
                let at = names
                    .iter()
                    .position(|n| std::ptr::eq(*n, name))
                    .unwrap_or_else(|| {
                        names.push(name);
                        names.len() - 1
                    });
                // Never reached: the cues are the speech verbs, some hundreds.
                u16::try_from(at + 2).unwrap_or(UNREAD)
            }
        };
        cached.set(code);
        cue
    }

    fn read_cue(&self, t: usize) -> Option<&'static str> {
        if self.quoted[t] {
            return None;
        }
        let word = self.word(t);
        // Most tokens (punctuation, "a", "of") are ruled out before the next one is read.
        if word.len() < SHORTEST_CUE {
            return None;
        }
        if word.eq_ignore_ascii_case("according") {
            let to = self.doc.tokens.get(t + 1).map(|_| self.word(t + 1));
            return (to == Some("to")).then_some("according to");
        }
        let next = self.doc.tokens.get(t + 1).map(|_| self.word(t + 1));
        // `As Milbank puts it,` · `Sanders shot back,`
        // Compared without a lowercase copy: asked of every word of the article.
        let is = |forms: &[&str]| forms.iter().any(|f| word.eq_ignore_ascii_case(f));
        match next {
            Some("it") if is(&["put", "puts"]) => return Some("put it"),
            Some("back") if is(&["shot", "fired", "hit", "hits", "fires"]) => {
                return Some("hit back")
            }
            Some("out" | "to") if is(&["pointed", "points", "point"]) => return Some("point out"),
            _ => {}
        }
        let lemma = lexicons::speech_verb(word)?;
        if t > 0 && !self.quoted[t - 1] {
            // `Trump's remarks`, `the proposed plan`: a noun or an adjective, not a verb.
            let before = self.lower(t - 1);
            if before.ends_with("'s") || before.ends_with("\u{2019}s") || is_determiner(&before) {
                return None;
            }
        }
        if lexicons::is_also_a_noun(word) && self.is_capitalized(t) && !self.title_case[t] {
            // "the United States", "The Post": a name, not a cue.
            return None;
        }
        if lexicons::is_also_a_noun(word) && t > 0 && !self.quoted[t - 1] {
            // Only after what can be a subject or an auxiliary: `Trump calls`, `he has
            // called`, `the statement reads`; not `their phone call`, `the report`.
            let before = self.lower(t - 1);
            if next == Some("of") || lexicons::is_demonym(self.word(t - 1)) {
                // `claims of`, `Republican claims`
                return None;
            }
            let subject_like = self.is_capitalized(t - 1)
                || lexicons::speaker_pronoun(self.word(t - 1)).is_some()
                || is_adverb_or_auxiliary(&before)
                || is_ly_adverb(self.word(t - 1))
                || matches!(&*before, "," | "who" | "which" | "that")
                || lexicons::is_speaker_noun(&before);
            if !subject_like {
                return None;
            }
        }
        Some(lemma)
    }

    /// Where a phrase may end, going left from `end` over adverbs, auxiliaries, dates and a
    /// parenthesis: `Trump (R) has also` ... `said`.
    fn skip_left(&self, mut end: usize, floor: usize) -> usize {
        while end > floor && !self.quoted[end - 1] {
            let t = end - 1;
            let lower = self.lower(t);
            // `on Tuesday`, `last week`
            let before_date = matches!(&*lower, "on" | "last" | "this" | "late" | "early")
                && end < self.doc.tokens.len()
                && dates::is_date_word(self.word(end));
            if is_adverb_or_auxiliary(&lower) && !self.is_capitalized(t)
                || is_ly_adverb(self.word(t))
                || dates::is_date_word(self.word(t))
                || before_date
            {
                end = t;
            } else if lower == ")" {
                match (floor..t).rev().take(10).find(|&k| self.word(k) == "(") {
                    Some(open) => end = open,
                    None => break,
                }
            } else {
                break;
            }
        }
        end
    }

    /// The subject of the verb at token `cue`, not reaching before token `floor`: `Miller said`,
    /// `Trump, the Republican nominee, said`, `Trump, who has called ..., said`.
    pub fn subject_before(&self, cue: usize, floor: usize) -> Option<Phrase> {
        let end = self.skip_left(cue, floor);
        if end <= floor {
            return None;
        }
        let participle = self.word(cue).ends_with("ing");
        let last = self.lower(end - 1);
        if participle && !self.quoted[end - 1] {
            // `with Sen. John McCain calling it`: the name right after "with".
            let named = self.phrase_ending(end, floor).filter(|p| {
                matches!(p.kind, PhraseKind::Name | PhraseKind::Pronoun(_))
                    && p.start > floor
                    && matches!(&*self.lower(p.start - 1), "with" | "of")
            });
            if named.is_some() {
                return named;
            }
        }
        if participle {
            // `“…,” said Rep. Bobby Scott, adding that “…”`: the speaker of the cue before.
            let earlier = (floor..cue).rev().find(|&c| self.cue(c).is_some());
            if let Some(c) = earlier {
                let speaker = self
                    .subject_before(c, floor)
                    .or_else(|| self.phrase_from(c + 1, cue));
                if speaker.is_some() {
                    return speaker;
                }
            }
        }
        if participle || matches!(&*last, "and" | "but" | "to") {
            // `Trump bemoaned the unrest and said`, `Clinton mocked it, saying`, `Trump went on
            // to say`: the subject of the sentence; `After saying ..., she`: the one after.
            let sentence_end = self
                .doc
                .sentence_at(self.doc.tokens[cue].span().start)
                .map_or(cue, |s| self.doc.sentences[s].tokens.end);
            return self.sentence_subject(floor, cue).or_else(|| {
                self.sentence_subject(floor, sentence_end)
                    .filter(|p| participle && p.start > cue)
            });
        }
        if self.quoted[end - 1] {
            return None;
        }
        if matches!(&*last, "who" | "which") {
            // `Trump, who ...`: the relative pronoun, standing for the phrase before it.
            let mut before = end - 1;
            while before > floor && (self.word(before - 1) == "," || is_dash(self.word(before - 1)))
            {
                before -= 1;
            }
            let antecedent = self.phrase_ending(before, floor)?;
            return Some(Phrase {
                start: end - 1,
                end,
                kind: PhraseKind::Relative(antecedent.start, antecedent.end),
            });
        }
        if last == "," || is_dash(&last) {
            return self.before_appositives(end - 1, floor);
        }
        let phrase = self.phrase_ending(end, floor)?;
        // `Beck, who has in the past described`, `Trump on Twitter called`: a prepositional
        // phrase of time or setting between the subject and its verb.
        let setting = phrase.start > floor
            && matches!(
                &*self.lower(phrase.start - 1),
                "in" | "on" | "at" | "during" | "over" | "via"
            )
            && (phrase.kind == PhraseKind::Description || is_setting(self.word(phrase.end - 1)));
        if setting {
            return self.subject_before(phrase.start - 1, floor);
        }
        // `Protesters marching through the streets chanted`: the phrase before the verb is the
        // object of a preposition inside the subject; the sentence's subject is the speaker.
        let in_prepositional = phrase.start > floor
            && matches!(
                &*self.lower(phrase.start - 1),
                "through"
                    | "in"
                    | "at"
                    | "on"
                    | "from"
                    | "near"
                    | "outside"
                    | "across"
                    | "around"
                    | "to"
                    | "with"
                    | "of"
                    | "for"
                    | "about"
            );
        if in_prepositional {
            let subject = self.sentence_subject(floor, phrase.start - 1).filter(|s| {
                (s.end..phrase.start).all(|t| {
                    !self.is_punct(t)
                        && (self.cue(t).is_none() || self.word(t).ends_with("ing"))
                        && !self.quoted[t]
                })
            });
            if subject.is_some() {
                return subject;
            }
        }
        Some(phrase)
    }

    /// A noun that reports speech after a possessive, before the quote: `Trump's claim that
    /// “…”`, `his repeated emphasis that`, `her assertion during the debate that`. The possessor
    /// is the speaker; returns the possessive phrase and the noun.
    pub fn possessive_cue(&self, from: usize, to: usize) -> Option<(Phrase, usize)> {
        (from..to)
            .rev()
            .filter(|&t| !self.quoted[t])
            .find_map(|noun| {
                if !lexicons::is_speech_noun(&self.lower(noun)) {
                    return None;
                }
                // Only a noun that introduces what was said: `claim that`, `words: “…”`.
                if noun + 1 >= to || !matches!(self.word(noun + 1), "that" | ":") {
                    return None;
                }
                // Up to two adjectives between the possessive and the noun.
                (noun.saturating_sub(3).max(from)..noun)
                    .rev()
                    .find_map(|p| {
                        let word = self.word(p);
                        let lower = lexicons::lowercase(word);
                        if matches!(&*lower, "his" | "her" | "their" | "its") {
                            let pronoun = match &*lower {
                                "his" => Pronoun::He,
                                "her" => Pronoun::She,
                                "its" => Pronoun::It,
                                _ => Pronoun::They,
                            };
                            return Some((
                                Phrase {
                                    start: p,
                                    end: p + 1,
                                    kind: PhraseKind::Pronoun(pronoun),
                                },
                                noun,
                            ));
                        }
                        if self.is_capitalized(p)
                            && (lower.ends_with("'s") || lower.ends_with("\u{2019}s"))
                        {
                            let phrase = self.phrase_ending(p + 1, from)?;
                            return Some((phrase, noun));
                        }
                        None
                    })
            })
    }

    /// The subject before the asides that end with the comma at token `comma`: `Speaker Paul
    /// Ryan, the top Republican, on Tuesday called` · `Cory James, 22, of Flint, Mich., said`.
    /// Of the commas before, the leftmost whose phrase fills its whole stretch and names someone.
    fn before_appositives(&self, comma: usize, floor: usize) -> Option<Phrase> {
        let lowest = floor.max(comma.saturating_sub(40));
        // Asides set off by commas, or by dashes (not a dateline's dash before a comma aside).
        let dashes = is_dash(self.word(comma));
        let commas: Vec<usize> = (lowest..comma)
            .rev()
            .take_while(|&k| !self.quoted[k] && self.cue(k).is_none())
            .filter(|&k| {
                let w = self.word(k);
                if dashes {
                    is_dash(w)
                } else {
                    w == ","
                }
            })
            .collect();
        let fills = |p: &Phrase| p.start == floor || p.start > floor && self.is_punct(p.start - 1);
        let mut best = None;
        for &c in &commas {
            if let Some(p) = self.phrase_ending(c, floor) {
                let names = p.kind != PhraseKind::Description || p.end - p.start > 1;
                if names && fills(&p) {
                    best = Some(p);
                }
            }
        }
        best.or_else(|| {
            let nearest = *commas.first()?;
            self.phrase_ending(nearest, floor)
                .filter(|p| p.kind != PhraseKind::Description || p.end - p.start > 1)
        })
    }

    /// The phrase that opens the sentence starting at token `start`, after a conjunction or an
    /// opening clause set off by a comma (`But`, `On Tuesday,`, `In a statement,`).
    pub fn sentence_subject(&self, start: usize, limit: usize) -> Option<Phrase> {
        let mut first = start;
        // A dateline: `WASHINGTON (AFP) -`.
        if let Some(dash) = (first..limit.min(first + 12)).find(|&t| is_dash(self.word(t))) {
            if (first..dash).all(|t| {
                self.is_capitalized(t)
                    || self.is_punct(t)
                    || self.doc.tokens[t].kind() == TokenKind::Number
            }) {
                first = dash + 1;
            }
        }
        // A sentence that opens with a quote: the subject follows it.
        while first < limit && (self.quoted[first] || self.word(first) == ",") {
            first += 1;
        }
        while first < limit
            && matches!(
                &*self.lower(first),
                "but" | "and" | "so" | "yet" | "still" | "meanwhile" | "however" | "then"
            )
        {
            first += 1;
        }
        // An opening clause: `On Tuesday,`, `Speaking to reporters,`, `Eight years ago,`.
        let comma =
            (first..limit.min(first + 25)).find(|&t| self.word(t) == "," && !self.quoted[t]);
        if let Some(comma) = comma {
            let lower = self.lower(first);
            let opener = is_closed_class(&lower)
                || lower.ends_with("ing")
                || lower.ends_with("ed")
                || lower.ends_with("ly") && lexicons::gender_of(self.word(first)).is_none()
                || (first..comma).any(|t| {
                    let w = self.word(t);
                    dates::is_date_word(w)
                        || matches!(w, "ago" | "Earlier" | "Later" | "Likewise")
                        || self.doc.tokens[t].kind() == TokenKind::Number
                });
            if opener {
                first = comma + 1;
                while first < limit && self.quoted[first] {
                    first += 1;
                }
            }
        }
        self.phrase_from(first, limit)
    }

    /// The phrase that ends just before token `end`.
    pub fn phrase_ending(&self, mut end: usize, floor: usize) -> Option<Phrase> {
        if end <= floor || self.quoted[end - 1] {
            return None;
        }
        if self.word(end - 1) == ")" {
            // `Rep. Elijah Cummings (D-Md.)`
            end = (floor..end - 1)
                .rev()
                .take(10)
                .find(|&k| self.word(k) == "(")?;
            if end <= floor {
                return None;
            }
        }
        let last = end - 1;
        if let Some(p) = lexicons::speaker_pronoun(self.word(last)) {
            return Some(Phrase {
                start: last,
                end,
                kind: PhraseKind::Pronoun(p),
            });
        }
        let mut start = end;
        while start > floor && end - start < MAX_PHRASE {
            let t = start - 1;
            if self.quoted[t] || self.is_punct(t) {
                break;
            }
            let lower = self.lower(t);
            if is_determiner(&lower) {
                start = t;
                break;
            }
            if matches!(&*lower, "of" | "for")
                && start < end
                && t > floor
                && (lexicons::is_role_word(self.word(t - 1))
                    || self.is_capitalized(t - 1) && self.is_capitalized(start))
            {
                start = t;
                continue;
            }
            if self.is_stop(t)
                || lexicons::speaker_pronoun(self.word(t)).is_some()
                || self.cue(t).is_some() && !self.is_capitalized(t)
                || dates::is_date_word(self.word(t))
            {
                break;
            }
            start = t;
        }
        self.phrase(start, end)
    }

    /// The phrase that starts at token `start`, not reaching `limit`: `said Hough`, `said one
    /// Trump confidant`, `according to the Daily News`.
    pub fn phrase_from(&self, start: usize, limit: usize) -> Option<Phrase> {
        if start >= limit || self.quoted[start] {
            return None;
        }
        if let Some(p) = lexicons::speaker_pronoun(self.word(start)) {
            return Some(Phrase {
                start,
                end: start + 1,
                kind: PhraseKind::Pronoun(p),
            });
        }
        let mut end = start;
        if is_determiner(&self.lower(start)) {
            end += 1;
        }
        while end < limit && end - start < MAX_PHRASE {
            let number = |k: usize| self.doc.tokens[k].kind() == TokenKind::Number;
            if self.word(end) == "/"
                && end > start
                && end + 1 < limit
                && number(end - 1)
                && number(end + 1)
            {
                // `9/11 widow Terry Strada`
                end += 2;
                continue;
            }
            if self.quoted[end] || self.is_punct(end) {
                break;
            }
            let lower = self.lower(end);
            if lower == "and"
                && end > start
                && end + 1 < limit
                && self.is_capitalized(end - 1)
                && self.is_capitalized(end + 1)
                && !self.quoted[end + 1]
            {
                // `Sens. Ann Lee and Bo Park said`
                end += 1;
                continue;
            }
            if matches!(&*lower, "of" | "for")
                && end > start
                && end + 1 < limit
                && (lexicons::is_role_word(self.word(end - 1))
                    || self.is_capitalized(end - 1) && self.is_capitalized(end + 1))
            {
                end += 1;
                continue;
            }
            if self.is_stop(end)
                || is_determiner(&lower)
                || lexicons::speaker_pronoun(self.word(end)).is_some()
                || self.cue(end).is_some() && (!self.is_capitalized(end) || end > start)
                || dates::is_date_word(self.word(end))
            {
                break;
            }
            let content_before = (start..end).any(|t| !is_determiner(&self.lower(t)));
            let past_tense = lower.ends_with("ed") && !lexicons::is_role_word(&lower);
            let head_before_cue = end + 1 < limit && self.cue(end + 1).is_some() && !past_tense;
            if !self.is_capitalized(end)
                && ((start..end).any(|t| self.is_capitalized(t)) || content_before && past_tense)
                && !self.leads_to_a_noun(end, limit)
                && !head_before_cue
            {
                // After a name, a lowercase word belongs to the phrase only on the way to a
                // role or another name ("Republican presidential nominee Donald Trump"); else it
                // is the verb ("Rubio pushed back").
                break;
            }
            end += 1;
        }
        // A verb or adverb run on after the name: "said Trump adding".
        while end > start + 1 && {
            let w = self.word(end - 1);
            !self.is_capitalized(end - 1)
                && (w.ends_with("ing") || w.ends_with("ed") || w.ends_with("ly"))
                && !lexicons::is_role_word(w)
        } {
            end -= 1;
        }
        self.phrase(start, end)
    }

    /// Whether the lowercase words from `t` lead, within three, to a role, a speaker noun or a
    /// capitalized word.
    fn leads_to_a_noun(&self, t: usize, limit: usize) -> bool {
        (t..limit.min(t + 3))
            .take_while(|&k| !self.quoted[k] && !self.is_punct(k) && !self.is_stop(k))
            .any(|k| {
                let w = self.word(k);
                self.is_capitalized(k) || lexicons::is_role_word(w) || lexicons::is_speaker_noun(w)
            })
    }

    /// Tokens `start..end` as a speaker phrase, if they can be one.
    pub fn phrase(&self, start: usize, end: usize) -> Option<Phrase> {
        if start >= end {
            return None;
        }
        let last = end - 1;
        let determined = is_determiner(&self.lower(start));
        if determined && start == last {
            // `Another said`, `One added`, `Some called it`: a determiner standing alone.
            let alone = matches!(
                &*self.lower(start),
                "another" | "one" | "some" | "many" | "several" | "both" | "most" | "few" | "all"
            );
            return alone.then_some(Phrase {
                start,
                end,
                kind: PhraseKind::Description,
            });
        }
        let kind = if self.is_capitalized(last) {
            PhraseKind::Name
        } else {
            let head = self.word(last);
            // A lone lowercase word is a speaker only as a plural or a role: "officials".
            let plural = head.len() > 3 && head.ends_with('s') && !head.ends_with("ss");
            let verbish = head.ends_with("ing") || head.ends_with("ed") || head.ends_with("ly");
            let role = lexicons::is_role_word(head) || lexicons::is_speaker_noun(head);
            let first = self.word(start);
            let starts_verbish = !determined
                && (first.ends_with("ed") || first.ends_with("ing"))
                && !lexicons::is_role_word(first)
                && !(role || plural && end - start > 1);
            if verbish && !role
                || starts_verbish
                || !(determined || plural || role || end - start > 1)
            {
                return None;
            }
            PhraseKind::Description
        };
        Some(Phrase { start, end, kind })
    }
}

pub fn is_dash(word: &str) -> bool {
    matches!(word, "\u{2014}" | "\u{2013}" | "\u{2015}" | "-" | "--")
}

fn is_determiner(lower: &str) -> bool {
    matches!(
        lower,
        "the"
            | "a"
            | "an"
            | "this"
            | "these"
            | "those"
            | "one"
            | "another"
            | "some"
            | "many"
            | "several"
            | "both"
            | "each"
            | "every"
            | "his"
            | "her"
            | "their"
            | "its"
            | "our"
            | "my"
            | "your"
            | "two"
            | "three"
            | "four"
            | "five"
            | "few"
            | "most"
            | "all"
            | "any"
    )
}

pub fn is_adverb_or_auxiliary(lower: &str) -> bool {
    matches!(
        lower,
        "also"
            | "later"
            | "then"
            | "again"
            | "once"
            | "still"
            | "further"
            | "earlier"
            | "now"
            | "has"
            | "have"
            | "had"
            | "would"
            | "will"
            | "was"
            | "is"
            | "were"
            | "are"
            | "did"
            | "does"
            | "do"
            | "could"
            | "might"
            | "may"
            | "can"
            | "should"
            | "not"
            | "never"
            | "even"
            | "just"
            | "often"
            | "reportedly"
            | "repeatedly"
            | "since"
            | "yesterday"
            | "today"
            | "tonight"
            | "morning"
            | "afternoon"
            | "evening"
            | "night"
            | "week"
    )
}

/// A lowercase adverb in -ly: `recently`, `angrily` (not `Kelly` or `July`).
pub fn is_ly_adverb(word: &str) -> bool {
    word.len() > 4 && word.ends_with("ly") && word.starts_with(|c: char| c.is_lowercase())
}

/// Words that end a phrase: prepositions, conjunctions, auxiliaries, some adverbs.
fn is_closed_class(lower: &str) -> bool {
    is_adverb_or_auxiliary(lower)
        || matches!(
            lower,
            "in" | "on"
                | "at"
                | "to"
                | "from"
                | "with"
                | "by"
                | "about"
                | "after"
                | "before"
                | "during"
                | "over"
                | "under"
                | "into"
                | "than"
                | "as"
                | "like"
                | "until"
                | "through"
                | "against"
                | "among"
                | "between"
                | "without"
                | "within"
                | "toward"
                | "towards"
                | "upon"
                | "via"
                | "per"
                | "across"
                | "behind"
                | "near"
                | "amid"
                | "despite"
                | "of"
                | "for"
                | "and"
                | "or"
                | "but"
                | "nor"
                | "so"
                | "yet"
                | "that"
                | "which"
                | "who"
                | "whom"
                | "whose"
                | "when"
                | "where"
                | "while"
                | "because"
                | "if"
                | "although"
                | "though"
                | "whether"
                | "unless"
                | "be"
                | "been"
                | "being"
                | "am"
                | "having"
                | "there"
                | "here"
                | "now"
                | "only"
                | "too"
                | "very"
                | "what"
                | "how"
                | "why"
                | "him"
                | "them"
                | "us"
                | "me"
                | "it"
                | "you"
                | "not"
                | "no"
                | "said"
                | "says"
                | "seen"
                | "written"
                | "given"
                | "taken"
                | "made"
                | "sent"
                | "held"
                | "known"
                | "shown"
        )
}

/// Where or when something was said: `on Twitter`, `in an interview`, `in the past`.
fn is_setting(word: &str) -> bool {
    matches!(
        word.to_lowercase().as_str(),
        "twitter" | "facebook" | "instagram" | "cnn" | "fox" | "msnbc" | "nbc" | "abc" | "cbs"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Runs `f` on the tokens of `text`, with a way to find a token by its text.
    fn with<T>(text: &str, f: impl FnOnce(&Tokens, &dyn Fn(&str) -> usize) -> T) -> T {
        let doc = Document::new(text);
        let quoted = vec![false; doc.tokens.len()];
        let tokens = Tokens::new(&doc, &quoted);
        let find = |w: &str| {
            (0..doc.tokens.len())
                .find(|&t| doc.token_text(t) == w)
                .unwrap()
        };
        f(&tokens, &find)
    }

    #[test]
    fn four_letters_are_counted_as_the_chars_say() {
        let by_chars = |w: &str| w.chars().filter(|c| c.is_alphabetic()).count() >= 4;
        for word in [
            "",
            "ab",
            "abc",
            "abcd",
            "ab1d",
            "ab-cd",
            "éabc",
            "ab’c",
            "Ωmega",
            "123",
            "a.b.c.d",
            "日本語の",
        ] {
            assert_eq!(has_four_letters(word), by_chars(word), "{word:?}");
        }
    }

    /// Regression: 40,000 quotes among a few words took 2.5 s per MB, each quote's layouts
    /// reading the cues of the same few hundred tokens around it again. A cue is read once per
    /// token and remembered; asked again, in any order, it is the same.
    #[test]
    fn a_cue_asked_again_is_the_cue_read_once() {
        let text = "\"Yes,\" she said. The report said so. As he put it, the plan \"was fine,\" \
                    according to aides, who told reporters.";
        with(text, |tokens, find| {
            let count = tokens.doc.tokens.len();
            let backwards: Vec<_> = (0..count).rev().map(|t| tokens.cue(t)).collect();
            for t in 0..count {
                assert_eq!(tokens.cue(t), tokens.read_cue(t), "{}", tokens.word(t));
                assert_eq!(tokens.cue(t), backwards[count - 1 - t]);
            }
            assert_eq!(tokens.cue(find("she") + 1), Some("say"));
            assert_eq!(tokens.cue(find("put")), Some("put it"));
            assert_eq!(tokens.cue(find("according")), Some("according to"));
            assert_eq!(tokens.cue(find("told")), Some("tell"));
            assert_eq!(tokens.cue(find("report")), None);
            assert_eq!(tokens.cue(count), None);
        });
    }

    fn text_of(tokens: &Tokens, p: Option<Phrase>) -> Option<String> {
        let p = p?;
        let span = crate::text::Span::new(
            tokens.doc.tokens[p.start].span().start,
            tokens.doc.tokens[p.end - 1].span().end,
        );
        Some(tokens.doc.slice(span).to_owned())
    }

    #[test]
    fn subject_before_a_cue_skips_adverbs_and_appositives() {
        for (text, subject) in [
            (
                "State Department spokesman Matthew Miller told reporters.",
                "State Department spokesman Matthew Miller",
            ),
            ("Hamas on Tuesday said that talks went well.", "Hamas"),
            ("Ann Lee, a spokeswoman for the group, said so.", "Ann Lee"),
            ("Lee, who has long opposed it, also said so.", "Lee"),
            ("Then the former president said so.", "the former president"),
            ("Officials said so.", "Officials"),
        ] {
            let found = with(text, |tokens, _| {
                let cue = (0..tokens.doc.tokens.len())
                    .find(|&t| tokens.cue(t).is_some())
                    .unwrap();
                text_of(tokens, tokens.subject_before(cue, 0))
            });
            assert_eq!(found.as_deref(), Some(subject), "{text}");
        }
    }

    #[test]
    fn phrase_after_a_cue_stops_at_prepositions_and_commas() {
        for (text, after, phrase) in [
            (
                "said one senior official at the meeting",
                "said",
                "one senior official",
            ),
            ("said Ann Lee of Ohio, a voter", "said", "Ann Lee of Ohio"),
            ("said he.", "said", "he"),
        ] {
            let found = with(text, |tokens, find| {
                let t = find(after);
                text_of(tokens, tokens.phrase_from(t + 1, tokens.doc.tokens.len()))
            });
            assert_eq!(found.as_deref(), Some(phrase), "{text}");
        }
    }

    #[test]
    fn a_determiner_makes_an_ambiguous_cue_a_noun() {
        with("The report said it. They report it.", |tokens, find| {
            assert_eq!(tokens.cue(find("report")), None);
            assert_eq!(tokens.cue(find("said")), Some("say"));
        });
    }
}
