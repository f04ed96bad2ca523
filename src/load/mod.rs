//! Load: the only reader of a portal's files. Disk → raw records, every problem a diagnostic.

pub mod cache;
pub mod contain;
pub mod hashes;
mod listing;
pub mod logo;
pub mod note;
pub mod playbook;
pub mod raw;
pub mod results_csv;
pub mod scan;
pub mod shelf;
pub mod source;
pub mod theme;
pub mod toml_file;
pub mod versions;

use crate::diagnostics::{Diagnostic, Diagnostics};
use cache::{LoadCache, reuse};
use contain::{Jail, Role};
pub use listing::{Scope, is_editor_junk, walk};
use listing::{admitted, has_ext, list_files, list_files_recursive, subdirs};
use raw::*;
use rayon::prelude::*;
use source::{SourceFile, rel_path};
use std::path::{Path, PathBuf};
use toml_file::{parse_toml, split_front_matter};

/// A parsed TOML file: its source and its raw record (`None` when it did not parse).
#[derive(Debug, Clone)]
pub struct Parsed<T> {
    /// The file.
    pub file: SourceFile,
    /// The record, when the file parsed.
    pub raw: Option<T>,
}

/// A Markdown file with optional front matter.
#[derive(Debug, Clone)]
pub struct MarkdownFile<T> {
    /// The file.
    pub file: SourceFile,
    /// The front matter record, when it parsed.
    pub front: Option<T>,
    /// Byte offset of the Markdown body in the file.
    pub body_offset: usize,
}

impl<T> MarkdownFile<T> {
    /// The Markdown body.
    pub fn body(&self) -> &str {
        self.file.text.get(self.body_offset..).unwrap_or("")
    }
}

/// One `content/campaigns/<slug>/` folder.
#[derive(Debug)]
pub struct LoadedCampaign {
    /// The folder name (the slug once validated).
    pub dir_name: String,
    /// The folder, relative to the root.
    pub rel_dir: String,
    /// `campaign.toml`, when present.
    pub campaign: Option<Parsed<RawCampaign>>,
    /// `brief.md`.
    pub brief_md: Option<SourceFile>,
    /// `briefs/<handle>.md`, sorted by file name.
    pub briefs: Vec<MarkdownFile<RawBrief>>,
    /// Stems of briefs that could not be read or parsed (already reported).
    pub broken_briefs: Vec<String>,
    /// `results.csv`.
    pub results: Option<results_csv::CsvTable>,
    /// `report.md`.
    pub report: Option<MarkdownFile<RawReport>>,
    /// `plan.md` (SPEC §6; the same front matter as `report.md`).
    pub plan: Option<MarkdownFile<RawReport>>,
}

/// One file under `content/assets/`, with its sidecar.
#[derive(Debug)]
pub struct LoadedAsset {
    /// Path under `content/assets/`, with `/` separators.
    pub id: String,
    /// Path relative to the portal root.
    pub rel: String,
    /// Absolute path.
    pub abs: PathBuf,
    /// Size in bytes.
    pub size: u64,
    /// The sidecar `<name>.toml`, when present.
    pub sidecar: Option<Parsed<RawSidecar>>,
}

/// Everything read from a portal but its campaigns, which are listed here and read one by one
/// by [`Loaded::read_campaigns`], so that no caller holds every campaign's raw records at once.
#[derive(Debug)]
pub struct Loaded {
    /// The portal root.
    pub root: PathBuf,
    /// `portal.toml`.
    pub portal: Parsed<RawPortal>,
    /// The roster, sorted by file name.
    pub creators: Vec<Parsed<RawCreator>>,
    /// Handles (file stems) of roster files that could not be read or parsed: references to
    /// them are not reported again.
    pub broken_creators: Vec<String>,
    /// The campaign folders, sorted by name: not read yet ([`Loaded::read_campaigns`]).
    pub campaigns: Vec<PathBuf>,
    /// The assets, sorted by id.
    pub assets: Vec<LoadedAsset>,
    /// Templates and static files, theme first, then the portal's overrides.
    pub theme: theme::ThemeFiles,
    /// The version records of published briefs (`.campsite/versions/`).
    pub versions: versions::LoadedVersions,
    /// `content/playbook/**/*.md`, sorted by path.
    pub playbook: Vec<SourceFile>,
    /// The brand logo's intrinsic width and height, when it is a readable static file.
    pub logo_size: Option<(u32, u32)>,
    /// The content hash of every source file above, by path; [`Loaded::read_campaigns`] adds
    /// the campaigns' files.
    pub sources: hashes::SourceHashes,
}

impl Loaded {
    /// Reads every campaign folder, in parallel, and hands each to `take` as soon as it is read
    /// (with the campaign's own list of diagnostics, which holds what reading it found), keeping
    /// only what `take` makes of it. The raw records of a campaign are dropped once taken: at
    /// 100,000 briefs, holding them all took about 2.4 times the source text. Results come in
    /// folder order; the campaigns' files join [`Loaded::sources`]. With a `shelving`, a folder
    /// unchanged since the last load, whose inputs hash the same, is not read again: what `take`
    /// made of it then is given back ([`shelf`]).
    pub fn read_campaigns<T: Send + Clone>(
        &mut self,
        cache: Option<&LoadCache>,
        shelving: Option<shelf::Shelving<'_, T>>,
        take: impl Fn(LoadedCampaign, &mut Diagnostics) -> T + Sync,
    ) -> (Vec<T>, Diagnostics) {
        let root = &self.root;
        let read_one = |dir: &PathBuf| {
            let mut found = Diagnostics::new();
            let campaign = load_campaign(root, dir, cache, &mut found);
            let files = hashes::FileHashes::of_campaign(&campaign);
            (take(campaign, &mut found), files, found)
        };
        let read: Vec<shelf::Read<T>> = self
            .campaigns
            .par_iter()
            .map(|dir| {
                let Some(s) = &shelving else {
                    return read_one(dir);
                };
                let name = dir
                    .file_name()
                    .map(|n| n.to_string_lossy())
                    .unwrap_or_default();
                let inputs = (s.inputs)(&name);
                if let Some(kept) = s.shelf.find_reported(dir, &inputs) {
                    return kept;
                }
                let stamp = shelf::FolderStamp::of(dir);
                if let Some(kept) = s.shelf.find(dir, &stamp, &inputs) {
                    return kept;
                }
                let read = read_one(dir);
                s.shelf.put(dir, stamp, inputs, &read);
                read
            })
            .collect();
        if let Some(s) = &shelving {
            s.shelf.keep_only(&self.campaigns);
        }
        let mut diags = Diagnostics::new();
        let mut out = Vec::with_capacity(read.len());
        for (item, files, found) in read {
            self.sources.extend(files);
            diags.extend(found);
            out.push(item);
        }
        (out, diags)
    }
}

/// The portal root exists and holds a `portal.toml`; else the diagnostic saying which is wrong.
pub fn check_root(root: &Path) -> Result<(), Diagnostic> {
    let portal_path = root.join("portal.toml");
    if !root.is_dir() {
        return Err(Diagnostic::error(
            root.display().to_string(),
            "io",
            format!("folder {} does not exist", root.display()),
        )
        .with_hint(
            "pass the folder that holds portal.toml with `--root DIR`, or run `campsite init DIR`",
        ));
    }
    if portal_path.is_file() {
        Jail::new(root).admit(&portal_path, Role::Settings)?;
    } else {
        return Err(Diagnostic::error(
            "portal.toml",
            "io",
            format!("no portal.toml in {}", root.display()),
        )
        .with_hint("run `campsite init DIR` to start a portal, or pass `--root DIR`"));
    }
    Ok(())
}

/// Reads a whole portal. Problems are collected in `diags`; loading goes on past them.
pub fn load(root: &Path, diags: &mut Diagnostics) -> Result<Loaded, Diagnostic> {
    load_with(root, None, diags)
}

/// [`load`], reusing what `cache` kept of files unchanged since an earlier load (`serve`):
/// roster files, campaign files, briefs, results, reports, plans and sidecars.
pub fn load_with(
    root: &Path,
    cache: Option<&LoadCache>,
    diags: &mut Diagnostics,
) -> Result<Loaded, Diagnostic> {
    check_root(root)?;
    let portal_path = root.join("portal.toml");
    let portal = match SourceFile::read(root, &portal_path) {
        Ok(file) => {
            let raw = parse_toml::<RawPortal>(&file, &file.text, 0)
                .map_err(|d| diags.push(d))
                .ok();
            Parsed { file, raw }
        }
        Err(d) => return Err(d),
    };
    let theme_name = portal
        .raw
        .as_ref()
        .and_then(|p| p.theme.as_ref().map(|t| t.get_ref().clone()))
        .unwrap_or_else(|| "default".to_string());
    let theme = theme::load_theme(root, &theme_name, diags);
    let logo_size = portal
        .raw
        .as_ref()
        .and_then(|p| p.brand.logo.as_ref())
        .and_then(|l| logo::logo_size(&theme, l.get_ref(), cache));

    let creator_files = list_files(root, &root.join("content/creators"), Role::Roster, diags)
        .into_iter()
        .filter(|p| has_ext(p, "toml"))
        .collect::<Vec<_>>();
    let creators: Vec<_> = creator_files
        .par_iter()
        .map(|p| reuse(cache, p, || read_toml::<RawCreator>(root, p)))
        .collect();
    let broken_creators = creator_files
        .iter()
        .zip(&creators)
        .filter(|(_, r)| r.is_err())
        .filter_map(|(p, _)| p.file_stem().map(|s| s.to_string_lossy().into_owned()))
        .collect();
    let creators = collect_parsed(creators, diags);

    let mut campaigns = subdirs(&root.join("content/campaigns"));
    campaigns.sort();

    let assets = load_assets(root, cache, diags);
    let versions = versions::load_versions(root, diags);
    let playbook = playbook::load_playbook(root, diags);

    let mut loaded = Loaded {
        root: root.to_path_buf(),
        portal,
        creators,
        broken_creators,
        campaigns,
        assets,
        theme,
        versions,
        playbook,
        logo_size,
        sources: hashes::SourceHashes::default(),
    };
    loaded.sources = hashes::SourceHashes::of(&loaded);
    Ok(loaded)
}

fn collect_parsed<T>(
    items: Vec<Result<Parsed<T>, Diagnostic>>,
    diags: &mut Diagnostics,
) -> Vec<Parsed<T>> {
    let mut out = Vec::with_capacity(items.len());
    for item in items {
        match item {
            Ok(p) => out.push(p),
            Err(d) => diags.push(d),
        }
    }
    out
}

/// Reads and parses one TOML file; a parse failure keeps the file with no record.
fn read_toml<T: serde::de::DeserializeOwned>(
    root: &Path,
    path: &Path,
) -> Result<Parsed<T>, Diagnostic> {
    let file = SourceFile::read(root, path)?;
    match parse_toml::<T>(&file, &file.text, 0) {
        Ok(raw) => Ok(Parsed {
            file,
            raw: Some(raw),
        }),
        Err(d) => Err(d),
    }
}

fn read_markdown<T: serde::de::DeserializeOwned + Default>(
    root: &Path,
    path: &Path,
    front_required: bool,
) -> Result<MarkdownFile<T>, Diagnostic> {
    let file = SourceFile::read(root, path)?;
    let fm = split_front_matter(&file, front_required)?;
    within_budget(&file, file.text.len().saturating_sub(fm.body_offset))?;
    let front = if fm.toml.is_empty() && !front_required && fm.toml_offset == 0 {
        T::default()
    } else {
        // Parse the front matter at its own byte offsets, so the spans validation reads
        // (`Spanned` values) are positions in the whole file: the opening `+++` line is blanked
        // to spaces rather than cut off.
        let padded: String = file
            .text
            .as_bytes()
            .get(..fm.toml_offset)
            .unwrap_or_default()
            .iter()
            .map(|b| if *b == b'\n' { '\n' } else { ' ' })
            .chain(fm.toml.chars())
            .collect();
        parse_toml::<T>(&file, &padded, 0)?
    };
    let body_offset = fm.body_offset;
    Ok(MarkdownFile {
        file,
        front: Some(front),
        body_offset,
    })
}

/// Refuses a Markdown body whose rendering could take more than a render thread's share of the
/// memory budget ([`crate::budget::markdown_over`]).
fn within_budget(file: &SourceFile, body_len: usize) -> Result<(), Diagnostic> {
    match crate::budget::markdown_over(body_len) {
        None => Ok(()),
        Some(need) => Err(Diagnostic::error(
            &file.rel,
            "memory-budget",
            format!(
                "rendering this Markdown needs about {} MB, over a render thread's share of the build's memory budget ({} MB)",
                crate::budget::mb(need),
                crate::budget::mb(crate::budget::thread_share())
            ),
        )
        .with_hint("shorten the text, or split it; a brief or report is rarely over 100 KB")),
    }
}

fn load_campaign(
    root: &Path,
    dir: &Path,
    cache: Option<&LoadCache>,
    diags: &mut Diagnostics,
) -> LoadedCampaign {
    let dir_name = dir
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let rel_dir = rel_path(root, dir);
    let campaign_path = dir.join("campaign.toml");
    let campaign = if campaign_path.is_file()
        && admitted(root, &campaign_path, Role::Campaign, diags).is_some()
    {
        let (parsed, found) = reuse(cache, &campaign_path, || {
            match SourceFile::read(root, &campaign_path) {
                Ok(file) => match parse_toml::<RawCampaign>(&file, &file.text, 0) {
                    Ok(raw) => (
                        Some(Parsed {
                            file,
                            raw: Some(raw),
                        }),
                        None,
                    ),
                    Err(d) => (Some(Parsed { file, raw: None }), Some(d)),
                },
                Err(d) => (None, Some(d)),
            }
        });
        diags.extend(found);
        parsed
    } else if !campaign_path.is_file() {
        diags.push(Diagnostic::error(
            format!("{rel_dir}/campaign.toml"),
            "missing-file",
            "every campaign folder needs a campaign.toml",
        ));
        None
    } else {
        None
    };
    let brief_md = optional_text(root, &dir.join("brief.md"), diags);
    let brief_paths: Vec<_> = list_files(root, &dir.join("briefs"), Role::Campaign, diags)
        .into_iter()
        .filter(|p| has_ext(p, "md"))
        .collect();
    let briefs: Vec<_> = brief_paths
        .par_iter()
        .map(|p| reuse(cache, p, || read_markdown::<RawBrief>(root, p, true)))
        .collect();
    let mut brief_files = Vec::with_capacity(briefs.len());
    let mut broken_briefs = Vec::new();
    for (b, path) in briefs.into_iter().zip(&brief_paths) {
        match b {
            Ok(b) => brief_files.push(b),
            Err(d) => {
                diags.push(d);
                if let Some(stem) = path.file_stem() {
                    broken_briefs.push(stem.to_string_lossy().into_owned());
                }
            }
        }
    }
    let results_path = dir.join("results.csv");
    let results = if results_path.is_file()
        && admitted(root, &results_path, Role::Campaign, diags).is_some()
    {
        let (table, found) = reuse(cache, &results_path, || {
            let mut found = Diagnostics::new();
            let table = match SourceFile::read_limited(root, &results_path, source::MAX_CSV_BYTES) {
                Ok(file) => Some(results_csv::read_table(file, &mut found)),
                Err(d) => {
                    found.push(d);
                    None
                }
            };
            (table, found)
        });
        diags.extend(found);
        table
    } else {
        None
    };
    let optional_front = |name: &str, diags: &mut Diagnostics| {
        let path = dir.join(name);
        if path.is_file() && admitted(root, &path, Role::Campaign, diags).is_some() {
            reuse(cache, &path, || {
                read_markdown::<RawReport>(root, &path, false)
            })
            .map_err(|d| diags.push(d))
            .ok()
        } else {
            None
        }
    };
    let report = optional_front("report.md", diags);
    let plan = optional_front("plan.md", diags);
    LoadedCampaign {
        dir_name,
        rel_dir,
        campaign,
        brief_md,
        briefs: brief_files,
        broken_briefs,
        results,
        report,
        plan,
    }
}

fn optional_text(root: &Path, path: &Path, diags: &mut Diagnostics) -> Option<SourceFile> {
    if !path.is_file() {
        return None;
    }
    admitted(root, path, Role::Campaign, diags)?;
    SourceFile::read(root, path)
        .and_then(|f| within_budget(&f, f.text.len()).map(|()| f))
        .map_err(|d| diags.push(d))
        .ok()
}

fn load_assets(
    root: &Path,
    cache: Option<&LoadCache>,
    diags: &mut Diagnostics,
) -> Vec<LoadedAsset> {
    let base = root.join("content/assets");
    let files = list_files_recursive(root, &base, Role::Asset, diags);
    let asset_stems: std::collections::HashSet<PathBuf> = files
        .iter()
        .filter(|f| !has_ext(f, "toml"))
        .map(|f| f.with_extension(""))
        .collect();
    let is_sidecar_of = |toml: &Path| asset_stems.contains(&toml.with_extension(""));
    // Only files the walk admitted are read, sidecars included.
    let listed: std::collections::HashSet<&PathBuf> = files.iter().collect();
    let mut assets = Vec::new();
    for f in &files {
        if has_ext(f, "toml") {
            if !is_sidecar_of(f) {
                diags.push(
                    Diagnostic::error(rel_path(root, f), "orphan-sidecar", "sidecar has no asset beside it")
                        .with_hint("a sidecar `<name>.toml` describes the file `<name>.<ext>` in the same folder"),
                );
            }
            continue;
        }
        let sidecar_path = f.with_extension("toml");
        let sidecar = if listed.contains(&sidecar_path) {
            match reuse(cache, &sidecar_path, || {
                read_toml::<RawSidecar>(root, &sidecar_path)
            }) {
                Ok(p) => Some(p),
                Err(d) => {
                    diags.push(d);
                    SourceFile::read(root, &sidecar_path)
                        .ok()
                        .map(|file| Parsed { file, raw: None })
                }
            }
        } else {
            None
        };
        let size = std::fs::metadata(f).map(|m| m.len()).unwrap_or(0);
        assets.push(LoadedAsset {
            id: rel_path(&base, f),
            rel: rel_path(root, f),
            abs: f.clone(),
            size,
            sidecar,
        });
    }
    assets
}
