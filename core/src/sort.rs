//! Sorting with one copy of the sorting code for the whole app.
//!
//! Why not `slice::sort_by_key`: the standard library's sorts (driftsort, ipnsort) are
//! generic, so every call site with its own element type or comparator gets its own copy
//! of about ten functions. In the app's Wasm that was 255 functions and 167 KB before
//! wasm-opt (6.7 % of the module) for 24 call sites; every byte travels over 50 kbit/s
//! links (issue 15, README "Byte budget"). Here only an index array (`u32`) is sorted, by
//! the standard stable sort, through a `dyn` comparator: one copy in all. The generic part
//! left per call site is the small in-place permutation.
//!
//! Both functions are stable (equal elements keep their order) and O(n log n) comparisons;
//! they cost one `u32` per element of extra memory and an indirect call per comparison.
//! Slices longer than `u32::MAX` elements are not supported (they panic).

use std::cmp::Ordering;

/// Sorts `items` stably by `compare`.
pub fn by<T>(items: &mut [T], mut compare: impl FnMut(&T, &T) -> Ordering) {
    if items.len() < 2 {
        return;
    }
    let mut order = indices(items.len());
    {
        let items = &*items;
        sort_indices(&mut order, &mut |a, b| compare(&items[a as usize], &items[b as usize]));
    }
    permute(items, &mut order);
}

/// Sorts `items` stably by the key `key` gives each (computed again for each comparison,
/// like `slice::sort_by_key`).
pub fn by_key<T, K: Ord>(items: &mut [T], mut key: impl FnMut(&T) -> K) {
    by(items, |a, b| key(a).cmp(&key(b)));
}

/// Sorts `items` in their natural order, stably.
pub fn natural<T: Ord>(items: &mut [T]) {
    by(items, T::cmp);
}

/// `0, 1, …, len - 1`.
fn indices(len: usize) -> Vec<u32> {
    let len = u32::try_from(len).expect("sort: more than u32::MAX elements");
    (0..len).collect()
}

/// The one instantiation of the standard sort: indices, through a `dyn` comparator.
#[inline(never)]
#[allow(clippy::disallowed_methods, reason = "the one copy of the sort")]
fn sort_indices(order: &mut [u32], compare: &mut dyn FnMut(u32, u32) -> Ordering) {
    order.sort_by(|a, b| compare(*a, *b));
}

/// Moves `items` into the order `order` gives (`order[k]` = the index of the item that
/// belongs at position `k`), in place by swaps along each cycle; `order` is used up.
fn permute<T>(items: &mut [T], order: &mut [u32]) {
    for start in 0..items.len() {
        if order[start] as usize == start {
            continue;
        }
        // The item first at `start` travels along the cycle, one swap per step.
        let mut at = start;
        loop {
            let from = order[at] as usize;
            order[at] = at as u32;
            if from == start {
                break;
            }
            items.swap(at, from);
            at = from;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sorts_like_the_standard_stable_sort() {
        let mut rng = fastrand::Rng::with_seed(15);
        for len in [0, 1, 2, 3, 7, 100, 1_000] {
            let items: Vec<(u8, u32)> = (0..len).map(|i| (rng.u8(0..5), i)).collect();
            let mut ours = items.clone();
            by_key(&mut ours, |item| item.0);
            let mut std_sorted = items.clone();
            #[allow(clippy::disallowed_methods)]
            std_sorted.sort_by_key(|item| item.0);
            assert_eq!(ours, std_sorted, "length {len}");
        }
    }

    #[test]
    fn sorts_values_that_are_not_copy() {
        let mut names = vec!["丁".to_string(), "甲".into(), "丙".into(), "乙".into(), "甲".into()];
        natural(&mut names);
        assert_eq!(names, ["丁", "丙", "乙", "甲", "甲"]);
        by(&mut names, |a, b| b.cmp(a));
        assert_eq!(names, ["甲", "甲", "乙", "丙", "丁"]);
    }
}
