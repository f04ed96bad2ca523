//! The encryption scheme of private pages (SPEC §6, SECURITY.md "Encrypted private pages"):
//! which files are sealed, each folder's key, the synthetic nonce, and the sealed byte layout.
//! Pure: keys come from the link secret and the page's folder, so two builds of the same input
//! seal to the same bytes.
//!
//! - key of a private folder `d` (`b/<token>/`, `r/<token>/`, `p/<token>/`):
//!   `HKDF-SHA256(salt = "campsite/seal/v1", ikm = link_secret, info = "key " ‖ d)`, 32 bytes;
//!   the link carries it as `#` + unpadded base64url.
//! - nonce of a file at site path `p` with plaintext `m` under key `k`:
//!   the first 12 bytes of `BLAKE3-keyed(HKDF-SHA256(salt = "campsite/seal/v1", ikm = k,
//!   info = "nonce"), len(p) as u64 LE ‖ p ‖ m)` — a PRF of the whole plaintext (SIV-style), so
//!   two different plaintexts under one key get the same nonce only by a 96-bit collision.
//! - sealed bytes: `nonce (12) ‖ AES-256-GCM(k, nonce, aad = p, m)` (ciphertext ‖ 16-byte tag).

use aes_gcm::aead::{Aead, AeadInOut, KeyInit, Payload};
use aes_gcm::{Aes256Gcm, Nonce};
use hkdf::Hkdf;
use sha2::Sha256;

/// HKDF salt of every derivation; names the scheme's version.
const SALT: &[u8] = b"campsite/seal/v1";

/// Route prefixes whose folders are private pages with their downloads.
pub const PRIVATE_PREFIXES: [&str; 3] = ["b/", "r/", "p/"];

/// Length of the synthetic nonce (AES-GCM's standard 96 bits).
pub const NONCE_LEN: usize = 12;

/// Length of AES-GCM's authentication tag.
const TAG_LEN: usize = 16;

/// Seals the private pages of a build whose portal says `[privacy] encrypt = true`.
#[derive(Clone)]
pub struct Sealer {
    secret: Vec<u8>,
}

impl std::fmt::Debug for Sealer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // Never print key material; the fingerprint is what memo keys need.
        write!(f, "Sealer({})", self.fingerprint())
    }
}

/// One folder's key with its nonce key.
pub struct FolderKey {
    key: [u8; 32],
    nonce_key: [u8; 32],
}

impl Sealer {
    /// A sealer for the link secret in force.
    pub fn new(link_secret: &str) -> Self {
        Sealer {
            secret: link_secret.as_bytes().to_vec(),
        }
    }

    /// A hash that changes with the secret and the scheme, for memo keys (not the key itself).
    pub fn fingerprint(&self) -> String {
        let mut h = blake3::Hasher::new_derive_key("campsite seal fingerprint v1");
        h.update(&self.secret);
        h.finalize().to_hex()[..16].to_string()
    }

    /// The private folder (`b/<token>/`) a site path belongs to, if any.
    pub fn folder_of(path: &str) -> Option<&str> {
        let prefix = PRIVATE_PREFIXES.iter().find(|p| path.starts_with(*p))?;
        let rest = &path[prefix.len()..];
        let end = rest.find('/')?;
        path.get(..prefix.len() + end + 1)
    }

    /// The key of a private folder.
    pub fn folder_key(&self, folder: &str) -> FolderKey {
        let mut key = [0u8; 32];
        let hk = Hkdf::<Sha256>::new(Some(SALT), &self.secret);
        let info = [b"key ".as_slice(), folder.as_bytes()].concat();
        // 32 bytes is far below HKDF-SHA256's 8160-byte limit, so expand cannot fail.
        let _ = hk.expand(&info, &mut key);
        FolderKey::from_key(key)
    }

    /// The `#fragment` a link to `folder` carries: `#` and the key in unpadded base64url.
    pub fn fragment(&self, folder: &str) -> String {
        format!(
            "#{}",
            data_encoding::BASE64URL_NOPAD.encode(&self.folder_key(folder).key)
        )
    }
}

impl FolderKey {
    /// A key given as bytes, with its nonce key derived from it.
    pub fn from_key(key: [u8; 32]) -> Self {
        let mut nonce_key = [0u8; 32];
        let _ = Hkdf::<Sha256>::new(Some(SALT), &key).expand(b"nonce", &mut nonce_key);
        FolderKey { key, nonce_key }
    }

    /// The synthetic nonce of `plaintext` stored at site path `path`.
    pub fn nonce(&self, path: &str, plaintext: &[u8]) -> [u8; NONCE_LEN] {
        let mut h = blake3::Hasher::new_keyed(&self.nonce_key);
        h.update(&(path.len() as u64).to_le_bytes());
        h.update(path.as_bytes());
        h.update(plaintext);
        let mut out = [0u8; NONCE_LEN];
        out.copy_from_slice(&h.finalize().as_bytes()[..NONCE_LEN]);
        out
    }

    /// `nonce ‖ ciphertext ‖ tag` of `plaintext` at site path `path` (the path is the associated
    /// data, so a host cannot swap two sealed files).
    pub fn seal(&self, path: &str, plaintext: &[u8]) -> Vec<u8> {
        let nonce = self.nonce(path, plaintext);
        let cipher = Aes256Gcm::new(&self.key.into());
        // Encrypted in place behind the nonce: one buffer, no copy of the ciphertext.
        let mut out = Vec::with_capacity(NONCE_LEN + plaintext.len() + TAG_LEN);
        out.extend_from_slice(&nonce);
        out.extend_from_slice(plaintext);
        let body = &mut out[NONCE_LEN..];
        match cipher.encrypt_inout_detached(&Nonce::from(nonce), path.as_bytes(), body.into()) {
            Ok(tag) => out.extend_from_slice(&tag),
            // AES-GCM fails only past 64 GB of plaintext (text files are capped far below
            // that), and then before touching the buffer: drop the plaintext it still holds.
            Err(_) => out.truncate(NONCE_LEN),
        }
        out
    }

    /// The plaintext of sealed bytes, or `None` when the key, path or bytes are wrong.
    pub fn open(&self, path: &str, sealed: &[u8]) -> Option<Vec<u8>> {
        let (nonce, body) = sealed.split_at_checked(NONCE_LEN)?;
        let nonce: [u8; NONCE_LEN] = nonce.try_into().ok()?;
        let cipher = Aes256Gcm::new(&self.key.into());
        let payload = Payload {
            msg: body,
            aad: path.as_bytes(),
        };
        cipher.decrypt(&Nonce::from(nonce), payload).ok()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folders_of_private_paths() {
        assert_eq!(Sealer::folder_of("b/ABC/index.html"), Some("b/ABC/"));
        assert_eq!(Sealer::folder_of("r/XYZ/results.csv"), Some("r/XYZ/"));
        assert_eq!(Sealer::folder_of("p/Q/index.html"), Some("p/Q/"));
        assert_eq!(Sealer::folder_of("kit/glow/index.html"), None);
        assert_eq!(Sealer::folder_of("b/"), None);
        assert_eq!(Sealer::folder_of("index.html"), None);
    }

    #[test]
    fn keys_follow_secret_and_folder() {
        let a = Sealer::new("secret-one");
        let b = Sealer::new("secret-two");
        assert_eq!(a.fragment("b/T/"), a.fragment("b/T/"));
        assert_ne!(a.fragment("b/T/"), a.fragment("b/U/"));
        assert_ne!(a.fragment("b/T/"), b.fragment("b/T/"));
        // 32 bytes in unpadded base64url.
        assert_eq!(a.fragment("b/T/").len(), 1 + 43);
    }

    #[test]
    fn seal_round_trips_and_binds_the_path() {
        let k = Sealer::new("s").folder_key("b/T/");
        let sealed = k.seal("b/T/index.html", b"hello");
        assert_eq!(sealed.len(), NONCE_LEN + 5 + 16);
        assert_eq!(
            k.open("b/T/index.html", &sealed).as_deref(),
            Some(&b"hello"[..])
        );
        assert_eq!(k.open("b/T/brief.ics", &sealed), None);
        let other = Sealer::new("s").folder_key("b/U/");
        assert_eq!(other.open("b/T/index.html", &sealed), None);
    }

    #[test]
    fn nonces_differ_by_plaintext_and_repeat_only_for_the_same_file() {
        let k = Sealer::new("s").folder_key("b/T/");
        assert_eq!(k.nonce("b/T/a", b"x"), k.nonce("b/T/a", b"x"));
        assert_ne!(k.nonce("b/T/a", b"x"), k.nonce("b/T/a", b"y"));
        assert_ne!(k.nonce("b/T/a", b"x"), k.nonce("b/T/b", b"x"));
    }
}
