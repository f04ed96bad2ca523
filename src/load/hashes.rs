//! The content hash of every source file a load read, by path relative to the portal root:
//! what the render's memo keys (`render::memo`) are made of, so a page is re-rendered when a
//! file it was made from changes, and not when the portal moves to another folder.

use super::source::SourceFile;
use super::{Loaded, LoadedCampaign};
use std::collections::BTreeMap;
use std::sync::Arc;

/// Where the campaigns' folders are; each campaign's hashes are kept together under its folder.
const CAMPAIGNS: &str = "content/campaigns/";

/// Path (relative to the root, `/`-separated) → blake3 of the file's text, for every file
/// `load` read: `portal.toml`, roster files, campaign files, asset sidecars, playbook pages.
/// Version records, the theme and assets' own bytes are not here: the memo hashes what the
/// model (`Brief::recorded_digest`), the theme cache and the image stage made of them.
///
/// A campaign's files are held as one shared [`FileHashes`] under its folder, so a `serve`
/// build that keeps a campaign joins its hashes by one pointer, not file by file.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SourceHashes {
    /// Files outside the campaigns' folders.
    files: BTreeMap<String, blake3::Hash>,
    /// Each campaign's files, by its folder (`content/campaigns/<name>/`).
    campaigns: BTreeMap<String, FileHashes>,
}

/// The hashes of some files, taken while they are in memory, to join [`SourceHashes`] later;
/// in path order, shared.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct FileHashes(Arc<[(String, blake3::Hash)]>);

impl FileHashes {
    fn of<'a>(files: impl Iterator<Item = &'a SourceFile>) -> Self {
        let mut all: Vec<(String, blake3::Hash)> =
            files.map(|f| (f.rel.clone(), *f.hash())).collect();
        all.sort_unstable_by(|a, b| a.0.cmp(&b.0));
        all.dedup_by(|a, b| a.0 == b.0);
        FileHashes(all.into())
    }

    /// The hashes of a campaign's files.
    pub fn of_campaign(c: &LoadedCampaign) -> Self {
        let files = c.campaign.iter().map(|p| &p.file);
        let files = files
            .chain(c.brief_md.iter())
            .chain(c.briefs.iter().map(|b| &b.file))
            .chain(c.results.iter().map(|t| &t.file))
            .chain(c.report.iter().chain(&c.plan).map(|r| &r.file));
        Self::of(files)
    }

    /// The entries whose path starts with `prefix`, in path order.
    fn under<'a>(
        &'a self,
        prefix: &'a str,
    ) -> impl Iterator<Item = (&'a String, &'a blake3::Hash)> {
        let from = self.0.partition_point(|(p, _)| p.as_str() < prefix);
        self.0[from..]
            .iter()
            .take_while(move |(p, _)| p.starts_with(prefix))
            .map(|(p, h)| (p, h))
    }
}

/// Two iterators of paths, each in path order, merged in path order.
struct InOrder<A: Iterator, B: Iterator> {
    a: std::iter::Peekable<A>,
    b: std::iter::Peekable<B>,
}

impl<'a, A, B> Iterator for InOrder<A, B>
where
    A: Iterator<Item = (&'a String, &'a blake3::Hash)>,
    B: Iterator<Item = (&'a String, &'a blake3::Hash)>,
{
    type Item = (&'a String, &'a blake3::Hash);

    fn next(&mut self) -> Option<Self::Item> {
        match (self.a.peek(), self.b.peek()) {
            (Some(x), Some(y)) if y.0 < x.0 => self.b.next(),
            (Some(_), _) => self.a.next(),
            (None, _) => self.b.next(),
        }
    }
}

/// The campaign folder (`content/campaigns/<name>/`) `rel` is in, if any.
fn campaign_folder(rel: &str) -> Option<&str> {
    let name = rel.strip_prefix(CAMPAIGNS)?;
    let end = CAMPAIGNS.len() + name.find('/')? + 1;
    Some(&rel[..end])
}

impl SourceHashes {
    /// The hashes of every source file in `loaded` (its campaigns' files join as they are read:
    /// [`Loaded::read_campaigns`]).
    pub fn of(loaded: &Loaded) -> Self {
        let files = std::iter::once(&loaded.portal.file)
            .chain(loaded.creators.iter().map(|c| &c.file))
            .chain(
                loaded
                    .assets
                    .iter()
                    .flat_map(|a| a.sidecar.iter().map(|s| &s.file)),
            )
            .chain(loaded.playbook.iter());
        let mut out = SourceHashes::default();
        out.extend(FileHashes::of(files));
        out
    }

    /// Adds the hashes of `files`: one campaign's, shared as they are, or loose files.
    pub fn extend(&mut self, files: FileHashes) {
        let Some((first, _)) = files.0.first() else {
            return;
        };
        if let Some(folder) = campaign_folder(first)
            && files.0.iter().all(|(p, _)| p.starts_with(folder))
            && !self.campaigns.contains_key(folder)
        {
            self.campaigns.insert(folder.to_string(), files);
            return;
        }
        for (path, h) in files.0.iter() {
            match campaign_folder(path) {
                Some(folder) => {
                    let kept = self.campaigns.entry(folder.to_string()).or_default();
                    let mut all: Vec<_> = kept.0.iter().cloned().collect();
                    match all.binary_search_by(|(p, _)| p.cmp(path)) {
                        Ok(i) => all[i].1 = *h,
                        Err(i) => all.insert(i, (path.clone(), *h)),
                    }
                    *kept = FileHashes(all.into());
                }
                None => {
                    self.files.insert(path.clone(), *h);
                }
            }
        }
    }

    /// The hash of the file at `rel`, when it was read.
    pub fn get(&self, rel: &str) -> Option<&blake3::Hash> {
        match campaign_folder(rel) {
            Some(folder) => {
                let kept = &self.campaigns.get(folder)?.0;
                let i = kept.binary_search_by(|(p, _)| p.as_str().cmp(rel)).ok()?;
                Some(&kept[i].1)
            }
            None => self.files.get(rel),
        }
    }

    /// Every file whose path starts with `prefix` (a folder ending in `/`), in path order.
    pub fn under<'a>(
        &'a self,
        prefix: &'a str,
    ) -> Box<dyn Iterator<Item = (&'a String, &'a blake3::Hash)> + 'a> {
        if let Some(folder) = campaign_folder(prefix) {
            return match self.campaigns.get(folder) {
                Some(kept) => Box::new(kept.under(prefix)),
                None => Box::new(std::iter::empty()),
            };
        }
        let loose = self
            .files
            .range(prefix.to_string()..)
            .take_while(move |(path, _)| path.starts_with(prefix));
        if !(CAMPAIGNS.starts_with(prefix) || prefix.starts_with(CAMPAIGNS)) {
            return Box::new(loose);
        }
        // A prefix above one campaign's folder: both kinds, merged in path order.
        let kept = self
            .campaigns
            .range(prefix.to_string()..)
            .take_while(move |(folder, _)| folder.starts_with(prefix))
            .flat_map(|(_, kept)| kept.0.iter().map(|(p, h)| (p, h)));
        Box::new(InOrder {
            a: loose.peekable(),
            b: kept.peekable(),
        })
    }

    /// How many files are recorded.
    pub fn len(&self) -> usize {
        self.files.len() + self.campaigns.values().map(|c| c.0.len()).sum::<usize>()
    }

    /// True when no file is recorded.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn listed(paths: &[&str]) -> FileHashes {
        let mut all: Vec<_> = paths
            .iter()
            .map(|p| (p.to_string(), blake3::hash(p.as_bytes())))
            .collect();
        all.sort_by(|a, b| a.0.cmp(&b.0));
        FileHashes(all.into())
    }

    /// Each campaign's files joined as `read_campaigns` joins them, the rest as loose files.
    fn hashes(paths: &[&str]) -> SourceHashes {
        let mut h = SourceHashes::default();
        let mut by_folder: BTreeMap<Option<&str>, Vec<&str>> = BTreeMap::new();
        for p in paths {
            by_folder.entry(campaign_folder(p)).or_default().push(p);
        }
        for files in by_folder.values() {
            h.extend(listed(files));
        }
        h
    }

    const PATHS: [&str; 8] = [
        "content/campaigns/README.md",
        "content/campaigns/glow-2/campaign.toml",
        "content/campaigns/glow/briefs/mia.md",
        "content/campaigns/glow/campaign.toml",
        "content/campaigns/glowing/campaign.toml",
        "content/creators/mia.toml",
        "content/playbook/start.md",
        "portal.toml",
    ];

    fn paths_under<'a>(h: &'a SourceHashes, prefix: &'a str) -> Vec<&'a str> {
        h.under(prefix).map(|(p, _)| p.as_str()).collect()
    }

    #[test]
    fn under_is_one_folder_and_not_its_namesakes() {
        let h = hashes(&PATHS);
        assert_eq!(
            paths_under(&h, "content/campaigns/glow/"),
            [
                "content/campaigns/glow/briefs/mia.md",
                "content/campaigns/glow/campaign.toml"
            ]
        );
        assert_eq!(
            paths_under(&h, "content/campaigns/glow/briefs/"),
            ["content/campaigns/glow/briefs/mia.md"]
        );
        assert_eq!(
            paths_under(&h, "content/creators/"),
            ["content/creators/mia.toml"]
        );
        assert!(paths_under(&h, "content/campaigns/gone/").is_empty());
    }

    #[test]
    fn a_prefix_above_the_campaigns_lists_every_file_in_path_order() {
        let h = hashes(&PATHS);
        assert_eq!(paths_under(&h, ""), PATHS);
        assert_eq!(paths_under(&h, "content/"), PATHS[..7]);
        assert_eq!(paths_under(&h, "content/campaigns/"), PATHS[..5]);
        assert_eq!(paths_under(&h, "content/campaigns/glow"), PATHS[1..5]);
        assert_eq!(h.len(), PATHS.len());
    }

    #[test]
    fn every_file_is_found_by_its_path_and_no_other() {
        let h = hashes(&PATHS);
        for p in PATHS {
            assert_eq!(h.get(p), Some(&blake3::hash(p.as_bytes())), "{p}");
        }
        for p in [
            "content/campaigns/glow/brief.md",
            "content/campaigns/x/campaign.toml",
            "x",
        ] {
            assert_eq!(h.get(p), None, "{p}");
        }
    }

    #[test]
    fn a_campaign_is_joined_by_sharing_its_hashes_and_files_joined_twice_merge() {
        let glow = listed(&PATHS[2..4]);
        let mut h = SourceHashes::default();
        h.extend(glow.clone());
        assert!(Arc::ptr_eq(
            &h.campaigns["content/campaigns/glow/"].0,
            &glow.0
        ));
        // A second list for the same folder (not what a load does) merges, the newer hash winning.
        let newer = FileHashes(vec![(PATHS[3].to_string(), blake3::hash(b"new"))].into());
        h.extend(newer);
        assert_eq!(h.get(PATHS[3]), Some(&blake3::hash(b"new")));
        assert_eq!(h.get(PATHS[2]), Some(&blake3::hash(PATHS[2].as_bytes())));
        assert_eq!(h.len(), 2);
    }
}
