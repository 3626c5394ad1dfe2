//! Named-entity tagging: a label per token (BIO, with PER / ORG / LOC / MISC, as CoNLL-2003 has
//! them), for a document given as sentences of tokens.
//!
//! The tagger is a greedy averaged perceptron over BILOU tags (Ratinov and Roth 2009), trained on
//! CoNLL-2003 by `article-analyzer train-ner`. Its features ([`features`]) are the word, its
//! shape and affixes, a window of neighbours, name lists ([`lists`]), the tags already predicted,
//! and what the rest of the article says about the same word: a first pass tags the document,
//! a second pass tags it again knowing how each word was tagged elsewhere. The weights are
//! hashed into a fixed table, quantized and embedded in the binary ([`model`]). Tagging scores
//! and decodes only the tokens that may be in a name: a lowercase word or punctuation among
//! lowercase words is Out (`features::Scored`); training learns from every token.

mod clusters;
pub mod corpus;
mod decode;
mod features;
pub(crate) mod hash;
mod lists;
pub mod model;
pub mod score;
#[cfg(not(target_arch = "wasm32"))]
pub mod train;
#[cfg(not(target_arch = "wasm32"))]
pub mod word_classes;

use std::cell::RefCell;
use std::sync::LazyLock;

pub use decode::{tag_document_with, Tagger};
pub use features::FeatureSet;
pub use model::Model;

/// An entity class, as CoNLL-2003 defines them.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Class {
    Per,
    Org,
    Loc,
    Misc,
}

impl Class {
    pub const ALL: [Class; 4] = [Class::Per, Class::Org, Class::Loc, Class::Misc];

    pub fn name(self) -> &'static str {
        match self {
            Class::Per => "PER",
            Class::Org => "ORG",
            Class::Loc => "LOC",
            Class::Misc => "MISC",
        }
    }

    pub fn parse(name: &str) -> Option<Class> {
        Class::ALL.into_iter().find(|c| c.name() == name)
    }

    fn index(self) -> usize {
        self as usize
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

    /// Reads a CoNLL label; `None` for anything else.
    pub fn parse(label: &str) -> Option<Label> {
        if label == "O" {
            return Some(Label::Out);
        }
        let (position, class) = label.split_once('-')?;
        let class = Class::parse(class)?;
        match position {
            "B" => Some(Label::Begin(class)),
            "I" => Some(Label::Inside(class)),
            _ => None,
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

/// Reads the entities out of a sentence's labels (an `Inside` without a `Begin` starts one, as
/// conlleval reads them).
pub fn chunks(labels: &[Label]) -> Vec<Chunk> {
    each_chunk(labels.iter().copied()).collect()
}

/// The entities of a sentence's labels one by one, as [`chunks`] lists them: the analyzer reads
/// each sentence's once, without a list of them.
pub(crate) fn each_chunk(labels: impl IntoIterator<Item = Label>) -> impl Iterator<Item = Chunk> {
    let mut labels = labels.into_iter().enumerate().peekable();
    std::iter::from_fn(move || {
        let (start, class) = labels.find_map(|(i, label)| match label {
            Label::Out => None,
            Label::Begin(c) | Label::Inside(c) => Some((i, c)),
        })?;
        let mut end = start + 1;
        while labels
            .next_if(|&(_, label)| label == Label::Inside(class))
            .is_some()
        {
            end += 1;
        }
        Some(Chunk { start, end, class })
    })
}

/// A BILOU tag: `O` (0), or a class with the token's place in its entity: Begin, Inside, Last
/// or Unit (a one-token entity). Index `1 + 4 * class + place`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Tag(u8);

/// How many tags there are.
pub(crate) const TAGS: usize = 17;

const BEGIN: u8 = 0;
#[cfg(any(test, not(target_arch = "wasm32")))]
const INSIDE: u8 = 1;
#[cfg(any(test, not(target_arch = "wasm32")))]
const LAST: u8 = 2;
const UNIT: u8 = 3;

impl Tag {
    pub(crate) const OUT: Tag = Tag(0);

    #[cfg(not(target_arch = "wasm32"))]
    fn new(class: Class, place: u8) -> Tag {
        Tag(1 + 4 * class.index() as u8 + place)
    }

    pub(crate) fn index(self) -> usize {
        self.0 as usize
    }

    pub(crate) fn from_index(i: usize) -> Tag {
        Tag(i.min(TAGS - 1) as u8)
    }

    pub(crate) fn class(self) -> Option<Class> {
        (self.0 > 0).then(|| Class::ALL[((self.0 - 1) / 4) as usize % 4])
    }

    fn place(self) -> u8 {
        (self.0.max(1) - 1) % 4
    }

    /// Whether an entity is left open after this tag (Begin or Inside).
    #[cfg(test)]
    fn open(self) -> bool {
        self.0 > 0 && matches!(self.place(), BEGIN | INSIDE)
    }

    /// Whether `self` may follow `prev` in a well-formed BILOU sequence (the rule the decoder's
    /// tables encode).
    #[cfg(test)]
    pub(crate) fn may_follow(self, prev: Tag) -> bool {
        match (prev.open(), self.class()) {
            (true, Some(c)) => prev.class() == Some(c) && matches!(self.place(), INSIDE | LAST),
            (true, None) => false,
            (false, Some(_)) => matches!(self.place(), BEGIN | UNIT),
            (false, None) => true,
        }
    }

    /// The BIO label the rest of the analyzer reads.
    pub(crate) fn label(self) -> Label {
        match self.class() {
            None => Label::Out,
            Some(c) if matches!(self.place(), BEGIN | UNIT) => Label::Begin(c),
            Some(c) => Label::Inside(c),
        }
    }

    /// The BILOU tags of a sentence with these BIO labels (for training).
    #[cfg(not(target_arch = "wasm32"))]
    pub(crate) fn from_labels(labels: &[Label]) -> Vec<Tag> {
        let mut tags = vec![Tag::OUT; labels.len()];
        for chunk in chunks(labels) {
            if chunk.end - chunk.start == 1 {
                tags[chunk.start] = Tag::new(chunk.class, UNIT);
                continue;
            }
            for (k, tag) in tags[chunk.start..chunk.end].iter_mut().enumerate() {
                let place = match k {
                    0 => BEGIN,
                    k if chunk.start + k + 1 == chunk.end => LAST,
                    _ => INSIDE,
                };
                *tag = Tag::new(chunk.class, place);
            }
        }
        tags
    }
}

/// The model trained for the app, embedded in the binary (see assets/ner/README.md).
static MODEL: LazyLock<Model> = LazyLock::new(|| {
    Model::from_bytes(include_bytes!("../../assets/ner/model.bin")).unwrap_or_default()
});

/// Builds the word classes and the name lists' phrases now rather than at their first word.
#[cfg(target_arch = "wasm32")]
pub(crate) fn prepare_words() {
    clusters::lookup(0);
    lists::WordLists::new("the", 0, false);
}

/// Forgets the words the embedded model's tagger has read.
pub(crate) fn forget_words() {
    TAGGER.with_borrow_mut(Tagger::forget_words);
}

#[cfg(test)]
pub(crate) fn words_kept() -> usize {
    TAGGER.with_borrow(Tagger::words_kept)
}

/// The embedded model.
pub fn model() -> &'static Model {
    &MODEL
}

thread_local! {
    /// The embedded model's tagger: its words are kept from one analysis to the next (a page
    /// analyzes the same text again at each edit).
    static TAGGER: RefCell<Tagger<'static>> = RefCell::new(Tagger::new(&MODEL));
}

/// Labels every token of a document, given as sentences of token strings, with the embedded
/// model.
pub fn tag_document(sentences: &[Vec<&str>]) -> Vec<Vec<Label>> {
    TAGGER.with_borrow_mut(|tagger| tagger.tag(sentences))
}

/// The entities of every sentence of a document, with the embedded model: each sentence's, in
/// the sentences' order.
pub(crate) fn document_chunks(sentences: &[Vec<&str>]) -> Vec<(usize, Chunk)> {
    TAGGER.with_borrow_mut(|tagger| {
        let mut rest = tagger.tags(sentences);
        let mut out = Vec::new();
        for (k, s) in sentences.iter().enumerate() {
            let (tags, after) = rest.split_at(s.len().min(rest.len()));
            rest = after;
            out.extend(each_chunk(tags.iter().map(|t| t.label())).map(|c| (k, c)));
        }
        out
    })
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
    fn the_embedded_model_loads_and_tags_a_sentence() {
        assert!(Model::from_bytes(include_bytes!("../../assets/ner/model.bin")).is_some());
        assert_eq!(
            tagged("State Department spokesman Matthew Miller told reporters in Amman , Jordan , on Tuesday ."),
            [
                ("State Department".into(), "ORG"),
                ("Matthew Miller".into(), "PER"),
                ("Amman".into(), "LOC"),
                ("Jordan".into(), "LOC")
            ]
        );
    }

    #[test]
    fn a_person_named_like_a_country_is_a_person() {
        assert_eq!(
            tagged("after Israeli Defense Minister Israel Katz described it"),
            [("Israeli".into(), "MISC"), ("Israel Katz".into(), "PER")]
        );
    }

    #[test]
    fn bilou_tags_round_trip_through_labels() {
        use Class::*;
        use Label::*;
        let labels = [
            Begin(Per),
            Inside(Per),
            Out,
            Begin(Loc),
            Begin(Org),
            Inside(Org),
            Inside(Org),
            Begin(Misc),
        ];
        let tags = Tag::from_labels(&labels);
        let back: Vec<Label> = tags.iter().map(|t| t.label()).collect();
        assert_eq!(back, labels);
        // An Inside that opens an entity (IOB1) comes back as a Begin: the same entities.
        let iob1 = [Inside(Loc), Inside(Loc), Out, Inside(Per)];
        let back: Vec<Label> = Tag::from_labels(&iob1).iter().map(|t| t.label()).collect();
        assert_eq!(back, [Begin(Loc), Inside(Loc), Out, Begin(Per)]);
        assert_eq!(chunks(&back), chunks(&iob1));
        for pair in tags.windows(2) {
            assert!(pair[1].may_follow(pair[0]), "{pair:?}");
        }
        assert!(!Tag::OUT.may_follow(tags[0]));
        assert!(!tags[1].may_follow(Tag::OUT));
    }

    #[test]
    fn labels_parse_as_conll_writes_them() {
        for label in ["O", "B-PER", "I-ORG", "B-LOC", "I-MISC"] {
            assert_eq!(
                Label::parse(label).map(Label::conll).as_deref(),
                Some(label)
            );
        }
        assert_eq!(Label::parse("B-DATE"), None);
        assert_eq!(Label::parse("X-PER"), None);
    }
}
