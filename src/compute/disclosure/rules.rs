//! The disclosure rule data (`disclosure_rules.toml`), parsed once: per jurisdiction the accepted
//! and vague tokens per language, the default wording, the video note, France's labels and the
//! regulator sources; per language the one wording of each verdict.

use crate::model::{Date, Jurisdiction, Language, date_from_toml};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::sync::OnceLock;

/// The whole rule file.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RuleBook {
    /// The wording of the verdicts, by language id.
    pub words: BTreeMap<String, Words>,
    /// The rules by jurisdiction id.
    pub jurisdictions: BTreeMap<String, JurisdictionRules>,
}

/// The accepted and vague tokens of one language.
#[derive(Debug, Clone, Default, Deserialize, Serialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct Tokens {
    /// Accepted disclosure phrases.
    pub accepted: Vec<String>,
    /// Vague phrases that do not disclose on their own; `{brand}` stands for the brand's name.
    pub vague: Vec<String>,
}

/// Labels a deliverable may need besides the disclosure (France).
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Labels {
    /// For a retouched body or face image; the first form is the one shown.
    #[serde(default)]
    pub retouched: Vec<String>,
    /// For a virtual (AI-generated) face or body; the first form is the one shown.
    #[serde(default)]
    pub r#virtual: Vec<String>,
}

/// What a regulator says behind one or more lint rules, and where.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Source {
    /// The lint rule ids it backs (`disclosure-missing`, …).
    pub rules: Vec<String>,
    /// What the document says, in campsite's words.
    pub says: String,
    /// The regulator's document.
    pub document: String,
    /// Its address.
    pub url: String,
    /// The day it was read.
    pub read_on: toml::value::Datetime,
    /// The secondary pages it was read through, when not the regulator's own text.
    #[serde(default)]
    pub read_via: Vec<String>,
}

impl Source {
    /// The day it was read, as `YYYY-MM-DD`.
    pub fn read_on(&self) -> String {
        date_from_toml(&self.read_on)
            .map(Date::iso)
            .unwrap_or_default()
    }
}

/// The rules of one jurisdiction.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct JurisdictionRules {
    /// Who sets the rules.
    pub name: String,
    /// Wording a brief shows for a platform the campaign gives none for, by language id.
    pub default_wording: BTreeMap<String, String>,
    /// A placement note for video posts, by language id.
    #[serde(default)]
    pub video: BTreeMap<String, String>,
    /// Labels for retouched and virtual images.
    #[serde(default)]
    pub labels: Labels,
    /// Tokens by language id.
    pub tokens: BTreeMap<String, Tokens>,
    /// The regulator's documents behind the rules.
    pub sources: Vec<Source>,
}

impl JurisdictionRules {
    /// The tokens of a language (English when the file has none for it; a test makes sure every
    /// jurisdiction lists every language).
    pub fn tokens(&self, lang: Language) -> Tokens {
        self.tokens
            .get(lang.as_str())
            .or_else(|| self.tokens.get(Language::En.as_str()))
            .cloned()
            .unwrap_or_default()
    }

    /// The default wording in a language.
    pub fn default_wording(&self, lang: Language) -> String {
        self.default_wording
            .get(lang.as_str())
            .or_else(|| self.default_wording.get(Language::En.as_str()))
            .cloned()
            .unwrap_or_else(|| "#ad".into())
    }

    /// The video note in a language, if the regulator says where a video's disclosure goes.
    pub fn video_note(&self, lang: Language) -> Option<String> {
        self.video.get(lang.as_str()).cloned()
    }

    /// The sources behind a lint rule.
    pub fn sources_for<'a>(&'a self, rule: &'a str) -> impl Iterator<Item = &'a Source> + 'a {
        self.sources
            .iter()
            .filter(move |s| s.rules.iter().any(|r| r == rule))
    }
}

/// The one human wording of each verdict in one language. `{wording}`, `{cutoff}`, `{tag}`,
/// `{claim}` and `{label}` are filled in by [`fill`] (and by the same step in `checker.js`).
#[derive(Debug, Clone, Default, Deserialize, Serialize, PartialEq, Eq)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct Words {
    /// Disclosed up front.
    pub ok: String,
    /// No disclosure.
    pub missing: String,
    /// Only vague forms.
    pub vague: String,
    /// Only after the cut-off.
    pub after_cutoff: String,
    /// Only in the trailing pile.
    pub buried: String,
    /// A required hashtag is there.
    pub hashtag_ok: String,
    /// A required hashtag is missing.
    pub hashtag_missing: String,
    /// A required mention is there.
    pub mention_ok: String,
    /// A required mention is missing.
    pub mention_missing: String,
    /// A required label is there.
    pub label_ok: String,
    /// A required label is missing.
    pub label_missing: String,
    /// No banned claim found.
    pub banned_none: String,
    /// A banned claim found.
    pub banned: String,
    /// Report column: disclosed.
    pub status_ok: String,
    /// Report column: missing.
    pub status_missing: String,
    /// Report column: vague.
    pub status_vague: String,
    /// Report column: after the cut-off.
    pub status_after_cutoff: String,
    /// Report column: buried.
    pub status_buried: String,
    /// Report column: no caption.
    pub status_none: String,
}

/// Fills `{key}` placeholders of a wording.
pub fn fill(template: &str, values: &[(&str, &str)]) -> String {
    values.iter().fold(template.to_string(), |acc, (k, v)| {
        acc.replace(&format!("{{{k}}}"), v)
    })
}

const RULES_TOML: &str = include_str!("disclosure_rules.toml");

/// The rule file, parsed once. It is part of the binary and parsed by a unit test, so the empty
/// fallback is never used in a released build.
pub fn book() -> &'static RuleBook {
    static BOOK: OnceLock<RuleBook> = OnceLock::new();
    BOOK.get_or_init(|| {
        let mut book = toml::from_str(RULES_TOML).unwrap_or_else(|_| RuleBook {
            words: BTreeMap::new(),
            jurisdictions: BTreeMap::new(),
        });
        // Every jurisdiction has rules (empty when the book has none), so `rules_for` lends them.
        for j in Jurisdiction::ALL {
            book.jurisdictions
                .entry(j.as_str().to_string())
                .or_insert_with(|| JurisdictionRules {
                    name: j.as_str().to_string(),
                    default_wording: BTreeMap::new(),
                    video: BTreeMap::new(),
                    labels: Labels::default(),
                    tokens: BTreeMap::new(),
                    sources: Vec::new(),
                });
        }
        book
    })
}

/// The rules of a jurisdiction, lent from the book (made once per process: a brief page asks
/// for them several times, and copying them cost 3% of a build).
pub fn rules_for(j: Jurisdiction) -> &'static JurisdictionRules {
    &book().jurisdictions[j.as_str()]
}

/// The verdict wording of a language.
pub fn words(lang: Language) -> Words {
    let b = book();
    b.words
        .get(lang.as_str())
        .or_else(|| b.words.get(Language::En.as_str()))
        .cloned()
        .unwrap_or_default()
}

/// The lint rules the sources may back, with what each means in one line (`check --explain`).
pub const DISCLOSURE_RULES: &[(&str, &str)] = &[
    (
        "disclosure-missing",
        "a caption (posted or draft) with no disclosure the jurisdiction accepts in the post's language",
    ),
    (
        "disclosure-vague",
        "a caption whose only disclosure is a form the regulator does not accept on its own",
    ),
    (
        "disclosure-after-cutoff",
        "the accepted disclosure comes only after the \"more\" cut-off (`caption_cutoff` characters)",
    ),
    (
        "disclosure-buried",
        "the accepted disclosure is only inside a trailing pile of three or more hashtags",
    ),
    (
        "disclosure-label",
        "a deliverable marked `retouched` or `virtual` lacks the label the jurisdiction requires",
    ),
];

#[cfg(test)]
mod tests {
    use super::*;

    fn parsed() -> RuleBook {
        toml::from_str(RULES_TOML).expect("disclosure_rules.toml parses")
    }

    #[test]
    fn every_jurisdiction_has_every_language() {
        let b = parsed();
        for j in Jurisdiction::ALL {
            let r = b
                .jurisdictions
                .get(j.as_str())
                .expect("rules for each jurisdiction");
            for l in Language::ALL {
                let t = r
                    .tokens
                    .get(l.as_str())
                    .unwrap_or_else(|| panic!("{j}: no {l} tokens"));
                assert!(
                    !t.accepted.is_empty() && !t.vague.is_empty(),
                    "{j}/{l}: empty list"
                );
                assert!(
                    r.default_wording.contains_key(l.as_str()),
                    "{j}: no {l} default"
                );
                assert!(r.video.contains_key(l.as_str()), "{j}: no {l} video note");
            }
            assert_eq!(
                b.jurisdictions.len(),
                Jurisdiction::ALL.len(),
                "a jurisdiction the enum does not know"
            );
        }
        for l in Language::ALL {
            assert!(b.words.contains_key(l.as_str()), "no verdict words in {l}");
        }
        assert_eq!(
            rules_for(Jurisdiction::Fr).default_wording(Language::Fr),
            "Publicité"
        );
    }

    #[test]
    fn no_entry_is_both_accepted_and_vague_and_defaults_are_accepted() {
        for j in Jurisdiction::ALL {
            let r = rules_for(*j);
            for l in Language::ALL {
                let t = r.tokens(*l);
                for v in &t.vague {
                    assert!(
                        !t.accepted
                            .iter()
                            .any(|a| a.to_lowercase() == v.to_lowercase()),
                        "{j}/{l}: `{v}` is both accepted and vague"
                    );
                }
                let d = r.default_wording(*l).to_lowercase();
                assert!(
                    t.accepted.iter().any(|a| a.to_lowercase() == d),
                    "{j}/{l}: the default wording is not an accepted token"
                );
            }
        }
    }

    #[test]
    fn every_source_backs_known_rules_and_every_rule_has_a_source() {
        let known: Vec<&str> = DISCLOSURE_RULES.iter().map(|(r, _)| *r).collect();
        for j in Jurisdiction::ALL {
            let r = rules_for(*j);
            for s in &r.sources {
                for id in &s.rules {
                    assert!(known.contains(&id.as_str()), "{j}: unknown rule `{id}`");
                }
                assert!(
                    s.url.starts_with("https://"),
                    "{j}: {} has no https address",
                    s.document
                );
                assert_eq!(
                    s.read_on().len(),
                    10,
                    "{j}: {} has no read date",
                    s.document
                );
            }
            for id in &known[..4] {
                assert!(
                    r.sources_for(id).next().is_some(),
                    "{j}: no source for {id}"
                );
            }
        }
        let fr = rules_for(Jurisdiction::Fr);
        assert!(fr.sources_for("disclosure-label").next().is_some());
        assert_eq!(
            fr.labels.retouched.first().map(String::as_str),
            Some("Image retouchée")
        );
        assert_eq!(
            fr.labels.r#virtual.first().map(String::as_str),
            Some("Image virtuelle")
        );
    }

    #[test]
    fn fill_replaces_every_placeholder() {
        let w = words(Language::Es);
        let s = fill(&w.missing, &[("wording", "#publicidad")]);
        assert_eq!(s, "Aún no hay divulgación: empieza con «#publicidad»");
    }
}
