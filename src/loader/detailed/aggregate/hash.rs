//! The hash the aggregator's lookups use.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

/// A word-at-a-time multiplicative hash (as in rustc's FxHash): names and categories are
/// looked up once per row, and the default hasher's DoS resistance buys nothing for a local
/// file while costing a measurable share of the time per row.
#[derive(Default)]
pub struct WordHash(u64);

impl Hasher for WordHash {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        const K: u64 = 0xf135_7aea_2e62_a9c5;
        let mut h = self.0;
        let mut words = bytes.chunks_exact(8);
        for w in &mut words {
            let w = <[u8; 8]>::try_from(w).map_or(0, u64::from_le_bytes);
            h = (h.rotate_left(26) ^ w).wrapping_mul(K);
        }
        let mut last = [0u8; 8];
        let rest = words.remainder();
        for (slot, b) in last.iter_mut().zip(rest) {
            *slot = *b;
        }
        if !rest.is_empty() {
            h = (h.rotate_left(26) ^ u64::from_le_bytes(last)).wrapping_mul(K);
        }
        self.0 = h;
    }
    fn write_usize(&mut self, n: usize) {
        self.0 = (self.0.rotate_left(26) ^ n as u64).wrapping_mul(0xf135_7aea_2e62_a9c5);
    }
}

pub(super) type FastMap<K, V> = HashMap<K, V, BuildHasherDefault<WordHash>>;
