//! Tracking links: the landing page plus UTM parameters from the `[tracking]` templates.

use crate::model::{Campaign, Config, Deliverable, Handle};

/// A built tracking link.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TrackingLink {
    /// The deliverable it is for, when the templates name `{deliverable}`.
    pub deliverable: Option<String>,
    /// The full URL.
    pub url: String,
}

/// Fills one template: placeholders replaced, lowercased.
pub fn fill(
    template: &str,
    campaign: &str,
    creator: &str,
    platform: &str,
    deliverable: &str,
) -> String {
    template
        .replace("{campaign}", campaign)
        .replace("{creator}", creator)
        .replace("{platform}", platform)
        .replace("{deliverable}", deliverable)
        .trim()
        .to_lowercase()
}

/// Percent-encodes a query value (RFC 3986 unreserved characters kept; space as `%20`).
pub fn encode_query_value(v: &str) -> String {
    let mut out = String::with_capacity(v.len());
    for b in v.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b'~') {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// The tracking link for one deliverable of a creator.
pub fn link_for(
    config: &Config,
    landing: &str,
    ids: (&Campaign, &Handle),
    d: &Deliverable,
) -> String {
    let (campaign, creator) = ids;
    let query: Vec<String> = config
        .tracking
        .params
        .iter()
        .map(|(k, t)| {
            let v = fill(
                t,
                campaign.slug.as_str(),
                creator.as_str(),
                d.platform.as_str(),
                &d.id,
            );
            format!("{k}={}", encode_query_value(&v))
        })
        .collect();
    append_query(landing, &query.join("&"))
}

fn append_query(url: &str, query: &str) -> String {
    if query.is_empty() {
        return url.to_string();
    }
    let (base, fragment) = match url.split_once('#') {
        Some((b, f)) => (b, Some(f)),
        None => (url, None),
    };
    let sep = if base.contains('?') {
        if base.ends_with('?') || base.ends_with('&') {
            ""
        } else {
            "&"
        }
    } else {
        "?"
    };
    let mut s = format!("{base}{sep}{query}");
    if let Some(f) = fragment {
        s.push('#');
        s.push_str(f);
    }
    s
}

/// The tracking links of a brief: one per deliverable where the templates use `{deliverable}`
/// or a deliverable has its own landing page, else one per platform.
pub fn links_for_brief(
    config: &Config,
    campaign: &Campaign,
    brief: &crate::model::Brief,
) -> Vec<TrackingLink> {
    let per_deliverable = config
        .tracking
        .params
        .iter()
        .any(|(_, t)| t.contains("{deliverable}"));
    let mut out: Vec<TrackingLink> = Vec::new();
    let mut seen = std::collections::BTreeSet::new();
    for d in &brief.deliverables {
        let Some(landing) = d
            .landing_page
            .as_deref()
            .or(campaign.landing_page.as_deref())
        else {
            continue;
        };
        let url = link_for(config, landing, (campaign, &brief.creator), d);
        if seen.insert(url.clone()) {
            out.push(TrackingLink {
                deliverable: (per_deliverable || d.landing_page.is_some()).then(|| d.id.clone()),
                url,
            });
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fills_and_lowercases() {
        assert_eq!(
            fill(
                "{creator}-{deliverable}",
                "glow",
                "mia",
                "instagram",
                "Reel-1"
            ),
            "mia-reel-1"
        );
        assert_eq!(fill("{platform}", "g", "m", "TikTok", "d"), "tiktok");
    }

    #[test]
    fn encodes_spaces_and_non_ascii() {
        assert_eq!(encode_query_value("spring sale"), "spring%20sale");
        assert_eq!(encode_query_value("café&x=1"), "caf%C3%A9%26x%3D1");
    }

    #[test]
    fn appends_to_existing_query_and_keeps_fragment() {
        assert_eq!(
            append_query("https://a.example/p", "x=1"),
            "https://a.example/p?x=1"
        );
        assert_eq!(
            append_query("https://a.example/p?y=2#top", "x=1"),
            "https://a.example/p?y=2&x=1#top"
        );
    }
}
