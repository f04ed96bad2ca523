//! The salt of a passphrase team build, kept in `<portal>/.campsite/passphrase.json` with a
//! verifier of the key it gave: while the passphrase is unchanged the salt is reused, so
//! rebuilds stay byte-identical; a new passphrase gets a new random salt. Like `images`,
//! `output::versions` and `local_secret`, it writes under `.campsite/`, each its own file.

use crate::compute::passphrase::{SALT_LEN, TeamSealer};
use crate::diagnostics::{Diagnostic, Diagnostics};
use serde::{Deserialize, Serialize};
use std::path::Path;

/// What `.campsite/passphrase.json` records.
#[derive(Serialize, Deserialize)]
struct Record {
    /// The salt, hex.
    salt: String,
    /// [`TeamSealer::verifier`] of the key this salt gave.
    verifier: String,
}

const FILE: &str = ".campsite/passphrase.json";

/// The sealer for `passphrase`: with the recorded salt when it gives the recorded key, else with
/// a new random salt (recorded for the next build). A record that cannot be read or written is a
/// warning; the build goes on with a new salt.
pub fn team_sealer(root: &Path, passphrase: &str, diags: &mut Diagnostics) -> TeamSealer {
    let path = root.join(FILE);
    if let Some(record) = std::fs::read(&path)
        .ok()
        .and_then(|b| serde_json::from_slice::<Record>(&b).ok())
    {
        let salt = data_encoding::HEXLOWER
            .decode(record.salt.as_bytes())
            .ok()
            .and_then(|s| <[u8; SALT_LEN]>::try_from(s).ok());
        if let Some(salt) = salt {
            let sealer = TeamSealer::derive(passphrase, salt);
            if sealer.verifier() == record.verifier {
                return sealer;
            }
        }
    }
    let mut salt = [0u8; SALT_LEN];
    if getrandom::fill(&mut salt).is_err() {
        diags.push(Diagnostic::error(
            FILE,
            "passphrase",
            "the system's random number generator failed; cannot make a salt",
        ));
    }
    let sealer = TeamSealer::derive(passphrase, salt);
    let record = Record {
        salt: data_encoding::HEXLOWER.encode(&salt),
        verifier: sealer.verifier(),
    };
    let written = std::fs::create_dir_all(root.join(".campsite")).and_then(|()| {
        std::fs::write(
            &path,
            serde_json::to_vec_pretty(&record).unwrap_or_default(),
        )
    });
    if let Err(e) = written {
        diags.push(
            Diagnostic::warning(FILE, "passphrase", format!("cannot record the salt: {e}"))
                .with_hint("every build will use a new salt, so no two builds are byte-identical"),
        );
    }
    sealer
}
