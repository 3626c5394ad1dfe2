//! Word classes from unlabeled text, for the tagger's cluster features: the exchange algorithm
//! (Kneser and Ney 1993; Martin, Liermann and Ney 1998) moves each word to the class that most
//! raises the likelihood of a class bigram model, until few words move. It is run at several
//! numbers of classes, coarse to fine. Native only: its output is the committed asset
//! assets/ner/clusters.bin.

use std::collections::HashMap;

use super::clusters;

/// How to cluster.
#[derive(Clone, Debug)]
pub struct Config {
    /// The numbers of classes, one clustering each.
    pub classes: Vec<usize>,
    /// Words seen fewer times are not clustered (and not shipped).
    pub min_count: usize,
    /// At most this many words are shipped, the most frequent.
    pub max_words: usize,
    pub iterations: usize,
}

fn xlogx(x: i64) -> f64 {
    if x <= 0 {
        0.0
    } else {
        let x = x as f64;
        x * x.ln()
    }
}

/// A word's neighbours: `(word, count)` on its left and on its right.
struct Contexts {
    left: Vec<Vec<(u32, u32)>>,
    right: Vec<Vec<(u32, u32)>>,
}

/// Clusters the words of `sentences` into `k` classes; returns each word's class.
fn exchange(
    counts: &[u64],
    contexts: &Contexts,
    k: usize,
    iterations: usize,
    log: &mut dyn FnMut(&str),
) -> Vec<u32> {
    let v = counts.len();
    let k = k.max(2);
    // The most frequent words start in classes of their own; the rest share round-robin.
    let mut class: Vec<u32> = (0..v).map(|w| (w % (k - 1) + 1) as u32).collect();
    if let Some(c) = class.first_mut() {
        *c = 0;
    }
    let mut bigram = vec![0i64; k * k];
    let mut left_total = vec![0i64; k];
    let mut right_total = vec![0i64; k];
    for w in 0..v {
        for &(u, n) in &contexts.right[w] {
            bigram[class[w] as usize * k + class[u as usize] as usize] += i64::from(n);
        }
        let as_left: i64 = contexts.right[w].iter().map(|&(_, n)| i64::from(n)).sum();
        let as_right: i64 = contexts.left[w].iter().map(|&(_, n)| i64::from(n)).sum();
        left_total[class[w] as usize] += as_left;
        right_total[class[w] as usize] += as_right;
    }
    let mut rc = vec![0i64; k];
    let mut lc = vec![0i64; k];
    let mut rnz: Vec<usize> = Vec::new();
    let mut lnz: Vec<usize> = Vec::new();
    for iteration in 0..iterations {
        let mut moved = 0usize;
        for w in 0..v {
            let a = class[w] as usize;
            rnz.clear();
            lnz.clear();
            for &(u, n) in &contexts.right[w] {
                if u as usize == w {
                    continue;
                }
                let d = class[u as usize] as usize;
                if rc[d] == 0 {
                    rnz.push(d);
                }
                rc[d] += i64::from(n);
            }
            for &(u, n) in &contexts.left[w] {
                if u as usize == w {
                    continue;
                }
                let d = class[u as usize] as usize;
                if lc[d] == 0 {
                    lnz.push(d);
                }
                lc[d] += i64::from(n);
            }
            let as_left: i64 = rnz.iter().map(|&d| rc[d]).sum();
            let as_right: i64 = lnz.iter().map(|&d| lc[d]).sum();
            // Take the word out of its class.
            for &d in &rnz {
                bigram[a * k + d] -= rc[d];
            }
            for &d in &lnz {
                bigram[d * k + a] -= lc[d];
            }
            left_total[a] -= as_left;
            right_total[a] -= as_right;
            // The class it raises the likelihood most by joining.
            let mut best = (f64::NEG_INFINITY, a);
            for c in 0..k {
                let mut gain = 0.0;
                for &d in &rnz {
                    let x = bigram[c * k + d];
                    gain += xlogx(x + rc[d]) - xlogx(x);
                }
                for &d in &lnz {
                    let x = bigram[d * k + c];
                    gain += xlogx(x + lc[d]) - xlogx(x);
                }
                gain -= xlogx(left_total[c] + as_left) - xlogx(left_total[c]);
                gain -= xlogx(right_total[c] + as_right) - xlogx(right_total[c]);
                if gain > best.0 + 1e-9 || (c == a && gain >= best.0 - 1e-9) {
                    best = (gain, c);
                }
            }
            let b = best.1;
            for &d in &rnz {
                bigram[b * k + d] += rc[d];
                rc[d] = 0;
            }
            for &d in &lnz {
                bigram[d * k + b] += lc[d];
                lc[d] = 0;
            }
            left_total[b] += as_left;
            right_total[b] += as_right;
            if b != a {
                class[w] = b as u32;
                moved += 1;
            }
        }
        log(&format!(
            "{k} classes, iteration {}: {moved} words moved",
            iteration + 1
        ));
        if moved * 200 < v {
            break;
        }
    }
    class
}

/// Clusters the words of `sentences` (tokens as the tagger sees them) and returns the asset's
/// text: a header line, then `word<TAB>class<TAB>class...<TAB>capitalized`, where the last
/// column says how often the word is capitalized where that means something (0 never, 1
/// rarely, 2 mostly, 3 always).
pub fn build(sentences: &[Vec<String>], config: &Config, log: &mut dyn FnMut(&str)) -> Vec<u8> {
    let mut ids: HashMap<String, u32> = HashMap::new();
    let mut words: Vec<String> = Vec::new();
    let mut counts: Vec<u64> = Vec::new();
    let mut capitals: Vec<[u32; 2]> = Vec::new();
    let mut corpus: Vec<Vec<u32>> = Vec::with_capacity(sentences.len());
    for sentence in sentences {
        let mut row = Vec::with_capacity(sentence.len());
        for (i, token) in sentence.iter().enumerate() {
            let form = clusters::form(token);
            let id = *ids.entry(form.clone()).or_insert_with(|| {
                words.push(form);
                counts.push(0);
                capitals.push([0, 0]);
                (words.len() - 1) as u32
            });
            counts[id as usize] += 1;
            let first = token.chars().next();
            if i > 0
                && first.is_some_and(char::is_alphabetic)
                && !token.chars().all(|c| !c.is_lowercase())
            {
                capitals[id as usize][usize::from(first.is_some_and(char::is_uppercase))] += 1;
            }
            row.push(id);
        }
        corpus.push(row);
    }
    // Renumber by frequency (ties by the word, for determinism); rare words share one id.
    let mut order: Vec<u32> = (0..words.len() as u32).collect();
    order.sort_by(|&a, &b| {
        counts[b as usize]
            .cmp(&counts[a as usize])
            .then_with(|| words[a as usize].cmp(&words[b as usize]))
    });
    let kept = order
        .iter()
        .take_while(|&&w| counts[w as usize] >= config.min_count as u64)
        .count();
    let rare = kept as u32;
    let mut new_id = vec![rare; words.len()];
    for (rank, &w) in order.iter().take(kept).enumerate() {
        new_id[w as usize] = rank as u32;
    }
    let v = kept + 1;
    let mut new_counts = vec![0u64; v];
    let mut pairs: HashMap<(u32, u32), u32> = HashMap::new();
    for row in &corpus {
        for (i, &w) in row.iter().enumerate() {
            let a = new_id[w as usize];
            new_counts[a as usize] += 1;
            if let Some(&next) = row.get(i + 1) {
                *pairs.entry((a, new_id[next as usize])).or_default() += 1;
            }
        }
    }
    let mut contexts = Contexts {
        left: vec![Vec::new(); v],
        right: vec![Vec::new(); v],
    };
    let mut sorted: Vec<((u32, u32), u32)> = pairs.into_iter().collect();
    sorted.sort_unstable();
    for ((a, b), n) in sorted {
        contexts.right[a as usize].push((b, n));
        contexts.left[b as usize].push((a, n));
    }
    log(&format!(
        "{} tokens, {} words clustered",
        new_counts.iter().sum::<u64>(),
        kept
    ));
    let classes: Vec<Vec<u32>> = config
        .classes
        .iter()
        .map(|&k| exchange(&new_counts, &contexts, k, config.iterations, log))
        .collect();
    let mut entries: Vec<(String, clusters::Classes)> = order
        .iter()
        .take(kept.min(config.max_words))
        .map(|&w| {
            let id = new_id[w as usize] as usize;
            let [lower, upper] = capitals[w as usize];
            let total = lower + upper;
            let prior = match (lower, upper) {
                _ if total == 0 => 4,
                (_, 0) => 0,
                (0, _) => 3,
                _ if upper * 2 < total => 1,
                _ => 2,
            };
            let mut value = [clusters::UNKNOWN; clusters::LEVELS + 1];
            for (v, c) in value.iter_mut().zip(&classes) {
                *v = c[id] as u16;
            }
            value[clusters::LEVELS] = prior;
            (words[w as usize].clone(), value)
        })
        .collect();
    entries.sort();
    clusters::encode(&entries)
}
