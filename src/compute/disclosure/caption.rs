//! The caption rules, step by step, shared in meaning with the brief page's checker
//! (`themes/default/static/checker.js` implements the same steps; a browser test holds them
//! together on one table of captions).
//!
//! 1. **Tokens**: the caption is read as Unicode code points. A token is a maximal run of word
//!    characters (Alphabetic, Numeric or `_`), optionally led by one `#` or `@` that directly
//!    precedes a word character. Tokens are compared lowercased; everything between tokens
//!    (spaces, punctuation, emoji) is ignored.
//! 2. **Phrases**: a list entry (`paid partnership`, `#ad`, `thanks {brand}`) is tokenised the same
//!    way and matches where its tokens appear consecutively: whole words, case-insensitive.
//!    `{brand}` is expanded to the brand's name and to each required mention.
//! 3. **Trailing pile**: the longest run of `#` tokens that ends the caption; it counts as a pile
//!    when it holds three or more.
//! 4. **Cut-off**: a match is visible when it ends at or before `cutoff` code points.
//! 5. **Disclosure**: `ok` when an accepted phrase is visible and starts before the pile; else
//!    `buried` when an accepted phrase is visible (so it sits in the pile); else `after-cutoff`
//!    when an accepted phrase exists; else `vague` when a vague phrase exists; else `missing`.
//! 6. **Hashtags and mentions**: each required one must appear anywhere (phrase match).
//! 7. **Banned claims**: phrase match with the `#`/`@` of caption tokens ignored, so `#cures`
//!    counts as `cures`.
//! 8. **Labels** (France's "Image retouchée", "Image virtuelle"): each required label must appear
//!    anywhere in one of its forms, matched like banned claims (`#imageretouchée` does not count,
//!    `#image retouchée` does).
//!
//! The tokens are those of the post's language; the words reporting a verdict come from the same
//! rule file, in that language (`Words`).

use super::rules::{Words, fill, rules_for, words};
use crate::model::{Campaign, Config, Deliverable, Jurisdiction, Language};
use serde::{Deserialize, Serialize};

/// Everything the caption rules need: the jurisdiction's token lists in the post's language, the
/// campaign's requirements and the words to report with. Serialised into the brief page as the
/// checker's rule data, so the page holds no rule or wording of its own.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CaptionRules {
    /// Jurisdiction id (`us`, `uk`, `ca`, `fr`, `de`, `au`, `in`, `eu`).
    pub jurisdiction: String,
    /// Language id of the post (`en`, `es`, `fr`, `de`).
    pub language: String,
    /// Accepted disclosure phrases in that language.
    pub accepted: Vec<String>,
    /// Vague phrases (`{brand}` not yet expanded).
    pub vague: Vec<String>,
    /// The brand's name.
    pub brand: String,
    /// Code points before the "more" cut-off.
    pub cutoff: usize,
    /// Required hashtags.
    pub hashtags: Vec<String>,
    /// Required mentions.
    pub mentions: Vec<String>,
    /// Banned claims.
    pub banned: Vec<String>,
    /// Labels the post needs (France: retouched or virtual images).
    #[serde(default)]
    pub labels: Vec<RequiredLabel>,
    /// The disclosure to suggest: the jurisdiction's default wording in the post's language.
    pub wording: String,
    /// The placement note for video posts, if the regulator gives one.
    pub video: Option<String>,
    /// The verdict wording in the post's language.
    pub words: Words,
}

/// A label a post needs, with the forms that satisfy it (the first is shown).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RequiredLabel {
    /// The form shown to the reader.
    pub shown: String,
    /// Every accepted form (whole words, case-insensitive).
    pub forms: Vec<String>,
}

/// Where and for whom a caption is judged.
#[derive(Debug, Clone, Copy)]
pub struct Setting<'a> {
    /// The jurisdiction in force.
    pub jurisdiction: Jurisdiction,
    /// The language of the post.
    pub language: Language,
    /// The brand's name.
    pub brand: &'a str,
    /// Code points before the "more" cut-off.
    pub cutoff: usize,
}

/// The campaign-specific part of [`CaptionRules`].
#[derive(Debug, Clone, Default)]
pub struct CampaignRequirements {
    /// Required hashtags.
    pub hashtags: Vec<String>,
    /// Required mentions.
    pub mentions: Vec<String>,
    /// Banned claims.
    pub banned: Vec<String>,
}

impl CaptionRules {
    /// The rules in force for a campaign's captions in one language.
    pub fn for_campaign(config: &Config, c: &Campaign, language: Language) -> Self {
        Self::new(
            &Setting {
                jurisdiction: c.jurisdiction,
                language,
                brand: &config.brand.name,
                cutoff: config.caption_cutoff,
            },
            CampaignRequirements {
                hashtags: c.hashtags.clone(),
                mentions: c.mentions.clone(),
                banned: c.guardrails.banned_claims.clone(),
            },
        )
    }

    /// The rules for a setting and campaign requirements.
    pub fn new(s: &Setting<'_>, req: CampaignRequirements) -> Self {
        let r = rules_for(s.jurisdiction);
        let tokens = r.tokens(s.language);
        CaptionRules {
            jurisdiction: s.jurisdiction.as_str().to_string(),
            language: s.language.as_str().to_string(),
            accepted: tokens.accepted,
            vague: tokens.vague,
            brand: s.brand.to_string(),
            cutoff: s.cutoff,
            hashtags: req.hashtags,
            mentions: req.mentions,
            banned: req.banned,
            labels: Vec::new(),
            wording: r.default_wording(s.language),
            video: r.video_note(s.language),
            words: words(s.language),
        }
    }

    /// The same rules, also requiring the labels the given deliverables need (each label once).
    pub fn with_labels_of<'d>(mut self, ds: impl IntoIterator<Item = &'d Deliverable>) -> Self {
        let Some(j) = Jurisdiction::parse(&self.jurisdiction) else {
            return self;
        };
        let labels = &rules_for(j).labels;
        for d in ds {
            for (needed, forms) in [
                (d.retouched, &labels.retouched),
                (d.virtual_image, &labels.r#virtual),
            ] {
                let Some(shown) = forms.first().filter(|_| needed) else {
                    continue;
                };
                if !self.labels.iter().any(|l| &l.shown == shown) {
                    self.labels.push(RequiredLabel {
                        shown: shown.clone(),
                        forms: forms.clone(),
                    });
                }
            }
        }
        self
    }
}

/// Where a caption's disclosure stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Disclosure {
    /// An accepted phrase, visible, before any trailing pile.
    Ok,
    /// Accepted only inside a trailing pile of three or more hashtags.
    Buried,
    /// Accepted only after the cut-off.
    AfterCutoff,
    /// Only vague phrases.
    Vague,
    /// Nothing.
    Missing,
}

/// The verdict on one caption (the same shape the browser checker reports).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CaptionVerdict {
    /// Disclosure standing.
    pub disclosure: Disclosure,
    /// Required hashtags not found, as configured.
    pub missing_hashtags: Vec<String>,
    /// Required mentions not found, as configured.
    pub missing_mentions: Vec<String>,
    /// Banned claims found, as configured.
    pub banned: Vec<String>,
    /// Required labels not found (their shown form).
    #[serde(default)]
    pub missing_labels: Vec<String>,
}

impl Words {
    /// The wording of a disclosure standing, filled in for a caption's rules.
    pub fn disclosure(&self, d: Disclosure, rules: &CaptionRules) -> String {
        let t = match d {
            Disclosure::Ok => &self.ok,
            Disclosure::Missing => &self.missing,
            Disclosure::Vague => &self.vague,
            Disclosure::AfterCutoff => &self.after_cutoff,
            Disclosure::Buried => &self.buried,
        };
        fill(
            t,
            &[
                ("wording", &rules.wording),
                ("cutoff", &rules.cutoff.to_string()),
            ],
        )
    }

    /// The report's short word for a standing (`None`: no caption).
    pub fn status(&self, d: Option<Disclosure>) -> &str {
        match d {
            None => &self.status_none,
            Some(Disclosure::Ok) => &self.status_ok,
            Some(Disclosure::Missing) => &self.status_missing,
            Some(Disclosure::Vague) => &self.status_vague,
            Some(Disclosure::AfterCutoff) => &self.status_after_cutoff,
            Some(Disclosure::Buried) => &self.status_buried,
        }
    }
}

/// A token: lowercased text and its code-point span.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Token {
    /// Lowercased text, with any leading `#`/`@`.
    pub text: String,
    /// First code point.
    pub start: usize,
    /// One past the last code point.
    pub end: usize,
}

/// A word character: Alphabetic, Numeric or `_` (JS: `[\p{Alphabetic}\p{N}_]`).
pub fn is_word(c: char) -> bool {
    c.is_alphabetic() || c.is_numeric() || c == '_'
}

/// Step 1: the tokens of `text`.
pub fn tokenize(text: &str) -> Vec<Token> {
    // Walks the text once by (code point, byte) positions; each token's text is sliced from
    // `text` and lowercased (ASCII directly; otherwise by `str::to_lowercase`, whose
    // word-final sigma rule a per-character lowering would miss).
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let byte_at = |i: usize| chars.get(i).map_or(text.len(), |(b, _)| *b);
    let mut out = Vec::new();
    let mut i = 0;
    while let Some(&(_, c)) = chars.get(i) {
        let led = (c == '#' || c == '@') && chars.get(i + 1).is_some_and(|(_, n)| is_word(*n));
        if led || is_word(c) {
            let start = i;
            let mut j = i + 1;
            while chars.get(j).is_some_and(|(_, n)| is_word(*n)) {
                j += 1;
            }
            let raw = text.get(byte_at(start)..byte_at(j)).unwrap_or_default();
            out.push(Token {
                text: if raw.is_ascii() {
                    raw.to_ascii_lowercase()
                } else {
                    raw.to_lowercase()
                },
                start,
                end: j,
            });
            i = j;
        } else {
            i += 1;
        }
    }
    out
}

/// Step 2: token indexes where `phrase` starts; `bare` compares without `#`/`@` on the caption side.
fn find_phrase(tokens: &[Token], phrase: &[Token], bare: bool) -> Vec<usize> {
    if phrase.is_empty() || phrase.len() > tokens.len() {
        return Vec::new();
    }
    fn strip(t: &str, bare: bool) -> &str {
        if bare {
            t.trim_start_matches(['#', '@'])
        } else {
            t
        }
    }
    (0..=tokens.len() - phrase.len())
        .filter(|&i| {
            phrase.iter().enumerate().all(|(k, p)| {
                tokens
                    .get(i + k)
                    .is_some_and(|t| strip(&t.text, bare) == strip(&p.text, bare))
            })
        })
        .collect()
}

/// Expands `{brand}` into the brand's name and each mention (step 2).
fn expand(entry: &str, rules: &CaptionRules) -> Vec<String> {
    if !entry.contains("{brand}") {
        return vec![entry.to_string()];
    }
    std::iter::once(&rules.brand)
        .chain(rules.mentions.iter())
        .map(|b| entry.replace("{brand}", b))
        .collect()
}

/// Step 3: index of the first token of the trailing pile, when it holds three or more hashtags.
fn pile_start(tokens: &[Token]) -> Option<usize> {
    let n = tokens
        .iter()
        .rev()
        .take_while(|t| t.text.starts_with('#'))
        .count();
    (n >= 3).then(|| tokens.len() - n)
}

/// Steps 1–8: the verdict on one caption.
pub fn check_caption(caption: &str, rules: &CaptionRules) -> CaptionVerdict {
    let tokens = tokenize(caption);
    let pile = pile_start(&tokens).unwrap_or(tokens.len());
    let mut visible = false;
    let mut before_pile = false;
    let mut any = false;
    for entry in &rules.accepted {
        let phrase = tokenize(entry);
        for i in find_phrase(&tokens, &phrase, false) {
            any = true;
            let end = tokens
                .get(i + phrase.len() - 1)
                .map_or(usize::MAX, |t| t.end);
            if end <= rules.cutoff {
                visible = true;
                before_pile |= i < pile;
            }
        }
    }
    let vague = rules.vague.iter().flat_map(|e| expand(e, rules)).any(|e| {
        let phrase = tokenize(&e);
        !find_phrase(&tokens, &phrase, false).is_empty()
    });
    let disclosure = match (before_pile, visible, any, vague) {
        (true, _, _, _) => Disclosure::Ok,
        (_, true, _, _) => Disclosure::Buried,
        (_, _, true, _) => Disclosure::AfterCutoff,
        (_, _, _, true) => Disclosure::Vague,
        _ => Disclosure::Missing,
    };
    let absent = |list: &[String]| -> Vec<String> {
        list.iter()
            .filter(|h| find_phrase(&tokens, &tokenize(h), false).is_empty())
            .cloned()
            .collect()
    };
    CaptionVerdict {
        disclosure,
        missing_hashtags: absent(&rules.hashtags),
        missing_mentions: absent(&rules.mentions),
        banned: rules
            .banned
            .iter()
            .filter(|b| !find_phrase(&tokens, &tokenize(b), true).is_empty())
            .cloned()
            .collect(),
        missing_labels: rules
            .labels
            .iter()
            .filter(|l| {
                l.forms
                    .iter()
                    .all(|f| find_phrase(&tokens, &tokenize(f), true).is_empty())
            })
            .map(|l| l.shown.clone())
            .collect(),
    }
}

/// Banned claims found in free text (brief Markdown): `(claim, code-point offset)` of the first
/// occurrence of each, using the same whole-word matching as captions.
pub fn banned_in_text<'a>(text: &str, banned: &'a [String]) -> Vec<(&'a str, usize)> {
    // An ASCII text whose lowercase form does not contain a phrase's first word cannot match
    // the phrase (its tokens are slices of that form): most texts are never tokenised.
    let lower = text.is_ascii().then(|| text.to_ascii_lowercase());
    let phrases: Vec<(&String, Vec<Token>)> = banned
        .iter()
        .map(|b| (b, tokenize(b)))
        .filter(|(_, phrase)| match (&lower, phrase.first()) {
            (Some(lower), Some(first)) => lower.contains(first.text.trim_start_matches(['#', '@'])),
            _ => true,
        })
        .collect();
    if phrases.is_empty() {
        return Vec::new();
    }
    let tokens = tokenize(text);
    phrases
        .iter()
        .filter_map(|(b, phrase)| {
            let i = *find_phrase(&tokens, phrase, true).first()?;
            Some((b.as_str(), tokens.get(i)?.start))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rules() -> CaptionRules {
        CaptionRules::new(
            &Setting {
                jurisdiction: Jurisdiction::Us,
                language: Language::En,
                brand: "Lumière Beauty",
                cutoff: 40,
            },
            CampaignRequirements {
                hashtags: vec!["#GlowWithLumiere".into()],
                mentions: vec!["@lumierebeauty".into()],
                banned: vec!["clinically proven".into()],
            },
        )
    }

    #[test]
    fn banned_claims_match_whole_words_in_any_case() {
        let banned: Vec<String> = ["Clinically Proven", "#cure", "miracle"]
            .map(String::from)
            .to_vec();
        assert_eq!(
            banned_in_text("CLINICALLY   proven!", &banned),
            [("Clinically Proven", 0)]
        );
        assert_eq!(banned_in_text("a #CURE here", &banned), [("#cure", 2)]);
        assert_eq!(banned_in_text("a cure here", &banned), [("#cure", 2)]);
        assert!(banned_in_text("miracles happen; secure", &banned).is_empty());
        assert_eq!(banned_in_text("Ünïcode MIRACLE", &banned), [("miracle", 8)]);
        assert!(banned_in_text("nothing to see", &[]).is_empty());
    }

    #[test]
    fn tokens_keep_hash_and_positions() {
        let t = tokenize("Hé #Ad, @x_1 #");
        let texts: Vec<_> = t.iter().map(|t| t.text.as_str()).collect();
        assert_eq!(texts, ["hé", "#ad", "@x_1"]);
        assert_eq!((t[1].start, t[1].end), (3, 6));
    }

    #[test]
    fn verdicts() {
        let r = rules();
        let v = |c: &str| check_caption(c, &r).disclosure;
        assert_eq!(v("#ad my glow #GlowWithLumiere"), Disclosure::Ok);
        assert_eq!(v("thanks Lumière Beauty!"), Disclosure::Vague);
        assert_eq!(v("love it #sp"), Disclosure::Vague);
        assert_eq!(v("nothing here"), Disclosure::Missing);
        assert_eq!(v("my glow #skin #glow #ad"), Disclosure::Buried);
        assert_eq!(
            v("a very long caption that runs well past the cut-off and then #ad"),
            Disclosure::AfterCutoff
        );
        assert_eq!(v("#adventure time"), Disclosure::Missing);
    }

    #[test]
    fn requirements_and_banned() {
        let r = rules();
        let v = check_caption("#ad CLINICALLY   proven! #glowwithlumiere", &r);
        assert_eq!(v.missing_hashtags, Vec::<String>::new());
        assert_eq!(v.missing_mentions, vec!["@lumierebeauty".to_string()]);
        assert_eq!(v.banned, vec!["clinically proven".to_string()]);
        let found = banned_in_text("It is not\nclinically proven.", &r.banned);
        assert_eq!(found, vec![("clinically proven", 10)]);
    }

    #[test]
    fn tokens_and_words_follow_the_language() {
        let de = |lang| {
            CaptionRules::new(
                &Setting {
                    jurisdiction: Jurisdiction::De,
                    language: lang,
                    brand: "Lumière",
                    cutoff: 125,
                },
                CampaignRequirements::default(),
            )
        };
        let r = de(Language::De);
        assert_eq!(
            check_caption("Werbung: mein Serum", &r).disclosure,
            Disclosure::Ok
        );
        assert_eq!(
            check_caption("#ad mein Serum", &r).disclosure,
            Disclosure::Vague
        );
        assert_eq!(
            r.words.disclosure(Disclosure::Missing, &r),
            "Noch keine Kennzeichnung: beginne mit „Werbung“"
        );
        assert_eq!(
            r.words.status(Some(Disclosure::Buried)),
            "in Hashtags versteckt"
        );
    }

    #[test]
    fn france_needs_the_labels_of_retouched_and_virtual_images() {
        let mut d = Deliverable::new(
            "reel-1",
            crate::model::Platform::Instagram,
            crate::model::DeliverableFormat::Reel,
        );
        d.retouched = true;
        d.virtual_image = true;
        let r = CaptionRules::new(
            &Setting {
                jurisdiction: Jurisdiction::Fr,
                language: Language::Fr,
                brand: "Lumière",
                cutoff: 125,
            },
            CampaignRequirements::default(),
        )
        .with_labels_of([&d]);
        let v = check_caption("Publicité — mon sérum. Images retouchées", &r);
        assert_eq!(v.disclosure, Disclosure::Ok);
        assert_eq!(v.missing_labels, vec!["Image virtuelle".to_string()]);
        let us = rules().with_labels_of([&d]);
        assert!(us.labels.is_empty(), "only France asks for the labels");
    }
}
