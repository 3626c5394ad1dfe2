//! The trained weights: a table of `2^bits` rows (hashed features) by [`TAGS`] columns,
//! quantized, and their compact byte form. Only rows with a weight are stored; a row stores a
//! mask of its non-zero columns, then those weights: 16-bit integers, or one-byte codes on a
//! logarithmic scale (mu-law), which keep small weights as well as large ones.

use super::features::FeatureSet;
use super::TAGS;

/// The format (and feature hashing) version; a model of another version is refused.
pub const VERSION: u8 = 1;
const MAGIC: &[u8; 5] = b"AANER";

/// A trained tagger's weights.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Model {
    pub(crate) bits: u32,
    pub(crate) set: FeatureSet,
    /// Row `r`'s weights are `weights[r * TAGS..(r + 1) * TAGS]`.
    pub(crate) weights: Vec<i16>,
    /// Bytes per stored weight: 1 or 2.
    width: u8,
}

impl Default for Model {
    /// A model that knows nothing: every token is outside any entity.
    fn default() -> Model {
        Model {
            bits: 1,
            set: FeatureSet(0),
            weights: vec![0; 2 * TAGS],
            width: 1,
        }
    }
}

impl Model {
    /// Quantizes trained weights (row-major, `2^bits * TAGS` of them) to `width` bytes each,
    /// dropping rows whose largest weight rounds to nothing.
    pub fn quantize(bits: u32, set: FeatureSet, weights: &[f64], width: u8) -> Model {
        let width = width.clamp(1, 2);
        let max = weights.iter().fold(0f64, |m, w| m.max(w.abs()));
        let scale = if max > 0.0 { 32767.0 / max } else { 1.0 };
        let quantized = weights
            .iter()
            .map(|w| {
                let w = (w * scale).round().clamp(-32767.0, 32767.0) as i16;
                if width == 1 {
                    decode_byte(encode_byte(w))
                } else {
                    w
                }
            })
            .collect();
        Model {
            bits,
            set,
            weights: quantized,
            width,
        }
    }

    /// Zeroes every row whose largest weight (in absolute value) is below `threshold`.
    pub fn prune(&mut self, threshold: i16) {
        for row in self.weights.chunks_mut(TAGS) {
            if row.iter().all(|w| w.abs() < threshold) {
                row.fill(0);
            }
        }
    }

    /// How many rows have a weight.
    pub fn rows_used(&self) -> usize {
        self.weights
            .chunks(TAGS)
            .filter(|r| r.iter().any(|&w| w != 0))
            .count()
    }

    /// The model's bytes, as [`Model::from_bytes`] reads them.
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut out = Vec::new();
        out.extend_from_slice(MAGIC);
        out.push(VERSION);
        out.push(self.bits as u8);
        out.push(TAGS as u8);
        out.push(self.width);
        out.extend_from_slice(&self.set.0.to_le_bytes());
        let mut last = 0usize;
        for (r, row) in self.weights.chunks(TAGS).enumerate() {
            let mask = row
                .iter()
                .enumerate()
                .filter(|(_, &w)| w != 0)
                .fold(0u32, |m, (t, _)| m | 1 << t);
            if mask == 0 {
                continue;
            }
            varint(&mut out, (r - last) as u64);
            last = r;
            varint(&mut out, u64::from(mask));
            for &w in row.iter().filter(|&&w| w != 0) {
                if self.width == 1 {
                    out.push(encode_byte(w) as u8);
                } else {
                    out.extend_from_slice(&w.to_le_bytes());
                }
            }
        }
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
        let rows = 1usize << bits;
        let mut weights = vec![0i16; rows * TAGS];
        let mut row = 0usize;
        while r.at < bytes.len() {
            row = row.checked_add(usize::try_from(r.varint()?).ok()?)?;
            let mask = r.varint()?;
            if row >= rows || mask >> TAGS != 0 {
                return None;
            }
            for t in 0..TAGS {
                if mask & 1 << t != 0 {
                    let w = if width == 1 {
                        decode_byte(r.byte()? as i8)
                    } else {
                        i16::from_le_bytes(r.take(2)?.try_into().ok()?)
                    };
                    weights[row * TAGS + t] = w;
                }
            }
        }
        Some(Model {
            bits,
            set,
            weights,
            width,
        })
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
        assert_eq!(m.weights[3 * TAGS], 32767);
        // -2.0 of 2.5: within the scale's step there.
        let w = f64::from(m.weights[63 * TAGS + 1]) / 32767.0 * 2.5;
        assert!((w + 2.0).abs() < 0.05, "{w}");
        // 0.001 is kept, roughly; a weight 1e-6 of the largest is not.
        let small = f64::from(m.weights[40 * TAGS + 7]) / 32767.0 * 2.5;
        assert!((small - 0.001).abs() < 0.0005, "{small}");
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
            let _ = Model::from_bytes(&bytes[..cut]);
        }
        let mut wrong = bytes.clone();
        wrong[5] = VERSION + 1;
        assert_eq!(Model::from_bytes(&wrong), None);
        assert_eq!(Model::from_bytes(b""), None);
    }
}
