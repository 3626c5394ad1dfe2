//! Viterbi decoding of well-formed BILOU tags: token scores from the features plus a score for
//! each pair of neighbouring tags. Twice over a document when the model has the second pass.

use super::features::{self, Document, FeatureSet, PreparedSentence, Scored, Weights, Words};
use super::{Label, Model, Tag, TAGS};

/// A model and the words it has read, kept from one document to the next (up to
/// [`WORDS_KEPT`]), so that a word is read and scored once however often it appears.
pub struct Tagger<'m> {
    model: &'m Model,
    words: Words,
    viterbi: Viterbi,
}

/// How many words a tagger keeps before it forgets them all (about half a kilobyte each, so
/// 16 MB at most): a batch's common vocabulary stays scored from one article to the next. A
/// megabyte of news has some 18,600 distinct words; kept to 10,000, they were forgotten and
/// scored again twice a pass (`callgrind … jsonl` over 1 MB of articles three times: 5.13 G ->
/// 4.81 G instructions).
const WORDS_KEPT: usize = 32_768;

impl<'m> Tagger<'m> {
    pub fn new(model: &'m Model) -> Tagger<'m> {
        Tagger {
            model,
            words: Words::new(),
            viterbi: Viterbi::new(&features::transitions(model, model.bits)),
        }
    }

    pub fn forget_words(&mut self) {
        self.words.forget_beyond(0);
    }

    #[cfg(test)]
    pub fn words_kept(&self) -> usize {
        self.words.count()
    }

    /// Labels every token of a document, given as sentences of token strings.
    pub fn tag(&mut self, sentences: &[Vec<&str>]) -> Vec<Vec<Label>> {
        self.tags(sentences)
            .into_iter()
            .map(|tags| tags.into_iter().map(Tag::label).collect())
            .collect()
    }

    /// The BILOU tags of every token of a document, read by the analyzer without the labels'
    /// copy of each sentence.
    pub(crate) fn tags(&mut self, sentences: &[Vec<&str>]) -> Vec<Vec<Tag>> {
        let model = self.model;
        // A document brings up to a word per token: forgetting what would leave it no room
        // keeps the words to the larger of WORDS_KEPT and the document's own (10 MB as one text
        // after a batch: 103 MB of linear memory where 97 MB suffice).
        let tokens: usize = sentences.iter().map(Vec::len).sum();
        self.words.forget_beyond(WORDS_KEPT.saturating_sub(tokens));
        let ids = self.words.read(sentences);
        self.words.score(model.set, model, model.bits);
        let doc = Document::new(&self.words, &ids);
        let scored = Scored::new(&doc);
        let fixed = features::static_scores(&doc, sentences, &scored, model.set, model, model.bits);
        decode_scores(
            model,
            &mut self.viterbi,
            model.bits,
            model.set,
            &doc,
            &scored,
            &fixed,
        )
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
    let doc = prepared.doc();
    decode_scores(
        table,
        &mut Viterbi::new(&features::transitions(table, bits)),
        bits,
        set,
        &doc,
        &Scored::every(&doc),
        &row_scores(table, prepared),
    )
}

/// The tags of a document from its `scored` tokens' static scores (the others are Out): a first
/// pass, then, when the model has one, a second that sees how the first tagged each word
/// elsewhere in the document (`viterbi` decodes under `table`'s transitions).
// Kept apart from its one caller, for V8: see src/analyze.rs.
#[inline(never)]
fn decode_scores(
    table: &impl Weights,
    viterbi: &mut Viterbi,
    bits: u32,
    set: FeatureSet,
    doc: &Document,
    scored: &Scored,
    fixed: &[Vec<[i32; TAGS]>],
) -> Vec<Vec<Tag>> {
    let first: Vec<Vec<Tag>> = fixed
        .iter()
        .enumerate()
        .map(|(k, s)| viterbi.decode(s, scored.sentence(k), doc.sentence_len(k)))
        .collect();
    if !set.has(FeatureSet::DOC_TAGS) {
        return first;
    }
    let extra = features::document_rows(doc, &first, scored, bits);
    let mut rescored = Vec::new();
    fixed
        .iter()
        .zip(&extra)
        .zip(first)
        .enumerate()
        .map(|(k, ((s, rows), first))| {
            // A sentence whose words appear nowhere else scores as in the first pass.
            if rows.is_empty() {
                first
            } else {
                with_rows(table, s, rows, &mut rescored);
                viterbi.decode(&rescored, scored.sentence(k), doc.sentence_len(k))
            }
        })
        .collect()
}

/// Tags that close what came before (Out, Last, Unit): only these may precede Out, Begin or
/// Unit, the tags that may open (`OPENERS`).
const CLOSERS: [usize; 9] = [0, 3, 4, 7, 8, 11, 12, 15, 16];
const OPENERS: [usize; 9] = [0, 1, 4, 5, 8, 9, 12, 13, 16];

/// The decoder keeps a path score per tag in lanes ordered so that each step works on whole
/// vectors: the openers (Out, then each class's Begin, then each class's Unit) and padding up
/// to [`OPEN`] lanes, then each class's Inside, then each class's Last.
const LANES: usize = 20;
/// The openers' lanes, padded to whole vectors of two or four.
const OPEN: usize = 12;
/// The first Begin lane, the first Inside lane and the first Last lane.
const BEGINS: usize = 1;
const INSIDES: usize = OPEN;
const LASTS: usize = OPEN + 4;
/// No tag: a padding lane.
const PAD: usize = TAGS;

/// The tag of each lane.
const TAG_OF_LANE: [usize; LANES] = {
    let mut out = [PAD; LANES];
    out[0] = 0;
    let mut c = 0;
    while c < 4 {
        out[BEGINS + c] = 1 + 4 * c;
        out[BEGINS + 4 + c] = 4 + 4 * c;
        out[INSIDES + c] = 2 + 4 * c;
        out[LASTS + c] = 3 + 4 * c;
        c += 1;
    }
    out
};

/// The lane of each tag.
const LANE_OF_TAG: [usize; TAGS] = {
    let mut out = [0; TAGS];
    let mut lane = 0;
    while lane < LANES {
        if TAG_OF_LANE[lane] != PAD {
            out[TAG_OF_LANE[lane]] = lane;
        }
        lane += 1;
    }
    out
};

/// How many tokens the decoder goes between bringing its path scores back near zero. Only the
/// differences between paths matter, and sums of 32-bit weights stay exact in an `f64` below
/// 2^53: a token adds less than 2^32, so 2^16 tokens stay far below.
const RENORMALIZE: usize = 1 << 16;

/// The lanes of [`CLOSERS`].
const CLOSER_LANES: [usize; CLOSERS.len()] = {
    let mut out = [0; CLOSERS.len()];
    let mut k = 0;
    while k < CLOSERS.len() {
        out[k] = LANE_OF_TAG[CLOSERS[k]];
        k += 1;
    }
    out
};

/// A Viterbi decoder of well-formed BILOU tags under fixed transition scores. Path scores are
/// kept as `f64`: sums of 32-bit weights are exact in one (below 2^53), so every comparison
/// comes out as in integers, and vector maxima of two `f64` exist on every x86-64 (of four
/// 32-bit integers they need SSE4.1).
pub(crate) struct Viterbi {
    /// The transition scores, `[prev][next]`.
    moves: [[f64; TAGS]; TAGS],
    steps: Steps,
    /// The best score of a path ending in each lane's tag, token by token (kept between
    /// sentences).
    best: Vec<[f64; LANES]>,
}

/// The transition scores as the forward pass reads them.
struct Steps {
    /// From each closer into the opener lanes (padding: never).
    from_closers: [[f64; OPEN]; CLOSERS.len()],
    /// Into each class's Inside and Last, from its Begin and from its Inside.
    begin_inside: [f64; 4],
    inside_inside: [f64; 4],
    begin_last: [f64; 4],
    inside_last: [f64; 4],
}

impl Viterbi {
    pub(crate) fn new(transitions: &[[i32; TAGS]; TAGS]) -> Viterbi {
        let moves = transitions.map(|row| row.map(f64::from));
        let from_closers = CLOSERS.map(|p| {
            let mut row = [f64::NEG_INFINITY; OPEN];
            for (w, &t) in row.iter_mut().zip(&TAG_OF_LANE) {
                if t != PAD {
                    *w = moves[p][t];
                }
            }
            row
        });
        let class = |from: usize, to: usize| -> [f64; 4] {
            std::array::from_fn(|c| moves[from + 4 * c][to + 4 * c])
        };
        Viterbi {
            moves,
            steps: Steps {
                from_closers,
                begin_inside: class(1, 2),
                inside_inside: class(2, 2),
                begin_last: class(1, 3),
                inside_last: class(2, 3),
            },
            best: Vec::new(),
        }
    }

    /// The best well-formed tag sequence of a sentence of `len` tokens, where tokens `at` have
    /// `scores` and the others are Out: an entity opens with Begin or Unit, goes on with
    /// Inside, ends with Last, and none is left open at the end of the sentence.
    pub(crate) fn decode(&mut self, scores: &[[i32; TAGS]], at: &[u32], len: usize) -> Vec<Tag> {
        // Only the best score of a path ending in each tag is kept, token by token: the path
        // is recovered backwards from them, which keeps the forward loop free of bookkeeping.
        // Tokens fixed Out add the same to every path: only the moves into and out of them
        // count.
        self.steps.forward(scores, at, &mut self.best);
        let best = &self.best;
        let mut tags = vec![Tag::OUT; len];
        let Some(end) = best.last() else {
            return tags;
        };
        // Tokens fixed Out after the last scored: the move into Out counts.
        let into_out = at.last().is_some_and(|&i| i as usize + 1 != len);
        let mut last = 0;
        let mut top = f64::NEG_INFINITY;
        for t in CLOSERS {
            let s = end[LANE_OF_TAG[t]] + if into_out { self.moves[t][0] } else { 0.0 };
            if s > top {
                top = s;
                last = t;
            }
        }
        for j in (0..best.len()).rev() {
            if let Some(tag) = at.get(j).and_then(|&i| tags.get_mut(i as usize)) {
                *tag = Tag::from_index(last);
            }
            if let Some(prev) = j.checked_sub(1).and_then(|j| best.get(j)) {
                let next = if after_out(at, j) { 0 } else { last };
                last = predecessor(prev, next, &self.moves);
            }
        }
        tags
    }
}

impl Steps {
    /// The best score of a path ending in each tag at each token, into `best`: with four-lane
    /// vectors where the CPU has them (AVX), which halves the instructions of the loop, and in
    /// the page's two-lane vectors.
    fn forward(&self, scores: &[[i32; TAGS]], at: &[u32], best: &mut Vec<[f64; LANES]>) {
        #[cfg(target_arch = "wasm32")]
        self.forward_simd128(scores, at, best);
        #[cfg(target_arch = "x86_64")]
        if std::arch::is_x86_feature_detected!("avx") {
            // SAFETY: the CPU has AVX, as just checked.
            unsafe { self.forward_avx(scores, at, best) };
            return;
        }
        #[cfg(not(target_arch = "wasm32"))]
        self.forward_any(scores, at, best);
    }

    /// The path scores at tokens fixed Out that follow paths ending in each lane's tag with
    /// `prev` (none where the sentence opens with them): Out's alone, by the best move into it.
    // Not inlined: unrolled into the forward loop, it cost the page half a kilobyte gzipped, and
    // it runs once a run of tokens fixed Out.
    #[inline(never)]
    fn through_out(&self, prev: Option<&[f64; LANES]>) -> [f64; LANES] {
        let mut out = [f64::NEG_INFINITY; LANES];
        if let Some(prev) = prev {
            for (&p, row) in CLOSER_LANES.iter().zip(&self.from_closers) {
                // Lane 0 is Out's.
                let s = prev[p] + row[0];
                out[0] = if s > out[0] { s } else { out[0] };
            }
        } else {
            out[0] = 0.0;
        }
        out
    }

    /// [`Steps::forward_any`] written in vectors of two lanes: for 128-bit SIMD in wasm, the
    /// compiler kept most of that loop in single numbers.
    #[cfg(target_arch = "wasm32")]
    fn forward_simd128(&self, scores: &[[i32; TAGS]], at: &[u32], best: &mut Vec<[f64; LANES]>) {
        use core::arch::wasm32::*;
        best.clear();
        let Some(first) = scores.first() else {
            return;
        };
        best.reserve(scores.len());
        let mut start = [f64::NEG_INFINITY; LANES];
        let from_start = !after_out(at, 0);
        if from_start {
            for t in OPENERS {
                start[LANE_OF_TAG[t]] = f64::from(first[t]);
            }
            best.push(start);
        }
        let never = f64x2_splat(f64::NEG_INFINITY);
        let pair = |a: &[f64], i: usize| f64x2(a[i], a[i + 1]);
        // SAFETY: ten vectors of two `f64` are the twenty, in order, and any bits are an `f64`.
        let mut prev: [v128; LANES / 2] = unsafe { core::mem::transmute(start) };
        for (k, token) in scores.iter().enumerate().skip(usize::from(from_start)) {
            if after_out(at, k) {
                // SAFETY: as for `prev`.
                let path = unsafe { core::mem::transmute::<[v128; LANES / 2], [f64; LANES]>(prev) };
                // SAFETY: as for `prev`.
                prev = unsafe {
                    core::mem::transmute::<[f64; LANES], [v128; LANES / 2]>(
                        self.through_out((k > 0).then_some(&path)),
                    )
                };
            }
            // Tags `t` and `t + 1` (converted whole: the compiler makes single conversions
            // of a shuffle's two lanes).
            let two = |t: usize| {
                let next = token.get(t + 1).copied().unwrap_or(0);
                f64x2_convert_low_i32x4(i32x4(token[t], next, 0, 0))
            };
            let [t0, t2, t4, t6, t8, t10, t12, t14, t16] = [0, 2, 4, 6, 8, 10, 12, 14, 16].map(two);
            // The token's scores in the lanes' order (what the padding lanes add to never
            // counts: they stay at minus infinity).
            let own = [
                t0,
                i64x2_shuffle::<1, 3>(t4, t8),
                i64x2_shuffle::<1, 2>(t12, t4),
                i64x2_shuffle::<0, 2>(t8, t12),
                t16,
                never,
                i64x2_shuffle::<0, 2>(t2, t6),
                i64x2_shuffle::<0, 2>(t10, t14),
                i64x2_shuffle::<1, 3>(t2, t6),
                i64x2_shuffle::<1, 3>(t10, t14),
            ];
            // Into the openers from each closer: the first closer's sums start the maxima (no
            // sum is NaN, so `pmax`, `a < b ? b : a`, is the scalar loop's comparison).
            let from = |p: usize| -> [v128; OPEN / 2 - 1] {
                let lane = CLOSER_LANES[p];
                let v = prev[lane / 2];
                let from = if lane % 2 == 0 {
                    i64x2_shuffle::<0, 0>(v, v)
                } else {
                    i64x2_shuffle::<1, 1>(v, v)
                };
                let row = &self.from_closers[p];
                std::array::from_fn(|v| f64x2_add(from, pair(row, 2 * v)))
            };
            let mut top = from(0);
            for p in 1..CLOSERS.len() {
                for (top, s) in top.iter_mut().zip(from(p)) {
                    *top = f64x2_pmax(*top, s);
                }
            }
            // The last opener vector is all padding: never reached.
            let mut next = [never; LANES / 2];
            for ((n, top), own) in next.iter_mut().zip(top).zip(own) {
                *n = f64x2_add(top, own);
            }
            let begins = [
                i64x2_shuffle::<1, 2>(prev[0], prev[1]),
                i64x2_shuffle::<1, 2>(prev[1], prev[2]),
            ];
            for h in 0..2 {
                let (begin, inside) = (begins[h], prev[INSIDES / 2 + h]);
                let a = f64x2_add(begin, pair(&self.begin_inside, 2 * h));
                let b = f64x2_add(inside, pair(&self.inside_inside, 2 * h));
                next[INSIDES / 2 + h] = f64x2_add(f64x2_pmax(a, b), own[INSIDES / 2 + h]);
                let a = f64x2_add(begin, pair(&self.begin_last, 2 * h));
                let b = f64x2_add(inside, pair(&self.inside_last, 2 * h));
                next[LASTS / 2 + h] = f64x2_add(f64x2_pmax(a, b), own[LASTS / 2 + h]);
            }
            // SAFETY: as for `prev`.
            best.push(unsafe { core::mem::transmute::<[v128; LANES / 2], [f64; LANES]>(next) });
            if k % RENORMALIZE == 0 {
                if let Some(last) = best.last_mut() {
                    renormalize(last);
                    // SAFETY: as for `prev`.
                    next =
                        unsafe { core::mem::transmute::<[f64; LANES], [v128; LANES / 2]>(*last) };
                }
            }
            prev = next;
        }
    }

    #[cfg(target_arch = "x86_64")]
    #[target_feature(enable = "avx")]
    unsafe fn forward_avx(&self, scores: &[[i32; TAGS]], at: &[u32], best: &mut Vec<[f64; LANES]>) {
        self.forward_any(scores, at, best);
    }

    #[cfg(not(target_arch = "wasm32"))]
    #[inline(always)]
    fn forward_any(&self, scores: &[[i32; TAGS]], at: &[u32], best: &mut Vec<[f64; LANES]>) {
        best.clear();
        let Some(first) = scores.first() else {
            return;
        };
        let mut start = [f64::NEG_INFINITY; LANES];
        let from_start = !after_out(at, 0);
        if from_start {
            for t in OPENERS {
                start[LANE_OF_TAG[t]] = f64::from(first[t]);
            }
            best.push(start);
        }
        let mut prev = start;
        for (k, token) in scores.iter().enumerate().skip(usize::from(from_start)) {
            if after_out(at, k) {
                prev = self.through_out((k > 0).then_some(&prev));
            }
            let token = TAG_OF_LANE.map(|t| token.get(t).map_or(0.0, |&s| f64::from(s)));
            let mut top = [f64::NEG_INFINITY; OPEN];
            for (&p, row) in CLOSER_LANES.iter().zip(&self.from_closers) {
                let from = prev[p];
                for (top, &w) in top.iter_mut().zip(row) {
                    let s = from + w;
                    // Not `f64::max`, whose NaN handling the compiler cannot make one
                    // instruction.
                    *top = if s > *top { s } else { *top };
                }
            }
            let mut next = [0.0; LANES];
            for ((n, top), s) in next.iter_mut().zip(top).zip(&token) {
                *n = top + s;
            }
            // Inside and Last of class c follow its Begin or Inside.
            for c in 0..4 {
                let (begin, inside) = (prev[BEGINS + c], prev[INSIDES + c]);
                let (a, b) = (begin + self.begin_inside[c], inside + self.inside_inside[c]);
                next[INSIDES + c] = if b > a { b } else { a } + token[INSIDES + c];
                let (a, b) = (begin + self.begin_last[c], inside + self.inside_last[c]);
                next[LASTS + c] = if b > a { b } else { a } + token[LASTS + c];
            }
            if k % RENORMALIZE == 0 {
                renormalize(&mut next);
            }
            best.push(next);
            prev = next;
        }
    }
}

/// Whether the `j`-th of a sentence's tokens `at` comes after a token fixed Out.
fn after_out(at: &[u32], j: usize) -> bool {
    let expected = j
        .checked_sub(1)
        .and_then(|p| at.get(p))
        .map_or(0, |&p| u64::from(p) + 1);
    at.get(j).is_some_and(|&i| u64::from(i) != expected)
}

/// Brings path scores back near zero, keeping their differences.
fn renormalize(scores: &mut [f64; LANES]) {
    // Every tag is reachable from the second token on: the best is finite.
    let top = scores
        .iter()
        .fold(f64::NEG_INFINITY, |a, &b| if b > a { b } else { a });
    for s in scores {
        *s -= top;
    }
}

/// The tag before `t` on the best path, given the best scores of paths ending in each lane's
/// tag at the token before (the first of equals in tag order).
fn predecessor(prev: &[f64; LANES], t: usize, moves: &[[f64; TAGS]; TAGS]) -> usize {
    let score = |p: usize| prev[LANE_OF_TAG[p]] + moves[p][t];
    if OPENERS.contains(&t) {
        let (mut top, mut from) = (f64::NEG_INFINITY, 0);
        for p in CLOSERS {
            let s = score(p);
            if s > top {
                top = s;
                from = p;
            }
        }
        from
    } else {
        let begin = 1 + 4 * ((t - 1) / 4);
        let inside = begin + 1;
        if score(inside) > score(begin) {
            inside
        } else {
            begin
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Decodes a sentence whose every token is scored.
    fn decode_every(transitions: &[[i32; TAGS]; TAGS], scores: &[[i32; TAGS]]) -> Vec<Tag> {
        let every: Vec<u32> = (0..scores.len() as u32).collect();
        Viterbi::new(transitions).decode(scores, &every, scores.len())
    }

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
        let tags = decode_every(&[[0; TAGS]; TAGS], &scores);
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
        for (scores, transitions) in short_sentences(0x2545_f491_4f6c_dd1d) {
            let n = scores.len();
            let total = |seq: &[usize]| total(&scores, &transitions, seq);
            let best = well_formed(n).iter().map(|seq| total(seq)).max();
            let found: Vec<usize> = decode_every(&transitions, &scores)
                .iter()
                .map(|t| t.index())
                .collect();
            assert!(well_formed(n).contains(&found), "{found:?}");
            assert_eq!(Some(total(&found)), best, "{scores:?}");
        }
    }

    /// The forward pass with four-lane vectors (where the CPU has them) finds the same path
    /// scores as without.
    #[test]
    fn the_forward_pass_is_the_same_on_any_cpu() {
        let mut next = numbers(0x9e37_79b9_7f4a_7c15, 1000);
        let transitions = [[(); TAGS]; TAGS].map(|row| row.map(|_| next()));
        let scores: Vec<[i32; TAGS]> = (0..50).map(|_| [(); TAGS].map(|_| next())).collect();
        let steps = Viterbi::new(&transitions).steps;
        // Every token scored, and tokens fixed Out before, between and after those scored.
        let every: Vec<u32> = (0..50).collect();
        let some: Vec<u32> = (0..50).map(|i| 1 + i + i / 3 + i / 7).collect();
        for at in [every, some] {
            let (mut any, mut fastest) = (Vec::new(), Vec::new());
            steps.forward_any(&scores, &at, &mut any);
            steps.forward(&scores, &at, &mut fastest);
            assert_eq!(any.len(), scores.len());
            assert_eq!(any, fastest);
        }
    }

    /// The scores of the moves from each tag (row) to each tag (column).
    type Moves = [[i32; TAGS]; TAGS];

    /// Sentences of one to four tokens, each with its tokens' scores and the moves' scores, from
    /// a fixed pseudo-random sequence: small numbers, with many ties, and large ones that differ
    /// in their last bits (a 32-bit float would round them).
    fn short_sentences(seed: u64) -> Vec<(Vec<[i32; TAGS]>, Moves)> {
        let mut next = numbers(seed, 20);
        let mut out = Vec::new();
        for scale in [1, 1 << 22] {
            for n in 1..=4 {
                let mut value = || next() * scale + next();
                let scores = (0..n).map(|_| [(); TAGS].map(|_| value())).collect();
                let transitions = [[(); TAGS]; TAGS].map(|row| row.map(|_| value()));
                out.push((scores, transitions));
            }
        }
        out
    }

    /// The score of the tag sequence `seq` (tag indices): its tags' scores and its moves'.
    fn total(scores: &[[i32; TAGS]], transitions: &Moves, seq: &[usize]) -> i64 {
        let emitted: i64 = seq.iter().zip(scores).map(|(&t, s)| i64::from(s[t])).sum();
        let moved: i64 = seq
            .windows(2)
            .map(|w| i64::from(transitions[w[0]][w[1]]))
            .sum();
        emitted + moved
    }

    /// A pseudo-random sequence of numbers from `-range` to `range`.
    fn numbers(seed: u64, range: u64) -> impl FnMut() -> i32 {
        let mut state = seed;
        move || {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            (state % (2 * range + 1)) as i32 - range as i32
        }
    }

    /// Decoding only the tokens not fixed Out finds the best well-formed sequence with Out at
    /// the others: the moves into and out of a token fixed Out count, as if it were decoded
    /// (decoding the runs between them as sentences of their own would not).
    #[test]
    fn the_decoder_finds_the_best_sequence_around_tokens_fixed_out() {
        for (scores, transitions) in short_sentences(0x1234_5678_9abc_def1) {
            let n = scores.len();
            let total = |seq: &[usize]| total(&scores, &transitions, seq);
            // Each subset of the tokens fixed Out (a set bit).
            for fixed in 0..1u32 << n {
                let is_fixed = |i: usize| fixed >> i & 1 == 1;
                let at: Vec<u32> = (0..n as u32).filter(|&i| !is_fixed(i as usize)).collect();
                let some: Vec<[i32; TAGS]> = at.iter().map(|&i| scores[i as usize]).collect();
                let allowed: Vec<Vec<usize>> = well_formed(n)
                    .into_iter()
                    .filter(|seq| (0..n).all(|i| !is_fixed(i) || seq[i] == 0))
                    .collect();
                let found: Vec<usize> = Viterbi::new(&transitions)
                    .decode(&some, &at, n)
                    .iter()
                    .map(|t| t.index())
                    .collect();
                assert!(allowed.contains(&found), "{found:?}, fixed {fixed:b}");
                let best = allowed.iter().map(|seq| total(seq)).max();
                assert_eq!(Some(total(&found)), best, "{n} tokens, fixed {fixed:b}");
            }
        }
    }

    /// Over a long sentence, decoding around tokens fixed Out gives the very tags (ties broken
    /// alike) of decoding every token with the fixed ones' other tags out of reach.
    #[test]
    fn decoding_around_tokens_fixed_out_is_decoding_them_as_out() {
        let mut next = numbers(0x0bad_cafe_dead_beef, 30);
        let transitions = [[(); TAGS]; TAGS].map(|row| row.map(|_| next()));
        let n = 300;
        let mut scores: Vec<[i32; TAGS]> = (0..n).map(|_| [(); TAGS].map(|_| next())).collect();
        let at: Vec<u32> = (0..n as u32).filter(|_| next() > 0).collect();
        assert!(at.len() > n / 3 && at.len() < 2 * n / 3);
        let some: Vec<[i32; TAGS]> = at.iter().map(|&i| scores[i as usize]).collect();
        for (i, s) in scores.iter_mut().enumerate() {
            if !at.contains(&(i as u32)) {
                s[1..].fill(-1 << 20);
            }
        }
        let tags = Viterbi::new(&transitions).decode(&some, &at, n);
        assert_eq!(tags, decode_every(&transitions, &scores));
        assert!(tags.iter().any(|&t| t != Tag::OUT));
    }

    #[test]
    fn the_tag_tables_agree_with_the_bilou_rules() {
        for t in 0..TAGS {
            assert_eq!(TAG_OF_LANE[LANE_OF_TAG[t]], t);
            assert_eq!(LANE_OF_TAG[t] < OPEN, OPENERS.contains(&t), "{t}");
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
        let tags = decode_every(&[[0; TAGS]; TAGS], &scores);
        assert_eq!(tags.len(), n);
        assert!(tags.iter().all(|&t| t == Tag::OUT));
    }

    #[test]
    fn an_entity_is_never_left_open() {
        let mut scores = [[0; TAGS]; 1];
        scores[0][1] = 10;
        assert_eq!(decode_every(&[[0; TAGS]; TAGS], &scores), [Tag::OUT]);
        assert!(decode_every(&[[0; TAGS]; TAGS], &[]).is_empty());
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

    /// The tagger labels as it would scoring every token, where no token fixed Out would be
    /// labelled otherwise.
    #[test]
    fn fixing_tokens_out_changes_no_other_label() {
        let model = super::super::model();
        let doc: Vec<Vec<&str>> = [
            "State Department spokesman Matthew Miller told reporters in Amman , Jordan , on Tuesday .",
            "\" We will not , \" he said of the Bank of America 's plans for Jose de Sousa .",
            "fighting in Azad ( free ) Kashmir went on , the interior minister said",
            "WASHINGTON ( Reuters ) - the talks , which began on Monday , ended",
            "",
            ", ( ) .",
        ]
        .iter()
        .map(|s| s.split(' ').collect())
        .collect();
        let mut words = Words::new();
        let ids = words.read(&doc);
        words.score(model.set, model, model.bits);
        let document = Document::new(&words, &ids);
        let every = Scored::every(&document);
        let fixed = features::static_scores(&document, &doc, &every, model.set, model, model.bits);
        let mut viterbi = Viterbi::new(&features::transitions(model, model.bits));
        let all = decode_scores(
            model,
            &mut viterbi,
            model.bits,
            model.set,
            &document,
            &every,
            &fixed,
        );
        let all: Vec<Vec<Label>> = all
            .into_iter()
            .map(|s| s.into_iter().map(Tag::label).collect())
            .collect();
        assert_eq!(Tagger::new(model).tag(&doc), all);
        assert!(all[2].iter().any(|&l| l != Label::Out));
        let scored = Scored::new(&document);
        let scored: usize = (0..doc.len()).map(|k| scored.sentence(k).len()).sum();
        assert!(scored < doc.iter().map(Vec::len).sum::<usize>());
    }

    #[test]
    fn an_empty_model_tags_everything_outside() {
        let doc = vec![vec!["Matthew", "Miller", "said"], vec![]];
        let labels = tag_document_with(&Model::default(), &doc);
        assert_eq!(labels, vec![vec![Label::Out; 3], vec![]]);
    }
}
