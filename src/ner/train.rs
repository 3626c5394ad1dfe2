//! Training: an averaged perceptron over the greedy decoder's own decisions (Collins 2002;
//! Ratinov and Roth 2009). The second pass learns from first-pass tags predicted by models
//! that never saw the document (jackknifing), as it will meet them on new text. Native only.

use super::corpus::{self, Document};
use super::decode::{self, Viterbi};
use super::features::{self, Dense, FeatureSet, Prepared, Scored, TokenRows, Weights};
use super::score::Score;
use super::{Model, Tag, TAGS};

/// How to train.
#[derive(Clone, Debug)]
pub struct Config {
    pub seed: u64,
    /// Passes over the training data; the one scoring best on the dev set is kept.
    pub epochs: usize,
    /// The weight table has `2^bits` rows.
    pub bits: u32,
    pub set: FeatureSet,
    /// Folds for the first-pass tags the second pass learns from.
    pub folds: usize,
    /// Bytes per stored weight (1 or 2).
    pub width: u8,
    /// Weights below this (of 32767, the largest) are dropped.
    pub prune: i16,
}

impl Default for Config {
    fn default() -> Config {
        Config {
            seed: 1,
            epochs: 15,
            bits: 19,
            set: FeatureSet::ALL,
            folds: 4,
            width: 1,
            prune: 800,
        }
    }
}

/// A trained model and how it did.
pub struct Trained {
    pub model: Model,
    pub epoch: usize,
    pub dev: Score,
}

/// A document ready for training: its static features and gold tags.
struct Example {
    prepared: Prepared,
    gold: Vec<Vec<Tag>>,
    /// Second-pass rows from jackknifed first-pass tags.
    extra: Option<TokenRows>,
}

/// Trains on `train`, choosing the epoch by F1 on `dev`; `log` hears about each epoch.
pub fn train(
    train: &[Document],
    dev: &[Document],
    config: &Config,
    log: &mut dyn FnMut(&str),
) -> Trained {
    let bits = config.bits.clamp(8, 24);
    let mut examples: Vec<Example> = train
        .iter()
        .map(|doc| Example {
            prepared: features::prepare(&corpus::words(doc), config.set, bits),
            gold: doc.iter().map(|s| Tag::from_labels(&s.labels)).collect(),
            extra: None,
        })
        .collect();
    if config.set.has(FeatureSet::DOC_TAGS) {
        let folds = config.folds.max(2);
        let first_pass = FeatureSet(config.set.0 & !FeatureSet::DOC_TAGS);
        for fold in 0..folds {
            let mut p = Perceptron::new(bits);
            let mut rng = Rng(config.seed ^ (fold as u64 + 1) << 32);
            let mut order: Vec<usize> = (0..examples.len()).filter(|i| i % folds != fold).collect();
            for _ in 0..config.epochs.min(8) {
                rng.shuffle(&mut order);
                for &i in &order {
                    p.learn_document(&examples[i], false);
                }
            }
            let model = Model::quantize(bits, first_pass, &p.averaged(), 2);
            for (i, ex) in examples
                .iter_mut()
                .enumerate()
                .filter(|(i, _)| i % folds == fold)
            {
                let _ = i;
                let tags = decode::decode(&model, bits, first_pass, &ex.prepared);
                let doc = ex.prepared.doc();
                let every = Scored::every(&doc);
                let mut extra = TokenRows::default();
                features::document_rows(&doc, &tags, &every, bits, &mut extra);
                ex.extra = Some(extra);
            }
            log(&format!("first-pass fold {}/{folds} done", fold + 1));
        }
    }
    let mut p = Perceptron::new(bits);
    let mut rng = Rng(config.seed);
    let mut order: Vec<usize> = (0..examples.len()).collect();
    let mut kept: Option<Trained> = None;
    for epoch in 1..=config.epochs.max(1) {
        rng.shuffle(&mut order);
        for &i in &order {
            let ex = &examples[i];
            p.learn_document(ex, false);
            if ex.extra.is_some() {
                p.learn_document(ex, true);
            }
        }
        let mut model = Model::quantize(bits, config.set, &p.averaged(), config.width);
        model.prune(config.prune);
        let score = evaluate(&model, dev);
        log(&format!(
            "epoch {epoch}: dev F1 {:.2} ({} rows)",
            score.overall().f1(),
            model.rows_used()
        ));
        if kept
            .as_ref()
            .is_none_or(|k| score.overall().f1() > k.dev.overall().f1())
        {
            kept = Some(Trained {
                model,
                epoch,
                dev: score,
            });
        }
    }
    kept.unwrap_or_else(|| Trained {
        model: Model::default(),
        epoch: 0,
        dev: Score::default(),
    })
}

/// Scores `model` on gold documents.
pub fn evaluate(model: &Model, docs: &[Document]) -> Score {
    let mut score = Score::default();
    let mut tagger = super::Tagger::new(model);
    for doc in docs {
        let labels = tagger.tag(&corpus::words(doc));
        for (s, predicted) in doc.iter().zip(&labels) {
            score.add(&s.labels, predicted);
        }
    }
    score
}

/// Weights and their running sums for averaging.
struct Perceptron {
    bits: u32,
    weights: Vec<i32>,
    /// Sum over updates of `ticks * delta`; the average is `weights - sums / ticks`.
    sums: Vec<i64>,
    ticks: i64,
    rows: Vec<u32>,
}

impl Perceptron {
    fn new(bits: u32) -> Perceptron {
        let n = (1usize << bits) * TAGS;
        Perceptron {
            bits,
            weights: vec![0; n],
            sums: vec![0; n],
            ticks: 1,
            rows: Vec::with_capacity(128),
        }
    }

    fn learn_document(&mut self, ex: &Example, second_pass: bool) {
        let extra = if second_pass { ex.extra.as_ref() } else { None };
        // The second pass's rows are the document's, every token scored.
        let mut start = 0;
        for (s, gold) in ex.prepared.sentences.iter().zip(&ex.gold) {
            self.learn_sentence(s, gold, extra.map(|e| (e, start)));
            start += s.len();
        }
    }

    /// Learns from sentence `s`; `extra` holds the document's second-pass rows and where the
    /// sentence's tokens begin among them.
    fn learn_sentence(&mut self, s: &TokenRows, gold: &[Tag], extra: Option<(&TokenRows, usize)>) {
        let mut scores = Vec::with_capacity(s.len());
        for i in 0..s.len() {
            let mut row_scores = [0; TAGS];
            let table = Dense(&self.weights);
            table.add(s.rows(i), &mut row_scores);
            if let Some((e, start)) = extra {
                table.add(e.rows(start + i), &mut row_scores);
            }
            scores.push(row_scores);
        }
        let transitions = features::transitions(&Dense(&self.weights), self.bits);
        let every: Vec<u32> = (0..s.len() as u32).collect();
        let guess = Viterbi::new(&transitions).decode(&scores, &every, s.len());
        for i in 0..s.len() {
            let (truth, guessed) = (gold[i], guess[i]);
            if truth != guessed {
                self.rows.clear();
                self.rows.extend_from_slice(s.rows(i));
                if let Some((e, start)) = extra {
                    self.rows.extend_from_slice(e.rows(start + i));
                }
                for k in 0..self.rows.len() {
                    let base = self.rows[k] as usize * TAGS;
                    self.update(base + truth.index(), 1);
                    self.update(base + guessed.index(), -1);
                }
            }
            if i > 0 && (gold[i - 1], truth) != (guess[i - 1], guessed) {
                let bits = self.bits;
                let row = |t: Tag| features::transition_row(t, bits) as usize * TAGS;
                self.update(row(gold[i - 1]) + truth.index(), 1);
                self.update(row(guess[i - 1]) + guessed.index(), -1);
            }
            self.ticks += 1;
        }
    }

    fn update(&mut self, at: usize, delta: i32) {
        if let (Some(w), Some(s)) = (self.weights.get_mut(at), self.sums.get_mut(at)) {
            *w += delta;
            *s += self.ticks * i64::from(delta);
        }
    }

    fn averaged(&self) -> Vec<f64> {
        let t = self.ticks as f64;
        self.weights
            .iter()
            .zip(&self.sums)
            .map(|(&w, &s)| f64::from(w) - s as f64 / t)
            .collect()
    }
}

/// splitmix64: a seeded, reproducible shuffle without a dependency.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    fn shuffle<T>(&mut self, items: &mut [T]) {
        for i in (1..items.len()).rev() {
            let j = (self.next() % (i as u64 + 1)) as usize;
            items.swap(i, j);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ner::corpus;

    /// A tiny invented corpus: names after "Mr", places after "in", organizations before
    /// "shares".
    fn toy() -> Vec<Document> {
        let mut text = String::new();
        let names = ["Smith", "Jones", "Brown", "Patel", "Garcia", "Kim"];
        let places = ["Paris", "Lima", "Oslo", "Quito", "Hanoi", "Accra"];
        let firms = ["Acme", "Globex", "Initech", "Umbrella", "Hooli", "Vandelay"];
        for round in 0..6 {
            text += "-DOCSTART- -X- -X- O\n\n";
            for k in 0..6 {
                let (n, p, f) = (
                    names[(k + round) % 6],
                    places[(k + 2 * round) % 6],
                    firms[(k + 3 * round) % 6],
                );
                text += &format!(
                    "Mr x x O\n{n} x x B-PER\nwent x x O\nto x x O\n{p} x x B-LOC\n. x x O\n\n"
                );
                text += &format!("{f} x x B-ORG\nshares x x O\nfell x x O\n. x x O\n\n");
            }
        }
        corpus::read(&text).unwrap()
    }

    #[test]
    fn training_is_deterministic_and_learns_a_toy_corpus() {
        let docs = toy();
        let config = Config {
            epochs: 4,
            bits: 14,
            folds: 2,
            ..Config::default()
        };
        let a = train(&docs, &docs, &config, &mut |_| {});
        let b = train(&docs, &docs, &config, &mut |_| {});
        assert_eq!(a.model, b.model);
        assert!(a.dev.overall().f1() > 95.0, "{}", a.dev.report());
        let bytes = a.model.to_bytes();
        let back = Model::from_bytes(&bytes).unwrap();
        assert_eq!(evaluate(&back, &docs), a.dev);
    }
}
