//! Cues and speaker phrases, read from the tokens around a quote without a parser: a speech verb
//! (`said`, `told`, `according to`), the subject before it (`State Department spokesman Matthew
//! Miller`, `he`, `the Republican nominee`, `Trump, who ...,`) or the phrase after it
//! (`said one senior official`). Closed word classes (determiners, prepositions, auxiliaries)
//! bound the phrases; capitalization and the last word say whether a phrase names or describes.

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
}

const MAX_PHRASE: usize = 9;

impl Tokens<'_, '_> {
    pub fn word(&self, t: usize) -> &str {
        self.doc.token_text(t)
    }

    fn lower(&self, t: usize) -> String {
        self.word(t).to_lowercase()
    }

    fn is_punct(&self, t: usize) -> bool {
        self.doc.tokens[t].kind == TokenKind::Punct
    }

    fn is_capitalized(&self, t: usize) -> bool {
        self.word(t).starts_with(|c: char| c.is_uppercase())
    }

    /// The speech verb at token `t`, unless a determiner makes it a noun ("the report").
    pub fn cue(&self, t: usize) -> Option<&'static str> {
        if self.quoted[t] {
            return None;
        }
        let word = self.word(t);
        if word.eq_ignore_ascii_case("according") {
            let to = self.doc.tokens.get(t + 1).map(|_| self.word(t + 1));
            return (to == Some("to")).then_some("according to");
        }
        let lemma = lexicons::speech_verb(word)?;
        if lexicons::is_also_a_noun(word) && self.is_capitalized(t) {
            // "the United States", "The Post": a name, not a cue.
            return None;
        }
        if lexicons::is_also_a_noun(word) && t > 0 {
            let before = self.lower(t - 1);
            if is_determiner(&before) || before.ends_with("'s") || before.ends_with("\u{2019}s") {
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
            if is_adverb_or_auxiliary(&lower) || dates::is_date_word(self.word(t)) {
                end = t;
            } else if matches!(lower.as_str(), "on" | "last" | "this" | "late" | "early")
                && end < self.doc.tokens.len()
                && dates::is_date_word(self.word(end))
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
        if end <= floor || self.quoted[end - 1] && !participle {
            return None;
        }
        let last = self.lower(end - 1);
        if matches!(last.as_str(), "and" | "but" | "to")
            || participle && (last == "," || self.quoted[end - 1])
        {
            // `Trump bemoaned the unrest and said`, `Clinton mocked it, saying`: the subject
            // of the sentence.
            return self.sentence_subject(floor, cue);
        }
        if matches!(last.as_str(), "who" | "which") {
            // Trump, who ... : the phrase before the relative pronoun.
            let mut before = end - 1;
            if before > floor && self.word(before - 1) == "," {
                before -= 1;
            }
            return self.phrase_ending(before, floor);
        }
        if last == "," {
            // An appositive or aside between two commas: the phrase before the first.
            let first = (floor.max(end.saturating_sub(30))..end - 1)
                .rev()
                .take_while(|&k| !self.quoted[k])
                .find(|&k| self.word(k) == ",");
            return match first {
                Some(comma) => self
                    .phrase_ending(comma, floor)
                    .filter(|p| p.kind != PhraseKind::Description || p.end - p.start > 1),
                None => None,
            };
        }
        self.phrase_ending(end, floor)
    }

    /// The phrase that opens the sentence starting at token `start`, after a conjunction or an
    /// opening clause set off by a comma (`But`, `On Tuesday,`, `In a statement,`).
    pub fn sentence_subject(&self, start: usize, limit: usize) -> Option<Phrase> {
        let mut first = start;
        // A sentence that opens with a quote: the subject follows it.
        while first < limit && (self.quoted[first] || self.word(first) == ",") {
            first += 1;
        }
        while first < limit
            && matches!(
                self.lower(first).as_str(),
                "but" | "and" | "so" | "yet" | "still" | "meanwhile" | "however" | "then"
            )
        {
            first += 1;
        }
        if first < limit && is_closed_class(&self.lower(first)) {
            let comma = (first..limit.min(first + 15)).find(|&t| self.word(t) == ",")?;
            first = comma + 1;
        }
        let phrase = self.phrase_from(first, limit)?;
        // The subject is followed by its verb, not by more of a list or a clause.
        let next = self
            .doc
            .tokens
            .get(phrase.end)
            .map(|_| self.word(phrase.end));
        (!matches!(next, Some("and" | "of"))).then_some(phrase)
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
            if matches!(lower.as_str(), "of" | "for")
                && start < end
                && t > floor
                && (lexicons::is_role_word(self.word(t - 1))
                    || self.is_capitalized(t - 1) && self.is_capitalized(start))
            {
                start = t;
                continue;
            }
            if is_closed_class(&lower)
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
            if self.quoted[end] || self.is_punct(end) {
                break;
            }
            let lower = self.lower(end);
            if matches!(lower.as_str(), "of" | "for")
                && end > start
                && end + 1 < limit
                && (lexicons::is_role_word(self.word(end - 1))
                    || self.is_capitalized(end - 1) && self.is_capitalized(end + 1))
            {
                end += 1;
                continue;
            }
            if is_closed_class(&lower)
                || is_determiner(&lower)
                || lexicons::speaker_pronoun(self.word(end)).is_some()
                || self.cue(end).is_some() && (!self.is_capitalized(end) || end > start)
                || dates::is_date_word(self.word(end))
            {
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

    /// Tokens `start..end` as a speaker phrase, if they can be one.
    fn phrase(&self, start: usize, end: usize) -> Option<Phrase> {
        if start >= end {
            return None;
        }
        let last = end - 1;
        let determined = is_determiner(&self.lower(start));
        if determined && start == last {
            return None;
        }
        let kind = if self.is_capitalized(last) {
            PhraseKind::Name
        } else {
            let head = self.word(last);
            // A lone lowercase word is a speaker only as a plural or a role: "officials".
            let plural = head.len() > 3 && head.ends_with('s') && !head.ends_with("ss");
            let verbish = head.ends_with("ing") || head.ends_with("ed") || head.ends_with("ly");
            let role = lexicons::is_role_word(head) || is_speaker_noun(head);
            if verbish && !role || !(determined || plural || role || end - start > 1) {
                return None;
            }
            PhraseKind::Description
        };
        Some(Phrase { start, end, kind })
    }
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

fn is_adverb_or_auxiliary(lower: &str) -> bool {
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
            | "since"
            | "yesterday"
            | "today"
            | "tonight"
            | "morning"
            | "afternoon"
            | "evening"
            | "night"
            | "week"
    ) || lower.len() > 4 && lower.ends_with("ly") && lower != "july"
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
        )
}

/// Common nouns for those who speak, beyond the role words: "a source", "the statement".
fn is_speaker_noun(word: &str) -> bool {
    matches!(
        word.to_lowercase().as_str(),
        "source"
            | "sources"
            | "aide"
            | "aides"
            | "official"
            | "officials"
            | "statement"
            | "report"
            | "campaign"
            | "spokesperson"
            | "voter"
            | "voters"
            | "supporter"
            | "supporters"
            | "critic"
            | "critics"
            | "expert"
            | "experts"
            | "lawyer"
            | "lawyers"
            | "friend"
            | "man"
            | "woman"
            | "people"
            | "police"
            | "group"
            | "organization"
            | "website"
            | "newspaper"
            | "paper"
            | "article"
            | "poll"
            | "study"
            | "memo"
            | "letter"
            | "ad"
            | "spokesman"
            | "spokeswoman"
            | "confidant"
            | "strategist"
            | "operative"
            | "pollster"
            | "economist"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The phrase text for a search from the token with text `at` in `text`.
    fn with<T>(text: &str, f: impl FnOnce(&Tokens, &dyn Fn(&str) -> usize) -> T) -> T {
        let doc = Document::new(text);
        let quoted = vec![false; doc.tokens.len()];
        let tokens = Tokens {
            doc: &doc,
            quoted: &quoted,
        };
        let find = |w: &str| {
            (0..doc.tokens.len())
                .find(|&t| doc.token_text(t) == w)
                .unwrap()
        };
        f(&tokens, &find)
    }

    fn text_of(tokens: &Tokens, p: Option<Phrase>) -> Option<String> {
        let p = p?;
        let span = crate::text::Span::new(
            tokens.doc.tokens[p.start].span.start,
            tokens.doc.tokens[p.end - 1].span.end,
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
            let found = with(text, |tokens, find| {
                let cue = (0..tokens.doc.tokens.len())
                    .find(|&t| tokens.cue(t).is_some())
                    .unwrap();
                let _ = find;
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
