//! The no-change fast path of `build`: one key over everything a build's output depends on,
//! recorded in the output marker; a build whose key equals it, into an output folder still as
//! that build left it, writes nothing and reports what that build reported.
//!
//! The key covers the campsite build (`CAMPSITE_BUILD_ID`), the audience, today, the link
//! secret in force (as an HMAC under it, never the secret), the passphrase setting (a
//! passphrase build has no key: its passphrase is never hashed anywhere), every entry of the
//! folders `load` reads (`load::scan::inputs`, a superset of the sources: `portal.toml`,
//! `content/`, `templates/`, `static/`, `themes/`). It is taken before anything is loaded, so an
//! edit made while a build runs leaves the next build with another key; the secret, which the
//! build itself may make, is taken again once the site is made. The version records under
//! `.campsite/versions/`, which the build writes after the marker, are summed beside the key in
//! the build's record: taken before loading, plus the records the build wrote.

use crate::diagnostics::Diagnostics;
use crate::images::ImageStats;
use crate::load::{self, scan};
use crate::local_secret::{self, Access, Found};
use crate::model::Audience;
use crate::output::{self, OutputError, WriteStats, uptodate::BuildRecord};
use crate::pipeline::{BuildOptions, BuildReport, Timings, today_in};
use hmac::{Hmac, KeyInit, Mac};
use std::path::PathBuf;

/// Hash of the campsite sources, dependencies and theme this binary was built from.
const BUILD_ID: &str = env!("CAMPSITE_BUILD_ID");

/// What [`probe`] found.
#[derive(Debug)]
pub enum Probe {
    /// Nothing changed: the report of the recorded build, with nothing written.
    UpToDate(Box<BuildReport>),
    /// Something changed (or the output is not as recorded): build, then record the key.
    Stale(Pending),
}

/// The key as taken before a full build, finished by [`Pending::key_after`] once it has run.
#[derive(Debug)]
pub struct Pending {
    inputs: blake3::Hash,
    versions: scan::Entries,
    /// The local secret file was missing: a build that makes it says so once.
    secret_missing: bool,
    out: PathBuf,
}

/// Takes the key and compares it with what the output folder records.
pub fn probe(opts: &BuildOptions) -> Probe {
    let mut timings = Timings::default();
    let mut clock = std::time::Instant::now();
    let root = &opts.root;
    // The two scans are independent: side by side, each walk in parallel too.
    let (inputs, versions) =
        rayon::join(|| inputs_hash(&scan::inputs(root)), || scan::versions(root));
    let pending = Pending {
        inputs,
        versions,
        secret_missing: std::fs::symlink_metadata(root.join(local_secret::FILE)).is_err(),
        out: output::resolved(&opts.output_dir()),
    };
    timings.mark("scan", &mut clock);
    let Some(key) = pending.key(opts) else {
        return Probe::Stale(pending);
    };
    let versions = inputs_hash(&pending.versions).to_hex().to_string();
    let out = &pending.out;
    if output::check_output_dir(root, out).is_err() || output::swap::recover(out).is_err() {
        return Probe::Stale(pending);
    }
    let recorded =
        output::uptodate::recall(root, out).filter(|r| r.key == key && r.versions == versions);
    let (Some(rec), Some(files)) = (recorded, output::uptodate::intact(out, &key)) else {
        return Probe::Stale(pending);
    };
    timings.mark("check output", &mut clock);
    let mut diags = Diagnostics::new();
    diags.extend(rec.warnings);
    let (images, failed) = rec.images;
    Probe::UpToDate(Box::new(BuildReport {
        diags,
        stats: WriteStats {
            files: 0,
            unchanged: files,
            bytes: 0,
            reused: files,
        },
        output: opts.output_dir(),
        images: ImageStats {
            images,
            cached: images.saturating_sub(failed),
            failed,
            ..ImageStats::default()
        },
        timings,
        up_to_date: true,
    }))
}

impl Pending {
    /// The key after the build: the secret read again (the build may have made it). `None`
    /// when the build has no key (a passphrase build, no secret to be had).
    pub fn key_after(&self, opts: &BuildOptions) -> Option<String> {
        self.key(opts)
    }

    /// Records what the build reported under `key`, with the version records as it leaves them
    /// (those taken before it loaded, and the ones it `written`), or forgets the record of a
    /// build without a key. The warning that a link secret was made is said once, so it is not
    /// recorded.
    pub fn remember(
        &self,
        opts: &BuildOptions,
        key: Option<String>,
        written: &[String],
        report: &BuildReport,
    ) -> Result<(), OutputError> {
        let Some(key) = key else {
            output::uptodate::forget(&opts.root, &self.out);
            return Ok(());
        };
        let made_secret = self.secret_missing && opts.root.join(local_secret::FILE).is_file();
        let warnings = report
            .diags
            .iter()
            .filter(|d| !(made_secret && d.path == local_secret::FILE && d.rule == "link-secret"))
            .cloned()
            .collect();
        let mut versions = self.versions.clone();
        scan::add_written(&opts.root, &mut versions, written);
        let rec = BuildRecord {
            key,
            versions: inputs_hash(&versions).to_hex().to_string(),
            output: self.out.clone(),
            warnings,
            images: (report.images.images, report.images.failed),
        };
        output::uptodate::remember(&opts.root, &rec)
    }

    fn key(&self, opts: &BuildOptions) -> Option<String> {
        let settings = settings(opts)?;
        let mut k = blake3::Hasher::new();
        k.update(settings.as_bytes());
        k.update(self.inputs.as_bytes());
        Some(k.finalize().to_hex().to_string())
    }
}

/// Every entry by path, length-prefixed so that no two listings hash alike.
fn inputs_hash(entries: &scan::Entries) -> blake3::Hash {
    let mut k = blake3::Hasher::new();
    for (path, h) in entries {
        k.update(&(path.len() as u64).to_le_bytes());
        k.update(path.as_bytes());
        k.update(h.as_bytes());
    }
    k.finalize()
}

/// What the build is asked for, beside the files: the campsite build, the audience, today and
/// the secret in force. `None` for a passphrase build and when the secret would be made (or
/// could not be kept), which the build itself must find out.
fn settings(opts: &BuildOptions) -> Option<blake3::Hash> {
    if opts.passphrase.is_some() && opts.audience == Audience::Team {
        return None;
    }
    let root = &opts.root;
    let file = load::source::SourceFile::read(root, &root.join("portal.toml")).ok()?;
    let raw = load::toml_file::parse_toml::<load::raw::RawPortal>(&file, &file.text, 0).ok()?;
    // The same order as `secret_in_force::resolve`.
    let secret = match (
        opts.secret_override.clone().filter(|s| !s.is_empty()),
        raw.privacy.link_secret.filter(|s| !s.is_empty()),
    ) {
        (Some(s), _) | (None, Some(s)) => s,
        (None, None) => match local_secret::local_secret(root, Access::ReadOnly) {
            Ok(Found::Read(s)) => s,
            _ => return None,
        },
    };
    let today = opts.today.unwrap_or_else(|| {
        today_in(
            raw.timezone
                .as_ref()
                .map_or("UTC", |t| t.get_ref().as_str()),
        )
    });
    let mut k = blake3::Hasher::new();
    for part in [
        BUILD_ID,
        &opts.audience.to_string(),
        &today.to_string(),
        &secret_fingerprint(&secret),
        "no passphrase",
    ] {
        k.update(&(part.len() as u64).to_le_bytes());
        k.update(part.as_bytes());
    }
    Some(k.finalize())
}

/// An HMAC under the secret of a fixed label: it tells secrets apart and, like any private
/// link's token, gives nothing of the secret away.
fn secret_fingerprint(secret: &str) -> String {
    let Ok(mut mac) = <Hmac<sha2::Sha256> as KeyInit>::new_from_slice(secret.as_bytes()) else {
        return String::new();
    };
    mac.update(b"campsite build key");
    blake3::hash(&mac.finalize().into_bytes())
        .to_hex()
        .to_string()
}
