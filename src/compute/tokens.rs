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
}
