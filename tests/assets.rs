//! The asset library end to end: image files made here (orientation, GPS, animation,
//! transparency, broken files, a dimension bomb), the thumbnail cache observed through the image
//! stage's counters, rights status under a fixed today, and what each audience publishes.

use campsite::images::{self, ImageOptions, ImageRun};
use campsite::model::{Audience, Date};
use campsite::pipeline::{self, BuildHooks, BuildOptions, BuildReport};
use image::{GenericImageView, ImageDecoder, Rgb, RgbImage, Rgba, RgbaImage};
use std::fs;
use std::path::{Path, PathBuf};

const TODAY: &str = "2026-10-01";

/// A fresh portal with the demo's config, creators and campaigns but none of its assets.
fn portal(name: &str) -> PathBuf {
    let src = Path::new(env!("CARGO_MANIFEST_DIR"));
    let root = std::env::temp_dir().join(format!("campsite-assets-{name}-{}", std::process::id()));
    let _ = fs::remove_dir_all(&root);
    fs::create_dir_all(root.join("content/assets")).unwrap();
    fs::copy(src.join("portal.toml"), root.join("portal.toml")).unwrap();
    copy_dir(&src.join("static"), &root.join("static"));
    copy_dir(
        &src.join("content/creators"),
        &root.join("content/creators"),
    );
    copy_dir(
        &src.join("content/campaigns"),
        &root.join("content/campaigns"),
    );
    root
}

fn copy_dir(from: &Path, to: &Path) {
    fs::create_dir_all(to).unwrap();
    for e in fs::read_dir(from).unwrap() {
        let e = e.unwrap();
        let dest = to.join(e.file_name());
        if e.path().is_dir() {
            copy_dir(&e.path(), &dest);
        } else {
            fs::copy(e.path(), dest).unwrap();
        }
    }
}

fn put(root: &Path, rel: &str, bytes: &[u8]) {
    let p = root.join("content/assets").join(rel);
    fs::create_dir_all(p.parent().unwrap()).unwrap();
    fs::write(p, bytes).unwrap();
}

fn jpeg(img: &RgbImage) -> Vec<u8> {
    let mut out = Vec::new();
    image::codecs::jpeg::JpegEncoder::new_with_quality(&mut out, 90)
        .encode_image(img)
        .unwrap();
    out
}

fn png(img: &RgbaImage) -> Vec<u8> {
    let mut out = std::io::Cursor::new(Vec::new());
    img.write_to(&mut out, image::ImageFormat::Png).unwrap();
    out.into_inner()
}

/// A landscape photo-like gradient.
fn photo(w: u32, h: u32) -> RgbImage {
    RgbImage::from_fn(w, h, |x, y| {
        Rgb([
            (x * 255 / w) as u8,
            (y * 255 / h) as u8,
            ((x + y) % 256) as u8,
        ])
    })
}

/// A JPEG with a hand-written EXIF APP1 segment: orientation 6 (rotate 90° clockwise) and a
/// GPS IFD holding GPSVersionID.
fn jpeg_with_exif(img: &RgbImage) -> Vec<u8> {
    let mut tiff: Vec<u8> = b"II*\0".to_vec();
    tiff.extend_from_slice(&8u32.to_le_bytes());
    tiff.extend_from_slice(&2u16.to_le_bytes());
    // 0x0112 Orientation, SHORT, 1, value 6.
    tiff.extend_from_slice(&[0x12, 0x01, 3, 0, 1, 0, 0, 0, 6, 0, 0, 0]);
    // 0x8825 GPS IFD pointer, LONG, 1, offset 38.
    tiff.extend_from_slice(&[0x25, 0x88, 4, 0, 1, 0, 0, 0, 38, 0, 0, 0]);
    tiff.extend_from_slice(&0u32.to_le_bytes());
    assert_eq!(tiff.len(), 38);
    // GPS IFD: GPSVersionID (0x0000), BYTE, 4, 2.2.0.0.
    tiff.extend_from_slice(&1u16.to_le_bytes());
    tiff.extend_from_slice(&[0, 0, 1, 0, 4, 0, 0, 0, 2, 2, 0, 0]);
    tiff.extend_from_slice(&0u32.to_le_bytes());
    let mut app1 = vec![0xFF, 0xE1];
    let len = (2 + 6 + tiff.len()) as u16;
    app1.extend_from_slice(&len.to_be_bytes());
    app1.extend_from_slice(b"Exif\0\0");
    app1.extend_from_slice(&tiff);
    let plain = jpeg(img);
    let mut out = plain[..2].to_vec();
    out.extend_from_slice(&app1);
    out.extend_from_slice(&plain[2..]);
    out
}

/// Two frames: red, then blue.
fn animated_gif() -> Vec<u8> {
    let mut out = Vec::new();
    {
        let mut enc = image::codecs::gif::GifEncoder::new(&mut out);
        for c in [[255, 0, 0, 255], [0, 0, 255, 255]] {
            let frame = image::Frame::new(RgbaImage::from_pixel(60, 40, Rgba(c)));
            enc.encode_frame(frame).unwrap();
        }
    }
    out
}

fn crc32(data: &[u8]) -> u32 {
    let mut crc = 0xFFFF_FFFFu32;
    for b in data {
        crc ^= u32::from(*b);
        for _ in 0..8 {
            crc = if crc & 1 == 1 {
                (crc >> 1) ^ 0xEDB8_8320
            } else {
                crc >> 1
            };
        }
    }
    !crc
}

/// A PNG signature and a valid IHDR claiming 100000×100000 RGBA pixels, and nothing else.
fn png_bomb() -> Vec<u8> {
    let mut out = b"\x89PNG\r\n\x1a\n".to_vec();
    let mut chunk = b"IHDR".to_vec();
    chunk.extend_from_slice(&100_000u32.to_be_bytes());
    chunk.extend_from_slice(&100_000u32.to_be_bytes());
    chunk.extend_from_slice(&[8, 6, 0, 0, 0]);
    out.extend_from_slice(&13u32.to_be_bytes());
    out.extend_from_slice(&chunk);
    out.extend_from_slice(&crc32(&chunk).to_be_bytes());
    out
}

fn today() -> Date {
    Date::parse(TODAY).unwrap()
}

fn opts(root: &Path, audience: Audience) -> BuildOptions {
    let mut o = BuildOptions::new(root);
    o.audience = audience;
    o.today = Some(today());
    o.output = Some(root.join("public"));
    o
}

fn build(root: &Path, audience: Audience) -> BuildReport {
    match pipeline::build_with(&opts(root, audience), &BuildHooks::default()) {
        Ok(r) => r,
        Err(pipeline::PipelineError::Content(d)) => panic!("build failed:\n{}", d.to_human()),
        Err(e) => panic!("build failed: {e}"),
    }
}

/// Runs the image stage alone on a portal's assets.
fn run_images(root: &Path) -> ImageRun {
    let prepared = pipeline::prepare(&opts(root, Audience::Team)).unwrap();
    images::process(
        &prepared.portal.assets,
        &ImageOptions {
            cache_dir: images::cache_dir(root),
            settings: &prepared.portal.config.images,
            progress: None,
            budget: &campsite::budget::Budget::new(campsite::budget::BUILD_BUDGET),
        },
    )
}

fn read(root: &Path, rel: &str) -> String {
    fs::read_to_string(root.join("public").join(rel))
        .unwrap_or_else(|e| panic!("missing output {rel}: {e}"))
}

#[test]
fn orientation_is_applied_and_metadata_stripped() {
    let root = portal("orient");
    put(
        &root,
        "photos/rotated.jpg",
        &jpeg_with_exif(&photo(400, 200)),
    );
    let run = run_images(&root);
    let info = run.index.get("photos/rotated.jpg").expect("readable");
    assert_eq!(
        (info.width, info.height),
        (200, 400),
        "orientation 6 → portrait"
    );
    assert!(info.gps, "the GPS IFD of the original is noticed");
    assert_eq!(info.thumbs.len(), 1, "no thumbnail wider than the original");
    let t = &info.thumbs[0];
    assert_eq!((t.width, t.height), (200, 400));
    assert!(t.site_path.starts_with("thumbs/") && t.site_path.ends_with("-200.webp"));
    let bytes = fs::read(&t.file).unwrap();
    assert!(!bytes.windows(4).any(|w| w == b"Exif"), "no EXIF chunk");
    let mut dec = image::ImageReader::new(std::io::Cursor::new(&bytes))
        .with_guessed_format()
        .unwrap()
        .into_decoder()
        .unwrap();
    assert_eq!(dec.exif_metadata().unwrap(), None);
    assert_eq!(dec.dimensions(), (200, 400));

    // Published in the team build: the original's GPS is a warning naming the file.
    let report = build(&root, Audience::Team);
    let gps: Vec<_> = report
        .diags
        .iter()
        .filter(|d| d.rule == "image-gps")
        .collect();
    assert_eq!(gps.len(), 1);
    assert_eq!(gps[0].path, "content/assets/photos/rotated.jpg");
}

#[test]
fn animated_gif_gives_its_first_frame_and_alpha_survives() {
    let root = portal("gif");
    put(&root, "anim.gif", &animated_gif());
    let clear = RgbaImage::from_fn(80, 80, |x, _| {
        Rgba([10, 200, 10, if x < 40 { 0 } else { 255 }])
    });
    put(&root, "logo.png", &png(&clear));
    let run = run_images(&root);
    assert_eq!(run.stats.failed, 0, "{:?}", run.index);
    let gif = run.index.get("anim.gif").unwrap();
    let thumb = image::open(&gif.thumbs[0].file).unwrap().to_rgb8();
    let Rgb([r, _, b]) = *thumb.get_pixel(30, 20);
    assert!(r > 200 && b < 60, "first (red) frame, got r={r} b={b}");
    let logo = run.index.get("logo.png").unwrap();
    let thumb = image::open(&logo.thumbs[0].file).unwrap();
    assert!(thumb.color().has_alpha());
    assert!(thumb.get_pixel(5, 40).0[3] < 30, "transparent half kept");
    assert!(thumb.get_pixel(75, 40).0[3] > 220, "opaque half kept");
}

#[test]
fn broken_images_are_reported_by_name_and_everything_else_builds() {
    let root = portal("broken");
    let good = jpeg(&photo(700, 500));
    put(&root, "ok/good.jpg", &good);
    put(&root, "bad/truncated.jpg", &good[..good.len() / 2]);
    put(
        &root,
        "bad/corrupt.png",
        b"\x89PNG\r\n\x1a\nthis is not a png at all",
    );
    put(&root, "bad/bomb.png", &png_bomb());
    let report = build(&root, Audience::Team);
    let unreadable: Vec<(String, String)> = report
        .diags
        .iter()
        .filter(|d| d.rule == "image-unreadable")
        .map(|d| (d.path.clone(), d.message.clone()))
        .collect();
    let names: Vec<&str> = unreadable.iter().map(|(p, _)| p.as_str()).collect();
    assert_eq!(
        names,
        [
            "content/assets/bad/bomb.png",
            "content/assets/bad/corrupt.png",
            "content/assets/bad/truncated.jpg"
        ]
    );
    assert!(
        unreadable[0].1.contains("100000×100000"),
        "{}",
        unreadable[0].1
    );
    assert!(unreadable[2].1.contains("truncated"), "{}", unreadable[2].1);
    assert_eq!(report.images.failed, 3);
    assert_eq!(report.images.decoded, 1);
    // Every page is there; the broken ones show a placeholder, the good one its thumbnails.
    for id in ["bad/bomb.png", "bad/corrupt.png", "bad/truncated.jpg"] {
        let page = read(&root, &format!("team/assets/a/{id}/index.html"));
        assert!(page.contains("Preview unavailable"), "{id}");
    }
    let page = read(&root, "team/assets/a/ok/good.jpg/index.html");
    assert!(page.contains("-640.webp 640w"), "srcset over widths");
    assert!(page.contains("700 × 500 px"));
    let grid = read(&root, "team/assets/index.html");
    assert!(grid.contains("loading=\"lazy\"") && grid.contains("width=\"320\""));
    assert!(root.join("public/team/index.html").is_file());
}

#[test]
fn cached_images_are_not_decoded_and_one_change_redoes_one() {
    let root = portal("cache");
    for i in 0..4u32 {
        put(
            &root,
            &format!("p/{i}.jpg"),
            &jpeg(&photo(360 + i * 10, 240)),
        );
    }
    let first = build(&root, Audience::Team).images;
    assert_eq!((first.decoded, first.cached, first.failed), (4, 0, 0));
    let second = build(&root, Audience::Team).images;
    assert_eq!(
        (second.decoded, second.cached),
        (0, 4),
        "all from the cache"
    );
    put(&root, "p/2.jpg", &jpeg(&photo(500, 300)));
    let third = build(&root, Audience::Team).images;
    assert_eq!(
        (third.decoded, third.cached),
        (1, 3),
        "only the changed one"
    );
    assert_eq!(third.pruned, 2, "its old thumbnail and record are pruned");
    let cache = images::cache_dir(&root);
    let files = fs::read_dir(&cache).unwrap().count();
    // Four records, each with one 320-px thumbnail (every photo is under 640 px wide).
    assert_eq!(files, 4 * 2, "no stale entries in {}", cache.display());
    // Public build: the same cache serves it, nothing is decoded again.
    let public = build(&root, Audience::Public).images;
    assert_eq!(public.decoded, 0);
}

fn rights_sidecar(title: &str, rights: &str) -> String {
    format!(
        "title = \"{title}\"\nkind = \"creator-content\"\ntags = [\"fixture\"]\n\n[rights]\n{rights}\n"
    )
}

#[test]
fn rights_status_for_a_fixed_today_with_inheritance() {
    let root = portal("rights");
    let cases = [
        (
            "active",
            "channels = [\"paid-social\", \"email\"]\nstarts = 2026-01-01\nuntil = 2027-06-30",
        ),
        (
            "expiring",
            "channels = [\"paid-social\"]\nstarts = 2026-01-01\nuntil = 2026-10-20",
        ),
        (
            "expired",
            "channels = [\"paid-social\"]\nstarts = 2026-01-01\nuntil = 2026-09-01",
        ),
        (
            "pending",
            "channels = [\"paid-social\"]\nstarts = 2026-11-01\nperpetual = true",
        ),
    ];
    for (name, rights) in cases {
        put(&root, &format!("r/{name}.pdf"), b"%PDF-1.4 fixture");
        put(
            &root,
            &format!("r/{name}.toml"),
            rights_sidecar(name, rights).as_bytes(),
        );
    }
    put(&root, "r/unknown.pdf", b"%PDF-1.4 fixture");
    // Inherits Mia's glow-launch rights: organic, paid social, e-mail; go-live Sep 12 + 90 days.
    put(&root, "r/inherited.pdf", b"%PDF-1.4 fixture");
    put(
        &root,
        "r/inherited.toml",
        b"title = \"inherited\"\nkind = \"creator-content\"\ncreator = \"mia-chen\"\ncampaign = \"glow-launch\"\n\n[rights]\ninherit = true\n",
    );
    build(&root, Audience::Team);
    let json: serde_json::Value =
        serde_json::from_str(&read(&root, "team/assets/assets.json")).unwrap();
    let status = |id: &str| -> (String, serde_json::Value) {
        let a = json["assets"]
            .as_array()
            .unwrap()
            .iter()
            .find(|a| a["id"] == id)
            .unwrap_or_else(|| panic!("{id} in assets.json"));
        (
            a["rights"]["status"].as_str().unwrap().to_string(),
            a["rights"]["ends"].clone(),
        )
    };
    assert_eq!(status("r/active.pdf").0, "active");
    assert_eq!(status("r/expiring.pdf").0, "expiring");
    assert_eq!(status("r/expired.pdf").0, "expired");
    assert_eq!(status("r/pending.pdf").0, "pending");
    assert_eq!(status("r/unknown.pdf").0, "unknown");
    assert_eq!(
        status("r/inherited.pdf"),
        ("active".to_string(), serde_json::json!("2026-12-10"))
    );

    let paid = read(&root, "team/assets/usable/paid-social/index.html");
    for (id, listed) in [
        ("r/active.pdf", true),
        ("r/expiring.pdf", true),
        ("r/inherited.pdf", true),
        ("r/expired.pdf", false),
        ("r/pending.pdf", false),
        ("r/unknown.pdf", false),
    ] {
        assert_eq!(paid.contains(&format!("data-id=\"{id}\"")), listed, "{id}");
    }
    let email = read(&root, "team/assets/usable/email/index.html");
    assert!(email.contains("data-id=\"r/active.pdf\"") && !email.contains("r/expiring.pdf"));
    let down = read(&root, "team/assets/expired/index.html");
    assert!(down.contains("data-id=\"r/expired.pdf\"") && !down.contains("r/active.pdf"));
    let ics = read(&root, "team/assets/rights.ics");
    assert!(ics.contains("DTSTART;VALUE=DATE:20260901"), "{ics}");
    assert!(ics.contains("SUMMARY:Rights end: expired"));
    let csv = read(&root, "team/assets/assets.csv");
    assert!(csv.contains("r/expired.pdf,expired,creator-content"));
    assert!(read(&root, "team/assets/tags/fixture/index.html").contains("r/pending.pdf"));
}

#[test]
fn public_kit_shows_thumbnails_and_no_creator_content_or_rights() {
    let root = portal("public");
    put(&root, "brand/product.jpg", &jpeg(&photo(800, 600)));
    put(
        &root,
        "brand/product.toml",
        b"title = \"Product shot\"\nkind = \"brand-kit\"\n\n[rights]\nchannels = [\"website\"]\nstarts = 2026-01-01\nperpetual = true\n",
    );
    put(&root, "ugc/secret.jpg", &jpeg(&photo(500, 500)));
    put(
        &root,
        "ugc/secret.toml",
        b"title = \"Creator secret clip\"\nkind = \"creator-content\"\ncreator = \"mia-chen\"\ncampaign = \"glow-launch\"\n\n[rights]\ninherit = true\n",
    );
    build(&root, Audience::Public);
    let kit = read(&root, "kit/glow-launch/index.html");
    assert!(
        kit.contains("srcset=\"../../thumbs/"),
        "thumbnails on the kit page"
    );
    assert!(kit.contains("Product shot"));
    assert!(!kit.contains("Creator secret clip"));
    assert!(!kit.to_lowercase().contains("perpetual") && !kit.contains("rights-"));
    assert!(!root.join("public/team").exists());
    assert!(!root.join("public/media/ugc/secret.jpg").exists());
    let thumbs: Vec<_> = fs::read_dir(root.join("public/thumbs"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    // Only the product shot's two widths: 320 and 640 (1280 is wider than the original).
    assert_eq!(thumbs.len(), 2, "{thumbs:?}");
}
