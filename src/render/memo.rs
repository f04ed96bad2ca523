//! Reusing a campaign's files from the previous build. Each campaign is a unit whose key is the
//! hash of the inputs its pages read, and of nothing else: the content hashes of its own files
//! and of the roster files and brand-kit sidecars it shows (`load::hashes`), what the image stage
//! made of its kit, its version records, private-link tokens, benchmarks and forecast,
//! `portal.toml`, the templates and catalogs, today, the audience and the campsite build. Paths
//! in keys are relative to the portal root, so moving the portal changes no key. The output
//! marker records the key next to every file the campaign produced; a rebuild whose key matches
//! keeps those files as they are instead of rendering them again.

use super::SiteInputs;
use crate::images::ImageIndex;
use crate::model::{Audience, Brief, Campaign, Handle};
use crate::render::site::UnitFiles;
use crate::render::{Output, Site};
use serde::Serialize;
use std::collections::{BTreeSet, HashMap};

/// Every campaign's memo key, by campaign.
pub type CampaignKeys = std::collections::BTreeMap<crate::model::CampaignSlug, String>;

/// Hash of the campsite sources, dependencies and theme this binary was built from.
const BUILD_ID: &str = env!("CAMPSITE_BUILD_ID");

/// What the previous build produced per campaign key: each file's path and what to reuse —
/// `Output::Kept(fingerprint)` for a file still in the output folder (`build`), or the previous
/// content itself (`serve`, which keeps its last site in memory).
#[derive(Debug, Default)]
pub struct Memo {
    groups: HashMap<std::sync::Arc<str>, UnitFiles>,
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
        Memo {
            groups: groups
                .into_iter()
                .map(|(k, files)| (k.into(), files.into()))
                .collect(),
        }
    }

    /// A memo of the units of a site held in memory: the site's own shared lists of files.
    pub fn from_site(site: &Site) -> Self {
        Memo {
            groups: site.units.clone(),
        }
    }

    /// The files recorded under `key`.
    pub fn get(&self, key: &str) -> Option<&UnitFiles> {
        self.groups.get(key)
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

/// A key being built: labelled, length-prefixed parts, so no two different sequences of parts
/// hash alike.
#[derive(Clone)]
pub struct KeyHasher {
    hasher: blake3::Hasher,
    /// Parts not yet hashed: many small updates cost far more than one large one (blake3 hashes
    /// a long input many chunks at a time), and the hash of the concatenation is the same.
    pending: Vec<u8>,
}

/// How much is gathered before it is hashed.
const PENDING: usize = 32 * 1024;

impl KeyHasher {
    fn new() -> Self {
        KeyHasher {
            hasher: blake3::Hasher::new(),
            pending: Vec::new(),
        }
    }

    fn part(&mut self, label: &str, bytes: &[u8]) {
        for piece in [label.as_bytes(), bytes] {
            self.raw(&(piece.len() as u64).to_le_bytes());
            self.raw(piece);
        }
    }

    /// Bytes as they are (no length prefix).
    fn raw(&mut self, bytes: &[u8]) {
        if self.pending.len() + bytes.len() > PENDING {
            self.hasher.update(&self.pending);
            self.pending.clear();
        }
        if bytes.len() > PENDING {
            self.hasher.update(bytes);
        } else {
            self.pending.extend_from_slice(bytes);
        }
    }

    /// A source file's content hash by its path, or its absence.
    fn file(&mut self, inputs: &SiteInputs<'_>, rel: &str) {
        match inputs.sources.get(rel) {
            Some(h) => self.part(rel, h.as_bytes()),
            None => self.part(rel, b""),
        }
    }

    /// Every source file under `folder` (which ends in `/`).
    fn folder(&mut self, inputs: &SiteInputs<'_>, folder: &str) {
        self.part("folder", folder.as_bytes());
        for (path, h) in inputs.sources.under(folder) {
            self.part(path, h.as_bytes());
        }
    }

    /// A computed value by its serialised form (the form `report.json` and the version records
    /// use, not a formatting trait).
    fn value<T: Serialize>(&mut self, label: &str, v: &T) {
        // As `part(label, to_vec(v))`, but written straight into what is pending.
        self.raw(&(label.len() as u64).to_le_bytes());
        self.raw(label.as_bytes());
        let at = self.pending.len();
        self.pending.extend_from_slice(&[0; 8]);
        if serde_json::to_writer(&mut self.pending, v).is_err() {
            self.pending.truncate(at + 8);
        }
        let len = (self.pending.len() - at - 8) as u64;
        self.pending[at..at + 8].copy_from_slice(&len.to_le_bytes());
        if self.pending.len() > PENDING {
            self.hasher.update(&self.pending);
            self.pending.clear();
        }
    }

    /// What the image stage made of an asset (sizes and content-addressed thumbnail paths; not
    /// the cache's absolute file names).
    fn image(&mut self, images: &ImageIndex, id: &str) {
        match images.images.get(id) {
            None => self.part(id, b"not an image"),
            Some(Err(_)) => self.part(id, b"unreadable"),
            Some(Ok(info)) => {
                let dims = format!("{}x{} gps={}", info.width, info.height, info.gps);
                self.part(id, dims.as_bytes());
                for t in &info.thumbs {
                    self.part(&t.site_path, format!("{}x{}", t.width, t.height).as_bytes());
                }
            }
        }
    }

    fn finish(&self) -> String {
        let mut h = self.hasher.clone();
        h.update(&self.pending);
        h.finalize().to_hex().to_string()
    }
}

/// The inputs every campaign's pages read, hashed once per build: the campsite build, the
/// audience, today, whether pages are sealed, `portal.toml` (and the logo's size, which `load`
/// reads from the static file), the templates and the catalogs. Static files are copied, not
/// read by templates, so they are not part of it.
pub fn shared_hasher(inputs: &SiteInputs<'_>, audience: Audience) -> KeyHasher {
    let SiteInputs {
        portal,
        derived,
        theme,
        ..
    } = *inputs;
    let mut k = KeyHasher::new();
    k.part("build", BUILD_ID.as_bytes());
    let audience = match audience {
        Audience::Public => "public",
        Audience::Team => "team",
    };
    k.part("audience", audience.as_bytes());
    k.part("today", derived.today.to_string().as_bytes());
    let sealed = [derived.sealer.is_some(), derived.team_sealer.is_some()];
    k.part("sealed", &sealed.map(u8::from));
    k.file(inputs, "portal.toml");
    let logo = portal
        .config
        .brand
        .logo_size
        .map_or(String::new(), |(w, h)| format!("{w}x{h}"));
    k.part("logo", logo.as_bytes());
    k.part("theme", theme.text_hash().as_bytes());
    k
}

/// Every campaign's key ([`campaign_key`]), by slug.
pub fn campaign_keys(inputs: &SiteInputs<'_>, audience: Audience) -> CampaignKeys {
    use rayon::prelude::*;
    let shared = shared_hasher(inputs, audience);
    let campaigns: Vec<&Campaign> = inputs.portal.campaigns.values().map(|c| &**c).collect();
    campaigns
        .par_iter()
        .map(|c| (c.slug.clone(), campaign_key(&shared, inputs, c)))
        .collect()
}

/// The key of a page that is a unit of its own: the shared inputs and everything the page is
/// made of — its path, template, meta and view, by their serialised form (the very values the
/// template reads, so nothing it reads is left out).
pub fn page_key<T: Serialize>(
    shared: &KeyHasher,
    path: &str,
    template: &str,
    meta: &super::views::PageMeta,
    name: &str,
    view: &T,
) -> String {
    let mut k = shared.clone();
    k.part("page", path.as_bytes());
    k.part("template", template.as_bytes());
    k.value("meta", meta);
    k.value(name, view);
    k.finish()
}

/// The key of labelled `pieces` (each length-prefixed, so no two sequences hash alike).
pub fn key_of(pieces: &[(&str, &[u8])]) -> String {
    let mut k = KeyHasher::new();
    for (label, bytes) in pieces {
        k.part(label, bytes);
    }
    k.finish()
}

/// The key of a file made of parts ([`super::parts`]): the shared inputs, its path, labels (the
/// template and the view's name), its meta when it is a page, and its parts' digests in order.
pub fn parts_key(
    shared: &KeyHasher,
    path: &str,
    labels: &[&str],
    meta: Option<&super::views::PageMeta>,
    digests: &[blake3::Hash],
) -> String {
    let mut k = shared.clone();
    k.part("parts of", path.as_bytes());
    for l in labels {
        k.part("label", l.as_bytes());
    }
    if let Some(meta) = meta {
        k.value("meta", meta);
    }
    k.part("parts", &(digests.len() as u64).to_le_bytes());
    for d in digests {
        k.raw(d.as_bytes());
    }
    k.finish()
}

/// What the pages of `c` read beyond its files, the roster and version records: its report and
/// plan tokens, benchmarks and forecast, and its brand-kit assets with their posters.
fn campaign_wide(k: &mut KeyHasher, inputs: &SiteInputs<'_>, c: &Campaign) {
    let SiteInputs {
        portal,
        derived,
        images,
        ..
    } = *inputs;
    for (what, tokens) in [
        ("report", &derived.report_tokens),
        ("plan", &derived.plan_tokens),
    ] {
        k.part(
            what,
            tokens.get(&c.slug).map_or("", String::as_str).as_bytes(),
        );
    }
    // Benchmarks and the history forecast read the portal's other campaigns: their values are
    // the input, not the files they come from.
    if let Some(f) = derived.facts.get(&c.slug) {
        k.value("benchmarks", &f.benchmarks);
        k.value("forecast", &f.forecast);
    }
    for a in super::views::kit::kit_assets(c, &portal.assets) {
        k.part("asset", a.id.as_bytes());
        k.part("size", &a.size.to_le_bytes());
        match &a.sidecar {
            Some(sidecar) => k.file(inputs, sidecar),
            None => k.part("no sidecar", b""),
        }
        k.image(images, &a.id);
        if let Some(poster) = &a.poster {
            k.part("poster", poster.as_bytes());
            k.image(images, poster);
        }
    }
}

/// What every brief's files (its page and calendar) in `c` read besides the brief's own
/// ([`brief_key`]): the shared inputs, the campaign's files but its briefs, and what
/// [`campaign_key`] adds beyond files (tokens, benchmarks, kit).
pub fn briefs_base(shared: &KeyHasher, inputs: &SiteInputs<'_>, c: &Campaign) -> KeyHasher {
    let mut k = shared.clone();
    let (dir, briefs) = (format!("{}/", c.dir), format!("{}/briefs/", c.dir));
    k.part("briefs of", dir.as_bytes());
    for (path, h) in inputs.sources.under(&dir) {
        if !path.starts_with(&briefs) {
            k.part(path, h.as_bytes());
        }
    }
    campaign_wide(&mut k, inputs, c);
    k
}

/// The key of brief `b`'s files in campaign `c`: what every brief there reads ([`briefs_base`]),
/// the brief's own file, its version records, its token and its creator's roster file. A brief
/// page reads no other brief, so a save to one brief re-renders that brief's files only (and the
/// campaign's other pages, which list every brief).
pub fn brief_key(base: &KeyHasher, inputs: &SiteInputs<'_>, c: &Campaign, b: &Brief) -> String {
    let mut k = base.clone();
    k.file(inputs, &b.path);
    k.part("records", b.recorded_digest.as_bytes());
    let token = inputs.derived.brief_token(&c.slug, &b.creator);
    k.part("brief token", token.map_or("", String::as_str).as_bytes());
    match inputs.portal.creators.get(&b.creator) {
        Some(creator) => k.file(inputs, &creator.path),
        None => k.part("no roster file", b.creator.as_str().as_bytes()),
    }
    k.finish()
}

/// The key of `c`'s files: the shared inputs, and what its pages read — its own folder, its
/// version records, the roster files of the creators it names (briefs and results rows), its
/// brand-kit assets and their posters, its private-link tokens, benchmarks and forecast. A
/// plan also lists the roster's shortlist and the creators' results in other campaigns, so a
/// campaign with a `plan.md` reads every roster and campaign file.
pub fn campaign_key(shared: &KeyHasher, inputs: &SiteInputs<'_>, c: &Campaign) -> String {
    let SiteInputs {
        portal, derived, ..
    } = *inputs;
    let mut k = shared.clone();
    k.folder(inputs, &format!("{}/", c.dir));
    for (handle, b) in &c.briefs {
        k.part("brief", handle.as_str().as_bytes());
        k.part("records", b.recorded_digest.as_bytes());
        let token = derived.brief_token(&c.slug, handle);
        k.part("brief token", token.map_or("", String::as_str).as_bytes());
    }
    campaign_wide(&mut k, inputs, c);
    let named: BTreeSet<&Handle> = c
        .briefs
        .keys()
        .chain(c.results.iter().filter_map(|r| r.creator.as_ref()))
        .collect();
    for h in named {
        match portal.creators.get(h) {
            Some(creator) => k.file(inputs, &creator.path),
            None => k.part("no roster file", h.as_str().as_bytes()),
        }
    }
    if c.plan.is_some() {
        k.folder(inputs, "content/creators/");
        k.folder(inputs, "content/campaigns/");
    }
    k.finish()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// What a key of these parts is by definition: each piece length-prefixed, in order.
    fn by_definition(parts: &[(&str, Vec<u8>)]) -> String {
        let mut all = Vec::new();
        for (label, bytes) in parts {
            for piece in [label.as_bytes(), bytes] {
                all.extend_from_slice(&(piece.len() as u64).to_le_bytes());
                all.extend_from_slice(piece);
            }
        }
        blake3::hash(&all).to_hex().to_string()
    }

    #[test]
    fn a_key_is_the_hash_of_its_length_prefixed_parts_however_they_are_gathered() {
        let parts: Vec<(&str, Vec<u8>)> = vec![
            ("small", b"abc".to_vec()),
            ("empty", Vec::new()),
            ("just under", vec![7; PENDING - 40]),
            ("large", vec![9; PENDING * 3 + 5]),
            ("after", b"xyz".to_vec()),
        ];
        let mut k = KeyHasher::new();
        for (label, bytes) in &parts {
            k.part(label, bytes);
        }
        assert_eq!(k.finish(), by_definition(&parts));
        // A clone goes on from where it was, and finishing does not consume.
        let mut more = k.clone();
        more.part("more", b"1");
        let mut longer = parts.clone();
        longer.push(("more", b"1".to_vec()));
        assert_eq!(more.finish(), by_definition(&longer));
        assert_eq!(k.finish(), by_definition(&parts));
    }

    #[test]
    fn a_value_is_hashed_as_its_serialised_form() {
        let view = serde_json::json!({"title": "Glow", "rows": [1, 2, 3]});
        let mut k = KeyHasher::new();
        k.value("view", &view);
        let expected = by_definition(&[("view", serde_json::to_vec(&view).unwrap())]);
        assert_eq!(k.finish(), expected);
    }
}
