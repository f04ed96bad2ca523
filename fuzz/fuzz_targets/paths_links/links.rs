//! The link half of the `paths_links` target: URL fragments, a WHATWG-style reading of an
//! `href` (the oracle), and the checks of `validate::links`, `allowed_link`, `SitePath::parse`
//! and `resolve_relative` against it.

use arbitrary::Arbitrary;
use campsite::diagnostics::Diagnostics;
use campsite::load::source::SourceFile;
use campsite::render::SitePath;
use campsite::render::markdown::allowed_link;
use campsite::validate::links::{LinkKind, is_plain_email, is_safe_link, keep_link};
use campsite::validate::resolve_relative;
use std::path::{Component, Path};

/// URL fragments worth combining.
#[derive(Arbitrary, Debug)]
pub enum UrlPiece {
    Javascript,
    Https,
    Http,
    Mailto,
    Data,
    SlashSlash,
    Backslash,
    Tab,
    Newline,
    Nul,
    Space,
    Nbsp,
    IdeographicSpace,
    Soh,
    Del,
    C1,
    Colon,
    Slash,
    Query,
    Hash,
    At,
    Amp,
    Host,
    Percent,
    Raw(String),
}

pub fn url_text(pieces: &[UrlPiece]) -> String {
    pieces
        .iter()
        .map(|p| match p {
            UrlPiece::Javascript => "JaVaScRiPt:",
            UrlPiece::Https => "https://",
            UrlPiece::Http => "http:",
            UrlPiece::Mailto => "mailto:",
            UrlPiece::Data => "data:",
            UrlPiece::SlashSlash => "//",
            UrlPiece::Backslash => "\\",
            UrlPiece::Tab => "\t",
            UrlPiece::Newline => "\n",
            UrlPiece::Nul => "\0",
            UrlPiece::Space => " ",
            UrlPiece::Nbsp => "\u{a0}",
            UrlPiece::IdeographicSpace => "\u{3000}",
            UrlPiece::Soh => "\u{1}",
            UrlPiece::Del => "\u{7f}",
            UrlPiece::C1 => "\u{85}",
            UrlPiece::Colon => ":",
            UrlPiece::Slash => "/",
            UrlPiece::Query => "?cc=x@evil.example",
            UrlPiece::Hash => "#",
            UrlPiece::At => "@",
            UrlPiece::Amp => "&",
            UrlPiece::Host => "a.example",
            UrlPiece::Percent => "%0a",
            UrlPiece::Raw(s) => s.as_str(),
        })
        .collect()
}

/// Where an `href` leads, read as the WHATWG URL parser reads it against an https page.
#[derive(Debug, PartialEq)]
enum Href {
    /// This site: a path, query or fragment.
    SameSite,
    /// `//host…` (or `\\host`, `/\host`): another host over the page's scheme.
    OtherHost,
    /// A scheme and what follows it.
    Scheme(String, String),
}

fn href(s: &str) -> Href {
    let s: String = s
        .trim_matches(|c: char| c <= ' ')
        .chars()
        .filter(|c| !matches!(c, '\t' | '\n' | '\r'))
        .collect();
    if s.starts_with(|c: char| c.is_ascii_alphabetic()) {
        let end = s
            .find(|c: char| !(c.is_ascii_alphanumeric() || "+-.".contains(c)))
            .unwrap_or(s.len());
        if s[end..].starts_with(':') {
            return Href::Scheme(s[..end].to_ascii_lowercase(), s[end + 1..].to_string());
        }
    }
    let mut lead = s.chars().take(2);
    if lead.all(|c| c == '/' || c == '\\') && s.chars().count() >= 2 {
        return Href::OtherHost;
    }
    Href::SameSite
}

fn is_web(h: &Href) -> bool {
    match h {
        Href::SameSite => true,
        Href::OtherHost => false,
        Href::Scheme(s, _) => s == "http" || s == "https",
    }
}

/// An address alone: nothing that could start a query, a fragment or a header, or end an
/// attribute (other characters a browser percent-encodes into the address).
fn address_alone(a: &str) -> bool {
    a.matches('@').count() == 1
        && !a
            .chars()
            .any(|c| c <= ' ' || c == '\u{7f}' || "?&#<>\"'\\/:".contains(c))
}

pub fn check_links(url: &str) {
    if is_safe_link(url) {
        // `keep_link` publishes the value with its whitespace trimmed.
        let h = href(url.trim());
        assert!(
            is_web(&h),
            "is_safe_link({url:?}) but a browser reads {h:?}"
        );
    }
    if is_plain_email(url) {
        assert!(address_alone(url), "is_plain_email({url:?})");
    }
    if allowed_link(url) {
        let h = href(url);
        let ok = match &h {
            Href::Scheme(s, rest) if s == "mailto" => address_alone(rest),
            h => is_web(h),
        };
        assert!(ok, "allowed_link({url:?}) but a browser reads {h:?}");
    }
    // Through `keep_link`, as sidecars and campaign files are read: kept values obey the rule,
    // dropped ones are one warning inside the file.
    let text = format!("source_url = {}\n", toml_string(url));
    let text_len = text.len() - 1;
    let file = SourceFile::decode("x.toml".into(), "x.toml".into(), text.into_bytes())
        .expect("valid UTF-8");
    let lines = file.text.lines().count() as u32;
    for kind in [LinkKind::Web, LinkKind::Email] {
        let mut diags = Diagnostics::new();
        let start = "source_url = ".len();
        let value = toml::Spanned::new(start..text_len, url.to_string());
        match keep_link(&file, "source_url", Some(&value), kind, &mut diags) {
            Some(kept) => {
                assert!(diags.is_empty());
                let h = href(&kept);
                match kind {
                    LinkKind::Web => assert!(is_web(&h), "kept {kept:?}: {h:?}"),
                    LinkKind::Email => assert!(address_alone(&kept), "kept {kept:?}"),
                }
            }
            None => {
                let d: Vec<_> = diags.iter().collect();
                assert_eq!(d.len(), 1, "{d:?}");
                assert_eq!(d[0].path, "x.toml");
                assert!(d[0].line.is_none_or(|l| l >= 1 && l <= lines), "{d:?}");
            }
        }
    }
    // Site paths and asset references built from the same text.
    let (a, b) = url.split_once('\n').unwrap_or((url, ""));
    if SitePath::parse(a).is_some() {
        assert!(
            Path::new(a)
                .components()
                .all(|c| matches!(c, Component::Normal(_))),
            "site path leaves the folder: {a:?}"
        );
    }
    if let Some(id) = resolve_relative(a, b) {
        assert!(
            !id.split('/').any(|s| s == ".."),
            "climbed out: {a:?} + {b:?} = {id:?}"
        );
    }
}

fn toml_string(s: &str) -> String {
    let mut out = String::from("\"");
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c if c.is_control() => out.push_str(&format!("\\u{:04X}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}
