//! View structs: the template contract. Templates see these, never the model; every field is
//! plain data already formatted for people (dates, money), escaped by the template engine, but
//! the `SafeHtml` ones (rendered Markdown, charts, `<script>` JSON), which templates write with
//! `| safe`.

pub mod asset_register;
pub mod assets;
pub mod brief;
pub mod brief_text;
pub mod calendar;
pub mod chunks;
pub mod compliance;
pub mod creator_page;
pub mod deal;
pub mod history;
pub mod kit;
pub mod overview;
pub mod plan;
pub mod portfolio;
pub mod registers;
pub mod report;
pub mod roster;
pub mod shortlist;
pub mod team;

use crate::model::{Audience, Config};
use crate::render::escape::SafeHtml;
use serde::Serialize;

/// What every page knows about the portal.
#[derive(Debug, Clone, Serialize)]
pub struct SiteView {
    /// Portal title.
    pub title: String,
    /// Brand name.
    pub brand_name: String,
    /// Brand contact e-mail.
    pub contact: Option<String>,
    /// Accent colour, validated `#rrggbb`.
    pub accent: Option<String>,
    /// Logo path from the site root.
    pub logo: Option<String>,
    /// The logo's drawn width at the header's height, in its own aspect ratio.
    pub logo_width: u32,
    /// The header's logo height, CSS px.
    pub logo_height: u32,
    /// Page language.
    pub language: String,
    /// `public` or `team`.
    pub audience: &'static str,
    /// True in the team audience.
    pub team: bool,
    /// `portal.toml` `[extra]`.
    pub extra: toml::Table,
    /// The page policy (`render::headers::PAGE_CSP`), for the `<meta>` of hosts without headers.
    pub csp: SafeHtml,
    /// The path of `base_url`, ending in `/` (`/` for a site at the host's root): for pages
    /// such as the 404, which the host serves at any address.
    pub base_path: String,
}

impl SiteView {
    /// The site view of a config.
    pub fn new(config: &Config, audience: Audience) -> Self {
        SiteView {
            title: config.title.clone(),
            brand_name: config.brand.name.clone(),
            contact: config.brand.contact.clone(),
            accent: config.brand.accent.clone(),
            logo: config.brand.logo.clone(),
            logo_width: logo_width(config.brand.logo_size),
            logo_height: LOGO_HEIGHT,
            language: config.language.clone(),
            audience: audience.as_str(),
            team: audience == Audience::Team,
            extra: config.extra.clone(),
            csp: SafeHtml::from_static(crate::render::headers::PAGE_CSP),
            base_path: base_path(&config.base_url),
        }
    }
}

/// Height of the header logo, CSS px (the theme's `.brand img` draws it at this height).
pub const LOGO_HEIGHT: u32 = 32;
/// Widest the header logo is drawn, CSS px (a very wide wordmark is scaled down to fit).
const LOGO_MAX_WIDTH: u32 = 192;

/// The header logo's width at `LOGO_HEIGHT` in the logo's own aspect ratio; square when unknown.
fn logo_width(size: Option<(u32, u32)>) -> u32 {
    match size {
        Some((w, h)) if w > 0 && h > 0 => {
            let scaled = (u64::from(w) * u64::from(LOGO_HEIGHT) + u64::from(h) / 2) / u64::from(h);
            u32::try_from(scaled)
                .unwrap_or(LOGO_MAX_WIDTH)
                .clamp(1, LOGO_MAX_WIDTH)
        }
        _ => LOGO_HEIGHT,
    }
}

/// `https://host/sub` → `/sub/`; `https://host` → `/`.
fn base_path(base_url: &str) -> String {
    let after_scheme = base_url
        .split_once("://")
        .map_or(base_url, |(_, rest)| rest);
    let path = after_scheme.find('/').map_or("", |i| &after_scheme[i..]);
    format!("{}/", path.trim_end_matches('/'))
}

/// Facts about the page being rendered.
#[derive(Debug, Clone, Serialize)]
pub struct PageMeta {
    /// `<title>`.
    pub title: String,
    /// Output path of the page.
    pub path: String,
    /// Prefix back to the site root (`../../`).
    pub root: String,
    /// A private (token) page: `noindex`, no referrer.
    pub private: bool,
    /// Keep out of search engines.
    pub noindex: bool,
    /// Which part of the site: `home`, `brief`, `report`, `kit`, `team`.
    pub section: &'static str,
    /// The page's language when it is not the portal's (a brief's `language`).
    pub lang: Option<crate::model::Language>,
}

impl PageMeta {
    /// Meta for a page at `path`.
    pub fn new(title: impl Into<String>, path: &str, section: &'static str, private: bool) -> Self {
        PageMeta {
            title: title.into(),
            path: path.to_string(),
            root: crate::render::routes::root_prefix(path),
            private,
            noindex: private || section != "home",
            section,
            lang: None,
        }
    }

    /// The same page in `lang`.
    pub fn in_language(mut self, lang: crate::model::Language) -> Self {
        self.lang = Some(lang);
        self
    }
}

/// A label and value pair, for definition lists.
#[derive(Debug, Clone, Serialize)]
pub struct Fact {
    /// Label.
    pub label: String,
    /// Value.
    pub value: String,
}

/// A link with its text.
#[derive(Debug, Clone, Serialize)]
pub struct Link {
    /// Text.
    pub text: String,
    /// Href (relative to the page, or absolute for external).
    pub href: String,
}

/// Formats an optional count for people: `12,345` or `—`.
pub fn count(v: Option<u64>) -> String {
    match v {
        Some(n) => group_digits(n),
        None => "—".to_string(),
    }
}

/// `1234567` → `1,234,567`.
pub fn group_digits(n: u64) -> String {
    let s = n.to_string();
    let mut out = String::with_capacity(s.len() + s.len() / 3);
    for (i, c) in s.chars().enumerate() {
        if i > 0 && (s.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// A fraction as a percentage with one decimal: `4.3%` or `—`.
pub fn percent(v: Option<f64>) -> String {
    match v {
        Some(x) if x.is_finite() => format!("{:.1}%", x * 100.0),
        _ => "—".to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats() {
        assert_eq!(count(Some(1234567)), "1,234,567");
        assert_eq!(count(Some(12)), "12");
        assert_eq!(count(None), "—");
        assert_eq!(percent(Some(0.0435)), "4.3%");
        assert_eq!(percent(None), "—");
    }
}

#[cfg(test)]
mod logo_tests {
    use super::*;

    #[test]
    fn the_header_logo_keeps_its_own_aspect_ratio() {
        // A 240×64 wordmark at 32 px high is 120 px wide, not squeezed into 32×32.
        assert_eq!(logo_width(Some((240, 64))), 120);
        assert_eq!(logo_width(Some((64, 64))), 32);
        assert_eq!(logo_width(Some((20, 64))), 10);
        // Very wide wordmarks are capped; an unknown size draws square, as before.
        assert_eq!(logo_width(Some((4000, 100))), LOGO_MAX_WIDTH);
        assert_eq!(logo_width(None), 32);
        assert_eq!(logo_width(Some((0, 0))), 32);
    }
}
