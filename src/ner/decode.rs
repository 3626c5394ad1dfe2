//! Viterbi decoding of well-formed BILOU tags: token scores from the features plus a score for
//! each pair of neighbouring tags. Twice over a document when the model has the second pass.

use super::features::{self, Document, FeatureSet, Scored, TokenRows, Weights, Words};
use super::{Label, Model, Tag, TAGS};

/// A model and the words it has read, kept from one document to the next (up to
/// [`WORDS_KEPT`]), so that a word is read and scored once however often it appears.
pub struct Tagger<'m> {
    model: &'m Model,
    words: Words,
    viterbi: Viterbi,
    /// The lists a document is tagged through, kept for the next: tagging an article then
    /// allocates next to nothing.
    scored: Scored,
    fixed: Vec<[i32; TAGS]>,
    passes: Passes,
}

/// The decoder's lists ([`decode_scores`]).
#[derive(Default)]
struct Passes {
    first: Vec<Tag>,
    extra: TokenRows,
    rescored: Vec<[i32; TAGS]>,
    second: Vec<Tag>,
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
            scored: Scored::default(),
            fixed: Vec::new(),
            passes: Passes::default(),
        }
    }

    /// Forgets the words, and the lists grown as long as the last document.
    pub fn forget_words(&mut self) {
        *self = Tagger::new(self.model);
    }

    #[cfg(test)]
    pub fn words_kept(&self) -> usize {
        self.words.count()
    }

    /// Labels every token of a document, given as sentences of token strings.
    pub fn tag(&mut self, sentences: &[Vec<&str>]) -> Vec<Vec<Label>> {
        let mut rest = self.tags(sentences);
        sentences
            .iter()
            .map(|s| {
                let (tags, after) = rest.split_at(s.len().min(rest.len()));
                rest = after;
                tags.iter().map(|t| t.label()).collect()
            })
            .collect()
    }

    /// The BILOU tags of every token of a document, sentence after sentence in one list: read
    /// by the analyzer without the labels' copy of each sentence.
    pub(crate) fn tags(&mut self, sentences: &[Vec<&str>]) -> &[Tag] {
        let model = self.model;
        // A document brings up to a word per token: forgetting what would leave it no room
        // keeps the words to the larger of WORDS_KEPT and the document's own (10 MB as one text
        // after a batch: 103 MB of linear memory where 97 MB suffice).
        let tokens: usize = sentences.iter().map(Vec::len).sum();
        self.words.forget_beyond(WORDS_KEPT.saturating_sub(tokens));
        self.words.read(sentences);
        self.words.score(model.set, model, model.bits);
        let doc = Document::new(&self.words);
        let (scored, fixed) = (&mut self.scored, &mut self.fixed);
        scored.read(&doc);
        features::static_scores(&doc, sentences, scored, model.set, model, model.bits, fixed);
        decode_scores(
            model,
            &mut self.viterbi,
            model.bits,
            model.set,
            &doc,
            scored,
            fixed,
            &mut self.passes,
        )
    }
}

/// Labels every token of a document with `model`.
pub fn tag_document_with(model: &Model, sentences: &[Vec<&str>]) -> Vec<Vec<Label>> {
    Tagger::new(model).tag(sentences)
}

/// Each token's tag scores from its prepared rows, sentence after sentence.
#[cfg(not(target_arch = "wasm32"))]
pub(crate) fn row_scores(table: &impl Weights, prepared: &features::Prepared) -> Vec<[i32; TAGS]> {
    let scores = |s: &TokenRows, i: usize| {
        let mut scores = [0; TAGS];
        table.add(s.rows(i), &mut scores);
        scores
    };
    (prepared.sentences.iter())
        .flat_map(|s| (0..s.len()).map(move |i| scores(s, i)))
        .collect()
}

/// Static scores of tokens `from..` with their second-pass rows added, into `out`.
fn with_rows(
    table: &impl Weights,
    scores: &[[i32; TAGS]],
    rows: &TokenRows,
    from: usize,
    out: &mut Vec<[i32; TAGS]>,
) {
    out.clear();
    out.extend(scores.iter().enumerate().map(|(i, s)| {
        let mut s = *s;
        table.add(rows.rows(from + i), &mut s);
        s
    }));
}

/// The tags of a prepared document under a weight table (training's decoding), sentence after
/// sentence in one list.
#[cfg(not(target_arch = "wasm32"))]
pub(crate) fn decode(
    table: &impl Weights,
    bits: u32,
    set: FeatureSet,
    prepared: &features::Prepared,
) -> Vec<Tag> {
    let doc = prepared.doc();
    decode_scores(
        table,
        &mut Viterbi::new(&features::transitions(table, bits)),
        bits,
        set,
        &doc,
        &Scored::every(&doc),
        &row_scores(table, prepared),
        &mut Passes::default(),
    )
    .to_vec()
}

/// The tags of a document from its `scored` tokens' static scores (`fixed`, in their order;
/// the others are Out), sentence after sentence in one list: a first pass, then, when the
/// model has one, a second that sees how the first tagged each word elsewhere in the document
/// (`viterbi` decodes under `table`'s transitions), through the lists of `passes`.
// Kept apart from its one caller, for V8: see src/analyze.rs.
#[inline(never)]
#[allow(clippy::too_many_arguments)]
fn decode_scores<'p>(
    table: &impl Weights,
    viterbi: &mut Viterbi,
    bits: u32,
    set: FeatureSet,
    doc: &Document,
    scored: &Scored,
    fixed: &[[i32; TAGS]],
    passes: &'p mut Passes,
) -> &'p [Tag] {
    let Passes {
        first,
        extra,
        rescored,
        second,
    } = passes;
    let sentences = 0..doc.sentence_count();
    let scores_of = |k: usize| fixed.get(scored.range(k)).unwrap_or(&[]);
    first.clear();
    for k in sentences.clone() {
        viterbi.decode_into(scores_of(k), scored.sentence(k), doc.sentence_len(k), first);
    }
    if !set.has(FeatureSet::DOC_TAGS) {
        return first;
    }
    features::document_rows(doc, first, scored, bits, extra);
    second.clear();
    for k in sentences {
        let at = scored.range(k);
        // A sentence whose words appear nowhere else scores as in the first pass.
        if extra.any(at.clone()) {
            with_rows(table, scores_of(k), extra, at.start, rescored);
            viterbi.decode_into(rescored, scored.sentence(k), doc.sentence_len(k), second);
        } else {
            second.extend_from_slice(first.get(doc.sentence(k)).unwrap_or(&[]));
        }
    }
    second
}

/// Tags that close what came before (Out, Last, Unit): only these may precede Out, Begin or
/// Unit, the tags that may open (`OPENERS`).
const CLOSERS: [usize; 9] = [0, 3, 4, 7, 8, 11, 12, 15, 16];
const OPENERS: [usize; 9] = [0, 1, 4, 5, 8, 9, 12, 13, 16];

/// The decoder keeps a path score per tag in lanes ordered so that each step works on whole
/// vectors of four, and the page's forward pass gathers a token's scores into them with eight
/// shuffles: Out and the first three classes' Unit, each class's Begin, the last class's Unit and
/// padding (together the openers, [`OPEN`] lanes), then each class's Inside, then each class's
/// Last.
const LANES: usize = 20;
/// The openers' lanes, padded to whole vectors of four.
const OPEN: usize = 12;
/// The first Begin lane, the first Inside lane and the first Last lane.
const BEGINS: usize = 4;
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
        out[if c < 3 { 1 + c } else { 8 }] = 4 + 4 * c;
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

/// How many tokens the decoder goes between bringing its `f64` path scores back near zero.
/// Only the differences between paths matter, and sums of 32-bit weights stay exact in an
/// `f64` below 2^53: a token adds less than 2^32, so 2^16 tokens stay far below.
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

/// A path score: `f64` (sums of 32-bit weights are exact in one, below 2^53, so every
/// comparison comes out as in integers), or `i32` where no sum can overflow (see [`SMALL`]).
trait Score: Copy + PartialOrd + std::ops::Add<Output = Self> + From<i32> {
    /// No path: below every path's score, and `NEVER` plus a step still fits.
    const NEVER: Self;

    /// The tag before `t` on the best path, given the best scores of paths ending in each
    /// lane's tag at the token before.
    #[inline(always)]
    fn predecessor(prev: &[Self; LANES], t: usize, steps: &Steps<Self>) -> usize {
        predecessor(prev, t, &steps.moves)
    }
}

impl Score for f64 {
    const NEVER: f64 = f64::NEG_INFINITY;
}

impl Score for i32 {
    const NEVER: i32 = -(1 << 29);

    /// The closers' sums in three vectors' lanes rather than one by one: the backward pass was
    /// two fifths of the page's decoding, and most tokens (Out's, an opener's) search all nine.
    #[cfg(any(test, target_arch = "wasm32"))]
    #[inline(always)]
    fn predecessor(prev: &[i32; LANES], t: usize, steps: &Steps<i32>) -> usize {
        use four::*;
        let Some(into) = steps.into_openers.get(t).filter(|_| OPENERS.contains(&t)) else {
            return predecessor(prev, t, &steps.moves);
        };
        // Closers 0, 2, 4, 6 (Out and three Units) are lanes 0-3, closers 1, 3, 5, 7 (the
        // Lasts) lanes 16-19, closer 8 (the last Unit) lane 8.
        let even = add(load(&prev[..4]), load(&into[..4]));
        let odd = add(load(&prev[LASTS..]), load(&into[4..8]));
        let unit = prev[8] + into[8];
        let top = max(even, odd);
        let top = max(top, shuffle::<2, 3, 0, 1>(top, top));
        let top = max(top, shuffle::<1, 0, 3, 2>(top, top));
        let top = splat(lanes_of(top)[0].max(unit));
        // The first closer of the best sum, in tag order: the lanes' masks interleaved.
        let found = SPREAD[bitmask(eq(even, top))] | SPREAD[bitmask(eq(odd, top))] << 1 | 1 << 8;
        CLOSERS[found.trailing_zeros() as usize]
    }
}

/// Four bits spread to the even ones of eight.
#[cfg(any(test, target_arch = "wasm32"))]
const SPREAD: [u32; 16] = {
    let mut out = [0; 16];
    let mut m = 0;
    while m < 16 {
        let mut b = 0;
        while b < 4 {
            out[m] |= ((m as u32 >> b) & 1) << (2 * b);
            b += 1;
        }
        m += 1;
    }
    out
};

/// The largest score of a token or of a move (either sign) decoded in 32-bit lanes: 2^22, far
/// beyond the embedded model's (16-bit weights, a few dozen a token). Then a step adds at most
/// `D` = 2^23 to a path; the pass renormalizes every step to Out's path, and each lane's path
/// follows from the best closer's within two steps, so paths lie within `8 * D` (2^26) of Out's;
/// `NEVER`, its sum with a step, and a padding lane's `NEVER + NEVER` plus steps (-2^30 and
/// 2^27 more) all stay below 2^26 less than any path and above `i32::MIN`.
#[cfg(any(test, target_arch = "wasm32"))]
const SMALL: i32 = 1 << 22;

/// A Viterbi decoder of well-formed BILOU tags under fixed transition scores.
pub(crate) struct Viterbi {
    steps: Steps<f64>,
    /// The best score of a path ending in each lane's tag, token by token (kept between
    /// sentences).
    best: Vec<[f64; LANES]>,
    /// The same in 32-bit lanes, when every move lies within [`SMALL`].
    #[cfg(any(test, target_arch = "wasm32"))]
    narrow: Option<(Steps<i32>, Vec<[i32; LANES]>)>,
}

/// The transition scores as the forward pass reads them, and as the backward pass does.
struct Steps<S> {
    /// `[prev][next]`.
    moves: [[S; TAGS]; TAGS],
    /// From each closer into the opener lanes (padding: never).
    from_closers: [[S; OPEN]; CLOSERS.len()],
    /// Into each class's Inside and Last, from its Begin and from its Inside.
    begin_inside: [S; 4],
    inside_inside: [S; 4],
    begin_last: [S; 4],
    inside_last: [S; 4],
    /// Into each tag, the moves from closers 0, 2, 4, 6, then 1, 3, 5, 7, then 8: in the
    /// order of their lanes ([`Score::predecessor`]).
    #[cfg(any(test, target_arch = "wasm32"))]
    into_openers: [[S; CLOSERS.len()]; TAGS],
}

impl<S: Score> Steps<S> {
    fn new(moves: &[[i32; TAGS]; TAGS]) -> Steps<S> {
        let from_closers = CLOSERS.map(|p| {
            let mut row = [S::NEVER; OPEN];
            for (w, &t) in row.iter_mut().zip(&TAG_OF_LANE) {
                if t != PAD {
                    *w = S::from(moves[p][t]);
                }
            }
            row
        });
        let class = |from: usize, to: usize| -> [S; 4] {
            std::array::from_fn(|c| S::from(moves[from + 4 * c][to + 4 * c]))
        };
        Steps {
            moves: moves.map(|row| row.map(S::from)),
            from_closers,
            begin_inside: class(1, 2),
            inside_inside: class(2, 2),
            begin_last: class(1, 3),
            inside_last: class(2, 3),
            #[cfg(any(test, target_arch = "wasm32"))]
            into_openers: std::array::from_fn(|t| {
                [0, 2, 4, 6, 1, 3, 5, 7, 8].map(|k| S::from(moves[CLOSERS[k]][t]))
            }),
        }
    }

    /// The path scores at tokens fixed Out that follow paths ending in each lane's tag with
    /// `prev` (none where the sentence opens with them): Out's alone, by the best move into it.
    // Not inlined: unrolled into the forward loop, it cost the page half a kilobyte gzipped, and
    // it runs once a run of tokens fixed Out.
    #[inline(never)]
    fn through_out(&self, prev: Option<&[S; LANES]>) -> [S; LANES] {
        let mut out = [S::NEVER; LANES];
        if let Some(prev) = prev {
            for (&p, row) in CLOSER_LANES.iter().zip(&self.from_closers) {
                // Lane 0 is Out's.
                let s = prev[p] + row[0];
                out[0] = if s > out[0] { s } else { out[0] };
            }
        } else {
            out[0] = S::from(0);
        }
        out
    }
}

impl Viterbi {
    pub(crate) fn new(transitions: &[[i32; TAGS]; TAGS]) -> Viterbi {
        Viterbi {
            steps: Steps::new(transitions),
            best: Vec::new(),
            #[cfg(any(test, target_arch = "wasm32"))]
            narrow: (transitions.as_flattened().iter())
                .all(|m| m.unsigned_abs() <= SMALL.unsigned_abs())
                .then(|| (Steps::new(transitions), Vec::new())),
        }
    }

    /// The best well-formed tag sequence of a sentence of `len` tokens, where tokens `at` have
    /// `scores` and the others are Out: an entity opens with Begin or Unit, goes on with
    /// Inside, ends with Last, and none is left open at the end of the sentence.
    #[cfg(any(test, not(target_arch = "wasm32")))]
    pub(crate) fn decode(&mut self, scores: &[[i32; TAGS]], at: &[u32], len: usize) -> Vec<Tag> {
        let mut tags = Vec::with_capacity(len);
        self.decode_into(scores, at, len, &mut tags);
        tags
    }

    /// [`Viterbi::decode`] onto the end of `out`, which a document's sentences share.
    pub(crate) fn decode_into(
        &mut self,
        scores: &[[i32; TAGS]],
        at: &[u32],
        len: usize,
        out: &mut Vec<Tag>,
    ) {
        // In the page, in 32-bit lanes where the bound allows (always, with the embedded
        // model): twice the lanes of a vector of `f64`.
        #[cfg(target_arch = "wasm32")]
        if self.decode_narrow(scores, at, len, out) {
            return;
        }
        self.steps.forward(scores, at, &mut self.best);
        #[cfg(all(test, not(target_arch = "wasm32")))]
        let start = out.len();
        backtrack(&self.best, &self.steps, at, len, out);
        // Wherever the tests decode, the page's pass must find the same tags.
        #[cfg(all(test, not(target_arch = "wasm32")))]
        {
            let mut narrow = Vec::new();
            if self.decode_narrow(scores, at, len, &mut narrow) {
                assert_eq!(narrow, out[start..]);
            }
        }
    }

    /// [`Viterbi::decode_into`] in 32-bit lanes; false, `out` unchanged, where a score or a
    /// move lies beyond [`SMALL`].
    #[cfg(any(test, target_arch = "wasm32"))]
    fn decode_narrow(
        &mut self,
        scores: &[[i32; TAGS]],
        at: &[u32],
        len: usize,
        out: &mut Vec<Tag>,
    ) -> bool {
        let Some((steps, best)) = self.narrow.as_mut() else {
            return false;
        };
        let fits = steps.forward_narrow(scores, at, best);
        if fits {
            backtrack(best, steps, at, len, out);
        }
        fits
    }
}

/// The tags of the best path, recovered backwards from the best score of a path ending in each
/// tag at each token (`best`, from the forward pass): this keeps the forward loop free of
/// bookkeeping. Tokens fixed Out add the same to every path: only the moves into and out of
/// them count.
fn backtrack<S: Score>(
    best: &[[S; LANES]],
    steps: &Steps<S>,
    at: &[u32],
    len: usize,
    out: &mut Vec<Tag>,
) {
    let start = out.len();
    out.resize(start + len, Tag::OUT);
    let tags = &mut out[start..];
    let Some(end) = best.last() else {
        return;
    };
    // Tokens fixed Out after the last scored: the move into Out counts.
    let into_out = at.last().is_some_and(|&i| i as usize + 1 != len);
    let moves = &steps.moves;
    let mut last =
        best_closer(|t| end[LANE_OF_TAG[t]] + if into_out { moves[t][0] } else { S::from(0) });
    for j in (0..best.len()).rev() {
        if let Some(tag) = at.get(j).and_then(|&i| tags.get_mut(i as usize)) {
            *tag = Tag::from_index(last);
        }
        if let Some(prev) = j.checked_sub(1).and_then(|j| best.get(j)) {
            let next = if after_out(at, j) { 0 } else { last };
            last = S::predecessor(prev, next, steps);
        }
    }
}

impl Steps<f64> {
    /// The best score of a path ending in each tag at each token, into `best`: with four-lane
    /// vectors where the CPU has them (AVX), which halves the instructions of the loop.
    fn forward(&self, scores: &[[i32; TAGS]], at: &[u32], best: &mut Vec<[f64; LANES]>) {
        #[cfg(target_arch = "x86_64")]
        if std::arch::is_x86_feature_detected!("avx") {
            // SAFETY: the CPU has AVX, as just checked.
            unsafe { self.forward_avx(scores, at, best) };
            return;
        }
        self.forward_any(scores, at, best);
    }

    #[cfg(target_arch = "x86_64")]
    #[target_feature(enable = "avx")]
    unsafe fn forward_avx(&self, scores: &[[i32; TAGS]], at: &[u32], best: &mut Vec<[f64; LANES]>) {
        self.forward_any(scores, at, best);
    }

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

#[cfg(any(test, target_arch = "wasm32"))]
impl Steps<i32> {
    /// [`Steps::forward`] in vectors of four 32-bit lanes, each step's scores taken relative
    /// to Out's path (see [`SMALL`]), into `best`; false, `best` unusable, where a token's score
    /// lies beyond [`SMALL`]. The scores are checked as the loop reads them: they always lie
    /// within it with the embedded model.
    fn forward_narrow(
        &self,
        scores: &[[i32; TAGS]],
        at: &[u32],
        best: &mut Vec<[i32; LANES]>,
    ) -> bool {
        use four::*;
        best.clear();
        let Some(first) = scores.first() else {
            return true;
        };
        best.reserve(scores.len());
        let never = splat(i32::NEVER);
        let (mut high, mut low) = (splat(0), splat(0));
        // A token's scores in the lanes' order (the padding lanes add the last Unit's, to
        // paths that never count), checked against the bound.
        let mut own = |s: &[i32; TAGS]| -> [Four; LANES / 4] {
            let [t0, t1, t2, t3] = [0, 4, 8, 12].map(|i| load(&s[i..i + 4]));
            // Shuffles that interleave or join halves: one x86 instruction each in V8.
            let open_begin_01 = shuffle::<0, 4, 1, 5>(t0, t1);
            let unit_begin_23 = shuffle::<0, 4, 1, 5>(t2, t3);
            let inside_last_01 = shuffle::<2, 6, 3, 7>(t0, t1);
            let inside_last_23 = shuffle::<2, 6, 3, 7>(t2, t3);
            let own = [
                shuffle::<0, 1, 4, 5>(open_begin_01, unit_begin_23),
                shuffle::<2, 3, 6, 7>(open_begin_01, unit_begin_23),
                splat(s[TAGS - 1]),
                shuffle::<0, 1, 4, 5>(inside_last_01, inside_last_23),
                shuffle::<2, 3, 6, 7>(inside_last_01, inside_last_23),
            ];
            for v in own {
                high = max(high, v);
                low = min(low, v);
            }
            own
        };
        let from_start = !after_out(at, 0);
        let mut prev = [never; LANES / 4];
        if from_start {
            let [o0, o1, o2, ..] = own(first);
            prev = [o0, o1, o2, never, never];
            best.push(lanes(prev));
        }
        let four = |a: &[i32; 4]| load(a);
        let (begin_inside, inside_inside) = (four(&self.begin_inside), four(&self.inside_inside));
        let (begin_last, inside_last) = (four(&self.begin_last), four(&self.inside_last));
        for (k, token) in scores.iter().enumerate().skip(usize::from(from_start)) {
            if after_out(at, k) {
                prev = vectors(self.through_out((k > 0).then_some(&lanes(prev))));
            }
            let own = own(token);
            // Into the openers from each closer: the maxima of every closer's sums.
            let from = |p: usize| -> [Four; OPEN / 4] {
                let lane = CLOSER_LANES[p];
                let v = prev[lane / 4];
                let from = match lane % 4 {
                    0 => shuffle::<0, 0, 0, 0>(v, v),
                    1 => shuffle::<1, 1, 1, 1>(v, v),
                    2 => shuffle::<2, 2, 2, 2>(v, v),
                    _ => shuffle::<3, 3, 3, 3>(v, v),
                };
                let row = &self.from_closers[p];
                std::array::from_fn(|v| add(from, load(&row[4 * v..4 * v + 4])))
            };
            let mut top = from(0);
            for p in 1..CLOSERS.len() {
                for (top, s) in top.iter_mut().zip(from(p)) {
                    *top = max(*top, s);
                }
            }
            // Inside and Last of each class follow its Begin or Inside.
            let (begins, insides) = (prev[BEGINS / 4], prev[INSIDES / 4]);
            let inside = max(add(begins, begin_inside), add(insides, inside_inside));
            let last = max(add(begins, begin_last), add(insides, inside_last));
            let [o0, o1, o2, own_inside, own_last] = own;
            let next = [
                add(top[0], o0),
                add(top[1], o1),
                add(top[2], o2),
                add(inside, own_inside),
                add(last, own_last),
            ];
            // Relative to Out's path (lane 0).
            let out = shuffle::<0, 0, 0, 0>(next[0], next[0]);
            prev = next.map(|v| sub(v, out));
            best.push(lanes(prev));
        }
        let (high, low) = (lanes_of(high), lanes_of(low));
        high.iter().all(|&s| s <= SMALL) && low.iter().all(|&s| s >= -SMALL)
    }
}

/// Four 32-bit lanes: a 128-bit vector in the page; elsewhere an array, so that the tests run
/// the page's forward pass on any CPU. Sums wrap, as in a vector.
#[cfg(target_arch = "wasm32")]
mod four {
    use super::LANES;
    use core::arch::wasm32::*;

    pub(super) type Four = v128;

    #[inline(always)]
    pub(super) fn load(a: &[i32]) -> Four {
        i32x4(a[0], a[1], a[2], a[3])
    }

    #[inline(always)]
    pub(super) fn splat(a: i32) -> Four {
        i32x4_splat(a)
    }

    #[inline(always)]
    pub(super) fn add(a: Four, b: Four) -> Four {
        i32x4_add(a, b)
    }

    #[inline(always)]
    pub(super) fn sub(a: Four, b: Four) -> Four {
        i32x4_sub(a, b)
    }

    #[inline(always)]
    pub(super) fn max(a: Four, b: Four) -> Four {
        i32x4_max(a, b)
    }

    #[inline(always)]
    pub(super) fn min(a: Four, b: Four) -> Four {
        i32x4_min(a, b)
    }

    #[inline(always)]
    pub(super) fn shuffle<const A: usize, const B: usize, const C: usize, const D: usize>(
        a: Four,
        b: Four,
    ) -> Four {
        i32x4_shuffle::<A, B, C, D>(a, b)
    }

    #[inline(always)]
    pub(super) fn eq(a: Four, b: Four) -> Four {
        i32x4_eq(a, b)
    }

    /// Lane `i`'s top bit as bit `i`.
    #[inline(always)]
    pub(super) fn bitmask(a: Four) -> usize {
        usize::from(i32x4_bitmask(a))
    }

    #[inline(always)]
    pub(super) fn lanes_of(a: Four) -> [i32; 4] {
        // SAFETY: a vector is 16 bytes, as four `i32`, and any bits are an `i32`.
        unsafe { core::mem::transmute::<Four, [i32; 4]>(a) }
    }

    #[inline(always)]
    pub(super) fn lanes(a: [Four; LANES / 4]) -> [i32; LANES] {
        // SAFETY: as in `lanes_of`, five times over.
        unsafe { core::mem::transmute::<[Four; LANES / 4], [i32; LANES]>(a) }
    }

    #[inline(always)]
    pub(super) fn vectors(a: [i32; LANES]) -> [Four; LANES / 4] {
        // SAFETY: as in `lanes`, and any bits are a vector.
        unsafe { core::mem::transmute::<[i32; LANES], [Four; LANES / 4]>(a) }
    }
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod four {
    use super::LANES;

    pub(super) type Four = [i32; 4];

    pub(super) fn load(a: &[i32]) -> Four {
        [a[0], a[1], a[2], a[3]]
    }

    pub(super) fn splat(a: i32) -> Four {
        [a; 4]
    }

    pub(super) fn add(a: Four, b: Four) -> Four {
        std::array::from_fn(|i| a[i].wrapping_add(b[i]))
    }

    pub(super) fn sub(a: Four, b: Four) -> Four {
        std::array::from_fn(|i| a[i].wrapping_sub(b[i]))
    }

    pub(super) fn max(a: Four, b: Four) -> Four {
        std::array::from_fn(|i| a[i].max(b[i]))
    }

    pub(super) fn min(a: Four, b: Four) -> Four {
        std::array::from_fn(|i| a[i].min(b[i]))
    }

    pub(super) fn shuffle<const A: usize, const B: usize, const C: usize, const D: usize>(
        a: Four,
        b: Four,
    ) -> Four {
        let at = |i: usize| if i < 4 { a[i] } else { b[i - 4] };
        [at(A), at(B), at(C), at(D)]
    }

    pub(super) fn eq(a: Four, b: Four) -> Four {
        std::array::from_fn(|i| -i32::from(a[i] == b[i]))
    }

    pub(super) fn bitmask(a: Four) -> usize {
        (0..4).fold(0, |m, i| m | usize::from(a[i] < 0) << i)
    }

    pub(super) fn lanes_of(a: Four) -> [i32; 4] {
        a
    }

    pub(super) fn lanes(a: [Four; LANES / 4]) -> [i32; LANES] {
        std::array::from_fn(|i| a[i / 4][i % 4])
    }

    pub(super) fn vectors(a: [i32; LANES]) -> [Four; LANES / 4] {
        std::array::from_fn(|v| std::array::from_fn(|i| a[4 * v + i]))
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

/// The closer of the best `score`, the first of equals in tag order. The first closer's score
/// starts the search, rather than minus infinity, which 32-bit lanes lack (the best path's tags
/// have a path; the others do not count).
fn best_closer<S: Score>(score: impl Fn(usize) -> S) -> usize {
    let mut best = CLOSERS[0];
    let mut top = score(best);
    for t in CLOSERS {
        let s = score(t);
        if s > top {
            top = s;
            best = t;
        }
    }
    best
}

/// The tag before `t` on the best path, given the best scores of paths ending in each lane's
/// tag at the token before (the first of equals in tag order).
fn predecessor<S: Score>(prev: &[S; LANES], t: usize, moves: &[[S; TAGS]; TAGS]) -> usize {
    let score = |p: usize| prev[LANE_OF_TAG[p]] + moves[p][t];
    if OPENERS.contains(&t) {
        best_closer(score)
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

    /// The page's search for a tag's predecessor among the closers, in vector lanes, finds the
    /// one the backward pass's search by tag finds: among ties (small numbers), the first.
    #[test]
    fn the_vector_search_for_a_predecessor_breaks_ties_in_tag_order() {
        let mut next = numbers(0x2545_f491_4f6c_dd1d, 3);
        let mut ties = 0;
        for _ in 0..300 {
            let transitions = [[(); TAGS]; TAGS].map(|row| row.map(|_| next()));
            let steps = Steps::<i32>::new(&transitions);
            let prev: [i32; LANES] = std::array::from_fn(|_| next());
            for t in 0..TAGS {
                let by_tag = predecessor(&prev, t, &steps.moves);
                assert_eq!(i32::predecessor(&prev, t, &steps), by_tag, "{t} {prev:?}");
                let top = prev[LANE_OF_TAG[by_tag]] + steps.moves[by_tag][t];
                let equal = CLOSERS
                    .iter()
                    .filter(|&&p| prev[LANE_OF_TAG[p]] + steps.moves[p][t] == top);
                ties += usize::from(OPENERS.contains(&t) && equal.count() > 1);
            }
        }
        assert!(ties > 100, "{ties}");
    }

    /// The forward pass in 32-bit lanes finds the `f64` pass's paths, each step's scores less
    /// Out's, with scores and moves at the bound and near it (ties among them), and declines
    /// beyond it.
    #[test]
    fn the_narrow_forward_pass_finds_the_same_paths() {
        let mut next = numbers(0x5851_f42d_4c95_7f2d, 1000);
        let mut value = || match next() {
            n if n > 900 => SMALL,
            n if n < -900 => -SMALL,
            n if n > 700 => SMALL - n,
            n if n < -700 => -SMALL - n,
            n => n,
        };
        let mut narrow = 0;
        for round in 0..=40 {
            let transitions = [[(); TAGS]; TAGS].map(|row| row.map(|_| value()));
            // Last, a long sentence whose every path gains nearly the most a step can: only
            // renormalizing keeps its sums from overflowing.
            let (n, gain) = if round < 40 {
                (1 + round * 7, 0)
            } else {
                (3000, SMALL)
            };
            let scores: Vec<[i32; TAGS]> = (0..n)
                .map(|_| {
                    [(); TAGS].map(|_| {
                        if gain > 0 {
                            gain - (value() % 3).abs()
                        } else {
                            value()
                        }
                    })
                })
                .collect();
            let viterbi = Viterbi::new(&transitions);
            let Some((steps, _)) = &viterbi.narrow else {
                panic!("moves within the bound");
            };
            // Every token scored, tokens fixed Out between those scored, and at both ends.
            let every: Vec<u32> = (0..n as u32).collect();
            let some: Vec<u32> = (0..n as u32).map(|i| 1 + i + i / 3 + i / 7).collect();
            let len = 2 + some.last().map_or(0, |&i| i as usize);
            for (at, len) in [(every, n), (some, len)] {
                let (mut wide, mut lanes) = (Vec::new(), Vec::new());
                viterbi.steps.forward(&scores, &at, &mut wide);
                assert!(steps.forward_narrow(&scores, &at, &mut lanes));
                assert_eq!(wide.len(), lanes.len());
                for (wide, lanes) in wide.iter().zip(&lanes) {
                    for &l in &LANE_OF_TAG {
                        if wide[l] == f64::NEG_INFINITY {
                            assert!(lanes[l] < i32::NEVER / 2, "{}", lanes[l]);
                        } else {
                            assert_eq!(f64::from(lanes[l] - lanes[0]), wide[l] - wide[0]);
                        }
                    }
                }
                let tags = Viterbi::new(&transitions).decode(&scores, &at, len);
                narrow += usize::from(tags.iter().any(|&t| t != Tag::OUT));
            }
        }
        assert!(narrow > 40, "{narrow}");
        // Beyond the bound, in a score or in a move.
        let mut scores = vec![[SMALL; TAGS]; 3];
        let at = [0, 1, 2];
        let moves = [[0; TAGS]; TAGS];
        let fits = |moves: &Moves, scores: &[[i32; TAGS]]| {
            Viterbi::new(moves).decode_narrow(scores, &at, 3, &mut Vec::new())
        };
        assert!(fits(&moves, &scores));
        scores[1][7] = -SMALL - 1;
        assert!(!fits(&moves, &scores));
        scores[1][7] = 0;
        let mut moves = moves;
        moves[16][3] = SMALL + 1;
        assert!(!fits(&moves, &scores));
    }

    /// The scores of the moves from each tag (row) to each tag (column).
    type Moves = [[i32; TAGS]; TAGS];

    /// Sentences of one to four tokens, each with its tokens' scores and the moves' scores, from
    /// a fixed pseudo-random sequence: small numbers, with many ties, and large ones that differ
    /// in their last bits (a 32-bit float would round them), within the 32-bit lanes' bound and
    /// beyond it.
    fn short_sentences(seed: u64) -> Vec<(Vec<[i32; TAGS]>, Moves)> {
        let mut next = numbers(seed, 20);
        let mut out = Vec::new();
        for scale in [1, 1 << 17, 1 << 22] {
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
        words.read(&doc);
        words.score(model.set, model, model.bits);
        let document = Document::new(&words);
        let every = Scored::every(&document);
        let mut fixed = Vec::new();
        let (set, bits) = (model.set, model.bits);
        features::static_scores(&document, &doc, &every, set, model, bits, &mut fixed);
        let (mut viterbi, mut passes) = (
            Viterbi::new(&features::transitions(model, model.bits)),
            Passes::default(),
        );
        // The model's scores lie within the page's 32-bit lanes' bound.
        for k in 0..doc.len() {
            let (at, len) = (every.sentence(k), document.sentence_len(k));
            let scores = &fixed[every.range(k)];
            assert!(viterbi.decode_narrow(scores, at, len, &mut Vec::new()));
        }
        let all = decode_scores(
            model,
            &mut viterbi,
            model.bits,
            model.set,
            &document,
            &every,
            &fixed,
            &mut passes,
        );
        let all: Vec<Vec<Label>> = (0..doc.len())
            .map(|k| {
                all[document.sentence(k)]
                    .iter()
                    .map(|t| t.label())
                    .collect()
            })
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
