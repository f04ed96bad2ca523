//! Writes the version records of published briefs under `.campsite/versions/` (SPEC §6). A
//! version's record is written once, when that version is first built, and never rewritten: it
//! is what the creator was shown. Each file is written under a temporary name of its own and
//! linked into place without overwriting, so two builds of one portal at once (a `serve` and a
//! `build`, or tests) neither clash on the temporary file nor replace a record the other wrote.

use super::{OutputError, io_err};
use crate::compute::brief_facts::VersionRecord;
use std::path::Path;
use std::sync::atomic::{AtomicU64, Ordering};

/// Numbers this process's temporary record files, so that no two writers share one.
static TMP_SEQ: AtomicU64 = AtomicU64::new(0);

/// One record to keep: the campaign slug, the creator handle and the record.
#[derive(Debug, Clone)]
pub struct RecordToKeep {
    /// Campaign slug.
    pub campaign: String,
    /// Creator handle.
    pub creator: String,
    /// The facts of the version.
    pub record: VersionRecord,
}

/// Writes each record whose file does not exist yet; returns the paths written (relative to the
/// root). Symlinked folders on the way are refused.
pub fn keep_records(root: &Path, records: &[RecordToKeep]) -> Result<Vec<String>, OutputError> {
    let base = root.join(crate::load::versions::VERSIONS_DIR);
    let mut written = Vec::new();
    for r in records {
        if !is_kept(r) {
            continue;
        }
        let dir = base.join(&r.campaign).join(&r.creator);
        let path = root.join(record_path(r));
        if path.symlink_metadata().is_ok() {
            continue;
        }
        std::fs::create_dir_all(&dir).map_err(io_err(&dir))?;
        for d in [
            root.join(".campsite"),
            base.clone(),
            base.join(&r.campaign),
            dir.clone(),
        ] {
            if d.symlink_metadata()
                .is_ok_and(|m| m.file_type().is_symlink())
            {
                return Err(OutputError::Refused {
                    path: d,
                    reason: "a version-record folder is a symbolic link".into(),
                });
            }
        }
        let tmp = dir.join(format!(
            ".{}.json.{}-{}.tmp",
            r.record.version,
            std::process::id(),
            TMP_SEQ.fetch_add(1, Ordering::Relaxed)
        ));
        std::fs::write(&tmp, record_text(r)).map_err(io_err(&tmp))?;
        if place_once(&tmp, &path).map_err(io_err(&path))? {
            written.push(record_path(r));
        }
    }
    Ok(written)
}

/// Puts `tmp` at `path` unless a record is already there (another build wrote it first: that one
/// is kept). Returns whether `tmp` was placed; `tmp` is gone either way. A file system without
/// hard links gets a rename, which may replace a record written in the same instant.
fn place_once(tmp: &Path, path: &Path) -> std::io::Result<bool> {
    let placed = match std::fs::hard_link(tmp, path) {
        Ok(()) => true,
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => false,
        Err(_) => {
            return std::fs::rename(tmp, path).map(|()| true);
        }
    };
    // The temporary name is ours alone; failing to remove it leaves a dot-file `load` skips.
    let _ = std::fs::remove_file(tmp);
    Ok(placed)
}

/// Where `r` is kept, relative to the portal root (`/`-separated).
fn record_path(r: &RecordToKeep) -> String {
    format!(
        "{}/{}/{}/{}.json",
        crate::load::versions::VERSIONS_DIR,
        r.campaign,
        r.creator,
        r.record.version
    )
}

/// The text of `r`'s file.
fn record_text(r: &RecordToKeep) -> String {
    let mut text = serde_json::to_string_pretty(&r.record).unwrap_or_default();
    text.push('\n');
    text
}

fn is_kept(r: &RecordToKeep) -> bool {
    crate::model::is_valid_id(&r.campaign) && crate::model::is_valid_id(&r.creator)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeMap;

    fn records(n: u32) -> Vec<RecordToKeep> {
        (0..n)
            .map(|i| RecordToKeep {
                campaign: "aurora".into(),
                creator: format!("creator-{i}"),
                record: VersionRecord {
                    version: 1,
                    facts: BTreeMap::from([("Fee".to_string(), format!("{i}00"))]),
                },
            })
            .collect()
    }

    fn scratch(name: &str) -> std::path::PathBuf {
        let d =
            std::env::temp_dir().join(format!("campsite-versions-{}-{name}", std::process::id()));
        let _ = std::fs::remove_dir_all(&d);
        std::fs::create_dir_all(&d).unwrap();
        d
    }

    #[test]
    fn two_builds_writing_the_same_records_at_once_both_succeed_and_each_record_is_written_once() {
        let dir = scratch("concurrent");
        let recs = records(40);
        let written: Vec<Vec<String>> = std::thread::scope(|s| {
            let handles: Vec<_> = (0..6)
                .map(|_| s.spawn(|| keep_records(&dir, &recs)))
                .collect();
            handles
                .into_iter()
                .map(|h| h.join().unwrap().expect("a concurrent write failed"))
                .collect()
        });
        let total: usize = written.iter().map(Vec::len).sum();
        assert_eq!(
            total,
            recs.len(),
            "each record is written by exactly one writer"
        );
        let folder = dir.join(crate::load::versions::VERSIONS_DIR).join("aurora");
        for (i, r) in recs.iter().enumerate() {
            let d = folder.join(&r.creator);
            let names: Vec<String> = std::fs::read_dir(&d)
                .unwrap()
                .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
                .collect();
            assert_eq!(
                names,
                ["1.json"],
                "no temporary file is left in {}",
                d.display()
            );
            let text = std::fs::read_to_string(d.join("1.json")).unwrap();
            assert!(text.contains(&format!("\"{i}00\"")), "{text}");
        }
        let _ = std::fs::remove_dir_all(dir);
    }

    #[test]
    fn a_record_already_kept_is_never_rewritten() {
        let dir = scratch("once");
        let recs = records(1);
        assert_eq!(keep_records(&dir, &recs).unwrap().len(), 1);
        let mut changed = recs.clone();
        changed[0].record.facts.insert("Fee".into(), "999".into());
        assert!(keep_records(&dir, &changed).unwrap().is_empty());
        let path = dir.join(record_path(&recs[0]));
        let text = std::fs::read_to_string(path).unwrap();
        assert!(text.contains("\"000\"") && !text.contains("999"), "{text}");
        let _ = std::fs::remove_dir_all(dir);
    }
}
