//! The public brand-kit page of a campaign: its `brand-kit` assets with downloads.

use crate::images::ImageIndex;
use crate::model::{Asset, AssetKind, Campaign};
use crate::render::routes;
use crate::render::views::assets::{Picture, picture, preview_of};
use serde::Serialize;

/// The kit page.
#[derive(Debug, Clone, Serialize)]
pub struct KitView {
    /// Campaign title.
    pub campaign: String,
    /// The assets.
    pub assets: Vec<KitAsset>,
}

/// One downloadable asset.
#[derive(Debug, Clone, Serialize)]
pub struct KitAsset {
    /// Title.
    pub title: String,
    /// Alt text.
    pub alt: String,
    /// Download href, relative to the page.
    pub href: String,
    /// Preview image href, when the asset is an image without thumbnails.
    pub preview: Option<String>,
    /// Thumbnails, when made.
    pub picture: Option<Picture>,
    /// An image that could not be read: show a placeholder.
    pub unreadable: bool,
    /// File type.
    pub ext: String,
    /// Size in words.
    pub size: String,
}

/// The brand-kit assets of a campaign: its own and those tied to no campaign.
pub fn kit_assets<'a>(c: &Campaign, assets: &'a [Asset]) -> Vec<&'a Asset> {
    assets
        .iter()
        .filter(|a| a.kind == AssetKind::BrandKit)
        .filter(|a| a.campaign.as_ref().is_none_or(|s| *s == c.slug))
        .collect()
}

/// `1.2 MB`.
pub fn human_size(bytes: u64) -> String {
    match bytes {
        b if b >= 1_000_000 => format!("{:.1} MB", b as f64 / 1_000_000.0),
        b if b >= 1_000 => format!("{} KB", b / 1_000),
        b => format!("{b} bytes"),
    }
}

/// Builds the kit view; `root` leads from the page back to the site root.
pub fn kit_view(c: &Campaign, assets: &[&Asset], root: &str, images: &ImageIndex) -> KitView {
    KitView {
        campaign: c.title.clone(),
        assets: assets
            .iter()
            .map(|a| {
                let href = format!("{root}{}", routes::url_path(&routes::media_path(&a.id)));
                let picture = preview_of(a, images).and_then(|i| picture(a, i, root));
                let unreadable = images.failed(&a.id);
                KitAsset {
                    title: a.title.clone(),
                    alt: a.alt.clone().unwrap_or_else(|| a.title.clone()),
                    preview: (a.is_image() && picture.is_none() && !unreadable)
                        .then(|| href.clone()),
                    picture,
                    unreadable,
                    href,
                    ext: a.ext.to_uppercase(),
                    size: human_size(a.size),
                }
            })
            .collect(),
    }
}
