//! Viterbi decoding of well-formed BILOU tags: token scores from the features plus a score for
//! each pair of neighbouring tags. Twice over a document when the model has the second pass.

use super::features::{self, FeatureSet, Prepared, Weights};
use super::{Label, Model, Tag, TAGS};

/// Labels every token of a document with `model`.
pub fn tag_document_with(model: &Model, sentences: &[Vec<&str>]) -> Vec<Vec<Label>> {
    let prepared = features::prepare(sentences, model.set, model.bits);
    decode(model, model.bits, model.set, &prepared)
        .into_iter()
        .map(|tags| tags.into_iter().map(Tag::label).collect())
        .collect()
}

/// Each token's tag scores from its static rows, sentence by sentence.
pub(crate) fn static_scores(table: &impl Weights, prepared: &Prepared) -> Vec<Vec<[i32; TAGS]>> {
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
pub(crate) fn with_rows(
    table: &impl Weights,
    scores: &[[i32; TAGS]],
    rows: &[Vec<u32>],
) -> Vec<[i32; TAGS]> {
    scores
        .iter()
        .zip(rows)
        .map(|(s, rows)| {
            let mut s = *s;
            table.add(rows, &mut s);
            s
        })
        .collect()
}

/// The tags of a prepared document under a weight table.
pub(crate) fn decode(
    table: &impl Weights,
    bits: u32,
    set: FeatureSet,
    prepared: &Prepared,
) -> Vec<Vec<Tag>> {
    let transitions = features::transitions(table, bits);
    let fixed = static_scores(table, prepared);
    let first: Vec<Vec<Tag>> = fixed.iter().map(|s| viterbi(s, &transitions)).collect();
    if !set.has(FeatureSet::DOC_TAGS) {
        return first;
    }
    let extra = features::document_rows(prepared, &first, bits);
    fixed
        .iter()
        .zip(&extra)
        .map(|(s, rows)| viterbi(&with_rows(table, s, rows), &transitions))
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
    let n = scores.len();
    let Some(first) = scores.first() else {
        return Vec::new();
    };
    let mut back = vec![[0u8; TAGS]; n];
    let mut best = [NONE; TAGS];
    for t in OPENERS {
        best[t] = first[t];
    }
    for (token, back) in scores.iter().zip(back.iter_mut()).skip(1) {
        let mut next = [NONE; TAGS];
        for t in OPENERS {
            let (mut top, mut from) = (NONE, 0);
            for p in CLOSERS {
                let s = best[p] + transitions[p][t];
                if s > top {
                    top = s;
                    from = p;
                }
            }
            next[t] = top + token[t];
            back[t] = from as u8;
        }
        // Inside and Last of class c follow its Begin or Inside.
        for c in 0..4 {
            let (begin, inside) = (1 + 4 * c, 2 + 4 * c);
            for t in [inside, inside + 1] {
                let from_begin = best[begin] + transitions[begin][t];
                let from_inside = best[inside] + transitions[inside][t];
                let (top, from) = if from_inside > from_begin {
                    (from_inside, inside)
                } else {
                    (from_begin, begin)
                };
                next[t] = top + token[t];
                back[t] = from as u8;
            }
        }
        best = next;
    }
    let mut last = 0;
    let mut top = i32::MIN;
    for t in CLOSERS {
        if best[t] > top {
            top = best[t];
            last = t;
        }
    }
    let mut tags = vec![Tag::OUT; n];
    for i in (0..n).rev() {
        tags[i] = Tag::from_index(last);
        last = usize::from(back[i][last]);
    }
    tags
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

    #[test]
    fn an_entity_is_never_left_open() {
        let mut scores = [[0; TAGS]; 1];
        scores[0][1] = 10;
        assert_eq!(viterbi(&scores, &[[0; TAGS]; TAGS]), [Tag::OUT]);
        assert!(viterbi(&[], &[[0; TAGS]; TAGS]).is_empty());
    }

    #[test]
    fn an_empty_model_tags_everything_outside() {
        let doc = vec![vec!["Matthew", "Miller", "said"], vec![]];
        let labels = tag_document_with(&Model::default(), &doc);
        assert_eq!(labels, vec![vec![Label::Out; 3], vec![]]);
    }
}
