//! The brand logo's intrinsic size, read once at load time so the header can reserve its box
//! (width and height attributes in the logo's own aspect ratio: no layout shift, no squeezing).

use super::theme::{StaticSource, ThemeFiles};
use std::io::Cursor;

/// Width and height of the logo at `logo` (as written in `portal.toml`, `static/` prefix
/// optional), or `None` when it is not a static file or its size cannot be read. A bad logo is
/// reported by validation; here it only goes without a size.
pub fn logo_size(
    theme: &ThemeFiles,
    logo: &str,
    cache: Option<&super::cache::LoadCache>,
) -> Option<(u32, u32)> {
    let v = logo.trim_start_matches('/');
    let served = v.strip_prefix("static/").unwrap_or(v);
    let svg = served.to_ascii_lowercase().ends_with(".svg");
    match theme.static_files.get(served)? {
        StaticSource::Embedded(b) if svg => svg_size(std::str::from_utf8(b).ok()?),
        StaticSource::Embedded(b) => image::ImageReader::new(Cursor::new(*b))
            .with_guessed_format()
            .ok()?
            .into_dimensions()
            .ok(),
        // A file of the portal: read again only when it changed (`serve`).
        StaticSource::Disk(p) => super::cache::reuse(cache, p, || disk_size(p, svg)),
    }
}

fn disk_size(p: &std::path::Path, svg: bool) -> Option<(u32, u32)> {
    if svg {
        if std::fs::metadata(p).ok()?.len() > MAX_SVG_BYTES {
            return None;
        }
        return svg_size(&std::fs::read_to_string(p).ok()?);
    }
    // Only the header is read.
    image::ImageReader::open(p)
        .ok()?
        .with_guessed_format()
        .ok()?
        .into_dimensions()
        .ok()
}

/// Largest SVG logo whose size is read (a logo is a few kilobytes; this bounds the parse).
const MAX_SVG_BYTES: u64 = 1024 * 1024;

/// An SVG's size: its root's `width` and `height` in px (or unitless), else its `viewBox`.
fn svg_size(text: &str) -> Option<(u32, u32)> {
    let doc = roxmltree::Document::parse(text).ok()?;
    let root = doc.root_element();
    let px = |name: &str| {
        let v = root.attribute(name)?.trim();
        let v = v.strip_suffix("px").unwrap_or(v);
        v.parse::<f64>().ok().filter(|n| n.is_finite() && *n > 0.0)
    };
    let (w, h) = match (px("width"), px("height")) {
        (Some(w), Some(h)) => (w, h),
        _ => {
            let vb: Vec<f64> = root
                .attribute("viewBox")?
                .split(|c: char| c == ',' || c.is_whitespace())
                .filter(|s| !s.is_empty())
                .filter_map(|s| s.parse().ok())
                .collect();
            match vb[..] {
                [_, _, w, h] if w > 0.0 && h > 0.0 => (w, h),
                _ => return None,
            }
        }
    };
    Some((w.round().max(1.0) as u32, h.round().max(1.0) as u32))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn svg_sizes_come_from_width_and_height_else_the_view_box() {
        let sized = r#"<svg xmlns="http://www.w3.org/2000/svg" width="240" height="64px" viewBox="0 0 10 10"/>"#;
        assert_eq!(svg_size(sized), Some((240, 64)));
        let boxed =
            r#"<svg xmlns="http://www.w3.org/2000/svg" width="100%" viewBox="0,0 120.4 30"/>"#;
        assert_eq!(svg_size(boxed), Some((120, 30)));
        assert_eq!(
            svg_size(r#"<svg xmlns="http://www.w3.org/2000/svg"/>"#),
            None
        );
        assert_eq!(svg_size("not xml"), None);
    }

    #[test]
    fn raster_and_missing_logos() {
        let mut png = Vec::new();
        image::RgbaImage::new(48, 16)
            .write_to(&mut Cursor::new(&mut png), image::ImageFormat::Png)
            .expect("encode a png");
        let leaked: &'static [u8] = Box::leak(png.into_boxed_slice());
        let mut theme = ThemeFiles::default();
        theme
            .static_files
            .insert("brand/wordmark.png".into(), StaticSource::Embedded(leaked));
        assert_eq!(
            logo_size(&theme, "static/brand/wordmark.png", None),
            Some((48, 16))
        );
        assert_eq!(logo_size(&theme, "static/none.png", None), None);
    }
}
