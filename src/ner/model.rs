//! The trained weights: a table of `2^bits` rows (hashed features) by [`TAGS`] columns,
//! quantized, and their compact byte form. Only rows with a weight are stored; a row stores a
//! mask of its non-zero columns, then those weights: 16-bit integers, or one-byte codes on a
//! logarithmic scale (mu-law), which keep small weights as well as large ones.

use super::features::{FeatureSet, Weights};
use super::TAGS;

/// The format (and feature hashing) version; a model of another version is refused.
pub const VERSION: u8 = 2;
const MAGIC: &[u8; 5] = b"AANER";

/// A trained tagger's weights: only the rows that have any, stored in row order, found through
/// a bitmap of the rows present and the count of rows before each 64 of them (a rank index), so
/// that memory follows the rows kept and a lookup touches one small array and one row.
#[derive(Clone, Debug)]
pub struct Model {
    pub(crate) bits: u32,
    pub(crate) set: FeatureSet,
    /// Bytes per stored weight: 1 or 2.
    width: u8,
    /// For each 64 rows, a bitmap of those present (bit `r % 64` of `index[r / 64]`'s for row
    /// `r`) and how many rows are present before them: side by side, since rows are looked up
    /// at random, and apart they were two cache misses rather than one.
    index: Vec<(u64, u32)>,
    /// The `k`-th present row's weights are `weights[k * TAGS..(k + 1) * TAGS]`.
    weights: Vec<i16>,
}

impl Default for Model {
    /// A model that knows nothing: every token is outside any entity.
    fn default() -> Model {
        Model::from_rows(1, FeatureSet(0), 1, Vec::new())
    }
}

impl PartialEq for Model {
    fn eq(&self, other: &Model) -> bool {
        self.to_bytes() == other.to_bytes()
    }
}

impl Eq for Model {}

impl Weights for Model {
    #[inline]
    fn add(&self, rows: &[u32], scores: &mut [i32; TAGS]) {
        #[cfg(target_arch = "wasm32")]
        self.add_simd128(rows, scores);
        #[cfg(target_arch = "x86_64")]
        if std::arch::is_x86_feature_detected!("avx2")
            && std::arch::is_x86_feature_detected!("popcnt")
        {
            // SAFETY: the CPU has AVX2 and POPCNT, as just checked.
            unsafe { self.add_avx2(rows, scores) };
            return;
        }
        #[cfg(not(target_arch = "wasm32"))]
        self.add_any(rows, scores);
    }
}

impl Model {
    /// [`Weights::add`] with one instruction for a population count (x86-64 before POPCNT
    /// takes fifteen) and eight-lane widening adds: half the instructions of a row.
    #[cfg(target_arch = "x86_64")]
    #[target_feature(enable = "avx2,popcnt")]
    unsafe fn add_avx2(&self, rows: &[u32], scores: &mut [i32; TAGS]) {
        self.add_any(rows, scores);
    }

    #[cfg(not(target_arch = "wasm32"))]
    #[inline(always)]
    fn add_any(&self, rows: &[u32], scores: &mut [i32; TAGS]) {
        // Summed in a copy, which the compiler keeps in registers.
        let mut sum = *scores;
        for &row in rows {
            if let Some(w) = self.row(row) {
                for (s, &w) in sum.iter_mut().zip(w) {
                    *s += i32::from(w);
                }
            }
        }
        *scores = sum;
    }

    /// [`Weights::add`] in the page's 128-bit vectors, the sums kept in four of them and one
    /// number: the compiler's own loop copied the scores to memory and back at each call and
    /// added each row there, with a loop of its own for the seventeenth tag.
    #[cfg(target_arch = "wasm32")]
    #[inline(always)]
    fn add_simd128(&self, rows: &[u32], scores: &mut [i32; TAGS]) {
        use core::arch::wasm32::*;
        let four = |s: &[i32; TAGS], at: usize| i32x4(s[at], s[at + 1], s[at + 2], s[at + 3]);
        let mut sum = [0, 4, 8, 12].map(|at| four(scores, at));
        let mut last = scores[TAGS - 1];
        for &row in rows {
            if let Some(w) = self.row(row) {
                let w = |at: usize| i32::from(w[at]);
                for (at, s) in (0..).step_by(4).zip(&mut sum) {
                    *s = i32x4_add(*s, i32x4(w(at), w(at + 1), w(at + 2), w(at + 3)));
                }
                last += w(TAGS - 1);
            }
        }
        for (at, s) in (0..).step_by(4).zip(sum) {
            scores[at] = i32x4_extract_lane::<0>(s);
            scores[at + 1] = i32x4_extract_lane::<1>(s);
            scores[at + 2] = i32x4_extract_lane::<2>(s);
            scores[at + 3] = i32x4_extract_lane::<3>(s);
        }
        scores[TAGS - 1] = last;
    }

    /// Row `row`'s weights, if it has any.
    #[inline(always)]
    fn row(&self, row: u32) -> Option<&[i16; TAGS]> {
        let &(word, before) = self.index.get(row as usize / 64)?;
        let bit = 1u64 << (row % 64);
        if word & bit == 0 {
            return None;
        }
        let k = (before + (word & (bit - 1)).count_ones()) as usize;
        self.weights.get(k * TAGS..(k + 1) * TAGS)?.try_into().ok()
    }
}

impl Model {
    /// A model from its rows, in increasing row order.
    fn from_rows(bits: u32, set: FeatureSet, width: u8, rows: Vec<(u32, [i16; TAGS])>) -> Model {
        let mut present = vec![0u64; (1usize << bits).div_ceil(64)];
        let mut weights = Vec::with_capacity(rows.len() * TAGS);
        for (row, w) in &rows {
            if let Some(word) = present.get_mut(*row as usize / 64) {
                *word |= 1 << (row % 64);
                weights.extend_from_slice(w);
            }
        }
        Model::from_parts(bits, set, width, present, weights)
    }

    /// A model from its bitmap of rows present and their weights, in row order.
    fn from_parts(
        bits: u32,
        set: FeatureSet,
        width: u8,
        present: Vec<u64>,
        weights: Vec<i16>,
    ) -> Model {
        let mut count = 0u32;
        let index = present
            .into_iter()
            .map(|word| {
                count += word.count_ones();
                (word, count - word.count_ones())
            })
            .collect();
        Model {
            bits,
            set,
            width,
            index,
            weights,
        }
    }

    /// The rows with their weights, in row order.
    fn rows(&self) -> Vec<(u32, [i16; TAGS])> {
        let mut out = Vec::with_capacity(self.weights.len() / TAGS);
        let mut k = 0;
        for (i, &(word, _)) in self.index.iter().enumerate() {
            for b in 0..64 {
                if word & 1 << b != 0 {
                    let mut w = [0i16; TAGS];
                    w.copy_from_slice(&self.weights[k * TAGS..(k + 1) * TAGS]);
                    out.push(((i * 64 + b) as u32, w));
                    k += 1;
                }
            }
        }
        out
    }

    /// Quantizes trained weights (row-major, `2^bits * TAGS` of them) to `width` bytes each,
    /// dropping rows whose weights all round to nothing.
    pub fn quantize(bits: u32, set: FeatureSet, weights: &[f64], width: u8) -> Model {
        let width = width.clamp(1, 2);
        let max = weights.iter().fold(0f64, |m, w| m.max(w.abs()));
        let scale = if max > 0.0 { 32767.0 / max } else { 1.0 };
        let rows = weights
            .chunks(TAGS)
            .enumerate()
            .filter_map(|(r, row)| {
                let mut q = [0i16; TAGS];
                for (q, w) in q.iter_mut().zip(row) {
                    let w = (w * scale).round().clamp(-32767.0, 32767.0) as i16;
                    *q = if width == 1 {
                        decode_byte(encode_byte(w))
                    } else {
                        w
                    };
                }
                q.iter().any(|&w| w != 0).then_some((r as u32, q))
            })
            .collect();
        Model::from_rows(bits, set, width, rows)
    }

    /// Drops every weight below `threshold` in absolute value (of 32767, the largest), and the
    /// rows left empty.
    pub fn prune(&mut self, threshold: i16) {
        let rows = self
            .rows()
            .into_iter()
            .filter_map(|(r, mut w)| {
                for w in &mut w {
                    if w.abs() < threshold {
                        *w = 0;
                    }
                }
                w.iter().any(|&w| w != 0).then_some((r, w))
            })
            .collect();
        *self = Model::from_rows(self.bits, self.set, self.width, rows);
    }

    /// How many rows have a weight.
    pub fn rows_used(&self) -> usize {
        self.weights.len() / TAGS
    }

    /// The model's bytes, as [`Model::from_bytes`] reads them: a header, the number of rows,
    /// then in three runs each row's distance from the one before (varints), each row's mask of
    /// non-zero tags (varints), and the weights. Like numbers side by side compress better than
    /// rows of mixed ones (the page downloads the model gzipped).
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut out = Vec::new();
        out.extend_from_slice(MAGIC);
        out.push(VERSION);
        out.push(self.bits as u8);
        out.push(TAGS as u8);
        out.push(self.width);
        out.extend_from_slice(&self.set.0.to_le_bytes());
        out.extend_from_slice(&(self.rows_used() as u32).to_le_bytes());
        let mut masks = Vec::new();
        let mut weights = Vec::new();
        let mut last = 0u32;
        for (r, row) in self.rows() {
            let mask = row
                .iter()
                .enumerate()
                .filter(|(_, &w)| w != 0)
                .fold(0u32, |m, (t, _)| m | 1 << t);
            varint(&mut out, u64::from(r - last));
            last = r;
            varint(&mut masks, u64::from(mask));
            for &w in row.iter().filter(|&&w| w != 0) {
                if self.width == 1 {
                    weights.push(encode_byte(w) as u8);
                } else {
                    weights.extend_from_slice(&w.to_le_bytes());
                }
            }
        }
        out.extend(masks);
        out.extend(weights);
        out
    }

    /// Reads a model; `None` if the bytes are not one of this version.
    pub fn from_bytes(bytes: &[u8]) -> Option<Model> {
        let mut r = Reader { bytes, at: 0 };
        if r.take(5)? != MAGIC || r.byte()? != VERSION {
            return None;
        }
        let bits = u32::from(r.byte()?);
        if !(1..=24).contains(&bits) || usize::from(r.byte()?) != TAGS {
            return None;
        }
        let width = r.byte()?;
        if !(1..=2).contains(&width) {
            return None;
        }
        let set = FeatureSet(u32::from_le_bytes(r.take(4)?.try_into().ok()?));
        // Each code decoded once, rather than a power for each of the model's weights (most of
        // its start-up).
        let decoded: [i16; 256] = std::array::from_fn(|code| decode_byte(code as u8 as i8));
        let count = u32::from_le_bytes(r.take(4)?.try_into().ok()?) as usize;
        if count > bytes.len() {
            return None;
        }
        let mut starts = Vec::with_capacity(count);
        let mut row = 0u64;
        for _ in 0..count {
            row = row.checked_add(r.varint()?)?;
            if row >> bits != 0 || starts.last().is_some_and(|&last| last >= row) {
                return None;
            }
            starts.push(row);
        }
        let mut masks = Vec::with_capacity(count);
        for _ in 0..count {
            let mask = r.varint()?;
            if mask >> TAGS != 0 || (mask == 0 && !masks.is_empty()) {
                return None;
            }
            masks.push(mask);
        }
        // Straight into the model's own arrays, not through rows as `from_rows` takes them: a
        // copy of every weight fewer in the page's first analysis, which waits for this.
        let mut present = vec![0u64; (1usize << bits).div_ceil(64)];
        let mut weights = vec![0i16; count * TAGS];
        for ((row, mask), w) in starts
            .into_iter()
            .zip(masks)
            .zip(weights.chunks_exact_mut(TAGS))
        {
            *present.get_mut(row as usize / 64)? |= 1 << (row % 64);
            // The mask's columns, lowest first, skipping the empty ones (most of them).
            let mut columns = mask;
            while columns != 0 {
                let t = columns.trailing_zeros() as usize;
                columns &= columns - 1;
                *w.get_mut(t)? = if width == 1 {
                    decoded[usize::from(r.byte()?)]
                } else {
                    i16::from_le_bytes(r.take(2)?.try_into().ok()?)
                };
            }
        }
        if r.at != bytes.len() {
            return None;
        }
        Some(Model::from_parts(bits, set, width, present, weights))
    }
}

/// Compression of the mu-law scale: how much finer it is near zero than at the extremes.
const MU: f64 = 2000.0;

/// The one-byte code of a weight (`-127..=127`, 0 for weights too small to keep).
fn encode_byte(w: i16) -> i8 {
    let x = f64::from(w.unsigned_abs()) / 32767.0;
    let code = (127.0 * (1.0 + MU * x).ln() / (1.0 + MU).ln()).round() as i8;
    if w < 0 {
        -code
    } else {
        code
    }
}

/// The weight a one-byte code stands for.
fn decode_byte(code: i8) -> i16 {
    let y = f64::from(code.unsigned_abs()) / 127.0;
    let w = (32767.0 * ((1.0 + MU).powf(y) - 1.0) / MU).round() as i16;
    if code < 0 {
        -w
    } else {
        w
    }
}

fn varint(out: &mut Vec<u8>, mut n: u64) {
    while n >= 0x80 {
        out.push((n as u8 & 0x7f) | 0x80);
        n >>= 7;
    }
    out.push(n as u8);
}

struct Reader<'b> {
    bytes: &'b [u8],
    at: usize,
}

impl<'b> Reader<'b> {
    fn take(&mut self, n: usize) -> Option<&'b [u8]> {
        let out = self.bytes.get(self.at..self.at.checked_add(n)?)?;
        self.at += n;
        Some(out)
    }

    fn byte(&mut self) -> Option<u8> {
        Some(self.take(1)?[0])
    }

    fn varint(&mut self) -> Option<u64> {
        // Many are one byte (small gaps between rows, the masks of one tag): read without the
        // loop's checks, as the page's first analysis waits for this.
        if let Some(&b) = self.bytes.get(self.at).filter(|&&b| b < 0x80) {
            self.at += 1;
            return Some(u64::from(b));
        }
        let mut n = 0u64;
        for shift in (0..64).step_by(7) {
            let b = self.byte()?;
            n |= u64::from(b & 0x7f) << shift;
            if b & 0x80 == 0 {
                return Some(n);
            }
        }
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample(width: u8) -> Model {
        let bits = 6;
        let mut weights = vec![0.0; (1 << bits) * TAGS];
        weights[3 * TAGS] = 2.5;
        weights[3 * TAGS + 16] = -1.0;
        weights[40 * TAGS + 7] = 0.001;
        weights[63 * TAGS + 1] = -2.0;
        Model::quantize(bits, FeatureSet::ALL, &weights, width)
    }

    #[test]
    fn bytes_round_trip() {
        for width in [1, 2] {
            let m = sample(width);
            assert_eq!(Model::from_bytes(&m.to_bytes()), Some(m));
        }
    }

    #[test]
    fn quantizing_keeps_order_and_drops_what_rounds_to_nothing() {
        let m = sample(1);
        let weight = |row: u32, tag: usize| {
            let mut scores = [0; TAGS];
            m.add(&[row], &mut scores);
            f64::from(scores[tag]) / 32767.0 * 2.5
        };
        assert_eq!(weight(3, 0), 2.5);
        // -2.0 of 2.5: within the scale's step there.
        assert!((weight(63, 1) + 2.0).abs() < 0.05, "{}", weight(63, 1));
        // 0.001 is kept, roughly.
        assert!((weight(40, 7) - 0.001).abs() < 0.0005, "{}", weight(40, 7));
        assert_eq!(weight(41, 7), 0.0);
        assert_eq!(encode_byte(0), 0);
        for code in -127..=127i8 {
            assert_eq!(encode_byte(decode_byte(code)), code);
        }
        let mut p = sample(2);
        assert_eq!(p.rows_used(), 3);
        p.prune(30000);
        assert_eq!(p.rows_used(), 1);
    }

    #[test]
    fn damaged_bytes_are_refused_without_panicking() {
        let bytes = sample(2).to_bytes();
        for cut in 0..bytes.len() {
            assert_eq!(Model::from_bytes(&bytes[..cut]), None, "cut at {cut}");
        }
        let mut wrong = bytes.clone();
        wrong[5] = VERSION + 1;
        assert_eq!(Model::from_bytes(&wrong), None);
        assert_eq!(Model::from_bytes(b""), None);
    }
}
