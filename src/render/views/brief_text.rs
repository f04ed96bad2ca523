//! Words and short forms of the brief page: an ad code phrased for the brief's platforms, a
//! time zone's city, an embargo instant, a long URL shortened for display, carriers' tracking
//! pages.

use crate::compute::tracking::encode_query_value;
use crate::i18n::{Catalog, keys};
use crate::model::{AdCode, Platform};
use std::collections::BTreeSet;

/// What an ad code asks of the creator, for the platforms it belongs to and the brief has.
pub fn ad_code_words(code: AdCode, platforms: &BTreeSet<Platform>, w: &Catalog) -> String {
    w.get(match code {
        AdCode::Spark if platforms.contains(&Platform::Tiktok) => keys::AD_SPARK,
        AdCode::Spark => keys::AD_SPARK_NONE,
        AdCode::PartnershipAds if platforms.contains(&Platform::Instagram) => keys::AD_PARTNERSHIP,
        AdCode::PartnershipAds => keys::AD_PARTNERSHIP_NONE,
    })
    .to_string()
}

/// The city of an IANA zone name, for "09:00 Paris time" (`America/New_York` → New York).
pub fn zone_city(tz: &str) -> String {
    tz.rsplit('/').next().unwrap_or(tz).replace('_', " ")
}

/// A local time in `tz` as an RFC 3339 instant with offset.
pub fn instant(t: jiff::civil::DateTime, tz: &str) -> Option<String> {
    let zone = jiff::tz::TimeZone::get(tz).ok()?;
    let ts = zone.to_timestamp(t).ok()?;
    Some(ts.strftime("%Y-%m-%dT%H:%M:%SZ").to_string())
}

/// A long URL shortened for display: host and the start of the path (the copy is whole).
pub fn short_url(url: &str) -> String {
    let rest = url.split_once("://").map_or(url, |(_, r)| r);
    let (host, path) = rest.split_at(rest.find(['/', '?', '#']).unwrap_or(rest.len()));
    let path = path.split(['?', '#']).next().unwrap_or("");
    let mut shown: String = host.trim_start_matches("www.").to_string();
    let path_chars: Vec<char> = path.chars().collect();
    if path_chars.len() > 24 {
        shown.extend(path_chars.iter().take(23));
        shown.push('…');
    } else {
        shown.push_str(path);
        if rest.len() > host.len() + path.len() {
            shown.push('…');
        }
    }
    shown
}

/// The carrier's public tracking page, for carriers we know.
pub fn carrier_tracking_url(carrier: &str, number: &str) -> Option<String> {
    let n = encode_query_value(number.trim());
    if n.is_empty() {
        return None;
    }
    let c = carrier.trim().to_lowercase();
    let url = match c.as_str() {
        "ups" => format!("https://www.ups.com/track?tracknum={n}"),
        "usps" => format!("https://tools.usps.com/go/TrackConfirmAction?tLabels={n}"),
        "fedex" => format!("https://www.fedex.com/fedextrack/?trknbr={n}"),
        "dhl" | "dhl express" => {
            format!("https://www.dhl.com/global-en/home/tracking.html?tracking-id={n}")
        }
        "royal mail" => format!("https://www.royalmail.com/track-your-item#/tracking-results/{n}"),
        "canada post" => format!(
            "https://www.canadapost-postescanada.ca/track-reperage/en#/search?searchFor={n}"
        ),
        "la poste" | "colissimo" => {
            format!("https://www.laposte.fr/outils/suivre-vos-envois?code={n}")
        }
        _ => return None,
    };
    Some(url)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn carriers() {
        assert_eq!(
            carrier_tracking_url("UPS", "1Z999AA10123456784").as_deref(),
            Some("https://www.ups.com/track?tracknum=1Z999AA10123456784")
        );
        assert_eq!(carrier_tracking_url("Bike courier", "42"), None);
    }

    #[test]
    fn long_urls_show_host_and_path_start() {
        assert_eq!(
            short_url("https://www.shop.example/spring?utm_source=x"),
            "shop.example/spring…"
        );
        assert_eq!(short_url("https://shop.example/a"), "shop.example/a");
        assert_eq!(
            short_url("https://shop.example/a-very-long-path-that-goes-on/and-on"),
            // The path is cut after 23 characters.
            "shop.example/a-very-long-path-that-…"
        );
        assert_eq!(zone_city("America/New_York"), "New York");
    }
}
