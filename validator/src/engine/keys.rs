//! Fixed-size keys for what an input must remember across its releases (each release's ocid
//! and id, what each process declares, each child counted), so that memory grows by a few
//! bytes a release rather than by the text of every id.
//!
//! A key is 128 bits: two SipHash digests of the parts, each part length-prefixed so that
//! `("ab", "c")` and `("a", "bc")` differ. Two different keys collide with a chance of about
//! n²/2¹²⁹ among n keys: about 10⁻²⁶ for a million releases, far below any other failure.

use std::hash::{DefaultHasher, Hasher};

/// The key of a tuple of parts.
pub fn key(parts: &[&[u8]]) -> u128 {
    let half = |seed: u8| {
        // `DefaultHasher::new` always starts from the same keys, so a key does not depend on
        // the run.
        let mut hasher = DefaultHasher::new();
        hasher.write_u8(seed);
        for part in parts {
            hasher.write_usize(part.len());
            hasher.write(part);
        }
        hasher.finish()
    };
    (u128::from(half(1)) << 64) | u128::from(half(2))
}

#[cfg(test)]
mod tests {
    use super::key;

    #[test]
    fn keys_tell_parts_apart_and_repeat_for_the_same_parts() {
        assert_eq!(key(&[b"ocds-a-1", b"r1"]), key(&[b"ocds-a-1", b"r1"]));
        assert_ne!(key(&[b"ab", b"c"]), key(&[b"a", b"bc"]));
        assert_ne!(key(&[b"ocds-a-1", b"r1"]), key(&[b"ocds-a-1", b"r2"]));
        assert_ne!(key(&[b"x"]), key(&[b"x", b""]));
    }

    #[test]
    fn a_hundred_thousand_ids_give_a_hundred_thousand_keys() {
        let keys: std::collections::HashSet<u128> = (0..100_000)
            .map(|i| key(&[b"ocds-pcdsex-1", i.to_string().as_bytes()]))
            .collect();
        assert_eq!(keys.len(), 100_000);
    }
}
