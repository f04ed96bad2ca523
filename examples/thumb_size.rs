//! Prints the size of a 640-px-wide thumbnail of a photo in each candidate encoding, to back
//! the encoder choice in ARCHITECTURE.md: `cargo run --release --example thumb_size -- photo.jpg`.

use image::GenericImageView;
use std::io::Cursor;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let path = std::env::args().nth(1).ok_or("usage: thumb_size PHOTO")?;
    let img = image::open(&path)?;
    let (w, h) = img.dimensions();
    let t = img.thumbnail_exact(640, (u64::from(h) * 640 / u64::from(w)) as u32);
    let rgb = t.to_rgb8();
    let mut lossless = Cursor::new(Vec::new());
    t.write_to(&mut lossless, image::ImageFormat::WebP)?;
    let lossy = webp::Encoder::from_rgb(rgb.as_raw(), rgb.width(), rgb.height())
        .encode_simple(false, 80.0)
        .map_err(|e| format!("{e:?}"))?;
    let mut jpeg = Vec::new();
    image::codecs::jpeg::JpegEncoder::new_with_quality(&mut jpeg, 80).encode_image(&rgb)?;
    println!("{path}: {w}x{h} -> 640x{}", t.height());
    println!(
        "  webp lossless (image crate): {:>7} bytes",
        lossless.get_ref().len()
    );
    println!("  webp lossy q80 (libwebp):    {:>7} bytes", lossy.len());
    println!("  jpeg q80 (image crate):      {:>7} bytes", jpeg.len());
    Ok(())
}
