//! Writes the version records of published briefs under `.campsite/versions/` (SPEC §6). A
//! version's record is written once, when that version is first built, and never rewritten: it
//! is what the creator was shown. Each file is written under a temporary name and renamed.

use super::{OutputError, io_err};
use crate::compute::brief_facts::VersionRecord;
use std::path::Path;

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
        let text = record_text(r);
        let tmp = dir.join(format!(".{}.json.tmp", r.record.version));
        std::fs::write(&tmp, text).map_err(io_err(&tmp))?;
        std::fs::rename(&tmp, &path).map_err(io_err(&path))?;
        written.push(record_path(r));
    }
    Ok(written)
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
