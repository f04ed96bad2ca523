//! The content hash of every source file a load read, by path relative to the portal root:
//! what the render's memo keys (`render::memo`) are made of, so a page is re-rendered when a
//! file it was made from changes, and not when the portal moves to another folder.

use super::source::SourceFile;
use super::{Loaded, LoadedCampaign};
use std::collections::BTreeMap;

/// Path (relative to the root, `/`-separated) → blake3 of the file's text, for every file
/// `load` read: `portal.toml`, roster files, campaign files, asset sidecars, playbook pages.
/// Version records, the theme and assets' own bytes are not here: the memo hashes what the
/// model (`Brief::recorded_digest`), the theme cache and the image stage made of them.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SourceHashes {
    files: BTreeMap<String, blake3::Hash>,
}

/// The hashes of some files, taken while they are in memory, to join [`SourceHashes`] later.
#[derive(Debug, Default, Clone)]
pub struct FileHashes(Vec<(String, blake3::Hash)>);

impl FileHashes {
    fn add(&mut self, f: &SourceFile) {
        self.0.push((f.rel.clone(), *f.hash()));
    }

    /// The hashes of a campaign's files.
    pub fn of_campaign(c: &LoadedCampaign) -> Self {
        let mut out = FileHashes::default();
        c.campaign.iter().for_each(|p| out.add(&p.file));
        c.brief_md.iter().for_each(|f| out.add(f));
        c.briefs.iter().for_each(|b| out.add(&b.file));
        c.results.iter().for_each(|t| out.add(&t.file));
        c.report
            .iter()
            .chain(&c.plan)
            .for_each(|r| out.add(&r.file));
        out
    }
}

impl SourceHashes {
    /// The hashes of every source file in `loaded` (its campaigns' files join as they are read:
    /// [`Loaded::read_campaigns`]).
    pub fn of(loaded: &Loaded) -> Self {
        let mut files = FileHashes::default();
        files.add(&loaded.portal.file);
        loaded.creators.iter().for_each(|c| files.add(&c.file));
        for a in &loaded.assets {
            a.sidecar.iter().for_each(|s| files.add(&s.file));
        }
        loaded.playbook.iter().for_each(|f| files.add(f));
        let mut out = SourceHashes::default();
        out.extend(files);
        out
    }

    /// Adds the hashes of `files`.
    pub fn extend(&mut self, files: FileHashes) {
        self.files.extend(files.0);
    }

    /// The hash of the file at `rel`, when it was read.
    pub fn get(&self, rel: &str) -> Option<&blake3::Hash> {
        self.files.get(rel)
    }

    /// Every file whose path starts with `prefix` (a folder ending in `/`), in path order.
    pub fn under<'a>(
        &'a self,
        prefix: &'a str,
    ) -> impl Iterator<Item = (&'a String, &'a blake3::Hash)> + 'a {
        self.files
            .range(prefix.to_string()..)
            .take_while(move |(path, _)| path.starts_with(prefix))
    }

    /// How many files are recorded.
    pub fn len(&self) -> usize {
        self.files.len()
    }

    /// True when no file is recorded.
    pub fn is_empty(&self) -> bool {
        self.files.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hashes(paths: &[&str]) -> SourceHashes {
        SourceHashes {
            files: paths
                .iter()
                .map(|p| (p.to_string(), blake3::hash(p.as_bytes())))
                .collect(),
        }
    }

    #[test]
    fn under_is_one_folder_and_not_its_namesakes() {
        let h = hashes(&[
            "content/campaigns/glow-2/campaign.toml",
            "content/campaigns/glow/briefs/mia.md",
            "content/campaigns/glow/campaign.toml",
            "content/campaigns/glowing/campaign.toml",
        ]);
        let got: Vec<&str> = h
            .under("content/campaigns/glow/")
            .map(|(p, _)| p.as_str())
            .collect();
        assert_eq!(
            got,
            [
                "content/campaigns/glow/briefs/mia.md",
                "content/campaigns/glow/campaign.toml"
            ]
        );
    }
}
