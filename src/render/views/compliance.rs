//! The report's compliance section and the disclosure part of its methodology: each post judged
//! by `compute::disclosure` in its language, worded in the report's language, and the regulator
//! sources of the campaign's jurisdiction.

use super::report::{ReportInputs, name_of, post_what};
use crate::compute::disclosure::{
    self,
    caption::{CaptionRules, Disclosure, check_caption},
    rules::Words,
};
use crate::compute::rights;
use crate::model::{Campaign, Config, Language};
use serde::Serialize;

/// One post's compliance.
#[derive(Debug, Clone, Serialize)]
pub struct ComplianceRow {
    /// Creator name.
    pub creator: String,
    /// Platform, format and date.
    pub post: String,
    /// Link to the post.
    pub url: Option<String>,
    /// `disclosed`, `buried`, `vague`, `missing` or `no caption`.
    pub disclosure: String,
    /// Required hashtags and mentions: `all present` or what is missing.
    pub hashtags: String,
    /// Usage rights status of the creator's content today.
    pub rights: &'static str,
    /// Nothing to fix.
    pub ok: bool,
}

/// The disclosure rules the compliance section applies, with the regulator behind each.
#[derive(Debug, Clone, Serialize)]
pub struct DisclosureMethod {
    /// The jurisdiction's name and regulator.
    pub jurisdiction: String,
    /// One line per source.
    pub rules: Vec<DisclosureRule>,
}

/// One source line of [`DisclosureMethod`].
#[derive(Debug, Clone, Serialize)]
pub struct DisclosureRule {
    /// The `check` rule ids it backs.
    pub rules: String,
    /// What the regulator says.
    pub says: String,
    /// The document.
    pub document: String,
    /// Its address.
    pub url: String,
    /// When it was read.
    pub read_on: String,
    /// The pages it was read through, when not the regulator's own.
    pub via: Vec<ReadVia>,
}

/// A secondary page a source was read through.
#[derive(Debug, Clone, Serialize)]
pub struct ReadVia {
    /// Its host, shown.
    pub host: String,
    /// Its address.
    pub url: String,
}

/// A caption's disclosure status word and missing hashtags, mentions and labels, by the same
/// rules as `check` and the brief page's checker (`compute::disclosure`), in the report's words.
fn caption_status(
    caption: Option<&str>,
    rules: &CaptionRules,
    words: &Words,
) -> (String, bool, Vec<String>) {
    let Some(text) = caption.filter(|t| !t.trim().is_empty()) else {
        return (words.status(None).to_string(), false, Vec::new());
    };
    let v = check_caption(text, rules);
    let mut missing = v.missing_hashtags;
    missing.extend(v.missing_mentions);
    missing.extend(v.missing_labels);
    (
        words.status(Some(v.disclosure)).to_string(),
        v.disclosure == Disclosure::Ok,
        missing,
    )
}

pub(super) fn compliance(inp: &ReportInputs<'_>) -> Vec<ComplianceRow> {
    let c = inp.campaign;
    let words = disclosure::rules::words(report_language(inp.config));
    c.results
        .iter()
        .map(|r| {
            let brief = r.creator.as_ref().and_then(|h| c.briefs.get(h));
            let rules = disclosure::rules_for_post(inp.config, c, brief, r.deliverable.as_deref());
            let (disclosure, disclosed, missing) =
                caption_status(r.caption.as_deref(), &rules, &words);
            let rights = brief
                .and_then(|b| b.rights.as_ref().map(|x| rights::window(x, Some(b))))
                .map(|w| rights::status(&w, inp.today).as_str())
                .unwrap_or("unknown");
            ComplianceRow {
                creator: name_of(inp.creators, r.creator.as_ref()),
                post: format!(
                    "{}{}",
                    post_what(r),
                    r.posted_on
                        .map(|d| format!(", {}", d.human()))
                        .unwrap_or_default()
                ),
                url: r.url.clone(),
                disclosure,
                ok: disclosed && missing.is_empty(),
                hashtags: if missing.is_empty() {
                    "all present".into()
                } else {
                    format!("missing {}", missing.join(", "))
                },
                rights,
            }
        })
        .collect()
}

/// The language the report's disclosure words are in: the portal's, when it has a catalog.
fn report_language(config: &Config) -> Language {
    Language::parse(&config.language).unwrap_or(Language::En)
}

/// The disclosure rules in force for the campaign, with their sources, for the methodology.
pub(super) fn disclosure_method(c: &Campaign) -> DisclosureMethod {
    let r = disclosure::rules::rules_for(c.jurisdiction);
    DisclosureMethod {
        jurisdiction: r.name.clone(),
        rules: disclosure::explain::source_lines(c.jurisdiction)
            .into_iter()
            .map(|l| DisclosureRule {
                rules: l.rules,
                says: l.says,
                document: l.document,
                url: l.url,
                read_on: l.read_on,
                via: l
                    .via
                    .into_iter()
                    .map(|(host, url)| ReadVia { host, url })
                    .collect(),
            })
            .collect(),
    }
}
