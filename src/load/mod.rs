//! Load: the only reader of a portal's files. Disk → raw records, every problem a diagnostic.

pub mod logo;
pub mod raw;
pub mod results_csv;
pub mod source;
pub mod theme;
pub mod toml_file;

use crate::diagnostics::{Diagnostic, Diagnostics};
use raw::*;
use rayon::prelude::*;
use source::{SourceFile, rel_path};
use std::path::{Path, PathBuf};
use toml_file::{parse_toml, split_front_matter};

/// A parsed TOML file: its source and its raw record (`None` when it did not parse).
#[derive(Debug)]
pub struct Parsed<T> {
    /// The file.
    pub file: SourceFile,
    /// The record, when the file parsed.
    pub raw: Option<T>,
}

/// A Markdown file with optional front matter.
#[derive(Debug)]
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

/// Everything read from a portal.
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
    /// The campaigns, sorted by folder name.
    pub campaigns: Vec<LoadedCampaign>,
    /// The assets, sorted by id.
    pub assets: Vec<LoadedAsset>,
    /// Templates and static files, theme first, then the portal's overrides.
    pub theme: theme::ThemeFiles,
    /// The brand logo's intrinsic width and height, when it is a readable static file.
    pub logo_size: Option<(u32, u32)>,
}

/// Reads a whole portal. Problems are collected in `diags`; loading goes on past them.
pub fn load(root: &Path, diags: &mut Diagnostics) -> Result<Loaded, Diagnostic> {
    let portal_path = root.join("portal.toml");
    if !portal_path.is_file() {
        return Err(Diagnostic::error(
            "portal.toml",
            "io",
            format!("no portal.toml in {}", root.display()),
        )
        .with_hint("run `campsite init DIR` to start a portal, or pass `--root DIR`"));
    }
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
        .and_then(|l| logo::logo_size(&theme, l.get_ref()));

    let creator_files = list_files(root, &root.join("content/creators"), diags)
        .into_iter()
        .filter(|p| has_ext(p, "toml"))
        .collect::<Vec<_>>();
    let creators: Vec<_> = creator_files
        .par_iter()
        .map(|p| read_toml::<RawCreator>(root, p))
        .collect();
    let broken_creators = creator_files
        .iter()
        .zip(&creators)
        .filter(|(_, r)| r.is_err())
        .filter_map(|(p, _)| p.file_stem().map(|s| s.to_string_lossy().into_owned()))
        .collect();
    let creators = collect_parsed(creators, diags);

    let campaigns_dir = root.join("content/campaigns");
    let mut campaign_dirs = subdirs(&campaigns_dir);
    campaign_dirs.sort();
    let loaded: Vec<(LoadedCampaign, Diagnostics)> = campaign_dirs
        .par_iter()
        .map(|dir| {
            let mut found = Diagnostics::new();
            (load_campaign(root, dir, &mut found), found)
        })
        .collect();
    let mut campaigns = Vec::with_capacity(loaded.len());
    for (c, found) in loaded {
        diags.extend(found);
        campaigns.push(c);
    }

    let assets = load_assets(root, diags);

    Ok(Loaded {
        root: root.to_path_buf(),
        portal,
        creators,
        broken_creators,
        campaigns,
        assets,
        theme,
        logo_size,
    })
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
    let front = if fm.toml.is_empty() && !front_required && fm.toml_offset == 0 {
        T::default()
    } else {
        parse_toml::<T>(&file, fm.toml, fm.toml_offset)?
    };
    let body_offset = fm.body_offset;
    Ok(MarkdownFile {
        file,
        front: Some(front),
        body_offset,
    })
}

fn load_campaign(root: &Path, dir: &Path, diags: &mut Diagnostics) -> LoadedCampaign {
    let dir_name = dir
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let rel_dir = rel_path(root, dir);
    let campaign_path = dir.join("campaign.toml");
    let campaign = if campaign_path.is_file() {
        match SourceFile::read(root, &campaign_path) {
            Ok(file) => {
                let raw = parse_toml::<RawCampaign>(&file, &file.text, 0)
                    .map_err(|d| diags.push(d))
                    .ok();
                Some(Parsed { file, raw })
            }
            Err(d) => {
                diags.push(d);
                None
            }
        }
    } else {
        diags.push(Diagnostic::error(
            format!("{rel_dir}/campaign.toml"),
            "missing-file",
            "every campaign folder needs a campaign.toml",
        ));
        None
    };
    let brief_md = optional_text(root, &dir.join("brief.md"), diags);
    let brief_paths: Vec<_> = list_files(root, &dir.join("briefs"), diags)
        .into_iter()
        .filter(|p| has_ext(p, "md"))
        .collect();
    let briefs: Vec<_> = brief_paths
        .par_iter()
        .map(|p| read_markdown::<RawBrief>(root, p, true))
        .collect();
    let mut brief_files = Vec::with_capacity(briefs.len());
    for b in briefs {
        match b {
            Ok(b) => brief_files.push(b),
            Err(d) => diags.push(d),
        }
    }
    let results_path = dir.join("results.csv");
    let results = if results_path.is_file() {
        match SourceFile::read_limited(root, &results_path, source::MAX_CSV_BYTES) {
            Ok(file) => Some(results_csv::read_table(file, diags)),
            Err(d) => {
                diags.push(d);
                None
            }
        }
    } else {
        None
    };
    let optional_front = |name: &str, diags: &mut Diagnostics| {
        let path = dir.join(name);
        if path.is_file() {
            read_markdown::<RawReport>(root, &path, false)
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
        results,
        report,
        plan,
    }
}

fn optional_text(root: &Path, path: &Path, diags: &mut Diagnostics) -> Option<SourceFile> {
    if !path.is_file() {
        return None;
    }
    SourceFile::read(root, path).map_err(|d| diags.push(d)).ok()
}

fn load_assets(root: &Path, diags: &mut Diagnostics) -> Vec<LoadedAsset> {
    let base = root.join("content/assets");
    let files = list_files_recursive(root, &base, diags);
    let asset_stems: std::collections::HashSet<PathBuf> = files
        .iter()
        .filter(|f| !has_ext(f, "toml"))
        .map(|f| f.with_extension(""))
        .collect();
    let is_sidecar_of = |toml: &Path| asset_stems.contains(&toml.with_extension(""));
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
        let sidecar = if sidecar_path.is_file() {
            match read_toml::<RawSidecar>(root, &sidecar_path) {
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

fn has_ext(p: &Path, ext: &str) -> bool {
    p.extension()
        .is_some_and(|e| e.to_string_lossy().eq_ignore_ascii_case(ext))
}

fn subdirs(dir: &Path) -> Vec<PathBuf> {
    std::fs::read_dir(dir)
        .map(|rd| {
            rd.filter_map(Result::ok)
                .map(|e| e.path())
                .filter(|p| p.is_dir() && !is_hidden(p))
                .collect()
        })
        .unwrap_or_default()
}

fn is_hidden(p: &Path) -> bool {
    p.file_name()
        .is_some_and(|n| n.to_string_lossy().starts_with('.'))
}

/// Editor leftovers that are never content.
pub fn is_editor_junk(p: &Path) -> bool {
    let name = p
        .file_name()
        .map(|n| n.to_string_lossy())
        .unwrap_or_default();
    name.starts_with('.')
        || name.ends_with('~')
        || name.ends_with(".swp")
        || name.ends_with(".swx")
        || name.ends_with(".tmp")
        || name.starts_with('#')
}

/// The regular files directly in `dir`, sorted; hidden and editor files skipped.
fn list_files(root: &Path, dir: &Path, diags: &mut Diagnostics) -> Vec<PathBuf> {
    let mut out: Vec<PathBuf> = walk(root, dir, Some(1), diags);
    out.sort();
    out
}

/// The regular files below `dir`, sorted.
fn list_files_recursive(root: &Path, dir: &Path, diags: &mut Diagnostics) -> Vec<PathBuf> {
    let mut out = walk(root, dir, None, diags);
    out.sort();
    out
}

/// Walks `dir` without following symlinks out of the portal: a symlink to a file inside the
/// portal is read, one leading outside (or a loop) is an error naming it.
pub fn walk(
    root: &Path,
    dir: &Path,
    depth: Option<usize>,
    diags: &mut Diagnostics,
) -> Vec<PathBuf> {
    if !dir.is_dir() {
        return Vec::new();
    }
    let canonical_root = root.canonicalize().unwrap_or_else(|_| root.to_path_buf());
    let mut wd = walkdir::WalkDir::new(dir)
        .follow_links(false)
        .sort_by_file_name();
    if let Some(d) = depth {
        wd = wd.max_depth(d);
    }
    let mut out = Vec::new();
    for entry in wd
        .into_iter()
        .filter_entry(|e| e.depth() == 0 || !is_editor_junk(e.path()))
    {
        let entry = match entry {
            Ok(e) => e,
            Err(e) => {
                let path = e.path().map(|p| rel_path(root, p)).unwrap_or_default();
                diags.push(Diagnostic::error(path, "io", format!("cannot read: {e}")));
                continue;
            }
        };
        let path = entry.path();
        if entry.path_is_symlink() {
            match path.canonicalize() {
                Ok(target) if target.starts_with(&canonical_root) => {
                    if target.is_file() {
                        out.push(path.to_path_buf());
                    } else {
                        diags.push(Diagnostic::warning(
                            rel_path(root, path),
                            "symlink",
                            "symlinked folders are not followed",
                        ));
                    }
                }
                Ok(_) => diags.push(
                    Diagnostic::error(
                        rel_path(root, path),
                        "symlink",
                        "symlink points outside the portal",
                    )
                    .with_hint("copy the file into the portal instead of linking to it"),
                ),
                Err(_) => diags.push(Diagnostic::error(
                    rel_path(root, path),
                    "symlink",
                    "symlink is broken or loops",
                )),
            }
            continue;
        }
        if entry.file_type().is_file() {
            out.push(path.to_path_buf());
        }
    }
    out
}
