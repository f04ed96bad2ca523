//! The disclosure rule data (`disclosure_rules.toml`), parsed once and shared by the lint and
//! the brief page's caption checker.

use crate::model::Jurisdiction;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::sync::OnceLock;

/// The rules of one jurisdiction.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct JurisdictionRules {
    /// Who sets the rules.
    pub name: String,
    /// Accepted disclosure tokens.
    pub accepted: Vec<String>,
    /// Vague tokens that do not disclose on their own; `{brand}` stands for the brand's name.
    pub vague: Vec<String>,
    /// Wording a brief shows for a platform the campaign gives none for.
    pub default_wording: String,
}

const RULES_TOML: &str = include_str!("disclosure_rules.toml");

fn all_rules() -> &'static BTreeMap<String, JurisdictionRules> {
    static RULES: OnceLock<BTreeMap<String, JurisdictionRules>> = OnceLock::new();
    RULES.get_or_init(|| {
        // The file is part of the binary and parsed by a unit test, so this cannot fail at run time.
        toml::from_str(RULES_TOML).unwrap_or_default()
    })
}

/// The rules of a jurisdiction.
pub fn rules_for(j: Jurisdiction) -> JurisdictionRules {
    all_rules()
        .get(j.as_str())
        .cloned()
        .unwrap_or_else(|| JurisdictionRules {
            name: j.as_str().to_string(),
            accepted: vec!["#ad".into()],
            vague: Vec::new(),
            default_wording: "#ad".into(),
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_jurisdiction_has_rules() {
        let parsed: BTreeMap<String, JurisdictionRules> =
            toml::from_str(RULES_TOML).expect("disclosure_rules.toml parses");
        for j in Jurisdiction::ALL {
            let r = parsed.get(j.as_str()).expect("rules for each jurisdiction");
            assert!(!r.accepted.is_empty());
            assert!(!r.vague.is_empty());
        }
        assert_eq!(rules_for(Jurisdiction::Fr).default_wording, "Publicité");
    }

    #[test]
    fn no_entry_is_both_accepted_and_vague() {
        for j in Jurisdiction::ALL {
            let r = rules_for(*j);
            for v in &r.vague {
                assert!(
                    !r.accepted.iter().any(|a| a.eq_ignore_ascii_case(v)),
                    "{j}: `{v}` is both accepted and vague"
                );
            }
            assert!(
                r.accepted
                    .iter()
                    .any(|a| a.eq_ignore_ascii_case(&r.default_wording)),
                "{j}: the default wording is not an accepted token"
            );
        }
    }
}
