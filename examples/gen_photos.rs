//! Writes N photo-like JPEGs (1600×1200, smooth light with grain) into a folder, for the image
//! benchmark: `cargo run --release --example gen_photos -- DIR N`.

use image::{Rgb, RgbImage};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let dir = std::path::PathBuf::from(args.next().ok_or("usage: gen_photos DIR N")?);
    let n: u32 = args.next().ok_or("usage: gen_photos DIR N")?.parse()?;
    std::fs::create_dir_all(&dir)?;
    for i in 0..n {
        // A cheap deterministic grain (xorshift) over gradients that differ per photo.
        let mut s = 0x9E37_79B9u32 ^ i.wrapping_mul(0x85EB_CA6B);
        let img = RgbImage::from_fn(1600, 1200, |x, y| {
            s ^= s << 13;
            s ^= s >> 17;
            s ^= s << 5;
            let grain = (s % 24) as i32 - 12;
            let base = |a: u32, b: u32, k: u32| -> u8 {
                let v = ((a * (k + 3) + b * (i % 7 + 1)) / 16 % 200) as i32 + 30 + grain;
                v.clamp(0, 255) as u8
            };
            Rgb([base(x, y, 1), base(y, x, 2), base(x + y, i, 3)])
        });
        let mut out = std::fs::File::create(dir.join(format!("photo-{i:04}.jpg")))?;
        image::codecs::jpeg::JpegEncoder::new_with_quality(&mut out, 85).encode_image(&img)?;
    }
    Ok(())
}
