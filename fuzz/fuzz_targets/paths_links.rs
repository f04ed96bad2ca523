//! Fuzz target: the path and link rules. A site path that passes `check_site_path` has only
//! plain components; an asset reference resolved by `resolve_relative` never climbs out; a link
//! that passes `allowed_link` is http(s), a bare `mailto:` address or relative — never another
//! scheme, never `//host`.
#![no_main]

use campsite::output::check_site_path;
use campsite::render::markdown::allowed_link;
use campsite::validate::resolve_relative;
use libfuzzer_sys::fuzz_target;
use std::path::{Component, Path};

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let (a, b) = text.split_once('\n').unwrap_or((&text, ""));
    if check_site_path(a) {
        assert!(
            Path::new(a).components().all(|c| matches!(c, Component::Normal(_))),
            "site path leaves the folder: {a:?}"
        );
    }
    if let Some(id) = resolve_relative(a, b) {
        assert!(!id.split('/').any(|s| s == ".."), "climbed out: {a:?} + {b:?} = {id:?}");
    }
    if allowed_link(a) {
        let t: String = a.trim().chars().filter(|c| !c.is_control()).collect();
        let lower = t.to_ascii_lowercase();
        assert!(!lower.starts_with("//") && !lower.starts_with("/\\"), "protocol-relative: {a:?}");
        if let Some(rest) = lower.strip_prefix("mailto:") {
            assert!(!rest.contains('?') && !rest.contains('&'), "mailto with a query: {a:?}");
        } else if let Some((scheme, _)) = lower.split_once(':') {
            let has_scheme = !scheme.contains(['/', '?', '#']);
            assert!(
                !has_scheme || scheme == "http" || scheme == "https",
                "scheme {scheme:?} allowed: {a:?}"
            );
        }
    }
});
