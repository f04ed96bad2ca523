//! View structs: the template contract. Templates see these, never the model; every field is
//! plain data already formatted for people (dates, money), escaped by the template engine.

pub mod assets;
pub mod brief;
pub mod kit;
pub mod report;
pub mod team;

use crate::model::{Audience, Config};
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
    /// Page language.
    pub language: String,
    /// `public` or `team`.
    pub audience: &'static str,
    /// True in the team audience.
    pub team: bool,
    /// `portal.toml` `[extra]`.
    pub extra: toml::Table,
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
            language: config.language.clone(),
            audience: audience.as_str(),
            team: audience == Audience::Team,
            extra: config.extra.clone(),
            base_path: base_path(&config.base_url),
        }
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
        }
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
