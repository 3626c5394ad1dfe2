//! Stable sorting through a single instance of the standard library's sort.
//!
//! `slice::sort_by_key` is generic over the element and the key function, so each call site
//! compiled its own copy of the sort, 1-7 KB of wasm apiece: 75 copies, 118 KB of the page's
//! module. These functions sort a list of indices with a comparator behind `&dyn`, which the
//! compiler instantiates once, then move the elements into that order. The lists sorted here are
//! short (an article's candidates, a name's places); hot loops over a whole text keep
//! `sort_unstable` on plain integers.

use std::cmp::Ordering;

/// Sorts `v` stably by `key`, as `slice::sort_by_key` does.
pub fn by_key<T, K: Ord>(v: &mut [T], key: impl Fn(&T) -> K) {
    by(v, |a, b| key(a).cmp(&key(b)));
}

/// Sorts `v` stably with `compare`, as `slice::sort_by` does.
pub fn by<T>(v: &mut [T], compare: impl Fn(&T, &T) -> Ordering) {
    if v.len() < 2 {
        return;
    }
    let order = permutation(v.len(), &|a, b| compare(&v[a], &v[b]));
    apply(v, order);
}

/// Sorts `v` stably by keys worked out once for each element and compared with `compare`, as
/// `slice::sort_by_cached_key` does: for keys that cost more to work out than to compare.
pub fn by_cached<T, K>(v: &mut [T], key: impl Fn(&T) -> K, compare: impl Fn(&K, &K) -> Ordering) {
    if v.len() < 2 {
        return;
    }
    let keys: Vec<K> = v.iter().map(key).collect();
    let order = permutation(v.len(), &|a, b| compare(&keys[a], &keys[b]));
    apply(v, order);
}

/// Moves the elements of `v` into `order`: position i takes the element at `order[i]`.
fn apply<T>(v: &mut [T], mut order: Vec<usize>) {
    // Position i takes the element at order[i]: follow each cycle of the permutation with
    // swaps, marking a position done by pointing it at itself.
    for start in 0..v.len() {
        let mut i = start;
        while order[i] != i {
            let j = order[i];
            order[i] = i;
            if j == start {
                break;
            }
            v.swap(i, j);
            i = j;
        }
    }
}

#[inline(never)]
fn permutation(n: usize, compare: &dyn Fn(usize, usize) -> Ordering) -> Vec<usize> {
    let mut order: Vec<usize> = (0..n).collect();
    order.sort_by(|&a, &b| compare(a, b));
    order
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    proptest! {
        #[test]
        fn sorts_as_the_standard_library_does(v in proptest::collection::vec((0u8..8, any::<u16>()), 0..200)) {
            let mut expected = v.clone();
            expected.sort_by_key(|p| p.0);
            let mut got = v;
            super::by_key(&mut got, |p| p.0);
            prop_assert_eq!(got, expected);
        }

        #[test]
        fn sorts_by_cached_keys_as_the_standard_library_does(v in proptest::collection::vec((0u8..8, any::<u16>()), 0..200)) {
            let mut expected = v.clone();
            expected.sort_by_cached_key(|p| std::cmp::Reverse(p.0));
            let mut got = v;
            super::by_cached(&mut got, |p| p.0, |a, b| b.cmp(a));
            prop_assert_eq!(got, expected);
        }
    }
}
