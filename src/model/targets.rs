//! `[targets]` and `[forecast]` of a campaign: any subset of the report's metrics, read as
//! written (the file format is the model here; `load::raw` re-exports it under the same name).
#![allow(missing_docs)]

use super::values::Money;
use serde::Deserialize;

/// `[targets]` and `[forecast]`: any subset of the report's metrics.
#[derive(Debug, Deserialize, Default, Clone)]
#[serde(deny_unknown_fields)]
pub struct RawTargets {
    pub impressions: Option<u64>,
    pub reach: Option<u64>,
    pub views: Option<u64>,
    pub likes: Option<u64>,
    pub comments: Option<u64>,
    pub shares: Option<u64>,
    pub saves: Option<u64>,
    pub engagements: Option<u64>,
    pub clicks: Option<u64>,
    pub signups: Option<u64>,
    pub orders: Option<u64>,
    pub conversions: Option<u64>,
    pub revenue: Option<Money>,
    pub posts: Option<u64>,
    pub engagement_rate: Option<f64>,
    pub ctr: Option<f64>,
    pub conversion_rate: Option<f64>,
    pub cpm: Option<Money>,
    pub cpe: Option<Money>,
    pub cpc: Option<Money>,
    pub cpa: Option<Money>,
    pub roas: Option<f64>,
}
