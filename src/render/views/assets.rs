//! The asset library (team): grid cards, per-asset pages, filtered lists, the browser's search
//! index (the registers are in [`super::asset_register`]). Also the thumbnail markup shared with
//! the public kit page.

use crate::compute::rights::{self, RightsStatus, Window};
use crate::compute::tag_index::{self, TagEntry};
use crate::i18n::Catalog;
use crate::images::{ImageIndex, ImageInfo};
use crate::model::{Asset, AssetRights, Channel, Date, Portal, Rights};
use crate::render::escape::SafeHtml;
use crate::render::routes;
use crate::render::views::kit::human_size;
use serde::Serialize;
use serde_json::{Value, json};

/// Team: the library's home.
pub const TEAM_ASSETS: &str = "team/assets/";
/// Team: expired assets that must come down.
pub const TEAM_ASSETS_EXPIRED: &str = "team/assets/expired/";

/// Team: one asset's page.
pub fn asset_dir(id: &str) -> String {
    format!("team/assets/a/{id}/")
}

/// Team: the assets carrying a tag.
pub fn tag_dir(slug: &str) -> String {
    format!("team/assets/tags/{slug}/")
}

/// Team: the assets usable today in a channel.
pub fn channel_dir(channel: Channel) -> String {
    format!("team/assets/usable/{}/", channel.as_str())
}

/// An asset with its rights worked out for today.
#[derive(Debug, Clone)]
pub struct Entry<'a> {
    /// The asset.
    pub asset: &'a Asset,
    /// Rights in force (own or inherited).
    pub rights: Option<Rights>,
    /// Their window.
    pub window: Option<Window>,
    /// Status today.
    pub status: RightsStatus,
}

impl Entry<'_> {
    /// True when the asset may be used in `channel` today.
    pub fn usable_in(&self, channel: Channel) -> bool {
        self.status.usable()
            && self
                .rights
                .as_ref()
                .is_some_and(|r| r.channels.contains(&channel))
    }
}

/// Every asset with its rights on `today`; the brief of its creator and campaign supplies
/// go-live and signature dates (and the rights themselves when inherited).
pub fn entries(portal: &Portal, today: Date) -> Vec<Entry<'_>> {
    portal
        .assets
        .iter()
        .map(|a| {
            let brief = match (&a.campaign, &a.creator) {
                (Some(c), Some(h)) => portal.campaigns.get(c).and_then(|c| c.briefs.get(h)),
                _ => None,
            };
            let (rights, window, status) = rights::asset_status(&a.rights, brief, today);
            Entry {
                asset: a,
                rights,
                window,
                status,
            }
        })
        .collect()
}

/// A preview image with its responsive sources.
#[derive(Debug, Clone, Serialize)]
pub struct Picture {
    /// The smallest thumbnail, for `src`.
    pub src: String,
    /// `srcset` over every thumbnail width.
    pub srcset: String,
    /// The largest thumbnail, for a detail view.
    pub large: String,
    /// Width of `src`.
    pub width: u32,
    /// Height of `src`.
    pub height: u32,
    /// Show the whole image in a tile (a logo, palette or other graphic); a photo may be cropped.
    pub whole: bool,
}

/// True for an asset a tile must show whole rather than crop: a lossless graphic (PNG, GIF,
/// SVG, BMP — logos, palettes, screenshots) or one tagged `logo` or `palette`. Photos arrive as
/// JPEG, HEIC or WebP and may be cropped to the tile.
pub fn shows_whole(a: &Asset) -> bool {
    matches!(
        a.ext.to_ascii_lowercase().as_str(),
        "png" | "gif" | "svg" | "bmp"
    ) || a.tags.iter().any(|t| t == "logo" || t == "palette")
}

/// The picture of image asset `a`, with hrefs relative to a page whose root prefix is `root`.
pub fn picture(a: &Asset, info: &ImageInfo, root: &str) -> Option<Picture> {
    let first = info.thumbs.first()?;
    let last = info.thumbs.last()?;
    let href = |p: &str| format!("{root}{}", routes::url_path(p));
    Some(Picture {
        src: href(&first.site_path),
        srcset: info
            .thumbs
            .iter()
            .map(|t| format!("{} {}w", href(&t.site_path), t.width))
            .collect::<Vec<_>>()
            .join(", "),
        large: href(&last.site_path),
        width: first.width,
        height: first.height,
        whole: shows_whole(a),
    })
}

/// One tile of the grid and of every list.
#[derive(Debug, Clone, Serialize)]
pub struct AssetCard {
    /// Asset id (path under `content/assets/`).
    pub id: String,
    /// Title.
    pub title: String,
    /// Alt text.
    pub alt: String,
    /// The asset's page.
    pub href: String,
    /// Preview, when a thumbnail exists.
    pub picture: Option<Picture>,
    /// True for an image that could not be read: show a placeholder.
    pub unreadable: bool,
    /// Upper-case file type.
    pub ext: String,
    /// `brand-kit` or `creator-content`.
    pub kind: &'static str,
    /// Creator handle.
    pub creator: Option<String>,
    /// Campaign slug.
    pub campaign: Option<String>,
    /// Tags.
    pub tags: Vec<String>,
    /// Rights status.
    pub status: &'static str,
}

fn card(e: &Entry<'_>, images: &ImageIndex, root: &str) -> AssetCard {
    let a = e.asset;
    AssetCard {
        id: a.id.clone(),
        title: a.title.clone(),
        alt: a.alt.clone().unwrap_or_else(|| a.title.clone()),
        href: format!("{root}{}", routes::url_path(&asset_dir(&a.id))),
        picture: preview_of(a, images).and_then(|i| picture(a, i, root)),
        unreadable: images.failed(&a.id) || poster_failed(a, images),
        ext: a.ext.to_uppercase(),
        kind: a.kind.as_str(),
        creator: a.creator.as_ref().map(ToString::to_string),
        campaign: a.campaign.as_ref().map(ToString::to_string),
        tags: a.tags.clone(),
        status: e.status.as_str(),
    }
}

/// The image that previews an asset: itself, or its poster.
pub fn preview_of<'a>(a: &Asset, images: &'a ImageIndex) -> Option<&'a ImageInfo> {
    images
        .get(&a.id)
        .or_else(|| a.poster.as_deref().and_then(|p| images.get(p)))
}

fn poster_failed(a: &Asset, images: &ImageIndex) -> bool {
    a.poster.as_deref().is_some_and(|p| images.failed(p))
}

/// A link with a count, for filter lists.
#[derive(Debug, Clone, Serialize)]
pub struct CountLink {
    /// Text.
    pub text: String,
    /// Href.
    pub href: String,
    /// How many assets.
    pub count: usize,
}

/// A value the browser filter offers.
#[derive(Debug, Clone, Serialize)]
pub struct FilterOption {
    /// The value in the index.
    pub value: String,
    /// What people read.
    pub label: String,
}

/// The browser filters: field name → options.
#[derive(Debug, Clone, Serialize)]
pub struct Filter {
    /// Index field (`tags`, `creator`, `campaign`, `kind`, `channels`, `status`).
    pub field: &'static str,
    /// Label.
    pub label: &'static str,
    /// Options.
    pub options: Vec<FilterOption>,
}

/// `/team/assets/`.
#[derive(Debug, Clone, Serialize)]
pub struct LibraryView {
    /// Every asset.
    pub cards: Vec<AssetCard>,
    /// Filters for the browser.
    pub filters: Vec<Filter>,
    /// The search index, JSON safe inside `<script>`.
    pub index_json: SafeHtml,
    /// Tag pages.
    pub tags: Vec<CountLink>,
    /// "Usable today" pages per channel.
    pub channels: Vec<CountLink>,
    /// The "must come down" page.
    pub expired: CountLink,
}

/// A plain list page (tag, channel, expired).
#[derive(Debug, Clone, Serialize)]
pub struct ListView {
    /// Heading.
    pub heading: String,
    /// One sentence on what is listed.
    pub intro: String,
    /// The assets.
    pub cards: Vec<AssetCard>,
    /// Back to the library.
    pub library: String,
}

/// The rights box of an asset page.
#[derive(Debug, Clone, Serialize)]
pub struct RightsBox {
    /// Status word.
    pub status: &'static str,
    /// Where the rights come from: "own", "inherited from the brief", "none".
    pub source: String,
    /// Licensed channels.
    pub channels: Vec<String>,
    /// Territory.
    pub territory: Vec<String>,
    /// First day, `Mar 12, 2026`.
    pub starts: Option<String>,
    /// Last day, or "no end date".
    pub ends: Option<String>,
    /// In plain words.
    pub words: Option<String>,
}

/// One asset's page.
#[derive(Debug, Clone, Serialize)]
pub struct AssetPage {
    /// The tile data.
    pub card: AssetCard,
    /// Download of the original.
    pub download: String,
    /// File size in words.
    pub size: String,
    /// `1600 × 1200 px`, for readable images.
    pub dimensions: Option<String>,
    /// Credit line.
    pub credit: Option<String>,
    /// Source post.
    pub source_url: Option<String>,
    /// Caption.
    pub caption: Option<String>,
    /// Tag pages.
    pub tags: Vec<CountLink>,
    /// The rights box.
    pub rights: RightsBox,
    /// Back to the library.
    pub library: String,
}

/// Everything the library pages are built from.
pub struct Library<'a> {
    /// Assets with rights.
    pub entries: Vec<Entry<'a>>,
    /// Tags.
    pub tags: Vec<TagEntry>,
    /// Thumbnails.
    pub images: &'a ImageIndex,
    /// The portal language's words, for the rights sentences.
    pub words: &'a Catalog,
}

impl<'a> Library<'a> {
    /// Works out rights and tags for every asset.
    pub fn new(
        portal: &'a Portal,
        images: &'a ImageIndex,
        today: Date,
        words: &'a Catalog,
    ) -> Self {
        Library {
            entries: entries(portal, today),
            tags: tag_index::tag_index(&portal.assets),
            images,
            words,
        }
    }

    fn cards<'b>(&self, root: &str, keep: impl Fn(&Entry<'_>) -> bool + 'b) -> Vec<AssetCard> {
        self.entries
            .iter()
            .filter(|e| keep(e))
            .map(|e| card(e, self.images, root))
            .collect()
    }

    /// The library home.
    pub fn home(&self, root: &str) -> LibraryView {
        let link = |dir: &str| format!("{root}{}", routes::url_path(dir));
        let mut creators: Vec<String> = self
            .entries
            .iter()
            .filter_map(|e| e.asset.creator.as_ref().map(ToString::to_string))
            .collect();
        creators.sort();
        creators.dedup();
        let mut campaigns: Vec<String> = self
            .entries
            .iter()
            .filter_map(|e| e.asset.campaign.as_ref().map(ToString::to_string))
            .collect();
        campaigns.sort();
        campaigns.dedup();
        let same = |v: Vec<String>| {
            v.into_iter()
                .map(|s| FilterOption {
                    label: s.clone(),
                    value: s,
                })
                .collect()
        };
        let filters = vec![
            Filter {
                field: "tags",
                label: "Tag",
                options: same(self.tags.iter().map(|t| t.tag.clone()).collect()),
            },
            Filter {
                field: "creator",
                label: "Creator",
                options: same(creators),
            },
            Filter {
                field: "campaign",
                label: "Campaign",
                options: same(campaigns),
            },
            Filter {
                field: "kind",
                label: "Kind",
                options: same(vec!["brand-kit".into(), "creator-content".into()]),
            },
            Filter {
                field: "channels",
                label: "Usable today in",
                options: Channel::ALL
                    .iter()
                    .map(|c| FilterOption {
                        value: c.as_str().to_string(),
                        label: c.title().to_string(),
                    })
                    .collect(),
            },
            Filter {
                field: "status",
                label: "Rights",
                options: same(
                    RightsStatus::ALL
                        .iter()
                        .map(|s| s.as_str().to_string())
                        .collect(),
                ),
            },
        ];
        let index: Vec<Value> = self
            .entries
            .iter()
            .map(|e| {
                let a = e.asset;
                let usable: Vec<&str> = Channel::ALL
                    .iter()
                    .filter(|c| e.usable_in(**c))
                    .map(|c| c.as_str())
                    .collect();
                let text = [
                    a.title.as_str(),
                    a.caption.as_deref().unwrap_or(""),
                    a.credit.as_deref().unwrap_or(""),
                    a.id.as_str(),
                    &a.tags.join(" "),
                ]
                .join(" ")
                .to_lowercase();
                json!({
                    "id": a.id,
                    "tags": a.tags,
                    "creator": a.creator.as_ref().map(ToString::to_string),
                    "campaign": a.campaign.as_ref().map(ToString::to_string),
                    "kind": a.kind.as_str(),
                    "channels": usable,
                    "status": e.status.as_str(),
                    "text": text,
                })
            })
            .collect();
        let expired = self
            .entries
            .iter()
            .filter(|e| e.status == RightsStatus::Expired)
            .count();
        LibraryView {
            cards: self.cards(root, |_| true),
            filters,
            index_json: crate::render::escape::json_for_script(&Value::Array(index)),
            tags: self
                .tags
                .iter()
                .map(|t| CountLink {
                    text: t.tag.clone(),
                    href: link(&tag_dir(&t.slug)),
                    count: t.assets.len(),
                })
                .collect(),
            channels: Channel::ALL
                .iter()
                .map(|c| CountLink {
                    text: c.title().to_string(),
                    href: link(&channel_dir(*c)),
                    count: self.entries.iter().filter(|e| e.usable_in(*c)).count(),
                })
                .collect(),
            expired: CountLink {
                text: "Must come down".into(),
                href: link(TEAM_ASSETS_EXPIRED),
                count: expired,
            },
        }
    }

    /// The page of one tag.
    pub fn tag_page(&self, t: &TagEntry, root: &str) -> ListView {
        ListView {
            heading: format!("Tag: {}", t.tag),
            intro: format!("{} asset(s) tagged “{}”.", t.assets.len(), t.tag),
            cards: self.cards(root, |e| t.assets.contains(&e.asset.id)),
            library: format!("{root}{TEAM_ASSETS}"),
        }
    }

    /// The assets usable today in a channel.
    pub fn channel_page(&self, c: Channel, root: &str) -> ListView {
        ListView {
            heading: format!("Usable today for {}", c.title()),
            intro: format!(
                "Only assets whose rights cover {} today (active or expiring).",
                c.label()
            ),
            cards: self.cards(root, |e| e.usable_in(c)),
            library: format!("{root}{TEAM_ASSETS}"),
        }
    }

    /// Expired assets.
    pub fn expired_page(&self, root: &str) -> ListView {
        ListView {
            heading: "Must come down".into(),
            intro: "These assets' rights have ended: take them down wherever they still run."
                .into(),
            cards: self.cards(root, |e| e.status == RightsStatus::Expired),
            library: format!("{root}{TEAM_ASSETS}"),
        }
    }

    /// One asset's page.
    pub fn asset_page(&self, e: &Entry<'_>, root: &str) -> AssetPage {
        let a = e.asset;
        let info = self.images.get(&a.id);
        AssetPage {
            card: card(e, self.images, root),
            download: format!("{root}{}", routes::url_path(&routes::media_path(&a.id))),
            size: human_size(a.size),
            dimensions: info.map(|i| format!("{} × {} px", i.width, i.height)),
            credit: a.credit.clone(),
            source_url: a.source_url.clone(),
            caption: a.caption.clone(),
            tags: self
                .tags
                .iter()
                .filter(|t| t.assets.contains(&a.id))
                .map(|t| CountLink {
                    text: t.tag.clone(),
                    href: format!("{root}{}", routes::url_path(&tag_dir(&t.slug))),
                    count: t.assets.len(),
                })
                .collect(),
            rights: rights_box(e, self.words),
            library: format!("{root}{TEAM_ASSETS}"),
        }
    }
}

fn rights_box(e: &Entry<'_>, words: &Catalog) -> RightsBox {
    let source = match &e.asset.rights {
        AssetRights::None => "none stated",
        AssetRights::Own(_) => "the asset's own rights",
        AssetRights::Inherited(Some(_)) => "inherited from the creator's brief",
        AssetRights::Inherited(None) => "inherited, but the brief states none",
    };
    let (channels, territory, words) = match &e.rights {
        Some(r) => (
            r.channels.iter().map(|c| c.title().to_string()).collect(),
            r.territory
                .iter()
                .map(|t| rights::territory_name(t, words))
                .collect(),
            e.window.as_ref().map(|w| rights::plain_words(r, w, words)),
        ),
        None => (Vec::new(), Vec::new(), None),
    };
    RightsBox {
        status: e.status.as_str(),
        source: source.to_string(),
        channels,
        territory,
        starts: e.window.and_then(|w| w.start).map(Date::human),
        ends: e.window.and_then(|w| {
            if w.perpetual {
                Some("no end date".to_string())
            } else {
                w.end.map(Date::human)
            }
        }),
        words,
    }
}
