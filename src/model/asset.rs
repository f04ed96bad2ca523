//! An asset of the library: its file, its sidecar's facts and where its rights come from.

use super::{AssetKind, AssetOrigin, CampaignSlug, Handle, Rights};
use std::path::PathBuf;

/// An asset of the library.
#[derive(Debug, Clone)]
pub struct Asset {
    /// Path under `content/assets/`.
    pub id: String,
    /// Path relative to the portal root.
    pub rel: String,
    /// Absolute path.
    pub abs: PathBuf,
    /// Size in bytes.
    pub size: u64,
    /// Lowercase extension.
    pub ext: String,
    /// Title.
    pub title: String,
    /// Kind.
    pub kind: AssetKind,
    /// Creator.
    pub creator: Option<Handle>,
    /// Campaign.
    pub campaign: Option<CampaignSlug>,
    /// Tags.
    pub tags: Vec<String>,
    /// Where it was published.
    pub source_url: Option<String>,
    /// Caption.
    pub caption: Option<String>,
    /// Credit line.
    pub credit: Option<String>,
    /// Alt text.
    pub alt: Option<String>,
    /// Poster asset id (for video and documents).
    pub poster: Option<String>,
    /// Rights, own or inherited.
    pub rights: AssetRights,
    /// Sidecar path, when present.
    pub sidecar: Option<String>,
    /// Where its facts were written.
    pub origin: AssetOrigin,
}

impl Asset {
    /// True for formats that get thumbnails.
    pub fn is_image(&self) -> bool {
        matches!(self.ext.as_str(), "jpg" | "jpeg" | "png" | "webp" | "gif")
    }
}

/// Where an asset's rights come from.
#[derive(Debug, Clone, PartialEq)]
pub enum AssetRights {
    /// No rights stated.
    None,
    /// Its own `[rights]`.
    Own(Rights),
    /// The creator's brief for the campaign (resolved at validation).
    Inherited(Option<Rights>),
}
