//! Word classes learned from unlabeled news text, and how often each word is capitalized there
//! (assets/ner/clusters.bin, built by `article-analyzer ner-clusters`): they carry what the
//! tagger learned about a word to words that behave alike.
//!
//! The asset is laid out for a small download: `MAGIC`, the word count (u32 LE), the words in
//! byte order, each as the length of the prefix it shares with the one before (a byte), the rest
//! and a newline; then, per column (the classes coarse to fine, then the prior), the low bytes
//! of every word's value and their high bytes. Sorted words share prefixes, and columns of like
//! numbers (and high bytes mostly zero) compress well.

use std::sync::LazyLock;

use super::hash;

/// Granularities of classes a word has.
pub const LEVELS: usize = 3;
/// A word not in the asset, at every level.
pub const UNKNOWN: u16 = u16::MAX;

/// A word's classes (coarse to fine) and its capitalization prior (0 never capitalized .. 3
/// always, 4 unseen in a telling place).
pub type Classes = [u16; LEVELS + 1];

/// The form words are clustered and looked up by: lowercase, digits as 0 (what
/// `TokenInfo::lower` hashes).
#[cfg(any(test, not(target_arch = "wasm32")))]
pub fn form(token: &str) -> String {
    token
        .to_lowercase()
        .chars()
        .map(|c| if c.is_ascii_digit() { '0' } else { c })
        .collect()
}

static CLASSES: LazyLock<hash::Map<Classes>> =
    LazyLock::new(|| decode(include_bytes!("../../assets/ner/clusters.bin")).unwrap_or_default());

const MAGIC: &[u8; 4] = b"WCL1";

/// The asset for these words (sorted by their bytes) and their classes.
#[cfg(any(test, not(target_arch = "wasm32")))]
pub fn encode(entries: &[(String, Classes)]) -> Vec<u8> {
    let mut out = MAGIC.to_vec();
    out.extend_from_slice(&(entries.len() as u32).to_le_bytes());
    let mut previous: &[u8] = &[];
    for (word, _) in entries {
        let word = word.as_bytes();
        let shared = word
            .iter()
            .zip(previous)
            .take(255)
            .take_while(|(a, b)| a == b)
            .count();
        out.push(shared as u8);
        out.extend_from_slice(&word[shared..]);
        out.push(b'\n');
        previous = word;
    }
    for column in 0..=LEVELS {
        out.extend(entries.iter().map(|(_, c)| c[column].to_le_bytes()[0]));
        out.extend(entries.iter().map(|(_, c)| c[column].to_le_bytes()[1]));
    }
    out
}

/// The words and classes of an asset made by [`encode`]; `None` if it is damaged.
fn decode(data: &[u8]) -> Option<hash::Map<Classes>> {
    let rest = data.strip_prefix(MAGIC)?;
    let (count, rest) = rest.split_first_chunk::<4>()?;
    let count = u32::from_le_bytes(*count) as usize;
    // The columns fill the asset's end, so each word is inserted with its classes as it is read.
    let columns_len = count.checked_mul(2 * (LEVELS + 1))?;
    let (mut words, columns) = rest.split_at_checked(rest.len().checked_sub(columns_len)?)?;
    let mut map = hash::Map::with_capacity_and_hasher(count, Default::default());
    // The hash of each prefix of the word before: FNV-1a goes a byte at a time, so a word is
    // hashed from its shared prefix's hash on, not rebuilt and hashed whole (the page's first
    // analysis waits for this).
    // Words share at most 255 bytes with the one before: `prefixes[k]` is the hash of the first
    // `k` bytes of the word before, to that length, in an array rather than a stack.
    let mut prefixes = [hash::Stream::new(); 256];
    let mut len = 0;
    for i in 0..count {
        let (&shared, tail) = words.split_first()?;
        let shared = usize::from(shared);
        if shared > len {
            return None;
        }
        let end = tail.iter().position(|&b| b == b'\n')?;
        let mut h = prefixes[shared];
        len = shared;
        for &b in &tail[..end] {
            h.push(b);
            len += 1;
            if let Some(slot) = prefixes.get_mut(len) {
                *slot = h;
            }
        }
        let mut value = [UNKNOWN; LEVELS + 1];
        for (column, v) in value.iter_mut().enumerate() {
            let low = columns[2 * column * count + i];
            let high = columns[(2 * column + 1) * count + i];
            *v = u16::from_le_bytes([low, high]);
        }
        map.insert(h.finish(), value);
        words = &tail[end + 1..];
    }
    words.is_empty().then_some(map)
}

/// The classes of a word given the hash of its [`form`].
pub fn lookup(form_hash: u64) -> Classes {
    CLASSES
        .get(&form_hash)
        .copied()
        .unwrap_or([UNKNOWN; LEVELS + 1])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_asset_round_trips_words_and_classes() {
        let entries = vec![
            ("0000".to_owned(), [1, 2, 3, 4]),
            ("paris".to_owned(), [3, 17, 1020, 3]),
            ("parisian".to_owned(), [3, 18, 120, 1]),
        ];
        let map = decode(&encode(&entries)).expect("a fresh asset decodes");
        assert_eq!(map.get(&hash::bytes(b"paris")), Some(&[3, 17, 1020, 3]));
        assert_eq!(map.get(&hash::bytes(b"parisian")), Some(&[3, 18, 120, 1]));
        assert_eq!(
            map.get(&hash::bytes(form("1996").as_bytes())),
            Some(&[1, 2, 3, 4])
        );
        assert_eq!(map.len(), 3);
    }

    #[test]
    fn damaged_assets_decode_to_nothing() {
        let asset = encode(&[("paris".to_owned(), [3, 17, 120, 3])]);
        for len in 0..asset.len() {
            assert!(decode(&asset[..len]).is_none(), "cut at {len}");
        }
        assert!(decode(b"WCL1\xff\xff\xff\xff").is_none());
    }

    #[test]
    fn the_committed_asset_holds_the_words() {
        assert!(CLASSES.len() > 15_000, "{} words", CLASSES.len());
        assert_ne!(lookup(hash::bytes(b"said"))[0], UNKNOWN);
    }
}
