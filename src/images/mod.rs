//! The image stage: decodes image assets (with limits), applies EXIF orientation and writes
//! metadata-free thumbnails into the portal's cache (`.campsite/cache/thumbs/`), in parallel.
//! It reads the asset files and writes only the cache; the output stage copies the thumbnails
//! a site uses. Library code: progress goes to a callback, never to the terminal.

pub mod inspect;

use crate::compute::thumbnail_plan::{self as plan, ThumbFormat};
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::model::{Asset, ImageSettings};
use image::{DynamicImage, GenericImageView, ImageDecoder, ImageReader};
use rayon::prelude::*;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet};
use std::io::{self, Cursor};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};

/// Largest width or height accepted (checked from the header, before any pixel is allocated).
pub const MAX_DIMENSION: u32 = 20_000;

/// Most memory a decoder may allocate for one image.
pub const MAX_ALLOC: u64 = 512 * 1024 * 1024;

/// The cache folder under a portal root.
pub fn cache_dir(root: &Path) -> PathBuf {
    root.join(".campsite").join("cache").join("thumbs")
}

/// How far the image work has got.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Progress {
    /// Images finished.
    pub done: usize,
    /// Images to decode in this run (cached ones are not counted).
    pub total: usize,
}

/// A progress callback; called from worker threads.
pub type ProgressFn = dyn Fn(Progress) + Sync;

/// What the stage needs.
pub struct ImageOptions<'a> {
    /// Where thumbnails are cached.
    pub cache_dir: PathBuf,
    /// Widths, format and quality.
    pub settings: &'a ImageSettings,
    /// Called after each decoded image, when there is decoding to do.
    pub progress: Option<&'a (dyn Fn(Progress) + Sync + 'a)>,
    /// The build's memory budget: each decode reserves its cost first ([`crate::budget`]).
    pub budget: &'a crate::budget::Budget,
}

/// One thumbnail of an image.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Thumb {
    /// Pixel width.
    pub width: u32,
    /// Pixel height.
    pub height: u32,
    /// Path in the site (`thumbs/<key>-<w>.<ext>`).
    pub site_path: String,
    /// The cached file.
    pub file: PathBuf,
}

/// What is known about a readable image.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImageInfo {
    /// Width after orientation.
    pub width: u32,
    /// Height after orientation.
    pub height: u32,
    /// The original carries EXIF GPS data.
    pub gps: bool,
    /// Thumbnails, narrowest first.
    pub thumbs: Vec<Thumb>,
}

/// The result for every image asset: info, or why it could not be read.
#[derive(Debug, Clone, Default)]
pub struct ImageIndex {
    /// By asset id.
    pub images: BTreeMap<String, Result<ImageInfo, String>>,
}

impl ImageIndex {
    /// The info of a readable image.
    pub fn get(&self, asset_id: &str) -> Option<&ImageInfo> {
        self.images.get(asset_id).and_then(|r| r.as_ref().ok())
    }

    /// True when the image was tried and could not be read.
    pub fn failed(&self, asset_id: &str) -> bool {
        matches!(self.images.get(asset_id), Some(Err(_)))
    }
}

/// Counts of what the stage did; `decoded` is zero when everything came from the cache.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ImageStats {
    /// Distinct images (by content and settings).
    pub images: usize,
    /// Images decoded and thumbnailed in this run.
    pub decoded: usize,
    /// Images served from the cache.
    pub cached: usize,
    /// Images that could not be read.
    pub failed: usize,
    /// Stale cache files removed.
    pub pruned: usize,
}

/// What a run returns.
#[derive(Debug, Default)]
pub struct ImageRun {
    /// Per-asset results.
    pub index: ImageIndex,
    /// Counters.
    pub stats: ImageStats,
    /// A warning per unreadable image, naming the file.
    pub diags: Diagnostics,
}

/// The cache's record of one image, written after its thumbnails.
#[derive(Debug, Clone, Serialize, Deserialize)]
struct CacheMeta {
    width: u32,
    height: u32,
    gps: bool,
    ext: String,
    widths: Vec<u32>,
}

enum Done {
    Cached(CacheMeta),
    Made(CacheMeta),
    Failed(String),
}

/// Thumbnails every image asset, from the cache where possible, and prunes cache entries no
/// image uses any more.
pub fn process(assets: &[Asset], opts: &ImageOptions<'_>) -> ImageRun {
    let images: Vec<&Asset> = assets.iter().filter(|a| a.is_image()).collect();
    let hashed: Vec<(&Asset, Result<String, String>)> = images
        .par_iter()
        .map(|a| {
            let key = std::fs::read(&a.abs)
                .map(|b| plan::cache_key(blake3::hash(&b).as_bytes(), opts.settings))
                .map_err(|e| format!("cannot read the file: {e}"));
            (*a, key)
        })
        .collect();
    let mut by_key: BTreeMap<String, &Asset> = BTreeMap::new();
    for (a, k) in &hashed {
        if let Ok(k) = k {
            by_key.entry(k.clone()).or_insert(a);
        }
    }
    let cached: BTreeMap<&str, CacheMeta> = by_key
        .keys()
        .filter_map(|k| cached_meta(&opts.cache_dir, k).map(|m| (k.as_str(), m)))
        .collect();
    let total = by_key.len() - cached.len();
    let done_count = AtomicUsize::new(0);
    let results: BTreeMap<&str, Done> = by_key
        .par_iter()
        .map(|(k, a)| {
            if let Some(m) = cached.get(k.as_str()) {
                return (k.as_str(), Done::Cached(m.clone()));
            }
            let r = make(a, k, opts);
            if let Some(cb) = opts.progress {
                let done = done_count.fetch_add(1, Ordering::Relaxed) + 1;
                cb(Progress { done, total });
            }
            (
                k.as_str(),
                match r {
                    Ok(m) => Done::Made(m),
                    Err(e) => Done::Failed(e),
                },
            )
        })
        .collect();

    let mut run = ImageRun::default();
    run.stats.images = by_key.len();
    for d in results.values() {
        match d {
            Done::Cached(_) => run.stats.cached += 1,
            Done::Made(_) => run.stats.decoded += 1,
            Done::Failed(_) => run.stats.failed += 1,
        }
    }
    for (a, k) in hashed {
        let entry = k.and_then(|k| match results.get(k.as_str()) {
            Some(Done::Cached(m) | Done::Made(m)) => Ok(info(&opts.cache_dir, &k, m)),
            Some(Done::Failed(e)) => Err(e.clone()),
            None => Err("not processed".to_string()),
        });
        if let Err(e) = &entry {
            run.diags.push(
                Diagnostic::warning(&a.rel, "image-unreadable", format!("image skipped: {e}"))
                    .with_hint("its pages show a placeholder; re-export the file to fix it"),
            );
        }
        run.index.images.insert(a.id.clone(), entry);
    }
    let used: BTreeSet<&str> = by_key.keys().map(String::as_str).collect();
    run.stats.pruned = prune(&opts.cache_dir, &used);
    run
}

fn info(dir: &Path, key: &str, m: &CacheMeta) -> ImageInfo {
    let format = format_of_ext(&m.ext);
    ImageInfo {
        width: m.width,
        height: m.height,
        gps: m.gps,
        thumbs: m
            .widths
            .iter()
            .map(|w| Thumb {
                width: *w,
                height: plan::scaled_height(m.width, m.height, *w),
                site_path: plan::thumb_site_path(key, *w, format),
                file: dir.join(plan::thumb_file_name(key, *w, format)),
            })
            .collect(),
    }
}

fn format_of_ext(ext: &str) -> ThumbFormat {
    match ext {
        "jpg" => ThumbFormat::Jpeg,
        "png" => ThumbFormat::Png,
        _ => ThumbFormat::Webp,
    }
}

/// The cache record of `key` when it and every thumbnail it names are present.
fn cached_meta(dir: &Path, key: &str) -> Option<CacheMeta> {
    let bytes = std::fs::read(dir.join(format!("{key}.json"))).ok()?;
    let m: CacheMeta = serde_json::from_slice(&bytes).ok()?;
    let format = format_of_ext(&m.ext);
    m.widths
        .iter()
        .all(|w| dir.join(plan::thumb_file_name(key, *w, format)).is_file())
        .then_some(m)
}

/// Removes cache files of keys not in `used` (and stray temporary files); returns how many.
fn prune(dir: &Path, used: &BTreeSet<&str>) -> usize {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return 0;
    };
    let mut removed = 0;
    for e in entries.flatten() {
        let name = e.file_name().to_string_lossy().into_owned();
        let keep = plan::key_of_cache_file(&name).is_some_and(|k| used.contains(k));
        if !keep && e.path().is_file() && std::fs::remove_file(e.path()).is_ok() {
            removed += 1;
        }
    }
    removed
}

/// Decodes one image and writes its thumbnails and record into the cache.
fn make(a: &Asset, key: &str, opts: &ImageOptions<'_>) -> Result<CacheMeta, String> {
    let bytes = std::fs::read(&a.abs).map_err(|e| format!("cannot read the file: {e}"))?;
    // Reserved from the header, before any pixel is allocated; held until the thumbnails are
    // written. An image over the whole budget is refused, never aborted on.
    // (A header over the size limit is refused by `decode` with its own message.)
    let (w, h) = claimed_size(&bytes)
        .filter(|(w, h)| *w <= MAX_DIMENSION && *h <= MAX_DIMENSION)
        .unwrap_or((0, 0));
    let _lease = opts
        .budget
        .reserve(crate::budget::image_cost(w, h))
        .map_err(|over| format!("the image is {w}×{h} pixels and was not decoded: {over}"))?;
    let (img, gps) = decode(&bytes)?;
    let (width, height) = img.dimensions();
    let format = plan::thumb_format(opts.settings, has_transparency(&img));
    let widths = plan::planned_widths(opts.settings, width);
    std::fs::create_dir_all(&opts.cache_dir)
        .map_err(|e| format!("cannot create the thumbnail cache: {e}"))?;
    // Largest first, each made from the previous one: cheaper than resizing the original again.
    let mut source = img;
    for w in widths.iter().rev() {
        let h = plan::scaled_height(width, height, *w);
        source = source.thumbnail_exact(*w, h);
        let data = encode(&source, format, opts.settings.quality)?;
        let path = opts.cache_dir.join(plan::thumb_file_name(key, *w, format));
        write_atomic(&path, &data).map_err(|e| format!("cannot write the thumbnail cache: {e}"))?;
    }
    let meta = CacheMeta {
        width,
        height,
        gps,
        ext: format.ext().to_string(),
        widths,
    };
    let json = serde_json::to_vec(&meta).map_err(|e| e.to_string())?;
    write_atomic(&opts.cache_dir.join(format!("{key}.json")), &json)
        .map_err(|e| format!("cannot write the thumbnail cache: {e}"))?;
    Ok(meta)
}

/// Decodes with limits, the first frame only, with EXIF orientation applied. Also says whether
/// the EXIF data carries a GPS block.
pub fn decode(bytes: &[u8]) -> Result<(DynamicImage, bool), String> {
    if inspect::is_jpeg(bytes) && !inspect::jpeg_complete(bytes) {
        return Err("the JPEG is truncated (it has no end-of-image marker)".to_string());
    }
    let mut reader = ImageReader::new(Cursor::new(bytes))
        .with_guessed_format()
        .map_err(|e| format!("cannot read the image: {e}"))?;
    let mut limits = image::Limits::default();
    limits.max_image_width = Some(MAX_DIMENSION);
    limits.max_image_height = Some(MAX_DIMENSION);
    limits.max_alloc = Some(MAX_ALLOC);
    reader.limits(limits);
    let mut decoder = reader.into_decoder().map_err(|e| match e {
        image::ImageError::Limits(_) => {
            claimed_size(bytes).map_or_else(|| describe(e), |(w, h)| too_large(w, h))
        }
        other => describe(other),
    })?;
    let (w, h) = decoder.dimensions();
    if w > MAX_DIMENSION || h > MAX_DIMENSION || decoder.total_bytes() > MAX_ALLOC {
        return Err(too_large(w, h));
    }
    if w == 0 || h == 0 {
        return Err("the image has no pixels".to_string());
    }
    let gps = decoder
        .exif_metadata()
        .ok()
        .flatten()
        .is_some_and(|e| inspect::exif_has_gps(&e));
    let orientation = decoder
        .orientation()
        .unwrap_or(image::metadata::Orientation::NoTransforms);
    let mut img = DynamicImage::from_decoder(decoder).map_err(describe)?;
    img.apply_orientation(orientation);
    Ok((img, gps))
}

/// The size a header claims, read without limits: header only, no pixel buffer is allocated.
fn claimed_size(bytes: &[u8]) -> Option<(u32, u32)> {
    let mut reader = ImageReader::new(Cursor::new(bytes))
        .with_guessed_format()
        .ok()?;
    reader.no_limits();
    reader
        .into_dimensions()
        .ok()
        .or_else(|| inspect::png_size(bytes))
}

fn too_large(w: u32, h: u32) -> String {
    format!(
        "the image claims {w}×{h} pixels, over the {MAX_DIMENSION}×{MAX_DIMENSION} limit; it was not decoded"
    )
}

fn describe(e: image::ImageError) -> String {
    match e {
        image::ImageError::Limits(_) => {
            format!(
                "the image is larger than the decoding limits ({MAX_DIMENSION}×{MAX_DIMENSION} pixels, {} MiB)",
                MAX_ALLOC / (1024 * 1024)
            )
        }
        image::ImageError::Unsupported(u) => format!("unsupported image: {u}"),
        other => format!("the image cannot be decoded: {other}"),
    }
}

fn has_transparency(img: &DynamicImage) -> bool {
    img.color().has_alpha() && img.to_rgba8().pixels().any(|p| p.0[3] < 255)
}

/// Encodes pixels only: no EXIF, XMP or ICC data is carried over.
fn encode(img: &DynamicImage, format: ThumbFormat, quality: u8) -> Result<Vec<u8>, String> {
    let q = quality.clamp(1, 100);
    match format {
        ThumbFormat::Webp => {
            let (w, h) = img.dimensions();
            let mem = if img.color().has_alpha() {
                let px = img.to_rgba8();
                webp::Encoder::from_rgba(px.as_raw(), w, h).encode_simple(false, f32::from(q))
            } else {
                let px = img.to_rgb8();
                webp::Encoder::from_rgb(px.as_raw(), w, h).encode_simple(false, f32::from(q))
            };
            mem.map(|m| m.to_vec())
                .map_err(|e| format!("cannot encode WebP: {e:?}"))
        }
        ThumbFormat::Jpeg => {
            let mut out = Vec::new();
            let px = img.to_rgb8();
            image::codecs::jpeg::JpegEncoder::new_with_quality(&mut out, q)
                .encode_image(&px)
                .map_err(|e| format!("cannot encode JPEG: {e}"))?;
            Ok(out)
        }
        ThumbFormat::Png => {
            let mut out = Cursor::new(Vec::new());
            img.write_to(&mut out, image::ImageFormat::Png)
                .map_err(|e| format!("cannot encode PNG: {e}"))?;
            Ok(out.into_inner())
        }
    }
}

/// Writes a file through a temporary name in the same folder and a rename, so a reader never
/// sees half a file.
fn write_atomic(path: &Path, bytes: &[u8]) -> io::Result<()> {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let tmp = path.with_file_name(format!(".{name}.{}.tmp", std::process::id()));
    std::fs::write(&tmp, bytes)?;
    std::fs::rename(&tmp, path).inspect_err(|_| {
        let _ = std::fs::remove_file(&tmp);
    })
}
