//! Viterbi decoding of well-formed BILOU tags: token scores from the features plus a score for
//! each pair of neighbouring tags. Twice over a document when the model has the second pass.

use super::features::{self, Document, FeatureSet, PreparedSentence, Weights, Words};
use super::{Label, Model, Tag, TAGS};

/// A model and the words it has read, kept from one document to the next (up to
/// [`WORDS_KEPT`]), so that a word is read and scored once however often it appears.
pub struct Tagger<'m> {
    model: &'m Model,
    words: Words,
}

/// How many words a tagger keeps before it forgets them all (about half a kilobyte each).
const WORDS_KEPT: usize = 10_000;

impl<'m> Tagger<'m> {
    pub fn new(model: &'m Model) -> Tagger<'m> {
        Tagger {
            model,
            words: Words::new(),
        }
    }

    /// Labels every token of a document, given as sentences of token strings.
    pub fn tag(&mut self, sentences: &[Vec<&str>]) -> Vec<Vec<Label>> {
        let model = self.model;
        self.words.forget_beyond(WORDS_KEPT);
        let ids = self.words.read(sentences);
        self.words.score(model.set, model, model.bits);
        let doc = Document::new(&self.words, &ids);
        let fixed = features::static_scores(&doc, sentences, model.set, model, model.bits);
        decode_scores(model, model.bits, model.set, &doc, &fixed)
            .into_iter()
            .map(|tags| tags.into_iter().map(Tag::label).collect())
            .collect()
    }
}

/// Labels every token of a document with `model`.
pub fn tag_document_with(model: &Model, sentences: &[Vec<&str>]) -> Vec<Vec<Label>> {
    Tagger::new(model).tag(sentences)
}

/// Each token's tag scores from its prepared rows, sentence by sentence.
#[cfg(not(target_arch = "wasm32"))]
pub(crate) fn row_scores(
    table: &impl Weights,
    prepared: &features::Prepared,
) -> Vec<Vec<[i32; TAGS]>> {
    prepared
        .sentences
        .iter()
        .map(|s| {
            (0..s.len())
                .map(|i| {
                    let mut scores = [0; TAGS];
                    table.add(s.rows(i), &mut scores);
                    scores
                })
                .collect()
        })
        .collect()
}

/// Adds second-pass rows to static scores.
fn with_rows(
    table: &impl Weights,
    scores: &[[i32; TAGS]],
    rows: &PreparedSentence,
) -> Vec<[i32; TAGS]> {
    scores
        .iter()
        .enumerate()
        .map(|(i, s)| {
            let mut s = *s;
            table.add(rows.rows(i), &mut s);
            s
        })
        .collect()
}

/// The tags of a prepared document under a weight table (training's decoding).
#[cfg(not(target_arch = "wasm32"))]
pub(crate) fn decode(
    table: &impl Weights,
    bits: u32,
    set: FeatureSet,
    prepared: &features::Prepared,
) -> Vec<Vec<Tag>> {
    decode_scores(
        table,
        bits,
        set,
        &prepared.doc(),
        &row_scores(table, prepared),
    )
}

/// The tags of a document from its tokens' static scores: a first pass, then, when the model
/// has one, a second that sees how the first tagged each word elsewhere in the document.
fn decode_scores(
    table: &impl Weights,
    bits: u32,
    set: FeatureSet,
    doc: &Document,
    fixed: &[Vec<[i32; TAGS]>],
) -> Vec<Vec<Tag>> {
    let transitions = features::transitions(table, bits);
    let first: Vec<Vec<Tag>> = fixed.iter().map(|s| viterbi(s, &transitions)).collect();
    if !set.has(FeatureSet::DOC_TAGS) {
        return first;
    }
    let extra = features::document_rows(doc, &first, bits);
    fixed
        .iter()
        .zip(&extra)
        .zip(first)
        .map(|((s, rows), first)| {
            // A sentence whose words appear nowhere else scores as in the first pass.
            if rows.is_empty() {
                first
            } else {
                viterbi(&with_rows(table, s, rows), &transitions)
            }
        })
        .collect()
}

const NONE: i32 = i32::MIN / 4;

/// Tags that close what came before (Out, Last, Unit): only these may precede Out, Begin or
/// Unit, the tags that may open (`OPENERS`).
const CLOSERS: [usize; 9] = [0, 3, 4, 7, 8, 11, 12, 15, 16];
const OPENERS: [usize; 9] = [0, 1, 4, 5, 8, 9, 12, 13, 16];

/// The best well-formed tag sequence: an entity opens with Begin or Unit, goes on with Inside,
/// ends with Last, and none is left open at the end of the sentence.
pub(crate) fn viterbi(scores: &[[i32; TAGS]], transitions: &[[i32; TAGS]; TAGS]) -> Vec<Tag> {
    let Some(first) = scores.first() else {
        return Vec::new();
    };
    // The transitions from each closer into each opener, so that the forward loop reads them
    // in order.
    let mut into_openers = [[0; CLOSERS.len()]; OPENERS.len()];
    for (row, &t) in into_openers.iter_mut().zip(&OPENERS) {
        for (w, &p) in row.iter_mut().zip(&CLOSERS) {
            *w = transitions[p][t];
        }
    }
    // Only the best score of a path ending in each tag is kept, token by token: the path is
    // recovered backwards from them, which keeps the forward loop free of bookkeeping.
    let mut best = Vec::with_capacity(scores.len());
    let mut start = [NONE; TAGS];
    for t in OPENERS {
        start[t] = first[t];
    }
    best.push(start);
    for token in &scores[1..] {
        let prev = best.last().copied().unwrap_or(start);
        let closed = CLOSERS.map(|p| prev[p]);
        let mut next = [NONE; TAGS];
        for (&t, into) in OPENERS.iter().zip(&into_openers) {
            let mut top = NONE;
            for (&c, &w) in closed.iter().zip(into) {
                top = top.max(c + w);
            }
            next[t] = top + token[t];
        }
        // Inside and Last of class c follow its Begin or Inside.
        for c in 0..4 {
            let (begin, inside) = (1 + 4 * c, 2 + 4 * c);
            for t in [inside, inside + 1] {
                let from_begin = prev[begin] + transitions[begin][t];
                let from_inside = prev[inside] + transitions[inside][t];
                next[t] = from_begin.max(from_inside) + token[t];
            }
        }
        // Only the differences between paths matter: keeping the best at zero keeps the sums
        // small however long the sentence (every tag is reachable from the second token on).
        let top = next.iter().copied().max().unwrap_or(0);
        for s in &mut next {
            *s -= top;
        }
        best.push(next);
    }
    let mut tags = vec![Tag::OUT; scores.len()];
    let Some(end) = best.last() else {
        return tags;
    };
    let mut last = 0;
    let mut top = i32::MIN;
    for t in CLOSERS {
        if end[t] > top {
            top = end[t];
            last = t;
        }
    }
    for i in (0..scores.len()).rev() {
        tags[i] = Tag::from_index(last);
        if let Some(prev) = i.checked_sub(1).and_then(|j| best.get(j)) {
            last = predecessor(prev, last, transitions);
        }
    }
    tags
}

/// The tag before `t` on the best path, given the best scores of paths ending in each tag at
/// the token before (the first of equals, as the forward loop found them).
fn predecessor(prev: &[i32; TAGS], t: usize, transitions: &[[i32; TAGS]; TAGS]) -> usize {
    if OPENERS.contains(&t) {
        let (mut top, mut from) = (NONE, 0);
        for p in CLOSERS {
            let s = prev[p] + transitions[p][t];
            if s > top {
                top = s;
                from = p;
            }
        }
        from
    } else {
        let begin = 1 + 4 * ((t - 1) / 4);
        let inside = begin + 1;
        if prev[inside] + transitions[inside][t] > prev[begin] + transitions[begin][t] {
            inside
        } else {
            begin
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_best_sequence_is_well_formed() {
        // Token 0 prefers Begin-PER, token 1 prefers O: Begin then Out is not allowed, so the
        // decoder picks the best well-formed sequence instead.
        let begin_per = 1;
        let unit_per = 4;
        let mut scores = [[0; TAGS]; 2];
        scores[0][begin_per] = 10;
        scores[0][unit_per] = 8;
        scores[1][0] = 10;
        let tags = viterbi(&scores, &[[0; TAGS]; TAGS]);
        assert_eq!(tags, [Tag::from_index(unit_per), Tag::OUT]);
        for w in tags.windows(2) {
            assert!(w[1].may_follow(w[0]));
        }
    }

    /// Every well-formed sequence of `n` tags, by brute force.
    fn well_formed(n: usize) -> Vec<Vec<usize>> {
        let mut out: Vec<Vec<usize>> = OPENERS.iter().map(|&t| vec![t]).collect();
        for _ in 1..n {
            out = out
                .into_iter()
                .flat_map(|seq| {
                    let prev = Tag::from_index(seq[seq.len() - 1]);
                    (0..TAGS)
                        .filter(move |&t| Tag::from_index(t).may_follow(prev))
                        .map(move |t| [seq.clone(), vec![t]].concat())
                })
                .collect();
        }
        out.retain(|seq| CLOSERS.contains(&seq[n - 1]));
        out
    }

    #[test]
    fn the_decoder_finds_the_best_scoring_sequence() {
        // Scores and transitions from a fixed pseudo-random sequence.
        let mut state = 0x2545_f491_4f6c_dd1du64;
        let mut next = || {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            (state % 41) as i32 - 20
        };
        for n in 1..=4 {
            let scores: Vec<[i32; TAGS]> = (0..n).map(|_| [(); TAGS].map(|_| next())).collect();
            let transitions = [[(); TAGS]; TAGS].map(|row| row.map(|_| next()));
            let total = |seq: &[usize]| -> i32 {
                let emitted: i32 = seq.iter().zip(&scores).map(|(&t, s)| s[t]).sum();
                let moved: i32 = seq.windows(2).map(|w| transitions[w[0]][w[1]]).sum();
                emitted + moved
            };
            let best = well_formed(n).iter().map(|seq| total(seq)).max();
            let found: Vec<usize> = viterbi(&scores, &transitions)
                .iter()
                .map(|t| t.index())
                .collect();
            assert!(well_formed(n).contains(&found), "{found:?}");
            assert_eq!(Some(total(&found)), best, "{n} tokens");
        }
    }

    #[test]
    fn the_tag_tables_agree_with_the_bilou_rules() {
        for t in 0..TAGS {
            let tag = Tag::from_index(t);
            assert_eq!(OPENERS.contains(&t), tag.may_follow(Tag::OUT), "{tag:?}");
            assert_eq!(CLOSERS.contains(&t), Tag::OUT.may_follow(tag), "{tag:?}");
            for p in 0..TAGS {
                let prev = Tag::from_index(p);
                let expected = if OPENERS.contains(&t) {
                    CLOSERS.contains(&p)
                } else {
                    prev.class() == tag.class() && matches!((p - 1) % 4, 0 | 1)
                };
                assert_eq!(tag.may_follow(prev), expected, "{prev:?} {tag:?}");
            }
        }
    }

    /// Regression: path scores summed over a sentence of some 25,000 tokens overflowed,
    /// panicking in a debug build and tagging nonsense in a release one.
    #[test]
    fn a_sentence_of_any_length_is_decoded_without_overflow() {
        let n = 200_000;
        let mut scores = vec![[i32::MAX / 64; TAGS]; n];
        for s in &mut scores {
            s[0] = i32::MAX / 32;
        }
        let tags = viterbi(&scores, &[[0; TAGS]; TAGS]);
        assert_eq!(tags.len(), n);
        assert!(tags.iter().all(|&t| t == Tag::OUT));
    }

    #[test]
    fn an_entity_is_never_left_open() {
        let mut scores = [[0; TAGS]; 1];
        scores[0][1] = 10;
        assert_eq!(viterbi(&scores, &[[0; TAGS]; TAGS]), [Tag::OUT]);
        assert!(viterbi(&[], &[[0; TAGS]; TAGS]).is_empty());
    }

    #[test]
    fn words_kept_between_documents_change_no_label() {
        let model = super::super::model();
        let docs: [Vec<Vec<&str>>; 3] = [
            vec!["Israel Katz visited Amman on Tuesday ."
                .split(' ')
                .collect()],
            vec!["Katz met King Abdullah in Amman , Jordan ."
                .split(' ')
                .collect()],
            vec!["AMMAN ( Reuters ) - Jordan 's King Abdullah met Katz ."
                .split(' ')
                .collect()],
        ];
        let mut tagger = Tagger::new(model);
        for doc in docs.iter().chain(&docs) {
            assert_eq!(tagger.tag(doc), tag_document_with(model, doc));
        }
    }

    #[test]
    fn an_empty_model_tags_everything_outside() {
        let doc = vec![vec!["Matthew", "Miller", "said"], vec![]];
        let labels = tag_document_with(&Model::default(), &doc);
        assert_eq!(labels, vec![vec![Label::Out; 3], vec![]]);
    }
}
