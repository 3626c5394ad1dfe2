//! Word classes learned from unlabeled news text, and how often each word is capitalized there
//! (assets/ner/clusters.txt, built by `article-analyzer ner-clusters`): they carry what the
//! tagger learned about a word to words that behave alike.

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
    LazyLock::new(|| parse(include_str!("../../assets/ner/clusters.txt")));

fn parse(text: &str) -> hash::Map<Classes> {
    let mut map = hash::Map::default();
    for line in text.lines().filter(|l| !l.starts_with('#')) {
        let mut columns = line.split('\t');
        let Some(word) = columns.next() else {
            continue;
        };
        let numbers: Vec<u16> = columns.filter_map(|c| c.parse().ok()).collect();
        let Some((&prior, classes)) = numbers.split_last() else {
            continue;
        };
        let mut value = [UNKNOWN; LEVELS + 1];
        for (v, &c) in value.iter_mut().zip(classes.iter().take(LEVELS)) {
            *v = c;
        }
        value[LEVELS] = prior;
        map.insert(hash::bytes(word.as_bytes()), value);
    }
    map
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
    fn lines_parse_into_classes_and_a_prior() {
        let map = parse("# header\nparis\t3\t17\t120\t3\n0000\t1\t2\t3\t4\nbad\n");
        assert_eq!(map.get(&hash::bytes(b"paris")), Some(&[3, 17, 120, 3]));
        assert_eq!(
            map.get(&hash::bytes(form("1996").as_bytes())),
            Some(&[1, 2, 3, 4])
        );
        assert_eq!(map.len(), 2);
    }
}
