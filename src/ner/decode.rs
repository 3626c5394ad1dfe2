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

/// Static scores with second-pass rows added, into `out`.
fn with_rows(
    table: &impl Weights,
    scores: &[[i32; TAGS]],
    rows: &PreparedSentence,
    out: &mut Vec<[i32; TAGS]>,
) {
    out.clear();
    out.extend(scores.iter().enumerate().map(|(i, s)| {
        let mut s = *s;
        table.add(rows.rows(i), &mut s);
        s
    }));
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
    let mut viterbi = Viterbi::new(&features::transitions(table, bits));
    let first: Vec<Vec<Tag>> = fixed.iter().map(|s| viterbi.decode(s)).collect();
    if !set.has(FeatureSet::DOC_TAGS) {
        return first;
    }
    let extra = features::document_rows(doc, &first, bits);
    let mut rescored = Vec::new();
    fixed
        .iter()
        .zip(&extra)
        .zip(first)
        .map(|((s, rows), first)| {
            // A sentence whose words appear nowhere else scores as in the first pass.
            if rows.is_empty() {
                first
            } else {
                with_rows(table, s, rows, &mut rescored);
                viterbi.decode(&rescored)
            }
        })
        .collect()
}

/// Tags that close what came before (Out, Last, Unit): only these may precede Out, Begin or
/// Unit, the tags that may open (`OPENERS`).
const CLOSERS: [usize; 9] = [0, 3, 4, 7, 8, 11, 12, 15, 16];
const OPENERS: [usize; 9] = [0, 1, 4, 5, 8, 9, 12, 13, 16];
/// [`OPENERS`] rounded up to whole vectors of two or four.
const LANES: usize = 12;

/// A Viterbi decoder of well-formed BILOU tags under fixed transition scores. Path scores are
/// kept as `f64`: sums of 32-bit weights are exact in one (below 2^53), so every comparison
/// comes out as in integers, and two-lane vector maxima exist on every x86-64 (32-bit ones need
/// SSE4.1), which makes the forward loop twice as fast.
pub(crate) struct Viterbi {
    /// The transition scores, `[prev][next]`.
    moves: [[f64; TAGS]; TAGS],
    /// From each closer into each opener, a closer's in a row padded to whole vectors.
    from_closers: [[f64; LANES]; CLOSERS.len()],
    /// The best score of a path ending in each tag, token by token (kept between sentences).
    best: Vec<[f64; TAGS]>,
}

impl Viterbi {
    pub(crate) fn new(transitions: &[[i32; TAGS]; TAGS]) -> Viterbi {
        let moves = transitions.map(|row| row.map(f64::from));
        let mut from_closers = [[0.0; LANES]; CLOSERS.len()];
        for (row, &p) in from_closers.iter_mut().zip(&CLOSERS) {
            for (w, &t) in row.iter_mut().zip(&OPENERS) {
                *w = moves[p][t];
            }
        }
        Viterbi {
            moves,
            from_closers,
            best: Vec::new(),
        }
    }

    /// The best well-formed tag sequence: an entity opens with Begin or Unit, goes on with
    /// Inside, ends with Last, and none is left open at the end of the sentence.
    pub(crate) fn decode(&mut self, scores: &[[i32; TAGS]]) -> Vec<Tag> {
        let Some(first) = scores.first() else {
            return Vec::new();
        };
        let moves = &self.moves;
        // Only the best score of a path ending in each tag is kept, token by token: the path
        // is recovered backwards from them, which keeps the forward loop free of bookkeeping.
        let best = &mut self.best;
        best.clear();
        let mut start = [f64::NEG_INFINITY; TAGS];
        for t in OPENERS {
            start[t] = f64::from(first[t]);
        }
        best.push(start);
        let mut prev = start;
        for token in &scores[1..] {
            let token = token.map(f64::from);
            let mut top = [f64::NEG_INFINITY; LANES];
            for (&p, row) in CLOSERS.iter().zip(&self.from_closers) {
                let from = prev[p];
                for (top, &w) in top.iter_mut().zip(row) {
                    let s = from + w;
                    // Not `f64::max`, whose NaN handling the compiler cannot make one
                    // instruction.
                    *top = if s > *top { s } else { *top };
                }
            }
            let mut next = [f64::NEG_INFINITY; TAGS];
            for (&t, &top) in OPENERS.iter().zip(&top) {
                next[t] = top + token[t];
            }
            // Inside and Last of class c follow its Begin or Inside.
            for c in 0..4 {
                let (begin, inside) = (1 + 4 * c, 2 + 4 * c);
                for t in [inside, inside + 1] {
                    let from_begin = prev[begin] + moves[begin][t];
                    let from_inside = prev[inside] + moves[inside][t];
                    let from = if from_inside > from_begin {
                        from_inside
                    } else {
                        from_begin
                    };
                    next[t] = from + token[t];
                }
            }
            // Only the differences between paths matter: keeping the best at zero keeps the
            // sums small however long the sentence (every tag is reachable from the second
            // token on).
            let top = next
                .iter()
                .fold(f64::NEG_INFINITY, |a, &b| if b > a { b } else { a });
            for s in &mut next {
                *s -= top;
            }
            best.push(next);
            prev = next;
        }
        let mut tags = vec![Tag::OUT; scores.len()];
        let Some(end) = best.last() else {
            return tags;
        };
        let mut last = 0;
        let mut top = f64::NEG_INFINITY;
        for t in CLOSERS {
            if end[t] > top {
                top = end[t];
                last = t;
            }
        }
        for i in (0..scores.len()).rev() {
            tags[i] = Tag::from_index(last);
            if let Some(prev) = i.checked_sub(1).and_then(|j| best.get(j)) {
                last = predecessor(prev, last, moves);
            }
        }
        tags
    }
}

/// The tag before `t` on the best path, given the best scores of paths ending in each tag at
/// the token before (the first of equals, as the forward loop found them).
fn predecessor(prev: &[f64; TAGS], t: usize, moves: &[[f64; TAGS]; TAGS]) -> usize {
    if OPENERS.contains(&t) {
        let (mut top, mut from) = (f64::NEG_INFINITY, 0);
        for p in CLOSERS {
            let s = prev[p] + moves[p][t];
            if s > top {
                top = s;
                from = p;
            }
        }
        from
    } else {
        let begin = 1 + 4 * ((t - 1) / 4);
        let inside = begin + 1;
        if prev[inside] + moves[inside][t] > prev[begin] + moves[begin][t] {
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
        let tags = Viterbi::new(&[[0; TAGS]; TAGS]).decode(&scores);
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
        // Scores and transitions from a fixed pseudo-random sequence: small ones, with many
        // ties, and large ones that differ in their last bits (a 32-bit float would round them).
        let mut state = 0x2545_f491_4f6c_dd1du64;
        let mut next = || {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            (state % 41) as i32 - 20
        };
        for scale in [1, 1 << 22] {
            for n in 1..=4 {
                let mut value = || next() * scale + next();
                let scores: Vec<[i32; TAGS]> =
                    (0..n).map(|_| [(); TAGS].map(|_| value())).collect();
                let transitions = [[(); TAGS]; TAGS].map(|row| row.map(|_| value()));
                let total = |seq: &[usize]| -> i64 {
                    let emitted: i64 = seq.iter().zip(&scores).map(|(&t, s)| i64::from(s[t])).sum();
                    let moved: i64 = seq
                        .windows(2)
                        .map(|w| i64::from(transitions[w[0]][w[1]]))
                        .sum();
                    emitted + moved
                };
                let best = well_formed(n).iter().map(|seq| total(seq)).max();
                let found: Vec<usize> = Viterbi::new(&transitions)
                    .decode(&scores)
                    .iter()
                    .map(|t| t.index())
                    .collect();
                assert!(well_formed(n).contains(&found), "{found:?}");
                assert_eq!(Some(total(&found)), best, "{n} tokens, scale {scale}");
            }
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
        let tags = Viterbi::new(&[[0; TAGS]; TAGS]).decode(&scores);
        assert_eq!(tags.len(), n);
        assert!(tags.iter().all(|&t| t == Tag::OUT));
    }

    #[test]
    fn an_entity_is_never_left_open() {
        let mut scores = [[0; TAGS]; 1];
        scores[0][1] = 10;
        assert_eq!(Viterbi::new(&[[0; TAGS]; TAGS]).decode(&scores), [Tag::OUT]);
        assert!(Viterbi::new(&[[0; TAGS]; TAGS]).decode(&[]).is_empty());
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
