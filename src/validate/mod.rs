//! Validate: raw records → the typed model, collecting every diagnostic, never stopping at the first.
//!
//! No I/O happens here (file existence was settled by `load`); references are resolved against
//! what was loaded.

mod assets;
mod campaign;
mod deal;
pub mod links;
mod results;
mod rights;
pub mod weights;

use crate::diagnostics::{Diagnostic, Diagnostics, closest};
use crate::load::raw::*;
use crate::load::source::SourceFile;
use crate::load::versions::LoadedVersions;
use crate::load::{Loaded, LoadedCampaign, Parsed};
use crate::model::*;
use std::collections::BTreeMap;

pub use assets::{MEDIA_TYPES, resolve_relative};
pub use results::{COLUMNS as RESULT_COLUMNS, parse_count};
pub use rights::parse_rights;

/// Turns what was loaded into the model, campaign by campaign: [`Validator::new`] validates the
/// settings and the roster, [`Validator::campaign`] each campaign as it is read (so the raw
/// records of every campaign never exist at once), [`Validator::finish`] the rest. Always makes
/// a model (with defaults where a file failed) so `check` can go on; the caller decides from
/// the diagnostics whether to build.
#[derive(Debug)]
pub struct Validator {
    config: Config,
    creators: BTreeMap<Handle, Creator>,
    /// The hash of what every campaign reads from outside its folder: `portal.toml` (currency,
    /// jurisdiction, language, tracking) and the roster's handles (not the roster files' text).
    outside: blake3::Hash,
}

impl Validator {
    /// Validates `portal.toml` and the roster of `loaded`.
    pub fn new(loaded: &Loaded, diags: &mut Diagnostics) -> Validator {
        let config = validate_config(&loaded.portal, loaded, diags);
        let mut creators = BTreeMap::new();
        for c in &loaded.creators {
            if let Some(creator) = validate_creator(c, diags) {
                creators.insert(creator.handle.clone(), creator);
            }
        }
        // A roster file that failed to load was already reported; stand in for it so references
        // to the creator do not add a second, misleading error.
        for stem in &loaded.broken_creators {
            if let Some(h) = Handle::parse(stem) {
                creators
                    .entry(h.clone())
                    .or_insert_with(|| placeholder_creator(h));
            }
        }
        let mut outside = blake3::Hasher::new();
        outside.update(loaded.portal.file.hash().as_bytes());
        for h in creators.keys() {
            outside.update(&(h.as_str().len() as u64).to_le_bytes());
            outside.update(h.as_str().as_bytes());
        }
        Validator {
            config,
            creators,
            outside: outside.finalize(),
        }
    }

    /// The settings of `portal.toml`.
    pub fn config(&self) -> &Config {
        &self.config
    }

    /// The hash of everything [`Validator::campaign`] reads for the campaign folder `dir_name`
    /// besides the folder's own files: what every campaign reads from outside its folder, and
    /// the folder's version records in `versions`.
    pub fn inputs_of(&self, dir_name: &str, versions: &LoadedVersions) -> blake3::Hash {
        let mut k = blake3::Hasher::new();
        let mut part = |bytes: &[u8]| {
            k.update(&(bytes.len() as u64).to_le_bytes());
            k.update(bytes);
        };
        part(self.outside.as_bytes());
        versions.each_of(dir_name, |creator, records| {
            part(creator.as_bytes());
            for (n, r) in records {
                part(&n.to_le_bytes());
                for (label, value) in &r.facts {
                    part(label.as_bytes());
                    part(value.as_bytes());
                }
            }
        });
        k.finalize()
    }

    /// One campaign (campaigns are independent of each other: any order, any thread), each
    /// brief with the records of its published versions, taken out of `versions` (so its
    /// [`Validator::inputs_of`] is asked first); the raw campaign is dropped here.
    pub fn campaign(
        &self,
        raw: LoadedCampaign,
        versions: &LoadedVersions,
        diags: &mut Diagnostics,
    ) -> Option<Campaign> {
        let mut c = campaign::validate_campaign(&raw, &self.config, &self.creators, diags)?;
        attach_records(&mut c, versions);
        Some(c)
    }

    /// The model: the campaigns [`Validator::campaign`] made (in folder order), the assets and
    /// the playbook of `loaded`.
    pub fn finish(
        self,
        campaigns: Vec<Option<std::sync::Arc<Campaign>>>,
        loaded: &Loaded,
        diags: &mut Diagnostics,
    ) -> Portal {
        let by_slug: BTreeMap<_, _> = campaigns
            .into_iter()
            .flatten()
            .map(|c| (c.slug.clone(), c))
            .collect();
        let assets = assets::validate_assets(&loaded.assets, &self.creators, &by_slug, diags);
        Portal {
            config: self.config,
            creators: self.creators,
            campaigns: by_slug,
            assets,
            playbook: playbook_pages(&loaded.playbook),
        }
    }
}

/// Gives each brief the facts `build` recorded for its published versions, moved out of
/// `versions` (the model holds the only copy).
fn attach_records(c: &mut Campaign, versions: &LoadedVersions) {
    for b in c.briefs.values_mut() {
        if let Some(records) = versions.take(c.slug.as_str(), b.creator.as_str()) {
            b.recorded = records.into_iter().map(|(n, r)| (n, r.facts)).collect();
        }
    }
}

/// The playbook's pages: slug from the path under `content/playbook/`, title from the first
/// `# ` heading (else the file name).
fn playbook_pages(files: &[crate::load::source::SourceFile]) -> Vec<crate::model::PlaybookPage> {
    files
        .iter()
        .map(|f| {
            let under = f.rel.strip_prefix("content/playbook/").unwrap_or(&f.rel);
            let slug = under
                .strip_suffix(".md")
                .or_else(|| under.strip_suffix(".MD"))
                .unwrap_or(under)
                .to_string();
            let title = f
                .text
                .lines()
                .find_map(|l| l.strip_prefix("# "))
                .map(|t| t.trim().to_string())
                .filter(|t| !t.is_empty())
                .unwrap_or_else(|| slug.rsplit('/').next().unwrap_or(&slug).replace('-', " "));
            crate::model::PlaybookPage {
                slug,
                title,
                source: crate::model::MarkdownText {
                    origin: f.origin(0),
                    text: f.text.clone(),
                },
            }
        })
        .collect()
}

/// The position of a spanned value in `file`.
pub(crate) fn at<T>(
    file: &SourceFile,
    s: &toml::Spanned<T>,
) -> Option<crate::diagnostics::Position> {
    Some(file.position(s.span().start))
}

/// An error about a spanned value.
pub(crate) fn err_at<T>(
    file: &SourceFile,
    s: &toml::Spanned<T>,
    rule: &str,
    msg: impl Into<String>,
) -> Diagnostic {
    Diagnostic::error(&file.rel, rule, msg).at(at(file, s))
}

/// Checks an id taken from a file or folder name.
pub(crate) fn check_stem_id(rel: &str, stem: &str, what: &str, diags: &mut Diagnostics) -> bool {
    if is_valid_id(stem) {
        return true;
    }
    let fixed: String = stem
        .to_lowercase()
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '-' })
        .collect();
    let is_file = rel.ends_with(".toml") || rel.ends_with(".md");
    diags.push(
        Diagnostic::error(
            rel,
            "invalid-id",
            format!("{what} `{stem}` must be 1–64 lowercase ASCII letters, digits or `-`"),
        )
        .at(is_file.then_some(crate::diagnostics::Position { line: 1, column: 1 }))
        .with_hint(format!("rename it to `{}`", fixed.trim_matches('-'))),
    );
    false
}

/// A did-you-mean hint for an unknown reference.
pub(crate) fn reference_hint<'a>(
    word: &str,
    known: impl IntoIterator<Item = &'a str>,
) -> Option<String> {
    closest(word, known).map(|c| format!("did you mean `{c}`?"))
}

fn validate_config(p: &Parsed<RawPortal>, loaded: &Loaded, diags: &mut Diagnostics) -> Config {
    let empty = RawPortal::default();
    let raw = p.raw.as_ref().unwrap_or(&empty);
    let file = &p.file;
    let title = raw
        .title
        .clone()
        .unwrap_or_else(|| "Creator Portal".to_string());
    let base_url = match &raw.base_url {
        Some(u) => {
            let v = u.get_ref().trim().trim_end_matches('/').to_string();
            if !(v.starts_with("https://") || v.starts_with("http://"))
                || v.contains(char::is_whitespace)
            {
                diags.push(
                    err_at(
                        file,
                        u,
                        "invalid-url",
                        format!("base_url `{v}` must be an absolute http(s) URL"),
                    )
                    .with_hint("e.g. base_url = \"https://creators.example.com\""),
                );
            }
            v
        }
        None => "http://localhost:1111".to_string(),
    };
    let timezone = match &raw.timezone {
        Some(tz) => {
            if jiff::tz::TimeZone::get(tz.get_ref()).is_err() {
                diags.push(
                    err_at(
                        file,
                        tz,
                        "invalid-timezone",
                        format!("unknown time zone `{}`", tz.get_ref()),
                    )
                    .with_hint(
                        "use an IANA name such as \"America/New_York\" or \"Europe/London\"",
                    ),
                );
                "UTC".to_string()
            } else {
                tz.get_ref().clone()
            }
        }
        None => "UTC".to_string(),
    };
    let currency = raw
        .currency
        .as_ref()
        .map(|c| check_currency(file, c, diags))
        .unwrap_or_else(|| "USD".to_string());
    let theme = raw
        .theme
        .as_ref()
        .map(|t| t.get_ref().clone())
        .unwrap_or_else(|| "default".to_string());
    let brand = Brand {
        name: raw.brand.name.clone().unwrap_or_else(|| title.clone()),
        logo: raw
            .brand
            .logo
            .as_ref()
            .and_then(|l| check_logo(file, l, loaded, diags)),
        logo_size: loaded.logo_size,
        accent: raw.brand.accent.as_ref().and_then(|a| {
            let v = a.get_ref();
            let ok = v.starts_with('#')
                && matches!(v.len(), 4 | 7)
                && v[1..].chars().all(|c| c.is_ascii_hexdigit());
            if !ok {
                diags.push(
                    err_at(
                        file,
                        a,
                        "invalid-color",
                        format!("accent `{v}` is not a colour like #b04a7a"),
                    )
                    .with_hint("write the colour as # and six hex digits"),
                );
            }
            ok.then(|| v.to_lowercase())
        }),
        contact: links::keep_link(
            file,
            "brand.contact",
            raw.brand.contact.as_ref(),
            links::LinkKind::Email,
            diags,
        ),
    };
    let tracking = match &raw.tracking {
        None => Tracking {
            params: vec![
                ("utm_source".into(), "{platform}".into()),
                ("utm_medium".into(), "influencer".into()),
                ("utm_campaign".into(), "{campaign}".into()),
                ("utm_content".into(), "{creator}-{deliverable}".into()),
            ],
        },
        Some(t) => Tracking {
            params: [
                ("utm_source", &t.utm_source),
                ("utm_medium", &t.utm_medium),
                ("utm_campaign", &t.utm_campaign),
                ("utm_content", &t.utm_content),
                ("utm_term", &t.utm_term),
            ]
            .into_iter()
            .filter_map(|(k, v)| v.as_ref().map(|v| (k.to_string(), v.clone())))
            .collect(),
        },
    };
    let images = validate_images(file, &raw.images, diags);
    let link_secret = raw.privacy.link_secret.clone().filter(|s| !s.is_empty());
    if let Some(extra) = &raw.extra {
        weights::check_weights(file, extra, diags);
    }
    Config {
        title,
        base_url,
        language: raw.language.clone().unwrap_or_else(|| "en".to_string()),
        timezone,
        currency,
        theme,
        brand,
        link_secret,
        encrypt: raw.privacy.encrypt.unwrap_or(false),
        jurisdiction: raw.disclosure.jurisdiction.unwrap_or(Jurisdiction::Us),
        caption_cutoff: raw.disclosure.caption_cutoff.unwrap_or(125) as usize,
        tracking,
        images,
        extra: raw.extra.clone().unwrap_or_default(),
    }
}

fn check_logo(
    file: &SourceFile,
    l: &toml::Spanned<String>,
    loaded: &Loaded,
    diags: &mut Diagnostics,
) -> Option<String> {
    let v = l.get_ref().trim_start_matches('/');
    if v.starts_with("http://") || v.starts_with("https://") {
        diags.push(
            err_at(
                file,
                l,
                "external-resource",
                "the logo must be a file of the portal, not a URL",
            )
            .with_hint("private pages load nothing from other hosts: put the file in static/"),
        );
        return None;
    }
    let served = v.strip_prefix("static/").unwrap_or(v);
    if v.split('/').any(|seg| seg == "..") || !loaded.theme.static_files.contains_key(served) {
        diags.push(
            err_at(file, l, "reference", format!("logo `{v}` not found"))
                .with_hint("put the logo under static/ and write logo = \"static/<file>\""),
        );
        return None;
    }
    Some(served.to_string())
}

pub(crate) fn check_currency(
    file: &SourceFile,
    c: &toml::Spanned<String>,
    diags: &mut Diagnostics,
) -> String {
    let v = c.get_ref();
    if v.len() == 3 && v.chars().all(|c| c.is_ascii_uppercase()) {
        v.clone()
    } else {
        diags.push(
            err_at(
                file,
                c,
                "invalid-currency",
                format!("currency `{v}` is not an ISO 4217 code"),
            )
            .with_hint("use three capital letters, e.g. \"USD\" or \"EUR\""),
        );
        "USD".to_string()
    }
}

fn validate_images(file: &SourceFile, raw: &RawImages, diags: &mut Diagnostics) -> ImageSettings {
    let mut widths = match &raw.widths {
        Some(w) => {
            let bad = w.get_ref().iter().any(|&x| !(16..=8192).contains(&x));
            if w.get_ref().is_empty() || bad {
                diags.push(err_at(
                    file,
                    w,
                    "invalid-value",
                    "image widths must be 16–8192 pixels, at least one",
                ));
            }
            w.get_ref()
                .iter()
                .copied()
                .filter(|x| (16..=8192).contains(x))
                .collect()
        }
        None => vec![320, 640, 1280],
    };
    widths.sort_unstable();
    widths.dedup();
    if widths.is_empty() {
        widths.push(640);
    }
    let quality = match &raw.quality {
        Some(q) if !(1..=100).contains(q.get_ref()) => {
            diags.push(err_at(file, q, "invalid-value", "quality must be 1–100"));
            80
        }
        Some(q) => *q.get_ref(),
        None => 80,
    };
    ImageSettings {
        widths,
        format: raw.format.unwrap_or(ImageFormat::Webp),
        quality,
    }
}

fn placeholder_creator(handle: Handle) -> Creator {
    Creator {
        name: handle.to_string(),
        path: format!("content/creators/{handle}.toml"),
        handle,
        email: None,
        manager: None,
        location: None,
        niches: Vec::new(),
        languages: Vec::new(),
        notes: None,
        platforms: Vec::new(),
        audience: None,
        rates: BTreeMap::new(),
        scorecard: Vec::new(),
        status: CreatorStatus::Vetted,
        extra: toml::Table::new(),
    }
}

fn validate_creator(p: &Parsed<RawCreator>, diags: &mut Diagnostics) -> Option<Creator> {
    let file = &p.file;
    let stem = file.rel.rsplit('/').next()?.trim_end_matches(".toml");
    if !check_stem_id(&file.rel, stem, "creator handle", diags) {
        return None;
    }
    let raw = p.raw.as_ref()?;
    let mut scorecard = Vec::new();
    if let Some(s) = &raw.scorecard {
        for (name, v) in [
            ("audience_fit", &s.audience_fit),
            ("content_quality", &s.content_quality),
            ("reliability", &s.reliability),
            ("brand_alignment", &s.brand_alignment),
            ("brand_safety", &s.brand_safety),
        ] {
            if let Some(v) = v {
                if (1..=5).contains(v.get_ref()) {
                    scorecard.push((name.to_string(), *v.get_ref()));
                } else {
                    diags.push(err_at(
                        file,
                        v,
                        "invalid-value",
                        format!("{name} must be 1–5"),
                    ));
                }
            }
        }
    }
    Some(Creator {
        handle: Handle::new_unchecked(stem),
        path: file.rel.clone(),
        name: raw.name.clone().unwrap_or_else(|| stem.to_string()),
        email: links::keep_link(
            file,
            "email",
            raw.email.as_ref(),
            links::LinkKind::Email,
            diags,
        ),
        manager: raw.manager.clone(),
        location: raw.location.clone(),
        niches: raw.niches.clone(),
        languages: raw.languages.clone(),
        notes: raw.notes.clone(),
        platforms: raw
            .platforms
            .iter()
            .map(|p| CreatorPlatform {
                name: p.name,
                handle: p.handle.clone(),
                url: links::keep_link(
                    file,
                    "platforms.url",
                    p.url.as_ref(),
                    links::LinkKind::Web,
                    diags,
                ),
                followers: p.followers,
                avg_engagement_rate: p.avg_engagement_rate,
            })
            .collect(),
        audience: raw.audience.as_ref().map(|a| CreatorAudience {
            top_countries: a.top_countries.clone(),
            female_share: a.female_share,
            age_18_34_share: a.age_18_34_share,
        }),
        rates: raw.rates.clone(),
        scorecard,
        status: raw.status.unwrap_or(CreatorStatus::Vetted),
        extra: raw.extra.clone().unwrap_or_default(),
    })
}
