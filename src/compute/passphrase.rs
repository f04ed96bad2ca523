//! The passphrase scheme of encrypted team builds (`build --audience team --passphrase-env NAME`,
//! SPEC §6; SECURITY.md "Passphrase team sites"): one site key from PBKDF2-SHA256 over the
//! passphrase and a per-build salt, and the stored name of every sealed file, so that no file
//! name says whose page it is. Pure: the salt is passed in.
//!
//! - site key: `PBKDF2-HMAC-SHA256(passphrase, salt (16 bytes), 600,000 iterations)`, 32 bytes;
//!   files are sealed with it as in [`super::seal`] (synthetic nonce, path as associated data).
//! - stored name of site path `p`: `s/` + the first 32 hex digits of `HMAC-SHA256(n, p)`, where
//!   `n = HKDF-SHA256(salt = "campsite/seal/v1", ikm = site key, info = "names")`.

use super::seal::FolderKey;
use hkdf::Hkdf;
use hmac::{Hmac, KeyInit, Mac};
use sha2::Sha256;

/// PBKDF2 iterations: OWASP's 2023 floor for PBKDF2-HMAC-SHA256.
pub const ITERATIONS: u32 = 600_000;

/// Salt length in bytes.
pub const SALT_LEN: usize = 16;

/// Seals a whole team build under one passphrase.
pub struct TeamSealer {
    raw: [u8; 32],
    key: FolderKey,
    names: [u8; 32],
    salt: [u8; SALT_LEN],
}

impl std::fmt::Debug for TeamSealer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // Never print key material.
        write!(f, "TeamSealer({})", &self.verifier()[..16])
    }
}

impl TeamSealer {
    /// Derives the site key from `passphrase` and `salt` (slow on purpose: 600,000 iterations).
    pub fn derive(passphrase: &str, salt: [u8; SALT_LEN]) -> Self {
        let mut raw = [0u8; 32];
        pbkdf2::pbkdf2_hmac::<Sha256>(passphrase.as_bytes(), &salt, ITERATIONS, &mut raw);
        let mut names = [0u8; 32];
        let _ = Hkdf::<Sha256>::new(Some(b"campsite/seal/v1"), &raw).expand(b"names", &mut names);
        TeamSealer {
            raw,
            key: FolderKey::from_key(raw),
            names,
            salt,
        }
    }

    /// The salt, recorded in the output (the browser needs it) and in `.campsite/`.
    pub fn salt(&self) -> [u8; SALT_LEN] {
        self.salt
    }

    /// A value that says whether a later passphrase is this one (so its salt can be reused and
    /// rebuilds stay byte-identical), without revealing the key.
    pub fn verifier(&self) -> String {
        blake3::keyed_hash(&self.raw, b"campsite passphrase verifier")
            .to_hex()
            .to_string()
    }

    /// The key every file is sealed with.
    pub fn key(&self) -> &FolderKey {
        &self.key
    }

    /// Where the sealed file of site path `path` is stored.
    pub fn stored_path(&self, path: &str) -> String {
        // HMAC takes keys of any length, so this cannot fail.
        let Ok(mut mac) = Hmac::<Sha256>::new_from_slice(&self.names) else {
            return String::new();
        };
        mac.update(path.as_bytes());
        let tag = mac.finalize().into_bytes();
        format!("s/{}", &data_encoding::HEXLOWER.encode(&tag)[..32])
    }
}

/// Files of a team build that stay plain: the theme's static files (passed in), and the files a
/// host or crawler reads (`robots.txt`, `sitemap.xml`, `_headers`, `404.html`), none of which
/// holds team data.
pub fn stays_plain(path: &str, is_static: bool) -> bool {
    is_static || matches!(path, "robots.txt" | "sitemap.xml" | "_headers" | "404.html")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_key_follows_passphrase_and_salt_and_names_hide_paths() {
        let a = TeamSealer::derive("correct horse", [1; SALT_LEN]);
        let b = TeamSealer::derive("correct horse", [1; SALT_LEN]);
        let c = TeamSealer::derive("correct horse", [2; SALT_LEN]);
        let d = TeamSealer::derive("wrong horse", [1; SALT_LEN]);
        assert_eq!(a.verifier(), b.verifier());
        assert_ne!(a.verifier(), c.verifier());
        assert_ne!(a.verifier(), d.verifier());
        let p = a.stored_path("team/creators/mia/index.html");
        assert_eq!(p, b.stored_path("team/creators/mia/index.html"));
        assert_ne!(p, c.stored_path("team/creators/mia/index.html"));
        assert!(p.starts_with("s/") && p.len() == 34 && !p.contains("mia"));
        let sealed = a.key().seal("index.html", b"team");
        assert_eq!(
            b.key().open("index.html", &sealed).as_deref(),
            Some(&b"team"[..])
        );
        assert_eq!(d.key().open("index.html", &sealed), None);
    }
}
