//! Scaffolding: `campsite init` (a small working portal) and `campsite new` (one file). Files
//! come from the theme's `starters/`; images are drawn here so the sample needs no binary files
//! in the theme.

pub mod new;

use crate::load::theme::embedded_theme;
use image::{ImageBuffer, Rgb, Rgba};
use std::path::{Path, PathBuf};

/// Why scaffolding failed.
#[derive(Debug, thiserror::Error)]
pub enum ScaffoldError {
    /// The target exists and must not be overwritten.
    #[error("{0} already exists and is not empty; choose a new folder")]
    NotEmpty(PathBuf),
    /// A file exists already.
    #[error("{0} already exists; campsite does not overwrite files")]
    Exists(PathBuf),
    /// An id that is not a valid handle or slug.
    #[error(
        "`{value}` is not a valid {what}: use 1–64 lowercase letters, digits and `-` (e.g. `glow-launch`, `mia-chen`)"
    )]
    InvalidId {
        /// "campaign slug" or "creator handle".
        what: &'static str,
        /// What was given.
        value: String,
    },
    /// No `portal.toml` where one is needed.
    #[error("no portal.toml in {0}; run `campsite init DIR` first, or pass --root")]
    NotAPortal(PathBuf),
    /// `new brief` names a campaign that does not exist.
    #[error(
        "no campaign `{0}` (content/campaigns/{0}/campaign.toml); create it with `campsite new campaign {0}`"
    )]
    MissingCampaign(String),
    /// `new brief` names a creator who is not in the roster.
    #[error(
        "no creator `{0}` in the roster (content/creators/{0}.toml); add them with `campsite new creator {0}`"
    )]
    MissingCreator(String),
    /// A starter is missing from the theme.
    #[error("the theme has no starter `{0}`")]
    MissingStarter(String),
    /// A file system error.
    #[error("cannot write {path}: {source}")]
    Io {
        /// Where.
        path: PathBuf,
        /// What.
        source: std::io::Error,
    },
    /// An image could not be encoded.
    #[error("cannot write image {0}")]
    Image(PathBuf),
}

/// A fresh random link secret: 32 bytes, base32.
pub fn random_secret() -> String {
    let mut buf = [0u8; 32];
    if getrandom::fill(&mut buf).is_err() {
        // No OS randomness: fall back to hashing the time and process id (still unique per portal).
        let seed = format!("{:?}{}", std::time::SystemTime::now(), std::process::id());
        buf = *blake3::hash(seed.as_bytes()).as_bytes();
    }
    data_encoding::BASE32_NOPAD.encode(&buf).to_lowercase()
}

fn write_new(path: &Path, bytes: &[u8]) -> Result<(), ScaffoldError> {
    use std::io::Write;
    if path.exists() {
        return Err(ScaffoldError::Exists(path.to_path_buf()));
    }
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent).map_err(|source| ScaffoldError::Io {
            path: parent.to_path_buf(),
            source,
        })?;
    }
    // `create_new` refuses a file that appeared since the check above.
    let mut file = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(path)
        .map_err(|source| match source.kind() {
            std::io::ErrorKind::AlreadyExists => ScaffoldError::Exists(path.to_path_buf()),
            _ => ScaffoldError::Io {
                path: path.to_path_buf(),
                source,
            },
        })?;
    file.write_all(bytes).map_err(|source| ScaffoldError::Io {
        path: path.to_path_buf(),
        source,
    })
}

/// Writes the sample portal into `dir`, which must be absent or empty.
pub fn init(dir: &Path) -> Result<Vec<PathBuf>, ScaffoldError> {
    if dir.exists() {
        let empty = std::fs::read_dir(dir)
            .map(|mut d| d.next().is_none())
            .unwrap_or(false);
        if !dir.is_dir() || !empty {
            return Err(ScaffoldError::NotEmpty(dir.to_path_buf()));
        }
    }
    let theme = embedded_theme();
    let starter = |name: &str| -> Result<String, ScaffoldError> {
        theme
            .starters
            .get(&format!("init/{name}"))
            .cloned()
            .ok_or_else(|| ScaffoldError::MissingStarter(name.to_string()))
    };
    let camp = "content/campaigns/hydra-launch";
    let files: Vec<(String, String)> = vec![
        (
            "portal.toml".into(),
            starter("portal.toml")?.replace("{{secret}}", &random_secret()),
        ),
        ("static/logo.svg".into(), starter("logo.svg")?),
        (
            "content/creators/ana-lima.toml".into(),
            starter("creator-ana.toml")?,
        ),
        (
            "content/creators/ben-okoro.toml".into(),
            starter("creator-ben.toml")?,
        ),
        (format!("{camp}/campaign.toml"), starter("campaign.toml")?),
        (format!("{camp}/brief.md"), starter("brief.md")?),
        (
            format!("{camp}/briefs/ana-lima.md"),
            starter("brief-ana.md")?,
        ),
        (
            format!("{camp}/briefs/ben-okoro.md"),
            starter("brief-ben.md")?,
        ),
        (format!("{camp}/results.csv"), starter("results.csv")?),
        (format!("{camp}/report.md"), starter("report.md")?),
        (
            "content/assets/brand/hydra-gel.toml".into(),
            starter("asset-product.toml")?,
        ),
        (
            "content/assets/creator-content/ana-texture.toml".into(),
            starter("asset-ana.toml")?,
        ),
        (
            "content/playbook/outreach.md".into(),
            starter("playbook-outreach.md")?,
        ),
        (
            "content/playbook/clauses.md".into(),
            starter("playbook-clauses.md")?,
        ),
        (".gitignore".into(), "/public/\n/.campsite/cache/\n".into()),
    ];
    let mut written = Vec::new();
    for (rel, text) in files {
        let p = dir.join(&rel);
        write_new(&p, text.as_bytes())?;
        written.push(p);
    }
    let product = dir.join("content/assets/brand/hydra-gel.jpg");
    draw_photo(&product, (1200, 900), [47, 111, 94])?;
    written.push(product);
    let texture = dir.join("content/assets/creator-content/ana-texture.jpg");
    draw_photo(&texture, (900, 1200), [196, 150, 120])?;
    written.push(texture);
    let logo = dir.join("content/assets/brand/logo.png");
    draw_logo(&logo)?;
    let logo_sidecar = dir.join("content/assets/brand/logo.toml");
    write_new(
        &logo_sidecar,
        b"title = \"Acme logo\"\nkind = \"brand-kit\"\ntags = [\"logo\"]\n\n[rights]\nchannels = [\"organic-repost\", \"paid-social\", \"email\", \"website\"]\nstarts = 2026-01-01\nperpetual = true\n",
    )?;
    written.push(logo);
    written.push(logo_sidecar);
    Ok(written)
}

/// A soft gradient "photo" with a highlight, written as a new JPEG file.
fn draw_photo(path: &Path, size: (u32, u32), base: [u8; 3]) -> Result<(), ScaffoldError> {
    let (w, h) = size;
    let img = ImageBuffer::from_fn(w, h, |x, y| {
        let fx = x as f32 / w as f32;
        let fy = y as f32 / h as f32;
        let d = ((fx - 0.6).powi(2) + (fy - 0.4).powi(2)).sqrt();
        let light = (1.0 - d * 1.4).clamp(0.0, 1.0) * 90.0;
        let grain = (((x.wrapping_mul(7919) ^ y.wrapping_mul(104_729)) % 13) as f32) - 6.0;
        let ch = |c: u8| (c as f32 * (0.7 + 0.3 * fy) + light + grain).clamp(0.0, 255.0) as u8;
        Rgb([ch(base[0]), ch(base[1]), ch(base[2])])
    });
    let mut bytes = Vec::new();
    image::codecs::jpeg::JpegEncoder::new_with_quality(&mut bytes, 82)
        .encode_image(&img)
        .map_err(|_| ScaffoldError::Image(path.to_path_buf()))?;
    write_new(path, &bytes)
}

/// A round logo with a transparent background, written as a new PNG file.
fn draw_logo(path: &Path) -> Result<(), ScaffoldError> {
    let img: ImageBuffer<Rgba<u8>, Vec<u8>> = ImageBuffer::from_fn(256, 256, |x, y| {
        let dx = x as f32 - 128.0;
        let dy = y as f32 - 128.0;
        if dx * dx + dy * dy < 120.0 * 120.0 {
            Rgba([47, 111, 94, 255])
        } else {
            Rgba([0, 0, 0, 0])
        }
    });
    let mut bytes = std::io::Cursor::new(Vec::new());
    img.write_to(&mut bytes, image::ImageFormat::Png)
        .map_err(|_| ScaffoldError::Image(path.to_path_buf()))?;
    write_new(path, bytes.get_ref())
}
