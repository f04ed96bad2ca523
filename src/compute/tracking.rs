//! Tracking links: the landing page plus UTM parameters from the `[tracking]` templates.

use crate::model::{Brief, Campaign, Config, Deliverable, Handle};
use std::collections::BTreeSet;

/// A built tracking link.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TrackingLink {
    /// The deliverable it is for, when the templates name `{deliverable}`.
    pub deliverable: Option<String>,
    /// The full URL.
    pub url: String,
}

/// The values the `[tracking]` placeholders stand for.
#[derive(Debug, Clone, Copy)]
pub struct Placeholders<'a> {
    /// `{campaign}`: the campaign slug.
    pub campaign: &'a str,
    /// `{creator}`: the creator handle.
    pub creator: &'a str,
    /// `{platform}`: the platform name (`instagram`).
    pub platform: &'a str,
    /// `{deliverable}`: the deliverable id.
    pub deliverable: &'a str,
}

/// Fills one template: placeholders replaced in one pass (a value that itself looks like a
/// placeholder stays as written), trimmed, lowercased.
pub fn fill(template: &str, values: &Placeholders<'_>) -> String {
    let mut out = String::with_capacity(template.len() + 16);
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open..];
        let known = [
            ("{campaign}", values.campaign),
            ("{creator}", values.creator),
            ("{platform}", values.platform),
            ("{deliverable}", values.deliverable),
        ]
        .into_iter()
        .find(|(name, _)| after.starts_with(name));
        match known {
            Some((name, value)) => {
                out.push_str(value);
                rest = &after[name.len()..];
            }
            None => {
                out.push('{');
                rest = &after[1..];
            }
        }
    }
    out.push_str(rest);
    out.trim().to_lowercase()
}

/// True when any template of `config` names `{deliverable}` (one link per deliverable).
pub fn uses_deliverable(config: &Config) -> bool {
    config
        .tracking
        .params
        .iter()
        .any(|(_, t)| t.contains("{deliverable}"))
}

/// Percent-encodes a query value (RFC 3986 unreserved characters kept; space as `%20`; UTF-8
/// bytes of other characters as `%XX` with upper-case hex, as RFC 3986 §2.1 recommends).
pub fn encode_query_value(v: &str) -> String {
    let mut out = String::with_capacity(v.len());
    for b in v.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b'~') {
            out.push(char::from(b));
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// The query string of UTM parameters: each `name=value` with the value filled, lowercased and
/// encoded, in the order of `params`; parameters whose value comes out empty are left out.
pub fn utm_query(params: &[(String, String)], values: &Placeholders<'_>) -> String {
    params
        .iter()
        .filter_map(|(k, t)| {
            let v = fill(t, values);
            (!v.is_empty()).then(|| {
                format!(
                    "{}={}",
                    encode_query_value(&k.trim().to_lowercase()),
                    encode_query_value(&v)
                )
            })
        })
        .collect::<Vec<_>>()
        .join("&")
}

/// The tracking link for one deliverable of a creator.
pub fn link_for(
    config: &Config,
    landing: &str,
    ids: (&Campaign, &Handle),
    d: &Deliverable,
) -> String {
    let (campaign, creator) = ids;
    let values = Placeholders {
        campaign: campaign.slug.as_str(),
        creator: creator.as_str(),
        platform: d.platform.as_str(),
        deliverable: &d.id,
    };
    append_query(landing.trim(), &utm_query(&config.tracking.params, &values))
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
/// or a deliverable has its own landing page, else one per distinct URL (in practice one per
/// platform). Cancelled deliverables get none.
pub fn links_for_brief(config: &Config, campaign: &Campaign, brief: &Brief) -> Vec<TrackingLink> {
    let per_deliverable = uses_deliverable(config);
    let mut out: Vec<TrackingLink> = Vec::new();
    let mut seen = BTreeSet::new();
    for d in &brief.deliverables {
        if d.status == crate::model::DeliverableStatus::Cancelled {
            continue;
        }
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

    const VALUES: Placeholders<'static> = Placeholders {
        campaign: "glow-launch",
        creator: "mia-chen",
        platform: "instagram",
        deliverable: "reel-1",
    };

    fn params(pairs: &[(&str, &str)]) -> Vec<(String, String)> {
        pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect()
    }

    #[test]
    fn fills_every_placeholder() {
        assert_eq!(
            fill("{campaign}/{creator}/{platform}/{deliverable}", &VALUES),
            "glow-launch/mia-chen/instagram/reel-1"
        );
        assert_eq!(fill("{creator}-{deliverable}", &VALUES), "mia-chen-reel-1");
        assert_eq!(fill("influencer", &VALUES), "influencer");
    }

    #[test]
    fn leaves_unknown_braces_and_does_not_refill_values() {
        assert_eq!(fill("{nope}-{creator}", &VALUES), "{nope}-mia-chen");
        let tricky = Placeholders {
            creator: "{platform}",
            ..VALUES
        };
        assert_eq!(fill("{creator}", &tricky), "{platform}");
        assert_eq!(fill("{", &VALUES), "{");
    }

    #[test]
    fn lowercases_values_and_literals() {
        let shouty = Placeholders {
            deliverable: "Reel-1",
            platform: "TikTok",
            ..VALUES
        };
        assert_eq!(
            fill("Spring-{platform}-{deliverable}", &shouty),
            "spring-tiktok-reel-1"
        );
        let q = utm_query(&params(&[("UTM_Source", "{platform}")]), &shouty);
        assert_eq!(q, "utm_source=tiktok");
        assert_eq!(q, q.to_lowercase());
    }

    #[test]
    fn encodes_spaces_and_non_ascii() {
        assert_eq!(encode_query_value("spring sale"), "spring%20sale");
        assert_eq!(encode_query_value("café&x=1"), "caf%C3%A9%26x%3D1");
        assert_eq!(encode_query_value("a+b/c?d#e"), "a%2Bb%2Fc%3Fd%23e");
        let spaced = Placeholders {
            campaign: "Été Glow",
            ..VALUES
        };
        assert_eq!(
            utm_query(&params(&[("utm_campaign", " {campaign} 2026 ")]), &spaced),
            "utm_campaign=%C3%A9t%C3%A9%20glow%202026"
        );
    }

    #[test]
    fn builds_the_whole_query_in_template_order() {
        let p = params(&[
            ("utm_source", "{platform}"),
            ("utm_medium", "influencer"),
            ("utm_campaign", "{campaign}"),
            ("utm_content", "{creator}-{deliverable}"),
            ("utm_term", ""),
        ]);
        assert_eq!(
            append_query("https://lumiere.example/glow", &utm_query(&p, &VALUES)),
            "https://lumiere.example/glow?utm_source=instagram&utm_medium=influencer&utm_campaign=glow-launch&utm_content=mia-chen-reel-1"
        );
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
        assert_eq!(
            append_query("https://a.example/p?", "x=1"),
            "https://a.example/p?x=1"
        );
        assert_eq!(
            append_query("https://a.example/p", ""),
            "https://a.example/p"
        );
    }
}
