//! Disclosure: the rule data of each jurisdiction (`disclosure_rules.toml`) and the caption
//! algorithm that judges a caption against it. Used by `validate`, `render` (the brief's checker
//! data, the report's compliance section) and `lint`, which only consumes.

pub mod caption;
pub mod rules;
