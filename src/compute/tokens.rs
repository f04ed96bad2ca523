//! Private link tokens: HMAC-SHA256 of the page's identity under `link_secret`, 160 bits, base32.

use crate::model::{Brief, CampaignSlug};
use hmac::{Hmac, KeyInit, Mac};
use sha2::Sha256;

/// Bytes of HMAC output kept: 160 bits, above the 128 the SPEC requires.
const TOKEN_BYTES: usize = 20;

/// Derives tokens from one secret.
#[derive(Clone)]
pub struct TokenMaker {
    /// The HMAC keyed with the secret, before any message: cloned for each token, so the key
    /// is prepared once per build rather than once per token (half of each token's work).
    /// (HMAC accepts keys of any length, so it is never `None`.)
    keyed: Option<Hmac<Sha256>>,
}

impl std::fmt::Debug for TokenMaker {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("TokenMaker(<secret>)")
    }
}

/// The hash of everything [`TokenMaker::brief`] reads of `briefs` under the secret whose blake3
/// is `secret`: the key under which their tokens are kept between `serve` builds.
pub fn briefs_key<'a>(secret: &blake3::Hash, briefs: impl Iterator<Item = &'a Brief>) -> String {
    // Gathered, then hashed in one call: a call per piece cost more than the hashing.
    let mut all = secret.as_bytes().to_vec();
    for b in briefs {
        for piece in [b.campaign.as_str(), b.creator.as_str()] {
            all.extend_from_slice(&(piece.len() as u64).to_le_bytes());
            all.extend_from_slice(piece.as_bytes());
        }
        all.push(u8::from(b.revoked));
    }
    blake3::hash(&all).to_hex().to_string()
}

impl TokenMaker {
    /// A maker for `secret`.
    pub fn new(secret: &str) -> Self {
        let keyed = <Hmac<Sha256> as KeyInit>::new_from_slice(secret.as_bytes()).ok();
        TokenMaker { keyed }
    }

    fn token(&self, identity: &[&str]) -> String {
        let Some(mut mac) = self.keyed.clone() else {
            return String::new();
        };
        for (i, part) in identity.iter().enumerate() {
            if i > 0 {
                mac.update(&[0]);
            }
            mac.update(part.as_bytes());
        }
        let out = mac.finalize().into_bytes();
        data_encoding::BASE32_NOPAD
            .encode(&out[..TOKEN_BYTES])
            .to_lowercase()
    }

    /// The token of a creator's brief; `revoked` gives a new one.
    pub fn brief(&self, brief: &Brief) -> String {
        let state = if brief.revoked { "revoked" } else { "active" };
        self.token(&[
            "brief",
            brief.campaign.as_str(),
            brief.creator.as_str(),
            state,
        ])
    }

    /// The token of a campaign's report.
    pub fn report(&self, campaign: &CampaignSlug) -> String {
        self.token(&["report", campaign.as_str()])
    }

    /// The token of a campaign's plan.
    pub fn plan(&self, campaign: &CampaignSlug) -> String {
        self.token(&["plan", campaign.as_str()])
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_are_long_stable_and_keyed() {
        let a = TokenMaker::new("secret-one");
        let b = TokenMaker::new("secret-two");
        let slug = CampaignSlug::new_unchecked("glow");
        let t = a.report(&slug);
        assert_eq!(t.len(), 32);
        assert!(
            t.bytes()
                .all(|c| c.is_ascii_lowercase() || (b'2'..=b'7').contains(&c))
        );
        assert_eq!(t, a.report(&slug));
        assert_ne!(t, b.report(&slug));
        assert_ne!(t, a.report(&CampaignSlug::new_unchecked("glow2")));
    }

    fn brief(campaign: &str, creator: &str, revoked: bool) -> Brief {
        Brief {
            revoked,
            ..Brief::new(
                crate::model::Handle::new_unchecked(creator),
                CampaignSlug::new_unchecked(campaign),
            )
        }
    }

    #[test]
    fn the_key_tokens_are_kept_under_moves_with_everything_a_token_reads() {
        let secret = blake3::hash(b"secret-one");
        let briefs = [brief("glow", "mia", false), brief("glow", "zoe", false)];
        let key = briefs_key(&secret, briefs.iter());
        assert_eq!(key, briefs_key(&secret, briefs.iter()));
        let other_secret = blake3::hash(b"secret-two");
        assert_ne!(key, briefs_key(&other_secret, briefs.iter()));
        for changed in [
            [brief("glow", "mia", true), brief("glow", "zoe", false)],
            [brief("glow", "mia", false), brief("glow", "zo", false)],
            [brief("glow2", "mia", false), brief("glow", "zoe", false)],
        ] {
            assert_ne!(key, briefs_key(&secret, changed.iter()), "{changed:?}");
        }
        // Length-prefixed: moving a character from one handle to the next is another key.
        let shifted = [brief("glow", "miaz", false), brief("glow", "oe", false)];
        assert_ne!(key, briefs_key(&secret, shifted.iter()));
        assert_ne!(key, briefs_key(&secret, briefs[..1].iter()));
    }
}
