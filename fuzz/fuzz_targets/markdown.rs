//! Fuzz target: Markdown rendering and sanitising; the output never carries a script element or
//! a link whose target is `javascript:` (text that merely reads `href="javascript:` is fine:
//! it is not inside a tag).
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let html = campsite::render::markdown::render(&text, 1);
    let lower = html.to_lowercase();
    assert!(!lower.contains("<script"), "script survived: {html}");
    for (i, _) in lower.match_indices("<a ") {
        let tag = &lower[i..lower[i..].find('>').map_or(lower.len(), |e| i + e)];
        let compact: String = tag.chars().filter(|c| !c.is_whitespace()).collect();
        assert!(
            !compact.contains("href=\"javascript:"),
            "javascript link survived: {html}"
        );
    }
});
