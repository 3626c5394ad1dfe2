//! Named-entity tagging: a label per token (BIO, with PER / ORG / LOC / MISC, as CoNLL-2003 has
//! them), for a document given as sentences of tokens.
//!
//! This tagger reads capitalization and consults small name lists and the gazetteer; it is the
//! baseline a trained model replaces behind the same `tag_document` call.

use crate::{dates, gazetteer, lexicons};

/// An entity class, as CoNLL-2003 defines them.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Class {
    Per,
    Org,
    Loc,
    Misc,
}

impl Class {
    pub fn name(self) -> &'static str {
        match self {
            Class::Per => "PER",
            Class::Org => "ORG",
            Class::Loc => "LOC",
            Class::Misc => "MISC",
        }
    }
}

/// A token's label: outside any entity, or beginning or inside one.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Label {
    Out,
    Begin(Class),
    Inside(Class),
}

impl Label {
    /// The label as CoNLL writes it: `O`, `B-PER`, `I-LOC`, ...
    pub fn conll(self) -> String {
        match self {
            Label::Out => "O".to_owned(),
            Label::Begin(c) => format!("B-{}", c.name()),
            Label::Inside(c) => format!("I-{}", c.name()),
        }
    }
}

/// A tagged entity: tokens `start..end` of one sentence.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Chunk {
    pub start: usize,
    pub end: usize,
    pub class: Class,
}

/// Reads the entities out of a sentence's labels (an `Inside` without a `Begin` starts one).
pub fn chunks(labels: &[Label]) -> Vec<Chunk> {
    let mut out: Vec<Chunk> = Vec::new();
    for (i, label) in labels.iter().enumerate() {
        match *label {
            Label::Out => {}
            Label::Inside(c) if out.last().is_some_and(|l| l.end == i && l.class == c) => {
                out.last_mut().expect("checked above").end = i + 1;
            }
            Label::Begin(c) | Label::Inside(c) => out.push(Chunk {
                start: i,
                end: i + 1,
                class: c,
            }),
        }
    }
    out
}

/// Labels every token of a document, given as sentences of token strings.
pub fn tag_document(sentences: &[Vec<&str>]) -> Vec<Vec<Label>> {
    let mut labels: Vec<Vec<Label>> = sentences.iter().map(|s| first_pass(s)).collect();
    // A surname alone ("Miller said") is the person named in full elsewhere in the article.
    let mut surnames = std::collections::HashSet::new();
    for (sentence, labels) in sentences.iter().zip(&labels) {
        for chunk in chunks(labels) {
            if chunk.class == Class::Per && chunk.end - chunk.start > 1 {
                surnames.insert(sentence[chunk.end - 1]);
            }
        }
    }
    for (sentence, labels) in sentences.iter().zip(labels.iter_mut()) {
        for (i, word) in sentence.iter().enumerate() {
            let alone = labels[i] == Label::Out || (labels[i] == Label::Begin(Class::Misc));
            let next_free = labels
                .get(i + 1)
                .is_none_or(|l| !matches!(l, Label::Inside(_)));
            if alone && next_free && surnames.contains(word) {
                labels[i] = Label::Begin(Class::Per);
            }
        }
    }
    labels
}

fn is_capitalized(word: &str) -> bool {
    word.chars().next().is_some_and(char::is_uppercase)
}

fn is_connector(word: &str) -> bool {
    matches!(
        word,
        "of" | "de" | "del" | "van" | "von" | "bin" | "al" | "for" | "and" | "&"
    )
}

fn is_common_opener(word: &str) -> bool {
    lexicons::is_sentence_opener(word)
        || lexicons::speaker_pronoun(word).is_some()
        || lexicons::speech_verb(word).is_some()
}

/// Labels one sentence from capitalization and the lists, without looking at the rest.
fn first_pass(words: &[&str]) -> Vec<Label> {
    let mut labels = vec![Label::Out; words.len()];
    let mut i = 0;
    while i < words.len() {
        if !starts_run(words[i]) {
            i += 1;
            continue;
        }
        let mut end = i + 1;
        while end < words.len() {
            if continues_run(words[end]) {
                end += 1;
            } else if is_connector(words[end])
                && words.get(end + 1).is_some_and(|w| continues_run(w))
            {
                end += 2;
            } else {
                break;
            }
        }
        label_run(words, i, end, &mut labels);
        i = end;
    }
    labels
}

fn starts_run(word: &str) -> bool {
    // Capitalized "The", "He" or "Said" open sentences and quotes, not names.
    is_capitalized(word) && !dates::is_date_word(word) && !is_common_opener(word)
}

fn continues_run(word: &str) -> bool {
    is_capitalized(word) && !dates::is_date_word(word)
}

/// Labels the capitalized run `words[start..end]`: titles are cut off the front ("Defense Minister
/// Israel Katz"), demonyms stand alone, and what is left is classed by its words.
fn label_run(words: &[&str], start: usize, end: usize, labels: &mut [Label]) {
    let mut begin = start;
    // Leading demonyms ("Israeli Defense Minister ...") are groups, not part of the name.
    while begin < end && lexicons::is_demonym(words[begin]) && end - begin > 1 {
        labels[begin] = Label::Begin(Class::Misc);
        begin += 1;
    }
    let last_title = (begin..end)
        .rev()
        .find(|&k| lexicons::is_title_word(words[k]));
    // "Defense Ministry" is an organization; "Press Secretary Karine Jean-Pierre" a person.
    if let Some(last_title) =
        last_title.filter(|&t| !(t + 1..end).any(|k| lexicons::is_org_word(words[k])))
    {
        // "Secretary of State Antony Blinken": the title runs through "of State".
        let mut name_start = last_title + 1;
        if words.get(name_start) == Some(&"of") {
            name_start = (name_start + 2).min(end);
        }
        if name_start < end {
            mark(labels, name_start, end, Class::Per);
        }
        return;
    }
    let run = &words[begin..end];
    let sentence_initial = words[..begin]
        .iter()
        .all(|w| !w.chars().any(char::is_alphanumeric));
    if sentence_initial && run.len() == 1 && !known(run[0]) {
        // "Picture: AFP", "Officials say": a lone sentence-initial word is most often not a name.
        return;
    }
    mark(labels, begin, end, classify(run, words.get(end).copied()));
}

fn known(word: &str) -> bool {
    lexicons::is_demonym(word)
        || lexicons::is_org_word(word)
        || lexicons::is_given_name(word)
        || !gazetteer::lookup(word).is_empty()
}

fn classify(run: &[&str], next: Option<&str>) -> Class {
    if !gazetteer::lookup(&run.join(" ")).is_empty() {
        return Class::Loc;
    }
    if run.iter().any(|w| lexicons::is_org_word(w)) {
        return Class::Org;
    }
    if run.len() == 1 && lexicons::is_demonym(run[0]) {
        return Class::Misc;
    }
    if lexicons::is_given_name(run[0]) || run.len() > 1 {
        return Class::Per;
    }
    let word = run[0];
    if word.len() <= 5 && word.chars().all(|c| c.is_uppercase() || c == '.') {
        return Class::Org;
    }
    if next.is_some_and(|n| lexicons::speech_verb(n).is_some()) {
        return Class::Per;
    }
    Class::Misc
}

fn mark(labels: &mut [Label], start: usize, end: usize, class: Class) {
    for (k, label) in labels.iter_mut().enumerate().take(end).skip(start) {
        *label = if k == start {
            Label::Begin(class)
        } else {
            Label::Inside(class)
        };
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tagged(sentence: &str) -> Vec<(String, &'static str)> {
        let words: Vec<&str> = sentence.split(' ').collect();
        let labels = &tag_document(std::slice::from_ref(&words))[0];
        chunks(labels)
            .into_iter()
            .map(|c| (words[c.start..c.end].join(" "), c.class.name()))
            .collect()
    }

    #[test]
    fn titles_are_cut_from_names() {
        assert_eq!(
            tagged("after Israeli Defense Minister Israel Katz described it"),
            [("Israeli".into(), "MISC"), ("Israel Katz".into(), "PER")]
        );
        assert_eq!(
            tagged("Secretary of State Antony Blinken has paid visits"),
            [("Antony Blinken".into(), "PER")]
        );
    }

    #[test]
    fn places_organizations_and_surnames() {
        assert_eq!(
            tagged("State Department spokesman Matthew Miller told reporters in Jordan"),
            [
                ("State Department".into(), "ORG"),
                ("Matthew Miller".into(), "PER"),
                ("Jordan".into(), "LOC")
            ]
        );
        let doc = [
            vec!["Matthew", "Miller", "spoke"],
            vec!["Miller", "said", "so"],
        ];
        assert_eq!(tag_document(&doc)[1][0], Label::Begin(Class::Per));
    }
}
