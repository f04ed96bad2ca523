//! Disclosure: the rule data of each jurisdiction (`disclosure_rules.toml`) and the caption
//! algorithm that judges a caption against it. Used by `validate`, `render` (the brief's checker
//! data, the report's compliance section) and `lint`, which only consumes.

pub mod caption;
pub mod rules;

use crate::model::{Campaign, Platform};

/// The wording a brief shows for a platform: the campaign's own, else the jurisdiction's default.
pub fn wording_for(c: &Campaign, p: Platform) -> String {
    c.disclosure
        .get(&p)
        .cloned()
        .unwrap_or_else(|| rules::rules_for(c.jurisdiction).default_wording)
}
