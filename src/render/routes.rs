//! The site map (SPEC §3): where each page and file lands, and relative links between them.

/// Folder of a brief page.
pub fn brief_dir(token: &str) -> String {
    format!("b/{token}/")
}

/// Folder of a report page.
pub fn report_dir(token: &str) -> String {
    format!("r/{token}/")
}

/// Folder of a campaign's plan (a private link like a report's).
pub fn plan_dir(token: &str) -> String {
    format!("p/{token}/")
}

/// Folder of a campaign's brand-kit page.
pub fn kit_dir(campaign: &str) -> String {
    format!("kit/{campaign}/")
}

/// Team: a campaign overview.
pub fn team_campaign_dir(campaign: &str) -> String {
    format!("team/campaigns/{campaign}/")
}

/// Team: a creator's roster page.
pub fn team_creator_dir(handle: &str) -> String {
    format!("team/creators/{handle}/")
}

/// Team: the roster.
pub const TEAM_CREATORS: &str = "team/creators/";
/// Team: the dashboard.
pub const TEAM_HOME: &str = "team/";
/// Team: the private links.
pub const TEAM_LINKS: &str = "team/links/";

/// Where an asset's original file is published: `media/<asset id>`.
pub fn media_path(asset_id: &str) -> String {
    format!("media/{asset_id}")
}

/// A site path as a URL path: each segment percent-encoded.
pub fn url_path(path: &str) -> String {
    path.split('/')
        .map(url_segment)
        .collect::<Vec<_>>()
        .join("/")
}

/// The `index.html` of a folder route.
pub fn index_of(dir: &str) -> String {
    format!("{dir}index.html")
}

/// The prefix from a file at `path` back to the site root: `""`, `"../"`, `"../../"`.
pub fn root_prefix(path: &str) -> String {
    "../".repeat(path.matches('/').count())
}

/// Percent-encodes a path segment (keeps unreserved characters).
pub fn url_segment(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b'~') {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prefixes() {
        assert_eq!(root_prefix("index.html"), "");
        assert_eq!(root_prefix("b/tok/index.html"), "../../");
        assert_eq!(
            url_path(&media_path("brand/My Logo.png")),
            "media/brand/My%20Logo.png"
        );
    }
}
