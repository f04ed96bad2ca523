//! Assets and their sidecars → [`Asset`]s, with creator, campaign, poster and rights resolved.

use super::{err_at, reference_hint};
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::load::LoadedAsset;
use crate::model::*;
use std::collections::{BTreeMap, BTreeSet};

pub(super) fn validate_assets(
    loaded: &[LoadedAsset],
    creators: &BTreeMap<Handle, Creator>,
    campaigns: &BTreeMap<CampaignSlug, std::sync::Arc<Campaign>>,
    diags: &mut Diagnostics,
) -> Vec<Asset> {
    let loaded: Vec<&LoadedAsset> = loaded
        .iter()
        .filter(|a| publishable_type(a, diags))
        .collect();
    let ids: BTreeSet<&str> = loaded.iter().map(|a| a.id.as_str()).collect();
    let mut assets: Vec<Asset> = loaded
        .iter()
        .map(|a| validate_asset(a, &ids, creators, campaigns, diags))
        .collect();
    public_posters_only(&loaded, &mut assets, diags);
    assets
}

/// The file types published as media: images, video, audio, documents, archives, fonts and
/// design files; none of them runs in a browser (SVG, which can, is served only as an attachment
/// under `Content-Security-Policy: sandbox`, see `render::headers`).
pub const MEDIA_TYPES: &[&str] = &[
    "jpg", "jpeg", "png", "webp", "gif", "avif", "svg", "mp4", "m4v", "webm", "mov", "mp3", "m4a",
    "wav", "ogg", "aac", "pdf", "zip", "woff", "woff2", "ttf", "otf", "psd", "ai", "eps",
];

/// Whether an asset's type is on [`MEDIA_TYPES`]; any other file is left out with a warning
/// (an `.html` or `.js` file under `/media/` would run on the site's origin).
fn publishable_type(a: &LoadedAsset, diags: &mut Diagnostics) -> bool {
    let ext =
        a.id.rsplit('/')
            .next()
            .and_then(|n| n.rsplit_once('.'))
            .map(|(_, e)| e.to_ascii_lowercase())
            .unwrap_or_default();
    if MEDIA_TYPES.contains(&ext.as_str()) {
        return true;
    }
    let what = if ext.is_empty() {
        "files without an extension are not published".to_string()
    } else {
        format!("`.{ext}` files are not published")
    };
    diags.push(
        Diagnostic::warning(&a.rel, "media-type", format!("{what}: only images, video, audio, PDF, ZIP, fonts and design files are"))
            .with_hint("a page or script under /media/ would run with the site's pages; zip it if it must be shared"),
    );
    false
}

/// A brand-kit file is public; its poster is published with it, so the poster must be a
/// brand-kit file too (never creator content or an internal file).
fn public_posters_only(loaded: &[&LoadedAsset], assets: &mut [Asset], diags: &mut Diagnostics) {
    let kinds: BTreeMap<String, AssetKind> =
        assets.iter().map(|a| (a.id.clone(), a.kind)).collect();
    for (a, l) in assets.iter_mut().zip(loaded) {
        let Some(poster) = &a.poster else { continue };
        let poster_kind = kinds.get(poster).copied();
        if a.kind != AssetKind::BrandKit || poster_kind == Some(AssetKind::BrandKit) {
            continue;
        }
        let message = format!(
            "poster `{poster}` is not a brand-kit file, and a brand-kit file's poster is public"
        );
        let d = match l
            .sidecar
            .as_ref()
            .and_then(|s| Some((&s.file, s.raw.as_ref()?.poster.as_ref()?)))
        {
            Some((file, span)) => err_at(file, span, "poster", message),
            None => Diagnostic::error(&a.rel, "poster", message),
        };
        diags.push(d.with_hint(
            "use a brand-kit image as the poster, or make this file the same kind as its poster",
        ));
        a.poster = None;
    }
}

fn validate_asset(
    a: &LoadedAsset,
    ids: &BTreeSet<&str>,
    creators: &BTreeMap<Handle, Creator>,
    campaigns: &BTreeMap<CampaignSlug, std::sync::Arc<Campaign>>,
    diags: &mut Diagnostics,
) -> Asset {
    let ext =
        a.id.rsplit_once('.')
            .map(|(_, e)| e.to_lowercase())
            .unwrap_or_default();
    let stem = a.id.rsplit('/').next().unwrap_or(&a.id);
    let stem = stem.rsplit_once('.').map(|(s, _)| s).unwrap_or(stem);
    let folder_tags: Vec<String> =
        a.id.split('/')
            .rev()
            .skip(1)
            .collect::<Vec<_>>()
            .into_iter()
            .rev()
            .map(str::to_lowercase)
            .collect();
    let mut asset = Asset {
        id: a.id.clone(),
        rel: a.rel.clone(),
        abs: a.abs.clone(),
        size: a.size,
        ext,
        title: humanize(stem),
        kind: AssetKind::BrandKit,
        creator: None,
        campaign: None,
        tags: folder_tags,
        source_url: None,
        caption: None,
        credit: None,
        alt: None,
        poster: None,
        rights: AssetRights::None,
        sidecar: None,
        origin: AssetOrigin {
            file: Origin::file(a.rel.as_str()),
            rights: Origin::file(a.rel.as_str()),
        },
    };
    if let Some(problem) = unpublishable_name(&a.id) {
        diags.push(
            Diagnostic::error(
                &a.rel,
                "asset-name",
                format!("asset file name cannot be published: {problem}"),
            )
            .with_hint("rename the file using letters, digits, `-`, `_` and `.`"),
        );
    }
    let Some(sidecar) = &a.sidecar else {
        return asset;
    };
    asset.sidecar = Some(sidecar.file.rel.clone());
    let file = &sidecar.file;
    asset.origin.file = file.origin(0);
    asset.origin.rights = file.origin(0);
    let Some(raw) = &sidecar.raw else {
        return asset;
    };
    if let Some(r) = &raw.rights {
        asset.origin.rights = file.origin_of(r);
    }
    if let Some(t) = &raw.title {
        asset.title = t.clone();
    }
    asset.kind = raw.kind.unwrap_or(AssetKind::BrandKit);
    if !raw.tags.is_empty() {
        asset.tags = raw
            .tags
            .iter()
            .map(|t| t.trim().to_lowercase())
            .filter(|t| !t.is_empty())
            .collect();
        asset.tags.sort();
        asset.tags.dedup();
    }
    asset.source_url = super::links::keep_link(
        file,
        "source_url",
        raw.source_url.as_ref(),
        super::links::LinkKind::Web,
        diags,
    );
    asset.caption = raw.caption.clone();
    asset.credit = raw.credit.clone();
    asset.alt = raw.alt.clone();
    if let Some(c) = &raw.creator {
        match Handle::parse(c.get_ref()).filter(|h| creators.contains_key(h)) {
            Some(h) => asset.creator = Some(h),
            None => diags.push(
                err_at(
                    file,
                    c,
                    "reference",
                    format!("no creator `{}` in content/creators/", c.get_ref()),
                )
                .with_hint_opt(reference_hint(
                    c.get_ref(),
                    creators.keys().map(Handle::as_str),
                )),
            ),
        }
    }
    if let Some(c) = &raw.campaign {
        match CampaignSlug::parse(c.get_ref()).filter(|s| campaigns.contains_key(s)) {
            Some(s) => asset.campaign = Some(s),
            None => diags.push(
                err_at(
                    file,
                    c,
                    "reference",
                    format!("no campaign `{}` in content/campaigns/", c.get_ref()),
                )
                .with_hint_opt(reference_hint(
                    c.get_ref(),
                    campaigns.keys().map(CampaignSlug::as_str),
                )),
            ),
        }
    }
    if let Some(p) = &raw.poster {
        let dir = a.id.rsplit_once('/').map(|(d, _)| d).unwrap_or("");
        match resolve_relative(dir, p.get_ref()) {
            Some(id) if ids.contains(id.as_str()) => asset.poster = Some(id),
            _ => diags.push(
                err_at(
                    file,
                    p,
                    "reference",
                    format!("poster `{}` is not an asset beside this one", p.get_ref()),
                )
                .with_hint("name an image file in content/assets/, relative to this sidecar"),
            ),
        }
    }
    if let Some(r) = &raw.rights {
        asset.rights = if r.get_ref().inherit == Some(true) {
            inherit(file, r, &asset, campaigns, diags)
        } else {
            super::parse_rights(file, r, diags)
                .map(AssetRights::Own)
                .unwrap_or(AssetRights::None)
        };
    }
    asset
}

fn inherit(
    file: &crate::load::source::SourceFile,
    r: &toml::Spanned<crate::load::raw::RawRights>,
    asset: &Asset,
    campaigns: &BTreeMap<CampaignSlug, std::sync::Arc<Campaign>>,
    diags: &mut Diagnostics,
) -> AssetRights {
    let raw = r.get_ref();
    let has_own = !raw.channels.is_empty()
        || !raw.territory.is_empty()
        || raw.duration_days.is_some()
        || raw.until.is_some()
        || raw.perpetual.is_some()
        || raw.starts.is_some();
    if has_own {
        diags.push(err_at(
            file,
            r,
            "rights",
            "`inherit = true` takes the brief's rights; remove the other keys",
        ));
    }
    let (Some(c), Some(s)) = (&asset.creator, &asset.campaign) else {
        diags.push(
            Diagnostic::error(
                &file.rel,
                "rights",
                "`inherit = true` needs both `creator` and `campaign`",
            )
            .at(super::at(file, r)),
        );
        return AssetRights::Inherited(None);
    };
    match campaigns.get(s).and_then(|camp| camp.briefs.get(c)) {
        Some(brief) => AssetRights::Inherited(brief.rights.clone()),
        // The brief failed to parse and was reported; its rights are simply unknown here.
        None if campaigns
            .get(s)
            .is_some_and(|camp| camp.unreadable.briefs.contains(c)) =>
        {
            AssetRights::Inherited(None)
        }
        None => {
            diags.push(
                Diagnostic::error(
                    &file.rel,
                    "reference",
                    format!("`{c}` has no brief in campaign `{s}` to inherit rights from"),
                )
                .at(super::at(file, r)),
            );
            AssetRights::Inherited(None)
        }
    }
}

/// Why a file name cannot become a URL on every host, if it cannot.
fn unpublishable_name(id: &str) -> Option<&'static str> {
    if id.contains('\\') {
        Some("it contains a backslash")
    } else if id.chars().any(char::is_control) {
        Some("it contains a control character")
    } else if id
        .split('/')
        .any(|s| s.starts_with(' ') || s.ends_with(' ') || s.ends_with('.'))
    {
        Some("a part of it starts or ends with a space, or ends with a dot")
    } else {
        None
    }
}

/// Joins `rel` onto folder `dir` (both under `content/assets/`), refusing to climb out.
pub fn resolve_relative(dir: &str, rel: &str) -> Option<String> {
    if rel.starts_with('/') || rel.contains('\\') || rel.contains('\0') {
        return None;
    }
    let mut parts: Vec<&str> = dir.split('/').filter(|s| !s.is_empty()).collect();
    for seg in rel.split('/') {
        match seg {
            "" | "." => {}
            ".." => {
                parts.pop()?;
            }
            s => parts.push(s),
        }
    }
    Some(parts.join("/"))
}

fn humanize(stem: &str) -> String {
    let s = stem.replace(['-', '_'], " ");
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().collect::<String>() + c.as_str(),
        None => s,
    }
}

#[cfg(test)]
mod tests {
    use super::resolve_relative;

    #[test]
    fn relative_paths_stay_inside() {
        assert_eq!(
            resolve_relative("video", "poster.jpg").as_deref(),
            Some("video/poster.jpg")
        );
        assert_eq!(
            resolve_relative("a/b", "../c.jpg").as_deref(),
            Some("a/c.jpg")
        );
        assert_eq!(resolve_relative("a", "../../../../etc/passwd"), None);
        assert_eq!(resolve_relative("a", "/etc/passwd"), None);
    }
}
