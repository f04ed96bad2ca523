//! `Raw*` records: the on-disk format of SPEC §2 exactly as written, before validation.
//!
//! Every table rejects unknown keys; only `extra` is free-form. Closed vocabularies are read as
//! model enums so a typo is reported by the parser with a "did you mean". Field meanings are
//! documented once, in SPEC §2 and `docs/format.md`, not repeated here.
#![allow(missing_docs)]

use crate::model::{values::*, vocabulary::*};
use serde::Deserialize;
use std::collections::BTreeMap;
use toml::Spanned;

/// `portal.toml`.
#[derive(Debug, Clone, Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub struct RawPortal {
    pub title: Option<String>,
    pub base_url: Option<Spanned<String>>,
    pub language: Option<String>,
    pub timezone: Option<Spanned<String>>,
    pub currency: Option<Spanned<String>>,
    pub theme: Option<Spanned<String>>,
    #[serde(default)]
    pub brand: RawBrand,
    #[serde(default)]
    pub privacy: RawPrivacy,
    #[serde(default)]
    pub disclosure: RawPortalDisclosure,
    pub tracking: Option<RawTracking>,
    #[serde(default)]
    pub images: RawImages,
    pub extra: Option<toml::Table>,
}

/// `[brand]`.
#[derive(Debug, Clone, Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub struct RawBrand {
    pub name: Option<String>,
    pub logo: Option<Spanned<String>>,
    pub accent: Option<Spanned<String>>,
    pub contact: Option<Spanned<String>>,
}

/// `[privacy]`.
#[derive(Debug, Clone, Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub struct RawPrivacy {
    pub link_secret: Option<String>,
    pub encrypt: Option<bool>,
}

/// `[disclosure]` of `portal.toml`.
#[derive(Debug, Clone, Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub struct RawPortalDisclosure {
    pub jurisdiction: Option<Jurisdiction>,
    pub caption_cutoff: Option<u32>,
}

/// `[tracking]`: UTM templates.
#[derive(Debug, Clone, Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub struct RawTracking {
    pub utm_source: Option<String>,
    pub utm_medium: Option<String>,
    pub utm_campaign: Option<String>,
    pub utm_content: Option<String>,
    pub utm_term: Option<String>,
}

/// `[images]`.
#[derive(Debug, Clone, Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub struct RawImages {
    pub widths: Option<Spanned<Vec<u32>>>,
    pub format: Option<ImageFormat>,
    pub quality: Option<Spanned<u8>>,
}

/// `content/creators/<handle>.toml`.
#[derive(Debug, Clone, Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub struct RawCreator {
    pub name: Option<String>,
    pub email: Option<Spanned<String>>,
    pub manager: Option<String>,
    pub location: Option<String>,
    #[serde(default)]
    pub niches: Vec<String>,
    #[serde(default)]
    pub languages: Vec<String>,
    pub notes: Option<String>,
    #[serde(default)]
    pub platforms: Vec<RawCreatorPlatform>,
    pub audience: Option<RawAudience>,
    #[serde(default)]
    pub rates: BTreeMap<DeliverableFormat, Money>,
    pub scorecard: Option<RawScorecard>,
    pub status: Option<CreatorStatus>,
    pub extra: Option<toml::Table>,
}

/// `[[platforms]]` of a creator.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawCreatorPlatform {
    pub name: Platform,
    pub handle: Option<String>,
    pub url: Option<Spanned<String>>,
    pub followers: Option<u64>,
    pub avg_engagement_rate: Option<f64>,
}

/// `[audience]` of a creator.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawAudience {
    #[serde(default)]
    pub top_countries: Vec<String>,
    pub female_share: Option<f64>,
    pub age_18_34_share: Option<f64>,
}

/// `[scorecard]` of a creator: 1–5 each.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawScorecard {
    pub audience_fit: Option<Spanned<u8>>,
    pub content_quality: Option<Spanned<u8>>,
    pub reliability: Option<Spanned<u8>>,
    pub brand_alignment: Option<Spanned<u8>>,
    pub brand_safety: Option<Spanned<u8>>,
}

/// `campaign.toml`.
#[derive(Debug, Clone, Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub struct RawCampaign {
    pub title: Option<String>,
    pub status: Option<CampaignStatus>,
    pub start: Option<Date>,
    pub end: Option<Spanned<Date>>,
    pub objective: Option<Objective>,
    pub summary: Option<String>,
    #[serde(default)]
    pub platforms: Vec<Platform>,
    pub format: Option<CampaignFormat>,
    pub landing_page: Option<Spanned<String>>,
    pub currency: Option<Spanned<String>>,
    #[serde(default)]
    pub hashtags: Vec<Spanned<String>>,
    #[serde(default)]
    pub mentions: Vec<Spanned<String>>,
    #[serde(default)]
    pub budget: RawBudget,
    #[serde(default)]
    pub targets: RawTargets,
    #[serde(default)]
    pub forecast: RawTargets,
    #[serde(default)]
    pub disclosure: RawCampaignDisclosure,
    #[serde(default)]
    pub guardrails: RawGuardrails,
    #[serde(default)]
    pub approval: Vec<RawApproval>,
    #[serde(default)]
    pub contacts: Vec<RawContact>,
    pub audience: Option<RawCampaignAudience>,
    pub extra: Option<toml::Table>,
}

/// `[audience]` of a campaign: who it is for (SPEC §6).
#[derive(Debug, Deserialize, Default, Clone)]
#[serde(deny_unknown_fields)]
pub struct RawCampaignAudience {
    #[serde(default)]
    pub countries: Vec<String>,
    #[serde(default)]
    pub languages: Vec<String>,
    #[serde(default)]
    pub niches: Vec<String>,
}

/// `[budget]`.
#[derive(Debug, Clone, Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub struct RawBudget {
    pub total: Option<Money>,
    pub product_cost_per_creator: Option<Money>,
    pub shipping_per_creator: Option<Money>,
}

/// `[targets]` and `[forecast]` are read straight into the model's type (it has no checks to
/// make), which lives in `model` so the model does not depend on `load`.
pub use crate::model::RawTargets;

/// `[disclosure]` of a campaign.
#[derive(Debug, Clone, Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub struct RawCampaignDisclosure {
    #[serde(default)]
    pub wording: BTreeMap<Platform, Spanned<String>>,
    #[serde(default)]
    pub settings: BTreeMap<Platform, String>,
    pub jurisdiction: Option<Jurisdiction>,
}

/// `[guardrails]`.
#[derive(Debug, Clone, Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub struct RawGuardrails {
    #[serde(default)]
    pub key_messages: Vec<String>,
    #[serde(default)]
    pub dos: Vec<String>,
    #[serde(default)]
    pub donts: Vec<String>,
    #[serde(default)]
    pub banned_claims: Vec<String>,
}

/// `[[approval]]`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawApproval {
    pub step: String,
    pub sla_days: Option<u32>,
}

/// `[[contacts]]`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawContact {
    pub name: String,
    pub role: Option<String>,
    pub email: Option<Spanned<String>>,
    pub phone: Option<String>,
}

/// Front matter of `briefs/<handle>.md`.
#[derive(Debug, Clone, Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub struct RawBrief {
    pub version: Option<Spanned<u32>>,
    pub updated: Option<Date>,
    #[serde(default)]
    pub changes: Vec<String>,
    pub why_you: Option<Spanned<String>>,
    pub fee: Option<Money>,
    pub payment_terms: Option<String>,
    pub discount_code: Option<Spanned<String>>,
    #[serde(default)]
    pub revoked: bool,
    pub signed_on: Option<Date>,
    pub language: Option<Language>,
    pub accepted: Option<Spanned<RawAccepted>>,
    pub contract_url: Option<Spanned<String>>,
    pub revision_rounds: Option<u32>,
    pub kill_fee: Option<Money>,
    #[serde(default)]
    pub payments: Vec<Spanned<RawPayment>>,
    #[serde(default)]
    pub deliverables: Vec<RawDeliverable>,
    pub rights: Option<Spanned<RawRights>>,
    pub shipment: Option<RawShipment>,
    pub extra: Option<toml::Table>,
}

/// `accepted = { version, on }` of a brief.
#[derive(Debug, Deserialize, Clone)]
#[serde(deny_unknown_fields)]
pub struct RawAccepted {
    pub version: u32,
    pub on: Option<Date>,
}

/// `[[payments]]` of a brief.
#[derive(Debug, Deserialize, Clone)]
#[serde(deny_unknown_fields)]
pub struct RawPayment {
    pub amount: Spanned<Money>,
    pub after: Option<Spanned<toml::Value>>,
    pub days: Option<i64>,
    pub paid_on: Option<Date>,
}

/// `[[deliverables]]`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawDeliverable {
    pub id: Spanned<String>,
    pub platform: Spanned<Platform>,
    pub format: DeliverableFormat,
    pub count: Option<u32>,
    pub specs: Option<Spanned<String>>,
    pub draft_due: Option<Spanned<Date>>,
    pub live_on: Option<Spanned<Date>>,
    pub status: Option<DeliverableStatus>,
    pub landing_page: Option<Spanned<String>>,
    pub title: Option<String>,
    pub live_at: Option<Spanned<toml::value::Datetime>>,
    pub round: Option<Spanned<u32>>,
    pub feedback: Option<String>,
    pub draft_caption: Option<Spanned<String>>,
    pub language: Option<Language>,
    pub retouched: Option<bool>,
    #[serde(rename = "virtual")]
    pub virtual_image: Option<bool>,
}

/// `[rights]` of a brief or a sidecar.
#[derive(Debug, Deserialize, Default, Clone)]
#[serde(deny_unknown_fields)]
pub struct RawRights {
    #[serde(default)]
    pub channels: Vec<Channel>,
    #[serde(default)]
    pub territory: Vec<String>,
    pub starts: Option<Spanned<toml::Value>>,
    pub duration_days: Option<u32>,
    pub until: Option<Date>,
    pub perpetual: Option<bool>,
    pub exclusivity: Option<String>,
    pub edits_allowed: Option<String>,
    pub ad_code: Option<Spanned<AdCode>>,
    pub inherit: Option<bool>,
}

/// `[shipment]`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawShipment {
    #[serde(default)]
    pub items: Vec<String>,
    pub carrier: Option<String>,
    pub tracking: Option<String>,
    pub shipped_on: Option<Date>,
    pub delivered_on: Option<Date>,
}

/// Front matter of `report.md` (optional).
#[derive(Debug, Clone, Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub struct RawReport {
    pub title: Option<String>,
    #[serde(default)]
    pub show_fees: bool,
    pub as_of: Option<Date>,
    pub show_benchmarks: Option<bool>,
    pub extra: Option<toml::Table>,
}

/// An asset's sidecar `<name>.toml`.
#[derive(Debug, Clone, Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub struct RawSidecar {
    pub title: Option<String>,
    pub kind: Option<AssetKind>,
    pub creator: Option<Spanned<String>>,
    pub campaign: Option<Spanned<String>>,
    #[serde(default)]
    pub tags: Vec<String>,
    pub source_url: Option<Spanned<String>>,
    pub caption: Option<String>,
    pub credit: Option<String>,
    pub poster: Option<Spanned<String>>,
    pub alt: Option<String>,
    pub rights: Option<Spanned<RawRights>>,
    pub extra: Option<toml::Table>,
}
