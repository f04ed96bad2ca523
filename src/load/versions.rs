//! The version records `build` keeps under `.campsite/versions/<campaign>/<creator>/<version>.json`
//! (SPEC §6: what a past version of a brief said, for "changed since you accepted"). They are
//! campsite's own files, meant to be committed with the portal; symlinks are not followed.

use super::source::SourceFile;
use crate::diagnostics::{Diagnostic, Diagnostics};
use serde::Deserialize;
use std::collections::BTreeMap;
use std::path::Path;
use std::sync::Mutex;

/// Where the records live, relative to the portal root.
pub const VERSIONS_DIR: &str = ".campsite/versions";

/// One record file as stored.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawVersionRecord {
    /// The brief's `version`.
    pub version: u32,
    /// Label → value.
    pub facts: BTreeMap<String, String>,
}

/// A brief's records: version → record.
pub type BriefRecords = BTreeMap<u32, RawVersionRecord>;

/// Every record read, by (campaign folder, creator handle), until validation takes each brief's
/// ([`LoadedVersions::take`]): the model then holds the only copy (at 100,000 briefs the records
/// are about 0.1 GB, which a copy held both until every campaign was validated).
#[derive(Debug, Default)]
pub struct LoadedVersions(Mutex<BTreeMap<(String, String), BriefRecords>>);

impl LoadedVersions {
    /// Records read as they are, by (campaign folder, creator handle).
    pub fn new(records: BTreeMap<(String, String), BriefRecords>) -> Self {
        LoadedVersions(Mutex::new(records))
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, BTreeMap<(String, String), BriefRecords>> {
        self.0.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Calls `each` with every creator of the campaign folder `dir_name` that has records not
    /// yet taken, and those records, by handle.
    pub fn each_of(&self, dir_name: &str, mut each: impl FnMut(&str, &BriefRecords)) {
        let all = self.lock();
        let from = (dir_name.to_string(), String::new());
        for ((c, creator), records) in all.range(from..) {
            if c != dir_name {
                break;
            }
            each(creator, records);
        }
    }

    /// Takes the records of `creator`'s brief in the campaign folder `dir_name` (none the next
    /// time).
    pub fn take(&self, dir_name: &str, creator: &str) -> Option<BriefRecords> {
        self.lock()
            .remove(&(dir_name.to_string(), creator.to_string()))
    }
}

/// Reads every record; one that does not parse is a warning naming it (it is skipped).
pub fn load_versions(root: &Path, diags: &mut Diagnostics) -> LoadedVersions {
    let mut out = BTreeMap::<(String, String), BriefRecords>::new();
    let base = root.join(VERSIONS_DIR);
    for campaign in real_entries(&base, true) {
        for creator in real_entries(&campaign.1, true) {
            for file in real_entries(&creator.1, false) {
                let Some(n) = file
                    .0
                    .strip_suffix(".json")
                    .and_then(|s| s.parse::<u32>().ok())
                else {
                    continue;
                };
                let Ok(src) = SourceFile::read(root, &file.1) else {
                    continue;
                };
                match serde_json::from_str::<RawVersionRecord>(&src.text) {
                    Ok(r) if r.version == n => {
                        out.entry((campaign.0.clone(), creator.0.clone()))
                            .or_default()
                            .insert(n, r);
                    }
                    Ok(_) => diags.push(Diagnostic::warning(
                        &src.rel,
                        "version-record",
                        "this version record names another version than its file name; it is ignored",
                    )),
                    Err(e) => diags.push(
                        Diagnostic::warning(
                            &src.rel,
                            "version-record",
                            format!("this version record does not parse ({e}); it is ignored"),
                        )
                        .with_hint("delete it: the next `campsite build` records the current version again"),
                    ),
                }
            }
        }
    }
    LoadedVersions::new(out)
}

/// Entries of `dir` that are real folders (`dirs`) or real files, by name, sorted.
fn real_entries(dir: &Path, dirs: bool) -> Vec<(String, std::path::PathBuf)> {
    let Ok(rd) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    let mut out: Vec<_> = rd
        .filter_map(Result::ok)
        .filter(|e| {
            e.file_type()
                .is_ok_and(|t| if dirs { t.is_dir() } else { t.is_file() })
        })
        .map(|e| (e.file_name().to_string_lossy().into_owned(), e.path()))
        .collect();
    out.sort();
    out
}
