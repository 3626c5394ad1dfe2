//! The features of a token: hashes of what the tagger sees (templates combined with values),
//! folded to rows of the weight table. Static features depend on the text only; the tags
//! already predicted and the first pass's view of the document are added while decoding.

use super::clusters::{self, Classes};
use super::hash::{self, mix};
use super::lists::{self, Membership, WordLists};
use super::{Class, Tag, TAGS};
use std::collections::HashMap;
use std::hash::BuildHasherDefault;
use std::ops::{Index, Range};

/// Which optional feature families a model uses (stored in the model, so that it is decoded
/// with the features it was trained with).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct FeatureSet(pub u32);

impl FeatureSet {
    /// Name lists (places, given names, surnames, demonyms, organization words, titles).
    pub const LISTS: u32 = 1;
    /// How the same word is written elsewhere in the article (lowercase, capitalized).
    pub const DOC_CASE: u32 = 2;
    /// The second pass: how the first pass tagged the same word elsewhere in the article.
    pub const DOC_TAGS: u32 = 4;
    /// Word classes and capitalization learned from unlabeled text.
    pub const CLUSTERS: u32 = 8;
    /// The neighbours of the same word elsewhere in the article (context aggregation).
    pub const DOC_CONTEXT: u32 = 16;
    pub const ALL: FeatureSet = FeatureSet(
        Self::LISTS | Self::DOC_CASE | Self::DOC_TAGS | Self::CLUSTERS | Self::DOC_CONTEXT,
    );

    pub fn has(self, flag: u32) -> bool {
        self.0 & flag != 0
    }
}

const INIT_CAP: u8 = 1;
const ALL_CAPS: u8 = 2;
const HAS_DIGIT: u8 = 4;
const HAS_HYPHEN: u8 = 8;
const NO_ALNUM: u8 = 16;
const HAS_PERIOD: u8 = 32;
const INIT_LOWER: u8 = 64;

/// What the features of every token need of its word: what tokens read of their neighbours and
/// of the document's other tokens. It fills one cache line, apart from [`Form`], which only
/// scoring a word reads.
#[derive(Clone, Copy, Debug)]
#[repr(align(64))]
pub struct TokenInfo {
    /// The lowercase form (the key for name lists and the document's counts).
    pub key: u64,
    /// The lowercase form with digits as 0.
    lower: u64,
    short: u64,
    flags: u8,
    classes: Classes,
    lists: WordLists,
    /// The word's [`case_prior`] feature where its capitals say nothing of the context (most
    /// tokens): hashed once per word rather than at each of its tokens.
    case_prior: u64,
    /// Whether the word is written in lowercase letters: it opens with one, and has no capital,
    /// digit or letter without case (Chinese, Arabic) ([`Scored::new`]).
    lowercase: bool,
}

/// What only a word's own features need: its form, shape and affixes.
#[derive(Clone, Copy, Debug)]
struct Form {
    /// The form as written, digits as 0.
    word: u64,
    shape: u64,
    prefixes: [u64; 4],
    suffixes: [u64; 4],
}

impl TokenInfo {
    fn boundary(name: &str) -> (TokenInfo, Form) {
        let h = hash::bytes(name.as_bytes());
        let classes = [clusters::UNKNOWN - 1; clusters::LEVELS + 1];
        let info = TokenInfo {
            key: h,
            lower: h,
            short: h,
            flags: NO_ALNUM,
            classes,
            lists: WordLists::default(),
            case_prior: case_prior(&classes, NO_ALNUM, 0),
            lowercase: false,
        };
        let form = Form {
            word: h,
            shape: h,
            prefixes: [0; 4],
            suffixes: [0; 4],
        };
        (info, form)
    }

    #[cfg(test)]
    pub fn new(word: &str) -> TokenInfo {
        TokenInfo::with_buffer(word, &mut String::new()).0
    }

    /// A word's [`TokenInfo`] and [`Form`], lowercasing into `lowercase` (a buffer reused
    /// across words).
    fn with_buffer(word: &str, lowercase: &mut String) -> (TokenInfo, Form) {
        lowercase.clear();
        if word.is_ascii() {
            lowercase.push_str(word);
            lowercase.make_ascii_lowercase();
        } else {
            lowercase.extend(word.chars().flat_map(char::to_lowercase));
        }
        let lowercase = lowercase.as_str();
        let mut flags = 0;
        let mut letters = 0;
        let mut upper = 0;
        let mut uncased = false;
        // The shape (first 12 characters as X, x, d or themselves) and the short shape (runs
        // of one class as one), hashed as they are read.
        let mut shape = hash::Stream::new();
        let mut short = hash::Stream::new();
        let mut last = 0u8;
        for (k, c) in word.chars().enumerate() {
            let s = if c.is_uppercase() {
                letters += 1;
                upper += 1;
                if k == 0 {
                    flags |= INIT_CAP;
                }
                b'X'
            } else if c.is_lowercase() {
                letters += 1;
                if k == 0 {
                    flags |= INIT_LOWER;
                }
                b'x'
            } else if c.is_numeric() {
                flags |= HAS_DIGIT;
                b'd'
            } else {
                uncased |= c.is_alphanumeric();
                match c {
                    '-' => flags |= HAS_HYPHEN,
                    '.' => flags |= HAS_PERIOD,
                    _ => {}
                }
                if c.is_ascii() {
                    c as u8
                } else {
                    b'*'
                }
            };
            if k < 12 {
                shape.push(s);
            }
            if s != last {
                short.push(s);
                last = s;
            }
        }
        if letters > 0 && upper == letters {
            flags |= ALL_CAPS;
        }
        if flags & (INIT_CAP | INIT_LOWER | HAS_DIGIT) == 0
            && !word.chars().any(char::is_alphanumeric)
        {
            flags |= NO_ALNUM;
        }
        let key = lists::key(lowercase);
        let (lower, word_hash) = if flags & HAS_DIGIT != 0 {
            (
                hash::bytes(zeroed(lowercase).as_bytes()),
                hash::bytes(zeroed(word).as_bytes()),
            )
        } else {
            (key, hash::bytes(word.as_bytes()))
        };
        let mut prefixes = [0; 4];
        let mut suffixes = [0; 4];
        // Affixes of 1 to 4 characters, of words longer than the affix.
        let n = lowercase.chars().count();
        let mut front = lowercase.char_indices().skip(1).map(|(b, _)| b);
        let mut back = lowercase.char_indices().rev().map(|(b, _)| b);
        for k in 0..4usize.min(n.saturating_sub(1)) {
            let (Some(cut), Some(from)) = (front.next(), back.next()) else {
                break;
            };
            prefixes[k] = hash::bytes(lowercase.get(..cut).unwrap_or("").as_bytes());
            suffixes[k] = hash::bytes(lowercase.get(from..).unwrap_or("").as_bytes());
        }
        let classes = clusters::lookup(lower);
        let info = TokenInfo {
            key,
            lower,
            short: short.finish(),
            flags,
            classes,
            lists: WordLists::new(word, key, flags & INIT_CAP != 0),
            case_prior: case_prior(&classes, flags, 0),
            lowercase: flags & INIT_LOWER != 0 && upper == 0 && flags & HAS_DIGIT == 0 && !uncased,
        };
        let form = Form {
            word: word_hash,
            shape: shape.finish(),
            prefixes,
            suffixes,
        };
        (info, form)
    }

    fn capitalized(&self) -> bool {
        self.flags & (INIT_CAP | ALL_CAPS) != 0
    }

    /// A lowercase word or punctuation ([`Scored::new`]).
    fn quiet(&self) -> bool {
        self.lowercase || self.flags & NO_ALNUM != 0
    }
}

fn zeroed(s: &str) -> String {
    s.chars()
        .map(|c| if c.is_ascii_digit() { '0' } else { c })
        .collect()
}

/// The templates; a feature is `mix(template, value)`.
mod t {
    pub const BIAS: u64 = 1;
    pub const WORD: u64 = 2;
    pub const LOWER: u64 = 3;
    pub const SHAPE: u64 = 4;
    pub const SHORT: u64 = 5;
    pub const PREFIX: u64 = 6;
    pub const SUFFIX: u64 = 10;
    pub const LOWER_AT: u64 = 14; // +offset+2 for -2..=2
    pub const SHORT_AT: u64 = 19;
    pub const BIGRAM_LEFT: u64 = 24;
    pub const BIGRAM_RIGHT: u64 = 25;
    pub const SHORT_TRIGRAM: u64 = 26;
    pub const FIRST_SHORT: u64 = 27;
    pub const CAPS_SENTENCE_SHORT: u64 = 28;
    pub const FLAGS: u64 = 29;
    pub const LIST: u64 = 30;
    pub const LIST_CAP: u64 = 31;
    pub const LIST_LEFT: u64 = 32;
    pub const LIST_RIGHT: u64 = 33;
    pub const DOC_CASE: u64 = 34;
    pub const DOC_CASE_WORD: u64 = 35;
    pub const CLASS: u64 = 36;
    pub const CLASS_AT: u64 = 37;
    pub const CASE_PRIOR: u64 = 38;
    pub const CLASS_BIGRAM: u64 = 39;
    pub const WORD_AT: u64 = 44;
    pub const CLASS_AT2: u64 = 47;
    pub const CONTEXT_LEFT: u64 = 54;
    pub const CONTEXT_RIGHT: u64 = 55;
    pub const CONTEXT_LEFT_CLASS: u64 = 56;
    pub const CONTEXT_RIGHT_CLASS: u64 = 57;
    pub const PREV: u64 = 40;
    pub const DOC_MAJORITY: u64 = 50;
    pub const DOC_HAS: u64 = 51;
    pub const DOC_LONG: u64 = 52;
    pub const DOC_MAJORITY_SHAPE: u64 = 53;
}

fn f(template: u64, value: u64) -> u64 {
    mix(template, value)
}

/// The feature of a word's capitals (its `flags`) and its capitalization prior (the last of its
/// `classes`) in a `context`: whether it opens its sentence (1), whether its line is in
/// capitals (2).
fn case_prior(classes: &Classes, flags: u8, context: u64) -> u64 {
    let prior = u64::from(classes[clusters::LEVELS]);
    f(
        t::CASE_PRIOR,
        prior | u64::from(flags & (INIT_CAP | ALL_CAPS)) << 8 | context << 16,
    )
}

/// The words read so far, each once: its [`TokenInfo`] and, once scored under a model, the
/// scores of its own features and of it as each neighbour. A tagger keeps them from one
/// document to the next, so that a word is read and scored once however often it appears.
pub struct Words {
    /// The [`Ids`] of words of up to [`SHORT`] bytes, kept in place, and of longer ones.
    short: HashMap<ShortWord, Ids, BuildHasherDefault<hash::Identity>>,
    long: HashMap<Box<str>, Ids, BuildHasherDefault<hash::Identity>>,
    /// The words, after the two sentence boundaries ([`START`] and [`END`]).
    infos: Chunks<TokenInfo>,
    /// Their forms, apart: only scoring a word reads them.
    forms: Chunks<Form>,
    /// The scores of the first `scores.len()` words: of its features as the word at each
    /// distance from a token, own features at distance 0 ([`slot`]).
    scores: Chunks<[[i32; TAGS]; 1 + OFFSETS.len()]>,
    lowercase: String,
    /// The id of each key (a word's lowercase form) read, numbered from 0.
    key_ids: hash::Map<u32>,
    /// Each key id's last document (a count of documents read) and its number there ([`Tokens`]).
    seen: Vec<(u32, u32)>,
    /// The documents read.
    documents: u32,
    /// The last document's tokens.
    last: Tokens,
}

/// A word's id, and its key's (in the place a short word's id left free, beside it).
#[derive(Clone, Copy)]
struct Ids {
    word: u32,
    key: u32,
}

/// A document's tokens, sentence after sentence in one list rather than a list per sentence
/// (an allocation each), kept from one document to the next: each token's word id, and its key
/// (its word's lowercase form) numbered from 0 in order of first appearance, so that what the
/// features count or list per key is kept in a vector indexed by that number rather than in a
/// hash map built for each document.
#[derive(Default)]
struct Tokens {
    ids: Vec<u32>,
    keys: Vec<u32>,
    /// Where each sentence's tokens end.
    ends: Vec<usize>,
    /// How many keys the document has.
    key_count: u32,
}

const START: u32 = 0;
const END: u32 = 1;

impl Words {
    pub fn new() -> Words {
        let (start, end) = (TokenInfo::boundary("<s>"), TokenInfo::boundary("</s>"));
        Words {
            short: HashMap::default(),
            long: HashMap::default(),
            infos: Chunks::from([start.0, end.0]),
            forms: Chunks::from([start.1, end.1]),
            scores: Chunks::default(),
            lowercase: String::new(),
            key_ids: hash::Map::default(),
            seen: Vec::new(),
            documents: 0,
            last: Tokens::default(),
        }
    }

    /// Forgets every word once more than `limit` are kept, so that memory stays bounded
    /// over any number of documents.
    pub fn forget_beyond(&mut self, limit: usize) {
        if self.count() > limit {
            *self = Words::new();
        }
    }

    /// How many words are kept.
    pub fn count(&self) -> usize {
        self.short.len() + self.long.len()
    }

    /// Reads a document's tokens as word ids ([`Tokens`], which its [`Document`] reads),
    /// reading the words not seen before.
    // Kept apart from its one caller, for V8: see src/analyze.rs.
    #[inline(never)]
    pub fn read(&mut self, sentences: &[Vec<&str>]) {
        self.documents = self.documents.wrapping_add(1);
        if self.documents == 0 {
            self.seen.fill((0, 0));
            self.documents = 1;
        }
        let mut last = std::mem::take(&mut self.last);
        last.ids.clear();
        last.keys.clear();
        last.ends.clear();
        last.key_count = 0;
        for s in sentences {
            for &w in s {
                let ids = self.ids(w);
                last.keys.push(self.number(ids.key, &mut last.key_count));
                last.ids.push(ids.word);
            }
            last.ends.push(last.ids.len());
        }
        self.last = last;
    }

    fn ids(&mut self, w: &str) -> Ids {
        let short = ShortWord::new(w);
        let known = match &short {
            Some(key) => self.short.get(key),
            None => self.long.get(w),
        };
        if let Some(&ids) = known {
            return ids;
        }
        let (info, form) = TokenInfo::with_buffer(w, &mut self.lowercase);
        let next = self.key_ids.len() as u32;
        let ids = Ids {
            word: self.infos.len() as u32,
            key: *self.key_ids.entry(info.key).or_insert(next),
        };
        if ids.key == next {
            self.seen.push((0, 0));
        }
        self.infos.push(info);
        self.forms.push(form);
        match short {
            Some(key) => self.short.insert(key, ids),
            None => self.long.insert(w.into(), ids),
        };
        ids
    }

    /// The number in the document of key id `key`, numbering it if new (`count` the keys
    /// numbered so far).
    fn number(&mut self, key: u32, count: &mut u32) -> u32 {
        let mut number = 0;
        if let Some(seen) = self.seen.get_mut(key as usize) {
            if seen.0 != self.documents {
                *seen = (self.documents, *count);
                *count += 1;
            }
            number = seen.1;
        }
        number
    }

    /// Scores the words read since the last call under `table` (always the same table).
    pub fn score(&mut self, set: FeatureSet, table: &impl Weights, bits: u32) {
        let mut hashes = Vec::with_capacity(32);
        let mut rows = Vec::with_capacity(32);
        for id in self.scores.len()..self.infos.len() {
            let (Some(tok), Some(form)) = (self.infos.get(id), self.forms.get(id)) else {
                break;
            };
            let mut scores = [[0; TAGS]; 1 + OFFSETS.len()];
            hashes.clear();
            own_features(tok, form, set, &mut hashes);
            add_hashes(table, bits, &hashes, &mut rows, &mut scores[slot(0)]);
            for d in OFFSETS {
                hashes.clear();
                neighbour_features(tok, form, d, set, &mut hashes);
                add_hashes(table, bits, &hashes, &mut rows, &mut scores[slot(d)]);
            }
            self.scores.push(scores);
        }
    }

    fn info(&self, id: u32) -> &TokenInfo {
        &self.infos[id as usize]
    }

    #[cfg(any(test, not(target_arch = "wasm32")))]
    fn form(&self, id: u32) -> &Form {
        &self.forms[id as usize]
    }
}

/// How long a word [`ShortWord`] holds may be, in bytes (nearly every word).
const SHORT: usize = 15;

/// A short word as [`Words`] finds it: in place, so that telling it from the others compares
/// numbers at hand rather than bytes behind a pointer (a cache miss each), and in 16 bytes, so
/// that the index of ten thousand words fits the CPU's second-level cache. Its bytes as two
/// little-endian numbers, zeros after them, its length in the last byte; read a few bytes at a
/// time (a call to copy them was a tenth of reading a document's words).
#[derive(PartialEq, Eq)]
struct ShortWord {
    low: u64,
    high: u64,
}

impl ShortWord {
    fn new(word: &str) -> Option<ShortWord> {
        let bytes = word.as_bytes();
        if bytes.len() > SHORT {
            return None;
        }
        let (low, high) = bytes.split_at(bytes.len().min(8));
        Some(ShortWord {
            low: little_endian(low),
            high: little_endian(high) | (bytes.len() as u64) << 56,
        })
    }
}

/// Up to eight bytes as a little-endian number: whole, or as two four-byte numbers that may
/// overlap, or byte by byte below four.
fn little_endian(bytes: &[u8]) -> u64 {
    let n = bytes.len();
    if let Some(whole) = bytes.get(..8).and_then(|b| <[u8; 8]>::try_from(b).ok()) {
        return u64::from_le_bytes(whole);
    }
    let four = |at: usize| -> u64 {
        bytes
            .get(at..at + 4)
            .and_then(|b| <[u8; 4]>::try_from(b).ok())
            .map_or(0, |b| u64::from(u32::from_le_bytes(b)))
    };
    if n >= 4 {
        // The last four hold bytes `n - 4..n`: those before byte 4 are the first four's.
        four(0) | (four(n - 4) >> (8 * (8 - n))) << 32
    } else {
        bytes.iter().rev().fold(0, |h, &b| h << 8 | u64::from(b))
    }
}

impl std::hash::Hash for ShortWord {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        state.write_u64(hash::mix(self.low, self.high));
    }
}

/// A list that grows in chunks of [`Chunks::SIZE`] items, so that growing never copies what it
/// holds: a tagger's words are read in their thousands, and copying them as a `Vec` doubles was
/// a good part of reading them (cache misses, as the copies go through memory).
struct Chunks<T>(Vec<Vec<T>>);

impl<T> Default for Chunks<T> {
    fn default() -> Chunks<T> {
        Chunks(Vec::new())
    }
}

impl<T, const N: usize> From<[T; N]> for Chunks<T> {
    fn from(items: [T; N]) -> Chunks<T> {
        let mut out = Chunks::default();
        for item in items {
            out.push(item);
        }
        out
    }
}

impl<T> Index<usize> for Chunks<T> {
    type Output = T;

    fn index(&self, i: usize) -> &T {
        &self.0[i / Self::SIZE][i % Self::SIZE]
    }
}

impl<T> Chunks<T> {
    const SIZE: usize = 256;

    fn len(&self) -> usize {
        self.0
            .last()
            .map_or(0, |c| (self.0.len() - 1) * Self::SIZE + c.len())
    }

    fn get(&self, i: usize) -> Option<&T> {
        self.0.get(i / Self::SIZE)?.get(i % Self::SIZE)
    }

    fn push(&mut self, item: T) {
        match self.0.last_mut() {
            Some(chunk) if chunk.len() < Self::SIZE => chunk.push(item),
            _ => {
                let mut chunk = Vec::with_capacity(Self::SIZE);
                chunk.push(item);
                self.0.push(chunk);
            }
        }
    }
}

/// Adds the weights of the rows of feature `hashes` to `scores` (`rows` is a buffer).
fn add_hashes(
    table: &impl Weights,
    bits: u32,
    hashes: &[u64],
    rows: &mut Vec<u32>,
    scores: &mut [i32; TAGS],
) {
    rows.clear();
    rows.extend(hashes.iter().map(|&h| row(h, bits)));
    table.add(rows, scores);
}

/// A document as word ids into [`Words`], with what its features need of each sentence.
pub struct Document<'w> {
    words: &'w Words,
    /// Each token's word id, sentence after sentence.
    ids: &'w [u32],
    /// Where each sentence's tokens end in `ids`, `keys` and `infos`.
    ends: &'w [usize],
    /// Whether each sentence is written in capitals ([`all_caps`]).
    caps_lines: Vec<bool>,
    /// Each sentence's [`first_word`].
    firsts: Vec<usize>,
    /// Each token's key number ([`Tokens`]), sentence after sentence.
    keys: &'w [u32],
    /// Each token's word, sentence after sentence: looked up once, since the features go over
    /// the tokens several times.
    infos: Vec<&'w TokenInfo>,
    /// How many keys the document has.
    key_count: usize,
}

impl<'w> Document<'w> {
    /// The document [`Words::read`] read last.
    pub fn new(words: &'w Words) -> Document<'w> {
        let last = &words.last;
        let mut doc = Document {
            words,
            ids: &last.ids,
            ends: &last.ends,
            caps_lines: Vec::new(),
            firsts: Vec::new(),
            keys: &last.keys,
            infos: last.ids.iter().map(|&id| words.info(id)).collect(),
            key_count: last.key_count as usize,
        };
        doc.caps_lines = (0..doc.sentence_count())
            .map(|k| all_caps(doc.tokens(k)))
            .collect();
        doc.firsts = (0..doc.sentence_count())
            .map(|k| first_word(doc.tokens(k)))
            .collect();
        doc
    }

    pub fn sentence_count(&self) -> usize {
        self.ends.len()
    }

    /// Where sentence `k`'s tokens are among the document's.
    pub fn sentence(&self, k: usize) -> Range<usize> {
        nth_range(self.ends, k)
    }

    /// The word ids of sentence `k`'s tokens.
    fn ids(&self, k: usize) -> &'w [u32] {
        self.ids.get(self.sentence(k)).unwrap_or(&[])
    }

    /// The word id of token `i + d` of sentence `k`, or of the boundary past either end.
    fn at(&self, k: usize, i: usize, d: isize) -> u32 {
        match i.checked_add_signed(d) {
            None => START,
            Some(j) => self.ids(k).get(j).copied().unwrap_or(END),
        }
    }

    fn info(&self, id: u32) -> &'w TokenInfo {
        self.words.info(id)
    }

    /// The key numbers of sentence `k`'s tokens.
    fn keys(&self, k: usize) -> &'w [u32] {
        self.keys.get(self.sentence(k)).unwrap_or(&[])
    }

    /// A vector with a `V` for each of the document's keys.
    fn by_key<V: Clone + Default>(&self) -> Vec<V> {
        vec![V::default(); self.key_count]
    }

    /// The words of sentence `k`'s tokens.
    fn infos(&self, k: usize) -> &[&'w TokenInfo] {
        self.infos.get(self.sentence(k)).unwrap_or(&[])
    }

    fn tokens(&self, k: usize) -> impl Iterator<Item = &'w TokenInfo> + '_ {
        self.infos(k).iter().copied()
    }

    /// How many tokens sentence `k` has.
    pub fn sentence_len(&self, k: usize) -> usize {
        self.sentence(k).len()
    }

    /// The `scored` tokens of sentence `k`, with their indices and key numbers.
    fn scored<'s>(
        &self,
        k: usize,
        scored: &'s Scored,
    ) -> impl Iterator<Item = (usize, &'w TokenInfo, usize)> + use<'_, 'w, 's> {
        let (infos, keys) = (self.infos(k), self.keys(k));
        scored.sentence(k).iter().filter_map(move |&i| {
            let i = i as usize;
            Some((i, *infos.get(i)?, *keys.get(i)? as usize))
        })
    }
}

/// The tokens of a document that the tagger scores and decodes, sentence by sentence, as their
/// indices in their sentence; the others are Out.
#[derive(Default)]
pub struct Scored {
    at: Vec<u32>,
    /// Where each sentence's tokens end in `at`.
    ends: Vec<usize>,
    /// Whether each token of a sentence is fixed Out (a buffer).
    fixed: Vec<bool>,
}

impl Scored {
    /// Every token (training's: the model learns from every token's features).
    #[cfg(any(test, not(target_arch = "wasm32")))]
    pub fn every(doc: &Document) -> Scored {
        let mut out = Scored::default();
        for k in 0..doc.sentence_count() {
            out.at.extend(0..doc.sentence_len(k) as u32);
            out.ends.push(out.at.len());
        }
        out
    }

    /// The tokens not fixed Out. A lowercase word or punctuation whose nearest words on either
    /// side (past punctuation) are lowercase, or the sentence's edge, is Out whatever its
    /// features say: a lowercase word in a name ("Bank of America", "Jose de Sousa", "Azad
    /// (free) Kashmir") has a capitalized word beside it. That is over half of news tokens
    /// (55% of 1 MB of articles, 44% of CoNLL-2003's eng.testa), and the tagger scoring every
    /// token labels nearly all of them Out anyway (all of eng.testa's; 15 of eng.train's
    /// 88,000, "interior ministry" among them; 30 of 10 MB of articles' 1.1 million).
    #[cfg(test)]
    pub fn new(doc: &Document) -> Scored {
        let mut out = Scored::default();
        out.read(doc);
        out
    }

    /// Makes these [`Scored::new`] of `doc`, in place of another document's.
    pub fn read(&mut self, doc: &Document) {
        self.at.clear();
        self.ends.clear();
        let (out, fixed) = (&mut self.at, &mut self.fixed);
        for k in 0..doc.sentence_count() {
            let tokens = || doc.infos(k).iter().copied();
            // Whether the nearest word before each token is lowercase, then whether the
            // nearest after is too.
            fixed.clear();
            let mut lowercase = true;
            for tok in tokens() {
                fixed.push(lowercase && tok.quiet());
                if tok.flags & NO_ALNUM == 0 {
                    lowercase = tok.lowercase;
                }
            }
            lowercase = true;
            for (tok, fixed) in tokens().zip(fixed.iter_mut()).rev() {
                *fixed &= lowercase;
                if tok.flags & NO_ALNUM == 0 {
                    lowercase = tok.lowercase;
                }
            }
            out.extend(
                fixed
                    .iter()
                    .enumerate()
                    .filter(|&(_, &fixed)| !fixed)
                    .map(|(i, _)| i as u32),
            );
            self.ends.push(out.len());
        }
    }

    /// Where the tokens scored of sentence `k` are among the document's.
    pub fn range(&self, k: usize) -> Range<usize> {
        nth_range(&self.ends, k)
    }

    /// The tokens scored of sentence `k`.
    pub fn sentence(&self, k: usize) -> &[u32] {
        self.at.get(self.range(k)).unwrap_or(&[])
    }
}

/// A document's sentences with every token's static feature rows (training's form).
#[cfg(not(target_arch = "wasm32"))]
pub struct Prepared {
    words: Words,
    pub sentences: Vec<TokenRows>,
}

#[cfg(not(target_arch = "wasm32"))]
impl Prepared {
    pub fn doc(&self) -> Document<'_> {
        Document::new(&self.words)
    }
}

/// Feature rows of a run of tokens: a sentence's, or a document's scored tokens'.
#[derive(Default)]
pub struct TokenRows {
    /// Rows of token `i` are `rows[ends[i - 1]..ends[i]]`.
    rows: Vec<u32>,
    ends: Vec<usize>,
}

impl TokenRows {
    #[cfg(not(target_arch = "wasm32"))]
    pub fn len(&self) -> usize {
        self.ends.len()
    }

    /// Token `i`'s rows (none past the last token, or in a run without any).
    pub fn rows(&self, i: usize) -> &[u32] {
        self.rows.get(self.span(i..i + 1)).unwrap_or(&[])
    }

    /// Whether any of `tokens` has a row.
    pub fn any(&self, tokens: Range<usize>) -> bool {
        !self.span(tokens).is_empty()
    }

    /// Where the rows of `tokens` are in `rows`.
    fn span(&self, tokens: Range<usize>) -> Range<usize> {
        let end_of = |i: Option<usize>| i.and_then(|i| self.ends.get(i)).map_or(0, |&e| e);
        end_of(tokens.start.checked_sub(1))..end_of(tokens.end.checked_sub(1))
    }

    /// Ends token `i`'s rows: those pushed since the previous token's end.
    fn end_token(&mut self) {
        self.ends.push(self.rows.len());
    }
}

/// Folds a feature hash to a row of a table of `2^bits` rows.
pub fn row(h: u64, bits: u32) -> u32 {
    (h >> (64 - bits)) as u32
}

/// The distances of the neighbours a token's features look at.
const OFFSETS: [isize; 4] = [-2, -1, 1, 2];

/// Where a word's scores as the word at distance `d` from a token are kept among its
/// [`Words`] scores: the farthest ahead first, since a document's tokens, read in order, first
/// meet a word two tokens ahead, then one ahead, then on it, then behind: its scores are then
/// read front to back, one cache line after the other.
const fn slot(d: isize) -> usize {
    (2 - d) as usize
}

/// The features of a token that depend on its word alone.
fn own_features(tok: &TokenInfo, form: &Form, set: FeatureSet, out: &mut Vec<u64>) {
    out.push(t::BIAS);
    out.push(f(t::WORD, form.word));
    out.push(f(t::LOWER, tok.lower));
    out.push(f(t::SHAPE, form.shape));
    out.push(f(t::SHORT, tok.short));
    out.push(f(t::FLAGS, u64::from(tok.flags)));
    for k in 0..4 {
        if form.prefixes[k] != 0 {
            out.push(f(t::PREFIX + k as u64, form.prefixes[k]));
            out.push(f(t::SUFFIX + k as u64, form.suffixes[k]));
        }
    }
    if set.has(FeatureSet::CLUSTERS) {
        for level in 0..clusters::LEVELS {
            let level_tag = (level as u64) << 16;
            out.push(f(t::CLASS, level_tag | u64::from(tok.classes[level])));
        }
    }
}

/// The features a token draws from the word `n` at distance `d` (one of [`OFFSETS`]).
fn neighbour_features(n: &TokenInfo, form: &Form, d: isize, set: FeatureSet, out: &mut Vec<u64>) {
    out.push(f(t::LOWER_AT + (d + 2) as u64, n.lower));
    if d.abs() == 1 {
        out.push(f(t::SHORT_AT + (d + 2) as u64, n.short));
        out.push(f(t::WORD_AT + (d + 1) as u64, form.word));
    }
    if set.has(FeatureSet::CLUSTERS) {
        if d.abs() == 1 {
            let side = ((d + 1) as u64) << 20;
            for level in 0..clusters::LEVELS {
                let level_tag = (level as u64) << 16;
                out.push(f(
                    t::CLASS_AT,
                    side | level_tag | u64::from(n.classes[level]),
                ));
            }
        } else {
            let side = ((d + 2) as u64) << 20;
            out.push(f(t::CLASS_AT2, side | u64::from(n.classes[1])));
        }
    }
}

/// Calls `each(k, n, i, token, key, rows)` for every `scored` token `i` of every sentence `k`
/// (the document's `n`-th scored; `key` its key number), in order, with the rows (in a table of `2^bits`) of the features
/// that depend on more than the token's word and one neighbour's: pairs of words, position,
/// name lists, and how the word is written elsewhere (not [`Occurrences`]).
// Kept apart from its one caller, for V8: see src/analyze.rs.
#[inline(never)]
fn for_each_in_context(
    doc: &Document,
    words: &[Vec<&str>],
    scored: &Scored,
    set: FeatureSet,
    bits: u32,
    mut each: impl FnMut(usize, usize, usize, &TokenInfo, usize, &[u32]),
) {
    // How often each word is written lowercase, and capitalized where capitals say nothing of
    // names (not first in its sentence, not in an all-capitals line).
    let mut case_counts: Vec<[u16; 2]> = Vec::new();
    if set.has(FeatureSet::DOC_CASE) {
        case_counts = doc.by_key();
        for k in 0..doc.sentence_count() {
            let (caps, first) = (doc.caps_lines[k], doc.firsts[k]);
            for (i, (tok, &key)) in doc.tokens(k).zip(doc.keys(k)).enumerate() {
                if let Some(kind) = case_kind(tok, i, caps, first) {
                    if let Some(c) = case_counts.get_mut(key as usize) {
                        c[kind] = c[kind].saturating_add(1);
                    }
                }
            }
        }
    }
    let mut rows = Vec::with_capacity(64);
    let r = |h: u64| row(h, bits);
    let (mut word_lists, mut on_lists, mut name) = (Vec::new(), Vec::new(), String::new());
    // A sentence's words between its boundaries: token `i` and its neighbours are
    // `window[i..i + 3]`, read once rather than looked up at each use.
    let mut window: Vec<&TokenInfo> = Vec::new();
    let (start, end) = (doc.info(START), doc.info(END));
    for (k, words) in words.iter().enumerate().take(doc.sentence_count()) {
        let first_scored = scored.range(k).start;
        let scored = scored.sentence(k);
        if scored.is_empty() {
            continue;
        }
        let (caps, first) = (doc.caps_lines[k], doc.firsts[k]);
        let keys = doc.keys(k);
        window.clear();
        window.push(start);
        window.extend(doc.tokens(k));
        window.push(end);
        if set.has(FeatureSet::LISTS) {
            word_lists.clear();
            word_lists.extend(doc.tokens(k).map(|t| t.lists));
            lists::memberships(words, &word_lists, &mut on_lists, &mut name);
        }
        // A token's pair with the word after it is the next token's pair with the word before:
        // that pair, and the token it is for.
        let mut pair_after = None;
        for (j, &i) in scored.iter().enumerate() {
            let i = i as usize;
            let Some(&[prev, tok, next]) = window.get(i..i + 3) else {
                continue;
            };
            let left_pair = match pair_after {
                Some((at, pair)) if at == i => pair,
                _ => mix(prev.lower, tok.lower),
            };
            let right_pair = mix(tok.lower, next.lower);
            rows.clear();
            rows.extend_from_slice(&[
                r(f(t::BIGRAM_LEFT, left_pair)),
                r(f(t::BIGRAM_RIGHT, right_pair)),
                r(f(
                    t::SHORT_TRIGRAM,
                    mix(mix(prev.short, tok.short), next.short),
                )),
            ]);
            pair_after = Some((i + 1, right_pair));
            if i == 0 {
                rows.push(r(f(t::FIRST_SHORT, tok.short)));
            }
            if caps {
                rows.push(r(f(t::CAPS_SENTENCE_SHORT, tok.short)));
            }
            if set.has(FeatureSet::LISTS) {
                list_features(&on_lists, i, tok, bits, &mut rows);
            }
            if set.has(FeatureSet::CLUSTERS) {
                let context = u64::from(i <= first) | u64::from(caps) << 1;
                let prior = if context == 0 {
                    tok.case_prior
                } else {
                    case_prior(&tok.classes, tok.flags, context)
                };
                rows.extend_from_slice(&[
                    r(f(
                        t::CLASS_BIGRAM,
                        mix(u64::from(prev.classes[1]), u64::from(tok.classes[1])),
                    )),
                    r(prior),
                ]);
            }
            let key = keys.get(i).map_or(usize::MAX, |&key| key as usize);
            if set.has(FeatureSet::DOC_CASE) && tok.capitalized() {
                let own = case_kind(tok, i, caps, first);
                let mut counts = case_counts.get(key).copied().unwrap_or_default();
                if let Some(kind) = own {
                    counts[kind] = counts[kind].saturating_sub(1);
                }
                let v = u64::from(counts[0] > 0) | u64::from(counts[1] > 0) << 1;
                let context = u64::from(i == 0) | u64::from(caps) << 1;
                rows.extend_from_slice(&[
                    r(f(t::DOC_CASE, v | context << 2)),
                    r(f(t::DOC_CASE_WORD, mix(v, tok.key))),
                ]);
            }
            each(k, first_scored + j, i, tok, key, &rows);
        }
    }
}

/// Where each capitalized word occurs (its first [`CONTEXTS`] occurrences): their neighbours
/// are features of the word's other occurrences (context aggregation).
struct Occurrences {
    /// Where each key's occurrences are in `lists` ([`NONE`] for a key never capitalized).
    which: Vec<u32>,
    lists: Vec<Listed>,
}

const NONE: u32 = u32::MAX;

/// A word's first [`CONTEXTS`] occurrences, in place rather than in a list of its own (an
/// allocation for each capitalized word of each document).
#[derive(Clone, Copy, Default)]
struct Listed {
    at: [(u32, u32); CONTEXTS],
    len: u8,
}

impl Occurrences {
    fn new(doc: &Document, set: FeatureSet) -> Occurrences {
        let mut out = Occurrences {
            which: Vec::new(),
            lists: Vec::new(),
        };
        if set.has(FeatureSet::DOC_CONTEXT) {
            out.which = vec![NONE; doc.key_count];
            for k in 0..doc.sentence_count() {
                for (i, (tok, &key)) in doc.tokens(k).zip(doc.keys(k)).enumerate() {
                    if !tok.capitalized() {
                        continue;
                    }
                    let Some(which) = out.which.get_mut(key as usize) else {
                        continue;
                    };
                    if *which == NONE {
                        *which = out.lists.len() as u32;
                        out.lists.push(Listed::default());
                    }
                    let Some(list) = out.lists.get_mut(*which as usize) else {
                        continue;
                    };
                    if let Some(at) = list.at.get_mut(usize::from(list.len)) {
                        *at = (k as u32, i as u32);
                        list.len += 1;
                    }
                }
            }
        }
        out
    }

    /// How many occurrences are listed, of all words.
    fn listed(&self) -> usize {
        self.lists.iter().map(|l| usize::from(l.len)).sum()
    }

    /// Where the occurrences that lend their neighbours to those of `tok` (of key number `key`)
    /// are listed, if it has any.
    fn index(&self, tok: &TokenInfo, key: usize) -> Option<usize> {
        if !tok.capitalized() {
            return None;
        }
        let &which = self.which.get(key)?;
        (which != NONE).then_some(which as usize)
    }

    /// The occurrences listed at `index`.
    fn at(&self, index: usize) -> &[(u32, u32)] {
        self.lists
            .get(index)
            .and_then(|l| l.at.get(..usize::from(l.len)))
            .unwrap_or(&[])
    }

    /// The features one occurrence lends: its neighbours' words and classes.
    fn lent(doc: &Document, (k, i): (u32, u32)) -> [u64; LENT] {
        let (k, i) = (k as usize, i as usize);
        let (l, r) = (doc.info(doc.at(k, i, -1)), doc.info(doc.at(k, i, 1)));
        [
            f(t::CONTEXT_LEFT, l.lower),
            f(t::CONTEXT_RIGHT, r.lower),
            f(t::CONTEXT_LEFT_CLASS, u64::from(l.classes[1])),
            f(t::CONTEXT_RIGHT_CLASS, u64::from(r.classes[1])),
        ]
    }

    /// The context features of token `i` of sentence `k`: what the word's other occurrences
    /// lend, each feature once.
    #[cfg(not(target_arch = "wasm32"))]
    fn features(&self, doc: &Document, k: usize, i: usize, out: &mut Vec<u64>) {
        let tok = doc.info(doc.at(k, i, 0));
        let key = doc.keys(k).get(i).map_or(usize::MAX, |&key| key as usize);
        let listed = self.index(tok, key).map_or(&[][..], |at| self.at(at));
        let mut lent = Vec::new();
        for &at in listed {
            if at != (k as u32, i as u32) {
                lent.extend(Occurrences::lent(doc, at));
            }
        }
        lent.sort_unstable();
        lent.dedup();
        out.extend(lent);
    }
}

/// The context features' scores of one word: [`Occurrences::features`] summed once per word.
#[derive(Clone)]
struct LentScores {
    /// The scores of every feature its listed occurrences lend, each once: an occurrence
    /// beyond the list sees them all.
    all: [i32; TAGS],
    /// Where the scores of its listed occurrences begin among the document's [`OwnScores`].
    from: u32,
}

/// The scores of each listed occurrence of each of a document's words: its word's
/// [`LentScores::all`] less what only it lends (an occurrence does not see its own neighbours),
/// found with the word's, from the features already at hand.
type OwnScores = Vec<[i32; TAGS]>;

impl LentScores {
    // Not inlined: it runs once per word met capitalized more than once in a document, and
    // inlined it made its caller's loop, which runs per token, larger.
    #[inline(never)]
    fn new(
        doc: &Document,
        at: &[(u32, u32)],
        own_scores: &mut OwnScores,
        sum: &mut impl FnMut(&[u64], &mut [i32; TAGS]),
    ) -> LentScores {
        let mut lent = [0u64; CONTEXTS * LENT];
        let mut n = 0;
        for &a in at.iter().take(CONTEXTS) {
            if let Some(to) = lent.get_mut(n..n + LENT) {
                to.copy_from_slice(&Occurrences::lent(doc, a));
                n += LENT;
            }
        }
        let lent = &lent[..n];
        // The features lent, each once (in any order: their scores are summed), and how many
        // of the occurrences lend each: compared one with another rather than sorted (all,
        // then each occurrence's), which cost more for so few (12.5 a word on average in news).
        let times = |h: u64| lent.iter().filter(|&&o| o == h).count();
        let mut distinct = [0u64; CONTEXTS * LENT];
        let mut d = 0usize;
        for (j, &h) in lent.iter().enumerate() {
            if !lent[..j].contains(&h) {
                distinct[d] = h;
                d += 1;
            }
        }
        let mut all = [0; TAGS];
        sum(&distinct[..d], &mut all);
        let from = own_scores.len();
        for own in lent.chunks_exact(LENT) {
            let mut only = [0; LENT];
            let mut m = 0;
            for (j, &h) in own.iter().enumerate() {
                if own[..j].contains(&h) {
                    continue;
                }
                let mine = own.iter().filter(|&&o| o == h).count();
                if times(h) == mine {
                    only[m] = h;
                    m += 1;
                }
            }
            let mut removed = [0; TAGS];
            sum(&only[..m], &mut removed);
            let mut scores = all;
            for (s, r) in scores.iter_mut().zip(removed) {
                *s -= r;
            }
            own_scores.push(scores);
        }
        LentScores {
            all,
            from: from as u32,
        }
    }

    /// The scores for the occurrence at `(k, i)` of the word whose occurrences are `listed`.
    fn at(
        &self,
        listed: &[(u32, u32)],
        own_scores: &OwnScores,
        (k, i): (usize, usize),
    ) -> [i32; TAGS] {
        let here = (k as u32, i as u32);
        listed
            .iter()
            .position(|&a| a == here)
            .and_then(|p| own_scores.get(self.from as usize + p))
            .copied()
            .unwrap_or(self.all)
    }
}

/// Prepares a document's static features for a table of `2^bits` rows.
#[cfg(not(target_arch = "wasm32"))]
pub fn prepare(sentences: &[Vec<&str>], set: FeatureSet, bits: u32) -> Prepared {
    let mut words = Words::new();
    words.read(sentences);
    let doc = Document::new(&words);
    let mut out: Vec<TokenRows> = sentences
        .iter()
        .map(|s| TokenRows {
            rows: Vec::with_capacity(s.len() * 40),
            ends: Vec::with_capacity(s.len()),
        })
        .collect();
    let occurrences = Occurrences::new(&doc, set);
    let mut hashes = Vec::with_capacity(64);
    let every = Scored::every(&doc);
    for_each_in_context(
        &doc,
        sentences,
        &every,
        set,
        bits,
        |k, _, i, _, _, contextual| {
            hashes.clear();
            let id = doc.at(k, i, 0);
            own_features(doc.info(id), doc.words.form(id), set, &mut hashes);
            for d in OFFSETS {
                let id = doc.at(k, i, d);
                neighbour_features(doc.info(id), doc.words.form(id), d, set, &mut hashes);
            }
            let s = &mut out[k];
            s.rows.extend(hashes.iter().map(|&h| row(h, bits)));
            s.rows.extend_from_slice(contextual);
            hashes.clear();
            occurrences.features(&doc, k, i, &mut hashes);
            s.rows.extend(hashes.iter().map(|&h| row(h, bits)));
            s.end_token();
        },
    );
    Prepared {
        words,
        sentences: out,
    }
}

/// The `scored` tokens' scores from their static features under `table`, in their order, into
/// `out`: the sums of [`prepare`]'s rows, but with the features of a word alone and of a word as each
/// neighbour summed once per word ([`Words::score`], which must have scored the document's
/// words under `table`) rather than once per token, and the context features once per word.
pub fn static_scores(
    doc: &Document,
    words: &[Vec<&str>],
    scored: &Scored,
    set: FeatureSet,
    table: &impl Weights,
    bits: u32,
    out: &mut Vec<[i32; TAGS]>,
) {
    let mut rows = Vec::with_capacity(64);
    let mut sum = |hashes: &[u64], scores: &mut [i32; TAGS]| {
        add_hashes(table, bits, hashes, &mut rows, scores);
    };
    let by_word = &doc.words.scores;
    let occurrences = Occurrences::new(doc, set);
    // By the index of the word's occurrences.
    let mut lent_by_word: Vec<Option<LentScores>> = vec![None; occurrences.lists.len()];
    let mut own_scores = OwnScores::with_capacity(occurrences.listed());
    // The scores of a sentence's words between two boundaries at either end: token `i`'s and
    // those of the words at each of its `OFFSETS` are `window[i..i + 5]` (a word left unscored,
    // not possible through a tagger, counts for nothing).
    let mut window = Vec::new();
    // The words' scores first, in a loop of their own: loads from the words' scores (most of them
    // cache misses) of many tokens are then under way at once.
    out.clear();
    for k in 0..doc.sentence_count() {
        let scored = scored.sentence(k);
        if scored.is_empty() {
            continue;
        }
        window.clear();
        let (start, end) = (by_word.get(START as usize), by_word.get(END as usize));
        window.extend_from_slice(&[start, start]);
        window.extend(doc.ids(k).iter().map(|&id| by_word.get(id as usize)));
        window.extend_from_slice(&[end, end]);
        out.extend(scored.iter().map(|&i| {
            let i = i as usize;
            let Some(&[far_left, left, own, right, far_right]) = window.get(i..i + 5) else {
                return [0; TAGS];
            };
            let mut scores = own.map_or([0; TAGS], |s| s[slot(0)]);
            for (d, from) in OFFSETS.into_iter().zip([far_left, left, right, far_right]) {
                if let Some(from) = from {
                    for (s, w) in scores.iter_mut().zip(&from[slot(d)]) {
                        *s += w;
                    }
                }
            }
            scores
        }));
    }
    for_each_in_context(
        doc,
        words,
        scored,
        set,
        bits,
        |k, n, i, tok, key, contextual| {
            let Some(scores) = out.get_mut(n) else {
                return;
            };
            table.add(contextual, scores);
            let Some(index) = occurrences.index(tok, key) else {
                return;
            };
            let listed = occurrences.at(index);
            // A word met once (most capitalized words of an article) lends only to itself, and
            // an occurrence does not see its own neighbours: its scores are its lent features'
            // less the same features', nothing.
            if let Some(lent) = lent_by_word.get_mut(index).filter(|_| listed.len() > 1) {
                let new = || LentScores::new(doc, listed, &mut own_scores, &mut sum);
                let from = lent.get_or_insert_with(new).at(listed, &own_scores, (k, i));
                for (s, w) in scores.iter_mut().zip(from) {
                    *s += w;
                }
            }
        },
    );
}

/// How many occurrences of a word lend their neighbours to the others.
const CONTEXTS: usize = 8;

/// How many features an occurrence lends ([`Occurrences::lent`]).
const LENT: usize = 4;

/// Whether a line is written in capitals (a headline, a dateline).
fn all_caps<'a>(s: impl IntoIterator<Item = &'a TokenInfo>) -> bool {
    let words = s
        .into_iter()
        .filter(|t| t.flags & NO_ALNUM == 0 && t.flags & (INIT_CAP | INIT_LOWER) != 0);
    let mut any = false;
    for t in words {
        if t.flags & ALL_CAPS == 0 {
            return false;
        }
        any = true;
    }
    any
}

/// 0 for a word written lowercase, 1 for one capitalized where that says it is a name. `tok`
/// is the sentence's `i`-th token, `first` the sentence's [`first_word`].
fn case_kind(tok: &TokenInfo, i: usize, caps_line: bool, first: usize) -> Option<usize> {
    if tok.flags & INIT_LOWER != 0 {
        Some(0)
    } else if tok.flags & INIT_CAP != 0 && !caps_line && i > first {
        Some(1)
    } else {
        None
    }
}

/// The index of the sentence's first token with a letter or digit (its length if none): tokens
/// up to it open the sentence, after nothing but punctuation (a quote mark, say). Computed once
/// per sentence, since asking token by token is quadratic in a run of punctuation.
fn first_word<'a>(s: impl IntoIterator<Item = &'a TokenInfo>) -> usize {
    let mut n = 0;
    for t in s {
        if t.flags & NO_ALNUM == 0 {
            return n;
        }
        n += 1;
    }
    n
}

fn list_features(lists: &[Membership], i: usize, tok: &TokenInfo, bits: u32, out: &mut Vec<u32>) {
    let m = lists[i];
    let cap = u64::from(tok.flags & (INIT_CAP | ALL_CAPS));
    // The lists a token is on, in bit order (most tokens are on none).
    let mut on = m & ((1 << lists::BITS) - 1);
    while on != 0 {
        let bit = on.trailing_zeros();
        on &= on - 1;
        out.push(row(f(t::LIST, u64::from(bit)), bits));
        out.push(row(f(t::LIST_CAP, u64::from(bit) | cap << 8), bits));
    }
    let single = |m: Membership| -> u64 { u64::from(m & 0x7ffff) };
    if let Some(&left) = i.checked_sub(1).and_then(|j| lists.get(j)) {
        if left != 0 {
            out.push(row(f(t::LIST_LEFT, single(left)), bits));
        }
    }
    if let Some(&right) = lists.get(i + 1) {
        if right != 0 {
            out.push(row(f(t::LIST_RIGHT, single(right)), bits));
        }
    }
}

/// The row holding the weights of the tags that may follow `prev` (the transition scores).
pub fn transition_row(prev: Tag, bits: u32) -> u32 {
    row(f(t::PREV, prev.index() as u64), bits)
}

/// The transition scores under a weight table: `[prev][next]`.
pub fn transitions(table: &impl Weights, bits: u32) -> [[i32; TAGS]; TAGS] {
    let mut out = [[0; TAGS]; TAGS];
    for (p, scores) in out.iter_mut().enumerate() {
        table.add(&[transition_row(Tag::from_index(p), bits)], scores);
    }
    out
}

/// The second pass's rows of the `scored` tokens, in their order, into `out`: how the first pass
/// tagged the same word elsewhere in the document. `first` holds the first pass's tags of every
/// token (a token not scored is never capitalized: it neither has nor lends such rows).
pub fn document_rows(
    doc: &Document,
    first: &[Tag],
    scored: &Scored,
    bits: u32,
    out: &mut TokenRows,
) {
    // Per word (capitalized occurrences): how often tagged O or each class; how often inside
    // an entity of two tokens or more, per class.
    let mut counts: Vec<[u16; 9]> = doc.by_key();
    let contribution = |tags: &[Tag], i: usize| -> [u16; 9] {
        let mut c = [0u16; 9];
        let tag = tags.get(i).copied().unwrap_or(Tag::OUT);
        match tag.class() {
            None => c[0] = 1,
            Some(class) => {
                c[1 + class.index()] = 1;
                if tag.place() != super::UNIT {
                    c[5 + class.index()] = 1;
                }
            }
        }
        c
    };
    let tags_of = |k: usize| first.get(doc.sentence(k)).unwrap_or(&[]);
    for k in 0..doc.sentence_count() {
        let tags = tags_of(k);
        for (i, tok, key) in doc.scored(k, scored) {
            if let Some(entry) = counts.get_mut(key).filter(|_| tok.capitalized()) {
                for (e, c) in entry.iter_mut().zip(contribution(tags, i)) {
                    *e = e.saturating_add(c);
                }
            }
        }
    }
    out.rows.clear();
    out.ends.clear();
    for k in 0..doc.sentence_count() {
        let (caps, tags) = (doc.caps_lines[k], tags_of(k));
        for (i, tok, key) in doc.scored(k, scored) {
            let total = if tok.capitalized() {
                counts.get(key)
            } else {
                None
            };
            if let Some(total) = total {
                let own = contribution(tags, i);
                let mut others = [0u16; 9];
                for k in 0..9 {
                    others[k] = total[k].saturating_sub(own[k]);
                }
                if others[..5].iter().any(|&c| c > 0) {
                    let majority = (0..5).max_by_key(|&k| (others[k], 5 - k)).unwrap_or(0) as u64;
                    let context = u64::from(i == 0) | u64::from(caps) << 1;
                    out.rows.push(row(f(t::DOC_MAJORITY, majority), bits));
                    out.rows.push(row(
                        f(
                            t::DOC_MAJORITY_SHAPE,
                            mix(majority | context << 4, tok.short),
                        ),
                        bits,
                    ));
                    for class in Class::ALL {
                        let k = class.index();
                        if others[1 + k] > 0 {
                            out.rows.push(row(f(t::DOC_HAS, k as u64), bits));
                        }
                        if others[5 + k] > 0 {
                            out.rows.push(row(f(t::DOC_LONG, k as u64), bits));
                        }
                    }
                }
            }
            out.end_token();
        }
    }
}

/// Weights by feature row: what decoding reads.
pub trait Weights {
    /// Adds the weights of `rows` to `scores`.
    fn add(&self, rows: &[u32], scores: &mut [i32; TAGS]);
}

/// A dense table: row `r` is `table[r * TAGS..(r + 1) * TAGS]` (training's).
#[cfg(not(target_arch = "wasm32"))]
pub struct Dense<'t, W>(pub &'t [W]);

#[cfg(not(target_arch = "wasm32"))]
impl<W: Copy + Into<i32>> Weights for Dense<'_, W> {
    #[inline]
    fn add(&self, rows: &[u32], scores: &mut [i32; TAGS]) {
        for &r in rows {
            let base = r as usize * TAGS;
            let Some(w) = self.0.get(base..base + TAGS) else {
                continue;
            };
            for (s, &w) in scores.iter_mut().zip(w) {
                *s += w.into();
            }
        }
    }
}

/// Where list `k` lies among lists laid one after another, given where each ends (empty past the
/// last).
fn nth_range(ends: &[usize], k: usize) -> Range<usize> {
    let start = k.checked_sub(1).and_then(|j| ends.get(j)).map_or(0, |&e| e);
    start..ends.get(k).map_or(start, |&e| e)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Regression: whether a token opens its sentence was asked token by token, scanning all
    /// before it, and 100,000 quotation marks took 24 s.
    #[test]
    fn the_first_word_comes_after_the_opening_punctuation() {
        let infos = |words: &[&str]| -> Vec<TokenInfo> {
            words.iter().map(|w| TokenInfo::new(w)).collect()
        };
        assert_eq!(first_word(&infos(&["\"", "(", "We", "won"])), 2);
        assert_eq!(first_word(&infos(&["We", "\""])), 0);
        let marks = infos(&["\""; 10]);
        assert_eq!(first_word(&marks), 10);
        assert_eq!(case_kind(&TokenInfo::new("We"), 1, false, 1), None);
        assert_eq!(case_kind(&TokenInfo::new("Paris"), 2, false, 1), Some(1));
    }

    /// What every token reads of its word is one cache line, not three.
    #[test]
    fn a_words_info_fills_one_cache_line() {
        assert_eq!(std::mem::size_of::<TokenInfo>(), 64);
    }

    #[test]
    fn shapes_affixes_and_flags() {
        let form = |w: &str| TokenInfo::with_buffer(w, &mut String::new()).1;
        let a = TokenInfo::new("McDonald");
        let b = TokenInfo::new("MacArthur");
        assert_eq!(a.short, b.short);
        assert_ne!(form("McDonald").shape, form("MacArthur").shape);
        assert_eq!(a.flags & INIT_CAP, INIT_CAP);
        let caps = TokenInfo::new("NATO");
        assert_eq!(caps.flags & ALL_CAPS, ALL_CAPS);
        // Digits are folded: one feature for every date of this form.
        assert_eq!(
            TokenInfo::new("1996-08-22").lower,
            TokenInfo::new("2024-10-07").lower
        );
        assert_eq!(TokenInfo::new("Paris").key, TokenInfo::new("PARIS").key);
        assert_eq!(form("running").suffixes[2], form("sing").suffixes[2]);
        // Multi-byte letters are cut on character boundaries.
        assert_ne!(form("Élysée").prefixes[3], 0);
    }

    #[test]
    fn document_case_features_see_the_word_elsewhere() {
        let doc = vec![
            vec!["WASHINGTON", "TALKS"],
            vec!["Talks", "began", "in", "Washington", "."],
        ];
        let with = prepare(&doc, FeatureSet(FeatureSet::DOC_CASE), 20);
        let without = prepare(&doc, FeatureSet(0), 20);
        assert_eq!(
            with.sentences[0].rows(0).len(),
            without.sentences[0].rows(0).len() + 2
        );
        assert_ne!(with.sentences[0].rows(0), with.sentences[0].rows(1));
    }

    /// The tagger sums a word's own and neighbour features once per word type: the scores
    /// must be exactly those of every token's rows summed one by one, as in training.
    #[test]
    fn scores_summed_by_word_type_equal_rows_summed_by_token() {
        let model = super::super::model();
        let mut doc: Vec<Vec<&str>> = vec![
            "WASHINGTON TALKS END".split(' ').collect(),
            "\" Paris said Katz , Israel Katz , will visit Amman on Tuesday ."
                .split(' ')
                .collect(),
        ];
        // More occurrences than lend their neighbours (`CONTEXTS`), and a word alone in a
        // sentence and at its ends.
        for _ in 0..CONTEXTS + 2 {
            doc.push("Talks in Paris with Katz began .".split(' ').collect());
        }
        doc.push(vec!["Paris"]);
        doc.push(vec![]);
        let prepared = prepare(&doc, model.set, model.bits);
        let by_token = super::super::decode::row_scores(model, &prepared);
        let mut words = Words::new();
        words.read(&doc);
        words.score(model.set, model, model.bits);
        let document = Document::new(&words);
        let every = Scored::every(&document);
        let mut by_type = Vec::new();
        static_scores(
            &document,
            &doc,
            &every,
            model.set,
            model,
            model.bits,
            &mut by_type,
        );
        assert_eq!(by_type, by_token);
        let second = document.sentence(1);
        assert!(by_token[second].iter().any(|s| s.iter().any(|&w| w != 0)));
        // Tokens fixed Out leave the others' scores as they were.
        let scored = Scored::new(&document);
        let mut some = Vec::new();
        static_scores(
            &document, &doc, &scored, model.set, model, model.bits, &mut some,
        );
        assert_eq!(some.len(), scored.at.len());
        for k in 0..doc.len() {
            let (start, scores) = (document.sentence(k).start, &some[scored.range(k)]);
            for (s, &i) in scores.iter().zip(scored.sentence(k)) {
                assert_eq!(*s, by_token[start + i as usize]);
            }
        }
        assert!(some.len() < by_token.len());
    }

    /// The tokens scored are all but those that no name can hold: quiet (lowercase or
    /// punctuation) between quiet ones, looking past punctuation to the nearest words.
    #[test]
    fn tokens_among_lowercase_words_are_fixed_out() {
        let fixed = |sentence: &str| -> String {
            let doc = vec![sentence.split(' ').collect::<Vec<&str>>()];
            let mut words = Words::new();
            words.read(&doc);
            let document = Document::new(&words);
            let scored = Scored::new(&document);
            let at = scored.sentence(0);
            (0..doc[0].len())
                .map(|i| if at.contains(&(i as u32)) { '.' } else { 'o' })
                .collect()
        };
        assert_eq!(fixed("the talks , he said , ended ."), "oooooooo");
        // A lowercase word in a name has a capitalized word beside it, even past punctuation.
        assert_eq!(fixed("the Bank of America said on"), ".....o");
        assert_eq!(fixed("in Azad ( free ) Kashmir on"), ".......");
        assert_eq!(fixed("a Prix de l ' Abbaye winner"), ".......");
        // Capitals or digits anywhere in a word, and letters without case, make it a word
        // that may be a name.
        assert_eq!(fixed("the al-Qaeda group"), "...");
        assert_eq!(fixed("an eBay sale"), "...");
        assert_eq!(fixed("the m4 motorway"), "...");
        assert_eq!(fixed("in 北京 today"), "...");
        assert_eq!(fixed("in ǅemal today"), "...");
        // Lowercase in any script, hyphens and apostrophes are lowercase words.
        assert_eq!(fixed("e-mail they didn't send"), "oooo");
        assert_eq!(fixed("в москве сегодня"), "ooo");
        // Lowercase throughout, names too: the tagger, which reads capitals, finds next to
        // nothing there anyway.
        assert_eq!(fixed("i met obama in paris"), "ooooo");
        assert_eq!(fixed(""), "o");
        assert_eq!(fixed("\" \""), "oo");
    }

    /// Words are kept in place up to 15 bytes and in chunks of 256: neither may merge two
    /// words or part one word's occurrences.
    #[test]
    fn each_word_has_one_id_short_or_long_and_across_chunks() {
        let long = "x".repeat(SHORT);
        let longer = "x".repeat(SHORT + 1);
        let longest = format!("{longer}y");
        let many: Vec<String> = (0..600).map(|n| format!("w{n}")).collect();
        // Every length up to the longest kept in place, and each with one byte changed.
        let alphabet = "abcdefghijklmnopq";
        let mut edited: Vec<String> = Vec::new();
        for n in 1..=alphabet.len() {
            edited.push(alphabet[..n].to_owned());
            for at in 0..n {
                let mut bytes = alphabet.as_bytes()[..n].to_vec();
                bytes[at] = b'Z';
                edited.extend(String::from_utf8(bytes));
            }
        }
        let mut doc: Vec<Vec<&str>> = vec![
            vec![&long, &longer, &longest, "x", "", "Zoë"],
            many.iter().map(String::as_str).collect(),
            vec!["Zoë", "", "x", &longest, &longer, &long],
        ];
        doc.push(many.iter().rev().map(String::as_str).collect());
        doc.push(edited.iter().map(String::as_str).collect());
        doc.push(edited.iter().rev().map(String::as_str).collect());
        let mut words = Words::new();
        words.read(&doc);
        let document = Document::new(&words);
        let ids: Vec<&[u32]> = (0..doc.len()).map(|k| document.ids(k)).collect();
        let mut reversed = ids[2].to_vec();
        reversed.reverse();
        assert_eq!(ids[0], reversed);
        let mut again = ids[3].to_vec();
        again.reverse();
        assert_eq!(ids[1], again);
        let mut again = ids[5].to_vec();
        again.reverse();
        assert_eq!(ids[4], again);
        let mut distinct: Vec<u32> = ids.iter().copied().flatten().copied().collect();
        distinct.sort_unstable();
        distinct.dedup();
        assert_eq!(distinct.len(), 606 + edited.len());
        for (sentence, tokens) in doc.iter().zip(&ids) {
            for (word, &id) in sentence.iter().zip(*tokens) {
                let form = TokenInfo::with_buffer(word, &mut String::new()).1;
                assert_eq!(words.form(id).word, form.word, "{word}");
            }
        }
    }

    #[test]
    fn every_row_fits_the_table() {
        let doc = vec![vec!["A", "b", "\u{1F600}", "Zürich", "", "1,000"]];
        let p = prepare(&doc, FeatureSet::ALL, 12);
        for s in &p.sentences {
            for i in 0..s.len() {
                assert!(s.rows(i).iter().all(|&r| r < 1 << 12));
            }
        }
    }
}
