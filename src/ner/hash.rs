//! The hashing behind the features and the name lists. It is part of the model's format: a
//! trained model only means something with the same hashes, so this never changes without a
//! new model (and a new [`super::model::VERSION`]).

use std::hash::{BuildHasherDefault, Hasher};

/// FNV-1a over the bytes: stable across platforms and Rust versions.
pub fn bytes(bytes: &[u8]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for &b in bytes {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    h
}

/// FNV-1a fed a byte at a time: the same as [`bytes`] of everything pushed.
#[derive(Clone, Copy)]
pub struct Stream(u64);

impl Stream {
    pub fn new() -> Stream {
        Stream(0xcbf2_9ce4_8422_2325)
    }

    pub fn push(&mut self, b: u8) {
        self.0 ^= u64::from(b);
        self.0 = self.0.wrapping_mul(0x0100_0000_01b3);
    }

    pub fn finish(&self) -> u64 {
        self.0
    }
}

/// Combines two hashes (murmur3's finalizer over both).
pub fn mix(a: u64, b: u64) -> u64 {
    let mut k = a ^ b.wrapping_mul(0x9e37_79b9_7f4a_7c15).rotate_left(31);
    k ^= k >> 33;
    k = k.wrapping_mul(0xff51_afd7_ed55_8ccd);
    k ^= k >> 33;
    k = k.wrapping_mul(0xc4ce_b93f_e53a_87fb);
    k ^ (k >> 33)
}

/// A hasher for keys that are hashes already.
#[derive(Default)]
pub struct Identity(u64);

impl Hasher for Identity {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        self.0 = mix(self.0, self::bytes(bytes));
    }

    fn write_u64(&mut self, n: u64) {
        self.0 = n;
    }
}

pub type Map<V> = std::collections::HashMap<u64, V, BuildHasherDefault<Identity>>;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hashes_are_stable() {
        // The model's features depend on these values: a change here needs a retrained model.
        assert_eq!(bytes(b""), 0xcbf2_9ce4_8422_2325);
        assert_eq!(bytes(b"a"), 0xaf63_dc4c_8601_ec8c);
        assert_ne!(mix(1, 2), mix(2, 1));
        let mut s = Stream::new();
        b"abc".iter().for_each(|&b| s.push(b));
        assert_eq!(s.finish(), bytes(b"abc"));
    }
}
