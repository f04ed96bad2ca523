//! The tag index of the asset library: tag → assets, with a URL-safe slug per tag.

use crate::model::Asset;
use std::collections::BTreeMap;

/// One tag and the assets that carry it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TagEntry {
    /// The tag as written.
    pub tag: String,
    /// Its URL segment (unique within the index).
    pub slug: String,
    /// Asset ids, sorted.
    pub assets: Vec<String>,
}

/// Tags (compared case-insensitively after trimming) with their assets, sorted by tag.
pub fn tag_index(assets: &[Asset]) -> Vec<TagEntry> {
    let mut by_tag: BTreeMap<String, (String, Vec<String>)> = BTreeMap::new();
    for a in assets {
        for t in &a.tags {
            let tag = t.trim();
            if tag.is_empty() {
                continue;
            }
            let e = by_tag
                .entry(tag.to_lowercase())
                .or_insert_with(|| (tag.to_string(), Vec::new()));
            if !e.1.contains(&a.id) {
                e.1.push(a.id.clone());
            }
        }
    }
    let mut used: BTreeMap<String, usize> = BTreeMap::new();
    by_tag
        .into_values()
        .map(|(tag, mut ids)| {
            ids.sort();
            let base = slug(&tag);
            let n = used.entry(base.clone()).or_insert(0);
            *n += 1;
            let slug = if *n == 1 { base } else { format!("{base}-{n}") };
            TagEntry {
                tag,
                slug,
                assets: ids,
            }
        })
        .collect()
}

/// A lowercase slug: letters and digits, other runs become `-`; never empty.
pub fn slug(s: &str) -> String {
    let mut out = String::new();
    for c in s.chars().flat_map(char::to_lowercase) {
        if c.is_alphanumeric() {
            out.push(c);
        } else if !out.ends_with('-') {
            out.push('-');
        }
    }
    let t = out.trim_matches('-');
    if t.is_empty() {
        "tag".to_string()
    } else {
        t.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs() {
        assert_eq!(slug("Before / After"), "before-after");
        assert_eq!(slug("Été"), "été");
        assert_eq!(slug("!!!"), "tag");
    }
}
