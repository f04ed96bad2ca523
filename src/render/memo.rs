//! Reusing a campaign's files from the previous build. Each campaign gets a key that changes
//! whenever anything its pages are made from changes: the campaign itself (briefs, results,
//! report), the portal settings, roster, assets and thumbnails, the templates, its private-link
//! tokens, today, the audience, and the campsite build. The output marker records the key next to
//! every file the campaign produced; a rebuild whose key matches keeps those files as they are
//! instead of rendering them again.

use crate::compute::Derived;
use crate::images::ImageIndex;
use crate::load::theme::ThemeFiles;
use crate::model::{Audience, Campaign, Portal};
use crate::render::{Output, Site};
use std::collections::HashMap;
use std::fmt::Write as _;

/// Hash of the campsite sources, dependencies and theme this binary was built from.
const BUILD_ID: &str = env!("CAMPSITE_BUILD_ID");

/// What the previous build produced per campaign key: each file's path and what to reuse —
/// `Output::Kept(fingerprint)` for a file still in the output folder (`build`), or the previous
/// content itself (`serve`, which keeps its last site in memory).
#[derive(Debug, Default)]
pub struct Memo {
    groups: HashMap<String, Vec<(String, Output)>>,
}

impl Memo {
    /// A memo from `(key, path, fingerprint)` records of files left in the output folder.
    pub fn from_records(records: impl IntoIterator<Item = (String, String, String)>) -> Self {
        let mut groups: HashMap<String, Vec<(String, Output)>> = HashMap::new();
        for (key, path, fingerprint) in records {
            groups
                .entry(key)
                .or_default()
                .push((path, Output::Kept(fingerprint)));
        }
        Memo { groups }
    }

    /// A memo of the campaign files of a site held in memory.
    pub fn from_site(site: &Site) -> Self {
        let mut groups: HashMap<String, Vec<(String, Output)>> = HashMap::new();
        for (path, key) in &site.groups {
            if let Some(out) = site.files.get(path) {
                groups
                    .entry(key.clone())
                    .or_default()
                    .push((path.clone(), out.clone()));
            }
        }
        Memo { groups }
    }

    /// The files recorded under `key`.
    pub fn get(&self, key: &str) -> Option<&[(String, Output)]> {
        self.groups.get(key).map(Vec::as_slice)
    }

    /// How many campaigns' files are recorded.
    pub fn len(&self) -> usize {
        self.groups.len()
    }

    /// True when nothing is recorded.
    pub fn is_empty(&self) -> bool {
        self.groups.is_empty()
    }
}

/// Feeds formatted text into a hash, in blocks (`Debug` writes many tiny pieces, and blake3 is
/// fastest on whole chunks).
struct HashWriter<'a> {
    hasher: &'a mut blake3::Hasher,
    buf: Vec<u8>,
}

impl<'a> HashWriter<'a> {
    const BLOCK: usize = 16 * 1024;

    fn new(hasher: &'a mut blake3::Hasher) -> Self {
        HashWriter {
            hasher,
            buf: Vec::with_capacity(Self::BLOCK),
        }
    }
}

impl std::fmt::Write for HashWriter<'_> {
    fn write_str(&mut self, s: &str) -> std::fmt::Result {
        if self.buf.len() + s.len() > Self::BLOCK {
            self.hasher.update(&self.buf);
            self.buf.clear();
        }
        if s.len() > Self::BLOCK {
            self.hasher.update(s.as_bytes());
        } else {
            self.buf.extend_from_slice(s.as_bytes());
        }
        Ok(())
    }
}

impl Drop for HashWriter<'_> {
    fn drop(&mut self) {
        self.hasher.update(&self.buf);
    }
}

/// Everything outside a campaign that its pages read, hashed once per build. The model's
/// `Debug` form is complete and ordered (no hash maps), so it stands for the values themselves.
pub fn shared_hasher(
    portal: &Portal,
    derived: &Derived,
    theme: &ThemeFiles,
    images: &ImageIndex,
    audience: Audience,
) -> blake3::Hasher {
    let mut h = blake3::Hasher::new();
    let mut w = HashWriter::new(&mut h);
    let _ = write!(
        w,
        "{BUILD_ID}\n{audience:?}\n{:?}\n{:?}\n{:?}\n{:?}\n{:?}\n{:?}\n{:?}\n{:?}\n",
        derived.today,
        (&derived.sealer, &derived.team_sealer),
        portal.config,
        portal.creators,
        portal.assets,
        images,
        theme.templates,
        theme.catalogs,
    );
    // Static files are copied, not read by templates; their paths are what pages may link to.
    for path in theme.static_files.keys() {
        let _ = writeln!(w, "{path}");
    }
    drop(w);
    h
}

/// The key of `c`'s files: the shared inputs, the campaign and its private-link tokens.
pub fn campaign_key(shared: &blake3::Hasher, c: &Campaign, derived: &Derived) -> String {
    let mut h = shared.clone();
    let mut w = HashWriter::new(&mut h);
    // Benchmarks and the history forecast read the portal's other campaigns.
    let facts = derived.facts.get(&c.slug);
    let _ = write!(
        w,
        "{c:?}\n{:?}\n{:?}\n{:?}\n{:?}\n",
        derived.report_tokens.get(&c.slug),
        derived.plan_tokens.get(&c.slug),
        facts.map(|f| &f.benchmarks),
        facts.map(|f| &f.forecast)
    );
    for ((slug, handle), token) in &derived.brief_tokens {
        if *slug == c.slug {
            let _ = writeln!(w, "{handle:?} {token}");
        }
    }
    drop(w);
    h.finalize().to_hex().to_string()
}
