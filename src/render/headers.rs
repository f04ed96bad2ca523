//! The HTTP headers a published site asks for, in one place: written to `_headers` for hosts
//! that read it and sent by `campsite serve`. Pages may run only their own scripts; media can
//! never run at all.

/// The policy of every page: scripts only from the site itself (no inline scripts or
/// handlers), nothing from other hosts. `frame-ancestors` only works as a header.
pub const PAGE_CSP: &str = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; media-src 'self' blob:; font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'";

/// The policy of files under `/media/`: a sandbox with no scripts, no plugins and a unique
/// origin, so an SVG or any file a browser might render cannot reach the site's pages.
pub const MEDIA_CSP: &str =
    "sandbox; default-src 'none'; img-src 'self'; media-src 'self'; style-src 'unsafe-inline'";

/// Headers for one site path, beyond those every answer carries (`nosniff`).
pub fn for_path(path: &str) -> Vec<(&'static str, &'static str)> {
    if path.starts_with("media/") {
        vec![
            ("Content-Security-Policy", MEDIA_CSP),
            ("Content-Disposition", "attachment"),
        ]
    } else {
        vec![
            ("Content-Security-Policy", PAGE_CSP),
            ("X-Frame-Options", "DENY"),
        ]
    }
}

/// Rules for hosts that read a `_headers` file (Netlify, Cloudflare Pages): every path matching
/// a rule gets its headers.
pub fn headers_file() -> String {
    let private = "  X-Robots-Tag: noindex, nofollow\n  Referrer-Policy: no-referrer\n";
    let mut s = String::new();
    s.push_str(&format!("/b/*\n{private}  Cache-Control: no-store\n"));
    s.push_str(&format!("/r/*\n{private}"));
    s.push_str(&format!("/p/*\n{private}"));
    s.push_str("/kit/*\n  X-Robots-Tag: noindex\n  Referrer-Policy: no-referrer\n");
    s.push_str(&format!("/team/*\n{private}"));
    s.push_str("/media/*\n  X-Content-Type-Options: nosniff\n");
    for (k, v) in for_path("media/x") {
        s.push_str(&format!("  {k}: {v}\n"));
    }
    s.push_str("/*\n  X-Content-Type-Options: nosniff\n");
    s.push_str(&format!(
        "  Content-Security-Policy: {PAGE_CSP}\n  X-Frame-Options: DENY\n"
    ));
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn media_is_sandboxed_and_pages_run_only_their_scripts() {
        let h = headers_file();
        let media = h
            .split("\n/")
            .find(|b| b.starts_with("media/*"))
            .unwrap_or("");
        assert!(media.contains("Content-Security-Policy: sandbox"), "{h}");
        assert!(media.contains("Content-Disposition: attachment"), "{h}");
        assert!(PAGE_CSP.contains("script-src 'self';"));
        assert!(
            !PAGE_CSP
                .split(';')
                .any(|d| d.trim().starts_with("script-src") && d.contains("unsafe"))
        );
    }
}
