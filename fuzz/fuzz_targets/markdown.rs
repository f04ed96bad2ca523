//! Fuzz target: Markdown rendering and sanitising; the output never carries a script or a
//! `javascript:` link.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let html = campsite::render::markdown::render(&text, 1);
    let lower = html.to_lowercase();
    assert!(!lower.contains("<script"), "script survived: {html}");
    assert!(!lower.contains("href=\"javascript:"), "javascript link survived: {html}");
});
