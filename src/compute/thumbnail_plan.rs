//! The thumbnail plan: cache keys, output paths and widths for an image. Pure: the bytes'
//! hash and the original's size are handed in by the image stage (`crate::images`).

use crate::model::{ImageFormat, ImageSettings};

/// Bumped whenever the pipeline's output for the same input changes (decoder, resizing filter,
/// encoder, orientation rules), so old cache entries are never reused.
pub const PIPELINE_VERSION: u32 = 2;

/// Length of the hex key used in file names (128 bits).
const KEY_HEX_LEN: usize = 32;

/// The file type a thumbnail is written as.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ThumbFormat {
    /// WebP, lossy (libwebp) at the configured quality; keeps transparency.
    Webp,
    /// JPEG at the configured quality.
    Jpeg,
    /// PNG: the fallback for transparent images when JPEG is configured (JPEG has no alpha).
    Png,
}

impl ThumbFormat {
    /// The file extension.
    pub fn ext(self) -> &'static str {
        match self {
            ThumbFormat::Webp => "webp",
            ThumbFormat::Jpeg => "jpg",
            ThumbFormat::Png => "png",
        }
    }
}

/// The thumbnail format for an image: as configured, except that a transparent image under a
/// JPEG setting becomes PNG so its transparency survives.
pub fn thumb_format(settings: &ImageSettings, has_alpha: bool) -> ThumbFormat {
    match settings.format {
        ImageFormat::Webp => ThumbFormat::Webp,
        ImageFormat::Jpeg if has_alpha => ThumbFormat::Png,
        ImageFormat::Jpeg => ThumbFormat::Jpeg,
    }
}

/// The cache key of an image: blake3 of the pipeline version, the file's content hash and the
/// settings, as hex. Stable across Rust releases and machines.
pub fn cache_key(content_hash: &[u8; 32], settings: &ImageSettings) -> String {
    let mut h = blake3::Hasher::new();
    h.update(b"campsite-thumbs\0");
    h.update(&PIPELINE_VERSION.to_le_bytes());
    h.update(content_hash);
    h.update(settings.format.as_str().as_bytes());
    h.update(&[0, settings.quality]);
    for w in &settings.widths {
        h.update(&w.to_le_bytes());
    }
    let hex = h.finalize().to_hex();
    hex.as_str().chars().take(KEY_HEX_LEN).collect()
}

/// The widths to make for an original `original_width` pixels wide: every configured width not
/// larger than the original; an original narrower than all of them gets one at its own width.
pub fn planned_widths(settings: &ImageSettings, original_width: u32) -> Vec<u32> {
    let mut ws: Vec<u32> = settings
        .widths
        .iter()
        .copied()
        .filter(|w| *w > 0 && *w <= original_width)
        .collect();
    ws.sort_unstable();
    ws.dedup();
    if ws.is_empty() && original_width > 0 {
        ws.push(original_width);
    }
    ws
}

/// The height of a thumbnail `width` wide of a `w`×`h` original, rounded, at least 1.
pub fn scaled_height(w: u32, h: u32, width: u32) -> u32 {
    if w == 0 {
        return 1;
    }
    let scaled = (u64::from(h) * u64::from(width) + u64::from(w) / 2) / u64::from(w);
    u32::try_from(scaled.max(1)).unwrap_or(u32::MAX)
}

/// File name of a thumbnail, in the cache and under `thumbs/` in the site.
pub fn thumb_file_name(key: &str, width: u32, format: ThumbFormat) -> String {
    format!("{key}-{width}.{}", format.ext())
}

/// Site path of a thumbnail: `thumbs/<key>-<width>.<ext>`.
pub fn thumb_site_path(key: &str, width: u32, format: ThumbFormat) -> String {
    format!("thumbs/{}", thumb_file_name(key, width, format))
}

/// The key a cache file name belongs to (`<key>-<w>.<ext>` or `<key>.json`), if it is one.
pub fn key_of_cache_file(name: &str) -> Option<&str> {
    let key = name.get(..KEY_HEX_LEN)?;
    let rest = name.get(KEY_HEX_LEN..)?;
    let ok = key.bytes().all(|b| b.is_ascii_hexdigit())
        && (rest.starts_with('-') || rest.starts_with('.'));
    ok.then_some(key)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn settings(widths: &[u32]) -> ImageSettings {
        ImageSettings {
            widths: widths.to_vec(),
            format: ImageFormat::Webp,
            quality: 80,
        }
    }

    #[test]
    fn widths_never_exceed_the_original() {
        let s = settings(&[320, 640, 1280]);
        assert_eq!(planned_widths(&s, 1600), vec![320, 640, 1280]);
        assert_eq!(planned_widths(&s, 700), vec![320, 640]);
        assert_eq!(planned_widths(&s, 200), vec![200]);
        assert_eq!(scaled_height(1600, 1200, 640), 480);
        assert_eq!(scaled_height(1000, 1, 10), 1);
    }

    #[test]
    fn keys_change_with_bytes_and_settings_only() {
        let a = [1u8; 32];
        let b = [2u8; 32];
        let s = settings(&[320, 640]);
        let k = cache_key(&a, &s);
        assert_eq!(k.len(), 32);
        assert_eq!(k, cache_key(&a, &s));
        assert_ne!(k, cache_key(&b, &s));
        let mut q = s.clone();
        q.quality = 70;
        assert_ne!(k, cache_key(&a, &q));
        assert_ne!(k, cache_key(&a, &settings(&[320])));
        assert_eq!(
            key_of_cache_file(&format!("{k}-320.webp")),
            Some(k.as_str())
        );
        assert_eq!(key_of_cache_file(&format!("{k}.json")), Some(k.as_str()));
        assert_eq!(key_of_cache_file("notes.txt"), None);
    }

    #[test]
    fn jpeg_keeps_transparency_as_png() {
        let mut s = settings(&[320]);
        s.format = ImageFormat::Jpeg;
        assert_eq!(thumb_format(&s, true), ThumbFormat::Png);
        assert_eq!(thumb_format(&s, false), ThumbFormat::Jpeg);
        assert_eq!(
            thumb_site_path("ab", 320, ThumbFormat::Jpeg),
            "thumbs/ab-320.jpg"
        );
    }
}
