//! Parts: the per-campaign pieces of the portal-wide team pages (a campaign's calendar entries,
//! its payment records, its private links…), each made from what its campaign's memo key
//! covers, with a digest of what it holds. `serve` keeps them under the campaign's key (in a
//! [`crate::keyed::KeyedStore`]), so a save re-makes the parts of the changed campaign only; a portal-wide
//! page's key is made of its parts' digests, so its view is assembled and rendered only when
//! a part's content changed. A re-made part equal to the old one changes no page (the "early
//! cut-off" of input-keyed query systems).

use serde::Serialize;

/// A part and the digest of its serialised form.
#[derive(Debug)]
pub struct Part<T> {
    /// What the part holds.
    pub value: T,
    /// blake3 of `value`'s serialised form (the form `report.json` and the memo keys use).
    pub digest: blake3::Hash,
}

impl<T: Serialize> Part<T> {
    /// A part of `value`, digested.
    pub fn new(value: T) -> Self {
        let digest = blake3::hash(&serde_json::to_vec(&value).unwrap_or_default());
        Part { value, digest }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_digest_follows_the_content() {
        assert_eq!(Part::new(vec![1, 2]).digest, Part::new(vec![1, 2]).digest);
        assert_ne!(Part::new(vec![1, 2]).digest, Part::new(vec![1, 3]).digest);
    }
}
