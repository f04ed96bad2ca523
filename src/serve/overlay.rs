//! What `serve` adds to the HTML it sends (never to built sites): the live-reload script and,
//! after a failed rebuild, an overlay listing the diagnostics, HTML-escaped.

/// The path the live-reload script long-polls.
pub const POLL_PATH: &str = "/__campsite/poll";

/// The path of the live-reload script (a file, so that pages keep `script-src 'self'`).
pub const RELOAD_JS_PATH: &str = "/__campsite/reload.js";

/// The live-reload script (`reload.js`): it long-polls [`POLL_PATH`] with the version its tag
/// carries and its page's path; it reloads when the answer says that page changed (keeping the
/// scroll position), swaps changed stylesheets in place, and wires the overlay's dismiss button
/// (no inline handlers).
pub const RELOAD_JS: &str = include_str!("reload.js");

/// The tag that loads [`RELOAD_JS`] for a page served at `version`.
pub fn reload_script(version: u64) -> String {
    format!(
        "<script src=\"{RELOAD_JS_PATH}\" data-poll=\"{POLL_PATH}\" data-version=\"{version}\" defer></script>"
    )
}

/// The error overlay for the diagnostics of a failed rebuild (`diagnostics` is plain text).
pub fn overlay(diagnostics: &str) -> String {
    format!(
        "<div id=\"campsite-overlay\" role=\"alert\" style=\"position:fixed;inset:0;z-index:2147483647;\
overflow:auto;margin:0;padding:1.5rem;background:rgba(24,24,27,.95);color:#fafafa;\
font:14px/1.5 ui-monospace,monospace\">\
<p style=\"margin:0 0 1rem;font-weight:bold;color:#fca5a5\">campsite: the last rebuild failed. \
This page is the last good build; fix the files below and it reloads.</p>\
<button type=\"button\" id=\"campsite-overlay-dismiss\" style=\"position:absolute;top:1rem;right:1rem\">dismiss</button>\
<pre style=\"white-space:pre-wrap;margin:0\">{}</pre></div>",
        crate::render::escape::html(diagnostics)
    )
}

/// Inserts `extra` before the last `</body>` (any case), or appends it.
pub fn inject(html: &[u8], extra: &str) -> Vec<u8> {
    let at = rfind_ascii_ci(html, b"</body>").unwrap_or(html.len());
    let mut out = Vec::with_capacity(html.len() + extra.len());
    out.extend_from_slice(html.get(..at).unwrap_or(html));
    out.extend_from_slice(extra.as_bytes());
    out.extend_from_slice(html.get(at..).unwrap_or_default());
    out
}

fn rfind_ascii_ci(hay: &[u8], needle: &[u8]) -> Option<usize> {
    if needle.len() > hay.len() {
        return None;
    }
    (0..=hay.len() - needle.len()).rev().find(|&i| {
        hay.get(i..i + needle.len())
            .is_some_and(|w| w.eq_ignore_ascii_case(needle))
    })
}

/// A whole page for when no build has succeeded yet.
pub fn failure_page(diagnostics: &str, version: u64) -> String {
    format!(
        "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>campsite: build failed</title></head>\
<body>{}{}</body></html>",
        overlay(diagnostics),
        reload_script(version)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn overlay_escapes_diagnostics() {
        let o = overlay("a.md:1:1: error: <script>alert(1)</script> & \"x\"");
        assert!(o.contains("&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;x&quot;"));
        assert!(!o.contains("<script>alert"));
    }

    #[test]
    fn injects_before_the_last_body_close() {
        let html = b"<html><body><p>`</body>` in text</p></BODY></html>";
        let out = String::from_utf8(inject(html, "<x>")).unwrap();
        assert_eq!(out, "<html><body><p>`</body>` in text</p><x></BODY></html>");
        assert_eq!(inject(b"<p>no body", "<x>"), b"<p>no body<x>");
    }

    #[test]
    fn script_carries_the_version() {
        assert!(reload_script(42).contains("data-version=\"42\""));
        assert!(!overlay("x").contains("onclick"));
    }
}
