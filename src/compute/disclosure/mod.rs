//! Disclosure: the rule data of each jurisdiction (`disclosure_rules.toml`: tokens per language,
//! default wording, video notes, France's labels, regulator sources, the wording of every verdict
//! per language) and the caption algorithm that judges a caption against it. Used by `render`
//! (the brief's checker data, the report's compliance section and methodology) and by `lint`,
//! which only consumes.

pub mod caption;
pub mod explain;
pub mod rules;

use crate::model::{Brief, Campaign, Config, Deliverable, DeliverableFormat, Language, Platform};
use caption::CaptionRules;

/// The wording a brief shows for a platform: the campaign's own, else the jurisdiction's default
/// in the brief's language.
pub fn wording_for(c: &Campaign, p: Platform, lang: Language) -> String {
    c.disclosure
        .get(&p)
        .cloned()
        .unwrap_or_else(|| rules::rules_for(c.jurisdiction).default_wording(lang))
}

/// Whether a deliverable is a video (the regulator's video note applies to it).
pub fn is_video(d: &Deliverable) -> bool {
    matches!(
        d.format,
        DeliverableFormat::Reel
            | DeliverableFormat::Story
            | DeliverableFormat::Short
            | DeliverableFormat::Video
            | DeliverableFormat::Live
    )
}

/// The language a results row's caption is in: its deliverable's, else its brief's, else the
/// portal's.
pub fn row_language(config: &Config, brief: Option<&Brief>, deliverable: Option<&str>) -> Language {
    let d =
        brief.and_then(|b| deliverable.and_then(|id| b.deliverables.iter().find(|d| d.id == id)));
    d.map(|d| d.language)
        .or(brief.map(|b| b.language))
        .or_else(|| Language::parse(&config.language))
        .unwrap_or(Language::En)
}

/// The rules a caption of one deliverable (or of a post that names none) is judged by:
/// the campaign's, in the post's language, with the labels the deliverable needs.
pub fn rules_for_post(
    config: &Config,
    c: &Campaign,
    brief: Option<&Brief>,
    deliverable: Option<&str>,
) -> CaptionRules {
    let lang = row_language(config, brief, deliverable);
    let ds = brief
        .into_iter()
        .flat_map(|b| b.deliverables.iter())
        .filter(|d| deliverable.is_some_and(|id| d.id == id));
    CaptionRules::for_campaign(config, c, lang).with_labels_of(ds)
}
