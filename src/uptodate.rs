//! The no-change fast path of `build`: one key over everything a build's output depends on,
//! recorded in the output marker; a build whose key equals it, into an output folder still as
//! that build left it, writes nothing and reports what that build reported.
//!
//! The key covers the campsite build (`CAMPSITE_BUILD_ID`), the audience, today, the link
//! secret in force (as an HMAC under it, never the secret), the passphrase setting (a
//! passphrase build has no key: its passphrase is never hashed anywhere), every entry of the
//! folders `load` reads (`load::scan::inputs`, a superset of the sources: `portal.toml`,
//! `content/`, `templates/`, `static/`, `themes/`) and the version records under
//! `.campsite/versions/`. It is taken before anything is loaded, so an edit made while a build
//! runs leaves the next build with another key; the secret and the version records, which the
//! build itself may create, are summed again (or predicted) once the site is made.

use crate::diagnostics::Diagnostics;
use crate::images::ImageStats;
use crate::load::{self, scan};
use crate::local_secret::{self, Access, Found};
use crate::model::Audience;
use crate::output::{self, OutputError, WriteStats, uptodate::BuildRecord, versions::RecordToKeep};
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
    let inputs = inputs_hash(&scan::inputs(root));
    timings.mark("scan inputs", &mut clock);
    let pending = Pending {
        inputs,
        versions: scan::versions(root),
        secret_missing: std::fs::symlink_metadata(root.join(local_secret::FILE)).is_err(),
        out: output::resolved(&opts.output_dir()),
    };
    timings.mark("scan versions", &mut clock);
    let Some(key) = pending.key(opts, &pending.versions) else {
        return Probe::Stale(pending);
    };
    let out = &pending.out;
    if output::check_output_dir(root, out).is_err() || output::swap::recover(out).is_err() {
        return Probe::Stale(pending);
    }
    let recorded = output::uptodate::recall(root, out).filter(|r| r.key == key);
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
    /// The key after a full build made `records` (the version records it is about to keep):
    /// the secret read again (the build may have made it), the records it writes counted as
    /// written. `None` when the build has no key (a passphrase build, no secret to be had).
    pub fn key_after(&self, opts: &BuildOptions, records: &[RecordToKeep]) -> Option<String> {
        let mut versions = self.versions.clone();
        let base = load::versions::VERSIONS_DIR;
        for r in records.iter().filter(|r| output::versions::is_kept(r)) {
            for dir in [
                base.to_string(),
                format!("{base}/{}", r.campaign),
                format!("{base}/{}/{}", r.campaign, r.creator),
            ] {
                versions.insert(dir, scan::dir_entry());
            }
            versions
                .entry(output::versions::record_path(r))
                .or_insert_with(|| {
                    scan::content_entry(output::versions::record_text(r).as_bytes())
                });
        }
        self.key(opts, &versions)
    }

    /// Records what the build reported under `key` (or forgets the record of a build without
    /// one). The warning that a link secret was made is said once, so it is not recorded.
    pub fn remember(
        &self,
        opts: &BuildOptions,
        key: Option<String>,
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
        let rec = BuildRecord {
            key,
            output: self.out.clone(),
            warnings,
            images: (report.images.images, report.images.failed),
        };
        output::uptodate::remember(&opts.root, &rec)
    }

    fn key(&self, opts: &BuildOptions, versions: &scan::Entries) -> Option<String> {
        let settings = settings(opts)?;
        let mut k = blake3::Hasher::new();
        k.update(settings.as_bytes());
        k.update(self.inputs.as_bytes());
        k.update(inputs_hash(versions).as_bytes());
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
    // The same order as `pipeline::resolve_secret`.
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
